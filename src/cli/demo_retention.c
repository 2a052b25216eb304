/* The demo's retention work for the records manager (Dana Mills): of the
 * force's oldest cases (closed ones first), one whose review is overdue,
 * one due within the month, and one due soon but under a litigation hold,
 * each with the earlier review that set its date; so the worklist shows
 * all three and a dispose decision on the held one is refused. */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "lib/clock.h"
#include "store/accounts.h"
#include "store/retention.h"

typedef struct demo_review {
	int due_in_days; /* from today: negative, overdue */
	const char *group, *reason;
	int hold;
} demo_review;

static const demo_review reviews[] = {
    {-18, "group_2", "Suspect still under investigation by another force; kept until its outcome",
     0},
    {12, "group_3", "Victim's civil claim period not yet ended; keep and look again", 0},
    {20, "group_2", "Linked to an NRM reconsideration still awaiting decision", 1},
};
#define NREVIEWS (sizeof reviews / sizeof reviews[0])

typedef struct picked {
	char ids[NREVIEWS][SECURE_ID_LEN];
	char refs[NREVIEWS][16];
	case_dates dates[NREVIEWS];
	size_t n;
} picked;

static int pick_case(db_stmt *s, void *arg)
{
	picked *p = arg;
	if (p->n == NREVIEWS)
		return DB_ROW;
	db_col_copy(s, 0, p->ids[p->n], sizeof p->ids[p->n]);
	db_col_copy(s, 1, p->refs[p->n], sizeof p->refs[p->n]);
	db_col_copy(s, 2, p->dates[p->n].opened_on, sizeof p->dates[p->n].opened_on);
	p->n++;
	return DB_OK;
}

int demo_retention(db *d, const demo_cast *cast)
{
	user_rec mills;
	int rc = store_user_by_name(d, "records.mills", &mills);
	if (rc == DB_DONE)
		return DB_OK; /* no records manager: nothing to show them */
	if (rc != DB_ROW)
		return rc;
	picked p = {0};
	const char *params[] = {cast->force_org_id};
	rc = db_each(
	    d,
	    "SELECT c.id, c.reference, substr(c.created_at, 1, 10) FROM cases c JOIN teams t ON "
	    "t.id = "
	    "c.team_id WHERE t.org_id = $1 AND NOT EXISTS (SELECT 1 FROM case_retention cr WHERE "
	    "cr.case_id "
	    "= c.id) ORDER BY CASE WHEN c.status = 'closed' THEN 0 ELSE 1 END, c.created_at, c.id",
	    1, params, pick_case, &p);
	if (rc != DB_OK && rc != DB_ROW)
		return rc;
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	if ((rc = db_begin(d)) != DB_OK)
		return rc;
	for (size_t i = 0; rc == DB_OK && i < p.n; i++) {
		const demo_review *r = &reviews[i];
		char next[DATE_LEN];
		if (store_case_dates(d, p.ids[i], &p.dates[i]) != DB_OK ||
		    date_add_days(today, r->due_in_days, next) != 0)
			continue;
		/* The earlier review, six years before the date it set. */
		retention_review_rec rv = {0};
		memcpy(rv.case_id, p.ids[i], SECURE_ID_LEN);
		memcpy(rv.org_id, cast->force_org_id, SECURE_ID_LEN);
		memcpy(rv.decided_by, mills.id, SECURE_ID_LEN);
		rv.reference = p.refs[i];
		rv.opened_on = p.dates[i].opened_on;
		rv.closed_on = p.dates[i].closed_on[0] ? p.dates[i].closed_on : NULL;
		rv.group = r->group;
		rv.decision = "retain";
		rv.reason = r->reason;
		rv.next_review_on = next;
		rc = store_retention_review_add(d, &rv);
		case_retention_rec cr = {.next_review_on = next, .version = 1};
		if (rc == DB_OK)
			rc = store_case_retention_put(d, p.ids[i], &cr, mills.id);
		if (rc == DB_OK && r->hold) {
			hold_rec h = {0};
			memcpy(h.case_id, p.ids[i], SECURE_ID_LEN);
			memcpy(h.placed_by, mills.id, SECURE_ID_LEN);
			h.kind = "litigation";
			h.reason = "Civil claim by the victim against the force for a failure to "
			           "safeguard (demo)";
			h.owner = "Priya Nair, Force Solicitor";
			rc = store_hold_add(d, &h);
		}
	}
	return rc == DB_OK ? db_commit(d) : (db_rollback(d), rc);
}
