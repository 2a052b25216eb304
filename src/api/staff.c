/* Staff profiles (team, rank, PIP accreditation, languages, capacity),
 * absences, the training register with CSV import and export, and the
 * compliance view. Supervisors and administrators of the force keep them;
 * everyone reads their own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/person.h"
#include "domain/training.h"
#include "lib/clock.h"
#include "lib/csv.h"
#include "store/staff.h"

/* Loads {id} when the signed-in user may take the action on that member
 * of staff (the access table: their own record, or those of the force for
 * those who keep staff records). Replies 403, 404 or 503 and returns -1
 * otherwise; *rel gets the record's relations to the user. */
static int load_staff(http_req *req, access_action a, staff_rec *s, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_staff_get(c->db, http_req_arena(req), http_req_param(req, "id"), s);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	*rel = rc == DB_ROW ? api_relate(req, s->org_id, s->team_id, s->user_id, 0) : 0;
	return api_allow(req, KIND_STAFF, a, *rel, "member of staff");
}

/* The staff record; how many cases they lead only for those who may see
 * their workload (null otherwise). */
static json_t *staff_json(http_req *req, const staff_rec *s, unsigned rel)
{
	int workload = access_decide(api_ctx_of(req)->role, KIND_WORKLOAD, ACT_READ, rel) == ACCESS_ALLOW;
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:s?, s:s?}, s:s?, s:i, s:s?, s:i, s:o, s:o, s:I}", "user_id",
			 s->user_id, "username", s->username, "name", s->display_name, "role", s->role, "team", "id",
			 s->team_id, "name", s->team_name, "rank", s->rank, "pip_level", s->pip_level,
			 "pip_accredited_on", s->pip_accredited_on, "capacity", s->capacity, "languages",
			 json_loads(s->languages, 0, NULL), "active_cases",
			 workload ? json_integer(s->active_cases) : json_null(), "version", (json_int_t)s->version);
}

/* Where training records go as they are read, a JSON list or CSV rows, and
 * the day their state is reckoned on. */
typedef struct training_out {
	json_t *items;
	buf *csv;
	const char *today;
} training_out;

static int add_training(const training_rec *r, void *arg)
{
	training_out *o = arg;
	const course *k = training_course(r->course);
	json_t *j = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:s?, s:s?}", "id", r->id, "course", r->course,
			      "course_name", k ? k->name : NULL, "provider", r->provider, "completed_on",
			      r->completed_on, "expires_on", r->expires_on, "state",
			      training_state_name(training_state_on(r->expires_on, o->today)), "user_id", r->user_id,
			      "name", r->display_name);
	return j && json_array_append_new(o->items, j) == 0 ? 0 : DB_NOMEM;
}

static int add_absence(const absence_rec *r, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?}", "id", r->id, "kind", r->kind, "starts_on", r->starts_on,
			      "ends_on", r->ends_on, "note", r->note);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_held(const char *case_id, const char *reference, const char *title, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s}", "id", case_id, "reference", reference, "title", title);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

/* The record with training and absences, and the cases they lead for
 * those who may see their caseload (null otherwise), owned by the request;
 * or NULL with *rc set. */
static json_t *staff_full(http_req *req, const staff_rec *s, unsigned rel, int *rc)
{
	api_ctx *c = api_ctx_of(req);
	char day[DATE_LEN];
	clock_today(day);
	int caseload = access_decide(c->role, KIND_CASELOAD, ACT_READ, rel) == ACCESS_ALLOW;
	json_t *out = api_keep(req, staff_json(req, s, rel));
	if (!out || json_object_set_new(out, "training", json_array()) != 0 ||
	    json_object_set_new(out, "absences", json_array()) != 0 ||
	    json_object_set_new(out, "cases", caseload ? json_array() : json_null()) != 0) {
		*rc = DB_NOMEM;
		return NULL;
	}
	training_out t = {json_object_get(out, "training"), NULL, day};
	*rc = store_training_of(c->db, http_req_arena(req), s->user_id, add_training, &t);
	if (*rc == DB_OK)
		*rc = store_absences_of(c->db, http_req_arena(req), s->user_id, day, add_absence,
					json_object_get(out, "absences"));
	if (*rc == DB_OK && caseload)
		*rc = store_leads_of_user(c->db, s->user_id, add_held, json_object_get(out, "cases"));
	return *rc == DB_OK ? out : NULL;
}

