#include "store/selectors.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "lib/clock.h"

/* A selector's columns (aliased x, with its person p and creator u), in
 * the order read_selector reads them from column first. */
#define SEL_COLS(x)                                                                                \
	x ".id, " x ".case_id, " x ".kind, " x ".value, " x ".normalised, " x ".sealed_value, " x  \
	  ".match_key, " x ".about_person_id, p.given_names, p.family_name, CASE WHEN " x          \
	  ".about_person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_people sp WHERE "       \
	  "sp.case_id = " x ".case_id AND sp.person_id = " x                                       \
	  ".about_person_id AND sp.role <> 'suspect') THEN 1 ELSE 0 END, " x                       \
	  ".source_evaluation, " x ".intelligence_assessment, " x ".handling_code, " x             \
	  ".context, " x ".created_by, u.display_name, " x ".created_at, " x ".version"
#define SEL_NCOLS 19
#define SEL_JOINS(x)                                                                               \
	" LEFT JOIN people p ON p.id = " x ".about_person_id JOIN users u ON u.id = " x            \
	".created_by"

static void read_selector(arena *a, db_stmt *s, int first, selector_rec *r)
{
	int i = first;
	db_col_copy(s, i++, r->id, sizeof r->id);
	r->case_id = db_col_dup(s, i++, a);
	r->kind = db_col_dup(s, i++, a);
	r->value = db_col_dup(s, i++, a);
	r->normalised = db_col_dup(s, i++, a);
	r->sealed_value = db_col_dup(s, i++, a);
	r->match_key = db_col_dup(s, i++, a);
	r->about_person_id = db_col_dup(s, i++, a);
	r->about_given_names = db_col_dup(s, i++, a);
	r->about_family_name = db_col_dup(s, i++, a);
	r->about_suspect_only = db_col_int(s, i++) != 0;
	r->source_evaluation = db_col_is_null(s, i) ? 0 : (int)db_col_int(s, i);
	i++;
	r->intelligence_assessment = db_col_dup(s, i++, a);
	r->handling_code = db_col_dup(s, i++, a);
	r->context = db_col_dup(s, i++, a);
	r->created_by = db_col_dup(s, i++, a);
	r->created_by_name = db_col_dup(s, i++, a);
	db_col_copy(s, i++, r->created_at, sizeof r->created_at);
	r->version = db_col_int(s, i);
}

int store_selector_add(db *d, selector_rec *s)
{
	secure_id(s->id);
	clock_now_iso(s->created_at);
	s->version = 1;
	char grade[4] = "";
	if (s->source_evaluation)
		snprintf(grade, sizeof grade, "%d", s->source_evaluation);
	const char *v[] = {s->id,
	                   s->case_id,
	                   s->kind,
	                   s->value,
	                   s->normalised,
	                   s->sealed_value,
	                   s->match_key,
	                   s->about_person_id,
	                   s->source_evaluation ? grade : NULL,
	                   s->intelligence_assessment,
	                   s->handling_code,
	                   s->context,
	                   s->created_by,
	                   s->created_at};
	return db_run(
	    d,
	    "INSERT INTO selectors (id, case_id, kind, value, normalised, sealed_value, match_key, "
	    "about_person_id, source_evaluation, intelligence_assessment, handling_code, context, "
	    "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST($9 AS INTEGER), "
	    "$10, "
	    "$11, $12, $13, $14)",
	    14, v);
}

typedef struct each_sel {
	arena *a;
	int (*fn)(const selector_rec *s, void *arg);
	void *arg;
} each_sel;

static int selector_row(db_stmt *s, void *arg)
{
	each_sel *e = arg;
	selector_rec r = {0};
	read_selector(e->a, s, 0, &r);
	return e->fn(&r, e->arg);
}

int store_selectors_of_case(db *d, arena *a, const char *case_id,
                            int (*fn)(const selector_rec *s, void *arg), void *arg)
{
	const char *p[] = {case_id};
	each_sel e = {a, fn, arg};
	return db_each(d,
	               "SELECT " SEL_COLS("s") " FROM selectors s" SEL_JOINS(
	                   "s") " WHERE s.case_id = $1 ORDER BY s.created_at, s.id",
	               1, p, selector_row, &e);
}

