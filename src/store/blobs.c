#include "store/blobs.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A stored file:
 *   "WMBL" and a format byte (1), three zero bytes;
 *   secretstream's header (24 bytes);
 *   chunks of BLOB_CHUNK plaintext bytes, each encrypted with the raw
 *   SHA-256 as associated data (a file moved under another name does not
 *   open), the last one shorter or empty and tagged final. */
#define BLOB_MAGIC "WMBL"
#define BLOB_FORMAT 1
#define BLOB_PREFIX 8
#define BLOB_CHUNK (64 * 1024)
#define BLOB_CIPHER_CHUNK (BLOB_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES)
/* Subkeys of the installation's key, one for contents, one for names. */
#define BLOB_KDF_CONTEXT "wmblobs1"
#define BLOB_SUBKEY_CONTENT 1
#define BLOB_SUBKEY_NAME 2
/* "ab/" + 62 hex digits + NUL, and the temporary name beside it. */
#define BLOB_REL_MAX 80

struct blob_store {
	char *dir;
	int dirfd;
	unsigned char content_key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned char name_key[crypto_generichash_KEYBYTES];
};

struct blob_reader {
	int fd;
	crypto_secretstream_xchacha20poly1305_state st;
	crypto_hash_sha256_state hash;
	unsigned char want[crypto_hash_sha256_BYTES];
	unsigned char ad[crypto_hash_sha256_BYTES];
	unsigned char *cipher, *plain;
	size_t plain_len, plain_at;
	int final, failed, done;
};

blob_store *blobs_open(const char *dir, const seal_key *key, char *err, size_t errlen)
{
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium cannot start");
		return NULL;
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot create the documents folder %s: %s", dir,
		         strerror(errno));
		return NULL;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		snprintf(err, errlen, "cannot open the documents folder %s: %s", dir,
		         strerror(errno));
		return NULL;
	}
	blob_store *bs = calloc(1, sizeof *bs);
	char *copy = strdup(dir);
	if (!bs || !copy) {
		free(bs);
		free(copy);
		close(dfd);
		snprintf(err, errlen, "out of memory opening the documents folder");
		return NULL;
	}
	bs->dir = copy;
	bs->dirfd = dfd;
	crypto_kdf_derive_from_key(bs->content_key, sizeof bs->content_key, BLOB_SUBKEY_CONTENT,
	                           BLOB_KDF_CONTEXT, key->k);
	crypto_kdf_derive_from_key(bs->name_key, sizeof bs->name_key, BLOB_SUBKEY_NAME,
	                           BLOB_KDF_CONTEXT, key->k);
	return bs;
}

void blobs_close(blob_store *bs)
{
	if (!bs)
		return;
	sodium_memzero(bs->content_key, sizeof bs->content_key);
	sodium_memzero(bs->name_key, sizeof bs->name_key);
	close(bs->dirfd);
	free(bs->dir);
	free(bs);
}

const char *blobs_dir(const blob_store *bs)
{
	return bs->dir;
}

