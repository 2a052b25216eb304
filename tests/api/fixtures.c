#include "api/fixtures.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/engines.h"

/* The suite suite_run_tests is running: cmocka's group fixtures take no
 * argument of their own. */
static const suite *running;

static int suite_teardown(void **state)
{
	(void)state;
	if (!running->srv)
		return 0;
	for (const suite_login *l = running->logins; l && l->c; l++) {
		client_free(*l->c);
		*l->c = NULL;
	}
	return server_stop(running->srv);
}

static int suite_setup(void **state)
{
	server *s = running->srv;
	if (!s)
		return 0;
	if (server_prepare(s) != 0 || (running->accounts && running->accounts(s) != 0) ||
	    server_launch(s, running->serve_args) != 0)
		return -1;
	for (const suite_login *l = running->logins; l && l->c; l++) {
		*l->c = client_new(s);
		if (client_login(*l->c, l->username, TEST_PASSWORD) != 201) {
			suite_teardown(state);
			return -1;
		}
	}
	return running->records ? running->records() : 0;
}

int suite_run_tests(const suite *s, const struct CMUnitTest *tests, size_t n)
{
	running = s;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int failed =
		_cmocka_run_group_tests(test_engine_name(), tests, n, suite_setup, suite_teardown);
	curl_global_cleanup();
	return failed;
}

client *client_signed_in_with(server *s, const char *username, const char *password)
{
	client *c = client_new(s);
	long status = client_login(c, username, password);
	if (status != 201)
		fail_msg("%s cannot sign in: %ld", username, status);
	return c;
}

client *client_signed_in(server *s, const char *username)
{
	return client_signed_in_with(s, username, TEST_PASSWORD);
}

resp *client_expect(client *c, const char *method, const char *path, const char *body, long want)
{
	resp *r = client_req(c, method, path, body, NULL);
	if (r->status != want)
		fail_msg("%s %s: %ld (wanted %ld) %s", method, path, r->status, want,
			 r->body ? r->body : "");
	return r;
}

resp *anonymous_expect(server *s, const char *method, const char *path, const char *body, long want)
{
	client *c = client_new(s);
	resp *r = client_expect(c, method, path, body, want);
	client_free(c);
	return r;
}

void client_expect_free(client *c, const char *method, const char *path, const char *body,
			long want)
{
	resp_free(client_expect(c, method, path, body, want));
}

void client_get_expect(client *c, long want, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof path);
	client_expect_free(c, "GET", path, NULL, want);
}

long client_status(client *c, const char *method, const char *path, const char *body)
{
	return resp_status(client_req(c, method, path, body, NULL));
}

size_t client_count(client *c, const char *path, const char *member)
{
	resp *r = client_req(c, "GET", path, NULL, NULL);
	size_t n = json_array_size(json_object_get(r->json, member));
	resp_free(r);
	return n;
}

json_t *client_get_json(client *c, const char *path, long want)
{
	resp *r = client_expect(c, "GET", path, NULL, want);
	json_t *j = json_incref(r->json);
	resp_free(r);
	return j;
}

char *client_post_id(client *c, const char *path, const char *body, char out[ID_LEN])
{
	resp *r = client_expect(c, "POST", path, body, 201);
	if (out)
		snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	return out;
}

static resp *send_current(client *c, const char *method, const char *path, const char *body)
{
	resp *r = client_req(c, "GET", path, NULL, NULL);
	const char *tag = resp_header(r, "ETag");
	char if_match[96];
	snprintf(if_match, sizeof if_match, "If-Match: %s", tag ? tag : "");
	resp_free(r);
	return client_req(c, method, path, body, (const char *const[]){if_match, NULL});
}

resp *client_patch_current(client *c, const char *path, const char *body)
{
	return send_current(c, "PATCH", path, body);
}

resp *client_put_current(client *c, const char *path, const char *body)
{
	return send_current(c, "PUT", path, body);
}

void case_link_person(client *c, const char *case_id, const char *person_id, const char *role,
		      char out[ID_LEN])
{
	char path[128], body[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"%s\"}", person_id, role);
	client_post_id(c, path, body, out);
}

json_t *case_person(client *c, const char *case_id, const char *link)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	json_t *whole = client_get_json(c, path, 200);
	json_t *found = json_incref(json_find(json_object_get(whole, "people"), "id", link));
	json_decref(whole);
	return found;
}

json_t *worklist_item(client *c, const char *kind, const char *record_id)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/worklist?kind=%s&limit=200", kind);
	resp *r = client_expect(c, "GET", path, NULL, 200);
	json_t *found = NULL, *x;
	size_t i;
	json_array_foreach(json_object_get(r->json, "items"), i, x)
	{
		const char *k = json_string_value(json_object_get(x, "kind"));
		const char *id = json_string_value(json_object_get(x, "record_id"));
		if (k && strcmp(k, kind) == 0 &&
		    (!record_id || (id && strcmp(id, record_id) == 0))) {
			found = json_incref(x);
			break;
		}
	}
	resp_free(r);
	return found;
}

int audit_count(server *s, const char *action, const char *record_id)
{
	client *aud = client_signed_in(s, "aud1");
	char path[160];
	snprintf(path, sizeof path, "/api/v1/audit?action=%s", action);
	resp *r = client_expect(aud, "GET", path, NULL, 200);
	int n = 0;
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r->json, "items"), i, e)
	{
		const char *rid = json_string_value(json_object_get(e, "record_id"));
		n += !record_id || (rid && strcmp(rid, record_id) == 0);
	}
	resp_free(r);
	client_free(aud);
	return n;
}

