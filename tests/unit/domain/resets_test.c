#include "unit/test.h"

#include "domain/resets.h"
#include "lib/clock.h"

static void test_a_link_is_live_until_used_revoked_or_past_its_expiry(void **state)
{
	(void)state;
	int64_t now = 1790000000000LL;
	char later[CLOCK_ISO_LEN], earlier[CLOCK_ISO_LEN], exactly[CLOCK_ISO_LEN];
	clock_iso(now + 1000, later);
	clock_iso(now - 1000, earlier);
	clock_iso(now, exactly);
	static const struct {
		int used, revoked,
		    when; /* when: 1 later, 0 exactly now, -1 earlier, 2 unreadable */
		reset_state want;
	} cases[] = {
	    {0, 0, 1, RESET_LIVE},    {0, 0, 0, RESET_EXPIRED},  {0, 0, -1, RESET_EXPIRED},
	    {0, 0, 2, RESET_EXPIRED}, {1, 0, 1, RESET_USED},     {1, 1, 1, RESET_USED},
	    {0, 1, 1, RESET_REVOKED}, {0, 1, -1, RESET_REVOKED}, {1, 0, -1, RESET_USED},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *at = cases[i].when == 1    ? later
		                 : cases[i].when == 0  ? exactly
		                 : cases[i].when == -1 ? earlier
		                                       : "soon";
		reset_state got = reset_state_of(cases[i].used, cases[i].revoked, at, now);
		if (got != cases[i].want)
			fail_msg("case %zu: got %s, want %s", i, reset_state_name(got),
			         reset_state_name(cases[i].want));
	}
	assert_int_equal(reset_state_of(0, 0, NULL, now), RESET_EXPIRED);
}

static void test_a_link_lasts_a_day(void **state)
{
	(void)state;
	assert_int_equal(RESET_LINK_MS, 86400000LL);
	assert_true(RESET_WRONG_CODES > 0 && RESET_WRONG_CODES <= 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_link_is_live_until_used_revoked_or_past_its_expiry),
	    cmocka_unit_test(test_a_link_lasts_a_day),
	};
	return cmocka_run_group_tests_name("domain/resets", tests, NULL, NULL);
}
