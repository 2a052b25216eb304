/* Signing in and out, sessions, CSRF, lockout, limiter, second factor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <liboath/oath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/client.h"
#include "domain/totp.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/db.h"

static server srv;

static int setup(void **state)
{
	(void)state;
	return server_start(&srv, NULL);
}

static int teardown(void **state)
{
	(void)state;
	return server_stop(&srv);
}

static json_t *J(resp *r, const char *key)
{
	return r->json ? json_object_get(r->json, key) : NULL;
}

static void test_sign_in_sets_a_strict_http_only_cookie_and_returns_csrf(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 201);
	const char *cookie = resp_header(r, "Set-Cookie");
	assert_non_null(cookie);
	assert_non_null(strstr(cookie, "wm_session="));
	assert_non_null(strstr(cookie, "HttpOnly"));
	assert_non_null(strstr(cookie, "SameSite=Strict"));
	assert_non_null(strstr(cookie, "Path=/"));
	assert_null(strstr(cookie, "Secure")); /* plain HTTP here */
	assert_string_equal(json_string_value(json_object_get(J(r, "user"), "username")), "inv1");
	assert_string_equal(json_string_value(json_object_get(J(r, "user"), "role")),
			    "investigator");
	assert_true(strlen(json_string_value(J(r, "csrf_token"))) >= 43);
	assert_null(json_object_get(J(r, "user"), "password_hash"));
	resp_free(r);

	r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(J(r, "user"), "username")), "inv1");
	assert_string_equal(json_string_value(json_object_get(json_object_get(J(r, "user"), "team"),
							      "name")),
			    "EMT");
	resp_free(r);
	client_free(c);
}

static void test_wrong_password_and_unknown_user_get_the_same_401(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *a = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":\"sup1\",\"password\":\"not-the-password\"}", NULL);
	resp *b = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":\"nobody-here\",\"password\":\"not-the-password\"}",
			     NULL);
	assert_int_equal(a->status, 401);
	assert_int_equal(b->status, 401);
	assert_string_equal(a->body, b->body);
	assert_string_equal(resp_header(a, "Content-Type"), "application/problem+json");
	assert_null(resp_header(a, "Set-Cookie"));
	resp_free(a);
	resp_free(b);
	client_free(c);
}

static void test_me_without_a_session_is_401(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	const char *h[] = {"Cookie: wm_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL};
	r = client_req(c, "GET", "/api/v1/me", NULL, h);
	assert_int_equal(r->status, 401);
	resp_free(r);
	client_free(c);
}

static void test_unsafe_methods_need_the_csrf_header(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "inv1", TEST_PASSWORD), 201);
	const char *wrong[] = {"X-CSRF-Token: forged", NULL};
	resp *r = client_req(c, "DELETE", "/api/v1/session", NULL, wrong);
	assert_int_equal(r->status, 403);
	assert_non_null(strstr(json_string_value(J(r, "detail")), "X-CSRF-Token"));
	resp_free(r);
	char saved[64];
	snprintf(saved, sizeof saved, "%s", c->csrf);
	c->csrf[0] = '\0';
	r = client_req(c, "DELETE", "/api/v1/session", NULL, NULL);
	assert_int_equal(r->status, 403);
	resp_free(r);
	snprintf(c->csrf, sizeof c->csrf, "%s", saved);
	r = client_req(c, "GET", "/api/v1/me", NULL, NULL); /* still signed in */
	assert_int_equal(r->status, 200);
	resp_free(r);
	client_free(c);
}

static void test_sign_out_ends_the_session(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "inv1", TEST_PASSWORD), 201);
	resp *r = client_req(c, "DELETE", "/api/v1/session", NULL, NULL);
	assert_int_equal(r->status, 204);
	assert_non_null(strstr(resp_header(r, "Set-Cookie"), "Max-Age=0"));
	resp_free(r);
	r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	client_free(c);
}

