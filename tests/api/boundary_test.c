/* The trust boundary, one attack at a time: another force's cases, a
 * suspect-only person, an officer who moves team, a supervisor opening a case
 * elsewhere, staff caseloads, figures and the audit log of another force.
 * (tests/api/authz_test.c walks every route; these prove each fix alone.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "lib/clock.h"

static server srv;
static client *inv1, *inv2, *sup1, *supc, *sg1, *an1, *admin1, *aud1;
static client *inv_b, *sup_b, *sg_b, *aud_b;
static char today[CLOCK_DATE_LEN];

static int accounts(server *s)
{
	return server_add_account(s, "sg1", "safeguarding", "Test Constabulary", "Safeguarding") ||
	       server_add_account(s, "an1", "analyst", "Test Constabulary", "Intelligence") ||
	       server_add_account(s, "supc", "supervisor", "Test Constabulary", "CID") ||
	       server_add_account(s, "mover", "investigator", "Test Constabulary", "EMT") ||
	       server_add_account(s, "inv_b", "investigator", "Other Constabulary", "B-EMT") ||
	       server_add_account(s, "sup_b", "supervisor", "Other Constabulary", "B-EMT") ||
	       server_add_account(s, "sg_b", "safeguarding", "Other Constabulary", "B-Safeguarding") ||
	       server_add_account(s, "aud_b", "auditor", "Other Constabulary", NULL) ||
	       server_second_factor_off(s, "Other Constabulary") != 0;
}

static int records(void)
{
	clock_today(today);
	return 0;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&sup1, "sup1"}, {&supc, "supc"}, {&sg1, "sg1"},
	{&an1, "an1"}, {&admin1, "admin1"}, {&aud1, "aud1"}, {&inv_b, "inv_b"}, {&sup_b, "sup_b"},
	{&sg_b, "sg_b"}, {&aud_b, "aud_b"}, {NULL, NULL},
};
static const suite fixture = {
	.srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* GETs path as c and says whether the body holds needle. */
static int body_has(client *c, const char *path, const char *needle)
{
	resp *r = client_req(c, "GET", path, NULL, NULL);
	int has = r->body && strstr(r->body, needle) != NULL;
	resp_free(r);
	return has;
}

/* Opens a case as c; adds a new person in the role; writes both ids. */
static void case_with(client *c, const char *title, const char *given, const char *family, const char *role,
		      char case_id[ID_LEN], char person_id[ID_LEN])
{
	char body[400];
	snprintf(body, sizeof body, "{\"title\":\"%s\",\"exploitation_types\":[\"labour\"]}", title);
	client_post_id(c, "/api/v1/cases", body, case_id);
	snprintf(body, sizeof body,
		 "{\"given_names\":\"%s\",\"family_name\":\"%s\",\"immigration_status\":\"Overstayer since 2019\"}",
		 given, family);
	client_post_id(c, "/api/v1/people", body, person_id);
	case_link_person(c, case_id, person_id, role, NULL);
}

static void user_id_of(client *c, char out[64])
{
	resp *r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	snprintf(out, 64, "%s", json_string_value(json_object_get(json_object_get(r->json, "user"), "id")));
	resp_free(r);
}

static void team_id_of(client *c, char out[64])
{
	resp *r = client_req(c, "GET", "/api/v1/me", NULL, NULL);
	snprintf(out, 64, "%s",
		 json_string_value(json_object_get(json_object_get(json_object_get(r->json, "user"), "team"), "id")));
	resp_free(r);
}

/* Allocates the case to the user as c, with the reason for overriding what
 * the candidates' ranking asks. */
static void allocate(client *c, const char *case_id, const char *user_id, const char *reason)
{
	char path[256], body[300];
	snprintf(path, sizeof path, "/api/v1/cases/%s/allocation", case_id);
	snprintf(body, sizeof body, "{\"user_id\":\"%s\",\"override_reason\":\"%s\"}", user_id, reason);
	client_expect_free(c, "POST", path, body, 201);
}

