#include "api/api.h"
#include "api/feedback.h"
#include "domain/workdays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/credentials.h"
#include "domain/fields.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/log.h"
#include "lib/oom.h"
#include "lib/secure.h"
#include "store/audit.h"
#include "store/cases.h"
#include "store/pool.h"

/* Literal paths come before patterns that would also match them. */
const http_route api_routes[] = {
	{"GET", "/healthz", api_health, API_PUBLIC | API_NO_DB},
	{"GET", "/metrics", api_metrics, API_PUBLIC},
	{"GET", "/api/v1/openapi.json", api_openapi, API_PUBLIC | API_NO_DB},
	{"POST", "/api/v1/session", api_session_create, API_PUBLIC},
	{"DELETE", "/api/v1/session", api_session_delete, RULE(SELF, WRITE) | API_PENDING_OK},
	{"DELETE", "/api/v1/me/sessions", api_me_sessions_delete, RULE(SELF, WRITE) | API_PENDING_OK},
	{"GET", "/api/v1/me", api_me, RULE(SELF, READ) | API_PENDING_OK},
	{"PUT", "/api/v1/me/password", api_me_password, RULE(SELF, WRITE) | API_PENDING_OK},
	{"POST", "/api/v1/me/totp", api_me_totp_start, RULE(SELF, WRITE) | API_PENDING_OK},
	{"POST", "/api/v1/me/totp/confirm", api_me_totp_confirm, RULE(SELF, WRITE) | API_PENDING_OK},
	{"GET", "/api/v1/me/totp/qr-code", api_me_totp_qr_code, RULE(SELF, READ) | API_PENDING_OK},
	{"GET", "/api/v1/users", api_users_list, RULE(ACCOUNT, READ)},
	{"POST", "/api/v1/users", api_users_create, RULE(ACCOUNT, WRITE)},
	{"GET", "/api/v1/users/{id}", api_users_get, RULE(ACCOUNT, READ)},
	{"PATCH", "/api/v1/users/{id}", api_users_patch, RULE(ACCOUNT, WRITE)},
	{"POST", "/api/v1/users/{id}/password-reset", api_users_password_reset, RULE(ACCOUNT, ADMINISTER)},
	{"POST", "/api/v1/users/{id}/second-factor-reset", api_users_sf_reset_request, RULE(ACCOUNT, ADMINISTER)},
	{"POST", "/api/v1/users/{id}/second-factor-reset/approval", api_users_sf_reset_approve, RULE(ACCOUNT, DECIDE)},
	/* Public: the holder of a one-time link is not signed in; the link's
	 * 256-bit token is the credential, and a used, expired or unknown one
	 * gets the same answer. */
	{"POST", "/api/v1/password-resets", api_password_reset_redeem, API_PUBLIC},
	{"POST", "/api/v1/password-resets/lookup", api_password_reset_lookup, API_PUBLIC},
	/* Public: the sign-in page says when the installation is a
	 * demonstration with the second factor off; nothing else is told. */
	{"GET", "/api/v1/installation", api_installation, API_PUBLIC},
	{"GET", "/api/v1/settings/security", api_settings_get, RULE(SETTINGS, READ)},
	{"PUT", "/api/v1/settings/security", api_settings_put, RULE(SETTINGS, ADMINISTER)},
	{"GET", "/api/v1/settings/disclosure", api_disclosure_settings_get, RULE(SETTINGS, READ)},
	{"PUT", "/api/v1/settings/disclosure", api_disclosure_settings_put, RULE(SETTINGS, ADMINISTER)},
	{"GET", "/api/v1/audit", api_audit_list, RULE(AUDIT, READ)},
	{"GET", "/api/v1/audit/verification", api_audit_verification, RULE(AUDIT, READ)},
	{"GET", "/api/v1/audit/export", api_audit_export, RULE(AUDIT, EXPORT)},
	{"POST", "/api/v1/cases", api_cases_create, RULE(CASE, WRITE)},
	{"GET", "/api/v1/cases", api_cases_list, RULE(CASE, READ)},
	{"GET", "/api/v1/cases/{id}", api_cases_get, RULE(CASE, READ)},
	{"PATCH", "/api/v1/cases/{id}", api_cases_patch, RULE(CASE, WRITE)},
	{"GET", "/api/v1/cases/{id}/history", api_cases_history, RULE(CASE, READ)},
	{"POST", "/api/v1/cases/{id}/people", api_case_people_add, RULE(CASE, WRITE)},
	{"POST", "/api/v1/cases/{id}/people/{link}/indicators", api_indicators_add, RULE(ENTRY, WRITE)},
	{"PUT", "/api/v1/cases/{id}/people/{link}/victim-context", api_victim_context_put, RULE(ENTRY, WRITE)},
	{"POST", "/api/v1/cases/{id}/places", api_places_add, RULE(ENTRY, WRITE)},
	{"POST", "/api/v1/cases/{id}/notes", api_notes_add, RULE(ENTRY, WRITE)},
	{"GET", "/api/v1/cases/{id}/timeline", api_timeline_get, RULE(ENTRY, READ)},
	{"GET", "/api/v1/cases/{id}/network", api_network_get, RULE(ENTRY, READ)},
	/* Links across cases: a match in a case the caller may not read is
	 * a notice that names only its kind, its number and whom to call. */
	{"POST", "/api/v1/cases/{id}/selectors", api_selectors_add, RULE(ENTRY, WRITE)},
	{"GET", "/api/v1/cases/{id}/selectors", api_selectors_list, RULE(ENTRY, READ)},
	{"GET", "/api/v1/cases/{id}/links", api_links_get, RULE(ENTRY, READ)},
	{"POST", "/api/v1/link-notices/{number}/acknowledgement", api_link_notice_acknowledge, RULE(ENTRY, WRITE)},
	{"GET", "/api/v1/settings/deconfliction", api_deconfliction_get, RULE(SETTINGS, READ)},
	{"PUT", "/api/v1/settings/deconfliction", api_deconfliction_put, RULE(SETTINGS, ADMINISTER)},
	{"GET", "/api/v1/vocabularies", api_vocabularies, RULE(REFERENCE, READ)},
	{"POST", "/api/v1/people", api_people_create, RULE(PERSON, WRITE)},
	{"GET", "/api/v1/people", api_people_search, RULE(PERSON, READ)},
	{"GET", "/api/v1/people/{id}", api_people_get, RULE(PERSON, READ)},
	{"PATCH", "/api/v1/people/{id}", api_people_patch, RULE(PERSON, WRITE)},
	{"GET", "/api/v1/people/{id}/history", api_people_history, RULE(PERSON, READ)},
	{"POST", "/api/v1/people/{id}/merge", api_people_merge, RULE(PERSON, DECIDE)},
	{"POST", "/api/v1/people/{id}/unmerge", api_people_unmerge, RULE(PERSON, DECIDE)},
	{"POST", "/api/v1/nrm-referrals", api_nrm_create, RULE(ENTRY, WRITE)},
	{"GET", "/api/v1/nrm-referrals/{id}", api_nrm_get, RULE(ENTRY, READ)},
	{"POST", "/api/v1/nrm-referrals/{id}/decisions", api_nrm_decide, RULE(ENTRY, WRITE)},
	{"POST", "/api/v1/duty-to-notify", api_dtn_create, RULE(ENTRY, WRITE)},
	{"GET", "/api/v1/bank-holidays", api_bank_holidays_list, RULE(REFERENCE, READ)},
	/* Each source of the worklist is gated by its own kind of record. */
	{"GET", "/api/v1/worklist", api_worklist, RULE(SELF, READ)},
	{"GET", "/api/v1/shared", api_shared_list, RULE(ENTRY, READ)},
	{"POST", "/api/v1/cases/{id}/people/{link}/s45-assessments", api_s45_create, RULE(SUSPECT, WRITE)},
	{"POST", "/api/v1/cases/{id}/s45-assessments/{assessment}/approval", api_s45_approve, RULE(SUSPECT, DECIDE)},
	{"POST", "/api/v1/cases/{id}/people/{link}/charging-decisions", api_charging_create, RULE(SUSPECT, WRITE)},
	{"GET", "/api/v1/s45/schedule4", api_schedule4, RULE(REFERENCE, READ)},
	{"POST", "/api/v1/cases/{id}/events", api_case_event_create, RULE(CASE, WRITE)},
	{"POST", "/api/v1/cases/{id}/people/{link}/contacts", api_victim_contact_create, RULE(ENTRY, WRITE)},
	{"PUT", "/api/v1/cases/{id}/people/{link}/care", api_victim_care_put, RULE(ENTRY, WRITE)},
	{"POST", "/api/v1/bank-holidays", api_bank_holidays_add, RULE(REFERENCE, ADMINISTER)},
	{"GET", "/api/v1/nrm-referrals/{id}/summary", api_nrm_summary, RULE(ENTRY, READ)},
	{"POST", "/api/v1/nrm-referrals/{id}/reconsiderations", api_nrm_reconsideration_create, RULE(ENTRY, READ)},
	{"POST", "/api/v1/nrm-referrals/{id}/reconsiderations/{request}/outcome", api_nrm_reconsideration_outcome, RULE(ENTRY, WRITE)},
	{"POST", "/api/v1/nrm-referrals/{id}/withdrawal", api_nrm_withdraw, RULE(ENTRY, WRITE)},
	{"GET", "/api/v1/duty-to-notify/{id}", api_dtn_get, RULE(ENTRY, READ)},
	{"GET", "/api/v1/organisations", api_orgs_list, RULE(REFERENCE, READ)},
	{"POST", "/api/v1/organisations", api_orgs_create, RULE(ACCOUNT, ADMINISTER)},
	{"PATCH", "/api/v1/organisations/{id}", api_orgs_patch, RULE(ACCOUNT, ADMINISTER)},
	{"PUT", "/api/v1/organisations/{id}/area", api_org_area_put, RULE(ACCOUNT, ADMINISTER)},
	{"POST", "/api/v1/organisations/{id}/teams", api_org_teams_create, RULE(ACCOUNT, ADMINISTER)},
	{"PATCH", "/api/v1/teams/{id}", api_teams_patch, RULE(ACCOUNT, ADMINISTER)},
	{"GET", "/api/v1/services", api_services_list, RULE(SERVICE, READ)},
	{"POST", "/api/v1/services", api_services_create, RULE(SERVICE, WRITE)},
	{"GET", "/api/v1/services/{id}", api_services_get, RULE(SERVICE, READ)},
	{"PATCH", "/api/v1/services/{id}", api_services_patch, RULE(SERVICE, WRITE)},
	{"POST", "/api/v1/cases/{id}/people/{link}/service-referrals", api_service_referral_create, RULE(REFERRAL, WRITE)},
	{"GET", "/api/v1/service-referrals", api_service_referrals_list, RULE(REFERRAL, READ)},
	{"GET", "/api/v1/service-referrals/{id}", api_service_referral_get, RULE(REFERRAL, READ)},
	{"POST", "/api/v1/service-referrals/{id}/status", api_service_referral_status, RULE(REFERRAL, WRITE)},
	{"POST", "/api/v1/cases/{id}/orders", api_order_create, RULE(SUSPECT, WRITE)},
	{"GET", "/api/v1/orders/{id}", api_order_get, RULE(SUSPECT, READ)},
	{"POST", "/api/v1/orders/{id}/breaches", api_order_breach_create, RULE(SUSPECT, WRITE)},
	{"GET", "/api/v1/cases/{id}/allocation-candidates", api_allocation_candidates, RULE(CASE, DECIDE)},
	{"POST", "/api/v1/cases/{id}/allocation", api_allocation_create, RULE(CASE, DECIDE)},
	{"GET", "/api/v1/staff", api_staff_list, RULE(STAFF, READ)},
	{"GET", "/api/v1/staff/{id}", api_staff_get, RULE(STAFF, READ)},
	{"PUT", "/api/v1/staff/{id}", api_staff_put, RULE(STAFF, ADMINISTER)},
	{"POST", "/api/v1/staff/{id}/absences", api_staff_absence_create, RULE(STAFF, WRITE)},
	{"POST", "/api/v1/staff/{id}/training", api_staff_training_create, RULE(STAFF, ADMINISTER)},
	{"GET", "/api/v1/training/courses", api_training_courses, RULE(REFERENCE, READ)},
	{"POST", "/api/v1/training/import", api_training_import, RULE(STAFF, ADMINISTER)},
	{"GET", "/api/v1/training/export", api_training_export, RULE(STAFF, EXPORT)},
	{"GET", "/api/v1/training/compliance", api_training_compliance, RULE(STAFF, READ)},
	{"GET", "/api/v1/reports/allocation", api_reports_allocation, RULE(FIGURES, READ)},
	{"GET", "/api/v1/reports/casework", api_reports_casework, RULE(FIGURES, READ)},
	{"GET", "/api/v1/reports/outcomes", api_reports_outcomes, RULE(FIGURES, READ)},
	{"GET", "/api/v1/reports/services", api_reports_services, RULE(FIGURES, READ)},
	{"PUT", "/api/v1/people/{id}/consent", api_consent_put, RULE(PERSON, WRITE)},
	{"GET", "/api/v1/people/{id}/disclosures", api_person_disclosures, RULE(SHARE, READ)},
	{"POST", "/api/v1/cases/{id}/people/{link}/shares", api_share_create, RULE(SHARE, WRITE)},
	{"GET", "/api/v1/cases/{id}/people/{link}/shares/preview", api_share_preview, RULE(SHARE, WRITE)},
	{"GET", "/api/v1/shares", api_shares_list, RULE(SHARE, READ)},
	{"GET", "/api/v1/shares/{id}", api_share_get, RULE(SHARE, READ)},
	{"DELETE", "/api/v1/shares/{id}", api_share_delete, RULE(SHARE, WRITE)},
	{"POST", "/api/v1/shares/{id}/extension", api_share_extend, RULE(SHARE, WRITE)},
	{"GET", "/api/v1/shares/{id}/htcds", api_share_htcds, RULE(SHARE, READ)},
	{"POST", "/api/v1/cases/{id}/people/{link}/safeguarding-plan", api_plan_create, RULE(PLAN, WRITE)},
	{"GET", "/api/v1/safeguarding-plans/{id}", api_plan_get, RULE(PLAN, READ)},
	{"PATCH", "/api/v1/safeguarding-plans/{id}", api_plan_patch, RULE(PLAN, WRITE)},
	{"POST", "/api/v1/safeguarding-plans/{id}/risks", api_plan_risk_add, RULE(PLAN, WRITE)},
	{"PATCH", "/api/v1/safeguarding-plans/{id}/risks/{risk}", api_plan_risk_patch, RULE(PLAN, WRITE)},
	{"POST", "/api/v1/safeguarding-plans/{id}/actions", api_plan_action_add, RULE(PLAN, WRITE)},
	{"PATCH", "/api/v1/safeguarding-plans/{id}/actions/{action}", api_plan_action_patch, RULE(PLAN, WRITE)},
	{"POST", "/api/v1/safeguarding-plans/{id}/notes", api_plan_note_add, RULE(PLAN, WRITE)},
	{"POST", "/api/v1/safeguarding-plans/{id}/child-protection", api_plan_child_protection, RULE(PLAN, WRITE)},
	{"POST", "/api/v1/people/{id}/missing-episodes", api_missing_report, RULE(MISSING, WRITE)},
	{"GET", "/api/v1/people/{id}/missing-episodes", api_missing_of_person, RULE(MISSING, READ)},
	{"POST", "/api/v1/people/{id}/exploitation-screenings", api_missing_screening, RULE(MISSING, WRITE)},
	{"GET", "/api/v1/missing-episodes", api_missing_list, RULE(MISSING, READ)},
	{"GET", "/api/v1/missing-episodes/{id}", api_missing_get, RULE(MISSING, READ)},
	{"POST", "/api/v1/missing-episodes/{id}/return", api_missing_return, RULE(MISSING, WRITE)},
	{"POST", "/api/v1/missing-episodes/{id}/risk-reviews", api_missing_review, RULE(MISSING, WRITE)},
	{"POST", "/api/v1/missing-episodes/{id}/safe-and-well", api_missing_safe_well, RULE(MISSING, WRITE)},
	{"POST", "/api/v1/missing-episodes/{id}/return-interview", api_missing_interview, RULE(MISSING, WRITE)},
	{"POST", "/api/v1/missing-episodes/{id}/entries", api_missing_entry_add, RULE(MISSING, WRITE)},
	{"POST", "/api/v1/missing-episodes/{id}/associations", api_missing_assoc_add, RULE(MISSING, WRITE)},
	{"GET", "/api/v1/settings/missing", api_missing_settings_get, RULE(SETTINGS, READ)},
	{"PUT", "/api/v1/settings/missing", api_missing_settings_put, RULE(SETTINGS, ADMINISTER)},
	{"GET", "/api/v1/missing/hot-spots", api_missing_hot_spots, RULE(MISSING, READ)},
	{"GET", "/api/v1/people/{id}/missing-profile", api_missing_profile_get, RULE(MISSING, READ)},
	{"PUT", "/api/v1/people/{id}/missing-profile", api_missing_profile_put, RULE(MISSING, WRITE)},
	{"GET", "/api/v1/shares/{id}/missing-profile", api_share_missing_profile_get, RULE(MISSING, READ)},
	{"PUT", "/api/v1/shares/{id}/missing-profile", api_share_missing_profile_put, RULE(MISSING, WRITE)},
	{"POST", "/api/v1/nrm-referrals/{id}/guardian-referral", api_nrm_guardian_referral, RULE(ENTRY, WRITE)},
	{"POST", "/api/v1/cases/{id}/people/{link}/feedback-invitations", api_feedback_invite, RULE(ENTRY, WRITE)},
	{"GET", "/api/v1/feedback/comments", api_feedback_comments, RULE(FEEDBACK, READ)},
	{"POST", "/api/v1/feedback/comments/{id}/redaction", api_feedback_redact, RULE(FEEDBACK, WRITE)},
	{"GET", "/api/v1/reports/feedback", api_reports_feedback, RULE(FIGURES, READ)},
	{"GET", "/api/v1/exports/htcds", api_export_htcds, RULE(MICRODATA, EXPORT)},
	{"GET", "/api/v1/exports/htcds/summary", api_export_htcds_summary, RULE(MICRODATA, READ)},
	{"GET", "/api/v1/statistics", api_statistics, RULE(FIGURES, READ)},
	/* Public: a victim answering feedback has no account; the link's
	 * 256-bit token (or the short code, which buys a new link) is the
	 * credential, tries are limited per address, and no answer says
	 * anything of the victim or the force. The page is rendered by the
	 * server so that it works with no JavaScript. */
	{"POST", "/api/v1/feedback/codes", api_feedback_code_lookup, API_PUBLIC},
	{"GET", "/api/v1/feedback/{token}", api_feedback_questions, API_PUBLIC},
	{"POST", "/api/v1/feedback/{token}", api_feedback_answer, API_PUBLIC},
	{"GET", "/feedback", api_feedback_page_code, API_PUBLIC},
	{"POST", "/feedback", api_feedback_page_code_post, API_PUBLIC},
	{"GET", "/feedback/{token}", api_feedback_page, API_PUBLIC},
	{"POST", "/feedback/{token}", api_feedback_page_post, API_PUBLIC},
	{"GET", "/api/v1/go-bags/locations", api_go_bag_locations_list, RULE(GO_BAG, READ)},
	{"POST", "/api/v1/go-bags/locations", api_go_bag_location_create, RULE(GO_BAG, WRITE)},
	{"GET", "/api/v1/go-bags/locations/{id}", api_go_bag_location_get, RULE(GO_BAG, READ)},
	{"PATCH", "/api/v1/go-bags/locations/{id}", api_go_bag_location_patch, RULE(GO_BAG, WRITE)},
	{"POST", "/api/v1/go-bags/deliveries", api_go_bag_delivery_create, RULE(GO_BAG, WRITE)},
	{"GET", "/api/v1/go-bags/stock", api_go_bag_stock, RULE(GO_BAG, READ)},
	/* A bag handed to a victim is an entry in their case; its location
	 * must be one the officer reads (GO_BAG READ, decided in the handler). */
	{"POST", "/api/v1/cases/{id}/people/{link}/go-bags", api_go_bag_issue, RULE(ENTRY, WRITE)},
	/* The body is streamed to a spool file, never held in memory. */
	{"POST", "/api/v1/cases/{id}/documents", api_documents_add, RULE(DOCUMENT, WRITE) | HTTP_UPLOAD},
	{"GET", "/api/v1/cases/{id}/documents", api_documents_list, RULE(DOCUMENT, READ)},
	{"GET", "/api/v1/documents/{id}", api_document_get, RULE(DOCUMENT, READ)},
	{"DELETE", "/api/v1/documents/{id}", api_document_delete, RULE(DOCUMENT, WRITE)},
	{"GET", "/api/v1/documents/{id}/content", api_document_content, RULE(DOCUMENT, READ)},
	{"GET", "/api/v1/documents/{id}/thumbnail", api_document_thumbnail, RULE(DOCUMENT, READ)},
	{"GET", "/api/v1/settings/documents", api_document_settings_get, RULE(SETTINGS, READ)},
	{"PUT", "/api/v1/settings/documents", api_document_settings_put, RULE(SETTINGS, ADMINISTER)},
	/* Subject requests (issue 21): records managers only; a person's
	 * rectification and restriction are decisions on a request. */
	{"POST", "/api/v1/subject-requests", api_subject_request_create, RULE(SUBJECT_REQUEST, WRITE)},
	{"GET", "/api/v1/subject-requests", api_subject_requests_list, RULE(SUBJECT_REQUEST, READ)},
	{"GET", "/api/v1/subject-requests/{id}", api_subject_request_get, RULE(SUBJECT_REQUEST, READ)},
	{"POST", "/api/v1/subject-requests/{id}/extension", api_subject_request_extend, RULE(SUBJECT_REQUEST, WRITE)},
	{"POST", "/api/v1/subject-requests/{id}/close", api_subject_request_close, RULE(SUBJECT_REQUEST, WRITE)},
	{"POST", "/api/v1/subject-requests/{id}/erasure", api_subject_request_erasure, RULE(SUBJECT_REQUEST, DECIDE)},
	{"POST", "/api/v1/people/{id}/rectifications", api_person_rectification, RULE(SUBJECT_REQUEST, WRITE)},
	{"POST", "/api/v1/people/{id}/restriction", api_person_restrict, RULE(SUBJECT_REQUEST, WRITE)},
	{"DELETE", "/api/v1/people/{id}/restriction", api_person_unrestrict, RULE(SUBJECT_REQUEST, WRITE)},
	/* Retention, review and disposal (issue 21): the rules are reference
	 * data every signed-in role reads and an administrator changes; the
	 * rest is the records managers' (their force's cases). */
	{"GET", "/api/v1/retention/rules", api_retention_rules_get, RULE(REFERENCE, READ)},
	{"PUT", "/api/v1/retention/rules", api_retention_rules_put, RULE(REFERENCE, ADMINISTER)},
	{"GET", "/api/v1/retention/worklist", api_retention_worklist, RULE(RETENTION, READ)},
	{"GET", "/api/v1/cases/{id}/retention", api_case_retention_get, RULE(RETENTION, READ)},
	{"PUT", "/api/v1/cases/{id}/retention", api_case_retention_put, RULE(RETENTION, WRITE)},
	{"PUT", "/api/v1/cases/{id}/people/{person}/retention", api_person_retention_put, RULE(RETENTION, WRITE)},
	{"POST", "/api/v1/cases/{id}/reviews", api_retention_review_create, RULE(RETENTION, DECIDE)},
	{"POST", "/api/v1/cases/{id}/holds", api_hold_create, RULE(RETENTION, WRITE)},
	{"DELETE", "/api/v1/holds/{id}", api_hold_lift, RULE(RETENTION, WRITE)},
	{"GET", "/api/v1/reports/retention", api_reports_retention, RULE(RETENTION, READ)},
	{"GET", "/api/v1/disposals", api_disposals_list, RULE(RETENTION, READ)},
	/* Access bundles (issue 21): a records manager assembles, reviews
	 * and releases what is held about a person who asked for it. */
	{"POST", "/api/v1/subject-requests/{id}/bundle", api_bundle_assemble, RULE(SUBJECT_REQUEST, WRITE)},
	{"GET", "/api/v1/subject-requests/{id}/bundle", api_bundle_get, RULE(SUBJECT_REQUEST, READ)},
	{"PATCH", "/api/v1/subject-requests/{id}/bundle/items/{item}", api_bundle_item_patch, RULE(SUBJECT_REQUEST, DECIDE)},
	{"POST", "/api/v1/subject-requests/{id}/bundle/release", api_bundle_release, RULE(SUBJECT_REQUEST, DECIDE)},
	{"GET", "/api/v1/subject-requests/{id}/bundle.pdf", api_bundle_pdf, RULE(SUBJECT_REQUEST, EXPORT)},
	{"GET", "/api/v1/subject-requests/{id}/bundle.json", api_bundle_json, RULE(SUBJECT_REQUEST, EXPORT)},
};
const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];

