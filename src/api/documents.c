/* Documents and photographs attached to a case: uploaded as
 * multipart/form-data (streamed to a spool by the HTTP layer), typed from
 * their content, scanned for viruses, kept encrypted in the blob store,
 * and downloaded as attachments that a browser never renders in our
 * origin. Every download is audited with its purpose; a sealed document
 * is read only by those who reveal sealed fields, with a stated purpose; a
 * partner reads only what a live share names, and an image (whatever its
 * kind) only as a copy without its metadata. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "domain/documents.h"
#include "lib/clock.h"
#include "lib/images.h"
#include "lib/log.h"
#include "lib/macros.h"
#include "lib/scan.h"
#include "lib/sniff.h"
#include "store/blobs.h"
#include "store/cases.h"
#include "store/documents.h"
#include "store/nrm.h"
#include "store/pool.h"

static blob_store *blobs;
static scanner *virus_scanner;

void api_documents_setup(blob_store *bs, scanner *s)
{
	blobs = bs;
	virus_scanner = s;
}

struct blob_store *api_documents_blobs(void)
{
	return blobs;
}

/* ---- the size limit, read before the body ---- */

int api_document_limit(db *d, uint64_t *limit)
{
	char value[32];
	*limit = DOCUMENT_DEFAULT_LIMIT;
	int rc = store_setting_get(d, DOCUMENT_LIMIT_KEY, value, sizeof value);
	if (rc == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	char *end;
	unsigned long long v = strtoull(value, &end, 10);
	if (*end == '\0' && document_limit_valid(v))
		*limit = v;
	return DB_OK;
}

int api_upload_limit(http_req *req, const http_route *route, uint64_t *limit)
{
	(void)route;
	int rc = DB_OK;
	/* The thread's own connection: no other request holds it now. */
	db *d = store_pool_get(&rc);
	if (d)
		rc = api_document_limit(d, limit);
	if (!d || rc != DB_OK) {
		http_metrics_db_error();
		http_reply_header(req, "Connection", "close");
		http_reply_header(req, "Retry-After", "2");
		http_reply_problem(req, 503, "Service Unavailable",
		                   "the database cannot be reached; try again", NULL);
		return -1;
	}
	return 0;
}

int api_upload_spool(void)
{
	return blobs ? blobs_spool(blobs) : -1;
}

/* Whether the files can be reached: 0, or replies 503 and -1 (a server
 * started without a documents folder or signatures). */
static int files_ready(http_req *req, int scanning)
{
	if (blobs && (!scanning || virus_scanner))
		return 0;
	http_reply_header(req, "Retry-After", "60");
	http_reply_problem(
	    req, 503, "Service Unavailable",
	    !blobs ? "documents cannot be kept or read: the server has no documents folder"
	           : "documents cannot be scanned for viruses now: nothing was kept",
	    NULL);
	return -1;
}

/* ---- what a reader sees of a document ---- */

/* Whether the signed-in user may read the sealed document in a case of
 * these relations. */
static int sees_sealed(http_req *req, unsigned rel)
{
	return access_decide(api_ctx_of(req)->role, KIND_SEALED, ACT_REVEAL, rel) == ACCESS_ALLOW;
}

/* Whether the role reads documents only as shared with it (a partner). */
static int partner_reader(http_req *req)
{
	access_scope s = access_scope_of(api_ctx_of(req)->role, KIND_DOCUMENT, ACT_READ);
	return s == SCOPE_SHARED;
}

/* The metadata; a sealed document's title and file name only for those
 * who may read it. */
static json_t *document_json(const document_rec *d, int shown)
{
	/* shown < 0: as a partner sees it. */
	if (shown < 0)
		/* A partner's view: the document, nothing of the case it is in. */
		return json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:b, s:s, s:I}", "id", d->id,
		                 "kind", d->kind, "title", d->title, "filename", d->filename,
		                 "media_type", d->media_type, "size", (json_int_t)d->size, "sha256",
		                 d->sha256, "sealed", 0, "created_at", d->created_at, "version",
		                 (json_int_t)d->version);
	json_t *person = d->person_id[0]
	                     ? json_pack("{s:s, s:s}", "id", d->person_id, "name", d->person_name)
	                     : json_null();
	return json_pack(
	    "{s:s, s:s, s:o, s:s, s:s?, s:s?, s:s, s:I, s:s, s:b, s:{s:s, s:s}, s:s, s:I}", "id",
	    d->id, "case_id", d->case_id, "person", person, "kind", d->kind, "title",
	    shown ? d->title : NULL, "filename", shown ? d->filename : NULL, "media_type",
	    d->media_type, "size", (json_int_t)d->size, "sha256", d->sha256, "sealed", d->sealed,
	    "added_by", "id", d->created_by, "name", d->created_by_name, "created_at",
	    d->created_at, "version", (json_int_t)d->version);
}