static int get_row(arena *a, db_stmt *s, void *rec)
{
	read_selector(a, s, 0, rec);
	return DB_OK;
}

int store_selector_get(db *d, arena *a, const char *id, selector_rec *s)
{
	const char *p[] = {id};
	memset(s, 0, sizeof *s);
	return db_get(d, a,
	              "SELECT " SEL_COLS("s") " FROM selectors s" SEL_JOINS("s") " WHERE s.id = $1",
	              1, p, get_row, s);
}

int store_selector_match_count(db *d, const char *match_key, const char *case_id, int64_t *n)
{
	const char *p[] = {match_key, case_id};
	return db_get_int(
	    d, "SELECT COUNT(*) FROM selectors WHERE match_key = $1 AND case_id <> $2", 2, p, n);
}

int store_selector_person_part(db *d, const char *case_id, const char *person_id, int *in_case,
                               int *suspect_only)
{
	const char *p[] = {case_id, person_id};
	int64_t all = 0, suspect = 0;
	int rc =
	    db_get_int(d, "SELECT COUNT(*) FROM case_people WHERE case_id = $1 AND person_id = $2",
	               2, p, &all);
	if (rc == DB_ROW || rc == DB_OK)
		rc = db_get_int(d,
		                "SELECT COUNT(*) FROM case_people WHERE case_id = $1 AND person_id "
		                "= $2 AND role = "
		                "'suspect'",
		                2, p, &suspect);
	if (rc != DB_ROW && rc != DB_OK)
		return rc;
	*in_case = all > 0;
	*suspect_only = all > 0 && all == suspect;
	return DB_OK;
}

typedef struct each_match {
	arena *a;
	int (*fn)(const selector_match *m, void *arg);
	void *arg;
} each_match;

static int match_row(db_stmt *s, void *arg)
{
	each_match *e = arg;
	selector_match m = {0};
	m.own_id = db_col_dup(s, 0, e->a);
	read_selector(e->a, s, 1, &m.other);
	int i = 1 + SEL_NCOLS;
	m.reference = db_col_dup(s, i++, e->a);
	m.title = db_col_dup(s, i++, e->a);
	m.team_id = db_col_dup(s, i++, e->a);
	m.org_id = db_col_dup(s, i++, e->a);
	m.org_name = db_col_dup(s, i++, e->a);
	m.allocated = db_col_int(s, i) != 0;
	return e->fn(&m, e->arg);
}

int store_selector_matches(db *d, arena *a, const char *case_id, const char *user_id,
                           int (*fn)(const selector_match *m, void *arg), void *arg)
{
	const char *p[] = {case_id, user_id};
	each_match e = {a, fn, arg};
	return db_each(d,
	               "SELECT s.id, " SEL_COLS(
	                   "m") ", mc.reference, mc.title, mc.team_id, t.org_id, o.name, CASE "
	                        "WHEN EXISTS (SELECT 1 FROM case_allocations ca WHERE ca.case_id = "
	                        "mc.id AND ca.user_id = $2) "
	                        "THEN 1 ELSE 0 END FROM selectors s JOIN selectors m ON "
	                        "m.match_key = s.match_key AND "
	                        "m.case_id <> s.case_id JOIN cases mc ON mc.id = m.case_id JOIN "
	                        "teams t ON t.id = "
	                        "mc.team_id JOIN orgs o ON o.id = t.org_id" SEL_JOINS(
	                            "m") " WHERE s.case_id = $1 ORDER BY s.created_at, s.id, "
	                                 "m.created_at, m.id",
	               2, p, match_row, &e);
}

/* ---- notices ---- */

/* "LN-7K4M-Q2XP": eight characters from an alphabet without 0, O, 1 or I. */
static void notice_number(char out[16])
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char n[8];
	for (int i = 0; i < 8; i++)
		n[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	snprintf(out, 16, "LN-%.4s-%.4s", n, n + 4);
}

