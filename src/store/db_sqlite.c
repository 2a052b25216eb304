/* The SQLite engine: WAL, foreign keys, STRICT tables, a statement cache. */
#include "store/db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A prepared statement. Cached ones live in their connection's cache and
 * are reset, not finalised, when their user is done; the others belong to
 * their user alone and are finalised then. */
typedef struct sq_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
	int cached;
	int in_use;    /* handed out and not yet finalised: never evicted */
	char *sql;     /* cached: a copy of the text, the key with len and hash */
	size_t len;
	uint64_t hash;
	uint64_t used; /* cached: the connection's tick when last handed out */
} sq_stmt;

typedef struct sq_db {
	struct db base;
	sqlite3 *conn;
	sq_stmt cache[DB_SQLITE_CACHE];
	uint64_t tick; /* counts statements handed out, for least-recently-used */
	pthread_mutex_t *writer; /* this file's writer lock in this process, or NULL */
	int writing;		 /* holds it */
	int busy_ms;
} sq_db;

/* SQLite lets one writer in at a time and makes the others poll with
 * growing sleeps (up to 25 ms each), which under load puts tens of
 * milliseconds on the slowest requests. Writers in one process instead
 * queue on a mutex per file and are woken the moment the last one commits;
 * the busy timeout still bounds the wait, and other processes still meet
 * SQLite's own lock. */
enum { WRITER_LOCKS = 32 };
static struct {
	char path[512];
	pthread_mutex_t mu;
} writer_locks[WRITER_LOCKS];
static int nwriter_locks;
static pthread_mutex_t writer_locks_mu = PTHREAD_MUTEX_INITIALIZER;

static pthread_mutex_t *writer_lock_for(const char *path)
{
	pthread_mutex_t *out = NULL;
	if (strlen(path) >= sizeof writer_locks[0].path || strcmp(path, ":memory:") == 0)
		return NULL;
	pthread_mutex_lock(&writer_locks_mu);
	for (int i = 0; i < nwriter_locks && !out; i++)
		if (strcmp(writer_locks[i].path, path) == 0)
			out = &writer_locks[i].mu;
	if (!out && nwriter_locks < WRITER_LOCKS) {
		snprintf(writer_locks[nwriter_locks].path, sizeof writer_locks[0].path, "%s", path);
		pthread_mutex_init(&writer_locks[nwriter_locks].mu, NULL);
		out = &writer_locks[nwriter_locks++].mu;
	}
	pthread_mutex_unlock(&writer_locks_mu);
	return out;
}

static int sq_rc(sq_db *q, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return db_fail(&q->base, DB_BUSY, "database is locked");
	case SQLITE_FULL:
		return db_fail(&q->base, DB_FULL, "database or disk is full");
	case SQLITE_CONSTRAINT:
		return db_fail(&q->base, DB_CONSTRAINT, "%s", sqlite3_errmsg(q->conn));
	case SQLITE_NOMEM:
		return db_fail(&q->base, DB_NOMEM, "out of memory");
	case SQLITE_IOERR:
		if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC)
			return db_fail(&q->base, DB_FULL, "%s", sqlite3_errmsg(q->conn));
		return db_fail(&q->base, DB_IO, "%s", sqlite3_errmsg(q->conn));
	case SQLITE_CANTOPEN:
		return db_fail(&q->base, DB_IO, "%s", sqlite3_errmsg(q->conn));
	default:
		return db_fail(&q->base, DB_ERR, "%s", sqlite3_errmsg(q->conn));
	}
}

static void sq_end(db *d);

static void sq_cache_drop(sq_stmt *c)
{
	sqlite3_finalize(c->st);
	free(c->sql);
	c->st = NULL;
	c->sql = NULL;
}

static void sq_close(db *d)
{
	sq_db *q = (sq_db *)d;
	sq_end(d);
	for (size_t i = 0; i < DB_SQLITE_CACHE; i++)
		if (q->cache[i].st)
			sq_cache_drop(&q->cache[i]);
	sqlite3_close_v2(q->conn);
	free(q);
}

/* The cached statement of this text, in use or not, or NULL. */
static sq_stmt *sq_cache_find(sq_db *q, const char *sql, size_t len, uint64_t hash)
{
	for (size_t i = 0; i < DB_SQLITE_CACHE; i++) {
		sq_stmt *c = &q->cache[i];
		if (c->st && c->hash == hash && c->len == len && memcmp(c->sql, sql, len) == 0)
			return c;
	}
	return NULL;
}

