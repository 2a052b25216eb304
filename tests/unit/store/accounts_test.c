/* Accounts, sessions and migrations in the store, on both engines. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/migrate.h"
#include "store/sessions.h"
#include "support/engines.h"

static test_engine engines[2];
static int nengines;

static void make_user(db *d, const char *name, user_rec *u)
{
	memset(u, 0, sizeof *u);
	snprintf(u->username, sizeof u->username, "%s", name);
	snprintf(u->display_name, sizeof u->display_name, "DC %s", name);
	snprintf(u->role, sizeof u->role, "investigator");
	snprintf(u->password_hash, sizeof u->password_hash, "$argon2id$placeholder");
	assert_int_equal(store_org_ensure(d, "Force", "force", u->org_id), DB_OK);
	assert_int_equal(store_team_ensure(d, u->org_id, "EMT", u->team_id), DB_OK);
	assert_int_equal(store_user_insert(d, u), DB_OK);
}

static void test_users_insert_find_and_refuse_duplicates(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u, got, dup;
		make_user(d, "dc.one", &u);
		assert_int_equal(store_user_by_name(d, "dc.one", &got), DB_ROW);
		assert_string_equal(got.id, u.id);
		assert_string_equal(got.org_name, "Force");
		assert_string_equal(got.team_name, "EMT");
		assert_int_equal(got.version, 1);
		assert_int_equal(store_user_by_id(d, u.id, &got), DB_ROW);
		assert_int_equal(store_user_by_name(d, "nobody", &got), DB_DONE);
		memcpy(&dup, &u, sizeof dup);
		assert_int_equal(store_user_insert(d, &dup), DB_CONSTRAINT);
		/* Ensuring an existing organisation or team finds it, never duplicates it. */
		char again[37];
		assert_int_equal(store_org_ensure(d, "Force", "force", again), DB_OK);
		assert_string_equal(again, u.org_id);
		db_close(d);
	}
}

static void test_updates_name_the_version_they_read(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u, other;
		make_user(d, "dc.two", &u);
		memcpy(&other, &u, sizeof other);
		snprintf(u.display_name, sizeof u.display_name, "First editor");
		assert_int_equal(store_user_update(d, &u), DB_OK);
		assert_int_equal(u.version, 2);
		snprintf(other.display_name, sizeof other.display_name, "Second editor");
		assert_int_equal(store_user_update(d, &other), DB_DONE); /* stale */
		user_rec got;
		store_user_by_id(d, u.id, &got);
		assert_string_equal(got.display_name, "First editor");
		db_close(d);
	}
}

static void test_sign_in_bookkeeping_changes_no_version(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u, got;
		make_user(d, "dc.three", &u);
		int n = 0;
		for (int i = 1; i <= 3; i++) {
			assert_int_equal(store_user_login_failed(d, u.id, &n), DB_OK);
			assert_int_equal(n, i);
		}
		store_user_by_id(d, u.id, &got);
		assert_int_equal(got.failed_logins, 3);
		assert_int_equal(got.version, 1);
		assert_int_equal(store_user_login_ok(d, u.id, "$argon2id$new"), DB_OK);
		store_user_by_id(d, u.id, &got);
		assert_int_equal(got.failed_logins, 0);
		assert_string_equal(got.locked_until, "");
		assert_string_equal(got.password_hash, "$argon2id$new");
		assert_int_equal(store_user_login_ok(d, u.id, NULL), DB_OK);
		store_user_by_id(d, u.id, &got);
		assert_string_equal(got.password_hash, "$argon2id$new");
		assert_int_equal(store_user_totp_step(d, u.id, 100), DB_OK);
		assert_int_equal(store_user_totp_step(d, u.id, 100), DB_DONE);
		assert_int_equal(store_user_totp_step(d, u.id, 99), DB_DONE);
		assert_int_equal(store_user_totp_step(d, u.id, 101), DB_OK);
		db_close(d);
	}
}

