/* Links across cases: recording selectors, matches shown to those who may
 * read the other case, notices that tell the rest nothing but a number, a
 * kind and whom to call, the other side's worklist item and its
 * acknowledgement, sealed selectors, suspect-only people, concurrent first
 * looks, the deconfliction contact, and the audit of every look. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"

static server srv;
static client *inv1, *inv2, *sup1, *sg1, *an1, *part1, *aud1, *admin1, *oth_inv, *oth_admin;
/* Case A (EMT, inv1) with a victim and a suspect-only person; case A2 of
 * EMT too; case B of CID (inv2); case C of Other Constabulary (oth.inv). */
static char case_a[ID_LEN], case_a2[ID_LEN], case_b[ID_LEN], case_c[ID_LEN];
static char ref_b[32], ref_c[32], team_c[ID_LEN], team_b[ID_LEN];
static char victim_a[ID_LEN], suspect_a[ID_LEN], person_c[ID_LEN];

#define TITLE_B "Brickfield Nail Bar"
#define TITLE_C "Harbour Farm Packhouse"
#define TEAM_C "OMT Harbour"
#define CONTEXT_C "Written on the Harbour Farm rota board"

static int accounts(server *s)
{
	return server_add_account(s, "sg1", "safeguarding", "Test Constabulary", NULL) ||
	       server_add_account(s, "an1", "analyst", "Test Constabulary", NULL) ||
	       server_add_account(s, "oth.inv", "investigator", "Other Constabulary", TEAM_C) ||
	       server_add_account(s, "oth.admin", "admin", "Other Constabulary", NULL) ||
	       server_second_factor_off(s, "Other Constabulary");
}

static void path_of(char *out, size_t n, const char *case_id, const char *what)
{
	snprintf(out, n, "/api/v1/cases/%s/%s", case_id, what);
}

/* Makes a case as c: its id, and its reference and team when wanted. */
static void make_case(client *c, const char *title, char id[ID_LEN], char *ref, char *team)
{
	char body[256];
	snprintf(body, sizeof body, "{\"title\":\"%s\",\"exploitation_types\":[\"labour\"]}",
	         title);
	resp *r = client_expect(c, "POST", "/api/v1/cases", body, 201);
	snprintf(id, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	if (ref)
		snprintf(ref, 32, "%s", json_string_value(json_object_get(r->json, "reference")));
	if (team)
		snprintf(
		    team, ID_LEN, "%s",
		    json_string_value(json_object_get(json_object_get(r->json, "team"), "id")));
	resp_free(r);
}

static void person_in(client *c, const char *case_id, const char *given, const char *family,
                      const char *role, char out[ID_LEN])
{
	char body[256];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"%s\"}", given,
	         family);
	client_post_id(c, "/api/v1/people", body, out);
	case_link_person(c, case_id, out, role, NULL);
}

static int records(void)
{
	make_case(inv1, "Quarry Lane Car Wash", case_a, NULL, NULL);
	make_case(inv1, "Quarry Lane Lodgings", case_a2, NULL, NULL);
	make_case(inv2, TITLE_B, case_b, ref_b, team_b);
	make_case(oth_inv, TITLE_C, case_c, ref_c, team_c);
	person_in(inv1, case_a, "Florin", "Dumitru", "potential_victim", victim_a);
	person_in(inv1, case_a, "Gheorghe", "Ionescu", "suspect", suspect_a);
	person_in(oth_inv, case_c, "Zoltan", "Krasniqi", "suspect", person_c);
	/* The other force says whom to call. */
	const char *zero[] = {"If-Match: \"0\"", NULL};
	resp *r = client_req(oth_admin, "PUT", "/api/v1/settings/deconfliction",
	                     "{\"role\":\"Force Intelligence Bureau, deconfliction "
	                     "desk\",\"contact\":\"01632 960 111\"}",
	                     zero);
	int ok = r->status == 200;
	resp_free(r);
	return ok ? 0 : -1;
}

static const suite_login logins[] = {
    {&inv1, "inv1"},       {&inv2, "inv2"},           {&sup1, "sup1"}, {&sg1, "sg1"},
    {&an1, "an1"},         {&part1, "part1"},         {&aud1, "aud1"}, {&admin1, "admin1"},
    {&oth_inv, "oth.inv"}, {&oth_admin, "oth.admin"}, {NULL, NULL}};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* Records a selector as c in the case; answers the answer (the caller frees it). */
static resp *record(client *c, const char *case_id, const char *body, long want)
{
	char path[128];
	path_of(path, sizeof path, case_id, "selectors");
	return client_expect(c, "POST", path, body, want);
}

static void record_id(client *c, const char *case_id, const char *body, char out[ID_LEN])
{
	resp *r = record(c, case_id, body, 201);
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static json_t *links_of(client *c, const char *case_id)
{
	char path[128];
	path_of(path, sizeof path, case_id, "links");
	return client_get_json(c, path, 200);
}

/* The item of a links answer for the selector, or NULL. */
static json_t *item_for(json_t *links, const char *selector_id)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(links, "items"), i, x)
	{
		const char *id =
		    json_string_value(json_object_get(json_object_get(x, "selector"), "id"));
		if (id && strcmp(id, selector_id) == 0)
			return x;
	}
	return NULL;
}

static void expect_keys(json_t *obj, const char *const *keys)
{
	size_t n = 0;
	for (; keys[n]; n++)
		assert_non_null(json_object_get(obj, keys[n]));
	assert_int_equal(json_object_size(obj), n);
}

/* ---- recording ---- */

static void test_a_selector_is_recorded_in_its_normal_form_and_listed(void **state)
{
	(void)state;
	resp *r = record(
	    inv1, case_a,
	    "{\"kind\":\"phone\",\"value\":\"07700 900123\",\"about_person_id\":\"{victim}\"}",
	    422);
	resp_free(r); /* not an id of anyone: refused, named below */
	char body[512];
	snprintf(body, sizeof body,
	         "{\"kind\":\"phone\",\"value\":\"07700 "
	         "900123\",\"about_person_id\":\"%s\",\"grading\":{"
	         "\"source_evaluation\":1,\"intelligence_assessment\":\"B\",\"handling_code\":"
	         "\"P\"},\"context\":"
	         "\"Saved in the victim's phone as Boss\"}",
	         victim_a);
	r = record(inv1, case_a, body, 201);
	json_t *s = r->json;
	assert_string_equal(json_string_value(json_object_get(s, "kind")), "phone");
	assert_string_equal(json_string_value(json_object_get(s, "normalised")), "+447700900123");
	assert_string_equal(json_string_value(json_object_get(s, "value")), "07700 900123");
	assert_string_equal(json_string_value(json_object_get(s, "case_id")), case_a);
	assert_non_null(json_string_value(json_object_get(s, "display")));
	assert_non_null(json_string_value(json_object_get(s, "kind_label")));
	assert_int_equal(json_integer_value(json_object_get(s, "matches")), 0);
	assert_false(json_is_true(json_object_get(s, "sealed")));
	json_t *g = json_object_get(s, "grading");
	assert_int_equal(json_integer_value(json_object_get(g, "source_evaluation")), 1);
	assert_string_equal(json_string_value(json_object_get(g, "intelligence_assessment")), "B");
	assert_string_equal(json_string_value(json_object_get(g, "handling_code")), "P");
	assert_non_null(json_string_value(json_object_get(g, "source_text")));
	assert_non_null(json_string_value(json_object_get(g, "handling_text")));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(s, "about_person"), "family_name")),
	    "Dumitru");
	assert_non_null(
	    json_string_value(json_object_get(json_object_get(s, "created_by"), "name")));
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(s, "id")));
	resp_free(r);
	assert_int_equal(audit_count(&srv, "selector_recorded", case_a), 1);

	char path[128];
	path_of(path, sizeof path, case_a, "selectors");
	json_t *list = client_get_json(sup1, path, 200);
	json_t *mine = json_find(json_object_get(list, "items"), "id", id);
	assert_non_null(mine);
	assert_string_equal(json_string_value(json_object_get(mine, "context")),
	                    "Saved in the victim's phone as Boss");
	assert_int_equal(json_integer_value(json_object_get(list, "withheld")), 0);
	json_decref(list);
	/* Kinds with parts take their parts. */
	resp_free(record(inv1, case_a,
	                 "{\"kind\":\"address\",\"value\":{\"line1\":\"Flat 2, 14 High "
	                 "St.\",\"postcode\":\"sn1 2ab\"}}",
	                 201));
	resp_free(record(inv1, case_a,
	                 "{\"kind\":\"bank_account\",\"value\":{\"sort_code\":\"20-00-00\","
	                 "\"account_number\":\"55779911\"}}",
	                 201));
}

