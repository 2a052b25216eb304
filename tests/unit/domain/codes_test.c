/* Countries and languages by name: codes found by their English names
 * whatever the case and accents, names found by codes, and the tables
 * sorted by name for the pages' lists. */
#include "unit/test.h"

#include <string.h>

#include "domain/codes.h"
#include "domain/person.h"

static void test_a_country_is_found_by_code_or_by_any_of_its_names(void **state)
{
	(void)state;
	assert_string_equal(codes_country("VN")->name, "Vietnam");
	assert_string_equal(codes_country("XK")->name, "Kosovo");
	assert_null(codes_country("vn")); /* codes are upper case */
	assert_null(codes_country("ZZ"));
	assert_null(codes_country(NULL));
	static const char *const names[][2] = {
		{"Albania", "AL"},	    {"albania", "AL"},	 {"Viet Nam", "VN"}, {"VIETNAM", "VN"},
		{"Cote d'Ivoire", "CI"}, {"Côte d'Ivoire", "CI"}, {"United Kingdom", "GB"}, {"Eritrea", "ER"},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const code_name *c = codes_country_named(names[i][0]);
		assert_non_null(c);
		assert_string_equal(c->code, names[i][1]);
	}
	assert_null(codes_country_named("Albani"));
	assert_null(codes_country_named(""));
	assert_null(codes_country_named(NULL));
}

static void test_a_language_is_found_by_tag_or_by_name(void **state)
{
	(void)state;
	assert_string_equal(codes_language("ro")->name, "Romanian");
	assert_string_equal(codes_language("ar-SY")->name, "Arabic");
	assert_null(codes_language("xx"));
	assert_null(codes_language("ara")); /* three letters: not in the two-letter table */
	assert_string_equal(codes_language_named("romanian")->code, "ro");
	assert_string_equal(codes_language_named("Moldovan")->code, "ro");
	assert_string_equal(codes_language_named("Pashto")->code, "ps");
	assert_null(codes_language_named("Klingonese"));
}

static void test_a_person_s_codes_come_from_codes_or_names(void **state)
{
	(void)state;
	static const char *const countries[][2] = {{"AL", "AL"}, {"Albania", "AL"}, {"Atlantis", NULL}, {"al", NULL}};
	for (size_t i = 0; i < sizeof countries / sizeof *countries; i++) {
		char code[PERSON_CODE_MAX];
		int rc = person_nationality_code(countries[i][0], code);
		if (countries[i][1]) {
			assert_int_equal(rc, 0);
			assert_string_equal(code, countries[i][1]);
		} else {
			assert_int_equal(rc, -1);
		}
	}
	static const char *const languages[][2] = {
		{"ar-SY", "ar-SY"}, {"Romanian", "ro"},	      {"Arabic (Syria)", "ar-SY"}, {"arabic (syrian arab republic)", "ar-SY"},
		{"Romulan", NULL},  {"Arabic (Atlantis)", NULL}, {"Arabic (", NULL},	     {"Romulan (Syria)", NULL},
	};
	for (size_t i = 0; i < sizeof languages / sizeof *languages; i++) {
		char code[PERSON_CODE_MAX];
		int rc = person_language_code(languages[i][0], code);
		if (languages[i][1]) {
			if (rc != 0)
				fail_msg("%s was not read", languages[i][0]);
			assert_string_equal(code, languages[i][1]);
		} else if (rc != -1) {
			fail_msg("%s was read as %s", languages[i][0], code);
		}
	}
	char code[PERSON_CODE_MAX];
	assert_int_equal(person_nationality_code(NULL, code), -1);
	assert_int_equal(person_language_code(NULL, code), -1);
}

static void test_the_tables_are_sorted_by_name_with_one_entry_a_code(void **state)
{
	(void)state;
	assert_true(codes_ncountries >= 249);
	assert_true(codes_nlanguages >= 180);
	for (int i = 1; i < codes_ncountries; i++)
		assert_true(strcmp(codes_countries[i - 1].name, codes_countries[i].name) <= 0);
	for (int i = 1; i < codes_nlanguages; i++)
		assert_true(strcmp(codes_languages[i - 1].name, codes_languages[i].name) <= 0);
	for (int i = 0; i < codes_ncountries; i++)
		assert_ptr_equal(codes_country(codes_countries[i].code), &codes_countries[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_country_is_found_by_code_or_by_any_of_its_names),
		cmocka_unit_test(test_a_language_is_found_by_tag_or_by_name),
		cmocka_unit_test(test_a_person_s_codes_come_from_codes_or_names),
		cmocka_unit_test(test_the_tables_are_sorted_by_name_with_one_entry_a_code),
	};
	return cmocka_run_group_tests_name("domain/codes", tests, NULL, NULL);
}
