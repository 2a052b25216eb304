/* The s45 safeguard before charge: an officer's assessment of the defence
 * for a suspect who is a potential victim anywhere, a supervisor's approval,
 * and charging decisions refused on such a suspect until both exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/person.h"
#include "domain/s45.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/people.h"
#include "store/s45.h"

typedef struct subject {
	case_rec cr;
	char person_id[SECURE_ID_LEN];
	const char *role;
	int flagged; /* a suspect who is a potential victim anywhere */
} subject;

/* Loads the case at this level and the suspect named by {link}; replies
 * (403, 404, 409 when not a suspect, 503) and returns -1 otherwise. */
static int load_suspect(http_req *req, access_action a, subject *s)
{
	api_ctx *c = api_ctx_of(req);
	if (api_case_load(req, KIND_SUSPECT, a, &s->cr, NULL) != 0)
		return -1;
	int victim = 0;
	int rc = store_link_subject(c->db, http_req_arena(req), s->cr.id, http_req_param(req, "link"),
				    s->person_id, &s->role, &victim);
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such person in this case", NULL);
		return -1;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return -1;
	}
	if (strcmp(s->role, "suspect") != 0) {
		api_conflict(req, "s45 assessments and charging decisions are for a suspect in this case");
		return -1;
	}
	s->flagged = victim;
	return 0;
}

static int tri(json_t *body, const char *field)
{
	json_t *v = json_object_get(body, field);
	return json_is_boolean(v) ? json_is_true(v) : -1;
}

static json_t *assessment_json(const s45_rec *r)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:o, s:b, s:o, s:s, s:s, s:{s:s, s:s}, s:s, s:o, s:s?}",
			 "id", r->id, "link_id", r->link_id, "offence", r->offence, "offence_date",
			 r->offence_date, "schedule4_code", r->schedule4_code, "age_at_offence",
			 r->age_at_offence >= 0 ? json_integer(r->age_at_offence) : json_null(), "child",
			 r->child, "answers", json_loads(r->answers, 0, NULL), "outcome", r->outcome,
			 "reasons", r->reasons, "assessed_by", "id", r->assessed_by, "name",
			 r->assessed_by_name ? r->assessed_by_name : "", "assessed_at", r->assessed_at,
			 "approved_by",
			 r->approved_by ? json_pack("{s:s, s:s?}", "id", r->approved_by, "name", r->approved_by_name)
					: json_null(),
			 "approved_at", r->approved_at);
}

void api_s45_create(http_req *req)
{
	static const jv_field fields[] = {
		{"offence", JV_STRING, 1, FIELD_LINE},
		{"offence_date", JV_STRING, 1, FIELD_DATE},
		{"schedule4_code", JV_STRING, 0, 64},
		JV_OPT_INT("age_at_offence"),
		JV_OPT_BOOL("compelled"),
		JV_OPT_BOOL("no_realistic_alternative"),
		JV_OPT_BOOL("direct_consequence"),
		JV_OPT_BOOL("reasonable_person"),
		{"reasons", JV_STRING, 1, 10000},
	};
	api_ctx *c = api_ctx_of(req);
	subject s;
	if (load_suspect(req, ACT_WRITE, &s) != 0)
		return;
	json_t *body = api_body(req, fields, 9);
	if (!body)
		return;
	person_rec p;
	int rc = store_person_get(c->db, http_req_arena(req), s.person_id, &p);
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array();
	s45_rec r = {0};
	r.offence = jv_str(body, "offence");
	r.offence_date = api_past_date(body, "offence_date", errors);
	r.reasons = jv_str(body, "reasons");
	r.schedule4_code = jv_str(body, "schedule4_code");
	if (r.schedule4_code && !schedule4_find(r.schedule4_code))
		jv_error(errors, "schedule4_code", "is not an offence listed in Schedule 4 (see GET /api/v1/s45/schedule4)");
	/* Age at the offence: from the date of birth when known, else as stated. */
	json_t *age = json_object_get(body, "age_at_offence");
	r.age_at_offence = -1;
	if (p.date_of_birth && json_array_size(errors) == 0)
		r.age_at_offence = age_on(p.date_of_birth, r.offence_date);
	else if (json_is_integer(age) && json_integer_value(age) >= 0 && json_integer_value(age) <= 120)
		r.age_at_offence = (int)json_integer_value(age);
	else if (!p.date_of_birth)
		jv_error(errors, "age_at_offence", "give the age at the offence (no date of birth is recorded)");
	s45_answers ans = {
		.child = p.age_disputed || (r.age_at_offence >= 0 && r.age_at_offence < 18),
		.schedule4 = r.schedule4_code != NULL,
		.compelled = tri(body, "compelled"),
		.no_realistic_alternative = tri(body, "no_realistic_alternative"),
		.direct_consequence = tri(body, "direct_consequence"),
		.reasonable_person = tri(body, "reasonable_person"),
	};
	const char *missing = s45_missing(&ans);
	if (missing && json_array_size(errors) == 0)
		jv_error(errors, missing, ans.child ? "answer this test for a child" : "answer this test for an adult");
	if (api_reject(req, errors))
		return;
	r.child = ans.child;
	r.outcome = s45_outcome_name(s45_evaluate(&ans));
	json_t *answers = api_keep(
		req, json_pack("{s:o, s:o, s:o, s:o}", "compelled",
			       ans.compelled < 0 ? json_null() : json_boolean(ans.compelled),
			       "no_realistic_alternative",
			       ans.no_realistic_alternative < 0 ? json_null() : json_boolean(ans.no_realistic_alternative),
			       "direct_consequence",
			       ans.direct_consequence < 0 ? json_null() : json_boolean(ans.direct_consequence),
			       "reasonable_person",
			       ans.reasonable_person < 0 ? json_null() : json_boolean(ans.reasonable_person)));
	char *answers_text = json_dumps(answers, JSON_COMPACT | JSON_SORT_KEYS);
	r.answers = answers_text ? arena_strdup(http_req_arena(req), answers_text) : NULL;
	free(answers_text);
	memcpy(r.case_id, s.cr.id, SECURE_ID_LEN);
	snprintf(r.link_id, sizeof r.link_id, "%s", http_req_param(req, "link"));
	memcpy(r.assessed_by, c->user.id, SECURE_ID_LEN);
	r.assessed_by_name = c->user.display_name;
	rc = r.answers ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_s45_create(c->db, &r);
	if (rc == DB_OK)
		rc = api_case_log(req, s.cr.id, "s45_assessment", r.outcome, "s45_assessed",
				  json_pack("{s:s, s:s, s:s}", "assessment_id", r.id, "link_id", r.link_id,
					    "outcome", r.outcome));
	api_write_end(req, rc, 201, rc == DB_OK ? assessment_json(&r) : NULL);
}

