/* Seeds potential victims for the statistics benchmark: N people, each
 * linked as a potential victim to one of N / 4 cases of a team of the
 * force of the account named by --org-of (the demo's analyst.reid by
 * default), first linked on a day from January 2025 to November 2026; one
 * in ten linked again to a second case later; one in three referred to the
 * NRM (every status in turn), one in ten reported under the Duty to Notify.
 * Genders, nationalities (twenty), dates of birth or estimated ages and the
 * cases' NRM types are spread so every dimension has many values.
 *
 *   build/bench/victims [--db URL] [--people N] [--org-of USERNAME]
 *
 * Each table is filled by one INSERT ... SELECT over a recursive count, so
 * a million people take seconds, not the hours the store's own writes
 * would. Run after `waymark init` and `waymark demo` (bench/statistics.sh
 * does). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "store/accounts.h"
#include "store/db.h"

/* The numbers 1 to $1, as k(i). */
#define COUNT_TO(n)                                                                                \
	"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < CAST(" n         \
	" AS INTEGER)) "
/* A two-digit text of an integer expression from 1 to 99. */
#define TWO(e) "CASE WHEN " e " < 10 THEN '0' ELSE '' END || CAST(" e " AS TEXT)"
/* A time on a day from 2025-01-01 to 2026-11-28, spread by i. */
#define DAY_OF(i)                                                                                  \
	"CAST(2025 + (" i " % 23) / 12 AS TEXT) || '-' || " TWO(                                   \
	    "((" i " % 23) % 12 + 1)") " || '-' || " TWO("(1 + " i " % 28)") " || 'T10:00:00Z'"

static const char *const steps[][2] = {
    {"cases", COUNT_TO("$1") "INSERT INTO cases (id, reference, title, summary, status, "
                             "exploitation_types, offences, "
                             "team_id, created_by, created_at, updated_at, search_text) SELECT "
                             "'bench-case-' || CAST(i AS "
                             "TEXT), 'MS-BENCH-' || CAST(i AS TEXT), 'Bench case', '', "
                             "'investigating', CASE i % 8 WHEN 0 "
                             "THEN '[\"labour\",\"criminal\"]' WHEN 1 THEN '[\"sexual\"]' WHEN 2 "
                             "THEN '[\"criminal\"]' WHEN "
                             "3 THEN '[\"domestic_servitude\"]' WHEN 4 THEN '[\"unknown\"]' ELSE "
                             "'[\"labour\"]' END, '[]', "
                             "$2, $3, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '' FROM k"},
    {"people",
     COUNT_TO("$2") "INSERT INTO people (id, given_names, family_name, aliases, date_of_birth, "
                    "estimated_age, "
                    "gender, nationalities, languages, created_by, created_at, updated_at) SELECT "
                    "'bench-p-' || "
                    "CAST(i AS TEXT), 'Bench', 'Person', '[]', CASE WHEN i % 2 = 0 THEN CAST(1960 "
                    "+ i % 50 AS TEXT) "
                    "|| '-0' || CAST(1 + i % 9 AS TEXT) || '-15' ELSE NULL END, CASE WHEN i % 4 = "
                    "1 THEN 10 + i % "
                    "40 ELSE NULL END, CASE i % 5 WHEN 0 THEN 'female' WHEN 1 THEN 'male' WHEN 2 "
                    "THEN 'male' WHEN "
                    "3 THEN 'other' ELSE NULL END, CASE WHEN i % 50 = 7 THEN '[]' ELSE '[\"' || "
                    "substr('ALVNROPLGBERSDNGINCNIQIRAFSYUAHUSKLTCZBG', 1 + 2 * (i % 20), 2) || "
                    "'\"]' END, '[]', "
                    "$1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM k"},
    {"first links", COUNT_TO("$3") "INSERT INTO case_people (id, case_id, person_id, role, "
                                   "created_by, created_at) SELECT "
                                   "'bench-cp-' || CAST(i AS TEXT), 'bench-case-' || CAST(1 + i % "
                                   "CAST($1 AS INTEGER) AS TEXT), "
                                   "'bench-p-' || CAST(i AS TEXT), 'potential_victim', $2, " DAY_OF(
                                       "i") " FROM k"},
    {"second links", COUNT_TO("$3") "INSERT INTO case_people (id, case_id, person_id, role, "
                                    "created_by, created_at) SELECT "
                                    "'bench-cp2-' || CAST(i AS TEXT), 'bench-case-' || CAST(1 + (i "
                                    "+ 7) % CAST($1 AS INTEGER) AS "
                                    "TEXT), 'bench-p-' || CAST(i AS TEXT), 'potential_victim', $2, "
                                    "'2026-11-30T10:00:00Z' FROM k "
                                    "WHERE i % 10 = 0"},
    {"NRM referrals", COUNT_TO("$3") "INSERT INTO nrm_referrals (id, case_id, person_id, "
                                     "first_responder_id, referred_on, "
                                     "child, competent_authority, status, rg_due, created_at, "
                                     "updated_at, version) SELECT "
                                     "'bench-r-' || CAST(i AS TEXT), 'bench-case-' || CAST(1 + i % "
                                     "CAST($1 AS INTEGER) AS TEXT), "
                                     "'bench-p-' || CAST(i AS TEXT), $2, '2026-01-05', 0, "
                                     "'single', CASE (i / 3) % 6 WHEN 0 THEN "
                                     "'awaiting_reasonable_grounds' WHEN 1 THEN "
                                     "'reasonable_grounds_positive' WHEN 2 THEN "
                                     "'reasonable_grounds_negative' WHEN 3 THEN "
                                     "'conclusive_grounds_positive' WHEN 4 THEN "
                                     "'conclusive_grounds_negative' ELSE 'withdrawn' END, "
                                     "'2026-01-12', '2026-01-05T10:00:00Z', "
                                     "'2026-01-05T10:00:00Z', 1 FROM k WHERE i % 3 = 0"},
    {"Duty to Notify reports",
     COUNT_TO(
         "$3") "INSERT INTO duty_to_notify (id, case_id, person_id, submitted_on, "
               "identifying_consent, "
               "created_by, created_at) SELECT 'bench-n-' || CAST(i AS TEXT), 'bench-case-' || "
               "CAST(1 + i % "
               "CAST($1 AS INTEGER) AS TEXT), 'bench-p-' || CAST(i AS TEXT), '2026-01-05', 0, $2, "
               "'2026-01-05T10:00:00Z' FROM k WHERE i % 10 = 1"},
};

