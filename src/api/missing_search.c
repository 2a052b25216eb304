/* What the search for a missing person found (searches, enquiries,
 * sightings), and the people and places the episode is linked to: people
 * the user may see, places recorded in the person's cases, or places in
 * words. The force's alone. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "domain/missing.h"
#include "lib/clock.h"
#include "store/missing.h"
#include "store/people.h"

/* ---- what the search found, what the episode is linked to ---- */

void api_missing_entry_add(http_req *req)
{
	static const jv_field fields[] = {{"kind", JV_STRING, 1, FIELD_CHOICE}, {"at", JV_STRING, 1, FIELD_TIME},
					  {"place", JV_STRING, 0, FIELD_LINE},	 {"by", JV_STRING, 0, FIELD_NAME},
					  {"detail", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	json_t *body = api_missing_episode_body(req, "records the search", fields, 5, &e, &p);
	if (!body)
		return;
	json_t *errors = json_array();
	char at[CLOCK_ISO_LEN];
	int64_t ms = 0;
	entry_rec m = {0};
	m.kind = jv_str(body, "kind");
	if (!missing_entry_kind_ok(m.kind))
		jv_error(errors, "kind", "must be search, enquiry or sighting");
	if (api_missing_time_field(body, "at", errors, &ms, at) == 0)
		api_missing_time_between(errors, "at", ms, NULL, NULL, clock_now_ms());
	m.detail = jv_str(body, "detail");
	if (api_missing_blank(m.detail))
		jv_error(errors, "detail", "must say what was done or seen");
	m.place = api_missing_blank(jv_str(body, "place")) ? NULL : jv_str(body, "place");
	m.by_whom = api_missing_blank(jv_str(body, "by")) ? NULL : jv_str(body, "by");
	if (strcmp(m.kind ? m.kind : "", "sighting") == 0 && !m.place)
		jv_error(errors, "place", "must say where they were seen");
	if (api_reject(req, errors))
		return;
	snprintf(m.episode_id, sizeof m.episode_id, "%s", e.id);
	snprintf(m.recorded_by, sizeof m.recorded_by, "%s", c->user.id);
	m.at = at;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_entry_add(c->db, &m);
	if (rc == DB_OK)
		rc = api_audit(req, "missing_entry_added", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s}", "entry", m.id, "kind", m.kind));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", m.id));
}

void api_missing_assoc_add(http_req *req)
{
	static const jv_field fields[] = {{"person_id", JV_STRING, 0, FIELD_ID},
					  {"place_id", JV_STRING, 0, FIELD_ID},
					  {"place", JV_STRING, 0, FIELD_LINE},
					  {"note", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	json_t *body = api_missing_episode_body(req, "links the episode", fields, 4, &e, &p);
	if (!body)
		return;
	assoc_rec r = {0};
	r.person_id = jv_str(body, "person_id");
	r.place_id = jv_str(body, "place_id");
	r.place = api_missing_blank(jv_str(body, "place")) ? NULL : jv_str(body, "place");
	r.note = api_missing_blank(jv_str(body, "note")) ? NULL : jv_str(body, "note");
	json_t *errors = json_array();
	int given = (r.person_id != NULL) + (r.place_id != NULL) + (r.place != NULL);
	if (given != 1) {
		jv_error(errors, "person_id", "give one of person_id, place_id or place");
		api_reject(req, errors);
		return;
	}
	int rc = DB_OK, ok = 1;
	if (r.person_id) {
		/* A person the user may read, and not the missing person. */
		person_rec other;
		unsigned rel = 0;
		rc = store_person_get(c->db, http_req_arena(req), r.person_id, &other);
		if (rc == DB_ROW)
			rc = api_person_rel(req, &other, &rel);
		ok = rc == DB_OK && access_decide(c->role, KIND_PERSON, ACT_READ, rel) == ACCESS_ALLOW &&
		     strcmp(other.id, p.id) != 0;
		if (rc == DB_DONE)
			rc = DB_OK;
		if (!ok)
			jv_error(errors, "person_id", "must be another person recorded in Waymark that you may see");
	} else if (r.place_id) {
		rc = store_place_of_person(c->db, r.place_id, p.id, &ok);
		if (!ok)
			jv_error(errors, "place_id", "must be a place recorded in one of this person's cases");
	}
	if (rc != DB_OK) {
		json_decref(errors);
		api_db_fail(req, rc);
		return;
	}
	if (api_reject(req, errors))
		return;
	snprintf(r.episode_id, sizeof r.episode_id, "%s", e.id);
	snprintf(r.recorded_by, sizeof r.recorded_by, "%s", c->user.id);
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_assoc_add(c->db, &r);
	if (rc == DB_OK)
		rc = api_audit(req, "missing_association_added", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s?, s:s?}", "association", r.id, "person", r.person_id, "place",
					 r.place_id));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", r.id));
}
