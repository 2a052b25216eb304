/* Staff, training and allocation over HTTP: profiles kept by supervisors,
 * the training register with CSV import and export, the ranked candidates
 * with their reasons, allocation with and without an override, reallocation
 * keeping the history and moving access, and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "domain/allocation.h"
#include "domain/words.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/db.h"

static server srv;
static client *sup1, *inv1, *inv2, *opcc1, *part1;
static char u_inv1[ID_LEN], u_inv2[ID_LEN], u_sup1[ID_LEN], case_id[ID_LEN], today[DATE_LEN];

static void expect_field(client *c, const char *method, const char *path, const char *body, const char *field)
{
	resp_expect_field(client_expect(c, method, path, body, 422), field);
}

static void id_of(json_t *items, const char *username, char *out)
{
	json_t *x = json_find(items, "username", username);
	if (!x)
		fail_msg("no staff member %s", username);
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(x, "user_id")));
}

static int records(void)
{
	clock_today(today);
	json_t *staff = client_get_json(sup1, "/api/v1/staff", 200);
	id_of(json_object_get(staff, "items"), "inv1", u_inv1);
	id_of(json_object_get(staff, "items"), "inv2", u_inv2);
	id_of(json_object_get(staff, "items"), "sup1", u_sup1);
	json_decref(staff);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"County line, Bath\",\"exploitation_types\":[\"criminal\"]}", case_id);
	/* A child who needs an Albanian interpreter. */
	char child[ID_LEN];
	client_post_id(inv1, "/api/v1/people",
		       "{\"given_names\":\"Klevis\",\"family_name\":\"Dervishi\",\"estimated_age\":15,\"languages\":[\"sq\"],\"interpreter_language\":\"sq-AL\","
		       "\"interpreter_needed\":true}",
		       child);
	case_link_person(inv1, case_id, child, "potential_victim", NULL);
	return 0;
}