static void test_a_selector_recorded_twice_about_the_same_person_is_refused(void **state)
{
	(void)state;
	char body[256], first[ID_LEN];
	snprintf(body, sizeof body,
	         "{\"kind\":\"vehicle\",\"value\":\"KX19 ABC\",\"about_person_id\":\"%s\"}",
	         victim_a);
	int recorded = audit_count(&srv, "selector_recorded", case_a);
	record_id(inv1, case_a, body, first);
	/* Written another way, it is the same vehicle about the same person. */
	snprintf(body, sizeof body,
	         "{\"kind\":\"vehicle\",\"value\":\"kx19abc\",\"about_person_id\":\"%s\"}",
	         victim_a);
	resp *r = record(inv1, case_a, body, 409);
	assert_non_null(strstr(json_string_value(json_object_get(r->json, "detail")), first));
	resp_free(r);
	/* About nobody in particular, or in another case, it is recorded. */
	resp_free(record(inv1, case_a, "{\"kind\":\"vehicle\",\"value\":\"KX19ABC\"}", 201));
	resp_free(record(inv1, case_a, "{\"kind\":\"vehicle\",\"value\":\"KX19 ABC\"}", 409));
	char path[128];
	path_of(path, sizeof path, case_a, "selectors");
	json_t *list = client_get_json(inv1, path, 200);
	size_t i, n = 0;
	json_t *x;
	json_array_foreach(json_object_get(list, "items"), i, x) n +=
	    strcmp(json_string_value(json_object_get(x, "kind")), "vehicle") == 0;
	assert_int_equal(n, 2);
	json_decref(list);
	/* Only what was recorded is audited as recorded. */
	assert_int_equal(audit_count(&srv, "selector_recorded", case_a), recorded + 2);
}

static void test_each_field_that_is_not_valid_is_named(void **state)
{
	(void)state;
	resp_expect_field(
	    record(inv1, case_a, "{\"kind\":\"fax\",\"value\":\"01632 960000\"}", 422), "kind");
	resp_expect_field(record(inv1, case_a, "{\"kind\":\"phone\",\"value\":\"12\"}", 422),
	                  "value");
	resp_expect_field(
	    record(inv1, case_a, "{\"kind\":\"email\",\"value\":\"not an address\"}", 422),
	    "value");
	resp_expect_field(
	    record(inv1, case_a, "{\"kind\":\"address\",\"value\":\"14 High Street\"}", 422),
	    "value");
	resp_expect_field(record(inv1, case_a,
	                         "{\"kind\":\"address\",\"value\":{\"line1\":\"14 High Street\"}}",
	                         422),
	                  "value");
	resp_expect_field(
	    record(inv1, case_a, "{\"kind\":\"phone\",\"value\":{\"line1\":\"x\"}}", 422), "value");
	resp_expect_field(record(inv1, case_a, "{\"kind\":\"phone\",\"value\":7700900123}", 422),
	                  "value");
	resp_expect_field(record(inv1, case_a, "{\"kind\":\"phone\"}", 422), "value");
	/* Someone who exists but is not in this case, and an id of nobody. */
	char body[512];
	snprintf(body, sizeof body,
	         "{\"kind\":\"phone\",\"value\":\"07700 900124\",\"about_person_id\":\"%s\"}",
	         person_c);
	resp_expect_field(record(inv1, case_a, body, 422), "about_person_id");
	resp_expect_field(
	    record(inv1, case_a,
	           "{\"kind\":\"phone\",\"value\":\"07700 900124\",\"about_person_id\":"
	           "\"00000000-0000-7000-8000-000000000000\"}",
	           422),
	    "about_person_id");
	resp_expect_field(record(inv1, case_a,
	                         "{\"kind\":\"phone\",\"value\":\"07700 "
	                         "900124\",\"grading\":{\"source_evaluation\":4,"
	                         "\"intelligence_assessment\":\"B\",\"handling_code\":\"P\"}}",
	                         422),
	                  "grading.source_evaluation");
	resp_expect_field(record(inv1, case_a,
	                         "{\"kind\":\"phone\",\"value\":\"07700 "
	                         "900124\",\"grading\":{\"source_evaluation\":2,"
	                         "\"intelligence_assessment\":\"F\",\"handling_code\":\"P\"}}",
	                         422),
	                  "grading.intelligence_assessment");
	resp_expect_field(record(inv1, case_a,
	                         "{\"kind\":\"phone\",\"value\":\"07700 "
	                         "900124\",\"grading\":{\"source_evaluation\":2,"
	                         "\"intelligence_assessment\":\"B\",\"handling_code\":\"X\"}}",
	                         422),
	                  "grading.handling_code");
	resp_expect_error_for(record(inv1, case_a,
	                             "{\"kind\":\"phone\",\"value\":\"07700 "
	                             "900124\",\"grading\":{\"source_evaluation\":2}}",
	                             422),
	                      "grading.intelligence_assessment");
	char longer[1200];
	memset(longer, 'x', 1001);
	longer[1001] = '\0';
	char big[1400];
	snprintf(big, sizeof big,
	         "{\"kind\":\"phone\",\"value\":\"07700 900124\",\"context\":\"%s\"}", longer);
	resp_expect_field(record(inv1, case_a, big, 422), "context");
	resp_expect_field(
	    record(inv1, case_a,
	           "{\"kind\":\"phone\",\"value\":\"07700 900124\",\"colour\":\"red\"}", 422),
	    "colour");
	/* Nothing refused was kept. */
	assert_int_equal(server_db_int(&srv, "SELECT COUNT(*) FROM selectors WHERE normalised = $1",
	                               "+447700900124"),
	                 0);
}

