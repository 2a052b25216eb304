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
	nrm_state negative = {.referred_on = "2026-11-02", .rg_outcome = "negative",
			      .rg_decided_on = "2026-11-06"};
	nrm_state positive = {.referred_on = "2026-11-02", .rg_outcome = "positive",
			      .rg_decided_on = "2026-11-06"};
	nrm_state done = positive;
	done.cg_outcome = "positive";
	nrm_state withdrawn = {.referred_on = "2026-11-02", .withdrawn_on = "2026-11-03"};
	const struct {
		const nrm_state *s;
		nrm_stage stage;
		const char *on;
		nrm_refusal want;
	} t[] = {
		{&fresh, NRM_REASONABLE_GROUNDS, "2026-11-05", NRM_OK},
		{&fresh, NRM_REASONABLE_GROUNDS, "2026-11-01", NRM_DATE_TOO_EARLY},
		{&fresh, NRM_CONCLUSIVE_GROUNDS, "2026-11-05", NRM_NEEDS_POSITIVE_RG},
		{&negative, NRM_CONCLUSIVE_GROUNDS, "2026-12-20", NRM_NEEDS_POSITIVE_RG},
		{&negative, NRM_REASONABLE_GROUNDS, "2026-11-09", NRM_ALREADY_DECIDED},
		{&positive, NRM_CONCLUSIVE_GROUNDS, "2027-02-01", NRM_OK},
		{&positive, NRM_CONCLUSIVE_GROUNDS, "2026-11-05", NRM_DATE_TOO_EARLY},
		{&done, NRM_CONCLUSIVE_GROUNDS, "2027-02-02", NRM_ALREADY_DECIDED},
		{&withdrawn, NRM_REASONABLE_GROUNDS, "2026-11-05", NRM_WITHDRAWN},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		nrm_refusal got = nrm_decision_allowed(t[i].s, t[i].stage, t[i].on);
		if (got != t[i].want)
			fail_msg("row %zu: answered %d, want %d", i, (int)got, (int)t[i].want);
	}
	assert_string_equal(nrm_status_after(NRM_REASONABLE_GROUNDS, 1), "reasonable_grounds_positive");
	assert_string_equal(nrm_status_after(NRM_CONCLUSIVE_GROUNDS, 0), "conclusive_grounds_negative");
	for (int r = NRM_WITHDRAWN; r <= NRM_CONCLUDED; r++)
		assert_true(strlen(nrm_refusal_text((nrm_refusal)r)) > 20);
}

static void test_only_the_first_responder_or_support_provider_asks_for_reconsideration(void **state)
{
	(void)state;
	const char *fr = "0b1c2d3e-0000-4000-8000-000000000001";
	assert_string_equal(nrm_reconsideration_capacity(fr, fr, 0), "first_responder");
	assert_string_equal(nrm_reconsideration_capacity(fr, fr, 1), "first_responder");
	assert_string_equal(nrm_reconsideration_capacity("someone-else", fr, 1), "support_provider");
	assert_null(nrm_reconsideration_capacity("someone-else", fr, 0));
}

