/* The JSON API: shared request handling for every resource file. */
#ifndef WAYMARK_API_API_H
#define WAYMARK_API_API_H

#include <jansson.h>
#include <stddef.h>

#include "domain/access.h"
#include "domain/credentials.h"
#include "domain/fields.h"
#include "domain/roles.h"
#include "http/http.h"
#include "lib/jsonv.h"
#include "lib/jsonw.h"
#include "lib/seal.h"
#include "store/accounts.h"
#include "store/db.h"
#include "store/reach.h"
#include "store/resets.h"
#include "store/sessions.h"

/* Route flags. Every route that needs a session names the kind of record
 * and the action it takes (RULE), and the access table decides which roles
 * may use it at all; handlers then decide each record with api_allow. */
enum {
	API_PUBLIC = 1u << 0,      /* no session needed */
	API_NO_DB = 1u << 1,       /* answers without the database */
	API_PENDING_OK = 1u << 2,  /* allowed before a required second factor is set up */
	API_RULED = 1u << 3,       /* kind and action below */
};
#define RULE(kind, action) (API_RULED | ((unsigned)KIND_##kind << 8) | ((unsigned)ACT_##action << 16))
/* The kind and action of a route's flags. */
#define API_RULE_KIND(flags) ((access_kind)(((flags) >> 8) & 0xffu))
#define API_RULE_ACTION(flags) ((access_action)(((flags) >> 16) & 0xffu))

typedef struct api_ctx {
	db *db;
	int authed;
	role role;
	user_rec user;
	session_rec session;
	access_subject subject; /* the signed-in user as the access table sees them */
} api_ctx;

typedef struct api_options {
	int cookie_secure;     /* set Secure on the session cookie (TLS) */
	const seal_key *seal;  /* the sealed-field key */
	int sign_in_limit;     /* consecutive failures before an account refuses browsers it
				  does not know: 1 to SIGN_IN_ACCOUNT_LIMIT, 0 for that */
} api_options;

/* The session cookie's name: "__Host-wm_session" when serving TLS, else
 * "wm_session". */
const char *api_session_cookie(void);

/* Who may read /metrics: a loopback peer when trust_loopback is set, and a
 * request bearing token (NULL: none configured). Only a digest is kept. */
void api_metrics_access(const char *token, int trust_loopback);

/* The sealed-field key given at start. */
const seal_key *api_seal_key(void);

extern const http_route api_routes[];
extern const size_t api_nroutes;

/* Prepares shared state (the dummy hash for unknown users). Returns 0 or -1. */
int api_init(const api_options *opt);
void api_cleanup(void);
int api_before(http_req *req, const http_route *route);
void api_after(http_req *req);

/* The request's context (never NULL once api_before ran). */
api_ctx *api_ctx_of(http_req *req);
/* Gives v to the request: it is released when the request ends, so no
 * path of a handler releases it. Returns v, or NULL (v released) when
 * memory runs out or v is NULL. */
json_t *api_keep(http_req *req, json_t *v);
/* The length of the one UTF-8 character s starts with (1 to 4), or 0
 * when s is at its end or starts no valid character: a stray
 * continuation byte, an overlong form, a surrogate, past U+10FFFF. */
size_t api_utf8_char(const unsigned char *s);
/* Whether the text is UTF-8 throughout. */
int api_utf8_valid(const unsigned char *s);
/* v as compact JSON text with sorted keys, in the request's memory; NULL
 * when v is NULL or memory runs out. */
const char *api_json_text(http_req *req, const json_t *v);
/* Decodes and checks the JSON body; on any problem replies (415, 400, 422
 * or 503) and returns NULL. The request owns the object. */
json_t *api_body(http_req *req, const jv_field *fields, size_t nfields);
/* The one mapping from a store's answer to a status, rolling back any open
 * write: busy, full, I/O and out of memory 503 with Retry-After; a refused
 * constraint 409; not found (DB_DONE) 404; anything else is a bug: 500,
 * logged, never shown. */
void api_db_fail(http_req *req, int rc);
/* The one way a write ends: when rc is DB_OK, commits and replies status
 * with out (taken, as http_reply_json takes it; NULL: no body); otherwise,
 * or when the commit fails, rolls back and replies with the error
 * (api_db_fail), releasing out. */
