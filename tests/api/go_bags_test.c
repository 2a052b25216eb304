/* Go bags over HTTP: locations kept by the Commissioner's office and
 * administrators, every bad field named; deliveries adding to stock and
 * issues taking from it; an empty location's 409 naming the nearest that
 * have one; the reorder level on the worklist; the Commissioner never
 * seeing to whom a bag went while the victim's case shows it; and many
 * officers issuing at once never taking a bag twice nor stock below zero. */
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
static client *inv1, *inv2, *sup1, *admin1, *opcc1, *part1, *oth_admin;
static char force[ID_LEN], other_force[ID_LEN], case_id[ID_LEN], victim[ID_LEN], link_v[ID_LEN],
    link_s[ID_LEN], oth_location[ID_LEN];

static int accounts(server *s)
{
	return server_add_account(s, "oth.admin", "admin", "Other Constabulary", NULL) ||
	       server_second_factor_off(s, "Other Constabulary");
}

static void org_id(client *c, const char *name, char out[ID_LEN])
{
	json_t *orgs = client_get_json(c, "/api/v1/organisations?kind=force", 200);
	const char *id = json_string_value(
	    json_object_get(json_find(json_object_get(orgs, "items"), "name", name), "id"));
	snprintf(out, ID_LEN, "%s", id ? id : "");
	json_decref(orgs);
}

static int records(void)
{
	char person[ID_LEN], suspect[ID_LEN];
	org_id(opcc1, "Test Constabulary", force);
	org_id(oth_admin, "Other Constabulary", other_force);
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Car wash, Swindon\",\"exploitation_types\":[\"labour\"]}",
	               case_id);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Blerta\",\"family_name\":\"Quendrimi\"}", person);
	snprintf(victim, sizeof victim, "%s", person);
	case_link_person(inv1, case_id, person, "potential_victim", link_v);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Viktor\",\"family_name\":\"Draganov\"}", suspect);
	case_link_person(inv1, case_id, suspect, "suspect", link_s);
	/* A station of the other force, stocked, which nobody here reaches. */
	client_post_id(
	    oth_admin, "/api/v1/go-bags/locations",
	    "{\"name\":\"Taunton Police Station\",\"latitude\":51.0148,\"longitude\":-3.1029,"
	    "\"reorder_level\":0}",
	    oth_location);
	char body[256];
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"child\",\"quantity\":9}",
	         oth_location);
	client_post_id(oth_admin, "/api/v1/go-bags/deliveries", body, NULL);
	return force[0] && other_force[0] ? 0 : -1;
}

