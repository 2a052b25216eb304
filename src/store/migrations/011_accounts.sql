-- Accounts inside one trust boundary. Security settings belong to an
-- organisation; an administrator never sets a password for someone else but
-- makes a one-time link the holder follows; clearing a second factor takes
-- two administrators; the holder is told at their next sign-in.

-- The roles of an organisation that must use a second factor, as a JSON
-- array of role names. No row: every role must.
CREATE TABLE org_settings (
	org_id TEXT PRIMARY KEY REFERENCES orgs(id),
	totp_required_roles TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;

-- An installation upgraded from one setting for everyone keeps what it had,
-- for each organisation it holds (none required when it was never set).
INSERT INTO org_settings (org_id, totp_required_roles, updated_at)
	SELECT o.id, COALESCE((SELECT s.value FROM settings s WHERE s.key = 'totp_required_roles'), '[]'),
		o.created_at
	FROM orgs o;
DELETE FROM settings WHERE key = 'totp_required_roles';

-- One-time links to choose a password. Only the SHA-256 of the token is
-- kept; a link is live until used, revoked (a newer link, or too many wrong
-- second-factor codes) or past expires_at.
CREATE TABLE password_resets (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	token_hash TEXT NOT NULL UNIQUE,
	created_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	wrong_codes INTEGER NOT NULL DEFAULT 0,
	used_at TEXT,
	revoked_at TEXT,
	first_password INTEGER NOT NULL DEFAULT 0 -- made with the account: its holder's first password
) STRICT;
CREATE INDEX password_resets_user ON password_resets (user_id);

-- Requests to clear a second factor, waiting for a second administrator.
CREATE TABLE second_factor_resets (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	requested_by TEXT NOT NULL REFERENCES users(id),
	requested_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	approved_by TEXT REFERENCES users(id),
	approved_at TEXT
) STRICT;
CREATE INDEX second_factor_resets_user ON second_factor_resets (user_id);

-- What the account holder is told at their next sign-in. seen_session is
-- the hash of the session whose sign-in delivered it.
CREATE TABLE account_notices (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	kind TEXT NOT NULL,
	actor TEXT,
	at TEXT NOT NULL,
	seen_at TEXT,
	seen_session TEXT
) STRICT;
CREATE INDEX account_notices_user ON account_notices (user_id, seen_at);
CREATE INDEX account_notices_session ON account_notices (seen_session);

-- How many notices the session's sign-in delivered (so /me asks only then).
ALTER TABLE sessions ADD COLUMN notices INTEGER NOT NULL DEFAULT 0;
