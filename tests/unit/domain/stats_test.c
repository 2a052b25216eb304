/* Percentiles by the nearest-rank method, and the ranges of dates the
 * reports count month by month. */
#include "unit/test.h"

#include "domain/stats.h"

static void test_nearest_rank_percentiles(void **state)
{
	(void)state;
	double v[] = {40, 15, 35, 20, 50};
	stats_sort(v, 5);
	assert_true(v[0] == 15 && v[4] == 50);
	assert_true(stats_percentile(v, 5, 50) == 35); /* the median */
	assert_true(stats_percentile(v, 5, 90) == 50);
	assert_true(stats_percentile(v, 5, 30) == 20);
	assert_true(stats_percentile(v, 5, 100) == 50);
	double one[] = {7};
	assert_true(stats_percentile(one, 1, 50) == 7);
	assert_true(stats_percentile(one, 1, 90) == 7);
	assert_true(stats_percentile(NULL, 0, 50) == 0);
	double ten[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
	assert_true(stats_percentile(ten, 10, 50) == 5);
	assert_true(stats_percentile(ten, 10, 90) == 9);
}

static void test_the_default_range_is_twelve_months_with_this_one(void **state)
{
	(void)state;
	char from[DATE_LEN];
	stats_default_from("2026-03-15", from);
	assert_string_equal(from, "2025-04-01");
	stats_default_from("2026-12-31", from);
	assert_string_equal(from, "2026-01-01");
	stats_default_from("2026-11-01", from);
	assert_string_equal(from, "2025-12-01");
}

static void test_a_range_is_checked_and_cut_into_months(void **state)
{
	(void)state;
	static const struct {
		const char *from, *to;
		stats_range_check want;
		size_t months;
	} cases[] = {
	    {"2025-04-01", "2026-03-15", STATS_RANGE_OK, 12},
	    {"2026-03-15", "2026-03-15", STATS_RANGE_OK, 1},
	    {"2025-12-31", "2026-01-01", STATS_RANGE_OK, 2},
	    {"2016-04-01", "2026-03-31", STATS_RANGE_OK, 120},
	    {"2016-03-31", "2026-03-01", STATS_RANGE_TOO_LONG, 0},
	    {"2026-02-30", "2026-03-01", STATS_FROM_INVALID, 0},
	    {"2026-2-1", "2026-03-01", STATS_FROM_INVALID, 0},
	    {NULL, "2026-03-01", STATS_FROM_INVALID, 0},
	    {"2026-02-01", "31/03/2026", STATS_TO_INVALID, 0},
	    {"2026-02-01", "2025-13-01", STATS_TO_INVALID, 0},
	    {"2026-03-02", "2026-03-01", STATS_FROM_AFTER_TO, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		stats_range r;
		assert_int_equal(stats_range_make(cases[i].from, cases[i].to, &r), cases[i].want);
		if (cases[i].want == STATS_RANGE_OK)
			assert_int_equal(r.n, cases[i].months);
	}
	stats_range r;
	assert_int_equal(stats_range_make("2025-11-20", "2026-02-28", &r), STATS_RANGE_OK);
	assert_string_equal(r.months[0], "2025-11");
	assert_string_equal(r.months[2], "2026-01");
	assert_string_equal(r.months[3], "2026-02");
	assert_string_equal(r.after, "2026-03-01");
}

static void test_a_time_falls_in_the_month_it_names(void **state)
{
	(void)state;
	stats_range r;
	assert_int_equal(stats_range_make("2025-11-20", "2026-02-28", &r), STATS_RANGE_OK);
	assert_int_equal(stats_month_of(&r, "2025-11-19T23:59:59Z"), -1); /* the day before from */
	assert_int_equal(stats_month_of(&r, "2025-11-20"), 0);
	assert_int_equal(stats_month_of(&r, "2025-11-20T00:00:00Z"), 0);
	assert_int_equal(stats_month_of(&r, "2026-01-31T23:59:59Z"), 2);
	assert_int_equal(stats_month_of(&r, "2026-02-28"), 3);
	assert_int_equal(stats_month_of(&r, "2026-02-28T23:59:59Z"), 3);
	assert_int_equal(stats_month_of(&r, "2026-03-01"), -1);
	assert_int_equal(stats_month_of(&r, "2025-10-31"), -1);
	assert_int_equal(stats_month_of(&r, "2025-1"), -1);
	assert_int_equal(stats_month_of(&r, NULL), -1);
}

static void test_a_month_runs_from_its_first_day_to_the_next_months(void **state)
{
	(void)state;
	char first[DATE_LEN], next[DATE_LEN];
	assert_int_equal(stats_month_bounds("2026-12", first, next), 0);
	assert_string_equal(first, "2026-12-01");
	assert_string_equal(next, "2027-01-01");
	assert_int_equal(stats_month_bounds("2028-02", first, next), 0);
	assert_string_equal(next, "2028-03-01");
	assert_int_equal(stats_month_bounds("2026-13", first, next), -1);
	assert_int_equal(stats_month_bounds("2026-1", first, next), -1);
	assert_int_equal(stats_month_bounds(NULL, first, next), -1);
}

static void test_ages_fall_in_the_ctdc_bands_and_never_show_themselves(void **state)
{
	(void)state;
	static const struct {
		int age;
		const char *band;
	} cases[] = {
	    {0, "0-8"},    {8, "0-8"},    {9, "9-17"},   {17, "9-17"},    {18, "18-20"},
	    {20, "18-20"}, {21, "21-23"}, {23, "21-23"}, {24, "24-26"},   {26, "24-26"},
	    {27, "27-29"}, {29, "27-29"}, {30, "30-38"}, {38, "30-38"},   {39, "39-47"},
	    {47, "39-47"}, {48, "48+"},   {107, "48+"},  {-1, "unknown"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(stats_age_band(cases[i].age), cases[i].band);
}

static void test_a_range_may_span_so_many_years_and_no_more(void **state)
{
	(void)state;
	assert_true(stats_range_within_years("2021-01-01", "2025-12-31", 5));
	assert_false(stats_range_within_years("2021-01-01", "2026-01-01", 5));
	assert_true(stats_range_within_years("2024-02-29", "2029-02-27", 5));
	assert_false(stats_range_within_years("2024-02-29", "2029-02-28", 5));
	assert_true(stats_range_within_years("2026-01-01", "2026-01-01", 5));
	assert_true(stats_range_within_years("2015-01-01", "2024-12-31", 10));
	assert_false(stats_range_within_years("2015-01-01", "2025-01-01", 10));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nearest_rank_percentiles),
	    cmocka_unit_test(test_the_default_range_is_twelve_months_with_this_one),
	    cmocka_unit_test(test_a_range_is_checked_and_cut_into_months),
	    cmocka_unit_test(test_a_range_may_span_so_many_years_and_no_more),
	    cmocka_unit_test(test_a_time_falls_in_the_month_it_names),
	    cmocka_unit_test(test_a_month_runs_from_its_first_day_to_the_next_months),
	    cmocka_unit_test(test_ages_fall_in_the_ctdc_bands_and_never_show_themselves),
	};
	return cmocka_run_group_tests_name("domain/stats", tests, NULL, NULL);
}