static const suite_login logins[] = {
    {&inv1, "inv1"},   {&inv2, "inv2"},   {&sup1, "sup1"},           {&admin1, "admin1"},
    {&opcc1, "opcc1"}, {&part1, "part1"}, {&oth_admin, "oth.admin"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* ---- helpers ---- */

/* A location of the force made by the Commissioner's office: its id. */
static char *location(const char *name, const char *coords, int reorder_level, char out[ID_LEN])
{
	char body[400];
	snprintf(body, sizeof body,
	         "{\"name\":\"%s\"%s%s,\"reorder_level\":%d,\"organisation_id\":\"%s\"}", name,
	         coords ? "," : "", coords ? coords : "", reorder_level, force);
	return client_post_id(opcc1, "/api/v1/go-bags/locations", body, out);
}

/* Delivers quantity bags as c and returns the stock it answers. */
static long long deliver(client *c, const char *loc, const char *kind, const char *language,
                         int quantity)
{
	char body[300];
	snprintf(body, sizeof body,
	         "{\"location\":\"%s\",\"kind\":\"%s\",\"language\":\"%s\",\"quantity\":%d}", loc,
	         kind, language, quantity);
	resp *r = client_expect(c, "POST", "/api/v1/go-bags/deliveries", body, 201);
	long long stock = json_integer_value(json_object_get(r->json, "stock"));
	assert_non_null(json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	return stock;
}

static const char *issue_path(const char *link)
{
	static char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/go-bags", case_id, link);
	return path;
}

static const char *issue_body(const char *loc, const char *kind, const char *language)
{
	static char body[300];
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"%s\",\"language\":\"%s\"}",
	         loc, kind, language);
	return body;
}

/* Issues a bag as inv1, wanting status want: the answer. */
static resp *issue(const char *loc, const char *kind, const char *language, long want)
{
	return client_expect(inv1, "POST", issue_path(link_v), issue_body(loc, kind, language),
	                     want);
}

/* The stock item of the location, kind and language as c reads it, or
 * NULL. The caller decrefs it. */
static json_t *stock_of(client *c, const char *loc, const char *kind, const char *language)
{
	json_t *all = client_get_json(c, "/api/v1/go-bags/stock", 200), *x, *found = NULL;
	size_t i;
	json_array_foreach(json_object_get(all, "items"), i, x)
	{
		if (!strcmp(json_string_value(json_object_get(x, "location")), loc) &&
		    !strcmp(json_string_value(json_object_get(x, "kind")), kind) &&
		    !strcmp(json_string_value(json_object_get(x, "language")), language))
			found = json_incref(x);
	}
	json_decref(all);
	return found;
}

/* A figure the disclosure control withheld: {"suppressed": true}. */
static int suppressed(json_t *v)
{
	return json_is_object(v) && json_is_true(json_object_get(v, "suppressed")) &&
	       json_object_size(v) == 1;
}

static long long int_of(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* tpl with each @ replaced by id, into out. */
static void fill(const char *tpl, const char *id, char *out, size_t n)
{
	size_t at = 0;
	for (const char *p = tpl; *p && at + 1 < n; p++) {
		if (*p == '@')
			at += (size_t)snprintf(out + at, n - at, "%s", id);
		else
			out[at++] = *p;
		if (at >= n)
			at = n - 1;
	}
	out[at] = '\0';
}

static const char *location_path(const char *id)
{
	static char path[160];
	snprintf(path, sizeof path, "/api/v1/go-bags/locations/%s", id);
	return path;
}

/* ---- locations ---- */

static void test_locations_are_kept_by_the_commissioner_and_administrators(void **state)
{
	(void)state;
	char a[ID_LEN], b[ID_LEN], body[400];
	location("Gablecross Police Station", "\"latitude\":51.5622,\"longitude\":-1.7398", 5, a);
	/* An administrator adds one for their own force, naming it or not. */
	client_post_id(admin1, "/api/v1/go-bags/locations",
	               "{\"name\":\"Melksham Police Station\",\"reorder_level\":2}", b);
	json_t *l = client_get_json(inv1, location_path(a), 200);
	assert_string_equal(json_string_value(json_object_get(l, "organisation_id")), force);
	assert_string_equal(json_string_value(json_object_get(l, "organisation")),
	                    "Test Constabulary");
	assert_true(json_real_value(json_object_get(l, "latitude")) > 51.5621 &&
	            json_real_value(json_object_get(l, "latitude")) < 51.5623);
	assert_int_equal(int_of(l, "reorder_level"), 5);
	assert_int_equal(int_of(l, "version"), 1);
	json_decref(l);
	l = client_get_json(inv1, location_path(b), 200);
	assert_true(json_is_null(json_object_get(l, "latitude")));
	json_decref(l);
	/* Every officer of the force reads them; the other force's is not theirs. */
	json_t *list = client_get_json(sup1, "/api/v1/go-bags/locations", 200);
	assert_non_null(json_find(json_object_get(list, "items"), "id", a));
	assert_null(json_find(json_object_get(list, "items"), "id", oth_location));
	json_decref(list);
	client_get_expect(inv1, 404, "/api/v1/go-bags/locations/%s", oth_location);
	client_get_expect(inv1, 404, "/api/v1/go-bags/locations/%s",
	                  "00000000-0000-4000-8000-000000000000");
	client_get_expect(part1, 403, "/api/v1/go-bags/locations/%s", a);
	client_get_expect(part1, 403, "%s", "/api/v1/go-bags/locations");
	/* Only the Commissioner's office and administrators keep them. */
	assert_int_equal(client_status(inv1, "POST", "/api/v1/go-bags/locations",
	                               "{\"name\":\"Wootton Bassett\",\"reorder_level\":1}"),
	                 403);
	assert_int_equal(client_status(part1, "POST", "/api/v1/go-bags/locations",
	                               "{\"name\":\"Wootton Bassett\",\"reorder_level\":1}"),
	                 403);
	/* Every bad field is named. */
	static const struct {
		const char *body, *field;
	} bad[] = {
	    {"{\"name\":\"\",\"reorder_level\":1,\"organisation_id\":\"@\"}", "name"},
	    {"{\"name\":\"X\",\"reorder_level\":-1,\"organisation_id\":\"@\"}", "reorder_level"},
	    {"{\"name\":\"X\",\"reorder_level\":10001,\"organisation_id\":\"@\"}", "reorder_level"},
	    {"{\"name\":\"X\",\"reorder_level\":1,\"latitude\":91,\"longitude\":0,\"organisation_"
	     "id\":\"@\"}",
	     "latitude"},
	    {"{\"name\":\"X\",\"reorder_level\":1,\"latitude\":51,\"longitude\":-181,"
	     "\"organisation_id\":\"@\"}",
	     "longitude"},
	    {"{\"name\":\"X\",\"reorder_level\":1,\"latitude\":51,\"organisation_id\":\"@\"}",
	     "longitude"},
	    {"{\"name\":\"X\",\"reorder_level\":1,\"latitude\":\"51\",\"longitude\":0,"
	     "\"organisation_id\":\"@\"}",
	     "latitude"},
	    {"{\"name\":\"X\",\"organisation_id\":\"@\"}", "reorder_level"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		fill(bad[i].body, force, body, sizeof body);
		resp_expect_field(
		    client_req(opcc1, "POST", "/api/v1/go-bags/locations", body, NULL),
		    bad[i].field);
	}
	/* The office names a force of its area; another force is not one. */
	resp_expect_field(client_req(opcc1, "POST", "/api/v1/go-bags/locations",
	                             "{\"name\":\"X\",\"reorder_level\":1}", NULL),
	                  "organisation_id");
	snprintf(body, sizeof body,
	         "{\"name\":\"X\",\"reorder_level\":1,\"organisation_id\":\"%s\"}", other_force);
	resp_expect_field(client_req(opcc1, "POST", "/api/v1/go-bags/locations", body, NULL),
	                  "organisation_id");
	snprintf(body, sizeof body,
	         "{\"name\":\"X\",\"reorder_level\":1,\"organisation_id\":\"%s\"}", other_force);
	resp_expect_field(client_req(admin1, "POST", "/api/v1/go-bags/locations", body, NULL),
	                  "organisation_id");
	/* A force has one location of a name. */
	snprintf(body, sizeof body,
	         "{\"name\":\"Gablecross Police "
	         "Station\",\"reorder_level\":1,\"organisation_id\":\"%s\"}",
	         force);
	assert_int_equal(client_status(opcc1, "POST", "/api/v1/go-bags/locations", body), 409);
	assert_int_equal(audit_count(&srv, "go_bag_location_created", a), 1);
}

static void test_a_location_changes_only_at_the_version_read(void **state)
{
	(void)state;
	char a[ID_LEN];
	location("Devizes Police Station", "\"latitude\":51.3530,\"longitude\":-1.9939", 4, a);
	const char *stale[] = {"If-Match: \"7\"", NULL}, *bad[] = {"If-Match: \"one\"", NULL};
	assert_int_equal(resp_status(client_req(opcc1, "PATCH", location_path(a),
	                                        "{\"reorder_level\":6}", NULL)),
	                 428);
	assert_int_equal(
	    resp_status(client_req(opcc1, "PATCH", location_path(a), "{\"reorder_level\":6}", bad)),
	    400);
	resp *r = client_req(opcc1, "PATCH", location_path(a), "{\"reorder_level\":6}", stale);
	assert_int_equal(r->status, 412);
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	assert_int_equal(int_of(json_object_get(r->json, "current"), "reorder_level"), 4);
	resp_free(r);
	r = client_patch_current(opcc1, location_path(a), "{\"reorder_level\":-2}");
	resp_expect_field(r, "reorder_level");
	r = client_patch_current(opcc1, location_path(a), "{\"latitude\":51.35}");
	resp_expect_field(r, "longitude");
	r = client_patch_current(opcc1, location_path(a),
	                         "{\"reorder_level\":6,\"name\":\"Devizes Police HQ\"}");
	assert_int_equal(r->status, 200);
	assert_int_equal(int_of(r->json, "version"), 2);
	assert_int_equal(int_of(r->json, "reorder_level"), 6);
	assert_string_equal(json_string_value(json_object_get(r->json, "name")),
	                    "Devizes Police HQ");
	assert_true(json_real_value(json_object_get(r->json, "longitude")) < -1.99);
	resp_free(r);
	/* Coordinates cleared together. */
	r = client_patch_current(admin1, location_path(a),
	                         "{\"latitude\":null,\"longitude\":null}");
	assert_int_equal(r->status, 200);
	assert_true(json_is_null(json_object_get(r->json, "latitude")));
	resp_free(r);
	/* Officers read it and may not change it; the other force does not see it. */
	assert_int_equal(
	    resp_status(client_patch_current(inv1, location_path(a), "{\"reorder_level\":1}")),
	    403);
	const char *one[] = {"If-Match: \"1\"", NULL};
	assert_int_equal(resp_status(client_req(oth_admin, "PATCH", location_path(a),
	                                        "{\"reorder_level\":1}", one)),
	                 404);
	assert_int_equal(audit_count(&srv, "go_bag_location_changed", a), 2);
}

/* ---- stock ---- */

static void test_deliveries_add_to_stock_and_issues_take_one_each(void **state)
{
	(void)state;
	char a[ID_LEN], body[300];
	location("Chippenham Police Station", "\"latitude\":51.4610,\"longitude\":-2.1160", 0, a);
	assert_int_equal(deliver(opcc1, a, "adult", "en", 5), 5);
	assert_int_equal(deliver(admin1, a, "adult", "en", 3), 8);
	assert_int_equal(deliver(opcc1, a, "adult", "Albanian", 2), 2); /* by name: cards in sq */
	assert_int_equal(deliver(opcc1, a, "adult_with_phone", "en", 1), 1);
	/* The language defaults to English. */
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"adult\",\"quantity\":1}", a);
	resp *r = client_expect(opcc1, "POST", "/api/v1/go-bags/deliveries", body, 201);
	assert_int_equal(int_of(r->json, "stock"), 9);
	resp_free(r);
	/* Each issue takes one of its kind and language, and no other. */
	r = issue(a, "adult", "en", 201);
	assert_int_equal(int_of(r->json, "stock"), 8);
	resp_free(r);
	r = issue(a, "adult", "sq", 201);
	assert_int_equal(int_of(r->json, "stock"), 1);
	resp_free(r);
	json_t *s = stock_of(sup1, a, "adult", "en");
	assert_non_null(s);
	assert_int_equal(int_of(s, "stock"), 8);
	assert_int_equal(int_of(s, "issued_30_days"), 1);
	assert_int_equal(int_of(s, "days_left"), 240); /* 8 bags at one a month */
	assert_int_equal(int_of(s, "reorder_level"), 0);
	assert_string_equal(json_string_value(json_object_get(s, "location_name")),
	                    "Chippenham Police Station");
	json_decref(s);
	/* The Commissioner's office, who works no case, reads the bags given
	 * to victims through the disclosure control: one is fewer than the
	 * threshold (10 here), so not shown, nor the days left worked from it;
	 * the stock is bags, not victims, and shows. */
	s = stock_of(opcc1, a, "adult", "en");
	assert_int_equal(int_of(s, "stock"), 8);
	assert_true(suppressed(json_object_get(s, "issued_30_days")));
	assert_true(suppressed(json_object_get(s, "days_left")));
	json_decref(s);
	s = stock_of(opcc1, a, "adult_with_phone", "en");
	assert_int_equal(int_of(s, "stock"), 1);
	/* Its zero is hidden too: beside a hidden total of one, it would say
	 * which kind of bag the one victim was given. */
	assert_true(suppressed(json_object_get(s, "issued_30_days")));
	assert_true(suppressed(json_object_get(s, "days_left")));
	json_decref(s);
	/* Every bad field of a delivery is named. */
	static const struct {
		const char *body, *field;
	} bad[] = {
	    {"{\"location\":\"@\",\"kind\":\"adult\",\"quantity\":0}", "quantity"},
	    {"{\"location\":\"@\",\"kind\":\"adult\",\"quantity\":1001}", "quantity"},
	    {"{\"location\":\"@\",\"kind\":\"teen\",\"quantity\":1}", "kind"},
	    {"{\"location\":\"@\",\"kind\":\"adult\",\"language\":\"Klingon\",\"quantity\":1}",
	     "language"},
	    {"{\"location\":\"@\",\"kind\":\"adult\",\"language\":\"ro-RO\",\"quantity\":1}",
	     "language"},
	    {"{\"location\":\"@\",\"kind\":\"adult\",\"quantity\":1.5}", "quantity"},
	    {"{\"location\":\"@\",\"kind\":\"adult\"}", "quantity"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		fill(bad[i].body, a, body, sizeof body);
		resp_expect_field(
		    client_req(opcc1, "POST", "/api/v1/go-bags/deliveries", body, NULL),
		    bad[i].field);
	}
	/* A location out of reach is answered as one that does not exist. */
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"adult\",\"quantity\":1}",
	         oth_location);
	resp_expect_field(client_req(opcc1, "POST", "/api/v1/go-bags/deliveries", body, NULL),
	                  "location");
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"adult\",\"quantity\":1}",
	         "00000000-0000-4000-8000-000000000000");
	resp_expect_field(client_req(opcc1, "POST", "/api/v1/go-bags/deliveries", body, NULL),
	                  "location");
	/* Officers do not restock; partners see nothing of it. */
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"adult\",\"quantity\":1}", a);
	assert_int_equal(client_status(inv1, "POST", "/api/v1/go-bags/deliveries", body), 403);
	assert_int_equal(client_status(part1, "POST", "/api/v1/go-bags/deliveries", body), 403);
	assert_int_equal(client_status(part1, "GET", "/api/v1/go-bags/stock", NULL), 403);
	/* Nothing of a refused delivery was kept. */
	s = stock_of(opcc1, a, "adult", "en");
	assert_int_equal(int_of(s, "stock"), 8);
	json_decref(s);
	assert_int_equal(
	    server_db_int(&srv, "SELECT COUNT(*) FROM go_bag_deliveries WHERE location_id = $1", a),
	    5);
	assert_int_equal(audit_count(&srv, "go_bag_delivered", a), 5);
	client_expect_query_error(opcc1, "/api/v1/go-bags/stock?kind=teen", "kind");
	client_expect_query_error(opcc1, "/api/v1/go-bags/stock?reorder=yes", "reorder");
}

static void test_an_issue_is_refused_for_what_it_cannot_be(void **state)
{
	(void)state;
	char a[ID_LEN];
	location("Calne Police Station", NULL, 0, a);
	deliver(opcc1, a, "child", "en", 3);
	/* Only to a potential victim in the case. */
	assert_int_equal(
	    client_status(inv1, "POST", issue_path(link_s), issue_body(a, "child", "en")), 409);
	/* Bad fields, and locations out of reach as if they did not exist. */
	resp_expect_field(
	    client_req(inv1, "POST", issue_path(link_v), issue_body(a, "toddler", "en"), NULL),
	    "kind");
	resp_expect_field(
	    client_req(inv1, "POST", issue_path(link_v), issue_body(a, "child", "xx-YY"), NULL),
	    "language");
	resp_expect_field(client_req(inv1, "POST", issue_path(link_v),
	                             issue_body(oth_location, "child", "en"), NULL),
	                  "location");
	resp_expect_field(
	    client_req(inv1, "POST", issue_path(link_v),
	               issue_body("00000000-0000-4000-8000-000000000000", "child", "en"), NULL),
	    "location");
	resp_expect_field(
	    client_req(inv1, "POST", issue_path(link_v), "{\"kind\":\"child\"}", NULL), "location");
	/* The case out of reach, another team's officer, a partner, the office. */
	assert_int_equal(
	    client_status(inv2, "POST", issue_path(link_v), issue_body(a, "child", "en")), 404);
	assert_int_equal(
	    client_status(part1, "POST", issue_path(link_v), issue_body(a, "child", "en")), 403);
	assert_int_equal(
	    client_status(opcc1, "POST", issue_path(link_v), issue_body(a, "child", "en")), 403);
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/go-bags", case_id,
	         "00000000-0000-4000-8000-000000000000");
	assert_int_equal(client_status(inv1, "POST", path, issue_body(a, "child", "en")), 404);
	/* None of the refusals took a bag. */
	json_t *s = stock_of(inv1, a, "child", "en");
	assert_int_equal(int_of(s, "stock"), 3);
	json_decref(s);
	assert_int_equal(
	    server_db_int(&srv, "SELECT COUNT(*) FROM go_bag_issues WHERE location_id = $1", a), 0);
}

