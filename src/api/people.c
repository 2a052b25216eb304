/* People: record once, find however the name was spelt, link to cases.
 * Every read of a person is audited; the sealed immigration status is shown
 * only with a stated purpose, which is audited too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/person_names.h"
#include "domain/casework.h"
#include "domain/names.h"
#include "domain/person.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/people.h"

#define SEALED_MARK "[sealed]"

/* The people the signed-in user may see, for searches. */
static person_scope scope_of(http_req *req)
{
	person_scope s = {.as_person = api_reach(req, KIND_PERSON, ACT_READ),
			  .as_suspect = api_reach(req, KIND_SUSPECT, ACT_READ),
			  .everyone = 0};
	return s;
}

typedef struct rel_parts {
	http_req *req;
	unsigned as_person, as_suspect;
	int parts;
} rel_parts;

static int add_part(const person_part *part, void *arg)
{
	rel_parts *x = arg;
	unsigned r = api_relate(x->req, part->org_id, part->team_id, NULL, part->allocated ? REL_ALLOCATED : 0);
	if (strcmp(part->role, "suspect") == 0)
		x->as_suspect |= r;
	else
		x->as_person |= r;
	x->parts++;
	return 0;
}

int api_person_rel(http_req *req, const person_rec *p, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	rel_parts x = {req, 0, 0, 0};
	int rc = store_person_parts(c->db, p->id, c->user.id, add_part, &x);
	if (rc != DB_OK)
		return rc;
	/* In no case yet: the team that recorded them. */
	if (!x.parts)
		x.as_person = api_relate(req, p->org_id, p->team_id, NULL, 0);
	*rel = access_person_rel(c->role, x.as_person, x.as_suspect);
	return DB_OK;
}

/* Loads the person id names when the user may take the action on them:
 * 0, or replied (403, 404 never saying whether they exist, 503) and -1.
 * *rel, when not NULL, gets their relations to the user. */
static int load_person_id(http_req *req, const char *id, access_action a, person_rec *p, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	unsigned r = 0;
	int rc = id ? store_person_get(c->db, http_req_arena(req), id, p) : DB_DONE;
	if (rc == DB_ROW && (rc = api_person_rel(req, p, &r)) == DB_OK)
		rc = DB_ROW;
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	if (rel)
		*rel = r;
	return api_allow(req, KIND_PERSON, a, r, "person");
}

/* The public view: never the sealed field. */
json_t *api_person_json(const person_rec *p)
{
	char day[11];
	clock_today(day);
	int age = p->date_of_birth ? age_on(p->date_of_birth, day) : p->estimated_age;
	json_t *j = json_pack(
		"{s:s, s:s, s:s, s:o, s:s?, s:o, s:b, s:s?, s:o, s:o, s:b, s:s?, s:o, s:b, s:o, "
		"s:b, s:s, s:s, s:I}",
		"id", p->id, "given_names", p->given_names, "family_name", p->family_name,
		"aliases", json_loads(p->aliases, 0, NULL), "date_of_birth", p->date_of_birth,
		"estimated_age", p->estimated_age >= 0 ? json_integer(p->estimated_age) : json_null(),
		"age_disputed", p->age_disputed, "gender", p->gender, "nationalities",
		json_loads(p->nationalities, 0, NULL), "languages", json_loads(p->languages, 0, NULL),
		"interpreter_needed", p->interpreter_needed, "interpreter_language",
		p->interpreter_language, "safe_contact",
		p->safe_contact ? json_loads(p->safe_contact, 0, NULL) : json_null(),
		"presumed_child", presumed_child(p->date_of_birth, p->estimated_age, p->age_disputed, day),
		"age", age >= 0 ? json_integer(age) : json_null(), "immigration_status_recorded",
		p->immigration_status != NULL, "created_at", p->created_at, "updated_at",
		p->updated_at, "version", (json_int_t)p->version);
	return j;
}

