-- Links across cases. A selector is a phone number, email address,
-- postcode, address, vehicle, bank account, identity document or social
-- media handle recorded in a case. Two selectors of the same kind and
-- normal form are a match, wherever they were recorded; match_key is a
-- keyed hash of the two (src/lib/seal.h), so a sealed selector matches
-- without its value being stored in the clear.
CREATE TABLE selectors (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'postcode', 'address', 'vehicle',
					   'bank_account', 'identity_document', 'social_handle')),
	value TEXT,        -- as written (JSON: a string, or an object for the kinds with parts); NULL when sealed
	normalised TEXT,   -- the normal form (src/domain/selectors.h); NULL when sealed
	sealed_value TEXT, -- when sealed: {"value", "normalised"} as JSON, sealed (src/lib/seal.h)
	match_key TEXT NOT NULL,
	about_person_id TEXT REFERENCES people(id),
	-- The 3x5x2 intelligence grading, all three or none.
	source_evaluation INTEGER CHECK (source_evaluation BETWEEN 1 AND 3),
	intelligence_assessment TEXT CHECK (intelligence_assessment IN ('A', 'B', 'C', 'D', 'E')),
	handling_code TEXT CHECK (handling_code IN ('P', 'C')),
	context TEXT,      -- where it was found, for those who may read the case
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((value IS NULL) = (sealed_value IS NOT NULL)),
	CHECK ((source_evaluation IS NULL) = (intelligence_assessment IS NULL)
	       AND (source_evaluation IS NULL) = (handling_code IS NULL))
) STRICT;
CREATE INDEX selectors_match ON selectors (match_key);
CREATE INDEX selectors_case ON selectors (case_id);
CREATE INDEX selectors_person ON selectors (about_person_id);

-- Whom another organisation calls about a match in one of this
-- organisation's cases: set by its administrator.
CREATE TABLE deconfliction_contacts (
	org_id TEXT PRIMARY KEY REFERENCES orgs(id),
	role TEXT NOT NULL,    -- such as "Force Intelligence Bureau, deconfliction desk"
	contact TEXT NOT NULL, -- how to reach it: a telephone number, a mailbox
	updated_by TEXT NOT NULL REFERENCES users(id),
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- A match seen by someone who may not read the other case: one notice per
-- pair of selectors (selector_lo < selector_hi), whichever side looked
-- first. Its number is what both sides quote when they talk.
CREATE TABLE link_notices (
	id TEXT PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,
	selector_lo TEXT NOT NULL REFERENCES selectors(id),
	selector_hi TEXT NOT NULL REFERENCES selectors(id),
	raised_by_selector TEXT NOT NULL REFERENCES selectors(id),
	raised_by_org TEXT NOT NULL REFERENCES orgs(id),
	raised_by_user TEXT NOT NULL REFERENCES users(id),
	raised_at TEXT NOT NULL,
	-- The other side's owners saw the worklist item and took it up.
	acknowledged_by TEXT REFERENCES users(id),
	acknowledged_at TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (selector_lo, selector_hi),
	CHECK (selector_lo < selector_hi),
	CHECK (raised_by_selector IN (selector_lo, selector_hi))
) STRICT;
CREATE INDEX link_notices_hi ON link_notices (selector_hi);

-- The network joins cases through a place's postcode.
CREATE INDEX places_postcode ON places (postcode);
