/* Sign-in sessions in the store, on both engines: found with their user,
 * used, ended one at a time or all together, and counted while live. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/sessions.h"
#include "support/engines.h"
#include "support/fixtures.h"

#define HOUR_MS (3600LL * 1000)

static session_rec session(const char *token_hash, const user_rec *u, int64_t created_ms)
{
	session_rec s = {.created_ms = created_ms};
	snprintf(s.token_hash, sizeof s.token_hash, "%s", token_hash);
	snprintf(s.user_id, sizeof s.user_id, "%s", u->id);
	snprintf(s.csrf_token, sizeof s.csrf_token, "csrf-%s", token_hash);
	return s;
}

static int count_live(db *d, int64_t now_ms, int64_t idle_ms)
{
	int64_t n = -1;
	assert_int_equal(store_session_count_live(d, now_ms, idle_ms, &n), DB_OK);
	return (int)n;
}

static void test_a_session_is_found_with_its_user_and_their_organisation(db *d)
{
	user_rec u, got;
	fixture_user(d, "dc.one", "investigator", "North Force", "EMT", &u);
	int64_t now = clock_now_ms();
	session_rec s = session("th-one", &u, now), found;
	s.totp_enrolment_pending = 1;
	s.notices = 3;
	assert_int_equal(store_session_insert(d, &s), DB_OK);
	/* Secrets a caller's record held before are not left in it. */
	memset(&got, 0, sizeof got);
	snprintf(got.password_hash, sizeof got.password_hash, "stale-hash");
	snprintf(got.totp_secret, sizeof got.totp_secret, "stale-secret");
	got.failed_logins = 4;
	assert_int_equal(store_session_with_user(d, "th-one", &found, &got), DB_ROW);
	assert_string_equal(found.token_hash, "th-one");
	assert_string_equal(found.user_id, u.id);
	assert_string_equal(found.csrf_token, "csrf-th-one");
	assert_int_equal(found.created_ms, now);
	assert_int_equal(found.last_seen_ms, now);
	assert_int_equal(found.totp_enrolment_pending, 1);
	assert_int_equal(found.notices, 3);
	assert_string_equal(found.totp_roles, "");
	assert_string_equal(got.id, u.id);
	assert_string_equal(got.username, "dc.one");
	assert_string_equal(got.role, "investigator");
	assert_string_equal(got.org_name, "North Force");
	assert_string_equal(got.org_kind, "force");
	assert_string_equal(got.team_name, "EMT");
	assert_int_equal(got.version, 1);
	assert_string_equal(got.password_hash, "");
	assert_string_equal(got.totp_secret, "");
	assert_int_equal(got.failed_logins, 0);
	/* The organisation's second-factor roles, once set, come with it. */
	assert_int_equal(store_org_totp_roles_put(d, u.org_id, "[\"admin\"]"), DB_OK);
	assert_int_equal(store_session_with_user(d, "th-one", &found, &got), DB_ROW);
	assert_string_equal(found.totp_roles, "[\"admin\"]");
	assert_int_equal(store_session_with_user(d, "no-such-token", &found, &got), DB_DONE);
}

static void test_a_user_of_no_team_has_sessions_too(db *d)
{
	user_rec u, got;
	fixture_user(d, "admin.one", "investigator", "North Force", NULL, &u);
	session_rec s = session("th-admin", &u, clock_now_ms()), found;
	assert_int_equal(store_session_insert(d, &s), DB_OK);
	assert_int_equal(store_session_with_user(d, "th-admin", &found, &got), DB_ROW);
	assert_string_equal(got.team_id, "");
	assert_string_equal(got.team_name, "");
}

static void test_a_token_is_stored_once_and_only_for_a_known_user(db *d)
{
	user_rec u, nobody = {0};
	fixture_user(d, "dc.two", "investigator", "North Force", "EMT", &u);
	snprintf(nobody.id, sizeof nobody.id, "no-such-user");
	session_rec s = session("th-two", &u, clock_now_ms());
	assert_int_equal(store_session_insert(d, &s), DB_OK);
	assert_int_equal(store_session_insert(d, &s), DB_CONSTRAINT);
	session_rec orphan = session("th-orphan", &nobody, clock_now_ms());
	assert_int_equal(store_session_insert(d, &orphan), DB_CONSTRAINT);
}

/* Whether a session counts as live: used within the idle time, and begun
 * less than twelve hours ago however recently used. */