static void test_an_empty_location_names_the_nearest_that_have_one(void **state)
{
	(void)state;
	char here[ID_LEN], near[ID_LEN], far[ID_LEN], unplaced[ID_LEN], other_kind[ID_LEN];
	location("Swindon Central Police Station", "\"latitude\":51.5580,\"longitude\":-1.7810", 0,
	         here);
	location("Marlborough Police Station", "\"latitude\":51.4200,\"longitude\":-1.7300", 0,
	         near);
	location("Salisbury Police Station", "\"latitude\":51.0713,\"longitude\":-1.7867", 0, far);
	location("Tidworth Police Station", NULL, 0, unplaced);
	location("Royal Wootton Bassett Police Station",
	         "\"latitude\":51.5390,\"longitude\":-1.9030", 0, other_kind);
	deliver(opcc1, here, "child_with_phone", "ro", 1);
	deliver(opcc1, near, "child_with_phone", "ro", 2);
	deliver(opcc1, far, "child_with_phone", "ro", 1);
	deliver(opcc1, unplaced, "child_with_phone", "ro", 4);
	deliver(opcc1, other_kind, "child_with_phone", "en", 5); /* cards in another language */
	deliver(opcc1, other_kind, "child", "ro", 5);            /* another kind */
	resp_free(client_expect(inv1, "POST", issue_path(link_v),
	                        issue_body(here, "child_with_phone", "ro"), 201));
	resp *r = client_expect(inv1, "POST", issue_path(link_v),
	                        issue_body(here, "child_with_phone", "ro"), 409);
	json_t *nearest = json_object_get(r->json, "nearest");
	assert_int_equal(json_array_size(nearest), 3);
	const char *want[] = {near, far, unplaced};
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(
		    json_string_value(json_object_get(json_array_get(nearest, i), "location")),
		    want[i]);
	json_t *first = json_array_get(nearest, 0);
	assert_string_equal(json_string_value(json_object_get(first, "location_name")),
	                    "Marlborough Police Station");
	assert_int_equal(int_of(first, "stock"), 2);
	double km = json_real_value(json_object_get(first, "distance_km"));
	assert_true(km > 15 && km < 16);
	assert_true(json_real_value(json_object_get(json_array_get(nearest, 1), "distance_km")) >
	            50);
	assert_true(json_is_null(json_object_get(json_array_get(nearest, 2), "distance_km")));
	/* The other force's stock is never named. */
	assert_null(strstr(r->body, oth_location));
	resp_free(r);
	/* A kind and language never delivered there: 409 too. */
	r = client_expect(inv1, "POST", issue_path(link_v), issue_body(here, "adult", "vi"), 409);
	assert_int_equal(json_array_size(json_object_get(r->json, "nearest")), 0);
	resp_free(r);
	json_t *s = stock_of(inv1, here, "child_with_phone", "ro");
	assert_int_equal(int_of(s, "stock"), 0);
	json_decref(s);
	s = stock_of(inv1, near, "child_with_phone", "ro");
	assert_int_equal(int_of(s, "stock"), 2);
	json_decref(s);
	assert_int_equal(
	    server_db_int(&srv, "SELECT COUNT(*) FROM go_bag_issues WHERE location_id = $1", here),
	    1);
}

