/* People: record once, find however the name was spelt, read and change
 * (versioned, with history). Every read of a person is audited; the sealed
 * immigration status is shown only with a stated purpose, which is audited
 * too. Their parts in cases: case_people.c; merging two records: merge.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "api/people.h"
#include "api/person_names.h"
#include "domain/person_names.h"
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

int api_person_load(http_req *req, const char *id, access_action a, person_rec *p, unsigned *rel)
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
	if (j)
		api_person_requests_json(j, p->restricted_since, p->restriction_reason, p->rectifications);
	return j;
}

void api_person_requests_json(json_t *j, const char *since, const char *reason, const char *rectifications)
{
	json_t *list = rectifications ? json_loads(rectifications, 0, NULL) : NULL;
	json_object_set_new(j, "restricted",
			    since && reason ? json_pack("{s:s, s:s}", "since", since, "reason", reason) : json_null());
	json_object_set_new(j, "rectifications", json_is_array(list) ? list : json_array());
	if (list && !json_is_array(list))
		json_decref(list);
}

int api_person_unrestricted(http_req *req, const person_rec *p)
{
	if (!p->restricted_since || !p->restriction_reason)
		return 0;
	char detail[FIELD_NOTE + 160];
	snprintf(detail, sizeof detail,
		 "the person's record is restricted since %s (%s): it may be stored but not used or changed "
		 "until a records manager lifts the restriction",
		 p->restricted_since, p->restriction_reason);
	api_conflict(req, detail);
	return -1;
}

static const jv_field PERSON_FIELDS[] = {
	{"given_names", JV_STRING, 0, FIELD_NAME},
	{"family_name", JV_STRING, 0, FIELD_NAME},
	{"aliases", JV_STRING_ARRAY, 0, 20},
	{"date_of_birth", JV_STRING, 0, FIELD_DATE},
	JV_OPT_INT("estimated_age"),
	JV_OPT_BOOL("age_disputed"),
	{"gender", JV_STRING, 0, 16},
	{"nationalities", JV_STRING_ARRAY, 0, 5},
	{"languages", JV_STRING_ARRAY, 0, 10},
	JV_OPT_BOOL("interpreter_needed"),
	{"interpreter_language", JV_STRING, 0, FIELD_LANGUAGE},
	JV_OPT_OBJECT("safe_contact"),
	{"immigration_status", JV_STRING, 0, FIELD_NOTE},
};
#define NPERSON (sizeof PERSON_FIELDS / sizeof PERSON_FIELDS[0])

/* Checks the safe contact, naming its problems as its members
 * ("safe_contact.method") in errors. */
static void check_safe_contact(json_t *sc, json_t *errors)
{
	static const jv_field sc_fields[] = {
		{"method", JV_STRING, 0, FIELD_NAME},
		{"times", JV_STRING, 0, FIELD_NAME},
		JV_OPT_BOOL("phone_may_be_monitored"),
		{"notes", JV_STRING, 0, 1000},
	};
	size_t from = json_array_size(errors);
	jv_check(sc, sc_fields, 4, errors);
	for (size_t i = from; i < json_array_size(errors); i++) {
		json_t *e = json_array_get(errors, i);
		char f[96];
		snprintf(f, sizeof f, "safe_contact.%s", json_string_value(json_object_get(e, "field")));
		json_object_set_new(e, "field", json_string(f));
	}
}

/* When body holds the list field, reads each item as a code or an English
 * name (code_of gives the code, or NULL, adding why to errors) and sets
 * *text to the codes as JSON text; an absent list leaves *text as it was. */
