/* Accounts, sessions and migrations in the store, on both engines. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/migrate.h"
#include "store/sessions.h"
#include "support/engines.h"
#include "support/fixtures.h"

static test_engine engines[2];
static int nengines;

static void test_users_insert_find_and_refuse_duplicates(db *d)
{
	user_rec u, got, dup;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
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
}

static void test_updates_name_the_version_they_read(db *d)
{
	user_rec u, other;
	fixture_user(d, "dc.two", "investigator", "Force", "EMT", &u);
	memcpy(&other, &u, sizeof other);
	snprintf(u.display_name, sizeof u.display_name, "First editor");
	assert_int_equal(store_user_update(d, &u), DB_OK);
	assert_int_equal(u.version, 2);
	snprintf(other.display_name, sizeof other.display_name, "Second editor");
	assert_int_equal(store_user_update(d, &other), DB_DONE); /* stale */
	user_rec got;
	store_user_by_id(d, u.id, &got);
	assert_string_equal(got.display_name, "First editor");
}

static void test_sign_in_bookkeeping_changes_no_version(db *d)
{
	user_rec u, got;
	fixture_user(d, "dc.three", "investigator", "Force", "EMT", &u);
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
}

static void test_recovery_codes_are_single_use(db *d)
{
	user_rec u;
	fixture_user(d, "dc.four", "investigator", "Force", "EMT", &u);
	const char *h[] = {"h1", "h2"};
	assert_int_equal(store_recovery_replace(d, u.id, h, 2), DB_OK);
	assert_int_equal(store_recovery_use(d, u.id, "h1"), DB_OK);
	assert_int_equal(store_recovery_use(d, u.id, "h1"), DB_DONE);
	assert_int_equal(store_recovery_use(d, u.id, "h3"), DB_DONE);
	assert_int_equal(store_recovery_replace(d, u.id, NULL, 0), DB_OK);
	assert_int_equal(store_recovery_use(d, u.id, "h2"), DB_DONE);
}

