/* The demo's partnership around its victims: consent to share, what is
 * shared with the council, the support provider and children's services,
 * a safeguarding plan for each victim of the last six months with its
 * risks and actions, and for a child the child protection steps so far,
 * each at the stage the case's age gives it, so that every clock runs on
 * the day the demo is loaded. */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "domain/safeguarding.h"
#include "domain/shares.h"
#include "store/plans.h"
#include "store/shares.h"

#define DAY_SHARE_MONTHS 183 /* how long the demo's shares with adults run, in days */

static const char *day(long d, char out[DATE_LEN])
{
	date_of_days(d, out);
	return out;
}

/* The adult's consent: most give it, for support and often housing. */
static int consent(db *d, const demo_victim *v, const char *author, int *given)
{
	consent_rec k = {0};
	memcpy(k.person_id, v->person_id, SECURE_ID_LEN);
	snprintf(k.recorded_by, sizeof k.recorded_by, "%s", author);
	*given = k.given = demo_pick(5) != 0;
	k.purposes = !k.given ? "[]" : demo_pick(2) ? "[\"support\",\"housing\"]" : "[\"support\"]";
	k.method = demo_pick(3) ? "verbal" : "written";
	k.language = v->lang ? v->lang : "en";
	k.interpreter = v->interpreter ? (demo_pick(2) ? "telephone" : "in_person") : "none";
	return store_consent_add(d, &k);
}

static int share(db *d, const demo_victim *v, const char *org, const char *author, const char *purpose,
		 const char *basis, const char *reason, const char *sections, const char *until)
{
	share_rec s = {0};
	memcpy(s.case_id, v->case_id, SECURE_ID_LEN);
	memcpy(s.link_id, v->link_id, SECURE_ID_LEN);
	memcpy(s.person_id, v->person_id, SECURE_ID_LEN);
	snprintf(s.org_id, sizeof s.org_id, "%s", org);
	snprintf(s.created_by, sizeof s.created_by, "%s", author);
	s.sections = sections;
	s.purpose = purpose;
	s.basis = basis;
	s.reason = reason;
	s.expires_on = until;
	return store_share_add(d, &s);
}

static int risks_and_actions(db *d, const plan_rec *p, const demo_victim *v, const demo_cast *cast, long today)
{
	static const char *const adult_risks[][2] = {
		{"Contact from the people who exploited them, who know where their family lives", "high"},
		{"Debt the exploiters say is still owed", "medium"},
		{"Return to the same work through the same recruiter", "medium"},
		{"Isolation: no one they trust outside the service", "low"},
	};
	static const char *const child_risks[][2] = {
		{"Going missing from the placement to meet the group that exploited them", "high"},
		{"Contact through social media from the people who groomed them", "high"},
		{"Being drawn back into running drugs to pay a debt", "medium"},
	};
	int rc = DB_OK;
	int n = 1 + demo_pick(2);
	for (int i = 0; i < n && rc == DB_OK; i++) {
		risk_rec r = {0};
		memcpy(r.plan_id, p->id, SECURE_ID_LEN);
		snprintf(r.created_by, sizeof r.created_by, "%s", cast->author_id);
		const char *const *pick = v->child ? child_risks[demo_pick(3)] : adult_risks[demo_pick(4)];
		r.description = pick[0];
		r.level = pick[1];
		rc = store_risk_add(d, &r);
	}
	/* An action for the partner or for the force; those long past their
	 * day are mostly done, a few not. */
	const char *owner = v->child ? cast->children_org_id : cast->provider_org_id;
	const char *what[2] = {v->child ? "Agree a safe placement away from the area where they were exploited"
					: "Find safe accommodation and register with a GP",
			       "Safety visit with the named contact"};
	const char *owners[2] = {owner, cast->force_org_id};
	long due[2] = {v->day0 + 14, v->day0 + 7};
	int which = demo_pick(2);
	for (int i = 0; i < 2 && rc == DB_OK; i++) {
		if (i != which || !owners[i] || !owners[i][0])
			continue;
		action_rec a = {0};
		char on[DATE_LEN];
		memcpy(a.plan_id, p->id, SECURE_ID_LEN);
		snprintf(a.owner_org_id, sizeof a.owner_org_id, "%s", owners[i]);
		snprintf(a.created_by, sizeof a.created_by, "%s", cast->author_id);
		a.description = what[i];
		a.due_on = day(due[i], on);
		a.status = due[i] < today - 2 ? (demo_pick(7) ? "done" : "in_progress") : "open";
		rc = store_action_add(d, &a);
	}
	return rc;
}

