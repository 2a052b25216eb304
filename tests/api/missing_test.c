/* Missing people over HTTP: a report graded and its every bad field named;
 * a child's return home interview due exactly 72 hours after the return,
 * across the clock changes, by their age on the UK day they came back; the
 * safe and well check for everyone; risk reviews and the supervisor told of
 * high risk; the repeat pattern over 90 days and the screening it asks
 * for; a partner recording the interview through a share; searches,
 * sightings and links; a force's own intervals; and every refusal. */
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
static client *inv1, *inv2, *sup1, *part1, *admin1, *an1;
static char council[ID_LEN], hope[ID_LEN], case_id[ID_LEN];

#define MINUTE_MS (60LL * 1000)
#define DAY_MS (24LL * 60 * MINUTE_MS)

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", "Intel");
}

static void org_id(client *c, const char *kind, const char *name, char out[ID_LEN])
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/organisations?kind=%s", kind);
	json_t *orgs = client_get_json(c, path, 200);
	const char *id = json_string_value(json_object_get(json_find(json_object_get(orgs, "items"), "name", name), "id"));
	snprintf(out, ID_LEN, "%s", id ? id : "");
	json_decref(orgs);
}

static int records(void)
{
	client_post_id(admin1, "/api/v1/organisations",
		       "{\"name\":\"Swindon Borough Council Children's Services\",\"kind\":\"local_authority\"}", council);
	org_id(inv1, "partner", "Hope Support Services", hope);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"County line, Swindon\",\"exploitation_types\":[\"criminal\"]}",
		       case_id);
	return hope[0] && council[0] ? 0 : -1;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&sup1, "sup1"}, {&part1, "part1"}, {&admin1, "admin1"}, {&an1, "an1"},
	{NULL, NULL},
};
static const suite fixture = {.srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* ---- helpers ---- */

/* A moment minutes before now, as UTC text. */
static const char *ago(int64_t ms, char out[CLOCK_ISO_LEN])
{
	clock_iso(clock_now_ms() - ms, out);
	return out;
}

static char *person(const char *body, char out[ID_LEN])
{
	return client_post_id(inv1, "/api/v1/people", body, out);
}

static const char *episodes_of(const char *person_id)
{
	static char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s/missing-episodes", person_id);
	return path;
}

static const char *episode_path(const char *id, const char *tail)
{
	static char path[200];
	snprintf(path, sizeof path, "/api/v1/missing-episodes/%s%s", id, tail);
	return path;
}

/* Reports the person missing as c, last seen and reported at the given
 * times: the answer (the caller frees it). */
static resp *report(client *c, const char *person_id, const char *reported, const char *seen, const char *risk,
		    long want)
{
	char body[600];
	snprintf(body, sizeof body,
		 "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"Swindon bus station\","
		 "\"risk\":\"%s\",\"circumstances\":\"Did not come home from school\"}",
		 reported, seen, risk);
	return client_expect(c, "POST", episodes_of(person_id), body, want);
}

/* Reports and returns an episode that started at start (an ISO time),
 * returning at returned: its id. */
static void episode_between(const char *person_id, const char *start, const char *returned, char out[ID_LEN])
{
	resp *r = report(inv1, person_id, start, start, "medium", 201);
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	char body[300];
	snprintf(body, sizeof body,
		 "{\"returned_at\":\"%s\",\"found_by\":\"police\",\"where_found\":\"Swindon bus station\"}", returned);
	client_expect_free(inv1, "POST", episode_path(out, "/return"), body, 200);
}

static json_t *episode(client *c, const char *id)
{
	return client_get_json(c, episode_path(id, ""), 200);
}

static const char *text_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* ---- the report ---- */

static void test_a_report_is_graded_and_every_bad_field_is_named(void **state)
{
	(void)state;
	char p[ID_LEN], now[CLOCK_ISO_LEN], hour[CLOCK_ISO_LEN], later[CLOCK_ISO_LEN];
	person("{\"given_names\":\"Kai\",\"family_name\":\"Doyle\",\"date_of_birth\":\"2011-04-02\"}", p);
	ago(0, now);
	ago(60 * MINUTE_MS, hour);
	clock_iso(clock_now_ms() + 60 * MINUTE_MS, later);
	char body[600];
	struct {
		const char *reported, *seen, *risk, *field;
	} bad[] = {
		{now, hour, "severe", "risk"},
		{now, hour, "High", "risk"},
		{hour, now, "low", "last_seen_at"},          /* last seen after the report */
		{later, hour, "low", "reported_at"},         /* reported in the future */
		{later, later, "low", "reported_at"},
		{"2026-13-01T10:00:00Z", hour, "low", "reported_at"},
		{now, "yesterday", "low", "last_seen_at"},
		{now, "2026-02-30T10:00:00Z", "low", "last_seen_at"},
		{now, "2026-01-10T10:00:00", "low", "last_seen_at"}, /* no zone */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		resp_expect_field(report(inv1, p, bad[i].reported, bad[i].seen, bad[i].risk, 422), bad[i].field);
	snprintf(body, sizeof body, "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"  \",\"risk\":\"low\"}",
		 now, hour);
	resp_expect_field(client_expect(inv1, "POST", episodes_of(p), body, 422), "last_seen_place");
	snprintf(body, sizeof body, "{\"reported_at\":\"%s\",\"last_seen_place\":\"Home\",\"risk\":\"low\"}", now);
	resp_expect_field(client_expect(inv1, "POST", episodes_of(p), body, 422), "last_seen_at");
	snprintf(body, sizeof body, "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"Home\",\"risk\":\"low\",\"colour\":1}",
		 now, hour);
	resp_expect_field(client_expect(inv1, "POST", episodes_of(p), body, 422), "colour");

	/* A future a minute away is still the future; a time with an offset is read as UTC. */
	char soon[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() + 2 * MINUTE_MS, soon);
	resp_expect_field(report(inv1, p, now, soon, "low", 422), "last_seen_at");

	resp *r = report(inv1, p, "2026-11-30T09:00:00+00:00", "2026-11-30T08:15:00.5Z", "high", 201);
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", text_of(r->json, "id"));
	resp_free(r);
	json_t *e = episode(inv1, id);
	assert_string_equal(text_of(e, "status"), "missing");
	assert_string_equal(text_of(e, "reported_at"), "2026-11-30T09:00:00.000Z");
	assert_string_equal(text_of(e, "last_seen_at"), "2026-11-30T08:15:00.500Z");
	assert_string_equal(text_of(e, "risk"), "high");
	/* High risk is reviewed 4 hours on, by default. */
	assert_string_equal(text_of(e, "review_due"), "2026-11-30T13:00:00.000Z");
	assert_true(json_is_null(json_object_get(e, "returned_at")));
	assert_true(json_is_null(json_object_get(e, "return_interview_due")));
	assert_true(json_is_null(json_object_get(e, "safe_and_well_due")));
	assert_string_equal(text_of(json_object_get(e, "person"), "name"), "Kai Doyle");
	assert_true(json_is_true(json_object_get(json_object_get(e, "person"), "presumed_child")));
	assert_string_equal(text_of(json_object_get(e, "team"), "name"), "EMT");
	json_decref(e);

	/* Missing once at a time. */
	resp_free(report(inv1, p, now, hour, "low", 409));
	char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s", p);
	json_t *who = client_get_json(inv1, path, 200);
	json_t *m = json_object_get(who, "missing");
	assert_true(json_is_true(json_object_get(m, "currently_missing")));
	assert_string_equal(text_of(m, "current_episode_id"), id);
	assert_int_equal(json_integer_value(json_object_get(m, "episodes_90_days")), 1);
	json_decref(who);
	assert_true(audit_count(&srv, "missing_reported", id) == 1);
	client_get_expect(inv1, 200, "%s", episode_path(id, ""));
	assert_true(audit_count(&srv, "missing_episode_viewed", id) >= 1);

	/* Out of reach, and no such episode, alike. */
	client_get_expect(inv2, 404, "%s", episode_path(id, ""));
	client_get_expect(inv1, 404, "%s", episode_path("no-such-episode", ""));
	resp_free(report(inv2, p, now, hour, "low", 404));
	resp_free(report(admin1, p, now, hour, "low", 403));
	resp_free(report(part1, p, now, hour, "low", 404));

	/* The team's currently missing list, highest risk first. */
	char other[ID_LEN];
	person("{\"given_names\":\"Rhys\",\"family_name\":\"Doyle\",\"estimated_age\":30}", other);
	resp_free(report(inv1, other, now, hour, "low", 201));
	json_t *list = client_get_json(inv1, "/api/v1/missing-episodes?status=missing", 200);
	json_t *items = json_object_get(list, "items");
	assert_true(json_array_size(items) >= 2);
	assert_string_equal(text_of(json_array_get(items, 0), "risk"), "high");
	json_decref(list);
	assert_int_equal(client_count(inv2, "/api/v1/missing-episodes", "items"), 0);
	client_expect_query_error(inv1, "/api/v1/missing-episodes?status=lost", "status");
	client_get_expect(admin1, 403, "/api/v1/missing-episodes");
}

/* ---- the return ---- */

static void test_a_childs_return_is_owed_an_interview_72_hours_on(void **state)
{
	(void)state;
	char p[ID_LEN], id[ID_LEN], seen[CLOCK_ISO_LEN], back[CLOCK_ISO_LEN], body[400];
	person("{\"given_names\":\"Leah\",\"family_name\":\"Marsh\",\"estimated_age\":15}", p);
	ago(10 * 60 * MINUTE_MS, seen);
	resp *r = report(inv1, p, seen, seen, "medium", 201);
	snprintf(id, sizeof id, "%s", text_of(r->json, "id"));
	resp_free(r);

	/* Nothing follows a return that has not happened. */
	snprintf(body, sizeof body,
		 "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\",\"accepted\":true}", seen, council);
	client_expect_free(inv1, "POST", episode_path(id, "/return-interview"), body, 409);
	snprintf(body, sizeof body, "{\"checked_at\":\"%s\",\"officer\":\"PC Amy Hart\",\"place\":\"Home\"}", seen);
	client_expect_free(inv1, "POST", episode_path(id, "/safe-and-well"), body, 409);

	/* Back before they went, or in the future: named. */
	char before[CLOCK_ISO_LEN], future[CLOCK_ISO_LEN];
	ago(11 * 60 * MINUTE_MS, before);
	clock_iso(clock_now_ms() + 10 * MINUTE_MS, future);
	const char *bad[] = {before, future, "soon"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(body, sizeof body, "{\"returned_at\":\"%s\",\"found_by\":\"police\",\"where_found\":\"Park\"}", bad[i]);
		resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/return"), body, 422), "returned_at");
	}
	snprintf(body, sizeof body, "{\"returned_at\":\"%s\",\"found_by\":\"a neighbour\",\"where_found\":\"Park\"}", seen);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/return"), body, 422), "found_by");
	snprintf(body, sizeof body, "{\"returned_at\":\"%s\",\"found_by\":\"police\",\"where_found\":\"\"}", seen);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/return"), body, 422), "where_found");
	client_expect_free(part1, "POST", episode_path(id, "/return"), "{}", 404);
	client_expect_free(inv2, "POST", episode_path(id, "/return"), "{}", 404);
	client_expect_free(an1, "POST", episode_path(id, "/return"), "{}", 403);

	int64_t back_ms = clock_now_ms() - 2 * 60 * MINUTE_MS;
	clock_iso(back_ms, back);
	snprintf(body, sizeof body, "{\"returned_at\":\"%s\",\"found_by\":\"family_or_carer\",\"where_found\":\"Aunt's flat, Gorse Hill\"}",
		 back);
	r = client_expect(inv1, "POST", episode_path(id, "/return"), body, 200);
	char due[CLOCK_ISO_LEN], check_due[CLOCK_ISO_LEN];
	clock_iso(back_ms + 72 * 60 * MINUTE_MS, due);
	clock_iso(back_ms + 24 * 60 * MINUTE_MS, check_due);
	assert_string_equal(text_of(r->json, "status"), "returned");
	assert_string_equal(text_of(r->json, "returned_at"), back);
	assert_string_equal(text_of(r->json, "return_interview_due"), due);
	assert_string_equal(text_of(r->json, "safe_and_well_due"), check_due);
	assert_true(json_is_true(json_object_get(r->json, "child_on_return")));
	assert_true(json_is_null(json_object_get(r->json, "review_due")));
	resp_free(r);
	client_expect_free(inv1, "POST", episode_path(id, "/return"), body, 409);
	snprintf(body, sizeof body, "{\"risk\":\"low\",\"reason\":\"Home now\"}");
	client_expect_free(inv1, "POST", episode_path(id, "/risk-reviews"), body, 409);

	/* The owning team's worklist has the interview and the check, due as said. */
	json_t *item = worklist_item(inv1, "return_interview", id);
	assert_non_null(item);
	assert_string_equal(text_of(item, "due_at"), due);
	assert_true(json_is_null(json_object_get(item, "case")));
	assert_string_equal(text_of(json_object_get(item, "person"), "name"), "Leah Marsh");
	assert_true(json_is_true(json_object_get(json_object_get(item, "person"), "presumed_child")));
	assert_non_null(strstr(text_of(item, "link"), id));
	json_decref(item);
	item = worklist_item(sup1, "return_interview", id);
	assert_non_null(item);
	json_decref(item);
	assert_null(worklist_item(inv2, "return_interview", id));
	item = worklist_item(inv1, "safe_and_well_due", id);
	assert_non_null(item);
	json_decref(item);

	/* The interview is independent of the police: a partner organisation offers it. */
	char held[CLOCK_ISO_LEN], force[ID_LEN];
	ago(60 * MINUTE_MS, held);
	org_id(inv1, "force", "Test Constabulary", force);
	snprintf(body, sizeof body, "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\",\"accepted\":true}", held, force);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/return-interview"), body, 422),
			  "offered_by_organisation_id");
	snprintf(body, sizeof body, "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\",\"accepted\":true}", seen,
		 council);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/return-interview"), body, 422), "held_at");
	snprintf(body, sizeof body, "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\"}", held, council);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/return-interview"), body, 422), "accepted");
	snprintf(body, sizeof body,
		 "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\",\"accepted\":true,\"disclosures\":\"Was "
		 "taken to Reading by older boys to carry a bag\"}",
		 held, council);
	client_expect_free(inv1, "POST", episode_path(id, "/return-interview"), body, 201);
	client_expect_free(inv1, "POST", episode_path(id, "/return-interview"), body, 409);
	assert_null(worklist_item(inv1, "return_interview", id));

	/* The safe and well check: after the return, once. */
	snprintf(body, sizeof body, "{\"checked_at\":\"%s\",\"officer\":\"PC Amy Hart\",\"place\":\"Home\"}", seen);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/safe-and-well"), body, 422), "checked_at");
	snprintf(body, sizeof body, "{\"checked_at\":\"%s\",\"officer\":\"\",\"place\":\"Home\"}", held);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/safe-and-well"), body, 422), "officer");
	snprintf(body, sizeof body,
		 "{\"checked_at\":\"%s\",\"officer\":\"PC Amy Hart\",\"place\":\"Home\",\"disclosures\":\"None\"}", held);
	client_expect_free(inv1, "POST", episode_path(id, "/safe-and-well"), body, 201);
	client_expect_free(inv1, "POST", episode_path(id, "/safe-and-well"), body, 409);
	assert_null(worklist_item(inv1, "safe_and_well_due", id));

	json_t *e = episode(inv1, id);
	assert_true(json_is_true(json_object_get(e, "return_interview_recorded")));
	assert_true(json_is_true(json_object_get(e, "safe_and_well_recorded")));
	assert_non_null(text_of(json_object_get(e, "returned_by"), "id"));
	assert_string_equal(text_of(e, "initial_risk"), "medium");
	json_t *iv = json_object_get(e, "return_interview");
	assert_string_equal(text_of(json_object_get(iv, "offered_by"), "name"), "Swindon Borough Council Children's Services");
	assert_true(json_is_true(json_object_get(iv, "accepted")));
	assert_string_equal(text_of(json_object_get(e, "safe_and_well"), "officer"), "PC Amy Hart");
	json_decref(e);
	assert_true(audit_count(&srv, "return_interview_recorded", id) == 1);
}

/* Reports a person last seen at start and back at back (RFC 3339 as given):
 * the episode's return_interview_due, or "" when none is due. */
static void interview_due_of(const char *person_id, const char *start, const char *back, char out[CLOCK_ISO_LEN])
{
	char id[ID_LEN];
	episode_between(person_id, start, back, id);
	json_t *e = episode(inv1, id);
	const char *due = text_of(e, "return_interview_due");
	snprintf(out, CLOCK_ISO_LEN, "%s", due ? due : "");
	json_decref(e);
}

static void test_the_72_hours_are_elapsed_time_across_the_clock_changes(void **state)
{
	(void)state;
	char p[ID_LEN], due[CLOCK_ISO_LEN];
	person("{\"given_names\":\"Tia\",\"family_name\":\"Okafor\",\"estimated_age\":14}", p);
	/* Back on the Friday before British Summer Time began (29 March
	 * 2026): due at 11:00 BST on the Monday, 72 hours on, not 10:00. */
	interview_due_of(p, "2026-03-27T08:00:00Z", "2026-03-27T10:00:00Z", due);
	assert_string_equal(due, "2026-03-30T10:00:00.000Z");
	/* Back in summer time on the Saturday before it ended (25 October
	 * 2026), given in UK time: 12:00 BST is 11:00 UTC; due 11:00 GMT. */
	interview_due_of(p, "2026-10-24T09:00:00+01:00", "2026-10-24T12:00:00+01:00", due);
	assert_string_equal(due, "2026-10-27T11:00:00.000Z");
	/* In the lost hour itself. */
	interview_due_of(p, "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", due);
	assert_string_equal(due, "2026-04-01T01:30:00.000Z");
}

static void test_age_is_taken_on_the_uk_day_of_the_return(void **state)
{
	(void)state;
	char adult[ID_LEN], child[ID_LEN], disputed[ID_LEN], due[CLOCK_ISO_LEN];
	/* 00:30 BST on 15 June 2026 is 23:30 UTC on the 14th: the UK day is
	 * the 15th. */
	person("{\"given_names\":\"Ewan\",\"family_name\":\"Birch\",\"date_of_birth\":\"2008-06-15\"}", adult);
	interview_due_of(adult, "2026-06-14T20:00:00Z", "2026-06-15T00:30:00+01:00", due);
	assert_string_equal(due, ""); /* 18 that day: an adult, no interview */
	person("{\"given_names\":\"Owen\",\"family_name\":\"Birch\",\"date_of_birth\":\"2008-06-16\"}", child);
	interview_due_of(child, "2026-06-14T20:00:00Z", "2026-06-15T00:30:00+01:00", due);
	assert_string_equal(due, "2026-06-17T23:30:00.000Z"); /* 17 years and 364 days */
	person("{\"given_names\":\"Adam\",\"family_name\":\"Birch\",\"estimated_age\":19,\"age_disputed\":true}", disputed);
	interview_due_of(disputed, "2026-06-14T20:00:00Z", "2026-06-14T22:00:00Z", due);
	assert_string_equal(due, "2026-06-17T22:00:00.000Z");
	/* An adult is owed the safe and well check, not the interview. */
	char id[ID_LEN], body[300];
	json_t *list = client_get_json(inv1, episodes_of(adult), 200);
	snprintf(id, sizeof id, "%s", text_of(json_array_get(json_object_get(list, "items"), 0), "id"));
	json_decref(list);
	json_t *e = episode(inv1, id);
	assert_true(json_is_false(json_object_get(e, "child_on_return")));
	assert_string_equal(text_of(e, "safe_and_well_due"), "2026-06-15T23:30:00.000Z");
	json_decref(e);
	snprintf(body, sizeof body, "{\"held_at\":\"2026-06-16T10:00:00Z\",\"offered_by_organisation_id\":\"%s\",\"accepted\":false}",
		 council);
	client_expect_free(inv1, "POST", episode_path(id, "/return-interview"), body, 409);
	assert_null(worklist_item(inv1, "return_interview", id));
}

/* ---- risk reviews ---- */

static void test_a_review_moves_the_clock_and_high_risk_tells_the_supervisor(void **state)
{
	(void)state;
	char p[ID_LEN], id[ID_LEN], seen[CLOCK_ISO_LEN], body[300];
	person("{\"given_names\":\"Jade\",\"family_name\":\"Fenn\",\"estimated_age\":16}", p);
	resp *r = report(inv1, p, ago(30 * MINUTE_MS, seen), seen, "low", 201);
	snprintf(id, sizeof id, "%s", text_of(r->json, "id"));
	resp_free(r);
	assert_null(worklist_item(sup1, "missing_high_risk", id));
	json_t *item = worklist_item(inv1, "missing_review_due", id);
	assert_non_null(item);
	json_decref(item);

	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/risk-reviews"), "{\"risk\":\"urgent\",\"reason\":\"x\"}", 422), "risk");
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/risk-reviews"), "{\"risk\":\"high\",\"reason\":\" \"}", 422), "reason");
	char future[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() + 30 * MINUTE_MS, future);
	snprintf(body, sizeof body, "{\"risk\":\"high\",\"reason\":\"Seen with older men\",\"reviewed_at\":\"%s\"}", future);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/risk-reviews"), body, 422), "reviewed_at");

	char at[CLOCK_ISO_LEN], due[CLOCK_ISO_LEN];
	int64_t at_ms = clock_now_ms() - 5 * MINUTE_MS;
	clock_iso(at_ms, at);
	clock_iso(at_ms + 4 * 60 * MINUTE_MS, due);
	snprintf(body, sizeof body,
		 "{\"risk\":\"high\",\"reason\":\"Seen getting into a car with older men\",\"reviewed_at\":\"%s\"}", at);
	r = client_expect(inv1, "POST", episode_path(id, "/risk-reviews"), body, 201);
	assert_string_equal(text_of(r->json, "review_due"), due);
	resp_free(r);
	json_t *e = episode(inv1, id);
	assert_string_equal(text_of(e, "risk"), "high");
	assert_string_equal(text_of(e, "review_due"), due);
	assert_string_equal(text_of(e, "initial_risk"), "low");
	json_t *rev = json_array_get(json_object_get(e, "reviews"), 0);
	assert_string_equal(text_of(rev, "previous_risk"), "low");
	assert_string_equal(text_of(rev, "risk"), "high");
	json_decref(e);
	/* The team's supervisor is told; an investigator does not decide. */
	item = worklist_item(sup1, "missing_high_risk", id);
	assert_non_null(item);
	json_decref(item);
	assert_null(worklist_item(inv1, "missing_high_risk", id));
	assert_true(audit_count(&srv, "missing_risk_reviewed", id) == 1);
	client_expect_free(an1, "POST", episode_path(id, "/risk-reviews"), body, 403);
	client_expect_free(part1, "POST", episode_path(id, "/risk-reviews"), body, 404);

	/* Returned, the supervisor's item and the review go. */
	snprintf(body, sizeof body, "{\"returned_at\":\"%s\",\"found_by\":\"returned_themselves\",\"where_found\":\"Home\"}",
		 ago(MINUTE_MS, at));
	client_expect_free(inv1, "POST", episode_path(id, "/return"), body, 200);
	assert_null(worklist_item(sup1, "missing_high_risk", id));
	assert_null(worklist_item(inv1, "missing_review_due", id));
}

