-- The Victims' Code: key events on a case, the update each potential victim
-- is then due, the contact log that answers it, and each victim's named
-- single point of contact, strategy and Victim Personal Statement offer.

CREATE TABLE case_events (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	kind TEXT NOT NULL CHECK (kind IN ('arrest', 'interview', 'release', 'bail', 'charge',
		'decision_not_to_charge', 'court_date_set', 'verdict')),
	occurred_on TEXT NOT NULL,
	note TEXT,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_events_case ON case_events (case_id);

CREATE TABLE victim_updates_due (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	event_id TEXT NOT NULL REFERENCES case_events(id),
	due_on TEXT NOT NULL,
	closed_by TEXT,               -- the contact that gave the update
	closed_at TEXT
) STRICT;
CREATE INDEX victim_updates_due_link ON victim_updates_due (case_person_id);
CREATE INDEX victim_updates_due_open ON victim_updates_due (case_id) WHERE closed_at IS NULL;

CREATE TABLE victim_contacts (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	contacted_on TEXT NOT NULL,
	method TEXT NOT NULL,
	language TEXT,
	interpreter TEXT,
	summary TEXT NOT NULL,
	is_update INTEGER NOT NULL,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX victim_contacts_link ON victim_contacts (case_person_id);

CREATE TABLE victim_care (
	case_person_id TEXT PRIMARY KEY REFERENCES case_people(id),
	spoc_name TEXT,
	spoc_kind TEXT CHECK (spoc_kind IN ('officer', 'navigator')),
	strategy TEXT,
	vps_offered INTEGER,
	vps_offered_on TEXT,
	updated_by TEXT NOT NULL REFERENCES users(id),
	updated_at TEXT NOT NULL
) STRICT;
