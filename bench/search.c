/* Person search benchmark: Waymark's name matching against the nearest
 * off-the-shelf choice (SQLite FTS5 trigram, or PostgreSQL pg_trgm), on the
 * same generated people, in the same run; and, with --as, a signed-in
 * user's scoped search beside the unscoped one, in a national store.
 *
 *   build/bench/search [--db URL] [--people N] [--queries Q] [--variants FILE] [--cases]
 *   build/bench/search --as ROLE [--db URL] [--people N] [--queries Q] [--variants FILE]
 *
 * With --cases, every four people also make a case (two potential victims,
 * a witness and a suspect, an indicator on the first), so that a case page
 * can be read (bench/case-read.sh --db) in a database of that size.
 * Generates N people with names in the NRM's mix, then Q queries, each a
 * real person's name spelt another way (typo, transliteration, missing
 * accents, swapped order, alias), written with the expected person to the
 * variants file. Reports latency p50/p99 and recall@10 for both searches.
 *
 * With --as ROLE (investigator, supervisor, analyst, safeguarding) the
 * people are spread over a national store instead: 43 forces of three to
 * seven teams, cases spread over the teams, most people in one case and a
 * quarter of those in a second of the same force, a quarter of parts as
 * suspects, one person in ten in no case (reached through the team that
 * recorded them). The user is in the first team of the first force, with a
 * few cases of other teams allocated to them (investigators and
 * supervisors); their scope is the access table's for the role. Queries
 * are drawn from the people the user may see, and each is searched scoped
 * and unscoped (everyone), so the two recalls compare; every person the
 * scoped search returns is checked against the rule. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/person_names.h"
#include "domain/access.h"
#include "domain/roles.h"
#include "domain/names.h"
#include "domain/text.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/migrate.h"
#include "store/people.h"
#include "store/staff.h"

static uint64_t state = 88172645463325252ULL;
static uint32_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (uint32_t)(state >> 11);
}
#define PICK(a) (a)[rnd() % (sizeof(a) / sizeof((a)[0]))]

static const char *const given[] = {
	"Mohammed", "Ahmed", "Ali", "Omar", "Yusuf", "Ibrahim", "Hassan", "Mustafa", "Fatima", "Amina",
	"Arben", "Besnik", "Dritan", "Elira", "Ermal", "Klodian", "Blerina", "Mirela", "Gentian",
	"Minh", "Anh", "Đức", "Huy", "Linh", "Quang", "Thành", "Tuấn", "Hoa", "Lan",
	"Yonas", "Tesfay", "Semhar", "Filmon", "Kibrom", "Mehari", "Senait", "Robel",
	"Ștefan", "Ion", "Andrei", "Mihai", "Florin", "Elena", "Ioana", "Gheorghe", "Alexandru",
	"Jack", "Oliver", "Harry", "Charlie", "Amelia", "Olivia", "Chloe", "Kyle", "Liam", "Callum",
	"Piotr", "Krzysztof", "Anna", "Tomasz", "Katarzyna", "Paweł", "Agnieszka", "Łukasz",
	"Rahul", "Amit", "Priya", "Suresh", "Chinedu", "Ngozi", "Emeka", "Adebayo", "Wei", "Jun",
};
static const char *const family[] = {
	"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Davies", "Roberts",
	"Hoxha", "Shehu", "Berisha", "Krasniqi", "Gashi", "Leka", "Dervishi", "Kola", "Marku",
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi",
	"Tesfamariam", "Ghebremedhin", "Haile", "Kidane", "Berhane", "Tekle", "Gebru",
	"Abdalla", "Osman", "Idris", "Adam", "Hamid", "Musa", "Babiker", "Elamin", "Hussein",
	"Popescu", "Ionescu", "Dumitru", "Stoica", "Rusu", "Munteanu", "Constantin", "Ciobanu",
	"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
	"Singh", "Kumar", "Sharma", "Patel", "Okafor", "Adeyemi", "Okonkwo", "Wang", "Zhang",
	"Ahmadi", "Karimi", "Rahimi", "Safi", "Noori", "Sultani", "Azizi", "Haidari",
};
/* Transliteration pairs: the query uses the other spelling. */
static const char *const translit[][2] = {
	{"Mohammed", "Muhammad"}, {"Ahmed", "Ahmad"},	  {"Yusuf", "Youssef"},
	{"Omar", "Umar"},	  {"Hassan", "Hasan"},	  {"Mustafa", "Mostafa"},
	{"Ibrahim", "Ebrahim"},	  {"Fatima", "Fatma"},	  {"Ștefan", "Stephan"},
	{"Alexandru", "Aleksandru"}, {"Mihai", "Mihail"}, {"Piotr", "Pyotr"},
};