/* ---- who sees what ---- */

static void test_the_commissioner_never_sees_to_whom_a_bag_went(void **state)
{
	(void)state;
	char a[ID_LEN];
	location("Trowbridge Police Station", "\"latitude\":51.3190,\"longitude\":-2.2080", 1, a);
	deliver(opcc1, a, "adult_with_phone", "sq", 2);
	resp *r = issue(a, "adult_with_phone", "sq", 201);
	char issue_id[ID_LEN];
	snprintf(issue_id, sizeof issue_id, "%s",
	         json_string_value(json_object_get(r->json, "id")));
	assert_int_equal(int_of(r->json, "stock"), 1);
	resp_free(r);
	/* The case shows the bag on the victim, for those who read the case. */
	json_t *p = case_person(inv1, case_id, link_v);
	json_t *bag = json_find(json_object_get(p, "go_bags"), "id", issue_id);
	assert_non_null(bag);
	assert_string_equal(json_string_value(json_object_get(bag, "location")), a);
	assert_string_equal(json_string_value(json_object_get(bag, "location_name")),
	                    "Trowbridge Police Station");
	assert_string_equal(json_string_value(json_object_get(bag, "kind")), "adult_with_phone");
	assert_string_equal(json_string_value(json_object_get(bag, "language")), "sq");
	assert_non_null(json_string_value(json_object_get(bag, "issued_at")));
	json_decref(p);
	p = case_person(inv1, case_id, link_s);
	assert_null(json_object_get(p, "go_bags")); /* a suspect is given none */
	json_decref(p);
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	assert_int_equal(client_status(opcc1, "GET", path, NULL), 403);
	/* Nothing the office reads names the person, the case, the officer or the issue. */
	const char *reads[] = {"/api/v1/go-bags/stock", "/api/v1/go-bags/locations",
	                       "/api/v1/worklist", location_path(a)};
	const char *secrets[] = {"Quendrimi", "Blerta", victim, link_v,
	                         case_id,     issue_id, "inv1", "Investigator"};
	for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
		r = client_expect(opcc1, "GET", reads[i], NULL, 200);
		for (size_t k = 0; k < sizeof secrets / sizeof secrets[0]; k++)
			if (strstr(r->body, secrets[k]))
				fail_msg("%s shows \"%s\" to the Commissioner's office", reads[i],
				         secrets[k]);
		resp_free(r);
	}
	assert_int_equal(audit_count(&srv, "go_bag_issued", case_id) >= 1, 1);
}

