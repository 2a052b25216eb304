/* Victims' feedback over HTTP: an officer's invitation (a one-time link, a
 * code, a QR code; never to a phone that may be monitored), the public
 * questionnaire as JSON and as a page that works without JavaScript, once
 * only even when two submissions race, answers that say nothing of the
 * victim or the force, comments sealed until redacted (If-Match, each look
 * audited), figures suppressed under 10 responses, and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "domain/stats.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/db.h"

static server srv;
static client *inv1, *inv2, *sup1, *opcc1, *part1, *anon;
static char case_id[ID_LEN], victim_link[ID_LEN], watched_link[ID_LEN], unreachable_link[ID_LEN],
    safe_link[ID_LEN], suspect_link[ID_LEN];

#define ALL_ANSWERS(score)                                                                         \
	"{\"answers\":[{\"question\":\"safe\",\"score\":" score                                    \
	"},{\"question\":\"believed\",\"score\":" score                                            \
	"},{\"question\":\"understood\",\"score\":" score                                          \
	"},{\"question\":\"told_support\",\"score\":null},"                                        \
	"{\"question\":\"kept_updated\",\"score\":" score                                          \
	"},{\"question\":\"contact_again\",\"score\":" score "}]"

static void add(const char *given, const char *extra, const char *role, char *link)
{
	char id[ID_LEN], body[400];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"Zeqiri\"%s}", given,
	         extra);
	client_post_id(inv1, "/api/v1/people", body, id);
	case_link_person(inv1, case_id, id, role, link);
}

static int records(void)
{
	anon = client_new(&srv);
	client_post_id(
	    inv1, "/api/v1/cases",
	    "{\"title\":\"Car wash, Gloucester Road\",\"exploitation_types\":[\"labour\"]}",
	    case_id);
	add("Arben", "", "potential_victim", victim_link);
	add("Dritan",
	    ",\"safe_contact\":{\"method\":\"Text the work "
	    "phone\",\"phone_may_be_monitored\":true}",
	    "potential_victim", watched_link);
	add("Luan", "", "potential_victim", unreachable_link);
	add("Besa",
	    ",\"safe_contact\":{\"method\":\"Call the refuge\",\"phone_may_be_monitored\":false}",
	    "potential_victim", safe_link);
	add("Gezim", "", "suspect", suspect_link);
	return 0;
}

static const suite_login logins[] = {
    {&inv1, "inv1"},   {&inv2, "inv2"},   {&sup1, "sup1"},
    {&opcc1, "opcc1"}, {&part1, "part1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

/* An invitation for the link in the language: its url and code. */
typedef struct invitation {
	char id[ID_LEN], url[ID_LEN], code[16], api[128];
} invitation;

static void invite(const char *link, const char *language, invitation *out)
{
	char path[200], body[100];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/feedback-invitations", case_id,
	         link);
	snprintf(body, sizeof body, "{\"language\":\"%s\"}", language);
	resp *r = client_expect(inv1, "POST", path, body, 201);
	snprintf(out->id, sizeof out->id, "%s", json_string_value(json_object_get(r->json, "id")));
	snprintf(out->url, sizeof out->url, "%s",
	         json_string_value(json_object_get(r->json, "url")));
	snprintf(out->code, sizeof out->code, "%s",
	         json_string_value(json_object_get(r->json, "code")));
	snprintf(out->api, sizeof out->api, "/api/v1%s", out->url);
	resp_free(r);
}

static long invite_status(client *c, const char *link, const char *body)
{
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/feedback-invitations", case_id,
	         link);
	return client_status(c, "POST", path, body);
}

static resp *form_post(const char *path, const char *form)
{
	const char *headers[] = {"Content-Type: application/x-www-form-urlencoded",
	                         "Accept: text/html", NULL};
	return client_raw(anon, "POST", path, form, strlen(form), headers);
}

