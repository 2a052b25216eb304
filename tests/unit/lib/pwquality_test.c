#include "unit/test.h"

#include "lib/pwquality.h"

/* Each password with whether the dictionary finds it weak and, when it
 * does, a piece of the reason a user is shown. */
static const struct {
	const char *password;
	const char *username;
	int weak;
	const char *reason;
} cases[] = {
	/* Dictionary words, and the same dressed up with digits and symbols. */
	{"sunflowers", NULL, 1, "dictionary word"},
	{"dc.forgetful", "dc.jones", 1, "dictionary word"},
	{"password1234", NULL, 1, "without its digits and symbols"},
	{"Football2024!", NULL, 1, "dictionary word"},
	/* Keyboard runs and sequences. */
	{"qwertyuiopasdf", NULL, 1, "run of keys"},
	{"zxcvbnm-zxcvbnm", NULL, 1, "run of keys"},
	{"1qaz2wsx3edc4rfv", NULL, 1, "run of keys"},
	{"98765432101234", NULL, 1, "monotonic sequence"},
	{"my-secret-abcdefg", NULL, 1, "monotonic sequence"},
	/* Repeats, palindromes, the account's own name, the service's name. */
	{"zzzz-correct-horse", NULL, 1, "same characters"},
	{"never-odd-or-even", NULL, 0, NULL},
	{"neveroddoreven", NULL, 1, "palindrome"},
	{"dc.jones-horse-battery", "dc.jones", 1, "user name"},
	{"waymark-is-great-2026", NULL, 1, "Waymark"},
	/* Strong passphrases pass, with or without a username; the passwords
	 * the tests and the demo use are among them. */
	{"correct-horse-battery", "inv1", 0, NULL},
	{"demo-password-2026", "dc.jones", 0, NULL},
	{"staple orbit lantern fig", "sup1", 0, NULL},
	{"a-brand-new-passphrase", "opcc1", 0, NULL},
	{"temporary-passphrase-1", "inv1", 0, NULL},
	{"xq7#mP2$vL9!", NULL, 0, NULL},
	{"ééééé-çava-müde-straße", NULL, 0, NULL},
};

static void test_the_dictionary_refuses_common_patterns_and_says_why(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char why[256] = "";
		int rc = pwq_weak(cases[i].password, cases[i].username, why, sizeof why);
		if (rc != cases[i].weak)
			fail_msg("%s: %s (%s)", cases[i].password, rc ? "weak" : "strong", why);
		if (cases[i].weak) {
			if (strncmp(why, "is too easy to guess: ", 22) != 0 || !strstr(why, cases[i].reason))
				fail_msg("%s: reason \"%s\" does not say \"%s\"", cases[i].password, why,
					 cases[i].reason);
		}
	}
}

static void test_a_short_reason_buffer_is_cut_not_overrun(void **state)
{
	(void)state;
	char why[12];
	memset(why, 'x', sizeof why);
	assert_int_equal(pwq_weak("password1234", NULL, why, sizeof why), 1);
	assert_int_equal(strlen(why), sizeof why - 1);
}

static void test_a_long_password_is_checked_whole(void **state)
{
	(void)state;
	char pw[1025];
	for (size_t i = 0; i < sizeof pw - 1; i++)
		pw[i] = "harbour-violet-"[i % 15];
	pw[sizeof pw - 1] = '\0';
	char why[256];
	assert_true(pwq_weak(pw, NULL, why, sizeof why) >= 0);
}

static void test_the_dictionary_is_installed(void **state)
{
	(void)state;
	char why[256] = "";
	if (pwq_ready(why, sizeof why) != 0)
		fail_msg("%s", why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_dictionary_is_installed),
		cmocka_unit_test(test_the_dictionary_refuses_common_patterns_and_says_why),
		cmocka_unit_test(test_a_short_reason_buffer_is_cut_not_overrun),
		cmocka_unit_test(test_a_long_password_is_checked_whole),
	};
	return cmocka_run_group_tests_name("lib/pwquality", tests, NULL, NULL);
}
