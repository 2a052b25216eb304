/* Two servers on one database behave as one: what a request depends on
 * (sessions, second-factor replay guards, sign-in throttles, the tries per
 * client address) lives in the database, never in a server's memory. Each
 * test starts two servers, A and B, on a database of its own, as two
 * servers behind a load balancer are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/fixtures.h"
#include "domain/credentials.h"
#include "domain/feedback.h"
#include "domain/totp.h"
#include "store/db.h"

static const char UNKNOWN_LINK[] = "/api/v1/feedback/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

/* Starts A with the standard accounts and B beside it on A's database. */
static void pair_start(server *a, server *b, const char *const *args)
{
	assert_int_equal(server_start(a, args), 0);
	assert_int_equal(server_launch_beside(b, a, args), 0);
}

static void pair_stop(server *a, server *b)
{
	assert_int_equal(server_stop(b), 0);
	assert_int_equal(server_stop(a), 0);
}

static resp *try_sign_in(client *c, const char *username, const char *password, const char *totp)
{
	char body[256];
	if (totp)
		snprintf(body, sizeof body,
		         "{\"username\":\"%s\",\"password\":\"%s\",\"totp\":\"%s\"}", username,
		         password, totp);
	else
		snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
		         password);
	return client_req(c, "POST", "/api/v1/session", body, NULL);
}

static long sign_in_status(client *c, const char *username, const char *password, const char *totp)
{
	resp *r = try_sign_in(c, username, password, totp);
	long status = r->status;
	resp_free(r);
	return status;
}

static int64_t audited(server *s, const char *action)
{
	return server_db_int(s, "SELECT COUNT(*) FROM audit_log WHERE action = $1", action);
}

static void test_a_session_made_on_one_server_works_and_ends_on_the_other(void **state)
{
	(void)state;
	server a, b;
	pair_start(&a, &b, NULL);
	client *c = client_signed_in(&a, "inv1");
	client_use(c, &b);
	json_t *me = client_get_json(c, "/api/v1/me", 200);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(me, "user"), "username")), "inv1");
	/* The CSRF token A gave is the session's, so B knows it too. */
	assert_string_equal(json_string_value(json_object_get(me, "csrf_token")), c->csrf);
	json_decref(me);
	char id[ID_LEN];
	client_post_id(
	    c, "/api/v1/cases",
	    "{\"title\":\"Car wash on the ring road\",\"exploitation_types\":[\"labour\"]}", id);
	/* Without the token the write is refused on B as on A. */
	char keep[sizeof c->csrf];
	snprintf(keep, sizeof keep, "%s", c->csrf);
	c->csrf[0] = '\0';
	assert_int_equal(
	    client_status(c, "POST", "/api/v1/cases",
	                  "{\"title\":\"Nail bar\",\"exploitation_types\":[\"labour\"]}"),
	    403);
	snprintf(c->csrf, sizeof c->csrf, "%s", keep);
	/* What B wrote, A reads. */
	client_use(c, &a);
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", id);
	json_decref(client_get_json(c, path, 200));
	/* Signed out through B, the cookie is refused by A. */
	client_use(c, &b);
	assert_int_equal(client_status(c, "DELETE", "/api/v1/session", NULL), 204);
	client_use(c, &a);
	assert_int_equal(client_status(c, "GET", "/api/v1/me", NULL), 401);
	client_free(c);
	pair_stop(&a, &b);
}

