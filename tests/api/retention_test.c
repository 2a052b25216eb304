/* Retention, review and disposal over HTTP: the rules every role reads and
 * an administrator changes, a case's group by rule or as a records manager
 * sets it, people following the case, reviews that retain (with the next
 * date) or dispose (refused under any hold, automatic or placed), holds
 * placed and lifted, the worklist, the figures and the disposals list, and
 * every refusal: 403, 404, 409, 412, 422 naming the field. */
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
static client *inv1, *rm1, *admin1, *rm_b;
static char labour_case[ID_LEN], sexual_case[ID_LEN], old_case[ID_LEN], victim[ID_LEN],
    witness[ID_LEN], outsider[ID_LEN], today[DATE_LEN], soon[DATE_LEN], yesterday[DATE_LEN];

static int accounts(server *s)
{
	return server_add_account(s, "rm_b", "records_manager", "Other Constabulary", NULL) ||
	       server_second_factor_off(s, "Other Constabulary") != 0;
}

static void close_case(const char *id)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s", id);
	resp *r = client_patch_current(inv1, path,
	                               "{\"status\":\"closed\",\"outcome\":\"No further action\"}");
	assert_int_equal(r->status, 200);
	resp_free(r);
}

static int records(void)
{
	clock_today(today);
	date_add_days(today, 10, soon);
	date_add_days(today, -1, yesterday);
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Car wash, Slough\",\"exploitation_types\":[\"labour\"]}",
	               labour_case);
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Flat, Reading\",\"exploitation_types\":[\"sexual\"]}",
	               sexual_case);
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Old farm\",\"exploitation_types\":[\"unknown\"]}", old_case);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Ana\",\"family_name\":\"Retainova\"}", victim);
	case_link_person(inv1, labour_case, victim, "potential_victim", NULL);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Wit\",\"family_name\":\"Ness\"}",
	               witness);
	case_link_person(inv1, labour_case, witness, "witness", NULL);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Not\",\"family_name\":\"Here\"}",
	               outsider);
	/* The old case opened in 2012 and closed: group 3, reviewed after 6
	 * years, so overdue. */
	close_case(old_case);
	const char *p[] = {old_case};
	server_db_run(&srv, "UPDATE cases SET created_at = '2012-03-01T10:00:00Z' WHERE id = $1", 1,
	              p);
	server_db_run(&srv,
	              "UPDATE history SET at = '2013-05-02T10:00:00Z' WHERE record_id = $1 AND "
	              "field = 'status'",
	              1, p);
	return 0;
}