void api_staff_get(http_req *req)
{
	staff_rec s;
	unsigned rel;
	if (load_staff(req, ACT_READ, &s, &rel) != 0)
		return;
	int rc;
	json_t *out = staff_full(req, &s, rel, &rc);
	if (!out) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, s.version);
	http_reply_json(req, 200, json_incref(out));
}

typedef struct staff_list {
	http_req *req;
	json_t *items;
} staff_list;

static int add_staff(const staff_rec *s, void *arg)
{
	staff_list *x = arg;
	json_t *j = staff_json(x->req, s, api_relate(x->req, s->org_id, s->team_id, s->user_id, 0));
	return j && json_array_append_new(x->items, j) == 0 ? 0 : DB_NOMEM;
}

void api_staff_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	api_page page;
	if (api_page_only(req, &page) != 0)
		return;
	json_t *out = api_keep(req, json_object());
	staff_list x = {req, api_keep(req, json_array())};
	store_reach reach = api_reach(req, KIND_STAFF, ACT_READ);
	int rc = out && x.items ? store_staff_list(c->db, http_req_arena(req), &reach, http_req_query(req, "team_id"),
						    add_staff, &x)
			       : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_page_set(out, &page, x.items);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

void api_staff_put(http_req *req)
{
	static const jv_field fields[] = {
		{"rank", JV_STRING, 0, 100},	       {"pip_level", JV_INT, 1, 0},
		{"pip_accredited_on", JV_STRING, 0, FIELD_DATE}, {"capacity", JV_INT, 1, 0},
		{"languages", JV_ARRAY, 1, 20},
	};
	api_ctx *c = api_ctx_of(req);
	staff_rec s;
	unsigned rel;
	int64_t version;
	if (load_staff(req, ACT_ADMINISTER, &s, &rel) != 0 || api_if_match_new(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 5);
	if (!body)
		return;
	json_t *errors = json_array();
	json_int_t pip = json_integer_value(json_object_get(body, "pip_level"));
	json_int_t cap = json_integer_value(json_object_get(body, "capacity"));
	if (pip < 0 || pip > 4)
		jv_error(errors, "pip_level", "must be 0 (not accredited) to 4");
	if (cap < 0 || cap > 100)
		jv_error(errors, "capacity", "must be from 0 to 100 active cases");
	const char *pip_on = api_past_date(body, "pip_accredited_on", errors);
	if (pip > 0 && !pip_on && !json_object_get(body, "pip_accredited_on"))
		jv_error(errors, "pip_accredited_on", "say when they were accredited");
	json_t *langs = json_object_get(body, "languages"), *x;
	size_t i;
	json_array_foreach(langs, i, x)
	{
		const char *tag = json_string_value(json_object_get(x, "tag"));
		const char *level = json_string_value(json_object_get(x, "proficiency"));
		if (!json_is_object(x) || json_object_size(x) != 2 || !tag || !language_tag_valid(tag))
			jv_error(errors, "languages", "each is {tag, proficiency} with a BCP 47 tag such as sq or ar-SY");
		else if (!level || (strcmp(level, "basic") && strcmp(level, "working") && strcmp(level, "fluent") &&
				    strcmp(level, "native")))
			jv_error(errors, "languages", "proficiency must be basic, working, fluent or native");
	}
	if (api_reject(req, errors))
		return;
	if (version != s.version) {
		api_stale(req, "staff profile", s.version, staff_json(req, &s, rel));
		return;
	}
	char *languages = json_dumps(langs, JSON_COMPACT);
	s.rank = jv_str(body, "rank");
	s.pip_level = (int)pip;
	s.pip_accredited_on = pip > 0 ? pip_on : NULL;
	s.capacity = (int)cap;
	s.languages = languages ? arena_strdup(http_req_arena(req), languages) : NULL;
	free(languages);
	int rc = s.languages ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK && (rc = store_staff_put(c->db, &s, c->user.id)) == DB_DONE)
		rc = DB_BUSY; /* saved by someone else at the same moment */
	if (rc == DB_OK)
		rc = api_audit(req, "staff_profile_changed", "user", s.user_id, NULL,
			       json_pack("{s:i, s:i}", "pip_level", s.pip_level, "capacity", s.capacity));
	json_t *out = rc == DB_OK ? staff_full(req, &s, rel, &rc) : NULL;
	if (rc == DB_OK)
		api_etag(req, s.version);
	api_write_end(req, rc, 200, json_incref(out));
}

