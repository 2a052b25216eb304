/* Finding people by name over the stored index, on both engines: typos and
 * transliterations through the dictionary, pairs before single tokens,
 * aliases, the user's scope (every way a person is reached, kept in step as
 * people are linked, merged, unmerged and moved), and the re-index when the
 * rules change. */
#include "unit/test.h"

#include <jansson.h>
#include <pthread.h>
#include <unistd.h>

#include "api/person_names.h"
#include "domain/access.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/staff.h"
#include "support/engines.h"
#include "support/fixtures.h"

static test_engine engines[2];
static int nengines;

/* Everyone recorded in the user's force. */
static person_scope force_of(const user_rec *u)
{
	person_scope s = {.as_person = {.org_id = u->org_id}, .as_suspect = {.org_id = u->org_id}};
	return s;
}

static void add(db *d, const user_rec *by, const char *given, const char *family,
                const char *aliases, char id[37])
{
	person_rec p = fixture_person_rec(by, given, family);
	p.aliases = aliases;
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
		snprintf(f->names[f->n], sizeof f->names[f->n], "%s %s", p->given_names,
		         p->family_name);
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
	static const char *const others[] = {"Ali Hassan",     "Omar Ali",     "Mohammed Idris",
	                                     "Mohammed Osman", "Ion Munteanu", "Elena Munteanu",
	                                     "Piotr Nowak",    "Anna Davies",  "Minh Nguyễn"};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		char g[32], f[32];
		sscanf(others[i], "%31s %31s", g, f);
		add(d, u, g, f, "[]", NULL);
	}
}

