#include "store/db.h"

#include "lib/arena.h"
#include "lib/oom.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Atomic uint64_t cache_counts[3]; /* by db_cache_event */

void db_cache_count(db_cache_event e)
{
	atomic_fetch_add_explicit(&cache_counts[e], 1, memory_order_relaxed);
}

void db_cache_read(db_cache_stats *out)
{
	out->hits = atomic_load_explicit(&cache_counts[DB_CACHE_HIT], memory_order_relaxed);
	out->misses = atomic_load_explicit(&cache_counts[DB_CACHE_MISS], memory_order_relaxed);
	out->evictions =
		atomic_load_explicit(&cache_counts[DB_CACHE_EVICTION], memory_order_relaxed);
}

/* FNV-1a, 64 bits: quick over short texts, and the text is compared anyway. */
uint64_t db_sql_hash(const char *sql, size_t *len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t n = 0;
	for (; sql[n]; n++) {
		h ^= (unsigned char)sql[n];
		h *= 1099511628211ULL;
	}
	*len = n;
	return h;
}

int db_open(const char *url, int busy_ms, db **out, char *err, size_t errlen)
{
	*out = NULL;
	if (strncmp(url, "sqlite:", 7) == 0)
		return db_sqlite_open(url + 7, busy_ms, out, err, errlen);
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
		return db_pg_open(url, busy_ms, out, err, errlen);
	snprintf(err, errlen, "database URL must start with sqlite: or postgresql://");
	return DB_ERR;
}

void db_close(db *d)
{
	if (d)
		d->ops->close(d);
}

const char *db_errmsg(const db *d)
{
	return d->err;
}

int db_fail(db *d, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->err, sizeof d->err, fmt, ap);
	va_end(ap);
	return rc;
}

#ifdef WAYMARK_FAULTS
int db_fault_code(fault_kind k)
{
	switch (k) {
	case FAULT_BUSY:
	case FAULT_DROP:
		return DB_BUSY;
	case FAULT_FULL:
		return DB_FULL;
	case FAULT_CONSTRAINT:
		return DB_CONSTRAINT;
	case FAULT_IO:
		return DB_IO;
	case FAULT_NOMEM:
		return DB_NOMEM;
	default:
		return DB_ERR;
	}
}

/* The test build: each call that can fail counts towards the one a request
 * asked to fail, which fails here as the engine would fail it. */
static int injected(db *d)
{
	fault_kind k = fault_db_next();
	return k == FAULT_NONE ? DB_OK : d->ops->fault(d, k);
}
#else
#define injected(d) DB_OK
#endif

int db_prepare(db *d, const char *sql, db_stmt **out)
{
	int rc = injected(d);
	if (rc != DB_OK) {
		*out = NULL;
		return rc;
	}
	return d->ops->prepare(d, sql, out);
}

int db_bind_text(db_stmt *s, int i, const char *v)
{
	int rc = injected(s->d);
	return rc != DB_OK ? rc : s->d->ops->bind_text(s, i, v);
}

int db_bind_int(db_stmt *s, int i, int64_t v)
{
	int rc = injected(s->d);
	return rc != DB_OK ? rc : s->d->ops->bind_int(s, i, v);
}

int db_step(db_stmt *s)
{
	int rc = injected(s->d);
	return rc != DB_OK ? rc : s->d->ops->step(s);
}

const char *db_col_text(db_stmt *s, int i)
{
	return s->d->ops->col_text(s, i);
}

int64_t db_col_int(db_stmt *s, int i)
{
	const char *t = s->d->ops->col_text(s, i);
	return t ? strtoll(t, NULL, 10) : 0;
}

int db_col_is_null(db_stmt *s, int i)
{
	return s->d->ops->col_is_null(s, i);
}

void db_col_copy(db_stmt *s, int i, char *dst, size_t n)
{
	const char *v = db_col_text(s, i);
	size_t len = v ? strnlen(v, n - 1) : 0;
	if (len)
		memcpy(dst, v, len);
	dst[len] = '\0';
}

const char *db_col_dup(db_stmt *s, int i, arena *a)
{
	const char *v = db_col_text(s, i);
	if (!v)
		return NULL;
	const char *copy = arena_strdup(a, v);
	return copy ? copy : "";
}

int db_col_count(db_stmt *s)
{
	return s->d->ops->col_count(s);
}

void db_finalize(db_stmt *s)
{
	if (s)
		s->d->ops->finalize(s);
}

int db_exec(db *d, const char *sql)
{
	int rc = injected(d);
	return rc != DB_OK ? rc : d->ops->exec(d, sql);
}

int db_begin(db *d)
{
	int rc = injected(d);
	if (rc == DB_OK)
		rc = d->ops->begin(d);
	if (rc == DB_OK)
		d->in_tx = 1;
	return rc;
}

int db_commit(db *d)
{
	/* A transaction during which an allocation failed may be missing what
	 * was lost (a value, an audit entry's detail): it does not commit. */
	int rc = oom_seen() ? db_fail(d, DB_NOMEM, "an allocation failed during the transaction")
			    : injected(d);
	if (rc == DB_OK)
		rc = d->ops->exec(d, "COMMIT");
	if (rc != DB_OK)
		db_rollback(d);
	else
		fault_committed();
	d->in_tx = 0;
	if (d->ops->end)
		d->ops->end(d);
	return rc;
}

void db_rollback(db *d)
{
	if (!d->in_tx)
		return;
	char keep[sizeof d->err];
	memcpy(keep, d->err, sizeof keep);
	d->ops->exec(d, "ROLLBACK");
	memcpy(d->err, keep, sizeof keep);
	d->in_tx = 0;
	if (d->ops->end)
		d->ops->end(d);
}

