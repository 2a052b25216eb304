/* What is recorded inside a case, in the store, on both engines: a person's
 * link, indicators, victim context (and its move to the HTCDS v2.0 lists by
 * migration 024), places and the timeline of notes. */
#include "unit/test.h"

#include <jansson.h>
#include <unistd.h>

#include "domain/vocab.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/case_items.h"
#include "store/case_people.h"
#include "store/cases.h"
#include "store/migrate.h"
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

/* ---- migration 024: victim contexts move to the HTCDS v2.0 lists ---- */

static int context_and_before(db_stmt *s, void *arg)
{
	fixture_text_add(arg, "%s|%s", db_col_is_null(s, 0) ? "-" : db_col_text(s, 0),
	                 db_col_is_null(s, 1) ? "-" : db_col_text(s, 1));
	return 0;
}

/* The context and the JSON kept from before the move, as "context|before". */
static void read_moved(db *d, const char *link, fixture_text *out)
{
	out->s[0] = '\0';
	const char *p[] = {link};
	assert_int_equal(db_each(d,
	                         "SELECT victim_context, victim_context_before_htcds FROM "
	                         "case_people WHERE id = $1",
	                         1, p, context_and_before, out),
	                 DB_OK);
}

/* Every value of the context is one of today's lists, and none twice. */
static void assert_in_the_lists(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	assert_non_null(j);
	const char *s = json_string_value(json_object_get(j, "method_of_recruitment"));
	assert_true(!s || vocab_find(&vocab_recruitment, s));
	s = json_string_value(json_object_get(j, "relationship_to_trafficker"));
	assert_true(!s || vocab_find(&vocab_relationships, s));
	const char *lists[] = {"methods_of_control", "types_of_exploitation"};
	const vocab *v[] = {&vocab_control, &vocab_exploitation};
	for (int l = 0; l < 2; l++) {
		json_t *a = json_object_get(j, lists[l]);
		for (size_t i = 0; i < json_array_size(a); i++) {
			const char *x = json_string_value(json_array_get(a, i));
			assert_non_null(vocab_find(v[l], x));
			for (size_t k = 0; k < i; k++)
				assert_string_not_equal(json_string_value(json_array_get(a, k)), x);
		}
	}
	json_decref(j);
}

static void test_old_victim_contexts_move_to_the_htcds_lists_keeping_what_they_held(void **state)
{
	(void)state;
	static const struct {
		const char *old, *now; /* now NULL: left as it was */
	} rows[] = {
	    /* Two old values of a list that become one are held once. */
	    {"{\"method_of_recruitment\":\"family_or_friends\",\"methods_of_control\":[\"threats\","
	     "\"restricts_movement\",\"other\",\"threat_of_law_enforcement\"],"
	     "\"relationship_to_trafficker\":\"other\",\"types_of_exploitation\":["
	     "\"slavery_and_similar\",\"forced_labour\",\"domestic_servitude\",\"forced_"
	     "criminality\"]}",
	     "{\"method_of_recruitment\":\"other\",\"methods_of_control\":[\"other\","
	     "\"physical_threats\",\"threats_law_enforcement\"],\"relationship_to_trafficker\":"
	     "\"other\",\"types_of_exploitation\":[\"servitude\",\"forced_labour\",\"other\"]}"},
	    {"{\"methods_of_control\":[\"threats_to_family\",\"psychoactive_substances\"],"
	     "\"types_of_exploitation\":[\"domestic_servitude\",\"slavery_and_similar\"]}",
	     "{\"methods_of_control\":[\"threatens_children_family\",\"psychoactive_substance\"],"
	     "\"types_of_exploitation\":[\"servitude\"]}"},
	    {"{\"method_of_recruitment\":null,\"methods_of_control\":[\"restricts_movement\"],"
	     "\"relationship_to_trafficker\":\"unknown\",\"types_of_exploitation\":["
	     "\"forced_military_service\",\"sexual_exploitation\"]}",
	     "{\"method_of_recruitment\":null,\"methods_of_control\":[\"other\"],"
	     "\"relationship_to_trafficker\":\"unknown\",\"types_of_exploitation\":["
	     "\"forced_military_by_non_state_actors\",\"sexual_exploitation\"]}"},
	    /* An unknown method of recruitment is no method recorded. */
	    {"{\"method_of_recruitment\":\"unknown\"}", "{}"},
	    {"{\"method_of_recruitment\":\"online\",\"relationship_to_trafficker\":\"stranger\"}",
	     "{\"method_of_recruitment\":\"other\",\"relationship_to_trafficker\":\"stranger\"}"},
	    /* Nothing to move: the row is as it was, with nothing kept. */
	    {"{\"methods_of_control\":[\"debt_bondage\",\"other\"],\"relationship_to_trafficker\":"
	     "\"employer\",\"types_of_exploitation\":[\"forced_labour\",\"other\"]}",
	     NULL},
	    {"{}", NULL},
	};
	enum { NROWS = sizeof rows / sizeof rows[0] };
	test_engine engines[2];
	int n = test_engines(engines);
	for (int e = 0; e < n; e++) {
		char case_id[37], other_case[37], links[NROWS][37], none[37];
		db *d = fixture_db_at(engines[e].name, 23);
		user_rec u;
		fixture_user_with_cases(d, &u, case_id, other_case);
		for (int i = 0; i < NROWS; i++) {
			fixture_old_part(d, &u, case_id, "Ion", "Rusu", "potential_victim", links[i]);
			assert_int_equal(store_victim_context_set(d, links[i], rows[i].old), DB_OK);
		}
		fixture_old_part(d, &u, case_id, "Ana", "Popa", "potential_victim", none);
		int64_t before = 0;
		assert_int_equal(
		    db_get_int(d, "SELECT SUM(version) FROM case_people", 0, NULL, &before),
		    DB_ROW);
		int applied = 0;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_true(applied >= 1);
		fixture_text out = {""};
		int moved = 0;
		for (int i = 0; i < NROWS; i++) {
			char want[1024];
			if (rows[i].now)
				snprintf(want, sizeof want, "%s|%s", rows[i].now, rows[i].old);
			else
				snprintf(want, sizeof want, "%s|-", rows[i].old);
			read_moved(d, links[i], &out);
			assert_string_equal(out.s, want);
			assert_in_the_lists(rows[i].now ? rows[i].now : rows[i].old);
			moved += rows[i].now != NULL;
		}
		read_moved(d, none, &out);
		assert_string_equal(out.s, "-|-");
		/* Each row moved is a new version, so a form read before is stale. */
		int64_t after = 0;
		assert_int_equal(
		    db_get_int(d, "SELECT SUM(version) FROM case_people", 0, NULL, &after), DB_ROW);
		assert_int_equal(after, before + moved);
		/* The store reads the new context; the working tables are gone. */
		arena *a = arena_new();
		out.s[0] = '\0';
		assert_int_equal(store_case_people(d, a, case_id, context_of, &out), DB_OK);
		assert_non_null(strstr(out.s, rows[0].now));
		arena_free(a);
		int count = 0;
		assert_int_not_equal(db_count(d, "SELECT 1 FROM htcds_024_parts", 0, NULL, &count),
		                     DB_OK);
		db_close(d);
	}
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
	    cmocka_unit_test(
	        test_old_victim_contexts_move_to_the_htcds_lists_keeping_what_they_held),
	    ENGINE_TEST(test_places_list_by_first_date_with_undated_last),
	    ENGINE_TEST(test_timeline_lists_the_cases_notes_newest_first),
	    ENGINE_TEST(test_timeline_stops_when_the_caller_answers_non_zero),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/case_items"), tests, NULL, NULL);
}
