#include "faults/snapshot.h"

#include <libpq-fe.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"

/* Columns a request may change on its way in, before its own work starts:
 * the session's idle clock, touched at most once a minute by any signed-in
 * request (store_session_touch) on its own, outside the request's write.
 * A NULL column leaves the whole table out: the tries per client address
 * (store/buckets.h) are taken, and given back, in transactions of their
 * own around a sign-in or a feedback lookup, so that servers taking at once
 * cannot both get the last; a request that fails may leave its try taken,
 * which refills with time. */
static const char *const unwatched[][2] = {
    {"sessions", "last_seen_at"},
    {"address_buckets", NULL},
};

struct snapper {
	sqlite3 *lite;
	sqlite3_stmt *version; /* SQLite: PRAGMA data_version */
	long long seen;        /* the version the cached snapshot was read at */
	int cached;
	snapshot last;
	PGconn *pg;
	int n;
	char names[SNAP_TABLES][64];
	sqlite3_stmt *st[SNAP_TABLES]; /* SQLite: one query per table */
	char *pg_sql;                  /* PostgreSQL: one query for them all */
};

static int watched(const char *table, const char *column)
{
	for (size_t i = 0; i < sizeof unwatched / sizeof unwatched[0]; i++)
		if (strcmp(unwatched[i][0], table) == 0 &&
		    (!unwatched[i][1] || (column && strcmp(unwatched[i][1], column) == 0)))
			return 0;
	return 1;
}

static int plain_name(const char *s)
{
	if (!*s || strlen(s) >= 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* ---- SQLite ---- */

static int lite_open(snapper *s, const char *path)
{
	if (sqlite3_open_v2(path, &s->lite, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "snapshot: cannot open %s\n", path);
		return -1;
	}
	sqlite3_busy_timeout(s->lite, 5000);
	if (sqlite3_prepare_v2(s->lite, "PRAGMA data_version", -1, &s->version, NULL) != SQLITE_OK)
		return -1;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(s->lite,
	                       "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
	                       "LIKE 'sqlite_%' ORDER BY name",
	                       -1, &q, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(q) == SQLITE_ROW && s->n < SNAP_TABLES) {
		const char *name = (const char *)sqlite3_column_text(q, 0);
		if (plain_name(name) && watched(name, NULL))
			snprintf(s->names[s->n++], 64, "%s", name);
	}
	sqlite3_finalize(q);
	for (int i = 0; i < s->n; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid",
		         s->names[i]);
		if (sqlite3_prepare_v2(s->lite, sql, -1, &q, NULL) != SQLITE_OK)
			return -1;
		buf cols, order;
		buf_init(&cols);
		buf_init(&order);
		int ncols = 0;
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(q, 0);
			if (!watched(s->names[i], col))
				continue;
			ncols++;
			buf_printf(&cols, "%s\"%s\"", ncols > 1 ? ", " : "", col);
			buf_printf(&order, "%s%d", ncols > 1 ? ", " : "", ncols);
		}
		sqlite3_finalize(q);
		buf select;
		buf_init(&select);
		buf_printf(&select, "SELECT %s FROM \"%s\" ORDER BY %s", buf_str(&cols),
		           s->names[i], buf_str(&order));
		int rc = sqlite3_prepare_v2(s->lite, buf_str(&select), -1, &s->st[i], NULL);
		buf_free(&cols);
		buf_free(&order);
		buf_free(&select);
		if (rc != SQLITE_OK) {
			fprintf(stderr, "snapshot: %s\n", sqlite3_errmsg(s->lite));
			return -1;
		}
	}
	return 0;
}

