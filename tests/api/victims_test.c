/* The Victims' Code over HTTP: a key event makes an update due for each
 * potential victim in 1 working day; a logged update closes it; a victim's
 * single point of contact and strategy; the worklist; every refusal. */
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
static client *inv1, *inv2, *opcc1;
static char case_id[64], victim_link[64], second_link[64], suspect_link[64];

static void post_id(client *c, const char *path, const char *body, char *out)
{
	resp *r = client_req(c, "POST", path, body, NULL);
	if (r->status != 201)
		fail_msg("POST %s: %ld %s", path, r->status, r->body ? r->body : "");
	if (out)
		snprintf(out, 64, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static void add(const char *given, const char *role, char *link)
{
	char id[64], body[200], path[128];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"Code\"}", given);
	post_id(inv1, "/api/v1/people", body, id);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"%s\"}", id, role);
	post_id(inv1, path, body, link);
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
	post_id(inv1, "/api/v1/cases", "{\"title\":\"Agency workers, Swindon\",\"exploitation_types\":[\"labour\"]}", case_id);
	add("Ana", "potential_victim", victim_link);
	add("Maria", "potential_victim", second_link);
	add("Vasile", "suspect", suspect_link);
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

static long status_of(resp *r)
{
	long s = r->status;
	resp_free(r);
	return s;
}

static json_t *person(const char *link)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	resp *r = client_req(inv1, "GET", path, NULL, NULL);
	json_t *found = NULL, *p;
	size_t i;
	json_array_foreach(json_object_get(r->json, "people"), i, p)
	{
		if (strcmp(json_string_value(json_object_get(p, "id")), link) == 0)
			found = json_incref(p);
	}
	resp_free(r);
	assert_non_null(found);
	return found;
}

static int worklist_has(const char *kind, const char *record_id)
{
	resp *r = client_req(inv1, "GET", "/api/v1/worklist", NULL, NULL);
	int yes = 0;
	json_t *x;
	size_t i;
	json_array_foreach(json_object_get(r->json, "items"), i, x)
	{
		if (strcmp(json_string_value(json_object_get(x, "kind")), kind) == 0 &&
		    (!record_id || strcmp(json_string_value(json_object_get(x, "record_id")), record_id) == 0))
			yes = 1;
	}
	resp_free(r);
	return yes;
}

static void test_a_key_event_makes_an_update_due_for_each_victim(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s/events", case_id);
	/* Friday 27 November: the update is due on Monday 30th. */
	resp *r = client_req(inv1, "POST", path, "{\"kind\":\"arrest\",\"occurred_on\":\"2026-11-27\",\"note\":\"Two arrested at the agency\"}", NULL);
	assert_int_equal(r->status, 201);
	json_t *due = json_object_get(r->json, "updates_due");
	assert_int_equal(json_array_size(due), 2); /* the two victims, not the suspect */
	assert_string_equal(json_string_value(json_object_get(json_array_get(due, 0), "due_on")), "2026-11-30");
	resp_free(r);
	json_t *p = person(victim_link);
	assert_int_equal(json_array_size(json_object_get(p, "updates_due")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(p, "updates_due"), 0), "event")), "arrest");
	json_decref(p);
	assert_true(worklist_has("victim_update_due", NULL));
	assert_int_equal(status_of(client_req(inv1, "POST", path, "{\"kind\":\"raid\",\"occurred_on\":\"2026-11-27\"}", NULL)), 422);
	assert_int_equal(status_of(client_req(inv1, "POST", path, "{\"kind\":\"bail\",\"occurred_on\":\"2099-01-01\"}", NULL)), 422);
	assert_int_equal(status_of(client_req(inv2, "POST", path, "{\"kind\":\"bail\",\"occurred_on\":\"2026-11-27\"}", NULL)), 404);
	assert_int_equal(status_of(client_req(opcc1, "POST", path, "{\"kind\":\"bail\",\"occurred_on\":\"2026-11-27\"}", NULL)), 403);
}

