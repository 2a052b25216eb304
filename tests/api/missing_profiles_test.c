/* A child's profile kept ahead of any episode (the Philomena protocol)
 * over HTTP: kept from version 0 and changed at the version read, each
 * field checked, a child's only, read and changed by those who reach the
 * child's missing episodes, and by a partner only through a live share
 * naming the missing section on the child safeguarding basis; every read
 * and save audited, every change kept in history. */
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
static client *inv1, *inv2, *sup1, *an1, *sg1, *part1, *admin1;
static char kase[ID_LEN], adult[ID_LEN], hope[ID_LEN];
static char today[DATE_LEN], soon[DATE_LEN];

#define FULL                                                                                       \
	"{\"physical_description\":\"White, slim, about 5 ft 2, long dark "                        \
	"hair\",\"photo_description\":\"School "                                                   \
	"photograph, September\",\"phones\":[\"07700 900123\"],\"associates\":[\"Older boy "       \
	"called Jay\"],"                                                                           \
	"\"places_frequented\":[\"Salisbury bus station\",\"The skate "                            \
	"park\"],\"previous_episodes\":\"Twice in "                                                \
	"2026, found in Swindon\",\"placement\":\"Oak House children's home\"}"

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", "Intelligence") ||
	       server_add_account(s, "sg1", "safeguarding", "Test Constabulary", "Safeguarding");
}

static int records(void)
{
	clock_today(today);
	date_add_days(today, 30, soon);
	client_post_id(
	    inv1, "/api/v1/cases",
	    "{\"title\":\"Children in care, Salisbury\",\"exploitation_types\":[\"criminal\"]}",
	    kase);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Ruth\",\"family_name\":\"Adult\",\"estimated_age\":30}",
	               adult);
	case_link_person(inv1, kase, adult, "potential_victim", NULL);
	json_t *orgs = client_get_json(inv1, "/api/v1/organisations?kind=partner", 200);
	json_t *h = json_find(json_object_get(orgs, "items"), "name", "Hope Support Services");
	snprintf(hope, sizeof hope, "%s", json_string_value(json_object_get(h, "id")));
	json_decref(orgs);
	return strlen(hope) > 8 ? 0 : -1;
}

