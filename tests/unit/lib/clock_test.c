#include <string.h>

#include "unit/test.h"

#include "lib/clock.h"

static void test_iso_round_trips(void **state)
{
	(void)state;
	char s[CLOCK_ISO_LEN];
	clock_iso(0, s);
	assert_string_equal(s, "1970-01-01T00:00:00.000Z");
	clock_iso(1830000000123LL, s);
	assert_string_equal(s, "2027-12-28T13:20:00.123Z");
	int64_t ms;
	assert_int_equal(clock_parse_iso(s, &ms), 0);
	assert_int_equal(ms, 1830000000123LL);
	assert_int_equal(clock_parse_iso("2027-12-28T13:20:00Z", &ms), 0);
	assert_int_equal(ms, 1830000000000LL);
	int64_t now = clock_now_ms();
	clock_now_iso(s);
	assert_int_equal(clock_parse_iso(s, &ms), 0);
	assert_true(ms >= now - 1000 && ms <= now + 1000);
}

static void test_parse_rejects_what_is_not_a_utc_time(void **state)
{
	(void)state;
	const char *bad[] = {"",
			     "yesterday",
			     "2026-11-28",
			     "2026-11-28T01:02:03",
			     "2026-11-28T01:02:03+01:00",
			     "2026-13-01T00:00:00Z",
			     "2026-02-31T00:00:00Z",
			     "2026-02-29T00:00:00Z",
			     "2026-11-28T24:00:00Z",
			     "2026-11-28T01:02:03.1Z",
			     "2026-11-28T01:02:03.123Zjunk"};
	int64_t ms;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (clock_parse_iso(bad[i], &ms) == 0)
			fail_msg("accepted %s", bad[i]);
	assert_int_equal(clock_parse_iso("2028-02-29T12:00:00Z", &ms), 0); /* leap year */
}

/* "2026-03-27T10:00:00.000Z" style text of what an RFC 3339 time reads as. */
static void expect_rfc3339(const char *in, const char *utc)
{
	int64_t ms;
	char out[CLOCK_ISO_LEN];
	if (clock_parse_rfc3339(in, &ms) != 0)
		fail_msg("refused %s", in);
	clock_iso(ms, out);
	if (strcmp(out, utc) != 0)
		fail_msg("%s read as %s, not %s", in, out, utc);
}

static void test_rfc3339_reads_offsets_and_fractions(void **state)
{
	(void)state;
	expect_rfc3339("2026-10-24T12:00:00+01:00", "2026-10-24T11:00:00.000Z");
	expect_rfc3339("2026-10-24T00:30:00+01:00", "2026-10-23T23:30:00.000Z");
	expect_rfc3339("2026-01-01T00:00:00-05:30", "2026-01-01T05:30:00.000Z");
	expect_rfc3339("2026-03-27t10:00:00z", "2026-03-27T10:00:00.000Z");
	expect_rfc3339("2026-03-27T10:00:00.5Z", "2026-03-27T10:00:00.500Z");
	expect_rfc3339("2026-03-27T10:00:00.123456Z", "2026-03-27T10:00:00.123Z");
	expect_rfc3339("2028-02-29T23:59:59+00:00", "2028-02-29T23:59:59.000Z");
	const char *bad[] = {"2026-03-27T10:00:00", "2026-03-27 10:00:00Z", "2026-03-27T10:00:00+1:00",
			     "2026-03-27T10:00:00+01", "2026-03-27T10:00:00.Z", "2026-02-29T10:00:00Z",
			     "2026-03-27T10:00:00+24:00", "2026-03-27T25:00:00Z", "2026-03-27T10:00:00Zjunk"};
	int64_t ms;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (clock_parse_rfc3339(bad[i], &ms) == 0)
			fail_msg("accepted %s", bad[i]);
}

static int64_t utc(const char *s)
{
	int64_t ms = 0;
	assert_int_equal(clock_parse_iso(s, &ms), 0);
	return ms;
}

static void test_uk_time_follows_british_summer_time(void **state)
{
	(void)state;
	struct {
		const char *at, *uk_date;
		int64_t offset;
	} rows[] = {
		/* BST begins at 01:00 UTC on the last Sunday of March. */
		{"2026-03-29T00:59:59Z", "2026-03-29", 0},
		{"2026-03-29T01:00:00Z", "2026-03-29", 3600000},
		/* and ends at 01:00 UTC on the last Sunday of October. */
		{"2026-10-25T00:59:59Z", "2026-10-25", 3600000},
		{"2026-10-25T01:00:00Z", "2026-10-25", 0},
		/* The UK day runs an hour ahead of UTC in summer. */
		{"2026-06-14T23:30:00Z", "2026-06-15", 3600000},
		{"2026-12-31T23:30:00Z", "2026-12-31", 0},
		/* Years whose last Sunday falls on the 31st and the 25th. */
		{"2024-03-31T01:00:00Z", "2024-03-31", 3600000},
		{"2024-03-30T23:30:00Z", "2024-03-30", 0},
		{"2027-10-31T00:30:00Z", "2027-10-31", 3600000},
		{"2027-10-31T01:30:00Z", "2027-10-31", 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char day[CLOCK_DATE_LEN];
		int64_t ms = utc(rows[i].at);
		clock_uk_date(ms, day);
		if (clock_uk_offset_ms(ms) != rows[i].offset || strcmp(day, rows[i].uk_date) != 0)
			fail_msg("%s: offset %lld, day %s", rows[i].at, (long long)clock_uk_offset_ms(ms), day);
	}
}

static void test_monotonic_clock_moves_forward(void **state)
{
	(void)state;
	int64_t a = clock_mono_us(), b = clock_mono_us();
	assert_true(b >= a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_round_trips),
		cmocka_unit_test(test_parse_rejects_what_is_not_a_utc_time),
		cmocka_unit_test(test_rfc3339_reads_offsets_and_fractions),
		cmocka_unit_test(test_uk_time_follows_british_summer_time),
		cmocka_unit_test(test_monotonic_clock_moves_forward),
	};
	return cmocka_run_group_tests_name("lib/clock", tests, NULL, NULL);
}
