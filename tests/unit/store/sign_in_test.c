/* Sign-in throttling in the store, on both engines. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/sign_in.h"
#include "support/engines.h"
#include "support/fixtures.h"

static const int64_t T0 = 1800000000000LL;

static void iso(int64_t ms, char out[CLOCK_ISO_LEN])
{
	clock_iso(ms, out);
}

static void test_pairs_count_per_name_and_address_and_clear(db *d)
{
	char now[CLOCK_ISO_LEN], forget[CLOCK_ISO_LEN];
	int n = -1;
	int64_t last = -1;
	assert_int_equal(store_sign_in_pair_get(d, "dc.one", "10.0.0.1", &n, &last), DB_DONE);
	assert_int_equal(n, 0);
	assert_int_equal(last, 0);
	for (int i = 1; i <= 4; i++) {
		iso(T0 + i * 1000, now);
		iso(T0 - 86400000LL, forget);
		assert_int_equal(store_sign_in_pair_fail(d, "dc.one", "10.0.0.1", now, forget, &n),
		                 DB_OK);
		assert_int_equal(n, i);
	}
	assert_int_equal(store_sign_in_pair_get(d, "dc.one", "10.0.0.1", &n, &last), DB_ROW);
	assert_int_equal(n, 4);
	assert_int_equal(last, T0 + 4000);
	/* Another address, another name: their own counts. */
	assert_int_equal(store_sign_in_pair_fail(d, "dc.one", "10.0.0.2", now, forget, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_sign_in_pair_fail(d, "no-such-name", "10.0.0.1", now, forget, &n),
	                 DB_OK);
	assert_int_equal(n, 1);
	/* A right password clears only its own pair. */
	assert_int_equal(store_sign_in_pair_clear(d, "dc.one", "10.0.0.1"), DB_OK);
	assert_int_equal(store_sign_in_pair_get(d, "dc.one", "10.0.0.1", &n, &last), DB_DONE);
	assert_int_equal(store_sign_in_pair_get(d, "dc.one", "10.0.0.2", &n, &last), DB_ROW);
	assert_int_equal(n, 1);
}

static void test_quiet_pairs_are_forgotten(db *d)
{
	char now[CLOCK_ISO_LEN], forget[CLOCK_ISO_LEN];
	int n = 0;
	int64_t last;
	iso(T0, now);
	iso(T0 - 86400000LL, forget);
	for (int i = 0; i < 5; i++)
		assert_int_equal(store_sign_in_pair_fail(d, "dc.one", "10.0.0.1", now, forget, &n),
		                 DB_OK);
	assert_int_equal(store_sign_in_pair_fail(d, "dc.two", "10.0.0.9", now, forget, &n), DB_OK);
	/* A day and a second later the old count is gone, and so is every
	 * other pair as quiet. */
	iso(T0 + 86401000LL, now);
	iso(T0 + 1000, forget);
	assert_int_equal(store_sign_in_pair_fail(d, "dc.one", "10.0.0.1", now, forget, &n), DB_OK);
	assert_int_equal(n, 1);
	assert_int_equal(store_sign_in_pair_get(d, "dc.two", "10.0.0.9", &n, &last), DB_DONE);
}

static void test_devices_are_remembered_per_account_until_they_expire(db *d)
{
	user_rec a, b;
	fixture_user(d, "dc.one", "investigator", "Force", NULL, &a);
	fixture_user(d, "dc.two", "investigator", "Force", NULL, &b);
	char now[CLOCK_ISO_LEN], later[CLOCK_ISO_LEN], expires[CLOCK_ISO_LEN];
	iso(T0, now);
	iso(T0 + 1000, expires);
	iso(T0 + 2000, later);
	assert_int_equal(store_sign_in_device_known(d, a.id, "hash-1", now), DB_DONE);
	assert_int_equal(store_sign_in_device_add(d, a.id, "hash-1", NULL, now, expires), DB_OK);
	assert_int_equal(store_sign_in_device_known(d, a.id, "hash-1", now), DB_ROW);
	/* Another account does not know that browser. */
	assert_int_equal(store_sign_in_device_known(d, b.id, "hash-1", now), DB_DONE);
	/* Expired, it is no longer known. */
	assert_int_equal(store_sign_in_device_known(d, a.id, "hash-1", later), DB_DONE);
	/* Signing in again from it replaces its token. */
	char far[CLOCK_ISO_LEN];
	iso(T0 + 100000, far);
	assert_int_equal(store_sign_in_device_add(d, a.id, "hash-2", NULL, now, far), DB_OK);
	assert_int_equal(store_sign_in_device_add(d, a.id, "hash-3", "hash-2", now, far), DB_OK);
	assert_int_equal(store_sign_in_device_known(d, a.id, "hash-2", now), DB_DONE);
	assert_int_equal(store_sign_in_device_known(d, a.id, "hash-3", now), DB_ROW);
	/* Expired browsers are dropped when another is added. */
	assert_int_equal(store_sign_in_device_add(d, a.id, "hash-4", NULL, later, far), DB_OK);
	int n = 0;
	const char *p[] = {a.id};
	assert_int_equal(
	    db_count(d, "SELECT token_hash FROM sign_in_devices WHERE user_id = $1", 1, p, &n),
	    DB_OK);
	assert_int_equal(n, 2); /* hash-3 and hash-4 */
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_pairs_count_per_name_and_address_and_clear),
	    ENGINE_TEST(test_quiet_pairs_are_forgotten),
	    ENGINE_TEST(test_devices_are_remembered_per_account_until_they_expire),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/sign_in"), tests, NULL, NULL);
}
