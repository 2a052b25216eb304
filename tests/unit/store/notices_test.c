/* Notices for an account holder in the store, on both engines. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/notices.h"
#include "support/engines.h"
#include "support/fixtures.h"

static int collect(const notice_rec *n, void *arg)
{
	fixture_text_add(arg, "%s/%s;", n->kind, n->actor);
	return 0;
}

static void test_notices_are_delivered_to_one_session(db *d)
{
	user_rec u, other;
	fixture_user(d, "holder", "admin", "Force", NULL, &u);
	fixture_user(d, "other", "admin", "Force", NULL, &other);
	assert_int_equal(store_notice_add(d, u.id, "first", "Alex Admin"), DB_OK);
	assert_int_equal(store_notice_add(d, u.id, "second", NULL), DB_OK);
	assert_int_equal(store_notice_add(d, other.id, "theirs", NULL), DB_OK);
	int n = -1;
	assert_int_equal(store_notice_deliver(d, u.id, "session-a", &n), DB_OK);
	assert_int_equal(n, 2);
	fixture_text kinds = {""};
	assert_int_equal(store_notice_each(d, "session-a", collect, &kinds), DB_OK);
	assert_string_equal(kinds.s, "first/Alex Admin;second/;");
	/* Seen once: the next session gets none of them. */
	assert_int_equal(store_notice_deliver(d, u.id, "session-b", &n), DB_OK);
	assert_int_equal(n, 0);
	kinds.s[0] = '\0';
	assert_int_equal(store_notice_each(d, "session-b", collect, &kinds), DB_OK);
	assert_string_equal(kinds.s, "");
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_notices_are_delivered_to_one_session),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/notices"), tests, NULL, NULL);
}
