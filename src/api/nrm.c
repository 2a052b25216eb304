/* The NRM: referrals of potential victims with their consent, Reasonable
 * and Conclusive Grounds decisions with the clocks they start,
 * reconsideration requests, withdrawal, and the prepared referral summary.
 * Duty to Notify records are in dtn.c, the bank holidays the clocks count
 * out in bank_holidays.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/nrm.h"
#include "api/plans.h"
#include "domain/nrm.h"
#include "domain/person.h"
#include "domain/shares.h"
#include "domain/vocab.h"
#include "lib/clock.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/people.h"
#include "store/shares.h"

static holidays load_holidays(http_req *req, int *rc)
{
	long *days = NULL;
	int n = 0;
	*rc = store_bank_holidays(api_ctx_of(req)->db, http_req_arena(req), &days, &n);
	return (holidays){days, n};
}

static json_t *referral_json(const nrm_rec *r)
{
	json_t *j = json_pack(
		"{s:s, s:s, s:s, s:{s:s, s:s, s:s?}, s:s, s:b, s:o, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, "
		"s:s?, s:s?, s:s?, s:s, s:s, s:I}",
		"id", r->id, "case_id", r->case_id, "person_id", r->person_id, "first_responder", "id",
		r->first_responder_id, "name", r->first_responder_name, "organisation", r->first_responder_org,
		"referred_on", r->referred_on,
		"child", r->child, "consent", r->consent ? json_loads(r->consent, 0, NULL) : json_null(),
		"competent_authority", r->competent_authority, "status", r->status, "rg_due", r->rg_due,
		"rg_outcome", r->rg_outcome, "rg_decided_on", r->rg_decided_on, "recovery_period_end",
		r->recovery_period_end, "cg_outcome", r->cg_outcome, "cg_decided_on", r->cg_decided_on,
		"withdrawn_on", r->withdrawn_on, "withdrawal_reason", r->withdrawal_reason, "created_at",
		r->created_at, "updated_at",
		r->updated_at, "version", (json_int_t)r->version);
	if (j)
		json_object_set_new(j, "reconsiderations", json_array());
	return j;
}

/* The subject of nrm_subject_body: 0 (field errors added), or -1 having replied. */
static int subject_load(http_req *req, json_t *body, json_t *errors, case_rec *cr, person_rec *p,
			const char **link_role)
{
	api_ctx *c = api_ctx_of(req);
	unsigned rel = 0;
	int r = api_case_load_id(req, jv_str(body, "case_id"), KIND_ENTRY, ACT_WRITE, cr, &rel);
	if (r < 0)
		return -1;
	if (r > 0) {
		jv_error(errors, "case_id", "is not a case you can see");
		return 0;
	}
	int rc = store_person_role_in_case(c->db, http_req_arena(req), cr->id,
					   jv_str(body, "person_id"), link_role);
	/* A suspect's part is not there for those who do not reach suspects. */
	if (rc == DB_ROW && !api_sees_part(req, *link_role, rel))
		rc = DB_DONE;
	if (rc == DB_ROW)
		rc = store_person_get(c->db, http_req_arena(req), jv_str(body, "person_id"), p);
	if (rc == DB_DONE) {
		jv_error(errors, "person_id", "is not someone in this case");
		return 0;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return -1;
	}
	if (strcmp(*link_role, "potential_victim") != 0)
		jv_error(errors, "person_id", "is not a potential victim in this case");
	return 0;
}

/* The consent a body gives, checked: field errors go to errors as
 * "consent.<field>". Returns 0, or -1 when memory runs out. */
