#include "unit/test.h"

#include "domain/roles.h"

static void test_names_round_trip(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		role back;
		assert_int_equal(role_parse(role_name((role)r), &back), 0);
		assert_int_equal(back, r);
	}
	role x;
	assert_int_equal(role_parse("Admin", &x), -1);
	assert_int_equal(role_parse("", &x), -1);
	assert_null(role_name(ROLE_COUNT));
}

static void test_permission_table(void **state)
{
	(void)state;
	/* role: manage accounts, read audit, see case data */
	static const int want[ROLE_COUNT][3] = {
		[ROLE_ADMIN] = {1, 0, 0},	 [ROLE_SUPERVISOR] = {0, 0, 1},
		[ROLE_INVESTIGATOR] = {0, 0, 1}, [ROLE_SAFEGUARDING] = {0, 0, 1},
		[ROLE_ANALYST] = {0, 0, 1},	 [ROLE_OPCC] = {0, 0, 0},
		[ROLE_PARTNER] = {0, 0, 1},	 [ROLE_AUDITOR] = {0, 1, 0},
	};
	for (int r = 0; r < ROLE_COUNT; r++) {
		assert_int_equal(role_may((role)r, PERM_MANAGE_ACCOUNTS), want[r][0]);
		assert_int_equal(role_may((role)r, PERM_READ_AUDIT), want[r][1]);
		assert_int_equal(role_may((role)r, PERM_CASE_DATA), want[r][2]);
	}
}

static void test_partners_and_the_opcc_belong_to_their_own_kind_of_organisation(void **state)
{
	(void)state;
	assert_string_equal(role_org_kind(ROLE_PARTNER), "partner");
	assert_string_equal(role_org_kind(ROLE_OPCC), "opcc");
	assert_string_equal(role_org_kind(ROLE_INVESTIGATOR), "force");
	assert_string_equal(role_org_kind(ROLE_ADMIN), "force");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partners_and_the_opcc_belong_to_their_own_kind_of_organisation),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_permission_table),
	};
	return cmocka_run_group_tests_name("domain/roles", tests, NULL, NULL);
}
