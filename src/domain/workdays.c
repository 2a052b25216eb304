#include "domain/workdays.h"

#include <stdio.h>
#include <string.h>

#include "domain/person.h"

/* Howard Hinnant's days-from-civil, for the proleptic Gregorian calendar. */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_days(const char *date)
{
	int y, m, d;
	if (!date || date_parse(date, &y, &m, &d) != 0)
		return DATE_INVALID;
	return days_from_civil(y, m, d);
}

void date_of_days(long z, char out[DATE_LEN])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
	snprintf(out, DATE_LEN, "%.10s", tmp);
}

int date_weekday(long days)
{
	/* 1970-01-01 was a Thursday. */
	long w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w) + 1;
}

static int is_holiday(long day, const holidays *h)
{
	int lo = 0, hi = h ? h->n - 1 : -1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (h->days[mid] == day)
			return 1;
		if (h->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

int is_working_day(long day, const holidays *h)
{
	return date_weekday(day) <= 5 && !is_holiday(day, h);
}

int date_add_days(const char *date, int n, char out[DATE_LEN])
{
	long d = date_days(date);
	if (d == DATE_INVALID)
		return -1;
	date_of_days(d + n, out);
	return 0;
}

int date_add_years(const char *date, int n, char out[DATE_LEN])
{
	if (date_days(date) == DATE_INVALID)
		return -1;
	int y = 0, m = 0, d = 0;
	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	char day[40];
	if (n < 0 || y + n > 9999)
		return -1;
	snprintf(day, sizeof day, "%04d-%02d-%02d", y + n, m, d);
	if (date_days(day) == DATE_INVALID) /* 29 February in a common year */
		snprintf(day, sizeof day, "%04d-%02d-%02d", y + n, m, d - 1);
	if (date_days(day) == DATE_INVALID)
		return -1;
	memcpy(out, day, DATE_LEN);
	return 0;
}

int date_add_months(const char *date, int n, char out[DATE_LEN])
{
	int y = 0, m = 0, d = 0;
	if (date_days(date) == DATE_INVALID || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || n < 0)
		return -1;
	long months = (long)y * 12 + (m - 1) + n;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	if (y > 9999)
		return -1;
	char day[40];
	for (; d > 27; d--) {
		snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
		if (date_days(day) != DATE_INVALID)
			break;
	}
	snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
	memcpy(out, day, DATE_LEN);
	return 0;
}

int workdays_add(const char *date, int n, const holidays *h, char out[DATE_LEN])
{
	long d = date_days(date);
	if (d == DATE_INVALID || n < 1)
		return -1;
	while (n > 0)
		if (is_working_day(++d, h))
			n--;
	date_of_days(d, out);
	return 0;
}

void easter_sunday(int year, char out[DATE_LEN])
{
	/* The anonymous Gregorian computus. */
	int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", year, month, day);
	snprintf(out, DATE_LEN, "%.10s", tmp);
}
