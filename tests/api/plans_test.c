/* Safeguarding plans over HTTP: the force's plan for a victim, its risks,
 * actions and notes; a partner working on it through a live share (its
 * own actions only); a child's protection steps in order with their clocks
 * on the worklist; and every refusal. */
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
static client *inv1, *inv2, *part1, *admin1;
static char case_id[ID_LEN], adult[ID_LEN], adult_link[ID_LEN], child[ID_LEN], child_link[ID_LEN];
static char suspect_link[ID_LEN], hope[ID_LEN], force[ID_LEN], opcc[ID_LEN], council[ID_LEN];
static char plan[ID_LEN], child_plan[ID_LEN];
static char today[DATE_LEN], soon[DATE_LEN], tomorrow[DATE_LEN];

static void org_ids(client *c, const char *kind, const char *name, char out[ID_LEN])
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/organisations?kind=%s", kind);
	json_t *orgs = client_get_json(c, path, 200);
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(json_find(json_object_get(orgs, "items"), "name", name), "id")));
	json_decref(orgs);
}

static int records(void)
{
	clock_today(today);
	date_add_days(today, 30, soon);
	date_add_days(today, 1, tomorrow);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Cannabis grow, Melksham\",\"exploitation_types\":[\"criminal\"]}",
		       case_id);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Hoang\",\"family_name\":\"Tran\",\"estimated_age\":27}", adult);
	case_link_person(inv1, case_id, adult, "potential_victim", adult_link);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Minh\",\"family_name\":\"Tran\",\"estimated_age\":15}", child);
	case_link_person(inv1, case_id, child, "potential_victim", child_link);
	char suspect[ID_LEN];
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Duc\",\"family_name\":\"Le\"}", suspect);
	case_link_person(inv1, case_id, suspect, "suspect", suspect_link);
	org_ids(inv1, "partner", "Hope Support Services", hope);
	org_ids(inv1, "force", "Test Constabulary", force);
	org_ids(inv1, "opcc", TEST_OPCC, opcc);
	client_post_id(admin1, "/api/v1/organisations",
		       "{\"name\":\"Wiltshire Council Children's Services\",\"kind\":\"local_authority\"}", council);
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/safeguarding-plan", case_id, adult_link);
	client_post_id(inv1, path, "{\"review_on\":\"2027-03-01\",\"agencies\":[\"Hope Support Services\",\"Wiltshire Council\"]}", plan);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/safeguarding-plan", case_id, child_link);
	client_post_id(inv1, path, "{}", child_plan);
	return strlen(hope) > 8 && strlen(force) > 8 && strlen(opcc) > 8 ? 0 : -1;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&part1, "part1"}, {&admin1, "admin1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

static const char *plan_path(const char *id, const char *tail)
{
	static char path[200];
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s%s", id, tail);
	return path;
}

/* Shares the adult with the partner on a lawful basis without consent,
 * naming the sections: the share's id. */
static void share_adult(const char *sections, char out[ID_LEN])
{
	char path[200], body[400];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", case_id, adult_link);
	snprintf(body, sizeof body,
		 "{\"organisation_id\":\"%s\",\"sections\":%s,\"purpose\":\"safeguarding\",\"basis\":\"vital_interests\","
		 "\"reason\":\"Threats from the gang\",\"expires_on\":\"%s\"}",
		 hope, sections, soon);
	client_post_id(inv1, path, body, out);
}

static void test_a_plan_is_one_per_victim_and_every_bad_field_is_named(void **state)
{
	(void)state;
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/safeguarding-plan", case_id, adult_link);
	assert_int_equal(client_status(inv1, "POST", path, "{}"), 409);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/safeguarding-plan", case_id, suspect_link);
	assert_int_equal(client_status(inv1, "POST", path, "{}"), 409);
	assert_int_equal(client_status(inv2, "POST", path, "{}"), 404);
	assert_int_equal(client_status(part1, "POST", path, "{}"), 404);
	char c2[ID_LEN], p2[ID_LEN], l2[ID_LEN];
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Nail bar, Devizes\",\"exploitation_types\":[\"labour\"]}", c2);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Lan\",\"family_name\":\"Vo\"}", p2);
	case_link_person(inv1, c2, p2, "potential_victim", l2);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/safeguarding-plan", c2, l2);
	resp_expect_field(client_req(inv1, "POST", path, "{\"review_on\":\"2027-02-30\"}", NULL), "review_on");
	resp_expect_field(client_req(inv1, "POST", path, "{\"agencies\":[\" \"]}", NULL), "agencies");
	json_t *p = client_get_json(inv1, plan_path(plan, ""), 200);
	assert_string_equal(json_string_value(json_object_get(p, "review_on")), "2027-03-01");
	assert_true(json_holds(json_object_get(p, "agencies"), "Wiltshire Council"));
	assert_false(json_is_true(json_object_get(json_object_get(p, "child_protection"), "applies")));
	json_decref(p);
	client_get_expect(inv2, 404, "%s", plan_path(plan, ""));
	client_get_expect(inv1, 404, "%s", plan_path("no-such-plan", ""));
	/* Changed at the version read. */
	assert_int_equal(client_status(inv1, "PATCH", plan_path(plan, ""), "{\"review_on\":\"2027-04-01\"}"), 428);
	const char *stale[] = {"If-Match: \"99\"", NULL};
	resp *r = client_req(inv1, "PATCH", plan_path(plan, ""), "{\"review_on\":\"2027-04-01\"}", stale);
	assert_int_equal(r->status, 412);
	assert_non_null(json_object_get(r->json, "current"));
	resp_free(r);
	resp_free(client_patch_current(inv1, plan_path(plan, ""), "{\"review_on\":\"2027-04-01\"}"));
	json_t *h = client_get_json(inv1, plan_path(plan, ""), 200);
	assert_string_equal(json_string_value(json_object_get(h, "review_on")), "2027-04-01");
	json_decref(h);
}

