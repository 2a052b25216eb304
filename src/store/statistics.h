/* The potential victims statistics count: one row each, never a name. */
#ifndef WAYMARK_STORE_STATISTICS_H
#define WAYMARK_STORE_STATISTICS_H

#include <stdint.h>

#include "store/db.h"
#include "store/reach.h"

/* A potential victim as the statistics see them. The strings are valid
 * only during the call that gives them. */
typedef struct store_victim_row {
	const char *first_at;           /* when first linked as a potential victim */
	const char *exploitation_types; /* the JSON array of that case's NRM types */
	const char *date_of_birth;      /* or NULL */
	int64_t estimated_age;          /* -1 when none */
	const char *gender;             /* or NULL */
	const char *nationalities;      /* the JSON array of ISO codes */
	const char *nrm_status; /* the latest referral's status, or NULL (and when not asked) */
	int duty_to_notify;     /* 1 when a Duty to Notify report was made (0 when not asked) */
} store_victim_row;

/* Calls fn with each person linked to a case of the organisations counted
 * as a potential victim whose first such link (within those
 * organisations) was made on days from (included) to before (excluded),
 * both "YYYY-MM-DD": each once, with the case of that first link. With
 * outcome, also where their NRM stands in those organisations' cases;
 * without, nrm_status is NULL and duty_to_notify 0, and the query is
 * cheaper. DB_OK, a database error, or what fn answered when not 0. */
int store_statistics_victims(db *d, const store_orgs *orgs, const char *from, const char *before,
                             int outcome, int (*fn)(const store_victim_row *v, void *arg),
                             void *arg);

#endif
