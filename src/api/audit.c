/* The audit log, for auditors: filter by user, record, action and time. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "lib/clock.h"
#include "store/audit.h"

static int add_entry(const audit_fields *f, void *arg)
{
	json_t *detail = f->detail ? json_loads(f->detail, 0, NULL) : NULL;
	json_t *e = json_pack("{s:I, s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:s?, s:o?, s:s?, s:s?}",
			      "seq", (json_int_t)f->seq, "at", f->at, "actor_id", f->actor_id,
			      "actor", f->actor, "action", f->action, "record_type",
			      f->record_type, "record_id", f->record_id, "purpose", f->purpose,
			      "detail", detail, "address", f->address, "request_id",
			      f->request_id);
	return e && json_array_append_new(arg, e) == 0 ? 0 : DB_NOMEM;
}

/* The query parameter name, which must be a UTC time: its value (NULL when
 * absent), with an error added to errors when it is not such a time. */
static const char *query_time(http_req *req, const char *name, json_t *errors)
{
	const char *v = http_req_query(req, name);
	int64_t ms;
	if (v && clock_parse_iso(v, &ms) != 0)
		jv_error(errors, name, "must be a UTC time such as 2026-01-31T00:00:00Z");
	return v;
}

void api_audit_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	json_t *errors = json_array();
	audit_filter flt = {
		.actor_id = http_req_query(req, "user"),
		.record_id = http_req_query(req, "record"),
		.action = http_req_query(req, "action"),
		.from = query_time(req, "from", errors),
		.to = query_time(req, "to", errors),
		.limit = 100,
	};
	/* The entries of the auditor's organisation (and those it hosts). */
	unsigned m = access_scope_mask(access_scope_of(c->role, KIND_AUDIT, ACT_READ));
	flt.org_id = m & REL_ORG ? c->user.org_id : NULL;
	flt.hosted = (m & REL_HOSTED) != 0;
	const char *s = http_req_query(req, "limit");
	char *end;
	if (s) {
		long v = strtol(s, &end, 10);
		if (*end || v < 1 || v > 1000)
			jv_error(errors, "limit", "must be a whole number from 1 to 1000");
		else
			flt.limit = (int)v;
	}
	if ((s = http_req_query(req, "before"))) {
		long long v = strtoll(s, &end, 10);
		if (*end || v < 1)
			jv_error(errors, "before", "must be a sequence number from a previous page");
		else
			flt.before_seq = v;
	}
	if (api_reject_query(req, errors))
		return;
	json_t *items = api_keep(req, json_array());
	int rc = !items ? DB_NOMEM : store_audit_list(c->db, &flt, add_entry, items);
	/* Reading the log is itself recorded: auditors are accountable too. */
	if (rc == DB_OK)
		rc = api_audit(req, "audit_read", NULL, flt.record_id, NULL,
			       json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}", "user", flt.actor_id,
					 "record", flt.record_id, "action", flt.action, "from",
					 flt.from, "to", flt.to));
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *out = json_pack("{s:O}", "items", items);
	size_t n = json_array_size(items);
	if (n == (size_t)flt.limit) {
		json_t *last = json_array_get(items, n - 1);
		json_object_set(out, "next_before", json_object_get(last, "seq"));
	}
	http_reply_json(req, 200, out);
}
