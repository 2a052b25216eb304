-- The dictionary of name tokens under their fuzzy keys, for finding people
-- by pairs of similar tokens (see domain/names.h). The keys of people
-- already stored are rebuilt when the name index version changes.

CREATE TABLE name_terms (
	key TEXT NOT NULL,
	token TEXT NOT NULL,
	PRIMARY KEY (key, token)
) STRICT;