static void code_list(http_req *req, json_t *body, const char *field, int (*code_of)(const char *, char *),
		      const char *why, json_t *errors, const char **text)
{
	json_t *v = json_object_get(body, field), *n;
	size_t i;
	if (!json_is_array(v))
		return;
	json_t *codes = api_keep(req, json_array());
	json_array_foreach(v, i, n)
	{
		char code[PERSON_CODE_MAX];
		if (code_of(json_string_value(n), code) != 0)
			jv_error(errors, field, why);
		else if (codes)
			json_array_append_new(codes, json_string(code));
	}
	*text = api_json_text(req, codes);
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
		p->aliases = api_json_text(req, v);
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
	code_list(req, body, "nationalities", person_nationality_code,
		  "each must be a country, by name (Albania) or ISO 3166-1 code (AL)", errors, &p->nationalities);
	code_list(req, body, "languages", person_language_code,
		  "each must be a language, by name (Romanian) or BCP 47 tag (ro, ar-SY)", errors, &p->languages);
	if (json_is_boolean(v = json_object_get(body, "interpreter_needed")))
		p->interpreter_needed = json_is_true(v);
	if (json_object_get(body, "interpreter_language")) {
		p->interpreter_language = api_language(body, "interpreter_language", "interpreter_language", errors);
	}
	if (p->interpreter_needed && !p->interpreter_language)
		jv_error(errors, "interpreter_language",
			 "say which language (and dialect) the interpreter needs");
	if (json_object_get(body, "safe_contact")) {
		json_t *sc = json_object_get(body, "safe_contact");
		if (json_is_object(sc)) {
			check_safe_contact(sc, errors);
			p->safe_contact = api_json_text(req, sc);
		} else {
			p->safe_contact = NULL;
		}
	}
}

/* The fields a rectification may correct, and whether each holds a list
 * (given as items separated by commas): the record's own facts, never the
 * sealed one, nor the safe contact (changed with the person, by PATCH). */
static const struct {
	const char *name;
	int list;
} RECTIFIABLE[] = {
	{"given_names", 0}, {"family_name", 0}, {"aliases", 1},		{"date_of_birth", 0},
	{"estimated_age", 0}, {"gender", 0},	{"nationalities", 1}, {"languages", 1},
	{"interpreter_language", 0},
};

/* The corrected text as the JSON value PATCH would take for the field:
 * a list split at commas, a number, or the text; "" clears it. */
static json_t *corrected_value(const char *field, int list, const char *text)
{
	if (list) {
		json_t *a = json_array();
		const char *s = text;
		while (a && *s) {
			const char *end = strchr(s, ',');
			size_t n = end ? (size_t)(end - s) : strlen(s);
			while (n && (*s == ' '))
				s++, n--;
			while (n && s[n - 1] == ' ')
				n--;
			if (n)
				json_array_append_new(a, json_stringn(s, n));
			s = end ? end + 1 : s + strlen(s);
		}
		return a;
	}
	if (!text[0])
		return json_null();
	if (strcmp(field, "estimated_age") == 0) {
		char *end;
		long v = strtol(text, &end, 10);
		return *end ? json_string(text) : json_integer(v);
	}
	return json_string(text);
}

int api_person_rectify(http_req *req, const person_rec *cur, const char *field, const char *corrected,
		       json_t *errors, person_rec *next)
{
	size_t i, n = sizeof RECTIFIABLE / sizeof RECTIFIABLE[0];
	for (i = 0; i < n && strcmp(RECTIFIABLE[i].name, field) != 0; i++)
		;
	if (i == n) {
		jv_error(errors, "field", "must be one of the record's fields: given_names, family_name, aliases, "
					  "date_of_birth, estimated_age, gender, nationalities, languages, "
					  "interpreter_language");
		return -1;
	}
	json_t *body = api_keep(req, json_object());
	json_t *found = api_keep(req, json_array());
	if (!body || !found || json_object_set_new(body, field, corrected_value(field, RECTIFIABLE[i].list, corrected)) != 0)
		return -1;
	size_t from = json_array_size(errors);
	jv_check(body, PERSON_FIELDS, NPERSON, found);
	*next = *cur;
	if (!json_array_size(found))
		apply(req, body, next, found);
	/* What is wrong is the value given as corrected. */
	json_t *e;
	json_array_foreach(found, i, e)
	{
		const char *f = json_string_value(json_object_get(e, "field"));
		const char *m = json_string_value(json_object_get(e, "message"));
		char msg[400];
		snprintf(msg, sizeof msg, "%s %s", f ? f : field, m ? m : "is not valid");
		jv_error(errors, "corrected", msg);
	}
	return json_array_size(errors) > from ? -1 : 0;
}

