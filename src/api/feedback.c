/* Victims' feedback. An officer invites a victim to say how it went: a
 * one-time link (and a short code to type instead) to a public
 * questionnaire in the victim's language, shown in person as a QR code or
 * sent to a safe contact, never to a phone that may be monitored. What the
 * victim answers is kept apart from their record; the force sees scores
 * only in aggregate and comments only once names are redacted from them. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/feedback.h"
#include "domain/credentials.h"
#include "domain/stats.h"
#include "domain/workdays.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/qr.h"
#include "store/cases.h"
#include "store/people.h"
#include "store/shares.h"

/* The public routes' own bucket per address, apart from sign-in's. */
static const addr_rate RATE = {FEEDBACK_TRIES_BURST, FEEDBACK_TRIES_REFILL_MS};

/* Takes a try from the address's bucket: 0 when taken; else -1, either
 * with *found FEEDBACK_LIMITED and *wait_s set, or FEEDBACK_FAILED having
 * replied (a database error lets no try through). */
static int take_try(http_req *req, int *wait_s, feedback_found *found)
{
	int rc = api_bucket_take(req, "feedback", RATE, wait_s);
	if (rc == DB_OK)
		return 0;
	if (rc == DB_DONE) {
		*found = FEEDBACK_LIMITED;
		return -1;
	}
	api_db_fail(req, rc);
	*found = FEEDBACK_FAILED;
	return -1;
}

/* Gives back the try of a lookup that was no guess: DB_OK or the error. */
static int give_back(http_req *req)
{
	return api_bucket_give_back(req, "feedback", RATE);
}

void api_feedback_retry_after(http_req *req, int wait_s)
{
	char ra[16];
	snprintf(ra, sizeof ra, "%d", wait_s);
	http_reply_header(req, "Retry-After", ra);
}

/* What the lookup rc found: LIVE, UNKNOWN, GONE, or FAILED having
 * replied. Only a guess (unknown, used or expired) keeps its try. */
static feedback_found judge(http_req *req, int rc, const feedback_invitation_rec *inv)
{
	if (rc == DB_DONE)
		return FEEDBACK_UNKNOWN;
	if (rc != DB_ROW) {
		(void)give_back(req);
		api_db_fail(req, rc);
		return FEEDBACK_FAILED;
	}
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	if (inv->used || strcmp(inv->expires_at, now) <= 0)
		return FEEDBACK_GONE;
	/* A live link goes on only once its try is back, so that nothing is
	 * kept of a request whose database failed on the way. */
	if ((rc = give_back(req)) != DB_OK) {
		api_db_fail(req, rc);
		return FEEDBACK_FAILED;
	}
	return FEEDBACK_LIVE;
}

feedback_found api_feedback_open(http_req *req, const char *token, feedback_invitation_rec *inv,
                                 int *wait_s)
{
	feedback_found f;
	if (take_try(req, wait_s, &f) != 0)
		return f;
	if (!token || strlen(token) != SECURE_TOKEN_LEN - 1)
		return FEEDBACK_UNKNOWN;
	char hash[SECURE_SHA256_HEX];
	secure_sha256_hex(token, strlen(token), hash);
	return judge(req, store_feedback_by_token(api_ctx_of(req)->db, hash, inv), inv);
}

feedback_found api_feedback_code(http_req *req, const char *typed, char path[API_FEEDBACK_PATH_LEN],
                                 int *wait_s)
{
	api_ctx *c = api_ctx_of(req);
	feedback_found f;
	if (take_try(req, wait_s, &f) != 0)
		return f;
	char code[FEEDBACK_CODE_LEN], hash[SECURE_SHA256_HEX];
	if (feedback_code_read(typed, code) != 0)
		return FEEDBACK_UNKNOWN;
	secure_sha256_hex(code, strlen(code), hash);
	feedback_invitation_rec inv;
	f = judge(req, store_feedback_by_code(c->db, hash, &inv), &inv);
	if (f != FEEDBACK_LIVE)
		return f;
	/* Only the token's hash is kept, so the code buys a new link; the
	 * one given before stops working. */
	char token[SECURE_TOKEN_LEN], now[CLOCK_ISO_LEN];
	secure_token(token);
	secure_sha256_hex(token, strlen(token), hash);
	clock_now_iso(now);
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_feedback_retoken(c->db, inv.id, hash, now)) == DB_DONE) {
		db_rollback(c->db);
		return FEEDBACK_GONE;
	}
	if (rc == DB_OK)
		rc = api_audit_public(req, "feedback_code_used", "feedback_invitation", inv.id,
		                      NULL);
	if (rc != DB_OK) {
		sodium_memzero(token, sizeof token);
		api_db_fail(req, rc);
		return FEEDBACK_FAILED;
	}
	/* Left open: the caller commits once its answer is ready, so the new
	 * link is never kept without the answer that gives it. */
	snprintf(path, API_FEEDBACK_PATH_LEN, "/feedback/%s", token);
	sodium_memzero(token, sizeof token);
	return FEEDBACK_LIVE;
}

