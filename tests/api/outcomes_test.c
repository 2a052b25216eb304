/* The Commissioner's dashboard over HTTP: each figure counted exactly from
 * a small set of records made through the API (and dated in the past),
 * under a threshold of 3 so that small counts are few; a figure below it
 * is {"suppressed": true} and never its number; the previous period of the
 * same length beside each; the twelve months ending with to's month; the
 * CSV; the range checked as the other reports check it; the other force's
 * records never counted; only supervisors, analysts and the Commissioner's
 * office may ask. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"

static server srv;
static client *admin1, *sup1, *inv1, *an1, *opcc1, *part1, *inv_b, *an_b;
static char case_a[ID_LEN], case_b[ID_LEN], case_o[ID_LEN];
static char victim[5][ID_LEN], link_a[5][ID_LEN], suspect_link[4][ID_LEN];
static char u_inv1[ID_LEN], u_sup1[ID_LEN];

#define PERIOD "from=2025-04-01&to=2025-06-30"

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", "Intelligence") ||
	       server_add_account(s, "inv_b", "investigator", "Other Constabulary", "B-EMT") ||
	       server_add_account(s, "an_b", "analyst", "Other Constabulary", "B-Intelligence") ||
	       server_second_factor_off(s, "Other Constabulary") != 0;
}

static void user_id(const char *username, char out[ID_LEN])
{
	snprintf(out, ID_LEN, "%s",
	         server_db_text(&srv, "SELECT id FROM users WHERE username = $1", username));
}

/* Runs a statement on the server's database, failing the test with its
 * SQL unless it runs. */
static void run(const char *sql, int n, const char *const *params)
{
	db *d = server_db_open(&srv);
	int rc = db_run(d, sql, n, params);
	if (rc != DB_OK)
		fail_msg("%s: %s", sql, db_errmsg(d));
	db_close(d);
}

static void set_threshold(const char *t)
{
	const char *p[] = {t};
	run("INSERT INTO settings (key, value, updated_at, version) VALUES "
	    "('disclosure_threshold', $1, '2025-01-01T00:00:00Z', 1) ON CONFLICT (key) DO "
	    "UPDATE SET value = excluded.value",
	    1, p);
}

static void person(client *c, const char *given, const char *family, char id[ID_LEN])
{
	char body[200];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"%s\"}", given,
	         family);
	client_post_id(c, "/api/v1/people", body, id);
}

/* Links the person to the case as c in the role, first linked at a time. */
static void linked_at(client *c, const char *case_id, const char *person_id, const char *role,
                      const char *at, char link[ID_LEN])
{
	case_link_person(c, case_id, person_id, role, link);
	const char *p[] = {at, link};
	run("UPDATE case_people SET created_at = $1 WHERE id = $2", 2, p);
}

static void put(client *c, const char *path, const char *body, long want)
{
	resp_free(client_expect(c, "PUT", path, body, want));
}

static void post(client *c, const char *path, const char *body)
{
	resp_free(client_expect(c, "POST", path, body, 201));
}

static void referral(const char *id, const char *person_id, const char *on, const char *decided_on)
{
	const char *status =
	    decided_on ? "reasonable_grounds_positive" : "awaiting_reasonable_grounds";
	const char *p[] = {
	    id, case_a, person_id, u_inv1, on, status, decided_on ? "positive" : NULL, decided_on};
	run("INSERT INTO nrm_referrals (id, case_id, person_id, first_responder_id, referred_on, "
	    "child, consent, competent_authority, status, rg_due, rg_outcome, rg_decided_on, "
	    "created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, 0, '{\"given\":true}', "
	    "'single', $6, $5, $7, $8, $5, $5, 1)",
	    8, p);
}

static void dtn(const char *id, const char *person_id, const char *on)
{
	const char *p[] = {id, case_a, person_id, on, u_inv1};
	run("INSERT INTO duty_to_notify (id, case_id, person_id, submitted_on, "
	    "identifying_consent, created_by, created_at) VALUES ($1, $2, $3, $4, 0, $5, "
	    "$4)",
	    5, p);
}

