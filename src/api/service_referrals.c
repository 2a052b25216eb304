/* A victim's referrals to the services of the directory: the force refers
 * (the victim's consent for support, or a child's safeguarding, sharing
 * the victim's identity and named contact with the provider), the
 * provider's own staff answer within the service's target, work and close
 * it, and the force may withdraw it; declining, withdrawing and closing
 * end the provider's share. The path is domain/services.c's table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/plans.h"
#include "api/services.h"
#include "domain/person.h"
#include "domain/services.h"
#include "domain/shares.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/people.h"
#include "store/shares.h"

/* Whether the user reaches referrals as a provider does (through its
 * organisation), rather than through the cases. */
static int as_provider(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	return (access_scope_mask(access_scope_of(c->role, KIND_REFERRAL, ACT_READ)) &
	        REL_SHARED) != 0;
}

/* The referral's relations to the user: to its provider's staff, shared;
 * to the force, as its case is. DB_OK or the error. */
static int referral_rel(http_req *req, const referral_rec *r, unsigned *rel)
{
	api_ctx *c = api_ctx_of(req);
	if (as_provider(req)) {
		int mine = r->provider_org_id && strcmp(r->provider_org_id, c->user.org_id) == 0;
		*rel = REL_ANY | (mine ? REL_SHARED : 0);
		return DB_OK;
	}
	int allocated = 0;
	int rc = store_case_allocated(c->db, r->case_id, c->user.id, &allocated);
	*rel =
	    api_relate(req, r->case_org_id, r->case_team_id, NULL, allocated ? REL_ALLOCATED : 0);
	return rc;
}

/* Loads the referral {id} names and decides the action on it: 0, or
 * replies (403, 404, 503) and -1. */
static int referral_load(http_req *req, access_action a, referral_rec *r)
{
	api_ctx *c = api_ctx_of(req);
	const char *id = http_req_param(req, "id");
	unsigned rel = 0;
	int rc = id ? store_referral_get(c->db, http_req_arena(req), id, r) : DB_DONE;
	if (rc == DB_ROW)
		rc = referral_rel(req, r, &rel);
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such service referral",
		                   NULL);
		return -1;
	}
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return -1;
	}
	return api_allow(req, KIND_REFERRAL, a, rel, "service referral");
}

static int is_overdue(const referral_rec *r, const char *now)
{
	return strcmp(r->status, "referred") == 0 && r->respond_by &&
	       strcmp(r->respond_by, now) < 0;
}

/* Whether the provider may learn whom the referral is about: only while
 * the share it made (identity and contacts) lives. Declining, withdrawing
 * or closing the referral, the force revoking the share or the victim
 * withdrawing consent ends it, and the name with it. */
static int provider_sees_person(const referral_rec *r)
{
	char today[DATE_LEN];
	clock_today(today);
	return r->share_id && share_live(r->share_expires_on, r->share_ended_at, today);
}

/* The referral as a list shows it: the case only to the force; the person
 * to the provider only while its share lives. */
static json_t *referral_json(const referral_rec *r, int provider, const char *now)
{
	json_t *service = r->service_id ? json_pack("{s:s, s:s, s:s}", "id", r->service_id, "name",
	                                            r->service_name, "kind", r->service_kind)
	                                : json_null();
	json_t *org = r->provider_org_id ? json_pack("{s:s, s:s}", "id", r->provider_org_id, "name",
	                                             r->provider_org_name)
	                                 : json_null();
	json_t *j = json_pack(
	    "{s:s, s:I, s:s, s:o, s:o, s:s?, s:s, s:s?, s:s, s:s?, s:s?, s:b, s:s?, s:s?, "
	    "s:{s:s, s:s}}",
	    "id", r->id, "version", (json_int_t)r->version, "status", r->status, "service", service,
	    "provider_organisation", org, "provider_name", r->provider_name, "need", r->need,
	    "urgency", r->urgency, "referred_at", r->referred_at, "respond_by", r->respond_by,
	    "answered_at", r->answered_at, "overdue", is_overdue(r, now), "reason", r->reason,
	    "outcome", r->outcome, "person", "given_names", r->given_names, "family_name",
	    r->family_name);
	if (j && provider && !provider_sees_person(r))
		json_object_set_new(j, "person", json_null());
	if (j && !provider)
		json_object_set_new(
		    j, "case",
		    json_pack("{s:s, s:s}", "id", r->case_id, "reference", r->case_reference));
	return j;
}