static void test_failed_sign_ins_through_either_server_count_for_the_account(void **state)
{
	(void)state;
	/* A limit of 3 stands in for 100, as in session_test.c. */
	server a, b;
	const char *args[] = {"--sign-in-limit", "3", NULL};
	pair_start(&a, &b, args);
	/* Guesses from three places, one each so no pair delay arises, spread
	 * over both servers. */
	const char *elsewhere[] = {"127.0.0.3", "127.0.0.4", "127.0.0.5"};
	for (int i = 0; i < 3; i++) {
		client *g = client_new_from(i % 2 ? &b : &a, elsewhere[i]);
		assert_int_equal(sign_in_status(g, "inv2", "wrong-password-guess", NULL), 401);
		client_free(g);
	}
	assert_int_equal(
	    server_db_int(&a, "SELECT failed_logins FROM users WHERE username = $1", "inv2"), 3);
	assert_int_equal(audited(&a, "sign_in_limit_reached"), 1);
	/* Both servers now refuse a browser the account does not know. */
	server *both[] = {&a, &b};
	for (int i = 0; i < 2; i++) {
		client *unknown = client_new_from(both[i], "127.0.0.6");
		resp *r = try_sign_in(unknown, "inv2", TEST_PASSWORD, NULL);
		assert_int_equal(r->status, 429);
		assert_non_null(strstr(r->body, "browser that has signed in to it before"));
		resp_free(r);
		client_free(unknown);
	}
	pair_stop(&a, &b);
}

static void test_one_pairs_failures_through_either_server_delay_it_on_both(void **state)
{
	(void)state;
	server a, b;
	pair_start(&a, &b, NULL);
	client *g = client_new_from(&a, "127.0.0.7");
	/* Three free failures, alternating servers: the fourth try waits. */
	for (int i = 0; i < SIGN_IN_FREE_FAILURES; i++) {
		client_use(g, i % 2 ? &b : &a);
		assert_int_equal(sign_in_status(g, "sup1", "wrong-password-guess", NULL), 401);
	}
	for (int i = 0; i < 2; i++) {
		client_use(g, i ? &b : &a);
		resp *r = try_sign_in(g, "sup1", TEST_PASSWORD, NULL);
		assert_int_equal(r->status, 429);
		assert_non_null(strstr(r->body, "to this account from this address"));
		assert_non_null(resp_header(r, "Retry-After"));
		resp_free(r);
	}
	client_free(g);
	pair_stop(&a, &b);
}

static void test_an_addresss_tries_through_either_server_draw_on_one_bucket(void **state)
{
	(void)state;
	server a, b;
	pair_start(&a, &b, NULL);
	client *g = client_new_from(&a, "127.0.0.8");
	/* Distinct names, so no pair delay: only the address's bucket counts. */
	for (int i = 0; i < ADDR_BURST; i++) {
		char name[32];
		snprintf(name, sizeof name, "nobody-%d", i);
		client_use(g, i % 2 ? &b : &a);
		assert_int_equal(sign_in_status(g, name, "wrong-password-guess", NULL), 401);
	}
	for (int i = 0; i < 2; i++) {
		client_use(g, i ? &b : &a);
		resp *r = try_sign_in(g, "inv1", TEST_PASSWORD, NULL);
		assert_int_equal(r->status, 429);
		assert_non_null(strstr(r->body, "from this address"));
		assert_true(atoi(resp_header(r, "Retry-After")) >= 1);
		resp_free(r);
	}
	/* Another address is not held back, on either server. */
	client *other = client_new_from(&b, "127.0.0.9");
	assert_int_equal(sign_in_status(other, "inv1", TEST_PASSWORD, NULL), 201);
	client_use(other, &a);
	assert_int_equal(sign_in_status(other, "inv1", TEST_PASSWORD, NULL), 201);
	/* Right passwords gave their tries back: the bucket is full again. */
	assert_int_equal(server_db_int(&a,
	                               "SELECT COUNT(*) FROM address_buckets WHERE address = $1",
	                               "127.0.0.9"),
	                 0);
	client_free(g);
	client_free(other);
	pair_stop(&a, &b);
}

typedef struct racer {
	server *s;
	int n;
	pthread_barrier_t *start;
	long status;
} racer;

static void *race(void *arg)
{
	racer *r = arg;
	client *c = client_new(r->s);
	char name[32];
	snprintf(name, sizeof name, "nobody-%d", r->n);
	pthread_barrier_wait(r->start);
	r->status = sign_in_status(c, name, "wrong-password-guess", NULL);
	client_free(c);
	return NULL;
}