static int check_consent(http_req *req, json_t *consent, json_t *errors)
{
	static const jv_field cf[] = {
		{"given", JV_BOOL, 1, 0},	   {"method", JV_STRING, 0, FIELD_NAME},
		{"language", JV_STRING, 0, FIELD_LANGUAGE}, {"interpreter", JV_STRING, 0, FIELD_NAME},
	};
	json_t *sub = api_keep(req, json_array());
	if (!sub)
		return -1;
	jv_check(consent, cf, 4, sub);
	size_t i;
	json_t *e;
	json_array_foreach(sub, i, e)
	{
		char f[64];
		snprintf(f, sizeof f, "consent.%s", json_string_value(json_object_get(e, "field")));
		jv_error(errors, f, json_string_value(json_object_get(e, "message")));
	}
	api_language(consent, "language", "consent.language", errors);
	return 0;
}

json_t *nrm_subject_body(http_req *req, const jv_field *fields, size_t n, nrm_subject *s)
{
	s->link_role = NULL;
	json_t *body = api_body(req, fields, n);
	if (!body)
		return NULL;
	s->errors = api_keep(req, json_array());
	if (!s->errors) {
		api_db_fail(req, DB_NOMEM);
		return NULL;
	}
	return subject_load(req, body, s->errors, &s->cr, &s->p, &s->link_role) == 0 ? body : NULL;
}

void api_nrm_create(http_req *req)
{
	static const jv_field fields[] = {
		{"case_id", JV_STRING, 1, FIELD_ID},	     {"person_id", JV_STRING, 1, FIELD_ID},
		{"referred_on", JV_STRING, 1, FIELD_DATE},   JV_OPT_OBJECT("consent"),
		{"competent_authority", JV_STRING, 0, FIELD_CHOICE},
	};
	api_ctx *c = api_ctx_of(req);
	nrm_subject s;
	json_t *body = nrm_subject_body(req, fields, sizeof fields / sizeof fields[0], &s);
	if (!body)
		return;
	nrm_rec r = {0};
	r.referred_on = api_past_date(body, "referred_on", s.errors);
	r.competent_authority = jv_str(body, "competent_authority");
	if (!r.competent_authority)
		r.competent_authority = "single";
	else if (strcmp(r.competent_authority, "single") && strcmp(r.competent_authority, "immigration_enforcement"))
		jv_error(s.errors, "competent_authority", "must be single or immigration_enforcement");
	json_t *consent = json_object_get(body, "consent");
	if (s.link_role && r.referred_on && json_array_size(s.errors) == 0) {
		r.child = presumed_child(s.p.date_of_birth, s.p.estimated_age, s.p.age_disputed, r.referred_on);
		if (consent && json_is_object(consent) && check_consent(req, consent, s.errors) != 0) {
			api_db_fail(req, DB_NOMEM);
			return;
		}
		int given = consent && json_is_true(json_object_get(consent, "given"));
		/* Children are referred without consent; adults only with it. */
		if (!r.child && !given)
			jv_error(s.errors, "consent.given",
				 "an adult is referred only with informed consent; without it, record a "
				 "Duty to Notify instead (POST /api/v1/duty-to-notify)");
		else if (!r.child && (!jv_str(consent, "method") || !jv_str(consent, "language")))
			jv_error(s.errors, !jv_str(consent, "method") ? "consent.method" : "consent.language",
				 "say how consent was given and in which language");
	}
	if (api_reject(req, json_incref(s.errors)))
		return;
	int open = 0;
	int rc = store_nrm_open_for(c->db, s.cr.id, s.p.id, &open);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	if (open) {
		api_conflict(req, "this person already has a referral in this case; record its decisions");
		return;
	}
	holidays h = load_holidays(req, &rc);
	char due[DATE_LEN];
	if (rc == DB_OK)
		nrm_rg_due(r.referred_on, &h, due);
	if (consent) {
		char *text = json_dumps(consent, JSON_COMPACT | JSON_SORT_KEYS);
		r.consent = text ? arena_strdup(http_req_arena(req), text) : NULL;
		free(text);
		if (rc == DB_OK && !r.consent)
			rc = DB_NOMEM;
	}
	memcpy(r.case_id, s.cr.id, SECURE_ID_LEN);
	memcpy(r.person_id, s.p.id, SECURE_ID_LEN);
	memcpy(r.first_responder_id, c->user.id, SECURE_ID_LEN);
	r.first_responder_name = c->user.display_name;
	r.first_responder_org = c->user.org_name;
	r.status = "awaiting_reasonable_grounds";
	r.rg_due = due;
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_nrm_create(c->db, &r);
	if (rc == DB_OK)
		rc = api_case_log(req, s.cr.id, "nrm_referral", r.id, "nrm_referral_created",
				  json_pack("{s:s, s:s, s:b}", "referral_id", r.id, "person_id", s.p.id,
					    "child", r.child));
	if (rc == DB_OK) {
		char loc[96];
		snprintf(loc, sizeof loc, "/api/v1/nrm-referrals/%s", r.id);
		http_reply_header(req, "Location", loc);
		api_etag(req, r.version);
	}
	api_write_end(req, rc, 201, rc == DB_OK ? referral_json(&r) : NULL);
}

