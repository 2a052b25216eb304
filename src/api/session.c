/* Signing in and out, the signed-in user, their password and second factor. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/credentials.h"
#include "domain/totp.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/pwquality.h"
#include "lib/qr.h"
#include "lib/secure.h"
#include "store/audit.h"
#include "store/buckets.h"
#include "store/sign_in.h"
#include "store/notices.h"

static const char FAILED[] = "Sign-in failed: check your username and password. After 3 failed "
			     "tries, each next try must wait longer than the last.";
static const char REFUSED[] =
	"This account has had too many failed sign-ins, so it now accepts them only from a "
	"browser that has signed in to it before. Use one of those, or ask an administrator to "
	"reset your password.";

static char dummy_hash[SECURE_PWHASH_LEN];
static int cookie_secure;
static int account_limit = SIGN_IN_ACCOUNT_LIMIT;
static const seal_key *sealing;

/* Each role's "may" list as JSON, built from the access table when the
 * server starts: the table is fixed at build time, and /api/v1/me is the
 * hottest answer. */
static char *may_json[ROLE_COUNT];
static int may_build(void);

const seal_key *api_seal_key(void)
{
	return sealing;
}

int api_init(const api_options *opt)
{
	cookie_secure = opt->cookie_secure;
	sealing = opt->seal;
	if (opt->sign_in_limit >= 1 && opt->sign_in_limit <= SIGN_IN_ACCOUNT_LIMIT)
		account_limit = opt->sign_in_limit;
	if (may_build() != 0)
		return -1;
	char pw[SECURE_TOKEN_LEN];
	secure_token(pw);
	return secure_password_hash(pw, dummy_hash);
}

void api_cleanup(void)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		free(may_json[r]);
		may_json[r] = NULL;
	}
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

/* The remembered-device cookie: __Host- under TLS, like the session's. */
static const char *device_cookie_name(void)
{
	return cookie_secure ? "__Host-wm_device" : "wm_device";
}

static void set_device_cookie(http_req *req, const char *token)
{
	char c[224];
	snprintf(c, sizeof c, "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
		 device_cookie_name(), token, (long long)(DEVICE_REMEMBER_MS / 1000),
		 cookie_secure ? "; Secure" : "");
	http_reply_header(req, "Set-Cookie", c);
}

const char *api_password_problem(const char *pw, const char *username, char *why, size_t n)
{
	const char *p = password_problem(pw, username);
	if (p)
		return p;
	int weak = pwq_weak(pw, username, why, n);
	if (weak < 0)
		return "could not be checked just now; try again";
	return weak ? why : NULL;
}

int api_user_locked(const user_rec *u)
{
	return sign_in_account_refused(u->failed_logins, account_limit);
}

/* One sign-in try: who it names, where it comes from, and what it cost. */
typedef struct sign_in_try {
	const char *addr;
	char username[257];       /* as tried */
	user_rec *u;              /* NULL when no such account */
	int remembered;           /* the browser signed in to this account before */
	char device_hash[SECURE_SHA256_HEX];
	char source[64];          /* whose failures delay it: the address, or the
				     remembered browser */
	int guessed;              /* it was refused or its password was wrong */
	int given_back;           /* its address try went back with the sign-in */
} sign_in_try;

/* Whether the browser's wm_device cookie names it as one that signed in to
 * the account before. Returns DB_OK or a database error. */
