/* Sealed fields: encryption at rest with libsodium's secretbox under a key
 * kept outside the database, in a file readable only by its owner. */
#ifndef WAYMARK_LIB_SEAL_H
#define WAYMARK_LIB_SEAL_H

#include <stddef.h>

#define SEAL_KEY_BYTES 32

typedef struct seal_key {
	unsigned char k[SEAL_KEY_BYTES];
} seal_key;

/* Reads the key file (64 hex digits). With create set, a missing file is
 * made with mode 0600 and a new random key. Refuses a file that others may
 * read or that is malformed. Returns 0, or -1 with a message in err. */
int seal_key_load(const char *path, int create, seal_key *key, char *err, size_t errlen);
/* Encrypts plaintext as "v1:" + base64(nonce || box). Returns a malloc'd
 * string the caller frees, or NULL when memory runs out. */
char *seal_encrypt(const seal_key *key, const char *plaintext);
/* Decrypts what seal_encrypt made. Returns a malloc'd string, or NULL when
 * the text is malformed, was altered, or was sealed under another key. */
char *seal_decrypt(const seal_key *key, const char *sealed);
/* The hex digits of a keyed BLAKE2b hash of text under a key derived from
 * key, in out: equal texts give equal hashes, and nobody without the key
 * can tell what text gave one. For matching sealed values without storing
 * them in the clear. Can't fail. */
#define SEAL_MATCH_HEX 65
void seal_match_key(const seal_key *key, const char *text, char out[SEAL_MATCH_HEX]);

/* Wipes the key from memory. */
void seal_key_wipe(seal_key *key);

#endif
