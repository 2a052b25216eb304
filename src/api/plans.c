/* A victim's safeguarding plan: made by the force for a potential victim's
 * part in a case, with risks, actions owned by the force or a partner,
 * notes, a review date, and for a child the child protection steps and
 * their clocks (domain/safeguarding.h). A partner whose organisation a live
 * share names the plan to reads it, adds notes, records the steps it leads
 * and updates the actions it owns; everything else is the force's. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/plans.h"
#include "domain/person.h"
#include "domain/safeguarding.h"
#include "lib/clock.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/people.h"
#include "store/plans.h"
#include "store/shares.h"

/* ---- a plan as answered ---- */

typedef struct parts {
	json_t *list;
	const char *org_id; /* only the actions this organisation owns, when set */
	int open_only;
} parts;

static int add_risk(const risk_rec *r, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "id", r->id, "description", r->description, "level", r->level,
			      "updated_at", r->updated_at);
	return j && json_array_append_new(((parts *)arg)->list, j) == 0 ? DB_OK : DB_NOMEM;
}

static int add_action(const action_rec *a, void *arg)
{
	parts *p = arg;
	if ((p->org_id && strcmp(p->org_id, a->owner_org_id) != 0) || (p->open_only && !plan_action_open(a->status)))
		return DB_OK;
	json_t *j = json_pack("{s:s, s:s, s:{s:s, s:s}, s:s?, s:s, s:s, s:I, s:{s:s, s:s}}", "id", a->id,
			      "description", a->description, "owner", "id", a->owner_org_id, "name", a->owner_org_name,
			      "owner_name", a->owner_name, "due_on", a->due_on, "status", a->status, "version",
			      (json_int_t)a->version, "updated", "by", a->updated_by_name, "at", a->updated_at);
	return j && json_array_append_new(p->list, j) == 0 ? DB_OK : DB_NOMEM;
}

static int add_note(const plan_note_rec *n, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:s}", "id", n->id, "text", n->text, "organisation",
			      "id", n->org_id, "name", n->org_name, "by", n->author, "at", n->created_at);
	return j && json_array_append_new(((parts *)arg)->list, j) == 0 ? DB_OK : DB_NOMEM;
}

static json_t *step(const char *on, const char *outcome)
{
	return on ? json_pack("{s:s, s:s?}", "on", on, "outcome", outcome) : json_null();
}

static json_t *due(const char *d)
{
	return d ? json_string(d) : json_null();
}

/* A child's protection steps, the clocks running, and whether they apply. */
static json_t *child_protection_json(const plan_rec *p, int child)
{
	return json_pack("{s:b, s:o, s:i, s:{s:o, s:o, s:o, s:o, s:o, s:o, s:s?}, s:{s:o, s:o, s:o, s:o}}", "applies",
			 child, "local_authority",
			 p->la_org_id ? json_pack("{s:s, s:s?}", "id", p->la_org_id, "name", p->la_org_name)
				      : json_null(),
			 "strategy_within_working_days", p->strategy_days, "steps", "local_authority_told",
			 step(p->la_told_on, NULL), "strategy_discussion", step(p->strategy_on, p->strategy_outcome),
			 "section_47_outcome", step(p->s47_on, p->s47_outcome), "conference",
			 step(p->conference_on, p->conference_outcome), "core_group", step(p->core_group_on, NULL),
			 "last_review", step(p->last_review_on, NULL), "plan_ended_on", p->plan_ended_on, "due",
			 "strategy_discussion", due(p->strategy_due), "conference", due(p->conference_due),
			 "core_group", due(p->core_group_due), "review", due(p->review_due));
}

/* Whether the plan's person is presumed a child today. */
static int plan_child(http_req *req, const plan_rec *p, int *child)
{
	person_rec who;
	char today[DATE_LEN];
	clock_today(today);
	int rc = store_person_get(api_ctx_of(req)->db, http_req_arena(req), p->person_id, &who);
	*child = rc == DB_ROW && presumed_child(who.date_of_birth, who.estimated_age, who.age_disputed, today);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERR : rc;
}