static void test_stock_at_its_reorder_level_is_on_the_worklist_of_those_who_restock(void **state)
{
	(void)state;
	char a[ID_LEN];
	location("Warminster Police Station", NULL, 3, a);
	deliver(opcc1, a, "child", "pl", 4);
	assert_null(worklist_item(opcc1, "go_bag_reorder", a));
	resp_free(issue(a, "child", "pl", 201)); /* 3 left: at the level */
	json_t *it = worklist_item(opcc1, "go_bag_reorder", a);
	assert_non_null(it);
	assert_string_equal(json_string_value(json_object_get(it, "state")), "due");
	assert_true(json_is_null(json_object_get(it, "case")));
	assert_true(json_is_null(json_object_get(it, "person")));
	assert_true(json_is_null(json_object_get(it, "holder")));
	json_t *g = json_object_get(it, "go_bag");
	assert_string_equal(json_string_value(json_object_get(g, "location_name")),
	                    "Warminster Police Station");
	assert_string_equal(json_string_value(json_object_get(g, "kind")), "child");
	assert_string_equal(json_string_value(json_object_get(g, "language")), "pl");
	assert_int_equal(int_of(g, "stock"), 3);
	assert_int_equal(int_of(g, "reorder_level"), 3);
	assert_non_null(strstr(json_string_value(json_object_get(it, "link")), a));
	json_decref(it);
	it = worklist_item(admin1, "go_bag_reorder", a);
	assert_non_null(it);
	json_decref(it);
	/* Officers read the stock but do not restock: not on theirs; nor the other force's. */
	assert_null(worklist_item(inv1, "go_bag_reorder", a));
	assert_null(worklist_item(sup1, "go_bag_reorder", a));
	assert_null(worklist_item(oth_admin, "go_bag_reorder", a));
	assert_null(worklist_item(opcc1, "go_bag_reorder", oth_location));
	/* The stock list says so too, and filters on it. */
	json_t *s = stock_of(opcc1, a, "child", "pl");
	assert_true(json_is_true(json_object_get(s, "reorder")));
	json_decref(s);
	char q[200];
	snprintf(q, sizeof q, "/api/v1/go-bags/stock?reorder=true&location=%s", a);
	assert_int_equal(client_count(opcc1, q, "items"), 1);
	/* A delivery lifts it off. */
	deliver(opcc1, a, "child", "pl", 1);
	assert_null(worklist_item(opcc1, "go_bag_reorder", a));
	assert_int_equal(client_count(opcc1, q, "items"), 0);
}

