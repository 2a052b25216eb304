/* Cases: opening, reading, changing with versions and history, searching,
 * and who may see what. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "store/db.h"

static server srv;
static client *inv1, *inv2, *sup1;

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&sup1, "sup1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins};

/* Opens a case as c and returns its id in a static buffer. */
static const char *open_case(client *c, const char *title, const char *types)
{
	static char id[ID_LEN];
	char body[1024];
	snprintf(body, sizeof body,
		 "{\"title\":\"%s\",\"summary\":\"Found during a welfare visit.\","
		 "\"exploitation_types\":%s}",
		 title, types);
	return client_post_id(c, "/api/v1/cases", body, id);
}

static void test_opening_a_case_gives_a_sequential_reference(void **state)
{
	(void)state;
	resp *r = client_req(inv1, "POST", "/api/v1/cases",
			     "{\"title\":\"Nail bar, Trowbridge\",\"summary\":\"Two women working "
			     "without pay\",\"exploitation_types\":[\"labour\"],\"offences\":"
			     "[\"msa_s1\",\"other\"],\"other_offence\":\"Immigration Act 1971 s25\"}",
			     NULL);
	assert_int_equal(r->status, 201);
	const char *ref = json_string_value(json_object_get(r->json, "reference"));
	assert_non_null(ref);
	assert_int_equal(strlen(ref), 13);
	assert_memory_equal(ref, "MS-", 3);
	int first = atoi(ref + 8);
	assert_string_equal(json_string_value(json_object_get(r->json, "status")), "new");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	assert_non_null(strstr(resp_header(r, "Location"), "/api/v1/cases/"));
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "team"), "name")),
			    "EMT");
	assert_string_equal(json_string_value(json_object_get(r->json, "other_offence")),
			    "Immigration Act 1971 s25");
	resp_free(r);
	r = client_req(inv1, "POST", "/api/v1/cases",
		       "{\"title\":\"Car wash\",\"exploitation_types\":[\"labour\"]}", NULL);
	assert_int_equal(atoi(json_string_value(json_object_get(r->json, "reference")) + 8),
			 first + 1);
	resp_free(r);
}

