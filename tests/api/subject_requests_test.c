/* Subject requests over HTTP (issue 21): opened by records managers only
 * with the due date each regime counts, listed open first by due date,
 * read with their decisions, extended once with a reason and within two
 * further months, closed; rectification and restriction shown wherever
 * the person's record is, a restricted record refused changes; erasure
 * refused with reasons while a case or a hold remains; and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "domain/workdays.h"
#include "lib/clock.h"

static server srv;
static client *rm1, *admin1, *sup1, *inv1, *inv2, *aud1, *opcc1, *part1, *sg1, *an1, *oth_inv,
    *oth_rm;
static char case_id[ID_LEN], victim[ID_LEN], loner[ID_LEN], other_force[ID_LEN], today[DATE_LEN];
static char case_ref[32];

static int accounts(server *s)
{
	return server_add_account(s, "sg1", "safeguarding", "Test Constabulary", NULL) ||
	       server_add_account(s, "an1", "analyst", "Test Constabulary", NULL) ||
	       server_add_account(s, "oth.inv", "investigator", "Other Constabulary",
	                          "OMT Harbour") ||
	       server_add_account(s, "oth.rm", "records_manager", "Other Constabulary", NULL) ||
	       server_second_factor_off(s, "Other Constabulary");
}

static int records(void)
{
	clock_today(today);
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Car wash, Slough\",\"exploitation_types\":[\"labour\"]}",
	               case_id);
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	json_t *c = client_get_json(inv1, path, 200);
	snprintf(case_ref, sizeof case_ref, "%s",
	         json_string_value(json_object_get(c, "reference")));
	json_decref(c);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Mirela\",\"family_name\":\"Dobrescu\"}", victim);
	case_link_person(inv1, case_id, victim, "potential_victim", NULL);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Lone\",\"family_name\":\"Quillfeather\"}", loner);
	client_post_id(oth_inv, "/api/v1/people",
	               "{\"given_names\":\"Far\",\"family_name\":\"Away\"}", other_force);
	return 0;
}

static const suite_login logins[] = {
    {&rm1, "rm1"},         {&admin1, "admin1"}, {&sup1, "sup1"},   {&inv1, "inv1"}, {&inv2, "inv2"},
    {&aud1, "aud1"},       {&opcc1, "opcc1"},   {&part1, "part1"}, {&sg1, "sg1"},   {&an1, "an1"},
    {&oth_inv, "oth.inv"}, {&oth_rm, "oth.rm"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

static resp *open_request(client *c, const char *person, const char *kind, const char *regime,
                          const char *received, const char *verified)
{
	char body[600];
	snprintf(body, sizeof body,
	         "{\"person_id\":\"%s\",\"kind\":\"%s\",\"regime\":\"%s\",\"received_on\":\"%s\","
	         "\"identity_verified_on\":\"%s\",\"channel\":\"letter\"}",
	         person, kind, regime, received, verified);
	return client_req(c, "POST", "/api/v1/subject-requests", body, NULL);
}

/* Opens a request as rm1 wanting 201: its id into out, its version. */
static int64_t opened(const char *person, const char *kind, const char *regime,
                      const char *received, const char *verified, char out[ID_LEN])
{
	resp *r = open_request(rm1, person, kind, regime, received, verified);
	assert_int_equal(r->status, 201);
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	int64_t v = json_integer_value(json_object_get(r->json, "version"));
	resp_free(r);
	return v;
}

static resp *with_version(client *c, const char *method, const char *path, const char *body,
                          int64_t version)
{
	char h[64];
	snprintf(h, sizeof h, "If-Match: \"%" PRId64 "\"", version);
	const char *headers[] = {h, NULL};
	return client_req(c, method, path, body, headers);
}

static const char *due_of(json_t *j)
{
	return json_string_value(json_object_get(j, "due"));
}

