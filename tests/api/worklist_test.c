/* The worklist over HTTP: a Reasonable Grounds decision past its target,
 * a recovery period ending within five days, indicators a day old with no
 * referral; each user sees only the cases within their reach. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/client.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/db.h"

static server srv;
static client *inv1, *inv2, *sup1, *opcc1;
static char case_id[64], late[64], recovering[64], unreferred[64], link_unreferred[64];
static char today[DATE_LEN];

static void post_id(client *c, const char *path, const char *body, char *out, size_t n)
{
	resp *r = client_req(c, "POST", path, body, NULL);
	if (r->status != 201)
		fail_msg("POST %s: %ld %s", path, r->status, r->body ? r->body : "");
	if (out)
		snprintf(out, n, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static void victim(const char *given, char *id, char *link)
{
	char body[200], path[128], l[64];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"Test\",\"estimated_age\":15}", given);
	post_id(inv1, "/api/v1/people", body, id, 64);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"potential_victim\"}", id);
	post_id(inv1, path, body, link ? link : l, 64);
}

static int setup(void **state)
{
	(void)state;
	if (server_start(&srv, NULL) != 0)
		return -1;
	inv1 = client_new(&srv);
	inv2 = client_new(&srv);
	sup1 = client_new(&srv);
	opcc1 = client_new(&srv);
	if (client_login(inv1, "inv1", TEST_PASSWORD) != 201 || client_login(inv2, "inv2", TEST_PASSWORD) != 201 ||
	    client_login(sup1, "sup1", TEST_PASSWORD) != 201 || client_login(opcc1, "opcc1", TEST_PASSWORD) != 201)
		return -1;
	char now[CLOCK_ISO_LEN], body[300], id[64], path[160];
	clock_now_iso(now);
	snprintf(today, sizeof today, "%.10s", now);
	post_id(inv1, "/api/v1/cases", "{\"title\":\"Farm, Marlborough\",\"exploitation_types\":[\"labour\"]}",
		case_id, sizeof case_id);
	/* Referred 30 days ago, no decision: long past its target. */
	victim("Late", late, NULL);
	char then[DATE_LEN];
	date_add_days(today, -30, then);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}", case_id, late, then);
	post_id(inv1, "/api/v1/nrm-referrals", body, NULL, 0);
	/* A positive decision 28 days ago: the recovery period ends in 2 days. */
	victim("Recovering", recovering, NULL);
	date_add_days(today, -29, then);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}", case_id,
		 recovering, then);
	post_id(inv1, "/api/v1/nrm-referrals", body, id, sizeof id);
	date_add_days(today, -28, then);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/decisions", id);
	snprintf(body, sizeof body, "{\"stage\":\"reasonable_grounds\",\"outcome\":\"positive\",\"decided_on\":\"%s\"}", then);
	resp *r = client_req(inv1, "POST", path, body, NULL);
	assert_int_equal(r->status, 200);
	resp_free(r);
	/* Indicators, and nothing done about them. */
	victim("Unreferred", unreferred, link_unreferred);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_id, link_unreferred);
	post_id(inv1, path, "{\"code\":\"debt_bondage\"}", NULL, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_free(inv1);
	client_free(inv2);
	client_free(sup1);
	client_free(opcc1);
	return server_stop(&srv);
}

static json_t *item(json_t *list, const char *kind)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(list, "items"), i, x)
	{
		if (strcmp(json_string_value(json_object_get(x, "kind")), kind) == 0)
			return x;
	}
	return NULL;
}

static json_t *worklist(client *c)
{
	resp *r = client_req(c, "GET", "/api/v1/worklist", NULL, NULL);
	assert_int_equal(r->status, 200);
	json_t *j = json_incref(r->json);
	resp_free(r);
	return j;
}

static void test_items_fall_due_by_their_rules(void **state)
{
	(void)state;
	json_t *w = worklist(inv1);
	json_t *rg = item(w, "reasonable_grounds_overdue");
	assert_non_null(rg);
	assert_true(json_is_true(json_object_get(rg, "overdue")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(rg, "person"), "id")), late);
	json_t *rec = item(w, "recovery_period_ending");
	assert_non_null(rec);
	char end[DATE_LEN];
	date_add_days(today, 2, end);
	assert_string_equal(json_string_value(json_object_get(rec, "due")), end);
	assert_true(json_is_false(json_object_get(rec, "overdue")));
	/* Indicators recorded a moment ago are not yet due. */
	assert_null(item(w, "referral_missing"));
	/* Soonest first. */
	const char *prev = "";
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(w, "items"), i, x)
	{
		const char *due = json_string_value(json_object_get(x, "due"));
		assert_true(strcmp(prev, due) <= 0);
		prev = due;
	}
	assert_int_equal(json_integer_value(json_object_get(json_object_get(w, "counts"), "reasonable_grounds_overdue")), 1);
	json_decref(w);
	/* A day later (the indicator backdated 25 hours), the referral is due. */
	db *d;
	char err[256], sql[300], when[CLOCK_ISO_LEN];
	assert_int_equal(db_open(srv.db_url, 5000, &d, err, sizeof err), DB_OK);
	clock_iso(clock_now_ms() - 25LL * 3600 * 1000, when);
	snprintf(sql, sizeof sql, "UPDATE indicators SET recorded_at = '%s' WHERE case_person_id = '%s'", when,
		 link_unreferred);
	assert_int_equal(db_exec(d, sql), DB_OK);
	db_close(d);
	w = worklist(inv1);
	json_t *missing = item(w, "referral_missing");
	assert_non_null(missing);
	assert_string_equal(json_string_value(json_object_get(json_object_get(missing, "person"), "id")), unreferred);
	assert_string_equal(json_string_value(json_object_get(missing, "record_id")), link_unreferred);
	json_decref(w);
	/* A Duty to Notify or a referral takes it off. */
	char body[300];
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}", case_id,
		 unreferred, today);
	post_id(inv1, "/api/v1/nrm-referrals", body, NULL, 0);
	w = worklist(inv1);
	assert_null(item(w, "referral_missing"));
	json_decref(w);
}

static void test_each_user_sees_their_reach(void **state)
{
	(void)state;
	json_t *w = worklist(sup1); /* the same team's supervisor */
	assert_non_null(item(w, "reasonable_grounds_overdue"));
	json_decref(w);
	w = worklist(inv2); /* another team */
	assert_int_equal(json_array_size(json_object_get(w, "items")), 0);
	json_decref(w);
	resp *r = client_req(opcc1, "GET", "/api/v1/worklist", NULL, NULL);
	assert_int_equal(r->status, 403);
	resp_free(r);
	client *anon = client_new(&srv);
	r = client_req(anon, "GET", "/api/v1/worklist", NULL, NULL);
	assert_int_equal(r->status, 401);
	resp_free(r);
	client_free(anon);
	/* A closed case leaves the worklist. */
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	r = client_req(inv1, "GET", path, NULL, NULL);
	char etag[64];
	snprintf(etag, sizeof etag, "If-Match: %s", resp_header(r, "ETag"));
	resp_free(r);
	const char *h[] = {etag, NULL};
	r = client_req(inv1, "PATCH", path, "{\"status\":\"closed\",\"outcome\":\"No further action\"}", h);
	assert_int_equal(r->status, 200);
	resp_free(r);
	w = worklist(inv1);
	assert_int_equal(json_array_size(json_object_get(w, "items")), 0);
	json_decref(w);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_fall_due_by_their_rules),
		cmocka_unit_test(test_each_user_sees_their_reach),
	};
	int rc = cmocka_run_group_tests_name(test_engine_name(), tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
