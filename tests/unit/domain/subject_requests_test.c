/* Requests from the people recorded: the one month each regime counts
 * (UK GDPR from the day the clock starts, Part 3 from the day after), the
 * month's end where the next month is shorter, weekends and bank
 * holidays, identity verified after receipt, leap years; the dates a
 * request may carry; and what an extension may be. */
#include "unit/test.h"

#include "domain/subject_requests.h"

/* The bank holidays of England and Wales the cases below cross. */
static const char *const holiday_dates[] = {
    "2024-03-29", "2024-04-01", "2025-04-18", "2025-04-21", "2025-05-05",
    "2026-04-03", "2026-04-06", "2026-12-25", "2026-12-28", "2027-01-01",
};

static holidays calendar(long days[])
{
	int n = (int)(sizeof holiday_dates / sizeof holiday_dates[0]);
	for (int i = 0; i < n; i++)
		days[i] = date_days(holiday_dates[i]);
	return (holidays){days, n};
}

static void test_one_month_is_counted_as_the_ico_counts_it_for_each_regime(void **state)
{
	(void)state;
	long days[16];
	holidays h = calendar(days);
	static const struct {
		const char *regime, *received, *verified, *due, *why;
	} cases[] = {
	    {"uk_gdpr", "2026-09-21", "2026-09-21", "2026-10-21", "the corresponding date"},
	    {"part3", "2026-09-21", "2026-09-21", "2026-10-22", "Part 3 starts the day after"},
	    {"part3", "2026-06-30", "2026-06-30", "2026-08-03",
	     "ICO's example: 30 June, 1 August (a Saturday)"},
	    {"uk_gdpr", "2025-01-31", "2025-01-31", "2025-02-28",
	     "31 January: the end of February"},
	    {"part3", "2025-01-30", "2025-01-30", "2025-02-28",
	     "Part 3 from 31 January: the end of February"},
	    {"part3", "2025-01-31", "2025-01-31", "2025-03-03",
	     "Part 3 from 1 February: 1 March, a Saturday"},
	    {"uk_gdpr", "2027-01-31", "2027-01-31", "2027-03-01", "28 February 2027 is a Sunday"},
	    {"uk_gdpr", "2024-01-31", "2024-01-31", "2024-02-29", "a leap year"},
	    {"part3", "2024-01-30", "2024-01-30", "2024-02-29", "a leap year, Part 3"},
	    {"uk_gdpr", "2023-01-31", "2023-01-31", "2023-02-28", "a common year"},
	    {"uk_gdpr", "2026-09-03", "2026-09-03", "2026-10-05", "3 October 2026 is a Saturday"},
	    {"part3", "2026-09-02", "2026-09-02", "2026-10-05", "Part 3 to the same Saturday"},
	    {"uk_gdpr", "2026-03-06", "2026-03-06", "2026-04-07", "Easter Monday"},
	    {"uk_gdpr", "2026-11-25", "2026-11-25", "2026-12-29",
	     "Christmas Day, a weekend, Boxing Day's substitute"},
	    {"part3", "2026-11-24", "2026-11-24", "2026-12-29", "Part 3 to Christmas Day"},
	    {"uk_gdpr", "2026-02-10", "2026-02-20", "2026-03-20",
	     "identity verified after receipt"},
	    {"part3", "2026-02-10", "2026-02-20", "2026-03-23",
	     "identity after receipt, Part 3: 21 March a Saturday"},
	    {"uk_gdpr", "2026-02-20", "2026-02-10", "2026-03-20",
	     "the later of the two, whichever it is"},
	    {"uk_gdpr", "2025-12-31", "2025-12-31", "2026-02-02", "31 January 2026 is a Saturday"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sr_regime r;
		assert_int_equal(sr_regime_parse(cases[i].regime, &r), 0);
		char due[DATE_LEN];
		assert_int_equal(sr_due(r, cases[i].received, cases[i].verified, 1, &h, due), 0);
		if (strcmp(due, cases[i].due) != 0)
			fail_msg("%s %s/%s: due %s, want %s (%s)", cases[i].regime,
			         cases[i].received, cases[i].verified, due, cases[i].due,
			         cases[i].why);
	}
}

static void test_the_furthest_extension_is_three_months_on(void **state)
{
	(void)state;
	long days[16];
	holidays h = calendar(days);
	char limit[DATE_LEN];
	assert_int_equal(sr_due(SR_UK_GDPR, "2025-11-30", "2025-11-30", 3, &h, limit), 0);
	assert_string_equal(limit, "2026-03-02"); /* 28 February 2026 is a Saturday */
	assert_int_equal(sr_due(SR_PART3, "2025-11-30", "2025-11-30", 3, &h, limit), 0);
	assert_string_equal(limit, "2026-03-02"); /* from 1 December: 1 March, a Sunday */
	assert_int_equal(sr_due(SR_PART3, "2025-02-31", "2025-02-01", 1, &h, limit), -1);
	assert_int_equal(sr_due(SR_PART3, "2025-02-01", "2025-02-01", 0, &h, limit), -1);
}

static void test_dates_in_the_future_or_identity_before_receipt_are_refused(void **state)
{
	(void)state;
	static const struct {
		const char *received, *verified;
		sr_input_verdict want;
		const char *field;
	} cases[] = {
	    {"2026-11-02", "2026-11-03", SR_INPUT_OK, NULL},
	    {"2026-11-02", "2026-11-02", SR_INPUT_OK, NULL},
	    {"2026-12-03", "2026-12-03", SR_INPUT_FUTURE, "received_on"},
	    {"2026-11-02", "2026-12-03", SR_INPUT_FUTURE, "identity_verified_on"},
	    {"2026-11-02", "2026-11-01", SR_INPUT_IDENTITY_EARLY, "identity_verified_on"},
	    {"2026-02-30", "2026-11-01", SR_INPUT_NOT_A_DATE, "received_on"},
	    {"2026-11-02", "yesterday", SR_INPUT_NOT_A_DATE, "identity_verified_on"},
	    {"1900-01-01", "2026-11-01", SR_INPUT_BEFORE_ACT, "received_on"},
	    {"2018-05-24", "2018-05-25", SR_INPUT_BEFORE_ACT, "received_on"},
	    {"2018-05-25", "2018-05-25", SR_INPUT_OK, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *field = NULL;
		assert_int_equal(
		    sr_dates_check(cases[i].received, cases[i].verified, "2026-12-02", &field),
		    cases[i].want);
		if (cases[i].field)
			assert_string_equal(field, cases[i].field);
	}
}

static void test_an_extension_is_once_in_time_and_at_most_two_further_months(void **state)
{
	(void)state;
	static const struct {
		int extended;
		const char *today, *new_due;
		sr_extend_verdict want;
	} cases[] = {
	    {0, "2026-03-01", "2026-05-20", SR_EXTEND_OK},
	    {0, "2026-03-20", "2026-05-20", SR_EXTEND_OK}, /* on the due date itself */
	    {0, "2026-03-21", "2026-05-20", SR_EXTEND_TOO_LATE},
	    {1, "2026-03-01", "2026-05-20", SR_EXTEND_AGAIN},
	    {0, "2026-03-01", "2026-03-20", SR_EXTEND_NOT_LATER},
	    {0, "2026-03-01", "2026-05-21", SR_EXTEND_TOO_FAR},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(sr_extension_check("2026-03-20", "2026-05-20", cases[i].extended,
		                                    cases[i].today, cases[i].new_due),
		                 cases[i].want);
	assert_non_null(strstr(sr_extend_text(SR_EXTEND_TOO_FAR), "two further months"));
}

static void test_kinds_and_regimes_are_named(void **state)
{
	(void)state;
	sr_kind k;
	sr_regime r;
	static const char *const kinds[] = {"access", "rectification", "erasure", "restriction"};
	for (int i = 0; i < 4; i++) {
		assert_int_equal(sr_kind_parse(kinds[i], &k), 0);
		assert_string_equal(sr_kind_name(k), kinds[i]);
	}
	assert_int_equal(sr_kind_parse("objection", &k), -1);
	assert_int_equal(sr_kind_parse(NULL, &k), -1);
	assert_int_equal(sr_regime_parse("gdpr", &r), -1);
	assert_int_equal(sr_regime_parse("part3", &r), 0);
	assert_string_equal(sr_regime_name(r), "part3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_month_is_counted_as_the_ico_counts_it_for_each_regime),
	    cmocka_unit_test(test_the_furthest_extension_is_three_months_on),
	    cmocka_unit_test(test_dates_in_the_future_or_identity_before_receipt_are_refused),
	    cmocka_unit_test(test_an_extension_is_once_in_time_and_at_most_two_further_months),
	    cmocka_unit_test(test_kinds_and_regimes_are_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