api_ctx *api_ctx_of(http_req *req)
{
	return http_req_data(req);
}

static void reply_unavailable(http_req *req, const char *detail)
{
	http_reply_header(req, "Retry-After", "2");
	http_reply_problem(req, 503, "Service Unavailable", detail, NULL);
}

void api_db_fail(http_req *req, int rc)
{
	api_ctx *c = api_ctx_of(req);
	http_metrics_db_error();
	if (c && c->db)
		db_rollback(c->db);
	http_reply_headers_drop(req);
	switch (rc) {
	case DB_BUSY:
		reply_unavailable(req, "the database is busy; nothing was changed; try again");
		return;
	case DB_FULL:
		reply_unavailable(req, "the database has no room; nothing was changed; try again");
		return;
	case DB_NOMEM:
		reply_unavailable(req, "the server is short of memory; try again");
		return;
	case DB_IO:
		log_msg("error", "request %s: storage error: %s", http_req_id(req),
			c && c->db ? db_errmsg(c->db) : "no connection");
		reply_unavailable(req, "the database could not be read or written; nothing was changed; try "
				       "again");
		return;
	case DB_DONE:
		http_reply_problem(req, 404, "Not Found", "there is no such record", NULL);
		return;
	case DB_CONSTRAINT:
		http_reply_problem(req, 409, "Conflict",
				   "the change conflicts with a record that already exists", NULL);
		return;
	default:
		log_msg("error", "request %s: database error: %s", http_req_id(req),
			c && c->db ? db_errmsg(c->db) : "no connection");
		http_reply_problem(req, 500, "Internal Server Error",
				   "something went wrong; it has been logged", NULL);
	}
}

