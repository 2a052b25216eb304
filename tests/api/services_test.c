/* The directory of services and referrals to them over HTTP, on both
 * engines: who keeps the directory and every bad field named; services
 * listed best fit first; a referral made only with the victim's consent
 * for support (or for a child), sharing only identity and contacts with
 * the provider; every step of the path and every refusal (403, 404, 409,
 * 412, 422, 428); the share ended when the referral is declined,
 * withdrawn or closed; a partner reaching only the referrals to its
 * organisation and the Commissioner's office no victim; overdue
 * referrals on the worklist and in the figures. */
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
static client *inv1, *inv2, *sup1, *part1, *admin1, *opcc1, *an1;
static char case_id[ID_LEN], hope[ID_LEN], force_org[ID_LEN];
static char hope_service[ID_LEN]; /* Hope's navigators, answering within 72 hours */
static char today[DATE_LEN];

static const char *str(json_t *j, const char *a, const char *b)
{
	json_t *v = json_object_get(j, a);
	return json_string_value(b ? json_object_get(v, b) : v);
}

static int records(void)
{
	clock_today(today);
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Nail bar, Trowbridge\",\"exploitation_types\":[\"labour\"]}",
	               case_id);
	partner_id(inv1, "Hope Support Services", hope);
	json_t *orgs = client_get_json(sup1, "/api/v1/organisations", 200);
	snprintf(force_org, sizeof force_org, "%s",
	         str(json_find(json_object_get(orgs, "items"), "name", "Test Constabulary"), "id",
	             NULL));
	json_decref(orgs);
	service_make(admin1, "Hope Navigators", hope, 72, hope_service);
	return hope[0] && force_org[0] ? 0 : -1;
}

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", NULL);
}

static const suite_login logins[] = {
    {&inv1, "inv1"},     {&inv2, "inv2"},   {&sup1, "sup1"}, {&part1, "part1"},
    {&admin1, "admin1"}, {&opcc1, "opcc1"}, {&an1, "an1"},   {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* A new person in the case in the role (extra: more of the person's
 * fields, starting with a comma); writes the person's id and link. */
static void part(const char *given, const char *extra, const char *role, char person[ID_LEN],
                 char link[ID_LEN])
{
	char body[300];
	snprintf(body, sizeof body, "{\"given_names\":\"%s\",\"family_name\":\"Lazar\"%s}", given,
	         extra);
	client_post_id(inv1, "/api/v1/people", body, person);
	case_link_person(inv1, case_id, person, role, link);
}

/* An adult victim who consents to share for support, referred by inv1 to
 * the service; writes the referral's id. */
static void referred(const char *given, const char *service, char ref[ID_LEN])
{
	char person[ID_LEN], link[ID_LEN];
	part(given, ",\"estimated_age\":30", "potential_victim", person, link);
	consent_for_support(inv1, person);
	service_refer(inv1, case_id, link, service, ref);
}

static resp *refer(client *c, const char *link, const char *body)
{
	char path[256];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/service-referrals", case_id, link);
	return client_req(c, "POST", path, body, NULL);
}

/* The referral's current version, as c reads it, as an If-Match header. */
static void current(client *c, const char *ref, char header[64])
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/service-referrals/%s", ref);
	resp *r = client_expect(c, "GET", path, NULL, 200);
	snprintf(header, 64, "If-Match: %s",
	         resp_header(r, "ETag") ? resp_header(r, "ETag") : "\"0\"");
	resp_free(r);
}

/* Moves the referral as c with its current version; the answer. */
static resp *move(client *c, const char *ref, const char *body)
{
	char path[160], if_match[64];
	current(c, ref, if_match);
	snprintf(path, sizeof path, "/api/v1/service-referrals/%s/status", ref);
	return client_req(c, "POST", path, body, (const char *const[]){if_match, NULL});
}

static void move_expect(client *c, const char *ref, const char *body, long want)
{
	resp *r = move(c, ref, body);
	if (r->status != want)
		fail_msg("moving %s with %s answered %ld, not %ld: %s", ref, body, r->status, want,
		         r->body);
	resp_free(r);
}

static json_t *referral(client *c, const char *ref)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/service-referrals/%s", ref);
	return client_get_json(c, path, 200);
}

/* The share the referral made, as inv1 reads it. */
static json_t *share_of(const char *share_id)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/shares/%s", share_id);
	return client_get_json(inv1, path, 200);
}

/* ---- the directory ---- */

/* tpl with its one "@P" replaced by the provider's id, into out. */
static void with_provider(const char *tpl, const char *provider, char *out, size_t n)
{
	const char *at = strstr(tpl, "@P");
	assert_non_null(at);
	snprintf(out, n, "%.*s%s%s", (int)(at - tpl), tpl, provider, at + 2);
}

