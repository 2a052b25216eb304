#include "unit/test.h"

#include "domain/selectors.h"

/* One value as written and the normal form it must reach, or (normal NULL)
 * the words its refusal must contain. */
typedef struct {
	selector_value v;
	const char *normal;
	const char *why;
} row;

static void check_rows(selector_kind k, const row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char out[SELECTOR_MAX];
		const char *why = NULL;
		int rc = selector_normalise(k, &rows[i].v, out, sizeof out, &why);
		const char *shown = rows[i].v.text      ? rows[i].v.text
				    : rows[i].v.line1    ? rows[i].v.line1
				    : rows[i].v.number   ? rows[i].v.number
				    : rows[i].v.handle   ? rows[i].v.handle
				    : rows[i].v.sort_code ? rows[i].v.sort_code
							  : "(parts)";
		if (rows[i].normal) {
			if (rc != 0 || strcmp(out, rows[i].normal) != 0)
				fail_msg("%s row %zu \"%s\": rc %d \"%s\" (%s), want \"%s\"",
					 selector_kind_name(k), i, shown, rc, out, rc ? why : "",
					 rows[i].normal);
		} else {
			if (rc != -1 || !why || out[0] != '\0')
				fail_msg("%s row %zu \"%s\": accepted as \"%s\"", selector_kind_name(k),
					 i, shown, out);
			if (!strstr(why, rows[i].why))
				fail_msg("%s row %zu \"%s\": why \"%s\" lacks \"%s\"",
					 selector_kind_name(k), i, shown, why, rows[i].why);
		}
	}
}

#define CHECK_ROWS(k, rows) check_rows(k, rows, sizeof rows / sizeof *rows)

static void test_kinds_have_one_name_and_label_each(void **state)
{
	(void)state;
	static const char *const names[] = {"phone",	    "email",	    "postcode",
					    "address",	    "vehicle",	    "bank_account",
					    "identity_document", "social_handle"};
	for (int k = 0; k < SEL_KIND_COUNT; k++) {
		assert_string_equal(selector_kind_name((selector_kind)k), names[k]);
		assert_int_equal(selector_kind_parse(names[k]), k);
		assert_string_not_equal(selector_kind_label((selector_kind)k), "?");
	}
	assert_string_equal(selector_kind_label(SEL_PHONE), "Phone number");
	assert_string_equal(selector_kind_label(SEL_BANK_ACCOUNT), "Bank account");
	assert_int_equal(selector_kind_parse("Phone"), -1);
	assert_int_equal(selector_kind_parse(""), -1);
	assert_int_equal(selector_kind_parse(NULL), -1);
	assert_string_equal(selector_kind_name(SEL_KIND_COUNT), "?");
	assert_string_equal(selector_kind_label((selector_kind)-1), "?");
}

static const row phones[] = {
    {{.text = "07700 900123"}, "+447700900123", NULL},
    {{.text = "+44 (0)7700 900123"}, "+447700900123", NULL},
    {{.text = "0044 (0)7700-900123"}, "+447700900123", NULL},
    {{.text = "tel:+44-7700-900123"}, "+447700900123", NULL},
    {{.text = "(020) 7946 0123"}, "+442079460123", NULL},
    {{.text = "+33 6 12 34 56 78"}, "+33612345678", NULL},
    {{.text = "06 12 34 56 78"}, NULL, "needs its country code"},
    {{.text = "07700 90012"}, NULL, "is not a valid UK number"},
    {{.text = "+33 1 23"}, NULL, "not a valid number in the country its code gives"},
    {{.text = "call 07700 900123"}, NULL, "is not a phone number"},
    {{.text = ""}, NULL, "is not a phone number"},
    {{.text = NULL}, NULL, "is missing"},
};

static void test_phone_numbers_reach_e164_and_refusals_say_why(void **state)
{
	(void)state;
	CHECK_ROWS(SEL_PHONE, phones);
}

