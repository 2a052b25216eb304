/* Selectors recorded in cases, the matches between them (equal match keys
 * in different cases), the notices raised when a match is seen by someone
 * who may not read the other case, and each organisation's deconfliction
 * contact. */
#ifndef WAYMARK_STORE_SELECTORS_H
#define WAYMARK_STORE_SELECTORS_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"

typedef struct selector_rec {
	char id[SECURE_ID_LEN];
	const char *case_id, *kind;
	const char *value;      /* JSON text as written; NULL when sealed */
	const char *normalised; /* NULL when sealed */
	const char
	    *sealed_value; /* sealed {"value", "normalised", "context"}; NULL unless sealed */
	const char *match_key;
	const char *about_person_id;                       /* NULL when about nobody */
	const char *about_given_names, *about_family_name; /* on reads */
	int about_suspect_only; /* on reads: the person's only part in the selector's case is as a
	                           suspect */
	int source_evaluation;  /* 0 when ungraded */
	const char *intelligence_assessment, *handling_code; /* NULL when ungraded */
	const char *context;                                 /* NULL when none or sealed */
	const char *created_by, *created_by_name;
	char created_at[32];
	int64_t version;
} selector_rec;

/* Records the selector, giving it an id and the time. DB_OK or the error. */
int store_selector_add(db *d, selector_rec *s);
/* The selector id names: DB_ROW (strings in a), DB_DONE, or the error. */
int store_selector_get(db *d, arena *a, const char *id, selector_rec *s);
/* Calls fn for each selector of the case, oldest first; strings live in a. */
int store_selectors_of_case(db *d, arena *a, const char *case_id,
                            int (*fn)(const selector_rec *s, void *arg), void *arg);
/* How many selectors of other cases than case_id carry the match key. */
int store_selector_match_count(db *d, const char *match_key, const char *case_id, int64_t *n);
/* Whether the person's parts in the case are as a suspect only (*suspect_only),
 * and whether they have any part there (*in_case). */
int store_selector_person_part(db *d, const char *case_id, const char *person_id, int *in_case,
                               int *suspect_only);

/* A match seen from a selector of one case: the other selector and its case. */
typedef struct selector_match {
	const char *own_id; /* the selector of the case asked about */
	selector_rec other;
	const char *reference, *title, *team_id, *org_id, *org_name;
	int allocated; /* the other case is allocated to the user asked for */
} selector_match;

/* Calls fn for each pair of a selector of case_id and a selector of another
 * case with the same match key, by the first selector, then the other's
 * age; allocated says whether the other case is allocated to user_id. */
int store_selector_matches(db *d, arena *a, const char *case_id, const char *user_id,
                           int (*fn)(const selector_match *m, void *arg), void *arg);

/* A link notice. */
typedef struct link_notice_rec {
	char id[SECURE_ID_LEN];
	char number[16];
	const char *selector_lo, *selector_hi, *raised_by_selector, *raised_by_org, *raised_by_user;
	const char *raised_at, *acknowledged_by, *acknowledged_by_name, *acknowledged_at;
	/* The side that did not raise it: its selector and case. */
	const char *other_selector, *other_case_id;
	int64_t version;
} link_notice_rec;

/* The notice of the pair of selectors a and b (either order), raised by
 * raised_by_selector's side when there is none yet: a new notice is added
 * unless one exists (two first looks at once make one), then the pair's
 * notice is read into n. DB_OK or the error. */
int store_link_notice_raise(db *d, arena *a, const char *sel_a, const char *sel_b,
                            const char *raised_by_selector, const char *raised_by_org,
                            const char *raised_by_user, link_notice_rec *n);
/* The notice numbered number: DB_ROW, DB_DONE when there is none, or the error. */
int store_link_notice_get(db *d, arena *a, const char *number, link_notice_rec *n);
/* Marks the notice acknowledged by user_id now (at gets the time) unless it
 * is already: DB_OK, DB_DONE when it was, or the error. */
int store_link_notice_acknowledge(db *d, const char *number, const char *user_id, char at[32]);

/* A selector_match item of the worklist: a notice raised by another side
 * against a selector of a case within the reach, not yet acknowledged. */
typedef struct link_notice_work {
	const char *number, *raised_at, *case_id, *reference, *selector_kind, *normalised;
	int sealed;
	const char *raised_org_name, *contact_role, *contact; /* contact_*: NULL when unset */
} link_notice_work;

/* Calls fn for each unacknowledged notice whose unraised side's case is
 * within the reach. */
int store_link_notice_work(db *d, arena *a, const store_reach *r,
                           int (*fn)(const link_notice_work *w, void *arg), void *arg);

/* An organisation's deconfliction contact. */
typedef struct deconfliction_rec {
	const char *role, *contact, *updated_at; /* NULL when unset */
	int64_t version;                         /* 0 when unset */
} deconfliction_rec;

/* The organisation's contact: DB_ROW, DB_DONE when unset (c zeroed), or the error. */
int store_deconfliction_get(db *d, arena *a, const char *org_id, deconfliction_rec *c);
/* Sets the organisation's contact if its version is still version (0: never
 * set): DB_OK with *version moved on, DB_DONE when stale, or the error. */
int store_deconfliction_put(db *d, const char *org_id, const char *role, const char *contact,
                            const char *user_id, int64_t *version);

#endif