static void
test_the_commissioner_and_administrators_keep_the_directory_and_bad_fields_are_named(void **state)
{
	(void)state;
	char body[600], id[ID_LEN];
	const char *good =
	    "{\"name\":\"Safe "
	    "Beds\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	    "\"min\":18,\"max\":120},\"languages\":[\"Albanian\",\"ro\",\"sq\"],\"area\":"
	    "\"Wiltshire\","
	    "\"capacity\":4,\"response_hours\":24}";
	/* The Commissioner's office is offered the partners of its area's
	 * forces to give its services. */
	json_t *offered = client_get_json(opcc1, "/api/v1/organisations?kind=partner", 200);
	assert_string_equal(str(json_find(json_object_get(offered, "items"), "id", hope), "name", NULL),
	                    "Hope Support Services");
	json_decref(offered);
	with_provider(good, hope, body, sizeof body);
	resp *r = client_expect(opcc1, "POST", "/api/v1/services", body, 201);
	snprintf(id, sizeof id, "%s", str(r->json, "id", NULL));
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	resp_free(r);
	/* Those who read the directory do not keep it. */
	client_expect_free(inv1, "POST", "/api/v1/services", body, 403);
	client_expect_free(sup1, "POST", "/api/v1/services", body, 403);
	client_expect_free(part1, "POST", "/api/v1/services", body, 403);
	/* Each bad field named. */
	static const struct {
		const char *field, *body;
	} bad[] = {
	    {"name", "{\"name\":\" "
	             "\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	             "\"min\":18,\"max\":120},\"languages\":[],\"response_hours\":24}"},
	    {"kind", "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"spa\","
	             "\"ages\":{\"min\":18,\"max\":120},\"languages\":[],\"response_hours\":24}"},
	    {"ages.min",
	     "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	     "\"min\":-1,\"max\":120},\"languages\":[],\"response_hours\":24}"},
	    {"ages.max",
	     "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	     "\"min\":18,\"max\":17},\"languages\":[],\"response_hours\":24}"},
	    {"ages.max",
	     "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	     "\"min\":18,\"max\":121},\"languages\":[],\"response_hours\":24}"},
	    {"ages.max", "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\","
	                 "\"ages\":{\"min\":18},\"languages\":[],\"response_hours\":24}"},
	    {"ages", "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\","
	             "\"languages\":[],\"response_hours\":24}"},
	    {"languages",
	     "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	     "\"min\":18,\"max\":120},\"languages\":[\"Klingon\"],\"response_hours\":24}"},
	    {"capacity",
	     "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	     "\"min\":18,\"max\":120},\"languages\":[],\"capacity\":-1,\"response_hours\":24}"},
	    {"response_hours",
	     "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	     "\"min\":18,\"max\":120},\"languages\":[],\"response_hours\":0}"},
	    {"response_hours",
	     "{\"name\":\"X\",\"provider_organisation_id\":\"@P\",\"kind\":\"housing\",\"ages\":{"
	     "\"min\":18,\"max\":120},\"languages\":[],\"response_hours\":721}"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		with_provider(bad[i].body, hope, body, sizeof body);
		resp_expect_error_for(client_expect(admin1, "POST", "/api/v1/services", body, 422),
		                      bad[i].field);
	}
	/* A provider must be a partner working with the force: not the force. */
	with_provider(good, force_org, body, sizeof body);
	resp_expect_field(client_expect(admin1, "POST", "/api/v1/services", body, 422),
	                  "provider_organisation_id");

	/* Read back as an officer reads it: languages as ISO 639-1, once each. */
	char path[160];
	snprintf(path, sizeof path, "/api/v1/services/%s", id);
	json_t *s = client_get_json(inv1, path, 200);
	assert_string_equal(str(s, "name", NULL), "Safe Beds");
	assert_string_equal(str(s, "provider_organisation", NULL), "Hope Support Services");
	assert_string_equal(str(s, "kind_label", NULL), "Housing or safe accommodation");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(s, "ages"), "min")),
	                 18);
	assert_int_equal(json_array_size(json_object_get(s, "languages")), 2);
	assert_true(json_holds(json_object_get(s, "languages"), "sq"));
	assert_int_equal(json_integer_value(json_object_get(s, "capacity")), 4);
	assert_true(json_is_true(json_object_get(s, "active")));
	json_decref(s);
	client_get_expect(inv1, 404, "/api/v1/services/%s", "no-such-service");

	/* A change needs the version read (428 without it, 412 when stale). */
	client_expect_free(opcc1, "PATCH", path, "{\"active\":false}", 428);
	r = client_req(opcc1, "PATCH", path, "{\"active\":false}",
	               (const char *const[]){"If-Match: \"7\"", NULL});
	assert_int_equal(r->status, 412);
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	resp_free(r);
	client_expect_free(inv1, "PATCH", path, "{\"active\":false}", 403);
	r = client_patch_current(opcc1, path, "{\"capacity\":null,\"response_hours\":0}");
	resp_expect_field(r, "response_hours");
	r = client_patch_current(opcc1, path, "{\"active\":false,\"capacity\":null}");
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	assert_true(json_is_false(json_object_get(r->json, "active")));
	assert_true(json_is_null(json_object_get(r->json, "capacity")));
	resp_free(r);
	/* No longer offered: officers do not see it unless they ask. */
	resp *l = client_expect(inv1, "GET", "/api/v1/services", NULL, 200);
	assert_null(strstr(l->body, id));
	resp_free(l);
	l = client_expect(inv1, "GET", "/api/v1/services?active=any", NULL, 200);
	assert_non_null(strstr(l->body, id));
	resp_free(l);
	l = client_expect(opcc1, "GET", "/api/v1/services", NULL, 200);
	assert_non_null(strstr(l->body, id)); /* those who keep it see it all */
	resp_free(l);
	client_expect_query_error(inv1, "/api/v1/services?active=maybe", "active");
	client_expect_query_error(inv1, "/api/v1/services?age=old", "age");
	client_expect_query_error(inv1, "/api/v1/services?age=121", "age");
	client_expect_query_error(inv1, "/api/v1/services?language=Klingon", "language");
	client_expect_query_error(inv1, "/api/v1/services?kind=spa", "kind");
	assert_true(audit_count(&srv, "service_created", hope_service) == 1);
}

/* The position of the item whose id is id in the list's items, or -1. */
static int position(json_t *list, const char *id)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(list, "items"), i, x)
	{
		if (strcmp(str(x, "id", NULL), id) == 0)
			return (int)i;
	}
	return -1;
}

