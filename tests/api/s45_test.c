/* The s45 safeguard over HTTP: no charging decision on a suspect who is a
 * potential victim until an assessment exists and a supervisor approved it;
 * the adult and child tests; Schedule 4; and every refusal. */
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
static client *inv1, *inv2, *sup1, *opcc1;
static char case_a[ID_LEN], case_b[ID_LEN], flagged_link[ID_LEN], plain_link[ID_LEN], victim_link[ID_LEN],
	child_link[ID_LEN], undated_link[ID_LEN];

static int records(void)
{
	char x[ID_LEN], y[ID_LEN], z[ID_LEN], u[ID_LEN], path[160];
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"County lines, Swindon\",\"exploitation_types\":[\"criminal\"],\"county_lines\":true}", case_a);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Drugs supply arrests\",\"exploitation_types\":[\"criminal\"]}", case_b);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Kyle\",\"family_name\":\"Evans\",\"date_of_birth\":\"2001-06-01\"}", x);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Liam\",\"family_name\":\"Roberts\",\"date_of_birth\":\"1985-01-01\"}", y);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Callum\",\"family_name\":\"Wilson\",\"date_of_birth\":\"2010-02-02\"}", z);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"No\",\"family_name\":\"Birthday\"}", u);
	/* Kyle: a potential victim in one case, a suspect in the other. */
	case_link_person(inv1, case_a, x, "potential_victim", victim_link);
	case_link_person(inv1, case_b, x, "suspect", flagged_link);
	/* Liam: only ever a suspect. */
	case_link_person(inv1, case_b, y, "suspect", plain_link);
	/* Callum, 16 at the offence: a suspect with indicators on him. */
	case_link_person(inv1, case_b, z, "suspect", child_link);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_b, child_link);
	client_post_id(inv1, path, "{\"code\":\"forced_criminality\"}", NULL);
	case_link_person(inv1, case_b, u, "suspect", undated_link);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_b, undated_link);
	client_post_id(inv1, path, "{\"code\":\"forced_criminality\"}", NULL);
	return 0;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&sup1, "sup1"}, {&opcc1, "opcc1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

static resp *charge(client *c, const char *link_id, const char *decision)
{
	char path[200], body[120];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/charging-decisions", case_b, link_id);
	snprintf(body, sizeof body, "{\"decision\":\"%s\",\"decided_on\":\"2026-11-20\"}", decision);
	return client_req(c, "POST", path, body, NULL);
}

static resp *assess(client *c, const char *case_id, const char *link_id, const char *body)
{
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/s45-assessments", case_id, link_id);
	return client_req(c, "POST", path, body, NULL);
}

static void test_a_suspect_who_is_not_a_victim_is_charged_as_usual(void **state)
{
	(void)state;
	assert_int_equal(resp_status(charge(inv1, plain_link, "charge")), 201);
	assert_int_equal(resp_status(charge(inv1, plain_link, "prosecute")), 422);
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/charging-decisions", case_b, plain_link);
	resp *r = client_req(inv1, "POST", path, "{\"decision\":\"caution\",\"decided_on\":\"2099-01-01\"}", NULL);
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "decided_on"));
	resp_free(r);
}

static void test_a_flagged_adult_needs_an_approved_assessment_before_charge(void **state)
{
	(void)state;
	resp *r = charge(inv1, flagged_link, "charge");
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "s45"));
	resp_free(r);
	/* The adult tests must be answered. */
	resp_expect_field(assess(inv1, case_b, flagged_link, "{\"offence\":\"Possession with intent to supply class A\",\"offence_date\":\"2026-10-01\",\"reasons\":\"Holding drugs for the line under threat\"}"), "compelled");
	resp_expect_field(assess(inv1, case_b, flagged_link, "{\"offence\":\"x\",\"offence_date\":\"2099-10-01\",\"compelled\":true,\"no_realistic_alternative\":true,\"reasons\":\"r\"}"), "offence_date");
	resp_expect_field(assess(inv1, case_b, flagged_link, "{\"offence\":\"x\",\"offence_date\":\"2026-10-01\",\"schedule4_code\":\"shoplifting\",\"compelled\":true,\"no_realistic_alternative\":true,\"reasons\":\"r\"}"), "schedule4_code");
	r = assess(inv1, case_b, flagged_link,
		   "{\"offence\":\"Possession with intent to supply class A\",\"offence_date\":\"2026-10-01\","
		   "\"compelled\":true,\"no_realistic_alternative\":true,\"reasons\":\"Threatened with a knife; debt to the line\"}");
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "outcome")), "defence_may_apply");
	assert_int_equal(json_integer_value(json_object_get(r->json, "age_at_offence")), 25);
	assert_true(json_is_false(json_object_get(r->json, "child")));
	assert_true(json_is_null(json_object_get(r->json, "approved_by")));
	char id[64], path[200];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	/* Assessed but not approved: still no charging decision. */
	r = charge(inv1, flagged_link, "refer_to_cps");
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "supervisor"));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/cases/%s/s45-assessments/%s/approval", case_b, id);
	assert_int_equal(client_status(inv1, "POST", path, NULL), 403);
	/* Investigators never approve, whatever the case: 403 says nothing of it. */
	assert_int_equal(client_status(inv2, "POST", path, NULL), 403);
	r = client_req(sup1, "POST", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_false(json_is_null(json_object_get(r->json, "approved_by")));
	resp_free(r);
	assert_int_equal(client_status(sup1, "POST", path, NULL), 409);
	snprintf(path, sizeof path, "/api/v1/cases/%s/s45-assessments/no-such/approval", case_b);
	assert_int_equal(client_status(sup1, "POST", path, NULL), 404);
	r = charge(inv1, flagged_link, "no_further_action");
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "assessment_id")), id);
	resp_free(r);
	/* The case page carries the assessment and the decision. */
	json_t *p = case_person(inv1, case_b, flagged_link);
	assert_non_null(p);
	assert_true(json_is_true(json_object_get(p, "non_punishment_flag")));
	assert_int_equal(json_array_size(json_object_get(p, "s45_assessments")), 1);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(p, "s45_assessments"), 0), "approved")));
	assert_int_equal(json_array_size(json_object_get(p, "charging_decisions")), 1);
	json_decref(p);
}

