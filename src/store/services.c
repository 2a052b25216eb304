#include "store/services.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "store/worklist.h"

/* ---- services ---- */

/* How the service aliased s relates to the organisation bound at $1. */
#define SERVICE_REL                                                                                \
	"(CASE WHEN s.org_id = $1 OR EXISTS (SELECT 1 FROM org_areas a WHERE a.opcc_org_id = "     \
	"s.org_id AND "                                                                            \
	"a.force_org_id = $1) THEN 1 ELSE 0 END + CASE WHEN EXISTS (SELECT 1 FROM org_areas a "    \
	"WHERE "                                                                                   \
	"a.opcc_org_id = $1 AND a.force_org_id = s.org_id) THEN 2 ELSE 0 END + CASE WHEN EXISTS "  \
	"(SELECT 1 "                                                                               \
	"FROM orgs h WHERE h.id = s.org_id AND h.host_org_id = $1) THEN 4 ELSE 0 END + CASE WHEN " \
	"s.provider_org_id = $1 THEN 8 ELSE 0 END) "
#define SERVICE_COLUMNS                                                                            \
	"s.id, s.org_id, s.provider_org_id, s.name, s.kind, s.languages, s.area, s.age_min, "      \
	"s.age_max, "                                                                              \
	"COALESCE(s.capacity, -1), s.response_hours, s.active, s.created_by, s.created_at, "       \
	"s.version, po.name, " SERVICE_REL                                                         \
	"FROM services s JOIN orgs po ON po.id = s.provider_org_id "

static int read_service(arena *a, db_stmt *st, void *rec)
{
	service_rec *s = rec;
	db_col_copy(st, 0, s->id, sizeof s->id);
	db_col_copy(st, 1, s->org_id, sizeof s->org_id);
	db_col_copy(st, 2, s->provider_org_id, sizeof s->provider_org_id);
	s->name = db_col_dup(st, 3, a);
	s->kind = db_col_dup(st, 4, a);
	s->languages = db_col_dup(st, 5, a);
	s->area = db_col_dup(st, 6, a);
	s->age_min = (int)db_col_int(st, 7);
	s->age_max = (int)db_col_int(st, 8);
	s->capacity = db_col_int(st, 9);
	s->response_hours = (int)db_col_int(st, 10);
	s->active = (int)db_col_int(st, 11);
	db_col_copy(st, 12, s->created_by, sizeof s->created_by);
	db_col_copy(st, 13, s->created_at, sizeof s->created_at);
	s->version = db_col_int(st, 14);
	s->provider_name = db_col_dup(st, 15, a);
	s->rel = (unsigned)db_col_int(st, 16);
	return s->name && s->kind && s->languages && s->provider_name ? DB_OK : DB_NOMEM;
}

int store_service_add(db *d, service_rec *s)
{
	secure_id(s->id);
	clock_now_iso(s->created_at);
	s->version = 1;
	char nums[5][24];
	snprintf(nums[0], sizeof nums[0], "%d", s->age_min);
	snprintf(nums[1], sizeof nums[1], "%d", s->age_max);
	snprintf(nums[2], sizeof nums[2], "%lld", (long long)s->capacity);
	snprintf(nums[3], sizeof nums[3], "%d", s->response_hours);
	snprintf(nums[4], sizeof nums[4], "%d", s->active ? 1 : 0);
	const char *p[] = {s->id,         s->org_id,
	                   s->name,       s->provider_org_id,
	                   s->kind,       nums[0],
	                   nums[1],       s->languages,
	                   s->area,       s->capacity >= 0 ? nums[2] : NULL,
	                   nums[3],       nums[4],
	                   s->created_by, s->created_at};
	return db_run(d,
	              "INSERT INTO services (id, org_id, name, provider_org_id, kind, age_min, "
	              "age_max, languages, "
	              "area, capacity, response_hours, active, created_by, created_at) VALUES ($1, "
	              "$2, $3, $4, $5, "
	              "CAST($6 AS INTEGER), CAST($7 AS INTEGER), $8, $9, CAST($10 AS INTEGER), "
	              "CAST($11 AS INTEGER), "
	              "CAST($12 AS INTEGER), $13, $14)",
	              14, p);
}

int store_service_get(db *d, arena *a, const char *id, const char *org_id, service_rec *s)
{
	const char *p[] = {org_id, id};
	return db_get(d, a, "SELECT " SERVICE_COLUMNS "WHERE s.id = $2", 2, p, read_service, s);
}

