-- Sign-in throttling that an attacker cannot turn against the user.
--
-- Failed tries per account name and source: after a few, each next try
-- from that source for that name waits longer (the rule is in
-- src/domain/credentials.c). The source is the client address, or, for a
-- browser remembered for the account, "device:" and the start of its
-- token's hash, so that others at the same address (a NAT, a proxy) cannot
-- delay it. Names that are no account count the same, so the delays do not
-- tell which accounts exist. Kept here, not in memory, so that servers
-- behind one load balancer share them and a restart keeps them.
CREATE TABLE sign_in_pairs (
	username TEXT NOT NULL,
	source TEXT NOT NULL,
	failures INTEGER NOT NULL,
	last_failed_at TEXT NOT NULL,
	PRIMARY KEY (username, source)
) STRICT;
CREATE INDEX sign_in_pairs_last ON sign_in_pairs (last_failed_at);

-- Browsers that have signed in to an account (the wm_device cookie): only
-- the token's SHA-256 is kept. Past the account-wide limit these are the
-- browsers that may still try.
CREATE TABLE sign_in_devices (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sign_in_devices_user ON sign_in_devices (user_id);

-- users.failed_logins now counts consecutive failures from browsers the
-- account does not know, toward the account-wide limit; locked_until is no
-- longer set. Counts made under the old five-failure lockout start afresh.
UPDATE users SET failed_logins = 0, locked_until = NULL;