static void test_sessions_are_found_with_their_user_and_ended_together(db *d)
{
	user_rec u, got;
	fixture_user(d, "dc.five", "investigator", "Force", "EMT", &u);
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

static void test_settings_round_trip(db *d)
{
	char v[64];
	assert_int_equal(store_setting_get(d, "k", v, sizeof v), DB_DONE);
	assert_int_equal(store_setting_put(d, "k", "one"), DB_OK);
	assert_int_equal(store_setting_put(d, "k", "two"), DB_OK);
	assert_int_equal(store_setting_get(d, "k", v, sizeof v), DB_ROW);
	assert_string_equal(v, "two");
}

static int collect_org(const org_rec *o, void *arg)
{
	fixture_text_add(arg, "%s;", o->name);
	return 0;
}

static void test_organisations_near_one_are_itself_its_hosted_and_its_host(db *d)
{
	org_rec a, b, pa, pb, oa, got;
	fixture_org(d, "A Force", "force", NULL, &a);
	fixture_org(d, "B Force", "force", NULL, &b);
	fixture_org(d, "A Partner", "support_provider", a.id, &pa);
	fixture_org(d, "B Partner", "local_authority", b.id, &pb);
	fixture_org(d, "A Office", "opcc", a.id, &oa);
	int forces;
	char only[37];
	assert_int_equal(store_org_only_force(d, &forces, only), DB_OK);
	assert_int_equal(forces, 2);
	assert_string_equal(only, "");
	assert_int_equal(store_org_get(d, pa.id, &got), DB_ROW);
	assert_string_equal(got.host_org_id, a.id);
	assert_string_equal(got.kind, "partner");
	assert_int_equal(store_org_by_name(d, "B Force", &got), DB_ROW);
	assert_string_equal(got.host_org_id, "");
	assert_int_equal(store_org_by_name(d, "C Force", &got), DB_DONE);
	org_rec again = a;
	assert_int_equal(store_org_create(d, &again), DB_CONSTRAINT);
	fixture_text names = {""};
	assert_int_equal(store_orgs_near(d, a.id, NULL, collect_org, &names), DB_OK);
	assert_string_equal(names.s, "A Force;A Office;A Partner;");
	names.s[0] = '\0';
	assert_int_equal(store_orgs_near(d, pa.id, NULL, collect_org, &names), DB_OK);
	assert_string_equal(names.s, "A Force;A Partner;");
	names.s[0] = '\0';
	assert_int_equal(store_orgs_near(d, a.id, "partner", collect_org, &names), DB_OK);
	assert_string_equal(names.s, "A Partner;");
	/* By kind as the API names it, the classes included. */
	static const struct {
		const char *kind, *names;
	} by_kind[] = {{"support_provider", "A Partner;"}, {"local_authority", ""},
	               {"opcc", "A Office;"},           {"force", "A Force;"},
	               {"health", ""}};
	for (size_t i = 0; i < sizeof by_kind / sizeof by_kind[0]; i++) {
		names.s[0] = '\0';
		assert_int_equal(store_orgs_near(d, a.id, by_kind[i].kind, collect_org, &names), DB_OK);
		assert_string_equal(names.s, by_kind[i].names);
	}
	names.s[0] = '\0';
	assert_int_equal(store_orgs_near(d, b.id, "local_authority", collect_org, &names), DB_OK);
	assert_string_equal(names.s, "B Partner;");
}

static void test_an_organisation_changes_its_name_and_kind_with_the_version_read(db *d)
{
	org_rec f, p, o, got;
	fixture_org(d, "A Force", "force", NULL, &f);
	fixture_org(d, "A Charity", "support_provider", f.id, &p);
	fixture_org(d, "A Office", "opcc", f.id, &o);
	assert_int_equal(p.version, 1);
	assert_string_equal(p.kind, "partner");
	assert_string_equal(store_org_kind(&p), "support_provider");
	/* A partner's name and kind change; its class does not. */
	snprintf(p.name, sizeof p.name, "A Council");
	assert_int_equal(store_org_kind_set(&p, "local_authority"), 0);
	assert_int_equal(store_org_update(d, &p, 1), DB_OK);
	assert_int_equal(p.version, 2);
	assert_int_equal(store_org_get(d, p.id, &got), DB_ROW);
	assert_string_equal(got.name, "A Council");
	assert_string_equal(got.kind, "partner");
	assert_string_equal(store_org_kind(&got), "local_authority");
	assert_int_equal(got.version, 2);
	/* A stale version or a name taken changes nothing. */
	snprintf(p.name, sizeof p.name, "A Trust");
	assert_int_equal(store_org_update(d, &p, 1), DB_DONE);
	snprintf(p.name, sizeof p.name, "A Force");
	assert_int_equal(store_org_update(d, &p, 2), DB_CONSTRAINT);
	assert_int_equal(store_org_get(d, p.id, &got), DB_ROW);
	assert_string_equal(got.name, "A Council");
	assert_int_equal(got.version, 2);
	/* A force or a Commissioner's office never takes a partner's kind. */
	snprintf(o.partner_kind, sizeof o.partner_kind, "health");
	assert_int_equal(store_org_update(d, &o, 1), DB_OK);
	assert_int_equal(store_org_get(d, o.id, &got), DB_ROW);
	assert_string_equal(store_org_kind(&got), "opcc");
	/* Kinds as the API names them; "partner" is a class, not a kind. */
	org_rec k = got;
	assert_int_equal(store_org_kind_set(&k, "partner"), -1);
	assert_int_equal(store_org_kind_set(&k, "charity"), -1);
	assert_string_equal(k.kind, "opcc");
	assert_int_equal(store_org_kind_set(&k, "guardian"), 0);
	assert_string_equal(k.kind, "partner");
	assert_string_equal(k.partner_kind, "guardian");
	assert_int_equal(store_org_kind_set(&k, "force"), 0);
	assert_string_equal(k.partner_kind, "");
	char id[SECURE_ID_LEN];
	assert_int_equal(store_org_ensure(d, "A Guild", "guild", id), DB_ERR);
	assert_int_equal(store_org_ensure(d, "A Clinic", "health", id), DB_OK);
	assert_int_equal(store_org_get(d, id, &got), DB_ROW);
	assert_string_equal(store_org_kind(&got), "health");
}

static void test_an_area_and_second_factor_settings_round_trip(db *d)
{
	org_rec a, b, oa;
	fixture_org(d, "A Force", "force", NULL, &a);
	fixture_org(d, "B Force", "force", NULL, &b);
	fixture_org(d, "A Office", "opcc", a.id, &oa);
	assert_int_equal(store_org_area_add(d, oa.id, a.id), DB_OK);
	assert_int_equal(store_org_area_add(d, oa.id, a.id), DB_OK); /* already there: no error */
	assert_int_equal(store_org_area_add(d, oa.id, b.id), DB_OK);
	fixture_text names = {""};
	assert_int_equal(store_org_area_each(d, oa.id, collect_org, &names), DB_OK);
	assert_string_equal(names.s, "A Force;B Force;");
	assert_int_equal(store_org_area_remove(d, oa.id, b.id), DB_OK);
	assert_int_equal(store_org_area_remove(d, oa.id, b.id), DB_OK);
	names.s[0] = '\0';
	assert_int_equal(store_org_area_each(d, oa.id, collect_org, &names), DB_OK);
	assert_string_equal(names.s, "A Force;");
	char v[128];
	int any = 1;
	assert_int_equal(store_org_totp_roles_get(d, a.id, v, sizeof v), DB_DONE);
	assert_int_equal(store_org_any_without_second_factor(d, &any), DB_OK);
	assert_false(any);
	assert_int_equal(store_org_totp_roles_put(d, a.id, "[\"admin\"]"), DB_OK);
	assert_int_equal(store_org_totp_roles_put(d, a.id, "[]"), DB_OK);
	assert_int_equal(store_org_totp_roles_get(d, a.id, v, sizeof v), DB_ROW);
	assert_string_equal(v, "[]");
	assert_int_equal(store_org_totp_roles_get(d, b.id, v, sizeof v), DB_DONE);
	assert_int_equal(store_org_any_without_second_factor(d, &any), DB_OK);
	assert_true(any);
}

static int collect_user(const user_rec *u, void *arg)
{
	fixture_text_add(arg, "%s;", u->username);
	return 0;
}

static void add_user_to(db *d, const char *name, const char *org_id, user_rec *u)
{
	memset(u, 0, sizeof *u);
	snprintf(u->username, sizeof u->username, "%s", name);
	snprintf(u->display_name, sizeof u->display_name, "%s", name);
	snprintf(u->role, sizeof u->role, "admin");
	snprintf(u->password_hash, sizeof u->password_hash, "$argon2id$placeholder");
	snprintf(u->org_id, sizeof u->org_id, "%s", org_id);
	assert_int_equal(store_user_insert(d, u), DB_OK);
}

static void test_users_are_listed_within_reach_only(db *d)
{
	org_rec a, b, pa;
	fixture_org(d, "A Force", "force", NULL, &a);
	fixture_org(d, "B Force", "force", NULL, &b);
	fixture_org(d, "A Partner", "support_provider", a.id, &pa);
	user_rec ua, ub, up, got;
	add_user_to(d, "a.one", a.id, &ua);
	add_user_to(d, "b.one", b.id, &ub);
	add_user_to(d, "p.one", pa.id, &up);
	assert_int_equal(store_user_by_id(d, up.id, &got), DB_ROW);
	assert_string_equal(got.org_kind, "partner");
	assert_string_equal(got.org_host_id, a.id);
	fixture_text names = {""};
	store_reach hosted = {.org_id = a.id, .hosted_by = a.id};
	assert_int_equal(store_user_each(d, &hosted, collect_user, &names), DB_OK);
	assert_string_equal(names.s, "a.one;p.one;");
	names.s[0] = '\0';
	store_reach own_org = {.org_id = pa.id};
	assert_int_equal(store_user_each(d, &own_org, collect_user, &names), DB_OK);
	assert_string_equal(names.s, "p.one;");
	names.s[0] = '\0';
	store_reach self = {.own_id = ub.id};
	assert_int_equal(store_user_each(d, &self, collect_user, &names), DB_OK);
	assert_string_equal(names.s, "b.one;");
	names.s[0] = '\0';
	store_reach none = {0};
	assert_int_equal(store_user_each(d, &none, collect_user, &names), DB_OK);
	assert_string_equal(names.s, "");
	/* A password chosen by the holder leaves the version (it is not an
	 * administrator's field); a cleared second factor moves it on. */
	assert_int_equal(store_user_set_password(d, ua.id, "$argon2id$new"), DB_OK);
	assert_int_equal(store_user_by_id(d, ua.id, &got), DB_ROW);
	assert_int_equal(got.version, 1);
	assert_int_equal(store_user_clear_second_factor(d, ua.id), DB_OK);
	assert_int_equal(store_user_by_id(d, ua.id, &got), DB_ROW);
	assert_int_equal(got.version, 2);
	assert_string_equal(got.password_hash, "$argon2id$new");
	assert_int_equal(store_user_set_password(d, "nobody", "$argon2id$new"), DB_DONE);
}

/* A new database of the engine with the schema as it was before the
 * migration numbered below, as an older Waymark left it. */
static db *db_before(const char *engine, int below)
{
	char url[512], err[256];
	assert_int_equal(test_db_create(engine, url, sizeof url), 0);
	db *d;
	assert_int_equal(db_open(url, 1000, &d, err, sizeof err), DB_OK);
	assert_int_equal(db_schema(d, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
	                              "name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT"),
	                 DB_OK);
	for (size_t i = 0; i < migrations_count && migrations[i].version < below; i++) {
		char ver[16];
		snprintf(ver, sizeof ver, "%d", migrations[i].version);
		const char *p[] = {ver, migrations[i].name};
		assert_int_equal(db_schema(d, migrations[i].sql), DB_OK);
		assert_int_equal(db_run(d,
		                        "INSERT INTO schema_migrations (version, name, applied_at) "
		                        "VALUES (CAST($1 AS INTEGER), $2, 'then')",
		                        2, p),
		                 DB_OK);
	}
	return d;
}

/* An organisation of the class, written as an older Waymark wrote it. */
static void old_org(db *d, const char *name, const char *class_name, char id[SECURE_ID_LEN])
{
	secure_id(id);
	const char *p[] = {id, name, class_name};
	assert_int_equal(
	    db_run(d, "INSERT INTO orgs (id, name, kind, created_at) VALUES ($1, $2, $3, 'then')", 3, p),
	    DB_OK);
}

static void test_an_upgrade_keeps_the_installation_wide_second_factor_setting(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		for (int had = 0; had < 2; had++) {
			/* The schema as it was before 011, with two organisations. */
			db *d = db_before(engines[e].name, 11);
			char a[SECURE_ID_LEN], b[SECURE_ID_LEN];
			old_org(d, "A Force", "force", a);
			old_org(d, "A Partner", "partner", b);
			if (had)
				assert_int_equal(
				    store_setting_put(d, "totp_required_roles", "[\"admin\"]"),
				    DB_OK);
			int applied;
			assert_int_equal(migrate_up(d, &applied), DB_OK);
			assert_true(applied >= 1);
			char v[64];
			assert_int_equal(store_org_totp_roles_get(d, a, v, sizeof v), DB_ROW);
			assert_string_equal(v, had ? "[\"admin\"]" : "[]");
			assert_int_equal(store_org_totp_roles_get(d, b, v, sizeof v), DB_ROW);
			assert_string_equal(v, had ? "[\"admin\"]" : "[]");
			assert_int_equal(store_setting_get(d, "totp_required_roles", v, sizeof v),
			                 DB_DONE);
			db_close(d);
		}
	}
}

