/* Hot spots: how places compare, and which places recur across people. */
#include "unit/test.h"

#include "domain/missing_places.h"

static void test_places_compare_without_case_or_spacing(void **state)
{
	(void)state;
	static const struct {
		const char *place, *key;
	} rows[] = {
	    {"McDonald's, Fisherton Street", "mcdonald's, fisherton street"},
	    {"  McDONALD'S,   Fisherton\tStreet  ", "mcdonald's, fisherton street"},
	    {"Bus station\r\nSalisbury", "bus station salisbury"},
	    {"Café Nero", "café nero"},
	    {"", ""},
	    {" \t\n ", ""},
	    {NULL, ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char key[64];
		size_t n = missing_place_key(rows[i].place, key, sizeof key);
		if (strcmp(key, rows[i].key) != 0 || n != strlen(rows[i].key))
			fail_msg("\"%s\": got \"%s\" (%zu), want \"%s\"",
			         rows[i].place ? rows[i].place : "(null)", key, n, rows[i].key);
	}
}

static void test_a_key_that_does_not_fit_is_cut_short_and_ended(void **state)
{
	(void)state;
	char key[6];
	assert_int_equal(missing_place_key("Old Sarum", key, sizeof key), 5);
	assert_string_equal(key, "old s");
	assert_int_equal(missing_place_key("Wick  Lane", key, sizeof key), 4);
	assert_string_equal(key, "wick");
	assert_int_equal(missing_place_key("Bemerton", key, sizeof key), 5);
	assert_string_equal(key, "bemer");
	assert_int_equal(missing_place_key("x", key, 0), 0);
}

/* Mentions as given (in the order seen), keyed as the API keys them. */
static size_t spots(missing_mention *m, size_t n, char keys[][64], missing_hot_spot *out)
{
	for (size_t i = 0; i < n; i++) {
		missing_place_key(m[i].place, keys[i], 64);
		m[i].key = keys[i];
	}
	return missing_hot_spots(m, n, out);
}

static void test_a_place_is_a_hot_spot_only_across_two_people(void **state)
{
	(void)state;
	missing_mention m[] = {
	    {NULL, "Skate park", "e1", "amy", "2027-01-01T10:00:00.000Z", 0},
	    {NULL, "Skate park", "e2", "amy", "2027-02-01T10:00:00.000Z", 0},
	    {NULL, "skate  PARK", "e3", "amy", "2027-03-01T10:00:00.000Z", 0},
	    {NULL, "Railway station", "e1", "amy", "2027-01-01T12:00:00.000Z", 0},
	};
	char keys[4][64];
	missing_hot_spot out[4];
	assert_int_equal(spots(m, 4, keys, out), 0);
}

static void test_hot_spots_count_people_and_episodes_most_people_first(void **state)
{
	(void)state;
	missing_mention m[] = {
	    /* The bus station: three people, one of them twice in one episode. */
	    {NULL, "The Bus Station", "e1", "amy", "2027-01-01T10:00:00.000Z", 0},
	    {NULL, "the bus station ", "e1", "amy", "2027-01-02T09:00:00.000Z", 0},
	    {NULL, "THE BUS STATION", "e2", "ben", "2027-01-05T10:00:00.000Z", 0},
	    {NULL, "the  bus station", "e4", "cal", "2027-03-09T10:00:00.000Z", 0},
	    /* The retail park: two people, four episodes. */
	    {NULL, "Retail park", "e1", "amy", "2027-01-01T11:00:00.000Z", 0},
	    {NULL, "Retail park", "e5", "amy", "2027-04-01T11:00:00.000Z", 0},
	    {NULL, "Retail park", "e6", "amy", "2027-05-01T11:00:00.000Z", 0},
	    {NULL, "Retail Park", "e2", "ben", "2027-01-05T11:00:00.000Z", 0},
	    /* The chip shop: two people, two episodes, seen later. */
	    {NULL, "Chip shop", "e2", "ben", "2027-06-05T11:00:00.000Z", 0},
	    {NULL, "Chip shop", "e4", "cal", "2027-06-06T11:00:00.000Z", 0},
	    /* Nowhere, and a place of one person only. */
	    {NULL, "   ", "e4", "cal", "2027-03-09T10:00:00.000Z", 0},
	    {NULL, "   ", "e5", "amy", "2027-03-09T10:00:00.000Z", 0},
	    {NULL, "Grandmother's flat", "e4", "cal", "2027-03-09T10:00:00.000Z", 0},
	};
	size_t n = sizeof m / sizeof m[0];
	char keys[sizeof m / sizeof m[0]][64];
	missing_hot_spot out[sizeof m / sizeof m[0]];
	assert_int_equal(spots(m, n, keys, out), 3);
	assert_string_equal(out[0].place, "The Bus Station");
	assert_int_equal(out[0].people, 3);
	assert_int_equal(out[0].episodes, 3);
	assert_string_equal(out[0].last_at, "2027-03-09T10:00:00.000Z");
	assert_string_equal(out[1].place, "Retail park");
	assert_int_equal(out[1].people, 2);
	assert_int_equal(out[1].episodes, 4);
	assert_string_equal(out[1].last_at, "2027-05-01T11:00:00.000Z");
	assert_string_equal(out[2].place, "Chip shop");
	assert_int_equal(out[2].people, 2);
	assert_int_equal(out[2].episodes, 2);
}

static void test_equal_counts_put_the_latest_first(void **state)
{
	(void)state;
	missing_mention m[] = {
	    {NULL, "Park", "e1", "amy", "2027-01-01T10:00:00.000Z", 0},
	    {NULL, "Park", "e2", "ben", "2027-01-02T10:00:00.000Z", 0},
	    {NULL, "Pier", "e1", "amy", "2027-02-01T10:00:00.000Z", 0},
	    {NULL, "Pier", "e2", "ben", "2027-02-02T10:00:00.000Z", 0},
	};
	char keys[4][64];
	missing_hot_spot out[4];
	assert_int_equal(spots(m, 4, keys, out), 2);
	assert_string_equal(out[0].place, "Pier");
	assert_string_equal(out[1].place, "Park");
	assert_int_equal(spots(m, 0, keys, out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_places_compare_without_case_or_spacing),
	    cmocka_unit_test(test_a_key_that_does_not_fit_is_cut_short_and_ended),
	    cmocka_unit_test(test_a_place_is_a_hot_spot_only_across_two_people),
	    cmocka_unit_test(test_hot_spots_count_people_and_episodes_most_people_first),
	    cmocka_unit_test(test_equal_counts_put_the_latest_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
