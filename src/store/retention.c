/* Retention records, holds and reviews: see retention.h. */
#include "store/retention.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"

/* ---- the periods ---- */

typedef struct rules_row {
	arena *a;
	int64_t *version;
	const char **rules;
} rules_row;

static int read_rules(db_stmt *s, void *arg)
{
	rules_row *r = arg;
	*r->version = db_col_int(s, 0);
	*r->rules = db_col_dup(s, 1, r->a);
	return DB_ROW;
}

int store_retention_rules_get(db *d, arena *a, int64_t *version, const char **rules)
{
	rules_row r = {a, version, rules};
	int rc = db_each(
	    d, "SELECT version, rules FROM retention_rule_sets ORDER BY version DESC LIMIT 1", 0,
	    NULL, read_rules, &r);
	return rc == DB_OK ? DB_DONE : rc;
}

int store_retention_rules_put(db *d, int64_t version, const char *rules, const char *actor_id)
{
	char v[24], now[CLOCK_ISO_LEN];
	snprintf(v, sizeof v, "%lld", (long long)version);
	clock_now_iso(now);
	const char *p[] = {v, rules, actor_id, now};
	/* Only the version after the latest: a concurrent save of the same
	 * version inserts nothing, and the caller answers stale. */
	return db_change(
	    d,
	    "INSERT INTO retention_rule_sets (version, rules, changed_by, changed_at) SELECT "
	    "CAST($1 AS INTEGER), $2, $3, $4 WHERE CAST($1 AS INTEGER) = 1 + COALESCE((SELECT "
	    "MAX(version) FROM retention_rule_sets), 1) RETURNING version",
	    4, p);
}

/* ---- a case's record ---- */

static int read_case_retention(db_stmt *s, void *arg)
{
	void **x = arg;
	arena *a = x[0];
	case_retention_rec *r = x[1];
	r->group = db_col_dup(s, 0, a);
	r->reason = db_col_dup(s, 1, a);
	r->next_review_on = db_col_dup(s, 2, a);
	r->version = db_col_int(s, 3);
	return DB_ROW;
}

int store_case_retention_get(db *d, arena *a, const char *case_id, case_retention_rec *r)
{
	memset(r, 0, sizeof *r);
	r->version = 1;
	void *x[] = {a, r};
	const char *p[] = {case_id};
	int rc = db_each(
	    d, "SELECT grp, reason, next_review_on, version FROM case_retention WHERE case_id = $1",
	    1, p, read_case_retention, x);
	return rc == DB_ROW || rc == DB_OK ? DB_OK : rc;
}

int store_case_retention_put(db *d, const char *case_id, case_retention_rec *r,
                             const char *actor_id)
{
	char v[24], next[24], now[CLOCK_ISO_LEN];
	snprintf(v, sizeof v, "%lld", (long long)r->version);
	snprintf(next, sizeof next, "%lld", (long long)r->version + 1);
	clock_now_iso(now);
	const char *p[] = {case_id, r->group, r->reason, r->next_review_on, actor_id, now, v, next};
	int rc;
	if (r->version == 1)
		rc = db_change(
		    d,
		    "INSERT INTO case_retention (case_id, grp, reason, next_review_on, updated_by, "
		    "updated_at, version) SELECT $1, $2, $3, $4, $5, $6, CAST($8 AS INTEGER) WHERE "
		    "CAST($7 AS INTEGER) = 1 AND NOT EXISTS (SELECT 1 FROM case_retention WHERE "
		    "case_id "
		    "= $1) RETURNING case_id",
		    8, p);
	else
		rc = db_change(d,
		               "UPDATE case_retention SET grp = $2, reason = $3, next_review_on = "
		               "$4, updated_by = "
		               "$5, updated_at = $6, version = CAST($8 AS INTEGER) WHERE case_id = "
		               "$1 AND version = "
		               "CAST($7 AS INTEGER) RETURNING case_id",
		               8, p);
	if (rc == DB_OK)
		r->version++;
	return rc;
}