typedef struct person {
	char id[37];
	char given[64];
	char family[64];
	int team;                 /* the team that recorded them (national store) */
	int part[2];              /* the cases they are in, -1 for none */
	unsigned char suspect[2]; /* whether each part is as a suspect */
} person;

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* Writes a misspelt form of p's name into q. */
static void variant(const person *p, char *q, size_t n)
{
	char g[64], f[64];
	snprintf(g, sizeof g, "%s", p->given);
	snprintf(f, sizeof f, "%s", p->family);
	int kind = (int)(rnd() % 5);
	if (kind == 0) { /* transliteration where one exists, else a typo */
		for (size_t i = 0; i < sizeof translit / sizeof translit[0]; i++)
			if (strcmp(g, translit[i][0]) == 0) {
				snprintf(q, n, "%s %s", translit[i][1], f);
				return;
			}
		kind = 1;
	}
	if (kind == 1) { /* one typo in the family name: swap two letters */
		size_t len = strlen(f);
		if (len > 3 && (unsigned char)f[len - 2] < 0x80 && (unsigned char)f[len - 3] < 0x80) {
			char t = f[len - 2];
			f[len - 2] = f[len - 3];
			f[len - 3] = t;
		}
		snprintf(q, n, "%s %s", g, f);
		return;
	}
	if (kind == 2) { /* no accents */
		buf b;
		buf_init(&b);
		char full[160];
		snprintf(full, sizeof full, "%s %s", g, f);
		text_fold(full, &b);
		snprintf(q, n, "%s", buf_str(&b));
		buf_free(&b);
		return;
	}
	if (kind == 3) { /* family name first */
		snprintf(q, n, "%s %s", f, g);
		return;
	}
	/* a dropped letter in the given name */
	size_t len = strlen(g);
	if (len > 4 && (unsigned char)g[len - 2] < 0x80)
		memmove(g + len - 2, g + len - 1, 2);
	snprintf(q, n, "%s %s", g, f);
}

typedef struct hit {
	char id[37];
	double score;
} hit;

typedef struct collect {
	hit top[10];
	int n;
	int nseen; /* everyone scored above the threshold, for the reach check */
	char seen[1024][37];
} collect;

static int take(const person_rec *p, double s, void *arg)
{
	collect *c = arg;
	if (c->nseen < 1024)
		memcpy(c->seen[c->nseen++], p->id, 37);
	int at = c->n < 10 ? c->n++ : 9;
	if (at == 9 && c->n == 10 && s <= c->top[9].score)
		return 0;
	c->top[at].score = s;
	memcpy(c->top[at].id, p->id, 37);
	for (int i = at; i > 0 && c->top[i].score > c->top[i - 1].score; i--) {
		hit h = c->top[i];
		c->top[i] = c->top[i - 1];
		c->top[i - 1] = h;
	}
	return 0;
}

/* Builds an FTS5 query of the trigrams of each token of the folded name. */
static void trigram_query(const char *name, buf *out)
{
	buf f;
	buf_init(&f);
	text_fold(name, &f);
	const char *s = buf_str(&f);
	int first = 1;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == ' ' || !s[i + 1] || s[i + 1] == ' ' || !s[i + 2] || s[i + 2] == ' ')
			continue;
		int ok = 1;
		for (int k = 0; k < 3; k++)
			if (s[i + k] == '"' || (unsigned char)s[i + k] >= 0x80)
				ok = 0;
		if (!ok)
			continue;
		buf_printf(out, "%s\"%.3s\"", first ? "" : " OR ", s + i);
		first = 0;
	}
	buf_free(&f);
}

/* Whether id names someone of exactly this name (people of the same name
 * cannot be told apart by name, so any of them counts as found). */
static int same_name(db *d, arena *a, const char *id, const person *want)
{
	person_rec r;
	if (store_person_get(d, a, id, &r) != DB_ROW)
		return 0;
	return strcmp(r.given_names, want->given) == 0 && strcmp(r.family_name, want->family) == 0;
}

/* A case for every four people, spread over the years so that references
 * (five digits a year) never run out. */