/* ---- the pattern ---- */

static json_t *missing_of(const char *person_id)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s", person_id);
	json_t *p = client_get_json(inv1, path, 200);
	json_t *m = json_incref(json_object_get(p, "missing"));
	json_decref(p);
	return m;
}

static void test_three_episodes_in_90_days_ask_for_an_exploitation_screening(void **state)
{
	(void)state;
	char p[ID_LEN], id[ID_LEN], start[CLOCK_ISO_LEN], back[CLOCK_ISO_LEN];
	person("{\"given_names\":\"Ava\",\"family_name\":\"Quinn\",\"estimated_age\":15}", p);
	/* Just outside the window, and just inside it. */
	episode_between(p, ago(90 * DAY_MS + 3 * MINUTE_MS, start), ago(89 * DAY_MS, back), id);
	episode_between(p, ago(90 * DAY_MS - 3 * MINUTE_MS, start), ago(80 * DAY_MS, back), id);
	episode_between(p, ago(30 * DAY_MS, start), ago(29 * DAY_MS, back), id);
	json_t *m = missing_of(p);
	assert_int_equal(json_integer_value(json_object_get(m, "episodes_90_days")), 2);
	assert_true(json_is_false(json_object_get(m, "repeat")));
	assert_true(json_is_false(json_object_get(m, "screening_due")));
	json_decref(m);
	assert_null(worklist_item(inv1, "exploitation_screening", p));

	episode_between(p, ago(2 * DAY_MS, start), ago(DAY_MS, back), id);
	m = missing_of(p);
	assert_int_equal(json_integer_value(json_object_get(m, "episodes_90_days")), 3);
	assert_true(json_is_true(json_object_get(m, "repeat")));
	assert_true(json_is_true(json_object_get(m, "screening_due")));
	assert_true(json_is_false(json_object_get(m, "currently_missing")));
	json_decref(m);
	json_t *item = worklist_item(inv1, "exploitation_screening", p);
	assert_non_null(item);
	assert_string_equal(text_of(json_object_get(item, "person"), "id"), p);
	json_decref(item);
	assert_null(worklist_item(inv2, "exploitation_screening", p));

	char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s/exploitation-screenings", p);
	resp_expect_field(client_expect(inv1, "POST", path,
					"{\"screened_on\":\"2026-11-30\",\"indicators\":[\"not_an_indicator\"],\"outcome\":\"no_concerns\"}", 422),
			  "indicators");
	resp_expect_field(client_expect(inv1, "POST", path, "{\"screened_on\":\"2026-11-30\",\"indicators\":[],\"outcome\":\"fine\"}", 422),
			  "outcome");
	resp_expect_field(client_expect(inv1, "POST", path, "{\"screened_on\":\"2099-01-01\",\"indicators\":[],\"outcome\":\"no_concerns\"}", 422),
			  "screened_on");
	client_expect_free(part1, "POST", path, "{\"screened_on\":\"2026-11-30\",\"indicators\":[],\"outcome\":\"no_concerns\"}", 404);
	client_expect_free(an1, "POST", path, "{\"screened_on\":\"2026-11-30\",\"indicators\":[],\"outcome\":\"no_concerns\"}", 403);
	json_t *vocab = client_get_json(inv1, "/api/v1/vocabularies", 200);
	const char *code = text_of(json_array_get(json_object_get(vocab, "indicators"), 0), "code");
	char body[300], today[DATE_LEN];
	clock_today(today);
	snprintf(body, sizeof body,
		 "{\"screened_on\":\"%s\",\"indicators\":[\"%s\"],\"outcome\":\"concerns_referred\",\"notes\":\"Referred "
		 "to children's services\"}",
		 today, code);
	json_decref(vocab);
	client_expect_free(inv1, "POST", path, body, 201);
	m = missing_of(p);
	assert_true(json_is_true(json_object_get(m, "repeat")));
	assert_true(json_is_false(json_object_get(m, "screening_due")));
	json_decref(m);
	assert_null(worklist_item(inv1, "exploitation_screening", p));
}

