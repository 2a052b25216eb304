/* Missing people: an episode reported and graded, its grading reviewed
 * while the person is missing, the return, the police safe and well check,
 * and for a child the independent return home interview within 72 hours;
 * what the search found and what the episode is linked to; exploitation
 * screenings of repeat missing people; each force's intervals. The rules
 * are in domain/missing.h. An episode belongs to the team of the officer
 * who took the report; those who reach the person through their cases see
 * it too; a partner sees it while a live share of the person names the
 * missing section, and records only the return home interview. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "api/people.h"
#include "domain/missing.h"
#include "domain/person.h"
#include "domain/vocab.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/missing.h"
#include "store/people.h"
#include "store/shares.h"

/* ---- times ---- */

/* A date-time field: 0 with *ms and iso (UTC) set, 1 when absent, or -1
 * having added why to errors. */
static int time_field(json_t *body, const char *field, json_t *errors, int64_t *ms, char iso[CLOCK_ISO_LEN])
{
	const char *v = jv_str(body, field);
	if (!v)
		return 1;
	if (clock_parse_rfc3339(v, ms) != 0) {
		jv_error(errors, field, "must be a date and time such as 2027-03-26T10:00:00Z");
		return -1;
	}
	clock_iso(*ms, iso);
	return 0;
}

/* A time that must fall between from (when not NULL) and now. */
static void time_between(json_t *errors, const char *field, int64_t ms, const char *from, const char *from_field,
			 int64_t now)
{
	int64_t lo;
	char why[96];
	if (ms > now) {
		jv_error(errors, field, "must not be in the future");
	} else if (from && clock_parse_iso(from, &lo) == 0 && ms < lo) {
		snprintf(why, sizeof why, "must not be before %s", from_field);
		jv_error(errors, field, why);
	}
}

static int blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* ---- a force's intervals ---- */

static int intervals(http_req *req, const char *org_id, int hours[RISK_COUNT], int *safe_well, int64_t *version)
{
	int rc = store_missing_settings(api_ctx_of(req)->db, org_id, hours, safe_well, version);
	if (rc == DB_DONE) {
		for (int i = 0; i < RISK_COUNT; i++)
			hours[i] = missing_review_hours_default((missing_risk)i);
		*safe_well = MISSING_SAFE_WELL_HOURS;
		*version = 0;
		return DB_OK;
	}
	return rc == DB_ROW ? DB_OK : rc;
}

/* ---- who an episode is to the user ---- */

static int partner_role(http_req *req)
{
	return (access_scope_mask(access_scope_of(api_ctx_of(req)->role, KIND_MISSING, ACT_READ)) & REL_SHARED) != 0;
}

/* The person's relations for missing episodes: through their cases (or
 * the team that recorded them), and shared when a live share of them with
 * the user's organisation names the missing section. */
static int person_rel(http_req *req, const person_rec *p, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	char today[DATE_LEN];
	int shared = 0;
	clock_today(today);
	int rc = api_person_rel(req, p, rel);
	if (rc == DB_OK && partner_role(req))
		rc = store_share_names_person(c->db, p->id, c->user.org_id, "missing", NULL, today, &shared);
	if (shared)
		*rel |= REL_SHARED;
	return rc;
}

/* Loads the person {id} names and decides the action on their missing
 * episodes: 0, or replies (403, 404, 503) and -1. */
static int person_load(http_req *req, access_action a, person_rec *p, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	*rel = 0;
	int rc = store_person_get(c->db, http_req_arena(req), http_req_param(req, "id"), p);
	if (rc == DB_ROW)
		rc = person_rel(req, p, rel);
	if (rc != DB_OK && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	return api_allow(req, KIND_MISSING, a, rc == DB_OK ? *rel : 0, "person");
}

/* Loads the episode {id} names and its person, and decides the action as
 * on the person's missing episodes: an episode is part of the person's
 * record, seen by whoever sees them (the owning team only routes its
 * work). 0, or replies (403, 404, 503) and -1. */
static int episode_load(http_req *req, access_action a, episode_rec *e, person_rec *p)
{
	api_ctx *c = api_ctx_of(req);
	unsigned rel = 0;
	int rc = store_episode_get(c->db, http_req_arena(req), http_req_param(req, "id"), e);
	if (rc == DB_ROW)
		rc = store_person_get(c->db, http_req_arena(req), e->person_id, p);
	if (rc == DB_ROW)
		rc = person_rel(req, p, &rel);
	if (rc != DB_OK && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	return api_allow(req, KIND_MISSING, a, rc == DB_OK ? rel : 0, "missing episode");
}

/* Whom the user sees, for lists: people as the missing episodes' reach
 * gives them, and suspects where the role reaches suspects at all. */
static missing_seen seen_by(http_req *req)
{
	missing_seen m = {.person = api_reach(req, KIND_MISSING, ACT_READ)};
	if (access_role_may(api_ctx_of(req)->role, KIND_SUSPECT, ACT_READ))
		m.suspect = api_reach(req, KIND_SUSPECT, ACT_READ);
	return m;
}

int api_missing_work(http_req *req, const char *window_start, int (*fn)(const work_row *r, void *arg), void *arg)
{
	store_reach reach = api_reach(req, KIND_MISSING, ACT_READ), deciding = api_reach(req, KIND_MISSING, ACT_DECIDE);
	missing_seen seen = seen_by(req);
	if (!store_reach_any(&reach))
		return DB_OK;
	return store_missing_work(api_ctx_of(req)->db, &reach, &deciding, &seen, window_start, fn, arg);
}

/* For what only the force does: 0, or replies 403 and -1. */
static int force_only(http_req *req, const char *what)
{
	if (!partner_role(req))
		return 0;
	char detail[160];
	snprintf(detail, sizeof detail, "only the force %s", what);
	api_refuse(req, 403, "Forbidden", detail);
	return -1;
}

/* ---- an episode as answered ---- */

static void name_of(const char *given, const char *family, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s", given ? given : "", given && given[0] && family && family[0] ? " " : "",
		 family ? family : "");
}

static int add_review(const review_rec *r, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s}}", "id", r->id, "at", r->reviewed_at, "risk",
			      r->risk, "previous_risk", r->previous_risk, "reason", r->reason, "by", "id",
			      r->reviewed_by, "name", r->reviewed_by_name);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

