/* Merging two records of one person (supervisors), reversibly: the merged
 * record's parts in cases move to the other, and unmerging moves them back. */
#include <string.h>

#include "api/api.h"
#include "api/people.h"
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

void api_people_merge(http_req *req)
{
	static const jv_field fields[] = {{"into", JV_STRING, 1, FIELD_ID}};
	api_ctx *c = api_ctx_of(req);
	person_rec src = {0}, dst = {0};
	if (api_person_load(req, http_req_param(req, "id"), ACT_DECIDE, &src, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body || load_target(req, jv_str(body, "into"), &src, &dst) != 0)
		return;
	int moved = 0;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_merge(c->db, src.id, dst.id, c->user.id, &moved);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "person", src.id, "merged_into", NULL, dst.id, c->user.id);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "person", dst.id, "merged_from", NULL, src.id, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "person_merged", "person", src.id, NULL,
			       json_pack("{s:s, s:i}", "into", dst.id, "links_moved", moved));
	api_write_end(req, rc, 200,
		      json_pack("{s:s, s:s, s:i}", "id", src.id, "merged_into", dst.id, "links_moved", moved));
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