#define NOTICE_COLS                                                                                \
	"n.id, n.number, n.selector_lo, n.selector_hi, n.raised_by_selector, n.raised_by_org, "    \
	"n.raised_by_user, n.raised_at, n.acknowledged_by, u.display_name, n.acknowledged_at, "    \
	"n.version, o.id, "                                                                        \
	"o.case_id FROM link_notices n LEFT JOIN users u ON u.id = n.acknowledged_by JOIN "        \
	"selectors o ON o.id = "                                                                   \
	"CASE WHEN n.raised_by_selector = n.selector_lo THEN n.selector_hi ELSE n.selector_lo "    \
	"END "

static int read_notice(arena *a, db_stmt *s, void *rec)
{
	link_notice_rec *n = rec;
	db_col_copy(s, 0, n->id, sizeof n->id);
	db_col_copy(s, 1, n->number, sizeof n->number);
	n->selector_lo = db_col_dup(s, 2, a);
	n->selector_hi = db_col_dup(s, 3, a);
	n->raised_by_selector = db_col_dup(s, 4, a);
	n->raised_by_org = db_col_dup(s, 5, a);
	n->raised_by_user = db_col_dup(s, 6, a);
	n->raised_at = db_col_dup(s, 7, a);
	n->acknowledged_by = db_col_dup(s, 8, a);
	n->acknowledged_by_name = db_col_dup(s, 9, a);
	n->acknowledged_at = db_col_dup(s, 10, a);
	n->version = db_col_int(s, 11);
	n->other_selector = db_col_dup(s, 12, a);
	n->other_case_id = db_col_dup(s, 13, a);
	return DB_OK;
}

int store_link_notice_raise(db *d, arena *a, const char *sel_a, const char *sel_b,
                            const char *raised_by_selector, const char *raised_by_org,
                            const char *raised_by_user, link_notice_rec *n)
{
	const char *lo = strcmp(sel_a, sel_b) < 0 ? sel_a : sel_b,
	           *hi = lo == sel_a ? sel_b : sel_a;
	const char *pair[] = {lo, hi};
	/* A number already taken (one in a billion) leaves the pair without a
	 * notice: try again with another. */
	for (int tries = 0; tries < 4; tries++) {
		int rc = db_get(
		    d, a, "SELECT " NOTICE_COLS "WHERE n.selector_lo = $1 AND n.selector_hi = $2",
		    2, pair, read_notice, n);
		if (rc != DB_DONE)
			return rc == DB_ROW ? DB_OK : rc;
		char id[SECURE_ID_LEN], number[16], at[CLOCK_ISO_LEN];
		secure_id(id);
		notice_number(number);
		clock_now_iso(at);
		const char *v[] = {
		    id, number, lo, hi, raised_by_selector, raised_by_org, raised_by_user, at};
		/* Two first looks at once: the second finds the pair taken and
		 * reads the first's notice. */
		rc = db_run(d,
		            "INSERT INTO link_notices (id, number, selector_lo, selector_hi, "
		            "raised_by_selector, "
		            "raised_by_org, raised_by_user, raised_at) VALUES ($1, $2, $3, $4, $5, "
		            "$6, $7, $8) ON "
		            "CONFLICT DO NOTHING",
		            8, v);
		if (rc != DB_OK)
			return rc;
	}
	return db_fail(d, DB_ERR, "no link notice number could be found for a pair");
}

int store_link_notice_get(db *d, arena *a, const char *number, link_notice_rec *n)
{
	const char *p[] = {number};
	return db_get(d, a, "SELECT " NOTICE_COLS "WHERE n.number = $1", 1, p, read_notice, n);
}

int store_link_notice_acknowledge(db *d, const char *number, const char *user_id, char at[32])
{
	clock_now_iso(at);
	const char *p[] = {number, user_id, at};
	return db_change(d,
	                 "UPDATE link_notices SET acknowledged_by = $2, acknowledged_at = $3, "
	                 "version = version + 1 "
	                 "WHERE number = $1 AND acknowledged_at IS NULL RETURNING id",
	                 3, p);
}

typedef struct each_work {
	arena *a;
	int (*fn)(const link_notice_work *w, void *arg);
	void *arg;
} each_work;