static void test_spellings_find_the_person(db *d)
{
	static const struct {
		const char *query, *want;
	} cases[] = {
	    {"Stefan Munteanu", "Ștefan Munteanu"}, /* missing diacritics */
	    {"Muhammad Ali", "Mohammed Ali"},       /* transliteration */
	    {"Ali Mohamed", "Mohammed Ali"},        /* order swapped, one m */
	    {"Nguyen Van Nam", "Văn Nam Nguyễn"},   /* family first, no accents */
	    {"Pior Davies", "Piotr Davies"},        /* a letter dropped */
	    {"Stefan Muntaenu", "Ștefan Munteanu"}, /* two letters swapped */
	    {"Beni Kola", "Arben Hoxha"},           /* an alias */
	};
	user_rec u;
	fixture_user(d, "finder", "investigator", "Force", "EMT", &u);
	populate(d, &u);
	person_scope all = force_of(&u);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		found f = find(d, &all, cases[i].query);
		if (!has(&f, cases[i].want))
			fail_msg("%s: %s not found for %s", test_engine_now(), cases[i].want,
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
}

static void test_scope_limits_who_is_found(db *d)
{
	user_rec mine, theirs, elsewhere;
	fixture_user(d, "mine", "investigator", "Force", "EMT", &mine);
	fixture_user(d, "theirs", "investigator", "Force", "CID", &theirs);
	fixture_user(d, "elsewhere", "investigator", "Other Force", "EMT", &elsewhere);
	add(d, &mine, "Elira", "Gashi", "[]", NULL);
	add(d, &theirs, "Elira", "Gashi", "[]", NULL);
	add(d, &elsewhere, "Elira", "Gashi", "[]", NULL);
	/* In no case yet, a person is found by the team that recorded them. */
	person_scope team = {.as_person = {.team_id = mine.team_id},
	                     .as_suspect = {.team_id = mine.team_id}};
	assert_int_equal(find(d, &team, "Elira Gashi").n, 1);
	/* Force-wide: both teams, never the other force. */
	person_scope all = force_of(&mine);
	assert_int_equal(find(d, &all, "Elira Gashi").n, 2);
	person_scope nothing = {.everyone = 0};
	assert_int_equal(find(d, &nothing, "Elira Gashi").n, 0);
}

/* ---- scope: each way a person is reached ---- */

/* The scope a role's user searches within, as api_reach draws it from the
 * access table. */
static person_scope scope_as(role r, const user_rec *u)
{
	person_scope s = {.everyone = 0};
	unsigned m[] = {access_scope_mask(access_scope_of(r, KIND_PERSON, ACT_READ)),
	                access_scope_mask(access_scope_of(r, KIND_SUSPECT, ACT_READ))};
	store_reach *reach[] = {&s.as_person, &s.as_suspect};
	for (int k = 0; k < 2; k++) {
		reach[k]->user_id = m[k] & REL_ALLOCATED ? u->id : NULL;
		reach[k]->team_id = m[k] & REL_TEAM ? u->team_id : NULL;
		reach[k]->org_id = m[k] & REL_ORG ? u->org_id : NULL;
	}
	return s;
}

/* The people of a small country: force A's teams EMT (mine) and CID
 * (theirs), force B's EMT (far); each searcher a user of one of them. */
typedef struct country {
	user_rec mine, theirs, far;
	char case_mine[37], case_theirs[37], case_allocated[37], case_far[37];
} country;

static void make_country(db *d, country *c)
{
	fixture_three_teams(d, &c->mine, &c->theirs, &c->far);
	fixture_case(d, &c->mine, "Operation", c->case_mine);
	fixture_case(d, &c->theirs, "Operation", c->case_theirs);
	fixture_case(d, &c->theirs, "Operation", c->case_allocated);
	fixture_case(d, &c->far, "Operation", c->case_far);
	fixture_lead(d, c->case_allocated, &c->mine, NULL, &c->theirs, NULL);
}

/* Searchers, as the table's columns below. No role's two reaches differ but
 * in whether it reaches suspects at all, but the store takes them apart:
 * MIXED reaches people force-wide and suspects through the EMT and its
 * allocated case; CROSSED people through the CID, suspects through the EMT,
 * and both through the allocated case. */
enum { INV_MINE, INV_THEIRS, ANALYST_A, SAFEGUARDING_A, INV_FAR, MIXED, CROSSED, SEARCHERS };

static void searchers(const country *c, person_scope s[SEARCHERS])
{
	s[INV_MINE] = scope_as(ROLE_INVESTIGATOR, &c->mine);
	s[INV_THEIRS] = scope_as(ROLE_INVESTIGATOR, &c->theirs);
	s[ANALYST_A] = scope_as(ROLE_ANALYST, &c->mine);
	s[SAFEGUARDING_A] = scope_as(ROLE_SAFEGUARDING, &c->mine);
	s[INV_FAR] = scope_as(ROLE_INVESTIGATOR, &c->far);
	s[MIXED].as_person = s[ANALYST_A].as_person;
	s[MIXED].as_suspect = s[INV_MINE].as_suspect;
	s[MIXED].everyone = 0;
	s[CROSSED] = s[INV_MINE];
	s[CROSSED].as_person.team_id = c->theirs.team_id;
}

static void test_scope_reaches_each_way_a_person_is_reached(db *d)
{
	enum { NONE, MINE, THEIRS, ALLOCATED, FAR };
	static const struct {
		const char *given, *family;
		const char *recorded_by; /* "mine", "theirs" or "far" */
		int in[2];               /* cases */
		const char *role[2];
		int found[SEARCHERS]; /* investigator EMT (with CID's case allocated),
		                         investigator CID, analyst A, safeguarding A,
		                         investigator of force B, mixed, crossed */
	} people[] = {
	    /* (c) in no case: the recording team, within its force */
	    {"Elira", "Gashi", "mine", {NONE}, {NULL}, {1, 0, 1, 1, 0, 1, 0}},
	    {"Dritan", "Hoxha", "theirs", {NONE}, {NULL}, {0, 1, 1, 1, 0, 1, 1}},
	    /* (a) a part other than as suspect */
	    {"Besnik", "Leka", "mine", {MINE}, {"witness"}, {1, 0, 1, 1, 0, 1, 0}},
	    /* once in a case, the recording team no longer counts */
	    {"Ermal", "Shehu", "mine", {THEIRS}, {"potential_victim"}, {0, 1, 1, 1, 0, 1, 1}},
	    /* (b) as a suspect: only where the role reaches suspects */
	    {"Arben", "Kola", "mine", {MINE}, {"suspect"}, {1, 0, 1, 0, 0, 1, 1}},
	    {"Gentian", "Marku", "theirs", {THEIRS}, {"suspect"}, {0, 1, 1, 0, 0, 0, 0}},
	    /* a case allocated to the user, of another team */
	    {"Mirela", "Dervishi", "theirs", {ALLOCATED}, {"witness"}, {1, 1, 1, 1, 0, 1, 1}},
	    {"Klodian", "Berisha", "theirs", {ALLOCATED}, {"suspect"}, {1, 1, 1, 0, 0, 1, 1}},
	    /* a suspect here and a witness there: each part for its own reach */
	    {"Florin",
	     "Popescu",
	     "mine",
	     {MINE, THEIRS},
	     {"suspect", "witness"},
	     {1, 1, 1, 1, 0, 1, 1}},
	    {"Stefan",
	     "Rusu",
	     "mine",
	     {MINE, THEIRS},
	     {"suspect", "suspect"},
	     {1, 1, 1, 0, 0, 1, 1}},
	    /* another force's case, whoever recorded them */
	    {"Blerina", "Krasniqi", "far", {FAR}, {"potential_victim"}, {0, 0, 0, 0, 1, 0, 0}},
	    {"Ion", "Munteanu", "mine", {FAR}, {"suspect"}, {0, 0, 0, 0, 1, 0, 0}},
	};
	country c;
	make_country(d, &c);
	const char *case_of[] = {NULL, c.case_mine, c.case_theirs, c.case_allocated, c.case_far};
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
		const user_rec *by = !strcmp(people[i].recorded_by, "mine")     ? &c.mine
		                     : !strcmp(people[i].recorded_by, "theirs") ? &c.theirs
		                                                                : &c.far;
		char id[37];
		add(d, by, people[i].given, people[i].family, "[]", id);
		for (int k = 0; k < 2 && people[i].in[k] != NONE; k++)
			assert_int_equal(fixture_link(d, by, case_of[people[i].in[k]], id,
			                              people[i].role[k], NULL),
			                 DB_OK);
	}
	person_scope s[SEARCHERS];
	searchers(&c, s);
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s %s", people[i].given, people[i].family);
		for (int k = 0; k < SEARCHERS; k++) {
			found f = find(d, &s[k], name);
			if (has(&f, name) != people[i].found[k])
				fail_msg("%s: %s %s by searcher %d", test_engine_now(), name,
				         people[i].found[k] ? "not found" : "found", k);
		}
	}
	/* Allocation is what lets the EMT investigator reach the CID case. */
	person_scope team_only = s[INV_MINE];
	team_only.as_person.user_id = team_only.as_suspect.user_id = NULL;
	found f = find(d, &team_only, "Mirela Dervishi");
	assert_false(has(&f, "Mirela Dervishi"));
	f = find(d, &team_only, "Klodian Berisha");
	assert_false(has(&f, "Klodian Berisha"));
	/* Everyone, for the benchmark's reference; nobody for no scope. */
	person_scope all = {.everyone = 1}, nothing = {.everyone = 0};
	assert_true(has((found[]){find(d, &all, "Ion Munteanu")}, "Ion Munteanu"));
	assert_int_equal(find(d, &nothing, "Ion Munteanu").n, 0);
}

