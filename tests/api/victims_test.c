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

#include "api/fixtures.h"

static server srv;
static client *inv1, *inv2, *opcc1;
static char case_id[ID_LEN], victim_link[ID_LEN], second_link[ID_LEN], suspect_link[ID_LEN];

static void add(const char *given, const char *role, char *link)
{
	char id[ID_LEN], body[200];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"Code\"}", given);
	client_post_id(inv1, "/api/v1/people", body, id);
	case_link_person(inv1, case_id, id, role, link);
}

static int records(void)
{
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Agency workers, Swindon\",\"exploitation_types\":[\"labour\"]}", case_id);
	add("Ana", "potential_victim", victim_link);
	add("Maria", "potential_victim", second_link);
	add("Vasile", "suspect", suspect_link);
	return 0;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&opcc1, "opcc1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

static json_t *person(const char *link)
{
	json_t *found = case_person(inv1, case_id, link);
	assert_non_null(found);
	return found;
}

static int worklist_has(const char *kind, const char *record_id)
{
	json_t *item = worklist_item(inv1, kind, record_id);
	json_decref(item);
	return item != NULL;
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
	assert_int_equal(client_status(inv1, "POST", path, "{\"kind\":\"raid\",\"occurred_on\":\"2026-11-27\"}"), 422);
	assert_int_equal(client_status(inv1, "POST", path, "{\"kind\":\"bail\",\"occurred_on\":\"2099-01-01\"}"), 422);
	assert_int_equal(client_status(inv2, "POST", path, "{\"kind\":\"bail\",\"occurred_on\":\"2026-11-27\"}"), 404);
	assert_int_equal(client_status(opcc1, "POST", path, "{\"kind\":\"bail\",\"occurred_on\":\"2026-11-27\"}"), 403);
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
	assert_int_equal(client_status(inv1, "POST", path, "{\"contacted_on\":\"2026-11-28\",\"method\":\"x\",\"language\":\"not a tag!\",\"summary\":\"s\"}"), 422);
	assert_int_equal(client_status(inv1, "POST", path, "{\"method\":\"x\",\"summary\":\"s\"}"), 422);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/contacts", case_id, suspect_link);
	assert_int_equal(client_status(inv1, "POST", path, "{\"contacted_on\":\"2026-11-28\",\"method\":\"x\",\"summary\":\"s\"}"), 409);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/no-such/contacts", case_id);
	assert_int_equal(client_status(inv1, "POST", path, "{\"contacted_on\":\"2026-11-28\",\"method\":\"x\",\"summary\":\"s\"}"), 404);
}

static void test_every_victim_has_a_named_contact_and_a_strategy(void **state)
{
	(void)state;
	assert_true(worklist_has("spoc_missing", victim_link));
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/care", case_id, victim_link);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"spoc_name\":\"DC Jones\"}"), 422);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"spoc_name\":\"DC Jones\",\"spoc_kind\":\"friend\"}"), 422);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"vps_offered\":true}"), 422);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"vps_offered\":true,\"vps_offered_on\":\"2099-01-01\"}"), 422);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"spoc_name\":\"Sam Idris\",\"spoc_kind\":\"navigator\"}"), 200);
	assert_false(worklist_has("spoc_missing", victim_link));
	assert_true(worklist_has("strategy_missing", victim_link));
	assert_int_equal(client_status(inv1, "PUT", path,
			     "{\"spoc_name\":\"Sam Idris\",\"spoc_kind\":\"navigator\",\"strategy\":\"Weekly calls; safe house; never by text\","
			     "\"vps_offered\":true,\"vps_offered_on\":\"2026-11-28\"}"), 200);
	assert_false(worklist_has("strategy_missing", victim_link));
	json_t *p = person(victim_link);
	json_t *care = json_object_get(p, "care");
	assert_string_equal(json_string_value(json_object_get(care, "spoc_kind")), "navigator");
	assert_true(json_is_true(json_object_get(care, "vps_offered")));
	json_decref(p);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/care", case_id, suspect_link);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"strategy\":\"x\"}"), 409);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/care", case_id, second_link);
	assert_int_equal(client_status(inv2, "PUT", path, "{\"strategy\":\"x\"}"), 404);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_key_event_makes_an_update_due_for_each_victim),
		cmocka_unit_test(test_an_update_logged_closes_what_was_due),
		cmocka_unit_test(test_every_victim_has_a_named_contact_and_a_strategy),
	};
	return suite_run(&fixture, tests);
}
