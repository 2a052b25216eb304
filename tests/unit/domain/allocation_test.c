/* Allocation: each hard requirement, the score's parts, the order, and the
 * reasons in words. */
#include "unit/test.h"

#include "domain/allocation.h"

static const alloc_candidate ready = {
	.pip_level = 2, .specialist_valid = 1, .child_valid = 0, .absent_on = NULL,
	.active_cases = 2, .capacity = 8, .languages_spoken = 0, .linked_cases = 0, .msht_led = 0,
};

static void test_each_hard_requirement(void **state)
{
	(void)state;
	alloc_case adult = {0, 0}, child = {1, 0};
	static const struct {
		const char *what;
		alloc_candidate c;
		int child_case;
		unsigned want;
	} cases[] = {
		{"ready", {2, 1, 0, NULL, 2, 8, 0, 0, 0}, 0, 0},
		{"PIP1", {1, 1, 0, NULL, 2, 8, 0, 0, 0}, 0, ALLOC_REQ_PIP},
		{"PIP4", {4, 1, 0, NULL, 2, 8, 0, 0, 0}, 0, 0},
		{"no specialist training", {2, 0, 0, NULL, 2, 8, 0, 0, 0}, 0, ALLOC_REQ_SPECIALIST},
		{"child victim, no CCE", {2, 1, 0, NULL, 2, 8, 0, 0, 0}, 1, ALLOC_REQ_CHILD},
		{"child victim, CCE", {2, 1, 1, NULL, 2, 8, 0, 0, 0}, 1, 0},
		{"absent", {2, 1, 0, "2026-12-01", 2, 8, 0, 0, 0}, 0, ALLOC_REQ_AVAILABLE},
		{"at capacity", {2, 1, 0, NULL, 8, 8, 0, 0, 0}, 0, ALLOC_REQ_CAPACITY},
		{"no capacity set", {2, 1, 0, NULL, 0, 0, 0, 0, 0}, 0, ALLOC_REQ_CAPACITY},
		{"everything", {0, 0, 0, "2026-12-01", 3, 3, 0, 0, 0}, 1,
		 ALLOC_REQ_PIP | ALLOC_REQ_SPECIALIST | ALLOC_REQ_CHILD | ALLOC_REQ_AVAILABLE | ALLOC_REQ_CAPACITY},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned got = alloc_failed(cases[i].child_case ? &child : &adult, &cases[i].c);
		if (got != cases[i].want)
			fail_msg("%s: failed %#x, wanted %#x", cases[i].what, got, cases[i].want);
	}
	for (unsigned bit = 1; bit < (1u << ALLOC_NREQ); bit <<= 1) {
		assert_non_null(alloc_requirement_code(bit));
		assert_true(strlen(alloc_requirement_text(bit)) > 10);
	}
	assert_null(alloc_requirement_code(1u << ALLOC_NREQ));
}

static void test_the_score_adds_languages_continuity_workload_and_experience(void **state)
{
	(void)state;
	alloc_case k = {0, 2};
	alloc_candidate c = ready;
	assert_int_equal(alloc_score(&k, &c), 20 * 6 / 8); /* free capacity only: 15 */
	c.languages_spoken = 1;
	assert_int_equal(alloc_score(&k, &c), 15 + 25);
	c.languages_spoken = 5; /* no more than the case needs */
	assert_int_equal(alloc_score(&k, &c), 15 + 50);
	c.languages_spoken = 0;
	c.linked_cases = 5; /* continuity counts at most three cases */
	assert_int_equal(alloc_score(&k, &c), 15 + 45);
	c.linked_cases = 0;
	c.msht_led = 30; /* experience counts at most ten */
	assert_int_equal(alloc_score(&k, &c), 15 + 20);
	c.msht_led = 0;
	c.active_cases = 8;
	assert_int_equal(alloc_score(&k, &c), 0);
}

static void test_those_who_meet_the_requirements_rank_first(void **state)
{
	(void)state;
	assert_true(alloc_compare(0, 10, ALLOC_REQ_PIP, 90) < 0);
	assert_true(alloc_compare(ALLOC_REQ_PIP, 90, 0, 10) > 0);
	assert_true(alloc_compare(0, 50, 0, 40) < 0);
	assert_true(alloc_compare(ALLOC_REQ_PIP, 50, ALLOC_REQ_CAPACITY, 60) > 0);
	assert_int_equal(alloc_compare(0, 40, 0, 40), 0);
}

static void collect(const char *text, void *arg)
{
	char *out = arg;
	size_t n = strlen(out);
	snprintf(out + n, 2000 - n, "%s|", text);
}

static void test_reasons_say_why_in_words(void **state)
{
	(void)state;
	char out[2000] = "";
	alloc_case k = {1, 1};
	alloc_candidate c = {1, 1, 0, "2026-12-03", 3, 6, 1, 2, 4};
	static const char *const reasons[] = {
		"Fails a requirement: not accredited at PIP level 2 or above|",
		"Fails a requirement: no valid child criminal exploitation training",
		"Fails a requirement: absent from 2026-12-03, within the next 14 days|",
		"Speaks 1 of the 1 language a victim needs an interpreter for (+25)|",
		"Leads or led 2 linked cases with the same people or places (+30)|",
		"Holds 3 of a maximum 6 active cases (+10)|",
		"Has led 4 modern slavery cases (+8)|",
	};
	alloc_reasons(&k, &c, collect, out);
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		assert_non_null(strstr(out, reasons[i]));
	assert_null(strstr(out, "Meets every requirement"));
	out[0] = '\0';
	alloc_candidate good = ready;
	alloc_case adult = {0, 0};
	alloc_reasons(&adult, &good, collect, out);
	assert_string_equal(out, "Meets every requirement to lead|Holds 2 of a maximum 8 active cases (+15)|");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_hard_requirement),
		cmocka_unit_test(test_the_score_adds_languages_continuity_workload_and_experience),
		cmocka_unit_test(test_those_who_meet_the_requirements_rank_first),
		cmocka_unit_test(test_reasons_say_why_in_words),
	};
	return cmocka_run_group_tests_name("domain/allocation", tests, NULL, NULL);
}
