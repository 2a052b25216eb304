/* Which dimensions a statistics table may be by, and which value of each a
 * potential victim falls under. */
#include "unit/test.h"

#include "domain/statistics.h"

static void test_by_names_one_or_two_different_dimensions(void **state)
{
	(void)state;
	static const struct {
		const char *by;
		statistics_by_check want;
		size_t n;
	} cases[] = {
	    {"gender", STATISTICS_BY_OK, 1},
	    {"gender,nationality", STATISTICS_BY_OK, 2},
	    {"month,outcome", STATISTICS_BY_OK, 2},
	    {"exploitation_type,age_band", STATISTICS_BY_OK, 2},
	    {NULL, STATISTICS_BY_MISSING, 0},
	    {"", STATISTICS_BY_MISSING, 0},
	    {"age", STATISTICS_BY_UNKNOWN, 0},
	    {"gender,", STATISTICS_BY_UNKNOWN, 0},
	    {"Gender", STATISTICS_BY_UNKNOWN, 0},
	    {"gender, month", STATISTICS_BY_UNKNOWN, 0},
	    {"gender,month,outcome", STATISTICS_BY_TOO_MANY, 0},
	    {"gender,gender", STATISTICS_BY_TWICE, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		statistics_dim dims[STATISTICS_MAX_DIMS];
		size_t n;
		assert_int_equal(statistics_by_parse(cases[i].by, dims, &n), cases[i].want);
		if (cases[i].want == STATISTICS_BY_OK)
			assert_int_equal(n, cases[i].n);
	}
	statistics_dim dims[STATISTICS_MAX_DIMS];
	size_t n;
	assert_int_equal(statistics_by_parse("nationality,month", dims, &n), STATISTICS_BY_OK);
	assert_int_equal(dims[0], STATISTICS_NATIONALITY);
	assert_int_equal(dims[1], STATISTICS_MONTH);
	assert_string_equal(statistics_dim_name(dims[0]), "nationality");
}

static void test_fixed_dimensions_list_every_value_and_data_ones_none(void **state)
{
	(void)state;
	size_t n;
	const char *const *v = statistics_dim_values(STATISTICS_AGE_BAND, &n);
	assert_int_equal(n, 10);
	assert_string_equal(v[0], "0-8");
	assert_string_equal(v[9], "unknown");
	v = statistics_dim_values(STATISTICS_EXPLOITATION_TYPE, &n);
	assert_int_equal(n, 7);
	assert_string_equal(v[5], "multiple");
	assert_non_null(statistics_dim_values(STATISTICS_OUTCOME, &n));
	assert_int_equal(n, 8);
	assert_null(statistics_dim_values(STATISTICS_NATIONALITY, &n));
	assert_int_equal(n, 0);
	assert_null(statistics_dim_values(STATISTICS_MONTH, &n));
}

static void test_a_case_with_more_than_one_nrm_type_counts_as_multiple(void **state)
{
	(void)state;
	assert_string_equal(statistics_exploitation_type("[\"labour\"]"), "labour");
	assert_string_equal(statistics_exploitation_type("[\"domestic_servitude\"]"),
	                    "domestic_servitude");
	assert_string_equal(statistics_exploitation_type("[\"labour\",\"criminal\"]"), "multiple");
	assert_string_equal(statistics_exploitation_type("[]"), "unknown");
	assert_string_equal(statistics_exploitation_type("[\"not_a_type\"]"), "unknown");
	assert_string_equal(statistics_exploitation_type(NULL), "unknown");
	assert_string_equal(statistics_exploitation_type("labour"), "unknown");
}

static void test_nationality_is_the_first_listed_or_unknown(void **state)
{
	(void)state;
	char out[STATISTICS_CODE_LEN];
	statistics_nationality("[\"AL\",\"GR\"]", out);
	assert_string_equal(out, "AL");
	statistics_nationality("[ \"VN\" ]", out);
	assert_string_equal(out, "VN");
	statistics_nationality("[]", out);
	assert_string_equal(out, "unknown");
	statistics_nationality(NULL, out);
	assert_string_equal(out, "unknown");
	statistics_nationality("[\"AL", out);
	assert_string_equal(out, "unknown");
}

static void test_age_is_at_identification_from_birth_or_estimate(void **state)
{
	(void)state;
	assert_int_equal(statistics_age("2008-03-15", -1, "2026-03-14T23:00:00Z"), 17);
	assert_int_equal(statistics_age("2008-03-15", -1, "2026-03-15T00:00:00Z"), 18);
	assert_int_equal(statistics_age("2008-02-29", -1, "2026-02-28"), 17);
	assert_int_equal(statistics_age("2008-02-29", -1, "2026-03-01"), 18);
	assert_int_equal(statistics_age(NULL, 30, "2026-03-01"), 30);
	assert_int_equal(statistics_age("2030-01-01", 12, "2026-03-01"),
	                 12); /* born later: the estimate */
	assert_int_equal(statistics_age("not a date", -1, "2026-03-01"), -1);
	assert_int_equal(statistics_age(NULL, -1, "2026-03-01"), -1);
}

static void test_the_outcome_is_where_the_latest_referral_stands(void **state)
{
	(void)state;
	assert_string_equal(statistics_outcome(NULL, 0), "not_referred");
	assert_string_equal(statistics_outcome(NULL, 1), "duty_to_notify");
	assert_string_equal(statistics_outcome("awaiting_reasonable_grounds", 1),
	                    "awaiting_reasonable_grounds");
	assert_string_equal(statistics_outcome("reasonable_grounds_positive", 0),
	                    "awaiting_conclusive_grounds");
	assert_string_equal(statistics_outcome("reasonable_grounds_negative", 0),
	                    "reasonable_grounds_negative");
	assert_string_equal(statistics_outcome("conclusive_grounds_positive", 0),
	                    "conclusive_grounds_positive");
	assert_string_equal(statistics_outcome("conclusive_grounds_negative", 0),
	                    "conclusive_grounds_negative");
	assert_string_equal(statistics_outcome("withdrawn", 0), "withdrawn");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_by_names_one_or_two_different_dimensions),
	    cmocka_unit_test(test_fixed_dimensions_list_every_value_and_data_ones_none),
	    cmocka_unit_test(test_a_case_with_more_than_one_nrm_type_counts_as_multiple),
	    cmocka_unit_test(test_nationality_is_the_first_listed_or_unknown),
	    cmocka_unit_test(test_age_is_at_identification_from_birth_or_estimate),
	    cmocka_unit_test(test_the_outcome_is_where_the_latest_referral_stands),
	};
	return cmocka_run_group_tests_name("domain/statistics", tests, NULL, NULL);
}
