-- Merging two records of the same person, reversibly.

CREATE TABLE person_merges (
	id TEXT PRIMARY KEY,
	source_id TEXT NOT NULL REFERENCES people(id),
	target_id TEXT NOT NULL REFERENCES people(id),
	moved_links TEXT NOT NULL,
	merged_by TEXT NOT NULL REFERENCES users(id),
	merged_at TEXT NOT NULL,
	undone_by TEXT REFERENCES users(id),
	undone_at TEXT
) STRICT;
CREATE INDEX person_merges_source ON person_merges (source_id, merged_at);
