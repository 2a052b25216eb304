/* Retention, review and disposal (issue 21): the retention rules (every
 * signed-in role reads them, an administrator changes the periods), a
 * case's and its people's group and next review, legal holds, reviews that
 * retain or dispose, the records managers' worklist, the figures and the
 * stubs of what was disposed of. A records manager sees only what a review
 * needs: the reference, dates, status, exploitation types, and the names
 * and parts of the people; never notes, sealed fields or documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/orders.h"
#include "domain/retention.h"
#include "domain/stats.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "lib/log.h"
#include "lib/oom.h"
#include "store/cases.h"
#include "store/disposal.h"
#include "store/orders.h"
#include "store/retention.h"

/* ---- the rules in force ---- */

typedef struct rule_set {
	int64_t version;
	int review[RETENTION_NGROUPS], clear[RETENTION_NGROUPS];
} rule_set;

/* The periods in force: the defaults with an administrator's latest change
 * over them. DB_OK or an error. */
static int rules_load(http_req *req, rule_set *s)
{
	s->version = 1;
	for (int g = 0; g < RETENTION_NGROUPS; g++) {
		s->review[g] = retention_rule_default((retention_group)g)->review_years;
		s->clear[g] = retention_rule_default((retention_group)g)->clear_years;
	}
	const char *text = NULL;
	int rc =
	    store_retention_rules_get(api_ctx_of(req)->db, http_req_arena(req), &s->version, &text);
	if (rc == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	json_t *list = api_keep(req, json_loads(text ? text : "[]", 0, NULL)), *x;
	size_t i;
	json_array_foreach(list, i, x)
	{
		retention_group g;
		if (retention_group_parse(jv_str(x, "group"), &g) != 0)
			continue;
		s->review[g] = (int)json_integer_value(json_object_get(x, "review_years"));
		s->clear[g] = (int)json_integer_value(json_object_get(x, "clear_years"));
	}
	return DB_OK;
}

static json_t *rules_json(const rule_set *s)
{
	json_t *rules = json_array();
	for (int g = 0; g < RETENTION_NGROUPS; g++) {
		const retention_rule *r = retention_rule_default((retention_group)g);
		json_array_append_new(rules,
		                      json_pack("{s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:{s:i, s:i}}",
		                                "group", r->code, "name", r->name, "applies_to",
		                                r->applies_to, "review_years", s->review[g],
		                                "clear_years", s->clear[g], "disposal", r->disposal,
		                                "source", r->source, "default", "review_years",
		                                r->review_years, "clear_years", r->clear_years));
	}
	return json_pack("{s:I, s:o}", "version", (json_int_t)s->version, "rules", rules);
}

void api_retention_rules_get(http_req *req)
{
	rule_set s;
	int rc = rules_load(req, &s);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, s.version);
	http_reply_json(req, 200, rules_json(&s));
}

