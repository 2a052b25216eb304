/* Accounts, for administrators: create, list, read and change the accounts
 * of their own organisation and of the organisations it hosts. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/credentials.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/resets.h"

static int add_user(const user_rec *u, void *arg)
{
	return json_array_append_new(arg, api_user_json(u)) == 0 ? 0 : DB_NOMEM;
}

void api_users_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	json_t *items = api_keep(req, json_array());
	store_reach reach = api_reach(req, KIND_ACCOUNT, ACT_READ);
	api_reply_items(req, store_user_each(c->db, &reach, add_user, items), items);
}

void api_users_get(http_req *req)
{
	user_rec u;
	if (api_user_load(req, ACT_READ, &u) != 0)
		return;
	/* A request to clear the second factor, waiting for a second administrator. */
	sf_reset_rec p;
	int rc = api_sf_reset_pending(req, u.id, &p, NULL);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	json_t *j = api_user_json(&u);
	json_object_set_new(j, "second_factor_reset",
			    rc == DB_ROW ? json_pack("{s:{s:s, s:s}, s:s, s:s}", "requested_by", "id", p.requested_by,
						     "name", p.requested_by_name, "requested_at", p.requested_at,
						     "expires_at", p.expires_at)
					 : json_null());
	api_etag(req, u.version);
	http_reply_json(req, 200, j);
}

/* Resolves the team name within the user's organisation, creating it. */
static int team_for(db *d, const char *org_id, const char *team, char id[SECURE_ID_LEN])
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
		{"password", JV_STRING, 0, 4 * PASSWORD_MAX_BYTES},
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
	if ((p = username_problem(username)))
		jv_error(errors, "username", p);
	/* An administrator never knows a password that lets them act as someone
	 * else: the holder chooses theirs with the link this answer gives. */
	if (jv_str(body, "password"))
		jv_error(errors, "password",
			 "is not chosen by an administrator: leave it out, and give the account holder the "
			 "one-time link in the answer to choose their own");
	if (role_parse(jv_str(body, "role"), &r) != 0)
		jv_error(errors, "role",
			 "must be one of admin, supervisor, investigator, safeguarding, analyst, "
			 "opcc, partner, auditor, records_manager");
	if (!jv_str(body, "display_name")[0])
		jv_error(errors, "display_name", "must not be empty");
	if (!jv_str(body, "org")[0])
		jv_error(errors, "org", "must not be empty");
	if (api_reject(req, errors))
		return;
	/* The organisation: the administrator's own or one it hosts; a new
	 * partner (a support provider until its kind is changed) or
	 * Commissioner's office is made hosted by their force. */
	org_rec o = {0};
	const char *org_name = jv_str(body, "org");
	int rc = store_org_by_name(c->db, org_name, &o);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	int new_org = rc == DB_DONE;
	if (new_org) {
		snprintf(o.name, sizeof o.name, "%s", org_name);
		store_org_kind_set(&o, org_kind_default(role_org_kind(r)));
		snprintf(o.host_org_id, sizeof o.host_org_id, "%s", c->user.org_id);
	}
	errors = json_array();
	if (new_org && (strcmp(o.kind, "force") == 0 || strcmp(c->user.org_kind, "force") != 0))
		jv_error(errors, "org",
			 "is not an organisation you administer; a force's administrators make a new one only "
			 "for a partner or Commissioner's office account");
	else if (access_decide(c->role, KIND_ACCOUNT, ACT_WRITE, api_org_rel(req, &o)) != ACCESS_ALLOW)
		jv_error(errors, "org", "is not your organisation or one it hosts");
	else if (!role_fits_org(r, o.kind))
		jv_error(errors, "role",
			 strcmp(o.kind, "partner") == 0 ? "does not fit a partner organisation: use partner, admin or auditor"
			 : strcmp(o.kind, "opcc") == 0	? "does not fit a Commissioner's office: use opcc, admin or auditor"
							: "does not fit a force: partner and opcc accounts belong to their own organisations");
	if (api_reject(req, errors))
		return;
	user_rec u = {0};
	snprintf(u.username, sizeof u.username, "%s", username);
	snprintf(u.display_name, sizeof u.display_name, "%s", jv_str(body, "display_name"));
	snprintf(u.role, sizeof u.role, "%s", role_name(r));
	snprintf(u.org_name, sizeof u.org_name, "%s", o.name);
	snprintf(u.org_kind, sizeof u.org_kind, "%s", o.kind);
	snprintf(u.org_host_id, sizeof u.org_host_id, "%s", o.host_org_id);
	const char *team = jv_str(body, "team");
	snprintf(u.team_name, sizeof u.team_name, "%s", team ? team : "");
	/* Until the holder follows the link, no password opens the account. */
	char unknowable[SECURE_TOKEN_LEN];
	secure_token(unknowable);
	rc = secure_password_hash(unknowable, u.password_hash) == 0 ? DB_OK : DB_NOMEM;
	sodium_memzero(unknowable, sizeof unknowable);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK && new_org) {
		rc = store_org_create(c->db, &o);
		if (rc == DB_OK)
			rc = api_audit(req, "org_created", "org", o.id, NULL,
				       json_pack("{s:s, s:s, s:s}", "name", o.name, "kind", store_org_kind(&o),
						 "hosted_by", c->user.org_name));
	}
	if (rc == DB_OK) {
		snprintf(u.org_id, sizeof u.org_id, "%s", o.id);
		rc = team_for(c->db, u.org_id, u.team_name, u.team_id);
	}
	if (rc == DB_OK)
		rc = store_user_insert(c->db, &u);
	if (rc == DB_CONSTRAINT) {
		api_refuse_field(req, 409, "username", "is already taken", "that username is already taken");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "user_created", "user", u.id, NULL,
			       json_pack("{s:s, s:s, s:s, s:s}", "username", u.username, "role", u.role, "org",
					 u.org_name, "org_id", u.org_id));
	char url[API_LINK_URL_LEN] = "", expires_at[32] = "";
	if (rc == DB_OK)
		rc = api_password_link_issue(req, u.id, 1, url, expires_at);
	json_t *out = NULL;
	if (rc == DB_OK) {
		api_etag(req, u.version);
		out = api_user_json(&u);
		json_object_set_new(out, "password_link",
				    json_pack("{s:s, s:s}", "reset_url", url, "expires_at", expires_at));
	}
	sodium_memzero(url, sizeof url);
	api_write_end(req, rc, 201, out);
}

