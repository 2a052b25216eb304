/* The audit store on both engines: appends chain, join transactions, survive concurrency. */
#include "unit/test.h"

#include <pthread.h>

#include "lib/secure.h"
#include "store/audit.h"
#include "support/engines.h"

static test_engine engines[2];
static int nengines;

static void append(db *d, const char *action)
{
	audit_fields f = {.actor = "tester", .action = action, .record_type = "user",
			  .record_id = "r1", .detail = "{}"};
	assert_int_equal(store_audit_append(d, &f), DB_OK);
	assert_true(f.seq > 0);
}

static int64_t verify(db *d)
{
	int64_t n, bad;
	char why[256];
	int rc = store_audit_verify(d, &n, &bad, why, sizeof why);
	if (rc != DB_OK)
		fail_msg("chain broken at %lld: %s", (long long)bad, why);
	return n;
}

static void test_appends_form_an_intact_chain(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		assert_non_null(d);
		assert_int_equal(verify(d), 0);
		for (int i = 0; i < 20; i++)
			append(d, "login");
		assert_int_equal(verify(d), 20);
		db_close(d);
	}
}

static void test_an_entry_rolls_back_with_its_change(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		append(d, "first");
		assert_int_equal(db_begin(d), DB_OK);
		append(d, "abandoned");
		db_rollback(d);
		append(d, "second");
		assert_int_equal(verify(d), 2);
		db_close(d);
	}
}

struct worker {
	char url[512];
	int fails;
};

static void *writer(void *arg)
{
	struct worker *w = arg;
	char err[256];
	db *d;
	if (db_open(w->url, 10000, &d, err, sizeof err) != DB_OK) {
		w->fails++;
		return NULL;
	}
	for (int i = 0; i < 25; i++) {
		audit_fields f = {.actor = "t", .action = "concurrent"};
		if (store_audit_append(d, &f) != DB_OK)
			w->fails++;
	}
	db_close(d);
	return NULL;
}

static void test_concurrent_writers_keep_one_chain(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		char url[512];
		db *d = test_db_fresh(engines[e].name, url, sizeof url);
		struct worker w[4];
		pthread_t t[4];
		for (int i = 0; i < 4; i++) {
			snprintf(w[i].url, sizeof w[i].url, "%s", url);
			w[i].fails = 0;
			pthread_create(&t[i], NULL, writer, &w[i]);
		}
		for (int i = 0; i < 4; i++) {
			pthread_join(t[i], NULL);
			assert_int_equal(w[i].fails, 0);
		}
		assert_int_equal(verify(d), 100);
		db_close(d);
	}
}

static int collect(const audit_fields *f, void *arg)
{
	int *n = arg;
	(*n)++;
	assert_non_null(f->at);
	return 0;
}

static void test_list_filters(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		append(d, "login");
		append(d, "logout");
		append(d, "login");
		int n = 0;
		audit_filter all = {.limit = 100};
		assert_int_equal(store_audit_list(d, &all, collect, &n), DB_OK);
		assert_int_equal(n, 3);
		n = 0;
		audit_filter logins = {.action = "login", .limit = 100};
		assert_int_equal(store_audit_list(d, &logins, collect, &n), DB_OK);
		assert_int_equal(n, 2);
		n = 0;
		audit_filter page = {.limit = 2, .before_seq = 3};
		assert_int_equal(store_audit_list(d, &page, collect, &n), DB_OK);
		assert_int_equal(n, 2);
		n = 0;
		audit_filter none = {.record_id = "elsewhere", .limit = 100};
		assert_int_equal(store_audit_list(d, &none, collect, &n), DB_OK);
		assert_int_equal(n, 0);
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appends_form_an_intact_chain),
		cmocka_unit_test(test_an_entry_rolls_back_with_its_change),
		cmocka_unit_test(test_concurrent_writers_keep_one_chain),
		cmocka_unit_test(test_list_filters),
	};
	return cmocka_run_group_tests_name(nengines == 2 ? "store/audit (sqlite, pg)"
							  : "store/audit (sqlite)",
					   tests, NULL, NULL);
}
