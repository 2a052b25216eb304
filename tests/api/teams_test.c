/* Organisations and teams, for administrators: partner organisations added
 * to their force and changed (name, kind) with the version read; teams
 * added to their organisation or one it hosts, renamed with the version
 * read, listed with their organisation; every refusal; and security
 * settings changed with the version read. */
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
static client *adm;

/* Besides the standard accounts: another force with its administrator, and
 * an administrator of the hosted partner organisation. */
static int accounts(server *s)
{
	return server_add_account(s, "admin.other", "admin", "Other Constabulary", "Other Team") ||
	       server_second_factor_off(s, "Other Constabulary") ||
	       server_add_account(s, "padmin", "admin", "Hope Support Services", NULL);
}

static const suite_login logins[] = {{&adm, "admin1"}, {NULL, NULL}};
static const suite fixture = {.srv = &srv, .accounts = accounts, .logins = logins};

static const char *org_id_of(const char *name)
{
	return server_db_text(&srv, "SELECT id FROM orgs WHERE name = $1", name);
}

/* The path to add a team to the organisation named (static buffer). */
static const char *teams_of(const char *org)
{
	static char path[160];
	snprintf(path, sizeof path, "/api/v1/organisations/%s/teams", org_id_of(org));
	return path;
}

static const char *team_path(const char *id)
{
	static char path[160];
	snprintf(path, sizeof path, "/api/v1/teams/%s", id);
	return path;
}

/* Adds the team named to Test Constabulary as adm, wanting 201; writes its
 * id and its path. */
static void team_made(const char *name, char id[ID_LEN], char path[160])
{
	char body[128];
	snprintf(body, sizeof body, "{\"name\":\"%s\"}", name);
	resp *r = client_expect(adm, "POST", teams_of("Test Constabulary"), body, 201);
	snprintf(id, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	snprintf(path, 160, "%s", team_path(id));
	resp_free(r);
}

/* Sends body with If-Match naming version. */
static resp *versioned(client *c, const char *method, const char *path, const char *body,
                       const char *version)
{
	char if_match[64];
	snprintf(if_match, sizeof if_match, "If-Match: \"%s\"", version);
	return client_req(c, method, path, body, (const char *const[]){if_match, NULL});
}

/* The teams GET /api/v1/organisations shows c for the organisation named
 * (NULL when it shows none); the caller frees the answer. */
static json_t *teams_listed(client *c, const char *org, resp **out)
{
	*out = client_expect(c, "GET", "/api/v1/organisations", NULL, 200);
	return json_object_get(json_find(json_object_get((*out)->json, "items"), "name", org),
	                       "teams");
}

static void test_an_administrator_adds_a_team_to_their_force(void **state)
{
	(void)state;
	resp *r = client_expect(adm, "POST", teams_of("Test Constabulary"),
	                        "{\"name\":\"Missing Persons\"}", 201);
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	assert_string_equal(json_string_value(json_object_get(r->json, "name")), "Missing Persons");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	assert_string_equal(resp_header(r, "ETag"), "\"1\"");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(r->json, "org"), "name")),
	    "Test Constabulary");
	resp_free(r);
	/* Listed with its organisation, beside the teams accounts made. */
	json_t *teams = teams_listed(adm, "Test Constabulary", &r);
	assert_non_null(json_find(teams, "name", "Missing Persons"));
	assert_non_null(json_find(teams, "name", "EMT"));
	resp_free(r);
	/* Accounts can join it by name. */
	client_expect_free(adm, "POST", "/api/v1/users",
	                   "{\"username\":\"dc.mispers\",\"display_name\":\"DC "
	                   "Mispers\",\"role\":\"investigator\","
	                   "\"org\":\"Test Constabulary\",\"team\":\"Missing Persons\"}",
	                   201);
	assert_int_equal(
	    server_db_int(&srv, "SELECT COUNT(*) FROM teams WHERE name = $1", "Missing Persons"),
	    1);
	assert_int_equal(audit_count(&srv, "team_created", id), 1);
}

static void test_teams_show_only_to_those_who_administer_their_organisation(void **state)
{
	(void)state;
	client *inv = client_signed_in(&srv, "inv1");
	resp *r;
	assert_null(teams_listed(inv, "Test Constabulary", &r));
	resp_free(r);
	client_free(inv);
	/* A partner's administrator sees its own teams, not the hosting force's. */
	client *p = client_signed_in(&srv, "padmin");
	assert_non_null(teams_listed(p, "Hope Support Services", &r));
	resp_free(r);
	assert_null(teams_listed(p, "Test Constabulary", &r));
	resp_free(r);
	client_free(p);
}