/* Moves a session's clock back in the database, as if time had passed. */
static void age_sessions(const char *column, int64_t ms_ago)
{
	char err[256], when[CLOCK_ISO_LEN];
	db *d;
	assert_int_equal(db_open(srv.db_url, 5000, &d, err, sizeof err), DB_OK);
	clock_iso(clock_now_ms() - ms_ago, when);
	const char *p[] = {when};
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE sessions SET %s = $1", column);
	assert_int_equal(db_run(d, sql, 1, p), DB_OK);
	db_close(d);
}

static void test_idle_sessions_expire_after_30_minutes(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "sup1", TEST_PASSWORD), 201);
	age_sessions("last_seen_at", 29LL * 60 * 1000);
	resp *r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 200);
	resp_free(r);
	age_sessions("last_seen_at", 31LL * 60 * 1000);
	r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	client_free(c);
}

static void test_sessions_end_after_12_hours_however_busy(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "sup1", TEST_PASSWORD), 201);
	age_sessions("created_at", 12LL * 3600 * 1000 + 1000);
	resp *r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	client_free(c);
}

static void test_changing_password_ends_every_session(void **state)
{
	(void)state;
	client *a = client_new(&srv), *b = client_new(&srv);
	assert_int_equal(client_login(a, "opcc1", TEST_PASSWORD), 201);
	assert_int_equal(client_login(b, "opcc1", TEST_PASSWORD), 201);
	resp *r = client_req(a, "PUT", "/api/v1/me/password",
			     "{\"current_password\":\"wrong-current-pw\",\"new_password\":\"short\"}",
			     NULL);
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "current_password"));
	assert_non_null(strstr(r->body, "new_password"));
	resp_free(r);
	r = client_req(a, "PUT", "/api/v1/me/password",
		       "{\"current_password\":\"" TEST_PASSWORD
		       "\",\"new_password\":\"a-brand-new-passphrase\"}",
		       NULL);
	assert_int_equal(r->status, 204);
	resp_free(r);
	r = client_req(b, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	r = client_req(a, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	assert_int_equal(client_login(a, "opcc1", TEST_PASSWORD), 401);
	assert_int_equal(client_login(a, "opcc1", "a-brand-new-passphrase"), 201);
	client_free(a);
	client_free(b);
}

static void test_five_failures_lock_the_account_for_15_minutes(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	client *c = client_new(&s);
	for (int i = 0; i < 5; i++)
		assert_int_equal(client_login(c, "inv2", "wrong-password-guess"), 401);
	/* The right password no longer opens it. */
	assert_int_equal(client_login(c, "inv2", TEST_PASSWORD), 401);
	/* An administrator sees the lock; the auditor sees the lockout. */
	client *adm = client_new(&s);
	assert_int_equal(client_login(adm, "admin1", TEST_PASSWORD), 201);
	resp *r = client_req(adm, "GET", "/api/v1/users", NULL, NULL);
	assert_int_equal(r->status, 200);
	json_t *items = json_object_get(r->json, "items");
	size_t i;
	json_t *u;
	int seen = 0;
	json_array_foreach(items, i, u)
	{
		if (strcmp(json_string_value(json_object_get(u, "username")), "inv2") == 0) {
			assert_true(json_is_true(json_object_get(u, "locked")));
			seen = 1;
		}
	}
	assert_true(seen);
	resp_free(r);
	client *aud = client_new(&s);
	assert_int_equal(client_login(aud, "aud1", TEST_PASSWORD), 201);
	r = client_req(aud, "GET", "/api/v1/audit?action=lockout", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_array_size(json_object_get(r->json, "items")), 1);
	resp_free(r);
	r = client_req(aud, "GET", "/api/v1/audit?action=login_failed", NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(r->json, "items")), 6);
	resp_free(r);
	/* Fifteen minutes later it opens again. */
	char err[256], when[CLOCK_ISO_LEN];
	db *d;
	assert_int_equal(db_open(s.db_url, 5000, &d, err, sizeof err), DB_OK);
	clock_iso(clock_now_ms() - 1000, when);
	const char *p[] = {when};
	assert_int_equal(db_run(d, "UPDATE users SET locked_until = $1 WHERE username = 'inv2'", 1,
				p),
			 DB_OK);
	db_close(d);
	assert_int_equal(client_login(c, "inv2", TEST_PASSWORD), 201);
	client_free(c);
	client_free(adm);
	client_free(aud);
	assert_int_equal(server_stop(&s), 0);
}

