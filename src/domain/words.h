/* The words a person reads for what Waymark stores as codes and ISO times:
 * "4 January 2022", "4 January 2022 at 14:05" (UK time), "Potential
 * victim", "Albania". Used where the server itself writes for people to
 * read, as an access bundle does; the web pages keep their own words for
 * what they show. */
#ifndef WAYMARK_DOMAIN_WORDS_H
#define WAYMARK_DOMAIN_WORDS_H

#include <stddef.h>

typedef enum words_list {
	WORDS_AS_WRITTEN = 0, /* free text: as it is */
	WORDS_DATE,           /* "2022-01-04" */
	WORDS_TIME,           /* "2022-01-04T14:05:00.000Z" */
	WORDS_COUNTRY,        /* ISO 3166-1 alpha-2 */
	WORDS_LANGUAGE,       /* BCP 47 */
	WORDS_GENDER,
	WORDS_NRM_TYPE,  /* a case's exploitation types */
	WORDS_INDICATOR, /* indicators of modern slavery */
	WORDS_CASE_ROLE, /* a person's part in a case */
	WORDS_CASE_STATUS,
	WORDS_NRM_STATUS,
	WORDS_AUTHORITY, /* the NRM's competent authority */
	WORDS_NRM_OUTCOME,
	WORDS_STRATEGY_OUTCOME,
	WORDS_CONFERENCE_OUTCOME,
	WORDS_RISK, /* a plan's risk level, a missing person's grading */
	WORDS_ACTION_STATUS,
	WORDS_FOUND_BY,
	WORDS_URGENCY,
	WORDS_REFERRAL_STATUS,
	WORDS_REFERRAL_OUTCOME,
	WORDS_DOCUMENT_KIND,
	WORDS_SHARE_PURPOSE,
	WORDS_SHARE_BASIS,
	WORDS_SHARE_SECTION,
	WORDS_SHARE_END,
	WORDS_USER_ROLE,
	WORDS_AUDIT_ACTION, /* what an audit entry about a person's record says was done */
	WORDS_VICTIM_CONTEXT, /* a victim's context: the names of its parts */
	WORDS_RELATIONSHIP,   /* and the lists of its parts' values */
	WORDS_RECRUITMENT,
	WORDS_CONTROL,
	WORDS_EXPLOITATION,
	WORDS_COUNT
} words_list;

/* Writes the words for value in list to out (NUL-ended, truncated to n).
 * A code the list does not hold is written as words still: its
 * underscores as spaces and its first letter a capital ("court_order" is
 * "Court order"), so no code reaches a reader. A date or time that does
 * not parse is written as it is. Can't fail. */
void words_of(words_list list, const char *value, char *out, size_t n);

/* The list that the values of a victim context's part read from
 * ("methods_of_control" reads from WORDS_CONTROL); WORDS_AS_WRITTEN for a
 * part no list holds. */
words_list words_context_values(const char *part);

/* Writes an ISO date (YYYY-MM-DD) as "4 January 2027"; the text as given
 * when it is not a date. Can't fail; truncates to n. */
void words_long_date(const char *iso, char *out, size_t n);

/* Writes a stored UTC time as the UK's clock read it: "4 January 2027 at
 * 09:05"; the text as given when it does not parse. */
void words_long_time(const char *iso, char *out, size_t n);

#endif
