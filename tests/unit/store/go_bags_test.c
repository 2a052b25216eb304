/* Go bags as kept, on both engines: deliveries add to a stock of one kind
 * and language; an issue takes one until none is left and then writes
 * nothing; the schema refuses stock below zero; a location changes only at
 * the version read; and stock is read only within the scope asked. */
#include "unit/test.h"

#include "lib/arena.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/go_bags.h"
#include "support/engines.h"
#include "support/fixtures.h"

static go_bag_location_rec location(db *d, const user_rec *by, const char *name, int reorder_level)
{
	go_bag_location_rec l = {.name = name,
	                         .has_coords = 1,
	                         .lat_e6 = 51500000,
	                         .lon_e6 = -1800000,
	                         .reorder_level = reorder_level};
	snprintf(l.org_id, sizeof l.org_id, "%s", by->org_id);
	snprintf(l.created_by, sizeof l.created_by, "%s", by->id);
	assert_int_equal(store_go_bag_location_add(d, &l), DB_OK);
	return l;
}

static int64_t deliver(db *d, const user_rec *by, const char *loc, const char *kind,
                       const char *language, int64_t quantity)
{
	go_bag_delivery_rec r = {
	    .location_id = loc, .kind = kind, .language = language, .quantity = quantity};
	snprintf(r.delivered_by, sizeof r.delivered_by, "%s", by->id);
	int64_t stock = -1;
	assert_int_equal(store_go_bag_delivery_add(d, &r, &stock), DB_OK);
	return stock;
}

/* An issue to a new victim of a new case: the store's answer, *stock what is left. */
static int issue(db *d, const user_rec *by, const char *loc, const char *kind, int64_t *stock)
{
	static char case_id[37], link[37];
	fixture_case(d, by, "Hand car wash", case_id);
	fixture_part(d, by, case_id, "Ana", "Pop", "potential_victim", NULL, link);
	go_bag_issue_rec r = {.location_id = loc,
	                      .kind = kind,
	                      .language = "en",
	                      .case_id = case_id,
	                      .case_person_id = link};
	snprintf(r.issued_by, sizeof r.issued_by, "%s", by->id);
	return store_go_bag_issue(d, &r, stock);
}

static int64_t count(db *d, const char *sql, const char *param)
{
	int64_t n = -1;
	const char *v[] = {param};
	assert_int_equal(db_get_int(d, sql, 1, v, &n), DB_ROW);
	return n;
}

static void test_deliveries_add_to_the_stock_of_their_kind_and_language(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	go_bag_location_rec l = location(d, &north, "Gablecross", 2);
	assert_int_equal(deliver(d, &north, l.id, "adult", "en", 3), 3);
	assert_int_equal(deliver(d, &north, l.id, "adult", "en", 2), 5);
	assert_int_equal(deliver(d, &north, l.id, "adult", "sq", 4), 4);
	assert_int_equal(deliver(d, &north, l.id, "child", "en", 1), 1);
	assert_int_equal(
	    count(d, "SELECT COUNT(*) FROM go_bag_deliveries WHERE location_id = $1", l.id), 4);
	assert_int_equal(count(d, "SELECT COUNT(*) FROM go_bag_stock WHERE location_id = $1", l.id),
	                 3);
}

static void test_an_issue_takes_one_until_none_is_left_and_then_writes_nothing(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	go_bag_location_rec l = location(d, &north, "Swindon", 0);
	deliver(d, &north, l.id, "adult", "en", 2);
	int64_t stock = -1;
	assert_int_equal(issue(d, &north, l.id, "adult", &stock), DB_OK);
	assert_int_equal(stock, 1);
	assert_int_equal(issue(d, &north, l.id, "adult", &stock), DB_OK);
	assert_int_equal(stock, 0);
	assert_int_equal(issue(d, &north, l.id, "adult", &stock), DB_DONE);
	/* A kind never delivered there: none to take either. */
	assert_int_equal(issue(d, &north, l.id, "child", &stock), DB_DONE);
	assert_int_equal(
	    count(d, "SELECT COUNT(*) FROM go_bag_issues WHERE location_id = $1", l.id), 2);
	assert_int_equal(
	    count(d, "SELECT MIN(stock) FROM go_bag_stock WHERE location_id = $1", l.id), 0);
}

static void test_the_schema_refuses_stock_below_zero(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	go_bag_location_rec l = location(d, &north, "Melksham", 0);
	deliver(d, &north, l.id, "adult", "en", 1);
	const char *v[] = {l.id};
	assert_int_equal(
	    db_run(d, "UPDATE go_bag_stock SET stock = stock - 2 WHERE location_id = $1", 1, v),
	    DB_CONSTRAINT);
	assert_int_equal(count(d, "SELECT stock FROM go_bag_stock WHERE location_id = $1", l.id),
	                 1);
}

