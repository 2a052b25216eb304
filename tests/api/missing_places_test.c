/* Hot spots over HTTP: places that recur in the missing episodes of two or
 * more different people of the force (last seen, found, sighted,
 * associated in words or as a recorded place), however they were spelt;
 * only for those who read every episode of their force, only their
 * force's episodes, and never a person named. */
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
static client *inv1, *sup1, *an1, *sg1, *part1, *admin1, *inv_b, *sg_b;
static char amy[ID_LEN], ben[ID_LEN], cal[ID_LEN], dee[ID_LEN], eve[ID_LEN];

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", "Intelligence") ||
	       server_add_account(s, "sg1", "safeguarding", "Test Constabulary", "Safeguarding") ||
	       server_add_account(s, "inv_b", "investigator", "Other Constabulary", "B-EMT") ||
	       server_add_account(s, "sg_b", "safeguarding", "Other Constabulary",
	                          "B-Safeguarding") ||
	       server_second_factor_off(s, "Other Constabulary") != 0;
}

/* Reports the person missing as c, last seen at a place and time: the
 * episode's id. */
static void report(client *c, const char *person, const char *seen_at, const char *place,
                   char out[ID_LEN])
{
	char path[160], body[400];
	snprintf(path, sizeof path, "/api/v1/people/%s/missing-episodes", person);
	snprintf(body, sizeof body,
	         "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"%s\","
	         "\"risk\":\"medium\"}",
	         seen_at, seen_at, place);
	client_post_id(c, path, body, out);
}

/* Records the return of the episode as c, found at a place. */
static void found(client *c, const char *episode, const char *at, const char *where)
{
	char path[160], body[300];
	snprintf(path, sizeof path, "/api/v1/missing-episodes/%s/return", episode);
	snprintf(body, sizeof body,
	         "{\"returned_at\":\"%s\",\"found_by\":\"police\",\"where_found\":\"%s\"}", at,
	         where);
	client_expect_free(c, "POST", path, body, 200);
}

static void add_to(const char *episode, const char *tail, const char *body)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/missing-episodes/%s/%s", episode, tail);
	client_post_id(inv1, path, body, NULL);
}

static int records(void)
{
	char kase[ID_LEN], link[ID_LEN], place[ID_LEN], e[ID_LEN], path[160], body[300];
	client_post_id(
	    inv1, "/api/v1/cases",
	    "{\"title\":\"County lines, Salisbury\",\"exploitation_types\":[\"criminal\"]}", kase);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Amy\",\"family_name\":\"Hotspot\",\"estimated_age\":15}",
	               amy);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Ben\",\"family_name\":\"Hotspot\",\"estimated_age\":14}",
	               ben);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Cal\",\"family_name\":\"Hotspot\",\"estimated_age\":16}",
	               cal);
	case_link_person(inv1, kase, ben, "potential_victim", link);
	snprintf(path, sizeof path, "/api/v1/cases/%s/places", kase);
	client_post_id(inv1, path,
	               "{\"kind\":\"exploitation\",\"address\":\"Retail Park,  Churchill "
	               "Way\",\"country\":\"GB\"}",
	               place);
	/* Amy: the bus station twice, a sighting at the skate park, and the
	 * retail park in words. */
	report(inv1, amy, "2026-03-01T18:00:00Z", "Salisbury bus station", e);
	add_to(e, "entries",
	       "{\"kind\":\"sighting\",\"at\":\"2026-03-01T21:00:00Z\",\"place\":\"The Skate "
	       "Park\",\"detail\":\"Seen by a youth worker\"}");
	add_to(e, "entries",
	       "{\"kind\":\"search\",\"at\":\"2026-03-01T22:00:00Z\",\"place\":\"Old "
	       "Sarum\",\"detail\":\"Searched the grounds\"}");
	found(inv1, e, "2026-03-02T09:00:00Z", "Her aunt's flat");
	report(inv1, amy, "2026-04-10T17:00:00Z", "salisbury   BUS station", e);
	add_to(
	    e, "associations",
	    "{\"place\":\"retail park, churchill way\",\"note\":\"Goes there with older boys\"}");
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"note\":\"Seen together\"}", cal);
	add_to(e, "associations", body);
	found(inv1, e, "2026-04-11T08:00:00Z", "Home");
	/* Ben: last seen at Old Sarum, found at the bus station, linked to the
	 * retail park as recorded in his case. */
	report(inv1, ben, "2026-05-02T16:00:00Z", "Old Sarum", e);
	snprintf(body, sizeof body, "{\"place_id\":\"%s\"}", place);
	add_to(e, "associations", body);
	found(inv1, e, "2026-05-03T10:00:00Z", " Salisbury Bus Station ");
	/* Cal: last seen at the skate park, found at the bus station. */
	report(inv1, cal, "2026-06-05T15:00:00Z", "the skate park", e);
	found(inv1, e, "2026-06-06T07:30:00Z", "Salisbury bus station");
	/* The other force: two people at Old Sarum, and one at the bus station. */
	client_post_id(
	    inv_b, "/api/v1/people",
	    "{\"given_names\":\"Dee\",\"family_name\":\"Elsewhere\",\"estimated_age\":15}", dee);
	client_post_id(
	    inv_b, "/api/v1/people",
	    "{\"given_names\":\"Eve\",\"family_name\":\"Elsewhere\",\"estimated_age\":15}", eve);
	report(inv_b, dee, "2026-07-01T15:00:00Z", "Old Sarum", e);
	found(inv_b, e, "2026-07-02T15:00:00Z", "Salisbury bus station");
	report(inv_b, eve, "2026-07-03T15:00:00Z", "OLD SARUM", e);
	return 0;
}

