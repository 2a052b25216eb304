/* Signing in and out, the signed-in user, their password and second factor. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/credentials.h"
#include "domain/totp.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/audit.h"

static const char FAILED[] = "Sign-in failed: check your username and password. After 5 failed "
			     "attempts an account is locked for 15 minutes.";

static char dummy_hash[SECURE_PWHASH_LEN];
static addr_limiter limiter;
static pthread_mutex_t limiter_lock = PTHREAD_MUTEX_INITIALIZER;
static int cookie_secure;
static const seal_key *sealing;

const seal_key *api_seal_key(void)
{
	return sealing;
}

int api_init(const api_options *opt)
{
	cookie_secure = opt->cookie_secure;
	sealing = opt->seal;
	char pw[SECURE_TOKEN_LEN];
	secure_token(pw);
	return secure_password_hash(pw, dummy_hash);
}

void api_cleanup(void)
{
}

const char *api_session_cookie(void)
{
	/* Under TLS the __Host- prefix makes the browser refuse the cookie unless
	 * it is Secure, for this host only (no Domain) and for Path=/, so a
	 * neighbouring host or a plain-HTTP page cannot plant or shadow it. */
	return cookie_secure ? "__Host-wm_session" : "wm_session";
}

static void set_cookie(http_req *req, const char *token)
{
	char c[192];
	snprintf(c, sizeof c, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", api_session_cookie(),
		 token, cookie_secure ? "; Secure" : "");
	http_reply_header(req, "Set-Cookie", c);
}

static void clear_cookie(http_req *req)
{
	char c[160];
	snprintf(c, sizeof c, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
		 api_session_cookie(), cookie_secure ? "; Secure" : "");
	http_reply_header(req, "Set-Cookie", c);
}

static void limiter_fail(http_req *req)
{
	pthread_mutex_lock(&limiter_lock);
	addr_limiter_fail(&limiter, http_req_remote(req), clock_now_ms());
	pthread_mutex_unlock(&limiter_lock);
}

/* Records a failed sign-in: the count, a lockout at the fifth, the audit
 * entries, all in one transaction. Replies 401 (or the database error). */
static void sign_in_failed(http_req *req, user_rec *u, const char *attempted, const char *why,
			   int totp_step)
{
	api_ctx *c = api_ctx_of(req);
	limiter_fail(req);
	int rc = db_begin(c->db);
	if (rc == DB_OK && u) {
		int failures = 0;
		rc = store_user_login_failed(c->db, u->id, &failures);
		int64_t until = rc == DB_OK ? lockout_until(failures, clock_now_ms()) : 0;
		if (until) {
			clock_iso(until, u->locked_until);
			rc = store_user_lock(c->db, u->id, u->locked_until);
			if (rc == DB_OK)
				rc = api_audit_as(req, u->id, u->username, "lockout", "user", u->id,
						  json_pack("{s:s}", "locked_until",
							    u->locked_until));
		}
	}
	if (rc == DB_OK)
		rc = api_audit_as(req, u ? u->id : NULL, attempted, "login_failed",
				  u ? "user" : NULL, u ? u->id : NULL,
				  json_pack("{s:s}", "reason", why));
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *ext = totp_step ? json_pack("{s:b}", "totp_required", 1) : NULL;
	http_reply_problem_ext(req, 401, "Unauthorized",
			       totp_step ? "Enter the 6-digit code from your authenticator app, "
					   "or a recovery code."
					 : FAILED,
			       NULL, ext);
}

/* Checks a code against the user's sealed secret: the step it belongs to, or 0. */
static int64_t check_sealed(const user_rec *u, const char *code)
{
	char *secret = seal_decrypt(api_seal_key(), u->totp_secret);
	if (!secret)
		return 0;
	int64_t step = totp_check(secret, code, clock_now_ms() / 1000, u->totp_last_step);
	sodium_memzero(secret, strlen(secret));
	free(secret);
	return step;
}

static int second_factor_ok(http_req *req, user_rec *u, const char *totp)
{
	api_ctx *c = api_ctx_of(req);
	if (strlen(totp) == 6) {
		int64_t step = check_sealed(u, totp);
		/* The conditional update makes a code single-use even under a race. */
		return step > 0 && store_user_totp_step(c->db, u->id, step) == DB_OK;
	}
	char code[RECOVERY_CODE_LEN], hash[SECURE_SHA256_HEX];
	if (recovery_code_normalise(totp, code) != 0)
		return 0;
	secure_sha256_hex(code, strlen(code), hash);
	return store_recovery_use(c->db, u->id, hash) == DB_OK;
}