static int add_entry(const entry_rec *e, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:{s:s, s:s}, s:s}", "id", e->id, "kind", e->kind, "at",
			      e->at, "place", str_or_null(e->place), "by", str_or_null(e->by_whom), "detail",
			      e->detail, "recorded_by", "id", e->recorded_by, "name", e->recorded_by_name,
			      "recorded_at", e->recorded_at);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

static int add_assoc(const assoc_rec *r, void *arg)
{
	char name[300], place[400];
	json_t *person = json_null(), *where = json_null();
	if (r->person_id) {
		name_of(r->given_names, r->family_name, name, sizeof name);
		person = json_pack("{s:s, s:s}", "id", r->person_id, "name", name);
	} else if (r->place_id) {
		snprintf(place, sizeof place, "%s%s%s%s%s", r->address ? r->address : "",
			 r->address && r->postcode ? ", " : "", r->postcode ? r->postcode : "",
			 (r->address || r->postcode) && r->country ? ", " : "", r->country ? r->country : "");
		where = json_string(place);
	} else {
		where = json_string(r->place);
	}
	json_t *j = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "id", r->id, "kind", r->person_id ? "person" : "place",
			      "person", person, "place_id", str_or_null(r->place_id), "place", where, "note",
			      str_or_null(r->note), "recorded_at", r->recorded_at);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

/* The episode's core: who, when, where, the grading and the clocks. */
static json_t *episode_core(const episode_rec *e)
{
	char name[300], today[DATE_LEN];
	clock_uk_date(clock_now_ms(), today);
	int child_now = presumed_child(e->date_of_birth, e->estimated_age, e->age_disputed, today);
	name_of(e->given_names, e->family_name, name, sizeof name);
	return json_pack("{s:s, s:I, s:s, s:{s:s, s:s, s:b}, s:s, s:{s:s, s:s}, s:o, s:s, s:s, s:s, s:o, s:o, s:o, "
			 "s:o, s:o, s:o, s:o, s:o, s:s, s:s}",
			 "id", e->id, "version", (json_int_t)e->version, "status", e->returned_at ? "returned" : "missing",
			 "person", "id", e->person_id, "name", name, "presumed_child", child_now, "reported_at",
			 e->reported_at, "reported_by", "id", e->reported_by, "name", e->reported_by_name, "team",
			 e->team_id[0] ? json_pack("{s:s, s:s}", "id", e->team_id, "name", e->team_name) : json_null(),
			 "last_seen_at", e->last_seen_at, "last_seen_place", e->last_seen_place, "risk", e->risk,
			 "circumstances", str_or_null(e->circumstances), "review_due", str_or_null(e->review_due),
			 "returned_at", str_or_null(e->returned_at), "found_by", str_or_null(e->found_by),
			 "where_found", str_or_null(e->where_found), "child_on_return",
			 e->child_on_return < 0 ? json_null() : json_boolean(e->child_on_return),
			 "return_interview_due", str_or_null(e->interview_due), "safe_and_well_due",
			 str_or_null(e->safe_well_due), "created_at", e->created_at, "updated_at", e->updated_at);
}

/* A partner's copy: the force's own ids stay the force's. */
static void for_partner(json_t *episode)
{
	json_object_del(json_object_get(episode, "person"), "id");
	json_object_del(json_object_get(episode, "reported_by"), "id");
	json_object_del(episode, "team");
}

/* The whole episode: its core, reviews, the check, the interview, what
 * the search found and what it is linked to. */