typedef struct service_rows {
	arena *a;
	int (*fn)(const service_rec *s, void *arg);
	void *arg;
} service_rows;

static int service_row(db_stmt *st, void *arg)
{
	service_rows *x = arg;
	service_rec s = {0};
	int rc = read_service(x->a, st, &s);
	return rc == DB_OK ? x->fn(&s, x->arg) : rc;
}

int store_services_each(db *d, arena *a, const char *org_id,
                        int (*fn)(const service_rec *s, void *arg), void *arg)
{
	service_rows x = {a, fn, arg};
	const char *p[] = {org_id};
	return db_each(d, "SELECT " SERVICE_COLUMNS "ORDER BY s.name, s.id", 1, p, service_row, &x);
}

int store_service_update(db *d, service_rec *s, int64_t version)
{
	char nums[6][24];
	snprintf(nums[0], sizeof nums[0], "%d", s->age_min);
	snprintf(nums[1], sizeof nums[1], "%d", s->age_max);
	snprintf(nums[2], sizeof nums[2], "%lld", (long long)s->capacity);
	snprintf(nums[3], sizeof nums[3], "%d", s->response_hours);
	snprintf(nums[4], sizeof nums[4], "%d", s->active ? 1 : 0);
	snprintf(nums[5], sizeof nums[5], "%lld", (long long)version);
	const char *p[] = {s->name, s->provider_org_id,
	                   s->kind, nums[0],
	                   nums[1], s->languages,
	                   s->area, s->capacity >= 0 ? nums[2] : NULL,
	                   nums[3], nums[4],
	                   s->id,   nums[5]};
	db_stmt *st;
	int rc = db_one(d,
	                "UPDATE services SET name = $1, provider_org_id = $2, kind = $3, age_min = "
	                "CAST($4 AS INTEGER), "
	                "age_max = CAST($5 AS INTEGER), languages = $6, area = $7, capacity = "
	                "CAST($8 AS INTEGER), "
	                "response_hours = CAST($9 AS INTEGER), active = CAST($10 AS INTEGER), "
	                "version = version + 1 "
	                "WHERE id = $11 AND version = CAST($12 AS INTEGER) RETURNING version",
	                12, p, &st);
	if (rc == DB_ROW) {
		s->version = db_col_int(st, 0);
		db_finalize(st);
		rc = DB_OK;
	}
	return rc;
}

int store_service_provider_ok(db *d, const char *org_id, const char *provider_id, int *yes)
{
	const char *p[] = {org_id, provider_id};
	return db_count(d,
	                "SELECT 1 FROM orgs o WHERE o.id = $2 AND o.kind = 'partner' AND "
	                "(o.host_org_id = $1 OR "
	                "o.host_org_id = (SELECT h.host_org_id FROM orgs h WHERE h.id = $1) OR "
	                "o.host_org_id IN "
	                "(SELECT a.force_org_id FROM org_areas a WHERE a.opcc_org_id = $1))",
	                2, p, yes);
}

/* ---- referrals ---- */

int store_referral_add(db *d, referral_rec *r)
{
	secure_id(r->id);
	r->version = 1;
	r->status = "referred";
	char step[SECURE_ID_LEN];
	secure_id(step);
	const char *p[] = {r->id,         r->case_id,         r->link_id,
	                   r->service_id, r->provider_org_id, r->provider_name,
	                   r->need,       r->urgency,         r->referred_at,
	                   r->respond_by, r->share_id,        r->created_by};
	int rc = db_run(
	    d,
	    "INSERT INTO service_referrals (id, case_id, case_person_id, service_id, "
	    "provider_org_id, "
	    "provider_name, need, urgency, status, referred_at, respond_by, share_id, created_by, "
	    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'referred', $9, $10, $11, $12, "
	    "$9)",
	    12, p);
	const char *q[] = {step, r->id, r->referred_at, r->created_by};
	if (rc == DB_OK)
		rc = db_run(d,
		            "INSERT INTO service_referral_steps (id, referral_id, status, at, "
		            "by_user) VALUES ($1, $2, "
		            "'referred', $3, $4)",
		            4, q);
	return rc;
}

#define REFERRAL_COLUMNS                                                                           \
	"r.id, r.case_id, r.case_person_id, r.service_id, r.provider_org_id, r.provider_name, "    \
	"r.need, "                                                                                 \
	"r.urgency, r.status, r.referred_at, r.respond_by, r.answered_at, r.reason, r.outcome, "   \
	"r.share_id, "                                                                             \
	"r.created_by, r.version, sv.name, sv.kind, po.name, c.reference, c.team_id, t.org_id, "   \
	"p.id, "                                                                                   \
	"p.given_names, p.family_name, u.display_name, sh.expires_on, sh.ended_at "