/* ---- referring ---- */

/* POST /api/v1/cases/{id}/people/{link}/service-referrals */
void api_service_referral_create(http_req *req)
{
	static const jv_field fields[] = {
	    {"service_id", JV_STRING, 1, FIELD_ID},
	    {"need", JV_STRING, 1, FIELD_NOTE},
	    {"urgency", JV_STRING, 1, FIELD_CHOICE},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	person_rec p;
	if (api_case_load(req, KIND_REFERRAL, ACT_WRITE, &cr, &rel) != 0 ||
	    api_case_victim(req, &cr, rel, "only a potential victim is referred to a service", &p) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	service_rec s;
	int found = api_service_find(req, jv_str(body, "service_id"), &s);
	if (found < 0)
		return;
	consent_rec k = {0};
	int rc = store_consent_current(c->db, http_req_arena(req), p.id, &k);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	char today[DATE_LEN], until[DATE_LEN], reason[FIELD_NAME + 32];
	clock_today(today);
	share_latest_expiry(today, until);
	int child = presumed_child(p.date_of_birth, p.estimated_age, p.age_disputed, today);
	json_t *errors = json_array();
	if (found != 0 ||
	    access_decide(c->role, KIND_SERVICE, ACT_READ, api_service_rel(&s)) != ACCESS_ALLOW)
		jv_error(errors, "service_id",
		         "there is no such service: see GET /api/v1/services");
	else if (!s.active)
		jv_error(errors, "service_id", "this service is no longer offered: choose another");
	const char *need = jv_str(body, "need");
	if (!need || !need[strspn(need, " \t\r\n")])
		jv_error(errors, "need", "must say what the victim needs from the service");
	const char *urgency = jv_str(body, "urgency");
	int u = service_urgency_of(urgency);
	if (u < 0)
		jv_error(errors, "urgency", "must be immediate, urgent or routine");
	snprintf(reason, sizeof reason, "Referred to %s", found == 0 ? s.name : "a service");
	share_ask ask = {.basis = child ? BASIS_CHILD_SAFEGUARDING : BASIS_CONSENT,
	                 .purpose = PURPOSE_SUPPORT,
	                 .has_reason = 1,
	                 .child = child,
	                 .consented = rc == DB_ROW ? api_consented(req, &k) : 0,
	                 .today = today,
	                 .expires_on = until};
	if (share_allowed(&ask) != SHARE_OK)
		jv_error(errors, "consent",
		         "record the victim's consent to share for support first (or, for a child, their "
		         "date of birth or estimated age): the provider is shared their identity and "
		         "named contact");
	if (api_reject(req, errors))
		return;
	json_t *sections = api_keep(req, json_pack("[s, s]", "identity", "contacts"));
	share_rec sh = {0};
	snprintf(sh.case_id, sizeof sh.case_id, "%s", cr.id);
	snprintf(sh.link_id, sizeof sh.link_id, "%s", http_req_param(req, "link"));
	snprintf(sh.person_id, sizeof sh.person_id, "%s", p.id);
	snprintf(sh.org_id, sizeof sh.org_id, "%s", s.provider_org_id);
	snprintf(sh.created_by, sizeof sh.created_by, "%s", c->user.id);
	sh.sections = api_json_text(req, sections);
	sh.purpose = "support";
	sh.basis = child ? "child_safeguarding" : "consent";
	sh.reason = child ? reason : NULL;
	sh.expires_on = until;
	referral_rec r = {0};
	int64_t now = clock_now_ms();
	char respond_by[CLOCK_ISO_LEN];
	clock_iso(now, r.referred_at);
	clock_iso(service_respond_by_ms(now, s.response_hours, (service_urgency)u), respond_by);
	snprintf(r.case_id, sizeof r.case_id, "%s", cr.id);
	snprintf(r.link_id, sizeof r.link_id, "%s", sh.link_id);
	snprintf(r.created_by, sizeof r.created_by, "%s", c->user.id);
	r.service_id = s.id;
	r.provider_org_id = s.provider_org_id;
	r.need = need;
	r.urgency = urgency;
	r.respond_by = respond_by;
	rc = sh.sections ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_share_insert(req, &sh, sections);
	r.share_id = sh.id;
	if (rc == DB_OK)
		rc = store_referral_add(c->db, &r);
	if (rc == DB_OK)
		rc = api_case_log(req, cr.id, "service_referral", s.name, "service_referral_made",
		                  json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "referral", r.id,
		                            "link_id", r.link_id, "service", s.id, "organisation",
		                            s.provider_org_id, "urgency", urgency, "share", sh.id));
	if (rc == DB_OK)
		api_etag(req, r.version);
	api_write_end(req, rc, 201,
	              json_pack("{s:s, s:I, s:s, s:s, s:s}", "id", r.id, "version",
	                        (json_int_t)r.version, "status", "referred", "respond_by",
	                        respond_by, "share_id", sh.id));
}

/* ---- reading ---- */

typedef struct history_ctx {
	const char *org_id; /* the provider's organisation, when it reads; else NULL */
	json_t *items;
} history_ctx;

static int add_step(const char *status, const char *at, const char *by_id, const char *by_name,
                    const char *by_org, void *arg)
{
	(void)by_id;
	history_ctx *h = arg;
	/* The provider learns who at the force moved it no further than "the force". */
	const char *by = h->org_id && strcmp(by_org, h->org_id) != 0 ? "the force" : by_name;
	json_t *j = json_pack("{s:s, s:s, s:s}", "status", status, "at", at, "by", by);
	return j && json_array_append_new(h->items, j) == 0 ? DB_OK : DB_NOMEM;
}

/* The referral with its history, as the user reads it. DB_OK with *out
 * (the request's), or the error. */
static int referral_full(http_req *req, const referral_rec *r, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	int provider = as_provider(req);
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	history_ctx h = {provider ? c->user.org_id : NULL, api_keep(req, json_array())};
	*out = api_keep(req, referral_json(r, provider, now));
	int rc = h.items && *out ? store_referral_steps(c->db, r->id, add_step, &h) : DB_NOMEM;
	if (rc == DB_OK && json_object_set(*out, "history", h.items) != 0)
		rc = DB_NOMEM;
	return rc;
}

void api_service_referral_get(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	referral_rec r;
	if (referral_load(req, ACT_READ, &r) != 0)
		return;
	json_t *out = NULL;
	int rc = referral_full(req, &r, &out);
	/* Each look at a victim's referral is audited, in a write that ends
	 * with the answer; a provider's is a disclosure viewed. */
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = as_provider(req)
		         ? api_audit(req, "disclosure_viewed", "service_referral", r.id,
		                     http_req_header(req, "X-Purpose"),
		                     json_pack("{s:s?}", "share", r.share_id))
		         : api_audit(req, "service_referral_viewed", "service_referral", r.id,
		                     http_req_header(req, "X-Purpose"),
		                     json_pack("{s:s, s:s}", "case", r.case_id, "person", r.person_id));
	if (rc == DB_OK)
		api_etag(req, r.version);
	api_write_end(req, rc, 200, rc == DB_OK ? json_incref(out) : NULL);
}

typedef struct list_ctx {
	int provider;
	const char *now;
	json_t *items;
} list_ctx;

static int add_referral(const referral_rec *r, void *arg)
{
	list_ctx *l = arg;
	json_t *j = referral_json(r, l->provider, l->now);
	return j && json_array_append_new(l->items, j) == 0 ? DB_OK : DB_NOMEM;
}

/* GET /api/v1/service-referrals?status=&overdue=true */
void api_service_referrals_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	api_page page;
	json_t *errors = json_array();
	referral_filter f = {0};
	f.status = http_req_query(req, "status");
	if (f.status && referral_status_of(f.status) < 0)
		jv_error(errors, "status",
		         "must be referred, accepted, declined, in_progress, closed or withdrawn");
	const char *overdue = http_req_query(req, "overdue");
	if (overdue && strcmp(overdue, "true") != 0 && strcmp(overdue, "false") != 0)
		jv_error(errors, "overdue", "must be true or false");
	f.overdue_at = overdue && strcmp(overdue, "true") == 0 ? now : NULL;
	api_page_read(req, API_PAGE_DEFAULT, &page, errors);
	if (api_reject_query(req, errors))
		return;
	list_ctx l = {as_provider(req), now, api_keep(req, json_array())};
	if (l.provider)
		f.provider_org_id = c->user.org_id;
	else
		f.reach = api_reach(req, KIND_REFERRAL, ACT_READ);
	json_t *out = api_keep(req, json_object());
	int rc = l.items && out
	             ? store_referrals_each(c->db, http_req_arena(req), &f, add_referral, &l)
	             : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_page_set(out, &page, l.items);
	/* A provider's list names victims: audited as its share lists are. */
	if (rc == DB_OK && l.provider && (rc = db_begin(c->db)) == DB_OK)
		rc = api_audit(req, "service_referrals_listed", NULL, NULL,
		               http_req_header(req, "X-Purpose"),
		               json_pack("{s:I}", "referrals",
		                         (json_int_t)json_array_size(json_object_get(out, "items"))));
	if (l.provider) {
		api_write_end(req, rc, 200, rc == DB_OK ? json_incref(out) : NULL);
		return;
	}
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

/* ---- moving it on ---- */

/* POST /api/v1/service-referrals/{id}/status {status, reason, outcome}, If-Match. */
void api_service_referral_status(http_req *req)
{
	static const jv_field fields[] = {
	    {"status", JV_STRING, 1, FIELD_CHOICE},
	    {"reason", JV_STRING, 0, FIELD_NOTE},
	    {"outcome", JV_STRING, 0, FIELD_CHOICE},
	};
	api_ctx *c = api_ctx_of(req);
	referral_rec r;
	int64_t version;
	if (referral_load(req, ACT_WRITE, &r) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	const char *to = jv_str(body, "status");
	int next = referral_status_of(to);
	if (next < 0) {
		api_refuse_field(req, 422, "status",
		                 "must be accepted, declined, in_progress, closed or withdrawn",
		                 "status is not valid");
		return;
	}
	int provider = as_provider(req);
	unsigned needs = 0;
	referral_move move = referral_move_check((referral_status)referral_status_of(r.status),
	                                         (referral_status)next,
	                                         provider ? MOVER_PROVIDER : MOVER_FORCE, &needs);
	if (move == MOVE_NOT_YOURS) {
		api_refuse(
		    req, 403, "Forbidden",
		    provider
		        ? "only the force withdraws a referral"
		        : "only the provider's staff accept, decline, start or close a referral");
		return;
	}
	if (version != r.version) {
		json_t *cur = NULL;
		int rc = referral_full(req, &r, &cur);
		if (rc != DB_OK)
			api_db_fail(req, rc);
		else
			api_stale(req, "service referral", r.version, json_incref(cur));
		return;
	}
	if (move == MOVE_NOT_ON_PATH) {
		char detail[160];
		snprintf(detail, sizeof detail, "this referral is %s: it cannot become %s",
		         r.status, to);
		api_conflict(req, detail);
		return;
	}
	json_t *errors = json_array();
	const char *reason = jv_str(body, "reason");
	const char *outcome = jv_str(body, "outcome");
	if ((needs & NEEDS_REASON) && (!reason || !reason[strspn(reason, " \t\r\n")]))
		jv_error(errors, "reason",
		         next == REFERRAL_DECLINED ? "must say why the referral is declined"
		                                   : "must say why the referral is withdrawn");
	if ((needs & NEEDS_OUTCOME) && referral_outcome_of(outcome) < 0)
		jv_error(errors, "outcome",
		         "must be support_completed, victim_declined, lost_contact, moved_away or "
		         "other");
	if (!(needs & NEEDS_OUTCOME) && outcome)
		jv_error(errors, "outcome", "is given only when the referral is closed");
	if (api_reject(req, errors))
		return;
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	int answer = next == REFERRAL_ACCEPTED || next == REFERRAL_DECLINED;
	int ends_share = !referral_keeps_share((referral_status)next) && r.share_id;
	int64_t v = r.version;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_referral_move(
		    c->db, r.id, &v, to, (needs & NEEDS_REASON) ? reason : NULL,
		    (needs & NEEDS_OUTCOME) ? outcome : NULL, answer ? now : NULL, c->user.id, now);
	if (rc == DB_DONE) {
		api_conflict(req, "this referral changed meanwhile: read it again");
		return;
	}
	int ended = 0;
	if (rc == DB_OK && ends_share) {
		char note[64];
		snprintf(note, sizeof note, "the service referral was %s", to);
		rc = store_share_end(c->db, r.share_id, c->user.id, note, now);
		ended = rc == DB_OK;
		if (rc == DB_DONE) /* the force had ended it already */
			rc = DB_OK;
	}
	if (rc == DB_OK && ended)
		rc = api_audit(req, "disclosure_revoked", "share", r.share_id, NULL,
		               json_pack("{s:s, s:s, s:s}", "person", r.person_id, "organisation",
		                         r.provider_org_id, "referral", r.id));
	if (rc == DB_OK)
		rc = api_audit(req, "service_referral_status", "service_referral", r.id, NULL,
		               json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:b}", "case", r.case_id,
		                         "from", r.status, "to", to, "reason",
		                         (needs & NEEDS_REASON) ? reason : NULL, "outcome",
		                         (needs & NEEDS_OUTCOME) ? outcome : NULL, "share_ended",
		                         ended));
	json_t *out = NULL;
	if (rc == DB_OK) {
		r.status = to;
		r.version = v;
		if (needs & NEEDS_REASON)
			r.reason = reason;
		r.outcome = (needs & NEEDS_OUTCOME) ? outcome : NULL;
		if (answer && !r.answered_at)
			r.answered_at = now;
		rc = referral_full(req, &r, &out);
	}
	if (rc == DB_OK)
		api_etag(req, v);
	api_write_end(req, rc, 200, rc == DB_OK ? json_incref(out) : NULL);
}