json_t *api_feedback_texts(http_req *req, const char *language)
{
	const char *text = feedback_texts_of(language);
	return text ? api_keep(req, json_loads(text, 0, NULL)) : NULL;
}

int api_feedback_take(http_req *req, const feedback_invitation_rec *inv,
                      const int scores[FEEDBACK_QUESTIONS], const char *comment)
{
	api_ctx *c = api_ctx_of(req);
	char now[CLOCK_ISO_LEN], today[DATE_LEN];
	clock_now_iso(now);
	memcpy(today, now, DATE_LEN - 1);
	today[DATE_LEN - 1] = '\0';
	int rc = db_begin(c->db);
	/* Used here, conditionally: of two submissions at once only one counts. */
	if (rc == DB_OK && (rc = store_feedback_use(c->db, inv->id, now)) == DB_DONE)
		return DB_DONE;
	char *sealed = NULL;
	if (rc == DB_OK && comment && !(sealed = seal_encrypt(api_seal_key(), comment)))
		rc = DB_NOMEM;
	feedback_response_rec r = {.org_id = inv->org_id,
	                           .language = inv->language,
	                           .submitted_on = today,
	                           .sealed_comment = sealed};
	memcpy(r.scores, scores, sizeof r.scores);
	if (rc == DB_OK)
		rc = store_feedback_respond(c->db, &r);
	/* The entry names the invitation, never the response it became. */
	if (rc == DB_OK)
		rc = api_audit_public(req, "feedback_received", "feedback_invitation", inv->id,
		                      json_pack("{s:s}", "language", inv->language));
	free(sealed);
	return rc;
}

/* ---- inviting ---- */

/* Whether a host as the request names it may go into a link: letters,
 * digits, dots, hyphens, a port, an IPv6 address in brackets. */
static int host_ok(const char *h)
{
	size_t n = h ? strlen(h) : 0;
	return n > 0 && n < 200 &&
	       strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
	           n;
}

/* The QR code of the invitation's absolute address as a data: URL in the
 * request's memory, or NULL when memory runs out. */
static const char *qr_data_url(http_req *req, const char *path)
{
	const char *host = http_req_header(req, "Host");
	int absolute = host_ok(host);
	char url[320];
	snprintf(url, sizeof url, "%s%s%s",
	         absolute ? (http_req_is_tls(req) ? "https://" : "http://") : "",
	         absolute ? host : "", path);
	buf svg;
	buf_init(&svg);
	int w = qr_svg(&svg, url, "QR code of the link to the feedback questions");
	sodium_memzero(url, sizeof url);
	char *out = NULL;
	if (w >= 0) {
		static const char prefix[] = "data:image/svg+xml;base64,";
		size_t b64 = sodium_base64_ENCODED_LEN(svg.len, sodium_base64_VARIANT_ORIGINAL);
		out = arena_alloc(http_req_arena(req), sizeof prefix - 1 + b64);
		if (out) {
			memcpy(out, prefix, sizeof prefix - 1);
			sodium_bin2base64(out + sizeof prefix - 1, b64,
			                  (const unsigned char *)svg.data, svg.len,
			                  sodium_base64_VARIANT_ORIGINAL);
		}
	}
	if (svg.data)
		sodium_memzero(svg.data, svg.cap);
	buf_free(&svg);
	return out;
}

/* Whether the person's safe contact (JSON text or NULL) says the phone may
 * be monitored (1), names a way to reach them (0), or neither (-1). */
