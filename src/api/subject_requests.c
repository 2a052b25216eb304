/* Requests from the people recorded (issue 21), for the force's records
 * managers only: opening one with its due date, the list of open ones by
 * due date, reading one with its decisions, an extension with its reason,
 * closing, erasure (refused with reasons while a policing purpose or a
 * hold remains), and the rectification and restriction of a person's
 * record. Every change and every read of a person's name is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/people.h"
#include "api/person_names.h"
#include "domain/subject_requests.h"
#include "lib/clock.h"
#include "lib/log.h"
#include "lib/oom.h"
#include "store/disposal.h"
#include "store/nrm.h"
#include "store/people.h"
#include "store/subject_requests.h"

#define NOUN "subject request"

/* How a request may be closed. */
static const char *const OUTCOMES[] = {"answered", "partly_answered", "refused", "withdrawn",
                                       "no_data_held"};

static int outcome_valid(const char *s)
{
	for (size_t i = 0; s && i < sizeof OUTCOMES / sizeof OUTCOMES[0]; i++)
		if (strcmp(OUTCOMES[i], s) == 0)
			return 1;
	return 0;
}

static json_t *request_json(const sr_rec *r, const char *today)
{
	const char *due = r->extended_due_on ? r->extended_due_on : r->due_on;
	int open = strcmp(r->status, "open") == 0;
	return json_pack(
	    "{s:s, s:{s:s, s:s?}, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:b, s:s?, s:s?, "
	    "s:s, s:I}",
	    "id", r->id, "person", "id", r->person_id, "name", r->person_name, "kind", r->kind,
	    "regime", r->regime, "received_on", r->received_on, "identity_verified_on",
	    r->identity_verified_on, "channel", r->channel, "due", r->due_on, "extended_due",
	    r->extended_due_on, "extension_reason", r->extension_reason, "status", r->status,
	    "overdue", open && strcmp(today, due) > 0, "closed_on", r->closed_on, "outcome",
	    r->outcome, "created_at", r->created_at, "version", (json_int_t)r->version);
}

/* The bank holidays the due dates count out, in the request's memory. */
static int load_holidays(http_req *req, holidays *h)
{
	long *days = NULL;
	int n = 0;
	int rc = store_bank_holidays(api_ctx_of(req)->db, http_req_arena(req), &days, &n);
	*h = (holidays){days, n};
	return rc;
}

typedef struct force_ctx {
	const char *org_id;
	int in;
} force_ctx;

static int part_in_force(const person_part *part, void *arg)
{
	force_ctx *x = arg;
	if (part->org_id && strcmp(part->org_id, x->org_id) == 0)
		x->in = 1;
	return 0;
}

/* The person id names, when their record is held by the user's force
 * (recorded by one of its teams, or in one of its cases): DB_ROW, DB_DONE
 * when absent or another force's, or an error. */
static int person_of_force(http_req *req, const char *id, person_rec *p)
{
	api_ctx *c = api_ctx_of(req);
	int rc = id ? store_person_get(c->db, http_req_arena(req), id, p) : DB_DONE;
	if (rc != DB_ROW)
		return rc;
	force_ctx x = {c->user.org_id, strcmp(p->org_id, c->user.org_id) == 0};
	rc = x.in ? DB_OK : store_person_parts(c->db, p->id, c->user.id, part_in_force, &x);
	return rc != DB_OK ? rc : x.in ? DB_ROW : DB_DONE;
}

/* Loads the request {id} when the user may take the action on it (their
 * force's): 0, or replies (403, 404, 503) and -1. */
static int load_request(http_req *req, access_action a, sr_rec *r)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_sr_get(c->db, http_req_arena(req), http_req_param(req, "id"), r);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	unsigned rel = rc == DB_ROW ? api_relate(req, r->org_id, NULL, NULL, 0) : 0;
	return api_allow(req, KIND_SUBJECT_REQUEST, a, rel, NOUN);
}