static const row emails[] = {
    {{.text = "name@example.com"}, "name@example.com", NULL},
    {{.text = "Boss.UK@Example.COM"}, "boss.uk@example.com", NULL},
    {{.text = "  boss.uk@example.com \t"}, "boss.uk@example.com", NULL},
    {{.text = "mailto:Boss@Example.com"}, "boss@example.com", NULL},
    {{.text = "jobs+uk@mail.example.co.uk"}, "jobs+uk@mail.example.co.uk", NULL},
    {{.text = "o'neill@example.ie"}, "o'neill@example.ie", NULL},
    {{.text = "name@xn--bcher-kva.example"}, "name@xn--bcher-kva.example", NULL},
    {{.text = "name@example.xn--p1ai"}, "name@example.xn--p1ai", NULL},
    {{.text = "nameexample.com"}, NULL, "has no @"},
    {{.text = "name@@example.com"}, NULL, "more than one @"},
    {{.text = "na me@example.com"}, NULL, "has a space"},
    {{.text = "name@exam ple.com"}, NULL, "has a space"},
    {{.text = "@example.com"}, NULL, "1 to 64 characters"},
    {{.text = ".name@example.com"}, NULL, "cannot start or end with a full stop"},
    {{.text = "name.@example.com"}, NULL, "cannot start or end with a full stop"},
    {{.text = "na..me@example.com"}, NULL, "a character email addresses cannot have"},
    {{.text = "na(me)@example.com"}, NULL, "a character email addresses cannot have"},
    {{.text = "name@localhost"}, NULL, "not a domain"},
    {{.text = "name@example"}, NULL, "not a domain"},
    {{.text = "name@example.c"}, NULL, "not a domain"},
    {{.text = "name@example.123"}, NULL, "not a domain"},
    {{.text = "name@-example.com"}, NULL, "not a domain"},
    {{.text = "name@example-.com"}, NULL, "not a domain"},
    {{.text = "name@example..com"}, NULL, "not a domain"},
    {{.text = "name@exa_mple.com"}, NULL, "not a domain"},
    {{.text = "name@"}, NULL, "not a domain"},
    {{.text = ""}, NULL, "is missing"},
};

static void test_emails_lower_cased_and_checked(void **state)
{
	(void)state;
	CHECK_ROWS(SEL_EMAIL, emails);
}

static const row postcodes[] = {
    {{.text = "SN1 2JH"}, "SN1 2JH", NULL},
    {{.text = "sn12jh"}, "SN1 2JH", NULL},
    {{.text = " sn1  2jh "}, "SN1 2JH", NULL},
    {{.text = "M1 1AE"}, "M1 1AE", NULL},	    /* A9 */
    {{.text = "B33 8TH"}, "B33 8TH", NULL},	    /* A99 */
    {{.text = "CR2 6XH"}, "CR2 6XH", NULL},	    /* AA9 */
    {{.text = "DN55 1PT"}, "DN55 1PT", NULL},	    /* AA99 */
    {{.text = "W1A 0AX"}, "W1A 0AX", NULL},	    /* A9A */
    {{.text = "ec1a1bb"}, "EC1A 1BB", NULL},	    /* AA9A */
    {{.text = "GIR 0AA"}, "GIR 0AA", NULL},
    {{.text = "SN1"}, NULL, "is not a UK postcode"},
    {{.text = "SN1 2J"}, NULL, "is not a UK postcode"},
    {{.text = "SN1 2JHX"}, NULL, "is not a UK postcode"},
    {{.text = "1SN 2JH"}, NULL, "is not a UK postcode"},
    {{.text = "SNN1 2JH"}, NULL, "is not a UK postcode"},
    {{.text = "S1N1 2JH"}, NULL, "is not a UK postcode"},
    {{.text = "SN1 JJH"}, NULL, "is not a UK postcode"},
    {{.text = "SN1-2JH"}, NULL, "is not a UK postcode"},
    {{.text = "75008"}, NULL, "is not a UK postcode"},
    {{.text = ""}, NULL, "is missing"},
};

static void test_postcodes_take_the_uk_format_with_one_space(void **state)
{
	(void)state;
	CHECK_ROWS(SEL_POSTCODE, postcodes);
}

static void test_the_postcode_rule_places_share(void **state)
{
	(void)state;
	char pc[9];
	assert_int_equal(selector_uk_postcode("ba148aa", pc), 1);
	assert_string_equal(pc, "BA14 8AA");
	assert_int_equal(selector_uk_postcode("EC1A 1BB", pc), 1);
	assert_string_equal(pc, "EC1A 1BB");
	assert_int_equal(selector_uk_postcode("SN1\t2JH", pc), 0);
	assert_int_equal(selector_uk_postcode("SW1A 1AAA", pc), 0);
	assert_int_equal(selector_uk_postcode(NULL, pc), 0);
}

