-- A child's referral to the Independent Child Trafficking Guardianship
-- service, recorded alongside their NRM referral where the service works
-- with the force, and the share that gives the guardian what they need.

CREATE TABLE guardian_referrals (
	id TEXT PRIMARY KEY,
	referral_id TEXT NOT NULL UNIQUE REFERENCES nrm_referrals(id),
	org_id TEXT NOT NULL REFERENCES orgs(id),
	referred_on TEXT NOT NULL,
	share_id TEXT NOT NULL REFERENCES shares(id),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
