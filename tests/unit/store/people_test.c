/* People in the store, on both engines: their records and versions, their
 * parts in cases, and merging two records of one person, reversibly. (The
 * name keys and the rows that scope searches are tested with the search, in
 * tests/unit/api/person_names_test.c.) */
#include "unit/test.h"

#include <unistd.h>

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/people.h"
#include "store/staff.h"
#include "support/engines.h"
#include "support/fixtures.h"

static name_index no_names; /* keys are not what these tests are about */

static void test_person_create_fills_id_times_and_version_and_reads_back(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	person_rec p = fixture_person_rec(&u, "Ana Maria", "Popescu");
	p.aliases = "[\"Ani\"]";
	p.date_of_birth = "1999-04-01";
	p.estimated_age = 25;
	p.age_disputed = 1;
	p.gender = "female";
	p.nationalities = "[\"RO\"]";
	p.languages = "[\"ro\",\"en\"]";
	p.interpreter_needed = 1;
	p.interpreter_language = "Romanian";
	p.safe_contact = "{\"phone\":\"07700900000\"}";
	p.immigration_status = "sealed:abc";
	assert_int_equal(store_person_create(d, &p, &no_names), DB_OK);
	assert_int_equal(strlen(p.id), 36);
	assert_int_equal(p.version, 1);
	assert_string_equal(p.created_at, p.updated_at);

	arena *a = arena_new();
	person_rec got;
	assert_int_equal(store_person_get(d, a, p.id, &got), DB_ROW);
	assert_string_equal(got.id, p.id);
	assert_string_equal(got.given_names, "Ana Maria");
	assert_string_equal(got.family_name, "Popescu");
	assert_string_equal(got.aliases, "[\"Ani\"]");
	assert_string_equal(got.date_of_birth, "1999-04-01");
	assert_int_equal(got.estimated_age, 25);
	assert_int_equal(got.age_disputed, 1);
	assert_string_equal(got.gender, "female");
	assert_string_equal(got.nationalities, "[\"RO\"]");
	assert_string_equal(got.languages, "[\"ro\",\"en\"]");
	assert_int_equal(got.interpreter_needed, 1);
	assert_string_equal(got.interpreter_language, "Romanian");
	assert_string_equal(got.safe_contact, "{\"phone\":\"07700900000\"}");
	assert_string_equal(got.immigration_status, "sealed:abc");
	assert_string_equal(got.team_id, u.team_id);
	assert_string_equal(got.org_id, u.org_id);
	assert_string_equal(got.created_by, u.id);
	assert_string_equal(got.created_at, p.created_at);
	assert_int_equal(got.version, 1);

	/* What is not known reads back as not known. */
	person_rec bare = fixture_person_rec(&u, "", "Unknown");
	memset(bare.team_id, 0, sizeof bare.team_id);
	assert_int_equal(store_person_create(d, &bare, &no_names), DB_OK);
	assert_int_equal(store_person_get(d, a, bare.id, &got), DB_ROW);
	assert_null(got.date_of_birth);
	assert_int_equal(got.estimated_age, -1);
	assert_null(got.gender);
	assert_null(got.safe_contact);
	assert_null(got.immigration_status);
	assert_string_equal(got.team_id, "");
	assert_string_equal(got.org_id, "");

	assert_int_equal(store_person_get(d, a, "no-such-person", &got), DB_DONE);
	arena_free(a);
}

static void test_person_create_for_an_unknown_team_or_author_is_refused(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	person_rec p = fixture_person_rec(&u, "Ion", "Rusu");
	snprintf(p.team_id, sizeof p.team_id, "no-such-team");
	assert_int_equal(store_person_create(d, &p, &no_names), DB_CONSTRAINT);
	p = fixture_person_rec(&u, "Ion", "Rusu");
	snprintf(p.created_by, sizeof p.created_by, "no-such-user");
	assert_int_equal(store_person_create(d, &p, &no_names), DB_CONSTRAINT);
	int n = -1;
	assert_int_equal(db_count(d, "SELECT id FROM people", 0, NULL, &n), DB_OK);
	assert_int_equal(n, 0);
}

static void test_person_update_writes_every_field_and_moves_the_version_on(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	person_rec p = fixture_person_rec(&u, "Ion", "Rusu");
	p.date_of_birth = "2001-02-03";
	p.estimated_age = 23;
	p.safe_contact = "{}";
	assert_int_equal(store_person_create(d, &p, &no_names), DB_OK);
	p.given_names = "Ioan";
	p.aliases = "[\"Nelu\"]";
	p.date_of_birth = NULL;
	p.estimated_age = -1;
	p.age_disputed = 1;
	p.gender = "male";
	p.nationalities = "[\"MD\"]";
	p.languages = "[\"ro\"]";
	p.interpreter_needed = 1;
	p.interpreter_language = "Romanian";
	p.safe_contact = NULL;
	p.immigration_status = "sealed:xyz";
	assert_int_equal(store_person_update(d, &p, &no_names), DB_OK);
	assert_int_equal(p.version, 2);
	arena *a = arena_new();
	person_rec got;
	assert_int_equal(store_person_get(d, a, p.id, &got), DB_ROW);
	assert_string_equal(got.given_names, "Ioan");
	assert_string_equal(got.family_name, "Rusu");
	assert_string_equal(got.aliases, "[\"Nelu\"]");
	assert_null(got.date_of_birth);
	assert_int_equal(got.estimated_age, -1);
	assert_int_equal(got.age_disputed, 1);
	assert_string_equal(got.gender, "male");
	assert_string_equal(got.nationalities, "[\"MD\"]");
	assert_string_equal(got.languages, "[\"ro\"]");
	assert_int_equal(got.interpreter_needed, 1);
	assert_string_equal(got.interpreter_language, "Romanian");
	assert_null(got.safe_contact);
	assert_string_equal(got.immigration_status, "sealed:xyz");
	assert_int_equal(got.version, 2);
	assert_string_equal(got.updated_at, p.updated_at);
	assert_string_equal(got.created_at, p.created_at);
	assert_string_equal(got.team_id, u.team_id);
	arena_free(a);
}