int main(int argc, char **argv)
{
	const char *url = "sqlite:build/bench/statistics.db", *org_of = "analyst.reid";
	long n = 1000000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			url = argv[i + 1];
		else if (!strcmp(argv[i], "--people"))
			n = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--org-of"))
			org_of = argv[i + 1];
	}
	if (n < 4) {
		fprintf(stderr, "victims: --people must be 4 or more\n");
		return 2;
	}
	db *d;
	char err[256];
	if (db_open(url, 5000, &d, err, sizeof err) != DB_OK) {
		fprintf(stderr, "victims: %s\n", err);
		return 1;
	}
	user_rec who;
	char team[64], people[24], cases[24];
	const char *p[] = {org_of};
	if (store_user_by_name(d, org_of, &who) != DB_ROW ||
	    db_get_text(d,
	                "SELECT t.id FROM teams t JOIN users u ON u.org_id = t.org_id WHERE "
	                "u.username = $1 "
	                "ORDER BY t.id LIMIT 1",
	                1, p, team, sizeof team) != DB_ROW) {
		fprintf(stderr,
		        "victims: no account %s with a team in its organisation (run waymark demo "
		        "first)\n",
		        org_of);
		return 1;
	}
	snprintf(people, sizeof people, "%ld", n);
	snprintf(cases, sizeof cases, "%ld", n / 4);
	/* Each statement takes exactly the parameters it uses: the cases $1
	 * cases, $2 team and $3 author; the people $1 author and $2 people;
	 * the rest $1 cases, $2 author and $3 people. */
	const char *case_params[] = {cases, team, who.id}, *people_params[] = {who.id, people},
	           *params[] = {cases, who.id, people};
	int64_t t0 = clock_now_ms();
	if (db_begin(d) != DB_OK) {
		fprintf(stderr, "victims: begin: %s\n", db_errmsg(d));
		return 1;
	}
	for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
		int64_t t = clock_now_ms();
		if (db_run(d, steps[s][1], s == 1 ? 2 : 3,
		           s == 0   ? case_params
		           : s == 1 ? people_params
		                    : params) != DB_OK) {
			fprintf(stderr, "victims: %s: %s\n", steps[s][0], db_errmsg(d));
			return 1;
		}
		fprintf(stderr, "victims: %s in %.1f s\n", steps[s][0],
		        (double)(clock_now_ms() - t) / 1000.0);
	}
	if (db_commit(d) != DB_OK) {
		fprintf(stderr, "victims: commit: %s\n", db_errmsg(d));
		return 1;
	}
	fprintf(stderr, "victims: %ld people in %ld cases in %.1f s\n", n, n / 4,
	        (double)(clock_now_ms() - t0) / 1000.0);
	db_close(d);
	return 0;
}
