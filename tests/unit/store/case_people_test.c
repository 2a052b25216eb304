/* People in cases in the store, on both engines: their parts, and merging
 * two records of one person, reversibly. */
#include "unit/test.h"

#include <unistd.h>

#include "lib/secure.h"
#include "store/case_items.h"
#include "store/case_people.h"
#include "support/engines.h"
#include "support/fixtures.h"

static name_index no_names; /* keys are not what these tests are about */
static user_rec dc;         /* who records, made anew on each test's database */

static void world_open(db *d)
{
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &dc);
}

static void test_case_person_add_refuses_the_same_part_twice(db *d)
{
	char case_id[37], person[37], link1[37], link2[37];
	fixture_case(d, &dc, "Car wash", case_id);
	fixture_person(d, &dc, "Ion", "Rusu", person);
	assert_int_equal(fixture_link(d, &dc, case_id, person, "witness", link1), DB_OK);
	assert_int_equal(strlen(link1), 36);
	assert_int_equal(fixture_link(d, &dc, case_id, person, "witness", NULL), DB_CONSTRAINT);
	/* Another part in the same case is another link. */
	assert_int_equal(fixture_link(d, &dc, case_id, person, "potential_victim", link2), DB_OK);
	assert_string_not_equal(link1, link2);
	assert_int_equal(fixture_link(d, &dc, case_id, person, "bystander", NULL), DB_CONSTRAINT);
	assert_int_equal(fixture_link(d, &dc, "no-such-case", person, "witness", NULL),
	                 DB_CONSTRAINT);
	assert_int_equal(fixture_link(d, &dc, case_id, "no-such-person", "witness", NULL),
	                 DB_CONSTRAINT);
	fixture_text out;
	fixture_case_people(d, case_id, &out);
	assert_string_equal(out.s, "Ion Rusu/witness/1;Ion Rusu/potential_victim/1;");
}

static void test_case_people_list_in_link_order_and_say_who_is_a_victim_anywhere(db *d)
{
	char here[37], there[37], suspect[37], witness[37], flagged[37], link_flagged[37];
	fixture_case(d, &dc, "Here", here);
	fixture_case(d, &dc, "There", there);
	fixture_person(d, &dc, "Sam", "Suspect", suspect);
	fixture_person(d, &dc, "Wil", "Witness", witness);
	fixture_person(d, &dc, "Fay", "Flagged", flagged);
	/* A suspect here who is a potential victim in another case, a
	 * witness with an indicator recorded against them, and one with
	 * neither. */
	assert_int_equal(fixture_link(d, &dc, here, suspect, "suspect", NULL), DB_OK);
	usleep(3000);
	assert_int_equal(fixture_link(d, &dc, here, witness, "witness", NULL), DB_OK);
	usleep(3000);
	assert_int_equal(fixture_link(d, &dc, here, flagged, "witness", link_flagged), DB_OK);
	fixture_text out;
	fixture_case_people(d, here, &out);
	assert_string_equal(out.s, "Sam Suspect/suspect/0;Wil Witness/witness/0;"
	                           "Fay Flagged/witness/0;");
	assert_int_equal(fixture_link(d, &dc, there, suspect, "potential_victim", NULL), DB_OK);
	char ind[37];
	assert_int_equal(store_indicator_add(d, link_flagged, "debt_bondage", NULL, dc.id, ind),
	                 DB_OK);
	fixture_case_people(d, here, &out);
	assert_string_equal(out.s, "Sam Suspect/suspect/1;Wil Witness/witness/0;"
	                           "Fay Flagged/witness/1;");
	fixture_case_people(d, there, &out);
	assert_string_equal(out.s, "Sam Suspect/potential_victim/1;");
	fixture_case_people(d, "no-such-case", &out);
	assert_string_equal(out.s, "");
}

static void test_merge_moves_the_links_the_target_lacks_and_hides_the_source(db *d)
{
	char c1[37], c2[37], source[37], target[37];
	fixture_case(d, &dc, "One", c1);
	fixture_case(d, &dc, "Two", c2);
	fixture_person(d, &dc, "Ion", "Rusu", source);
	fixture_person(d, &dc, "Ioan", "Rusu", target);
	/* The source in case one as a victim (which the target holds too)
	 * and in case two as a witness (which the target lacks). */
	assert_int_equal(fixture_link(d, &dc, c1, source, "potential_victim", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &dc, c1, target, "potential_victim", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &dc, c2, source, "witness", NULL), DB_OK);
	arena *a = arena_new();
	person_rec before;
	assert_int_equal(store_person_get(d, a, source, &before), DB_ROW);
	int moved = -1;
	assert_int_equal(store_person_merge(d, source, target, dc.id, &moved), DB_OK);
	assert_int_equal(moved, 1);
	person_rec got;
	assert_int_equal(store_person_get(d, a, source, &got), DB_DONE);
	assert_int_equal(store_person_get(d, a, target, &got), DB_ROW);
	const char *into = NULL;
	assert_int_equal(store_person_merged_into(d, a, source, &into), DB_ROW);
	assert_string_equal(into, target);
	fixture_text out;
	fixture_case_people(d, c2, &out);
	assert_string_equal(out.s, "Ioan Rusu/witness/1;");
	/* A form read before the merge cannot write to the merged record. */
	before.given_names = "Stale";
	assert_int_equal(store_person_update(d, &before, &no_names), DB_DONE);
	arena_free(a);
}

