/* Seeds a force's staff for the allocation benchmark: N investigators and
 * supervisors across 20 teams, each with a profile (PIP level, languages,
 * capacity), training records, some absences, and cases they lead (drawn
 * from the cases already in the database), in the organisation of the
 * account named by --org-of (the demo's ds.khan by default).
 *
 *   build/bench/staff [--db URL] [--staff N] [--org-of USERNAME]
 *
 * Run after `waymark init` and `waymark demo` (bench/allocation.sh does). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/workdays.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/db.h"

static uint64_t state = 0x9E3779B97F4A7C15ULL;
static uint32_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (uint32_t)(state >> 11);
}

static const char *const LANGS[] = {"sq", "vi", "ro", "pl", "ar", "ur", "ti", "fa", "ku", "bg", "lt", "pa"};
static const char *const LEVELS[] = {"basic", "working", "fluent", "native"};
static const char *const COURSES[] = {"msht_awareness", "first_responder_nrm", "specialist_msht_investigation",
				      "trauma_informed_interviewing", "child_criminal_exploitation", "victim_liaison"};

static int fail(db *d, const char *what)
{
	fprintf(stderr, "staff: %s: %s\n", what, db_errmsg(d));
	return 1;
}

typedef struct ids {
	char (*v)[37];
	size_t n, cap;
} ids;

static int add_id(db_stmt *s, void *arg)
{
	ids *x = arg;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 256;
		void *bigger = realloc(x->v, cap * sizeof *x->v);
		if (!bigger)
			return DB_NOMEM;
		x->v = bigger;
		x->cap = cap;
	}
	db_col_copy(s, 0, x->v[x->n++], 37);
	return 0;
}

int main(int argc, char **argv)
{
	const char *url = "sqlite:build/bench/allocation.db", *org_of = "ds.khan";
	long n = 5000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			url = argv[i + 1];
		else if (!strcmp(argv[i], "--staff"))
			n = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--org-of"))
			org_of = argv[i + 1];
	}
	db *d;
	char err[256];
	if (db_open(url, 5000, &d, err, sizeof err) != DB_OK) {
		fprintf(stderr, "staff: %s\n", err);
		return 1;
	}
	user_rec boss;
	if (store_user_by_name(d, org_of, &boss) != DB_ROW)
		return fail(d, "no such account to take the organisation from");
	ids cases = {0};
	if (db_each(d, "SELECT id FROM cases", 0, NULL, add_id, &cases) != DB_OK || !cases.n)
		return fail(d, "no cases to lead (run waymark demo first)");
	char teams[20][37], now[CLOCK_ISO_LEN], today[DATE_LEN];
	unsigned char *led = calloc(cases.n, 1);
	if (!led)
		return 1;
	clock_now_iso(now);
	snprintf(today, sizeof today, "%.10s", now);
	for (int t = 0; t < 20; t++) {
		char name[64];
		snprintf(name, sizeof name, "Bench team %02d", t);
		if (store_team_ensure(d, boss.org_id, name, teams[t]) != DB_OK)
			return fail(d, "team");
	}
	int64_t t0 = clock_now_ms();
	if (db_begin(d) != DB_OK)
		return fail(d, "begin");
	for (long i = 0; i < n; i++) {
		char id[37], username[32], display[48], pip[4], cap[4], langs[160];
		secure_id(id);
		snprintf(username, sizeof username, "bench.%05ld", i);
		snprintf(display, sizeof display, "Bench Officer %05ld", i);
		const char *u[] = {id, username, display, i % 10 == 0 ? "supervisor" : "investigator", boss.org_id,
				   teams[i % 20], "bench-accounts-never-sign-in", now};
		if (db_run(d,
			   "INSERT INTO users (id, username, display_name, role, org_id, team_id, password_hash, "
			   "password_changed_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)",
			   8, u) != DB_OK)
			return fail(d, "user");
		snprintf(pip, sizeof pip, "%u", rnd() % 5);
		snprintf(cap, sizeof cap, "%u", 4 + rnd() % 6);
		int nl = (int)(rnd() % 3);
		size_t o = (size_t)snprintf(langs, sizeof langs, "[");
		for (int k = 0; k < nl; k++)
			o += (size_t)snprintf(langs + o, sizeof langs - o, "%s{\"tag\":\"%s\",\"proficiency\":\"%s\"}", k ? "," : "",
					      LANGS[rnd() % 12], LEVELS[rnd() % 4]);
		snprintf(langs + o, sizeof langs - o, "]");
		const char *p[] = {id, "Detective Constable", pip, "2022-01-01", cap, langs, now};
		if (db_run(d,
			   "INSERT INTO staff_profiles (user_id, rank, pip_level, pip_accredited_on, capacity, languages, "
			   "updated_at, version) VALUES ($1, $2, CAST($3 AS INTEGER), $4, CAST($5 AS INTEGER), $6, $7, 1)",
			   7, p) != DB_OK)
			return fail(d, "profile");
		for (int k = 0; k < 3; k++) {
			char tid[37], done[DATE_LEN], ends[DATE_LEN];
			secure_id(tid);
			date_add_days(today, -(int)(rnd() % 1400), done);
			date_add_days(done, 730 + (int)(rnd() % 365), ends);
			const char *r[] = {tid, id, COURSES[rnd() % 6], "College of Policing", done, ends, boss.id, now};
			if (db_run(d,
				   "INSERT INTO training_records (id, user_id, course, provider, completed_on, expires_on, "
				   "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
				   8, r) != DB_OK)
				return fail(d, "training");
		}
		if (rnd() % 10 == 0) {
			char aid[37], from[DATE_LEN], to[DATE_LEN];
			secure_id(aid);
			date_add_days(today, (int)(rnd() % 30), from);
			date_add_days(from, 5, to);
			const char *a[] = {aid, id, "leave", from, to, boss.id, now};
			if (db_run(d,
				   "INSERT INTO staff_absences (id, user_id, kind, starts_on, ends_on, created_by, created_at) "
				   "VALUES ($1, $2, $3, $4, $5, $6, $7)",
				   7, a) != DB_OK)
				return fail(d, "absence");
		}
		/* Cases led: the first lead of a case still leads it, later ones
		 * led it before (one current lead per case, as allocation keeps). */
		for (unsigned k = rnd() % 6; k > 0; k--) {
			char lid[37];
			secure_id(lid);
			size_t c = rnd() % cases.n;
			const char *l[] = {lid, cases.v[c], id, boss.id, now, led[c] ? now : NULL};
			led[c] = 1;
			if (db_run(d,
				   "INSERT INTO case_leads (id, case_id, user_id, allocated_by, allocated_at, ended_at) VALUES "
				   "($1, $2, $3, $4, $5, $6)",
				   6, l) != DB_OK)
				return fail(d, "lead");
		}
	}
	if (db_commit(d) != DB_OK)
		return fail(d, "commit");
	printf("seeded %ld staff in %.1f s\n", n, (double)(clock_now_ms() - t0) / 1000.0);
	free(cases.v);
	free(led);
	db_close(d);
	return 0;
}
