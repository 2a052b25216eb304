/* The NRM over HTTP: referrals with and without consent, children, the
 * Reasonable Grounds clock over bank holidays, decisions in order, Duty to
 * Notify without identifying detail, reconsideration requests (only the
 * First Responder or the support provider), withdrawal, the prepared
 * referral summary and MS1, and every refusal. */
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
#include "store/db.h"

static server srv;
static client *inv1, *inv2, *admin1, *opcc1, *sup1, *part1;
static char hope_service[ID_LEN]; /* a service Hope Support Services gives */
static char case_id[ID_LEN], adult[ID_LEN], child[ID_LEN], disputed[ID_LEN], suspect[ID_LEN], outsider[ID_LEN];

static void person(const char *fields, const char *role, char *id)
{
	client_post_id(inv1, "/api/v1/people", fields, id);
	if (role)
		case_link_person(inv1, case_id, id, role, NULL);
}

static int records(void)
{
	char hope[ID_LEN];
	partner_id(inv1, "Hope Support Services", hope);
	service_make(admin1, "Hope Navigators", hope, 72, hope_service);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Car wash, Swindon\",\"exploitation_types\":[\"labour\"]}",
		case_id);
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

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&admin1, "admin1"}, {&opcc1, "opcc1"}, {&sup1, "sup1"},
	{&part1, "part1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

static resp *refer(client *c, const char *person_id, const char *on, const char *consent)
{
	char body[512];
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"%s%s}",
		 case_id, person_id, on, consent ? ",\"consent\":" : "", consent ? consent : "");
	return client_req(c, "POST", "/api/v1/nrm-referrals", body, NULL);
}

static void test_an_adult_needs_consent_and_a_child_does_not(void **state)
{
	(void)state;
	/* No consent: 422, pointing to the Duty to Notify. */
	resp *r = refer(inv1, adult, "2026-11-20", NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "consent.given");
	assert_non_null(strstr(r->body, "duty-to-notify"));
	resp_free(r);
	assert_int_equal(resp_status(refer(inv1, adult, "2026-11-20", "{\"given\":false}")), 422);
	/* Consent must say how and in which language. */
	resp_expect_field(refer(inv1, adult, "2026-11-20", "{\"given\":true}"), "consent.method");
	resp_expect_field(refer(inv1, adult, "2026-11-20", "{\"given\":true,\"method\":\"verbal\",\"language\":\"not a tag!\"}"), "consent.language");
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
	assert_int_equal(resp_status(refer(inv1, adult, "2026-11-21", "{\"given\":true,\"method\":\"verbal\",\"language\":\"sq\"}")), 409);
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
	resp_expect_field(refer(inv1, suspect, "2026-11-20", consent), "person_id");
	resp_expect_field(refer(inv1, outsider, "2026-11-20", consent), "person_id");
	resp_expect_field(refer(inv1, child, "2099-01-01", NULL), "referred_on");
	assert_int_equal(resp_status(refer(inv1, child, "2026-02-30", NULL)), 422);
	/* Another team's investigator cannot see the case; it is not named as existing. */
	resp_expect_field(refer(inv2, child, "2026-11-20", NULL), "case_id");
	/* The OPCC never touches casework. */
	assert_int_equal(resp_status(refer(opcc1, child, "2026-11-20", NULL)), 403);
	assert_int_equal(client_status(inv1, "POST", "/api/v1/nrm-referrals", "{\"case_id\":\"x\"}"), 422);
}

