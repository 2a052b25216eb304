/* The reports over HTTP, month by month over a range of dates: the
 * casework figures (referrals, Reasonable Grounds decisions, cases opened
 * and closed) and the allocation figures, counted exactly from records
 * given fixed dates; the range checked field by field; the other force's
 * records never counted; counts only, never a name. Every count goes
 * through the disclosure control at the installation's threshold, set to
 * 3 here: 2025's handful of records come out suppressed, 2023's, three of
 * each, as exact numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "domain/stats.h"
#include "domain/workdays.h"
#include "lib/clock.h"

static server srv;
static client *sup1, *inv1, *an1, *opcc1, *part1, *inv_b, *an_b;

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", "Intelligence") ||
	       server_add_account(s, "inv_b", "investigator", "Other Constabulary", "B-EMT") ||
	       server_add_account(s, "an_b", "analyst", "Other Constabulary", "B-Intelligence") ||
	       server_second_factor_off(s, "Other Constabulary") != 0;
}

static char *user_id(const char *username, char out[ID_LEN])
{
	snprintf(out, ID_LEN, "%s",
	         server_db_text(&srv, "SELECT id FROM users WHERE username = $1", username));
	return out;
}

/* A case opened by c at a fixed time. */
static void opened_at(client *c, const char *title, const char *at, char id[ID_LEN])
{
	char body[160];
	snprintf(body, sizeof body, "{\"title\":\"%s\",\"exploitation_types\":[\"labour\"]}",
	         title);
	client_post_id(c, "/api/v1/cases", body, id);
	const char *p[] = {at, id};
	server_db_run(&srv, "UPDATE cases SET created_at = $1, updated_at = $1 WHERE id = $2", 2,
	              p);
}

/* Closes a case through the API, then dates its closing. */
static void closed_at(client *c, const char *case_id, const char *at)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	resp *r = client_patch_current(
	    c, path,
	    "{\"status\":\"closed\",\"outcome\":\"No further action: victims safeguarded\"}");
	if (r->status != 200)
		fail_msg("closing a case: %ld %s", r->status, r->body ? r->body : "");
	resp_free(r);
	const char *p[] = {at, case_id};
	server_db_run(&srv,
	              "UPDATE history SET at = $1 WHERE record_id = $2 AND field = 'status' AND "
	              "new_value = 'closed'",
	              2, p);
}

static void referral(const char *id, const char *case_id, const char *person_id, const char *by,
                     const char *on, const char *outcome, const char *decided_on)
{
	const char *status = !outcome                       ? "awaiting_reasonable_grounds"
	                     : !strcmp(outcome, "positive") ? "reasonable_grounds_positive"
	                                                    : "reasonable_grounds_negative";
	const char *p[] = {id, case_id, person_id, by, on, status, outcome, decided_on};
	server_db_run(&srv,
	              "INSERT INTO nrm_referrals (id, case_id, person_id, first_responder_id, "
	              "referred_on, child, consent, "
	              "competent_authority, status, rg_due, rg_outcome, rg_decided_on, created_at, "
	              "updated_at, version) "
	              "VALUES ($1, $2, $3, $4, $5, 0, '{\"given\":true}', 'single', $6, $5, $7, "
	              "$8, $5, $5, 1)",
	              8, p);
}

static void lead(const char *id, const char *case_id, const char *user, const char *by,
                 const char *at, const char *failed)
{
	const char *p[] = {id, case_id, user, by, at, failed};
	server_db_run(&srv,
	              "INSERT INTO case_leads (id, case_id, user_id, allocated_by, allocated_at, "
	              "failed_requirements) "
	              "VALUES ($1, $2, $3, $4, $5, $6)",
	              6, p);
}

/* One case of Test Constabulary opened at a time, allocated hours later
 * to a lead who failed the requirements (JSON). */
static void allocated_case(const char *n, const char *opened, const char *allocated,
                           const char *u_inv1, const char *u_sup1, const char *failed,
                           char id[ID_LEN])
{
	char title[40], lid[40];
	snprintf(title, sizeof title, "Case %s", n);
	snprintf(lid, sizeof lid, "rep-x%s", n);
	opened_at(inv1, title, opened, id);
	lead(lid, id, u_inv1, u_sup1, allocated, failed);
}

