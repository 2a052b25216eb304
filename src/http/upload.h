/* A multipart/form-data body streamed as it arrives: the file part written
 * chunk by chunk to a spool file while its SHA-256 and size are counted,
 * the small text fields kept in memory with a cap each. For the files of
 * src/http/ only; handlers read the result through http.h. */
#ifndef WAYMARK_HTTP_UPLOAD_H
#define WAYMARK_HTTP_UPLOAD_H

#include <microhttpd.h>
#include <sodium.h>
#include <stdint.h>

#define UPLOAD_FIELDS_MAX 8   /* text fields kept; more is refused */
#define UPLOAD_FIELD_MAX 4096 /* bytes of one text field */
#define UPLOAD_NAME_MAX 64    /* bytes of a field's name */
#define UPLOAD_FILENAME_MAX 1024
#define UPLOAD_FILE_FIELD "file"
#define UPLOAD_BOUNDARY_MAX 70 /* RFC 2046 */
/* Room for the parts' headers and boundaries beyond the file's own limit. */
#define UPLOAD_OVERHEAD (64 * 1024)

typedef struct upload_field {
	char name[UPLOAD_NAME_MAX];
	char *value; /* malloc'd, NUL-terminated */
	size_t len;
} upload_field;

typedef struct upload {
	struct MHD_PostProcessor *pp;
	uint64_t limit;    /* bytes of the file at most */
	uint64_t received; /* bytes of the body so far */
	int (*spool_open)(void);
	int fd; /* the spool, or -1 */
	int file_parts;
	/* Where the parts begin: the delimiter ("\r\n--" and the boundary),
	 * how much of it the bytes fed so far end with, and how many were
	 * fed whole. The post processor's calls do not say which part they
	 * belong to; the body is fed to it a delimiter at a time, so a call
	 * made after another delimiter is of a new part. */
	char delim[4 + UPLOAD_BOUNDARY_MAX + 1];
	size_t delim_len, matched;
	unsigned parts_fed, part_seen;
	uint64_t size;
	crypto_hash_sha256_state sha;
	char sha256[65];
	char filename[UPLOAD_FILENAME_MAX];
	upload_field fields[UPLOAD_FIELDS_MAX];
	int nfields;
	/* The first problem met: the status (400, 413, 503) and the field. */
	int status;
	const char *field;
	const char *message;
} upload;

/* Prepares u for the request on conn: 0, or the status to answer with
 * once the body has been read (400 when it is not multipart/form-data),
 * with u->field and u->message saying why. */
int upload_begin(upload *u, struct MHD_Connection *conn, uint64_t limit, int (*spool_open)(void));
/* Feeds the next bytes of the body: 0 to go on reading (a problem found
 * in what the body holds is answered at its end: upload_finish), or 413 at
 * once when the body or the file passes the limit (the spool is then
 * already closed: nothing of the file is kept). */
int upload_feed(upload *u, const char *data, size_t len);
/* At the body's end: 0 when it held exactly one file part (sha256 then
 * holds its hash), or the status to answer with. */
int upload_finish(upload *u);
/* Closes the spool and frees what u holds. Safe to call twice. */
void upload_free(upload *u);

#endif