static void contact(int v, const char *on)
{
	char path[1024], body[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/contacts", case_a, link_a[v]);
	snprintf(body, sizeof body,
	         "{\"contacted_on\":\"%s\",\"method\":\"phone\",\"summary\":\"Update given\","
	         "\"update\":true}",
	         on);
	post(inv1, path, body);
}

/* An s45 assessment of the suspect (made on assessed_on, if given) and a
 * charging decision on decided_on. */
static void charged(const char *id, const char *link, const char *assessed_on,
                    const char *decided_on)
{
	char at[40];
	snprintf(at, sizeof at, "%sT09:00:00Z", assessed_on ? assessed_on : "");
	const char *p[] = {id, case_b, link, at, u_inv1, decided_on};
	if (assessed_on)
		run("INSERT INTO s45_assessments (id, case_id, case_person_id, offence, "
		    "offence_date, child, answers, outcome, reasons, assessed_by, assessed_at) "
		    "VALUES ($1, $2, $3, 'Cultivating cannabis', '2025-01-01', 0, '{}', "
		    "'defence_may_apply', 'Compelled', $5, $4)",
		    5, p);
	const char *q[] = {id, case_b, link, u_inv1, decided_on};
	run("INSERT INTO charging_decisions (id, case_id, case_person_id, decision, decided_on, "
	    "decided_by, created_at) VALUES ($1 || '-c', $2, $3, 'charge', $5, $4, $5)",
	    5, q);
}

static void service_referral(const char *id, const char *service, int v, const char *outcome)
{
	const char *p[] = {id, case_a, link_a[v], service, outcome, u_inv1};
	run("INSERT INTO service_referrals (id, case_id, case_person_id, service_id, need, "
	    "urgency, status, referred_at, respond_by, answered_at, outcome, created_by, "
	    "created_at) VALUES ($1, $2, $3, $4, 'Somewhere safe', 'routine', 'closed', "
	    "'2025-05-01T09:00:00Z', '2025-05-03T09:00:00Z', '2025-05-02T09:00:00Z', $5, "
	    "$6, '2025-05-01T09:00:00Z')",
	    6, p);
}

static void feedback(const char *id, const char *org, const char *on, const char *safe,
                     const char *believed)
{
	const char *p[] = {id, org, on, safe, believed};
	run("INSERT INTO feedback_responses (id, org_id, language, submitted_on) VALUES "
	    "($1, $2, 'en', $3)",
	    3, p);
	const char *q[] = {id, safe, believed};
	run("INSERT INTO feedback_answers (response_id, question, score) VALUES ($1, 'safe', "
	    "CAST($2 AS INTEGER)), ($1, 'believed', CAST($3 AS INTEGER))",
	    3, q);
}

static void lead(const char *id, const char *at, const char *failed)
{
	const char *p[] = {id, case_a, u_inv1, u_sup1, at, failed};
	run("INSERT INTO case_leads (id, case_id, user_id, allocated_by, allocated_at, "
	    "failed_requirements) VALUES ($1, $2, $3, $4, $5, $6)",
	    6, p);
}

/* Test Constabulary: victims V0..V3 first linked in April to June 2025
 * (V0 again in June, counted once), V4 in February; the other force's
 * victim in May. See each test for what the records make of them. */
static int records(void)
{
	static const char *const names[5][2] = {{"Ardita", "Outcomeva"},
	                                        {"Besnik", "Outcomeva"},
	                                        {"Drita", "Outcomeva"},
	                                        {"Ermal", "Outcomeva"},
	                                        {"Flutura", "Outcomeva"}};
	static const char *const first[5] = {"2025-04-10T09:00:00Z", "2025-05-05T09:00:00Z",
	                                     "2025-05-20T09:00:00Z", "2025-06-15T09:00:00Z",
	                                     "2025-02-10T09:00:00Z"};
	user_id("inv1", u_inv1);
	user_id("sup1", u_sup1);
	set_threshold("3");
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Outcomes car wash\",\"exploitation_types\":[\"labour\"]}",
	               case_a);
	client_post_id(
	    inv1, "/api/v1/cases",
	    "{\"title\":\"Outcomes cannabis grow\",\"exploitation_types\":[\"criminal\"]}", case_b);
	client_post_id(inv_b, "/api/v1/cases",
	               "{\"title\":\"Outcomes nail bar\",\"exploitation_types\":[\"labour\"]}",
	               case_o);
	for (int v = 0; v < 5; v++) {
		person(inv1, names[v][0], names[v][1], victim[v]);
		linked_at(inv1, case_a, victim[v], "potential_victim", first[v], link_a[v]);
	}
	char again[ID_LEN], other[ID_LEN], other_link[ID_LEN];
	linked_at(inv1, case_b, victim[0], "potential_victim", "2025-06-20T09:00:00Z", again);
	person(inv_b, "Gentian", "Outcomeva", other);
	linked_at(inv_b, case_o, other, "potential_victim", "2025-05-01T09:00:00Z", other_link);

	/* A named contact for V0..V3; a strategy for V0 only. */
	for (int v = 0; v < 4; v++) {
		char path[1024];
		snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/care", case_a, link_a[v]);
		put(inv1, path,
		    v == 0 ? "{\"spoc_name\":\"DC Jones\",\"spoc_kind\":\"officer\",\"strategy\":"
		             "\"Weekly calls\"}"
		           : "{\"spoc_name\":\"DC Jones\",\"spoc_kind\":\"officer\"}",
		    200);
	}

	/* Six Reasonable Grounds decisions in the period, three within 5
	 * working days (one only because 5 May 2025 is a bank holiday), one
	 * referral in March waiting. */
	referral("out-r1", victim[0], "2025-05-02", "2025-05-12");
	referral("out-r2", victim[1], "2025-06-02", "2025-06-09");
	referral("out-r3", victim[2], "2025-04-01", "2025-04-03");
	referral("out-r4", victim[3], "2025-06-02", "2025-06-10");
	referral("out-r5", victim[0], "2025-04-07", "2025-04-15");
	referral("out-r6", victim[1], "2025-06-16", "2025-06-24");
	referral("out-r7", victim[4], "2025-03-03", NULL);
	dtn("out-d1", victim[0], "2025-05-10");
	dtn("out-d2", victim[1], "2025-05-11");

	/* Two key events, each making an update due for V0..V4 the next
	 * working day: the first answered on time for V0..V2 and late for the
	 * others, the second late for all. */
	char path[1024];
	snprintf(path, sizeof path, "/api/v1/cases/%s/events", case_a);
	post(inv1, path, "{\"kind\":\"arrest\",\"occurred_on\":\"2025-05-06\"}");
	for (int v = 0; v < 5; v++)
		contact(v, v < 3 ? "2025-05-07" : "2025-05-09");
	post(inv1, path, "{\"kind\":\"charge\",\"occurred_on\":\"2025-06-03\"}");
	for (int v = 0; v < 5; v++)
		contact(v, "2025-06-06");

	/* V1..V3 are suspects in case B too: each charged in May after an s45
	 * assessment; V1 charged in March before any. A suspect who is no
	 * victim is not counted. */
	char s[ID_LEN];
	for (int k = 0; k < 3; k++)
		linked_at(inv1, case_b, victim[k + 1], "suspect", "2025-04-01T09:00:00Z",
		          suspect_link[k]);
	person(inv1, "Hektor", "Outcomeva", s);
	linked_at(inv1, case_b, s, "suspect", "2025-04-01T09:00:00Z", suspect_link[3]);
	charged("out-s1", suspect_link[0], "2025-05-01", "2025-05-20");
	charged("out-s2", suspect_link[1], "2025-05-01", "2025-05-20");
	charged("out-s3", suspect_link[2], "2025-05-20", "2025-05-20");
	charged("out-s4", suspect_link[0], NULL, "2025-03-01");
	charged("out-s5", suspect_link[3], NULL, "2025-05-20");

	/* Four service referrals answered within their target: three
	 * completed, one other. */
	char provider[ID_LEN], service[ID_LEN];
	partner_id(admin1, "Hope Support Services", provider);
	service_make(opcc1, "Outcome Navigators", provider, 48, service);
	service_referral("out-sr1", service, 0, "support_completed");
	service_referral("out-sr2", service, 1, "support_completed");
	service_referral("out-sr3", service, 2, "support_completed");
	service_referral("out-sr4", service, 3, "other");

	/* Ten bags delivered to a station of the force, three issued in May. */
	char force[ID_LEN], loc[ID_LEN], body[600];
	snprintf(force, sizeof force, "%s",
	         server_db_text(&srv, "SELECT id FROM orgs WHERE name = $1", "Test Constabulary"));
	snprintf(body, sizeof body,
	         "{\"name\":\"Outcomes station\",\"reorder_level\":2,\"organisation_id\":\"%s\"}",
	         force);
	client_post_id(opcc1, "/api/v1/go-bags/locations", body, loc);
	snprintf(body, sizeof body,
	         "{\"location\":\"%s\",\"kind\":\"adult\",\"language\":\"en\",\"quantity\":10}",
	         loc);
	post(opcc1, "/api/v1/go-bags/deliveries", body);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/go-bags", case_a, link_a[0]);
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"adult\",\"language\":\"en\"}",
	         loc);
	for (int k = 0; k < 3; k++)
		post(inv1, path, body);
	const char *when[] = {"2025-05-15T10:00:00Z"};
	run("UPDATE go_bag_issues SET issued_at = $1", 1, when);

	/* Three answers in May: "safe" scored 5, 4 and 3; "believed" twice. */
	feedback("out-f1", force, "2025-05-10", "5", "5");
	feedback("out-f2", force, "2025-05-11", "4", "5");
	feedback("out-f3", force, "2025-05-12", "3", NULL);

	/* Six allocations in May, three overriding PIP2 accreditation. */
	lead("out-l1", "2025-05-01T09:00:00Z", "[]");
	lead("out-l2", "2025-05-02T09:00:00Z", "[]");
	lead("out-l3", "2025-05-03T09:00:00Z", "[\"team\"]");
	lead("out-l4", "2025-05-04T09:00:00Z", "[\"pip2_accredited\"]");
	lead("out-l5", "2025-05-05T09:00:00Z", "[\"pip2_accredited\"]");
	lead("out-l6", "2025-05-06T09:00:00Z", "[\"pip2_accredited\",\"team\"]");
	return 0;
}

