/* Every rule of sharing with a partner, as a table: what is asked, and the
 * answer the rules must give. */
#include "unit/test.h"

#include "domain/shares.h"

#define CONSENTED(p) (1u << (p))

static void test_each_rule_of_sharing(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		share_ask ask;
		share_check want;
	} rows[] = {
		{"consent covering the purpose", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2026-12-01", "2027-03-01"}, SHARE_OK},
		{"consent to other purposes only", {BASIS_CONSENT, PURPOSE_HOUSING, 0, 0, CONSENTED(PURPOSE_SUPPORT) | CONSENTED(PURPOSE_SAFEGUARDING), "2026-12-01", "2027-03-01"}, SHARE_NO_CONSENT},
		{"no consent at all", {BASIS_CONSENT, PURPOSE_SAFEGUARDING, 1, 0, 0, "2026-12-01", "2027-03-01"}, SHARE_NO_CONSENT},
		{"a child needs no consent on child safeguarding", {BASIS_CHILD_SAFEGUARDING, PURPOSE_SAFEGUARDING, 1, 1, 0, "2026-12-01", "2027-03-01"}, SHARE_OK},
		{"child safeguarding needs a reason", {BASIS_CHILD_SAFEGUARDING, PURPOSE_SAFEGUARDING, 0, 1, 0, "2026-12-01", "2027-03-01"}, SHARE_REASON_NEEDED},
		{"child safeguarding is for children", {BASIS_CHILD_SAFEGUARDING, PURPOSE_SAFEGUARDING, 1, 0, 0, "2026-12-01", "2027-03-01"}, SHARE_NOT_A_CHILD},
		{"vital interests with a reason", {BASIS_VITAL_INTERESTS, PURPOSE_SAFEGUARDING, 1, 0, 0, "2026-12-01", "2027-03-01"}, SHARE_OK},
		{"vital interests without one", {BASIS_VITAL_INTERESTS, PURPOSE_SAFEGUARDING, 0, 0, 0, "2026-12-01", "2027-03-01"}, SHARE_REASON_NEEDED},
		{"a legal duty with a reason", {BASIS_LEGAL_DUTY, PURPOSE_HOUSING, 1, 0, 0, "2026-12-01", "2027-03-01"}, SHARE_OK},
		{"a legal duty without one", {BASIS_LEGAL_DUTY, PURPOSE_HOUSING, 0, 0, 0, "2026-12-01", "2027-03-01"}, SHARE_REASON_NEEDED},
		{"a child may also share on consent", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 1, CONSENTED(PURPOSE_SUPPORT), "2026-12-01", "2027-03-01"}, SHARE_OK},
		{"ending today", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2026-12-01", "2026-12-01"}, SHARE_OK},
		{"ending yesterday", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2026-12-01", "2026-11-30"}, SHARE_EXPIRY_PAST},
		{"twelve months ahead to the day", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2026-12-01", "2027-12-01"}, SHARE_OK},
		{"a day more than twelve months", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2026-12-01", "2027-12-02"}, SHARE_EXPIRY_TOO_LATE},
		{"from 29 February, to 28 February", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2028-02-29", "2029-02-28"}, SHARE_OK},
		{"from 29 February, not to 1 March", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2028-02-29", "2029-03-01"}, SHARE_EXPIRY_TOO_LATE},
		{"no end date", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2026-12-01", NULL}, SHARE_EXPIRY_INVALID},
		{"an end date that is not a date", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, CONSENTED(PURPOSE_SUPPORT), "2026-12-01", "2027-02-30"}, SHARE_EXPIRY_INVALID},
		{"consent is checked before the dates", {BASIS_CONSENT, PURPOSE_SUPPORT, 0, 0, 0, "2026-12-01", "1999-01-01"}, SHARE_NO_CONSENT},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		share_check got = share_allowed(&rows[i].ask);
		if (got != rows[i].want)
			fail_msg("%s: got %d, want %d", rows[i].why, got, rows[i].want);
	}
}

static void test_each_refusal_names_its_field(void **state)
{
	(void)state;
	assert_string_equal(share_check_field(SHARE_NO_CONSENT), "basis");
	assert_string_equal(share_check_field(SHARE_NOT_A_CHILD), "basis");
	assert_string_equal(share_check_field(SHARE_REASON_NEEDED), "reason");
	assert_string_equal(share_check_field(SHARE_EXPIRY_PAST), "expires_on");
	assert_string_equal(share_check_field(SHARE_EXPIRY_TOO_LATE), "expires_on");
	assert_string_equal(share_check_field(SHARE_EXPIRY_INVALID), "expires_on");
	for (int c = SHARE_NO_CONSENT; c <= SHARE_EXPIRY_TOO_LATE; c++)
		assert_true(strlen(share_check_message((share_check)c)) > 10);
}

static void test_codes_and_words(void **state)
{
	(void)state;
	assert_int_equal(share_section_of("identity"), SECTION_IDENTITY);
	assert_int_equal(share_section_of("safeguarding_plan"), SECTION_SAFEGUARDING_PLAN);
	/* Nothing sealed, no suspects, no notes, no investigation. */
	static const char *const never[] = {"immigration_status", "suspects", "notes", "investigation", "people", "case", ""};
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		assert_int_equal(share_section_of(never[i]), -1);
	assert_int_equal(share_section_of(NULL), -1);
	assert_int_equal(share_basis_of("child_safeguarding"), BASIS_CHILD_SAFEGUARDING);
	assert_int_equal(share_basis_of("contract"), -1);
	assert_int_equal(share_purpose_of("immigration_advice"), PURPOSE_IMMIGRATION_ADVICE);
	assert_int_equal(share_purpose_of("marketing"), -1);
	for (int s = 0; s < SECTION_COUNT; s++)
		assert_int_equal(share_section_of(share_section_code((share_section)s)), s);
	assert_string_equal(share_basis_label(BASIS_CHILD_SAFEGUARDING), "Safeguarding a child (Children Act 1989, section 47)");
	assert_string_equal(share_purpose_label(PURPOSE_HOUSING), "Housing");
	assert_true(share_consent_method_ok("easy_read"));
	assert_false(share_consent_method_ok("email"));
	assert_true(share_consent_interpreter_ok("telephone"));
	assert_false(share_consent_interpreter_ok("yes"));
	assert_false(share_consent_interpreter_ok(NULL));
}

static void test_a_share_lives_to_midnight_of_its_last_day(void **state)
{
	(void)state;
	assert_true(share_live("2026-12-01", NULL, "2026-12-01"));
	assert_false(share_live("2026-11-30", NULL, "2026-12-01"));
	assert_false(share_live("2027-01-01", "2026-11-20T10:00:00Z", "2026-12-01"));
	assert_true(share_ending_soon("2026-12-15", "2026-12-01"));
	assert_false(share_ending_soon("2026-12-16", "2026-12-01"));
	assert_false(share_ending_soon("2026-11-30", "2026-12-01"));
	char latest[DATE_LEN];
	share_latest_expiry("2026-12-01", latest);
	assert_string_equal(latest, "2027-12-01");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_rule_of_sharing),
		cmocka_unit_test(test_each_refusal_names_its_field),
		cmocka_unit_test(test_codes_and_words),
		cmocka_unit_test(test_a_share_lives_to_midnight_of_its_last_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