static int read_dates(db_stmt *s, void *arg)
{
	case_dates *out = arg;
	db_col_copy(s, 0, out->opened_on, sizeof out->opened_on);
	db_col_copy(s, 1, out->closed_on, sizeof out->closed_on);
	return DB_ROW;
}

/* The case's opening day, and the day its status last became closed while
 * it is closed (its last change when the history has none). */
#define CASE_DATES(c)                                                                              \
	"substr(" c ".created_at, 1, 10), CASE WHEN " c                                            \
	".status = 'closed' THEN substr(COALESCE((SELECT "                                         \
	"MAX(h.at) FROM history h WHERE h.record_id = " c                                          \
	".id AND h.field = 'status' AND h.new_value "                                              \
	"= 'closed'), " c ".updated_at), 1, 10) END"

int store_case_dates(db *d, const char *case_id, case_dates *out)
{
	memset(out, 0, sizeof *out);
	const char *p[] = {case_id};
	int rc = db_each(d, "SELECT " CASE_DATES("c") " FROM cases c WHERE c.id = $1", 1, p,
	                 read_dates, out);
	return rc == DB_ROW ? DB_OK : rc == DB_OK ? DB_DONE : rc;
}

int store_case_order_count(db *d, const char *case_id, int *n)
{
	int64_t v = 0;
	const char *p[] = {case_id};
	int rc = db_get_int(d, "SELECT COUNT(*) FROM orders WHERE case_id = $1", 1, p, &v);
	*n = (int)v;
	return rc == DB_ROW ? DB_OK : rc;
}

/* ---- its people ---- */

typedef struct people_rows {
	arena *a;
	int (*fn)(const retention_person *p, void *arg);
	void *arg;
} people_rows;

static int person_row(db_stmt *s, void *arg)
{
	people_rows *r = arg;
	retention_person p;
	db_col_copy(s, 0, p.person_id, sizeof p.person_id);
	p.name = db_col_dup(s, 1, r->a);
	p.part = db_col_dup(s, 2, r->a);
	p.group = db_col_dup(s, 3, r->a);
	p.reason = db_col_dup(s, 4, r->a);
	p.version = db_col_is_null(s, 5) ? 1 : db_col_int(s, 5);
	return r->fn(&p, r->arg);
}

#define PEOPLE_SELECT                                                                              \
	"SELECT cp.person_id, TRIM(p.given_names || ' ' || p.family_name), cp.role, pr.grp, "      \
	"pr.reason, "                                                                              \
	"pr.version FROM case_people cp JOIN people p ON p.id = cp.person_id LEFT JOIN "           \
	"person_retention "                                                                        \
	"pr ON pr.case_id = cp.case_id AND pr.person_id = cp.person_id WHERE cp.case_id = $1 "

int store_retention_people(db *d, arena *a, const char *case_id,
                           int (*fn)(const retention_person *p, void *arg), void *arg)
{
	people_rows r = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d,
	               PEOPLE_SELECT "ORDER BY p.family_name, p.given_names, cp.person_id, cp.role",
	               1, p, person_row, &r);
}

static int copy_person(const retention_person *p, void *arg)
{
	*(retention_person *)arg = *p;
	return DB_ROW;
}

int store_retention_person_get(db *d, arena *a, const char *case_id, const char *person_id,
                               retention_person *out)
{
	people_rows r = {a, copy_person, out};
	const char *p[] = {case_id, person_id};
	int rc = db_each(d, PEOPLE_SELECT "AND cp.person_id = $2 ORDER BY cp.role LIMIT 1", 2, p,
	                 person_row, &r);
	return rc == DB_OK ? DB_DONE : rc;
}