/* ---- many at once ---- */

#define TAKERS 12
#define BAGS 5

typedef struct taker {
	client *c;
	const char *path, *body; /* made before the threads start: issue_path's buffer is shared */
	pthread_barrier_t *start;
	long status;
	char id[ID_LEN];
} taker;

static void *take_one(void *arg)
{
	taker *t = arg;
	pthread_barrier_wait(t->start);
	resp *r = client_req(t->c, "POST", t->path, t->body, NULL);
	t->status = r->status;
	const char *id =
	    r->status == 201 ? json_string_value(json_object_get(r->json, "id")) : NULL;
	snprintf(t->id, sizeof t->id, "%s", id ? id : "");
	resp_free(r);
	return NULL;
}

static void test_officers_issuing_at_once_take_each_bag_once(void **state)
{
	(void)state;
	char a[ID_LEN], body[300], path[200];
	location("Amesbury Police Station", "\"latitude\":51.1730,\"longitude\":-1.7800", 0, a);
	deliver(opcc1, a, "adult", "vi", BAGS);
	snprintf(body, sizeof body, "%s", issue_body(a, "adult", "vi"));
	snprintf(path, sizeof path, "%s", issue_path(link_v));
	taker t[TAKERS];
	pthread_t th[TAKERS];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, TAKERS);
	/* One connection each, signed in before the start. */
	for (int i = 0; i < TAKERS; i++)
		t[i] = (taker){
		    client_signed_in(&srv, i % 2 ? "inv1" : "sup1"), path, body, &start, 0, ""};
	for (int i = 0; i < TAKERS; i++)
		pthread_create(&th[i], NULL, take_one, &t[i]);
	for (int i = 0; i < TAKERS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start);
	int made = 0, refused = 0;
	for (int i = 0; i < TAKERS; i++) {
		made += t[i].status == 201;
		refused += t[i].status == 409;
		if (t[i].status != 201 && t[i].status != 409)
			fail_msg("a taker got %ld", t[i].status);
		for (int k = 0; k < i; k++)
			if (t[i].id[0] && !strcmp(t[i].id, t[k].id))
				fail_msg("two takers were given issue %s", t[i].id);
		client_free(t[i].c);
	}
	assert_int_equal(made, BAGS);
	assert_int_equal(refused, TAKERS - BAGS);
	json_t *s = stock_of(sup1, a, "adult", "vi");
	assert_int_equal(int_of(s, "stock"), 0);
	assert_int_equal(int_of(s, "issued_30_days"), BAGS);
	json_decref(s);
	/* At the lowest disclosure threshold, 3, the Commissioner's office
	 * reads the five exactly. */
	const char *lowest[] = {"3"};
	server_db_run(
	    &srv,
	    "INSERT INTO settings (key, value, updated_at, version) VALUES "
	    "('disclosure_threshold', $1, '2025-01-01T00:00:00Z', 1) ON CONFLICT (key) DO "
	    "UPDATE SET value = excluded.value",
	    1, lowest);
	char q[160];
	snprintf(q, sizeof q, "/api/v1/go-bags/stock?location=%s", a);
	json_t *list = client_get_json(opcc1, q, 200);
	s = json_array_get(json_object_get(list, "items"), 0);
	assert_int_equal(int_of(s, "issued_30_days"), BAGS);
	assert_int_equal(int_of(s, "days_left"), 0);
	json_decref(list);
	lowest[0] = "10";
	server_db_run(&srv, "UPDATE settings SET value = $1 WHERE key = 'disclosure_threshold'", 1,
	              lowest);
	assert_int_equal(
	    server_db_int(&srv, "SELECT COUNT(*) FROM go_bag_issues WHERE location_id = $1", a),
	    BAGS);
	assert_int_equal(
	    server_db_int(&srv,
	                  "SELECT COUNT(DISTINCT id) FROM go_bag_issues WHERE location_id = $1", a),
	    BAGS);
	assert_int_equal(
	    server_db_int(&srv, "SELECT MIN(stock) FROM go_bag_stock WHERE location_id = $1", a),
	    0);
}