static void test_services_serving_the_victims_age_and_language_come_first(void **state)
{
	(void)state;
	char both[ID_LEN], age_only[ID_LEN], lang_only[ID_LEN], neither[ID_LEN], body[600];
	const struct {
		const char *name;
		int min, max;
		const char *language;
		char *out;
	} rows[] = {{"Zeta advocacy", 18, 120, "sq", both},
	            {"Alpha advocacy", 18, 120, "ro", age_only},
	            {"Beta advocacy", 0, 17, "sq", lang_only},
	            {"Aardvark advocacy", 0, 17, "pl", neither}};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(body, sizeof body,
		         "{\"name\":\"%s\",\"provider_organisation_id\":\"%s\",\"kind\":"
		         "\"advocacy\",\"ages\":{\"min\":%d,"
		         "\"max\":%d},\"languages\":[\"%s\"],\"response_hours\":48}",
		         rows[i].name, hope, rows[i].min, rows[i].max, rows[i].language);
		client_post_id(admin1, "/api/v1/services", body, rows[i].out);
	}
	json_t *l =
	    client_get_json(inv1, "/api/v1/services?kind=advocacy&age=30&language=Albanian", 200);
	int b = position(l, both), a = position(l, age_only), g = position(l, lang_only),
	    n = position(l, neither);
	assert_true(b >= 0 && a >= 0 && g >= 0 && n >= 0);
	/* Both first; then one (by name: Alpha before Beta); then none. */
	assert_true(b < a && a < g && g < n);
	json_t *x = json_array_get(json_object_get(l, "items"), (size_t)b);
	assert_true(json_is_true(json_object_get(x, "serves_age")));
	assert_true(json_is_true(json_object_get(x, "speaks_language")));
	x = json_array_get(json_object_get(l, "items"), (size_t)n);
	assert_true(json_is_false(json_object_get(x, "serves_age")));
	assert_true(json_is_false(json_object_get(x, "speaks_language")));
	json_decref(l);
	/* Not asked: null, and by name. */
	l = client_get_json(inv1, "/api/v1/services?kind=advocacy", 200);
	x = json_array_get(json_object_get(l, "items"), (size_t)position(l, both));
	assert_true(json_is_null(json_object_get(x, "serves_age")));
	assert_true(json_is_null(json_object_get(x, "speaks_language")));
	assert_true(position(l, neither) < position(l, age_only));
	assert_int_equal(position(l, hope_service), -1); /* a navigator service */
	json_decref(l);
	/* A partner sees the services it gives (these), not the others'. */
	l = client_get_json(part1, "/api/v1/services", 200);
	assert_true(position(l, both) >= 0);
	json_decref(l);
}

/* ---- referring ---- */

static void
test_a_referral_needs_consent_for_support_or_a_child_and_shares_only_identity_and_contacts(
    void **state)
{
	(void)state;
	char adult[ID_LEN], adult_link[ID_LEN], child[ID_LEN], child_link[ID_LEN], suspect[ID_LEN],
	    suspect_link[ID_LEN];
	char body[400], closed_service[ID_LEN], path[200];
	part("Elira", ",\"estimated_age\":26,\"languages\":[\"sq\"]", "potential_victim", adult,
	     adult_link);
	part("Arben", ",\"estimated_age\":15", "potential_victim", child, child_link);
	part("Gezim", "", "suspect", suspect, suspect_link);
	int made = audit_count(&srv, "service_referral_made", case_id);
	snprintf(body, sizeof body,
	         "{\"service_id\":\"%s\",\"need\":\"A safe house place\",\"urgency\":\"routine\"}",
	         hope_service);
	/* No consent yet: 422 saying what to record. */
	resp *r = refer(inv1, adult_link, body);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "consent");
	assert_non_null(strstr(r->body, "record the victim's consent to share for support first"));
	resp_free(r);
	/* Consent to other purposes is not enough. */
	snprintf(path, sizeof path, "/api/v1/people/%s/consent", adult);
	client_expect_free(
	    inv1, "PUT", path,
	    "{\"given\":true,\"purposes\":[\"housing\"],\"method\":\"verbal\",\"language\":\"sq\","
	    "\"interpreter\":\"telephone\"}",
	    200);
	resp_expect_field(refer(inv1, adult_link, body), "consent");
	consent_for_support(inv1, adult);
	/* Each bad field named. */
	resp_expect_field(
	    refer(inv1, adult_link,
	          "{\"service_id\":\"no-such\",\"need\":\"Beds\",\"urgency\":\"routine\"}"),
	    "service_id");
	service_make(admin1, "Closed clinic", hope, 24, closed_service);
	snprintf(path, sizeof path, "/api/v1/services/%s", closed_service);
	resp_free(client_patch_current(admin1, path, "{\"active\":false}"));
	char b2[400];
	snprintf(b2, sizeof b2,
	         "{\"service_id\":\"%s\",\"need\":\"Advice\",\"urgency\":\"routine\"}",
	         closed_service);
	resp_expect_field(refer(inv1, adult_link, b2), "service_id");
	snprintf(b2, sizeof b2, "{\"service_id\":\"%s\",\"need\":\"  \",\"urgency\":\"routine\"}",
	         hope_service);
	resp_expect_field(refer(inv1, adult_link, b2), "need");
	snprintf(b2, sizeof b2,
	         "{\"service_id\":\"%s\",\"need\":\"Beds\",\"urgency\":\"whenever\"}",
	         hope_service);
	resp_expect_field(refer(inv1, adult_link, b2), "urgency");
	resp_expect_field(refer(inv1, adult_link, "{\"need\":\"Beds\",\"urgency\":\"routine\"}"),
	                  "service_id");
	/* Only a potential victim; only within reach; never the Commissioner
	 * or a partner; nothing made by any refusal. */
	assert_int_equal(resp_status(refer(inv1, suspect_link, body)), 409);
	assert_int_equal(resp_status(refer(inv1, "no-such-link", body)), 404);
	assert_int_equal(resp_status(refer(inv2, adult_link, body)), 404);
	assert_int_equal(resp_status(refer(opcc1, adult_link, body)), 403);
	assert_int_equal(resp_status(refer(part1, adult_link, body)), 404);
	assert_int_equal(resp_status(refer(an1, adult_link, body)), 403);
	assert_int_equal(audit_count(&srv, "service_referral_made", case_id), made);

	int64_t before = clock_now_ms();
	r = refer(inv1, adult_link, body);
	int64_t after = clock_now_ms();
	assert_int_equal(r->status, 201);
	assert_string_equal(str(r->json, "status", NULL), "referred");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	int64_t by;
	assert_int_equal(clock_parse_iso(str(r->json, "respond_by", NULL), &by), 0);
	assert_true(by >= before - 1000 + 72 * 3600000LL && by <= after + 72 * 3600000LL);
	char ref[ID_LEN], share_id[ID_LEN];
	snprintf(ref, sizeof ref, "%s", str(r->json, "id", NULL));
	snprintf(share_id, sizeof share_id, "%s", str(r->json, "share_id", NULL));
	resp_free(r);
	assert_int_equal(audit_count(&srv, "service_referral_made", case_id), made + 1);
	/* The provider is shared the victim's identity and named contact, for
	 * support, on their consent, for twelve months. */
	json_t *s = share_of(share_id);
	assert_string_equal(str(s, "organisation", "id"), hope);
	assert_string_equal(str(s, "purpose", NULL), "support");
	assert_string_equal(str(s, "basis", NULL), "consent");
	assert_int_equal(json_array_size(json_object_get(s, "sections")), 2);
	assert_true(json_holds(json_object_get(s, "sections"), "identity"));
	assert_true(json_holds(json_object_get(s, "sections"), "contacts"));
	char year[DATE_LEN];
	date_add_years(today, 1, year);
	assert_string_equal(str(s, "expires_on", NULL), year);
	json_decref(s);
	assert_int_equal(audit_count(&srv, "disclosure_made", share_id), 1);

	/* Immediate: within the hour, whatever the service's target. */
	snprintf(b2, sizeof b2,
	         "{\"service_id\":\"%s\",\"need\":\"Tonight\",\"urgency\":\"immediate\"}",
	         hope_service);
	before = clock_now_ms();
	r = refer(inv1, adult_link, b2);
	assert_int_equal(r->status, 201);
	assert_int_equal(clock_parse_iso(str(r->json, "respond_by", NULL), &by), 0);
	assert_true(by >= before - 1000 + 3600000LL && by <= clock_now_ms() + 3600000LL);
	resp_free(r);

	/* A child needs no consent: shared to safeguard them, saying why. */
	r = refer(inv1, child_link, body);
	assert_int_equal(r->status, 201);
	s = share_of(str(r->json, "share_id", NULL));
	assert_string_equal(str(s, "basis", NULL), "child_safeguarding");
	assert_string_equal(str(s, "reason", NULL), "Referred to Hope Navigators");
	json_decref(s);
	resp_free(r);

	/* The case shows the referrals against the victim. */
	json_t *p = case_person(inv1, case_id, adult_link);
	json_t *list = json_object_get(p, "service_referrals");
	assert_int_equal(json_array_size(list), 2);
	json_t *one = json_find(list, "id", ref);
	assert_non_null(one);
	assert_string_equal(str(one, "service", NULL), "Hope Navigators");
	assert_string_equal(str(one, "status", NULL), "referred");
	assert_true(json_is_false(json_object_get(one, "overdue")));
	json_decref(p);
}

