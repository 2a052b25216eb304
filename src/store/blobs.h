/* Document files at rest: each one encrypted with libsodium's secretstream
 * under a key derived from the installation's key, streamed in chunks (never
 * whole in memory), under a content-addressed path in a folder of its own.
 * The path is a keyed hash of the plaintext's SHA-256, so the folder does
 * not tell which known file it holds. The database keeps the metadata and
 * the SHA-256; the folder keeps only ciphertext. */
#ifndef WAYMARK_STORE_BLOBS_H
#define WAYMARK_STORE_BLOBS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lib/seal.h"

#define BLOB_SHA256_HEX 65

typedef struct blob_store blob_store;
typedef struct blob_reader blob_reader;

/* Opens (creating with mode 0700 when missing) the folder dir. Returns the
 * store, or NULL with a message in err. */
blob_store *blobs_open(const char *dir, const seal_key *key, char *err, size_t errlen);
void blobs_close(blob_store *bs);

/* A temporary file for an upload, in the store's folder so that keeping it
 * is a rename away: opened with O_TMPFILE (never named, gone if the process
 * dies), mode 0600. Returns the fd, or -1. */
int blobs_spool(blob_store *bs);

/* Encrypts the plaintext open on fd (read from offset 0, size bytes, whose
 * SHA-256 is sha256 in hex) into the store. Storing what is already there
 * is a success that writes nothing. The file is written to a temporary name,
 * fsynced, renamed, and the folder fsynced: once this returns 0 the file is
 * durable. Returns 0, or -1 with a message in err. */
int blobs_put(blob_store *bs, int fd, uint64_t size, const char sha256[BLOB_SHA256_HEX], char *err,
	      size_t errlen);
/* Whether the store holds the file of that SHA-256. */
int blobs_has(blob_store *bs, const char sha256[BLOB_SHA256_HEX]);
/* Opens the file of that SHA-256 for reading. Returns NULL when missing or
 * unreadable. */
blob_reader *blobs_read_open(blob_store *bs, const char sha256[BLOB_SHA256_HEX]);
/* Decrypts the next bytes into out (at most cap). Returns the count, 0 at
 * the end (only after the stream's final tag verified and the plaintext's
 * SHA-256 matched the name), or -1 when the file was altered, truncated or
 * cannot be read. */
ssize_t blob_read(blob_reader *r, unsigned char *out, size_t cap);
void blob_read_close(blob_reader *r);
/* Decrypts the whole file to check it: 0 when intact, -1 otherwise. */
int blobs_verify(blob_store *bs, const char sha256[BLOB_SHA256_HEX]);
/* Removes the file of that SHA-256 (for disposal after retention). Returns
 * 0, also when it was not there, or -1. */
int blobs_remove(blob_store *bs, const char sha256[BLOB_SHA256_HEX]);
/* The store's folder. */
const char *blobs_dir(const blob_store *bs);

#endif