/* Whether the rule, read from the person's record and parts as the person
 * page reads them (not from the search's own rows), lets the scope see id. */
typedef struct oracle {
	const person_scope *s;
	int parts, seen;
} oracle;

static int reach_holds(const store_reach *r, const char *org_id, const char *team_id, int allocated)
{
	return (r->team_id && team_id && !strcmp(r->team_id, team_id)) ||
	       (r->org_id && org_id && !strcmp(r->org_id, org_id)) || (r->user_id && allocated);
}

static int oracle_part(const person_part *part, void *arg)
{
	oracle *o = arg;
	const store_reach *r =
	    !strcmp(part->role, "suspect") ? &o->s->as_suspect : &o->s->as_person;
	o->parts++;
	o->seen |= reach_holds(r, part->org_id, part->team_id, part->allocated);
	return 0;
}

static int rule_sees(db *d, const person_scope *s, const char *id)
{
	arena *a = arena_new();
	person_rec p;
	int rc = store_person_get(d, a, id, &p);
	oracle o = {s, 0, 0};
	if (rc == DB_ROW) {
		const char *user =
		    s->as_person.user_id ? s->as_person.user_id : s->as_suspect.user_id;
		assert_int_equal(store_person_parts(d, id, user, oracle_part, &o), DB_OK);
		if (!o.parts)
			o.seen = reach_holds(&s->as_person, p.org_id, p.team_id, 0);
	}
	arena_free(a);
	return rc == DB_ROW && o.seen;
}