static void test_unmerge_answers_the_latest_merge_and_shows_the_source_again(db *d)
{
	char c1[37], source[37], first[37], second[37], link_id[37];
	fixture_case(d, &dc, "One", c1);
	fixture_person(d, &dc, "Ion", "Rusu", source);
	fixture_person(d, &dc, "Ioan", "Rusu", first);
	fixture_person(d, &dc, "Ionut", "Rusu", second);
	assert_int_equal(fixture_link(d, &dc, c1, source, "witness", link_id), DB_OK);
	arena *a = arena_new();
	const char *target = NULL, *links = NULL;
	assert_int_equal(store_person_unmerge(d, a, source, dc.id, &target, &links), DB_DONE);

	int moved;
	assert_int_equal(store_person_merge(d, source, first, dc.id, &moved), DB_OK);
	assert_int_equal(store_person_unmerge(d, a, source, dc.id, &target, &links), DB_ROW);
	assert_string_equal(target, first);
	char want[64];
	snprintf(want, sizeof want, "[\"%s\"]", link_id);
	assert_string_equal(links, want);
	/* The caller moves the links back. */
	assert_int_equal(store_case_link_move(d, link_id, source), DB_OK);
	person_rec got;
	assert_int_equal(store_person_get(d, a, source, &got), DB_ROW);
	const char *into = "";
	assert_int_equal(store_person_merged_into(d, a, source, &into), DB_ROW);
	assert_null(into);
	fixture_text out;
	fixture_case_people(d, c1, &out);
	assert_string_equal(out.s, "Ion Rusu/witness/0;");
	/* Undone once: nothing more to undo. */
	assert_int_equal(store_person_unmerge(d, a, source, dc.id, &target, &links), DB_DONE);

	/* Merged again elsewhere, the undo is of that merge. */
	usleep(3000);
	assert_int_equal(store_person_merge(d, source, second, dc.id, &moved), DB_OK);
	assert_int_equal(store_person_unmerge(d, a, source, dc.id, &target, &links), DB_ROW);
	assert_string_equal(target, second);
	assert_string_equal(links, want);
	arena_free(a);
}

static void test_case_link_move_gives_the_part_to_another_person(db *d)
{
	char c1[37], from[37], to[37], link_id[37];
	fixture_case(d, &dc, "One", c1);
	fixture_person(d, &dc, "Ion", "Rusu", from);
	fixture_person(d, &dc, "Ana", "Rusu", to);
	assert_int_equal(fixture_link(d, &dc, c1, from, "potential_victim", link_id), DB_OK);
	assert_int_equal(store_case_link_move(d, link_id, to), DB_OK);
	fixture_text out;
	fixture_case_people(d, c1, &out);
	assert_string_equal(out.s, "Ana Rusu/potential_victim/1;");
	fixture_text parts;
	fixture_person_parts(d, from, dc.id, &parts);
	assert_string_equal(parts.s, "");
	fixture_person_parts(d, to, dc.id, &parts);
	assert_non_null(strstr(parts.s, "MS-2025-00001/potential_victim/"));
	/* To no one: refused, and the link stays where it was. */
	assert_int_equal(store_case_link_move(d, link_id, "no-such-person"), DB_CONSTRAINT);
	fixture_case_people(d, c1, &out);
	assert_string_equal(out.s, "Ana Rusu/potential_victim/1;");
}

int main(void)
{
	secure_init();
	test_world_set(world_open, NULL);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_case_person_add_refuses_the_same_part_twice),
	    ENGINE_TEST(test_case_people_list_in_link_order_and_say_who_is_a_victim_anywhere),
	    ENGINE_TEST(test_merge_moves_the_links_the_target_lacks_and_hides_the_source),
	    ENGINE_TEST(test_unmerge_answers_the_latest_merge_and_shows_the_source_again),
	    ENGINE_TEST(test_case_link_move_gives_the_part_to_another_person),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/case_people"), tests, NULL, NULL);
}