static void test_recovery_codes_are_single_use(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user(d, "dc.four", &u);
		const char *h[] = {"h1", "h2"};
		assert_int_equal(store_recovery_replace(d, u.id, h, 2), DB_OK);
		assert_int_equal(store_recovery_use(d, u.id, "h1"), DB_OK);
		assert_int_equal(store_recovery_use(d, u.id, "h1"), DB_DONE);
		assert_int_equal(store_recovery_use(d, u.id, "h3"), DB_DONE);
		assert_int_equal(store_recovery_replace(d, u.id, NULL, 0), DB_OK);
		assert_int_equal(store_recovery_use(d, u.id, "h2"), DB_DONE);
		db_close(d);
	}
}

static void test_sessions_are_found_with_their_user_and_ended_together(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u, got;
		make_user(d, "dc.five", &u);
		session_rec s = {0}, found;
		snprintf(s.token_hash, sizeof s.token_hash, "th1");
		snprintf(s.user_id, sizeof s.user_id, "%s", u.id);
		snprintf(s.csrf_token, sizeof s.csrf_token, "csrf");
		s.created_ms = clock_now_ms();
		assert_int_equal(store_session_insert(d, &s), DB_OK);
		snprintf(s.token_hash, sizeof s.token_hash, "th2");
		assert_int_equal(store_session_insert(d, &s), DB_OK);
		assert_int_equal(store_session_with_user(d, "th1", &found, &got), DB_ROW);
		assert_string_equal(got.username, "dc.five");
		assert_string_equal(found.csrf_token, "csrf");
		assert_true(found.created_ms >= s.created_ms - 1);
		int64_t live = 0;
		assert_int_equal(store_session_count_live(d, clock_now_ms(), 60000, &live), DB_OK);
		assert_int_equal(live, 2);
		assert_int_equal(store_session_delete_user(d, u.id), DB_OK);
		assert_int_equal(store_session_with_user(d, "th2", &found, &got), DB_DONE);
		db_close(d);
	}
}

static void test_migrations_are_idempotent_and_checked(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		char url[512], err[256];
		assert_int_equal(test_db_create(engines[e].name, url, sizeof url), 0);
		db *d;
		assert_int_equal(db_open(url, 1000, &d, err, sizeof err), DB_OK);
		assert_int_equal(migrate_check(d), DB_ERR);
		assert_non_null(strstr(db_errmsg(d), "waymark init"));
		int applied;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_int_equal(applied, (int)migrations_count);
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_int_equal(applied, 0);
		assert_int_equal(migrate_check(d), DB_OK);
		const char *p[] = {"999"};
		assert_int_equal(db_run(d,
					"INSERT INTO schema_migrations (version, name, applied_at) "
					"VALUES (CAST($1 AS INTEGER), 'future', 'now')",
					1, p),
				 DB_OK);
		assert_int_equal(migrate_check(d), DB_ERR);
		assert_non_null(strstr(db_errmsg(d), "newer"));
		db_close(d);
	}
}

static void test_settings_round_trip(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		char v[64];
		assert_int_equal(store_setting_get(d, "k", v, sizeof v), DB_DONE);
		assert_int_equal(store_setting_put(d, "k", "one"), DB_OK);
		assert_int_equal(store_setting_put(d, "k", "two"), DB_OK);
		assert_int_equal(store_setting_get(d, "k", v, sizeof v), DB_ROW);
		assert_string_equal(v, "two");
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_users_insert_find_and_refuse_duplicates),
		cmocka_unit_test(test_updates_name_the_version_they_read),
		cmocka_unit_test(test_sign_in_bookkeeping_changes_no_version),
		cmocka_unit_test(test_recovery_codes_are_single_use),
		cmocka_unit_test(test_sessions_are_found_with_their_user_and_ended_together),
		cmocka_unit_test(test_migrations_are_idempotent_and_checked),
		cmocka_unit_test(test_settings_round_trip),
	};
	return cmocka_run_group_tests_name(nengines == 2 ? "store/accounts (sqlite, pg)"
							  : "store/accounts (sqlite)",
					   tests, NULL, NULL);
}
