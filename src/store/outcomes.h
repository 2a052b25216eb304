/* The rows the Commissioner's dashboard counts that no other report
 * already reads: each a day and what the dashboard needs to know of it,
 * never who. The other figures come from the reports' own queries
 * (store/reports.h, store/services.h, store/feedback.h, store/staff.h,
 * store/go_bags.h). */
#ifndef WAYMARK_STORE_OUTCOMES_H
#define WAYMARK_STORE_OUTCOMES_H

#include "store/db.h"
#include "store/reach.h"

typedef enum store_outcome {
	/* Potential victims, each once, on the day first linked to a case as
	 * one: a = "1" when any of their links has a named contact, b = "1"
	 * when any has a victim strategy. */
	OUTCOME_VICTIMS,
	/* Duty to Notify reports, on the day submitted. */
	OUTCOME_DUTY_TO_NOTIFY,
	/* Reasonable Grounds decisions, on the day decided: a = the day
	 * referred. */
	OUTCOME_RG_DECISIONS,
	/* Victims' Code updates due, on the day due: a = the key event's
	 * day, b = the day the update was given (NULL while none). */
	OUTCOME_VC_UPDATES,
	/* Charging decisions on suspects who are potential victims anywhere,
	 * on the day decided: a = "1" when an s45 assessment of the suspect
	 * was made on or before that day. */
	OUTCOME_CHARGING,
	/* Go bags issued at the stations of the organisations counted, on the
	 * day issued. */
	OUTCOME_GO_BAGS,
	OUTCOME_COUNT
} store_outcome;

/* One row: day is "YYYY-MM-DD"; a and b as the kind says (NULL when not
 * used). The strings last until fn returns. */
typedef struct outcome_row {
	const char *day, *a, *b;
} outcome_row;

/* Calls fn with each row of the kind on days from (included) to before
 * (excluded), both "YYYY-MM-DD", of the organisations counted, in no
 * particular order. DB_OK, a database error, or what fn answered when not
 * 0. */
int store_outcome_rows(db *d, const store_orgs *orgs, store_outcome kind, const char *from,
                       const char *before, int (*fn)(const outcome_row *r, void *arg), void *arg);

#endif
