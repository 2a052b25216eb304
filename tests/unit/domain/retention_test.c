/* Retention rules: the APP groups and their periods, which group a case
 * falls in by default, the next review date and when it is due. */
#include "unit/test.h"

#include <string.h>

#include "domain/retention.h"

static void test_the_default_table_holds_the_app_periods_with_their_source(void **state)
{
	(void)state;
	static const struct {
		retention_group g;
		const char *code;
		int review, clear;
	} want[] = {
	    {RETENTION_GROUP_1, "group_1", 10, 0},
	    {RETENTION_GROUP_2, "group_2", 10, 10},
	    {RETENTION_GROUP_3, "group_3", 6, 6},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const retention_rule *r = retention_rule_default(want[i].g);
		assert_non_null(r);
		assert_string_equal(r->code, want[i].code);
		assert_int_equal(r->review_years, want[i].review);
		assert_int_equal(r->clear_years, want[i].clear);
		assert_non_null(strstr(r->source, "college.police.uk"));
		retention_group back;
		assert_int_equal(retention_group_parse(want[i].code, &back), 0);
		assert_int_equal(back, want[i].g);
	}
	assert_null(retention_rule_default(RETENTION_NGROUPS));
	retention_group g;
	assert_int_equal(retention_group_parse("group_4", &g), -1);
	assert_int_equal(retention_group_parse(NULL, &g), -1);
}

static void test_a_case_falls_in_its_group_by_the_first_rule_that_matches(void **state)
{
	(void)state;
	static const char *const sexual_labour[] = {"labour", "sexual"},
	                         *const labour[] = {"labour"}, *const criminal[] = {"criminal"},
	                         *const unknown[] = {"unknown"}, *const s2[] = {"msa_s2"},
	                         *const other[] = {"other"};
	static const struct {
		const char *const *types;
		size_t ntypes;
		const char *const *offences;
		size_t noffences;
		int orders;
		retention_group want;
	} cases[] = {
	    {sexual_labour, 2, NULL, 0, 0, RETENTION_GROUP_1}, /* sexual, whatever else */
	    {labour, 1, NULL, 0, 1, RETENTION_GROUP_1},        /* an order: public protection */
	    {labour, 1, NULL, 0, 0, RETENTION_GROUP_2},
	    {criminal, 1, other, 1, 0, RETENTION_GROUP_2},
	    {unknown, 1, s2, 1, 0, RETENTION_GROUP_2}, /* trafficking charged, type not yet known */
	    {unknown, 1, NULL, 0, 0, RETENTION_GROUP_3},
	    {unknown, 1, other, 1, 0, RETENTION_GROUP_3},
	    {NULL, 0, NULL, 0, 0, RETENTION_GROUP_3},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		retention_facts f = {cases[i].types, cases[i].ntypes, cases[i].offences,
		                     cases[i].noffences, cases[i].orders};
		const char *why = NULL;
		assert_int_equal(retention_default_group(&f, &why), cases[i].want);
		assert_non_null(why);
	}
}

static void test_next_review_counts_from_closure_or_opening_unless_a_review_set_it(void **state)
{
	(void)state;
	static const struct {
		const char *opened, *closed, *reviewed;
		int years;
		int rc;
		const char *want;
	} cases[] = {
	    {"2016-03-01", "2018-05-10", NULL, 6, 0, "2024-05-10"}, /* from closure */
	    {"2016-03-01", NULL, NULL, 10, 0, "2026-03-01"},        /* open: from opening */
	    {"2016-03-01", "", NULL, 10, 0, "2026-03-01"},
	    {"2016-02-29", "2020-02-29", NULL, 10, 0, "2030-02-28"}, /* leap day to a common year */
	    {"2016-03-01", "2018-05-10", "2031-01-15", 6, 0, "2031-01-15"}, /* a review set it */
	    {"2016-03-01", NULL, "2031-02-30", 6, -1, NULL},
	    {"2016-13-01", NULL, NULL, 6, -1, NULL},
	    {"2016-03-01", NULL, NULL, 0, -1, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[DATE_LEN] = "";
		assert_int_equal(retention_next_review(cases[i].opened, cases[i].closed,
		                                       cases[i].reviewed, cases[i].years, out),
		                 cases[i].rc);
		if (cases[i].want)
			assert_string_equal(out, cases[i].want);
	}
}

static void test_a_review_is_overdue_the_day_after_and_due_within_thirty_days(void **state)
{
	(void)state;
	static const struct {
		const char *next, *today;
		retention_due want;
	} cases[] = {
	    {"2026-12-01", "2026-12-02", RETENTION_OVERDUE},
	    {"2026-12-02", "2026-12-02", RETENTION_DUE_SOON},
	    {"2027-01-01", "2026-12-02", RETENTION_DUE_SOON}, /* 30 days on */
	    {"2027-01-02", "2026-12-02", RETENTION_NOT_DUE},  /* 31 */
	    {"not a date", "2026-12-02", RETENTION_NOT_DUE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(retention_due_state(cases[i].next, cases[i].today), cases[i].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_default_table_holds_the_app_periods_with_their_source),
	    cmocka_unit_test(test_a_case_falls_in_its_group_by_the_first_rule_that_matches),
	    cmocka_unit_test(
	        test_next_review_counts_from_closure_or_opening_unless_a_review_set_it),
	    cmocka_unit_test(test_a_review_is_overdue_the_day_after_and_due_within_thirty_days),
	};
	return cmocka_run_group_tests_name("domain/retention", tests, NULL, NULL);
}
