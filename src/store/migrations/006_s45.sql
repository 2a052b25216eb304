-- The s45 safeguard: assessments of the defence for a suspect who is a
-- potential victim, their supervisor's approval, and charging decisions.

CREATE TABLE s45_assessments (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	offence TEXT NOT NULL,
	offence_date TEXT NOT NULL,
	schedule4_code TEXT,
	age_at_offence INTEGER,
	child INTEGER NOT NULL,
	answers TEXT NOT NULL,          -- JSON: the tests as answered
	outcome TEXT NOT NULL CHECK (outcome IN ('defence_may_apply', 'defence_does_not_apply', 'excluded_schedule_4')),
	reasons TEXT NOT NULL,
	assessed_by TEXT NOT NULL REFERENCES users(id),
	assessed_at TEXT NOT NULL,
	approved_by TEXT REFERENCES users(id),
	approved_at TEXT
) STRICT;
CREATE INDEX s45_assessments_link ON s45_assessments (case_person_id);

CREATE TABLE charging_decisions (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	decision TEXT NOT NULL CHECK (decision IN ('charge', 'caution', 'no_further_action', 'refer_to_cps')),
	decided_on TEXT NOT NULL,
	assessment_id TEXT REFERENCES s45_assessments(id),
	decided_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX charging_decisions_link ON charging_decisions (case_person_id);