void api_write_end(http_req *req, int rc, int status, json_t *out);
/* The commit under it, for a write whose reply is not JSON (a problem, a
 * cookie): returns 0 when rc is DB_OK and the commit took (the caller
 * replies); otherwise rolls back, replies with the error and returns -1. */
int api_commit(http_req *req, int rc);
/* A name the body gives at field (a team's, an organisation's): its value,
 * or NULL having added why to errors when it is absent, blank, or starts or
 * ends with a space. */
const char *api_name(json_t *body, const char *field, json_t *errors);
/* Rolls back any open write and replies a problem: status, title, detail. */
void api_refuse(http_req *req, int status, const char *title, const char *detail);
/* Rolls back any open write and replies 409 with detail. */
void api_conflict(http_req *req, const char *detail);
/* Rolls back any open write and replies 409 (detail) or 422 naming the
 * field and why (errors: [{field, message}]). */
void api_refuse_field(http_req *req, int status, const char *field, const char *why, const char *detail);
/* Replies 200 {items} with the request's items (api_keep) when rc is DB_OK,
 * else with the error. */
void api_reply_items(http_req *req, int rc, json_t *items);
/* The language obj[key] names, by English name or BCP 47 tag, put back
 * into obj as the tag and returned (it lives as long as obj); NULL when
 * absent, or (with an error for field) when it names no language. */
const char *api_language(json_t *obj, const char *key, const char *field, json_t *errors);
/* A page of a list: at most limit items from offset. */
typedef struct api_page {
	size_t limit, offset;
} api_page;
#define API_PAGE_DEFAULT 50
#define API_PAGE_MAX 200
/* Reads ?limit (1 to 200, default def) and ?cursor (a previous page's
 * next_cursor) into p; problems go to errors. */
void api_page_read(http_req *req, size_t def, api_page *p, json_t *errors);
/* For a list whose query holds only the page: reads it (the default size)
 * into p. 0, or -1 having answered 400. */
int api_page_only(http_req *req, api_page *p);
/* Sets in out items (the page p names, as the store gave it), total
 * (how many in all) and next_cursor (null on the last page). DB_OK or
 * DB_NOMEM. */
int api_page_put(json_t *out, const api_page *p, json_t *items, size_t total);
/* Sets in out the page of all that p names as items, with total (all's
 * size) and next_cursor (null on the last page). DB_OK or DB_NOMEM. */
int api_page_set(json_t *out, const api_page *p, json_t *all);
/* Rolls back any open write and replies 412: the noun ("case", "person")
 * changed since the caller read it; ETag is the current version and the
 * problem carries current (taken; NULL answers 503). */
void api_stale(http_req *req, const char *noun, int64_t version, json_t *current);
/* A date field that must be a real date, today or earlier: its value, or
 * NULL when absent or (with a field error added) not such a date. */
const char *api_past_date(json_t *body, const char *field, json_t *errors);
/* When errors holds any, replies 422 with them and returns 1; otherwise
 * returns 0. Takes errors either way. */
int api_reject(http_req *req, json_t *errors);
/* The same for a query's parameters: 400 when errors holds any. */
int api_reject_query(http_req *req, json_t *errors);
/* Replies 422 with the errors array (ownership taken). */
void api_invalid(http_req *req, json_t *errors);
/* Reads If-Match as a version. Returns 0 and sets *version, or replies 428/400 and returns -1. */
int api_if_match(http_req *req, int64_t *version);
/* The same where "0" names a record not yet kept (a first setting). */
int api_if_match_new(http_req *req, int64_t *version);
/* Sets ETag to the version. */
void api_etag(http_req *req, int64_t version);
/* Appends an audit entry as the signed-in user (or as the named actor when
 * nobody is signed in). detail may be NULL (ownership taken). */
int api_audit(http_req *req, const char *action, const char *record_type,
	      const char *record_id, const char *purpose, json_t *detail);
int api_audit_as(http_req *req, const char *actor_id, const char *actor, const char *action,
		 const char *record_type, const char *record_id, json_t *detail);
/* Appends an audit entry for what someone with no account did (a victim
 * answering a feedback questionnaire): no actor and no address, so the
 * log keeps nothing that says who or where they are. */
int api_audit_public(http_req *req, const char *action, const char *record_type, const char *record_id,
		     json_t *detail);
/* The public view of an account, written as members of an open object
 * (the fast path), or as a JSON object. Both give the same members. */