typedef struct match_ctx {
	json_t *items;
	const char *nationality;
	const char *dob;
	const char *compare_dob; /* each match says whether theirs agrees */
	name_tokens qt;		 /* the query, for saying why each matched */
	int age_min, age_max;
	double threshold;
} match_ctx;

/* How alike a query token and a name's must be for the name to be said to match. */
#define EXPLAIN_FLOOR 0.85

static void add_name_part(const char *part, const char *value, int exact, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:b}", "part", part, "value", value, "exact", exact));
}

/* Why p matched m's query: the parts of their names it matched, and, when
 * the search gave a date of birth to compare, whether theirs agrees. */
static json_t *why_matched(const match_ctx *m, const person_rec *p)
{
	json_t *names = json_array();
	name_holder h = {p->given_names, p->family_name, p->aliases, p};
	if (names)
		person_names_explain(&m->qt, &h, EXPLAIN_FLOOR, add_name_part, names);
	const char *dob = !m->compare_dob ? NULL
			  : !p->date_of_birth ? "not_recorded"
			  : strcmp(p->date_of_birth, m->compare_dob) == 0 ? "same"
									  : "different";
	return json_pack("{s:o*, s:s?}", "names", names, "date_of_birth", dob);
}

static int collect_match(const person_rec *p, double s, void *arg)
{
	match_ctx *m = arg;
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
	json_object_set_new(j, "match", why_matched(m, p));
	json_object_del(j, "safe_contact");
	return json_array_append_new(m->items, j) == 0 ? 0 : DB_NOMEM;
}

static int by_score(const void *a, const void *b)
{
	double x = json_real_value(json_object_get(*(json_t *const *)a, "score"));
	double y = json_real_value(json_object_get(*(json_t *const *)b, "score"));
	return x < y ? 1 : x > y ? -1 : 0;
}

/* The first limit of items by score, best first, as an array the request
 * owns; NULL when memory runs out. */
