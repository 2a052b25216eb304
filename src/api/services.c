/* The directory of services the Commissioner's office and the force
 * commission: who gives each (a partner organisation), what kind of
 * support, the ages and languages it serves, its capacity and the hours
 * within which it answers a referral. Officers choose from it by need,
 * those serving the victim's age and language first; the provider reads
 * its own. The rules are domain/services.h's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/services.h"
#include "domain/person.h"
#include "domain/services.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "lib/grow.h"

unsigned api_service_rel(const service_rec *s)
{
	return REL_ANY | (s->rel & SERVICE_OF_ORG ? REL_ORG : 0) |
	       (s->rel & SERVICE_OF_AREA ? REL_AREA : 0) |
	       (s->rel & SERVICE_OF_HOSTED ? REL_HOSTED : 0) |
	       (s->rel & SERVICE_PROVIDED ? REL_SHARED : 0);
}

int api_service_find(http_req *req, const char *id, service_rec *s)
{
	api_ctx *c = api_ctx_of(req);
	int rc =
	    id ? store_service_get(c->db, http_req_arena(req), id, c->user.org_id, s) : DB_DONE;
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return 1;
	api_db_fail(req, rc);
	return -1;
}

json_t *api_service_json(const service_rec *s)
{
	return json_pack(
	    "{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:{s:i, s:i}, s:o, s:s?, s:o, s:i, s:b, s:s}",
	    "id", s->id, "version", (json_int_t)s->version, "name", s->name,
	    "provider_organisation_id", s->provider_org_id, "provider_organisation",
	    s->provider_name, "kind", s->kind, "kind_label", service_kind_words(s->kind), "ages",
	    "min", s->age_min, "max", s->age_max, "languages", json_loads(s->languages, 0, NULL),
	    "area", s->area, "capacity", s->capacity >= 0 ? json_integer(s->capacity) : json_null(),
	    "response_hours", s->response_hours, "active", s->active, "organisation_id", s->org_id);
}

/* Loads the service {id} names and decides the action on it: 0, or
 * replies (403, 404, 503) and -1. */
static int service_load(http_req *req, access_action a, service_rec *s)
{
	int found = api_service_find(req, http_req_param(req, "id"), s);
	if (found == 1)
		http_reply_problem(req, 404, "Not Found", "there is no such service", NULL);
	return found != 0 ? -1 : api_allow(req, KIND_SERVICE, a, api_service_rel(s), "service");
}

/* The primary ISO 639-1 code of a language given by English name or tag
 * ("Albanian", "sq", "sq-AL"), into out: 0, or -1 when it names none. */
static int language_639_1(const char *text, char out[PERSON_CODE_MAX])
{
	if (!text || person_language_code(text, out) != 0)
		return -1;
	out[strcspn(out, "-")] = '\0';
	return strlen(out) == 2 ? 0 : -1;
}

/* The number obj[key] holds when it is a whole number from lo to hi;
 * otherwise adds why to errors for field and answers lo - 1. */
static long whole(json_t *obj, const char *key, const char *field, long lo, long hi,
                  const char *why, json_t *errors)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_integer(v) && json_integer_value(v) >= lo && json_integer_value(v) <= hi)
		return (long)json_integer_value(v);
	jv_error(errors, field, why);
	return lo - 1;
}

/* Whether a string array holds value. */
static int holds(json_t *array, const char *value)
{
	size_t i;
	json_t *x;
	json_array_foreach(array, i, x)
	{
		if (value && json_is_string(x) && strcmp(json_string_value(x), value) == 0)
			return 1;
	}
	return 0;
}

/* Whether the provider the body names (if any) is one the user's
 * organisation may name: DB_OK with *ok, or the error. */
static int provider_check(http_req *req, json_t *body, int *ok)
{
	api_ctx *c = api_ctx_of(req);
	const char *provider = jv_str(body, "provider_organisation_id");
	*ok = 0;
	return provider ? store_service_provider_ok(c->db, c->user.org_id, provider, ok) : DB_OK;
}

