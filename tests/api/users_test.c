/* Account administration: only admins, strict validation, versioned changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/client.h"

static server srv;
static client *adm;

static int setup(void **state)
{
	(void)state;
	if (server_start(&srv, NULL) != 0)
		return -1;
	adm = client_new(&srv);
	return client_login(adm, "admin1", TEST_PASSWORD) == 201 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_free(adm);
	return server_stop(&srv);
}

/* Creates a user and returns its id (static buffer). */
static const char *create(const char *username, const char *role)
{
	static char id[64];
	char body[512];
	snprintf(body, sizeof body,
		 "{\"username\":\"%s\",\"display_name\":\"DC %s\",\"password\":\"" TEST_PASSWORD
		 "\",\"role\":\"%s\",\"org\":\"Test Constabulary\",\"team\":\"EMT\"}",
		 username, username, role);
	resp *r = client_req(adm, "POST", "/api/v1/users", body, NULL);
	assert_int_equal(r->status, 201);
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	resp_free(r);
	return id;
}

static void test_only_admins_manage_accounts(void **state)
{
	(void)state;
	const char *others[] = {"sup1", "inv1", "aud1", "opcc1"};
	for (size_t i = 0; i < 4; i++) {
		client *c = client_new(&srv);
		assert_int_equal(client_login(c, others[i], TEST_PASSWORD), 201);
		resp *r = client_req(c, "GET", "/api/v1/users", NULL, NULL);
		assert_int_equal(r->status, 403);
		resp_free(r);
		r = client_req(c, "POST", "/api/v1/users", "{}", NULL);
		assert_int_equal(r->status, 403);
		resp_free(r);
		r = client_req(c, "GET", "/api/v1/settings/security", NULL, NULL);
		assert_int_equal(r->status, 403);
		resp_free(r);
		client_free(c);
	}
	client *anon = client_new(&srv);
	resp *r = client_req(anon, "GET", "/api/v1/users", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	client_free(anon);
}

static void test_admin_creates_an_account_that_can_sign_in(void **state)
{
	(void)state;
	create("dc.new", "investigator");
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "dc.new", TEST_PASSWORD), 201);
	resp *r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "user"), "role")),
			    "investigator");
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
		int seen = 0;
		size_t k;
		json_t *e;
		json_array_foreach(json_object_get(r->json, "errors"), k, e)
		{
			seen |= strcmp(json_string_value(json_object_get(e, "field")), fields[i]) == 0;
		}
		if (!seen)
			fail_msg("no error for %s in %s", fields[i], r->body);
	}
	resp_free(r);
}

/* The message of the 422's error for the field, or NULL. */
static const char *field_error(resp *r, const char *field)
{
	size_t k;
	json_t *e;
	json_array_foreach(json_object_get(r->json, "errors"), k, e)
	{
		if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0)
			return json_string_value(json_object_get(e, "message"));
	}
	return NULL;
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
	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		char body[512];
		snprintf(body, sizeof body,
			 "{\"username\":\"dc.weakling\",\"display_name\":\"DC Weakling\","
			 "\"password\":\"%s\",\"role\":\"investigator\",\"org\":\"Test "
			 "Constabulary\"}",
			 weak[i].password);
		resp *r = client_req(adm, "POST", "/api/v1/users", body, NULL);
		assert_int_equal(r->status, 422);
		const char *m = field_error(r, "password");
		if (!m || !strstr(m, "is too easy to guess: ") || !strstr(m, weak[i].reason))
			fail_msg("%s: %s", weak[i].password, r->body);
		resp_free(r);
	}
	/* Nothing was created. */
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "dc.weakling", "Password1234!"), 401);
	client_free(c);
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
	const char *reset[] = {"user", "reset-password", "--username", "dc.cli", NULL};
	assert_int_equal(run_waymark(&srv, "Liverpool1892\n", out, sizeof out, reset), 2);
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "dc.cli", TEST_PASSWORD), 201);
	client_free(c);
}