/* The case page names each victim's plan, so it can lead to it or offer
 * to make one; a suspect's part never has one. */
static void test_the_case_names_each_victims_plan(void **state)
{
	(void)state;
	char path[200], c2[ID_LEN], p2[ID_LEN], l2[ID_LEN];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	json_t *kase = client_get_json(inv1, path, 200);
	json_t *people = json_object_get(kase, "people");
	json_t *a = json_find(people, "id", adult_link), *ch = json_find(people, "id", child_link);
	json_t *s = json_find(people, "id", suspect_link);
	assert_string_equal(json_string_value(json_object_get(a, "safeguarding_plan_id")), plan);
	assert_string_equal(json_string_value(json_object_get(ch, "safeguarding_plan_id")), child_plan);
	assert_null(json_object_get(s, "safeguarding_plan_id"));
	json_decref(kase);
	/* A victim without a plan: null, so the page offers to make one. */
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Car wash, Warminster\",\"exploitation_types\":[\"labour\"]}", c2);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Arben\",\"family_name\":\"Hoxha\"}", p2);
	case_link_person(inv1, c2, p2, "potential_victim", l2);
	snprintf(path, sizeof path, "/api/v1/cases/%s", c2);
	kase = client_get_json(inv1, path, 200);
	json_t *none = json_object_get(json_find(json_object_get(kase, "people"), "id", l2), "safeguarding_plan_id");
	assert_non_null(none);
	assert_true(json_is_null(none));
	json_decref(kase);
}

