/* Sharing a victim with a partner organisation: their consent, the shares
 * the force makes (what, for what, on what basis, until when), what a
 * partner sees of one (only the sections it names, while it is live, each
 * look audited), ending and extending them, and the victim's record of
 * every disclosure. The rules are domain/shares.h's. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "api/people.h"
#include "api/plans.h"
#include "domain/person.h"
#include "domain/exports.h"
#include "domain/shares.h"
#include "domain/vocab.h"
#include "lib/clock.h"
#include "store/accounts.h"
#include "store/case_people.h"
#include "store/cases.h"
#include "store/documents.h"
#include "store/nrm.h"
#include "store/shares.h"
#include "store/victims.h"

/* ---- consent ---- */

/* The purposes array's codes as bits, adding a field error for any that
 * names no purpose or comes twice. */
static unsigned purpose_bits(json_t *purposes, json_t *errors)
{
	unsigned bits = 0;
	size_t i;
	json_t *v;
	json_array_foreach(purposes, i, v)
	{
		int p = share_purpose_of(json_string_value(v));
		if (p < 0 || (bits & (1u << p))) {
			jv_error(errors, "purposes",
				 p < 0 ? "each must be safeguarding, support, immigration_advice or housing"
				       : "must not name a purpose twice");
			return 0;
		}
		bits |= 1u << p;
	}
	return bits;
}

unsigned api_consented(http_req *req, const consent_rec *c)
{
	if (!c->given || c->withdrawn_at)
		return 0;
	json_t *purposes = api_keep(req, json_loads(c->purposes, 0, NULL));
	json_t *ignore = api_keep(req, json_array());
	return purposes && ignore ? purpose_bits(purposes, ignore) : 0;
}

static json_t *consent_json(const consent_rec *c)
{
	return json_pack("{s:s, s:b, s:o, s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:s?}", "id", c->id, "given", c->given,
			 "purposes", json_loads(c->purposes, 0, NULL), "method", c->method, "language", c->language,
			 "interpreter", c->interpreter, "recorded_at", c->recorded_at, "recorded_by", "id",
			 c->recorded_by, "name", c->recorded_by_name, "withdrawn_at", c->withdrawn_at);
}

/* How the consent reads in the person's history. */
static const char *consent_words(http_req *req, const consent_rec *c)
{
	if (!c)
		return NULL;
	if (!c->given)
		return "refused";
	json_t *purposes = api_keep(req, json_loads(c->purposes, 0, NULL));
	const char *list = api_json_text(req, purposes);
	char *out = arena_alloc(http_req_arena(req), 32 + (list ? strlen(list) : 0));
	if (out)
		sprintf(out, "given for %s", list ? list : "[]");
	return out;
}