static const suite_login logins[] = {
    {&inv1, "inv1"},     {&sup1, "sup1"},   {&an1, "an1"},   {&sg1, "sg1"}, {&part1, "part1"},
    {&admin1, "admin1"}, {&inv_b, "inv_b"}, {&sg_b, "sg_b"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

static json_t *spot(json_t *items, const char *place)
{
	return json_find(items, "place", place);
}

static json_int_t count(json_t *item, const char *what)
{
	return json_integer_value(json_object_get(item, what));
}

static void test_places_recurring_across_people_most_people_first(void **state)
{
	(void)state;
	json_t *j = client_get_json(an1, "/api/v1/missing/hot-spots", 200);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 3);
	/* The bus station: Amy twice, Ben and Cal found there; the first spelling. */
	json_t *bus = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(bus, "place")),
	                    "Salisbury bus station");
	assert_int_equal(count(bus, "people"), 3);
	assert_int_equal(count(bus, "episodes"), 4);
	assert_string_equal(json_string_value(json_object_get(bus, "last_at")),
	                    "2026-06-06T07:30:00.000Z");
	/* Then two people each, the latest first: the skate park (a sighting
	 * and a last seen place), the retail park (in words and as recorded). */
	json_t *skate = json_array_get(items, 1), *retail = json_array_get(items, 2);
	assert_ptr_equal(skate, spot(items, "The Skate Park"));
	assert_int_equal(count(skate, "people"), 2);
	assert_int_equal(count(skate, "episodes"), 2);
	assert_string_equal(json_string_value(json_object_get(skate, "last_at")),
	                    "2026-06-05T15:00:00.000Z");
	assert_ptr_equal(retail, spot(items, "retail park, churchill way"));
	assert_int_equal(count(retail, "people"), 2);
	assert_int_equal(count(retail, "episodes"), 2);
	assert_string_equal(json_string_value(json_object_get(retail, "last_at")),
	                    "2026-05-02T16:00:00.000Z");
	/* Old Sarum is Ben's only here (a search's place does not count), and
	 * the other force's two people there are not this force's. */
	assert_null(spot(items, "Old Sarum"));
	json_decref(j);
	/* A safeguarding officer sees the same. */
	j = client_get_json(sg1, "/api/v1/missing/hot-spots", 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	json_decref(j);
}

static void test_only_the_users_own_force_counts(void **state)
{
	(void)state;
	json_t *j = client_get_json(sg_b, "/api/v1/missing/hot-spots", 200);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 1);
	json_t *sarum = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(sarum, "place")), "Old Sarum");
	assert_int_equal(count(sarum, "people"), 2);
	assert_int_equal(count(sarum, "episodes"), 2);
	json_decref(j);
}

static void test_it_names_places_and_counts_never_people(void **state)
{
	(void)state;
	resp *r = client_expect(an1, "GET", "/api/v1/missing/hot-spots", NULL, 200);
	const char *never[] = {"Amy", "Ben", "Cal",    "Hotspot",   amy,
	                       ben,   cal,   "person", "episode_id"};
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		if (strstr(r->body, never[i]))
			fail_msg("the hot spots name %s: %s", never[i], r->body);
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(r->json, "items"), i, item)
	{
		assert_int_equal(json_object_size(item), 4);
		assert_true(json_is_string(json_object_get(item, "place")));
		assert_true(json_is_integer(json_object_get(item, "episodes")));
		assert_true(json_is_integer(json_object_get(item, "people")));
		assert_true(json_is_string(json_object_get(item, "last_at")));
	}
	assert_int_equal(json_object_size(r->json), 1);
	resp_free(r);
}

static void test_only_those_who_read_every_episode_of_the_force_see_it(void **state)
{
	(void)state;
	client *refused[] = {inv1, sup1, inv_b, part1, admin1};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		resp *r = client_expect(refused[i], "GET", "/api/v1/missing/hot-spots", NULL, 403);
		assert_null(strstr(r->body, "Salisbury"));
		resp_free(r);
	}
	resp_free(anonymous_expect(&srv, "GET", "/api/v1/missing/hot-spots", NULL, 401));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_places_recurring_across_people_most_people_first),
	    cmocka_unit_test(test_only_the_users_own_force_counts),
	    cmocka_unit_test(test_it_names_places_and_counts_never_people),
	    cmocka_unit_test(test_only_those_who_read_every_episode_of_the_force_see_it),
	};
	return suite_run(&fixture, tests);
}