static void test_the_due_date_is_counted_as_the_ico_counts_it_for_each_regime(void **state)
{
	(void)state;
	static const struct {
		const char *regime, *received, *verified, *due;
	} cases[] = {
	    {"uk_gdpr", "2025-01-31", "2025-01-31", "2025-02-28"}, /* the end of February */
	    {"part3", "2025-01-31", "2025-01-31",
	     "2025-03-03"}, /* from 1 February: 1 March, a Saturday */
	    {"uk_gdpr", "2024-01-31", "2024-01-31", "2024-02-29"}, /* a leap year */
	    {"uk_gdpr", "2024-11-25", "2024-11-25", "2024-12-27"}, /* Christmas and Boxing Day */
	    {"part3", "2024-11-25", "2024-11-25", "2024-12-27"},   /* from the 26th: Boxing Day */
	    {"uk_gdpr", "2025-02-10", "2025-02-20",
	     "2025-03-20"}, /* identity verified after receipt */
	    {"part3", "2025-02-10", "2025-02-20", "2025-03-21"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		resp *r = open_request(rm1, victim, "access", cases[i].regime, cases[i].received,
		                       cases[i].verified);
		assert_int_equal(r->status, 201);
		if (strcmp(due_of(r->json), cases[i].due) != 0)
			fail_msg("%s %s/%s: due %s, want %s", cases[i].regime, cases[i].received,
			         cases[i].verified, due_of(r->json), cases[i].due);
		assert_non_null(resp_header(r, "Location"));
		const char *id = json_string_value(json_object_get(r->json, "id"));
		assert_int_equal(audit_count(&srv, "subject_request_opened", id), 1);
		resp_free(r);
	}
}

static void test_opening_refuses_bad_dates_kinds_regimes_and_people_out_of_the_force(void **state)
{
	(void)state;
	char tomorrow[DATE_LEN], yesterday[DATE_LEN];
	date_add_days(today, 1, tomorrow);
	date_add_days(today, -1, yesterday);
	resp_expect_field(open_request(rm1, victim, "access", "uk_gdpr", tomorrow, tomorrow),
	                  "received_on");
	resp_expect_field(open_request(rm1, victim, "access", "uk_gdpr", yesterday, tomorrow),
	                  "identity_verified_on");
	resp_expect_field(open_request(rm1, victim, "access", "uk_gdpr", today, yesterday),
	                  "identity_verified_on");
	resp_expect_field(open_request(rm1, victim, "access", "uk_gdpr", "2025-02-30", today),
	                  "received_on");
	resp_expect_field(open_request(rm1, victim, "access", "part3", "1900-01-01", today),
	                  "received_on");
	resp_expect_field(open_request(rm1, victim, "objection", "uk_gdpr", today, today), "kind");
	resp_expect_field(open_request(rm1, victim, "access", "gdpr", today, today), "regime");
	resp_expect_field(open_request(rm1, "no-such-person", "access", "part3", today, today),
	                  "person_id");
	/* Another force's person: as for one that does not exist. */
	resp *r = open_request(rm1, other_force, "access", "part3", today, today);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "person_id");
	assert_null(strstr(r->body, "Away"));
	resp_free(r);
	resp_expect_field(
	    client_req(rm1, "POST", "/api/v1/subject-requests",
	               "{\"person_id\":\"x\",\"kind\":\"access\",\"regime\":\"part3\","
	               "\"received_on\":\"2025-01-01\",\"identity_verified_on\":\"2025-01-01\"}",
	               NULL),
	    "channel");
	assert_int_equal(client_status(rm1, "POST", "/api/v1/subject-requests", "{\"person_id\":"),
	                 400);
	/* Nobody but a records manager. */
	client *others[] = {admin1, sup1, inv1, inv2, aud1, opcc1, part1, sg1, an1};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		assert_int_equal(
		    resp_status(open_request(others[i], victim, "access", "part3", today, today)),
		    403);
		assert_int_equal(client_status(others[i], "GET", "/api/v1/subject-requests", NULL),
		                 403);
	}
}

