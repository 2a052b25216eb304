/* What is recorded inside a case, in the store, on both engines: a person's
 * link, indicators, victim context, places and the timeline of notes. */
#include "unit/test.h"

#include <unistd.h>

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/case_items.h"
#include "store/case_people.h"
#include "store/cases.h"
#include "store/people.h"
#include "support/engines.h"
#include "support/fixtures.h"

static void test_case_link_finds_the_role_only_within_its_case(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	char c1[37], c2[37], link_id[37];
	fixture_case(d, &u, "One", c1);
	fixture_case(d, &u, "Two", c2);
	fixture_part(d, &u, c1, "Ion", "Rusu", "suspect", NULL, link_id);
	arena *a = arena_new();
	const char *role = NULL;
	assert_int_equal(store_case_link(d, a, c1, link_id, &role), DB_ROW);
	assert_string_equal(role, "suspect");
	role = NULL;
	assert_int_equal(store_case_link(d, a, c2, link_id, &role), DB_DONE);
	assert_null(role);
	assert_int_equal(store_case_link(d, a, c1, "no-such-link", &role), DB_DONE);
	arena_free(a);
}

static int collect_indicator(const indicator_rec *r, void *arg)
{
	fixture_text_add(arg, "%s/%s/%s;", r->code, r->note ? r->note : "-", r->recorded_by);
	return 0;
}

static void test_indicators_are_recorded_once_per_link_and_listed_in_order(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	char c1[37], c2[37], l1[37], l2[37], other[37], id[37];
	fixture_case(d, &u, "One", c1);
	fixture_case(d, &u, "Two", c2);
	fixture_part(d, &u, c1, "Ion", "Rusu", "potential_victim", NULL, l1);
	fixture_part(d, &u, c1, "Ion", "Popa", "potential_victim", NULL, l2);
	fixture_part(d, &u, c2, "Ion", "Lupu", "potential_victim", NULL, other);
	assert_int_equal(store_indicator_add(d, l1, "debt_bondage", "owes 2000", u.id, id), DB_OK);
	assert_int_equal(strlen(id), 36);
	usleep(3000);
	assert_int_equal(store_indicator_add(d, l2, "debt_bondage", NULL, u.id, id), DB_OK);
	usleep(3000);
	assert_int_equal(store_indicator_add(d, l1, "withheld_documents", NULL, u.id, id), DB_OK);
	assert_int_equal(store_indicator_add(d, other, "isolation", NULL, u.id, id), DB_OK);
	/* The same indicator for the same link is refused. */
	assert_int_equal(store_indicator_add(d, l1, "debt_bondage", "again", u.id, id),
	                 DB_CONSTRAINT);
	assert_int_equal(store_indicator_add(d, "no-such-link", "isolation", NULL, u.id, id),
	                 DB_CONSTRAINT);
	fixture_text out = {""};
	assert_int_equal(store_indicators(d, c1, collect_indicator, &out), DB_OK);
	assert_string_equal(out.s, "debt_bondage/owes 2000/DC dc.one;debt_bondage/-/DC dc.one;"
	                           "withheld_documents/-/DC dc.one;");
	out.s[0] = '\0';
	assert_int_equal(store_indicators(d, "no-such-case", collect_indicator, &out), DB_OK);
	assert_string_equal(out.s, "");
}

static int collect_when(const indicator_rec *r, void *arg)
{
	fixture_text_add(arg, "%s@%s;", r->code, r->recorded_at);
	return 0;
}

static int collect_link_when(const case_person_rec *cp, void *arg)
{
	fixture_text_add(arg, "%s@%s;", cp->family_name, cp->created_at);
	return 0;
}

/* The demo dates what it records back from the day it is loaded. */
static void test_links_and_indicators_keep_a_given_time(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	char c1[37], p1[37], id[37];
	fixture_case(d, &u, "One", c1);
	fixture_person(d, &u, "Ion", "Rusu", p1);
	case_person_rec cp = {.role = "potential_victim", .created_at = "2024-03-01T09:15:00.000Z"};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", c1);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", p1);
	assert_int_equal(store_case_person_add(d, &cp, u.id), DB_OK);
	assert_int_equal(store_indicator_add_at(d, cp.id, "debt_bondage", NULL, u.id, "2024-03-01T09:20:00.000Z", id),
	                 DB_OK);
	fixture_text out = {""};
	assert_int_equal(store_indicators(d, c1, collect_when, &out), DB_OK);
	assert_string_equal(out.s, "debt_bondage@2024-03-01T09:20:00.000Z;");
	arena *a = arena_new();
	out.s[0] = '\0';
	assert_int_equal(store_case_people(d, a, c1, collect_link_when, &out), DB_OK);
	assert_string_equal(out.s, "Rusu@2024-03-01T09:15:00.000Z;");
	arena_free(a);
}

static int context_of(const case_person_rec *cp, void *arg)
{
	fixture_text_add(arg, "%s=%s;", cp->family_name,
	                 cp->victim_context ? cp->victim_context : "-");
	return 0;
}

static void test_victim_context_is_replaced_for_its_link_only(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	char c1[37], l1[37], l2[37];
	fixture_case(d, &u, "One", c1);
	fixture_part(d, &u, c1, "Ion", "Rusu", "potential_victim", NULL, l1);
	usleep(3000);
	fixture_part(d, &u, c1, "Ion", "Popa", "potential_victim", NULL, l2);
	assert_int_equal(store_victim_context_set(d, l1, "{\"recruited\":\"online\"}"), DB_OK);
	assert_int_equal(store_victim_context_set(d, l1, "{\"recruited\":\"by a friend\"}"), DB_OK);
	arena *a = arena_new();
	fixture_text out = {""};
	assert_int_equal(store_case_people(d, a, c1, context_of, &out), DB_OK);
	assert_string_equal(out.s, "Rusu={\"recruited\":\"by a friend\"};Popa=-;");
	assert_int_equal(store_victim_context_set(d, l1, NULL), DB_OK);
	out.s[0] = '\0';
	assert_int_equal(store_case_people(d, a, c1, context_of, &out), DB_OK);
	assert_string_equal(out.s, "Rusu=-;Popa=-;");
	arena_free(a);
}

