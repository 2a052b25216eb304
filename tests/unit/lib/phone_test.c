#include "unit/test.h"

#include "lib/phone.h"

typedef struct {
	const char *written, *e164;
} spelling;

/* Each way a UK number turns up in statements, phones and adverts reaches
 * the same E.164 number, so the same phone is one selector. */
static const spelling uk_spellings[] = {
    {"07700 900123", "+447700900123"},
    {"07700900123", "+447700900123"},
    {"07700-900-123", "+447700900123"},
    {"(07700) 900123", "+447700900123"},
    {"07700 900 123", "+447700900123"},
    {"0770 090 0123", "+447700900123"},
    {"+44 7700 900123", "+447700900123"},
    {"+447700900123", "+447700900123"},
    {"+44 (0)7700 900123", "+447700900123"},
    {"+44(0)7700900123", "+447700900123"},
    {"+44 ( 0 ) 7700 900123", "+447700900123"},
    {"+44 07700 900123", "+447700900123"},
    {"0044 7700 900123", "+447700900123"},
    {"0044 (0)7700-900123", "+447700900123"},
    {"(+44) 7700 900123", "+447700900123"},
    {"447700900123", "+447700900123"},
    {"tel:+44-7700-900123", "+447700900123"},
    {"TEL:+447700900123", "+447700900123"},
    {"tel:07700900123;phone-context=+44", "+447700900123"},
    {"  07700.900.123  ", "+447700900123"},
    {"07700\xc2\xa0" "900123", "+447700900123"},	 /* no-break space */
    {"07700\xe2\x80\x93" "900123", "+447700900123"}, /* en dash */
    {"07911 123456", "+447911123456"},
    {"+44 7911 123456", "+447911123456"},
    /* Landlines, London and elsewhere. */
    {"020 7946 0123", "+442079460123"},
    {"(020) 7946 0123", "+442079460123"},
    {"0207 946 0123", "+442079460123"},
    {"+44 20 7946 0123", "+442079460123"},
    {"+44 (0)20 7946 0123", "+442079460123"},
    {"020 8123 4567", "+442081234567"},
    {"01793 466000", "+441793466000"},
    {"(01793) 466000", "+441793466000"},
    /* Ofcom's drama ranges. */
    {"01632 960123", "+441632960123"},
    {"0113 496 0000", "+441134960000"},
    {"0114 496 0999", "+441144960999"},
    {"0115 4960123", "+441154960123"},
    {"0116 496 0123", "+441164960123"},
    {"0117 496 0123", "+441174960123"},
    {"0118 496 0123", "+441184960123"},
    {"0121 496 0123", "+441214960123"},
    {"0131 496 0123", "+441314960123"},
    {"0141 496 0123", "+441414960123"},
    {"0151 496 0123", "+441514960123"},
    {"0161 496 0123", "+441614960123"},
    {"0191 498 0123", "+441914980123"},
    {"028 9649 6123", "+442896496123"},
    {"029 2018 0123", "+442920180123"},
    {"0306 999 0123", "+443069990123"},
    {"0808 157 0123", "+448081570123"},
    {"0909 879 0123", "+449098790123"},
    {"07700 900000", "+447700900000"},
    {"07700 900999", "+447700900999"},
};

static void test_uk_numbers_in_any_usual_spelling_reach_one_e164(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof uk_spellings / sizeof *uk_spellings; i++) {
		char out[PHONE_MAX];
		int rc = phone_e164(uk_spellings[i].written, "GB", out, sizeof out);
		if (rc != 0 || strcmp(out, uk_spellings[i].e164) != 0)
			fail_msg("\"%s\": rc %d, \"%s\", want \"%s\"", uk_spellings[i].written, rc,
				 out, uk_spellings[i].e164);
	}
}

static void test_a_null_region_means_the_uk(void **state)
{
	(void)state;
	char out[PHONE_MAX];
	assert_int_equal(phone_e164("07700 900123", NULL, out, sizeof out), 0);
	assert_string_equal(out, "+447700900123");
}

/* Numbers from abroad, written with their country code (+ or 00). */
static const spelling foreign[] = {
    {"+33 6 12 34 56 78", "+33612345678"},	/* France, mobile */
    {"0033 6 12 34 56 78", "+33612345678"},
    {"+33 (0)6 12 34 56 78", "+33612345678"},
    {"+355 69 212 3456", "+355692123456"},	/* Albania */
    {"+84 91 234 56 78", "+84912345678"},	/* Vietnam */
    {"+40 721 234 567", "+40721234567"},	/* Romania */
    {"+48 512 345 678", "+48512345678"},	/* Poland */
    {"+1 (415) 555-2671", "+14155552671"},	/* United States */
    {"+234 803 123 4567", "+2348031234567"},	/* Nigeria */
    {"+49 30 901820", "+4930901820"},		/* Germany, Berlin */
    {"+353 85 123 4567", "+353851234567"},	/* Ireland */
};

