#include "domain/stats.h"
#include "domain/workdays.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double stats_percentile(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return 0;
	double r = p / 100.0 * (double)n;
	size_t rank = r > 0 ? (size_t)r : 0;
	if ((double)rank < r)
		rank++; /* rounded up */
	size_t i = rank < 1 ? 0 : rank - 1;
	return sorted[i < n ? i : n - 1];
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void stats_sort(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_value);
}

/* Months since year 0 of text beginning "YYYY-MM", or -1. */
static long month_number(const char *at)
{
	if (!at || strlen(at) < 7 || at[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && !isdigit((unsigned char)at[i]))
			return -1;
	long y = strtol(at, NULL, 10), m = (at[5] - '0') * 10 + (at[6] - '0');
	if (m < 1 || m > 12)
		return -1;
	return y * 12 + m - 1;
}

static void month_text(long number, char out[STATS_MONTH_LEN])
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04ld-%02ld", number / 12, number % 12 + 1);
	snprintf(out, STATS_MONTH_LEN, "%.7s", tmp);
}

void stats_default_from(const char *today, char from[DATE_LEN])
{
	long m = month_number(today);
	char month[STATS_MONTH_LEN];
	month_text(m < 11 ? 0 : m - 11, month);
	snprintf(from, DATE_LEN, "%.7s-01", month);
}

stats_range_check stats_range_make(const char *from, const char *to, stats_range *r)
{
	long a = date_days(from), b = date_days(to);
	if (a == DATE_INVALID)
		return STATS_FROM_INVALID;
	if (b == DATE_INVALID)
		return STATS_TO_INVALID;
	if (a > b)
		return STATS_FROM_AFTER_TO;
	long first = month_number(from), last = month_number(to);
	if (last - first >= STATS_MAX_MONTHS)
		return STATS_RANGE_TOO_LONG;
	snprintf(r->from, sizeof r->from, "%s", from);
	snprintf(r->to, sizeof r->to, "%s", to);
	date_of_days(b + 1, r->after);
	r->n = 0;
	for (long m = first; m <= last; m++)
		month_text(m, r->months[r->n++]);
	return STATS_RANGE_OK;
}

int stats_month_of(const stats_range *r, const char *at)
{
	if (r->n == 0 || !at || strcmp(at, r->from) < 0 || strcmp(at, r->after) >= 0)
		return -1;
	long m = month_number(at), first = month_number(r->months[0]);
	if (m < 0 || m < first || m - first >= (long)r->n)
		return -1;
	return (int)(m - first);
}

int stats_month_bounds(const char *month, char first[DATE_LEN], char next[DATE_LEN])
{
	if (!month || strlen(month) != 7)
		return -1;
	snprintf(first, DATE_LEN, "%.7s-01", month);
	return date_add_months(first, 1, next);
}

/* The first age of each band after the first, in order. */
static const int band_from[STATS_AGE_BANDS - 1] = {9, 18, 21, 24, 27, 30, 39, 48};

int stats_age_band_index(int age)
{
	if (age < 0)
		return -1;
	int b = 0;
	while (b < STATS_AGE_BANDS - 1 && age >= band_from[b])
		b++;
	return b;
}

const char *stats_age_band(int age)
{
	static const char *const bands[STATS_AGE_BANDS] = {
	    "0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+"};
	int b = stats_age_band_index(age);
	return b < 0 ? "unknown" : bands[b];
}

int stats_range_within_years(const char *from, const char *to, int years)
{
	char limit[DATE_LEN];
	return date_add_years(from, years, limit) == 0 && strcmp(to, limit) < 0;
}