#define REFERRAL_FROM                                                                              \
	"FROM service_referrals r LEFT JOIN services sv ON sv.id = r.service_id LEFT JOIN orgs "   \
	"po ON po.id = "                                                                           \
	"r.provider_org_id JOIN cases c ON c.id = r.case_id JOIN teams t ON t.id = c.team_id "     \
	"JOIN case_people "                                                                        \
	"cp ON cp.id = r.case_person_id JOIN people p ON p.id = cp.person_id JOIN users u ON "     \
	"u.id = "                                                                                  \
	"r.created_by LEFT JOIN shares sh ON sh.id = r.share_id "

static int read_referral(arena *a, db_stmt *st, void *rec)
{
	referral_rec *r = rec;
	db_col_copy(st, 0, r->id, sizeof r->id);
	db_col_copy(st, 1, r->case_id, sizeof r->case_id);
	db_col_copy(st, 2, r->link_id, sizeof r->link_id);
	const char **text[] = {&r->service_id, &r->provider_org_id, &r->provider_name,
	                       &r->need,       &r->urgency,         &r->status};
	for (int i = 0; i < 6; i++)
		*text[i] = db_col_dup(st, 3 + i, a);
	db_col_copy(st, 9, r->referred_at, sizeof r->referred_at);
	const char **more[] = {&r->respond_by, &r->answered_at, &r->reason, &r->outcome,
	                       &r->share_id};
	for (int i = 0; i < 5; i++)
		*more[i] = db_col_dup(st, 10 + i, a);
	db_col_copy(st, 15, r->created_by, sizeof r->created_by);
	r->version = db_col_int(st, 16);
	const char **read[] = {&r->service_name,   &r->service_kind, &r->provider_org_name,
	                       &r->case_reference, &r->case_team_id, &r->case_org_id,
	                       &r->person_id,      &r->given_names,  &r->family_name,
	                       &r->created_by_name};
	for (int i = 0; i < 10; i++)
		*read[i] = db_col_dup(st, 17 + i, a);
	r->share_expires_on = db_col_dup(st, 27, a);
	r->share_ended_at = db_col_dup(st, 28, a);
	return r->need && r->status && r->case_reference && r->case_team_id && r->case_org_id &&
	               r->person_id && r->given_names && r->family_name && r->created_by_name
	           ? DB_OK
	           : DB_NOMEM;
}

int store_referral_get(db *d, arena *a, const char *id, referral_rec *r)
{
	const char *p[] = {id};
	return db_get(d, a, "SELECT " REFERRAL_COLUMNS REFERRAL_FROM "WHERE r.id = $1", 1, p,
	              read_referral, r);
}

int store_referral_move(db *d, const char *id, int64_t *version, const char *status,
                        const char *reason, const char *outcome, const char *answered,
                        const char *actor_id, const char *now)
{
	char v[24], step[SECURE_ID_LEN];
	snprintf(v, sizeof v, "%lld", (long long)*version);
	secure_id(step);
	const char *p[] = {status, reason, outcome, answered, id, v};
	db_stmt *st;
	int rc = db_one(d,
	                "UPDATE service_referrals SET status = $1, reason = COALESCE($2, reason), "
	                "outcome = $3, "
	                "answered_at = COALESCE(answered_at, $4), version = version + 1 WHERE id = "
	                "$5 AND version = "
	                "CAST($6 AS INTEGER) RETURNING version",
	                6, p, &st);
	if (rc != DB_ROW)
		return rc;
	*version = db_col_int(st, 0);
	db_finalize(st);
	const char *q[] = {step, id, status, now, actor_id, reason, outcome};
	return db_run(d,
	              "INSERT INTO service_referral_steps (id, referral_id, status, at, by_user, "
	              "reason, outcome) "
	              "VALUES ($1, $2, $3, $4, $5, $6, $7)",
	              7, q);
}

typedef struct step_rows {
	int (*fn)(const char *status, const char *at, const char *by_id, const char *by_name,
	          const char *by_org, void *arg);
	void *arg;
} step_rows;

static int step_row(db_stmt *st, void *arg)
{
	step_rows *x = arg;
	return x->fn(db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3),
	             db_col_text(st, 4), x->arg);
}

