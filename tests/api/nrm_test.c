/* The NRM over HTTP: referrals with and without consent, children, the
 * Reasonable Grounds clock over bank holidays, decisions in order, Duty to
 * Notify without identifying detail, and every refusal. */
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

static server srv;
static client *inv1, *inv2, *admin1, *opcc1;
static char case_id[64], adult[64], child[64], disputed[64], suspect[64], outsider[64];

static void post_id(client *c, const char *path, const char *body, char *out, size_t n)
{
	resp *r = client_req(c, "POST", path, body, NULL);
	if (r->status != 201)
		fail_msg("POST %s: %ld %s", path, r->status, r->body ? r->body : "");
	if (out)
		snprintf(out, n, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static void person(const char *fields, const char *role, char *id)
{
	post_id(inv1, "/api/v1/people", fields, id, 64);
	if (!role)
		return;
	char path[128], body[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"%s\"}", id, role);
	post_id(inv1, path, body, NULL, 0);
}

static int setup(void **state)
{
	(void)state;
	if (server_start(&srv, NULL) != 0)
		return -1;
	inv1 = client_new(&srv);
	inv2 = client_new(&srv);
	admin1 = client_new(&srv);
	opcc1 = client_new(&srv);
	if (client_login(inv1, "inv1", TEST_PASSWORD) != 201 || client_login(inv2, "inv2", TEST_PASSWORD) != 201 ||
	    client_login(admin1, "admin1", TEST_PASSWORD) != 201 ||
	    client_login(opcc1, "opcc1", TEST_PASSWORD) != 201)
		return -1;
	post_id(inv1, "/api/v1/cases", "{\"title\":\"Car wash, Swindon\",\"exploitation_types\":[\"labour\"]}",
		case_id, sizeof case_id);
	person("{\"given_names\":\"Ermal\",\"family_name\":\"Krasniqi\",\"date_of_birth\":\"1994-03-02\","
	       "\"gender\":\"male\",\"nationalities\":[\"AL\"]}",
	       "potential_victim", adult);
	person("{\"given_names\":\"Minh\",\"family_name\":\"Pham\",\"estimated_age\":16}", "potential_victim", child);
	person("{\"given_names\":\"Tesfay\",\"family_name\":\"Haile\",\"estimated_age\":19,\"age_disputed\":true}",
	       "potential_victim", disputed);
	person("{\"given_names\":\"Bogdan\",\"family_name\":\"Matei\"}", "suspect", suspect);
	person("{\"given_names\":\"Not\",\"family_name\":\"Linked\"}", NULL, outsider);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_free(inv1);
	client_free(inv2);
	client_free(admin1);
	client_free(opcc1);
	return server_stop(&srv);
}

static resp *refer(client *c, const char *person_id, const char *on, const char *consent)
{
	char body[512];
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"%s%s}",
		 case_id, person_id, on, consent ? ",\"consent\":" : "", consent ? consent : "");
	return client_req(c, "POST", "/api/v1/nrm-referrals", body, NULL);
}

static const char *field_of_error(resp *r)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(r->json, "errors"), 0), "field"));
}