static void test_a_merge_joins_two_records_episodes_and_a_separation_splits_them(void **state)
{
	(void)state;
	char a[ID_LEN], b[ID_LEN], id[ID_LEN], start[CLOCK_ISO_LEN], back[CLOCK_ISO_LEN], path[160], body[200];
	/* The same girl recorded twice under two spellings, missing three
	 * times in all: neither record alone shows the pattern. */
	person("{\"given_names\":\"Chloe\",\"family_name\":\"Adeyemi\",\"estimated_age\":14}", a);
	person("{\"given_names\":\"Chloe\",\"family_name\":\"Adeyemmi\",\"estimated_age\":14}", b);
	episode_between(a, ago(40 * DAY_MS, start), ago(39 * DAY_MS, back), id);
	episode_between(a, ago(20 * DAY_MS, start), ago(19 * DAY_MS, back), id);
	episode_between(b, ago(5 * DAY_MS, start), ago(4 * DAY_MS, back), id);
	json_t *m = missing_of(a);
	assert_true(json_is_false(json_object_get(m, "repeat")));
	json_decref(m);
	snprintf(path, sizeof path, "/api/v1/people/%s/merge", b);
	snprintf(body, sizeof body, "{\"into\":\"%s\"}", a);
	client_expect_free(sup1, "POST", path, body, 200);
	m = missing_of(a);
	assert_int_equal(json_integer_value(json_object_get(m, "episodes_90_days")), 3);
	assert_true(json_is_true(json_object_get(m, "repeat")));
	json_decref(m);
	assert_int_equal(client_count(inv1, episodes_of(a), "items"), 3);
	snprintf(path, sizeof path, "/api/v1/people/%s/unmerge", b);
	client_expect_free(sup1, "POST", path, NULL, 200);
	m = missing_of(a);
	assert_int_equal(json_integer_value(json_object_get(m, "episodes_90_days")), 2);
	assert_true(json_is_false(json_object_get(m, "repeat")));
	json_decref(m);
}

