/* The demo's directory of commissioned services and a few referrals to
 * them, one at each stage of the path, timed back from now so that one is
 * overdue on the day the demo is loaded. */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "domain/services.h"
#include "domain/shares.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/services.h"
#include "store/shares.h"

/* The services made by this run (none when the directory had some). */
static struct {
	char id[SECURE_ID_LEN];
	int hours;
} made[5];
static int nmade;

static int count_service(const service_rec *s, void *arg)
{
	(void)s;
	(*(int *)arg)++;
	return 0;
}

int demo_services(db *d, const demo_cast *cast)
{
	if (!cast->opcc_org_id || !cast->partner_org_id || !cast->provider_org_id ||
	    !cast->children_org_id)
		return DB_OK;
	arena *a = arena_new();
	if (!a)
		return DB_NOMEM;
	int have = 0;
	int rc = store_services_each(d, a, cast->opcc_org_id, count_service, &have);
	arena_free(a);
	if (rc != DB_OK || have)
		return rc;
	const struct {
		const char *name, *kind, *languages, *area;
		const char *provider;
		int min, max, capacity, hours, active;
	} rows[] = {
	    {"Safe Homes emergency accommodation", "housing", "[\"en\",\"ro\",\"pl\"]",
	     "Demo county", cast->partner_org_id, 18, 120, 6, 24, 1},
	    {"Council mental health navigators", "mental_health", "[\"en\"]", "Demo county",
	     cast->partner_org_id, 16, 120, -1, 120, 1},
	    {"Haven Trust independent victim navigators", "navigator",
	     "[\"en\",\"sq\",\"ro\",\"vi\"]", NULL, cast->provider_org_id, 18, 120, 12, 72, 1},
	    {"Children's advocacy service", "advocacy", "[\"en\",\"vi\"]", "Demo county",
	     cast->children_org_id, 0, 17, 10, 48, 1},
	    {"Legal advice clinic (contract ended)", "legal_advice", "[\"en\"]", NULL,
	     cast->provider_org_id, 18, 120, -1, 168, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0] && rc == DB_OK; i++) {
		service_rec s = {0};
		snprintf(s.org_id, sizeof s.org_id, "%s", cast->opcc_org_id);
		snprintf(s.provider_org_id, sizeof s.provider_org_id, "%s", rows[i].provider);
		snprintf(s.created_by, sizeof s.created_by, "%s", cast->author_id);
		s.name = rows[i].name;
		s.kind = rows[i].kind;
		s.languages = rows[i].languages;
		s.area = rows[i].area;
		s.age_min = rows[i].min;
		s.age_max = rows[i].max;
		s.capacity = rows[i].capacity;
		s.response_hours = rows[i].hours;
		s.active = rows[i].active;
		rc = store_service_add(d, &s);
		memcpy(made[nmade].id, s.id, SECURE_ID_LEN);
		made[nmade++].hours = s.response_hours;
	}
	return rc;
}

/* Each stage the demo shows: which service (of made), how many hours ago
 * it was referred, and the steps after (the last the status it stands at). */
static const struct {
	int service;
	int hours_ago;
	const char *urgency, *need;
	const char *steps[3];
	const char *reason, *outcome;
} stages[] = {
    {0,
     52, /* its answer due over a day ago: overdue whatever the time of day */
     "urgent",
     "Needs somewhere safe to stay tonight: the exploiters know the current address.",
     {NULL},
     NULL,
     NULL},
    {0,
     2,
     "routine",
     "Needs a move from emergency accommodation to somewhere settled.",
     {NULL},
     NULL,
     NULL},
    {1,
     200,
     "routine",
     "Low mood and poor sleep since leaving; asked to talk to someone.",
     {"accepted", NULL},
     NULL,
     NULL},
    {0,
     400,
     "urgent",
     "Safe accommodation away from the address where they were exploited.",
     {"accepted", "in_progress", NULL},
     NULL,
     NULL},
    {1,
     900,
     "routine",
     "Support with anxiety while the case goes to court.",
     {"accepted", "in_progress", "closed"},
     NULL,
     "support_completed"},
    {0,
     150,
     "routine",
     "Needs accommodation for a family of four.",
     {"declined", NULL},
     "No family rooms free this month: referred on to the council's housing options team.",
     NULL},
    {1,
     100,
     "routine",
     "Trouble sleeping; may want to talk to someone.",
     {"withdrawn", NULL},
     "The victim moved to another area and is supported there.",
     NULL},
};
static size_t nstage;