static const suite_login logins[] = {
    {&inv1, "inv1"}, {&inv2, "inv2"},   {&sup1, "sup1"},     {&an1, "an1"},
    {&sg1, "sg1"},   {&part1, "part1"}, {&admin1, "admin1"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* A new child in the case, as a potential victim: their id, and their part. */
static void new_child(char id[ID_LEN], char link[ID_LEN])
{
	static int n;
	char body[160];
	snprintf(body, sizeof body,
	         "{\"given_names\":\"Child%d\",\"family_name\":\"Profile\",\"estimated_age\":14}",
	         ++n);
	client_post_id(inv1, "/api/v1/people", body, id);
	case_link_person(inv1, kase, id, "potential_victim", link);
}

static const char *profile_path(const char *person)
{
	static char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s/missing-profile", person);
	return path;
}

/* PUTs the profile as c naming version in If-Match. The caller frees the answer. */
static resp *put_profile(client *c, const char *person, const char *version, const char *body)
{
	char im[40];
	snprintf(im, sizeof im, "If-Match: \"%s\"", version);
	const char *headers[] = {im, NULL};
	return client_req(c, "PUT", profile_path(person), body, headers);
}

static long put_status(client *c, const char *person, const char *version, const char *body)
{
	return resp_status(put_profile(c, person, version, body));
}

static const char *str(json_t *j, const char *key)
{
	return json_string_value(json_object_get(j, key));
}

/* The changes of the field in the person's history, newest first. */
static size_t changes_of(const char *person, const char *field, json_t **newest)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s/history", person);
	json_t *h = client_get_json(inv1, path, 200), *item;
	size_t i, n = 0;
	*newest = NULL;
	json_array_foreach(json_object_get(h, "items"), i, item)
	{
		if (strcmp(str(item, "field"), field) != 0)
			continue;
		if (!n++)
			*newest = json_incref(item);
	}
	json_decref(h);
	return n;
}

/* Fails unless the person has no profile kept: version 0, every field
 * empty, and their name. */
static void expect_none(client *c, const char *person)
{
	resp *r = client_expect(c, "GET", profile_path(person), NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 0);
	assert_true(json_is_null(json_object_get(r->json, "physical_description")));
	assert_int_equal(json_array_size(json_object_get(r->json, "phones")), 0);
	assert_true(json_is_null(json_object_get(r->json, "organisation")));
	assert_non_null(str(json_object_get(r->json, "person"), "name"));
	resp_free(r);
}

static void test_a_profile_is_kept_from_version_0_and_read_back(void **state)
{
	(void)state;
	char child[ID_LEN], link[ID_LEN];
	new_child(child, link);
	/* None kept yet: version 0, nothing said, whose it is by name. */
	expect_none(inv1, child);
	resp *r;
	assert_int_equal(client_status(inv1, "PUT", profile_path(child), FULL), 428);
	r = put_profile(inv1, child, "0", FULL);
	assert_int_equal(r->status, 201);
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	assert_string_equal(str(json_object_get(r->json, "organisation"), "name"),
	                    "Test Constabulary");
	resp_free(r);
	r = client_expect(inv1, "GET", profile_path(child), NULL, 200);
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	assert_string_equal(str(r->json, "placement"), "Oak House children's home");
	assert_string_equal(str(r->json, "physical_description"),
	                    "White, slim, about 5 ft 2, long dark hair");
	assert_true(json_holds(json_object_get(r->json, "places_frequented"), "The skate park"));
	assert_true(json_holds(json_object_get(r->json, "phones"), "07700 900123"));
	assert_true(json_is_string(json_object_get(json_object_get(r->json, "updated_by"), "id")));
	resp_free(r);
	/* Each look is audited, the one that found none kept too. */
	assert_int_equal(audit_count(&srv, "missing_profile_viewed", child), 2);
	assert_int_equal(audit_count(&srv, "missing_profile_saved", child), 1);
	/* Replaced whole at the version read: what is left out is no longer said. */
	r = put_profile(inv1, child, "1",
	                "{\"physical_description\":\"White, slim, about 5 ft 2, long dark "
	                "hair\",\"placement\":\"Foster "
	                "carers in Amesbury\",\"associates\":[\"Older boy called Jay\"]}");
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "ETag"), "\"2\"");
	assert_int_equal(json_array_size(json_object_get(r->json, "phones")), 0);
	assert_true(json_is_null(json_object_get(r->json, "photo_description")));
	resp_free(r);
	assert_int_equal(audit_count(&srv, "missing_profile_saved", child), 2);
	/* Each changed field is kept in history; an unchanged one once. */
	json_t *h;
	assert_int_equal(changes_of(child, "placement", &h), 2);
	assert_string_equal(str(h, "old_value"), "Oak House children's home");
	assert_string_equal(str(h, "new_value"), "Foster carers in Amesbury");
	json_decref(h);
	assert_int_equal(changes_of(child, "phones", &h), 2);
	assert_string_equal(str(h, "old_value"), "[\"07700 900123\"]");
	assert_true(json_is_null(json_object_get(h, "new_value")));
	json_decref(h);
	assert_int_equal(changes_of(child, "physical_description", &h), 1);
	json_decref(h);
	assert_int_equal(changes_of(child, "associates", &h), 1);
	json_decref(h);
}