/* Loads the document named by {id} and decides the action on it: the
 * relations of its case, with REL_SHARED when a live share with the
 * user's organisation names it. 0, or replies (404 for a document out of
 * reach or deleted, 403, 503) and -1. */
static int document_load(http_req *req, access_action a, document_rec *d, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	if (!access_role_may(c->role, KIND_DOCUMENT, a))
		return api_allow(req, KIND_DOCUMENT, a, 0, "document");
	int rc = store_document_get(c->db, http_req_arena(req), http_req_param(req, "id"), d);
	case_rec cr;
	unsigned r = 0;
	/* A deleted document is gone to readers; a write finds it to say so. */
	if (rc == DB_ROW && (!d->deleted_at || a == ACT_WRITE) &&
	    (rc = store_case_get(c->db, http_req_arena(req), d->case_id, &cr)) == DB_ROW)
		rc = api_case_rel(req, &cr, &r);
	else if (rc == DB_ROW)
		rc = DB_DONE;
	int named = 0;
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	if (rc == DB_OK &&
	    (rc = store_document_shared(c->db, d->id, c->user.org_id, today, &named)) == DB_OK &&
	    named)
		r |= REL_SHARED;
	if (rc != DB_OK && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	if (rc == DB_DONE || access_decide(c->role, KIND_DOCUMENT, ACT_READ, r) == ACCESS_HIDDEN ||
	    (d->sealed && partner_reader(req))) {
		http_reply_problem(req, 404, "Not Found", "there is no such document", NULL);
		return -1;
	}
	*rel = r;
	return api_allow(req, KIND_DOCUMENT, a, r, "document");
}

/* ---- adding a document ---- */

/* Whether a control character (C0, DEL or C1) starts the UTF-8 character
 * at p, which is n bytes long. */
static int control_at(const unsigned char *p, size_t n)
{
	return (n == 1 && (*p < 0x20 || *p == 0x7f)) || (n == 2 && p[0] == 0xc2 && p[1] < 0xa0);
}

/* Whether the text is UTF-8 with no control character in it: what a
 * title must be to be shown, listed and exported as JSON. */
static int text_plain(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p;) {
		size_t n = api_utf8_char(p);
		if (!n || control_at(p, n))
			return 0;
		p += n;
	}
	return 1;
}

/* The fields of the form: 0 with them set, or replies 422 naming each
 * field at fault and -1. */
