-- The right people on every case: staff profiles, absences, the training
-- register, and who leads each case (allocation history, overrides kept).

CREATE TABLE staff_profiles (
	user_id TEXT PRIMARY KEY REFERENCES users(id),
	rank TEXT,                         -- rank or grade
	pip_level INTEGER NOT NULL DEFAULT 0 CHECK (pip_level BETWEEN 0 AND 4),
	pip_accredited_on TEXT,
	capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
	languages TEXT NOT NULL DEFAULT '[]', -- JSON [{"tag": "sq", "proficiency": "fluent"}]
	updated_by TEXT REFERENCES users(id),
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL
) STRICT;

CREATE TABLE staff_absences (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	kind TEXT NOT NULL CHECK (kind IN ('leave', 'course', 'sickness', 'other')),
	starts_on TEXT NOT NULL,
	ends_on TEXT NOT NULL,
	note TEXT,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX staff_absences_user ON staff_absences (user_id, ends_on);

CREATE TABLE training_records (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	course TEXT NOT NULL,
	provider TEXT NOT NULL,
	completed_on TEXT NOT NULL,
	expires_on TEXT NOT NULL,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX training_records_user ON training_records (user_id, course, expires_on);
CREATE INDEX training_records_expiry ON training_records (expires_on);

-- Who leads each case, over time: the current lead has no ended_at.
CREATE TABLE case_leads (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	user_id TEXT NOT NULL REFERENCES users(id),
	allocated_by TEXT NOT NULL REFERENCES users(id),
	allocated_at TEXT NOT NULL,
	failed_requirements TEXT NOT NULL DEFAULT '[]', -- JSON array of requirement codes overridden
	override_reason TEXT,
	ended_at TEXT
) STRICT;
CREATE INDEX case_leads_case ON case_leads (case_id, allocated_at);
CREATE INDEX case_leads_user ON case_leads (user_id, ended_at);
