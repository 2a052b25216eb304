/* Selectors, their matches, link notices and deconfliction contacts in the
 * store, on both engines. */
#include "unit/test.h"

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/selectors.h"
#include "support/engines.h"
#include "support/fixtures.h"

/* A selector of the case recorded by by, with the match key given. */
static void add(db *d, const user_rec *by, const char *case_id, const char *key, const char *person,
                char id[SECURE_ID_LEN])
{
	selector_rec s = {.case_id = case_id,
	                  .kind = "phone",
	                  .value = "\"07700 900123\"",
	                  .normalised = "+447700900123",
	                  .match_key = key,
	                  .about_person_id = person,
	                  .created_by = by->id};
	assert_int_equal(store_selector_add(d, &s), DB_OK);
	memcpy(id, s.id, SECURE_ID_LEN);
}

typedef struct seen {
	fixture_text t;
	int n;
} seen;

static int count_match(const selector_match *m, void *arg)
{
	seen *s = arg;
	s->n++;
	fixture_text_add(&s->t, "%s>%s;", m->own_id, m->other.case_id);
	return 0;
}

static void test_matches_are_in_other_cases_only(db *d)
{
	user_rec mine, theirs, far;
	fixture_three_teams(d, &mine, &theirs, &far);
	char c1[37], c2[37], a[37], b[37], x[37];
	fixture_case(d, &mine, "Car wash", c1);
	fixture_case(d, &far, "Farm", c2);
	add(d, &mine, c1, "k1", NULL, a);
	add(d, &mine, c1, "k1", NULL, b); /* the same twice in one case: no link */
	add(d, &far, c2, "k1", NULL, x);
	add(d, &far, c2, "k2", NULL, x);
	arena *ar = arena_new();
	seen s = {0};
	assert_int_equal(store_selector_matches(d, ar, c1, mine.id, count_match, &s), DB_OK);
	assert_int_equal(s.n, 2); /* a and b, each with c2's */
	assert_null(strstr(s.t.s, c1));
	int64_t n = 0;
	assert_int_equal(store_selector_match_count(d, "k1", c1, &n), DB_ROW);
	assert_int_equal(n, 1);
	assert_int_equal(store_selector_match_count(d, "k1", c2, &n), DB_ROW);
	assert_int_equal(n, 2);
	arena_free(ar);
}

static void test_a_pair_has_one_notice_whichever_side_raises_it(db *d)
{
	user_rec mine, theirs, far;
	fixture_three_teams(d, &mine, &theirs, &far);
	char c1[37], c2[37], a[37], x[37];
	fixture_case(d, &mine, "Car wash", c1);
	fixture_case(d, &far, "Farm", c2);
	add(d, &mine, c1, "k3", NULL, a);
	add(d, &far, c2, "k3", NULL, x);
	arena *ar = arena_new();
	link_notice_rec first, again, got;
	assert_int_equal(store_link_notice_raise(d, ar, a, x, a, mine.org_id, mine.id, &first),
	                 DB_OK);
	assert_int_equal(strlen(first.number), 12);
	/* The other side's look finds the same notice, still raised by the first. */
	assert_int_equal(store_link_notice_raise(d, ar, x, a, x, far.org_id, far.id, &again),
	                 DB_OK);
	assert_string_equal(again.number, first.number);
	assert_string_equal(again.raised_by_selector, a);
	assert_int_equal(store_link_notice_get(d, ar, first.number, &got), DB_ROW);
	assert_string_equal(got.other_selector, x);
	assert_string_equal(got.other_case_id, c2);
	assert_null(got.acknowledged_at);
	assert_int_equal(store_link_notice_get(d, ar, "LN-AAAA-AAAA", &got), DB_DONE);
	char at[32];
	assert_int_equal(store_link_notice_acknowledge(d, first.number, far.id, at), DB_OK);
	assert_int_equal(store_link_notice_acknowledge(d, first.number, far.id, at), DB_DONE);
	assert_int_equal(store_link_notice_get(d, ar, first.number, &got), DB_ROW);
	assert_string_equal(got.acknowledged_by, far.id);
	arena_free(ar);
}

static int count_work(const link_notice_work *w, void *arg)
{
	seen *s = arg;
	s->n++;
	fixture_text_add(&s->t, "%s/%s/%s;", w->number, w->case_id, w->raised_org_name);
	return 0;
}

