/* GET /api/v1/worklist: what is overdue, due today and coming up for the
 * signed-in user, grouped by kind, with who holds each item, filtered and
 * paged as every list is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/feedback.h"
#include "api/go_bags.h"
#include "api/missing.h"
#include "api/selectors.h"
#include "api/services.h"
#include "domain/person.h"
#include "domain/worklist.h"
#include "lib/clock.h"
#include "domain/missing.h"
#include "store/worklist.h"

typedef struct collect {
	json_t *items;
	const char *today;
	const char *kind, *state, *holder; /* the filters, or NULL */
	const char *me, *team_id;
	json_t *counts, *states; /* by kind, and by state, over what the other filters keep */
} collect;

/* The page where the item is dealt with. */
static void item_link(const work_row *r, char *link, size_t n)
{
	if (strcmp(r->kind, "reasonable_grounds_overdue") == 0 || strcmp(r->kind, "recovery_period_ending") == 0)
		snprintf(link, n, "/nrm-referral?id=%s", r->record_id);
	else if (strcmp(r->kind, "order_expiring") == 0)
		snprintf(link, n, "/order?id=%s", r->record_id);
	else if (strncmp(r->kind, "cp_", 3) == 0 || strncmp(r->kind, "plan_", 5) == 0)
		snprintf(link, n, "/safeguarding-plan?id=%s", r->record_id);
	else if (strcmp(r->kind, "service_referral_overdue") == 0)
		snprintf(link, n, "/service-referral?id=%s", r->record_id);
	else if (strcmp(r->kind, "share_ending") == 0)
		snprintf(link, n, "/share?id=%s", r->record_id);
	else if (strcmp(r->kind, "exploitation_screening") == 0)
		snprintf(link, n, "/exploitation-screening?person=%s", r->person_id);
	else if (strcmp(r->kind, "return_interview") == 0)
		snprintf(link, n, "/missing-episode?id=%s&action=return-interview", r->record_id);
	else if (strcmp(r->kind, "safe_and_well_due") == 0)
		snprintf(link, n, "/missing-episode?id=%s&action=safe-and-well", r->record_id);
	else if (strcmp(r->kind, "missing_review_due") == 0 || strcmp(r->kind, "missing_high_risk") == 0)
		snprintf(link, n, "/missing-episode?id=%s&action=risk-review", r->record_id);
	else if (strcmp(r->kind, "training_expiring") == 0)
		snprintf(link, n, "/staff-member?id=%s", r->person_id);
	else if (strcmp(r->kind, "feedback_to_redact") == 0)
		snprintf(link, n, "/feedback-results?comment=%s", r->record_id);
	else if (strcmp(r->kind, "go_bag_reorder") == 0)
		snprintf(link, n, "/go-bags?location=%s", r->record_id);
	else
		snprintf(link, n, "/case?id=%s", r->case_id);
}

/* Whether the holder filter keeps the row. */
static int held_as_asked(const collect *c, const work_row *r)
{
	if (!c->holder)
		return 1;
	if (strcmp(c->holder, "me") == 0)
		return strcmp(r->holder_id, c->me) == 0;
	if (strcmp(c->holder, "team") == 0)
		return c->team_id[0] && strcmp(r->holder_team_id, c->team_id) == 0;
	return !r->holder_id[0]; /* "none" */
}

static void count(json_t *counts, const char *key)
{
	json_object_set_new(counts, key, json_integer(json_integer_value(json_object_get(counts, key)) + 1));
}

