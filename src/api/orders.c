/* Slavery and Trafficking Prevention Orders and Risk Orders, full and
 * interim, against a person in a case: court, applicant, dates and
 * prohibitions with the minimum durations enforced, and breaches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/orders.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/orders.h"
#include "store/retention.h"

static json_t *order_json(const order_rec *o)
{
	return json_pack("{s:s, s:s, s:{s:s, s:s?}, s:s, s:s, s:s, s:s, s:s?, s:o, s:i, s:s}", "id", o->id,
			 "case_id", o->case_id, "person", "id", o->person_id, "name", o->person_name, "kind",
			 o->kind, "court", o->court, "applicant", o->applicant, "made_on", o->made_on,
			 "expires_on", o->expires_on, "prohibitions", json_loads(o->prohibitions, 0, NULL),
			 "breach_count", o->breaches, "created_at", o->created_at);
}

void api_order_create(http_req *req)
{
	static const jv_field fields[] = {
		{"person_id", JV_STRING, 1, FIELD_ID}, {"kind", JV_STRING, 1, 16},
		{"court", JV_STRING, 1, FIELD_NAME},	  {"applicant", JV_STRING, 1, FIELD_CHOICE},
		{"made_on", JV_STRING, 1, FIELD_DATE},	  {"expires_on", JV_STRING, 0, FIELD_DATE},
		{"prohibitions", JV_STRING_ARRAY, 1, 50},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	if (api_case_load(req, KIND_SUSPECT, ACT_WRITE, &cr, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, 7);
	if (!body)
		return;
	const char *link_role = NULL;
	int rc = store_person_role_in_case(c->db, http_req_arena(req), cr.id, jv_str(body, "person_id"), &link_role);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array();
	order_rec o = {0};
	o.kind = jv_str(body, "kind");
	o.court = jv_str(body, "court");
	o.applicant = jv_str(body, "applicant");
	o.made_on = api_past_date(body, "made_on", errors);
	o.expires_on = jv_str(body, "expires_on");
	order_kind kind;
	int kind_ok = order_kind_parse(o.kind, &kind) == 0;
	if (!kind_ok)
		jv_error(errors, "kind", "must be stpo, stro, interim_stpo or interim_stro");
	if (kind_ok && order_applicant_check(kind, o.applicant) != ORDER_OK)
		jv_error(errors, "applicant", order_refusal_text(ORDER_APPLICANT));
	if (o.expires_on && date_days(o.expires_on) == DATE_INVALID)
		jv_error(errors, "expires_on", "must be a real date, YYYY-MM-DD");
	else if (kind_ok && o.made_on) {
		char min_end[DATE_LEN];
		order_refusal why = order_duration_check(kind, o.made_on, o.expires_on, min_end);
		if (why == ORDER_TOO_SHORT) {
			char msg[200];
			snprintf(msg, sizeof msg, "is too soon: %s lasts at least %d years, so until at least %s%s",
				 kind == ORDER_STPO ? "a Slavery and Trafficking Prevention Order"
						    : "a Slavery and Trafficking Risk Order",
				 kind == ORDER_STPO ? ORDER_STPO_MIN_YEARS : ORDER_STRO_MIN_YEARS, min_end,
				 kind == ORDER_STPO ? " (or leave it out: until further order)" : "");
			jv_error(errors, "expires_on", msg);
		} else if (why != ORDER_OK) {
			jv_error(errors, "expires_on", order_refusal_text(why));
		}
	}
	json_t *list = json_object_get(body, "prohibitions"), *x;
	size_t i;
	if (json_array_size(list) == 0)
		jv_error(errors, "prohibitions", "name at least one prohibition the order imposes");
	json_array_foreach(list, i, x)
	{
		if (!json_string_length(x) || json_string_length(x) > 2000)
			jv_error(errors, "prohibitions", "each prohibition is 1 to 2000 characters");
	}
	if (rc == DB_DONE)
		jv_error(errors, "person_id", "is not someone in this case");
	if (api_reject(req, errors))
		return;
	char *prohibitions = json_dumps(list, JSON_COMPACT);
	memcpy(o.case_id, cr.id, SECURE_ID_LEN);
	snprintf(o.person_id, sizeof o.person_id, "%s", jv_str(body, "person_id"));
	memcpy(o.created_by, c->user.id, SECURE_ID_LEN);
	o.prohibitions = prohibitions ? arena_strdup(http_req_arena(req), prohibitions) : NULL;
	free(prohibitions);
	rc = o.prohibitions ? db_begin(c->db) : DB_NOMEM;
	/* Under the case's row: an order in force holds the case, and a
	 * disposal decided at the same moment reads the holds under it too. */
	if (rc == DB_OK)
		rc = store_case_lock(c->db, cr.id);
	if (rc == DB_OK)
		rc = store_order_add(c->db, &o);
	if (rc == DB_OK)
		rc = api_case_log(req, cr.id, "order", o.kind, "order_recorded",
				  json_pack("{s:s, s:s, s:s}", "order_id", o.id, "kind", o.kind, "person_id",
					    o.person_id));
	/* The answer as it is read back: the person's name comes with it. */
	order_rec stored;
	if (rc == DB_OK && (rc = store_order_get(c->db, http_req_arena(req), o.id, &stored)) == DB_ROW)
		rc = DB_OK;
	json_t *out = rc == DB_OK ? order_json(&stored) : NULL;
	if (rc == DB_OK) {
		json_object_set_new(out, "breaches", json_array());
		char loc[96];
		snprintf(loc, sizeof loc, "/api/v1/orders/%s", o.id);
		http_reply_header(req, "Location", loc);
	}
	api_write_end(req, rc, 201, out);
}