static void test_roles_and_reach_are_refused_as_the_rules_say(void **state)
{
	(void)state;
	const char *body = "{\"kind\":\"phone\",\"value\":\"07700 900125\"}";
	char path[128];
	path_of(path, sizeof path, case_a, "selectors");
	/* Roles that never write in a case: 403. */
	assert_int_equal(client_status(an1, "POST", path, body), 403);
	assert_int_equal(client_status(part1, "POST", path, body), 403);
	assert_int_equal(client_status(aud1, "POST", path, body), 403);
	assert_int_equal(client_status(admin1, "POST", path, body), 403);
	/* A case out of reach: 404, as one that does not exist. */
	assert_int_equal(client_status(inv2, "POST", path, body), 404);
	assert_int_equal(client_status(oth_inv, "POST", path, body), 404);
	assert_int_equal(client_status(part1, "GET", path, NULL), 404);
	assert_int_equal(client_status(aud1, "GET", path, NULL), 403);
	assert_int_equal(client_status(inv2, "GET", path, NULL), 404);
	path_of(path, sizeof path, case_a, "links");
	assert_int_equal(client_status(inv2, "GET", path, NULL), 404);
	assert_int_equal(client_status(part1, "GET", path, NULL), 404);
	assert_int_equal(client_status(admin1, "GET", path, NULL), 403);
	/* The analyst reads the force's, the safeguarding officer writes in them. */
	assert_int_equal(client_status(an1, "GET", path, NULL), 200);
	path_of(path, sizeof path, case_b, "selectors");
	assert_int_equal(
	    client_status(sg1, "POST", path, "{\"kind\":\"vehicle\",\"value\":\"ab12 cde\"}"), 201);
}

/* ---- matches ---- */

static void test_a_match_the_caller_may_read_shows_case_and_selector_both_ways(void **state)
{
	(void)state;
	char first[ID_LEN], second[ID_LEN];
	record_id(
	    inv1, case_a,
	    "{\"kind\":\"vehicle\",\"value\":\"KX19 ZPT\",\"context\":\"Parked at the car wash\"}",
	    first);
	json_t *l = links_of(inv1, case_a);
	assert_null(item_for(l, first)); /* no match yet: not listed */
	json_decref(l);
	/* Recorded later, written otherwise, in another case of the team. */
	resp *r = record(inv1, case_a2, "{\"kind\":\"vehicle\",\"value\":\"kx19zpt\"}", 201);
	assert_int_equal(json_integer_value(json_object_get(r->json, "matches")), 1);
	snprintf(second, sizeof second, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	/* The first case shows the later one... */
	l = links_of(sup1, case_a);
	json_t *it = item_for(l, first);
	assert_non_null(it);
	json_t *m = json_array_get(json_object_get(it, "matches"), 0);
	assert_true(json_is_true(json_object_get(m, "visible")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "case"), "id")),
	                    case_a2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "case"), "title")),
	                    "Quarry Lane Lodgings");
	assert_non_null(
	    json_string_value(json_object_get(json_object_get(m, "case"), "reference")));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(m, "selector"), "id")), second);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(m, "selector"), "normalised")),
	    "KX19ZPT");
	assert_int_equal(json_array_size(json_object_get(it, "matches")), 1);
	json_decref(l);
	/* ...and the later case the first, with its context. */
	l = links_of(inv1, case_a2);
	m = json_array_get(json_object_get(item_for(l, second), "matches"), 0);
	assert_true(json_is_true(json_object_get(m, "visible")));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(m, "selector"), "context")),
	    "Parked at the car wash");
	assert_null(json_object_get(json_object_get(m, "selector"), "case_id"));
	json_decref(l);
	/* Each look at a visible match is audited against the other case. */
	assert_true(audit_count(&srv, "link_match_viewed", case_a2) >= 1);
	assert_true(audit_count(&srv, "link_match_viewed", case_a) >= 1);
	assert_true(audit_count(&srv, "links_viewed", case_a) >= 2);
	/* Matches within one case (about nobody, and about a person) are not links. */
	char same[ID_LEN], body[256];
	record_id(inv1, case_a, "{\"kind\":\"email\",\"value\":\"boss@example.org\"}", same);
	snprintf(body, sizeof body,
	         "{\"kind\":\"email\",\"value\":\"BOSS@example.org\",\"about_person_id\":\"%s\"}",
	         victim_a);
	record_id(inv1, case_a, body, same);
	l = links_of(inv1, case_a);
	assert_null(item_for(l, same));
	json_decref(l);
}

/* Fails unless text holds none of the strings. */
static void expect_absent(const char *text, const char *const *secrets)
{
	for (size_t i = 0; secrets[i]; i++)
		if (secrets[i][0] && strstr(text, secrets[i]))
			fail_msg("the answer shows \"%s\": %s", secrets[i], text);
}

static char notice_number_c[32], selector_a_for_c[ID_LEN], selector_c[ID_LEN];