static int make_cases(db *d, const user_rec *u, const person *people, int npeople)
{
	static const char *const roles[] = {"potential_victim", "potential_victim", "witness", "suspect"};
	char team[37];
	int rc = store_team_ensure(d, u->org_id, "Bench team", team);
	for (int i = 0; i + 3 < npeople && rc == DB_OK; i += 4) {
		if (i % 4000 == 0 && (rc = db_begin(d)) != DB_OK)
			break;
		case_rec c = {.title = "Bench case", .summary = "Generated", .status = "investigating",
			      .exploitation_types = "[\"labour\"]", .offences = "{\"codes\":[\"msa_s1\"],\"other\":null}"};
		memcpy(c.team_id, team, 37);
		memcpy(c.created_by, u->id, 37);
		rc = store_case_create(d, &c, 2000 + (i / 4) % 27, "bench case generated");
		for (int k = 0; k < 4 && rc == DB_OK; k++) {
			case_person_rec cp = {0};
			memcpy(cp.case_id, c.id, 37);
			memcpy(cp.person_id, people[i + k].id, 37);
			cp.role = roles[k];
			rc = store_case_person_add(d, &cp, u->id);
			char ind[37];
			if (rc == DB_OK && k == 0)
				rc = store_indicator_add(d, cp.id, "debt_bondage", NULL, u->id, ind);
		}
		if (rc == DB_OK && (i % 4000 == 3996 || i + 7 >= npeople))
			rc = db_commit(d);
	}
	if (rc != DB_OK)
		db_rollback(d);
	return rc;
}

/* The national store: forces, their teams, and cases spread over the teams;
 * the user's reach, as the access table gives it for their role. */
enum { FORCES = 43, LEADS = 4, ALLOCATED = 5 };

typedef struct nation {
	int nteams, ncases;
	char force[FORCES][37];
	char (*team)[37];
	int *team_force;
	char (*lead)[37]; /* LEADS investigators of each team */
	char (*case_id)[37];
	int *case_team;
	unsigned char *allocated; /* the case is allocated to the user */
	int *by_force, force_first[FORCES + 1]; /* cases grouped by force */
	unsigned person_mask, suspect_mask;
	int my_team, my_force;
} nation;

static int case_in(const nation *n, int c, unsigned mask)
{
	int t = n->case_team[c];
	return ((mask & REL_TEAM) && t == n->my_team) ||
	       ((mask & REL_ORG) && n->team_force[t] == n->my_force) ||
	       ((mask & REL_ALLOCATED) && n->allocated[c]);
}

/* The rule, restated as the benchmark's own oracle: whether the user may
 * see p (through a part in a case within reach, as a suspect only where the
 * role reaches suspects, or, in no case, through the recording team). */
static int within_reach(const nation *n, const person *p)
{
	if (p->part[0] < 0)
		return ((n->person_mask & REL_TEAM) && p->team == n->my_team) ||
		       ((n->person_mask & REL_ORG) && n->team_force[p->team] == n->my_force);
	for (int k = 0; k < 2; k++)
		if (p->part[k] >= 0 &&
		    case_in(n, p->part[k], p->suspect[k] ? n->suspect_mask : n->person_mask))
			return 1;
	return 0;
}

static void make_name(person *p)
{
	snprintf(p->given, sizeof p->given, "%s", PICK(given));
	if (rnd() % 4 == 0) /* some have two given names */
		snprintf(p->given + strlen(p->given), sizeof p->given - strlen(p->given), " %s",
			 PICK(given));
	snprintf(p->family, sizeof p->family, "%s", PICK(family));
}

/* Stores p, recorded by team (NULL for none), with the off-the-shelf
 * search's copy of the name. */
static int add_person(db *d, const user_rec *by, const char *team, person *p, int sqlite)
{
	person_rec r = {.given_names = p->given, .family_name = p->family, .aliases = "[]",
			.estimated_age = -1, .nationalities = "[]", .languages = "[]"};
	memcpy(r.created_by, by->id, 37);
	if (team)
		memcpy(r.team_id, team, 37);
	static name_index ix;
	person_name_index(&r, &ix);
	int rc = store_person_create(d, &r, &ix);
	if (rc != DB_OK)
		return rc;
	memcpy(p->id, r.id, 37);
	char full[160];
	snprintf(full, sizeof full, "%s %s", p->given, p->family);
	buf fold;
	buf_init(&fold);
	text_fold(full, &fold);
	const char *v[] = {p->id, buf_str(&fold)};
	rc = db_run(d, sqlite ? "INSERT INTO name_fts (id, name) VALUES ($1, $2)"
			      : "INSERT INTO name_trgm (id, name) VALUES ($1, $2)",
		    2, v);
	buf_free(&fold);
	return rc;
}

