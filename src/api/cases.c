/* Cases: create, read, change (versioned, with history), list and search. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/plans.h"
#include "domain/casework.h"
#include "domain/text.h"
#include "domain/vocab.h"
#include "lib/buf.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/people.h"
#include "store/shares.h"

/* ---- representation ---- */

/* The case as the API shows it, or NULL when memory runs out. */
static json_t *case_json(http_req *req, const case_rec *c)
{
	json_t *off = json_loads(c->offences, 0, NULL);
	if (off && !api_keep(req, off))
		return NULL;
	json_t *types = json_loads(c->exploitation_types, 0, NULL);
	/* Tolerate a stored value missing a member rather than fail the read. */
	json_t *codes = off ? json_object_get(off, "codes") : NULL;
	json_t *other = off ? json_object_get(off, "other") : NULL;
	json_t *j = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s?, s:o, s:b, s:O, s:O, s:{s:s, s:s}, s:s, s:s, s:s, s:I}",
		"id", c->id, "reference", c->reference, "title", c->title, "summary", c->summary,
		"status", c->status, "outcome", c->outcome, "exploitation_types",
		types ? types : json_array(), "county_lines", c->county_lines, "offences",
		codes ? codes : json_null(), "other_offence", other ? other : json_null(), "team", "id",
		c->team_id, "name",
		c->team_name, "created_by", c->created_by, "created_at", c->created_at,
		"updated_at", c->updated_at, "version", (json_int_t)c->version);
	if (j)
		json_object_set_new(j, "lead_name", c->lead_name ? json_string(c->lead_name) : json_null());
	return j;
}

/* The folded text searched by words: title and summary (the store adds the
 * reference), kept for the request's life; NULL when memory runs out. */
static const char *search_text(http_req *req, const case_rec *c)
{
	buf b;
	buf_init(&b);
	text_fold(c->title, &b);
	buf_puts(&b, " ");
	text_fold(c->summary, &b);
	const char *text = b.failed ? NULL : arena_strdup(http_req_arena(req), buf_str(&b));
	buf_free(&b);
	return text;
}

/* ---- access ---- */

int api_case_rel(http_req *req, const case_rec *cr, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	int allocated = 0;
	int rc = store_case_allocated(c->db, cr->id, c->user.id, &allocated);
	if (rc == DB_OK)
		*rel = api_relate(req, cr->org_id, cr->team_id, NULL, allocated ? REL_ALLOCATED : 0);
	return rc;
}

int api_sees_part(http_req *req, const char *part_role, unsigned case_rel)
{
	return strcmp(part_role, "suspect") != 0 ||
	       access_decide(api_ctx_of(req)->role, KIND_SUSPECT, ACT_READ, case_rel) == ACCESS_ALLOW;
}

int api_case_link(http_req *req, const case_rec *cr, unsigned rel, const char **link_role)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_case_link(c->db, http_req_arena(req), cr->id, http_req_param(req, "link"), link_role);
	if (rc == DB_ROW && api_sees_part(req, *link_role, rel))
		return 0;
	if (rc == DB_ROW || rc == DB_DONE)
		http_reply_problem(req, 404, "Not Found", "that person is not in this case", NULL);
	else
		api_db_fail(req, rc);
	return -1;
}

int api_case_victim(http_req *req, const case_rec *cr, unsigned rel, const char *otherwise, person_rec *p)
{
	api_ctx *c = api_ctx_of(req);
	const char *link_role = NULL;
	if (api_case_link(req, cr, rel, &link_role) != 0)
		return -1;
	if (strcmp(link_role, "potential_victim") != 0) {
		api_conflict(req, otherwise);
		return -1;
	}
	char person_id[SECURE_ID_LEN];
	int rc = store_link_person(c->db, http_req_param(req, "link"), person_id);
	if (rc == DB_OK)
		rc = person_id[0] ? store_person_get(c->db, http_req_arena(req), person_id, p) : DB_DONE;
	if (rc == DB_ROW)
		return 0;
	api_db_fail(req, rc == DB_DONE ? DB_ERR : rc);
	return -1;
}