static json_t *best_first(http_req *req, json_t *items, size_t limit)
{
	size_t n = json_array_size(items);
	json_t **v = n <= SIZE_MAX / sizeof *v ? arena_alloc(http_req_arena(req), (n ? n : 1) * sizeof *v) : NULL;
	json_t *out = api_keep(req, json_array());
	if (!v || !out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(items, i);
	qsort(v, n, sizeof *v, by_score);
	for (size_t i = 0; i < n && i < limit; i++)
		json_array_append(out, v[i]);
	return out;
}

/* Finds people whose names match q among those the user may see: DB_OK
 * with *out an array the request owns, or an error. */
static int search(http_req *req, match_ctx *m, const char *q, size_t limit, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	m->items = api_keep(req, json_array());
	names_tokenize(q, &m->qt);
	person_scope sc = scope_of(req);
	int rc = m->items ? person_find(c->db, http_req_arena(req), &sc, q, m->threshold, collect_match, m)
			  : DB_NOMEM;
	if (rc == DB_OK && !(*out = best_first(req, m->items, limit)))
		rc = DB_NOMEM;
	return rc;
}

/* The sealed form of plain, kept for the request's life; NULL when plain
 * is NULL or memory runs out. */
static const char *sealed_text(http_req *req, const char *plain)
{
	char *cipher = plain ? seal_encrypt(api_seal_key(), plain) : NULL;
	const char *copy = cipher ? arena_strdup(http_req_arena(req), cipher) : NULL;
	free(cipher);
	return copy;
}

/* The people this user may see of the same name as p, as an array the
 * request owns (empty when the search fails: they are a hint, not the
 * answer); NULL when memory runs out. */
static json_t *possible_duplicates(http_req *req, const person_rec *p)
{
	match_ctx m = {.age_min = -1, .age_max = -1, .threshold = 0.85};
	char full[512];
	snprintf(full, sizeof full, "%s %s", p->given_names, p->family_name);
	json_t *dups = NULL;
	return search(req, &m, full, 10, &dups) == DB_OK ? dups : api_keep(req, json_array());
}

/* The answer to a person just recorded (whose sealed field was given when
 * plain is not NULL), saying where they are and their version. */
static json_t *created(http_req *req, person_rec *p, const char *plain, json_t *dups)
{
	p->immigration_status = plain ? SEALED_MARK : NULL;
	json_t *out = api_person_json(p);
	json_object_set(out, "possible_duplicates", dups);
	api_etag(req, p->version);
	char loc[96];
	snprintf(loc, sizeof loc, "/api/v1/people/%s", p->id);
	http_reply_header(req, "Location", loc);
	return out;
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
	const char *plain = jv_str(body, "immigration_status");
	p.immigration_status = sealed_text(req, plain);
	snprintf(p.created_by, sizeof p.created_by, "%s", c->user.id);
	name_index *ix = arena_alloc(http_req_arena(req), sizeof *ix);
	if (ix)
		person_name_index(&p, ix);
	/* Possible duplicates: the same name among people this user may see. */
	json_t *dups = possible_duplicates(req, &p);
	int rc = !ix || !dups || (plain && !p.immigration_status) ? DB_NOMEM : db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_create(c->db, &p, ix);
	if (rc == DB_OK)
		rc = api_audit(req, "person_created", "person", p.id, NULL, NULL);
	api_write_end(req, rc, 201, rc == DB_OK ? created(req, &p, plain, dups) : NULL);
}

typedef struct cases_ctx {
	http_req *req;
	json_t *items;
} cases_ctx;

/* Adds the part when the user may see it: the case, and, for a part as a
 * suspect, the suspects in it. */
int api_part_seen(http_req *req, const person_part *part)
{
	role r = api_ctx_of(req)->role;
	unsigned rel = api_relate(req, part->org_id, part->team_id, NULL, part->allocated ? REL_ALLOCATED : 0);
	return access_decide(r, KIND_CASE, ACT_READ, rel) == ACCESS_ALLOW &&
	       (strcmp(part->role, "suspect") != 0 || access_decide(r, KIND_SUSPECT, ACT_READ, rel) == ACCESS_ALLOW);
}

static int add_visible_case(const person_part *part, void *arg)
{
	cases_ctx *x = arg;
	if (!api_part_seen(x->req, part))
		return 0;
	return json_array_append_new(x->items, json_pack("{s:s, s:s, s:s}", "case_id", part->case_id,
							 "reference", part->reference, "role",
							 part->role)) == 0
		       ? 0
		       : DB_NOMEM;
}

static int add_merged(const char *id, const char *given_names, const char *family_name, void *arg)
{
	return json_array_append_new(arg, json_pack("{s:s, s:s, s:s}", "id", id, "given_names", given_names,
						    "family_name", family_name)) == 0
		       ? 0
		       : DB_NOMEM;
}

/* Checks a request to reveal the sealed field: 0, or replies (400, 422) and -1. */
static int reveal_invalid(http_req *req, const char *reveal, const char *purpose)
{
	if (strcmp(reveal, "immigration_status") != 0) {
		json_t *e = json_array();
		jv_error(e, "reveal", "only immigration_status can be revealed");
		http_reply_problem(req, 400, "Bad Request", "reveal names an unknown field", e);
		return -1;
	}
	if (!purpose || strlen(purpose) < 10) {
		json_t *e = json_array();
		jv_error(e, "X-Purpose", "state why you need the sealed field (at least 10 characters)");
		http_reply_problem(req, 422, "Unprocessable Content",
				   "a sealed field is shown only with a stated purpose", e);
		return -1;
	}
	return 0;
}

/* Adds the sealed field's value to out: DB_OK, or DB_ERR when it cannot be unsealed. */
static int add_revealed(json_t *out, const person_rec *p)
{
	char *plain = p->immigration_status ? seal_decrypt(api_seal_key(), p->immigration_status) : NULL;
	if (p->immigration_status && !plain)
		return DB_ERR;
	json_object_set_new(out, "immigration_status", plain ? json_string(plain) : json_null());
	free(plain);
	return DB_OK;
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
	if (api_person_load(req, http_req_param(req, "id"), ACT_READ, &p, &rel) != 0)
		return;
	const char *purpose = http_req_header(req, "X-Purpose");
	if (reveal && (api_allow(req, KIND_SEALED, ACT_REVEAL, rel, "person") != 0 ||
		       reveal_invalid(req, reveal, purpose) != 0))
		return;
	json_t *out = api_keep(req, api_person_json(&p));
	cases_ctx x = {req, json_array()};
	int rc = out ? store_person_parts(c->db, p.id, c->user.id, add_visible_case, &x) : DB_NOMEM;
	json_object_set_new(out, "cases", x.items);
	/* Other records of this person merged into this one, which may be separated again. */
	json_t *merged = api_keep(req, json_array());
	if (rc == DB_OK)
		rc = merged ? store_person_merged_from(c->db, p.id, add_merged, merged) : DB_NOMEM;
	json_object_set(out, "merged_from", merged);
	if (rc == DB_OK)
		rc = api_missing_summary_json(req, &p, rel, out);
	if (rc == DB_OK)
		rc = api_audit(req, reveal ? "sealed_field_viewed" : "person_viewed", "person", p.id,
			       purpose, reveal ? json_pack("{s:s}", "field", reveal) : NULL);
	if (rc == DB_OK && reveal)
		rc = add_revealed(out, &p);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, p.version);
	http_reply_json(req, 200, json_incref(out));
}