static int episode_json(http_req *req, const episode_rec *e, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	arena *a = http_req_arena(req);
	json_t *j = api_keep(req, episode_core(e));
	json_t *reviews = json_array(), *entries = json_array(), *assocs = json_array();
	json_object_set_new(j, "reviews", reviews);
	json_object_set_new(j, "entries", entries);
	json_object_set_new(j, "associations", assocs);
	if (!j || !reviews || !entries || !assocs)
		return DB_NOMEM;
	int rc = store_reviews(c->db, a, e->id, add_review, reviews);
	if (rc == DB_OK)
		rc = store_entries(c->db, a, e->id, add_entry, entries);
	if (rc == DB_OK)
		rc = store_assocs(c->db, a, e->id, add_assoc, assocs);
	safe_well_rec sw;
	int has = rc == DB_OK ? store_safe_well_of(c->db, a, e->id, &sw) : rc;
	if (has == DB_ROW)
		rc = json_object_set_new(j, "safe_and_well",
					 json_pack("{s:s, s:s, s:s, s:s, s:o, s:{s:s, s:s}, s:s}", "id", sw.id,
						   "checked_at", sw.checked_at, "officer", sw.officer, "place", sw.place,
						   "disclosures", str_or_null(sw.disclosures), "recorded_by", "id",
						   sw.recorded_by, "name", sw.recorded_by_name, "recorded_at",
						   sw.recorded_at)) == 0
			     ? DB_OK
			     : DB_NOMEM;
	else if (has == DB_DONE)
		json_object_set_new(j, "safe_and_well", json_null());
	else
		rc = has;
	interview_rec iv;
	has = rc == DB_OK ? store_interview_of(c->db, a, e->id, &iv) : rc;
	if (has == DB_ROW)
		rc = json_object_set_new(j, "return_interview",
					 json_pack("{s:s, s:s, s:{s:s, s:s}, s:b, s:o, s:{s:s, s:s}, s:s}", "id", iv.id,
						   "held_at", iv.held_at, "offered_by", "id", iv.org_id, "name",
						   iv.org_name, "accepted", iv.accepted, "disclosures",
						   str_or_null(iv.disclosures), "recorded_by", "id", iv.recorded_by, "name",
						   iv.recorded_by_name, "recorded_at", iv.recorded_at)) == 0
			     ? DB_OK
			     : DB_NOMEM;
	else if (has == DB_DONE)
		json_object_set_new(j, "return_interview", json_null());
	else
		rc = has;
	if (rc == DB_OK && partner_role(req))
		for_partner(j);
	*out = j;
	return rc;
}

static void reply_episode(http_req *req, int rc, int status, const episode_rec *e)
{
	json_t *out = NULL;
	if (rc == DB_OK)
		rc = episode_json(req, e, &out);
	if (rc == DB_OK)
		api_etag(req, e->version);
	api_write_end(req, rc, status, out ? json_incref(out) : NULL);
}

/* ---- reporting, reading, listing ---- */

void api_missing_report(http_req *req)
{
	static const jv_field fields[] = {
		{"reported_at", JV_STRING, 1, FIELD_TIME},	{"last_seen_at", JV_STRING, 1, FIELD_TIME},
		{"last_seen_place", JV_STRING, 1, FIELD_LINE}, {"risk", JV_STRING, 1, FIELD_CHOICE},
		{"circumstances", JV_STRING, 0, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	unsigned rel;
	if (person_load(req, ACT_WRITE, &p, &rel) != 0 || force_only(req, "reports a person missing") != 0)
		return;
	json_t *body = api_body(req, fields, 5);
	if (!body)
		return;
	json_t *errors = json_array();
	episode_rec e = {0};
	char reported[CLOCK_ISO_LEN], seen[CLOCK_ISO_LEN], due[CLOCK_ISO_LEN];
	int64_t reported_ms = 0, seen_ms = 0, now = clock_now_ms();
	int ok = time_field(body, "reported_at", errors, &reported_ms, reported) == 0;
	ok &= time_field(body, "last_seen_at", errors, &seen_ms, seen) == 0;
	int risk = missing_risk_of(jv_str(body, "risk"));
	if (risk < 0)
		jv_error(errors, "risk", "must be no_apparent_risk, low, medium or high");
	e.last_seen_place = jv_str(body, "last_seen_place");
	if (blank(e.last_seen_place))
		jv_error(errors, "last_seen_place", "must say where they were last seen");
	missing_times t = ok ? missing_report_times(reported_ms, seen_ms, now) : MISSING_TIMES_OK;
	if (t != MISSING_TIMES_OK)
		jv_error(errors, missing_times_field(t), missing_times_message(t));
	if (api_reject(req, errors))
		return;
	int hours[RISK_COUNT], safe_well;
	int64_t sv;
	int rc = intervals(req, c->user.org_id, hours, &safe_well, &sv);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	clock_iso(missing_review_due_ms(reported_ms, (missing_risk)risk, hours), due);
	snprintf(e.person_id, sizeof e.person_id, "%s", p.id);
	snprintf(e.org_id, sizeof e.org_id, "%s", c->user.org_id);
	snprintf(e.team_id, sizeof e.team_id, "%s", c->user.team_id);
	snprintf(e.reported_by, sizeof e.reported_by, "%s", c->user.id);
	e.reported_at = reported;
	e.last_seen_at = seen;
	e.risk = missing_risk_code((missing_risk)risk);
	e.circumstances = blank(jv_str(body, "circumstances")) ? NULL : jv_str(body, "circumstances");
	e.review_due = due;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_episode_add(c->db, &e);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "this person is missing already: record their return before reporting them again");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "missing_reported", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s}", "person", p.id, "risk", e.risk));
	if (rc == DB_OK)
		api_etag(req, e.version);
	api_write_end(req, rc, 201, json_pack("{s:s, s:I}", "id", e.id, "version", (json_int_t)e.version));
}

