/* People: recording, finding them however the name was spelt, sealed
 * immigration status, audited reads, and roles in cases. */
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
static client *inv1, *inv2, *analyst;

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", "Intel");
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&analyst, "an1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .accounts = accounts, .logins = logins};

static char *create_person(client *c, const char *body, json_t **out)
{
	static char id[ID_LEN];
	resp *r = client_expect(c, "POST", "/api/v1/people", body, 201);
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	if (out)
		*out = json_incref(r->json);
	resp_free(r);
	return id;
}

static json_t *search(client *c, const char *q)
{
	char path[512];
	snprintf(path, sizeof path, "/api/v1/people?q=%s", q);
	resp *r = client_expect(c, "GET", path, NULL, 200);
	json_t *items = json_incref(json_object_get(r->json, "items"));
	resp_free(r);
	return items;
}

static int found_first(json_t *items, const char *id)
{
	return json_array_size(items) > 0 &&
	       strcmp(json_string_value(json_object_get(json_array_get(items, 0), "id")), id) == 0;
}

static void test_recording_a_child_and_the_age_presumption(void **state)
{
	(void)state;
	json_t *p;
	create_person(inv1,
		      "{\"given_names\":\"Elira\",\"family_name\":\"Hoxha\",\"date_of_birth\":\"2010-05-01\","
		      "\"gender\":\"female\",\"nationalities\":[\"AL\"],\"languages\":[\"sq\"],"
		      "\"interpreter_needed\":true,\"interpreter_language\":\"sq\","
		      "\"safe_contact\":{\"method\":\"via the foster carer\",\"phone_may_be_monitored\":true}}",
		      &p);
	assert_true(json_is_true(json_object_get(p, "presumed_child")));
	assert_true(json_integer_value(json_object_get(p, "age")) >= 16);
	assert_true(json_is_true(json_object_get(json_object_get(p, "safe_contact"),
						 "phone_may_be_monitored")));
	json_decref(p);
	create_person(inv1, "{\"given_names\":\"Dritan\",\"family_name\":\"Berisha\",\"estimated_age\":30,"
			    "\"age_disputed\":true}",
		      &p);
	assert_true(json_is_true(json_object_get(p, "presumed_child")));
	/* A case's people say so too, for the Child tag beside the name. */
	char kase[ID_LEN], link[ID_LEN], adult[ID_LEN];
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Child tag\",\"exploitation_types\":[\"labour\"]}", kase);
	case_link_person(inv1, kase, json_string_value(json_object_get(p, "id")), "potential_victim", link);
	json_t *part = case_person(inv1, kase, link);
	assert_true(json_is_true(json_object_get(json_object_get(part, "person"), "presumed_child")));
	json_decref(part);
	json_decref(p);
	create_person(inv1, "{\"given_names\":\"Agim\",\"family_name\":\"Hoxha\",\"estimated_age\":40}", &p);
	snprintf(adult, sizeof adult, "%s", json_string_value(json_object_get(p, "id")));
	case_link_person(inv1, kase, adult, "witness", link);
	part = case_person(inv1, kase, link);
	assert_true(json_is_false(json_object_get(json_object_get(part, "person"), "presumed_child")));
	json_decref(part);
	json_decref(p);
}

/* Countries and languages may be given by English name; codes are stored. */
static void test_names_of_countries_and_languages_are_stored_as_codes(void **state)
{
	(void)state;
	json_t *p;
	create_person(inv1,
		      "{\"given_names\":\"Ana\",\"family_name\":\"Popa\",\"estimated_age\":24,"
		      "\"nationalities\":[\"Romania\",\"viet nam\",\"MD\"],\"languages\":[\"Romanian\",\"ar-SY\"],"
		      "\"interpreter_needed\":true,\"interpreter_language\":\"Moldovan\"}",
		      &p);
	char *n = json_dumps(json_object_get(p, "nationalities"), JSON_COMPACT);
	char *l = json_dumps(json_object_get(p, "languages"), JSON_COMPACT);
	assert_string_equal(n, "[\"RO\",\"VN\",\"MD\"]");
	assert_string_equal(l, "[\"ro\",\"ar-SY\"]");
	assert_string_equal(json_string_value(json_object_get(p, "interpreter_language")), "ro");
	free(n);
	free(l);
	json_decref(p);
}

