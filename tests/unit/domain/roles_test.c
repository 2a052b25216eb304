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
	};
	return cmocka_run_group_tests_name("domain/roles", tests, NULL, NULL);
}
