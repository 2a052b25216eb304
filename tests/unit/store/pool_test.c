/* The connection pool, on both engines: one connection per thread, kept
 * for its next request, several threads at once each on their own, at most
 * STORE_POOL_MAX open, and a database that cannot be reached answered as
 * busy. The pool is the process's, so each test closes it at the end, and
 * asks for connections on threads of its own as the server's threads do. */
#include "unit/test.h"

#include <pthread.h>

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/pool.h"
#include "support/engines.h"

static test_engine engines[2];
static int nengines;

/* A new migrated database on the engine; writes its URL. */
static void fresh_url(const char *engine, char *url, size_t len)
{
	db *d = test_db_fresh(engine, url, len);
	assert_non_null(d);
	db_close(d);
}

/* Points the pool at a new migrated database on the engine. */
static void pool_init_fresh(const char *engine, int busy_ms)
{
	char url[512];
	fresh_url(engine, url, sizeof url);
	store_pool_init(url, busy_ms);
}

static void in_thread(void *(*fn)(void *), void *arg)
{
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, fn, arg), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
}

typedef struct asker {
	db *got, *again;
	int rc, put_rc, get_rc;
	char value[16];
} asker;

/* Asks for a connection, and for it again after writing through it. */
static void *ask(void *arg)
{
	asker *a = arg;
	a->rc = DB_OK;
	a->got = store_pool_get(&a->rc);
	if (!a->got)
		return NULL;
	a->put_rc = store_setting_put(a->got, "pool", "one");
	a->again = store_pool_get(&a->rc);
	a->get_rc = store_setting_get(a->again, "pool", a->value, sizeof a->value);
	return NULL;
}

static void test_a_thread_keeps_its_connection_from_one_request_to_the_next(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		pool_init_fresh(engines[e].name, 1000);
		asker a = {0};
		in_thread(ask, &a);
		assert_non_null(a.got);
		assert_int_equal(a.put_rc, DB_OK);
		assert_ptr_equal(a.got, a.again);
		assert_int_equal(a.get_rc, DB_ROW);
		assert_string_equal(a.value, "one");
		store_pool_close_all();
	}
}

enum { NWORKERS = 8 };

typedef struct worker {
	pthread_barrier_t *start;
	int n;
	db *got, *again;
	int rc, write_rc;
} worker;

/* Asks for a connection when every worker is ready, asks again, and
 * writes a setting of its own through it. */
static void *work(void *arg)
{
	worker *w = arg;
	pthread_barrier_wait(w->start);
	w->rc = DB_OK;
	w->got = store_pool_get(&w->rc);
	if (!w->got)
		return NULL;
	w->again = store_pool_get(&w->rc);
	char key[32], value[16];
	snprintf(key, sizeof key, "worker.%d", w->n);
	snprintf(value, sizeof value, "%d", w->n * 7);
	w->write_rc = store_setting_put(w->got, key, value);
	return NULL;
}

static void test_threads_at_once_each_get_their_own_connection(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		char url[512];
		fresh_url(engines[e].name, url, sizeof url);
		store_pool_init(url, 5000);
		pthread_barrier_t start;
		assert_int_equal(pthread_barrier_init(&start, NULL, NWORKERS), 0);
		worker w[NWORKERS];
		pthread_t t[NWORKERS];
		for (int i = 0; i < NWORKERS; i++) {
			w[i] = (worker){.start = &start, .n = i};
			assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
		}
		for (int i = 0; i < NWORKERS; i++)
			assert_int_equal(pthread_join(t[i], NULL), 0);
		pthread_barrier_destroy(&start);
		for (int i = 0; i < NWORKERS; i++) {
			assert_non_null(w[i].got);
			assert_ptr_equal(w[i].got, w[i].again);
			assert_int_equal(w[i].write_rc, DB_OK);
			for (int j = 0; j < i; j++)
				assert_ptr_not_equal(w[i].got, w[j].got);
		}
		store_pool_close_all();
		/* Every write arrived. */
		db *d;
		char err[256];
		assert_int_equal(db_open(url, 1000, &d, err, sizeof err), DB_OK);
		for (int i = 0; i < NWORKERS; i++) {
			char key[32], want[16], v[16];
			snprintf(key, sizeof key, "worker.%d", i);
			snprintf(want, sizeof want, "%d", i * 7);
			assert_int_equal(store_setting_get(d, key, v, sizeof v), DB_ROW);
			assert_string_equal(v, want);
		}
		db_close(d);
	}
}

static void test_a_database_out_of_reach_is_answered_as_busy(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		const char *gone = strcmp(engines[e].name, "sqlite") == 0
		                       ? "sqlite:/nonexistent-waymark-dir/no.db"
		                       : "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2";
		store_pool_init(gone, 1000);
		asker a = {0};
		in_thread(ask, &a);
		assert_null(a.got);
		assert_int_equal(a.rc, DB_BUSY);
		/* Nothing of the failure is kept: the next try opens afresh. */
		pool_init_fresh(engines[e].name, 1000);
		asker b = {0};
		in_thread(ask, &b);
		assert_non_null(b.got);
		assert_int_equal(b.get_rc, DB_ROW);
		store_pool_close_all();
	}
}

/* Threads come and go; their connections stay counted until the pool is
 * closed, and the one past the bound is refused as busy. PostgreSQL's own
 * limit on connections would answer first, so SQLite alone is asked. */
static void test_no_more_than_the_bound_of_connections_are_opened(void **state)
{
	(void)state;
	char url[512];
	fresh_url("sqlite", url, sizeof url);
	store_pool_init(url, 1000);
	for (int i = 0; i <= STORE_POOL_MAX; i++) {
		asker a = {0};
		in_thread(ask, &a);
		if (i < STORE_POOL_MAX) {
			if (!a.got)
				fail_msg("connection %d of %d refused (%d)", i + 1, STORE_POOL_MAX,
				         a.rc);
		} else {
			assert_null(a.got);
			assert_int_equal(a.rc, DB_BUSY);
		}
	}
	/* Closing them all makes room again. */
	store_pool_close_all();
	store_pool_init(url, 1000);
	asker a = {0};
	in_thread(ask, &a);
	assert_non_null(a.got);
	store_pool_close_all();
}

/* The thread that closes the pool may open it again (a server started
 * twice in one process, a command that serves after a check): its next
 * connection is a new one, to where the pool now points. */
static void test_the_thread_that_closes_the_pool_opens_afresh(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		char before[512], after[512];
		fresh_url(engines[e].name, before, sizeof before);
		fresh_url(engines[e].name, after, sizeof after);
		store_pool_init(before, 1000);
		asker a = {0};
		ask(&a);
		assert_non_null(a.got);
		store_pool_close_all();
		store_pool_init(after, 1000);
		int rc = DB_OK;
		db *d = store_pool_get(&rc);
		assert_non_null(d);
		/* The setting was written to the first database, not this one. */
		char v[16];
		assert_int_equal(store_setting_get(d, "pool", v, sizeof v), DB_DONE);
		store_pool_close_all();
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_thread_keeps_its_connection_from_one_request_to_the_next),
	    cmocka_unit_test(test_threads_at_once_each_get_their_own_connection),
	    cmocka_unit_test(test_a_database_out_of_reach_is_answered_as_busy),
	    cmocka_unit_test(test_no_more_than_the_bound_of_connections_are_opened),
	    cmocka_unit_test(test_the_thread_that_closes_the_pool_opens_afresh),
	};
	return cmocka_run_group_tests_name(
	    nengines == 2 ? "store/pool (sqlite, pg)" : "store/pool (sqlite)", tests, NULL, NULL);
}