int store_referral_steps(db *d, const char *id,
                         int (*fn)(const char *status, const char *at, const char *by_id,
                                   const char *by_name, const char *by_org, void *arg),
                         void *arg)
{
	step_rows x = {fn, arg};
	const char *p[] = {id};
	return db_each(d,
	               "SELECT s.status, s.at, u.id, u.display_name, u.org_id FROM "
	               "service_referral_steps s JOIN users "
	               "u ON u.id = s.by_user WHERE s.referral_id = $1 ORDER BY s.at, s.id",
	               1, p, step_row, &x);
}

typedef struct referral_rows {
	arena *a;
	int (*fn)(const referral_rec *r, void *arg);
	void *arg;
} referral_rows;

static int referral_row(db_stmt *st, void *arg)
{
	referral_rows *x = arg;
	referral_rec r = {0};
	int rc = read_referral(x->a, st, &r);
	return rc == DB_OK ? x->fn(&r, x->arg) : rc;
}

int store_referrals_each(db *d, arena *a, const referral_filter *f,
                         int (*fn)(const referral_rec *r, void *arg), void *arg)
{
	static const char sql[] = "SELECT " REFERRAL_COLUMNS REFERRAL_FROM "WHERE (" REACH_CASE(
	    "c", "$1", "$2",
	    "$3") " OR r.provider_org_id = $4) AND "
	          "(CAST($5 AS TEXT) IS NULL OR r.case_id = $5) AND (CAST($6 AS TEXT) IS NULL OR "
	          "r.status = $6) AND (CAST($7 AS TEXT) IS NULL OR (r.status = 'referred' AND "
	          "r.respond_by IS NOT NULL AND r.respond_by < $7)) "
	          "ORDER BY r.referred_at DESC, r.id";
	db_stmt *st;
	int rc = db_prepare(d, sql, &st);
	if (rc != DB_OK)
		return rc;
	if ((rc = store_reach_bind(st, 1, &f->reach)) == DB_OK &&
	    (rc = db_bind_text(st, 4, f->provider_org_id)) == DB_OK &&
	    (rc = db_bind_text(st, 5, f->case_id)) == DB_OK &&
	    (rc = db_bind_text(st, 6, f->status)) == DB_OK)
		rc = db_bind_text(st, 7, f->overdue_at);
	referral_rows x = {a, fn, arg};
	while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
		int r = referral_row(st, &x);
		rc = r ? r : DB_OK;
	}
	db_finalize(st);
	return rc == DB_DONE ? DB_OK : rc;
}

typedef struct case_steps {
	int (*fn)(const referral_step *s, void *arg);
	void *arg;
} case_steps;

static int case_step_row(db_stmt *st, void *arg)
{
	case_steps *x = arg;
	referral_step s = {db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
	                   db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5),
	                   db_col_text(st, 6), db_col_text(st, 7)};
	return x->fn(&s, x->arg);
}

int store_referral_steps_of_case(db *d, const char *case_id,
                                 int (*fn)(const referral_step *s, void *arg), void *arg)
{
	case_steps x = {fn, arg};
	const char *p[] = {case_id};
	return db_each(d,
	               "SELECT r.id, s.status, s.at, u.id, u.display_name, COALESCE(sv.name, "
	               "r.provider_name, po.name, "
	               "r.need), p.given_names, p.family_name FROM service_referral_steps s JOIN "
	               "service_referrals r ON "
	               "r.id = s.referral_id JOIN users u ON u.id = s.by_user LEFT JOIN services "
	               "sv ON sv.id = "
	               "r.service_id LEFT JOIN orgs po ON po.id = r.provider_org_id JOIN "
	               "case_people cp ON cp.id = "
	               "r.case_person_id JOIN people p ON p.id = cp.person_id WHERE r.case_id = $1 "
	               "ORDER BY s.at, s.id",
	               1, p, case_step_row, &x);
}