void api_session_create(http_req *req)
{
	static const jv_field fields[] = {
		{"username", JV_STRING, 1, 256},
		{"password", JV_STRING, 1, PASSWORD_MAX_BYTES},
		{"totp", JV_STRING, 0, 32},
	};
	api_ctx *c = api_ctx_of(req);
	pthread_mutex_lock(&limiter_lock);
	int wait = addr_limiter_wait(&limiter, http_req_remote(req), clock_now_ms());
	pthread_mutex_unlock(&limiter_lock);
	if (wait > 0) {
		char ra[16];
		snprintf(ra, sizeof ra, "%d", wait);
		http_reply_header(req, "Retry-After", ra);
		http_reply_problem(req, 429, "Too Many Requests",
				   "too many failed sign-ins from this address; wait and try again",
				   NULL);
		return;
	}
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	const char *username = jv_str(body, "username");
	const char *password = jv_str(body, "password");
	const char *totp = jv_str(body, "totp");
	user_rec u;
	int rc = store_user_by_name(c->db, username, &u);
	if (rc != DB_ROW && rc != DB_DONE) {
		json_decref(body);
		api_db_fail(req, rc);
		return;
	}
	int found = rc == DB_ROW;
	/* Unknown users cost the same argon2id verification as known ones. */
	int pw_ok = secure_password_verify(found ? u.password_hash : dummy_hash, password);
	int64_t now = clock_now_ms(), until = 0;
	int locked = found && u.locked_until[0] && clock_parse_iso(u.locked_until, &until) == 0 &&
		     until > now;
	if (!found || !pw_ok || locked || u.disabled) {
		const char *why = !found ? "unknown user"
				  : locked ? "account locked"
				  : u.disabled ? "account disabled"
					       : "wrong password";
		sign_in_failed(req, (found && !locked && !u.disabled) ? &u : NULL, username, why, 0);
		json_decref(body);
		return;
	}
	if (u.totp_enabled) {
		if (!totp || !totp[0]) {
			json_decref(body);
			http_reply_problem_ext(req, 401, "Unauthorized",
					       "Enter the 6-digit code from your authenticator app, "
					       "or a recovery code.",
					       NULL, json_pack("{s:b}", "totp_required", 1));
			return;
		}
		if (!second_factor_ok(req, &u, totp)) {
			sign_in_failed(req, &u, username, "wrong second factor", 1);
			json_decref(body);
			return;
		}
	}
	int must_enrol = 0;
	if ((rc = api_totp_required(c->db, u.role, &must_enrol)) != DB_OK) {
		json_decref(body);
		api_db_fail(req, rc);
		return;
	}
	char pwhash[SECURE_PWHASH_LEN];
	int rehash = secure_password_needs_rehash(u.password_hash) &&
		     secure_password_hash(password, pwhash) == 0;
	json_decref(body);

	char token[SECURE_TOKEN_LEN];
	session_rec s = {0};
	secure_token(token);
	secure_sha256_hex(token, strlen(token), s.token_hash);
	snprintf(s.user_id, sizeof s.user_id, "%s", u.id);
	secure_token(s.csrf_token);
	s.created_ms = now;
	s.totp_enrolment_pending = must_enrol && !u.totp_enabled;
	if ((rc = db_begin(c->db)) == DB_OK)
		rc = store_user_login_ok(c->db, u.id, rehash ? pwhash : NULL);
	if (rc == DB_OK)
		rc = store_session_insert(c->db, &s);
	if (rc == DB_OK) {
		c->authed = 1;
		c->user = u;
		rc = api_audit(req, "login", "user", u.id, NULL,
			       json_pack("{s:b}", "second_factor", u.totp_enabled));
	}
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_req_set_user(req, u.id);
	set_cookie(req, token);
	http_reply_json(req, 201,
			json_pack("{s:o, s:s, s:b}", "user", api_user_json(&u), "csrf_token",
				  s.csrf_token, "totp_enrolment_required",
				  s.totp_enrolment_pending));
}

void api_session_delete(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_session_delete(c->db, c->session.token_hash);
	if (rc == DB_OK)
		rc = api_audit(req, "logout", "user", c->user.id, NULL, NULL);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	clear_cookie(req);
	http_reply_empty(req, 204);
}

void api_me(http_req *req)
{
	/* The hottest authenticated answer: written straight into a buffer. */
	api_ctx *c = api_ctx_of(req);
	buf b;
	buf_init(&b);
	jsonw w;
	jw_begin(&w, &b);
	jw_obj(&w, "user");
	api_user_write(&w, &c->user);
	jw_end(&w);
	jw_str(&w, "csrf_token", c->session.csrf_token);
	jw_bool(&w, "totp_enrolment_required", c->session.totp_enrolment_pending);
	jw_end(&w);
	if (b.failed)
		api_db_fail(req, DB_NOMEM);
	else
		http_reply_bytes(req, 200, "application/json", b.data, b.len);
	buf_free(&b);
}

