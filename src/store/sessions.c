#include "store/sessions.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"


int store_session_insert(db *d, const session_rec *s)
{
	char created[CLOCK_ISO_LEN], expires[CLOCK_ISO_LEN];
	clock_iso(s->created_ms, created);
	clock_iso(s->created_ms + 12LL * 3600 * 1000, expires);
	char notices[16];
	snprintf(notices, sizeof notices, "%d", s->notices);
	const char *p[] = {s->token_hash, s->user_id, s->csrf_token, created, expires,
			   s->totp_enrolment_pending ? "1" : "0", notices};
	return db_run(d,
		      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
		      "last_seen_at, expires_at, totp_enrolment_pending, notices) "
		      "VALUES ($1, $2, $3, $4, $4, $5, CAST($6 AS INTEGER), CAST($7 AS INTEGER))",
		      7, p);
}

int store_session_with_user(db *d, const char *token_hash, session_rec *s, user_rec *u)
{
	const char *p[] = {token_hash};
	db_stmt *st;
	int rc = db_one(d,
			"SELECT " STORE_USER_COLS ", s.csrf_token, s.created_at, s.last_seen_at, "
			"s.totp_enrolment_pending, s.notices, os.totp_required_roles "
			"FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id "
			"LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN org_settings os ON os.org_id = u.org_id "
			"WHERE s.token_hash = $1",
			1, p, &st);
	if (rc != DB_ROW)
		return rc;
	store_user_read(NULL, st, u);
	/* A session's account carries none of its secrets or sign-in bookkeeping. */
	u->password_hash[0] = u->locked_until[0] = u->totp_secret[0] = '\0';
	u->failed_logins = 0;
	u->totp_last_step = 0;
	memset(s, 0, sizeof *s);
	snprintf(s->token_hash, sizeof s->token_hash, "%s", token_hash);
	memcpy(s->user_id, u->id, sizeof s->user_id);
	db_col_copy(st, 20, s->csrf_token, sizeof s->csrf_token);
	if (clock_parse_iso(db_col_text(st, 21), &s->created_ms) != 0 ||
	    clock_parse_iso(db_col_text(st, 22), &s->last_seen_ms) != 0)
		s->created_ms = s->last_seen_ms = 0; /* treated as expired */
	s->totp_enrolment_pending = (int)db_col_int(st, 23);
	s->notices = (int)db_col_int(st, 24);
	db_col_copy(st, 25, s->totp_roles, sizeof s->totp_roles);
	db_finalize(st);
	return rc;
}

int store_session_touch(db *d, const char *token_hash, int64_t now_ms)
{
	char now[CLOCK_ISO_LEN];
	clock_iso(now_ms, now);
	const char *p[] = {now, token_hash};
	return db_run(d, "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", 2, p);
}

int store_session_clear_pending(db *d, const char *token_hash)
{
	const char *p[] = {token_hash};
	return db_run(d, "UPDATE sessions SET totp_enrolment_pending = 0 WHERE token_hash = $1", 1,
		      p);
}

int store_session_delete(db *d, const char *token_hash)
{
	const char *p[] = {token_hash};
	return db_run(d, "DELETE FROM sessions WHERE token_hash = $1", 1, p);
}

int store_session_delete_user(db *d, const char *user_id)
{
	const char *p[] = {user_id};
	return db_run(d, "DELETE FROM sessions WHERE user_id = $1", 1, p);
}

int store_session_count_live(db *d, int64_t now_ms, int64_t idle_ms, int64_t *count)
{
	char since[CLOCK_ISO_LEN], now[CLOCK_ISO_LEN];
	clock_iso(now_ms - idle_ms, since);
	clock_iso(now_ms, now);
	const char *p[] = {since, now};
	int rc = db_get_int(d, "SELECT COUNT(*) FROM sessions WHERE last_seen_at > $1 AND expires_at > $2",
			    2, p, count);
	return rc == DB_ROW ? DB_OK : rc;
}
