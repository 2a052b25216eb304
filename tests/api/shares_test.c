/* Sharing with partners over HTTP: a victim's consent, shares on each
 * lawful basis, what the partner sees (only the sections named, while the
 * share is live, each look audited), revoking, consent withdrawn, expiry,
 * extending, the victim's record of disclosures, and every refusal. */
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
static client *inv1, *inv2, *sup1, *part1, *admin1;
static char case_id[ID_LEN], adult[ID_LEN], adult_link[ID_LEN], child[ID_LEN], child_link[ID_LEN];
static char suspect_link[ID_LEN], partner_org[ID_LEN], force_org[ID_LEN];
static char today[DATE_LEN], soon[DATE_LEN], next_year[DATE_LEN], too_late[DATE_LEN];

static int records(void)
{
	clock_today(today);
	date_add_days(today, 30, soon);
	date_add_years(today, 1, next_year);
	date_add_days(next_year, 1, too_late);
	client_post_id(inv1, "/api/v1/cases", "{\"title\":\"Hand car wash, Chippenham\",\"exploitation_types\":[\"labour\"]}",
		       case_id);
	client_post_id(inv1, "/api/v1/people",
		       "{\"given_names\":\"Mihai\",\"family_name\":\"Rusu\",\"estimated_age\":34,\"languages\":[\"ro\"],"
		       "\"immigration_status\":\"Overstayer since 2024\"}",
		       adult);
	case_link_person(inv1, case_id, adult, "potential_victim", adult_link);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Andrei\",\"family_name\":\"Rusu\",\"estimated_age\":15}",
		       child);
	case_link_person(inv1, case_id, child, "potential_victim", child_link);
	char suspect[ID_LEN];
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Ilie\",\"family_name\":\"Stan\"}", suspect);
	case_link_person(inv1, case_id, suspect, "suspect", suspect_link);
	char path[200];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/victim-context", case_id, adult_link);
	client_expect_free(inv1, "PUT", path, "{\"relationship_to_trafficker\":\"employer\"}", 200);
	json_t *orgs = client_get_json(sup1, "/api/v1/organisations", 200);
	snprintf(partner_org, sizeof partner_org, "%s",
		 json_string_value(json_object_get(json_find(json_object_get(orgs, "items"), "name", "Hope Support Services"), "id")));
	snprintf(force_org, sizeof force_org, "%s",
		 json_string_value(json_object_get(json_find(json_object_get(orgs, "items"), "name", "Test Constabulary"), "id")));
	json_decref(orgs);
	return strlen(partner_org) > 8 && strlen(force_org) > 8 ? 0 : -1;
}

static const suite_login logins[] = {
	{&inv1, "inv1"}, {&inv2, "inv2"}, {&sup1, "sup1"}, {&part1, "part1"}, {&admin1, "admin1"}, {NULL, NULL},
};
static const suite fixture = {.srv = &srv, .logins = logins, .records = records};

static void consent(const char *person, const char *body, long want)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s/consent", person);
	client_expect_free(inv1, "PUT", path, body, want);
}

