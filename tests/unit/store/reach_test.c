/* What a user reaches, as the store's queries draw it, on both engines: the
 * binding of a reach and of the organisations counted, and the SQL they
 * bind into. */
#include "unit/test.h"

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/reach.h"
#include "store/staff.h"
#include "support/engines.h"
#include "support/fixtures.h"

static void test_reach_any_holds_for_each_way_of_reaching(void **state)
{
	(void)state;
	static const struct {
		store_reach r;
		int want;
	} rows[] = {
	    {{0}, 0},
	    {{.own_id = "u1"}, 1},
	    {{.user_id = "u1"}, 1},
	    {{.team_id = "t1"}, 1},
	    {{.team_id = ""}, 0}, /* a user in no team */
	    {{.org_id = "o1"}, 1},
	    {{.user_id = "u1", .team_id = "", .org_id = "o1"}, 1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (store_reach_any(&rows[i].r) != rows[i].want)
			fail_msg("row %zu: want %d", i, rows[i].want);
}

/* The text of column i, or "NULL". */
static const char *col(db_stmt *s, int i)
{
	return db_col_is_null(s, i) ? "NULL" : db_col_text(s, i);
}

static void test_reach_bind_places_user_team_and_organisation_from_first(db *d)
{
	static const struct {
		store_reach r;
		const char *user, *team, *org;
	} rows[] = {
	    {{.user_id = "u1", .team_id = "t1", .org_id = "o1"}, "u1", "t1", "o1"},
	    {{.own_id = "u1"}, "NULL", "NULL", "NULL"}, /* own records are the caller's to ask */
	    {{.user_id = "u1", .team_id = ""}, "u1", "NULL", "NULL"},
	    {{.org_id = "o1"}, "NULL", "NULL", "o1"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		db_stmt *s;
		assert_int_equal(db_prepare(d,
		                            "SELECT CAST($1 AS TEXT), CAST($2 AS TEXT), "
		                            "CAST($3 AS TEXT), CAST($4 AS TEXT)",
		                            &s),
		                 DB_OK);
		assert_int_equal(db_bind_text(s, 1, "before"), DB_OK);
		assert_int_equal(store_reach_bind(s, 2, &rows[i].r), DB_OK);
		assert_int_equal(db_step(s), DB_ROW);
		assert_string_equal(col(s, 0), "before");
		assert_string_equal(col(s, 1), rows[i].user);
		assert_string_equal(col(s, 2), rows[i].team);
		assert_string_equal(col(s, 3), rows[i].org);
		db_finalize(s);
	}
}

/* The titles of the cases within the reach, bound after one other parameter. */
static void titles_within(db *d, const store_reach *r, char out[256])
{
	db_stmt *s;
	assert_int_equal(
	    db_prepare(d,
	               "SELECT c.title FROM cases c WHERE c.status <> $1 AND " REACH_CASE(
	                   "c", "$2", "$3", "$4") " ORDER BY c.title",
	               &s),
	    DB_OK);
	assert_int_equal(db_bind_text(s, 1, "closed"), DB_OK);
	assert_int_equal(store_reach_bind(s, 2, r), DB_OK);
	out[0] = '\0';
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		size_t len = strlen(out);
		snprintf(out + len, 256 - len, "%s;", db_col_text(s, 0));
	}
	assert_int_equal(rc, DB_DONE);
	db_finalize(s);
}

static void test_reach_case_takes_the_team_the_allocated_and_the_organisations_cases(db *d)
{
	user_rec mine, theirs, far;
	fixture_three_teams(d, &mine, &theirs, &far);
	char id[37];
	fixture_case(d, &mine, "A EMT", id);
	fixture_lead(d, id, &mine, NULL, &mine, NULL); /* allocated and of the team: found once */
	fixture_case(d, &theirs, "A CID", id);
	fixture_case(d, &far, "B EMT", id);
	fixture_case(d, &far, "B EMT allocated", id);
	fixture_lead(d, id, &mine, NULL, &mine, NULL);
	const struct {
		store_reach r;
		const char *want;
	} rows[] = {
	    {{0}, ""},
	    {{.own_id = mine.id}, ""},
	    {{.team_id = mine.team_id}, "A EMT;"},
	    {{.user_id = mine.id}, "A EMT;B EMT allocated;"},
	    {{.user_id = theirs.id}, ""},
	    {{.org_id = mine.org_id}, "A CID;A EMT;"},
	    {{.user_id = mine.id, .team_id = mine.team_id}, "A EMT;B EMT allocated;"},
	    {{.user_id = mine.id, .team_id = mine.team_id, .org_id = mine.org_id},
	     "A CID;A EMT;B EMT allocated;"},
	    {{.team_id = far.team_id, .org_id = mine.org_id}, "A CID;A EMT;B EMT;B EMT allocated;"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char out[256];
		titles_within(d, &rows[i].r, out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s, row %zu: got \"%s\", want \"%s\"", test_engine_now(), i, out,
			         rows[i].want);
	}
}

static int collect_name(db_stmt *s, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);
	snprintf(out + len, 256 - len, "%s;", db_col_text(s, 0));
	return 0;
}

static void test_reach_orgs_counts_an_organisation_and_a_commissioners_area(db *d)
{
	org_rec a, b, c, office;
	fixture_org(d, "A Force", "force", NULL, &a);
	fixture_org(d, "B Force", "force", NULL, &b);
	fixture_org(d, "C Force", "force", NULL, &c);
	fixture_org(d, "Commissioner", "opcc", NULL, &office);
	assert_int_equal(store_org_area_add(d, office.id, a.id), DB_OK);
	assert_int_equal(store_org_area_add(d, office.id, b.id), DB_OK);
	const struct {
		store_orgs o;
		const char *want;
	} rows[] = {
	    {{0}, ""},
	    {{.org_id = a.id}, "A Force;"},
	    {{.area_of = office.id}, "A Force;B Force;"},
	    {{.org_id = office.id}, "Commissioner;"},
	    {{.org_id = c.id, .area_of = office.id}, "A Force;B Force;C Force;"},
	    {{.area_of = a.id}, ""}, /* a force has no area */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		/* As text parameters... */
		char out[256] = "";
		const char *p[3];
		store_orgs_params(&rows[i].o, p);
		assert_int_equal(db_each(d,
		                         "SELECT o.name FROM orgs o WHERE " REACH_ORGS(
		                             "o.id", "$1", "$2") " ORDER BY o.name",
		                         2, p, collect_name, out),
		                 DB_OK);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s, row %zu as parameters: got \"%s\", want \"%s\"",
			         test_engine_now(), i, out, rows[i].want);
		/* ...and bound after another. */
		db_stmt *s;
		assert_int_equal(
		    db_prepare(d,
		               "SELECT o.name FROM orgs o WHERE o.name <> $1 AND " REACH_ORGS(
		                   "o.id", "$2", "$3") " ORDER BY o.name",
		               &s),
		    DB_OK);
		assert_int_equal(db_bind_text(s, 1, "none"), DB_OK);
		assert_int_equal(store_orgs_bind(s, 2, &rows[i].o), DB_OK);
		out[0] = '\0';
		int rc;
		while ((rc = db_step(s)) == DB_ROW)
			collect_name(s, out);
		assert_int_equal(rc, DB_DONE);
		db_finalize(s);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("%s, row %zu bound: got \"%s\", want \"%s\"", test_engine_now(), i,
			         out, rows[i].want);
	}
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reach_any_holds_for_each_way_of_reaching),
	    ENGINE_TEST(test_reach_bind_places_user_team_and_organisation_from_first),
	    ENGINE_TEST(test_reach_case_takes_the_team_the_allocated_and_the_organisations_cases),
	    ENGINE_TEST(test_reach_orgs_counts_an_organisation_and_a_commissioners_area),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/reach"), tests, NULL, NULL);
}
