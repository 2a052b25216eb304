/* Skills-based allocation: the ranked candidates to lead a case, with the
 * reasons in words, and the supervisor's allocation, which needs a recorded
 * reason to override a hard requirement. Rules: domain/allocation.c. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/allocation.h"
#include "domain/codes.h"
#include "domain/person.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/staff.h"

/* What the case asks of its lead. */
typedef struct needs {
	http_req *req; /* whose JSON the lists read are */
	int child_victim;
	char languages[ALLOC_MAX_LANGUAGES][12]; /* primary language subtags, lower case */
	int nlanguages;
	char today[DATE_LEN];
	alloc_case k; /* the same, as the rules read it (filled once the victims are read) */
} needs;

/* The primary subtag of a BCP 47 tag ("sq" of "sq-AL"), lower case. */
static void primary_subtag(const char *tag, char out[12])
{
	size_t i = 0;
	for (; tag[i] && tag[i] != '-' && i < 11; i++)
		out[i] = (char)tolower((unsigned char)tag[i]);
	out[i] = '\0';
}

static void need_language(needs *n, const char *tag)
{
	if (!tag || !language_tag_valid(tag))
		return;
	char p[12];
	primary_subtag(tag, p);
	for (int i = 0; i < n->nlanguages; i++)
		if (strcmp(n->languages[i], p) == 0)
			return;
	if (n->nlanguages < ALLOC_MAX_LANGUAGES)
		memcpy(n->languages[n->nlanguages++], p, sizeof p);
}

static int add_victim(const victim_facts *v, void *arg)
{
	needs *n = arg;
	if (presumed_child(v->date_of_birth, v->estimated_age, v->age_disputed, n->today))
		n->child_victim = 1;
	if (!v->interpreter_needed)
		return 0;
	if (v->interpreter_language && language_tag_valid(v->interpreter_language)) {
		need_language(n, v->interpreter_language);
		return 0;
	}
	json_t *langs = v->languages ? api_keep(n->req, json_loads(v->languages, 0, NULL)) : NULL;
	need_language(n, json_string_value(json_array_get(langs, 0)));
	return 0;
}

/* Which of the needed languages (bit i for language i) the profile's list
 * (JSON) holds at working proficiency or better. */
static unsigned languages_spoken(const needs *n, const char *profile)
{
	if (!n->nlanguages || !profile)
		return 0;
	json_t *list = api_keep(n->req, json_loads(profile, 0, NULL)), *x;
	unsigned spoken = 0;
	for (int i = 0; i < n->nlanguages; i++) {
		size_t k;
		json_array_foreach(list, k, x)
		{
			const char *tag = json_string_value(json_object_get(x, "tag"));
			const char *level = json_string_value(json_object_get(x, "proficiency"));
			char p[12];
			if (!tag || !level || strcmp(level, "basic") == 0)
				continue;
			primary_subtag(tag, p);
			if (strcmp(p, n->languages[i]) == 0) {
				spoken |= 1u << i;
				break;
			}
		}
	}
	return spoken;
}

typedef struct ranked {
	const char *user_id, *name, *team;
	alloc_candidate facts;
	unsigned failed;
	int score;
} ranked;

typedef struct gather {
	arena *a;
	const needs *n;
	json_t *linked; /* user id -> count */
	ranked *items;
	size_t len, cap;
} gather;