/* Loads {id} and its case, and decides the action on it as an entry in
 * that case. When shared is set, a partner organisation supporting the
 * person reaches the referral too (the one thing shared with partners
 * until shares exist). *capacity, when not NULL, says whether the user is
 * the First Responder or the support provider (else NULL). Replies (403,
 * 404, 503) and returns -1 when not allowed. */
static int load_referral(http_req *req, access_action a, int shared, nrm_rec *r, case_rec *cr,
			 const char **capacity)
{
	api_ctx *c = api_ctx_of(req);
	int provider = 0;
	unsigned rel = 0;
	memset(cr, 0, sizeof *cr);
	int rc = store_nrm_get(c->db, http_req_arena(req), http_req_param(req, "id"), r);
	if (rc == DB_ROW)
		rc = store_case_get(c->db, http_req_arena(req), r->case_id, cr);
	if (rc == DB_ROW && (rc = api_case_rel(req, cr, &rel)) == DB_OK)
		rc = store_is_support_provider(c->db, r->case_id, r->person_id, c->user.org_id, &provider);
	if (rc != DB_OK && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	if (shared && provider)
		rel |= REL_SHARED;
	if (api_allow(req, KIND_ENTRY, a, rc == DB_OK ? rel : 0, "referral") != 0)
		return -1;
	if (capacity)
		*capacity = nrm_reconsideration_capacity(c->user.id, r->first_responder_id, provider);
	return 0;
}

static int add_recon(const recon_rec *q, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:s, s:s?, s:s?, s:s}", "id", q->id,
			      "stage", q->stage, "requested_on", q->requested_on, "reasons", q->reasons,
			      "requested_by", "id", q->requested_by, "name", q->requested_by_name,
			      "capacity", q->capacity, "outcome", q->outcome, "outcome_on", q->outcome_on,
			      "created_at", q->created_at);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

/* Whom and which case the referral is about, for its pages to say: the
 * person by name, and the case by reference, with its title only for
 * those who read cases (a support provider learns no more of the case). */
static int add_subject(http_req *req, json_t *j, const nrm_rec *r, const case_rec *cr)
{
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	int rc = store_person_get(c->db, http_req_arena(req), r->person_id, &p);
	if (rc != DB_ROW)
		return rc == DB_DONE ? DB_ERR : rc;
	int sees_case = access_role_may(c->role, KIND_CASE, ACT_READ);
	if (json_object_set_new(j, "person",
				json_pack("{s:s, s:s, s:s}", "id", p.id, "given_names", p.given_names,
					  "family_name", p.family_name)) != 0 ||
	    json_object_set_new(j, "case",
				json_pack("{s:s, s:s, s:s?}", "id", cr->id, "reference", cr->reference,
					  "title", sees_case ? cr->title : NULL)) != 0)
		return DB_NOMEM;
	return DB_OK;
}

