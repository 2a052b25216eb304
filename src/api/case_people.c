/* The people of a case: adding a person in a role, and the list the case
 * page shows (suspects only to those who reach suspects in the case). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/people.h"
#include "domain/casework.h"
#include "domain/person.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/people.h"

/* Checks the person and role of a new part in the case (case_rel: its
 * relations to the user): 0, or replies (422, 503) and -1. */
static int part_rejected(http_req *req, json_t *body, unsigned case_rel)
{
	api_ctx *c = api_ctx_of(req);
	person_rec who;
	unsigned who_rel = 0;
	int rc = store_person_get(c->db, http_req_arena(req), jv_str(body, "person_id"), &who);
	if (rc == DB_ROW && (rc = api_person_rel(req, &who, &who_rel)) == DB_OK)
		rc = DB_ROW;
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	json_t *errors = json_array();
	const char *role_s = jv_str(body, "role");
	if (!case_role_valid(role_s))
		jv_error(errors, "role", "must be potential_victim, suspect, witness or other");
	if (access_decide(c->role, KIND_PERSON, ACT_READ, who_rel) != ACCESS_ALLOW)
		jv_error(errors, "person_id", "there is no such person");
	else if (role_s && strcmp(role_s, "suspect") == 0 &&
		 access_decide(c->role, KIND_SUSPECT, ACT_WRITE, case_rel) != ACCESS_ALLOW)
		jv_error(errors, "role", "your role may not record suspects");
	if (api_reject(req, errors))
		return -1;
	/* A restricted record may be stored but not used: not put in a case. */
	return api_person_unrestricted(req, &who);
}

void api_case_people_add(http_req *req)
{
	static const jv_field fields[] = {
		{"person_id", JV_STRING, 1, FIELD_ID},
		{"role", JV_STRING, 1, FIELD_CHOICE},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned case_rel = 0;
	if (api_case_load(req, KIND_CASE, ACT_WRITE, &cr, &case_rel) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body || part_rejected(req, body, case_rel) != 0)
		return;
	case_person_rec cp = {0};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", cr.id);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", jv_str(body, "person_id"));
	cp.role = jv_str(body, "role");
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_case_person_add(c->db, &cp, c->user.id);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "the person already has that role in this case");
		return;
	}
	if (rc == DB_OK)
		rc = api_case_log(req, cr.id, "people", cp.person_id, "case_person_added",
				  json_pack("{s:s, s:s}", "person_id", cp.person_id, "role", cp.role));
	api_write_end(req, rc, 201,
		      rc == DB_OK ? json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", cp.id, "case_id", cp.case_id,
					      "person_id", cp.person_id, "role", cp.role, "created_at",
					      cp.created_at)
				  : NULL);
}

typedef struct people_ctx {
	json_t *items;
	int hide_suspects;
	char today[CLOCK_DATE_LEN];
} people_ctx;

static int add_case_person(const case_person_rec *cp, void *arg)
{
	people_ctx *x = arg;
	if (x->hide_suspects && strcmp(cp->role, "suspect") == 0)
		return 0;
	json_t *j = json_pack("{s:s, s:{s:s, s:s, s:s, s:b}, s:s, s:b}", "id", cp->id, "person", "id",
			      cp->person_id, "given_names", cp->given_names, "family_name", cp->family_name,
			      "presumed_child",
			      presumed_child(cp->date_of_birth, cp->estimated_age, cp->age_disputed, x->today),
			      "role", cp->role, "non_punishment_flag",
			      strcmp(cp->role, "suspect") == 0 && cp->victim_elsewhere);
	if (j)
		api_person_requests_json(json_object_get(j, "person"), cp->restricted_since, cp->restriction_reason,
					 cp->rectifications);
	if (j && cp->victim_context)
		json_object_set_new(j, "victim_context", json_loads(cp->victim_context, 0, NULL));
	return j && json_array_append_new(x->items, j) == 0 ? 0 : DB_NOMEM;
}

int api_case_people_json(http_req *req, const char *case_id, unsigned rel, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	/* Suspects only for those who reach suspects in this case (safeguarding
	 * officers look after victims; intelligence on suspects is not theirs). */
	people_ctx x = {api_keep(req, json_array()),
			access_decide(c->role, KIND_SUSPECT, ACT_READ, rel) != ACCESS_ALLOW, {0}};
	clock_today(x.today);
	int rc = x.items ? store_case_people(c->db, http_req_arena(req), case_id, add_case_person, &x) : DB_NOMEM;
	*out = rc == DB_OK ? json_incref(x.items) : NULL;
	return rc;
}