static void test_a_session_is_live_while_used_and_until_twelve_hours(db *d)
{
	static const struct {
		const char *what;
		int64_t begun_ago, used_ago, idle;
		int live;
	} rows[] = {
	    {"just begun", 0, 0, HOUR_MS / 2, 1},
	    {"used within the idle time", 2 * HOUR_MS, HOUR_MS / 4, HOUR_MS / 2, 1},
	    {"idle too long", 2 * HOUR_MS, HOUR_MS, HOUR_MS / 2, 0},
	    {"idle as long, allowed longer", 2 * HOUR_MS, HOUR_MS, 2 * HOUR_MS, 1},
	    {"begun eleven hours ago, used now", 11 * HOUR_MS, 0, HOUR_MS / 2, 1},
	    {"begun thirteen hours ago, used now", 13 * HOUR_MS, 0, HOUR_MS / 2, 0},
	};
	user_rec u;
	fixture_user(d, "dc.three", "investigator", "North Force", "EMT", &u);
	int64_t now = clock_now_ms();
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char token[16];
		snprintf(token, sizeof token, "th-%zu", i);
		session_rec s = session(token, &u, now - rows[i].begun_ago), found;
		user_rec got;
		assert_int_equal(store_session_insert(d, &s), DB_OK);
		assert_int_equal(store_session_touch(d, token, now - rows[i].used_ago), DB_OK);
		assert_int_equal(store_session_with_user(d, token, &found, &got), DB_ROW);
		assert_int_equal(found.created_ms, now - rows[i].begun_ago);
		assert_int_equal(found.last_seen_ms, now - rows[i].used_ago);
		/* Each row's session is the only one stored while it is counted. */
		int live = count_live(d, now, rows[i].idle);
		if (live != rows[i].live)
			fail_msg("%s: a session %s counted %d", test_engine_now(), rows[i].what,
			         live);
		assert_int_equal(store_session_delete(d, token), DB_OK);
	}
}

static void test_clearing_a_pending_enrolment_touches_that_session_only(db *d)
{
	user_rec u, got;
	fixture_user(d, "dc.four", "investigator", "North Force", "EMT", &u);
	session_rec a = session("th-a", &u, clock_now_ms()),
	            b = session("th-b", &u, clock_now_ms()), found;
	a.totp_enrolment_pending = b.totp_enrolment_pending = 1;
	assert_int_equal(store_session_insert(d, &a), DB_OK);
	assert_int_equal(store_session_insert(d, &b), DB_OK);
	assert_int_equal(store_session_clear_pending(d, "th-a"), DB_OK);
	assert_int_equal(store_session_with_user(d, "th-a", &found, &got), DB_ROW);
	assert_int_equal(found.totp_enrolment_pending, 0);
	assert_int_equal(store_session_with_user(d, "th-b", &found, &got), DB_ROW);
	assert_int_equal(found.totp_enrolment_pending, 1);
}

static void test_sessions_end_one_at_a_time_or_all_of_a_user_together(db *d)
{
	user_rec u, other, got;
	fixture_user(d, "dc.five", "investigator", "North Force", "EMT", &u);
	fixture_user(d, "dc.six", "investigator", "North Force", "EMT", &other);
	int64_t now = clock_now_ms();
	const char *mine[] = {"th-1", "th-2", "th-3"};
	for (int i = 0; i < 3; i++) {
		session_rec s = session(mine[i], &u, now);
		assert_int_equal(store_session_insert(d, &s), DB_OK);
	}
	session_rec theirs = session("th-theirs", &other, now), found;
	assert_int_equal(store_session_insert(d, &theirs), DB_OK);
	assert_int_equal(count_live(d, now, HOUR_MS), 4);
	/* Signing out ends one session. */
	assert_int_equal(store_session_delete(d, "th-1"), DB_OK);
	assert_int_equal(store_session_with_user(d, "th-1", &found, &got), DB_DONE);
	assert_int_equal(store_session_with_user(d, "th-2", &found, &got), DB_ROW);
	assert_int_equal(store_session_delete(d, "th-1"), DB_OK); /* already gone */
	/* A password change ends every session of the user, no one else's. */
	assert_int_equal(store_session_delete_user(d, u.id), DB_OK);
	assert_int_equal(store_session_with_user(d, "th-2", &found, &got), DB_DONE);
	assert_int_equal(store_session_with_user(d, "th-3", &found, &got), DB_DONE);
	assert_int_equal(store_session_with_user(d, "th-theirs", &found, &got), DB_ROW);
	assert_string_equal(got.username, "dc.six");
	assert_int_equal(count_live(d, now, HOUR_MS), 1);
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_a_session_is_found_with_its_user_and_their_organisation),
	    ENGINE_TEST(test_a_user_of_no_team_has_sessions_too),
	    ENGINE_TEST(test_a_token_is_stored_once_and_only_for_a_known_user),
	    ENGINE_TEST(test_a_session_is_live_while_used_and_until_twelve_hours),
	    ENGINE_TEST(test_clearing_a_pending_enrolment_touches_that_session_only),
	    ENGINE_TEST(test_sessions_end_one_at_a_time_or_all_of_a_user_together),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/sessions"), tests, NULL, NULL);
}
