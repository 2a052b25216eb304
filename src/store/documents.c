#include "store/documents.h"

#include <stdio.h>

#include "lib/clock.h"

int store_document_add(db *d, document_rec *doc)
{
	secure_id(doc->id);
	clock_now_iso(doc->created_at);
	doc->version = 1;
	char size[24];
	snprintf(size, sizeof size, "%lld", (long long)doc->size);
	const char *p[] = {doc->id,
	                   doc->case_id,
	                   doc->person_id[0] ? doc->person_id : NULL,
	                   doc->kind,
	                   doc->title,
	                   doc->filename,
	                   doc->media_type,
	                   size,
	                   doc->sha256,
	                   doc->sealed ? "1" : "0",
	                   doc->created_by,
	                   doc->created_at};
	return db_run(d,
	              "INSERT INTO documents (id, case_id, person_id, kind, title, filename, "
	              "media_type, size, "
	              "sha256, sealed, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
	              "CAST($8 AS INTEGER), $9, CAST($10 AS INTEGER), $11, $12)",
	              12, p);
}

#define DOCUMENT_SELECT                                                                            \
	"SELECT d.id, d.case_id, d.person_id, d.kind, d.title, d.filename, d.media_type, d.size, " \
	"d.sha256, "                                                                               \
	"d.sealed, d.created_by, d.created_at, d.version, d.deleted_at, d.deleted_by, "            \
	"d.delete_reason, "                                                                        \
	"u.display_name, TRIM(p.given_names || ' ' || p.family_name) FROM documents d JOIN users " \
	"u ON "                                                                                    \
	"u.id = d.created_by LEFT JOIN people p ON p.id = d.person_id "

static int read_document(arena *a, db_stmt *s, void *rec)
{
	document_rec *doc = rec;
	db_col_copy(s, 0, doc->id, sizeof doc->id);
	db_col_copy(s, 1, doc->case_id, sizeof doc->case_id);
	db_col_copy(s, 2, doc->person_id, sizeof doc->person_id);
	doc->kind = db_col_dup(s, 3, a);
	doc->title = db_col_dup(s, 4, a);
	doc->filename = db_col_dup(s, 5, a);
	doc->media_type = db_col_dup(s, 6, a);
	doc->size = db_col_int(s, 7);
	db_col_copy(s, 8, doc->sha256, sizeof doc->sha256);
	doc->sealed = db_col_int(s, 9) != 0;
	db_col_copy(s, 10, doc->created_by, sizeof doc->created_by);
	db_col_copy(s, 11, doc->created_at, sizeof doc->created_at);
	doc->version = db_col_int(s, 12);
	doc->deleted_at = db_col_dup(s, 13, a);
	doc->deleted_by = db_col_dup(s, 14, a);
	doc->delete_reason = db_col_dup(s, 15, a);
	doc->created_by_name = db_col_dup(s, 16, a);
	doc->person_name = db_col_dup(s, 17, a);
	return doc->kind && doc->title && doc->filename && doc->media_type &&
	               doc->created_by_name && (!doc->person_id[0] || doc->person_name) &&
	               (db_col_is_null(s, 13) ||
	                (doc->deleted_at && doc->deleted_by && doc->delete_reason))
	           ? DB_OK
	           : DB_NOMEM;
}

int store_document_get(db *d, arena *a, const char *id, document_rec *doc)
{
	const char *p[] = {id};
	return db_get(d, a, DOCUMENT_SELECT "WHERE d.id = $1", 1, p, read_document, doc);
}

typedef struct document_rows {
	arena *a;
	int (*fn)(const document_rec *doc, void *arg);
	void *arg;
} document_rows;

static int document_row(db_stmt *s, void *arg)
{
	document_rows *r = arg;
	document_rec doc;
	int rc = read_document(r->a, s, &doc);
	return rc == DB_OK ? r->fn(&doc, r->arg) : rc;
}