static void test_the_list_puts_open_requests_first_by_due_date(void **state)
{
	(void)state;
	char soon[ID_LEN], later[ID_LEN], closed[ID_LEN], back[DATE_LEN], path[160];
	date_add_days(today, -20, back);
	opened(loner, "access", "uk_gdpr", today, today, later);
	opened(loner, "access", "uk_gdpr", back, back, soon);
	int64_t v = opened(loner, "access", "part3", "2024-06-03", "2024-06-03", closed);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/close", closed);
	resp *r =
	    with_version(rm1, "POST", path,
	                 "{\"outcome\":\"answered\",\"reason\":\"Sent by recorded post\"}", v);
	assert_int_equal(r->status, 200);
	resp_free(r);
	json_t *list = client_get_json(rm1, "/api/v1/subject-requests?limit=200", 200);
	json_t *items = json_object_get(list, "items"), *it;
	size_t i, at_soon = SIZE_MAX, at_later = SIZE_MAX, at_closed = SIZE_MAX;
	const char *last_due = "";
	int seen_closed = 0;
	json_array_foreach(items, i, it)
	{
		const char *id = json_string_value(json_object_get(it, "id"));
		int open = strcmp(json_string_value(json_object_get(it, "status")), "open") == 0;
		if (open) {
			assert_false(seen_closed);
			const char *due = json_string_value(json_object_get(it, "extended_due"));
			due = due ? due : due_of(it);
			assert_true(strcmp(last_due, due) <= 0);
			last_due = due;
		} else {
			seen_closed = 1;
		}
		at_soon = strcmp(id, soon) == 0 ? i : at_soon;
		at_later = strcmp(id, later) == 0 ? i : at_later;
		at_closed = strcmp(id, closed) == 0 ? i : at_closed;
	}
	assert_true(at_soon < at_later && at_later < at_closed && at_closed != SIZE_MAX);
	/* The person's name is there for the records manager. */
	it = json_array_get(items, at_soon);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(it, "person"), "name")),
	    "Lone Quillfeather");
	json_decref(list);
	list = client_get_json(rm1, "/api/v1/subject-requests?status=closed&limit=200", 200);
	json_array_foreach(json_object_get(list, "items"), i, it)
	    assert_string_equal(json_string_value(json_object_get(it, "status")), "closed");
	json_decref(list);
	client_expect_query_error(rm1, "/api/v1/subject-requests?status=pending", "status");
	/* Another force's records manager sees none of ours. */
	list = client_get_json(oth_rm, "/api/v1/subject-requests", 200);
	assert_null(json_find(json_object_get(list, "items"), "id", soon));
	json_decref(list);
}