int store_retention_person_put(db *d, const char *case_id, const char *person_id, const char *group,
                               const char *reason, int64_t version, const char *actor_id)
{
	char v[24], next[24], now[CLOCK_ISO_LEN];
	snprintf(v, sizeof v, "%lld", (long long)version);
	snprintf(next, sizeof next, "%lld", (long long)version + 1);
	clock_now_iso(now);
	const char *p[] = {case_id, person_id, group, reason, actor_id, now, v, next};
	if (version == 1)
		return db_change(
		    d,
		    "INSERT INTO person_retention (case_id, person_id, grp, reason, updated_by, "
		    "updated_at, version) SELECT $1, $2, $3, $4, $5, $6, CAST($8 AS INTEGER) WHERE "
		    "NOT "
		    "EXISTS (SELECT 1 FROM person_retention WHERE case_id = $1 AND person_id = $2) "
		    "AND "
		    "CAST($7 AS INTEGER) = 1 RETURNING case_id",
		    8, p);
	return db_change(
	    d,
	    "UPDATE person_retention SET grp = $3, reason = $4, updated_by = $5, updated_at = $6, "
	    "version = CAST($8 AS INTEGER) WHERE case_id = $1 AND person_id = $2 AND version = "
	    "CAST($7 AS INTEGER) RETURNING case_id",
	    8, p);
}

/* ---- holds ---- */

int store_hold_add(db *d, hold_rec *h)
{
	secure_id(h->id);
	clock_now_iso(h->placed_at);
	h->version = 1;
	h->lifted_at = h->lift_reason = NULL;
	const char *p[] = {h->id,    h->case_id,   h->kind,     h->reason,
	                   h->owner, h->placed_by, h->placed_at};
	return db_run(d,
	              "INSERT INTO legal_holds (id, case_id, kind, reason, owner, placed_by, "
	              "placed_at) VALUES "
	              "($1, $2, $3, $4, $5, $6, $7)",
	              7, p);
}

typedef struct hold_rows {
	arena *a;
	int (*fn)(const hold_rec *h, void *arg);
	void *arg;
} hold_rows;

static int hold_row(db_stmt *s, void *arg)
{
	hold_rows *r = arg;
	hold_rec h;
	db_col_copy(s, 0, h.id, sizeof h.id);
	db_col_copy(s, 1, h.case_id, sizeof h.case_id);
	h.kind = db_col_dup(s, 2, r->a);
	h.reason = db_col_dup(s, 3, r->a);
	h.owner = db_col_dup(s, 4, r->a);
	db_col_copy(s, 5, h.placed_by, sizeof h.placed_by);
	db_col_copy(s, 6, h.placed_at, sizeof h.placed_at);
	h.lifted_at = db_col_dup(s, 7, r->a);
	h.lift_reason = db_col_dup(s, 8, r->a);
	h.version = db_col_int(s, 9);
	return r->fn(&h, r->arg);
}

#define HOLD_SELECT                                                                                \
	"SELECT id, case_id, kind, reason, owner, placed_by, placed_at, lifted_at, lift_reason, "  \
	"version "                                                                                 \
	"FROM legal_holds "

static int copy_hold(const hold_rec *h, void *arg)
{
	*(hold_rec *)arg = *h;
	return DB_ROW;
}

int store_hold_get(db *d, arena *a, const char *id, hold_rec *h)
{
	hold_rows r = {a, copy_hold, h};
	const char *p[] = {id};
	int rc = db_each(d, HOLD_SELECT "WHERE id = $1", 1, p, hold_row, &r);
	return rc == DB_OK ? DB_DONE : rc;
}

int store_hold_lift(db *d, const char *id, int64_t version, const char *actor_id,
                    const char *reason)
{
	char v[24], now[CLOCK_ISO_LEN];
	snprintf(v, sizeof v, "%lld", (long long)version);
	clock_now_iso(now);
	const char *p[] = {id, v, actor_id, reason, now};
	return db_change(
	    d,
	    "UPDATE legal_holds SET lifted_at = $5, lifted_by = $3, lift_reason = $4, version = "
	    "version + 1 WHERE id = $1 AND version = CAST($2 AS INTEGER) AND lifted_at IS NULL "
	    "RETURNING id",
	    5, p);
}