static const row addresses[] = {
    {{.line1 = "Flat 2, 14 High Street", .postcode = "SN1 2AB"}, "SN1 2AB|FLAT 2 14 HIGH STREET",
     NULL},
    {{.line1 = "flat 2 14 high street", .postcode = "sn12ab"}, "SN1 2AB|FLAT 2 14 HIGH STREET",
     NULL},
    {{.line1 = "  Flat 2,  14, High St. ", .postcode = "SN1 2AB"},
     "SN1 2AB|FLAT 2 14 HIGH STREET", NULL},
    {{.line1 = "Flat 2/14 High Street", .postcode = "SN1 2AB"}, "SN1 2AB|FLAT 2 14 HIGH STREET",
     NULL},
    {{.line1 = "St. John's Rd", .postcode = "BA14 8AA"}, "BA14 8AA|ST JOHNS ROAD", NULL},
    {{.line1 = "St John\xe2\x80\x99s Road", .postcode = "BA14 8AA"}, "BA14 8AA|ST JOHNS ROAD", NULL},
    {{.line1 = "14-16 Station Ave", .postcode = "SN2 1DL"}, "SN2 1DL|14 16 STATION AVENUE", NULL},
    {{.line1 = "The Laurels", .postcode = "SN2 1DL"}, "SN2 1DL|THE LAURELS", NULL},
    {{.line1 = "St", .postcode = "SN2 1DL"}, "SN2 1DL|ST", NULL}, /* a lone word is kept */
    /* Only ASCII letters are capitalised; others are kept as written. */
    {{.line1 = "T\xc5\xb7 Gwyn", .postcode = "CF10 1AA"}, "CF10 1AA|T\xc5\xb7 GWYN", NULL},
    {{.line1 = "14 High Street", .postcode = NULL}, NULL, "needs the postcode"},
    {{.line1 = "14 High Street", .postcode = "75008"}, NULL, "not a UK postcode"},
    {{.line1 = NULL, .postcode = "SN1 2AB"}, NULL, "needs the first line"},
    {{.line1 = "  ", .postcode = "SN1 2AB"}, NULL, "needs the first line"},
    {{.line1 = ", . -", .postcode = "SN1 2AB"}, NULL, "needs the first line"},
};

static void test_addresses_match_by_postcode_and_first_line(void **state)
{
	(void)state;
	CHECK_ROWS(SEL_ADDRESS, addresses);
}

static const row vehicles[] = {
    {{.text = "AB12 CDE"}, "AB12CDE", NULL},
    {{.text = "ab12cde"}, "AB12CDE", NULL},
    {{.text = " ab-12 cde "}, "AB12CDE", NULL},
    {{.text = "A123 BCD"}, "A123BCD", NULL},
    {{.text = "B 123 ABC"}, "B123ABC", NULL}, /* Romanian */
    {{.text = "AB12.CDE"}, NULL, "only letters and digits"},
    {{.text = "AB12_CDE"}, NULL, "only letters and digits"},
    {{.text = "A"}, NULL, "2 to 10"},
    {{.text = "ABCDEFGHIJK"}, NULL, "2 to 10"},
    {{.text = " "}, NULL, "is missing"},
};

static void test_vehicles_in_capitals_without_spaces(void **state)
{
	(void)state;
	CHECK_ROWS(SEL_VEHICLE, vehicles);
}

/* Published example IBANs (the SWIFT IBAN registry's), with their normal forms. */
static const struct {
	const char *written, *normal;
} ibans[] = {
    {"GB82 WEST 1234 5698 7654 32", "GB:123456:98765432"},
    {"GB33BUKB20201555555555", "GB:202015:55555555"},
    {"DE89 3704 0044 0532 0130 00", "DE89370400440532013000"},
    {"FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"},
    {"NL91 ABNA 0417 1643 00", "NL91ABNA0417164300"},
    {"ES91 2100 0418 4502 0005 1332", "ES9121000418450200051332"},
    {"IE29 AIBK 9311 5212 3456 78", "IE29AIBK93115212345678"},
    {"RO49 AAAA 1B31 0075 9384 0000", "RO49AAAA1B31007593840000"},
    {"PL61 1090 1014 0000 0712 1981 2874", "PL61109010140000071219812874"},
    {"BE68 5390 0754 7034", "BE68539007547034"},
    {"AL47 2121 1009 0000 0002 3569 8741", "AL47212110090000000235698741"},
    {"NO93 8601 1117 947", "NO9386011117947"},
    {"MT84 MALT 0110 0001 2345 MTLC AST0 01S", "MT84MALT011000012345MTLCAST001S"},
    {"de89370400440532013000", "DE89370400440532013000"},
    {" DE89-3704-0044-0532-0130-00 ", "DE89370400440532013000"},
};

static int bank_text(const char *text, char *out, const char **why)
{
	selector_value v = {.text = text};
	return selector_normalise(SEL_BANK_ACCOUNT, &v, out, SELECTOR_MAX, why);
}

static void test_published_ibans_reach_their_normal_forms(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof ibans / sizeof *ibans; i++) {
		char out[SELECTOR_MAX];
		const char *why = "";
		if (bank_text(ibans[i].written, out, &why) != 0 || strcmp(out, ibans[i].normal))
			fail_msg("\"%s\": \"%s\" (%s), want \"%s\"", ibans[i].written, out, why,
				 ibans[i].normal);
	}
}

