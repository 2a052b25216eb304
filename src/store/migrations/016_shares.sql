-- Sharing with partners: a victim's consent to share (each recorded anew,
-- the latest standing until withdrawn), and the shares themselves: what of
-- one victim's part in a case is shared with which organisation, for what
-- purpose, on what lawful basis, until when; ended early by the force or
-- by the consent it rests on being withdrawn.

CREATE TABLE consents (
	id TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES people(id),
	given INTEGER NOT NULL CHECK (given IN (0, 1)),
	purposes TEXT NOT NULL,       -- JSON array of purposes (empty when refused)
	method TEXT NOT NULL CHECK (method IN ('written', 'verbal', 'easy_read')),
	language TEXT NOT NULL,       -- BCP 47
	interpreter TEXT NOT NULL CHECK (interpreter IN ('none', 'in_person', 'telephone', 'video')),
	recorded_at TEXT NOT NULL,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	withdrawn_at TEXT,
	withdrawn_by TEXT REFERENCES users(id)
) STRICT;
CREATE INDEX consents_person ON consents (person_id, recorded_at);

CREATE TABLE shares (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	org_id TEXT NOT NULL REFERENCES orgs(id),
	sections TEXT NOT NULL,       -- JSON array of sections
	purpose TEXT NOT NULL CHECK (purpose IN ('safeguarding', 'support', 'immigration_advice', 'housing')),
	basis TEXT NOT NULL CHECK (basis IN ('consent', 'child_safeguarding', 'vital_interests', 'legal_duty')),
	reason TEXT,
	expires_on TEXT NOT NULL,     -- the last day it is live
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	ended_at TEXT,
	ended_by TEXT REFERENCES users(id),
	end_reason TEXT CHECK (end_reason IN ('revoked', 'consent_withdrawn')),
	end_note TEXT,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX shares_org ON shares (org_id, expires_on);
CREATE INDEX shares_person ON shares (person_id);
CREATE INDEX shares_case ON shares (case_id);