/* The plan with its risks (when with_risks), actions, notes and steps. */
static int plan_json(http_req *req, const plan_rec *p, int with_risks, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	arena *a = http_req_arena(req);
	parts risks = {api_keep(req, json_array()), NULL, 0}, actions = {api_keep(req, json_array()), NULL, 0},
	      notes = {api_keep(req, json_array()), NULL, 0};
	int child = 0;
	int rc = risks.list && actions.list && notes.list ? plan_child(req, p, &child) : DB_NOMEM;
	if (rc == DB_OK && with_risks)
		rc = store_risks(c->db, a, p->id, add_risk, &risks);
	if (rc == DB_OK)
		rc = store_actions(c->db, a, p->id, add_action, &actions);
	if (rc == DB_OK)
		rc = store_plan_notes(c->db, a, p->id, add_note, &notes);
	if (rc != DB_OK)
		return rc;
	*out = api_keep(req, json_pack("{s:s, s:I, s:{s:s}, s:s, s:s, s:s?, s:o, s:O, s:O, s:o, s:s, s:s}", "id",
				       p->id, "version", (json_int_t)p->version, "case", "id", p->case_id, "link_id",
				       p->link_id, "person_id", p->person_id, "review_on", p->review_on, "agencies",
				       json_loads(p->agencies, 0, NULL), "actions", actions.list, "notes", notes.list,
				       "child_protection", child_protection_json(p, child), "created_at", p->created_at,
				       "updated_at", p->updated_at));
	if (*out && with_risks)
		json_object_set(*out, "risks", risks.list);
	return *out ? DB_OK : DB_NOMEM;
}

/* A partner's copy: the force's own ids for the case, the person and their
 * part stay the force's. */
static void for_partner(json_t *plan)
{
	json_object_del(plan, "case");
	json_object_del(plan, "link_id");
	json_object_del(plan, "person_id");
}

int api_plan_view(http_req *req, const char *link_id, int plan, int risks, json_t *view)
{
	api_ctx *c = api_ctx_of(req);
	plan_rec p;
	int rc = store_plan_of_link(c->db, http_req_arena(req), link_id, &p);
	if (rc == DB_DONE) {
		if (plan)
			json_object_set_new(view, "safeguarding_plan", json_null());
		if (risks)
			json_object_set_new(view, "risks", json_null());
		return DB_OK;
	}
	if (rc != DB_ROW)
		return rc;
	json_t *j = NULL;
	if ((rc = plan_json(req, &p, risks, &j)) != DB_OK)
		return rc;
	if (risks)
		json_object_set(view, "risks", json_object_get(j, "risks"));
	if (plan) {
		json_t *copy = json_copy(j);
		if (!copy)
			return DB_NOMEM;
		json_object_del(copy, "risks");
		for_partner(copy);
		json_object_set_new(view, "safeguarding_plan", copy);
	}
	return DB_OK;
}

int api_plan_asked(http_req *req, const char *link_id, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	plan_rec p;
	*out = json_null();
	int rc = store_plan_of_link(c->db, http_req_arena(req), link_id, &p);
	if (rc == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	parts mine = {api_keep(req, json_array()), c->user.org_id, 1};
	rc = mine.list ? store_actions(c->db, http_req_arena(req), p.id, add_action, &mine) : DB_NOMEM;
	if (rc != DB_OK)
		return rc;
	*out = api_keep(req, json_pack("{s:s, s:O, s:{s:o, s:o, s:o, s:o}}", "id", p.id, "actions", mine.list, "due",
				       "strategy_discussion", due(p.strategy_due), "conference", due(p.conference_due),
				       "core_group", due(p.core_group_due), "review", due(p.review_due)));
	return *out ? DB_OK : DB_NOMEM;
}

/* Each plan of a case by the part it is for: {link_id: plan_id}. */
static int add_plan_id(const char *link_id, const char *plan_id, void *arg)
{
	return json_object_set_new(arg, link_id, json_string(plan_id)) == 0 ? DB_OK : DB_NOMEM;
}

int api_plan_ids_json(http_req *req, const char *case_id, unsigned rel, json_t *people)
{
	api_ctx *c = api_ctx_of(req);
	if (access_decide(c->role, KIND_PLAN, ACT_READ, rel) != ACCESS_ALLOW)
		return DB_OK;
	json_t *ids = api_keep(req, json_object());
	int rc = ids ? store_plans_of_case(c->db, case_id, add_plan_id, ids) : DB_NOMEM;
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p)
	{
		if (rc != DB_OK)
			break;
		const char *part = json_string_value(json_object_get(p, "role"));
		if (!part || strcmp(part, "potential_victim") != 0)
			continue;
		json_t *id = json_object_get(ids, json_string_value(json_object_get(p, "id")));
		if (json_object_set_new(p, "safeguarding_plan_id", id ? json_incref(id) : json_null()) != 0)
			rc = DB_NOMEM;
	}
	return rc;
}