static void test_an_officer_invites_feedback_with_a_link_a_code_and_a_qr_code(void **state)
{
	(void)state;
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/feedback-invitations", case_id,
	         victim_link);
	resp *r = client_expect(inv1, "POST", path, "{\"language\":\"sq\"}", 201);
	const char *url = json_string_value(json_object_get(r->json, "url"));
	const char *code = json_string_value(json_object_get(r->json, "code"));
	assert_non_null(url);
	assert_int_equal(strncmp(url, "/feedback/", 10), 0);
	assert_int_equal(strlen(url + 10), 43); /* 256 bits, URL-safe */
	assert_int_equal(strlen(code), 8);
	assert_int_equal(strspn(code, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"), 8);
	assert_int_equal(strncmp(json_string_value(json_object_get(r->json, "qr_code")),
	                         "data:image/svg+xml;base64,", 26),
	                 0);
	assert_non_null(json_string_value(json_object_get(r->json, "expires_at")));
	/* Only hashes are kept: neither the token nor the code is in the database. */
	assert_int_equal(
	    server_db_int(
	        &srv,
	        "SELECT COUNT(*) FROM feedback_invitations WHERE token_hash = $1 OR code_hash = $1",
	        url + 10),
	    0);
	assert_int_equal(
	    server_db_int(&srv, "SELECT COUNT(*) FROM feedback_invitations WHERE code_hash = $1",
	                  code),
	    0);
	const char *id = json_string_value(json_object_get(r->json, "id"));
	assert_int_equal(audit_count(&srv, "feedback_invited", case_id) >= 1, 1);
	assert_int_equal(
	    server_db_int(
	        &srv, "SELECT COUNT(*) FROM feedback_invitations WHERE id = $1 AND used = 0", id),
	    1);
	resp_free(r);
	/* In person is the default; a safe contact that is not monitored may be sent it. */
	assert_int_equal(
	    invite_status(inv1, safe_link, "{\"language\":\"en\",\"delivery\":\"safe_contact\"}"),
	    201);
	assert_int_equal(
	    invite_status(sup1, victim_link, "{\"language\":\"pl\",\"delivery\":\"in_person\"}"),
	    201);
}

static void test_an_invitation_is_refused_when_it_cannot_be_given_safely(void **state)
{
	(void)state;
	/* A phone a trafficker may read: 409, give it in person. */
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/feedback-invitations", case_id,
	         watched_link);
	resp *r = client_req(inv1, "POST", path,
	                     "{\"language\":\"sq\",\"delivery\":\"safe_contact\"}", NULL);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(json_string_value(json_object_get(r->json, "detail")),
	                       "trafficker may read it"));
	resp_free(r);
	assert_int_equal(invite_status(inv1, watched_link, "{\"language\":\"sq\"}"),
	                 201); /* in person is fine */
	/* No safe contact recorded: 422 on delivery. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/feedback-invitations", case_id,
	         unreachable_link);
	resp_expect_field(client_req(inv1, "POST", path,
	                             "{\"language\":\"ro\",\"delivery\":\"safe_contact\"}", NULL),
	                  "delivery");
	resp_expect_field(client_req(inv1, "POST", path, "{\"language\":\"fr\"}", NULL),
	                  "language");
	resp_expect_field(
	    client_req(inv1, "POST", path, "{\"language\":\"en\",\"delivery\":\"post\"}", NULL),
	    "delivery");
	resp_expect_field(client_req(inv1, "POST", path, "{}", NULL), "language");
	/* Not a victim: 409; another team's case, an unknown part: 404; no role to: 403. */
	assert_int_equal(invite_status(inv1, suspect_link, "{\"language\":\"en\"}"), 409);
	assert_int_equal(invite_status(inv2, victim_link, "{\"language\":\"en\"}"), 404);
	assert_int_equal(
	    invite_status(inv1, "00000000-0000-0000-0000-000000000000", "{\"language\":\"en\"}"),
	    404);
	assert_int_equal(invite_status(opcc1, victim_link, "{\"language\":\"en\"}"), 403);
	assert_int_equal(invite_status(part1, victim_link, "{\"language\":\"en\"}"), 403);
}

