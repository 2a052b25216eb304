/* Account administration: only admins, strict validation, versioned changes. */
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

#include "api/fixtures.h"
#include "domain/totp.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/db.h"

static server srv;
static client *adm;

/* Besides the standard accounts: a second administrator of the force
 * (admin1b), another force with its administrator and an investigator,
 * and an administrator of the hosted partner organisation. */
static int accounts(server *s)
{
	return server_add_account(s, "admin1b", "admin", "Test Constabulary", NULL) ||
	       server_add_account(s, "admin.other", "admin", "Other Constabulary", NULL) ||
	       server_add_account(s, "inv.other", "investigator", "Other Constabulary", NULL) ||
	       server_second_factor_off(s, "Other Constabulary") ||
	       server_add_account(s, "padmin", "admin", "Hope Support Services", NULL);
}

static const suite_login logins[] = {{&adm, "admin1"}, {NULL, NULL}};
static const suite fixture = {.srv = &srv, .accounts = accounts, .logins = logins};

/* The token of a one-time link's path (static buffer). */
static const char *token_of(const char *url)
{
	static char token[64];
	const char *prefix = "/reset-password#token=";
	assert_non_null(url);
	assert_memory_equal(url, prefix, strlen(prefix));
	snprintf(token, sizeof token, "%s", url + strlen(prefix));
	assert_int_equal(strlen(token), 43);
	return token;
}

/* Creates a user, who then chooses TEST_PASSWORD with the one-time link
 * the answer gives; returns its id (static buffer). */
static const char *create(const char *username, const char *role)
{
	static char id[64];
	char body[512];
	snprintf(body, sizeof body,
		 "{\"username\":\"%s\",\"display_name\":\"DC %s\",\"role\":\"%s\",\"org\":\"Test "
		 "Constabulary\",\"team\":\"EMT\"}",
		 username, username, role);
	resp *r = client_req(adm, "POST", "/api/v1/users", body, NULL);
	assert_int_equal(r->status, 201);
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	const char *token = token_of(json_string_value(json_object_get(json_object_get(r->json, "password_link"), "reset_url")));
	json_t *b = json_pack("{s:s, s:s}", "token", token, "password", TEST_PASSWORD);
	char *text = json_dumps(b, 0);
	json_decref(b);
	resp_free(r);
	client *holder = client_new(&srv);
	r = client_req(holder, "POST", "/api/v1/password-resets", text, NULL);
	free(text);
	assert_int_equal(r->status, 204);
	resp_free(r);
	client_free(holder);
	return id;
}

static void test_only_admins_manage_accounts(void **state)
{
	(void)state;
	const char *others[] = {"sup1", "inv1", "aud1", "opcc1"};
	for (size_t i = 0; i < 4; i++) {
		client *c = client_signed_in(&srv, others[i]);
		assert_int_equal(client_status(c, "GET", "/api/v1/users", NULL), 403);
		assert_int_equal(client_status(c, "POST", "/api/v1/users", "{}"), 403);
		assert_int_equal(client_status(c, "GET", "/api/v1/settings/security", NULL), 403);
		client_free(c);
	}
	client *anon = client_new(&srv);
	assert_int_equal(client_status(anon, "GET", "/api/v1/users", NULL), 401);
	client_free(anon);
}

static void test_admin_creates_an_account_that_can_sign_in(void **state)
{
	(void)state;
	/* Until the holder follows the link, no password opens the account. */
	resp *made = client_req(adm, "POST", "/api/v1/users",
				"{\"username\":\"dc.waiting\",\"display_name\":\"DC Waiting\",\"role\":\"analyst\","
				"\"org\":\"Test Constabulary\"}",
				NULL);
	assert_int_equal(made->status, 201);
	assert_non_null(json_object_get(json_object_get(made->json, "password_link"), "expires_at"));
	assert_null(strstr(made->body, "password_hash"));
	resp_free(made);
	client *w = client_new(&srv);
	assert_int_equal(client_login(w, "dc.waiting", TEST_PASSWORD), 401);
	client_free(w);
	create("dc.new", "investigator");
	client *c = client_signed_in(&srv, "dc.new");
	resp *r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	json_t *me = json_object_get(r->json, "user");
	assert_string_equal(json_string_value(json_object_get(me, "role")), "investigator");
	/* The account reads the same to its holder (/me, written straight into a
	 * buffer) and to an administrator. */
	char path[96];
	snprintf(path, sizeof path, "/api/v1/users/%s", json_string_value(json_object_get(me, "id")));
	resp *a = client_req(adm, "GET", path, NULL, NULL);
	assert_int_equal(a->status, 200);
	json_object_del(a->json, "second_factor_reset");
	assert_true(json_equal(me, a->json));
	resp_free(a);
	resp_free(r);
	client_free(c);
}

static void test_creating_checks_every_field(void **state)
{
	(void)state;
	resp *r = client_req(adm, "POST", "/api/v1/users",
			     "{\"username\":\"Bad Name!\",\"display_name\":\"\",\"password\":\"short\","
			     "\"role\":\"chief\",\"org\":\"\"}",
			     NULL);
	assert_int_equal(r->status, 422);
	const char *fields[] = {"username", "password", "role", "display_name", "org"};
	for (size_t i = 0; i < 5; i++) {
		if (!resp_has_error_for(r, fields[i]))
			fail_msg("no error for %s in %s", fields[i], r->body);
	}
	resp_free(r);
}

/* The message of the 422's error for the field, or NULL. */
static const char *field_error(resp *r, const char *field)
{
	json_t *e = json_find(json_object_get(r->json, "errors"), "field", field);
	return json_string_value(json_object_get(e, "message"));
}

