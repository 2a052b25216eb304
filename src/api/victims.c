/* The Victims' Code on a case: key events make an update due for every
 * potential victim (1 working day: trafficking victims have enhanced
 * rights); the contact log answers them; each victim has a named single
 * point of contact, a strategy and a Victim Personal Statement offer
 * (referrals to services are service_referrals.c's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/person.h"
#include "domain/victims_code.h"
#include "domain/vocab.h"
#include "lib/clock.h"
#include "store/accounts.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/victims.h"

/* The potential victim named by {link}: 0, or replied (404, 409, 503). */
static int load_victim(http_req *req, const case_rec *cr, unsigned rel)
{
	const char *link_role = NULL;
	if (api_case_link(req, cr, rel, &link_role) != 0)
		return -1;
	if (strcmp(link_role, "potential_victim") != 0) {
		api_conflict(req, "this is kept for a potential victim in the case");
		return -1;
	}
	return 0;
}

typedef struct due_ctx {
	http_req *req;
	const char *case_id, *event_id, *day;
	holidays h;
	json_t *out;
} due_ctx;

static int make_due(const char *link_id, void *arg)
{
	due_ctx *x = arg;
	char due[DATE_LEN];
	if (vc_update_due(x->day, 1, &x->h, due) != 0)
		return DB_ERR;
	int rc = store_update_due_add(api_ctx_of(x->req)->db, x->case_id, link_id, x->event_id, due);
	if (rc == DB_OK)
		json_array_append_new(x->out, json_pack("{s:s, s:s}", "link_id", link_id, "due_on", due));
	return rc;
}