/* ---- a partner ---- */

static void test_a_partner_records_the_interview_only_through_a_share(void **state)
{
	(void)state;
	char p[ID_LEN], link[ID_LEN], id[ID_LEN], start[CLOCK_ISO_LEN], back[CLOCK_ISO_LEN], body[600];
	person("{\"given_names\":\"Noah\",\"family_name\":\"Price\",\"estimated_age\":13}", p);
	case_link_person(inv1, case_id, p, "potential_victim", link);
	episode_between(p, ago(5 * 60 * MINUTE_MS, start), ago(3 * 60 * MINUTE_MS, back), id);
	client_get_expect(part1, 404, "%s", episode_path(id, ""));
	snprintf(body, sizeof body, "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\",\"accepted\":true}",
		 ago(60 * MINUTE_MS, start), hope);
	client_expect_free(part1, "POST", episode_path(id, "/return-interview"), body, 404);

	/* A share naming another section is not enough. */
	char path[200], share_body[500], later[DATE_LEN], today[DATE_LEN];
	clock_today(today);
	date_add_days(today, 30, later);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", case_id, link);
	snprintf(share_body, sizeof share_body,
		 "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"safeguarding\",\"basis\":"
		 "\"child_safeguarding\",\"reason\":\"Missing three times this year\",\"expires_on\":\"%s\"}",
		 hope, later);
	char share[ID_LEN];
	client_post_id(inv1, path, share_body, share);
	client_get_expect(part1, 404, "%s", episode_path(id, ""));
	snprintf(share_body, sizeof share_body,
		 "{\"organisation_id\":\"%s\",\"sections\":[\"identity\",\"missing\"],\"purpose\":\"safeguarding\","
		 "\"basis\":\"child_safeguarding\",\"reason\":\"Missing three times this year\",\"expires_on\":\"%s\"}",
		 hope, later);
	client_post_id(inv1, path, share_body, share);
	/* The share's view carries the episodes, without the force's ids. */
	char share_path[120];
	snprintf(share_path, sizeof share_path, "/api/v1/shares/%s", share);
	json_t *view = client_get_json(part1, share_path, 200);
	json_t *shown = json_object_get(json_object_get(view, "view"), "missing");
	assert_int_equal(json_array_size(shown), 1);
	assert_string_equal(text_of(json_array_get(shown, 0), "id"), id);
	assert_null(json_object_get(json_object_get(json_array_get(shown, 0), "person"), "id"));
	json_decref(view);
	json_t *e = episode(part1, id);
	assert_null(json_object_get(json_object_get(e, "person"), "id"));
	assert_string_equal(text_of(json_object_get(e, "person"), "name"), "Noah Price");
	json_decref(e);
	assert_true(audit_count(&srv, "disclosure_viewed", id) >= 1);
	client_expect_free(part1, "POST", episode_path(id, "/risk-reviews"), "{\"risk\":\"low\",\"reason\":\"x\"}", 403);
	client_expect_free(part1, "POST", episode_path(id, "/safe-and-well"), "{}", 403);
	snprintf(body, sizeof body, "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\",\"accepted\":true}",
		 ago(60 * MINUTE_MS, start), council);
	resp_expect_field(client_expect(part1, "POST", episode_path(id, "/return-interview"), body, 422),
			  "offered_by_organisation_id");
	snprintf(body, sizeof body, "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\",\"accepted\":false}",
		 ago(60 * MINUTE_MS, start), hope);
	client_expect_free(part1, "POST", episode_path(id, "/return-interview"), body, 201);
	assert_null(worklist_item(inv1, "return_interview", id));

	/* Revoked, the episode is out of the partner's reach again. */
	char revoke[120];
	snprintf(revoke, sizeof revoke, "/api/v1/shares/%s", share);
	client_expect_free(inv1, "DELETE", revoke, "{\"note\":\"Case closed\"}", 204);
	client_get_expect(part1, 404, "%s", episode_path(id, ""));
}