long resp_status(resp *r)
{
	long status = r->status;
	resp_free(r);
	return status;
}

const char *resp_error_field(resp *r)
{
	json_t *first = json_array_get(json_object_get(r->json, "errors"), 0);
	return json_string_value(json_object_get(first, "field"));
}

void resp_expect_field(resp *r, const char *field)
{
	const char *named = resp_error_field(r);
	if (r->status != 422 || !named || strcmp(named, field) != 0)
		fail_msg("wanted 422 on %s: %ld %s", field, r->status, r->body ? r->body : "");
	resp_free(r);
}

void client_expect_query_error(client *c, const char *path, const char *param)
{
	resp *r = client_expect(c, "GET", path, NULL, 400);
	if (!resp_has_error_for(r, param))
		fail_msg("%s: wanted an error for %s: %s", path, param, r->body ? r->body : "");
	resp_free(r);
}

int resp_has_error_for(resp *r, const char *field)
{
	return json_find(json_object_get(r->json, "errors"), "field", field) != NULL;
}

void resp_expect_error_for(resp *r, const char *field)
{
	if (r->status != 422 || !resp_has_error_for(r, field))
		fail_msg("wanted 422 with an error for %s: %ld %s", field, r->status,
			 r->body ? r->body : "");
	resp_free(r);
}

json_t *json_find(json_t *array, const char *key, const char *value)
{
	size_t i;
	json_t *x;
	json_array_foreach(array, i, x)
	{
		const char *v = json_string_value(json_object_get(x, key));
		if (v && strcmp(v, value) == 0)
			return x;
	}
	return NULL;
}

int json_holds(json_t *array, const char *value)
{
	size_t i;
	json_t *x;
	json_array_foreach(array, i, x)
	{
		const char *v = json_string_value(x);
		if (v && strcmp(v, value) == 0)
			return 1;
	}
	return 0;
}

void tls_files_make(const char *name, char cert[TLS_PATH_LEN], char key[TLS_PATH_LEN])
{
	char cmd[1200];
	snprintf(cert, TLS_PATH_LEN, "%s/%s-cert.pem", test_tmpdir(), name);
	snprintf(key, TLS_PATH_LEN, "%s/%s-key.pem", test_tmpdir(), name);
	snprintf(cmd, sizeof cmd,
		 "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
		 "-keyout %s -out %s >/dev/null 2>&1",
		 key, cert);
	assert_int_equal(system(cmd), 0);
}

db *server_db_open(server *s)
{
	char err[256];
	db *d;
	/* A connection that times out on a loaded machine (DB_BUSY) is tried
	 * again; the tests are about what the store holds, not how fast the
	 * test machine connects. */
	int rc = DB_BUSY;
	for (int tries = 0; rc == DB_BUSY && tries < 3; tries++)
		rc = db_open(s->db_url, 5000, &d, err, sizeof err);
	if (rc != DB_OK)
		fail_msg("cannot open %s: %s", s->db_url, err);
	return d;
}

/* Prepares sql with param bound to $1 (unless NULL) and steps to its one row. */
static db_stmt *one_row(db *d, const char *sql, const char *param)
{
	db_stmt *st;
	assert_int_equal(db_prepare(d, sql, &st), DB_OK);
	if (param)
		assert_int_equal(db_bind_text(st, 1, param), DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	return st;
}

const char *server_db_text(server *s, const char *sql, const char *param)
{
	static char text[4096];
	db *d = server_db_open(s);
	db_stmt *st = one_row(d, sql, param);
	if ((size_t)snprintf(text, sizeof text, "%s", db_col_text(st, 0)) >= sizeof text)
		fail_msg("%s: the text is longer than %zu bytes", sql, sizeof text - 1);
	db_finalize(st);
	db_close(d);
	return text;
}

int64_t server_db_int(server *s, const char *sql, const char *param)
{
	db *d = server_db_open(s);
	db_stmt *st = one_row(d, sql, param);
	int64_t v = db_col_int(st, 0);
	db_finalize(st);
	db_close(d);
	return v;
}

void server_db_run(server *s, const char *sql, int n, const char *const *params)
{
	db *d = server_db_open(s);
	assert_int_equal(db_run(d, sql, n, params), DB_OK);
	db_close(d);
}

void service_make(client *c, const char *name, const char *provider, int hours, char out[ID_LEN])
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"name\":\"%s\",\"provider_organisation_id\":\"%s\",\"kind\":\"navigator\",\"ages\":{\"min\":18,"
		 "\"max\":120},\"languages\":[\"en\",\"Albanian\"],\"response_hours\":%d}",
		 name, provider, hours);
	client_post_id(c, "/api/v1/services", body, out);
}

void consent_for_support(client *c, const char *person_id)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/people/%s/consent", person_id);
	resp_free(client_expect(c, "PUT", path,
				"{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"en\","
				"\"interpreter\":\"none\"}",
				200));
}

void service_refer(client *c, const char *case_id, const char *link, const char *service_id, char out[ID_LEN])
{
	char path[256], body[256];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/service-referrals", case_id, link);
	snprintf(body, sizeof body,
		 "{\"service_id\":\"%s\",\"need\":\"Somewhere safe to stay\",\"urgency\":\"routine\"}", service_id);
	client_post_id(c, path, body, out);
}

void partner_id(client *c, const char *name, char out[ID_LEN])
{
	json_t *list = client_get_json(c, "/api/v1/organisations?kind=partner", 200);
	json_t *o = json_find(json_object_get(list, "items"), "name", name);
	snprintf(out, ID_LEN, "%s", o ? json_string_value(json_object_get(o, "id")) : "");
	json_decref(list);
}