int api_case_load(http_req *req, access_kind k, access_action a, case_rec *cr, unsigned *rel)
{
	int r = api_case_load_id(req, http_req_param(req, "id"), k, a, cr, rel);
	if (r > 0)
		http_reply_problem(req, 404, "Not Found", "there is no such case", NULL);
	return r ? -1 : 0;
}

int api_case_load_id(http_req *req, const char *id, access_kind k, access_action a, case_rec *cr,
		     unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	if (!access_role_may(c->role, k, a))
		return api_allow(req, k, a, 0, "case");
	unsigned r = 0;
	int rc = id ? store_case_get(c->db, http_req_arena(req), id, cr) : DB_DONE;
	if (rc == DB_ROW && (rc = api_case_rel(req, cr, &r)) == DB_OK)
		rc = DB_ROW;
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	if (rc == DB_DONE || access_decide(c->role, k, a, r) == ACCESS_HIDDEN)
		return 1;
	if (rel)
		*rel = r;
	return api_allow(req, k, a, r, "case");
}

/* ---- validation shared by create and change ---- */

typedef struct case_input {
	json_t *types;      /* validated array, borrowed */
	json_t *offences;   /* validated array, borrowed */
	const char *other;  /* other offence text */
} case_input;

/* "before labour, sexual, ... or unknown": the UK NRM types, from their list. */
static void nrm_types_message(const char *before, char *out, size_t n)
{
	size_t len = (size_t)snprintf(out, n, "%s", before);
	for (size_t i = 0; len < n && i < vocab_nrm_exploitation.n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s",
					i == 0				   ? ""
					: i + 1 == vocab_nrm_exploitation.n ? " or "
									    : ", ",
					vocab_nrm_exploitation.entries[i].code);
}

static void check_types(json_t *body, json_t *errors, int required)
{
	char msg[160];
	json_t *types = json_object_get(body, "exploitation_types");
	if (!types || json_is_null(types)) {
		if (required) {
			nrm_types_message("choose at least one: ", msg, sizeof msg);
			jv_error(errors, "exploitation_types", msg);
		}
		return;
	}
	if (json_array_size(types) == 0) {
		jv_error(errors, "exploitation_types", "must name at least one type");
		return;
	}
	size_t i, k;
	json_t *v, *w;
	json_array_foreach(types, i, v)
	{
		if (!exploitation_type_valid(json_string_value(v))) {
			nrm_types_message("may hold only ", msg, sizeof msg);
			jv_error(errors, "exploitation_types", msg);
			return;
		}
		json_array_foreach(types, k, w)
		{
			if (k < i && json_equal(v, w)) {
				jv_error(errors, "exploitation_types", "names a type twice");
				return;
			}
		}
	}
}

static int has_string(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (strcmp(json_string_value(v), s) == 0)
			return 1;
	}
	return 0;
}

static void check_offences(json_t *offences, const char *other, json_t *errors)
{
	size_t i;
	json_t *v;
	json_array_foreach(offences, i, v)
	{
		if (!offence_code_valid(json_string_value(v))) {
			jv_error(errors, "offences", "may hold only msa_s1, msa_s2, msa_s4 or other");
			return;
		}
	}
	int has_other = offences && has_string(offences, "other");
	if (has_other && (!other || !other[0]))
		jv_error(errors, "other_offence", "describe the other offence");
	if (!has_other && other && other[0])
		jv_error(errors, "other_offence", "add \"other\" to offences, or leave this out");
}

/* The offences as stored, {"codes": [...], "other": "..."}, kept for the
 * request's life; NULL when memory runs out. */
static const char *offences_text(http_req *req, json_t *codes, const char *other)
{
	json_t *o = api_keep(req, json_pack("{s:o, s:s?}", "codes", codes ? json_incref(codes) : json_array(),
					    "other", other && other[0] ? other : NULL));
	return o ? api_json_text(req, o) : NULL;
}

/* ---- handlers ---- */

/* The team to own a new case, the one named or the user's, and its
 * organisation: DB_ROW, DB_DONE when there is no such team, or an error. */