static void test_a_password_easy_to_guess_is_422_with_the_reason(void **state)
{
	(void)state;
	static const struct {
		const char *password, *reason;
	} weak[] = {
		{"Password1234!", "dictionary word"},
		{"qwertyuiopasdf", "run of keys"},
		{"dc.weakling-2026", "user name"},
		{"abcdefghijklmnop", "sequence"},
	};
	/* The holder of a new account chooses a password with its link. */
	resp *made = client_req(adm, "POST", "/api/v1/users",
				"{\"username\":\"dc.weakling\",\"display_name\":\"DC Weakling\","
				"\"role\":\"investigator\",\"org\":\"Test Constabulary\"}",
				NULL);
	assert_int_equal(made->status, 201);
	char token[64];
	snprintf(token, sizeof token, "%s",
		 token_of(json_string_value(json_object_get(json_object_get(made->json, "password_link"), "reset_url"))));
	resp_free(made);
	client *holder = client_new(&srv);
	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		json_t *b = json_pack("{s:s, s:s}", "token", token, "password", weak[i].password);
		char *text = json_dumps(b, 0);
		json_decref(b);
		resp *r = client_req(holder, "POST", "/api/v1/password-resets", text, NULL);
		free(text);
		assert_int_equal(r->status, 422);
		const char *m = field_error(r, "password");
		if (!m || !strstr(m, "is too easy to guess: ") || !strstr(m, weak[i].reason))
			fail_msg("%s: %s", weak[i].password, r->body);
		resp_free(r);
	}
	client_free(holder);
	/* Nothing was kept: no password opens the account. */
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "dc.weakling", "Password1234!"), 401);
	client_free(c);
	/* An administrator who tries to choose one is told they do not. */
	resp *r = client_req(adm, "POST", "/api/v1/users",
			     "{\"username\":\"dc.chosen\",\"display_name\":\"DC Chosen\",\"password\":\"" TEST_PASSWORD
			     "\",\"role\":\"investigator\",\"org\":\"Test Constabulary\"}",
			     NULL);
	assert_int_equal(r->status, 422);
	assert_non_null(field_error(r, "password"));
	resp_free(r);
}

static void test_the_command_line_refuses_passwords_easy_to_guess(void **state)
{
	(void)state;
	char out[256];
	const char *add[] = {"user", "add", "--username", "dc.cli", "--role", "analyst", "--org",
			     "Test Constabulary", NULL};
	assert_int_equal(run_waymark(&srv, "Sunshine2024!\n", out, sizeof out, add), 2);
	assert_int_equal(run_waymark(&srv, "zxcvbnm-zxcvbnm\n", out, sizeof out, add), 2);
	assert_int_equal(run_waymark(&srv, TEST_PASSWORD "\n", out, sizeof out, add), 0);
	/* The operator's reset takes no password: it prints a one-time link,
	 * where the holder's choice is judged (see the link tests). */
	const char *reset[] = {"user", "reset-password", "--username", "dc.cli", NULL};
	assert_int_equal(run_waymark(&srv, "Liverpool1892\n", out, sizeof out, reset), 0);
	assert_non_null(strstr(out, "/reset-password#token="));
	client *c = client_signed_in(&srv, "dc.cli");
	client_free(c);
}

static void test_a_taken_username_is_409(void **state)
{
	(void)state;
	resp *r = client_req(adm, "POST", "/api/v1/users",
			     "{\"username\":\"inv1\",\"display_name\":\"X\","
			     "\"role\":\"analyst\",\"org\":\"Test Constabulary\"}",
			     NULL);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "username"));
	resp_free(r);
}

static void test_unknown_user_is_404(void **state)
{
	(void)state;
	assert_int_equal(client_status(adm, "GET", "/api/v1/users/01a21fd1-0000-7000-8000-000000000000", NULL), 404);
	assert_int_equal(client_status(adm, "PATCH", "/api/v1/users/nope", "{}"), 404);
}

static void test_changes_need_if_match_and_a_stale_version_is_412(void **state)
{
	(void)state;
	const char *id = create("dc.versioned", "investigator");
	char path[128];
	snprintf(path, sizeof path, "/api/v1/users/%s", id);
	assert_int_equal(client_status(adm, "PATCH", path, "{\"display_name\":\"DC V\"}"), 428);
	const char *bad[] = {"If-Match: banana", NULL};
	resp *r = client_req(adm, "PATCH", path, "{\"display_name\":\"DC V\"}", bad);
	assert_int_equal(r->status, 400);
	resp_free(r);
	const char *v1[] = {"If-Match: \"1\"", NULL};
	r = client_req(adm, "PATCH", path, "{\"display_name\":\"DC Vee\"}", v1);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	assert_string_equal(resp_header(r, "ETag"), "\"2\"");
	resp_free(r);
	/* A second editor still holding version 1 does not overwrite silently. */
	r = client_req(adm, "PATCH", path, "{\"display_name\":\"DC Other\"}", v1);
	assert_int_equal(r->status, 412);
	json_t *cur = json_object_get(r->json, "current");
	assert_string_equal(json_string_value(json_object_get(cur, "display_name")), "DC Vee");
	assert_int_equal(json_integer_value(json_object_get(cur, "version")), 2);
	resp_free(r);
	r = client_req(adm, "PATCH", path, "{\"role\":\"emperor\",\"colour\":\"red\"}",
		       (const char *const[]){"If-Match: \"2\"", NULL});
	assert_int_equal(r->status, 422);
	resp_free(r);
}

static void test_role_change_and_disabling_end_the_users_sessions(void **state)
{
	(void)state;
	const char *id = create("dc.moving", "investigator");
	char path[128];
	snprintf(path, sizeof path, "/api/v1/users/%s", id);
	client *c = client_signed_in(&srv, "dc.moving");
	resp *r = client_req(adm, "PATCH", path, "{\"role\":\"analyst\",\"team\":\"Intel\"}",
			     (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "role")), "analyst");
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "team"),
							      "name")),
			    "Intel");
	resp_free(r);
	assert_int_equal(client_status(c, "GET", "/api/v1/me", NULL), 401);
	assert_int_equal(client_login(c, "dc.moving", TEST_PASSWORD), 201);
	r = client_req(adm, "PATCH", path, "{\"disabled\":true}",
		       (const char *const[]){"If-Match: \"2\"", NULL});
	assert_int_equal(r->status, 200);
	assert_true(json_is_true(json_object_get(r->json, "disabled")));
	resp_free(r);
	assert_int_equal(client_status(c, "GET", "/api/v1/me", NULL), 401);
	assert_int_equal(client_login(c, "dc.moving", TEST_PASSWORD), 401);
	r = client_req(adm, "PATCH", path, "{\"disabled\":false}",
		       (const char *const[]){"If-Match: \"3\"", NULL});
	assert_int_equal(r->status, 200);
	resp_free(r);
	assert_int_equal(client_login(c, "dc.moving", TEST_PASSWORD), 201);
	client_free(c);
}