static void
test_the_questionnaire_comes_in_the_invited_language_and_says_nothing_of_the_victim(void **state)
{
	(void)state;
	invitation in;
	invite(victim_link, "vi", &in);
	resp *r = client_expect(anon, "GET", in.api, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "language")), "vi");
	json_t *qs = json_object_get(r->json, "questions");
	const char *ids[] = {"safe",         "believed",     "understood",
	                     "told_support", "kept_updated", "contact_again"};
	assert_int_equal(json_array_size(qs), 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(qs, i), "id")),
		                    ids[i]);
	assert_non_null(
	    strstr(json_string_value(json_object_get(json_array_get(qs, 0), "text")), "an toàn"));
	assert_int_equal(json_array_size(json_object_get(r->json, "scale")), 5);
	assert_int_equal(json_integer_value(json_object_get(
	                     json_array_get(json_object_get(r->json, "scale"), 4), "score")),
	                 5);
	assert_string_equal(json_string_value(json_object_get(
	                        json_object_get(r->json, "prefer_not_to_say"), "label")),
	                    "Không muốn trả lời");
	assert_non_null(json_object_get(json_object_get(r->json, "comment"), "label"));
	assert_non_null(json_object_get(r->json, "title"));
	assert_non_null(json_object_get(r->json, "intro"));
	/* Nothing of the victim, the case or the force. */
	assert_null(strstr(r->body, "Arben"));
	assert_null(strstr(r->body, "Zeqiri"));
	assert_null(strstr(r->body, "Gloucester"));
	assert_null(strstr(r->body, "Constabulary"));
	assert_null(strstr(r->body, case_id));
	resp_free(r);
}

static void test_every_public_refusal(void **state)
{
	(void)state;
	/* Unknown: 404 with nothing more; a token of the wrong shape too. */
	resp *r = client_expect(
	    anon, "GET", "/api/v1/feedback/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, 404);
	assert_null(strstr(r->body, "Zeqiri"));
	resp_free(r);
	assert_int_equal(
	    client_status(anon, "POST", "/api/v1/feedback/short", ALL_ANSWERS("3") "}"), 404);
	invitation in;
	invite(victim_link, "en", &in);
	/* Every question answered, each score 1 to 5 or null: else 422 naming answers. */
	resp_expect_field(client_req(anon, "POST", in.api,
	                             "{\"answers\":[{\"question\":\"safe\",\"score\":4}]}", NULL),
	                  "answers");
	resp_expect_field(client_req(anon, "POST", in.api, ALL_ANSWERS("6") "}", NULL), "answers");
	resp_expect_field(client_req(anon, "POST", in.api, ALL_ANSWERS("0") "}", NULL), "answers");
	resp_expect_field(client_req(anon, "POST", in.api,
	                             "{\"answers\":[{\"question\":\"weather\",\"score\":4}]}",
	                             NULL),
	                  "answers");
	resp_expect_field(client_req(anon, "POST", in.api, "{}", NULL), "answers");
	client_expect_free(anon, "POST", in.api, ALL_ANSWERS("4") "}", 201);
	/* Used: 410, as JSON and as the page. */
	r = client_expect(anon, "POST", in.api, ALL_ANSWERS("4") "}", 410);
	assert_null(strstr(r->body, "Zeqiri"));
	resp_free(r);
	const char *html[] = {"Accept: text/html", NULL};
	r = client_req(anon, "GET", in.url, NULL, html);
	assert_int_equal(r->status, 410);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/html"));
	resp_free(r);
	/* Expired: 410. */
	invitation old;
	invite(victim_link, "en", &old);
	const char *p[] = {old.id};
	server_db_run(
	    &srv,
	    "UPDATE feedback_invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = $1",
	    1, p);
	assert_int_equal(client_status(anon, "GET", old.api, NULL), 410);
	/* The page for an unknown link: 404, in HTML. */
	r = client_req(anon, "GET", "/feedback/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL,
	               html);
	assert_int_equal(r->status, 404);
	assert_non_null(strstr(r->body, "<html"));
	resp_free(r);
}

typedef struct racer {
	const char *path;
	pthread_barrier_t *start;
	long status;
} racer;

static void *race(void *arg)
{
	racer *x = arg;
	client *c = client_new(&srv);
	pthread_barrier_wait(x->start);
	resp *r = client_req(c, "POST", x->path, ALL_ANSWERS("2") "}", NULL);
	x->status = r->status;
	resp_free(r);
	client_free(c);
	return NULL;
}

static void test_two_submissions_at_once_count_once(void **state)
{
	(void)state;
	invitation in;
	invite(victim_link, "ro", &in);
	int64_t before = server_db_int(&srv, "SELECT COUNT(*) FROM feedback_responses", NULL);
	enum { RACERS = 2 };
	pthread_t t[RACERS];
	racer x[RACERS];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, RACERS);
	for (int i = 0; i < RACERS; i++) {
		x[i] = (racer){.path = in.api, .start = &start};
		assert_int_equal(pthread_create(&t[i], NULL, race, &x[i]), 0);
	}
	int created = 0, gone = 0;
	for (int i = 0; i < RACERS; i++) {
		pthread_join(t[i], NULL);
		created += x[i].status == 201;
		gone += x[i].status == 410;
	}
	pthread_barrier_destroy(&start);
	assert_int_equal(created, 1);
	assert_int_equal(gone, RACERS - 1);
	assert_int_equal(server_db_int(&srv, "SELECT COUNT(*) FROM feedback_responses", NULL),
	                 before + 1);
}