static const jv_field PERSON_FIELDS[] = {
	{"given_names", JV_STRING, 0, 200},
	{"family_name", JV_STRING, 0, 200},
	{"aliases", JV_STRING_ARRAY, 0, 20},
	{"date_of_birth", JV_STRING, 0, 10},
	{"estimated_age", JV_INT, 0, 0},
	{"age_disputed", JV_BOOL, 0, 0},
	{"gender", JV_STRING, 0, 16},
	{"nationalities", JV_STRING_ARRAY, 0, 5},
	{"languages", JV_STRING_ARRAY, 0, 10},
	{"interpreter_needed", JV_BOOL, 0, 0},
	{"interpreter_language", JV_STRING, 0, 35},
	{"safe_contact", JV_OBJECT, 0, 0},
	{"immigration_status", JV_STRING, 0, 2000},
};
#define NPERSON (sizeof PERSON_FIELDS / sizeof PERSON_FIELDS[0])

/* Text kept for the request's life (freed with the arena). */
static const char *keep(http_req *req, char *malloced)
{
	if (!malloced)
		return NULL;
	const char *copy = arena_strdup(http_req_arena(req), malloced);
	free(malloced);
	return copy;
}

static const char *json_text(http_req *req, json_t *v)
{
	return keep(req, json_dumps(v, JSON_COMPACT));
}

/* Applies the fields present in body to p, checking each; problems go to errors. */
static void apply(http_req *req, json_t *body, person_rec *p, json_t *errors)
{
	const char *s;
	json_t *v;
	if ((s = jv_str(body, "given_names")))
		p->given_names = s;
	if ((s = jv_str(body, "family_name")))
		p->family_name = s;
	if (!p->given_names)
		p->given_names = "";
	if (!p->family_name)
		p->family_name = "";
	if (!p->given_names[0] && !p->family_name[0])
		jv_error(errors, "family_name", "enter a name: given names, family name or both");
	if (json_is_array(v = json_object_get(body, "aliases"))) {
		size_t i;
		json_t *a;
		json_array_foreach(v, i, a)
		{
			if (!json_string_length(a) || json_string_length(a) > 200)
				jv_error(errors, "aliases", "each alias must be 1 to 200 characters");
		}
		p->aliases = json_text(req, v);
	}
	if (json_object_get(body, "date_of_birth")) {
		p->date_of_birth = jv_str(body, "date_of_birth");
		int y, m, d;
		char day[11];
		clock_today(day);
		if (p->date_of_birth &&
		    (date_parse(p->date_of_birth, &y, &m, &d) != 0 || strcmp(p->date_of_birth, day) > 0 ||
		     y < 1900))
			jv_error(errors, "date_of_birth", "must be a real date, YYYY-MM-DD, not in the future");
	}
	if (json_object_get(body, "estimated_age")) {
		v = json_object_get(body, "estimated_age");
		p->estimated_age = json_is_integer(v) ? (int)json_integer_value(v) : -1;
		if (json_is_integer(v) && (json_integer_value(v) < 0 || json_integer_value(v) > 120))
			jv_error(errors, "estimated_age", "must be from 0 to 120");
	}
	if (p->date_of_birth && p->estimated_age >= 0)
		jv_error(errors, "estimated_age", "give a date of birth or an estimated age, not both");
	if (json_is_boolean(v = json_object_get(body, "age_disputed")))
		p->age_disputed = json_is_true(v);
	if (json_object_get(body, "gender")) {
		p->gender = jv_str(body, "gender");
		if (p->gender && !gender_valid(p->gender))
			jv_error(errors, "gender", "must be female, male, other or unknown");
	}
	if (json_is_array(v = json_object_get(body, "nationalities"))) {
		size_t i;
		json_t *n;
		json_array_foreach(v, i, n)
		{
			if (!nationality_valid(json_string_value(n)))
				jv_error(errors, "nationalities",
					 "each must be an ISO 3166-1 alpha-2 code such as GB, AL or VN");
		}
		p->nationalities = json_text(req, v);
	}
	if (json_is_array(v = json_object_get(body, "languages"))) {
		size_t i;
		json_t *n;
		json_array_foreach(v, i, n)
		{
			if (!language_tag_valid(json_string_value(n)))
				jv_error(errors, "languages",
					 "each must be a BCP 47 tag such as sq, vi or ar-SY");
		}
		p->languages = json_text(req, v);
	}
	if (json_is_boolean(v = json_object_get(body, "interpreter_needed")))
		p->interpreter_needed = json_is_true(v);
	if (json_object_get(body, "interpreter_language")) {
		p->interpreter_language = jv_str(body, "interpreter_language");
		if (p->interpreter_language && !language_tag_valid(p->interpreter_language))
			jv_error(errors, "interpreter_language", "must be a BCP 47 tag such as ar-SY");
	}
	if (p->interpreter_needed && !p->interpreter_language)
		jv_error(errors, "interpreter_language",
			 "say which language (and dialect) the interpreter needs");
	if (json_object_get(body, "safe_contact")) {
		json_t *sc = json_object_get(body, "safe_contact");
		if (json_is_object(sc)) {
			static const jv_field sc_fields[] = {
				{"method", JV_STRING, 0, 200},
				{"times", JV_STRING, 0, 200},
				{"phone_may_be_monitored", JV_BOOL, 0, 0},
				{"notes", JV_STRING, 0, 1000},
			};
			json_t *sub = json_array();
			jv_check(sc, sc_fields, 4, sub);
			size_t i;
			json_t *e;
			json_array_foreach(sub, i, e)
			{
				char f[96];
				snprintf(f, sizeof f, "safe_contact.%s",
					 json_string_value(json_object_get(e, "field")));
				jv_error(errors, f, json_string_value(json_object_get(e, "message")));
			}
			json_decref(sub);
			p->safe_contact = json_text(req, sc);
		} else {
			p->safe_contact = NULL;
		}
	}
}