static void test_a_taken_username_is_409(void **state)
{
	(void)state;
	resp *r = client_req(adm, "POST", "/api/v1/users",
			     "{\"username\":\"inv1\",\"display_name\":\"X\",\"password\":\"" TEST_PASSWORD
			     "\",\"role\":\"analyst\",\"org\":\"Test Constabulary\"}",
			     NULL);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "username"));
	resp_free(r);
}

static void test_unknown_user_is_404(void **state)
{
	(void)state;
	resp *r = client_req(adm, "GET", "/api/v1/users/01a21fd1-0000-7000-8000-000000000000", NULL,
			     NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
	r = client_req(adm, "PATCH", "/api/v1/users/nope", "{}", NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
}

static void test_changes_need_if_match_and_a_stale_version_is_412(void **state)
{
	(void)state;
	const char *id = create("dc.versioned", "investigator");
	char path[128];
	snprintf(path, sizeof path, "/api/v1/users/%s", id);
	resp *r = client_req(adm, "PATCH", path, "{\"display_name\":\"DC V\"}", NULL);
	assert_int_equal(r->status, 428);
	resp_free(r);
	const char *bad[] = {"If-Match: banana", NULL};
	r = client_req(adm, "PATCH", path, "{\"display_name\":\"DC V\"}", bad);
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
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "dc.moving", TEST_PASSWORD), 201);
	resp *r = client_req(adm, "PATCH", path, "{\"role\":\"analyst\",\"team\":\"Intel\"}",
			     (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "role")), "analyst");
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "team"),
							      "name")),
			    "Intel");
	resp_free(r);
	r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	assert_int_equal(client_login(c, "dc.moving", TEST_PASSWORD), 201);
	r = client_req(adm, "PATCH", path, "{\"disabled\":true}",
		       (const char *const[]){"If-Match: \"2\"", NULL});
	assert_int_equal(r->status, 200);
	assert_true(json_is_true(json_object_get(r->json, "disabled")));
	resp_free(r);
	r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
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

static void test_password_reset_replaces_the_password_and_ends_sessions(void **state)
{
	(void)state;
	const char *id = create("dc.forgetful", "investigator");
	char path[160];
	snprintf(path, sizeof path, "/api/v1/users/%s/password", id);
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "dc.forgetful", TEST_PASSWORD), 201);
	resp *r = client_req(adm, "PUT", path, "{\"password\":\"short\"}", NULL);
	assert_int_equal(r->status, 422);
	resp_free(r);
	r = client_req(adm, "PUT", path, "{\"password\":\"dc.forgetful\"}", NULL);
	assert_int_equal(r->status, 422);
	resp_free(r);
	r = client_req(adm, "PUT", path, "{\"password\":\"temporary-passphrase-1\"}", NULL);
	assert_int_equal(r->status, 204);
	resp_free(r);
	r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	assert_int_equal(client_login(c, "dc.forgetful", TEST_PASSWORD), 401);
	assert_int_equal(client_login(c, "dc.forgetful", "temporary-passphrase-1"), 201);
	client_free(c);
}

static void test_every_account_change_is_audited(void **state)
{
	(void)state;
	create("dc.audited", "investigator");
	client *aud = client_new(&srv);
	assert_int_equal(client_login(aud, "aud1", TEST_PASSWORD), 201);
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
	r = client_req(aud, "GET", "/api/v1/audit?action=user_changed", NULL, NULL);
	assert_true(json_array_size(json_object_get(r->json, "items")) >= 1);
	resp_free(r);
	r = client_req(aud, "GET", "/api/v1/audit?action=password_reset", NULL, NULL);
	assert_true(json_array_size(json_object_get(r->json, "items")) >= 1);
	resp_free(r);
	client_free(aud);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
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
		cmocka_unit_test(test_password_reset_replaces_the_password_and_ends_sessions),
		cmocka_unit_test(test_every_account_change_is_audited),
	};
	int rc = cmocka_run_group_tests_name(test_engine_name(), tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