static void test_a_team_is_added_to_a_hosted_organisation(void **state)
{
	(void)state;
	client_expect_free(adm, "POST", teams_of("Hope Support Services"),
	                   "{\"name\":\"Outreach\"}", 201);
	client *p = client_signed_in(&srv, "padmin");
	client_expect_free(p, "POST", teams_of("Hope Support Services"), "{\"name\":\"Casework\"}",
	                   201);
	/* Not the force hosting it. */
	client_expect_free(p, "POST", teams_of("Test Constabulary"), "{\"name\":\"Casework\"}",
	                   404);
	client_free(p);
}

static void test_adding_a_team_refuses_what_it_must(void **state)
{
	(void)state;
	const char *path = teams_of("Test Constabulary");
	char own[160];
	snprintf(own, sizeof own, "%s", path);
	/* The name is taken in the organisation (but free in another). */
	client_expect_free(adm, "POST", own, "{\"name\":\"Public Protection\"}", 201);
	resp *r = client_expect(adm, "POST", own, "{\"name\":\"Public Protection\"}", 409);
	assert_string_equal(resp_error_field(r), "name");
	resp_free(r);
	client_expect_free(adm, "POST", teams_of("Hope Support Services"),
	                   "{\"name\":\"Public Protection\"}", 201);
	/* Names that are not names; fields missing, unknown or mistyped. */
	const char *bad[] = {"{\"name\":\"\"}",
	                     "{\"name\":\"   \"}",
	                     "{\"name\":\" Lead\"}",
	                     "{\"name\":\"Lead \"}",
	                     "{}",
	                     "{\"name\":7}",
	                     "{\"name\":\"Lead\",\"kind\":\"x\"}"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = client_expect(adm, "POST", own, bad[i], 422);
		assert_true(resp_has_error_for(r, strstr(bad[i], "kind") ? "kind" : "name"));
		resp_free(r);
	}
	char name[130], longname[200];
	memset(name, 'x', 129);
	name[129] = '\0';
	snprintf(longname, sizeof longname, "{\"name\":\"%s\"}", name);
	client_expect_free(adm, "POST", own, longname, 422);
	/* A role that never administers accounts; another force's administrator;
	 * an organisation that does not exist. */
	client *sup = client_signed_in(&srv, "sup1");
	client_expect_free(sup, "POST", own, "{\"name\":\"Sup Team\"}", 403);
	client_free(sup);
	client *other = client_signed_in(&srv, "admin.other");
	r = client_expect(other, "POST", own, "{\"name\":\"Their Team\"}", 404);
	resp *unknown = client_expect(other, "POST", "/api/v1/organisations/no-such-org/teams",
	                              "{\"name\":\"X\"}", 404);
	assert_string_equal(json_string_value(json_object_get(r->json, "detail")),
	                    json_string_value(json_object_get(unknown->json, "detail")));
	resp_free(r);
	resp_free(unknown);
	client_free(other);
	assert_int_equal(
	    server_db_int(&srv, "SELECT COUNT(*) FROM teams WHERE name = $1", "Their Team"), 0);
}

static void test_an_administrator_renames_a_team_with_the_version_read(void **state)
{
	(void)state;
	char id[ID_LEN], path[160];
	team_made("Exploitation Hub", id, path);
	client_expect_free(
	    adm, "POST", "/api/v1/users",
	    "{\"username\":\"dc.hub\",\"display_name\":\"DC Hub\",\"role\":\"investigator\","
	    "\"org\":\"Test Constabulary\",\"team\":\"Exploitation Hub\"}",
	    201);
	/* Without If-Match: 428. */
	client_expect_free(adm, "PATCH", path, "{\"name\":\"Exploitation Unit\"}", 428);
	resp *r = versioned(adm, "PATCH", path, "{\"name\":\"Exploitation Unit\"}", "1");
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "name")),
	                    "Exploitation Unit");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	assert_string_equal(resp_header(r, "ETag"), "\"2\"");
	resp_free(r);
	/* Someone who read version 1 is told, and shown the team as it is now. */
	r = versioned(adm, "PATCH", path, "{\"name\":\"Exploitation Team\"}", "1");
	assert_int_equal(r->status, 412);
	assert_string_equal(resp_header(r, "ETag"), "\"2\"");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(r->json, "current"), "name")),
	    "Exploitation Unit");
	resp_free(r);
	/* Its accounts are in it under its new name. */
	assert_int_equal(
	    server_db_int(&srv,
	                  "SELECT COUNT(*) FROM users u JOIN teams t ON t.id = u.team_id "
	                  "WHERE u.username = 'dc.hub' AND t.name = $1",
	                  "Exploitation Unit"),
	    1);
	/* Its own name again changes nothing. */
	r = versioned(adm, "PATCH", path, "{\"name\":\"Exploitation Unit\"}", "2");
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	resp_free(r);
	assert_int_equal(audit_count(&srv, "team_renamed", id), 1);
}

