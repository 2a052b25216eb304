/* The network around a case over HTTP: cases joined by a shared person, a
 * matching selector or a place's postcode, ring by ring to the depth asked;
 * cases beyond the reach counted and never named; suspects withheld from
 * those who do not see suspects; the node limit; the audit. */
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
static client *inv1, *inv2, *sup1, *sg1, *part1;
/* A: the centre. B shares Pat with A; C shares A's postcode; G has Sid,
 * A's suspect; D shares Quin with B (two rings out); E shares a phone
 * with D (three); F shares Ros with E (four). X, of another team, shares
 * Pat with A. T has more selectors than the node limit. */
static char ca[ID_LEN], cb[ID_LEN], cc[ID_LEN], cd[ID_LEN], ce[ID_LEN], cf[ID_LEN], cg[ID_LEN],
	cx[ID_LEN], ct[ID_LEN];
static char pat[ID_LEN], sid[ID_LEN], quin[ID_LEN], ros[ID_LEN];
static char x_reference[64], inv1_id[ID_LEN];
/* Sid's phone in A; the phone D and E share (written two ways); a sealed
 * phone in C. */
static char sel_sid[ID_LEN], sel_d[ID_LEN], sel_e[ID_LEN], sel_sealed[ID_LEN], sel_de[ID_LEN];

static int accounts(server *s)
{
	return server_add_account(s, "sg1", "safeguarding", "Test Constabulary", "Safeguarding");
}

static void make_case(client *c, const char *title, char out[ID_LEN])
{
	char body[200];
	snprintf(body, sizeof body, "{\"title\":\"%s\",\"exploitation_types\":[\"labour\"]}", title);
	client_post_id(c, "/api/v1/cases", body, out);
}

static void make_person(const char *given, const char *family, char out[ID_LEN])
{
	char body[200];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"%s\",\"estimated_age\":30}", given,
		 family);
	client_post_id(inv1, "/api/v1/people", body, out);
}

static void place(const char *kase, const char *kind, const char *postcode)
{
	char path[128], body[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/places", kase);
	snprintf(body, sizeof body, "{\"kind\":\"%s\",\"postcode\":\"%s\"}", kind, postcode);
	client_post_id(inv1, path, body, NULL);
}

/* Records a phone number in the case as inv1, about the person unless
 * NULL, sealed or not; copies the selector's id into out. */
static void selector(const char *kase, const char *phone, const char *about, int sealed, char out[ID_LEN])
{
	char path[128], body[300], who[80] = "";
	snprintf(path, sizeof path, "/api/v1/cases/%s/selectors", kase);
	if (about)
		snprintf(who, sizeof who, ",\"about_person_id\":\"%s\"", about);
	snprintf(body, sizeof body, "{\"kind\":\"phone\",\"value\":\"%s\",\"sealed\":%s%s}", phone,
		 sealed ? "true" : "false", who);
	client_post_id(inv1, path, body, out);
}

static int records(void)
{
	snprintf(inv1_id, sizeof inv1_id, "%s", server_db_text(&srv, "SELECT id FROM users WHERE username = $1", "inv1"));
	make_case(inv1, "Car wash, Swindon", ca);
	make_case(inv1, "Nail bar, Swindon", cb);
	make_case(inv1, "Farm, Wroughton", cc);
	make_case(inv1, "Factory, Chippenham", cd);
	make_case(inv1, "Hand car wash, Devizes", ce);
	make_case(inv1, "Takeaway, Marlborough", cf);
	make_case(inv1, "Warehouse, Calne", cg);
	make_case(inv2, "Operation Kestrel", cx);
	make_case(inv1, "Many phones", ct);
	snprintf(x_reference, sizeof x_reference, "%s", server_db_text(&srv, "SELECT reference FROM cases WHERE id = $1", cx));
	make_person("Pat", "Network", pat);
	make_person("Sid", "Network", sid);
	make_person("Quin", "Network", quin);
	make_person("Ros", "Network", ros);
	case_link_person(inv1, ca, pat, "potential_victim", NULL);
	case_link_person(inv1, ca, sid, "suspect", NULL);
	case_link_person(inv1, cb, pat, "witness", NULL);
	case_link_person(inv1, cb, quin, "potential_victim", NULL);
	case_link_person(inv1, cd, quin, "potential_victim", NULL);
	case_link_person(inv1, cg, sid, "suspect", NULL);
	case_link_person(inv1, ce, ros, "other", NULL);
	case_link_person(inv1, cf, ros, "other", NULL);
	/* Pat in the other team's case: as a store would hold it. */
	const char *p[] = {"net-x-pat", cx, pat, inv1_id};
	server_db_run(&srv,
		      "INSERT INTO case_people (id, case_id, person_id, role, created_by, created_at) VALUES "
		      "($1, $2, $3, 'potential_victim', $4, '2026-01-04T10:00:00Z')",
		      4, p);
	place(ca, "exploitation", "SN1 2JH");
	place(cc, "recruitment", "sn12jh");
	selector(ca, "07700 900111", sid, 0, sel_sid);
	selector(cd, "07700 900222", NULL, 0, sel_d);
	selector(ce, "+44 (0)7700-900222", NULL, 0, sel_e);
	selector(cc, "07700 900333", NULL, 1, sel_sealed);
	snprintf(sel_de, sizeof sel_de, "%s", strcmp(sel_d, sel_e) < 0 ? sel_d : sel_e);
	/* More selectors than nodes allowed, in T. */
	const char *q[] = {ct, inv1_id};
	server_db_run(&srv,
		      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 420) "
		      "INSERT INTO selectors (id, case_id, kind, value, normalised, match_key, created_by, "
		      "created_at) SELECT 'sel-t-' || i, $1, 'email', '\"x@example.com\"', "
		      "'x' || i || '@example.com', 'key-t-' || i, $2, '2026-01-04T10:00:00Z' FROM n",
		      2, q);
	return 0;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&sup1, "sup1"}, {&sg1, "sg1"}, {&part1, "part1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .accounts = accounts, .logins = logins, .records = records};

static resp *network(client *c, const char *kase, int depth, long want)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/network?depth=%d", kase, depth);
	return client_expect(c, "GET", path, NULL, want);
}

