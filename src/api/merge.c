/* Merging two records of one person (supervisors), reversibly: the merged
 * record's parts in cases move to the other, and unmerging moves them back. */
#include <string.h>

#include "api/api.h"
#include "api/people.h"
#include "api/person_names.h"
#include "store/cases.h"
#include "store/people.h"

/* Loads the person named as into, another than src whom the user may
 * merge into: 0, or replies (422, 503) and -1. */
static int load_target(http_req *req, const char *into, const person_rec *src, person_rec *dst)
{
	api_ctx *c = api_ctx_of(req);
	unsigned dst_rel = 0;
	int rc = store_person_get(c->db, http_req_arena(req), into, dst);
	if (rc == DB_ROW && (rc = api_person_rel(req, dst, &dst_rel)) == DB_OK)
		rc = DB_ROW;
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	int yes = rc == DB_ROW && access_decide(c->role, KIND_PERSON, ACT_DECIDE, dst_rel) == ACCESS_ALLOW;
	if (yes && strcmp(dst->id, src->id) != 0)
		return 0;
	json_t *e = json_array();
	jv_error(e, "into", strcmp(into, src->id) == 0 ? "must be another person" : "there is no such person");
	api_invalid(req, e);
	return -1;
}

/* What a merge may take from the record merged in place of the kept
 * record's own, by the names the merge screen offers. */
static const char *const TAKEABLE[] = {"name",      "aliases",       "age",         "gender",
				       "nationalities", "languages", "interpreter", "safe_contact"};
enum { NTAKEABLE = sizeof TAKEABLE / sizeof TAKEABLE[0] };

/* Reads take (absent, or an array of TAKEABLE names) into want[], or adds
 * a field error. */
static void read_take(json_t *take, int want[NTAKEABLE], json_t *errors)
{
	size_t i;
	json_t *v;
	json_array_foreach(take, i, v)
	{
		size_t k = 0;
		while (k < NTAKEABLE && !(json_is_string(v) && strcmp(json_string_value(v), TAKEABLE[k]) == 0))
			k++;
		if (k == NTAKEABLE) {
			jv_error(errors, "take",
				 "each must be one of name, aliases, age, gender, nationalities, languages, "
				 "interpreter, safe_contact");
			return;
		}
		want[k] = 1;
	}
}

/* The kept record with what was taken from the merged one. */
static person_rec taken(const person_rec *src, const person_rec *dst, const int want[NTAKEABLE])
{
	person_rec next = *dst;
	if (want[0]) {
		next.given_names = src->given_names;
		next.family_name = src->family_name;
	}
	if (want[1])
		next.aliases = src->aliases;
	if (want[2]) {
		next.date_of_birth = src->date_of_birth;
		next.estimated_age = src->estimated_age;
		next.age_disputed = src->age_disputed;
	}
	if (want[3])
		next.gender = src->gender;
	if (want[4])
		next.nationalities = src->nationalities;
	if (want[5])
		next.languages = src->languages;
	if (want[6]) {
		next.interpreter_needed = src->interpreter_needed;
		next.interpreter_language = src->interpreter_language;
	}
	if (want[7])
		next.safe_contact = src->safe_contact;
	return next;
}

/* Gives the kept record what was taken, with its history; DB_DONE when it
 * changed since it was read. */
static int take_values(http_req *req, const person_rec *src, const person_rec *dst, const int want[NTAKEABLE],
		       json_t *detail)
{
	int any = 0;
	for (size_t k = 0; k < NTAKEABLE; k++)
		any |= want[k];
	if (!any)
		return DB_OK;
	person_rec next = taken(src, dst, want);
	name_index *ix = arena_alloc(http_req_arena(req), sizeof *ix);
	if (!ix)
		return DB_NOMEM;
	person_name_index(&next, ix);
	int rc = store_person_update(api_ctx_of(req)->db, &next, ix);
	if (rc == DB_OK)
		rc = api_person_changes(req, dst, &next, 0, detail);
	return rc;
}

