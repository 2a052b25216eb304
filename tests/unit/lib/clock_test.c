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
		cmocka_unit_test(test_monotonic_clock_moves_forward),
	};
	return cmocka_run_group_tests_name("lib/clock", tests, NULL, NULL);
}