static void test_a_notice_of_another_forces_case_leaks_nothing(void **state)
{
	(void)state;
	char body[512];
	record_id(inv1, case_a, "{\"kind\":\"phone\",\"value\":\"+44 (0)7700 900 456\"}",
	          selector_a_for_c);
	snprintf(body, sizeof body,
	         "{\"kind\":\"phone\",\"value\":\"07700900456\",\"about_person_id\":\"%s\","
	         "\"context\":\"%s\","
	         "\"grading\":{\"source_evaluation\":2,\"intelligence_assessment\":\"C\","
	         "\"handling_code\":\"C\"}}",
	         person_c, CONTEXT_C);
	record_id(oth_inv, case_c, body, selector_c);
	int shown_before = audit_count(&srv, "link_notice_shown", case_a);
	char path[128];
	path_of(path, sizeof path, case_a, "links");
	resp *r = client_expect(inv1, "GET", path, NULL, 200);
	json_t *it = item_for(r->json, selector_a_for_c);
	assert_non_null(it);
	json_t *m = json_array_get(json_object_get(it, "matches"), 0);
	static const char *const match_keys[] = {"visible", "notice", NULL};
	expect_keys(m, match_keys);
	assert_true(json_is_false(json_object_get(m, "visible")));
	json_t *n = json_object_get(m, "notice");
	static const char *const notice_keys[] = {"number", "kind", "kind_label", "contact", NULL};
	expect_keys(n, notice_keys);
	const char *number = json_string_value(json_object_get(n, "number"));
	assert_non_null(number);
	assert_int_equal(strlen(number), 12);
	assert_int_equal(strncmp(number, "LN-", 3), 0);
	assert_int_equal(number[7], '-');
	for (int i = 3; i < 12; i++)
		if (i != 7)
			assert_non_null(strchr("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", number[i]));
	snprintf(notice_number_c, sizeof notice_number_c, "%s", number);
	assert_string_equal(json_string_value(json_object_get(n, "kind")), "phone");
	json_t *contact = json_object_get(n, "contact");
	static const char *const contact_keys[] = {"organisation", "role", "contact", NULL};
	expect_keys(contact, contact_keys);
	assert_string_equal(json_string_value(json_object_get(contact, "organisation")),
	                    "Other Constabulary");
	assert_string_equal(json_string_value(json_object_get(contact, "role")),
	                    "Force Intelligence Bureau, deconfliction desk");
	assert_string_equal(json_string_value(json_object_get(contact, "contact")),
	                    "01632 960 111");
	/* Nothing of the other case anywhere in the answer. */
	const char *secrets[] = {case_c,   ref_c,      TITLE_C,    team_c,    TEAM_C,    person_c,
	                         "Zoltan", "Krasniqi", selector_c, CONTEXT_C, "Harbour", NULL};
	expect_absent(r->body, secrets);
	resp_free(r);
	/* A second look shows the same number; each look is audited. */
	json_t *again = links_of(inv1, case_a);
	assert_string_equal(
	    json_string_value(json_object_get(
	        json_object_get(
	            json_array_get(json_object_get(item_for(again, selector_a_for_c), "matches"),
	                           0),
	            "notice"),
	        "number")),
	    notice_number_c);
	json_decref(again);
	assert_int_equal(audit_count(&srv, "link_notice_shown", case_a), shown_before + 2);
	assert_int_equal(audit_count(&srv, "link_match_viewed", case_c), 0);
	assert_int_equal(server_db_int(&srv, "SELECT COUNT(*) FROM link_notices WHERE number = $1",
	                               notice_number_c),
	                 1);

	/* Another team of the same force: a notice too, with the force's own
	 * contact (none set: role and contact null). */
	char sel_b[ID_LEN], sel_a[ID_LEN];
	record_id(inv2, case_b,
	          "{\"kind\":\"email\",\"value\":\"Recruiter.Nails@example.net\",\"context\":\"On "
	          "the nail bar's flyer\"}",
	          sel_b);
	record_id(inv1, case_a, "{\"kind\":\"email\",\"value\":\"recruiter.nails@example.net\"}",
	          sel_a);
	path_of(path, sizeof path, case_a, "links");
	r = client_expect(inv1, "GET", path, NULL, 200);
	m = json_array_get(json_object_get(item_for(r->json, sel_a), "matches"), 0);
	assert_true(json_is_false(json_object_get(m, "visible")));
	contact = json_object_get(json_object_get(m, "notice"), "contact");
	assert_string_equal(json_string_value(json_object_get(contact, "organisation")),
	                    "Test Constabulary");
	assert_true(json_is_null(json_object_get(contact, "role")));
	assert_true(json_is_null(json_object_get(contact, "contact")));
	const char *secrets_b[] = {case_b, ref_b, TITLE_B, team_b, "CID", sel_b, "flyer", NULL};
	expect_absent(r->body, secrets_b);
	resp_free(r);
	/* The safeguarding officer reads the whole force: the same match is
	 * visible to them. */
	json_t *l = links_of(sg1, case_a);
	m = json_array_get(json_object_get(item_for(l, sel_a), "matches"), 0);
	assert_true(json_is_true(json_object_get(m, "visible")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "case"), "id")),
	                    case_b);
	json_decref(l);
}

static void
test_the_other_side_sees_the_notice_on_its_worklist_and_acknowledges_it_once(void **state)
{
	(void)state;
	assert_true(notice_number_c[0]);
	resp *r = client_expect(oth_inv, "GET", "/api/v1/worklist?kind=selector_match&limit=200",
	                        NULL, 200);
	json_t *it = json_find(json_object_get(r->json, "items"), "record_id", notice_number_c);
	assert_non_null(it);
	assert_string_equal(json_string_value(json_object_get(it, "kind")), "selector_match");
	assert_string_equal(json_string_value(json_object_get(it, "case_id")), case_c);
	assert_string_equal(json_string_value(json_object_get(it, "reference")), ref_c);
	assert_string_equal(json_string_value(json_object_get(it, "selector_kind")), "phone");
	assert_non_null(json_string_value(json_object_get(it, "display")));
	assert_non_null(json_string_value(json_object_get(it, "when")));
	json_t *contact = json_object_get(it, "contact");
	assert_string_equal(json_string_value(json_object_get(contact, "organisation")),
	                    "Test Constabulary");
	/* Never the asking case. */
	char *text = json_dumps(it, 0);
	const char *secrets[] = {case_a, "Quarry", selector_a_for_c, NULL};
	expect_absent(text, secrets);
	free(text);
	resp_free(r);
	/* Within the force: CID's notice is on the worklists of those who may
	 * write in CID's case (its team, and the force's safeguarding
	 * officers), never an analyst's, who cannot acknowledge it. */
	json_t *cid = worklist_item(inv2, "selector_match", NULL);
	assert_non_null(cid);
	assert_string_equal(json_string_value(json_object_get(cid, "case_id")), case_b);
	assert_string_equal(json_string_value(json_object_get(cid, "selector_kind")), "email");
	json_t *sg = worklist_item(sg1, "selector_match",
	                           json_string_value(json_object_get(cid, "record_id")));
	assert_non_null(sg);
	json_decref(sg);
	json_decref(cid);
	assert_null(worklist_item(an1, "selector_match", NULL));
	assert_null(worklist_item(part1, "selector_match", NULL));
	/* The raising side has no such item. */
	json_t *mine = worklist_item(inv1, "selector_match", notice_number_c);
	assert_null(mine);

	char path[128];
	snprintf(path, sizeof path, "/api/v1/link-notices/%s/acknowledgement", notice_number_c);
	/* The raising side, another team, an unknown number: as if none existed. */
	assert_int_equal(client_status(inv1, "POST", path, NULL), 404);
	assert_int_equal(client_status(inv2, "POST", path, NULL), 404);
	assert_int_equal(client_status(oth_inv, "POST",
	                               "/api/v1/link-notices/LN-AAAA-BBBB/acknowledgement", NULL),
	                 404);
	assert_int_equal(client_status(an1, "POST", path, NULL), 403);
	r = client_expect(oth_inv, "POST", path, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "number")), notice_number_c);
	assert_non_null(json_string_value(json_object_get(r->json, "acknowledged_at")));
	assert_non_null(json_string_value(
	    json_object_get(json_object_get(r->json, "acknowledged_by"), "name")));
	resp_free(r);
	assert_int_equal(client_status(oth_inv, "POST", path, NULL), 409);
	assert_null(worklist_item(oth_inv, "selector_match", notice_number_c));
	assert_int_equal(
	    server_db_int(
	        &srv,
	        "SELECT COUNT(*) FROM audit_log WHERE action = 'link_notice_acknowledged' AND "
	        "record_id = $1",
	        case_c),
	    1);
}

