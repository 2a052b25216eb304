/* Go bags: the kinds and languages accepted, how many days stock lasts,
 * when to reorder, distances, and which locations count as nearest. */
#include "unit/test.h"

#include <math.h>

#include "domain/go_bags.h"

static void test_every_kind_has_words_and_nothing_else_is_a_kind(void **state)
{
	(void)state;
	static const char *const kinds[] = {"adult", "adult_with_phone", "child",
	                                    "child_with_phone"};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const go_bag_kind *k = go_bag_kind_find(kinds[i]);
		assert_non_null(k);
		assert_true(strlen(k->words) > 10);
	}
	static const char *const not_kinds[] = {"Adult", "teen", "", "adult ", "child_with_phones"};
	for (size_t i = 0; i < sizeof not_kinds / sizeof not_kinds[0]; i++)
		assert_null(go_bag_kind_find(not_kinds[i]));
	assert_null(go_bag_kind_find(NULL));
}

static void test_cards_are_in_an_iso_639_1_language(void **state)
{
	(void)state;
	assert_true(go_bag_language_ok("en"));
	assert_true(go_bag_language_ok("sq"));
	assert_false(go_bag_language_ok("EN"));
	assert_false(go_bag_language_ok("eng"));
	assert_false(go_bag_language_ok("ro-RO"));
	assert_false(go_bag_language_ok("e"));
	assert_false(go_bag_language_ok(""));
	assert_false(go_bag_language_ok(NULL));
}

static void test_days_left_is_stock_over_the_daily_rate_rounded_down(void **state)
{
	(void)state;
	static const struct {
		int64_t stock, issued, days; /* days -1: null */
	} rows[] = {
	    {10, 30, 10},               /* one a day */
	    {10, 15, 20},               /* one every other day */
	    {7, 60, 3},                 /* two a day: 3.5 rounds down */
	    {0, 5, 0},                  /* none left */
	    {1, 31, 0},                 /* less than a day */
	    {100, 1, 3000}, {5, 0, -1}, /* none issued: no rate */
	    {0, 0, -1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int64_t days = -7;
		int rc = go_bag_days_left(rows[i].stock, rows[i].issued, &days);
		if (rows[i].days < 0 ? rc != -1 : rc != 0 || days != rows[i].days)
			fail_msg("stock %lld, %lld issued: got %d/%lld, want %lld",
			         (long long)rows[i].stock, (long long)rows[i].issued, rc,
			         (long long)days, (long long)rows[i].days);
	}
}

static void test_reorder_at_or_below_the_level(void **state)
{
	(void)state;
	assert_true(go_bag_needs_reorder(5, 5));
	assert_true(go_bag_needs_reorder(0, 0));
	assert_true(go_bag_needs_reorder(4, 5));
	assert_false(go_bag_needs_reorder(6, 5));
	assert_false(go_bag_needs_reorder(1, 0));
}

static void test_coordinates_are_kept_to_four_places_within_their_limits(void **state)
{
	(void)state;
	int64_t e6 = 0;
	assert_int_equal(go_bag_coordinate_e6(51.561234, 90, &e6), 0);
	assert_int_equal(e6, 51561200);
	assert_int_equal(go_bag_coordinate_e6(-1.78536, 180, &e6), 0);
	assert_int_equal(e6, -1785400);
	assert_int_equal(go_bag_coordinate_e6(90, 90, &e6), 0);
	assert_int_equal(go_bag_coordinate_e6(-180, 180, &e6), 0);
	assert_int_equal(go_bag_coordinate_e6(90.0001, 90, &e6), -1);
	assert_int_equal(go_bag_coordinate_e6(-181, 180, &e6), -1);
	assert_int_equal(go_bag_coordinate_e6(NAN, 90, &e6), -1);
	assert_int_equal(go_bag_coordinate_e6(INFINITY, 180, &e6), -1);
}

static void test_distance_is_the_great_circle(void **state)
{
	(void)state;
	/* Swindon Gablecross to Salisbury Bourne Hill: about 57 km. */
	double d = go_bag_distance_km(51562200, -1739800, 51071300, -1786700);
	assert_true(d > 54 && d < 56);
	assert_true(go_bag_distance_km(51000000, -1000000, 51000000, -1000000) < 1e-9);
	/* A quarter of the way round the earth along the equator. */
	d = go_bag_distance_km(0, 0, 0, 90000000);
	assert_true(fabs(d - 10007.5) < 1);
	/* Either way round is the same. */
	assert_true(fabs(go_bag_distance_km(1, 2, 3, 4) - go_bag_distance_km(3, 4, 1, 2)) < 1e-9);
}

static void test_nearest_by_distance_then_those_without_coordinates_by_name(void **state)
{
	(void)state;
	go_bag_place from = {"f", "Gablecross", 1, 51562200, -1739800, 0, 0, 0};
	go_bag_place p[] = {
	    {"a", "Melksham", 1, 51373000, -2138000, 4, 0, 0},
	    {"b", "Zeals (no coordinates)", 0, 0, 0, 2, 0, 0},
	    {"c", "Salisbury", 1, 51071300, -1786700, 1, 0, 0},
	    {"d", "Amesbury (no coordinates)", 0, 0, 0, 9, 0, 0},
	    {"e", "Marlborough", 1, 51420000, -1730000, 3, 0, 0},
	};
	go_bag_nearest(&from, p, 5);
	const char *want[] = {"e", "a", "c", "d", "b"};
	for (int i = 0; i < 5; i++)
		assert_string_equal(p[i].id, want[i]);
	assert_true(p[0].has_distance && p[0].distance_km > 15 && p[0].distance_km < 17);
	assert_false(p[3].has_distance);
	/* From a location without coordinates: all by name. */
	go_bag_place nowhere = {"n", "Unknown", 0, 0, 0, 0, 0, 0};
	go_bag_nearest(&nowhere, p, 5);
	const char *by_name[] = {"d", "e", "a", "c", "b"};
	for (int i = 0; i < 5; i++) {
		assert_string_equal(p[i].id, by_name[i]);
		assert_false(p[i].has_distance);
	}
	go_bag_nearest(&from, p, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_kind_has_words_and_nothing_else_is_a_kind),
	    cmocka_unit_test(test_cards_are_in_an_iso_639_1_language),
	    cmocka_unit_test(test_days_left_is_stock_over_the_daily_rate_rounded_down),
	    cmocka_unit_test(test_reorder_at_or_below_the_level),
	    cmocka_unit_test(test_coordinates_are_kept_to_four_places_within_their_limits),
	    cmocka_unit_test(test_distance_is_the_great_circle),
	    cmocka_unit_test(test_nearest_by_distance_then_those_without_coordinates_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
