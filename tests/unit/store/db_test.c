/* The db interface behaves the same on both engines. */
#include "unit/test.h"

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "lib/secure.h"
#include "support/engines.h"

static test_engine engines[2];
static int nengines;

static db *fresh(const char *engine, char *url, size_t n)
{
	db *d = test_db_fresh(engine, url, n);
	if (!d)
		fail_msg("cannot make a %s database", engine);
	assert_int_equal(db_schema(d, "CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, note TEXT) STRICT"),
			 DB_OK);
	return d;
}

static void test_parameters_bind_by_number_in_any_order(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = fresh(engines[e].name, NULL, 0);
		db_stmt *s;
		assert_int_equal(db_prepare(d, "INSERT INTO t (note, id, n) VALUES ($2, $1, $3)", &s),
				 DB_OK);
		assert_int_equal(db_bind_text(s, 1, "a"), DB_OK);
		assert_int_equal(db_bind_text(s, 2, "Ștefan Nguyễn"), DB_OK);
		assert_int_equal(db_bind_int(s, 3, 9007199254740993LL), DB_OK);
		assert_int_equal(db_step(s), DB_DONE);
		db_finalize(s);
		assert_int_equal(db_prepare(d, "SELECT id, note, n, $1 FROM t WHERE id = $1", &s),
				 DB_OK);
		assert_int_equal(db_bind_text(s, 1, "a"), DB_OK);
		assert_int_equal(db_step(s), DB_ROW);
		assert_string_equal(db_col_text(s, 1), "Ștefan Nguyễn");
		assert_int_equal(db_col_int(s, 2), 9007199254740993LL);
		assert_int_equal(db_col_count(s), 4);
		assert_int_equal(db_step(s), DB_DONE);
		db_finalize(s);
		db_close(d);
	}
}

static void test_null_binds_and_reads_as_null(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = fresh(engines[e].name, NULL, 0);
		const char *p[] = {"x", NULL};
		assert_int_equal(db_run(d, "INSERT INTO t (id, note) VALUES ($1, $2)", 2, p), DB_OK);
		db_stmt *s;
		assert_int_equal(db_prepare(d, "SELECT note, n FROM t", &s), DB_OK);
		assert_int_equal(db_step(s), DB_ROW);
		assert_null(db_col_text(s, 0));
		assert_true(db_col_is_null(s, 0));
		assert_true(db_col_is_null(s, 1));
		db_finalize(s);
		db_close(d);
	}
}

static int collect_text(const char *v, void *arg)
{
	strncat(arg, v, 63 - strlen(arg));
	return 0;
}

static void test_one_row_reads_hand_back_the_row_or_nothing(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = fresh(engines[e].name, NULL, 0);
		const char *rows[][2] = {{"a", "first"}, {"b", "second"}};
		for (int i = 0; i < 2; i++)
			assert_int_equal(db_run(d, "INSERT INTO t (id, note) VALUES ($1, $2)", 2, rows[i]), DB_OK);
		const char *key[] = {"b"};
		db_stmt *s;
		assert_int_equal(db_one(d, "SELECT note FROM t WHERE id = $1", 1, key, &s), DB_ROW);
		assert_string_equal(db_col_text(s, 0), "second");
		db_finalize(s);
		const char *none[] = {"zz"};
		assert_int_equal(db_one(d, "SELECT note FROM t WHERE id = $1", 1, none, &s), DB_DONE);
		assert_null(s);
		/* A failure keeps its kind and hands back no statement. */
		assert_int_equal(db_one(d, "SELECT nothing FROM nowhere", 0, NULL, &s), DB_ERR);
		assert_null(s);
		char all[64] = "";
		assert_int_equal(db_each_text(d, "SELECT note FROM t ORDER BY id", 0, NULL, collect_text, all), DB_OK);
		assert_string_equal(all, "firstsecond");
		db_close(d);
	}
}