void api_user_write(jsonw *w, const user_rec *u);
json_t *api_user_json(const user_rec *u);
/* Whether pw may be the password of the account named username: NULL when
 * it may, else why not, as a phrase that follows the field's name ("must be
 * at least 12 characters", "is too easy to guess: ..."): a fixed string or
 * why (size n). Every place that takes a new password asks this. */
const char *api_password_problem(const char *pw, const char *username, char *why, size_t n);
/* Takes a try for the client's address from the bucket of purpose
 * ("sign_in", "feedback"; store/buckets.h), shared by every server on the
 * database: DB_OK when taken, DB_DONE when the bucket is empty (*wait_s:
 * the seconds until a try is there), or a database error, having taken
 * nothing, which the caller answers (api_db_fail): a throttle that cannot
 * be read lets no try through. */
int api_bucket_take(http_req *req, const char *purpose, addr_rate r, int *wait_s);
/* Gives back a try that was no guess, in a transaction of its own (call it
 * with none open): DB_OK, or the error, which is logged and leaves the try
 * taken (the bucket errs toward fewer tries, and refills). */
int api_bucket_give_back(http_req *req, const char *purpose, addr_rate r);
/* Whether the account has had so many failed sign-ins that it refuses
 * browsers it does not know (shown as "locked"). */
int api_user_locked(const user_rec *u);
/* The account's request to clear its second factor that waits now for a
 * second administrator: DB_ROW with *p set, DB_DONE when none waits, or
 * the error. now, when not NULL, gets the moment it was asked as of
 * (CLOCK_ISO_LEN bytes). */
int api_sf_reset_pending(http_req *req, const char *user_id, sf_reset_rec *p, char *now);
/* Whether the role must use a second factor under its organisation's
 * setting (no setting: every role must). */
int api_totp_required(db *d, const char *org_id, const char *role_s, int *required);
/* Checks a second-factor code of the user: a current TOTP code (each step
 * used once) or an unused recovery code, which it spends. Returns 1 when it
 * is good. */
int api_second_factor_ok(http_req *req, user_rec *u, const char *code);
/* The notices delivered to the session (by its token's hash) as
 * [{kind, at, text}], oldest first; none are looked up when count is 0.
 * Returns DB_OK with *out set (the request owns it), or an error. */
int api_notices_json(http_req *req, const char *session_hash, int count, json_t **out);

/* Decides the action on a record of the kind with the given relations to
 * the signed-in user (access_decide). Returns 0 when allowed; otherwise
 * replies 403, or 404 saying "there is no such <noun>", and returns -1. */
int api_allow(http_req *req, access_kind k, access_action a, unsigned rel, const char *noun);
/* What the signed-in user reaches for the action on the kind, for the
 * store's queries to draw candidates from. */
store_reach api_reach(http_req *req, access_kind k, access_action a);
/* The organisations whose figures the signed-in user may count for the
 * action on the kind. */
store_orgs api_orgs(http_req *req, access_kind k, access_action a);
/* For a view of a whole organisation's records of the kind (a register, a
 * compliance table): 0 when the user reaches every such record of their
 * organisation, else replies 403 naming what and returns -1. */
int api_allow_whole(http_req *req, access_kind k, access_action a, const char *what);
/* The relations of a record to the signed-in user (access_relate). */
unsigned api_relate(http_req *req, const char *org_id, const char *team_id, const char *owner_id,
		    unsigned rel);
/* The relations of an organisation to the signed-in user: theirs, or
 * hosted by theirs. */
unsigned api_org_rel(http_req *req, const org_rec *o);
/* Loads the organisation id names (none when NULL) and decides the action
 * on it as a record of the kind. Returns 0, or replies (404, 403, 503) and
 * returns -1. */
int api_org_load(http_req *req, const char *id, access_kind k, access_action a, org_rec *o);
/* Loads the account named by {id} and decides the action on it as an
 * account (its organisation, and whether the user's organisation hosts
 * it). Returns 0, or replies (404 for an account out of reach, 403, 503)
 * and returns -1. */
int api_user_load(http_req *req, access_action a, user_rec *u);
/* Within the caller's transaction: issues a one-time link for the account
 * holder to choose a password (first: their first, for an account just
 * made; revoking older ones), audited, and writes its
 * path (with the token in the fragment) and expiry. The caller wipes url
 * after use. Returns DB_OK or the error. */