static void test_renaming_a_team_refuses_what_it_must(void **state)
{
	(void)state;
	char id[ID_LEN], path[160];
	team_made("Rename Me", id, path);
	/* Another team of the organisation has that name. */
	resp *r = versioned(adm, "PATCH", path, "{\"name\":\"EMT\"}", "1");
	assert_int_equal(r->status, 409);
	assert_string_equal(resp_error_field(r), "name");
	resp_free(r);
	const char *bad[] = {"{\"name\":\"\"}", "{\"name\":\" x\"}", "{}", "{\"name\":null}",
	                     "{\"title\":\"x\"}"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = versioned(adm, "PATCH", path, bad[i], "1");
		assert_int_equal(r->status, 422);
		resp_free(r);
	}
	r = versioned(adm, "PATCH", path, "{\"name\":\"x\"}", "not a version");
	assert_int_equal(r->status, 400);
	resp_free(r);
	/* Nothing of it changed. */
	assert_int_equal(server_db_int(&srv, "SELECT version FROM teams WHERE id = $1", id), 1);
	/* A role that never administers; another force's administrator and an
	 * unknown team get the same 404; the hosted partner's administrator
	 * does not reach the force's teams. */
	client *sup = client_signed_in(&srv, "sup1");
	r = versioned(sup, "PATCH", path, "{\"name\":\"Sup\"}", "1");
	assert_int_equal(r->status, 403);
	resp_free(r);
	client_free(sup);
	const char *outsiders[] = {"admin.other", "padmin"};
	for (size_t i = 0; i < 2; i++) {
		client *o = client_signed_in(&srv, outsiders[i]);
		r = versioned(o, "PATCH", path, "{\"name\":\"Theirs\"}", "1");
		resp *unknown =
		    versioned(o, "PATCH", team_path("00000000-0000-0000-0000-000000000000"),
		              "{\"name\":\"Theirs\"}", "1");
		assert_int_equal(r->status, 404);
		assert_int_equal(unknown->status, 404);
		assert_string_equal(r->body, unknown->body);
		resp_free(r);
		resp_free(unknown);
		client_free(o);
	}
	assert_int_equal(server_db_int(&srv, "SELECT version FROM teams WHERE id = $1", id), 1);
}

/* The organisation named, as GET /api/v1/organisations lists it to c
 * (NULL when it does not); the caller frees the answer. */
static json_t *org_listed(client *c, const char *query, const char *name, resp **out)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/organisations%s", query);
	*out = client_expect(c, "GET", path, NULL, 200);
	return json_find(json_object_get((*out)->json, "items"), "name", name);
}

static const char *org_path(const char *name)
{
	static char path[160];
	snprintf(path, sizeof path, "/api/v1/organisations/%s", org_id_of(name));
	return path;
}

