/* The PostgreSQL engine: libpq, prepared statements cached per connection. */
#include "store/db.h"

#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lib/buf.h"

#define PG_MAX_PARAMS 64
#define PG_CACHE 128

extern char **environ;

typedef struct pg_db {
	struct db base;
	PGconn *conn;
	char *uri;
	int busy_ms;
	struct {
		char *sql; /* statement "s<i>" holds a copy of this text */
		size_t len;
		uint64_t hash;
	} prepared[PG_CACHE];
	int nprepared;
} pg_db;

typedef struct pg_stmt {
	struct db_stmt base;
	const char *sql;
	char *params[PG_MAX_PARAMS];
	int nparams;
	PGresult *res;
	int row;
	int nrows;
	int executed;
} pg_stmt;

/* Forgets the server-side statements, as after the connection was reset. */
static void pg_forget_prepared(pg_db *p)
{
	for (int i = 0; i < p->nprepared; i++)
		free(p->prepared[i].sql);
	p->nprepared = 0;
}

/* What every connection sets before its first statement, and again after
 * it is made anew: lock waits bounded by the busy timeout, times in UTC.
 * Returns DB_OK, or DB_BUSY with the reason. */
static int pg_session_setup(pg_db *p)
{
	char set[128];
	snprintf(set, sizeof set, "SET lock_timeout = %d; SET TIME ZONE 'UTC'", p->busy_ms);
	PGresult *r = PQexec(p->conn, set);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	return ok ? DB_OK
		  : db_fail(&p->base, DB_BUSY, "cannot set up the connection: %s", PQerrorMessage(p->conn));
}

/* After the connection was lost: the server rolled back whatever was open,
 * and the next statement starts on a new connection set up as the first
 * was. Answers DB_BUSY. */
static int pg_renew(pg_db *p)
{
	PQreset(p->conn);
	pg_forget_prepared(p);
	p->base.in_tx = 0;
	if (PQstatus(p->conn) == CONNECTION_OK)
		pg_session_setup(p);
	return db_fail(&p->base, DB_BUSY, "database connection lost");
}

static int pg_map(pg_db *p, PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(p->conn);
	if (PQstatus(p->conn) == CONNECTION_BAD)
		return pg_renew(p);
	/* libpq answers no result at all only when it ran out of memory. */
	if (!res)
		return db_fail(&p->base, DB_NOMEM, "out of memory: %s", msg);
	if (!state)
		return db_fail(&p->base, DB_ERR, "%s", msg);
	if (strncmp(state, "23", 2) == 0)
		return db_fail(&p->base, DB_CONSTRAINT, "%s", msg);
	if (strcmp(state, "53100") == 0)
		return db_fail(&p->base, DB_FULL, "disk full");
	if (strcmp(state, "55P03") == 0 || strcmp(state, "40001") == 0 ||
	    strcmp(state, "40P01") == 0 || strcmp(state, "57014") == 0 ||
	    strncmp(state, "08", 2) == 0 || strcmp(state, "53300") == 0)
		return db_fail(&p->base, DB_BUSY, "database is busy (%s)", state);
	if (strncmp(state, "58", 2) == 0)
		return db_fail(&p->base, DB_IO, "database storage failed (%s)", state);
	if (strcmp(state, "53200") == 0)
		return db_fail(&p->base, DB_NOMEM, "database out of memory");
	return db_fail(&p->base, DB_ERR, "%s", msg);
}

static void pg_close(db *d)
{
	pg_db *p = (pg_db *)d;
	PQfinish(p->conn);
	pg_forget_prepared(p);
	free(p->uri);
	free(p);
}

static int pg_prepare(db *d, const char *sql, db_stmt **out)
{
	pg_stmt *s = calloc(1, sizeof *s);
	if (!s)
		return db_fail(d, DB_NOMEM, "out of memory");
	s->base.d = d;
	s->sql = sql;
	*out = &s->base;
	return DB_OK;
}

static int pg_set(db_stmt *bs, int i, char *v, int is_null)
{
	pg_stmt *s = (pg_stmt *)bs;
	if (i < 1 || i > PG_MAX_PARAMS) {
		free(v);
		return db_fail(bs->d, DB_ERR, "parameter $%d out of range", i);
	}
	if (!v && !is_null)
		return db_fail(bs->d, DB_NOMEM, "out of memory");
	free(s->params[i - 1]);
	s->params[i - 1] = v;
	if (i > s->nparams)
		s->nparams = i;
	return DB_OK;
}