static int form_read(http_req *req, const case_rec *cr, document_rec *d)
{
	api_ctx *c = api_ctx_of(req);
	json_t *errors = api_keep(req, json_array());
	if (!errors) {
		http_reply_problem(req, 503, "Service Unavailable",
		                   "the server is short of memory; try again", NULL);
		return -1;
	}
	d->kind = http_req_form(req, "kind");
	if (!d->kind || document_kind_parse(d->kind) < 0)
		jv_error(
		    errors, "kind",
		    "must be consent_form, statement, identity_document, photograph, court_order, "
		    "correspondence or other");
	d->title = http_req_form(req, "title");
	size_t tn = d->title ? strlen(d->title) : 0;
	if (!tn || strspn(d->title, " \t") == tn)
		jv_error(errors, "title", "must not be empty");
	else if (tn > DOCUMENT_TITLE_MAX)
		jv_error(errors, "title", "must be at most 200 bytes");
	else if (!text_plain(d->title))
		jv_error(errors, "title", "must be UTF-8 text without control characters");
	const char *sealed = http_req_form(req, "sealed");
	if (sealed && strcmp(sealed, "true") != 0 && strcmp(sealed, "false") != 0)
		jv_error(errors, "sealed", "must be true or false");
	d->sealed = sealed && strcmp(sealed, "true") == 0;
	const char *person = http_req_form(req, "person_id");
	if (person && person[0]) {
		const char *part = NULL;
		int rc = strlen(person) < SECURE_ID_LEN
		             ? store_person_role_in_case(c->db, http_req_arena(req), cr->id, person,
		                                         &part)
		             : DB_DONE;
		if (rc != DB_ROW && rc != DB_DONE) {
			api_db_fail(req, rc);
			return -1;
		}
		if (rc == DB_DONE)
			jv_error(errors, "person_id", "is not someone in this case");
		else
			snprintf(d->person_id, sizeof d->person_id, "%s", person);
	}
	if (json_array_size(errors)) {
		api_invalid(req, json_incref(errors));
		return -1;
	}
	return 0;
}

/* The file's media type from its content, and whether the kind takes it:
 * 0, or replies (415 saying why, 422 for an empty file, 503) and -1. */
static int file_type(http_req *req, const http_file *f, document_rec *d, char type[SNIFF_TYPE_MAX])
{
	if (f->size == 0) {
		api_refuse_field(req, 422, "file", "is empty", NULL);
		return -1;
	}
	if (sniff_fd(f->fd, type) != 0) {
		http_reply_problem(req, 503, "Service Unavailable",
		                   "the file's type cannot be read; try again", NULL);
		return -1;
	}
	document_type_verdict v = document_type_allowed(document_kind_parse(d->kind), type);
	if (v != DOCUMENT_TYPE_OK) {
		char detail[256];
		snprintf(detail, sizeof detail, "the file's content is %s: %s", type,
		         document_type_refusal(v));
		json_t *errors = json_pack("[{s:s, s:s}]", "field", "file", "message", detail);
		http_reply_problem_ext(req, 415, "Unsupported Media Type", detail, errors,
		                       json_pack("{s:s}", "media_type", type));
		return -1;
	}
	d->media_type = arena_strdup(http_req_arena(req), type);
	return d->media_type
	           ? 0
	           : (http_reply_problem(req, 503, "Service Unavailable",
	                                 "the server is short of memory; try again", NULL),
	              -1);
}

/* Scans the file: 0 when clean, or replies (422 naming the file when it is
 * infected, holds macros or is too large to scan whole, 503 when the scan
 * failed: a file is never kept unscanned). */
