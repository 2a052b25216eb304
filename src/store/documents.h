/* Documents and photographs attached to a case: what is known of each file
 * (the file itself is in the blob store, src/store/blobs.h), and which
 * shares name which documents. */
#ifndef WAYMARK_STORE_DOCUMENTS_H
#define WAYMARK_STORE_DOCUMENTS_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

typedef struct document_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN]; /* "" when about no one person */
	const char *kind, *title, *filename, *media_type;
	int64_t size;
	char sha256[65];
	int sealed;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	int64_t version;
	const char *deleted_at, *deleted_by, *delete_reason; /* NULL while kept */
	/* Read with it: the names shown. */
	const char *created_by_name, *person_name;
} document_rec;

/* Inserts d; fills id, created_at and version. */
int store_document_add(db *d, document_rec *doc);
/* DB_ROW (strings in a), or DB_DONE when there is no such document. */
int store_document_get(db *d, arena *a, const char *id, document_rec *doc);
/* Calls fn with each document of the case not deleted, oldest first:
 * DB_OK, fn's non-zero answer, or an error. */
int store_documents_by_case(db *d, arena *a, const char *case_id,
                            int (*fn)(const document_rec *doc, void *arg), void *arg);
/* Marks a document deleted if it is at version and not deleted yet:
 * DB_OK with *version the new one, DB_DONE when it changed or was deleted. */
int store_document_delete(db *d, const char *id, int64_t *version, const char *actor_id,
                          const char *reason, const char *now);
/* Whether a share live on today of the document's case with org_id names
 * the document: DB_OK with *named 0 or 1, or an error. */
int store_document_shared(db *d, const char *document_id, const char *org_id, const char *today,
                          int *named);
/* Names the document in the share. */
int store_share_document_add(db *d, const char *share_id, const char *document_id);
/* Calls fn with the id and SHA-256 of every document row whose file is
 * kept, deleted or not (a deleted one's file is kept until its disposal):
 * DB_OK, fn's non-zero answer, or an error. */
int store_documents_each_file(db *d, int (*fn)(const char *id, const char *sha256, void *arg),
                              void *arg);

/* Calls fn with each SHA-256 whose every document was deleted before
 * cutoff (an ISO-8601 time): files that may be removed, or were. DB_OK,
 * fn's answer, or an error. */
int store_documents_disposable(db *d, const char *cutoff, int (*fn)(const char *sha256, void *arg),
			       void *arg);
/* Marks the file of every document of that SHA-256 gone at now, calling fn
 * with each such document's id and case (to audit it), within the caller's
 * transaction. DB_OK, fn's answer, or an error. */
int store_documents_mark_disposed(db *d, const char *sha256, const char *now,
				  int (*fn)(const char *id, const char *case_id, void *arg), void *arg);

#endif
