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

static test_engine engines[2];
static int nengines;
static name_index no_names; /* keys are not what these tests are about */

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

static person_rec new_person(const user_rec *by, const char *given, const char *family)
{
	person_rec p = {.given_names = given,
	                .family_name = family,
	                .aliases = "[]",
	                .estimated_age = -1,
	                .nationalities = "[]",
	                .languages = "[]"};
	memcpy(p.created_by, by->id, 37);
	memcpy(p.team_id, by->team_id, 37);
	return p;
}

static void make_person(db *d, const user_rec *by, const char *given, const char *family,
                        char id[37])
{
	person_rec p = new_person(by, given, family);
	assert_int_equal(store_person_create(d, &p, &no_names), DB_OK);
	memcpy(id, p.id, 37);
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

static int link_to(db *d, const user_rec *by, const char *case_id, const char *person_id,
                   const char *role, char link_id[37])
{
	case_person_rec cp = {.role = role};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", case_id);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", person_id);
	int rc = store_case_person_add(d, &cp, by->id);
	if (link_id)
		memcpy(link_id, cp.id, 37);
	return rc;
}

/* "Given Family/role/victim elsewhere;" for each person in the case. */
static int collect_people(const case_person_rec *cp, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);
	snprintf(out + len, 512 - len, "%s %s/%s/%d;", cp->given_names, cp->family_name, cp->role,
	         cp->victim_elsewhere);
	return 0;
}

static void case_people(db *d, const char *case_id, char out[512])
{
	arena *a = arena_new();
	out[0] = '\0';
	assert_int_equal(store_case_people(d, a, case_id, collect_people, out), DB_OK);
	arena_free(a);
}

static void test_person_create_fills_id_times_and_version_and_reads_back(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		person_rec p = new_person(&u, "Ana Maria", "Popescu");
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
		person_rec bare = new_person(&u, "", "Unknown");
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
		db_close(d);
	}
}

static void test_person_create_for_an_unknown_team_or_author_is_refused(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		person_rec p = new_person(&u, "Ion", "Rusu");
		snprintf(p.team_id, sizeof p.team_id, "no-such-team");
		assert_int_equal(store_person_create(d, &p, &no_names), DB_CONSTRAINT);
		p = new_person(&u, "Ion", "Rusu");
		snprintf(p.created_by, sizeof p.created_by, "no-such-user");
		assert_int_equal(store_person_create(d, &p, &no_names), DB_CONSTRAINT);
		int n = -1;
		assert_int_equal(db_count(d, "SELECT id FROM people", 0, NULL, &n), DB_OK);
		assert_int_equal(n, 0);
		db_close(d);
	}
}

static void test_person_update_writes_every_field_and_moves_the_version_on(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		person_rec p = new_person(&u, "Ion", "Rusu");
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
		db_close(d);
	}
}

static void test_person_update_with_a_stale_version_changes_nothing(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		person_rec first = new_person(&u, "Ion", "Rusu");
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
		person_rec ghost = new_person(&u, "No", "One");
		snprintf(ghost.id, sizeof ghost.id, "no-such-person");
		ghost.version = 1;
		assert_int_equal(store_person_update(d, &ghost, &no_names), DB_DONE);
		assert_int_equal(store_person_get(d, a, "no-such-person", &got), DB_DONE);
		arena_free(a);
		db_close(d);
	}
}

static void test_case_person_add_refuses_the_same_part_twice(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		char case_id[37], person[37], link1[37], link2[37];
		make_case(d, &u, "Car wash", case_id);
		make_person(d, &u, "Ion", "Rusu", person);
		assert_int_equal(link_to(d, &u, case_id, person, "witness", link1), DB_OK);
		assert_int_equal(strlen(link1), 36);
		assert_int_equal(link_to(d, &u, case_id, person, "witness", NULL), DB_CONSTRAINT);
		/* Another part in the same case is another link. */
		assert_int_equal(link_to(d, &u, case_id, person, "potential_victim", link2), DB_OK);
		assert_string_not_equal(link1, link2);
		assert_int_equal(link_to(d, &u, case_id, person, "bystander", NULL), DB_CONSTRAINT);
		assert_int_equal(link_to(d, &u, "no-such-case", person, "witness", NULL),
		                 DB_CONSTRAINT);
		assert_int_equal(link_to(d, &u, case_id, "no-such-person", "witness", NULL),
		                 DB_CONSTRAINT);
		char out[512];
		case_people(d, case_id, out);
		assert_string_equal(out, "Ion Rusu/witness/1;Ion Rusu/potential_victim/1;");
		db_close(d);
	}
}

typedef struct parts {
	char text[512];
} parts;

static int collect_part(const person_part *p, void *arg)
{
	parts *x = arg;
	size_t len = strlen(x->text);
	snprintf(x->text + len, sizeof x->text - len, "%s/%s/%s/%d;", p->reference, p->role,
	         p->org_id, p->allocated);
	return 0;
}

