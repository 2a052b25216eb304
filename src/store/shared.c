/* What is shared with a partner organisation, read in one query. */
#include "store/shared.h"

#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/services.h"

typedef struct shared_rows {
	int (*fn)(const shared_row *r, void *arg);
	void *arg;
} shared_rows;

static int shared_read(db_stmt *s, void *arg)
{
	shared_rows *x = arg;
	shared_row r = {
		db_col_text(s, 0),  db_col_text(s, 1),	db_col_text(s, 2),  db_col_text(s, 3),
		db_col_text(s, 4),  db_col_text(s, 5),	db_col_text(s, 6),  db_col_text(s, 7),
		db_col_text(s, 8),  db_col_text(s, 9),	db_col_text(s, 10), db_col_text(s, 11),
		db_col_text(s, 12), db_col_text(s, 13), db_col_text(s, 14), db_col_text(s, 15),
		db_col_text(s, 16), db_col_text(s, 17), db_col_text(s, 18), db_col_text(s, 19),
		db_col_text(s, 20), db_col_text(s, 21), db_col_text(s, 22), db_col_text(s, 23),
		db_col_text(s, 24),
	};
	return x->fn(&r, x->arg);
}

int store_shared_with(db *d, const char *org_id, int (*fn)(const shared_row *r, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT s.id, s.status, s.service_id, COALESCE(sv.name, s.provider_name), sv.kind, s.need, "
		"s.urgency, s.referred_at, s.respond_by, u.display_name, uo.name, s.case_id, c.reference, p.id, "
		"p.given_names, p.family_name, n.id, n.status, n.referred_on, n.rg_outcome, n.rg_decided_on, "
		"n.recovery_period_end, n.cg_outcome, n.cg_decided_on, n.withdrawn_on FROM service_referrals s "
		"LEFT JOIN services sv ON sv.id = s.service_id "
		"JOIN case_people cp ON cp.id = s.case_person_id "
		"JOIN people p ON p.id = cp.person_id "
		"JOIN cases c ON c.id = s.case_id "
		"JOIN users u ON u.id = s.created_by "
		"JOIN orgs uo ON uo.id = u.org_id "
		"LEFT JOIN nrm_referrals n ON n.case_id = s.case_id AND n.person_id = cp.person_id "
		"WHERE s.provider_org_id = $1 AND " SREF_PROVIDER_STANDS("$2") " "
		"ORDER BY s.referred_at DESC, s.id, n.referred_on DESC, n.created_at DESC";
	shared_rows x = {fn, arg};
	char today[DATE_LEN];
	clock_today(today);
	const char *p[] = {org_id, today};
	return db_each(d, sql, 2, p, shared_read, &x);
}