static void test_a_code_typed_in_buys_a_new_link(void **state)
{
	(void)state;
	invitation in;
	invite(victim_link, "pl", &in);
	/* As a person types it: lower case, a space and a hyphen. */
	char body[200], typed[160];
	snprintf(typed, sizeof typed, "%.4s-%s", in.code, in.code + 4);
	for (char *p = typed; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	snprintf(body, sizeof body, "{\"code\":\" %s\"}", typed);
	resp *r = client_expect(anon, "POST", "/api/v1/feedback/codes", body, 200);
	const char *url = json_string_value(json_object_get(r->json, "url"));
	assert_int_equal(strncmp(url, "/feedback/", 10), 0);
	char fresh[128];
	snprintf(fresh, sizeof fresh, "/api/v1%s", url);
	resp_free(r);
	assert_string_not_equal(fresh, in.api);
	r = client_expect(anon, "GET", fresh, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "language")), "pl");
	resp_free(r);
	assert_int_equal(client_status(anon, "GET", in.api, NULL), 404); /* the link given before */
	assert_int_equal(audit_count(&srv, "feedback_code_used", in.id), 1);
	client_expect_free(anon, "POST", fresh, ALL_ANSWERS("5") "}", 201);
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", in.code);
	assert_int_equal(client_status(anon, "POST", "/api/v1/feedback/codes", body),
	                 410); /* used */
	assert_int_equal(
	    client_status(anon, "POST", "/api/v1/feedback/codes", "{\"code\":\"ZZZZ-ZZZZ\"}"), 404);
	resp_expect_field(client_req(anon, "POST", "/api/v1/feedback/codes", "{}", NULL), "code");
}

static void test_the_page_works_without_javascript(void **state)
{
	(void)state;
	invitation in;
	invite(victim_link, "sq", &in);
	const char *html[] = {"Accept: text/html", NULL};
	resp *r = client_req(anon, "GET", in.url, NULL, html);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, "<html lang=\"sq\""));
	assert_non_null(strstr(r->body, "name=\"safe\" type=\"radio\" value=\"none\""));
	assert_non_null(strstr(r->body, "Preferoj të mos them"));
	assert_null(strstr(r->body, "<script"));
	assert_null(strstr(r->body, "Zeqiri"));
	resp_free(r);
	/* A missing answer: the error summary, the answers and comment kept, escaped. */
	r = form_post(in.url, "safe=3&believed=none&understood=5&told_support=none&kept_updated=1&"
	                      "comment=%3Cb%3EHi%3C%2Fb%3E+%26+thanks");
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "govuk-error-summary"));
	assert_non_null(strstr(r->body, "<title>Gabim: ")); /* the title says so first */
	assert_non_null(strstr(r->body, "href=\"#contact_again-1\""));
	assert_non_null(strstr(r->body, "&lt;b&gt;Hi&lt;/b&gt; &amp; thanks"));
	assert_null(strstr(r->body, "<b>Hi"));
	assert_non_null(strstr(r->body, "value=\"3\" checked"));
	resp_free(r);
	r = form_post(in.url, "safe=3&believed=none&understood=5&told_support=none&kept_updated=1&"
	                      "contact_again=4&comment=");
	assert_int_equal(r->status, 201);
	assert_non_null(strstr(r->body, "govuk-panel--confirmation"));
	assert_non_null(strstr(r->body, "Faleminderit"));
	resp_free(r);
	r = form_post(
	    in.url,
	    "safe=3&believed=none&understood=5&told_support=none&kept_updated=1&contact_again=4");
	assert_int_equal(r->status, 410);
	resp_free(r);
	/* Not a form: 415. */
	assert_int_equal(client_status(anon, "POST", in.url, "{}"), 415);
	/* The code page: a form to type the code, which leads to the questions. */
	r = client_req(anon, "GET", "/feedback?lang=ro", NULL, html);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, "<html lang=\"ro\""));
	assert_non_null(strstr(r->body, "name=\"code\""));
	resp_free(r);
	invitation other;
	invite(victim_link, "en", &other);
	char form[64];
	snprintf(form, sizeof form, "lang=en&code=%s", other.code);
	r = form_post("/feedback", form);
	assert_int_equal(r->status, 303);
	assert_int_equal(strncmp(resp_header(r, "Location"), "/feedback/", 10), 0);
	resp_free(r);
	r = form_post("/feedback", "lang=en&code=");
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "govuk-error-summary"));
	resp_free(r);
}

