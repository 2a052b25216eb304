#include "support/engines.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/migrate.h"

int test_engines(test_engine out[2])
{
	int n = 0;
	out[n++].name = "sqlite";
	const char *pg = getenv("WAYMARK_TEST_PG");
	if (pg && *pg)
		out[n++].name = "pg";
	else if (getenv("WAYMARK_REQUIRE_PG") && strcmp(getenv("WAYMARK_REQUIRE_PG"), "1") == 0) {
		fprintf(stderr, "WAYMARK_REQUIRE_PG=1 but WAYMARK_TEST_PG is not set\n");
		exit(1);
	}
	return n;
}

const char *test_tmpdir(void)
{
	static char dir[256];
	if (dir[0])
		return dir;
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/waymark-test.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		dir[0] = '\0';
		return NULL;
	}
	chmod(dir, 0755);
	return dir;
}

int test_db_create(const char *engine, char *url, size_t urllen)
{
	unsigned char r[6];
	randombytes_buf(r, sizeof r);
	char name[32];
	snprintf(name, sizeof name, "t_%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4],
		 r[5]);
	if (strcmp(engine, "sqlite") == 0) {
		const char *dir = test_tmpdir();
		if (!dir)
			return -1;
		snprintf(url, urllen, "sqlite:%s/%s.db", dir, name);
		return 0;
	}
	const char *admin = getenv("WAYMARK_TEST_PG");
	if (!admin)
		return -1;
	char err[256];
	db *d;
	if (db_open(admin, 5000, &d, err, sizeof err) != DB_OK) {
		fprintf(stderr, "cannot reach PostgreSQL: %s\n", err);
		return -1;
	}
	char sql[64];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	int rc = db_exec(d, sql);
	db_close(d);
	if (rc != DB_OK)
		return -1;
	/* The admin URL ends in /postgres: the new database sits beside it. */
	const char *slash = strrchr(admin, '/');
	snprintf(url, urllen, "%.*s/%s", (int)(slash - admin), admin, name);
	return 0;
}

db *test_db_fresh(const char *engine, char *url, size_t urllen)
{
	char tmp[512];
	if (!url) {
		url = tmp;
		urllen = sizeof tmp;
	}
	if (test_db_create(engine, url, urllen) != 0)
		return NULL;
	char err[256];
	db *d;
	if (db_open(url, 5000, &d, err, sizeof err) != DB_OK) {
		fprintf(stderr, "%s\n", err);
		return NULL;
	}
	int applied;
	if (migrate_up(d, &applied) != DB_OK) {
		fprintf(stderr, "%s\n", db_errmsg(d));
		db_close(d);
		return NULL;
	}
	return d;
}

static const char *engine_now;
static test_body *open_world;
static void (*close_world)(void);

void test_world_set(test_body *open, void (*close)(void))
{
	open_world = open;
	close_world = close;
}

const char *test_engine_now(void)
{
	return engine_now;
}

void test_run_on_engines(void **state)
{
	const test_on_engines *t = *state;
	test_engine engines[2];
	int n = test_engines(engines);
	for (int e = 0; e < n; e++) {
		engine_now = engines[e].name;
		db *d = test_db_fresh(engine_now, NULL, 0);
		if (!d)
			fail_msg("%s: no new database", engine_now);
		if (open_world)
			open_world(d);
		t->body(d);
		if (close_world)
			close_world();
		db_close(d);
	}
	engine_now = NULL;
}

const char *test_suite_name(const char *suite)
{
	static char name[128];
	test_engine engines[2];
	snprintf(name, sizeof name, "%s (%s)", suite,
		 test_engines(engines) == 2 ? "sqlite, pg" : "sqlite");
	return name;
}