/* ---- the path ---- */

/* Whether the share a referral made is live or ended, through the database. */
static const char *share_state(const char *ref)
{
	return server_db_text(&srv,
	                      "SELECT CASE WHEN s.ended_at IS NULL THEN 'live' ELSE 'ended' END "
	                      "FROM service_referrals r "
	                      "JOIN shares s ON s.id = r.share_id WHERE r.id = $1",
	                      ref);
}

static void
test_the_provider_answers_works_and_closes_a_referral_and_each_wrong_step_is_refused(void **state)
{
	(void)state;
	char ref[ID_LEN], path[160];
	referred("Dritan", hope_service, ref);
	json_t *j = referral(inv1, ref);
	snprintf(path, sizeof path, "/api/v1/service-referrals/%s/status", ref);
	/* The provider sees whom it is about, never the case. */
	json_t *mine = referral(part1, ref);
	assert_string_equal(str(mine, "person", "given_names"), "Dritan");
	assert_null(json_object_get(mine, "case"));
	assert_string_equal(str(j, "case", "id"), case_id);
	assert_string_equal(str(j, "provider_organisation", "name"), "Hope Support Services");
	assert_string_equal(str(j, "service", "name"), "Hope Navigators");
	json_decref(mine);
	json_decref(j);

	/* If-Match is needed and must be current. */
	client_expect_free(part1, "POST", path, "{\"status\":\"accepted\"}", 428);
	resp *r = client_req(part1, "POST", path, "{\"status\":\"accepted\"}",
	                     (const char *const[]){"If-Match: \"9\"", NULL});
	assert_int_equal(r->status, 412);
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	resp_free(r);
	/* The force never takes the provider's steps; the provider never withdraws. */
	move_expect(inv1, ref, "{\"status\":\"accepted\"}", 403);
	move_expect(inv1, ref, "{\"status\":\"closed\",\"outcome\":\"other\"}", 403);
	move_expect(part1, ref, "{\"status\":\"withdrawn\",\"reason\":\"No\"}", 403);
	move_expect(part1, ref, "{\"status\":\"open\"}", 422);
	/* Not on the path from referred: 409 naming where it stands. */
	r = move(part1, ref, "{\"status\":\"in_progress\"}");
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(str(r->json, "detail", NULL), "referred"));
	resp_free(r);
	move_expect(part1, ref, "{\"status\":\"referred\"}", 409);

	r = move(part1, ref, "{\"status\":\"accepted\"}");
	assert_int_equal(r->status, 200);
	assert_string_equal(str(r->json, "status", NULL), "accepted");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	assert_non_null(str(r->json, "answered_at", NULL));
	resp_free(r);
	r = move(part1, ref, "{\"status\":\"accepted\"}");
	assert_int_equal(r->status, 409);
	assert_non_null(strstr(str(r->json, "detail", NULL), "accepted"));
	resp_free(r);
	move_expect(part1, ref, "{\"status\":\"declined\",\"reason\":\"Full\"}", 409);
	move_expect(part1, ref, "{\"status\":\"in_progress\",\"outcome\":\"other\"}", 422);
	move_expect(part1, ref, "{\"status\":\"in_progress\"}", 200);
	/* Closing names the outcome. */
	resp_expect_field(move(part1, ref, "{\"status\":\"closed\"}"), "outcome");
	resp_expect_field(move(part1, ref, "{\"status\":\"closed\",\"outcome\":\"died\"}"),
	                  "outcome");
	assert_string_equal(share_state(ref), "live");
	r = move(part1, ref, "{\"status\":\"closed\",\"outcome\":\"support_completed\"}");
	assert_int_equal(r->status, 200);
	assert_string_equal(str(r->json, "outcome", NULL), "support_completed");
	/* Its history: the force's step as "the force" to the provider. */
	json_t *h = json_object_get(r->json, "history");
	assert_int_equal(json_array_size(h), 4);
	assert_string_equal(str(json_array_get(h, 0), "status", NULL), "referred");
	assert_string_equal(str(json_array_get(h, 0), "by", NULL), "the force");
	assert_string_equal(str(json_array_get(h, 3), "status", NULL), "closed");
	assert_string_not_equal(str(json_array_get(h, 3), "by", NULL), "the force");
	resp_free(r);
	move_expect(part1, ref, "{\"status\":\"in_progress\"}", 409);
	move_expect(inv1, ref, "{\"status\":\"withdrawn\",\"reason\":\"Too late\"}", 409);
	/* The force reads who did each step. */
	j = referral(inv1, ref);
	assert_string_not_equal(str(json_array_get(json_object_get(j, "history"), 0), "by", NULL),
	                        "the force");
	json_decref(j);
	assert_int_equal(audit_count(&srv, "service_referral_status", ref), 3);
	/* The support is over: the provider's share has ended. */
	assert_string_equal(share_state(ref), "ended");
}

