#include "store/sign_in.h"

#include "lib/clock.h"

int store_sign_in_pair_get(db *d, const char *username, const char *source, int *failures,
			   int64_t *last_ms)
{
	*failures = 0;
	*last_ms = 0;
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT failures, last_failed_at FROM sign_in_pairs "
			    "WHERE username = $1 AND source = $2",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, username)) == DB_OK &&
	    (rc = db_bind_text(s, 2, source)) == DB_OK)
		rc = db_step(s);
	if (rc == DB_ROW) {
		*failures = (int)db_col_int(s, 0);
		if (clock_parse_iso(db_col_text(s, 1), last_ms) != 0)
			rc = db_fail(d, DB_ERR, "sign_in_pairs: bad time %s", db_col_text(s, 1));
	}
	db_finalize(s);
	return rc;
}

int store_sign_in_pair_fail(db *d, const char *username, const char *source, const char *now,
			    const char *forget_before, int *failures)
{
	const char *old[] = {forget_before};
	int rc = db_run(d, "DELETE FROM sign_in_pairs WHERE last_failed_at < $1", 1, old);
	if (rc != DB_OK)
		return rc;
	/* Quiet pairs were just dropped, so a pair that is left counts on. */
	db_stmt *s;
	rc = db_prepare(d,
			"INSERT INTO sign_in_pairs (username, source, failures, last_failed_at) "
			"VALUES ($1, $2, 1, $3) ON CONFLICT (username, source) DO UPDATE SET "
			"failures = sign_in_pairs.failures + 1, last_failed_at = $3 "
			"RETURNING failures",
			&s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, username)) == DB_OK &&
	    (rc = db_bind_text(s, 2, source)) == DB_OK && (rc = db_bind_text(s, 3, now)) == DB_OK)
		rc = db_step(s);
	if (rc == DB_ROW) {
		*failures = (int)db_col_int(s, 0);
		rc = DB_OK;
	} else if (rc == DB_DONE) {
		rc = db_fail(d, DB_ERR, "sign_in_pairs: no count returned");
	}
	db_finalize(s);
	return rc;
}

int store_sign_in_pair_clear(db *d, const char *username, const char *source)
{
	const char *p[] = {username, source};
	return db_run(d, "DELETE FROM sign_in_pairs WHERE username = $1 AND source = $2", 2, p);
}

int store_sign_in_device_known(db *d, const char *user_id, const char *token_hash,
			       const char *now)
{
	int n = 0;
	const char *p[] = {token_hash, user_id, now};
	int rc = db_count(d,
			  "SELECT 1 FROM sign_in_devices WHERE token_hash = $1 "
			  "AND user_id = $2 AND expires_at > $3",
			  3, p, &n);
	if (rc != DB_OK)
		return rc;
	return n ? DB_ROW : DB_DONE;
}

int store_sign_in_device_add(db *d, const char *user_id, const char *token_hash,
			     const char *old_hash, const char *now, const char *expires)
{
	const char *gone[] = {user_id, now};
	int rc = db_run(d, "DELETE FROM sign_in_devices WHERE user_id = $1 AND expires_at <= $2", 2,
			gone);
	if (rc == DB_OK && old_hash) {
		const char *p[] = {old_hash, user_id};
		rc = db_run(d, "DELETE FROM sign_in_devices WHERE token_hash = $1 AND user_id = $2",
			    2, p);
	}
	if (rc == DB_OK) {
		const char *p[] = {token_hash, user_id, now, expires};
		rc = db_run(d,
			    "INSERT INTO sign_in_devices (token_hash, user_id, created_at, "
			    "expires_at) VALUES ($1, $2, $3, $4)",
			    4, p);
	}
	return rc;
}