static void test_a_sealed_selector_matches_without_its_value_in_the_clear(void **state)
{
	(void)state;
	char sealed_id[ID_LEN], plain_id[ID_LEN];
	resp *r = record(inv1, case_a,
	                 "{\"kind\":\"email\",\"value\":\"Hidden.Handler@example.com\",\"sealed\":"
	                 "true,\"context\":"
	                 "\"From the informant's statement\"}",
	                 201);
	snprintf(sealed_id, sizeof sealed_id, "%s",
	         json_string_value(json_object_get(r->json, "id")));
	assert_true(json_is_true(json_object_get(r->json, "sealed")));
	assert_true(json_is_null(json_object_get(r->json, "value")));
	assert_true(json_is_null(json_object_get(r->json, "normalised")));
	assert_true(json_is_null(json_object_get(r->json, "context")));
	resp_free(r);
	/* The row holds no plain value, normal form or context. */
	const char *row = server_db_text(
	    &srv,
	    "SELECT COALESCE(value, '') || '|' || COALESCE(normalised, '') || '|' || "
	    "COALESCE(context, '') || '|' || sealed_value || '|' || match_key FROM selectors "
	    "WHERE id = $1",
	    sealed_id);
	assert_null(strstr(row, "hidden.handler"));
	assert_null(strstr(row, "Hidden.Handler"));
	assert_null(strstr(row, "informant"));
	assert_int_equal(strncmp(row, "||", 2), 0);
	/* It still matches, from another case of the team. */
	r = record(inv1, case_a2, "{\"kind\":\"email\",\"value\":\"hidden.handler@EXAMPLE.com\"}",
	           201);
	assert_int_equal(json_integer_value(json_object_get(r->json, "matches")), 1);
	snprintf(plain_id, sizeof plain_id, "%s",
	         json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	json_t *l = links_of(inv1, case_a2);
	json_t *m = json_array_get(json_object_get(item_for(l, plain_id), "matches"), 0);
	assert_true(json_is_true(json_object_get(m, "visible")));
	json_t *s = json_object_get(m, "selector");
	assert_string_equal(json_string_value(json_object_get(s, "id")), sealed_id);
	assert_true(json_is_true(json_object_get(s, "sealed")));
	assert_true(json_is_null(json_object_get(s, "value")));
	assert_true(json_is_null(json_object_get(s, "display")));
	assert_true(json_is_null(json_object_get(s, "context")));
	json_decref(l);
	/* Shown with a stated purpose, and the look audited. */
	char path[128];
	path_of(path, sizeof path, case_a, "selectors");
	json_t *list = client_get_json(inv1, path, 200);
	assert_true(json_is_null(
	    json_object_get(json_find(json_object_get(list, "items"), "id", sealed_id), "value")));
	json_decref(list);
	int before = audit_count(&srv, "sealed_field_viewed", case_a);
	const char *purpose[] = {"X-Purpose: Preparing the deconfliction call", NULL};
	r = client_req(inv1, "GET", path, NULL, purpose);
	assert_int_equal(r->status, 200);
	s = json_find(json_object_get(r->json, "items"), "id", sealed_id);
	assert_string_equal(json_string_value(json_object_get(s, "value")),
	                    "Hidden.Handler@example.com");
	assert_string_equal(json_string_value(json_object_get(s, "normalised")),
	                    "hidden.handler@example.com");
	assert_string_equal(json_string_value(json_object_get(s, "context")),
	                    "From the informant's statement");
	resp_free(r);
	assert_int_equal(audit_count(&srv, "sealed_field_viewed", case_a), before + 1);
	/* A purpose must say why. */
	const char *terse[] = {"X-Purpose: why", NULL};
	resp_expect_field(client_req(inv1, "GET", path, NULL, terse), "X-Purpose");
	/* Through the other case's links: shown with a purpose, and that look
	 * audited against the sealed selector's case. */
	char links[128];
	path_of(links, sizeof links, case_a2, "links");
	r = client_req(inv1, "GET", links, NULL, purpose);
	assert_int_equal(r->status, 200);
	s = json_object_get(
	    json_array_get(json_object_get(item_for(r->json, plain_id), "matches"), 0), "selector");
	assert_string_equal(json_string_value(json_object_get(s, "normalised")),
	                    "hidden.handler@example.com");
	resp_free(r);
	assert_int_equal(audit_count(&srv, "sealed_field_viewed", case_a), before + 2);
	/* An analyst never reveals: the values stay null. */
	r = client_req(an1, "GET", path, NULL, purpose);
	assert_int_equal(r->status, 200);
	assert_true(json_is_null(json_object_get(
	    json_find(json_object_get(r->json, "items"), "id", sealed_id), "value")));
	assert_null(strstr(r->body, "informant"));
	resp_free(r);
}

static void
test_a_suspect_only_persons_selectors_are_withheld_from_a_safeguarding_officer(void **state)
{
	(void)state;
	char body[512], sel_sus[ID_LEN], sel_b[ID_LEN];
	snprintf(body, sizeof body,
	         "{\"kind\":\"social_handle\",\"value\":{\"platform\":\"instagram\",\"handle\":\"@"
	         "QuarryBoss\"},"
	         "\"about_person_id\":\"%s\",\"context\":\"The suspect's own account\"}",
	         suspect_a);
	record_id(inv1, case_a, body, sel_sus);
	/* A safeguarding officer may not name him: as if he were not in the case. */
	resp_expect_field(record(sg1, case_a, body, 422), "about_person_id");
	char path[128];
	path_of(path, sizeof path, case_a, "selectors");
	json_t *list = client_get_json(sg1, path, 200);
	assert_null(json_find(json_object_get(list, "items"), "id", sel_sus));
	assert_true(json_integer_value(json_object_get(list, "withheld")) >= 1);
	char *text = json_dumps(list, 0);
	assert_null(strstr(text, "Ionescu"));
	assert_null(strstr(text, suspect_a));
	assert_null(strstr(text, "quarryboss"));
	free(text);
	json_decref(list);
	/* The investigator sees it. */
	list = client_get_json(inv1, path, 200);
	assert_non_null(json_find(json_object_get(list, "items"), "id", sel_sus));
	json_decref(list);
	/* Matched from another team's case: the officer reads that case, but
	 * the match is about the suspect, so it is a notice; in the suspect's
	 * own case, his selector is withheld. */
	record_id(inv2, case_b,
	          "{\"kind\":\"social_handle\",\"value\":{\"platform\":\"instagram\",\"handle\":"
	          "\"quarryboss\"}}",
	          sel_b);
	json_t *l = links_of(sg1, case_b);
	json_t *m = json_array_get(json_object_get(item_for(l, sel_b), "matches"), 0);
	assert_true(json_is_false(json_object_get(m, "visible")));
	text = json_dumps(l, 0);
	assert_null(strstr(text, sel_sus));
	assert_null(strstr(text, "Ionescu"));
	free(text);
	json_decref(l);
	l = links_of(sg1, case_a);
	assert_null(item_for(l, sel_sus));
	assert_true(json_integer_value(json_object_get(l, "withheld")) >= 1);
	json_decref(l);
	/* The supervisor of the suspect's team sees the match in full. */
	l = links_of(sup1, case_a);
	m = json_array_get(json_object_get(item_for(l, sel_sus), "matches"), 0);
	assert_non_null(m);
	json_decref(l);
}

/* The number of the first notice in the links of the case for the selector. */
static void notice_number_for(client *c, const char *case_id, const char *selector_id, char out[32])
{
	json_t *l = links_of(c, case_id);
	json_t *m = json_array_get(json_object_get(item_for(l, selector_id), "matches"), 0);
	assert_true(json_is_false(json_object_get(m, "visible")));
	snprintf(out, 32, "%s",
	         json_string_value(json_object_get(json_object_get(m, "notice"), "number")));
	json_decref(l);
}

static void
test_a_notice_about_a_suspect_only_person_is_no_task_for_a_safeguarding_officer(void **state)
{
	(void)state;
	char body[512], sel_sus[ID_LEN], sel_b[ID_LEN], number[32];
	/* The suspect's phone in his case; CID records it too and looks, which
	 * raises a notice whose unraised side is the suspect's selector. */
	snprintf(body, sizeof body,
	         "{\"kind\":\"phone\",\"value\":\"07700 900 372\",\"about_person_id\":\"%s\","
	         "\"context\":\"The suspect's second phone\"}",
	         suspect_a);
	record_id(inv1, case_a, body, sel_sus);
	record_id(inv2, case_b, "{\"kind\":\"phone\",\"value\":\"+447700900372\"}", sel_b);
	notice_number_for(inv2, case_b, sel_b, number);
	/* The safeguarding officer writes in case A but may not see the
	 * suspect: the item, which would show his number, is not on their
	 * worklist, and the notice is not theirs to acknowledge. */
	assert_null(worklist_item(sg1, "selector_match", number));
	resp *r =
	    client_expect(sg1, "GET", "/api/v1/worklist?kind=selector_match&limit=200", NULL, 200);
	assert_null(strstr(r->body, "7700 900372"));
	assert_null(strstr(r->body, "+447700900372"));
	resp_free(r);
	char path[128];
	snprintf(path, sizeof path, "/api/v1/link-notices/%s/acknowledgement", number);
	assert_int_equal(client_status(sg1, "POST", path, NULL), 404);
	/* The suspect's team has it, and acknowledges it. */
	json_t *it = worklist_item(inv1, "selector_match", number);
	assert_non_null(it);
	assert_string_equal(json_string_value(json_object_get(it, "display")), "+44 7700 900372");
	json_decref(it);
	r = client_expect(inv1, "POST", path, NULL, 200);
	resp_free(r);
}

static void test_notices_come_after_visible_matches_whenever_recorded(void **state)
{
	(void)state;
	char hidden[ID_LEN], seen[ID_LEN], own[ID_LEN], later[ID_LEN];
	/* Another force's case records the number first, then a case of the
	 * team, then another force's case again. */
	record_id(oth_inv, case_c, "{\"kind\":\"phone\",\"value\":\"07700 900 614\"}", hidden);
	record_id(inv1, case_a2, "{\"kind\":\"phone\",\"value\":\"07700 900 614\"}", seen);
	char other_case[ID_LEN];
	make_case(oth_inv, "Harbour Farm Second Site", other_case, NULL, NULL);
	record_id(oth_inv, other_case, "{\"kind\":\"phone\",\"value\":\"07700 900 614\"}", later);
	record_id(inv1, case_a, "{\"kind\":\"phone\",\"value\":\"07700 900 614\"}", own);
	/* The visible match comes first and the notices after it by number, so
	 * where a notice stands says nothing of when its selector was recorded. */
	json_t *l = links_of(inv1, case_a);
	json_t *ms = json_object_get(item_for(l, own), "matches");
	assert_int_equal(json_array_size(ms), 3);
	assert_true(json_is_true(json_object_get(json_array_get(ms, 0), "visible")));
	assert_string_equal(json_string_value(json_object_get(
	                        json_object_get(json_array_get(ms, 0), "selector"), "id")),
	                    seen);
	const char *n1 = json_string_value(
	    json_object_get(json_object_get(json_array_get(ms, 1), "notice"), "number"));
	const char *n2 = json_string_value(
	    json_object_get(json_object_get(json_array_get(ms, 2), "notice"), "number"));
	assert_non_null(n1);
	assert_non_null(n2);
	assert_true(strcmp(n1, n2) < 0);
	json_decref(l);
}

static void test_a_purpose_not_in_utf8_is_audited_so_the_auditor_can_list_it(void **state)
{
	(void)state;
	char path[128];
	path_of(path, sizeof path, case_a, "selectors");
	/* A browser sends a header's characters up to U+00FF as single bytes
	 * (ISO 8859-1). Kept as sent, the entry was not UTF-8, and the
	 * auditor's list of sealed_field_viewed entries failed, hiding every
	 * look at sealed selectors; it is kept as UTF-8. */
	const char *latin1[] = {"X-Purpose: Caf\xe9 raid: preparing the deconfliction call", NULL};
	resp *r = client_req(inv1, "GET", path, NULL, latin1);
	assert_int_equal(r->status, 200);
	resp_free(r);
	char links[128];
	path_of(links, sizeof links, case_a, "links");
	const char *stray[] = {"X-Purpose: \xc0\xaf\xed\xa0\x80 preparing the deconfliction call",
	                       NULL};
	r = client_req(inv1, "GET", links, NULL, stray);
	assert_int_equal(r->status, 200);
	resp_free(r);
	r = client_expect(aud1, "GET", "/api/v1/audit?action=sealed_field_viewed&limit=200", NULL,
	                  200);
	assert_non_null(strstr(r->body, "Caf\xc3\xa9 raid: preparing the deconfliction call"));
	resp_free(r);
	/* Longer than a note: refused before anything is read. */
	static char big[2100];
	snprintf(big, sizeof big, "X-Purpose: ");
	memset(big + strlen(big), 'p', 2001);
	const char *longer[] = {big, NULL};
	resp_expect_field(client_req(inv1, "GET", path, NULL, longer), "X-Purpose");
}

static void test_a_valid_number_longer_than_fifteen_digits_is_shown(void **state)
{
	(void)state;
	/* libphonenumber holds this German number valid with 16 digits; it was
	 * recorded, but shown as null, as a sealed selector is (and so on the
	 * other side's worklist too). */
	resp *r =
	    record(inv1, case_a2, "{\"kind\":\"phone\",\"value\":\"004975648004975644\"}", 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "normalised")),
	                    "+4975648004975644");
	assert_true(json_is_false(json_object_get(r->json, "sealed")));
	const char *display = json_string_value(json_object_get(r->json, "display"));
	assert_non_null(display);
	assert_int_equal(strncmp(display, "+49 ", 4), 0);
	resp_free(r);
}

