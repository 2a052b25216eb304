/* Statistics of potential victims over HTTP, and the disclosure threshold
 * they are published under: a table built through the API in which a small
 * count could be worked out by subtraction unless further cells are hidden
 * with it; the margins of a two-way table the same as the one-way tables;
 * zero shown; the other force's victims never counted; the threshold set by
 * an administrator alone, versioned and audited, and changing the answer;
 * every refusal naming its field. */
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
#include "lib/clock.h"

static server srv;
static client *admin1, *sup1, *inv1, *an1, *opcc1, *part1, *inv_b, *an_b;

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", "Intelligence") ||
	       server_add_account(s, "inv_b", "investigator", "Other Constabulary", "B-EMT") ||
	       server_add_account(s, "an_b", "analyst", "Other Constabulary", "B-Intelligence") ||
	       server_second_factor_off(s, "Other Constabulary") != 0;
}

/* What happens to each victim after they are linked. */
enum { NOTHING, REFERRED, NOTIFIED };

/* n people of the gender and nationality (with extra members of the
 * person, or ""), each linked to the case as a potential victim by c, and
 * then referred to the NRM or reported under the Duty to Notify. */
static void victims(client *c, const char *case_id, int n, const char *gender,
                    const char *nationality, const char *extra, int then)
{
	for (int i = 0; i < n; i++) {
		char body[300], id[ID_LEN];
		snprintf(
		    body, sizeof body,
		    "{\"given_names\":\"Victim\",\"family_name\":\"%s %s %d\",\"gender\":\"%s\","
		    "\"nationalities\":[\"%s\"]%s}",
		    gender, nationality, i, gender, nationality, extra);
		client_post_id(c, "/api/v1/people", body, id);
		case_link_person(c, case_id, id, "potential_victim", NULL);
		char today[DATE_LEN];
		clock_today(today);
		if (then == REFERRED) {
			snprintf(body, sizeof body,
			         "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}",
			         case_id, id, today);
			client_post_id(c, "/api/v1/nrm-referrals", body, NULL);
		} else if (then == NOTIFIED) {
			snprintf(
			    body, sizeof body,
			    "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"%s\"}",
			    case_id, id, today);
			client_post_id(c, "/api/v1/duty-to-notify", body, NULL);
		}
	}
}

/* Test Constabulary's labour case: female AL 1, VN 4, RO 6 (children of
 * 16, referred to the NRM); male AL 5, VN 7, RO 8 (adults reported under
 * the Duty to Notify): 31 in all, and a suspect who is never counted.
 * Other Constabulary's: one female AL victim. */
static int records(void)
{
	char a[ID_LEN], b[ID_LEN], s[ID_LEN];
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Car wash, Frome\",\"exploitation_types\":[\"labour\"]}", a);
	victims(inv1, a, 1, "female", "AL", "", NOTHING);
	victims(inv1, a, 4, "female", "VN", "", NOTHING);
	victims(inv1, a, 6, "female", "RO", ",\"estimated_age\":16", REFERRED);
	victims(inv1, a, 5, "male", "AL", "", NOTHING);
	victims(inv1, a, 7, "male", "VN", "", NOTHING);
	victims(inv1, a, 8, "male", "RO", ",\"estimated_age\":30", NOTIFIED);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Sam\",\"family_name\":\"Suspect\"}", s);
	case_link_person(inv1, a, s, "suspect", NULL);
	client_post_id(inv_b, "/api/v1/cases",
	               "{\"title\":\"Hand car wash, "
	               "Exeter\",\"exploitation_types\":[\"labour\",\"criminal\"]}",
	               b);
	victims(inv_b, b, 1, "female", "AL", "", NOTHING);
	return 0;
}