static void test_foreign_numbers_with_their_country_code(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof foreign / sizeof *foreign; i++) {
		char out[PHONE_MAX];
		int rc = phone_e164(foreign[i].written, "GB", out, sizeof out);
		if (rc != 0 || strcmp(out, foreign[i].e164) != 0)
			fail_msg("\"%s\": rc %d, \"%s\", want \"%s\"", foreign[i].written, rc, out,
				 foreign[i].e164);
	}
}

typedef struct {
	const char *written;
	int rc;
} refusal;

static const refusal refused[] = {
    /* Not a phone number at all. */
    {"", -1},
    {"   ", -1},
    {"abc", -1},
    {"0800 FLOWERS", -1},
    {"07700 900123 ext 4", -1},
    {"07700 900123 or 07700 900124", -1},
    {"077OO 9OO123", -1}, /* letter O for nought */
    {"07700+900123", -1}, /* + only first */
    {"07700 900123!", -1},
    {"tel:", -1},
    {"12345678901234567890123", -1}, /* too many digits to be any number */
    /* Digits, but no valid number. */
    {"123", -2},
    {"07700 90012", -2},     /* a digit short */
    {"07700 9001234", -2},   /* a digit over */
    {"07700 901000", -2},    /* beside the drama range, not in it */
    {"020 7946", -2},        /* too short */
    {"06 12 34 56 78", -2},  /* French national form without +33 */
    {"069 212 3456", -2},    /* Albanian national form without +355 */
    {"+44 1 23", -2},        /* too short for the UK */
    {"+33 1 23", -2},        /* too short for France */
    {"+999 1234 5678", -2},  /* no such country code */
    {"999", -2},             /* an emergency number is no selector */
};

static void test_what_is_not_a_valid_number_is_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		char out[PHONE_MAX] = "unchanged";
		int rc = phone_e164(refused[i].written, "GB", out, sizeof out);
		if (rc != refused[i].rc || out[0] != '\0')
			fail_msg("\"%s\": rc %d (\"%s\"), want %d and empty", refused[i].written, rc,
				 out, refused[i].rc);
	}
	char out[PHONE_MAX];
	assert_int_equal(phone_e164(NULL, "GB", out, sizeof out), -1);
}

static void test_a_long_written_form_is_refused_unread(void **state)
{
	(void)state;
	char written[200];
	memset(written, ' ', sizeof written - 1);
	written[sizeof written - 1] = '\0';
	memcpy(written + 150, "07700900123", 11);
	char out[PHONE_MAX];
	assert_int_equal(phone_e164(written, "GB", out, sizeof out), -1);
}

static void test_an_output_too_small_is_refused_not_overrun(void **state)
{
	(void)state;
	char out[13] = "xxxxxxxxxxxx"; /* "+447700900123" needs 14 */
	assert_int_equal(phone_e164("07700 900123", "GB", out, sizeof out), -1);
	assert_string_equal(out, "");
	char display[8];
	assert_int_equal(phone_international("+447700900123", display, sizeof display), -1);
	assert_string_equal(display, "");
	assert_int_equal(phone_e164("07700 900123", "GB", out, 0), -1);
}

static const spelling shown[] = {
    {"+447700900123", "+44 7700 900123"},
    {"+442079460123", "+44 20 7946 0123"},
    {"+441632960123", "+44 1632 960123"},
    {"+441614960123", "+44 161 496 0123"},
    {"+442896496123", "+44 28 9649 6123"},
    {"+33612345678", "+33 6 12 34 56 78"},
    {"+355692123456", "+355 69 212 3456"},
    {"+84912345678", "+84 91 234 56 78"},
};

static void test_numbers_read_in_international_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
		char out[PHONE_MAX];
		int rc = phone_international(shown[i].written, out, sizeof out);
		if (rc != 0 || strcmp(out, shown[i].e164) != 0)
			fail_msg("\"%s\": rc %d, \"%s\", want \"%s\"", shown[i].written, rc, out,
				 shown[i].e164);
	}
}

static void test_international_format_takes_only_e164(void **state)
{
	(void)state;
	const char *bad[] = {NULL,	      "",		"447700900123",	  "07700900123",
			     "+44 7700 900123", "+447700901000", "+44770090012x", "+0447700900123",
			     "+12345678901234567"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char out[PHONE_MAX];
		if (phone_international(bad[i], out, sizeof out) != -1)
			fail_msg("accepted \"%s\"", bad[i] ? bad[i] : "(null)");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_uk_numbers_in_any_usual_spelling_reach_one_e164),
	    cmocka_unit_test(test_a_null_region_means_the_uk),
	    cmocka_unit_test(test_foreign_numbers_with_their_country_code),
	    cmocka_unit_test(test_what_is_not_a_valid_number_is_refused),
	    cmocka_unit_test(test_a_long_written_form_is_refused_unread),
	    cmocka_unit_test(test_an_output_too_small_is_refused_not_overrun),
	    cmocka_unit_test(test_numbers_read_in_international_format),
	    cmocka_unit_test(test_international_format_takes_only_e164),
	};
	return cmocka_run_group_tests_name("lib/phone", tests, NULL, NULL);
}
