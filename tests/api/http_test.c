/* The HTTP contract: headers, errors as problem+json, limits, routing,
 * static files, metrics, and a clean stop on SIGTERM. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/client.h"
#include "support/engines.h"

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

static void assert_security_headers(resp *r)
{
	const char *csp = resp_header(r, "Content-Security-Policy");
	assert_non_null(csp);
	assert_non_null(strstr(csp, "default-src 'self'"));
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_null(strstr(csp, "unsafe-inline"));
	assert_string_equal(resp_header(r, "X-Content-Type-Options"), "nosniff");
	assert_string_equal(resp_header(r, "Referrer-Policy"), "no-referrer");
	assert_int_equal(strlen(resp_header(r, "X-Request-Id")), 16);
}

static void test_healthz_answers_ok_with_security_headers(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "GET", "/healthz", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(r->body, "{\"status\":\"ok\"}");
	assert_security_headers(r);
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	resp_free(r);
	client_free(c);
}

static void test_every_error_is_problem_json_with_security_headers(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "GET", "/api/v1/no-such-thing", NULL, NULL);
	assert_int_equal(r->status, 404);
	assert_string_equal(resp_header(r, "Content-Type"), "application/problem+json");
	assert_int_equal(json_integer_value(json_object_get(r->json, "status")), 404);
	assert_non_null(json_object_get(r->json, "title"));
	assert_non_null(json_object_get(r->json, "detail"));
	assert_security_headers(r);
	resp_free(r);
	client_free(c);
}

static void test_wrong_method_is_405_with_allow(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "PATCH", "/api/v1/session", NULL, NULL);
	assert_int_equal(r->status, 405);
	assert_string_equal(resp_header(r, "Allow"), "POST, DELETE");
	resp_free(r);
	client_free(c);
}

static void test_bodies_over_one_mebibyte_are_413(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	size_t n = 1024 * 1024 + 10;
	char *big = malloc(n + 1);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	resp *r = client_req(c, "POST", "/api/v1/session", big, NULL);
	assert_int_equal(r->status, 413);
	resp_free(r);
	free(big);
	/* The server goes on answering. */
	r = client_req(c, "GET", "/healthz", NULL, NULL);
	assert_int_equal(r->status, 200);
	resp_free(r);
	client_free(c);
}

static void test_bodies_must_be_declared_json_415(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	const char *body = "{\"username\":\"a\",\"password\":\"b\"}";
	resp *r = client_raw(c, "POST", "/api/v1/session", body, strlen(body), NULL);
	assert_int_equal(r->status, 415);
	resp_free(r);
	const char *h[] = {"Content-Type: text/plain", NULL};
	r = client_raw(c, "POST", "/api/v1/session", body, strlen(body), h);
	assert_int_equal(r->status, 415);
	resp_free(r);
	client_free(c);
}

static void assert_400(client *c, const char *body, size_t len, const char *detail_part)
{
	const char *h[] = {"Content-Type: application/json", NULL};
	resp *r = client_raw(c, "POST", "/api/v1/session", body, len, h);
	assert_int_equal(r->status, 400);
	assert_string_equal(resp_header(r, "Content-Type"), "application/problem+json");
	if (detail_part)
		assert_non_null(strstr(json_string_value(json_object_get(r->json, "detail")),
				       detail_part));
	resp_free(r);
}

static void test_malformed_json_is_400_saying_why(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_400(c, "{\"username\":", 12, "not valid JSON");
	assert_400(c, "[1,2]", 5, "object");
	assert_400(c, "", 0, "empty");
	const char dup[] = "{\"username\":\"a\",\"username\":\"b\",\"password\":\"c\"}";
	assert_400(c, dup, sizeof dup - 1, "duplicate");
	const char bad_utf8[] = "{\"username\":\"\xff\xfe\",\"password\":\"c\"}";
	assert_400(c, bad_utf8, sizeof bad_utf8 - 1, NULL);
	const char nul[] = "{\"username\":\"a\\u0000b\",\"password\":\"c\"}";
	assert_400(c, nul, sizeof nul - 1, NULL);
	client_free(c);
}

static void test_unknown_fields_and_wrong_types_are_422_field_by_field(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":7,\"admin\":true}", NULL);
	assert_int_equal(r->status, 422);
	json_t *errors = json_object_get(r->json, "errors");
	assert_int_equal(json_array_size(errors), 3);
	int saw_user = 0, saw_admin = 0, saw_pw = 0;
	size_t i;
	json_t *e;
	json_array_foreach(errors, i, e)
	{
		const char *f = json_string_value(json_object_get(e, "field"));
		const char *m = json_string_value(json_object_get(e, "message"));
		assert_non_null(m);
		saw_user |= strcmp(f, "username") == 0 && strstr(m, "string") != NULL;
		saw_admin |= strcmp(f, "admin") == 0 && strstr(m, "not a known field") != NULL;
		saw_pw |= strcmp(f, "password") == 0 && strstr(m, "required") != NULL;
	}
	assert_true(saw_user && saw_admin && saw_pw);
	resp_free(r);
	client_free(c);
}

static void test_static_files_have_their_types_and_stay_inside_the_folder(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "GET", "/", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "text/html; charset=utf-8");
	assert_security_headers(r);
	resp_free(r);
	r = client_req(c, "GET", "/sign-in", NULL, NULL);
	assert_int_equal(r->status, 200);
	resp_free(r);
	r = client_req(c, "GET", "/vendor/govuk-frontend.min.css", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "text/css; charset=utf-8");
	resp_free(r);
	r = client_req(c, "GET", "/js/api.js", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "text/javascript; charset=utf-8");
	resp_free(r);
	const char *escapes[] = {"/../Makefile", "/%2e%2e/Makefile", "/.stamp", "//etc/passwd",
				 "/vendor/../../Makefile"};
	for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
		r = client_req(c, "GET", escapes[i], NULL, NULL);
		assert_int_equal(r->status, 404);
		resp_free(r);
	}
	client_free(c);
}