static void test_another_forces_case_is_beyond_force_wide_roles(void **state)
{
	(void)state;
	char kase[64], victim[64], path[256];
	case_with(inv_b, "Car wash, Otherton", "Dritan", "Kelmendi", "potential_victim", kase, victim);
	/* Its own force's safeguarding officer reaches it. */
	snprintf(path, sizeof path, "/api/v1/cases/%s", kase);
	client_expect_free(sg_b, "GET", path, NULL, 200);
	/* Safeguarding officers and analysts of the first force do not: not to
	 * read, reveal, record in, nor find it. */
	client_expect_free(sg1, "GET", path, NULL, 404);
	client_expect_free(an1, "GET", path, NULL, 404);
	snprintf(path, sizeof path, "/api/v1/cases/%s/notes", kase);
	client_expect_free(sg1, "POST", path, "{\"text\":\"Visited the address\"}", 404);
	client_get_expect(an1, 404, "/api/v1/cases/%s/timeline", kase);
	snprintf(path, sizeof path, "/api/v1/people/%s", victim);
	client_expect_free(sg1, "GET", path, NULL, 404);
	client_expect_free(an1, "GET", path, NULL, 404);
	const char *why[] = {"X-Purpose: Safeguarding strategy meeting", NULL};
	snprintf(path, sizeof path, "/api/v1/people/%s?reveal=immigration_status", victim);
	resp *r = client_req(sg1, "GET", path, NULL, why);
	assert_int_equal(r->status, 404);
	assert_null(strstr(r->body, "Overstayer"));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/people/%s", victim);
	client_expect_free(sg1, "PATCH", path, "{\"gender\":\"male\"}", 404);
	assert_false(body_has(sg1, "/api/v1/cases?q=Otherton", kase));
	assert_false(body_has(an1, "/api/v1/cases", kase));
	assert_false(body_has(sg1, "/api/v1/people?q=Dritan+Kelmendi", victim));
	assert_false(body_has(an1, "/api/v1/people?q=Dritan+Kelmendi", victim));
	assert_false(body_has(sg1, "/api/v1/worklist", kase));
	assert_true(body_has(sg_b, "/api/v1/people?q=Dritan+Kelmendi", victim));
}