static void test_risks_and_actions_are_the_forces_to_set(void **state)
{
	(void)state;
	resp_expect_field(client_req(inv1, "POST", plan_path(plan, "/risks"), "{\"description\":\"Gang contact\",\"level\":\"severe\"}", NULL), "level");
	resp_expect_field(client_req(inv1, "POST", plan_path(plan, "/risks"), "{\"description\":\" \",\"level\":\"high\"}", NULL), "description");
	char risk[ID_LEN], path[200];
	client_post_id(inv1, plan_path(plan, "/risks"), "{\"description\":\"Contact from the gang that controlled him\",\"level\":\"high\"}", risk);
	snprintf(path, sizeof path, "%s", plan_path(plan, "/risks/"));
	strncat(path, risk, sizeof path - strlen(path) - 1);
	client_expect_free(inv1, "PATCH", path, "{\"level\":\"medium\"}", 200);
	resp_expect_field(client_req(inv1, "PATCH", path, "{}", NULL), "level");
	assert_int_equal(client_status(inv1, "PATCH", plan_path(plan, "/risks/no-such-risk"), "{\"level\":\"low\"}"), 404);
	/* Actions: owned by the force or a partner of it, never the Commissioner's office. */
	char body[300];
	snprintf(body, sizeof body, "{\"description\":\"Housing\",\"owner_organisation_id\":\"%s\",\"due_on\":\"%s\"}", opcc, soon);
	resp_expect_field(client_req(inv1, "POST", plan_path(plan, "/actions"), body, NULL), "owner_organisation_id");
	snprintf(body, sizeof body, "{\"description\":\"Housing\",\"owner_organisation_id\":\"nobody\",\"due_on\":\"%s\"}", soon);
	resp_expect_field(client_req(inv1, "POST", plan_path(plan, "/actions"), body, NULL), "owner_organisation_id");
	snprintf(body, sizeof body, "{\"description\":\"Housing\",\"owner_organisation_id\":\"%s\",\"due_on\":\"someday\"}", hope);
	resp_expect_field(client_req(inv1, "POST", plan_path(plan, "/actions"), body, NULL), "due_on");
	snprintf(body, sizeof body, "{\"description\":\"Move to safe housing\",\"owner_organisation_id\":\"%s\",\"owner_name\":\"Sam Reid\",\"due_on\":\"%s\"}", hope, today);
	char action[ID_LEN];
	client_post_id(inv1, plan_path(plan, "/actions"), body, action);
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/actions/%s", plan, action);
	assert_int_equal(client_status(inv1, "PATCH", path, "{\"status\":\"done\"}"), 428);
	const char *v1[] = {"If-Match: \"1\"", NULL};
	resp_expect_field(client_req(inv1, "PATCH", path, "{\"status\":\"finished\"}", v1), "status");
	resp *r = client_req(inv1, "PATCH", path, "{\"status\":\"in_progress\"}", v1);
	assert_int_equal(r->status, 200);
	resp_free(r);
	assert_int_equal(client_status(inv1, "PATCH", plan_path(plan, "/actions/no-such"), "{\"status\":\"done\"}"), 404);
	r = client_req(inv1, "PATCH", path, "{\"status\":\"done\"}", v1); /* read before the change */
	assert_int_equal(r->status, 409);
	resp_free(r);
	/* On the worklist while it is open and due. */
	json_t *item = worklist_item(inv1, "plan_action_due", plan);
	assert_non_null(item);
	json_decref(item);
}