static void test_an_admin_cannot_disable_themselves(void **state)
{
	(void)state;
	resp *r = client_req(adm, "GET", "/api/v1/me", NULL, NULL);
	char path[128];
	snprintf(path, sizeof path, "/api/v1/users/%s",
		 json_string_value(json_object_get(json_object_get(r->json, "user"), "id")));
	char im[64];
	snprintf(im, sizeof im, "If-Match: \"%lld\"",
		 (long long)json_integer_value(
			 json_object_get(json_object_get(r->json, "user"), "version")));
	resp_free(r);
	r = client_req(adm, "PATCH", path, "{\"disabled\":true}", (const char *const[]){im, NULL});
	assert_int_equal(r->status, 422);
	resp_free(r);
}


/* The id of an account, as the operator's database holds it (static buffer). */
static const char *id_of(const char *username)
{
	return server_db_text(&srv, "SELECT id FROM users WHERE username = $1", username);
}

static const char *org_id_of(const char *name)
{
	return server_db_text(&srv, "SELECT id FROM orgs WHERE name = $1", name);
}

static const char *user_path(const char *username, const char *tail)
{
	static char path[160];
	snprintf(path, sizeof path, "/api/v1/users/%s%s", id_of(username), tail);
	return path;
}

/* Asks admin for a one-time link for the account; returns its token (static buffer). */
static const char *reset_token(client *admin, const char *username)
{
	static char token[64];
	resp *r = client_expect(admin, "POST", user_path(username, "/password-reset"), NULL, 201);
	const char *url = json_string_value(json_object_get(r->json, "reset_url"));
	assert_non_null(url);
	const char *prefix = "/reset-password#token=";
	assert_memory_equal(url, prefix, strlen(prefix));
	snprintf(token, sizeof token, "%s", url + strlen(prefix));
	assert_int_equal(strlen(token), 43);
	/* Good for 24 hours from now. */
	int64_t until;
	assert_int_equal(clock_parse_iso(json_string_value(json_object_get(r->json, "expires_at")), &until), 0);
	int64_t left = until - clock_now_ms();
	assert_true(left > 24LL * 3600 * 1000 - 60000 && left <= 24LL * 3600 * 1000);
	resp_free(r);
	return token;
}

static resp *redeem(const char *token, const char *password, const char *totp)
{
	client *c = client_new(&srv);
	json_t *b = json_pack("{s:s, s:s}", "token", token, "password", password);
	if (totp)
		json_object_set_new(b, "totp", json_string(totp));
	char *text = json_dumps(b, 0);
	json_decref(b);
	resp *r = client_req(c, "POST", "/api/v1/password-resets", text, NULL);
	free(text);
	client_free(c);
	return r;
}

static resp *lookup(const char *token)
{
	client *c = client_new(&srv);
	char body[128];
	snprintf(body, sizeof body, "{\"token\":\"%s\"}", token);
	resp *r = client_req(c, "POST", "/api/v1/password-resets/lookup", body, NULL);
	client_free(c);
	return r;
}

static char *code_at(const char *secret, int64_t t)
{
	static char code[7];
	assert_int_equal(totp_code(secret, t, code), 0);
	return code;
}

/* Sets up a second factor for the signed-in client; writes the secret and a recovery code. */
static void enrol(client *c, char secret[64], char recovery[32])
{
	resp *r = client_expect(c, "POST", "/api/v1/me/totp", NULL, 201);
	snprintf(secret, 64, "%s", json_string_value(json_object_get(r->json, "secret")));
	resp_free(r);
	char body[64];
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code_at(secret, time(NULL)));
	r = client_expect(c, "POST", "/api/v1/me/totp/confirm", body, 200);
	snprintf(recovery, 32, "%s", json_string_value(json_array_get(json_object_get(r->json, "recovery_codes"), 0)));
	resp_free(r);
}

static void test_a_reset_link_works_once_and_ends_every_session(void **state)
{
	(void)state;
	create("dc.forgetful", "investigator");
	client *c = client_signed_in(&srv, "dc.forgetful");
	char token[64];
	snprintf(token, sizeof token, "%s", reset_token(adm, "dc.forgetful"));
	/* Making the link changes nothing yet: the holder is still signed in. */
	client_expect_free(c, "GET", "/api/v1/me", NULL, 200);
	resp *r = lookup(token);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "username")), "dc.forgetful");
	assert_true(json_is_false(json_object_get(r->json, "second_factor")));
	resp_free(r);
	/* The password rules apply, and a refused password leaves the link good. */
	resp_expect_error_for(redeem(token, "short", NULL), "password");
	assert_int_equal(resp_status(redeem(token, "dc.forgetful", NULL)), 422);
	r = redeem(token, "Password1234!", NULL);
	assert_int_equal(r->status, 422);
	assert_true(resp_has_error_for(r, "password"));
	assert_non_null(strstr(r->body, "too easy to guess"));
	resp_free(r);
	assert_int_equal(resp_status(redeem(token, "my-own-new-passphrase", NULL)), 204);
	/* Every session ends; the old password is gone; the new one works. */
	client_expect_free(c, "GET", "/api/v1/me", NULL, 401);
	assert_int_equal(client_login(c, "dc.forgetful", TEST_PASSWORD), 401);
	assert_int_equal(client_login(c, "dc.forgetful", "my-own-new-passphrase"), 201);
	/* Once only. */
	assert_int_equal(resp_status(redeem(token, "a-second-passphrase", NULL)), 410);
	assert_int_equal(client_login(c, "dc.forgetful", "my-own-new-passphrase"), 201);
	const char *id = id_of("dc.forgetful");
	/* (The account's own first link, then this one.) */
	assert_int_equal(audit_count(&srv, "password_reset_issued", id), 2);
	assert_int_equal(audit_count(&srv, "password_reset_used", id), 2);
	assert_int_equal(audit_count(&srv, "password_reset_spent_try", id), 1);
	client_free(c);
}

