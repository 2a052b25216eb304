/* Inside a case: indicators and the referral prompt, victim context,
 * places, and the timeline with sealed notes. */
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
static client *inv1, *inv2;
static char case_id[ID_LEN], victim_link[ID_LEN], suspect_link[ID_LEN];

static int records(void)
{
	char victim[ID_LEN], suspect[ID_LEN];
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Hand car wash\",\"exploitation_types\":[\"labour\"]}",
		       case_id);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Florin\",\"family_name\":\"Dumitru\"}", victim);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Gheorghe\",\"family_name\":\"Ionescu\"}",
		       suspect);
	case_link_person(inv1, case_id, victim, "potential_victim", victim_link);
	case_link_person(inv1, case_id, suspect, "suspect", suspect_link);
	return 0;
}

static const suite_login logins[] = {{&inv1, "inv1"}, {&inv2, "inv2"}, {NULL, NULL}};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

static json_t *get_case(void)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	return client_get_json(inv1, path, 200);
}

static json_t *person_in(json_t *c, const char *link)
{
	return json_find(json_object_get(c, "people"), "id", link);
}

static void test_indicators_prompt_a_referral(void **state)
{
	(void)state;
	json_t *c = get_case();
	assert_true(json_is_false(json_object_get(person_in(c, victim_link), "referral_prompt")));
	json_decref(c);
	char path[256], id[64];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_id, victim_link);
	client_post_id(inv1, path, "{\"code\":\"documents_withheld\",\"note\":\"passport kept by the manager\"}",
		id);
	client_post_id(inv1, path, "{\"code\":\"lives_at_workplace\"}", id);
	assert_int_equal(client_status(inv1, "POST", path, "{\"code\":\"documents_withheld\"}"), 409);
	resp *r = client_req(inv1, "POST", path, "{\"code\":\"looks_sad\"}", NULL);
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "code"));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/no-such-link/indicators", case_id);
	assert_int_equal(client_status(inv1, "POST", path, "{\"code\":\"isolated\"}"), 404);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_id, victim_link);
	assert_int_equal(client_status(inv2, "POST", path, "{\"code\":\"isolated\"}"), 404);
	c = get_case();
	json_t *v = person_in(c, victim_link);
	assert_true(json_is_true(json_object_get(v, "referral_prompt")));
	json_t *inds = json_object_get(v, "indicators");
	assert_int_equal(json_array_size(inds), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(inds, 0), "group")),
			    "situational");
	assert_non_null(json_object_get(json_array_get(inds, 0), "recorded_by"));
	assert_int_equal(json_array_size(json_object_get(person_in(c, suspect_link), "indicators")), 0);
	json_decref(c);
}

static void test_victim_context_only_for_a_potential_victim(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/victim-context", case_id, victim_link);
	const char *ctx = "{\"relationship_to_trafficker\":\"employer\",\"method_of_recruitment\":"
			  "\"through_an_online_advertisement\",\"methods_of_control\":[\"debt_bondage\",\"withholds_documents\"],"
			  "\"types_of_exploitation\":[\"forced_labour\"]}";
	assert_int_equal(client_status(inv1, "PUT", path, ctx), 200);
	resp *r = client_req(inv1, "PUT", path, "{\"methods_of_control\":[\"hypnosis\"]}", NULL);
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "methods_of_control"));
	resp_free(r);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"relationship_to_trafficker\":\"nemesis\"}"), 422);
	/* The codes from before HTCDS v2.0's lists are no longer taken, nor a value twice. */
	assert_int_equal(client_status(inv1, "PUT", path, "{\"method_of_recruitment\":\"job_offer\"}"), 422);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"methods_of_control\":[\"threats\"]}"), 422);
	assert_int_equal(client_status(inv1, "PUT", path, "{\"types_of_exploitation\":[\"domestic_servitude\"]}"),
			 422);
	r = client_req(inv1, "PUT", path, "{\"types_of_exploitation\":[\"servitude\",\"other\",\"servitude\"]}",
		       NULL);
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "servitude twice"));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/victim-context", case_id, suspect_link);
	assert_int_equal(client_status(inv1, "PUT", path, ctx), 409);
	json_t *c = get_case();
	json_t *vc = json_object_get(person_in(c, victim_link), "victim_context");
	assert_string_equal(json_string_value(json_object_get(vc, "relationship_to_trafficker")),
			    "employer");
	assert_int_equal(json_array_size(json_object_get(vc, "methods_of_control")), 2);
	json_decref(c);
}