#define API_LINK_URL_LEN 96
int api_password_link_issue(http_req *req, const char *user_id, int first, char url[API_LINK_URL_LEN],
			    char expires_at[32]);

struct case_rec;
/* Loads the case named by {id} and decides the action on it as a record of
 * the kind (a case, an entry in it, a suspect's part in it). Returns 0, or
 * replies (403, 404 for a case out of reach, never saying whether it
 * exists, 503) and returns -1. *rel, when not NULL, gets the case's
 * relations to the user. */
int api_case_load(http_req *req, access_kind k, access_action a, struct case_rec *cr, unsigned *rel);
/* The same for a case named in a body: 0, -1 having replied (403, 503), or
 * 1 without replying when the case is out of reach (the caller says so). */
int api_case_load_id(http_req *req, const char *id, access_kind k, access_action a, struct case_rec *cr,
		     unsigned *rel);
/* The relations of a loaded case to the signed-in user. */
int api_case_rel(http_req *req, const struct case_rec *cr, unsigned *rel);
/* Whether the user sees a part of this kind ("suspect", "potential_victim"
 * ...) in a case of these relations: a suspect's part only where they reach
 * suspects. */
int api_sees_part(http_req *req, const char *part_role, unsigned case_rel);
/* Loads the part named by {link} in the loaded case (rel: the case's
 * relations) and writes its role: 0, or replies 404 ("that person is not
 * in this case", also for a part the user does not see) or 503 and -1. */
int api_case_link(http_req *req, const struct case_rec *cr, unsigned rel, const char **link_role);
struct person_rec;
/* Loads the part named by {link} in the loaded case (rel: the case's
 * relations) as api_case_link does, and the record of its person into p
 * when the part is a potential victim: 0, or replies (404; 409 saying
 * otherwise for another part; 503) and -1. */
int api_case_victim(http_req *req, const struct case_rec *cr, unsigned rel, const char *otherwise,
		    struct person_rec *p);
/* Within the caller's transaction: records in the case's history that
 * field became value (an entry added to the case), and the audit entry for
 * action with detail (taken either way). Returns DB_OK or the error. */
int api_case_log(http_req *req, const char *case_id, const char *field, const char *value,
		 const char *action, json_t *detail);
/* Records one changed field of a record in its history and names the field in
 * detail (a JSON array for the audit entry). Unchanged values write nothing. */
int api_history_change(http_req *req, json_t *detail, const char *record_type,
		       const char *record_id, const char *field, const char *old_value,
		       const char *new_value);
/* Replies with the change history of a record, newest first: the changes
 * for which shown (when not NULL) returns non-zero. */
struct history_rec;
void api_reply_history(http_req *req, const char *record_id, int (*shown)(const struct history_rec *h, void *arg),
		       void *arg);

/* Documents: the store of their files and the virus scanner, set as the
 * server starts (either NULL: uploads answer 503). */
struct blob_store;
struct scanner;
void api_documents_setup(struct blob_store *bs, struct scanner *s);
/* The documents' file store the server was set up with, or NULL: for the
 * disposal scrub (store_disposal_scrub) after a disposal's commit. */
struct blob_store *api_documents_blobs(void);
/* The size a document may have, as an administrator set it (or the
 * default): DB_OK with *limit, or the error. */
int api_document_limit(db *d, uint64_t *limit);
/* The HTTP layer's upload hooks (http_config's upload_limit and
 * upload_spool). */
int api_upload_limit(http_req *req, const http_route *route, uint64_t *limit);
int api_upload_spool(void);
void api_documents_add(http_req *req);
void api_documents_list(http_req *req);
void api_document_get(http_req *req);
void api_document_content(http_req *req);
void api_document_thumbnail(http_req *req);
void api_document_delete(http_req *req);
void api_document_settings_get(http_req *req);
void api_document_settings_put(http_req *req);
/* Access bundles (subject_bundles.c). */
void api_bundle_assemble(http_req *req);
void api_bundle_get(http_req *req);
void api_bundle_item_patch(http_req *req);
void api_bundle_release(http_req *req);
void api_bundle_pdf(http_req *req);
void api_bundle_json(http_req *req);

