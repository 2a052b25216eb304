-- Casework: cases, people and their roles, indicators, places, the timeline
-- and the history of every change. Lists are JSON arrays in TEXT columns.

CREATE TABLE case_refs (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL
) STRICT;

CREATE TABLE cases (
	id TEXT PRIMARY KEY,
	reference TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	summary TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('new', 'investigating', 'charging', 'court', 'closed')),
	outcome TEXT,
	exploitation_types TEXT NOT NULL,
	county_lines INTEGER NOT NULL DEFAULT 0,
	offences TEXT NOT NULL,
	team_id TEXT NOT NULL REFERENCES teams(id),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	search_text TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX cases_team ON cases (team_id, updated_at);
CREATE INDEX cases_status ON cases (status, updated_at);
CREATE INDEX cases_updated ON cases (updated_at, id);

CREATE TABLE case_allocations (
	case_id TEXT NOT NULL REFERENCES cases(id),
	user_id TEXT NOT NULL REFERENCES users(id),
	allocated_at TEXT NOT NULL,
	PRIMARY KEY (case_id, user_id)
) STRICT;
CREATE INDEX case_allocations_user ON case_allocations (user_id);

CREATE TABLE people (
	id TEXT PRIMARY KEY,
	given_names TEXT NOT NULL,
	family_name TEXT NOT NULL,
	aliases TEXT NOT NULL,
	date_of_birth TEXT,
	estimated_age INTEGER,
	age_disputed INTEGER NOT NULL DEFAULT 0,
	gender TEXT,
	nationalities TEXT NOT NULL,
	languages TEXT NOT NULL,
	interpreter_needed INTEGER NOT NULL DEFAULT 0,
	interpreter_language TEXT,
	safe_contact TEXT,
	immigration_status TEXT,
	merged_into TEXT REFERENCES people(id),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Search keys for every name token of a person (given names, family name,
-- aliases): see src/domain/names.c.
CREATE TABLE person_name_keys (
	key TEXT NOT NULL,
	person_id TEXT NOT NULL REFERENCES people(id),
	PRIMARY KEY (key, person_id)
) STRICT;
CREATE INDEX person_name_keys_person ON person_name_keys (person_id);

CREATE TABLE case_people (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	role TEXT NOT NULL CHECK (role IN ('potential_victim', 'suspect', 'witness', 'other')),
	victim_context TEXT,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	UNIQUE (case_id, person_id, role)
) STRICT;
CREATE INDEX case_people_person ON case_people (person_id);

CREATE TABLE indicators (
	id TEXT PRIMARY KEY,
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	code TEXT NOT NULL,
	note TEXT,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	UNIQUE (case_person_id, code)
) STRICT;

CREATE TABLE places (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	kind TEXT NOT NULL CHECK (kind IN ('recruitment', 'transit', 'exploitation')),
	address TEXT,
	postcode TEXT,
	country TEXT,
	date_from TEXT,
	date_to TEXT,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX places_case ON places (case_id);

CREATE TABLE timeline (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	at TEXT NOT NULL,
	author_id TEXT NOT NULL REFERENCES users(id),
	kind TEXT NOT NULL,
	text TEXT,
	sealed_text TEXT
) STRICT;
CREATE INDEX timeline_case ON timeline (case_id, at);

CREATE TABLE history (
	id TEXT PRIMARY KEY,
	record_type TEXT NOT NULL,
	record_id TEXT NOT NULL,
	field TEXT NOT NULL,
	old_value TEXT,
	new_value TEXT,
	actor_id TEXT NOT NULL REFERENCES users(id),
	at TEXT NOT NULL
) STRICT;
CREATE INDEX history_record ON history (record_id, at);
