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

static void test_sign_in_delays_double_after_three_free_failures_up_to_15_minutes(void **state)
{
	(void)state;
	static const struct {
		int failures;
		int64_t delay_ms;
	} cases[] = {
		{0, 0},
		{1, 0},
		{2, 0},
		{3, 2000},
		{4, 4000},
		{5, 8000},
		{6, 16000},
		{9, 128000},
		{11, 512000},
		{12, 900000}, /* 1024 s is past the cap */
		{13, 900000},
		{100, 900000},
		{2147483647, 900000}, /* no overflow however long the attack */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (sign_in_delay_ms(cases[i].failures) != cases[i].delay_ms)
			fail_msg("after %d failures: %lld ms, want %lld", cases[i].failures,
				 (long long)sign_in_delay_ms(cases[i].failures),
				 (long long)cases[i].delay_ms);
	}
}

static void test_sign_in_wait_counts_from_the_last_failure_and_forgets_after_a_day(void **state)
{
	(void)state;
	int64_t t = 1800000000000LL, day = 24LL * 60 * 60 * 1000;
	static const struct {
		int failures;
		int64_t since_ms; /* since the last failure */
		int64_t wait_ms;
	} cases[] = {
		{2, 0, 0},
		{3, 0, 2000},
		{3, 1500, 500},
		{3, 2000, 0},
		{5, 1000, 7000},
		{20, 60000, 840000},
		{20, 15 * 60 * 1000, 0},
		{20, 24LL * 60 * 60 * 1000 + 1, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got = sign_in_wait_ms(cases[i].failures, t - cases[i].since_ms, t);
		if (got != cases[i].wait_ms)
			fail_msg("%d failures, %lld ms ago: wait %lld, want %lld", cases[i].failures,
				 (long long)cases[i].since_ms, (long long)got,
				 (long long)cases[i].wait_ms);
	}
	assert_int_equal(sign_in_forget_before(t), t - day);
}

static void test_account_refuses_unknown_browsers_from_the_hundredth_failure(void **state)
{
	(void)state;
	static const struct {
		int failures, limit, refused;
	} cases[] = {
		{0, SIGN_IN_ACCOUNT_LIMIT, 0},
		{99, SIGN_IN_ACCOUNT_LIMIT, 0},
		{100, SIGN_IN_ACCOUNT_LIMIT, 1},
		{250, SIGN_IN_ACCOUNT_LIMIT, 1},
		{2, 3, 0},
		{3, 3, 1},
		/* A limit past NIST's 100, or none, is taken as 100. */
		{150, 1000, 1},
		{99, 1000, 0},
		{100, 0, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (sign_in_account_refused(cases[i].failures, cases[i].limit) != cases[i].refused)
			fail_msg("%d failures, limit %d: want %s", cases[i].failures, cases[i].limit,
				 cases[i].refused ? "refused" : "allowed");
	}
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

/* Takes n tries at t from the bucket full again at *full: each must be taken. */
static void take_n(addr_rate r, int64_t *full, int64_t t, int n)
{
	for (int i = 0; i < n; i++)
		if (addr_bucket_take(r, full, t) != 0)
			fail_msg("try %d of %d was refused", i + 1, n);
}

static void test_bucket_allows_a_burst_then_refills(void **state)
{
	(void)state;
	addr_rate r = ADDR_RATE_SIGN_IN;
	int64_t t = 1800000000000LL, full = 0;
	take_n(r, &full, t, ADDR_BURST);
	assert_int_equal(full, t + (int64_t)ADDR_BURST * ADDR_REFILL_MS);
	int64_t kept = full;
	int wait = addr_bucket_take(r, &full, t);
	assert_int_equal(wait, ADDR_REFILL_MS / 1000);
	assert_int_equal(full, kept); /* a refusal takes nothing */
	/* One refill period later one more try is allowed, and only one. */
	assert_int_equal(addr_bucket_take(r, &full, t + ADDR_REFILL_MS), 0);
	assert_true(addr_bucket_take(r, &full, t + ADDR_REFILL_MS) > 0);
	/* Half a period on, the wait is what is left of it, rounded up. */
	assert_int_equal(addr_bucket_take(r, &full, t + ADDR_REFILL_MS + 14500), 16);
	/* A bucket full long ago (or never used) is full now. */
	full = t - 1000;
	take_n(r, &full, t, ADDR_BURST);
	assert_true(addr_bucket_take(r, &full, t) > 0);
}

static void test_an_ipv6_network_counts_as_one_address(void **state)
{
	(void)state;
	static const struct {
		const char *addr, *key;
	} cases[] = {
		{"10.0.0.1", "10.0.0.1"},
		{"2001:db8:1:2::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"::ffff:10.0.0.1", "::ffff:10.0.0.1"}, /* IPv4 mapped: its own */
		{"::ffff:10.0.0.2", "::ffff:10.0.0.2"},
		{"not an address", "not an address"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char key[ADDR_KEY_LEN];
		addr_bucket_key(cases[i].addr, key);
		if (strcmp(key, cases[i].key) != 0)
			fail_msg("%s counts in %s, want %s", cases[i].addr, key, cases[i].key);
	}
}

static void test_bucket_takes_before_the_check_and_gives_back_on_success(void **state)
{
	(void)state;
	addr_rate r = ADDR_RATE_SIGN_IN;
	int64_t t = 1800000000000LL, full = 0;
	/* Tries that run at once each hold a try: the eleventh is refused
	 * before any of the ten has finished. */
	take_n(r, &full, t, ADDR_BURST);
	assert_true(addr_bucket_take(r, &full, t) > 0);
	/* A right password gives its try back. */
	full = addr_bucket_give_back(r, full, t);
	assert_int_equal(addr_bucket_take(r, &full, t), 0);
	assert_true(addr_bucket_take(r, &full, t) > 0);
	/* Giving back never fills the bucket past its size: full is now. */
	int64_t other = t + ADDR_REFILL_MS;
	for (int i = 0; i < 3 * ADDR_BURST; i++)
		other = addr_bucket_give_back(r, other, t);
	assert_int_equal(other, t);
	take_n(r, &other, t, ADDR_BURST);
	assert_true(addr_bucket_take(r, &other, t) > 0);
}

/* The public feedback pages keep a bucket of their own size and pace. */
static void test_bucket_of_another_size_and_pace(void **state)
{
	(void)state;
	addr_rate r = {3, 2000};
	int64_t t = 1790000000000LL, full = 0;
	take_n(r, &full, t, 3);
	assert_int_equal(addr_bucket_take(r, &full, t), 2); /* seconds */
	assert_int_equal(addr_bucket_take(r, &full, t + 2000), 0);
	for (int i = 0; i < 10; i++)
		full = addr_bucket_give_back(r, full, t + 2000);
	take_n(r, &full, t + 2000, 3);
	assert_true(addr_bucket_take(r, &full, t + 2000) > 0); /* never past its burst */
	/* A rate left at zero is sign-in's. */
	addr_rate zero = {0, 0};
	full = 0;
	take_n(zero, &full, t, ADDR_BURST);
	assert_int_equal(addr_bucket_take(zero, &full, t), ADDR_REFILL_MS / 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_username_rules),
		cmocka_unit_test(test_sign_in_delays_double_after_three_free_failures_up_to_15_minutes),
		cmocka_unit_test(test_sign_in_wait_counts_from_the_last_failure_and_forgets_after_a_day),
		cmocka_unit_test(test_account_refuses_unknown_browsers_from_the_hundredth_failure),
		cmocka_unit_test(test_session_idle_and_absolute_limits),
		cmocka_unit_test(test_bucket_allows_a_burst_then_refills),
		cmocka_unit_test(test_an_ipv6_network_counts_as_one_address),
		cmocka_unit_test(test_bucket_takes_before_the_check_and_gives_back_on_success),
		cmocka_unit_test(test_bucket_of_another_size_and_pace),
	};
	return cmocka_run_group_tests_name("domain/credentials", tests, NULL, NULL);
}