static char *referral_of(const char *person_id, char *out)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	json_t *c = client_get_json(inv1, path, 200);
	json_t *x = json_find(json_object_get(c, "nrm_referrals"), "person_id", person_id);
	assert_non_null(x);
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(x, "id")));
	json_decref(c);
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
	assert_int_equal(client_status(inv2, "GET", path, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/decisions", id);
	assert_int_equal(client_status(inv2, "POST", path, "{\"stage\":\"conclusive_grounds\",\"outcome\":\"positive\",\"decided_on\":\"2026-11-27\"}"), 404);
	assert_int_equal(client_status(inv1, "GET", "/api/v1/nrm-referrals/no-such-referral", NULL), 404);
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
	resp_expect_field(client_req(inv1, "POST", "/api/v1/duty-to-notify", body, NULL), "person_id");
	assert_int_equal(client_status(opcc1, "POST", "/api/v1/duty-to-notify", body), 403);
}

static void test_a_referral_or_notification_answers_the_prompt(void **state)
{
	(void)state;
	char victim[64], path[160], link[64], id[64];
	person("{\"given_names\":\"Arta\",\"family_name\":\"Gashi\",\"estimated_age\":30}", NULL, victim);
	case_link_person(inv1, case_id, victim, "potential_victim", link);
	char body[300];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_id, link);
	client_post_id(inv1, path, "{\"code\":\"debt_bondage\"}", id);
	for (int round = 0; round < 2; round++) {
		json_t *p = case_person(inv1, case_id, link);
		int prompted = p ? json_is_true(json_object_get(p, "referral_prompt")) : -1;
		json_decref(p);
		assert_int_equal(prompted, round == 0);
		snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"2026-11-25\"}",
			 case_id, victim);
		if (round == 0)
			client_post_id(inv1, "/api/v1/duty-to-notify", body, NULL);
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
	assert_int_equal(client_status(inv1, "POST", "/api/v1/bank-holidays", "{\"day\":\"2026-12-01\",\"name\":\"Extra\"}"), 403);
	assert_int_equal(client_status(admin1, "POST", "/api/v1/bank-holidays", "{\"day\":\"2026-12-05\",\"name\":\"A Saturday\"}"), 422);
	assert_int_equal(client_status(admin1, "POST", "/api/v1/bank-holidays", "{\"day\":\"2026-12-25\",\"name\":\"Twice\"}"), 409);
	assert_int_equal(client_status(admin1, "POST", "/api/v1/bank-holidays", "{\"day\":\"2026-12-01\",\"name\":\"Extra holiday\"}"), 201);
	/* The clock now counts it out: Friday 27th + 5 working days skips Tuesday 1st. */
	char another[64];
	person("{\"given_names\":\"Lan\",\"family_name\":\"Bui\",\"estimated_age\":15}", "potential_victim", another);
	r = refer(inv1, another, "2026-11-27", NULL);
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "rg_due")), "2026-12-07");
	resp_free(r);
}

/* A new adult potential victim referred with consent on a day; writes the
 * person, their link and the referral. */
