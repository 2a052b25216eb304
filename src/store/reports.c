#include "store/reports.h"

/* The cases counted: those of the organisations bound at $1 and $2. */
#define CASES_COUNTED "JOIN teams t ON t.id = c.team_id WHERE " REACH_ORGS("t.org_id", "$1", "$2")

/* Counts by month the days (or times) a query answers as its column "at",
 * from $3 (included) to $4 (excluded). */
#define MONTHLY(days)                                                                              \
	"SELECT substr(k.at, 1, 7) AS month, COUNT(*) FROM (" days                                 \
	") k WHERE k.at >= $3 AND k.at < $4 "                                                      \
	"GROUP BY substr(k.at, 1, 7) ORDER BY month"

static const char *const tally_sql[TALLY_COUNT] = {
    [TALLY_REFERRALS] =
        MONTHLY("SELECT r.referred_on AS at FROM nrm_referrals r JOIN cases c ON c.id = "
                "r.case_id " CASES_COUNTED),
    [TALLY_RG_POSITIVE] =
        MONTHLY("SELECT r.rg_decided_on AS at FROM nrm_referrals r JOIN cases c ON c.id = "
                "r.case_id " CASES_COUNTED " AND r.rg_outcome = 'positive'"),
    [TALLY_RG_NEGATIVE] =
        MONTHLY("SELECT r.rg_decided_on AS at FROM nrm_referrals r JOIN cases c ON c.id = "
                "r.case_id " CASES_COUNTED " AND r.rg_outcome = 'negative'"),
    [TALLY_OPENED] = MONTHLY("SELECT c.created_at AS at FROM cases c " CASES_COUNTED),
    [TALLY_CLOSED] =
        MONTHLY("SELECT COALESCE((SELECT MAX(h.at) FROM history h WHERE h.record_type = 'case' "
                "AND h.record_id = c.id AND h.field = 'status' AND h.new_value = 'closed'), "
                "c.updated_at) AS at FROM cases c " CASES_COUNTED " AND c.status = 'closed'"),
};

typedef struct month_rows {
	int (*fn)(const char *month, int64_t n, void *arg);
	void *arg;
} month_rows;

static int month_row(db_stmt *s, void *arg)
{
	month_rows *x = arg;
	return x->fn(db_col_text(s, 0), db_col_int(s, 1), x->arg);
}

int store_report_monthly(db *d, const store_orgs *orgs, store_tally tally, const char *from,
                         const char *before, int (*fn)(const char *month, int64_t n, void *arg),
                         void *arg)
{
	if ((unsigned)tally >= TALLY_COUNT)
		return db_fail(d, DB_ERR, "no such tally");
	month_rows x = {fn, arg};
	const char *p[4];
	store_orgs_params(orgs, p);
	p[2] = from;
	p[3] = before;
	return db_each(d, tally_sql[tally], 4, p, month_row, &x);
}