/* One force, one team, everyone recorded by it (and, with --cases, a case
 * for every four people). */
static int load_force(db *d, user_rec *u, person *people, int npeople, int with_cases, int sqlite)
{
	snprintf(u->role, sizeof u->role, "analyst");
	int rc = store_org_ensure(d, "Bench", "force", u->org_id);
	if (rc == DB_OK)
		rc = store_team_ensure(d, u->org_id, "Bench team", u->team_id);
	if (rc == DB_OK)
		rc = store_user_insert(d, u);
	for (int i = 0; i < npeople && rc == DB_OK; i++) {
		if (i % 2000 == 0 && (rc = db_begin(d)) != DB_OK)
			break;
		make_name(&people[i]);
		people[i].part[0] = people[i].part[1] = -1;
		rc = add_person(d, u, u->team_id, &people[i], sqlite);
		if (rc == DB_OK && (i % 2000 == 1999 || i == npeople - 1))
			rc = db_commit(d);
	}
	if (rc != DB_OK) {
		db_rollback(d);
		return rc;
	}
	return with_cases ? make_cases(d, u, people, npeople) : DB_OK;
}

static const char *part_role(int suspect)
{
	if (suspect)
		return "suspect";
	uint32_t r = rnd() % 20;
	return r < 12 ? "potential_victim" : r < 17 ? "witness" : "other";
}

/* The national store (see the top of the file); u records everything and
 * me is the user searching, with role. */
