/* The storage interface: one API over SQLite and PostgreSQL.
 *
 * SQL uses $1-style parameters on both engines. Statements are prepared,
 * bound (1-based), stepped and finalised. Where the engines differ, the
 * difference lives in db_sqlite.c or db_pg.c, never in callers. */
#ifndef WAYMARK_STORE_DB_H
#define WAYMARK_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

#include "lib/fault.h"

enum {
	DB_OK = 0,
	DB_ROW = 1,          /* db_step: a row is ready */
	DB_DONE = 2,         /* db_step: no more rows */
	DB_ERR = -1,         /* anything unexpected; see db_errmsg */
	DB_BUSY = -2,        /* locked or unreachable for now: answer 503 and retry */
	DB_FULL = -3,        /* disk full: answer 503 */
	DB_CONSTRAINT = -4,  /* a unique or foreign-key rule refused the change */
	DB_NOMEM = -5,
	DB_IO = -6,          /* storage could not be read or written: answer 503 */
};
/* Not found is DB_DONE: a read of one row answers DB_ROW or DB_DONE. */

typedef enum { DB_ENGINE_SQLITE, DB_ENGINE_PG } db_engine;

typedef struct db db;
typedef struct db_stmt db_stmt;

/* The operations each engine provides; callers use the db_* functions below. */
typedef struct db_ops {
	void (*close)(db *d);
	int (*prepare)(db *d, const char *sql, db_stmt **out);
	int (*bind_text)(db_stmt *s, int i, const char *v);
	int (*bind_int)(db_stmt *s, int i, int64_t v);
	int (*step)(db_stmt *s);
	const char *(*col_text)(db_stmt *s, int i);
	int (*col_is_null)(db_stmt *s, int i);
	int (*col_count)(db_stmt *s);
	void (*finalize)(db_stmt *s);
	int (*exec)(db *d, const char *sql);
	int (*begin)(db *d);
	void (*end)(db *d); /* after COMMIT or ROLLBACK; may be NULL */
	int (*schema)(db *d, const char *sql);
	int (*backup)(db *d, const char *path);
#ifdef WAYMARK_FAULTS
	/* The test build: fails the call about to be made as a real error of
	 * the kind would, with what the engine does then (SQLite may roll the
	 * transaction back, PostgreSQL aborts it; a lost connection is ended
	 * for real and made anew), and returns the error. */
	int (*fault)(db *d, fault_kind k);
#endif
} db_ops;

/* Engines embed this first in their statement structure. */
struct db_stmt {
	db *d;
};

struct db {
	const db_ops *ops;
	db_engine engine;
	int in_tx;
	char err[256];
};

/* Opens "sqlite:PATH" or a "postgresql://" URI. Returns DB_OK and sets *out,
 * or an error code with a message in err. busy_ms bounds lock waits. */
int db_open(const char *url, int busy_ms, db **out, char *err, size_t errlen);
/* Closes the connection and frees it. NULL is ignored. */
void db_close(db *d);
/* The last error message of this connection. */
const char *db_errmsg(const db *d);

int db_prepare(db *d, const char *sql, db_stmt **out);
/* Binds parameter i (1-based); a NULL string binds SQL NULL. */
int db_bind_text(db_stmt *s, int i, const char *v);
int db_bind_int(db_stmt *s, int i, int64_t v);
/* Returns DB_ROW, DB_DONE or an error code. */
int db_step(db_stmt *s);
/* Column i (0-based) of the current row: NULL for SQL NULL. Valid until the next step. */
const char *db_col_text(db_stmt *s, int i);
int64_t db_col_int(db_stmt *s, int i);
int db_col_is_null(db_stmt *s, int i);
int db_col_count(db_stmt *s);
/* Copies column i into dst (n bytes, truncating); SQL NULL becomes "". */
void db_col_copy(db_stmt *s, int i, char *dst, size_t n);
/* Copies column i into the arena; NULL for SQL NULL. When memory runs out
 * it answers "" rather than NULL, so a column that is never NULL never
 * reads as missing; the out-of-memory watch has noted the failure, so the
 * request commits nothing and answers 503. */
struct arena;
const char *db_col_dup(db_stmt *s, int i, struct arena *a);
/* Releases the statement. NULL is ignored. */
void db_finalize(db_stmt *s);

