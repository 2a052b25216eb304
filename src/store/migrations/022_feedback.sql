-- Victims' feedback. An invitation is a one-time link (and a short code to
-- type instead) that an officer gives a victim; only the hashes of the
-- token and the code are kept. What the victim answers is kept apart from
-- their record: a response names the inviting force, the language and the
-- day, never the invitation, the case or the person; and the invitation
-- says only that it was used, never when or by which response. A comment's
-- raw text is sealed (encrypted at rest like sealed fields) and read only
-- by those who redact names from it; once redacted or withheld, the raw
-- text is gone.

CREATE TABLE feedback_invitations (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES orgs(id),   -- the inviting force
	team_id TEXT REFERENCES teams(id),          -- the inviting officer's team
	case_id TEXT NOT NULL REFERENCES cases(id),
	link_id TEXT NOT NULL,                      -- the victim's part in the case
	person_id TEXT NOT NULL REFERENCES people(id),
	language TEXT NOT NULL CHECK (language IN ('en', 'sq', 'vi', 'ro', 'pl')),
	delivery TEXT NOT NULL CHECK (delivery IN ('in_person', 'safe_contact')),
	token_hash TEXT NOT NULL UNIQUE,
	code_hash TEXT NOT NULL UNIQUE,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
) STRICT;
CREATE INDEX feedback_invitations_person ON feedback_invitations (person_id, created_at);

CREATE TABLE feedback_responses (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES orgs(id),   -- the force that invited it
	language TEXT NOT NULL,
	submitted_on TEXT NOT NULL                  -- a date: no time of day
) STRICT;
CREATE INDEX feedback_responses_org ON feedback_responses (org_id, submitted_on);

CREATE TABLE feedback_answers (
	response_id TEXT NOT NULL REFERENCES feedback_responses(id),
	question TEXT NOT NULL,
	score INTEGER CHECK (score BETWEEN 1 AND 5), -- NULL: prefer not to say
	PRIMARY KEY (response_id, question)
) STRICT;

CREATE TABLE feedback_comments (
	id TEXT PRIMARY KEY,
	response_id TEXT NOT NULL REFERENCES feedback_responses(id),
	org_id TEXT NOT NULL REFERENCES orgs(id),
	sealed_text TEXT,                           -- the raw text, sealed; NULL once dealt with
	state TEXT NOT NULL CHECK (state IN ('awaiting_redaction', 'redacted', 'withheld')),
	redacted_text TEXT,
	withheld_reason TEXT,
	dealt_by TEXT REFERENCES users(id),
	dealt_at TEXT,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX feedback_comments_org ON feedback_comments (org_id, state);
