#include "store/db.h"

#include "lib/arena.h"
#include "lib/oom.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int db_schema(db *d, const char *sql)
{
	return d->ops->schema(d, sql);
}

int db_backup(db *d, const char *path)
{
	return d->ops->backup(d, path);
}

int db_each(db *d, const char *sql, int nparams, const char *const *params,
	    int (*row)(db_stmt *s, void *arg), void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	for (int i = 0; i < nparams && rc == DB_OK; i++)
		rc = db_bind_text(s, i + 1, params[i]);
	while (rc == DB_OK && (rc = db_step(s)) == DB_ROW) {
		int r = row(s, arg);
		rc = r ? r : DB_OK;
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
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	for (int i = 0; i < nparams && rc == DB_OK; i++)
		rc = db_bind_text(s, i + 1, params[i]);
	if (rc == DB_OK) {
		rc = db_step(s);
		if (rc == DB_ROW || rc == DB_DONE)
			rc = DB_OK;
	}
	db_finalize(s);
	return rc;
}