static int safe_contact_state(const char *safe_contact)
{
	json_t *sc = safe_contact ? json_loads(safe_contact, 0, NULL) : NULL;
	int monitored = json_is_true(json_object_get(sc, "phone_may_be_monitored"));
	const char *method = json_string_value(json_object_get(sc, "method"));
	int has_method = method && method[strspn(method, " \t\r\n")];
	json_decref(sc);
	return monitored ? 1 : has_method ? 0 : -1;
}

void api_feedback_invite(http_req *req)
{
	static const jv_field fields[] = {{"language", JV_STRING, 1, FIELD_CHOICE},
	                                  {"delivery", JV_STRING, 0, FIELD_CHOICE}};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	person_rec p;
	if (api_case_load(req, KIND_ENTRY, ACT_WRITE, &cr, &rel) != 0 ||
	    api_case_victim(req, &cr, rel, "feedback is asked of a potential victim in the case", &p) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *language = jv_str(body, "language");
	if (feedback_language_of(language) < 0)
		jv_error(errors, "language",
		         "must be en, sq, vi, ro or pl (English, Albanian, Vietnamese, Romanian or "
		         "Polish)");
	const char *delivery = jv_str(body, "delivery");
	if (!delivery)
		delivery = "in_person";
	int by_contact = strcmp(delivery, "safe_contact") == 0;
	if (!by_contact && strcmp(delivery, "in_person") != 0)
		jv_error(errors, "delivery", "must be in_person or safe_contact");
	if (api_reject(req, errors))
		return;
	int sc = by_contact ? safe_contact_state(p.safe_contact) : 0;
	if (sc > 0) {
		api_refuse_field(req, 409, "delivery", "the person's phone may be monitored",
		                 "a trafficker may read it: give it in person");
		return;
	}
	if (sc < 0) {
		api_refuse_field(req, 422, "delivery",
		                 "no safe contact method is recorded for this person: give it in "
		                 "person, or record one first",
		                 NULL);
		return;
	}
	char token[SECURE_TOKEN_LEN], token_hash[SECURE_SHA256_HEX], code[FEEDBACK_CODE_LEN],
	    code_hash[SECURE_SHA256_HEX], path[API_FEEDBACK_PATH_LEN];
	unsigned char rnd[FEEDBACK_CODE_CHARS];
	secure_token(token);
	secure_sha256_hex(token, strlen(token), token_hash);
	randombytes_buf(rnd, sizeof rnd);
	feedback_code_make(rnd, code);
	secure_sha256_hex(code, strlen(code), code_hash);
	snprintf(path, sizeof path, "/feedback/%s", token);
	sodium_memzero(token, sizeof token);
	feedback_invitation_rec inv = {0};
	snprintf(inv.org_id, sizeof inv.org_id, "%s", c->user.org_id);
	snprintf(inv.team_id, sizeof inv.team_id, "%s", c->user.team_id);
	snprintf(inv.case_id, sizeof inv.case_id, "%s", cr.id);
	snprintf(inv.link_id, sizeof inv.link_id, "%s", http_req_param(req, "link"));
	snprintf(inv.person_id, sizeof inv.person_id, "%s", p.id);
	snprintf(inv.language, sizeof inv.language, "%s", language);
	snprintf(inv.delivery, sizeof inv.delivery, "%s", delivery);
	snprintf(inv.created_by, sizeof inv.created_by, "%s", c->user.id);
	clock_iso(clock_now_ms() + FEEDBACK_VALID_MS, inv.expires_at);
	const char *qr = qr_data_url(req, path);
	int rc = qr ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_feedback_invite(c->db, &inv, token_hash, code_hash);
	if (rc == DB_OK)
		rc = api_audit(req, "feedback_invited", "case", cr.id, NULL,
		               json_pack("{s:s, s:s, s:s, s:s, s:s}", "link_id", inv.link_id,
		                         "invitation", inv.id, "language", inv.language, "delivery",
		                         inv.delivery, "expires_at", inv.expires_at));
	api_write_end(req, rc, 201,
	              rc == DB_OK
	                  ? json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", inv.id, "url", path,
	                              "code", code, "expires_at", inv.expires_at, "qr_code", qr)
	                  : NULL);
	sodium_memzero(path, sizeof path);
	sodium_memzero(code, sizeof code);
}

/* ---- the public questionnaire, as JSON ---- */