/* A comment the form cannot read (not UTF-8, or holding a NUL) is refused,
 * never dropped while the page says the answers were sent: the link
 * still works for answers sent again. */
static void test_a_comment_the_form_cannot_read_is_refused_not_dropped(void **state)
{
	(void)state;
	invitation in;
	invite(victim_link, "en", &in);
	static const char answers[] =
	    "safe=3&believed=none&understood=5&told_support=none&kept_updated=1&contact_again=4";
	const char *bad[] = {"&comment=They+hit+me%FF", "&comment=They+hit%00+me"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char form[200];
		snprintf(form, sizeof form, "%s%s", answers, bad[i]);
		resp *r = form_post(in.url, form);
		if (r->status != 400)
			fail_msg("%s answered %ld, not 400", bad[i], r->status);
		assert_null(strstr(r->body, "govuk-panel--confirmation"));
		resp_free(r);
	}
	char form[200];
	snprintf(form, sizeof form, "%s&comment=They+hit+me", answers);
	resp *r = form_post(in.url, form);
	assert_int_equal(r->status, 201);
	resp_free(r);
}

static json_t *comments(client *c, const char *state)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/feedback/comments?state=%s", state);
	return client_get_json(c, path, 200);
}

static void answer_with_comment(const char *comment)
{
	invitation in;
	invite(victim_link, "en", &in);
	char body[600];
	snprintf(body, sizeof body, ALL_ANSWERS("3") ",\"comment\":\"%s\"}", comment);
	client_expect_free(anon, "POST", in.api, body, 201);
}