static const suite_login logins[] = {
    {&inv1, "inv1"}, {&rm1, "rm1"}, {&admin1, "admin1"}, {&rm_b, "rm_b"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

static resp *send_if(client *c, const char *method, const char *path, const char *body,
                     const char *version)
{
	char h[64];
	const char *headers[] = {h, NULL};
	if (!version)
		return client_req(c, method, path, body, NULL);
	snprintf(h, sizeof h, "If-Match: \"%s\"", version);
	return client_req(c, method, path, body, headers);
}

static void expect(resp *r, long status)
{
	if (r->status != status)
		fail_msg("answered %ld, not %ld: %s", r->status, status, r->body ? r->body : "");
	resp_free(r);
}

static void test_every_role_reads_the_rules_and_only_an_administrator_changes_them(void **state)
{
	(void)state;
	json_t *j = client_get_json(inv1, "/api/v1/retention/rules", 200);
	json_t *rules = json_object_get(j, "rules");
	assert_int_equal(json_array_size(rules), 3);
	json_t *g1 = json_find(rules, "group", "group_1"),
	       *g3 = json_find(rules, "group", "group_3");
	assert_int_equal(json_integer_value(json_object_get(g1, "review_years")), 10);
	assert_int_equal(json_integer_value(json_object_get(g3, "clear_years")), 6);
	assert_non_null(
	    strstr(json_string_value(json_object_get(g1, "source")), "college.police.uk"));
	int64_t v = json_integer_value(json_object_get(j, "version"));
	json_decref(j);
	char ver[24], stale[24];
	snprintf(ver, sizeof ver, "%lld", (long long)v);
	snprintf(stale, sizeof stale, "%lld", (long long)v + 7);
	const char *body =
	    "{\"rules\":[{\"group\":\"group_3\",\"review_years\":7,\"clear_years\":7}]}";
	expect(send_if(rm1, "PUT", "/api/v1/retention/rules", body, ver), 403);
	expect(send_if(inv1, "PUT", "/api/v1/retention/rules", body, ver), 403);
	expect(send_if(admin1, "PUT", "/api/v1/retention/rules", body, NULL), 428);
	expect(send_if(admin1, "PUT", "/api/v1/retention/rules", body, stale), 412);
	resp_expect_field(send_if(admin1, "PUT", "/api/v1/retention/rules",
	                          "{\"rules\":[{\"group\":\"group_3\",\"review_years\":0}]}", ver),
	                  "rules[0].review_years");
	resp_expect_field(send_if(admin1, "PUT", "/api/v1/retention/rules",
	                          "{\"rules\":[{\"group\":\"group_9\",\"review_years\":5}]}", ver),
	                  "rules[0].group");
	resp_expect_field(
	    send_if(admin1, "PUT", "/api/v1/retention/rules",
	            "{\"rules\":[{\"group\":\"group_3\",\"review_years\":5,\"clear_years\":-1}]}",
	            ver),
	    "rules[0].clear_years");
	resp_expect_field(send_if(admin1, "PUT", "/api/v1/retention/rules", "{\"rules\":[]}", ver),
	                  "rules");
	resp *r = send_if(admin1, "PUT", "/api/v1/retention/rules", body, ver);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), v + 1);
	g3 = json_find(json_object_get(r->json, "rules"), "group", "group_3");
	assert_int_equal(json_integer_value(json_object_get(g3, "review_years")), 7);
	resp_free(r);
	assert_true(audit_count(&srv, "retention_rules_changed", NULL) >= 1);
	/* The same version again is stale; then the defaults go back. */
	expect(send_if(admin1, "PUT", "/api/v1/retention/rules", body, ver), 412);
	snprintf(ver, sizeof ver, "%lld", (long long)v + 1);
	expect(send_if(admin1, "PUT", "/api/v1/retention/rules",
	               "{\"rules\":[{\"group\":\"group_3\",\"review_years\":6,\"clear_years\":6}]}",
	               ver),
	       200);
}

static void test_a_case_falls_in_its_group_by_rule_and_shows_only_what_a_review_needs(void **state)
{
	(void)state;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/retention", labour_case);
	json_t *j = client_get_json(rm1, path, 200);
	assert_string_equal(json_string_value(json_object_get(j, "group")), "group_2");
	assert_string_equal(json_string_value(json_object_get(j, "group_set_by")), "rules");
	assert_true(json_is_true(json_object_get(j, "held")));
	assert_non_null(json_find(json_object_get(j, "holds"), "kind", "open_case"));
	/* An open case is reviewed 10 years (group 2) after it opened. */
	char want[DATE_LEN];
	date_add_years(today, 10, want);
	assert_string_equal(json_string_value(json_object_get(j, "next_review_on")), want);
	json_t *people = json_object_get(j, "people");
	assert_int_equal(json_array_size(people), 2);
	json_t *v = json_find(people, "person_id", victim);
	assert_string_equal(json_string_value(json_object_get(v, "name")), "Ana Retainova");
	assert_true(json_is_true(json_object_get(v, "follows_case")));
	assert_string_equal(json_string_value(json_object_get(v, "group")), "group_2");
	/* Nothing of the case's content: no title, no summary. */
	char *text = json_dumps(j, 0);
	assert_null(strstr(text, "Car wash"));
	free(text);
	json_decref(j);
	assert_true(audit_count(&srv, "retention_viewed", labour_case) >= 1);
	snprintf(path, sizeof path, "/api/v1/cases/%s/retention", sexual_case);
	j = client_get_json(rm1, path, 200);
	assert_string_equal(json_string_value(json_object_get(j, "group")), "group_1");
	json_decref(j);
	/* Officers and administrators do not hold retention records; the other
	 * force's records manager does not reach this force's cases. */
	client_get_expect(inv1, 403, "/api/v1/cases/%s/retention", labour_case);
	client_get_expect(admin1, 403, "/api/v1/cases/%s/retention", labour_case);
	client_get_expect(rm_b, 404, "/api/v1/cases/%s/retention", labour_case);
	client_get_expect(rm1, 404, "/api/v1/cases/%s/retention",
	                  "00000000-0000-4000-8000-000000000000");
}

