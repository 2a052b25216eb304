/* Finding people by name over the stored index, on both engines: typos and
 * transliterations through the dictionary, pairs before single tokens,
 * aliases, the user's scope, and the re-index when the rules change. */
#include "unit/test.h"

#include "api/person_names.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "support/engines.h"

static test_engine engines[2];
static int nengines;

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

static void make_user(db *d, const char *name, user_rec *u)
{
	make_user_in(d, name, "Force", "EMT", u);
}

/* Everyone recorded in the user's force. */
static person_scope force_of(const user_rec *u)
{
	person_scope s = {.as_person = {.org_id = u->org_id}, .as_suspect = {.org_id = u->org_id}};
	return s;
}

static void add(db *d, const user_rec *by, const char *given, const char *family, const char *aliases,
		char id[37])
{
	person_rec p = {.given_names = given, .family_name = family, .aliases = aliases,
			.estimated_age = -1, .nationalities = "[]", .languages = "[]"};
	memcpy(p.created_by, by->id, 37);
	memcpy(p.team_id, by->team_id, 37);
	static name_index ix;
	person_name_index(&p, &ix);
	assert_int_equal(store_person_create(d, &p, &ix), DB_OK);
	if (id)
		memcpy(id, p.id, 37);
}

typedef struct found {
	int n;
	char names[32][128];
	double score[32];
} found;

static int keep(const person_rec *p, double score, void *arg)
{
	found *f = arg;
	if (f->n < 32) {
		snprintf(f->names[f->n], sizeof f->names[f->n], "%s %s", p->given_names, p->family_name);
		f->score[f->n++] = score;
	}
	return 0;
}

static int has(const found *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->names[i], name) == 0)
			return 1;
	return 0;
}

static found find(db *d, const person_scope *sc, const char *q)
{
	found f = {0};
	arena *a = arena_new();
	assert_int_equal(person_find(d, a, sc, q, 0.75, keep, &f), DB_OK);
	arena_free(a);
	return f;
}

static void populate(db *d, const user_rec *u)
{
	add(d, u, "Ștefan", "Munteanu", "[]", NULL);
	add(d, u, "Mohammed", "Ali", "[]", NULL);
	add(d, u, "Văn Nam", "Nguyễn", "[]", NULL);
	add(d, u, "Piotr", "Davies", "[]", NULL);
	add(d, u, "Arben", "Hoxha", "[\"Beni Kola\"]", NULL);
	/* Plenty of people sharing one of the names, none both. */
	static const char *const others[] = {"Ali Hassan", "Omar Ali", "Mohammed Idris",
					     "Mohammed Osman", "Ion Munteanu", "Elena Munteanu",
					     "Piotr Nowak", "Anna Davies", "Minh Nguyễn"};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		char g[32], f[32];
		sscanf(others[i], "%31s %31s", g, f);
		add(d, u, g, f, "[]", NULL);
	}
}

static void test_spellings_find_the_person(void **state)
{
	(void)state;
	static const struct {
		const char *query, *want;
	} cases[] = {
		{"Stefan Munteanu", "Ștefan Munteanu"},	   /* missing diacritics */
		{"Muhammad Ali", "Mohammed Ali"},	   /* transliteration */
		{"Ali Mohamed", "Mohammed Ali"},	   /* order swapped, one m */
		{"Nguyen Van Nam", "Văn Nam Nguyễn"},	   /* family first, no accents */
		{"Pior Davies", "Piotr Davies"},	   /* a letter dropped */
		{"Stefan Muntaenu", "Ștefan Munteanu"},	   /* two letters swapped */
		{"Beni Kola", "Arben Hoxha"},		   /* an alias */
	};
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user(d, "finder", &u);
		populate(d, &u);
		person_scope all = force_of(&u);
		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			found f = find(d, &all, cases[i].query);
			if (!has(&f, cases[i].want))
				fail_msg("%s: %s not found for %s", engines[e].name, cases[i].want,
					 cases[i].query);
		}
		/* A pair that matched keeps out people sharing only one name. */
		found f = find(d, &all, "Mohammed Ali");
		assert_false(has(&f, "Mohammed Idris"));
		assert_false(has(&f, "Omar Ali"));
		/* One word: everyone of that name. */
		f = find(d, &all, "Munteanu");
		assert_true(has(&f, "Ion Munteanu") && has(&f, "Elena Munteanu") &&
			    has(&f, "Ștefan Munteanu"));
		/* Nothing alike: nobody, and nothing for an empty query. */
		assert_int_equal(find(d, &all, "Zzyzx Qwerty").n, 0);
		assert_int_equal(find(d, &all, " - ").n, 0);
		db_close(d);
	}
}

static void test_scope_limits_who_is_found(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec mine, theirs, elsewhere;
		make_user_in(d, "mine", "Force", "EMT", &mine);
		make_user_in(d, "theirs", "Force", "CID", &theirs);
		make_user_in(d, "elsewhere", "Other Force", "EMT", &elsewhere);
		add(d, &mine, "Elira", "Gashi", "[]", NULL);
		add(d, &theirs, "Elira", "Gashi", "[]", NULL);
		add(d, &elsewhere, "Elira", "Gashi", "[]", NULL);
		/* In no case yet, a person is found by the team that recorded them. */
		person_scope team = {.as_person = {.team_id = mine.team_id}, .as_suspect = {.team_id = mine.team_id}};
		assert_int_equal(find(d, &team, "Elira Gashi").n, 1);
		/* Force-wide: both teams, never the other force. */
		person_scope all = force_of(&mine);
		assert_int_equal(find(d, &all, "Elira Gashi").n, 2);
		person_scope nothing = {.everyone = 0};
		assert_int_equal(find(d, &nothing, "Elira Gashi").n, 0);
		db_close(d);
	}
}

static void test_reindex_rebuilds_when_the_rules_change(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		db *d = test_db_fresh(engines[e].name, NULL, 0);
		user_rec u;
		make_user(d, "indexer", &u);
		int n = -1;
		assert_int_equal(person_names_reindex(d, &n), DB_OK);
		assert_int_equal(n, 0); /* nobody yet, and now current */
		populate(d, &u);
		assert_int_equal(person_names_reindex(d, &n), DB_OK);
		assert_int_equal(n, 0); /* current: nothing to do */
		/* Lose the index, as an older version's rows would be, and say so. */
		assert_int_equal(db_exec(d, "DELETE FROM person_name_keys; DELETE FROM name_terms"), DB_OK);
		assert_int_equal(store_setting_put(d, "name_index", "1"), DB_OK);
		person_scope all = force_of(&u);
		assert_int_equal(find(d, &all, "Muhammad Ali").n, 0);
		assert_int_equal(person_names_reindex(d, &n), DB_OK);
		assert_int_equal(n, 14);
		assert_true(has((found[]){find(d, &all, "Muhammad Ali")}, "Mohammed Ali"));
		assert_true(has((found[]){find(d, &all, "Beni Kola")}, "Arben Hoxha"));
		db_close(d);
	}
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spellings_find_the_person),
		cmocka_unit_test(test_scope_limits_who_is_found),
		cmocka_unit_test(test_reindex_rebuilds_when_the_rules_change),
	};
	return cmocka_run_group_tests_name(nengines == 2 ? "api/person_names (sqlite, pg)"
							  : "api/person_names (sqlite)",
					   tests, NULL, NULL);
}
