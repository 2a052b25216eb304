/* Requests from the people recorded (issue 21): the requests, the
 * decisions on each, a person's restriction and rectifications, and what
 * stands in the way of erasing a person. */
#ifndef WAYMARK_STORE_SUBJECT_REQUESTS_H
#define WAYMARK_STORE_SUBJECT_REQUESTS_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

typedef struct sr_rec {
	char id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	const char *person_name; /* on reads: given and family names; NULL once erased */
	const char *kind, *regime, *received_on, *identity_verified_on, *channel;
	const char *due_on;
	const char *extended_due_on, *extension_reason; /* NULL unless extended */
	const char *status;                             /* open, closed */
	const char *closed_on, *outcome;                /* NULL while open */
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	char updated_at[32];
	int64_t version;
} sr_rec;

/* Inserts r (status open); fills id, times and version. */
int store_sr_add(db *d, sr_rec *r);
/* DB_ROW (strings in a), or DB_DONE. */
int store_sr_get(db *d, arena *a, const char *id, sr_rec *r);
/* Calls fn for each request of the organisation (status NULL: every
 * one), the open first, each by the day it is due (its extended date when
 * extended), then the closed, latest first. */
int store_sr_list(db *d, arena *a, const char *org_id, const char *status,
                  int (*fn)(const sr_rec *r, void *arg), void *arg);
/* Extends an open, unextended request at version r->version: DB_OK (the
 * version moves on), DB_DONE when stale, or an error. */
int store_sr_extend(db *d, sr_rec *r, const char *due, const char *reason);
/* Closes an open request at version r->version with the outcome, on the
 * day today: DB_OK, DB_DONE when stale or closed already, or an error. */
int store_sr_close(db *d, sr_rec *r, const char *outcome, const char *today);

/* A decision on a request, in order: kind as migration 034 lists them,
 * detail JSON text. */
typedef struct sr_decision {
	char id[SECURE_ID_LEN];
	const char *request_id, *kind, *detail;
	char decided_by[SECURE_ID_LEN];
	const char *decided_by_name; /* on reads */
	char decided_at[32];
} sr_decision;

int store_sr_decision_add(db *d, sr_decision *x);
int store_sr_decisions(db *d, arena *a, const char *request_id,
                       int (*fn)(const sr_decision *x, void *arg), void *arg);

/* Restricts the person's record (since, reason, request) at its version;
 * reason NULL lifts it. DB_OK (*version moves on), DB_DONE when stale. */
int store_person_restrict(db *d, const char *person_id, int64_t *version, const char *since,
                          const char *reason, const char *request_id);
/* Replaces the person's rectifications (JSON array text) at its version:
 * DB_OK (*version moves on), DB_DONE when stale. */
int store_person_rectifications(db *d, const char *person_id, int64_t *version, const char *json);

/* What stands in the way of erasing a person: each case they have a part
 * in (kind "case": its reference, status and their role) and each legal
 * hold in force on one of those cases (kind "hold": the case's reference,
 * the hold's kind and reason). fn's strings last for the call. */
int store_person_erasure_obstacles(db *d, const char *person_id,
                                   int (*fn)(const char *kind, const char *reference,
                                             const char *what, const char *detail, void *arg),
                                   void *arg);

#endif
