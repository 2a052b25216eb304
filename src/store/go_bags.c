#include "store/go_bags.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "store/reach.h"

/* SQL: whether the location aliased l is in the scope bound at $1, $2, $3. */
#define IN_SCOPE                                                                                   \
	"(" REACH_ORGS("l.org_id", "$1",                                                           \
	               "$2") " OR l.org_id IN (SELECT ho.id FROM orgs ho WHERE ho.host_org_id "    \
	                     "= $3))"

static void int_text(int64_t v, char out[24])
{
	snprintf(out, 24, "%lld", (long long)v);
}

/* ---- locations ---- */

#define LOCATION_COLUMNS                                                                           \
	"l.id, l.org_id, l.name, l.latitude_e6, l.longitude_e6, l.reorder_level, l.created_by, "   \
	"l.created_at, "                                                                           \
	"l.updated_at, l.version, o.name "

static int read_location(arena *a, db_stmt *s, void *rec)
{
	go_bag_location_rec *l = rec;
	db_col_copy(s, 0, l->id, sizeof l->id);
	db_col_copy(s, 1, l->org_id, sizeof l->org_id);
	l->name = db_col_dup(s, 2, a);
	l->has_coords = !db_col_is_null(s, 3) && !db_col_is_null(s, 4);
	l->lat_e6 = db_col_int(s, 3);
	l->lon_e6 = db_col_int(s, 4);
	l->reorder_level = db_col_int(s, 5);
	db_col_copy(s, 6, l->created_by, sizeof l->created_by);
	db_col_copy(s, 7, l->created_at, sizeof l->created_at);
	db_col_copy(s, 8, l->updated_at, sizeof l->updated_at);
	l->version = db_col_int(s, 9);
	l->org_name = db_col_dup(s, 10, a);
	if (db_col_count(s) > 12) {
		l->in_area = (int)db_col_int(s, 11);
		l->hosted = (int)db_col_int(s, 12);
	}
	return DB_OK;
}

int store_go_bag_location_add(db *d, go_bag_location_rec *l)
{
	char level[24], lat[24], lon[24];
	secure_id(l->id);
	clock_now_iso(l->created_at);
	memcpy(l->updated_at, l->created_at, sizeof l->updated_at);
	l->version = 1;
	int_text(l->reorder_level, level);
	int_text(l->lat_e6, lat);
	int_text(l->lon_e6, lon);
	const char *v[] = {l->id,
	                   l->org_id,
	                   l->name,
	                   l->has_coords ? lat : NULL,
	                   l->has_coords ? lon : NULL,
	                   level,
	                   l->created_by,
	                   l->created_at};
	return db_run(d,
	              "INSERT INTO go_bag_locations (id, org_id, name, latitude_e6, longitude_e6, "
	              "reorder_level, "
	              "created_by, created_at, updated_at) VALUES ($1, $2, $3, CAST($4 AS "
	              "INTEGER), CAST($5 AS "
	              "INTEGER), CAST($6 AS INTEGER), $7, $8, $8)",
	              8, v);
}

int store_go_bag_location_get(db *d, arena *a, const char *id, const char *viewer_org,
                              go_bag_location_rec *l)
{
	const char *v[] = {id, viewer_org};
	return db_get(
	    d, a,
	    "SELECT " LOCATION_COLUMNS
	    ", CASE WHEN EXISTS (SELECT 1 FROM org_areas ar WHERE ar.opcc_org_id = "
	    "$2 AND ar.force_org_id = l.org_id) THEN 1 ELSE 0 END, CASE WHEN o.host_org_id = $2 "
	    "THEN 1 "
	    "ELSE 0 END FROM go_bag_locations l JOIN orgs o ON o.id = l.org_id WHERE l.id = $1",
	    2, v, read_location, l);
}