static void release_json(void *v)
{
	json_decref(v);
}

json_t *api_keep(http_req *req, json_t *v)
{
	if (v && arena_defer(http_req_arena(req), release_json, v) != 0) {
		json_decref(v);
		return NULL;
	}
	return v;
}

int api_reject(http_req *req, json_t *errors)
{
	if (!json_array_size(errors)) {
		json_decref(errors);
		return 0;
	}
	api_invalid(req, errors);
	return 1;
}

const char *api_json_text(http_req *req, const json_t *v)
{
	char *text = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (!text)
		return NULL;
	char *copy = arena_strdup(http_req_arena(req), text);
	free(text);
	return copy;
}

int api_reject_query(http_req *req, json_t *errors)
{
	if (!json_array_size(errors)) {
		json_decref(errors);
		return 0;
	}
	http_reply_problem(req, 400, "Bad Request", "some query parameters are not valid", errors);
	return 1;
}

void api_invalid(http_req *req, json_t *errors)
{
	http_reply_problem(req, 422, "Unprocessable Content",
			   "some fields are missing or not valid; see errors", errors);
}

static int is_json_type(const char *ct)
{
	if (!ct || strncasecmp(ct, "application/json", 16) != 0)
		return 0;
	return ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ';
}

json_t *api_body(http_req *req, const jv_field *fields, size_t nfields)
{
	if (!is_json_type(http_req_header(req, "Content-Type"))) {
		http_reply_problem(req, 415, "Unsupported Media Type",
				   "send the body as Content-Type: application/json", NULL);
		return NULL;
	}
	size_t len;
	const char *body = http_req_body(req, &len);
	char err[256];
	json_t *j = jv_parse(body, len, err, sizeof err);
	if (!j) {
		http_reply_problem(req, 400, "Bad Request", err, NULL);
		return NULL;
	}
	if (!api_keep(req, j)) {
		reply_unavailable(req, "the server is short of memory; try again");
		return NULL;
	}
	json_t *errors = json_array();
	if (jv_check(j, fields, nfields, errors) > 0) {
		api_invalid(req, errors);
		return NULL;
	}
	json_decref(errors);
	return j;
}

