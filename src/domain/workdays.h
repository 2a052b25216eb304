/* Calendar and working days in England and Wales: the clocks of the NRM
 * (Reasonable Grounds in 5 working days, a recovery period of at least 30
 * calendar days) and of the Victims' Code (updates in 1 or 5 working days).
 * Dates are "YYYY-MM-DD". Bank holidays come from a table the caller loads
 * (the store keeps 2020 to 2030, and an administrator can add more). */
#ifndef WAYMARK_DOMAIN_WORKDAYS_H
#define WAYMARK_DOMAIN_WORKDAYS_H

#include <limits.h>

#define DATE_LEN 11
#define DATE_INVALID LONG_MIN

/* Days since 1970-01-01 of a date, or DATE_INVALID when it is not a real date. */
long date_days(const char *date);
/* The date of a day count. */
void date_of_days(long days, char out[DATE_LEN]);
/* 1 = Monday ... 7 = Sunday. */
int date_weekday(long days);

/* Bank holidays as day counts, sorted ascending. */
typedef struct holidays {
	const long *days;
	int n;
} holidays;

int is_working_day(long day, const holidays *h);
/* The date n calendar days after date: 0, or -1 when date is not real. */
int date_add_days(const char *date, int n, char out[DATE_LEN]);
/* The date n years after date, 29 February falling to 28 February in a
 * common year: 0, or -1 when date is not real. */
int date_add_years(const char *date, int n, char out[DATE_LEN]);
/* The date n calendar months after date, a day past the month's end
 * falling to its last day (31 August and 6 months: 28 or 29 February):
 * 0, or -1 when date is not real. */
int date_add_months(const char *date, int n, char out[DATE_LEN]);
/* The n-th working day after date (n >= 1): 0, or -1 when date is not real. */
int workdays_add(const char *date, int n, const holidays *h, char out[DATE_LEN]);
/* Easter Sunday of a Gregorian year (for checking the holiday table). */
void easter_sunday(int year, char out[DATE_LEN]);

#endif