static int file_clean(http_req *req, const http_file *f)
{
	char name[SCAN_NAME_MAX] = "", err[256] = "no scanner";
	/* A Word document of the zip kind names its VBA project part; the
	 * older kind's macros are ClamAV's heuristic's to find. */
	int m = macros_in_zip(f->fd), r = SCAN_FAILED;
	if (m < 0)
		snprintf(err, sizeof err, "the file's zip directory cannot be read");
	else if (m == 1)
		r = SCAN_MACROS, snprintf(name, sizeof name, "a VBA project part");
	else if (virus_scanner)
		r = scan_fd(virus_scanner, f->fd, name, err, sizeof err);
	if (r == SCAN_CLEAN)
		return 0;
	if (r < 0) {
		log_msg("error", "request %s: virus scan failed: %s", http_req_id(req), err);
		http_reply_header(req, "Retry-After", "2");
		http_reply_problem(
		    req, 503, "Service Unavailable",
		    "the file could not be scanned for viruses; nothing was kept; try again", NULL);
		return -1;
	}
	const char *file = f->filename[0] ? f->filename : "sent";
	char detail[400];
	if (r == SCAN_TOO_LARGE || r == SCAN_MACROS) {
		/* Not a virus, and not said to be one. */
		log_msg("warn", "request %s: refused an upload (%s)", http_req_id(req), name);
		snprintf(
		    detail, sizeof detail,
		    r == SCAN_MACROS
		        ? "the file %.200s holds macros, which are not accepted; nothing was kept"
		        : "the file %.200s is too large to scan for viruses; nothing was kept",
		    file);
		api_refuse_field(req, 422, "file", detail, detail);
		return -1;
	}
	log_msg("warn", "request %s: refused an infected upload (%s)", http_req_id(req), name);
	snprintf(detail, sizeof detail, "the file %.200s holds a virus (%s); nothing was kept",
	         file, name);
	json_t *errors = json_pack("[{s:s, s:s}]", "field", "file", "message", detail);
	http_reply_problem_ext(req, 422, "Unprocessable Content", detail, errors,
	                       json_pack("{s:s}", "virus", name));
	return -1;
}

/* The client's file name as kept: its last path segment as UTF-8, at
 * most 255 bytes, never cut inside a character; a byte that starts no
 * valid character becomes '_' and control characters are dropped (a name
 * is never a reason to refuse a file); "document" when nothing is left.
 * NULL when memory runs out. */
static const char *filename_kept(http_req *req, const char *given)
{
	const char *base = given;
	for (const char *p = given; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	char out[256];
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)base; *p;) {
		size_t k = api_utf8_char(p);
		const unsigned char *put = p;
		size_t len = k;
		if (!k) {
			put = (const unsigned char *)"_";
			len = k = 1;
		} else if (control_at(p, k)) {
			len = 0;
		}
		if (n + len > sizeof out - 1)
			break;
		memcpy(out + n, put, len);
		n += len;
		p += k;
	}
	out[n] = '\0';
	return arena_strdup(http_req_arena(req), n ? out : "document");
}

void api_documents_add(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	if (api_case_load(req, KIND_DOCUMENT, ACT_WRITE, &cr, &rel) != 0)
		return;
	document_rec d = {0};
	if (form_read(req, &cr, &d) != 0 || files_ready(req, 1) != 0)
		return;
	if (d.sealed && api_allow(req, KIND_SEALED, ACT_REVEAL, rel, "sealed document") != 0)
		return;
	http_file f;
	if (http_req_file(req, &f) != 0) {
		api_refuse_field(req, 422, "file", "send the file as a part named file", NULL);
		return;
	}
	char type[SNIFF_TYPE_MAX];
	if (file_type(req, &f, &d, type) != 0 || file_clean(req, &f) != 0)
		return;
	char err[256];
	if (blobs_put(blobs, f.fd, f.size, f.sha256, err, sizeof err) != 0) {
		log_msg("error", "request %s: cannot keep a document: %s", http_req_id(req), err);
		http_reply_header(req, "Retry-After", "2");
		http_reply_problem(req, 503, "Service Unavailable",
		                   "the file could not be kept; try again", NULL);
		return;
	}
	memcpy(d.case_id, cr.id, SECURE_ID_LEN);
	memcpy(d.created_by, c->user.id, SECURE_ID_LEN);
	memcpy(d.sha256, f.sha256, sizeof d.sha256);
	d.size = (int64_t)f.size;
	d.filename = filename_kept(req, f.filename);
	/* A file kept whose row then fails stays unreferenced: the disposal
	 * of files no row holds takes it with the deleted ones. */
	int rc = d.filename ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_document_add(c->db, &d);
	if (rc == DB_OK)
		rc = api_case_log(req, cr.id, "document", d.kind, "document_added",
		                  json_pack("{s:s, s:s, s:s, s:I, s:s, s:b}", "document_id", d.id,
		                            "kind", d.kind, "sha256", d.sha256, "size",
		                            (json_int_t)d.size, "media_type", d.media_type,
		                            "sealed", d.sealed));
	document_rec stored;
	if (rc == DB_OK &&
	    (rc = store_document_get(c->db, http_req_arena(req), d.id, &stored)) == DB_ROW)
		rc = DB_OK;
	json_t *out = rc == DB_OK ? document_json(&stored, 1) : NULL;
	/* Nothing is kept that cannot be answered: the commit waits for it. */
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	if (rc == DB_OK) {
		char loc[96];
		snprintf(loc, sizeof loc, "/api/v1/documents/%s", d.id);
		http_reply_header(req, "Location", loc);
		api_etag(req, stored.version);
	}
	api_write_end(req, rc, 201, out);
}

