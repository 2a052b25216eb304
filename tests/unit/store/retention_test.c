/* Retention in the store, on both engines: what holds a case is read under
 * the case's row, so a disposal decided while a hold is being placed sees
 * the hold. */
#include "unit/test.h"

#include <pthread.h>
#include <time.h>

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/retention.h"
#include "support/engines.h"
#include "support/fixtures.h"

#define TODAY "2026-06-01"

typedef struct decider {
	const char *url, *case_id;
	int rc, held;
} decider;

/* A disposal's check, on a connection of its own, as another server
 * thread makes it. */
static void *decide(void *arg)
{
	decider *x = arg;
	db *d;
	char err[256];
	x->rc = db_open(x->url, 20000, &d, err, sizeof err);
	if (x->rc != DB_OK)
		return NULL;
	x->rc = db_begin(d);
	if (x->rc == DB_OK)
		x->rc = store_case_held_now(d, x->case_id, TODAY, &x->held);
	db_rollback(d);
	db_close(d);
	return NULL;
}

static void held_now(db *d, const char *case_id, int want)
{
	int held = -1;
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(store_case_held_now(d, case_id, TODAY, &held), DB_OK);
	db_rollback(d);
	assert_int_equal(held, want);
}

static void test_a_hold_placed_while_a_disposal_is_decided_is_seen_by_it(void **state)
{
	(void)state;
	test_engine engines[2];
	int n = test_engines(engines);
	for (int e = 0; e < n; e++) {
		char url[1024], case_id[37], other[37];
		db *d = test_db_fresh(engines[e].name, url, sizeof url);
		assert_non_null(d);
		user_rec u;
		fixture_user_with_cases(d, &u, case_id, other);
		/* Open: held by that alone. */
		held_now(d, case_id, 1);
		const char *p[] = {case_id};
		assert_int_equal(db_run(d, "UPDATE cases SET status = 'closed' WHERE id = $1", 1, p), DB_OK);
		held_now(d, case_id, 0);
		/* A hold being placed: the case's row taken, the hold written,
		 * not yet committed, when the disposal's check starts. */
		assert_int_equal(db_begin(d), DB_OK);
		assert_int_equal(store_case_lock(d, case_id), DB_OK);
		hold_rec h = {.kind = "litigation", .reason = "Civil claim", .owner = "Head of Legal Services"};
		memcpy(h.case_id, case_id, sizeof h.case_id);
		memcpy(h.placed_by, u.id, sizeof h.placed_by);
		assert_int_equal(store_hold_add(d, &h), DB_OK);
		decider x = {url, case_id, -1, -1};
		pthread_t t;
		assert_int_equal(pthread_create(&t, NULL, decide, &x), 0);
		nanosleep(&(struct timespec){0, 300 * 1000 * 1000}, NULL);
		assert_int_equal(db_commit(d), DB_OK);
		assert_int_equal(pthread_join(t, NULL), 0);
		if (x.rc != DB_OK)
			fail_msg("%s: the disposal's check failed (%d)", engines[e].name, x.rc);
		if (x.held != 1)
			fail_msg("%s: the disposal's check did not see the hold placed beside it",
			         engines[e].name);
		/* Lifted, the hold holds it no more. */
		const char *lift[] = {h.id};
		assert_int_equal(db_run(d, "UPDATE legal_holds SET lifted_at = '2026-05-01T00:00:00.000Z', "
		                           "lifted_by = placed_by, lift_reason = 'Settled' WHERE id = $1",
		                        1, lift),
		                 DB_OK);
		held_now(d, case_id, 0);
		assert_int_equal(store_case_lock(d, "no-such-case"), DB_DONE);
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_hold_placed_while_a_disposal_is_decided_is_seen_by_it),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/retention"), tests, NULL, NULL);
}