typedef struct match_ctx {
	json_t *items;
	const char *skip_id;
	const char *nationality;
	const char *dob;
	int age_min, age_max;
	double threshold;
} match_ctx;

static int collect_match(const person_rec *p, double s, void *arg)
{
	match_ctx *m = arg;
	if (m->skip_id && strcmp(p->id, m->skip_id) == 0)
		return 0;
	if (m->nationality && !strstr(p->nationalities, m->nationality))
		return 0;
	if (m->dob && (!p->date_of_birth || strcmp(p->date_of_birth, m->dob) != 0))
		return 0;
	if (m->age_min >= 0 || m->age_max >= 0) {
		char day[11];
		clock_today(day);
		int age = p->date_of_birth ? age_on(p->date_of_birth, day) : p->estimated_age;
		if (age < 0 || (m->age_min >= 0 && age < m->age_min) || (m->age_max >= 0 && age > m->age_max))
			return 0;
	}
	json_t *j = api_person_json(p);
	json_object_set_new(j, "score", json_real((double)(int)(s * 1000 + 0.5) / 1000.0));
	json_object_del(j, "safe_contact");
	return json_array_append_new(m->items, j) == 0 ? 0 : DB_NOMEM;
}

static int by_score(const void *a, const void *b)
{
	double x = json_real_value(json_object_get(*(json_t *const *)a, "score"));
	double y = json_real_value(json_object_get(*(json_t *const *)b, "score"));
	return x < y ? 1 : x > y ? -1 : 0;
}