/* Within the write: the decision and its audit entry (detail taken). */
static int decide(http_req *req, const sr_rec *r, const char *kind, const char *action,
                  json_t *detail)
{
	api_ctx *c = api_ctx_of(req);
	const char *text = api_json_text(req, detail);
	if (!text) {
		json_decref(detail);
		return DB_NOMEM;
	}
	sr_decision x = {.request_id = r->id, .kind = kind, .detail = text};
	memcpy(x.decided_by, c->user.id, SECURE_ID_LEN);
	int rc = store_sr_decision_add(c->db, &x);
	if (rc == DB_OK)
		json_object_set_new(detail, "request_id", json_string(r->id));
	if (rc == DB_OK)
		return api_audit(req, action, "subject_request", r->id, NULL, detail);
	json_decref(detail);
	return rc;
}

void api_subject_request_create(http_req *req)
{
	static const jv_field fields[] = {
	    {"person_id", JV_STRING, 1, FIELD_ID},
	    {"kind", JV_STRING, 1, FIELD_CHOICE},
	    {"regime", JV_STRING, 1, FIELD_CHOICE},
	    {"received_on", JV_STRING, 1, FIELD_DATE},
	    {"identity_verified_on", JV_STRING, 1, FIELD_DATE},
	    {"channel", JV_STRING, 1, FIELD_NAME},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	json_t *errors = json_array();
	sr_kind kind;
	sr_regime regime;
	if (sr_kind_parse(jv_str(body, "kind"), &kind) != 0)
		jv_error(errors, "kind", "must be access, rectification, erasure or restriction");
	if (sr_regime_parse(jv_str(body, "regime"), &regime) != 0)
		jv_error(errors, "regime", "must be part3 (law enforcement processing) or uk_gdpr");
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	const char *field = NULL;
	sr_input_verdict v = sr_dates_check(jv_str(body, "received_on"),
	                                    jv_str(body, "identity_verified_on"), today, &field);
	if (v == SR_INPUT_NOT_A_DATE)
		jv_error(errors, field, "must be a real date, YYYY-MM-DD");
	else if (v == SR_INPUT_FUTURE)
		jv_error(errors, field, "must be today or earlier");
	else if (v == SR_INPUT_BEFORE_ACT)
		jv_error(errors, field,
		         "must be on or after 25 May 2018, when the Data Protection Act 2018 came into force");
	else if (v == SR_INPUT_IDENTITY_EARLY)
		jv_error(errors, field, "must be on or after the day the request was received");
	const char *channel = api_name(body, "channel", errors);
	person_rec p;
	int rc = person_of_force(req, jv_str(body, "person_id"), &p);
	if (rc != DB_ROW && rc != DB_DONE) {
		json_decref(errors);
		api_db_fail(req, rc);
		return;
	}
	if (rc == DB_DONE)
		jv_error(errors, "person_id", "there is no such person");
	if (api_reject(req, errors))
		return;
	holidays h;
	sr_rec r = {0};
	char due[DATE_LEN];
	rc = load_holidays(req, &h);
	if (rc == DB_OK && sr_due(regime, jv_str(body, "received_on"),
	                          jv_str(body, "identity_verified_on"), 1, &h, due) != 0)
		rc = DB_ERR;
	memcpy(r.org_id, c->user.org_id, SECURE_ID_LEN);
	memcpy(r.person_id, p.id, SECURE_ID_LEN);
	memcpy(r.created_by, c->user.id, SECURE_ID_LEN);
	r.kind = sr_kind_name(kind);
	r.regime = sr_regime_name(regime);
	r.received_on = jv_str(body, "received_on");
	r.identity_verified_on = jv_str(body, "identity_verified_on");
	r.channel = channel;
	r.due_on = due;
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_sr_add(c->db, &r);
	if (rc == DB_OK)
		rc = api_audit(req, "subject_request_opened", "subject_request", r.id, NULL,
		               json_pack("{s:s, s:s, s:s, s:s}", "person_id", r.person_id, "kind",
		                         r.kind, "regime", r.regime, "due", due));
	sr_rec stored;
	if (rc == DB_OK && (rc = store_sr_get(c->db, http_req_arena(req), r.id, &stored)) == DB_ROW)
		rc = DB_OK;
	json_t *out = rc == DB_OK ? request_json(&stored, today) : NULL;
	if (out) {
		json_object_set_new(out, "decisions", json_array());
		char loc[96];
		snprintf(loc, sizeof loc, "/api/v1/subject-requests/%s", r.id);
		http_reply_header(req, "Location", loc);
		api_etag(req, stored.version);
	}
	api_write_end(req, rc, 201, out);
}

typedef struct list_ctx {
	json_t *items;
	const char *today;
} list_ctx;

static int add_request(const sr_rec *r, void *arg)
{
	list_ctx *x = arg;
	json_t *j = request_json(r, x->today);
	return j && json_array_append_new(x->items, j) == 0 ? 0 : DB_NOMEM;
}

void api_subject_requests_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	const char *status = http_req_query(req, "status");
	json_t *errors = json_array();
	if (status && strcmp(status, "open") != 0 && strcmp(status, "closed") != 0)
		jv_error(errors, "status", "must be open or closed");
	api_page page;
	api_page_read(req, API_PAGE_DEFAULT, &page, errors);
	if (api_reject_query(req, errors) || api_allow_whole(req, KIND_SUBJECT_REQUEST, ACT_READ,
	                                                     "the force's subject requests") != 0)
		return;
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	list_ctx x = {api_keep(req, json_array()), today};
	json_t *out = api_keep(req, json_object());
	int rc = x.items && out ? store_sr_list(c->db, http_req_arena(req), c->user.org_id, status,
	                                        add_request, &x)
	                        : DB_NOMEM;
	/* The list names the people who asked: a read of their records. */
	if (rc == DB_OK)
		rc = api_audit(req, "subject_requests_listed", "org", c->user.org_id, NULL,
		               json_pack("{s:s?, s:I}", "status", status, "count",
		                         (json_int_t)json_array_size(x.items)));
	if (rc == DB_OK)
		rc = api_page_set(out, &page, x.items);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

static int add_decision(const sr_decision *d, void *arg)
{
	json_t *detail = json_loads(d->detail, 0, NULL);
	json_t *j = json_pack("{s:s, s:s, s:o, s:{s:s, s:s}, s:s}", "id", d->id, "kind", d->kind,
	                      "detail", detail ? detail : json_object(), "by", "id", d->decided_by,
	                      "name", d->decided_by_name, "at", d->decided_at);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

/* The request with its decisions, owned by the request; NULL with *rc set. */
static json_t *request_full(http_req *req, const sr_rec *r, int *rc)
{
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	json_t *out = api_keep(req, request_json(r, today));
	json_t *list = out ? json_array() : NULL;
	if (!list || json_object_set_new(out, "decisions", list) != 0) {
		*rc = DB_NOMEM;
		return NULL;
	}
	*rc =
	    store_sr_decisions(api_ctx_of(req)->db, http_req_arena(req), r->id, add_decision, list);
	return *rc == DB_OK ? out : NULL;
}

void api_subject_request_get(http_req *req)
{
	sr_rec r;
	if (load_request(req, ACT_READ, &r) != 0)
		return;
	int rc = api_audit(req, "subject_request_viewed", "subject_request", r.id,
	                   http_req_header(req, "X-Purpose"),
	                   json_pack("{s:s}", "person_id", r.person_id));
	json_t *out = rc == DB_OK ? request_full(req, &r, &rc) : NULL;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, r.version);
	http_reply_json(req, 200, json_incref(out));
}

/* The request as it is now, answered 412 (changed since it was read). */
static void request_stale(http_req *req, const char *id)
{
	sr_rec fresh;
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	int rc = store_sr_get(api_ctx_of(req)->db, http_req_arena(req), id, &fresh);
	if (rc == DB_ROW)
		api_stale(req, NOUN, fresh.version, request_json(&fresh, today));
	else
		api_db_fail(req, rc);
}

/* Loads {id} for a change at If-Match, open: 0, or replies (403, 404, 409,
 * 412, 428) and -1. */
static int load_open(http_req *req, sr_rec *r)
{
	int64_t version;
	if (load_request(req, ACT_WRITE, r) != 0 || api_if_match(req, &version) != 0)
		return -1;
	if (version != r->version) {
		request_stale(req, r->id);
		return -1;
	}
	if (strcmp(r->status, "open") != 0) {
		api_conflict(req, "the request is closed: nothing more may be decided on it");
		return -1;
	}
	return 0;
}

void api_subject_request_extend(http_req *req)
{
	static const jv_field fields[] = {
	    {"due", JV_STRING, 1, FIELD_DATE},
	    {"reason", JV_STRING, 1, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	sr_rec r;
	if (load_open(req, &r) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *due = jv_str(body, "due");
	const char *reason = api_name(body, "reason", errors);
	if (date_days(due) == DATE_INVALID)
		jv_error(errors, "due", "must be a real date, YYYY-MM-DD");
	holidays h;
	sr_regime regime = SR_PART3;
	char limit[DATE_LEN] = "", today[CLOCK_DATE_LEN];
	clock_today(today);
	int rc = load_holidays(req, &h);
	if (rc == DB_OK &&
	    (sr_regime_parse(r.regime, &regime) != 0 ||
	     sr_due(regime, r.received_on, r.identity_verified_on, 3, &h, limit) != 0))
		rc = DB_ERR;
	if (rc != DB_OK) {
		json_decref(errors);
		api_db_fail(req, rc);
		return;
	}
	sr_extend_verdict v =
	    json_array_size(errors)
	        ? SR_EXTEND_OK
	        : sr_extension_check(r.due_on, limit, r.extended_due_on != NULL, today, due);
	if (v == SR_EXTEND_AGAIN || v == SR_EXTEND_TOO_LATE) {
		json_decref(errors);
		api_conflict(req, sr_extend_text(v));
		return;
	}
	if (v == SR_EXTEND_TOO_FAR) {
		char msg[200];
		snprintf(msg, sizeof msg, "%s: the latest it may be is %s", sr_extend_text(v),
		         limit);
		jv_error(errors, "due", msg);
	} else if (v != SR_EXTEND_OK) {
		jv_error(errors, "due", sr_extend_text(v));
	}
	if (api_reject(req, errors))
		return;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_sr_extend(c->db, &r, due, reason);
	if (rc == DB_DONE) {
		request_stale(req, r.id);
		return;
	}
	if (rc == DB_OK)
		rc = decide(
		    req, &r, "extended", "subject_request_extended",
		    json_pack("{s:s, s:s, s:s}", "from", r.due_on, "due", due, "reason", reason));
	if (rc == DB_OK && (rc = store_sr_get(c->db, http_req_arena(req), r.id, &r)) == DB_ROW)
		rc = DB_OK;
	json_t *out = rc == DB_OK ? request_full(req, &r, &rc) : NULL;
	if (rc == DB_OK)
		api_etag(req, r.version);
	api_write_end(req, rc, 200, json_incref(out));
}

void api_subject_request_close(http_req *req)
{
	static const jv_field fields[] = {
	    {"outcome", JV_STRING, 1, FIELD_CHOICE},
	    {"reason", JV_STRING, 1, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	sr_rec r;
	if (load_open(req, &r) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *outcome = jv_str(body, "outcome");
	const char *reason = api_name(body, "reason", errors);
	if (!outcome_valid(outcome))
		jv_error(errors, "outcome",
		         "must be answered, partly_answered, refused, withdrawn or no_data_held");
	if (api_reject(req, errors))
		return;
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_sr_close(c->db, &r, outcome, today);
	if (rc == DB_DONE) {
		request_stale(req, r.id);
		return;
	}
	if (rc == DB_OK)
		rc = decide(req, &r, "closed", "subject_request_closed",
		            json_pack("{s:s, s:s}", "outcome", outcome, "reason", reason));
	if (rc == DB_OK && (rc = store_sr_get(c->db, http_req_arena(req), r.id, &r)) == DB_ROW)
		rc = DB_OK;
	json_t *out = rc == DB_OK ? request_full(req, &r, &rc) : NULL;
	if (rc == DB_OK)
		api_etag(req, r.version);
	api_write_end(req, rc, 200, json_incref(out));
}

static int add_obstacle(const char *kind, const char *reference, const char *what,
                        const char *detail, void *arg)
{
	char text[FIELD_NOTE + 200];
	if (strcmp(kind, "hold") == 0)
		snprintf(text, sizeof text, "case %s is under a legal hold (%s): %s", reference,
		         what ? what : "", detail ? detail : "");
	else if (strcmp(kind, "missing") == 0)
		snprintf(text, sizeof text,
		         "the person is missing now (last seen %.10s) and has not been found", what ? what : "");
	else
		snprintf(
		    text, sizeof text,
		    "the person appears in case %s (%s), as %s, which has not been disposed of",
		    reference, what ? what : "", detail ? detail : "");
	return json_array_append_new(arg, json_string(text)) == 0 ? 0 : DB_NOMEM;
}

/* Erasure: refused, the request closed with the reasons, where a policing
 * purpose or a hold remains; otherwise the person's record disposed of
 * (store_dispose_person), the request closed, and the files scrubbed. */
void api_subject_request_erasure(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	sr_rec r;
	if (load_request(req, ACT_DECIDE, &r) != 0)
		return;
	if (strcmp(r.kind, "erasure") != 0) {
		api_conflict(req, "the request is not one for erasure");
		return;
	}
	if (strcmp(r.status, "open") != 0) {
		api_conflict(req, "the request is closed: nothing more may be decided on it");
		return;
	}
	char today[CLOCK_DATE_LEN], now[CLOCK_ISO_LEN];
	clock_today(today);
	clock_now_iso(now);
	json_t *reasons = api_keep(req, json_array());
	int rc = reasons ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_person_erasure_obstacles(c->db, r.person_id, add_obstacle, reasons);
	int refused = json_array_size(reasons) > 0;
	disposal_result res = {0};
	if (rc == DB_OK && !refused) {
		disposal_decision dec = {.actor_id = c->user.id,
		                         .reason = "erasure on the person's request",
		                         .request_id = r.id,
		                         .now = now};
		rc = store_dispose_person(c->db, r.person_id, &dec, &res);
		if (rc == DB_DONE) {
			api_conflict(req, "no record of the person remains to be erased");
			return;
		}
	}
	if (rc == DB_OK)
		rc = store_sr_close(c->db, &r, refused ? "refused" : "erased", today);
	if (rc == DB_DONE) {
		request_stale(req, r.id);
		return;
	}
	if (rc == DB_OK && refused)
		rc = decide(req, &r, "erasure_refused", "subject_request_erasure_refused",
		            json_pack("{s:O}", "reasons", reasons));
	else if (rc == DB_OK)
		rc = decide(req, &r, "erased", "subject_request_erased",
		            json_pack("{s:i, s:i}", "people_disposed", res.people_disposed, "rows",
		                      res.rows));
	/* The answer is made before the commit, as api_write_end makes it:
	 * nothing after the commit may fail the request. */
	json_t *out = NULL;
	if (rc == DB_OK) {
		int got = store_sr_get(c->db, http_req_arena(req), r.id, &r);
		rc = got == DB_ROW ? DB_OK : got == DB_DONE ? DB_ERR : got;
	}
	if (rc == DB_OK)
		out = request_full(req, &r, &rc);
	json_t *answer = rc == DB_OK ? json_pack("{s:s, s:O, s:O}", "outcome", refused ? "refused" : "erased",
						 "reasons", reasons, "request", out)
				     : NULL;
	char *text = NULL;
	if (rc == DB_OK && !(answer && (text = oom_json_dumps(answer, JSON_COMPACT))))
		rc = DB_NOMEM;
	json_decref(answer);
	if (api_commit(req, rc) != 0) {
		free(text);
		return;
	}
	http_reply_bytes(req, 200, "application/json", text, strlen(text));
	free(text);
	/* After the commit: what the disposal freed leaves no trace in the
	 * files. A scrub cut short is finished by the next. */
	disposal_scrub_report rep;
	if (!refused && store_disposal_scrub(c->db, api_documents_blobs(), 2000, &rep) != DB_OK)
		log_msg("warn", "request %s: the scrub after an erasure did not finish: %s", http_req_id(req),
			db_errmsg(c->db));
}

/* Loads the person {id} for a records manager's decision: held by their
 * force, else 404; 0 or -1 having replied. */
static int load_person(http_req *req, person_rec *p)
{
	int rc = person_of_force(req, http_req_param(req, "id"), p);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	unsigned rel =
	    rc == DB_ROW ? api_relate(req, api_ctx_of(req)->user.org_id, NULL, NULL, 0) : 0;
	return api_allow(req, KIND_SUBJECT_REQUEST, ACT_WRITE, rel, "person");
}

/* The open request of the body's request_id, of the user's force, about
 * the person and of the kind: 0 with *r; or -1 having replied (422 on
 * request_id; 409 when it is closed). */
static int load_request_for(http_req *req, const char *id, const person_rec *p, const char *kind,
                            sr_rec *r)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_sr_get(c->db, http_req_arena(req), id, r);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	const char *why = rc == DB_DONE || strcmp(r->org_id, c->user.org_id) != 0
	                      ? "there is no such request"
	                  : strcmp(r->person_id, p->id) != 0 ? "is a request about someone else"
	                  : strcmp(r->kind, kind) != 0       ? NULL
	                                                     : "";
	if (!why) {
		char msg[96];
		snprintf(msg, sizeof msg, "is not a request for %s", kind);
		api_refuse_field(req, 422, "request_id", msg, NULL);
		return -1;
	}
	if (why[0]) {
		api_refuse_field(req, 422, "request_id", why, NULL);
		return -1;
	}
	if (strcmp(r->status, "open") != 0) {
		api_conflict(req, "the request is closed: nothing more may be decided on it");
		return -1;
	}
	return 0;
}

/* The person as a records manager is answered: their record without the
 * safe contact (how and when a victim may be reached safely), which is
 * never corrected this way and which a records manager, who reads no
 * person records, has no need of. NULL when memory runs out. */
static json_t *person_for_request(const person_rec *p)
{
	json_t *j = api_person_json(p);
	if (j)
		json_object_del(j, "safe_contact");
	return j;
}

/* An If-Match the caller may send for the person: 0, or -1 having replied
 * 412 when it names another version (or 400 when it is not one). */
static int person_if_match(http_req *req, const person_rec *p)
{
	if (!http_req_header(req, "If-Match"))
		return 0;
	int64_t version;
	if (api_if_match(req, &version) != 0)
		return -1;
	if (version != p->version) {
		api_stale(req, "person", p->version, person_for_request(p));
		return -1;
	}
	return 0;
}

/* The person as they are now, for the answer (the request owns it). */
static json_t *person_now(http_req *req, const char *id, int *rc)
{
	person_rec p;
	*rc = store_person_get(api_ctx_of(req)->db, http_req_arena(req), id, &p);
	if (*rc != DB_ROW)
		return NULL;
	*rc = DB_OK;
	api_etag(req, p.version);
	json_t *j = api_keep(req, person_for_request(&p));
	if (!j)
		*rc = DB_NOMEM;
	return j;
}

void api_person_rectification(http_req *req)
{
	static const jv_field fields[] = {
	    {"request_id", JV_STRING, 1, FIELD_ID},
	    {"field", JV_STRING, 1, FIELD_CHOICE},
	    {"corrected", JV_STRING, 1, FIELD_LINE},
	    {"note", JV_STRING, 1, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	person_rec cur, next;
	sr_rec r;
	if (load_person(req, &cur) != 0 || person_if_match(req, &cur) != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body ||
	    load_request_for(req, jv_str(body, "request_id"), &cur, "rectification", &r) != 0)
		return;
	json_t *errors = json_array();
	const char *field = jv_str(body, "field");
	const char *note = api_name(body, "note", errors);
	if (api_person_rectify(req, &cur, field, jv_str(body, "corrected"), errors, &next) != 0 &&
	    !json_array_size(errors)) {
		json_decref(errors);
		api_db_fail(req, DB_NOMEM);
		return;
	}
	if (api_reject(req, errors))
		return;
	/* The rectification as the record lists it: which field, why, when;
	 * the values are in the record's history. */
	char at[CLOCK_ISO_LEN], id[SECURE_ID_LEN];
	clock_now_iso(at);
	secure_id(id);
	json_t *list =
	    api_keep(req, json_loads(cur.rectifications ? cur.rectifications : "[]", 0, NULL));
	json_t *entry = list ? json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "request_id", r.id,
	                                 "field", field, "note", note, "at", at)
	                     : NULL;
	int rc = list && entry && json_array_append_new(list, entry) == 0 ? DB_OK : DB_NOMEM;
	const char *text = rc == DB_OK ? api_json_text(req, list) : NULL;
	name_index *ix = arena_alloc(http_req_arena(req), sizeof *ix);
	if (ix)
		person_name_index(&next, ix);
	json_t *detail = api_keep(req, json_array());
	if (!text || !ix || !detail)
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_update(c->db, &next, ix);
	if (rc == DB_OK)
		rc = store_person_rectifications(c->db, cur.id, &next.version, text);
	if (rc == DB_DONE) {
		api_refuse(req, 412, "Precondition Failed",
		           "the person changed while this was recorded: read them again");
		return;
	}
	if (rc == DB_OK)
		rc = api_person_changes(req, &cur, &next, 0, detail);
	if (rc == DB_OK)
		rc = api_audit(req, "person_rectified", "person", cur.id, NULL,
		               json_pack("{s:s, s:s, s:O}", "request_id", r.id, "field", field,
		                         "fields", detail));
	if (rc == DB_OK)
		rc = decide(req, &r, "rectified", "subject_request_rectified",
		            json_pack("{s:s, s:s, s:s}", "person_id", cur.id, "field", field,
		                      "note", note));
	json_t *out = rc == DB_OK ? person_now(req, cur.id, &rc) : NULL;
	api_write_end(req, rc, 201, json_incref(out));
}

void api_person_restrict(http_req *req)
{
	static const jv_field fields[] = {
	    {"request_id", JV_STRING, 1, FIELD_ID},
	    {"reason", JV_STRING, 1, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	sr_rec r;
	if (load_person(req, &p) != 0 || person_if_match(req, &p) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body || load_request_for(req, jv_str(body, "request_id"), &p, "restriction", &r) != 0)
		return;
	json_t *errors = json_array();
	const char *reason = api_name(body, "reason", errors);
	if (api_reject(req, errors))
		return;
	if (p.restricted_since) {
		api_conflict(req, "the person's record is restricted already");
		return;
	}
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_restrict(c->db, p.id, &p.version, today, reason, r.id);
	if (rc == DB_DONE) {
		api_refuse(req, 412, "Precondition Failed",
		           "the person changed while this was recorded: read them again");
		return;
	}
	if (rc == DB_OK)
		rc = api_history_change(req, api_keep(req, json_array()), "person", p.id,
		                        "restricted", NULL, reason);
	if (rc == DB_OK)
		rc = api_audit(req, "person_restricted", "person", p.id, NULL,
		               json_pack("{s:s, s:s}", "request_id", r.id, "reason", reason));
	if (rc == DB_OK)
		rc = decide(req, &r, "restricted", "subject_request_restricted",
		            json_pack("{s:s, s:s}", "person_id", p.id, "reason", reason));
	json_t *out = rc == DB_OK ? person_now(req, p.id, &rc) : NULL;
	api_write_end(req, rc, 201, json_incref(out));
}

void api_person_unrestrict(http_req *req)
{
	static const jv_field fields[] = {{"reason", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	if (load_person(req, &p) != 0 || person_if_match(req, &p) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *reason = api_name(body, "reason", errors);
	if (api_reject(req, errors))
		return;
	if (!p.restricted_since) {
		api_conflict(req, "the person's record is not restricted");
		return;
	}
	/* The request that asked for it, when it is still open, records the lifting. */
	sr_rec r;
	const char *request_id = NULL;
	int rc = db_begin(c->db);
	char rid[SECURE_ID_LEN] = "";
	if (rc == DB_OK &&
	    db_get_text(c->db, "SELECT restriction_request_id FROM people WHERE id = $1", 1,
	                (const char *[]){p.id}, rid, sizeof rid) == DB_ROW &&
	    rid[0] && store_sr_get(c->db, http_req_arena(req), rid, &r) == DB_ROW &&
	    strcmp(r.status, "open") == 0)
		request_id = r.id;
	if (rc == DB_OK)
		rc = store_person_restrict(c->db, p.id, &p.version, NULL, NULL, NULL);
	if (rc == DB_DONE) {
		api_refuse(req, 412, "Precondition Failed",
		           "the person changed while this was recorded: read them again");
		return;
	}
	if (rc == DB_OK)
		rc = api_history_change(req, api_keep(req, json_array()), "person", p.id,
		                        "restricted", p.restriction_reason, NULL);
	if (rc == DB_OK)
		rc = api_audit(
		    req, "person_restriction_lifted", "person", p.id, NULL,
		    json_pack("{s:s, s:s?}", "reason", reason, "request_id", rid[0] ? rid : NULL));
	if (rc == DB_OK && request_id)
		rc = decide(req, &r, "restriction_lifted", "subject_request_restriction_lifted",
		            json_pack("{s:s, s:s}", "person_id", p.id, "reason", reason));
	json_t *out = rc == DB_OK ? person_now(req, p.id, &rc) : NULL;
	api_write_end(req, rc, 200, json_incref(out));
}