static void referred_adult(const char *given, const char *on, char *person_id, char *link, char *referral)
{
	char body[300];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"Hoxha\",\"date_of_birth\":\"1990-05-05\"}", given);
	client_post_id(inv1, "/api/v1/people", body, person_id);
	case_link_person(inv1, case_id, person_id, "potential_victim", link);
	resp *r = refer(inv1, person_id, on, "{\"given\":true,\"method\":\"signed form\",\"language\":\"sq\"}");
	assert_int_equal(r->status, 201);
	snprintf(referral, 64, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static const char *str_at(json_t *j, const char *a, const char *b)
{
	json_t *x = json_object_get(j, a);
	return json_string_value(b ? json_object_get(x, b) : x);
}

static void test_only_the_first_responder_or_support_provider_asks_for_reconsideration(void **state)
{
	(void)state;
	char pid[64], link[64], ref[64], path[200], body[400];
	referred_adult("Besnik", "2026-11-02", pid, link, ref);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/reconsiderations", ref);
	const char *ask = "{\"stage\":\"reasonable_grounds\",\"requested_on\":\"2026-11-09\","
			  "\"reasons\":\"The decision did not weigh the debt bondage evidence\"}";
	/* Nothing decided yet. */
	client_expect_free(inv1, "POST", path, ask, 409);
	assert_int_equal(decide(ref, "reasonable_grounds", "negative", "2026-11-06", NULL), 200);
	/* A colleague who can see the case, a partner who is not the support
	 * provider (nothing is shared with them: no such referral), someone who
	 * cannot see it, and a role without cases. */
	client_expect_free(sup1, "POST", path, ask, 403);
	client_expect_free(part1, "POST", path, ask, 404);
	client_expect_free(inv2, "POST", path, ask, 404);
	client_expect_free(opcc1, "POST", path, ask, 403);
	/* Bad input names the field; a request dated before the decision is refused. */
	resp *r = client_expect(inv1, "POST", path, "{\"stage\":\"first_look\",\"requested_on\":\"2026-11-09\",\"reasons\":\"x\"}", 422);
	assert_string_equal(resp_error_field(r), "stage");
	resp_free(r);
	client_expect_free(inv1, "POST", path,
	       "{\"stage\":\"reasonable_grounds\",\"requested_on\":\"2026-11-05\",\"reasons\":\"too early\"}", 409);
	client_expect_free(inv1, "POST", path,
	       "{\"stage\":\"conclusive_grounds\",\"requested_on\":\"2026-11-09\",\"reasons\":\"not decided\"}", 409);
	r = client_expect(inv1, "POST", path, ask, 201);
	json_t *q = json_array_get(json_object_get(r->json, "reconsiderations"), 0);
	assert_string_equal(str_at(q, "capacity", NULL), "first_responder");
	assert_true(json_is_null(json_object_get(q, "outcome")));
	char request[64];
	snprintf(request, sizeof request, "%s", str_at(q, "id", NULL));
	resp_free(r);
	/* One request per decision awaits its outcome at a time. */
	client_expect_free(inv1, "POST", path, ask, 409);

	/* The outcome: reversed, so the recovery period starts from its date. */
	char out_path[300];
	snprintf(out_path, sizeof out_path, "/api/v1/nrm-referrals/%s/reconsiderations/%s/outcome", ref, request);
	r = client_expect(inv1, "POST", out_path, "{\"outcome\":\"maybe\",\"decided_on\":\"2026-11-16\"}", 422);
	assert_string_equal(resp_error_field(r), "outcome");
	resp_free(r);
	r = client_expect(inv1, "POST", out_path, "{\"outcome\":\"revised\",\"decided_on\":\"2026-11-08\"}", 422);
	assert_string_equal(resp_error_field(r), "decided_on");
	resp_free(r);
	snprintf(body, sizeof body, "/api/v1/nrm-referrals/%s/reconsiderations/no-such-request/outcome", ref);
	client_expect_free(inv1, "POST", body, "{\"outcome\":\"upheld\",\"decided_on\":\"2026-11-16\"}", 404);
	client_expect_free(inv2, "POST", out_path, "{\"outcome\":\"upheld\",\"decided_on\":\"2026-11-16\"}", 404);
	/* Only the force records an outcome: never a partner, nor a role without cases. */
	client_expect_free(part1, "POST", out_path, "{\"outcome\":\"upheld\",\"decided_on\":\"2026-11-16\"}", 403);
	client_expect_free(opcc1, "POST", out_path, "{\"outcome\":\"upheld\",\"decided_on\":\"2026-11-16\"}", 403);
	r = client_expect(inv1, "POST", out_path, "{\"outcome\":\"revised\",\"decided_on\":\"2026-11-16\"}", 200);
	assert_string_equal(str_at(r->json, "status", NULL), "reasonable_grounds_positive");
	assert_string_equal(str_at(r->json, "rg_outcome", NULL), "positive");
	assert_string_equal(str_at(r->json, "recovery_period_end", NULL), "2026-12-16");
	assert_string_equal(str_at(json_array_get(json_object_get(r->json, "reconsiderations"), 0), "outcome", NULL),
			    "revised");
	resp_free(r);
	client_expect_free(inv1, "POST", out_path, "{\"outcome\":\"upheld\",\"decided_on\":\"2026-11-17\"}", 409);

	/* The victim is referred to a support provider that uses Waymark: its
	 * caseworkers may then read the referral and ask for a reconsideration. */
	r = client_req(inv1, "GET", "/api/v1/organisations?kind=partner", NULL, NULL);
	assert_int_equal(r->status, 200);
	char org[64] = "";
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(r->json, "items"), i, o)
	{
		if (strcmp(str_at(o, "name", NULL), "Hope Support Services") == 0)
			snprintf(org, sizeof org, "%s", str_at(o, "id", NULL));
		/* Each of a partner's kinds; Hope is a support provider. */
		const char *kind = str_at(o, "kind", NULL);
		assert_true(strcmp(kind, "force") != 0 && strcmp(kind, "opcc") != 0);
		if (strcmp(str_at(o, "name", NULL), "Hope Support Services") == 0)
			assert_string_equal(kind, "support_provider");
	}
	resp_free(r);
	assert_true(org[0]);
	client_expect_free(inv1, "GET", "/api/v1/organisations?kind=pub", NULL, 422);
	char sup_path[200];
	snprintf(sup_path, sizeof sup_path, "/api/v1/cases/%s/people/%s/service-referrals", case_id, link);
	r = client_expect(inv1, "POST", sup_path, "{\"service_id\":\"spa_day\",\"need\":\"Rest\",\"urgency\":\"routine\"}",
			  422);
	assert_string_equal(resp_error_field(r), "service_id");
	resp_free(r);
	/* Without the victim's consent to share for support, nothing is made. */
	snprintf(body, sizeof body, "{\"service_id\":\"%s\",\"need\":\"A safe house place\",\"urgency\":\"routine\"}",
		 hope_service);
	resp_expect_field(client_expect(inv1, "POST", sup_path, body, 422), "consent");
	snprintf(body, sizeof body, "/api/v1/nrm-referrals/%s", ref);
	client_expect_free(part1, "GET", body, NULL, 404); /* not theirs until they support the person */
	consent_for_support(inv1, pid);
	service_refer(inv1, case_id, link, hope_service, NULL);
	snprintf(body, sizeof body, "/api/v1/nrm-referrals/%s", ref);
	r = client_req(part1, "GET", body, NULL, NULL);
	assert_int_equal(r->status, 200);
	/* The reader learns in which capacity they may ask: the partner as the
	 * support provider, the referring officer as First Responder, a
	 * colleague not at all. */
	assert_string_equal(str_at(r->json, "my_capacity", NULL), "support_provider");
	resp_free(r);
	r = client_req(inv1, "GET", body, NULL, NULL);
	assert_string_equal(str_at(r->json, "my_capacity", NULL), "first_responder");
	resp_free(r);
	r = client_req(sup1, "GET", body, NULL, NULL);
	assert_true(json_is_null(json_object_get(r->json, "my_capacity")));
	resp_free(r);
	assert_int_equal(decide(ref, "conclusive_grounds", "negative", "2026-11-20", NULL), 200);
	/* Reasonable Grounds is superseded once Conclusive Grounds is decided. */
	client_expect_free(part1, "POST", path, ask, 409);
	r = client_expect(part1, "POST", path,
			"{\"stage\":\"conclusive_grounds\",\"requested_on\":\"2026-11-23\",\"reasons\":\"New account from "
			"the victim after trauma-informed support\"}",
			201);
	q = json_array_get(json_object_get(r->json, "reconsiderations"), 1);
	assert_string_equal(str_at(q, "capacity", NULL), "support_provider");
	assert_string_equal(str_at(q, "requested_by", "name"), "part1");
	resp_free(r);
	/* The case shows the service referral against the victim. */
	json_t *p = case_person(inv1, case_id, link);
	assert_non_null(p);
	json_t *s = json_array_get(json_object_get(p, "service_referrals"), 0);
	assert_string_equal(str_at(s, "service", NULL), "Hope Navigators");
	assert_string_equal(str_at(s, "status", NULL), "referred");
	assert_true(json_is_false(json_object_get(s, "overdue")));
	json_decref(p);
}

