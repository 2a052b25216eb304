/* One-time password links and second-factor reset requests in the store,
 * on both engines. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/resets.h"
#include "support/engines.h"
#include "support/fixtures.h"

static void issue(db *d, const char *user_id, const char *by, int64_t lasts_ms, const char *hash,
                  reset_rec *r)
{
	memset(r, 0, sizeof *r);
	snprintf(r->user_id, sizeof r->user_id, "%s", user_id);
	snprintf(r->created_by, sizeof r->created_by, "%s", by ? by : "");
	clock_iso(clock_now_ms() + lasts_ms, r->expires_at);
	assert_int_equal(store_reset_issue(d, r, hash), DB_OK);
}

static void test_a_link_is_used_once_and_a_newer_one_revokes_it(db *d)
{
	user_rec u, admin;
	fixture_user(d, "holder", "admin", "Force", NULL, &u);
	fixture_user(d, "admin", "admin", "Force", NULL, &admin);
	reset_rec first, second, got;
	issue(d, u.id, admin.id, 60000, "hash-one", &first);
	assert_int_equal(store_reset_find(d, "hash-one", &got), DB_ROW);
	assert_string_equal(got.user_id, u.id);
	assert_string_equal(got.created_by, admin.id);
	assert_false(got.used);
	assert_false(got.revoked);
	issue(d, u.id, NULL, 60000, "hash-two", &second);
	assert_int_equal(store_reset_find(d, "hash-one", &got), DB_ROW);
	assert_true(got.revoked);
	assert_int_equal(store_reset_find(d, "hash-two", &got), DB_ROW);
	assert_string_equal(got.created_by, "");
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	assert_int_equal(store_reset_use(d, first.id, now), DB_DONE); /* revoked */
	assert_int_equal(store_reset_use(d, second.id, now), DB_OK);
	assert_int_equal(store_reset_use(d, second.id, now), DB_DONE); /* once */
	assert_int_equal(store_reset_find(d, "hash-two", &got), DB_ROW);
	assert_true(got.used);
	assert_int_equal(store_reset_find(d, "hash-nope", &got), DB_DONE);
	/* Past its expiry a link is not used. */
	reset_rec old;
	issue(d, u.id, NULL, -1000, "hash-old", &old);
	assert_int_equal(store_reset_use(d, old.id, now), DB_DONE);
}

static void test_wrong_codes_burn_a_link_at_the_limit(db *d)
{
	user_rec u;
	fixture_user(d, "holder", "admin", "Force", NULL, &u);
	reset_rec r, got;
	issue(d, u.id, NULL, 60000, "hash", &r);
	int n = 0;
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(store_reset_wrong_code(d, r.id, 3, &n), DB_OK);
		assert_int_equal(n, i);
		assert_int_equal(store_reset_find(d, "hash", &got), DB_ROW);
		assert_int_equal(got.revoked, i == 3);
	}
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	assert_int_equal(store_reset_use(d, r.id, now), DB_DONE);
}

static void test_a_second_factor_reset_waits_until_approved_or_expired(db *d)
{
	user_rec u, a;
	fixture_user(d, "holder", "admin", "Force", NULL, &u);
	fixture_user(d, "asker", "admin", "Force", NULL, &a);
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	sf_reset_rec q = {0}, got;
	assert_int_equal(store_sf_reset_pending(d, u.id, now, &got), DB_DONE);
	memcpy(q.user_id, u.id, 37);
	memcpy(q.requested_by, a.id, 37);
	clock_iso(clock_now_ms() + 60000, q.expires_at);
	assert_int_equal(store_sf_reset_request(d, &q), DB_OK);
	assert_int_equal(store_sf_reset_pending(d, u.id, now, &got), DB_ROW);
	assert_string_equal(got.id, q.id);
	assert_string_equal(got.requested_by_name, "DC asker");
	/* Later than its expiry, it no longer waits. */
	char later[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() + 120000, later);
	assert_int_equal(store_sf_reset_pending(d, u.id, later, &got), DB_DONE);
	assert_int_equal(store_sf_reset_approve(d, q.id, u.id, now), DB_OK);
	assert_int_equal(store_sf_reset_approve(d, q.id, u.id, now), DB_DONE);
	assert_int_equal(store_sf_reset_pending(d, u.id, now, &got), DB_DONE);
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_a_link_is_used_once_and_a_newer_one_revokes_it),
	    ENGINE_TEST(test_wrong_codes_burn_a_link_at_the_limit),
	    ENGINE_TEST(test_a_second_factor_reset_waits_until_approved_or_expired),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/resets"), tests, NULL, NULL);
}
