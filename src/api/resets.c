/* An administrator never sets or learns a password that lets them act as
 * someone else. They make a one-time link that the account holder follows to
 * choose a password (and, where the holder has a second factor, the link
 * asks for it); clearing a second factor takes a second administrator. Each
 * step is audited, and the holder is told at their next sign-in. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/credentials.h"
#include "domain/notices.h"
#include "domain/resets.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/notices.h"
#include "store/resets.h"

int api_password_link_issue(http_req *req, const char *user_id, int first, char url[API_LINK_URL_LEN],
			    char expires_at[32])
{
	api_ctx *c = api_ctx_of(req);
	char token[SECURE_TOKEN_LEN], hash[SECURE_SHA256_HEX];
	secure_token(token);
	secure_sha256_hex(token, strlen(token), hash);
	reset_rec r = {0};
	snprintf(r.user_id, sizeof r.user_id, "%s", user_id);
	memcpy(r.created_by, c->user.id, sizeof r.created_by);
	clock_iso(clock_now_ms() + RESET_LINK_MS, r.expires_at);
	r.first = first;
	/* Issuing revokes any older link of the account. */
	int rc = store_reset_issue(c->db, &r, hash);
	if (rc == DB_OK)
		rc = api_audit(req, "password_reset_issued", "user", user_id, NULL,
		               json_pack("{s:s, s:s}", "link", r.id, "expires_at", r.expires_at));
	/* The token rides in the fragment, which browsers never send to a server. */
	snprintf(url, API_LINK_URL_LEN, "/reset-password#token=%s", token);
	sodium_memzero(token, sizeof token);
	snprintf(expires_at, 32, "%s", r.expires_at);
	return rc;
}

void api_users_password_reset(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	user_rec u;
	if (api_user_load(req, ACT_ADMINISTER, &u) != 0)
		return;
	char url[API_LINK_URL_LEN], expires_at[32];
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = api_password_link_issue(req, u.id, 0, url, expires_at);
	if (rc == DB_OK)
		rc = store_notice_add(c->db, u.id, NOTICE_RESET_ISSUED, c->user.display_name);
	api_write_end(req, rc, 201,
		      rc == DB_OK ? json_pack("{s:s, s:s}", "reset_url", url, "expires_at", expires_at) : NULL);
	sodium_memzero(url, sizeof url);
}

/* Every link that cannot be used gets this one answer, whether it was never
 * issued, used, replaced, burnt or expired: nothing tells them apart. */
static void reply_gone(http_req *req)
{
	api_refuse(
	    req, 410, "Gone",
	    "this link cannot be used: it may have been used already, replaced by a newer one "
	    "or expired; ask an administrator for a new link");
}

/* The answer of a one-row read for a link: 0 when it found the row;
 * otherwise replies (410 for none, else the error) and returns -1. */
static int found_or_gone(http_req *req, int rc)
{
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		reply_gone(req);
	else
		api_db_fail(req, rc);
	return -1;
}

/* Finds the live link of the token and its account. Returns 0, or replies
 * (410, after auditing a try of a link that exists but is spent; 503) and
 * returns -1. */
static int live_link(http_req *req, const char *token, reset_rec *r, user_rec *u)
{
	api_ctx *c = api_ctx_of(req);
	if (strlen(token) != SECURE_TOKEN_LEN - 1) {
		reply_gone(req);
		return -1;
	}
	char hash[SECURE_SHA256_HEX];
	secure_sha256_hex(token, strlen(token), hash);
	int rc = store_reset_find(c->db, hash, r);
	if (found_or_gone(req, rc) != 0)
		return -1;
	reset_state st = reset_state_of(r->used, r->revoked, r->expires_at, clock_now_ms());
	if (st != RESET_LIVE) {
		rc = db_begin(c->db);
		if (rc == DB_OK)
			rc = api_audit_as(
			    req, NULL, NULL,
			    st == RESET_EXPIRED ? "password_reset_expired_try"
			                        : "password_reset_spent_try",
			    "user", r->user_id,
			    json_pack("{s:s, s:s}", "link", r->id, "state", reset_state_name(st)));
		if (api_commit(req, rc) == 0)
			reply_gone(req);
		return -1;
	}
	return found_or_gone(req, store_user_by_id(c->db, r->user_id, u));
}