static void test_a_referral_is_withdrawn_with_a_reason_once(void **state)
{
	(void)state;
	char pid[64], link[64], ref[64], path[200];
	referred_adult("Drita", "2026-11-10", pid, link, ref);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/withdrawal", ref);
	resp *r = client_expect(inv1, "POST", path, "{\"withdrawn_on\":\"2026-11-12\"}", 422);
	assert_string_equal(resp_error_field(r), "reason");
	resp_free(r);
	r = client_expect(inv1, "POST", path, "{\"withdrawn_on\":\"2026-13-12\",\"reason\":\"x\"}", 422);
	assert_string_equal(resp_error_field(r), "withdrawn_on");
	resp_free(r);
	client_expect_free(inv1, "POST", path, "{\"withdrawn_on\":\"2026-11-09\",\"reason\":\"Before the referral\"}", 409);
	client_expect_free(inv2, "POST", path, "{\"withdrawn_on\":\"2026-11-12\",\"reason\":\"Not my case\"}", 404);
	r = client_expect(inv1, "POST", path, "{\"withdrawn_on\":\"2026-11-12\",\"reason\":\"She withdrew her consent\"}", 200);
	assert_string_equal(str_at(r->json, "status", NULL), "withdrawn");
	assert_string_equal(str_at(r->json, "withdrawal_reason", NULL), "She withdrew her consent");
	resp_free(r);
	client_expect_free(inv1, "POST", path, "{\"withdrawn_on\":\"2026-11-13\",\"reason\":\"Again\"}", 409);
	char dpath[200];
	snprintf(dpath, sizeof dpath, "/api/v1/nrm-referrals/%s/decisions", ref);
	client_expect_free(inv1, "POST", dpath, "{\"stage\":\"reasonable_grounds\",\"outcome\":\"positive\",\"decided_on\":\"2026-11-13\"}",
	       409);
	/* She may be referred again later. */
	assert_int_equal(resp_status(refer(inv1, pid, "2026-11-20", "{\"given\":true,\"method\":\"verbal\",\"language\":\"sq\"}")), 201);
	/* A concluded referral is not withdrawn. */
	char pid2[64], link2[64], ref2[64];
	referred_adult("Genta", "2026-11-02", pid2, link2, ref2);
	assert_int_equal(decide(ref2, "reasonable_grounds", "positive", "2026-11-04", NULL), 200);
	assert_int_equal(decide(ref2, "conclusive_grounds", "positive", "2026-11-20", NULL), 200);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/withdrawal", ref2);
	client_expect_free(inv1, "POST", path, "{\"withdrawn_on\":\"2026-11-21\",\"reason\":\"Too late\"}", 409);
}

