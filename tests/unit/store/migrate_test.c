/* Schema migrations in the store, on both engines: a fresh database is
 * brought to the latest version, again changes nothing, one behind is
 * brought up to date, a failed step keeps the version it reached, and one
 * from a newer Waymark is refused. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/migrate.h"
#include "support/engines.h"
#include "support/fixtures.h"

static test_engine engines[2];
static int nengines;

static int latest(void)
{
	return migrations[migrations_count - 1].version;
}

/* How many migrations are numbered above the version. */
static int above(int version)
{
	int n = 0;
	for (size_t i = 0; i < migrations_count; i++)
		n += migrations[i].version > version;
	return n;
}

/* A new, empty database on the engine. */
static db *empty_db(const char *engine)
{
	char url[512], err[256];
	assert_int_equal(test_db_create(engine, url, sizeof url), 0);
	db *d;
	assert_int_equal(db_open(url, 5000, &d, err, sizeof err), DB_OK);
	return d;
}

static int read_int(db_stmt *s, void *arg)
{
	*(int64_t *)arg = db_col_int(s, 0);
	return 0;
}

static int64_t query_int(db *d, const char *sql)
{
	int64_t v = -1;
	assert_int_equal(db_each(d, sql, 0, NULL, read_int, &v), DB_OK);
	return v;
}

static int table_exists(db *d, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
	int64_t n = -1;
	return db_each(d, sql, 0, NULL, read_int, &n) == DB_OK;
}

static int64_t recorded_version(db *d)
{
	return query_int(d, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
}

static void test_the_embedded_migrations_are_numbered_in_order(void **state)
{
	(void)state;
	/* migrate_up applies them in array order, each not yet recorded. Parts
	 * built side by side take fixed numbers, so a branch may lack one
	 * another brings; the numbers only rise. */
	assert_true(migrations_count > 0);
	for (size_t i = 0; i < migrations_count; i++) {
		assert_true(migrations[i].version >= 1);
		if (i)
			assert_true(migrations[i].version > migrations[i - 1].version);
		char prefix[8];
		snprintf(prefix, sizeof prefix, "%03d_", migrations[i].version);
		assert_true(strncmp(migrations[i].name, prefix, strlen(prefix)) == 0);
		assert_non_null(migrations[i].sql);
		assert_true(migrations[i].sql[0] != '\0');
	}
}

typedef struct recorded {
	int n;
	int versions[64];
	char names[64][64];
	char applied_at[64][32];
} recorded;

static int keep_recorded(db_stmt *s, void *arg)
{
	recorded *r = arg;
	assert_true(r->n < 64);
	r->versions[r->n] = (int)db_col_int(s, 0);
	db_col_copy(s, 1, r->names[r->n], sizeof r->names[0]);
	db_col_copy(s, 2, r->applied_at[r->n], sizeof r->applied_at[0]);
	r->n++;
	return 0;
}

static void read_recorded(db *d, recorded *r)
{
	memset(r, 0, sizeof *r);
	assert_int_equal(
	    db_each(d, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version",
	            0, NULL, keep_recorded, r),
	    DB_OK);
}

static void test_a_fresh_database_migrates_to_the_latest_version_and_records_each_step(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = empty_db(engines[e].name);
		assert_int_equal(migrate_check(d), DB_ERR);
		assert_non_null(strstr(db_errmsg(d), "waymark init"));
		int applied = -1;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_int_equal(applied, (int)migrations_count);
		assert_int_equal(migrate_check(d), DB_OK);
		assert_int_equal(recorded_version(d), latest());
		recorded r;
		read_recorded(d, &r);
		assert_int_equal(r.n, (int)migrations_count);
		for (int i = 0; i < r.n; i++) {
			assert_int_equal(r.versions[i], migrations[i].version);
			assert_string_equal(r.names[i], migrations[i].name);
			assert_int_equal(strlen(r.applied_at[i]), CLOCK_ISO_LEN - 1);
		}
		/* The schema is there: the last migration's table can be read. */
		assert_int_equal(query_int(d, "SELECT COUNT(*) FROM person_reach_keys"), 0);
		db_close(d);
	}
}

static void test_migrating_again_changes_nothing(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = empty_db(engines[e].name);
		int applied = -1;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		recorded before, after;
		read_recorded(d, &before);
		for (int again = 0; again < 2; again++) {
			assert_int_equal(migrate_up(d, &applied), DB_OK);
			assert_int_equal(applied, 0);
		}
		read_recorded(d, &after);
		assert_memory_equal(&before, &after, sizeof before);
		assert_int_equal(migrate_check(d), DB_OK);
		db_close(d);
	}
}

static void test_a_database_behind_is_named_and_brought_up_to_date(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = empty_db(engines[e].name);
		fixture_migrate_to(d, 9);
		assert_int_equal(migrate_check(d), DB_ERR);
		assert_non_null(strstr(db_errmsg(d), "version 9"));
		assert_non_null(strstr(db_errmsg(d), "waymark init"));
		int applied = -1;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_int_equal(applied, above(9));
		assert_int_equal(recorded_version(d), latest());
		assert_int_equal(migrate_check(d), DB_OK);
		/* The steps taken by hand keep their record. */
		recorded r;
		read_recorded(d, &r);
		assert_string_equal(r.applied_at[8], "then");
		assert_string_not_equal(r.applied_at[9], "then");
		db_close(d);
	}
}

