/* Prevention and risk orders over HTTP: the minimum durations (5 years or
 * until further order, 2 years), who may apply, breaches only while in
 * force, an order nearing its end on the worklist even after its case is
 * closed, and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/client.h"
#include "domain/workdays.h"
#include "lib/clock.h"

static server srv;
static client *inv1, *inv2, *opcc1;
static char case_id[64], suspect[64], outsider[64], today[DATE_LEN];

static void post_id(client *c, const char *path, const char *body, char *out, size_t n)
{
	resp *r = client_req(c, "POST", path, body, NULL);
	if (r->status != 201)
		fail_msg("POST %s: %ld %s", path, r->status, r->body ? r->body : "");
	if (out)
		snprintf(out, n, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static int setup(void **state)
{
	(void)state;
	if (server_start(&srv, NULL) != 0)
		return -1;
	inv1 = client_new(&srv);
	inv2 = client_new(&srv);
	opcc1 = client_new(&srv);
	if (client_login(inv1, "inv1", TEST_PASSWORD) != 201 || client_login(inv2, "inv2", TEST_PASSWORD) != 201 ||
	    client_login(opcc1, "opcc1", TEST_PASSWORD) != 201)
		return -1;
	char now[CLOCK_ISO_LEN], body[200], path[128];
	clock_now_iso(now);
	snprintf(today, sizeof today, "%.10s", now);
	post_id(inv1, "/api/v1/cases", "{\"title\":\"Nail bars, Reading\",\"exploitation_types\":[\"labour\"]}",
		case_id, sizeof case_id);
	post_id(inv1, "/api/v1/people", "{\"given_names\":\"Viktor\",\"family_name\":\"Balog\"}", suspect, 64);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"suspect\"}", suspect);
	post_id(inv1, path, body, NULL, 0);
	post_id(inv1, "/api/v1/people", "{\"given_names\":\"Not\",\"family_name\":\"Here\"}", outsider, 64);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_free(inv1);
	client_free(inv2);
	client_free(opcc1);
	return server_stop(&srv);
}

static resp *order(client *c, const char *kind, const char *applicant, const char *made_on, const char *expires_on,
		   const char *person)
{
	char path[128], body[700], end[40] = "";
	snprintf(path, sizeof path, "/api/v1/cases/%s/orders", case_id);
	if (expires_on)
		snprintf(end, sizeof end, ",\"expires_on\":\"%s\"", expires_on);
	snprintf(body, sizeof body,
		 "{\"person_id\":\"%s\",\"kind\":\"%s\",\"court\":\"Reading Magistrates' Court\",\"applicant\":\"%s\","
		 "\"made_on\":\"%s\"%s,\"prohibitions\":[\"Not to employ anyone\",\"Not to hold another person's "
		 "identity documents\"]}",
		 person ? person : suspect, kind, applicant, made_on, end);
	return client_req(c, "POST", path, body, NULL);
}

static const char *field_of_error(resp *r)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(r->json, "errors"), 0), "field"));
}

static void expect_field(resp *r, const char *field)
{
	if (r->status != 422 || !field_of_error(r) || strcmp(field_of_error(r), field) != 0)
		fail_msg("wanted 422 on %s: %ld %s", field, r->status, r->body ? r->body : "");
	resp_free(r);
}

static void test_minimum_durations_and_applicants_are_enforced(void **state)
{
	(void)state;
	/* A prevention order of four years: too short, and the answer says until when. */
	resp *r = order(inv1, "stpo", "police", "2026-11-02", "2030-11-02", NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "expires_on");
	assert_non_null(strstr(r->body, "2031-11-02"));
	resp_free(r);
	expect_field(order(inv1, "stro", "police", "2026-11-02", "2028-11-01", NULL), "expires_on");
	expect_field(order(inv1, "stro", "police", "2026-11-02", NULL, NULL), "expires_on");
	expect_field(order(inv1, "interim_stro", "police", "2026-11-02", "2026-11-02", NULL), "expires_on");
	expect_field(order(inv1, "interim_stpo", "police", "2026-11-02", "2026-02-31", NULL), "expires_on");
	expect_field(order(inv1, "stro", "court_on_conviction", "2026-11-02", "2028-11-02", NULL), "applicant");
	expect_field(order(inv1, "stpo", "neighbour", "2026-11-02", NULL, NULL), "applicant");
	expect_field(order(inv1, "asbo", "police", "2026-11-02", NULL, NULL), "kind");
	expect_field(order(inv1, "stpo", "police", "2099-11-02", NULL, NULL), "made_on");
	expect_field(order(inv1, "stpo", "police", "2026-11-02", NULL, outsider), "person_id");
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s/orders", case_id);
	char body[300];
	snprintf(body, sizeof body,
		 "{\"person_id\":\"%s\",\"kind\":\"stpo\",\"court\":\"Crown Court\",\"applicant\":\"police\","
		 "\"made_on\":\"2026-11-02\",\"prohibitions\":[]}",
		 suspect);
	expect_field(client_req(inv1, "POST", path, body, NULL), "prohibitions");
	/* Out of reach, or a role that keeps no cases. */
	r = order(inv2, "stpo", "police", "2026-11-02", NULL, NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
	r = order(opcc1, "stpo", "police", "2026-11-02", NULL, NULL);
	assert_int_equal(r->status, 403);
	resp_free(r);
	/* Until further order, made on conviction; a risk order of exactly two years. */
	r = order(inv1, "stpo", "court_on_conviction", "2026-11-02", NULL, NULL);
	assert_int_equal(r->status, 201);
	assert_true(json_is_null(json_object_get(r->json, "expires_on")));
	assert_int_equal(json_array_size(json_object_get(r->json, "prohibitions")), 2);
	assert_non_null(resp_header(r, "Location"));
	resp_free(r);
	r = order(inv1, "stro", "glaa", "2024-02-29", "2026-02-28", NULL);
	assert_int_equal(r->status, 201);
	resp_free(r);
	/* The case lists its orders. */
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	r = client_req(inv1, "GET", path, NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(r->json, "orders")), 2);
	resp_free(r);
}