static void test_tries_at_once_on_two_servers_get_no_more_than_the_bucket(void **state)
{
	(void)state;
	server a, b;
	const char *args[] = {"--threads", "8", "--busy-timeout-ms", "30000", NULL};
	pair_start(&a, &b, args);
	enum { TRIES = 32 };
	pthread_t t[TRIES];
	racer r[TRIES];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, TRIES);
	for (int i = 0; i < TRIES; i++) {
		r[i] = (racer){.s = i % 2 ? &b : &a, .n = i, .start = &start};
		assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
	}
	int checked = 0, refused = 0, busy = 0;
	for (int i = 0; i < TRIES; i++) {
		pthread_join(t[i], NULL);
		checked += r[i].status == 401;
		refused += r[i].status == 429;
		/* A try that outwaits the busy timeout is answered 503 with
		 * nothing done: no try at the password. */
		busy += r[i].status == 503;
	}
	pthread_barrier_destroy(&start);
	if (checked + refused + busy != TRIES)
		fail_msg("%d checked, %d refused, %d busy: %d tries answered otherwise", checked,
			 refused, busy, TRIES - checked - refused - busy);
	if (checked > ADDR_BURST)
		fail_msg("%d of %d tries at once on two servers reached the password check",
		         checked, TRIES);
	assert_true(checked >= 1);
	assert_int_equal(audited(&a, "login_failed"), checked);
	pair_stop(&a, &b);
}

static char *code_at(const char *secret, int64_t t)
{
	static char code[7];
	assert_int_equal(totp_code(secret, t, code), 0);
	return code;
}

static void test_a_second_factor_code_used_on_one_server_is_refused_on_the_other(void **state)
{
	(void)state;
	server a, b;
	pair_start(&a, &b, NULL);
	client *c = client_signed_in(&a, "inv1");
	resp *r = client_expect(c, "POST", "/api/v1/me/totp", NULL, 201);
	char secret[64];
	snprintf(secret, sizeof secret, "%s",
	         json_string_value(json_object_get(r->json, "secret")));
	resp_free(r);
	int64_t now = time(NULL);
	char body[64];
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code_at(secret, now));
	r = client_expect(c, "POST", "/api/v1/me/totp/confirm", body, 200);
	char recovery[16];
	snprintf(recovery, sizeof recovery, "%s",
	         json_string_value(json_array_get(json_object_get(r->json, "recovery_codes"), 0)));
	resp_free(r);
	client_free(c);
	/* The next step's code signs in through A once; B refuses it again. */
	char next[7];
	snprintf(next, sizeof next, "%s", code_at(secret, now + 30));
	client *d = client_new(&a);
	assert_int_equal(sign_in_status(d, "inv1", TEST_PASSWORD, next), 201);
	client_use(d, &b);
	r = try_sign_in(d, "inv1", TEST_PASSWORD, next);
	assert_int_equal(r->status, 401);
	assert_true(json_is_true(json_object_get(r->json, "totp_required")));
	resp_free(r);
	/* So is the code enrolment spent, and a recovery code spent on B is spent on A. */
	assert_int_equal(sign_in_status(d, "inv1", TEST_PASSWORD, code_at(secret, now)), 401);
	assert_int_equal(sign_in_status(d, "inv1", TEST_PASSWORD, recovery), 201);
	client_use(d, &a);
	assert_int_equal(sign_in_status(d, "inv1", TEST_PASSWORD, recovery), 401);
	client_free(d);
	pair_stop(&a, &b);
}

