#include "store/nrm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/workdays.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/services.h"

int store_bank_holidays(db *d, arena *a, long **days, int *n)
{
	db_stmt *s;
	*n = 0;
	int rc = db_prepare(d, "SELECT day, (SELECT COUNT(*) FROM bank_holidays) FROM bank_holidays ORDER BY day", &s);
	if (rc != DB_OK)
		return rc;
	*days = NULL;
	while ((rc = db_step(s)) == DB_ROW) {
		if (!*days) {
			int64_t total = db_col_int(s, 1);
			*days = arena_alloc(a, (size_t)(total > 0 ? total : 1) * sizeof **days);
			if (!*days) {
				rc = DB_NOMEM;
				break;
			}
		}
		long day = date_days(db_col_text(s, 0));
		if (day != DATE_INVALID)
			(*days)[(*n)++] = day;
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

/* Each list below passes its caller's function through db_each. */
typedef struct holiday_rows {
	int (*fn)(const holiday_rec *h, void *arg);
	void *arg;
} holiday_rows;

static int holiday_row(db_stmt *s, void *arg)
{
	holiday_rows *r = arg;
	holiday_rec h = {db_col_text(s, 0), db_col_text(s, 1)};
	return r->fn(&h, r->arg);
}

int store_bank_holiday_list(db *d, int (*fn)(const holiday_rec *h, void *arg), void *arg)
{
	holiday_rows r = {fn, arg};
	return db_each(d, "SELECT day, name FROM bank_holidays ORDER BY day", 0, NULL, holiday_row, &r);
}

int store_bank_holiday_add(db *d, const char *day, const char *name)
{
	const char *p[] = {day, name};
	return db_run(d, "INSERT INTO bank_holidays (day, name) VALUES ($1, $2)", 2, p);
}

int store_person_role_in_case(db *d, arena *a, const char *case_id, const char *person_id,
			      const char **role)
{
	db_stmt *s;
	/* A victim role wins when the person holds several in one case. */
	int rc = db_prepare(d,
			    "SELECT role FROM case_people WHERE case_id = $1 AND person_id = $2 "
			    "ORDER BY role = 'potential_victim' DESC LIMIT 1",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, case_id)) == DB_OK && (rc = db_bind_text(s, 2, person_id)) == DB_OK &&
	    (rc = db_step(s)) == DB_ROW)
		*role = db_col_dup(s, 0, a);
	db_finalize(s);
	return rc;
}

#define NRM_COLS                                                                              \
	"r.id, r.case_id, r.person_id, r.first_responder_id, u.display_name, r.referred_on, "   \
	"r.child, r.consent, r.competent_authority, r.status, r.rg_due, r.rg_outcome, "          \
	"r.rg_decided_on, r.recovery_period_end, r.cg_outcome, r.cg_decided_on, r.withdrawn_on, " \
	"r.created_at, r.updated_at, r.version, r.withdrawal_reason, o.name FROM nrm_referrals r "   \
	"JOIN users u ON u.id = r.first_responder_id JOIN orgs o ON o.id = u.org_id "

static int nrm_read(arena *a, db_stmt *s, void *rec)
{
	nrm_rec *r = rec;
	db_col_copy(s, 0, r->id, sizeof r->id);
	db_col_copy(s, 1, r->case_id, sizeof r->case_id);
	db_col_copy(s, 2, r->person_id, sizeof r->person_id);
	db_col_copy(s, 3, r->first_responder_id, sizeof r->first_responder_id);
	r->first_responder_name = db_col_dup(s, 4, a);
	r->referred_on = db_col_dup(s, 5, a);
	r->child = (int)db_col_int(s, 6);
	r->consent = db_col_dup(s, 7, a);
	r->competent_authority = db_col_dup(s, 8, a);
	r->status = db_col_dup(s, 9, a);
	r->rg_due = db_col_dup(s, 10, a);
	r->rg_outcome = db_col_dup(s, 11, a);
	r->rg_decided_on = db_col_dup(s, 12, a);
	r->recovery_period_end = db_col_dup(s, 13, a);
	r->cg_outcome = db_col_dup(s, 14, a);
	r->cg_decided_on = db_col_dup(s, 15, a);
	r->withdrawn_on = db_col_dup(s, 16, a);
	db_col_copy(s, 17, r->created_at, sizeof r->created_at);
	db_col_copy(s, 18, r->updated_at, sizeof r->updated_at);
	r->version = db_col_int(s, 19);
	r->withdrawal_reason = db_col_dup(s, 20, a);
	r->first_responder_org = db_col_dup(s, 21, a);
	return DB_OK;
}

