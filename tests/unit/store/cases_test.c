/* Cases, their allocations and the history of changes in the store, on both
 * engines: references, versions, the list's order, pages, sorts, filters and reach. */
#include "unit/test.h"

#include <unistd.h>

#include "domain/names.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/migrate.h"
#include "store/staff.h"
#include "support/engines.h"
#include "support/fixtures.h"

typedef struct titles {
	char text[512];
} titles;

static int collect(const case_rec *c, void *arg)
{
	titles *t = arg;
	size_t len = strlen(t->text);
	snprintf(t->text + len, sizeof t->text - len, "%s;", c->title);
	return 0;
}

/* The titles of the cases the filter lists, in order; answers the total. */
static int64_t list(db *d, const case_filter *f, char out[512])
{
	arena *a = arena_new();
	titles t = {.text = ""};
	int64_t total = -1;
	assert_int_equal(store_case_list(d, a, f, &total, collect, &t), DB_OK);
	snprintf(out, 512, "%s", t.text);
	arena_free(a);
	return total;
}

static void test_case_create_numbers_each_year_from_one_and_reads_back(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec a = fixture_case_rec(&u, "First"), b = fixture_case_rec(&u, "Second"),
	         c = fixture_case_rec(&u, "Third");
	a.county_lines = 1;
	assert_int_equal(store_case_create(d, &a, 2025, "first"), DB_OK);
	assert_int_equal(store_case_create(d, &b, 2025, "second"), DB_OK);
	assert_int_equal(store_case_create(d, &c, 2026, "third"), DB_OK);
	assert_string_equal(a.reference, "MS-2025-00001");
	assert_string_equal(b.reference, "MS-2025-00002");
	assert_string_equal(c.reference, "MS-2026-00001");
	assert_int_equal(a.version, 1);
	assert_string_equal(a.created_at, a.updated_at);
	assert_string_not_equal(a.id, b.id);

	arena *ar = arena_new();
	case_rec got;
	assert_int_equal(store_case_get(d, ar, a.id, &got), DB_ROW);
	assert_string_equal(got.reference, "MS-2025-00001");
	assert_string_equal(got.title, "First");
	assert_string_equal(got.summary, "");
	assert_string_equal(got.status, "investigating");
	assert_null(got.outcome);
	assert_string_equal(got.exploitation_types, "[\"labour\"]");
	assert_string_equal(got.offences, "{\"codes\":[],\"other\":null}");
	assert_int_equal(got.county_lines, 1);
	assert_string_equal(got.team_id, u.team_id);
	assert_string_equal(got.team_name, "EMT");
	assert_string_equal(got.org_id, u.org_id);
	assert_string_equal(got.created_by, u.id);
	assert_string_equal(got.created_at, a.created_at);
	assert_int_equal(got.version, 1);
	assert_null(got.lead_name);
	assert_int_equal(store_case_get(d, ar, b.id, &got), DB_ROW);
	assert_int_equal(got.county_lines, 0);
	assert_int_equal(store_case_get(d, ar, "no-such-case", &got), DB_DONE);
	int64_t n = 0;
	assert_int_equal(store_case_count(d, &n), DB_OK);
	assert_int_equal(n, 3);
	arena_free(ar);
}

static void test_case_create_refuses_once_a_years_references_are_used_up(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec c = fixture_case_rec(&u, "Last");
	const char *p[] = {"2025"};
	assert_int_equal(db_run(d,
	                        "INSERT INTO case_refs (year, last) VALUES "
	                        "(CAST($1 AS INTEGER), 99998)",
	                        1, p),
	                 DB_OK);
	assert_int_equal(store_case_create(d, &c, 2025, "last"), DB_OK);
	assert_string_equal(c.reference, "MS-2025-99999");
	case_rec over = fixture_case_rec(&u, "Over");
	assert_int_equal(store_case_create(d, &over, 2025, "over"), DB_CONSTRAINT);
	/* Another year still numbers from one. */
	assert_int_equal(store_case_create(d, &over, 2026, "over"), DB_OK);
	assert_string_equal(over.reference, "MS-2026-00001");
	int64_t n = 0;
	assert_int_equal(store_case_count(d, &n), DB_OK);
	assert_int_equal(n, 2);
}