static void test_recording_checks_every_field(void **state)
{
	(void)state;
	static const struct {
		const char *body, *field;
	} cases[] = {
		{"{}", "family_name"},
		{"{\"given_names\":\"\",\"family_name\":\"\"}", "family_name"},
		{"{\"family_name\":\"X\",\"date_of_birth\":\"2010-02-30\"}", "date_of_birth"},
		{"{\"family_name\":\"X\",\"date_of_birth\":\"2999-01-01\"}", "date_of_birth"},
		{"{\"family_name\":\"X\",\"estimated_age\":130}", "estimated_age"},
		{"{\"family_name\":\"X\",\"estimated_age\":20,\"date_of_birth\":\"2000-01-01\"}",
		 "estimated_age"},
		{"{\"family_name\":\"X\",\"gender\":\"F\"}", "gender"},
		{"{\"family_name\":\"X\",\"nationalities\":[\"UK\"]}", "nationalities"},
		{"{\"family_name\":\"X\",\"languages\":[\"Albanianish\"]}", "languages"},
		{"{\"family_name\":\"X\",\"languages\":[7]}", "languages"},
		{"{\"family_name\":\"X\",\"nationalities\":[\"Atlantis\"]}", "nationalities"},
		{"{\"family_name\":\"X\",\"interpreter_needed\":true,\"interpreter_language\":\"Romulan\"}",
		 "interpreter_language"},
		{"{\"family_name\":\"X\",\"interpreter_needed\":true}", "interpreter_language"},
		{"{\"family_name\":\"X\",\"safe_contact\":{\"colour\":\"red\"}}", "safe_contact.colour"},
		{"{\"family_name\":\"X\",\"aliases\":[\"\"]}", "aliases"},
		{"{\"family_name\":\"X\",\"shoe_size\":9}", "shoe_size"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		resp *r = client_req(inv1, "POST", "/api/v1/people", cases[i].body, NULL);
		if (r->status != 422 || !strstr(r->body, cases[i].field))
			fail_msg("%s: %ld %s", cases[i].body, r->status, r->body);
		resp_free(r);
	}
}

static void test_search_finds_a_person_however_the_name_was_spelt(void **state)
{
	(void)state;
	char id[64];
	json_t *p;
	snprintf(id, sizeof id, "%s",
		 create_person(inv1,
			       "{\"given_names\":\"Mohammed\",\"family_name\":\"Idris\","
			       "\"aliases\":[\"Abu Yusuf\"],\"nationalities\":[\"SD\"]}",
			       NULL));
	char sid[64], nid[64];
	snprintf(sid, sizeof sid, "%s",
		 create_person(inv1, "{\"given_names\":\"Ștefan\",\"family_name\":\"Popescu\"}", NULL));
	snprintf(nid, sizeof nid, "%s",
		 create_person(inv1, "{\"given_names\":\"Văn Minh\",\"family_name\":\"Nguyễn\"}", NULL));
	const char *mq[] = {"Muhammad+Idris", "Mohamed+Idriss", "Idris+Mohammed", "Abu+Yousuf",
			    "mohammed+IDRIS"};
	for (size_t i = 0; i < 5; i++) {
		json_t *items = search(inv1, mq[i]);
		if (!found_first(items, id))
			fail_msg("%s did not find Mohammed Idris first", mq[i]);
		double score = json_real_value(json_object_get(json_array_get(items, 0), "score"));
		assert_true(score > 0.8 && score <= 1.0);
		json_decref(items);
	}
	json_t *items = search(inv1, "Stefan+Popesku");
	assert_true(found_first(items, sid));
	json_decref(items);
	items = search(inv1, "Nguyen+Van+Minh");
	assert_true(found_first(items, nid));
	assert_null(json_object_get(json_array_get(items, 0), "immigration_status"));
	json_decref(items);
	items = search(inv1, "Zbigniew+Brzezinski");
	assert_int_equal(json_array_size(items), 0);
	json_decref(items);
	/* A second record of the same name is flagged as a possible duplicate. */
	create_person(inv1, "{\"given_names\":\"Muhammad\",\"family_name\":\"Idriss\"}", &p);
	json_t *dups = json_object_get(p, "possible_duplicates");
	assert_true(json_array_size(dups) >= 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(dups, 0), "id")), id);
	json_decref(p);
	/* Filters narrow it; bad filters are named. */
	items = search(inv1, "Mohammed+Idris&nationality=SD");
	assert_int_equal(json_array_size(items), 1);
	json_decref(items);
	/* Analysts search force-wide and find people recorded by any team. */
	items = search(analyst, "Mohammed+Idris");
	assert_true(found_first(items, id));
	json_decref(items);
	/* A nationality by name, as by code. */
	items = search(inv1, "Mohammed+Idris&nationality=Sudan");
	assert_int_equal(json_array_size(items), 1);
	json_decref(items);
	resp *r = client_req(inv1, "GET", "/api/v1/people?q=x&nationality=Atlantis&age_min=-1&limit=0", NULL,
			     NULL);
	assert_int_equal(r->status, 400);
	assert_int_equal(json_array_size(json_object_get(r->json, "errors")), 3);
	resp_free(r);
	/* Paged as every list: a page of one, the total, the next page. */
	json_t *page = client_get_json(inv1, "/api/v1/people?q=Mohammed+Idris&limit=1", 200);
	assert_int_equal(json_array_size(json_object_get(page, "items")), 1);
	json_int_t total = json_integer_value(json_object_get(page, "total"));
	assert_true(total >= 2); /* Mohammed Idris and Muhammad Idriss */
	assert_true(json_is_string(json_object_get(page, "next_cursor")));
	json_decref(page);
	assert_int_equal(client_status(inv1, "GET", "/api/v1/people", NULL), 400);
}

