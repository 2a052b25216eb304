/* Merging two records of one person, and undoing it. */
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
static client *inv1, *sup1;

static const suite_login logins[] = {{&inv1, "inv1"}, {&sup1, "sup1"}, {NULL, NULL}};
static const suite fixture = {.srv = &srv, .logins = logins};

static size_t cases_of(client *c, const char *person)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/people/%s", person);
	resp *r = client_req(c, "GET", path, NULL, NULL);
	size_t n = r->status == 200 ? json_array_size(json_object_get(r->json, "cases")) : 999;
	resp_free(r);
	return n;
}

/* The ids and names of the records merged into person, as "id Given Family;". */
static const char *merged_from(client *c, const char *person)
{
	static char out[512];
	char path[128];
	snprintf(path, sizeof path, "/api/v1/people/%s", person);
	resp *r = client_req(c, "GET", path, NULL, NULL);
	size_t i, n = 0;
	json_t *m;
	out[0] = '\0';
	json_array_foreach(json_object_get(r->json, "merged_from"), i, m)
	{
		n += (size_t)snprintf(out + n, sizeof out - n, "%s", json_string_value(json_object_get(m, "id")));
		assert_string_equal(json_string_value(json_object_get(m, "family_name")), "Kolla");
	}
	resp_free(r);
	return out;
}

static void test_a_supervisor_merges_and_unmerges_keeping_every_link(void **state)
{
	(void)state;
	char c1[64], c2[64], a[64], b[64], link[64], path[160], body[256];
	/* Two reports, each recording the same man under another spelling. */
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"First report\",\"exploitation_types\":[\"labour\"]}", c1);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Arben\",\"family_name\":\"Kola\",\"estimated_age\":30}", a);
	case_link_person(inv1, c1, a, "potential_victim", link);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Second report\",\"exploitation_types\":[\"labour\"]}", c2);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Arben\",\"family_name\":\"Kolla\",\"estimated_age\":31,\"nationalities\":[\"AL\"]}", b);
	case_link_person(inv1, c2, b, "potential_victim", link);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", c2, link);
	client_post_id(inv1, path, "{\"code\":\"debt_bondage\"}", link);

	/* Only supervisors merge. */
	snprintf(path, sizeof path, "/api/v1/people/%s/merge", b);
	snprintf(body, sizeof body, "{\"into\":\"%s\"}", a);
	assert_int_equal(client_status(inv1, "POST", path, body), 403);
	assert_int_equal(client_status(sup1, "POST", path, "{\"into\":\"nobody\"}"), 422);
	char self[128];
	snprintf(self, sizeof self, "{\"into\":\"%s\"}", b);
	assert_int_equal(client_status(sup1, "POST", path, self), 422);
	/* The kept record may take the merged one's values, named by the
	 * fields the merge screen offers; nothing else. */
	snprintf(self, sizeof self, "{\"into\":\"%s\",\"take\":[\"name\",\"immigration_status\"]}", a);
	resp *r = client_req(sup1, "POST", path, self, NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(r->json, "errors"), 0), "field")), "take");
	resp_free(r);
	snprintf(self, sizeof self, "{\"into\":\"%s\",\"take\":\"name\"}", a);
	assert_int_equal(client_status(sup1, "POST", path, self), 422);
	snprintf(body, sizeof body, "{\"into\":\"%s\",\"take\":[\"name\",\"nationalities\"]}", a);
	r = client_req(sup1, "POST", path, body, NULL);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "links_moved")), 1);
	resp_free(r);
	/* The kept record holds both cases and names the record merged into it;
	 * the merged one is gone from reads and search. */
	assert_int_equal(cases_of(sup1, a), 2);
	assert_string_equal(merged_from(sup1, a), b);
	/* It took the name and nationality chosen, kept its own age, and says
	 * so in its history. */
	char apath[128];
	snprintf(apath, sizeof apath, "/api/v1/people/%s", a);
	r = client_req(sup1, "GET", apath, NULL, NULL);
	assert_string_equal(json_string_value(json_object_get(r->json, "family_name")), "Kolla");
	assert_string_equal(json_string_value(json_array_get(json_object_get(r->json, "nationalities"), 0)), "AL");
	assert_int_equal(json_integer_value(json_object_get(r->json, "estimated_age")), 30);
	resp_free(r);
	snprintf(apath, sizeof apath, "/api/v1/people/%s/history", a);
	r = client_req(sup1, "GET", apath, NULL, NULL);
	int name_changed = 0;
	size_t hi;
	json_t *h;
	json_array_foreach(json_object_get(r->json, "items"), hi, h)
	{
		const char *f = json_string_value(json_object_get(h, "field"));
		const char *o = json_string_value(json_object_get(h, "old_value"));
		if (f && o && strcmp(f, "family_name") == 0 && strcmp(o, "Kola") == 0)
			name_changed = 1;
	}
	assert_true(name_changed);
	resp_free(r);
	char bpath[128];
	snprintf(bpath, sizeof bpath, "/api/v1/people/%s", b);
	assert_int_equal(client_status(sup1, "GET", bpath, NULL), 404);
	assert_int_equal(client_count(sup1, "/api/v1/people?q=Arben+Kolla", "items"), 1);
	/* The indicator travelled with the link. */
	char cpath[128];
	snprintf(cpath, sizeof cpath, "/api/v1/cases/%s", c2);
	r = client_req(sup1, "GET", cpath, NULL, NULL);
	json_t *p0 = json_array_get(json_object_get(r->json, "people"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(p0, "person"), "id")), a);
	assert_int_equal(json_array_size(json_object_get(p0, "indicators")), 1);
	resp_free(r);
	/* Undo. */
	snprintf(path, sizeof path, "/api/v1/people/%s/unmerge", b);
	assert_int_equal(client_status(inv1, "POST", path, NULL), 403);
	r = client_req(sup1, "POST", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "links_moved_back")), 1);
	resp_free(r);
	assert_int_equal(cases_of(sup1, a), 1);
	assert_int_equal(cases_of(sup1, b), 1);
	assert_string_equal(merged_from(sup1, a), "");
	assert_int_equal(client_status(sup1, "POST", path, NULL), 409);
	snprintf(path, sizeof path, "/api/v1/people/no-such/unmerge");
	assert_int_equal(client_status(sup1, "POST", path, NULL), 404);
	/* Both records keep the story. */
	char hist[160];
	snprintf(hist, sizeof hist, "/api/v1/people/%s/history", b);
	assert_int_equal(client_count(sup1, hist, "items"), 2);
	client *aud = client_signed_in(&srv, "aud1");
	assert_int_equal(client_count(aud, "/api/v1/audit?action=person_merged", "items"), 1);
	assert_int_equal(client_count(aud, "/api/v1/audit?action=person_unmerged", "items"), 1);
	client_free(aud);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_supervisor_merges_and_unmerges_keeping_every_link),
	};
	return suite_run(&fixture, tests);
}
