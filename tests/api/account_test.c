/* One's own account beyond signing in: signing out everywhere, and the QR
 * code of a second factor being set up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/fixtures.h"
#include "domain/totp.h"
#include "lib/qr.h"

static server srv;
static client *aud;

static const suite_login logins[] = {{&aud, "aud1"}, {NULL, NULL}};
static const suite fixture = {.srv = &srv, .logins = logins};

static void test_signing_out_everywhere_ends_every_session_of_the_account(void **state)
{
	(void)state;
	client *here = client_signed_in(&srv, "inv2");
	client *there = client_signed_in(&srv, "inv2");
	client *other = client_signed_in(&srv, "sup1");
	/* An unsafe method without the CSRF token is refused and ends nothing. */
	char csrf[sizeof here->csrf];
	memcpy(csrf, here->csrf, sizeof csrf);
	here->csrf[0] = '\0';
	assert_int_equal(client_status(here, "DELETE", "/api/v1/me/sessions", NULL), 403);
	memcpy(here->csrf, csrf, sizeof csrf);
	assert_int_equal(client_status(there, "GET", "/api/v1/me", NULL), 200);

	resp *r = client_expect(here, "DELETE", "/api/v1/me/sessions", NULL, 204);
	const char *cookie = resp_header(r, "Set-Cookie");
	assert_non_null(cookie);
	assert_non_null(strstr(cookie, "Max-Age=0"));
	resp_free(r);
	assert_int_equal(client_status(here, "GET", "/api/v1/me", NULL), 401);
	assert_int_equal(client_status(there, "GET", "/api/v1/me", NULL), 401);
	/* Nobody else's session ends. */
	assert_int_equal(client_status(other, "GET", "/api/v1/me", NULL), 200);
	/* Signed out, there is nothing left to end. */
	assert_int_equal(client_status(there, "DELETE", "/api/v1/me/sessions", NULL), 401);
	assert_int_equal(client_count(aud, "/api/v1/audit?action=signed_out_everywhere", "items"),
	                 1);
	assert_int_equal(client_login(here, "inv2", TEST_PASSWORD), 201);
	client_free(here);
	client_free(there);
	client_free(other);
}

/* The enrolling account's QR code: its status, and the answer when 200. */
static resp *qr_code(client *c, long want)
{
	return client_expect(c, "GET", "/api/v1/me/totp/qr-code", NULL, want);
}

static void test_the_qr_code_draws_the_enrolling_accounts_own_uri_and_is_never_stored(void **state)
{
	(void)state;
	client *c = client_signed_in(&srv, "opcc1");
	client *someone = client_signed_in(&srv, "part1");
	/* Nothing to draw before enrolment starts. */
	resp_free(qr_code(c, 409));
	resp *r = client_expect(c, "POST", "/api/v1/me/totp", NULL, 201);
	char secret[64], uri[512];
	snprintf(secret, sizeof secret, "%s",
	         json_string_value(json_object_get(r->json, "secret")));
	snprintf(uri, sizeof uri, "%s", json_string_value(json_object_get(r->json, "otpauth_uri")));
	resp_free(r);

	r = qr_code(c, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "image/svg+xml");
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	/* Exactly the code of the URI enrolment gave, drawn by libqrencode. */
	buf want;
	buf_init(&want);
	assert_true(qr_svg(&want, uri, "QR code of the key for your authenticator app") > 0);
	assert_int_equal(r->len, want.len);
	assert_memory_equal(r->body, want.data, want.len);
	buf_free(&want);
	/* The picture holds the secret only as modules, never as text. */
	assert_null(strstr(r->body, secret));
	resp_free(r);
	/* Another account's enrolment is its own: it has none to draw. */
	resp_free(qr_code(someone, 409));

	char body[64], code[7];
	assert_int_equal(totp_code(secret, time(NULL), code), 0);
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
	client_expect_free(c, "POST", "/api/v1/me/totp/confirm", body, 200);
	/* Once set up, the key is no longer shown. */
	resp_free(qr_code(c, 409));
	client_free(c);
	client_free(someone);
}

static void test_signed_out_there_is_no_qr_code(void **state)
{
	(void)state;
	resp_free(anonymous_expect(&srv, "GET", "/api/v1/me/totp/qr-code", NULL, 401));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_signing_out_everywhere_ends_every_session_of_the_account),
	    cmocka_unit_test(
	        test_the_qr_code_draws_the_enrolling_accounts_own_uri_and_is_never_stored),
	    cmocka_unit_test(test_signed_out_there_is_no_qr_code),
	};
	return suite_run(&fixture, tests);
}