static json_t *node(resp *r, const char *kind, const char *id)
{
	char full[128];
	snprintf(full, sizeof full, "%s:%s", kind, id);
	return json_find(json_object_get(r->json, "nodes"), "id", full);
}

static int edge(resp *r, const char *source, const char *target, const char *kind)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(r->json, "edges"), i, e)
	{
		if (strcmp(json_string_value(json_object_get(e, "source")), source) == 0 &&
		    strcmp(json_string_value(json_object_get(e, "target")), target) == 0 &&
		    strcmp(json_string_value(json_object_get(e, "kind")), kind) == 0)
			return 1;
	}
	return 0;
}

static int case_depth(resp *r, const char *id)
{
	json_t *n = node(r, "case", id);
	return n ? (int)json_integer_value(json_object_get(n, "depth")) : -1;
}

static json_int_t withheld(resp *r, const char *what)
{
	return json_integer_value(json_object_get(json_object_get(r->json, "withheld"), what));
}

/* Every edge joins two nodes of the answer. */
static void edges_join_nodes(resp *r)
{
	size_t i;
	json_t *e;
	json_t *nodes = json_object_get(r->json, "nodes");
	json_array_foreach(json_object_get(r->json, "edges"), i, e)
	{
		assert_non_null(json_find(nodes, "id", json_string_value(json_object_get(e, "source"))));
		assert_non_null(json_find(nodes, "id", json_string_value(json_object_get(e, "target"))));
	}
}

