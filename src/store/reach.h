/* What a signed-in user reaches, as the store's queries draw it, so that
 * lists and searches take their candidates only from what the user may see
 * (the API turns the access table's scope into one of these). */
#ifndef WAYMARK_STORE_REACH_H
#define WAYMARK_STORE_REACH_H

#include "store/db.h"

typedef struct store_reach {
	const char *own_id;  /* records that are this user's own, or NULL */
	const char *user_id; /* cases allocated to this user, or NULL */
	const char *team_id; /* cases of this team, or NULL */
	const char *org_id;  /* cases of every team of this organisation, or NULL */
	const char *hosted_by; /* records of the organisations this one hosts, or NULL */
} store_reach;

/* SQL: whether the case aliased c is within the reach bound at the three
 * parameters u (user), t (team) and o (organisation), given as "$n". */
#define REACH_CASE(c, u, t, o)                                                                     \
	"(" c ".team_id = " t " OR " c ".id IN (SELECT ra.case_id FROM case_allocations ra WHERE "     \
	"ra.user_id = " u ") OR " c ".team_id IN (SELECT rt.id FROM teams rt WHERE rt.org_id = " o "))"

/* The organisations whose figures are counted: one organisation, and the
 * forces of a Commissioner's office's area (each NULL when not counted). */
typedef struct store_orgs {
	const char *org_id;
	const char *area_of;
} store_orgs;

/* SQL: whether the organisation column col is among the organisations
 * bound at the parameters o and a (as store_orgs), given as "$n". */
#define REACH_ORGS(col, o, a)                                                                 \
	"(" col " = " o " OR " col " IN (SELECT ar.force_org_id FROM org_areas ar WHERE "     \
	"ar.opcc_org_id = " a "))"

/* Binds the organisations at first and first + 1. */
int store_orgs_bind(db_stmt *s, int first, const store_orgs *o);
/* The same as text parameters p[0] and p[1], for db_each and db_run. */
void store_orgs_params(const store_orgs *o, const char **p);

/* Binds the reach's three values at first, first + 1 and first + 2. */
int store_reach_bind(db_stmt *s, int first, const store_reach *r);
/* Whether the reach reaches anything at all. */
int store_reach_any(const store_reach *r);

#endif
