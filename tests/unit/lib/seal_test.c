#include "unit/test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/seal.h"
#include "lib/secure.h"
#include "support/engines.h"

static void path_in_tmp(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", test_tmpdir(), name);
}

static void test_init_creates_a_private_key_file_once(void **state)
{
	(void)state;
	char path[512], err[256];
	path_in_tmp(path, sizeof path, "created.key");
	seal_key a, b;
	assert_int_equal(seal_key_load(path, 0, &a, err, sizeof err), -1);
	assert_non_null(strstr(err, "waymark init"));
	assert_int_equal(seal_key_load(path, 1, &a, err, sizeof err), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(seal_key_load(path, 1, &b, err, sizeof err), 0);
	assert_memory_equal(a.k, b.k, SEAL_KEY_BYTES);
}

static void test_a_readable_or_malformed_key_file_is_refused(void **state)
{
	(void)state;
	char path[512], err[256];
	seal_key k;
	path_in_tmp(path, sizeof path, "open.key");
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(write(fd, "00", 2) == 2);
	close(fd);
	/* Readable or writable by the group or by others: refused, saying how to fix it. */
	static const mode_t open_modes[] = {0644, 0640, 0620, 0604, 0602, 0660};
	for (size_t i = 0; i < sizeof open_modes / sizeof open_modes[0]; i++) {
		chmod(path, open_modes[i]);
		assert_int_equal(seal_key_load(path, 0, &k, err, sizeof err), -1);
		assert_non_null(strstr(err, "chmod 600"));
	}
	chmod(path, 0600);
	assert_int_equal(seal_key_load(path, 0, &k, err, sizeof err), -1);
	assert_non_null(strstr(err, "64 hex digits"));
}

static void test_sealed_text_opens_only_under_its_key_and_unaltered(void **state)
{
	(void)state;
	char p1[512], p2[512], err[256];
	path_in_tmp(p1, sizeof p1, "k1.key");
	path_in_tmp(p2, sizeof p2, "k2.key");
	seal_key k1, k2;
	assert_int_equal(seal_key_load(p1, 1, &k1, err, sizeof err), 0);
	assert_int_equal(seal_key_load(p2, 1, &k2, err, sizeof err), 0);
	const char *secret = "asylum claim pending (Home Office ref withheld)";
	char *a = seal_encrypt(&k1, secret);
	char *b = seal_encrypt(&k1, secret);
	assert_non_null(a);
	assert_null(strstr(a, "asylum"));
	assert_string_not_equal(a, b); /* a fresh nonce each time */
	char *open = seal_decrypt(&k1, a);
	assert_string_equal(open, secret);
	free(open);
	assert_null(seal_decrypt(&k2, a));
	a[10] = a[10] == 'A' ? 'B' : 'A';
	assert_null(seal_decrypt(&k1, a));
	assert_null(seal_decrypt(&k1, "plain text"));
	assert_null(seal_decrypt(&k1, "v1:!!!"));
	assert_null(seal_decrypt(&k1, "v1:AAAA"));
	char *empty = seal_encrypt(&k1, "");
	open = seal_decrypt(&k1, empty);
	assert_string_equal(open, "");
	free(open);
	free(empty);
	free(a);
	free(b);
	seal_key_wipe(&k1);
}

static void test_match_keys_agree_for_equal_texts_under_one_key_only(void **state)
{
	(void)state;
	char p1[512], p2[512], err[256];
	path_in_tmp(p1, sizeof p1, "m1.key");
	path_in_tmp(p2, sizeof p2, "m2.key");
	seal_key k1, k2;
	assert_int_equal(seal_key_load(p1, 1, &k1, err, sizeof err), 0);
	assert_int_equal(seal_key_load(p2, 1, &k2, err, sizeof err), 0);
	char a[SEAL_MATCH_HEX], b[SEAL_MATCH_HEX], c[SEAL_MATCH_HEX], d[SEAL_MATCH_HEX];
	seal_match_key(&k1, "phone\n+447700900123", a);
	seal_match_key(&k1, "phone\n+447700900123", b);
	seal_match_key(&k1, "phone\n+447700900124", c);
	seal_match_key(&k2, "phone\n+447700900123", d);
	assert_int_equal(strlen(a), 64);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_string_not_equal(a, d);
	assert_null(strstr(a, "447700"));
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_init_creates_a_private_key_file_once),
	    cmocka_unit_test(test_a_readable_or_malformed_key_file_is_refused),
	    cmocka_unit_test(test_sealed_text_opens_only_under_its_key_and_unaltered),
	    cmocka_unit_test(test_match_keys_agree_for_equal_texts_under_one_key_only),
	};
	return cmocka_run_group_tests_name("lib/seal", tests, NULL, NULL);
}