static void test_a_spent_or_unknown_link_gets_one_answer(void **state)
{
	(void)state;
	create("dc.twice", "investigator");
	char first[64];
	snprintf(first, sizeof first, "%s", reset_token(adm, "dc.twice"));
	/* A newer link replaces the older one. */
	const char *second = reset_token(adm, "dc.twice");
	resp *replaced = redeem(first, "my-own-new-passphrase", NULL);
	resp *unknown = redeem("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "my-own-new-passphrase", NULL);
	resp *malformed = redeem("nope", "my-own-new-passphrase", NULL);
	resp *looked = lookup(first);
	assert_int_equal(replaced->status, 410);
	assert_int_equal(unknown->status, 410);
	assert_int_equal(malformed->status, 410);
	assert_int_equal(looked->status, 410);
	assert_string_equal(replaced->body, unknown->body);
	assert_string_equal(replaced->body, malformed->body);
	assert_string_equal(replaced->body, looked->body);
	resp_free(replaced);
	resp_free(unknown);
	resp_free(malformed);
	resp_free(looked);
	assert_int_equal(resp_status(redeem(second, "my-own-new-passphrase", NULL)), 204);
	assert_int_equal(resp_status(redeem(second, "my-own-new-passphrase", NULL)), 410);
	/* A missing token is a 422 naming it, like any other field. */
	client *c = client_new(&srv);
	resp_expect_error_for(client_req(c, "POST", "/api/v1/password-resets", "{\"password\":\"my-own-new-passphrase\"}", NULL), "token");
	client_free(c);
}

/* Moves the account's links' expiry back, as if a day had passed. */
static void age_links(const char *username, int64_t ms_ago)
{
	char when[CLOCK_ISO_LEN], id[ID_LEN];
	snprintf(id, sizeof id, "%s", id_of(username));
	clock_iso(clock_now_ms() - ms_ago, when);
	server_db_run(&srv, "UPDATE password_resets SET expires_at = $1 WHERE user_id = $2", 2,
		      (const char *const[]){when, id});
}

static void test_a_link_expires_after_24_hours(void **state)
{
	(void)state;
	create("dc.slow", "investigator");
	char token[64];
	snprintf(token, sizeof token, "%s", reset_token(adm, "dc.slow"));
	age_links("dc.slow", 1000);
	assert_int_equal(resp_status(lookup(token)), 410);
	assert_int_equal(resp_status(redeem(token, "my-own-new-passphrase", NULL)), 410);
	assert_int_equal(client_login(adm, "dc.slow", "my-own-new-passphrase"), 401);
	assert_int_equal(audit_count(&srv, "password_reset_expired_try", id_of("dc.slow")), 2);
	assert_int_equal(client_login(adm, "admin1", TEST_PASSWORD), 201);
}

static void test_a_link_asks_for_the_holders_second_factor(void **state)
{
	(void)state;
	create("dc.careful", "investigator");
	client *c = client_signed_in(&srv, "dc.careful");
	char secret[64], recovery[32];
	enrol(c, secret, recovery);
	char token[64];
	snprintf(token, sizeof token, "%s", reset_token(adm, "dc.careful"));
	resp *r = lookup(token);
	assert_true(json_is_true(json_object_get(r->json, "second_factor")));
	resp_free(r);
	/* The link alone is not the account. */
	r = redeem(token, "my-own-new-passphrase", NULL);
	assert_int_equal(r->status, 422);
	assert_true(resp_has_error_for(r, "totp"));
	assert_true(json_is_true(json_object_get(r->json, "totp_required")));
	resp_free(r);
	int64_t now = time(NULL);
	char wrong[7];
	snprintf(wrong, sizeof wrong, "%s", code_at(secret, now + 30));
	wrong[0] = wrong[0] == '9' ? '0' : (char)(wrong[0] + 1);
	resp_expect_error_for(redeem(token, "my-own-new-passphrase", wrong), "totp");
	assert_int_equal(resp_status(redeem(token, "my-own-new-passphrase", code_at(secret, now + 30))), 204);
	assert_int_equal(client_login(c, "dc.careful", "my-own-new-passphrase"), 401); /* now it takes a code */
	/* A recovery code does as well. */
	snprintf(token, sizeof token, "%s", reset_token(adm, "dc.careful"));
	assert_int_equal(resp_status(redeem(token, "another-own-passphrase", recovery)), 204);
	/* Five wrong codes burn a link: even the right code then gets nothing. */
	snprintf(token, sizeof token, "%s", reset_token(adm, "dc.careful"));
	for (int i = 0; i < 4; i++) {
		assert_int_equal(resp_status(redeem(token, "a-third-own-passphrase", wrong)), 422);
	}
	assert_int_equal(resp_status(redeem(token, "a-third-own-passphrase", wrong)), 410);
	assert_int_equal(resp_status(redeem(token, "a-third-own-passphrase", code_at(secret, now + 60))), 410);
	assert_int_equal(audit_count(&srv, "password_reset_wrong_code", id_of("dc.careful")), 6);
	client_free(c);
}

static void test_clearing_a_second_factor_takes_a_second_administrator(void **state)
{
	(void)state;
	create("dc.lostphone", "investigator");
	create("dc.nophone", "investigator");
	client *c = client_signed_in(&srv, "dc.lostphone");
	char secret[64], recovery[32];
	enrol(c, secret, recovery);
	client *second = client_signed_in(&srv, "admin1b");
	char path[160], approval[192];
	snprintf(path, sizeof path, "%s", user_path("dc.lostphone", "/second-factor-reset"));
	snprintf(approval, sizeof approval, "%s/approval", path);
	/* Nothing waits yet. */
	client_expect_free(second, "POST", approval, NULL, 409);
	resp *r = client_expect(adm, "POST", path, NULL, 201);
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "requested_by"), "id")),
			    id_of("admin1"));
	resp_free(r);
	client_expect_free(adm, "POST", path, NULL, 409); /* one request at a time */
	r = client_expect(second, "GET", user_path("dc.lostphone", ""), NULL, 200);
	json_t *waiting = json_object_get(r->json, "second_factor_reset");
	assert_true(json_is_object(waiting));
	assert_string_equal(json_string_value(json_object_get(json_object_get(waiting, "requested_by"), "name")),
			    "admin1");
	resp_free(r);
	/* Asking and approving take two people; another force's administrator sees nothing. */
	client_expect_free(adm, "POST", approval, NULL, 403);
	client *other = client_signed_in(&srv, "admin.other");
	client_expect_free(other, "POST", approval, NULL, 404);
	client_expect_free(other, "POST", path, NULL, 404);
	client_free(other);
	/* Still set up until approved. */
	client_expect_free(c, "GET", "/api/v1/me", NULL, 200);
	r = client_expect(second, "POST", approval, NULL, 200);
	assert_true(json_is_false(json_object_get(r->json, "totp_enabled")));
	resp_free(r);
	/* The holder's sessions end; they sign in with the password alone. */
	client_expect_free(c, "GET", "/api/v1/me", NULL, 401);
	assert_int_equal(client_login(c, "dc.lostphone", TEST_PASSWORD), 201);
	client_expect_free(second, "POST", approval, NULL, 409);
	r = client_expect(second, "GET", user_path("dc.lostphone", ""), NULL, 200);
	assert_true(json_is_null(json_object_get(r->json, "second_factor_reset")));
	resp_free(r);
	/* Nothing to clear on an account without a second factor. */
	client_expect_free(adm, "POST", user_path("dc.nophone", "/second-factor-reset"), NULL, 409);
	const char *id = id_of("dc.lostphone");
	assert_int_equal(audit_count(&srv, "second_factor_reset_requested", id), 1);
	assert_int_equal(audit_count(&srv, "second_factor_reset_approved", id), 1);
	client_free(second);
	client_free(c);
}