static int collect_place(const place_rec *p, void *arg)
{
	fixture_text_add(arg, "%s/%s/%s;", p->kind, p->postcode ? p->postcode : "-",
	                 p->date_from ? p->date_from : "-");
	return 0;
}

static void test_places_list_by_first_date_with_undated_last(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	char c1[37], c2[37];
	fixture_case(d, &u, "One", c1);
	fixture_case(d, &u, "Two", c2);
	static const struct {
		const char *kind, *postcode, *from;
	} rows[] = {
	    {"exploitation", "LS1 1AA", "2024-03-01"},
	    {"transit", NULL, NULL},
	    {"recruitment", NULL, "2023-11-20"},
	    {"exploitation", "LS2 2BB", NULL},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		place_rec p = {.case_id = c1,
		               .kind = rows[i].kind,
		               .postcode = rows[i].postcode,
		               .country = "GB",
		               .date_from = rows[i].from};
		assert_int_equal(store_place_add(d, &p, u.id), DB_OK);
		assert_int_equal(strlen(p.id), 36);
		assert_true(p.created_at[0] != '\0');
		usleep(3000);
	}
	place_rec elsewhere = {.case_id = c2, .kind = "transit"};
	assert_int_equal(store_place_add(d, &elsewhere, u.id), DB_OK);
	place_rec odd = {.case_id = c1, .kind = "holiday"};
	assert_int_equal(store_place_add(d, &odd, u.id), DB_CONSTRAINT);
	place_rec lost = {.case_id = "no-such-case", .kind = "transit"};
	assert_int_equal(store_place_add(d, &lost, u.id), DB_CONSTRAINT);
	fixture_text out = {""};
	assert_int_equal(store_places(d, c1, collect_place, &out), DB_OK);
	/* Dated by their first day; the undated after them, as recorded. */
	assert_string_equal(out.s, "recruitment/-/2023-11-20;exploitation/LS1 1AA/2024-03-01;"
	                           "transit/-/-;exploitation/LS2 2BB/-;");
}

static int collect_note(const note_rec *n, void *arg)
{
	fixture_text_add(arg, "%s/%s/%s/%s;", n->kind, n->text ? n->text : "-",
	                 n->sealed_text ? n->sealed_text : "-", n->author_name);
	return 0;
}

static void test_timeline_lists_the_cases_notes_newest_first(db *d)
{
	user_rec u, v;
	fixture_user(d, "one", "investigator", "Force", "EMT", &u);
	fixture_user(d, "two", "investigator", "Force", "EMT", &v);
	char c1[37], c2[37];
	fixture_case(d, &u, "One", c1);
	fixture_case(d, &u, "Two", c2);
	note_rec n = {.case_id = c1, .kind = "note", .text = "Visited the site", .author_id = u.id};
	assert_int_equal(store_note_add(d, &n), DB_OK);
	assert_int_equal(strlen(n.id), 36);
	assert_true(n.at[0] != '\0');
	usleep(3000);
	note_rec sealed = {
	    .case_id = c1, .kind = "sealed", .sealed_text = "ciphertext", .author_id = v.id};
	assert_int_equal(store_note_add(d, &sealed), DB_OK);
	note_rec there = {.case_id = c2, .kind = "note", .text = "Elsewhere", .author_id = u.id};
	assert_int_equal(store_note_add(d, &there), DB_OK);
	note_rec nobody = {.case_id = c1, .kind = "note", .text = "?", .author_id = "no-one"};
	assert_int_equal(store_note_add(d, &nobody), DB_CONSTRAINT);
	note_rec lost = {.case_id = "no-such-case", .kind = "note", .text = "?", .author_id = u.id};
	assert_int_equal(store_note_add(d, &lost), DB_CONSTRAINT);
	fixture_text out = {""};
	assert_int_equal(store_timeline(d, c1, collect_note, &out), DB_OK);
	assert_string_equal(out.s, "sealed/-/ciphertext/DC two;note/Visited the site/-/DC one;");
}

static int stop(const note_rec *n, void *arg)
{
	(void)n;
	(*(int *)arg)++;
	return 9;
}

static void test_timeline_stops_when_the_caller_answers_non_zero(db *d)
{
	user_rec u;
	fixture_user(d, "one", "investigator", "Force", "EMT", &u);
	char c1[37];
	fixture_case(d, &u, "One", c1);
	for (int i = 0; i < 3; i++) {
		note_rec n = {.case_id = c1, .kind = "note", .text = "x", .author_id = u.id};
		assert_int_equal(store_note_add(d, &n), DB_OK);
	}
	int calls = 0;
	assert_int_equal(store_timeline(d, c1, stop, &calls), 9);
	assert_int_equal(calls, 1);
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_case_link_finds_the_role_only_within_its_case),
	    ENGINE_TEST(test_indicators_are_recorded_once_per_link_and_listed_in_order),
	    ENGINE_TEST(test_links_and_indicators_keep_a_given_time),
	    ENGINE_TEST(test_victim_context_is_replaced_for_its_link_only),
	    ENGINE_TEST(test_places_list_by_first_date_with_undated_last),
	    ENGINE_TEST(test_timeline_lists_the_cases_notes_newest_first),
	    ENGINE_TEST(test_timeline_stops_when_the_caller_answers_non_zero),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/case_items"), tests, NULL, NULL);
}