/* ---- loading one, and who it is to the user ---- */

/* Loads the plan named by {id} and decides the action on it: the force as
 * it reaches the case; a partner while a live share names the plan.
 * *partner says which. 0, or replies (403, 404, 503) and -1. */
static int plan_load(http_req *req, access_action a, plan_rec *p, int *partner)
{
	api_ctx *c = api_ctx_of(req);
	unsigned rel = 0;
	int shared = 0;
	char today[DATE_LEN];
	clock_today(today);
	int rc = store_plan_get(c->db, http_req_arena(req), http_req_param(req, "id"), p);
	if (rc == DB_ROW) {
		case_rec cr;
		rc = store_case_get(c->db, http_req_arena(req), p->case_id, &cr);
		if (rc == DB_ROW)
			rc = api_case_rel(req, &cr, &rel);
		if (rc == DB_OK)
			rc = store_share_names(c->db, p->link_id, c->user.org_id, "safeguarding_plan", today, &shared);
	}
	if (rc != DB_OK && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	if (rc == DB_OK && shared)
		rel |= REL_SHARED;
	*partner = (access_scope_mask(access_scope_of(c->role, KIND_PLAN, ACT_READ)) & REL_SHARED) != 0;
	return api_allow(req, KIND_PLAN, a, rc == DB_OK ? rel : 0, "safeguarding plan");
}

/* For what only the force does on a plan: 0, or replies 403 and -1. */
static int force_only(http_req *req, int partner, const char *what)
{
	if (!partner)
		return 0;
	char detail[160];
	snprintf(detail, sizeof detail, "only the force %s", what);
	api_refuse(req, 403, "Forbidden", detail);
	return -1;
}

static void reply_plan(http_req *req, int rc, int status, const plan_rec *p)
{
	json_t *out = NULL;
	if (rc == DB_OK)
		rc = plan_json(req, p, 1, &out);
	if (rc == DB_OK && (access_scope_mask(access_scope_of(api_ctx_of(req)->role, KIND_PLAN, ACT_READ)) & REL_SHARED))
		for_partner(out);
	if (rc == DB_OK)
		api_etag(req, p->version);
	api_write_end(req, rc, status, out ? json_incref(out) : NULL);
}

/* ---- making and changing one ---- */

/* Reads agencies (an array of names) into text, or adds a field error. */
static const char *agencies_text(http_req *req, json_t *body, json_t *errors)
{
	json_t *a = json_object_get(body, "agencies");
	if (!a)
		return "[]";
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		const char *s = json_string_value(v);
		if (!s || !s[strspn(s, " \t\r\n")]) {
			jv_error(errors, "agencies", "each must name an agency");
			return NULL;
		}
	}
	return api_json_text(req, a);
}

/* A date field that must be a real date (any day): its value or NULL. */
static const char *real_date(json_t *body, const char *field, json_t *errors)
{
	const char *d = jv_str(body, field);
	if (d && date_days(d) == DATE_INVALID) {
		jv_error(errors, field, "must be a real date such as 2027-01-31");
		return NULL;
	}
	return d;
}

void api_plan_create(http_req *req)
{
	static const jv_field fields[] = {{"review_on", JV_STRING, 0, FIELD_DATE},
					  {"agencies", JV_STRING_ARRAY, 0, FIELD_NAME}};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	const char *link_role = NULL;
	if (api_case_load(req, KIND_PLAN, ACT_WRITE, &cr, &rel) != 0 || api_case_link(req, &cr, rel, &link_role) != 0)
		return;
	if (strcmp(link_role, "potential_victim") != 0) {
		api_conflict(req, "a safeguarding plan is kept for a potential victim");
		return;
	}
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	plan_rec p = {0};
	p.review_on = real_date(body, "review_on", errors);
	p.agencies = agencies_text(req, body, errors);
	if (api_reject(req, errors))
		return;
	snprintf(p.case_id, sizeof p.case_id, "%s", cr.id);
	snprintf(p.link_id, sizeof p.link_id, "%s", http_req_param(req, "link"));
	snprintf(p.created_by, sizeof p.created_by, "%s", c->user.id);
	int rc = store_link_person(c->db, p.link_id, p.person_id);
	if (rc == DB_OK)
		rc = store_strategy_days(c->db, cr.org_id, &p.strategy_days);
	if (rc == DB_OK)
		rc = p.agencies ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_plan_add(c->db, &p);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "this victim has a safeguarding plan already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "plan_created", "plan", p.id, NULL,
			       json_pack("{s:s, s:s}", "case", p.case_id, "person", p.person_id));
	if (rc == DB_OK)
		api_etag(req, p.version);
	api_write_end(req, rc, 201, json_pack("{s:s, s:I}", "id", p.id, "version", (json_int_t)p.version));
}