void api_me_password(http_req *req)
{
	static const jv_field fields[] = {
		{"current_password", JV_STRING, 1, PASSWORD_MAX_BYTES},
		{"new_password", JV_STRING, 1, 4 * PASSWORD_MAX_BYTES},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	user_rec u;
	int rc = store_user_by_id(c->db, c->user.id, &u);
	if (rc != DB_ROW) {
		json_decref(body);
		api_db_fail(req, rc == DB_DONE ? DB_ERR : rc);
		return;
	}
	json_t *errors = json_array();
	if (!secure_password_verify(u.password_hash, jv_str(body, "current_password")))
		jv_error(errors, "current_password", "is not your current password");
	const char *problem = password_problem(jv_str(body, "new_password"), u.username);
	if (problem)
		jv_error(errors, "new_password", problem);
	if (api_reject(req, body, errors))
		return;
	rc = secure_password_hash(jv_str(body, "new_password"), u.password_hash) == 0 ? DB_OK
										  : DB_NOMEM;
	json_decref(body);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_user_update(c->db, &u);
	if (rc == DB_DONE)
		rc = DB_BUSY;
	/* Every session ends, this one too: whoever knew the old password is out. */
	if (rc == DB_OK)
		rc = store_session_delete_user(c->db, u.id);
	if (rc == DB_OK)
		rc = api_audit(req, "password_changed", "user", u.id, NULL, NULL);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	clear_cookie(req);
	http_reply_empty(req, 204);
}

void api_me_totp_start(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	user_rec u;
	int rc = store_user_by_id(c->db, c->user.id, &u);
	if (rc != DB_ROW) {
		api_db_fail(req, rc == DB_DONE ? DB_ERR : rc);
		return;
	}
	if (u.totp_enabled) {
		http_reply_problem(req, 409, "Conflict",
				   "a second factor is already set up; ask an administrator to "
				   "reset it",
				   NULL);
		return;
	}
	unsigned char raw[TOTP_SECRET_BYTES];
	char secret[TOTP_SECRET_B32];
	randombytes_buf(raw, sizeof raw);
	totp_secret_b32(raw, secret);
	sodium_memzero(raw, sizeof raw);
	char uri[512];
	totp_uri("Waymark", u.username, secret, uri, sizeof uri);
	/* The secret is sealed at rest like any other sensitive field. */
	char *sealed = seal_encrypt(api_seal_key(), secret);
	rc = sealed && strlen(sealed) < sizeof u.totp_secret ? DB_OK : DB_NOMEM;
	if (rc == DB_OK)
		snprintf(u.totp_secret, sizeof u.totp_secret, "%s", sealed);
	free(sealed);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_user_update(c->db, &u);
	if (rc == DB_DONE)
		rc = DB_BUSY;
	if (rc == DB_OK)
		rc = api_audit(req, "totp_enrolment_started", "user", u.id, NULL, NULL);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		sodium_memzero(secret, sizeof secret);
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 201, json_pack("{s:s, s:s}", "secret", secret, "otpauth_uri", uri));
	sodium_memzero(secret, sizeof secret);
}

void api_me_totp_confirm(http_req *req)
{
	static const jv_field fields[] = {{"code", JV_STRING, 1, 16}};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	user_rec u;
	int rc = store_user_by_id(c->db, c->user.id, &u);
	if (rc != DB_ROW) {
		json_decref(body);
		api_db_fail(req, rc == DB_DONE ? DB_ERR : rc);
		return;
	}
	if (u.totp_enabled || !u.totp_secret[0]) {
		json_decref(body);
		http_reply_problem(req, 409, "Conflict",
				   u.totp_enabled ? "a second factor is already set up"
						  : "start enrolment first (POST /api/v1/me/totp)",
				   NULL);
		return;
	}
	int64_t step = check_sealed(&u, jv_str(body, "code"));
	json_decref(body);
	if (step == 0) {
		json_t *errors = json_array();
		jv_error(errors, "code", "does not match: enter the current 6-digit code");
		api_invalid(req, errors);
		return;
	}
	u.totp_enabled = 1;
	u.totp_last_step = step;
	char codes[RECOVERY_CODES][RECOVERY_CODE_LEN];
	char hashes[RECOVERY_CODES][SECURE_SHA256_HEX];
	const char *hp[RECOVERY_CODES];
	json_t *list = json_array();
	for (int i = 0; i < RECOVERY_CODES; i++) {
		unsigned char rnd[10];
		randombytes_buf(rnd, sizeof rnd);
		recovery_code_format(rnd, codes[i]);
		secure_sha256_hex(codes[i], strlen(codes[i]), hashes[i]);
		hp[i] = hashes[i];
		json_array_append_new(list, json_string(codes[i]));
	}
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_user_update(c->db, &u);
	if (rc == DB_DONE)
		rc = DB_BUSY;
	if (rc == DB_OK)
		rc = store_recovery_replace(c->db, u.id, hp, RECOVERY_CODES);
	if (rc == DB_OK)
		rc = store_session_clear_pending(c->db, c->session.token_hash);
	if (rc == DB_OK)
		rc = api_audit(req, "totp_enabled", "user", u.id, NULL, NULL);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		json_decref(list);
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:o}", "recovery_codes", list));
}