/* A child's protection steps so far, by the case's age in days. */
static int child_protection(db *d, plan_rec *p, const demo_victim *v, const demo_cast *cast, const holidays *h,
			    long today)
{
	long age = today - v->day0;
	char dates[6][DATE_LEN], dues[4][DATE_LEN];
	p->la_org_id = cast->children_org_id;
	p->la_told_on = day(v->day0, dates[0]);
	long strategy = v->day0 + 1, s47 = v->day0 + 10, conference = v->day0 + 21, core = v->day0 + 30,
	     review = conference + 88;
	int nfa = demo_pick(4) == 0, no_harm = demo_pick(3) == 0;
	if (age >= 2) {
		p->strategy_on = day(strategy, dates[1]);
		p->strategy_outcome = nfa ? "no_further_action" : "section_47";
	}
	if (age >= 12 && !nfa) {
		p->s47_on = day(s47, dates[2]);
		p->s47_outcome = no_harm ? "no_significant_harm" : "significant_harm";
	}
	if (age >= 24 && !nfa && !no_harm) {
		p->conference_on = day(conference, dates[3]);
		p->conference_outcome = "plan";
	}
	if (age >= 36 && p->conference_on) {
		p->core_group_on = day(core, dates[4]);
	}
	if (age >= 112 && p->conference_on)
		p->last_review_on = day(review, dates[5]);
	cp_state st = {p->la_told_on,   p->strategy_on,	      p->strategy_outcome, p->s47_on,	     p->s47_outcome,
		       p->conference_on, p->conference_outcome, p->core_group_on,     p->last_review_on, NULL};
	cp_clocks k;
	if (cp_clocks_of(&st, p->strategy_days, h, &k) != 0)
		return DB_ERR;
	const char *clock[] = {k.strategy_due, k.conference_due, k.core_group_due, k.review_due};
	const char **slot[] = {&p->strategy_due, &p->conference_due, &p->core_group_due, &p->review_due};
	for (int i = 0; i < 4; i++) {
		memcpy(dues[i], clock[i], DATE_LEN);
		*slot[i] = clock[i][0] ? dues[i] : NULL;
	}
	return store_plan_update(d, p);
}

int demo_partnership(db *d, const demo_cast *cast, const holidays *h, long today, const demo_victim *v)
{
	if (today - v->day0 > 180 || !cast->provider_org_id)
		return DB_OK;
	int rc = DB_OK, given = 0;
	char until[DATE_LEN], review[DATE_LEN];
	if (!v->child)
		rc = consent(d, v, cast->author_id, &given);
	/* Shared with the support provider on consent, or children's services
	 * for a child; the oldest shares end within the fortnight. */
	long ends = v->day0 + DAY_SHARE_MONTHS;
	if (rc == DB_OK && v->child)
		rc = share(d, v, cast->children_org_id, cast->author_id, "safeguarding", "child_safeguarding",
			   "Child protection enquiries with children's services",
			   "[\"identity\",\"victim_context\",\"nrm\",\"safeguarding_plan\",\"risks\",\"contacts\"]",
			   day(ends > today ? ends : today + 1, until));
	else if (rc == DB_OK && given)
		rc = share(d, v, cast->provider_org_id, cast->author_id, "support", "consent", NULL,
			   "[\"identity\",\"nrm\",\"safeguarding_plan\",\"contacts\"]", day(ends > today ? ends : today + 1, until));
	/* The plan: reviewed every three months, a few due this week. */
	plan_rec p = {0};
	memcpy(p.case_id, v->case_id, SECURE_ID_LEN);
	memcpy(p.link_id, v->link_id, SECURE_ID_LEN);
	memcpy(p.person_id, v->person_id, SECURE_ID_LEN);
	snprintf(p.created_by, sizeof p.created_by, "%s", cast->author_id);
	p.strategy_days = CP_STRATEGY_DAYS_DEFAULT;
	long next = demo_pick(8) == 0 ? today + demo_pick(6) : today + 8 + demo_pick(80);
	p.review_on = day(v->day0 + 90 > today + 7 ? v->day0 + 90 : next, review);
	p.agencies = v->child ? "[\"Demo County Council Children's Services\",\"Child Trafficking Guardians South West (demo)\"]"
			      : given ? "[\"Haven Trust Victim Support\"]" : "[]";
	if (rc == DB_OK)
		rc = store_plan_add(d, &p);
	if (rc == DB_OK)
		rc = risks_and_actions(d, &p, v, cast, today);
	if (rc == DB_OK && v->child && cast->children_org_id)
		rc = child_protection(d, &p, v, cast, h, today);
	return rc;
}
