/* k-anonymity: every combination written occurs at least k times, rows are
 * generalised before any is suppressed, and the counts add up. */
#include "unit/test.h"

#include "domain/kanon.h"

/* A ladder like the export's: quasi-identifier 3 to levels 1 and 2, then
 * 0 to level 1. */
static const kanon_step ladder[] = {{3, 1}, {3, 2}, {0, 1}};

/* A row with year y, gender g, age a, country c (its "sub-region" c / 4
 * and "region" c / 16, coded above the countries) and nothing at 4. */
static void row(kanon_row *r, uint32_t y, uint32_t g, uint32_t a, uint32_t c)
{
	memset(r, 0, sizeof *r);
	for (int l = 0; l < KANON_LEVELS; l++) {
		r->value[0][l] = l ? 9999 : y;
		r->value[1][l] = g;
		r->value[2][l] = a;
	}
	r->value[3][0] = c;
	r->value[3][1] = 1000 + c / 4;
	r->value[3][2] = 2000 + c / 16;
}

static void check_counts(const kanon_result *res, size_t n)
{
	assert_int_equal(res->considered, n);
	assert_int_equal(res->written + res->suppressed, n);
	assert_true(res->generalised <= res->written);
	for (int q = 0; q < KANON_QI; q++)
		assert_true(res->generalised_by[q] <= res->generalised);
}

static void test_rows_common_enough_are_written_as_they_are(void **state)
{
	(void)state;
	kanon_row rows[12];
	for (int i = 0; i < 12; i++)
		row(&rows[i], 2024, 1, 3, 5);
	kanon_result res;
	assert_int_equal(kanon_apply(rows, 12, 10, ladder, 3, &res), 0);
	check_counts(&res, 12);
	assert_int_equal(res.written, 12);
	assert_int_equal(res.generalised, 0);
	assert_int_equal(res.suppressed, 0);
}

static void test_a_rare_country_is_generalised_rather_than_suppressed(void **state)
{
	(void)state;
	/* Ten people of ten countries of one sub-region: no country reaches
	 * k, the sub-region does. */
	kanon_row rows[10];
	for (int i = 0; i < 10; i++)
		row(&rows[i], 2024, 1, 3, (uint32_t)(32 + i % 4));
	kanon_result res;
	assert_int_equal(kanon_apply(rows, 10, 10, ladder, 3, &res), 0);
	check_counts(&res, 10);
	assert_int_equal(res.suppressed, 0);
	assert_int_equal(res.generalised, 10);
	assert_int_equal(res.generalised_by[3], 10);
	assert_int_equal(res.generalised_by[0], 0);
	for (int i = 0; i < 10; i++)
		assert_int_equal(rows[i].level[3], 1);
	assert_int_equal(kanon_smallest_group(rows, 10), 10);
}

static void test_only_the_rare_are_generalised_and_the_rest_stay_exact(void **state)
{
	(void)state;
	kanon_row rows[25];
	for (int i = 0; i < 15; i++)
		row(&rows[i], 2024, 1, 3, 5); /* common */
	for (int i = 15; i < 25; i++)
		row(&rows[i], 2024, 1, 3, (uint32_t)(40 + i % 3)); /* rare, one region */
	kanon_result res;
	assert_int_equal(kanon_apply(rows, 25, 10, ladder, 3, &res), 0);
	check_counts(&res, 25);
	for (int i = 0; i < 15; i++)
		assert_int_equal(rows[i].level[3], 0);
	assert_int_equal(res.generalised, 10);
	assert_int_equal(res.suppressed, 0);
}

static void test_what_no_step_makes_common_is_suppressed(void **state)
{
	(void)state;
	kanon_row rows[14];
	for (int i = 0; i < 12; i++)
		row(&rows[i], 2024, 1, 3, 5);
	row(&rows[12], 2024, 2, 8, 5); /* a gender and age nobody shares */
	row(&rows[13], 2023, 1, 3,
	    5); /* the only one of its year: the twelve stay exact, so it joins none */
	kanon_result res;
	assert_int_equal(kanon_apply(rows, 14, 10, ladder, 3, &res), 0);
	check_counts(&res, 14);
	assert_int_equal(res.suppressed, 2);
	assert_true(rows[12].suppressed && rows[13].suppressed);
	for (int i = 0; i < 12; i++)
		assert_int_equal(rows[i].level[3] + rows[i].level[0], 0);
	/* Suppressed only once every step had been taken for it. */
	assert_int_equal(rows[12].level[3], 2);
	assert_int_equal(rows[12].level[0], 1);
	assert_int_equal(kanon_smallest_group(rows, 14), 12);
}

static void test_an_unknown_value_is_one_value_at_every_level(void **state)
{
	(void)state;
	kanon_row rows[10];
	for (int i = 0; i < 10; i++) {
		row(&rows[i], 2024, 1, 3, 0);
		rows[i].value[3][1] = rows[i].value[3][2] = 0; /* not known */
	}
	row(&rows[9], 2024, 1, 3, 7);
	kanon_result res;
	assert_int_equal(kanon_apply(rows, 10, 9, ladder, 3, &res), 0);
	check_counts(&res, 10);
	assert_int_equal(res.written, 9);
	assert_int_equal(res.generalised,
	                 0); /* an unknown country written as unknown is not generalised */
}

/* xorshift: the same data sets on every run. */
static uint32_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (uint32_t)(*s >> 32);
}

static void test_every_combination_written_occurs_at_least_k_times(void **state)
{
	(void)state;
	uint64_t seed = 0x5eed2026u;
	for (int set = 0; set < 200; set++) {
		size_t n = 1 + next(&seed) % 600;
		int k = 3 + (int)(next(&seed) % 18);
		uint32_t countries = 1 + next(&seed) % 60;
		kanon_row *rows = calloc(n, sizeof *rows);
		assert_non_null(rows);
		for (size_t i = 0; i < n; i++)
			row(&rows[i], 2020 + next(&seed) % 3, next(&seed) % 3, next(&seed) % 5,
			    next(&seed) % countries);
		kanon_result res;
		assert_int_equal(kanon_apply(rows, n, k, ladder, 3, &res), 0);
		check_counts(&res, n);
		size_t smallest = kanon_smallest_group(rows, n);
		assert_true(res.written == 0 || smallest >= (size_t)k);
		size_t suppressed = 0, generalised = 0;
		for (size_t i = 0; i < n; i++) {
			suppressed += rows[i].suppressed;
			/* A row is suppressed only after every step was taken. */
			if (rows[i].suppressed)
				assert_true(rows[i].level[3] == 2 && rows[i].level[0] == 1);
			else
				generalised += rows[i].level[3] || rows[i].level[0];
		}
		assert_int_equal(suppressed, res.suppressed);
		assert_int_equal(generalised, res.generalised);
		free(rows);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rows_common_enough_are_written_as_they_are),
	    cmocka_unit_test(test_a_rare_country_is_generalised_rather_than_suppressed),
	    cmocka_unit_test(test_only_the_rare_are_generalised_and_the_rest_stay_exact),
	    cmocka_unit_test(test_what_no_step_makes_common_is_suppressed),
	    cmocka_unit_test(test_an_unknown_value_is_one_value_at_every_level),
	    cmocka_unit_test(test_every_combination_written_occurs_at_least_k_times),
	};
	return cmocka_run_group_tests_name("domain/kanon", tests, NULL, NULL);
}