void api_retention_rules_put(http_req *req)
{
	static const jv_field fields[] = {{"rules", JV_ARRAY, 1, 0}};
	api_ctx *c = api_ctx_of(req);
	int64_t version;
	if (api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	rule_set s;
	int rc = rules_load(req, &s);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array(), *list = json_object_get(body, "rules"), *x;
	int seen[RETENTION_NGROUPS] = {0};
	size_t i;
	if (json_array_size(list) == 0)
		jv_error(errors, "rules", "name at least one group and its periods");
	json_array_foreach(list, i, x)
	{
		char field[64];
		retention_group g;
		json_t *rv = json_object_get(x, "review_years"),
		       *cv = json_object_get(x, "clear_years");
		snprintf(field, sizeof field, "rules[%zu].group", i);
		if (!json_is_object(x) || retention_group_parse(jv_str(x, "group"), &g) != 0) {
			jv_error(errors, field, "must be group_1, group_2 or group_3");
			continue;
		}
		if (seen[g]++) {
			jv_error(errors, field, "names a group already given");
			continue;
		}
		snprintf(field, sizeof field, "rules[%zu].review_years", i);
		if (!json_is_integer(rv) || json_integer_value(rv) < 1 ||
		    json_integer_value(rv) > RETENTION_MAX_YEARS)
			jv_error(errors, field, "must be a whole number of years, 1 to 100");
		else
			s.review[g] = (int)json_integer_value(rv);
		snprintf(field, sizeof field, "rules[%zu].clear_years", i);
		if (cv && !json_is_null(cv) &&
		    (!json_is_integer(cv) || json_integer_value(cv) < 0 ||
		     json_integer_value(cv) > RETENTION_MAX_YEARS))
			jv_error(errors, field, "must be a whole number of years, 0 (none) to 100");
		else if (cv && json_is_integer(cv))
			s.clear[g] = (int)json_integer_value(cv);
	}
	if (api_reject(req, errors))
		return;
	if (version != s.version) {
		api_stale(req, "retention rules", s.version, rules_json(&s));
		return;
	}
	json_t *saved = json_array();
	for (int g = 0; g < RETENTION_NGROUPS; g++)
		json_array_append_new(saved, json_pack("{s:s, s:i, s:i}", "group",
		                                       retention_group_code((retention_group)g),
		                                       "review_years", s.review[g], "clear_years",
		                                       s.clear[g]));
	const char *text = api_json_text(req, api_keep(req, saved));
	rc = text ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK &&
	    (rc = store_retention_rules_put(c->db, s.version + 1, text, c->user.id)) == DB_DONE) {
		db_rollback(c->db);
		api_stale(req, "retention rules", s.version, rules_json(&s));
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(
		    req, "retention_rules_changed", "retention_rules", NULL, NULL,
		    json_pack("{s:I, s:O}", "version", (json_int_t)s.version + 1, "rules", saved));
	s.version++;
	if (rc == DB_OK)
		api_etag(req, s.version);
	api_write_end(req, rc, 200, rules_json(&s));
}

/* ---- a case under review ---- */

/* Everything the retention view of a case is made from. */
typedef struct case_view {
	case_rec cr;
	case_dates dates;
	case_retention_rec ret;
	retention_group group;
	const char *reason;
	char next[DATE_LEN], today[DATE_LEN];
	json_t *holds; /* in force: automatic and placed */
	rule_set rules;
} case_view;

/* The strings of a JSON array text (or of the array at key of an object
 * text), kept by the request: their count, at most max. */
static size_t strings_of(http_req *req, const char *text, const char *key, const char **out,
                         size_t max)
{
	json_t *v = api_keep(req, json_loads(text ? text : "null", 0, NULL)), *x;
	if (key)
		v = json_object_get(v, key);
	size_t i, n = 0;
	json_array_foreach(v, i, x)
	{
		if (n < max && json_is_string(x))
			out[n++] = json_string_value(x);
	}
	return n;
}

/* The group the rules give a case of these facts, and why. */
static retention_group default_group(http_req *req, const char *types, const char *offences,
                                     int orders, const char **why)
{
	const char *t[16], *o[16];
	retention_facts f = {t, strings_of(req, types, NULL, t, 16), o,
	                     strings_of(req, offences, "codes", o, 16), orders};
	return retention_default_group(&f, why);
}

static int add_order_hold(const order_rec *o, void *arg)
{
	case_view *v = arg;
	if (!order_in_force(o->made_on, o->expires_on, v->today))
		return DB_OK;
	char reason[200];
	snprintf(reason, sizeof reason, "a %s made on %s is in force %s%s",
	         !strcmp(o->kind, "stpo") || !strcmp(o->kind, "interim_stpo") ? "prevention order"
	                                                                      : "risk order",
	         o->made_on, o->expires_on ? "until " : "until further order",
	         o->expires_on ? o->expires_on : "");
	json_t *h =
	    json_pack("{s:n, s:s, s:s, s:s, s:s, s:b}", "id", "kind", "order_in_force", "reason",
	              reason, "owner", o->court, "placed_on", o->made_on, "automatic", 1);
	return h && json_array_append_new(v->holds, h) == 0 ? DB_OK : DB_NOMEM;
}

static int add_hold(const hold_rec *h, void *arg)
{
	case_view *v = arg;
	if (h->lifted_at)
		return DB_OK;
	char placed_on[DATE_LEN];
	snprintf(placed_on, sizeof placed_on, "%.10s", h->placed_at);
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:I}", "id", h->id, "kind", h->kind,
	                      "reason", h->reason, "owner", h->owner, "placed_on", placed_on,
	                      "automatic", 0, "version", (json_int_t)h->version);
	return j && json_array_append_new(v->holds, j) == 0 ? DB_OK : DB_NOMEM;
}

/* Loads the case named by {id} (within the records manager's reach for the
 * action) with its group, next review and holds in force. 0, or -1 having
 * replied (403, 404, 503). */
static int view_load(http_req *req, access_action a, case_view *v)
{
	api_ctx *c = api_ctx_of(req);
	memset(v, 0, sizeof *v);
	if (api_case_load(req, KIND_RETENTION, a, &v->cr, NULL) != 0)
		return -1;
	clock_today(v->today);
	int orders = 0, rc = rules_load(req, &v->rules);
	if (rc == DB_OK)
		rc = store_case_dates(c->db, v->cr.id, &v->dates);
	if (rc == DB_OK)
		rc = store_case_retention_get(c->db, http_req_arena(req), v->cr.id, &v->ret);
	if (rc == DB_OK)
		rc = store_case_order_count(c->db, v->cr.id, &orders);
	v->holds = api_keep(req, json_array());
	if (rc == DB_OK && !v->holds)
		rc = DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return -1;
	}
	if (v->ret.group && retention_group_parse(v->ret.group, &v->group) == 0) {
		v->reason = v->ret.reason;
	} else {
		v->group = default_group(req, v->cr.exploitation_types, v->cr.offences, orders,
		                         &v->reason);
	}
	if (retention_next_review(v->dates.opened_on, v->dates.closed_on, v->ret.next_review_on,
	                          v->rules.review[v->group], v->next) != 0)
		v->next[0] = '\0';
	if (strcmp(v->cr.status, "closed") != 0) {
		char reason[64];
		snprintf(reason, sizeof reason, "the case is open (%s)", v->cr.status);
		json_t *h =
		    json_pack("{s:n, s:s, s:s, s:s, s:s, s:b}", "id", "kind", "open_case", "reason",
		              reason, "owner", v->cr.lead_name ? v->cr.lead_name : v->cr.team_name,
		              "placed_on", v->dates.opened_on, "automatic", 1);
		if (!h || json_array_append_new(v->holds, h) != 0)
			rc = DB_NOMEM;
	}
	if (rc == DB_OK)
		rc = store_orders_by_case(c->db, http_req_arena(req), v->cr.id, add_order_hold, v);
	if (rc == DB_OK)
		rc = store_holds_by_case(c->db, http_req_arena(req), v->cr.id, add_hold, v);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return -1;
	}
	return 0;
}