/* Asks for the stage's reconsideration as the First Responder; writes the
 * outcome path of the request. */
static void reconsider(const char *ref, const char *stage, const char *on, char *outcome_path, size_t n)
{
	char path[200], body[300];
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/reconsiderations", ref);
	snprintf(body, sizeof body, "{\"stage\":\"%s\",\"requested_on\":\"%s\",\"reasons\":\"New evidence\"}", stage, on);
	resp *r = client_expect(inv1, "POST", path, body, 201);
	json_t *list = json_object_get(r->json, "reconsiderations");
	snprintf(outcome_path, n, "/api/v1/nrm-referrals/%s/reconsiderations/%s/outcome", ref,
		 str_at(json_array_get(list, json_array_size(list) - 1), "id", NULL));
	resp_free(r);
}

static void test_a_decision_is_not_reversed_once_withdrawn_or_superseded(void **state)
{
	(void)state;
	char pid[64], link[64], ref[64], path[200], outcome[300];
	/* Withdrawn while a reconsideration was awaited: the decision stands. */
	referred_adult("Valbona", "2026-11-02", pid, link, ref);
	assert_int_equal(decide(ref, "reasonable_grounds", "negative", "2026-11-06", NULL), 200);
	reconsider(ref, "reasonable_grounds", "2026-11-09", outcome, sizeof outcome);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/withdrawal", ref);
	client_expect_free(inv1, "POST", path, "{\"withdrawn_on\":\"2026-11-10\",\"reason\":\"She withdrew her consent\"}", 200);
	resp *r = client_expect(inv1, "POST", outcome, "{\"outcome\":\"revised\",\"decided_on\":\"2026-11-12\"}", 409);
	assert_non_null(strstr(r->body, "withdrawn"));
	resp_free(r);
	/* A Reasonable Grounds request overtaken by the Conclusive Grounds decision. */
	referred_adult("Mirela", "2026-11-02", pid, link, ref);
	assert_int_equal(decide(ref, "reasonable_grounds", "positive", "2026-11-04", NULL), 200);
	reconsider(ref, "reasonable_grounds", "2026-11-05", outcome, sizeof outcome);
	assert_int_equal(decide(ref, "conclusive_grounds", "positive", "2026-11-20", NULL), 200);
	r = client_expect(inv1, "POST", outcome, "{\"outcome\":\"revised\",\"decided_on\":\"2026-11-21\"}", 409);
	assert_non_null(strstr(r->body, "Conclusive Grounds"));
	resp_free(r);
	r = client_expect(inv1, "POST", outcome, "{\"outcome\":\"upheld\",\"decided_on\":\"2026-11-21\"}", 200);
	assert_string_equal(str_at(r->json, "status", NULL), "conclusive_grounds_positive");
	resp_free(r);
}

