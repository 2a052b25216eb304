#include "lib/secure.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/clock.h"

int secure_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void secure_id(char out[SECURE_ID_LEN])
{
	/* UUIDv7 with a 12-bit counter after the millisecond (RFC 9562, method 1),
	 * so ids made by this process sort in the order they were made. */
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static uint64_t last_ms;
	static unsigned counter;
	unsigned char b[16];
	randombytes_buf(b, sizeof b);
	uint64_t ms = (uint64_t)clock_now_ms();
	pthread_mutex_lock(&lock);
	if (ms <= last_ms) {
		ms = last_ms;
		if (++counter > 0xfff) { /* 4096 in one millisecond: borrow the next one */
			ms = ++last_ms;
			counter = 0;
		}
	} else {
		last_ms = ms;
		counter = b[6] & 0x07; /* a small random start leaves room to count */
	}
	unsigned seq = counter;
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	b[6] = (unsigned char)(0x70 | ((seq >> 8) & 0x0f));
	b[7] = (unsigned char)(seq & 0xff);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, SECURE_ID_LEN,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
		 b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
		 b[14], b[15]);
}

void secure_token(char out[SECURE_TOKEN_LEN])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	sodium_bin2base64(out, SECURE_TOKEN_LEN, b, sizeof b,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(b, sizeof b);
}

void secure_sha256_hex(const void *p, size_t n, char out[SECURE_SHA256_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, SECURE_SHA256_HEX, h, sizeof h);
}

int secure_str_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

int secure_password_hash(const char *password, char out[SECURE_PWHASH_LEN])
{
	return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0
		       ? 0
		       : -1;
}

int secure_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int secure_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
					      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}