static void test_a_partner_works_on_the_plan_only_while_a_share_names_it(void **state)
{
	(void)state;
	char body[300], mine[ID_LEN], theirs[ID_LEN], path[200];
	snprintf(body, sizeof body, "{\"description\":\"Weekly support sessions\",\"owner_organisation_id\":\"%s\",\"due_on\":\"%s\"}", hope, soon);
	client_post_id(inv1, plan_path(plan, "/actions"), body, mine);
	snprintf(body, sizeof body, "{\"description\":\"Safety visit\",\"owner_organisation_id\":\"%s\",\"due_on\":\"%s\"}", force, soon);
	client_post_id(inv1, plan_path(plan, "/actions"), body, theirs);
	/* No share: nothing. A share without the plan: still nothing. */
	client_get_expect(part1, 404, "%s", plan_path(plan, ""));
	char no_plan[ID_LEN], with_plan[ID_LEN];
	share_adult("[\"identity\"]", no_plan);
	client_get_expect(part1, 404, "%s", plan_path(plan, ""));
	share_adult("[\"identity\",\"safeguarding_plan\"]", with_plan);
	json_t *p = client_get_json(part1, plan_path(plan, ""), 200);
	assert_non_null(json_find(json_object_get(p, "actions"), "id", mine));
	json_decref(p);
	assert_true(audit_count(&srv, "disclosure_viewed", plan) >= 1);
	/* Its own actions; not the force's, not the plan itself. */
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/actions/%s", plan, mine);
	const char *v1[] = {"If-Match: \"1\"", NULL};
	resp *r = client_req(part1, "PATCH", path, "{\"status\":\"in_progress\"}", v1);
	assert_int_equal(r->status, 200);
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/actions/%s", plan, theirs);
	r = client_req(part1, "PATCH", path, "{\"status\":\"done\"}", v1);
	assert_int_equal(r->status, 403);
	resp_free(r);
	assert_int_equal(client_status(part1, "PATCH", plan_path(plan, ""), "{\"review_on\":\"2027-05-01\"}"), 403);
	assert_int_equal(client_status(part1, "POST", plan_path(plan, "/risks"), "{\"description\":\"x\",\"level\":\"low\"}"), 403);
	assert_int_equal(client_status(part1, "POST", plan_path(plan, "/actions"), body), 403);
	resp_expect_field(client_req(part1, "POST", plan_path(plan, "/notes"), "{\"text\":\"  \"}", NULL), "text");
	client_post_id(part1, plan_path(plan, "/notes"), "{\"text\":\"Attended first session; wants to stay in Swindon\"}", NULL);
	/* The force sees the partner's update and note. */
	p = client_get_json(inv1, plan_path(plan, ""), 200);
	json_t *note = json_array_get(json_object_get(p, "notes"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(note, "organisation"), "name")), "Hope Support Services");
	json_t *a = json_find(json_object_get(p, "actions"), "id", mine);
	assert_string_equal(json_string_value(json_object_get(a, "status")), "in_progress");
	json_decref(p);
	/* The partner's home lists what it is asked to do. */
	json_t *list = client_get_json(part1, "/api/v1/shares", 200);
	json_t *s = json_find(json_object_get(list, "items"), "id", with_plan);
	assert_non_null(s);
	assert_non_null(json_find(json_object_get(json_object_get(s, "plan"), "actions"), "id", mine));
	assert_null(json_find(json_object_get(json_object_get(s, "plan"), "actions"), "id", theirs));
	assert_null(json_object_get(json_find(json_object_get(list, "items"), "id", no_plan), "plan"));
	json_decref(list);
	/* The share's view holds the plan, without its risks unless shared. */
	snprintf(path, sizeof path, "/api/v1/shares/%s", with_plan);
	json_t *view = client_get_json(part1, path, 200);
	assert_true(json_is_object(json_object_get(json_object_get(view, "view"), "safeguarding_plan")));
	assert_null(json_object_get(json_object_get(json_object_get(view, "view"), "safeguarding_plan"), "risks"));
	assert_null(json_object_get(json_object_get(view, "view"), "risks"));
	json_decref(view);
	/* Revoked: the partner is out again. */
	client_expect_free(inv1, "DELETE", path, NULL, 204);
	client_get_expect(part1, 404, "%s", plan_path(plan, ""));
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/actions/%s", plan, mine);
	const char *v2[] = {"If-Match: \"2\"", NULL};
	r = client_req(part1, "PATCH", path, "{\"status\":\"done\"}", v2);
	assert_int_equal(r->status, 404);
	resp_free(r);
}

static json_t *step(const char *body, long want)
{
	resp *r = client_expect(inv1, "POST", plan_path(child_plan, "/child-protection"), body, want);
	json_t *j = want == 200 ? json_incref(r->json) : NULL;
	resp_free(r);
	return j;
}