/* Why person id matched, among items; NULL when they are not there. */
static json_t *match_of(json_t *items, const char *id)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		if (strcmp(json_string_value(json_object_get(it, "id")), id) == 0)
			return json_object_get(it, "match");
	}
	return NULL;
}

static void test_each_match_says_which_names_matched_and_whether_the_date_of_birth_agrees(void **state)
{
	(void)state;
	char born[64], aged[64];
	snprintf(born, sizeof born, "%s",
		 create_person(inv1,
			       "{\"given_names\":\"Liridona\",\"family_name\":\"Krasniqi\","
			       "\"aliases\":[\"Dona Berisha\"],\"date_of_birth\":\"1999-02-03\"}",
			       NULL));
	snprintf(aged, sizeof aged, "%s",
		 create_person(inv1,
			       "{\"given_names\":\"Liridona\",\"family_name\":\"Krasniqe\",\"estimated_age\":25}",
			       NULL));
	json_t *items = search(inv1, "Liridona+Krasniqi&compare_date_of_birth=1999-02-03");
	json_t *m = match_of(items, born);
	assert_non_null(m);
	assert_string_equal(json_string_value(json_object_get(m, "date_of_birth")), "same");
	json_t *names = json_object_get(m, "names");
	assert_int_equal(json_array_size(names), 2);
	json_t *fam = json_array_get(names, 1);
	assert_string_equal(json_string_value(json_object_get(fam, "part")), "family_name");
	assert_string_equal(json_string_value(json_object_get(fam, "value")), "Krasniqi");
	assert_true(json_is_true(json_object_get(fam, "exact")));
	/* A spelling near the query's matches, not exactly; a missing date of birth is said so. */
	m = match_of(items, aged);
	assert_non_null(m);
	assert_string_equal(json_string_value(json_object_get(m, "date_of_birth")), "not_recorded");
	assert_true(json_is_false(json_object_get(json_array_get(json_object_get(m, "names"), 1), "exact")));
	json_decref(items);
	/* A date to compare never narrows the search: another date is said to differ. */
	items = search(inv1, "Liridona+Krasniqi&compare_date_of_birth=2001-01-01");
	assert_string_equal(json_string_value(json_object_get(match_of(items, born), "date_of_birth")), "different");
	assert_non_null(match_of(items, aged));
	json_decref(items);
	/* Found by an alias, the alias is named; with no date to compare, the date says nothing. */
	items = search(inv1, "Dona+Berisha");
	m = match_of(items, born);
	assert_non_null(m);
	assert_true(json_is_null(json_object_get(m, "date_of_birth")));
	names = json_object_get(m, "names");
	json_t *alias = json_array_get(names, json_array_size(names) - 1);
	assert_string_equal(json_string_value(json_object_get(alias, "part")), "alias");
	assert_string_equal(json_string_value(json_object_get(alias, "value")), "Dona Berisha");
	json_decref(items);
	resp *r = client_req(inv1, "GET", "/api/v1/people?q=Liridona&compare_date_of_birth=3+May", NULL, NULL);
	assert_int_equal(r->status, 400);
	json_t *e = json_array_get(json_object_get(r->json, "errors"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "field")), "compare_date_of_birth");
	resp_free(r);
}