/* Applies the fields body holds to s, checking each (all of them when
 * creating; provider_ok: whether the provider it names may be named);
 * problems go to errors. */
static void apply(http_req *req, json_t *body, service_rec *s, int creating, int provider_ok,
                  json_t *errors)
{
	json_t *v;
	if (creating || json_object_get(body, "name")) {
		const char *name = api_name(body, "name", errors);
		if (name)
			s->name = name;
	}
	const char *provider = jv_str(body, "provider_organisation_id");
	if (provider) {
		if (!provider_ok)
			jv_error(errors, "provider_organisation_id",
			         "must be a partner organisation working with the force: see GET "
			         "/api/v1/organisations?kind=partner");
		else
			snprintf(s->provider_org_id, sizeof s->provider_org_id, "%s", provider);
	}
	const char *kind = jv_str(body, "kind");
	if (kind && service_kind_of(kind) < 0)
		jv_error(errors, "kind",
		         "must be isva, advocacy, navigator, housing, mental_health, legal_advice, "
		         "immigration_advice, interpreting, substance_misuse or other");
	else if (kind)
		s->kind = kind;
	if ((v = json_object_get(body, "ages"))) {
		long min = whole(v, "min", "ages.min", 0, SERVICE_AGE_MAX,
		                 "must be a whole number from 0 to 120", errors);
		long max = whole(v, "max", "ages.max", min < 0 ? 0 : min, SERVICE_AGE_MAX,
		                 "must be a whole number from ages.min to 120", errors);
		if (min >= 0 && max >= min) {
			s->age_min = (int)min;
			s->age_max = (int)max;
		}
		const char *key;
		json_t *x;
		json_object_foreach(v, key, x)
		{
			if (strcmp(key, "min") != 0 && strcmp(key, "max") != 0)
				jv_error(errors, "ages", "must hold only min and max");
		}
	}
	if ((v = json_object_get(body, "languages"))) {
		json_t *codes = api_keep(req, json_array()), *n;
		size_t i;
		json_array_foreach(v, i, n)
		{
			char code[PERSON_CODE_MAX];
			if (language_639_1(json_string_value(n), code) != 0)
				jv_error(errors, "languages",
				         "each must be a language, by name (Albanian) or ISO 639-1 "
				         "code (sq)");
			else if (codes && !holds(codes, code))
				json_array_append_new(codes, json_string(code));
		}
		s->languages = api_json_text(req, codes);
	}
	if (json_object_get(body, "area"))
		s->area = jv_str(body, "area");
	if ((v = json_object_get(body, "capacity")))
		s->capacity =
		    json_is_null(v)
		        ? -1
		        : whole(
		              body, "capacity", "capacity", 0, 1000000,
		              "must be a whole number of places, 0 or more (or null: not limited)",
		              errors);
	if (json_object_get(body, "response_hours"))
		s->response_hours = (int)whole(
		    body, "response_hours", "response_hours", SERVICE_HOURS_MIN, SERVICE_HOURS_MAX,
		    "must be a whole number of hours from 1 to 720", errors);
	if ((v = json_object_get(body, "active")))
		s->active = json_is_true(v);
}

static const jv_field service_fields[] = {
    {"name", JV_STRING, 1, FIELD_NAME},
    {"provider_organisation_id", JV_STRING, 1, FIELD_ID},
    {"kind", JV_STRING, 1, FIELD_CHOICE},
    {"ages", JV_OBJECT, 1, 0},
    {"languages", JV_STRING_ARRAY, 1, 200},
    {"area", JV_STRING, 0, FIELD_NAME},
    {"capacity", JV_INT, 0, 0},
    {"response_hours", JV_INT, 1, 0},
    JV_OPT_BOOL("active"),
};
#define NFIELDS (sizeof service_fields / sizeof service_fields[0])