int store_holds_by_case(db *d, arena *a, const char *case_id,
                        int (*fn)(const hold_rec *h, void *arg), void *arg)
{
	hold_rows r = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d,
	               HOLD_SELECT
	               "WHERE case_id = $1 ORDER BY CASE WHEN lifted_at IS NULL THEN 0 ELSE 1 END, "
	               "placed_at, id",
	               1, p, hold_row, &r);
}

/* ---- reviews ---- */

int store_retention_review_add(db *d, retention_review_rec *r)
{
	secure_id(r->id);
	if (!r->decided_at[0])
		clock_now_iso(r->decided_at);
	const char *p[] = {r->id,        r->case_id,        r->org_id,     r->reference,
	                   r->opened_on, r->closed_on,      r->group,      r->decision,
	                   r->reason,    r->next_review_on, r->was_due_on, r->decided_by,
	                   r->decided_at};
	return db_run(d,
	              "INSERT INTO retention_reviews (id, case_id, org_id, reference, opened_on, "
	              "closed_on, grp, "
	              "decision, reason, next_review_on, was_due_on, decided_by, decided_at) "
	              "VALUES ($1, $2, $3, "
	              "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	              13, p);
}

typedef struct review_rows {
	arena *a;
	int (*fn)(const retention_review_rec *r, void *arg);
	void *arg;
} review_rows;

static int review_row(db_stmt *s, void *arg)
{
	review_rows *x = arg;
	retention_review_rec r;
	db_col_copy(s, 0, r.id, sizeof r.id);
	db_col_copy(s, 1, r.case_id, sizeof r.case_id);
	db_col_copy(s, 2, r.org_id, sizeof r.org_id);
	r.reference = db_col_dup(s, 3, x->a);
	r.opened_on = db_col_dup(s, 4, x->a);
	r.closed_on = db_col_dup(s, 5, x->a);
	r.group = db_col_dup(s, 6, x->a);
	r.decision = db_col_dup(s, 7, x->a);
	r.reason = db_col_dup(s, 8, x->a);
	r.next_review_on = db_col_dup(s, 9, x->a);
	r.was_due_on = db_col_dup(s, 10, x->a);
	db_col_copy(s, 11, r.decided_by, sizeof r.decided_by);
	r.decided_by_name = db_col_dup(s, 12, x->a);
	db_col_copy(s, 13, r.decided_at, sizeof r.decided_at);
	return x->fn(&r, x->arg);
}

#define REVIEW_SELECT                                                                              \
	"SELECT r.id, r.case_id, r.org_id, r.reference, r.opened_on, r.closed_on, r.grp, "         \
	"r.decision, "                                                                             \
	"r.reason, r.next_review_on, r.was_due_on, r.decided_by, u.display_name, r.decided_at "    \
	"FROM "                                                                                    \
	"retention_reviews r JOIN users u ON u.id = r.decided_by "

int store_retention_reviews_by_case(db *d, arena *a, const char *case_id,
                                    int (*fn)(const retention_review_rec *r, void *arg), void *arg)
{
	review_rows x = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d, REVIEW_SELECT "WHERE r.case_id = $1 ORDER BY r.decided_at DESC, r.id", 1,
	               p, review_row, &x);
}

int store_disposals(db *d, arena *a, const char *org_id,
                    int (*fn)(const retention_review_rec *r, void *arg), void *arg)
{
	review_rows x = {a, fn, arg};
	const char *p[] = {org_id};
	return db_each(
	    d,
	    REVIEW_SELECT
	    "WHERE r.org_id = $1 AND r.decision = 'dispose' ORDER BY r.decided_at DESC, r.id",
	    1, p, review_row, &x);
}

int store_retention_reviews_between(db *d, arena *a, const char *org_id, const char *from,
                                    const char *to,
                                    int (*fn)(const retention_review_rec *r, void *arg), void *arg)
{
	review_rows x = {a, fn, arg};
	const char *p[] = {org_id, from, to};
	return db_each(d,
	               REVIEW_SELECT
	               "WHERE r.org_id = $1 AND substr(r.decided_at, 1, 10) >= $2 AND "
	               "substr(r.decided_at, 1, 10) <= $3 ORDER BY r.decided_at, r.id",
	               3, p, review_row, &x);
}