static void test_depth_one_is_the_cases_sharing_a_person_selector_or_postcode(void **state)
{
	(void)state;
	resp *r = network(inv1, ca, 1, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "depth")), 1);
	assert_string_equal(json_string_value(json_object_get(r->json, "case_id")), ca);
	assert_int_equal(case_depth(r, ca), 0);
	assert_int_equal(case_depth(r, cb), 1);
	assert_int_equal(case_depth(r, cc), 1);
	assert_int_equal(case_depth(r, cg), 1);
	assert_int_equal(case_depth(r, cd), -1);
	assert_int_equal(case_depth(r, ce), -1);
	char a[80], b[80], c[80], g[80], p[80], s[80];
	snprintf(a, sizeof a, "case:%s", ca);
	snprintf(b, sizeof b, "case:%s", cb);
	snprintf(c, sizeof c, "case:%s", cc);
	snprintf(g, sizeof g, "case:%s", cg);
	snprintf(p, sizeof p, "person:%s", pat);
	snprintf(s, sizeof s, "person:%s", sid);
	assert_true(edge(r, a, p, "potential_victim"));
	assert_true(edge(r, b, p, "witness"));
	assert_true(edge(r, a, s, "suspect"));
	assert_true(edge(r, g, s, "suspect"));
	assert_true(edge(r, a, "place:SN1 2JH", "exploitation"));
	assert_true(edge(r, c, "place:SN1 2JH", "recruitment"));
	char sn[80];
	snprintf(sn, sizeof sn, "selector:%s", sel_sid);
	assert_true(edge(r, a, sn, "recorded_in"));
	assert_true(edge(r, sn, s, "about"));
	json_t *sel = node(r, "selector", sel_sid);
	assert_non_null(sel);
	assert_string_equal(json_string_value(json_object_get(sel, "selector_kind")), "phone");
	assert_string_equal(json_string_value(json_object_get(sel, "label")), "+44 7700 900111");
	json_t *pn = node(r, "person", pat);
	assert_string_equal(json_string_value(json_object_get(pn, "label")), "Pat Network");
	assert_string_equal(json_string_value(json_object_get(pn, "kind")), "person");
	/* The other team's case: counted, never named. */
	assert_int_equal(withheld(r, "cases"), 1);
	assert_int_equal(withheld(r, "people"), 0);
	assert_false(json_is_true(json_object_get(r->json, "truncated")));
	edges_join_nodes(r);
	resp_free(r);
	/* Depth 1 is the default. */
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/network", ca);
	r = client_expect(inv1, "GET", path, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "depth")), 1);
	resp_free(r);
}

static void test_depth_two_and_three_reach_further_rings(void **state)
{
	(void)state;
	resp *r = network(inv1, ca, 2, 200);
	assert_int_equal(case_depth(r, cd), 2);
	assert_int_equal(case_depth(r, ce), -1);
	char d[80], q[80];
	snprintf(d, sizeof d, "case:%s", cd);
	snprintf(q, sizeof q, "person:%s", quin);
	assert_true(edge(r, d, q, "potential_victim"));
	edges_join_nodes(r);
	resp_free(r);
	r = network(inv1, ca, 3, 200);
	assert_int_equal(case_depth(r, cb), 1);
	assert_int_equal(case_depth(r, cd), 2);
	assert_int_equal(case_depth(r, ce), 3);
	assert_int_equal(case_depth(r, cf), -1);
	char e[80];
	snprintf(e, sizeof e, "case:%s", ce);
	/* The phone both record is one node, named by the lower id. */
	char sn[80];
	snprintf(sn, sizeof sn, "selector:%s", sel_de);
	assert_true(edge(r, d, sn, "recorded_in"));
	assert_true(edge(r, e, sn, "recorded_in"));
	assert_null(node(r, "selector", strcmp(sel_de, sel_d) == 0 ? sel_e : sel_d));
	json_t *phone = node(r, "selector", sel_de);
	assert_non_null(phone);
	assert_string_equal(json_string_value(json_object_get(phone, "label")), "+44 7700 900222");
	/* A sealed selector is drawn, and says no more than that. */
	json_t *sealed = node(r, "selector", sel_sealed);
	assert_non_null(sealed);
	assert_string_equal(json_string_value(json_object_get(sealed, "label")), "Sealed");
	assert_true(json_is_true(json_object_get(sealed, "sealed")));
	assert_null(strstr(r->body, "900333"));
	edges_join_nodes(r);
	resp_free(r);
	/* From the far end, the same rings the other way. */
	r = network(inv1, cf, 3, 200);
	assert_int_equal(case_depth(r, ce), 1);
	assert_int_equal(case_depth(r, cd), 2);
	assert_int_equal(case_depth(r, cb), 3);
	assert_int_equal(case_depth(r, ca), -1);
	resp_free(r);
}