static const char *due_of(json_t *p, const char *what)
{
	return json_string_value(json_object_get(json_object_get(json_object_get(p, "child_protection"), "due"), what));
}

static void test_a_childs_protection_steps_come_in_order_with_their_clocks(void **state)
{
	(void)state;
	/* An adult has none. */
	resp *r = client_req(inv1, "POST", plan_path(plan, "/child-protection"), "{\"step\":\"local_authority_told\",\"on\":\"2026-06-08\"}", NULL);
	assert_int_equal(r->status, 409);
	resp_free(r);
	/* Nothing before the local authority is told. */
	step("{\"step\":\"strategy_discussion\",\"on\":\"2026-06-09\",\"outcome\":\"section_47\"}", 409);
	resp_expect_field(client_req(inv1, "POST", plan_path(child_plan, "/child-protection"), "{\"step\":\"case_conference\",\"on\":\"2026-06-08\"}", NULL), "step");
	char body[300];
	snprintf(body, sizeof body, "{\"step\":\"local_authority_told\",\"on\":\"%s\"}", tomorrow);
	resp_expect_field(client_req(inv1, "POST", plan_path(child_plan, "/child-protection"), body, NULL), "on");
	resp_expect_field(client_req(inv1, "POST", plan_path(child_plan, "/child-protection"), "{\"step\":\"local_authority_told\",\"on\":\"2026-06-08\",\"outcome\":\"plan\"}", NULL), "outcome");
	resp_expect_field(client_req(inv1, "POST", plan_path(child_plan, "/child-protection"), "{\"step\":\"local_authority_told\",\"on\":\"2026-06-08\",\"organisation_id\":\"nobody\"}", NULL), "organisation_id");
	/* A support provider is not the local authority. */
	snprintf(body, sizeof body, "{\"step\":\"local_authority_told\",\"on\":\"2026-06-08\",\"organisation_id\":\"%s\"}", hope);
	resp_expect_field(client_req(inv1, "POST", plan_path(child_plan, "/child-protection"), body, NULL), "organisation_id");
	/* Told on Monday 8 June 2026: the strategy discussion by Tuesday. */
	snprintf(body, sizeof body, "{\"step\":\"local_authority_told\",\"on\":\"2026-06-08\",\"organisation_id\":\"%s\"}", council);
	json_t *p = step(body, 200);
	assert_string_equal(due_of(p, "strategy_discussion"), "2026-06-09");
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(p, "child_protection"), "local_authority"), "name")), "Wiltshire Council Children's Services");
	json_decref(p);
	step(body, 409);
	json_t *item = worklist_item(inv1, "cp_strategy_due", child_plan);
	assert_non_null(item);
	assert_string_equal(json_string_value(json_object_get(item, "due")), "2026-06-09");
	json_decref(item);
	assert_null(worklist_item(inv2, "cp_strategy_due", child_plan));
	resp_expect_field(client_req(inv1, "POST", plan_path(child_plan, "/child-protection"), "{\"step\":\"strategy_discussion\",\"on\":\"2026-06-05\",\"outcome\":\"section_47\"}", NULL), "on");
	resp_expect_field(client_req(inv1, "POST", plan_path(child_plan, "/child-protection"), "{\"step\":\"strategy_discussion\",\"on\":\"2026-06-09\"}", NULL), "outcome");
	step("{\"step\":\"conference\",\"on\":\"2026-06-20\",\"outcome\":\"plan\"}", 409);
	p = step("{\"step\":\"strategy_discussion\",\"on\":\"2026-06-09\",\"outcome\":\"section_47\"}", 200);
	assert_null(due_of(p, "strategy_discussion"));
	json_decref(p);
	assert_null(worklist_item(inv1, "cp_strategy_due", child_plan));
	/* Enquiries find significant harm: a conference within 15 working days. */
	p = step("{\"step\":\"section_47_outcome\",\"on\":\"2026-06-19\",\"outcome\":\"significant_harm\"}", 200);
	assert_string_equal(due_of(p, "conference"), "2026-06-30");
	json_decref(p);
	item = worklist_item(inv1, "cp_conference_due", child_plan);
	assert_non_null(item);
	json_decref(item);
	step("{\"step\":\"core_group\",\"on\":\"2026-06-30\"}", 409);
	/* A plan: the core group within 10 working days, a review within 3 months. */
	p = step("{\"step\":\"conference\",\"on\":\"2026-06-29\",\"outcome\":\"plan\"}", 200);
	assert_string_equal(due_of(p, "core_group"), "2026-07-13");
	assert_string_equal(due_of(p, "review"), "2026-09-29");
	json_decref(p);
	p = step("{\"step\":\"core_group\",\"on\":\"2026-07-08\"}", 200);
	assert_null(due_of(p, "core_group"));
	json_decref(p);
	item = worklist_item(inv1, "cp_review_due", child_plan);
	assert_non_null(item);
	json_decref(item);
	/* Then at most every 6 months, until the plan ends. */
	p = step("{\"step\":\"review\",\"on\":\"2026-09-28\",\"outcome\":\"plan_continues\"}", 200);
	assert_string_equal(due_of(p, "review"), "2027-03-28");
	json_decref(p);
	p = step("{\"step\":\"review\",\"on\":\"2026-11-30\",\"outcome\":\"plan_ends\"}", 200);
	assert_null(due_of(p, "review"));
	json_decref(p);
	step("{\"step\":\"review\",\"on\":\"2026-12-01\",\"outcome\":\"plan_continues\"}", 409);
	/* Each step is audited. */
	assert_int_equal(audit_count(&srv, "child_protection_step", child_plan), 7);
}