/* Loads {id} when its case is within reach at the level, else replies. */
static int load_order(http_req *req, access_action a, order_rec *o)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_order_get(c->db, http_req_arena(req), http_req_param(req, "id"), o);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	case_rec cr;
	int reach = rc == DB_ROW ? api_case_load_id(req, o->case_id, KIND_SUSPECT, a, &cr, NULL) : 1;
	if (reach > 0)
		http_reply_problem(req, 404, "Not Found", "there is no such order", NULL);
	return reach ? -1 : 0;
}

static int add_breach(const breach_rec *b, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s?, s:{s:s, s:s}, s:s}", "id", b->id, "occurred_on",
			      b->occurred_on, "summary", b->summary, "crime_reference", b->crime_reference,
			      "recorded_by", "id", b->created_by, "name", b->created_by_name, "created_at",
			      b->created_at);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

/* The order with its breaches, owned by the request; or NULL with *rc set. */
static json_t *order_full(http_req *req, const order_rec *o, int *rc)
{
	json_t *out = api_keep(req, order_json(o));
	if (!out || json_object_set_new(out, "breaches", json_array()) != 0) {
		*rc = DB_NOMEM;
		return NULL;
	}
	*rc = store_breaches_by_order(api_ctx_of(req)->db, http_req_arena(req), o->id, add_breach,
				      json_object_get(out, "breaches"));
	return *rc == DB_OK ? out : NULL;
}

void api_order_get(http_req *req)
{
	order_rec o;
	if (load_order(req, ACT_READ, &o) != 0)
		return;
	int rc = api_audit(req, "order_viewed", "case", o.case_id, http_req_header(req, "X-Purpose"),
			   json_pack("{s:s}", "order_id", o.id));
	json_t *out = rc == DB_OK ? order_full(req, &o, &rc) : NULL;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

void api_order_breach_create(http_req *req)
{
	static const jv_field fields[] = {
		{"occurred_on", JV_STRING, 1, FIELD_DATE},
		{"summary", JV_STRING, 1, 10000},
		{"crime_reference", JV_STRING, 0, 64},
	};
	api_ctx *c = api_ctx_of(req);
	order_rec o;
	if (load_order(req, ACT_WRITE, &o) != 0)
		return;
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	breach_rec b = {0};
	b.occurred_on = api_past_date(body, "occurred_on", errors);
	if (b.occurred_on && !order_in_force(o.made_on, o.expires_on, b.occurred_on))
		jv_error(errors, "occurred_on", "the order was not in force on that day");
	if (api_reject(req, errors))
		return;
	b.summary = jv_str(body, "summary");
	b.crime_reference = jv_str(body, "crime_reference");
	memcpy(b.order_id, o.id, SECURE_ID_LEN);
	memcpy(b.created_by, c->user.id, SECURE_ID_LEN);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_breach_add(c->db, &b);
	if (rc == DB_OK)
		rc = api_case_log(req, o.case_id, "order_breach", o.id, "order_breach_recorded",
				  json_pack("{s:s, s:s}", "order_id", o.id, "breach_id", b.id));
	o.breaches++;
	json_t *out = rc == DB_OK ? order_full(req, &o, &rc) : NULL;
	api_write_end(req, rc, 201, json_incref(out));
}