static void test_each_field_is_checked_and_one_must_say_something(void **state)
{
	(void)state;
	char child[ID_LEN], link[ID_LEN], body[3000], long_item[260];
	new_child(child, link);
	resp_expect_field(put_profile(inv1, child, "0", "{}"), "physical_description");
	resp_expect_field(
	    put_profile(inv1, child, "0",
	                "{\"physical_description\":\"  \",\"placement\":\"\",\"phones\":[],"
	                "\"associates\":null}"),
	    "physical_description");
	resp_expect_field(put_profile(inv1, child, "0", "{\"hair\":\"brown\"}"), "hair");
	resp_expect_field(put_profile(inv1, child, "0", "{\"phones\":\"07700 900123\"}"), "phones");
	resp_expect_field(put_profile(inv1, child, "0", "{\"phones\":[7700900123]}"), "phones");
	resp_expect_field(put_profile(inv1, child, "0", "{\"associates\":[\"Jay\",\" \"]}"),
	                  "associates");
	memset(long_item, 'a', 201);
	long_item[201] = '\0';
	snprintf(body, sizeof body, "{\"places_frequented\":[\"%s\"]}", long_item);
	resp_expect_field(put_profile(inv1, child, "0", body), "places_frequented");
	size_t n = (size_t)snprintf(body, sizeof body, "{\"phones\":[");
	for (int i = 0; i < 21; i++)
		n += (size_t)snprintf(body + n, sizeof body - n, "%s\"0770090%04d\"", i ? "," : "",
		                      i);
	snprintf(body + n, sizeof body - n, "]}");
	resp_expect_field(put_profile(inv1, child, "0", body), "phones");
	n = (size_t)snprintf(body, sizeof body, "{\"physical_description\":\"");
	memset(body + n, 'x', 2001);
	snprintf(body + n + 2001, sizeof body - n - 2001, "\"}");
	resp_expect_field(put_profile(inv1, child, "0", body), "physical_description");
	/* Nothing was kept; twenty phones and 200 bytes are within bounds. */
	expect_none(inv1, child);
	long_item[200] = '\0';
	n = (size_t)snprintf(body, sizeof body, "{\"places_frequented\":[\"%s\"],\"phones\":[",
	                     long_item);
	for (int i = 0; i < 20; i++)
		n += (size_t)snprintf(body + n, sizeof body - n, "%s\"0770090%04d\"", i ? "," : "",
		                      i);
	snprintf(body + n, sizeof body - n, "]}");
	assert_int_equal(put_status(inv1, child, "0", body), 201);
}

static void test_a_stale_version_gets_412_with_the_current_profile(void **state)
{
	(void)state;
	char child[ID_LEN], link[ID_LEN];
	new_child(child, link);
	/* None kept: the current profile is version 0, saying nothing. */
	resp *r = put_profile(inv1, child, "2", FULL);
	assert_int_equal(r->status, 412);
	json_t *cur = json_object_get(r->json, "current");
	assert_int_equal(json_integer_value(json_object_get(cur, "version")), 0);
	assert_true(json_is_null(json_object_get(cur, "placement")));
	resp_free(r);
	assert_int_equal(put_status(inv1, child, "0", FULL), 201);
	const char *again[] = {"0", "2", "7"};
	for (size_t i = 0; i < sizeof again / sizeof again[0]; i++) {
		r = put_profile(sg1, child, again[i], "{\"placement\":\"Secure unit\"}");
		assert_int_equal(r->status, 412);
		assert_string_equal(resp_header(r, "ETag"), "\"1\"");
		cur = json_object_get(r->json, "current");
		assert_int_equal(json_integer_value(json_object_get(cur, "version")), 1);
		assert_string_equal(str(cur, "placement"), "Oak House children's home");
		resp_free(r);
	}
	const char *bad[] = {"If-Match: soon", NULL};
	assert_int_equal(resp_status(client_req(inv1, "PUT", profile_path(child), FULL, bad)), 400);
	assert_int_equal(put_status(sg1, child, "1", "{\"placement\":\"Secure unit\"}"), 200);
	json_t *p = client_get_json(inv1, profile_path(child), 200);
	assert_string_equal(str(p, "placement"), "Secure unit");
	assert_int_equal(json_integer_value(json_object_get(p, "version")), 2);
	json_decref(p);
}

