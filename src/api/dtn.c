/* Duty to Notify: the record of an adult potential victim who does not
 * consent to an NRM referral, with the MS1 the Home Office asks for. */
#include <stdio.h>
#include <string.h>

#include "api/nrm.h"
#include "domain/person.h"
#include "store/nrm.h"

/* The MS1 as the Home Office asks for it: without anything that identifies
 * the person unless they consented to that. */
static json_t *ms1(const dtn_rec *n, const case_rec *cr, const person_rec *p, const char *force)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s?, s:o, s:b, s:s?, s:b}", "form", "MS1",
			      "submitted_on", n->submitted_on, "force", force, "case_reference", cr->reference,
			      "exploitation_types", json_loads(cr->exploitation_types, 0, NULL), "gender",
			      p->gender, "nationalities", json_loads(p->nationalities, 0, NULL),
			      "interpreter_needed", p->interpreter_needed, "interpreter_language",
			      p->interpreter_language, "identifying", n->identifying_consent);
	if (n->identifying_consent) {
		json_object_set_new(j, "given_names", json_string(p->given_names));
		json_object_set_new(j, "family_name", json_string(p->family_name));
		if (p->date_of_birth)
			json_object_set_new(j, "date_of_birth", json_string(p->date_of_birth));
	}
	return j;
}

/* A Duty to Notify record with its MS1, and its case by reference and
 * title (never the person's name outside the MS1). */
static json_t *dtn_json(const dtn_rec *n, const case_rec *cr, const person_rec *p, const char *force)
{
	return json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:b, s:s, s:o}", "id", n->id, "case_id",
			 n->case_id, "case", "id", cr->id, "reference", cr->reference, "title", cr->title,
			 "person_id", n->person_id, "submitted_on", n->submitted_on, "identifying_consent",
			 n->identifying_consent, "created_at", n->created_at, "notification",
			 ms1(n, cr, p, force));
}

void api_dtn_create(http_req *req)
{
	static const jv_field fields[] = {
		{"case_id", JV_STRING, 1, FIELD_ID},
		{"person_id", JV_STRING, 1, FIELD_ID},
		{"submitted_on", JV_STRING, 1, FIELD_DATE},
		JV_OPT_BOOL("identifying_consent"),
	};
	api_ctx *c = api_ctx_of(req);
	nrm_subject s;
	json_t *body = nrm_subject_body(req, fields, sizeof fields / sizeof fields[0], &s);
	if (!body)
		return;
	dtn_rec n = {0};
	n.submitted_on = api_past_date(body, "submitted_on", s.errors);
	n.identifying_consent = json_is_true(json_object_get(body, "identifying_consent"));
	if (s.link_role && n.submitted_on && json_array_size(s.errors) == 0 &&
	    presumed_child(s.p.date_of_birth, s.p.estimated_age, s.p.age_disputed, n.submitted_on))
		jv_error(s.errors, "person_id",
			 "is a child (or of disputed age): refer them to the NRM, which needs no consent");
	if (api_reject(req, json_incref(s.errors)))
		return;
	memcpy(n.case_id, s.cr.id, SECURE_ID_LEN);
	memcpy(n.person_id, s.p.id, SECURE_ID_LEN);
	memcpy(n.created_by, c->user.id, SECURE_ID_LEN);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_dtn_create(c->db, &n);
	if (rc == DB_OK)
		rc = api_case_log(req, s.cr.id, "duty_to_notify", n.id, "duty_to_notify_recorded",
				  json_pack("{s:s, s:s}", "notification_id", n.id, "person_id", s.p.id));
	if (rc == DB_OK) {
		char loc[96];
		snprintf(loc, sizeof loc, "/api/v1/duty-to-notify/%s", n.id);
		http_reply_header(req, "Location", loc);
	}
	api_write_end(req, rc, 201, rc == DB_OK ? dtn_json(&n, &s.cr, &s.p, c->user.org_name) : NULL);
}

void api_dtn_get(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	dtn_rec n;
	case_rec cr;
	person_rec p;
	int rc = store_dtn_get(c->db, http_req_arena(req), http_req_param(req, "id"), &n);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	int reach = rc == DB_ROW ? api_case_load_id(req, n.case_id, KIND_ENTRY, ACT_READ, &cr, NULL) : 1;
	if (reach < 0)
		return;
	if (reach > 0) {
		http_reply_problem(req, 404, "Not Found", "there is no such notification", NULL);
		return;
	}
	/* The force is the one that notified: the recording officer's. */
	user_rec u;
	rc = store_user_by_id(c->db, n.created_by, &u);
	if (rc == DB_ROW)
		rc = store_person_get(c->db, http_req_arena(req), n.person_id, &p);
	if (rc == DB_ROW)
		rc = api_audit(req, "duty_to_notify_viewed", "case", cr.id, http_req_header(req, "X-Purpose"),
			       json_pack("{s:s}", "notification_id", n.id));
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, dtn_json(&n, &cr, &p, u.org_name));
}