/* Loads the member of staff the path names for the action, and the body:
 * the body, or NULL having replied. */
static json_t *staff_body(http_req *req, access_action a, const jv_field *fields, size_t n, staff_rec *s,
			  unsigned *rel)
{
	return load_staff(req, a, s, rel) == 0 ? api_body(req, fields, n) : NULL;
}

void api_staff_absence_create(http_req *req)
{
	static const jv_field fields[] = {
		{"kind", JV_STRING, 1, 16},
		{"starts_on", JV_STRING, 1, FIELD_DATE},
		{"ends_on", JV_STRING, 1, FIELD_DATE},
		{"note", JV_STRING, 0, FIELD_LINE},
	};
	api_ctx *c = api_ctx_of(req);
	staff_rec s;
	unsigned rel;
	json_t *body = staff_body(req, ACT_WRITE, fields, sizeof fields / sizeof fields[0], &s, &rel);
	if (!body)
		return;
	json_t *errors = json_array();
	absence_rec r = {0};
	r.kind = jv_str(body, "kind");
	r.starts_on = jv_str(body, "starts_on");
	r.ends_on = jv_str(body, "ends_on");
	r.note = jv_str(body, "note");
	if (strcmp(r.kind, "leave") && strcmp(r.kind, "course") && strcmp(r.kind, "sickness") && strcmp(r.kind, "other"))
		jv_error(errors, "kind", "must be leave, course, sickness or other");
	if (date_days(r.starts_on) == DATE_INVALID)
		jv_error(errors, "starts_on", "must be a real date, YYYY-MM-DD");
	if (date_days(r.ends_on) == DATE_INVALID)
		jv_error(errors, "ends_on", "must be a real date, YYYY-MM-DD");
	else if (date_days(r.starts_on) != DATE_INVALID && strcmp(r.ends_on, r.starts_on) < 0)
		jv_error(errors, "ends_on", "must be on or after starts_on");
	if (api_reject(req, errors))
		return;
	memcpy(r.user_id, s.user_id, SECURE_ID_LEN);
	memcpy(r.created_by, c->user.id, SECURE_ID_LEN);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_absence_add(c->db, &r);
	if (rc == DB_OK)
		rc = api_audit(req, "staff_absence_recorded", "user", s.user_id, NULL,
			       json_pack("{s:s, s:s, s:s}", "kind", r.kind, "starts_on", r.starts_on, "ends_on", r.ends_on));
	if (rc == DB_OK)
		json_object_set_new(body, "id", json_string(r.id));
	api_write_end(req, rc, 201, json_incref(body));
}

/* Checks one training record's fields (any may be NULL), adding errors;
 * fills r's course, provider and dates (expiry from the course when none). */