/* Test Constabulary: cases A and B opened in January 2025, C in March
 * (closed in May), D on the last moment of 2024 (closed on the last
 * evening of June 2025); Other Constabulary: E, opened in February. */
static int records(void)
{
	char a[ID_LEN], b[ID_LEN], c[ID_LEN], d[ID_LEN], e[ID_LEN], pa[ID_LEN], pe[ID_LEN];
	char u_inv1[ID_LEN], u_sup1[ID_LEN], u_inv_b[ID_LEN];
	user_id("inv1", u_inv1);
	user_id("sup1", u_sup1);
	user_id("inv_b", u_inv_b);
	opened_at(inv1, "Car wash, Frome", "2025-01-10T09:00:00Z", a);
	opened_at(inv1, "Nail bar, Yeovil", "2025-01-20T09:00:00Z", b);
	opened_at(inv1, "Farm work, Taunton", "2025-03-05T09:00:00Z", c);
	opened_at(inv1, "Cannabis grow, Bridgwater", "2024-12-31T23:59:59Z", d);
	opened_at(inv_b, "Hand car wash, Exeter", "2025-02-01T09:00:00Z", e);
	closed_at(inv1, c, "2025-05-15T10:00:00Z");
	closed_at(inv1, d, "2025-06-30T23:00:00Z");
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Ion\",\"family_name\":\"Popescu\",\"gender\":\"male\"}",
	               pa);
	client_post_id(
	    inv_b, "/api/v1/people",
	    "{\"given_names\":\"Tran\",\"family_name\":\"Van Minh\",\"gender\":\"male\"}", pe);
	referral("rep-r1", a, pa, u_inv1, "2025-01-12", "positive", "2025-01-16");
	referral("rep-r2", a, pa, u_inv1, "2025-01-31", "negative", "2025-02-04");
	referral("rep-r3", c, pa, u_inv1, "2025-03-06", "positive", "2025-03-10");
	referral("rep-r4", c, pa, u_inv1, "2025-03-07", NULL, NULL);
	referral("rep-r5", d, pa, u_inv1, "2024-12-30", "positive", "2025-01-03");
	referral("rep-r6", e, pe, u_inv_b, "2025-02-02", "positive", "2025-02-05");
	/* Allocated 6 hours, 48 hours (overriding accreditation) and a day after opening. */
	lead("rep-l1", a, u_inv1, u_sup1, "2025-01-10T15:00:00Z", "[]");
	lead("rep-l2", b, u_inv1, u_sup1, "2025-01-22T09:00:00Z", "[\"pip2_accredited\"]");
	lead("rep-l3", c, u_inv1, u_sup1, "2025-03-06T09:00:00Z", "[]");
	/* 2023: three cases opened in March, each allocated 6 hours later to
	 * an accredited lead, with three referrals decided positive; three in
	 * April, allocated a day later overriding accreditation. */
	char x[ID_LEN];
	static const char *const march[] = {"2023-03-01", "2023-03-02", "2023-03-03"};
	static const char *const april[] = {"2023-04-04", "2023-04-05", "2023-04-06"};
	for (int i = 0; i < 3; i++) {
		char n[16], opened[32], at[32], rid[32], on[24];
		snprintf(n, sizeof n, "m%d", i);
		snprintf(opened, sizeof opened, "%sT09:00:00Z", march[i]);
		snprintf(at, sizeof at, "%sT15:00:00Z", march[i]);
		allocated_case(n, opened, at, u_inv1, u_sup1, "[]", x);
		snprintf(rid, sizeof rid, "rep-y%d", i);
		snprintf(on, sizeof on, "2023-03-1%d", i);
		referral(rid, x, pa, u_inv1, on, "positive", "2023-03-20");
		snprintf(n, sizeof n, "a%d", i);
		snprintf(opened, sizeof opened, "%sT09:00:00Z", april[i]);
		char next[DATE_LEN];
		date_add_days(april[i], 1, next);
		snprintf(at, sizeof at, "%sT09:00:00Z", next);
		allocated_case(n, opened, at, u_inv1, u_sup1, "[\"pip2_accredited\"]", x);
	}
	const char *t[] = {"3"};
	server_db_run(
	    &srv,
	    "INSERT INTO settings (key, value, updated_at, version) VALUES "
	    "('disclosure_threshold', $1, '2025-01-01T00:00:00Z', 1) ON CONFLICT (key) DO "
	    "UPDATE SET value = excluded.value",
	    1, t);
	return 0;
}