void api_password_reset_lookup(http_req *req)
{
	static const jv_field fields[] = {{"token", JV_STRING, 1, 64}};
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	reset_rec r;
	user_rec u;
	int rc = live_link(req, jv_str(body, "token"), &r, &u);
	if (rc != 0)
		return;
	http_reply_json(req, 200,
	                json_pack("{s:s, s:s, s:s, s:b}", "username", u.username, "display_name",
	                          u.display_name, "expires_at", r.expires_at, "second_factor",
	                          u.totp_enabled));
}

/* Counts a wrong code against the link, burning it at the limit, and
 * replies 422 (or 410 once burnt). */
static void wrong_code(http_req *req, const reset_rec *r, const user_rec *u)
{
	api_ctx *c = api_ctx_of(req);
	int count = 0;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_reset_wrong_code(c->db, r->id, RESET_WRONG_CODES, &count);
	if (rc == DB_OK)
		rc = api_audit_as(req, u->id, u->username, "password_reset_wrong_code", "user",
		                  u->id,
		                  json_pack("{s:s, s:i, s:b}", "link", r->id, "wrong_codes", count,
		                            "burnt", count >= RESET_WRONG_CODES));
	if (api_commit(req, rc) != 0)
		return;
	if (count >= RESET_WRONG_CODES) {
		reply_gone(req);
		return;
	}
	json_t *errors = json_array();
	jv_error(errors, "totp",
	         "does not match: enter the current 6-digit code, or one of your recovery codes");
	http_reply_problem_ext(req, 422, "Unprocessable Content", "the security code is not right",
	                       errors, json_pack("{s:b}", "totp_required", 1));
}