/* Subject requests (issue 21): subject_requests.c. */
void api_subject_request_create(http_req *req);
void api_subject_requests_list(http_req *req);
void api_subject_request_get(http_req *req);
void api_subject_request_extend(http_req *req);
void api_subject_request_close(http_req *req);
void api_subject_request_erasure(http_req *req);
void api_person_rectification(http_req *req);
void api_person_restrict(http_req *req);
void api_person_unrestrict(http_req *req);

/* Handlers, one file per resource. */
void api_health(http_req *req);
/* What /healthz adds on virus scanning ("test signatures only",
 * "unavailable"), or NULL with a full signature database. Set before serving. */
void api_health_scan(const char *state);
void api_metrics(http_req *req);
void api_openapi(http_req *req);
void api_session_create(http_req *req);
void api_session_delete(http_req *req);
void api_me_sessions_delete(http_req *req);
void api_me(http_req *req);
void api_me_password(http_req *req);
void api_me_totp_start(http_req *req);
void api_me_totp_confirm(http_req *req);
void api_me_totp_qr_code(http_req *req);
void api_users_list(http_req *req);
void api_users_create(http_req *req);
void api_users_get(http_req *req);
void api_users_patch(http_req *req);
void api_users_password_reset(http_req *req);
void api_users_sf_reset_request(http_req *req);
void api_users_sf_reset_approve(http_req *req);
void api_password_reset_lookup(http_req *req);
void api_password_reset_redeem(http_req *req);
void api_orgs_create(http_req *req);
void api_orgs_patch(http_req *req);
void api_org_area_put(http_req *req);
void api_org_teams_create(http_req *req);
void api_consent_put(http_req *req);
void api_person_disclosures(http_req *req);
void api_share_create(http_req *req);
void api_share_preview(http_req *req);
void api_shares_list(http_req *req);
void api_share_get(http_req *req);
void api_share_delete(http_req *req);
void api_share_extend(http_req *req);
void api_plan_create(http_req *req);
void api_plan_get(http_req *req);
void api_plan_patch(http_req *req);
void api_plan_risk_add(http_req *req);
void api_plan_risk_patch(http_req *req);
void api_plan_action_add(http_req *req);
void api_plan_action_patch(http_req *req);
void api_plan_note_add(http_req *req);
void api_plan_child_protection(http_req *req);
void api_nrm_guardian_referral(http_req *req);
void api_feedback_invite(http_req *req);
void api_feedback_questions(http_req *req);
void api_feedback_answer(http_req *req);
void api_feedback_code_lookup(http_req *req);
void api_feedback_comments(http_req *req);
void api_feedback_redact(http_req *req);
void api_reports_feedback(http_req *req);
void api_export_htcds(http_req *req);
void api_export_htcds_summary(http_req *req);
void api_share_htcds(http_req *req);
void api_missing_report(http_req *req);
void api_missing_of_person(http_req *req);
void api_missing_list(http_req *req);
void api_missing_get(http_req *req);
void api_missing_return(http_req *req);
void api_missing_review(http_req *req);
void api_missing_safe_well(http_req *req);
void api_missing_interview(http_req *req);
void api_missing_entry_add(http_req *req);
void api_missing_assoc_add(http_req *req);
void api_missing_screening(http_req *req);
void api_share_missing_profile_get(http_req *req);
void api_share_missing_profile_put(http_req *req);
void api_missing_settings_get(http_req *req);
void api_missing_settings_put(http_req *req);
void api_missing_hot_spots(http_req *req);
void api_missing_profile_get(http_req *req);
void api_missing_profile_put(http_req *req);
void api_go_bag_locations_list(http_req *req);
void api_go_bag_location_create(http_req *req);
void api_go_bag_location_get(http_req *req);
void api_go_bag_location_patch(http_req *req);
void api_go_bag_delivery_create(http_req *req);
void api_go_bag_stock(http_req *req);
void api_go_bag_issue(http_req *req);
void api_teams_patch(http_req *req);
/* A team's view: {id, name, version, org: {id, name}}. */
json_t *api_team_json(const team_rec *t, const org_rec *o);
void api_installation(http_req *req);
void api_settings_get(http_req *req);
void api_settings_put(http_req *req);
void api_audit_list(http_req *req);
void api_audit_export(http_req *req);
void api_audit_verification(http_req *req);
void api_cases_create(http_req *req);
void api_cases_list(http_req *req);
void api_cases_get(http_req *req);
void api_cases_patch(http_req *req);
void api_cases_history(http_req *req);
void api_people_create(http_req *req);
void api_people_search(http_req *req);
void api_people_get(http_req *req);
void api_people_patch(http_req *req);
void api_case_people_add(http_req *req);
void api_people_history(http_req *req);
void api_people_merge(http_req *req);
void api_people_unmerge(http_req *req);
void api_indicators_add(http_req *req);
void api_victim_context_put(http_req *req);
void api_places_add(http_req *req);
void api_notes_add(http_req *req);
void api_timeline_get(http_req *req);
void api_selectors_add(http_req *req);
void api_selectors_list(http_req *req);
void api_links_get(http_req *req);
void api_link_notice_acknowledge(http_req *req);
void api_deconfliction_get(http_req *req);
void api_deconfliction_put(http_req *req);
void api_vocabularies(http_req *req);
void api_nrm_create(http_req *req);
void api_nrm_get(http_req *req);
void api_nrm_decide(http_req *req);
void api_dtn_create(http_req *req);
void api_bank_holidays_list(http_req *req);
void api_bank_holidays_add(http_req *req);
void api_worklist(http_req *req);
void api_shared_list(http_req *req);
void api_s45_create(http_req *req);
void api_s45_approve(http_req *req);
void api_charging_create(http_req *req);
void api_schedule4(http_req *req);
void api_case_event_create(http_req *req);
void api_victim_contact_create(http_req *req);
void api_victim_care_put(http_req *req);
void api_nrm_summary(http_req *req);
void api_nrm_reconsideration_create(http_req *req);
void api_nrm_reconsideration_outcome(http_req *req);
void api_nrm_withdraw(http_req *req);
void api_dtn_get(http_req *req);
void api_orgs_list(http_req *req);
void api_services_list(http_req *req);
void api_services_create(http_req *req);
void api_services_get(http_req *req);
void api_services_patch(http_req *req);
void api_service_referral_create(http_req *req);
void api_service_referrals_list(http_req *req);
void api_service_referral_get(http_req *req);
void api_service_referral_status(http_req *req);
void api_reports_services(http_req *req);
void api_order_create(http_req *req);
void api_order_get(http_req *req);
void api_order_breach_create(http_req *req);
void api_allocation_candidates(http_req *req);
void api_allocation_create(http_req *req);
/* Adds the case's lead and allocation history to out. */
int api_case_allocation_json(http_req *req, const char *case_id, json_t *out);
void api_staff_list(http_req *req);
void api_staff_get(http_req *req);
void api_staff_put(http_req *req);
void api_staff_absence_create(http_req *req);
void api_staff_training_create(http_req *req);
void api_training_courses(http_req *req);
void api_training_import(http_req *req);
void api_training_export(http_req *req);
void api_training_compliance(http_req *req);
/* Training by team, counting each person's latest record of each course
 * (of the organisations counted): *teams is [{team, valid, expiring,
 * expired, share_valid}]; items, when given, gets who is expiring or out of
 * date. */