/* ---- listing and reading ---- */

typedef struct listing {
	http_req *req;
	unsigned rel;
	int partner;
	json_t *items;
	document_rec *docs; /* for a partner: read first, then each share checked */
	size_t n, cap;
} listing;

static int list_one(const document_rec *d, void *arg)
{
	listing *l = arg;
	if (l->partner) {
		if (d->sealed)
			return DB_OK;
		if (l->n == l->cap) {
			size_t cap = l->cap ? 2 * l->cap : 16;
			document_rec *grown =
			    arena_alloc(http_req_arena(l->req), cap * sizeof *grown);
			if (!grown)
				return DB_NOMEM;
			if (l->n)
				memcpy(grown, l->docs, l->n * sizeof *grown);
			l->docs = grown;
			l->cap = cap;
		}
		l->docs[l->n++] = *d;
		return DB_OK;
	}
	json_t *j = document_json(d, !d->sealed || sees_sealed(l->req, l->rel));
	return j && json_array_append_new(l->items, j) == 0 ? DB_OK : DB_NOMEM;
}

void api_documents_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	listing l = {req, 0, partner_reader(req), api_keep(req, json_array()), NULL, 0, 0};
	int rc;
	if (l.partner) {
		/* A partner reaches a case's documents only through what its
		 * shares name: a case with none is no case to it. */
		rc = store_case_get(c->db, http_req_arena(req), http_req_param(req, "id"), &cr);
		if (rc != DB_ROW && rc != DB_DONE) {
			api_db_fail(req, rc);
			return;
		}
		if (rc == DB_DONE) {
			http_reply_problem(req, 404, "Not Found", "there is no such case", NULL);
			return;
		}
	} else if (api_case_load(req, KIND_DOCUMENT, ACT_READ, &cr, &l.rel) != 0) {
		return;
	}
	rc = l.items ? store_documents_by_case(c->db, http_req_arena(req), cr.id, list_one, &l)
	             : DB_NOMEM;
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	for (size_t i = 0; rc == DB_OK && i < l.n; i++) {
		int named = 0;
		rc = store_document_shared(c->db, l.docs[i].id, c->user.org_id, today, &named);
		json_t *j = rc == DB_OK && named ? document_json(&l.docs[i], -1) : NULL;
		if (j && json_array_append_new(l.items, j) != 0)
			rc = DB_NOMEM;
		else if (rc == DB_OK && named && !j)
			rc = DB_NOMEM;
	}
	if (rc == DB_OK && l.partner && json_array_size(l.items) == 0) {
		http_reply_problem(req, 404, "Not Found", "there is no such case", NULL);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "documents_listed", "case", cr.id,
		               http_req_header(req, "X-Purpose"), NULL);
	api_reply_items(req, rc, l.items);
}

void api_document_get(http_req *req)
{
	document_rec d;
	unsigned rel;
	if (document_load(req, ACT_READ, &d, &rel) != 0)
		return;
	int rc =
	    api_audit(req, "document_details_viewed", "case", d.case_id,
	              http_req_header(req, "X-Purpose"), json_pack("{s:s}", "document_id", d.id));
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	api_etag(req, d.version);
	http_reply_json(
	    req, 200,
	    document_json(&d, partner_reader(req) ? -1 : !d.sealed || sees_sealed(req, rel)));
}