/* ---- the search ---- */

static void test_searches_sightings_and_links_are_kept_with_the_episode(void **state)
{
	(void)state;
	char p[ID_LEN], id[ID_LEN], seen[CLOCK_ISO_LEN], at[CLOCK_ISO_LEN], body[500], link[ID_LEN];
	person("{\"given_names\":\"Finn\",\"family_name\":\"Hale\",\"estimated_age\":16}", p);
	case_link_person(inv1, case_id, p, "potential_victim", link);
	char places[120], place_id[ID_LEN];
	snprintf(places, sizeof places, "/api/v1/cases/%s/places", case_id);
	client_post_id(inv1, places, "{\"kind\":\"exploitation\",\"address\":\"14 Station Road, Swindon\",\"country\":\"GB\"}", place_id);
	resp *r = report(inv1, p, ago(6 * 60 * MINUTE_MS, seen), seen, "medium", 201);
	snprintf(id, sizeof id, "%s", text_of(r->json, "id"));
	resp_free(r);
	ago(60 * MINUTE_MS, at);
	snprintf(body, sizeof body, "{\"kind\":\"sighting\",\"at\":\"%s\",\"detail\":\"Seen at the chip shop\"}", at);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/entries"), body, 422), "place");
	snprintf(body, sizeof body, "{\"kind\":\"rumour\",\"at\":\"%s\",\"detail\":\"x\"}", at);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/entries"), body, 422), "kind");
	snprintf(body, sizeof body,
		 "{\"kind\":\"sighting\",\"at\":\"%s\",\"place\":\"Regent Street, Swindon\",\"by\":\"Shop keeper\","
		 "\"detail\":\"Seen with two older boys\"}",
		 at);
	client_expect_free(inv1, "POST", episode_path(id, "/entries"), body, 201);
	snprintf(body, sizeof body, "{\"kind\":\"enquiry\",\"at\":\"%s\",\"detail\":\"Called the school\"}", at);
	client_expect_free(inv1, "POST", episode_path(id, "/entries"), body, 201);

	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/associations"), "{}", 422), "person_id");
	snprintf(body, sizeof body, "{\"place\":\"Park\",\"place_id\":\"%s\"}", place_id);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/associations"), body, 422), "person_id");
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/associations"), "{\"place_id\":\"nowhere\"}", 422),
			  "place_id");
	snprintf(body, sizeof body, "{\"person_id\":\"%s\"}", p);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/associations"), body, 422), "person_id");
	/* A person another team recorded, whom inv1 does not see. */
	char hidden[ID_LEN];
	client_post_id(inv2, "/api/v1/people", "{\"given_names\":\"Cole\",\"family_name\":\"Varney\"}", hidden);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\"}", hidden);
	resp_expect_field(client_expect(inv1, "POST", episode_path(id, "/associations"), body, 422), "person_id");
	char friend_id[ID_LEN];
	person("{\"given_names\":\"Jay\",\"family_name\":\"Stokes\"}", friend_id);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"note\":\"Older associate\"}", friend_id);
	client_expect_free(inv1, "POST", episode_path(id, "/associations"), body, 201);
	snprintf(body, sizeof body, "{\"place_id\":\"%s\"}", place_id);
	client_expect_free(inv1, "POST", episode_path(id, "/associations"), body, 201);
	client_expect_free(inv1, "POST", episode_path(id, "/associations"), "{\"place\":\"Queens Park\"}", 201);

	json_t *e = episode(inv1, id);
	json_t *entries = json_object_get(e, "entries"), *assocs = json_object_get(e, "associations");
	assert_int_equal(json_array_size(entries), 2);
	assert_non_null(json_find(entries, "kind", "sighting"));
	assert_int_equal(json_array_size(assocs), 3);
	assert_string_equal(text_of(json_object_get(json_array_get(assocs, 0), "person"), "name"), "Jay Stokes");
	assert_non_null(strstr(text_of(json_array_get(assocs, 1), "place"), "14 Station Road"));
	/* The person's cases, for linking places recorded in them. */
	assert_non_null(json_find(json_object_get(e, "cases"), "id", case_id));
	json_decref(e);

	/* On the case's timeline. */
	char tl[160];
	snprintf(tl, sizeof tl, "/api/v1/cases/%s/timeline", case_id);
	json_t *t = client_get_json(inv1, tl, 200);
	int found = 0;
	size_t k;
	json_t *item;
	json_array_foreach(json_object_get(t, "items"), k, item)
	{
		const char *kind = text_of(item, "kind"), *what = text_of(item, "text");
		found |= kind && strcmp(kind, "missing_reported") == 0 && what &&
			 strstr(what, "Finn Hale reported missing, graded medium risk; last seen at Swindon bus station") &&
			 strcmp(text_of(item, "missing_episode_id"), id) == 0;
	}
	assert_true(found);
	json_decref(t);
}