static json_t *notices_of(resp *r)
{
	json_t *n = json_object_get(r->json, "notices");
	assert_true(json_is_array(n));
	return n;
}

static void test_the_holder_is_told_once_at_their_next_sign_in(void **state)
{
	(void)state;
	create("dc.told", "investigator");
	client *before = client_signed_in(&srv, "dc.told");
	reset_token(adm, "dc.told");
	/* A session already open is not where it is told. */
	resp *r = client_expect(before, "GET", "/api/v1/me", NULL, 200);
	assert_int_equal(json_array_size(notices_of(r)), 0);
	resp_free(r);
	client *c = client_new(&srv);
	r = client_req(c, "POST", "/api/v1/session",
		       "{\"username\":\"dc.told\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 201);
	snprintf(c->csrf, sizeof c->csrf, "%s", json_string_value(json_object_get(r->json, "csrf_token")));
	json_t *n = notices_of(r);
	assert_int_equal(json_array_size(n), 1);
	json_t *first = json_array_get(n, 0);
	assert_string_equal(json_string_value(json_object_get(first, "kind")), "password_reset_issued");
	assert_non_null(strstr(json_string_value(json_object_get(first, "text")), "admin1"));
	assert_non_null(json_string_value(json_object_get(first, "at")));
	resp_free(r);
	/* The session that was told repeats it on /me; the next sign-in is not told again. */
	r = client_expect(c, "GET", "/api/v1/me", NULL, 200);
	assert_int_equal(json_array_size(notices_of(r)), 1);
	resp_free(r);
	client *later = client_new(&srv);
	r = client_req(later, "POST", "/api/v1/session",
		       "{\"username\":\"dc.told\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 201);
	assert_int_equal(json_array_size(notices_of(r)), 0);
	resp_free(r);
	client_free(before);
	client_free(c);
	client_free(later);
}

static int lists(client *c, const char *username)
{
	json_t *users = client_get_json(c, "/api/v1/users", 200);
	int seen = json_find(json_object_get(users, "items"), "username", username) != NULL;
	json_decref(users);
	return seen;
}

static void test_administrators_reach_only_their_own_and_hosted_accounts(void **state)
{
	(void)state;
	client *other = client_signed_in(&srv, "admin.other");
	/* Each force's administrator lists their own and their hosted organisations' accounts. */
	const struct {
		client *by;
		const char *username;
		int listed;
	} reach[] = {
		{adm, "inv1", 1},         {adm, "part1", 1},  {adm, "padmin", 1}, {adm, "inv.other", 0},
		{other, "inv.other", 1}, {other, "inv1", 0}, {other, "part1", 0},
	};
	for (size_t i = 0; i < sizeof reach / sizeof reach[0]; i++)
		if (lists(reach[i].by, reach[i].username) != reach[i].listed)
			fail_msg("%s %s", reach[i].username, reach[i].listed ? "is not listed" : "is listed");
	/* Another force's account does not exist for them, whatever they try. */
	char path[160];
	snprintf(path, sizeof path, "%s", user_path("inv1", ""));
	client_expect_free(other, "GET", path, NULL, 404);
	resp *r = client_req(other, "PATCH", path, "{\"display_name\":\"Taken\"}",
			     (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 404);
	resp_free(r);
	client_expect_free(other, "POST", user_path("inv1", "/password-reset"), NULL, 404);
	client_expect_free(other, "POST", user_path("part1", "/password-reset"), NULL, 404);
	client_expect_free(adm, "GET", user_path("inv.other", ""), NULL, 404);
	client_expect_free(adm, "POST", user_path("inv.other", "/password-reset"), NULL, 404);
	/* And a hosted partner's account is within reach of its force. */
	client_expect_free(adm, "GET", user_path("part1", ""), NULL, 200);
	reset_token(adm, "part1");
	client_free(other);
}

static void test_a_partner_administrator_reaches_only_their_organisation(void **state)
{
	(void)state;
	client *p = client_signed_in(&srv, "padmin");
	assert_true(lists(p, "part1"));
	assert_false(lists(p, "inv1"));
	assert_false(lists(p, "admin1"));
	client_expect_free(p, "GET", user_path("inv1", ""), NULL, 404);
	client_expect_free(p, "POST", user_path("admin1", "/password-reset"), NULL, 404);
	reset_token(p, "part1");
	/* Accounts only in their own organisation, of the roles a partner takes. */
	resp *r = client_expect(p, "POST", "/api/v1/users",
			 "{\"username\":\"hope.worker\",\"display_name\":\"Hope Worker\","
			 "\"role\":\"partner\",\"org\":\"Hope Support Services\"}",
			 201);
	resp_free(r);
	resp_expect_error_for(client_req(p, "POST", "/api/v1/users",
		   "{\"username\":\"hope.dc\",\"display_name\":\"X\","
		   "\"role\":\"investigator\",\"org\":\"Hope Support Services\"}", NULL), "role");
	resp_expect_error_for(client_req(p, "POST", "/api/v1/users",
		   "{\"username\":\"hope.in\",\"display_name\":\"X\","
		   "\"role\":\"admin\",\"org\":\"Test Constabulary\"}", NULL), "org");
	/* A partner's administrator makes no new organisations. */
	resp_expect_error_for(client_req(p, "POST", "/api/v1/users",
		   "{\"username\":\"hope.new\",\"display_name\":\"X\","
		   "\"role\":\"partner\",\"org\":\"Hope Two\"}", NULL), "org");
	/* Their own organisation's settings, not the force's. */
	client_expect_free(p, "GET", "/api/v1/settings/security", NULL, 200);
	client_get_expect(p, 404, "/api/v1/settings/security?org=%s", org_id_of("Test Constabulary"));
	client_free(p);
}

static void test_only_administrators_reset_passwords_and_second_factors(void **state)
{
	(void)state;
	const char *others[] = {"sup1", "inv1", "aud1", "opcc1", "part1"};
	char reset[160], sf[160], approval[192];
	snprintf(reset, sizeof reset, "%s", user_path("inv2", "/password-reset"));
	snprintf(sf, sizeof sf, "%s", user_path("inv2", "/second-factor-reset"));
	snprintf(approval, sizeof approval, "%s/approval", sf);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		client *c = client_signed_in(&srv, others[i]);
		client_expect_free(c, "POST", reset, NULL, 403);
		client_expect_free(c, "POST", sf, NULL, 403);
		client_expect_free(c, "POST", approval, NULL, 403);
		client_free(c);
	}
	/* Nobody signed in gets nothing either; and the old route is gone. */
	client *anon = client_new(&srv);
	client_expect_free(anon, "POST", reset, NULL, 401);
	client_free(anon);
	char old[160];
	snprintf(old, sizeof old, "%s", user_path("inv2", "/password"));
	client_expect_free(adm, "PUT", old, "{\"password\":\"temporary-passphrase-1\"}", 404);
}

static void test_new_accounts_fit_their_organisation(void **state)
{
	(void)state;
	static const struct {
		const char *role, *org, *field;
	} refused[] = {
		{"partner", "Test Constabulary", "role"},
		{"opcc", "Test Constabulary", "role"},
		{"investigator", "Hope Support Services", "role"},
		{"supervisor", TEST_OPCC, "role"},
		{"investigator", "Other Constabulary", "org"},
		{"admin", "Brand New Constabulary", "org"},
		{"investigator", "Brand New Constabulary", "org"},
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		char body[512];
		snprintf(body, sizeof body,
			 "{\"username\":\"fit%zu\",\"display_name\":\"X\","
			 "\"role\":\"%s\",\"org\":\"%s\"}",
			 i, refused[i].role, refused[i].org);
		resp *r = client_expect(adm, "POST", "/api/v1/users", body, 422);
		if (!resp_has_error_for(r, refused[i].field))
			fail_msg("%s in %s: no error for %s: %s", refused[i].role, refused[i].org, refused[i].field,
				 r->body);
		resp_free(r);
	}
	/* A new partner named by the force's administrator is made, hosted by the force. */
	resp *r = client_expect(adm, "POST", "/api/v1/users",
			 "{\"username\":\"safe.haven\",\"display_name\":\"S Haven\","
			 "\"role\":\"partner\",\"org\":\"Safe Haven Trust\",\"team\":\"Outreach\"}",
			 201);
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "org"), "name")),
			    "Safe Haven Trust");
	resp_free(r);
	/* It is a support provider until an administrator says otherwise. */
	json_t *orgs = client_get_json(adm, "/api/v1/organisations?kind=support_provider", 200);
	assert_non_null(json_find(json_object_get(orgs, "items"), "name", "Safe Haven Trust"));
	json_decref(orgs);
	assert_true(lists(adm, "safe.haven"));
	client *other = client_signed_in(&srv, "admin.other");
	client_expect_free(other, "GET", user_path("safe.haven", ""), NULL, 404);
	client_free(other);
	/* Administrators and auditors belong anywhere. */
	r = client_expect(adm, "POST", "/api/v1/users",
		   "{\"username\":\"haven.admin\",\"display_name\":\"H Admin\","
		   "\"role\":\"admin\",\"org\":\"Safe Haven Trust\"}",
		   201);
	resp_free(r);
	/* A role change must fit as well. */
	resp_expect_error_for(client_req(adm, "PATCH", user_path("safe.haven", ""), "{\"role\":\"investigator\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL}), "role");
}

static int org_listed(resp *r, const char *name)
{
	return json_find(json_object_get(r->json, "items"), "name", name) != NULL;
}

static void test_users_see_only_the_organisations_near_theirs(void **state)
{
	(void)state;
	client *inv = client_signed_in(&srv, "inv1");
	resp *r = client_expect(inv, "GET", "/api/v1/organisations", NULL, 200);
	assert_true(org_listed(r, "Test Constabulary"));
	assert_true(org_listed(r, "Hope Support Services"));
	assert_true(org_listed(r, TEST_OPCC));
	assert_false(org_listed(r, "Other Constabulary"));
	resp_free(r);
	client *other = client_signed_in(&srv, "admin.other");
	r = client_expect(other, "GET", "/api/v1/organisations?kind=partner", NULL, 200);
	assert_false(org_listed(r, "Hope Support Services"));
	resp_free(r);
	client *part = client_signed_in(&srv, "part1");
	r = client_expect(part, "GET", "/api/v1/organisations", NULL, 200);
	assert_true(org_listed(r, "Hope Support Services"));
	assert_true(org_listed(r, "Test Constabulary")); /* the force hosting it */
	assert_false(org_listed(r, TEST_OPCC));
	assert_false(org_listed(r, "Other Constabulary"));
	resp_free(r);
	client_free(inv);
	client_free(other);
	client_free(part);
}

/* The kind GET /api/v1/organisations gives c for the organisation named
 * (static buffer; "" when it is not listed). */
static const char *kind_listed(client *c, const char *name)
{
	static char kind[32];
	json_t *list = client_get_json(c, "/api/v1/organisations", 200);
	json_t *o = json_find(json_object_get(list, "items"), "name", name);
	snprintf(kind, sizeof kind, "%s", o ? json_string_value(json_object_get(o, "kind")) : "");
	json_decref(list);
	return kind;
}

static void test_organisations_are_listed_by_kind(void **state)
{
	(void)state;
	client *inv = client_signed_in(&srv, "inv1");
	/* Each as the API names its kind: a partner by its partner kind. */
	assert_string_equal(kind_listed(inv, "Test Constabulary"), "force");
	assert_string_equal(kind_listed(inv, TEST_OPCC), "opcc");
	assert_string_equal(kind_listed(inv, "Hope Support Services"), "support_provider");
	static const struct {
		const char *kind;
		int hope, force;
	} by[] = {{"partner", 1, 0}, {"support_provider", 1, 0}, {"local_authority", 0, 0}, {"guardian", 0, 0},
		  {"health", 0, 0},  {"other", 0, 0},		 {"force", 0, 1},	    {"opcc", 0, 0}};
	for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
		char path[96];
		snprintf(path, sizeof path, "/api/v1/organisations?kind=%s", by[i].kind);
		resp *r = client_expect(inv, "GET", path, NULL, 200);
		if (org_listed(r, "Hope Support Services") != by[i].hope ||
		    org_listed(r, "Test Constabulary") != by[i].force)
			fail_msg("?kind=%s: %s", by[i].kind, r->body);
		size_t j;
		json_t *o;
		json_array_foreach(json_object_get(r->json, "items"), j, o)
		{
			const char *k = json_string_value(json_object_get(o, "kind"));
			if (strcmp(by[i].kind, "partner") == 0 ? !strcmp(k, "force") || !strcmp(k, "opcc")
							       : strcmp(k, by[i].kind) != 0)
				fail_msg("?kind=%s lists %s", by[i].kind, k);
		}
		resp_free(r);
	}
	const char *bad[] = {"charity", "Partner", "", "force,opcc"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char path[96];
		snprintf(path, sizeof path, "/api/v1/organisations?kind=%s", bad[i]);
		resp *r = client_expect(inv, "GET", path, NULL, 422);
		assert_string_equal(resp_error_field(r), "kind");
		resp_free(r);
	}
	client_free(inv);
}