/* ---- downloads ---- */

/* A reply's body read from the blob store, or from a spool file. */
typedef struct download {
	blob_reader *r;
	int fd;
	off_t off;
} download;

static ssize_t download_read(void *arg, char *out, size_t cap)
{
	download *dl = arg;
	if (dl->r)
		return blob_read(dl->r, (unsigned char *)out, cap);
	ssize_t n = pread(dl->fd, out, cap, dl->off);
	if (n > 0)
		dl->off += n;
	return n;
}

static void download_done(void *arg)
{
	download *dl = arg;
	blob_read_close(dl->r);
	if (dl->fd >= 0)
		close(dl->fd);
	free(dl);
}

/* Content-Disposition for name: attachment with the name encoded as
 * RFC 8187 says (filename*=UTF-8''...), and a plain ASCII fallback. */
static const char *disposition(http_req *req, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(name);
	char *out = arena_alloc(http_req_arena(req), 64 + 4 * n);
	if (!out)
		return NULL;
	static const char head[] = "attachment; filename=\"", mid[] = "\"; filename*=UTF-8''";
	char *o = out;
	memcpy(o, head, sizeof head - 1);
	o += sizeof head - 1;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		*o++ = (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != '%') ? (char)*p
		                                                                         : '_';
	memcpy(o, mid, sizeof mid - 1);
	o += sizeof mid - 1;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

/* Decrypts the document's file into a new spool: its fd, or -1. */
static int plain_copy(const document_rec *d)
{
	int fd = blobs_spool(blobs);
	blob_reader *r = fd >= 0 ? blobs_read_open(blobs, d->sha256) : NULL;
	if (!r) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	unsigned char chunk[64 * 1024];
	ssize_t n;
	while ((n = blob_read(r, chunk, sizeof chunk)) > 0) {
		for (ssize_t w = 0; w < n;) {
			ssize_t k = write(fd, chunk + w, (size_t)(n - w));
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				n = -1;
				break;
			}
			w += k;
		}
		if (n < 0)
			break;
	}
	blob_read_close(r);
	if (n < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

typedef enum { COPY_ORIGINAL, COPY_STRIPPED, COPY_THUMBNAIL } copy_kind;

#define THUMBNAIL_PX 320

/* Makes the copy of an image asked for (without metadata) in a spool: its
 * fd with *type and *size, or -1 (with why in err when the image is too
 * large to be copied, and *too_large set). */
static int image_copy(const document_rec *d, copy_kind k, const char **type, uint64_t *size,
                      int *too_large, char *why, size_t whylen)
{
	*too_large = 0;
	int in = plain_copy(d);
	int out = in >= 0 ? blobs_spool(blobs) : -1;
	char err[256];
	int rc = -1;
	if (out >= 0 && k == COPY_THUMBNAIL) {
		rc = images_thumbnail(in, out, THUMBNAIL_PX, err, sizeof err);
		*type = "image/jpeg";
	} else if (out >= 0) {
		rc = images_strip(in, out, type, err, sizeof err);
	}
	if (in >= 0)
		close(in);
	if (rc == IMAGES_TOO_LARGE) {
		*too_large = 1;
		snprintf(why, whylen, "%s", err);
	}
	off_t end = rc == 0 ? lseek(out, 0, SEEK_END) : -1;
	if (end < 0) {
		if (out >= 0) {
			if (rc == 0)
				rc = -1;
			close(out);
		}
		if (rc != 0 && out >= 0)
			log_msg("error", "document %s: cannot make a copy: %s", d->id, err);
		return -1;
	}
	*size = (uint64_t)end;
	return out;
}

/* Checks a sealed document's read: the role must reveal sealed fields in
 * this case, and a purpose be stated. 0, or replies (403, 422) and -1. */
static int sealed_read(http_req *req, const document_rec *d, unsigned rel)
{
	if (!d->sealed)
		return 0;
	if (api_allow(req, KIND_SEALED, ACT_REVEAL, rel, "sealed document") != 0)
		return -1;
	const char *purpose = http_req_header(req, "X-Purpose");
	if (!purpose || strlen(purpose) < 10) {
		json_t *e = json_array();
		jv_error(e, "X-Purpose",
		         "state why you need the sealed document (at least 10 characters)");
		http_reply_problem(req, 422, "Unprocessable Content",
		                   "a sealed document is shown only with a stated purpose", e);
		return -1;
	}
	return 0;
}

static void reply_file(http_req *req, copy_kind want)
{
	document_rec d;
	unsigned rel;
	if (document_load(req, ACT_READ, &d, &rel) != 0 || sealed_read(req, &d, rel) != 0 ||
	    files_ready(req, 0) != 0)
		return;
	int photo = document_kind_parse(d.kind) == DOCUMENT_PHOTOGRAPH;
	if (want == COPY_THUMBNAIL && !photo) {
		http_reply_problem(req, 404, "Not Found", "only photographs have thumbnails", NULL);
		return;
	}
	/* A partner never receives an image's original: whatever its kind (a
	 * scanned passport is a JPEG as a photograph is), its copy carries no
	 * metadata, and so no place it was taken. */
	copy_kind k =
	    want == COPY_ORIGINAL && document_type_is_image(d.media_type) && partner_reader(req)
	        ? COPY_STRIPPED
	        : want;
	download *dl = calloc(1, sizeof *dl);
	const char *type = d.media_type;
	uint64_t size = (uint64_t)d.size;
	int too_large = 0;
	char why[256] = "";
	if (dl) {
		dl->fd = -1;
		if (k == COPY_ORIGINAL)
			dl->r = blobs_read_open(blobs, d.sha256);
		else
			dl->fd = image_copy(&d, k, &type, &size, &too_large, why, sizeof why);
	}
	if (too_large) {
		/* Never the original in its place: no copy at all, and why. */
		free(dl);
		char detail[400];
		snprintf(detail, sizeof detail, "no copy of this image can be made: %s", why);
		http_reply_problem(req, 422, "Unprocessable Content", detail, NULL);
		return;
	}
	if (!dl || (!dl->r && dl->fd < 0)) {
		if (dl)
			log_msg("error", "document %s: its file cannot be read", d.id);
		free(dl);
		http_reply_header(req, "Retry-After", "2");
		http_reply_problem(req, 503, "Service Unavailable",
		                   "the file cannot be read now; try again", NULL);
		return;
	}
	json_t *detail = json_pack("{s:s, s:s}", "document_id", d.id, "copy",
	                           k == COPY_ORIGINAL   ? "original"
	                           : k == COPY_STRIPPED ? "without_metadata"
	                                                : "thumbnail");
	int rc = api_audit(req, "document_viewed", "case", d.case_id,
	                   http_req_header(req, "X-Purpose"), detail);
	const char *cd = disposition(req, d.filename);
	if (rc == DB_OK && !cd)
		rc = DB_NOMEM;
	if (rc != DB_OK) {
		download_done(dl);
		api_db_fail(req, rc);
		return;
	}
	http_reply_header(req, "Content-Disposition", cd);
	http_reply_header(req, "Content-Security-Policy", "default-src 'none'; sandbox");
	http_reply_header(req, "X-Content-Type-Options", "nosniff");
	http_reply_stream(req, 200, type, size, download_read, download_done, dl);
}

void api_document_content(http_req *req)
{
	reply_file(req, COPY_ORIGINAL);
}

void api_document_thumbnail(http_req *req)
{
	reply_file(req, COPY_THUMBNAIL);
}

/* ---- deleting ---- */

void api_document_delete(http_req *req)
{
	static const jv_field fields[] = {{"reason", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	document_rec d;
	unsigned rel;
	int64_t version;
	if (document_load(req, ACT_WRITE, &d, &rel) != 0)
		return;
	if (d.deleted_at) {
		http_reply_problem(req, 409, "Conflict", "the document was deleted already", NULL);
		return;
	}
	if (api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *reason = api_name(body, "reason", errors);
	if (api_reject(req, errors))
		return;
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	int64_t v = version;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_document_delete(c->db, d.id, &v, c->user.id, reason, now);
	if (rc == DB_DONE) {
		api_stale(req, "document", d.version,
		          document_json(&d, !d.sealed || sees_sealed(req, rel)));
		return;
	}
	/* The file stays until the retention period has passed: its disposal
	 * (store_documents_each_file lists the rows; blobs_remove takes a
	 * file no kept row holds) is a task of its own. */
	if (rc == DB_OK)
		rc = api_case_log(req, d.case_id, "document", d.kind, "document_deleted",
		                  json_pack("{s:s, s:s, s:s}", "document_id", d.id, "sha256",
		                            d.sha256, "reason", reason));
	api_write_end(req, rc, 204, NULL);
}

/* ---- the size limit as an administrator sets it ---- */

/* The setting as it stands: DB_OK with *out, or the error. */
static int limit_json(http_req *req, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	char value[32];
	int64_t version;
	int rc =
	    store_setting_get_versioned(c->db, DOCUMENT_LIMIT_KEY, value, sizeof value, &version);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	uint64_t limit;
	if ((rc = api_document_limit(c->db, &limit)) != DB_OK)
		return rc;
	/* Version 0: never set, so the default holds. */
	*out = json_pack("{s:I, s:I, s:I, s:I, s:I}", "max_bytes", (json_int_t)limit, "minimum",
	                 (json_int_t)DOCUMENT_LIMIT_MIN, "maximum", (json_int_t)DOCUMENT_LIMIT_MAX,
	                 "default", (json_int_t)DOCUMENT_DEFAULT_LIMIT, "version",
	                 (json_int_t)version);
	api_etag(req, version);
	return *out ? DB_OK : DB_NOMEM;
}

void api_document_settings_get(http_req *req)
{
	json_t *out = NULL;
	int rc = limit_json(req, &out);
	if (rc != DB_OK)
		api_db_fail(req, rc);
	else
		http_reply_json(req, 200, out);
}

void api_document_settings_put(http_req *req)
{
	static const jv_field fields[] = {{"max_bytes", JV_INT, 1, 0}};
	api_ctx *c = api_ctx_of(req);
	int64_t version;
	if (api_allow_whole(req, KIND_SETTINGS, ACT_ADMINISTER, "the installation's settings") !=
	        0 ||
	    api_if_match_new(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_int_t v = json_integer_value(json_object_get(body, "max_bytes"));
	if (v < 0 || !document_limit_valid((unsigned long long)v)) {
		api_refuse_field(req, 422, "max_bytes", "must be from 1024 bytes to 512 MiB", NULL);
		return;
	}
	char value[32];
	snprintf(value, sizeof value, "%lld", (long long)v);
	uint64_t before = 0;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = api_document_limit(c->db, &before);
	if (rc == DB_OK)
		rc = store_setting_replace(c->db, DOCUMENT_LIMIT_KEY, value, &version);
	if (rc == DB_DONE) {
		json_t *current = NULL;
		db_rollback(c->db);
		rc = limit_json(req, &current);
		if (rc == DB_OK)
			api_stale(req, "document settings",
			          json_integer_value(json_object_get(current, "version")), current);
		else
			api_db_fail(req, rc);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(
		    req, "document_limit_changed", "setting", DOCUMENT_LIMIT_KEY, NULL,
		    json_pack("{s:I, s:I}", "from", (json_int_t)before, "to", (json_int_t)v));
	json_t *out = NULL;
	if (rc == DB_OK)
		rc = limit_json(req, &out);
	api_write_end(req, rc, 200, out);
}