static void test_a_records_manager_sets_a_group_with_a_reason_and_the_version(void **state)
{
	(void)state;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/retention", labour_case);
	const char *body =
	    "{\"group\":\"group_1\",\"reason\":\"The suspect is managed under MAPPA\"}";
	expect(send_if(rm1, "PUT", path, body, NULL), 428);
	expect(send_if(rm1, "PUT", path, body, "5"), 412);
	expect(send_if(inv1, "PUT", path, body, "1"), 403);
	expect(send_if(rm_b, "PUT", path, body, "1"), 404);
	resp_expect_field(
	    send_if(rm1, "PUT", path, "{\"group\":\"group_7\",\"reason\":\"x\"}", "1"), "group");
	resp_expect_field(
	    send_if(rm1, "PUT", path, "{\"group\":\"group_1\",\"reason\":\"  \"}", "1"), "reason");
	resp_expect_field(send_if(rm1, "PUT", path, "{\"group\":\"group_1\"}", "1"), "reason");
	resp *r = send_if(rm1, "PUT", path, body, "1");
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "group")), "group_1");
	assert_string_equal(json_string_value(json_object_get(r->json, "group_set_by")),
	                    "records_manager");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	/* The witness follows the case into group 1. */
	json_t *w = json_find(json_object_get(r->json, "people"), "person_id", witness);
	assert_string_equal(json_string_value(json_object_get(w, "group")), "group_1");
	resp_free(r);
	expect(send_if(rm1, "PUT", path, body, "1"), 412);
	assert_true(audit_count(&srv, "retention_group_set", labour_case) >= 1);
}

static void test_a_person_keeps_a_group_of_their_own_only_with_a_reason(void **state)
{
	(void)state;
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/retention", labour_case, witness);
	const char *body =
	    "{\"group\":\"group_3\",\"reason\":\"A witness to one event, nothing more\"}";
	expect(send_if(rm1, "PUT", path, body, NULL), 428);
	expect(send_if(rm1, "PUT", path, body, "3"), 412);
	resp_expect_field(send_if(rm1, "PUT", path, "{\"group\":\"group_3\"}", "1"), "reason");
	resp_expect_field(send_if(rm1, "PUT", path, "{\"group\":\"g3\",\"reason\":\"x\"}", "1"),
	                  "group");
	expect(send_if(inv1, "PUT", path, body, "1"), 403);
	expect(send_if(rm_b, "PUT", path, body, "1"), 404);
	char other[200];
	snprintf(other, sizeof other, "/api/v1/cases/%s/people/%s/retention", labour_case,
	         outsider);
	expect(send_if(rm1, "PUT", other, body, "1"), 404);
	resp *r = send_if(rm1, "PUT", path, body, "1");
	assert_int_equal(r->status, 200);
	assert_false(json_is_true(json_object_get(r->json, "follows_case")));
	resp_free(r);
	snprintf(other, sizeof other, "/api/v1/cases/%s/retention", labour_case);
	json_t *j = client_get_json(rm1, other, 200);
	json_t *w = json_find(json_object_get(j, "people"), "person_id", witness);
	assert_string_equal(json_string_value(json_object_get(w, "group")), "group_3");
	assert_string_equal(json_string_value(json_object_get(w, "reason")),
	                    "A witness to one event, nothing more");
	json_t *v = json_find(json_object_get(j, "people"), "person_id", victim);
	assert_true(json_is_true(json_object_get(v, "follows_case")));
	json_decref(j);
}