int store_referrals_overdue(db *d, const store_reach *r, const char *now,
                            int (*fn)(const work_row *w, void *arg), void *arg)
{
	static const char sql[] = "SELECT r.respond_by, c.id, c.reference, p.id, p.given_names, "
	                          "p.family_name, r.id, u.id, "
	                          "u.display_name, COALESCE(u.team_id, ''), p.date_of_birth, "
	                          "COALESCE(p.estimated_age, -1), "
	                          "COALESCE(p.age_disputed, 0) FROM service_referrals r JOIN cases "
	                          "c ON c.id = r.case_id JOIN "
	                          "case_people cp ON cp.id = r.case_person_id JOIN people p ON "
	                          "p.id = cp.person_id JOIN users u ON "
	                          "u.id = r.created_by WHERE r.status = 'referred' AND "
	                          "r.respond_by IS NOT NULL AND r.respond_by < $4 "
	                          "AND c.status <> 'closed' AND " REACH_CASE("c", "$1", "$2", "$3");
	db_stmt *st;
	int rc = db_prepare(d, sql, &st);
	if (rc != DB_OK)
		return rc;
	if ((rc = store_reach_bind(st, 1, r)) == DB_OK)
		rc = db_bind_text(st, 4, now);
	while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
		work_row w = {
		    "service_referral_overdue", db_col_text(st, 0),     db_col_text(st, 1),
		    db_col_text(st, 2),         db_col_text(st, 3),     db_col_text(st, 4),
		    db_col_text(st, 5),         db_col_text(st, 6),     db_col_text(st, 7),
		    db_col_text(st, 8),         db_col_text(st, 9),     db_col_text(st, 10),
		    (int)db_col_int(st, 11),    (int)db_col_int(st, 12)};
		int x = fn(&w, arg);
		rc = x ? x : DB_OK;
	}
	db_finalize(st);
	return rc == DB_DONE ? DB_OK : rc;
}

/* ---- figures ---- */

typedef struct figure_rows {
	int (*fn)(const service_figures *f, void *arg);
	void *arg;
} figure_rows;

static int figure_row(db_stmt *st, void *arg)
{
	figure_rows *x = arg;
	service_figures f = {db_col_text(st, 0), db_col_text(st, 1),
	                     db_col_text(st, 2), db_col_text(st, 3),
	                     db_col_int(st, 4),  db_col_int(st, 5),
	                     db_col_int(st, 6),  db_col_int(st, 7),
	                     db_col_int(st, 8),  {0}};
	for (int i = 0; i < 5; i++)
		f.outcomes[i] = db_col_int(st, 9 + i);
	return x->fn(&f, x->arg);
}

int store_service_figures(db *d, const store_orgs *o, const char *from, const char *to,
                          const char *now, int (*fn)(const service_figures *f, void *arg),
                          void *arg)
{
	static const char sql[] =
	    "SELECT s.id, s.name, s.kind, po.name, COUNT(r.id), "
	    "COALESCE(SUM(CASE WHEN r.answered_at IS NOT NULL AND (r.respond_by IS NULL OR "
	    "r.answered_at <= "
	    "r.respond_by) THEN 1 ELSE 0 END), 0), "
	    "COALESCE(SUM(CASE WHEN r.answered_at > r.respond_by THEN 1 ELSE 0 END), 0), "
	    "COALESCE(SUM(CASE WHEN r.status = 'referred' AND r.respond_by < $5 THEN 1 ELSE 0 "
	    "END), 0), "
	    "COALESCE(SUM(CASE WHEN r.status = 'declined' THEN 1 ELSE 0 END), 0), "
	    "COALESCE(SUM(CASE WHEN r.outcome = 'support_completed' THEN 1 ELSE 0 END), 0), "
	    "COALESCE(SUM(CASE WHEN r.outcome = 'victim_declined' THEN 1 ELSE 0 END), 0), "
	    "COALESCE(SUM(CASE WHEN r.outcome = 'lost_contact' THEN 1 ELSE 0 END), 0), "
	    "COALESCE(SUM(CASE WHEN r.outcome = 'moved_away' THEN 1 ELSE 0 END), 0), "
	    "COALESCE(SUM(CASE WHEN r.outcome = 'other' THEN 1 ELSE 0 END), 0) "
	    "FROM services s JOIN orgs po ON po.id = s.provider_org_id "
	    "LEFT JOIN (SELECT r.* FROM service_referrals r JOIN cases c ON c.id = r.case_id JOIN "
	    "teams t ON "
	    "t.id = c.team_id WHERE SUBSTR(r.referred_at, 1, 10) >= $3 AND SUBSTR(r.referred_at, "
	    "1, 10) <= $4 "
	    "AND " REACH_ORGS(
	        "t.org_id", "$1",
	        "$2") ") r ON r.service_id = s.id "
	              "WHERE " REACH_ORGS(
	                  "s.org_id", "$1",
	                  "$2") " OR r.id IS NOT NULL "
	                        "GROUP BY s.id, s.name, s.kind, po.name ORDER BY s.name, s.id";
	const char *p[5];
	store_orgs_params(o, p);
	p[2] = from;
	p[3] = to;
	p[4] = now;
	figure_rows x = {fn, arg};
	return db_each(d, sql, 5, p, figure_row, &x);
}