static void test_an_administrator_adds_a_partner_organisation_of_each_kind(void **state)
{
	(void)state;
	static const struct {
		const char *name, *kind;
	} made[] = {
	    {"Northshire Children's Services", "local_authority"},
	    {"Safe Passage Trust", "support_provider"},
	    {"Guardianship Service North", "guardian"},
	    {"Northshire Integrated Care Board", "health"},
	    {"Northshire Fire and Rescue", "other"},
	};
	char force[ID_LEN];
	snprintf(force, sizeof force, "%s", org_id_of("Test Constabulary"));
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
		char body[160];
		snprintf(body, sizeof body, "{\"name\":\"%s\",\"kind\":\"%s\"}", made[i].name, made[i].kind);
		resp *r = client_expect(adm, "POST", "/api/v1/organisations", body, 201);
		char id[ID_LEN];
		snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
		assert_string_equal(json_string_value(json_object_get(r->json, "name")), made[i].name);
		assert_string_equal(json_string_value(json_object_get(r->json, "kind")), made[i].kind);
		/* Hosted by the administrator's force, which administers it. */
		assert_string_equal(json_string_value(json_object_get(r->json, "hosted_by")), force);
		assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
		assert_string_equal(resp_header(r, "ETag"), "\"1\"");
		resp_free(r);
		json_t *o = org_listed(adm, "", made[i].name, &r);
		assert_non_null(o);
		assert_string_equal(json_string_value(json_object_get(o, "kind")), made[i].kind);
		assert_int_equal(json_array_size(json_object_get(o, "teams")), 0);
		resp_free(r);
		assert_int_equal(audit_count(&srv, "org_created", id), 1);
	}
	/* Listed by kind; partner is every kind of partner. */
	resp *r;
	assert_non_null(org_listed(adm, "?kind=guardian", "Guardianship Service North", &r));
	assert_null(json_find(json_object_get(r->json, "items"), "name", "Safe Passage Trust"));
	resp_free(r);
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
		assert_non_null(org_listed(adm, "?kind=partner", made[i].name, &r));
		resp_free(r);
	}
	assert_null(org_listed(adm, "?kind=partner", "Test Constabulary", &r));
	resp_free(r);
	/* Its accounts are partners, whatever its kind; a force's roles do not fit. */
	client_expect_free(adm, "POST", "/api/v1/users",
	                   "{\"username\":\"ncs.worker\",\"display_name\":\"NCS Worker\",\"role\":\"partner\","
	                   "\"org\":\"Northshire Children's Services\"}",
	                   201);
	resp_expect_error_for(client_req(adm, "POST", "/api/v1/users",
	                                 "{\"username\":\"ncs.dc\",\"display_name\":\"X\",\"role\":\"investigator\","
	                                 "\"org\":\"Northshire Children's Services\"}",
	                                 NULL),
	                      "role");
	/* Nobody outside the force sees it. */
	client *other = client_signed_in(&srv, "admin.other");
	assert_null(org_listed(other, "", "Safe Passage Trust", &r));
	resp_free(r);
	client_free(other);
}

static void test_adding_an_organisation_refuses_what_it_must(void **state)
{
	(void)state;
	static const struct {
		const char *body, *field;
	} bad[] = {
	    {"{\"kind\":\"health\"}", "name"},
	    {"{\"name\":\"\",\"kind\":\"health\"}", "name"},
	    {"{\"name\":\"   \",\"kind\":\"health\"}", "name"},
	    {"{\"name\":\" Clinic\",\"kind\":\"health\"}", "name"},
	    {"{\"name\":\"Clinic \",\"kind\":\"health\"}", "name"},
	    {"{\"name\":7,\"kind\":\"health\"}", "name"},
	    {"{\"name\":\"Clinic\"}", "kind"},
	    {"{\"name\":\"Clinic\",\"kind\":\"\"}", "kind"},
	    {"{\"name\":\"Clinic\",\"kind\":\"charity\"}", "kind"},
	    {"{\"name\":\"Clinic\",\"kind\":\"partner\"}", "kind"},
	    {"{\"name\":\"Clinic\",\"kind\":\"force\"}", "kind"},
	    {"{\"name\":\"Clinic\",\"kind\":\"opcc\"}", "kind"},
	    {"{\"name\":\"Clinic\",\"kind\":\"Health\"}", "kind"},
	    {"{\"name\":\"Clinic\",\"kind\":\"health\",\"host\":\"x\"}", "host"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		resp *r = client_expect(adm, "POST", "/api/v1/organisations", bad[i].body, 422);
		if (!resp_has_error_for(r, bad[i].field))
			fail_msg("%s: no error for %s: %s", bad[i].body, bad[i].field, r->body);
		resp_free(r);
	}
	char name[130], body[220];
	memset(name, 'x', 129);
	name[129] = '\0';
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"kind\":\"health\"}", name);
	resp_expect_error_for(client_req(adm, "POST", "/api/v1/organisations", body, NULL), "name");
	/* A name any organisation has, this force's or another's. */
	const char *taken[] = {"Hope Support Services", "Test Constabulary", "Other Constabulary"};
	for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++) {
		snprintf(body, sizeof body, "{\"name\":\"%s\",\"kind\":\"health\"}", taken[i]);
		resp *r = client_expect(adm, "POST", "/api/v1/organisations", body, 409);
		assert_string_equal(resp_error_field(r), "name");
		resp_free(r);
	}
	/* A role that never administers; a partner's administrator, whose
	 * organisation hosts none. */
	client *sup = client_signed_in(&srv, "sup1");
	client_expect_free(sup, "POST", "/api/v1/organisations", "{\"name\":\"Sup Clinic\",\"kind\":\"health\"}", 403);
	client_free(sup);
	client *p = client_signed_in(&srv, "padmin");
	client_expect_free(p, "POST", "/api/v1/organisations", "{\"name\":\"Hope Clinic\",\"kind\":\"health\"}", 403);
	client_free(p);
	assert_int_equal(server_db_int(&srv, "SELECT COUNT(*) FROM orgs WHERE name LIKE $1", "%Clinic%"), 0);
}

