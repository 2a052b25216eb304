#include "unit/test.h"

#include "domain/person.h"

static void test_dates_are_real_calendar_dates(void **state)
{
	(void)state;
	int y, m, d;
	assert_int_equal(date_parse("2008-02-29", &y, &m, &d), 0);
	assert_int_equal(date_parse("2007-02-29", &y, &m, &d), -1);
	assert_int_equal(date_parse("2000-02-29", &y, &m, &d), 0);
	assert_int_equal(date_parse("1900-02-29", &y, &m, &d), -1);
	assert_int_equal(date_parse("2008-13-01", &y, &m, &d), -1);
	assert_int_equal(date_parse("2008-04-31", &y, &m, &d), -1);
	assert_int_equal(date_parse("08-04-01", &y, &m, &d), -1);
	assert_int_equal(date_parse("2008/04/01", &y, &m, &d), -1);
}

static void test_age_and_the_child_presumption(void **state)
{
	(void)state;
	assert_int_equal(age_on("2008-11-28", "2026-11-28"), 18);
	assert_int_equal(age_on("2008-11-29", "2026-11-28"), 17);
	assert_int_equal(age_on("2008-02-29", "2026-02-28"), 17);
	assert_int_equal(age_on("2008-02-29", "2026-03-01"), 18);
	assert_int_equal(age_on("2030-01-01", "2026-01-01"), -1);
	assert_true(presumed_child("2008-11-29", -1, 0, "2026-11-28"));
	assert_false(presumed_child("2008-11-28", -1, 0, "2026-11-28"));
	assert_true(presumed_child(NULL, 16, 0, "2026-11-28"));
	assert_false(presumed_child(NULL, 25, 0, "2026-11-28"));
	assert_false(presumed_child(NULL, -1, 0, "2026-11-28"));
	/* Disputed age: a child until determined, whatever was claimed. */
	assert_true(presumed_child("1990-01-01", 30, 1, "2026-11-28"));
}

static void test_nationalities(void **state)
{
	(void)state;
	const char *ok[] = {"GB", "AL", "VN", "ER", "SD", "RO", "PL", "XK"};
	for (size_t i = 0; i < 8; i++)
		assert_true(nationality_valid(ok[i]));
	const char *bad[] = {"gb", "UK", "G", "GBR", "", "ZZ"};
	for (size_t i = 0; i < 6; i++)
		assert_false(nationality_valid(bad[i]));
}

static void test_language_tags(void **state)
{
	(void)state;
	const char *ok[] = {"sq", "vi", "ar-SY", "zh-Hant-HK", "ti", "ro", "en-GB", "yue"};
	for (size_t i = 0; i < 8; i++)
		assert_true(language_tag_valid(ok[i]));
	const char *bad[] = {"", "e", "english", "ar-", "-ar", "ar--SY", "ar SY", "12"};
	for (size_t i = 0; i < 8; i++)
		if (language_tag_valid(bad[i]))
			fail_msg("accepted %s", bad[i]);
	assert_true(gender_valid("female"));
	assert_false(gender_valid("F"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_are_real_calendar_dates),
		cmocka_unit_test(test_age_and_the_child_presumption),
		cmocka_unit_test(test_nationalities),
		cmocka_unit_test(test_language_tags),
	};
	return cmocka_run_group_tests_name("domain/person", tests, NULL, NULL);
}
