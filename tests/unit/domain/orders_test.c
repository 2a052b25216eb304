/* Prevention and risk orders: the minimum durations, applicants, and when
 * an order is in force. */
#include "unit/test.h"

#include "domain/orders.h"

static void test_minimum_durations_are_enforced(void **state)
{
	(void)state;
	static const struct {
		order_kind kind;
		const char *made_on, *expires_on;
		order_refusal want;
		const char *min_end;
	} cases[] = {
		{ORDER_STPO, "2026-11-02", "2031-11-02", ORDER_OK, "2031-11-02"},
		{ORDER_STPO, "2026-11-02", "2031-11-01", ORDER_TOO_SHORT, "2031-11-02"},
		{ORDER_STPO, "2026-11-02", NULL, ORDER_OK, "2031-11-02"}, /* until further order */
		{ORDER_STPO, "2024-02-29", "2029-02-28", ORDER_OK, "2029-02-28"},
		{ORDER_STPO, "2024-02-29", "2029-02-27", ORDER_TOO_SHORT, "2029-02-28"},
		{ORDER_STRO, "2026-11-02", "2028-11-02", ORDER_OK, "2028-11-02"},
		{ORDER_STRO, "2026-11-02", "2028-11-01", ORDER_TOO_SHORT, "2028-11-02"},
		{ORDER_STRO, "2026-11-02", NULL, ORDER_END_REQUIRED, "2028-11-02"},
		{ORDER_INTERIM_STPO, "2026-11-02", "2026-12-14", ORDER_OK, ""},
		{ORDER_INTERIM_STRO, "2026-11-02", NULL, ORDER_END_REQUIRED, ""},
		{ORDER_INTERIM_STRO, "2026-11-02", "2026-11-02", ORDER_END_NOT_AFTER, ""},
		{ORDER_STRO, "2026-11-02", "2026-10-01", ORDER_END_NOT_AFTER, "2028-11-02"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char min_end[DATE_LEN];
		assert_int_equal(order_duration_check(cases[i].kind, cases[i].made_on, cases[i].expires_on, min_end),
				 cases[i].want);
		assert_string_equal(min_end, cases[i].min_end);
	}
}

static void test_applicants_and_kinds(void **state)
{
	(void)state;
	order_kind k;
	assert_int_equal(order_kind_parse("interim_stro", &k), 0);
	assert_int_equal(k, ORDER_INTERIM_STRO);
	assert_int_equal(order_kind_parse("asbo", &k), -1);
	assert_int_equal(order_kind_parse(NULL, &k), -1);
	assert_int_equal(order_applicant_check(ORDER_STPO, "court_on_conviction"), ORDER_OK);
	assert_int_equal(order_applicant_check(ORDER_STRO, "court_on_conviction"), ORDER_APPLICANT);
	assert_int_equal(order_applicant_check(ORDER_INTERIM_STPO, "court_on_conviction"), ORDER_APPLICANT);
	assert_int_equal(order_applicant_check(ORDER_STRO, "glaa"), ORDER_OK);
	assert_int_equal(order_applicant_check(ORDER_INTERIM_STRO, "nca"), ORDER_OK);
	assert_int_equal(order_applicant_check(ORDER_STPO, "neighbour"), ORDER_APPLICANT);
	for (int r = ORDER_END_REQUIRED; r <= ORDER_APPLICANT; r++)
		assert_true(strlen(order_refusal_text((order_refusal)r)) > 20);
}

static void test_an_order_is_in_force_from_its_day_to_its_end(void **state)
{
	(void)state;
	assert_true(order_in_force("2026-11-02", "2028-11-02", "2026-11-02"));
	assert_true(order_in_force("2026-11-02", "2028-11-02", "2028-11-02"));
	assert_false(order_in_force("2026-11-02", "2028-11-02", "2028-11-03"));
	assert_false(order_in_force("2026-11-02", "2028-11-02", "2026-11-01"));
	assert_true(order_in_force("2026-11-02", NULL, "2040-01-01"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimum_durations_are_enforced),
		cmocka_unit_test(test_applicants_and_kinds),
		cmocka_unit_test(test_an_order_is_in_force_from_its_day_to_its_end),
	};
	return cmocka_run_group_tests_name("domain/orders", tests, NULL, NULL);
}