static void test_an_administrator_changes_an_organisations_name_and_kind(void **state)
{
	(void)state;
	client_expect_free(adm, "POST", "/api/v1/organisations",
	                   "{\"name\":\"Harbour House\",\"kind\":\"support_provider\"}", 201);
	char path[160], id[ID_LEN];
	snprintf(path, sizeof path, "%s", org_path("Harbour House"));
	snprintf(id, sizeof id, "%s", org_id_of("Harbour House"));
	char worker[ID_LEN], worker_path[160];
	client_post_id(adm, "/api/v1/users",
	               "{\"username\":\"harbour.worker\",\"display_name\":\"H Worker\",\"role\":\"partner\","
	               "\"org\":\"Harbour House\"}",
	               worker);
	snprintf(worker_path, sizeof worker_path, "/api/v1/users/%s", worker);
	/* Without If-Match: 428. */
	client_expect_free(adm, "PATCH", path, "{\"kind\":\"health\"}", 428);
	resp *r = versioned(adm, "PATCH", path, "{\"kind\":\"health\"}", "1");
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "kind")), "health");
	assert_string_equal(json_string_value(json_object_get(r->json, "name")), "Harbour House");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 2);
	assert_string_equal(resp_header(r, "ETag"), "\"2\"");
	resp_free(r);
	/* Someone who read version 1 is told, and shown it as it is now. */
	r = versioned(adm, "PATCH", path, "{\"name\":\"Harbour Trust\"}", "1");
	assert_int_equal(r->status, 412);
	assert_string_equal(resp_header(r, "ETag"), "\"2\"");
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "current"), "kind")),
	                    "health");
	resp_free(r);
	r = versioned(adm, "PATCH", path, "{\"name\":\"Harbour Trust\",\"kind\":\"local_authority\"}", "2");
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "name")), "Harbour Trust");
	assert_string_equal(json_string_value(json_object_get(r->json, "kind")), "local_authority");
	resp_free(r);
	/* What it already is changes nothing. */
	const char *same[] = {"{}", "{\"name\":\"Harbour Trust\"}", "{\"kind\":\"local_authority\"}",
	                      "{\"name\":null,\"kind\":null}"};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		r = versioned(adm, "PATCH", path, same[i], "3");
		assert_int_equal(r->status, 200);
		assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 3);
		resp_free(r);
	}
	json_t *o = org_listed(adm, "?kind=local_authority", "Harbour Trust", &r);
	assert_non_null(o);
	assert_int_equal(json_integer_value(json_object_get(o, "version")), 3);
	resp_free(r);
	/* Each change is audited with what it was and what it became. */
	assert_int_equal(audit_count(&srv, "org_changed", id), 2);
	/* Its accounts are as they were: partners of it, under its new name. */
	r = client_expect(adm, "GET", worker_path, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "role")), "partner");
	assert_string_equal(json_string_value(json_object_get(json_object_get(r->json, "org"), "name")),
	                    "Harbour Trust");
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	resp_free(r);
	/* A force's administrators rename their own force and its Commissioner's office. */
	r = versioned(adm, "PATCH", org_path(TEST_OPCC), "{\"name\":\"" TEST_OPCC "\",\"kind\":\"opcc\"}", "1");
	assert_int_equal(r->status, 200);
	resp_free(r);
	/* A partner's administrator changes their own organisation, as they add its teams. */
	client *p = client_signed_in(&srv, "padmin");
	r = versioned(p, "PATCH", org_path("Hope Support Services"), "{\"kind\":\"other\"}", "1");
	assert_int_equal(r->status, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "kind")), "other");
	resp_free(r);
	r = versioned(p, "PATCH", org_path("Hope Support Services"), "{\"kind\":\"support_provider\"}", "2");
	assert_int_equal(r->status, 200);
	resp_free(r);
	client_free(p);
}

