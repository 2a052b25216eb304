/* Percentiles by the nearest-rank method. */
#include "unit/test.h"

#include "domain/stats.h"

static void test_nearest_rank_percentiles(void **state)
{
	(void)state;
	double v[] = {40, 15, 35, 20, 50};
	stats_sort(v, 5);
	assert_true(v[0] == 15 && v[4] == 50);
	assert_true(stats_percentile(v, 5, 50) == 35);  /* the median */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nearest_rank_percentiles),
	};
	return cmocka_run_group_tests_name("domain/stats", tests, NULL, NULL);
}