static const suite_login logins[] = {
    {&admin1, "admin1"}, {&sup1, "sup1"},   {&inv1, "inv1"}, {&an1, "an1"}, {&opcc1, "opcc1"},
    {&part1, "part1"},   {&inv_b, "inv_b"}, {&an_b, "an_b"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

static json_t *figure(json_t *report, const char *id)
{
	json_t *f = json_find(json_object_get(report, "figures"), "id", id);
	if (!f)
		fail_msg("no figure %s", id);
	return f;
}

static int suppressed(json_t *v)
{
	return json_is_object(v) && json_is_true(json_object_get(v, "suppressed"));
}

static void expect_number(json_t *v, json_int_t n, const char *what)
{
	if (!json_is_integer(v) || json_integer_value(v) != n)
		fail_msg("%s: want %lld, got %s", what, (long long)n,
		         suppressed(v) ? "suppressed" : "something else");
}

static void expect_suppressed(json_t *v, const char *what)
{
	if (!suppressed(v))
		fail_msg("%s: want suppressed, got %lld", what, (long long)json_integer_value(v));
}

static void expect_share(json_t *f, json_int_t part, json_int_t whole, json_int_t percent)
{
	const char *id = json_string_value(json_object_get(f, "id"));
	expect_number(json_object_get(f, "part"), part, id);
	expect_number(json_object_get(f, "whole"), whole, id);
	expect_number(json_object_get(f, "percent"), percent, id);
}

static void test_each_figure_is_counted_for_the_period(void **state)
{
	(void)state;
	client *readers[] = {sup1, an1, opcc1};
	for (size_t i = 0; i < 3; i++) {
		resp *r =
		    client_expect(readers[i], "GET", "/api/v1/reports/outcomes?" PERIOD, NULL, 200);
		json_t *j = r->json;
		assert_int_equal(json_integer_value(json_object_get(j, "threshold")), 3);
		expect_number(json_object_get(figure(j, "potential_victims"), "count"), 4,
		              "victims");
		expect_number(json_object_get(figure(j, "nrm_referrals"), "count"), 6, "referrals");
		expect_suppressed(json_object_get(figure(j, "duty_to_notify"), "count"), "dtn");
		expect_share(figure(j, "rg_within_5_working_days"), 3, 6, 50);
		expect_share(figure(j, "victims_code_updates_on_time"), 3, 10, 30);
		expect_share(figure(j, "named_contact"), 4, 4, 100);
		/* One strategy of four: the part and the share hidden, not the whole. */
		json_t *st = figure(j, "victim_strategy");
		expect_suppressed(json_object_get(st, "part"), "strategy");
		expect_suppressed(json_object_get(st, "percent"), "strategy percent");
		expect_number(json_object_get(st, "whole"), 4, "strategy whole");
		expect_share(figure(j, "s45_before_charge"), 3, 3, 100);
		expect_share(figure(j, "service_referrals_answered_in_time"), 4, 4, 100);
		expect_number(json_object_get(figure(j, "go_bags_issued"), "count"), 3, "bags");
		expect_number(json_object_get(json_object_get(j, "go_bag_stock"), "count"), 7,
		              "stock");
		expect_share(figure(j, "allocated_to_accredited_leads"), 3, 6, 50);
		/* Outcomes by service: the one "other" is hidden. */
		json_t *svc = json_object_get(json_object_get(j, "service_outcomes"), "period");
		json_t *row = json_array_get(json_object_get(svc, "services"), 0);
		assert_string_equal(
		    json_string_value(json_object_get(json_object_get(row, "service"), "name")),
		    "Outcome Navigators");
		expect_suppressed(json_object_get(json_object_get(row, "outcomes"), "other"),
		                  "other outcome");
		/* Feedback: "safe" scored by three, "believed" by two. */
		json_t *q = json_find(json_object_get(j, "feedback"), "id", "safe");
		expect_number(json_object_get(q, "answered"), 3, "safe answered");
		assert_true(json_real_value(json_object_get(q, "mean")) == 4.0);
		assert_non_null(json_string_value(json_object_get(q, "text")));
		q = json_find(json_object_get(j, "feedback"), "id", "believed");
		expect_suppressed(json_object_get(q, "answered"), "believed answered");
		expect_suppressed(json_object_get(q, "mean"), "believed mean");
		/* Counts only: no name, no case. */
		assert_null(strstr(r->body, "Outcomeva"));
		assert_null(strstr(r->body, "car wash"));
		assert_null(strstr(r->body, "DC Jones"));
		resp_free(r);
	}
}

static void test_the_previous_period_is_as_long_and_just_before(void **state)
{
	(void)state;
	resp *r = client_expect(sup1, "GET", "/api/v1/reports/outcomes?" PERIOD, NULL, 200);
	json_t *prev = json_object_get(r->json, "previous");
	/* 91 days before 1 April 2025. */
	assert_string_equal(json_string_value(json_object_get(prev, "from")), "2024-12-31");
	assert_string_equal(json_string_value(json_object_get(prev, "to")), "2025-03-31");
	/* V4 in February and the March referral: one each, hidden; zero shown. */
	json_t *v = json_object_get(figure(r->json, "potential_victims"), "previous");
	expect_suppressed(json_object_get(v, "count"), "previous victims");
	expect_suppressed(
	    json_object_get(json_object_get(figure(r->json, "nrm_referrals"), "previous"), "count"),
	    "previous referrals");
	expect_number(json_object_get(
	                  json_object_get(figure(r->json, "duty_to_notify"), "previous"), "count"),
	              0, "previous dtn");
	json_t *s45 = json_object_get(figure(r->json, "s45_before_charge"), "previous");
	expect_suppressed(json_object_get(s45, "whole"), "previous charging");
	resp_free(r);
	/* A period of one day: the day before it. */
	r = client_expect(sup1, "GET", "/api/v1/reports/outcomes?from=2025-05-20&to=2025-05-20",
	                  NULL, 200);
	prev = json_object_get(r->json, "previous");
	assert_string_equal(json_string_value(json_object_get(prev, "from")), "2025-05-19");
	assert_string_equal(json_string_value(json_object_get(prev, "to")), "2025-05-19");
	expect_share(figure(r->json, "s45_before_charge"), 3, 3, 100);
	resp_free(r);
}

static void test_the_trend_is_twelve_months_ending_with_to(void **state)
{
	(void)state;
	resp *r = client_expect(
	    an1, "GET", "/api/v1/reports/outcomes?from=2024-07-01&to=2025-06-30", NULL, 200);
	json_t *months = json_object_get(r->json, "months");
	assert_int_equal(json_array_size(months), 12);
	assert_string_equal(json_string_value(json_array_get(months, 0)), "2024-07");
	assert_string_equal(json_string_value(json_array_get(months, 11)), "2025-06");
	json_t *trend = json_object_get(figure(r->json, "nrm_referrals"), "trend");
	assert_int_equal(json_array_size(trend), 12);
	json_t *june = json_find(trend, "month", "2025-06");
	expect_number(json_object_get(june, "count"), 3, "June referrals");
	expect_number(json_object_get(json_find(trend, "month", "2024-08"), "count"), 0,
	              "August referrals");
	/* Months of one or two are hidden, and never as numbers. */
	expect_suppressed(json_object_get(json_find(trend, "month", "2025-03"), "count"),
	                  "March referral");
	json_t *victims = json_object_get(figure(r->json, "potential_victims"), "trend");
	expect_suppressed(json_object_get(json_find(victims, "month", "2025-05"), "count"),
	                  "May victims");
	/* The year counted is the twelve months: its five victims shown. */
	expect_number(json_object_get(figure(r->json, "potential_victims"), "count"), 5,
	              "victims of the year");
	/* A hidden month is never one that the others and the total give away:
	 * where any month of a shown total is hidden, at least two are. */
	size_t i;
	json_t *m;
	json_t *list = json_object_get(r->json, "figures"), *f;
	size_t k;
	json_array_foreach(list, k, f)
	{
		if (strcmp(json_string_value(json_object_get(f, "kind")), "count") != 0 ||
		    suppressed(json_object_get(f, "count")))
			continue;
		int hidden = 0;
		json_array_foreach(json_object_get(f, "trend"), i, m) hidden +=
		    suppressed(json_object_get(m, "count"));
		if (hidden == 1)
			fail_msg("%s: one month hidden beside its total",
			         json_string_value(json_object_get(f, "id")));
	}
	/* The Victims' Code updates by month: June's five, all late. */
	json_t *vc = json_object_get(figure(r->json, "victims_code_updates_on_time"), "trend");
	json_t *jun = json_find(vc, "month", "2025-06");
	expect_number(json_object_get(jun, "whole"), 5, "June updates");
	resp_free(r);
	/* The trend ends with to's month, counted up to to. */
	r = client_expect(an1, "GET", "/api/v1/reports/outcomes?from=2025-06-01&to=2025-06-05",
	                  NULL, 200);
	months = json_object_get(r->json, "months");
	assert_string_equal(json_string_value(json_array_get(months, 0)), "2024-07");
	trend = json_object_get(figure(r->json, "nrm_referrals"), "trend");
	expect_suppressed(json_object_get(json_find(trend, "month", "2025-06"), "count"),
	                  "2 referrals by 5 June");
	resp_free(r);
}

static void test_the_threshold_is_the_installations(void **state)
{
	(void)state;
	set_threshold("10");
	resp *r = client_expect(opcc1, "GET", "/api/v1/reports/outcomes?" PERIOD, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "threshold")), 10);
	expect_suppressed(json_object_get(figure(r->json, "potential_victims"), "count"),
	                  "victims");
	json_t *rg = figure(r->json, "rg_within_5_working_days");
	expect_suppressed(json_object_get(rg, "part"), "rg part");
	expect_suppressed(json_object_get(rg, "whole"), "rg whole");
	expect_suppressed(json_object_get(rg, "percent"), "rg percent");
	expect_suppressed(
	    json_object_get(json_find(json_object_get(r->json, "feedback"), "id", "safe"), "mean"),
	    "safe mean");
	expect_suppressed(json_object_get(json_object_get(r->json, "go_bag_stock"), "count"),
	                  "stock of 7");
	resp_free(r);
	set_threshold("3");
}

