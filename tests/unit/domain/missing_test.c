#include <string.h>

#include "unit/test.h"

#include "domain/missing.h"
#include "lib/clock.h"

static int64_t at(const char *iso)
{
	int64_t ms = 0;
	assert_int_equal(clock_parse_iso(iso, &ms), 0);
	return ms;
}

static void expect_time(int64_t ms, const char *iso)
{
	char s[CLOCK_ISO_LEN];
	clock_iso(ms, s);
	assert_string_equal(s, iso);
}

static void test_gradings_are_the_college_of_policing_four(void **state)
{
	(void)state;
	const char *codes[] = {"no_apparent_risk", "low", "medium", "high"};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(missing_risk_of(codes[i]), i);
		assert_string_equal(missing_risk_code((missing_risk)i), codes[i]);
	}
	const char *bad[] = {"High", "absent", "", "very_high", NULL};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(missing_risk_of(bad[i]), -1);
}

static void test_each_grading_is_reviewed_after_its_interval(void **state)
{
	(void)state;
	int hours[RISK_COUNT];
	for (int i = 0; i < RISK_COUNT; i++)
		hours[i] = missing_review_hours_default((missing_risk)i);
	assert_int_equal(hours[RISK_HIGH], 4);
	assert_int_equal(hours[RISK_MEDIUM], 8);
	assert_int_equal(hours[RISK_LOW], 24);
	assert_int_equal(hours[RISK_NO_APPARENT], 24);
	int64_t t = at("2026-10-24T23:00:00Z");
	expect_time(missing_review_due_ms(t, RISK_HIGH, hours), "2026-10-25T03:00:00.000Z");
	expect_time(missing_review_due_ms(t, RISK_LOW, hours), "2026-10-25T23:00:00.000Z");
	int mine[RISK_COUNT] = {48, 12, 6, 1};
	expect_time(missing_review_due_ms(t, RISK_HIGH, mine), "2026-10-25T00:00:00.000Z");
}

static void test_the_interview_is_due_72_elapsed_hours_after_the_return(void **state)
{
	(void)state;
	struct {
		const char *back, *due;
	} rows[] = {
		{"2026-03-27T10:00:00Z", "2026-03-30T10:00:00.000Z"}, /* across the spring change */
		{"2026-10-24T11:00:00Z", "2026-10-27T11:00:00.000Z"}, /* across the autumn change */
		{"2026-12-30T18:45:30Z", "2027-01-02T18:45:30.000Z"}, /* across a new year */
		{"2028-02-27T09:00:00Z", "2028-03-01T09:00:00.000Z"}, /* across 29 February */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		expect_time(missing_interview_due_ms(at(rows[i].back)), rows[i].due);
}

static void test_a_child_is_under_18_on_the_uk_day_of_return(void **state)
{
	(void)state;
	/* 23:30 UTC on 14 June is 00:30 BST on the 15th. */
	int64_t late = at("2026-06-14T23:30:00Z");
	assert_false(missing_child_on_return("2008-06-15", -1, 0, late)); /* 18 that day */
	assert_true(missing_child_on_return("2008-06-16", -1, 0, late));  /* 17 years, 364 days */
	/* In winter the UK day is the UTC day. */
	int64_t winter = at("2026-12-14T23:30:00Z");
	assert_true(missing_child_on_return("2008-12-15", -1, 0, winter));
	assert_false(missing_child_on_return("2008-12-14", -1, 0, winter));
	assert_true(missing_child_on_return(NULL, 17, 0, late));
	assert_false(missing_child_on_return(NULL, 18, 0, late));
	assert_true(missing_child_on_return(NULL, 25, 1, late)); /* disputed: a child until decided */
	assert_false(missing_child_on_return(NULL, -1, 0, late)); /* nothing known */
}

static void test_report_times_name_what_is_wrong(void **state)
{
	(void)state;
	int64_t now = at("2026-12-01T12:00:00Z");
	struct {
		const char *reported, *seen;
		missing_times want;
		const char *field;
	} rows[] = {
		{"2026-12-01T11:00:00Z", "2026-12-01T09:00:00Z", MISSING_TIMES_OK, NULL},
		{"2026-12-01T12:00:00Z", "2026-12-01T12:00:00Z", MISSING_TIMES_OK, NULL},
		{"2026-12-01T12:00:01Z", "2026-12-01T09:00:00Z", MISSING_REPORTED_FUTURE, "reported_at"},
		{"2026-12-01T11:00:00Z", "2026-12-01T12:00:01Z", MISSING_SEEN_FUTURE, "last_seen_at"},
		{"2026-12-01T11:00:00Z", "2026-12-01T11:00:01Z", MISSING_SEEN_AFTER_REPORT, "last_seen_at"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		missing_times t = missing_report_times(at(rows[i].reported), at(rows[i].seen), now);
		assert_int_equal(t, rows[i].want);
		if (rows[i].field)
			assert_string_equal(missing_times_field(t), rows[i].field);
	}
}

static void test_the_window_is_90_days_with_its_edge(void **state)
{
	(void)state;
	int64_t now = at("2026-12-01T12:00:00Z");
	assert_true(missing_in_window(at("2026-09-02T12:00:00Z"), now));  /* exactly 90 days */
	assert_false(missing_in_window(at("2026-09-02T11:59:59Z"), now)); /* a second more */
	assert_true(missing_in_window(now, now));
	assert_false(missing_in_window(now + 1, now));
	assert_false(missing_repeat(2));
	assert_true(missing_repeat(3));
	assert_true(missing_repeat(7));
}

static void test_the_other_lists(void **state)
{
	(void)state;
	assert_true(missing_found_by_ok("returned_themselves"));
	assert_true(missing_found_by_ok("family_or_carer"));
	assert_false(missing_found_by_ok("neighbour"));
	assert_false(missing_found_by_ok(NULL));
	assert_true(missing_entry_kind_ok("sighting"));
	assert_false(missing_entry_kind_ok("rumour"));
	assert_true(missing_screening_outcome_ok("concerns_referred"));
	assert_false(missing_screening_outcome_ok("referred"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gradings_are_the_college_of_policing_four),
		cmocka_unit_test(test_each_grading_is_reviewed_after_its_interval),
		cmocka_unit_test(test_the_interview_is_due_72_elapsed_hours_after_the_return),
		cmocka_unit_test(test_a_child_is_under_18_on_the_uk_day_of_return),
		cmocka_unit_test(test_report_times_name_what_is_wrong),
		cmocka_unit_test(test_the_window_is_90_days_with_its_edge),
		cmocka_unit_test(test_the_other_lists),
	};
	return cmocka_run_group_tests_name("domain/missing", tests, NULL, NULL);
}