void api_missing_get(http_req *req)
{
	episode_rec e;
	person_rec p;
	if (episode_load(req, ACT_READ, &e, &p) != 0)
		return;
	json_t *out = NULL;
	int rc = episode_json(req, &e, &out);
	/* The look is audited in a write that ends with the answer, so it is
	 * never kept without the answer it records. */
	if (rc == DB_OK)
		rc = db_begin(api_ctx_of(req)->db);
	if (rc == DB_OK)
		rc = api_audit(req, partner_role(req) ? "disclosure_viewed" : "missing_episode_viewed", "missing_episode",
			       e.id, http_req_header(req, "X-Purpose"), json_pack("{s:s}", "person", p.id));
	if (rc == DB_OK)
		api_etag(req, e.version);
	api_write_end(req, rc, 200, out ? json_incref(out) : NULL);
}

typedef struct of_person {
	http_req *req;
	const person_rec *p;
	json_t *items;
} of_person;

static int add_of_person(const episode_rec *e, void *arg)
{
	of_person *x = arg;
	json_t *j = NULL;
	int rc = episode_json(x->req, e, &j);
	return rc == DB_OK && json_array_append(x->items, j) == 0 ? DB_OK : rc == DB_OK ? DB_NOMEM : rc;
}

void api_missing_of_person(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	unsigned rel;
	if (person_load(req, ACT_READ, &p, &rel) != 0)
		return;
	of_person x = {req, &p, api_keep(req, json_array())};
	int rc = x.items ? store_episodes_of_person(c->db, http_req_arena(req), p.id, add_of_person, &x) : DB_NOMEM;
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = api_audit(req, partner_role(req) ? "disclosure_viewed" : "missing_episodes_viewed", "person", p.id,
			       http_req_header(req, "X-Purpose"), NULL);
	api_write_end(req, rc, 200, rc == DB_OK ? json_pack("{s:O}", "items", x.items) : NULL);
}