/* Every searcher finds each of the people exactly when the rule says so. */
static void expect_in_step(db *d, const country *c, const char *names[], char ids[][37], int n,
                           const char *step)
{
	person_scope s[SEARCHERS];
	searchers(c, s);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < SEARCHERS; k++) {
			found f = find(d, &s[k], names[i]);
			if (has(&f, names[i]) != rule_sees(d, &s[k], ids[i]))
				fail_msg("after %s: %s %s by searcher %d against the rule", step,
				         names[i], has(&f, names[i]) ? "found" : "not found", k);
		}
}

static void test_scope_stays_in_step_as_links_change(db *d)
{
	country c;
	make_country(d, &c);
	person_scope s[SEARCHERS];
	searchers(&c, s);
	enum { ARBEN, BESNIK, DRITAN, N };
	const char *names[N] = {"Arben Hoxha", "Besnik Kola", "Dritan Leka"};
	char ids[N][37], link_mine[37], link_theirs[37];
	add(d, &c.theirs, "Arben", "Hoxha", "[]", ids[ARBEN]);
	add(d, &c.theirs, "Besnik", "Kola", "[]", ids[BESNIK]);
	add(d, &c.theirs, "Dritan", "Leka", "[]", ids[DRITAN]);
	expect_in_step(d, &c, names, ids, N, "recording");
	assert_false(has((found[]){find(d, &s[INV_MINE], names[ARBEN])}, names[ARBEN]));

	/* Linked into the EMT's case, Arben leaves the CID (who recorded him). */
	assert_int_equal(fixture_link(d, &c.mine, c.case_mine, ids[ARBEN], "witness", link_mine),
	                 DB_OK);
	expect_in_step(d, &c, names, ids, N, "linking");
	assert_true(has((found[]){find(d, &s[INV_MINE], names[ARBEN])}, names[ARBEN]));
	assert_false(has((found[]){find(d, &s[INV_THEIRS], names[ARBEN])}, names[ARBEN]));

	/* Dritan, a suspect in the CID's case, merged into Arben: Arben is
	 * now the CID's suspect too, and Dritan is found by nobody. */
	assert_int_equal(
	    fixture_link(d, &c.theirs, c.case_theirs, ids[DRITAN], "suspect", link_theirs), DB_OK);
	int moved = 0;
	assert_int_equal(store_person_merge(d, ids[DRITAN], ids[ARBEN], c.theirs.id, &moved),
	                 DB_OK);
	assert_int_equal(moved, 1);
	expect_in_step(d, &c, names, ids, N, "merging");
	assert_true(has((found[]){find(d, &s[INV_THEIRS], names[ARBEN])}, names[ARBEN]));
	assert_false(has((found[]){find(d, &s[SAFEGUARDING_A], names[DRITAN])}, names[DRITAN]));
	for (int k = 0; k < SEARCHERS; k++)
		assert_false(has((found[]){find(d, &s[k], names[DRITAN])}, names[DRITAN]));

	/* Unmerged (the links moved back, as the API does): as before. */
	arena *a = arena_new();
	const char *target = NULL, *links = NULL;
	int rc = store_person_unmerge(d, a, ids[DRITAN], c.theirs.id, &target, &links);
	assert_int_equal(rc, DB_ROW);
	json_t *back = json_loads(links, 0, NULL);
	size_t i;
	json_t *v;
	json_array_foreach(back, i, v)
	{
		assert_int_equal(store_case_link_move(d, json_string_value(v), ids[DRITAN]), DB_OK);
	}
	json_decref(back);
	arena_free(a);
	expect_in_step(d, &c, names, ids, N, "unmerging");
	assert_false(has((found[]){find(d, &s[INV_THEIRS], names[ARBEN])}, names[ARBEN]));
	assert_true(has((found[]){find(d, &s[INV_THEIRS], names[DRITAN])}, names[DRITAN]));
	assert_false(has((found[]){find(d, &s[SAFEGUARDING_A], names[DRITAN])}, names[DRITAN]));

	/* Arben's only link given to Besnik: Arben is in no case again and
	 * back with the team that recorded him; Besnik is the EMT's. */
	assert_int_equal(store_case_link_move(d, link_mine, ids[BESNIK]), DB_OK);
	expect_in_step(d, &c, names, ids, N, "moving a link");
	assert_true(has((found[]){find(d, &s[INV_THEIRS], names[ARBEN])}, names[ARBEN]));
	assert_false(has((found[]){find(d, &s[INV_MINE], names[ARBEN])}, names[ARBEN]));
	assert_true(has((found[]){find(d, &s[INV_MINE], names[BESNIK])}, names[BESNIK]));

	/* The EMT's case given to force B's team takes Besnik with it. */
	arena *ca = arena_new();
	case_rec cr;
	assert_int_equal(store_case_get(d, ca, c.case_mine, &cr), DB_ROW);
	memcpy(cr.team_id, c.far.team_id, 37);
	assert_int_equal(store_case_update(d, &cr, "operation"), DB_OK);
	arena_free(ca);
	expect_in_step(d, &c, names, ids, N, "moving a case");
	assert_false(has((found[]){find(d, &s[INV_MINE], names[BESNIK])}, names[BESNIK]));
	assert_true(has((found[]){find(d, &s[INV_FAR], names[BESNIK])}, names[BESNIK]));

	/* Renamed, Besnik is found by the new name within the same reach. */
	arena *pa = arena_new();
	person_rec p;
	assert_int_equal(store_person_get(d, pa, ids[BESNIK], &p), DB_ROW);
	p.given_names = "Gentian";
	p.family_name = "Marku";
	static name_index ix;
	person_name_index(&p, &ix);
	assert_int_equal(store_person_update(d, &p, &ix), DB_OK);
	arena_free(pa);
	names[BESNIK] = "Gentian Marku";
	expect_in_step(d, &c, names, ids, N, "renaming");
	assert_true(has((found[]){find(d, &s[INV_FAR], "Gentian Marku")}, "Gentian Marku"));
	assert_false(has((found[]){find(d, &s[INV_FAR], "Besnik Kola")}, "Besnik Kola"));
}

