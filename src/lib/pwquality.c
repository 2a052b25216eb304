#include "lib/pwquality.h"

#include <pthread.h>
#include <pwquality.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parts of the keyboard's rows that people type as passwords (libpwquality
 * also refuses them written backwards), and the service's own name. */
static const char BAD_WORDS[] = "qwert werty ertyu rtyui tyuio yuiop asdfg sdfgh dfghj fghjk "
				"ghjkl zxcvb xcvbn cvbnm azert qwertz yxcvb 1qaz 2wsx 3edc 4rfv "
				"5tgb 6yhn 7ujm waymark";

/* A stem shorter than this is no word worth looking up. */
#define STEM_MIN 6

/* cracklib keeps state between look-ups; one check at a time. */
static pthread_mutex_t check_lock = PTHREAD_MUTEX_INITIALIZER;

/* Our own settings, not /etc/security/pwquality.conf: no rules of character
 * classes (NIST SP 800-63B asks for none), the length rule is the domain's,
 * and the server behaves the same on every machine. */
static pwquality_settings_t *settings_new(void)
{
	pwquality_settings_t *s = pwquality_default_settings();
	if (!s)
		return NULL;
	static const int ints[][2] = {
		{PWQ_SETTING_MIN_LENGTH, 6},   {PWQ_SETTING_DIG_CREDIT, 0},
		{PWQ_SETTING_UP_CREDIT, 0},    {PWQ_SETTING_LOW_CREDIT, 0},
		{PWQ_SETTING_OTH_CREDIT, 0},   {PWQ_SETTING_MIN_CLASS, 0},
		{PWQ_SETTING_MAX_REPEAT, 3},   {PWQ_SETTING_MAX_CLASS_REPEAT, 0},
		{PWQ_SETTING_MAX_SEQUENCE, 4}, {PWQ_SETTING_DICT_CHECK, 1},
		{PWQ_SETTING_USER_CHECK, 1},   {PWQ_SETTING_GECOS_CHECK, 0},
	};
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		if (pwquality_set_int_value(s, ints[i][0], ints[i][1]) != 0) {
			pwquality_free_settings(s);
			return NULL;
		}
	}
	if (pwquality_set_str_value(s, PWQ_SETTING_BAD_WORDS, BAD_WORDS) != 0) {
		pwquality_free_settings(s);
		return NULL;
	}
	return s;
}

/* One check: 0 when it passes, else libpwquality's error (<0) with its
 * reason in why. */
static int check(pwquality_settings_t *s, const char *password, const char *username, char *why,
		 size_t n)
{
	void *aux = NULL;
	int rc = pwquality_check(s, password, NULL, username, &aux);
	if (rc >= 0)
		return 0;
	if (rc == PWQ_ERROR_BAD_WORDS) {
		snprintf(why, n, "it holds a run of keys such as qwerty, or the name Waymark");
		return rc;
	}
	char msg[PWQ_MAX_ERROR_MESSAGE_LEN];
	const char *m = pwquality_strerror(msg, sizeof msg, rc, aux);
	snprintf(why, n, "%s", m ? m : "it is too simple");
	if (why[0] >= 'A' && why[0] <= 'Z')
		why[0] = (char)(why[0] - 'A' + 'a');
	return rc;
}

/* Letters, counting every byte of a multi-byte character as one. */
static int letter(char c)
{
	unsigned char u = (unsigned char)c;
	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

/* The password less the digits, symbols and spaces at either end: the word
 * people dress up as "Password1234!". Returns its length. */
static size_t stem(const char *password, char *out, size_t n)
{
	size_t a = 0, b = strlen(password);
	while (a < b && !letter(password[a]))
		a++;
	while (b > a && !letter(password[b - 1]))
		b--;
	size_t len = b - a < n ? b - a : n - 1;
	memcpy(out, password + a, len);
	out[len] = '\0';
	return len;
}

int pwq_weak(const char *password, const char *username, char *why, size_t n)
{
	char reason[PWQ_MAX_ERROR_MESSAGE_LEN];
	size_t plen = strlen(password);
	char *word = malloc(plen + 1);
	if (!word)
		return -1;
	size_t wlen = stem(password, word, plen + 1);
	pthread_mutex_lock(&check_lock);
	pwquality_settings_t *s = settings_new();
	int rc = -1, weak = 0;
	const char *dressed = "";
	if (s) {
		rc = 0;
		weak = check(s, password, username, reason, sizeof reason) != 0;
		if (!weak && wlen >= STEM_MIN && wlen < plen &&
		    check(s, word, username, reason, sizeof reason) != 0) {
			dressed = "without its digits and symbols, ";
			weak = 1;
		}
		pwquality_free_settings(s);
	}
	pthread_mutex_unlock(&check_lock);
	memset(word, 0, plen + 1);
	free(word);
	if (rc != 0)
		return -1;
	if (weak)
		snprintf(why, n, "is too easy to guess: %s%s", dressed, reason);
	return weak;
}

int pwq_ready(char *why, size_t n)
{
	/* A passphrase every working dictionary lets through. */
	char reason[256];
	int rc = pwq_weak("velvet-quarry-mosaic-lantern", NULL, reason, sizeof reason);
	if (rc == 0)
		return 0;
	if (rc < 0)
		snprintf(why, n, "out of memory");
	else
		snprintf(why, n,
			 "the password dictionary cannot be read (install Debian's cracklib-runtime): %s",
			 reason);
	return -1;
}