static void test_an_update_logged_closes_what_was_due(void **state)
{
	(void)state;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/contacts", case_id, victim_link);
	/* A contact that is not an update leaves it due. */
	resp *r = client_req(inv1, "POST", path, "{\"contacted_on\":\"2026-11-27\",\"method\":\"phone via interpreter\",\"language\":\"ro\",\"interpreter\":\"Big Word 881\",\"summary\":\"Checked she is safe\"}", NULL);
	assert_int_equal(r->status, 201);
	assert_int_equal(json_integer_value(json_object_get(r->json, "updates_closed")), 0);
	resp_free(r);
	r = client_req(inv1, "POST", path, "{\"contacted_on\":\"2026-11-28\",\"method\":\"in person\",\"language\":\"ro\",\"summary\":\"Told her of the arrests and bail\",\"update\":true}", NULL);
	assert_int_equal(r->status, 201);
	assert_int_equal(json_integer_value(json_object_get(r->json, "updates_closed")), 1);
	resp_free(r);
	json_t *p = person(victim_link);
	assert_int_equal(json_array_size(json_object_get(p, "updates_due")), 0);
	assert_int_equal(json_array_size(json_object_get(p, "contacts")), 2);
	json_decref(p);
	p = person(second_link); /* the other victim is still owed hers */
	assert_int_equal(json_array_size(json_object_get(p, "updates_due")), 1);
	json_decref(p);
	assert_int_equal(status_of(client_req(inv1, "POST", path, "{\"contacted_on\":\"2026-11-28\",\"method\":\"x\",\"language\":\"not a tag!\",\"summary\":\"s\"}", NULL)), 422);
	assert_int_equal(status_of(client_req(inv1, "POST", path, "{\"method\":\"x\",\"summary\":\"s\"}", NULL)), 422);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/contacts", case_id, suspect_link);
	assert_int_equal(status_of(client_req(inv1, "POST", path, "{\"contacted_on\":\"2026-11-28\",\"method\":\"x\",\"summary\":\"s\"}", NULL)), 409);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/no-such/contacts", case_id);
	assert_int_equal(status_of(client_req(inv1, "POST", path, "{\"contacted_on\":\"2026-11-28\",\"method\":\"x\",\"summary\":\"s\"}", NULL)), 404);
}

static void test_every_victim_has_a_named_contact_and_a_strategy(void **state)
{
	(void)state;
	assert_true(worklist_has("spoc_missing", victim_link));
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/care", case_id, victim_link);
	assert_int_equal(status_of(client_req(inv1, "PUT", path, "{\"spoc_name\":\"DC Jones\"}", NULL)), 422);
	assert_int_equal(status_of(client_req(inv1, "PUT", path, "{\"spoc_name\":\"DC Jones\",\"spoc_kind\":\"friend\"}", NULL)), 422);
	assert_int_equal(status_of(client_req(inv1, "PUT", path, "{\"vps_offered\":true}", NULL)), 422);
	assert_int_equal(status_of(client_req(inv1, "PUT", path, "{\"vps_offered\":true,\"vps_offered_on\":\"2099-01-01\"}", NULL)), 422);
	assert_int_equal(status_of(client_req(inv1, "PUT", path, "{\"spoc_name\":\"Sam Idris\",\"spoc_kind\":\"navigator\"}", NULL)), 200);
	assert_false(worklist_has("spoc_missing", victim_link));
	assert_true(worklist_has("strategy_missing", victim_link));
	resp *r = client_req(inv1, "PUT", path,
			     "{\"spoc_name\":\"Sam Idris\",\"spoc_kind\":\"navigator\",\"strategy\":\"Weekly calls; safe house; never by text\","
			     "\"vps_offered\":true,\"vps_offered_on\":\"2026-11-28\"}", NULL);
	assert_int_equal(r->status, 200);
	resp_free(r);
	assert_false(worklist_has("strategy_missing", victim_link));
	json_t *p = person(victim_link);
	json_t *care = json_object_get(p, "care");
	assert_string_equal(json_string_value(json_object_get(care, "spoc_kind")), "navigator");
	assert_true(json_is_true(json_object_get(care, "vps_offered")));
	json_decref(p);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/care", case_id, suspect_link);
	assert_int_equal(status_of(client_req(inv1, "PUT", path, "{\"strategy\":\"x\"}", NULL)), 409);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/care", case_id, second_link);
	assert_int_equal(status_of(client_req(inv2, "PUT", path, "{\"strategy\":\"x\"}", NULL)), 404);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_key_event_makes_an_update_due_for_each_victim),
		cmocka_unit_test(test_an_update_logged_closes_what_was_due),
		cmocka_unit_test(test_every_victim_has_a_named_contact_and_a_strategy),
	};
	int rc = cmocka_run_group_tests_name(test_engine_name(), tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
