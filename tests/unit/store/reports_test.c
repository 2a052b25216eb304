/* The casework figures in the store, on both engines: each tally counted
 * by month between two days, for one force or a Commissioner's area,
 * never the other force's. */
#include "unit/test.h"

#include "store/accounts.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/reports.h"
#include "support/engines.h"
#include "support/fixtures.h"

static int see_month(const char *month, int64_t n, void *arg)
{
	fixture_text_add(arg, "%s=%lld;", month, (long long)n);
	return 0;
}

static void referral(db *d, const user_rec *by, const char *case_id, const char *person_id,
                     const char *on, const char *outcome, const char *decided_on)
{
	nrm_rec r = fixture_referral_rec(by, case_id, person_id);
	r.referred_on = on;
	assert_int_equal(store_nrm_create(d, &r), DB_OK);
	if (!outcome)
		return;
	/* The decision, as it is recorded once made. */
	r.rg_outcome = outcome;
	r.rg_decided_on = decided_on;
	r.status = !strcmp(outcome, "positive") ? "reasonable_grounds_positive"
	                                        : "reasonable_grounds_negative";
	assert_int_equal(store_nrm_update(d, &r), DB_OK);
}

/* Closes the case at the time at, as its history tells. */
static void closed_at(db *d, const user_rec *by, const char *case_id, const char *at)
{
	fixture_case_close(d, case_id);
	assert_int_equal(
	    store_history_add(d, "case", case_id, "status", "investigating", "closed", by->id),
	    DB_OK);
	const char *p[] = {at, case_id};
	assert_int_equal(
	    db_run(d, "UPDATE history SET at = $1 WHERE record_id = $2 AND field = 'status'", 2, p),
	    DB_OK);
}

static void test_each_tally_counts_by_month_within_the_organisations(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	case_rec jan, feb, dec, theirs;
	fixture_case_dated(d, &north, "Operation", "2025-01-10T09:00:00.000Z", &jan);
	fixture_case_dated(d, &north, "Operation", "2025-02-28T23:59:59.000Z", &feb);
	fixture_case_dated(d, &north, "Operation", "2024-12-31T09:00:00.000Z", &dec);
	fixture_case_dated(d, &south, "Operation", "2025-01-11T09:00:00.000Z", &theirs);
	closed_at(d, &north, feb.id, "2025-03-01T00:00:00.000Z");
	closed_at(d, &north, dec.id, "2025-01-02T08:00:00.000Z");
	/* Closed with no history of its closing: counted when last changed. */
	fixture_case_close(d, jan.id);
	const char *p[] = {"2025-02-14T10:00:00.000Z", jan.id};
	assert_int_equal(db_run(d, "UPDATE cases SET updated_at = $1 WHERE id = $2", 2, p), DB_OK);
	char person[37], their_person[37];
	fixture_person(d, &north, "Ion", "Popescu", person);
	fixture_person(d, &south, "Tran", "Van Minh", their_person);
	referral(d, &north, jan.id, person, "2025-01-12", "positive", "2025-01-16");
	referral(d, &north, jan.id, person, "2025-01-31", "negative", "2025-02-04");
	referral(d, &north, feb.id, person, "2025-02-28", NULL, NULL);
	referral(d, &north, dec.id, person, "2024-12-30", "positive", "2025-01-03");
	referral(d, &south, theirs.id, their_person, "2025-01-12", "positive", "2025-01-15");
	store_orgs force = {north.org_id, NULL}, area = {NULL, office.id},
	           other = {south.org_id, NULL};
	const struct {
		const char *what;
		const store_orgs *orgs;
		store_tally tally;
		const char *from, *before, *want;
	} rows[] = {
	    {"referrals", &force, TALLY_REFERRALS, "2025-01-01", "2025-04-01",
	     "2025-01=2;2025-02=1;"},
	    {"referrals from the 13th", &force, TALLY_REFERRALS, "2025-01-13", "2025-04-01",
	     "2025-01=1;2025-02=1;"},
	    {"referrals before the 28th", &force, TALLY_REFERRALS, "2025-01-01", "2025-02-28",
	     "2025-01=2;"},
	    {"positive decisions", &force, TALLY_RG_POSITIVE, "2025-01-01", "2025-04-01",
	     "2025-01=2;"},
	    {"negative decisions", &force, TALLY_RG_NEGATIVE, "2025-01-01", "2025-04-01",
	     "2025-02=1;"},
	    {"opened", &force, TALLY_OPENED, "2025-01-01", "2025-04-01", "2025-01=1;2025-02=1;"},
	    {"opened to the last second", &force, TALLY_OPENED, "2025-02-28", "2025-03-01",
	     "2025-02=1;"},
	    {"closed", &force, TALLY_CLOSED, "2025-01-01", "2025-04-01",
	     "2025-01=1;2025-02=1;2025-03=1;"},
	    {"the area's referrals", &area, TALLY_REFERRALS, "2025-01-01", "2025-04-01",
	     "2025-01=2;2025-02=1;"},
	    {"the other force's referrals", &other, TALLY_REFERRALS, "2025-01-01", "2025-04-01",
	     "2025-01=1;"},
	    {"the other force's closed", &other, TALLY_CLOSED, "2025-01-01", "2025-04-01", ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		fixture_text got = {""};
		assert_int_equal(store_report_monthly(d, rows[i].orgs, rows[i].tally, rows[i].from,
		                                      rows[i].before, see_month, &got),
		                 DB_OK);
		if (strcmp(got.s, rows[i].want) != 0)
			fail_msg("%s: %s: \"%s\", not \"%s\"", test_engine_now(), rows[i].what,
			         got.s, rows[i].want);
	}
	fixture_text got = {""};
	assert_int_equal(store_report_monthly(d, &force, TALLY_COUNT, "2025-01-01", "2025-04-01",
	                                      see_month, &got),
	                 DB_ERR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_each_tally_counts_by_month_within_the_organisations),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/reports"), tests, NULL, NULL);
}
