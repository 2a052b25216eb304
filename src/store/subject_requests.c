#include "store/subject_requests.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/secure.h"

int store_sr_add(db *d, sr_rec *r)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	memcpy(r->updated_at, r->created_at, sizeof r->updated_at);
	r->status = "open";
	r->version = 1;
	const char *p[] = {r->id,
	                   r->org_id,
	                   r->person_id,
	                   r->kind,
	                   r->regime,
	                   r->received_on,
	                   r->identity_verified_on,
	                   r->channel,
	                   r->due_on,
	                   r->created_by,
	                   r->created_at};
	return db_run(
	    d,
	    "INSERT INTO subject_requests (id, org_id, person_id, kind, regime, received_on, "
	    "identity_verified_on, channel, due_on, status, created_by, created_at, updated_at, "
	    "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $11, 1)",
	    11, p);
}

#define SR_SELECT                                                                                  \
	"SELECT r.id, r.org_id, r.person_id, NULLIF(TRIM(p.given_names || ' ' || p.family_name), " \
	"''), "                                                                                    \
	"r.kind, "                                                                                 \
	"r.regime, r.received_on, r.identity_verified_on, r.channel, r.due_on, "                   \
	"r.extended_due_on, "                                                                      \
	"r.extension_reason, r.status, r.closed_on, r.outcome, r.created_by, r.created_at, "       \
	"r.updated_at, r.version FROM subject_requests r LEFT JOIN people p ON p.id = "            \
	"r.person_id "

static int sr_read(arena *a, db_stmt *s, void *rec)
{
	sr_rec *r = rec;
	db_col_copy(s, 0, r->id, sizeof r->id);
	db_col_copy(s, 1, r->org_id, sizeof r->org_id);
	db_col_copy(s, 2, r->person_id, sizeof r->person_id);
	r->person_name = db_col_dup(s, 3, a);
	r->kind = db_col_dup(s, 4, a);
	r->regime = db_col_dup(s, 5, a);
	r->received_on = db_col_dup(s, 6, a);
	r->identity_verified_on = db_col_dup(s, 7, a);
	r->channel = db_col_dup(s, 8, a);
	r->due_on = db_col_dup(s, 9, a);
	r->extended_due_on = db_col_dup(s, 10, a);
	r->extension_reason = db_col_dup(s, 11, a);
	r->status = db_col_dup(s, 12, a);
	r->closed_on = db_col_dup(s, 13, a);
	r->outcome = db_col_dup(s, 14, a);
	db_col_copy(s, 15, r->created_by, sizeof r->created_by);
	db_col_copy(s, 16, r->created_at, sizeof r->created_at);
	db_col_copy(s, 17, r->updated_at, sizeof r->updated_at);
	r->version = db_col_int(s, 18);
	if (!r->kind || !r->regime || !r->received_on || !r->identity_verified_on || !r->channel ||
	    !r->due_on || !r->status)
		return DB_NOMEM;
	return DB_OK;
}

int store_sr_get(db *d, arena *a, const char *id, sr_rec *r)
{
	const char *p[] = {id};
	return db_get(d, a, SR_SELECT "WHERE r.id = $1", 1, p, sr_read, r);
}

typedef struct sr_rows {
	arena *a;
	int (*fn)(const sr_rec *r, void *arg);
	void *arg;
} sr_rows;

static int sr_row(db_stmt *s, void *arg)
{
	sr_rows *x = arg;
	sr_rec r;
	int rc = sr_read(x->a, s, &r);
	return rc != DB_OK ? rc : x->fn(&r, x->arg);
}

int store_sr_list(db *d, arena *a, const char *org_id, const char *status,
                  int (*fn)(const sr_rec *r, void *arg), void *arg)
{
	sr_rows x = {a, fn, arg};
	const char *p[] = {org_id, status};
	return db_each(
	    d,
	    SR_SELECT
	    "WHERE r.org_id = $1 AND (CAST($2 AS TEXT) IS NULL OR r.status = $2) ORDER BY "
	    "CASE WHEN r.status = 'open' THEN 0 ELSE 1 END, "
	    "CASE WHEN r.status = 'open' THEN COALESCE(r.extended_due_on, r.due_on) END, "
	    "r.closed_on DESC, r.id",
	    2, p, sr_row, &x);
}

static void version_text(int64_t v, char out[24])
{
	snprintf(out, 24, "%" PRId64, v);
}

int store_sr_extend(db *d, sr_rec *r, const char *due, const char *reason)
{
	char v[24], now[CLOCK_ISO_LEN];
	version_text(r->version, v);
	clock_now_iso(now);
	const char *p[] = {r->id, v, due, reason, now};
	int rc =
	    db_change(d,
	              "UPDATE subject_requests SET extended_due_on = $3, extension_reason = $4, "
	              "updated_at = $5, version = version + 1 WHERE id = $1 AND version = CAST($2 "
	              "AS INTEGER) "
	              "AND status = 'open' AND extended_due_on IS NULL RETURNING id",
	              5, p);
	if (rc == DB_OK)
		r->version++;
	return rc;
}

