-- Disposal after review (issue 21, src/store/disposal.c, docs/records.md).
-- A disposed case keeps its row with only what the figures need, and says
-- when it was disposed of; a disposed person keeps their row blanked to the
-- non-identifying facts the figures count (gender, nationalities, age at
-- first identification), and says when.
ALTER TABLE cases ADD COLUMN disposed_at TEXT;
ALTER TABLE people ADD COLUMN disposed_at TEXT;

-- The stub of a disposed case: what was disposed of, when, on whose
-- decision and why. The reason is the records manager's words, kept as the
-- force's account of the decision.
CREATE TABLE case_disposals (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
	reference TEXT NOT NULL,
	opened_on TEXT NOT NULL,          -- the day the case was opened
	closed_on TEXT,                   -- the day it was last closed, when known
	retention_group TEXT,             -- the group it was reviewed under
	decided_by TEXT NOT NULL REFERENCES users(id),
	reason TEXT NOT NULL,
	review_id TEXT,                   -- the review that decided it, when recorded
	disposed_at TEXT NOT NULL,
	people_disposed INTEGER NOT NULL,
	people_kept INTEGER NOT NULL      -- also in a case retained: their record stays
) STRICT;
CREATE INDEX case_disposals_at ON case_disposals (disposed_at);

-- A person's record disposed of on its own (erasure), or as part of a case.
CREATE TABLE person_disposals (
	id TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES people(id),
	case_id TEXT REFERENCES cases(id),   -- the case whose disposal took it, or NULL
	request_id TEXT,                     -- the erasure request, or NULL
	decided_by TEXT NOT NULL REFERENCES users(id),
	reason TEXT NOT NULL,
	disposed_at TEXT NOT NULL
) STRICT;
CREATE INDEX person_disposals_person ON person_disposals (person_id);

-- What a disposal finds by person or case that nothing else looked up so.
CREATE INDEX documents_person ON documents (person_id);
CREATE INDEX missing_associations_person ON missing_associations (person_id);
CREATE INDEX feedback_invitations_case ON feedback_invitations (case_id);
CREATE INDEX feedback_invitations_link ON feedback_invitations (link_id);