void api_password_reset_redeem(http_req *req)
{
	static const jv_field fields[] = {
	    {"token", JV_STRING, 1, 64},
	    {"password", JV_STRING, 1, 4 * PASSWORD_MAX_BYTES},
	    {"totp", JV_STRING, 0, 32},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	reset_rec r;
	user_rec u;
	if (live_link(req, jv_str(body, "token"), &r, &u) != 0) {
		return;
	}
	const char *password = jv_str(body, "password");
	const char *totp = jv_str(body, "totp");
	/* Judged as every new password is: the length rules, then the dictionary. */
	char why[256];
	const char *problem = api_password_problem(password, u.username, why, sizeof why);
	if (problem) {
		json_t *errors = json_array();
		jv_error(errors, "password", problem);
		api_invalid(req, errors);
		return;
	}
	/* Handing over the link does not hand over an account with a second factor. */
	if (u.totp_enabled && (!totp || !totp[0])) {
		json_t *errors = json_array();
		jv_error(errors, "totp",
		         "enter the 6-digit code from your authenticator app, or a recovery code");
		http_reply_problem_ext(req, 422, "Unprocessable Content",
		                       "this account has a second factor", errors,
		                       json_pack("{s:b}", "totp_required", 1));
		return;
	}
	if (u.totp_enabled && !api_second_factor_ok(req, &u, totp)) {
		wrong_code(req, &r, &u);
		return;
	}
	char pwhash[SECURE_PWHASH_LEN];
	int rc = secure_password_hash(password, pwhash) == 0 ? DB_OK : DB_NOMEM;
	/* The notice names who made the link. */
	user_rec issuer;
	const char *actor = NULL;
	if (rc == DB_OK && r.created_by[0]) {
		rc = store_user_by_id(c->db, r.created_by, &issuer);
		actor = rc == DB_ROW ? issuer.display_name : NULL;
		rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
	}
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	/* Burnt here, conditionally: of two racing uses only one gets through. */
	if (rc == DB_OK && (rc = store_reset_use(c->db, r.id, now)) == DB_DONE) {
		reply_gone(req);
		return;
	}
	if (rc == DB_OK)
		rc = store_user_set_password(c->db, u.id, pwhash);
	if (rc == DB_DONE)
		rc = DB_ERR;
	if (rc == DB_OK)
		rc = store_session_delete_user(c->db, u.id);
	/* A holder choosing their first password is not told it was reset. */
	if (rc == DB_OK && !r.first)
		rc = store_notice_add(c->db, u.id, NOTICE_PASSWORD_RESET, actor);
	if (rc == DB_OK)
		rc = api_audit_as(
		    req, u.id, u.username, "password_reset_used", "user", u.id,
		    json_pack("{s:s, s:b}", "link", r.id, "second_factor", u.totp_enabled));
	sodium_memzero(pwhash, sizeof pwhash);
	api_write_end(req, rc, 204, NULL);
}

void api_users_sf_reset_request(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	user_rec u;
	if (api_user_load(req, ACT_ADMINISTER, &u) != 0)
		return;
	if (!u.totp_enabled) {
		http_reply_problem(req, 409, "Conflict",
		                   "this account has no second factor to clear", NULL);
		return;
	}
	sf_reset_rec p;
	int rc = api_sf_reset_pending(req, u.id, &p, NULL);
	if (rc == DB_ROW) {
		http_reply_problem(req, 409, "Conflict",
		                   "a request to clear this second factor is already waiting for a "
		                   "second administrator",
		                   NULL);
		return;
	}
	if (rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	sf_reset_rec q = {0};
	memcpy(q.user_id, u.id, sizeof q.user_id);
	memcpy(q.requested_by, c->user.id, sizeof q.requested_by);
	clock_iso(clock_now_ms() + SECOND_FACTOR_RESET_MS, q.expires_at);
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_sf_reset_request(c->db, &q);
	if (rc == DB_OK)
		rc = store_notice_add(c->db, u.id, NOTICE_SECOND_FACTOR_REQUESTED,
		                      c->user.display_name);
	if (rc == DB_OK)
		rc =
		    api_audit(req, "second_factor_reset_requested", "user", u.id, NULL,
		              json_pack("{s:s, s:s}", "request", q.id, "expires_at", q.expires_at));
	api_write_end(req, rc, 201,
	                rc != DB_OK ? NULL : json_pack("{s:s, s:{s:s, s:s}, s:s, s:s}", "id", q.id, "requested_by", "id",
	                          c->user.id, "name", c->user.display_name, "requested_at",
	                          q.requested_at, "expires_at", q.expires_at));
}

void api_users_sf_reset_approve(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	user_rec u;
	if (api_user_load(req, ACT_DECIDE, &u) != 0)
		return;
	char now[CLOCK_ISO_LEN];
	sf_reset_rec p;
	int rc = api_sf_reset_pending(req, u.id, &p, now);
	if (rc == DB_DONE) {
		http_reply_problem(
		    req, 409, "Conflict",
		    "no request to clear this account's second factor is waiting for approval",
		    NULL);
		return;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return;
	}
	if (strcmp(p.requested_by, c->user.id) == 0) {
		http_reply_problem(
		    req, 403, "Forbidden",
		    "you asked for this reset: a second administrator must approve it", NULL);
		return;
	}
	char both[300];
	snprintf(both, sizeof both, "%s and %s", p.requested_by_name, c->user.display_name);
	rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_sf_reset_approve(c->db, p.id, c->user.id, now)) == DB_DONE) {
		api_conflict(req, "the request was approved meanwhile");
		return;
	}
	if (rc == DB_OK)
		rc = store_user_clear_second_factor(c->db, u.id);
	if (rc == DB_DONE)
		rc = DB_ERR;
	if (rc == DB_OK)
		rc = store_recovery_replace(c->db, u.id, NULL, 0);
	if (rc == DB_OK)
		rc = store_session_delete_user(c->db, u.id);
	if (rc == DB_OK)
		rc = store_notice_add(c->db, u.id, NOTICE_SECOND_FACTOR_CLEARED, both);
	if (rc == DB_OK)
		rc = api_audit(req, "second_factor_reset_approved", "user", u.id, NULL,
		               json_pack("{s:s, s:s, s:s}", "request", p.id, "requested_by",
		                         p.requested_by, "requested_by_name", p.requested_by_name));
	if (rc == DB_OK && (rc = store_user_by_id(c->db, u.id, &u)) == DB_ROW)
		rc = DB_OK;
	if (rc == DB_OK)
		api_etag(req, u.version);
	api_write_end(req, rc, 200, rc == DB_OK ? api_user_json(&u) : NULL);
}