static void test_a_request_is_read_with_its_decisions_and_only_by_its_force(void **state)
{
	(void)state;
	char id[ID_LEN], theirs[ID_LEN], path[160];
	opened(victim, "access", "part3", today, today, id);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s", id);
	json_t *j = client_get_json(rm1, path, 200);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "person"), "name")),
	    "Mirela Dobrescu");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "open");
	assert_true(json_is_array(json_object_get(j, "decisions")));
	assert_true(json_is_null(json_object_get(j, "extended_due")));
	json_decref(j);
	assert_int_equal(audit_count(&srv, "subject_request_viewed", id), 1);
	assert_int_equal(
	    client_status(rm1, "GET", "/api/v1/subject-requests/no-such-request", NULL), 404);
	assert_int_equal(client_status(inv1, "GET", path, NULL), 403);
	assert_int_equal(client_status(aud1, "GET", path, NULL), 403);
	/* Another force's request: 404 to us, as for one that does not exist. */
	resp *r = open_request(oth_rm, other_force, "access", "uk_gdpr", today, today);
	assert_int_equal(r->status, 201);
	snprintf(theirs, sizeof theirs, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s", theirs);
	assert_int_equal(client_status(rm1, "GET", path, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/extension", theirs);
	r = with_version(rm1, "POST", path, "{\"due\":\"2030-01-01\",\"reason\":\"Complex\"}", 1);
	assert_int_equal(r->status, 404);
	resp_free(r);
}

static void test_an_extension_needs_a_reason_and_stays_within_two_further_months(void **state)
{
	(void)state;
	char id[ID_LEN], path[160], body[200], far[DATE_LEN], due[DATE_LEN], fine[DATE_LEN];
	int64_t v = opened(victim, "access", "uk_gdpr", today, today, id);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s", id);
	json_t *j = client_get_json(rm1, path, 200);
	snprintf(due, sizeof due, "%s", due_of(j));
	json_decref(j);
	date_add_days(due, 30, fine);
	date_add_days(today, 130, far);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/extension", id);
	snprintf(body, sizeof body, "{\"due\":\"%s\",\"reason\":\"Records held in three systems\"}",
	         fine);
	/* No version, a stale one, no reason, too far, not later. */
	assert_int_equal(client_status(rm1, "POST", path, body), 428);
	resp *r = with_version(rm1, "POST", path, body, v + 5);
	assert_int_equal(r->status, 412);
	resp_free(r);
	snprintf(body, sizeof body, "{\"due\":\"%s\"}", fine);
	resp_expect_field(with_version(rm1, "POST", path, body, v), "reason");
	snprintf(body, sizeof body, "{\"due\":\"%s\",\"reason\":\"  \"}", fine);
	resp_expect_field(with_version(rm1, "POST", path, body, v), "reason");
	snprintf(body, sizeof body, "{\"due\":\"%s\",\"reason\":\"Complex\"}", far);
	r = with_version(rm1, "POST", path, body, v);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "due");
	assert_non_null(strstr(r->body, "two further months"));
	resp_free(r);
	snprintf(body, sizeof body, "{\"due\":\"%s\",\"reason\":\"Complex\"}", due);
	resp_expect_field(with_version(rm1, "POST", path, body, v), "due");
	resp_expect_field(
	    with_version(rm1, "POST", path, "{\"due\":\"soon\",\"reason\":\"Complex\"}", v), "due");
	/* Others: 403. */
	assert_int_equal(resp_status(with_version(sup1, "POST", path, body, v)), 403);
	/* Allowed once. */
	snprintf(body, sizeof body, "{\"due\":\"%s\",\"reason\":\"Records held in three systems\"}",
	         fine);
	r = with_version(rm1, "POST", path, body, v);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "extended_due")), fine);
	assert_string_equal(due_of(r->json), due);
	json_t *d = json_array_get(json_object_get(r->json, "decisions"), 0);
	assert_string_equal(json_string_value(json_object_get(d, "kind")), "extended");
	int64_t v2 = json_integer_value(json_object_get(r->json, "version"));
	resp_free(r);
	assert_int_equal(audit_count(&srv, "subject_request_extended", id), 1);
	r = with_version(rm1, "POST", path, body, v2);
	assert_int_equal(r->status, 409);
	resp_free(r);
	/* Asked after the first due date: too late, in either regime. */
	char late[ID_LEN];
	v = opened(victim, "access", "part3", "2025-01-31", "2025-01-31", late);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/extension", late);
	r = with_version(rm1, "POST", path, "{\"due\":\"2025-04-01\",\"reason\":\"Complex\"}", v);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "before the first due date"));
	resp_free(r);
}

static void test_a_request_is_closed_once_with_an_outcome(void **state)
{
	(void)state;
	char id[ID_LEN], path[160];
	int64_t v = opened(victim, "rectification", "part3", today, today, id);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/close", id);
	resp_expect_field(
	    with_version(rm1, "POST", path, "{\"outcome\":\"done\",\"reason\":\"Answered\"}", v),
	    "outcome");
	resp_expect_field(with_version(rm1, "POST", path, "{\"outcome\":\"answered\"}", v),
	                  "reason");
	assert_int_equal(
	    client_status(rm1, "POST", path, "{\"outcome\":\"answered\",\"reason\":\"Answered\"}"),
	    428);
	resp *r = with_version(rm1, "POST", path,
	                       "{\"outcome\":\"answered\",\"reason\":\"Answered\"}", v + 1);
	assert_int_equal(r->status, 412);
	resp_free(r);
	assert_int_equal(resp_status(with_version(
	                     inv1, "POST", path, "{\"outcome\":\"answered\",\"reason\":\"x\"}", v)),
	                 403);
	r = with_version(rm1, "POST", path,
	                 "{\"outcome\":\"answered\",\"reason\":\"Answered by letter\"}", v);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "status")), "closed");
	assert_string_equal(json_string_value(json_object_get(r->json, "outcome")), "answered");
	assert_string_equal(json_string_value(json_object_get(r->json, "closed_on")), today);
	v = json_integer_value(json_object_get(r->json, "version"));
	resp_free(r);
	r = with_version(rm1, "POST", path, "{\"outcome\":\"answered\",\"reason\":\"Again\"}", v);
	assert_int_equal(r->status, 409);
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/extension", id);
	r = with_version(rm1, "POST", path, "{\"due\":\"2099-01-01\",\"reason\":\"Again\"}", v);
	assert_int_equal(r->status, 409);
	resp_free(r);
	assert_int_equal(audit_count(&srv, "subject_request_closed", id), 1);
	/* A closed request takes no rectification either. */
	char body[300];
	snprintf(path, sizeof path, "/api/v1/people/%s/rectifications", victim);
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"field\":\"gender\",\"corrected\":\"female\",\"note\":"
	         "\"She asked\"}",
	         id);
	assert_int_equal(client_status(rm1, "POST", path, body), 409);
}

