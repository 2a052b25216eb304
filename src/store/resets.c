#include "store/resets.h"

#include <stdio.h>

#include "lib/clock.h"
#include "lib/secure.h"

int store_reset_issue(db *d, reset_rec *r, const char *token_hash)
{
	clock_now_iso(r->created_at);
	secure_id(r->id);
	const char *revoke[] = {r->user_id, r->created_at};
	int rc = db_run(
	    d,
	    "UPDATE password_resets SET revoked_at = $2 WHERE user_id = $1 AND used_at IS NULL "
	    "AND revoked_at IS NULL",
	    2, revoke);
	if (rc != DB_OK)
		return rc;
	const char *p[] = {r->id,         r->user_id,
	                   token_hash,    r->created_by[0] ? r->created_by : NULL,
	                   r->created_at, r->expires_at, r->first ? "1" : "0"};
	r->wrong_codes = r->used = r->revoked = 0;
	return db_run(d,
	              "INSERT INTO password_resets (id, user_id, token_hash, created_by, "
	              "created_at, expires_at, first_password) "
	              "VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS INTEGER))",
	              7, p);
}

int store_reset_find(db *d, const char *token_hash, reset_rec *out)
{
	db_stmt *s;
	int rc = db_prepare(d,
	                    "SELECT id, user_id, created_by, created_at, expires_at, wrong_codes, "
	                    "CASE WHEN used_at IS NULL THEN 0 ELSE 1 END, CASE WHEN revoked_at IS "
	                    "NULL THEN 0 ELSE 1 END, first_password "
	                    "FROM password_resets WHERE token_hash = $1",
	                    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, token_hash)) == DB_OK && (rc = db_step(s)) == DB_ROW) {
		db_col_copy(s, 0, out->id, sizeof out->id);
		db_col_copy(s, 1, out->user_id, sizeof out->user_id);
		db_col_copy(s, 2, out->created_by, sizeof out->created_by);
		db_col_copy(s, 3, out->created_at, sizeof out->created_at);
		db_col_copy(s, 4, out->expires_at, sizeof out->expires_at);
		out->wrong_codes = (int)db_col_int(s, 5);
		out->used = db_col_int(s, 6) != 0;
		out->revoked = db_col_int(s, 7) != 0;
		out->first = db_col_int(s, 8) != 0;
	}
	db_finalize(s);
	return rc;
}

int store_reset_use(db *d, const char *id, const char *now)
{
	const char *p[] = {id, now};
	return db_change(d,
	                 "UPDATE password_resets SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND "
	                 "revoked_at IS NULL AND expires_at > $2 RETURNING id",
	                 2, p);
}

int store_reset_wrong_code(db *d, const char *id, int max, int *count)
{
	char now[CLOCK_ISO_LEN], limit[16];
	clock_now_iso(now);
	snprintf(limit, sizeof limit, "%d", max);
	const char *p[] = {id, limit, now};
	int64_t n = 0;
	int rc = db_get_int(
	    d,
	    "UPDATE password_resets SET wrong_codes = wrong_codes + 1, revoked_at = CASE WHEN "
	    "wrong_codes + 1 >= CAST($2 AS INTEGER) THEN COALESCE(revoked_at, $3) ELSE revoked_at "
	    "END WHERE id = $1 RETURNING wrong_codes",
	    3, p, &n);
	if (rc == DB_ROW) {
		*count = (int)n;
		rc = DB_OK;
	}
	return rc;
}

int store_sf_reset_request(db *d, sf_reset_rec *r)
{
	clock_now_iso(r->requested_at);
	secure_id(r->id);
	const char *p[] = {r->id, r->user_id, r->requested_by, r->requested_at, r->expires_at};
	return db_run(d,
	              "INSERT INTO second_factor_resets (id, user_id, requested_by, requested_at, "
	              "expires_at) "
	              "VALUES ($1, $2, $3, $4, $5)",
	              5, p);
}

int store_sf_reset_pending(db *d, const char *user_id, const char *now, sf_reset_rec *out)
{
	db_stmt *s;
	int rc = db_prepare(
	    d,
	    "SELECT r.id, r.user_id, r.requested_by, u.display_name, r.requested_at, r.expires_at "
	    "FROM second_factor_resets r JOIN users u ON u.id = r.requested_by WHERE r.user_id = "
	    "$1 "
	    "AND r.approved_at IS NULL AND r.expires_at > $2 ORDER BY r.requested_at DESC, r.id "
	    "DESC LIMIT 1",
	    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, user_id)) == DB_OK &&
	    (rc = db_bind_text(s, 2, now)) == DB_OK && (rc = db_step(s)) == DB_ROW) {
		db_col_copy(s, 0, out->id, sizeof out->id);
		db_col_copy(s, 1, out->user_id, sizeof out->user_id);
		db_col_copy(s, 2, out->requested_by, sizeof out->requested_by);
		db_col_copy(s, 3, out->requested_by_name, sizeof out->requested_by_name);
		db_col_copy(s, 4, out->requested_at, sizeof out->requested_at);
		db_col_copy(s, 5, out->expires_at, sizeof out->expires_at);
	}
	db_finalize(s);
	return rc;
}

int store_sf_reset_approve(db *d, const char *id, const char *approved_by, const char *now)
{
	const char *p[] = {id, approved_by, now};
	return db_change(d,
	                 "UPDATE second_factor_resets SET approved_by = $2, approved_at = $3 WHERE id = $1 AND "
	                 "approved_at IS NULL RETURNING id",
	                 3, p);
}