/* The compact form of each published IBAN above, as written. */
static size_t compact(const char *s, char *buf)
{
	size_t n = 0;
	for (; *s; s++)
		if (*s != ' ')
			buf[n++] = *s;
	buf[n] = '\0';
	return n;
}

static void expect_refused(const char *iban, const char *words)
{
	char out[SELECTOR_MAX];
	const char *why = NULL;
	if (bank_text(iban, out, &why) != -1)
		fail_msg("accepted \"%s\" as \"%s\"", iban, out);
	if (!strstr(why, words))
		fail_msg("\"%s\": why \"%s\" lacks \"%s\"", iban, why, words);
}

static void test_an_iban_with_one_character_changed_fails_its_check(void **state)
{
	(void)state;
	for (size_t i = 0; i < 13; i++) {
		char buf[64];
		size_t n = compact(ibans[i].written, buf);
		/* Each digit of the account part, one up. */
		for (size_t j = 4; j < n; j++) {
			if (buf[j] < '0' || buf[j] > '9')
				continue;
			char was = buf[j];
			buf[j] = was == '9' ? '0' : (char)(was + 1);
			expect_refused(buf, "fails the IBAN check");
			buf[j] = was;
		}
		/* And the check digits. */
		buf[3] = buf[3] == '9' ? '0' : (char)(buf[3] + 1);
		expect_refused(buf, "fails the IBAN check");
	}
}

/* Mod 97 catches every swap of two neighbouring digits (not every swap
 * of a letter and a digit: "1B" and "B1" can agree). */
static void test_an_iban_with_two_digits_swapped_fails_its_check(void **state)
{
	(void)state;
	for (size_t i = 0; i < 13; i++) {
		char buf[64];
		size_t n = compact(ibans[i].written, buf);
		for (size_t j = 2; j + 1 < n; j++) {
			if (buf[j] == buf[j + 1] || buf[j] < '0' || buf[j] > '9' || buf[j + 1] < '0' ||
			    buf[j + 1] > '9')
				continue;
			char t = buf[j];
			buf[j] = buf[j + 1];
			buf[j + 1] = t;
			expect_refused(buf, "fails the IBAN check");
			buf[j + 1] = buf[j];
			buf[j] = t;
		}
	}
}

static void test_an_iban_of_the_wrong_length_for_its_country_is_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < 13; i++) {
		char buf[64];
		size_t n = compact(ibans[i].written, buf);
		buf[n - 1] = '\0';
		expect_refused(buf, "wrong number of characters for an IBAN from its country");
		buf[n - 1] = '0';
		buf[n] = '0';
		buf[n + 1] = '\0';
		expect_refused(buf, "wrong number of characters for an IBAN from its country");
	}
	/* A German IBAN's length, which is not a French one's. */
	expect_refused("FR89370400440532013000", "wrong number of characters");
}

static void test_what_is_not_an_iban_is_refused(void **state)
{
	(void)state;
	expect_refused("ZZ89 3704 0044 0532 0130 00", "not a country that uses IBANs");
	expect_refused("US64 SVBK US6S 3300 9673 8637", "not a country that uses IBANs");
	expect_refused("8937 0400 4405 3201 3000", "starts with a two-letter country code");
	expect_refused("DEXX 3704 0044 0532 0130 00", "starts with a two-letter country code");
	expect_refused("DE89/3704/0044/0532/0130/00", "only letters and digits");
	expect_refused("GB82", "starts with a two-letter country code");
	/* A GB IBAN whose bank or account part has the wrong kind of character. */
	expect_refused("GB25 1234 1234 5698 7654 32", "bank code is four letters");
	expect_refused("GB35 WEST 1234 56AB 7654 32", "sort code and account number are digits");
	expect_refused("", "needs an IBAN, or a sort code and an account number");
}

