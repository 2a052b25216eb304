/* What is shared with the user's organisation: for a partner, each service
 * referral to it (neither declined nor withdrawn), the person it supports (by name), the
 * police case's reference, and that person's NRM referrals in the case
 * (which the partner may open, and ask to be reconsidered). Nothing else of
 * the case: not its title, summary or other people. */
#include <string.h>

#include "api/api.h"
#include "domain/nrm.h"
#include "store/shared.h"

typedef struct shared_list {
	json_t *items;
	json_t *last; /* the item the previous row filled */
} shared_list;

static json_t *referral_json(const shared_row *r)
{
	json_t *service = r->service_id ? json_pack("{s:s, s:s, s:s}", "id", r->service_id, "name", r->service_name,
						    "kind", r->service_kind)
					: json_null();
	return json_pack("{s:s, s:s, s:o, s:s?, s:s, s:s?, s:s, s:s?, s:{s:s, s:s}, s:{s:s, s:s}, "
			 "s:{s:s, s:s, s:s}, s:[]}",
			 "id", r->id, "status", r->status, "service", service, "provider_name",
			 r->service_id ? NULL : r->service_name, "need", r->need, "urgency", r->urgency, "referred_at",
			 r->referred_at, "respond_by", r->respond_by, "referred_by", "name", r->referred_by_name,
			 "organisation", r->referred_by_org, "case", "id", r->case_id, "reference", r->case_reference,
			 "person", "id", r->person_id, "given_names", r->given_names, "family_name", r->family_name,
			 "nrm_referrals");
}

/* Whether the support provider may ask now for a decision to be
 * reconsidered: once one is made, until the referral is withdrawn. */
static int may_ask(const shared_row *r)
{
	nrm_state st = {r->nrm_referred_on, r->rg_outcome, r->rg_decided_on, r->cg_outcome, r->withdrawn_on,
			r->cg_decided_on};
	nrm_stage stage = r->cg_outcome ? NRM_CONCLUSIVE_GROUNDS : NRM_REASONABLE_GROUNDS;
	return r->rg_outcome && nrm_reconsideration_allowed(&st, stage, r->cg_outcome ? r->cg_decided_on : r->rg_decided_on, 0) == NRM_OK;
}

static int add_row(const shared_row *r, void *arg)
{
	shared_list *l = arg;
	const char *last_id = l->last ? json_string_value(json_object_get(l->last, "id")) : NULL;
	if (!last_id || strcmp(last_id, r->id) != 0) {
		json_t *j = referral_json(r);
		if (!j || json_array_append_new(l->items, j) != 0)
			return DB_NOMEM;
		l->last = j;
	}
	if (!r->nrm_id)
		return DB_OK;
	json_t *n = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:b}", "id", r->nrm_id,
			      "status", r->nrm_status, "referred_on", r->nrm_referred_on, "rg_outcome",
			      r->rg_outcome, "rg_decided_on", r->rg_decided_on, "recovery_period_end",
			      r->recovery_period_end, "cg_outcome", r->cg_outcome, "cg_decided_on",
			      r->cg_decided_on, "withdrawn_on", r->withdrawn_on, "may_ask_reconsideration",
			      may_ask(r));
	return n && json_array_append_new(json_object_get(l->last, "nrm_referrals"), n) == 0 ? DB_OK : DB_NOMEM;
}

void api_shared_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	api_page page;
	if (api_page_only(req, &page) != 0)
		return;
	shared_list l = {api_keep(req, json_array()), NULL};
	json_t *out = api_keep(req, json_object());
	int rc = l.items && out ? DB_OK : DB_NOMEM;
	/* Only a role whose reading reaches what is shared is given any: the
	 * force's roles read their cases instead, and nothing names a force
	 * as a service's provider. */
	int shared = (access_scope_mask(access_scope_of(c->role, KIND_ENTRY, ACT_READ)) & REL_SHARED) != 0;
	if (rc == DB_OK && shared)
		rc = store_shared_with(c->db, c->user.org_id, add_row, &l);
	if (rc == DB_OK && shared)
		rc = api_audit(req, "shared_listed", NULL, NULL, http_req_header(req, "X-Purpose"),
			       json_pack("{s:I}", "service_referrals", (json_int_t)json_array_size(l.items)));
	if (rc == DB_OK)
		rc = api_page_set(out, &page, l.items);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}