static void test_breaches_are_recorded_while_the_order_is_in_force(void **state)
{
	(void)state;
	resp *r = order(inv1, "stro", "police", "2024-01-10", "2026-01-10", NULL);
	assert_int_equal(r->status, 201);
	char id[64], path[160];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/orders/%s/breaches", id);
	expect_field(client_req(inv1, "POST", path, "{\"occurred_on\":\"2026-01-11\",\"summary\":\"After it ended\"}", NULL),
		     "occurred_on");
	expect_field(client_req(inv1, "POST", path, "{\"occurred_on\":\"2024-01-09\",\"summary\":\"Before\"}", NULL),
		     "occurred_on");
	expect_field(client_req(inv1, "POST", path, "{\"occurred_on\":\"2025-03-01\"}", NULL), "summary");
	r = client_req(inv2, "POST", path, "{\"occurred_on\":\"2025-03-01\",\"summary\":\"Not mine\"}", NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
	r = client_req(inv1, "POST", path,
		       "{\"occurred_on\":\"2026-01-10\",\"summary\":\"Found employing two workers at a car wash\","
		       "\"crime_reference\":\"43/12345/26\"}",
		       NULL);
	assert_int_equal(r->status, 201);
	assert_int_equal(json_integer_value(json_object_get(r->json, "breach_count")), 1);
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/orders/%s", id);
	r = client_req(inv1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	json_t *b = json_array_get(json_object_get(r->json, "breaches"), 0);
	assert_string_equal(json_string_value(json_object_get(b, "crime_reference")), "43/12345/26");
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "person"), "name")), "Viktor Balog");
	resp_free(r);
	r = client_req(inv2, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
	r = client_req(inv1, "GET", "/api/v1/orders/no-such-order", NULL, NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
}

static int expiring(client *c, const char *order_id)
{
	resp *r = client_req(c, "GET", "/api/v1/worklist", NULL, NULL);
	assert_int_equal(r->status, 200);
	int found = 0;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(r->json, "items"), i, x)
	{
		if (strcmp(json_string_value(json_object_get(x, "kind")), "order_expiring") == 0 &&
		    strcmp(json_string_value(json_object_get(x, "record_id")), order_id) == 0)
			found = 1;
	}
	resp_free(r);
	return found;
}

static void test_an_order_nearing_its_end_is_on_the_worklist_even_once_the_case_is_closed(void **state)
{
	(void)state;
	char made[DATE_LEN], soon[DATE_LEN], later[DATE_LEN], a[64], b[64];
	date_add_days(today, -30, made);
	date_add_days(today, 20, soon);
	date_add_days(today, 40, later);
	resp *r = order(inv1, "interim_stpo", "police", made, soon, NULL);
	assert_int_equal(r->status, 201);
	snprintf(a, sizeof a, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	r = order(inv1, "interim_stpo", "police", made, later, NULL);
	assert_int_equal(r->status, 201);
	snprintf(b, sizeof b, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	assert_true(expiring(inv1, a));
	assert_false(expiring(inv1, b)); /* more than 28 days away */
	assert_false(expiring(inv2, a)); /* another team's */
	char path[128], etag[64];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	r = client_req(inv1, "GET", path, NULL, NULL);
	snprintf(etag, sizeof etag, "If-Match: %s", resp_header(r, "ETag"));
	resp_free(r);
	const char *h[] = {etag, NULL};
	r = client_req(inv1, "PATCH", path, "{\"status\":\"closed\",\"outcome\":\"Convicted; order made\"}", h);
	assert_int_equal(r->status, 200);
	resp_free(r);
	assert_true(expiring(inv1, a));
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimum_durations_and_applicants_are_enforced),
		cmocka_unit_test(test_breaches_are_recorded_while_the_order_is_in_force),
		cmocka_unit_test(test_an_order_nearing_its_end_is_on_the_worklist_even_once_the_case_is_closed),
	};
	int rc = cmocka_run_group_tests_name(test_engine_name(), tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