static void test_the_command_line_gives_a_new_organisation_its_kind(void **state)
{
	(void)state;
	char out[512];
	const char *council[] = {"user", "add", "--username", "la.worker", "--role", "partner", "--org",
				 "Westshire Adult Social Care", "--org-kind", "local_authority", "--host", "Test Constabulary", NULL};
	assert_int_equal(run_waymark(&srv, TEST_PASSWORD "\n", out, sizeof out, council), 0);
	assert_string_equal(kind_listed(adm, "Westshire Adult Social Care"), "local_authority");
	/* Its first account may be its administrator's. */
	const char *guardian[] = {"user", "add", "--username", "icta.admin", "--role", "admin", "--org",
				  "Guardians West", "--org-kind", "guardian", "--host", "Test Constabulary", NULL};
	assert_int_equal(run_waymark(&srv, TEST_PASSWORD "\n", out, sizeof out, guardian), 0);
	assert_string_equal(kind_listed(adm, "Guardians West"), "guardian");
	/* Without it, a new partner is a support provider. */
	const char *plain[] = {"user", "add", "--username", "sp.worker", "--role", "partner", "--org",
			       "Westshire Refuge", "--host", "Test Constabulary", NULL};
	assert_int_equal(run_waymark(&srv, TEST_PASSWORD "\n", out, sizeof out, plain), 0);
	assert_string_equal(kind_listed(adm, "Westshire Refuge"), "support_provider");
	/* Refused, saying why, with nothing made: no such kind; a kind the role
	 * does not fit; an organisation that is of another kind already;
	 * --org-kind beside another subcommand. */
	static const struct {
		const char *const args[14];
		const char *said, *org;
	} refused[] = {
		{{"user", "add", "--username", "x.charity", "--role", "partner", "--org", "Charity X", "--org-kind",
		  "charity", NULL},
		 "--org-kind must be one of", "Charity X"},
		{{"user", "add", "--username", "x.partner", "--role", "partner", "--org", "Charity Y", "--org-kind",
		  "partner", NULL},
		 "--org-kind must be one of", "Charity Y"},
		{{"user", "add", "--username", "x.dc", "--role", "investigator", "--org", "Clinic Z", "--org-kind",
		  "health", "--host", "Test Constabulary", NULL},
		 "does not fit", "Clinic Z"},
		{{"user", "add", "--username", "x.more", "--role", "partner", "--org", "Westshire Refuge",
		  "--org-kind", "health", NULL},
		 "exists already, a support_provider", NULL},
		{{"user", "disable", "--username", "sp.worker", "--org-kind", "health", NULL}, "go with add", NULL},
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		out[0] = '\0';
		assert_int_equal(run_waymark_errors(&srv, TEST_PASSWORD "\n", out, sizeof out, refused[i].args), 2);
		if (!strstr(out, refused[i].said))
			fail_msg("%s %s: said %s", refused[i].args[1], refused[i].args[3], out);
		if (refused[i].org)
			assert_int_equal(server_db_int(&srv, "SELECT COUNT(*) FROM orgs WHERE name = $1", refused[i].org),
					 0);
	}
	assert_string_equal(kind_listed(adm, "Westshire Refuge"), "support_provider");
	assert_int_equal(server_db_int(&srv, "SELECT COUNT(*) FROM users WHERE username LIKE $1", "x.%"), 0);
	const char *help[] = {"user", "--help", NULL};
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, help), 0);
	assert_non_null(strstr(out, "[--org-kind KIND]"));
}

