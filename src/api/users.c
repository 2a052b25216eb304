/* Accounts, for administrators: create, list, read, change, reset passwords. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/credentials.h"
#include "lib/secure.h"

static int add_user(const user_rec *u, void *arg)
{
	return json_array_append_new(arg, api_user_json(u)) == 0 ? 0 : DB_NOMEM;
}

void api_users_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	json_t *items = json_array();
	int rc = store_user_each(c->db, add_user, items);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

/* Finds the user named by {id}; replies 404 and returns -1 when there is none. */
static int load(http_req *req, user_rec *u)
{
	api_ctx *c = api_ctx_of(req);
	const char *id = http_req_param(req, "id");
	int rc = id ? store_user_by_id(c->db, id, u) : DB_DONE;
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		http_reply_problem(req, 404, "Not Found", "there is no such user", NULL);
	else
		api_db_fail(req, rc);
	return -1;
}

void api_users_get(http_req *req)
{
	user_rec u;
	if (load(req, &u) != 0)
		return;
	api_etag(req, u.version);
	http_reply_json(req, 200, api_user_json(&u));
}

/* Resolves the team name within the user's organisation, creating it. */
static int team_for(db *d, const char *org_id, const char *team, char id[37])
{
	if (!team || !team[0]) {
		id[0] = '\0';
		return DB_OK;
	}
	return store_team_ensure(d, org_id, team, id);
}

void api_users_create(http_req *req)
{
	static const jv_field fields[] = {
		{"username", JV_STRING, 1, USERNAME_MAX},
		{"display_name", JV_STRING, 1, 128},
		{"password", JV_STRING, 1, 4 * PASSWORD_MAX_BYTES},
		{"role", JV_STRING, 1, 16},
		{"org", JV_STRING, 1, 128},
		{"team", JV_STRING, 0, 128},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 6);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *username = jv_str(body, "username");
	const char *p;
	role r;
	char why[256];
	if ((p = username_problem(username)))
		jv_error(errors, "username", p);
	if ((p = api_password_problem(jv_str(body, "password"), username, why, sizeof why)))
		jv_error(errors, "password", p);
	if (role_parse(jv_str(body, "role"), &r) != 0)
		jv_error(errors, "role",
			 "must be one of admin, supervisor, investigator, safeguarding, analyst, "
			 "opcc, partner, auditor");
	if (!jv_str(body, "display_name")[0])
		jv_error(errors, "display_name", "must not be empty");
	if (!jv_str(body, "org")[0])
		jv_error(errors, "org", "must not be empty");
	if (api_reject(req, body, errors))
		return;
	user_rec u = {0};
	snprintf(u.username, sizeof u.username, "%s", username);
	snprintf(u.display_name, sizeof u.display_name, "%s", jv_str(body, "display_name"));
	snprintf(u.role, sizeof u.role, "%s", role_name(r));
	snprintf(u.org_name, sizeof u.org_name, "%s", jv_str(body, "org"));
	const char *team = jv_str(body, "team");
	snprintf(u.team_name, sizeof u.team_name, "%s", team ? team : "");
	int rc = secure_password_hash(jv_str(body, "password"), u.password_hash) == 0 ? DB_OK
										     : DB_NOMEM;
	json_decref(body);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_org_ensure(c->db, u.org_name, role_org_kind(r), u.org_id);
	if (rc == DB_OK)
		rc = team_for(c->db, u.org_id, u.team_name, u.team_id);
	if (rc == DB_OK)
		rc = store_user_insert(c->db, &u);
	if (rc == DB_CONSTRAINT) {
		db_rollback(c->db);
		json_t *e = json_array();
		jv_error(e, "username", "is already taken");
		http_reply_problem(req, 409, "Conflict", "that username is already taken", e);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "user_created", "user", u.id, NULL,
			       json_pack("{s:s, s:s, s:s}", "username", u.username, "role", u.role,
					 "org", u.org_name));
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, u.version);
	http_reply_json(req, 201, api_user_json(&u));
}

static void reply_stale(http_req *req, const user_rec *current)
{
	api_etag(req, current->version);
	http_reply_problem_ext(req, 412, "Precondition Failed",
			       "the user was changed since you read it; here is the current "
			       "record",
			       NULL, json_pack("{s:o}", "current", api_user_json(current)));
}