static void test_a_failed_migration_keeps_the_version_it_reached(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = empty_db(engines[e].name);
		fixture_migrate_to(d, 4);
		/* Something in the way of the last table 005 creates, after two others. */
		assert_string_equal(migrations[4].name, "005_nrm");
		assert_int_equal(
		    db_schema(d, "CREATE TABLE duty_to_notify (id TEXT PRIMARY KEY) STRICT"),
		    DB_OK);
		int applied = -1;
		int rc = migrate_up(d, &applied);
		assert_true(rc != DB_OK);
		assert_int_equal(applied, 0);
		assert_non_null(strstr(db_errmsg(d), "005_nrm"));
		assert_int_equal(recorded_version(d), 4);
		/* Nothing of the failed step is left half done. */
		assert_false(table_exists(d, "bank_holidays"));
		assert_false(table_exists(d, "nrm_referrals"));
		assert_int_equal(db_schema(d, "DROP TABLE duty_to_notify"), DB_OK);
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_int_equal(applied, above(4));
		assert_int_equal(migrate_check(d), DB_OK);
		assert_true(table_exists(d, "nrm_referrals"));
		db_close(d);
	}
}

/* A migration numbered below the latest recorded one (it arrived with a
 * part built alongside, merged after a later one was applied) is named by
 * the check and applied by init: here 028, which only adds an index, so
 * the later ones apply without it. */
static void test_a_migration_below_the_latest_recorded_is_applied(void **state)
{
	(void)state;
	const migration *skipped = NULL;
	for (size_t i = 0; i < migrations_count; i++)
		if (strstr(migrations[i].name, "read_indexes"))
			skipped = &migrations[i];
	assert_non_null(skipped);
	assert_true(skipped != &migrations[migrations_count - 1]);
	for (int e = 0; e < nengines; e++) {
		db *d = empty_db(engines[e].name);
		assert_int_equal(db_schema(d,
		                           "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
		                           "name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT"),
		                 DB_OK);
		for (size_t i = 0; i < migrations_count; i++) {
			if (&migrations[i] == skipped)
				continue;
			char ver[16];
			snprintf(ver, sizeof ver, "%d", migrations[i].version);
			const char *p[] = {ver, migrations[i].name};
			assert_int_equal(db_schema(d, migrations[i].sql), DB_OK);
			assert_int_equal(db_run(d,
			                        "INSERT INTO schema_migrations (version, name, applied_at) "
			                        "VALUES (CAST($1 AS INTEGER), $2, 'then')",
			                        2, p),
			                 DB_OK);
		}
		assert_int_equal(recorded_version(d), latest());
		assert_int_equal(migrate_check(d), DB_ERR);
		assert_non_null(strstr(db_errmsg(d), skipped->name));
		int applied = -1;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_int_equal(applied, 1);
		assert_int_equal(migrate_check(d), DB_OK);
		db_close(d);
	}
}

/* An older Waymark neither serves nor "upgrades" a database a newer one
 * has migrated: init would claim the schema is at its own version and go
 * on to work on tables it does not know. */
static void test_a_database_from_a_newer_waymark_is_refused(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = empty_db(engines[e].name);
		int applied = -1;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		char ver[16];
		snprintf(ver, sizeof ver, "%d", latest() + 1);
		const char *p[] = {ver};
		assert_int_equal(db_run(d,
		                        "INSERT INTO schema_migrations (version, name, applied_at) "
		                        "VALUES (CAST($1 AS INTEGER), 'from_the_future', 'later')",
		                        1, p),
		                 DB_OK);
		assert_int_equal(migrate_check(d), DB_ERR);
		assert_non_null(strstr(db_errmsg(d), "newer"));
		assert_int_equal(migrate_up(d, &applied), DB_ERR);
		assert_int_equal(applied, 0);
		assert_non_null(strstr(db_errmsg(d), "newer"));
		assert_int_equal(recorded_version(d), latest() + 1);
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_embedded_migrations_are_numbered_in_order),
	    cmocka_unit_test(
	        test_a_fresh_database_migrates_to_the_latest_version_and_records_each_step),
	    cmocka_unit_test(test_migrating_again_changes_nothing),
	    cmocka_unit_test(test_a_database_behind_is_named_and_brought_up_to_date),
	    cmocka_unit_test(test_a_failed_migration_keeps_the_version_it_reached),
	    cmocka_unit_test(test_a_migration_below_the_latest_recorded_is_applied),
	    cmocka_unit_test(test_a_database_from_a_newer_waymark_is_refused),
	};
	return cmocka_run_group_tests_name(nengines == 2 ? "store/migrate (sqlite, pg)"
	                                                 : "store/migrate (sqlite)",
	                                   tests, NULL, NULL);
}