static void test_an_upgrade_makes_every_partner_a_support_provider(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		/* Before 015, a partner organisation had no kind of its own. */
		db *d = db_before(engines[e].name, 15);
		char force[SECURE_ID_LEN], partner[SECURE_ID_LEN], office[SECURE_ID_LEN];
		old_org(d, "A Force", "force", force);
		old_org(d, "A Charity", "partner", partner);
		old_org(d, "A Office", "opcc", office);
		int applied;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_int_equal(applied, (int)migrations_count - 14);
		const struct {
			const char *id, *kind, *shown;
		} want[] = {{force, "force", "force"},
		            {partner, "partner", "support_provider"},
		            {office, "opcc", "opcc"}};
		for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
			org_rec got;
			assert_int_equal(store_org_get(d, want[i].id, &got), DB_ROW);
			assert_string_equal(got.kind, want[i].kind);
			assert_string_equal(store_org_kind(&got), want[i].shown);
			assert_int_equal(got.version, 1);
		}
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_users_insert_find_and_refuse_duplicates),
	    ENGINE_TEST(test_updates_name_the_version_they_read),
	    ENGINE_TEST(test_sign_in_bookkeeping_changes_no_version),
	    ENGINE_TEST(test_recovery_codes_are_single_use),
	    ENGINE_TEST(test_sessions_are_found_with_their_user_and_ended_together),
	    cmocka_unit_test(test_migrations_are_idempotent_and_checked),
	    ENGINE_TEST(test_settings_round_trip),
	    ENGINE_TEST(test_organisations_near_one_are_itself_its_hosted_and_its_host),
	    ENGINE_TEST(test_an_organisation_changes_its_name_and_kind_with_the_version_read),
	    ENGINE_TEST(test_an_area_and_second_factor_settings_round_trip),
	    ENGINE_TEST(test_users_are_listed_within_reach_only),
	    cmocka_unit_test(test_an_upgrade_keeps_the_installation_wide_second_factor_setting),
	    cmocka_unit_test(test_an_upgrade_makes_every_partner_a_support_provider),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/accounts"), tests, NULL, NULL);
}