int store_nrm_create(db *d, nrm_rec *r)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	memcpy(r->updated_at, r->created_at, sizeof r->updated_at);
	r->version = 1;
	const char *p[] = {r->id,	      r->case_id,	  r->person_id, r->first_responder_id,
			   r->referred_on,    r->child ? "1" : "0", r->consent, r->competent_authority,
			   r->status,	      r->rg_due,	  r->created_at};
	return db_run(d,
		      "INSERT INTO nrm_referrals (id, case_id, person_id, first_responder_id, "
		      "referred_on, child, consent, competent_authority, status, rg_due, created_at, "
		      "updated_at, version) VALUES ($1, $2, $3, $4, $5, CAST($6 AS INTEGER), $7, $8, "
		      "$9, $10, $11, $11, 1)",
		      11, p);
}

int store_nrm_get(db *d, arena *a, const char *id, nrm_rec *r)
{
	const char *p[] = {id};
	return db_get(d, a, "SELECT " NRM_COLS "WHERE r.id = $1", 1, p, nrm_read, r);
}

int store_nrm_open_for(db *d, const char *case_id, const char *person_id, int *yes)
{
	const char *p[] = {case_id, person_id};
	return db_count(d,
			"SELECT 1 FROM nrm_referrals WHERE case_id = $1 AND person_id = $2 AND "
			"withdrawn_on IS NULL",
			2, p, yes);
}

int store_nrm_update(db *d, nrm_rec *r)
{
	clock_now_iso(r->updated_at);
	char version[24];
	snprintf(version, sizeof version, "%lld", (long long)r->version);
	const char *p[] = {r->status,	  r->rg_outcome,   r->rg_decided_on, r->recovery_period_end,
			   r->cg_outcome, r->cg_decided_on, r->withdrawn_on, r->updated_at,
			   r->id,	  version,	   r->withdrawal_reason};
	db_stmt *s;
	int rc = db_prepare(d,
			    "UPDATE nrm_referrals SET status = $1, rg_outcome = $2, rg_decided_on = $3, "
			    "recovery_period_end = $4, cg_outcome = $5, cg_decided_on = $6, "
			    "withdrawn_on = $7, updated_at = $8, withdrawal_reason = $11, version = version + 1 "
			    "WHERE id = $9 AND "
			    "version = CAST($10 AS INTEGER) RETURNING version",
			    &s);
	if (rc != DB_OK)
		return rc;
	for (int i = 0; i < 11 && rc == DB_OK; i++)
		rc = db_bind_text(s, i + 1, p[i]);
	if (rc == DB_OK && (rc = db_step(s)) == DB_ROW) {
		r->version = db_col_int(s, 0);
		rc = DB_OK;
	}
	db_finalize(s);
	return rc;
}

typedef struct nrm_rows {
	arena *a;
	int (*fn)(const nrm_rec *r, void *arg);
	void *arg;
} nrm_rows;

static int nrm_row(db_stmt *s, void *arg)
{
	nrm_rows *r = arg;
	nrm_rec n;
	nrm_read(r->a, s, &n);
	return r->fn(&n, r->arg);
}

int store_nrm_by_case(db *d, arena *a, const char *case_id, int (*fn)(const nrm_rec *r, void *arg),
		      void *arg)
{
	nrm_rows r = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d, "SELECT " NRM_COLS "WHERE r.case_id = $1 ORDER BY r.created_at, r.id", 1, p,
		       nrm_row, &r);
}

int store_dtn_create(db *d, dtn_rec *r)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	const char *p[] = {r->id,	   r->case_id, r->person_id, r->submitted_on,
			   r->identifying_consent ? "1" : "0", r->created_by, r->created_at};
	return db_run(d,
		      "INSERT INTO duty_to_notify (id, case_id, person_id, submitted_on, "
		      "identifying_consent, created_by, created_at) VALUES ($1, $2, $3, $4, "
		      "CAST($5 AS INTEGER), $6, $7)",
		      7, p);
}

typedef struct dtn_rows {
	arena *a;
	int (*fn)(const dtn_rec *r, void *arg);
	void *arg;
} dtn_rows;

static int dtn_read(arena *a, db_stmt *s, void *rec)
{
	dtn_rec *n = rec;
	db_col_copy(s, 0, n->id, sizeof n->id);
	db_col_copy(s, 1, n->case_id, sizeof n->case_id);
	db_col_copy(s, 2, n->person_id, sizeof n->person_id);
	n->submitted_on = db_col_dup(s, 3, a);
	n->identifying_consent = (int)db_col_int(s, 4);
	db_col_copy(s, 5, n->created_by, sizeof n->created_by);
	db_col_copy(s, 6, n->created_at, sizeof n->created_at);
	return DB_OK;
}

static int dtn_row(db_stmt *s, void *arg)
{
	dtn_rows *r = arg;
	dtn_rec n;
	dtn_read(r->a, s, &n);
	return r->fn(&n, r->arg);
}

#define DTN_SELECT                                                                     \
	"SELECT id, case_id, person_id, submitted_on, identifying_consent, created_by, " \
	"created_at FROM duty_to_notify "

int store_dtn_get(db *d, arena *a, const char *id, dtn_rec *r)
{
	const char *p[] = {id};
	return db_get(d, a, DTN_SELECT "WHERE id = $1", 1, p, dtn_read, r);
}