static const suite_login logins[] = {
	{&sup1, "sup1"}, {&inv1, "inv1"}, {&inv2, "inv2"}, {&opcc1, "opcc1"}, {&part1, "part1"},
	{NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

static void test_supervisors_keep_profiles_and_staff_read_their_own(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/staff/%s", u_inv1);
	const char *profile = "{\"rank\":\"Detective Constable\",\"pip_level\":2,\"pip_accredited_on\":\"2024-03-01\","
			      "\"capacity\":5,\"languages\":[{\"tag\":\"sq\",\"proficiency\":\"fluent\"}]}";
	/* No If-Match: 428; a stale one: 412 with the current profile. */
	client_expect_free(sup1, "PUT", path, profile, 428);
	const char *zero[] = {"If-Match: \"0\"", NULL};
	resp *r = client_req(sup1, "PUT", path, "{\"pip_level\":7,\"capacity\":5,\"languages\":[]}", zero);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "pip_level");
	resp_free(r);
	r = client_req(sup1, "PUT", path, "{\"pip_level\":2,\"capacity\":5,\"languages\":[]}", zero);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "pip_accredited_on");
	resp_free(r);
	r = client_req(sup1, "PUT", path,
		       "{\"pip_level\":0,\"capacity\":5,\"languages\":[{\"tag\":\"not a tag\",\"proficiency\":\"fluent\"}]}", zero);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "languages");
	resp_free(r);
	r = client_req(sup1, "PUT", path, profile, zero);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	assert_int_equal(json_integer_value(json_object_get(r->json, "pip_level")), 2);
	resp_free(r);
	r = client_req(sup1, "PUT", path, profile, zero);
	assert_int_equal(r->status, 412);
	assert_non_null(json_object_get(r->json, "current"));
	resp_free(r);
	/* Staff read their own profile but do not write it; others are not theirs to see. */
	const char *one[] = {"If-Match: \"1\"", NULL};
	r = client_req(inv1, "PUT", path, profile, one);
	assert_int_equal(r->status, 403);
	resp_free(r);
	client_expect_free(inv1, "GET", path, NULL, 200);
	snprintf(path, sizeof path, "/api/v1/staff/%s", u_inv2);
	client_expect_free(inv1, "GET", path, NULL, 404); /* a colleague's: not theirs to see, nor to know of */
	client_expect_free(opcc1, "GET", "/api/v1/staff", NULL, 403);
	client_expect_free(part1, "GET", path, NULL, 403); /* partners never read staff records */
	client_expect_free(sup1, "GET", "/api/v1/staff/no-such-user", NULL, 404);
	/* The staff list pages as every list does. */
	json_t *all = client_get_json(sup1, "/api/v1/staff", 200);
	json_int_t total = json_integer_value(json_object_get(all, "total"));
	assert_int_equal(total, json_array_size(json_object_get(all, "items")));
	assert_true(total >= 2);
	json_t *first = client_get_json(sup1, "/api/v1/staff?limit=1", 200);
	assert_int_equal(json_array_size(json_object_get(first, "items")), 1);
	assert_int_equal(json_integer_value(json_object_get(first, "total")), total);
	snprintf(path, sizeof path, "/api/v1/staff?limit=1&cursor=%s", json_string_value(json_object_get(first, "next_cursor")));
	json_t *second = client_get_json(sup1, path, 200);
	assert_true(json_equal(json_array_get(json_object_get(second, "items"), 0), json_array_get(json_object_get(all, "items"), 1)));
	json_decref(all);
	json_decref(first);
	json_decref(second);
	client_expect_query_error(sup1, "/api/v1/staff?limit=0", "limit");
	/* Absences: their own, or their supervisor's record of them. */
	snprintf(path, sizeof path, "/api/v1/staff/%s/absences", u_inv1);
	expect_field(inv1, "POST", path, "{\"kind\":\"holiday\",\"starts_on\":\"2027-01-04\",\"ends_on\":\"2027-01-08\"}", "kind");
	expect_field(inv1, "POST", path, "{\"kind\":\"leave\",\"starts_on\":\"2027-01-08\",\"ends_on\":\"2027-01-04\"}", "ends_on");
	client_expect_free(inv1, "POST", path, "{\"kind\":\"leave\",\"starts_on\":\"2027-06-01\",\"ends_on\":\"2027-06-14\"}", 201);
	snprintf(path, sizeof path, "/api/v1/staff/%s/absences", u_inv2);
	client_expect_free(inv1, "POST", path, "{\"kind\":\"leave\",\"starts_on\":\"2027-06-01\",\"ends_on\":\"2027-06-14\"}", 404);
	client_expect_free(part1, "POST", path, "{\"kind\":\"leave\",\"starts_on\":\"2027-06-01\",\"ends_on\":\"2027-06-14\"}", 403);
	snprintf(path, sizeof path, "/api/v1/staff/%s/training", u_inv2);
	client_expect_free(part1, "POST", path, "{\"course\":\"victim_liaison\",\"provider\":\"X\",\"completed_on\":\"2025-01-10\"}", 403);
}

static json_t *candidates(void)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/cases/%s/allocation-candidates", case_id);
	return client_get_json(sup1, path, 200);
}

static json_t *candidate(json_t *list, const char *user_id)
{
	json_t *x = json_find(json_object_get(list, "items"), "user_id", user_id);
	if (!x)
		fail_msg("no candidate %s", user_id);
	return x;
}

static int has_reason(json_t *c, const char *text)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(c, "reasons"), i, x)
	{
		if (strstr(json_string_value(x), text))
			return 1;
	}
	return 0;
}