static void test_person_parts_name_each_case_newest_first_and_whether_it_is_allocated(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec a, b;
		make_user_in(d, "a", "A Force", "EMT", &a);
		make_user_in(d, "b", "B Force", "EMT", &b);
		char c1[37], c2[37], person[37];
		make_case(d, &a, "First", c1);  /* MS-2025-00001 */
		make_case(d, &b, "Second", c2); /* MS-2025-00002 */
		lead_rec l = {.failed_requirements = "[]"};
		memcpy(l.case_id, c2, 37);
		memcpy(l.user_id, a.id, 37);
		memcpy(l.allocated_by, b.id, 37);
		assert_int_equal(store_lead_set(d, &l, NULL), DB_OK);
		make_person(d, &a, "Ion", "Rusu", person);
		assert_int_equal(link_to(d, &a, c1, person, "potential_victim", NULL), DB_OK);
		usleep(3000);
		assert_int_equal(link_to(d, &b, c2, person, "suspect", NULL), DB_OK);
		char want[512];
		snprintf(want, sizeof want,
		         "MS-2025-00002/suspect/%s/1;MS-2025-00001/potential_victim/%s/0;",
		         b.org_id, a.org_id);
		parts x = {""};
		assert_int_equal(store_person_parts(d, person, a.id, collect_part, &x), DB_OK);
		assert_string_equal(x.text, want);
		snprintf(want, sizeof want,
		         "MS-2025-00002/suspect/%s/0;MS-2025-00001/potential_victim/%s/0;",
		         b.org_id, a.org_id);
		x.text[0] = '\0';
		assert_int_equal(store_person_parts(d, person, b.id, collect_part, &x), DB_OK);
		assert_string_equal(x.text, want);
		x.text[0] = '\0';
		assert_int_equal(store_person_parts(d, "no-such-person", a.id, collect_part, &x),
		                 DB_OK);
		assert_string_equal(x.text, "");
		db_close(d);
	}
}

static void test_case_people_list_in_link_order_and_say_who_is_a_victim_anywhere(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		char here[37], there[37], suspect[37], witness[37], flagged[37], link_flagged[37];
		make_case(d, &u, "Here", here);
		make_case(d, &u, "There", there);
		make_person(d, &u, "Sam", "Suspect", suspect);
		make_person(d, &u, "Wil", "Witness", witness);
		make_person(d, &u, "Fay", "Flagged", flagged);
		/* A suspect here who is a potential victim in another case, a
		 * witness with an indicator recorded against them, and one with
		 * neither. */
		assert_int_equal(link_to(d, &u, here, suspect, "suspect", NULL), DB_OK);
		usleep(3000);
		assert_int_equal(link_to(d, &u, here, witness, "witness", NULL), DB_OK);
		usleep(3000);
		assert_int_equal(link_to(d, &u, here, flagged, "witness", link_flagged), DB_OK);
		char out[512];
		case_people(d, here, out);
		assert_string_equal(out, "Sam Suspect/suspect/0;Wil Witness/witness/0;"
		                         "Fay Flagged/witness/0;");
		assert_int_equal(link_to(d, &u, there, suspect, "potential_victim", NULL), DB_OK);
		char ind[37];
		assert_int_equal(
		    store_indicator_add(d, link_flagged, "debt_bondage", NULL, u.id, ind), DB_OK);
		case_people(d, here, out);
		assert_string_equal(out, "Sam Suspect/suspect/1;Wil Witness/witness/0;"
		                         "Fay Flagged/witness/1;");
		case_people(d, there, out);
		assert_string_equal(out, "Sam Suspect/potential_victim/1;");
		case_people(d, "no-such-case", out);
		assert_string_equal(out, "");
		db_close(d);
	}
}

static void test_merge_moves_the_links_the_target_lacks_and_hides_the_source(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		char c1[37], c2[37], source[37], target[37];
		make_case(d, &u, "One", c1);
		make_case(d, &u, "Two", c2);
		make_person(d, &u, "Ion", "Rusu", source);
		make_person(d, &u, "Ioan", "Rusu", target);
		/* The source in case one as a victim (which the target holds too)
		 * and in case two as a witness (which the target lacks). */
		assert_int_equal(link_to(d, &u, c1, source, "potential_victim", NULL), DB_OK);
		assert_int_equal(link_to(d, &u, c1, target, "potential_victim", NULL), DB_OK);
		assert_int_equal(link_to(d, &u, c2, source, "witness", NULL), DB_OK);
		arena *a = arena_new();
		person_rec before;
		assert_int_equal(store_person_get(d, a, source, &before), DB_ROW);
		int moved = -1;
		assert_int_equal(store_person_merge(d, source, target, u.id, &moved), DB_OK);
		assert_int_equal(moved, 1);
		person_rec got;
		assert_int_equal(store_person_get(d, a, source, &got), DB_DONE);
		assert_int_equal(store_person_get(d, a, target, &got), DB_ROW);
		const char *into = NULL;
		assert_int_equal(store_person_merged_into(d, a, source, &into), DB_ROW);
		assert_string_equal(into, target);
		char out[512];
		case_people(d, c2, out);
		assert_string_equal(out, "Ioan Rusu/witness/1;");
		/* A form read before the merge cannot write to the merged record. */
		before.given_names = "Stale";
		assert_int_equal(store_person_update(d, &before, &no_names), DB_DONE);
		arena_free(a);
		db_close(d);
	}
}

