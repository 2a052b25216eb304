/* Missing episodes in the store, on both engines: one open episode per
 * person; the currently missing list in its order and within reach; each
 * kind of worklist row, only of episodes owned within reach and of people
 * the user sees, the supervisor's high-risk row within deciding reach; the
 * repeat pattern at the window's edge and the screening that answers it;
 * merged records counted together; a force's intervals, versioned. */
#include "unit/test.h"

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/case_people.h"
#include "store/missing.h"
#include "support/engines.h"
#include "support/fixtures.h"

static user_rec mine, theirs, far;

static void world_open(db *d)
{
	fixture_three_teams(d, &mine, &theirs, &far);
}

/* An episode of the person reported by by, last seen and reported at
 * start, graded risk, due for review at review_due: its id. */
static void add_episode(db *d, const user_rec *by, const char *person, const char *start, const char *risk,
			char id[SECURE_ID_LEN])
{
	episode_rec e = {0};
	snprintf(e.person_id, sizeof e.person_id, "%s", person);
	snprintf(e.org_id, sizeof e.org_id, "%s", by->org_id);
	snprintf(e.team_id, sizeof e.team_id, "%s", by->team_id);
	snprintf(e.reported_by, sizeof e.reported_by, "%s", by->id);
	e.reported_at = e.last_seen_at = start;
	e.last_seen_place = "Bus station";
	e.risk = risk;
	e.review_due = "2030-01-01T00:00:00.000Z";
	assert_int_equal(store_episode_add(d, &e), DB_OK);
	snprintf(id, SECURE_ID_LEN, "%s", e.id);
}

static void come_back(db *d, const char *id, const char *at, int child)
{
	arena *a = arena_new();
	episode_rec e;
	assert_int_equal(store_episode_get(d, a, id, &e), DB_ROW);
	e.returned_at = at;
	e.found_by = "police";
	e.where_found = "Home";
	e.child_on_return = child;
	e.interview_due = child ? "2030-01-04T00:00:00.000Z" : NULL;
	e.safe_well_due = "2030-01-02T00:00:00.000Z";
	assert_int_equal(store_episode_return(d, &e), DB_OK);
	e.version = 1; /* stale now */
	assert_int_equal(store_episode_return(d, &e), DB_DONE);
	arena_free(a);
}

static store_reach team_reach(const user_rec *u)
{
	return (store_reach){.own_id = u->id, .user_id = u->id, .team_id = u->team_id};
}

static missing_seen seen_as(const user_rec *u, int suspects)
{
	missing_seen m = {.person = team_reach(u)};
	if (suspects)
		m.suspect = team_reach(u);
	return m;
}

/* "kind:label;" of each worklist row, sorted, for rows whose record (an
 * episode; the person, for a screening) is one of the labelled ids. */
typedef struct rows {
	char text[1024];
	const char *ids[8], *labels[8];
	int n;
} rows;

static int add_row(const work_row *r, void *arg)
{
	rows *x = arg;
	for (int i = 0; i < x->n; i++)
		if (strcmp(r->record_id, x->ids[i]) == 0) {
			size_t at = strlen(x->text);
			snprintf(x->text + at, sizeof x->text - at, "%s:%s;", r->kind, x->labels[i]);
			return 0;
		}
	return 0;
}

static const char *work(db *d, const store_reach *reach, const store_reach *deciding, const missing_seen *seen,
			rows *x)
{
	x->text[0] = '\0';
	assert_int_equal(store_missing_work(d, reach, deciding, seen, "2025-01-01T00:00:00.000Z", add_row, x), DB_OK);
	/* Sort the ;-separated parts so the store's order does not matter. */
	char *parts[32];
	int n = 0;
	static char sorted[1024];
	char copy[1024];
	snprintf(copy, sizeof copy, "%s", x->text);
	for (char *p = strtok(copy, ";"); p && n < 32; p = strtok(NULL, ";"))
		parts[n++] = p;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(parts[j - 1], parts[j]) > 0; j--) {
			char *t = parts[j];
			parts[j] = parts[j - 1];
			parts[j - 1] = t;
		}
	sorted[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t at = strlen(sorted);
		snprintf(sorted + at, sizeof sorted - at, "%s;", parts[i]);
	}
	return sorted;
}

