-- Safeguarding plans: one per victim's part in a case, with its risks, its
-- actions (each owned by an organisation, the force or a partner), notes
-- from the force and partners, a review date, and for a child the child
-- protection steps of Working Together 2023 with the day each next step is
-- due (worked out with the bank holidays when the step before is
-- recorded). A force's local default for the strategy discussion is kept
-- with its settings.

ALTER TABLE org_settings ADD COLUMN strategy_discussion_days INTEGER NOT NULL DEFAULT 1;

CREATE TABLE safeguarding_plans (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL UNIQUE REFERENCES case_people(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	review_on TEXT,
	agencies TEXT NOT NULL,       -- JSON array of names
	la_org_id TEXT REFERENCES orgs(id),
	strategy_days INTEGER NOT NULL DEFAULT 1,
	la_told_on TEXT,
	strategy_on TEXT,
	strategy_outcome TEXT CHECK (strategy_outcome IN ('section_47', 'no_further_action')),
	s47_on TEXT,
	s47_outcome TEXT CHECK (s47_outcome IN ('significant_harm', 'no_significant_harm')),
	conference_on TEXT,
	conference_outcome TEXT CHECK (conference_outcome IN ('plan', 'no_plan')),
	core_group_on TEXT,
	last_review_on TEXT,
	plan_ended_on TEXT,
	strategy_due TEXT,
	conference_due TEXT,
	core_group_due TEXT,
	review_due TEXT,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX safeguarding_plans_case ON safeguarding_plans (case_id);

CREATE TABLE plan_risks (
	id TEXT PRIMARY KEY,
	plan_id TEXT NOT NULL REFERENCES safeguarding_plans(id),
	description TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('no_apparent_risk', 'low', 'medium', 'high')),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX plan_risks_plan ON plan_risks (plan_id);

CREATE TABLE plan_actions (
	id TEXT PRIMARY KEY,
	plan_id TEXT NOT NULL REFERENCES safeguarding_plans(id),
	description TEXT NOT NULL,
	owner_org_id TEXT NOT NULL REFERENCES orgs(id),
	owner_name TEXT,
	due_on TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_by TEXT NOT NULL REFERENCES users(id),
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX plan_actions_plan ON plan_actions (plan_id);
CREATE INDEX plan_actions_due ON plan_actions (due_on);

CREATE TABLE plan_notes (
	id TEXT PRIMARY KEY,
	plan_id TEXT NOT NULL REFERENCES safeguarding_plans(id),
	text TEXT NOT NULL,
	org_id TEXT NOT NULL REFERENCES orgs(id),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX plan_notes_plan ON plan_notes (plan_id);