static void test_declining_withdrawing_and_closing_end_the_providers_share(void **state)
{
	(void)state;
	char declined[ID_LEN], withdrawn[ID_LEN], closed[ID_LEN], accepted[ID_LEN];
	referred("Fatos", hope_service, declined);
	referred("Genta", hope_service, withdrawn);
	referred("Ilir", hope_service, closed);
	referred("Jeta", hope_service, accepted);
	assert_string_equal(share_state(declined), "live");
	/* A reason to decline; a reason to withdraw. */
	resp_expect_field(move(part1, declined, "{\"status\":\"declined\"}"), "reason");
	resp_expect_field(move(part1, declined, "{\"status\":\"declined\",\"reason\":\"  \"}"),
	                  "reason");
	move_expect(part1, declined,
	            "{\"status\":\"declined\",\"reason\":\"No places this month\"}", 200);
	assert_string_equal(share_state(declined), "ended");
	json_t *j = referral(inv1, declined);
	assert_string_equal(str(j, "reason", NULL), "No places this month");
	json_decref(j);
	move_expect(part1, declined, "{\"status\":\"accepted\"}", 409);

	resp_expect_field(move(inv1, withdrawn, "{\"status\":\"withdrawn\"}"), "reason");
	move_expect(part1, withdrawn, "{\"status\":\"accepted\"}", 200);
	move_expect(inv1, withdrawn,
	            "{\"status\":\"withdrawn\",\"reason\":\"Moved to another area\"}", 200);
	assert_string_equal(share_state(withdrawn), "ended");
	move_expect(part1, withdrawn, "{\"status\":\"in_progress\"}", 409);
	/* Another team's officer does not reach it; a supervisor of the team does. */
	move_expect(sup1, closed, "{\"status\":\"withdrawn\",\"reason\":\"Not needed\"}", 200);
	assert_string_equal(share_state(closed), "ended");

	move_expect(part1, accepted, "{\"status\":\"accepted\"}", 200);
	resp *r = client_expect(part1, "GET", "/api/v1/shared?limit=200", NULL, 200);
	assert_non_null(strstr(r->body, accepted));
	resp_free(r);
	move_expect(part1, accepted, "{\"status\":\"closed\",\"outcome\":\"lost_contact\"}", 200);
	assert_string_equal(share_state(accepted), "ended");
	/* Its support over, the provider is no longer the person's support
	 * provider: what is shared with it no longer names them. */
	r = client_expect(part1, "GET", "/api/v1/shared?limit=200", NULL, 200);
	assert_null(strstr(r->body, accepted));
	assert_null(strstr(r->body, "Jeta"));
	resp_free(r);
	/* A share the force ended first stays ended; the referral still moves. */
	char again[ID_LEN], path[160];
	referred("Kujtim", hope_service, again);
	snprintf(
	    path, sizeof path, "/api/v1/shares/%s",
	    server_db_text(&srv, "SELECT share_id FROM service_referrals WHERE id = $1", again));
	client_expect_free(inv1, "DELETE", path, NULL, 204);
	move_expect(part1, again, "{\"status\":\"declined\",\"reason\":\"Unreachable\"}", 200);
	assert_int_equal(audit_count(&srv, "disclosure_revoked", NULL) > 0, 1);
}

/* ---- who sees what ---- */