static void test_candidates_rank_by_requirements_then_score_with_reasons(void **state)
{
	(void)state;
	char path[160];
	client_get_expect(inv1, 403, "/api/v1/cases/%s/allocation-candidates", case_id);
	snprintf(path, sizeof path, "/api/v1/cases/%s/allocation-candidates?limit=0", case_id);
	expect_field(sup1, "GET", path, NULL, "limit");
	char tpath[128];
	snprintf(tpath, sizeof tpath, "/api/v1/staff/%s/training", u_inv1);
	expect_field(sup1, "POST", tpath, "{\"course\":\"basket_weaving\",\"provider\":\"College\",\"completed_on\":\"2025-01-10\"}",
		     "course");
	expect_field(sup1, "POST", tpath,
		     "{\"course\":\"victim_liaison\",\"provider\":\"College\",\"completed_on\":\"2025-01-10\",\"expires_on\":\"2025-01-01\"}",
		     "expires_on");
	client_expect_free(inv1, "POST", tpath, "{\"course\":\"victim_liaison\",\"provider\":\"College\",\"completed_on\":\"2025-01-10\"}", 403);
	resp *r = client_expect(sup1, "POST", tpath,
			 "{\"course\":\"specialist_msht_investigation\",\"provider\":\"College of Policing\",\"completed_on\":\"2025-01-10\"}",
			 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "expires_on")), "2028-01-10"); /* three years */
	resp_free(r);
	/* The victim is a child: without child criminal exploitation training inv1 fails. */
	json_t *list = candidates();
	assert_true(json_is_true(json_object_get(json_object_get(list, "needs"), "child_victim")));
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_object_get(list, "needs"), "interpreter_languages"), 0)), "sq");
	json_t *c = candidate(list, u_inv1);
	assert_true(json_is_false(json_object_get(c, "meets_requirements")));
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "failed_requirements"), 0)),
			    "child_exploitation_training");
	assert_true(has_reason(c, "Speaks Albanian, which a victim needs"));
	assert_true(has_reason(c, "No current child criminal exploitation training, which a child victim needs"));
	/* What counts against them is listed apart, and the failed requirement in words. */
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "reasons_against"), 0)),
			    "No current child criminal exploitation training, which a child victim needs");
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "failed_requirements_text"), 0)),
			    "No valid child criminal exploitation training, and a victim in the case is a child");
	json_decref(list);
	client_expect_free(sup1, "POST", tpath, "{\"course\":\"child_criminal_exploitation\",\"provider\":\"NWG Network\",\"completed_on\":\"2026-02-01\"}", 201);
	list = candidates();
	json_t *first = json_array_get(json_object_get(list, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "user_id")), u_inv1);
	assert_true(json_is_true(json_object_get(first, "meets_requirements")));
	assert_int_equal(json_array_size(json_object_get(first, "reasons_against")), 0);
	assert_int_equal(json_array_size(json_object_get(first, "failed_requirements_text")), 0);
	assert_true(has_reason(first, "Has current specialist modern slavery investigation training"));
	assert_true(has_reason(first, "Leads 0 open cases of the 5 they can hold"));
	/* PIP2, specialist and child training, the case's team and Albanian;
	 * all five of five free. */
	assert_true(has_reason(first, ", which holds this case"));
	assert_int_equal(json_integer_value(json_object_get(first, "score")), 5 * ALLOC_W_NEED + 10 * ALLOC_W_CAPACITY);
	assert_non_null(json_string_value(json_object_get(json_object_get(list, "needs"), "team")));
	json_t *s = candidate(list, u_sup1);
	assert_true(json_is_false(json_object_get(s, "meets_requirements")));
	assert_true(has_reason(s, "PIP level"));
	json_decref(list);
}

