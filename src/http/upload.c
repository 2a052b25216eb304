/* Streaming multipart/form-data with libmicrohttpd's post processor. */
#include "http/upload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int fail(upload *u, int status, const char *field, const char *message)
{
	if (!u->status) {
		u->status = status;
		u->field = field;
		u->message = message;
	}
	if (u->fd >= 0) {
		/* The spool was never named: closing it is removing it. */
		close(u->fd);
		u->fd = -1;
	}
	return status;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
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

static upload_field *field_find(upload *u, const char *key)
{
	for (int i = 0; i < u->nfields; i++)
		if (strcmp(u->fields[i].name, key) == 0)
			return &u->fields[i];
	return NULL;
}

static upload_field *field_new(upload *u, const char *key)
{
	if (u->nfields == UPLOAD_FIELDS_MAX || strlen(key) >= UPLOAD_NAME_MAX)
		return NULL;
	upload_field *f = &u->fields[u->nfields++];
	memcpy(f->name, key, strlen(key) + 1);
	f->value = NULL;
	f->len = 0;
	return f;
}

/* Whether this call of the post processor is the first of a part: one
 * made after another delimiter was fed. */
static int part_begins(upload *u)
{
	if (u->part_seen == u->parts_fed)
		return 0;
	u->part_seen = u->parts_fed;
	return 1;
}

static int file_chunk(upload *u, int first, const char *filename, const char *data, size_t size)
{
	if (first) {
		/* Even an empty file part is one: a second is refused, never
		 * joined to it. */
		if (++u->file_parts > 1)
			return fail(u, 400, UPLOAD_FILE_FIELD, "send one file part only");
		snprintf(u->filename, sizeof u->filename, "%s", filename ? filename : "");
		u->fd = u->spool_open();
		if (u->fd < 0)
			return fail(u, 503, UPLOAD_FILE_FIELD,
			            "the file cannot be spooled; try again");
	}
	if (!size)
		return 0;
	if (size > u->limit - u->size)
		return fail(u, 413, UPLOAD_FILE_FIELD, "the file is larger than the limit");
	if (write_all(u->fd, data, size) != 0)
		return fail(u, 503, UPLOAD_FILE_FIELD, "the file cannot be spooled; try again");
	crypto_hash_sha256_update(&u->sha, (const unsigned char *)data, size);
	u->size += size;
	return 0;
}

static int text_chunk(upload *u, int first, const char *key, const char *data, size_t size)
{
	upload_field *f = field_find(u, key);
	/* A field sent twice is refused rather than joined: its two halves
	 * ("tr" and "ue") are no value anyone sent. */
	if (f && first)
		return fail(u, 400, f->name, "is sent more than once");
	if (!f && !(f = field_new(u, key)))
		return fail(u, 400, "body", "too many fields, or a field name too long");
	if (size > UPLOAD_FIELD_MAX - f->len)
		return fail(u, 400, f->name, "is too long for a form field");
	char *grown = realloc(f->value, f->len + size + 1);
	if (!grown)
		return fail(u, 503, f->name, "the server is short of memory; try again");
	memcpy(grown + f->len, data, size);
	f->value = grown;
	f->len += size;
	f->value[f->len] = '\0';
	return 0;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	upload *u = cls;
	if (u->status)
		return MHD_NO;
	(void)off;
	int first = part_begins(u);
	int rc = key && strcmp(key, UPLOAD_FILE_FIELD) == 0
	             ? file_chunk(u, first, filename, data, size)
	             : text_chunk(u, first, key ? key : "", data, size);
	return rc ? MHD_NO : MHD_YES;
}

static int is_multipart(const char *ct)
{
	return ct && strncasecmp(ct, "multipart/form-data", 19) == 0 &&
	       (ct[19] == ';' || ct[19] == ' ' || ct[19] == '\0');
}

/* The boundary named in the Content-Type (quoted or not) as the
 * delimiter "\r\n--boundary" in u: 0, or -1 when there is none or it is
 * longer than RFC 2046 allows. */
static int delimiter_of(upload *u, const char *ct)
{
	const char *b = strstr(ct, "boundary=");
	if (!b)
		return -1;
	b += strlen("boundary=");
	size_t n = *b == '"' ? strcspn(++b, "\"") : strcspn(b, "; \t");
	if (n == 0 || n > UPLOAD_BOUNDARY_MAX)
		return -1;
	memcpy(u->delim, "\r\n--", 4);
	memcpy(u->delim + 4, b, n);
	u->delim_len = 4 + n;
	u->delim[u->delim_len] = '\0';
	/* The body's first delimiter follows no line break of its own. */
	u->matched = 2;
	return 0;
}

/* Feeds len bytes to the post processor, cut after each delimiter so
 * that every call it makes is known to be of the part it is in. */
static int parts_feed(upload *u, const char *data, size_t len)
{
	size_t from = 0;
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		/* The delimiter holds no '\r' past its first byte, so a
		 * mismatch starts again only at a '\r'. */
		if (c == u->delim[u->matched])
			u->matched++;
		else
			u->matched = c == '\r' ? 1 : 0;
		if (u->matched < u->delim_len)
			continue;
		u->matched = 0;
		if (MHD_post_process(u->pp, data + from, i + 1 - from) != MHD_YES)
			return -1;
		from = i + 1;
		u->parts_fed++;
		if (u->status)
			return 0;
	}
	if (from < len && MHD_post_process(u->pp, data + from, len - from) != MHD_YES)
		return -1;
	return 0;
}