static int load_nation(db *d, nation *n, user_rec *u, user_rec *me, person *people, int npeople,
		       int sqlite)
{
	n->team = calloc(FORCES * 7, sizeof *n->team);
	n->team_force = calloc(FORCES * 7, sizeof *n->team_force);
	int rc = n->team && n->team_force ? DB_OK : DB_NOMEM;
	for (int f = 0; f < FORCES && rc == DB_OK; f++) {
		char name[32];
		snprintf(name, sizeof name, "Force %02d", f + 1);
		rc = store_org_ensure(d, name, "force", n->force[f]);
		int teams = 3 + (int)(rnd() % 5);
		for (int t = 0; t < teams && rc == DB_OK; t++) {
			snprintf(name, sizeof name, "Team %d", t + 1);
			n->team_force[n->nteams] = f;
			rc = store_team_ensure(d, n->force[f], name, n->team[n->nteams++]);
		}
	}
	/* The recorder and the user: both in the first team of the first force. */
	n->my_team = n->my_force = 0;
	snprintf(u->role, sizeof u->role, "analyst");
	memcpy(u->org_id, n->force[0], 37);
	memcpy(u->team_id, n->team[0], 37);
	memcpy(me->org_id, n->force[0], 37);
	memcpy(me->team_id, n->team[0], 37);
	if (rc == DB_OK && (rc = store_user_insert(d, u)) == DB_OK)
		rc = store_user_insert(d, me);
	/* Each team's investigators, one of whom leads each of its cases. */
	n->lead = calloc((size_t)n->nteams * LEADS, sizeof *n->lead);
	if (!n->lead)
		rc = DB_NOMEM;
	for (int i = 0; i < n->nteams * LEADS && rc == DB_OK; i++) {
		user_rec l = {0};
		snprintf(l.username, sizeof l.username, "lead-%d", i);
		snprintf(l.display_name, sizeof l.display_name, "Lead %d", i);
		snprintf(l.role, sizeof l.role, "investigator");
		snprintf(l.password_hash, sizeof l.password_hash, "x");
		memcpy(l.org_id, n->force[n->team_force[i / LEADS]], 37);
		memcpy(l.team_id, n->team[i / LEADS], 37);
		rc = store_user_insert(d, &l);
		memcpy(n->lead[i], l.id, 37);
	}
	/* Cases: 1.25 parts for each person in a case, four parts a case. */
	n->ncases = (int)((int64_t)npeople * 9 / 10 * 5 / 16) + 1;
	n->case_id = calloc((size_t)n->ncases, sizeof *n->case_id);
	n->case_team = calloc((size_t)n->ncases, sizeof *n->case_team);
	n->allocated = calloc((size_t)n->ncases, 1);
	n->by_force = calloc((size_t)n->ncases, sizeof *n->by_force);
	if (!n->case_id || !n->case_team || !n->allocated || !n->by_force)
		rc = DB_NOMEM;
	for (int c = 0; c < n->ncases && rc == DB_OK; c++) {
		if (c % 2000 == 0 && (rc = db_begin(d)) != DB_OK)
			break;
		case_rec cr = {.title = "Bench case", .summary = "Generated",
			       .status = "investigating", .exploitation_types = "[\"labour\"]",
			       .offences = "{\"codes\":[\"msa_s1\"],\"other\":null}"};
		n->case_team[c] = (int)(rnd() % (uint32_t)n->nteams);
		memcpy(cr.team_id, n->team[n->case_team[c]], 37);
		memcpy(cr.created_by, u->id, 37);
		rc = store_case_create(d, &cr, 2000 + c % 27, "bench case generated");
		memcpy(n->case_id[c], cr.id, 37);
		lead_rec l = {.failed_requirements = "[]"};
		memcpy(l.case_id, cr.id, 37);
		memcpy(l.user_id, n->lead[n->case_team[c] * LEADS + c % LEADS], 37);
		memcpy(l.allocated_by, u->id, 37);
		if (rc == DB_OK)
			rc = store_lead_set(d, &l, NULL);
		if (rc == DB_OK && (c % 2000 == 1999 || c == n->ncases - 1))
			rc = db_commit(d);
	}
	if (rc != DB_OK) {
		db_rollback(d);
		return rc;
	}
	/* Cases by force, for second parts. */
	for (int c = 0; c < n->ncases; c++)
		n->force_first[n->team_force[n->case_team[c]] + 1]++;
	for (int f = 0; f < FORCES; f++)
		n->force_first[f + 1] += n->force_first[f];
	int fill[FORCES];
	memcpy(fill, n->force_first, sizeof fill);
	for (int c = 0; c < n->ncases; c++)
		n->by_force[fill[n->team_force[n->case_team[c]]]++] = c;
	/* A few cases of other teams of the force allocated to the user too. */
	for (int k = 0, tries = 0; k < ALLOCATED && tries < 100000 && rc == DB_OK; tries++) {
		int span = n->force_first[1] - n->force_first[0];
		int c = span ? n->by_force[n->force_first[0] + (int)(rnd() % (uint32_t)span)] : 0;
		if (!span || n->case_team[c] == n->my_team || n->allocated[c])
			continue;
		char now[CLOCK_ISO_LEN];
		clock_now_iso(now);
		lead_rec l = {.failed_requirements = "[]"};
		memcpy(l.case_id, n->case_id[c], 37);
		memcpy(l.user_id, me->id, 37);
		memcpy(l.allocated_by, u->id, 37);
		memcpy(l.allocated_at, now, sizeof now);
		rc = store_lead_set(d, &l, n->lead[n->case_team[c] * LEADS + c % LEADS]);
		n->allocated[c] = 1;
		k++;
	}
	/* People: one in ten in no case; of the rest, a quarter in a second
	 * case of the same force; a quarter of parts as suspects. */
	for (int i = 0; i < npeople && rc == DB_OK; i++) {
		if (i % 2000 == 0 && (rc = db_begin(d)) != DB_OK)
			break;
		person *p = &people[i];
		make_name(p);
		p->part[0] = p->part[1] = -1;
		if (rnd() % 10 == 0) {
			p->team = (int)(rnd() % (uint32_t)n->nteams);
		} else {
			p->part[0] = (int)(rnd() % (uint32_t)n->ncases);
			p->team = n->case_team[p->part[0]];
			int f = n->team_force[p->team];
			int span = n->force_first[f + 1] - n->force_first[f];
			if (rnd() % 4 == 0 && span > 1) {
				int at = n->force_first[f] + (int)(rnd() % (uint32_t)span);
				p->part[1] = n->by_force[at];
				if (p->part[1] == p->part[0])
					p->part[1] = -1;
			}
		}
		rc = add_person(d, u, n->team[p->team], p, sqlite);
		for (int k = 0; k < 2 && p->part[k] >= 0 && rc == DB_OK; k++) {
			p->suspect[k] = rnd() % 4 == 0;
			case_person_rec cp = {0};
			memcpy(cp.case_id, n->case_id[p->part[k]], 37);
			memcpy(cp.person_id, p->id, 37);
			cp.role = part_role(p->suspect[k]);
			rc = store_case_person_add(d, &cp, u->id);
		}
		if (rc == DB_OK && (i % 2000 == 1999 || i == npeople - 1))
			rc = db_commit(d);
	}
	if (rc != DB_OK)
		db_rollback(d);
	return rc;
}