static void test_allocation_needs_an_override_reason_to_pass_a_failed_requirement(void **state)
{
	(void)state;
	char path[128], body[300];
	snprintf(path, sizeof path, "/api/v1/cases/%s/allocation", case_id);
	snprintf(body, sizeof body, "{\"user_id\":\"%s\"}", u_inv1);
	client_expect_free(inv1, "POST", path, body, 403);
	client_expect_free(sup1, "POST", "/api/v1/cases/no-such-case/allocation", body, 404);
	client_expect_free(sup1, "GET", "/api/v1/cases/no-such-case/allocation-candidates", NULL, 404);
	expect_field(sup1, "POST", path, "{\"user_id\":\"nobody\"}", "user_id");
	expect_field(sup1, "POST", path, "{\"user_id\":\"nobody\",\"surprise\":1}", "surprise");
	/* inv2 (another team, no profile) fails: 422 naming the requirement. */
	snprintf(body, sizeof body, "{\"user_id\":\"%s\"}", u_inv2);
	resp *r = client_expect(sup1, "POST", path, body, 422);
	assert_string_equal(resp_error_field(r), "override_reason");
	assert_non_null(strstr(r->body, "pip2_accredited"));
	resp_free(r);
	char cpath[128];
	snprintf(cpath, sizeof cpath, "/api/v1/cases/%s", case_id);
	client_expect_free(inv2, "GET", cpath, NULL, 404);
	snprintf(body, sizeof body, "{\"user_id\":\"%s\",\"override_reason\":\"Only Albanian speaker free this week\"}", u_inv2);
	r = client_expect(sup1, "POST", path, body, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "override_reason")), "Only Albanian speaker free this week");
	assert_true(json_array_size(json_object_get(r->json, "overridden")) >= 2);
	resp_free(r);
	client_expect_free(sup1, "POST", path, body, 409); /* already the lead */
	/* The lead can now see the case; reallocation moves access and keeps history. */
	client_expect_free(inv2, "GET", cpath, NULL, 200);
	snprintf(body, sizeof body, "{\"user_id\":\"%s\",\"override_reason\":\"ignored: nothing to override\"}", u_inv1);
	r = client_expect(sup1, "POST", path, body, 201);
	assert_true(json_is_null(json_object_get(r->json, "override_reason")));
	assert_int_equal(json_array_size(json_object_get(r->json, "overridden")), 0);
	resp_free(r);
	client_expect_free(inv2, "GET", cpath, NULL, 404);
	r = client_expect(inv1, "GET", cpath, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(r->json, "lead"), "user"), "id")), u_inv1);
	json_t *hist = json_object_get(r->json, "allocation_history");
	assert_int_equal(json_array_size(hist), 2);
	assert_false(json_is_null(json_object_get(json_array_get(hist, 0), "ended_at")));
	assert_string_equal(json_string_value(json_object_get(r->json, "lead_name")), "inv1");
	resp_free(r);
	/* The lead's load now counts the case; an absence in the next 14 days fails availability. */
	json_t *list = candidates();
	json_t *c = candidate(list, u_inv1);
	assert_true(has_reason(c, "Leads 1 open case of the 5 they can hold"));
	json_decref(list);
	char apath[128], abody[200], from[DATE_LEN], to[DATE_LEN];
	snprintf(apath, sizeof apath, "/api/v1/staff/%s/absences", u_inv1);
	date_add_days(today, 3, from);
	date_add_days(today, 5, to);
	snprintf(abody, sizeof abody, "{\"kind\":\"course\",\"starts_on\":\"%s\",\"ends_on\":\"%s\"}", from, to);
	client_expect_free(sup1, "POST", apath, abody, 201);
	list = candidates();
	c = candidate(list, u_inv1);
	assert_true(json_is_false(json_object_get(c, "meets_requirements")));
	char from_words[40], to_words[40], words[120];
	words_long_date(from, from_words, sizeof from_words);
	words_long_date(to, to_words, sizeof to_words);
	snprintf(words, sizeof words, "On a course from %s until %s", from_words, to_words);
	assert_true(has_reason(c, words));
	json_decref(list);
}

