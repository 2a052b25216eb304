/* Tries per client address in the store, on both engines. */
#include "unit/test.h"

#include <pthread.h>

#include "store/buckets.h"
#include "support/engines.h"

static const int64_t T0 = 1800000000000LL;
static const addr_rate RATE = {ADDR_BURST, ADDR_REFILL_MS};

static int rows(db *d)
{
	int n = -1;
	assert_int_equal(db_count(d, "SELECT purpose FROM address_buckets", 0, NULL, &n), DB_OK);
	return n;
}

static void take_n(db *d, const char *purpose, const char *addr, int64_t t, int n)
{
	for (int i = 0; i < n; i++) {
		int wait = -1;
		int rc = store_bucket_take(d, purpose, RATE, addr, t, &wait);
		if (rc != DB_OK)
			fail_msg("%s: try %d of %d from %s: %d (%s)", test_engine_now(), i + 1, n,
			         addr, rc, db_errmsg(d));
		assert_int_equal(wait, 0);
	}
}

static void test_a_bucket_empties_then_refills(db *d)
{
	take_n(d, "sign_in", "10.0.0.1", T0, ADDR_BURST);
	int wait = 0;
	assert_int_equal(store_bucket_take(d, "sign_in", RATE, "10.0.0.1", T0, &wait), DB_DONE);
	assert_int_equal(wait, ADDR_REFILL_MS / 1000);
	/* Another address, and the same address for another purpose, are not held back. */
	take_n(d, "sign_in", "10.0.0.2", T0, 1);
	take_n(d, "feedback", "10.0.0.1", T0, 1);
	/* A refill later, one more and only one. */
	take_n(d, "sign_in", "10.0.0.1", T0 + ADDR_REFILL_MS, 1);
	assert_int_equal(
	    store_bucket_take(d, "sign_in", RATE, "10.0.0.1", T0 + ADDR_REFILL_MS, &wait), DB_DONE);
	assert_int_equal(d->in_tx, 0); /* the take ended its transaction */
}

static void test_an_ipv6_network_draws_on_one_bucket(db *d)
{
	char a[64];
	for (int i = 0; i < ADDR_BURST; i++) {
		snprintf(a, sizeof a, "2001:db8:1:2::%x", i + 1);
		take_n(d, "sign_in", a, T0, 1);
	}
	int wait = 0;
	assert_int_equal(store_bucket_take(d, "sign_in", RATE, "2001:db8:1:2:ffff::9", T0, &wait),
	                 DB_DONE);
	take_n(d, "sign_in", "2001:db8:1:3::1", T0, 1);
	char key[ADDR_KEY_LEN] = "";
	assert_int_equal(db_get_text(d,
	                             "SELECT address FROM address_buckets WHERE address LIKE "
	                             "'2001:db8:1:2:%'",
	                             0, NULL, key, sizeof key),
	                 DB_ROW);
	assert_string_equal(key, "2001:db8:1:2::/64");
}

static void test_giving_back_refills_and_drops_a_full_bucket(db *d)
{
	take_n(d, "sign_in", "10.0.0.1", T0, ADDR_BURST);
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(store_bucket_give_back(d, "sign_in", RATE, "10.0.0.1", T0), DB_OK);
	assert_int_equal(db_commit(d), DB_OK);
	take_n(d, "sign_in", "10.0.0.1", T0, 1);
	int wait = 0;
	assert_int_equal(store_bucket_take(d, "sign_in", RATE, "10.0.0.1", T0, &wait), DB_DONE);
	/* Given back to full, the bucket's row goes; giving back to a bucket
	 * with no row is nothing. */
	assert_int_equal(db_begin(d), DB_OK);
	for (int i = 0; i < 3 * ADDR_BURST; i++)
		assert_int_equal(store_bucket_give_back(d, "sign_in", RATE, "10.0.0.1", T0), DB_OK);
	assert_int_equal(store_bucket_give_back(d, "feedback", RATE, "10.9.9.9", T0), DB_OK);
	assert_int_equal(db_commit(d), DB_OK);
	assert_int_equal(rows(d), 0);
	/* Never past the burst. */
	take_n(d, "sign_in", "10.0.0.1", T0, ADDR_BURST);
	assert_int_equal(store_bucket_take(d, "sign_in", RATE, "10.0.0.1", T0, &wait), DB_DONE);
}