/* The second of two changes to one person, on its own connection. */
typedef struct second_change {
	const char *url;
	const user_rec *by;
	const char *case_id, *person_id;
	int rc;
} second_change;

static void *link_meanwhile(void *arg)
{
	second_change *x = arg;
	char err[256];
	db *d;
	x->rc = db_open(x->url, 5000, &d, err, sizeof err);
	if (x->rc != DB_OK)
		return NULL;
	case_person_rec cp = {0};
	memcpy(cp.case_id, x->case_id, 37);
	memcpy(cp.person_id, x->person_id, 37);
	cp.role = "witness";
	if ((x->rc = db_begin(d)) == DB_OK &&
	    (x->rc = store_case_person_add(d, &cp, x->by->id)) == DB_OK)
		x->rc = db_commit(d);
	db_close(d);
	return NULL;
}

static void test_scope_holds_when_two_changes_meet(void **state)
{
	(void)state;
	for (int e = 0; e < nengines; e++) {
		char url[512];
		db *d = test_db_fresh(engines[e].name, url, sizeof url);
		country c;
		make_country(d, &c);
		/* Arben, recorded by the CID, is in the EMT's case only. */
		char arben[37], other[37], link_mine[37];
		add(d, &c.theirs, "Arben", "Hoxha", "[]", arben);
		add(d, &c.theirs, "Besnik", "Kola", "[]", other);
		assert_int_equal(fixture_link(d, &c.mine, c.case_mine, arben, "witness", link_mine),
		                 DB_OK);
		/* One change gives his only link away (he would be in no case, back
		 * with the CID) while another links him into force B's case. */
		assert_int_equal(db_begin(d), DB_OK);
		assert_int_equal(store_case_link_move(d, link_mine, other), DB_OK);
		second_change x = {url, &c.far, c.case_far, arben, DB_OK};
		pthread_t t;
		assert_int_equal(pthread_create(&t, NULL, link_meanwhile, &x), 0);
		usleep(300 * 1000); /* the second waits on the first */
		assert_int_equal(db_commit(d), DB_OK);
		assert_int_equal(pthread_join(t, NULL), 0);
		assert_int_equal(x.rc, DB_OK);
		/* In force B's case: the CID that recorded him no longer finds him. */
		person_scope s[SEARCHERS];
		searchers(&c, s);
		assert_false(has((found[]){find(d, &s[INV_THEIRS], "Arben Hoxha")}, "Arben Hoxha"));
		assert_true(has((found[]){find(d, &s[INV_FAR], "Arben Hoxha")}, "Arben Hoxha"));
		const char *names[] = {"Arben Hoxha", "Besnik Kola"};
		char ids[2][37];
		memcpy(ids[0], arben, 37);
		memcpy(ids[1], other, 37);
		expect_in_step(d, &c, names, ids, 2, "two changes at once");
		db_close(d);
	}
}

