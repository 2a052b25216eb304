/* The client behind a trusted proxy: X-Forwarded-For is believed only from
 * the proxies named with --trusted-proxy, and then its last entry is the
 * address that sign-in limits, the audit and the request log use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/fixtures.h"

/* The suite's server trusts the peer every client here has, 127.0.0.1
 * (given in a comma list, beside an IPv6 proxy). */
static server srv;
static const char *const trusting[] = {"--trusted-proxy", "::1,127.0.0.1", NULL};
static const suite fixture = {.srv = &srv, .serve_args = trusting};

/* The header line saying X-Forwarded-For: value (libcurl drops a header
 * line with nothing after its colon, and sends "Name;" as "Name:"). */
static void forwarded_header(char *out, size_t n, const char *value)
{
	if (*value)
		snprintf(out, n, "X-Forwarded-For: %s", value);
	else
		snprintf(out, n, "X-Forwarded-For;");
}

/* Tries to sign in as username, saying X-Forwarded-For: xff (unless NULL). */
static resp *sign_in_as(client *c, const char *username, const char *password, const char *xff)
{
	char body[256], header[512];
	snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
		 password);
	forwarded_header(header, sizeof header, xff ? xff : "");
	const char *headers[] = {header, NULL};
	return client_req(c, "POST", "/api/v1/session", body, xff ? headers : NULL);
}

/* The address of the newest audit entry of the action whose actor is
 * username, as the auditor sees it; "" when there is none. */
static void audited_address(server *s, const char *action, const char *username, char *out,
			    size_t n)
{
	client *aud = client_signed_in(s, "aud1");
	char path[128];
	snprintf(path, sizeof path, "/api/v1/audit?action=%s", action);
	json_t *page = client_get_json(aud, path, 200);
	json_t *e = json_find(json_object_get(page, "items"), "actor", username);
	const char *a = e ? json_string_value(json_object_get(e, "address")) : NULL;
	snprintf(out, n, "%s", a ? a : "");
	json_decref(page);
	client_free(aud);
}

/* Whether a line of s's request log has all of the fragments (NULL-ended).
 * A line is written as its response is done, so it looks a few times. */
static int logged(server *s, const char *const *fragments)
{
	for (int attempt = 0; attempt < 50; attempt++) {
		if (attempt)
			usleep(20000);
		FILE *f = fopen(s->log_path, "r");
		assert_non_null(f);
		char line[4096];
		int seen = 0;
		while (!seen && fgets(line, sizeof line, f)) {
			seen = 1;
			for (size_t i = 0; fragments[i]; i++)
				seen = seen && strstr(line, fragments[i]) != NULL;
		}
		fclose(f);
		if (seen)
			return 1;
	}
	return 0;
}

static void test_a_sign_in_through_the_proxy_is_audited_and_logged_at_the_client_address(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	/* Whatever the client put before it, the proxy's entry is the last. */
	resp *r = sign_in_as(c, "inv1", TEST_PASSWORD, "203.0.113.50, 198.51.100.7");
	assert_int_equal(r->status, 201);
	resp_free(r);
	char addr[64];
	audited_address(&srv, "login", "inv1", addr, sizeof addr);
	assert_string_equal(addr, "198.51.100.7");
	const char *line[] = {"\"route\":\"/api/v1/session\"", "\"status\":201",
			      "\"address\":\"198.51.100.7\"", NULL};
	assert_true(logged(&srv, line));
	/* A failure too, and an IPv6 client, written as the server writes it. */
	r = sign_in_as(c, "inv1", "wrong-password-guess", "2001:DB8:0:0::17");
	assert_int_equal(r->status, 401);
	resp_free(r);
	audited_address(&srv, "login_failed", "inv1", addr, sizeof addr);
	assert_string_equal(addr, "2001:db8::17");
	client_free(c);
}

static void test_the_proxy_without_the_header_is_its_own_client(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = sign_in_as(c, "sup1", TEST_PASSWORD, NULL);
	assert_int_equal(r->status, 201);
	resp_free(r);
	char addr[64];
	audited_address(&srv, "login", "sup1", addr, sizeof addr);
	assert_string_equal(addr, "127.0.0.1");
	client_free(c);
}

static void test_failed_sign_ins_delay_the_forwarded_address_not_the_proxy(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	for (int i = 0; i < 3; i++) {
		resp *r = sign_in_as(c, "inv2", "wrong-password-guess", "198.51.100.20");
		assert_int_equal(r->status, 401);
		resp_free(r);
	}
	/* That client's next try waits, right password or not... */
	resp *r = sign_in_as(c, "inv2", TEST_PASSWORD, "198.51.100.20");
	assert_int_equal(r->status, 429);
	assert_non_null(strstr(r->body, "this account from this address"));
	resp_free(r);
	/* ...while another client behind the same proxy signs in at once. */
	client *other = client_new(&srv);
	r = sign_in_as(other, "inv2", TEST_PASSWORD, "198.51.100.21");
	assert_int_equal(r->status, 201);
	resp_free(r);
	client_free(other);
	client_free(c);
}

