/* The audit log, for auditors: filter by user, record, action and time;
 * export what a filter finds as CSV; verify the hash chain. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/csv.h"
#include "store/audit.h"

/* The most entries one export holds: a larger export asks for narrower
 * filters rather than holding an unbounded file in memory. */
#define AUDIT_EXPORT_MAX 50000

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

/* Reads the filters the list and the export share into flt, within the
 * auditor's reach: 0, or -1 having answered 400 naming each bad one. */
static int read_filter(http_req *req, audit_filter *flt, int limit, json_t *errors)
{
	api_ctx *c = api_ctx_of(req);
	*flt = (audit_filter){
		.actor_id = http_req_query(req, "user"),
		.actor = http_req_query(req, "actor"),
		.record_id = http_req_query(req, "record"),
		.action = http_req_query(req, "action"),
		.from = query_time(req, "from", errors),
		.to = query_time(req, "to", errors),
		.limit = limit,
	};
	/* The entries of the auditor's organisation (and those it hosts). */
	unsigned m = access_scope_mask(access_scope_of(c->role, KIND_AUDIT, ACT_READ));
	flt->org_id = m & REL_ORG ? c->user.org_id : NULL;
	flt->hosted = (m & REL_HOSTED) != 0;
	const char *s;
	char *end;
	if ((s = http_req_query(req, "before"))) {
		long long v = strtoll(s, &end, 10);
		if (*end || v < 1)
			jv_error(errors, "before", "must be a sequence number from a previous page");
		else
			flt->before_seq = v;
	}
	return api_reject_query(req, errors) ? -1 : 0;
}

/* What a read or export of the log asked for, for its own audit entry. */
static json_t *filter_detail(const audit_filter *flt)
{
	return json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "user", flt->actor_id, "actor",
			 flt->actor, "record", flt->record_id, "action", flt->action, "from",
			 flt->from, "to", flt->to);
}

void api_audit_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	audit_filter flt;
	json_t *errors = json_array();
	const char *s = http_req_query(req, "limit");
	long limit = 100;
	char *end = NULL;
	if (s)
		limit = strtol(s, &end, 10);
	if (s && (*end || limit < 1 || limit > 1000)) {
		jv_error(errors, "limit", "must be a whole number from 1 to 1000");
		limit = 100;
	}
	if (read_filter(req, &flt, (int)limit, errors) != 0)
		return;
	json_t *items = api_keep(req, json_array());
	int rc = !items ? DB_NOMEM : store_audit_list(c->db, &flt, add_entry, items);
	/* Reading the log is itself recorded: auditors are accountable too. */
	if (rc == DB_OK)
		rc = api_audit(req, "audit_read", NULL, flt.record_id, NULL, filter_detail(&flt));
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

typedef struct export_out {
	buf *b;
	int rows;
} export_out;

static int export_row(const audit_fields *f, void *arg)
{
	export_out *x = arg;
	char seq[24];
	snprintf(seq, sizeof seq, "%lld", (long long)f->seq);
	const char *cells[] = {seq, f->at, f->actor, f->actor_id, f->action, f->record_type,
			       f->record_id, f->purpose, f->detail, f->address, f->request_id};
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		csv_field(x->b, cells[i] ? cells[i] : "", i == 0);
	buf_puts(x->b, "\r\n");
	x->rows++;
	return x->b->failed ? DB_NOMEM : 0;
}

void api_audit_export(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	audit_filter flt;
	if (read_filter(req, &flt, AUDIT_EXPORT_MAX + 1, json_array()) != 0)
		return;
	buf b;
	buf_init(&b);
	buf_puts(&b, "seq,at,actor,actor_id,action,record_type,record_id,purpose,detail,address,"
		     "request_id\r\n");
	export_out x = {&b, 0};
	int rc = store_audit_list(c->db, &flt, export_row, &x);
	if (rc == DB_OK && b.failed)
		rc = DB_NOMEM;
	if (rc == DB_OK && x.rows > AUDIT_EXPORT_MAX) {
		buf_free(&b);
		http_reply_problem(req, 422, "Unprocessable Content",
				   "more than 50000 entries match: narrow the filters (a shorter "
				   "time, one person or one action) and export again",
				   NULL);
		return;
	}
	/* Taking the log out is recorded like reading it, with what was taken. */
	json_t *detail = rc == DB_OK ? filter_detail(&flt) : NULL;
	if (detail)
		json_object_set_new(detail, "entries", json_integer(x.rows));
	if (rc == DB_OK)
		rc = api_audit(req, "audit_exported", NULL, flt.record_id, NULL, detail);
	if (rc == DB_OK) {
		http_reply_header(req, "Content-Disposition", "attachment; filename=\"audit-log.csv\"");
		http_reply_bytes(req, 200, "text/csv; charset=utf-8", buf_str(&b), b.len);
	} else {
		api_db_fail(req, rc);
	}
	buf_free(&b);
}

void api_audit_verification(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	int64_t count = 0, bad = 0;
	char why[160] = "";
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	/* The check's own entry is written first: appending takes the chain's
	 * head, so no other entry joins the chain while it is walked, and the
	 * walk (which includes this entry) sees one consistent chain. */
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = api_audit(req, "audit_verified", NULL, NULL, NULL, NULL);
	int walked = rc == DB_OK ? store_audit_verify(c->db, &count, &bad, why, sizeof why) : rc;
	if (walked != DB_OK && walked != DB_DONE)
		rc = walked;
	json_t *out = NULL;
	if (rc == DB_OK && walked == DB_OK)
		out = json_pack("{s:b, s:I, s:s}", "intact", 1, "entries", (json_int_t)count,
				"checked_at", now);
	else if (rc == DB_OK)
		out = json_pack("{s:b, s:I, s:I, s:s, s:s}", "intact", 0, "entries",
				(json_int_t)count, "broken_at", (json_int_t)bad, "problem", why,
				"checked_at", now);
	api_write_end(req, rc, 200, out);
}
