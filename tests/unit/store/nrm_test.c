/* NRM referrals, their decisions, reconsiderations and withdrawals, Duty to
 * Notify records and the bank holidays in the store, on both engines. */
#include "unit/test.h"

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/people.h"
#include "store/services.h"
#include "store/victims.h"
#include "support/engines.h"
#include "support/fixtures.h"

/* What each test stands on, made anew on its database by world_open: one
 * force with one team, an investigator, a case of theirs and another, and a
 * person, Victim Doe (in no case yet). */
static struct {
	arena *a;
	user_rec fr;
	char case_id[37], other_case[37], victim[37];
} w;

/* Copies an id (or a made-up one for a test of refusals). */
static void set_id(char dst[37], const char *id)
{
	snprintf(dst, 37, "%s", id);
}

static void world_open(db *d)
{
	memset(&w, 0, sizeof w);
	w.a = arena_new();
	assert_non_null(w.a);
	fixture_user(d, "first.responder", "investigator", "North Force", "EMT", &w.fr);
	fixture_case(d, &w.fr, "Operation", w.case_id);
	fixture_case(d, &w.fr, "Operation", w.other_case);
	fixture_person(d, &w.fr, "Victim", "Doe", w.victim);
}

static void world_close(void)
{
	arena_free(w.a);
}

/* The victim's referral in the world's case, stored. */
static nrm_rec refer(db *d)
{
	nrm_rec r = fixture_referral_rec(&w.fr, w.case_id, w.victim);
	assert_int_equal(store_nrm_create(d, &r), DB_OK);
	return r;
}

/* A request by the first responder to reconsider the referral's decision
 * at the stage (not stored). */
static recon_rec recon(const char *referral_id, const char *stage)
{
	recon_rec q = {.stage = stage,
	               .requested_on = "2025-03-20",
	               .reasons = "new evidence of control",
	               .capacity = "first_responder"};
	set_id(q.referral_id, referral_id);
	set_id(q.requested_by, w.fr.id);
	return q;
}

/* A Duty to Notify record of the person in the case (not stored). */
static dtn_rec notification(const char *case_id, const char *person_id)
{
	dtn_rec n = {.submitted_on = "2025-03-04", .identifying_consent = 1};
	set_id(n.case_id, case_id);
	set_id(n.person_id, person_id);
	set_id(n.created_by, w.fr.id);
	return n;
}

static void set_created_at(db *d, const char *table, const char *id, const char *at)
{
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE %s SET created_at = $1 WHERE id = $2", table);
	const char *p[] = {at, id};
	assert_int_equal(db_run(d, sql, 2, p), DB_OK);
}

typedef struct ids {
	int n;
	char v[8][37];
} ids;

static int index_of(const ids *x, const char *id)
{
	for (int i = 0; i < x->n; i++)
		if (strcmp(x->v[i], id) == 0)
			return i;
	return -1;
}

static void keep_id(ids *x, const char *id)
{
	assert_true(x->n < 8);
	snprintf(x->v[x->n++], sizeof x->v[0], "%s", id);
}

static int collect_holiday(const holiday_rec *h, void *arg)
{
	ids *x = arg;
	if (x->n < 8)
		keep_id(x, h->day);
	return 0;
}

static void test_bank_holidays_count_in_day_order_and_are_refused_twice(db *d)
{
	long *days;
	int n0 = 0;
	assert_int_equal(store_bank_holidays(d, w.a, &days, &n0), DB_OK);
	assert_true(n0 > 80); /* England and Wales, 2020 to 2030 */
	/* Added out of order, they still count out in day order. */
	assert_int_equal(store_bank_holiday_add(d, "2031-01-01", "New Year's Day"), DB_OK);
	assert_int_equal(store_bank_holiday_add(d, "2019-12-26", "Boxing Day"), DB_OK);
	assert_int_equal(store_bank_holiday_add(d, "2031-01-01", "Again"), DB_CONSTRAINT);
	int n = 0;
	assert_int_equal(store_bank_holidays(d, w.a, &days, &n), DB_OK);
	assert_int_equal(n, n0 + 2);
	for (int i = 1; i < n; i++)
		assert_true(days[i - 1] < days[i]);
	ids first = {0};
	assert_int_equal(store_bank_holiday_list(d, collect_holiday, &first), DB_OK);
	assert_string_equal(first.v[0], "2019-12-26");
	assert_string_equal(first.v[1], "2020-01-01");
}