static int owning_team(http_req *req, json_t *body, const char **team, char org[SECURE_ID_LEN])
{
	api_ctx *c = api_ctx_of(req);
	*team = jv_str(body, "team_id");
	if (!*team)
		*team = c->user.team_id;
	return (*team)[0] ? store_team_org(c->db, *team, org) : DB_DONE;
}

/* Checks a new case for the team (team_rc: whether it was found); replies
 * 422 and returns 1 when the case is not valid. */
static int create_rejected(http_req *req, json_t *body, const char *team, const char *org, int team_rc)
{
	api_ctx *c = api_ctx_of(req);
	json_t *errors = json_array();
	if (!jv_str(body, "title")[0])
		jv_error(errors, "title", "enter a title");
	check_types(body, errors, 1);
	if (json_is_true(json_object_get(body, "county_lines")) &&
	    !has_string(json_object_get(body, "exploitation_types"), "criminal"))
		jv_error(errors, "county_lines", "applies only to criminal exploitation");
	check_offences(json_object_get(body, "offences"), jv_str(body, "other_offence"), errors);
	if (!team[0])
		jv_error(errors, "team_id", "you belong to no team: name the owning team");
	else if (team_rc == DB_DONE ||
		 access_decide(c->role, KIND_CASE, ACT_WRITE, api_relate(req, org, team, NULL, 0)) != ACCESS_ALLOW)
		jv_error(errors, "team_id", "must be a team whose cases you work on");
	return api_reject(req, errors);
}

/* The new case the body describes, owned by the team; its texts are kept
 * for the request (NULL when memory ran out). */
static void case_from(http_req *req, json_t *body, const char *team, case_rec *cr)
{
	api_ctx *c = api_ctx_of(req);
	memset(cr, 0, sizeof *cr);
	cr->title = jv_str(body, "title");
	const char *summary = jv_str(body, "summary");
	cr->summary = summary ? summary : "";
	cr->status = "new";
	cr->exploitation_types = api_json_text(req, json_object_get(body, "exploitation_types"));
	cr->offences = offences_text(req, json_object_get(body, "offences"), jv_str(body, "other_offence"));
	cr->county_lines = json_is_true(json_object_get(body, "county_lines"));
	snprintf(cr->team_id, sizeof cr->team_id, "%s", team);
	snprintf(cr->created_by, sizeof cr->created_by, "%s", c->user.id);
}

/* The fields that say what a case is about, the same when it is made and
 * when it is changed; a case made must name its kinds of exploitation. */
#define CASE_ABOUT_FIELDS(made)                                                                    \
	{"exploitation_types", JV_STRING_ARRAY, (made), 6}, JV_OPT_BOOL("county_lines"),       \
	    {"offences", JV_STRING_ARRAY, 0, 4}, {"other_offence", JV_STRING, 0, FIELD_LINE}