static void test_case_create_with_an_unknown_team_or_status_is_refused(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec c = fixture_case_rec(&u, "Nowhere");
	snprintf(c.team_id, sizeof c.team_id, "no-such-team");
	assert_int_equal(store_case_create(d, &c, 2025, "nowhere"), DB_CONSTRAINT);
	c = fixture_case_rec(&u, "Odd");
	c.status = "pending";
	assert_int_equal(store_case_create(d, &c, 2025, "odd"), DB_CONSTRAINT);
	int64_t n = -1;
	assert_int_equal(store_case_count(d, &n), DB_OK);
	assert_int_equal(n, 0);
}

static void test_case_update_writes_the_fields_and_moves_the_version_on(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec c;
	fixture_case_dated(d, &u, "Before", "2025-01-01T00:00:00.000Z", &c);
	c.title = "After";
	c.summary = "Found at a car wash";
	c.status = "closed";
	c.outcome = "charged";
	c.exploitation_types = "[\"labour\",\"criminal\"]";
	c.county_lines = 1;
	assert_int_equal(store_case_update(d, &c, "after car wash"), DB_OK);
	assert_int_equal(c.version, 2);
	assert_true(strcmp(c.updated_at, c.created_at) > 0);
	arena *a = arena_new();
	case_rec got;
	assert_int_equal(store_case_get(d, a, c.id, &got), DB_ROW);
	assert_string_equal(got.title, "After");
	assert_string_equal(got.summary, "Found at a car wash");
	assert_string_equal(got.status, "closed");
	assert_string_equal(got.outcome, "charged");
	assert_string_equal(got.exploitation_types, "[\"labour\",\"criminal\"]");
	assert_int_equal(got.county_lines, 1);
	assert_int_equal(got.version, 2);
	assert_string_equal(got.updated_at, c.updated_at);
	assert_string_equal(got.created_at, "2025-01-01T00:00:00.000Z");
	assert_string_equal(got.reference, c.reference);
	arena_free(a);
}

static void test_case_update_with_a_stale_version_changes_nothing(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec first;
	fixture_case_dated(d, &u, "Original", NULL, &first);
	case_rec second = first;
	first.title = "First editor";
	assert_int_equal(store_case_update(d, &first, "first editor"), DB_OK);
	second.title = "Second editor";
	second.status = "closed";
	assert_int_equal(store_case_update(d, &second, "second editor"), DB_DONE);
	assert_int_equal(second.version, 1);
	arena *a = arena_new();
	case_rec got;
	assert_int_equal(store_case_get(d, a, first.id, &got), DB_ROW);
	assert_string_equal(got.title, "First editor");
	assert_string_equal(got.status, "investigating");
	assert_int_equal(got.version, 2);
	/* Nor is the search text the stale writer's. */
	char out[512];
	case_filter f = {.reach = {.team_id = u.team_id}, .words = {"second"}, .limit = 10};
	list(d, &f, out);
	assert_string_equal(out, "");
	arena_free(a);
}

static void test_case_update_of_an_unknown_case_is_done(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec c = fixture_case_rec(&u, "Ghost");
	snprintf(c.id, sizeof c.id, "no-such-case");
	c.version = 1;
	assert_int_equal(store_case_update(d, &c, "ghost"), DB_DONE);
}

static void test_case_update_to_an_unknown_team_is_refused(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec c;
	fixture_case_dated(d, &u, "Stays", NULL, &c);
	snprintf(c.team_id, sizeof c.team_id, "no-such-team");
	assert_int_equal(store_case_update(d, &c, "stays"), DB_CONSTRAINT);
	arena *a = arena_new();
	case_rec got;
	assert_int_equal(store_case_get(d, a, c.id, &got), DB_ROW);
	assert_string_equal(got.team_id, u.team_id);
	assert_int_equal(got.version, 1);
	arena_free(a);
}

static void test_case_update_given_to_another_team_moves_it_out_of_the_old_teams_list(db *d)
{
	user_rec emt, cid;
	fixture_user(d, "emt", "investigator", "Force", "EMT", &emt);
	fixture_user(d, "cid", "investigator", "Force", "CID", &cid);
	case_rec c;
	fixture_case_dated(d, &emt, "Moving", NULL, &c);
	memcpy(c.team_id, cid.team_id, 37);
	assert_int_equal(store_case_update(d, &c, "moving"), DB_OK);
	arena *a = arena_new();
	case_rec got;
	assert_int_equal(store_case_get(d, a, c.id, &got), DB_ROW);
	assert_string_equal(got.team_name, "CID");
	char out[512];
	case_filter f = {.reach = {.team_id = emt.team_id}, .limit = 10};
	list(d, &f, out);
	assert_string_equal(out, "");
	f.reach.team_id = cid.team_id;
	list(d, &f, out);
	assert_string_equal(out, "Moving;");
	arena_free(a);
}