void api_plan_get(http_req *req)
{
	plan_rec p;
	int partner = 0;
	if (plan_load(req, ACT_READ, &p, &partner) != 0)
		return;
	json_t *out = NULL;
	int rc = plan_json(req, &p, 1, &out);
	/* A partner's look at the plan is a disclosure viewed. */
	if (rc == DB_OK && partner)
		rc = api_audit(req, "disclosure_viewed", "plan", p.id, http_req_header(req, "X-Purpose"),
			       json_pack("{s:s}", "person", p.person_id));
	if (rc == DB_OK && partner)
		for_partner(out);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, p.version);
	http_reply_json(req, 200, json_incref(out));
}

/* Saves the plan at the version the caller read, with its history and an
 * audit entry; replies. */
static void save_plan(http_req *req, const plan_rec *before, plan_rec *p, const char *action, json_t *detail)
{
	api_ctx *c = api_ctx_of(req);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_plan_update(c->db, p);
	if (rc == DB_DONE) {
		plan_rec fresh;
		json_t *now = NULL;
		if (store_plan_get(c->db, http_req_arena(req), p->id, &fresh) == DB_ROW &&
		    plan_json(req, &fresh, 1, &now) == DB_OK) {
			if (access_scope_mask(access_scope_of(c->role, KIND_PLAN, ACT_READ)) & REL_SHARED)
				for_partner(now);
			api_stale(req, "safeguarding plan", fresh.version, json_incref(now));
		}
		else
			api_conflict(req, "the plan changed meanwhile: read it again");
		return;
	}
	json_t *fields = api_keep(req, json_array());
	struct {
		const char *f, *o, *n;
	} diff[] = {
		{"review_on", before->review_on, p->review_on},
		{"agencies", before->agencies, p->agencies},
		{"child_protection.local_authority", before->la_org_name, p->la_org_name},
		{"child_protection.local_authority_told", before->la_told_on, p->la_told_on},
		{"child_protection.strategy_discussion", before->strategy_outcome, p->strategy_outcome},
		{"child_protection.section_47_outcome", before->s47_outcome, p->s47_outcome},
		{"child_protection.conference", before->conference_outcome, p->conference_outcome},
		{"child_protection.core_group", before->core_group_on, p->core_group_on},
		{"child_protection.last_review", before->last_review_on, p->last_review_on},
		{"child_protection.plan_ended_on", before->plan_ended_on, p->plan_ended_on},
	};
	for (size_t i = 0; rc == DB_OK && i < sizeof diff / sizeof diff[0]; i++)
		rc = fields ? api_history_change(req, fields, "plan", p->id, diff[i].f, diff[i].o, diff[i].n) : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_audit(req, action, "plan", p->id, NULL,
			       json_pack("{s:s, s:O?}", "person", p->person_id, "detail", detail));
	reply_plan(req, rc, 200, p);
}

