-- Missing people: each episode graded and reviewed while the person is
-- missing; the return, the police safe and well check, and for a child the
-- independent return home interview; what the search found, and who and
-- where the episode is linked to; exploitation screenings of repeat
-- missing people; a profile filled in ahead for a child in care (the
-- Philomena protocol); and each force's review intervals. Times are UTC
-- ISO-8601 text, so they sort as they fall.

CREATE TABLE missing_episodes (
	id TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES people(id),
	org_id TEXT NOT NULL REFERENCES orgs(id),  -- the force of the officer who took the report
	team_id TEXT REFERENCES teams(id),         -- and their team, which owns the episode
	reported_by TEXT NOT NULL REFERENCES users(id),
	reported_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	last_seen_place TEXT NOT NULL,
	risk TEXT NOT NULL CHECK (risk IN ('no_apparent_risk', 'low', 'medium', 'high')),
	circumstances TEXT,
	review_due TEXT,                           -- while missing
	returned_at TEXT,
	found_by TEXT CHECK (found_by IN ('returned_themselves', 'police', 'family_or_carer', 'other')),
	where_found TEXT,
	returned_by TEXT REFERENCES users(id),     -- who recorded the return
	child_on_return INTEGER,
	interview_due TEXT,                        -- a child's return home interview
	safe_well_due TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX missing_episodes_person ON missing_episodes (person_id, last_seen_at);
CREATE INDEX missing_episodes_team ON missing_episodes (team_id, returned_at);
CREATE INDEX missing_episodes_org ON missing_episodes (org_id, returned_at);
-- A person is missing once at a time.
CREATE UNIQUE INDEX missing_episodes_open ON missing_episodes (person_id) WHERE returned_at IS NULL;

CREATE TABLE missing_reviews (
	id TEXT PRIMARY KEY,
	episode_id TEXT NOT NULL REFERENCES missing_episodes(id),
	reviewed_at TEXT NOT NULL,
	risk TEXT NOT NULL CHECK (risk IN ('no_apparent_risk', 'low', 'medium', 'high')),
	previous_risk TEXT NOT NULL,
	reason TEXT NOT NULL,
	reviewed_by TEXT NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX missing_reviews_episode ON missing_reviews (episode_id);

CREATE TABLE safe_well_checks (
	id TEXT PRIMARY KEY,
	episode_id TEXT NOT NULL UNIQUE REFERENCES missing_episodes(id),
	checked_at TEXT NOT NULL,
	officer TEXT NOT NULL,
	place TEXT NOT NULL,
	disclosures TEXT,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	recorded_at TEXT NOT NULL
) STRICT;

CREATE TABLE return_interviews (
	id TEXT PRIMARY KEY,
	episode_id TEXT NOT NULL UNIQUE REFERENCES missing_episodes(id),
	held_at TEXT NOT NULL,
	offered_by_org_id TEXT NOT NULL REFERENCES orgs(id),
	accepted INTEGER NOT NULL,
	disclosures TEXT,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	recorded_at TEXT NOT NULL
) STRICT;

CREATE TABLE missing_entries (
	id TEXT PRIMARY KEY,
	episode_id TEXT NOT NULL REFERENCES missing_episodes(id),
	kind TEXT NOT NULL CHECK (kind IN ('search', 'enquiry', 'sighting')),
	at TEXT NOT NULL,
	place TEXT,
	by_whom TEXT,
	detail TEXT NOT NULL,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX missing_entries_episode ON missing_entries (episode_id);

CREATE TABLE missing_associations (
	id TEXT PRIMARY KEY,
	episode_id TEXT NOT NULL REFERENCES missing_episodes(id),
	person_id TEXT REFERENCES people(id),
	place_id TEXT REFERENCES places(id),
	place TEXT,
	note TEXT,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	CHECK ((CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN place_id IS NULL THEN 0 ELSE 1 END) +
	       (CASE WHEN place IS NULL THEN 0 ELSE 1 END) = 1)
) STRICT;
CREATE INDEX missing_associations_episode ON missing_associations (episode_id);

CREATE TABLE exploitation_screenings (
	id TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES people(id),
	screened_on TEXT NOT NULL,
	indicators TEXT NOT NULL,                  -- JSON array of indicator codes
	outcome TEXT NOT NULL CHECK (outcome IN ('no_concerns', 'concerns_case_opened', 'concerns_referred',
		'concerns_monitored')),
	notes TEXT,
	recorded_by TEXT NOT NULL REFERENCES users(id),
	recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX exploitation_screenings_person ON exploitation_screenings (person_id, recorded_at);

CREATE TABLE missing_profiles (
	person_id TEXT PRIMARY KEY REFERENCES people(id),
	physical_description TEXT,
	photo_description TEXT,
	phones TEXT NOT NULL,                      -- JSON array
	associates TEXT NOT NULL,                  -- JSON array
	places_frequented TEXT NOT NULL,           -- JSON array
	previous_episodes TEXT,
	placement TEXT,
	org_id TEXT NOT NULL REFERENCES orgs(id),  -- who last kept it
	updated_by TEXT NOT NULL REFERENCES users(id),
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- A force's own review intervals and safe and well target (no row: the
-- defaults of src/domain/missing.c).
CREATE TABLE missing_settings (
	org_id TEXT PRIMARY KEY REFERENCES orgs(id),
	review_no_apparent_risk INTEGER NOT NULL,
	review_low INTEGER NOT NULL,
	review_medium INTEGER NOT NULL,
	review_high INTEGER NOT NULL,
	safe_well_hours INTEGER NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