typedef struct people_out {
	http_req *req;
	case_view *v;
	json_t *list;
} people_out;

static int add_person(const retention_person *p, void *arg)
{
	people_out *o = arg;
	retention_group g = o->v->group;
	int own = p->group && retention_group_parse(p->group, &g) == 0;
	char next[DATE_LEN] = "";
	if (own) {
		if (retention_next_review(o->v->dates.opened_on, o->v->dates.closed_on, NULL,
		                          o->v->rules.review[g], next) != 0)
			next[0] = '\0';
	} else {
		snprintf(next, sizeof next, "%s", o->v->next);
	}
	json_t *j =
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s?, s:I}", "person_id", p->person_id,
	              "name", p->name, "part", p->part, "group", retention_group_code(g), "reason",
	              own ? p->reason : "follows the case's group", "follows_case", !own,
	              "next_review_on", next[0] ? next : NULL, "version", (json_int_t)p->version);
	return j && json_array_append_new(o->list, j) == 0 ? DB_OK : DB_NOMEM;
}

static int add_review(const retention_review_rec *r, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:{s:s, s:s?}, s:s}", "id", r->id,
	                      "decision", r->decision, "group", r->group, "reason", r->reason,
	                      "next_review_on", r->next_review_on, "was_due_on", r->was_due_on,
	                      "decided_by", "id", r->decided_by, "name", r->decided_by_name,
	                      "decided_at", r->decided_at);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

static int add_lifted(const hold_rec *h, void *arg)
{
	if (!h->lifted_at)
		return DB_OK;
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", h->id, "kind", h->kind,
	                      "reason", h->reason, "owner", h->owner, "placed_at", h->placed_at,
	                      "lifted_at", h->lifted_at, "lift_reason", h->lift_reason);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

/* The case's retention view, owned by the request; NULL with *rc set. */
static json_t *view_json(http_req *req, case_view *v, int *rc)
{
	api_ctx *c = api_ctx_of(req);
	const char *types[16];
	size_t nt = strings_of(req, v->cr.exploitation_types, NULL, types, 16);
	json_t *tj = json_array();
	for (size_t i = 0; i < nt; i++)
		json_array_append_new(tj, json_string(types[i]));
	json_t *out = api_keep(
	    req,
	    json_pack("{s:s, s:s, s:s, s:s?, s:s, s:o, s:s, s:s, s:s?, s:s?, s:b, s:O, s:[], s:[], "
	              "s:[], s:I}",
	              "case_id", v->cr.id, "reference", v->cr.reference, "opened_on",
	              v->dates.opened_on, "closed_on",
	              v->dates.closed_on[0] ? v->dates.closed_on : NULL, "status", v->cr.status,
	              "exploitation_types", tj, "group", retention_group_code(v->group),
	              "group_name", retention_rule_default(v->group)->name, "reason", v->reason,
	              "next_review_on", v->next[0] ? v->next : NULL, "held",
	              json_array_size(v->holds) > 0, "holds", v->holds, "lifted_holds", "reviews",
	              "people", "version", (json_int_t)v->ret.version));
	if (!out) {
		*rc = DB_NOMEM;
		return NULL;
	}
	json_object_set_new(out, "group_set_by",
	                    json_string(v->ret.group ? "records_manager" : "rules"));
	people_out po = {req, v, json_object_get(out, "people")};
	*rc = store_retention_people(c->db, http_req_arena(req), v->cr.id, add_person, &po);
	if (*rc == DB_OK)
		*rc = store_retention_reviews_by_case(c->db, http_req_arena(req), v->cr.id,
		                                      add_review, json_object_get(out, "reviews"));
	if (*rc == DB_OK)
		*rc = store_holds_by_case(c->db, http_req_arena(req), v->cr.id, add_lifted,
		                          json_object_get(out, "lifted_holds"));
	return *rc == DB_OK ? out : NULL;
}

/* Whether a dispose decision was recorded for the case: 1, 0, or an error. */
static int disposed_of(http_req *req, const char *case_id, int *yes)
{
	int64_t n = 0;
	const char *p[] = {case_id};
	int rc = db_get_int(
	    api_ctx_of(req)->db,
	    "SELECT COUNT(*) FROM retention_reviews WHERE case_id = $1 AND decision = 'dispose'", 1,
	    p, &n);
	*yes = n > 0;
	return rc == DB_ROW ? DB_OK : rc;
}

