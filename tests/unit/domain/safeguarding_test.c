/* Safeguarding plans: the words a plan takes, and a child's protection
 * steps in the order Working Together 2023 sets, with their clocks. */
#include "unit/test.h"

#include "domain/safeguarding.h"

static void test_levels_statuses_steps_and_outcomes(void **state)
{
	(void)state;
	assert_true(plan_risk_level_ok("no_apparent_risk"));
	assert_true(plan_risk_level_ok("high"));
	assert_false(plan_risk_level_ok("severe"));
	assert_false(plan_risk_level_ok(NULL));
	assert_true(plan_action_status_ok("in_progress"));
	assert_false(plan_action_status_ok("closed"));
	assert_true(plan_action_open("open"));
	assert_false(plan_action_open("done"));
	for (int s = 0; s < CP_STEP_COUNT; s++)
		assert_int_equal(cp_step_of(cp_step_name((cp_step)s)), s);
	assert_int_equal(cp_step_of("case_conference"), -1);
	assert_true(cp_outcome_ok(CP_STRATEGY, "section_47"));
	assert_false(cp_outcome_ok(CP_STRATEGY, NULL));
	assert_true(cp_outcome_ok(CP_SECTION_47, "no_significant_harm"));
	assert_true(cp_outcome_ok(CP_CONFERENCE, "no_plan"));
	assert_true(cp_outcome_ok(CP_REVIEW, "plan_ends"));
	assert_true(cp_outcome_ok(CP_LA_TOLD, NULL));
	assert_false(cp_outcome_ok(CP_LA_TOLD, "plan"));
	assert_true(cp_outcome_ok(CP_CORE_GROUP, NULL));
}

/* Each step only when the one before calls for it. */
static void test_each_step_only_when_the_one_before_calls_for_it(void **state)
{
	(void)state;
	const cp_state none = {0};
	const cp_state told = {.la_told_on = "2026-11-02"};
	const cp_state nfa = {.la_told_on = "2026-11-02", .strategy_on = "2026-11-03", .strategy_outcome = "no_further_action"};
	const cp_state s47 = {.la_told_on = "2026-11-02", .strategy_on = "2026-11-03", .strategy_outcome = "section_47"};
	cp_state no_harm = s47;
	no_harm.s47_on = "2026-11-10";
	no_harm.s47_outcome = "no_significant_harm";
	cp_state harm = s47;
	harm.s47_on = "2026-11-10";
	harm.s47_outcome = "significant_harm";
	cp_state no_plan = harm;
	no_plan.conference_on = "2026-11-20";
	no_plan.conference_outcome = "no_plan";
	cp_state plan = harm;
	plan.conference_on = "2026-11-20";
	plan.conference_outcome = "plan";
	cp_state ended = plan;
	ended.last_review_on = "2027-02-15";
	ended.plan_ended_on = "2027-02-15";
	const struct {
		const char *why;
		const cp_state *st;
		cp_step step;
		const char *on;
		cp_check want;
	} rows[] = {
		{"the local authority told first", &none, CP_LA_TOLD, "2026-11-02", CP_OK},
		{"told once only", &told, CP_LA_TOLD, "2026-11-02", CP_DONE_ALREADY},
		{"no strategy discussion before they are told", &none, CP_STRATEGY, "2026-11-03", CP_NOT_YET},
		{"a strategy discussion once told", &told, CP_STRATEGY, "2026-11-03", CP_OK},
		{"not before they were told", &told, CP_STRATEGY, "2026-11-01", CP_BEFORE_LAST},
		{"the same day is fine", &told, CP_STRATEGY, "2026-11-02", CP_OK},
		{"no enquiries after no further action", &nfa, CP_SECTION_47, "2026-11-10", CP_NOT_YET},
		{"enquiries concluded when called for", &s47, CP_SECTION_47, "2026-11-10", CP_OK},
		{"no conference without significant harm", &no_harm, CP_CONFERENCE, "2026-11-20", CP_NOT_YET},
		{"no conference before the enquiries conclude", &s47, CP_CONFERENCE, "2026-11-20", CP_NOT_YET},
		{"a conference on significant harm", &harm, CP_CONFERENCE, "2026-11-20", CP_OK},
		{"no core group without a plan", &no_plan, CP_CORE_GROUP, "2026-11-25", CP_NOT_YET},
		{"a core group for a plan", &plan, CP_CORE_GROUP, "2026-11-25", CP_OK},
		{"no review without a plan", &no_plan, CP_REVIEW, "2027-02-15", CP_NOT_YET},
		{"a review while the plan lasts", &plan, CP_REVIEW, "2027-02-15", CP_OK},
		{"a review not before the conference", &plan, CP_REVIEW, "2026-11-19", CP_BEFORE_LAST},
		{"none after the plan ends", &ended, CP_REVIEW, "2027-08-01", CP_PLAN_ENDED},
		{"the conference once", &plan, CP_CONFERENCE, "2026-11-21", CP_DONE_ALREADY},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		cp_check got = cp_step_allowed(rows[i].st, rows[i].step, rows[i].on);
		if (got != rows[i].want)
			fail_msg("%s: got %d, want %d", rows[i].why, got, rows[i].want);
	}
	assert_true(strlen(cp_check_message(CP_NOT_YET)) > 10);
}

