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

#include "api/fixtures.h"
#include "domain/workdays.h"
#include "lib/clock.h"

static server srv;
static client *inv1, *inv2, *opcc1;
static char case_id[ID_LEN], suspect[ID_LEN], outsider[ID_LEN], today[DATE_LEN];

static int records(void)
{
	clock_today(today);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Nail bars, Reading\",\"exploitation_types\":[\"labour\"]}",
		case_id);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Viktor\",\"family_name\":\"Balog\"}", suspect);
	case_link_person(inv1, case_id, suspect, "suspect", NULL);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Not\",\"family_name\":\"Here\"}", outsider);
	return 0;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&opcc1, "opcc1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

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

static void test_minimum_durations_and_applicants_are_enforced(void **state)
{
	(void)state;
	/* A prevention order of four years: too short, and the answer says until when. */
	resp *r = order(inv1, "stpo", "police", "2026-11-02", "2030-11-02", NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "expires_on");
	assert_non_null(strstr(r->body, "2031-11-02"));
	resp_free(r);
	resp_expect_field(order(inv1, "stro", "police", "2026-11-02", "2028-11-01", NULL), "expires_on");
	resp_expect_field(order(inv1, "stro", "police", "2026-11-02", NULL, NULL), "expires_on");
	resp_expect_field(order(inv1, "interim_stro", "police", "2026-11-02", "2026-11-02", NULL), "expires_on");
	resp_expect_field(order(inv1, "interim_stpo", "police", "2026-11-02", "2026-02-31", NULL), "expires_on");
	resp_expect_field(order(inv1, "stro", "court_on_conviction", "2026-11-02", "2028-11-02", NULL), "applicant");
	resp_expect_field(order(inv1, "stpo", "neighbour", "2026-11-02", NULL, NULL), "applicant");
	resp_expect_field(order(inv1, "asbo", "police", "2026-11-02", NULL, NULL), "kind");
	resp_expect_field(order(inv1, "stpo", "police", "2099-11-02", NULL, NULL), "made_on");
	resp_expect_field(order(inv1, "stpo", "police", "2026-11-02", NULL, outsider), "person_id");
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s/orders", case_id);
	char body[300];
	snprintf(body, sizeof body,
		 "{\"person_id\":\"%s\",\"kind\":\"stpo\",\"court\":\"Crown Court\",\"applicant\":\"police\","
		 "\"made_on\":\"2026-11-02\",\"prohibitions\":[]}",
		 suspect);
	resp_expect_field(client_req(inv1, "POST", path, body, NULL), "prohibitions");
	/* Out of reach, or a role that keeps no cases. */
	assert_int_equal(resp_status(order(inv2, "stpo", "police", "2026-11-02", NULL, NULL)), 404);
	assert_int_equal(resp_status(order(opcc1, "stpo", "police", "2026-11-02", NULL, NULL)), 403);
	/* Until further order, made on conviction; a risk order of exactly two years. */
	r = order(inv1, "stpo", "court_on_conviction", "2026-11-02", NULL, NULL);
	assert_int_equal(r->status, 201);
	assert_true(json_is_null(json_object_get(r->json, "expires_on")));
	assert_int_equal(json_array_size(json_object_get(r->json, "prohibitions")), 2);
	assert_non_null(resp_header(r, "Location"));
	resp_free(r);
	assert_int_equal(resp_status(order(inv1, "stro", "glaa", "2024-02-29", "2026-02-28", NULL)), 201);
	/* The case lists its orders. */
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	assert_int_equal(client_count(inv1, path, "orders"), 2);
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
	resp_expect_field(client_req(inv1, "POST", path, "{\"occurred_on\":\"2026-01-11\",\"summary\":\"After it ended\"}", NULL),
		     "occurred_on");
	resp_expect_field(client_req(inv1, "POST", path, "{\"occurred_on\":\"2024-01-09\",\"summary\":\"Before\"}", NULL),
		     "occurred_on");
	resp_expect_field(client_req(inv1, "POST", path, "{\"occurred_on\":\"2025-03-01\"}", NULL), "summary");
	assert_int_equal(client_status(inv2, "POST", path, "{\"occurred_on\":\"2025-03-01\",\"summary\":\"Not mine\"}"), 404);
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
	assert_int_equal(client_status(inv2, "GET", path, NULL), 404);
	assert_int_equal(client_status(inv1, "GET", "/api/v1/orders/no-such-order", NULL), 404);
}

static int expiring(client *c, const char *order_id)
{
	json_t *item = worklist_item(c, "order_expiring", order_id);
	json_decref(item);
	return item != NULL;
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
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	assert_int_equal(resp_status(client_patch_current(inv1, path, "{\"status\":\"closed\",\"outcome\":\"Convicted; order made\"}")), 200);
	assert_true(expiring(inv1, a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimum_durations_and_applicants_are_enforced),
		cmocka_unit_test(test_breaches_are_recorded_while_the_order_is_in_force),
		cmocka_unit_test(test_an_order_nearing_its_end_is_on_the_worklist_even_once_the_case_is_closed),
	};
	return suite_run(&fixture, tests);
}