static const suite_login logins[] = {
    {&sup1, "sup1"},   {&inv1, "inv1"},   {&an1, "an1"},   {&opcc1, "opcc1"},
    {&part1, "part1"}, {&inv_b, "inv_b"}, {&an_b, "an_b"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* A figure wanted: a number, suppressed (S: {"suppressed": true}), or
 * either (A: a zero beside suppressed cells, which secondary suppression
 * may hide). */
#define S (-1)
#define A (-2)

/* The figure as wanted; what it is otherwise, in words. */
static int figure_is(json_t *v, json_int_t want)
{
	int sup = json_is_object(v) && json_is_true(json_object_get(v, "suppressed")) &&
	          json_object_size(v) == 1;
	if (want == S)
		return sup;
	if (want == A)
		return sup || json_is_integer(v);
	return json_is_integer(v) && json_integer_value(v) == want;
}

static void expect_figure(json_t *v, json_int_t want, const char *what)
{
	if (!figure_is(v, want)) {
		char *got = json_dumps(v, JSON_ENCODE_ANY);
		fail_msg("%s is %s, not %s", what, got ? got : "missing",
		         want == S   ? "suppressed"
		         : want == A ? "a figure"
		                     : "the number wanted");
	}
}

static json_t *count_of(json_t *months, const char *month, const char *counter)
{
	json_t *m = json_find(months, "month", month);
	if (!m)
		fail_msg("no month %s", month);
	return json_object_get(m, counter);
}

/* Each month's counts of a casework report, in casework's column order. */
static void expect_month(json_t *months, const char *month, json_int_t referrals,
                         json_int_t rg_positive, json_int_t rg_negative, json_int_t opened,
                         json_int_t closed)
{
	const char *columns[] = {"referrals", "rg_positive", "rg_negative", "opened", "closed"};
	json_int_t want[] = {referrals, rg_positive, rg_negative, opened, closed};
	for (int i = 0; i < 5; i++) {
		char what[64];
		snprintf(what, sizeof what, "%s's %s", month, columns[i]);
		expect_figure(count_of(months, month, columns[i]), want[i], what);
	}
}

static void test_casework_counts_each_month_of_the_range(void **state)
{
	(void)state;
	client *readers[] = {sup1, an1, opcc1};
	for (size_t i = 0; i < 3; i++) {
		resp *r = client_expect(readers[i], "GET",
		                        "/api/v1/reports/casework?from=2025-01-01&to=2025-06-30",
		                        NULL, 200);
		json_t *months = json_object_get(r->json, "months");
		assert_string_equal(json_string_value(json_object_get(r->json, "from")),
		                    "2025-01-01");
		assert_string_equal(json_string_value(json_object_get(r->json, "to")),
		                    "2025-06-30");
		/* Every month of the range, the empty ones too, in order. */
		assert_int_equal(json_array_size(months), 6);
		assert_string_equal(
		    json_string_value(json_object_get(json_array_get(months, 0), "month")),
		    "2025-01");
		assert_string_equal(
		    json_string_value(json_object_get(json_array_get(months, 5), "month")),
		    "2025-06");
		/* Two referrals, two positive decisions, two cases opened in
		 * January, and so on: every count below the threshold of 3 is
		 * suppressed, never a number. */
		expect_month(months, "2025-01", S, S, A, S, A);
		expect_month(months, "2025-02", A, A, S, A, A);
		expect_month(months, "2025-03", S, S, A, S, A);
		expect_month(months, "2025-04", A, A, A, A, A);
		expect_month(months, "2025-05", A, A, A, A, S);
		expect_month(months, "2025-06", A, A, A, A, S);
		assert_int_equal(json_integer_value(json_object_get(r->json, "threshold")), 3);
		json_t *totals = json_object_get(r->json, "totals");
		expect_figure(json_object_get(totals, "rg_negative"), S, "rg_negative's total");
		expect_figure(json_object_get(totals, "closed"), S, "closed's total");
		expect_figure(json_object_get(totals, "referrals"), A, "referrals' total");
		/* Counts only. */
		assert_null(strstr(r->body, "Popescu"));
		assert_null(strstr(r->body, "Frome"));
		assert_null(strstr(r->body, "inv1"));
		resp_free(r);
	}
	/* Three of each in 2023: exact numbers, the other force's E not
	 * counted. */
	resp *r = client_expect(
	    sup1, "GET", "/api/v1/reports/casework?from=2023-03-01&to=2023-04-30", NULL, 200);
	json_t *months = json_object_get(r->json, "months");
	expect_month(months, "2023-03", 3, 3, 0, 3, 0);
	expect_month(months, "2023-04", 0, 0, 0, 3, 0);
	json_t *totals = json_object_get(r->json, "totals");
	expect_figure(json_object_get(totals, "referrals"), 3, "referrals' total");
	expect_figure(json_object_get(totals, "opened"), 6, "opened's total");
	expect_figure(json_object_get(totals, "closed"), 0, "closed's total");
	resp_free(r);
}

static void test_the_range_counts_from_its_first_day_to_its_last(void **state)
{
	(void)state;
	resp *r = client_expect(
	    an1, "GET", "/api/v1/reports/casework?from=2025-01-13&to=2025-03-06", NULL, 200);
	json_t *months = json_object_get(r->json, "months");
	assert_int_equal(json_array_size(months), 3);
	/* r1 (12 January) and r4 (7 March) fall outside; r2 and r3 inside. */
	expect_month(months, "2025-01", S, S, A, S, A);
	expect_month(months, "2025-02", A, A, S, A, A);
	expect_month(months, "2025-03", S, A, A, S, A);
	resp_free(r);
	/* 2023's April cases fall outside from the 4th on; its March ones
	 * inside. */
	r = client_expect(an1, "GET", "/api/v1/reports/casework?from=2023-02-15&to=2023-04-03",
	                  NULL, 200);
	months = json_object_get(r->json, "months");
	expect_month(months, "2023-02", 0, 0, 0, 0, 0);
	expect_month(months, "2023-03", 3, 3, 0, 3, 0);
	expect_month(months, "2023-04", 0, 0, 0, 0, 0);
	resp_free(r);
	/* The other force's analyst counts only the other force. */
	r = client_expect(an_b, "GET", "/api/v1/reports/casework?from=2025-01-01&to=2025-06-30",
	                  NULL, 200);
	expect_month(json_object_get(r->json, "months"), "2025-02", S, S, A, S, A);
	expect_figure(json_object_get(json_object_get(r->json, "totals"), "opened"), S,
	              "opened's total");
	resp_free(r);
	r = client_expect(an_b, "GET", "/api/v1/reports/casework?from=2023-03-01&to=2023-04-30",
	                  NULL, 200);
	expect_month(json_object_get(r->json, "months"), "2023-03", 0, 0, 0, 0, 0);
	resp_free(r);
}

static void test_the_range_is_the_last_twelve_months_unless_asked(void **state)
{
	(void)state;
	char today[DATE_LEN], from[DATE_LEN];
	clock_today(today);
	stats_default_from(today, from);
	resp *r = client_expect(sup1, "GET", "/api/v1/reports/casework", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "from")), from);
	assert_string_equal(json_string_value(json_object_get(r->json, "to")), today);
	json_t *months = json_object_get(r->json, "months");
	assert_int_equal(json_array_size(months), 12);
	assert_memory_equal(json_string_value(json_object_get(json_array_get(months, 11), "month")),
	                    today, 7);
	resp_free(r);
	/* Only one end given: the other keeps its default, and must still
	 * make a range with it. */
	client_expect_query_error(sup1, "/api/v1/reports/allocation?to=2000-01-31", "from");
	r = client_expect(sup1, "GET", "/api/v1/reports/allocation?from=2025-06-01", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "to")), today);
	resp_free(r);
}