static void test_people_outside_ones_reach_are_404_and_never_listed(void **state)
{
	(void)state;
	char id[64], path[128];
	snprintf(id, sizeof id, "%s",
		 create_person(inv1, "{\"given_names\":\"Zamira\",\"family_name\":\"Krasniqi\"}", NULL));
	snprintf(path, sizeof path, "/api/v1/people/%s", id);
	assert_int_equal(client_status(inv2, "GET", path, NULL), 404);
	json_t *items = search(inv2, "Zamira+Krasniqi");
	assert_int_equal(json_array_size(items), 0);
	json_decref(items);
	items = search(inv1, "Zamira+Krasniqi");
	assert_int_equal(json_array_size(items), 1);
	json_decref(items);
	client *adm = client_signed_in(&srv, "admin1");
	assert_int_equal(client_status(adm, "GET", path, NULL), 403);
	client_free(adm);
}

static void test_sealed_status_needs_a_purpose_and_is_encrypted_at_rest(void **state)
{
	(void)state;
	const char *secret = "Overstayer - visa expired 2024 - do not share";
	char body[512], id[64], path[160];
	snprintf(body, sizeof body,
		 "{\"given_names\":\"Thi\",\"family_name\":\"Tran\",\"immigration_status\":\"%s\"}",
		 secret);
	json_t *p;
	snprintf(id, sizeof id, "%s", create_person(inv1, body, &p));
	assert_null(json_object_get(p, "immigration_status"));
	assert_true(json_is_true(json_object_get(p, "immigration_status_recorded")));
	json_decref(p);
	snprintf(path, sizeof path, "/api/v1/people/%s", id);
	resp *r = client_expect(inv1, "GET", path, NULL, 200);
	assert_null(strstr(r->body, "visa"));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/people/%s?reveal=immigration_status", id);
	r = client_expect(inv1, "GET", path, NULL, 422);
	assert_non_null(strstr(r->body, "X-Purpose"));
	resp_free(r);
	r = client_req(inv1, "GET", path, NULL,
		       (const char *const[]){"X-Purpose: s45 assessment before charge", NULL});
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "immigration_status")), secret);
	resp_free(r);
	char bad[200];
	snprintf(bad, sizeof bad, "/api/v1/people/%s?reveal=health", id);
	r = client_req(inv1, "GET", bad, NULL,
		       (const char *const[]){"X-Purpose: just looking around here", NULL});
	assert_int_equal(r->status, 400);
	resp_free(r);
	/* The purpose is in the audit trail. */
	client *aud = client_signed_in(&srv, "aud1");
	char q[200];
	snprintf(q, sizeof q, "/api/v1/audit?record=%s&action=sealed_field_viewed", id);
	r = client_req(aud, "GET", q, NULL, NULL);
	json_t *e = json_array_get(json_object_get(r->json, "items"), 0);
	assert_non_null(e);
	assert_string_equal(json_string_value(json_object_get(e, "purpose")),
			    "s45 assessment before charge");
	resp_free(r);
	snprintf(q, sizeof q, "/api/v1/audit?record=%s&action=person_viewed", id);
	assert_int_equal(client_count(aud, q, "items"), 1);
	client_free(aud);
	/* The stored value is ciphertext: the database never holds the words. */
	const char *stored = server_db_text(&srv, "SELECT immigration_status FROM people WHERE id = $1", id);
	assert_memory_equal(stored, "v1:", 3);
	assert_null(strstr(stored, "visa"));
	if (strncmp(srv.db_url, "sqlite:", 7) == 0) {
		const char *suffix[] = {"", "-wal"};
		for (int i = 0; i < 2; i++) {
			char file[2048];
			snprintf(file, sizeof file, "%s%s", srv.db_url + 7, suffix[i]);
			FILE *f = fopen(file, "rb");
			if (!f)
				continue;
			fseek(f, 0, SEEK_END);
			long n = ftell(f);
			fseek(f, 0, SEEK_SET);
			char *bytes = malloc((size_t)n + 1);
			assert_int_equal(fread(bytes, 1, (size_t)n, f), (size_t)n);
			fclose(f);
			assert_null(memmem(bytes, (size_t)n, "visa expired", 12));
			free(bytes);
		}
	}
	/* Analysts never see sealed fields. */
	r = client_req(analyst, "GET", path, NULL,
		       (const char *const[]){"X-Purpose: pattern analysis of the region", NULL});
	assert_int_equal(r->status, 403);
	resp_free(r);
}