static void test_the_worklist_shows_unallocated_cases_and_training_falling_due(void **state)
{
	(void)state;
	char waiting[ID_LEN];
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Waiting, Frome\",\"exploitation_types\":[\"labour\"]}", waiting);
	json_t *x = worklist_item(sup1, "case_unallocated", waiting);
	assert_non_null(x);
	assert_int_equal(json_integer_value(json_object_get(x, "waited_days")), 0);
	json_decref(x);
	assert_null(worklist_item(inv1, "case_unallocated", waiting)); /* the supervisor's to deal with */
	char tpath[128], body[200], done[DATE_LEN], ends[DATE_LEN];
	snprintf(tpath, sizeof tpath, "/api/v1/staff/%s/training", u_inv1);
	date_add_days(today, -700, done);
	date_add_days(today, 10, ends);
	snprintf(body, sizeof body, "{\"course\":\"first_responder_nrm\",\"provider\":\"Force training\",\"completed_on\":\"%s\",\"expires_on\":\"%s\"}",
		 done, ends);
	resp *r = client_expect(sup1, "POST", tpath, body, 201);
	char record[64];
	snprintf(record, sizeof record, "%s", json_string_value(json_object_get(r->json, "id")));
	assert_string_equal(json_string_value(json_object_get(r->json, "state")), "expiring");
	resp_free(r);
	x = worklist_item(inv1, "training_expiring", record);
	assert_non_null(x);
	assert_true(json_is_null(json_object_get(x, "case")));
	json_decref(x);
	x = worklist_item(sup1, "training_expiring", record);
	assert_non_null(x);
	json_decref(x);
	assert_null(worklist_item(inv2, "training_expiring", record));
	/* A newer record of the course answers it. */
	date_add_days(today, -1, done);
	snprintf(body, sizeof body, "{\"course\":\"first_responder_nrm\",\"provider\":\"Force training\",\"completed_on\":\"%s\"}", done);
	client_expect_free(sup1, "POST", tpath, body, 201);
	assert_null(worklist_item(inv1, "training_expiring", record));
}

static void test_training_imports_good_rows_reports_bad_ones_and_exports_safely(void **state)
{
	(void)state;
	const char *csv = "username,course,provider,completed_on,expires_on\r\n"
			  "inv2,msht_awareness,=cmd|' /C calc'!A0,2026-01-15,\r\n"
			  "ghost,msht_awareness,College,2026-01-15,\r\n"
			  "inv2,knitting,College,2026-01-15,\r\n"
			  "inv2,victim_liaison,College,2026-13-45,\r\n"
			  "inv2,\"victim_liaison,College,2026-01-15\r\n";
	const char *h[] = {"Content-Type: text/csv", NULL};
	resp *r = client_raw(sup1, "POST", "/api/v1/training/import", csv, strlen(csv), h);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "imported")), 1);
	json_t *rej = json_object_get(r->json, "rejected");
	assert_int_equal(json_array_size(rej), 4);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rej, 0), "line")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(json_array_get(rej, 0), "errors"), 0), "field")),
			    "username");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(json_array_get(rej, 1), "errors"), 0), "field")),
			    "course");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(json_array_get(rej, 2), "errors"), 0), "field")),
			    "completed_on");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(json_array_get(rej, 3), "errors"), 0), "field")),
			    "row");
	resp_free(r);
	assert_int_equal(resp_status(client_raw(inv1, "POST", "/api/v1/training/import", csv, strlen(csv), h)), 403);
	assert_int_equal(client_status(sup1, "POST", "/api/v1/training/import", "{\"rows\":[]}"), 415);
	const char *bad = "name,course\r\ninv2,msht_awareness\r\n";
	resp_expect_field(client_raw(sup1, "POST", "/api/v1/training/import", bad, strlen(bad), h), "file");
	/* The export: every record, a formula neutralised. */
	r = client_expect(sup1, "GET", "/api/v1/training/export", NULL, 200);
	assert_non_null(strstr(r->body, "username,name,team,course,provider,completed_on,expires_on,state\r\n"));
	assert_non_null(strstr(r->body, "inv2,inv2,CID,msht_awareness,\"'=cmd|' /C calc'!A0\",2026-01-15,2029-01-15,valid"));
	resp_free(r);
	client_expect_free(inv1, "GET", "/api/v1/training/export", NULL, 403);
	/* Compliance: who is out of date or expiring, by team. */
	r = client_expect(sup1, "GET", "/api/v1/training/compliance", NULL, 200);
	assert_true(json_array_size(json_object_get(r->json, "teams")) >= 2);
	resp_free(r);
	client_expect_free(inv1, "GET", "/api/v1/training/compliance", NULL, 403);
	r = client_expect(inv1, "GET", "/api/v1/training/courses", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(r->json, "items")), 6);
	resp_free(r);
}

