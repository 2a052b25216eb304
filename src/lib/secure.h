/* Randomness, hashing and identifiers, all from libsodium. */
#ifndef WAYMARK_LIB_SECURE_H
#define WAYMARK_LIB_SECURE_H

#include <stddef.h>

#define SECURE_ID_LEN 37      /* UUID text plus NUL */
#define SECURE_TOKEN_LEN 44   /* 32 random bytes as unpadded base64url plus NUL */
#define SECURE_SHA256_HEX 65  /* 64 hex digits plus NUL */

/* Initialises libsodium. Returns 0, or -1 when it cannot start. */
int secure_init(void);
/* Writes a new time-ordered UUID (version 7) as lower-case text. Can't fail. */
void secure_id(char out[SECURE_ID_LEN]);
/* Writes 256 random bits as base64url text. Can't fail. */
void secure_token(char out[SECURE_TOKEN_LEN]);
/* Writes the SHA-256 of n bytes as lower-case hex. Can't fail. */
void secure_sha256_hex(const void *p, size_t n, char out[SECURE_SHA256_HEX]);
/* Compares two strings in time that depends only on their lengths. Returns 1 when equal. */
int secure_str_equal(const char *a, const char *b);



#define SECURE_PWHASH_LEN 128
/* Hashes a password with argon2id. Returns 0, or -1 when memory runs out. */
int secure_password_hash(const char *password, char out[SECURE_PWHASH_LEN]);
/* Returns 1 when password matches the stored hash. */
int secure_password_verify(const char *hash, const char *password);
/* Returns 1 when a stored hash was made with weaker settings than today's. */
int secure_password_needs_rehash(const char *hash);
#endif
