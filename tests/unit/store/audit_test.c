/* The audit store on both engines: appends chain, join transactions, survive concurrency. */
#include "unit/test.h"

#include <pthread.h>

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "support/engines.h"

static test_engine engines[2];
static int nengines;

static void append(db *d, const char *action)
{
	audit_fields f = {.actor = "tester",
	                  .action = action,
	                  .record_type = "user",
	                  .record_id = "r1",
	                  .detail = "{}"};
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

static void test_appends_form_an_intact_chain(db *d)
{
	assert_non_null(d);
	assert_int_equal(verify(d), 0);
	for (int i = 0; i < 20; i++)
		append(d, "login");
	assert_int_equal(verify(d), 20);
}

static void test_an_entry_rolls_back_with_its_change(db *d)
{
	append(d, "first");
	assert_int_equal(db_begin(d), DB_OK);
	append(d, "abandoned");
	db_rollback(d);
	append(d, "second");
	assert_int_equal(verify(d), 2);
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

static void test_list_filters(db *d)
{
	/* Sign-in attempts under an unknown name: no account, no record. */
	static const char *const actions[] = {"login", "logout", "login"};
	for (int i = 0; i < 3; i++) {
		audit_fields f = {.actor = "tester", .action = actions[i]};
		assert_int_equal(store_audit_append(d, &f), DB_OK);
	}
	static const struct {
		audit_filter f;
		int want;
	} t[] = {
	    {{.limit = 100}, 3},
	    {{.action = "login", .limit = 100}, 2},
	    {{.limit = 2, .before_seq = 3}, 2},
	    {{.record_id = "elsewhere", .limit = 100}, 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int n = 0;
		assert_int_equal(store_audit_list(d, &t[i].f, collect, &n), DB_OK);
		assert_int_equal(n, t[i].want);
	}
}

/* An account of the organisation, and an entry made by it. */
static void entry_by(db *d, const char *org_id, const char *username)
{
	user_rec u = {0};
	snprintf(u.username, sizeof u.username, "%s", username);
	snprintf(u.display_name, sizeof u.display_name, "%s", username);
	snprintf(u.role, sizeof u.role, "investigator");
	snprintf(u.org_id, sizeof u.org_id, "%s", org_id);
	snprintf(u.password_hash, sizeof u.password_hash, "x");
	assert_int_equal(store_user_insert(d, &u), DB_OK);
	audit_fields f = {.actor_id = u.id, .actor = username, .action = "case_viewed"};
	assert_int_equal(store_audit_append(d, &f), DB_OK);
	/* The command line made the account: no actor, about the account. */
	audit_fields made = {.actor = "cli:root",
	                     .action = "user_created",
	                     .record_type = "user",
	                     .record_id = u.id};
	assert_int_equal(store_audit_append(d, &made), DB_OK);
}

static int count(db *d, const char *org_id, int hosted)
{
	int n = 0;
	audit_filter f = {.limit = 100, .org_id = org_id, .hosted = hosted};
	assert_int_equal(store_audit_list(d, &f, collect, &n), DB_OK);
	return n;
}

static void test_an_auditor_reads_their_own_organisations_entries(db *d)
{
	char force[37], partner[37], other[37];
	assert_int_equal(store_org_ensure(d, "Force", "force", force), DB_OK);
	assert_int_equal(store_org_ensure(d, "Partner", "support_provider", partner), DB_OK);
	assert_int_equal(store_org_ensure(d, "Other Force", "force", other), DB_OK);
	const char *host[] = {force, partner};
	assert_int_equal(db_run(d, "UPDATE orgs SET host_org_id = $1 WHERE id = $2", 2, host),
	                 DB_OK);
	entry_by(d, force, "f1");
	entry_by(d, partner, "p1");
	entry_by(d, other, "o1");
	audit_fields unknown = {.actor = "nobody-here", .action = "login_failed"};
	assert_int_equal(store_audit_append(d, &unknown), DB_OK);
	append(d, "elsewhere"); /* no actor, about a record of no account: nobody's */
	/* Each account's entry and the command line's about it, plus the unknown name. */
	assert_int_equal(count(d, force, 1), 5); /* the force, its partner */
	assert_int_equal(count(d, force, 0), 3); /* not the partner's */
	assert_int_equal(count(d, other, 1), 3); /* never the first force's */
	assert_int_equal(count(d, NULL, 0), 1);  /* nobody's organisation: only the unknown name */
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_appends_form_an_intact_chain),
	    ENGINE_TEST(test_an_entry_rolls_back_with_its_change),
	    cmocka_unit_test(test_concurrent_writers_keep_one_chain),
	    ENGINE_TEST(test_list_filters),
	    ENGINE_TEST(test_an_auditor_reads_their_own_organisations_entries),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/audit"), tests, NULL, NULL);
}