/* Replies the refusal a public lookup found: nothing in it says anything
 * of the victim or the force. */
static void reply_found(http_req *req, feedback_found f, int wait_s)
{
	switch (f) {
	case FEEDBACK_UNKNOWN:
		http_reply_problem(req, 404, "Not Found", "there is no such feedback link or code",
		                   NULL);
		return;
	case FEEDBACK_GONE:
		http_reply_problem(req, 410, "Gone",
		                   "this feedback link cannot be used any more: it was used "
		                   "already or has expired",
		                   NULL);
		return;
	case FEEDBACK_LIMITED: {
		char detail[128];
		snprintf(detail, sizeof detail,
		         "too many tries from this address: wait %d second%s and try again", wait_s,
		         wait_s == 1 ? "" : "s");
		api_feedback_retry_after(req, wait_s);
		http_reply_problem(req, 429, "Too Many Requests", detail, NULL);
		return;
	}
	default:
		return; /* LIVE is the caller's; FAILED has replied */
	}
}

void api_feedback_questions(http_req *req)
{
	feedback_invitation_rec inv;
	int wait_s = 0;
	feedback_found f = api_feedback_open(req, http_req_param(req, "token"), &inv, &wait_s);
	if (f != FEEDBACK_LIVE) {
		reply_found(req, f, wait_s);
		return;
	}
	json_t *t = api_feedback_texts(req, inv.language);
	json_t *questions = json_array(), *q;
	size_t i;
	json_array_foreach(json_object_get(t, "questions"), i, q)
	{
		const char *hint = json_string_value(json_object_get(q, "hint"));
		json_array_append_new(questions,
		                      json_pack("{s:O, s:O, s:o}", "id", json_object_get(q, "id"),
		                                "text", json_object_get(q, "text"), "hint",
		                                hint && hint[0] ? json_string(hint) : json_null()));
	}
	if (!t) {
		json_decref(questions);
		api_db_fail(req, DB_NOMEM);
		return;
	}
	http_reply_json(req, 200,
	                json_pack("{s:s, s:O, s:O, s:o, s:O, s:O, s:O}", "language", inv.language,
	                          "title", json_object_get(t, "title"), "intro",
	                          json_object_get(t, "intro"), "questions", questions, "scale",
	                          json_object_get(t, "scale"), "prefer_not_to_say",
	                          json_object_get(t, "prefer_not_to_say"), "comment",
	                          json_object_get(t, "comment")));
}

/* Reads the answers: every question once, each score 1 to 5 or null.
 * Returns 0, or -1 having added why to errors. */
static int read_answers(json_t *answers, int scores[FEEDBACK_QUESTIONS], json_t *errors)
{
	int seen[FEEDBACK_QUESTIONS] = {0};
	size_t i;
	json_t *a;
	json_array_foreach(answers, i, a)
	{
		int q = feedback_question_of(json_string_value(json_object_get(a, "question")));
		json_t *score = json_object_get(a, "score");
		if (!json_is_object(a) || json_object_size(a) != 2 || q < 0 || !score || seen[q]) {
			jv_error(errors, "answers",
			         "each must be {question, score} naming safe, believed, "
			         "understood, told_support, "
			         "kept_updated or contact_again once");
			return -1;
		}
		if (!json_is_null(score) &&
		    (!json_is_integer(score) || json_integer_value(score) < FEEDBACK_SCORE_MIN ||
		     json_integer_value(score) > FEEDBACK_SCORE_MAX)) {
			jv_error(errors, "answers",
			         "each score must be 1 to 5, or null for prefer not to say");
			return -1;
		}
		seen[q] = 1;
		scores[q] = json_is_null(score) ? 0 : (int)json_integer_value(score);
	}
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
		if (!seen[q]) {
			char why[96];
			snprintf(why, sizeof why,
			         "must answer every question: %s is missing (null for prefer not "
			         "to say)",
			         feedback_questions[q]);
			jv_error(errors, "answers", why);
			return -1;
		}
	return 0;
}