static void test_the_prepared_summary_and_ms1_hold_what_the_forms_ask_and_nothing_sealed(void **state)
{
	(void)state;
	char pid[64], link[64], ref[64], path[200];
	referred_adult("Flutura", "2026-11-16", pid, link, ref);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_id, link);
	client_post_id(inv1, path, "{\"code\":\"documents_withheld\",\"note\":\"Passport kept by the boss\"}", NULL);
	/* A sealed immigration status, which the summary must never carry. */
	snprintf(path, sizeof path, "/api/v1/people/%s", pid);
	assert_int_equal(resp_status(client_patch_current(inv1, path, "{\"immigration_status\":\"Overstayer-SEALED-7731\"}")), 200);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/summary", ref);
	resp *r = client_req(inv1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_null(strstr(r->body, "SEALED-7731"));
	assert_string_equal(str_at(r->json, "potential_victim", "given_names"), "Flutura");
	assert_string_equal(str_at(r->json, "referral", "id"), ref);
	assert_string_equal(str_at(json_object_get(r->json, "referral"), "first_responder", "organisation"),
			    "Test Constabulary");
	json_t *ind = json_array_get(json_object_get(r->json, "indicators"), 0);
	assert_string_equal(str_at(ind, "label", NULL), "Identity documents held by someone else");
	assert_string_equal(str_at(ind, "note", NULL), "Passport kept by the boss");
	assert_string_equal(str_at(r->json, "case", "title"), "Car wash, Swindon");
	assert_non_null(strstr(str_at(r->json, "immigration_status", NULL), "sealed"));
	resp_free(r);
	client_expect_free(inv2, "GET", path, NULL, 404);
	client_expect_free(opcc1, "GET", path, NULL, 403);
	client_expect_free(inv1, "GET", "/api/v1/nrm-referrals/no-such/summary", NULL, 404);

	/* The MS1 of a Duty to Notify, read back: no identity without consent. */
	char adult3[64], body[300];
	person("{\"given_names\":\"Petru\",\"family_name\":\"Ciobanu\",\"date_of_birth\":\"1979-02-01\"}",
	       "potential_victim", adult3);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"2026-11-23\"}",
		 case_id, adult3);
	r = client_expect(inv1, "POST", "/api/v1/duty-to-notify", body, 201);
	snprintf(path, sizeof path, "%s", resp_header(r, "Location"));
	resp_free(r);
	r = client_req(inv1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(str_at(r->json, "notification", "form"), "MS1");
	assert_string_equal(str_at(r->json, "notification", "force"), "Test Constabulary");
	assert_null(strstr(r->body, "Ciobanu"));
	/* Whether they need an interpreter identifies nobody; the case is named
	 * beside the MS1, by reference and title. */
	assert_true(json_is_false(json_object_get(json_object_get(r->json, "notification"), "interpreter_needed")));
	assert_string_equal(str_at(r->json, "case", "title"), "Car wash, Swindon");
	assert_string_equal(str_at(r->json, "notification", "case_reference"), str_at(r->json, "case", "reference"));
	resp_free(r);
	client_expect_free(inv2, "GET", path, NULL, 404);
	client_expect_free(inv1, "GET", "/api/v1/duty-to-notify/no-such", NULL, 404);
}