static void test_a_range_that_is_not_one_is_refused_naming_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *query, *field;
	} bad[] = {
	    {"from=2025-02-30&to=2025-06-30", "from"}, {"from=1%2F1%2F2025&to=2025-06-30", "from"},
	    {"from=2025-01-01&to=banana", "to"},       {"from=2025-01-01&to=2025-13-01", "to"},
	    {"from=2025-07-01&to=2025-06-30", "from"}, {"from=2015-01-01&to=2025-06-30", "from"},
	};
	const char *routes[] = {"/api/v1/reports/casework", "/api/v1/reports/allocation"};
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			char path[200];
			snprintf(path, sizeof path, "%s?%s", routes[k], bad[i].query);
			client_expect_query_error(sup1, path, bad[i].field);
		}
	resp_expect_field(
	    client_expect(sup1, "GET", "/api/v1/reports/casework?format=xml", NULL, 422), "format");
	/* Figures are for supervisors, analysts and the Commissioner's office. */
	client_expect_free(inv1, "GET", "/api/v1/reports/casework", NULL, 403);
	client_expect_free(part1, "GET", "/api/v1/reports/casework", NULL, 403);
	client_expect_free(inv_b, "GET", "/api/v1/reports/casework?format=csv", NULL, 403);
}

static void test_casework_comes_as_csv_for_the_range(void **state)
{
	(void)state;
	resp *r = client_expect(sup1, "GET",
	                        "/api/v1/reports/casework?from=2023-03-01&to=2023-05-31&format=csv",
	                        NULL, 200);
	assert_string_equal(r->body, "month,referrals,rg_positive,rg_negative,opened,closed\r\n"
	                             "2023-03,3,3,0,3,0\r\n"
	                             "2023-04,0,0,0,3,0\r\n"
	                             "2023-05,0,0,0,0,0\r\n");
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "casework.csv"));
	resp_free(r);
	/* A suppressed count is the word, never a number. */
	r = client_expect(sup1, "GET",
	                  "/api/v1/reports/casework?from=2025-01-01&to=2025-03-31&format=csv", NULL,
	                  200);
	assert_memory_equal(r->body,
	                    "month,referrals,rg_positive,rg_negative,opened,closed\r\n"
	                    "2025-01,suppressed,suppressed,",
	                    strlen("month,referrals,rg_positive,rg_negative,opened,closed\r\n"
	                           "2025-01,suppressed,suppressed,"));
	assert_null(strstr(r->body, ",1,"));
	assert_null(strstr(r->body, ",2,"));
	resp_free(r);
}