static void test_team_org_names_the_teams_organisation(db *d)
{
	user_rec a, b;
	fixture_user(d, "a", "investigator", "A Force", "EMT", &a);
	fixture_user(d, "b", "investigator", "B Force", "EMT", &b);
	char org[37] = "";
	assert_int_equal(store_team_org(d, a.team_id, org), DB_ROW);
	assert_string_equal(org, a.org_id);
	assert_int_equal(store_team_org(d, b.team_id, org), DB_ROW);
	assert_string_equal(org, b.org_id);
	assert_int_equal(store_team_org(d, "no-such-team", org), DB_DONE);
}

static void test_case_allocated_holds_only_for_the_allocated_user_and_case(db *d)
{
	user_rec lead, other;
	fixture_user(d, "lead", "investigator", "Force", "EMT", &lead);
	fixture_user(d, "other", "investigator", "Force", "EMT", &other);
	case_rec mine, theirs;
	fixture_case_dated(d, &lead, "Mine", NULL, &mine);
	fixture_case_dated(d, &lead, "Theirs", NULL, &theirs);
	fixture_lead(d, mine.id, &lead, NULL, &lead, NULL);
	int yes = -1;
	assert_int_equal(store_case_allocated(d, mine.id, lead.id, &yes), DB_OK);
	assert_int_equal(yes, 1);
	assert_int_equal(store_case_allocated(d, mine.id, other.id, &yes), DB_OK);
	assert_int_equal(yes, 0);
	assert_int_equal(store_case_allocated(d, theirs.id, lead.id, &yes), DB_OK);
	assert_int_equal(yes, 0);
	/* Reads name the lead once the case has one. */
	arena *a = arena_new();
	case_rec got;
	assert_int_equal(store_case_get(d, a, mine.id, &got), DB_ROW);
	assert_string_equal(got.lead_name, "DC lead");
	assert_int_equal(store_case_get(d, a, theirs.id, &got), DB_ROW);
	assert_null(got.lead_name);
	arena_free(a);
}

static void test_case_list_is_most_recently_updated_first(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec c1, c2, c3;
	fixture_case_dated(d, &u, "January", "2025-01-01T00:00:00.000Z", &c1);
	fixture_case_dated(d, &u, "March", "2025-03-01T00:00:00.000Z", &c3);
	fixture_case_dated(d, &u, "February", "2025-02-01T00:00:00.000Z", &c2);
	char out[512];
	case_filter f = {.reach = {.team_id = u.team_id}, .limit = 10};
	list(d, &f, out);
	assert_string_equal(out, "March;February;January;");
	/* A change brings a case to the top. */
	assert_int_equal(store_case_update(d, &c1, "january"), DB_OK);
	list(d, &f, out);
	assert_string_equal(out, "January;March;February;");
	f.limit = 2;
	list(d, &f, out);
	assert_string_equal(out, "January;March;");
}

static void test_case_list_pages_without_gaps_or_repeats_and_counts_the_whole(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	/* Five cases, three of them updated at one moment: the order splits
	 * that moment by id, so no page loses or repeats one. */
	static const struct {
		const char *title, *at;
	} made[] = {
	    {"A", "2025-01-01T00:00:00.000Z"}, {"B", "2025-01-02T00:00:00.000Z"},
	    {"C", "2025-01-02T00:00:00.000Z"}, {"D", "2025-01-02T00:00:00.000Z"},
	    {"E", "2025-01-03T00:00:00.000Z"},
	};
	case_rec c;
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
		fixture_case_dated(d, &u, made[i].title, made[i].at, &c);
	char whole[512];
	case_filter f = {.reach = {.team_id = u.team_id}, .limit = 10};
	assert_int_equal(list(d, &f, whole), 5);
	assert_int_equal(strlen(whole), 10);
	assert_int_equal(whole[0], 'E');
	assert_int_equal(whole[8], 'A');
	for (int size = 1; size <= 4; size++) {
		char paged[512] = "", one[512];
		case_filter p = {.reach = {.team_id = u.team_id}, .limit = size};
		for (p.offset = 0; p.offset < 5; p.offset += size) {
			assert_int_equal(list(d, &p, one), 5);
			strcat(paged, one);
		}
		assert_string_equal(paged, whole);
		assert_int_equal(list(d, &p, one), 0); /* past the end */
		assert_string_equal(one, "");
	}
}

