/* Teams, for administrators: add a team to an organisation they administer
 * (their own or one it hosts) and rename one. Accounts name their team;
 * cases and people belong to one. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"

#define TEAM_NAME_MAX 128

json_t *api_team_json(const team_rec *t, const org_rec *o)
{
	return json_pack("{s:s, s:s, s:I, s:{s:s, s:s}}", "id", t->id, "name", t->name, "version",
	                 (json_int_t)t->version, "org", "id", o->id, "name", o->name);
}

static void refuse_taken(http_req *req, const org_rec *o)
{
	char detail[256];
	snprintf(detail, sizeof detail, "%s already has a team of that name", o->name);
	api_refuse_field(req, 409, "name", "is already the name of one of the organisation's teams",
	                 detail);
}

void api_org_teams_create(http_req *req)
{
	static const jv_field fields[] = {{"name", JV_STRING, 1, TEAM_NAME_MAX}};
	api_ctx *c = api_ctx_of(req);
	org_rec o;
	if (api_org_load(req, http_req_param(req, "id"), KIND_ACCOUNT, ACT_ADMINISTER, &o) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *name = api_name(body, "name", errors);
	if (api_reject(req, errors))
		return;
	team_rec t = {0};
	snprintf(t.org_id, sizeof t.org_id, "%s", o.id);
	snprintf(t.name, sizeof t.name, "%s", name);
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_team_create(c->db, &t)) == DB_CONSTRAINT) {
		refuse_taken(req, &o);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(
		    req, "team_created", "team", t.id, NULL,
		    json_pack("{s:s, s:s, s:s}", "name", t.name, "org", o.name, "org_id", o.id));
	if (rc == DB_OK)
		api_etag(req, t.version);
	api_write_end(req, rc, 201, rc == DB_OK ? api_team_json(&t, &o) : NULL);
}

/* Loads the team named by {id} and its organisation, and decides the
 * action on it as an account's: 0, or replies (404 for a team out of
 * reach, as for one that does not exist) and returns -1. */
static int team_load(http_req *req, team_rec *t, org_rec *o)
{
	api_ctx *c = api_ctx_of(req);
	const char *id = http_req_param(req, "id");
	int rc = id ? store_team_get(c->db, id, t) : DB_DONE;
	if (rc == DB_ROW)
		rc = store_org_get(c->db, t->org_id, o);
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such team", NULL);
		return -1;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return -1;
	}
	return api_allow(req, KIND_ACCOUNT, ACT_ADMINISTER, api_org_rel(req, o), "team");
}

void api_teams_patch(http_req *req)
{
	static const jv_field fields[] = {{"name", JV_STRING, 1, TEAM_NAME_MAX}};
	api_ctx *c = api_ctx_of(req);
	team_rec t;
	org_rec o;
	int64_t version;
	if (team_load(req, &t, &o) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	if (version != t.version) {
		api_stale(req, "team", t.version, api_team_json(&t, &o));
		return;
	}
	json_t *errors = json_array();
	const char *name = api_name(body, "name", errors);
	if (api_reject(req, errors))
		return;
	if (strcmp(name, t.name) == 0) {
		api_etag(req, t.version);
		http_reply_json(req, 200, api_team_json(&t, &o));
		return;
	}
	char old[sizeof t.name];
	snprintf(old, sizeof old, "%s", t.name);
	snprintf(t.name, sizeof t.name, "%s", name);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_team_rename(c->db, &t, version);
	if (rc == DB_CONSTRAINT) {
		refuse_taken(req, &o);
		return;
	}
	if (rc == DB_DONE) {
		/* Renamed by someone else since it was read. */
		rc = store_team_get(c->db, t.id, &t);
		if (rc == DB_ROW)
			api_stale(req, "team", t.version, api_team_json(&t, &o));
		else
			api_db_fail(req, rc);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "team_renamed", "team", t.id, NULL,
		               json_pack("{s:{s:[s,s]}, s:s, s:s}", "changes", "name", old, t.name,
		                         "org", o.name, "org_id", o.id));
	if (rc == DB_OK)
		api_etag(req, t.version);
	api_write_end(req, rc, 200, rc == DB_OK ? api_team_json(&t, &o) : NULL);
}