static void test_retain_needs_a_reason_and_a_later_review_date(void **state)
{
	(void)state;
	char path[160], body[300];
	snprintf(path, sizeof path, "/api/v1/cases/%s/reviews", old_case);
	resp_expect_field(client_req(rm1, "POST", path,
	                             "{\"decision\":\"retain\",\"reason\":\"Still needed\"}", NULL),
	                  "next_review_on");
	snprintf(body, sizeof body,
	         "{\"decision\":\"retain\",\"reason\":\"Still needed\",\"next_review_on\":\"%s\"}",
	         today);
	resp_expect_field(client_req(rm1, "POST", path, body, NULL), "next_review_on");
	resp_expect_field(
	    client_req(
	        rm1, "POST", path,
	        "{\"decision\":\"retain\",\"reason\":\"x\",\"next_review_on\":\"2031-02-30\"}",
	        NULL),
	    "next_review_on");
	/* Retained: the next review no further off than the group's review
	 * period (group 3: six years), never a date that keeps the record off
	 * every worklist for good. */
	resp_expect_field(
	    client_req(
	        rm1, "POST", path,
	        "{\"decision\":\"retain\",\"reason\":\"x\",\"next_review_on\":\"9999-12-31\"}",
	        NULL),
	    "next_review_on");
	char far[DATE_LEN];
	date_add_years(today, 7, far);
	snprintf(body, sizeof body,
	         "{\"decision\":\"retain\",\"reason\":\"x\",\"next_review_on\":\"%s\"}", far);
	resp_expect_field(client_req(rm1, "POST", path, body, NULL), "next_review_on");
	resp_expect_field(
	    client_req(rm1, "POST", path, "{\"decision\":\"keep\",\"reason\":\"x\"}", NULL),
	    "decision");
	resp_expect_field(client_req(rm1, "POST", path, "{\"decision\":\"dispose\"}", NULL),
	                  "reason");
	resp_expect_field(
	    client_req(
	        rm1, "POST", path,
	        "{\"decision\":\"dispose\",\"reason\":\"x\",\"next_review_on\":\"2040-01-01\"}",
	        NULL),
	    "next_review_on");
	snprintf(body, sizeof body,
	         "{\"decision\":\"retain\",\"reason\":\"Linked to an open inquiry\","
	         "\"next_review_on\":\"%s\"}",
	         soon);
	assert_int_equal(client_status(inv1, "POST", path, body), 403);
	assert_int_equal(client_status(rm_b, "POST", path, body), 404);
	/* The old case is overdue until it is reviewed. */
	json_t *w = client_get_json(rm1, "/api/v1/retention/worklist", 200);
	assert_non_null(json_find(json_object_get(w, "overdue"), "case_id", old_case));
	json_decref(w);
	resp *r = client_req(rm1, "POST", path, body, NULL);
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "next_review_on")), soon);
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/cases/%s/retention", old_case);
	json_t *j = client_get_json(rm1, path, 200);
	assert_string_equal(json_string_value(json_object_get(j, "next_review_on")), soon);
	assert_string_equal(json_string_value(json_object_get(j, "group")), "group_3");
	json_t *rev = json_array_get(json_object_get(j, "reviews"), 0);
	assert_string_equal(json_string_value(json_object_get(rev, "decision")), "retain");
	json_decref(j);
	/* Now it is due within 30 days, not overdue. */
	w = client_get_json(rm1, "/api/v1/retention/worklist", 200);
	assert_null(json_find(json_object_get(w, "overdue"), "case_id", old_case));
	json_t *item = json_find(json_object_get(w, "due"), "case_id", old_case);
	assert_non_null(item);
	assert_false(json_is_true(json_object_get(item, "held")));
	json_decref(w);
	assert_true(audit_count(&srv, "retention_retained", old_case) == 1);
}