/* Loads the case for the action, refusing one disposed of (404: there is
 * nothing left to review; its stub is in the disposals list). */
static int live_view(http_req *req, access_action a, case_view *v)
{
	if (view_load(req, a, v) != 0)
		return -1;
	int gone = 0, rc = disposed_of(req, v->cr.id, &gone);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return -1;
	}
	if (gone) {
		http_reply_problem(req, 404, "Not Found",
		                   "that case was disposed of; its stub is in /api/v1/disposals",
		                   NULL);
		return -1;
	}
	return 0;
}

void api_case_retention_get(http_req *req)
{
	case_view v;
	if (live_view(req, ACT_READ, &v) != 0)
		return;
	int rc = DB_OK;
	json_t *out = view_json(req, &v, &rc);
	/* The names of the people are personal data: the look is logged. */
	if (rc == DB_OK)
		rc = api_audit(req, "retention_viewed", "case", v.cr.id,
		               http_req_header(req, "X-Purpose"), NULL);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, v.ret.version);
	http_reply_json(req, 200, json_incref(out));
}

/* The reason a body gives: its text, or NULL having added why to errors. */
static const char *reason_of(json_t *body, json_t *errors)
{
	const char *r = jv_str(body, "reason");
	if (!r || !r[0] || strspn(r, " \t\r\n") == strlen(r)) {
		jv_error(errors, "reason", "say why");
		return NULL;
	}
	return r;
}