void api_consent_put(http_req *req)
{
	static const jv_field fields[] = {
		{"given", JV_BOOL, 1, 0},
		{"purposes", JV_STRING_ARRAY, 0, FIELD_CODE},
		{"method", JV_STRING, 1, FIELD_CHOICE},
		{"language", JV_STRING, 1, FIELD_LANGUAGE},
		{"interpreter", JV_STRING, 1, FIELD_CHOICE},
	};
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	if (api_person_load(req, http_req_param(req, "id"), ACT_WRITE, &p, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	json_t *errors = json_array();
	consent_rec k = {0};
	snprintf(k.person_id, sizeof k.person_id, "%s", p.id);
	snprintf(k.recorded_by, sizeof k.recorded_by, "%s", c->user.id);
	k.given = json_is_true(json_object_get(body, "given"));
	json_t *purposes = json_object_get(body, "purposes");
	if (!purposes) {
		purposes = json_array();
		json_object_set_new(body, "purposes", purposes);
	}
	unsigned bits = purpose_bits(purposes, errors);
	if (k.given && !bits && !json_array_size(errors))
		jv_error(errors, "purposes", "must name at least one purpose the victim agreed to");
	if (!k.given && json_array_size(purposes))
		jv_error(errors, "purposes", "must be empty when consent is refused");
	k.method = jv_str(body, "method");
	if (!share_consent_method_ok(k.method))
		jv_error(errors, "method", "must be written, verbal or easy_read");
	k.interpreter = jv_str(body, "interpreter");
	if (!share_consent_interpreter_ok(k.interpreter))
		jv_error(errors, "interpreter", "must be none, in_person, telephone or video");
	k.language = api_language(body, "language", "language", errors);
	if (api_reject(req, errors))
		return;
	k.purposes = api_json_text(req, purposes);
	consent_rec before = {0};
	int had = 0, ended = 0;
	int rc = k.purposes ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK) {
		rc = store_consent_current(c->db, http_req_arena(req), p.id, &before);
		had = rc == DB_ROW;
		rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
	}
	if (rc == DB_OK)
		rc = store_consent_add(c->db, &k);
	/* What the victim no longer agrees to is no longer shared. */
	if (rc == DB_OK)
		rc = store_shares_end_unconsented(c->db, p.id, k.given ? k.purposes : "[]", c->user.id, k.recorded_at,
						  &ended);
	json_t *detail = api_keep(req, json_array());
	if (rc == DB_OK)
		rc = detail ? api_history_change(req, detail, "person", p.id, "consent",
						 had ? consent_words(req, &before) : NULL, consent_words(req, &k))
			    : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_audit(req, "consent_recorded", "person", p.id, NULL,
			       json_pack("{s:b, s:O, s:i}", "given", k.given, "purposes", purposes, "shares_ended", ended));
	k.recorded_by_name = c->user.display_name;
	json_t *out = consent_json(&k);
	if (out)
		json_object_set_new(out, "shares_ended", json_integer(ended));
	api_write_end(req, rc, 200, out);
}

/* ---- a share, and whose it is ---- */

static int share_state_live(const share_rec *s, const char *today)
{
	return share_live(s->expires_on, s->ended_at, today);
}

/* live, revoked, consent_withdrawn or expired. */
static const char *share_state(const share_rec *s, const char *today)
{
	if (s->ended_at)
		return s->end_reason;
	return share_state_live(s, today) ? "live" : "expired";
}

/* Loads the share named by {id} and decides the action on it: a partner
 * reaches it while it is live and names their organisation; the force, as
 * it reaches the case. 0, or replies (403, 404, 503) and -1. */
static int share_load(http_req *req, access_action a, share_rec *s, const char *today)
{
	api_ctx *c = api_ctx_of(req);
	unsigned rel = 0;
	int rc = store_share_get(c->db, http_req_arena(req), http_req_param(req, "id"), s);
	if (rc == DB_ROW) {
		case_rec cr;
		rc = store_case_get(c->db, http_req_arena(req), s->case_id, &cr);
		if (rc == DB_ROW)
			rc = api_case_rel(req, &cr, &rel);
	}
	if (rc != DB_OK && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	if (rc == DB_OK && strcmp(s->org_id, c->user.org_id) == 0 && share_state_live(s, today))
		rel |= REL_SHARED;
	return api_allow(req, KIND_SHARE, a, rc == DB_OK ? rel : 0, "share");
}

/* ---- what a partner sees ---- */

typedef struct view_ctx {
	const char *link_id, *person_id;
	json_t *out;
} view_ctx;

static int view_context(const case_person_rec *cp, void *arg)
{
	view_ctx *v = arg;
	if (strcmp(cp->id, v->link_id) == 0 && cp->victim_context)
		json_object_set_new(v->out, "victim_context", json_loads(cp->victim_context, 0, NULL));
	return 0;
}

static int view_nrm(const nrm_rec *r, void *arg)
{
	view_ctx *v = arg;
	if (strcmp(r->person_id, v->person_id) != 0)
		return 0;
	json_t *j = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "status", r->status,
			      "referred_on", r->referred_on, "rg_due", r->rg_due, "rg_outcome", r->rg_outcome,
			      "rg_decided_on", r->rg_decided_on, "recovery_period_end", r->recovery_period_end,
			      "cg_outcome", r->cg_outcome, "cg_decided_on", r->cg_decided_on, "withdrawn_on",
			      r->withdrawn_on);
	return j && json_array_append_new(json_object_get(v->out, "nrm"), j) == 0 ? 0 : DB_NOMEM;
}

static int view_contact(const victim_item *it, void *arg)
{
	view_ctx *v = arg;
	if (strcmp(it->what, "care") == 0 && strcmp(it->link_id, v->link_id) == 0 && it->a)
		json_object_set_new(v->out, "contacts",
				    json_pack("{s:s, s:s?}", "named_contact", it->a, "kind", it->b));
	return 0;
}

static int has_section(json_t *sections, share_section s)
{
	size_t i;
	json_t *v;
	json_array_foreach(sections, i, v)
	{
		if (share_section_of(json_string_value(v)) == (int)s)
			return 1;
	}
	return 0;
}

/* The sections of one victim's part in a case, as a partner sees them:
 * only those named, nothing sealed, nobody else. */
static int shared_view(http_req *req, const char *case_id, const char *link_id, const person_rec *p,
		       json_t *sections, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	char today[DATE_LEN];
	clock_today(today);
	view_ctx v = {link_id, p->id, api_keep(req, json_object())};
	int rc = v.out ? DB_OK : DB_NOMEM;
	if (rc == DB_OK && has_section(sections, SECTION_IDENTITY))
		json_object_set_new(
		    v.out, "identity",
		    json_pack("{s:s, s:s, s:s?, s:o, s:b, s:s?, s:o, s:b, s:s?, s:o}", "given_names", p->given_names,
			      "family_name", p->family_name, "date_of_birth", p->date_of_birth, "estimated_age",
			      p->estimated_age >= 0 ? json_integer(p->estimated_age) : json_null(), "presumed_child",
			      presumed_child(p->date_of_birth, p->estimated_age, p->age_disputed, today), "gender",
			      p->gender, "languages", json_loads(p->languages, 0, NULL), "interpreter_needed",
			      p->interpreter_needed, "interpreter_language", p->interpreter_language, "safe_contact",
			      p->safe_contact ? json_loads(p->safe_contact, 0, NULL) : json_null()));
	if (rc == DB_OK && has_section(sections, SECTION_VICTIM_CONTEXT)) {
		json_object_set_new(v.out, "victim_context", json_null());
		rc = store_case_people(c->db, http_req_arena(req), case_id, view_context, &v);
	}
	if (rc == DB_OK && has_section(sections, SECTION_NRM)) {
		json_object_set_new(v.out, "nrm", json_array());
		rc = store_nrm_by_case(c->db, http_req_arena(req), case_id, view_nrm, &v);
	}
	if (rc == DB_OK && has_section(sections, SECTION_CONTACTS)) {
		json_object_set_new(v.out, "contacts", json_null());
		rc = store_victim_items(c->db, case_id, view_contact, &v);
	}
	/* The plan and its risks, each null until a plan is made. */
	int plan = has_section(sections, SECTION_SAFEGUARDING_PLAN), risks = has_section(sections, SECTION_RISKS);
	if (rc == DB_OK && (plan || risks))
		rc = api_plan_view(req, link_id, plan, risks, v.out);
	if (rc == DB_OK && has_section(sections, SECTION_MISSING))
		rc = api_missing_view(req, p->id, v.out);
	*out = v.out;
	return rc;
}

/* A share as the API answers it (without its view). */
static json_t *share_json(const share_rec *s, const char *today)
{
	return json_pack("{s:s, s:I, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s, s:s}, s:o, s:s, s:s, s:s?, "
			 "s:s, s:s, s:{s:s, s:s}, s:s, s:s?, s:s?, s:s?, s:s?}",
			 "id", s->id, "version", (json_int_t)s->version, "state", share_state(s, today), "organisation",
			 "id", s->org_id, "name", s->org_name, "case", "id", s->case_id, "reference", s->case_reference,
			 "person", "id", s->person_id, "given_names", s->given_names, "family_name", s->family_name,
			 "sections", json_loads(s->sections, 0, NULL), "purpose", s->purpose, "basis", s->basis,
			 "reason", s->reason, "expires_on", s->expires_on, "link_id", s->link_id, "created_by", "id",
			 s->created_by, "name", s->created_by_name, "created_at", s->created_at, "ended_at",
			 s->ended_at, "ended_by", s->ended_by_name, "end_reason", s->end_reason, "end_note",
			 s->end_note);
}

/* For a partner: the share without the force's own names for it (the
 * case's people and the officer stay the force's), name only when
 * identity is shared. */
static json_t *partner_json(const share_rec *s, const char *today)
{
	json_t *sections = json_loads(s->sections, 0, NULL);
	int named = sections && has_section(sections, SECTION_IDENTITY);
	json_t *j = json_pack("{s:s, s:s, s:{s:s}, s:o, s:s, s:s, s:s, s:s, s:o}", "id", s->id, "state",
			      share_state(s, today), "case", "reference", s->case_reference, "sections",
			      sections ? sections : json_array(), "purpose", s->purpose, "basis", s->basis,
			      "expires_on", s->expires_on, "shared_on", s->created_at,
			      "person", named ? json_pack("{s:s, s:s}", "given_names", s->given_names, "family_name",
							 s->family_name)
					      : json_null());
	return j;
}

static int partner_of(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	return (access_scope_mask(access_scope_of(c->role, KIND_SHARE, ACT_READ)) & REL_SHARED) != 0;
}

/* ---- making one ---- */

typedef struct partner_org {
	const char *id;
	int found;
} partner_org;

static int find_partner(const org_rec *o, void *arg)
{
	partner_org *x = arg;
	x->found |= strcmp(o->id, x->id) == 0;
	return 0;
}

/* Reads sections: at least one, each a section, none twice. */
static void check_sections(json_t *sections, json_t *errors)
{
	unsigned seen = 0;
	size_t i;
	json_t *v;
	if (!json_array_size(sections))
		jv_error(errors, "sections", "must name at least one section to share");
	json_array_foreach(sections, i, v)
	{
		int s = share_section_of(json_string_value(v));
		if (s < 0 || (seen & (1u << s))) {
			jv_error(errors, "sections",
				 s < 0 ? "each must be identity, victim_context, nrm, safeguarding_plan, risks or "
					 "contacts"
				       : "must not name a section twice");
			return;
		}
		seen |= 1u << s;
	}
}

/* Why a part other than a potential victim's is refused. */
static const char not_victim[] = "only a potential victim's information is shared with partners";

#define SHARE_DOCUMENTS_MAX 50

static int check_documents(http_req *req, const case_rec *cr, const person_rec *p, json_t *documents,
			   json_t *errors);

void api_share_create(http_req *req)
{
	static const jv_field fields[] = {
		{"organisation_id", JV_STRING, 1, FIELD_ID}, {"sections", JV_STRING_ARRAY, 1, FIELD_CODE},
		{"purpose", JV_STRING, 1, FIELD_CHOICE},     {"basis", JV_STRING, 1, FIELD_CHOICE},
		{"reason", JV_STRING, 0, FIELD_NOTE},	     {"expires_on", JV_STRING, 1, FIELD_DATE},
		{"documents", JV_STRING_ARRAY, 0, SHARE_DOCUMENTS_MAX},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	person_rec p;
	if (api_case_load(req, KIND_SHARE, ACT_WRITE, &cr, &rel) != 0 || api_case_victim(req, &cr, rel, not_victim, &p) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	char today[DATE_LEN];
	clock_today(today);
	partner_org org = {jv_str(body, "organisation_id"), 0};
	consent_rec k = {0};
	int rc = store_orgs_near(c->db, c->user.org_id, "partner", find_partner, &org);
	if (rc == DB_OK)
		rc = store_consent_current(c->db, http_req_arena(req), p.id, &k);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	json_t *errors = json_array();
	json_t *sections = json_object_get(body, "sections");
	check_sections(sections, errors);
	int purpose = share_purpose_of(jv_str(body, "purpose"));
	if (purpose < 0)
		jv_error(errors, "purpose", "must be safeguarding, support, immigration_advice or housing");
	int basis = share_basis_of(jv_str(body, "basis"));
	if (basis < 0)
		jv_error(errors, "basis", "must be consent, child_safeguarding, vital_interests or legal_duty");
	if (!org.found)
		jv_error(errors, "organisation_id", "there is no such partner organisation");
	json_t *documents = json_object_get(body, "documents");
	int drc = check_documents(req, &cr, &p, documents, errors);
	if (drc != DB_OK) {
		json_decref(errors);
		api_db_fail(req, drc);
		return;
	}
	const char *reason = jv_str(body, "reason");
	if (!json_array_size(errors)) {
		share_ask ask = {(share_basis)basis,
				 (share_purpose)purpose,
				 reason && reason[strspn(reason, " \t\r\n")],
				 presumed_child(p.date_of_birth, p.estimated_age, p.age_disputed, today),
				 rc == DB_ROW ? api_consented(req, &k) : 0,
				 today,
				 jv_str(body, "expires_on")};
		share_check why = share_allowed(&ask);
		if (why != SHARE_OK)
			jv_error(errors, share_check_field(why), share_check_message(why));
	}
	if (api_reject(req, errors))
		return;
	share_rec s = {0};
	snprintf(s.case_id, sizeof s.case_id, "%s", cr.id);
	snprintf(s.link_id, sizeof s.link_id, "%s", http_req_param(req, "link"));
	snprintf(s.person_id, sizeof s.person_id, "%s", p.id);
	snprintf(s.org_id, sizeof s.org_id, "%s", org.id);
	snprintf(s.created_by, sizeof s.created_by, "%s", c->user.id);
	s.sections = api_json_text(req, sections);
	s.purpose = jv_str(body, "purpose");
	s.basis = jv_str(body, "basis");
	s.reason = basis == BASIS_CONSENT ? NULL : reason;
	s.expires_on = jv_str(body, "expires_on");
	rc = s.sections ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_share_insert(req, &s, sections);
	size_t i;
	json_t *d;
	json_array_foreach(documents, i, d)
	{
		if (rc == DB_OK)
			rc = store_share_document_add(c->db, s.id, json_string_value(d));
	}
	if (rc == DB_OK && json_array_size(documents))
		rc = api_audit(req, "documents_shared", "share", s.id, NULL,
			       json_pack("{s:s, s:s, s:O}", "case", s.case_id, "organisation", s.org_id, "documents",
					 documents));
	api_write_end(req, rc, 201, json_pack("{s:s, s:I}", "id", s.id, "version", (json_int_t)s.version));
}

/* The documents a new share names: each a document of this case, kept,
 * not sealed (a partner never reads a sealed document), about this victim
 * or about no one person, and named once. Adds an error naming documents
 * for each that is not. DB_OK, or the store's error. */
static int check_documents(http_req *req, const case_rec *cr, const person_rec *p, json_t *documents,
			   json_t *errors)
{
	size_t i, j;
	json_t *d;
	json_array_foreach(documents, i, d)
	{
		document_rec doc;
		const char *id = json_string_value(d);
		int rc = store_document_get(api_ctx_of(req)->db, http_req_arena(req), id, &doc);
		if (rc != DB_ROW && rc != DB_DONE)
			return rc;
		int twice = 0;
		for (j = 0; j < i; j++)
			twice |= strcmp(json_string_value(json_array_get(documents, j)), id) == 0;
		if (rc == DB_DONE || doc.deleted_at || strcmp(doc.case_id, cr->id) != 0 ||
		    (doc.person_id[0] && strcmp(doc.person_id, p->id) != 0)) {
			jv_error(errors, "documents", "names a document that is not this victim's in this case");
			return DB_OK;
		}
		if (doc.sealed) {
			jv_error(errors, "documents", "names a sealed document, which is never shared");
			return DB_OK;
		}
		if (twice) {
			jv_error(errors, "documents", "names a document twice");
			return DB_OK;
		}
	}
	return DB_OK;
}

int api_share_insert(http_req *req, share_rec *s, json_t *sections)
{
	int rc = store_share_add(api_ctx_of(req)->db, s);
	if (rc == DB_OK)
		rc = api_audit(req, "disclosure_made", "share", s->id, NULL,
			       json_pack("{s:s, s:s, s:s, s:O, s:s, s:s, s:s}", "person", s->person_id, "case",
					 s->case_id, "organisation", s->org_id, "sections", sections, "purpose", s->purpose,
					 "basis", s->basis, "expires_on", s->expires_on));
	return rc;
}

/* GET .../shares/preview?sections=a,b: exactly what the partner would see. */
void api_share_preview(http_req *req)
{
	case_rec cr;
	unsigned rel = 0;
	person_rec p;
	if (api_case_load(req, KIND_SHARE, ACT_WRITE, &cr, &rel) != 0 || api_case_victim(req, &cr, rel, not_victim, &p) != 0)
		return;
	const char *q = http_req_query(req, "sections");
	json_t *sections = api_keep(req, json_array());
	json_t *errors = json_array();
	char part[FIELD_CODE + 1];
	for (const char *at = q ? q : ""; sections && *at;) {
		size_t n = strcspn(at, ",");
		snprintf(part, sizeof part, "%.*s", (int)(n < FIELD_CODE ? n : FIELD_CODE), at);
		json_array_append_new(sections, json_string(part));
		at += n + (at[n] == ',');
	}
	check_sections(sections, errors);
	if (api_reject_query(req, errors))
		return;
	json_t *view = NULL;
	int rc = shared_view(req, cr.id, http_req_param(req, "link"), &p, sections, &view);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:O}", "view", view));
}

/* ---- reading them ---- */

typedef struct list_ctx {
	http_req *req;
	const char *today;
	int partner;
	json_t *items;
} list_ctx;

static int add_share(const share_rec *s, void *arg)
{
	list_ctx *l = arg;
	json_t *j = l->partner ? partner_json(s, l->today) : share_json(s, l->today);
	if (!j || json_array_append_new(l->items, j) != 0)
		return DB_NOMEM;
	/* What the partner is asked to do on a plan shared with it. */
	json_t *sections = l->partner ? json_object_get(j, "sections") : NULL;
	json_t *asked = NULL;
	int rc = sections && has_section(sections, SECTION_SAFEGUARDING_PLAN) ? api_plan_asked(l->req, s->link_id, &asked)
									       : DB_OK;
	if (rc == DB_OK && asked)
		json_object_set(j, "plan", asked);
	return rc;
}

/* GET /api/v1/shares: for a partner, what is live with their
 * organisation; for the force, the live shares of the cases they reach. */
void api_shares_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	api_page page;
	if (api_page_only(req, &page) != 0)
		return;
	char today[DATE_LEN];
	clock_today(today);
	list_ctx l = {req, today, partner_of(req), api_keep(req, json_array())};
	json_t *out = api_keep(req, json_object());
	store_reach r = api_reach(req, KIND_SHARE, ACT_READ);
	int rc = l.items && out ? DB_OK : DB_NOMEM;
	if (rc == DB_OK)
		rc = l.partner ? store_shares_with_org(c->db, http_req_arena(req), c->user.org_id, today, add_share, &l)
			       : store_shares_in_reach(c->db, http_req_arena(req), NULL, today, &r, add_share, &l);
	if (rc == DB_OK && l.partner)
		rc = api_audit(req, "shares_listed", NULL, NULL, http_req_header(req, "X-Purpose"),
			       json_pack("{s:I}", "shares", (json_int_t)json_array_size(l.items)));
	if (rc == DB_OK)
		rc = api_page_set(out, &page, l.items);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

static int add_view(const char *who, const char *at, void *arg)
{
	json_t *j = json_pack("{s:s, s:s}", "name", who, "at", at);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

void api_share_get(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	char today[DATE_LEN];
	clock_today(today);
	share_rec s;
	if (share_load(req, ACT_READ, &s, today) != 0)
		return;
	int partner = partner_of(req);
	person_rec p;
	json_t *sections = api_keep(req, json_loads(s.sections, 0, NULL));
	json_t *view = NULL, *views = api_keep(req, json_array());
	int rc = store_person_get(c->db, http_req_arena(req), s.person_id, &p);
	if (rc == DB_ROW)
		rc = sections && views ? shared_view(req, s.case_id, s.link_id, &p, sections, &view) : DB_NOMEM;
	if (rc == DB_OK && !partner)
		rc = store_share_views(c->db, s.id, add_view, views);
	/* Each look by a partner is a disclosure viewed (DPA 2018 s62). */
	if (rc == DB_OK && partner)
		rc = api_audit(req, "disclosure_viewed", "share", s.id, http_req_header(req, "X-Purpose"),
			       json_pack("{s:s, s:O}", "person", s.person_id, "sections", sections));
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *out = api_keep(req, partner ? partner_json(&s, today) : share_json(&s, today));
	if (out) {
		json_object_set(out, "view", view);
		if (!partner)
			json_object_set(out, "views", views);
	}
	http_reply_json(req, 200, json_incref(out));
}

/* GET /api/v1/people/{id}/disclosures: every share of the person, live or
 * ended, in the cases the user reaches, with who looked. */
typedef struct disclosures_ctx {
	http_req *req;
	const char *today;
	json_t *items;
} disclosures_ctx;

static int add_disclosure(const share_rec *s, void *arg)
{
	disclosures_ctx *d = arg;
	json_t *j = share_json(s, d->today);
	json_t *views = json_array();
	if (j)
		json_object_set_new(j, "views", views);
	if (!j || !views)
		return DB_NOMEM;
	int rc = store_share_views(api_ctx_of(d->req)->db, s->id, add_view, views);
	return rc == DB_OK && json_array_append_new(d->items, j) == 0 ? DB_OK : rc == DB_OK ? DB_NOMEM : rc;
}

void api_person_disclosures(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	if (api_person_load(req, http_req_param(req, "id"), ACT_READ, &p, NULL) != 0)
		return;
	if (!access_role_may(c->role, KIND_SHARE, ACT_READ)) {
		api_allow(req, KIND_SHARE, ACT_READ, 0, "share");
		return;
	}
	char today[DATE_LEN];
	clock_today(today);
	disclosures_ctx d = {req, today, api_keep(req, json_array())};
	store_reach r = api_reach(req, KIND_SHARE, ACT_READ);
	consent_rec k = {0};
	int rc = d.items ? store_shares_in_reach(c->db, http_req_arena(req), p.id, NULL, &r, add_disclosure, &d)
			 : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_consent_current(c->db, http_req_arena(req), p.id, &k);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200,
			json_pack("{s:O, s:o}", "items", d.items, "consent", rc == DB_ROW ? consent_json(&k) : json_null()));
}

/* ---- ending and extending ---- */

void api_share_delete(http_req *req)
{
	static const jv_field fields[] = {{"note", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	char today[DATE_LEN];
	clock_today(today);
	share_rec s;
	if (share_load(req, ACT_WRITE, &s, today) != 0)
		return;
	const char *note = NULL;
	size_t len = 0;
	if (http_req_body(req, &len) && len) {
		json_t *body = api_body(req, fields, 1);
		if (!body)
			return;
		note = jv_str(body, "note");
	}
	if (!share_state_live(&s, today)) {
		api_conflict(req, "this share has already ended");
		return;
	}
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_share_end(c->db, s.id, c->user.id, note, now);
	if (rc == DB_DONE) {
		api_conflict(req, "this share has already ended");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "disclosure_revoked", "share", s.id, NULL,
			       json_pack("{s:s, s:s}", "person", s.person_id, "organisation", s.org_id));
	api_write_end(req, rc, 204, NULL);
}

void api_share_extend(http_req *req)
{
	static const jv_field fields[] = {{"expires_on", JV_STRING, 1, FIELD_DATE}, {"reason", JV_STRING, 1, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	char today[DATE_LEN];
	clock_today(today);
	share_rec s;
	if (share_load(req, ACT_WRITE, &s, today) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	if (!share_state_live(&s, today)) {
		api_conflict(req, "this share has ended: make a new one");
		return;
	}
	json_t *errors = json_array();
	const char *until = jv_str(body, "expires_on");
	char latest[DATE_LEN];
	share_latest_expiry(today, latest);
	const char *reason = jv_str(body, "reason");
	if (date_days(until) == DATE_INVALID)
		jv_error(errors, "expires_on", "must be a real date such as 2027-01-31");
	else if (date_days(until) <= date_days(s.expires_on))
		jv_error(errors, "expires_on", "must be after the day the share ends now");
	else if (date_days(until) > date_days(latest))
		jv_error(errors, "expires_on", "must be no more than 12 months ahead");
	if (!reason[strspn(reason, " \t\r\n")])
		jv_error(errors, "reason", "must say why the share goes on");
	if (api_reject(req, errors))
		return;
	int64_t version = s.version;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_share_extend(c->db, s.id, until, &version);
	if (rc == DB_DONE) {
		api_conflict(req, "this share changed or ended meanwhile: read it again");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "disclosure_extended", "share", s.id, reason,
			       json_pack("{s:s, s:s, s:s}", "person", s.person_id, "from", s.expires_on, "to", until));
	s.expires_on = until;
	s.version = version;
	api_write_end(req, rc, 200, share_json(&s, today));
}

/* ---- the HTCDS v2.0 exchange record ---- */

typedef struct htcds_ctx {
	const char *link_id, *person_id;
	const nrm_rec *latest; /* the person's latest NRM referral */
	nrm_rec latest_copy;
	json_t *out;
} htcds_ctx;

/* A list of codes as an array of HTCDS value names, in the list's order,
 * each once; a code without a name (not known) is left out. */
static json_t *htcds_names(json_t *codes, const vocab *v)
{
	json_t *out = json_array();
	for (size_t e = 0; out && e < v->n; e++) {
		size_t i;
		json_t *x;
		json_array_foreach(codes, i, x)
		{
			const char *code = json_string_value(x);
			if (code && v->entries[e].htcds && !strcmp(code, v->entries[e].code)) {
				json_array_append_new(out, json_string(v->entries[e].htcds));
				break;
			}
		}
	}
	return out;
}

static json_t *htcds_one(const char *code, const vocab *v)
{
	const vocab_entry *e = vocab_find(v, code);
	return e && e->htcds ? json_string(e->htcds) : json_null();
}

static int htcds_context(const case_person_rec *cp, void *arg)
{
	htcds_ctx *h = arg;
	if (strcmp(cp->id, h->link_id) != 0)
		return 0;
	json_t *ctx = cp->victim_context ? json_loads(cp->victim_context, 0, NULL) : NULL;
	json_t *recruitment = json_array();
	const char *method = json_string_value(json_object_get(ctx, "method_of_recruitment"));
	if (recruitment && method)
		json_array_append_new(recruitment, json_string(method));
	json_object_set_new(h->out, "vic_RelationshipToTrafficker",
			    htcds_one(json_string_value(json_object_get(ctx, "relationship_to_trafficker")),
				      &vocab_relationships));
	json_object_set_new(h->out, "vic_MethodOfRecruitment", htcds_names(recruitment, &vocab_recruitment));
	json_object_set_new(h->out, "vic_MethodsOfControl",
			    htcds_names(json_object_get(ctx, "methods_of_control"), &vocab_control));
	json_object_set_new(h->out, "vic_TypeOfExploitation",
			    htcds_names(json_object_get(ctx, "types_of_exploitation"), &vocab_exploitation));
	json_decref(recruitment);
	json_decref(ctx);
	return 0;
}

static int htcds_nrm(const nrm_rec *r, void *arg)
{
	htcds_ctx *h = arg;
	if (strcmp(r->person_id, h->person_id) != 0 || r->withdrawn_on)
		return 0;
	if (!h->latest || strcmp(r->referred_on, h->latest->referred_on) >= 0) {
		h->latest_copy = *r;
		h->latest = &h->latest_copy;
	}
	return 0;
}

static int htcds_contact(const victim_item *it, void *arg)
{
	htcds_ctx *h = arg;
	if (strcmp(it->what, "care") == 0 && strcmp(it->link_id, h->link_id) == 0 && it->a)
		json_object_set_new(h->out, "cas_ReferringPrimaryCaseWorker", json_string(it->a));
	return 0;
}

/* The languages as HTCDS asks for them: primary and secondary, ISO 639-2. */
static void htcds_languages(json_t *out, const char *languages)
{
	json_t *tags = languages ? json_loads(languages, 0, NULL) : NULL;
	static const char *const fields[] = {"prs_PrimaryLanguage", "prs_SecondaryLanguage"};
	size_t used = 0, i;
	json_t *t;
	json_array_foreach(tags, i, t)
	{
		char code[4];
		if (used < 2 && htcds_language(json_string_value(t), code) == 0)
			json_object_set_new(out, fields[used++], json_string(code));
	}
	for (; used < 2; used++)
		json_object_set_new(out, fields[used], json_null());
	json_decref(tags);
}

/* Where the NRM's decisions leave the victim, in HTCDS's words. */
static const char *htcds_status(const nrm_rec *r)
{
	if (r->cg_outcome && !strcmp(r->cg_outcome, "positive"))
		return "ActualVictimOfTrafficking";
	if ((r->cg_outcome && !strcmp(r->cg_outcome, "negative")) || (r->rg_outcome && !strcmp(r->rg_outcome, "negative")))
		return "NotAVictimOfTrafficking";
	return "PossibleVictimOfTrafficking";
}

/* GET /api/v1/shares/{id}/htcds: the share's sections as an HTCDS v2.0
 * record, for the partner (while the share lives; each read is a
 * disclosure viewed) and for the force as it reaches the case. Sections
 * HTCDS has no fields for are named, not written. */
void api_share_htcds(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	char today[DATE_LEN];
	clock_today(today);
	share_rec s;
	if (share_load(req, ACT_READ, &s, today) != 0)
		return;
	if (!share_state_live(&s, today)) {
		api_conflict(req, "this share has ended: nothing of it is disclosed now");
		return;
	}
	int partner = partner_of(req);
	json_t *sections = api_keep(req, json_loads(s.sections, 0, NULL));
	json_t *out = api_keep(req, json_object()), *absent = api_keep(req, json_array());
	person_rec p;
	int rc = sections && out && absent ? store_person_get(c->db, http_req_arena(req), s.person_id, &p) : DB_NOMEM;
	rc = rc == DB_ROW ? DB_OK : rc;
	htcds_ctx h = {.link_id = s.link_id, .person_id = s.person_id, .out = out};
	char shared_on[DATE_LEN];
	snprintf(shared_on, sizeof shared_on, "%.10s", s.created_at);
	if (rc == DB_OK)
		json_object_set_new(out, "cas_IncomingReferralDate", json_string(shared_on));
	if (rc == DB_OK && has_section(sections, SECTION_IDENTITY)) {
		json_object_set_new(out, "prs_FirstName", json_string(p.given_names));
		json_object_set_new(out, "prs_SecondName", json_string(p.family_name));
		json_object_set_new(out, "prs_Birthdate", p.date_of_birth ? json_string(p.date_of_birth) : json_null());
		json_object_set_new(out, "prs_Gender", htcds_one(p.gender, &vocab_gender));
		htcds_languages(out, p.languages);
	}
	if (rc == DB_OK && has_section(sections, SECTION_VICTIM_CONTEXT)) {
		json_object_set_new(out, "vic_RelationshipToTrafficker", json_null());
		json_object_set_new(out, "vic_MethodOfRecruitment", json_array());
		json_object_set_new(out, "vic_MethodsOfControl", json_array());
		json_object_set_new(out, "vic_TypeOfExploitation", json_array());
		rc = store_case_people(c->db, http_req_arena(req), s.case_id, htcds_context, &h);
	}
	if (rc == DB_OK && has_section(sections, SECTION_NRM)) {
		rc = store_nrm_by_case(c->db, http_req_arena(req), s.case_id, htcds_nrm, &h);
		int decided = h.latest && (h.latest->rg_outcome || h.latest->cg_outcome);
		json_object_set_new(out, "vic_TraffickingStatus", h.latest ? json_string(htcds_status(h.latest)) : json_null());
		json_object_set_new(out, "vic_TraffickingStatusDecisionMakingOrg",
				    decided ? json_string("NonPoliceGovernmentalOrganization") : json_null());
	}
	if (rc == DB_OK && has_section(sections, SECTION_CONTACTS)) {
		json_object_set_new(out, "cas_ReferringPrimaryCaseWorker", json_null());
		rc = store_victim_items(c->db, s.case_id, htcds_contact, &h);
	}
	for (int sec = 0; rc == DB_OK && sec < SECTION_COUNT; sec++)
		if ((sec == SECTION_SAFEGUARDING_PLAN || sec == SECTION_RISKS || sec == SECTION_MISSING) &&
		    has_section(sections, (share_section)sec))
			json_array_append_new(absent, json_string(share_section_code((share_section)sec)));
	json_t *answer = rc == DB_OK ? json_pack("{s:s, s:{s:s, s:s, s:O}, s:O, s:O}", "standard", "HTCDS v2.0", "share",
						 "id", s.id, "expires_on", s.expires_on, "sections", sections, "record",
						 out, "not_in_htcds", absent)
				     : NULL;
	if (rc == DB_OK && !answer)
		rc = DB_NOMEM;
	/* A partner's read is a disclosure viewed, committed with the answer
	 * already written. */
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK && partner)
		rc = api_audit(req, "disclosure_viewed", "share", s.id, http_req_header(req, "X-Purpose"),
			       json_pack("{s:s, s:O, s:s}", "person", s.person_id, "sections", sections, "format", "htcds"));
	api_write_end(req, rc, 200, answer);
}