/* The referral with its reconsideration requests, whom it is about and
 * its case (cr), owned by the request; or NULL with *rc set. */
static json_t *referral_full(http_req *req, const nrm_rec *r, const case_rec *cr, int *rc)
{
	api_ctx *c = api_ctx_of(req);
	json_t *j = api_keep(req, referral_json(r));
	if (!j) {
		*rc = DB_NOMEM;
		return NULL;
	}
	int provider = 0;
	*rc = store_recon_by_referral(c->db, http_req_arena(req), r->id, add_recon,
				      json_object_get(j, "reconsiderations"));
	if (*rc == DB_OK)
		*rc = store_is_support_provider(c->db, r->case_id, r->person_id, c->user.org_id, &provider);
	if (*rc == DB_OK)
		*rc = add_subject(req, j, r, cr);
	if (*rc != DB_OK)
		return NULL;
	/* A child's guardian referral, when one is recorded. */
	guardian_rec g;
	*rc = store_guardian_of(c->db, http_req_arena(req), r->id, &g);
	if (*rc == DB_ROW)
		json_object_set_new(j, "guardian_referral",
				    json_pack("{s:{s:s, s:s}, s:s, s:s}", "organisation", "id", g.org_id, "name",
					      g.org_name, "referred_on", g.referred_on, "share_id", g.share_id));
	else if (*rc == DB_DONE)
		json_object_set_new(j, "guardian_referral", json_null());
	*rc = *rc == DB_ROW || *rc == DB_DONE ? DB_OK : *rc;
	if (*rc != DB_OK)
		return NULL;
	/* Whether the reader may ask for a reconsideration, and as whom. */
	const char *mine = nrm_reconsideration_capacity(c->user.id, r->first_responder_id, provider);
	json_object_set_new(j, "my_capacity", mine ? json_string(mine) : json_null());
	return j;
}

/* Ends a write on the referral: answers it as it now stands (status, with
 * its version as ETag), or the failure. */
static void end_referral_write(http_req *req, int rc, int status, const nrm_rec *r, const case_rec *cr)
{
	json_t *out = rc == DB_OK ? referral_full(req, r, cr, &rc) : NULL;
	if (rc == DB_OK)
		api_etag(req, r->version);
	api_write_end(req, rc, status, json_incref(out));
}

void api_nrm_get(http_req *req)
{
	nrm_rec r;
	case_rec cr;
	const char *capacity;
	if (load_referral(req, ACT_READ, 1, &r, &cr, &capacity) != 0)
		return;
	int rc = api_audit(req, "nrm_referral_viewed", "case", r.case_id, http_req_header(req, "X-Purpose"),
			   json_pack("{s:s, s:s?}", "referral_id", r.id, "as", capacity));
	json_t *out = rc == DB_OK ? referral_full(req, &r, &cr, &rc) : NULL;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, r.version);
	http_reply_json(req, 200, json_incref(out));
}

/* The stage a name gives (adding an error to errors, when given, for any
 * other name). */
static nrm_stage stage_of(const char *s, json_t *errors, const char *field)
{
	if (strcmp(s, "conclusive_grounds") == 0)
		return NRM_CONCLUSIVE_GROUNDS;
	if (strcmp(s, "reasonable_grounds") != 0 && errors)
		jv_error(errors, field, "must be reasonable_grounds or conclusive_grounds");
	return NRM_REASONABLE_GROUNDS;
}

static nrm_state state_of(const nrm_rec *r)
{
	return (nrm_state){r->referred_on, r->rg_outcome, r->rg_decided_on, r->cg_outcome, r->withdrawn_on,
			   r->cg_decided_on};
}

/* Replies 409 with what the refusal says; returns 1 when it did. */
static int refused(http_req *req, nrm_refusal why)
{
	if (why == NRM_OK)
		return 0;
	api_conflict(req, nrm_refusal_text(why));
	return 1;
}

/* Records a decision (or a revised one) on r; end holds the recovery
 * period's end while r is in use. */
