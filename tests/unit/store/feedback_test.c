/* Victims' feedback in the store, on both engines: an invitation used once,
 * a response that names no invitation, comments by state and redacted
 * once, and tallies by organisation and day. */
#include "unit/test.h"

#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/feedback.h"
#include "support/engines.h"
#include "support/fixtures.h"

static void invite(db *d, const user_rec *by, const char *case_id, const char *person_id, const char *link_id,
                   int64_t lasts_ms, const char *hash, feedback_invitation_rec *r)
{
	memset(r, 0, sizeof *r);
	snprintf(r->org_id, sizeof r->org_id, "%s", by->org_id);
	snprintf(r->team_id, sizeof r->team_id, "%s", by->team_id);
	snprintf(r->case_id, sizeof r->case_id, "%s", case_id);
	snprintf(r->link_id, sizeof r->link_id, "%s", link_id);
	snprintf(r->person_id, sizeof r->person_id, "%s", person_id);
	snprintf(r->language, sizeof r->language, "sq");
	snprintf(r->delivery, sizeof r->delivery, "in_person");
	snprintf(r->created_by, sizeof r->created_by, "%s", by->id);
	clock_iso(clock_now_ms() + lasts_ms, r->expires_at);
	char code[80];
	snprintf(code, sizeof code, "code-%s", hash);
	assert_int_equal(store_feedback_invite(d, r, hash, code), DB_OK);
}

static void test_an_invitation_is_used_once_and_not_after_it_expires(db *d)
{
	user_rec u;
	fixture_user(d, "inv", "investigator", "Force", "EMT", &u);
	char case_id[37], person[37], link[37];
	fixture_case(d, &u, "Car wash", case_id);
	fixture_part(d, &u, case_id, "Arta", "Hoxha", "potential_victim", person, link);
	feedback_invitation_rec r, got, old;
	invite(d, &u, case_id, person, link, 60000, "hash-one", &r);
	assert_int_equal(store_feedback_by_token(d, "hash-one", &got), DB_ROW);
	assert_string_equal(got.id, r.id);
	assert_string_equal(got.language, "sq");
	assert_false(got.used);
	assert_int_equal(store_feedback_by_code(d, "code-hash-one", &got), DB_ROW);
	assert_int_equal(store_feedback_by_token(d, "hash-nope", &got), DB_DONE);
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	/* A new token for a typed code: the old hash finds nothing. */
	assert_int_equal(store_feedback_retoken(d, r.id, "hash-new", now), DB_OK);
	assert_int_equal(store_feedback_by_token(d, "hash-one", &got), DB_DONE);
	assert_int_equal(store_feedback_use(d, r.id, now), DB_OK);
	assert_int_equal(store_feedback_use(d, r.id, now), DB_DONE); /* once */
	assert_int_equal(store_feedback_retoken(d, r.id, "hash-newer", now), DB_DONE);
	assert_int_equal(store_feedback_by_token(d, "hash-new", &got), DB_ROW);
	assert_true(got.used);
	invite(d, &u, case_id, person, link, -1000, "hash-old", &old);
	assert_int_equal(store_feedback_use(d, old.id, now), DB_DONE); /* expired */
}

typedef struct seen {
	int n;
	char id[37];
	int64_t version;
	char state[24];
} seen;

static int keep(const feedback_comment_rec *k, void *arg)
{
	seen *s = arg;
	s->n++;
	snprintf(s->id, sizeof s->id, "%s", k->id);
	snprintf(s->state, sizeof s->state, "%s", k->state);
	s->version = k->version;
	return DB_OK;
}

typedef struct counts {
	int64_t n[FEEDBACK_QUESTIONS][FEEDBACK_SCORES + 1];
} counts;

static int count(const char *question, int score, int64_t n, void *arg)
{
	counts *c = arg;
	c->n[feedback_question_of(question)][score] += n;
	return DB_OK;
}

static int texts(const char *text, const char *on, void *arg)
{
	(void)on;
	snprintf(arg, 64, "%s", text);
	return DB_OK;
}

static void test_a_response_is_kept_apart_and_its_comment_redacted_once(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	arena *a = arena_new();
	char today[CLOCK_DATE_LEN], after[CLOCK_DATE_LEN];
	clock_today(today);
	snprintf(after, sizeof after, "9999-12-31");
	feedback_response_rec r = {.org_id = north.org_id, .language = "vi", .submitted_on = today,
	                           .scores = {5, 4, 0, 3, 2, 1}, .sealed_comment = "v1:sealed"};
	assert_int_equal(store_feedback_respond(d, &r), DB_OK);
	assert_int_equal(strlen(r.id), 36);
	assert_int_equal(r.id[14], '4'); /* random, not time-ordered */
	assert_true(r.comment_id[0]);
	feedback_response_rec other = {.org_id = south.org_id, .language = "en", .submitted_on = today,
	                               .scores = {1, 1, 1, 1, 1, 1}};
	assert_int_equal(store_feedback_respond(d, &other), DB_OK);
	assert_false(other.comment_id[0]);
	/* Tallies by organisation: north's only. */
	store_orgs orgs = {.org_id = north.org_id};
	counts c = {0};
	int64_t total = 0;
	assert_int_equal(store_feedback_tally(d, &orgs, "2000-01-01", after, &total, count, &c), DB_OK);
	assert_int_equal(total, 1);
	assert_int_equal(c.n[0][5], 1);
	assert_int_equal(c.n[2][0], 1); /* prefer not to say */
	assert_int_equal(c.n[5][1], 1);
	/* The Commissioner's area counts both forces in it. */
	store_orgs area = {.area_of = office.id};
	assert_int_equal(store_feedback_tally(d, &area, "2000-01-01", after, &total, count, &c), DB_OK);
	assert_true(total >= 1);
	/* The comment awaits redaction; once redacted its raw text is gone. */
	seen s = {0};
	assert_int_equal(store_feedback_comments(d, a, &orgs, "awaiting_redaction", keep, &s), DB_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.id, r.comment_id);
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	assert_int_equal(store_feedback_comment_deal(d, s.id, s.version + 1, "x", NULL, north.id, now), DB_DONE);
	assert_int_equal(store_feedback_comment_deal(d, s.id, s.version, "[name] was kind", NULL, north.id, now),
	                 DB_OK);
	assert_int_equal(store_feedback_comment_deal(d, s.id, s.version + 1, "again", NULL, north.id, now), DB_DONE);
	feedback_comment_rec k;
	assert_int_equal(store_feedback_comment_get(d, a, s.id, &k), DB_ROW);
	assert_string_equal(k.state, "redacted");
	assert_null(k.sealed_text);
	assert_string_equal(k.redacted_text, "[name] was kind");
	assert_int_equal(k.version, s.version + 1);
	char text[64] = "";
	assert_int_equal(store_feedback_redacted(d, &orgs, "2000-01-01", after, texts, text), DB_OK);
	assert_string_equal(text, "[name] was kind");
	store_orgs south_orgs = {.org_id = south.org_id};
	memset(&s, 0, sizeof s);
	assert_int_equal(store_feedback_comments(d, a, &south_orgs, NULL, keep, &s), DB_OK);
	assert_int_equal(s.n, 0);
	arena_free(a);
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_an_invitation_is_used_once_and_not_after_it_expires),
	    ENGINE_TEST(test_a_response_is_kept_apart_and_its_comment_redacted_once),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/feedback"), tests, NULL, NULL);
}