static void test_unique_violations_are_constraint_errors(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = fresh(engines[e].name, NULL, 0);
		const char *p[] = {"dup"};
		assert_int_equal(db_run(d, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_OK);
		assert_int_equal(db_run(d, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_CONSTRAINT);
		assert_int_equal(db_run(d, "INSERT INTO nowhere VALUES ($1)", 1, p), DB_ERR);
		assert_true(strlen(db_errmsg(d)) > 0);
		db_close(d);
	}
}

static void test_rollback_leaves_nothing(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = fresh(engines[e].name, NULL, 0);
		assert_int_equal(db_begin(d), DB_OK);
		const char *p[] = {"gone"};
		assert_int_equal(db_run(d, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_OK);
		db_rollback(d);
		db_stmt *s;
		assert_int_equal(db_prepare(d, "SELECT COUNT(*) FROM t", &s), DB_OK);
		assert_int_equal(db_step(s), DB_ROW);
		assert_int_equal(db_col_int(s, 0), 0);
		db_finalize(s);
		/* A failed commit-time statement rolls back too and the connection goes on. */
		assert_int_equal(db_begin(d), DB_OK);
		assert_int_equal(db_run(d, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_OK);
		assert_int_equal(db_run(d, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_CONSTRAINT);
		db_rollback(d);
		assert_int_equal(db_run(d, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_OK);
		db_close(d);
	}
}

/* A migration's per-engine sections: each engine runs its own and the
 * common ones, never the other's (which would not parse there). */
static void test_schema_runs_only_this_engines_sections(void **state)
{
	(void)state;
	static const char sql[] = "INSERT INTO t (id) VALUES ('both-before');\n"
				  "-- engine: sqlite\n"
				  "INSERT INTO t (id) VALUES ('sqlite');\n"
				  "PRAGMA user_version = 7;\n"
				  "-- engine: postgresql\n"
				  "INSERT INTO t (id) VALUES ('postgresql');\n"
				  "COMMENT ON TABLE t IS 'only PostgreSQL says this';\n"
				  "-- engine: both\n"
				  "INSERT INTO t (id) VALUES ('both-after');\n"
				  "-- engine: sqlitefoo is not a marker; a comment is kept as a comment\n";
	for (int e = 0; e < nengines; e++) {
		db *d = fresh(engines[e].name, NULL, 0);
		assert_int_equal(db_schema(d, sql), DB_OK);
		db_stmt *s;
		assert_int_equal(db_prepare(d, "SELECT id FROM t ORDER BY id", &s), DB_OK);
		const char *mine = d->engine == DB_ENGINE_PG ? "postgresql" : "sqlite";
		const char *want[] = {"both-after", "both-before", mine};
		for (size_t i = 0; i < 3; i++) {
			assert_int_equal(db_step(s), DB_ROW);
			assert_string_equal(db_col_text(s, 0), want[i]);
		}
		assert_int_equal(db_step(s), DB_DONE);
		db_finalize(s);
		db_close(d);
	}
}

static void test_a_held_write_lock_is_busy_not_an_error(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		char url[512];
		db *a = fresh(engines[e].name, url, sizeof url);
		db *b;
		char err[256];
		assert_int_equal(db_open(url, 100, &b, err, sizeof err), DB_OK);
		if (a->engine == DB_ENGINE_PG)
			assert_int_equal(db_exec(a, "BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE"), DB_OK);
		else
			assert_int_equal(db_exec(a, "BEGIN IMMEDIATE"), DB_OK);
		const char *p[] = {"late"};
		assert_int_equal(db_begin(b) == DB_OK ? db_run(b, "INSERT INTO t (id) VALUES ($1)", 1, p)
						     : DB_BUSY,
				 DB_BUSY);
		db_rollback(b);
		assert_int_equal(db_exec(a, "ROLLBACK"), DB_OK);
		assert_int_equal(db_run(b, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_OK);
		db_close(b);
		db_close(a);
	}
}

static int64_t count_rows(db *d)
{
	db_stmt *s;
	assert_int_equal(db_prepare(d, "SELECT COUNT(*) FROM t", &s), DB_OK);
	assert_int_equal(db_step(s), DB_ROW);
	int64_t n = db_col_int(s, 0);
	db_finalize(s);
	return n;
}

static void show_is(db *d, const char *sql, const char *want)
{
	db_stmt *s;
	assert_int_equal(db_prepare(d, sql, &s), DB_OK);
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), want);
	db_finalize(s);
}

static void test_a_lost_connection_is_busy_and_comes_back_set_up_as_before(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		if (strcmp(engines[e].name, "pg") != 0)
			continue;
		db *d = fresh(engines[e].name, NULL, 0);
		const char *p[] = {"lost"};
		assert_int_equal(db_begin(d), DB_OK);
		assert_int_equal(db_run(d, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_OK);
		/* The backend ends under the open transaction. */
		assert_int_equal(db_exec(d, "SELECT pg_terminate_backend(pg_backend_pid())"), DB_BUSY);
		assert_int_equal(d->in_tx, 0);
		assert_int_equal(count_rows(d), 0);
		/* The new connection has the settings the first was given. */
		show_is(d, "SHOW lock_timeout", "5s");
		show_is(d, "SHOW TimeZone", "UTC");
		assert_int_equal(db_run(d, "INSERT INTO t (id) VALUES ($1)", 1, p), DB_OK);
		db_close(d);
	}
}

struct late_commit {
	db *d;
};

static void *commit_later(void *arg)
{
	struct late_commit *l = arg;
	struct timespec pause = {0, 150 * 1000000L};
	nanosleep(&pause, NULL);
	return (void *)(intptr_t)db_commit(l->d);
}

static void test_writers_in_one_process_wait_their_turn(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		char url[512];
		db *a = fresh(engines[e].name, url, sizeof url);
		db *b, *c;
		char err[256];
		assert_int_equal(db_open(url, 5000, &b, err, sizeof err), DB_OK);
		assert_int_equal(db_open(url, 100, &c, err, sizeof err), DB_OK);
		const char *first[] = {"first"}, *second[] = {"second"};
		assert_int_equal(db_begin(a), DB_OK);
		assert_int_equal(db_run(a, "INSERT INTO t (id) VALUES ($1)", 1, first), DB_OK);
		/* With a short timeout, a writer held up past it is told busy. */
		int rc = db_begin(c);
		if (rc == DB_OK)
			rc = db_run(c, "INSERT INTO t (id) VALUES ($1)", 1, first);
		assert_int_equal(rc, DB_BUSY);
		db_rollback(c);
		/* Within its timeout, the next writer waits and then goes in. */
		struct late_commit l = {a};
		pthread_t t;
		assert_int_equal(pthread_create(&t, NULL, commit_later, &l), 0);
		assert_int_equal(db_begin(b), DB_OK);
		assert_int_equal(db_run(b, "INSERT INTO t (id) VALUES ($1)", 1, second), DB_OK);
		assert_int_equal(db_commit(b), DB_OK);
		void *out;
		pthread_join(t, &out);
		assert_int_equal((int)(intptr_t)out, DB_OK);
		db_stmt *s;
		assert_int_equal(db_prepare(b, "SELECT COUNT(*) FROM t WHERE id IN ('first', 'second')", &s), DB_OK);
		assert_int_equal(db_step(s), DB_ROW);
		assert_int_equal(db_col_int(s, 0), 2);
		db_finalize(s);
		db_close(c);
		db_close(b);
		db_close(a);
	}
}

/* What the statement caches counted since before. */
static db_cache_stats cache_since(const db_cache_stats *before)
{
	db_cache_stats now;
	db_cache_read(&now);
	return (db_cache_stats){now.hits - before->hits, now.misses - before->misses,
				now.evictions - before->evictions};
}

static void assert_cache_since(const db_cache_stats *before, uint64_t hits, uint64_t misses,
			       uint64_t evictions)
{
	db_cache_stats st = cache_since(before);
	assert_int_equal(st.hits, hits);
	assert_int_equal(st.misses, misses);
	assert_int_equal(st.evictions, evictions);
}

/* Runs a query of one row and one column and checks its answer. */
static void assert_answers(db *d, const char *sql, int64_t want)
{
	db_stmt *s;
	assert_int_equal(db_prepare(d, sql, &s), DB_OK);
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_col_int(s, 0), want);
	assert_int_equal(db_step(s), DB_DONE);
	db_finalize(s);
}

