/* What the exports read: each part as a potential victim of the people
 * first identified as potential victims in a period, with what of their
 * person and case an export may say. Names, dates of birth as such, free
 * text, places below a country and case references are never read. */
#ifndef WAYMARK_STORE_EXPORTS_H
#define WAYMARK_STORE_EXPORTS_H

#include "store/db.h"
#include "store/reach.h"

/* One part as a potential victim. Strings live until fn returns. */
typedef struct export_link {
	const char *person_id;
	const char *linked_at;      /* when the part was recorded (ISO-8601 UTC) */
	const char *gender;         /* the person's, or NULL */
	const char *date_of_birth;  /* or NULL: read only to work out an age */
	int estimated_age;          /* or -1 */
	const char *nationalities;  /* JSON array text */
	const char *case_types;     /* the case's exploitation_types, JSON array text */
	const char *victim_context; /* JSON text, or NULL */
	const char *exploited_in; /* the country of the case's first place of exploitation with one,
	                             or NULL */
} export_link;

/* Calls fn with each part as a potential victim, recorded before `before`
 * ("YYYY-MM-DD", excluded), of each person whose first such part was
 * recorded from `from` (included) to `before`, counting only cases of the
 * organisations orgs names (every organisation when orgs is NULL): by
 * person, then oldest part first. People merged into another are not
 * read (their parts moved with the merge). DB_OK, a database error, or
 * what fn answered when not 0. */
int store_export_links(db *d, const store_orgs *orgs, const char *from, const char *before,
                       int (*fn)(const export_link *l, void *arg), void *arg);

#endif