void api_s45_approve(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	if (api_case_load(req, KIND_SUSPECT, ACT_DECIDE, &cr, NULL) != 0)
		return;
	s45_rec r;
	int rc = store_s45_get(c->db, http_req_arena(req), cr.id, http_req_param(req, "assessment"), &r);
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such assessment in this case", NULL);
		return;
	}
	char at[32];
	if (rc == DB_ROW)
		rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_s45_approve(c->db, r.id, c->user.id, at)) == DB_DONE) {
		api_conflict(req, "the assessment is already approved");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "s45_approved", "case", cr.id, NULL,
			       json_pack("{s:s, s:s}", "assessment_id", r.id, "outcome", r.outcome));
	r.approved_by = c->user.id;
	r.approved_by_name = c->user.display_name;
	r.approved_at = at;
	api_write_end(req, rc, 200, rc == DB_OK ? assessment_json(&r) : NULL);
}

void api_charging_create(http_req *req)
{
	static const jv_field fields[] = {
		{"decision", JV_STRING, 1, FIELD_CHOICE},
		{"decided_on", JV_STRING, 1, FIELD_DATE},
	};
	api_ctx *c = api_ctx_of(req);
	subject s;
	if (load_suspect(req, ACT_WRITE, &s) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	charging_rec r = {0};
	r.decision = jv_str(body, "decision");
	if (!charging_decision_valid(r.decision))
		jv_error(errors, "decision", "must be charge, caution, no_further_action or refer_to_cps");
	r.decided_on = api_past_date(body, "decided_on", errors);
	if (api_reject(req, errors))
		return;
	int any = 0;
	char approved[SECURE_ID_LEN] = "";
	int rc = store_s45_latest(c->db, http_req_param(req, "link"), &any, approved);
	charging_refusal why = rc == DB_OK ? s45_charging_allowed(s.flagged, any, approved[0] != '\0') : CHARGE_OK;
	if (rc == DB_OK && why != CHARGE_OK) {
		api_conflict(req, why == CHARGE_NEEDS_ASSESSMENT
					  ? "this suspect is a potential victim: assess the s45 defence before any charging decision"
					  : "the s45 assessment needs a supervisor's approval before any charging decision");
		return;
	}
	memcpy(r.case_id, s.cr.id, SECURE_ID_LEN);
	snprintf(r.link_id, sizeof r.link_id, "%s", http_req_param(req, "link"));
	r.assessment_id = approved[0] ? approved : NULL;
	memcpy(r.decided_by, c->user.id, SECURE_ID_LEN);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_charging_create(c->db, &r);
	if (rc == DB_OK)
		rc = api_case_log(req, s.cr.id, "charging_decision", r.decision, "charging_decision_recorded",
				  json_pack("{s:s, s:s, s:b}", "link_id", r.link_id, "decision", r.decision,
					    "non_punishment_flag", s.flagged));
	api_write_end(req, rc, 201,
		      rc == DB_OK ? json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s}", "id", r.id, "link_id", r.link_id,
					      "decision", r.decision, "decided_on", r.decided_on, "assessment_id",
					      r.assessment_id, "created_at", r.created_at)
				  : NULL);
}

void api_schedule4(http_req *req)
{
	json_t *items = json_array();
	for (size_t i = 0; i < schedule4_count; i++)
		json_array_append_new(items, json_pack("{s:s, s:s}", "code", schedule4[i].code, "label",
						       schedule4[i].label));
	http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}
