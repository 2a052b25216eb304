/* Disposal of records after a review (issue 21): what goes and what stays
 * when a case is disposed of or a person's record is erased, and the scrub
 * that leaves no trace of it in the database's files afterwards.
 *
 * What goes: the personal data of each person of the case who appears in no
 * retained case (names and their index, search and trigram rows, dates of
 * birth, contact details, identifiers, addresses, free text, sealed fields,
 * history), unless they are missing now (an open missing episode); the
 * case's notes, places, free text, documents (rows marked,
 * files removed by the scrub once no live row holds them), shares, plans,
 * missing episodes, referrals, feedback, selectors and exports.
 * What stays: a stub (reference, dates, group, who decided and why), the
 * audit trail, and the anonymised figures (the case row's non-identifying
 * fields, each victim's nationality, age band and exploitation types), so
 * figures for past periods do not change. docs/records.md says it all. */
#ifndef WAYMARK_STORE_DISPOSAL_H
#define WAYMARK_STORE_DISPOSAL_H

#include <stddef.h>

#include "store/db.h"

struct blob_store;

/* Who decided a disposal, why, and when. */
typedef struct disposal_decision {
	const char *actor_id;   /* the records manager who decided (users.id) */
	const char *reason;     /* why, as recorded on the review or request */
	const char *group;      /* the case's retention group when disposed of; NULL: unknown */
	const char *review_id;  /* the review that decided it, or NULL */
	const char *request_id; /* the subject request (erasure), or NULL */
	const char *now;        /* ISO-8601 UTC time of the decision */
} disposal_decision;

/* What a disposal did, for the answer and the audit entry (counts only). */
typedef struct disposal_result {
	char stub_id[40];    /* the stub kept (case disposal), "" for a person */
	int people_disposed; /* people whose personal data went */
	int people_kept;     /* people of the case kept: in a retained case, or missing now */
	int documents;       /* document rows disposed of */
	int notes;           /* the case's notes (timeline entries) removed */
	int rows;            /* every row removed or blanked, all tables */
} disposal_result;

/* Disposes of the case case_id inside the caller's open transaction (the
 * review that decided it commits or rolls back with it): removes what
 * docs/records.md lists, keeps the stub and the figures, and appends the
 * audit entry `case_disposed` naming no one. Does not check holds: the
 * caller refuses a held case first. Returns DB_OK with *out filled, DB_DONE
 * when there is no such case or it is disposed of already, or an error (the
 * caller rolls back). After commit, call store_disposal_scrub. */
int store_dispose_case(db *d, const char *case_id, const disposal_decision *dec,
                       disposal_result *out);

/* Disposes of one person (erasure) inside the caller's open transaction:
 * the person's personal data everywhere it is held, keeping the anonymised
 * facts of each case they were in; appends `person_disposed` naming no one.
 * Does not check whether a policing purpose remains (a retained case, a
 * hold, an open missing episode): the caller refuses first. Returns DB_OK
 * with *out filled, DB_DONE when there is no such person or they are
 * disposed of already, or an error. After commit, call
 * store_disposal_scrub. */
int store_dispose_person(db *d, const char *person_id, const disposal_decision *dec,
                         disposal_result *out);

/* What the scrub did. */
typedef struct disposal_scrub_report {
	int files_removed; /* encrypted document files removed */
	int checkpointed;  /* SQLite: 1 when the WAL was checkpointed and truncated */
	int busy_retries;  /* checkpoint attempts that readers blocked */
} disposal_scrub_report;

/* Runs after the disposal's commit, outside any transaction: optimises the
 * search indexes (so old segments holding the names go), removes the files
 * of documents whose every row is disposed of from bs (the API's is
 * api_documents_blobs(); NULL leaves them to `waymark documents dispose`
 * once its --after-days have passed), and on SQLite checkpoints the WAL with
 * TRUNCATE, retrying for up to wait_ms while readers block it. Freed pages
 * are zeroed as they are freed (every SQLite connection runs with
 * secure_delete on). Idempotent: a scrub that did not finish is finished by
 * the next. Returns DB_OK; DB_BUSY when readers still blocked the
 * checkpoint (the rows are gone; their bytes may remain in the WAL until a
 * later scrub), or an error with a message in db_errmsg(d). */
int store_disposal_scrub(db *d, struct blob_store *bs, int wait_ms, disposal_scrub_report *rep);

#endif