static resp *share(client *c, const char *link, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static resp *share(client *c, const char *link, const char *fmt, ...)
{
	char path[200], body[1000];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", case_id, link);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(body, sizeof body, fmt, ap);
	va_end(ap);
	return client_req(c, "POST", path, body, NULL);
}

/* A share of the adult for support on consent, to the partner: its id. */
static void consented_share(const char *sections, char out[ID_LEN])
{
	resp *r = share(inv1, adult_link,
			"{\"organisation_id\":\"%s\",\"sections\":%s,\"purpose\":\"support\",\"basis\":\"consent\","
			"\"expires_on\":\"%s\"}",
			partner_org, sections, soon);
	assert_int_equal(r->status, 201);
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static long partner_reads(const char *share_id)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/shares/%s", share_id);
	return client_status(part1, "GET", path, NULL);
}

static void test_consent_is_recorded_and_every_bad_field_named(void **state)
{
	(void)state;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s/consent", adult);
	static const struct {
		const char *body, *field;
	} bad[] = {
		{"{\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", "given"},
		{"{\"given\":true,\"purposes\":[],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", "purposes"},
		{"{\"given\":true,\"purposes\":[\"marketing\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", "purposes"},
		{"{\"given\":true,\"purposes\":[\"support\",\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", "purposes"},
		{"{\"given\":false,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", "purposes"},
		{"{\"given\":true,\"purposes\":[\"support\"],\"method\":\"email\",\"language\":\"ro\",\"interpreter\":\"none\"}", "method"},
		{"{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"Klingonese\",\"interpreter\":\"none\"}", "language"},
		{"{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"yes\"}", "interpreter"},
		{"{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\"}", "interpreter"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		resp_expect_field(client_req(inv1, "PUT", path, bad[i].body, NULL), bad[i].field);
	client_expect_free(inv1, "PUT", "/api/v1/people/no-such-person/consent",
			   "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}",
			   404);
	/* Given through a telephone interpreter, in Romanian by name. */
	resp *r = client_expect(inv1, "PUT", path,
				"{\"given\":true,\"purposes\":[\"support\",\"housing\"],\"method\":\"verbal\","
				"\"language\":\"Romanian\",\"interpreter\":\"telephone\"}",
				200);
	assert_string_equal(json_string_value(json_object_get(r->json, "language")), "ro");
	assert_true(json_is_true(json_object_get(r->json, "given")));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/people/%s/disclosures", adult);
	json_t *d = client_get_json(inv1, path, 200);
	json_t *k = json_object_get(d, "consent");
	assert_string_equal(json_string_value(json_object_get(k, "interpreter")), "telephone");
	assert_true(json_holds(json_object_get(k, "purposes"), "housing"));
	json_decref(d);
	assert_int_equal(audit_count(&srv, "consent_recorded", adult), 1);
}

static void test_a_share_rests_on_a_lawful_basis_and_every_bad_field_is_named(void **state)
{
	(void)state;
	consent(adult, "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"written\",\"language\":\"ro\",\"interpreter\":\"in_person\"}", 200);
	static const struct {
		const char *sections, *purpose, *basis, *reason, *until, *field;
	} bad[] = {
		{"[\"identity\"]", "housing", "consent", NULL, "soon", "basis"},    /* consent to support only */
		{"[]", "support", "consent", NULL, "soon", "sections"},
		{"[\"identity\",\"notes\"]", "support", "consent", NULL, "soon", "sections"},
		{"[\"immigration_status\"]", "support", "consent", NULL, "soon", "sections"},
		{"[\"identity\",\"identity\"]", "support", "consent", NULL, "soon", "sections"},
		{"[\"identity\"]", "marketing", "consent", NULL, "soon", "purpose"},
		{"[\"identity\"]", "support", "contract", NULL, "soon", "basis"},
		{"[\"identity\"]", "safeguarding", "vital_interests", NULL, "soon", "reason"},
		{"[\"identity\"]", "safeguarding", "legal_duty", "  ", "soon", "reason"},
		{"[\"identity\"]", "safeguarding", "child_safeguarding", "At risk", "soon", "basis"}, /* an adult */
		{"[\"identity\"]", "support", "consent", NULL, "2020-01-01", "expires_on"},
		{"[\"identity\"]", "support", "consent", NULL, "2027-02-30", "expires_on"},
		{"[\"identity\"]", "support", "consent", NULL, "late", "expires_on"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *until = strcmp(bad[i].until, "soon") == 0 ? soon
				    : strcmp(bad[i].until, "late") == 0 ? too_late
									: bad[i].until;
		char reason[64] = "";
		if (bad[i].reason)
			snprintf(reason, sizeof reason, ",\"reason\":\"%s\"", bad[i].reason);
		resp *r = share(inv1, adult_link,
				"{\"organisation_id\":\"%s\",\"sections\":%s,\"purpose\":\"%s\",\"basis\":\"%s\",\"expires_on\":\"%s\"%s}",
				partner_org, bad[i].sections, bad[i].purpose, bad[i].basis, until, reason);
		if (!resp_has_error_for(r, bad[i].field))
			fail_msg("row %zu: want a 422 naming %s, got %ld %.*s", i, bad[i].field, r->status, (int)r->len, r->body);
		resp_free(r);
	}
	/* Only partners: not the force itself, not an organisation that does not exist. */
	resp_expect_field(share(inv1, adult_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"support\",\"basis\":\"consent\",\"expires_on\":\"%s\"}", force_org, soon), "organisation_id");
	resp_expect_field(share(inv1, adult_link, "{\"organisation_id\":\"nobody\",\"sections\":[\"identity\"],\"purpose\":\"support\",\"basis\":\"consent\",\"expires_on\":\"%s\"}", soon), "organisation_id");
	/* Never a suspect; never a case out of reach. */
	assert_int_equal(resp_status(share(inv1, suspect_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"support\",\"basis\":\"consent\",\"expires_on\":\"%s\"}", partner_org, soon)), 409);
	assert_int_equal(resp_status(share(inv2, adult_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"support\",\"basis\":\"consent\",\"expires_on\":\"%s\"}", partner_org, soon)), 404);
	assert_int_equal(resp_status(share(part1, adult_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"support\",\"basis\":\"consent\",\"expires_on\":\"%s\"}", partner_org, soon)), 403);
	/* Twelve months ahead to the day is the longest. */
	resp *r = share(inv1, adult_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"support\",\"basis\":\"consent\",\"expires_on\":\"%s\"}", partner_org, next_year);
	assert_int_equal(r->status, 201);
	resp_free(r);
	/* A child is shared for safeguarding without consent, with a reason. */
	r = share(inv1, child_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\",\"nrm\"],\"purpose\":\"safeguarding\",\"basis\":\"child_safeguarding\",\"reason\":\"Strategy discussion with children's services\",\"expires_on\":\"%s\"}", partner_org, soon);
	assert_int_equal(r->status, 201);
	resp_free(r);
}

static void test_the_partner_sees_only_the_sections_named_and_each_look_is_logged(void **state)
{
	(void)state;
	consent(adult, "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", 200);
	char id[ID_LEN], path[200];
	consented_share("[\"identity\",\"nrm\"]", id);
	json_t *list = client_get_json(part1, "/api/v1/shares", 200);
	json_t *mine = json_find(json_object_get(list, "items"), "id", id);
	assert_non_null(mine);
	assert_string_equal(json_string_value(json_object_get(json_object_get(mine, "person"), "family_name")), "Rusu");
	assert_null(json_object_get(mine, "created_by"));
	json_decref(list);
	snprintf(path, sizeof path, "/api/v1/shares/%s", id);
	int before = audit_count(&srv, "disclosure_viewed", id);
	json_t *s = client_get_json(part1, path, 200);
	json_t *view = json_object_get(s, "view");
	assert_string_equal(json_string_value(json_object_get(json_object_get(view, "identity"), "given_names")), "Mihai");
	assert_true(json_is_array(json_object_get(view, "nrm")));
	assert_null(json_object_get(view, "victim_context"));
	assert_null(json_object_get(view, "contacts"));
	/* Nothing sealed, nobody else, not the case. */
	char *text = json_dumps(s, 0);
	assert_null(strstr(text, "Overstayer"));
	assert_null(strstr(text, "immigration"));
	assert_null(strstr(text, "Andrei"));
	assert_null(strstr(text, "Ilie"));
	assert_null(strstr(text, "Hand car wash"));
	free(text);
	json_decref(s);
	assert_int_equal(audit_count(&srv, "disclosure_viewed", id), before + 1);
	/* The case, the person's record and other people stay out of reach. */
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	assert_true(client_status(part1, "GET", path, NULL) >= 403);
	snprintf(path, sizeof path, "/api/v1/people/%s", adult);
	assert_true(client_status(part1, "GET", path, NULL) >= 403);
	/* Another organisation's partner, or none: 404. */
	assert_int_equal(partner_reads("no-such-share"), 404);
	/* The force sees who looked, in the victim's record. */
	snprintf(path, sizeof path, "/api/v1/people/%s/disclosures", adult);
	json_t *d = client_get_json(inv1, path, 200);
	json_t *it = json_find(json_object_get(d, "items"), "id", id);
	assert_non_null(it);
	assert_string_equal(json_string_value(json_object_get(it, "state")), "live");
	assert_string_equal(json_string_value(json_object_get(json_object_get(it, "organisation"), "name")), "Hope Support Services");
	assert_int_equal(json_array_size(json_object_get(it, "views")), 1);
	json_decref(d);
	/* And the preview shows the force exactly what the partner sees. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares/preview?sections=identity,victim_context", case_id, adult_link);
	json_t *pv = client_get_json(inv1, path, 200);
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(pv, "view"), "victim_context"), "relationship_to_trafficker")), "employer");
	assert_null(json_object_get(json_object_get(pv, "view"), "nrm"));
	json_decref(pv);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares/preview?sections=notes", case_id, adult_link);
	client_expect_query_error(inv1, path, "sections");
}

static void test_revoking_ends_a_share_at_once(void **state)
{
	(void)state;
	consent(adult, "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", 200);
	char id[ID_LEN], path[200];
	consented_share("[\"identity\"]", id);
	assert_int_equal(partner_reads(id), 200);
	snprintf(path, sizeof path, "/api/v1/shares/%s", id);
	assert_int_equal(client_status(part1, "DELETE", path, NULL), 403);
	assert_int_equal(client_status(inv2, "DELETE", path, NULL), 404);
	client_expect_free(inv1, "DELETE", path, "{\"note\":\"Support ended\"}", 204);
	assert_int_equal(partner_reads(id), 404);
	assert_int_equal(client_status(inv1, "DELETE", path, NULL), 409);
	json_t *s = client_get_json(inv1, path, 200);
	assert_string_equal(json_string_value(json_object_get(s, "state")), "revoked");
	assert_string_equal(json_string_value(json_object_get(s, "end_note")), "Support ended");
	assert_non_null(json_object_get(s, "ended_at"));
	json_decref(s);
	json_t *list = client_get_json(part1, "/api/v1/shares", 200);
	assert_null(json_find(json_object_get(list, "items"), "id", id));
	json_decref(list);
	assert_int_equal(audit_count(&srv, "disclosure_revoked", id), 1);
}

static void test_withdrawing_consent_ends_every_share_that_rests_on_it(void **state)
{
	(void)state;
	consent(adult, "{\"given\":true,\"purposes\":[\"support\",\"housing\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", 200);
	char support[ID_LEN], housing[ID_LEN], vital[ID_LEN];
	consented_share("[\"identity\"]", support);
	resp *r = share(inv1, adult_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"housing\",\"basis\":\"consent\",\"expires_on\":\"%s\"}", partner_org, soon);
	assert_int_equal(r->status, 201);
	snprintf(housing, sizeof housing, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	r = share(inv1, adult_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"safeguarding\",\"basis\":\"vital_interests\",\"reason\":\"Threats to kill\",\"expires_on\":\"%s\"}", partner_org, soon);
	assert_int_equal(r->status, 201);
	snprintf(vital, sizeof vital, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	/* Narrowed to support: the housing share ends. */
	char path[160];
	snprintf(path, sizeof path, "/api/v1/people/%s/consent", adult);
	r = client_expect(inv1, "PUT", path, "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", 200);
	assert_true(json_integer_value(json_object_get(r->json, "shares_ended")) >= 1);
	resp_free(r);
	assert_int_equal(partner_reads(housing), 404);
	assert_int_equal(partner_reads(support), 200);
	/* Withdrawn: every share on consent ends; vital interests stays. */
	r = client_expect(inv1, "PUT", path, "{\"given\":false,\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", 200);
	assert_true(json_integer_value(json_object_get(r->json, "shares_ended")) >= 1);
	resp_free(r);
	assert_int_equal(partner_reads(support), 404);
	assert_int_equal(partner_reads(vital), 200);
	snprintf(path, sizeof path, "/api/v1/shares/%s", support);
	json_t *s = client_get_json(inv1, path, 200);
	assert_string_equal(json_string_value(json_object_get(s, "state")), "consent_withdrawn");
	json_decref(s);
	/* A new share on consent is refused until consent is given again. */
	resp_expect_field(share(inv1, adult_link, "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"support\",\"basis\":\"consent\",\"expires_on\":\"%s\"}", partner_org, soon), "basis");
	snprintf(path, sizeof path, "/api/v1/people/%s/history", adult);
	json_t *h = client_get_json(inv1, path, 200);
	assert_non_null(json_find(json_object_get(h, "items"), "new_value", "refused"));
	json_decref(h);
}

static void test_a_share_ends_at_midnight_and_can_be_extended_before(void **state)
{
	(void)state;
	consent(adult, "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", 200);
	char id[ID_LEN], path[200], body[300];
	consented_share("[\"identity\"]", id);
	snprintf(path, sizeof path, "/api/v1/shares/%s/extension", id);
	snprintf(body, sizeof body, "{\"expires_on\":\"%s\",\"reason\":\"Support continues\"}", soon);
	resp_expect_field(client_req(inv1, "POST", path, body, NULL), "expires_on"); /* not later */
	snprintf(body, sizeof body, "{\"expires_on\":\"%s\",\"reason\":\"Support continues\"}", too_late);
	resp_expect_field(client_req(inv1, "POST", path, body, NULL), "expires_on");
	snprintf(body, sizeof body, "{\"expires_on\":\"%s\",\"reason\":\" \"}", next_year);
	resp_expect_field(client_req(inv1, "POST", path, body, NULL), "reason");
	snprintf(body, sizeof body, "{\"expires_on\":\"%s\",\"reason\":\"Support continues\"}", next_year);
	assert_int_equal(client_status(part1, "POST", path, body), 403);
	resp *r = client_expect(inv1, "POST", path, body, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "expires_on")), next_year);
	resp_free(r);
	/* Its last day was yesterday: ended. */
	char yesterday[DATE_LEN];
	date_add_days(today, -1, yesterday);
	server_db_run(&srv, "UPDATE shares SET expires_on = $1 WHERE id = $2", 2, (const char *const[]){yesterday, id});
	assert_int_equal(partner_reads(id), 404);
	assert_int_equal(client_status(inv1, "POST", path, body), 409);
	snprintf(path, sizeof path, "/api/v1/shares/%s", id);
	assert_int_equal(client_status(inv1, "DELETE", path, NULL), 409);
	json_t *s = client_get_json(inv1, path, 200);
	assert_string_equal(json_string_value(json_object_get(s, "state")), "expired");
	json_decref(s);
	/* Ending today: still live until midnight, and on the worklist. */
	server_db_run(&srv, "UPDATE shares SET expires_on = $1 WHERE id = $2", 2, (const char *const[]){today, id});
	assert_int_equal(partner_reads(id), 200);
	json_t *item = worklist_item(inv1, "share_ending", id);
	assert_non_null(item);
	assert_string_equal(json_string_value(json_object_get(item, "state")), "due");
	char link[128];
	snprintf(link, sizeof link, "/share?id=%s", id);
	assert_string_equal(json_string_value(json_object_get(item, "link")), link);
	json_decref(item);
	/* Not to those who do not reach the case. */
	json_t *other = worklist_item(inv2, "share_ending", id);
	assert_null(other);
}

static void test_the_worklist_shows_shares_ending_within_fourteen_days(void **state)
{
	(void)state;
	consent(adult, "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", 200);
	char id[ID_LEN], in14[DATE_LEN], in15[DATE_LEN];
	consented_share("[\"identity\"]", id); /* ends in 30 days */
	json_t *item = worklist_item(inv1, "share_ending", id);
	assert_null(item);
	date_add_days(today, 14, in14);
	date_add_days(today, 15, in15);
	server_db_run(&srv, "UPDATE shares SET expires_on = $1 WHERE id = $2", 2, (const char *const[]){in15, id});
	assert_null(worklist_item(inv1, "share_ending", id));
	server_db_run(&srv, "UPDATE shares SET expires_on = $1 WHERE id = $2", 2, (const char *const[]){in14, id});
	item = worklist_item(inv1, "share_ending", id);
	assert_non_null(item);
	assert_string_equal(json_string_value(json_object_get(item, "state")), "upcoming");
	assert_string_equal(json_string_value(json_object_get(json_object_get(item, "person"), "id")), adult);
	json_decref(item);
	/* Revoked: off the worklist. */
	char path[160];
	snprintf(path, sizeof path, "/api/v1/shares/%s", id);
	client_expect_free(inv1, "DELETE", path, NULL, 204);
	assert_null(worklist_item(inv1, "share_ending", id));
}

static void test_a_childs_guardian_referral_shares_the_child_with_the_guardian(void **state)
{
	(void)state;
	char guardians[ID_LEN], referral[ID_LEN], adult_referral[ID_LEN], path[160], body[300];
	client_post_id(admin1, "/api/v1/organisations",
		       "{\"name\":\"Independent Child Trafficking Guardians South West\",\"kind\":\"guardian\"}", guardians);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}", case_id, child, today);
	client_post_id(inv1, "/api/v1/nrm-referrals", body, referral);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/guardian-referral", referral);
	/* Only a guardianship service; only a day that has come. */
	snprintf(body, sizeof body, "{\"organisation_id\":\"%s\",\"referred_on\":\"%s\"}", partner_org, today);
	resp_expect_field(client_req(inv1, "POST", path, body, NULL), "organisation_id");
	snprintf(body, sizeof body, "{\"organisation_id\":\"%s\",\"referred_on\":\"%s\"}", guardians, next_year);
	resp_expect_field(client_req(inv1, "POST", path, body, NULL), "referred_on");
	assert_int_equal(client_status(part1, "POST", path, body), 403);
	assert_int_equal(client_status(inv2, "POST", path, body), 404);
	snprintf(body, sizeof body, "{\"organisation_id\":\"%s\",\"referred_on\":\"%s\"}", guardians, today);
	resp *r = client_expect(inv1, "POST", path, body, 201);
	json_t *g = json_object_get(r->json, "guardian_referral");
	assert_string_equal(json_string_value(json_object_get(json_object_get(g, "organisation"), "name")),
			    "Independent Child Trafficking Guardians South West");
	char share_id[ID_LEN];
	snprintf(share_id, sizeof share_id, "%s", json_string_value(json_object_get(g, "share_id")));
	resp_free(r);
	assert_int_equal(client_status(inv1, "POST", path, body), 409);
	/* The guardian is shared the child, for safeguarding, without consent. */
	snprintf(path, sizeof path, "/api/v1/shares/%s", share_id);
	json_t *s = client_get_json(inv1, path, 200);
	assert_string_equal(json_string_value(json_object_get(s, "basis")), "child_safeguarding");
	assert_string_equal(json_string_value(json_object_get(s, "purpose")), "safeguarding");
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "person"), "id")), child);
	assert_true(json_holds(json_object_get(s, "sections"), "safeguarding_plan"));
	json_decref(s);
	assert_int_equal(audit_count(&srv, "guardian_referral_made", case_id), 1);
	/* An adult has no guardian. */
	consent(adult, "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"ro\",\"interpreter\":\"none\"}", 200);
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\",\"consent\":{\"given\":true,\"method\":\"verbal\",\"language\":\"ro\"}}", case_id, adult, today);
	client_post_id(inv1, "/api/v1/nrm-referrals", body, adult_referral);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/guardian-referral", adult_referral);
	snprintf(body, sizeof body, "{\"organisation_id\":\"%s\",\"referred_on\":\"%s\"}", guardians, today);
	assert_int_equal(client_status(inv1, "POST", path, body), 409);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_consent_is_recorded_and_every_bad_field_named),
		cmocka_unit_test(test_a_share_rests_on_a_lawful_basis_and_every_bad_field_is_named),
		cmocka_unit_test(test_the_partner_sees_only_the_sections_named_and_each_look_is_logged),
		cmocka_unit_test(test_revoking_ends_a_share_at_once),
		cmocka_unit_test(test_withdrawing_consent_ends_every_share_that_rests_on_it),
		cmocka_unit_test(test_a_share_ends_at_midnight_and_can_be_extended_before),
		cmocka_unit_test(test_the_worklist_shows_shares_ending_within_fourteen_days),
		cmocka_unit_test(test_a_childs_guardian_referral_shares_the_child_with_the_guardian),
	};
	return suite_run(&fixture, tests);
}