static int add_listed(const episode_rec *e, void *arg)
{
	json_t *j = episode_core(e);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

void api_missing_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	api_page page;
	json_t *errors = json_array();
	const char *status = http_req_query(req, "status");
	if (status && strcmp(status, "missing") != 0 && strcmp(status, "returned") != 0)
		jv_error(errors, "status", "must be missing or returned");
	api_page_read(req, API_PAGE_DEFAULT, &page, errors);
	if (api_reject_query(req, errors))
		return;
	json_t *items = api_keep(req, json_array());
	store_reach r = api_reach(req, KIND_MISSING, ACT_READ);
	missing_seen seen = seen_by(req);
	size_t total = 0;
	json_t *out = api_keep(req, json_object());
	int rc = items && out ? DB_OK : DB_NOMEM;
	if (rc == DB_OK && store_reach_any(&r))
		rc = store_episodes_in_reach(c->db, http_req_arena(req), &r, &seen, status && strcmp(status, "returned") == 0,
					     page.limit, page.offset, &total, add_listed, items);
	if (rc == DB_OK)
		rc = api_page_put(out, &page, items, total);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

/* ---- the return ---- */

void api_missing_return(http_req *req)
{
	static const jv_field fields[] = {{"returned_at", JV_STRING, 1, FIELD_TIME},
					  {"found_by", JV_STRING, 1, FIELD_CHOICE},
					  {"where_found", JV_STRING, 1, FIELD_LINE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	if (episode_load(req, ACT_WRITE, &e, &p) != 0 || force_only(req, "records a return") != 0)
		return;
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	char returned[CLOCK_ISO_LEN], interview[CLOCK_ISO_LEN], safe_well_due[CLOCK_ISO_LEN];
	int64_t ms = 0;
	int ok = time_field(body, "returned_at", errors, &ms, returned) == 0;
	const char *found_by = jv_str(body, "found_by"), *where = jv_str(body, "where_found");
	if (!missing_found_by_ok(found_by))
		jv_error(errors, "found_by", "must be returned_themselves, police, family_or_carer or other");
	if (blank(where))
		jv_error(errors, "where_found", "must say where they were found or came back to");
	if (e.returned_at) {
		json_decref(errors);
		api_conflict(req, "this episode has ended already: the person has returned");
		return;
	}
	if (ok)
		time_between(errors, "returned_at", ms, e.last_seen_at, "last_seen_at", clock_now_ms());
	if (api_reject(req, errors))
		return;
	int hours[RISK_COUNT], safe_well;
	int64_t sv;
	int rc = intervals(req, e.org_id, hours, &safe_well, &sv);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	episode_rec next = e;
	next.returned_at = returned;
	next.found_by = found_by;
	next.where_found = where;
	next.child_on_return = missing_child_on_return(p.date_of_birth, p.estimated_age, p.age_disputed, ms);
	clock_iso(missing_interview_due_ms(ms), interview);
	next.interview_due = next.child_on_return ? interview : NULL;
	clock_iso(ms + (int64_t)safe_well * MISSING_HOUR_MS, safe_well_due);
	next.safe_well_due = safe_well_due;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_episode_return(c->db, &next);
	if (rc == DB_DONE) {
		api_conflict(req, "this episode changed meanwhile: read it again");
		return;
	}
	if (rc == DB_OK)
		rc = store_history_add(c->db, "missing_episode", e.id, "returned_at", NULL, returned, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "missing_returned", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:b}", "person", p.id, "child", next.child_on_return));
	reply_episode(req, rc, 200, &next);
}

/* ---- the grading reviewed ---- */

void api_missing_review(http_req *req)
{
	static const jv_field fields[] = {{"risk", JV_STRING, 1, FIELD_CHOICE},
					  {"reason", JV_STRING, 1, FIELD_NOTE},
					  {"reviewed_at", JV_STRING, 0, FIELD_TIME}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	if (episode_load(req, ACT_WRITE, &e, &p) != 0 || force_only(req, "reviews the risk") != 0)
		return;
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	int64_t now = clock_now_ms(), ms = now;
	char at[CLOCK_ISO_LEN], due[CLOCK_ISO_LEN];
	clock_iso(now, at);
	int given = time_field(body, "reviewed_at", errors, &ms, at);
	int risk = missing_risk_of(jv_str(body, "risk"));
	if (risk < 0)
		jv_error(errors, "risk", "must be no_apparent_risk, low, medium or high");
	if (blank(jv_str(body, "reason")))
		jv_error(errors, "reason", "must say why the grading is what it is now");
	if (e.returned_at) {
		json_decref(errors);
		api_conflict(req, "the person has returned: the risk is reviewed only while they are missing");
		return;
	}
	if (given == 0)
		time_between(errors, "reviewed_at", ms, e.reported_at, "the report", now);
	if (api_reject(req, errors))
		return;
	int hours[RISK_COUNT], safe_well;
	int64_t sv;
	int rc = intervals(req, e.org_id, hours, &safe_well, &sv);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	review_rec r = {0};
	snprintf(r.episode_id, sizeof r.episode_id, "%s", e.id);
	snprintf(r.reviewed_by, sizeof r.reviewed_by, "%s", c->user.id);
	r.reviewed_at = at;
	r.risk = missing_risk_code((missing_risk)risk);
	r.previous_risk = e.risk;
	r.reason = jv_str(body, "reason");
	episode_rec next = e;
	next.risk = r.risk;
	clock_iso(missing_review_due_ms(ms, (missing_risk)risk, hours), due);
	next.review_due = due;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_episode_regrade(c->db, &next);
	if (rc == DB_DONE) {
		api_conflict(req, "this episode changed meanwhile: read it again");
		return;
	}
	if (rc == DB_OK)
		rc = store_review_add(c->db, &r);
	if (rc == DB_OK)
		rc = api_history_change(req, api_keep(req, json_array()), "missing_episode", e.id, "risk", e.risk, r.risk);
	if (rc == DB_OK)
		rc = api_audit(req, "missing_risk_reviewed", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s, s:s}", "review", r.id, "risk", r.risk, "previous_risk", e.risk));
	if (rc == DB_OK)
		api_etag(req, next.version);
	api_write_end(req, rc, 201,
		      json_pack("{s:s, s:s, s:s, s:I}", "id", r.id, "risk", r.risk, "review_due", due, "version",
				(json_int_t)next.version));
}

/* ---- the safe and well check, the return home interview ---- */

void api_missing_safe_well(http_req *req)
{
	static const jv_field fields[] = {{"checked_at", JV_STRING, 1, FIELD_TIME},
					  {"officer", JV_STRING, 1, FIELD_NAME},
					  {"place", JV_STRING, 1, FIELD_LINE},
					  {"disclosures", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	if (episode_load(req, ACT_WRITE, &e, &p) != 0 || force_only(req, "records its safe and well check") != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	json_t *errors = json_array();
	char at[CLOCK_ISO_LEN];
	int64_t ms = 0;
	int ok = time_field(body, "checked_at", errors, &ms, at) == 0;
	safe_well_rec s = {0};
	s.officer = jv_str(body, "officer");
	s.place = jv_str(body, "place");
	s.disclosures = blank(jv_str(body, "disclosures")) ? NULL : jv_str(body, "disclosures");
	if (blank(s.officer))
		jv_error(errors, "officer", "must name the officer who saw them");
	if (blank(s.place))
		jv_error(errors, "place", "must say where they were seen");
	if (!e.returned_at) {
		json_decref(errors);
		api_conflict(req, "the person is still missing: record their return first");
		return;
	}
	if (ok)
		time_between(errors, "checked_at", ms, e.returned_at, "the return", clock_now_ms());
	if (api_reject(req, errors))
		return;
	snprintf(s.episode_id, sizeof s.episode_id, "%s", e.id);
	snprintf(s.recorded_by, sizeof s.recorded_by, "%s", c->user.id);
	s.checked_at = at;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_safe_well_add(c->db, &s);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "the safe and well check is recorded already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "safe_and_well_recorded", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s}", "person", p.id, "check", s.id));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", s.id));
}

typedef struct org_find {
	const char *id;
	int found;
} org_find;

static int find_partner(const org_rec *o, void *arg)
{
	org_find *f = arg;
	f->found |= strcmp(o->id, f->id) == 0 && strcmp(o->kind, "partner") == 0;
	return 0;
}

void api_missing_interview(http_req *req)
{
	static const jv_field fields[] = {{"held_at", JV_STRING, 1, FIELD_TIME},
					  {"offered_by_organisation_id", JV_STRING, 1, FIELD_ID},
					  {"accepted", JV_BOOL, 1, 0},
					  {"disclosures", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	if (episode_load(req, ACT_WRITE, &e, &p) != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	int partner = partner_role(req);
	org_find org = {jv_str(body, "offered_by_organisation_id"), 0};
	int rc = partner ? (org.found = strcmp(org.id, c->user.org_id) == 0, DB_OK)
			 : store_orgs_near(c->db, c->user.org_id, "partner", find_partner, &org);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array();
	char at[CLOCK_ISO_LEN];
	int64_t ms = 0;
	int ok = time_field(body, "held_at", errors, &ms, at) == 0;
	if (!org.found)
		jv_error(errors, "offered_by_organisation_id",
			 partner ? "must be your own organisation"
				 : "must be a partner organisation working with the force: the interview is independent "
				   "of the police");
	if (!e.returned_at || !e.interview_due) {
		json_decref(errors);
		api_conflict(req, !e.returned_at ? "the person is still missing: a return home interview follows the return"
						 : "a return home interview is due only after a child's return");
		return;
	}
	if (ok)
		time_between(errors, "held_at", ms, e.returned_at, "the return", clock_now_ms());
	if (api_reject(req, errors))
		return;
	interview_rec i = {0};
	snprintf(i.episode_id, sizeof i.episode_id, "%s", e.id);
	snprintf(i.org_id, sizeof i.org_id, "%s", org.id);
	snprintf(i.recorded_by, sizeof i.recorded_by, "%s", c->user.id);
	i.held_at = at;
	i.accepted = json_is_true(json_object_get(body, "accepted"));
	i.disclosures = blank(jv_str(body, "disclosures")) ? NULL : jv_str(body, "disclosures");
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_interview_add(c->db, &i);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "the return home interview is recorded already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "return_interview_recorded", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s, s:b}", "person", p.id, "organisation", i.org_id, "accepted",
					 i.accepted));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", i.id));
}

/* ---- what the search found, what the episode is linked to ---- */

void api_missing_entry_add(http_req *req)
{
	static const jv_field fields[] = {{"kind", JV_STRING, 1, FIELD_CHOICE}, {"at", JV_STRING, 1, FIELD_TIME},
					  {"place", JV_STRING, 0, FIELD_LINE},	 {"by", JV_STRING, 0, FIELD_NAME},
					  {"detail", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	if (episode_load(req, ACT_WRITE, &e, &p) != 0 || force_only(req, "records the search") != 0)
		return;
	json_t *body = api_body(req, fields, 5);
	if (!body)
		return;
	json_t *errors = json_array();
	char at[CLOCK_ISO_LEN];
	int64_t ms = 0;
	entry_rec m = {0};
	m.kind = jv_str(body, "kind");
	if (!missing_entry_kind_ok(m.kind))
		jv_error(errors, "kind", "must be search, enquiry or sighting");
	if (time_field(body, "at", errors, &ms, at) == 0)
		time_between(errors, "at", ms, NULL, NULL, clock_now_ms());
	m.detail = jv_str(body, "detail");
	if (blank(m.detail))
		jv_error(errors, "detail", "must say what was done or seen");
	m.place = blank(jv_str(body, "place")) ? NULL : jv_str(body, "place");
	m.by_whom = blank(jv_str(body, "by")) ? NULL : jv_str(body, "by");
	if (strcmp(m.kind ? m.kind : "", "sighting") == 0 && !m.place)
		jv_error(errors, "place", "must say where they were seen");
	if (api_reject(req, errors))
		return;
	snprintf(m.episode_id, sizeof m.episode_id, "%s", e.id);
	snprintf(m.recorded_by, sizeof m.recorded_by, "%s", c->user.id);
	m.at = at;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_entry_add(c->db, &m);
	if (rc == DB_OK)
		rc = api_audit(req, "missing_entry_added", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s}", "entry", m.id, "kind", m.kind));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", m.id));
}

void api_missing_assoc_add(http_req *req)
{
	static const jv_field fields[] = {{"person_id", JV_STRING, 0, FIELD_ID},
					  {"place_id", JV_STRING, 0, FIELD_ID},
					  {"place", JV_STRING, 0, FIELD_LINE},
					  {"note", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	episode_rec e;
	person_rec p;
	if (episode_load(req, ACT_WRITE, &e, &p) != 0 || force_only(req, "links the episode") != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	assoc_rec r = {0};
	r.person_id = jv_str(body, "person_id");
	r.place_id = jv_str(body, "place_id");
	r.place = blank(jv_str(body, "place")) ? NULL : jv_str(body, "place");
	r.note = blank(jv_str(body, "note")) ? NULL : jv_str(body, "note");
	json_t *errors = json_array();
	int given = (r.person_id != NULL) + (r.place_id != NULL) + (r.place != NULL);
	if (given != 1) {
		jv_error(errors, "person_id", "give one of person_id, place_id or place");
		api_reject(req, errors);
		return;
	}
	int rc = DB_OK, ok = 1;
	if (r.person_id) {
		/* A person the user may read, and not the missing person. */
		person_rec other;
		unsigned rel = 0;
		rc = store_person_get(c->db, http_req_arena(req), r.person_id, &other);
		if (rc == DB_ROW)
			rc = api_person_rel(req, &other, &rel);
		ok = rc == DB_OK && access_decide(c->role, KIND_PERSON, ACT_READ, rel) == ACCESS_ALLOW &&
		     strcmp(other.id, p.id) != 0;
		if (rc == DB_DONE)
			rc = DB_OK;
		if (!ok)
			jv_error(errors, "person_id", "must be another person recorded in Waymark that you may see");
	} else if (r.place_id) {
		rc = store_place_of_person(c->db, r.place_id, p.id, &ok);
		if (!ok)
			jv_error(errors, "place_id", "must be a place recorded in one of this person's cases");
	}
	if (rc != DB_OK) {
		json_decref(errors);
		api_db_fail(req, rc);
		return;
	}
	if (api_reject(req, errors))
		return;
	snprintf(r.episode_id, sizeof r.episode_id, "%s", e.id);
	snprintf(r.recorded_by, sizeof r.recorded_by, "%s", c->user.id);
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_assoc_add(c->db, &r);
	if (rc == DB_OK)
		rc = api_audit(req, "missing_association_added", "missing_episode", e.id, NULL,
			       json_pack("{s:s, s:s?, s:s?}", "association", r.id, "person", r.person_id, "place",
					 r.place_id));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", r.id));
}

/* ---- the pattern ---- */

void api_missing_screening(http_req *req)
{
	static const jv_field fields[] = {{"screened_on", JV_STRING, 1, FIELD_DATE},
					  {"indicators", JV_STRING_ARRAY, 1, 100},
					  {"outcome", JV_STRING, 1, FIELD_CHOICE},
					  {"notes", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	unsigned rel;
	if (person_load(req, ACT_WRITE, &p, &rel) != 0 || force_only(req, "screens for exploitation") != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	json_t *errors = json_array();
	screening_rec s = {0};
	char today[DATE_LEN];
	clock_uk_date(clock_now_ms(), today);
	s.screened_on = api_past_date(body, "screened_on", errors);
	json_t *codes = json_object_get(body, "indicators");
	size_t i;
	json_t *v;
	json_array_foreach(codes, i, v)
	{
		if (!vocab_find(&vocab_indicators, json_string_value(v))) {
			jv_error(errors, "indicators", "each must be a code of the indicators checklist");
			break;
		}
	}
	s.outcome = jv_str(body, "outcome");
	if (!missing_screening_outcome_ok(s.outcome))
		jv_error(errors, "outcome",
			 "must be no_concerns, concerns_case_opened, concerns_referred or concerns_monitored");
	s.notes = blank(jv_str(body, "notes")) ? NULL : jv_str(body, "notes");
	s.indicators = api_json_text(req, codes);
	if (api_reject(req, errors))
		return;
	snprintf(s.person_id, sizeof s.person_id, "%s", p.id);
	snprintf(s.recorded_by, sizeof s.recorded_by, "%s", c->user.id);
	int rc = s.indicators ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_screening_add(c->db, &s);
	if (rc == DB_OK)
		rc = api_audit(req, "exploitation_screened", "person", p.id, NULL,
			       json_pack("{s:s, s:s, s:O}", "screening", s.id, "outcome", s.outcome, "indicators", codes));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", s.id));
}

int api_missing_summary_json(http_req *req, const person_rec *p, unsigned rel, json_t *out)
{
	api_ctx *c = api_ctx_of(req);
	if (access_decide(c->role, KIND_MISSING, ACT_READ, rel) != ACCESS_ALLOW)
		return DB_OK;
	char start[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() - MISSING_WINDOW_MS, start);
	missing_summary m;
	int rc = store_missing_summary(c->db, p->id, start, &m);
	if (rc != DB_OK)
		return rc;
	int repeat = missing_repeat(m.episodes_in_window);
	json_t *j = json_pack("{s:i, s:b, s:b, s:o, s:b}", "episodes_90_days", m.episodes_in_window, "repeat", repeat,
			      "currently_missing", m.open_episode_id[0] != '\0', "current_episode_id",
			      m.open_episode_id[0] ? json_string(m.open_episode_id) : json_null(), "screening_due",
			      repeat && !m.screened);
	return j && json_object_set_new(out, "missing", j) == 0 ? DB_OK : DB_NOMEM;
}

/* ---- in a share's view ---- */

typedef struct viewed {
	http_req *req;
	json_t *items;
} viewed;

static int add_viewed(const episode_rec *e, void *arg)
{
	viewed *v = arg;
	json_t *j = NULL;
	int rc = episode_json(v->req, e, &j);
	if (rc != DB_OK)
		return rc;
	json_t *copy = json_deep_copy(j);
	if (!copy)
		return DB_NOMEM;
	for_partner(copy);
	return json_array_append_new(v->items, copy) == 0 ? DB_OK : DB_NOMEM;
}

int api_missing_view(http_req *req, const char *person_id, json_t *out)
{
	viewed v = {req, json_array()};
	if (!v.items || json_object_set_new(out, "missing", v.items) != 0)
		return DB_NOMEM;
	return store_episodes_of_person(api_ctx_of(req)->db, http_req_arena(req), person_id, add_viewed, &v);
}

/* ---- on a case's timeline ---- */

typedef struct on_timeline {
	json_t *items;
} on_timeline;

static int add_to_timeline(const episode_rec *e, void *arg)
{
	on_timeline *t = arg;
	char name[300], text[900];
	name_of(e->given_names, e->family_name, name, sizeof name);
	snprintf(text, sizeof text, "%s reported missing (risk: %s), last seen at %s", name, e->risk,
		 e->last_seen_place);
	json_t *j = json_pack("{s:s, s:s, s:s, s:b, s:{s:s, s:s}, s:s, s:s}", "id", e->id, "kind", "missing_reported",
			      "text", text, "sealed", 0, "by", "id", e->reported_by, "name", e->reported_by_name, "at",
			      e->reported_at, "missing_episode_id", e->id);
	if (!j || json_array_append_new(t->items, j) != 0)
		return DB_NOMEM;
	if (!e->returned_at)
		return DB_OK;
	snprintf(text, sizeof text, "%s returned: found at %s", name, e->where_found);
	j = json_pack("{s:s, s:s, s:s, s:b, s:{s:s, s:s}, s:s, s:s}", "id", e->id, "kind", "missing_returned", "text",
		      text, "sealed", 0, "by", "id", e->reported_by, "name", e->reported_by_name, "at", e->returned_at,
		      "missing_episode_id", e->id);
	return j && json_array_append_new(t->items, j) == 0 ? DB_OK : DB_NOMEM;
}

static int newest_first(const void *a, const void *b)
{
	const char *x = json_string_value(json_object_get(*(json_t *const *)a, "at"));
	const char *y = json_string_value(json_object_get(*(json_t *const *)b, "at"));
	return strcmp(y ? y : "", x ? x : "");
}

int api_missing_timeline(http_req *req, const char *case_id, unsigned rel, json_t *items)
{
	api_ctx *c = api_ctx_of(req);
	if (access_decide(c->role, KIND_MISSING, ACT_READ, rel) != ACCESS_ALLOW)
		return DB_OK;
	on_timeline t = {items};
	size_t before = json_array_size(items);
	int rc = store_episodes_of_case(c->db, http_req_arena(req), case_id, add_to_timeline, &t);
	size_t n = json_array_size(items);
	if (rc != DB_OK || n == before)
		return rc;
	json_t **v = arena_alloc(http_req_arena(req), n * sizeof *v);
	if (!v)
		return DB_NOMEM;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(items, i));
	qsort(v, n, sizeof *v, newest_first);
	json_array_clear(items);
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(items, v[i]) != 0)
			rc = DB_NOMEM;
	return rc;
}

/* ---- a force's intervals ---- */

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
	int rc = intervals(req, o.id, hours, &safe_well, &version);
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
		if (intervals(req, o.id, now, &sw, &cur) == DB_OK)
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