static const row uk_accounts[] = {
    {{.sort_code = "20-00-00", .account_number = "55779911"}, "GB:200000:55779911", NULL},
    {{.sort_code = "200000", .account_number = "55779911"}, "GB:200000:55779911", NULL},
    {{.sort_code = "20 00 00", .account_number = "5577 9911"}, "GB:200000:55779911", NULL},
    {{.sort_code = " 12-34-56 ", .account_number = "98765432"}, "GB:123456:98765432", NULL},
    {{.text = "20-00-00 55779911"}, "GB:200000:55779911", NULL}, /* 14 digits alone */
    {{.sort_code = "20-00-0", .account_number = "55779911"}, NULL, "sort code that is not 6"},
    {{.sort_code = "20-00-000", .account_number = "55779911"}, NULL, "sort code that is not 6"},
    {{.sort_code = "20-OO-00", .account_number = "55779911"}, NULL, "sort code that is not 6"},
    {{.sort_code = "20-00-00", .account_number = "5577991"}, NULL, "account number that is not 8"},
    {{.sort_code = "20-00-00", .account_number = "557799110"}, NULL,
     "account number that is not 8"},
    {{.sort_code = "20-00-00", .account_number = "5577991x"}, NULL,
     "account number that is not 8"},
    {{.sort_code = "20-00-00"}, NULL, "needs an IBAN, or a sort code and an account number"},
    {{.account_number = "55779911"}, NULL, "needs an IBAN, or a sort code and an account number"},
    {{.text = "GB82WEST12345698765432", .sort_code = "12-34-56"}, NULL, "give one"},
    {{.text = NULL}, NULL, "needs an IBAN, or a sort code and an account number"},
};

static void test_uk_accounts_by_sort_code_and_account_number(void **state)
{
	(void)state;
	CHECK_ROWS(SEL_BANK_ACCOUNT, uk_accounts);
}

static void test_a_gb_iban_matches_the_same_account_written_at_home(void **state)
{
	(void)state;
	char a[SELECTOR_MAX], b[SELECTOR_MAX];
	const char *why;
	selector_value home = {.sort_code = "12-34-56", .account_number = "98765432"};
	assert_int_equal(selector_normalise(SEL_BANK_ACCOUNT, &home, a, sizeof a, &why), 0);
	assert_int_equal(bank_text("GB82 WEST 1234 5698 7654 32", b, &why), 0);
	assert_string_equal(a, b);
}

static const row documents[] = {
    {{.country = "GB", .doc_type = "passport", .number = "123456789"}, "GB|passport|123456789",
     NULL},
    {{.country = "gb", .doc_type = "Passport", .number = " 123 456 789 "}, "GB|passport|123456789",
     NULL},
    {{.country = "AL", .doc_type = "national_identity_card", .number = "j12345678n"},
     "AL|national_identity_card|J12345678N", NULL},
    {{.country = "GB", .doc_type = "driving_licence", .number = "MORGA-753116-SM9IJ"},
     "GB|driving_licence|MORGA753116SM9IJ", NULL},
    {{.country = "GB", .doc_type = "residence_permit", .number = "ZU1234567"},
     "GB|residence_permit|ZU1234567", NULL},
    {{.country = "VN", .doc_type = "visa", .number = "V1234567"}, "VN|visa|V1234567", NULL},
    {{.country = "RO", .doc_type = "other", .number = "RX 123456"}, "RO|other|RX123456", NULL},
    {{.country = "UK", .doc_type = "passport", .number = "123456789"}, NULL,
     "code of the United Kingdom is GB"},
    {{.country = "ZZ", .doc_type = "passport", .number = "123456789"}, NULL,
     "not an ISO 3166-1 code"},
    {{.country = "GBR", .doc_type = "passport", .number = "123456789"}, NULL,
     "not an ISO 3166-1 code"},
    {{.country = NULL, .doc_type = "passport", .number = "123456789"}, NULL,
     "needs the country that issued"},
    {{.country = "GB", .doc_type = "library_card", .number = "123456789"}, NULL,
     "type of document that is not known"},
    {{.country = "GB", .doc_type = NULL, .number = "123456789"}, NULL, "needs the type"},
    {{.country = "GB", .doc_type = "passport", .number = NULL}, NULL, "needs the document's number"},
    {{.country = "GB", .doc_type = "passport", .number = "123"}, NULL, "too short"},
    {{.country = "GB", .doc_type = "passport", .number = "123/456/789"}, NULL,
     "character other than letters and digits"},
    {{.country = "GB",
      .doc_type = "passport",
      .number = "1234567890123456789012345678901234567890123456789"},
     NULL, "too long"},
};

static void test_identity_documents_by_country_type_and_number(void **state)
{
	(void)state;
	CHECK_ROWS(SEL_IDENTITY_DOCUMENT, documents);
	for (size_t i = 0; selector_doc_types[i]; i++) {
		selector_value v = {.country = "GB", .doc_type = selector_doc_types[i],
				    .number = "AB123456"};
		char out[SELECTOR_MAX];
		const char *why;
		assert_int_equal(selector_normalise(SEL_IDENTITY_DOCUMENT, &v, out, sizeof out, &why),
				 0);
	}
}