/* Where a new statement goes: an empty slot, else the least recently used
 * statement that is not in use. NULL when every one is in use. */
static sq_stmt *sq_cache_slot(sq_db *q)
{
	sq_stmt *lru = NULL;
	for (size_t i = 0; i < DB_SQLITE_CACHE; i++) {
		sq_stmt *c = &q->cache[i];
		if (!c->st)
			return c;
		if (!c->in_use && (!lru || c->used < lru->used))
			lru = c;
	}
	return lru;
}

static int sq_hand_out(sq_db *q, sq_stmt *s, db_stmt **out)
{
	s->in_use = 1;
	s->used = ++q->tick;
	*out = &s->base;
	return DB_OK;
}

/* Keeps st in slot c, evicting what c held. Returns 0, or -1 when memory
 * for the key runs out (c is unchanged). */
static int sq_cache_put(sq_db *q, sq_stmt *c, sqlite3_stmt *st, const char *sql, size_t len,
			uint64_t hash)
{
	char *copy = malloc(len + 1);
	if (!copy)
		return -1;
	memcpy(copy, sql, len + 1);
	if (c->st) {
		sq_cache_drop(c);
		db_cache_count(DB_CACHE_EVICTION);
	}
	c->base.d = &q->base;
	c->st = st;
	c->cached = 1;
	c->sql = copy;
	c->len = len;
	c->hash = hash;
	return 0;
}

static int sq_prepare(db *d, const char *sql, db_stmt **out)
{
	sq_db *q = (sq_db *)d;
	*out = NULL;
	size_t len;
	uint64_t hash = db_sql_hash(sql, &len);
	sq_stmt *c = sq_cache_find(q, sql, len, hash);
	if (c && !c->in_use) {
		db_cache_count(DB_CACHE_HIT);
		return sq_hand_out(q, c, out);
	}
	db_cache_count(DB_CACHE_MISS);
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v3(q->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK)
		return sq_rc(q, rc);
	/* The same text already in use (a query run for each row of itself)
	 * gets a statement of its own rather than a second cache entry. */
	sq_stmt *slot = c ? NULL : sq_cache_slot(q);
	if (slot && sq_cache_put(q, slot, st, sql, len, hash) == 0)
		return sq_hand_out(q, slot, out);
	sq_stmt *s = calloc(1, sizeof *s);
	if (!s) {
		sqlite3_finalize(st);
		return db_fail(d, DB_NOMEM, "out of memory");
	}
	s->base.d = d;
	s->st = st;
	return sq_hand_out(q, s, out);
}

static int sq_index(sq_stmt *s, int i)
{
	char name[16];
	snprintf(name, sizeof name, "$%d", i);
	return sqlite3_bind_parameter_index(s->st, name);
}

static int sq_bind_text(db_stmt *bs, int i, const char *v)
{
	sq_stmt *s = (sq_stmt *)bs;
	int idx = sq_index(s, i);
	if (idx == 0)
		return db_fail(bs->d, DB_ERR, "statement has no parameter $%d", i);
	int rc = v ? sqlite3_bind_text(s->st, idx, v, -1, SQLITE_TRANSIENT)
		   : sqlite3_bind_null(s->st, idx);
	return sq_rc((sq_db *)bs->d, rc);
}

static int sq_bind_int(db_stmt *bs, int i, int64_t v)
{
	sq_stmt *s = (sq_stmt *)bs;
	int idx = sq_index(s, i);
	if (idx == 0)
		return db_fail(bs->d, DB_ERR, "statement has no parameter $%d", i);
	return sq_rc((sq_db *)bs->d, sqlite3_bind_int64(s->st, idx, v));
}

static int sq_step(db_stmt *bs)
{
	sq_stmt *s = (sq_stmt *)bs;
	return sq_rc((sq_db *)bs->d, sqlite3_step(s->st));
}

static const char *sq_col_text(db_stmt *bs, int i)
{
	return (const char *)sqlite3_column_text(((sq_stmt *)bs)->st, i);
}

static int sq_col_is_null(db_stmt *bs, int i)
{
	return sqlite3_column_type(((sq_stmt *)bs)->st, i) == SQLITE_NULL;
}

static int sq_col_count(db_stmt *bs)
{
	return sqlite3_column_count(((sq_stmt *)bs)->st);
}

