/* Words for codes and times: dates and UK clock times in words, each list's
 * codes by name, and a code no list holds spelled out rather than shown. */
#include "unit/test.h"

#include "domain/words.h"

static void test_dates_read_as_words(void **state)
{
	(void)state;
	char s[40];
	words_long_date("2027-01-04", s, sizeof s);
	assert_string_equal(s, "4 January 2027");
	words_long_date("2026-12-31", s, sizeof s);
	assert_string_equal(s, "31 December 2026");
	words_long_date("2026-13-01", s, sizeof s);
	assert_string_equal(s, "2026-13-01");
	words_long_date(NULL, s, sizeof s);
	assert_string_equal(s, "");
}

static void test_times_read_on_the_uk_clock(void **state)
{
	(void)state;
	char s[60];
	/* winter: UTC is UK time */
	words_long_time("2026-01-04T09:05:00.000Z", s, sizeof s);
	assert_string_equal(s, "4 January 2026 at 09:05");
	/* summer: an hour ahead, and past midnight the next day */
	words_long_time("2026-07-31T23:30:00.000Z", s, sizeof s);
	assert_string_equal(s, "1 August 2026 at 00:30");
	words_long_time("not a time", s, sizeof s);
	assert_string_equal(s, "not a time");
	words_of(WORDS_TIME, "2026-10-25T00:59:59.000Z", s, sizeof s);
	assert_string_equal(s, "25 October 2026 at 01:59");
	words_of(WORDS_TIME, "2026-10-25T01:00:00.000Z", s, sizeof s);
	assert_string_equal(s, "25 October 2026 at 01:00");
}

static void test_codes_read_as_names(void **state)
{
	(void)state;
	static const struct {
		words_list list;
		const char *code, *want;
	} cases[] = {
	    {WORDS_CASE_ROLE, "potential_victim", "Potential victim"},
	    {WORDS_COUNTRY, "AL", "Albania"},
	    {WORDS_LANGUAGE, "ro", "Romanian"},
	    {WORDS_GENDER, "other", "Another gender"},
	    {WORDS_NRM_TYPE, "labour", "Labour exploitation"},
	    {WORDS_NRM_STATUS, "reasonable_grounds_positive", "Positive Reasonable Grounds decision"},
	    {WORDS_AUTHORITY, "single", "Single Competent Authority"},
	    {WORDS_RISK, "no_apparent_risk", "No apparent risk"},
	    {WORDS_SHARE_BASIS, "child_safeguarding",
	     "Safeguarding a child (Children Act 1989, section 47)"},
	    {WORDS_SHARE_PURPOSE, "immigration_advice", "Immigration advice"},
	    {WORDS_USER_ROLE, "opcc", "Police and Crime Commissioner's office"},
	    {WORDS_AUDIT_ACTION, "person_viewed", "Read your record"},
	    {WORDS_DATE, "2022-01-04", "4 January 2022"},
	    {WORDS_AS_WRITTEN, "court_order", "court_order"},
	};
	char s[200];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		words_of(cases[i].list, cases[i].code, s, sizeof s);
		assert_string_equal(s, cases[i].want);
	}
}

static void test_an_unlisted_code_is_spelled_out(void **state)
{
	(void)state;
	char s[40];
	words_of(WORDS_AUDIT_ACTION, "person_rewritten_twice", s, sizeof s);
	assert_string_equal(s, "Person rewritten twice");
	words_of(WORDS_COUNTRY, "ZZ", s, sizeof s);
	assert_string_equal(s, "ZZ");
	char small[5];
	words_of(WORDS_AUDIT_ACTION, "unlisted_action", small, sizeof small);
	assert_string_equal(small, "Unli");
	words_of(WORDS_CASE_ROLE, NULL, s, sizeof s);
	assert_string_equal(s, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates_read_as_words),
	    cmocka_unit_test(test_times_read_on_the_uk_clock),
	    cmocka_unit_test(test_codes_read_as_names),
	    cmocka_unit_test(test_an_unlisted_code_is_spelled_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