int upload_begin(upload *u, struct MHD_Connection *conn, uint64_t limit, int (*spool_open)(void))
{
	memset(u, 0, sizeof *u);
	u->fd = -1;
	u->limit = limit;
	u->spool_open = spool_open;
	crypto_hash_sha256_init(&u->sha);
	const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	if (!is_multipart(ct) || delimiter_of(u, ct) != 0)
		return fail(u, 400, "Content-Type", "must be multipart/form-data with a boundary");
	/* A small buffer: the file's bytes reach the spool, and the limit,
	 * soon after they arrive. */
	u->pp = MHD_create_post_processor(conn, 16 * 1024, on_part, u);
	if (!u->pp)
		return fail(u, 400, "Content-Type", "must be multipart/form-data with a boundary");
	return 0;
}

int upload_feed(upload *u, const char *data, size_t len)
{
	if (u->status == 413)
		return 413;
	if (len > u->limit + UPLOAD_OVERHEAD - u->received)
		return fail(u, 413, UPLOAD_FILE_FIELD, "the file is larger than the limit");
	u->received += len;
	/* A body already refused for what it holds is read to its end (and
	 * counted) without keeping it, so that its answer can be sent. */
	if (u->status)
		return 0;
	if (parts_feed(u, data, len) != 0 && !u->status)
		fail(u, 400, "body", "is not well-formed multipart/form-data");
	return u->status == 413 ? 413 : 0;
}

int upload_finish(upload *u)
{
	if (u->status)
		return u->status;
	if (u->pp && MHD_destroy_post_processor(u->pp) != MHD_YES && !u->status) {
		u->pp = NULL;
		return fail(u, 400, "body", "is not well-formed multipart/form-data");
	}
	u->pp = NULL;
	if (u->status)
		return u->status;
	if (!u->file_parts)
		return fail(u, 400, UPLOAD_FILE_FIELD, "send the file as a part named file");
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&u->sha, h);
	sodium_bin2hex(u->sha256, sizeof u->sha256, h, sizeof h);
	return 0;
}

void upload_free(upload *u)
{
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	u->pp = NULL;
	if (u->fd >= 0)
		close(u->fd);
	u->fd = -1;
	for (int i = 0; i < u->nfields; i++)
		free(u->fields[i].value);
	u->nfields = 0;
}
