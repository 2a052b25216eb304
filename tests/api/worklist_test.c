/* The worklist over HTTP: a Reasonable Grounds decision past its target,
 * a recovery period ending within five days, indicators a day old with no
 * referral; each user sees only the cases within their reach, and a role
 * without cases (the Commissioner's office, a partner, an auditor, an
 * administrator) none of a case's items. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "domain/workdays.h"
#include "domain/worklist.h"
#include "lib/clock.h"
#include "store/db.h"

static server srv;
static client *inv1, *inv2, *sup1, *opcc1, *part1, *aud1, *admin1;
static char case_id[ID_LEN], late[ID_LEN], recovering[ID_LEN], unreferred[ID_LEN], link_unreferred[ID_LEN];
static char today[DATE_LEN];

static void victim(const char *given, char *id, char *link)
{
	char body[200];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"Test\",\"estimated_age\":15}", given);
	client_post_id(inv1, "/api/v1/people", body, id);
	case_link_person(inv1, case_id, id, "potential_victim", link);
}

static int records(void)
{
	char body[300], id[ID_LEN], path[160];
	clock_today(today);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Farm, Marlborough\",\"exploitation_types\":[\"labour\"]}",
		case_id);
	/* Referred 30 days ago, no decision: long past its target. */
	victim("Late", late, NULL);
	char then[DATE_LEN];
	date_add_days(today, -30, then);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}", case_id, late, then);
	client_post_id(inv1, "/api/v1/nrm-referrals", body, NULL);
	/* A positive decision 28 days ago: the recovery period ends in 2 days. */
	victim("Recovering", recovering, NULL);
	date_add_days(today, -29, then);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}", case_id,
		 recovering, then);
	client_post_id(inv1, "/api/v1/nrm-referrals", body, id);
	date_add_days(today, -28, then);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/decisions", id);
	snprintf(body, sizeof body, "{\"stage\":\"reasonable_grounds\",\"outcome\":\"positive\",\"decided_on\":\"%s\"}", then);
	assert_int_equal(client_status(inv1, "POST", path, body), 200);
	/* Indicators, and nothing done about them. */
	victim("Unreferred", unreferred, link_unreferred);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_id, link_unreferred);
	client_post_id(inv1, path, "{\"code\":\"debt_bondage\"}", NULL);
	return 0;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&sup1, "sup1"}, {&opcc1, "opcc1"},
	{&part1, "part1"}, {&aud1, "aud1"}, {&admin1, "admin1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

static json_t *item(json_t *list, const char *kind)
{
	return json_find(json_object_get(list, "items"), "kind", kind);
}

static json_t *worklist(client *c)
{
	return client_get_json(c, "/api/v1/worklist", 200);
}

static void test_items_fall_due_by_their_rules(void **state)
{
	(void)state;
	json_t *w = worklist(inv1);
	json_t *rg = item(w, "reasonable_grounds_overdue");
	assert_non_null(rg);
	assert_true(json_is_true(json_object_get(rg, "overdue")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(rg, "person"), "id")), late);
	/* A child is named as one wherever their name appears. */
	assert_true(json_is_true(json_object_get(json_object_get(rg, "person"), "presumed_child")));
	json_t *rec = item(w, "recovery_period_ending");
	assert_non_null(rec);
	char end[DATE_LEN];
	date_add_days(today, 2, end);
	assert_string_equal(json_string_value(json_object_get(rec, "due")), end);
	assert_true(json_is_false(json_object_get(rec, "overdue")));
	/* Indicators recorded a moment ago are not yet due. */
	assert_null(item(w, "referral_missing"));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(w, "counts"), "reasonable_grounds_overdue")), 1);
	json_decref(w);
	/* An adult is not. */
	server_db_run(&srv, "UPDATE people SET estimated_age = 30 WHERE id = $1", 1, (const char *const[]){late});
	w = worklist(inv1);
	rg = item(w, "reasonable_grounds_overdue");
	assert_true(json_is_false(json_object_get(json_object_get(rg, "person"), "presumed_child")));
	json_decref(w);
	server_db_run(&srv, "UPDATE people SET estimated_age = 15 WHERE id = $1", 1, (const char *const[]){late});
	/* A day later (the indicator backdated 25 hours), the referral is due. */
	char when[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() - 25LL * 3600 * 1000, when);
	server_db_run(&srv, "UPDATE indicators SET recorded_at = $1 WHERE case_person_id = $2", 2,
		      (const char *const[]){when, link_unreferred});
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
	client_post_id(inv1, "/api/v1/nrm-referrals", body, NULL);
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
	/* Roles without cases ask too, and get none of a case's items. */
	client *others[] = {opcc1, part1, aud1, admin1};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		w = worklist(others[i]);
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(w, "items"), k, x)
		{
			if (!json_is_null(json_object_get(x, "case")) || !json_is_null(json_object_get(x, "person")))
				fail_msg("a role without cases got %s", json_string_value(json_object_get(x, "kind")));
		}
		json_t *counts = json_object_get(w, "counts");
		assert_null(json_object_get(counts, "reasonable_grounds_overdue"));
		assert_null(json_object_get(counts, "referral_missing"));
		assert_null(json_object_get(counts, "case_unallocated"));
		json_decref(w);
	}
	client *anon = client_new(&srv);
	assert_int_equal(client_status(anon, "GET", "/api/v1/worklist", NULL), 401);
	client_free(anon);
	/* A closed case leaves the worklist. */
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	assert_int_equal(resp_status(client_patch_current(inv1, path, "{\"status\":\"closed\",\"outcome\":\"No further action\"}")), 200);
	w = worklist(inv1);
	assert_int_equal(json_array_size(json_object_get(w, "items")), 0);
	json_decref(w);
}

