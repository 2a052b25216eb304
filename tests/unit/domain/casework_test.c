#include "unit/test.h"

#include "domain/casework.h"

static void test_vocabularies(void **state)
{
	(void)state;
	assert_true(case_status_valid("investigating"));
	assert_false(case_status_valid("Investigating"));
	assert_false(case_status_valid(""));
	const char *types[] = {"labour", "sexual", "criminal", "domestic_servitude",
			       "organ_harvesting", "unknown"};
	for (int i = 0; i < 6; i++)
		assert_true(exploitation_type_valid(types[i]));
	assert_false(exploitation_type_valid("smuggling"));
	assert_true(offence_code_valid("msa_s4"));
	assert_false(offence_code_valid("msa_s3"));
	assert_true(case_role_valid("potential_victim"));
	assert_false(case_role_valid("victim"));
}

static void test_references(void **state)
{
	(void)state;
	char ref[16];
	assert_int_equal(case_reference(2026, 7, ref), 0);
	assert_string_equal(ref, "MS-2026-00007");
	assert_true(case_reference_like(ref));
	assert_int_equal(case_reference(2026, 99999, ref), 0);
	assert_int_equal(case_reference(2026, 100000, ref), -1);
	assert_int_equal(case_reference(2026, 0, ref), -1);
	assert_false(case_reference_like("MS-2026-0007"));
	assert_false(case_reference_like("MS-2026-0000a"));
	assert_false(case_reference_like("XS-2026-00007"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabularies),
		cmocka_unit_test(test_references),
	};
	return cmocka_run_group_tests_name("domain/casework", tests, NULL, NULL);
}