static void test_a_suspect_only_person_exists_only_for_who_reaches_suspects(void **state)
{
	(void)state;
	char kase[64], victim[64], suspect[64], path[256], body[600];
	case_with(inv1, "Hand car wash, Devizes", "Ardit", "Hoxhaj", "potential_victim", kase, victim);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Gjergj\",\"family_name\":\"Zefaj\"}", suspect);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", kase);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"suspect\"}", suspect);
	char part[64];
	client_post_id(inv1, path, body, part);
	char order[64];
	snprintf(path, sizeof path, "/api/v1/cases/%s/orders", kase);
	snprintf(body, sizeof body,
		 "{\"person_id\":\"%s\",\"kind\":\"stpo\",\"court\":\"Swindon Crown Court\",\"applicant\":\"police\","
		 "\"made_on\":\"%s\",\"prohibitions\":[\"Not to employ anyone\"]}",
		 suspect, today);
	client_post_id(inv1, path, body, order);

	/* The case's investigators and supervisors, and the force's analysts, see them. */
	snprintf(path, sizeof path, "/api/v1/people/%s", suspect);
	client_expect_free(inv1, "GET", path, NULL, 200);
	client_expect_free(sup1, "GET", path, NULL, 200);
	client_expect_free(an1, "GET", path, NULL, 200);
	assert_true(body_has(an1, "/api/v1/people?q=Gjergj+Zefaj", suspect));
	/* To a safeguarding officer of the same force, and to another team's
	 * investigator, they do not exist. */
	client_expect_free(sg1, "GET", path, NULL, 404);
	client_expect_free(inv2, "GET", path, NULL, 404);
	client_get_expect(sg1, 404, "/api/v1/people/%s/history", suspect);
	assert_false(body_has(sg1, "/api/v1/people?q=Gjergj+Zefaj", suspect));
	assert_false(body_has(inv2, "/api/v1/people?q=Gjergj+Zefaj", suspect));
	snprintf(path, sizeof path, "/api/v1/orders/%s", order);
	client_expect_free(sg1, "GET", path, NULL, 403); /* orders restrain suspects: never theirs */
	client_expect_free(inv1, "GET", path, NULL, 200);
	/* The safeguarding officer reads the case and its victim, not its suspect,
	 * their order, nor their part in its history. */
	snprintf(path, sizeof path, "/api/v1/cases/%s", kase);
	resp *r = client_req(sg1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, victim));
	assert_null(strstr(r->body, suspect));
	assert_null(strstr(r->body, order));
	assert_null(strstr(r->body, "Zefaj"));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/cases/%s/history", kase);
	r = client_req(sg1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, victim));
	assert_null(strstr(r->body, suspect));
	assert_null(strstr(r->body, "\"order\""));
	resp_free(r);
	assert_true(body_has(inv1, path, suspect));
	assert_false(body_has(sg1, "/api/v1/worklist", order));
	/* Their part in the case is not there for the officer either: not to
	 * record against, not to refer. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", kase, part);
	client_expect_free(sg1, "POST", path, "{\"code\":\"debt_bondage\"}", 404);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/care", kase, part);
	client_expect_free(sg1, "PUT", path, "{\"spoc_name\":\"PC Day\"}", 404);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}", kase, suspect,
		 today);
	resp *q = client_req(sg1, "POST", "/api/v1/nrm-referrals", body, NULL);
	assert_int_equal(q->status, 422);
	assert_non_null(strstr(q->body, "is not someone in this case"));
	resp_free(q);
	/* Adding a suspect to a case is not theirs to do either. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", kase);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"witness\"}", suspect);
	client_expect_free(sg1, "POST", path, body, 403);
}

static void test_moving_an_officer_moves_their_reach(void **state)
{
	(void)state;
	client *mover = client_signed_in(&srv, "mover");
	char kase[64], victim[64], alone[64], allocated[64], path[256], body[300], mover_id[64], cid[64];
	case_with(mover, "Farm labour, Pewsey", "Ilir", "Berisha", "potential_victim", kase, victim);
	client_post_id(mover, "/api/v1/people", "{\"given_names\":\"Liridona\",\"family_name\":\"Krasniqi\"}", alone);
	/* A CID case allocated to them, by CID's supervisor. */
	client_post_id(supc, "/api/v1/cases", "{\"title\":\"Cannabis farm, Calne\",\"exploitation_types\":[\"criminal\"]}",
		allocated);
	user_id_of(mover, mover_id);
	snprintf(path, sizeof path, "/api/v1/cases/%s/allocation", allocated);
	snprintf(body, sizeof body, "{\"user_id\":\"%s\",\"override_reason\":\"Speaks the victim's language\"}",
		 mover_id);
	client_expect_free(supc, "POST", path, body, 201);

	/* Moved to CID by an administrator: the old team's case and the person
	 * they recorded go at once; the case allocated to them stays. */
	team_id_of(inv2, cid);
	snprintf(path, sizeof path, "/api/v1/users/%s", mover_id);
	resp *r = client_req(admin1, "GET", path, NULL, NULL);
	char if_match[64];
	snprintf(if_match, sizeof if_match, "If-Match: \"%lld\"",
		 (long long)json_integer_value(json_object_get(r->json, "version")));
	resp_free(r);
	const char *h[] = {if_match, NULL};
	r = client_req(admin1, "PATCH", path, "{\"team\":\"CID\"}", h);
	assert_int_equal(r->status, 200);
	resp_free(r);
	client_free(mover);
	mover = client_signed_in(&srv, "mover"); /* the move ended their sessions */
	client_get_expect(mover, 404, "/api/v1/cases/%s", kase);
	client_get_expect(mover, 404, "/api/v1/people/%s", alone);
	client_get_expect(mover, 404, "/api/v1/people/%s", victim);
	assert_false(body_has(mover, "/api/v1/people?q=Liridona+Krasniqi", alone));
	client_get_expect(mover, 200, "/api/v1/cases/%s", allocated);
	/* Their new team's cases are theirs now; the old team keeps its own. */
	client_expect_free(inv1, "GET", "/api/v1/cases", NULL, 200);
	client_get_expect(inv1, 200, "/api/v1/people/%s", alone);
	(void)cid;
	client_free(mover);
}