/* Sorts items by score, best first, and keeps the first limit. */
static json_t *best_first(json_t *items, size_t limit)
{
	size_t n = json_array_size(items);
	json_t **v = calloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(items, i);
	qsort(v, n, sizeof *v, by_score);
	json_t *out = json_array();
	for (size_t i = 0; i < n && i < limit; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(items);
	return out;
}

/* Finds people whose names match q among those the user may see. */
static int search(http_req *req, match_ctx *m, const char *q, int limit, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	m->items = json_array();
	person_scope sc = scope_of(req);
	int rc = person_find(c->db, http_req_arena(req), &sc, q, m->threshold, collect_match, m);
	if (rc != DB_OK) {
		json_decref(m->items);
		return rc;
	}
	*out = best_first(m->items, (size_t)limit);
	return DB_OK;
}

static char *sealed_text(const char *plain)
{
	return plain ? seal_encrypt(api_seal_key(), plain) : NULL;
}

void api_people_create(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, PERSON_FIELDS, NPERSON);
	if (!body)
		return;
	person_rec p = {0};
	/* Until they are in a case, a person is reached through the team that recorded them. */
	snprintf(p.team_id, sizeof p.team_id, "%s", c->user.team_id);
	p.aliases = "[]";
	p.nationalities = "[]";
	p.languages = "[]";
	p.estimated_age = -1;
	json_t *errors = json_array();
	apply(req, body, &p, errors);
	if (api_reject(req, errors))
		return;
	char *sealed = sealed_text(jv_str(body, "immigration_status"));
	p.immigration_status = sealed;
	snprintf(p.created_by, sizeof p.created_by, "%s", c->user.id);
	name_index *ix = arena_alloc(http_req_arena(req), sizeof *ix);
	if (!ix) {
		free(sealed);
		api_db_fail(req, DB_NOMEM);
		return;
	}
	person_name_index(&p, ix);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_create(c->db, &p, ix);
	if (rc == DB_OK)
		rc = api_audit(req, "person_created", "person", p.id, NULL, NULL);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	free(sealed);
	p.immigration_status = jv_str(body, "immigration_status") ? SEALED_MARK : NULL;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	/* Possible duplicates: the same name among people this user may see. */
	match_ctx m = {.skip_id = p.id, .age_min = -1, .age_max = -1, .threshold = 0.85};
	char full[512];
	snprintf(full, sizeof full, "%s %s", p.given_names, p.family_name);
	json_t *dups = NULL;
	rc = search(req, &m, full, 10, &dups);
	json_t *out = api_person_json(&p);
	json_object_set_new(out, "possible_duplicates", rc == DB_OK ? dups : json_array());
	api_etag(req, p.version);
	char loc[96];
	snprintf(loc, sizeof loc, "/api/v1/people/%s", p.id);
	http_reply_header(req, "Location", loc);
	http_reply_json(req, 201, out);
}

typedef struct cases_ctx {
	http_req *req;
	json_t *items;
} cases_ctx;

/* Adds the part when the user may see it: the case, and, for a part as a
 * suspect, the suspects in it. */
static int add_visible_case(const person_part *part, void *arg)
{
	cases_ctx *x = arg;
	role r = api_ctx_of(x->req)->role;
	unsigned rel = api_relate(x->req, part->org_id, part->team_id, NULL, part->allocated ? REL_ALLOCATED : 0);
	if (access_decide(r, KIND_CASE, ACT_READ, rel) != ACCESS_ALLOW ||
	    (strcmp(part->role, "suspect") == 0 && access_decide(r, KIND_SUSPECT, ACT_READ, rel) != ACCESS_ALLOW))
		return 0;
	return json_array_append_new(x->items, json_pack("{s:s, s:s, s:s}", "case_id", part->case_id,
							 "reference", part->reference, "role",
							 part->role)) == 0
		       ? 0
		       : DB_NOMEM;
}