static void test_cache_keys_by_text_not_address(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = fresh(engines[e].name, NULL, 0);
		char a[32], b[32];
		snprintf(a, sizeof a, "SELECT 40 + 2");
		snprintf(b, sizeof b, "SELECT 40 + 2");
		db_cache_stats before;
		db_cache_read(&before);
		assert_answers(d, a, 42);
		assert_answers(d, b, 42);
		assert_cache_since(&before, 1, 1, 0);
		/* The same address holding other text is another statement. */
		snprintf(a, sizeof a, "SELECT 40 + 3");
		assert_answers(d, a, 43);
		assert_cache_since(&before, 1, 2, 0);
		db_close(d);
	}
}

/* PostgreSQL keeps its first 128 statements and never evicts: SQLite only. */
static void test_sqlite_cache_evicts_the_least_recently_used(void **state)
{
	(void)state;
	db *d = fresh("sqlite", NULL, 0);
	static char sql[DB_SQLITE_CACHE + 1][32];
	for (int i = 0; i <= DB_SQLITE_CACHE; i++)
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
	/* The cache now holds statements 0 to 127, 0 the least recently used. */
	for (int i = 0; i < DB_SQLITE_CACHE; i++)
		assert_answers(d, sql[i], i);
	db_cache_stats before;
	db_cache_read(&before);
	assert_answers(d, sql[0], 0);
	assert_cache_since(&before, 1, 0, 0);
	/* One more evicts 1, now the least recently used, and not 0. */
	assert_answers(d, sql[DB_SQLITE_CACHE], DB_SQLITE_CACHE);
	assert_cache_since(&before, 1, 1, 1);
	assert_answers(d, sql[0], 0);
	assert_cache_since(&before, 2, 1, 1);
	assert_answers(d, sql[1], 1);
	assert_cache_since(&before, 2, 2, 2);
	/* 1 came back in place of 2; the newest stayed. */
	assert_answers(d, sql[2], 2);
	assert_answers(d, sql[DB_SQLITE_CACHE], DB_SQLITE_CACHE);
	assert_cache_since(&before, 3, 3, 3);
	db_close(d);
}