int store_go_bag_location_update(db *d, go_bag_location_rec *l)
{
	char level[24], lat[24], lon[24], version[24];
	clock_now_iso(l->updated_at);
	int_text(l->reorder_level, level);
	int_text(l->lat_e6, lat);
	int_text(l->lon_e6, lon);
	int_text(l->version, version);
	const char *v[] = {l->name,
	                   l->has_coords ? lat : NULL,
	                   l->has_coords ? lon : NULL,
	                   level,
	                   l->updated_at,
	                   l->id,
	                   version};
	db_stmt *s;
	int rc = db_one(d,
	                "UPDATE go_bag_locations SET name = $1, latitude_e6 = CAST($2 AS INTEGER), "
	                "longitude_e6 = "
	                "CAST($3 AS INTEGER), reorder_level = CAST($4 AS INTEGER), updated_at = "
	                "$5, version = version "
	                "+ 1 WHERE id = $6 AND version = CAST($7 AS INTEGER) RETURNING version",
	                7, v, &s);
	if (rc != DB_ROW)
		return rc;
	l->version = db_col_int(s, 0);
	db_finalize(s);
	return DB_OK;
}

typedef struct each_location {
	arena *a;
	int (*fn)(const go_bag_location_rec *l, void *arg);
	void *arg;
} each_location;

static int one_location(db_stmt *s, void *arg)
{
	each_location *x = arg;
	go_bag_location_rec l = {0};
	int rc = read_location(x->a, s, &l);
	return rc == DB_OK ? x->fn(&l, x->arg) : rc;
}

int store_go_bag_locations(db *d, arena *a, const go_bag_scope *sc,
                           int (*fn)(const go_bag_location_rec *l, void *arg), void *arg)
{
	const char *v[] = {sc->org_id, sc->area_of, sc->hosted_by};
	each_location x = {a, fn, arg};
	return db_each(d,
	               "SELECT " LOCATION_COLUMNS
	               "FROM go_bag_locations l JOIN orgs o ON o.id = l.org_id WHERE " IN_SCOPE
	               " ORDER BY l.name, l.id",
	               3, v, one_location, &x);
}

/* ---- deliveries and issues ---- */

int store_go_bag_delivery_add(db *d, go_bag_delivery_rec *r, int64_t *stock)
{
	char quantity[24];
	secure_id(r->id);
	clock_now_iso(r->delivered_at);
	int_text(r->quantity, quantity);
	const char *v[] = {r->id,    r->location_id,  r->kind,        r->language,
	                   quantity, r->delivered_by, r->delivered_at};
	int rc = db_run(d,
	                "INSERT INTO go_bag_deliveries (id, location_id, kind, language, quantity, "
	                "delivered_by, "
	                "delivered_at) VALUES ($1, $2, $3, $4, CAST($5 AS INTEGER), $6, $7)",
	                7, v);
	if (rc != DB_OK)
		return rc;
	const char *add[] = {r->location_id, r->kind, r->language, quantity};
	rc = db_get_int(
	    d,
	    "INSERT INTO go_bag_stock (location_id, kind, language, stock) VALUES ($1, $2, $3, "
	    "CAST($4 "
	    "AS INTEGER)) ON CONFLICT (location_id, kind, language) DO UPDATE SET stock = "
	    "go_bag_stock.stock + excluded.stock RETURNING stock",
	    4, add, stock);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERR : rc;
}