static int add_candidate(const candidate_row *r, void *arg)
{
	gather *g = arg;
	if (g->len == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		ranked *bigger = arena_alloc(g->a, cap * sizeof *bigger);
		if (!bigger)
			return DB_NOMEM;
		if (g->len)
			memcpy(bigger, g->items, g->len * sizeof *bigger);
		g->items = bigger;
		g->cap = cap;
	}
	ranked *x = &g->items[g->len];
	x->user_id = arena_strdup(g->a, r->user_id);
	x->name = arena_strdup(g->a, r->name);
	x->team = r->team_name ? arena_strdup(g->a, r->team_name) : NULL;
	if (!x->user_id || !x->name)
		return DB_NOMEM;
	alloc_candidate c = {
		.pip_level = r->pip_level,
		.specialist_valid = r->specialist_valid,
		.child_valid = r->child_valid,
		.absent_on = r->absent_on ? arena_strdup(g->a, r->absent_on) : NULL,
		.absent_until = r->absent_until ? arena_strdup(g->a, r->absent_until) : NULL,
		.absence_kind = r->absence_kind ? arena_strdup(g->a, r->absence_kind) : NULL,
		.active_cases = r->active_cases,
		.capacity = r->capacity,
		.speaks = languages_spoken(g->n, r->languages),
		.linked_cases = (int)json_integer_value(json_object_get(g->linked, r->user_id)),
		.msht_led = r->led,
		.team = x->team,
	};
	if ((r->absent_on && !c.absent_on) || (r->absent_until && !c.absent_until) ||
	    (r->absence_kind && !c.absence_kind))
		return DB_NOMEM;
	x->facts = c;
	x->failed = alloc_failed(&g->n->k, &c);
	x->score = alloc_score(&g->n->k, &c);
	g->len++;
	return 0;
}

static int add_linked(const char *user_id, int n, void *arg)
{
	return json_object_set_new(arg, user_id, json_integer(n)) ? DB_NOMEM : 0;
}

static int by_rank(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c = alloc_compare(x->failed, x->score, y->failed, y->score);
	return c ? c : strcmp(x->name, y->name);
}

/* Ranks the candidates for the case (only one user when given): DB_OK and
 * g filled and sorted, or an error. */
static int rank(http_req *req, const case_rec *cr, const char *only_user, needs *n, gather *g)
{
	api_ctx *c = api_ctx_of(req);
	memset(n, 0, sizeof *n);
	n->req = req;
	clock_today(n->today);
	char until[DATE_LEN];
	date_add_days(n->today, ALLOC_ABSENCE_DAYS - 1, until);
	memset(g, 0, sizeof *g);
	g->a = http_req_arena(req);
	g->n = n;
	g->linked = api_keep(req, json_object());
	int rc = g->linked ? store_case_victim_facts(c->db, cr->id, add_victim, n) : DB_NOMEM;
	n->k.child_victim = n->child_victim;
	n->k.today = n->today;
	n->k.team = cr->team_name[0] ? arena_strdup(g->a, cr->team_name) : NULL;
	for (int i = 0; i < n->nlanguages; i++) {
		const code_name *l = codes_language(n->languages[i]);
		n->k.languages[i] = l ? l->name : n->languages[i];
	}
	n->k.nlanguages = n->nlanguages;
	if (rc == DB_OK && cr->team_name[0] && !n->k.team)
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = store_alloc_linked(c->db, cr->id, add_linked, g->linked);
	if (rc == DB_OK)
		rc = store_alloc_candidates(c->db, c->user.org_id, only_user, n->today, until, add_candidate, g);
	if (rc == DB_OK && g->len)
		qsort(g->items, g->len, sizeof *g->items, by_rank);
	return rc;
}

typedef struct reason_lists {
	json_t *all, *against;
} reason_lists;

static void add_reason(enum alloc_reason_kind kind, const char *text, void *arg)
{
	reason_lists *r = arg;
	json_array_append_new(r->all, json_string(text));
	if (kind == ALLOC_AGAINST)
		json_array_append_new(r->against, json_string(text));
}

static json_t *failed_codes(unsigned failed)
{
	json_t *codes = json_array();
	for (unsigned bit = 1; bit < (1u << ALLOC_NREQ); bit <<= 1)
		if (failed & bit)
			json_array_append_new(codes, json_string(alloc_requirement_code(bit)));
	return codes;
}