/* The order an officer acts in: overdue, then due today, then coming up;
 * within each, grouped by kind; each item's state agrees with its date. */
static void test_the_worklist_leads_with_what_is_late(void **state)
{
	(void)state;
	json_t *w = worklist(inv1), *x;
	size_t i, n = json_array_size(json_object_get(w, "items"));
	assert_int_equal(json_integer_value(json_object_get(w, "total")), n);
	assert_true(json_is_null(json_object_get(w, "next_cursor")));
	int prev_state = 0, prev_kind = 0;
	json_array_foreach(json_object_get(w, "items"), i, x)
	{
		const char *st = json_string_value(json_object_get(x, "state"));
		const char *due = json_string_value(json_object_get(x, "due"));
		int c = strcmp(due, today);
		assert_string_equal(st, c < 0 ? "overdue" : c == 0 ? "due" : "upcoming");
		int rs = worklist_state_rank(st), rk = worklist_kind_rank(json_string_value(json_object_get(x, "kind")));
		assert_true(rs > prev_state || (rs == prev_state && rk >= prev_kind));
		if (rs > prev_state)
			prev_kind = 0;
		prev_state = rs;
		prev_kind = rk;
	}
	assert_string_equal(json_string_value(json_object_get(item(w, "reasonable_grounds_overdue"), "state")), "overdue");
	assert_string_equal(json_string_value(json_object_get(item(w, "recovery_period_ending"), "state")), "upcoming");
	json_t *states = json_object_get(w, "states");
	assert_int_equal(json_integer_value(json_object_get(states, "overdue")) +
				 json_integer_value(json_object_get(states, "due")) +
				 json_integer_value(json_object_get(states, "upcoming")),
			 n);
	json_decref(w);
	/* Filtered by state: only the overdue; the counts by kind follow. */
	w = client_get_json(inv1, "/api/v1/worklist?state=overdue", 200);
	json_array_foreach(json_object_get(w, "items"), i, x)
		assert_string_equal(json_string_value(json_object_get(x, "state")), "overdue");
	assert_null(item(w, "recovery_period_ending"));
	assert_null(json_object_get(json_object_get(w, "counts"), "recovery_period_ending"));
	json_decref(w);
	/* Filtered by kind: one kind, while the counts still show the others. */
	w = client_get_json(inv1, "/api/v1/worklist?kind=recovery_period_ending", 200);
	assert_int_equal(json_array_size(json_object_get(w, "items")), 1);
	assert_int_equal(json_integer_value(json_object_get(w, "total")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(w, "counts"), "reasonable_grounds_overdue")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(w, "states"), "upcoming")), 1);
	json_decref(w);
}