static void test_the_feedback_pages_tries_count_across_servers(void **state)
{
	(void)state;
	server a, b;
	pair_start(&a, &b, NULL);
	client *anon = client_new_from(&a, "127.0.0.10");
	for (int i = 0; i < FEEDBACK_TRIES_BURST; i++) {
		client_use(anon, i % 2 ? &b : &a);
		assert_int_equal(client_status(anon, "GET", UNKNOWN_LINK, NULL), 404);
	}
	for (int i = 0; i < 2; i++) {
		client_use(anon, i ? &b : &a);
		resp *r = client_req(anon, "GET", UNKNOWN_LINK, NULL, NULL);
		assert_int_equal(r->status, 429);
		assert_true(atoi(resp_header(r, "Retry-After")) >= 1);
		resp_free(r);
		assert_int_equal(client_status(anon, "POST", "/api/v1/feedback/codes",
		                               "{\"code\":\"ABCDEFGH\"}"),
		                 429);
	}
	/* Sign-in keeps a bucket of its own. */
	assert_int_equal(sign_in_status(anon, "inv1", TEST_PASSWORD, NULL), 201);
	client_free(anon);
	pair_stop(&a, &b);
}

/* Holds the bucket table locked from outside until unlock. */
static db *lock_buckets(server *s)
{
	db *locker = server_db_open(s);
	if (strcmp(test_engine_name(), "pg") == 0)
		assert_int_equal(db_exec(locker, "BEGIN; LOCK TABLE address_buckets IN ACCESS "
		                                 "EXCLUSIVE MODE"),
		                 DB_OK);
	else
		assert_int_equal(db_exec(locker, "BEGIN IMMEDIATE"), DB_OK);
	return locker;
}

static void unlock(db *locker)
{
	assert_int_equal(db_exec(locker, "ROLLBACK"), DB_OK);
	db_close(locker);
}

static void test_a_bucket_that_cannot_be_read_lets_no_try_through(void **state)
{
	(void)state;
	server a, b;
	const char *args[] = {"--busy-timeout-ms", "200", NULL};
	pair_start(&a, &b, args);
	int64_t sessions = server_db_int(&a, "SELECT COUNT(*) FROM sessions", NULL);
	int64_t entries = server_db_int(&a, "SELECT COUNT(*) FROM audit_log", NULL);
	client *c = client_new(&b);
	db *locker = lock_buckets(&a);
	/* The right password is not checked, nor a guess counted: 503. */
	resp *r = try_sign_in(c, "inv1", TEST_PASSWORD, NULL);
	assert_int_equal(r->status, 503);
	assert_non_null(resp_header(r, "Retry-After"));
	assert_null(resp_header(r, "Set-Cookie"));
	resp_free(r);
	assert_int_equal(sign_in_status(c, "inv1", "wrong-password-guess", NULL), 503);
	r = client_req(c, "GET", UNKNOWN_LINK, NULL, NULL);
	assert_int_equal(r->status, 503);
	assert_non_null(resp_header(r, "Retry-After"));
	resp_free(r);
	unlock(locker);
	assert_int_equal(server_db_int(&a, "SELECT COUNT(*) FROM sessions", NULL), sessions);
	assert_int_equal(server_db_int(&a, "SELECT COUNT(*) FROM audit_log", NULL), entries);
	assert_int_equal(
	    server_db_int(&a, "SELECT failed_logins FROM users WHERE username = $1", "inv1"), 0);
	/* Once the lock is gone the same sign-in succeeds. */
	assert_int_equal(sign_in_status(c, "inv1", TEST_PASSWORD, NULL), 201);
	client_free(c);
	pair_stop(&a, &b);
}

int main(void)
{
	oath_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_session_made_on_one_server_works_and_ends_on_the_other),
	    cmocka_unit_test(test_failed_sign_ins_through_either_server_count_for_the_account),
	    cmocka_unit_test(test_one_pairs_failures_through_either_server_delay_it_on_both),
	    cmocka_unit_test(test_an_addresss_tries_through_either_server_draw_on_one_bucket),
	    cmocka_unit_test(test_tries_at_once_on_two_servers_get_no_more_than_the_bucket),
	    cmocka_unit_test(test_a_second_factor_code_used_on_one_server_is_refused_on_the_other),
	    cmocka_unit_test(test_the_feedback_pages_tries_count_across_servers),
	    cmocka_unit_test(test_a_bucket_that_cannot_be_read_lets_no_try_through),
	};
	int failed = suite_run(&(const suite){.srv = NULL}, tests);
	oath_done();
	return failed;
}