void api_people_get(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	person_rec p = {0};
	unsigned rel = 0;
	const char *reveal = http_req_query(req, "reveal");
	/* A role that never reveals is refused whatever the person. */
	if (reveal && !access_role_may(c->role, KIND_SEALED, ACT_REVEAL)) {
		api_allow(req, KIND_SEALED, ACT_REVEAL, 0, "person");
		return;
	}
	if (load_person_id(req, http_req_param(req, "id"), ACT_READ, &p, &rel) != 0)
		return;
	const char *purpose = http_req_header(req, "X-Purpose");
	if (reveal && api_allow(req, KIND_SEALED, ACT_REVEAL, rel, "person") != 0)
		return;
	if (reveal && strcmp(reveal, "immigration_status") != 0) {
		json_t *e = json_array();
		jv_error(e, "reveal", "only immigration_status can be revealed");
		http_reply_problem(req, 400, "Bad Request", "reveal names an unknown field", e);
		return;
	}
	if (reveal && (!purpose || strlen(purpose) < 10)) {
		json_t *e = json_array();
		jv_error(e, "X-Purpose", "state why you need the sealed field (at least 10 characters)");
		http_reply_problem(req, 422, "Unprocessable Content",
				   "a sealed field is shown only with a stated purpose", e);
		return;
	}
	json_t *out = api_person_json(&p);
	cases_ctx x = {req, json_array()};
	int rc = store_person_parts(c->db, p.id, c->user.id, add_visible_case, &x);
	json_object_set_new(out, "cases", x.items);
	if (rc == DB_OK)
		rc = api_audit(req, reveal ? "sealed_field_viewed" : "person_viewed", "person", p.id,
			       purpose, reveal ? json_pack("{s:s}", "field", reveal) : NULL);
	if (rc != DB_OK) {
		json_decref(out);
		api_db_fail(req, rc);
		return;
	}
	if (reveal) {
		char *plain = p.immigration_status ? seal_decrypt(api_seal_key(), p.immigration_status)
						   : NULL;
		if (p.immigration_status && !plain) {
			json_decref(out);
			api_db_fail(req, DB_ERR);
			return;
		}
		json_object_set_new(out, "immigration_status", plain ? json_string(plain) : json_null());
		free(plain);
	}
	api_etag(req, p.version);
	http_reply_json(req, 200, out);
}

static const char *num(http_req *req, int v, int is_bool)
{
	char b[16];
	if (!is_bool && v < 0)
		return NULL;
	snprintf(b, sizeof b, "%d", v);
	return arena_strdup(http_req_arena(req), b);
}

void api_people_patch(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	person_rec cur = {0};
	int64_t version;
	if (load_person_id(req, http_req_param(req, "id"), ACT_WRITE, &cur, NULL) != 0 ||
	    api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, PERSON_FIELDS, NPERSON);
	if (!body)
		return;
	if (version != cur.version) {
		api_etag(req, cur.version);
		http_reply_problem_ext(req, 412, "Precondition Failed",
				       "the person was changed since you read it; here is the current "
				       "record",
				       NULL, json_pack("{s:o}", "current", api_person_json(&cur)));
		return;
	}
	person_rec next = cur;
	json_t *errors = json_array();
	apply(req, body, &next, errors);
	if (api_reject(req, errors))
		return;
	char *sealed = NULL;
	int sealed_changed = json_object_get(body, "immigration_status") != NULL;
	if (sealed_changed) {
		sealed = sealed_text(jv_str(body, "immigration_status"));
		next.immigration_status = sealed;
	}
	name_index *ix = arena_alloc(http_req_arena(req), sizeof *ix);
	json_t *detail = json_array();
	int rc = ix ? DB_OK : DB_NOMEM;
	if (ix)
		person_name_index(&next, ix);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_update(c->db, &next, ix);
	if (rc == DB_DONE) {
		db_rollback(c->db);
		json_decref(detail);
		free(sealed);
		http_reply_problem(req, 412, "Precondition Failed",
				   "the person was changed since you read it; read it again", NULL);
		return;
	}
	struct {
		const char *f, *o, *n;
	} diff[] = {
		{"given_names", cur.given_names, next.given_names},
		{"family_name", cur.family_name, next.family_name},
		{"aliases", cur.aliases, next.aliases},
		{"date_of_birth", cur.date_of_birth, next.date_of_birth},
		{"estimated_age", num(req, cur.estimated_age, 0), num(req, next.estimated_age, 0)},
		{"age_disputed", num(req, cur.age_disputed, 1), num(req, next.age_disputed, 1)},
		{"gender", cur.gender, next.gender},
		{"nationalities", cur.nationalities, next.nationalities},
		{"languages", cur.languages, next.languages},
		{"interpreter_needed", num(req, cur.interpreter_needed, 1),
		 num(req, next.interpreter_needed, 1)},
		{"interpreter_language", cur.interpreter_language, next.interpreter_language},
		{"safe_contact", cur.safe_contact, next.safe_contact},
	};
	for (size_t i = 0; i < sizeof diff / sizeof diff[0] && rc == DB_OK; i++)
		rc = api_history_change(req, detail, "person", cur.id, diff[i].f, diff[i].o, diff[i].n);
	/* The sealed field's history says that it changed, never what it says. */
	if (rc == DB_OK && sealed_changed)
		rc = api_history_change(req, detail, "person", cur.id, "immigration_status", cur.immigration_status ? SEALED_MARK : NULL,
			     "[sealed, changed]");
	if (rc == DB_OK)
		rc = api_audit(req, "person_changed", "person", cur.id, NULL,
			       json_pack("{s:O}", "fields", detail));
	if (rc == DB_OK)
		rc = db_commit(c->db);
	free(sealed);
	json_decref(detail);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	next.immigration_status = sealed_changed || cur.immigration_status ? SEALED_MARK : NULL;
	api_etag(req, next.version);
	/* next still points into body: answer before letting it go. */
	http_reply_json(req, 200, api_person_json(&next));
}