static void test_a_force_sets_its_own_strategy_discussion_days(void **state)
{
	(void)state;
	const char *args[] = {"settings", "set", "--org", "Test Constabulary", "--strategy-discussion-days", "2", NULL};
	char out[512];
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, args), 0);
	assert_non_null(strstr(out, "within 2 working days"));
	const char *bad[] = {"settings", "set", "--org", "Test Constabulary", "--strategy-discussion-days", "9", NULL};
	assert_int_not_equal(run_waymark(&srv, NULL, NULL, 0, bad), 0);
	const char *partner[] = {"settings", "set", "--org", "Hope Support Services", "--strategy-discussion-days", "2", NULL};
	assert_int_not_equal(run_waymark(&srv, NULL, NULL, 0, partner), 0);
	char p2[ID_LEN], l2[ID_LEN], path[200], id[ID_LEN];
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Thu\",\"family_name\":\"Pham\",\"estimated_age\":14}", p2);
	case_link_person(inv1, case_id, p2, "potential_victim", l2);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/safeguarding-plan", case_id, l2);
	client_post_id(inv1, path, "{}", id);
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/child-protection", id);
	resp *r = client_expect(inv1, "POST", path, "{\"step\":\"local_authority_told\",\"on\":\"2026-06-08\"}", 200);
	assert_string_equal(due_of(r->json, "strategy_discussion"), "2026-06-10");
	resp_free(r);
	/* Back to the default for the other suites' sake. */
	const char *one[] = {"settings", "set", "--org", "Test Constabulary", "--strategy-discussion-days", "1", NULL};
	assert_int_equal(run_waymark(&srv, NULL, NULL, 0, one), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_plan_is_one_per_victim_and_every_bad_field_is_named),
		cmocka_unit_test(test_the_case_names_each_victims_plan),
		cmocka_unit_test(test_risks_and_actions_are_the_forces_to_set),
		cmocka_unit_test(test_a_partner_works_on_the_plan_only_while_a_share_names_it),
		cmocka_unit_test(test_a_childs_protection_steps_come_in_order_with_their_clocks),
		cmocka_unit_test(test_a_force_sets_its_own_strategy_discussion_days),
	};
	return suite_run(&fixture, tests);
}
