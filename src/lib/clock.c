#include "lib/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t clock_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void clock_iso(int64_t ms, char out[CLOCK_ISO_LEN])
{
	time_t secs = (time_t)(ms / 1000);
	int frac = (int)(ms % 1000);
	if (frac < 0) {
		frac += 1000;
		secs -= 1;
	}
	struct tm tm;
	gmtime_r(&secs, &tm);
	char tmp[96];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
	memcpy(out, tmp, CLOCK_ISO_LEN - 1); /* years stay four digits until 9999 */
	out[CLOCK_ISO_LEN - 1] = '\0';
}

void clock_now_iso(char out[CLOCK_ISO_LEN])
{
	clock_iso(clock_now_ms(), out);
}

void clock_today(char out[CLOCK_DATE_LEN])
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	memcpy(out, now, CLOCK_DATE_LEN - 1);
	out[CLOCK_DATE_LEN - 1] = '\0';
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int clock_parse_iso(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, se, frac = 0;
	size_t n = strlen(s);
	if (n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
	    digits(s + 11, 2, &h) || digits(s + 14, 2, &mi) || digits(s + 17, 2, &se))
		return -1;
	const char *p = s + 19;
	if (*p == '.') {
		if (digits(p + 1, 3, &frac))
			return -1;
		p += 4;
	}
	if (strcmp(p, "Z") != 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	time_t t = timegm(&tm);
	if (tm.tm_mday != d) /* 31 February and the like roll over */
		return -1;
	*ms = (int64_t)t * 1000 + frac;
	return 0;
}

/* Seconds since the epoch of a UTC civil time (no time zone involved). */
static int64_t civil_secs(int y, int mo, int d, int h, int mi, int se)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	return (int64_t)timegm(&tm);
}

static int month_days(int y, int mo)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return mo == 2 && leap ? 29 : n[mo - 1];
}

int clock_parse_rfc3339(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, se, frac = 0;
	size_t n = strlen(s);
	if (n < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) || digits(s + 11, 2, &h) ||
	    digits(s + 14, 2, &mi) || digits(s + 17, 2, &se))
		return -1;
	const char *p = s + 19;
	if (*p == '.') {
		int places = 0;
		for (p++; *p >= '0' && *p <= '9'; p++, places++)
			if (places < 3)
				frac = frac * 10 + (*p - '0');
		if (!places)
			return -1;
		for (; places < 3; places++)
			frac *= 10;
	}
	int offset_min = 0;
	if ((p[0] == 'Z' || p[0] == 'z') && !p[1]) {
		offset_min = 0;
	} else if ((p[0] == '+' || p[0] == '-') && strlen(p) == 6 && p[3] == ':') {
		int oh, om;
		if (digits(p + 1, 2, &oh) || digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		offset_min = (oh * 60 + om) * (p[0] == '-' ? -1 : 1);
	} else {
		return -1;
	}
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || h > 23 || mi > 59 || se > 60)
		return -1;
	*ms = (civil_secs(y, mo, d, h, mi, se) - (int64_t)offset_min * 60) * 1000 + frac;
	return 0;
}

/* 01:00 UTC on the last Sunday of the month, in seconds. */
static int64_t last_sunday_1am(int y, int mo)
{
	int d = month_days(y, mo);
	int64_t t = civil_secs(y, mo, d, 1, 0, 0);
	struct tm tm;
	time_t tt = (time_t)t;
	gmtime_r(&tt, &tm);
	return t - (int64_t)tm.tm_wday * 86400; /* tm_wday: 0 is Sunday */
}

int64_t clock_uk_offset_ms(int64_t ms)
{
	int64_t secs = ms / 1000 - (ms % 1000 < 0);
	time_t tt = (time_t)secs;
	struct tm tm;
	gmtime_r(&tt, &tm);
	int y = tm.tm_year + 1900;
	return secs >= last_sunday_1am(y, 3) && secs < last_sunday_1am(y, 10) ? 3600000 : 0;
}

void clock_uk_date(int64_t ms, char out[CLOCK_DATE_LEN])
{
	char iso[CLOCK_ISO_LEN];
	clock_iso(ms + clock_uk_offset_ms(ms), iso);
	memcpy(out, iso, CLOCK_DATE_LEN - 1);
	out[CLOCK_DATE_LEN - 1] = '\0';
}