typedef struct timing {
	const char *name;
	int64_t *us;
	int hit;
} timing;

static void report(const timing *t, int n)
{
	qsort(t->us, (size_t)n, sizeof *t->us, cmp64);
	printf("%-44s p50 %8.2f ms  p99 %8.2f ms  recall@10 %.3f\n", t->name,
	       (double)t->us[n / 2] / 1000, (double)t->us[n * 99 / 100] / 1000, (double)t->hit / n);
}

static double ratio(int64_t a, int64_t b)
{
	return (double)a / (double)(b ? b : 1);
}

/* Runs one of Waymark's searches as GET /api/v1/people does (keys,
 * candidates, score, top ten); returns the microseconds taken. */
static int64_t waymark_search(db *d, const person_scope *sc, const char *q, collect *c)
{
	int64_t s0 = clock_mono_us();
	arena *qa = arena_new();
	person_find(d, qa, sc, q, 0.75, take, c);
	int64_t us = clock_mono_us() - s0;
	arena_free(qa);
	return us;
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const person *const *)a)->id, (*(const person *const *)b)->id);
}

/* What one run of queries shares. */
typedef struct run {
	db *d;
	int sqlite, nqueries, npeople;
	person *people;
	const person **sorted; /* by id */
	nation *n;             /* NULL for the single force */
	FILE *variants;
} run;

/* Draws queries from the people role may see and searches each scoped
 * (as api_reach draws the role's scope from the access table), unscoped,
 * and off the shelf. Prints the three and their ratios. Returns how many
 * people found were out of reach. */