/* Pages of one item follow each other to the end, in the whole list's order. */
static void test_the_worklist_pages_like_every_list(void **state)
{
	(void)state;
	json_t *all = worklist(inv1);
	size_t n = json_array_size(json_object_get(all, "items"));
	assert_true(n >= 2);
	char path[200] = "/api/v1/worklist?limit=1";
	for (size_t i = 0; i < n; i++) {
		json_t *p = client_get_json(inv1, path, 200);
		assert_int_equal(json_array_size(json_object_get(p, "items")), 1);
		assert_int_equal(json_integer_value(json_object_get(p, "total")), n);
		json_t *want = json_array_get(json_object_get(all, "items"), i);
		assert_true(json_equal(json_array_get(json_object_get(p, "items"), 0), want));
		json_t *next = json_object_get(p, "next_cursor");
		if (i + 1 < n)
			snprintf(path, sizeof path, "/api/v1/worklist?limit=1&cursor=%s", json_string_value(next));
		else
			assert_true(json_is_null(next));
		json_decref(p);
	}
	json_decref(all);
	/* Bad paging or filters answer 400 naming the parameter. */
	static const char *const bad[][2] = {
		{"/api/v1/worklist?limit=0", "limit"},		{"/api/v1/worklist?limit=201", "limit"},
		{"/api/v1/worklist?limit=ten", "limit"},	{"/api/v1/worklist?cursor=not-one", "cursor"},
		{"/api/v1/worklist?kind=lunch", "kind"},	{"/api/v1/worklist?state=later", "state"},
		{"/api/v1/worklist?holder=everyone", "holder"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		client_expect_query_error(inv1, bad[i][0], bad[i][1]);
}

/* A supervisor sees who holds each item, and each user can narrow the
 * list to their own items or their team's. */
static void test_who_holds_each_item(void **state)
{
	(void)state;
	json_t *w = client_get_json(sup1, "/api/v1/worklist?kind=reasonable_grounds_overdue&holder=none", 200);
	assert_non_null(item(w, "reasonable_grounds_overdue")); /* nobody leads the case yet */
	json_decref(w);
	json_t *me = client_get_json(inv1, "/api/v1/me", 200);
	const char *inv1_id = json_string_value(json_object_get(json_object_get(me, "user"), "id"));
	server_db_run(&srv,
		      "INSERT INTO case_leads (id, case_id, user_id, allocated_by, allocated_at) "
		      "VALUES ('lead-worklist', $1, $2, $2, '2026-01-01T00:00:00.000Z')",
		      2, (const char *const[]){case_id, inv1_id});
	w = client_get_json(sup1, "/api/v1/worklist?holder=team", 200);
	json_t *rg = item(w, "reasonable_grounds_overdue");
	assert_non_null(rg);
	assert_string_equal(json_string_value(json_object_get(json_object_get(rg, "holder"), "id")), inv1_id);
	assert_string_equal(json_string_value(json_object_get(json_object_get(rg, "holder"), "name")),
			    json_string_value(json_object_get(json_object_get(me, "user"), "display_name")));
	json_decref(w);
	w = client_get_json(inv1, "/api/v1/worklist?holder=me", 200);
	assert_non_null(item(w, "reasonable_grounds_overdue"));
	json_decref(w);
	w = client_get_json(sup1, "/api/v1/worklist?holder=me", 200); /* the supervisor holds none of it */
	assert_null(item(w, "reasonable_grounds_overdue"));
	json_decref(w);
	w = client_get_json(sup1, "/api/v1/worklist?holder=none", 200);
	assert_null(item(w, "reasonable_grounds_overdue"));
	json_decref(w);
	server_db_run(&srv, "DELETE FROM case_leads WHERE id = 'lead-worklist'", 0, NULL);
	json_decref(me);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_fall_due_by_their_rules),
		cmocka_unit_test(test_the_worklist_leads_with_what_is_late),
		cmocka_unit_test(test_the_worklist_pages_like_every_list),
		cmocka_unit_test(test_who_holds_each_item),
		cmocka_unit_test(test_each_user_sees_their_reach),
	};
	return suite_run(&fixture, tests);
}