static void apply_decision(nrm_rec *r, nrm_stage stage, const char *outcome, const char *on, char end[DATE_LEN])
{
	int positive = strcmp(outcome, "positive") == 0;
	r->status = nrm_status_after(stage, positive);
	if (stage == NRM_CONCLUSIVE_GROUNDS) {
		r->cg_outcome = outcome;
		r->cg_decided_on = on;
		return;
	}
	r->rg_outcome = outcome;
	r->rg_decided_on = on;
	r->recovery_period_end = positive && nrm_recovery_end(on, end) == 0 ? end : NULL;
}

/* Loads the referral the path names for recording in it, and the body:
 * the body, or NULL having replied. */
static json_t *referral_body(http_req *req, const jv_field *fields, size_t n, nrm_rec *r, case_rec *cr)
{
	return load_referral(req, ACT_WRITE, 0, r, cr, NULL) == 0 ? api_body(req, fields, n) : NULL;
}

void api_nrm_decide(http_req *req)
{
	static const jv_field fields[] = {
		{"stage", JV_STRING, 1, FIELD_CHOICE},
		{"outcome", JV_STRING, 1, 16},
		{"decided_on", JV_STRING, 1, FIELD_DATE},
	};
	api_ctx *c = api_ctx_of(req);
	nrm_rec r;
	case_rec cr;
	json_t *body = referral_body(req, fields, sizeof fields / sizeof fields[0], &r, &cr);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *stage_s = jv_str(body, "stage"), *outcome = jv_str(body, "outcome");
	nrm_stage stage = stage_of(stage_s, errors, "stage");
	if (strcmp(outcome, "positive") && strcmp(outcome, "negative"))
		jv_error(errors, "outcome", "must be positive or negative");
	const char *decided_on = api_past_date(body, "decided_on", errors);
	if (api_reject(req, errors))
		return;
	nrm_state st = state_of(&r);
	if (refused(req, nrm_decision_allowed(&st, stage, decided_on)))
		return;
	char end[DATE_LEN];
	apply_decision(&r, stage, outcome, decided_on, end);
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_nrm_update(c->db, &r)) == DB_DONE)
		rc = DB_BUSY; /* someone decided at the same moment: try again */
	if (rc == DB_OK)
		rc = api_case_log(req, cr.id,
				  stage == NRM_CONCLUSIVE_GROUNDS ? "nrm_conclusive_grounds" : "nrm_reasonable_grounds",
				  outcome, "nrm_decision_recorded",
				  json_pack("{s:s, s:s, s:s}", "referral_id", r.id, "stage", stage_s,
					    "outcome", outcome));
	end_referral_write(req, rc, 200, &r, &cr);
}

void api_nrm_reconsideration_create(http_req *req)
{
	static const jv_field fields[] = {
		{"stage", JV_STRING, 1, FIELD_CHOICE},
		{"requested_on", JV_STRING, 1, FIELD_DATE},
		{"reasons", JV_STRING, 1, 20000},
	};
	api_ctx *c = api_ctx_of(req);
	nrm_rec r;
	case_rec cr;
	const char *capacity;
	if (load_referral(req, ACT_READ, 1, &r, &cr, &capacity) != 0)
		return;
	if (!capacity) {
		http_reply_problem(req, 403, "Forbidden",
				   "only the First Responder who made the referral, or the support provider "
				   "looking after the person, may ask for a decision to be reconsidered",
				   NULL);
		return;
	}
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	recon_rec q = {0};
	q.stage = jv_str(body, "stage");
	nrm_stage stage = stage_of(q.stage, errors, "stage");
	q.requested_on = api_past_date(body, "requested_on", errors);
	q.reasons = jv_str(body, "reasons");
	if (api_reject(req, errors))
		return;
	int open = 0;
	int rc = store_recon_open_for(c->db, r.id, q.stage, &open);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	nrm_state st = state_of(&r);
	if (refused(req, nrm_reconsideration_allowed(&st, stage, q.requested_on, open)))
		return;
	memcpy(q.referral_id, r.id, SECURE_ID_LEN);
	memcpy(q.requested_by, c->user.id, SECURE_ID_LEN);
	q.capacity = capacity;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_recon_add(c->db, &q);
	if (rc == DB_OK)
		rc = api_case_log(req, r.case_id, "nrm_reconsideration", q.stage, "nrm_reconsideration_requested",
				  json_pack("{s:s, s:s, s:s, s:s}", "referral_id", r.id, "request_id", q.id,
					    "stage", q.stage, "capacity", capacity));
	end_referral_write(req, rc, 201, &r, &cr);
}