void api_feedback_answer(http_req *req)
{
	static const jv_field fields[] = {{"answers", JV_ARRAY, 1, FEEDBACK_QUESTIONS},
	                                  {"comment", JV_STRING, 0, FEEDBACK_COMMENT_MAX}};
	feedback_invitation_rec inv;
	int wait_s = 0;
	feedback_found f = api_feedback_open(req, http_req_param(req, "token"), &inv, &wait_s);
	if (f != FEEDBACK_LIVE) {
		reply_found(req, f, wait_s);
		return;
	}
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	int scores[FEEDBACK_QUESTIONS] = {0};
	json_t *errors = json_array();
	read_answers(json_object_get(body, "answers"), scores, errors);
	if (api_reject(req, errors))
		return;
	const char *comment = jv_str(body, "comment");
	if (comment && !comment[strspn(comment, " \t\r\n")])
		comment = NULL;
	int rc = api_feedback_take(req, &inv, scores, comment);
	if (rc == DB_DONE) {
		db_rollback(api_ctx_of(req)->db);
		reply_found(req, FEEDBACK_GONE, 0);
		return;
	}
	api_write_end(req, rc, 201, json_pack("{s:b}", "received", 1));
}

void api_feedback_code_lookup(http_req *req)
{
	static const jv_field fields[] = {{"code", JV_STRING, 1, 32}};
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	char path[API_FEEDBACK_PATH_LEN];
	int wait_s = 0;
	feedback_found f = api_feedback_code(req, jv_str(body, "code"), path, &wait_s);
	if (f == FEEDBACK_LIVE)
		api_write_end(req, DB_OK, 200, json_pack("{s:s}", "url", path));
	else
		reply_found(req, f, wait_s);
	sodium_memzero(path, sizeof path);
}

/* ---- comments and their redaction ---- */

/* A comment as the force sees it; raw is its raw text, given only to
 * those redacting it (NULL: none). */
static json_t *comment_json(const feedback_comment_rec *k, const char *raw)
{
	json_t *j =
	    json_pack("{s:s, s:I, s:s, s:s, s:s}", "id", k->id, "version", (json_int_t)k->version,
	              "state", k->state, "language", k->language, "submitted_on", k->submitted_on);
	json_object_set_new(j, "text", raw ? json_string(raw) : json_null());
	json_object_set_new(j, "redacted_text",
	                    k->redacted_text ? json_string(k->redacted_text) : json_null());
	json_object_set_new(j, "withheld_reason",
	                    k->withheld_reason ? json_string(k->withheld_reason) : json_null());
	json_object_set_new(j, "dealt_by",
	                    k->dealt_by_name ? json_string(k->dealt_by_name) : json_null());
	json_object_set_new(j, "dealt_at", k->dealt_at ? json_string(k->dealt_at) : json_null());
	return j;
}

typedef struct comment_list {
	json_t *items;
} comment_list;

static int add_comment(const feedback_comment_rec *k, void *arg)
{
	comment_list *l = arg;
	json_t *j = comment_json(k, NULL);
	/* The sealed text rides along until the page is cut, then is opened
	 * only for the comments shown. */
	if (j && k->sealed_text)
		json_object_set_new(j, "sealed", json_string(k->sealed_text));
	return j && json_array_append_new(l->items, j) == 0 ? DB_OK : DB_NOMEM;
}

void api_feedback_comments(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	json_t *errors = json_array();
	const char *state = http_req_query(req, "state");
	if (state && feedback_comment_state_of(state) < 0)
		jv_error(errors, "state", "must be awaiting_redaction, redacted or withheld");
	api_page page;
	api_page_read(req, API_PAGE_DEFAULT, &page, errors);
	if (api_reject_query(req, errors))
		return;
	store_orgs orgs = api_orgs(req, KIND_FEEDBACK, ACT_READ);
	comment_list l = {api_keep(req, json_array())};
	json_t *out = api_keep(req, json_object());
	int rc = l.items && out ? store_feedback_comments(c->db, http_req_arena(req), &orgs, state,
	                                                  add_comment, &l)
	                        : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_page_set(out, &page, l.items);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	/* Each raw text shown is a look at what a victim wrote: audited. */
	json_t *k;
	size_t i;
	json_array_foreach(json_object_get(out, "items"), i, k)
	{
		const char *sealed = json_string_value(json_object_get(k, "sealed"));
		if (rc != DB_OK || !sealed)
			continue;
		char *raw = seal_decrypt(api_seal_key(), sealed);
		if (!raw) {
			rc = DB_ERR; /* sealed under another key: a bug */
			break;
		}
		json_object_set_new(k, "text", json_string(raw));
		sodium_memzero(raw, strlen(raw));
		free(raw);
		json_object_del(k, "sealed");
		rc = api_audit(req, "feedback_comment_viewed", "feedback_comment",
		               json_string_value(json_object_get(k, "id")), NULL, NULL);
	}
	api_write_end(req, rc, 200, rc == DB_OK ? json_incref(out) : NULL);
}