void api_people_search(http_req *req)
{
	json_t *errors = json_array();
	const char *q = http_req_query(req, "q");
	if (!q || !q[0])
		jv_error(errors, "q", "enter a name to search for");
	else if (strlen(q) > 200)
		jv_error(errors, "q", "must be at most 200 characters");
	match_ctx m = {.age_min = -1, .age_max = -1, .threshold = 0.75};
	m.nationality = http_req_query(req, "nationality");
	if (m.nationality && !nationality_valid(m.nationality))
		jv_error(errors, "nationality", "must be an ISO 3166-1 alpha-2 code");
	m.dob = http_req_query(req, "date_of_birth");
	int y, mo, d;
	if (m.dob && date_parse(m.dob, &y, &mo, &d) != 0)
		jv_error(errors, "date_of_birth", "must be YYYY-MM-DD");
	const char *names[] = {"age_min", "age_max"};
	int *vals[] = {&m.age_min, &m.age_max};
	for (int i = 0; i < 2; i++) {
		const char *s = http_req_query(req, names[i]);
		if (!s)
			continue;
		char *end;
		long v = strtol(s, &end, 10);
		if (*end || v < 0 || v > 120)
			jv_error(errors, names[i], "must be a whole number from 0 to 120");
		else
			*vals[i] = (int)v;
	}
	int limit = 10;
	const char *ls = http_req_query(req, "limit");
	if (ls) {
		char *end;
		long v = strtol(ls, &end, 10);
		if (*end || v < 1 || v > 100)
			jv_error(errors, "limit", "must be a whole number from 1 to 100");
		else
			limit = (int)v;
	}
	if (json_array_size(errors)) {
		http_reply_problem(req, 400, "Bad Request", "some query parameters are not valid",
				   errors);
		return;
	}
	json_decref(errors);
	if (m.nationality) {
		char quoted[8];
		snprintf(quoted, sizeof quoted, "\"%s\"", m.nationality);
		m.nationality = arena_strdup(http_req_arena(req), quoted);
	}
	json_t *items = NULL;
	int rc = search(req, &m, q, limit, &items);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_case_people_add(http_req *req)
{
	static const jv_field fields[] = {
		{"person_id", JV_STRING, 1, 64},
		{"role", JV_STRING, 1, 32},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned case_rel = 0;
	if (api_case_load(req, KIND_CASE, ACT_WRITE, &cr, &case_rel) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *role_s = jv_str(body, "role");
	if (!case_role_valid(role_s))
		jv_error(errors, "role", "must be potential_victim, suspect, witness or other");
	person_rec who;
	unsigned who_rel = 0;
	int rc = store_person_get(c->db, http_req_arena(req), jv_str(body, "person_id"), &who);
	if (rc == DB_ROW && (rc = api_person_rel(req, &who, &who_rel)) == DB_OK)
		rc = DB_ROW;
	if (rc != DB_ROW && rc != DB_DONE) {
		json_decref(errors);
		api_db_fail(req, rc);
		return;
	}
	if (access_decide(c->role, KIND_PERSON, ACT_READ, who_rel) != ACCESS_ALLOW)
		jv_error(errors, "person_id", "there is no such person");
	else if (role_s && strcmp(role_s, "suspect") == 0 &&
		 access_decide(c->role, KIND_SUSPECT, ACT_WRITE, case_rel) != ACCESS_ALLOW)
		jv_error(errors, "role", "your role may not record suspects");
	if (api_reject(req, errors))
		return;
	case_person_rec cp = {0};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", cr.id);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", jv_str(body, "person_id"));
	cp.role = role_s;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_case_person_add(c->db, &cp, c->user.id);
	if (rc == DB_CONSTRAINT) {
		db_rollback(c->db);
		http_reply_problem(req, 409, "Conflict", "the person already has that role in this case",
				   NULL);
		return;
	}
	if (rc == DB_OK)
		rc = store_history_add(c->db, "case", cr.id, "people", NULL, cp.person_id, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "case_person_added", "case", cr.id, NULL,
			       json_pack("{s:s, s:s}", "person_id", cp.person_id, "role", cp.role));
	if (rc == DB_OK)
		rc = db_commit(c->db);
	json_t *out = rc == DB_OK ? json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", cp.id, "case_id",
					      cp.case_id, "person_id", cp.person_id, "role", cp.role,
					      "created_at", cp.created_at)
				  : NULL;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 201, out);
}

