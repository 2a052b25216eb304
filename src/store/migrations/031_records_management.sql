-- Information management (issue 21): the force's records managers, who
-- review, retain and dispose of records and answer the requests of the
-- people recorded, and those requests.
--
-- The records_manager role joins the list a user's role is checked
-- against. Widening a CHECK changes no stored row: PostgreSQL replaces the
-- constraint; SQLite cannot alter one, so the table's recorded definition
-- is edited in place and the schema read again, the way SQLite's own
-- documentation gives for loosening a constraint (the CREATE TABLE below
-- then tells every other connection that the schema changed).
-- engine: sqlite
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
	SET sql = replace(sql, '''partner'', ''auditor''))', '''partner'', ''auditor'', ''records_manager''))')
	WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = OFF;
PRAGMA writable_schema = RESET;
-- engine: postgresql
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'supervisor', 'investigator',
	'safeguarding', 'analyst', 'opcc', 'partner', 'auditor', 'records_manager'));
-- engine: both

-- A request from a person recorded, under the Data Protection Act 2018
-- Part 3 (law-enforcement processing) or the UK GDPR (a force's other
-- processing). person_id names the person without a foreign key: the
-- request is the force's record of how it answered, and outlives the
-- person's record when that is disposed of or erased.
CREATE TABLE subject_requests (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES orgs(id),
	person_id TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure', 'restriction')),
	regime TEXT NOT NULL CHECK (regime IN ('part3', 'uk_gdpr')),
	received_on TEXT NOT NULL,
	identity_verified_on TEXT NOT NULL,
	channel TEXT NOT NULL,
	due_on TEXT NOT NULL,            -- one month, as the ICO counts it for the regime
	extended_due_on TEXT,            -- with the reason, when extended
	extension_reason TEXT,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	closed_on TEXT,
	outcome TEXT,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((extended_due_on IS NULL) = (extension_reason IS NULL))
) STRICT;
CREATE INDEX subject_requests_open ON subject_requests (org_id, status, due_on);
CREATE INDEX subject_requests_person ON subject_requests (person_id);

-- A legal hold on a case: nothing of it is disposed of while one is in
-- force (litigation, a public inquiry, an order, an investigation that
-- needs it). It names its reason and the person who answers for it. An
-- open case and an order still in force hold a case without a row here.
CREATE TABLE legal_holds (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	kind TEXT NOT NULL CHECK (kind IN ('litigation', 'public_inquiry', 'order', 'investigation', 'other')),
	reason TEXT NOT NULL,
	owner TEXT NOT NULL,             -- who answers for the hold, by name and post
	placed_by TEXT NOT NULL REFERENCES users(id),
	placed_at TEXT NOT NULL,
	lifted_at TEXT,
	lifted_by TEXT REFERENCES users(id),
	lift_reason TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
) STRICT;
CREATE INDEX legal_holds_case ON legal_holds (case_id);
