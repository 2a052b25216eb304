/* The profile of a child kept ahead of any episode (the Philomena
 * protocol): a care home or local authority fills it in for a child in
 * care, and a report of the child missing starts from it. The force
 * reaches it as it reaches the child's missing episodes; a partner only
 * while a live share of the child with its organisation names the missing
 * section on the child safeguarding basis. Each read and each save is
 * audited, and each changed field kept in history. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "domain/person.h"
#include "domain/shares.h"
#include "lib/clock.h"
#include "store/missing_profiles.h"
#include "store/people.h"
#include "store/shares.h"

/* How many items each list of the profile holds at most. */
#define PROFILE_ITEMS 20

/* Loads the person a profile route names, {id} itself or (via_share) the
 * person of the share {id} names, and decides the action on their profile:
 * 0, or replies (403, 404 saying there is no such person or share, 503)
 * and -1. A partner reaches a child's profile through the share it was
 * given, as it never knows the force's id for the child. */
static int profile_person(http_req *req, access_action a, int via_share, person_rec *p)
{
	api_ctx *c = api_ctx_of(req);
	unsigned rel = 0;
	const char *id = http_req_param(req, "id");
	int rc = DB_ROW;
	share_rec s;
	if (via_share && (rc = store_share_get(c->db, http_req_arena(req), id, &s)) == DB_ROW)
		id = s.person_id;
	if (rc == DB_ROW)
		rc = store_person_get(c->db, http_req_arena(req), id, p);
	if (rc == DB_ROW)
		rc = api_missing_person_rel(req, p, share_basis_code(BASIS_CHILD_SAFEGUARDING), &rel);
	if (rc != DB_OK && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	return api_allow(req, KIND_MISSING, a, rc == DB_OK ? rel : 0, via_share ? "share" : "person");
}

static json_t *list_of(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;
	return j ? j : json_array();
}

/* The profile as answered (version 0: none is kept, every field empty); a
 * partner's copy names who kept it without their account's id. NULL when
 * memory runs out. */
/* The profile, whose child it is by name (never the force's id for them to
 * a partner). */
static json_t *profile_json(http_req *req, const profile_rec *m, const person_rec *p)
{
	int kept = m->version > 0;
	json_t *j = json_pack(
	    "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I}", "physical_description",
	    api_missing_nullable(m->physical_description), "photo_description",
	    api_missing_nullable(m->photo_description), "phones", list_of(m->phones), "associates",
	    list_of(m->associates), "places_frequented", list_of(m->places_frequented),
	    "previous_episodes", api_missing_nullable(m->previous_episodes), "placement",
	    api_missing_nullable(m->placement), "organisation",
	    kept ? json_pack("{s:s, s:s}", "id", m->org_id, "name", m->org_name) : json_null(),
	    "updated_by",
	    kept ? json_pack("{s:s, s:s}", "id", m->updated_by, "name", m->updated_by_name)
	         : json_null(),
	    "updated_at", kept ? json_string(m->updated_at) : json_null(), "version",
	    (json_int_t)m->version);
	if (j && kept && api_missing_partner(req))
		json_object_del(json_object_get(j, "updated_by"), "id");
	char name[300];
	snprintf(name, sizeof name, "%s%s%s", p->given_names, p->given_names[0] && p->family_name[0] ? " " : "",
	         p->family_name);
	if (j && json_object_set_new(j, "person", json_pack("{s:s}", "name", name)) != 0) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* The person's profile now: DB_OK with it (version 0 when none is kept),
 * or the error. */
static int current(http_req *req, const char *person_id, profile_rec *m)
{
	memset(m, 0, sizeof *m);
	int rc = store_profile_get(api_ctx_of(req)->db, http_req_arena(req), person_id, m);
	if (rc == DB_DONE) {
		memset(m, 0, sizeof *m);
		return DB_OK;
	}
	return rc == DB_ROW ? DB_OK : rc;
}

static void profile_get(http_req *req, int via_share)
{
	person_rec p;
	profile_rec m;
	if (profile_person(req, ACT_READ, via_share, &p) != 0)
		return;
	/* None kept yet answers version 0 with nothing said, to be kept from. */
	int rc = current(req, p.id, &m);
	json_t *out = rc == DB_OK ? profile_json(req, &m, &p) : NULL;
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	/* The look is audited in a write that ends with the answer, so it is
	 * never kept without the answer it records. */
	if (rc == DB_OK)
		rc = db_begin(api_ctx_of(req)->db);
	if (rc == DB_OK)
		rc = api_audit(req,
		               api_missing_partner(req) ? "disclosure_viewed" : "missing_profile_viewed",
		               "missing_profile", p.id, http_req_header(req, "X-Purpose"),
		               json_pack("{s:s}", "person", p.id));
	if (rc == DB_OK)
		api_etag(req, m.version);
	api_write_end(req, rc, 200, out);
}

/* A text field: its value, or NULL when absent or blank. */
static const char *said(json_t *body, const char *field)
{
	const char *s = jv_str(body, field);
	return s && s[strspn(s, " \t\r\n")] ? s : NULL;
}

/* A list field as stored (JSON array text, "[]" when absent), each item a
 * short line; NULL having added why to errors, or when memory runs out
 * (*nomem set). *items gets how many it holds. */
static const char *list_field(http_req *req, json_t *body, const char *field, json_t *errors,
                              size_t *items, int *nomem)
{
	json_t *list = json_object_get(body, field), *v;
	size_t i;
	*items = json_array_size(list);
	json_array_foreach(list, i, v)
	{
		const char *s = json_string_value(v);
		if (!s || !s[strspn(s, " \t\r\n")]) {
			jv_error(errors, field, "each item must say something");
			return NULL;
		}
		if (strlen(s) > FIELD_NAME) {
			jv_error(errors, field, "each item must be at most 200 bytes");
			return NULL;
		}
	}
	const char *text = json_is_array(list) ? api_json_text(req, list) : "[]";
	*nomem |= !text;
	return text;
}

/* A list as history keeps it: an empty one is nothing said. */
static const char *kept_list(const char *text)
{
	return text && strcmp(text, "[]") != 0 ? text : NULL;
}

/* Keeps each changed field in the history of the person's profile, naming
 * the fields in changed. DB_OK or the error. */
static int profile_history(http_req *req, const profile_rec *was, const profile_rec *now,
                           json_t *changed)
{
	const struct {
		const char *field, *old, *new;
	} diff[] = {
	    {"physical_description", was->physical_description, now->physical_description},
	    {"photo_description", was->photo_description, now->photo_description},
	    {"phones", kept_list(was->phones), kept_list(now->phones)},
	    {"associates", kept_list(was->associates), kept_list(now->associates)},
	    {"places_frequented", kept_list(was->places_frequented),
	     kept_list(now->places_frequented)},
	    {"previous_episodes", was->previous_episodes, now->previous_episodes},
	    {"placement", was->placement, now->placement},
	};
	int rc = changed ? DB_OK : DB_NOMEM;
	for (size_t i = 0; rc == DB_OK && i < sizeof diff / sizeof diff[0]; i++)
		rc = api_history_change(req, changed, "missing_profile", now->person_id,
		                        diff[i].field, diff[i].old, diff[i].new);
	return rc;
}

/* Replies 412 with the profile as it is now. */
static void reply_stale(http_req *req, const person_rec *p)
{
	profile_rec m;
	db_rollback(api_ctx_of(req)->db);
	int rc = current(req, p->id, &m);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_stale(req, "profile", m.version, profile_json(req, &m, p));
}

static void profile_put(http_req *req, int via_share)
{
	static const jv_field fields[] = {
	    {"physical_description", JV_STRING, 0, FIELD_NOTE},
	    {"photo_description", JV_STRING, 0, FIELD_NOTE},
	    {"phones", JV_STRING_ARRAY, 0, PROFILE_ITEMS},
	    {"associates", JV_STRING_ARRAY, 0, PROFILE_ITEMS},
	    {"places_frequented", JV_STRING_ARRAY, 0, PROFILE_ITEMS},
	    {"previous_episodes", JV_STRING, 0, FIELD_NOTE},
	    {"placement", JV_STRING, 0, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	int64_t version;
	if (profile_person(req, ACT_WRITE, via_share, &p) != 0 || api_if_match_new(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	char today[CLOCK_DATE_LEN];
	clock_uk_date(clock_now_ms(), today);
	if (!presumed_child(p.date_of_birth, p.estimated_age, p.age_disputed, today)) {
		api_conflict(
		    req, "a profile is kept for a child, and this person is not presumed a child");
		return;
	}
	json_t *errors = json_array();
	profile_rec next = {0};
	size_t phones = 0, associates = 0, places = 0;
	int nomem = 0;
	next.physical_description = said(body, "physical_description");
	next.photo_description = said(body, "photo_description");
	next.phones = list_field(req, body, "phones", errors, &phones, &nomem);
	next.associates = list_field(req, body, "associates", errors, &associates, &nomem);
	next.places_frequented =
	    list_field(req, body, "places_frequented", errors, &places, &nomem);
	next.previous_episodes = said(body, "previous_episodes");
	next.placement = said(body, "placement");
	if (!json_array_size(errors) && !next.physical_description && !next.photo_description &&
	    !phones && !associates && !places && !next.previous_episodes && !next.placement)
		jv_error(
		    errors, "physical_description",
		    "the profile must say something: give at least one of physical_description, "
		    "photo_description, phones, associates, places_frequented, previous_episodes "
		    "or placement");
	if (api_reject(req, errors))
		return;
	profile_rec was;
	int rc = nomem ? DB_NOMEM : current(req, p.id, &was);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	if (version != was.version) {
		api_stale(req, "profile", was.version, profile_json(req, &was, &p));
		return;
	}
	snprintf(next.person_id, sizeof next.person_id, "%s", p.id);
	snprintf(next.org_id, sizeof next.org_id, "%s", c->user.org_id);
	snprintf(next.updated_by, sizeof next.updated_by, "%s", c->user.id);
	next.org_name = c->user.org_name;
	next.updated_by_name = c->user.display_name;
	next.version = was.version;
	rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_profile_put(c->db, &next)) == DB_DONE) {
		reply_stale(req, &p); /* saved by someone else at the same moment */
		return;
	}
	json_t *changed = api_keep(req, json_array());
	if (rc == DB_OK)
		rc = profile_history(req, &was, &next, changed);
	if (rc == DB_OK)
		rc = api_audit(req, "missing_profile_saved", "missing_profile", p.id, NULL,
		               json_pack("{s:s, s:s, s:O}", "person", p.id, "organisation",
		                         next.org_id, "fields", changed));
	json_t *out = rc == DB_OK ? profile_json(req, &next, &p) : NULL;
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	if (rc == DB_OK)
		api_etag(req, next.version);
	api_write_end(req, rc, was.version ? 200 : 201, out);
}

void api_missing_profile_get(http_req *req)
{
	profile_get(req, 0);
}

void api_missing_profile_put(http_req *req)
{
	profile_put(req, 0);
}

void api_share_missing_profile_get(http_req *req)
{
	profile_get(req, 1);
}

void api_share_missing_profile_put(http_req *req)
{
	profile_put(req, 1);
}