/* The person as c reads them (wanting 200); the caller decrefs. */
static json_t *person(client *c, const char *id)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/people/%s", id);
	return client_get_json(c, path, 200);
}

static void test_a_restricted_record_is_shown_everywhere_and_refuses_changes(void **state)
{
	(void)state;
	char req[ID_LEN], wrong[ID_LEN], path[160], body[400];
	opened(victim, "restriction", "part3", today, today, req);
	opened(victim, "access", "part3", today, today, wrong);
	snprintf(path, sizeof path, "/api/v1/people/%s/restriction", victim);
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"reason\":\"Accuracy of the record is contested\"}",
	         wrong);
	resp_expect_field(client_req(rm1, "POST", path, body, NULL), "request_id");
	snprintf(body, sizeof body,
	         "{\"request_id\":\"no-such\",\"reason\":\"Accuracy contested\"}");
	resp_expect_field(client_req(rm1, "POST", path, body, NULL), "request_id");
	snprintf(body, sizeof body, "{\"request_id\":\"%s\"}", req);
	resp_expect_field(client_req(rm1, "POST", path, body, NULL), "reason");
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"reason\":\"Accuracy of the record is contested\"}", req);
	assert_int_equal(client_status(inv1, "POST", path, body), 403);
	assert_int_equal(client_status(admin1, "POST", path, body), 403);
	resp *r = with_version(rm1, "POST", path, body, 999);
	assert_int_equal(r->status, 412);
	resp_free(r);
	char other[160];
	snprintf(other, sizeof other, "/api/v1/people/%s/restriction", other_force);
	assert_int_equal(client_status(rm1, "POST", other, body), 404);
	snprintf(other, sizeof other, "/api/v1/people/no-such-person/restriction");
	assert_int_equal(client_status(rm1, "POST", other, body), 404);
	r = client_req(rm1, "POST", path, body, NULL);
	assert_int_equal(r->status, 201);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(r->json, "restricted"), "since")),
	    today);
	resp_free(r);
	assert_int_equal(client_status(rm1, "POST", path, body), 409);
	assert_int_equal(audit_count(&srv, "person_restricted", victim), 1);
	/* The person JSON, the case's people, search results. */
	json_t *p = person(inv1, victim);
	json_t *restricted = json_object_get(p, "restricted");
	assert_string_equal(json_string_value(json_object_get(restricted, "reason")),
	                    "Accuracy of the record is contested");
	json_decref(p);
	char cpath[128];
	snprintf(cpath, sizeof cpath, "/api/v1/cases/%s", case_id);
	json_t *c = client_get_json(inv1, cpath, 200);
	json_t *cp = json_array_get(json_object_get(c, "people"), 0);
	assert_true(json_is_object(json_object_get(json_object_get(cp, "person"), "restricted")));
	json_decref(c);
	json_t *found = client_get_json(inv1, "/api/v1/people?q=Mirela%20Dobrescu", 200);
	json_t *hit = json_find(json_object_get(found, "items"), "id", victim);
	assert_non_null(hit);
	assert_true(json_is_object(json_object_get(hit, "restricted")));
	json_decref(found);
	/* Stored but not used: a change, or a new part in a case, is refused naming the
	 * restriction. */
	snprintf(cpath, sizeof cpath, "/api/v1/people/%s", victim);
	r = client_patch_current(inv1, cpath, "{\"gender\":\"female\"}");
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "restricted"));
	assert_non_null(strstr(r->body, "Accuracy of the record is contested"));
	resp_free(r);
	char case2[ID_LEN];
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Second case\",\"exploitation_types\":[\"labour\"]}", case2);
	snprintf(cpath, sizeof cpath, "/api/v1/cases/%s/people", case2);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"witness\"}", victim);
	r = client_req(inv1, "POST", cpath, body, NULL);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "restricted"));
	resp_free(r);
	/* Lifting: with a reason; then changes go through. */
	resp_expect_field(client_req(rm1, "DELETE", path, "{}", NULL), "reason");
	assert_int_equal(client_status(inv1, "DELETE", path, "{\"reason\":\"Resolved\"}"), 403);
	r = client_req(rm1, "DELETE", path, "{\"reason\":\"The record was checked and corrected\"}",
	               NULL);
	assert_int_equal(r->status, 200);
	assert_true(json_is_null(json_object_get(r->json, "restricted")));
	resp_free(r);
	assert_int_equal(client_status(rm1, "DELETE", path, "{\"reason\":\"Again\"}"), 409);
	snprintf(cpath, sizeof cpath, "/api/v1/people/%s", victim);
	r = client_patch_current(inv1, cpath, "{\"gender\":\"female\"}");
	assert_int_equal(r->status, 200);
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s", req);
	json_t *j = client_get_json(rm1, path, 200);
	json_t *ds = json_object_get(j, "decisions");
	assert_int_equal(json_array_size(ds), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(ds, 1), "kind")),
	                    "restriction_lifted");
	json_decref(j);
}