static int area_has(resp *r, const char *name)
{
	return json_find(json_object_get(r->json, "area"), "name", name) != NULL;
}

static void test_an_administrator_puts_their_force_in_or_out_of_an_area(void **state)
{
	(void)state;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/organisations/%s/area", org_id_of(TEST_OPCC));
	resp *r = client_expect(adm, "PUT", path, "{\"my_force\":false}", 200);
	assert_false(area_has(r, "Test Constabulary"));
	resp_free(r);
	r = client_expect(adm, "PUT", path, "{\"my_force\":true}", 200);
	assert_true(area_has(r, "Test Constabulary"));
	assert_int_equal(json_array_size(json_object_get(r->json, "area")), 1);
	resp_free(r);
	client_expect_free(adm, "PUT", path, "{\"my_force\":\"yes\"}", 422);
	assert_int_equal(audit_count(&srv, "org_area_changed", org_id_of(TEST_OPCC)), 2);
	/* Only a Commissioner's office has an area; another force's administrator does not reach it. */
	char hope[160];
	snprintf(hope, sizeof hope, "/api/v1/organisations/%s/area", org_id_of("Hope Support Services"));
	client_expect_free(adm, "PUT", hope, "{\"my_force\":true}", 409);
	client *other = client_signed_in(&srv, "admin.other");
	client_expect_free(other, "PUT", path, "{\"my_force\":true}", 404);
	client_free(other);
	client *p = client_signed_in(&srv, "padmin");
	client_expect_free(p, "PUT", path, "{\"my_force\":true}", 404);
	client_free(p);
	client *sup = client_signed_in(&srv, "sup1");
	client_expect_free(sup, "PUT", path, "{\"my_force\":true}", 403);
	client_free(sup);
	client_expect_free(adm, "PUT", "/api/v1/organisations/nope/area", "{\"my_force\":true}", 404);
}