static void test_a_person_is_missing_once_at_a_time(db *d)
{
	char p[37], one[SECURE_ID_LEN], two[SECURE_ID_LEN];
	fixture_person(d, &mine, "Kai", "Doyle", p);
	add_episode(d, &mine, p, "2025-03-01T10:00:00.000Z", "low", one);
	episode_rec e = {0};
	snprintf(e.person_id, sizeof e.person_id, "%s", p);
	snprintf(e.org_id, sizeof e.org_id, "%s", mine.org_id);
	snprintf(e.reported_by, sizeof e.reported_by, "%s", mine.id);
	e.reported_at = e.last_seen_at = "2025-03-02T10:00:00.000Z";
	e.last_seen_place = "Park";
	e.risk = "low";
	assert_int_equal(store_episode_add(d, &e), DB_CONSTRAINT);
	come_back(d, one, "2025-03-01T12:00:00.000Z", 1);
	add_episode(d, &mine, p, "2025-03-02T10:00:00.000Z", "low", two);
	missing_summary m;
	assert_int_equal(store_missing_summary(d, p, "2025-01-01T00:00:00.000Z", &m), DB_OK);
	assert_int_equal(m.episodes_in_window, 2);
	assert_string_equal(m.open_episode_id, two);
}

static size_t nlisted;
static char listed[4][64];

static int list_one(const episode_rec *e, void *arg)
{
	(void)arg;
	if (nlisted < 4)
		snprintf(listed[nlisted], sizeof listed[0], "%s/%s", e->given_names, e->risk);
	nlisted++;
	return 0;
}

static void test_the_currently_missing_come_highest_risk_then_longest_missing_first(db *d)
{
	char a[37], b[37], c[37], x[37], id[SECURE_ID_LEN];
	fixture_person(d, &mine, "Amy", "Low", a);
	fixture_person(d, &mine, "Ben", "High", b);
	fixture_person(d, &mine, "Cal", "Highest", c);
	fixture_person(d, &theirs, "Xan", "Theirs", x);
	add_episode(d, &mine, a, "2025-03-01T10:00:00.000Z", "low", id);
	add_episode(d, &mine, b, "2025-03-03T10:00:00.000Z", "high", id);
	add_episode(d, &mine, c, "2025-03-02T10:00:00.000Z", "high", id);
	add_episode(d, &theirs, x, "2025-03-01T09:00:00.000Z", "high", id);
	arena *ar = arena_new();
	store_reach r = team_reach(&mine);
	missing_seen s = seen_as(&mine, 1);
	size_t total = 0;
	nlisted = 0;
	assert_int_equal(store_episodes_in_reach(d, ar, &r, &s, 0, 2, 0, &total, list_one, NULL), DB_OK);
	assert_int_equal(total, 3);
	assert_int_equal(nlisted, 2);
	assert_string_equal(listed[0], "Cal/high");
	assert_string_equal(listed[1], "Ben/high");
	nlisted = 0;
	assert_int_equal(store_episodes_in_reach(d, ar, &r, &s, 0, 2, 2, &total, list_one, NULL), DB_OK);
	assert_int_equal(nlisted, 1);
	assert_string_equal(listed[0], "Amy/low");
	/* Returned ones are the other list. */
	nlisted = 0;
	assert_int_equal(store_episodes_in_reach(d, ar, &r, &s, 1, 10, 0, &total, list_one, NULL), DB_OK);
	assert_int_equal(total, 0);
	arena_free(ar);
}