static void test_the_other_force_counts_only_its_own(void **state)
{
	(void)state;
	resp *r = client_expect(an_b, "GET", "/api/v1/reports/outcomes?" PERIOD, NULL, 200);
	expect_suppressed(json_object_get(figure(r->json, "potential_victims"), "count"),
	                  "other force's victim");
	expect_number(json_object_get(figure(r->json, "nrm_referrals"), "count"), 0, "referrals");
	expect_number(json_object_get(figure(r->json, "go_bags_issued"), "count"), 0, "bags");
	assert_int_equal(
	    json_array_size(json_object_get(
	        json_object_get(json_object_get(r->json, "service_outcomes"), "period"),
	        "services")),
	    0);
	resp_free(r);
}

static void test_the_dashboard_comes_as_csv(void **state)
{
	(void)state;
	resp *r =
	    client_expect(sup1, "GET", "/api/v1/reports/outcomes?" PERIOD "&format=csv", NULL, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/csv"));
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "outcomes.csv"));
	assert_memory_equal(r->body, "figure,period,from,to,service,count,of,percent,mean\r\n", 52);
	assert_non_null(
	    strstr(r->body, "potential_victims,period,2025-04-01,2025-06-30,,4,,,\r\n"));
	assert_non_null(
	    strstr(r->body, "potential_victims,previous,2024-12-31,2025-03-31,,suppressed,,,\r\n"));
	assert_non_null(
	    strstr(r->body, "rg_within_5_working_days,period,2025-04-01,2025-06-30,,3,6,50,\r\n"));
	assert_non_null(strstr(r->body, "nrm_referrals,2025-06,2025-06-01,2025-06-30,,3,,,\r\n"));
	assert_non_null(strstr(r->body, "go_bag_stock,today,"));
	assert_non_null(
	    strstr(r->body, "feedback_safe,period,2025-04-01,2025-06-30,,3,,,4.00\r\n"));
	assert_non_null(strstr(r->body,
	                       "service_outcome_other,period,2025-04-01,2025-06-30,Outcome "
	                       "Navigators,suppressed,,,\r\n"));
	assert_null(strstr(r->body, "Outcomeva"));
	resp_free(r);
}