static int device_check(http_req *req, sign_in_try *t)
{
	api_ctx *c = api_ctx_of(req);
	const char *token = http_req_cookie(req, device_cookie_name());
	if (!t->u || !token || !token[0] || strlen(token) >= SECURE_TOKEN_LEN)
		return DB_OK;
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	secure_sha256_hex(token, strlen(token), t->device_hash);
	int rc = store_sign_in_device_known(c->db, t->u->id, t->device_hash, now);
	t->remembered = rc == DB_ROW;
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

/* Replies 429 with Retry-After and a detail that says how long to wait. */
static void reply_wait(http_req *req, const char *what, int64_t wait_ms)
{
	long long secs = (long long)((wait_ms + 999) / 1000);
	char ra[24], detail[192];
	snprintf(ra, sizeof ra, "%lld", secs);
	snprintf(detail, sizeof detail, "Too many failed sign-ins %s: wait %lld second%s and try again.",
		 what, secs, secs == 1 ? "" : "s");
	http_reply_header(req, "Retry-After", ra);
	http_reply_problem(req, 429, "Too Many Requests", detail, NULL);
}

/* Refuses a try before its password is checked: audited, then 429 saying
 * how long to wait (wait_ms) or, when waiting does not help, why (detail). */
static void refuse(http_req *req, sign_in_try *t, const char *why, int64_t wait_ms,
		   const char *detail)
{
	t->guessed = 1;
	int rc = api_audit_as(req, t->u ? t->u->id : NULL, t->username, "login_failed",
			      t->u ? "user" : NULL, t->u ? t->u->id : NULL,
			      json_pack("{s:s}", "reason", why));
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	if (wait_ms > 0)
		reply_wait(req, t->remembered ? "to this account from this browser"
					      : "to this account from this address",
			   wait_ms);
	else
		http_reply_problem(req, 429, "Too Many Requests", detail, NULL);
}

/* The throttles a try meets before its password is checked: the delay of
 * its account and source, and the account-wide limit for a browser the
 * account does not know. A remembered browser is its own source, so that
 * failures made by others at its address (a NAT, a proxy) do not delay it.
 * Returns 0 to go on, or -1 having replied. */
static int throttled(http_req *req, sign_in_try *t)
{
	api_ctx *c = api_ctx_of(req);
	int rc = device_check(req, t);
	if (t->remembered)
		snprintf(t->source, sizeof t->source, "device:%.32s", t->device_hash);
	else
		snprintf(t->source, sizeof t->source, "%s", t->addr);
	int failures = 0;
	int64_t last = 0;
	if (rc == DB_OK)
		rc = store_sign_in_pair_get(c->db, t->username, t->source, &failures, &last);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	int64_t wait = sign_in_wait_ms(failures, last, clock_now_ms());
	if (wait > 0) {
		refuse(req, t, "delayed", wait, NULL);
		return -1;
	}
	if (t->u && !t->remembered && sign_in_account_refused(t->u->failed_logins, account_limit)) {
		refuse(req, t, "account limit", 0, REFUSED);
		return -1;
	}
	return 0;
}

/* Records a failed sign-in in one transaction: the pair's count (and the
 * start of its delays), the account's count unless the browser is
 * remembered (and the limit when it is reached), the audit entries. counts
 * says whether the failure is the account's (not for a disabled account).
 * Replies 401 (or the database error). */
static void sign_in_failed(http_req *req, sign_in_try *t, int counts, const char *why,
			   int totp_step)
{
	api_ctx *c = api_ctx_of(req);
	user_rec *u = counts ? t->u : NULL;
	t->guessed = 1;
	int64_t now_ms = clock_now_ms();
	char now[CLOCK_ISO_LEN], forget[CLOCK_ISO_LEN];
	clock_iso(now_ms, now);
	clock_iso(sign_in_forget_before(now_ms), forget);
	int pair = 0;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_sign_in_pair_fail(c->db, t->username, t->source, now, forget, &pair);
	if (rc == DB_OK && pair == SIGN_IN_FREE_FAILURES)
		rc = api_audit_as(req, u ? u->id : NULL, t->username, "sign_in_delayed",
				  u ? "user" : NULL, u ? u->id : NULL,
				  json_pack("{s:i, s:I}", "failures", pair, "delay_s",
					    (json_int_t)(sign_in_delay_ms(pair) / 1000)));
	if (rc == DB_OK && u && !t->remembered) {
		int failures = 0;
		rc = store_user_login_failed(c->db, u->id, &failures);
		if (rc == DB_OK && sign_in_account_refused(failures, account_limit) &&
		    !sign_in_account_refused(failures - 1, account_limit))
			rc = api_audit_as(req, u->id, u->username, "sign_in_limit_reached", "user",
					  u->id, json_pack("{s:i}", "failures", failures));
	}
	if (rc == DB_OK)
		rc = api_audit_as(req, u ? u->id : NULL, t->username, "login_failed",
				  u ? "user" : NULL, u ? u->id : NULL,
				  json_pack("{s:s, s:b}", "reason", why, "remembered_browser",
					    t->remembered));
	if (api_commit(req, rc) != 0)
		return;
	json_t *ext = totp_step ? json_pack("{s:b}", "totp_required", 1) : NULL;
	http_reply_problem_ext(req, 401, "Unauthorized",
			       totp_step ? "Enter the 6-digit code from your authenticator app, "
					   "or a recovery code."
					 : FAILED,
			       NULL, ext);
}

/* After a right password, in the sign-in's transaction: forgets the pair's
 * failures and remembers the browser under a new token (replacing its old
 * one), written to token for the cookie. */
static int sign_in_remember(http_req *req, sign_in_try *t, char token[SECURE_TOKEN_LEN])
{
	api_ctx *c = api_ctx_of(req);
	int64_t now_ms = clock_now_ms();
	char now[CLOCK_ISO_LEN], expires[CLOCK_ISO_LEN], hash[SECURE_SHA256_HEX];
	clock_iso(now_ms, now);
	clock_iso(now_ms + DEVICE_REMEMBER_MS, expires);
	secure_token(token);
	secure_sha256_hex(token, strlen(token), hash);
	int rc = store_sign_in_pair_clear(c->db, t->username, t->source);
	if (rc == DB_OK)
		rc = store_sign_in_device_add(c->db, t->u->id, hash,
					      t->remembered ? t->device_hash : NULL, now, expires);
	return rc;
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

int api_second_factor_ok(http_req *req, user_rec *u, const char *totp)
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

/* Signs in with the try's token from the address bucket held; marks the
 * try guessed when it was refused or its password (or code) was wrong. */
static void sign_in(http_req *req, sign_in_try *t)
{
	static const jv_field fields[] = {
		{"username", JV_STRING, 1, 256},
		{"password", JV_STRING, 1, PASSWORD_MAX_BYTES},
		{"totp", JV_STRING, 0, 32},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	const char *username = jv_str(body, "username");
	const char *password = jv_str(body, "password");
	const char *totp = jv_str(body, "totp");
	user_rec u;
	int rc = store_user_by_name(c->db, username, &u);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	int found = rc == DB_ROW;
	snprintf(t->username, sizeof t->username, "%s", username);
	t->u = found ? &u : NULL;
	/* A throttled try is refused before its password is checked. */
	if (throttled(req, t) != 0) {
		return;
	}
	/* Unknown users cost the same argon2id verification as known ones. */
	int pw_ok = secure_password_verify(found ? u.password_hash : dummy_hash, password);
	int64_t now = clock_now_ms();
	if (!found || !pw_ok || u.disabled) {
		const char *why = !found ? "unknown user"
				  : u.disabled ? "account disabled"
					       : "wrong password";
		sign_in_failed(req, t, found && !u.disabled, why, 0);
		return;
	}
	if (u.totp_enabled) {
		if (!totp || !totp[0]) {
			http_reply_problem_ext(req, 401, "Unauthorized",
					       "Enter the 6-digit code from your authenticator app, "
					       "or a recovery code.",
					       NULL, json_pack("{s:b}", "totp_required", 1));
			return;
		}
		if (!api_second_factor_ok(req, &u, totp)) {
			sign_in_failed(req, t, 1, "wrong second factor", 1);
			return;
		}
	}
	int must_enrol = 0;
	if ((rc = api_totp_required(c->db, u.org_id, u.role, &must_enrol)) != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	char pwhash[SECURE_PWHASH_LEN];
	int rehash = secure_password_needs_rehash(u.password_hash) &&
		     secure_password_hash(password, pwhash) == 0;

	char token[SECURE_TOKEN_LEN], device[SECURE_TOKEN_LEN];
	session_rec s = {0};
	secure_token(token);
	secure_sha256_hex(token, strlen(token), s.token_hash);
	snprintf(s.user_id, sizeof s.user_id, "%s", u.id);
	secure_token(s.csrf_token);
	s.created_ms = now;
	s.totp_enrolment_pending = must_enrol && !u.totp_enabled;
	json_t *notices = NULL;
	if ((rc = db_begin(c->db)) == DB_OK)
		rc = store_user_login_ok(c->db, u.id, rehash ? pwhash : NULL);
	/* The holder is told what was done to their account since: the notices
	 * count as seen once this sign-in delivers them, and /me repeats them
	 * for the session. */
	if (rc == DB_OK)
		rc = store_notice_deliver(c->db, u.id, s.token_hash, &s.notices);
	if (rc == DB_OK)
		rc = sign_in_remember(req, t, device);
	if (rc == DB_OK)
		rc = store_session_insert(c->db, &s);
	/* The address's try goes back with the sign-in, in its transaction. */
	if (rc == DB_OK)
		rc = store_bucket_give_back(c->db, "sign_in", ADDR_RATE_SIGN_IN, t->addr, now);
	if (rc == DB_OK)
		rc = api_notices_json(req, s.token_hash, s.notices, &notices);
	if (rc == DB_OK) {
		c->authed = 1;
		c->user = u;
		rc = api_audit(req, "login", "user", u.id, NULL,
			       json_pack("{s:b}", "second_factor", u.totp_enabled));
	}
	if (api_commit(req, rc) != 0)
		return;
	t->given_back = 1;
	http_req_set_user(req, u.id);
	set_device_cookie(req, device);
	set_cookie(req, token);
	http_reply_json(req, 201,
			json_pack("{s:o, s:s, s:b, s:O}", "user", api_user_json(&u), "csrf_token",
				  s.csrf_token, "totp_enrolment_required",
				  s.totp_enrolment_pending, "notices", notices));
}

void api_session_create(http_req *req)
{
	sign_in_try t = {.addr = http_req_remote(req)};
	/* The try is taken before the password is checked, in the database, so
	 * tries that run at once, on this server or another, cannot all pass
	 * one check. */
	int wait = 0;
	int rc = api_bucket_take(req, "sign_in", ADDR_RATE_SIGN_IN, &wait);
	if (rc == DB_DONE) {
		reply_wait(req, "from this address", (int64_t)wait * 1000);
		return;
	}
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	sign_in(req, &t);
	if (!t.guessed && !t.given_back)
		(void)api_bucket_give_back(req, "sign_in", ADDR_RATE_SIGN_IN); /* logged */
}

/* Ends a write that ended sessions of the signed-in account: records the
 * action in the audit, commits, clears the cookie and answers 204, or
 * answers the error. */
static void reply_signed_out(http_req *req, int rc, const char *action)
{
	api_ctx *c = api_ctx_of(req);
	if (rc == DB_OK)
		rc = api_audit(req, action, "user", c->user.id, NULL, NULL);
	if (api_commit(req, rc) != 0)
		return;
	clear_cookie(req);
	http_reply_empty(req, 204);
}

/* Ends this session, or (everywhere) every session of the account: a
 * browser left signed in somewhere is signed out at its next request. */
static void sign_out(http_req *req, int everywhere)
{
	api_ctx *c = api_ctx_of(req);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = everywhere ? store_session_delete_user(c->db, c->user.id)
				: store_session_delete(c->db, c->session.token_hash);
	reply_signed_out(req, rc, everywhere ? "signed_out_everywhere" : "logout");
}

void api_session_delete(http_req *req)
{
	sign_out(req, 0);
}

void api_me_sessions_delete(http_req *req)
{
	sign_out(req, 1);
}

static int may_build(void)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		buf may;
		buf_init(&may);
		buf_puts(&may, "[");
		for (int k = 0; k < KIND_COUNT; k++)
			for (int a = 0; a < ACT_COUNT; a++)
				if (access_role_may((role)r, (access_kind)k, (access_action)a))
					buf_printf(&may, "%s\"%s:%s\"", may.len > 1 ? "," : "",
						   access_kind_name((access_kind)k),
						   access_action_name((access_action)a));
		buf_puts(&may, "]");
		free(may_json[r]);
		may_json[r] = may.failed ? NULL : strdup(buf_str(&may));
		buf_free(&may);
		if (!may_json[r])
			return -1;
	}
	return 0;
}

static const char *role_may_json(role r)
{
	return r >= 0 && r < ROLE_COUNT ? may_json[r] : NULL;
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
	/* When the session ends, so pages can warn before it does: after the
	 * idle time without a request, and at its absolute end whatever. */
	char ends[CLOCK_ISO_LEN];
	clock_iso(c->session.created_ms + SESSION_ABSOLUTE_MS, ends);
	jw_obj(&w, "session");
	jw_int(&w, "idle_timeout_seconds", SESSION_IDLE_MS / 1000);
	jw_str(&w, "ends_at", ends);
	jw_end(&w);
	/* What the role may do, from the access table, so the pages offer only that. */
	const char *may = role_may_json(c->role);
	if (may)
		jw_raw(&w, "may", may);
	else
		b.failed = 1;
	/* Notices are looked up only for a session whose sign-in delivered some. */
	int rc = DB_OK;
	if (c->session.notices > 0) {
		json_t *notices = NULL;
		rc = api_notices_json(req, c->session.token_hash, c->session.notices, &notices);
		const char *text = rc == DB_OK ? api_json_text(req, notices) : NULL;
		if (rc == DB_OK && !text)
			rc = DB_NOMEM;
		if (text)
			jw_raw(&w, "notices", text);
	} else {
		jw_raw(&w, "notices", "[]");
	}
	jw_end(&w);
	if (rc != DB_OK)
		api_db_fail(req, rc);
	else if (b.failed)
		api_db_fail(req, DB_NOMEM);
	else
		http_reply_bytes(req, 200, "application/json", b.data, b.len);
	buf_free(&b);
}

/* Reads the signed-in user's own account afresh: 0, or -1 having replied
 * (an account gone from under its session is a bug: 500). */
static int load_me(http_req *req, user_rec *u)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_user_by_id(c->db, c->user.id, u);
	if (rc == DB_ROW)
		return 0;
	api_db_fail(req, rc == DB_DONE ? DB_ERR : rc);
	return -1;
}

/* Begins the write and saves the changes to the signed-in user's own
 * account: DB_OK, or the error (DB_BUSY when a change made at the same
 * moment came first: try again). */
static int update_me(http_req *req, user_rec *u)
{
	api_ctx *c = api_ctx_of(req);
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_user_update(c->db, u);
	return rc == DB_DONE ? DB_BUSY : rc;
}

/* The body, decoded and checked against fields, and the signed-in user's
 * own account read afresh into u: the body, or NULL having replied. */
static json_t *me_body(http_req *req, const jv_field *fields, size_t n, user_rec *u)
{
	json_t *body = api_body(req, fields, n);
	return body && load_me(req, u) == 0 ? body : NULL;
}

void api_me_password(http_req *req)
{
	static const jv_field fields[] = {
		{"current_password", JV_STRING, 1, PASSWORD_MAX_BYTES},
		{"new_password", JV_STRING, 1, 4 * PASSWORD_MAX_BYTES},
	};
	api_ctx *c = api_ctx_of(req);
	user_rec u;
	json_t *body = me_body(req, fields, 2, &u);
	if (!body)
		return;
	json_t *errors = json_array();
	if (!secure_password_verify(u.password_hash, jv_str(body, "current_password")))
		jv_error(errors, "current_password", "is not your current password");
	char why[256];
	const char *problem =
		api_password_problem(jv_str(body, "new_password"), u.username, why, sizeof why);
	if (problem)
		jv_error(errors, "new_password", problem);
	if (api_reject(req, errors))
		return;
	int rc = secure_password_hash(jv_str(body, "new_password"), u.password_hash) == 0 ? DB_OK
											      : DB_NOMEM;
	if (rc == DB_OK)
		rc = update_me(req, &u);
	/* Every session ends, this one too: whoever knew the old password is out. */
	if (rc == DB_OK)
		rc = store_session_delete_user(c->db, u.id);
	reply_signed_out(req, rc, "password_changed");
}

void api_me_totp_start(http_req *req)
{
	user_rec u;
	if (load_me(req, &u) != 0)
		return;
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
	int rc = totp_secret_b32(raw, secret) == 0 ? DB_OK : DB_NOMEM;
	sodium_memzero(raw, sizeof raw);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	char uri[512];
	totp_uri("Waymark", u.username, secret, uri, sizeof uri);
	/* The secret is sealed at rest like any other sensitive field. */
	char *sealed = seal_encrypt(api_seal_key(), secret);
	rc = sealed && strlen(sealed) < sizeof u.totp_secret ? DB_OK : DB_NOMEM;
	if (rc == DB_OK)
		snprintf(u.totp_secret, sizeof u.totp_secret, "%s", sealed);
	free(sealed);
	if (rc == DB_OK)
		rc = update_me(req, &u);
	if (rc == DB_OK)
		rc = api_audit(req, "totp_enrolment_started", "user", u.id, NULL, NULL);
	api_write_end(req, rc, 201,
		      rc == DB_OK ? json_pack("{s:s, s:s}", "secret", secret, "otpauth_uri", uri) : NULL);
	sodium_memzero(secret, sizeof secret);
}

/* Refuses (409) a step of enrolment when a second factor is already set
 * up or none is being set up: 1 having answered, else 0. */
static int enrolment_refused(http_req *req, const user_rec *u)
{
	if (!u->totp_enabled && u->totp_secret[0])
		return 0;
	http_reply_problem(req, 409, "Conflict",
			   u->totp_enabled ? "a second factor is already set up"
					   : "start enrolment first (POST /api/v1/me/totp)",
			   NULL);
	return 1;
}

void api_me_totp_confirm(http_req *req)
{
	static const jv_field fields[] = {{"code", JV_STRING, 1, 16}};
	api_ctx *c = api_ctx_of(req);
	user_rec u;
	json_t *body = me_body(req, fields, 1, &u);
	if (!body)
		return;
	if (enrolment_refused(req, &u))
		return;
	int64_t step = check_sealed(&u, jv_str(body, "code"));
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
	json_t *list = api_keep(req, json_array());
	for (int i = 0; i < RECOVERY_CODES; i++) {
		unsigned char rnd[10];
		randombytes_buf(rnd, sizeof rnd);
		recovery_code_format(rnd, codes[i]);
		secure_sha256_hex(codes[i], strlen(codes[i]), hashes[i]);
		hp[i] = hashes[i];
		json_array_append_new(list, json_string(codes[i]));
	}
	int rc = update_me(req, &u);
	if (rc == DB_OK)
		rc = store_recovery_replace(c->db, u.id, hp, RECOVERY_CODES);
	if (rc == DB_OK)
		rc = store_session_clear_pending(c->db, c->session.token_hash);
	if (rc == DB_OK)
		rc = api_audit(req, "totp_enabled", "user", u.id, NULL, NULL);
	api_write_end(req, rc, 200, rc == DB_OK ? json_pack("{s:O}", "recovery_codes", list) : NULL);
}

void api_me_totp_qr_code(http_req *req)
{
	user_rec u;
	if (load_me(req, &u) != 0)
		return;
	if (enrolment_refused(req, &u))
		return;
	/* The picture holds the secret: it is drawn for its owner only, from
	 * the sealed secret, and answered no-store like every API answer; the
	 * secret never rides in an address, so no log or cache sees it. */
	char *secret = seal_decrypt(api_seal_key(), u.totp_secret);
	if (!secret) {
		api_db_fail(req, DB_ERR); /* a secret sealed under another key: a bug */
		return;
	}
	char uri[512];
	int n = totp_uri("Waymark", u.username, secret, uri, sizeof uri);
	sodium_memzero(secret, strlen(secret));
	free(secret);
	buf b;
	buf_init(&b);
	int w = n >= 0 ? qr_svg(&b, uri, "QR code of the key for your authenticator app") : -1;
	sodium_memzero(uri, sizeof uri);
	if (w < 0)
		api_db_fail(req, DB_NOMEM);
	else
		http_reply_bytes(req, 200, "image/svg+xml", b.data, b.len);
	if (b.data)
		sodium_memzero(b.data, b.cap);
	buf_free(&b);
}
