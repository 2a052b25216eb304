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

static void test_roles_fit_only_their_kind_of_organisation(void **state)
{
	(void)state;
	static const struct {
		role r;
		const char *kind;
		int fits;
	} cases[] = {
		{ROLE_PARTNER, "partner", 1},	   {ROLE_PARTNER, "force", 0},	     {ROLE_PARTNER, "opcc", 0},
		{ROLE_OPCC, "opcc", 1},		   {ROLE_OPCC, "force", 0},	     {ROLE_OPCC, "partner", 0},
		{ROLE_INVESTIGATOR, "force", 1},   {ROLE_INVESTIGATOR, "partner", 0}, {ROLE_SUPERVISOR, "opcc", 0},
		{ROLE_SAFEGUARDING, "force", 1},   {ROLE_ANALYST, "partner", 0},     {ROLE_ADMIN, "force", 1},
		{ROLE_ADMIN, "partner", 1},	   {ROLE_ADMIN, "opcc", 1},	     {ROLE_AUDITOR, "partner", 1},
		{ROLE_AUDITOR, "opcc", 1},	   {ROLE_ADMIN, "guild", 0},	     {ROLE_ADMIN, NULL, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (role_fits_org(cases[i].r, cases[i].kind) != cases[i].fits)
			fail_msg("%s in %s: expected %d", role_name(cases[i].r), cases[i].kind ? cases[i].kind : "NULL",
				 cases[i].fits);
}

static void test_no_setting_means_every_role_must_use_a_second_factor(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		assert_true(role_second_factor_required(NULL, (role)r));
		assert_false(role_second_factor_required("[]", (role)r));
	}
	const char *list = "[\"supervisor\",\"admin\"]";
	assert_true(role_second_factor_required(list, ROLE_ADMIN));
	assert_true(role_second_factor_required(list, ROLE_SUPERVISOR));
	assert_false(role_second_factor_required(list, ROLE_INVESTIGATOR));
	/* A name inside another never counts: only whole items. */
	assert_false(role_second_factor_required("[\"supervisors\"]", ROLE_SUPERVISOR));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partners_and_the_opcc_belong_to_their_own_kind_of_organisation),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_roles_fit_only_their_kind_of_organisation),
		cmocka_unit_test(test_no_setting_means_every_role_must_use_a_second_factor),
	};
	return cmocka_run_group_tests_name("domain/roles", tests, NULL, NULL);
}