static const row handles[] = {
    {{.platform = "instagram", .handle = "@Boss_UK"}, "instagram|boss_uk", NULL},
    {{.platform = "instagram", .handle = "boss_uk"}, "instagram|boss_uk", NULL},
    {{.platform = "Instagram", .handle = " @boss_uk "}, "instagram|boss_uk", NULL},
    {{.platform = "instagram", .handle = "https://www.instagram.com/boss_uk/?hl=en"},
     "instagram|boss_uk", NULL},
    {{.platform = "instagram", .handle = "instagram.com/Boss_UK"}, "instagram|boss_uk", NULL},
    {{.platform = "tiktok", .handle = "https://www.tiktok.com/@boss.uk"}, "tiktok|boss.uk", NULL},
    {{.platform = "snapchat", .handle = "https://www.snapchat.com/add/boss-uk"},
     "snapchat|boss-uk", NULL},
    {{.platform = "telegram", .handle = "https://t.me/BossUK"}, "telegram|bossuk", NULL},
    {{.platform = "twitter", .handle = "@BossUK"}, "x|bossuk", NULL},
    {{.platform = "x", .handle = "https://twitter.com/BossUK"}, "x|bossuk", NULL},
    {{.platform = "facebook", .handle = "https://m.facebook.com/boss.uk"}, "facebook|boss.uk",
     NULL},
    {{.platform = "onlyfans", .handle = "bossuk"}, "onlyfans|bossuk", NULL},
    {{.platform = "adultwork", .handle = "1234567"}, "adultwork|1234567", NULL},
    {{.platform = "vivastreet", .handle = "bossuk"}, "vivastreet|bossuk", NULL},
    {{.platform = "whatsapp", .handle = "07700 900123"}, "whatsapp|+447700900123", NULL},
    {{.platform = "whatsapp", .handle = "+44 7700 900123"}, "whatsapp|+447700900123", NULL},
    {{.platform = "whatsapp", .handle = "https://wa.me/447700900123"}, "whatsapp|+447700900123",
     NULL},
    {{.platform = "viber", .handle = "(07700) 900123"}, "viber|+447700900123", NULL},
    {{.platform = "signal", .handle = "boss.01"}, "signal|boss.01", NULL},
    {{.platform = "other", .handle = "boss_uk"}, "other|boss_uk", NULL},
    {{.platform = "myspace", .handle = "boss_uk"}, NULL, "platform that is not known"},
    {{.platform = NULL, .handle = "boss_uk"}, NULL, "needs the platform"},
    {{.platform = "instagram", .handle = NULL}, NULL, "needs the handle"},
    {{.platform = "instagram", .handle = "@"}, NULL, "needs the handle"},
    {{.platform = "instagram", .handle = "boss uk"}, NULL, "a character handles cannot have"},
    {{.platform = "instagram", .handle = "boss!"}, NULL, "a character handles cannot have"},
    {{.platform = "instagram", .handle = "https://www.tiktok.com/@boss_uk"}, NULL,
     "not the platform's"},
    {{.platform = "whatsapp", .handle = "06 12 34 56 78"}, NULL, "needs its country code"},
    {{.platform = "instagram",
      .handle = "a123456789012345678901234567890123456789012345678901234567890123456789"},
     NULL, "too long"},
};

static void test_social_handles_by_platform_lower_cased_without_at(void **state)
{
	(void)state;
	CHECK_ROWS(SEL_SOCIAL_HANDLE, handles);
	for (size_t i = 0; selector_platforms[i]; i++) {
		selector_value v = {.platform = selector_platforms[i], .handle = "boss_uk"};
		char out[SELECTOR_MAX], shown[SELECTOR_MAX];
		const char *why;
		assert_int_equal(selector_normalise(SEL_SOCIAL_HANDLE, &v, out, sizeof out, &why), 0);
		assert_int_equal(selector_display(SEL_SOCIAL_HANDLE, out, shown, sizeof shown), 0);
	}
}

static void test_every_grading_of_the_3x5x2_is_accepted(void **state)
{
	(void)state;
	const char *assessments = "ABCDE", *codes = "PC";
	for (int s = 1; s <= 3; s++)
		for (int a = 0; a < 5; a++)
			for (int h = 0; h < 2; h++) {
				selector_grading g = {s, assessments[a], codes[h]};
				const char *field = NULL, *why = NULL;
				assert_int_equal(selector_grading_check(&g, &field, &why), 0);
			}
}

