/* Notices for an account holder in the store, on both engines. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/notices.h"
#include "support/engines.h"

static test_engine engines[2];
static int nengines;

static void make_user(db *d, const char *name, user_rec *u)
{
	memset(u, 0, sizeof *u);
	snprintf(u->username, sizeof u->username, "%s", name);
	snprintf(u->display_name, sizeof u->display_name, "DC %s", name);
	snprintf(u->role, sizeof u->role, "admin");
	snprintf(u->password_hash, sizeof u->password_hash, "$argon2id$placeholder");
	assert_int_equal(store_org_ensure(d, "Force", "force", u->org_id), DB_OK);
	assert_int_equal(store_user_insert(d, u), DB_OK);
}

static int collect(const notice_rec *n, void *arg)
{
	char *kinds = arg;
	size_t len = strlen(kinds);
	snprintf(kinds + len, 256 - len, "%s/%s;", n->kind, n->actor);
	return 0;
}

static void test_notices_are_delivered_to_one_session(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u, other;
		make_user(d, "holder", &u);
		make_user(d, "other", &other);
		assert_int_equal(store_notice_add(d, u.id, "first", "Alex Admin"), DB_OK);
		assert_int_equal(store_notice_add(d, u.id, "second", NULL), DB_OK);
		assert_int_equal(store_notice_add(d, other.id, "theirs", NULL), DB_OK);
		int n = -1;
		assert_int_equal(store_notice_deliver(d, u.id, "session-a", &n), DB_OK);
		assert_int_equal(n, 2);
		char kinds[256] = "";
		assert_int_equal(store_notice_each(d, "session-a", collect, kinds), DB_OK);
		assert_string_equal(kinds, "first/Alex Admin;second/;");
		/* Seen once: the next session gets none of them. */
		assert_int_equal(store_notice_deliver(d, u.id, "session-b", &n), DB_OK);
		assert_int_equal(n, 0);
		kinds[0] = '\0';
		assert_int_equal(store_notice_each(d, "session-b", collect, kinds), DB_OK);
		assert_string_equal(kinds, "");
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_notices_are_delivered_to_one_session),
	};
	return cmocka_run_group_tests_name(nengines == 2 ? "store/notices (sqlite, pg)"
	                                                 : "store/notices (sqlite)",
	                                   tests, NULL, NULL);
}