static void test_a_partner_reaches_only_its_referrals_and_the_commissioner_no_victim(void **state)
{
	(void)state;
	const char *add[] = {"user",    "add",   "--username",  "haven.cw", "--role",
	                     "partner", "--org", "Haven Trust", "--host",   "Test Constabulary",
	                     NULL};
	assert_int_equal(run_waymark(&srv, TEST_PASSWORD "\n", NULL, 0, add), 0);
	assert_int_equal(server_second_factor_off(&srv, "Haven Trust"), 0);
	client *haven = client_signed_in(&srv, "haven.cw");
	char haven_org[ID_LEN], haven_service[ID_LEN], to_hope[ID_LEN], to_haven[ID_LEN];
	partner_id(inv1, "Haven Trust", haven_org);
	service_make(admin1, "Haven Housing", haven_org, 24, haven_service);
	referred("Luan", hope_service, to_hope);
	referred("Mimoza", haven_service, to_haven);

	/* Each provider reads and lists its own, and nothing of the other's. */
	client_get_expect(part1, 200, "/api/v1/service-referrals/%s", to_hope);
	client_get_expect(part1, 404, "/api/v1/service-referrals/%s", to_haven);
	client_get_expect(haven, 404, "/api/v1/service-referrals/%s", to_hope);
	char path[160];
	snprintf(path, sizeof path, "/api/v1/service-referrals/%s/status", to_hope);
	assert_int_equal(resp_status(client_req(haven, "POST", path, "{\"status\":\"accepted\"}",
	                                        (const char *const[]){"If-Match: \"1\"", NULL})),
	                 404);
	client_get_expect(haven, 404, "/api/v1/services/%s", hope_service);
	resp *r = client_expect(part1, "GET", "/api/v1/service-referrals?limit=200", NULL, 200);
	assert_non_null(strstr(r->body, to_hope));
	assert_null(strstr(r->body, to_haven));
	assert_null(strstr(r->body, "Mimoza"));
	assert_null(strstr(r->body, case_id)); /* never the force's case */
	resp_free(r);
	r = client_expect(haven, "GET", "/api/v1/service-referrals?limit=200", NULL, 200);
	assert_non_null(strstr(r->body, to_haven));
	assert_null(strstr(r->body, to_hope));
	resp_free(r);
	/* What is shared with it names the referral and whom it is about. */
	r = client_expect(part1, "GET", "/api/v1/shared?limit=200", NULL, 200);
	assert_non_null(strstr(r->body, to_hope));
	assert_null(strstr(r->body, to_haven));
	resp_free(r);
	/* Filters. */
	r = client_expect(part1, "GET", "/api/v1/service-referrals?status=declined&limit=200", NULL,
	                  200);
	assert_null(strstr(r->body, to_hope));
	resp_free(r);
	client_expect_query_error(part1, "/api/v1/service-referrals?status=lost", "status");
	client_expect_query_error(part1, "/api/v1/service-referrals?overdue=yes", "overdue");
	/* The force: its cases' referrals; another team's officer none of these. */
	r = client_expect(inv2, "GET", "/api/v1/service-referrals?limit=200", NULL, 200);
	assert_null(strstr(r->body, to_hope));
	resp_free(r);
	client_get_expect(inv2, 404, "/api/v1/service-referrals/%s", to_hope);
	client_get_expect(an1, 200, "/api/v1/service-referrals/%s", to_hope);
	move_expect(an1, to_hope, "{\"status\":\"withdrawn\",\"reason\":\"Not needed\"}", 403);

	/* The Commissioner's office sees no referral, no victim, no case:
	 * only figures. */
	client_get_expect(opcc1, 403, "/api/v1/service-referrals");
	client_get_expect(opcc1, 403, "/api/v1/service-referrals/%s", to_hope);
	r = client_expect(opcc1, "GET", "/api/v1/reports/services", NULL, 200);
	assert_null(strstr(r->body, "Luan"));
	assert_null(strstr(r->body, "Lazar"));
	assert_null(strstr(r->body, case_id));
	assert_null(strstr(r->body, to_hope));
	assert_non_null(strstr(r->body, hope_service));
	resp_free(r);
	client_free(haven);
}

/* The provider learns whom a referral is about only while the share the
 * referral made lives: once the force withdraws it, revokes the share or
 * the victim withdraws consent, the provider keeps the referral's steps but
 * no longer the victim's name. Each look at a referral is audited. */
static void test_once_the_providers_share_ends_it_no_longer_learns_whom_the_referral_is_about(
    void **state)
{
	(void)state;
	char withdrawn[ID_LEN], revoked[ID_LEN], path[160];
	referred("Nexhmije", hope_service, withdrawn);
	referred("Qendresa", hope_service, revoked);
	int viewed = audit_count(&srv, "disclosure_viewed", withdrawn);
	json_t *j = referral(part1, withdrawn);
	assert_string_equal(str(j, "person", "given_names"), "Nexhmije");
	json_decref(j);
	assert_int_equal(audit_count(&srv, "disclosure_viewed", withdrawn), viewed + 1);
	int looked = audit_count(&srv, "service_referral_viewed", withdrawn);
	json_decref(referral(inv1, withdrawn));
	assert_int_equal(audit_count(&srv, "service_referral_viewed", withdrawn), looked + 1);
	int listed = audit_count(&srv, "service_referrals_listed", NULL);
	resp_free(client_expect(part1, "GET", "/api/v1/service-referrals?limit=200", NULL, 200));
	assert_int_equal(audit_count(&srv, "service_referrals_listed", NULL), listed + 1);

	move_expect(inv1, withdrawn,
	            "{\"status\":\"withdrawn\",\"reason\":\"The victim is at risk from it\"}",
	            200);
	snprintf(path, sizeof path, "/api/v1/shares/%s",
	         server_db_text(&srv, "SELECT share_id FROM service_referrals WHERE id = $1",
	                        revoked));
	client_expect_free(inv1, "DELETE", path, NULL, 204);
	resp *r = client_expect(part1, "GET", "/api/v1/service-referrals?limit=200", NULL, 200);
	assert_non_null(strstr(r->body, withdrawn));
	assert_non_null(strstr(r->body, revoked));
	assert_null(strstr(r->body, "Nexhmije"));
	assert_null(strstr(r->body, "Qendresa"));
	resp_free(r);
	j = referral(part1, withdrawn);
	assert_true(json_is_null(json_object_get(j, "person")));
	assert_string_equal(str(j, "status", NULL), "withdrawn");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/service-referrals/%s", revoked);
	r = client_expect(part1, "GET", path, NULL, 200);
	assert_null(strstr(r->body, "Qendresa"));
	resp_free(r);
	/* The force still reads whom it referred. */
	j = referral(inv1, revoked);
	assert_string_equal(str(j, "person", "given_names"), "Qendresa");
	json_decref(j);
	/* Nor is the provider the person's support provider once the force
	 * has ended its share: what is shared with it no longer names them. */
	r = client_expect(part1, "GET", "/api/v1/shared?limit=200", NULL, 200);
	assert_null(strstr(r->body, revoked));
	assert_null(strstr(r->body, "Qendresa"));
	resp_free(r);
}

