/* GET /api/v1/worklist: what is due and overdue for the signed-in user,
 * soonest first, with counts by kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/worklist.h"
#include "lib/clock.h"
#include "store/worklist.h"

typedef struct collect {
	json_t *items;
	const char *today;
} collect;

static int add_item(const work_row *r, void *arg)
{
	collect *c = arg;
	char due[DATE_LEN];
	if (strcmp(r->kind, "referral_missing") == 0) {
		int64_t first;
		if (clock_parse_iso(r->when, &first) != 0)
			return 0;
		date_of_days((long)(worklist_referral_due_ms(first) / 86400000LL), due);
	} else {
		snprintf(due, sizeof due, "%s", r->when);
	}
	char name[300], link[96];
	snprintf(name, sizeof name, "%s %s", r->given_names, r->family_name);
	size_t nl = strlen(name);
	if (nl && name[nl - 1] == ' ')
		name[nl - 1] = '\0';
	/* The page where the item is dealt with. */
	if (strcmp(r->kind, "reasonable_grounds_overdue") == 0 || strcmp(r->kind, "recovery_period_ending") == 0)
		snprintf(link, sizeof link, "/nrm-referral?id=%s", r->record_id);
	else if (strcmp(r->kind, "order_expiring") == 0)
		snprintf(link, sizeof link, "/order?id=%s", r->record_id);
	else if (strcmp(r->kind, "training_expiring") == 0)
		snprintf(link, sizeof link, "/staff-member?id=%s", r->person_id);
	else
		snprintf(link, sizeof link, "/case?id=%s", r->case_id);
	json_t *kase = r->case_id[0] ? json_pack("{s:s, s:s}", "id", r->case_id, "reference", r->reference) : json_null();
	json_t *person = r->person_id[0] ? json_pack("{s:s, s:s}", "id", r->person_id, "name",
						     name[0] == ' ' ? name + 1 : name)
					 : json_null();
	json_t *j = json_pack("{s:s, s:s, s:b, s:o, s:o, s:s, s:s}", "kind", r->kind, "due", due, "overdue",
			      worklist_overdue(due, c->today), "case", kase, "person", person, "record_id",
			      r->record_id, "link", link);
	if (j && strcmp(r->kind, "case_unallocated") == 0)
		json_object_set_new(j, "waited_days", json_integer(date_days(c->today) - date_days(due)));
	return j && json_array_append_new(c->items, j) == 0 ? 0 : DB_NOMEM;
}

static int by_due(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(json_string_value(json_object_get(x, "due")), json_string_value(json_object_get(y, "due")));
	return c ? c : strcmp(json_string_value(json_object_get(x, "kind")), json_string_value(json_object_get(y, "kind")));
}

void api_worklist(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	worklist_window w;
	int64_t now = clock_now_ms();
	worklist_window_for(now, &w);
	char before[CLOCK_ISO_LEN];
	clock_iso(w.indicators_before_ms, before);
	/* Each kind of item from what the user reaches of its kind of record;
	 * the staff whose training shows are those whose caseload they see. */
	store_reach staff = api_reach(req, KIND_CASELOAD, ACT_READ);
	worklist_scope sc = {api_reach(req, KIND_ENTRY, ACT_READ), api_reach(req, KIND_SUSPECT, ACT_READ),
			     api_reach(req, KIND_CASE, ACT_DECIDE), c->user.id, staff.team_id};
	collect col = {api_keep(req, json_array()), w.today};
	worklist_bounds b = {w.today, w.recovery_until, w.orders_until, w.training_until, before};
	int rc = col.items ? store_worklist(c->db, &sc, &b, add_item, &col) : DB_NOMEM;
	size_t n = json_array_size(col.items);
	json_t **v = rc == DB_OK ? arena_alloc(http_req_arena(req), (n ? n : 1) * sizeof *v) : NULL;
	if (rc == DB_OK && !v)
		rc = DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *items = json_array(), *counts = json_object();
	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(col.items, i);
	qsort(v, n, sizeof *v, by_due);
	for (size_t i = 0; i < n; i++) {
		json_array_append(items, v[i]);
		const char *kind = json_string_value(json_object_get(v[i], "kind"));
		json_object_set_new(counts, kind, json_integer(json_integer_value(json_object_get(counts, kind)) + 1));
	}
	http_reply_json(req, 200, json_pack("{s:s, s:o, s:o}", "today", w.today, "counts", counts, "items", items));
}