static void test_a_person_in_two_roles_is_taken_as_the_victim(db *d)
{
	char both[37], suspect[37], absent[37];
	fixture_person(d, &w.fr, "Both", "Doe", both);
	fixture_person(d, &w.fr, "Suspect", "Doe", suspect);
	fixture_person(d, &w.fr, "Absent", "Doe", absent);
	assert_int_equal(fixture_link(d, &w.fr, w.case_id, both, "witness", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &w.fr, w.case_id, both, "potential_victim", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &w.fr, w.case_id, both, "other", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &w.fr, w.case_id, suspect, "suspect", NULL), DB_OK);
	const char *role = NULL;
	assert_int_equal(store_person_role_in_case(d, w.a, w.case_id, both, &role), DB_ROW);
	assert_string_equal(role, "potential_victim");
	assert_int_equal(store_person_role_in_case(d, w.a, w.case_id, suspect, &role), DB_ROW);
	assert_string_equal(role, "suspect");
	assert_int_equal(store_person_role_in_case(d, w.a, w.case_id, absent, &role), DB_DONE);
}

static void test_a_referral_reads_back_with_its_first_responder(db *d)
{
	assert_int_equal(fixture_link(d, &w.fr, w.case_id, w.victim, "potential_victim", NULL),
	                 DB_OK);
	nrm_rec r = refer(d), got;
	assert_int_equal(r.version, 1);
	assert_int_equal(store_nrm_get(d, w.a, r.id, &got), DB_ROW);
	assert_string_equal(got.case_id, w.case_id);
	assert_string_equal(got.person_id, w.victim);
	assert_string_equal(got.first_responder_name, "DC first.responder");
	assert_string_equal(got.first_responder_org, "North Force");
	assert_string_equal(got.referred_on, "2025-03-03");
	assert_int_equal(got.child, 0);
	assert_string_equal(got.consent, "{\"given\":true}");
	assert_string_equal(got.status, "awaiting_reasonable_grounds");
	assert_string_equal(got.rg_due, "2025-03-10");
	assert_null(got.rg_outcome);
	assert_null(got.withdrawn_on);
	assert_null(got.withdrawal_reason);
	assert_string_equal(got.created_at, r.created_at);
	assert_int_equal(got.version, 1);
	/* A child's referral carries no consent. */
	nrm_rec child = fixture_referral_rec(&w.fr, w.case_id, w.victim);
	child.child = 1;
	child.consent = NULL;
	assert_int_equal(store_nrm_create(d, &child), DB_OK);
	assert_int_equal(store_nrm_get(d, w.a, child.id, &got), DB_ROW);
	assert_int_equal(got.child, 1);
	assert_null(got.consent);
	assert_int_equal(store_nrm_get(d, w.a, "no-such-referral", &got), DB_DONE);
}