/* Every sort orders the whole result, not one page of it, and turns round. */
static void test_case_list_sorts_the_whole_result(db *d)
{
	user_rec u, lead_a, lead_b;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	fixture_user_as(d, "dc.a", "DC Aled", "investigator", "Force", "EMT", &lead_a);
	fixture_user_as(d, "dc.b", "DC Bea", "investigator", "Force", "EMT", &lead_b);
	static const struct {
		const char *title, *status, *at;
	} made[] = {
	    {"nail bar", "court", "2025-01-03T00:00:00.000Z"},
	    {"Car wash", "new", "2025-01-01T00:00:00.000Z"},
	    {"Farm", "investigating", "2025-01-02T00:00:00.000Z"},
	};
	case_rec c[3];
	for (size_t i = 0; i < 3; i++) {
		c[i] = fixture_case_rec(&u, made[i].title);
		c[i].status = made[i].status;
		snprintf(c[i].created_at, sizeof c[i].created_at, "%s", made[i].at);
		assert_int_equal(store_case_create(d, &c[i], 2025, made[i].title), DB_OK);
	}
	fixture_lead(d, c[0].id, &lead_b, NULL, &u, NULL);
	fixture_lead(d, c[2].id, &lead_a, NULL, &u, NULL);
	const struct {
		case_sort sort;
		const char *want, *reversed;
	} rows[] = {
	    {CASE_SORT_CREATED, "nail bar;Farm;Car wash;", "Car wash;Farm;nail bar;"},
	    {CASE_SORT_REFERENCE, "nail bar;Car wash;Farm;", "Farm;Car wash;nail bar;"},
	    {CASE_SORT_TITLE, "Car wash;Farm;nail bar;", "nail bar;Farm;Car wash;"}, /* whatever the case */
	    {CASE_SORT_STATUS, "Car wash;Farm;nail bar;", "nail bar;Farm;Car wash;"}, /* new to court */
	    {CASE_SORT_LEAD, "Car wash;Farm;nail bar;", "nail bar;Farm;Car wash;"}, /* nobody, Aled, Bea */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char out[512];
		for (int r = 0; r < 2; r++) {
			case_filter f = {.reach = {.team_id = u.team_id}, .limit = 2, .sort = rows[i].sort, .reverse = r};
			char all[512] = "";
			for (f.offset = 0; f.offset < 3; f.offset += 2) {
				assert_int_equal(list(d, &f, out), 3);
				strcat(all, out);
			}
			const char *want = r ? rows[i].reversed : rows[i].want;
			if (strcmp(all, want) != 0)
				fail_msg("%s, sort %d%s: got \"%s\", want \"%s\"", test_engine_now(), rows[i].sort,
					 r ? " reversed" : "", all, want);
		}
	}
}