static void test_a_sealed_selector_matched_in_the_clear_is_a_notice_to_an_analyst(void **state)
{
	(void)state;
	char sealed[ID_LEN], clear[ID_LEN];
	record_id(inv1, case_a,
	          "{\"kind\":\"email\",\"value\":\"quarry.handler@example.org\",\"sealed\":true,"
	          "\"context\":\"The informant's handler\"}",
	          sealed);
	record_id(inv2, case_b, "{\"kind\":\"email\",\"value\":\"Quarry.Handler@example.org\"}",
	          clear);
	/* The analyst reads both cases but may never reveal a sealed field: a
	 * visible match would give the sealed value as the other selector's,
	 * so from either side it is a notice that names neither. */
	json_t *l = links_of(an1, case_a);
	json_t *m = json_array_get(json_object_get(item_for(l, sealed), "matches"), 0);
	assert_non_null(m);
	assert_true(json_is_false(json_object_get(m, "visible")));
	char *text = json_dumps(item_for(l, sealed), 0);
	const char *secrets_a[] = {
	    "quarry.handler", "Quarry.Handler", case_b, clear, TITLE_B, NULL};
	expect_absent(text, secrets_a);
	free(text);
	json_decref(l);
	l = links_of(an1, case_b);
	m = json_array_get(json_object_get(item_for(l, clear), "matches"), 0);
	assert_non_null(m);
	assert_true(json_is_false(json_object_get(m, "visible")));
	text = json_dumps(item_for(l, clear), 0);
	const char *secrets_b[] = {case_a, sealed, "Quarry Lane", "informant", NULL};
	expect_absent(text, secrets_b);
	free(text);
	json_decref(l);
	/* The safeguarding officer may reveal sealed fields in the force's
	 * cases: the match is visible, its value still null without a purpose. */
	l = links_of(sg1, case_b);
	m = json_array_get(json_object_get(item_for(l, clear), "matches"), 0);
	assert_true(json_is_true(json_object_get(m, "visible")));
	json_t *sel = json_object_get(m, "selector");
	assert_string_equal(json_string_value(json_object_get(sel, "id")), sealed);
	assert_true(json_is_null(json_object_get(sel, "value")));
	json_decref(l);
}