void api_nrm_reconsideration_outcome(http_req *req)
{
	static const jv_field fields[] = {
		{"outcome", JV_STRING, 1, 16},
		{"decided_on", JV_STRING, 1, FIELD_DATE},
	};
	api_ctx *c = api_ctx_of(req);
	nrm_rec r;
	case_rec cr;
	if (load_referral(req, ACT_WRITE, 0, &r, &cr, NULL) != 0)
		return;
	recon_rec q;
	int rc = store_recon_get(c->db, http_req_arena(req), r.id, http_req_param(req, "request"), &q);
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such reconsideration request", NULL);
		return;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return;
	}
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *outcome = jv_str(body, "outcome");
	int revised = strcmp(outcome, "revised") == 0;
	if (!revised && strcmp(outcome, "upheld") != 0)
		jv_error(errors, "outcome", "must be upheld (the decision stands) or revised (it is reversed)");
	const char *on = api_past_date(body, "decided_on", errors);
	if (on && strcmp(on, q.requested_on) < 0)
		jv_error(errors, "decided_on", "cannot be before the request was made");
	if (api_reject(req, errors))
		return;
	if (q.outcome) {
		api_conflict(req, "this request already has its outcome");
		return;
	}
	nrm_stage stage = stage_of(q.stage, NULL, NULL);
	nrm_state st = state_of(&r);
	if (revised && refused(req, nrm_revision_allowed(&st, stage)))
		return;
	char end[DATE_LEN];
	/* A reversed decision counts from its new date (and so does the
	 * recovery period after a positive Reasonable Grounds one). */
	if (revised)
		apply_decision(&r, stage, nrm_revised_outcome(stage == NRM_CONCLUSIVE_GROUNDS ? r.cg_outcome : r.rg_outcome),
			       on, end);
	rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_recon_close(c->db, q.id, outcome, on, c->user.id)) == DB_DONE)
		rc = DB_BUSY; /* recorded at the same moment: try again, and see it */
	if (rc == DB_OK && revised && (rc = store_nrm_update(c->db, &r)) == DB_DONE)
		rc = DB_BUSY;
	if (rc == DB_OK)
		rc = api_case_log(req, r.case_id, "nrm_reconsideration_outcome", outcome,
				  "nrm_reconsideration_outcome_recorded",
				  json_pack("{s:s, s:s, s:s}", "referral_id", r.id, "request_id", q.id, "outcome",
					    outcome));
	end_referral_write(req, rc, 200, &r, &cr);
}

void api_nrm_withdraw(http_req *req)
{
	static const jv_field fields[] = {
		{"withdrawn_on", JV_STRING, 1, FIELD_DATE},
		{"reason", JV_STRING, 1, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	nrm_rec r;
	case_rec cr;
	json_t *body = referral_body(req, fields, sizeof fields / sizeof fields[0], &r, &cr);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *on = api_past_date(body, "withdrawn_on", errors);
	if (api_reject(req, errors))
		return;
	nrm_state st = state_of(&r);
	if (refused(req, nrm_withdrawal_allowed(&st, on)))
		return;
	r.withdrawn_on = on;
	r.withdrawal_reason = jv_str(body, "reason");
	r.status = "withdrawn";
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_nrm_update(c->db, &r)) == DB_DONE)
		rc = DB_BUSY;
	if (rc == DB_OK)
		rc = api_case_log(req, r.case_id, "nrm_withdrawn", r.id, "nrm_referral_withdrawn",
				  json_pack("{s:s}", "referral_id", r.id));
	end_referral_write(req, rc, 200, &r, &cr);
}

