/* A force's risk review intervals and safe and well target, set by its
 * administrators (the defaults are in domain/missing.c). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "domain/missing.h"
#include "lib/clock.h"
#include "store/missing.h"
#include "store/accounts.h"

/* ---- a force's api_missing_intervals ---- */

static int settings_org(http_req *req, access_action a, org_rec *o)
{
	const char *id = http_req_query(req, "org");
	return api_org_load(req, id && id[0] ? id : api_ctx_of(req)->user.org_id, KIND_SETTINGS, a, o);
}

static json_t *settings_json(const org_rec *o, const int hours[RISK_COUNT], int safe_well, int64_t version)
{
	return json_pack("{s:{s:s, s:s}, s:{s:i, s:i, s:i, s:i}, s:i, s:I}", "org", "id", o->id, "name", o->name,
			 "review_hours", "no_apparent_risk", hours[RISK_NO_APPARENT], "low", hours[RISK_LOW], "medium",
			 hours[RISK_MEDIUM], "high", hours[RISK_HIGH], "safe_and_well_hours", safe_well, "version",
			 (json_int_t)version);
}

void api_missing_settings_get(http_req *req)
{
	org_rec o;
	int hours[RISK_COUNT], safe_well;
	int64_t version;
	if (settings_org(req, ACT_READ, &o) != 0)
		return;
	int rc = api_missing_intervals(req, o.id, hours, &safe_well, &version);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, version);
	http_reply_json(req, 200, settings_json(&o, hours, safe_well, version));
}

/* An hours field: its value, or the default having added an error. */
static int hours_of(json_t *obj, const char *key, const char *field, json_t *errors, int def)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_integer(v) || json_integer_value(v) < MISSING_HOURS_MIN || json_integer_value(v) > MISSING_HOURS_MAX) {
		jv_error(errors, field, "must be a whole number of hours from 1 to 168");
		return def;
	}
	return (int)json_integer_value(v);
}

void api_missing_settings_put(http_req *req)
{
	static const jv_field fields[] = {{"review_hours", JV_OBJECT, 1, 0}, {"safe_and_well_hours", JV_INT, 1, 0}};
	api_ctx *c = api_ctx_of(req);
	org_rec o;
	int64_t version;
	if (settings_org(req, ACT_ADMINISTER, &o) != 0 || api_if_match_new(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array(), *rh = json_object_get(body, "review_hours");
	int hours[RISK_COUNT];
	const char *key;
	json_t *v;
	json_object_foreach(rh, key, v)
	{
		if (missing_risk_of(key) < 0) {
			char field[64];
			snprintf(field, sizeof field, "review_hours.%.40s", key);
			jv_error(errors, field, "is not a grading: give no_apparent_risk, low, medium and high");
		}
	}
	for (int i = 0; i < RISK_COUNT; i++) {
		char field[64];
		snprintf(field, sizeof field, "review_hours.%s", missing_risk_code((missing_risk)i));
		hours[i] = hours_of(rh, missing_risk_code((missing_risk)i), field, errors, 1);
	}
	int safe_well = hours_of(body, "safe_and_well_hours", "safe_and_well_hours", errors, 1);
	if (api_reject(req, errors))
		return;
	int64_t next = version;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_missing_settings_put(c->db, o.id, hours, safe_well, &next);
	if (rc == DB_DONE) {
		int now[RISK_COUNT], sw;
		int64_t cur;
		db_rollback(c->db);
		if (api_missing_intervals(req, o.id, now, &sw, &cur) == DB_OK)
			api_stale(req, "missing settings", cur, settings_json(&o, now, sw, cur));
		else
			api_conflict(req, "the settings changed meanwhile: read them again");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "missing_settings_changed", "org", o.id, NULL,
			       json_pack("{s:O, s:i}", "review_hours", rh, "safe_and_well_hours", safe_well));
	if (rc == DB_OK)
		api_etag(req, next);
	api_write_end(req, rc, 200, settings_json(&o, hours, safe_well, next));
}