static void test_the_audit_of_a_recording_says_how_many_matches_it_told_of(void **state)
{
	(void)state;
	char theirs[ID_LEN];
	record_id(oth_inv, case_c, "{\"kind\":\"vehicle\",\"value\":\"HX19 KTE\"}", theirs);
	resp *r = record(inv1, case_a2, "{\"kind\":\"vehicle\",\"value\":\"hx19-kte\"}", 201);
	assert_int_equal(json_integer_value(json_object_get(r->json, "matches")), 1);
	const char *id = json_string_value(json_object_get(r->json, "id"));
	/* Recording is how a match count is learnt without a look at the
	 * links (which would raise a notice): the audit entry keeps the count. */
	const char *detail = server_db_text(
	    &srv,
	    "SELECT detail FROM audit_log WHERE action = 'selector_recorded' AND detail LIKE '%' "
	    "|| $1 || '%'",
	    id);
	assert_non_null(detail);
	json_t *d = json_loads(detail, 0, NULL);
	assert_non_null(d);
	assert_int_equal(json_integer_value(json_object_get(d, "matches")), 1);
	json_decref(d);
	resp_free(r);
}

/* ---- concurrent first looks ---- */

typedef struct look {
	client *c;
	const char *case_id, *selector_id;
	char number[32];
	long status;
} look;

static void *look_once(void *arg)
{
	look *k = arg;
	char path[128];
	path_of(path, sizeof path, k->case_id, "links");
	resp *r = client_req(k->c, "GET", path, NULL, NULL);
	k->status = r->status;
	json_t *it = NULL;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(r->json, "items"), i, x)
	{
		const char *id =
		    json_string_value(json_object_get(json_object_get(x, "selector"), "id"));
		if (id && strcmp(id, k->selector_id) == 0)
			it = x;
	}
	const char *n = json_string_value(json_object_get(
	    json_object_get(json_array_get(json_object_get(it, "matches"), 0), "notice"),
	    "number"));
	snprintf(k->number, sizeof k->number, "%s", n ? n : "");
	resp_free(r);
	return NULL;
}

/* How many selector_match items c's worklist holds. */
static size_t notices_on_worklist(client *c)
{
	resp *r =
	    client_expect(c, "GET", "/api/v1/worklist?kind=selector_match&limit=200", NULL, 200);
	size_t n = json_array_size(json_object_get(r->json, "items"));
	resp_free(r);
	return n;
}

static void test_a_common_selector_lists_fifty_matches_and_raises_no_notices(void **state)
{
	(void)state;
	const char *hostel = "{\"kind\":\"postcode\",\"value\":\"ls1 4ap\"}";
	char id[ID_LEN], mine[ID_LEN];
	/* The other force records a hostel's postcode in 52 cases; inv1's team
	 * in three. */
	for (int i = 0; i < 52; i++) {
		char c[ID_LEN];
		make_case(oth_inv, "Hostel case", c, NULL, NULL);
		record_id(oth_inv, c, hostel, id);
	}
	for (int i = 0; i < 3; i++) {
		char c[ID_LEN];
		make_case(inv1, "Hostel case of the team", c, NULL, NULL);
		record_id(inv1, c, hostel, id);
	}
	size_t theirs = notices_on_worklist(oth_inv);
	char c[ID_LEN];
	make_case(inv1, "Hostel case looked at", c, NULL, NULL);
	resp *r = record(inv1, c, hostel, 201);
	assert_int_equal(json_integer_value(json_object_get(r->json, "matches")), 55);
	snprintf(mine, sizeof mine, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	/* Beside it, selectors of the case before and after it, one matched. */
	char after[ID_LEN], other[ID_LEN];
	record_id(inv1, c, "{\"kind\":\"email\",\"value\":\"hostel.warden@example.org\"}", after);
	record_id(inv1, case_a2, "{\"kind\":\"email\",\"value\":\"hostel.warden@example.org\"}",
	          other);
	json_t *l = links_of(inv1, c);
	json_t *it = item_for(l, mine);
	assert_non_null(it);
	assert_true(json_is_true(json_object_get(it, "common")));
	/* The team's three are listed; the other force's 52 only counted. */
	assert_int_equal(json_array_size(json_object_get(it, "matches")), 3);
	assert_int_equal(json_integer_value(json_object_get(it, "more")), 52);
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(it, "matches"), i, m)
	    assert_true(json_is_true(json_object_get(m, "visible")));
	json_t *plain = item_for(l, after);
	assert_non_null(plain);
	assert_false(json_is_true(json_object_get(plain, "common")));
	assert_int_equal(json_array_size(json_object_get(plain, "matches")), 1);
	json_decref(l);
	/* No notice was raised, so no worklist of the other force grew. */
	assert_int_equal(notices_on_worklist(oth_inv), theirs);
	assert_int_equal(audit_count(&srv, "link_notice_shown", c), 0);
	assert_int_equal(audit_count(&srv, "link_match_viewed", c), 0);
	/* An ordinary selector still lists its matches and notices. */
	l = links_of(oth_inv, case_c);
	assert_false(json_is_true(
	    json_object_get(json_array_get(json_object_get(l, "items"), 0), "common")));
	json_decref(l);
}

static void test_two_first_looks_at_once_make_one_notice(void **state)
{
	(void)state;
	for (int round = 0; round < 3; round++) {
		char sa[ID_LEN], sc[ID_LEN], body[128];
		snprintf(body, sizeof body, "{\"kind\":\"phone\",\"value\":\"07700 900 9%02d\"}",
		         round);
		char body2[128], sa2[ID_LEN], sc2[ID_LEN];
		snprintf(body2, sizeof body2,
		         "{\"kind\":\"email\",\"value\":\"round%d@example.org\"}", round);
		/* Two pairs, recorded in opposite orders on each side. */
		record_id(inv1, case_a, body, sa);
		record_id(inv1, case_a, body2, sa2);
		record_id(oth_inv, case_c, body2, sc2);
		record_id(oth_inv, case_c, body, sc);
		client *c1 = client_signed_in(&srv, "inv1"),
		       *c2 = client_signed_in(&srv, "oth.inv");
		client *c3 = client_signed_in(&srv, "sup1");
		look k[3] = {
		    {c1, case_a, sa, "", 0}, {c2, case_c, sc, "", 0}, {c3, case_a, sa, "", 0}};
		pthread_t t[3];
		for (int i = 0; i < 3; i++)
			assert_int_equal(pthread_create(&t[i], NULL, look_once, &k[i]), 0);
		for (int i = 0; i < 3; i++)
			pthread_join(t[i], NULL);
		for (int i = 0; i < 3; i++) {
			assert_int_equal(k[i].status, 200);
			assert_string_equal(k[i].number, k[0].number);
		}
		const char *lo = strcmp(sa, sc) < 0 ? sa : sc;
		assert_int_equal(
		    server_db_int(&srv, "SELECT COUNT(*) FROM link_notices WHERE selector_lo = $1",
		                  lo),
		    1);
		lo = strcmp(sa2, sc2) < 0 ? sa2 : sc2;
		assert_int_equal(
		    server_db_int(&srv, "SELECT COUNT(*) FROM link_notices WHERE selector_lo = $1",
		                  lo),
		    1);
		client_free(c1);
		client_free(c2);
		client_free(c3);
	}
}