/* The schema itself refuses stock below zero, whatever a writer does. */
static void test_the_schema_refuses_stock_below_zero(void **state)
{
	(void)state;
	char a[ID_LEN];
	location("Pewsey Police Station", NULL, 0, a);
	deliver(opcc1, a, "adult", "en", 1);
	db *d = server_db_open(&srv);
	const char *v[] = {a};
	assert_int_equal(
	    db_run(d, "UPDATE go_bag_stock SET stock = stock - 2 WHERE location_id = $1", 1, v),
	    DB_CONSTRAINT);
	db_close(d);
	json_t *s = stock_of(opcc1, a, "adult", "en");
	assert_int_equal(int_of(s, "stock"), 1);
	json_decref(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_locations_are_kept_by_the_commissioner_and_administrators),
	    cmocka_unit_test(test_a_location_changes_only_at_the_version_read),
	    cmocka_unit_test(test_deliveries_add_to_stock_and_issues_take_one_each),
	    cmocka_unit_test(test_an_issue_is_refused_for_what_it_cannot_be),
	    cmocka_unit_test(test_an_empty_location_names_the_nearest_that_have_one),
	    cmocka_unit_test(test_the_commissioner_never_sees_to_whom_a_bag_went),
	    cmocka_unit_test(
	        test_stock_at_its_reorder_level_is_on_the_worklist_of_those_who_restock),
	    cmocka_unit_test(test_officers_issuing_at_once_take_each_bag_once),
	    cmocka_unit_test(test_the_schema_refuses_stock_below_zero),
	};
	return suite_run(&fixture, tests);
}