static void test_an_adult_has_no_profile(void **state)
{
	(void)state;
	resp *r = put_profile(inv1, adult, "0", FULL);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(str(r->json, "detail"), "child"));
	resp_free(r);
	expect_none(inv1, adult);
	assert_int_equal(audit_count(&srv, "missing_profile_saved", adult), 0);
}

static void test_those_who_reach_the_childs_episodes_reach_the_profile(void **state)
{
	(void)state;
	char child[ID_LEN], link[ID_LEN], bare[ID_LEN], bare_link[ID_LEN];
	new_child(child, link);
	new_child(bare, bare_link);
	assert_int_equal(put_status(inv1, child, "0", FULL), 201);
	/* Another team's investigator: no such person, profile or not, and
	 * the same for an id that names nobody. */
	resp *kept = client_expect(inv2, "GET", profile_path(child), NULL, 404);
	resp *none = client_expect(inv2, "GET", profile_path(bare), NULL, 404);
	resp *nobody = client_expect(inv1, "GET", profile_path("no-such-person"), NULL, 404);
	assert_string_equal(str(kept->json, "detail"), "there is no such person");
	assert_string_equal(str(none->json, "detail"), str(kept->json, "detail"));
	assert_string_equal(str(nobody->json, "detail"), str(kept->json, "detail"));
	resp_free(kept);
	resp_free(none);
	resp_free(nobody);
	assert_int_equal(put_status(inv2, child, "1", FULL), 404);
	assert_int_equal(put_status(inv1, "no-such-person", "0", FULL), 404);
	/* The team's supervisor reads it; the force's analysts read and never
	 * write; its safeguarding officers do both. */
	client_get_expect(sup1, 200, "%s", profile_path(child));
	client_get_expect(an1, 200, "%s", profile_path(child));
	assert_int_equal(put_status(an1, child, "1", "{\"placement\":\"Secure unit\"}"), 403);
	client_get_expect(sg1, 200, "%s", profile_path(child));
	assert_int_equal(put_status(sg1, child, "1", "{\"placement\":\"Secure unit\"}"), 200);
	/* Roles that never reach missing episodes. */
	client_get_expect(admin1, 403, "%s", profile_path(child));
	assert_int_equal(put_status(admin1, child, "2", FULL), 403);
	resp_free(anonymous_expect(&srv, "GET", profile_path(child), NULL, 401));
}

/* Shares the child with the partner naming the sections on the basis: the share's id. */
static void share_child(const char *link, const char *sections, const char *basis, char out[ID_LEN])
{
	char path[200], body[500];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", kase, link);
	snprintf(body, sizeof body,
	         "{\"organisation_id\":\"%s\",\"sections\":%s,\"purpose\":\"safeguarding\","
	         "\"basis\":\"%s\","
	         "\"reason\":\"Goes missing from the children's home\",\"expires_on\":\"%s\"}",
	         hope, sections, basis, soon);
	client_post_id(inv1, path, body, out);
}

