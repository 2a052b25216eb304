/* The demo's history for the Commissioner's dashboard: enough casework of
 * the last two years (none of the last two months, which the other pages
 * show) that its figures pass the disclosure threshold. Adult victims
 * referred to the navigator service, each referral closed with an outcome;
 * victims of cases that reached charging charged for what they were made
 * to do, after an s45 assessment. Counters, never
 * demo_pick, choose whom, so the rest of the demo is as it was, and no new
 * name is made. */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "domain/workdays.h"
#include "store/case_people.h"
#include "store/s45.h"

static int nvictims;

/* The victim, a suspect in their own case a month in, assessed ten days
 * later and decided on five days after that, as the rules ask. */
static int charged_after_s45(db *d, const demo_cast *cast, const demo_victim *v)
{
	case_person_rec cp = {0};
	memcpy(cp.case_id, v->case_id, SECURE_ID_LEN);
	memcpy(cp.person_id, v->person_id, SECURE_ID_LEN);
	cp.role = "suspect";
	char day[DATE_LEN], decided[DATE_LEN];
	date_of_days(v->day0 + 30, day);
	snprintf(cp.created_at, sizeof cp.created_at, "%sT10:00:00.000Z", day);
	int rc = store_case_person_add(d, &cp, cast->author_id);
	if (rc == DB_CONSTRAINT)
		return DB_OK; /* a suspect already */
	date_of_days(v->day0 + 45, decided);
	date_of_days(v->day0 + 40, day);
	s45_rec s = {0};
	memcpy(s.case_id, v->case_id, SECURE_ID_LEN);
	memcpy(s.link_id, cp.id, SECURE_ID_LEN);
	s.offence = "Cultivating cannabis (Misuse of Drugs Act 1971 s6)";
	s.offence_date = day;
	s.age_at_offence = -1;
	s.answers = "{\"child\":false,\"schedule4\":false,\"compelled\":true,"
	            "\"no_realistic_alternative\":true}";
	s.outcome = "defence_may_apply";
	s.reasons = "Made to tend the plants under threat to their family; the debt was the "
	            "exploiters' control.";
	snprintf(s.assessed_by, sizeof s.assessed_by, "%s", cast->author_id);
	snprintf(s.assessed_at, sizeof s.assessed_at, "%sT11:00:00.000Z", day);
	if (rc == DB_OK)
		rc = store_s45_create(d, &s);
	char at[32];
	if (rc == DB_OK)
		rc = store_s45_approve(d, s.id, cast->author_id, at);
	charging_rec c = {0};
	memcpy(c.case_id, v->case_id, SECURE_ID_LEN);
	memcpy(c.link_id, cp.id, SECURE_ID_LEN);
	c.decision = "no_further_action";
	c.decided_on = decided;
	c.assessment_id = s.id;
	snprintf(c.decided_by, sizeof c.decided_by, "%s", cast->author_id);
	if (rc == DB_OK)
		rc = store_charging_create(d, &c);
	return rc;
}

int demo_outcomes_history(db *d, const demo_cast *cast, long today, const demo_victim *v,
                          int charged)
{
	if (v->child || today - v->day0 < 60 || today - v->day0 > 730)
		return DB_OK;
	int k = nvictims++;
	int rc = DB_OK;
	if (k % 2 == 0)
		rc = demo_service_history(d, cast, v, k / 2);
	if (rc == DB_OK && charged && k % 3 == 1)
		rc = charged_after_s45(d, cast, v);
	return rc;
}
