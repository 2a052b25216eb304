/* The s45 tests for adults and children, Schedule 4, and the charging gate. */
#include "unit/test.h"

#include "domain/s45.h"

static void test_adults_and_children_have_their_own_tests(void **state)
{
	(void)state;
	static const struct {
		s45_answers a;
		const char *missing;
		s45_outcome want;
	} cases[] = {
		/* Adults: compelled, and no realistic alternative. */
		{{0, 0, 1, 1, -1, -1}, NULL, S45_MAY_APPLY},
		{{0, 0, 1, 0, -1, -1}, NULL, S45_DOES_NOT_APPLY},
		{{0, 0, 0, 1, -1, -1}, NULL, S45_DOES_NOT_APPLY},
		{{0, 0, -1, 1, -1, -1}, "compelled", S45_DOES_NOT_APPLY},
		{{0, 0, 1, -1, -1, -1}, "no_realistic_alternative", S45_DOES_NOT_APPLY},
		/* The child tests are not the adult ones. */
		{{1, 0, -1, -1, 1, 1}, NULL, S45_MAY_APPLY},
		{{1, 0, 1, 1, 0, 1}, NULL, S45_DOES_NOT_APPLY},
		{{1, 0, -1, -1, -1, 1}, "direct_consequence", S45_DOES_NOT_APPLY},
		{{1, 0, -1, -1, 1, -1}, "reasonable_person", S45_DOES_NOT_APPLY},
		/* Schedule 4: excluded, whatever else. */
		{{0, 1, 1, 1, -1, -1}, NULL, S45_EXCLUDED},
		{{1, 1, -1, -1, -1, -1}, NULL, S45_EXCLUDED},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *m = s45_missing(&cases[i].a);
		if ((m == NULL) != (cases[i].missing == NULL) || (m && strcmp(m, cases[i].missing)))
			fail_msg("case %zu: missing %s, want %s", i, m ? m : "nothing",
				 cases[i].missing ? cases[i].missing : "nothing");
		assert_int_equal(s45_evaluate(&cases[i].a), cases[i].want);
	}
	assert_string_equal(s45_outcome_name(S45_MAY_APPLY), "defence_may_apply");
	assert_string_equal(s45_outcome_name(S45_EXCLUDED), "excluded_schedule_4");
	assert_string_equal(s45_outcome_name(S45_DOES_NOT_APPLY), "defence_does_not_apply");
}

static void test_schedule_4_is_a_table_of_codes(void **state)
{
	(void)state;
	assert_non_null(schedule4_find("murder"));
	assert_non_null(schedule4_find("theft_s8"));
	assert_null(schedule4_find("cannabis_cultivation"));
	assert_null(schedule4_find(NULL));
	assert_true(schedule4_count >= 30);
	for (size_t i = 0; i < schedule4_count; i++)
		for (size_t j = i + 1; j < schedule4_count; j++)
			assert_true(strcmp(schedule4[i].code, schedule4[j].code) != 0);
}

static void test_a_flagged_suspect_needs_an_approved_assessment(void **state)
{
	(void)state;
	assert_int_equal(s45_charging_allowed(0, 0, 0), CHARGE_OK);
	assert_int_equal(s45_charging_allowed(1, 0, 0), CHARGE_NEEDS_ASSESSMENT);
	assert_int_equal(s45_charging_allowed(1, 1, 0), CHARGE_NEEDS_APPROVAL);
	assert_int_equal(s45_charging_allowed(1, 1, 1), CHARGE_OK);
	assert_true(charging_decision_valid("refer_to_cps"));
	assert_true(charging_decision_valid("no_further_action"));
	assert_false(charging_decision_valid("prosecute"));
	assert_false(charging_decision_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adults_and_children_have_their_own_tests),
		cmocka_unit_test(test_schedule_4_is_a_table_of_codes),
		cmocka_unit_test(test_a_flagged_suspect_needs_an_approved_assessment),
	};
	return cmocka_run_group_tests_name("domain/s45", tests, NULL, NULL);
}