/* Runs SQL without parameters or results (may hold several statements). */
int db_exec(db *d, const char *sql);
/* Starts a write transaction (SQLite takes the write lock at once). */
int db_begin(db *d);
int db_commit(db *d);
/* Rolls back if a transaction is open. Can't fail in a way callers can act on. */
void db_rollback(db *d);
/* Runs a migration written in the portable dialect, adapted to this engine.
 * What the dialect cannot say the same way on both (a constraint changed
 * in place) is written per engine between lines "-- engine: sqlite" or
 * "-- engine: postgresql" and "-- engine: both"; the other engine's
 * sections are left out. */
int db_schema(db *d, const char *sql);
/* Writes a consistent copy of the database to path (SQLite file; PostgreSQL: refused). */
int db_backup(db *d, const char *path);

/* Runs one statement with text parameters (NULL binds NULL) and no result rows. */
int db_run(db *d, const char *sql, int nparams, const char *const *params);
/* Runs one query with text parameters and calls row for each result row;
 * a non-zero answer from row stops there and is returned. DB_OK when all
 * rows were read. */
int db_each(db *d, const char *sql, int nparams, const char *const *params,
	    int (*row)(db_stmt *s, void *arg), void *arg);
/* Runs one query with text parameters and steps it once: DB_ROW with *out
 * the statement on its row (the caller reads it and finalises it), or
 * DB_DONE or an error with *out NULL. */
int db_one(db *d, const char *sql, int nparams, const char *const *params, db_stmt **out);
/* Fills the record rec from the statement's current row, copying what must
 * outlive the statement into a (which readers that copy nothing ignore).
 * Answers DB_OK, or an error that ends the read. */
typedef int db_read_fn(struct arena *a, db_stmt *s, void *rec);
/* Runs one query with text parameters and has read fill rec from its first
 * row: DB_ROW when it did, DB_DONE when there is no row, or an error. */
int db_get(db *d, struct arena *a, const char *sql, int nparams, const char *const *params,
	   db_read_fn *read, void *rec);
/* As db_get, copying the first column into out (outlen bytes, truncating;
 * SQL NULL becomes ""). */
int db_get_text(db *d, const char *sql, int nparams, const char *const *params, char *out,
		size_t outlen);
/* As db_get, reading the first column into *out as a number. */
int db_get_int(db *d, const char *sql, int nparams, const char *const *params, int64_t *out);
/* Runs a write with text parameters that returns the rows it changed:
 * DB_OK when it changed one or more, DB_DONE when it changed none, or an
 * error. */
int db_change(db *d, const char *sql, int nparams, const char *const *params);
/* As db_each, calling fn with the first column of each row. */
int db_each_text(db *d, const char *sql, int nparams, const char *const *params,
		 int (*fn)(const char *value, void *arg), void *arg);
/* Runs one query (or a write with RETURNING) and counts its rows in *n. */
int db_count(db *d, const char *sql, int nparams, const char *const *params, int *n);
/* Sets d->err from printf-style text and returns rc. */
int db_fail(db *d, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* How the engines' statement caches served this process, summed over all
 * connections since it started. */
typedef struct db_cache_stats {
	uint64_t hits;      /* a prepared statement was reused */
	uint64_t misses;    /* the SQL had to be prepared, or ran unprepared */
	uint64_t evictions; /* a prepared statement was dropped to make room */
} db_cache_stats;
/* Reads the counters into *out. Can't fail; safe from any thread. */
void db_cache_read(db_cache_stats *out);

/* For the engines: statements each SQLite connection keeps prepared. */
#define DB_SQLITE_CACHE 128
typedef enum { DB_CACHE_HIT, DB_CACHE_MISS, DB_CACHE_EVICTION } db_cache_event;
/* Counts one cache event. Can't fail; safe from any thread. */
void db_cache_count(db_cache_event e);
/* The cache key of sql: a hash of its text, with its length in *len. Two
 * equal texts hash alike wherever they are; callers compare the text too. */
uint64_t db_sql_hash(const char *sql, size_t *len);

#ifdef WAYMARK_FAULTS
/* The error a fault of the kind answers (a lost connection: DB_BUSY). */
int db_fault_code(fault_kind k);
#endif

int db_sqlite_open(const char *path, int busy_ms, db **out, char *err, size_t errlen);
int db_pg_open(const char *uri, int busy_ms, db **out, char *err, size_t errlen);

#endif