/* Each referral the schema must refuse, whatever the caller checked. */
static void test_a_referral_the_schema_forbids_is_refused(db *d)
{
	static const struct {
		const char *what, *status, *authority;
		int unknown_person;
	} cases[] = {
	    {"unknown status", "accepted", "single", 0},
	    {"unknown Competent Authority", "awaiting_reasonable_grounds", "home_office", 0},
	    {"no such person", "awaiting_reasonable_grounds", "single", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		nrm_rec r = fixture_referral_rec(
		    &w.fr, w.case_id, cases[i].unknown_person ? "no-such-person" : w.victim);
		r.status = cases[i].status;
		r.competent_authority = cases[i].authority;
		int rc = store_nrm_create(d, &r);
		if (rc != DB_CONSTRAINT)
			fail_msg("%s: %s answered %d", test_engine_now(), cases[i].what, rc);
	}
	int open = -1;
	assert_int_equal(store_nrm_open_for(d, w.case_id, w.victim, &open), DB_OK);
	assert_int_equal(open, 0);
}

static void test_a_decision_names_the_version_it_read(db *d)
{
	nrm_rec r = refer(d), stale = r, got;
	r.status = "reasonable_grounds_positive";
	r.rg_outcome = "positive";
	r.rg_decided_on = "2025-03-07";
	r.recovery_period_end = "2025-04-21";
	assert_int_equal(store_nrm_update(d, &r), DB_OK);
	assert_int_equal(r.version, 2);
	/* A second writer holding version 1 changes nothing. */
	stale.status = "reasonable_grounds_negative";
	stale.rg_outcome = "negative";
	stale.rg_decided_on = "2025-03-08";
	assert_int_equal(store_nrm_update(d, &stale), DB_DONE);
	assert_int_equal(store_nrm_get(d, w.a, r.id, &got), DB_ROW);
	assert_string_equal(got.status, "reasonable_grounds_positive");
	assert_string_equal(got.rg_outcome, "positive");
	assert_string_equal(got.rg_decided_on, "2025-03-07");
	assert_string_equal(got.recovery_period_end, "2025-04-21");
	assert_int_equal(got.version, 2);
	/* The conclusive decision follows on the version just read. */
	got.status = "conclusive_grounds_positive";
	got.cg_outcome = "positive";
	got.cg_decided_on = "2025-09-01";
	assert_int_equal(store_nrm_update(d, &got), DB_OK);
	assert_int_equal(got.version, 3);
	assert_int_equal(store_nrm_get(d, w.a, r.id, &got), DB_ROW);
	assert_string_equal(got.cg_outcome, "positive");
	assert_string_equal(got.rg_outcome, "positive");
	/* A status outside the schema's list is refused, not stored. */
	got.status = "closed";
	assert_int_equal(store_nrm_update(d, &got), DB_CONSTRAINT);
	nrm_rec none = r;
	snprintf(none.id, sizeof none.id, "no-such-referral");
	assert_int_equal(store_nrm_update(d, &none), DB_DONE);
}

static void test_a_withdrawn_referral_is_no_longer_open(db *d)
{
	int open = -1;
	assert_int_equal(store_nrm_open_for(d, w.case_id, w.victim, &open), DB_OK);
	assert_int_equal(open, 0);
	nrm_rec r = refer(d), got;
	assert_int_equal(store_nrm_open_for(d, w.case_id, w.victim, &open), DB_OK);
	assert_int_equal(open, 1);
	/* Open in one case says nothing of another. */
	assert_int_equal(store_nrm_open_for(d, w.other_case, w.victim, &open), DB_OK);
	assert_int_equal(open, 0);
	r.status = "withdrawn";
	r.withdrawn_on = "2025-03-05";
	r.withdrawal_reason = "referred in error";
	assert_int_equal(store_nrm_update(d, &r), DB_OK);
	assert_int_equal(store_nrm_open_for(d, w.case_id, w.victim, &open), DB_OK);
	assert_int_equal(open, 0);
	assert_int_equal(store_nrm_get(d, w.a, r.id, &got), DB_ROW);
	assert_string_equal(got.status, "withdrawn");
	assert_string_equal(got.withdrawn_on, "2025-03-05");
	assert_string_equal(got.withdrawal_reason, "referred in error");
	/* A new referral after the withdrawal is open again. */
	refer(d);
	assert_int_equal(store_nrm_open_for(d, w.case_id, w.victim, &open), DB_OK);
	assert_int_equal(open, 1);
}

static int collect_nrm(const nrm_rec *r, void *arg)
{
	keep_id(arg, r->id);
	return 0;
}

static void test_referrals_of_a_case_list_oldest_first_and_only_that_case(db *d)
{
	nrm_rec late = fixture_referral_rec(&w.fr, w.case_id, w.victim),
	        early = fixture_referral_rec(&w.fr, w.case_id, w.victim),
	        elsewhere = fixture_referral_rec(&w.fr, w.other_case, w.victim);
	assert_int_equal(store_nrm_create(d, &late), DB_OK);
	assert_int_equal(store_nrm_create(d, &early), DB_OK);
	assert_int_equal(store_nrm_create(d, &elsewhere), DB_OK);
	/* Filed in the other order from when they were made. */
	set_created_at(d, "nrm_referrals", late.id, "2025-03-02T10:00:00.000Z");
	set_created_at(d, "nrm_referrals", early.id, "2025-03-01T10:00:00.000Z");
	ids got = {0};
	assert_int_equal(store_nrm_by_case(d, w.a, w.case_id, collect_nrm, &got), DB_OK);
	assert_int_equal(got.n, 2);
	assert_string_equal(got.v[0], early.id);
	assert_string_equal(got.v[1], late.id);
	got.n = 0;
	assert_int_equal(store_nrm_by_case(d, w.a, "no-such-case", collect_nrm, &got), DB_OK);
	assert_int_equal(got.n, 0);
}

static int collect_recon(const recon_rec *q, void *arg)
{
	keep_id(arg, q->id);
	return 0;
}

static void test_a_reconsideration_takes_one_outcome(db *d)
{
	nrm_rec r = refer(d), other = refer(d);
	recon_rec q = recon(r.id, "reasonable_grounds"), got;
	assert_int_equal(store_recon_add(d, &q), DB_OK);
	int open = -1;
	assert_int_equal(store_recon_open_for(d, r.id, "reasonable_grounds", &open), DB_OK);
	assert_int_equal(open, 1);
	assert_int_equal(store_recon_open_for(d, r.id, "conclusive_grounds", &open), DB_OK);
	assert_int_equal(open, 0);
	assert_int_equal(store_recon_open_for(d, other.id, "reasonable_grounds", &open), DB_OK);
	assert_int_equal(open, 0);
	assert_int_equal(store_recon_get(d, w.a, r.id, q.id, &got), DB_ROW);
	assert_string_equal(got.requested_by_name, "DC first.responder");
	assert_string_equal(got.capacity, "first_responder");
	assert_string_equal(got.reasons, "new evidence of control");
	assert_null(got.outcome);
	/* Asked through another referral, the request is not there. */
	assert_int_equal(store_recon_get(d, w.a, other.id, q.id, &got), DB_DONE);
	assert_int_equal(store_recon_close(d, q.id, "revised", "2025-04-01", w.fr.id), DB_OK);
	assert_int_equal(store_recon_close(d, q.id, "upheld", "2025-04-02", w.fr.id), DB_DONE);
	assert_int_equal(store_recon_close(d, "no-such-request", "upheld", "2025-04-02", w.fr.id),
	                 DB_DONE);
	assert_int_equal(store_recon_get(d, w.a, r.id, q.id, &got), DB_ROW);
	assert_string_equal(got.outcome, "revised");
	assert_string_equal(got.outcome_on, "2025-04-01");
	assert_int_equal(store_recon_open_for(d, r.id, "reasonable_grounds", &open), DB_OK);
	assert_int_equal(open, 0);
}

static void test_a_reconsideration_the_schema_forbids_is_refused(db *d)
{
	nrm_rec r = refer(d);
	recon_rec bad_stage = recon(r.id, "appeal");
	assert_int_equal(store_recon_add(d, &bad_stage), DB_CONSTRAINT);
	recon_rec bad_capacity = recon(r.id, "reasonable_grounds");
	bad_capacity.capacity = "victim";
	assert_int_equal(store_recon_add(d, &bad_capacity), DB_CONSTRAINT);
	recon_rec no_referral = recon("no-such-referral", "reasonable_grounds");
	assert_int_equal(store_recon_add(d, &no_referral), DB_CONSTRAINT);
	recon_rec q = recon(r.id, "reasonable_grounds");
	assert_int_equal(store_recon_add(d, &q), DB_OK);
	assert_int_equal(store_recon_close(d, q.id, "overturned", "2025-04-01", w.fr.id),
	                 DB_CONSTRAINT);
	int open = -1;
	assert_int_equal(store_recon_open_for(d, r.id, "reasonable_grounds", &open), DB_OK);
	assert_int_equal(open, 1);
}

static void test_reconsiderations_of_a_referral_list_oldest_first(db *d)
{
	nrm_rec r = refer(d), other = refer(d);
	recon_rec cg = recon(r.id, "conclusive_grounds"), rg = recon(r.id, "reasonable_grounds"),
	          theirs = recon(other.id, "reasonable_grounds");
	assert_int_equal(store_recon_add(d, &cg), DB_OK);
	assert_int_equal(store_recon_add(d, &rg), DB_OK);
	assert_int_equal(store_recon_add(d, &theirs), DB_OK);
	set_created_at(d, "nrm_reconsiderations", cg.id, "2025-09-10T09:00:00.000Z");
	set_created_at(d, "nrm_reconsiderations", rg.id, "2025-03-20T09:00:00.000Z");
	ids got = {0};
	assert_int_equal(store_recon_by_referral(d, w.a, r.id, collect_recon, &got), DB_OK);
	assert_int_equal(got.n, 2);
	assert_string_equal(got.v[0], rg.id);
	assert_string_equal(got.v[1], cg.id);
}

static int collect_dtn(const dtn_rec *n, void *arg)
{
	keep_id(arg, n->id);
	return 0;
}

static void test_duty_to_notify_reads_back_and_lists_by_case_oldest_first(db *d)
{
	dtn_rec late = notification(w.case_id, w.victim), early = notification(w.case_id, w.victim),
	        elsewhere = notification(w.other_case, w.victim), got;
	early.identifying_consent = 0;
	assert_int_equal(store_dtn_create(d, &late), DB_OK);
	assert_int_equal(store_dtn_create(d, &early), DB_OK);
	assert_int_equal(store_dtn_create(d, &elsewhere), DB_OK);
	set_created_at(d, "duty_to_notify", late.id, "2025-03-05T10:00:00.000Z");
	set_created_at(d, "duty_to_notify", early.id, "2025-03-04T10:00:00.000Z");
	assert_int_equal(store_dtn_get(d, w.a, early.id, &got), DB_ROW);
	assert_string_equal(got.case_id, w.case_id);
	assert_string_equal(got.person_id, w.victim);
	assert_string_equal(got.submitted_on, "2025-03-04");
	assert_int_equal(got.identifying_consent, 0);
	assert_string_equal(got.created_by, w.fr.id);
	assert_int_equal(store_dtn_get(d, w.a, "no-such-record", &got), DB_DONE);
	ids list = {0};
	assert_int_equal(store_dtn_by_case(d, w.a, w.case_id, collect_dtn, &list), DB_OK);
	assert_int_equal(list.n, 2);
	assert_string_equal(list.v[0], early.id);
	assert_string_equal(list.v[1], late.id);
	dtn_rec nobody = notification(w.case_id, "no-such-person");
	assert_int_equal(store_dtn_create(d, &nobody), DB_CONSTRAINT);
}

static int collect_person(const char *person_id, void *arg)
{
	keep_id(arg, person_id);
	return 0;
}

static int stop_at_first(const char *person_id, void *arg)
{
	(void)person_id;
	(*(int *)arg)++;
	return 7;
}

static void test_people_notified_are_those_with_an_open_referral_or_a_notification_anywhere(db *d)
{
	enum { REFERRED_HERE, NOTIFIED_ELSEWHERE, REFERRED_ELSEWHERE, WITHDRAWN, NOTHING, NPEOPLE };
	static const struct {
		const char *name;
		int notified;
	} people[NPEOPLE] = {
	    [REFERRED_HERE] = {"Referred", 1},
	    [NOTIFIED_ELSEWHERE] = {"Notified", 1},
	    [REFERRED_ELSEWHERE] = {"Elsewhere", 1},
	    [WITHDRAWN] = {"Withdrawn", 0},
	    [NOTHING] = {"Nothing", 0},
	};
	char pid[NPEOPLE][37];
	for (int i = 0; i < NPEOPLE; i++) {
		fixture_person(d, &w.fr, people[i].name, "Doe", pid[i]);
		assert_int_equal(
		    fixture_link(d, &w.fr, w.case_id, pid[i], "potential_victim", NULL), DB_OK);
	}
	/* In two roles here: listed once all the same. */
	assert_int_equal(fixture_link(d, &w.fr, w.case_id, pid[REFERRED_HERE], "witness", NULL),
	                 DB_OK);
	nrm_rec here = fixture_referral_rec(&w.fr, w.case_id, pid[REFERRED_HERE]);
	assert_int_equal(store_nrm_create(d, &here), DB_OK);
	dtn_rec there = notification(w.other_case, pid[NOTIFIED_ELSEWHERE]);
	assert_int_equal(store_dtn_create(d, &there), DB_OK);
	nrm_rec far = fixture_referral_rec(&w.fr, w.other_case, pid[REFERRED_ELSEWHERE]);
	assert_int_equal(store_nrm_create(d, &far), DB_OK);
	nrm_rec gone = fixture_referral_rec(&w.fr, w.case_id, pid[WITHDRAWN]);
	assert_int_equal(store_nrm_create(d, &gone), DB_OK);
	gone.status = "withdrawn";
	gone.withdrawn_on = "2025-03-05";
	assert_int_equal(store_nrm_update(d, &gone), DB_OK);
	ids got = {0};
	assert_int_equal(store_case_people_notified(d, w.case_id, collect_person, &got), DB_OK);
	int expected = 0;
	for (int i = 0; i < NPEOPLE; i++) {
		expected += people[i].notified;
		if ((index_of(&got, pid[i]) >= 0) != people[i].notified)
			fail_msg("%s: %s listed %d", test_engine_now(), people[i].name,
			         index_of(&got, pid[i]) >= 0);
	}
	assert_int_equal(got.n, expected);
	/* The caller's answer stops the list and comes back. */
	int calls = 0;
	assert_int_equal(store_case_people_notified(d, w.case_id, stop_at_first, &calls), 7);
	assert_int_equal(calls, 1);
}

static void test_a_support_provider_is_the_organisation_a_victim_was_referred_to(db *d)
{
	char provider[37], other_org[37], other[37], link[37];
	assert_int_equal(store_org_ensure(d, "Safe House", "support_provider", provider), DB_OK);
	assert_int_equal(store_org_ensure(d, "Other Charity", "support_provider", other_org), DB_OK);
	fixture_person(d, &w.fr, "Other", "Doe", other);
	assert_int_equal(fixture_link(d, &w.fr, w.case_id, w.victim, "potential_victim", link),
	                 DB_OK);
	assert_int_equal(fixture_link(d, &w.fr, w.case_id, other, "potential_victim", NULL), DB_OK);
	int yes = -1;
	assert_int_equal(store_is_support_provider(d, w.case_id, w.victim, provider, &yes), DB_OK);
	assert_int_equal(yes, 0);
	char service[37], ref[37];
	fixture_service(d, &w.fr, provider, 72, service);
	fixture_service_referral(d, &w.fr, w.case_id, link, service, provider, "2025-03-06T09:00:00.000Z", NULL, ref);
	static const struct {
		const char *what;
		int person_other, org_other, yes;
	} rows[] = {
	    {"the victim's provider", 0, 0, 1},
	    {"another organisation", 0, 1, 0},
	    {"another person of the case", 1, 0, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		yes = -1;
		assert_int_equal(
		    store_is_support_provider(d, w.case_id, rows[i].person_other ? other : w.victim,
		                              rows[i].org_other ? other_org : provider, &yes),
		    DB_OK);
		if (yes != rows[i].yes)
			fail_msg("%s: %s answered %d", test_engine_now(), rows[i].what, yes);
	}
	/* A provider while the referral is not declined or withdrawn (the store
	 * keeps any status it is given; the path is the domain's). */
	static const struct {
		const char *status;
		int yes;
	} steps[] = {{"accepted", 1}, {"closed", 1}, {"declined", 0}, {"in_progress", 1}, {"withdrawn", 0}};
	int64_t version = 1;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		assert_int_equal(store_referral_move(d, ref, &version, steps[i].status, NULL, NULL, NULL, w.fr.id,
						     "2025-03-07T09:00:00.000Z"),
				 DB_OK);
		yes = -1;
		assert_int_equal(store_is_support_provider(d, w.case_id, w.victim, provider, &yes), DB_OK);
		if (yes != steps[i].yes)
			fail_msg("%s: %s answered %d", test_engine_now(), steps[i].status, yes);
	}
}

int main(void)
{
	secure_init();
	test_world_set(world_open, world_close);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_bank_holidays_count_in_day_order_and_are_refused_twice),
	    ENGINE_TEST(test_a_person_in_two_roles_is_taken_as_the_victim),
	    ENGINE_TEST(test_a_referral_reads_back_with_its_first_responder),
	    ENGINE_TEST(test_a_referral_the_schema_forbids_is_refused),
	    ENGINE_TEST(test_a_decision_names_the_version_it_read),
	    ENGINE_TEST(test_a_withdrawn_referral_is_no_longer_open),
	    ENGINE_TEST(test_referrals_of_a_case_list_oldest_first_and_only_that_case),
	    ENGINE_TEST(test_a_reconsideration_takes_one_outcome),
	    ENGINE_TEST(test_a_reconsideration_the_schema_forbids_is_refused),
	    ENGINE_TEST(test_reconsiderations_of_a_referral_list_oldest_first),
	    ENGINE_TEST(test_duty_to_notify_reads_back_and_lists_by_case_oldest_first),
	    ENGINE_TEST(
	        test_people_notified_are_those_with_an_open_referral_or_a_notification_anywhere),
	    ENGINE_TEST(test_a_support_provider_is_the_organisation_a_victim_was_referred_to),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/nrm"), tests, NULL, NULL);
}