static void test_an_adult_needs_consent_and_a_child_does_not(void **state)
{
	(void)state;
	/* No consent: 422, pointing to the Duty to Notify. */
	resp *r = refer(inv1, adult, "2026-11-20", NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "consent.given");
	assert_non_null(strstr(r->body, "duty-to-notify"));
	resp_free(r);
	r = refer(inv1, adult, "2026-11-20", "{\"given\":false}");
	assert_int_equal(r->status, 422);
	resp_free(r);
	/* Consent must say how and in which language. */
	r = refer(inv1, adult, "2026-11-20", "{\"given\":true}");
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "consent.method");
	resp_free(r);
	r = refer(inv1, adult, "2026-11-20", "{\"given\":true,\"method\":\"verbal\",\"language\":\"not a tag!\"}");
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "consent.language");
	resp_free(r);
	r = refer(inv1, adult, "2026-11-20",
		  "{\"given\":true,\"method\":\"signed form\",\"language\":\"sq\",\"interpreter\":\"Big Word, ref 4471\"}");
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "status")), "awaiting_reasonable_grounds");
	/* Friday 20 November: five working days on is Friday 27th. */
	assert_string_equal(json_string_value(json_object_get(r->json, "rg_due")), "2026-11-27");
	assert_true(json_is_false(json_object_get(r->json, "child")));
	assert_non_null(resp_header(r, "Location"));
	resp_free(r);
	/* A second open referral for the same person in the case: 409. */
	r = refer(inv1, adult, "2026-11-21", "{\"given\":true,\"method\":\"verbal\",\"language\":\"sq\"}");
	assert_int_equal(r->status, 409);
	resp_free(r);
	/* Children, and those whose age is disputed, need no consent. */
	r = refer(inv1, child, "2026-11-24", NULL);
	assert_int_equal(r->status, 201);
	assert_true(json_is_true(json_object_get(r->json, "child")));
	resp_free(r);
	r = refer(inv1, disputed, "2026-11-24", NULL);
	assert_int_equal(r->status, 201);
	assert_true(json_is_true(json_object_get(r->json, "child")));
	resp_free(r);
}

static void test_referrals_refuse_the_wrong_person_case_role_and_date(void **state)
{
	(void)state;
	const char *consent = "{\"given\":true,\"method\":\"verbal\",\"language\":\"ro\"}";
	resp *r = refer(inv1, suspect, "2026-11-20", consent);
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "person_id");
	resp_free(r);
	r = refer(inv1, outsider, "2026-11-20", consent);
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "person_id");
	resp_free(r);
	r = refer(inv1, child, "2099-01-01", NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "referred_on");
	resp_free(r);
	r = refer(inv1, child, "2026-02-30", NULL);
	assert_int_equal(r->status, 422);
	resp_free(r);
	/* Another team's investigator cannot see the case; it is not named as existing. */
	r = refer(inv2, child, "2026-11-20", NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "case_id");
	resp_free(r);
	/* The OPCC never touches casework. */
	r = refer(opcc1, child, "2026-11-20", NULL);
	assert_int_equal(r->status, 403);
	resp_free(r);
	r = client_req(inv1, "POST", "/api/v1/nrm-referrals", "{\"case_id\":\"x\"}", NULL);
	assert_int_equal(r->status, 422);
	resp_free(r);
}

static char *referral_of(const char *person_id, char *out)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	resp *r = client_req(inv1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	size_t i;
	json_t *x;
	out[0] = '\0';
	json_array_foreach(json_object_get(r->json, "nrm_referrals"), i, x)
	{
		if (strcmp(json_string_value(json_object_get(x, "person_id")), person_id) == 0)
			snprintf(out, 64, "%s", json_string_value(json_object_get(x, "id")));
	}
	resp_free(r);
	assert_true(out[0] != '\0');
	return out;
}

static long decide(const char *id, const char *stage, const char *outcome, const char *on, json_t **out)
{
	char path[160], body[200];
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/decisions", id);
	snprintf(body, sizeof body, "{\"stage\":\"%s\",\"outcome\":\"%s\",\"decided_on\":\"%s\"}", stage,
		 outcome, on);
	resp *r = client_req(inv1, "POST", path, body, NULL);
	long status = r->status;
	if (out)
		*out = json_incref(r->json);
	resp_free(r);
	return status;
}