/* POST /api/v1/services: the user's organisation commissions it. */
void api_services_create(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	if (api_allow(req, KIND_SERVICE, ACT_WRITE, api_relate(req, c->user.org_id, NULL, NULL, 0),
	              "service") != 0)
		return;
	json_t *body = api_body(req, service_fields, NFIELDS);
	if (!body)
		return;
	int provider_ok;
	int rc = provider_check(req, body, &provider_ok);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array();
	service_rec s = {.capacity = -1, .active = 1};
	apply(req, body, &s, 1, provider_ok, errors);
	if (api_reject(req, errors))
		return;
	snprintf(s.org_id, sizeof s.org_id, "%s", c->user.org_id);
	snprintf(s.created_by, sizeof s.created_by, "%s", c->user.id);
	rc = s.languages ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_service_add(c->db, &s);
	if (rc == DB_OK)
		rc = api_audit(req, "service_created", "service", s.id, NULL,
		               json_pack("{s:s, s:s, s:s}", "name", s.name, "kind", s.kind,
		                         "provider", s.provider_org_id));
	if (rc == DB_OK)
		api_etag(req, s.version);
	api_write_end(req, rc, 201,
	              json_pack("{s:s, s:I}", "id", s.id, "version", (json_int_t)s.version));
}

void api_services_get(http_req *req)
{
	service_rec s;
	if (service_load(req, ACT_READ, &s) != 0)
		return;
	api_etag(req, s.version);
	http_reply_json(req, 200, api_service_json(&s));
}