/* My cases, those I lead, those nobody leads, my team's. */
static void test_case_list_shows_whose_cases_were_asked_for(db *d)
{
	user_rec me, mate, other;
	fixture_user(d, "dc.me", "investigator", "Force", "EMT", &me);
	fixture_user(d, "dc.mate", "investigator", "Force", "EMT", &mate);
	fixture_user(d, "dc.other", "investigator", "Force", "CID", &other);
	case_rec led, mates, unled, closed, theirs;
	fixture_case_dated(d, &me, "Led", "2025-01-05T00:00:00.000Z", &led);
	fixture_case_dated(d, &mate, "Mate's", "2025-01-04T00:00:00.000Z", &mates);
	fixture_case_dated(d, &me, "Unled", "2025-01-03T00:00:00.000Z", &unled);
	fixture_case_dated(d, &me, "Closed", "2025-01-02T00:00:00.000Z", &closed);
	fixture_case_dated(d, &other, "Theirs", "2025-01-01T00:00:00.000Z", &theirs);
	fixture_lead(d, led.id, &me, NULL, &me, NULL);
	fixture_lead(d, mates.id, &mate, NULL, &me, NULL);
	fixture_lead(d, theirs.id, &other, NULL, &other, NULL);
	fixture_case_close(d, closed.id);
	const struct {
		case_show show;
		const char *want;
	} rows[] = {
	    {CASE_SHOW_ALL, "Closed;Led;Mate's;Unled;Theirs;"}, /* closing is the latest change */
	    {CASE_SHOW_MINE, "Led;"},
	    {CASE_SHOW_LEADING, "Led;"},
	    {CASE_SHOW_UNALLOCATED, "Unled;"}, /* closed cases need nobody */
	    {CASE_SHOW_TEAM, "Closed;Led;Mate's;Unled;"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char out[512];
		case_filter f = {.reach = {.org_id = me.org_id}, .limit = 10, .show = rows[i].show, .user_id = me.id,
				 .team_of = me.team_id};
		list(d, &f, out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s, show %d: got \"%s\", want \"%s\"", test_engine_now(), rows[i].show, out,
				 rows[i].want);
	}
}

/* A person with their name indexed, as the API records them, in the case. */
static void named_part(db *d, const user_rec *by, const char *case_id, const char *given, const char *family,
		       const char *role)
{
	person_rec p = fixture_person_rec(by, given, family);
	char whole[200];
	snprintf(whole, sizeof whole, "%s %s", given, family);
	name_tokens t;
	names_tokenize(whole, &t);
	static name_index ix;
	memset(&ix, 0, sizeof ix);
	names_index_add(&ix, &t);
	assert_int_equal(store_person_create(d, &p, &ix), DB_OK);
	assert_int_equal(fixture_link(d, by, case_id, p.id, role, NULL), DB_OK);
}

/* A case is found by the name of someone in it; by a suspect's name only
 * where the user may see the suspects. */
static void test_case_list_finds_a_case_by_a_name_in_it(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec farm, wash;
	/* Titles as the API stores their search text: folded. */
	fixture_case_dated(d, &u, "farm", "2025-01-02T00:00:00.000Z", &farm);
	fixture_case_dated(d, &u, "car wash", "2025-01-01T00:00:00.000Z", &wash);
	named_part(d, &u, farm.id, "Văn Nam", "Nguyễn", "potential_victim");
	named_part(d, &u, wash.id, "Arben", "Krasniqi", "suspect");
	const struct {
		const char *words[3];
		int suspects;
		const char *want;
	} rows[] = {
	    {{"nguyen"}, 0, "farm;"},
	    {{"nam", "nguyen"}, 0, "farm;"},
	    {{"farm", "nguyen"}, 0, "farm;"}, /* text and name together */
	    {{"nguyen", "krasniqi"}, 1, ""},
	    {{"krasniqi"}, 1, "car wash;"},
	    {{"krasniqi"}, 0, ""}, /* a suspect's name leaks nothing */
	    {{"nguy"}, 0, ""},     /* a name is a whole name */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char out[512];
		case_filter f = {.reach = {.team_id = u.team_id}, .limit = 10};
		memcpy(f.words, rows[i].words, sizeof f.words);
		if (rows[i].suspects)
			f.suspects.team_id = u.team_id;
		list(d, &f, out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s, row %zu: got \"%s\", want \"%s\"", test_engine_now(), i, out, rows[i].want);
	}
}

static void test_case_list_keeps_within_reach(db *d)
{
	user_rec mine, theirs, far;
	fixture_three_teams(d, &mine, &theirs, &far);
	case_rec c;
	fixture_case_dated(d, &mine, "Mine", "2025-01-04T00:00:00.000Z", &c);
	fixture_case_dated(d, &theirs, "Theirs", "2025-01-03T00:00:00.000Z", &c);
	fixture_case_dated(d, &far, "Far", "2025-01-02T00:00:00.000Z", &c);
	fixture_case_dated(d, &far, "Far allocated", "2025-01-01T00:00:00.000Z", &c);
	fixture_lead(d, c.id, &mine, NULL, &mine, NULL);
	const struct {
		store_reach reach;
		const char *want;
	} rows[] = {
	    {{0}, ""},
	    {{.own_id = mine.id}, ""}, /* own records reach no cases */
	    {{.team_id = ""}, ""},
	    {{.team_id = mine.team_id}, "Mine;"},
	    {{.user_id = mine.id}, "Far allocated;"},
	    {{.user_id = mine.id, .team_id = mine.team_id}, "Mine;Far allocated;"},
	    {{.org_id = mine.org_id}, "Mine;Theirs;"},
	    {{.org_id = far.org_id}, "Far;Far allocated;"},
	    {{.user_id = mine.id, .team_id = mine.team_id, .org_id = mine.org_id},
	     "Mine;Theirs;Far allocated;"},
	    {{.user_id = theirs.id, .team_id = theirs.team_id}, "Theirs;"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char out[512];
		case_filter f = {.reach = rows[i].reach, .limit = 10};
		list(d, &f, out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s, row %zu: got \"%s\", want \"%s\"", test_engine_now(), i, out,
			         rows[i].want);
	}
}

static void test_case_list_filters_narrow_the_cases(db *d)
{
	user_rec emt, cid;
	fixture_user(d, "emt", "investigator", "Force", "EMT", &emt);
	fixture_user(d, "cid", "investigator", "Force", "CID", &cid);
	case_rec c;
	c = fixture_case_rec(&emt, "Car wash");
	snprintf(c.created_at, sizeof c.created_at, "2025-01-04T00:00:00.000Z");
	assert_int_equal(store_case_create(d, &c, 2025, "car wash 50% pay"), DB_OK);
	c = fixture_case_rec(&emt, "Nail bar");
	c.status = "new";
	c.exploitation_types = "[\"sexual\",\"labour\"]";
	snprintf(c.created_at, sizeof c.created_at, "2025-01-03T00:00:00.000Z");
	assert_int_equal(store_case_create(d, &c, 2025, "nail bar 500 pay"), DB_OK);
	c = fixture_case_rec(&cid, "County line");
	c.exploitation_types = "[\"criminal\"]";
	snprintf(c.created_at, sizeof c.created_at, "2025-01-02T00:00:00.000Z");
	assert_int_equal(store_case_create(d, &c, 2025, "county line a_b"), DB_OK);
	char last_ref[16];
	memcpy(last_ref, c.reference, sizeof last_ref);
	const struct {
		case_filter f;
		const char *want;
	} rows[] = {
	    {{.limit = 10}, "Car wash;Nail bar;County line;"},
	    {{.status = "new", .limit = 10}, "Nail bar;"},
	    {{.status = "closed", .limit = 10}, ""},
	    {{.type = "labour", .limit = 10}, "Car wash;Nail bar;"},
	    {{.type = "criminal", .limit = 10}, "County line;"},
	    {{.type = "labou", .limit = 10}, ""}, /* a whole type, not a part */
	    {{.team_id = cid.team_id, .limit = 10}, "County line;"},
	    {{.reference = last_ref, .limit = 10}, "County line;"},
	    {{.reference = "MS-2025", .limit = 10}, ""},
	    {{.words = {"pay"}, .limit = 10}, "Car wash;Nail bar;"},
	    {{.words = {"pay", "nail"}, .limit = 10}, "Nail bar;"},
	    {{.words = {"pay", "nail", "wash"}, .limit = 10}, ""},
	    /* % and _ in a word are letters, not wildcards. */
	    {{.words = {"50%"}, .limit = 10}, "Car wash;"},
	    {{.words = {"a_b"}, .limit = 10}, "County line;"},
	    {{.words = {"r_w"}, .limit = 10}, ""},
	    /* Words from the reference, folded as every word is. */
	    {{.words = {"ms-2025-0000"}, .limit = 10}, "Car wash;Nail bar;County line;"},
	    {{.words = {"ms-2025-00003"}, .limit = 10}, "County line;"},
	    {{.status = "investigating", .type = "labour", .limit = 10}, "Car wash;"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char out[512];
		case_filter f = rows[i].f;
		f.reach.org_id = emt.org_id;
		list(d, &f, out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s, row %zu: got \"%s\", want \"%s\"", test_engine_now(), i, out,
			         rows[i].want);
	}
}

static int stop_at_first(const case_rec *c, void *arg)
{
	(void)c;
	(*(int *)arg)++;
	return 42;
}

static void test_case_list_stops_when_the_caller_answers_non_zero(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec c;
	fixture_case_dated(d, &u, "One", NULL, &c);
	fixture_case_dated(d, &u, "Two", NULL, &c);
	arena *a = arena_new();
	int calls = 0;
	case_filter f = {.reach = {.team_id = u.team_id}, .limit = 10};
	int64_t total;
	assert_int_equal(store_case_list(d, a, &f, &total, stop_at_first, &calls), 42);
	assert_int_equal(calls, 1);
	arena_free(a);
}

static int collect_history(const history_rec *h, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);
	snprintf(out + len, 512 - len, "%s:%s>%s by %s;", h->field,
	         h->old_value ? h->old_value : "-", h->new_value ? h->new_value : "-",
	         h->actor_name);
	return 0;
}

static void test_history_lists_a_records_changes_newest_first(db *d)
{
	user_rec u, v;
	fixture_user(d, "one", "investigator", "Force", "EMT", &u);
	fixture_user(d, "two", "investigator", "Force", "EMT", &v);
	assert_int_equal(
	    store_history_add(d, "case", "rec-1", "status", "new", "investigating", u.id), DB_OK);
	usleep(3000);
	assert_int_equal(store_history_add(d, "case", "rec-2", "title", "x", "y", u.id), DB_OK);
	assert_int_equal(store_history_add(d, "case", "rec-1", "outcome", NULL, "charged", v.id),
	                 DB_OK);
	usleep(3000);
	assert_int_equal(
	    store_history_add(d, "case", "rec-1", "status", "investigating", "closed", u.id),
	    DB_OK);
	char out[512] = "";
	assert_int_equal(store_history_list(d, "rec-1", collect_history, out), DB_OK);
	assert_string_equal(out,
	                    "status:investigating>closed by DC one;outcome:->charged by DC two;"
	                    "status:new>investigating by DC one;");
	out[0] = '\0';
	assert_int_equal(store_history_list(d, "rec-3", collect_history, out), DB_OK);
	assert_string_equal(out, "");
	/* A change is someone's: an unknown actor is refused. */
	assert_int_equal(store_history_add(d, "case", "rec-1", "title", "a", "b", "no-such-user"),
	                 DB_CONSTRAINT);
}

static void test_an_upgrade_folds_the_reference_searched_in_existing_cases(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	case_rec c;
	fixture_case_dated(d, &u, "Car wash", NULL, &c);
	/* As the store wrote it before 014: the reference as it is shown. */
	assert_int_equal(db_exec(d, "UPDATE cases SET search_text = reference || ' car wash'"), DB_OK);
	char out[512];
	case_filter f = {
	    .reach = {.team_id = u.team_id}, .words = {"ms-2025", "wash"}, .limit = 10};
	/* The step 014, as an upgrade runs it (later steps are already there). */
	const migration *m = &migrations[13];
	assert_string_equal(m->name, "014_reference_search");
	assert_int_equal(db_schema(d, m->sql), DB_OK);
	list(d, &f, out);
	assert_string_equal(out, "Car wash;");
	f.words[0] = "car";
	f.words[1] = "ms-2025-00001";
	list(d, &f, out);
	assert_string_equal(out, "Car wash;");
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_case_create_numbers_each_year_from_one_and_reads_back),
	    ENGINE_TEST(test_case_create_refuses_once_a_years_references_are_used_up),
	    ENGINE_TEST(test_case_create_with_an_unknown_team_or_status_is_refused),
	    ENGINE_TEST(test_case_update_writes_the_fields_and_moves_the_version_on),
	    ENGINE_TEST(test_case_update_with_a_stale_version_changes_nothing),
	    ENGINE_TEST(test_case_update_of_an_unknown_case_is_done),
	    ENGINE_TEST(test_case_update_to_an_unknown_team_is_refused),
	    ENGINE_TEST(test_case_update_given_to_another_team_moves_it_out_of_the_old_teams_list),
	    ENGINE_TEST(test_team_org_names_the_teams_organisation),
	    ENGINE_TEST(test_case_allocated_holds_only_for_the_allocated_user_and_case),
	    ENGINE_TEST(test_case_list_is_most_recently_updated_first),
	    ENGINE_TEST(test_case_list_pages_without_gaps_or_repeats_and_counts_the_whole),
	    ENGINE_TEST(test_case_list_sorts_the_whole_result),
	    ENGINE_TEST(test_case_list_shows_whose_cases_were_asked_for),
	    ENGINE_TEST(test_case_list_finds_a_case_by_a_name_in_it),
	    ENGINE_TEST(test_case_list_keeps_within_reach),
	    ENGINE_TEST(test_case_list_filters_narrow_the_cases),
	    ENGINE_TEST(test_case_list_stops_when_the_caller_answers_non_zero),
	    ENGINE_TEST(test_history_lists_a_records_changes_newest_first),
	    ENGINE_TEST(test_an_upgrade_folds_the_reference_searched_in_existing_cases),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/cases"), tests, NULL, NULL);
}