static void test_opening_checks_every_field(void **state)
{
	(void)state;
	static const struct {
		const char *body, *field;
	} cases[] = {
		{"{\"exploitation_types\":[\"labour\"]}", "title"},
		{"{\"title\":\"\",\"exploitation_types\":[\"labour\"]}", "title"},
		{"{\"title\":\"x\"}", "exploitation_types"},
		{"{\"title\":\"x\",\"exploitation_types\":[]}", "exploitation_types"},
		{"{\"title\":\"x\",\"exploitation_types\":[\"smuggling\"]}", "exploitation_types"},
		{"{\"title\":\"x\",\"exploitation_types\":[\"labour\",\"labour\"]}", "exploitation_types"},
		{"{\"title\":\"x\",\"exploitation_types\":[\"labour\"],\"county_lines\":true}",
		 "county_lines"},
		{"{\"title\":\"x\",\"exploitation_types\":[\"labour\"],\"offences\":[\"s99\"]}", "offences"},
		{"{\"title\":\"x\",\"exploitation_types\":[\"labour\"],\"offences\":[\"other\"]}",
		 "other_offence"},
		{"{\"title\":\"x\",\"exploitation_types\":[\"labour\"],\"other_offence\":\"theft\"}",
		 "other_offence"},
		{"{\"title\":\"x\",\"exploitation_types\":[\"labour\"],\"team_id\":\"elsewhere\"}",
		 "team_id"},
		{"{\"title\":\"x\",\"exploitation_types\":[\"labour\"],\"priority\":1}", "priority"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		resp *r = client_req(inv1, "POST", "/api/v1/cases", cases[i].body, NULL);
		if (r->status != 422 || !strstr(r->body, cases[i].field))
			fail_msg("%s: %ld %s", cases[i].body, r->status, r->body);
		resp_free(r);
	}
}

static void test_roles_without_case_data_are_refused(void **state)
{
	(void)state;
	const char *who[] = {"admin1", "aud1", "opcc1"};
	for (size_t i = 0; i < 3; i++) {
		client *c = client_signed_in(&srv, who[i]);
		assert_int_equal(client_status(c, "GET", "/api/v1/cases", NULL), 403);
		assert_int_equal(client_status(c, "POST", "/api/v1/cases",
			       "{\"title\":\"x\",\"exploitation_types\":[\"labour\"]}"), 403);
		client_free(c);
	}
}

static void test_another_teams_investigator_gets_404(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", open_case(inv1, "EMT only", "[\"sexual\"]"));
	json_decref(client_get_json(inv1, path, 200));
	json_decref(client_get_json(sup1, path, 200)); /* same team's supervisor */
	assert_int_equal(client_status(inv2, "GET", path, NULL), 404);
	resp *r = client_req(inv2, "GET", "/api/v1/cases/no-such-case", NULL, NULL);
	assert_int_equal(r->status, 404);
	assert_null(strstr(r->body, "EMT"));
	resp_free(r);
	r = client_req(inv2, "PATCH", path, "{\"title\":\"mine now\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 404);
	resp_free(r);
	char hist[160];
	snprintf(hist, sizeof hist, "%s/history", path);
	assert_int_equal(client_status(inv2, "GET", hist, NULL), 404);
	/* Nor does it show in their list. */
	json_t *list = client_get_json(inv2, "/api/v1/cases?q=EMT+only", 200);
	assert_int_equal(json_array_size(json_object_get(list, "items")), 0);
	json_decref(list);
	list = client_get_json(inv1, "/api/v1/cases?q=EMT+only", 200);
	assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
	json_decref(list);
}

static void test_changes_need_the_current_version_and_keep_history(void **state)
{
	(void)state;
	char path[128], hist[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s", open_case(inv1, "Versioned", "[\"labour\"]"));
	snprintf(hist, sizeof hist, "%s/history", path);
	assert_int_equal(client_status(inv1, "PATCH", path, "{\"status\":\"investigating\"}"), 428);
	resp *r = client_req(inv1, "PATCH", path, "{\"status\":\"investigating\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	resp_free(r);
	/* A second tab still on version 1 is told, and shown the current case. */
	r = client_req(sup1, "PATCH", path, "{\"title\":\"Renamed\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 412);
	json_t *cur = json_object_get(r->json, "current");
	assert_string_equal(json_string_value(json_object_get(cur, "status")), "investigating");
	assert_string_equal(resp_header(r, "ETag"), "\"2\"");
	resp_free(r);
	r = client_req(sup1, "PATCH", path,
		       "{\"title\":\"Renamed\",\"exploitation_types\":[\"labour\",\"criminal\"],"
		       "\"county_lines\":true}",
		       (const char *const[]){"If-Match: \"2\"", NULL});
	assert_int_equal(r->status, 200);
	resp_free(r);
	json_t *h = client_get_json(inv1, hist, 200);
	json_t *items = json_object_get(h, "items");
	assert_int_equal(json_array_size(items), 4); /* status, title, types, county lines */
	size_t i;
	json_t *e;
	int saw_title = 0;
	json_array_foreach(items, i, e)
	{
		if (strcmp(json_string_value(json_object_get(e, "field")), "title") == 0) {
			saw_title = 1;
			assert_string_equal(json_string_value(json_object_get(e, "old_value")), "Versioned");
			assert_string_equal(json_string_value(json_object_get(e, "new_value")), "Renamed");
			assert_non_null(json_object_get(json_object_get(e, "by"), "name"));
		}
	}
	assert_true(saw_title);
	json_decref(h);
}

static void test_closing_needs_an_outcome_and_reopening_drops_it(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", open_case(inv1, "To close", "[\"labour\"]"));
	resp *r = client_req(inv1, "PATCH", path, "{\"status\":\"closed\"}",
			     (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "outcome"));
	resp_free(r);
	r = client_req(inv1, "PATCH", path, "{\"status\":\"sleeping\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 422);
	resp_free(r);
	r = client_req(inv1, "PATCH", path, "{\"outcome\":\"charged\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 422);
	resp_free(r);
	r = client_req(inv1, "PATCH", path,
		       "{\"status\":\"closed\",\"outcome\":\"No further action: victim safe\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 200);
	resp_free(r);
	r = client_req(inv1, "PATCH", path, "{\"status\":\"investigating\",\"outcome\":null}",
		       (const char *const[]){"If-Match: \"2\"", NULL});
	assert_int_equal(r->status, 200);
	assert_true(json_is_null(json_object_get(r->json, "outcome")));
	resp_free(r);
}

static void test_search_by_reference_words_status_and_type(void **state)
{
	(void)state;
	open_case(inv1, "Ștefan at the car wash", "[\"labour\"]");
	open_case(inv1, "County line from Bristol", "[\"criminal\"]");
	json_t *l = client_get_json(inv1, "/api/v1/cases?q=STEFAN", 200);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 1);
	const char *ref = json_string_value(
		json_object_get(json_array_get(json_object_get(l, "items"), 0), "reference"));
	char q[128];
	snprintf(q, sizeof q, "/api/v1/cases?q=%s", ref);
	json_t *byref = client_get_json(inv1, q, 200);
	assert_int_equal(json_array_size(json_object_get(byref, "items")), 1);
	json_decref(byref);
	json_decref(l);
	l = client_get_json(inv1, "/api/v1/cases?q=car+wash&type=labour", 200);
	assert_true(json_array_size(json_object_get(l, "items")) >= 1);
	json_decref(l);
	l = client_get_json(inv1, "/api/v1/cases?q=bristol&type=labour", 200);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 0);
	json_decref(l);
	l = client_get_json(inv1, "/api/v1/cases?q=100%25", 200); /* LIKE characters are literal */
	assert_int_equal(json_array_size(json_object_get(l, "items")), 0);
	json_decref(l);
	assert_int_equal(client_status(inv1, "GET", "/api/v1/cases?status=asleep", NULL), 400);
	resp *r = client_req(inv1, "GET", "/api/v1/cases?type=smuggling&limit=0&cursor=zz", NULL, NULL);
	assert_int_equal(r->status, 400);
	assert_int_equal(json_array_size(json_object_get(r->json, "errors")), 3);
	resp_free(r);
}

static void test_pages_follow_the_cursor_without_repeats(void **state)
{
	(void)state;
	for (int i = 0; i < 5; i++)
		open_case(inv1, "Paging case", "[\"unknown\"]");
	json_t *seen = json_object();
	char path[512] = "/api/v1/cases?q=paging&limit=2";
	int pages = 0;
	for (;;) {
		json_t *l = client_get_json(inv1, path, 200);
		size_t i;
		json_t *e;
		json_array_foreach(json_object_get(l, "items"), i, e)
		{
			const char *id = json_string_value(json_object_get(e, "id"));
			assert_null(json_object_get(seen, id));
			json_object_set_new(seen, id, json_true());
		}
		pages++;
		const char *next = json_string_value(json_object_get(l, "next_cursor"));
		if (!next) {
			json_decref(l);
			break;
		}
		snprintf(path, sizeof path, "/api/v1/cases?q=paging&limit=2&cursor=%s", next);
		json_decref(l);
	}
	assert_int_equal(json_object_size(seen), 5);
	assert_int_equal(pages, 3);
	json_decref(seen);
}

/* The titles of a list's items, "a;b;", and its total. */
static json_int_t titles(client *c, const char *path, char out[256])
{
	json_t *l = client_get_json(c, path, 200);
	out[0] = '\0';
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(l, "items"), i, e)
	{
		size_t n = strlen(out);
		snprintf(out + n, 256 - n, "%s;", json_string_value(json_object_get(e, "title")));
	}
	json_int_t total = json_integer_value(json_object_get(l, "total"));
	json_decref(l);
	return total;
}

/* Sorting, filters and the total are the server's, over every case found,
 * not the browser's over one page; a case is found by a name in it. */
static void test_the_list_sorts_filters_and_counts_on_the_server(void **state)
{
	(void)state;
	open_case(inv1, "Sorting gamma", "[\"labour\"]");
	const char *beta = open_case(inv1, "Sorting beta", "[\"labour\"]");
	char beta_id[ID_LEN];
	snprintf(beta_id, sizeof beta_id, "%s", beta);
	open_case(inv1, "Sorting alpha", "[\"labour\"]");
	char out[256];
	assert_int_equal(titles(inv1, "/api/v1/cases?q=sorting&sort=title", out), 3);
	assert_string_equal(out, "Sorting alpha;Sorting beta;Sorting gamma;");
	assert_int_equal(titles(inv1, "/api/v1/cases?q=sorting&sort=title&order=desc", out), 3);
	assert_string_equal(out, "Sorting gamma;Sorting beta;Sorting alpha;");
	assert_int_equal(titles(inv1, "/api/v1/cases?q=sorting&sort=updated&order=asc", out), 3);
	assert_string_equal(out, "Sorting gamma;Sorting beta;Sorting alpha;");
	/* A page of two, then the rest: the total is the whole. */
	json_t *l = client_get_json(inv1, "/api/v1/cases?q=sorting&sort=title&limit=2", 200);
	assert_int_equal(json_array_size(json_object_get(l, "items")), 2);
	assert_int_equal(json_integer_value(json_object_get(l, "total")), 3);
	char path[256];
	snprintf(path, sizeof path, "/api/v1/cases?q=sorting&sort=title&limit=2&cursor=%s",
		 json_string_value(json_object_get(l, "next_cursor")));
	json_decref(l);
	l = client_get_json(inv1, path, 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(l, "items"), 0), "title")),
			    "Sorting gamma");
	assert_true(json_is_null(json_object_get(l, "next_cursor")));
	json_decref(l);
	/* Whose: nobody leads them yet. */
	assert_int_equal(titles(inv1, "/api/v1/cases?q=sorting&show=unallocated&sort=title", out), 3);
	assert_int_equal(titles(inv1, "/api/v1/cases?q=sorting&show=leading", out), 0);
	assert_int_equal(titles(inv1, "/api/v1/cases?q=sorting&show=mine", out), 0);
	assert_int_equal(titles(inv1, "/api/v1/cases?q=sorting&show=team", out), 3);
	assert_int_equal(titles(inv2, "/api/v1/cases?q=sorting", out), 0); /* another team's */
	/* By the name of the victim in it. */
	char person[ID_LEN];
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Florin\",\"family_name\":\"Zamfir\",\"estimated_age\":30}",
		       person);
	case_link_person(inv1, beta_id, person, "potential_victim", NULL);
	assert_int_equal(titles(inv1, "/api/v1/cases?q=zamfir", out), 1);
	assert_string_equal(out, "Sorting beta;");
	assert_int_equal(titles(inv2, "/api/v1/cases?q=zamfir", out), 0);
	/* Each bad parameter is named. */
	static const char *const bad[][2] = {{"/api/v1/cases?show=everything", "show"},
					     {"/api/v1/cases?sort=colour", "sort"},
					     {"/api/v1/cases?order=up", "order"},
					     {"/api/v1/cases?limit=201", "limit"}};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		client_expect_query_error(inv1, bad[i][0], bad[i][1]);
}