void api_case_retention_put(http_req *req)
{
	static const jv_field fields[] = {{"group", JV_STRING, 1, FIELD_CHOICE},
	                                  {"reason", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	case_view v;
	int64_t version;
	if (live_view(req, ACT_WRITE, &v) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	retention_group g;
	if (retention_group_parse(jv_str(body, "group"), &g) != 0)
		jv_error(errors, "group", "must be group_1, group_2 or group_3");
	const char *reason = reason_of(body, errors);
	if (api_reject(req, errors))
		return;
	int rc = DB_OK;
	if (version != v.ret.version) {
		api_stale(req, "case's retention record", v.ret.version,
		          json_incref(view_json(req, &v, &rc)));
		return;
	}
	const char *old = retention_group_code(v.group);
	v.ret.group = retention_group_code(g);
	v.ret.reason = reason;
	rc = db_begin(c->db);
	if (rc == DB_OK &&
	    (rc = store_case_retention_put(c->db, v.cr.id, &v.ret, c->user.id)) == DB_DONE) {
		api_stale(req, "case's retention record", version + 1,
		          json_pack("{s:s}", "case_id", v.cr.id));
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(
		    req, "retention_group_set", "case", v.cr.id, NULL,
		    json_pack("{s:s, s:s, s:s}", "from", old, "to", v.ret.group, "reason", reason));
	v.group = g;
	v.reason = reason;
	if (!v.ret.next_review_on && retention_next_review(v.dates.opened_on, v.dates.closed_on,
	                                                   NULL, v.rules.review[g], v.next) != 0)
		v.next[0] = '\0';
	json_t *out = rc == DB_OK ? view_json(req, &v, &rc) : NULL;
	if (rc == DB_OK)
		api_etag(req, v.ret.version);
	api_write_end(req, rc, 200, json_incref(out));
}

void api_person_retention_put(http_req *req)
{
	static const jv_field fields[] = {{"group", JV_STRING, 1, FIELD_CHOICE},
	                                  {"reason", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	case_view v;
	int64_t version;
	if (live_view(req, ACT_WRITE, &v) != 0)
		return;
	retention_person p;
	int rc = store_retention_person_get(c->db, http_req_arena(req), v.cr.id,
	                                    http_req_param(req, "person"), &p);
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "that person is not in this case", NULL);
		return;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return;
	}
	if (api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	retention_group g;
	if (retention_group_parse(jv_str(body, "group"), &g) != 0)
		jv_error(errors, "group", "must be group_1, group_2 or group_3");
	const char *reason = reason_of(body, errors);
	if (api_reject(req, errors))
		return;
	json_t *now = json_pack("{s:s, s:s?, s:s?, s:I}", "person_id", p.person_id, "group",
	                        p.group, "reason", p.reason, "version", (json_int_t)p.version);
	if (version != p.version) {
		api_stale(req, "person's retention record", p.version, now);
		return;
	}
	json_decref(now);
	rc = db_begin(c->db);
	if (rc == DB_OK &&
	    (rc = store_retention_person_put(c->db, v.cr.id, p.person_id, retention_group_code(g),
	                                     reason, version, c->user.id)) == DB_DONE) {
		api_stale(req, "person's retention record", version + 1,
		          json_pack("{s:s}", "person_id", p.person_id));
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "retention_group_set", "person", p.person_id, NULL,
		               json_pack("{s:s, s:s?, s:s, s:s}", "case_id", v.cr.id, "from",
		                         p.group, "to", retention_group_code(g), "reason", reason));
	char next[DATE_LEN] = "";
	if (retention_next_review(v.dates.opened_on, v.dates.closed_on, NULL, v.rules.review[g],
	                          next) != 0)
		next[0] = '\0';
	json_t *out = json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:b, s:s?, s:I}", "person_id", p.person_id, "name", p.name,
	    "part", p.part, "group", retention_group_code(g), "reason", reason, "follows_case", 0,
	    "next_review_on", next[0] ? next : NULL, "version", (json_int_t)version + 1);
	if (rc == DB_OK)
		api_etag(req, version + 1);
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	api_write_end(req, rc, 200, out);
}

/* ---- reviews ---- */

/* The holds' kinds and reasons, for a refusal's detail. */
static void holds_text(json_t *holds, char *out, size_t n)
{
	size_t at = (size_t)snprintf(out, n, "the case is held, so nothing of it is disposed of: ");
	json_t *h;
	size_t i;
	json_array_foreach(holds, i, h)
	{
		if (at < n)
			at += (size_t)snprintf(out + at, n - at, "%s%s (%s; %s)", i ? ", " : "",
			                       jv_str(h, "kind"), jv_str(h, "reason"),
			                       jv_str(h, "owner"));
	}
}

void api_retention_review_create(http_req *req)
{
	static const jv_field fields[] = {
	    {"decision", JV_STRING, 1, FIELD_CHOICE},
	    {"reason", JV_STRING, 1, FIELD_NOTE},
	    {"next_review_on", JV_STRING, 0, FIELD_DATE},
	};
	api_ctx *c = api_ctx_of(req);
	case_view v;
	if (live_view(req, ACT_DECIDE, &v) != 0)
		return;
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *decision = jv_str(body, "decision"), *next = jv_str(body, "next_review_on");
	char latest[DATE_LEN] = "";
	int retain = decision && !strcmp(decision, "retain"),
	    dispose = decision && !strcmp(decision, "dispose");
	if (!retain && !dispose)
		jv_error(errors, "decision", "must be retain or dispose");
	const char *reason = reason_of(body, errors);
	if (retain && !next)
		jv_error(errors, "next_review_on",
		         "a record retained needs the date of its next review");
	else if (retain && date_days(next) == DATE_INVALID)
		jv_error(errors, "next_review_on", "must be a real date, YYYY-MM-DD");
	else if (retain && date_days(next) <= date_days(v.today))
		jv_error(errors, "next_review_on", "must be after today");
	else if (retain && (date_add_years(v.today, v.rules.review[v.group], latest) != 0 ||
	                    date_days(next) > date_days(latest))) {
		/* A retain decision defers the next review, never past the
		 * group's review period: a far date (9999-12-31) would keep the
		 * record off every worklist for good. */
		char why[96];
		snprintf(why, sizeof why, "must be no later than %s, the group's review period on",
		         latest);
		jv_error(errors, "next_review_on", why);
	}
	else if (dispose && next)
		jv_error(errors, "next_review_on",
		         "a record disposed of has no next review: leave this out");
	if (api_reject(req, errors))
		return;
	if (dispose && json_array_size(v.holds) > 0) {
		char detail[1500];
		holds_text(v.holds, detail, sizeof detail);
		db_rollback(c->db);
		http_reply_problem_ext(req, 409, "Conflict", detail, NULL,
		                       json_pack("{s:O}", "holds", v.holds));
		return;
	}
	retention_review_rec r = {0};
	memcpy(r.case_id, v.cr.id, SECURE_ID_LEN);
	memcpy(r.org_id, v.cr.org_id, SECURE_ID_LEN);
	memcpy(r.decided_by, c->user.id, SECURE_ID_LEN);
	r.reference = v.cr.reference;
	r.opened_on = v.dates.opened_on;
	r.closed_on = v.dates.closed_on[0] ? v.dates.closed_on : NULL;
	r.group = retention_group_code(v.group);
	r.decision = decision;
	r.reason = reason;
	r.next_review_on = retain ? next : NULL;
	r.was_due_on = v.next[0] ? v.next : NULL;
	int rc = db_begin(c->db);
	/* The holds were read before the transaction: read again under the
	 * case's row, so that a hold placed, an order made or the case
	 * reopened since cannot be disposed of past. */
	int held = 0;
	if (rc == DB_OK && dispose && (rc = store_case_held_now(c->db, v.cr.id, v.today, &held)) == DB_OK &&
	    held) {
		db_rollback(c->db);
		api_conflict(req, "the case became held while the decision was made: read its holds again");
		return;
	}
	if (rc == DB_OK)
		rc = store_retention_review_add(c->db, &r);
	if (rc == DB_OK && retain) {
		v.ret.next_review_on = next;
		if ((rc = store_case_retention_put(c->db, v.cr.id, &v.ret, c->user.id)) == DB_DONE)
			rc = DB_BUSY; /* changed under us between the read and the write: try again
			               */
	}
	if (rc == DB_OK)
		rc = api_audit(req, retain ? "retention_retained" : "retention_dispose_decided",
		               "case", v.cr.id, NULL,
		               json_pack("{s:s, s:s, s:s?, s:s}", "review_id", r.id, "group",
		                         r.group, "next_review_on", r.next_review_on, "reason",
		                         reason));
	disposal_result res = {0};
	if (rc == DB_OK && dispose) {
		disposal_decision dec = {c->user.id, reason, r.group, r.id, NULL, r.decided_at};
		rc = store_dispose_case(c->db, v.cr.id, &dec, &res);
		if (rc == DB_DONE) {
			api_conflict(req, "that case was disposed of already");
			return;
		}
	}
	json_t *out = json_pack("{s:s, s:s, s:s?}", "id", r.id, "decision", decision,
	                        "next_review_on", r.next_review_on);
	if (out && dispose)
		json_object_set_new(out, "disposed",
		                    json_pack("{s:s, s:i, s:i, s:i, s:i, s:i}", "stub_id",
		                              res.stub_id, "people_disposed", res.people_disposed,
		                              "people_kept", res.people_kept, "documents",
		                              res.documents, "notes", res.notes, "rows", res.rows));
	if (!dispose) {
		if (rc == DB_OK && !out)
			rc = DB_NOMEM;
		api_write_end(req, rc, 201, out);
		return;
	}
	/* The scrub runs after the commit, outside the transaction, once the
	 * answer is queued (nothing it meets can change the answer: the
	 * disposal stands, and a scrub a reader kept from finishing is
	 * finished by the next); the answer goes out when the handler returns,
	 * so the client hears of the disposal after the scrub. */
	/* As api_write_end: the answer is written out before the commit. */
	char *text = NULL;
	if (rc == DB_OK && !(out && (text = oom_json_dumps(out, JSON_COMPACT))))
		rc = DB_NOMEM;
	json_decref(out);
	if (api_commit(req, rc) != 0) {
		free(text);
		return;
	}
	http_reply_bytes(req, 201, "application/json", text, strlen(text));
	free(text);
	disposal_scrub_report rep = {0};
	if (store_disposal_scrub(c->db, api_documents_blobs(), 2000, &rep) != DB_OK)
		log_msg("warn",
		        "request %s: the scrub after disposing of case %s did not finish: %s",
		        http_req_id(req), v.cr.id, db_errmsg(c->db));
}

/* ---- holds ---- */

void api_hold_create(http_req *req)
{
	static const jv_field fields[] = {
	    {"kind", JV_STRING, 1, FIELD_CHOICE},
	    {"reason", JV_STRING, 1, FIELD_NOTE},
	    {"owner", JV_STRING, 1, FIELD_NAME},
	};
	static const char *const kinds[] = {"litigation", "public_inquiry", "order",
	                                    "investigation", "other"};
	api_ctx *c = api_ctx_of(req);
	case_view v;
	if (live_view(req, ACT_WRITE, &v) != 0)
		return;
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	hold_rec h = {0};
	h.kind = jv_str(body, "kind");
	int known = 0;
	for (size_t i = 0; h.kind && i < sizeof kinds / sizeof kinds[0]; i++)
		known |= !strcmp(h.kind, kinds[i]);
	if (!known)
		jv_error(errors, "kind",
		         "must be litigation, public_inquiry, order, investigation or other");
	h.reason = reason_of(body, errors);
	h.owner = api_name(body, "owner", errors);
	if (api_reject(req, errors))
		return;
	memcpy(h.case_id, v.cr.id, SECURE_ID_LEN);
	memcpy(h.placed_by, c->user.id, SECURE_ID_LEN);
	int rc = db_begin(c->db);
	/* Under the case's row, as a disposal reads the holds. */
	if (rc == DB_OK)
		rc = store_case_lock(c->db, v.cr.id);
	if (rc == DB_OK)
		rc = store_hold_add(c->db, &h);
	if (rc == DB_OK)
		rc = api_audit(req, "legal_hold_placed", "case", v.cr.id, NULL,
		               json_pack("{s:s, s:s, s:s, s:s}", "hold_id", h.id, "kind", h.kind,
		                         "reason", h.reason, "owner", h.owner));
	char placed_on[DATE_LEN];
	snprintf(placed_on, sizeof placed_on, "%.10s", h.placed_at);
	json_t *out =
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:I}", "id", h.id, "case_id", h.case_id,
	              "kind", h.kind, "reason", h.reason, "owner", h.owner, "placed_on", placed_on,
	              "automatic", 0, "version", (json_int_t)h.version);
	if (rc == DB_OK) {
		api_etag(req, h.version);
		char loc[96];
		snprintf(loc, sizeof loc, "/api/v1/holds/%s", h.id);
		http_reply_header(req, "Location", loc);
	}
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	api_write_end(req, rc, 201, out);
}

void api_hold_lift(http_req *req)
{
	static const jv_field fields[] = {{"reason", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	hold_rec h;
	int rc = store_hold_get(c->db, http_req_arena(req), http_req_param(req, "id"), &h);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	case_rec cr;
	int reach = rc == DB_ROW
	                ? api_case_load_id(req, h.case_id, KIND_RETENTION, ACT_WRITE, &cr, NULL)
	                : 1;
	if (reach > 0)
		http_reply_problem(req, 404, "Not Found", "there is no such hold", NULL);
	if (reach)
		return;
	int64_t version;
	if (api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *reason = reason_of(body, errors);
	if (api_reject(req, errors))
		return;
	json_t *now = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:I}", "id", h.id, "kind", h.kind,
	                        "reason", h.reason, "owner", h.owner, "lifted_at", h.lifted_at,
	                        "lift_reason", h.lift_reason, "version", (json_int_t)h.version);
	if (h.lifted_at) {
		json_decref(now);
		api_conflict(req, "that hold was lifted already");
		return;
	}
	if (version != h.version) {
		api_stale(req, "hold", h.version, now);
		return;
	}
	rc = db_begin(c->db);
	if (rc == DB_OK &&
	    (rc = store_hold_lift(c->db, h.id, version, c->user.id, reason)) == DB_DONE) {
		api_stale(req, "hold", h.version, now);
		return;
	}
	json_decref(now);
	if (rc == DB_OK)
		rc = api_audit(req, "legal_hold_lifted", "case", h.case_id, NULL,
		               json_pack("{s:s, s:s, s:s}", "hold_id", h.id, "kind", h.kind,
		                         "reason", reason));
	char at[CLOCK_ISO_LEN];
	clock_now_iso(at);
	json_t *out =
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", h.id, "case_id", h.case_id,
	              "kind", h.kind, "reason", h.reason, "owner", h.owner, "lifted_at", at,
	              "lift_reason", reason, "version", (json_int_t)version + 1);
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	api_write_end(req, rc, 200, out);
}

/* ---- the organisation's cases: worklist and figures ---- */

typedef struct org_scan {
	http_req *req;
	rule_set rules;
	char today[DATE_LEN];
	json_t *overdue, *due;
	/* figures */
	const stats_range *range;
	long cases[RETENTION_NGROUPS], held[RETENTION_NGROUPS], over[RETENTION_NGROUPS],
	    soon[RETENTION_NGROUPS];
	long due_month[STATS_MAX_MONTHS];
} org_scan;

static int scan_case(const retention_case *rc_, void *arg)
{
	org_scan *s = arg;
	retention_group g;
	if (!rc_->group || retention_group_parse(rc_->group, &g) != 0)
		g = default_group(s->req, rc_->exploitation_types, rc_->offences, rc_->orders,
		                  NULL);
	char next[DATE_LEN];
	if (retention_next_review(rc_->dates.opened_on, rc_->dates.closed_on, rc_->next_review_on,
	                          s->rules.review[g], next) != 0)
		return DB_OK;
	int held = strcmp(rc_->status, "closed") != 0 || rc_->orders_in_force > 0 || rc_->holds > 0;
	retention_due due = retention_due_state(next, s->today);
	s->cases[g]++;
	s->held[g] += held;
	s->over[g] += due == RETENTION_OVERDUE;
	s->soon[g] += due == RETENTION_DUE_SOON;
	for (size_t m = 0; s->range && m < s->range->n; m++)
		if (!strncmp(next, s->range->months[m], 7))
			s->due_month[m]++;
	json_t *list = due == RETENTION_OVERDUE    ? s->overdue
	               : due == RETENTION_DUE_SOON ? s->due
	                                           : NULL;
	if (!list)
		return DB_OK;
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "case_id", rc_->id, "reference",
	                      rc_->reference, "group", retention_group_code(g), "next_review_on",
	                      next, "status", rc_->status, "held", held);
	return j && json_array_append_new(list, j) == 0 ? DB_OK : DB_NOMEM;
}