static void test_work_is_the_unraised_sides_within_reach_until_acknowledged(db *d)
{
	user_rec mine, theirs, far;
	fixture_three_teams(d, &mine, &theirs, &far);
	char c1[37], c2[37], a[37], x[37];
	fixture_case(d, &mine, "Car wash", c1);
	fixture_case(d, &far, "Farm", c2);
	add(d, &mine, c1, "k4", NULL, a);
	add(d, &far, c2, "k4", NULL, x);
	arena *ar = arena_new();
	link_notice_rec n;
	assert_int_equal(store_link_notice_raise(d, ar, a, x, a, mine.org_id, mine.id, &n), DB_OK);
	store_reach far_team = {.team_id = far.team_id}, my_team = {.team_id = mine.team_id};
	seen s = {0};
	assert_int_equal(store_link_notice_work(d, ar, &far_team, count_work, &s), DB_OK);
	assert_int_equal(s.n, 1);
	assert_non_null(strstr(s.t.s, n.number));
	assert_non_null(strstr(s.t.s, c2));
	seen none = {0};
	assert_int_equal(store_link_notice_work(d, ar, &my_team, count_work, &none), DB_OK);
	assert_int_equal(none.n, 0); /* the raising side */
	char at[32];
	assert_int_equal(store_link_notice_acknowledge(d, n.number, far.id, at), DB_OK);
	seen after = {0};
	assert_int_equal(store_link_notice_work(d, ar, &far_team, count_work, &after), DB_OK);
	assert_int_equal(after.n, 0);
	arena_free(ar);
}

static void test_a_persons_part_says_whether_only_as_a_suspect(db *d)
{
	user_rec mine, theirs, far;
	fixture_three_teams(d, &mine, &theirs, &far);
	char c1[37], victim[37], suspect[37], s1[37];
	fixture_case(d, &mine, "Car wash", c1);
	fixture_part(d, &mine, c1, "Ana", "Victim", "potential_victim", victim, NULL);
	fixture_part(d, &mine, c1, "Ion", "Suspect", "suspect", suspect, NULL);
	int in = 0, only = 0;
	assert_int_equal(store_selector_person_part(d, c1, victim, &in, &only), DB_OK);
	assert_true(in && !only);
	assert_int_equal(store_selector_person_part(d, c1, suspect, &in, &only), DB_OK);
	assert_true(in && only);
	assert_int_equal(store_selector_person_part(d, c1, "no-such-person", &in, &only), DB_OK);
	assert_false(in);
	add(d, &mine, c1, "k5", suspect, s1);
	arena *ar = arena_new();
	selector_rec got;
	assert_int_equal(store_selector_get(d, ar, s1, &got), DB_ROW);
	assert_true(got.about_suspect_only);
	assert_string_equal(got.about_family_name, "Suspect");
	/* Also a witness in the case: no longer a suspect only. */
	assert_int_equal(fixture_link(d, &mine, c1, suspect, "witness", NULL), DB_OK);
	assert_int_equal(store_selector_get(d, ar, s1, &got), DB_ROW);
	assert_false(got.about_suspect_only);
	arena_free(ar);
}

static void test_a_contact_is_set_naming_the_version_read(db *d)
{
	user_rec mine, theirs, far;
	fixture_three_teams(d, &mine, &theirs, &far);
	arena *ar = arena_new();
	deconfliction_rec c;
	assert_int_equal(store_deconfliction_get(d, ar, mine.org_id, &c), DB_DONE);
	assert_int_equal(c.version, 0);
	int64_t v = 0;
	assert_int_equal(
	    store_deconfliction_put(d, mine.org_id, "Desk", "01632 960 000", mine.id, &v), DB_OK);
	assert_int_equal(v, 1);
	int64_t stale = 0;
	assert_int_equal(store_deconfliction_put(d, mine.org_id, "Other", "x", mine.id, &stale),
	                 DB_DONE);
	stale = 7;
	assert_int_equal(store_deconfliction_put(d, mine.org_id, "Other", "x", mine.id, &stale),
	                 DB_DONE);
	assert_int_equal(
	    store_deconfliction_put(d, mine.org_id, "Desk two", "01632 960 001", mine.id, &v),
	    DB_OK);
	assert_int_equal(v, 2);
	assert_int_equal(store_deconfliction_get(d, ar, mine.org_id, &c), DB_ROW);
	assert_string_equal(c.role, "Desk two");
	assert_int_equal(c.version, 2);
	arena_free(ar);
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_matches_are_in_other_cases_only),
	    ENGINE_TEST(test_a_pair_has_one_notice_whichever_side_raises_it),
	    ENGINE_TEST(test_work_is_the_unraised_sides_within_reach_until_acknowledged),
	    ENGINE_TEST(test_a_persons_part_says_whether_only_as_a_suspect),
	    ENGINE_TEST(test_a_contact_is_set_naming_the_version_read),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/selectors"), tests, NULL, NULL);
}
