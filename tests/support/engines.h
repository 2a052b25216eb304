/* Test support: fresh databases on both engines. */
#ifndef WAYMARK_TESTS_ENGINES_H
#define WAYMARK_TESTS_ENGINES_H

#include <stddef.h>

#include "store/db.h"

typedef struct test_engine {
	const char *name; /* "sqlite" or "pg" */
} test_engine;

/* The engines to test: SQLite always, PostgreSQL when WAYMARK_TEST_PG names
 * a server. Aborts the test program when WAYMARK_REQUIRE_PG=1 and none is
 * named, so a missing server can never pass as a green run. Returns the count. */
int test_engines(test_engine out[2]);
/* Makes a new empty database on the engine and writes its URL. Returns 0 or -1. */
int test_db_create(const char *engine, char *url, size_t urllen);
/* Makes a new database on the engine as a copy of the closed database at
 * from (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL)
 * and writes its URL. Returns 0 or -1. */
int test_db_copy(const char *engine, const char *from, char *url, size_t urllen);
/* Opens a new migrated database on the engine, a copy of one migrated once
 * for the program; writes its URL when url is not NULL. */
db *test_db_fresh(const char *engine, char *url, size_t urllen);
/* A new private folder under the temporary directory (0755), or NULL. */
const char *test_tmpdir(void);
/* A file of that name in test_tmpdir() holding the bytes given, opened
 * for reading and writing at its end; fails the test when it cannot. */
int test_file_of(const char *name, const void *bytes, size_t n);

/* What a test checks on d, a new migrated database of the engine that
 * test_engine_now() names. */
typedef void test_body(db *d);

typedef struct test_on_engines {
	test_body *body;
} test_on_engines;

/* A cmocka test function: runs the body in *state (a test_on_engines) on a
 * new database of each engine in turn, closing each after. */
void test_run_on_engines(void **state);

/* Has test_run_on_engines call open(d) before each body and close() after
 * it: the world every test of the program stands on, made on each test's
 * database. Either may be NULL. */
void test_world_set(test_body *open, void (*close)(void));

/* The engine the body running in test_run_on_engines is on ("sqlite" or
 * "pg"), for its messages; NULL outside a body. */
const char *test_engine_now(void);

/* The cmocka test, named for its body, that runs the body on each engine. */
#define ENGINE_TEST(fn) {#fn, test_run_on_engines, NULL, NULL, &(test_on_engines){fn}}

/* The suite's name and the engines its tests run on, as "store/cases
 * (sqlite, pg)"; the text is static, overwritten by the next call. */
const char *test_suite_name(const char *suite);

#endif
