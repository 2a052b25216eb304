#include "store/exports.h"

#include <stddef.h>

/* The parts as a potential victim in the cases counted, aliased as x, with
 * the case as xc; COUNTED is the condition on the case's team xt. */
#define VICTIM_PARTS(x, COUNTED)                                                                   \
	"SELECT 1 FROM case_people " x " JOIN cases " x "c ON " x "c.id = " x                      \
	".case_id JOIN teams " x "t ON " x "t.id = " x "c.team_id WHERE " x                        \
	".role = 'potential_victim' AND " COUNTED

#define IN_ORGS(x) REACH_ORGS(x "t.org_id", "$3", "$4")
#define ANY_ORG(x) "1 = 1"

/* First identified in the period: a part recorded in it, and none before. */
#define LINKS(COUNTED_F, COUNTED_E, COUNTED_CP)                                                    \
	"SELECT cp.person_id, cp.created_at, p.gender, p.date_of_birth, p.estimated_age, "         \
	"p.nationalities, c.exploitation_types, cp.victim_context, "                               \
	"(SELECT pl.country FROM places pl WHERE pl.case_id = c.id AND pl.kind = 'exploitation' "  \
	"AND pl.country IS NOT NULL ORDER BY pl.created_at, pl.id LIMIT 1) "                       \
	"FROM case_people cp JOIN cases c ON c.id = cp.case_id JOIN teams cpt ON cpt.id = "        \
	"c.team_id "                                                                               \
	"JOIN people p ON p.id = cp.person_id "                                                    \
	"WHERE cp.role = 'potential_victim' AND cp.created_at < $2 AND p.merged_into IS NULL "     \
	"AND " COUNTED_CP " AND cp.person_id IN (SELECT f.person_id FROM case_people f JOIN "      \
	"cases fc ON fc.id = f.case_id "                                                           \
	"JOIN teams ft ON ft.id = fc.team_id WHERE f.role = 'potential_victim' AND f.created_at "  \
	">= $1 "                                                                                   \
	"AND f.created_at < $2 AND " COUNTED_F " AND NOT EXISTS (" VICTIM_PARTS(                   \
	    "e", COUNTED_E) " AND e.person_id = f.person_id AND e.created_at < $1)) "              \
	                    "ORDER BY cp.person_id, cp.created_at, cp.id"

static const char links_in_orgs[] = LINKS(IN_ORGS("f"), IN_ORGS("e"), IN_ORGS("cp"));
static const char links_all[] = LINKS(ANY_ORG("f"), ANY_ORG("e"), ANY_ORG("cp"));

typedef struct link_rows {
	int (*fn)(const export_link *l, void *arg);
	void *arg;
} link_rows;

static int link_row(db_stmt *s, void *arg)
{
	link_rows *x = arg;
	export_link l = {
	    .person_id = db_col_text(s, 0),
	    .linked_at = db_col_text(s, 1),
	    .gender = db_col_is_null(s, 2) ? NULL : db_col_text(s, 2),
	    .date_of_birth = db_col_is_null(s, 3) ? NULL : db_col_text(s, 3),
	    .estimated_age = db_col_is_null(s, 4) ? -1 : (int)db_col_int(s, 4),
	    .nationalities = db_col_text(s, 5),
	    .case_types = db_col_text(s, 6),
	    .victim_context = db_col_is_null(s, 7) ? NULL : db_col_text(s, 7),
	    .exploited_in = db_col_is_null(s, 8) ? NULL : db_col_text(s, 8),
	};
	return x->fn(&l, x->arg);
}

int store_export_links(db *d, const store_orgs *orgs, const char *from, const char *before,
                       int (*fn)(const export_link *l, void *arg), void *arg)
{
	link_rows x = {fn, arg};
	const char *p[4] = {from, before, NULL, NULL};
	if (orgs)
		store_orgs_params(orgs, p + 2);
	return db_each(d, orgs ? links_in_orgs : links_all, orgs ? 4 : 2, p, link_row, &x);
}