int store_go_bag_issue(db *d, go_bag_issue_rec *r, int64_t *stock)
{
	const char *take[] = {r->location_id, r->kind, r->language};
	int rc = db_get_int(
	    d,
	    "UPDATE go_bag_stock SET stock = stock - 1 WHERE location_id = $1 AND kind = $2 AND "
	    "language = $3 AND stock > 0 RETURNING stock",
	    3, take, stock);
	if (rc != DB_ROW)
		return rc;
	secure_id(r->id);
	clock_now_iso(r->issued_at);
	const char *v[] = {r->id,      r->location_id,    r->kind,      r->language,
	                   r->case_id, r->case_person_id, r->issued_by, r->issued_at};
	return db_run(d,
	              "INSERT INTO go_bag_issues (id, location_id, kind, language, case_id, "
	              "case_person_id, issued_by, "
	              "issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	              8, v);
}

typedef struct each_issue {
	int (*fn)(const go_bag_issue_rec *r, void *arg);
	void *arg;
} each_issue;

static int one_issue(db_stmt *s, void *arg)
{
	each_issue *x = arg;
	go_bag_issue_rec r = {0};
	db_col_copy(s, 0, r.id, sizeof r.id);
	r.location_id = db_col_text(s, 1);
	r.kind = db_col_text(s, 2);
	r.language = db_col_text(s, 3);
	r.case_id = db_col_text(s, 4);
	r.case_person_id = db_col_text(s, 5);
	db_col_copy(s, 6, r.issued_by, sizeof r.issued_by);
	db_col_copy(s, 7, r.issued_at, sizeof r.issued_at);
	r.location_name = db_col_text(s, 8);
	r.issued_by_name = db_col_text(s, 9);
	return x->fn(&r, x->arg);
}

int store_go_bag_issues_of_case(db *d, const char *case_id,
                                int (*fn)(const go_bag_issue_rec *r, void *arg), void *arg)
{
	const char *v[] = {case_id};
	each_issue x = {fn, arg};
	return db_each(d,
	               "SELECT i.id, i.location_id, i.kind, i.language, i.case_id, "
	               "i.case_person_id, i.issued_by, "
	               "i.issued_at, l.name, u.display_name FROM go_bag_issues i JOIN "
	               "go_bag_locations l ON l.id = "
	               "i.location_id JOIN users u ON u.id = i.issued_by WHERE i.case_id = $1 "
	               "ORDER BY i.issued_at "
	               "DESC, i.id",
	               1, v, one_issue, &x);
}

/* ---- stock ---- */

typedef struct each_stock {
	int (*fn)(const go_bag_stock_rec *r, void *arg);
	void *arg;
} each_stock;

static int one_stock(db_stmt *s, void *arg)
{
	each_stock *x = arg;
	go_bag_stock_rec r = {db_col_text(s, 0), db_col_text(s, 1),
	                      db_col_text(s, 2), db_col_text(s, 3),
	                      db_col_int(s, 4),  db_col_int(s, 5),
	                      db_col_int(s, 6),  !db_col_is_null(s, 7) && !db_col_is_null(s, 8),
	                      db_col_int(s, 7),  db_col_int(s, 8)};
	return x->fn(&r, x->arg);
}

int store_go_bag_stock(db *d, const go_bag_scope *sc, const go_bag_stock_filter *f,
                       int (*fn)(const go_bag_stock_rec *r, void *arg), void *arg)
{
	const char *v[] = {sc->org_id,
	                   sc->area_of,
	                   sc->hosted_by,
	                   f->since,
	                   f->location_id,
	                   f->kind,
	                   f->language,
	                   f->in_stock ? "1" : "0",
	                   f->reorder_only ? "1" : "0"};
	each_stock x = {fn, arg};
	return db_each(d,
	               "SELECT s.location_id, l.name, s.kind, s.language, s.stock, (SELECT "
	               "COUNT(*) FROM go_bag_issues "
	               "i WHERE i.location_id = s.location_id AND i.kind = s.kind AND i.language = "
	               "s.language AND "
	               "i.issued_at >= $4), l.reorder_level, l.latitude_e6, l.longitude_e6 FROM "
	               "go_bag_stock s JOIN "
	               "go_bag_locations l ON l.id = s.location_id WHERE " IN_SCOPE
	               " AND (CAST($5 AS TEXT) IS NULL OR s.location_id = $5) AND (CAST($6 AS "
	               "TEXT) IS NULL OR "
	               "s.kind = $6) AND (CAST($7 AS TEXT) IS NULL OR s.language = $7) AND ($8 = "
	               "'0' OR s.stock > 0) "
	               "AND ($9 = '0' OR s.stock <= l.reorder_level) ORDER BY l.name, l.id, "
	               "s.kind, s.language",
	               9, v, one_stock, &x);
}