static void test_places_need_somewhere_and_sane_dates(void **state)
{
	(void)state;
	char path[128], id[64];
	snprintf(path, sizeof path, "/api/v1/cases/%s/places", case_id);
	client_post_id(inv1, path, "{\"kind\":\"recruitment\",\"country\":\"RO\",\"date_from\":\"2025-03-01\"}",
		id);
	resp *r = client_req(inv1, "POST", path,
			     "{\"kind\":\"exploitation\",\"address\":\"Unit 4, Station Road\","
			     "\"postcode\":\"sn1 2jh\",\"date_from\":\"2025-04-01\",\"date_to\":\"2025-09-30\"}",
			     NULL);
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "postcode")), "SN1 2JH");
	resp_free(r);
	static const struct {
		const char *body, *field;
	} bad[] = {
		{"{\"kind\":\"holiday\",\"country\":\"GB\"}", "kind"},
		{"{\"kind\":\"transit\"}", "address"},
		{"{\"kind\":\"transit\",\"postcode\":\"12345\"}", "postcode"},
		{"{\"kind\":\"transit\",\"country\":\"Romania\"}", "country"},
		{"{\"kind\":\"transit\",\"country\":\"RO\",\"date_from\":\"2025-05-01\",\"date_to\":\"2025-04-01\"}",
		 "date_to"},
		{"{\"kind\":\"transit\",\"country\":\"RO\",\"date_from\":\"01/05/2025\"}", "date_from"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = client_req(inv1, "POST", path, bad[i].body, NULL);
		if (r->status != 422 || !strstr(r->body, bad[i].field))
			fail_msg("%s: %ld %s", bad[i].body, r->status, r->body);
		resp_free(r);
	}
	json_t *c = get_case();
	json_t *places = json_object_get(c, "places");
	assert_int_equal(json_array_size(places), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(places, 0), "kind")),
			    "recruitment");
	json_decref(c);
}

static void test_sealed_notes_need_a_purpose(void **state)
{
	(void)state;
	char path[128], tl[160], id[64];
	snprintf(path, sizeof path, "/api/v1/cases/%s/notes", case_id);
	snprintf(tl, sizeof tl, "/api/v1/cases/%s/timeline", case_id);
	client_post_id(inv1, path, "{\"text\":\"Visited the site with the local authority.\"}", id);
	client_post_id(inv1, path, "{\"text\":\"Disclosed sexual abuse by the manager.\",\"sealed\":true}", id);
	assert_int_equal(client_status(inv1, "POST", path, "{\"text\":\"\"}"), 422);
	resp *r = client_req(inv1, "GET", tl, NULL, NULL);
	assert_int_equal(r->status, 200);
	json_t *items = json_object_get(r->json, "items");
	assert_int_equal(json_array_size(items), 2);
	json_t *newest = json_array_get(items, 0);
	assert_true(json_is_true(json_object_get(newest, "sealed")));
	assert_true(json_is_null(json_object_get(newest, "text")));
	assert_null(strstr(r->body, "abuse"));
	resp_free(r);
	char rev[200];
	snprintf(rev, sizeof rev, "%s?reveal=sealed", tl);
	assert_int_equal(client_status(inv1, "GET", rev, NULL), 422);
	r = client_req(inv1, "GET", rev, NULL,
		       (const char *const[]){"X-Purpose: safeguarding strategy meeting", NULL});
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, "sexual abuse by the manager"));
	resp_free(r);
	assert_int_equal(client_status(inv2, "GET", tl, NULL), 404);
}