/* ---- on a case's timeline and the worklist ---- */

typedef struct on_timeline {
	json_t *items;
} on_timeline;

static int add_to_timeline(const referral_step *s, void *arg)
{
	on_timeline *t = arg;
	char text[700], kind[48];
	int st = referral_status_of(s->status);
	snprintf(text, sizeof text, "%s%s%s's referral to %s: %s", s->given_names,
	         s->given_names[0] ? " " : "", s->family_name, s->service,
	         st >= 0 ? referral_status_words((referral_status)st) : s->status);
	snprintf(kind, sizeof kind, "service_referral_%s", s->status);
	json_t *j = json_pack("{s:s, s:s, s:s, s:b, s:{s:s, s:s}, s:s, s:s}", "id", s->referral_id,
	                      "kind", kind, "text", text, "sealed", 0, "by", "id", s->by_id, "name",
	                      s->by_name, "at", s->at, "service_referral_id", s->referral_id);
	return j && json_array_append_new(t->items, j) == 0 ? DB_OK : DB_NOMEM;
}

int api_service_referral_timeline(http_req *req, const char *case_id, unsigned rel, json_t *items)
{
	api_ctx *c = api_ctx_of(req);
	if (access_decide(c->role, KIND_REFERRAL, ACT_READ, rel) != ACCESS_ALLOW)
		return DB_OK;
	on_timeline t = {items};
	return store_referral_steps_of_case(c->db, case_id, add_to_timeline, &t);
}

int api_service_referral_work(http_req *req, int (*fn)(const work_row *r, void *arg), void *arg)
{
	api_ctx *c = api_ctx_of(req);
	if (!access_role_may(c->role, KIND_REFERRAL, ACT_READ) || as_provider(req))
		return DB_OK;
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	store_reach r = api_reach(req, KIND_REFERRAL, ACT_READ);
	return store_referrals_overdue(c->db, &r, now, fn, arg);
}