/* ---- the deconfliction contact ---- */

static void test_an_administrator_sets_the_deconfliction_contact_with_if_match(void **state)
{
	(void)state;
	json_t *c = client_get_json(admin1, "/api/v1/settings/deconfliction", 200);
	assert_int_equal(json_integer_value(json_object_get(c, "version")), 0);
	assert_true(json_is_null(json_object_get(c, "role")));
	assert_true(json_is_null(json_object_get(c, "contact")));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(c, "organisation"), "name")),
	    "Test Constabulary");
	json_decref(c);
	const char *body = "{\"role\":\"Intelligence Unit duty "
	                   "desk\",\"contact\":\"fib.desk@test.police.example\"}";
	assert_int_equal(client_status(admin1, "PUT", "/api/v1/settings/deconfliction", body), 428);
	const char *zero[] = {"If-Match: \"0\"", NULL}, *one[] = {"If-Match: \"1\"", NULL};
	resp *r = client_req(admin1, "PUT", "/api/v1/settings/deconfliction",
	                     "{\"role\":\"\",\"contact\":\"x\"}", zero);
	resp_expect_field(r, "role");
	char big[400];
	snprintf(big, sizeof big, "{\"role\":\"Desk\",\"contact\":\"%0201d\"}", 0);
	r = client_req(admin1, "PUT", "/api/v1/settings/deconfliction", big, zero);
	resp_expect_field(r, "contact");
	resp_expect_field(client_req(admin1, "PUT", "/api/v1/settings/deconfliction",
	                             "{\"role\":\"Desk\"}", zero),
	                  "contact");
	r = client_req(admin1, "PUT", "/api/v1/settings/deconfliction", body, zero);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	assert_string_equal(json_string_value(json_object_get(r->json, "role")),
	                    "Intelligence Unit duty desk");
	resp_free(r);
	/* A second first setting, or a stale version: 412 with the current. */
	r = client_req(admin1, "PUT", "/api/v1/settings/deconfliction", body, zero);
	assert_int_equal(r->status, 412);
	resp_free(r);
	const char *two[] = {"If-Match: \"7\"", NULL};
	r = client_req(admin1, "PUT", "/api/v1/settings/deconfliction", body, two);
	assert_int_equal(r->status, 412);
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	resp_free(r);
	r = client_req(admin1, "PUT", "/api/v1/settings/deconfliction",
	               "{\"role\":\"Intelligence Unit duty desk\",\"contact\":\"01632 960 222\"}",
	               one);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	resp_free(r);
	assert_int_equal(audit_count(&srv, "deconfliction_contact_changed", NULL), 2);
	/* Only administrators, and each of their own organisation. */
	assert_int_equal(client_status(inv1, "GET", "/api/v1/settings/deconfliction", NULL), 403);
	assert_int_equal(client_status(sup1, "PUT", "/api/v1/settings/deconfliction", body), 403);
	c = client_get_json(oth_admin, "/api/v1/settings/deconfliction", 200);
	assert_string_equal(json_string_value(json_object_get(c, "contact")), "01632 960 111");
	json_decref(c);
	/* Notices now carry the force's contact. */
	char sa[ID_LEN], sc[ID_LEN];
	record_id(oth_inv, case_c, "{\"kind\":\"vehicle\",\"value\":\"WU68 LKP\"}", sc);
	record_id(inv1, case_a, "{\"kind\":\"vehicle\",\"value\":\"WU68LKP\"}", sa);
	json_t *l = links_of(oth_inv, case_c);
	json_t *contact = json_object_get(
	    json_object_get(json_array_get(json_object_get(item_for(l, sc), "matches"), 0),
	                    "notice"),
	    "contact");
	assert_string_equal(json_string_value(json_object_get(contact, "organisation")),
	                    "Test Constabulary");
	assert_string_equal(json_string_value(json_object_get(contact, "contact")),
	                    "01632 960 222");
	json_decref(l);
	/* And the worklist item of the side that did not raise it. */
	json_t *w = NULL;
	resp *wl =
	    client_expect(inv1, "GET", "/api/v1/worklist?kind=selector_match&limit=200", NULL, 200);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(wl->json, "items"), i, x)
	{
		if (strcmp(json_string_value(json_object_get(x, "selector_kind")), "vehicle") == 0)
			w = x;
	}
	assert_non_null(w);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(w, "contact"), "organisation")),
	    "Other Constabulary");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(w, "contact"), "contact")),
	    "01632 960 111");
	assert_null(strstr(wl->body, TITLE_C));
	assert_null(strstr(wl->body, case_c));
	resp_free(wl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_selector_is_recorded_in_its_normal_form_and_listed),
	    cmocka_unit_test(test_a_selector_recorded_twice_about_the_same_person_is_refused),
	    cmocka_unit_test(test_each_field_that_is_not_valid_is_named),
	    cmocka_unit_test(test_roles_and_reach_are_refused_as_the_rules_say),
	    cmocka_unit_test(test_a_match_the_caller_may_read_shows_case_and_selector_both_ways),
	    cmocka_unit_test(test_a_notice_of_another_forces_case_leaks_nothing),
	    cmocka_unit_test(
	        test_the_other_side_sees_the_notice_on_its_worklist_and_acknowledges_it_once),
	    cmocka_unit_test(test_a_sealed_selector_matches_without_its_value_in_the_clear),
	    cmocka_unit_test(
	        test_a_suspect_only_persons_selectors_are_withheld_from_a_safeguarding_officer),
	    cmocka_unit_test(
	        test_a_notice_about_a_suspect_only_person_is_no_task_for_a_safeguarding_officer),
	    cmocka_unit_test(test_notices_come_after_visible_matches_whenever_recorded),
	    cmocka_unit_test(test_a_purpose_not_in_utf8_is_audited_so_the_auditor_can_list_it),
	    cmocka_unit_test(test_the_audit_of_a_recording_says_how_many_matches_it_told_of),
	    cmocka_unit_test(test_a_sealed_selector_matched_in_the_clear_is_a_notice_to_an_analyst),
	    cmocka_unit_test(test_a_valid_number_longer_than_fifteen_digits_is_shown),
	    cmocka_unit_test(test_a_common_selector_lists_fifty_matches_and_raises_no_notices),
	    cmocka_unit_test(test_two_first_looks_at_once_make_one_notice),
	    cmocka_unit_test(test_an_administrator_sets_the_deconfliction_contact_with_if_match),
	};
	return suite_run(&fixture, tests);
}