static void test_children_and_schedule_4_have_their_own_rules(void **state)
{
	(void)state;
	/* A child is asked the child tests, not the adult ones. */
	resp_expect_field(assess(inv1, case_b, child_link,
			 "{\"offence\":\"Possession of a bladed article\",\"offence_date\":\"2026-09-01\","
			 "\"compelled\":true,\"no_realistic_alternative\":true,\"reasons\":\"r\"}"), "direct_consequence");
	resp *r = assess(inv1, case_b, child_link,
		   "{\"offence\":\"Possession of a bladed article\",\"offence_date\":\"2026-09-01\","
		   "\"direct_consequence\":true,\"reasonable_person\":true,\"reasons\":\"Given the knife by the line holder\"}");
	assert_int_equal(r->status, 201);
	assert_true(json_is_true(json_object_get(r->json, "child")));
	assert_string_equal(json_string_value(json_object_get(r->json, "outcome")), "defence_may_apply");
	resp_free(r);
	/* Schedule 4: excluded whatever the answers. */
	r = assess(inv1, case_b, child_link,
		   "{\"offence\":\"Robbery\",\"offence_date\":\"2026-09-02\",\"schedule4_code\":\"theft_s8\","
		   "\"direct_consequence\":true,\"reasonable_person\":true,\"reasons\":\"Robbery is excluded\"}");
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "outcome")), "excluded_schedule_4");
	resp_free(r);
	/* With no date of birth, the age at the offence must be given. */
	resp_expect_field(assess(inv1, case_b, undated_link,
		   "{\"offence\":\"Cultivation\",\"offence_date\":\"2026-09-01\",\"compelled\":true,\"no_realistic_alternative\":true,\"reasons\":\"r\"}"), "age_at_offence");
	r = assess(inv1, case_b, undated_link,
		   "{\"offence\":\"Cultivation\",\"offence_date\":\"2026-09-01\",\"age_at_offence\":30,\"compelled\":false,\"no_realistic_alternative\":true,\"reasons\":\"Free to leave\"}");
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "outcome")), "defence_does_not_apply");
	resp_free(r);
	r = client_req(inv1, "GET", "/api/v1/s45/schedule4", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_true(json_array_size(json_object_get(r->json, "items")) >= 30);
	resp_free(r);
}

static void test_every_refusal(void **state)
{
	(void)state;
	const char *body = "{\"offence\":\"x\",\"offence_date\":\"2026-10-01\",\"compelled\":true,\"no_realistic_alternative\":true,\"reasons\":\"r\"}";
	/* Only for a suspect. */
	assert_int_equal(resp_status(assess(inv1, case_a, victim_link, body)), 409);
	assert_int_equal(resp_status(assess(inv1, case_b, "no-such-link", body)), 404);
	/* Another team, and roles without casework. */
	assert_int_equal(resp_status(assess(inv2, case_b, flagged_link, body)), 404);
	assert_int_equal(resp_status(assess(opcc1, case_b, flagged_link, body)), 403);
	assert_int_equal(resp_status(charge(inv2, plain_link, "charge")), 404);
	assert_int_equal(resp_status(charge(opcc1, plain_link, "charge")), 403);
	/* The link must be in the case named. */
	assert_int_equal(resp_status(assess(inv1, case_a, flagged_link, body)), 404);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_suspect_who_is_not_a_victim_is_charged_as_usual),
		cmocka_unit_test(test_a_flagged_adult_needs_an_approved_assessment_before_charge),
		cmocka_unit_test(test_children_and_schedule_4_have_their_own_rules),
		cmocka_unit_test(test_every_refusal),
	};
	return suite_run(&fixture, tests);
}