static void test_comments_are_sealed_read_with_audit_and_redacted_with_if_match(void **state)
{
	(void)state;
	answer_with_comment("PC Halloran was kind to me at Kingswood station");
	/* Sealed at rest. */
	assert_int_equal(
	    server_db_int(
	        &srv, "SELECT COUNT(*) FROM feedback_comments WHERE sealed_text LIKE '%Halloran%'",
	        NULL),
	    0);
	assert_int_equal(
	    server_db_int(&srv,
	                  "SELECT COUNT(*) FROM feedback_comments WHERE sealed_text LIKE 'v1:%'",
	                  NULL) >= 1,
	    1);
	/* A response names no invitation, case or person. */
	assert_int_equal(server_db_int(&srv,
	                               "SELECT COUNT(*) FROM feedback_responses r JOIN "
	                               "feedback_invitations i ON i.id = r.id",
	                               NULL),
	                 0);
	json_t *list = comments(sup1, "awaiting_redaction");
	json_t *k = NULL, *item;
	size_t i;
	json_array_foreach(json_object_get(list, "items"), i,
	                   item) if (strstr(json_string_value(json_object_get(item, "text")),
	                                    "Halloran")) k = item;
	assert_non_null(k);
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(k, "id")));
	int64_t version = json_integer_value(json_object_get(k, "version"));
	json_decref(list);
	int looks = audit_count(&srv, "feedback_comment_viewed", id);
	assert_int_equal(looks, 1);
	json_decref(comments(sup1, "awaiting_redaction"));
	assert_int_equal(audit_count(&srv, "feedback_comment_viewed", id), 2);
	/* Only those who redact see raw comments. */
	assert_int_equal(client_status(inv1, "GET", "/api/v1/feedback/comments", NULL), 403);
	assert_int_equal(client_status(opcc1, "GET", "/api/v1/feedback/comments", NULL), 403);
	assert_int_equal(client_status(part1, "GET", "/api/v1/feedback/comments", NULL), 403);
	client_expect_query_error(sup1, "/api/v1/feedback/comments?state=secret", "state");
	/* The worklist holds it until it is redacted. */
	json_t *w = worklist_item(sup1, "feedback_to_redact", id);
	assert_non_null(w);
	assert_true(json_is_null(json_object_get(w, "person"))); /* nothing of who wrote it */
	assert_true(json_is_null(json_object_get(w, "case")));
	json_decref(w);
	assert_null(worklist_item(inv1, "feedback_to_redact", NULL)); /* not theirs to redact */
	char path[160], im[48], stale[48];
	snprintf(path, sizeof path, "/api/v1/feedback/comments/%s/redaction", id);
	snprintf(im, sizeof im, "If-Match: \"%lld\"", (long long)version);
	snprintf(stale, sizeof stale, "If-Match: \"%lld\"", (long long)version + 7);
	const char *current[] = {im, NULL}, *old[] = {stale, NULL};
	assert_int_equal(client_status(sup1, "POST", path, "{\"text\":\"[name] was kind\"}"), 428);
	resp *r = client_req(sup1, "POST", path, "{\"text\":\"[name] was kind\"}", old);
	assert_int_equal(r->status, 412);
	assert_null(strstr(r->body, "Halloran")); /* the current record holds no raw text */
	resp_free(r);
	resp_expect_field(client_req(sup1, "POST", path, "{\"text\":\" \"}", current), "text");
	resp_expect_field(client_req(sup1, "POST", path, "{\"withhold\":true}", current), "reason");
	assert_int_equal(client_status(inv1, "POST", path, "{\"text\":\"[name] was kind\"}"), 403);
	snprintf(path, sizeof path, "/api/v1/feedback/comments/%s/redaction",
	         "00000000-0000-4000-8000-000000000000");
	assert_int_equal(resp_status(client_req(sup1, "POST", path, "{\"text\":\"x\"}", current)),
	                 404);
	snprintf(path, sizeof path, "/api/v1/feedback/comments/%s/redaction", id);
	r = client_req(sup1, "POST", path, "{\"text\":\"[name] was kind to me at [place]\"}",
	               current);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "state")), "redacted");
	assert_true(json_is_null(json_object_get(r->json, "text")));
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), version + 1);
	resp_free(r);
	assert_int_equal(audit_count(&srv, "feedback_comment_redacted", id), 1);
	/* The raw text is gone once redacted. */
	assert_int_equal(
	    server_db_int(
	        &srv,
	        "SELECT COUNT(*) FROM feedback_comments WHERE id = $1 AND sealed_text IS NULL", id),
	    1);
	snprintf(im, sizeof im, "If-Match: \"%lld\"", (long long)version + 1);
	assert_int_equal(
	    resp_status(client_req(sup1, "POST", path, "{\"text\":\"again\"}", current)), 409);
	assert_null(worklist_item(sup1, "feedback_to_redact", id));
	/* Withheld, with a reason. */
	answer_with_comment("Please do not tell Ilir where I am");
	list = comments(sup1, "awaiting_redaction");
	k = NULL;
	json_array_foreach(
	    json_object_get(list, "items"), i,
	    item) if (strstr(json_string_value(json_object_get(item, "text")), "Ilir")) k = item;
	assert_non_null(k);
	snprintf(path, sizeof path, "/api/v1/feedback/comments/%s/redaction",
	         json_string_value(json_object_get(k, "id")));
	snprintf(im, sizeof im, "If-Match: \"%lld\"",
	         (long long)json_integer_value(json_object_get(k, "version")));
	json_decref(list);
	r = client_req(sup1, "POST", path,
	               "{\"withhold\":true,\"reason\":\"Says where the victim is\"}", current);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "state")), "withheld");
	resp_free(r);
}

static json_t *figures(client *c)
{
	return client_get_json(c, "/api/v1/reports/feedback", 200);
}