static void test_reconsideration_needs_a_decision_and_one_request_at_a_time(void **state)
{
	(void)state;
	nrm_state fresh = {.referred_on = "2026-11-02"};
	assert_int_equal(nrm_reconsideration_allowed(&fresh, NRM_REASONABLE_GROUNDS, "2026-11-05", 0),
			 NRM_NOT_DECIDED);
	nrm_state negative = {.referred_on = "2026-11-02", .rg_outcome = "negative",
			      .rg_decided_on = "2026-11-06"};
	assert_int_equal(nrm_reconsideration_allowed(&negative, NRM_REASONABLE_GROUNDS, "2026-11-09", 0), NRM_OK);
	assert_int_equal(nrm_reconsideration_allowed(&negative, NRM_REASONABLE_GROUNDS, "2026-11-05", 0),
			 NRM_DATE_TOO_EARLY);
	assert_int_equal(nrm_reconsideration_allowed(&negative, NRM_REASONABLE_GROUNDS, "2026-11-09", 1),
			 NRM_REQUEST_OPEN);
	assert_int_equal(nrm_reconsideration_allowed(&negative, NRM_CONCLUSIVE_GROUNDS, "2026-11-09", 0),
			 NRM_NOT_DECIDED);
	nrm_state concluded = {.referred_on = "2026-11-02", .rg_outcome = "positive", .rg_decided_on = "2026-11-06",
			       .cg_outcome = "negative", .cg_decided_on = "2027-03-01"};
	assert_int_equal(nrm_reconsideration_allowed(&concluded, NRM_REASONABLE_GROUNDS, "2027-03-02", 0),
			 NRM_SUPERSEDED);
	assert_int_equal(nrm_reconsideration_allowed(&concluded, NRM_CONCLUSIVE_GROUNDS, "2027-03-02", 0), NRM_OK);
	assert_int_equal(nrm_reconsideration_allowed(&concluded, NRM_CONCLUSIVE_GROUNDS, "2027-02-28", 0),
			 NRM_DATE_TOO_EARLY);
	nrm_state withdrawn = negative;
	withdrawn.withdrawn_on = "2026-11-10";
	assert_int_equal(nrm_reconsideration_allowed(&withdrawn, NRM_REASONABLE_GROUNDS, "2026-11-11", 0),
			 NRM_WITHDRAWN);
	/* Revising the outcome: not once withdrawn, nor RG under a CG decision. */
	assert_int_equal(nrm_revision_allowed(&negative, NRM_REASONABLE_GROUNDS), NRM_OK);
	assert_int_equal(nrm_revision_allowed(&withdrawn, NRM_REASONABLE_GROUNDS), NRM_WITHDRAWN);
	assert_int_equal(nrm_revision_allowed(&concluded, NRM_REASONABLE_GROUNDS), NRM_SUPERSEDED);
	assert_int_equal(nrm_revision_allowed(&concluded, NRM_CONCLUSIVE_GROUNDS), NRM_OK);
	assert_string_equal(nrm_revised_outcome("negative"), "positive");
	assert_string_equal(nrm_revised_outcome("positive"), "negative");
}

static void test_a_referral_is_withdrawn_once_and_not_after_conclusive_grounds(void **state)
{
	(void)state;
	nrm_state awaiting = {.referred_on = "2026-11-02"};
	assert_int_equal(nrm_withdrawal_allowed(&awaiting, "2026-11-02"), NRM_OK);
	assert_int_equal(nrm_withdrawal_allowed(&awaiting, "2026-11-01"), NRM_DATE_TOO_EARLY);
	nrm_state positive = {.referred_on = "2026-11-02", .rg_outcome = "positive", .rg_decided_on = "2026-11-06"};
	assert_int_equal(nrm_withdrawal_allowed(&positive, "2026-12-01"), NRM_OK);
	nrm_state concluded = positive;
	concluded.cg_outcome = "positive";
	concluded.cg_decided_on = "2027-03-01";
	assert_int_equal(nrm_withdrawal_allowed(&concluded, "2027-03-02"), NRM_CONCLUDED);
	nrm_state gone = awaiting;
	gone.withdrawn_on = "2026-11-03";
	assert_int_equal(nrm_withdrawal_allowed(&gone, "2026-11-04"), NRM_WITHDRAWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reasonable_grounds_due_in_five_working_days),
		cmocka_unit_test(test_recovery_period_is_thirty_calendar_days),
		cmocka_unit_test(test_decisions_come_in_order),
		cmocka_unit_test(test_only_the_first_responder_or_support_provider_asks_for_reconsideration),
		cmocka_unit_test(test_reconsideration_needs_a_decision_and_one_request_at_a_time),
		cmocka_unit_test(test_a_referral_is_withdrawn_once_and_not_after_conclusive_grounds),
	};
	return cmocka_run_group_tests_name("domain/nrm", tests, NULL, NULL);
}