typedef struct history_out {
	json_t *items;
	int (*keep)(const history_rec *h, void *arg);
	void *arg;
} history_out;

static int history_item(const history_rec *h, void *arg)
{
	history_out *o = arg;
	if (o->keep && !o->keep(h, o->arg))
		return 0;
	json_t *e = json_pack("{s:s, s:s?, s:s?, s:{s:s, s:s}, s:s}", "field", h->field, "old_value",
			      h->old_value, "new_value", h->new_value, "by", "id", h->actor_id,
			      "name", h->actor_name, "at", h->at);
	return e && json_array_append_new(o->items, e) == 0 ? 0 : DB_NOMEM;
}

void api_reply_history(http_req *req, const char *record_id, int (*shown)(const history_rec *h, void *arg),
		       void *arg)
{
	api_ctx *c = api_ctx_of(req);
	json_t *items = json_array();
	history_out o = {items, shown, arg};
	int rc = store_history_list(c->db, record_id, history_item, &o);
	if (rc != DB_OK) {
		json_decref(items);
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_people_history(http_req *req)
{
	person_rec p = {0};
	if (load_person_id(req, http_req_param(req, "id"), ACT_READ, &p, NULL) == 0)
		api_reply_history(req, p.id, NULL, NULL);
}

typedef struct people_ctx {
	json_t *items;
	int hide_suspects;
} people_ctx;

static int add_case_person(const case_person_rec *cp, void *arg)
{
	people_ctx *x = arg;
	if (x->hide_suspects && strcmp(cp->role, "suspect") == 0)
		return 0;
	json_t *j = json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:b}", "id", cp->id, "person", "id",
			      cp->person_id, "given_names", cp->given_names, "family_name",
			      cp->family_name, "role", cp->role, "non_punishment_flag",
			      strcmp(cp->role, "suspect") == 0 && cp->victim_elsewhere);
	if (j && cp->victim_context)
		json_object_set_new(j, "victim_context", json_loads(cp->victim_context, 0, NULL));
	return j && json_array_append_new(x->items, j) == 0 ? 0 : DB_NOMEM;
}

