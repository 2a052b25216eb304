/* The potential victims statistics count (see statistics.h): one query,
 * the grouping left to the caller so that both engines answer alike. */
#include "store/statistics.h"

#include <string.h>

/* Whether the case aliased c belongs to the organisations at $1 and $2. */
#define COUNTED(t, c)                                                                              \
	" JOIN teams " t " ON " t ".id = " c ".team_id AND " REACH_ORGS(t ".org_id", "$1", "$2")

/* Each person's links as a potential victim in the organisations counted,
 * made before $4, numbered from the first (the earliest, then the smallest
 * id) as f (person_id, created_at, case_id, n). */
#define LINKS                                                                                      \
	"(SELECT cp.person_id, cp.created_at, cp.case_id, ROW_NUMBER() OVER (PARTITION BY "        \
	"cp.person_id "                                                                            \
	"ORDER BY cp.created_at, cp.id) AS n FROM case_people cp JOIN cases c0 ON c0.id = "        \
	"cp.case_id" COUNTED("t0",                                                                 \
	                     "c0") " WHERE cp.role = 'potential_victim' AND cp.created_at < $4) f"

/* Where the person's NRM stands, read from their own records and from
 * records merged into theirs (a merge moves the case links, not the NRM's
 * records), each by its own index: an OR of the two would read every
 * referral for each victim on PostgreSQL. A referral is read as its key,
 * "referred_on created_at status", so the latest of the two is the
 * greater (victim_row picks it). */
#define REFERRAL_KEY "r.referred_on || ' ' || r.created_at || ' ' || r.status"
#define REFERRAL_ORDER " ORDER BY r.referred_on DESC, r.created_at DESC, r.id DESC LIMIT 1)"
#define OWN_REFERRAL                                                                               \
	"(SELECT " REFERRAL_KEY                                                                    \
	" FROM nrm_referrals r JOIN cases rc ON rc.id = r.case_id" COUNTED(                        \
	    "rt", "rc") " WHERE r.person_id = p.id" REFERRAL_ORDER
#define MERGED_REFERRAL                                                                            \
	"(SELECT " REFERRAL_KEY                                                                    \
	" FROM people m JOIN nrm_referrals r ON r.person_id = m.id JOIN cases "                    \
	"rc ON rc.id = r.case_id" COUNTED("rt", "rc") " WHERE m.merged_into = p.id" REFERRAL_ORDER
#define NOTIFIED                                                                                   \
	"CASE WHEN EXISTS (SELECT 1 FROM duty_to_notify n JOIN cases nc ON nc.id = "               \
	"n.case_id" COUNTED(                                                                       \
	    "nt", "nc") " WHERE n.person_id = p.id) OR EXISTS (SELECT 1 FROM people m JOIN "       \
	                "duty_to_notify n ON n.person_id = m.id JOIN cases nc ON nc.id = "         \
	                "n.case_id" COUNTED("nt",                                                  \
	                                    "nc") " WHERE m.merged_into = p.id) THEN 1 ELSE 0 END"

/* The first links made from $3 on: those people's first link is in the
 * range. */
#define VICTIMS(outcome)                                                                           \
	"SELECT f.created_at, c.exploitation_types, p.date_of_birth, COALESCE(p.estimated_age, "   \
	"-1), p.gender, "                                                                          \
	"p.nationalities, " outcome " FROM " LINKS                                                 \
	" JOIN people p ON p.id = f.person_id JOIN cases c ON c.id = "                             \
	"f.case_id WHERE f.n = 1 AND f.created_at >= $3 AND p.merged_into IS NULL"

typedef struct victims_call {
	int (*fn)(const store_victim_row *v, void *arg);
	void *arg;
} victims_call;

/* The status of the later of two referral keys (either may be NULL), or
 * NULL when neither. */
static const char *latest_status(const char *own, const char *merged)
{
	const char *key = !own ? merged : !merged ? own : strcmp(own, merged) >= 0 ? own : merged;
	const char *space = key ? strrchr(key, ' ') : NULL;
	return space ? space + 1 : NULL;
}

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
	    .nrm_status = latest_status(db_col_text(s, 6), db_col_text(s, 7)),
	    .duty_to_notify = db_col_int(s, 8) != 0,
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
	return db_each(d,
	               outcome ? VICTIMS(OWN_REFERRAL ", " MERGED_REFERRAL ", " NOTIFIED)
	                       : VICTIMS("CAST(NULL AS TEXT), CAST(NULL AS TEXT), 0"),
	               4, p, victim_row, &x);
}