void api_people_merge(http_req *req)
{
	static const jv_field fields[] = {{"into", JV_STRING, 1, FIELD_ID}, {"take", JV_STRING_ARRAY, 0, 0}};
	api_ctx *c = api_ctx_of(req);
	person_rec src = {0}, dst = {0};
	if (api_person_load(req, http_req_param(req, "id"), ACT_DECIDE, &src, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	int want[NTAKEABLE] = {0};
	if (!body)
		return;
	json_t *errors = json_array();
	read_take(json_object_get(body, "take"), want, errors);
	if (api_reject(req, errors) || load_target(req, jv_str(body, "into"), &src, &dst) != 0 ||
	    api_person_unrestricted(req, &src) != 0 || api_person_unrestricted(req, &dst) != 0)
		return;
	json_t *took = api_keep(req, json_array());
	int moved = 0;
	int rc = took ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = take_values(req, &src, &dst, want, took);
	if (rc == DB_DONE) {
		api_conflict(req, "the record kept changed while they were compared: compare them again");
		return;
	}
	if (rc == DB_OK)
		rc = store_person_merge(c->db, src.id, dst.id, c->user.id, &moved);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "person", src.id, "merged_into", NULL, dst.id, c->user.id);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "person", dst.id, "merged_from", NULL, src.id, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "person_merged", "person", src.id, NULL,
			       json_pack("{s:s, s:i, s:O}", "into", dst.id, "links_moved", moved, "fields_taken", took));
	api_write_end(req, rc, 200,
		      json_pack("{s:s, s:s, s:i, s:O}", "id", src.id, "merged_into", dst.id, "links_moved", moved,
				"fields_taken", took));
}

/* Loads what the user unmerges: the person id, merged into *target, reached
 * through the record they went into. 0, or replies (403, 404, 409, 503)
 * and -1. */
static int load_merged(http_req *req, const char *id, const char **target)
{
	int rc = store_person_merged_into(api_ctx_of(req)->db, http_req_arena(req), id, target);
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such person", NULL);
		return -1;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return -1;
	}
	/* A merged record is reached through the record it went into; one
	 * that is not merged, through itself. */
	person_rec through;
	if (api_person_load(req, *target ? *target : id, ACT_DECIDE, &through, NULL) != 0)
		return -1;
	if (!*target) {
		api_conflict(req, "this person is not merged into another");
		return -1;
	}
	return 0;
}

/* Moves the case links listed in moved (a JSON array of link ids) back to the person. */
static int move_back(http_req *req, json_t *moved, const char *person_id)
{
	int rc = DB_OK;
	size_t i;
	json_t *v;
	json_array_foreach(moved, i, v)
	{
		if (rc == DB_OK)
			rc = store_case_link_move(api_ctx_of(req)->db, json_string_value(v), person_id);
	}
	return rc;
}

void api_people_unmerge(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	const char *id = http_req_param(req, "id");
	const char *target = NULL, *moved_text = NULL;
	if (load_merged(req, id, &target) != 0)
		return;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_unmerge(c->db, http_req_arena(req), id, c->user.id, &target, &moved_text);
	/* No merge left to undo: another unmerge came first. */
	if (rc == DB_DONE) {
		api_conflict(req, "this person is not merged into another");
		return;
	}
	json_t *moved = rc == DB_ROW ? api_keep(req, json_loads(moved_text, 0, NULL)) : NULL;
	int n = (int)json_array_size(moved);
	if (rc == DB_ROW)
		rc = move_back(req, moved, id);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "person", id, "merged_into", target, NULL, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "person_unmerged", "person", id, NULL,
			       json_pack("{s:s, s:i}", "from", target, "links_moved_back", n));
	api_write_end(req, rc, 200,
		      json_pack("{s:s, s:s, s:i}", "id", id, "unmerged_from", target, "links_moved_back", n));
}