static int scan_org(http_req *req, org_scan *s)
{
	s->req = req;
	clock_today(s->today);
	int rc = rules_load(req, &s->rules);
	return rc == DB_OK
	           ? store_retention_cases(api_ctx_of(req)->db, http_req_arena(req),
	                                   api_ctx_of(req)->user.org_id, s->today, scan_case, s)
	           : rc;
}

/* Sorts worklist items by their next review, then reference. */
static int by_next_review(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int d =
	    strcmp(jv_str((json_t *)x, "next_review_on"), jv_str((json_t *)y, "next_review_on"));
	return d ? d : strcmp(jv_str((json_t *)x, "reference"), jv_str((json_t *)y, "reference"));
}

static json_t *sorted(json_t *list)
{
	size_t n = json_array_size(list);
	json_t **items = n ? calloc(n, sizeof *items) : NULL;
	if (n && !items)
		return NULL;
	for (size_t i = 0; i < n; i++)
		items[i] = json_array_get(list, i);
	if (n)
		qsort(items, n, sizeof *items, by_next_review);
	json_t *out = json_array();
	for (size_t i = 0; out && i < n; i++)
		json_array_append(out, items[i]);
	free(items);
	return out;
}

void api_retention_worklist(http_req *req)
{
	if (api_allow_whole(req, KIND_RETENTION, ACT_READ, "the retention worklist") != 0)
		return;
	org_scan s = {0};
	s.overdue = api_keep(req, json_array());
	s.due = api_keep(req, json_array());
	int rc = s.overdue && s.due ? scan_org(req, &s) : DB_NOMEM;
	json_t *out = rc == DB_OK ? json_pack("{s:s, s:i, s:o, s:o}", "today", s.today,
	                                      "due_within_days", RETENTION_DUE_DAYS, "overdue",
	                                      sorted(s.overdue), "due", sorted(s.due))
	                          : NULL;
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, out);
}