static void test_depth_must_be_one_two_or_three(void **state)
{
	(void)state;
	const char *bad[] = {"0", "4", "x", "", "1.5", "-1", "01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char path[160];
		snprintf(path, sizeof path, "/api/v1/cases/%s/network?depth=%s", ca, bad[i]);
		resp_expect_field(client_expect(inv1, "GET", path, NULL, 422), "depth");
	}
}

static void test_unreadable_cases_are_counted_and_never_named(void **state)
{
	(void)state;
	for (int depth = 1; depth <= 3; depth++) {
		resp *r = network(inv1, ca, depth, 200);
		assert_int_equal(withheld(r, "cases"), 1);
		assert_null(strstr(r->body, cx));
		assert_null(strstr(r->body, x_reference));
		assert_null(strstr(r->body, "Kestrel"));
		resp_free(r);
	}
	/* The other team's investigator: the case is not theirs to start from,
	 * and from theirs, ours are withheld. */
	resp_free(network(inv2, ca, 1, 404));
	resp *r = network(inv2, cx, 2, 200);
	assert_int_equal(json_array_size(json_object_get(r->json, "nodes")), 2); /* X and Pat */
	assert_int_equal(withheld(r, "cases"), 2);                               /* A and B */
	assert_null(strstr(r->body, ca));
	assert_null(strstr(r->body, cb));
	assert_null(strstr(r->body, "Car wash"));
	resp_free(r);
	/* Partners reach no case by these routes. */
	resp_free(network(part1, ca, 1, 404));
}

static void test_suspects_are_withheld_from_those_who_do_not_see_them(void **state)
{
	(void)state;
	resp *r = network(sg1, ca, 1, 200);
	assert_null(node(r, "person", sid));
	assert_null(node(r, "selector", sel_sid));
	assert_null(strstr(r->body, sid));
	assert_null(strstr(r->body, "Sid"));
	assert_null(strstr(r->body, sel_sid));
	assert_null(strstr(r->body, "900111"));
	assert_null(strstr(r->body, "suspect"));
	/* Nor is the case reached only through him a link. */
	assert_int_equal(case_depth(r, cg), -1);
	assert_int_equal(case_depth(r, cb), 1);
	assert_int_equal(withheld(r, "people"), 1);
	assert_int_equal(withheld(r, "selectors"), 1);
	edges_join_nodes(r);
	resp_free(r);
	/* The supervisor of the team sees him. */
	r = network(sup1, ca, 1, 200);
	assert_non_null(node(r, "person", sid));
	assert_int_equal(withheld(r, "people"), 0);
	resp_free(r);
}

static void test_at_most_four_hundred_nodes(void **state)
{
	(void)state;
	resp *r = network(inv1, ct, 1, 200);
	assert_true(json_is_true(json_object_get(r->json, "truncated")));
	assert_int_equal(json_array_size(json_object_get(r->json, "nodes")), 400);
	edges_join_nodes(r);
	resp_free(r);
	r = network(inv1, ca, 3, 200);
	assert_false(json_is_true(json_object_get(r->json, "truncated")));
	resp_free(r);
}

static void test_each_look_is_audited(void **state)
{
	(void)state;
	int before = audit_count(&srv, "network_viewed", cb);
	resp_free(network(inv1, cb, 2, 200));
	assert_int_equal(audit_count(&srv, "network_viewed", cb), before + 1);
	/* A refused look leaves no entry. */
	resp_free(network(inv2, cb, 2, 404));
	assert_int_equal(audit_count(&srv, "network_viewed", cb), before + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depth_one_is_the_cases_sharing_a_person_selector_or_postcode),
		cmocka_unit_test(test_depth_two_and_three_reach_further_rings),
		cmocka_unit_test(test_depth_must_be_one_two_or_three),
		cmocka_unit_test(test_unreadable_cases_are_counted_and_never_named),
		cmocka_unit_test(test_suspects_are_withheld_from_those_who_do_not_see_them),
		cmocka_unit_test(test_at_most_four_hundred_nodes),
		cmocka_unit_test(test_each_look_is_audited),
	};
	return suite_run(&fixture, tests);
}