static void check_training(const char *course_s, const char *provider, const char *completed_on,
			   const char *expires_on, char expiry[DATE_LEN], const char *day, training_rec *r,
			   json_t *errors)
{
	const course *k = training_course(course_s);
	if (!k)
		jv_error(errors, "course", "is not a course: see GET /api/v1/training/courses");
	if (!provider || !provider[0] || strlen(provider) > 200)
		jv_error(errors, "provider", "name who gave the course (1 to 200 characters)");
	int done_ok = completed_on && date_days(completed_on) != DATE_INVALID && strcmp(completed_on, day) <= 0;
	if (!done_ok)
		jv_error(errors, "completed_on", "must be a real date, YYYY-MM-DD, today or earlier");
	if (expires_on && expires_on[0]) {
		if (date_days(expires_on) == DATE_INVALID)
			jv_error(errors, "expires_on", "must be a real date, YYYY-MM-DD");
		else if (done_ok && strcmp(expires_on, completed_on) <= 0)
			jv_error(errors, "expires_on", "must be after completed_on");
		else
			snprintf(expiry, DATE_LEN, "%s", expires_on);
	} else if (k && done_ok && training_default_expiry(k, completed_on, expiry) != 0) {
		jv_error(errors, "completed_on", "must be a real date, YYYY-MM-DD");
	}
	r->course = course_s;
	r->provider = provider;
	r->completed_on = completed_on;
	r->expires_on = expiry;
}

void api_staff_training_create(http_req *req)
{
	static const jv_field fields[] = {
		{"course", JV_STRING, 1, FIELD_CODE},
		{"provider", JV_STRING, 1, FIELD_NAME},
		{"completed_on", JV_STRING, 1, FIELD_DATE},
		{"expires_on", JV_STRING, 0, FIELD_DATE},
	};
	api_ctx *c = api_ctx_of(req);
	staff_rec s;
	unsigned rel;
	json_t *body = staff_body(req, ACT_ADMINISTER, fields, sizeof fields / sizeof fields[0], &s, &rel);
	if (!body)
		return;
	json_t *errors = json_array();
	char day[DATE_LEN], expiry[DATE_LEN] = "";
	clock_today(day);
	training_rec r = {0};
	check_training(jv_str(body, "course"), jv_str(body, "provider"), jv_str(body, "completed_on"),
		       jv_str(body, "expires_on"), expiry, day, &r, errors);
	if (api_reject(req, errors))
		return;
	memcpy(r.user_id, s.user_id, SECURE_ID_LEN);
	memcpy(r.created_by, c->user.id, SECURE_ID_LEN);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_training_add(c->db, &r);
	if (rc == DB_OK)
		rc = api_audit(req, "training_recorded", "user", s.user_id, NULL,
			       json_pack("{s:s, s:s}", "course", r.course, "expires_on", r.expires_on));
	api_write_end(req, rc, 201,
		      rc == DB_OK ? json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", r.id, "user_id", r.user_id,
					      "course", r.course, "provider", r.provider, "completed_on",
					      r.completed_on, "expires_on", r.expires_on, "state",
					      training_state_name(training_state_on(r.expires_on, day)))
				  : NULL);
}