static void
test_figures_are_suppressed_under_ten_responses_and_never_show_a_raw_comment(void **state)
{
	(void)state;
	char today[DATE_LEN], count[24];
	clock_today(today);
	db *d = server_db_open(&srv);
	assert_int_equal(db_get_text(d, "SELECT CAST(COUNT(*) AS TEXT) FROM feedback_responses", 0,
	                             NULL, count, sizeof count),
	                 DB_ROW);
	db_close(d);
	int64_t n = atoll(count);
	assert_true(n < 10);
	json_t *f = figures(sup1);
	assert_int_equal(json_integer_value(json_object_get(f, "responses")), 0);
	assert_true(json_is_true(json_object_get(f, "suppressed")));
	assert_true(json_is_true(
	    json_object_get(json_array_get(json_object_get(f, "questions"), 0), "suppressed")));
	assert_null(json_object_get(json_array_get(json_object_get(f, "questions"), 0), "scores"));
	assert_int_equal(json_array_size(json_object_get(f, "comments")), 0);
	json_decref(f);
	answer_with_comment("Constable Wrenfield shouted at me");
	for (int64_t i = n + 1; i < 10; i++) {
		invitation in;
		invite(victim_link, "en", &in);
		client_expect_free(anon, "POST", in.api, ALL_ANSWERS("4") "}", 201);
	}
	/* Ten answers in a month still running: not counted until it ends. */
	f = figures(sup1);
	assert_true(json_is_true(json_object_get(f, "suppressed")));
	assert_int_equal(json_integer_value(json_object_get(f, "responses")), 0);
	json_decref(f);
	/* The month ends: all ten fall in it, and count. Nine of them in
	 * another ended month, and one in this, leave both out whole. */
	char last_month[DATE_LEN], two_ago[DATE_LEN];
	char month[8], first[DATE_LEN], next[DATE_LEN];
	snprintf(month, sizeof month, "%.7s", today);
	assert_int_equal(stats_month_bounds(month, first, next), 0);
	assert_int_equal(date_add_days(first, -1, last_month), 0); /* last month's last day */
	snprintf(month, sizeof month, "%.7s", last_month);
	assert_int_equal(stats_month_bounds(month, first, next), 0);
	assert_int_equal(date_add_days(first, -1, two_ago), 0);
	d = server_db_open(&srv);
	const char *v[] = {last_month};
	assert_int_equal(db_run(d, "UPDATE feedback_responses SET submitted_on = $1", 1, v), DB_OK);
	const char *v2[] = {two_ago};
	assert_int_equal(db_run(d,
	                        "UPDATE feedback_responses SET submitted_on = $1 WHERE id IN "
	                        "(SELECT id FROM feedback_responses ORDER BY id LIMIT 1)",
	                        1, v2),
	                 DB_OK);
	db_close(d);
	f = figures(sup1);
	assert_true(json_is_true(json_object_get(f, "suppressed")));
	assert_int_equal(json_integer_value(json_object_get(f, "months_left_out")), 2);
	json_decref(f);
	d = server_db_open(&srv);
	assert_int_equal(db_run(d, "UPDATE feedback_responses SET submitted_on = $1", 1, v), DB_OK);
	db_close(d);
	f = figures(sup1);
	assert_int_equal(json_integer_value(json_object_get(f, "responses")), 10);
	assert_int_equal(json_integer_value(json_object_get(f, "months_counted")), 1);
	assert_int_equal(json_integer_value(json_object_get(f, "months_left_out")), 0);
	assert_true(json_is_false(json_object_get(f, "suppressed")));
	json_t *safe = json_array_get(json_object_get(f, "questions"), 0);
	assert_string_equal(json_string_value(json_object_get(safe, "id")), "safe");
	json_int_t total = 0;
	for (int s = 1; s <= 5; s++) {
		char key[12];
		snprintf(key, sizeof key, "%d", s);
		total += json_integer_value(json_object_get(json_object_get(safe, "scores"), key));
	}
	assert_int_equal(total + json_integer_value(json_object_get(safe, "prefer_not_to_say")),
	                 10);
	assert_true(json_is_real(json_object_get(safe, "mean")));
	/* told_support was always prefer not to say. */
	json_t *told = json_array_get(json_object_get(f, "questions"), 3);
	assert_int_equal(json_integer_value(json_object_get(told, "prefer_not_to_say")), 10);
	assert_true(json_is_null(json_object_get(told, "mean")));
	char *text = json_dumps(f, 0);
	assert_null(strstr(text, "Wrenfield"));           /* awaiting redaction: never */
	assert_null(strstr(text, "Ilir"));                /* withheld: never */
	assert_null(strstr(text, "Halloran"));            /* raw: never */
	assert_non_null(strstr(text, "[name] was kind")); /* redacted: yes */
	free(text);
	assert_int_equal(json_integer_value(json_object_get(f, "minimum_responses")), 10);
	json_decref(f);
	/* The minimum is the installation's disclosure threshold: raised to
	 * 11, the month of ten is left out whole; back at 10, it counts. */
	const char *t[] = {"11"};
	server_db_run(
	    &srv,
	    "INSERT INTO settings (key, value, updated_at, version) VALUES "
	    "('disclosure_threshold', $1, '2025-01-01T00:00:00Z', 1) ON CONFLICT (key) DO "
	    "UPDATE SET value = excluded.value",
	    1, t);
	f = figures(sup1);
	assert_int_equal(json_integer_value(json_object_get(f, "minimum_responses")), 11);
	assert_true(json_is_true(json_object_get(f, "suppressed")));
	assert_int_equal(json_integer_value(json_object_get(f, "responses")), 0);
	assert_int_equal(json_integer_value(json_object_get(f, "months_left_out")), 1);
	assert_null(json_object_get(json_array_get(json_object_get(f, "questions"), 0), "scores"));
	json_decref(f);
	t[0] = "10";
	server_db_run(&srv, "UPDATE settings SET value = $1 WHERE key = 'disclosure_threshold'", 1,
	              t);
	/* The Commissioner's office sees its area's figures; an investigator none. */
	f = figures(opcc1);
	assert_int_equal(json_integer_value(json_object_get(f, "responses")), 10);
	json_decref(f);
	assert_int_equal(client_status(inv1, "GET", "/api/v1/reports/feedback", NULL), 403);
	assert_int_equal(client_status(part1, "GET", "/api/v1/reports/feedback", NULL), 403);
	client_expect_query_error(sup1, "/api/v1/reports/feedback?from=2026-02-30", "from");
}

