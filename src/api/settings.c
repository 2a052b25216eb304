/* Security settings, which belong to an organisation: which roles must use a
 * second factor. A force's administrators set them for the force and the
 * organisations it hosts. And what the sign-in page may know beforehand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

/* Finds the organisation named by ?org= (the user's own by default) and
 * decides the action on its settings. Returns 0, or replies and returns -1. */
static int settings_org(http_req *req, access_action a, org_rec *o)
{
	api_ctx *c = api_ctx_of(req);
	const char *id = http_req_query(req, "org");
	if (!id || !id[0])
		id = c->user.org_id;
	return api_org_load(req, id, KIND_SETTINGS, a, o);
}

/* The organisation's settings as stored: DB_OK with *out (taken by the
 * caller), or the error. */
static int settings_json(http_req *req, const org_rec *o, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	char value[256];
	int64_t version = 0;
	int rc = store_org_totp_roles_get(c->db, o->id, value, sizeof value);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	int stored = rc == DB_ROW;
	if (stored && (rc = store_org_settings_version(c->db, o->id, &version)) != DB_ROW)
		return rc == DB_DONE ? DB_ERR : rc;
	json_t *roles = json_array();
	for (int r = 0; r < ROLE_COUNT; r++)
		if (role_second_factor_required(stored ? value : NULL, (role)r))
			json_array_append_new(roles, json_string(role_name((role)r)));
	/* Version 0: the organisation has no setting yet. */
	*out = json_pack("{s:{s:s, s:s}, s:o, s:I}", "org", "id", o->id, "name", o->name, "totp_required_roles",
			 roles, "version", (json_int_t)version);
	api_etag(req, version);
	return *out ? DB_OK : DB_NOMEM;
}

void api_settings_get(http_req *req)
{
	org_rec o;
	json_t *out = NULL;
	if (settings_org(req, ACT_READ, &o) != 0)
		return;
	int rc = settings_json(req, &o, &out);
	if (rc != DB_OK)
		api_db_fail(req, rc);
	else
		http_reply_json(req, 200, out);
}

void api_settings_put(http_req *req)
{
	static const jv_field fields[] = {{"totp_required_roles", JV_STRING_ARRAY, 1, ROLE_COUNT}};
	api_ctx *c = api_ctx_of(req);
	org_rec o;
	int64_t version;
	if (settings_org(req, ACT_ADMINISTER, &o) != 0 || api_if_match_new(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_t *list = json_object_get(body, "totp_required_roles");
	json_t *errors = json_array();
	int wanted[ROLE_COUNT] = {0};
	size_t i;
	json_t *v;
	role r;
	json_array_foreach(list, i, v)
	{
		if (role_parse(json_string_value(v), &r) != 0)
			jv_error(errors, "totp_required_roles", "holds a name that is not a role");
		else
			wanted[r] = 1;
	}
	if (api_reject(req, errors))
		return;
	/* Stored in the roles' order, each once. */
	json_t *roles = api_keep(req, json_array());
	for (int k = 0; k < ROLE_COUNT; k++)
		if (wanted[k])
			json_array_append_new(roles, json_string(role_name((role)k)));
	const char *text = api_json_text(req, roles);
	int rc = text ? db_begin(c->db) : DB_NOMEM;
	int64_t now_at;
	if (rc == DB_OK)
		rc = store_org_totp_roles_replace(c->db, o.id, text, version, &now_at);
	if (rc == DB_DONE) {
		/* Changed by someone else since it was read: theirs, as it is now. */
		json_t *current = NULL;
		rc = settings_json(req, &o, &current);
		if (rc == DB_OK)
			api_stale(req, "settings", json_integer_value(json_object_get(current, "version")), current);
		else
			api_db_fail(req, rc);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "settings_changed", "org", o.id, NULL,
			       json_pack("{s:s, s:O}", "org", o.name, "totp_required_roles", roles));
	json_t *out = NULL;
	if (rc == DB_OK)
		rc = settings_json(req, &o, &out);
	api_write_end(req, rc, 200, out);
}

void api_installation(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	char value[16];
	int rc = store_setting_get(c->db, "demonstration", value, sizeof value);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	int demo = rc == DB_ROW && strcmp(value, "1") == 0;
	/* Whether some organisation signs in without a second factor is told
	 * only of a demonstration, never of a real installation. */
	int off = 0;
	if (demo && (rc = store_org_any_without_second_factor(c->db, &off)) != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:b, s:b}", "demonstration", demo, "second_factor_off", off));
}

/* ---- installation settings of one number within bounds ---- */

int api_bounded_value(db *d, const api_bounded_setting *s, long long *value)
{
	char text[32];
	*value = s->def;
	int rc = store_setting_get(d, s->key, text, sizeof text);
	if (rc == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	char *end;
	long long v = strtoll(text, &end, 10);
	if (text[0] && *end == '\0' && v >= s->min && v <= s->max)
		*value = v;
	return DB_OK;
}

/* The setting as it stands: DB_OK with *out, or the error. */
static int bounded_json(http_req *req, const api_bounded_setting *s, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	char text[32];
	int64_t version;
	int rc = store_setting_get_versioned(c->db, s->key, text, sizeof text, &version);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	long long v;
	if ((rc = api_bounded_value(c->db, s, &v)) != DB_OK)
		return rc;
	/* Version 0: never set, so the default holds. */
	*out = json_pack("{s:I, s:I, s:I, s:I, s:I}", s->field, (json_int_t)v, "minimum", (json_int_t)s->min,
			 "maximum", (json_int_t)s->max, "default", (json_int_t)s->def, "version",
			 (json_int_t)version);
	api_etag(req, version);
	return *out ? DB_OK : DB_NOMEM;
}

void api_bounded_get(http_req *req, const api_bounded_setting *s)
{
	json_t *out = NULL;
	int rc = bounded_json(req, s, &out);
	if (rc != DB_OK)
		api_db_fail(req, rc);
	else
		http_reply_json(req, 200, out);
}

void api_bounded_put(http_req *req, const api_bounded_setting *s)
{
	const jv_field fields[] = {{s->field, JV_INT, 1, 0}};
	api_ctx *c = api_ctx_of(req);
	int64_t version;
	if (api_if_match_new(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_int_t v = json_integer_value(json_object_get(body, s->field));
	if (v < s->min || v > s->max) {
		api_refuse_field(req, 422, s->field, s->range, s->summary);
		return;
	}
	char value[32];
	snprintf(value, sizeof value, "%lld", (long long)v);
	long long before = s->def;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = api_bounded_value(c->db, s, &before);
	if (rc == DB_OK)
		rc = store_setting_replace(c->db, s->key, value, &version);
	if (rc == DB_DONE) {
		/* Changed by someone else since it was read: theirs, as it is now. */
		json_t *current = NULL;
		db_rollback(c->db);
		rc = bounded_json(req, s, &current);
		if (rc == DB_OK)
			api_stale(req, s->noun, json_integer_value(json_object_get(current, "version")), current);
		else
			api_db_fail(req, rc);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, s->audited, "setting", s->key, NULL,
			       json_pack("{s:I, s:I}", "from", (json_int_t)before, "to", (json_int_t)v));
	json_t *out = NULL;
	if (rc == DB_OK)
		rc = bounded_json(req, s, &out);
	api_write_end(req, rc, 200, out);
}