static void test_a_range_that_is_not_one_is_refused_and_only_figure_readers_ask(void **state)
{
	(void)state;
	static const struct {
		const char *query, *field;
	} bad[] = {
	    {"from=2025-02-30&to=2025-06-30", "from"},
	    {"from=2025-01-01&to=banana", "to"},
	    {"from=2025-07-01&to=2025-06-30", "from"},
	    {"from=2010-01-01&to=2025-06-30", "from"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char path[1024];
		snprintf(path, sizeof path, "/api/v1/reports/outcomes?%s", bad[i].query);
		client_expect_query_error(sup1, path, bad[i].field);
	}
	resp_expect_field(
	    client_expect(sup1, "GET", "/api/v1/reports/outcomes?format=xml", NULL, 422), "format");
	client_expect_free(inv1, "GET", "/api/v1/reports/outcomes", NULL, 403);
	client_expect_free(part1, "GET", "/api/v1/reports/outcomes", NULL, 403);
	client_expect_free(admin1, "GET", "/api/v1/reports/outcomes", NULL, 403);
	client_expect_free(inv_b, "GET", "/api/v1/reports/outcomes?format=csv", NULL, 403);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_each_figure_is_counted_for_the_period),
	    cmocka_unit_test(test_the_previous_period_is_as_long_and_just_before),
	    cmocka_unit_test(test_the_trend_is_twelve_months_ending_with_to),
	    cmocka_unit_test(test_the_threshold_is_the_installations),
	    cmocka_unit_test(test_the_other_force_counts_only_its_own),
	    cmocka_unit_test(test_the_dashboard_comes_as_csv),
	    cmocka_unit_test(test_a_range_that_is_not_one_is_refused_and_only_figure_readers_ask),
	};
	return suite_run(&fixture, tests);
}
