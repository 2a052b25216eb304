/* When worklist items fall due. */
#include "unit/test.h"

#include "domain/worklist.h"
#include "lib/clock.h"

static void test_the_window_from_now(void **state)
{
	(void)state;
	int64_t now;
	assert_int_equal(clock_parse_iso("2026-11-28T10:15:00.000Z", &now), 0);
	worklist_window w;
	worklist_window_for(now, &w);
	assert_string_equal(w.today, "2026-11-28");
	assert_string_equal(w.recovery_until, "2026-12-03"); /* five days' notice */
	assert_string_equal(w.orders_until, "2026-12-26");   /* 28 days' notice of an order's end */
	char before[CLOCK_ISO_LEN];
	clock_iso(w.indicators_before_ms, before);
	assert_string_equal(before, "2026-11-27T10:15:00.000Z"); /* 24 hours ago */
	/* Over a year end and a leap day. */
	assert_int_equal(clock_parse_iso("2028-02-27T23:59:59.000Z", &now), 0);
	worklist_window_for(now, &w);
	assert_string_equal(w.today, "2028-02-27");
	assert_string_equal(w.recovery_until, "2028-03-03");
	assert_string_equal(w.orders_until, "2028-03-26");
}

static void test_a_referral_is_due_a_day_after_the_first_indicator(void **state)
{
	(void)state;
	int64_t first;
	assert_int_equal(clock_parse_iso("2026-12-31T18:00:00.000Z", &first), 0);
	char due[CLOCK_ISO_LEN];
	clock_iso(worklist_referral_due_ms(first), due);
	assert_string_equal(due, "2027-01-01T18:00:00.000Z");
	assert_true(worklist_overdue("2026-11-27", "2026-11-28"));
	assert_false(worklist_overdue("2026-11-28", "2026-11-28"));
	assert_false(worklist_overdue("2026-11-29", "2026-11-28"));
}

static void test_states_and_kinds_in_the_order_an_officer_acts(void **state)
{
	(void)state;
	assert_string_equal(worklist_state("2026-11-27", "2026-11-28"), "overdue");
	assert_string_equal(worklist_state("2026-11-28", "2026-11-28"), "due");
	assert_string_equal(worklist_state("2026-12-05", "2026-11-28"), "upcoming");
	assert_true(worklist_state_rank("overdue") < worklist_state_rank("due"));
	assert_true(worklist_state_rank("due") < worklist_state_rank("upcoming"));
	assert_int_equal(worklist_state_rank("later"), -1);
	assert_int_equal(worklist_state_rank(NULL), -1);
	/* Every kind has one place; statutory clocks come before training. */
	for (int i = 0; i < WORKLIST_KINDS; i++)
		assert_int_equal(worklist_kind_rank(worklist_kinds[i]), i);
	assert_true(worklist_kind_rank("reasonable_grounds_overdue") < worklist_kind_rank("training_expiring"));
	assert_int_equal(worklist_kind_rank("lunch"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_window_from_now),
		cmocka_unit_test(test_a_referral_is_due_a_day_after_the_first_indicator),
		cmocka_unit_test(test_states_and_kinds_in_the_order_an_officer_acts),
	};
	return cmocka_run_group_tests_name("domain/worklist", tests, NULL, NULL);
}
