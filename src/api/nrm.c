/* The NRM: referrals of potential victims with their consent, Reasonable
 * and Conclusive Grounds decisions with the clocks they start, Duty to
 * Notify records for adults who do not consent, and the bank holidays the
 * clocks count out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/nrm.h"
#include "domain/person.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/people.h"


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
		"{s:s, s:s, s:s, s:{s:s, s:s?}, s:s, s:b, s:o, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, "
		"s:s?, s:s?, s:s, s:s, s:I}",
		"id", r->id, "case_id", r->case_id, "person_id", r->person_id, "first_responder", "id",
		r->first_responder_id, "name", r->first_responder_name, "referred_on", r->referred_on,
		"child", r->child, "consent", r->consent ? json_loads(r->consent, 0, NULL) : json_null(),
		"competent_authority", r->competent_authority, "status", r->status, "rg_due", r->rg_due,
		"rg_outcome", r->rg_outcome, "rg_decided_on", r->rg_decided_on, "recovery_period_end",
		r->recovery_period_end, "cg_outcome", r->cg_outcome, "cg_decided_on", r->cg_decided_on,
		"withdrawn_on", r->withdrawn_on, "created_at", r->created_at, "updated_at",
		r->updated_at, "version", (json_int_t)r->version);
	return j;
}

/* Loads the case and person a body names, checking the user may record in
 * the case and the person is in it. Adds field errors, or replies (403,
 * 503) and returns -1. */
static int load_subject(http_req *req, json_t *body, json_t *errors, case_rec *cr, person_rec *p,
			const char **link_role)
{
	api_ctx *c = api_ctx_of(req);
	int r = api_case_load_id(req, jv_str(body, "case_id"), CASE_RECORD, cr);
	if (r < 0)
		return -1;
	if (r > 0) {
		jv_error(errors, "case_id", "is not a case you can see");
		return 0;
	}
	int rc = store_person_role_in_case(c->db, http_req_arena(req), cr->id,
					   jv_str(body, "person_id"), link_role);
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

void api_nrm_create(http_req *req)
{
	static const jv_field fields[] = {
		{"case_id", JV_STRING, 1, 64},	     {"person_id", JV_STRING, 1, 64},
		{"referred_on", JV_STRING, 1, 10},   {"consent", JV_OBJECT, 0, 0},
		{"competent_authority", JV_STRING, 0, 32},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 5);
	if (!body)
		return;
	json_t *errors = json_array();
	case_rec cr;
	person_rec p;
	const char *link_role = NULL;
	if (load_subject(req, body, errors, &cr, &p, &link_role) != 0) {
		json_decref(errors);
		json_decref(body);
		return;
	}
	nrm_rec r = {0};
	r.referred_on = api_past_date(body, "referred_on", errors);
	r.competent_authority = jv_str(body, "competent_authority");
	if (!r.competent_authority)
		r.competent_authority = "single";
	else if (strcmp(r.competent_authority, "single") && strcmp(r.competent_authority, "immigration_enforcement"))
		jv_error(errors, "competent_authority", "must be single or immigration_enforcement");
	json_t *consent = json_object_get(body, "consent");
	if (link_role && r.referred_on && json_array_size(errors) == 0) {
		r.child = presumed_child(p.date_of_birth, p.estimated_age, p.age_disputed, r.referred_on);
		if (consent && json_is_object(consent)) {
			static const jv_field cf[] = {
				{"given", JV_BOOL, 1, 0},	   {"method", JV_STRING, 0, 200},
				{"language", JV_STRING, 0, 35}, {"interpreter", JV_STRING, 0, 200},
			};
			json_t *sub = json_array();
			jv_check(consent, cf, 4, sub);
			size_t i;
			json_t *e;
			json_array_foreach(sub, i, e)
			{
				char f[64];
				snprintf(f, sizeof f, "consent.%s", json_string_value(json_object_get(e, "field")));
				jv_error(errors, f, json_string_value(json_object_get(e, "message")));
			}
			json_decref(sub);
			const char *lang = jv_str(consent, "language");
			if (lang && !language_tag_valid(lang))
				jv_error(errors, "consent.language", "must be a BCP 47 tag such as sq or ar-SY");
		}
		int given = consent && json_is_true(json_object_get(consent, "given"));
		/* Children are referred without consent; adults only with it. */
		if (!r.child && !given)
			jv_error(errors, "consent.given",
				 "an adult is referred only with informed consent; without it, record a "
				 "Duty to Notify instead (POST /api/v1/duty-to-notify)");
		else if (!r.child && (!jv_str(consent, "method") || !jv_str(consent, "language")))
			jv_error(errors, !jv_str(consent, "method") ? "consent.method" : "consent.language",
				 "say how consent was given and in which language");
	}
	if (json_array_size(errors)) {
		json_decref(body);
		api_invalid(req, errors);
		return;
	}
	json_decref(errors);
	int open = 0;
	int rc = store_nrm_open_for(c->db, cr.id, p.id, &open);
	if (rc == DB_OK && open) {
		json_decref(body);
		http_reply_problem(req, 409, "Conflict",
				   "this person already has a referral in this case; record its decisions", NULL);
		return;
	}
	holidays h = load_holidays(req, &rc);
	char due[DATE_LEN];
	if (rc == DB_OK)
		nrm_rg_due(r.referred_on, &h, due);
	char *consent_text = consent ? json_dumps(consent, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	memcpy(r.case_id, cr.id, 37);
	memcpy(r.person_id, p.id, 37);
	memcpy(r.first_responder_id, c->user.id, 37);
	r.first_responder_name = c->user.display_name;
	r.consent = consent_text;
	r.status = "awaiting_reasonable_grounds";
	r.rg_due = due;
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_nrm_create(c->db, &r);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "case", cr.id, "nrm_referral", NULL, r.id, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "nrm_referral_created", "case", cr.id, NULL,
			       json_pack("{s:s, s:s, s:b}", "referral_id", r.id, "person_id", p.id,
					 "child", r.child));
	rc = api_end_write(req, rc);
	json_t *out = rc == DB_OK ? referral_json(&r) : NULL;
	free(consent_text);
	json_decref(body);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	char loc[96];
	snprintf(loc, sizeof loc, "/api/v1/nrm-referrals/%s", r.id);
	http_reply_header(req, "Location", loc);
	api_etag(req, r.version);
	http_reply_json(req, 201, out);
}

/* Loads {id} when its case is within reach at this level, else replies. */
static int load_referral(http_req *req, int level, nrm_rec *r, case_rec *cr)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_nrm_get(c->db, http_req_arena(req), http_req_param(req, "id"), r);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	int reach = rc == DB_ROW ? api_case_load_id(req, r->case_id, level, cr) : 1;
	if (reach > 0)
		http_reply_problem(req, 404, "Not Found", "there is no such referral", NULL);
	return reach ? -1 : 0;
}