static int pg_bind_text(db_stmt *bs, int i, const char *v)
{
	return pg_set(bs, i, v ? strdup(v) : NULL, v == NULL);
}

static int pg_bind_int(db_stmt *bs, int i, int64_t v)
{
	char tmp[24];
	snprintf(tmp, sizeof tmp, "%lld", (long long)v);
	return pg_set(bs, i, strdup(tmp), 0);
}

/* Finds or makes the server-side prepared statement for sql and writes its
 * name ("" to run it unprepared once the cache is full). Statements are found
 * by their text, so equal text anywhere shares one. Returns DB_OK or the
 * error that preparing met: a lock timeout while preparing is DB_BUSY. */
static int pg_statement(pg_db *p, const char *sql, char name[16], int nparams)
{
	size_t len;
	uint64_t hash = db_sql_hash(sql, &len);
	for (int i = 0; i < p->nprepared; i++) {
		if (p->prepared[i].hash == hash && p->prepared[i].len == len &&
		    memcmp(p->prepared[i].sql, sql, len) == 0) {
			db_cache_count(DB_CACHE_HIT);
			snprintf(name, 16, "s%d", i);
			return DB_OK;
		}
	}
	db_cache_count(DB_CACHE_MISS);
	name[0] = '\0';
	char *copy = p->nprepared < PG_CACHE ? malloc(len + 1) : NULL;
	if (!copy)
		return DB_OK;
	memcpy(copy, sql, len + 1);
	snprintf(name, 16, "s%d", p->nprepared);
	PGresult *r = PQprepare(p->conn, name, sql, nparams, NULL);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? DB_OK : pg_map(p, r);
	PQclear(r);
	if (rc != DB_OK) {
		free(copy);
		return rc;
	}
	p->prepared[p->nprepared].sql = copy;
	p->prepared[p->nprepared].len = len;
	p->prepared[p->nprepared].hash = hash;
	p->nprepared++;
	return DB_OK;
}

static int pg_step(db_stmt *bs)
{
	pg_stmt *s = (pg_stmt *)bs;
	pg_db *p = (pg_db *)bs->d;
	if (!s->executed) {
		s->executed = 1;
		char name[16];
		int rc = pg_statement(p, s->sql, name, s->nparams);
		if (rc != DB_OK)
			return rc;
		const char *const *vals = (const char *const *)s->params;
		s->res = name[0] ? PQexecPrepared(p->conn, name, s->nparams, vals, NULL, NULL, 0)
				 : PQexecParams(p->conn, s->sql, s->nparams, NULL, vals, NULL, NULL, 0);
		ExecStatusType st = PQresultStatus(s->res);
		if (st == PGRES_TUPLES_OK) {
			s->nrows = PQntuples(s->res);
			s->row = -1;
		} else if (st == PGRES_COMMAND_OK) {
			s->nrows = 0;
			s->row = -1;
		} else {
			rc = pg_map(p, s->res);
			PQclear(s->res);
			s->res = NULL;
			return rc;
		}
	}
	if (!s->res)
		return DB_DONE;
	s->row++;
	return s->row < s->nrows ? DB_ROW : DB_DONE;
}

static const char *pg_col_text(db_stmt *bs, int i)
{
	pg_stmt *s = (pg_stmt *)bs;
	if (!s->res || s->row < 0 || s->row >= s->nrows || PQgetisnull(s->res, s->row, i))
		return NULL;
	return PQgetvalue(s->res, s->row, i);
}

static int pg_col_is_null(db_stmt *bs, int i)
{
	return pg_col_text(bs, i) == NULL;
}

static int pg_col_count(db_stmt *bs)
{
	pg_stmt *s = (pg_stmt *)bs;
	return s->res ? PQnfields(s->res) : 0;
}

static void pg_finalize(db_stmt *bs)
{
	pg_stmt *s = (pg_stmt *)bs;
	for (int i = 0; i < s->nparams; i++)
		free(s->params[i]);
	PQclear(s->res);
	free(s);
}

static int pg_exec(db *d, const char *sql)
{
	pg_db *p = (pg_db *)d;
	PGresult *r = PQexec(p->conn, sql);
	ExecStatusType st = PQresultStatus(r);
	int rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? DB_OK : pg_map(p, r);
	PQclear(r);
	return rc;
}

static int pg_begin(db *d)
{
	return pg_exec(d, "BEGIN");
}