/* The clocks, over weekends and bank holidays; a step recorded stops its own. */
static void test_the_clocks_count_working_days_and_months(void **state)
{
	(void)state;
	long days[] = {date_days("2026-12-25"), date_days("2026-12-28")};
	holidays h = {days, 2};
	cp_clocks k;
	/* Told on Thursday 24 December: the strategy discussion by Tuesday 29th. */
	cp_state st = {.la_told_on = "2026-12-24"};
	assert_int_equal(cp_clocks_of(&st, 1, &h, &k), 0);
	assert_string_equal(k.strategy_due, "2026-12-29");
	assert_string_equal(k.conference_due, "");
	/* A local default of 2 working days. */
	assert_int_equal(cp_clocks_of(&st, 2, &h, &k), 0);
	assert_string_equal(k.strategy_due, "2026-12-30");
	/* Held: its clock stops; enquiries find significant harm: the
	 * conference within 15 working days of the strategy discussion. */
	st.strategy_on = "2026-12-24";
	st.strategy_outcome = "section_47";
	assert_int_equal(cp_clocks_of(&st, 1, &h, &k), 0);
	assert_string_equal(k.strategy_due, "");
	assert_string_equal(k.conference_due, "");
	st.s47_on = "2027-01-05";
	st.s47_outcome = "significant_harm";
	assert_int_equal(cp_clocks_of(&st, 1, &h, &k), 0);
	assert_string_equal(k.conference_due, "2027-01-18");
	/* A plan: the core group in 10 working days, the first review in 3 months. */
	st.conference_on = "2027-01-15";
	st.conference_outcome = "plan";
	assert_int_equal(cp_clocks_of(&st, 1, &h, &k), 0);
	assert_string_equal(k.conference_due, "");
	assert_string_equal(k.core_group_due, "2027-01-29");
	assert_string_equal(k.review_due, "2027-04-15");
	/* Then at most every 6 months, until the plan ends. */
	st.core_group_on = "2027-01-26";
	st.last_review_on = "2027-04-12";
	assert_int_equal(cp_clocks_of(&st, 1, &h, &k), 0);
	assert_string_equal(k.core_group_due, "");
	assert_string_equal(k.review_due, "2027-10-12");
	st.plan_ended_on = "2027-10-01";
	assert_int_equal(cp_clocks_of(&st, 1, &h, &k), 0);
	assert_string_equal(k.review_due, "");
	/* No plan: no core group, no reviews. */
	cp_state none = {.la_told_on = "2027-01-04", .strategy_on = "2027-01-04", .strategy_outcome = "section_47",
			 .s47_on = "2027-01-08", .s47_outcome = "significant_harm", .conference_on = "2027-01-20",
			 .conference_outcome = "no_plan"};
	assert_int_equal(cp_clocks_of(&none, 1, &h, &k), 0);
	assert_string_equal(k.core_group_due, "");
	assert_string_equal(k.review_due, "");
	cp_state bad = {.la_told_on = "2027-02-30"};
	assert_int_equal(cp_clocks_of(&bad, 1, &h, &k), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels_statuses_steps_and_outcomes),
		cmocka_unit_test(test_each_step_only_when_the_one_before_calls_for_it),
		cmocka_unit_test(test_the_clocks_count_working_days_and_months),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