int api_if_match(http_req *req, int64_t *version)
{
	const char *im = http_req_header(req, "If-Match");
	if (!im) {
		http_reply_problem(req, 428, "Precondition Required",
				   "send If-Match with the version you read, as \"<version>\"",
				   NULL);
		return -1;
	}
	const char *p = im;
	if (strncmp(p, "W/", 2) == 0)
		p += 2;
	if (*p == '"')
		p++;
	char *end;
	long long v = strtoll(p, &end, 10);
	if (end == p || v < 1 || (*end != '"' && *end != '\0') || (*end == '"' && end[1] != '\0')) {
		json_t *errors = json_array();
		jv_error(errors, "If-Match", "must be a version such as \"3\"");
		http_reply_problem(req, 400, "Bad Request", "If-Match is not a version", errors);
		return -1;
	}
	*version = v;
	return 0;
}

int api_if_match_new(http_req *req, int64_t *version)
{
	const char *im = http_req_header(req, "If-Match");
	if (im && strcmp(im, "\"0\"") == 0) {
		*version = 0;
		return 0;
	}
	return api_if_match(req, version);
}

void api_etag(http_req *req, int64_t version)
{
	char tag[32];
	snprintf(tag, sizeof tag, "\"%lld\"", (long long)version);
	http_reply_header(req, "ETag", tag);
}

