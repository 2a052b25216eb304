/* The potential victims statistics count (see statistics.h): one query,
 * the grouping left to the caller so that both engines answer alike. */
#include "store/statistics.h"

/* Whether the case aliased c belongs to the organisations at $1 and $2. */
#define COUNTED(t, c)                                                                              \
	" JOIN teams " t " ON " t ".id = " c ".team_id AND " REACH_ORGS(t ".org_id", "$1", "$2")

/* Each person's first link as a potential victim in the organisations
 * counted, made before $4, as f (person_id, first_at). */
#define FIRST_LINKS                                                                                \
	"(SELECT cp.person_id, MIN(cp.created_at) AS first_at FROM case_people cp JOIN cases c0 "  \
	"ON c0.id = "                                                                              \
	"cp.case_id" COUNTED("t0",                                                                 \
	                     "c0") " WHERE cp.role = 'potential_victim' AND cp.created_at < $4 "   \
	                           "GROUP BY cp.person_id) f"

/* The case of that first link (the earliest, then the smallest id). */
#define FIRST_CASE                                                                                 \
	"(SELECT cp2.case_id FROM case_people cp2 JOIN cases c2 ON c2.id = cp2.case_id" COUNTED(   \
	    "t2", "c2") " WHERE cp2.person_id = f.person_id AND cp2.role = 'potential_victim' "    \
	                "ORDER BY cp2.created_at, "                                                \
	                "cp2.id LIMIT 1)"

/* The person's own records, and those of records merged into theirs (a
 * merge moves the case links, not the NRM's records). */
#define PERSON_OR_MERGED(col) \
	"(" col " = p.id OR " col " IN (SELECT m.id FROM people m WHERE m.merged_into = p.id))"

#define LATEST_STATUS                                                                              \
	"(SELECT r.status FROM nrm_referrals r JOIN cases rc ON rc.id = r.case_id" COUNTED("rt", "rc") \
	" WHERE " PERSON_OR_MERGED("r.person_id") " ORDER BY r.referred_on DESC, r.created_at DESC, "  \
	"r.id DESC LIMIT 1)"

#define NOTIFIED                                                                                   \
	"CASE WHEN EXISTS (SELECT 1 FROM duty_to_notify n JOIN cases nc ON nc.id = n.case_id" COUNTED( \
	    "nt", "nc") " WHERE " PERSON_OR_MERGED("n.person_id") ") THEN 1 ELSE 0 END"

#define VICTIMS(outcome)                                                                           \
	"SELECT f.first_at, c.exploitation_types, p.date_of_birth, COALESCE(p.estimated_age, "     \
	"-1), p.gender, "                                                                          \
	"p.nationalities, " outcome " FROM " FIRST_LINKS " JOIN people p ON p.id = f.person_id "   \
	"JOIN cases c ON c.id = " FIRST_CASE " WHERE f.first_at >= $3 AND p.merged_into IS NULL"

typedef struct victims_call {
	int (*fn)(const store_victim_row *v, void *arg);
	void *arg;
} victims_call;

static int victim_row(db_stmt *s, void *arg)
{
	victims_call *x = arg;
	store_victim_row v = {
	    .first_at = db_col_text(s, 0),
	    .exploitation_types = db_col_text(s, 1),
	    .date_of_birth = db_col_text(s, 2),
	    .estimated_age = db_col_int(s, 3),
	    .gender = db_col_text(s, 4),
	    .nationalities = db_col_text(s, 5),
	    .nrm_status = db_col_text(s, 6),
	    .duty_to_notify = db_col_int(s, 7) != 0,
	};
	return x->fn(&v, x->arg);
}

int store_statistics_victims(db *d, const store_orgs *orgs, const char *from, const char *before,
                             int outcome, int (*fn)(const store_victim_row *v, void *arg),
                             void *arg)
{
	victims_call x = {fn, arg};
	const char *p[4];
	store_orgs_params(orgs, p);
	p[2] = from;
	p[3] = before;
	return db_each(
	    d, outcome ? VICTIMS(LATEST_STATUS ", " NOTIFIED) : VICTIMS("CAST(NULL AS TEXT), 0"), 4,
	    p, victim_row, &x);
}
