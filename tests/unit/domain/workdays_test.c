/* Working days in England and Wales, table by table. */
#include "unit/test.h"

#include "domain/workdays.h"

/* The bank holidays around the cases below (a slice of the stored table). */
static const char *const holiday_dates[] = {
	"2021-12-27", "2021-12-28", "2022-01-03", "2022-04-15", "2022-04-18", "2022-12-26",
	"2022-12-27", "2023-01-02", "2024-03-29", "2024-04-01", "2026-04-03", "2026-04-06",
	"2026-12-25", "2026-12-28", "2027-01-01", "2027-12-27", "2027-12-28", "2028-01-03",
};

static holidays load(long days[])
{
	int n = (int)(sizeof holiday_dates / sizeof holiday_dates[0]);
	for (int i = 0; i < n; i++)
		days[i] = date_days(holiday_dates[i]);
	return (holidays){days, n};
}

static void test_days_round_trip_and_weekdays(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		long days;
		int weekday;
	} cases[] = {
		{"1970-01-01", 0, 4},	  {"2000-02-29", 11016, 2}, {"2024-02-29", 19782, 4},
		{"2026-11-28", 20785, 6}, {"2028-02-29", 21243, 2}, {"2030-12-31", 22279, 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(date_days(cases[i].date), cases[i].days);
		assert_int_equal(date_weekday(cases[i].days), cases[i].weekday);
		char back[DATE_LEN];
		date_of_days(cases[i].days, back);
		assert_string_equal(back, cases[i].date);
	}
	assert_true(date_days("2023-02-29") == DATE_INVALID); /* not a leap year */
	assert_true(date_days("2026-13-01") == DATE_INVALID);
	assert_true(date_days("yesterday") == DATE_INVALID);
	assert_true(date_days(NULL) == DATE_INVALID);
}

static void test_working_days_skip_weekends_and_bank_holidays(void **state)
{
	(void)state;
	long days[32];
	holidays h = load(days);
	static const struct {
		const char *from;
		int n;
		const char *want;
	} cases[] = {
		{"2026-11-23", 5, "2026-11-30"}, /* Monday: the next Monday */
		{"2026-11-27", 1, "2026-11-30"}, /* Friday: over the weekend */
		{"2026-11-28", 1, "2026-11-30"}, /* from a Saturday */
		/* Christmas on a Friday, Boxing Day's substitute on Monday 28th. */
		{"2026-12-24", 1, "2026-12-29"},
		{"2026-12-23", 5, "2027-01-04"}, /* and New Year's Day */
		/* Christmas on a Saturday: both substitutes, Monday and Tuesday. */
		{"2027-12-24", 1, "2027-12-29"},
		{"2021-12-23", 5, "2022-01-04"}, /* and New Year's on a Saturday too */
		/* Christmas on a Sunday: Boxing Day Monday, Christmas substitute Tuesday. */
		{"2022-12-23", 1, "2022-12-28"},
		/* Easter: Good Friday and Easter Monday. */
		{"2026-04-02", 1, "2026-04-07"},
		{"2024-03-28", 5, "2024-04-08"},
		/* Leap years: 29 February is an ordinary working day. */
		{"2028-02-28", 1, "2028-02-29"},
		{"2024-02-28", 2, "2024-03-01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[DATE_LEN];
		assert_int_equal(workdays_add(cases[i].from, cases[i].n, &h, out), 0);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%d working days after %s: got %s, want %s", cases[i].n, cases[i].from,
				 out, cases[i].want);
	}
	char out[DATE_LEN];
	assert_int_equal(workdays_add("2026-02-30", 1, &h, out), -1);
	assert_int_equal(workdays_add("2026-02-02", 0, &h, out), -1);
	assert_false(is_working_day(date_days("2026-12-28"), &h));
	assert_true(is_working_day(date_days("2026-12-29"), &h));
	/* Without a holiday table, only weekends are skipped. */
	assert_int_equal(workdays_add("2026-12-24", 1, NULL, out), 0);
	assert_string_equal(out, "2026-12-25");
}

/* Calendar days cross months and leap days; years fall from a leap day to
 * 28 February. */
static void test_days_and_years_cross_months_and_leap_days(void **state)
{
	(void)state;
	static const struct {
		int (*add)(const char *date, int n, char out[DATE_LEN]);
		const char *from;
		int n;
		const char *want; /* NULL when the date is refused */
	} cases[] = {
		{date_add_days, "2028-02-10", 30, "2028-03-11"},
		{date_add_days, "2027-02-10", 30, "2027-03-12"},
		{date_add_days, "2026-12-15", 30, "2027-01-14"},
		{date_add_days, "2026-00-15", 30, NULL},
		{date_add_years, "2024-02-29", 5, "2029-02-28"},
		{date_add_years, "2024-02-29", 4, "2028-02-29"},
		{date_add_years, "2026-11-28", 2, "2028-11-28"},
		{date_add_years, "2026-02-30", 2, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[DATE_LEN];
		assert_int_equal(cases[i].add(cases[i].from, cases[i].n, out), cases[i].want ? 0 : -1);
		if (cases[i].want)
			assert_string_equal(out, cases[i].want);
	}
}

static void test_months_fall_to_the_last_day_of_a_shorter_month(void **state)
{
	(void)state;
	char out[DATE_LEN];
	static const char *const rows[][3] = {
	    {"2026-12-01", "3", "2027-03-01"}, {"2026-11-30", "3", "2027-02-28"}, {"2027-08-31", "6", "2028-02-29"},
	    {"2026-08-31", "6", "2027-02-28"}, {"2026-01-31", "3", "2026-04-30"}, {"2026-10-15", "6", "2027-04-15"},
	    {"2026-12-31", "0", "2026-12-31"}, {"2026-03-31", "1", "2026-04-30"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_int_equal(date_add_months(rows[i][0], atoi(rows[i][1]), out), 0);
		assert_string_equal(out, rows[i][2]);
	}
	assert_int_equal(date_add_months("2026-02-30", 1, out), -1);
	assert_int_equal(date_add_months("2026-02-01", -1, out), -1);
}

static void test_easter(void **state)
{
	(void)state;
	static const char *const easters[] = {"2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
					      "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
					      "2028-04-16", "2029-04-01", "2030-04-21", "2038-04-25"};
	for (size_t i = 0; i < sizeof easters / sizeof easters[0]; i++) {
		char out[DATE_LEN];
		int year;
		sscanf(easters[i], "%d", &year);
		easter_sunday(year, out);
		assert_string_equal(out, easters[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_round_trip_and_weekdays),
		cmocka_unit_test(test_working_days_skip_weekends_and_bank_holidays),
		cmocka_unit_test(test_days_and_years_cross_months_and_leap_days),
		cmocka_unit_test(test_months_fall_to_the_last_day_of_a_shorter_month),
		cmocka_unit_test(test_easter),
	};
	return cmocka_run_group_tests_name("domain/workdays", tests, NULL, NULL);
}