int api_training_by_team(http_req *req, const store_orgs *orgs, const char *team_id, const char *today, json_t *items,
			 json_t **teams);
struct stats_range;
/* Checks a period asked for as from and to ("YYYY-MM-DD"; NULL when not
 * given, which is an error) and of at most years years, filling r when it
 * is one; adds to errors an entry naming each field at fault. The one
 * place that says what is wrong with a period, for reports, statistics and
 * exports alike. */
void api_range_check(const char *from, const char *to, int years, struct stats_range *r, json_t *errors);
/* Reads a report's range from the query (from and to, the last twelve
 * months by default) into r: 0, or -1 having answered 400 naming the
 * parameter. */
int api_report_range(http_req *req, struct stats_range *r);
void api_reports_allocation(http_req *req);
void api_reports_casework(http_req *req);
/* Reads a report's format: 1 for CSV, 0 for JSON, or -1 having answered
 * (422 for another format; 403 when the role may not export figures: a
 * file of figures is an export). */
int api_report_format(http_req *req);
/* Answers the rows (objects) as the CSV file name.csv with the columns
 * named; a member that is null or absent is an empty cell. */
void api_reply_rows_csv(http_req *req, const char *name, json_t *rows, const char *const *columns);
/* Whether an allocation whose overridden requirements are failed (a JSON
 * array of codes) went to a PIP2-accredited lead with the specialist
 * training: 1 or 0. */