static void test_decisions_run_in_order_and_start_the_recovery_period(void **state)
{
	(void)state;
	char id[64];
	referral_of(adult, id);
	json_t *j = NULL;
	assert_int_equal(decide(id, "conclusive_grounds", "positive", "2026-11-25", NULL), 409);
	assert_int_equal(decide(id, "reasonable_grounds", "maybe", "2026-11-25", NULL), 422);
	assert_int_equal(decide(id, "first_look", "positive", "2026-11-25", NULL), 422);
	assert_int_equal(decide(id, "reasonable_grounds", "positive", "2026-11-19", NULL), 409);
	assert_int_equal(decide(id, "reasonable_grounds", "positive", "2026-11-25", &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "reasonable_grounds_positive");
	assert_string_equal(json_string_value(json_object_get(j, "recovery_period_end")), "2026-12-25");
	json_decref(j);
	assert_int_equal(decide(id, "reasonable_grounds", "negative", "2026-11-26", NULL), 409);
	assert_int_equal(decide(id, "conclusive_grounds", "positive", "2026-11-24", NULL), 409);
	assert_int_equal(decide(id, "conclusive_grounds", "positive", "2026-11-27", &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "conclusive_grounds_positive");
	json_decref(j);
	/* A negative Reasonable Grounds decision: no recovery period, no Conclusive Grounds. */
	referral_of(child, id);
	assert_int_equal(decide(id, "reasonable_grounds", "negative", "2026-11-26", &j), 200);
	assert_true(json_is_null(json_object_get(j, "recovery_period_end")));
	json_decref(j);
	assert_int_equal(decide(id, "conclusive_grounds", "positive", "2026-11-27", NULL), 409);
	/* Reading a referral follows the case's reach. */
	char path[128];
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s", id);
	resp *r = client_req(inv1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "rg_outcome")), "negative");
	resp_free(r);
	r = client_req(inv2, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/decisions", id);
	r = client_req(inv2, "POST", path, "{\"stage\":\"conclusive_grounds\",\"outcome\":\"positive\",\"decided_on\":\"2026-11-27\"}", NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
	r = client_req(inv1, "GET", "/api/v1/nrm-referrals/no-such-referral", NULL, NULL);
	assert_int_equal(r->status, 404);
	resp_free(r);
}

static void test_duty_to_notify_carries_no_identity_without_consent(void **state)
{
	(void)state;
	char adult2[64], body[300];
	person("{\"given_names\":\"Ion\",\"family_name\":\"Rusu\",\"date_of_birth\":\"1988-01-09\",\"gender\":\"male\","
	       "\"nationalities\":[\"RO\"]}",
	       "potential_victim", adult2);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"2026-11-23\"}",
		 case_id, adult2);
	resp *r = client_req(inv1, "POST", "/api/v1/duty-to-notify", body, NULL);
	assert_int_equal(r->status, 201);
	json_t *n = json_object_get(r->json, "notification");
	assert_string_equal(json_string_value(json_object_get(n, "form")), "MS1");
	assert_null(json_object_get(n, "given_names"));
	assert_null(json_object_get(n, "date_of_birth"));
	assert_null(strstr(r->body, "Rusu"));
	assert_string_equal(json_string_value(json_array_get(json_object_get(n, "nationalities"), 0)), "RO");
	resp_free(r);
	snprintf(body, sizeof body,
		 "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"2026-11-24\",\"identifying_consent\":true}",
		 case_id, adult2);
	r = client_req(inv1, "POST", "/api/v1/duty-to-notify", body, NULL);
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "notification"), "family_name")), "Rusu");
	resp_free(r);
	/* A child is referred, not notified. */
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"2026-11-23\"}",
		 case_id, child);
	r = client_req(inv1, "POST", "/api/v1/duty-to-notify", body, NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(field_of_error(r), "person_id");
	resp_free(r);
	r = client_req(opcc1, "POST", "/api/v1/duty-to-notify", body, NULL);
	assert_int_equal(r->status, 403);
	resp_free(r);
}