static void sq_finalize(db_stmt *bs)
{
	sq_stmt *s = (sq_stmt *)bs;
	if (s->cached) {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		s->in_use = 0;
		return;
	}
	sqlite3_finalize(s->st);
	free(s);
}

static int sq_exec(db *d, const char *sql)
{
	sq_db *q = (sq_db *)d;
	return sq_rc(q, sqlite3_exec(q->conn, sql, NULL, NULL, NULL));
}

static int sq_begin(db *d)
{
	sq_db *q = (sq_db *)d;
	if (q->writer && !q->writing) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += q->busy_ms / 1000;
		until.tv_nsec += (long)(q->busy_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (pthread_mutex_timedlock(q->writer, &until) != 0)
			return db_fail(d, DB_BUSY, "the database is busy");
		q->writing = 1;
	}
	int rc = sq_exec(d, "BEGIN IMMEDIATE");
	if (rc != DB_OK && q->writing) {
		q->writing = 0;
		pthread_mutex_unlock(q->writer);
	}
	return rc;
}

static void sq_end(db *d)
{
	sq_db *q = (sq_db *)d;
	if (q->writing) {
		q->writing = 0;
		pthread_mutex_unlock(q->writer);
	}
}

static int sq_backup(db *d, const char *path)
{
	sq_db *q = (sq_db *)d;
	sqlite3 *dst;
	int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		db_fail(d, DB_ERR, "cannot open %s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return DB_ERR;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", q->conn, "main");
	if (!b) {
		db_fail(d, DB_ERR, "backup failed: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return DB_ERR;
	}
	/* One step copies everything under a single read transaction: a consistent copy. */
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	int out = rc == SQLITE_DONE ? DB_OK : db_fail(d, DB_ERR, "backup failed: %s", sqlite3_errmsg(dst));
	sqlite3_close(dst);
	return out;
}

#ifdef WAYMARK_FAULTS
/* SQLite may roll back the whole transaction when a statement meets a full
 * disk, an I/O error or no memory; the injected fault always does, so code
 * that carried on regardless would write outside any transaction. */
static int sq_fault(db *d, fault_kind k)
{
	sq_db *q = (sq_db *)d;
	int rc = db_fault_code(k);
	if ((rc == DB_FULL || rc == DB_IO || rc == DB_NOMEM) && !sqlite3_get_autocommit(q->conn))
		sqlite3_exec(q->conn, "ROLLBACK", NULL, NULL, NULL);
	return db_fail(d, rc, "injected fault: %s", fault_kind_name(k));
}
#endif

static const db_ops sq_ops = {
	.close = sq_close,
	.prepare = sq_prepare,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.step = sq_step,
	.col_text = sq_col_text,
	.col_is_null = sq_col_is_null,
	.col_count = sq_col_count,
	.finalize = sq_finalize,
	.exec = sq_exec,
	.begin = sq_begin,
	.end = sq_end,
	.schema = sq_exec,
	.backup = sq_backup,
#ifdef WAYMARK_FAULTS
	.fault = sq_fault,
#endif
};

int db_sqlite_open(const char *path, int busy_ms, db **out, char *err, size_t errlen)
{
	sq_db *q = calloc(1, sizeof *q);
	if (!q) {
		snprintf(err, errlen, "out of memory");
		return DB_NOMEM;
	}
	q->base.ops = &sq_ops;
	q->base.engine = DB_ENGINE_SQLITE;
	int rc = sqlite3_open_v2(path, &q->conn,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 q->conn ? sqlite3_errmsg(q->conn) : "out of memory");
		sqlite3_close(q->conn);
		free(q);
		return DB_ERR;
	}
	sqlite3_busy_timeout(q->conn, busy_ms);
	q->busy_ms = busy_ms;
	q->writer = writer_lock_for(path);
	/* FULL synchronous: an acknowledged commit survives a power cut, not only a crash.
	 * secure_delete: freed pages and cells are zeroed, so what a disposal
	 * (src/store/disposal.c) or any earlier change removed leaves no bytes
	 * behind in the file (an index merge or an edited name frees pages too). */
	rc = sqlite3_exec(q->conn,
			  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
			  "PRAGMA secure_delete=ON;",
			  NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot prepare %s: %s", path, sqlite3_errmsg(q->conn));
		int code = (rc & 0xff) == SQLITE_BUSY ? DB_BUSY : DB_ERR;
		sqlite3_close(q->conn);
		free(q);
		return code;
	}
	*out = &q->base;
	return DB_OK;
}