/* The service referral of the item for person_id in a list of what is
 * shared, borrowed from list; or NULL. */
static json_t *shared_for(json_t *list, const char *person_id)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(list, "items"), i, x)
	{
		if (strcmp(str_at(x, "person", "id"), person_id) == 0)
			return x;
	}
	return NULL;
}

static void test_a_partner_sees_only_what_is_shared_with_its_organisation(void **state)
{
	(void)state;
	char pid[64], link[64], ref[64], other[64], olink[64], oref[64], path[200];
	referred_adult("Valbona", "2026-11-02", pid, link, ref);
	referred_adult("Shpresa", "2026-11-02", other, olink, oref);
	assert_int_equal(decide(ref, "reasonable_grounds", "positive", "2026-11-06", NULL), 200);
	/* Nothing of hers is shared yet. */
	json_t *l = client_get_json(part1, "/api/v1/shared", 200);
	assert_null(shared_for(l, pid));
	json_decref(l);
	/* Valbona is referred to a service Hope Support Services gives;
	 * Shpresa to none. */
	consent_for_support(inv1, pid);
	service_refer(inv1, case_id, link, hope_service, NULL);

	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	json_t *kase = client_get_json(inv1, path, 200);
	char reference[32];
	snprintf(reference, sizeof reference, "%s", str_at(kase, "reference", NULL));
	json_decref(kase);
	resp *r = client_expect(part1, "GET", "/api/v1/shared", NULL, 200);
	json_t *x = shared_for(r->json, pid);
	assert_non_null(x);
	assert_null(shared_for(r->json, other));
	assert_string_equal(str_at(x, "service", "name"), "Hope Navigators");
	assert_string_equal(str_at(x, "status", NULL), "referred");
	assert_string_equal(str_at(x, "need", NULL), "Somewhere safe to stay");
	assert_string_equal(str_at(x, "person", "given_names"), "Valbona");
	assert_string_equal(str_at(x, "person", "family_name"), "Hoxha");
	assert_string_equal(str_at(x, "case", "reference"), reference);
	assert_string_equal(str_at(x, "referred_by", "organisation"), "Test Constabulary");
	json_t *n = json_array_get(json_object_get(x, "nrm_referrals"), 0);
	assert_string_equal(str_at(n, "id", NULL), ref);
	assert_string_equal(str_at(n, "recovery_period_end", NULL), "2026-12-06");
	assert_true(json_is_true(json_object_get(n, "may_ask_reconsideration")));
	/* Nothing else of the case: not its title, nor its other people. */
	assert_null(strstr(r->body, "Car wash, Swindon"));
	assert_null(strstr(r->body, "Shpresa"));
	assert_null(strstr(r->body, "Krasniqi"));
	resp_free(r);

	/* The shared referral names whom and which case it is about: the
	 * case's title only for those who read cases. */
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s", ref);
	r = client_expect(part1, "GET", path, NULL, 200);
	assert_string_equal(str_at(r->json, "person", "given_names"), "Valbona");
	assert_string_equal(str_at(r->json, "case", "reference"), reference);
	assert_true(json_is_null(json_object_get(json_object_get(r->json, "case"), "title")));
	assert_null(strstr(r->body, "Car wash, Swindon"));
	resp_free(r);
	r = client_expect(inv1, "GET", path, NULL, 200);
	assert_string_equal(str_at(r->json, "case", "title"), "Car wash, Swindon");
	assert_string_equal(str_at(r->json, "person", "family_name"), "Hoxha");
	resp_free(r);

	/* The rest is not there for the partner: another person's referral, the
	 * prepared summary and the case itself. */
	client_get_expect(part1, 404, "/api/v1/nrm-referrals/%s", oref);
	client_get_expect(part1, 404, "/api/v1/nrm-referrals/%s/summary", ref);
	client_get_expect(part1, 403, "/api/v1/cases/%s", case_id);

	/* Another partner organisation is shared nothing, and reaches nothing. */
	const char *add[] = {"user", "add", "--username", "part.haven", "--role", "partner", "--org",
			     "Haven Trust", "--host", "Test Constabulary", NULL};
	assert_int_equal(run_waymark(&srv, TEST_PASSWORD "\n", NULL, 0, add), 0);
	assert_int_equal(server_second_factor_off(&srv, "Haven Trust"), 0);
	client *haven = client_signed_in(&srv, "part.haven");
	l = client_get_json(haven, "/api/v1/shared", 200);
	assert_int_equal(json_integer_value(json_object_get(l, "total")), 0);
	json_decref(l);
	client_get_expect(haven, 404, "/api/v1/nrm-referrals/%s", ref);
	client_free(haven);

	/* The force's roles are shared nothing here; roles without casework
	 * may not ask; paging is checked. */
	l = client_get_json(inv1, "/api/v1/shared", 200);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 0);
	json_decref(l);
	client_expect_free(admin1, "GET", "/api/v1/shared", NULL, 403);
	client_expect_free(opcc1, "GET", "/api/v1/shared", NULL, 403);
	client_expect_query_error(part1, "/api/v1/shared?limit=0", "limit");
	client_expect_query_error(part1, "/api/v1/shared?cursor=nonsense", "cursor");
}