static void test_changing_an_organisation_refuses_what_it_must(void **state)
{
	(void)state;
	client_expect_free(adm, "POST", "/api/v1/organisations",
	                   "{\"name\":\"Lantern Project\",\"kind\":\"other\"}", 201);
	char path[160], id[ID_LEN];
	snprintf(path, sizeof path, "%s", org_path("Lantern Project"));
	snprintf(id, sizeof id, "%s", org_id_of("Lantern Project"));
	/* Another organisation has that name. */
	resp *r = versioned(adm, "PATCH", path, "{\"name\":\"Hope Support Services\"}", "1");
	assert_int_equal(r->status, 409);
	assert_string_equal(resp_error_field(r), "name");
	resp_free(r);
	static const struct {
		const char *body, *field;
	} bad[] = {
	    {"{\"name\":\"\"}", "name"},
	    {"{\"name\":\"  \"}", "name"},
	    {"{\"name\":\" Lantern\"}", "name"},
	    {"{\"name\":\"Lantern \"}", "name"},
	    {"{\"name\":7}", "name"},
	    {"{\"kind\":\"\"}", "kind"},
	    {"{\"kind\":\"charity\"}", "kind"},
	    {"{\"kind\":\"partner\"}", "kind"},
	    {"{\"kind\":\"force\"}", "kind"},
	    {"{\"kind\":\"opcc\"}", "kind"},
	    {"{\"kind\":true}", "kind"},
	    {"{\"colour\":\"red\"}", "colour"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = versioned(adm, "PATCH", path, bad[i].body, "1");
		assert_int_equal(r->status, 422);
		if (!resp_has_error_for(r, bad[i].field))
			fail_msg("%s: no error for %s: %s", bad[i].body, bad[i].field, r->body);
		resp_free(r);
	}
	char name[130], body[160];
	memset(name, 'x', 129);
	name[129] = '\0';
	snprintf(body, sizeof body, "{\"name\":\"%s\"}", name);
	r = versioned(adm, "PATCH", path, body, "1");
	assert_int_equal(r->status, 422);
	assert_true(resp_has_error_for(r, "name"));
	resp_free(r);
	r = versioned(adm, "PATCH", path, "{\"kind\":\"health\"}", "not a version");
	assert_int_equal(r->status, 400);
	resp_free(r);
	/* A force or a Commissioner's office keeps its kind. */
	const char *fixed[] = {"Test Constabulary", TEST_OPCC};
	for (size_t i = 0; i < 2; i++) {
		r = versioned(adm, "PATCH", org_path(fixed[i]), "{\"kind\":\"local_authority\"}", "1");
		assert_int_equal(r->status, 422);
		assert_string_equal(resp_error_field(r), "kind");
		resp_free(r);
	}
	/* Nothing of them changed. */
	assert_int_equal(server_db_int(&srv, "SELECT version FROM orgs WHERE id = $1", id), 1);
	assert_int_equal(server_db_int(&srv,
	                               "SELECT COUNT(*) FROM orgs WHERE (kind = 'partner') <> (partner_kind IS NOT NULL)",
	                               NULL),
	                 0);
	/* A role that never administers; another force's administrator and an
	 * unknown organisation get the same 404; the hosted partner's
	 * administrator does not reach the force's other partners. */
	client *sup = client_signed_in(&srv, "sup1");
	r = versioned(sup, "PATCH", path, "{\"name\":\"Sup\"}", "1");
	assert_int_equal(r->status, 403);
	resp_free(r);
	client_free(sup);
	const char *outsiders[] = {"admin.other", "padmin"};
	for (size_t i = 0; i < 2; i++) {
		client *o = client_signed_in(&srv, outsiders[i]);
		r = versioned(o, "PATCH", path, "{\"name\":\"Theirs\"}", "1");
		resp *unknown = versioned(o, "PATCH", "/api/v1/organisations/00000000-0000-0000-0000-000000000000",
		                          "{\"name\":\"Theirs\"}", "1");
		assert_int_equal(r->status, 404);
		assert_int_equal(unknown->status, 404);
		assert_string_equal(r->body, unknown->body);
		resp_free(r);
		resp_free(unknown);
		client_free(o);
	}
	assert_int_equal(server_db_int(&srv, "SELECT version FROM orgs WHERE id = $1", id), 1);
	assert_int_equal(audit_count(&srv, "org_changed", id), 0);
}

static void test_security_settings_change_with_the_version_read(void **state)
{
	(void)state;
	const char *path = "/api/v1/settings/security";
	resp *r = client_expect(adm, "GET", path, NULL, 200);
	json_int_t v = json_integer_value(json_object_get(r->json, "version"));
	char tag[32], was[32], next[32];
	snprintf(tag, sizeof tag, "\"%lld\"", (long long)v);
	assert_string_equal(resp_header(r, "ETag"), tag);
	resp_free(r);
	snprintf(was, sizeof was, "%lld", (long long)v);
	snprintf(next, sizeof next, "%lld", (long long)v + 1);
	client_expect_free(adm, "PUT", path, "{\"totp_required_roles\":[\"auditor\"]}", 428);
	r = versioned(adm, "PUT", path, "{\"totp_required_roles\":[\"auditor\"]}", was);
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), v + 1);
	resp_free(r);
	/* A second administrator who read the earlier version is shown the change. */
	r = versioned(adm, "PUT", path, "{\"totp_required_roles\":[]}", was);
	assert_int_equal(r->status, 412);
	json_t *current = json_object_get(r->json, "current");
	assert_int_equal(json_integer_value(json_object_get(current, "version")), v + 1);
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(current, "totp_required_roles"), 0)),
	    "auditor");
	resp_free(r);
	r = versioned(adm, "PUT", path, "{\"totp_required_roles\":[]}", next);
	assert_int_equal(r->status, 200);
	resp_free(r);
}