static json_t *field(json_t *list, const char *key, const char *value, const char *name)
{
	json_t *row = json_find(list, key, value);
	if (!row)
		fail_msg("no %s %s", key, value);
	return json_object_get(row, name);
}

static void test_allocation_figures_count_each_month_of_the_range(void **state)
{
	(void)state;
	/* 2023: three allocations to accredited leads in March, six hours
	 * after opening; three overriding accreditation in April, a day
	 * after. */
	resp *r = client_expect(
	    opcc1, "GET", "/api/v1/reports/allocation?from=2023-03-01&to=2023-05-31", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "threshold")), 3);
	json_t *leads = json_object_get(r->json, "accredited_leads");
	assert_int_equal(json_array_size(leads), 3);
	expect_figure(count_of(leads, "2023-03", "allocations"), 3, "March's allocations");
	expect_figure(count_of(leads, "2023-03", "accredited"), 3, "March's accredited");
	assert_true(json_real_value(count_of(leads, "2023-03", "share")) == 1.0);
	expect_figure(count_of(leads, "2023-04", "allocations"), 3, "April's allocations");
	expect_figure(count_of(leads, "2023-04", "accredited"), 0, "April's accredited");
	assert_true(json_real_value(count_of(leads, "2023-04", "share")) == 0.0);
	expect_figure(count_of(leads, "2023-05", "allocations"), 0, "May's allocations");
	assert_true(json_is_null(count_of(leads, "2023-05", "share")));
	json_t *waits = json_object_get(r->json, "time_to_allocation");
	assert_int_equal(json_array_size(waits), 3);
	expect_figure(count_of(waits, "2023-03", "cases"), 3, "March's cases");
	assert_true(json_real_value(count_of(waits, "2023-03", "median_hours")) == 6);
	assert_true(json_real_value(count_of(waits, "2023-03", "p90_hours")) == 6);
	assert_true(json_real_value(count_of(waits, "2023-04", "median_hours")) == 24);
	assert_true(json_is_null(count_of(waits, "2023-05", "median_hours")));
	json_t *overrides = json_object_get(r->json, "overrides");
	expect_figure(field(overrides, "requirement", "pip2_accredited", "count"), 3,
	              "pip2_accredited overrides");
	resp_free(r);
	/* 2025's one or two a month are suppressed, with the share and the
	 * times of a month of fewer than 3 cases. */
	r = client_expect(opcc1, "GET", "/api/v1/reports/allocation?from=2025-01-01&to=2025-06-30",
	                  NULL, 200);
	leads = json_object_get(r->json, "accredited_leads");
	assert_int_equal(json_array_size(leads), 6);
	expect_figure(count_of(leads, "2025-01", "allocations"), S, "January's allocations");
	expect_figure(count_of(leads, "2025-01", "accredited"), S, "January's accredited");
	expect_figure(count_of(leads, "2025-01", "share"), S, "January's share");
	expect_figure(count_of(leads, "2025-03", "accredited"), S, "March's accredited");
	waits = json_object_get(r->json, "time_to_allocation");
	expect_figure(count_of(waits, "2025-01", "cases"), S, "January's cases");
	expect_figure(count_of(waits, "2025-01", "median_hours"), S, "January's median");
	expect_figure(count_of(waits, "2025-01", "p90_hours"), S, "January's 90th percentile");
	expect_figure(count_of(waits, "2025-03", "median_hours"), S, "March's median");
	assert_true(json_is_null(count_of(waits, "2025-04", "median_hours")) ||
	            figure_is(count_of(waits, "2025-04", "median_hours"), S));
	expect_figure(
	    field(json_object_get(r->json, "overrides"), "requirement", "pip2_accredited", "count"),
	    S, "pip2_accredited overrides");
	resp_free(r);
	/* From 13 March 2023: the March cases and their allocations fall
	 * outside. */
	r = client_expect(an1, "GET", "/api/v1/reports/allocation?from=2023-03-13&to=2023-04-30",
	                  NULL, 200);
	leads = json_object_get(r->json, "accredited_leads");
	expect_figure(count_of(leads, "2023-03", "allocations"), 0, "March's allocations");
	expect_figure(count_of(leads, "2023-04", "allocations"), 3, "April's allocations");
	resp_free(r);
	/* A month with nothing to count is an empty cell in the CSV, a
	 * suppressed one the word. */
	r = client_expect(
	    sup1, "GET",
	    "/api/v1/reports/"
	    "allocation?from=2023-03-01&to=2023-05-31&format=csv&figure=time_to_allocation",
	    NULL, 200);
	assert_string_equal(r->body, "month,cases,median_hours,p90_hours\r\n2023-03,3,6.00,6.00\r\n"
	                             "2023-04,3,24.00,24.00\r\n2023-05,0,,\r\n");
	resp_free(r);
	r = client_expect(
	    sup1, "GET",
	    "/api/v1/reports/"
	    "allocation?from=2025-01-01&to=2025-02-28&format=csv&figure=time_to_allocation",
	    NULL, 200);
	/* February's zero is hidden with January's one: shown, it would say
	 * the range's few all fell in January. */
	assert_string_equal(r->body, "month,cases,median_hours,p90_hours\r\n"
	                             "2025-01,suppressed,suppressed,suppressed\r\n"
	                             "2025-02,suppressed,suppressed,suppressed\r\n");
	resp_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_casework_counts_each_month_of_the_range),
	    cmocka_unit_test(test_the_range_counts_from_its_first_day_to_its_last),
	    cmocka_unit_test(test_the_range_is_the_last_twelve_months_unless_asked),
	    cmocka_unit_test(test_a_range_that_is_not_one_is_refused_naming_the_field),
	    cmocka_unit_test(test_casework_comes_as_csv_for_the_range),
	    cmocka_unit_test(test_allocation_figures_count_each_month_of_the_range),
	};
	return suite_run(&fixture, tests);
}
