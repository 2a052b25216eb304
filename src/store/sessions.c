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
	db_stmt *st;
	int rc = db_prepare(
		d,
		"SELECT s.csrf_token, s.created_at, s.last_seen_at, s.totp_enrolment_pending, "
		"u.id, u.username, u.display_name, u.role, u.org_id, o.name, u.team_id, t.name, "
		"u.disabled, u.totp_enabled, u.version, u.created_at, u.updated_at, o.kind, "
		"o.host_org_id, s.notices, os.totp_required_roles "
		"FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id "
		"LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN org_settings os ON os.org_id = u.org_id "
		"WHERE s.token_hash = $1",
		&st);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(st, 1, token_hash)) == DB_OK && (rc = db_step(st)) == DB_ROW) {
		memset(s, 0, sizeof *s);
		u->password_hash[0] = u->locked_until[0] = u->totp_secret[0] = '\0';
		u->failed_logins = 0;
		u->totp_last_step = 0;
		snprintf(s->token_hash, sizeof s->token_hash, "%s", token_hash);
		db_col_copy(st, 0, s->csrf_token, sizeof s->csrf_token);
		if (clock_parse_iso(db_col_text(st, 1), &s->created_ms) != 0 ||
		    clock_parse_iso(db_col_text(st, 2), &s->last_seen_ms) != 0)
			s->created_ms = s->last_seen_ms = 0; /* treated as expired */
		s->totp_enrolment_pending = (int)db_col_int(st, 3);
		db_col_copy(st, 4, u->id, sizeof u->id);
		db_col_copy(st, 4, s->user_id, sizeof s->user_id);
		db_col_copy(st, 5, u->username, sizeof u->username);
		db_col_copy(st, 6, u->display_name, sizeof u->display_name);
		db_col_copy(st, 7, u->role, sizeof u->role);
		db_col_copy(st, 8, u->org_id, sizeof u->org_id);
		db_col_copy(st, 9, u->org_name, sizeof u->org_name);
		db_col_copy(st, 10, u->team_id, sizeof u->team_id);
		db_col_copy(st, 11, u->team_name, sizeof u->team_name);
		u->disabled = (int)db_col_int(st, 12);
		u->totp_enabled = (int)db_col_int(st, 13);
		u->version = db_col_int(st, 14);
		db_col_copy(st, 15, u->created_at, sizeof u->created_at);
		db_col_copy(st, 16, u->updated_at, sizeof u->updated_at);
		db_col_copy(st, 17, u->org_kind, sizeof u->org_kind);
		db_col_copy(st, 18, u->org_host_id, sizeof u->org_host_id);
		s->notices = (int)db_col_int(st, 19);
		db_col_copy(st, 20, s->totp_roles, sizeof s->totp_roles);
	}
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
	db_stmt *s;
	int rc = db_prepare(
		d, "SELECT COUNT(*) FROM sessions WHERE last_seen_at > $1 AND expires_at > $2", &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, since)) == DB_OK && (rc = db_bind_text(s, 2, now)) == DB_OK &&
	    (rc = db_step(s)) == DB_ROW) {
		*count = db_col_int(s, 0);
		rc = DB_OK;
	}
	db_finalize(s);
	return rc;
}