typedef struct month_counts {
	const stats_range *range;
	long retained[RETENTION_NGROUPS][STATS_MAX_MONTHS],
	    disposed[RETENTION_NGROUPS][STATS_MAX_MONTHS];
} month_counts;

static int count_review(const retention_review_rec *r, void *arg)
{
	month_counts *m = arg;
	retention_group g;
	if (retention_group_parse(r->group, &g) != 0)
		return DB_OK;
	for (size_t i = 0; i < m->range->n; i++)
		if (!strncmp(r->decided_at, m->range->months[i], 7)) {
			if (!strcmp(r->decision, "retain"))
				m->retained[g][i]++;
			else
				m->disposed[g][i]++;
		}
	return DB_OK;
}

void api_reports_retention(http_req *req)
{
	if (api_allow_whole(req, KIND_RETENTION, ACT_READ, "the retention figures") != 0)
		return;
	stats_range range;
	if (api_report_range(req, &range) != 0)
		return;
	org_scan s = {0};
	s.range = &range;
	s.overdue = api_keep(req, json_array());
	s.due = api_keep(req, json_array());
	month_counts *m = calloc(1, sizeof *m);
	int rc = s.overdue && s.due && m ? scan_org(req, &s) : DB_NOMEM;
	if (m)
		m->range = &range;
	if (rc == DB_OK)
		rc = store_retention_reviews_between(api_ctx_of(req)->db, http_req_arena(req),
		                                     api_ctx_of(req)->user.org_id, range.from,
		                                     range.to, count_review, m);
	json_t *groups = api_keep(req, json_array()), *months = api_keep(req, json_array());
	for (int g = 0; rc == DB_OK && g < RETENTION_NGROUPS; g++) {
		long retained = 0, disposed = 0;
		for (size_t i = 0; i < range.n; i++)
			retained += m->retained[g][i], disposed += m->disposed[g][i];
		json_array_append_new(
		    groups, json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:i}", "group",
		                      retention_group_code((retention_group)g), "name",
		                      retention_rule_default((retention_group)g)->name, "cases",
		                      (int)s.cases[g], "overdue", (int)s.over[g],
		                      "due_within_30_days", (int)s.soon[g], "held", (int)s.held[g],
		                      "retained", (int)retained, "disposed", (int)disposed));
	}
	for (size_t i = 0; rc == DB_OK && i < range.n; i++) {
		json_t *by = json_object();
		long retained = 0, disposed = 0;
		for (int g = 0; g < RETENTION_NGROUPS; g++) {
			retained += m->retained[g][i], disposed += m->disposed[g][i];
			json_object_set_new(by, retention_group_code((retention_group)g),
			                    json_pack("{s:i, s:i}", "retained",
			                              (int)m->retained[g][i], "disposed",
			                              (int)m->disposed[g][i]));
		}
		json_array_append_new(
		    months, json_pack("{s:s, s:i, s:i, s:i, s:o}", "month", range.months[i],
		                      "reviews_due", (int)s.due_month[i], "retained", (int)retained,
		                      "disposed", (int)disposed, "by_group", by));
	}
	free(m);
	json_t *out = rc == DB_OK ? json_pack("{s:s, s:s, s:O, s:O}", "from", range.from, "to",
	                                      range.to, "by_group", groups, "by_month", months)
	                          : NULL;
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, out);
}

static int add_stub(const retention_review_rec *r, void *arg)
{
	json_t *j =
	    json_pack("{s:s, s:s, s:s, s:s?, s:s, s:{s:s, s:s?}, s:s, s:s}", "case_id", r->case_id,
	              "reference", r->reference, "opened_on", r->opened_on, "closed_on",
	              r->closed_on, "group", r->group, "decided_by", "id", r->decided_by, "name",
	              r->decided_by_name, "reason", r->reason, "disposed_at", r->decided_at);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

void api_disposals_list(http_req *req)
{
	if (api_allow_whole(req, KIND_RETENTION, ACT_READ, "the disposals") != 0)
		return;
	api_page p;
	if (api_page_only(req, &p) != 0)
		return;
	json_t *all = api_keep(req, json_array());
	int rc = all ? store_disposals(api_ctx_of(req)->db, http_req_arena(req),
	                               api_ctx_of(req)->user.org_id, add_stub, all)
	             : DB_NOMEM;
	json_t *out = rc == DB_OK ? json_object() : NULL;
	if (rc == DB_OK)
		rc = out ? api_page_set(out, &p, all) : DB_NOMEM;
	if (rc != DB_OK) {
		json_decref(out);
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, out);
}