static int first_name(const person_rec *p, void *arg)
{
	snprintf(arg, 128, "%s %s", p->given_names, p->family_name);
	return 0;
}

static void test_candidates_count_a_person_once_however_reached(db *d)
{
	country c;
	make_country(d, &c);
	/* Fatima shares one key, through three cases of the team; Amina two,
	 * through one. Amina shares more keys and comes first. */
	char fatima[37], amina[37], more[2][37];
	add(d, &c.mine, "Fatima", "Osman", "[]", fatima);
	add(d, &c.mine, "Amina", "Osman", "[]", amina);
	fixture_case(d, &c.mine, "Operation", more[0]);
	fixture_case(d, &c.mine, "Operation", more[1]);
	assert_int_equal(fixture_link(d, &c.mine, c.case_mine, fatima, "witness", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &c.mine, more[0], fatima, "witness", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &c.mine, more[1], fatima, "potential_victim", NULL),
	                 DB_OK);
	assert_int_equal(fixture_link(d, &c.mine, c.case_mine, amina, "witness", NULL), DB_OK);
	char keys[2][NAME_KEY_MAX];
	names_token_key("amina", keys[0]);
	names_token_key("osman", keys[1]);
	person_scope s = scope_as(ROLE_INVESTIGATOR, &c.mine);
	char best[128] = "";
	arena *a = arena_new();
	int rc = store_person_candidates(d, a, &s, keys, 2, 1, 100, first_name, best);
	assert_int_equal(rc, DB_OK);
	arena_free(a);
	assert_string_equal(best, "Amina Osman");
}

static void test_reindex_rebuilds_when_the_rules_change(db *d)
{
	user_rec u;
	fixture_user(d, "indexer", "investigator", "Force", "EMT", &u);
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
}

int main(void)
{
	secure_init();
	nengines = test_engines(engines);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_spellings_find_the_person),
	    ENGINE_TEST(test_scope_limits_who_is_found),
	    ENGINE_TEST(test_scope_reaches_each_way_a_person_is_reached),
	    ENGINE_TEST(test_scope_stays_in_step_as_links_change),
	    cmocka_unit_test(test_scope_holds_when_two_changes_meet),
	    ENGINE_TEST(test_candidates_count_a_person_once_however_reached),
	    ENGINE_TEST(test_reindex_rebuilds_when_the_rules_change),
	};
	return cmocka_run_group_tests_name(test_suite_name("api/person_names"), tests, NULL, NULL);
}