static void test_a_supervisor_opens_cases_only_for_their_own_team(void **state)
{
	(void)state;
	char other_force_team[64], cid[64], body[300];
	team_id_of(inv_b, other_force_team);
	team_id_of(inv2, cid);
	snprintf(body, sizeof body, "{\"title\":\"Elsewhere\",\"exploitation_types\":[\"labour\"],\"team_id\":\"%s\"}",
		 other_force_team);
	resp *r = client_req(sup1, "POST", "/api/v1/cases", body, NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(r->json, "errors"), 0), "field")),
			    "team_id");
	resp_free(r);
	snprintf(body, sizeof body, "{\"title\":\"Next door\",\"exploitation_types\":[\"labour\"],\"team_id\":\"%s\"}", cid);
	client_expect_free(sup1, "POST", "/api/v1/cases", body, 422);
	client_expect_free(inv1, "POST", "/api/v1/cases", body, 422);
	client_expect_free(sg1, "POST", "/api/v1/cases", "{\"title\":\"Not theirs\",\"exploitation_types\":[\"labour\"]}", 403);
	client_expect_free(sup1, "POST", "/api/v1/cases", "{\"title\":\"Their own\",\"exploitation_types\":[\"labour\"]}", 201);
}

static void test_caseloads_show_to_the_member_their_supervisors_and_as_a_count_to_administrators(void **state)
{
	(void)state;
	char kase[ID_LEN], inv1_id[ID_LEN], path[256];
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Brothel, Salisbury\",\"exploitation_types\":[\"sexual\"]}", kase);
	user_id_of(inv1, inv1_id);
	allocate(sup1, kase, inv1_id, "Only officer free this week");
	snprintf(path, sizeof path, "/api/v1/staff/%s", inv1_id);
	/* The member and their own team's supervisor see which cases. */
	assert_true(body_has(inv1, path, kase));
	assert_true(body_has(sup1, path, kase));
	/* Another team's supervisor sees the profile, not the caseload. */
	resp *r = client_req(supc, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_true(json_is_null(json_object_get(r->json, "cases")));
	assert_true(json_is_null(json_object_get(r->json, "active_cases")));
	assert_null(strstr(r->body, kase));
	resp_free(r);
	assert_false(body_has(supc, "/api/v1/staff", kase));
	/* An administrator sees how many, never which. */
	r = client_req(admin1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_true(json_is_null(json_object_get(r->json, "cases")));
	assert_true(json_integer_value(json_object_get(r->json, "active_cases")) >= 1);
	assert_null(strstr(r->body, kase));
	resp_free(r);
	/* Another force's supervisor: no such member of staff. */
	client_expect_free(sup_b, "GET", path, NULL, 404);
}

/* The allocations counted in the report as c sees it (a month
 * suppressed by the disclosure control counts none). */
static json_int_t allocations_counted(client *c)
{
	json_t *report = client_get_json(c, "/api/v1/reports/allocation", 200);
	json_int_t n = 0;
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(report, "accredited_leads"), i, m)
		n += json_integer_value(json_object_get(m, "allocations"));
	json_decref(report);
	return n;
}

