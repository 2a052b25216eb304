/* The whole content of a test database, table by table, so a test can say
 * whether a request changed anything at all. Read straight through the
 * engine's own library (sqlite3 or libpq), not through Waymark's store. */
#ifndef WAYMARK_TESTS_FAULTS_SNAPSHOT_H
#define WAYMARK_TESTS_FAULTS_SNAPSHOT_H

#include <stddef.h>

#define SNAP_TABLES 96

typedef struct snap_table {
	char name[64];
	long rows;
	char digest[65]; /* of every row's columns, rows in order */
} snap_table;

typedef struct snapshot {
	int n;
	snap_table t[SNAP_TABLES];
} snapshot;

typedef struct snapper snapper;

/* Opens the database named by a sqlite: or postgresql:// URL and learns its
 * tables. Returns NULL (having said why on standard error) when it cannot. */
snapper *snapper_open(const char *db_url);
void snapper_close(snapper *s);
/* Reads every table in one read transaction. Returns 0 or -1. */
int snapper_take(snapper *s, snapshot *out);
/* Whether a and b differ; when they do, writes the tables that differ into
 * out: "audit_log, cases, sessions", or with counts when asked
 * ("audit_log +1 rows, cases +1 rows, sessions changed"). */
int snapshot_diff(const snapshot *a, const snapshot *b, int counts, char *out, size_t n);

#endif