int api_allocation_trained(json_t *failed);
/* GET /api/v1/reports/outcomes: the Commissioner's dashboard. */
void api_reports_outcomes(http_req *req);
/* Adds indicators (and referral prompts) to each of the case's people, and the places to out. */
int api_case_items_json(http_req *req, const char *case_id, unsigned rel, json_t *people, json_t *out);

/* A person's public view: never the sealed field's value. */
struct person_rec;
json_t *api_person_json(const struct person_rec *p);
/* The people of a case with their roles and non-punishment flags (suspects
 * only where the user reaches suspects in a case of these relations). */
int api_case_people_json(http_req *req, const char *case_id, unsigned rel, json_t **out);
/* A person's relations to the signed-in user, through the parts in cases
 * the user's role may see (access_person_rel). */
int api_person_rel(http_req *req, const struct person_rec *p, unsigned *rel);

/* The disclosure threshold every figure is published under (an
 * installation setting, DISCLOSURE_DEFAULT_THRESHOLD until an administrator
 * sets it). Returns 0, or replies and returns -1. */
int api_disclosure_threshold(http_req *req, int *threshold);
/* A figure as published: the count, or {"suppressed": true}. */
json_t *api_figure(long count, int suppressed);
/* One counter across rows (each an object holding {counter: n}) as a
 * one-way table: each row's count becomes its figure, and the total, as
 * protected with them, is set as counter in totals unless totals is NULL.
 * 0, or -1 when memory runs out. */
int api_protect_column(http_req *req, json_t *rows, const char *counter, int threshold,
                       json_t *totals);
/* A two-way table of rows x cols counts (row-major) as published: sets
 * cell[rows*cols], row_total[rows], col_total[cols] and *total to new
 * figures (the caller's to keep). 0, or -1 when memory runs out, having
 * set none. */
int api_two_way_figures(http_req *req, const long *count, size_t rows, size_t cols,
                        int threshold, json_t **cell, json_t **row_total, json_t **col_total,
                        json_t **total);
/* An installation-wide setting that is one whole number within bounds
 * (the disclosure threshold, the document size limit): its row in the
 * settings table, the JSON field it is read and written as, and what a
 * refusal and the audit entry say. */
typedef struct api_bounded_setting {
	const char *key;     /* the settings row */
	const char *field;   /* "threshold", "max_bytes" */
	const char *noun;    /* for a 412: "disclosure settings" */
	const char *audited; /* the audit action of a change */
	long long min, max, def;
	const char *range;   /* the 422's detail: "must be from 3 to 100" */
	const char *summary; /* the error summary's words, or NULL */
} api_bounded_setting;
/* The value in force: the stored one when it is within bounds, else the
 * default. DB_OK, or the error. */
int api_bounded_value(db *d, const api_bounded_setting *s, long long *value);
/* GET: {field, minimum, maximum, default, version}, version 0 until set. */
void api_bounded_get(http_req *req, const api_bounded_setting *s);
/* PUT (If-Match) {field}: 422 out of bounds, 412 stale, audited from/to. */
void api_bounded_put(http_req *req, const api_bounded_setting *s);

/* GET and PUT /api/v1/settings/disclosure: the installation's threshold,
 * with its bounds, default and version; an administrator sets it. */
void api_disclosure_settings_get(http_req *req);
void api_disclosure_settings_put(http_req *req);
/* GET /api/v1/statistics: potential victims counted by one or two
 * dimensions, every figure through disclosure control. */
void api_statistics(http_req *req);
/* GET /api/v1/cases/{id}/network: the cases joined to one through shared
 * people, matching selectors and places' postcodes, to a depth of 1 to 3. */
void api_network_get(http_req *req);

/* Retention, review and disposal (issue 21): src/api/retention.c. */
void api_retention_rules_get(http_req *req);
void api_retention_rules_put(http_req *req);
void api_case_retention_get(http_req *req);
void api_case_retention_put(http_req *req);
void api_person_retention_put(http_req *req);
void api_retention_review_create(http_req *req);
void api_hold_create(http_req *req);
void api_hold_lift(http_req *req);
void api_retention_worklist(http_req *req);
void api_reports_retention(http_req *req);
void api_disposals_list(http_req *req);

#endif