static int64_t run_as(run *x, const char *as, role as_role, const user_rec *me)
{
	db *d = x->d;
	nation *n = x->n;
	int nqueries = x->nqueries, npeople = x->npeople;
	person *people = x->people;
	person_scope everyone = {.everyone = 1}, scoped = {.everyone = 0};
	unsigned m[] = {access_scope_mask(access_scope_of(as_role, KIND_PERSON, ACT_READ)),
			access_scope_mask(access_scope_of(as_role, KIND_SUSPECT, ACT_READ))};
	if (n) {
		n->person_mask = m[0];
		n->suspect_mask = m[1];
	}
	store_reach *r[] = {&scoped.as_person, &scoped.as_suspect};
	for (int k = 0; k < 2; k++) {
		r[k]->user_id = m[k] & REL_ALLOCATED ? me->id : NULL;
		r[k]->team_id = m[k] & REL_TEAM ? me->team_id : NULL;
		r[k]->org_id = m[k] & REL_ORG ? me->org_id : NULL;
	}
	int *pool = calloc((size_t)npeople, sizeof *pool), npool = 0;
	for (int i = 0; pool && i < npeople; i++)
		if (!n || within_reach(n, &people[i]))
			pool[npool++] = i;
	printf("as %s: %d of %d people within reach (%.2f%%)\n", as, npool, npeople,
	       100.0 * npool / npeople);
	if (!npool) {
		free(pool);
		return 0;
	}
	char scoped_name[64];
	snprintf(scoped_name, sizeof scoped_name, "waymark scoped (%s)", as);
	timing ts = {scoped_name, calloc((size_t)nqueries, sizeof(int64_t)), 0};
	timing tu = {"waymark unscoped", calloc((size_t)nqueries, sizeof(int64_t)), 0};
	timing to = {x->sqlite ? "sqlite fts5 trigram (unscoped)" : "postgresql pg_trgm (unscoped)",
		     calloc((size_t)nqueries, sizeof(int64_t)), 0};
	int64_t leaks = 0, found_scoped = 0;
	arena *a = arena_new();
	/* A few queries first, untimed, as a running server would be warm. */
	enum { WARM = 20 };
	for (int qi = -WARM; qi < nqueries; qi++) {
		const person *p = &people[pool[rnd() % (uint32_t)npool]];
		char q[200];
		variant(p, q, sizeof q);
		if (x->variants && qi >= 0)
			fprintf(x->variants, "%s\t%s\t%s %s\n", q, p->id, p->given, p->family);
		/* Scoped and unscoped in turn, each going first half the time. */
		static collect cs, cu;
		cs.n = cs.nseen = cu.n = cu.nseen = 0;
		int64_t us_s, us_u;
		if (qi & 1) {
			us_u = waymark_search(d, &everyone, q, &cu);
			us_s = waymark_search(d, &scoped, q, &cs);
		} else {
			us_s = waymark_search(d, &scoped, q, &cs);
			us_u = waymark_search(d, &everyone, q, &cu);
		}
		/* Every person the scoped search found must be within reach. */
		for (int k = 0; k < cs.nseen && n; k++) {
			person key;
			memcpy(key.id, cs.seen[k], 37);
			const person *kp = &key, **at;
			at = bsearch(&kp, x->sorted, (size_t)npeople, sizeof *x->sorted, by_id);
			leaks += !at || !within_reach(n, *at);
		}
		found_scoped += cs.nseen;
		if (qi < 0)
			continue;
		ts.us[qi] = us_s;
		tu.us[qi] = us_u;
		/* Same-name people are indistinguishable by name: any of them counts. */
		int hit_s = 0, hit_u = 0;
		for (int k = 0; k < cs.n && !hit_s; k++)
			hit_s = same_name(d, a, cs.top[k].id, p);
		for (int k = 0; k < cu.n && !hit_u; k++)
			hit_u = same_name(d, a, cu.top[k].id, p);
		ts.hit += hit_s;
		tu.hit += hit_u;
		if (!hit_s && getenv("WAYMARK_BENCH_MISSES"))
			fprintf(stderr, "missed: %s (for %s %s; %d found)\n", q, p->given, p->family,
				cs.n);
		/* The off-the-shelf search, over everyone. */
		buf tq;
		buf_init(&tq);
		if (x->sqlite)
			trigram_query(q, &tq);
		else
			text_fold(q, &tq);
		int64_t s0 = clock_mono_us();
		db_stmt *st;
		int found = 0;
		static const char fts[] = "SELECT id FROM name_fts WHERE name_fts MATCH $1 ORDER BY "
					  "bm25(name_fts) LIMIT 10";
		static const char trgm[] = "SELECT id FROM name_trgm ORDER BY name <-> $1 LIMIT 10";
		if (tq.len && db_prepare(d, x->sqlite ? fts : trgm, &st) == DB_OK) {
			db_bind_text(st, 1, buf_str(&tq));
			char ids[10][37];
			int nids = 0;
			while (nids < 10 && db_step(st) == DB_ROW)
				snprintf(ids[nids++], 37, "%s", db_col_text(st, 0));
			db_finalize(st);
			to.us[qi] = clock_mono_us() - s0;
			for (int k = 0; k < nids && !found; k++)
				found = same_name(d, a, ids[k], p);
		}
		to.hit += found;
		buf_free(&tq);
	}
	report(&ts, nqueries);
	report(&tu, nqueries);
	report(&to, nqueries);
	int p50 = nqueries / 2, p99 = nqueries * 99 / 100;
	printf("ratio scoped/unscoped: p50 %.2f, p99 %.2f, recall %.2f\n",
	       ratio(ts.us[p50], tu.us[p50]), ratio(ts.us[p99], tu.us[p99]),
	       tu.hit ? (double)ts.hit / tu.hit : 0.0);
	printf("ratio waymark unscoped/off-the-shelf: p99 %.2f, recall %.2f\n",
	       ratio(tu.us[p99], to.us[p99]), to.hit ? (double)tu.hit / to.hit : 0.0);
	if (n)
		printf("found out of reach: %lld of %lld found\n", (long long)leaks,
		       (long long)found_scoped);
	arena_free(a);
	free(ts.us);
	free(tu.us);
	free(to.us);
	free(pool);
	return leaks;
}

static const char *const searchers[] = {"investigator", "supervisor", "analyst", "safeguarding"};

