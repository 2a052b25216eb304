#include "store/migrate.h"

#include <stdio.h>

#include "lib/clock.h"

static const char SQL_CREATE[] = "CREATE TABLE IF NOT EXISTS schema_migrations ("
				 " version INTEGER PRIMARY KEY,"
				 " name TEXT NOT NULL,"
				 " applied_at TEXT NOT NULL) STRICT";

static int current_version(db *d, int *version)
{
	int64_t v = 0;
	int rc = db_get_int(d, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", 0, NULL, &v);
	if (rc == DB_ROW) {
		*version = (int)v;
		rc = DB_OK;
	}
	return rc;
}

/* Whether the migration's version is recorded: DB_ROW (yes), DB_DONE, or an error. */
static int recorded(db *d, int version)
{
	char ver[16];
	snprintf(ver, sizeof ver, "%d", version);
	const char *p[] = {ver};
	int64_t n = 0;
	int rc = db_get_int(d, "SELECT COUNT(*) FROM schema_migrations WHERE version = CAST($1 AS INTEGER)", 1, p,
			    &n);
	return rc == DB_ROW ? (n ? DB_ROW : DB_DONE) : rc;
}

static int latest_version(void)
{
	return migrations_count ? migrations[migrations_count - 1].version : 0;
}

static int refuse_newer(db *d, int have)
{
	return db_fail(d, DB_ERR,
		       "the database schema is at version %d, newer than this waymark "
		       "(%d): use a newer waymark",
		       have, latest_version());
}

int migrate_up(db *d, int *applied)
{
	*applied = 0;
	int rc = db_schema(d, SQL_CREATE);
	if (rc != DB_OK)
		return rc;
	int start = 0;
	if ((rc = current_version(d, &start)) != DB_OK)
		return rc;
	if (start > latest_version())
		return refuse_newer(d, start);
	for (size_t i = 0; i < migrations_count; i++) {
		const migration *m = &migrations[i];
		if ((rc = db_begin(d)) != DB_OK)
			return rc;
		/* Any not yet recorded, even below the latest recorded: parts of
		 * Waymark built side by side take fixed numbers and may arrive in
		 * another order. */
		int seen = recorded(d, m->version);
		if (seen != DB_DONE) {
			db_rollback(d);
			if (seen == DB_ROW)
				continue;
			return seen;
		}
		char now[CLOCK_ISO_LEN], ver[16];
		clock_now_iso(now);
		snprintf(ver, sizeof ver, "%d", m->version);
		const char *params[] = {ver, m->name, now};
		rc = db_schema(d, m->sql);
		if (rc == DB_OK)
			rc = db_run(d,
				    "INSERT INTO schema_migrations (version, name, applied_at) "
				    "VALUES (CAST($1 AS INTEGER), $2, $3)",
				    3, params);
		if (rc == DB_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
		if (rc != DB_OK)
			return db_fail(d, rc, "migration %s failed: %s", m->name, db_errmsg(d));
		(*applied)++;
	}
	return DB_OK;
}

int migrate_check(db *d)
{
	int have = 0;
	int rc = current_version(d, &have);
	if (rc == DB_BUSY || rc == DB_FULL)
		return rc;
	if (rc != DB_OK || have == 0)
		return db_fail(d, DB_ERR, "the database has no Waymark schema: run 'waymark init' first");
	int want = latest_version();
	if (have < want)
		return db_fail(d, DB_ERR,
			       "the database schema is at version %d but this waymark needs %d: run "
			       "'waymark init' to upgrade it",
			       have, want);
	if (have > want)
		return refuse_newer(d, have);
	for (size_t i = 0; i < migrations_count; i++) {
		rc = recorded(d, migrations[i].version);
		if (rc == DB_DONE)
			return db_fail(d, DB_ERR,
				       "the database schema lacks migration %s: run 'waymark init' to upgrade it",
				       migrations[i].name);
		if (rc != DB_ROW)
			return rc;
	}
	return DB_OK;
}
