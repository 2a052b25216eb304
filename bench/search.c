/* Person search benchmark: Waymark's name matching against the nearest
 * off-the-shelf choice (SQLite FTS5 trigram, or PostgreSQL pg_trgm), on the
 * same generated people, in the same run.
 *
 *   build/bench/search [--db URL] [--people N] [--queries Q] [--variants FILE] [--cases]
 *
 * With --cases, every four people also make a case (two potential victims,
 * a witness and a suspect, an indicator on the first), so that a case page
 * can be read (bench/case-read.sh --db) in a database of that size.
 * Generates N people with names in the NRM's mix, then Q queries, each a
 * real person's name spelt another way (typo, transliteration, missing
 * accents, swapped order, alias), written with the expected person to the
 * variants file. Reports latency p50/p99 and recall@10 for both searches. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/person_names.h"
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
} collect;

static int take(const person_rec *p, double s, void *arg)
{
	collect *c = arg;
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

int main(int argc, char **argv)
{
	const char *url = NULL, *variants_path = "build/bench/variants.tsv";
	int npeople = 10000, nqueries = 500;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			url = argv[i + 1];
		else if (!strcmp(argv[i], "--people"))
			npeople = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--queries"))
			nqueries = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--variants"))
			variants_path = argv[i + 1];
	}
	int with_cases = 0;
	for (int i = 1; i < argc; i++)
		with_cases |= !strcmp(argv[i], "--cases");
	secure_init();
	char tmp[256];
	if (!url) {
		snprintf(tmp, sizeof tmp, "sqlite:build/bench/search-%d.db", npeople);
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
	user_rec u = {0};
	snprintf(u.username, sizeof u.username, "bench");
	snprintf(u.display_name, sizeof u.display_name, "Bench");
	snprintf(u.role, sizeof u.role, "analyst");
	snprintf(u.password_hash, sizeof u.password_hash, "x");
	store_org_ensure(d, "Bench", "force", u.org_id);
	store_team_ensure(d, u.org_id, "Bench team", u.team_id);
	store_user_insert(d, &u);
	person *people = calloc((size_t)npeople, sizeof *people);
	int64_t t0 = clock_mono_us();
	db_exec(d, sqlite ? "CREATE VIRTUAL TABLE name_fts USING fts5(id UNINDEXED, name, tokenize='trigram')"
			  : "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE TABLE name_trgm (id TEXT, name TEXT)");
	for (int i = 0; i < npeople; i++) {
		if (i % 2000 == 0)
			db_begin(d);
		person *p = &people[i];
		snprintf(p->given, sizeof p->given, "%s", PICK(given));
		if (rnd() % 4 == 0) /* some have two given names */
			snprintf(p->given + strlen(p->given), sizeof p->given - strlen(p->given), " %s",
				 PICK(given));
		snprintf(p->family, sizeof p->family, "%s", PICK(family));
		person_rec r = {.given_names = p->given, .family_name = p->family, .aliases = "[]",
				.estimated_age = -1, .nationalities = "[]", .languages = "[]"};
		memcpy(r.created_by, u.id, 37);
		memcpy(r.team_id, u.team_id, 37);
		char full[160];
		snprintf(full, sizeof full, "%s %s", p->given, p->family);
		static name_index ix;
		person_name_index(&r, &ix);
		if (store_person_create(d, &r, &ix) != DB_OK) {
			fprintf(stderr, "insert failed: %s\n", db_errmsg(d));
			return 1;
		}
		memcpy(p->id, r.id, 37);
		buf fold;
		buf_init(&fold);
		text_fold(full, &fold);
		const char *v[] = {p->id, buf_str(&fold)};
		db_run(d, sqlite ? "INSERT INTO name_fts (id, name) VALUES ($1, $2)"
				 : "INSERT INTO name_trgm (id, name) VALUES ($1, $2)",
		       2, v);
		buf_free(&fold);
		if (i % 2000 == 1999 || i == npeople - 1)
			db_commit(d);
	}
	/* The index is current: a server started on this database need not rebuild it. */
	store_setting_put(d, "name_index", NAME_INDEX_VERSION);
	if (with_cases && make_cases(d, &u, people, npeople) != DB_OK) {
		fprintf(stderr, "cases failed: %s\n", db_errmsg(d));
		return 1;
	}
	if (!sqlite)
		db_exec(d, "CREATE INDEX name_trgm_gist ON name_trgm USING gist (name gist_trgm_ops); ANALYZE");
	else
		db_exec(d, "ANALYZE");
	printf("engine %s, %d people loaded in %.1f s\n", sqlite ? "sqlite" : "postgresql", npeople,
	       (double)(clock_mono_us() - t0) / 1e6);

	FILE *vf = fopen(variants_path, "w");
	int64_t *ours = calloc((size_t)nqueries, sizeof *ours), *theirs = calloc((size_t)nqueries, sizeof *theirs);
	int ours_hit = 0, theirs_hit = 0;
	arena *a = arena_new();
	person_scope sc = {{.org_id = u.org_id}, {.org_id = u.org_id}}; /* an analyst: force-wide */
	for (int qi = 0; qi < nqueries; qi++) {
		const person *p = &people[rnd() % (uint32_t)npeople];
		char q[200];
		variant(p, q, sizeof q);
		if (vf)
			fprintf(vf, "%s\t%s\t%s %s\n", q, p->id, p->given, p->family);
		/* Waymark: keys, candidates, score, top ten (as GET /api/v1/people does). */
		int64_t s0 = clock_mono_us();
		collect c = {0};
		arena *qa = arena_new();
		person_find(d, qa, &sc, q, 0.75, take, &c);
		ours[qi] = clock_mono_us() - s0;
		arena_free(qa);
		/* Same-name people are indistinguishable by name: any of them counts. */
		int found_it = 0;
		for (int k = 0; k < c.n && !found_it; k++)
			found_it = same_name(d, a, c.top[k].id, p);
		ours_hit += found_it;
		if (!found_it && getenv("WAYMARK_BENCH_MISSES"))
			fprintf(stderr, "missed: %s (for %s %s; %d found)\n", q, p->given, p->family, c.n);
		/* The off-the-shelf search. */
		buf tq;
		buf_init(&tq);
		if (sqlite)
			trigram_query(q, &tq);
		else
			text_fold(q, &tq);
		s0 = clock_mono_us();
		db_stmt *st;
		int found = 0;
		if (tq.len && db_prepare(d, sqlite ? "SELECT id FROM name_fts WHERE name_fts MATCH $1 ORDER BY bm25(name_fts) LIMIT 10"
						   : "SELECT id FROM name_trgm ORDER BY name <-> $1 LIMIT 10",
					 &st) == DB_OK) {
			db_bind_text(st, 1, buf_str(&tq));
			char ids[10][37];
			int n = 0;
			while (n < 10 && db_step(st) == DB_ROW)
				snprintf(ids[n++], 37, "%s", db_col_text(st, 0));
			db_finalize(st);
			theirs[qi] = clock_mono_us() - s0;
			for (int k = 0; k < n && !found; k++)
				found = same_name(d, a, ids[k], p);
		}
		theirs_hit += found;
		buf_free(&tq);
	}
	if (vf)
		fclose(vf);
	qsort(ours, (size_t)nqueries, sizeof *ours, cmp64);
	qsort(theirs, (size_t)nqueries, sizeof *theirs, cmp64);
	int p50 = nqueries / 2, p99 = nqueries * 99 / 100;
	printf("%-28s p50 %8.2f ms  p99 %8.2f ms  recall@10 %.3f\n", "waymark name search",
	       (double)ours[p50] / 1000, (double)ours[p99] / 1000, (double)ours_hit / nqueries);
	printf("%-28s p50 %8.2f ms  p99 %8.2f ms  recall@10 %.3f\n",
	       sqlite ? "sqlite fts5 trigram" : "postgresql pg_trgm", (double)theirs[p50] / 1000,
	       (double)theirs[p99] / 1000, (double)theirs_hit / nqueries);
	printf("ratio waymark/off-the-shelf: p99 %.2f, recall %.2f\n",
	       (double)ours[p99] / (double)(theirs[p99] ? theirs[p99] : 1),
	       theirs_hit ? (double)ours_hit / theirs_hit : 0.0);
	arena_free(a);
	db_close(d);
	return 0;
}