/* ---- a force's intervals ---- */

static void test_a_force_sets_its_own_intervals(void **state)
{
	(void)state;
	json_t *s = client_get_json(admin1, "/api/v1/settings/missing", 200);
	json_t *h = json_object_get(s, "review_hours");
	assert_int_equal(json_integer_value(json_object_get(h, "high")), 4);
	assert_int_equal(json_integer_value(json_object_get(h, "medium")), 8);
	assert_int_equal(json_integer_value(json_object_get(h, "low")), 24);
	assert_int_equal(json_integer_value(json_object_get(h, "no_apparent_risk")), 24);
	assert_int_equal(json_integer_value(json_object_get(s, "safe_and_well_hours")), 24);
	json_decref(s);
	client_get_expect(inv1, 403, "/api/v1/settings/missing");

	const char *good = "{\"review_hours\":{\"no_apparent_risk\":48,\"low\":12,\"medium\":6,\"high\":2},\"safe_and_well_hours\":12}";
	resp_expect_field(client_put_current(admin1, "/api/v1/settings/missing",
					     "{\"review_hours\":{\"no_apparent_risk\":48,\"low\":12,\"medium\":6,\"high\":0},\"safe_and_well_hours\":12}"),
			  "review_hours.high");
	resp_expect_field(client_put_current(admin1, "/api/v1/settings/missing",
					     "{\"review_hours\":{\"no_apparent_risk\":48,\"low\":12,\"medium\":6},\"safe_and_well_hours\":12}"),
			  "review_hours.high");
	resp_expect_field(client_put_current(admin1, "/api/v1/settings/missing",
					     "{\"review_hours\":{\"no_apparent_risk\":48,\"low\":12,\"medium\":6,\"high\":2,\"extreme\":1},\"safe_and_well_hours\":12}"),
			  "review_hours.extreme");
	resp_expect_field(client_put_current(admin1, "/api/v1/settings/missing",
					     "{\"review_hours\":{\"no_apparent_risk\":48,\"low\":12,\"medium\":6,\"high\":2},\"safe_and_well_hours\":200}"),
			  "safe_and_well_hours");
	client_expect_free(admin1, "PUT", "/api/v1/settings/missing", good, 428);
	resp *r = client_put_current(admin1, "/api/v1/settings/missing", good);
	assert_int_equal(r->status, 200);
	resp_free(r);
	/* A second writer who read the first version is stale. */
	client *again = client_signed_in(&srv, "admin1");
	const char *const stale_hdr[] = {"If-Match: \"0\"", NULL};
	resp *stale = client_req(again, "PUT", "/api/v1/settings/missing", good, stale_hdr);
	assert_int_equal(stale->status, 412);
	resp_free(stale);
	client_free(again);
	client_expect_free(inv1, "PUT", "/api/v1/settings/missing", good, 403);

	/* A report graded high is now reviewed 2 hours on. */
	char p[ID_LEN], id[ID_LEN];
	person("{\"given_names\":\"Isla\",\"family_name\":\"Rowe\",\"estimated_age\":12}", p);
	r = report(inv1, p, "2026-11-29T10:00:00Z", "2026-11-29T09:00:00Z", "high", 201);
	snprintf(id, sizeof id, "%s", text_of(r->json, "id"));
	resp_free(r);
	json_t *e = episode(inv1, id);
	assert_string_equal(text_of(e, "review_due"), "2026-11-29T12:00:00.000Z");
	json_decref(e);
	client_expect_free(inv1, "POST", episode_path(id, "/return"),
			   "{\"returned_at\":\"2026-11-29T14:00:00Z\",\"found_by\":\"police\",\"where_found\":\"Home\"}", 200);
	e = episode(inv1, id);
	assert_string_equal(text_of(e, "safe_and_well_due"), "2026-11-30T02:00:00.000Z");
	json_decref(e);
	/* Back to the defaults for the other tests. */
	r = client_put_current(admin1, "/api/v1/settings/missing",
			       "{\"review_hours\":{\"no_apparent_risk\":24,\"low\":24,\"medium\":8,\"high\":4},\"safe_and_well_hours\":24}");
	assert_int_equal(r->status, 200);
	resp_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_report_is_graded_and_every_bad_field_is_named),
		cmocka_unit_test(test_a_childs_return_is_owed_an_interview_72_hours_on),
		cmocka_unit_test(test_the_72_hours_are_elapsed_time_across_the_clock_changes),
		cmocka_unit_test(test_age_is_taken_on_the_uk_day_of_the_return),
		cmocka_unit_test(test_a_review_moves_the_clock_and_high_risk_tells_the_supervisor),
		cmocka_unit_test(test_three_episodes_in_90_days_ask_for_an_exploitation_screening),
		cmocka_unit_test(test_a_merge_joins_two_records_episodes_and_a_separation_splits_them),
		cmocka_unit_test(test_a_partner_records_the_interview_only_through_a_share),
		cmocka_unit_test(test_searches_sightings_and_links_are_kept_with_the_episode),
		cmocka_unit_test(test_a_force_sets_its_own_intervals),
	};
	return suite_run(&fixture, tests);
}