int blobs_spool(blob_store *bs)
{
	return openat(bs->dirfd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
}

/* The raw SHA-256 of a name given in hex: 64 lower-case hex digits, or -1. */
static int sha_from_hex(const char *hex, unsigned char raw[crypto_hash_sha256_BYTES])
{
	for (size_t i = 0; i < 2 * crypto_hash_sha256_BYTES; i++) {
		char c = hex[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return -1;
	}
	if (hex[2 * crypto_hash_sha256_BYTES] != '\0')
		return -1;
	size_t got = 0;
	if (sodium_hex2bin(raw, crypto_hash_sha256_BYTES, hex, 2 * crypto_hash_sha256_BYTES, NULL,
	                   &got, NULL) != 0 ||
	    got != crypto_hash_sha256_BYTES)
		return -1;
	return 0;
}

/* The file's place relative to the folder: the keyed hash of its SHA-256,
 * split after two digits ("ab/cdef..."), so no folder grows too large and
 * nobody without the key can tell which known file is stored. In sub, the
 * subfolder ("ab"). */
static void rel_path(const blob_store *bs, const char *sha_hex, char rel[BLOB_REL_MAX], char sub[3])
{
	unsigned char h[32];
	char hex[65];
	crypto_generichash(h, sizeof h, (const unsigned char *)sha_hex,
	                   2 * crypto_hash_sha256_BYTES, bs->name_key, sizeof bs->name_key);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	memcpy(sub, hex, 2);
	sub[2] = '\0';
	snprintf(rel, BLOB_REL_MAX, "%.2s/%s", hex, hex + 2);
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads up to n bytes at off; fewer only at the end of the file. */
static ssize_t pread_full(int fd, unsigned char *p, size_t n, off_t off)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(fd, p + got, n - got, off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

static ssize_t read_full(int fd, unsigned char *p, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* Encrypts size bytes of in_fd into out_fd, checking as it goes that the
 * plaintext's SHA-256 is sha. Returns 0, or -1 with a message in err. */
static int encrypt_stream(const blob_store *bs, int in_fd, uint64_t size,
                          const unsigned char sha[crypto_hash_sha256_BYTES], int out_fd, char *err,
                          size_t errlen)
{
	unsigned char *plain = malloc(BLOB_CHUNK);
	unsigned char *cipher = malloc(BLOB_CIPHER_CHUNK);
	if (!plain || !cipher) {
		free(plain);
		free(cipher);
		snprintf(err, errlen, "out of memory storing a document");
		return -1;
	}
	unsigned char head[BLOB_PREFIX + crypto_secretstream_xchacha20poly1305_HEADERBYTES] = {0};
	memcpy(head, BLOB_MAGIC, 4);
	head[4] = BLOB_FORMAT;
	crypto_secretstream_xchacha20poly1305_state st;
	crypto_secretstream_xchacha20poly1305_init_push(&st, head + BLOB_PREFIX, bs->content_key);
	crypto_hash_sha256_state hash;
	crypto_hash_sha256_init(&hash);
	int rc = write_all(out_fd, head, sizeof head);
	if (rc != 0)
		snprintf(err, errlen, "cannot write a document: %s", strerror(errno));
	uint64_t done = 0;
	/* At least one chunk, the final one, even for an empty file. */
	while (rc == 0) {
		uint64_t left = size - done;
		size_t n = left > BLOB_CHUNK ? BLOB_CHUNK : (size_t)left;
		unsigned char tag =
		    left <= BLOB_CHUNK ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
		if (pread_full(in_fd, plain, n, (off_t)done) != (ssize_t)n) {
			snprintf(err, errlen, "the upload is shorter than its %llu bytes",
			         (unsigned long long)size);
			rc = -1;
			break;
		}
		crypto_hash_sha256_update(&hash, plain, n);
		unsigned long long clen = 0;
		crypto_secretstream_xchacha20poly1305_push(&st, cipher, &clen, plain, n, sha,
		                                           crypto_hash_sha256_BYTES, tag);
		if (write_all(out_fd, cipher, (size_t)clen) != 0) {
			snprintf(err, errlen, "cannot write a document: %s", strerror(errno));
			rc = -1;
			break;
		}
		done += n;
		if (tag)
			break;
	}
	unsigned char got[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&hash, got);
	if (rc == 0 && pread_full(in_fd, plain, 1, (off_t)size) != 0) {
		snprintf(err, errlen, "the upload is longer than its %llu bytes",
		         (unsigned long long)size);
		rc = -1;
	}
	if (rc == 0 && sodium_memcmp(got, sha, sizeof got) != 0) {
		snprintf(err, errlen, "the upload's SHA-256 is not the one given");
		rc = -1;
	}
	sodium_memzero(plain, BLOB_CHUNK);
	sodium_memzero(&st, sizeof st);
	free(plain);
	free(cipher);
	return rc;
}

int blobs_put(blob_store *bs, int fd, uint64_t size, const char sha256[BLOB_SHA256_HEX], char *err,
              size_t errlen)
{
	unsigned char sha[crypto_hash_sha256_BYTES];
	if (sha_from_hex(sha256, sha) != 0) {
		snprintf(err, errlen, "not a SHA-256 in lower-case hex");
		return -1;
	}
	char rel[BLOB_REL_MAX], sub[3];
	rel_path(bs, sha256, rel, sub);
	struct stat st;
	if (fstatat(bs->dirfd, rel, &st, 0) == 0 && S_ISREG(st.st_mode))
		return 0;
	int new_sub = mkdirat(bs->dirfd, sub, 0700) == 0;
	if (!new_sub && errno != EEXIST) {
		snprintf(err, errlen, "cannot create a folder in %s: %s", bs->dir, strerror(errno));
		return -1;
	}
	int subfd = openat(bs->dirfd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (subfd < 0) {
		snprintf(err, errlen, "cannot open a folder in %s: %s", bs->dir, strerror(errno));
		return -1;
	}
	/* The temporary name is random, so puts of the same file from several
	 * threads or servers never write into each other's. */
	unsigned char r[8];
	char tmp[32], rhex[17];
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(rhex, sizeof rhex, r, sizeof r);
	snprintf(tmp, sizeof tmp, ".tmp-%s", rhex);
	int out = openat(subfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		snprintf(err, errlen, "cannot create a file in %s: %s", bs->dir, strerror(errno));
		close(subfd);
		return -1;
	}
	int rc = encrypt_stream(bs, fd, size, sha, out, err, errlen);
	if (rc == 0 && fsync(out) != 0) {
		snprintf(err, errlen, "cannot flush a document to disk: %s", strerror(errno));
		rc = -1;
	}
	if (close(out) != 0 && rc == 0) {
		snprintf(err, errlen, "cannot write a document: %s", strerror(errno));
		rc = -1;
	}
	if (rc == 0 && renameat(subfd, tmp, subfd, rel + 3) != 0) {
		snprintf(err, errlen, "cannot name a document: %s", strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlinkat(subfd, tmp, 0);
	if (rc == 0 && (fsync(subfd) != 0 || (new_sub && fsync(bs->dirfd) != 0))) {
		snprintf(err, errlen, "cannot flush the documents folder: %s", strerror(errno));
		rc = -1;
	}
	close(subfd);
	return rc;
}

int blobs_has(blob_store *bs, const char sha256[BLOB_SHA256_HEX])
{
	unsigned char sha[crypto_hash_sha256_BYTES];
	if (sha_from_hex(sha256, sha) != 0)
		return 0;
	char rel[BLOB_REL_MAX], sub[3];
	rel_path(bs, sha256, rel, sub);
	struct stat st;
	return fstatat(bs->dirfd, rel, &st, 0) == 0 && S_ISREG(st.st_mode);
}

blob_reader *blobs_read_open(blob_store *bs, const char sha256[BLOB_SHA256_HEX])
{
	unsigned char sha[crypto_hash_sha256_BYTES];
	if (sha_from_hex(sha256, sha) != 0)
		return NULL;
	char rel[BLOB_REL_MAX], sub[3];
	rel_path(bs, sha256, rel, sub);
	int fd = openat(bs->dirfd, rel, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	unsigned char head[BLOB_PREFIX + crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	blob_reader *r = calloc(1, sizeof *r);
	if (!r || read_full(fd, head, sizeof head) != (ssize_t)sizeof head ||
	    memcmp(head, BLOB_MAGIC, 4) != 0 || head[4] != BLOB_FORMAT ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&r->st, head + BLOB_PREFIX,
	                                                    bs->content_key) != 0) {
		free(r);
		close(fd);
		return NULL;
	}
	r->cipher = malloc(BLOB_CIPHER_CHUNK);
	r->plain = malloc(BLOB_CHUNK);
	if (!r->cipher || !r->plain) {
		r->fd = fd;
		blob_read_close(r);
		return NULL;
	}
	r->fd = fd;
	memcpy(r->want, sha, sizeof sha);
	memcpy(r->ad, sha, sizeof sha);
	crypto_hash_sha256_init(&r->hash);
	return r;
}

/* Decrypts the next chunk into r->plain. Returns 0, or -1 when the file
 * ends early, was altered, or goes on after its final chunk. */
static int next_chunk(blob_reader *r)
{
	ssize_t n = read_full(r->fd, r->cipher, BLOB_CIPHER_CHUNK);
	if (n < (ssize_t)crypto_secretstream_xchacha20poly1305_ABYTES)
		return -1;
	unsigned long long plen = 0;
	unsigned char tag = 0;
	if (crypto_secretstream_xchacha20poly1305_pull(&r->st, r->plain, &plen, &tag, r->cipher,
	                                               (unsigned long long)n, r->ad,
	                                               sizeof r->ad) != 0)
		return -1;
	int final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	/* Every chunk but the last is full. */
	if (!final && (tag != 0 || n != BLOB_CIPHER_CHUNK))
		return -1;
	crypto_hash_sha256_update(&r->hash, r->plain, (size_t)plen);
	r->plain_len = (size_t)plen;
	r->plain_at = 0;
	r->final = final;
	return 0;
}

/* After the final chunk: nothing more in the file, and the plaintext is
 * the one named. */
static int check_end(blob_reader *r)
{
	unsigned char extra;
	if (read_full(r->fd, &extra, 1) != 0)
		return -1;
	unsigned char got[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&r->hash, got);
	return sodium_memcmp(got, r->want, sizeof got) == 0 ? 0 : -1;
}

ssize_t blob_read(blob_reader *r, unsigned char *out, size_t cap)
{
	if (r->failed)
		return -1;
	while (r->plain_at == r->plain_len) {
		if (r->done)
			return 0;
		if (r->final) {
			if (check_end(r) != 0) {
				r->failed = 1;
				return -1;
			}
			r->done = 1;
			return 0;
		}
		if (next_chunk(r) != 0) {
			r->failed = 1;
			return -1;
		}
	}
	size_t n = r->plain_len - r->plain_at;
	if (n > cap)
		n = cap;
	if (n > SSIZE_MAX)
		n = SSIZE_MAX;
	memcpy(out, r->plain + r->plain_at, n);
	r->plain_at += n;
	return (ssize_t)n;
}

void blob_read_close(blob_reader *r)
{
	if (!r)
		return;
	if (r->plain)
		sodium_memzero(r->plain, BLOB_CHUNK);
	sodium_memzero(&r->st, sizeof r->st);
	free(r->plain);
	free(r->cipher);
	close(r->fd);
	free(r);
}

int blobs_verify(blob_store *bs, const char sha256[BLOB_SHA256_HEX])
{
	blob_reader *r = blobs_read_open(bs, sha256);
	if (!r)
		return -1;
	unsigned char buf[4096];
	ssize_t n;
	while ((n = blob_read(r, buf, sizeof buf)) > 0)
		;
	sodium_memzero(buf, sizeof buf);
	blob_read_close(r);
	return n == 0 ? 0 : -1;
}

int blobs_remove(blob_store *bs, const char sha256[BLOB_SHA256_HEX])
{
	unsigned char sha[crypto_hash_sha256_BYTES];
	if (sha_from_hex(sha256, sha) != 0)
		return -1;
	char rel[BLOB_REL_MAX], sub[3];
	rel_path(bs, sha256, rel, sub);
	if (unlinkat(bs->dirfd, rel, 0) != 0)
		return errno == ENOENT ? 0 : -1;
	int subfd = openat(bs->dirfd, sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (subfd < 0)
		return -1;
	int rc = fsync(subfd);
	close(subfd);
	return rc == 0 ? 0 : -1;
}