/* The failed requirements in words, as a sentence each. */
static json_t *failed_words(unsigned failed)
{
	json_t *words = json_array();
	for (unsigned bit = 1; bit < (1u << ALLOC_NREQ); bit <<= 1) {
		if (!(failed & bit))
			continue;
		const char *text = alloc_requirement_text(bit);
		char s[200];
		snprintf(s, sizeof s, "%c%s", toupper((unsigned char)text[0]), text + 1);
		json_array_append_new(words, json_string(s));
	}
	return words;
}

static json_t *candidate_json(const needs *n, const ranked *x)
{
	reason_lists r = {json_array(), json_array()};
	if (r.all && r.against)
		alloc_reasons(&n->k, &x->facts, add_reason, &r);
	return json_pack("{s:s, s:s, s:s?, s:i, s:b, s:o, s:o, s:o, s:o}", "user_id", x->user_id, "name", x->name,
			 "team", x->team, "score", x->score, "meets_requirements", x->failed == 0,
			 "failed_requirements", failed_codes(x->failed), "failed_requirements_text",
			 failed_words(x->failed), "reasons", r.all, "reasons_against", r.against);
}

void api_allocation_candidates(http_req *req)
{
	case_rec cr;
	if (api_case_load(req, KIND_CASE, ACT_DECIDE, &cr, NULL) != 0)
		return;
	long limit = 20;
	const char *l = http_req_query(req, "limit");
	if (l) {
		char *end;
		limit = strtol(l, &end, 10);
		if (*end || limit < 1 || limit > 500) {
			json_t *errors = json_array();
			jv_error(errors, "limit", "must be a whole number from 1 to 500");
			api_invalid(req, errors);
			return;
		}
	}
	needs n;
	gather g;
	int rc = rank(req, &cr, NULL, &n, &g);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *items = json_array(), *langs = json_array();
	for (size_t i = 0; i < g.len && i < (size_t)limit; i++)
		json_array_append_new(items, candidate_json(&n, &g.items[i]));
	for (int i = 0; i < n.nlanguages; i++)
		json_array_append_new(langs, json_string(n.languages[i]));
	http_reply_json(req, 200,
			json_pack("{s:o, s:I, s:{s:b, s:o, s:s?}}", "items", items, "total", (json_int_t)g.len, "needs",
				  "child_victim", n.child_victim, "interpreter_languages", langs, "team", n.k.team));
}

static json_t *lead_json(const lead_rec *l)
{
	return json_pack("{s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:o, s:s?, s:s?}", "id", l->id, "user", "id",
			 l->user_id, "name", l->user_name, "allocated_by", "id", l->allocated_by, "name",
			 l->allocated_by_name, "allocated_at", l->allocated_at, "overridden",
			 json_loads(l->failed_requirements, 0, NULL), "override_reason", l->override_reason,
			 "ended_at", l->ended_at);
}