/* Loads the comment {id} names and decides the action on it: 0, or replied. */
static int load_comment(http_req *req, access_action a, feedback_comment_rec *k)
{
	api_ctx *c = api_ctx_of(req);
	int rc =
	    store_feedback_comment_get(c->db, http_req_arena(req), http_req_param(req, "id"), k);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such comment", NULL);
		return -1;
	}
	return api_allow(req, KIND_FEEDBACK, a, api_relate(req, k->org_id, NULL, NULL, 0),
	                 "comment");
}

void api_feedback_redact(http_req *req)
{
	static const jv_field fields[] = {{"text", JV_STRING, 0, FEEDBACK_COMMENT_MAX},
	                                  JV_OPT_BOOL("withhold"),
	                                  {"reason", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	feedback_comment_rec k;
	int64_t version;
	if (load_comment(req, ACT_WRITE, &k) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 3);
	if (!body)
		return;
	json_t *errors = json_array();
	int withhold = json_is_true(json_object_get(body, "withhold"));
	const char *text = jv_str(body, "text"), *reason = jv_str(body, "reason");
	if (withhold && text)
		jv_error(errors, "text",
		         "give either the redacted text or withhold: true, not both");
	else if (withhold && (!reason || !reason[strspn(reason, " \t\r\n")]))
		jv_error(errors, "reason", "say why the comment is withheld");
	else if (!withhold && (!text || !text[strspn(text, " \t\r\n")]))
		jv_error(errors, "text",
		         "give the comment with names taken out, or withhold: true with a reason");
	if (api_reject(req, errors))
		return;
	if (version != k.version) {
		api_stale(req, "comment", k.version, comment_json(&k, NULL));
		return;
	}
	if (strcmp(k.state, "awaiting_redaction") != 0) {
		api_conflict(req, "this comment has been dealt with already");
		return;
	}
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_feedback_comment_deal(
	                        c->db, k.id, version, withhold ? NULL : text,
	                        withhold ? reason : NULL, c->user.id, now)) == DB_DONE) {
		api_refuse(req, 412, "Precondition Failed",
		           "the comment was changed meanwhile; read it again");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "feedback_comment_redacted", "feedback_comment", k.id, NULL,
		               json_pack("{s:s}", "state", withhold ? "withheld" : "redacted"));
	if (rc == DB_OK &&
	    (rc = store_feedback_comment_get(c->db, http_req_arena(req), k.id, &k)) == DB_ROW)
		rc = DB_OK;
	if (rc == DB_OK)
		api_etag(req, k.version);
	api_write_end(req, rc, 200, rc == DB_OK ? comment_json(&k, NULL) : NULL);
}

/* ---- figures ---- */

typedef struct tally {
	int64_t n[FEEDBACK_QUESTIONS]
	         [FEEDBACK_SCORES + 1]; /* [question][0: prefer not to say, 1..5] */
} tally;

static int add_tally(const char *question, int score, int64_t n, void *arg)
{
	tally *t = arg;
	int q = feedback_question_of(question);
	if (q >= 0 && score >= 0 && score <= FEEDBACK_SCORES)
		t->n[q][score] += n;
	return DB_OK;
}

static int add_text(const char *text, const char *submitted_on, void *arg)
{
	(void)submitted_on;
	return json_array_append_new(arg, json_pack("{s:s}", "text", text)) == 0 ? DB_OK : DB_NOMEM;
}

/* The figures count whole months that have ended, each only when it holds
 * at least the disclosure threshold of answers (api_disclosure_threshold,
 * the installation's, as every figure): a month still running, or one
 * with fewer, is left out whole, so no two ranges asked for (nor one asked
 * before and after a victim answers) differ by a handful of answers. */