static void test_too_many_tries_from_one_address_are_refused_with_retry_after(void **state)
{
	(void)state;
	resp *r = NULL;
	for (int i = 0; i < 60; i++) {
		r = client_req(anon, "GET",
		               "/api/v1/feedback/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", NULL,
		               NULL);
		if (r->status == 429)
			break;
		assert_int_equal(r->status, 404);
		resp_free(r);
		r = NULL;
	}
	assert_non_null(r);
	assert_int_equal(r->status, 429);
	assert_true(atoi(resp_header(r, "Retry-After")) >= 1);
	resp_free(r);
	/* Every public route shares the address's bucket. */
	assert_int_equal(
	    client_status(anon, "POST", "/api/v1/feedback/codes", "{\"code\":\"ABCDEFGH\"}"), 429);
	assert_int_equal(
	    client_status(anon, "POST",
	                  "/api/v1/feedback/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
	                  ALL_ANSWERS("1") "}"),
	    429);
	const char *html[] = {"Accept: text/html", NULL};
	r = client_req(anon, "GET", "/feedback/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", NULL,
	               html);
	assert_int_equal(r->status, 429);
	assert_non_null(resp_header(r, "Retry-After"));
	assert_non_null(strstr(r->body, "lang=\"vi\""));
	resp_free(r);
	r = form_post("/feedback", "code=ABCDEFGH");
	assert_int_equal(r->status, 429);
	resp_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_an_officer_invites_feedback_with_a_link_a_code_and_a_qr_code),
	    cmocka_unit_test(test_an_invitation_is_refused_when_it_cannot_be_given_safely),
	    cmocka_unit_test(
	        test_the_questionnaire_comes_in_the_invited_language_and_says_nothing_of_the_victim),
	    cmocka_unit_test(test_every_public_refusal),
	    cmocka_unit_test(test_two_submissions_at_once_count_once),
	    cmocka_unit_test(test_a_code_typed_in_buys_a_new_link),
	    cmocka_unit_test(test_the_page_works_without_javascript),
	    cmocka_unit_test(test_a_comment_the_form_cannot_read_is_refused_not_dropped),
	    cmocka_unit_test(test_comments_are_sealed_read_with_audit_and_redacted_with_if_match),
	    cmocka_unit_test(
	        test_figures_are_suppressed_under_ten_responses_and_never_show_a_raw_comment),
	    cmocka_unit_test(test_too_many_tries_from_one_address_are_refused_with_retry_after),
	};
	return suite_run(&fixture, tests);
}