static void test_nothing_is_disposed_of_under_a_hold(void **state)
{
	(void)state;
	char path[160], hold_path[160], hold_id[ID_LEN];
	const char *dispose =
	    "{\"decision\":\"dispose\",\"reason\":\"No policing purpose remains\"}";
	/* An open case holds itself. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/reviews", sexual_case);
	resp *r = client_req(rm1, "POST", path, dispose, NULL);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "open_case"));
	resp_free(r);
	close_case(sexual_case);
	/* A litigation hold, with its reason and owner. */
	snprintf(hold_path, sizeof hold_path, "/api/v1/cases/%s/holds", sexual_case);
	resp_expect_field(client_req(rm1, "POST", hold_path,
	                             "{\"kind\":\"feud\",\"reason\":\"x\",\"owner\":\"y\"}", NULL),
	                  "kind");
	resp_expect_field(
	    client_req(rm1, "POST", hold_path, "{\"kind\":\"litigation\",\"reason\":\"x\"}", NULL),
	    "owner");
	resp_expect_field(client_req(rm1, "POST", hold_path,
	                             "{\"kind\":\"litigation\",\"reason\":\"\",\"owner\":\"y\"}",
	                             NULL),
	                  "reason");
	const char *hold = "{\"kind\":\"litigation\",\"reason\":\"Civil claim against the force\","
	                   "\"owner\":\"Jo Banks, Force Solicitor\"}";
	assert_int_equal(client_status(inv1, "POST", hold_path, hold), 403);
	assert_int_equal(client_status(rm_b, "POST", hold_path, hold), 404);
	client_post_id(rm1, hold_path, hold, hold_id);
	r = client_req(rm1, "POST", path, dispose, NULL);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "litigation"));
	assert_non_null(strstr(r->body, "Jo Banks"));
	resp_free(r);
	/* Lifting: the version, a reason, and once only. */
	snprintf(hold_path, sizeof hold_path, "/api/v1/holds/%s", hold_id);
	const char *lift = "{\"reason\":\"The claim was settled\"}";
	expect(send_if(rm1, "DELETE", hold_path, lift, NULL), 428);
	expect(send_if(rm1, "DELETE", hold_path, lift, "4"), 412);
	resp_expect_field(send_if(rm1, "DELETE", hold_path, "{}", "1"), "reason");
	expect(send_if(inv1, "DELETE", hold_path, lift, "1"), 403);
	expect(send_if(rm_b, "DELETE", hold_path, lift, "1"), 404);
	expect(
	    send_if(rm1, "DELETE", "/api/v1/holds/00000000-0000-4000-8000-000000000000", lift, "1"),
	    404);
	expect(send_if(rm1, "DELETE", hold_path, lift, "1"), 200);
	expect(send_if(rm1, "DELETE", hold_path, lift, "2"), 409);
	snprintf(path, sizeof path, "/api/v1/cases/%s/retention", sexual_case);
	json_t *j = client_get_json(rm1, path, 200);
	assert_false(json_is_true(json_object_get(j, "held")));
	assert_non_null(json_find(json_object_get(j, "lifted_holds"), "id", hold_id));
	json_decref(j);
	assert_int_equal(audit_count(&srv, "legal_hold_placed", sexual_case), 1);
	assert_int_equal(audit_count(&srv, "legal_hold_lifted", sexual_case), 1);
	/* With no hold left, the decision disposes of the case at once. */
	char reference[32];
	snprintf(reference, sizeof reference, "%s",
	         server_db_text(&srv, "SELECT reference FROM cases WHERE id = $1", sexual_case));
	snprintf(path, sizeof path, "/api/v1/cases/%s/reviews", sexual_case);
	assert_int_equal(client_status(inv1, "POST", path, dispose), 403);
	r = client_req(rm1, "POST", path, dispose, NULL);
	assert_int_equal(r->status, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "decision")), "dispose");
	assert_non_null(json_object_get(r->json, "disposed"));
	resp_free(r);
	/* Nothing is left to review; the stub says what went, when and why. */
	client_get_expect(rm1, 404, "/api/v1/cases/%s/retention", sexual_case);
	assert_int_equal(client_status(rm1, "POST", path, dispose), 404);
	j = client_get_json(rm1, "/api/v1/disposals", 200);
	json_t *stub = json_find(json_object_get(j, "items"), "case_id", sexual_case);
	assert_non_null(stub);
	assert_string_equal(json_string_value(json_object_get(stub, "reference")), reference);
	assert_string_equal(json_string_value(json_object_get(stub, "group")), "group_1");
	assert_string_equal(json_string_value(json_object_get(stub, "reason")),
	                    "No policing purpose remains");
	json_decref(j);
	assert_int_equal(audit_count(&srv, "retention_dispose_decided", sexual_case), 1);
	j = client_get_json(rm_b, "/api/v1/disposals", 200);
	assert_null(json_find(json_object_get(j, "items"), "case_id", sexual_case));
	json_decref(j);
}