static void test_a_partner_reaches_it_only_through_a_child_safeguarding_share(void **state)
{
	(void)state;
	char child[ID_LEN], link[ID_LEN], other[ID_LEN], identity[ID_LEN], missing[ID_LEN],
	    path[160];
	new_child(child, link);
	assert_int_equal(put_status(inv1, child, "0", FULL), 201);
	/* No share; a share of the missing section on another basis; a child
	 * safeguarding share without the missing section: no such person. */
	client_get_expect(part1, 404, "%s", profile_path(child));
	assert_int_equal(put_status(part1, child, "1", FULL), 404);
	share_child(link, "[\"identity\",\"missing\"]", "vital_interests", other);
	client_get_expect(part1, 404, "%s", profile_path(child));
	share_child(link, "[\"identity\"]", "child_safeguarding", identity);
	client_get_expect(part1, 404, "%s", profile_path(child));
	assert_int_equal(put_status(part1, child, "1", FULL), 404);
	/* With it: read, as a disclosure, without the force's ids. */
	share_child(link, "[\"identity\",\"missing\"]", "child_safeguarding", missing);
	json_t *p = client_get_json(part1, profile_path(child), 200);
	assert_string_equal(str(p, "placement"), "Oak House children's home");
	assert_null(json_object_get(json_object_get(p, "updated_by"), "id"));
	assert_non_null(str(json_object_get(p, "updated_by"), "name"));
	json_decref(p);
	assert_int_equal(audit_count(&srv, "disclosure_viewed", child), 1);
	assert_int_equal(audit_count(&srv, "missing_profile_viewed", child), 0);
	/* And kept for its organisation, at the version read. */
	assert_int_equal(put_status(part1, child, "0", FULL), 412);
	assert_int_equal(
	    put_status(part1, child, "1", "{\"placement\":\"Moved to Hope's supported lodgings\"}"),
	    200);
	p = client_get_json(inv1, profile_path(child), 200);
	assert_string_equal(str(json_object_get(p, "organisation"), "name"),
	                    "Hope Support Services");
	assert_string_equal(str(p, "placement"), "Moved to Hope's supported lodgings");
	assert_true(json_is_string(json_object_get(json_object_get(p, "updated_by"), "id")));
	json_decref(p);
	/* Through the share itself, as the partner's screens reach it (they
	 * never know the force's id for the child); not through a share that
	 * does not name the missing section on that basis, nor one that is
	 * not there. */
	char via[160], wrong[160];
	snprintf(via, sizeof via, "/api/v1/shares/%s/missing-profile", missing);
	snprintf(wrong, sizeof wrong, "/api/v1/shares/%s/missing-profile", identity);
	p = client_get_json(part1, via, 200);
	assert_string_equal(str(p, "placement"), "Moved to Hope's supported lodgings");
	/* Whose it is, by name, and never the force's id for them. */
	assert_non_null(strstr(str(json_object_get(p, "person"), "name"), " Profile"));
	assert_null(json_object_get(json_object_get(p, "person"), "id"));
	json_decref(p);
	const char *const at2[] = {"If-Match: \"2\"", NULL};
	resp *r = client_req(part1, "PUT", via, "{\"placement\":\"Back at Oak House\"}", at2);
	assert_int_equal(r->status, 200);
	assert_string_equal(str(r->json, "placement"), "Back at Oak House");
	resp_free(r);
	r = client_expect(part1, "GET", "/api/v1/shares/no-such-share/missing-profile", NULL, 404);
	assert_string_equal(str(r->json, "detail"), "there is no such share");
	resp_free(r);
	client_get_expect(part1, 200, "%s", wrong); /* the child is reached through the other share */
	client_get_expect(inv2, 404, "%s", via);
	client_get_expect(inv1, 200, "%s", via);
	/* The share revoked: out of reach again. */
	snprintf(path, sizeof path, "/api/v1/shares/%s", missing);
	client_expect_free(inv1, "DELETE", path, "{\"note\":\"Placement ended\"}", 204);
	client_get_expect(part1, 404, "%s", via);
	client_get_expect(part1, 404, "%s", profile_path(child));
	assert_int_equal(put_status(part1, child, "2", FULL), 404);
	/* A child the partner was never shared: no such person. */
	char stranger[ID_LEN], stranger_link[ID_LEN];
	new_child(stranger, stranger_link);
	assert_int_equal(put_status(inv1, stranger, "0", FULL), 201);
	client_get_expect(part1, 404, "%s", profile_path(stranger));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_profile_is_kept_from_version_0_and_read_back),
	    cmocka_unit_test(test_each_field_is_checked_and_one_must_say_something),
	    cmocka_unit_test(test_a_stale_version_gets_412_with_the_current_profile),
	    cmocka_unit_test(test_an_adult_has_no_profile),
	    cmocka_unit_test(test_those_who_reach_the_childs_episodes_reach_the_profile),
	    cmocka_unit_test(test_a_partner_reaches_it_only_through_a_child_safeguarding_share),
	};
	return suite_run(&fixture, tests);
}