/* When the check for an open referral fails, the failure is the answer:
 * nobody is referred a second time without that check. The check alone
 * reads withdrawn_on, so hiding the column fails it and nothing else. */
static void test_a_failed_check_for_an_open_referral_refers_nobody(void **state)
{
	(void)state;
	char id[64], err[256];
	person("{\"given_names\":\"Ioana\",\"family_name\":\"Rusu\",\"estimated_age\":15}",
	       "potential_victim", id);
	resp *r = refer(inv1, id, "2026-11-24", NULL);
	assert_int_equal(r->status, 201);
	resp_free(r);
	db *d;
	assert_int_equal(db_open(srv.db_url, 5000, &d, err, sizeof err), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE nrm_referrals RENAME COLUMN withdrawn_on TO withdrawn_on_hidden"),
			 DB_OK);
	r = refer(inv1, id, "2026-11-25", NULL);
	long status = r->status;
	resp_free(r);
	assert_int_equal(db_exec(d, "ALTER TABLE nrm_referrals RENAME COLUMN withdrawn_on_hidden TO withdrawn_on"),
			 DB_OK);
	const char *p[] = {id};
	int n = 0;
	assert_int_equal(db_count(d, "SELECT 1 FROM nrm_referrals WHERE person_id = $1", 1, p, &n), DB_OK);
	db_close(d);
	assert_int_equal(status, 500);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_adult_needs_consent_and_a_child_does_not),
		cmocka_unit_test(test_referrals_refuse_the_wrong_person_case_role_and_date),
		cmocka_unit_test(test_decisions_run_in_order_and_start_the_recovery_period),
		cmocka_unit_test(test_duty_to_notify_carries_no_identity_without_consent),
		cmocka_unit_test(test_a_referral_or_notification_answers_the_prompt),
		cmocka_unit_test(test_bank_holidays_cover_2020_to_2030_and_an_admin_adds_more),
		cmocka_unit_test(test_only_the_first_responder_or_support_provider_asks_for_reconsideration),
		cmocka_unit_test(test_a_referral_is_withdrawn_with_a_reason_once),
		cmocka_unit_test(test_a_decision_is_not_reversed_once_withdrawn_or_superseded),
		cmocka_unit_test(test_the_prepared_summary_and_ms1_hold_what_the_forms_ask_and_nothing_sealed),
		cmocka_unit_test(test_a_failed_check_for_an_open_referral_refers_nobody),
		cmocka_unit_test(test_a_partner_sees_only_what_is_shared_with_its_organisation),
	};
	return suite_run(&fixture, tests);
}