void api_training_courses(http_req *req)
{
	json_t *items = json_array();
	for (size_t i = 0; i < training_ncourses; i++)
		json_array_append_new(items, json_pack("{s:s, s:s, s:i}", "code", training_courses[i].code, "name",
						       training_courses[i].name, "valid_years",
						       training_courses[i].valid_years));
	http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

static const char *const IMPORT_COLUMNS[] = {"username", "course", "provider", "completed_on", "expires_on"};
#define IMPORT_NCOLUMNS 5

/* POST /api/v1/training/import: a CSV with a header row naming the columns
 * (username, course, provider, completed_on, and optionally expires_on, in
 * any order). Good rows are kept together in one transaction; bad rows are
 * reported by line with the reason and nothing of them is kept. */
void api_training_import(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	if (api_allow_whole(req, KIND_STAFF, ACT_ADMINISTER, "the force's training register") != 0)
		return;
	const char *type = http_req_header(req, "Content-Type");
	if (!type || strncmp(type, "text/csv", 8) != 0) {
		http_reply_problem(req, 415, "Unsupported Media Type", "send the file as Content-Type: text/csv", NULL);
		return;
	}
	size_t len = 0;
	const char *text = http_req_body(req, &len);
	arena *a = http_req_arena(req);
	csv_reader rd;
	csv_init(&rd, text ? text : "", text ? len : 0);
	char *cols[CSV_MAX_FIELDS];
	int ncols = csv_next(&rd, a, cols, CSV_MAX_FIELDS);
	int at[IMPORT_NCOLUMNS];
	json_t *errors = json_array();
	for (int k = 0; k < IMPORT_NCOLUMNS; k++) {
		at[k] = -1;
		for (int i = 0; i < ncols; i++)
			if (strcmp(cols[i], IMPORT_COLUMNS[k]) == 0)
				at[k] = i;
		if (at[k] < 0 && k < 4) {
			char msg[120];
			snprintf(msg, sizeof msg, "the header row has no %s column", IMPORT_COLUMNS[k]);
			jv_error(errors, "file", msg);
		}
	}
	if (ncols <= 0)
		jv_error(errors, "file", "is empty or its header row is not CSV");
	if (api_reject(req, errors))
		return;
	char day[DATE_LEN];
	clock_today(day);
	/* One row's errors at a time, copied into rejected when there are any. */
	json_t *row_errors = api_keep(req, json_array()), *rejected = json_array();
	int imported = 0, rc = row_errors ? db_begin(c->db) : DB_NOMEM;
	for (;;) {
		size_t line = rd.line;
		char *f[CSV_MAX_FIELDS];
		int n = csv_next(&rd, a, f, CSV_MAX_FIELDS);
		if (n == 0 || rc != DB_OK)
			break;
		if (n == 1 && !f[0][0])
			continue; /* a blank line */
		json_array_clear(row_errors);
		const char *v[IMPORT_NCOLUMNS] = {0};
		if (n < 0)
			jv_error(row_errors, "row", "is not well-formed CSV (an unclosed or stray quote, or too many columns)");
		else
			for (int k = 0; k < IMPORT_NCOLUMNS; k++)
				v[k] = at[k] >= 0 && at[k] < n ? f[at[k]] : NULL;
		training_rec r = {0};
		char expiry[DATE_LEN] = "";
		if (n > 0) {
			/* Only an account that is not there is the row's fault. */
			int account = v[0] ? store_staff_by_username(c->db, c->user.org_id, v[0], r.user_id) : DB_DONE;
			if (account != DB_ROW && account != DB_DONE) {
				rc = account;
				break;
			}
			if (account == DB_DONE)
				jv_error(row_errors, "username", "is not an account of your force");
			check_training(v[1], v[2], v[3], v[4], expiry, day, &r, row_errors);
		}
		if (json_array_size(row_errors)) {
			json_array_append_new(rejected, json_pack("{s:I, s:s?, s:o}", "line", (json_int_t)line,
								  "username", v[0], "errors", json_copy(row_errors)));
			continue;
		}
		memcpy(r.created_by, c->user.id, SECURE_ID_LEN);
		rc = store_training_add(c->db, &r);
		imported += rc == DB_OK;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "training_imported", "settings", NULL, NULL,
			       json_pack("{s:i, s:I}", "imported", imported, "rejected",
					 (json_int_t)json_array_size(rejected)));
	api_write_end(req, rc, 200, json_pack("{s:i, s:o}", "imported", imported, "rejected", rejected));
}

static int export_row(const training_rec *r, void *arg)
{
	training_out *x = arg;
	csv_field(x->csv, r->username, 1);
	csv_field(x->csv, r->display_name, 0);
	csv_field(x->csv, r->team_name, 0);
	csv_field(x->csv, r->course, 0);
	csv_field(x->csv, r->provider, 0);
	csv_field(x->csv, r->completed_on, 0);
	csv_field(x->csv, r->expires_on, 0);
	csv_field(x->csv, training_state_name(training_state_on(r->expires_on, x->today)), 0);
	return buf_puts(x->csv, "\r\n") ? DB_NOMEM : 0;
}

/* Opens a view of the whole force's training for the action (what names
 * the view in a refusal): 0 with today in day and the user's force in
 * *own, or -1 having replied 403. */
static int force_training(http_req *req, access_action a, const char *what, char day[DATE_LEN], store_orgs *own)
{
	if (api_allow_whole(req, KIND_STAFF, a, what) != 0)
		return -1;
	clock_today(day);
	*own = (store_orgs){api_ctx_of(req)->user.org_id, NULL};
	return 0;
}

void api_training_export(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	char day[DATE_LEN];
	store_orgs own;
	if (force_training(req, ACT_EXPORT, "the force's training register", day, &own) != 0)
		return;
	buf b;
	buf_init(&b);
	buf_puts(&b, "username,name,team,course,provider,completed_on,expires_on,state\r\n");
	training_out x = {NULL, &b, day};
	int rc = store_training_all(c->db, http_req_arena(req), &own, http_req_query(req, "team_id"),
				    export_row, &x);
	if (rc == DB_OK && b.failed)
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = api_audit(req, "training_exported", "settings", NULL, NULL, NULL);
	if (rc == DB_OK) {
		http_reply_header(req, "Content-Disposition", "attachment; filename=\"training.csv\"");
		http_reply_bytes(req, 200, "text/csv; charset=utf-8", buf_str(&b), b.len);
	} else {
		api_db_fail(req, rc);
	}
	buf_free(&b);
}

typedef struct compliance {
	const char *today;
	json_t *items, *teams;
	char last_user[SECURE_ID_LEN], last_course[64];
} compliance;

/* Records come by team, name, course, latest expiry first: the first of
 * each (user, course) is the one that counts. */
static int add_compliance(const training_rec *r, void *arg)
{
	compliance *x = arg;
	if (strcmp(x->last_user, r->user_id) == 0 && strcmp(x->last_course, r->course) == 0)
		return 0;
	snprintf(x->last_user, sizeof x->last_user, "%s", r->user_id);
	snprintf(x->last_course, sizeof x->last_course, "%s", r->course);
	training_state st = training_state_on(r->expires_on, x->today);
	const char *team = r->team_name ? r->team_name : "No team";
	json_t *t = json_object_get(x->teams, team);
	if (!t) {
		t = json_pack("{s:s, s:i, s:i, s:i}", "team", team, "valid", 0, "expiring", 0, "expired", 0);
		if (json_object_set_new(x->teams, team, t) != 0)
			return DB_NOMEM;
	}
	const char *key = training_state_name(st);
	json_object_set_new(t, key, json_integer(json_integer_value(json_object_get(t, key)) + 1));
	if (st == TRAINING_VALID || !x->items)
		return 0;
	const course *k = training_course(r->course);
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s}", "user_id", r->user_id, "name", r->display_name,
			      "team", team, "course", r->course, "course_name", k ? k->name : NULL, "expires_on",
			      r->expires_on, "state", key);
	return j && json_array_append_new(x->items, j) == 0 ? 0 : DB_NOMEM;
}

