/* Access bundles: what is held about a person who asked for it, read from
 * each feature's tables as labelled rows, and the bundle itself (its items,
 * the redactions proposed in them, the decisions, the release). */
#ifndef WAYMARK_STORE_SUBJECT_BUNDLES_H
#define WAYMARK_STORE_SUBJECT_BUNDLES_H

#include <stdint.h>

#include "domain/words.h"
#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

/* What a bundle needs of its request (the requests helper owns the rest). */
typedef struct bundle_request_rec {
	char id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	const char *kind;   /* access, rectification, erasure, restriction */
	const char *status; /* open, closed */
} bundle_request_rec;

/* DB_ROW, DB_DONE when there is no such request, or an error. */
int store_bundle_request_get(db *d, arena *a, const char *id, bundle_request_rec *r);

/* Where what is held about a person lies. */
typedef enum {
	BUNDLE_SRC_RECORD,        /* their record */
	BUNDLE_SRC_PARTS,         /* their parts in cases */
	BUNDLE_SRC_INDICATORS,    /* indicators recorded of them */
	BUNDLE_SRC_NOTES,         /* the notes of their cases (the caller keeps those about them) */
	BUNDLE_SRC_NRM,           /* their NRM referrals */
	BUNDLE_SRC_PLANS,         /* their safeguarding plans */
	BUNDLE_SRC_PLAN_RISKS,    /* the risks in them */
	BUNDLE_SRC_PLAN_ACTIONS,  /* the actions in them */
	BUNDLE_SRC_PLAN_NOTES,    /* the notes in them */
	BUNDLE_SRC_MISSING,       /* their missing episodes */
	BUNDLE_SRC_REFERRALS,     /* their referrals to services */
	BUNDLE_SRC_DOCUMENTS,     /* documents about them (listed, not their content) */
	BUNDLE_SRC_DISCLOSURES,   /* shares of their record with other organisations */
	BUNDLE_SRC_CONSULTATIONS, /* who consulted their record, as the s62 log allows: when, the
	                             organisation, the role, what and why; never who by name */
	BUNDLE_SRC_COUNT
} bundle_source;

/* A row of a source: n labelled values (a value is NULL when not held). */
typedef struct bundle_row {
	const char *const *labels;
	const char *const *values;
	const words_list *words; /* how each value reads */
	int n;
} bundle_row;

/* The section the source's items go in ("record", "case_part", ...). */
const char *store_bundle_section(bundle_source src);

/* Calls fn with each row of the source about the person, oldest first.
 * Values last for the call. DB_OK, fn's non-zero answer, or an error. */
int store_bundle_source_rows(db *d, bundle_source src, const char *person_id,
                             int (*fn)(const bundle_row *r, void *arg), void *arg);

/* Calls fn with each name of a third party of the person's records:
 * the other people of their cases (given names, family name, aliases as
 * a JSON array) with officer 0, and every account's display name and user
 * name with officer 1 (aliases NULL). DB_OK, fn's answer, or an error. */
int store_bundle_third_parties(db *d, const char *person_id,
                               int (*fn)(const char *given, const char *family, const char *aliases,
                                         int officer, void *arg),
                               void *arg);

typedef struct bundle_rec {
	char request_id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	const char *status; /* draft, released */
	char assembled_by[SECURE_ID_LEN];
	char assembled_at[32];
	const char *released_at; /* NULL while a draft */
	const char *content;     /* the released bundle (JSON), NULL while a draft */
	int64_t version;
} bundle_rec;

typedef struct bundle_item_rec {
	char id[SECURE_ID_LEN];
	char request_id[SECURE_ID_LEN];
	int position;
	const char *section;
	const char *title;
	const char *text;
	const char *exemption_ground; /* NULL when not exempt */
	const char *exemption_reason;
	int64_t version;
} bundle_item_rec;

typedef struct bundle_redaction_rec {
	char id[SECURE_ID_LEN];
	char item_id[SECURE_ID_LEN];
	int64_t start, length; /* characters */
	const char *reason;
	const char *status; /* proposed, approved, rejected */
} bundle_redaction_rec;

/* Within the caller's transaction: starts the request's bundle as a draft
 * assembled by actor now. DB_CONSTRAINT when it has one already. */
int store_bundle_create(db *d, const char *request_id, const char *org_id, const char *person_id,
                        const char *actor, const char *now);
/* Adds an item (fills its id; version 1). */
int store_bundle_item_add(db *d, bundle_item_rec *it);
/* Adds a proposed redaction to the item (fills its id). */
int store_bundle_redaction_add(db *d, bundle_redaction_rec *r);

/* DB_ROW (strings in a), DB_DONE when the request has no bundle, or an error. */
int store_bundle_get(db *d, arena *a, const char *request_id, bundle_rec *b);
/* Calls fn with each item of the bundle in order, then (for each item) its
 * redactions in order of start: items and redactions come as two walks. */
int store_bundle_items(db *d, arena *a, const char *request_id,
                       int (*fn)(const bundle_item_rec *it, void *arg), void *arg);
int store_bundle_redactions(db *d, arena *a, const char *request_id,
                            int (*fn)(const bundle_redaction_rec *r, void *arg), void *arg);
/* DB_ROW, DB_DONE when the bundle has no such item, or an error. */
int store_bundle_item_get(db *d, arena *a, const char *request_id, const char *item_id,
                          bundle_item_rec *it);

/* Within the caller's transaction: moves the item on from version (its
 * version + 1), setting its exemption (ground NULL: none). DB_OK, DB_DONE
 * when the version is stale, or an error. */
int store_bundle_item_update(db *d, const char *item_id, int64_t version, const char *ground,
                             const char *reason);
/* Records the decision on the item's redaction. DB_OK, DB_DONE when the
 * item has no such redaction, or an error. */
int store_bundle_redaction_decide(db *d, const char *item_id, const char *redaction_id,
                                  const char *status, const char *actor, const char *now);
/* Within the caller's transaction: fixes the draft as released, with its
 * content. DB_OK, DB_DONE when it is not a draft, or an error. */
int store_bundle_release(db *d, const char *request_id, const char *actor, const char *now,
                         const char *content);

#endif