/* ---- the organisation's cases ---- */

typedef struct case_rows {
	arena *a;
	int (*fn)(const retention_case *c, void *arg);
	void *arg;
} case_rows;

static int case_row(db_stmt *s, void *arg)
{
	case_rows *x = arg;
	retention_case c;
	db_col_copy(s, 0, c.id, sizeof c.id);
	db_col_copy(s, 1, c.reference, sizeof c.reference);
	c.status = db_col_dup(s, 2, x->a);
	c.exploitation_types = db_col_dup(s, 3, x->a);
	c.offences = db_col_dup(s, 4, x->a);
	db_col_copy(s, 5, c.dates.opened_on, sizeof c.dates.opened_on);
	db_col_copy(s, 6, c.dates.closed_on, sizeof c.dates.closed_on);
	c.orders = (int)db_col_int(s, 7);
	c.orders_in_force = (int)db_col_int(s, 8);
	c.holds = (int)db_col_int(s, 9);
	c.group = db_col_dup(s, 10, x->a);
	c.next_review_on = db_col_dup(s, 11, x->a);
	return x->fn(&c, x->arg);
}

int store_retention_cases(db *d, arena *a, const char *org_id, const char *today,
                          int (*fn)(const retention_case *c, void *arg), void *arg)
{
	case_rows x = {a, fn, arg};
	const char *p[] = {org_id, today};
	return db_each(
	    d,
	    "SELECT c.id, c.reference, c.status, c.exploitation_types, c.offences, " CASE_DATES(
	        "c") ", (SELECT COUNT(*) FROM orders o WHERE o.case_id = c.id), (SELECT COUNT(*) "
	             "FROM orders o "
	             "WHERE o.case_id = c.id AND o.made_on <= $2 AND (o.expires_on IS NULL OR "
	             "o.expires_on >= "
	             "$2)), (SELECT COUNT(*) FROM legal_holds lh WHERE lh.case_id = c.id AND "
	             "lh.lifted_at IS "
	             "NULL), cr.grp, cr.next_review_on FROM cases c JOIN teams t ON t.id = "
	             "c.team_id LEFT JOIN "
	             "case_retention cr ON cr.case_id = c.id WHERE t.org_id = $1 AND NOT EXISTS "
	             "(SELECT 1 FROM "
	             "retention_reviews rv WHERE rv.case_id = c.id AND rv.decision = 'dispose') "
	             "ORDER BY "
	             "c.reference",
	    2, p, case_row, &x);
}

int store_case_lock(db *d, const char *case_id)
{
	const char *p[] = {case_id};
	/* A write that changes nothing takes the row: PostgreSQL holds it to
	 * the end of the transaction; SQLite's writer holds the database. */
	int rc = db_run(d, "UPDATE cases SET version = version WHERE id = $1", 1, p);
	if (rc != DB_OK)
		return rc;
	int64_t n = 0;
	rc = db_get_int(d, "SELECT COUNT(*) FROM cases WHERE id = $1", 1, p, &n);
	return rc == DB_ROW ? (n ? DB_OK : DB_DONE) : rc;
}

int store_case_held_now(db *d, const char *case_id, const char *today, int *held)
{
	*held = 0;
	int rc = store_case_lock(d, case_id);
	if (rc != DB_OK)
		return rc;
	const char *p[] = {case_id, today};
	int64_t n = 0;
	rc = db_get_int(d,
			"SELECT (SELECT COUNT(*) FROM cases WHERE id = $1 AND status <> 'closed') + "
			"(SELECT COUNT(*) FROM legal_holds WHERE case_id = $1 AND lifted_at IS NULL) + "
			"(SELECT COUNT(*) FROM orders WHERE case_id = $1 AND made_on <= $2 AND "
			"(expires_on IS NULL OR expires_on >= $2))",
			2, p, &n);
	if (rc != DB_ROW)
		return rc;
	*held = n > 0;
	return DB_OK;
}
