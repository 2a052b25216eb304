/* Missing people: an episode reported and graded, read and listed, its
 * grading reviewed while the person is missing, and the return, with the
 * clocks it starts (domain/missing.h); the episode in a share's view and
 * on a case's timeline, and on the worklist. The checks after a return are
 * in missing_checks.c, what the search found in missing_search.c, the
 * repeat pattern in missing_screenings.c, a force's intervals in
 * missing_settings.c. An episode is part of the person's record: whoever
 * sees the person sees it; the team of the officer who took the report
 * owns its work; a partner sees it while a live share of the person names
 * the missing section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "api/people.h"
#include "domain/missing.h"
#include "domain/person.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/missing.h"
#include "store/people.h"
#include "store/shares.h"

/* ---- times ---- */

/* A date-time field: 0 with *ms and iso (UTC) set, 1 when absent, or -1
 * having added why to errors. */
int api_missing_time_field(json_t *body, const char *field, json_t *errors, int64_t *ms, char iso[CLOCK_ISO_LEN])
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
void api_missing_time_between(json_t *errors, const char *field, int64_t ms, const char *from, const char *from_field,
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

int api_missing_blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

json_t *api_missing_nullable(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* ---- a force's api_missing_intervals ---- */

int api_missing_intervals(http_req *req, const char *org_id, int hours[RISK_COUNT], int *safe_well, int64_t *version)
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

int api_missing_partner(http_req *req)
{
	return (access_scope_mask(access_scope_of(api_ctx_of(req)->role, KIND_MISSING, ACT_READ)) & REL_SHARED) != 0;
}

/* The person's relations for missing episodes: through their cases (or
 * the team that recorded them), and shared when a live share of them with
 * the user's organisation names the missing section (on the basis, when
 * not NULL). */
int api_missing_person_rel(http_req *req, const person_rec *p, const char *basis, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	char today[DATE_LEN];
	int shared = 0;
	clock_today(today);
	int rc = api_person_rel(req, p, rel);
	if (rc == DB_OK && api_missing_partner(req))
		rc = store_share_names_person(c->db, p->id, c->user.org_id, "missing", basis, today, &shared);
	if (shared)
		*rel |= REL_SHARED;
	return rc;
}

/* Loads the person {id} names and decides the action on their missing
 * episodes: 0, or replies (403, 404, 503) and -1. */
int api_missing_person_load(http_req *req, access_action a, person_rec *p, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	*rel = 0;
	int rc = store_person_get(c->db, http_req_arena(req), http_req_param(req, "id"), p);
	if (rc == DB_ROW)
		rc = api_missing_person_rel(req, p, NULL, rel);
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
int api_missing_episode_load(http_req *req, access_action a, episode_rec *e, person_rec *p)
{
	api_ctx *c = api_ctx_of(req);
	unsigned rel = 0;
	int rc = store_episode_get(c->db, http_req_arena(req), http_req_param(req, "id"), e);
	if (rc == DB_ROW)
		rc = store_person_get(c->db, http_req_arena(req), e->person_id, p);
	if (rc == DB_ROW)
		rc = api_missing_person_rel(req, p, NULL, &rel);
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
int api_missing_force_only(http_req *req, const char *what)
{
	if (!api_missing_partner(req))
		return 0;
	char detail[160];
	snprintf(detail, sizeof detail, "only the force %s", what);
	api_refuse(req, 403, "Forbidden", detail);
	return -1;
}

json_t *api_missing_episode_body(http_req *req, const char *force_only, const jv_field *fields, size_t n,
				 episode_rec *e, person_rec *p)
{
	if (api_missing_episode_load(req, ACT_WRITE, e, p) != 0 ||
	    (force_only && api_missing_force_only(req, force_only) != 0))
		return NULL;
	return api_body(req, fields, n);
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
			      e->at, "place", api_missing_nullable(e->place), "by", api_missing_nullable(e->by_whom), "detail",
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
			      "person", person, "place_id", api_missing_nullable(r->place_id), "place", where, "note",
			      api_missing_nullable(r->note), "recorded_at", r->recorded_at);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

/* The episode's core: who, when, where, the grading and the clocks. */
static json_t *episode_core(const episode_rec *e)
{
	char name[300], today[DATE_LEN];
	clock_uk_date(clock_now_ms(), today);
	int child_now = presumed_child(e->date_of_birth, e->estimated_age, e->age_disputed, today);
	name_of(e->given_names, e->family_name, name, sizeof name);
	json_t *j = json_pack("{s:s, s:I, s:s, s:{s:s, s:s, s:b}, s:s, s:{s:s, s:s}, s:o, s:s, s:s, s:s, s:o, s:o, s:o, "
			 "s:o, s:o, s:o, s:o, s:o, s:s, s:s}",
			 "id", e->id, "version", (json_int_t)e->version, "status", e->returned_at ? "returned" : "missing",
			 "person", "id", e->person_id, "name", name, "presumed_child", child_now, "reported_at",
			 e->reported_at, "reported_by", "id", e->reported_by, "name", e->reported_by_name, "team",
			 e->team_id[0] ? json_pack("{s:s, s:s}", "id", e->team_id, "name", e->team_name) : json_null(),
			 "last_seen_at", e->last_seen_at, "last_seen_place", e->last_seen_place, "risk", e->risk,
			 "circumstances", api_missing_nullable(e->circumstances), "review_due", api_missing_nullable(e->review_due),
			 "returned_at", api_missing_nullable(e->returned_at), "found_by", api_missing_nullable(e->found_by),
			 "where_found", api_missing_nullable(e->where_found), "child_on_return",
			 e->child_on_return < 0 ? json_null() : json_boolean(e->child_on_return),
			 "return_interview_due", api_missing_nullable(e->interview_due), "safe_and_well_due",
			 api_missing_nullable(e->safe_well_due), "created_at", e->created_at, "updated_at", e->updated_at);
	if (j && json_object_update_new(j, json_pack("{s:s, s:o, s:b, s:b}", "initial_risk", e->initial_risk,
						      "returned_by",
						      e->returned_by[0] ? json_pack("{s:s, s:s?}", "id", e->returned_by,
										    "name", e->returned_by_name)
									: json_null(),
						      "safe_and_well_recorded", e->has_check,
						      "return_interview_recorded", e->has_interview)) != 0) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* Whether the array holds an object whose id is id. */
static int json_find_id(json_t *items, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(items, i, v)
	{
		const char *x = json_string_value(json_object_get(v, "id"));
		if (x && strcmp(x, id) == 0)
			return 1;
	}
	return 0;
}

/* The person's cases the user sees, once each: [{id, reference}]. */
typedef struct seen_cases {
	http_req *req;
	json_t *items;
} seen_cases;

static int add_case(const person_part *part, void *arg)
{
	seen_cases *x = arg;
	if (!api_part_seen(x->req, part) || json_find_id(x->items, part->case_id))
		return 0;
	json_t *j = json_pack("{s:s, s:s}", "id", part->case_id, "reference", part->reference);
	return j && json_array_append_new(x->items, j) == 0 ? 0 : DB_NOMEM;
}

/* A partner's copy: the force's own ids stay the force's. */
static void for_partner(json_t *episode)
{
	json_object_del(json_object_get(episode, "person"), "id");
	json_object_del(json_object_get(episode, "reported_by"), "id");
	json_object_del(json_object_get(episode, "returned_by"), "id");
	json_object_del(episode, "cases");
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
						   "disclosures", api_missing_nullable(sw.disclosures), "recorded_by", "id",
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
						   api_missing_nullable(iv.disclosures), "recorded_by", "id", iv.recorded_by, "name",
						   iv.recorded_by_name, "recorded_at", iv.recorded_at)) == 0
			     ? DB_OK
			     : DB_NOMEM;
	else if (has == DB_DONE)
		json_object_set_new(j, "return_interview", json_null());
	else
		rc = has;
	seen_cases cases = {req, NULL};
	if (rc == DB_OK && json_object_set_new(j, "cases", cases.items = json_array()) != 0)
		rc = DB_NOMEM;
	if (rc == DB_OK && !api_missing_partner(req))
		rc = store_person_parts(c->db, e->person_id, c->user.id, add_case, &cases);
	if (rc == DB_OK && api_missing_partner(req))
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
	if (api_missing_person_load(req, ACT_WRITE, &p, &rel) != 0 || api_missing_force_only(req, "reports a person missing") != 0)
		return;
	json_t *body = api_body(req, fields, 5);
	if (!body)
		return;
	json_t *errors = json_array();
	episode_rec e = {0};
	char reported[CLOCK_ISO_LEN], seen[CLOCK_ISO_LEN], due[CLOCK_ISO_LEN];
	int64_t reported_ms = 0, seen_ms = 0, now = clock_now_ms();
	int ok = api_missing_time_field(body, "reported_at", errors, &reported_ms, reported) == 0;
	ok &= api_missing_time_field(body, "last_seen_at", errors, &seen_ms, seen) == 0;
	int risk = missing_risk_of(jv_str(body, "risk"));
	if (risk < 0)
		jv_error(errors, "risk", "must be no_apparent_risk, low, medium or high");
	e.last_seen_place = jv_str(body, "last_seen_place");
	if (api_missing_blank(e.last_seen_place))
		jv_error(errors, "last_seen_place", "must say where they were last seen");
	missing_times t = ok ? missing_report_times(reported_ms, seen_ms, now) : MISSING_TIMES_OK;
	if (t != MISSING_TIMES_OK)
		jv_error(errors, missing_times_field(t), missing_times_message(t));
	if (api_reject(req, errors))
		return;
	int hours[RISK_COUNT], safe_well;
	int64_t sv;
	int rc = api_missing_intervals(req, c->user.org_id, hours, &safe_well, &sv);
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
	e.circumstances = api_missing_blank(jv_str(body, "circumstances")) ? NULL : jv_str(body, "circumstances");
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
	if (api_missing_episode_load(req, ACT_READ, &e, &p) != 0)
		return;
	json_t *out = NULL;
	int rc = episode_json(req, &e, &out);
	/* The look is audited in a write that ends with the answer, so it is
	 * never kept without the answer it records. */
	if (rc == DB_OK)
		rc = db_begin(api_ctx_of(req)->db);
	if (rc == DB_OK)
		rc = api_audit(req, api_missing_partner(req) ? "disclosure_viewed" : "missing_episode_viewed", "missing_episode",
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
	if (api_missing_person_load(req, ACT_READ, &p, &rel) != 0)
		return;
	of_person x = {req, &p, api_keep(req, json_array())};
	int rc = x.items ? store_episodes_of_person(c->db, http_req_arena(req), p.id, add_of_person, &x) : DB_NOMEM;
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = api_audit(req, api_missing_partner(req) ? "disclosure_viewed" : "missing_episodes_viewed", "person", p.id,
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
	json_t *body = api_missing_episode_body(req, "records a return", fields, 3, &e, &p);
	if (!body)
		return;
	json_t *errors = json_array();
	char returned[CLOCK_ISO_LEN], interview[CLOCK_ISO_LEN], safe_well_due[CLOCK_ISO_LEN];
	int64_t ms = 0;
	int ok = api_missing_time_field(body, "returned_at", errors, &ms, returned) == 0;
	const char *found_by = jv_str(body, "found_by"), *where = jv_str(body, "where_found");
	if (!missing_found_by_ok(found_by))
		jv_error(errors, "found_by", "must be returned_themselves, police, family_or_carer or other");
	if (api_missing_blank(where))
		jv_error(errors, "where_found", "must say where they were found or came back to");
	if (e.returned_at) {
		json_decref(errors);
		api_conflict(req, "this episode has ended already: the person has returned");
		return;
	}
	if (ok)
		api_missing_time_between(errors, "returned_at", ms, e.last_seen_at, "the time they were last seen", clock_now_ms());
	if (api_reject(req, errors))
		return;
	int hours[RISK_COUNT], safe_well;
	int64_t sv;
	int rc = api_missing_intervals(req, e.org_id, hours, &safe_well, &sv);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	episode_rec next = e;
	next.returned_at = returned;
	next.found_by = found_by;
	next.where_found = where;
	snprintf(next.returned_by, sizeof next.returned_by, "%s", c->user.id);
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
	json_t *body = api_missing_episode_body(req, "reviews the risk", fields, 3, &e, &p);
	if (!body)
		return;
	json_t *errors = json_array();
	int64_t now = clock_now_ms(), ms = now;
	char at[CLOCK_ISO_LEN], due[CLOCK_ISO_LEN];
	clock_iso(now, at);
	int given = api_missing_time_field(body, "reviewed_at", errors, &ms, at);
	int risk = missing_risk_of(jv_str(body, "risk"));
	if (risk < 0)
		jv_error(errors, "risk", "must be no_apparent_risk, low, medium or high");
	if (api_missing_blank(jv_str(body, "reason")))
		jv_error(errors, "reason", "must say why the grading is what it is now");
	if (e.returned_at) {
		json_decref(errors);
		api_conflict(req, "the person has returned: the risk is reviewed only while they are missing");
		return;
	}
	if (given == 0)
		api_missing_time_between(errors, "reviewed_at", ms, e.reported_at, "the report", now);
	if (api_reject(req, errors))
		return;
	int hours[RISK_COUNT], safe_well;
	int64_t sv;
	int rc = api_missing_intervals(req, e.org_id, hours, &safe_well, &sv);
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
	const char *graded = missing_risk_words((missing_risk)missing_risk_of(e->initial_risk));
	snprintf(text, sizeof text, "%s reported missing, graded %s; last seen at %s", name, graded ? graded : e->risk,
		 e->last_seen_place);
	json_t *j = json_pack("{s:s, s:s, s:s, s:b, s:{s:s, s:s}, s:s, s:s}", "id", e->id, "kind", "missing_reported",
			      "text", text, "sealed", 0, "by", "id", e->reported_by, "name", e->reported_by_name, "at",
			      e->reported_at, "missing_episode_id", e->id);
	if (!j || json_array_append_new(t->items, j) != 0)
		return DB_NOMEM;
	if (!e->returned_at)
		return DB_OK;
	snprintf(text, sizeof text, "%s returned: found at %s", name, e->where_found);
	const char *by = e->returned_by[0] ? e->returned_by : e->reported_by;
	const char *by_name = e->returned_by[0] && e->returned_by_name ? e->returned_by_name : e->reported_by_name;
	j = json_pack("{s:s, s:s, s:s, s:b, s:{s:s, s:s}, s:s, s:s}", "id", e->id, "kind", "missing_returned", "text",
		      text, "sealed", 0, "by", "id", by, "name", by_name, "at", e->returned_at, "missing_episode_id", e->id);
	return j && json_array_append_new(t->items, j) == 0 ? DB_OK : DB_NOMEM;
}

int api_missing_timeline(http_req *req, const char *case_id, unsigned rel, json_t *items)
{
	api_ctx *c = api_ctx_of(req);
	if (access_decide(c->role, KIND_MISSING, ACT_READ, rel) != ACCESS_ALLOW)
		return DB_OK;
	on_timeline t = {items};
	return store_episodes_of_case(c->db, http_req_arena(req), case_id, add_to_timeline, &t);
}