static void test_reports_count_without_naming_and_come_as_csv(void **state)
{
	(void)state;
	client_expect_free(inv1, "GET", "/api/v1/reports/allocation", NULL, 403);
	client_expect_free(part1, "GET", "/api/v1/reports/allocation", NULL, 403);
	resp *r = client_expect(opcc1, "GET", "/api/v1/reports/allocation", NULL, 200);
	/* Two allocations so far, this month (the last of the twelve shown):
	 * one overriding, one to an accredited, trained lead. Fewer than the
	 * disclosure threshold (10 unless set): suppressed, never a number,
	 * and no time to allocation of a month of fewer cases. */
	json_t *months = json_object_get(r->json, "accredited_leads");
	assert_int_equal(json_array_size(months), 12);
	json_t *m = json_array_get(months, 11);
	assert_true(json_is_true(json_object_get(json_object_get(m, "allocations"), "suppressed")));
	assert_true(json_is_true(json_object_get(json_object_get(m, "accredited"), "suppressed")));
	assert_true(json_is_true(json_object_get(json_object_get(m, "share"), "suppressed")));
	json_t *o = json_array_get(json_object_get(r->json, "overrides"), 0);
	assert_string_equal(json_string_value(json_object_get(o, "requirement")), "pip2_accredited");
	assert_true(json_is_true(json_object_get(json_object_get(o, "count"), "suppressed")));
	json_t *w = json_array_get(json_object_get(r->json, "time_to_allocation"), 11);
	assert_true(json_is_true(json_object_get(json_object_get(w, "cases"), "suppressed")));
	assert_true(json_is_true(json_object_get(json_object_get(w, "median_hours"), "suppressed")));
	assert_true(json_is_true(json_object_get(json_object_get(w, "p90_hours"), "suppressed")));
	assert_true(json_array_size(json_object_get(r->json, "training_by_team")) >= 2);
	assert_null(strstr(r->body, "inv1"));
	assert_null(strstr(r->body, "Only Albanian speaker")); /* reasons are free text: never in a report */
	resp_free(r);
	r = client_expect(sup1, "GET", "/api/v1/reports/allocation?format=csv&figure=overrides", NULL, 200);
	assert_non_null(strstr(r->body, "requirement,count\r\npip2_accredited,suppressed\r\n"));
	assert_non_null(resp_header(r, "Content-Disposition"));
	resp_free(r);
	expect_field(sup1, "GET", "/api/v1/reports/allocation?format=csv&figure=salaries", NULL, "figure");
	expect_field(sup1, "GET", "/api/v1/reports/allocation?format=xml", NULL, "format");
}

static db *open_db(void)
{
	char err[256];
	db *d;
	assert_int_equal(db_open(srv.db_url, 5000, &d, err, sizeof err), DB_OK);
	return d;
}

static int training_rows(db *d)
{
	int n = 0;
	assert_int_equal(db_count(d, "SELECT 1 FROM training_records", 0, NULL, &n), DB_OK);
	return n;
}

/* Puts a view in place of the users table that reads no username but
 * sup1's (any other is an integer overflow on SQLite, a division by zero on
 * PostgreSQL): looking the force's accounts up by username fails, while
 * sup1's session, which reads only its own account, goes on. */