static void test_worklist_rows_keep_to_the_reach_and_to_people_seen(db *d)
{
	char kid[37], adult[37], suspect[37], theirs_kid[37], case_id[37];
	char e_kid[SECURE_ID_LEN], e_adult[SECURE_ID_LEN], e_sus[SECURE_ID_LEN], e_theirs[SECURE_ID_LEN];
	fixture_person(d, &mine, "Kid", "Mine", kid);
	fixture_person(d, &mine, "Adult", "Mine", adult);
	fixture_case(d, &mine, "Car wash", case_id);
	fixture_part(d, &mine, case_id, "Sus", "Pect", "suspect", suspect, NULL);
	fixture_person(d, &theirs, "Kid", "Theirs", theirs_kid);
	add_episode(d, &mine, kid, "2025-03-01T10:00:00.000Z", "medium", e_kid);
	come_back(d, e_kid, "2025-03-01T12:00:00.000Z", 1);
	add_episode(d, &mine, adult, "2025-03-01T10:00:00.000Z", "high", e_adult);
	add_episode(d, &mine, suspect, "2025-03-01T10:00:00.000Z", "high", e_sus);
	add_episode(d, &theirs, theirs_kid, "2025-03-01T10:00:00.000Z", "high", e_theirs);
	rows x = {.ids = {e_kid, e_adult, e_sus, e_theirs}, .labels = {"kid", "adult", "suspect", "theirs"}, .n = 4};
	store_reach reach = team_reach(&mine), none = {0};
	missing_seen seen = seen_as(&mine, 1), no_suspects = seen_as(&mine, 0);
	assert_string_equal(work(d, &reach, &none, &seen, &x),
			    "missing_review_due:adult;missing_review_due:suspect;return_interview:kid;"
			    "safe_and_well_due:kid;");
	/* A supervisor of the team is told of high risk. */
	assert_string_equal(work(d, &reach, &reach, &seen, &x),
			    "missing_high_risk:adult;missing_high_risk:suspect;missing_review_due:adult;"
			    "missing_review_due:suspect;return_interview:kid;safe_and_well_due:kid;");
	/* Who never sees suspects never sees the suspect's episode. */
	assert_string_equal(work(d, &reach, &reach, &no_suspects, &x),
			    "missing_high_risk:adult;missing_review_due:adult;return_interview:kid;"
			    "safe_and_well_due:kid;");
	/* An episode the team owns of a person it does not see is not shown. */
	missing_seen theirs_only = seen_as(&theirs, 1);
	assert_string_equal(work(d, &reach, &none, &theirs_only, &x), "");
	/* The recorded check and interview close their rows. */
	safe_well_rec s = {0};
	snprintf(s.episode_id, sizeof s.episode_id, "%s", e_kid);
	snprintf(s.recorded_by, sizeof s.recorded_by, "%s", mine.id);
	s.checked_at = "2025-03-01T13:00:00.000Z";
	s.officer = "PC Hart";
	s.place = "Home";
	assert_int_equal(store_safe_well_add(d, &s), DB_OK);
	assert_int_equal(store_safe_well_add(d, &s), DB_CONSTRAINT);
	interview_rec i = {0};
	snprintf(i.episode_id, sizeof i.episode_id, "%s", e_kid);
	snprintf(i.org_id, sizeof i.org_id, "%s", mine.org_id);
	snprintf(i.recorded_by, sizeof i.recorded_by, "%s", mine.id);
	i.held_at = "2025-03-02T10:00:00.000Z";
	i.accepted = 1;
	assert_int_equal(store_interview_add(d, &i), DB_OK);
	assert_string_equal(work(d, &reach, &none, &seen, &x), "missing_review_due:adult;missing_review_due:suspect;");
}

