#include "unit/test.h"

#include "domain/vocab.h"

static void assert_unique(const vocab *v)
{
	for (size_t i = 0; i < v->n; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(v->entries[i].code, v->entries[k].code) == 0)
				fail_msg("%s lists %s twice", v->name, v->entries[i].code);
}

static void test_indicators_are_grouped_and_at_least_twenty(void **state)
{
	(void)state;
	assert_true(vocab_indicators.n >= 20);
	assert_unique(&vocab_indicators);
	int groups[3] = {0};
	for (size_t i = 0; i < vocab_indicators.n; i++) {
		const char *g = vocab_indicators.entries[i].group;
		groups[0] += strcmp(g, "physical") == 0;
		groups[1] += strcmp(g, "psychological") == 0;
		groups[2] += strcmp(g, "situational") == 0;
		assert_true(strlen(vocab_indicators.entries[i].label) > 5);
	}
	assert_int_equal(groups[0] + groups[1] + groups[2], (int)vocab_indicators.n);
	assert_true(groups[0] > 0 && groups[1] > 0 && groups[2] > 0);
}

static void test_htcds_lists_have_their_sizes(void **state)
{
	(void)state;
	assert_int_equal(vocab_control.n, 16);
	assert_int_equal(vocab_exploitation.n, 11);
	assert_unique(&vocab_control);
	assert_unique(&vocab_exploitation);
	assert_unique(&vocab_relationships);
	assert_unique(&vocab_recruitment);
	assert_unique(&vocab_support_services);
	assert_non_null(vocab_find(&vocab_support_services, "icta_guardian"));
	assert_non_null(vocab_find(&vocab_control, "withholds_documents"));
	assert_null(vocab_find(&vocab_control, "Withholds_documents"));
	assert_string_equal(vocab_find(&vocab_indicators, "debt_bondage")->group, "situational");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indicators_are_grouped_and_at_least_twenty),
		cmocka_unit_test(test_htcds_lists_have_their_sizes),
	};
	return cmocka_run_group_tests_name("domain/vocab", tests, NULL, NULL);
}