/* The case's person entry for person_id, borrowed from people, or NULL. */
static json_t *case_person(json_t *people, const char *person_id)
{
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p)
	{
		const char *id = json_string_value(json_object_get(json_object_get(p, "person"), "id"));
		if (id && strcmp(id, person_id) == 0 &&
		    strcmp(json_string_value(json_object_get(p, "role")), "potential_victim") == 0)
			return p;
	}
	return NULL;
}

void api_nrm_summary(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	nrm_rec r;
	case_rec cr;
	if (load_referral(req, ACT_READ, 0, &r, &cr, NULL) != 0)
		return;
	person_rec p;
	json_t *people = NULL, *items = api_keep(req, json_object());
	unsigned rel = 0;
	int rc = items ? store_person_get(c->db, http_req_arena(req), r.person_id, &p) : DB_NOMEM;
	if (rc == DB_ROW)
		rc = api_case_rel(req, &cr, &rel);
	if (rc == DB_OK)
		rc = api_case_people_json(req, cr.id, rel, &people);
	if (rc == DB_OK && !api_keep(req, people))
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = api_case_items_json(req, cr.id, rel, people, items);
	json_t *link = rc == DB_OK ? case_person(people, r.person_id) : NULL;
	if (rc == DB_OK)
		rc = api_audit(req, "nrm_summary_viewed", "case", cr.id, http_req_header(req, "X-Purpose"),
			       json_pack("{s:s}", "referral_id", r.id));
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *victim = api_person_json(&p);
	/* Sealed in Waymark: the officer adds it on the form only if it is needed. */
	json_object_del(victim, "immigration_status_recorded");
	json_t *indicators = json_array(), *x;
	size_t i;
	json_array_foreach(link ? json_object_get(link, "indicators") : NULL, i, x)
	{
		const vocab_entry *e = vocab_find(&vocab_indicators, json_string_value(json_object_get(x, "code")));
		json_array_append_new(indicators, json_pack("{s:O, s:s?, s:s?, s:O?}", "code", json_object_get(x, "code"),
							    "label", e ? e->label : NULL, "group", e ? e->group : NULL,
							    "note", json_object_get(x, "note")));
	}
	json_t *context = link ? json_object_get(link, "victim_context") : NULL;
	json_t *support = link ? json_object_get(link, "service_referrals") : NULL;
	json_t *care = link ? json_object_get(link, "care") : NULL;
	http_reply_json(
		req, 200,
		json_pack("{s:s, s:o, s:{s:s, s:s, s:s?, s:o, s:o, s:b, s:s}, s:o, s:o, s:O?, s:O, s:o, s:O?, s:s}",
			  "form", "NRM referral", "referral", referral_json(&r), "case", "reference", cr.reference,
			  "title", cr.title, "summary", cr.summary, "exploitation_types",
			  json_loads(cr.exploitation_types, 0, NULL), "offences", json_loads(cr.offences, 0, NULL),
			  "county_lines", cr.county_lines, "team", cr.team_name, "potential_victim", victim,
			  "indicators", indicators, "victim_context", context, "places",
			  json_object_get(items, "places"), "service_referrals",
			  support ? json_incref(support) : json_array(), "named_contact", care,
			  "immigration_status",
			  "not included: it is sealed in Waymark; give it on the form only where the referral "
			  "needs it"));
}

/* ---- a child's guardian ---- */

typedef struct guardian_find {
	const char *id;
	int found;
} guardian_find;

