-- The rest of the statutory workflow: reconsideration requests and the
-- withdrawal of NRM referrals, a victim's referrals to support services,
-- and Slavery and Trafficking Prevention and Risk Orders with breaches.

ALTER TABLE nrm_referrals ADD COLUMN withdrawal_reason TEXT;

CREATE TABLE nrm_reconsiderations (
	id TEXT PRIMARY KEY,
	referral_id TEXT NOT NULL REFERENCES nrm_referrals(id),
	stage TEXT NOT NULL CHECK (stage IN ('reasonable_grounds', 'conclusive_grounds')),
	requested_on TEXT NOT NULL,
	reasons TEXT NOT NULL,
	requested_by TEXT NOT NULL REFERENCES users(id),
	capacity TEXT NOT NULL CHECK (capacity IN ('first_responder', 'support_provider')),
	outcome TEXT CHECK (outcome IN ('upheld', 'revised')),
	outcome_on TEXT,
	outcome_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX nrm_reconsiderations_referral ON nrm_reconsiderations (referral_id);

-- provider_org_id names a partner organisation when the service is given by
-- one that uses Waymark; its caseworkers are then the person's support
-- provider (they may ask for an NRM decision to be reconsidered).
CREATE TABLE support_referrals (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	service TEXT NOT NULL,
	provider_org_id TEXT REFERENCES orgs(id),
	provider_name TEXT,
	referred_on TEXT NOT NULL,
	note TEXT,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX support_referrals_link ON support_referrals (case_person_id);
CREATE INDEX support_referrals_case ON support_referrals (case_id);

CREATE TABLE orders (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	kind TEXT NOT NULL CHECK (kind IN ('stpo', 'stro', 'interim_stpo', 'interim_stro')),
	court TEXT NOT NULL,
	applicant TEXT NOT NULL,
	made_on TEXT NOT NULL,
	expires_on TEXT,               -- NULL: a prevention order until further order
	prohibitions TEXT NOT NULL,    -- JSON array of strings
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX orders_case ON orders (case_id);
CREATE INDEX orders_person ON orders (person_id);
CREATE INDEX orders_expiry ON orders (expires_on);

CREATE TABLE order_breaches (
	id TEXT PRIMARY KEY,
	order_id TEXT NOT NULL REFERENCES orders(id),
	occurred_on TEXT NOT NULL,
	summary TEXT NOT NULL,
	crime_reference TEXT,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX order_breaches_order ON order_breaches (order_id);