static void test_a_rectification_corrects_the_record_and_is_listed_on_it(void **state)
{
	(void)state;
	char req[ID_LEN], path[160], body[400];
	opened(loner, "rectification", "uk_gdpr", today, today, req);
	snprintf(path, sizeof path, "/api/v1/people/%s/rectifications", loner);
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"field\":\"immigration_status\",\"corrected\":\"x\","
	         "\"note\":\"n\"}",
	         req);
	resp_expect_field(client_req(rm1, "POST", path, body, NULL), "field");
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"field\":\"date_of_birth\",\"corrected\":\"2099-01-01\","
	         "\"note\":\"Wrong\"}",
	         req);
	resp_expect_field(client_req(rm1, "POST", path, body, NULL), "corrected");
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"field\":\"gender\",\"corrected\":\"female\"}", req);
	resp_expect_field(client_req(rm1, "POST", path, body, NULL), "note");
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"field\":\"family_name\",\"corrected\":\"Quillfether\","
	         "\"note\":\"Spelt as "
	         "in her passport\"}",
	         req);
	assert_int_equal(client_status(inv1, "POST", path, body), 403);
	/* Her safe contact: a records manager, who reads no person records,
	 * is never answered it, neither in a refusal nor in the record
	 * corrected. */
	const char *sc[] = {"{\"method\":\"phone\",\"notes\":\"the refuge on 07700 900999\"}",
	                    loner};
	server_db_run(&srv, "UPDATE people SET safe_contact = $1 WHERE id = $2", 2, sc);
	resp *r = with_version(rm1, "POST", path, body, 999);
	assert_int_equal(r->status, 412);
	assert_null(strstr(r->body, "900999"));
	resp_free(r);
	r = client_req(rm1, "POST", path, body, NULL);
	assert_int_equal(r->status, 201);
	assert_null(strstr(r->body, "900999"));
	assert_null(json_object_get(r->json, "safe_contact"));
	assert_string_equal(json_string_value(json_object_get(r->json, "family_name")),
	                    "Quillfether");
	resp_free(r);
	json_t *p = person(inv1, loner);
	assert_string_equal(json_string_value(json_object_get(p, "family_name")), "Quillfether");
	json_t *rect = json_array_get(json_object_get(p, "rectifications"), 0);
	assert_string_equal(json_string_value(json_object_get(rect, "field")), "family_name");
	assert_string_equal(json_string_value(json_object_get(rect, "request_id")), req);
	json_decref(p);
	/* The old value is in the history; found under the new name. */
	char hpath[160];
	snprintf(hpath, sizeof hpath, "/api/v1/people/%s/history", loner);
	json_t *h = client_get_json(inv1, hpath, 200);
	assert_non_null(json_find(json_object_get(h, "items"), "old_value", "Quillfeather"));
	json_decref(h);
	json_t *found = client_get_json(inv1, "/api/v1/people?q=Quillfether", 200);
	json_t *hit = json_find(json_object_get(found, "items"), "id", loner);
	assert_non_null(hit);
	assert_int_equal(json_array_size(json_object_get(hit, "rectifications")), 1);
	json_decref(found);
	assert_int_equal(audit_count(&srv, "person_rectified", loner), 1);
	/* A list field, as items separated by commas. */
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"field\":\"nationalities\",\"corrected\":\"RO, "
	         "Moldova\",\"note\":\"Both\"}",
	         req);
	r = client_req(rm1, "POST", path, body, NULL);
	assert_int_equal(r->status, 201);
	assert_int_equal(json_array_size(json_object_get(r->json, "nationalities")), 2);
	assert_int_equal(json_array_size(json_object_get(r->json, "rectifications")), 2);
	resp_free(r);
}