/* An officer moved to another team loses the old team's referrals at
 * once, on the worklist too: the overdue item names the victim and the
 * case, which they no longer reach. */
static void test_an_officer_moved_to_another_team_no_longer_has_its_overdue_referrals(void **state)
{
	(void)state;
	assert_int_equal(server_add_account(&srv, "mover", "investigator", "Test Constabulary", "EMT"),
	                 0);
	client *mover = client_signed_in(&srv, "mover");
	char person[ID_LEN], link[ID_LEN], ref[ID_LEN];
	part("Rudina", ",\"estimated_age\":30", "potential_victim", person, link);
	consent_for_support(inv1, person);
	service_refer(mover, case_id, link, hope_service, ref);
	const char *p[] = {ref};
	server_db_run(
	    &srv,
	    "UPDATE service_referrals SET respond_by = '2020-01-01T00:00:00.000Z' WHERE id = $1", 1,
	    p);
	json_t *w = worklist_item(mover, "service_referral_overdue", ref);
	assert_non_null(w);
	json_decref(w);
	server_db_run(&srv,
	              "UPDATE users SET team_id = (SELECT team_id FROM users WHERE username = "
	              "'inv2') WHERE username = 'mover'",
	              0, NULL);
	client_get_expect(mover, 404, "/api/v1/service-referrals/%s", ref);
	assert_null(worklist_item(mover, "service_referral_overdue", ref));
	resp *r = client_expect(mover, "GET", "/api/v1/worklist?limit=200", NULL, 200);
	assert_null(strstr(r->body, "Rudina"));
	resp_free(r);
	client_free(mover);
}

/* The figures of the service in the report c reads. */
static json_t *figures_of(client *c, const char *service)
{
	json_t *rep = client_get_json(c, "/api/v1/reports/services", 200);
	size_t i;
	json_t *x, *found = NULL;
	json_array_foreach(json_object_get(rep, "items"), i, x)
	{
		if (strcmp(str(x, "service", "id"), service) == 0)
			found = json_incref(x);
	}
	json_decref(rep);
	assert_non_null(found);
	return found;
}

/* The disclosure threshold at its lowest, 3. */
static void lowest_threshold(void)
{
	const char *t[] = {"3"};
	server_db_run(
	    &srv,
	    "INSERT INTO settings (key, value, updated_at, version) VALUES "
	    "('disclosure_threshold', $1, '2025-01-01T00:00:00Z', 1) ON CONFLICT (key) DO "
	    "UPDATE SET value = excluded.value",
	    1, t);
}

/* A figure the disclosure control withheld: {"suppressed": true}. */
static int suppressed(json_t *v)
{
	return json_is_object(v) && json_is_true(json_object_get(v, "suppressed")) &&
	       json_object_size(v) == 1;
}

static json_int_t figure(json_t *f, const char *name)
{
	return json_integer_value(json_object_get(f, name));
}