void api_nrm_get(http_req *req)
{
	nrm_rec r;
	case_rec cr;
	if (load_referral(req, CASE_READ, &r, &cr) != 0)
		return;
	api_etag(req, r.version);
	http_reply_json(req, 200, referral_json(&r));
}

void api_nrm_decide(http_req *req)
{
	static const jv_field fields[] = {
		{"stage", JV_STRING, 1, 32},
		{"outcome", JV_STRING, 1, 16},
		{"decided_on", JV_STRING, 1, 10},
	};
	api_ctx *c = api_ctx_of(req);
	nrm_rec r;
	case_rec cr;
	if (load_referral(req, CASE_RECORD, &r, &cr) != 0)
		return;
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *stage_s = jv_str(body, "stage"), *outcome = jv_str(body, "outcome");
	int cg = strcmp(stage_s, "conclusive_grounds") == 0;
	if (!cg && strcmp(stage_s, "reasonable_grounds") != 0)
		jv_error(errors, "stage", "must be reasonable_grounds or conclusive_grounds");
	if (strcmp(outcome, "positive") && strcmp(outcome, "negative"))
		jv_error(errors, "outcome", "must be positive or negative");
	const char *decided_on = api_past_date(body, "decided_on", errors);
	if (json_array_size(errors)) {
		json_decref(body);
		api_invalid(req, errors);
		return;
	}
	json_decref(errors);
	nrm_stage stage = cg ? NRM_CONCLUSIVE_GROUNDS : NRM_REASONABLE_GROUNDS;
	nrm_state st = {r.referred_on, r.rg_outcome, r.rg_decided_on, r.cg_outcome, r.withdrawn_on};
	nrm_refusal why = nrm_decision_allowed(&st, stage, decided_on);
	if (why != NRM_OK) {
		json_decref(body);
		http_reply_problem(req, 409, "Conflict", nrm_refusal_text(why), NULL);
		return;
	}
	int positive = strcmp(outcome, "positive") == 0;
	char end[DATE_LEN];
	r.status = nrm_status_after(stage, positive);
	if (stage == NRM_REASONABLE_GROUNDS) {
		r.rg_outcome = outcome;
		r.rg_decided_on = decided_on;
		if (positive && nrm_recovery_end(decided_on, end) == 0)
			r.recovery_period_end = end;
	} else {
		r.cg_outcome = outcome;
		r.cg_decided_on = decided_on;
	}
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_nrm_update(c->db, &r)) == DB_DONE)
		rc = DB_BUSY; /* someone decided at the same moment: try again */
	if (rc == DB_OK)
		rc = store_history_add(c->db, "case", cr.id, cg ? "nrm_conclusive_grounds" : "nrm_reasonable_grounds",
				       NULL, outcome, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "nrm_decision_recorded", "case", cr.id, NULL,
			       json_pack("{s:s, s:s, s:s}", "referral_id", r.id, "stage", stage_s,
					 "outcome", outcome));
	rc = api_end_write(req, rc);
	json_t *out = rc == DB_OK ? referral_json(&r) : NULL;
	json_decref(body);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, r.version);
	http_reply_json(req, 200, out);
}