static void test_each_wrong_part_of_a_grading_is_named(void **state)
{
	(void)state;
	static const struct {
		selector_grading g;
		const char *field;
	} bad[] = {
	    {{0, 'A', 'P'}, "source_evaluation"},   {{4, 'A', 'P'}, "source_evaluation"},
	    {{-1, 'A', 'P'}, "source_evaluation"},  {{1, 'F', 'P'}, "intelligence_assessment"},
	    {{1, 'a', 'P'}, "intelligence_assessment"}, {{1, 0, 'P'}, "intelligence_assessment"},
	    {{1, 'A', 'X'}, "handling_code"},	    {{1, 'A', 'p'}, "handling_code"},
	    {{1, 'A', 0}, "handling_code"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *field = NULL, *why = NULL;
		assert_int_equal(selector_grading_check(&bad[i].g, &field, &why), -1);
		assert_string_equal(field, bad[i].field);
		assert_non_null(why);
	}
}

static void test_grades_read_in_the_words_of_the_3x5x2(void **state)
{
	(void)state;
	assert_string_equal(selector_source_text(1), "Reliable");
	assert_string_equal(selector_source_text(2), "Untested");
	assert_string_equal(selector_source_text(3), "Not reliable");
	assert_null(selector_source_text(0));
	assert_null(selector_source_text(4));
	assert_string_equal(selector_assessment_text('A'), "Known directly to the source");
	assert_string_equal(selector_assessment_text('B'),
			    "Known indirectly to the source but corroborated");
	assert_string_equal(selector_assessment_text('C'), "Known indirectly to the source");
	assert_string_equal(selector_assessment_text('D'), "Not known");
	assert_string_equal(selector_assessment_text('E'), "Suspected to be false or malicious");
	assert_null(selector_assessment_text('F'));
	assert_string_equal(selector_handling_text('P'), "Lawful sharing permitted");
	assert_string_equal(selector_handling_text('C'),
			    "Lawful sharing permitted subject to conditions");
	assert_null(selector_handling_text('X'));
}

static const struct {
	selector_kind k;
	const char *normal, *shown;
} displays[] = {
    {SEL_PHONE, "+447700900123", "+44 7700 900123"},
    {SEL_PHONE, "+442079460123", "+44 20 7946 0123"},
    {SEL_PHONE, "+33612345678", "+33 6 12 34 56 78"},
    {SEL_EMAIL, "boss.uk@example.com", "boss.uk@example.com"},
    {SEL_POSTCODE, "SN1 2JH", "SN1 2JH"},
    {SEL_ADDRESS, "SN1 2AB|FLAT 2 14 HIGH STREET", "FLAT 2 14 HIGH STREET, SN1 2AB"},
    {SEL_VEHICLE, "AB12CDE", "AB12 CDE"},
    {SEL_VEHICLE, "A123BCD", "A123BCD"},
    {SEL_BANK_ACCOUNT, "GB:200000:55779911", "Sort code 20-00-00, account 55779911"},
    {SEL_BANK_ACCOUNT, "DE89370400440532013000", "IBAN DE89 3704 0044 0532 0130 00"},
    {SEL_BANK_ACCOUNT, "NO9386011117947", "IBAN NO93 8601 1117 947"},
    {SEL_IDENTITY_DOCUMENT, "GB|passport|123456789", "Passport, United Kingdom, 123456789"},
    {SEL_IDENTITY_DOCUMENT, "AL|national_identity_card|J12345678N",
     "National identity card, Albania, J12345678N"},
    {SEL_IDENTITY_DOCUMENT, "VN|driving_licence|B1234567", "Driving licence, Vietnam, B1234567"},
    {SEL_SOCIAL_HANDLE, "instagram|boss_uk", "Instagram @boss_uk"},
    {SEL_SOCIAL_HANDLE, "x|bossuk", "X @bossuk"},
    {SEL_SOCIAL_HANDLE, "whatsapp|+447700900123", "WhatsApp +44 7700 900123"},
};

static void test_each_kind_reads_as_people_write_it(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof displays / sizeof *displays; i++) {
		char out[SELECTOR_MAX];
		int rc = selector_display(displays[i].k, displays[i].normal, out, sizeof out);
		if (rc != 0 || strcmp(out, displays[i].shown) != 0)
			fail_msg("%s \"%s\": rc %d \"%s\", want \"%s\"",
				 selector_kind_name(displays[i].k), displays[i].normal, rc, out,
				 displays[i].shown);
	}
}