static void test_a_malformed_header_from_the_proxy_is_400_naming_it(void **state)
{
	(void)state;
	const char *bad[] = {
		"",
		"not-an-address",
		"198.51.100.7, ",
		"198.51.100.7:8080",
		"198.51.100.256",
		"1.2.3.4.5",
		"[2001:db8::1]",
		"unknown",
		"198.51.100.7 198.51.100.8",
		"2001:db8::1::2",
		"198.51.100.7,"
		"0000000000000000000000000000000000000000000000000000000000000000000000",
	};
	client *c = client_new(&srv);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char header[512];
		forwarded_header(header, sizeof header, bad[i]);
		const char *headers[] = {header, NULL};
		const char *paths[] = {"/healthz", "/api/v1/me"};
		for (size_t p = 0; p < 2; p++) {
			resp *r = client_req(c, "GET", paths[p], NULL, headers);
			if (r->status != 400)
				fail_msg("X-Forwarded-For '%s' on %s answered %ld", bad[i], paths[p],
					 r->status);
			assert_non_null(strstr(resp_header(r, "Content-Type"),
					       "application/problem+json"));
			assert_non_null(strstr(json_string_value(json_object_get(r->json, "detail")),
					       "X-Forwarded-For"));
			json_t *e = json_array_get(json_object_get(r->json, "errors"), 0);
			assert_string_equal(json_string_value(json_object_get(e, "field")),
					    "X-Forwarded-For");
			resp_free(r);
		}
		/* A sign-in with it is refused before its password is looked at. */
		resp *r = sign_in_as(c, "inv1", TEST_PASSWORD, bad[i]);
		assert_int_equal(r->status, 400);
		assert_null(resp_header(r, "Set-Cookie"));
		resp_free(r);
	}
	/* And the server is still there. */
	assert_int_equal(client_status(c, "GET", "/healthz", NULL), 200);
	client_free(c);
}

static void test_the_header_from_a_peer_that_is_not_the_proxy_is_ignored(void **state)
{
	(void)state;
	server s;
	/* The proxies are 127.0.0.4 and 127.0.0.2, given one by one. */
	const char *args[] = {"--trusted-proxy", "127.0.0.4", "--trusted-proxy", "127.0.0.2", NULL};
	assert_int_equal(server_start(&s, args), 0);
	client *c = client_new_from(&s, "127.0.0.1");
	resp *r = sign_in_as(c, "inv1", TEST_PASSWORD, "198.51.100.7");
	assert_int_equal(r->status, 201);
	resp_free(r);
	char addr[64];
	audited_address(&s, "login", "inv1", addr, sizeof addr);
	assert_string_equal(addr, "127.0.0.1");
	/* Not even read: a malformed one changes nothing. */
	const char *junk[] = {"X-Forwarded-For: not-an-address", NULL};
	r = client_req(c, "GET", "/healthz", NULL, junk);
	assert_int_equal(r->status, 200);
	resp_free(r);
	/* Failures count against the peer, whatever address each claims. */
	const char *claimed[] = {"198.51.100.30", "198.51.100.31", "198.51.100.32"};
	for (int i = 0; i < 3; i++) {
		r = sign_in_as(c, "inv2", "wrong-password-guess", claimed[i]);
		assert_int_equal(r->status, 401);
		resp_free(r);
	}
	r = sign_in_as(c, "inv2", TEST_PASSWORD, "198.51.100.33");
	assert_int_equal(r->status, 429);
	resp_free(r);
	/* From the second proxy named, the header is believed. */
	client *proxy = client_new_from(&s, "127.0.0.2");
	r = sign_in_as(proxy, "inv2", TEST_PASSWORD, "198.51.100.34");
	assert_int_equal(r->status, 201);
	resp_free(r);
	audited_address(&s, "login", "inv2", addr, sizeof addr);
	assert_string_equal(addr, "198.51.100.34");
	client_free(proxy);
	client_free(c);
	assert_int_equal(server_stop(&s), 0);
}

static void test_serve_refuses_a_trusted_proxy_that_is_no_address(void **state)
{
	(void)state;
	const char *bad[] = {"proxy.example", "127.0.0.1/8", "", "127.0.0.1,", "127.0.0.1:80"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char err[512];
		const char *args[] = {"serve", "--trusted-proxy", bad[i], NULL};
		assert_int_equal(run_waymark_errors(&srv, NULL, err, sizeof err, args), 2);
		assert_non_null(strstr(err, "--trusted-proxy"));
	}
	char err[512];
	const char *none[] = {"serve", "--trusted-proxy", NULL};
	assert_int_equal(run_waymark_errors(&srv, NULL, err, sizeof err, none), 2);
	/* At most sixteen. */
	const char *many[] = {"serve", "--trusted-proxy",
			      "127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6,"
			      "127.0.0.7,127.0.0.8,127.0.0.9,127.0.0.10,127.0.0.11,127.0.0.12,"
			      "127.0.0.13,127.0.0.14,127.0.0.15,127.0.0.16,127.0.0.17",
			      NULL};
	assert_int_equal(run_waymark_errors(&srv, NULL, err, sizeof err, many), 2);
	assert_non_null(strstr(err, "at most 16"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_a_sign_in_through_the_proxy_is_audited_and_logged_at_the_client_address),
		cmocka_unit_test(test_the_proxy_without_the_header_is_its_own_client),
		cmocka_unit_test(test_failed_sign_ins_delay_the_forwarded_address_not_the_proxy),
		cmocka_unit_test(test_a_malformed_header_from_the_proxy_is_400_naming_it),
		cmocka_unit_test(test_the_header_from_a_peer_that_is_not_the_proxy_is_ignored),
		cmocka_unit_test(test_serve_refuses_a_trusted_proxy_that_is_no_address),
	};
	return suite_run(&fixture, tests);
}