static void test_erasure_is_refused_while_a_case_or_hold_remains(void **state)
{
	(void)state;
	char req[ID_LEN], path[160], access[ID_LEN];
	opened(victim, "erasure", "part3", today, today, req);
	opened(victim, "access", "part3", today, today, access);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/erasure", access);
	assert_int_equal(client_status(rm1, "POST", path, NULL), 409);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/erasure", req);
	assert_int_equal(client_status(inv1, "POST", path, NULL), 403);
	assert_int_equal(client_status(sup1, "POST", path, NULL), 403);
	assert_int_equal(
	    client_status(rm1, "POST", "/api/v1/subject-requests/no-such/erasure", NULL), 404);
	/* A legal hold on the case, as the retention helper places them. */
	char hold_user[ID_LEN];
	snprintf(hold_user, sizeof hold_user, "%s",
	         server_db_text(&srv, "SELECT id FROM users WHERE username = $1", "rm1"));
	const char *params[] = {"hold-sar-1", case_id, hold_user};
	server_db_run(&srv,
	              "INSERT INTO legal_holds (id, case_id, kind, reason, owner, placed_by, "
	              "placed_at) VALUES "
	              "($1, $2, 'litigation', 'Civil claim against the employer', 'Head of Legal "
	              "Services', $3, "
	              "'2026-01-01T00:00:00.000Z')",
	              3, params);
	resp *r = client_req(rm1, "POST", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "outcome")), "refused");
	json_t *reasons = json_object_get(r->json, "reasons");
	assert_int_equal(json_array_size(reasons), 2);
	char *text = json_dumps(reasons, 0);
	assert_non_null(strstr(text, case_ref));
	assert_non_null(strstr(text, "Civil claim against the employer"));
	free(text);
	json_t *request = json_object_get(r->json, "request");
	assert_string_equal(json_string_value(json_object_get(request, "status")), "closed");
	assert_string_equal(json_string_value(json_object_get(request, "outcome")), "refused");
	resp_free(r);
	assert_int_equal(audit_count(&srv, "subject_request_erasure_refused", req), 1);
	/* The person is still there, and the request is closed. */
	json_decref(person(inv1, victim));
	assert_int_equal(client_status(rm1, "POST", path, NULL), 409);
}

/* A person missing now is being looked for: their record is not erased
 * while the episode is open, though they are in no case. */
