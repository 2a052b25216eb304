#include "lib/seal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREFIX "v1:"

static int create_key(const char *path, seal_key *key, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create key file %s: %s", path, strerror(errno));
		return -1;
	}
	randombytes_buf(key->k, sizeof key->k);
	char hex[2 * SEAL_KEY_BYTES + 2];
	sodium_bin2hex(hex, sizeof hex, key->k, sizeof key->k);
	size_t n = strlen(hex);
	hex[n++] = '\n';
	int ok = write(fd, hex, n) == (ssize_t)n && fsync(fd) == 0;
	sodium_memzero(hex, sizeof hex);
	if (close(fd) != 0 || !ok) {
		unlink(path);
		snprintf(err, errlen, "cannot write key file %s", path);
		return -1;
	}
	return 0;
}

int seal_key_load(const char *path, int create, seal_key *key, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create)
		return create_key(path, key, err, errlen);
	if (fd < 0) {
		snprintf(err, errlen, "cannot read key file %s: %s (run 'waymark init' to create it)",
			 path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "key file %s is not a regular file", path);
		return -1;
	}
	if (st.st_mode & 077) {
		close(fd);
		snprintf(err, errlen,
			 "key file %s may be read or written by others than its owner; make it "
			 "private with: chmod 600 %s",
			 path, path);
		return -1;
	}
	char hex[2 * SEAL_KEY_BYTES + 8];
	ssize_t n = read(fd, hex, sizeof hex - 1);
	close(fd);
	if (n < 0)
		n = 0;
	hex[n] = '\0';
	while (n > 0 && (hex[n - 1] == '\n' || hex[n - 1] == '\r'))
		hex[--n] = '\0';
	size_t got = 0;
	if (n != 2 * SEAL_KEY_BYTES ||
	    sodium_hex2bin(key->k, sizeof key->k, hex, (size_t)n, NULL, &got, NULL) != 0 ||
	    got != SEAL_KEY_BYTES) {
		sodium_memzero(hex, sizeof hex);
		snprintf(err, errlen, "key file %s does not hold a key (64 hex digits)", path);
		return -1;
	}
	sodium_memzero(hex, sizeof hex);
	return 0;
}

char *seal_encrypt(const seal_key *key, const char *plaintext)
{
	size_t plen = strlen(plaintext);
	size_t blen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plen;
	unsigned char *box = malloc(blen);
	if (!box)
		return NULL;
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plaintext,
			      plen, box, key->k);
	size_t b64 = sodium_base64_ENCODED_LEN(blen, sodium_base64_VARIANT_ORIGINAL);
	char *out = malloc(sizeof PREFIX - 1 + b64);
	if (out) {
		memcpy(out, PREFIX, sizeof PREFIX - 1);
		sodium_bin2base64(out + sizeof PREFIX - 1, b64, box, blen,
				  sodium_base64_VARIANT_ORIGINAL);
	}
	free(box);
	return out;
}

char *seal_decrypt(const seal_key *key, const char *sealed)
{
	if (strncmp(sealed, PREFIX, sizeof PREFIX - 1) != 0)
		return NULL;
	const char *b64 = sealed + sizeof PREFIX - 1;
	size_t cap = strlen(b64);
	unsigned char *box = malloc(cap + 1);
	if (!box)
		return NULL;
	size_t blen = 0;
	if (sodium_base642bin(box, cap, b64, strlen(b64), NULL, &blen, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    blen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
		free(box);
		return NULL;
	}
	size_t plen = blen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	char *out = malloc(plen + 1);
	if (!out || crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
					       blen - crypto_secretbox_NONCEBYTES, box,
					       key->k) != 0) {
		free(out);
		free(box);
		return NULL;
	}
	out[plen] = '\0';
	free(box);
	return out;
}

void seal_match_key(const seal_key *key, const char *text, char out[SEAL_MATCH_HEX])
{
	/* A subkey of its own, so that the hash says nothing about the key
	 * that seals fields. */
	unsigned char sub[crypto_generichash_KEYBYTES], h[32];
	crypto_kdf_derive_from_key(sub, sizeof sub, 1, "wm-match", key->k);
	crypto_generichash(h, sizeof h, (const unsigned char *)text, strlen(text), sub, sizeof sub);
	sodium_memzero(sub, sizeof sub);
	sodium_bin2hex(out, SEAL_MATCH_HEX, h, sizeof h);
}

void seal_key_wipe(seal_key *key)
{
	sodium_memzero(key->k, sizeof key->k);
}