int store_sr_close(db *d, sr_rec *r, const char *outcome, const char *today)
{
	char v[24], now[CLOCK_ISO_LEN];
	version_text(r->version, v);
	clock_now_iso(now);
	const char *p[] = {r->id, v, outcome, today, now};
	int rc = db_change(
	    d,
	    "UPDATE subject_requests SET status = 'closed', outcome = $3, closed_on = $4, "
	    "updated_at = $5, version = version + 1 WHERE id = $1 AND version = CAST($2 AS "
	    "INTEGER) "
	    "AND status = 'open' RETURNING id",
	    5, p);
	if (rc == DB_OK)
		r->version++;
	return rc;
}

int store_sr_decision_add(db *d, sr_decision *x)
{
	secure_id(x->id);
	clock_now_iso(x->decided_at);
	const char *p[] = {x->id, x->request_id, x->kind, x->detail, x->decided_by, x->decided_at};
	return db_run(
	    d,
	    "INSERT INTO subject_request_decisions (id, request_id, kind, detail, decided_by, "
	    "decided_at) VALUES ($1, $2, $3, $4, $5, $6)",
	    6, p);
}

typedef struct decision_rows {
	arena *a;
	int (*fn)(const sr_decision *x, void *arg);
	void *arg;
} decision_rows;

static int decision_row(db_stmt *s, void *arg)
{
	decision_rows *r = arg;
	sr_decision x;
	db_col_copy(s, 0, x.id, sizeof x.id);
	x.request_id = db_col_dup(s, 1, r->a);
	x.kind = db_col_dup(s, 2, r->a);
	x.detail = db_col_dup(s, 3, r->a);
	db_col_copy(s, 4, x.decided_by, sizeof x.decided_by);
	x.decided_by_name = db_col_dup(s, 5, r->a);
	db_col_copy(s, 6, x.decided_at, sizeof x.decided_at);
	if (!x.request_id || !x.kind || !x.detail || !x.decided_by_name)
		return DB_NOMEM;
	return r->fn(&x, r->arg);
}

int store_sr_decisions(db *d, arena *a, const char *request_id,
                       int (*fn)(const sr_decision *x, void *arg), void *arg)
{
	decision_rows r = {a, fn, arg};
	const char *p[] = {request_id};
	return db_each(
	    d,
	    "SELECT x.id, x.request_id, x.kind, x.detail, x.decided_by, u.display_name, "
	    "x.decided_at FROM subject_request_decisions x JOIN users u ON u.id = x.decided_by "
	    "WHERE x.request_id = $1 ORDER BY x.decided_at, x.id",
	    1, p, decision_row, &r);
}

int store_person_restrict(db *d, const char *person_id, int64_t *version, const char *since,
                          const char *reason, const char *request_id)
{
	char v[24], now[CLOCK_ISO_LEN];
	version_text(*version, v);
	clock_now_iso(now);
	const char *p[] = {person_id, v, reason ? since : NULL, reason, reason ? request_id : NULL,
	                   now};
	int rc = db_change(
	    d,
	    "UPDATE people SET restricted_since = $3, restriction_reason = $4, "
	    "restriction_request_id = $5, updated_at = $6, version = version + 1 WHERE id = $1 "
	    "AND version = CAST($2 AS INTEGER) AND merged_into IS NULL RETURNING id",
	    6, p);
	if (rc == DB_OK)
		++*version;
	return rc;
}

int store_person_rectifications(db *d, const char *person_id, int64_t *version, const char *json)
{
	char v[24], now[CLOCK_ISO_LEN];
	version_text(*version, v);
	clock_now_iso(now);
	const char *p[] = {person_id, v, json, now};
	int rc = db_change(
	    d,
	    "UPDATE people SET rectifications = $3, updated_at = $4, version = version + 1 "
	    "WHERE id = $1 AND version = CAST($2 AS INTEGER) AND merged_into IS NULL RETURNING id",
	    4, p);
	if (rc == DB_OK)
		++*version;
	return rc;
}

typedef struct obstacle_rows {
	int (*fn)(const char *kind, const char *reference, const char *what, const char *detail,
	          void *arg);
	void *arg;
} obstacle_rows;

static int obstacle_row(db_stmt *s, void *arg)
{
	obstacle_rows *o = arg;
	return o->fn(db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
	             o->arg);
}

int store_person_erasure_obstacles(db *d, const char *person_id,
                                   int (*fn)(const char *kind, const char *reference,
                                             const char *what, const char *detail, void *arg),
                                   void *arg)
{
	obstacle_rows o = {fn, arg};
	const char *p[] = {person_id};
	/* Every part in a case not disposed of (033) counts: it keeps a
	 * policing purpose for the people in it until its review decides
	 * otherwise. A hold counts on any of their cases. A person missing
	 * now (an episode their return has not closed) is being looked for:
	 * their record is live, as case disposal keeps it too. */
	return db_each(
	    d,
	    "SELECT 'case', c.reference, c.status, cp.role FROM case_people cp JOIN cases c ON "
	    "c.id = cp.case_id WHERE cp.person_id = $1 AND c.disposed_at IS NULL UNION ALL "
	    "SELECT 'hold', c.reference, h.kind, h.reason FROM legal_holds h JOIN cases c ON "
	    "c.id = h.case_id WHERE h.lifted_at IS NULL AND h.case_id IN (SELECT case_id FROM "
	    "case_people WHERE person_id = $1) UNION ALL "
	    "SELECT 'missing', NULL, last_seen_at, NULL FROM missing_episodes WHERE person_id = $1 AND "
	    "returned_at IS NULL ORDER BY 1, 2",
	    1, p, obstacle_row, &o);
}