static int add_item(const work_row *r, void *arg)
{
	collect *c = arg;
	char due[DATE_LEN];
	int64_t at = 0;
	const char *due_at = NULL;
	if (strcmp(r->kind, "referral_missing") == 0) {
		int64_t first;
		if (clock_parse_iso(r->when, &first) != 0)
			return 0;
		date_of_days((long)(worklist_referral_due_ms(first) / 86400000LL), due);
	} else if (strlen(r->when) > DATE_LEN - 1) {
		/* A moment (a missing person's clocks run in hours): its UK day. */
		if (clock_parse_iso(r->when, &at) != 0)
			return 0;
		clock_uk_date(at, due);
		due_at = r->when;
	} else {
		snprintf(due, sizeof due, "%s", r->when);
	}
	const char *state = worklist_state(due, c->today);
	if (!held_as_asked(c, r))
		return 0;
	if (!c->state || strcmp(c->state, state) == 0)
		count(c->counts, r->kind);
	if (!c->kind || strcmp(c->kind, r->kind) == 0)
		count(c->states, state);
	if ((c->state && strcmp(c->state, state) != 0) || (c->kind && strcmp(c->kind, r->kind) != 0))
		return 0;
	char name[300], link[96];
	snprintf(name, sizeof name, "%s%s%s", r->given_names, r->given_names[0] && r->family_name[0] ? " " : "",
		 r->family_name);
	item_link(r, link, sizeof link);
	json_t *kase = r->case_id[0] ? json_pack("{s:s, s:s}", "id", r->case_id, "reference", r->reference) : json_null();
	json_t *person = !r->person_id[0] ? json_null()
			 : strcmp(r->kind, "training_expiring") == 0
			     ? json_pack("{s:s, s:s}", "id", r->person_id, "name", name)
			     : json_pack("{s:s, s:s, s:b}", "id", r->person_id, "name", name, "presumed_child",
					 presumed_child(r->date_of_birth, r->estimated_age, r->age_disputed, c->today));
	json_t *holder = r->holder_id[0] ? json_pack("{s:s, s:s}", "id", r->holder_id, "name", r->holder_name)
					 : json_null();
	json_t *j = json_pack("{s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:s, s:s}", "kind", r->kind, "due", due, "state",
			      state, "overdue", worklist_overdue(due, c->today), "case", kase, "person", person,
			      "holder", holder, "record_id", r->record_id, "link", link);
	if (j && due_at)
		json_object_set_new(j, "due_at", json_string(due_at));
	if (j && strcmp(r->kind, "case_unallocated") == 0)
		json_object_set_new(j, "waited_days", json_integer(date_days(c->today) - date_days(due)));
	return j && json_array_append_new(c->items, j) == 0 ? 0 : DB_NOMEM;
}

/* A location's stock at its reorder level: due today, held by nobody,
 * with what to restock. */
static int add_go_bag_item(const go_bag_work *g, void *arg)
{
	collect *c = arg;
	size_t before = json_array_size(c->items);
	work_row r = {"go_bag_reorder", c->today, "", "", "", "", "", g->location_id, "", "", "", NULL, -1, 0};
	int rc = add_item(&r, c);
	if (rc != 0 || json_array_size(c->items) == before)
		return rc;
	json_t *bag = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "location", g->location_id, "location_name",
				g->location_name, "kind", g->kind, "language", g->language, "stock",
				(json_int_t)g->stock, "reorder_level", (json_int_t)g->reorder_level);
	return bag && json_object_set_new(json_array_get(c->items, before), "go_bag", bag) == 0 ? 0 : DB_NOMEM;
}

/* A link notice raised by another side against one of the user's
 * selectors: since the day it was raised, with the raising organisation's
 * contact and never the raising case. */
static int add_link_notice_item(const link_notice_work *w, void *arg)
{
	collect *c = arg;
	size_t before = json_array_size(c->items);
	char when[CLOCK_DATE_LEN];
	snprintf(when, sizeof when, "%.10s", w->raised_at);
	work_row r = {"selector_match", when, w->case_id, w->reference, "", "", "", w->number, "", "", "", NULL, -1, 0};
	int rc = add_item(&r, c);
	if (rc != 0 || json_array_size(c->items) == before)
		return rc;
	json_t *item = json_array_get(c->items, before), *extra = api_link_notice_work_json(w);
	if (!extra || json_object_update(item, extra) != 0)
		rc = DB_NOMEM;
	json_decref(extra);
	if (rc == 0 && json_object_set_new(item, "reference", json_string(w->reference)) != 0)
		rc = DB_NOMEM;
	return rc;
}

static const char *text_of(json_t *item, const char *key)
{
	return json_string_value(json_object_get(item, key));
}

/* Overdue, then due today, then coming up; within each, grouped by kind,
 * soonest first. */
static int by_urgency(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = worklist_state_rank(text_of(x, "state")) - worklist_state_rank(text_of(y, "state"));
	if (!c)
		c = worklist_kind_rank(text_of(x, "kind")) - worklist_kind_rank(text_of(y, "kind"));
	if (!c)
		c = strcmp(text_of(x, "due"), text_of(y, "due"));
	return c ? c : strcmp(text_of(x, "record_id"), text_of(y, "record_id"));
}