static const char *num(http_req *req, int v, int is_bool)
{
	char b[16];
	if (!is_bool && v < 0)
		return NULL;
	snprintf(b, sizeof b, "%d", v);
	return arena_strdup(http_req_arena(req), b);
}

int api_person_changes(http_req *req, const person_rec *cur, const person_rec *next, int sealed_changed,
		       json_t *detail)
{
	struct {
		const char *f, *o, *n;
	} diff[] = {
		{"given_names", cur->given_names, next->given_names},
		{"family_name", cur->family_name, next->family_name},
		{"aliases", cur->aliases, next->aliases},
		{"date_of_birth", cur->date_of_birth, next->date_of_birth},
		{"estimated_age", num(req, cur->estimated_age, 0), num(req, next->estimated_age, 0)},
		{"age_disputed", num(req, cur->age_disputed, 1), num(req, next->age_disputed, 1)},
		{"gender", cur->gender, next->gender},
		{"nationalities", cur->nationalities, next->nationalities},
		{"languages", cur->languages, next->languages},
		{"interpreter_needed", num(req, cur->interpreter_needed, 1),
		 num(req, next->interpreter_needed, 1)},
		{"interpreter_language", cur->interpreter_language, next->interpreter_language},
		{"safe_contact", cur->safe_contact, next->safe_contact},
	};
	int rc = DB_OK;
	for (size_t i = 0; i < sizeof diff / sizeof diff[0] && rc == DB_OK; i++)
		rc = api_history_change(req, detail, "person", cur->id, diff[i].f, diff[i].o, diff[i].n);
	if (rc == DB_OK && sealed_changed)
		rc = api_history_change(req, detail, "person", cur->id, "immigration_status",
					cur->immigration_status ? SEALED_MARK : NULL, "[sealed, changed]");
	return rc;
}

/* The person changed under the write: 412 with them as they are now. */
static void person_stale(http_req *req, const char *id)
{
	person_rec fresh;
	int rc = store_person_get(api_ctx_of(req)->db, http_req_arena(req), id, &fresh);
	if (rc == DB_ROW)
		api_stale(req, "person", fresh.version, api_person_json(&fresh));
	else
		api_db_fail(req, rc);
}