static int find_guardian(const org_rec *o, void *arg)
{
	guardian_find *f = arg;
	f->found |= strcmp(o->id, f->id) == 0 && strcmp(o->partner_kind, "guardian") == 0;
	return 0;
}

/* POST /api/v1/nrm-referrals/{id}/guardian-referral: a child referred to
 * the Independent Child Trafficking Guardianship service, where it works
 * with the force; the guardian's organisation is shared the child on the
 * child safeguarding basis, for twelve months. */
void api_nrm_guardian_referral(http_req *req)
{
	static const jv_field fields[] = {{"organisation_id", JV_STRING, 1, FIELD_ID},
					  {"referred_on", JV_STRING, 1, FIELD_DATE}};
	api_ctx *c = api_ctx_of(req);
	nrm_rec r;
	case_rec cr;
	if (load_referral(req, ACT_WRITE, 0, &r, &cr, NULL) != 0)
		return;
	if (!access_role_may(c->role, KIND_SHARE, ACT_WRITE)) {
		api_allow(req, KIND_SHARE, ACT_WRITE, 0, "share");
		return;
	}
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	if (!r.child) {
		api_conflict(req, "a guardian is for a child: this referral is not a child's");
		return;
	}
	guardian_find found = {jv_str(body, "organisation_id"), 0};
	guardian_rec g = {0};
	char link[SECURE_ID_LEN] = "";
	int rc = store_orgs_near(c->db, c->user.org_id, "partner", find_guardian, &found);
	if (rc == DB_OK)
		rc = store_guardian_of(c->db, http_req_arena(req), r.id, &g);
	if (rc == DB_DONE)
		rc = store_victim_link(c->db, r.case_id, r.person_id, link);
	if (rc == DB_ROW && g.id[0]) {
		api_conflict(req, "this child has a guardian referral already");
		return;
	}
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array();
	if (!found.found)
		jv_error(errors, "organisation_id",
			 "must be an Independent Child Trafficking Guardianship service working with the force");
	const char *on = api_past_date(body, "referred_on", errors);
	if (api_reject(req, errors))
		return;
	if (!link[0]) {
		api_conflict(req, "the child is no longer a potential victim in this case");
		return;
	}
	char today[DATE_LEN], until[DATE_LEN];
	clock_today(today);
	share_latest_expiry(today, until);
	json_t *sections = api_keep(req, json_pack("[s, s, s, s, s, s]", "identity", "victim_context", "nrm",
						   "safeguarding_plan", "risks", "contacts"));
	share_rec s = {0};
	snprintf(s.case_id, sizeof s.case_id, "%s", r.case_id);
	snprintf(s.link_id, sizeof s.link_id, "%s", link);
	snprintf(s.person_id, sizeof s.person_id, "%s", r.person_id);
	snprintf(s.org_id, sizeof s.org_id, "%s", found.id);
	snprintf(s.created_by, sizeof s.created_by, "%s", c->user.id);
	s.sections = api_json_text(req, sections);
	s.purpose = "safeguarding";
	s.basis = "child_safeguarding";
	s.reason = "Referred to the Independent Child Trafficking Guardianship service";
	s.expires_on = until;
	rc = s.sections ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_share_insert(req, &s, sections);
	snprintf(g.referral_id, sizeof g.referral_id, "%s", r.id);
	snprintf(g.org_id, sizeof g.org_id, "%s", found.id);
	snprintf(g.share_id, sizeof g.share_id, "%s", s.id);
	snprintf(g.created_by, sizeof g.created_by, "%s", c->user.id);
	g.referred_on = on;
	if (rc == DB_OK)
		rc = store_guardian_add(c->db, &g);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "this child has a guardian referral already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "guardian_referral_made", "case", r.case_id, NULL,
			       json_pack("{s:s, s:s, s:s}", "referral_id", r.id, "organisation", found.id, "share", s.id));
	end_referral_write(req, rc, 201, &r, &cr);
}