static void test_a_give_back_rolls_back_with_its_transaction(db *d)
{
	take_n(d, "sign_in", "10.0.0.1", T0, ADDR_BURST);
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(store_bucket_give_back(d, "sign_in", RATE, "10.0.0.1", T0), DB_OK);
	db_rollback(d);
	int wait = 0;
	assert_int_equal(store_bucket_take(d, "sign_in", RATE, "10.0.0.1", T0, &wait), DB_DONE);
}

static void test_buckets_full_again_are_dropped(db *d)
{
	take_n(d, "sign_in", "10.0.0.1", T0, 3);
	take_n(d, "feedback", "10.0.0.2", T0, 1);
	assert_int_equal(rows(d), 2);
	/* Three refills on, the first is full again; the second has been for a
	 * while. The next take anywhere drops both and keeps its own. */
	take_n(d, "sign_in", "10.0.0.3", T0 + 3 * ADDR_REFILL_MS, 1);
	assert_int_equal(rows(d), 1);
	/* A dropped bucket is a full one. */
	take_n(d, "sign_in", "10.0.0.1", T0 + 3 * ADDR_REFILL_MS, ADDR_BURST);
}

/* Takers on connections of their own, as servers are, at one moment. */
struct taker {
	char url[512];
	pthread_barrier_t *start;
	int taken, refused, failed;
};

static void *taker_run(void *arg)
{
	struct taker *t = arg;
	char err[256];
	db *d = NULL;
	if (db_open(t->url, 10000, &d, err, sizeof err) != DB_OK)
		t->failed++;
	pthread_barrier_wait(t->start);
	for (int i = 0; d && i < 6; i++) {
		int wait = 0;
		int rc = store_bucket_take(d, "sign_in", RATE, "10.0.0.1", T0, &wait);
		t->taken += rc == DB_OK;
		t->refused += rc == DB_DONE;
		t->failed += rc != DB_OK && rc != DB_DONE;
	}
	db_close(d);
	return NULL;
}

static void test_takers_at_once_never_pass_the_burst(db *d)
{
	(void)d;
	char url[512];
	db *own = test_db_fresh(test_engine_now(), url, sizeof url);
	assert_non_null(own);
	enum { TAKERS = 4 };
	struct taker t[TAKERS];
	pthread_t th[TAKERS];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, TAKERS);
	for (int i = 0; i < TAKERS; i++) {
		t[i] = (struct taker){.start = &start};
		snprintf(t[i].url, sizeof t[i].url, "%s", url);
		assert_int_equal(pthread_create(&th[i], NULL, taker_run, &t[i]), 0);
	}
	int taken = 0, refused = 0;
	for (int i = 0; i < TAKERS; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(t[i].failed, 0);
		taken += t[i].taken;
		refused += t[i].refused;
	}
	pthread_barrier_destroy(&start);
	assert_int_equal(taken, ADDR_BURST);
	assert_int_equal(refused, TAKERS * 6 - ADDR_BURST);
	db_close(own);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_a_bucket_empties_then_refills),
	    ENGINE_TEST(test_an_ipv6_network_draws_on_one_bucket),
	    ENGINE_TEST(test_giving_back_refills_and_drops_a_full_bucket),
	    ENGINE_TEST(test_a_give_back_rolls_back_with_its_transaction),
	    ENGINE_TEST(test_buckets_full_again_are_dropped),
	    ENGINE_TEST(test_takers_at_once_never_pass_the_burst),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/buckets"), tests, NULL, NULL);
}