static void test_three_episodes_in_the_window_ask_for_a_screening_until_one_is_recorded(db *d)
{
	char p[37], id[SECURE_ID_LEN];
	fixture_person(d, &mine, "Ava", "Quinn", p);
	/* The window starts at 2025-01-01T00:00:00.000Z: one a millisecond
	 * before it, two inside it, the edge itself counting. */
	const char *starts[] = {"2024-12-31T23:59:59.999Z", "2025-01-01T00:00:00.000Z", "2025-02-01T10:00:00.000Z"};
	for (int k = 0; k < 3; k++) {
		add_episode(d, &mine, p, starts[k], "low", id);
		come_back(d, id, "2025-02-02T00:00:00.000Z", 0);
	}
	rows x = {.ids = {p}, .labels = {"ava"}, .n = 1};
	store_reach reach = team_reach(&mine), none = {0};
	missing_seen seen = seen_as(&mine, 1);
	assert_string_equal(work(d, &reach, &none, &seen, &x), "");
	add_episode(d, &mine, p, "2025-03-01T10:00:00.000Z", "low", id);
	come_back(d, id, "2025-03-01T12:00:00.000Z", 0);
	assert_string_equal(work(d, &reach, &none, &seen, &x), "exploitation_screening:ava;");
	missing_summary m;
	assert_int_equal(store_missing_summary(d, p, "2025-01-01T00:00:00.000Z", &m), DB_OK);
	assert_int_equal(m.episodes_in_window, 3);
	assert_false(m.screened);
	screening_rec s = {0};
	snprintf(s.person_id, sizeof s.person_id, "%s", p);
	snprintf(s.recorded_by, sizeof s.recorded_by, "%s", mine.id);
	s.screened_on = "2025-03-02";
	s.indicators = "[]";
	s.outcome = "no_concerns";
	assert_int_equal(store_screening_add(d, &s), DB_OK);
	assert_string_equal(work(d, &reach, &none, &seen, &x), "");
	assert_int_equal(store_missing_summary(d, p, "2025-01-01T00:00:00.000Z", &m), DB_OK);
	assert_true(m.screened);
}

static void test_a_merged_record_counts_with_the_one_it_joined(db *d)
{
	char a[37], b[37], id[SECURE_ID_LEN];
	fixture_person(d, &mine, "Chloe", "Adeyemi", a);
	fixture_person(d, &mine, "Chloe", "Adeyemmi", b);
	add_episode(d, &mine, a, "2025-02-01T10:00:00.000Z", "low", id);
	come_back(d, id, "2025-02-02T00:00:00.000Z", 1);
	add_episode(d, &mine, b, "2025-02-10T10:00:00.000Z", "low", id);
	int moved = 0;
	assert_int_equal(store_person_merge(d, b, a, mine.id, &moved), DB_OK);
	missing_summary m;
	assert_int_equal(store_missing_summary(d, a, "2025-01-01T00:00:00.000Z", &m), DB_OK);
	assert_int_equal(m.episodes_in_window, 2);
	assert_string_equal(m.open_episode_id, id);
}

static void test_a_force_keeps_its_intervals_by_version(db *d)
{
	int hours[RISK_COUNT], sw = 0;
	int64_t v = -1;
	assert_int_equal(store_missing_settings(d, mine.org_id, hours, &sw, &v), DB_DONE);
	int want[RISK_COUNT] = {48, 12, 6, 2};
	v = 0;
	assert_int_equal(store_missing_settings_put(d, mine.org_id, want, 12, &v), DB_OK);
	assert_int_equal(v, 1);
	int64_t stale = 0;
	assert_int_equal(store_missing_settings_put(d, mine.org_id, want, 12, &stale), DB_DONE);
	assert_int_equal(store_missing_settings(d, mine.org_id, hours, &sw, &v), DB_ROW);
	assert_int_equal(hours[RISK_HIGH], 2);
	assert_int_equal(hours[RISK_NO_APPARENT], 48);
	assert_int_equal(sw, 12);
	assert_int_equal(v, 1);
	v = 1;
	want[RISK_HIGH] = 3;
	assert_int_equal(store_missing_settings_put(d, mine.org_id, want, 24, &v), DB_OK);
	assert_int_equal(v, 2);
	/* Another force's are its own. */
	assert_int_equal(store_missing_settings(d, far.org_id, hours, &sw, &v), DB_DONE);
}

int main(void)
{
	secure_init();
	test_world_set(world_open, NULL);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_a_person_is_missing_once_at_a_time),
	    ENGINE_TEST(test_the_currently_missing_come_highest_risk_then_longest_missing_first),
	    ENGINE_TEST(test_worklist_rows_keep_to_the_reach_and_to_people_seen),
	    ENGINE_TEST(test_three_episodes_in_the_window_ask_for_a_screening_until_one_is_recorded),
	    ENGINE_TEST(test_a_merged_record_counts_with_the_one_it_joined),
	    ENGINE_TEST(test_a_force_keeps_its_intervals_by_version),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/missing"), tests, NULL, NULL);
}