static void test_every_account_change_is_audited(void **state)
{
	(void)state;
	create("dc.audited", "investigator");
	client *aud = client_signed_in(&srv, "aud1");
	resp *r = client_req(aud, "GET", "/api/v1/audit?action=user_created", NULL, NULL);
	assert_int_equal(r->status, 200);
	int seen = 0;
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r->json, "items"), i, e)
	{
		json_t *d = json_object_get(e, "detail");
		if (strcmp(json_string_value(json_object_get(d, "username")), "dc.audited") == 0) {
			seen = 1;
			assert_string_equal(json_string_value(json_object_get(e, "actor")), "admin1");
		}
	}
	assert_true(seen);
	resp_free(r);
	assert_true(client_count(aud, "/api/v1/audit?action=user_changed", "items") >= 1);
	assert_true(client_count(aud, "/api/v1/audit?action=password_reset_issued", "items") >= 1);
	client_free(aud);
}

int main(void)
{
	secure_init();
	oath_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_admins_manage_accounts),
		cmocka_unit_test(test_admin_creates_an_account_that_can_sign_in),
		cmocka_unit_test(test_creating_checks_every_field),
		cmocka_unit_test(test_a_password_easy_to_guess_is_422_with_the_reason),
		cmocka_unit_test(test_the_command_line_refuses_passwords_easy_to_guess),
		cmocka_unit_test(test_a_taken_username_is_409),
		cmocka_unit_test(test_unknown_user_is_404),
		cmocka_unit_test(test_changes_need_if_match_and_a_stale_version_is_412),
		cmocka_unit_test(test_role_change_and_disabling_end_the_users_sessions),
		cmocka_unit_test(test_an_admin_cannot_disable_themselves),
		cmocka_unit_test(test_a_reset_link_works_once_and_ends_every_session),
		cmocka_unit_test(test_a_spent_or_unknown_link_gets_one_answer),
		cmocka_unit_test(test_a_link_expires_after_24_hours),
		cmocka_unit_test(test_a_link_asks_for_the_holders_second_factor),
		cmocka_unit_test(test_clearing_a_second_factor_takes_a_second_administrator),
		cmocka_unit_test(test_the_holder_is_told_once_at_their_next_sign_in),
		cmocka_unit_test(test_administrators_reach_only_their_own_and_hosted_accounts),
		cmocka_unit_test(test_a_partner_administrator_reaches_only_their_organisation),
		cmocka_unit_test(test_only_administrators_reset_passwords_and_second_factors),
		cmocka_unit_test(test_new_accounts_fit_their_organisation),
		cmocka_unit_test(test_users_see_only_the_organisations_near_theirs),
		cmocka_unit_test(test_organisations_are_listed_by_kind),
		cmocka_unit_test(test_the_command_line_gives_a_new_organisation_its_kind),
		cmocka_unit_test(test_an_administrator_puts_their_force_in_or_out_of_an_area),
		cmocka_unit_test(test_every_account_change_is_audited),
	};
	return suite_run(&fixture, tests);
}