/* The fields that changed, for the audit entry. */
static json_t *changed(const service_rec *a, const service_rec *b)
{
	json_t *out = json_array();
	const struct {
		const char *field;
		int differs;
	} rows[] = {
	    {"name", strcmp(a->name, b->name) != 0},
	    {"provider_organisation_id", strcmp(a->provider_org_id, b->provider_org_id) != 0},
	    {"kind", strcmp(a->kind, b->kind) != 0},
	    {"ages", a->age_min != b->age_min || a->age_max != b->age_max},
	    {"languages", strcmp(a->languages, b->languages) != 0},
	    {"area",
	     (a->area == NULL) != (b->area == NULL) || (a->area && strcmp(a->area, b->area) != 0)},
	    {"capacity", a->capacity != b->capacity},
	    {"response_hours", a->response_hours != b->response_hours},
	    {"active", a->active != b->active},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (rows[i].differs)
			json_array_append_new(out, json_string(rows[i].field));
	return out;
}

/* PATCH /api/v1/services/{id}: any field; active false stops offering it. */
void api_services_patch(http_req *req)
{
	static const jv_field fields[] = {
	    {"name", JV_STRING, 0, FIELD_NAME},
	    {"provider_organisation_id", JV_STRING, 0, FIELD_ID},
	    {"kind", JV_STRING, 0, FIELD_CHOICE},
	    JV_OPT_OBJECT("ages"),
	    {"languages", JV_STRING_ARRAY, 0, 200},
	    {"area", JV_STRING, 0, FIELD_NAME},
	    JV_OPT_INT("capacity"),
	    JV_OPT_INT("response_hours"),
	    JV_OPT_BOOL("active"),
	};
	api_ctx *c = api_ctx_of(req);
	int64_t version;
	service_rec cur;
	if (service_load(req, ACT_WRITE, &cur) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	int provider_ok;
	int rc = provider_check(req, body, &provider_ok);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	service_rec next = cur;
	json_t *errors = json_array();
	apply(req, body, &next, 0, provider_ok, errors);
	if (api_reject(req, errors))
		return;
	if (version != cur.version) {
		api_stale(req, "service", cur.version, api_service_json(&cur));
		return;
	}
	rc = next.languages ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_service_update(c->db, &next, version);
	if (rc == DB_DONE) {
		api_stale(req, "service", cur.version, api_service_json(&cur));
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "service_changed", "service", cur.id, NULL,
		               json_pack("{s:o, s:I}", "fields", changed(&cur, &next), "version",
		                         (json_int_t)next.version));
	if (rc == DB_OK)
		api_etag(req, next.version);
	api_write_end(req, rc, 200, api_service_json(&next));
}

/* ---- the list ---- */

typedef struct list_ctx {
	http_req *req;
	const char *kind, *language; /* filters, or NULL */
	int age;                     /* -1: not asked */
	int active;                  /* -1: either */
	json_t *items;
} list_ctx;

static int add_service(const service_rec *s, void *arg)
{
	list_ctx *l = arg;
	api_ctx *c = api_ctx_of(l->req);
	if (access_decide(c->role, KIND_SERVICE, ACT_READ, api_service_rel(s)) != ACCESS_ALLOW)
		return DB_OK;
	if ((l->kind && strcmp(l->kind, s->kind) != 0) ||
	    (l->active >= 0 && l->active != s->active))
		return DB_OK;
	json_t *j = api_service_json(s);
	if (!j || json_array_append_new(l->items, j) != 0)
		return DB_NOMEM;
	json_t *langs = json_object_get(j, "languages");
	json_object_set_new(j, "serves_age",
	                    l->age < 0
	                        ? json_null()
	                        : json_boolean(service_serves_age(s->age_min, s->age_max, l->age)));
	json_object_set_new(j, "speaks_language",
	                    !l->language ? json_null() : json_boolean(holds(langs, l->language)));
	return DB_OK;
}

/* How well a listed service fits: both asked-for matches first. */
static int fit(json_t *j)
{
	return json_is_true(json_object_get(j, "serves_age")) +
	       json_is_true(json_object_get(j, "speaks_language"));
}

static int best_first(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int d = fit(y) - fit(x);
	if (d)
		return d;
	d = strcmp(json_string_value(json_object_get(x, "name")),
	           json_string_value(json_object_get(y, "name")));
	return d ? d
	         : strcmp(json_string_value(json_object_get(x, "id")),
	                  json_string_value(json_object_get(y, "id")));
}

/* Reads the filters into l; problems go to errors. */
static void read_filters(http_req *req, list_ctx *l, json_t *errors)
{
	api_ctx *c = api_ctx_of(req);
	l->kind = http_req_query(req, "kind");
	if (l->kind && service_kind_of(l->kind) < 0)
		jv_error(errors, "kind", "is not a kind of service");
	const char *age = http_req_query(req, "age");
	l->age = -1;
	if (age) {
		char *end;
		long n = strtol(age, &end, 10);
		if (end == age || *end || n < 0 || n > SERVICE_AGE_MAX)
			jv_error(errors, "age", "must be a whole number from 0 to 120");
		else
			l->age = (int)n;
	}
	const char *language = http_req_query(req, "language");
	if (language) {
		char *code = arena_alloc(http_req_arena(req), PERSON_CODE_MAX);
		if (!code || language_639_1(language, code) != 0)
			jv_error(errors, "language",
			         "must be a language, by name (Albanian) or ISO 639-1 code (sq)");
		l->language = code;
	}
	const char *active = http_req_query(req, "active");
	/* Officers choose among the services on offer unless they ask. */
	l->active = access_role_may(c->role, KIND_SERVICE, ACT_WRITE) ? -1 : 1;
	if (active && strcmp(active, "true") == 0)
		l->active = 1;
	else if (active && strcmp(active, "false") == 0)
		l->active = 0;
	else if (active && strcmp(active, "any") == 0)
		l->active = -1;
	else if (active)
		jv_error(errors, "active", "must be true, false or any");
}

/* GET /api/v1/services?kind=&age=&language=&active= */
void api_services_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	list_ctx l = {.req = req, .items = api_keep(req, json_array())};
	json_t *errors = json_array();
	read_filters(req, &l, errors);
	if (api_reject_query(req, errors))
		return;
	int rc = l.items ? store_services_each(c->db, http_req_arena(req), c->user.org_id,
	                                       add_service, &l)
	                 : DB_NOMEM;
	size_t n = json_array_size(l.items);
	json_t **v = rc == DB_OK ? arena_alloc(http_req_arena(req), (n ? n : 1) * sizeof *v) : NULL;
	json_t *sorted = api_keep(req, json_array());
	if (rc == DB_OK && (!v || !sorted))
		rc = DB_NOMEM;
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		v[i] = json_array_get(l.items, i);
	if (rc == DB_OK)
		qsort(v, n, sizeof *v, best_first);
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		if (json_array_append(sorted, v[i]) != 0)
			rc = DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:O}", "items", sorted));
}

