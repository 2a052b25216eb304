/* Statistics of potential victims by one or two dimensions, for figures
 * that leave casework: which dimensions there are, which value of each a
 * victim falls under, and the values a table lists. Every figure then goes
 * through disclosure control (domain/disclosure.h). */
#ifndef WAYMARK_DOMAIN_STATISTICS_H
#define WAYMARK_DOMAIN_STATISTICS_H

#include <stddef.h>

#include "domain/workdays.h"

typedef enum statistics_dim {
	STATISTICS_EXPLOITATION_TYPE, /* the case's NRM type, or "multiple" */
	STATISTICS_AGE_BAND,          /* the CTDC's bands, at identification */
	STATISTICS_GENDER,            /* vocab_gender's codes */
	STATISTICS_NATIONALITY,       /* the first listed ISO code, or "unknown" */
	STATISTICS_MONTH,             /* "YYYY-MM" the victim was first linked */
	STATISTICS_OUTCOME,           /* where the victim's NRM stands now */
	STATISTICS_DIM_COUNT
} statistics_dim;

#define STATISTICS_MAX_DIMS 2
#define STATISTICS_MAX_YEARS 5
#define STATISTICS_CODE_LEN 24 /* room for any value of a dimension, and its NUL */

/* The dimension's name as the API spells it. */
const char *statistics_dim_name(statistics_dim d);

typedef enum statistics_by_check {
	STATISTICS_BY_OK,
	STATISTICS_BY_MISSING,  /* no dimension named */
	STATISTICS_BY_UNKNOWN,  /* a name that is no dimension */
	STATISTICS_BY_TOO_MANY, /* more than STATISTICS_MAX_DIMS */
	STATISTICS_BY_TWICE,    /* the same dimension twice */
} statistics_by_check;

/* Reads by ("gender" or "gender,nationality") into dims and *n. Returns
 * the first thing wrong, or STATISTICS_BY_OK. */
statistics_by_check statistics_by_parse(const char *by, statistics_dim dims[STATISTICS_MAX_DIMS],
                                        size_t *n);

/* The values a table by the dimension lists, every one even when its count
 * is zero, in the order shown; *n their number. NULL (and *n 0) for the
 * dimensions whose values come from the range (month) or the data
 * (nationality). The strings are static. */
const char *const *statistics_dim_values(statistics_dim d, size_t *n);

/* A victim's exploitation type from the case's NRM types as stored (a JSON
 * array of codes): the one type when there is one, "multiple" when more,
 * "unknown" when none or not an NRM type. Static. */
const char *statistics_exploitation_type(const char *types_json);
/* The first code of a JSON array of codes (a person's nationalities), or
 * "unknown" when there is none. Writes out. */
void statistics_nationality(const char *codes_json, char out[STATISTICS_CODE_LEN]);
/* Age in whole years at the day at ("YYYY-MM-DD", or a time that starts
 * so): from the date of birth when it is a real date not after at, else
 * the estimated age when not negative, else -1 (not known). */
int statistics_age(const char *date_of_birth, long estimated_age, const char *at);
/* Where a victim's NRM stands, from the status of their latest referral
 * (NULL when never referred) and whether a Duty to Notify report was made:
 * not_referred, duty_to_notify, awaiting_reasonable_grounds,
 * reasonable_grounds_negative, awaiting_conclusive_grounds,
 * conclusive_grounds_positive, conclusive_grounds_negative, withdrawn.
 * Static. */
const char *statistics_outcome(const char *nrm_status, int duty_to_notify);

#endif