int api_case_people_json(http_req *req, const char *case_id, unsigned rel, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	/* Suspects only for those who reach suspects in this case (safeguarding
	 * officers look after victims; intelligence on suspects is not theirs). */
	people_ctx x = {json_array(), access_decide(c->role, KIND_SUSPECT, ACT_READ, rel) != ACCESS_ALLOW};
	int rc = store_case_people(c->db, http_req_arena(req), case_id, add_case_person, &x);
	if (rc != DB_OK) {
		json_decref(x.items);
		x.items = NULL;
	}
	*out = x.items;
	return rc;
}

/* ---- merging two records of one person (supervisors), reversibly ---- */

void api_people_merge(http_req *req)
{
	static const jv_field fields[] = {{"into", JV_STRING, 1, 64}};
	api_ctx *c = api_ctx_of(req);
	person_rec src = {0};
	if (load_person_id(req, http_req_param(req, "id"), ACT_DECIDE, &src, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	const char *into = jv_str(body, "into");
	person_rec dst = {0};
	unsigned dst_rel = 0;
	int rc = store_person_get(c->db, http_req_arena(req), into, &dst);
	if (rc == DB_ROW && (rc = api_person_rel(req, &dst, &dst_rel)) == DB_OK)
		rc = DB_ROW;
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	int yes = rc == DB_ROW && access_decide(c->role, KIND_PERSON, ACT_DECIDE, dst_rel) == ACCESS_ALLOW;
	if (!yes || strcmp(dst.id, src.id) == 0) {
		json_t *e = json_array();
		jv_error(e, "into", strcmp(into, src.id) == 0 ? "must be another person"
							      : "there is no such person");
		api_invalid(req, e);
		return;
	}
	int moved = 0;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_merge(c->db, src.id, dst.id, c->user.id, &moved);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "person", src.id, "merged_into", NULL, dst.id, c->user.id);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "person", dst.id, "merged_from", NULL, src.id, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "person_merged", "person", src.id, NULL,
			       json_pack("{s:s, s:i}", "into", dst.id, "links_moved", moved));
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:s, s:s, s:i}", "id", src.id, "merged_into", dst.id,
					    "links_moved", moved));
}

void api_people_unmerge(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	const char *id = http_req_param(req, "id");
	const char *target = NULL;
	int rc = store_person_merged_into(c->db, http_req_arena(req), id, &target);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	/* A merged record is reached through the record it went into; one
	 * that is not merged, through itself. */
	person_rec through;
	if (rc == DB_DONE || load_person_id(req, target ? target : id, ACT_DECIDE, &through, NULL) != 0) {
		if (rc == DB_DONE)
			http_reply_problem(req, 404, "Not Found", "there is no such person", NULL);
		return;
	}
	if (!target) {
		http_reply_problem(req, 409, "Conflict", "this person is not merged into another", NULL);
		return;
	}
	const char *moved_text = NULL;
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_unmerge(c->db, http_req_arena(req), id, c->user.id, &target, &moved_text);
	if (rc == DB_DONE)
		rc = DB_ERR; /* merged but no merge record: inconsistent, logged */
	else if (rc == DB_ROW)
		rc = DB_OK;
	json_t *moved = rc == DB_OK ? json_loads(moved_text, 0, NULL) : NULL;
	size_t i;
	json_t *v;
	json_array_foreach(moved, i, v)
	{
		if (rc == DB_OK)
			rc = store_case_link_move(c->db, json_string_value(v), id);
	}
	if (rc == DB_OK)
		rc = store_history_add(c->db, "person", id, "merged_into", target, NULL, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "person_unmerged", "person", id, NULL,
			       json_pack("{s:s, s:i}", "from", target, "links_moved_back",
					 (int)json_array_size(moved)));
	if (rc == DB_OK)
		rc = db_commit(c->db);
	int n = (int)json_array_size(moved);
	json_decref(moved);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:s, s:s, s:i}", "id", id, "unmerged_from", target,
					    "links_moved_back", n));
}