void api_people_patch(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	person_rec cur = {0};
	int64_t version;
	if (api_person_load(req, http_req_param(req, "id"), ACT_WRITE, &cur, NULL) != 0 ||
	    api_if_match(req, &version) != 0 || api_person_unrestricted(req, &cur) != 0)
		return;
	json_t *body = api_body(req, PERSON_FIELDS, NPERSON);
	if (!body)
		return;
	if (version != cur.version) {
		api_stale(req, "person", cur.version, api_person_json(&cur));
		return;
	}
	person_rec next = cur;
	json_t *errors = json_array();
	apply(req, body, &next, errors);
	if (api_reject(req, errors))
		return;
	int sealed_changed = json_object_get(body, "immigration_status") != NULL;
	const char *plain = jv_str(body, "immigration_status");
	if (sealed_changed)
		next.immigration_status = sealed_text(req, plain);
	name_index *ix = arena_alloc(http_req_arena(req), sizeof *ix);
	if (ix)
		person_name_index(&next, ix);
	json_t *detail = api_keep(req, json_array());
	int rc = !ix || !detail || (plain && !next.immigration_status) ? DB_NOMEM : db_begin(c->db);
	if (rc == DB_OK)
		rc = store_person_update(c->db, &next, ix);
	if (rc == DB_DONE) {
		person_stale(req, cur.id);
		return;
	}
	if (rc == DB_OK)
		rc = api_person_changes(req, &cur, &next, sealed_changed, detail);
	if (rc == DB_OK)
		rc = api_audit(req, "person_changed", "person", cur.id, NULL,
			       json_pack("{s:O}", "fields", detail));
	next.immigration_status = sealed_changed || cur.immigration_status ? SEALED_MARK : NULL;
	if (rc == DB_OK)
		api_etag(req, next.version);
	api_write_end(req, rc, 200, api_person_json(&next));
}

/* Reads the search's query parameters into m, *page and *q; problems go to errors. */
static void search_filter(http_req *req, match_ctx *m, api_page *page, const char **q, json_t *errors)
{
	*q = http_req_query(req, "q");
	if (!*q || !(*q)[0])
		jv_error(errors, "q", "enter a name to search for");
	else if (strlen(*q) > 200)
		jv_error(errors, "q", "must be at most 200 characters");
	m->nationality = http_req_query(req, "nationality");
	char code[PERSON_CODE_MAX];
	if (m->nationality && person_nationality_code(m->nationality, code) != 0)
		jv_error(errors, "nationality", "must be a country, by name (Albania) or ISO 3166-1 code (AL)");
	else if (m->nationality)
		m->nationality = arena_strdup(http_req_arena(req), code);
	m->dob = http_req_query(req, "date_of_birth");
	int y, mo, d;
	if (m->dob && date_parse(m->dob, &y, &mo, &d) != 0)
		jv_error(errors, "date_of_birth", "must be YYYY-MM-DD");
	m->compare_dob = http_req_query(req, "compare_date_of_birth");
	if (m->compare_dob && date_parse(m->compare_dob, &y, &mo, &d) != 0)
		jv_error(errors, "compare_date_of_birth", "must be YYYY-MM-DD");
	api_page_read(req, 10, page, errors);
	const char *names[] = {"age_min", "age_max"};
	int *vals[] = {&m->age_min, &m->age_max};
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
}

void api_people_search(http_req *req)
{
	json_t *errors = api_keep(req, json_array());
	match_ctx m = {.age_min = -1, .age_max = -1, .threshold = 0.75};
	api_page page;
	const char *q;
	search_filter(req, &m, &page, &q, errors);
	if (json_array_size(errors)) {
		http_reply_problem(req, 400, "Bad Request", "some query parameters are not valid",
				   json_incref(errors));
		return;
	}
	if (m.nationality) {
		char quoted[8];
		snprintf(quoted, sizeof quoted, "\"%s\"", m.nationality);
		m.nationality = arena_strdup(http_req_arena(req), quoted);
	}
	json_t *items = NULL, *out = api_keep(req, json_object());
	int rc = out ? search(req, &m, q, SIZE_MAX, &items) : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_page_set(out, &page, items);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
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
	history_out o = {api_keep(req, json_array()), shown, arg};
	int rc = o.items ? store_history_list(c->db, record_id, history_item, &o) : DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:O}", "items", o.items));
}

void api_people_history(http_req *req)
{
	person_rec p = {0};
	if (api_person_load(req, http_req_param(req, "id"), ACT_READ, &p, NULL) == 0)
		api_reply_history(req, p.id, NULL, NULL);
}