static void test_metrics_count_requests_by_route_and_status(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "GET", "/healthz", NULL, NULL);
	resp_free(r);
	r = client_req(c, "GET", "/metrics", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/plain"));
	assert_non_null(strstr(
		r->body,
		"waymark_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"));
	assert_non_null(strstr(r->body, "waymark_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
	assert_non_null(strstr(r->body, "waymark_sessions_open "));
	assert_non_null(strstr(r->body, "waymark_db_errors_total "));
	resp_free(r);
	client_free(c);
}

static void test_openapi_document_is_served(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "GET", "/api/v1/openapi.json", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_non_null(r->json);
	assert_string_equal(json_string_value(json_object_get(r->json, "openapi")), "3.1.0");
	resp_free(r);
	client_free(c);
}

static void test_request_log_names_route_status_and_never_a_password(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "inv1", TEST_PASSWORD), 201);
	client_free(c);
	/* The line is written when the response is done, which may be just after
	 * the client has it: look a few times. */
	int seen = 0;
	for (int attempt = 0; attempt < 50 && !seen; attempt++) {
		if (attempt)
			usleep(20000);
		FILE *f = fopen(srv.log_path, "r");
		assert_non_null(f);
		char line[4096];
		while (fgets(line, sizeof line, f)) {
			assert_null(strstr(line, TEST_PASSWORD));
			assert_null(strstr(line, "wm_session"));
			if (strstr(line, "\"route\":\"/api/v1/session\"") &&
			    strstr(line, "\"status\":201") && strstr(line, "\"method\":\"POST\"") &&
			    strstr(line, "\"us\":") && strstr(line, "\"user\":\""))
				seen = 1;
		}
		fclose(f);
	}
	assert_true(seen);
}

struct slow {
	server *s;
	long status;
};

static void *slow_login(void *arg)
{
	struct slow *sl = arg;
	client *c = client_new(sl->s);
	sl->status = client_login(c, "inv1", TEST_PASSWORD);
	client_free(c);
	return NULL;
}

static void test_sigterm_finishes_requests_in_flight_and_exits_zero(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	/* Several sign-ins (each an argon2id hash) are in flight when SIGTERM comes. */
	pthread_t t[4];
	struct slow sl[4];
	for (int i = 0; i < 4; i++) {
		sl[i].s = &s;
		sl[i].status = 0;
		pthread_create(&t[i], NULL, slow_login, &sl[i]);
	}
	struct timespec ts = {0, 30 * 1000 * 1000};
	nanosleep(&ts, NULL);
	assert_int_equal(server_stop(&s), 0);
	int finished = 0;
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		if (sl[i].status != 201 && sl[i].status != -1)
			fprintf(stderr, "in-flight sign-in answered %ld\n", sl[i].status);
		/* Each either finished (201) or was never accepted (connection refused). */
		assert_true(sl[i].status == 201 || sl[i].status == -1);
		finished += sl[i].status == 201;
	}
	assert_true(finished >= 1);
}

static void test_over_tls_the_cookie_is_secure_and_hsts_is_sent(void **state)
{
	(void)state;
	char cert[400], key[400], cmd[1200];
	snprintf(cert, sizeof cert, "%s/cert.pem", test_tmpdir());
	snprintf(key, sizeof key, "%s/key.pem", test_tmpdir());
	snprintf(cmd, sizeof cmd,
		 "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
		 "-keyout %s -out %s >/dev/null 2>&1",
		 key, cert);
	assert_int_equal(system(cmd), 0);
	server s;
	const char *args[] = {"--tls-cert", cert, "--tls-key", key, NULL};
	assert_int_equal(server_start(&s, args), 0);
	assert_non_null(strstr(s.base, "https://"));
	client *c = client_new(&s);
	resp *r = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 201);
	assert_non_null(strstr(resp_header(r, "Set-Cookie"), "; Secure"));
	assert_non_null(strstr(resp_header(r, "Strict-Transport-Security"), "max-age="));
	resp_free(r);
	client_free(c);
	assert_int_equal(server_stop(&s), 0);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_healthz_answers_ok_with_security_headers),
		cmocka_unit_test(test_every_error_is_problem_json_with_security_headers),
		cmocka_unit_test(test_wrong_method_is_405_with_allow),
		cmocka_unit_test(test_bodies_over_one_mebibyte_are_413),
		cmocka_unit_test(test_bodies_must_be_declared_json_415),
		cmocka_unit_test(test_malformed_json_is_400_saying_why),
		cmocka_unit_test(test_unknown_fields_and_wrong_types_are_422_field_by_field),
		cmocka_unit_test(test_static_files_have_their_types_and_stay_inside_the_folder),
		cmocka_unit_test(test_metrics_count_requests_by_route_and_status),
		cmocka_unit_test(test_openapi_document_is_served),
		cmocka_unit_test(test_request_log_names_route_status_and_never_a_password),
		cmocka_unit_test(test_sigterm_finishes_requests_in_flight_and_exits_zero),
		cmocka_unit_test(test_over_tls_the_cookie_is_secure_and_hsts_is_sent),
	};
	int rc = cmocka_run_group_tests_name(test_engine_name(), tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
