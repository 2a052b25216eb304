-- The directory of services the Commissioner's office and the force
-- commission, and a victim's referrals to them: answered (accepted or
-- declined) by the provider's own staff within the service's target,
-- worked and closed with an outcome, or withdrawn by the force. The old
-- support referrals (a line of text with a date) move in as referrals
-- still waiting, with no service and no target.

CREATE TABLE services (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES orgs(id),           -- who commissioned it
	name TEXT NOT NULL,
	provider_org_id TEXT NOT NULL REFERENCES orgs(id),  -- the partner giving it
	kind TEXT NOT NULL CHECK (kind IN ('isva', 'advocacy', 'navigator', 'housing', 'mental_health',
		'legal_advice', 'immigration_advice', 'interpreting', 'substance_misuse', 'other')),
	age_min INTEGER NOT NULL CHECK (age_min >= 0 AND age_min <= 120),
	age_max INTEGER NOT NULL CHECK (age_max >= age_min AND age_max <= 120),
	languages TEXT NOT NULL,                             -- JSON array of ISO 639-1 codes
	area TEXT,
	capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
	response_hours INTEGER NOT NULL CHECK (response_hours >= 1 AND response_hours <= 720),
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX services_org ON services (org_id);
CREATE INDEX services_provider ON services (provider_org_id);

-- service_id is NULL only for a support referral moved from before the
-- directory; provider_name names a provider that does not use Waymark.
-- respond_by is NULL when there is no target (never overdue).
CREATE TABLE service_referrals (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	service_id TEXT REFERENCES services(id),
	provider_org_id TEXT REFERENCES orgs(id),
	provider_name TEXT,
	need TEXT NOT NULL,
	urgency TEXT CHECK (urgency IN ('immediate', 'urgent', 'routine')),
	status TEXT NOT NULL CHECK (status IN ('referred', 'accepted', 'declined', 'in_progress', 'closed',
		'withdrawn')),
	referred_at TEXT NOT NULL,
	respond_by TEXT,
	answered_at TEXT,
	reason TEXT,
	outcome TEXT CHECK (outcome IN ('support_completed', 'victim_declined', 'lost_contact', 'moved_away',
		'other')),
	share_id TEXT REFERENCES shares(id),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX service_referrals_case ON service_referrals (case_id);
CREATE INDEX service_referrals_link ON service_referrals (case_person_id);
CREATE INDEX service_referrals_provider ON service_referrals (provider_org_id, status);
CREATE INDEX service_referrals_service ON service_referrals (service_id);
CREATE INDEX service_referrals_waiting ON service_referrals (status, respond_by);

-- Each status a referral took, when and by whom.
CREATE TABLE service_referral_steps (
	id TEXT PRIMARY KEY,
	referral_id TEXT NOT NULL REFERENCES service_referrals(id),
	status TEXT NOT NULL,
	at TEXT NOT NULL,
	by_user TEXT NOT NULL REFERENCES users(id),
	reason TEXT,
	outcome TEXT
) STRICT;
CREATE INDEX service_referral_steps_referral ON service_referral_steps (referral_id, at);

INSERT INTO service_referrals (id, case_id, case_person_id, service_id, provider_org_id, provider_name,
	need, urgency, status, referred_at, respond_by, created_by, created_at)
SELECT s.id, s.case_id, s.case_person_id, NULL, s.provider_org_id, s.provider_name,
	CASE s.service
		WHEN 'victim_care_contract' THEN 'Modern Slavery Victim Care Contract support (through the NRM)'
		WHEN 'independent_victim_navigator' THEN 'Independent victim navigator'
		WHEN 'icta_guardian' THEN 'Independent Child Trafficking Guardian'
		WHEN 'children_services' THEN 'Children''s social care'
		WHEN 'adult_social_care' THEN 'Adult social care'
		WHEN 'housing' THEN 'Housing or safe accommodation'
		WHEN 'health' THEN 'Health care'
		WHEN 'mental_health' THEN 'Mental health support'
		WHEN 'substance_misuse' THEN 'Drug and alcohol support'
		WHEN 'legal_advice' THEN 'Legal advice'
		WHEN 'victim_support' THEN 'Victim support service funded by the Police and Crime Commissioner'
		WHEN 'other' THEN 'Other'
		ELSE s.service
	END || CASE WHEN s.note IS NULL OR s.note = '' THEN '' ELSE ': ' || s.note END,
	NULL, 'referred', s.referred_on || 'T00:00:00.000Z', NULL, s.created_by, s.created_at
FROM support_referrals s;

INSERT INTO service_referral_steps (id, referral_id, status, at, by_user)
SELECT s.id, s.id, 'referred', s.referred_on || 'T00:00:00.000Z', s.created_by FROM support_referrals s;

DROP TABLE support_referrals;
