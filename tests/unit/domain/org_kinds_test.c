#include "unit/test.h"

#include "domain/org_kinds.h"

/* Each kind with its class; "partner" is a class, and no kind. */
static void test_each_kind_has_its_class(void **state)
{
	(void)state;
	static const struct {
		const char *kind, *class_name;
		int partner;
	} cases[] = {
	    {"force", "force", 0},
	    {"opcc", "opcc", 0},
	    {"local_authority", "partner", 1},
	    {"support_provider", "partner", 1},
	    {"guardian", "partner", 1},
	    {"health", "partner", 1},
	    {"other", "partner", 1},
	    {"partner", NULL, 0},
	    {"Force", NULL, 0},
	    {"charity", NULL, 0},
	    {"", NULL, 0},
	    {NULL, NULL, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *k = cases[i].kind, *got = org_kind_class(k);
		if ((got == NULL) != (cases[i].class_name == NULL) ||
		    (got && strcmp(got, cases[i].class_name) != 0))
			fail_msg("%s: class %s, expected %s", k ? k : "NULL", got ? got : "NULL",
			         cases[i].class_name ? cases[i].class_name : "NULL");
		if (org_kind_is_partner(k) != cases[i].partner)
			fail_msg("%s: partner %d, expected %d", k ? k : "NULL", !cases[i].partner,
			         cases[i].partner);
		/* A list is asked for by any kind, or by the class of partners. */
		int filters = cases[i].class_name || (k && strcmp(k, "partner") == 0);
		if (org_kind_filter_valid(k) != filters)
			fail_msg("%s: filter %d, expected %d", k ? k : "NULL", !filters, filters);
	}
}

static void test_an_organisation_is_named_by_its_partner_kind_else_its_class(void **state)
{
	(void)state;
	assert_string_equal(org_kind_of("partner", "guardian"), "guardian");
	assert_string_equal(org_kind_of("force", ""), "force");
	assert_string_equal(org_kind_of("opcc", NULL), "opcc");
}

static void test_a_new_partner_is_a_support_provider_unless_named(void **state)
{
	(void)state;
	assert_string_equal(org_kind_default("partner"), "support_provider");
	assert_string_equal(org_kind_default("force"), "force");
	assert_string_equal(org_kind_default("opcc"), "opcc");
	assert_true(org_kind_is_partner(ORG_PARTNER_KIND_DEFAULT));
}

static void test_the_text_names_every_partner_kind(void **state)
{
	(void)state;
	const char *kinds[] = {"local_authority", "support_provider", "guardian", "health",
	                       "other"};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		assert_true(org_kind_is_partner(kinds[i]));
		assert_non_null(strstr(org_partner_kinds_text, kinds[i]));
		assert_true(strlen(kinds[i]) < ORG_KIND_LEN);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_each_kind_has_its_class),
	    cmocka_unit_test(test_an_organisation_is_named_by_its_partner_kind_else_its_class),
	    cmocka_unit_test(test_a_new_partner_is_a_support_provider_unless_named),
	    cmocka_unit_test(test_the_text_names_every_partner_kind),
	};
	return cmocka_run_group_tests_name("domain/org_kinds", tests, NULL, NULL);
}