static void test_a_referral_or_notification_answers_the_prompt(void **state)
{
	(void)state;
	char victim[64], path[160], link[64], id[64];
	person("{\"given_names\":\"Arta\",\"family_name\":\"Gashi\",\"estimated_age\":30}", NULL, victim);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
	char body[300];
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"potential_victim\"}", victim);
	post_id(inv1, path, body, link, sizeof link);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_id, link);
	post_id(inv1, path, "{\"code\":\"debt_bondage\"}", id, sizeof id);
	for (int round = 0; round < 2; round++) {
		snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
		resp *r = client_req(inv1, "GET", path, NULL, NULL);
		size_t i;
		json_t *p;
		int prompted = -1;
		json_array_foreach(json_object_get(r->json, "people"), i, p)
		{
			if (strcmp(json_string_value(json_object_get(p, "id")), link) == 0)
				prompted = json_is_true(json_object_get(p, "referral_prompt"));
		}
		resp_free(r);
		assert_int_equal(prompted, round == 0);
		snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"2026-11-25\"}",
			 case_id, victim);
		if (round == 0)
			post_id(inv1, "/api/v1/duty-to-notify", body, NULL, 0);
	}
}

static void test_bank_holidays_cover_2020_to_2030_and_an_admin_adds_more(void **state)
{
	(void)state;
	resp *r = client_req(inv1, "GET", "/api/v1/bank-holidays", NULL, NULL);
	assert_int_equal(r->status, 200);
	/* Every Good Friday and Easter Monday from the computus is in the table. */
	for (int year = 2020; year <= 2030; year++) {
		char easter[DATE_LEN], friday[DATE_LEN], monday[DATE_LEN];
		easter_sunday(year, easter);
		date_add_days(easter, -2, friday);
		date_add_days(easter, 1, monday);
		int found = 0;
		size_t i;
		json_t *h;
		json_array_foreach(json_object_get(r->json, "items"), i, h)
		{
			const char *day = json_string_value(json_object_get(h, "day"));
			found += !strcmp(day, friday) || !strcmp(day, monday);
		}
		if (found != 2)
			fail_msg("Easter %d missing from the bank holidays", year);
	}
	resp_free(r);
	r = client_req(inv1, "POST", "/api/v1/bank-holidays", "{\"day\":\"2026-12-01\",\"name\":\"Extra\"}", NULL);
	assert_int_equal(r->status, 403);
	resp_free(r);
	r = client_req(admin1, "POST", "/api/v1/bank-holidays", "{\"day\":\"2026-12-05\",\"name\":\"A Saturday\"}", NULL);
	assert_int_equal(r->status, 422);
	resp_free(r);
	r = client_req(admin1, "POST", "/api/v1/bank-holidays", "{\"day\":\"2026-12-25\",\"name\":\"Twice\"}", NULL);
	assert_int_equal(r->status, 409);
	resp_free(r);
	r = client_req(admin1, "POST", "/api/v1/bank-holidays", "{\"day\":\"2026-12-01\",\"name\":\"Extra holiday\"}", NULL);
	assert_int_equal(r->status, 201);
	resp_free(r);
	/* The clock now counts it out: Friday 27th + 5 working days skips Tuesday 1st. */
	char another[64];
	person("{\"given_names\":\"Lan\",\"family_name\":\"Bui\",\"estimated_age\":15}", "potential_victim", another);
	r = refer(inv1, another, "2026-11-27", NULL);
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "rg_due")), "2026-12-07");
	resp_free(r);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_adult_needs_consent_and_a_child_does_not),
		cmocka_unit_test(test_referrals_refuse_the_wrong_person_case_role_and_date),
		cmocka_unit_test(test_decisions_run_in_order_and_start_the_recovery_period),
		cmocka_unit_test(test_duty_to_notify_carries_no_identity_without_consent),
		cmocka_unit_test(test_a_referral_or_notification_answers_the_prompt),
		cmocka_unit_test(test_bank_holidays_cover_2020_to_2030_and_an_admin_adds_more),
	};
	int rc = cmocka_run_group_tests_name(test_engine_name(), tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