void api_cases_create(http_req *req)
{
	static const jv_field fields[] = {
		{"title", JV_STRING, 1, CASE_TITLE_MAX},
		{"summary", JV_STRING, 0, CASE_SUMMARY_MAX},
		CASE_ABOUT_FIELDS(1),
		{"team_id", JV_STRING, 0, FIELD_ID},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	const char *team;
	char org[SECURE_ID_LEN] = "";
	int rc = owning_team(req, body, &team, org);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	if (create_rejected(req, body, team, org, rc))
		return;
	case_rec cr, fresh;
	case_from(req, body, team, &cr);
	const char *search = search_text(req, &cr);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	rc = cr.exploitation_types && cr.offences && search ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_case_create(c->db, &cr, tm.tm_year + 1900, search);
	if (rc == DB_CONSTRAINT) {
		api_refuse_field(req, 422, "team_id", "is not a team", NULL);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "case_created", "case", cr.id, NULL,
			       json_pack("{s:s}", "reference", cr.reference));
	if (rc == DB_OK && (rc = store_case_get(c->db, http_req_arena(req), cr.id, &fresh)) == DB_ROW) {
		rc = DB_OK;
		api_etag(req, fresh.version);
		char loc[96];
		snprintf(loc, sizeof loc, "/api/v1/cases/%s", fresh.id);
		http_reply_header(req, "Location", loc);
	}
	api_write_end(req, rc, 201, rc == DB_OK ? case_json(req, &fresh) : NULL);
}

void api_cases_get(http_req *req)
{
	case_rec cr = {0};
	unsigned rel = 0;
	if (api_case_load(req, KIND_CASE, ACT_READ, &cr, &rel) != 0)
		return;
	json_t *people = NULL;
	json_t *out = api_keep(req, case_json(req, &cr));
	int rc = out ? api_case_people_json(req, cr.id, rel, &people) : DB_NOMEM;
	if (rc == DB_OK && !api_keep(req, people))
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = api_case_items_json(req, cr.id, rel, people, out);
	if (rc == DB_OK)
		rc = api_case_allocation_json(req, cr.id, out);
	if (rc == DB_OK)
		rc = api_plan_ids_json(req, cr.id, rel, people);
	if (rc == DB_OK)
		rc = api_audit(req, "case_viewed", "case", cr.id, http_req_header(req, "X-Purpose"),
			       NULL);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_object_set(out, "people", people);
	api_etag(req, cr.version);
	http_reply_json(req, 200, json_incref(out));
}

/* The fields the body changes of the case, into next; problems go to errors. */
static void patch_fields(json_t *body, case_rec *next, json_t *errors)
{
	const char *s;
	if ((s = jv_str(body, "title"))) {
		if (!s[0])
			jv_error(errors, "title", "enter a title");
		next->title = s;
	}
	if ((s = jv_str(body, "summary")))
		next->summary = s;
	if ((s = jv_str(body, "status"))) {
		if (!case_status_valid(s))
			jv_error(errors, "status",
				 "must be new, investigating, charging, court or closed");
		next->status = s;
	}
	if (json_object_get(body, "outcome"))
		next->outcome = jv_str(body, "outcome");
	if (strcmp(next->status, "closed") == 0 && (!next->outcome || !next->outcome[0]))
		jv_error(errors, "outcome", "record the outcome when closing a case");
	if (strcmp(next->status, "closed") != 0 && next->outcome && next->outcome[0])
		jv_error(errors, "outcome", "an outcome is recorded only when the case is closed");
}

/* The types, county lines and offences the case will have (those of the
 * body, else the current ones), checked, into next as stored text kept for
 * the request (NULL when memory ran out); problems go to errors. */
static void patch_lists(http_req *req, json_t *body, const case_rec *cur, case_rec *next, json_t *errors)
{
	check_types(body, errors, 0);
	json_t *types = json_object_get(body, "exploitation_types");
	json_t *eff_types = json_is_array(types) ? types : api_keep(req, json_loads(cur->exploitation_types, 0, NULL));
	json_t *cl = json_object_get(body, "county_lines");
	if (json_is_boolean(cl))
		next->county_lines = json_is_true(cl);
	if (next->county_lines && !has_string(eff_types, "criminal"))
		jv_error(errors, "county_lines", "applies only to criminal exploitation");
	json_t *cur_off = api_keep(req, json_loads(cur->offences, 0, NULL));
	json_t *offences = json_object_get(body, "offences");
	json_t *eff_off = json_is_array(offences) ? offences : json_object_get(cur_off, "codes");
	const char *other = json_object_get(body, "other_offence") ? jv_str(body, "other_offence")
				: jv_str(cur_off, "other");
	check_offences(eff_off, other, errors);
	next->exploitation_types = api_json_text(req, eff_types);
	next->offences = offences_text(req, eff_off, other);
}

/* Records each changed field in the case's history, naming it in detail. */
static int record_changes(http_req *req, const case_rec *cur, const case_rec *next, json_t *detail)
{
	char cl_old[2] = {cur->county_lines ? '1' : '0', 0}, cl_new[2] = {next->county_lines ? '1' : '0', 0};
	struct {
		const char *f, *o, *n;
	} diff[] = {
		{"title", cur->title, next->title},
		{"summary", cur->summary, next->summary},
		{"status", cur->status, next->status},
		{"outcome", cur->outcome, next->outcome},
		{"exploitation_types", cur->exploitation_types, next->exploitation_types},
		{"county_lines", cl_old, cl_new},
		{"offences", cur->offences, next->offences},
	};
	int rc = DB_OK;
	for (size_t i = 0; i < sizeof diff / sizeof diff[0] && rc == DB_OK; i++)
		rc = api_history_change(req, detail, "case", cur->id, diff[i].f, diff[i].o, diff[i].n);
	return rc;
}

/* The case changed under the write: 412 with it as it is now. */
static void case_stale(http_req *req, const char *id)
{
	case_rec fresh;
	int rc = store_case_get(api_ctx_of(req)->db, http_req_arena(req), id, &fresh);
	if (rc == DB_ROW)
		api_stale(req, "case", fresh.version, case_json(req, &fresh));
	else
		api_db_fail(req, rc);
}

void api_cases_patch(http_req *req)
{
	static const jv_field fields[] = {
		{"title", JV_STRING, 0, CASE_TITLE_MAX},
		{"summary", JV_STRING, 0, CASE_SUMMARY_MAX},
		{"status", JV_STRING, 0, FIELD_CHOICE},
		{"outcome", JV_STRING, 0, CASE_OUTCOME_MAX},
		CASE_ABOUT_FIELDS(0),
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cur = {0};
	int64_t version;
	if (api_case_load(req, KIND_CASE, ACT_WRITE, &cur, NULL) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	if (version != cur.version) {
		api_stale(req, "case", cur.version, case_json(req, &cur));
		return;
	}
	case_rec next = cur;
	json_t *errors = json_array();
	patch_fields(body, &next, errors);
	patch_lists(req, body, &cur, &next, errors);
	if (api_reject(req, errors))
		return;
	const char *search = search_text(req, &next);
	json_t *detail = api_keep(req, json_array());
	int rc = next.exploitation_types && next.offences && search && detail ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_case_update(c->db, &next, search);
	if (rc == DB_DONE) {
		case_stale(req, cur.id);
		return;
	}
	if (rc == DB_OK)
		rc = record_changes(req, &cur, &next, detail);
	if (rc == DB_OK)
		rc = api_audit(req, "case_changed", "case", cur.id, NULL,
			       json_pack("{s:O}", "fields", detail));
	if (rc == DB_OK)
		api_etag(req, next.version);
	api_write_end(req, rc, 200, case_json(req, &next));
}

typedef struct list_ctx {
	http_req *req;
	json_t *items;
} list_ctx;

static int add_case(const case_rec *cr, void *arg)
{
	list_ctx *x = arg;
	json_t *j = case_json(x->req, cr);
	json_object_del(j, "summary");
	return json_array_append_new(x->items, j) == 0 ? 0 : DB_NOMEM;
}

static const char *const shows[] = {"all", "mine", "leading", "unallocated", "team"};
static const struct {
	const char *name;
	int descending; /* its natural order runs from the largest */
} sorts[] = {{"updated", 1}, {"created", 1}, {"reference", 0}, {"title", 0}, {"status", 0}, {"lead", 0}};

/* The index of s in names, or -1. */
static int named(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

/* Reads the list's query parameters into f; problems go to errors. */
static void list_filter(http_req *req, case_filter *f, api_page *page, json_t *errors)
{
	api_ctx *c = api_ctx_of(req);
	f->reach = api_reach(req, KIND_CASE, ACT_READ);
	f->suspects = api_reach(req, KIND_SUSPECT, ACT_READ);
	f->status = http_req_query(req, "status");
	if (f->status && !case_status_valid(f->status))
		jv_error(errors, "status", "must be new, investigating, charging, court or closed");
	f->type = http_req_query(req, "type");
	if (f->type && !exploitation_type_valid(f->type))
		jv_error(errors, "type", "is not an exploitation type");
	f->team_id = http_req_query(req, "team");
	const char *s = http_req_query(req, "show");
	int show = s ? named(s, shows, sizeof shows / sizeof *shows) : 0;
	if (show < 0)
		jv_error(errors, "show", "must be all, mine, leading, unallocated or team");
	else
		f->show = (case_show)show;
	f->user_id = c->user.id;
	f->team_of = c->user.team_id;
	if (f->show == CASE_SHOW_TEAM && !c->user.team_id[0])
		jv_error(errors, "show", "team needs you to be in a team");
	const char *names[sizeof sorts / sizeof *sorts];
	for (size_t i = 0; i < sizeof sorts / sizeof *sorts; i++)
		names[i] = sorts[i].name;
	s = http_req_query(req, "sort");
	int sort = s ? named(s, names, sizeof sorts / sizeof *sorts) : 0;
	if (sort < 0)
		jv_error(errors, "sort", "must be updated, created, reference, title, status or lead");
	else
		f->sort = (case_sort)sort;
	s = http_req_query(req, "order");
	if (s && strcmp(s, "asc") != 0 && strcmp(s, "desc") != 0)
		jv_error(errors, "order", "must be asc or desc");
	else if (s && sort >= 0)
		f->reverse = (strcmp(s, "desc") == 0) != sorts[sort].descending;
	api_page_read(req, API_PAGE_DEFAULT, page, errors);
	f->limit = (int)page->limit;
	f->offset = (int)page->offset;
	const char *q = http_req_query(req, "q");
	if (q && strlen(q) > 200)
		jv_error(errors, "q", "must be at most 200 characters");
}

/* What q asks for: a reference, or up to three folded words. */
static void list_query(http_req *req, const char *q, case_filter *f)
{
	if (case_reference_like(q)) {
		f->reference = q;
		return;
	}
	buf folded;
	buf_init(&folded);
	text_fold(q, &folded);
	char *save = NULL, *copy = arena_strdup(http_req_arena(req), buf_str(&folded));
	buf_free(&folded);
	int n = 0;
	for (char *w = copy ? strtok_r(copy, " \t,", &save) : NULL; w && n < 3; w = strtok_r(NULL, " \t,", &save))
		f->words[n++] = w;
}

void api_cases_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_filter f = {0};
	api_page page;
	json_t *errors = json_array();
	list_filter(req, &f, &page, errors);
	if (api_reject_query(req, errors))
		return;
	const char *q = http_req_query(req, "q");
	if (q)
		list_query(req, q, &f);
	list_ctx x = {req, api_keep(req, json_array())};
	int64_t total = 0;
	int rc = x.items ? store_case_list(c->db, http_req_arena(req), &f, &total, add_case, &x) : DB_NOMEM;
	json_t *out = rc == DB_OK ? api_keep(req, json_object()) : NULL;
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = api_page_put(out, &page, x.items, (size_t)total);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

/* The people of a case whose every part in it is as a suspect. */
typedef struct suspects_only {
	json_t *ids; /* person id -> true while only a suspect */
} suspects_only;

static int note_part(const case_person_rec *cp, void *arg)
{
	json_t *ids = ((suspects_only *)arg)->ids;
	int suspect = strcmp(cp->role, "suspect") == 0;
	json_t *was = json_object_get(ids, cp->person_id);
	json_object_set_new(ids, cp->person_id, json_boolean(suspect && (!was || json_is_true(was))));
	return 0;
}

static int not_about_suspects(const history_rec *h, void *arg)
{
	suspects_only *x = arg;
	if (case_history_about_suspects(h->field))
		return 0;
	return !(strcmp(h->field, "people") == 0 && h->new_value &&
		 json_is_true(json_object_get(x->ids, h->new_value)));
}

void api_cases_history(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_rec cr = {0};
	unsigned rel = 0;
	if (api_case_load(req, KIND_CASE, ACT_READ, &cr, &rel) != 0)
		return;
	if (access_decide(c->role, KIND_SUSPECT, ACT_READ, rel) == ACCESS_ALLOW) {
		api_reply_history(req, cr.id, NULL, NULL);
		return;
	}
	/* Those who do not reach suspects here see nothing of them. */
	suspects_only x = {api_keep(req, json_object())};
	int rc = x.ids ? store_case_people(c->db, http_req_arena(req), cr.id, note_part, &x) : DB_NOMEM;
	if (rc != DB_OK)
		api_db_fail(req, rc);
	else
		api_reply_history(req, cr.id, not_about_suspects, &x);
}