int api_training_by_team(http_req *req, const store_orgs *orgs, const char *team_id, const char *today, json_t *items,
			 json_t **teams)
{
	compliance x = {today, items, api_keep(req, json_object()), "", ""};
	if (!x.teams)
		return DB_NOMEM;
	int rc = store_training_all(api_ctx_of(req)->db, http_req_arena(req), orgs, team_id, add_compliance, &x);
	if (rc != DB_OK)
		return rc;
	*teams = json_array();
	json_t *t;
	const char *k;
	json_object_foreach(x.teams, k, t)
	{
		json_int_t valid = json_integer_value(json_object_get(t, "valid")),
			   expiring = json_integer_value(json_object_get(t, "expiring")),
			   all = valid + expiring + json_integer_value(json_object_get(t, "expired"));
		json_object_set_new(t, "share_valid", json_real(all ? (double)(valid + expiring) / (double)all : 0));
		json_array_append(*teams, t);
	}
	return DB_OK;
}

void api_training_compliance(http_req *req)
{
	char day[DATE_LEN];
	store_orgs own;
	if (force_training(req, ACT_READ, "the force's training compliance", day, &own) != 0)
		return;
	json_t *items = api_keep(req, json_array()), *teams;
	int rc = items ? api_training_by_team(req, &own, http_req_query(req, "team_id"), day, items, &teams) : DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:s, s:i, s:o, s:O}", "today", day, "notice_days",
					    TRAINING_EXPIRY_NOTICE_DAYS, "teams", teams, "items", items));
}
