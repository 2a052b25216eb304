/* After a missing person's return: the police safe and well check, for
 * everyone, and a child's independent return home interview, which a
 * partner whose organisation a live share names may record for itself.
 * Each once, and only after the return. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "domain/missing.h"
#include "lib/clock.h"
#include "store/missing.h"
#include "store/accounts.h"
#include "store/people.h"

/* ---- the safe and well check, the return home interview ---- */

void api_missing_safe_well(http_req *req)
{
	static const jv_field fields[] = {{"checked_at", JV_STRING, 1, FIELD_TIME},
					  {"officer", JV_STRING, 1, FIELD_NAME},
					  {"place", JV_STRING, 1, FIELD_LINE},
					  {"disclosures", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	json_t *body = api_missing_episode_body(req, "records its safe and well check", fields, 4, &e, &p);
	if (!body)
		return;
	json_t *errors = json_array();
	char at[CLOCK_ISO_LEN];
	int64_t ms = 0;
	int ok = api_missing_time_field(body, "checked_at", errors, &ms, at) == 0;
	safe_well_rec s = {0};
	s.officer = jv_str(body, "officer");
	s.place = jv_str(body, "place");
	s.disclosures = api_missing_blank(jv_str(body, "disclosures")) ? NULL : jv_str(body, "disclosures");
	if (api_missing_blank(s.officer))
		jv_error(errors, "officer", "must name the officer who saw them");
	if (api_missing_blank(s.place))
		jv_error(errors, "place", "must say where they were seen");
	if (!e.returned_at) {
		json_decref(errors);
		api_conflict(req, "the person is still missing: record their return first");
		return;
	}
	if (ok)
		api_missing_time_between(errors, "checked_at", ms, e.returned_at, "the return", clock_now_ms());
	if (api_reject(req, errors))
		return;
	snprintf(s.episode_id, sizeof s.episode_id, "%s", e.id);
	snprintf(s.recorded_by, sizeof s.recorded_by, "%s", c->user.id);
	s.checked_at = at;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_safe_well_add(c->db, &s);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "the safe and well check is recorded already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "safe_and_well_recorded", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s}", "person", p.id, "check", s.id));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", s.id));
}

typedef struct org_find {
	const char *id;
	int found;
} org_find;

static int find_partner(const org_rec *o, void *arg)
{
	org_find *f = arg;
	f->found |= strcmp(o->id, f->id) == 0 && strcmp(o->kind, "partner") == 0;
	return 0;
}

void api_missing_interview(http_req *req)
{
	static const jv_field fields[] = {{"held_at", JV_STRING, 1, FIELD_TIME},
					  {"offered_by_organisation_id", JV_STRING, 1, FIELD_ID},
					  {"accepted", JV_BOOL, 1, 0},
					  {"disclosures", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	json_t *body = api_missing_episode_body(req, NULL, fields, 4, &e, &p);
	if (!body)
		return;
	int partner = api_missing_partner(req);
	org_find org = {jv_str(body, "offered_by_organisation_id"), 0};
	int rc = partner ? (org.found = strcmp(org.id, c->user.org_id) == 0, DB_OK)
			 : store_orgs_near(c->db, c->user.org_id, "partner", find_partner, &org);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array();
	char at[CLOCK_ISO_LEN];
	int64_t ms = 0;
	int ok = api_missing_time_field(body, "held_at", errors, &ms, at) == 0;
	if (!org.found)
		jv_error(errors, "offered_by_organisation_id",
			 partner ? "must be your own organisation"
				 : "must be a partner organisation working with the force: the interview is independent "
				   "of the police");
	if (!e.returned_at || !e.interview_due) {
		json_decref(errors);
		api_conflict(req, !e.returned_at ? "the person is still missing: a return home interview follows the return"
						 : "a return home interview is due only after a child's return");
		return;
	}
	if (ok)
		api_missing_time_between(errors, "held_at", ms, e.returned_at, "the return", clock_now_ms());
	if (api_reject(req, errors))
		return;
	interview_rec i = {0};
	snprintf(i.episode_id, sizeof i.episode_id, "%s", e.id);
	snprintf(i.org_id, sizeof i.org_id, "%s", org.id);
	snprintf(i.recorded_by, sizeof i.recorded_by, "%s", c->user.id);
	i.held_at = at;
	i.accepted = json_is_true(json_object_get(body, "accepted"));
	i.disclosures = api_missing_blank(jv_str(body, "disclosures")) ? NULL : jv_str(body, "disclosures");
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_interview_add(c->db, &i);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "the return home interview is recorded already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "return_interview_recorded", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s, s:b}", "person", p.id, "organisation", i.org_id, "accepted",
					 i.accepted));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", i.id));
}