/* Parses --as: a comma-separated list of roles. Returns their count, or -1. */
static int parse_as(const char *as, role out[4], const char *names[4])
{
	int n = 0;
	for (const char *s = as; *s && n < 4;) {
		size_t len = strcspn(s, ",");
		int found = -1;
		for (int k = 0; k < 4; k++)
			if (strlen(searchers[k]) == len && !strncmp(s, searchers[k], len))
				found = k;
		if (found < 0 || role_parse(searchers[found], &out[n]) != 0)
			return -1;
		names[n++] = searchers[found];
		s += len + (s[len] == ',');
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *url = NULL, *variants_path = "build/bench/variants.tsv", *as = NULL;
	int npeople = 10000, nqueries = 500, with_cases = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cases"))
			with_cases = 1;
		else if (i + 1 == argc)
			break;
		else if (!strcmp(argv[i], "--db"))
			url = argv[++i];
		else if (!strcmp(argv[i], "--people"))
			npeople = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--queries"))
			nqueries = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--variants"))
			variants_path = argv[++i];
		else if (!strcmp(argv[i], "--as"))
			as = argv[++i];
	}
	role roles[4] = {ROLE_ANALYST};
	const char *names[4] = {"analyst of the only force"};
	int nroles = as ? parse_as(as, roles, names) : 1;
	if (nroles < 1) {
		fprintf(stderr, "--as: a comma-separated list of investigator, supervisor, analyst, "
				"safeguarding\n");
		return 2;
	}
	if (npeople < 8 || nqueries < 1) {
		fprintf(stderr, "--people at least 8, --queries at least 1\n");
		return 2;
	}
	secure_init();
	char tmp[256];
	if (!url) {
		snprintf(tmp, sizeof tmp, "sqlite:build/bench/search-%s%d.db", as ? "nation-" : "",
			 npeople);
		remove(tmp + 7);
		url = tmp;
	}
	char err[256];
	db *d;
	int applied;
	if (db_open(url, 5000, &d, err, sizeof err) != DB_OK || migrate_up(d, &applied) != DB_OK) {
		fprintf(stderr, "cannot prepare %s: %s\n", url, err);
		return 1;
	}
	int sqlite = d->engine == DB_ENGINE_SQLITE;
	user_rec u = {0}, me = {0};
	snprintf(u.username, sizeof u.username, "bench");
	snprintf(u.display_name, sizeof u.display_name, "Bench");
	snprintf(u.password_hash, sizeof u.password_hash, "x");
	snprintf(me.username, sizeof me.username, "searcher");
	snprintf(me.display_name, sizeof me.display_name, "Searcher");
	snprintf(me.role, sizeof me.role, "%s", role_name(roles[0]));
	snprintf(me.password_hash, sizeof me.password_hash, "x");
	person *people = calloc((size_t)npeople, sizeof *people);
	nation n = {0};
	int64_t t0 = clock_mono_us();
	db_exec(d, sqlite ? "CREATE VIRTUAL TABLE name_fts USING fts5(id UNINDEXED, name, tokenize='trigram')"
			  : "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE TABLE name_trgm (id TEXT, name TEXT)");
	int rc = !people ? DB_NOMEM
		 : as	 ? load_nation(d, &n, &u, &me, people, npeople, sqlite)
			 : load_force(d, &u, people, npeople, with_cases, sqlite);
	if (rc != DB_OK) {
		fprintf(stderr, "loading failed: %s\n", db_errmsg(d));
		return 1;
	}
	/* The index is current: a server started on this database need not rebuild it. */
	store_setting_put(d, "name_index", NAME_INDEX_VERSION);
	if (!sqlite)
		db_exec(d, "CREATE INDEX name_trgm_gist ON name_trgm USING gist (name gist_trgm_ops); ANALYZE");
	else
		db_exec(d, "ANALYZE");
	printf("engine %s, %d people loaded in %.1f s", sqlite ? "sqlite" : "postgresql", npeople,
	       (double)(clock_mono_us() - t0) / 1e6);
	if (as)
		printf(" (%d forces, %d teams, %d cases)", FORCES, n.nteams, n.ncases);
	printf("\n");
	const person **sorted = calloc((size_t)npeople, sizeof *sorted);
	for (int i = 0; sorted && i < npeople; i++)
		sorted[i] = &people[i];
	if (sorted)
		qsort(sorted, (size_t)npeople, sizeof *sorted, by_id);
	run x = {d, sqlite, nqueries, npeople, people, sorted, as ? &n : NULL,
		 fopen(variants_path, "w")};
	int64_t leaks = 0;
	for (int k = 0; sorted && k < nroles; k++)
		leaks += run_as(&x, names[k], roles[k], as ? &me : &u);
	if (x.variants)
		fclose(x.variants);
	db_close(d);
	return leaks || !sorted ? 1 : 0;
}