static void test_figures_count_only_the_callers_force(void **state)
{
	(void)state;
	/* The lowest disclosure threshold, so that three allocations show. */
	const char *t[] = {"3"};
	server_db_run(&srv,
	              "INSERT INTO settings (key, value, updated_at, version) VALUES "
	              "('disclosure_threshold', $1, '2025-01-01T00:00:00Z', 1) ON CONFLICT (key) DO "
	              "UPDATE SET value = excluded.value",
	              1, t);
	json_int_t mine = allocations_counted(sup1), theirs = allocations_counted(sup_b);
	assert_int_equal(theirs, 0);
	char kase[ID_LEN], sup_b_id[ID_LEN];
	user_id_of(sup_b, sup_b_id);
	for (int i = 0; i < 3; i++) {
		client_post_id(sup_b, "/api/v1/cases", "{\"title\":\"Nail bar, Otherton\",\"exploitation_types\":[\"labour\"]}", kase);
		allocate(sup_b, kase, sup_b_id, "Covering for a colleague");
	}
	assert_int_equal(allocations_counted(sup_b), theirs + 3);
	assert_int_equal(allocations_counted(sup1), mine);
	assert_int_equal(allocations_counted(an1), mine);
}

static void test_an_auditor_reads_only_their_own_forces_log(void **state)
{
	(void)state;
	char inv1_id[64], inv_b_id[64], path[256];
	user_id_of(inv1, inv1_id);
	user_id_of(inv_b, inv_b_id);
	/* (First the whole log: the auditor's own searches name what they searched for.) */
	assert_false(body_has(aud_b, "/api/v1/audit?limit=1000", inv1_id));
	assert_true(body_has(aud_b, "/api/v1/audit?limit=1000", inv_b_id));
	assert_false(body_has(aud1, "/api/v1/audit?limit=1000", inv_b_id));
	snprintf(path, sizeof path, "/api/v1/audit?user=%s", inv1_id);
	assert_true(body_has(aud1, path, inv1_id));
	json_t *log = client_get_json(aud_b, path, 200);
	assert_int_equal(json_array_size(json_object_get(log, "items")), 0);
	json_decref(log);
	assert_int_equal(client_status(inv1, "GET", "/api/v1/audit", NULL), 403);
}

static void test_a_service_is_the_forces_and_names_only_a_partner_of_it(void **state)
{
	(void)state;
	/* Hope Support Services is hosted by Test Constabulary: its partner. */
	char hope[ID_LEN], service[ID_LEN];
	partner_id(inv1, "Hope Support Services", hope);
	assert_true(hope[0]);
	assert_false(body_has(inv_b, "/api/v1/organisations?kind=partner", hope));
	service_make(admin1, "Hope Navigators (boundary)", hope, 72, service);
	assert_true(body_has(inv1, "/api/v1/services", service));
	/* Another force neither sees the service nor refers its victim to it. */
	assert_false(body_has(inv_b, "/api/v1/services?active=any", service));
	char kase[ID_LEN], victim[ID_LEN], part[ID_LEN], path[256], body[400];
	client_post_id(inv_b, "/api/v1/cases", "{\"title\":\"Laundry, Otherton\",\"exploitation_types\":[\"labour\"]}", kase);
	client_post_id(inv_b, "/api/v1/people", "{\"given_names\":\"Mirela\",\"family_name\":\"Dobre\"}", victim);
	case_link_person(inv_b, kase, victim, "potential_victim", part);
	consent_for_support(inv_b, victim);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/service-referrals", kase, part);
	snprintf(body, sizeof body, "{\"service_id\":\"%s\",\"need\":\"A safe house\",\"urgency\":\"urgent\"}", service);
	resp_expect_field(client_expect(inv_b, "POST", path, body, 422), "service_id");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_another_forces_case_is_beyond_force_wide_roles),
		cmocka_unit_test(test_a_suspect_only_person_exists_only_for_who_reaches_suspects),
		cmocka_unit_test(test_moving_an_officer_moves_their_reach),
		cmocka_unit_test(test_a_supervisor_opens_cases_only_for_their_own_team),
		cmocka_unit_test(test_caseloads_show_to_the_member_their_supervisors_and_as_a_count_to_administrators),
		cmocka_unit_test(test_figures_count_only_the_callers_force),
		cmocka_unit_test(test_an_auditor_reads_only_their_own_forces_log),
		cmocka_unit_test(test_a_service_is_the_forces_and_names_only_a_partner_of_it),
	};
	return suite_run(&fixture, tests);
}
