/* The wall as handlers meet it: whether the signed-in user may take an
 * action on a record (404 when it is beyond their reach, 403 when they
 * reach it but may not), how far their reach goes for the store's
 * queries, and loading the organisation or account a route names. The
 * table that decides is src/domain/access.c. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"

int api_allow(http_req *req, access_kind k, access_action a, unsigned rel, const char *noun)
{
	api_ctx *c = api_ctx_of(req);
	switch (access_decide(c->role, k, a, rel)) {
	case ACCESS_ALLOW:
		return 0;
	case ACCESS_HIDDEN: {
		char detail[128];
		snprintf(detail, sizeof detail, "there is no such %s", noun);
		http_reply_problem(req, 404, "Not Found", detail, NULL);
		return -1;
	}
	default: {
		char detail[128];
		snprintf(detail, sizeof detail, "your role may not %s this %s", access_action_name(a), noun);
		http_reply_problem(req, 403, "Forbidden", detail, NULL);
		return -1;
	}
	}
}

store_reach api_reach(http_req *req, access_kind k, access_action a)
{
	api_ctx *c = api_ctx_of(req);
	store_reach r = {0};
	unsigned m = access_scope_mask(access_scope_of(c->role, k, a));
	if (m & REL_OWN)
		r.own_id = c->user.id;
	if (m & REL_ALLOCATED)
		r.user_id = c->user.id;
	if ((m & REL_TEAM) && c->user.team_id[0])
		r.team_id = c->user.team_id;
	if (m & REL_ORG)
		r.org_id = c->user.org_id;
	if (m & REL_HOSTED)
		r.hosted_by = c->user.org_id;
	return r;
}

store_orgs api_orgs(http_req *req, access_kind k, access_action a)
{
	api_ctx *c = api_ctx_of(req);
	unsigned m = access_scope_mask(access_scope_of(c->role, k, a));
	return (store_orgs){.org_id = (m & REL_ORG) ? c->user.org_id : NULL,
			    .area_of = (m & REL_AREA) ? c->user.org_id : NULL};
}

int api_allow_whole(http_req *req, access_kind k, access_action a, const char *what)
{
	api_ctx *c = api_ctx_of(req);
	if (access_decide(c->role, k, a, api_relate(req, c->user.org_id, NULL, NULL, 0)) == ACCESS_ALLOW)
		return 0;
	char detail[160];
	snprintf(detail, sizeof detail, "your role may not %s %s", access_action_name(a), what);
	http_reply_problem(req, 403, "Forbidden", detail, NULL);
	return -1;
}

unsigned api_relate(http_req *req, const char *org_id, const char *team_id, const char *owner_id,
		    unsigned rel)
{
	access_record rec = {org_id, team_id, owner_id, rel};
	return access_relate(&api_ctx_of(req)->subject, &rec);
}

unsigned api_org_rel(http_req *req, const org_rec *o)
{
	api_ctx *c = api_ctx_of(req);
	unsigned hosted = o->host_org_id[0] && strcmp(o->host_org_id, c->user.org_id) == 0 ? REL_HOSTED : 0;
	return api_relate(req, o->id, NULL, NULL, hosted);
}

int api_org_load(http_req *req, const char *id, access_kind k, access_action a, org_rec *o)
{
	api_ctx *c = api_ctx_of(req);
	int rc = id ? store_org_get(c->db, id, o) : DB_DONE;
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such organisation", NULL);
		return -1;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return -1;
	}
	return api_allow(req, k, a, api_org_rel(req, o), "organisation");
}

int api_user_load(http_req *req, access_action a, user_rec *u)
{
	api_ctx *c = api_ctx_of(req);
	const char *id = http_req_param(req, "id");
	int rc = id ? store_user_by_id(c->db, id, u) : DB_DONE;
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such user", NULL);
		return -1;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return -1;
	}
	unsigned hosted = u->org_host_id[0] && strcmp(u->org_host_id, c->user.org_id) == 0 ? REL_HOSTED : 0;
	return api_allow(req, KIND_ACCOUNT, a, api_relate(req, u->org_id, u->team_id, u->id, hosted), "user");
}