static void test_opening_and_reading_are_audited(void **state)
{
	(void)state;
	const char *id = open_case(inv1, "Audited", "[\"labour\"]");
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", id);
	resp *r = client_req(inv1, "GET", path, NULL,
			     (const char *const[]){"X-Purpose: preparing the NRM referral", NULL});
	assert_int_equal(r->status, 200);
	resp_free(r);
	client *aud = client_signed_in(&srv, "aud1");
	char q[160];
	snprintf(q, sizeof q, "/api/v1/audit?record=%s", id);
	json_t *l = client_get_json(aud, q, 200);
	json_t *items = json_object_get(l, "items");
	int created = 0, viewed = 0;
	size_t i;
	json_t *e;
	json_array_foreach(items, i, e)
	{
		const char *a = json_string_value(json_object_get(e, "action"));
		created |= strcmp(a, "case_created") == 0;
		if (strcmp(a, "case_viewed") == 0) {
			viewed = 1;
			assert_string_equal(json_string_value(json_object_get(e, "purpose")),
					    "preparing the NRM referral");
		}
	}
	assert_true(created && viewed);
	json_decref(l);
	client_free(aud);
}

/* A case stored by older code or another tool without every offence member
 * still reads and lists, rather than failing the whole page. */
static void test_a_stored_case_missing_a_member_still_reads(void **state)
{
	(void)state;
	char id[ID_LEN], path[128];
	snprintf(id, sizeof id, "%s", open_case(inv1, "Imported case", "[\"labour\"]"));
	server_db_run(&srv, "UPDATE cases SET offences = '{\"codes\":[]}' WHERE id = $1", 1,
		      (const char *const[]){id});
	snprintf(path, sizeof path, "/api/v1/cases/%s", id);
	json_t *c = client_get_json(inv1, path, 200);
	assert_true(json_is_null(json_object_get(c, "other_offence")));
	json_decref(c);
	json_t *list = client_get_json(inv1, "/api/v1/cases?limit=200", 200);
	assert_true(json_array_size(json_object_get(list, "items")) > 0);
	json_decref(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opening_a_case_gives_a_sequential_reference),
		cmocka_unit_test(test_opening_checks_every_field),
		cmocka_unit_test(test_roles_without_case_data_are_refused),
		cmocka_unit_test(test_another_teams_investigator_gets_404),
		cmocka_unit_test(test_changes_need_the_current_version_and_keep_history),
		cmocka_unit_test(test_closing_needs_an_outcome_and_reopening_drops_it),
		cmocka_unit_test(test_search_by_reference_words_status_and_type),
		cmocka_unit_test(test_pages_follow_the_cursor_without_repeats),
		cmocka_unit_test(test_the_list_sorts_filters_and_counts_on_the_server),
		cmocka_unit_test(test_opening_and_reading_are_audited),
		cmocka_unit_test(test_a_stored_case_missing_a_member_still_reads),
	};
	return suite_run(&fixture, tests);
}