static int is_word(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* The portable dialect is SQLite's STRICT subset; PostgreSQL wants BIGINT for
 * 64-bit INTEGER columns and has no STRICT keyword. */
static int pg_schema(db *d, const char *sql)
{
	buf b;
	buf_init(&b);
	const char *p = sql;
	while (*p) {
		int boundary = p == sql || !is_word(p[-1]);
		if (boundary && strncmp(p, "INTEGER", 7) == 0 && !is_word(p[7])) {
			buf_puts(&b, "BIGINT");
			p += 7;
		} else if (boundary && strncmp(p, "STRICT", 6) == 0 && !is_word(p[6])) {
			p += 6;
		} else {
			buf_append(&b, p, 1);
			p++;
		}
	}
	if (b.failed) {
		buf_free(&b);
		return db_fail(d, DB_NOMEM, "out of memory");
	}
	int rc = pg_exec(d, buf_str(&b));
	buf_free(&b);
	return rc;
}

static int pg_backup(db *d, const char *path)
{
	pg_db *p = (pg_db *)d;
	/* pg_dump reads everything in one snapshot: a consistent online copy. */
	char *argv[] = {"pg_dump", "--format=custom", "--file", (char *)path, "--dbname",
			p->uri, NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "pg_dump", NULL, NULL, argv, environ);
	if (rc != 0)
		return db_fail(d, DB_ERR, "cannot run pg_dump (is postgresql-client installed?)");
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return db_fail(d, DB_ERR, "pg_dump failed");
	return DB_OK;
}

#ifdef WAYMARK_FAULTS
/* A lost connection is lost for real: the backend is ended, with whatever
 * transaction it held, and the call meets the loss as any call would, on a
 * call that needs no round trip too (a row already fetched). Any other
 * error inside a transaction aborts it, as PostgreSQL does, so code that
 * carried on regardless meets 25P02. */
static int pg_fault(db *d, fault_kind k)
{
	pg_db *p = (pg_db *)d;
	if (k == FAULT_DROP) {
		PQclear(PQexec(p->conn, "SELECT pg_terminate_backend(pg_backend_pid())"));
		return pg_renew(p);
	}
	if (PQtransactionStatus(p->conn) == PQTRANS_INTRANS)
		PQclear(PQexec(p->conn, "SELECT 1 / 0"));
	return db_fail(d, db_fault_code(k), "injected fault: %s", fault_kind_name(k));
}
#endif

static const db_ops pg_ops = {
	.close = pg_close,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.step = pg_step,
	.col_text = pg_col_text,
	.col_is_null = pg_col_is_null,
	.col_count = pg_col_count,
	.finalize = pg_finalize,
	.exec = pg_exec,
	.begin = pg_begin,
	.schema = pg_schema,
	.backup = pg_backup,
#ifdef WAYMARK_FAULTS
	.fault = pg_fault,
#endif
};

static void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int db_pg_open(const char *uri, int busy_ms, db **out, char *err, size_t errlen)
{
	pg_db *p = calloc(1, sizeof *p);
	if (!p || !(p->uri = strdup(uri))) {
		free(p);
		snprintf(err, errlen, "out of memory");
		return DB_NOMEM;
	}
	p->base.ops = &pg_ops;
	p->base.engine = DB_ENGINE_PG;
	/* A server that stops answering (a half-open connection, a host gone)
	 * is noticed within seconds, not after the kernel's quarter of an hour:
	 * a request waiting on it would hold others too (store/audit.c groups
	 * reads' entries behind one commit). The URI's own values come after
	 * these defaults, so they win. */
	static const char *const keys[] = {"connect_timeout", "keepalives", "keepalives_idle",
					   "keepalives_interval", "keepalives_count",
					   "tcp_user_timeout", "dbname", NULL};
	const char *vals[] = {"10", "1", "10", "5", "3", "15000", uri, NULL};
	p->conn = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(p->conn) != CONNECTION_OK) {
		snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(p->conn));
		char *nl = strchr(err, '\n');
		if (nl)
			*nl = '\0';
		PQfinish(p->conn);
		free(p->uri);
		free(p);
		return DB_BUSY;
	}
	PQsetNoticeProcessor(p->conn, pg_quiet, NULL);
	p->busy_ms = busy_ms;
	int rc = pg_session_setup(p);
	if (rc != DB_OK) {
		snprintf(err, errlen, "%s", p->base.err);
		pg_close(&p->base);
		return rc;
	}
	*out = &p->base;
	return DB_OK;
}