static void test_settings_of_an_organisation_without_any_start_at_version_0(void **state)
{
	(void)state;
	/* Hope Support Services has a setting from the fixtures; a new partner has none. */
	client_expect_free(
	    adm, "POST", "/api/v1/users",
	    "{\"username\":\"new.partner\",\"display_name\":\"New Partner\",\"role\":\"partner\","
	    "\"org\":\"Fresh Start Charity\"}",
	    201);
	char path[200];
	snprintf(path, sizeof path, "/api/v1/settings/security?org=%s",
	         org_id_of("Fresh Start Charity"));
	resp *r = client_expect(adm, "GET", path, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 0);
	/* Every role, the default where an organisation has set none. */
	assert_int_equal(json_array_size(json_object_get(r->json, "totp_required_roles")), 9);
	resp_free(r);
	r = versioned(adm, "PUT", path, "{\"totp_required_roles\":[\"partner\"]}", "1");
	assert_int_equal(r->status, 412);
	resp_free(r);
	r = versioned(adm, "PUT", path, "{\"totp_required_roles\":[\"partner\"]}", "0");
	assert_int_equal(r->status, 200);
	assert_int_equal(json_integer_value(json_object_get(r->json, "version")), 1);
	resp_free(r);
	/* A second "first" setting is stale. */
	r = versioned(adm, "PUT", path, "{\"totp_required_roles\":[]}", "0");
	assert_int_equal(r->status, 412);
	resp_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_an_administrator_adds_a_team_to_their_force),
	    cmocka_unit_test(test_teams_show_only_to_those_who_administer_their_organisation),
	    cmocka_unit_test(test_a_team_is_added_to_a_hosted_organisation),
	    cmocka_unit_test(test_adding_a_team_refuses_what_it_must),
	    cmocka_unit_test(test_an_administrator_renames_a_team_with_the_version_read),
	    cmocka_unit_test(test_renaming_a_team_refuses_what_it_must),
	    cmocka_unit_test(test_an_administrator_adds_a_partner_organisation_of_each_kind),
	    cmocka_unit_test(test_adding_an_organisation_refuses_what_it_must),
	    cmocka_unit_test(test_an_administrator_changes_an_organisations_name_and_kind),
	    cmocka_unit_test(test_changing_an_organisation_refuses_what_it_must),
	    cmocka_unit_test(test_security_settings_change_with_the_version_read),
	    cmocka_unit_test(test_settings_of_an_organisation_without_any_start_at_version_0),
	};
	return suite_run(&fixture, tests);
}
