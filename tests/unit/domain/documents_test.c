/* The documents' rules: the kinds, which media types each kind keeps, and
 * the bounds of the size limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/documents.h"

static void test_every_kind_parses_to_itself_and_nothing_else_parses(void **state)
{
	(void)state;
	for (int k = 0; k < DOCUMENT_KIND_COUNT; k++)
		assert_int_equal(document_kind_parse(document_kind_name((document_kind)k)), k);
	assert_int_equal(document_kind_parse("passport"), -1);
	assert_int_equal(document_kind_parse("Photograph"), -1);
	assert_int_equal(document_kind_parse(""), -1);
	assert_int_equal(document_kind_parse(NULL), -1);
}

static void test_each_kind_keeps_only_the_types_it_needs(void **state)
{
	(void)state;
	static const struct {
		int kind;
		const char *type;
		document_type_verdict want;
	} cases[] = {
	    {DOCUMENT_CONSENT_FORM, "application/pdf", DOCUMENT_TYPE_OK},
	    {DOCUMENT_STATEMENT, "text/plain", DOCUMENT_TYPE_OK},
	    {DOCUMENT_STATEMENT, "application/msword", DOCUMENT_TYPE_OK},
	    {DOCUMENT_STATEMENT,
	     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	     DOCUMENT_TYPE_OK},
	    {DOCUMENT_IDENTITY_DOCUMENT, "image/jpeg", DOCUMENT_TYPE_OK},
	    {DOCUMENT_PHOTOGRAPH, "image/jpeg", DOCUMENT_TYPE_OK},
	    {DOCUMENT_PHOTOGRAPH, "image/png", DOCUMENT_TYPE_OK},
	    {DOCUMENT_PHOTOGRAPH, "image/heic", DOCUMENT_TYPE_OK},
	    {DOCUMENT_PHOTOGRAPH, "application/pdf", DOCUMENT_TYPE_NOT_AN_IMAGE},
	    {DOCUMENT_PHOTOGRAPH, "text/plain", DOCUMENT_TYPE_NOT_AN_IMAGE},
	    {DOCUMENT_OTHER, "application/x-executable", DOCUMENT_TYPE_UNKNOWN},
	    {DOCUMENT_OTHER, "application/x-sharedlib", DOCUMENT_TYPE_UNKNOWN},
	    {DOCUMENT_OTHER, "text/html", DOCUMENT_TYPE_UNKNOWN},
	    {DOCUMENT_OTHER, "image/svg+xml", DOCUMENT_TYPE_UNKNOWN},
	    {DOCUMENT_PHOTOGRAPH, "image/svg+xml", DOCUMENT_TYPE_UNKNOWN},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (document_type_allowed(cases[i].kind, cases[i].type) != cases[i].want)
			fail_msg("%s as %s", cases[i].type,
			         document_kind_name((document_kind)cases[i].kind));
	assert_non_null(strstr(document_type_refusal(DOCUMENT_TYPE_NOT_AN_IMAGE), "photograph"));
}

static void test_the_limit_is_from_a_kibibyte_to_512_mebibytes(void **state)
{
	(void)state;
	assert_false(document_limit_valid(1023));
	assert_true(document_limit_valid(1024));
	assert_true(document_limit_valid(DOCUMENT_DEFAULT_LIMIT));
	assert_true(document_limit_valid(512ull * 1024 * 1024));
	/* No more than the virus scanner reads whole. */
	assert_false(document_limit_valid(512ull * 1024 * 1024 + 1));
	assert_false(document_limit_valid(1024ull * 1024 * 1024));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_kind_parses_to_itself_and_nothing_else_parses),
	    cmocka_unit_test(test_each_kind_keeps_only_the_types_it_needs),
	    cmocka_unit_test(test_the_limit_is_from_a_kibibyte_to_512_mebibytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
