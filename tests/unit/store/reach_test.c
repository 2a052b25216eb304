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

static test_engine engines[2];
static int nengines;

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

static void test_reach_bind_places_user_team_and_organisation_from_first(void **state)
{
	(void)state;
	static const struct {
		store_reach r;
		const char *user, *team, *org;
	} rows[] = {
	    {{.user_id = "u1", .team_id = "t1", .org_id = "o1"}, "u1", "t1", "o1"},
	    {{.own_id = "u1"}, "NULL", "NULL", "NULL"}, /* own records are the caller's to ask */
	    {{.user_id = "u1", .team_id = ""}, "u1", "NULL", "NULL"},
	    {{.org_id = "o1"}, "NULL", "NULL", "o1"},
	};
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
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
		db_close(d);
	}
}

static void make_user_in(db *d, const char *name, const char *org, const char *team, user_rec *u)
{
	memset(u, 0, sizeof *u);
	snprintf(u->username, sizeof u->username, "%s", name);
	snprintf(u->display_name, sizeof u->display_name, "DC %s", name);
	snprintf(u->role, sizeof u->role, "investigator");
	snprintf(u->password_hash, sizeof u->password_hash, "$argon2id$placeholder");
	assert_int_equal(store_org_ensure(d, org, "force", u->org_id), DB_OK);
	assert_int_equal(store_team_ensure(d, u->org_id, team, u->team_id), DB_OK);
	assert_int_equal(store_user_insert(d, u), DB_OK);
}

static void make_case(db *d, const user_rec *by, const char *title, char id[37])
{
	case_rec c = {.title = title,
	              .summary = "",
	              .status = "investigating",
	              .exploitation_types = "[\"labour\"]",
	              .offences = "{\"codes\":[],\"other\":null}"};
	memcpy(c.team_id, by->team_id, 37);
	memcpy(c.created_by, by->id, 37);
	assert_int_equal(store_case_create(d, &c, 2025, title), DB_OK);
	memcpy(id, c.id, 37);
}

static void allocate(db *d, const char *case_id, const user_rec *to)
{
	lead_rec l = {.failed_requirements = "[]"};
	memcpy(l.case_id, case_id, 37);
	memcpy(l.user_id, to->id, 37);
	memcpy(l.allocated_by, to->id, 37);
	assert_int_equal(store_lead_set(d, &l, NULL), DB_OK);
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

static void test_reach_case_takes_the_team_the_allocated_and_the_organisations_cases(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec mine, theirs, far;
		make_user_in(d, "mine", "Force A", "EMT", &mine);
		make_user_in(d, "theirs", "Force A", "CID", &theirs);
		make_user_in(d, "far", "Force B", "EMT", &far);
		char id[37];
		make_case(d, &mine, "A EMT", id);
		allocate(d, id, &mine); /* allocated and of the team: found once */
		make_case(d, &theirs, "A CID", id);
		make_case(d, &far, "B EMT", id);
		make_case(d, &far, "B EMT allocated", id);
		allocate(d, id, &mine);
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
		    {{.team_id = far.team_id, .org_id = mine.org_id},
		     "A CID;A EMT;B EMT;B EMT allocated;"},
		};
		for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
			char out[256];
			titles_within(d, &rows[i].r, out);
			if (strcmp(out, rows[i].want) != 0)
				fail_msg("%s, row %zu: got \"%s\", want \"%s\"", engines[e].name, i,
				         out, rows[i].want);
		}
		db_close(d);
	}
}

static void make_org(db *d, const char *name, const char *kind, org_rec *o)
{
	memset(o, 0, sizeof *o);
	snprintf(o->name, sizeof o->name, "%s", name);
	snprintf(o->kind, sizeof o->kind, "%s", kind);
	assert_int_equal(store_org_create(d, o), DB_OK);
}

static int collect_name(db_stmt *s, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);
	snprintf(out + len, 256 - len, "%s;", db_col_text(s, 0));
	return 0;
}

static void test_reach_orgs_counts_an_organisation_and_a_commissioners_area(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		org_rec a, b, c, office;
		make_org(d, "A Force", "force", &a);
		make_org(d, "B Force", "force", &b);
		make_org(d, "C Force", "force", &c);
		make_org(d, "Commissioner", "opcc", &office);
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
				         engines[e].name, i, out, rows[i].want);
			/* ...and bound after another. */
			db_stmt *s;
			assert_int_equal(
			    db_prepare(
			        d,
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
				fail_msg("%s, row %zu bound: got \"%s\", want \"%s\"",
				         engines[e].name, i, out, rows[i].want);
		}
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reach_any_holds_for_each_way_of_reaching),
	    cmocka_unit_test(test_reach_bind_places_user_team_and_organisation_from_first),
	    cmocka_unit_test(
	        test_reach_case_takes_the_team_the_allocated_and_the_organisations_cases),
	    cmocka_unit_test(test_reach_orgs_counts_an_organisation_and_a_commissioners_area),
	};
	return cmocka_run_group_tests_name(
	    nengines == 2 ? "store/reach (sqlite, pg)" : "store/reach (sqlite)", tests, NULL, NULL);
}
