#include "unit/test.h"

#include <ctype.h>
#include <liboath/oath.h>

#include "domain/totp.h"

/* RFC 6238 appendix B: the SHA-1 secret "12345678901234567890". */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static void test_base32_of_the_rfc_secret(void **state)
{
	(void)state;
	char out[TOTP_SECRET_B32];
	assert_int_equal(totp_secret_b32((const unsigned char *)"12345678901234567890", out), 0);
	assert_string_equal(out, RFC_SECRET);
}

static void test_a_secret_as_shown_to_users_round_trips(void **state)
{
	(void)state;
	unsigned char raw[4][TOTP_SECRET_BYTES];
	memset(raw[0], 0x00, TOTP_SECRET_BYTES);
	memset(raw[1], 0xff, TOTP_SECRET_BYTES);
	for (int i = 0; i < TOTP_SECRET_BYTES; i++) {
		raw[2][i] = (unsigned char)(i * 37 + 11);
		raw[3][i] = (unsigned char)(255 - i * 13);
	}
	for (int k = 0; k < 4; k++) {
		char shown[TOTP_SECRET_B32];
		assert_int_equal(totp_secret_b32(raw[k], shown), 0);
		assert_int_equal(strlen(shown), 32);
		assert_int_equal(strspn(shown, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 32);
		char *back;
		size_t len;
		assert_int_equal(oath_base32_decode(shown, strlen(shown), &back, &len), OATH_OK);
		assert_int_equal(len, TOTP_SECRET_BYTES);
		assert_memory_equal(back, raw[k], TOTP_SECRET_BYTES);
		free(back);
		/* Codes from the stored form are the ones an app computes from the key,
		 * however the user copies it: lower case, or in groups of four. */
		char want[7], code[7];
		assert_int_equal(oath_totp_generate((const char *)raw[k], TOTP_SECRET_BYTES,
						    1234567890, TOTP_STEP, 0, 6, want),
				 OATH_OK);
		char lower[TOTP_SECRET_B32], grouped[40];
		for (int i = 0; i < TOTP_SECRET_B32; i++)
			lower[i] = (char)tolower((unsigned char)shown[i]);
		for (int i = 0, j = 0; i < TOTP_SECRET_B32; i++) {
			if (i > 0 && i % 4 == 0 && shown[i])
				grouped[j++] = ' ';
			grouped[j++] = shown[i];
		}
		const char *forms[] = {shown, lower, grouped};
		for (size_t f = 0; f < 3; f++) {
			assert_int_equal(totp_code(forms[f], 1234567890, code), 0);
			assert_string_equal(code, want);
			assert_true(totp_check(forms[f], want, 1234567890, 0) > 0);
		}
	}
}

static void test_codes_match_rfc_6238_vectors(void **state)
{
	(void)state;
	static const struct {
		int64_t t;
		const char *code; /* last 6 digits of the RFC's 8-digit values */
	} v[] = {{59, "287082"}, {1111111109, "081804"}, {1234567890, "005924"},
		 {2000000000, "279037"}};
	for (size_t i = 0; i < 4; i++) {
		char code[7];
		assert_int_equal(totp_code(RFC_SECRET, v[i].t, code), 0);
		assert_string_equal(code, v[i].code);
		assert_int_equal(totp_check(RFC_SECRET, v[i].code, v[i].t, 0), v[i].t / 30);
	}
}

static void test_one_step_of_drift_either_way_and_no_more(void **state)
{
	(void)state;
	int64_t t = 1234567890;
	char prev[7], next[7], far[7];
	totp_code(RFC_SECRET, t - 30, prev);
	totp_code(RFC_SECRET, t + 30, next);
	totp_code(RFC_SECRET, t + 90, far);
	assert_true(totp_check(RFC_SECRET, prev, t, 0) > 0);
	assert_true(totp_check(RFC_SECRET, next, t, 0) > 0);
	assert_int_equal(totp_check(RFC_SECRET, far, t, 0), 0);
}

static void test_a_code_is_used_once(void **state)
{
	(void)state;
	int64_t t = 1234567890;
	char code[7];
	totp_code(RFC_SECRET, t, code);
	int64_t step = totp_check(RFC_SECRET, code, t, 0);
	assert_true(step > 0);
	assert_int_equal(totp_check(RFC_SECRET, code, t, step), 0);
}

static void test_malformed_codes_are_refused(void **state)
{
	(void)state;
	const char *bad[] = {"", "12345", "1234567", "12a456", " 12345"};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(totp_check(RFC_SECRET, bad[i], 59, 0), 0);
	assert_int_equal(totp_check("not base32!", "287082", 59, 0), 0);
}

static void test_uri_is_ready_for_a_qr_code(void **state)
{
	(void)state;
	char uri[256];
	assert_int_equal(totp_uri("Waymark", "dc jones", RFC_SECRET, uri, sizeof uri), 0);
	assert_string_equal(uri, "otpauth://totp/Waymark:dc%20jones?secret=" RFC_SECRET
				 "&issuer=Waymark&algorithm=SHA1&digits=6&period=30");
	assert_int_equal(totp_uri("Waymark", "x", RFC_SECRET, uri, 20), -1);
}

static void test_recovery_codes_normalise(void **state)
{
	(void)state;
	unsigned char rnd[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 31};
	char code[RECOVERY_CODE_LEN], norm[RECOVERY_CODE_LEN];
	recovery_code_format(rnd, code);
	assert_string_equal(code, "abcde-fghi7");
	assert_int_equal(recovery_code_normalise("ABCDE FGHI7", norm), 0);
	assert_string_equal(norm, code);
	assert_int_equal(recovery_code_normalise("abcdefghi7", norm), 0);
	assert_string_equal(norm, code);
	assert_int_equal(recovery_code_normalise("abcde-fghi", norm), -1);
	assert_int_equal(recovery_code_normalise("abcde-fghi11", norm), -1);
	assert_int_equal(recovery_code_normalise("abcde-fgh!1", norm), -1);
}

int main(void)
{
	oath_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base32_of_the_rfc_secret),
		cmocka_unit_test(test_a_secret_as_shown_to_users_round_trips),
		cmocka_unit_test(test_codes_match_rfc_6238_vectors),
		cmocka_unit_test(test_one_step_of_drift_either_way_and_no_more),
		cmocka_unit_test(test_a_code_is_used_once),
		cmocka_unit_test(test_malformed_codes_are_refused),
		cmocka_unit_test(test_uri_is_ready_for_a_qr_code),
		cmocka_unit_test(test_recovery_codes_normalise),
	};
	int rc = cmocka_run_group_tests_name("domain/totp", tests, NULL, NULL);
	oath_done();
	return rc;
}