/* ---- figures ---- */

/* The referrals' steps: a partition of those referred (the row total). */
#define STEPS 4
static const char *const step_names[STEPS] = {"answered_within_target", "answered_late",
                                              "unanswered_overdue", "awaiting_within_target"};
#define OUTCOMES 5
static const char *const outcome_names[OUTCOMES] = {"support_completed", "victim_declined",
                                                    "lost_contact", "moved_away", "other"};

/* One service's counts, as read. */
typedef struct service_counts {
	long steps[STEPS], declined, outcomes[OUTCOMES];
} service_counts;

typedef struct figures_read {
	http_req *req;
	json_t *items;
	service_counts *counts;
	size_t n, cap;
} figures_read;

static int add_figures(const service_figures *f, void *arg)
{
	figures_read *x = arg;
	service_counts *c = grow_array(x->counts, &x->cap, x->n, sizeof *c, 16);
	if (!c)
		return DB_NOMEM;
	x->counts = c;
	c = &x->counts[x->n];
	long answered = (long)(f->answered_in_time + f->answered_late + f->overdue);
	c->steps[0] = (long)f->answered_in_time;
	c->steps[1] = (long)f->answered_late;
	c->steps[2] = (long)f->overdue;
	c->steps[3] = (long)f->referred > answered ? (long)f->referred - answered : 0;
	c->declined = (long)f->declined;
	for (int k = 0; k < OUTCOMES; k++)
		c->outcomes[k] = (long)f->outcomes[k];
	json_t *j = json_pack("{s:{s:s, s:s, s:s}, s:s}", "service", "id", f->service_id, "name",
	                      f->name, "kind", f->kind, "provider_organisation", f->provider_name);
	if (!j || json_array_append_new(x->items, j) != 0)
		return DB_NOMEM;
	x->n++;
	return DB_OK;
}

/* The figures as published, through the disclosure control: the steps
 * (services by step, whose row totals are those referred) and the
 * outcomes (services by outcome, as the dashboard's outcomes by service)
 * each one two-way table; those declined a one-way table across the
 * services. Sets each item's figures and totals'. 0, or -1 when memory
 * runs out. */