static const suite_login logins[] = {
    {&admin1, "admin1"}, {&sup1, "sup1"},   {&inv1, "inv1"}, {&an1, "an1"}, {&opcc1, "opcc1"},
    {&part1, "part1"},   {&inv_b, "inv_b"}, {&an_b, "an_b"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* Sets the threshold as admin1, wanting 200. */
static void threshold_set(int t)
{
	char body[32];
	snprintf(body, sizeof body, "{\"threshold\":%d}", t);
	resp *r = client_put_current(admin1, "/api/v1/settings/disclosure", body);
	if (r->status != 200)
		fail_msg("setting the threshold: %ld %s", r->status, r->body ? r->body : "");
	resp_free(r);
}

static const char *text(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

/* The cell of cells whose dimensions have the values (v2 NULL for one
 * dimension); fails when there is none. Borrowed. */
static json_t *cell(json_t *cells, const char *d1, const char *v1, const char *d2, const char *v2)
{
	size_t i;
	json_t *c;
	json_array_foreach(cells, i, c)
	{
		if (strcmp(text(c, d1), v1) == 0 && (!d2 || strcmp(text(c, d2), v2) == 0))
			return c;
	}
	fail_msg("no cell %s=%s %s=%s", d1, v1, d2 ? d2 : "", v2 ? v2 : "");
	return NULL;
}

/* A cell's count, or -1 when it is suppressed (and then it holds no count). */
static long figure(json_t *c)
{
	if (json_is_true(json_object_get(c, "suppressed"))) {
		assert_null(json_object_get(c, "count"));
		return -1;
	}
	assert_true(json_is_integer(json_object_get(c, "count")));
	return (long)json_integer_value(json_object_get(c, "count"));
}

static long gn(json_t *t, const char *gender, const char *nat)
{
	return figure(cell(json_object_get(t, "cells"), "gender", gender, "nationality", nat));
}

static void
test_a_small_count_is_hidden_with_enough_others_that_no_subtraction_finds_it(void **state)
{
	(void)state;
	threshold_set(3);
	json_t *t = client_get_json(sup1, "/api/v1/statistics?by=gender,nationality", 200);
	assert_int_equal(json_integer_value(json_object_get(t, "threshold")), 3);
	/* 1 is hidden; alone it would be 11 - 4 - 6 (its row) or 6 - 5 (its
	 * column), so its row hides 4, its column 5, and 4's column 7. */
	assert_int_equal(gn(t, "female", "AL"), -1);
	assert_int_equal(gn(t, "female", "VN"), -1);
	assert_int_equal(gn(t, "male", "AL"), -1);
	assert_int_equal(gn(t, "male", "VN"), -1);
	assert_int_equal(gn(t, "female", "RO"), 6);
	assert_int_equal(gn(t, "male", "RO"), 8);
	assert_int_equal(gn(t, "other", "RO"), 0); /* zero is a number */
	assert_int_equal(json_array_size(json_object_get(t, "cells")), 4 * 3);
	assert_int_equal(json_integer_value(json_object_get(t, "total")), 31);
	json_t *totals = json_object_get(t, "totals");
	assert_int_equal(
	    figure(cell(json_object_get(totals, "gender"), "gender", "female", NULL, NULL)), 11);
	assert_int_equal(
	    figure(cell(json_object_get(totals, "gender"), "gender", "male", NULL, NULL)), 20);
	assert_int_equal(
	    figure(cell(json_object_get(totals, "nationality"), "nationality", "AL", NULL, NULL)),
	    6);
	/* The margins are the one-way tables of the same range. */
	json_t *by_nat = client_get_json(an1, "/api/v1/statistics?by=nationality", 200);
	assert_true(
	    json_equal(json_object_get(by_nat, "cells"), json_object_get(totals, "nationality")));
	assert_true(json_equal(json_object_get(json_object_get(by_nat, "totals"), "nationality"),
	                       json_object_get(by_nat, "cells")));
	json_t *by_gender = client_get_json(opcc1, "/api/v1/statistics?by=gender", 200);
	assert_true(
	    json_equal(json_object_get(by_gender, "cells"), json_object_get(totals, "gender")));
	json_decref(by_nat);
	json_decref(by_gender);
	json_decref(t);
	threshold_set(10);
}

static void test_changing_the_threshold_changes_what_is_hidden(void **state)
{
	(void)state;
	threshold_set(3);
	json_t *t = client_get_json(an1, "/api/v1/statistics?by=nationality,gender", 200);
	assert_int_equal(
	    figure(cell(json_object_get(t, "cells"), "nationality", "RO", "gender", "female")), 6);
	json_decref(t);
	threshold_set(10);
	t = client_get_json(an1, "/api/v1/statistics?by=nationality,gender", 200);
	assert_int_equal(json_integer_value(json_object_get(t, "threshold")), 10);
	assert_int_equal(
	    figure(cell(json_object_get(t, "cells"), "nationality", "RO", "gender", "female")), -1);
	json_t *nat = json_object_get(json_object_get(t, "totals"), "nationality");
	assert_int_equal(figure(cell(nat, "nationality", "AL", NULL, NULL)), -1); /* 6 */
	assert_int_equal(figure(cell(nat, "nationality", "VN", NULL, NULL)),
	                 -1); /* 11, hidden with it */
	assert_int_equal(figure(cell(nat, "nationality", "RO", NULL, NULL)), 14);
	assert_int_equal(json_integer_value(json_object_get(t, "total")), 31);
	json_decref(t);
}

static void test_every_dimension_counts_each_victim_once_and_only_the_callers_force(void **state)
{
	(void)state;
	threshold_set(3);
	json_t *t = client_get_json(sup1, "/api/v1/statistics?by=exploitation_type,outcome", 200);
	json_t *cells = json_object_get(t, "cells");
	assert_int_equal(
	    figure(cell(cells, "exploitation_type", "labour", "outcome", "not_referred")), 17);
	assert_int_equal(figure(cell(cells, "exploitation_type", "labour", "outcome",
	                             "awaiting_reasonable_grounds")),
	                 6);
	assert_int_equal(
	    figure(cell(cells, "exploitation_type", "labour", "outcome", "duty_to_notify")), 8);
	assert_int_equal(
	    figure(cell(cells, "exploitation_type", "multiple", "outcome", "not_referred")), 0);
	assert_int_equal(json_array_size(cells), 7 * 8);
	json_decref(t);
	t = client_get_json(sup1, "/api/v1/statistics?by=age_band", 200);
	cells = json_object_get(t, "cells");
	assert_int_equal(figure(cell(cells, "age_band", "9-17", NULL, NULL)), 6);
	assert_int_equal(figure(cell(cells, "age_band", "30-38", NULL, NULL)), 8);
	assert_int_equal(figure(cell(cells, "age_band", "unknown", NULL, NULL)), 17);
	assert_int_equal(figure(cell(cells, "age_band", "0-8", NULL, NULL)), 0);
	json_decref(t);
	threshold_set(10);
	t = client_get_json(sup1, "/api/v1/statistics?by=month", 200);
	assert_int_equal(json_array_size(json_object_get(t, "cells")), 12);
	json_decref(t);
	/* The other force sees its one victim, and not even that as a number. */
	t = client_get_json(an_b, "/api/v1/statistics?by=exploitation_type", 200);
	assert_true(json_is_true(json_object_get(json_object_get(t, "total"), "suppressed")));
	assert_int_equal(
	    figure(cell(json_object_get(t, "cells"), "exploitation_type", "multiple", NULL, NULL)),
	    -1);
	assert_int_equal(
	    figure(cell(json_object_get(t, "cells"), "exploitation_type", "labour", NULL, NULL)),
	    0);
	json_decref(t);
}

static void test_a_question_that_is_not_one_is_refused_naming_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *query, *field;
	} bad[] = {
	    {"", "by"},
	    {"by=age", "by"},
	    {"by=gender,month,outcome", "by"},
	    {"by=gender,gender", "by"},
	    {"by=gender&from=2025-07-01&to=2025-06-30", "from"},
	    {"by=gender&from=2020-06-30&to=2025-06-30", "from"},
	    {"by=gender&from=2025-02-30&to=2025-06-30", "from"},
	    {"by=gender&from=2025-01-01&to=banana", "to"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char path[200];
		snprintf(path, sizeof path, "/api/v1/statistics?%s", bad[i].query);
		resp_expect_field(client_expect(an1, "GET", path, NULL, 422), bad[i].field);
	}
	client_expect_free(an1, "GET", "/api/v1/statistics?by=gender&from=2020-07-01&to=2025-06-30",
	                   NULL, 200);
	/* Figures are for supervisors, analysts and the Commissioner's office. */
	client_expect_free(inv1, "GET", "/api/v1/statistics?by=gender", NULL, 403);
	client_expect_free(part1, "GET", "/api/v1/statistics?by=gender", NULL, 403);
	client_expect_free(admin1, "GET", "/api/v1/statistics?by=gender", NULL, 403);
}

static void test_only_an_administrator_sets_the_threshold_from_3_to_100(void **state)
{
	(void)state;
	json_t *s = client_get_json(admin1, "/api/v1/settings/disclosure", 200);
	assert_int_equal(json_integer_value(json_object_get(s, "minimum")), 3);
	assert_int_equal(json_integer_value(json_object_get(s, "default")), 10);
	json_int_t version = json_integer_value(json_object_get(s, "version"));
	json_decref(s);
	int audited = audit_count(&srv, "disclosure_threshold_changed", NULL);
	resp_expect_field(
	    client_put_current(admin1, "/api/v1/settings/disclosure", "{\"threshold\":2}"),
	    "threshold");
	resp_expect_field(
	    client_put_current(admin1, "/api/v1/settings/disclosure", "{\"threshold\":101}"),
	    "threshold");
	resp_expect_field(
	    client_put_current(admin1, "/api/v1/settings/disclosure", "{\"threshold\":\"ten\"}"),
	    "threshold");
	client_expect_free(admin1, "PUT", "/api/v1/settings/disclosure", "{\"threshold\":12}", 428);
	client_expect_free(sup1, "GET", "/api/v1/settings/disclosure", NULL, 403);
	client_expect_free(an1, "GET", "/api/v1/settings/disclosure", NULL, 403);
	resp *r = client_put_current(sup1, "/api/v1/settings/disclosure", "{\"threshold\":12}");
	assert_int_equal(r->status, 403);
	resp_free(r);
	threshold_set(12);
	/* Another administrator, reading before that change, is told of it. */
	char stale[48];
	snprintf(stale, sizeof stale, "If-Match: \"%lld\"", (long long)version);
	const char *h[] = {stale, NULL};
	r = client_req(admin1, "PUT", "/api/v1/settings/disclosure", "{\"threshold\":5}", h);
	assert_int_equal(r->status, 412);
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(r->json, "current"), "threshold")),
	    12);
	resp_free(r);
	assert_int_equal(audit_count(&srv, "disclosure_threshold_changed", NULL), audited + 1);
	json_t *t = client_get_json(sup1, "/api/v1/statistics?by=gender", 200);
	assert_int_equal(json_integer_value(json_object_get(t, "threshold")), 12);
	json_decref(t);
	threshold_set(10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_a_small_count_is_hidden_with_enough_others_that_no_subtraction_finds_it),
	    cmocka_unit_test(test_changing_the_threshold_changes_what_is_hidden),
	    cmocka_unit_test(
	        test_every_dimension_counts_each_victim_once_and_only_the_callers_force),
	    cmocka_unit_test(test_a_question_that_is_not_one_is_refused_naming_the_field),
	    cmocka_unit_test(test_only_an_administrator_sets_the_threshold_from_3_to_100),
	};
	return suite_run(&fixture, tests);
}