int demo_service_referral(db *d, const demo_cast *cast, long today, const demo_victim *v)
{
	if (!nmade || nstage >= sizeof stages / sizeof stages[0] || v->child ||
	    today - v->day0 > 365 || !cast->partner_user_id)
		return DB_OK;
	/* The author refers only victims of their own team's cases, as the
	 * rules let an investigator. */
	arena *a = arena_new();
	case_rec cr;
	int got = a ? store_case_get(d, a, v->case_id, &cr) : DB_NOMEM;
	int theirs = got == DB_ROW && strcmp(cr.team_id, cast->teams[0]) == 0;
	arena_free(a);
	if (got != DB_ROW && got != DB_DONE)
		return got;
	if (!theirs)
		return DB_OK;
	int64_t now = clock_now_ms();
	int64_t at = now - (int64_t)stages[nstage].hours_ago * SERVICE_HOUR_MS;
	char day[DATE_LEN], until[DATE_LEN], referred[CLOCK_ISO_LEN], respond[CLOCK_ISO_LEN];
	/* The victim agrees to share for support. */
	consent_rec k = {0};
	memcpy(k.person_id, v->person_id, SECURE_ID_LEN);
	snprintf(k.recorded_by, sizeof k.recorded_by, "%s", cast->author_id);
	k.given = 1;
	k.purposes = "[\"support\"]";
	k.method = "verbal";
	k.language = v->lang ? v->lang : "en";
	k.interpreter = v->interpreter ? "telephone" : "none";
	int rc = store_consent_add(d, &k);
	date_of_days((long)(at / 86400000LL), day);
	share_latest_expiry(day, until);
	share_rec s = {0};
	memcpy(s.case_id, v->case_id, SECURE_ID_LEN);
	memcpy(s.link_id, v->link_id, SECURE_ID_LEN);
	memcpy(s.person_id, v->person_id, SECURE_ID_LEN);
	snprintf(s.org_id, sizeof s.org_id, "%s", cast->partner_org_id);
	snprintf(s.created_by, sizeof s.created_by, "%s", cast->author_id);
	s.sections = "[\"identity\",\"contacts\"]";
	s.purpose = "support";
	s.basis = "consent";
	s.expires_on = until;
	if (rc == DB_OK)
		rc = store_share_add(d, &s);
	int which = stages[nstage].service;
	referral_rec r = {0};
	memcpy(r.case_id, v->case_id, SECURE_ID_LEN);
	memcpy(r.link_id, v->link_id, SECURE_ID_LEN);
	snprintf(r.created_by, sizeof r.created_by, "%s", cast->author_id);
	clock_iso(at, referred);
	memcpy(r.referred_at, referred, sizeof referred);
	clock_iso(
	    service_respond_by_ms(at, made[which].hours,
	                          (service_urgency)service_urgency_of(stages[nstage].urgency)),
	    respond);
	r.service_id = made[which].id;
	r.provider_org_id = cast->partner_org_id;
	r.need = stages[nstage].need;
	r.urgency = stages[nstage].urgency;
	r.respond_by = respond;
	r.share_id = s.id;
	if (rc == DB_OK)
		rc = store_referral_add(d, &r);
	/* The council answers within a few hours; each later step a day apart. */
	int64_t step_at = at + 3 * SERVICE_HOUR_MS;
	for (int i = 0; rc == DB_OK && i < 3 && stages[nstage].steps[i]; i++) {
		const char *to = stages[nstage].steps[i];
		int force = strcmp(to, "withdrawn") == 0;
		int answer = strcmp(to, "accepted") == 0 || strcmp(to, "declined") == 0;
		int last = i == 2 || !stages[nstage].steps[i + 1];
		char when[CLOCK_ISO_LEN];
		clock_iso(step_at, when);
		rc = store_referral_move(d, r.id, &r.version, to,
		                         last ? stages[nstage].reason : NULL,
		                         last ? stages[nstage].outcome : NULL, answer ? when : NULL,
		                         force ? cast->author_id : cast->partner_user_id, when);
		if (rc == DB_OK && last &&
		    !referral_keeps_share((referral_status)referral_status_of(to)))
			rc = store_share_end(d, s.id,
			                     force ? cast->author_id : cast->partner_user_id,
			                     "the service referral ended", when);
		step_at += 24 * SERVICE_HOUR_MS;
	}
	nstage++;
	return rc;
}

/* The outcomes the history's referrals close with, in turn. */
static const char *const past_outcomes[] = {
    "support_completed", "support_completed", "support_completed", "lost_contact",
    "support_completed", "moved_away",        "support_completed", "victim_declined"};

int demo_service_history(db *d, const demo_cast *cast, const demo_victim *v, int k)
{
	if (nmade < 3 || !cast->provider_org_id)
		return DB_OK;
	/* Haven Trust's navigators, three days after the case was opened;
	 * accepted within the target, except every fourth. */
	int hours = made[2].hours;
	int64_t at = ((int64_t)v->day0 + 3) * 86400000LL + 10 * SERVICE_HOUR_MS;
	int64_t answered = at + (k % 4 == 3 ? hours + 20 : 6 + k % 30) * SERVICE_HOUR_MS;
	char respond[CLOCK_ISO_LEN];
	clock_iso(service_respond_by_ms(at, hours, URGENCY_ROUTINE), respond);
	referral_rec r = {0};
	memcpy(r.case_id, v->case_id, SECURE_ID_LEN);
	memcpy(r.link_id, v->link_id, SECURE_ID_LEN);
	snprintf(r.created_by, sizeof r.created_by, "%s", cast->author_id);
	clock_iso(at, r.referred_at);
	r.service_id = made[2].id;
	r.provider_org_id = cast->provider_org_id;
	r.need =
	    "An independent victim navigator to stay alongside them through the investigation.";
	r.urgency = "routine";
	r.respond_by = respond;
	int rc = store_referral_add(d, &r);
	static const char *const steps[] = {"accepted", "in_progress", "closed"};
	for (int i = 0; rc == DB_OK && i < 3; i++) {
		char when[CLOCK_ISO_LEN];
		clock_iso(answered + (int64_t)i * 10 * 86400000LL, when);
		rc = store_referral_move(d, r.id, &r.version, steps[i], NULL,
		                         i == 2 ? past_outcomes[k % 8] : NULL, i == 0 ? when : NULL,
		                         cast->author_id, when);
	}
	return rc;
}