static int work_row(db_stmt *s, void *arg)
{
	each_work *e = arg;
	link_notice_work w = {
	    .number = db_col_dup(s, 0, e->a),
	    .raised_at = db_col_dup(s, 1, e->a),
	    .case_id = db_col_dup(s, 2, e->a),
	    .reference = db_col_dup(s, 3, e->a),
	    .selector_kind = db_col_dup(s, 4, e->a),
	    .normalised = db_col_dup(s, 5, e->a),
	    .sealed = db_col_int(s, 6) != 0,
	    .raised_org_name = db_col_dup(s, 7, e->a),
	    .contact_role = db_col_dup(s, 8, e->a),
	    .contact = db_col_dup(s, 9, e->a),
	};
	return e->fn(&w, e->arg);
}

/* The notices of which the selector at the pair's end is the unraised side,
 * with that selector's case within the reach at $1, $2, $3. */
#define WORK_SIDE(end)                                                                                         \
	"SELECT n.number, n.raised_at, c.id, c.reference, s.kind, s.normalised, CASE WHEN s.sealed_value IS "   \
	"NULL THEN 0 ELSE 1 END, o.name, dc.role, dc.contact FROM cases c JOIN selectors s ON s.case_id = c.id " \
	"JOIN link_notices n ON n." end " = s.id AND n.raised_by_selector <> s.id JOIN orgs o ON o.id = "       \
	"n.raised_by_org LEFT JOIN deconfliction_contacts dc ON dc.org_id = n.raised_by_org WHERE "            \
	"n.acknowledged_at IS NULL AND " REACH_CASE("c", "$1", "$2", "$3")

int store_link_notice_work(db *d, arena *a, const store_reach *r,
                           int (*fn)(const link_notice_work *w, void *arg), void *arg)
{
	if (!r->user_id && !r->team_id && !r->org_id)
		return DB_OK;
	const char *p[] = {r->user_id, r->team_id, r->org_id};
	each_work e = {a, fn, arg};
	/* From the cases within reach to their selectors, and from each to the
	 * notices it is the unraised side of (by either end of the pair's
	 * index), so the query reads what the reach holds, not every notice. */
	return db_each(d,
	               "SELECT w.* FROM (" WORK_SIDE("selector_lo") " UNION ALL " WORK_SIDE("selector_hi")
	               ") w ORDER BY 2, 1",
	               3, p, work_row, &e);
}

/* ---- deconfliction contacts ---- */

static int read_contact(arena *a, db_stmt *s, void *rec)
{
	deconfliction_rec *c = rec;
	c->role = db_col_dup(s, 0, a);
	c->contact = db_col_dup(s, 1, a);
	c->updated_at = db_col_dup(s, 2, a);
	c->version = db_col_int(s, 3);
	return DB_OK;
}

int store_deconfliction_get(db *d, arena *a, const char *org_id, deconfliction_rec *c)
{
	const char *p[] = {org_id};
	memset(c, 0, sizeof *c);
	return db_get(d, a,
	              "SELECT role, contact, updated_at, version FROM deconfliction_contacts WHERE "
	              "org_id = $1",
	              1, p, read_contact, c);
}

int store_deconfliction_put(db *d, const char *org_id, const char *role, const char *contact,
                            const char *user_id, int64_t *version)
{
	char at[CLOCK_ISO_LEN], ver[24];
	clock_now_iso(at);
	snprintf(ver, sizeof ver, "%lld", (long long)*version);
	const char *p[] = {org_id, role, contact, user_id, at, ver};
	int rc;
	if (*version == 0)
		rc =
		    db_change(d,
		              "INSERT INTO deconfliction_contacts (org_id, role, contact, "
		              "updated_by, updated_at) "
		              "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING org_id",
		              5, p);
	else
		rc = db_change(d,
		               "UPDATE deconfliction_contacts SET role = $2, contact = $3, "
		               "updated_by = $4, updated_at "
		               "= $5, version = version + 1 WHERE org_id = $1 AND version = "
		               "CAST($6 AS INTEGER) "
		               "RETURNING org_id",
		               6, p);
	if (rc == DB_OK)
		(*version)++;
	return rc;
}