static int protect_figures(http_req *req, figures_read *x, int threshold, json_t *totals)
{
	size_t n = x->n, rows = n ? n : 1;
	arena *a = http_req_arena(req);
	long *steps = arena_alloc(a, rows * STEPS * sizeof *steps);
	long *outcomes = arena_alloc(a, rows * OUTCOMES * sizeof *outcomes);
	json_t **step_cell = arena_alloc(a, rows * STEPS * sizeof *step_cell);
	json_t **outcome_cell = arena_alloc(a, rows * OUTCOMES * sizeof *outcome_cell);
	json_t **referred = arena_alloc(a, rows * sizeof *referred);
	json_t **outcome_total = arena_alloc(a, rows * sizeof *outcome_total);
	json_t *step_col[STEPS], *outcome_col[OUTCOMES], *all_referred, *all_outcomes;
	if (!steps || !outcomes || !step_cell || !outcome_cell || !referred || !outcome_total)
		return -1;
	for (size_t r = 0; r < n; r++) {
		memcpy(steps + r * STEPS, x->counts[r].steps, sizeof x->counts[r].steps);
		memcpy(outcomes + r * OUTCOMES, x->counts[r].outcomes,
		       sizeof x->counts[r].outcomes);
		json_object_set_new(json_array_get(x->items, r), "declined",
		                    json_integer(x->counts[r].declined));
	}
	if (api_two_way_figures(req, steps, n, STEPS, threshold, step_cell, referred, step_col,
	                        &all_referred) != 0)
		return -1;
	if (api_two_way_figures(req, outcomes, n, OUTCOMES, threshold, outcome_cell, outcome_total,
	                        outcome_col, &all_outcomes) != 0) {
		for (size_t i = 0; i < n * STEPS; i++)
			json_decref(step_cell[i]);
		for (size_t r = 0; r < n; r++)
			json_decref(referred[r]);
		for (int k = 0; k < STEPS; k++)
			json_decref(step_col[k]);
		json_decref(all_referred);
		return -1;
	}
	int failed = 0;
	for (size_t r = 0; r < n; r++) {
		json_t *item = json_array_get(x->items, r), *o = json_object();
		failed |= json_object_set_new(item, "referred", referred[r]);
		for (int k = 0; k < STEPS; k++)
			failed |= json_object_set_new(item, step_names[k],
			                              step_cell[r * STEPS + (size_t)k]);
		for (int k = 0; k < OUTCOMES; k++)
			failed |= json_object_set_new(o, outcome_names[k],
			                              outcome_cell[r * OUTCOMES + (size_t)k]);
		failed |= json_object_set_new(o, "total", outcome_total[r]);
		failed |= json_object_set_new(item, "outcomes", o);
	}
	json_t *o = json_object();
	failed |= json_object_set_new(totals, "referred", all_referred);
	for (int k = 0; k < STEPS; k++)
		failed |= json_object_set_new(totals, step_names[k], step_col[k]);
	for (int k = 0; k < OUTCOMES; k++)
		failed |= json_object_set_new(o, outcome_names[k], outcome_col[k]);
	failed |= json_object_set_new(o, "total", all_outcomes);
	failed |= json_object_set_new(totals, "outcomes", o);
	if (failed || api_protect_column(req, x->items, "declined", threshold, totals) != 0)
		return -1;
	return 0;
}

/* A date of the query, or def when absent; an error for field otherwise. */
static const char *query_date(http_req *req, const char *field, const char *def, json_t *errors)
{
	const char *v = http_req_query(req, field);
	if (!v)
		return def;
	if (date_days(v) == DATE_INVALID)
		jv_error(errors, field, "must be a date such as 2026-01-31");
	return v;
}

/* GET /api/v1/reports/services?from=&to=: for each service, what came of
 * the referrals made between the days (by default the last twelve months):
 * answered within the target or late, still unanswered past it or still
 * within it, declined, and the outcomes, every count through the
 * disclosure control (protect_figures). No person, no case. */
void api_reports_services(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	char today[DATE_LEN], year_ago[DATE_LEN], now[CLOCK_ISO_LEN];
	clock_today(today);
	clock_now_iso(now);
	date_of_days(date_days(today) - 365, year_ago);
	json_t *errors = json_array();
	const char *from = query_date(req, "from", year_ago, errors);
	const char *to = query_date(req, "to", today, errors);
	if (!json_array_size(errors) && date_days(from) > date_days(to))
		jv_error(errors, "from", "must be on or before to");
	if (api_reject_query(req, errors))
		return;
	int threshold;
	if (api_disclosure_threshold(req, &threshold) != 0)
		return;
	store_orgs orgs = api_orgs(req, KIND_FIGURES, ACT_READ);
	figures_read x = {req, api_keep(req, json_array()), NULL, 0, 0};
	json_t *totals = api_keep(req, json_object());
	int rc = x.items && totals
	             ? store_service_figures(c->db, &orgs, from, to, now, add_figures, &x)
	             : DB_NOMEM;
	if (rc == DB_OK && protect_figures(req, &x, threshold, totals) != 0)
		rc = DB_NOMEM;
	free(x.counts);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200,
	                json_pack("{s:s, s:s, s:i, s:O, s:O}", "from", from, "to", to, "threshold",
	                          threshold, "items", x.items, "totals", totals));
}