static void test_changes_are_versioned_with_history(void **state)
{
	(void)state;
	char id[64], path[128], hist[160];
	snprintf(id, sizeof id, "%s",
		 create_person(inv1, "{\"given_names\":\"Ana\",\"family_name\":\"Popa\"}", NULL));
	snprintf(path, sizeof path, "/api/v1/people/%s", id);
	snprintf(hist, sizeof hist, "%s/history", path);
	assert_int_equal(client_status(inv1, "PATCH", path, "{\"family_name\":\"Popova\"}"), 428);
	resp *r = client_req(inv1, "PATCH", path,
		       "{\"family_name\":\"Popova\",\"immigration_status\":\"EU settled status\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 200);
	resp_free(r);
	r = client_req(inv1, "PATCH", path, "{\"gender\":\"female\"}",
		       (const char *const[]){"If-Match: \"1\"", NULL});
	assert_int_equal(r->status, 412);
	assert_non_null(json_object_get(r->json, "current"));
	resp_free(r);
	r = client_req(inv1, "GET", hist, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, "\"old_value\":\"Popa\""));
	assert_non_null(strstr(r->body, "immigration_status"));
	assert_null(strstr(r->body, "settled"));
	resp_free(r);
	/* The new spelling is found; the old one no longer ranks it as a match by family name alone. */
	json_t *items = search(inv1, "Ana+Popova");
	assert_true(found_first(items, id));
	json_decref(items);
}

static void test_roles_in_cases_and_the_non_punishment_flag(void **state)
{
	(void)state;
	resp *r = client_req(inv1, "POST", "/api/v1/cases",
			     "{\"title\":\"Cannabis farm\",\"exploitation_types\":[\"criminal\"]}", NULL);
	char case1[64], case2[64];
	snprintf(case1, sizeof case1, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	r = client_req(inv1, "POST", "/api/v1/cases",
		       "{\"title\":\"Later arrest\",\"exploitation_types\":[\"criminal\"]}", NULL);
	snprintf(case2, sizeof case2, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	char pid[64];
	snprintf(pid, sizeof pid, "%s",
		 create_person(inv1, "{\"given_names\":\"Quang\",\"family_name\":\"Le\",\"estimated_age\":16}",
			       NULL));
	char path1[128], path2[128], body[256];
	snprintf(path1, sizeof path1, "/api/v1/cases/%s/people", case1);
	snprintf(path2, sizeof path2, "/api/v1/cases/%s/people", case2);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"potential_victim\"}", pid);
	assert_int_equal(client_status(inv1, "POST", path1, body), 201);
	assert_int_equal(client_status(inv1, "POST", path1, body), 409);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"suspect\"}", pid);
	assert_int_equal(client_status(inv1, "POST", path2, body), 201);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"villain\"}", pid);
	assert_int_equal(client_status(inv1, "POST", path2, body), 422);
	r = client_req(inv1, "POST", path2, "{\"person_id\":\"nobody\",\"role\":\"witness\"}", NULL);
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "person_id"));
	resp_free(r);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"witness\"}", pid);
	assert_int_equal(client_status(inv2, "POST", path2, body), 404);
	/* The case shows the suspect who is a potential victim elsewhere. */
	char cpath[128];
	snprintf(cpath, sizeof cpath, "/api/v1/cases/%s", case2);
	r = client_req(inv1, "GET", cpath, NULL, NULL);
	json_t *people = json_object_get(r->json, "people");
	assert_int_equal(json_array_size(people), 1);
	json_t *link = json_array_get(people, 0);
	assert_string_equal(json_string_value(json_object_get(link, "role")), "suspect");
	assert_true(json_is_true(json_object_get(link, "non_punishment_flag")));
	resp_free(r);
	/* The person page lists both cases with their roles. */
	char ppath[128];
	snprintf(ppath, sizeof ppath, "/api/v1/people/%s", pid);
	assert_int_equal(client_count(inv1, ppath, "cases"), 2);
	/* Linked to an EMT case, the person is now visible to its supervisor. */
	client *sup = client_signed_in(&srv, "sup1");
	assert_int_equal(client_status(sup, "GET", ppath, NULL), 200);
	client_free(sup);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recording_a_child_and_the_age_presumption),
		cmocka_unit_test(test_recording_checks_every_field),
		cmocka_unit_test(test_names_of_countries_and_languages_are_stored_as_codes),
		cmocka_unit_test(test_search_finds_a_person_however_the_name_was_spelt),
		cmocka_unit_test(test_each_match_says_which_names_matched_and_whether_the_date_of_birth_agrees),
		cmocka_unit_test(test_people_outside_ones_reach_are_404_and_never_listed),
		cmocka_unit_test(test_sealed_status_needs_a_purpose_and_is_encrypted_at_rest),
		cmocka_unit_test(test_changes_are_versioned_with_history),
		cmocka_unit_test(test_roles_in_cases_and_the_non_punishment_flag),
	};
	return suite_run(&fixture, tests);
}