static void test_unmerge_answers_the_latest_merge_and_shows_the_source_again(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		char c1[37], source[37], first[37], second[37], link_id[37];
		make_case(d, &u, "One", c1);
		make_person(d, &u, "Ion", "Rusu", source);
		make_person(d, &u, "Ioan", "Rusu", first);
		make_person(d, &u, "Ionut", "Rusu", second);
		assert_int_equal(link_to(d, &u, c1, source, "witness", link_id), DB_OK);
		arena *a = arena_new();
		const char *target = NULL, *links = NULL;
		assert_int_equal(store_person_unmerge(d, a, source, u.id, &target, &links),
		                 DB_DONE);

		int moved;
		assert_int_equal(store_person_merge(d, source, first, u.id, &moved), DB_OK);
		assert_int_equal(store_person_unmerge(d, a, source, u.id, &target, &links), DB_ROW);
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
		char out[512];
		case_people(d, c1, out);
		assert_string_equal(out, "Ion Rusu/witness/0;");
		/* Undone once: nothing more to undo. */
		assert_int_equal(store_person_unmerge(d, a, source, u.id, &target, &links),
		                 DB_DONE);

		/* Merged again elsewhere, the undo is of that merge. */
		usleep(3000);
		assert_int_equal(store_person_merge(d, source, second, u.id, &moved), DB_OK);
		assert_int_equal(store_person_unmerge(d, a, source, u.id, &target, &links), DB_ROW);
		assert_string_equal(target, second);
		assert_string_equal(links, want);
		arena_free(a);
		db_close(d);
	}
}

static void test_merged_into_names_the_target_only_while_merged(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		char p[37];
		make_person(d, &u, "Ion", "Rusu", p);
		arena *a = arena_new();
		const char *into = "";
		assert_int_equal(store_person_merged_into(d, a, p, &into), DB_ROW);
		assert_null(into);
		assert_int_equal(store_person_merged_into(d, a, "no-such-person", &into), DB_DONE);
		arena_free(a);
		db_close(d);
	}
}

static void test_case_link_move_gives_the_part_to_another_person(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user_in(d, "dc.one", "Force", "EMT", &u);
		char c1[37], from[37], to[37], link_id[37];
		make_case(d, &u, "One", c1);
		make_person(d, &u, "Ion", "Rusu", from);
		make_person(d, &u, "Ana", "Rusu", to);
		assert_int_equal(link_to(d, &u, c1, from, "potential_victim", link_id), DB_OK);
		assert_int_equal(store_case_link_move(d, link_id, to), DB_OK);
		char out[512];
		case_people(d, c1, out);
		assert_string_equal(out, "Ana Rusu/potential_victim/1;");
		parts x = {""};
		assert_int_equal(store_person_parts(d, from, u.id, collect_part, &x), DB_OK);
		assert_string_equal(x.text, "");
		assert_int_equal(store_person_parts(d, to, u.id, collect_part, &x), DB_OK);
		assert_non_null(strstr(x.text, "MS-2025-00001/potential_victim/"));
		/* To no one: refused, and the link stays where it was. */
		assert_int_equal(store_case_link_move(d, link_id, "no-such-person"), DB_CONSTRAINT);
		case_people(d, c1, out);
		assert_string_equal(out, "Ana Rusu/potential_victim/1;");
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_person_create_fills_id_times_and_version_and_reads_back),
	    cmocka_unit_test(test_person_create_for_an_unknown_team_or_author_is_refused),
	    cmocka_unit_test(test_person_update_writes_every_field_and_moves_the_version_on),
	    cmocka_unit_test(test_person_update_with_a_stale_version_changes_nothing),
	    cmocka_unit_test(test_case_person_add_refuses_the_same_part_twice),
	    cmocka_unit_test(
	        test_person_parts_name_each_case_newest_first_and_whether_it_is_allocated),
	    cmocka_unit_test(test_case_people_list_in_link_order_and_say_who_is_a_victim_anywhere),
	    cmocka_unit_test(test_merge_moves_the_links_the_target_lacks_and_hides_the_source),
	    cmocka_unit_test(test_unmerge_answers_the_latest_merge_and_shows_the_source_again),
	    cmocka_unit_test(test_merged_into_names_the_target_only_while_merged),
	    cmocka_unit_test(test_case_link_move_gives_the_part_to_another_person),
	};
	return cmocka_run_group_tests_name(nengines == 2 ? "store/people (sqlite, pg)"
	                                                 : "store/people (sqlite)",
	                                   tests, NULL, NULL);
}