int store_documents_by_case(db *d, arena *a, const char *case_id,
                            int (*fn)(const document_rec *doc, void *arg), void *arg)
{
	const char *p[] = {case_id};
	document_rows r = {a, fn, arg};
	return db_each(d,
	               DOCUMENT_SELECT
	               "WHERE d.case_id = $1 AND d.deleted_at IS NULL ORDER BY d.created_at, d.id",
	               1, p, document_row, &r);
}

int store_document_delete(db *d, const char *id, int64_t *version, const char *actor_id,
                          const char *reason, const char *now)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)*version);
	const char *p[] = {now, actor_id, reason, id, v};
	int rc = db_change(
	    d,
	    "UPDATE documents SET deleted_at = $1, deleted_by = $2, delete_reason = $3, version = "
	    "version + 1 WHERE id = $4 AND version = CAST($5 AS INTEGER) AND deleted_at IS NULL "
	    "RETURNING id",
	    5, p);
	if (rc == DB_OK)
		(*version)++;
	return rc;
}

int store_document_shared(db *d, const char *document_id, const char *org_id, const char *today,
                          int *named)
{
	const char *p[] = {document_id, org_id, today};
	int n = 0;
	int rc = db_count(
	    d,
	    "SELECT sd.share_id FROM share_documents sd JOIN shares s ON s.id = sd.share_id JOIN "
	    "documents d ON d.id = sd.document_id WHERE sd.document_id = $1 AND s.case_id = "
	    "d.case_id AND s.org_id = $2 AND s.ended_at IS NULL AND s.expires_on >= $3",
	    3, p, &n);
	*named = n > 0;
	return rc;
}

int store_share_document_add(db *d, const char *share_id, const char *document_id)
{
	const char *p[] = {share_id, document_id};
	return db_run(d, "INSERT INTO share_documents (share_id, document_id) VALUES ($1, $2)", 2,
	              p);
}

typedef struct file_rows {
	int (*fn)(const char *id, const char *sha256, void *arg);
	void *arg;
} file_rows;

static int file_row(db_stmt *s, void *arg)
{
	file_rows *r = arg;
	return r->fn(db_col_text(s, 0), db_col_text(s, 1), r->arg);
}

int store_documents_each_file(db *d, int (*fn)(const char *id, const char *sha256, void *arg),
                              void *arg)
{
	file_rows r = {fn, arg};
	return db_each(d,
	               "SELECT id, sha256 FROM documents WHERE file_disposed_at IS NULL "
	               "ORDER BY created_at, id",
	               0, NULL, file_row, &r);
}

int store_documents_disposable(db *d, const char *cutoff, int (*fn)(const char *sha256, void *arg),
			       void *arg)
{
	const char *v[] = {cutoff};
	return db_each_text(d,
			    "SELECT sha256 FROM documents GROUP BY sha256 "
			    "HAVING count(*) = count(CASE WHEN deleted_at < $1 THEN 1 END) ORDER BY sha256",
			    1, v, fn, arg);
}

typedef struct disposed_rows {
	int (*fn)(const char *id, const char *case_id, void *arg);
	void *arg;
} disposed_rows;

static int disposed_row(db_stmt *s, void *arg)
{
	disposed_rows *r = arg;
	return r->fn(db_col_text(s, 0), db_col_text(s, 1), r->arg);
}

int store_documents_mark_disposed(db *d, const char *sha256, const char *now,
				  int (*fn)(const char *id, const char *case_id, void *arg), void *arg)
{
	disposed_rows r = {fn, arg};
	const char *v[] = {sha256, now};
	int rc = db_each(d,
			 "SELECT id, case_id FROM documents WHERE sha256 = $1 AND file_disposed_at IS NULL "
			 "ORDER BY id",
			 1, v, disposed_row, &r);
	if (rc == DB_OK)
		rc = db_run(d,
			    "UPDATE documents SET file_disposed_at = $2 "
			    "WHERE sha256 = $1 AND file_disposed_at IS NULL",
			    2, v);
	return rc;
}