size_t api_utf8_char(const unsigned char *s)
{
	unsigned c = s[0], n, min, cp;
	if (c < 0x80)
		return c ? 1 : 0;
	if (c >= 0xc2 && c <= 0xdf)
		n = 1, min = 0x80, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 2, min = 0x800, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 3, min = 0x10000, cp = c & 0x07;
	else
		return 0;
	for (unsigned i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n + 1;
}

int api_utf8_valid(const unsigned char *s)
{
	while (*s) {
		size_t n = api_utf8_char(s);
		if (!n)
			return 0;
		s += n;
	}
	return 1;
}

/* The purpose as UTF-8 in the request's memory: as it is when it is UTF-8,
 * else read as ISO 8859-1, as browsers send a header's characters up to
 * U+00FF. Kept as sent, a purpose that is not UTF-8 made an audit entry
 * that could not be listed or exported as JSON. NULL when memory runs out. */
static const char *purpose_text(http_req *req, const char *purpose)
{
	if (!purpose || api_utf8_valid((const unsigned char *)purpose))
		return purpose;
	size_t n = strlen(purpose);
	char *out = arena_alloc(http_req_arena(req), 2 * n + 1), *o = out;
	if (!out)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)purpose; *p; p++) {
		if (*p < 0x80) {
			*o++ = (char)*p;
		} else {
			*o++ = (char)(0xc0 | (*p >> 6));
			*o++ = (char)(0x80 | (*p & 0x3f));
		}
	}
	*o = '\0';
	return out;
}