static void reply_stale(http_req *req, const user_rec *current)
{
	api_stale(req, "user", current->version, api_user_json(current));
}

void api_users_patch(http_req *req)
{
	static const jv_field fields[] = {
		{"display_name", JV_STRING, 0, 128},
		{"role", JV_STRING, 0, 16},
		{"team", JV_STRING, 0, 128},
		JV_OPT_BOOL("disabled"),
	};
	api_ctx *c = api_ctx_of(req);
	int64_t version;
	user_rec u;
	if (api_user_load(req, ACT_WRITE, &u) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	if (version != u.version) {
		reply_stale(req, &u);
		return;
	}
	json_t *errors = json_array();
	json_t *changes = api_keep(req, json_object());
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
		else if (!role_fits_org(r, u.org_kind))
			jv_error(errors, "role", "does not fit the account's organisation");
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
	if (api_reject(req, errors))
		return;
	int rc = changes ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK && team_given) {
		char team_id[SECURE_ID_LEN];
		rc = team_for(c->db, u.org_id, team, team_id);
		if (rc == DB_OK && strcmp(team_id, u.team_id) != 0) {
			json_object_set_new(changes, "team",
					    json_pack("[s,s]", u.team_name, team ? team : ""));
			snprintf(u.team_id, sizeof u.team_id, "%s", team_id);
			snprintf(u.team_name, sizeof u.team_name, "%s", team ? team : "");
		}
	}
	if (rc == DB_OK)
		rc = store_user_update(c->db, &u);
	if (rc == DB_DONE) {
		rc = store_user_by_id(c->db, u.id, &u);
		if (rc == DB_ROW)
			reply_stale(req, &u);
		else
			api_db_fail(req, rc);
		return;
	}
	if (rc == DB_OK && end_sessions)
		rc = store_session_delete_user(c->db, u.id);
	if (rc == DB_OK)
		rc = api_audit(req, "user_changed", "user", u.id, NULL, json_pack("{s:O}", "changes", changes));
	if (rc == DB_OK)
		api_etag(req, u.version);
	api_write_end(req, rc, 200, rc == DB_OK ? api_user_json(&u) : NULL);
}
