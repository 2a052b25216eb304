#include "store/reach.h"

int store_reach_bind(db_stmt *s, int first, const store_reach *r)
{
	int rc = db_bind_text(s, first, r->user_id);
	if (rc == DB_OK)
		rc = db_bind_text(s, first + 1, r->team_id && r->team_id[0] ? r->team_id : NULL);
	if (rc == DB_OK)
		rc = db_bind_text(s, first + 2, r->org_id);
	return rc;
}

int store_reach_any(const store_reach *r)
{
	return r->own_id || r->user_id || (r->team_id && r->team_id[0]) || r->org_id;
}

int store_orgs_bind(db_stmt *s, int first, const store_orgs *o)
{
	int rc = db_bind_text(s, first, o->org_id);
	return rc == DB_OK ? db_bind_text(s, first + 1, o->area_of) : rc;
}

void store_orgs_params(const store_orgs *o, const char **p)
{
	p[0] = o->org_id;
	p[1] = o->area_of;
}
