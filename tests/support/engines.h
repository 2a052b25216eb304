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
/* Opens a new migrated database on the engine; writes its URL when url is not NULL. */
db *test_db_fresh(const char *engine, char *url, size_t urllen);
/* A new private folder under the temporary directory (0755), or NULL. */
const char *test_tmpdir(void);

#endif