static void test_a_location_changes_only_at_the_version_read(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	go_bag_location_rec l = location(d, &north, "Devizes", 3);
	go_bag_location_rec same = location(d, &north, "Chippenham", 3);
	(void)same;
	arena *a = arena_new();
	assert_non_null(a);
	go_bag_location_rec got = {0};
	/* The Commissioner's office sees it in its area; the other force not. */
	assert_int_equal(store_go_bag_location_get(d, a, l.id, office.id, &got), DB_ROW);
	assert_true(got.in_area);
	assert_false(got.hosted);
	assert_string_equal(got.name, "Devizes");
	assert_int_equal(got.reorder_level, 3);
	assert_true(got.has_coords);
	assert_int_equal(got.lat_e6, 51500000);
	assert_int_equal(store_go_bag_location_get(d, a, l.id, south.org_id, &got), DB_ROW);
	assert_false(got.in_area);
	got.version = 7;
	got.reorder_level = 9;
	assert_int_equal(store_go_bag_location_update(d, &got), DB_DONE);
	got.version = 1;
	got.has_coords = 0;
	assert_int_equal(store_go_bag_location_update(d, &got), DB_OK);
	assert_int_equal(got.version, 2);
	assert_int_equal(store_go_bag_location_get(d, a, l.id, north.org_id, &got), DB_ROW);
	assert_int_equal(got.reorder_level, 9);
	assert_false(got.has_coords);
	/* A force has one location of a name. */
	got.name = "Chippenham";
	assert_int_equal(store_go_bag_location_update(d, &got), DB_CONSTRAINT);
	arena_free(a);
}

static int gather(const go_bag_stock_rec *r, void *arg)
{
	fixture_text_add(arg, "%s/%s/%s/%lld/%lld;", r->location_name, r->kind, r->language,
	                 (long long)r->stock, (long long)r->issued_since);
	return 0;
}

static void test_stock_is_read_within_the_scope_and_filter_asked(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	go_bag_location_rec n = location(d, &north, "North Station", 2);
	go_bag_location_rec s = location(d, &south, "South Station", 0);
	deliver(d, &north, n.id, "adult", "en", 3);
	deliver(d, &north, n.id, "child", "en", 2);
	deliver(d, &south, s.id, "adult", "en", 5);
	int64_t left;
	assert_int_equal(issue(d, &north, n.id, "adult", &left), DB_OK);
	char since[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() - 30LL * 86400000, since);
	static const struct {
		go_bag_scope sc;
		go_bag_stock_filter f;
		const char *want;
	} rows[] = {
	    {{.org_id = "north"}, {0}, "North Station/adult/en/2/1;North Station/child/en/2/0;"},
	    {{.area_of = "office"}, {0}, "North Station/adult/en/2/1;North Station/child/en/2/0;"},
	    {{.org_id = "south"}, {0}, "South Station/adult/en/5/0;"},
	    {{.org_id = "north", .area_of = "office"},
	     {.reorder_only = 1},
	     "North Station/adult/en/2/1;North Station/child/en/2/0;"},
	    {{.org_id = "south"}, {.reorder_only = 1}, ""},
	    {{.org_id = "north"}, {.kind = "child"}, "North Station/child/en/2/0;"},
	    {{.org_id = "north"}, {.language = "sq"}, ""},
	    {{0}, {0}, ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		go_bag_scope sc = rows[i].sc;
		const char **ids[] = {&sc.org_id, &sc.area_of, &sc.hosted_by};
		for (int k = 0; k < 3; k++)
			if (*ids[k])
				*ids[k] = !strcmp(*ids[k], "north")   ? north.org_id
				          : !strcmp(*ids[k], "south") ? south.org_id
				                                      : office.id;
		go_bag_stock_filter f = rows[i].f;
		f.since = since;
		fixture_text got = {""};
		assert_int_equal(store_go_bag_stock(d, &sc, &f, gather, &got), DB_OK);
		if (strcmp(got.s, rows[i].want) != 0)
			fail_msg("%s, row %zu: got \"%s\", want \"%s\"", test_engine_now(), i,
			         got.s, rows[i].want);
	}
	/* The in_stock filter leaves out what is empty. */
	assert_int_equal(issue(d, &north, n.id, "child", &left), DB_OK);
	assert_int_equal(issue(d, &north, n.id, "child", &left), DB_OK);
	go_bag_scope sc = {.org_id = north.org_id};
	go_bag_stock_filter f = {.in_stock = 1, .since = since};
	fixture_text got = {""};
	assert_int_equal(store_go_bag_stock(d, &sc, &f, gather, &got), DB_OK);
	assert_string_equal(got.s, "North Station/adult/en/2/1;");
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_deliveries_add_to_the_stock_of_their_kind_and_language),
	    ENGINE_TEST(test_an_issue_takes_one_until_none_is_left_and_then_writes_nothing),
	    ENGINE_TEST(test_the_schema_refuses_stock_below_zero),
	    ENGINE_TEST(test_a_location_changes_only_at_the_version_read),
	    ENGINE_TEST(test_stock_is_read_within_the_scope_and_filter_asked),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/go_bags"), tests, NULL, NULL);
}