/* The MS1 as the Home Office asks for it: without anything that identifies
 * the person unless they consented to that. */
static json_t *ms1(const dtn_rec *n, const case_rec *cr, const person_rec *p, const char *force)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:o, s:s?, s:o, s:b}", "form", "MS1", "submitted_on",
			      n->submitted_on, "force", force, "exploitation_types",
			      json_loads(cr->exploitation_types, 0, NULL), "gender", p->gender,
			      "nationalities", json_loads(p->nationalities, 0, NULL), "identifying",
			      n->identifying_consent);
	if (n->identifying_consent) {
		json_object_set_new(j, "given_names", json_string(p->given_names));
		json_object_set_new(j, "family_name", json_string(p->family_name));
		if (p->date_of_birth)
			json_object_set_new(j, "date_of_birth", json_string(p->date_of_birth));
	}
	return j;
}

void api_dtn_create(http_req *req)
{
	static const jv_field fields[] = {
		{"case_id", JV_STRING, 1, 64},
		{"person_id", JV_STRING, 1, 64},
		{"submitted_on", JV_STRING, 1, 10},
		{"identifying_consent", JV_BOOL, 0, 0},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	json_t *errors = json_array();
	case_rec cr;
	person_rec p;
	const char *link_role = NULL;
	if (load_subject(req, body, errors, &cr, &p, &link_role) != 0) {
		json_decref(errors);
		json_decref(body);
		return;
	}
	dtn_rec n = {0};
	n.submitted_on = api_past_date(body, "submitted_on", errors);
	n.identifying_consent = json_is_true(json_object_get(body, "identifying_consent"));
	if (link_role && n.submitted_on && json_array_size(errors) == 0 &&
	    presumed_child(p.date_of_birth, p.estimated_age, p.age_disputed, n.submitted_on))
		jv_error(errors, "person_id",
			 "is a child (or of disputed age): refer them to the NRM, which needs no consent");
	if (json_array_size(errors)) {
		json_decref(body);
		api_invalid(req, errors);
		return;
	}
	json_decref(errors);
	memcpy(n.case_id, cr.id, 37);
	memcpy(n.person_id, p.id, 37);
	memcpy(n.created_by, c->user.id, 37);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_dtn_create(c->db, &n);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "case", cr.id, "duty_to_notify", NULL, n.id, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "duty_to_notify_recorded", "case", cr.id, NULL,
			       json_pack("{s:s, s:s}", "notification_id", n.id, "person_id", p.id));
	rc = api_end_write(req, rc);
	if (rc != DB_OK) {
		json_decref(body);
		api_db_fail(req, rc);
		return;
	}
	json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:o}", "id", n.id, "case_id", n.case_id,
				"person_id", n.person_id, "submitted_on", n.submitted_on,
				"identifying_consent", n.identifying_consent, "created_at", n.created_at,
				"notification", ms1(&n, &cr, &p, c->user.org_name));
	json_decref(body);
	http_reply_json(req, 201, out);
}

static int add_holiday(const holiday_rec *h, void *arg)
{
	return json_array_append_new(arg, json_pack("{s:s, s:s}", "day", h->day, "name", h->name)) ? DB_NOMEM : 0;
}

void api_bank_holidays_list(http_req *req)
{
	json_t *items = json_array();
	int rc = store_bank_holiday_list(api_ctx_of(req)->db, add_holiday, items);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_bank_holidays_add(http_req *req)
{
	static const jv_field fields[] = {{"day", JV_STRING, 1, 10}, {"name", JV_STRING, 1, 200}};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	const char *day = jv_str(body, "day");
	if (date_days(day) == DATE_INVALID || date_weekday(date_days(day)) > 5) {
		json_t *errors = json_array();
		jv_error(errors, "day", "must be a real weekday, YYYY-MM-DD");
		json_decref(body);
		api_invalid(req, errors);
		return;
	}
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_bank_holiday_add(c->db, day, jv_str(body, "name"));
	if (rc == DB_OK)
		rc = api_audit(req, "bank_holiday_added", "settings", NULL, NULL,
			       json_pack("{s:s, s:s}", "day", day, "name", jv_str(body, "name")));
	rc = api_end_write(req, rc);
	if (rc != DB_OK) {
		json_decref(body);
		if (rc == DB_CONSTRAINT)
			http_reply_problem(req, 409, "Conflict", "that day is already a bank holiday", NULL);
		else
			api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 201, json_pack("{s:s, s:s}", "day", day, "name", jv_str(body, "name")));
	json_decref(body);
}