void api_reports_feedback(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	stats_range r;
	int threshold;
	if (api_report_range(req, &r) != 0 || api_disclosure_threshold(req, &threshold) != 0)
		return;
	store_orgs orgs = api_orgs(req, KIND_FIGURES, ACT_READ);
	char today[DATE_LEN];
	clock_today(today);
	tally tl = {0};
	int64_t total = 0, counted = 0, left_out = 0;
	json_t *comments = api_keep(req, json_array());
	int rc = comments ? DB_OK : DB_NOMEM;
	for (size_t m = 0; m < r.n && rc == DB_OK; m++) {
		char first[DATE_LEN], next[DATE_LEN];
		if (stats_month_bounds(r.months[m], first, next) != 0 || strcmp(next, today) > 0)
			continue; /* still running */
		tally mt = {0};
		int64_t n = 0;
		rc = store_feedback_tally(c->db, &orgs, first, next, &n, add_tally, &mt);
		if (rc != DB_OK || !n)
			continue;
		if (!feedback_figures_shown(n, threshold)) {
			left_out++;
			continue;
		}
		for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
			for (int sc = 0; sc <= FEEDBACK_SCORES; sc++)
				tl.n[q][sc] += mt.n[q][sc];
		total += n;
		counted++;
		rc = store_feedback_redacted(c->db, &orgs, first, next, add_text, comments);
	}
	int shown = counted > 0;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *en = api_feedback_texts(req, "en");
	json_t *questions = json_array();
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		json_t *text = json_object_get(
		    json_array_get(json_object_get(en, "questions"), (size_t)q), "text");
		json_t *j = json_pack("{s:s, s:O}", "id", feedback_questions[q], "text",
		                      text ? text : json_null());
		if (!shown) {
			json_object_set_new(j, "suppressed", json_true());
		} else {
			json_t *scores = json_object();
			int64_t answered = 0, sum = 0;
			for (int s = 1; s <= FEEDBACK_SCORES; s++) {
				char key[12];
				snprintf(key, sizeof key, "%d", s);
				json_object_set_new(scores, key, json_integer(tl.n[q][s]));
				answered += tl.n[q][s];
				sum += s * tl.n[q][s];
			}
			json_object_set_new(j, "scores", scores);
			json_object_set_new(j, "prefer_not_to_say", json_integer(tl.n[q][0]));
			json_object_set_new(j, "answered", json_integer(answered));
			json_object_set_new(j, "mean",
			                    answered ? json_real((double)sum / (double)answered)
			                             : json_null());
		}
		json_array_append_new(questions, j);
	}
	http_reply_json(req, 200,
	                json_pack("{s:s, s:s, s:I, s:i, s:b, s:I, s:I, s:o, s:O}", "from", r.from, "to",
	                          r.to, "responses", (json_int_t)total, "minimum_responses",
	                          threshold, "suppressed", !shown, "months_counted",
	                          (json_int_t)counted, "months_left_out", (json_int_t)left_out,
	                          "questions", questions, "comments", comments));
}

/* ---- the worklist ---- */

typedef struct work_ctx {
	int (*fn)(const work_row *r, void *arg);
	void *arg;
} work_ctx;

static int add_work(const feedback_comment_rec *k, void *arg)
{
	work_ctx *x = arg;
	char due[DATE_LEN];
	if (date_add_days(k->submitted_on, FEEDBACK_REDACT_DAYS, due) != 0)
		return DB_OK;
	work_row r = {.kind = "feedback_to_redact",
	              .when = due,
	              .case_id = "",
	              .reference = "",
	              .person_id = "",
	              .given_names = "",
	              .family_name = "",
	              .record_id = k->id,
	              .holder_id = "",
	              .holder_name = "",
	              .holder_team_id = "",
	              .estimated_age = -1};
	return x->fn(&r, x->arg);
}

int api_feedback_work(http_req *req, const char *today, int (*fn)(const work_row *r, void *arg),
                      void *arg)
{
	(void)today;
	api_ctx *c = api_ctx_of(req);
	if (!access_role_may(c->role, KIND_FEEDBACK, ACT_WRITE))
		return DB_OK;
	store_orgs orgs = api_orgs(req, KIND_FEEDBACK, ACT_WRITE);
	work_ctx x = {fn, arg};
	return store_feedback_comments(c->db, http_req_arena(req), &orgs, "awaiting_redaction",
	                               add_work, &x);
}
