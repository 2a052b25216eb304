/* Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps). */
#ifndef WAYMARK_DOMAIN_TOTP_H
#define WAYMARK_DOMAIN_TOTP_H

#include <stddef.h>
#include <stdint.h>

#define TOTP_STEP 30
#define TOTP_SECRET_BYTES 20
#define TOTP_SECRET_B32 33 /* 32 base32 characters plus NUL */
#define RECOVERY_CODES 10
#define RECOVERY_CODE_LEN 12 /* "xxxxx-xxxxx" plus NUL */

/* Writes the base32 form of a 20-byte secret (RFC 4648: 32 upper-case
 * characters, no padding), as users see it. Returns 0, or -1 when memory
 * runs out. */
int totp_secret_b32(const unsigned char secret[TOTP_SECRET_BYTES], char out[TOTP_SECRET_B32]);
/* Checks code against the base32 secret at now_s, allowing one step of drift
 * either way. Returns the step the code belongs to (> 0), or 0 when it does
 * not match or its step is not after last_step (a code is used once). */
int64_t totp_check(const char *secret_b32, const char *code, int64_t now_s, int64_t last_step);
/* Writes the code for the step holding now_s (for tests and enrolment checks). Returns 0 or -1. */
int totp_code(const char *secret_b32, int64_t now_s, char out[7]);
/* Writes an otpauth:// URI for authenticator apps. Returns 0, or -1 when out is too small. */
int totp_uri(const char *issuer, const char *account, const char *secret_b32, char *out,
	     size_t outlen);
/* Turns 10 random bytes into a recovery code "xxxxx-xxxxx" (base32, lower case). */
void recovery_code_format(const unsigned char rnd[10], char out[RECOVERY_CODE_LEN]);
/* Normalises typed input to the stored form (lower case, dash restored).
 * Returns 0, or -1 when it cannot be a recovery code. */
int recovery_code_normalise(const char *in, char out[RECOVERY_CODE_LEN]);

#endif
