#include "unit/test.h"

#include "lib/secure.h"

static void test_ids_are_uuid_v7_and_time_ordered(void **state)
{
	(void)state;
	char a[SECURE_ID_LEN], b[SECURE_ID_LEN];
	secure_id(a);
	secure_id(b);
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[14], '7');
	assert_true(strchr("89ab", a[19]) != NULL);
	assert_string_not_equal(a, b);
	/* Made one after another, they sort in that order, even within a millisecond. */
	char prev[SECURE_ID_LEN];
	secure_id(prev);
	for (int i = 0; i < 10000; i++) {
		char next[SECURE_ID_LEN];
		secure_id(next);
		if (strcmp(prev, next) >= 0)
			fail_msg("%s then %s", prev, next);
		memcpy(prev, next, sizeof prev);
	}
}

static void test_tokens_are_256_bit_and_unique(void **state)
{
	(void)state;
	char a[SECURE_TOKEN_LEN], b[SECURE_TOKEN_LEN];
	secure_token(a);
	secure_token(b);
	assert_int_equal(strlen(a), 43); /* 32 bytes in unpadded base64url */
	assert_string_not_equal(a, b);
	assert_null(strpbrk(a, "+/="));
}

static void test_sha256_matches_the_standard_vector(void **state)
{
	(void)state;
	char h[SECURE_SHA256_HEX];
	secure_sha256_hex("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_password_hashes_are_argon2id_and_verify(void **state)
{
	(void)state;
	char h[SECURE_PWHASH_LEN];
	assert_int_equal(secure_password_hash("correct horse battery", h), 0);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_true(secure_password_verify(h, "correct horse battery"));
	assert_false(secure_password_verify(h, "correct horse batterY"));
	assert_false(secure_password_needs_rehash(h));
	assert_true(secure_str_equal("same", "same"));
	assert_false(secure_str_equal("same", "sane"));
	assert_false(secure_str_equal("same", "same2"));
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_are_uuid_v7_and_time_ordered),
		cmocka_unit_test(test_tokens_are_256_bit_and_unique),
		cmocka_unit_test(test_sha256_matches_the_standard_vector),
		cmocka_unit_test(test_password_hashes_are_argon2id_and_verify),
	};
	return cmocka_run_group_tests_name("lib/secure", tests, NULL, NULL);
}