static int audit_write(http_req *req, const char *actor_id, const char *actor,
		       const char *action, const char *record_type, const char *record_id,
		       const char *purpose, json_t *detail, const char *address)
{
	api_ctx *c = api_ctx_of(req);
	const char *stated = purpose_text(req, purpose);
	if (purpose && !stated) {
		json_decref(detail);
		return DB_NOMEM;
	}
	purpose = stated;
	char *text = detail ? oom_json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int lost = detail && !text;
	json_decref(detail);
	if (lost)
		return DB_NOMEM;
	audit_fields f = {
		.actor_id = actor_id,
		.actor = actor,
		.action = action,
		.record_type = record_type,
		.record_id = record_id,
		.purpose = purpose,
		.detail = text,
		.address = address,
		.request_id = http_req_id(req),
	};
	int rc = store_audit_append(c->db, &f);
	free(text);
	return rc;
}

const char *api_past_date(json_t *body, const char *field, json_t *errors)
{
	const char *v = jv_str(body, field);
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	if (v && (date_days(v) == DATE_INVALID || strncmp(v, now, 10) > 0)) {
		jv_error(errors, field, "must be a real date, YYYY-MM-DD, not in the future");
		return NULL;
	}
	return v;
}

const char *api_name(json_t *body, const char *field, json_t *errors)
{
	const char *name = jv_str(body, field);
	size_t n = name ? strlen(name) : 0;
	if (!n || strspn(name, " \t") == n)
		jv_error(errors, field, "must not be empty");
	else if (name[0] == ' ' || name[n - 1] == ' ')
		jv_error(errors, field, "must not start or end with a space");
	else
		return name;
	return NULL;
}