int store_dtn_by_case(db *d, arena *a, const char *case_id, int (*fn)(const dtn_rec *r, void *arg),
		      void *arg)
{
	dtn_rows r = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d, DTN_SELECT "WHERE case_id = $1 ORDER BY created_at, id", 1, p, dtn_row, &r);
}

int store_case_people_notified(db *d, const char *case_id, int (*fn)(const char *person_id, void *arg),
			       void *arg)
{
	const char *p[] = {case_id};
	return db_each_text(d,
		       "SELECT DISTINCT cp.person_id FROM case_people cp WHERE cp.case_id = $1 AND "
		       "(EXISTS (SELECT 1 FROM nrm_referrals r WHERE r.person_id = cp.person_id AND "
		       "r.withdrawn_on IS NULL) OR EXISTS (SELECT 1 FROM duty_to_notify n WHERE "
		       "n.person_id = cp.person_id))",
			    1, p, fn, arg);
}

int store_recon_add(db *d, recon_rec *r)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	const char *p[] = {r->id,	r->referral_id,	 r->stage,    r->requested_on,
			   r->reasons,	r->requested_by, r->capacity, r->created_at};
	return db_run(d,
		      "INSERT INTO nrm_reconsiderations (id, referral_id, stage, requested_on, reasons, "
		      "requested_by, capacity, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      8, p);
}

int store_recon_open_for(db *d, const char *referral_id, const char *stage, int *yes)
{
	const char *p[] = {referral_id, stage};
	return db_count(d,
			"SELECT 1 FROM nrm_reconsiderations WHERE referral_id = $1 AND stage = $2 AND "
			"outcome IS NULL",
			2, p, yes);
}

int store_recon_close(db *d, const char *id, const char *outcome, const char *outcome_on,
		      const char *by)
{
	const char *p[] = {id, outcome, outcome_on, by};
	return db_change(d,
			 "UPDATE nrm_reconsiderations SET outcome = $2, outcome_on = $3, outcome_by = $4 "
			 "WHERE id = $1 AND outcome IS NULL RETURNING id",
			 4, p);
}

typedef struct recon_rows {
	arena *a;
	int (*fn)(const recon_rec *r, void *arg);
	void *arg;
} recon_rows;

static int recon_read(arena *a, db_stmt *s, void *rec)
{
	recon_rec *r = rec;
	db_col_copy(s, 0, r->id, sizeof r->id);
	db_col_copy(s, 1, r->referral_id, sizeof r->referral_id);
	r->stage = db_col_dup(s, 2, a);
	r->requested_on = db_col_dup(s, 3, a);
	r->reasons = db_col_dup(s, 4, a);
	db_col_copy(s, 5, r->requested_by, sizeof r->requested_by);
	r->requested_by_name = db_col_dup(s, 6, a);
	r->capacity = db_col_dup(s, 7, a);
	r->outcome = db_col_dup(s, 8, a);
	r->outcome_on = db_col_dup(s, 9, a);
	db_col_copy(s, 10, r->created_at, sizeof r->created_at);
	return DB_OK;
}

static int recon_row(db_stmt *s, void *arg)
{
	recon_rows *x = arg;
	recon_rec r;
	recon_read(x->a, s, &r);
	return x->fn(&r, x->arg);
}

#define RECON_SELECT                                                                            \
	"SELECT q.id, q.referral_id, q.stage, q.requested_on, q.reasons, q.requested_by, "        \
	"u.display_name, q.capacity, q.outcome, q.outcome_on, q.created_at FROM "                 \
	"nrm_reconsiderations q JOIN users u ON u.id = q.requested_by "

int store_recon_by_referral(db *d, arena *a, const char *referral_id,
			    int (*fn)(const recon_rec *r, void *arg), void *arg)
{
	recon_rows x = {a, fn, arg};
	const char *p[] = {referral_id};
	return db_each(d, RECON_SELECT "WHERE q.referral_id = $1 ORDER BY q.created_at, q.id", 1, p,
		       recon_row, &x);
}

int store_recon_get(db *d, arena *a, const char *referral_id, const char *id, recon_rec *r)
{
	const char *p[] = {referral_id, id};
	return db_get(d, a, RECON_SELECT "WHERE q.referral_id = $1 AND q.id = $2", 2, p, recon_read, r);
}

int store_is_support_provider(db *d, const char *case_id, const char *person_id, const char *org_id,
			      int *yes)
{
	char today[DATE_LEN];
	clock_today(today);
	const char *p[] = {case_id, person_id, org_id, today};
	return db_count(d,
			"SELECT 1 FROM service_referrals s JOIN case_people cp ON cp.id = "
			"s.case_person_id WHERE s.case_id = $1 AND cp.person_id = $2 AND "
			"s.provider_org_id = $3 AND " SREF_PROVIDER_STANDS("$4"),
			4, p, yes);
}
