/* Summary figures for the aggregate reports: percentiles, and the range of
 * dates a report counts with its months. */
#ifndef WAYMARK_DOMAIN_STATS_H
#define WAYMARK_DOMAIN_STATS_H

#include <stddef.h>

#include "domain/workdays.h"

/* The p-th percentile (0 < p <= 100) of n values sorted ascending, by the
 * nearest-rank method: the smallest value with at least p% of the values at
 * or below it. 0 when n is 0. */
double stats_percentile(const double *sorted, size_t n, double p);
/* Sorts n values ascending. */
void stats_sort(double *v, size_t n);

/* A report counts the days from..to, both included, month by month. The
 * figures are counts and nothing else: the reports name no one, and every
 * count of victims or cases is published through the disclosure control
 * (domain/disclosure.h), the months of a figure with their total as one
 * table, so a month or a total may be {"suppressed": true} and no
 * suppressed month can be worked out from the others and the total. */
#define STATS_MONTH_LEN 8    /* "YYYY-MM" */
#define STATS_MAX_MONTHS 120 /* ten years */

typedef enum stats_range_check {
	STATS_RANGE_OK,
	STATS_FROM_INVALID,   /* from is not a real date */
	STATS_TO_INVALID,     /* to is not a real date */
	STATS_FROM_AFTER_TO,  /* from is later than to */
	STATS_RANGE_TOO_LONG, /* the range spans more than STATS_MAX_MONTHS months */
} stats_range_check;

typedef struct stats_range {
	char from[DATE_LEN], to[DATE_LEN];
	char after[DATE_LEN]; /* the day after to: times before it fall in the range */
	char months[STATS_MAX_MONTHS][STATS_MONTH_LEN];
	size_t n; /* months, first to last */
} stats_range;

/* The range the reports show unless asked: from the first day of the month
 * eleven months before today, to today; twelve months with this one. Writes
 * from; today must be a real date. */
void stats_default_from(const char *today, char from[DATE_LEN]);
/* Checks from and to ("YYYY-MM-DD") and, when they make a range, fills r
 * with them and its months. Returns the first thing wrong, or
 * STATS_RANGE_OK. */
stats_range_check stats_range_make(const char *from, const char *to, stats_range *r);
/* 1 when the days from..to (real dates, from not after to) span no more
 * than years years: to comes before the same day that many years after
 * from (29 February counting as 28 February in a common year). */
int stats_range_within_years(const char *from, const char *to, int years);
/* The index among r's months of the month a date or time ("YYYY-MM-DD",
 * or an ISO-8601 UTC time) falls in, or -1 when it is not in the range
 * (before from or after to) or is malformed. */
int stats_month_of(const stats_range *r, const char *at);
/* The first day of a month ("YYYY-MM") and the first day of the next.
 * Returns 0, or -1 when month is malformed. */
int stats_month_bounds(const char *month, char first[DATE_LEN], char next[DATE_LEN]);

/* The CTDC's age band for an age in whole years at identification:
 * "0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47",
 * "48+", or "unknown" when age is negative (not known). Never NULL; the
 * string is static. */
const char *stats_age_band(int age);
/* The same band as its place in that list, 0 to STATS_AGE_BANDS - 1, or -1
 * when age is negative; exports spell the bands their own way by it. */
#define STATS_AGE_BANDS 9
int stats_age_band_index(int age);

#endif