static void test_display_refuses_what_is_not_a_normal_form(void **state)
{
	(void)state;
	static const struct {
		selector_kind k;
		const char *text;
	} bad[] = {
	    {SEL_PHONE, "07700 900123"},	 {SEL_PHONE, "+447700901000"},
	    {SEL_EMAIL, "no at sign"},		 {SEL_POSTCODE, "sn1 2jh"},
	    {SEL_POSTCODE, "SN12JH"},		 {SEL_ADDRESS, "FLAT 2 14 HIGH STREET"},
	    {SEL_ADDRESS, "SN1 2AB|"},		 {SEL_BANK_ACCOUNT, "GB:20000:55779911"},
	    {SEL_BANK_ACCOUNT, "DE8937040044"},	 {SEL_IDENTITY_DOCUMENT, "ZZ|passport|123"},
	    {SEL_IDENTITY_DOCUMENT, "GB|card|123"}, {SEL_IDENTITY_DOCUMENT, "GB|passport|"},
	    {SEL_SOCIAL_HANDLE, "myspace|boss"},	 {SEL_SOCIAL_HANDLE, "instagram|"},
	    {SEL_SOCIAL_HANDLE, "boss"},		 {SEL_KIND_COUNT, "x"},
	    {SEL_EMAIL, ""},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char out[SELECTOR_MAX] = "unchanged";
		if (selector_display(bad[i].k, bad[i].text, out, sizeof out) != -1 || out[0])
			fail_msg("%s \"%s\" shown as \"%s\"", selector_kind_name(bad[i].k),
				 bad[i].text, out);
	}
	char out[SELECTOR_MAX];
	assert_int_equal(selector_display(SEL_EMAIL, NULL, out, sizeof out), -1);
}

static void test_an_output_too_small_is_refused_not_overrun(void **state)
{
	(void)state;
	char out[12] = "";
	const char *why = NULL;
	selector_value v = {.line1 = "Flat 2, 14 High Street", .postcode = "SN1 2AB"};
	assert_int_equal(selector_normalise(SEL_ADDRESS, &v, out, sizeof out, &why), -1);
	assert_string_equal(why, "is too long");
	assert_string_equal(out, "");
	assert_int_equal(selector_display(SEL_BANK_ACCOUNT, "GB:200000:55779911", out, sizeof out),
			 -1);
	assert_string_equal(out, "");
}

static void test_a_part_longer_than_any_selector_is_refused(void **state)
{
	(void)state;
	char big[1000];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	char out[SELECTOR_MAX];
	const char *why = NULL;
	for (int k = 0; k < SEL_KIND_COUNT; k++) {
		selector_value v = {.text = big, .line1 = big, .postcode = "SN1 2AB", .country = "GB",
				    .doc_type = "passport", .number = big, .platform = "other",
				    .handle = big};
		if (k == SEL_BANK_ACCOUNT)
			v.postcode = NULL;
		assert_int_equal(selector_normalise((selector_kind)k, &v, out, sizeof out, &why), -1);
		assert_string_equal(why, "is too long to be one");
	}
	assert_int_equal(selector_normalise(SEL_KIND_COUNT, &(selector_value){0}, out, sizeof out,
					    &why),
			 -1);
	assert_int_equal(selector_normalise(SEL_PHONE, NULL, out, sizeof out, &why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinds_have_one_name_and_label_each),
	    cmocka_unit_test(test_phone_numbers_reach_e164_and_refusals_say_why),
	    cmocka_unit_test(test_emails_lower_cased_and_checked),
	    cmocka_unit_test(test_postcodes_take_the_uk_format_with_one_space),
	    cmocka_unit_test(test_the_postcode_rule_places_share),
	    cmocka_unit_test(test_addresses_match_by_postcode_and_first_line),
	    cmocka_unit_test(test_vehicles_in_capitals_without_spaces),
	    cmocka_unit_test(test_published_ibans_reach_their_normal_forms),
	    cmocka_unit_test(test_an_iban_with_one_character_changed_fails_its_check),
	    cmocka_unit_test(test_an_iban_with_two_digits_swapped_fails_its_check),
	    cmocka_unit_test(test_an_iban_of_the_wrong_length_for_its_country_is_refused),
	    cmocka_unit_test(test_what_is_not_an_iban_is_refused),
	    cmocka_unit_test(test_uk_accounts_by_sort_code_and_account_number),
	    cmocka_unit_test(test_a_gb_iban_matches_the_same_account_written_at_home),
	    cmocka_unit_test(test_identity_documents_by_country_type_and_number),
	    cmocka_unit_test(test_social_handles_by_platform_lower_cased_without_at),
	    cmocka_unit_test(test_every_grading_of_the_3x5x2_is_accepted),
	    cmocka_unit_test(test_each_wrong_part_of_a_grading_is_named),
	    cmocka_unit_test(test_grades_read_in_the_words_of_the_3x5x2),
	    cmocka_unit_test(test_each_kind_reads_as_people_write_it),
	    cmocka_unit_test(test_display_refuses_what_is_not_a_normal_form),
	    cmocka_unit_test(test_an_output_too_small_is_refused_not_overrun),
	    cmocka_unit_test(test_a_part_longer_than_any_selector_is_refused),
	};
	return cmocka_run_group_tests_name("domain/selectors", tests, NULL, NULL);
}
