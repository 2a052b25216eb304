/* The public feedback page, rendered by the server: a victim may open it
 * on a cheap phone with JavaScript off, so the questions come as an HTML
 * form of GOV.UK radios that posts back here (form-urlencoded), with an
 * error summary when an answer is missing and a confirmation after.
 *
 * Every value that goes into the page (a text from the translation files,
 * a comment typed back, the token in the form's address) goes through one
 * function, esc(); markup is only ever a literal of this file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/feedback.h"
#include "lib/buf.h"
#include "lib/oom.h"

/* ---- writing HTML ---- */

/* Appends s with &, <, >, " and ' escaped: the one way a value enters the page. */
static void esc(buf *b, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			buf_append(b, p, 1);
		}
	}
}

/* Appends markup: a literal of this file, never a value. */
static void put(buf *b, const char *markup)
{
	buf_puts(b, markup);
}

/* A text of the translation: t[section][key], or t[key] when section is NULL. */
static const char *tx(json_t *t, const char *section, const char *key)
{
	json_t *o = section ? json_object_get(t, section) : t;
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* Opens the page; the title of a page showing errors starts "Error:",
 * as GOV.UK's pattern asks, so a screen reader hears it first. */
static void page_open_as(buf *b, json_t *t, const char *lang, const char *title, int errors)
{
	put(b, "<!DOCTYPE html>\n<html lang=\"");
	esc(b, lang);
	put(b, "\" class=\"govuk-template\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	if (errors) {
		esc(b, tx(t, "page", "error_prefix"));
		put(b, ": ");
	}
	esc(b, title);
	put(b, " – ");
	esc(b, tx(t, NULL, "service"));
	put(b, "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, "
	       "viewport-fit=cover\">\n"
	       "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
	       "<link rel=\"icon\" href=\"/assets/images/favicon.svg\" type=\"image/svg+xml\">\n"
	       "<link rel=\"stylesheet\" href=\"/vendor/govuk-frontend.min.css\">\n"
	       "<link rel=\"stylesheet\" href=\"/css/waymark.css\">\n</head>\n"
	       "<body class=\"govuk-template__body\">\n<a href=\"#main-content\" "
	       "class=\"govuk-skip-link\">");
	esc(b, tx(t, "page", "skip"));
	put(b, "</a>\n<header class=\"govuk-generic-header\" role=\"banner\">\n"
	       "<div class=\"govuk-generic-header__container govuk-width-container\">\n"
	       "<div class=\"govuk-generic-header__logo\"><span "
	       "class=\"govuk-generic-header__homepage-link "
	       "waymark-logo\">");
	esc(b, tx(t, NULL, "service"));
	put(b, "</span></div>\n</div>\n</header>\n<div class=\"govuk-width-container\">\n"
	       "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n<div "
	       "class=\"govuk-grid-row\">\n"
	       "<div class=\"govuk-grid-column-two-thirds\">\n");
}

static void page_open(buf *b, json_t *t, const char *lang, const char *title)
{
	page_open_as(b, t, lang, title, 0);
}

static void page_close(buf *b)
{
	put(b, "</div>\n</div>\n</main>\n</div>\n</body>\n</html>\n");
}

/* Sends the page with status, or 503 when any part of it was lost. */
static void page_send(http_req *req, buf *b, int status)
{
	if (b->failed || oom_seen())
		api_db_fail(req, DB_NOMEM);
	else
		http_reply_bytes(req, status, "text/html; charset=utf-8", buf_str(b), b->len);
	buf_free(b);
}

/* The page of one message: a heading and a paragraph in the language. */
static void message_page(http_req *req, json_t *t, const char *lang, const char *title_key,
                         const char *body_key, int status)
{
	buf b;
	buf_init(&b);
	page_open(&b, t, lang, tx(t, "page", title_key));
	put(&b, "<h1 class=\"govuk-heading-l\">");
	esc(&b, tx(t, "page", title_key));
	put(&b, "</h1>\n<p class=\"govuk-body\">");
	esc(&b, tx(t, "page", body_key));
	put(&b, "</p>\n");
	page_close(&b);
	page_send(req, &b, status);
}

/* The page for a link nobody can tell the language of (unknown, or too
 * many tries): the message in every language, English first. */
static void message_every_language(http_req *req, const char *title_key, const char *body_key,
                                   int status)
{
	json_t *en = api_feedback_texts(req, "en");
	buf b;
	buf_init(&b);
	page_open(&b, en, "en", tx(en, "page", title_key));
	for (int i = 0; i < FEEDBACK_LANGUAGES; i++) {
		json_t *t = i ? api_feedback_texts(req, feedback_languages[i]) : en;
		put(&b, "<div lang=\"");
		esc(&b, feedback_languages[i]);
		put(&b, "\" class=\"govuk-!-margin-bottom-6\">\n");
		put(&b, i ? "<h2 class=\"govuk-heading-m\">" : "<h1 class=\"govuk-heading-l\">");
		esc(&b, tx(t, "page", title_key));
		put(&b, i ? "</h2>\n" : "</h1>\n");
		put(&b, "<p class=\"govuk-body\">");
		esc(&b, tx(t, "page", body_key));
		put(&b, "</p>\n</div>\n");
	}
	page_close(&b);
	page_send(req, &b, status);
}

/* Answers what a lookup found that is not a live invitation. */
static void refuse_page(http_req *req, feedback_found f, int wait_s,
                        const feedback_invitation_rec *inv)
{
	if (f == FEEDBACK_LIMITED) {
		api_feedback_retry_after(req, wait_s);
		message_every_language(req, "too_many_title", "too_many_body", 429);
	} else if (f == FEEDBACK_GONE && inv && inv->language[0]) {
		message_page(req, api_feedback_texts(req, inv->language), inv->language,
		             "gone_title", "gone_body", 410);
	} else if (f == FEEDBACK_GONE) {
		message_every_language(req, "gone_title", "gone_body", 410);
	} else if (f == FEEDBACK_UNKNOWN) {
		message_every_language(req, "not_found_title", "not_found_body", 404);
	}
}

/* ---- reading the form ---- */

static int hex(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* Decodes n bytes of a form value (+ for space, %XX) into the request's
 * memory: the text, or NULL when it is malformed, not UTF-8, or memory
 * runs out. */
static const char *form_decode(http_req *req, const char *s, size_t n)
{
	char *out = arena_alloc(http_req_arena(req), n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[k++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0)
				return NULL;
			out[k++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	/* Text that is not UTF-8 (jansson refuses it) or holds a NUL (which
	 * jansson would take, and C would cut short) is refused. */
	json_t *check = memchr(out, '\0', k) ? NULL : json_stringn(out, k);
	int ok = check != NULL;
	json_decref(check);
	return ok ? out : NULL;
}

/* What form_value answers for a field it cannot read: an empty text, so
 * a question or a code so sent counts as not given, and a comment can be
 * told apart from one not given (never dropped). */
static const char form_bad[1] = "";

/* The value of the field name in a form-urlencoded body, NULL when absent,
 * or form_bad when malformed. */
static const char *form_value(http_req *req, const char *name)
{
	size_t len, nl = strlen(name);
	const char *body = http_req_body(req, &len);
	const char *p = body, *end = body ? body + len : NULL;
	while (p && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		if (eq && (size_t)(eq - p) == nl && memcmp(p, name, nl) == 0) {
			const char *v = form_decode(req, eq + 1, (size_t)(stop - eq - 1));
			return v ? v : form_bad;
		}
		p = amp ? amp + 1 : end;
	}
	return NULL;
}

/* Whether the body is declared a form; if not, replies 415. */
static int form_body(http_req *req)
{
	const char *ct = http_req_header(req, "Content-Type");
	static const char form[] = "application/x-www-form-urlencoded";
	if (ct && strncasecmp(ct, form, sizeof form - 1) == 0 &&
	    (ct[sizeof form - 1] == '\0' || ct[sizeof form - 1] == ';'))
		return 0;
	http_reply_problem(req, 415, "Unsupported Media Type",
	                   "send the form as Content-Type: application/x-www-form-urlencoded",
	                   NULL);
	return -1;
}

/* ---- GOV.UK's error pattern ---- */

static void summary_open(buf *b, json_t *t)
{
	put(b, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n<div "
	       "role=\"alert\">\n"
	       "<h2 class=\"govuk-error-summary__title\">");
	esc(b, tx(t, "page", "error_title"));
	put(b, "</h2>\n<div class=\"govuk-error-summary__body\">\n<ul class=\"govuk-list "
	       "govuk-error-summary__list\">\n");
}

/* One line of the summary, linking to the field whose id is field (and
 * suffix, as "-1" for a question's first radio). */
static void summary_item(buf *b, const char *field, const char *suffix, const char *before,
                         const char *text)
{
	put(b, "<li><a href=\"#");
	esc(b, field);
	esc(b, suffix);
	put(b, "\">");
	if (before) {
		esc(b, before);
		put(b, " – ");
	}
	esc(b, text);
	put(b, "</a></li>\n");
}

static void summary_close(buf *b)
{
	put(b, "</ul>\n</div>\n</div>\n</div>\n");
}

static void group_open(buf *b, int error)
{
	put(b, error ? "<div class=\"govuk-form-group govuk-form-group--error\">\n"
	             : "<div class=\"govuk-form-group\">\n");
}

/* The message above a field in error: its id is field + "-error". */
static void error_message(buf *b, json_t *t, const char *field, const char *text)
{
	put(b, "<p id=\"");
	esc(b, field);
	put(b, "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">");
	esc(b, tx(t, "page", "error_prefix"));
	put(b, ":</span> ");
	esc(b, text);
	put(b, "</p>\n");
}

/* ---- the code page ---- */

static const char *asked_language(const char *lang)
{
	return feedback_language_of(lang) >= 0 ? lang : "en";
}

static void code_page(http_req *req, const char *lang, const char *typed, const char *error,
                      int status)
{
	json_t *t = api_feedback_texts(req, lang);
	buf b;
	buf_init(&b);
	page_open_as(&b, t, lang, tx(t, "page", "code_title"), error != NULL);
	if (error) {
		summary_open(&b, t);
		summary_item(&b, "code", "", NULL, error);
		summary_close(&b);
	}
	put(&b, "<form method=\"post\" action=\"/feedback\" accept-charset=\"UTF-8\" novalidate>\n<input type=\"hidden\" "
	        "name=\"lang\" value=\"");
	esc(&b, lang);
	put(&b, "\">\n");
	group_open(&b, error != NULL);
	put(&b, "<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\" "
	        "for=\"code\">");
	esc(&b, tx(t, "page", "code_title"));
	put(&b, "</label></h1>\n<div id=\"code-hint\" class=\"govuk-hint\">");
	esc(&b, tx(t, "page", "code_hint"));
	put(&b, "</div>\n");
	if (error)
		error_message(&b, t, "code", error);
	put(&b, error ? "<input class=\"govuk-input govuk-input--width-10 govuk-input--error\""
	              : "<input class=\"govuk-input govuk-input--width-10\"");
	put(&b, " id=\"code\" name=\"code\" type=\"text\" autocomplete=\"off\" "
	        "autocapitalize=\"characters\" "
	        "spellcheck=\"false\" aria-describedby=\"code-hint");
	put(&b, error ? " code-error\"" : "\"");
	put(&b, " value=\"");
	esc(&b, typed);
	put(&b, "\">\n</div>\n<button type=\"submit\" class=\"govuk-button\" "
	        "data-module=\"govuk-button\">");
	esc(&b, tx(t, "page", "code_button"));
	put(&b, "</button>\n</form>\n<h2 class=\"govuk-heading-s\">");
	esc(&b, tx(t, "page", "languages_label"));
	put(&b, "</h2>\n<ul class=\"govuk-list\">\n");
	for (int i = 0; i < FEEDBACK_LANGUAGES; i++) {
		if (strcmp(feedback_languages[i], lang) == 0)
			continue;
		json_t *other = api_feedback_texts(req, feedback_languages[i]);
		put(&b, "<li><a class=\"govuk-link\" href=\"/feedback?lang=");
		esc(&b, feedback_languages[i]);
		put(&b, "\" lang=\"");
		esc(&b, feedback_languages[i]);
		put(&b, "\" hreflang=\"");
		esc(&b, feedback_languages[i]);
		put(&b, "\">");
		esc(&b, tx(other, NULL, "name"));
		put(&b, "</a></li>\n");
	}
	put(&b, "</ul>\n");
	page_close(&b);
	page_send(req, &b, status);
}

void api_feedback_page_code(http_req *req)
{
	code_page(req, asked_language(http_req_query(req, "lang")), "", NULL, 200);
}

void api_feedback_page_code_post(http_req *req)
{
	if (form_body(req) != 0)
		return;
	const char *lang = asked_language(form_value(req, "lang"));
	const char *typed = form_value(req, "code");
	json_t *t = api_feedback_texts(req, lang);
	if (!typed || !typed[strspn(typed, " -")]) {
		code_page(req, lang, "", tx(t, "page", "code_error"), 422);
		return;
	}
	char path[API_FEEDBACK_PATH_LEN];
	int wait_s = 0;
	feedback_found f = api_feedback_code(req, typed, path, &wait_s);
	if (f == FEEDBACK_LIVE) {
		/* The redirect is ready before the new link is kept. */
		http_reply_header(req, "Location", path);
		if (api_commit(req, oom_seen() ? DB_NOMEM : DB_OK) == 0)
			http_reply_empty(req, 303);
	} else if (f == FEEDBACK_UNKNOWN || f == FEEDBACK_GONE) {
		/* One answer for a wrong code and a spent one, as the link's page gives. */
		code_page(req, lang, typed, tx(t, "page", "code_unknown"),
		          f == FEEDBACK_GONE ? 410 : 404);
	} else {
		refuse_page(req, f, wait_s, NULL);
	}
}

/* ---- the questionnaire ---- */

/* What the form holds: each question's choice (1 to 5, 0 for prefer not
 * to say, -1 for none yet) and the comment. */
typedef struct form_state {
	int chosen[FEEDBACK_QUESTIONS];
	const char *comment;
	int missing;      /* how many questions have no answer */
	int comment_long; /* the comment is over the limit */
	int comment_bad;  /* the comment could not be read */
} form_state;

static void error_summary(buf *b, json_t *t, const form_state *fs)
{
	summary_open(b, t);
	json_t *qs = json_object_get(t, "questions");
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
		if (fs->chosen[q] < 0)
			summary_item(b, feedback_questions[q], "-1",
			             tx(json_array_get(qs, (size_t)q), NULL, "text"),
			             tx(t, "page", "error_answer"));
	if (fs->comment_long)
		summary_item(b, "comment", "", NULL, tx(t, "page", "error_comment"));
	summary_close(b);
}

/* One radio: the question's id, the value ("1".."5" or "none"), its
 * label, and whether it is chosen. */
static void radio(buf *b, const char *id, const char *value, const char *label, int checked)
{
	put(b, "<div class=\"govuk-radios__item\">\n<input class=\"govuk-radios__input\" id=\"");
	esc(b, id);
	put(b, "-");
	esc(b, value);
	put(b, "\" name=\"");
	esc(b, id);
	put(b, "\" type=\"radio\" value=\"");
	esc(b, value);
	put(b, checked ? "\" checked>\n" : "\">\n");
	put(b, "<label class=\"govuk-label govuk-radios__label\" for=\"");
	esc(b, id);
	put(b, "-");
	esc(b, value);
	put(b, "\">");
	esc(b, label);
	put(b, "</label>\n</div>\n");
}

static void question(buf *b, json_t *t, int q, const form_state *fs, int show_errors)
{
	json_t *qt = json_array_get(json_object_get(t, "questions"), (size_t)q);
	const char *id = feedback_questions[q], *hint = tx(qt, NULL, "hint");
	int error = show_errors && fs->chosen[q] < 0;
	group_open(b, error);
	put(b, "<fieldset class=\"govuk-fieldset\"");
	if (hint[0] || error) {
		put(b, " aria-describedby=\"");
		if (hint[0]) {
			esc(b, id);
			put(b, "-hint");
		}
		if (error) {
			put(b, hint[0] ? " " : "");
			esc(b, id);
			put(b, "-error");
		}
		put(b, "\"");
	}
	put(b, ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">\n<h2 "
	       "class=\"govuk-fieldset__heading\">");
	esc(b, tx(qt, NULL, "text"));
	put(b, "</h2>\n</legend>\n");
	if (hint[0]) {
		put(b, "<div id=\"");
		esc(b, id);
		put(b, "-hint\" class=\"govuk-hint\">");
		esc(b, hint);
		put(b, "</div>\n");
	}
	if (error)
		error_message(b, t, id, tx(t, "page", "error_answer"));
	put(b, "<div class=\"govuk-radios govuk-radios--small\" data-module=\"govuk-radios\">\n");
	json_t *scale = json_object_get(t, "scale");
	for (int s = FEEDBACK_SCORE_MIN; s <= FEEDBACK_SCORE_MAX; s++) {
		char v[12];
		snprintf(v, sizeof v, "%d", s);
		radio(b, id, v, tx(json_array_get(scale, (size_t)(s - 1)), NULL, "label"),
		      fs->chosen[q] == s);
	}
	radio(b, id, "none", tx(t, "prefer_not_to_say", "label"), fs->chosen[q] == 0);
	put(b, "</div>\n</fieldset>\n</div>\n");
}

static void questionnaire(http_req *req, const char *token, const feedback_invitation_rec *inv,
                          const form_state *fs, int show_errors, int status)
{
	json_t *t = api_feedback_texts(req, inv->language);
	buf b;
	buf_init(&b);
	page_open_as(&b, t, inv->language, tx(t, NULL, "title"), show_errors);
	if (show_errors)
		error_summary(&b, t, fs);
	put(&b, "<h1 class=\"govuk-heading-l\">");
	esc(&b, tx(t, NULL, "title"));
	put(&b, "</h1>\n<p class=\"govuk-body\">");
	esc(&b, tx(t, NULL, "intro"));
	put(&b, "</p>\n<form method=\"post\" action=\"/feedback/");
	esc(&b, token);
	put(&b, "\" accept-charset=\"UTF-8\" novalidate>\n");
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
		question(&b, t, q, fs, show_errors);
	int long_error = show_errors && fs->comment_long;
	group_open(&b, long_error);
	put(&b, "<h2 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--m\" "
	        "for=\"comment\">");
	esc(&b, tx(t, "comment", "label"));
	put(&b, "</label></h2>\n<div id=\"comment-hint\" class=\"govuk-hint\">");
	esc(&b, tx(t, "comment", "hint"));
	put(&b, "</div>\n");
	if (long_error)
		error_message(&b, t, "comment", tx(t, "page", "error_comment"));
	put(&b, long_error
	            ? "<textarea class=\"govuk-textarea govuk-textarea--error\" "
	              "aria-describedby=\"comment-hint "
	              "comment-error\""
	            : "<textarea class=\"govuk-textarea\" aria-describedby=\"comment-hint\"");
	put(&b, " id=\"comment\" name=\"comment\" rows=\"5\">");
	esc(&b, fs->comment);
	put(&b, "</textarea>\n</div>\n<button type=\"submit\" class=\"govuk-button\" "
	        "data-module=\"govuk-button\">");
	esc(&b, tx(t, "page", "send"));
	put(&b, "</button>\n</form>\n");
	page_close(&b);
	page_send(req, &b, status);
}

void api_feedback_page(http_req *req)
{
	const char *token = http_req_param(req, "token");
	feedback_invitation_rec inv = {0};
	int wait_s = 0;
	feedback_found f = api_feedback_open(req, token, &inv, &wait_s);
	if (f != FEEDBACK_LIVE) {
		refuse_page(req, f, wait_s, &inv);
		return;
	}
	form_state fs = {.comment = ""};
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++)
		fs.chosen[q] = -1;
	questionnaire(req, token, &inv, &fs, 0, 200);
}

/* Reads the form into fs. */
static void read_form(http_req *req, form_state *fs)
{
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		const char *v = form_value(req, feedback_questions[q]);
		fs->chosen[q] = -1;
		if (v && strcmp(v, "none") == 0)
			fs->chosen[q] = 0;
		else if (v && strlen(v) == 1 && v[0] >= '0' + FEEDBACK_SCORE_MIN &&
		         v[0] <= '0' + FEEDBACK_SCORE_MAX)
			fs->chosen[q] = v[0] - '0';
		if (fs->chosen[q] < 0)
			fs->missing++;
	}
	const char *comment = form_value(req, "comment");
	fs->comment_bad = comment == form_bad;
	fs->comment = comment ? comment : "";
	fs->comment_long = strlen(fs->comment) > FEEDBACK_COMMENT_MAX;
}

void api_feedback_page_post(http_req *req)
{
	const char *token = http_req_param(req, "token");
	if (form_body(req) != 0)
		return;
	feedback_invitation_rec inv = {0};
	int wait_s = 0;
	feedback_found f = api_feedback_open(req, token, &inv, &wait_s);
	if (f != FEEDBACK_LIVE) {
		refuse_page(req, f, wait_s, &inv);
		return;
	}
	form_state fs = {0};
	read_form(req, &fs);
	if (fs.comment_bad) {
		/* Only a broken client sends it: refused, never kept without it. */
		http_reply_problem(req, 400, "Bad Request",
		                   "the comment is not text that can be read (UTF-8): send the form "
		                   "again",
		                   NULL);
		return;
	}
	if (fs.missing || fs.comment_long) {
		questionnaire(req, token, &inv, &fs, 1, 422);
		return;
	}
	const char *comment = fs.comment[strspn(fs.comment, " \t\r\n")] ? fs.comment : NULL;
	int rc = api_feedback_take(req, &inv, fs.chosen, comment);
	if (rc == DB_DONE) {
		db_rollback(api_ctx_of(req)->db);
		refuse_page(req, FEEDBACK_GONE, 0, &inv);
		return;
	}
	/* The page is written before the commit, so the answers are never kept
	 * without the confirmation that says so. */
	json_t *t = api_feedback_texts(req, inv.language);
	buf b;
	buf_init(&b);
	page_open(&b, t, inv.language, tx(t, "page", "done_title"));
	put(&b, "<div class=\"govuk-panel govuk-panel--confirmation\">\n<h1 "
	        "class=\"govuk-panel__title\">");
	esc(&b, tx(t, "page", "done_title"));
	put(&b, "</h1>\n</div>\n<p class=\"govuk-body\">");
	esc(&b, tx(t, "page", "done_body"));
	put(&b, "</p>\n");
	page_close(&b);
	if (rc == DB_OK && (b.failed || oom_seen()))
		rc = DB_NOMEM;
	if (api_commit(req, rc) == 0)
		page_send(req, &b, 201);
	else
		buf_free(&b);
}