static void test_safeguarding_officers_record_but_do_not_change_the_case(void **state)
{
	(void)state;
	const char *args[] = {"user", "add", "--username", "sg1", "--role", "safeguarding", "--org",
			      "Test Constabulary", "--team", "Safeguarding", NULL};
	assert_int_equal(run_waymark(&srv, TEST_PASSWORD "\n", NULL, 0, args), 0);
	client *sg = client_signed_in(&srv, "sg1");
	char path[160], id[64];
	snprintf(path, sizeof path, "/api/v1/cases/%s/notes", case_id);
	client_post_id(sg, path, "{\"text\":\"Strategy meeting with the council held.\"}", id);
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	resp *r = client_req(sg, "PATCH", path, "{\"title\":\"Renamed\"}",
			     (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 403);
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
	assert_int_equal(client_status(sg, "POST", path, "{\"person_id\":\"x\",\"role\":\"witness\"}"), 403);
	/* They see the victims in the case, but not the suspects. */
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	r = client_req(sg, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, "potential_victim"));
	assert_null(strstr(r->body, "\"suspect\""));
	assert_null(strstr(r->body, "Ionescu"));
	resp_free(r);
	/* The OPCC sees no case, whatever the level. */
	client *opcc = client_signed_in(&srv, "opcc1");
	snprintf(path, sizeof path, "/api/v1/cases/%s/timeline", case_id);
	assert_int_equal(client_status(opcc, "GET", path, NULL), 403);
	client_free(opcc);
	client_free(sg);
}

static void test_vocabularies_are_published(void **state)
{
	(void)state;
	resp *r = client_req(inv1, "GET", "/api/v1/vocabularies", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_true(json_array_size(json_object_get(r->json, "indicators")) >= 20);
	assert_int_equal(json_array_size(json_object_get(r->json, "methods_of_control")), 16);
	/* Each value of a list that maps to HTCDS v2.0 names its HTCDS value (none
	 * for "not known"); the lists name their HTCDS field. */
	json_t *fields = json_object_get(r->json, "htcds_fields");
	assert_string_equal(json_string_value(json_object_get(fields, "methods_of_control")), "vic_MethodsOfControl");
	assert_string_equal(json_string_value(json_object_get(fields, "nrm_exploitation_types")),
			    "vic_TypeOfExploitation");
	assert_string_equal(json_string_value(json_object_get(fields, "gender")), "prs_Gender");
	assert_null(json_object_get(fields, "indicators"));
	const char *key;
	json_t *field;
	json_object_foreach(fields, key, field)
	{
		json_t *list = json_object_get(r->json, key), *x;
		size_t i;
		assert_true(json_array_size(list) > 0);
		json_array_foreach(list, i, x)
		{
			const char *code = json_string_value(json_object_get(x, "code"));
			if (strcmp(code, "unknown") != 0)
				assert_non_null(json_string_value(json_object_get(x, "htcds")));
		}
	}
	json_t *stranger = json_find(json_object_get(r->json, "relationship_to_trafficker"), "code", "stranger");
	assert_string_equal(json_string_value(json_object_get(stranger, "htcds")), "Unaquainted");
	json_t *criminal = json_find(json_object_get(r->json, "nrm_exploitation_types"), "code", "criminal");
	assert_string_equal(json_string_value(json_object_get(criminal, "htcds")), "Other");
	assert_int_equal(json_array_size(json_object_get(r->json, "gender")), 4);
	json_t *isolated = json_find(json_object_get(r->json, "indicators"), "code", "isolated");
	assert_null(json_string_value(json_object_get(isolated, "htcds")));
	/* Countries and languages by name, for the pages to show and offer. */
	json_t *vn = json_find(json_object_get(r->json, "countries"), "code", "VN");
	assert_non_null(vn);
	assert_string_equal(json_string_value(json_object_get(vn, "name")), "Vietnam");
	json_t *ro = json_find(json_object_get(r->json, "languages"), "code", "ro");
	assert_non_null(ro);
	assert_string_equal(json_string_value(json_object_get(ro, "name")), "Romanian");
	resp_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indicators_prompt_a_referral),
		cmocka_unit_test(test_victim_context_only_for_a_potential_victim),
		cmocka_unit_test(test_places_need_somewhere_and_sane_dates),
		cmocka_unit_test(test_sealed_notes_need_a_purpose),
		cmocka_unit_test(test_safeguarding_officers_record_but_do_not_change_the_case),
		cmocka_unit_test(test_vocabularies_are_published),
	};
	return suite_run(&fixture, tests);
}
