/* The NRM's clocks and the order of its decisions. */
#include "unit/test.h"

#include "domain/nrm.h"

static void test_reasonable_grounds_due_in_five_working_days(void **state)
{
	(void)state;
	long days[] = {date_days("2026-12-25"), date_days("2026-12-28"), date_days("2027-01-01")};
	holidays h = {days, 3};
	char out[DATE_LEN];
	assert_int_equal(nrm_rg_due("2026-11-24", &h, out), 0); /* Tuesday */
	assert_string_equal(out, "2026-12-01");
	assert_int_equal(nrm_rg_due("2026-12-22", &h, out), 0); /* over Christmas and the substitute day */
	assert_string_equal(out, "2026-12-31");
	assert_int_equal(nrm_rg_due("2026-12-24", &h, out), 0); /* and over New Year's Day */
	assert_string_equal(out, "2027-01-05");
	assert_int_equal(nrm_rg_due("not a date", &h, out), -1);
}

static void test_recovery_period_is_thirty_calendar_days(void **state)
{
	(void)state;
	char out[DATE_LEN];
	assert_int_equal(nrm_recovery_end("2028-02-15", out), 0); /* a leap February */
	assert_string_equal(out, "2028-03-16");
	assert_int_equal(nrm_recovery_end("2026-12-10", out), 0);
	assert_string_equal(out, "2027-01-09");
}

static void test_decisions_come_in_order(void **state)
{
	(void)state;
	nrm_state fresh = {.referred_on = "2026-11-02"};
	assert_int_equal(nrm_decision_allowed(&fresh, NRM_REASONABLE_GROUNDS, "2026-11-05"), NRM_OK);
	assert_int_equal(nrm_decision_allowed(&fresh, NRM_REASONABLE_GROUNDS, "2026-11-01"),
			 NRM_DATE_TOO_EARLY);
	assert_int_equal(nrm_decision_allowed(&fresh, NRM_CONCLUSIVE_GROUNDS, "2026-11-05"),
			 NRM_NEEDS_POSITIVE_RG);
	nrm_state negative = {.referred_on = "2026-11-02", .rg_outcome = "negative",
			      .rg_decided_on = "2026-11-06"};
	assert_int_equal(nrm_decision_allowed(&negative, NRM_CONCLUSIVE_GROUNDS, "2026-12-20"),
			 NRM_NEEDS_POSITIVE_RG);
	assert_int_equal(nrm_decision_allowed(&negative, NRM_REASONABLE_GROUNDS, "2026-11-09"),
			 NRM_ALREADY_DECIDED);
	nrm_state positive = {.referred_on = "2026-11-02", .rg_outcome = "positive",
			      .rg_decided_on = "2026-11-06"};
	assert_int_equal(nrm_decision_allowed(&positive, NRM_CONCLUSIVE_GROUNDS, "2027-02-01"), NRM_OK);
	assert_int_equal(nrm_decision_allowed(&positive, NRM_CONCLUSIVE_GROUNDS, "2026-11-05"),
			 NRM_DATE_TOO_EARLY);
	nrm_state done = positive;
	done.cg_outcome = "positive";
	assert_int_equal(nrm_decision_allowed(&done, NRM_CONCLUSIVE_GROUNDS, "2027-02-02"),
			 NRM_ALREADY_DECIDED);
	nrm_state withdrawn = {.referred_on = "2026-11-02", .withdrawn_on = "2026-11-03"};
	assert_int_equal(nrm_decision_allowed(&withdrawn, NRM_REASONABLE_GROUNDS, "2026-11-05"),
			 NRM_WITHDRAWN);
	assert_string_equal(nrm_status_after(NRM_REASONABLE_GROUNDS, 1), "reasonable_grounds_positive");
	assert_string_equal(nrm_status_after(NRM_CONCLUSIVE_GROUNDS, 0), "conclusive_grounds_negative");
	for (int r = NRM_WITHDRAWN; r <= NRM_DATE_TOO_EARLY; r++)
		assert_true(strlen(nrm_refusal_text((nrm_refusal)r)) > 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reasonable_grounds_due_in_five_working_days),
		cmocka_unit_test(test_recovery_period_is_thirty_calendar_days),
		cmocka_unit_test(test_decisions_come_in_order),
	};
	return cmocka_run_group_tests_name("domain/nrm", tests, NULL, NULL);
}
