#include "store/buckets.h"

#include "lib/clock.h"

/* Reads the bucket's full moment from a statement on its row into *ms. */
static int full_at_of(db *d, db_stmt *s, int64_t *ms)
{
	if (clock_parse_iso(db_col_text(s, 0), ms) != 0)
		return db_fail(d, DB_ERR, "address_buckets: bad time %s", db_col_text(s, 0));
	return DB_OK;
}

/* Writes the bucket's new full moment, or drops it when it is full by now. */
static int bucket_put(db *d, const char *purpose, const char *key, int64_t full_at_ms,
                      int64_t now_ms)
{
	if (full_at_ms <= now_ms) {
		const char *p[] = {purpose, key};
		return db_run(d, "DELETE FROM address_buckets WHERE purpose = $1 AND address = $2",
		              2, p);
	}
	char at[CLOCK_ISO_LEN];
	clock_iso(full_at_ms, at);
	const char *p[] = {purpose, key, at};
	return db_run(
	    d, "UPDATE address_buckets SET full_at = $3 WHERE purpose = $1 AND address = $2", 3, p);
}

/* The bucket's full moment, its row locked until the transaction ends
 * (made full at now when there was none): DB_OK or an error. */
static int bucket_lock(db *d, const char *purpose, const char *key, const char *now,
                       int64_t *full_at_ms)
{
	/* An upsert both makes the row and locks it on PostgreSQL, where a
	 * second server waits here for the first to commit and then reads
	 * what it wrote; SQLite's write lock, held since BEGIN, does the same. */
	db_stmt *s;
	int rc = db_prepare(d,
	                    "INSERT INTO address_buckets (purpose, address, full_at) "
	                    "VALUES ($1, $2, $3) ON CONFLICT (purpose, address) DO UPDATE SET "
	                    "full_at = address_buckets.full_at RETURNING full_at",
	                    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, purpose)) == DB_OK &&
	    (rc = db_bind_text(s, 2, key)) == DB_OK && (rc = db_bind_text(s, 3, now)) == DB_OK)
		rc = db_step(s);
	if (rc == DB_ROW)
		rc = full_at_of(d, s, full_at_ms);
	else if (rc == DB_DONE)
		rc = db_fail(d, DB_ERR, "address_buckets: no row returned");
	db_finalize(s);
	return rc;
}

int store_bucket_take(db *d, const char *purpose, addr_rate r, const char *addr, int64_t now_ms,
                      int *wait_s)
{
	*wait_s = 0;
	char key[ADDR_KEY_LEN], now[CLOCK_ISO_LEN];
	addr_bucket_key(addr, key);
	clock_iso(now_ms, now);
	int rc = db_begin(d);
	if (rc != DB_OK)
		return rc;
	/* Full buckets hold nothing a missing row does not say: the table
	 * keeps only the addresses that tried lately. */
	const char *old[] = {now};
	rc = db_run(d, "DELETE FROM address_buckets WHERE full_at <= $1", 1, old);
	int64_t full_at = 0;
	if (rc == DB_OK)
		rc = bucket_lock(d, purpose, key, now, &full_at);
	int wait = 0;
	if (rc == DB_OK && (wait = addr_bucket_take(r, &full_at, now_ms)) == 0)
		rc = bucket_put(d, purpose, key, full_at, now_ms);
	if (rc == DB_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	if (rc != DB_OK)
		return rc;
	*wait_s = wait;
	return wait ? DB_DONE : DB_OK;
}

int store_bucket_give_back(db *d, const char *purpose, addr_rate r, const char *addr,
                           int64_t now_ms)
{
	char key[ADDR_KEY_LEN];
	addr_bucket_key(addr, key);
	const char *p[] = {purpose, key};
	db_stmt *s;
	int rc = db_one(d,
	                "UPDATE address_buckets SET full_at = full_at "
	                "WHERE purpose = $1 AND address = $2 RETURNING full_at",
	                2, p, &s);
	if (rc == DB_DONE)
		return DB_OK; /* full again already: nothing to give back to */
	if (rc != DB_ROW)
		return rc;
	int64_t full_at = 0;
	rc = full_at_of(d, s, &full_at);
	db_finalize(s);
	if (rc != DB_OK)
		return rc;
	return bucket_put(d, purpose, key, addr_bucket_give_back(r, full_at, now_ms), now_ms);
}