static void test_sqlite_cache_never_evicts_a_statement_in_use(void **state)
{
	(void)state;
	db *d = fresh("sqlite", NULL, 0);
	const char *rows[][2] = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
	for (int i = 0; i < 3; i++)
		assert_int_equal(db_run(d, "INSERT INTO t (id, n) VALUES ($1, $2)", 2, rows[i]),
				 DB_OK);
	static const char held_sql[] = "SELECT n FROM t ORDER BY n";
	db_stmt *held;
	assert_int_equal(db_prepare(d, held_sql, &held), DB_OK);
	assert_int_equal(db_step(held), DB_ROW);
	assert_int_equal(db_col_int(held, 0), 1);
	/* Twice the cache's size in other statements evicts every one it may. */
	db_cache_stats before;
	db_cache_read(&before);
	for (int i = 0; i < 2 * DB_SQLITE_CACHE; i++) {
		char sql[32];
		snprintf(sql, sizeof sql, "SELECT %d", 1000 + i);
		assert_answers(d, sql, 1000 + i);
	}
	assert_true(cache_since(&before).evictions >= DB_SQLITE_CACHE);
	/* The same text while it is in use gets a statement of its own. */
	int n = 0;
	assert_int_equal(db_count(d, held_sql, 0, NULL, &n), DB_OK);
	assert_int_equal(n, 3);
	assert_int_equal(db_step(held), DB_ROW);
	assert_int_equal(db_col_int(held, 0), 2);
	assert_int_equal(db_step(held), DB_ROW);
	assert_int_equal(db_col_int(held, 0), 3);
	assert_int_equal(db_step(held), DB_DONE);
	db_finalize(held);
	/* It stayed cached, and is reused now that it is free. */
	db_cache_read(&before);
	assert_int_equal(db_count(d, held_sql, 0, NULL, &n), DB_OK);
	assert_int_equal(n, 3);
	assert_cache_since(&before, 1, 0, 0);
	db_close(d);
}

static void test_bad_urls_are_refused_with_a_reason(void **state)
{
	(void)state;
	db *d;
	char err[256];
	assert_int_not_equal(db_open("mysql://x", 100, &d, err, sizeof err), DB_OK);
	assert_non_null(strstr(err, "sqlite:"));
	assert_int_not_equal(db_open("sqlite:/nonexistent-dir/x/y.db", 100, &d, err, sizeof err),
			     DB_OK);
	assert_int_not_equal(db_open("postgresql://127.0.0.1:1/none?connect_timeout=2", 100, &d, err,
				     sizeof err),
			     DB_OK);
	assert_non_null(strstr(err, "PostgreSQL"));
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parameters_bind_by_number_in_any_order),
		cmocka_unit_test(test_null_binds_and_reads_as_null),
		cmocka_unit_test(test_one_row_reads_hand_back_the_row_or_nothing),
		cmocka_unit_test(test_unique_violations_are_constraint_errors),
		cmocka_unit_test(test_rollback_leaves_nothing),
		cmocka_unit_test(test_schema_runs_only_this_engines_sections),
		cmocka_unit_test(test_a_held_write_lock_is_busy_not_an_error),
		cmocka_unit_test(test_a_lost_connection_is_busy_and_comes_back_set_up_as_before),
		cmocka_unit_test(test_writers_in_one_process_wait_their_turn),
		cmocka_unit_test(test_bad_urls_are_refused_with_a_reason),
		cmocka_unit_test(test_cache_keys_by_text_not_address),
		cmocka_unit_test(test_sqlite_cache_evicts_the_least_recently_used),
		cmocka_unit_test(test_sqlite_cache_never_evicts_a_statement_in_use),
	};
	return cmocka_run_group_tests_name(nengines == 2 ? "store/db (sqlite, pg)" : "store/db (sqlite)",
					   tests, NULL, NULL);
}