static void break_username_lookup(db *d)
{
	int pg = strcmp(test_engine_name(), "pg") == 0;
	assert_int_equal(db_exec(d, "ALTER TABLE users RENAME TO users_hidden"), DB_OK);
	db_stmt *st;
	assert_int_equal(db_prepare(d,
				    pg ? "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
					 "information_schema.columns WHERE table_name = 'users_hidden' AND "
					 "table_schema = current_schema()"
				       : "SELECT group_concat(name, ',') FROM pragma_table_info('users_hidden')",
				    &st),
			 DB_OK);
	assert_int_equal(db_step(st), DB_ROW);
	char cols[2048], view[8192] = "CREATE VIEW users AS SELECT ";
	snprintf(cols, sizeof cols, "%s", db_col_text(st, 0));
	db_finalize(st);
	const char *failing = pg ? "CAST(1 / (length(username) * 0) AS TEXT)"
				 : "CAST(abs(-9223372036854775807 - (length(username) > 0)) AS TEXT)";
	char *save = NULL;
	for (char *col = strtok_r(cols, ",", &save); col; col = strtok_r(NULL, ",", &save)) {
		size_t len = strlen(view);
		if (strcmp(col, "username") == 0)
			snprintf(view + len, sizeof view - len,
				 "%sCASE WHEN username = 'sup1' THEN username ELSE %s END AS username",
				 len > 28 ? ", " : "", failing);
		else
			snprintf(view + len, sizeof view - len, "%s%s", len > 28 ? ", " : "", col);
	}
	size_t len = strlen(view);
	snprintf(view + len, sizeof view - len, " FROM users_hidden");
	assert_int_equal(db_exec(d, view), DB_OK);
}

static void mend_username_lookup(db *d)
{
	assert_int_equal(db_exec(d, "DROP VIEW users"), DB_OK);
	assert_int_equal(db_exec(d, "ALTER TABLE users_hidden RENAME TO users"), DB_OK);
}

/* A failure to look an account up is the database's, not the row's: the
 * import answers the error and keeps nothing, rather than reporting a real
 * account as "not an account of your force". */
static void test_an_import_that_cannot_look_accounts_up_answers_the_error(void **state)
{
	(void)state;
	const char *csv = "username,course,provider,completed_on\r\n"
			  "inv1,msht_awareness,College,2026-02-01\r\n";
	const char *h[] = {"Content-Type: text/csv", NULL};
	db *d = open_db();
	int before = training_rows(d);
	break_username_lookup(d);
	resp *r = client_raw(sup1, "POST", "/api/v1/training/import", csv, strlen(csv), h);
	long status = r->status;
	char body[512];
	snprintf(body, sizeof body, "%s", r->body ? r->body : "");
	resp_free(r);
	mend_username_lookup(d);
	int after = training_rows(d);
	db_close(d);
	if (status != 500)
		fail_msg("wanted 500, got %ld %s", status, body);
	assert_null(strstr(body, "not an account"));
	assert_int_equal(after, before);
	/* Once the lookup works again, so does the import. */
	r = client_raw(sup1, "POST", "/api/v1/training/import", csv, strlen(csv), h);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "imported")), 1);
	resp_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_supervisors_keep_profiles_and_staff_read_their_own),
		cmocka_unit_test(test_candidates_rank_by_requirements_then_score_with_reasons),
		cmocka_unit_test(test_allocation_needs_an_override_reason_to_pass_a_failed_requirement),
		cmocka_unit_test(test_the_worklist_shows_unallocated_cases_and_training_falling_due),
		cmocka_unit_test(test_training_imports_good_rows_reports_bad_ones_and_exports_safely),
		cmocka_unit_test(test_reports_count_without_naming_and_come_as_csv),
		cmocka_unit_test(test_an_import_that_cannot_look_accounts_up_answers_the_error),
	};
	return suite_run(&fixture, tests);
}