/* Whether the line at p (up to its newline) is the marker "-- engine: NAME". */
static int engine_marker(const char *p, const char *name)
{
	static const char mark[] = "-- engine: ";
	size_t n = strlen(name);
	return strncmp(p, mark, sizeof mark - 1) == 0 && strncmp(p + sizeof mark - 1, name, n) == 0 &&
	       (p[sizeof mark - 1 + n] == '\n' || p[sizeof mark - 1 + n] == '\0');
}

int db_schema(db *d, const char *sql)
{
	if (!strstr(sql, "-- engine: "))
		return d->ops->schema(d, sql);
	const char *mine = d->engine == DB_ENGINE_PG ? "postgresql" : "sqlite";
	const char *theirs = d->engine == DB_ENGINE_PG ? "sqlite" : "postgresql";
	char *kept = malloc(strlen(sql) + 1);
	if (!kept)
		return db_fail(d, DB_NOMEM, "out of memory");
	size_t len = 0;
	int keep = 1;
	for (const char *p = sql; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) + 1 : strlen(p);
		if (engine_marker(p, mine) || engine_marker(p, "both"))
			keep = 1;
		else if (engine_marker(p, theirs))
			keep = 0;
		else if (keep) {
			memcpy(kept + len, p, n);
			len += n;
		}
		p += n;
	}
	kept[len] = '\0';
	int rc = d->ops->schema(d, kept);
	free(kept);
	return rc;
}

int db_backup(db *d, const char *path)
{
	return d->ops->backup(d, path);
}

/* Prepares sql and binds its text parameters: DB_OK with *out, or the
 * error (nothing left to finalise). */
static int prepare_bound(db *d, const char *sql, int nparams, const char *const *params, db_stmt **out)
{
	*out = NULL;
	int rc = db_prepare(d, sql, out);
	for (int i = 0; i < nparams && rc == DB_OK; i++)
		rc = db_bind_text(*out, i + 1, params[i]);
	if (rc != DB_OK && *out) {
		db_finalize(*out);
		*out = NULL;
	}
	return rc;
}

int db_one(db *d, const char *sql, int nparams, const char *const *params, db_stmt **out)
{
	*out = NULL;
	db_stmt *s;
	int rc = prepare_bound(d, sql, nparams, params, &s);
	if (rc != DB_OK)
		return rc;
	rc = db_step(s);
	if (rc == DB_ROW)
		*out = s;
	else
		db_finalize(s);
	return rc;
}

int db_get(db *d, struct arena *a, const char *sql, int nparams, const char *const *params,
	   db_read_fn *read, void *rec)
{
	db_stmt *s;
	int rc = db_one(d, sql, nparams, params, &s);
	if (rc == DB_ROW) {
		int r = read(a, s, rec);
		if (r != DB_OK)
			rc = r;
	}
	db_finalize(s);
	return rc;
}

typedef struct text_out {
	char *out;
	size_t len;
} text_out;

static int text_read(struct arena *a, db_stmt *s, void *rec)
{
	(void)a;
	text_out *t = rec;
	db_col_copy(s, 0, t->out, t->len);
	return DB_OK;
}

int db_get_text(db *d, const char *sql, int nparams, const char *const *params, char *out,
		size_t outlen)
{
	text_out t = {out, outlen};
	return db_get(d, NULL, sql, nparams, params, text_read, &t);
}

static int int_read(struct arena *a, db_stmt *s, void *rec)
{
	(void)a;
	*(int64_t *)rec = db_col_int(s, 0);
	return DB_OK;
}

int db_get_int(db *d, const char *sql, int nparams, const char *const *params, int64_t *out)
{
	return db_get(d, NULL, sql, nparams, params, int_read, out);
}

int db_change(db *d, const char *sql, int nparams, const char *const *params)
{
	int n = 0;
	int rc = db_count(d, sql, nparams, params, &n);
	return rc != DB_OK ? rc : n ? DB_OK : DB_DONE;
}

typedef struct text_rows {
	int (*fn)(const char *value, void *arg);
	void *arg;
} text_rows;

static int text_row(db_stmt *s, void *arg)
{
	text_rows *r = arg;
	return r->fn(db_col_text(s, 0), r->arg);
}

int db_each_text(db *d, const char *sql, int nparams, const char *const *params,
		 int (*fn)(const char *value, void *arg), void *arg)
{
	text_rows r = {fn, arg};
	return db_each(d, sql, nparams, params, text_row, &r);
}

int db_each(db *d, const char *sql, int nparams, const char *const *params,
	    int (*row)(db_stmt *s, void *arg), void *arg)
{
	db_stmt *s;
	int rc = prepare_bound(d, sql, nparams, params, &s);
	if (rc != DB_OK)
		return rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int r = row(s, arg);
		if (r) {
			rc = r;
			break;
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

static int count_row(db_stmt *s, void *arg)
{
	(void)s;
	(*(int *)arg)++;
	return 0;
}

int db_count(db *d, const char *sql, int nparams, const char *const *params, int *n)
{
	*n = 0;
	return db_each(d, sql, nparams, params, count_row, n);
}

int db_run(db *d, const char *sql, int nparams, const char *const *params)
{
	db_stmt *s;
	int rc = prepare_bound(d, sql, nparams, params, &s);
	if (rc != DB_OK)
		return rc;
	rc = db_step(s);
	if (rc == DB_ROW || rc == DB_DONE)
		rc = DB_OK;
	db_finalize(s);
	return rc;
}
