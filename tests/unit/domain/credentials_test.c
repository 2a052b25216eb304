#include "unit/test.h"

#include "domain/credentials.h"

static void test_password_rules(void **state)
{
	(void)state;
	assert_null(password_problem("twelve chars", "bob"));
	assert_non_null(password_problem("eleven char", "bob"));
	/* Twelve characters, not bytes: 12 accented letters pass, 11 do not. */
	assert_null(password_problem("ééééééééééé1", "bob"));
	assert_non_null(password_problem("éééééééééé1", "bob"));
	assert_non_null(password_problem("dc.jones.jones", "dc.jones.jones"));
	char long_pw[PASSWORD_MAX_BYTES + 2];
	memset(long_pw, 'a', sizeof long_pw - 1);
	long_pw[sizeof long_pw - 1] = '\0';
	assert_non_null(password_problem(long_pw, "bob"));
}

static void test_username_rules(void **state)
{
	(void)state;
	assert_null(username_problem("dc.jones_2-x"));
	assert_non_null(username_problem(""));
	assert_non_null(username_problem("DC.Jones"));
	assert_non_null(username_problem("dc jones"));
	assert_non_null(username_problem("dc/jones"));
	char long_name[USERNAME_MAX + 2];
	memset(long_name, 'a', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	assert_non_null(username_problem(long_name));
}

static void test_fifth_failure_locks_for_fifteen_minutes(void **state)
{
	(void)state;
	int64_t now = 1800000000000LL;
	for (int f = 0; f < 5; f++)
		assert_int_equal(lockout_until(f, now), 0);
	assert_int_equal(lockout_until(5, now), now + 15 * 60 * 1000);
	assert_int_equal(lockout_until(9, now), now + 15 * 60 * 1000);
}

static void test_session_idle_and_absolute_limits(void **state)
{
	(void)state;
	int64_t t0 = 1800000000000LL, min = 60 * 1000;
	assert_true(session_live(t0, t0, t0 + 29 * min));
	assert_false(session_live(t0, t0, t0 + 30 * min));
	/* Busy all day: still ends at twelve hours. */
	assert_true(session_live(t0, t0 + 719 * min, t0 + 719 * min + 1));
	assert_false(session_live(t0, t0 + 720 * min, t0 + 720 * min));
}

static void test_limiter_allows_a_burst_then_refills(void **state)
{
	(void)state;
	addr_limiter *l = calloc(1, sizeof *l);
	int64_t t = 1800000000000LL;
	for (int i = 0; i < ADDR_BURST; i++) {
		assert_int_equal(addr_limiter_wait(l, "10.0.0.1", t), 0);
		addr_limiter_fail(l, "10.0.0.1", t);
	}
	int wait = addr_limiter_wait(l, "10.0.0.1", t);
	assert_true(wait >= 1 && wait <= ADDR_REFILL_MS / 1000 + 1);
	/* Another address is not held back. */
	assert_int_equal(addr_limiter_wait(l, "10.0.0.2", t), 0);
	/* One refill period later one more attempt is allowed. */
	assert_int_equal(addr_limiter_wait(l, "10.0.0.1", t + ADDR_REFILL_MS), 0);
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_username_rules),
		cmocka_unit_test(test_fifth_failure_locks_for_fifteen_minutes),
		cmocka_unit_test(test_session_idle_and_absolute_limits),
		cmocka_unit_test(test_limiter_allows_a_burst_then_refills),
	};
	return cmocka_run_group_tests_name("domain/credentials", tests, NULL, NULL);
}
