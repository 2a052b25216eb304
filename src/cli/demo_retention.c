/* The demo's retention work for the records manager (Dana Mills): of the
 * force's oldest closed cases that nothing holds, one whose review is
 * overdue, one due within the month, and one due soon but under a
 * litigation hold, each with the earlier review that set its date, six
 * years before it; so the worklist shows all three and a dispose decision
 * on the held one is refused. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "domain/retention.h"
#include "lib/arena.h"
#include "lib/clock.h"
#include "store/accounts.h"
#include "store/retention.h"

typedef struct demo_review {
	int due_in_days; /* from today: negative, overdue */
	const char *reason;
	int hold;
} demo_review;

static const demo_review reviews[] = {
    {-18, "Suspect still under investigation by another force; kept until its outcome", 0},
    {12, "Victim's civil claim period not yet ended; keep and look again", 0},
    {20, "Linked to an NRM reconsideration still awaiting decision", 1},
};
#define NREVIEWS (sizeof reviews / sizeof reviews[0])

typedef struct picked {
	retention_case cases[NREVIEWS];
	size_t n;
} picked;

/* Takes the first closed cases that nothing holds and nobody reviewed. */
static int pick_case(const retention_case *c, void *arg)
{
	picked *p = arg;
	if (p->n == NREVIEWS)
		return DB_ROW;
	if (strcmp(c->status, "closed") != 0 || c->orders_in_force || c->holds || c->group ||
	    c->next_review_on)
		return DB_OK;
	p->cases[p->n++] = *c;
	return DB_OK;
}

/* The strings of a JSON array (or of the array at key of an object). */
static size_t strings(json_t *v, const char *key, const char **out, size_t max)
{
	json_t *list = key ? json_object_get(v, key) : v, *x;
	size_t i, n = 0;
	json_array_foreach(list, i, x)
	{
		if (n < max && json_is_string(x))
			out[n++] = json_string_value(x);
	}
	return n;
}

/* The group the rules give the case, as its retention page shows it. */
static const char *group_of(const retention_case *c)
{
	json_t *types = json_loads(c->exploitation_types ? c->exploitation_types : "[]", 0, NULL);
	json_t *offences = json_loads(c->offences ? c->offences : "{}", 0, NULL);
	const char *t[16], *o[16];
	retention_facts f = {t, strings(types, NULL, t, 16), o, strings(offences, "codes", o, 16),
	                     c->orders};
	const char *code = retention_group_code(retention_default_group(&f, NULL));
	json_decref(types);
	json_decref(offences);
	return code;
}

int demo_retention(db *d, const demo_cast *cast)
{
	user_rec mills;
	int rc = store_user_by_name(d, "records.mills", &mills);
	if (rc == DB_DONE)
		return DB_OK; /* no records manager: nothing to show them */
	if (rc != DB_ROW)
		return rc;
	arena *a = arena_new();
	if (!a)
		return DB_NOMEM;
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	picked p = {0};
	rc = store_retention_cases(d, a, cast->force_org_id, today, pick_case, &p);
	if (rc == DB_ROW)
		rc = DB_OK;
	if (rc == DB_OK)
		rc = db_begin(d);
	int open = rc == DB_OK;
	for (size_t i = 0; rc == DB_OK && i < p.n; i++) {
		const demo_review *r = &reviews[i];
		const retention_case *c = &p.cases[i];
		char next[DATE_LEN], decided[DATE_LEN];
		if (date_add_days(today, r->due_in_days, next) != 0)
			continue;
		date_of_days(date_days(next) - 6 * 365 - 1,
		             decided); /* six years before, near enough */
		/* The earlier review, six years before the date it set. */
		retention_review_rec rv = {0};
		memcpy(rv.case_id, c->id, SECURE_ID_LEN);
		memcpy(rv.org_id, cast->force_org_id, SECURE_ID_LEN);
		memcpy(rv.decided_by, mills.id, SECURE_ID_LEN);
		snprintf(rv.decided_at, sizeof rv.decided_at, "%sT10:30:00.000Z", decided);
		rv.reference = c->reference;
		rv.opened_on = c->dates.opened_on;
		rv.closed_on = c->dates.closed_on[0] ? c->dates.closed_on : NULL;
		rv.group = group_of(c);
		rv.decision = "retain";
		rv.reason = r->reason;
		rv.next_review_on = next;
		rc = store_retention_review_add(d, &rv);
		case_retention_rec cr = {.next_review_on = next, .version = 1};
		if (rc == DB_OK)
			rc = store_case_retention_put(d, c->id, &cr, mills.id);
		if (rc == DB_OK && r->hold) {
			hold_rec h = {0};
			memcpy(h.case_id, c->id, SECURE_ID_LEN);
			memcpy(h.placed_by, mills.id, SECURE_ID_LEN);
			h.kind = "litigation";
			h.reason = "Civil claim by the victim against the force for a failure to "
			           "safeguard (demo)";
			h.owner = "Priya Nair, Force Solicitor";
			rc = store_hold_add(d, &h);
		}
	}
	arena_free(a);
	if (!open)
		return rc;
	return rc == DB_OK ? db_commit(d) : (db_rollback(d), rc);
}