/* Reads the filters into c; problems go to errors. */
static void read_filters(http_req *req, collect *c, json_t *errors)
{
	c->kind = http_req_query(req, "kind");
	if (c->kind && worklist_kind_rank(c->kind) < 0)
		jv_error(errors, "kind", "is not a kind of worklist item");
	c->state = http_req_query(req, "state");
	if (c->state && worklist_state_rank(c->state) < 0)
		jv_error(errors, "state", "must be overdue, due or upcoming");
	c->holder = http_req_query(req, "holder");
	if (c->holder && strcmp(c->holder, "me") != 0 && strcmp(c->holder, "team") != 0 &&
	    strcmp(c->holder, "none") != 0)
		jv_error(errors, "holder", "must be me, team or none");
}

void api_worklist(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	worklist_window w;
	int64_t now = clock_now_ms();
	worklist_window_for(now, &w);
	collect col = {.today = w.today, .me = c->user.id, .team_id = c->user.team_id};
	api_page page;
	json_t *errors = json_array();
	read_filters(req, &col, errors);
	api_page_read(req, API_PAGE_DEFAULT, &page, errors);
	if (api_reject_query(req, errors))
		return;
	char before[CLOCK_ISO_LEN];
	clock_iso(w.indicators_before_ms, before);
	/* Each kind of item from what the user reaches of its kind of record
	 * (a role without cases reaches none of theirs); their own training
	 * where they read their staff record, and the staff whose training
	 * shows are those whose caseload they see. */
	store_reach staff = api_reach(req, KIND_CASELOAD, ACT_READ);
	worklist_scope sc = {api_reach(req, KIND_ENTRY, ACT_READ), api_reach(req, KIND_SUSPECT, ACT_READ),
			     api_reach(req, KIND_CASE, ACT_DECIDE), api_reach(req, KIND_STAFF, ACT_READ).own_id,
			     staff.team_id,
			     api_reach(req, KIND_SHARE, ACT_READ), api_reach(req, KIND_PLAN, ACT_READ)};
	col.items = api_keep(req, json_array());
	col.counts = api_keep(req, json_object());
	col.states = api_keep(req, json_pack("{s:i, s:i, s:i}", "overdue", 0, "due", 0, "upcoming", 0));
	worklist_bounds b = {w.today,	   w.recovery_until, w.orders_until, w.training_until,
			     w.shares_until, w.plans_until,    w.cp_review_until, before};
	int rc = col.items && col.counts && col.states ? store_worklist(c->db, &sc, &b, add_item, &col) : DB_NOMEM;
	/* Missing people's episodes, of the teams that took the reports. */
	char window_start[CLOCK_ISO_LEN];
	clock_iso(now - MISSING_WINDOW_MS, window_start);
	if (rc == DB_OK)
		rc = api_missing_work(req, window_start, add_item, &col);
	/* Referrals to services still waiting past their target. */
	if (rc == DB_OK)
		rc = api_service_referral_work(req, add_item, &col);
	/* Victims' comments awaiting redaction, for those who redact them. */
	if (rc == DB_OK)
		rc = api_feedback_work(req, w.today, add_item, &col);
	/* Go bag stock at its reorder level, for those who restock it. */
	if (rc == DB_OK)
		rc = api_go_bag_work(req, add_go_bag_item, &col);
	/* Matches the other side saw as notices, for those who may acknowledge. */
	if (rc == DB_OK)
		rc = api_link_notice_work(req, add_link_notice_item, &col);
	size_t n = json_array_size(col.items);
	json_t **v = rc == DB_OK ? arena_alloc(http_req_arena(req), (n ? n : 1) * sizeof *v) : NULL;
	json_t *sorted = api_keep(req, json_array());
	json_t *out = api_keep(req, json_pack("{s:s, s:O, s:O}", "today", w.today, "counts", col.counts, "states",
					      col.states));
	if (rc == DB_OK && (!v || !sorted || !out))
		rc = DB_NOMEM;
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		v[i] = json_array_get(col.items, i);
	if (rc == DB_OK)
		qsort(v, n, sizeof *v, by_urgency);
	for (size_t i = 0; rc == DB_OK && i < n; i++)
		if (json_array_append(sorted, v[i]) != 0)
			rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = api_page_set(out, &page, sorted);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}
