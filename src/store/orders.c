#include "store/orders.h"

#include "lib/clock.h"
#include "lib/secure.h"

int store_order_add(db *d, order_rec *o)
{
	secure_id(o->id);
	clock_now_iso(o->created_at);
	const char *p[] = {o->id,	  o->case_id,	 o->person_id,	  o->kind,	 o->court,
			   o->applicant, o->made_on,	 o->expires_on,	  o->prohibitions, o->created_by,
			   o->created_at};
	return db_run(d,
		      "INSERT INTO orders (id, case_id, person_id, kind, court, applicant, made_on, "
		      "expires_on, prohibitions, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
		      "$7, $8, $9, $10, $11)",
		      11, p);
}

#define ORDER_SELECT                                                                           \
	"SELECT o.id, o.case_id, o.person_id, TRIM(p.given_names || ' ' || p.family_name), o.kind, " \
	"o.court, o.applicant, o.made_on, o.expires_on, o.prohibitions, o.created_by, "          \
	"o.created_at, (SELECT COUNT(*) FROM order_breaches b WHERE b.order_id = o.id) FROM "     \
	"orders o JOIN people p ON p.id = o.person_id "

typedef struct order_rows {
	arena *a;
	int (*fn)(const order_rec *o, void *arg);
	void *arg;
} order_rows;

static int order_row(db_stmt *s, void *arg)
{
	order_rows *r = arg;
	order_rec o;
	db_col_copy(s, 0, o.id, sizeof o.id);
	db_col_copy(s, 1, o.case_id, sizeof o.case_id);
	db_col_copy(s, 2, o.person_id, sizeof o.person_id);
	o.person_name = db_col_dup(s, 3, r->a);
	o.kind = db_col_dup(s, 4, r->a);
	o.court = db_col_dup(s, 5, r->a);
	o.applicant = db_col_dup(s, 6, r->a);
	o.made_on = db_col_dup(s, 7, r->a);
	o.expires_on = db_col_dup(s, 8, r->a);
	o.prohibitions = db_col_dup(s, 9, r->a);
	db_col_copy(s, 10, o.created_by, sizeof o.created_by);
	db_col_copy(s, 11, o.created_at, sizeof o.created_at);
	o.breaches = (int)db_col_int(s, 12);
	if (!o.person_name || !o.kind || !o.court || !o.applicant || !o.made_on || !o.prohibitions)
		return DB_NOMEM;
	return r->fn(&o, r->arg);
}

static int copy_order(const order_rec *o, void *arg)
{
	*(order_rec *)arg = *o;
	return DB_ROW;
}

int store_order_get(db *d, arena *a, const char *id, order_rec *o)
{
	order_rows r = {a, copy_order, o};
	const char *p[] = {id};
	int rc = db_each(d, ORDER_SELECT "WHERE o.id = $1", 1, p, order_row, &r);
	return rc == DB_OK ? DB_DONE : rc;
}

int store_orders_by_case(db *d, arena *a, const char *case_id, int (*fn)(const order_rec *o, void *arg),
			 void *arg)
{
	order_rows r = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d, ORDER_SELECT "WHERE o.case_id = $1 ORDER BY o.made_on, o.id", 1, p, order_row, &r);
}

int store_breach_add(db *d, breach_rec *b)
{
	secure_id(b->id);
	clock_now_iso(b->created_at);
	const char *p[] = {b->id, b->order_id, b->occurred_on, b->summary, b->crime_reference,
			   b->created_by, b->created_at};
	return db_run(d,
		      "INSERT INTO order_breaches (id, order_id, occurred_on, summary, crime_reference, "
		      "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		      7, p);
}

typedef struct breach_rows {
	arena *a;
	int (*fn)(const breach_rec *b, void *arg);
	void *arg;
} breach_rows;

static int breach_row(db_stmt *s, void *arg)
{
	breach_rows *r = arg;
	breach_rec b;
	db_col_copy(s, 0, b.id, sizeof b.id);
	db_col_copy(s, 1, b.order_id, sizeof b.order_id);
	b.occurred_on = db_col_dup(s, 2, r->a);
	b.summary = db_col_dup(s, 3, r->a);
	b.crime_reference = db_col_dup(s, 4, r->a);
	db_col_copy(s, 5, b.created_by, sizeof b.created_by);
	b.created_by_name = db_col_dup(s, 6, r->a);
	db_col_copy(s, 7, b.created_at, sizeof b.created_at);
	if (!b.occurred_on || !b.summary || !b.created_by_name)
		return DB_NOMEM;
	return r->fn(&b, r->arg);
}

int store_breaches_by_order(db *d, arena *a, const char *order_id,
			    int (*fn)(const breach_rec *b, void *arg), void *arg)
{
	breach_rows r = {a, fn, arg};
	const char *p[] = {order_id};
	return db_each(d,
		       "SELECT b.id, b.order_id, b.occurred_on, b.summary, b.crime_reference, b.created_by, "
		       "u.display_name, b.created_at FROM order_breaches b JOIN users u ON u.id = "
		       "b.created_by WHERE b.order_id = $1 ORDER BY b.occurred_on, b.id",
		       1, p, breach_row, &r);
}