void api_case_event_create(http_req *req)
{
	static const jv_field fields[] = {
		{"kind", JV_STRING, 1, FIELD_CHOICE},
		{"occurred_on", JV_STRING, 1, FIELD_DATE},
		{"note", JV_STRING, 0, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	if (api_case_load(req, KIND_CASE, ACT_WRITE, &cr, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	event_rec e = {0};
	e.kind = jv_str(body, "kind");
	e.note = jv_str(body, "note");
	if (!vc_key_event_valid(e.kind))
		jv_error(errors, "kind",
			 "must be arrest, interview, release, bail, charge, decision_not_to_charge, "
			 "court_date_set or verdict");
	e.occurred_on = api_past_date(body, "occurred_on", errors);
	if (api_reject(req, errors))
		return;
	memcpy(e.case_id, cr.id, SECURE_ID_LEN);
	memcpy(e.created_by, c->user.id, SECURE_ID_LEN);
	long *days = NULL;
	int n = 0;
	json_t *due = api_keep(req, json_array());
	int rc = due ? store_bank_holidays(c->db, http_req_arena(req), &days, &n) : DB_NOMEM;
	due_ctx x = {req, cr.id, NULL, e.occurred_on, {days, n}, due};
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_case_event_add(c->db, &e);
	x.event_id = e.id;
	if (rc == DB_OK)
		rc = store_case_victim_links(c->db, cr.id, make_due, &x);
	if (rc == DB_OK)
		rc = api_case_log(req, cr.id, "key_event", e.kind, "key_event_recorded",
				  json_pack("{s:s, s:s}", "event_id", e.id, "kind", e.kind));
	api_write_end(req, rc, 201,
		      rc == DB_OK ? json_pack("{s:s, s:s, s:s, s:O}", "id", e.id, "kind", e.kind, "occurred_on",
					      e.occurred_on, "updates_due", due)
				  : NULL);
}

/* Loads the case and the potential victim the path names, for recording,
 * and the body: the body, or NULL having replied. */
static json_t *victim_body(http_req *req, const jv_field *fields, size_t n, case_rec *cr)
{
	unsigned rel = 0;
	if (api_case_load(req, KIND_ENTRY, ACT_WRITE, cr, &rel) != 0 || load_victim(req, cr, rel) != 0)
		return NULL;
	return api_body(req, fields, n);
}

void api_victim_contact_create(http_req *req)
{
	static const jv_field fields[] = {
		{"contacted_on", JV_STRING, 1, FIELD_DATE}, {"method", JV_STRING, 1, 100},
		{"language", JV_STRING, 0, FIELD_LANGUAGE},	    {"interpreter", JV_STRING, 0, FIELD_NAME},
		{"summary", JV_STRING, 1, 10000},   JV_OPT_BOOL("update"),
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	json_t *body = victim_body(req, fields, sizeof fields / sizeof fields[0], &cr);
	if (!body)
		return;
	json_t *errors = json_array();
	contact_rec k = {0};
	k.contacted_on = api_past_date(body, "contacted_on", errors);
	k.method = jv_str(body, "method");
	k.language = api_language(body, "language", "language", errors);
	k.interpreter = jv_str(body, "interpreter");
	k.summary = jv_str(body, "summary");
	k.is_update = json_is_true(json_object_get(body, "update"));
	if (api_reject(req, errors))
		return;
	memcpy(k.case_id, cr.id, SECURE_ID_LEN);
	snprintf(k.link_id, sizeof k.link_id, "%s", http_req_param(req, "link"));
	memcpy(k.created_by, c->user.id, SECURE_ID_LEN);
	int closed = 0;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_contact_add(c->db, &k, &closed);
	if (rc == DB_OK)
		rc = api_audit(req, "victim_contact_logged", "case", cr.id, NULL,
			       json_pack("{s:s, s:b, s:i}", "link_id", k.link_id, "update", k.is_update,
					 "updates_closed", closed));
	api_write_end(req, rc, 201,
		      rc == DB_OK ? json_pack("{s:s, s:s, s:s, s:b, s:i}", "id", k.id, "link_id", k.link_id,
					      "contacted_on", k.contacted_on, "update", k.is_update, "updates_closed",
					      closed)
				  : NULL);
}

void api_victim_care_put(http_req *req)
{
	static const jv_field fields[] = {
		{"spoc_name", JV_STRING, 0, FIELD_NAME},   {"spoc_kind", JV_STRING, 0, 16},
		{"strategy", JV_STRING, 0, 20000},  JV_OPT_BOOL("vps_offered"),
		{"vps_offered_on", JV_STRING, 0, FIELD_DATE},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	json_t *body = victim_body(req, fields, sizeof fields / sizeof fields[0], &cr);
	if (!body)
		return;
	json_t *errors = json_array();
	care_rec k = {0};
	snprintf(k.link_id, sizeof k.link_id, "%s", http_req_param(req, "link"));
	k.spoc_name = jv_str(body, "spoc_name");
	k.spoc_kind = jv_str(body, "spoc_kind");
	k.strategy = jv_str(body, "strategy");
	json_t *v = json_object_get(body, "vps_offered");
	k.vps_offered = json_is_boolean(v) ? json_is_true(v) : -1;
	k.vps_offered_on = jv_str(body, "vps_offered_on");
	if (k.spoc_kind && !vc_spoc_kind_valid(k.spoc_kind))
		jv_error(errors, "spoc_kind", "must be officer or navigator");
	if (k.spoc_name && !k.spoc_kind)
		jv_error(errors, "spoc_kind", "say whether the contact is an officer or a navigator");
	api_past_date(body, "vps_offered_on", errors);
	if (k.vps_offered == 1 && !k.vps_offered_on)
		jv_error(errors, "vps_offered_on", "say when the Victim Personal Statement was offered");
	if (api_reject(req, errors))
		return;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_care_put(c->db, &k, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "victim_care_recorded", "case", cr.id, NULL, json_pack("{s:s}", "link_id", k.link_id));
	if (rc == DB_OK)
		json_object_set_new(body, "link_id", json_string(k.link_id));
	api_write_end(req, rc, 200, json_incref(body));
}