static void test_an_order_in_force_holds_its_case(void **state)
{
	(void)state;
	char case_id[ID_LEN], suspect[ID_LEN], path[160], body[400];
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Nail bar\",\"exploitation_types\":[\"labour\"]}", case_id);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Viktor\",\"family_name\":\"Ordo\"}", suspect);
	case_link_person(inv1, case_id, suspect, "suspect", NULL);
	snprintf(path, sizeof path, "/api/v1/cases/%s/orders", case_id);
	snprintf(body, sizeof body,
	         "{\"person_id\":\"%s\",\"kind\":\"stpo\",\"court\":\"Reading Crown "
	         "Court\",\"applicant\":\"police\","
	         "\"made_on\":\"%s\",\"prohibitions\":[\"No contact with the victims\"]}",
	         suspect, yesterday);
	client_post_id(inv1, path, body, NULL);
	close_case(case_id);
	snprintf(path, sizeof path, "/api/v1/cases/%s/retention", case_id);
	json_t *j = client_get_json(rm1, path, 200);
	assert_string_equal(json_string_value(json_object_get(j, "group")),
	                    "group_1"); /* an order: group 1 */
	json_t *h = json_find(json_object_get(j, "holds"), "kind", "order_in_force");
	assert_non_null(h);
	assert_string_equal(json_string_value(json_object_get(h, "owner")), "Reading Crown Court");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/cases/%s/reviews", case_id);
	resp *r = client_req(rm1, "POST", path,
	                     "{\"decision\":\"dispose\",\"reason\":\"No purpose\"}", NULL);
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(r->body, "order_in_force"));
	resp_free(r);
}

static void test_figures_and_disposals_are_the_records_managers(void **state)
{
	(void)state;
	json_t *j = client_get_json(rm1, "/api/v1/reports/retention", 200);
	json_t *g3 = json_find(json_object_get(j, "by_group"), "group", "group_3");
	assert_true(json_integer_value(json_object_get(g3, "retained")) >= 1);
	/* The disposal of the sexual-exploitation case counts in group 1, and in this month. */
	json_t *g1 = json_find(json_object_get(j, "by_group"), "group", "group_1");
	assert_int_equal(json_integer_value(json_object_get(g1, "disposed")), 1);
	json_t *months = json_object_get(j, "by_month");
	json_t *last = json_array_get(months, json_array_size(months) - 1);
	assert_int_equal(strncmp(json_string_value(json_object_get(last, "month")), today, 7), 0);
	assert_true(json_integer_value(json_object_get(last, "disposed")) >= 1);
	assert_true(json_integer_value(json_object_get(last, "retained")) >= 1);
	assert_true(json_array_size(json_object_get(j, "by_month")) >= 12);
	json_decref(j);
	client_expect_query_error(rm1, "/api/v1/reports/retention?from=yesterday", "from");
	j = client_get_json(rm1, "/api/v1/disposals", 200);
	assert_true(json_is_array(json_object_get(j, "items")));
	json_decref(j);
	static const char *const routes[] = {"/api/v1/retention/worklist",
	                                     "/api/v1/reports/retention", "/api/v1/disposals"};
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		assert_int_equal(client_status(inv1, "GET", routes[i], NULL), 403);
		assert_int_equal(client_status(admin1, "GET", routes[i], NULL), 403);
	}
	/* The other force's records manager sees none of this force's cases. */
	j = client_get_json(rm_b, "/api/v1/retention/worklist", 200);
	assert_int_equal(json_array_size(json_object_get(j, "overdue")) +
	                     json_array_size(json_object_get(j, "due")),
	                 0);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_every_role_reads_the_rules_and_only_an_administrator_changes_them),
	    cmocka_unit_test(
	        test_a_case_falls_in_its_group_by_rule_and_shows_only_what_a_review_needs),
	    cmocka_unit_test(test_a_records_manager_sets_a_group_with_a_reason_and_the_version),
	    cmocka_unit_test(test_a_person_keeps_a_group_of_their_own_only_with_a_reason),
	    cmocka_unit_test(test_retain_needs_a_reason_and_a_later_review_date),
	    cmocka_unit_test(test_nothing_is_disposed_of_under_a_hold),
	    cmocka_unit_test(test_an_order_in_force_holds_its_case),
	    cmocka_unit_test(test_figures_and_disposals_are_the_records_managers),
	};
	return suite_run(&fixture, tests);
}
