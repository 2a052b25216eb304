/* The bank holidays the working-day clocks count out (the NRM's Reasonable
 * Grounds target, the Victims' Code updates): the list, and an
 * administrator's additions. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/workdays.h"
#include "store/nrm.h"

static int add_holiday(const holiday_rec *h, void *arg)
{
	return json_array_append_new(arg, json_pack("{s:s, s:s}", "day", h->day, "name", h->name)) ? DB_NOMEM : 0;
}

void api_bank_holidays_list(http_req *req)
{
	json_t *out = api_keep(req, json_pack("{s:[]}", "items"));
	int rc = out ? store_bank_holiday_list(api_ctx_of(req)->db, add_holiday, json_object_get(out, "items"))
		     : DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

void api_bank_holidays_add(http_req *req)
{
	static const jv_field fields[] = {{"day", JV_STRING, 1, FIELD_DATE}, {"name", JV_STRING, 1, FIELD_NAME}};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	const char *day = jv_str(body, "day");
	if (date_days(day) == DATE_INVALID || date_weekday(date_days(day)) > 5) {
		json_t *errors = json_array();
		jv_error(errors, "day", "must be a real weekday, YYYY-MM-DD");
		api_invalid(req, errors);
		return;
	}
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_bank_holiday_add(c->db, day, jv_str(body, "name"))) == DB_CONSTRAINT) {
		api_conflict(req, "that day is already a bank holiday");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "bank_holiday_added", "settings", NULL, NULL,
			       json_pack("{s:s, s:s}", "day", day, "name", jv_str(body, "name")));
	api_write_end(req, rc, 201, json_pack("{s:s, s:s}", "day", day, "name", jv_str(body, "name")));
}