static void test_person_update_with_a_stale_version_changes_nothing(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	person_rec first = fixture_person_rec(&u, "Ion", "Rusu");
	assert_int_equal(store_person_create(d, &first, &no_names), DB_OK);
	person_rec second = first;
	first.family_name = "Rusu-Lupu";
	assert_int_equal(store_person_update(d, &first, &no_names), DB_OK);
	second.family_name = "Lupu";
	second.gender = "male";
	assert_int_equal(store_person_update(d, &second, &no_names), DB_DONE);
	assert_int_equal(second.version, 1);
	arena *a = arena_new();
	person_rec got;
	assert_int_equal(store_person_get(d, a, first.id, &got), DB_ROW);
	assert_string_equal(got.family_name, "Rusu-Lupu");
	assert_null(got.gender);
	assert_int_equal(got.version, 2);
	/* Nor does a person who is not there come to be. */
	person_rec ghost = fixture_person_rec(&u, "No", "One");
	snprintf(ghost.id, sizeof ghost.id, "no-such-person");
	ghost.version = 1;
	assert_int_equal(store_person_update(d, &ghost, &no_names), DB_DONE);
	assert_int_equal(store_person_get(d, a, "no-such-person", &got), DB_DONE);
	arena_free(a);
}

static void test_person_parts_name_each_case_newest_first_and_whether_it_is_allocated(db *d)
{
	user_rec a, b;
	fixture_user(d, "a", "investigator", "A Force", "EMT", &a);
	fixture_user(d, "b", "investigator", "B Force", "EMT", &b);
	char c1[37], c2[37], person[37];
	fixture_case(d, &a, "First", c1);  /* MS-2025-00001 */
	fixture_case(d, &b, "Second", c2); /* MS-2025-00002 */
	lead_rec l = {.failed_requirements = "[]"};
	memcpy(l.case_id, c2, 37);
	memcpy(l.user_id, a.id, 37);
	memcpy(l.allocated_by, b.id, 37);
	assert_int_equal(store_lead_set(d, &l, NULL), DB_OK);
	fixture_person(d, &a, "Ion", "Rusu", person);
	assert_int_equal(fixture_link(d, &a, c1, person, "potential_victim", NULL), DB_OK);
	usleep(3000);
	assert_int_equal(fixture_link(d, &b, c2, person, "suspect", NULL), DB_OK);
	char want[512];
	snprintf(want, sizeof want,
	         "MS-2025-00002/suspect/%s/1;MS-2025-00001/potential_victim/%s/0;", b.org_id,
	         a.org_id);
	fixture_text parts;
	fixture_person_parts(d, person, a.id, &parts);
	assert_string_equal(parts.s, want);
	snprintf(want, sizeof want,
	         "MS-2025-00002/suspect/%s/0;MS-2025-00001/potential_victim/%s/0;", b.org_id,
	         a.org_id);
	fixture_person_parts(d, person, b.id, &parts);
	assert_string_equal(parts.s, want);
	fixture_person_parts(d, "no-such-person", a.id, &parts);
	assert_string_equal(parts.s, "");
}

static void test_merged_into_names_the_target_only_while_merged(db *d)
{
	user_rec u;
	fixture_user(d, "dc.one", "investigator", "Force", "EMT", &u);
	char p[37];
	fixture_person(d, &u, "Ion", "Rusu", p);
	arena *a = arena_new();
	const char *into = "";
	assert_int_equal(store_person_merged_into(d, a, p, &into), DB_ROW);
	assert_null(into);
	assert_int_equal(store_person_merged_into(d, a, "no-such-person", &into), DB_DONE);
	arena_free(a);
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_person_create_fills_id_times_and_version_and_reads_back),
	    ENGINE_TEST(test_person_create_for_an_unknown_team_or_author_is_refused),
	    ENGINE_TEST(test_person_update_writes_every_field_and_moves_the_version_on),
	    ENGINE_TEST(test_person_update_with_a_stale_version_changes_nothing),
	    ENGINE_TEST(test_person_parts_name_each_case_newest_first_and_whether_it_is_allocated),
	    ENGINE_TEST(test_merged_into_names_the_target_only_while_merged),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/people"), tests, NULL, NULL);
}