static void test_one_address_guessing_across_accounts_is_slowed(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	client *c = client_new(&s);
	const char *users[] = {"inv1", "inv2", "sup1", "aud1", "opcc1"};
	for (int i = 0; i < 10; i++)
		assert_int_equal(client_login(c, users[i % 5], "guess-guess-guess"), 401);
	resp *r = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":\"admin1\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 429);
	assert_non_null(resp_header(r, "Retry-After"));
	assert_true(atoi(resp_header(r, "Retry-After")) >= 1);
	resp_free(r);
	client_free(c);
	assert_int_equal(server_stop(&s), 0);
}

static void test_disabled_accounts_lose_their_sessions(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	client *c = client_new(&s), *adm = client_new(&s);
	assert_int_equal(client_login(c, "inv1", TEST_PASSWORD), 201);
	const char *args[] = {"user", "disable", "--username", "inv1", NULL};
	assert_int_equal(run_waymark(&s, NULL, NULL, 0, args), 0);
	resp *r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	assert_int_equal(client_login(c, "inv1", TEST_PASSWORD), 401);
	const char *en[] = {"user", "enable", "--username", "inv1", NULL};
	assert_int_equal(run_waymark(&s, NULL, NULL, 0, en), 0);
	assert_int_equal(client_login(c, "inv1", TEST_PASSWORD), 201);
	client_free(c);
	client_free(adm);
	assert_int_equal(server_stop(&s), 0);
}

static char *code_at(const char *secret, int64_t t)
{
	static char code[7];
	assert_int_equal(totp_code(secret, t, code), 0);
	return code;
}

