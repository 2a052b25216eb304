-- Retention, review and disposal (issue 21): the retention groups of the
-- College of Policing APP on the management of police information, as a
-- case and each person in it carry them, and the reviews that retain or
-- dispose of them. The default groups and periods are a table in
-- src/domain/retention.c; what is kept here is what people decided.

-- An administrator's change to the periods: each change is a new row
-- holding the whole table as JSON ([{group, review_years, clear_years}]),
-- so every earlier setting stays as history. No row: the defaults, as
-- version 1; the first change is version 2.
CREATE TABLE retention_rule_sets (
	version INTEGER PRIMARY KEY,
	rules TEXT NOT NULL,
	changed_by TEXT NOT NULL REFERENCES users(id),
	changed_at TEXT NOT NULL
) STRICT;

-- A case's retention record: its group when a records manager set it (with
-- the reason), and the next review a review set. No row: the rules decide
-- both, at version 1; the first change writes the row at version 2. No
-- foreign key: the row outlives a disposed case's content, as the stub does.
CREATE TABLE case_retention (
	case_id TEXT PRIMARY KEY,
	grp TEXT CHECK (grp IN ('group_1', 'group_2', 'group_3')),
	reason TEXT,
	next_review_on TEXT,
	updated_by TEXT NOT NULL REFERENCES users(id),
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL,
	CHECK ((grp IS NULL) = (reason IS NULL))
) STRICT;

-- A person's group within a case, where it does not follow the case's: a
-- victim's or witness's record follows the case unless a reason is kept.
CREATE TABLE person_retention (
	case_id TEXT NOT NULL,
	person_id TEXT NOT NULL,
	grp TEXT NOT NULL CHECK (grp IN ('group_1', 'group_2', 'group_3')),
	reason TEXT NOT NULL,
	updated_by TEXT NOT NULL REFERENCES users(id),
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL,
	PRIMARY KEY (case_id, person_id)
) STRICT;

-- A review's decision. What a disposed case's stub shows (its reference,
-- dates and group) is copied here when decided, so the list of disposals
-- needs nothing of the case's content.
CREATE TABLE retention_reviews (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL,
	org_id TEXT NOT NULL REFERENCES orgs(id),
	reference TEXT NOT NULL,
	opened_on TEXT NOT NULL,
	closed_on TEXT,
	grp TEXT NOT NULL CHECK (grp IN ('group_1', 'group_2', 'group_3')),
	decision TEXT NOT NULL CHECK (decision IN ('retain', 'dispose')),
	reason TEXT NOT NULL,
	next_review_on TEXT,
	was_due_on TEXT,
	decided_by TEXT NOT NULL REFERENCES users(id),
	decided_at TEXT NOT NULL,
	CHECK ((decision = 'retain') = (next_review_on IS NOT NULL))
) STRICT;
CREATE INDEX retention_reviews_case ON retention_reviews (case_id, decided_at);
CREATE INDEX retention_reviews_org ON retention_reviews (org_id, decided_at);