static int add_lead(const lead_rec *l, void *arg)
{
	json_t *j = lead_json(l);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

int api_case_allocation_json(http_req *req, const char *case_id, json_t *out)
{
	json_t *history = api_keep(req, json_array());
	int rc = history ? store_leads_of_case(api_ctx_of(req)->db, http_req_arena(req), case_id, add_lead, history)
			 : DB_NOMEM;
	if (rc != DB_OK)
		return rc;
	json_t *lead = json_null(), *x;
	size_t i;
	json_array_foreach(history, i, x)
	{
		if (json_is_null(json_object_get(x, "ended_at")))
			lead = x;
	}
	json_object_set(out, "lead", lead);
	json_object_set(out, "allocation_history", history);
	return DB_OK;
}

/* Ranks the user as a candidate to lead the case, and finds its current
 * lead: DB_OK with *previous the lead's user id (NULL when there is none),
 * or an error. */
static int choose(http_req *req, const case_rec *cr, const char *user_id, needs *n, gather *g, lead_rec *current,
		  const char **previous)
{
	int rc = rank(req, cr, user_id, n, g);
	if (rc != DB_OK)
		return rc;
	rc = store_lead_current(api_ctx_of(req)->db, http_req_arena(req), cr->id, current);
	*previous = rc == DB_ROW ? current->user_id : NULL;
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

/* Checks the choice of lead, the first ranked candidate: replies 422 and
 * returns 1 when there is none, or when they fail a requirement and no
 * reason to override it is given. */
static int choice_rejected(http_req *req, const gather *g, const char *reason)
{
	json_t *errors = json_array();
	if (!g->len)
		jv_error(errors, "user_id", "is not an investigator or supervisor of your force who can lead a case");
	else if (g->items[0].failed && !(reason && reason[0])) {
		for (unsigned bit = 1; bit < (1u << ALLOC_NREQ); bit <<= 1) {
			if (!(g->items[0].failed & bit))
				continue;
			char msg[300];
			snprintf(msg, sizeof msg, "%s fails %s (%s): give a reason to override it", g->items[0].name,
				 alloc_requirement_code(bit), alloc_requirement_text(bit));
			jv_error(errors, "override_reason", msg);
		}
	}
	return api_reject(req, errors);
}

/* The allocation of the case to who, by the signed-in user, with the
 * requirements overridden (codes) as text kept for the request (NULL when
 * memory ran out). */
static void lead_from(http_req *req, const case_rec *cr, const ranked *who, json_t *codes, const char *reason,
		      lead_rec *l)
{
	api_ctx *c = api_ctx_of(req);
	char *text = codes ? json_dumps(codes, JSON_COMPACT) : NULL;
	memset(l, 0, sizeof *l);
	memcpy(l->case_id, cr->id, SECURE_ID_LEN);
	snprintf(l->user_id, sizeof l->user_id, "%s", who->user_id);
	memcpy(l->allocated_by, c->user.id, SECURE_ID_LEN);
	l->failed_requirements = text ? arena_strdup(http_req_arena(req), text) : NULL;
	l->override_reason = who->failed ? reason : NULL;
	l->user_name = who->name;
	l->allocated_by_name = c->user.display_name;
	free(text);
}

/* The answer to an allocation: the lead as the case page shows it, with the case. */
static json_t *allocated_json(const lead_rec *l)
{
	json_t *out = lead_json(l);
	if (out)
		json_object_set_new(out, "case_id", json_string(l->case_id));
	return out;
}

void api_allocation_create(http_req *req)
{
	static const jv_field fields[] = {
		{"user_id", JV_STRING, 1, FIELD_ID},
		{"override_reason", JV_STRING, 0, FIELD_NOTE},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	if (api_case_load(req, KIND_CASE, ACT_DECIDE, &cr, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	const char *user_id = jv_str(body, "user_id"), *reason = jv_str(body, "override_reason");
	needs n;
	gather g;
	lead_rec current, l;
	const char *previous;
	int rc = choose(req, &cr, user_id, &n, &g, &current, &previous);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	if (choice_rejected(req, &g, reason))
		return;
	if (previous && strcmp(previous, user_id) == 0) {
		api_conflict(req, "they already lead this case");
		return;
	}
	const ranked *who = &g.items[0];
	json_t *codes = api_keep(req, failed_codes(who->failed));
	lead_from(req, &cr, who, codes, reason, &l);
	rc = l.failed_requirements ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_lead_set(c->db, &l, previous);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "case", cr.id, "lead", previous, who->user_id, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, who->failed ? "case_allocated_with_override" : "case_allocated", "case", cr.id,
			       NULL,
			       json_pack("{s:s, s:s?, s:O, s:s?}", "user_id", who->user_id, "previous", previous,
					 "overridden", codes, "override_reason", l.override_reason));
	api_write_end(req, rc, 201, rc == DB_OK ? allocated_json(&l) : NULL);
}
