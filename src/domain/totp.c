#include "domain/totp.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Recovery codes are drawn from the base32 alphabet, in lower case: ten
 * characters of five random bits each, not an encoding of bytes. */
static const char RECOVERY_ALPHABET[] = "abcdefghijklmnopqrstuvwxyz234567";

int totp_secret_b32(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_SECRET_B32])
{
	char *b32;
	size_t len;
	if (oath_base32_encode((const char *)secret, TOTP_SECRET_BYTES, &b32, &len) != OATH_OK)
		return -1;
	/* 20 bytes are 160 bits: exactly 32 characters, upper case, no padding. */
	int rc = len == TOTP_SECRET_B32 - 1 ? 0 : -1;
	if (rc == 0)
		memcpy(out, b32, TOTP_SECRET_B32);
	explicit_bzero(b32, len);
	free(b32);
	return rc;
}

static int decode(const char *secret_b32, char **bin, size_t *len)
{
	return oath_base32_decode(secret_b32, strlen(secret_b32), bin, len) == OATH_OK ? 0 : -1;
}

int64_t totp_check(const char *secret_b32, const char *code, int64_t now_s, int64_t last_step)
{
	if (strlen(code) != 6)
		return 0;
	for (const char *p = code; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	char *bin;
	size_t len;
	if (decode(secret_b32, &bin, &len) != 0)
		return 0;
	int pos = 0;
	uint64_t counter = 0;
	int rc = oath_totp_validate3(bin, len, (time_t)now_s, TOTP_STEP, 0, 1, &pos, &counter,
				     code);
	explicit_bzero(bin, len);
	free(bin);
	if (rc < 0)
		return 0;
	int64_t step = (int64_t)counter;
	return step > last_step ? step : 0;
}

int totp_code(const char *secret_b32, int64_t now_s, char out[7])
{
	char *bin;
	size_t len;
	if (decode(secret_b32, &bin, &len) != 0)
		return -1;
	int rc = oath_totp_generate(bin, len, (time_t)now_s, TOTP_STEP, 0, 6, out);
	explicit_bzero(bin, len);
	free(bin);
	return rc == OATH_OK ? 0 : -1;
}

static int is_unreserved(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static size_t pct(char *out, size_t cap, size_t at, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (is_unreserved(*p)) {
			if (at + 1 < cap)
				out[at] = (char)*p;
			at++;
		} else {
			if (at + 3 < cap)
				snprintf(out + at, 4, "%%%02X", *p);
			at += 3;
		}
	}
	return at;
}

static size_t lit(char *out, size_t cap, size_t at, const char *s)
{
	size_t n = strlen(s);
	if (at + n < cap)
		memcpy(out + at, s, n);
	return at + n;
}

int totp_uri(const char *issuer, const char *account, const char *secret_b32, char *out,
	     size_t outlen)
{
	size_t at = 0;
	at = lit(out, outlen, at, "otpauth://totp/");
	at = pct(out, outlen, at, issuer);
	at = lit(out, outlen, at, ":");
	at = pct(out, outlen, at, account);
	at = lit(out, outlen, at, "?secret=");
	at = lit(out, outlen, at, secret_b32);
	at = lit(out, outlen, at, "&issuer=");
	at = pct(out, outlen, at, issuer);
	at = lit(out, outlen, at, "&algorithm=SHA1&digits=6&period=30");
	if (at >= outlen)
		return -1;
	out[at] = '\0';
	return 0;
}

void recovery_code_format(const unsigned char rnd[10], char out[RECOVERY_CODE_LEN])
{
	for (int i = 0, j = 0; i < 10; i++) {
		if (i == 5)
			out[j++] = '-';
		out[j++] = RECOVERY_ALPHABET[rnd[i] & 31];
	}
	out[11] = '\0';
}

int recovery_code_normalise(const char *in, char out[RECOVERY_CODE_LEN])
{
	char raw[11];
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		char c = (char)tolower((unsigned char)*p);
		if (!strchr(RECOVERY_ALPHABET, c) || c == '\0' || n == 10)
			return -1;
		raw[n++] = c;
	}
	if (n != 10)
		return -1;
	memcpy(out, raw, 5);
	out[5] = '-';
	memcpy(out + 6, raw + 5, 5);
	out[11] = '\0';
	return 0;
}
