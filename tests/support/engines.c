#include "support/engines.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

int test_file_of(const char *name, const void *bytes, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, bytes, n) != (ssize_t)n)
		fail_msg("cannot write %s", path);
	return fd;
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

/* Copies the SQLite file at path from to path to (a closed database: its
 * journal is folded in). Returns 0 or -1. */
static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return -1;
	/* The copy keeps the file's mode: the server makes its files private. */
	struct stat st;
	int fd = fstat(fileno(in), &st) == 0 ? open(to, O_WRONLY | O_CREAT | O_EXCL, st.st_mode & 0777)
					       : -1;
	FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!out) {
		if (fd >= 0)
			close(fd);
		fclose(in);
		return -1;
	}
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		if (fwrite(chunk, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	return rc;
}

int test_db_copy(const char *engine, const char *from, char *url, size_t urllen)
{
	if (strcmp(engine, "sqlite") == 0) {
		if (test_db_create(engine, url, urllen) != 0)
			return -1;
		char wal[600];
		snprintf(wal, sizeof wal, "%s-wal", from + strlen("sqlite:"));
		struct stat st;
		if (stat(wal, &st) == 0 && st.st_size > 0) {
			fprintf(stderr, "the template database %s is still open\n", from);
			return -1;
		}
		return copy_file(from + strlen("sqlite:"), url + strlen("sqlite:"));
	}
	const char *admin = getenv("WAYMARK_TEST_PG");
	const char *slash = strrchr(from, '/');
	if (!admin || !slash)
		return -1;
	unsigned char r[6];
	randombytes_buf(r, sizeof r);
	char name[32];
	snprintf(name, sizeof name, "t_%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4],
		 r[5]);
	char err[256];
	db *d;
	if (db_open(admin, 5000, &d, err, sizeof err) != DB_OK) {
		fprintf(stderr, "cannot reach PostgreSQL: %s\n", err);
		return -1;
	}
	char sql[128];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", name, slash + 1);
	int rc = db_exec(d, sql);
	if (rc != DB_OK)
		fprintf(stderr, "%s: %s\n", sql, db_errmsg(d));
	db_close(d);
	if (rc != DB_OK)
		return -1;
	snprintf(url, urllen, "%.*s/%s", (int)(slash - from), from, name);
	return 0;
}

/* The migrated empty database of each engine, made once for the program:
 * each test starts from a copy, not from running every migration again. */
static char template_url[2][512];

db *test_db_fresh(const char *engine, char *url, size_t urllen)
{
	char tmp[512];
	if (!url) {
		url = tmp;
		urllen = sizeof tmp;
	}
	char *tmpl = template_url[strcmp(engine, "sqlite") != 0];
	char err[256];
	db *d;
	if (!tmpl[0]) {
		char made[512];
		if (test_db_create(engine, made, sizeof made) != 0)
			return NULL;
		if (db_open(made, 5000, &d, err, sizeof err) != DB_OK) {
			fprintf(stderr, "%s\n", err);
			return NULL;
		}
		int applied;
		int rc = migrate_up(d, &applied);
		if (rc != DB_OK)
			fprintf(stderr, "%s\n", db_errmsg(d));
		db_close(d);
		if (rc != DB_OK)
			return NULL;
		snprintf(tmpl, sizeof template_url[0], "%s", made);
	}
	if (test_db_copy(engine, tmpl, url, urllen) != 0)
		return NULL;
	if (db_open(url, 5000, &d, err, sizeof err) != DB_OK) {
		fprintf(stderr, "%s\n", err);
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
