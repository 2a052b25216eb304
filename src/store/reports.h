/* The casework figures the reports count month by month, within the
 * organisations counted: how many, never which. */
#ifndef WAYMARK_STORE_REPORTS_H
#define WAYMARK_STORE_REPORTS_H

#include <stdint.h>

#include "store/db.h"
#include "store/reach.h"

typedef enum store_tally {
	TALLY_REFERRALS,   /* NRM referrals made, by the day referred */
	TALLY_RG_POSITIVE, /* positive Reasonable Grounds decisions, by the day decided */
	TALLY_RG_NEGATIVE, /* negative ones */
	TALLY_OPENED,      /* cases opened */
	TALLY_CLOSED,      /* cases closed now, by when they were last closed */
	TALLY_COUNT
} store_tally;

/* Calls fn, month by month in order, with each month ("YYYY-MM") that has
 * anything to count of the tally on days from (included) to before
 * (excluded), both "YYYY-MM-DD", and the count. A case opened closed (as
 * an import may make one) counts as closed when it was last changed.
 * DB_OK, a database error, or what fn answered when not 0. */
int store_report_monthly(db *d, const store_orgs *orgs, store_tally tally, const char *from,
                         const char *before, int (*fn)(const char *month, int64_t n, void *arg),
                         void *arg);

#endif
