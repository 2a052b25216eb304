#include "store/outcomes.h"

/* The cases counted: those of the organisations bound at $1 and $2. */
#define CASES_COUNTED "JOIN teams t ON t.id = c.team_id WHERE " REACH_ORGS("t.org_id", "$1", "$2")

/* Each query answers day, a, b for days from $3 (included) to $4
 * (excluded). */
static const char *const outcome_sql[OUTCOME_COUNT] = {
    [OUTCOME_VICTIMS] =
        "SELECT substr(v.first, 1, 10), v.contact, v.strategy FROM (SELECT cp.person_id, "
        "MIN(cp.created_at) AS first, "
        "MAX(CASE WHEN vc.spoc_name IS NOT NULL AND vc.spoc_name <> '' THEN '1' ELSE '0' END) "
        "AS contact, "
        "MAX(CASE WHEN vc.strategy IS NOT NULL AND vc.strategy <> '' THEN '1' ELSE '0' END) "
        "AS strategy "
        "FROM case_people cp JOIN cases c ON c.id = cp.case_id "
        "LEFT JOIN victim_care vc ON vc.case_person_id = cp.id " CASES_COUNTED
        " AND cp.role = 'potential_victim' GROUP BY cp.person_id) v "
        "WHERE v.first >= $3 AND v.first < $4",
    [OUTCOME_DUTY_TO_NOTIFY] = "SELECT n.submitted_on, NULL, NULL FROM duty_to_notify n JOIN "
                               "cases c ON c.id = n.case_id " CASES_COUNTED
                               " AND n.submitted_on >= $3 AND n.submitted_on < $4",
    [OUTCOME_RG_DECISIONS] = "SELECT r.rg_decided_on, r.referred_on, NULL FROM nrm_referrals r "
                             "JOIN cases c ON c.id = r.case_id " CASES_COUNTED
                             " AND r.rg_decided_on >= $3 AND r.rg_decided_on < $4",
    [OUTCOME_VC_UPDATES] =
        "SELECT u.due_on, e.occurred_on, k.contacted_on FROM victim_updates_due u "
        "JOIN case_events e ON e.id = u.event_id "
        "LEFT JOIN victim_contacts k ON k.id = u.closed_by "
        "JOIN cases c ON c.id = u.case_id " CASES_COUNTED " AND u.due_on >= $3 AND u.due_on < $4",
    [OUTCOME_CHARGING] =
        "SELECT d.decided_on, CASE WHEN EXISTS (SELECT 1 FROM s45_assessments s WHERE "
        "s.case_person_id = d.case_person_id AND substr(s.assessed_at, 1, 10) <= d.decided_on) "
        "THEN '1' ELSE '0' END, NULL FROM charging_decisions d "
        "JOIN case_people cp ON cp.id = d.case_person_id JOIN cases c ON c.id = "
        "d.case_id " CASES_COUNTED
        " AND EXISTS (SELECT 1 FROM case_people v WHERE v.person_id = cp.person_id AND "
        "v.role = 'potential_victim') AND d.decided_on >= $3 AND d.decided_on < $4",
    [OUTCOME_GO_BAGS] = "SELECT substr(i.issued_at, 1, 10), NULL, NULL FROM go_bag_issues i "
                        "JOIN go_bag_locations l ON l.id = i.location_id WHERE " REACH_ORGS(
                            "l.org_id", "$1", "$2") " AND i.issued_at >= $3 AND i.issued_at < $4",
};

typedef struct outcome_each {
	int (*fn)(const outcome_row *r, void *arg);
	void *arg;
} outcome_each;

static int outcome_one(db_stmt *s, void *arg)
{
	outcome_each *x = arg;
	outcome_row r = {db_col_text(s, 0), db_col_is_null(s, 1) ? NULL : db_col_text(s, 1),
	                 db_col_is_null(s, 2) ? NULL : db_col_text(s, 2)};
	return x->fn(&r, x->arg);
}

int store_outcome_rows(db *d, const store_orgs *orgs, store_outcome kind, const char *from,
                       const char *before, int (*fn)(const outcome_row *r, void *arg), void *arg)
{
	if ((unsigned)kind >= OUTCOME_COUNT)
		return db_fail(d, DB_ERR, "no such outcome");
	outcome_each x = {fn, arg};
	const char *p[4];
	store_orgs_params(orgs, p);
	p[2] = from;
	p[3] = before;
	return db_each(d, outcome_sql[kind], 4, p, outcome_one, &x);
}
