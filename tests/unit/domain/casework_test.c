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

static void test_who_sees_which_case(void **state)
{
	(void)state;
	/* role, user team, case team, allocated, visible */
	static const struct {
		role r;
		const char *ut, *ct;
		int alloc, want;
	} t[] = {
		{ROLE_INVESTIGATOR, "emt", "emt", 0, 1}, {ROLE_INVESTIGATOR, "cid", "emt", 0, 0},
		{ROLE_INVESTIGATOR, "cid", "emt", 1, 1}, {ROLE_INVESTIGATOR, "", "emt", 0, 0},
		{ROLE_SUPERVISOR, "emt", "emt", 0, 1},	 {ROLE_SUPERVISOR, "cid", "emt", 0, 0},
		{ROLE_ANALYST, "intel", "emt", 0, 1},	 {ROLE_SAFEGUARDING, "st", "emt", 0, 1},
		{ROLE_ADMIN, "emt", "emt", 1, 0},	 {ROLE_AUDITOR, "emt", "emt", 0, 0},
		{ROLE_OPCC, "emt", "emt", 0, 0},	 {ROLE_PARTNER, "emt", "emt", 0, 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (case_visible(t[i].r, t[i].ut, t[i].ct, t[i].alloc) != t[i].want)
			fail_msg("row %zu", i);
	assert_true(case_role_may_edit(ROLE_INVESTIGATOR));
	assert_true(case_role_may_edit(ROLE_SUPERVISOR));
	assert_false(case_role_may_edit(ROLE_ANALYST));
	assert_false(case_role_may_edit(ROLE_SAFEGUARDING));
	assert_true(case_role_may_record(ROLE_SAFEGUARDING));
	assert_true(case_role_may_record(ROLE_INVESTIGATOR));
	assert_false(case_role_may_record(ROLE_ANALYST));
	assert_false(case_role_may_record(ROLE_OPCC));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabularies),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_who_sees_which_case),
	};
	return cmocka_run_group_tests_name("domain/casework", tests, NULL, NULL);
}
