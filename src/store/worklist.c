#include "store/worklist.h"

#define REACH "c.status <> 'closed' AND " REACH_CASE("c", "$1", "$2", "$3")
#define WHO "c.id, c.reference, p.id, p.given_names, p.family_name "
/* The first branch names the columns the outer query reads. */
/* A plan, its case and person; in open cases within the plans' reach. */
#define PLAN_FROM                                                                                          \
	"safeguarding_plans sp JOIN cases c ON c.id = sp.case_id JOIN people p ON p.id = sp.person_id WHERE "
#define PLAN_REACH "c.status <> 'closed' AND " REACH_CASE("c", "$21", "$22", "$23")
#define FIRST_WHO "c.id AS cid, c.reference, p.id AS pid, p.given_names, p.family_name "

int store_worklist(db *d, const worklist_scope *sc, const worklist_bounds *b,
		   int (*fn)(const work_row *r, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT w.*, COALESCE(u.id, ''), COALESCE(u.display_name, ''), COALESCE(u.team_id, ''), "
		"pp.date_of_birth, COALESCE(pp.estimated_age, -1), COALESCE(pp.age_disputed, 0) FROM ("
		"SELECT 'reasonable_grounds_overdue' AS kind, r.rg_due, " FIRST_WHO ", r.id FROM nrm_referrals r "
		"JOIN cases c ON c.id = r.case_id JOIN people p ON p.id = r.person_id WHERE "
		"r.status = 'awaiting_reasonable_grounds' AND r.rg_due < $4 AND " REACH
		" UNION ALL "
		"SELECT 'recovery_period_ending', r.recovery_period_end, " WHO ", r.id FROM "
		"nrm_referrals r JOIN cases c ON c.id = r.case_id JOIN people p ON p.id = r.person_id "
		"WHERE r.status = 'reasonable_grounds_positive' AND r.recovery_period_end >= $4 AND "
		"r.recovery_period_end <= $5 AND " REACH
		" UNION ALL "
		"SELECT 'referral_missing', MIN(i.recorded_at), " WHO ", cp.id FROM case_people cp "
		"JOIN indicators i ON i.case_person_id = cp.id JOIN cases c ON c.id = cp.case_id "
		"JOIN people p ON p.id = cp.person_id WHERE " REACH " AND (cp.role <> 'suspect' OR "
		REACH_CASE("c", "$9", "$10", "$11") ") AND NOT EXISTS (SELECT 1 FROM "
		"nrm_referrals r WHERE r.person_id = cp.person_id AND r.withdrawn_on IS NULL) AND NOT "
		"EXISTS (SELECT 1 FROM duty_to_notify n WHERE n.person_id = cp.person_id) GROUP BY "
		"cp.id, c.id, c.reference, p.id, p.given_names, p.family_name HAVING MIN(i.recorded_at) "
		"<= $6"
		" UNION ALL "
		"SELECT 'victim_update_due', u.due_on, " WHO ", u.id FROM victim_updates_due u JOIN "
		"case_people cp ON cp.id = u.case_person_id JOIN cases c ON c.id = u.case_id JOIN people p "
		"ON p.id = cp.person_id WHERE u.closed_at IS NULL AND " REACH
		" UNION ALL "
		"SELECT CASE WHEN v.spoc_name IS NULL THEN 'spoc_missing' ELSE 'strategy_missing' END, "
		"SUBSTR(cp.created_at, 1, 10), " WHO ", cp.id FROM case_people cp JOIN cases c ON c.id = "
		"cp.case_id JOIN people p ON p.id = cp.person_id LEFT JOIN victim_care v ON "
		"v.case_person_id = cp.id WHERE cp.role = 'potential_victim' AND (v.spoc_name IS NULL OR "
		"v.strategy IS NULL) AND " REACH
		" UNION ALL "
		"SELECT 'order_expiring', o.expires_on, " WHO ", o.id FROM orders o JOIN cases c ON c.id = "
		"o.case_id JOIN people p ON p.id = o.person_id WHERE o.expires_on >= $4 AND o.expires_on "
		"<= $7 AND " REACH_CASE("c", "$9", "$10", "$11")
		" UNION ALL "
		"SELECT 'share_ending', s.expires_on, " WHO ", s.id FROM shares s JOIN cases c ON c.id = "
		"s.case_id JOIN people p ON p.id = s.person_id WHERE s.ended_at IS NULL AND s.expires_on >= $4 "
		"AND s.expires_on <= $20 AND c.status <> 'closed' AND " REACH_CASE("c", "$17", "$18", "$19")
		" UNION ALL "
		"SELECT 'cp_strategy_due', sp.strategy_due, " WHO ", sp.id FROM " PLAN_FROM "sp.strategy_due IS NOT "
		"NULL AND sp.strategy_on IS NULL AND " PLAN_REACH
		" UNION ALL "
		"SELECT 'cp_conference_due', sp.conference_due, " WHO ", sp.id FROM " PLAN_FROM "sp.conference_due IS "
		"NOT NULL AND sp.conference_on IS NULL AND " PLAN_REACH
		" UNION ALL "
		"SELECT 'cp_core_group_due', sp.core_group_due, " WHO ", sp.id FROM " PLAN_FROM "sp.core_group_due IS "
		"NOT NULL AND sp.core_group_on IS NULL AND " PLAN_REACH
		" UNION ALL "
		"SELECT 'cp_review_due', sp.review_due, " WHO ", sp.id FROM " PLAN_FROM "sp.review_due IS NOT NULL AND "
		"sp.plan_ended_on IS NULL AND sp.review_due <= $25 AND " PLAN_REACH
		" UNION ALL "
		"SELECT 'plan_review_due', sp.review_on, " WHO ", sp.id FROM " PLAN_FROM "sp.review_on <= $24 AND "
		PLAN_REACH
		" UNION ALL "
		"SELECT 'plan_action_due', pa.due_on, " WHO ", sp.id FROM plan_actions pa JOIN safeguarding_plans sp ON "
		"sp.id = pa.plan_id JOIN cases c ON c.id = sp.case_id JOIN people p ON p.id = sp.person_id WHERE "
		"pa.status IN ('open', 'in_progress') AND pa.due_on <= $24 AND " PLAN_REACH
		" UNION ALL "
		"SELECT 'case_unallocated', SUBSTR(c.created_at, 1, 10), c.id, c.reference, '', '', '', c.id "
		"FROM cases c WHERE c.status <> 'closed' AND " REACH_CASE("c", "$12", "$13", "$14") " AND "
		"NOT EXISTS (SELECT 1 FROM case_leads l WHERE l.case_id = c.id AND l.ended_at IS NULL)"
		" UNION ALL "
		"SELECT 'training_expiring', r.expires_on, '', '', u.id, u.display_name, '', r.id FROM "
		"training_records r JOIN users u ON u.id = r.user_id WHERE r.expires_on <= $8 AND u.disabled = "
		"0 AND (u.id = $15 OR u.team_id = $16) AND NOT EXISTS (SELECT 1 "
		"FROM training_records n WHERE n.user_id = r.user_id AND n.course = r.course AND n.expires_on "
		"> r.expires_on)"
		/* Who holds each item: the case's lead investigator, or the
		 * member of staff whose training it is. */
		") w LEFT JOIN users u ON u.id = CASE WHEN w.kind = 'training_expiring' THEN w.pid ELSE "
		"(SELECT l.user_id FROM case_leads l WHERE l.case_id = w.cid AND l.ended_at IS NULL) END "
		/* The person's age, to say when they are a child. */
		"LEFT JOIN people pp ON pp.id = w.pid AND w.kind <> 'training_expiring'";
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = store_reach_bind(s, 1, &sc->entries)) == DB_OK && (rc = db_bind_text(s, 4, b->today)) == DB_OK &&
	    (rc = db_bind_text(s, 5, b->recovery_until)) == DB_OK &&
	    (rc = db_bind_text(s, 6, b->indicators_before)) == DB_OK &&
	    (rc = db_bind_text(s, 7, b->orders_until)) == DB_OK && (rc = db_bind_text(s, 8, b->training_until)) == DB_OK &&
	    (rc = store_reach_bind(s, 9, &sc->suspects)) == DB_OK &&
	    (rc = store_reach_bind(s, 12, &sc->allocating)) == DB_OK && (rc = db_bind_text(s, 15, sc->user_id)) == DB_OK)
		rc = db_bind_text(s, 16, sc->staff_team_id && sc->staff_team_id[0] ? sc->staff_team_id : NULL);
	if (rc == DB_OK && (rc = store_reach_bind(s, 17, &sc->shares)) == DB_OK)
		rc = db_bind_text(s, 20, b->shares_until);
	if (rc == DB_OK && (rc = store_reach_bind(s, 21, &sc->plans)) == DB_OK &&
	    (rc = db_bind_text(s, 24, b->plans_until)) == DB_OK)
		rc = db_bind_text(s, 25, b->cp_review_until);
	while (rc == DB_OK && (rc = db_step(s)) == DB_ROW) {
		work_row r = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
			      db_col_text(s, 4), db_col_text(s, 5), db_col_text(s, 6), db_col_text(s, 7),
			      db_col_text(s, 8), db_col_text(s, 9), db_col_text(s, 10),
			      db_col_text(s, 11), (int)db_col_int(s, 12), (int)db_col_int(s, 13)};
		int x = fn(&r, arg);
		rc = x ? x : DB_OK;
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}