static void
test_a_referral_waiting_past_its_target_is_overdue_on_the_worklist_and_in_the_figures(void **state)
{
	(void)state;
	char service[ID_LEN], late[ID_LEN], waiting[ID_LEN], on_time[ID_LEN], declined[ID_LEN];
	service_make(admin1, "Hope Counselling", hope, 48, service);
	referred("Nora", service, late);
	referred("Olsi", service, waiting);
	referred("Pranvera", service, on_time);
	referred("Qerim", service, declined);
	/* Two were referred long ago: their targets have passed. */
	const char *p[] = {late};
	server_db_run(
	    &srv,
	    "UPDATE service_referrals SET respond_by = '2020-01-01T00:00:00.000Z' WHERE id = $1", 1,
	    p);
	const char *q[] = {waiting};
	server_db_run(
	    &srv,
	    "UPDATE service_referrals SET respond_by = '2020-01-01T00:00:00.000Z' WHERE id = $1", 1,
	    q);
	move_expect(part1, late, "{\"status\":\"accepted\"}", 200); /* answered, but late */
	move_expect(part1, on_time, "{\"status\":\"accepted\"}", 200);
	move_expect(part1, declined, "{\"status\":\"declined\",\"reason\":\"Full\"}", 200);

	json_t *j = referral(inv1, waiting);
	assert_true(json_is_true(json_object_get(j, "overdue")));
	json_decref(j);
	j = referral(inv1, late);
	assert_true(json_is_false(json_object_get(j, "overdue"))); /* answered */
	json_decref(j);
	/* On the worklist of the referring officer, and of the case's team. */
	json_t *w = worklist_item(inv1, "service_referral_overdue", waiting);
	assert_non_null(w);
	assert_string_equal(str(w, "state", NULL), "overdue");
	assert_string_equal(str(w, "holder", "name"), "inv1");
	assert_string_equal(str(w, "link", NULL) + strlen("/service-referral?id="), waiting);
	json_decref(w);
	w = worklist_item(sup1, "service_referral_overdue", waiting);
	assert_non_null(w);
	json_decref(w);
	assert_null(worklist_item(inv2, "service_referral_overdue", waiting));
	assert_null(worklist_item(inv1, "service_referral_overdue", late));
	/* Listed when overdue is asked. */
	resp *r = client_expect(inv1, "GET", "/api/v1/service-referrals?overdue=true&limit=200",
	                        NULL, 200);
	assert_non_null(strstr(r->body, waiting));
	assert_null(strstr(r->body, late));
	assert_null(strstr(r->body, on_time));
	resp_free(r);
	/* The figures: no person, no case, and each count below the
	 * disclosure threshold (3 here) suppressed, never a number. */
	lowest_threshold();
	json_t *f = figures_of(sup1, service);
	assert_true(suppressed(json_object_get(f, "answered_within_target")));
	assert_true(suppressed(json_object_get(f, "answered_late")));
	assert_true(suppressed(json_object_get(f, "unanswered_overdue")));
	assert_true(suppressed(json_object_get(f, "declined")));
	assert_true(suppressed(json_object_get(f, "referred")) || figure(f, "referred") == 4);
	json_decref(f);
	move_expect(part1, on_time, "{\"status\":\"closed\",\"outcome\":\"moved_away\"}", 200);
	f = figures_of(an1, service);
	assert_true(suppressed(json_object_get(json_object_get(f, "outcomes"), "moved_away")));
	json_decref(f);
	f = figures_of(opcc1, service);
	assert_true(suppressed(json_object_get(f, "declined")));
	json_decref(f);
	/* Days outside the range count nothing (the force's service shows, at 0). */
	json_t *rep =
	    client_get_json(sup1, "/api/v1/reports/services?from=2020-01-01&to=2020-12-31", 200);
	json_t *x = json_find(json_object_get(rep, "items"), "provider_organisation",
	                      "Hope Support Services");
	assert_non_null(x);
	assert_int_equal(figure(x, "referred"), 0);
	json_decref(rep);
	client_expect_query_error(sup1, "/api/v1/reports/services?from=someday", "from");
	client_expect_query_error(sup1, "/api/v1/reports/services?from=2026-02-01&to=2026-01-01",
	                          "from");
	client_get_expect(inv1, 403, "/api/v1/reports/services");
	client_get_expect(part1, 403, "/api/v1/reports/services");

	/* The case's timeline tells each step. */
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/timeline", case_id);
	r = client_expect(inv1, "GET", path, NULL, 200);
	assert_non_null(strstr(r->body, "service_referral_declined"));
	assert_non_null(strstr(r->body, "Qerim Lazar's referral to Hope Counselling: declined"));
	resp_free(r);
}

/* Three referrals to a service in 2021, each answered in time and closed
 * with support completed: at the threshold of 3 every count is exact. */
static void test_the_services_figures_are_exact_once_each_count_reaches_the_threshold(void **state)
{
	(void)state;
	lowest_threshold();
	char service[ID_LEN], ref[3][ID_LEN];
	service_make(admin1, "Safe Steps", hope, 48, service);
	const char *names[] = {"Rezarta", "Sokol", "Teuta"};
	for (int i = 0; i < 3; i++) {
		referred(names[i], service, ref[i]);
		move_expect(part1, ref[i], "{\"status\":\"accepted\"}", 200);
		move_expect(part1, ref[i],
		            "{\"status\":\"closed\",\"outcome\":\"support_completed\"}", 200);
		const char *p[] = {ref[i]};
		server_db_run(
		    &srv,
		    "UPDATE service_referrals SET referred_at = '2021-03-01T10:00:00.000Z' "
		    "WHERE id = $1",
		    1, p);
	}
	json_t *rep =
	    client_get_json(opcc1, "/api/v1/reports/services?from=2021-01-01&to=2021-12-31", 200);
	assert_int_equal(json_integer_value(json_object_get(rep, "threshold")), 3);
	json_t *f = NULL, *x;
	size_t i;
	json_array_foreach(json_object_get(rep, "items"), i, x)
	{
		if (strcmp(str(x, "service", "id"), service) == 0)
			f = x;
	}
	assert_non_null(f);
	assert_int_equal(figure(f, "referred"), 3);
	assert_int_equal(figure(f, "answered_within_target"), 3);
	assert_int_equal(figure(f, "answered_late"), 0);
	assert_int_equal(figure(f, "unanswered_overdue"), 0);
	assert_int_equal(figure(f, "awaiting_within_target"), 0);
	assert_int_equal(figure(f, "declined"), 0);
	json_t *o = json_object_get(f, "outcomes");
	assert_int_equal(figure(o, "support_completed"), 3);
	assert_int_equal(figure(o, "moved_away"), 0);
	assert_int_equal(figure(o, "total"), 3);
	json_t *totals = json_object_get(rep, "totals");
	assert_int_equal(figure(totals, "referred"), 3);
	assert_int_equal(figure(json_object_get(totals, "outcomes"), "support_completed"), 3);
	json_decref(rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_the_commissioner_and_administrators_keep_the_directory_and_bad_fields_are_named),
	    cmocka_unit_test(test_services_serving_the_victims_age_and_language_come_first),
	    cmocka_unit_test(
	        test_a_referral_needs_consent_for_support_or_a_child_and_shares_only_identity_and_contacts),
	    cmocka_unit_test(
	        test_the_provider_answers_works_and_closes_a_referral_and_each_wrong_step_is_refused),
	    cmocka_unit_test(test_declining_withdrawing_and_closing_end_the_providers_share),
	    cmocka_unit_test(
	        test_a_partner_reaches_only_its_referrals_and_the_commissioner_no_victim),
	    cmocka_unit_test(
	        test_once_the_providers_share_ends_it_no_longer_learns_whom_the_referral_is_about),
	    cmocka_unit_test(
	        test_a_referral_waiting_past_its_target_is_overdue_on_the_worklist_and_in_the_figures),
	    cmocka_unit_test(
	        test_an_officer_moved_to_another_team_no_longer_has_its_overdue_referrals),
	    cmocka_unit_test(
	        test_the_services_figures_are_exact_once_each_count_reaches_the_threshold),
	};
	return suite_run(&fixture, tests);
}
