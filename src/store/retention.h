/* Retention: the periods administrators set, a case's and its people's
 * retention record, legal holds, and reviews (issue 21). The rules that
 * decide groups and dates are in domain/retention.h; this file keeps what
 * people decided. */
#ifndef WAYMARK_STORE_RETENTION_H
#define WAYMARK_STORE_RETENTION_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

/* ---- the periods ---- */

/* The latest set of periods an administrator saved: DB_ROW with *version
 * and *rules (JSON text [{group, review_years, clear_years}], in a), or
 * DB_DONE when nobody has (the defaults, version 1), or an error. */
int store_retention_rules_get(db *d, arena *a, int64_t *version, const char **rules);
/* Saves a new set as version (the one read, plus one): DB_OK, DB_DONE when
 * someone saved that version first (stale), or an error. */
int store_retention_rules_put(db *d, int64_t version, const char *rules, const char *actor_id);

/* ---- a case's retention record ---- */

typedef struct case_retention_rec {
	const char *group;          /* set by a records manager, or NULL: the rules decide */
	const char *reason;         /* why, with group */
	const char *next_review_on; /* set by the last retain review, or NULL */
	int64_t version;            /* 1 while there is no row */
} case_retention_rec;

/* What the review needs of the case itself, read apart from its content. */
typedef struct case_dates {
	char opened_on[11];
	char closed_on[11]; /* "" while open: the last time its status became closed */
} case_dates;

/* DB_OK with r filled (defaults when no row), or an error. */
int store_case_retention_get(db *d, arena *a, const char *case_id, case_retention_rec *r);
/* Writes r as the next version of the case's record when its version is
 * still r->version: DB_OK (r->version moves on), DB_DONE when stale, or an
 * error. */
int store_case_retention_put(db *d, const char *case_id, case_retention_rec *r,
                             const char *actor_id);
/* The day the case opened and (when closed) the day it last closed. */
int store_case_dates(db *d, const char *case_id, case_dates *out);
/* How many prevention or risk orders are recorded in the case. */
int store_case_order_count(db *d, const char *case_id, int *n);

/* ---- its people ---- */

typedef struct retention_person {
	char person_id[SECURE_ID_LEN];
	const char *name;           /* given and family names */
	const char *part;           /* potential_victim, suspect, witness, other */
	const char *group, *reason; /* their own group, or NULL: the case's */
	int64_t version;            /* 1 while they follow the case */
} retention_person;

/* Calls fn for each part of each person of the case (by name); fn's
 * non-zero answer stops and is returned. */
int store_retention_people(db *d, arena *a, const char *case_id,
                           int (*fn)(const retention_person *p, void *arg), void *arg);
/* One person's part(s) in the case: DB_ROW with p (the first part), DB_DONE
 * when they are not in it, or an error. */
int store_retention_person_get(db *d, arena *a, const char *case_id, const char *person_id,
                               retention_person *p);
/* Sets the person's own group and reason when their record's version is
 * still version: DB_OK, DB_DONE when stale, or an error. */
int store_retention_person_put(db *d, const char *case_id, const char *person_id, const char *group,
                               const char *reason, int64_t version, const char *actor_id);

/* ---- legal holds ---- */

typedef struct hold_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	const char *kind, *reason, *owner;
	char placed_by[SECURE_ID_LEN];
	char placed_at[32];
	const char *lifted_at, *lift_reason; /* NULL while in force */
	int64_t version;
} hold_rec;

/* Inside a write transaction: takes the case's row (so that a hold placed,
 * an order made or the case reopened at the same moment waits for this
 * transaction, or this one for it) and tells whether anything holds the
 * case now: its status not closed, an order in force on today, or a hold
 * not lifted. DB_OK with *held, or the error. */
int store_case_held_now(db *d, const char *case_id, const char *today, int *held);
/* Takes the case's row inside a write transaction, as the writes that
 * change whether it is held do: DB_OK, DB_DONE when there is no such case,
 * or the error. */
int store_case_lock(db *d, const char *case_id);

/* Inserts h; fills id, placed_at and version. */
int store_hold_add(db *d, hold_rec *h);
/* DB_ROW, DB_DONE or an error. */
int store_hold_get(db *d, arena *a, const char *id, hold_rec *h);
/* Lifts the hold when it is in force at version: DB_OK, DB_DONE when stale
 * or lifted already, or an error. */
int store_hold_lift(db *d, const char *id, int64_t version, const char *actor_id,
                    const char *reason);
/* The case's holds, in force first, then lifted (history), oldest first. */
int store_holds_by_case(db *d, arena *a, const char *case_id,
                        int (*fn)(const hold_rec *h, void *arg), void *arg);

/* ---- reviews ---- */

typedef struct retention_review_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	const char *reference, *opened_on, *closed_on, *group;
	const char *decision, *reason, *next_review_on, *was_due_on;
	char decided_by[SECURE_ID_LEN];
	const char *decided_by_name; /* on reads */
	char decided_at[32];
} retention_review_rec;

/* Inserts r; fills id, and decided_at unless it is set (the demo dates
 * its earlier reviews). */
int store_retention_review_add(db *d, retention_review_rec *r);
/* The case's reviews, newest first. */
int store_retention_reviews_by_case(db *d, arena *a, const char *case_id,
                                    int (*fn)(const retention_review_rec *r, void *arg), void *arg);
/* The organisation's disposals (a dispose decision each), newest first. */
int store_disposals(db *d, arena *a, const char *org_id,
                    int (*fn)(const retention_review_rec *r, void *arg), void *arg);
/* Every review decided by the organisation's records managers in [from,
 * to] (dates), for the figures. */
int store_retention_reviews_between(db *d, arena *a, const char *org_id, const char *from,
                                    const char *to,
                                    int (*fn)(const retention_review_rec *r, void *arg), void *arg);

/* ---- the organisation's cases, for the worklist and figures ---- */

typedef struct retention_case {
	char id[SECURE_ID_LEN];
	char reference[16];
	const char *status, *exploitation_types, *offences; /* JSON texts as the case keeps them */
	case_dates dates;
	int orders;                 /* prevention or risk orders recorded */
	int orders_in_force;        /* of them, in force today */
	int holds;                  /* legal holds in force */
	const char *group;          /* set by a records manager, or NULL */
	const char *next_review_on; /* set by a review, or NULL */
} retention_case;

/* Calls fn for each case of the organisation's teams not disposed of. */
int store_retention_cases(db *d, arena *a, const char *org_id, const char *today,
                          int (*fn)(const retention_case *c, void *arg), void *arg);

#endif