void api_users_patch(http_req *req)
{
	static const jv_field fields[] = {
		{"display_name", JV_STRING, 0, 128},
		{"role", JV_STRING, 0, 16},
		{"team", JV_STRING, 0, 128},
		{"disabled", JV_BOOL, 0, 0},
	};
	api_ctx *c = api_ctx_of(req);
	int64_t version;
	user_rec u;
	if (load(req, &u) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	if (version != u.version) {
		json_decref(body);
		reply_stale(req, &u);
		return;
	}
	json_t *errors = json_array();
	json_t *changes = json_object();
	role r;
	const char *s;
	int end_sessions = 0;
	if ((s = jv_str(body, "display_name"))) {
		if (!s[0])
			jv_error(errors, "display_name", "must not be empty");
		else if (strcmp(s, u.display_name) != 0) {
			json_object_set_new(changes, "display_name",
					    json_pack("[s,s]", u.display_name, s));
			snprintf(u.display_name, sizeof u.display_name, "%s", s);
		}
	}
	if ((s = jv_str(body, "role"))) {
		if (role_parse(s, &r) != 0)
			jv_error(errors, "role", "is not a role");
		else if (strcmp(s, u.role) != 0) {
			json_object_set_new(changes, "role", json_pack("[s,s]", u.role, s));
			snprintf(u.role, sizeof u.role, "%s", s);
			end_sessions = 1;
		}
	}
	json_t *dis = json_object_get(body, "disabled");
	if (json_is_boolean(dis) && json_is_true(dis) != u.disabled) {
		if (json_is_true(dis) && strcmp(u.id, c->user.id) == 0)
			jv_error(errors, "disabled", "you cannot disable your own account");
		json_object_set_new(changes, "disabled", json_pack("[b,b]", u.disabled, json_is_true(dis)));
		u.disabled = json_is_true(dis);
		if (u.disabled)
			end_sessions = 1;
		else {
			u.failed_logins = 0;
			u.locked_until[0] = '\0';
		}
	}
	const char *team = jv_str(body, "team");
	int team_given = json_object_get(body, "team") != NULL;
	if (json_array_size(errors)) {
		json_decref(body);
		json_decref(changes);
		api_invalid(req, errors);
		return;
	}
	json_decref(errors);
	int rc = db_begin(c->db);
	if (rc == DB_OK && team_given) {
		char team_id[37];
		rc = team_for(c->db, u.org_id, team, team_id);
		if (rc == DB_OK && strcmp(team_id, u.team_id) != 0) {
			json_object_set_new(changes, "team",
					    json_pack("[s,s]", u.team_name, team ? team : ""));
			snprintf(u.team_id, sizeof u.team_id, "%s", team_id);
			snprintf(u.team_name, sizeof u.team_name, "%s", team ? team : "");
		}
	}
	json_decref(body);
	if (rc == DB_OK)
		rc = store_user_update(c->db, &u);
	if (rc == DB_DONE) {
		db_rollback(c->db);
		json_decref(changes);
		if (store_user_by_id(c->db, u.id, &u) == DB_ROW)
			reply_stale(req, &u);
		else
			api_db_fail(req, DB_BUSY);
		return;
	}
	if (rc == DB_OK && end_sessions)
		rc = store_session_delete_user(c->db, u.id);
	if (rc == DB_OK)
		rc = api_audit(req, "user_changed", "user", u.id, NULL,
			       json_pack("{s:o}", "changes", changes));
	else
		json_decref(changes);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, u.version);
	http_reply_json(req, 200, api_user_json(&u));
}

void api_users_password(http_req *req)
{
	static const jv_field fields[] = {
		{"password", JV_STRING, 1, 4 * PASSWORD_MAX_BYTES},
		{"reset_second_factor", JV_BOOL, 0, 0},
	};
	api_ctx *c = api_ctx_of(req);
	user_rec u;
	if (load(req, &u) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	char why[256];
	const char *p = api_password_problem(jv_str(body, "password"), u.username, why, sizeof why);
	if (p) {
		json_decref(body);
		json_t *errors = json_array();
		jv_error(errors, "password", p);
		api_invalid(req, errors);
		return;
	}
	int reset_2fa = json_is_true(json_object_get(body, "reset_second_factor"));
	int rc = secure_password_hash(jv_str(body, "password"), u.password_hash) == 0 ? DB_OK
										     : DB_NOMEM;
	json_decref(body);
	u.failed_logins = 0;
	u.locked_until[0] = '\0';
	if (reset_2fa) {
		u.totp_enabled = 0;
		u.totp_secret[0] = '\0';
	}
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_user_update(c->db, &u);
	if (rc == DB_DONE)
		rc = DB_BUSY;
	if (rc == DB_OK && reset_2fa)
		rc = store_recovery_replace(c->db, u.id, NULL, 0);
	if (rc == DB_OK)
		rc = store_session_delete_user(c->db, u.id);
	if (rc == DB_OK)
		rc = api_audit(req, "password_reset", "user", u.id, NULL,
			       json_pack("{s:b}", "second_factor_reset", reset_2fa));
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_empty(req, 204);
}

static int add_org(const char *id, const char *name, const char *kind, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s}", "id", id, "name", name, "kind", kind);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

void api_orgs_list(http_req *req)
{
	const char *kind = http_req_query(req, "kind");
	if (kind && strcmp(kind, "force") && strcmp(kind, "partner") && strcmp(kind, "opcc")) {
		json_t *errors = json_array();
		jv_error(errors, "kind", "must be force, partner or opcc");
		api_invalid(req, errors);
		return;
	}
	json_t *items = json_array();
	int rc = store_orgs_list(api_ctx_of(req)->db, kind, NULL, add_org, items);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}