static void hex(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* SQLite's data_version changes exactly when another connection commits,
 * so while it stands still the last snapshot is still the database. */
static int lite_take(snapper *s, snapshot *out)
{
	if (sqlite3_exec(s->lite, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	long long version = -1;
	if (sqlite3_step(s->version) == SQLITE_ROW)
		version = sqlite3_column_int64(s->version, 0);
	sqlite3_reset(s->version);
	if (s->cached && version == s->seen) {
		sqlite3_exec(s->lite, "COMMIT", NULL, NULL, NULL);
		*out = s->last;
		return 0;
	}
	int ok = 1;
	for (int i = 0; i < s->n && ok; i++) {
		crypto_hash_sha256_state h;
		crypto_hash_sha256_init(&h);
		long rows = 0;
		int rc;
		sqlite3_stmt *st = s->st[i];
		int ncols = sqlite3_column_count(st);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			rows++;
			for (int c = 0; c < ncols; c++) {
				unsigned char type = (unsigned char)sqlite3_column_type(st, c);
				const unsigned char *v = sqlite3_column_text(st, c);
				unsigned long long len =
				    v ? (unsigned long long)sqlite3_column_bytes(st, c) : 0;
				crypto_hash_sha256_update(&h, &type, 1);
				crypto_hash_sha256_update(&h, (const unsigned char *)&len,
				                          sizeof len);
				if (v)
					crypto_hash_sha256_update(&h, v, len);
			}
		}
		sqlite3_reset(st);
		ok = rc == SQLITE_DONE;
		unsigned char d[crypto_hash_sha256_BYTES];
		crypto_hash_sha256_final(&h, d);
		snap_table *t = &out->t[i];
		snprintf(t->name, sizeof t->name, "%s", s->names[i]);
		t->rows = rows;
		hex(d, sizeof d, t->digest);
	}
	sqlite3_exec(s->lite, "COMMIT", NULL, NULL, NULL);
	out->n = s->n;
	s->cached = ok;
	s->seen = version;
	s->last = *out;
	return ok ? 0 : -1;
}

/* ---- PostgreSQL ---- */

static int pg_open(snapper *s, const char *url)
{
	s->pg = PQconnectdb(url);
	if (PQstatus(s->pg) != CONNECTION_OK) {
		fprintf(stderr, "snapshot: %s", PQerrorMessage(s->pg));
		return -1;
	}
	PGresult *r = PQexec(s->pg, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
	                            "ORDER BY 1");
	for (int i = 0; i < PQntuples(r) && s->n < SNAP_TABLES; i++)
		if (plain_name(PQgetvalue(r, i, 0)) && watched(PQgetvalue(r, i, 0), NULL))
			snprintf(s->names[s->n++], 64, "%s", PQgetvalue(r, i, 0));
	PQclear(r);
	buf sql;
	buf_init(&sql);
	for (int i = 0; i < s->n; i++) {
		const char *p[] = {s->names[i]};
		r = PQexecParams(
		    s->pg,
		    "SELECT column_name FROM information_schema.columns WHERE "
		    "table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
		    1, NULL, p, NULL, NULL, 0);
		buf_printf(
		    &sql,
		    "%sSELECT %d, count(*), coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') "
		    "FROM (SELECT ROW(",
		    i ? " UNION ALL " : "", i);
		int ncols = 0;
		for (int k = 0; k < PQntuples(r); k++) {
			const char *col = PQgetvalue(r, k, 0);
			if (watched(s->names[i], col) && plain_name(col))
				buf_printf(&sql, "%s\"%s\"", ncols++ ? ", " : "", col);
		}
		PQclear(r);
		buf_printf(&sql, ")::text AS r FROM \"%s\") x", s->names[i]);
	}
	if (sql.failed) {
		buf_free(&sql);
		return -1;
	}
	s->pg_sql = sql.data;
	return 0;
}

static int pg_take(snapper *s, snapshot *out)
{
	PGresult *r = PQexec(s->pg, s->pg_sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != s->n) {
		fprintf(stderr, "snapshot: %s", PQresultErrorMessage(r));
		PQclear(r);
		return -1;
	}
	for (int k = 0; k < s->n; k++) {
		int i = atoi(PQgetvalue(r, k, 0));
		if (i < 0 || i >= s->n)
			continue;
		snap_table *t = &out->t[i];
		snprintf(t->name, sizeof t->name, "%s", s->names[i]);
		t->rows = atol(PQgetvalue(r, k, 1));
		snprintf(t->digest, sizeof t->digest, "%s", PQgetvalue(r, k, 2));
	}
	PQclear(r);
	out->n = s->n;
	return 0;
}

/* ---- both ---- */

snapper *snapper_open(const char *db_url)
{
	snapper *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	int rc = strncmp(db_url, "sqlite:", 7) == 0 ? lite_open(s, db_url + 7) : pg_open(s, db_url);
	if (rc != 0 || s->n == 0) {
		snapper_close(s);
		return NULL;
	}
	return s;
}

void snapper_close(snapper *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_finalize(s->version);
	sqlite3_close(s->lite);
	PQfinish(s->pg);
	free(s->pg_sql);
	free(s);
}

int snapper_take(snapper *s, snapshot *out)
{
	return s->lite ? lite_take(s, out) : pg_take(s, out);
}

int snapshot_diff(const snapshot *a, const snapshot *b, int counts, char *out, size_t n)
{
	size_t at = 0;
	int differ = a->n != b->n;
	out[0] = '\0';
	for (int i = 0; i < a->n && i < b->n; i++) {
		const snap_table *x = &a->t[i], *y = &b->t[i];
		if (x->rows == y->rows && strcmp(x->digest, y->digest) == 0)
			continue;
		differ = 1;
		int w;
		if (!counts)
			w = snprintf(out + at, n - at, "%s%s", at ? ", " : "", y->name);
		else if (x->rows != y->rows)
			w = snprintf(out + at, n - at, "%s%s %+ld rows", at ? ", " : "", y->name,
			             y->rows - x->rows);
		else
			w = snprintf(out + at, n - at, "%s%s changed", at ? ", " : "", y->name);
		if (w < 0 || (size_t)w >= n - at)
			break;
		at += (size_t)w;
	}
	return differ;
}
