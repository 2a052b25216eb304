/* Wall-clock time as UTC ISO-8601 text, the form every stored time takes. */
#ifndef WAYMARK_LIB_CLOCK_H
#define WAYMARK_LIB_CLOCK_H

#include <stdint.h>

#define CLOCK_ISO_LEN 25 /* "2026-11-28T01:22:30.123Z" plus NUL */

/* Milliseconds since the Unix epoch. Can't fail. */
int64_t clock_now_ms(void);
/* Microseconds from a monotonic clock, for durations. Can't fail. */
int64_t clock_mono_us(void);
/* Writes ms as "YYYY-MM-DDTHH:MM:SS.mmmZ". Can't fail. */
void clock_iso(int64_t ms, char out[CLOCK_ISO_LEN]);
/* Writes the current time as clock_iso does. */
void clock_now_iso(char out[CLOCK_ISO_LEN]);
#define CLOCK_DATE_LEN 11 /* "2026-11-28" plus NUL */
/* Writes today's UTC date as "YYYY-MM-DD". Can't fail. */
void clock_today(char out[CLOCK_DATE_LEN]);
/* Parses "YYYY-MM-DDTHH:MM:SS[.mmm]Z". Returns 0 and sets *ms, or -1 when malformed. */
int clock_parse_iso(const char *s, int64_t *ms);
/* Parses an RFC 3339 date-time as a request gives it: "T" or "t", seconds
 * with any fraction (milliseconds kept), and "Z", "z" or an offset
 * "+HH:MM" / "-HH:MM". Returns 0 and sets *ms (UTC), or -1 when malformed. */
int clock_parse_rfc3339(const char *s, int64_t *ms);
/* The UK's offset from UTC at the instant ms: an hour of British Summer
 * Time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October, else none. Can't fail. */
int64_t clock_uk_offset_ms(int64_t ms);
/* Writes the UK calendar date at the instant ms as "YYYY-MM-DD". */
void clock_uk_date(int64_t ms, char out[CLOCK_DATE_LEN]);

#endif
