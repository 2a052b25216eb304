/* The Victims' Code clocks and vocabularies. */
#include "unit/test.h"

#include "domain/victims_code.h"

static void test_updates_are_due_in_working_days(void **state)
{
	(void)state;
	long days[] = {date_days("2026-12-25"), date_days("2026-12-28")};
	holidays h = {days, 2};
	char out[DATE_LEN];
	assert_int_equal(vc_update_due("2026-11-26", 1, &h, out), 0); /* Thursday: Friday */
	assert_string_equal(out, "2026-11-27");
	assert_int_equal(vc_update_due("2026-11-27", 1, &h, out), 0); /* Friday: Monday */
	assert_string_equal(out, "2026-11-30");
	assert_int_equal(vc_update_due("2026-12-24", 1, &h, out), 0); /* Christmas Eve: after the holidays */
	assert_string_equal(out, "2026-12-29");
	assert_int_equal(vc_update_due("2026-11-26", 0, &h, out), 0); /* not enhanced: five */
	assert_string_equal(out, "2026-12-03");
	assert_int_equal(vc_update_due("2026-13-01", 1, &h, out), -1);
}

static void test_key_events_and_contacts(void **state)
{
	(void)state;
	static const char *const ok[] = {"arrest", "interview", "release", "bail", "charge",
					 "decision_not_to_charge", "court_date_set", "verdict"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		assert_true(vc_key_event_valid(ok[i]));
	assert_false(vc_key_event_valid("search_warrant"));
	assert_false(vc_key_event_valid(NULL));
	assert_true(vc_spoc_kind_valid("navigator"));
	assert_false(vc_spoc_kind_valid("friend"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_updates_are_due_in_working_days),
		cmocka_unit_test(test_key_events_and_contacts),
	};
	return cmocka_run_group_tests_name("domain/victims_code", tests, NULL, NULL);
}
