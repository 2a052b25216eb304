/* Security settings, for administrators: which roles must use a second factor. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

static json_t *required_roles(db *d, int *rc)
{
	json_t *out = json_array();
	for (int r = 0; r < ROLE_COUNT; r++) {
		int req = 0;
		*rc = api_totp_required(d, role_name((role)r), &req);
		if (*rc != DB_OK) {
			json_decref(out);
			return NULL;
		}
		if (req)
			json_array_append_new(out, json_string(role_name((role)r)));
	}
	return out;
}

void api_settings_get(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	int rc;
	json_t *roles = required_roles(c->db, &rc);
	if (!roles) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:o}", "totp_required_roles", roles));
}

void api_settings_put(http_req *req)
{
	static const jv_field fields[] = {{"totp_required_roles", JV_STRING_ARRAY, 1, ROLE_COUNT}};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_t *list = json_object_get(body, "totp_required_roles");
	json_t *errors = json_array();
	size_t i;
	json_t *v;
	role r;
	json_array_foreach(list, i, v)
	{
		if (role_parse(json_string_value(v), &r) != 0)
			jv_error(errors, "totp_required_roles", "holds a name that is not a role");
	}
	if (api_reject(req, body, errors))
		return;
	char *text = json_dumps(list, JSON_COMPACT);
	int rc = text ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_setting_put(c->db, "totp_required_roles", text);
	if (rc == DB_OK)
		rc = api_audit(req, "settings_changed", "settings", "security", NULL,
			       json_pack("{s:O}", "totp_required_roles", list));
	if (rc == DB_OK)
		rc = db_commit(c->db);
	free(text);
	json_decref(body);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_settings_get(req);
}