void api_refuse(http_req *req, int status, const char *title, const char *detail)
{
	db_rollback(api_ctx_of(req)->db);
	http_reply_problem(req, status, title, detail, NULL);
}

void api_conflict(http_req *req, const char *detail)
{
	api_refuse(req, 409, "Conflict", detail);
}

void api_refuse_field(http_req *req, int status, const char *field, const char *why, const char *detail)
{
	db_rollback(api_ctx_of(req)->db);
	json_t *errors = json_array();
	jv_error(errors, field, why);
	if (status == 422)
		api_invalid(req, errors);
	else
		http_reply_problem(req, status, "Conflict", detail, errors);
}

void api_reply_items(http_req *req, int rc, json_t *items)
{
	if (rc == DB_OK && !items)
		rc = DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:O}", "items", items));
}

void api_stale(http_req *req, const char *noun, int64_t version, json_t *current)
{
	db_rollback(api_ctx_of(req)->db);
	if (!current) {
		reply_unavailable(req, "the server is short of memory; try again");
		return;
	}
	char detail[128];
	snprintf(detail, sizeof detail, "the %s was changed since you read it; here is the current record",
		 noun);
	api_etag(req, version);
	http_reply_problem_ext(req, 412, "Precondition Failed", detail, NULL,
			       json_pack("{s:o}", "current", current));
}

int api_commit(http_req *req, int rc)
{
	if (rc == DB_OK)
		rc = db_commit(api_ctx_of(req)->db);
	if (rc == DB_OK)
		return 0;
	api_db_fail(req, rc);
	return -1;
}

void api_write_end(http_req *req, int rc, int status, json_t *out)
{
	/* The answer is written out before the commit, so a change is never
	 * kept without the answer that reports it. */
	char *text = NULL;
	if (rc == DB_OK && out && !(text = oom_json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(6))))
		rc = DB_NOMEM;
	json_decref(out);
	if (api_commit(req, rc) == 0) {
		if (text)
			http_reply_bytes(req, status, "application/json", text, strlen(text));
		else
			http_reply_empty(req, status);
	}
	free(text);
}

int api_audit_as(http_req *req, const char *actor_id, const char *actor, const char *action,
		 const char *record_type, const char *record_id, json_t *detail)
{
	return audit_write(req, actor_id, actor, action, record_type, record_id, NULL, detail,
			   http_req_remote(req));
}

int api_audit_public(http_req *req, const char *action, const char *record_type, const char *record_id,
		     json_t *detail)
{
	return audit_write(req, NULL, "public", action, record_type, record_id, NULL, detail, NULL);
}

int api_audit(http_req *req, const char *action, const char *record_type,
	      const char *record_id, const char *purpose, json_t *detail)
{
	api_ctx *c = api_ctx_of(req);
	return audit_write(req, c->authed ? c->user.id : NULL, c->authed ? c->user.username : NULL,
			   action, record_type, record_id, purpose, detail, http_req_remote(req));
}

int api_sf_reset_pending(http_req *req, const char *user_id, sf_reset_rec *p, char *now)
{
	char at[CLOCK_ISO_LEN];
	clock_now_iso(at);
	if (now)
		memcpy(now, at, sizeof at);
	return store_sf_reset_pending(api_ctx_of(req)->db, user_id, at, p);
}

int api_case_log(http_req *req, const char *case_id, const char *field, const char *value,
		 const char *action, json_t *detail)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_history_add(c->db, "case", case_id, field, NULL, value, c->user.id);
	if (rc != DB_OK) {
		json_decref(detail);
		return rc;
	}
	return api_audit(req, action, "case", case_id, NULL, detail);
}

int api_history_change(http_req *req, json_t *detail, const char *record_type,
		       const char *record_id, const char *field, const char *old_value,
		       const char *new_value)
{
	api_ctx *c = api_ctx_of(req);
	if ((old_value == NULL && new_value == NULL) ||
	    (old_value && new_value && strcmp(old_value, new_value) == 0))
		return DB_OK;
	json_array_append_new(detail, json_string(field));
	return store_history_add(c->db, record_type, record_id, field, old_value, new_value,
				 c->user.id);
}

void api_user_write(jsonw *w, const user_rec *u)
{
	jw_str(w, "id", u->id);
	jw_str(w, "username", u->username);
	jw_str(w, "display_name", u->display_name);
	jw_str(w, "role", u->role);
	jw_obj(w, "org");
	jw_str(w, "id", u->org_id);
	jw_str(w, "name", u->org_name);
	jw_end(w);
	if (u->team_id[0]) {
		jw_obj(w, "team");
		jw_str(w, "id", u->team_id);
		jw_str(w, "name", u->team_name);
		jw_end(w);
	} else {
		jw_null(w, "team");
	}
	jw_bool(w, "disabled", u->disabled);
	jw_bool(w, "locked", api_user_locked(u));
	jw_bool(w, "totp_enabled", u->totp_enabled);
	jw_int(w, "version", u->version);
	jw_str(w, "created_at", u->created_at);
	jw_str(w, "updated_at", u->updated_at);
}