void api_plan_patch(http_req *req)
{
	static const jv_field fields[] = {{"review_on", JV_STRING, 0, FIELD_DATE},
					  {"agencies", JV_STRING_ARRAY, 0, FIELD_NAME}};
	plan_rec p;
	int partner = 0;
	int64_t version;
	if (plan_load(req, ACT_WRITE, &p, &partner) != 0 ||
	    force_only(req, partner, "changes the plan's review and agencies") != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	plan_rec next = p;
	next.version = version;
	if (json_object_get(body, "review_on"))
		next.review_on = real_date(body, "review_on", errors);
	if (json_object_get(body, "agencies"))
		next.agencies = agencies_text(req, body, errors);
	if (api_reject(req, errors))
		return;
	save_plan(req, &p, &next, "plan_changed", NULL);
}

/* ---- risks, actions and notes ---- */

void api_plan_risk_add(http_req *req)
{
	static const jv_field fields[] = {{"description", JV_STRING, 1, FIELD_LINE},
					  {"level", JV_STRING, 1, FIELD_CHOICE}};
	api_ctx *c = api_ctx_of(req);
	plan_rec p;
	int partner = 0;
	if (plan_load(req, ACT_WRITE, &p, &partner) != 0 || force_only(req, partner, "records the plan's risks") != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	risk_rec r = {0};
	r.description = jv_str(body, "description");
	r.level = jv_str(body, "level");
	if (!r.description[strspn(r.description, " \t\r\n")])
		jv_error(errors, "description", "must say what the risk is");
	if (!plan_risk_level_ok(r.level))
		jv_error(errors, "level", "must be no_apparent_risk, low, medium or high");
	if (api_reject(req, errors))
		return;
	snprintf(r.plan_id, sizeof r.plan_id, "%s", p.id);
	snprintf(r.created_by, sizeof r.created_by, "%s", c->user.id);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_risk_add(c->db, &r);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "plan", p.id, "risk", NULL, r.level, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "plan_risk_added", "plan", p.id, NULL, json_pack("{s:s, s:s}", "risk", r.id, "level", r.level));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", r.id));
}

void api_plan_risk_patch(http_req *req)
{
	static const jv_field fields[] = {{"description", JV_STRING, 0, FIELD_LINE},
					  {"level", JV_STRING, 0, FIELD_CHOICE}};
	api_ctx *c = api_ctx_of(req);
	plan_rec p;
	int partner = 0;
	if (plan_load(req, ACT_WRITE, &p, &partner) != 0 || force_only(req, partner, "grades the plan's risks") != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *description = jv_str(body, "description"), *level = jv_str(body, "level");
	if (description && !description[strspn(description, " \t\r\n")])
		jv_error(errors, "description", "must say what the risk is");
	if (level && !plan_risk_level_ok(level))
		jv_error(errors, "level", "must be no_apparent_risk, low, medium or high");
	if (!description && !level)
		jv_error(errors, "level", "give a level or a description to change");
	if (api_reject(req, errors))
		return;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_risk_update(c->db, p.id, http_req_param(req, "risk"), description, level);
	if (rc == DB_DONE) {
		api_refuse(req, 404, "Not Found", "the plan has no such risk");
		return;
	}
	if (rc == DB_OK && level)
		rc = store_history_add(c->db, "plan", p.id, "risk", NULL, level, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "plan_risk_changed", "plan", p.id, NULL,
			       json_pack("{s:s, s:s?}", "risk", http_req_param(req, "risk"), "level", level));
	reply_plan(req, rc, 200, &p);
}

/* Whether the organisation may own an action: the force's own, or a
 * partner near it. */
typedef struct owner_find {
	const char *id;
	int found;
} owner_find;

static int find_owner(const org_rec *o, void *arg)
{
	owner_find *f = arg;
	f->found |= strcmp(o->id, f->id) == 0 && strcmp(o->kind, "opcc") != 0;
	return 0;
}

void api_plan_action_add(http_req *req)
{
	static const jv_field fields[] = {
		{"description", JV_STRING, 1, FIELD_LINE},
		{"owner_organisation_id", JV_STRING, 1, FIELD_ID},
		{"owner_name", JV_STRING, 0, FIELD_NAME},
		{"due_on", JV_STRING, 1, FIELD_DATE},
	};
	api_ctx *c = api_ctx_of(req);
	plan_rec p;
	int partner = 0;
	if (plan_load(req, ACT_WRITE, &p, &partner) != 0 || force_only(req, partner, "adds actions to the plan") != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	owner_find owner = {jv_str(body, "owner_organisation_id"), 0};
	int rc = store_orgs_near(c->db, c->user.org_id, NULL, find_owner, &owner);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array();
	action_rec a = {0};
	a.description = jv_str(body, "description");
	if (!a.description[strspn(a.description, " \t\r\n")])
		jv_error(errors, "description", "must say what is to be done");
	if (!owner.found)
		jv_error(errors, "owner_organisation_id", "must be the force or a partner organisation of it");
	a.due_on = real_date(body, "due_on", errors);
	a.owner_name = jv_str(body, "owner_name");
	if (api_reject(req, errors))
		return;
	snprintf(a.plan_id, sizeof a.plan_id, "%s", p.id);
	snprintf(a.owner_org_id, sizeof a.owner_org_id, "%s", owner.id);
	snprintf(a.created_by, sizeof a.created_by, "%s", c->user.id);
	a.status = "open";
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_action_add(c->db, &a);
	if (rc == DB_OK)
		rc = api_audit(req, "plan_action_added", "plan", p.id, NULL,
			       json_pack("{s:s, s:s, s:s}", "action", a.id, "owner", a.owner_org_id, "due_on", a.due_on));
	api_write_end(req, rc, 201, json_pack("{s:s, s:I}", "id", a.id, "version", (json_int_t)a.version));
}

void api_plan_action_patch(http_req *req)
{
	static const jv_field fields[] = {{"status", JV_STRING, 0, FIELD_CHOICE}, {"due_on", JV_STRING, 0, FIELD_DATE}};
	api_ctx *c = api_ctx_of(req);
	plan_rec p;
	int partner = 0;
	int64_t version;
	if (plan_load(req, ACT_WRITE, &p, &partner) != 0)
		return;
	action_rec a;
	int rc = store_action_get(c->db, http_req_arena(req), p.id, http_req_param(req, "action"), &a);
	if (rc == DB_DONE) {
		api_refuse(req, 404, "Not Found", "the plan has no such action");
		return;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return;
	}
	/* A partner updates the actions its organisation owns, no others. */
	if (partner && strcmp(a.owner_org_id, c->user.org_id) != 0) {
		api_refuse(req, 403, "Forbidden", "only the organisation that owns an action updates it");
		return;
	}
	if (api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *status = jv_str(body, "status");
	if (status && !plan_action_status_ok(status))
		jv_error(errors, "status", "must be open, in_progress, done or cancelled");
	const char *due_on = real_date(body, "due_on", errors);
	if (!status && !jv_str(body, "due_on"))
		jv_error(errors, "status", "give a status or a due date to change");
	if (api_reject(req, errors))
		return;
	if (version != a.version) {
		api_conflict(req, "the action changed meanwhile: read the plan again");
		return;
	}
	const char *was = a.status;
	if (status)
		a.status = status;
	if (due_on)
		a.due_on = due_on;
	snprintf(a.updated_by, sizeof a.updated_by, "%s", c->user.id);
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_action_update(c->db, &a);
	if (rc == DB_DONE) {
		api_conflict(req, "the action changed meanwhile: read the plan again");
		return;
	}
	if (rc == DB_OK)
		rc = store_history_add(c->db, "plan", p.id, "action", was, a.status, c->user.id);
	if (rc == DB_OK)
		rc = api_audit(req, "plan_action_changed", "plan", p.id, NULL,
			       json_pack("{s:s, s:s, s:s}", "action", a.id, "status", a.status, "due_on", a.due_on));
	reply_plan(req, rc, 200, &p);
}

void api_plan_note_add(http_req *req)
{
	static const jv_field fields[] = {{"text", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	plan_rec p;
	int partner = 0;
	if (plan_load(req, ACT_WRITE, &p, &partner) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_t *errors = json_array();
	plan_note_rec n = {0};
	n.text = jv_str(body, "text");
	if (!n.text[strspn(n.text, " \t\r\n")])
		jv_error(errors, "text", "must say something");
	if (api_reject(req, errors))
		return;
	snprintf(n.plan_id, sizeof n.plan_id, "%s", p.id);
	snprintf(n.org_id, sizeof n.org_id, "%s", c->user.org_id);
	snprintf(n.created_by, sizeof n.created_by, "%s", c->user.id);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_plan_note_add(c->db, &n);
	if (rc == DB_OK)
		rc = api_audit(req, "plan_note_added", "plan", p.id, NULL, json_pack("{s:s}", "note", n.id));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", n.id));
}

/* ---- a child's protection steps ---- */

typedef struct la_find {
	arena *a;
	const char *id;
	const char *name; /* found: a local authority working with the force */
} la_find;

static int find_la(const org_rec *o, void *arg)
{
	la_find *f = arg;
	if (!f->name && strcmp(o->id, f->id) == 0 && strcmp(o->partner_kind, "local_authority") == 0)
		f->name = arena_strdup(f->a, o->name);
	return 0;
}

void api_plan_child_protection(http_req *req)
{
	static const jv_field fields[] = {
		{"step", JV_STRING, 1, FIELD_CHOICE},
		{"on", JV_STRING, 1, FIELD_DATE},
		{"outcome", JV_STRING, 0, FIELD_CHOICE},
		{"organisation_id", JV_STRING, 0, FIELD_ID},
	};
	api_ctx *c = api_ctx_of(req);
	plan_rec p;
	int partner = 0, child = 0;
	if (plan_load(req, ACT_WRITE, &p, &partner) != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	int rc = plan_child(req, &p, &child);
	la_find la = {http_req_arena(req), jv_str(body, "organisation_id"), NULL};
	if (rc == DB_OK && la.id)
		rc = store_orgs_near(c->db, c->user.org_id, "partner", find_la, &la);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	if (!child) {
		api_conflict(req, "child protection steps are for a child: a person under 18 or whose age is disputed");
		return;
	}
	char today[DATE_LEN];
	clock_today(today);
	json_t *errors = json_array();
	int s = cp_step_of(jv_str(body, "step"));
	const char *on = jv_str(body, "on"), *outcome = jv_str(body, "outcome");
	if (s < 0)
		jv_error(errors, "step",
			 "must be local_authority_told, strategy_discussion, section_47_outcome, conference, "
			 "core_group or review");
	else if (!cp_outcome_ok((cp_step)s, outcome))
		jv_error(errors, "outcome", outcome ? "is not an outcome of this step" : "must be given for this step");
	if (date_days(on) == DATE_INVALID)
		jv_error(errors, "on", "must be a real date such as 2027-01-31");
	else if (strcmp(on, today) > 0)
		jv_error(errors, "on", "must be today or earlier");
	if (la.id && (s != CP_LA_TOLD || !la.name))
		jv_error(errors, "organisation_id",
			 s != CP_LA_TOLD ? "is given only when the local authority is told"
					 : "must be a local authority working with the force");
	if (api_reject(req, errors))
		return;
	cp_state st = {p.la_told_on,   p.strategy_on,	     p.strategy_outcome, p.s47_on,	 p.s47_outcome,
		       p.conference_on, p.conference_outcome, p.core_group_on,	  p.last_review_on, p.plan_ended_on};
	cp_check why = cp_step_allowed(&st, (cp_step)s, on);
	if (why == CP_BEFORE_LAST) {
		api_refuse_field(req, 422, "on", cp_check_message(why), NULL);
		return;
	}
	if (why != CP_OK) {
		api_conflict(req, cp_check_message(why));
		return;
	}
	plan_rec next = p;
	switch ((cp_step)s) {
	case CP_LA_TOLD:
		next.la_told_on = on;
		next.la_org_id = la.id;
		next.la_org_name = la.name;
		break;
	case CP_STRATEGY:
		next.strategy_on = on;
		next.strategy_outcome = outcome;
		break;
	case CP_SECTION_47:
		next.s47_on = on;
		next.s47_outcome = outcome;
		break;
	case CP_CONFERENCE:
		next.conference_on = on;
		next.conference_outcome = outcome;
		break;
	case CP_CORE_GROUP:
		next.core_group_on = on;
		break;
	default:
		next.last_review_on = on;
		if (strcmp(outcome, "plan_ends") == 0)
			next.plan_ended_on = on;
		break;
	}
	/* The clocks, counted on the bank-holiday calendar. */
	long *days = NULL;
	int ndays = 0;
	rc = store_bank_holidays(c->db, http_req_arena(req), &days, &ndays);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	holidays h = {days, ndays};
	cp_state now = {next.la_told_on,	next.strategy_on,    next.strategy_outcome, next.s47_on,
			next.s47_outcome,	next.conference_on,  next.conference_outcome, next.core_group_on,
			next.last_review_on,	next.plan_ended_on};
	cp_clocks k;
	if (cp_clocks_of(&now, next.strategy_days, &h, &k) != 0) {
		api_db_fail(req, DB_ERR);
		return;
	}
	char *dues = arena_alloc(http_req_arena(req), 4 * DATE_LEN);
	if (!dues) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	const char *clock[] = {k.strategy_due, k.conference_due, k.core_group_due, k.review_due};
	const char **slot[] = {&next.strategy_due, &next.conference_due, &next.core_group_due, &next.review_due};
	for (int i = 0; i < 4; i++) {
		memcpy(dues + i * DATE_LEN, clock[i], DATE_LEN);
		*slot[i] = clock[i][0] ? dues + i * DATE_LEN : NULL;
	}
	save_plan(req, &p, &next, "child_protection_step",
		  api_keep(req, json_pack("{s:s, s:s, s:s?}", "step", cp_step_name((cp_step)s), "on", on, "outcome",
					  outcome)));
}