static void test_second_factor_enrolment_when_the_role_requires_it(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	client *adm = client_new(&s), *c = client_new(&s);
	assert_int_equal(client_login(adm, "admin1", TEST_PASSWORD), 201);
	resp *r = client_req(adm, "PUT", "/api/v1/settings/security",
			     "{\"totp_required_roles\":[\"investigator\",\"nonsense\"]}", NULL);
	assert_int_equal(r->status, 422);
	resp_free(r);
	r = client_req(adm, "PUT", "/api/v1/settings/security",
		       "{\"totp_required_roles\":[\"investigator\"]}", NULL);
	assert_int_equal(r->status, 200);
	resp_free(r);

	r = client_req(c, "POST", "/api/v1/session",
		       "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 201);
	assert_true(json_is_true(J(r, "totp_enrolment_required")));
	snprintf(c->csrf, sizeof c->csrf, "%s", json_string_value(J(r, "csrf_token")));
	resp_free(r);
	/* Until enrolled, nothing else is open. */
	r = client_req(c, "GET", "/api/v1/audit", NULL, NULL);
	assert_int_equal(r->status, 403);
	assert_non_null(strstr(r->body, "second factor"));
	resp_free(r);
	r = client_req(c, "POST", "/api/v1/me/totp/confirm", "{\"code\":\"123456\"}", NULL);
	assert_int_equal(r->status, 409);
	resp_free(r);
	r = client_req(c, "POST", "/api/v1/me/totp", NULL, NULL);
	assert_int_equal(r->status, 201);
	char secret[64];
	snprintf(secret, sizeof secret, "%s", json_string_value(J(r, "secret")));
	assert_non_null(strstr(json_string_value(J(r, "otpauth_uri")), "otpauth://totp/Waymark:inv1?secret="));
	resp_free(r);
	r = client_req(c, "POST", "/api/v1/me/totp/confirm", "{\"code\":\"000000x\"}", NULL);
	assert_int_equal(r->status, 422);
	resp_free(r);
	int64_t now = time(NULL);
	char body[64];
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code_at(secret, now));
	r = client_req(c, "POST", "/api/v1/me/totp/confirm", body, NULL);
	assert_int_equal(r->status, 200);
	json_t *codes = J(r, "recovery_codes");
	assert_int_equal(json_array_size(codes), 10);
	char recovery[16];
	snprintf(recovery, sizeof recovery, "%s", json_string_value(json_array_get(codes, 0)));
	resp_free(r);
	r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_true(json_is_false(J(r, "totp_enrolment_required")));
	resp_free(r);
	/* The secret is sealed at rest. */
	{
		char err[256];
		db *dbh;
		assert_int_equal(db_open(s.db_url, 5000, &dbh, err, sizeof err), DB_OK);
		db_stmt *st;
		assert_int_equal(db_prepare(dbh, "SELECT totp_secret FROM users WHERE username = 'inv1'", &st),
				 DB_OK);
		assert_int_equal(db_step(st), DB_ROW);
		assert_memory_equal(db_col_text(st, 0), "v1:", 3);
		assert_null(strstr(db_col_text(st, 0), secret));
		db_finalize(st);
		db_close(dbh);
	}

	/* Signing in now takes the second factor. */
	client *d = client_new(&s);
	r = client_req(d, "POST", "/api/v1/session",
		       "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 401);
	assert_true(json_is_true(J(r, "totp_required")));
	resp_free(r);
	char req[256];
	snprintf(req, sizeof req,
		 "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\",\"totp\":\"%s\"}",
		 code_at(secret, now));
	r = client_req(d, "POST", "/api/v1/session", req, NULL); /* the used code is spent */
	assert_int_equal(r->status, 401);
	resp_free(r);
	snprintf(req, sizeof req,
		 "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\",\"totp\":\"%s\"}",
		 code_at(secret, now + 30));
	r = client_req(d, "POST", "/api/v1/session", req, NULL); /* one step of drift */
	assert_int_equal(r->status, 201);
	resp_free(r);
	snprintf(req, sizeof req,
		 "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\",\"totp\":\"%s\"}",
		 recovery);
	r = client_req(d, "POST", "/api/v1/session", req, NULL);
	assert_int_equal(r->status, 201);
	resp_free(r);
	r = client_req(d, "POST", "/api/v1/session", req, NULL); /* single use */
	assert_int_equal(r->status, 401);
	resp_free(r);
	client_free(adm);
	client_free(c);
	client_free(d);
	assert_int_equal(server_stop(&s), 0);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	secure_init();
	oath_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sign_in_sets_a_strict_http_only_cookie_and_returns_csrf),
		cmocka_unit_test(test_wrong_password_and_unknown_user_get_the_same_401),
		cmocka_unit_test(test_me_without_a_session_is_401),
		cmocka_unit_test(test_unsafe_methods_need_the_csrf_header),
		cmocka_unit_test(test_sign_out_ends_the_session),
		cmocka_unit_test(test_idle_sessions_expire_after_30_minutes),
		cmocka_unit_test(test_sessions_end_after_12_hours_however_busy),
		cmocka_unit_test(test_changing_password_ends_every_session),
		cmocka_unit_test(test_five_failures_lock_the_account_for_15_minutes),
		cmocka_unit_test(test_one_address_guessing_across_accounts_is_slowed),
		cmocka_unit_test(test_disabled_accounts_lose_their_sessions),
		cmocka_unit_test(test_second_factor_enrolment_when_the_role_requires_it),
	};
	int rc = cmocka_run_group_tests_name(test_engine_name(), tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