json_t *api_user_json(const user_rec *u)
{
	json_t *team = u->team_id[0] ? json_pack("{s:s, s:s}", "id", u->team_id, "name", u->team_name)
				     : json_null();
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:o, s:b, s:b, s:b, s:I, s:s, s:s}", "id", u->id,
			 "username", u->username, "display_name", u->display_name, "role", u->role, "org", "id",
			 u->org_id, "name", u->org_name, "team", team, "disabled", u->disabled, "locked",
			 api_user_locked(u), "totp_enabled", u->totp_enabled, "version", (json_int_t)u->version,
			 "created_at", u->created_at, "updated_at", u->updated_at);
}

int api_totp_required(db *d, const char *org_id, const char *role_s, int *required)
{
	char value[256];
	role r;
	*required = 1;
	int rc = store_org_totp_roles_get(d, org_id, value, sizeof value);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (role_parse(role_s, &r) == 0)
		*required = role_second_factor_required(rc == DB_ROW ? value : NULL, r);
	return DB_OK;
}

/* ---- the before hook: database, session, CSRF, second factor, role ---- */

static void reply_unauthenticated(http_req *req)
{
	http_reply_problem(req, 401, "Unauthorized", "sign in first", NULL);
}

static int authenticate(http_req *req, api_ctx *c, const http_route *route)
{
	const char *token = http_req_cookie(req, api_session_cookie());
	if (!token || strlen(token) != SECURE_TOKEN_LEN - 1) {
		reply_unauthenticated(req);
		return -1;
	}
	char hash[SECURE_SHA256_HEX];
	secure_sha256_hex(token, strlen(token), hash);
	int rc = store_session_with_user(c->db, hash, &c->session, &c->user);
	if (rc == DB_DONE) {
		reply_unauthenticated(req);
		return -1;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return -1;
	}
	int64_t now = clock_now_ms();
	if (!session_live(c->session.created_ms, c->session.last_seen_ms, now) ||
	    c->user.disabled || role_parse(c->user.role, &c->role) != 0) {
		store_session_delete(c->db, hash);
		reply_unauthenticated(req);
		return -1;
	}
	/* Record use at most once a minute: the idle clock needs no finer grain. */
	if (now - c->session.last_seen_ms > 60 * 1000) {
		rc = store_session_touch(c->db, hash, now);
		if (rc != DB_OK) {
			api_db_fail(req, rc);
			return -1;
		}
	}
	c->authed = 1;
	http_req_set_user(req, c->user.id);
	const char *m = http_req_method(req);
	if (strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0) {
		const char *csrf = http_req_header(req, "X-CSRF-Token");
		if (!csrf || !secure_str_equal(csrf, c->session.csrf_token)) {
			http_reply_problem(req, 403, "Forbidden",
					   "the X-CSRF-Token header is missing or wrong", NULL);
			return -1;
		}
	}
	/* The organisation's setting as it is now, so a change reaches sessions
	 * already open at their next request. */
	c->session.totp_enrolment_pending =
		!c->user.totp_enabled &&
		role_second_factor_required(c->session.totp_roles[0] ? c->session.totp_roles : NULL, c->role);
	if (c->session.totp_enrolment_pending && !(route->flags & API_PENDING_OK)) {
		http_reply_problem(req, 403, "Forbidden",
				   "set up your second factor before using Waymark", NULL);
		return -1;
	}
	c->subject = (access_subject){c->role, c->user.id, c->user.org_id, c->user.team_id};
	/* The one wall: a role that never takes this action on this kind of
	 * record is refused before the handler runs. */
	if (!(route->flags & API_RULED) ||
	    !access_role_may(c->role, API_RULE_KIND(route->flags), API_RULE_ACTION(route->flags))) {
		char detail[128];
		snprintf(detail, sizeof detail, "your role may not %s %s records",
			 access_action_name(API_RULE_ACTION(route->flags)),
			 access_kind_name(API_RULE_KIND(route->flags)));
		http_reply_problem(req, 403, "Forbidden", detail, NULL);
		return -1;
	}
	return 0;
}

/* The purpose a request states (X-Purpose) goes into the audit log: no
 * longer than a note. 0, or -1 having answered 422 naming it. */
static int purpose_fits(http_req *req)
{
	const char *p = http_req_header(req, "X-Purpose");
	if (!p || strlen(p) <= FIELD_NOTE)
		return 0;
	json_t *e = json_array();
	jv_error(e, "X-Purpose", "must be at most 2000 bytes");
	http_reply_problem(req, 422, "Unprocessable Content", "the stated purpose cannot be recorded", e);
	return -1;
}

int api_before(http_req *req, const http_route *route)
{
	api_ctx *c = arena_alloc(http_req_arena(req), sizeof *c);
	if (!c) {
		reply_unavailable(req, "the server is short of memory; try again");
		return -1;
	}
	memset(c, 0, sizeof *c);
	http_req_set_data(req, c);
	if (purpose_fits(req) != 0)
		return -1;
	/* A session lives in the database, so only public routes can do without it. */
	if (!(route->flags & API_NO_DB) || !(route->flags & API_PUBLIC)) {
		int rc = DB_OK;
		c->db = store_pool_get(&rc);
		if (!c->db) {
			http_metrics_db_error();
			reply_unavailable(req, "the database cannot be reached; try again");
			return -1;
		}
	}
	if (route->flags & API_PUBLIC)
		return 0;
	return authenticate(req, c, route);
}

void api_after(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	/* A handler that failed halfway leaves no transaction open for the next request. */
	if (c && c->db)
		db_rollback(c->db);
}