static void test_erasure_is_refused_while_the_person_is_missing(void **state)
{
	(void)state;
	char missing[ID_LEN], episode[ID_LEN], req[ID_LEN], path[160], now[CLOCK_ISO_LEN], body[300];
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Sorin\",\"family_name\":\"Vanished\"}",
	               missing);
	clock_now_iso(now);
	snprintf(path, sizeof path, "/api/v1/people/%s/missing-episodes", missing);
	snprintf(body, sizeof body,
	         "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"Bus station\","
	         "\"risk\":\"high\"}",
	         now, now);
	client_post_id(inv1, path, body, episode);
	opened(missing, "erasure", "uk_gdpr", today, today, req);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/erasure", req);
	resp *r = client_req(rm1, "POST", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "outcome")), "refused");
	json_t *reasons = json_object_get(r->json, "reasons");
	assert_int_equal(json_array_size(reasons), 1);
	assert_non_null(strstr(json_string_value(json_array_get(reasons, 0)), "missing now"));
	resp_free(r);
	json_decref(person(inv1, missing));
}

static void test_erasure_disposes_of_a_person_in_no_case(void **state)
{
	(void)state;
	char restrict_req[ID_LEN], req[ID_LEN], path[160], body[300];
	opened(loner, "restriction", "uk_gdpr", today, today, restrict_req);
	snprintf(path, sizeof path, "/api/v1/people/%s/restriction", loner);
	snprintf(body, sizeof body,
	         "{\"request_id\":\"%s\",\"reason\":\"Quillfeather disputes the record\"}",
	         restrict_req);
	assert_int_equal(client_status(rm1, "POST", path, body), 201);
	opened(loner, "erasure", "uk_gdpr", today, today, req);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/erasure", req);
	resp *r = client_req(rm1, "POST", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "outcome")), "erased");
	assert_int_equal(json_array_size(json_object_get(r->json, "reasons")), 0);
	json_t *request = json_object_get(r->json, "request");
	assert_string_equal(json_string_value(json_object_get(request, "outcome")), "erased");
	/* The request outlives the record: it no longer names them. */
	assert_true(json_is_null(json_object_get(json_object_get(request, "person"), "name")));
	assert_null(strstr(r->body, "Quillf"));
	resp_free(r);
	assert_int_equal(audit_count(&srv, "subject_request_erased", req), 1);
	/* Nothing of the record, its restriction or rectifications is left. */
	assert_int_equal(server_db_int(&srv,
	                               "SELECT COUNT(*) FROM people WHERE id = $1 AND given_names "
	                               "= '' AND family_name = '' "
	                               "AND restriction_reason IS NULL AND rectifications = '[]' "
	                               "AND disposed_at IS NOT NULL",
	                               loner),
	                 1);
	json_t *found = client_get_json(inv1, "/api/v1/people?q=Quillfether", 200);
	assert_null(json_find(json_object_get(found, "items"), "id", loner));
	json_decref(found);
	assert_int_equal(client_status(rm1, "POST", path, NULL), 409);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_due_date_is_counted_as_the_ico_counts_it_for_each_regime),
	    cmocka_unit_test(
	        test_opening_refuses_bad_dates_kinds_regimes_and_people_out_of_the_force),
	    cmocka_unit_test(test_the_list_puts_open_requests_first_by_due_date),
	    cmocka_unit_test(test_a_request_is_read_with_its_decisions_and_only_by_its_force),
	    cmocka_unit_test(test_an_extension_needs_a_reason_and_stays_within_two_further_months),
	    cmocka_unit_test(test_a_request_is_closed_once_with_an_outcome),
	    cmocka_unit_test(test_a_restricted_record_is_shown_everywhere_and_refuses_changes),
	    cmocka_unit_test(test_a_rectification_corrects_the_record_and_is_listed_on_it),
	    cmocka_unit_test(test_erasure_is_refused_while_a_case_or_hold_remains),
	    cmocka_unit_test(test_erasure_is_refused_while_the_person_is_missing),
	    cmocka_unit_test(test_erasure_disposes_of_a_person_in_no_case),
	};
	return suite_run(&fixture, tests);
}
