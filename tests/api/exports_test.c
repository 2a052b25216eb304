/* Exports over HTTP and on the command line: the CTDC-style file (analysts
 * only, of their own organisation, the people first identified in the
 * period, k-anonymous with k the threshold in every file these tests
 * receive, naming no one) with its summary, and a share as an HTCDS v2.0
 * record (only the share's sections, for the partner while it lives). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/fixtures.h"
#include "support/engines.h"
#include "domain/workdays.h"
#include "lib/arena.h"
#include "lib/clock.h"
#include "lib/csv.h"

static server srv;
static client *admin1, *sup1, *inv1, *inv2, *an1, *an_b, *opcc1, *part1, *aud1;
static char case_id[ID_LEN], case_ref[32], shared_person[ID_LEN], shared_link[ID_LEN];

#define K 3
#define PERIOD "from=2025-01-01&to=2025-12-31"

static int accounts(server *s)
{
	return server_add_account(s, "an1", "analyst", "Test Constabulary", "Intelligence") ||
	       server_add_account(s, "inv_b", "investigator", "Other Constabulary", "B-EMT") ||
	       server_add_account(s, "an_b", "analyst", "Other Constabulary", "B-Intelligence") ||
	       server_second_factor_off(s, "Other Constabulary") != 0;
}

/* A person (body) made by c with a part in the case as role, recorded at
 * `at`; the person and the part. */
static void victim_at(client *c, const char *in_case, const char *body, const char *role,
                      const char *at, char person[ID_LEN], char link[ID_LEN])
{
	client_post_id(c, "/api/v1/people", body, person);
	case_link_person(c, in_case, person, role, link);
	server_db_run(&srv, "UPDATE case_people SET created_at = $1 WHERE id = $2", 2,
	              (const char *const[]){at, link});
}

static int records(void)
{
	/* k is the installation's threshold. */
	server_db_run(
	    &srv,
	    "INSERT INTO settings (key, value, updated_at) VALUES ('disclosure_threshold', '3', "
	    "'2025-01-01T00:00:00Z')",
	    0, NULL);
	client_post_id(
	    inv1, "/api/v1/cases",
	    "{\"title\":\"Nail bar, Swindon\",\"exploitation_types\":[\"labour\",\"sexual\"]}",
	    case_id);
	char path[200], person[ID_LEN], link[ID_LEN];
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	json_t *c = client_get_json(inv1, path, 200);
	snprintf(case_ref, sizeof case_ref, "%s",
	         json_string_value(json_object_get(c, "reference")));
	json_decref(c);
	snprintf(path, sizeof path, "/api/v1/cases/%s/places", case_id);
	client_expect_free(
	    inv1, "POST", path,
	    "{\"kind\":\"exploitation\",\"address\":\"12 Mill Lane\",\"country\":\"GB\"}", 201);
	/* Four Albanian women of 24 to 26, controlled by debt. */
	for (int i = 0; i < 4; i++) {
		char body[300], at[32];
		snprintf(body, sizeof body,
		         "{\"given_names\":\"Zenobia%c\",\"family_name\":\"Quirke\",\"date_of_"
		         "birth\":\"2000-06-0%d\","
		         "\"gender\":\"female\",\"nationalities\":[\"AL\"],\"languages\":[\"sq\","
		         "\"en\"],"
		         "\"immigration_status\":\"Asylum claim lodged\"}",
		         'A' + i, i + 1);
		snprintf(at, sizeof at, "2025-03-0%dT10:00:00Z", i + 1);
		victim_at(inv1, case_id, body, "potential_victim", at, person, link);
		snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/victim-context", case_id,
		         link);
		client_expect_free(
		    inv1, "PUT", path,
		    "{\"relationship_to_trafficker\":\"intimate_partner\",\"method_of_"
		    "recruitment\":"
		    "\"through_online_social_networks\",\"methods_of_control\":[\"debt_bondage\","
		    "\"takes_earnings\"],\"types_of_exploitation\":[\"sexual_exploitation\"]}",
		    200);
		if (i == 0) {
			snprintf(shared_person, sizeof shared_person, "%s", person);
			snprintf(shared_link, sizeof shared_link, "%s", link);
		}
	}
	/* Three men of 30 from three countries of Southern Europe. */
	static const char *const nat[] = {"IT", "GR", "ES"};
	for (int i = 0; i < 3; i++) {
		char body[300];
		snprintf(body, sizeof body,
		         "{\"given_names\":\"Ottavio%c\",\"family_name\":\"Brambilla\",\"estimated_"
		         "age\":30,"
		         "\"gender\":\"male\",\"nationalities\":[\"%s\"]}",
		         'A' + i, nat[i]);
		victim_at(inv1, case_id, body, "potential_victim", "2025-06-01T09:00:00Z", person,
		          link);
	}
	/* One like no one else. */
	victim_at(inv1, case_id,
	          "{\"given_names\":\"Lucimar\",\"family_name\":\"Vasconcelos\",\"estimated_age\":"
	          "61,\"gender\":\"female\","
	          "\"nationalities\":[\"BR\"]}",
	          "potential_victim", "2025-07-01T09:00:00Z", person, link);
	/* First identified before the period: never in it. */
	char other_case[ID_LEN];
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Farm, Devizes\",\"exploitation_types\":[\"labour\"]}",
	               other_case);
	victim_at(inv1, other_case,
	          "{\"given_names\":\"Earlier\",\"family_name\":\"Fenwick\",\"estimated_age\":30,"
	          "\"gender\":\"male\","
	          "\"nationalities\":[\"IT\"]}",
	          "potential_victim", "2024-05-01T09:00:00Z", person, link);
	case_link_person(inv1, case_id, person, "potential_victim", link);
	server_db_run(&srv,
	              "UPDATE case_people SET created_at = '2025-05-01T09:00:00Z' WHERE id = $1", 1,
	              (const char *const[]){link});
	/* A suspect is never a row. */
	victim_at(inv1, case_id,
	          "{\"given_names\":\"Dragan\",\"family_name\":\"Suspectson\",\"gender\":\"male\"}",
	          "suspect", "2025-03-01T10:00:00Z", person, link);
	/* Another force's victim. */
	client *inv_b = client_signed_in(&srv, "inv_b");
	char b_case[ID_LEN];
	client_post_id(inv_b, "/api/v1/cases",
	               "{\"title\":\"Car wash, Leeds\",\"exploitation_types\":[\"labour\"]}",
	               b_case);
	victim_at(inv_b, b_case,
	          "{\"given_names\":\"Other\",\"family_name\":\"Forceperson\",\"estimated_age\":30,"
	          "\"gender\":\"male\","
	          "\"nationalities\":[\"IT\"]}",
	          "potential_victim", "2025-06-01T09:00:00Z", person, link);
	client_free(inv_b);
	return 0;
}

static const suite_login logins[] = {
    {&admin1, "admin1"}, {&sup1, "sup1"},   {&inv1, "inv1"},   {&inv2, "inv2"}, {&an1, "an1"},
    {&an_b, "an_b"},     {&opcc1, "opcc1"}, {&part1, "part1"}, {&aud1, "aud1"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* ---- reading a CSV the export wrote ---- */

#define MAX_ROWS 64
#define MAX_COLS 48

typedef struct table {
	arena *a;
	char *cell[MAX_ROWS][MAX_COLS];
	int rows, cols; /* rows after the header */
	char *header[MAX_COLS];
} table;

static int col(const table *t, const char *name)
{
	for (int c = 0; c < t->cols; c++)
		if (!strcmp(t->header[c], name))
			return c;
	fail_msg("the export has no column %s", name);
	return -1;
}

/* Parses the file, checks its header names the CTDC's columns and that
 * every combination of quasi-identifiers occurs at least k times. */
static void parse_checked(const char *text, table *t)
{
	memset(t, 0, sizeof *t);
	t->a = arena_new();
	csv_reader r;
	csv_init(&r, text, strlen(text));
	t->cols = csv_next(&r, t->a, t->header, MAX_COLS);
	assert_true(t->cols >= 14);
	static const char *const must[] = {"yearOfRegistration",
	                                   "gender",
	                                   "ageBroad",
	                                   "majorityStatus",
	                                   "citizenship",
	                                   "CountryOfExploitation",
	                                   "isForcedLabour",
	                                   "isSexualExploit",
	                                   "isOtherExploit",
	                                   "typeOfExploitConcatenated",
	                                   "meansOfControlDebtBondage",
	                                   "meansOfControlTakesEarnings",
	                                   "meansOfControlThreats",
	                                   "recruiterRelation"};
	for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
		col(t, must[i]);
	int n;
	while (t->rows < MAX_ROWS && (n = csv_next(&r, t->a, t->cell[t->rows], MAX_COLS)) > 0) {
		if (n == 1 && !t->cell[t->rows][0][0])
			break;
		assert_int_equal(n, t->cols);
		t->rows++;
	}
	static const char *const qi[] = {"yearOfRegistration", "gender", "ageBroad", "citizenship",
	                                 "CountryOfExploitation"};
	for (int i = 0; i < t->rows; i++) {
		int same = 0;
		for (int j = 0; j < t->rows; j++) {
			int eq = 1;
			for (size_t q = 0; q < 5 && eq; q++)
				eq = !strcmp(t->cell[i][col(t, qi[q])], t->cell[j][col(t, qi[q])]);
			same += eq;
		}
		if (same < K)
			fail_msg(
			    "row %d shares its quasi-identifiers with %d rows, fewer than k = %d",
			    i + 1, same, K);
	}
}

static void table_free(table *t)
{
	arena_free(t->a);
}

static int rows_with(const table *t, const char *column, const char *value)
{
	int n = 0, c = col(t, column);
	for (int i = 0; i < t->rows; i++)
		n += !strcmp(t->cell[i][c], value);
	return n;
}

/* Nothing that names or dates anyone, nor where exactly. */
static void names_no_one(const char *text)
{
	static const char *const forbidden[] = {
	    "Zenobia",     "Quirke",  "Ottavio",    "Brambilla",   "Lucimar",
	    "Vasconcelos", "Fenwick", "Suspectson", "Forceperson", "2000-06-0",
	    "Mill Lane",   "Asylum",  "Swindon"};
	for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++)
		if (strstr(text, forbidden[i]))
			fail_msg("the export holds %s", forbidden[i]);
	assert_null(strstr(text, case_ref));
	assert_null(strstr(text, case_id));
	assert_null(strstr(text, shared_person));
}

/* ---- the CTDC-style export ---- */

static void test_only_an_analyst_takes_the_export(void **state)
{
	(void)state;
	client *refused[] = {admin1, sup1, inv1, opcc1, part1, aud1};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		client_expect_free(refused[i], "GET", "/api/v1/exports/htcds?" PERIOD, NULL, 403);
		client_expect_free(refused[i], "GET", "/api/v1/exports/htcds/summary?" PERIOD, NULL,
		                   403);
	}
	client_expect_free(an1, "GET", "/api/v1/exports/htcds?" PERIOD, NULL, 200);
}

static void test_a_period_that_is_not_one_is_refused_naming_the_field(void **state)
{
	(void)state;
	static const struct {
		const char *query, *field;
	} bad[] = {
	    {"to=2025-12-31", "from"},
	    {"from=2025-01-01", "to"},
	    {"from=2025-02-30&to=2025-12-31", "from"},
	    {"from=2025-01-01&to=31/12/2025", "to"},
	    {"from=2025-12-31&to=2025-01-01", "from"},
	    {"from=2010-01-01&to=2025-12-31", "from"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char path[160];
		snprintf(path, sizeof path, "/api/v1/exports/htcds?%s", bad[i].query);
		resp_expect_error_for(client_req(an1, "GET", path, NULL, NULL), bad[i].field);
		snprintf(path, sizeof path, "/api/v1/exports/htcds/summary?%s", bad[i].query);
		resp_expect_error_for(client_req(an1, "GET", path, NULL, NULL), bad[i].field);
	}
}

static void test_the_export_is_k_anonymous_and_names_no_one(void **state)
{
	(void)state;
	int before = (int)server_db_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	                                "ctdc_export_made");
	resp *r = client_expect(an1, "GET", "/api/v1/exports/htcds?" PERIOD, NULL, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/csv"));
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "attachment"));
	names_no_one(r->body);
	table t;
	parse_checked(r->body, &t);
	/* The four women as they are, the three men under their region, the
	 * one like no one else left out; the earlier, the suspect and the
	 * other force's victim never there. */
	assert_int_equal(t.rows, 7);
	assert_int_equal(rows_with(&t, "citizenship", "AL"), 4);
	assert_int_equal(rows_with(&t, "citizenship", "Southern Europe"), 3);
	assert_int_equal(rows_with(&t, "citizenship", "BR"), 0);
	assert_int_equal(rows_with(&t, "yearOfRegistration", "2025"), 7);
	assert_int_equal(rows_with(&t, "gender", "Female"), 4);
	assert_int_equal(rows_with(&t, "ageBroad", "24--26"), 4);
	assert_int_equal(rows_with(&t, "ageBroad", "30--38"), 3);
	assert_int_equal(rows_with(&t, "majorityStatus", "Adult"), 7);
	assert_int_equal(rows_with(&t, "CountryOfExploitation", "GB"), 7);
	assert_int_equal(rows_with(&t, "meansOfControlDebtBondage", "1"), 4);
	assert_int_equal(rows_with(&t, "meansOfControlTakesEarnings", "1"), 4);
	assert_int_equal(rows_with(&t, "meansOfControlThreats", "0"), 4);
	assert_int_equal(rows_with(&t, "meansOfControlDebtBondage", ""), 3);
	assert_int_equal(rows_with(&t, "isForcedLabour", "1"), 7);
	assert_int_equal(rows_with(&t, "isSexualExploit", "1"), 7);
	assert_int_equal(rows_with(&t, "isOtherExploit", "0"), 7);
	assert_int_equal(
	    rows_with(&t, "typeOfExploitConcatenated",
	              "Forced labour;Sexual exploitation;Combined sexual and labour exploitation"),
	    7);
	assert_int_equal(rows_with(&t, "recruiterRelation", "Intimate Partner"), 4);
	assert_int_equal(rows_with(&t, "recruiterRelationIntimatePartner", "1"), 4);
	table_free(&t);
	resp_free(r);
	assert_int_equal(server_db_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	                               "ctdc_export_made"),
	                 before + 1);
	const char *detail = server_db_text(
	    &srv, "SELECT detail FROM audit_log WHERE action = $1 ORDER BY seq DESC LIMIT 1",
	    "ctdc_export_made");
	assert_non_null(strstr(detail, "\"rows_written\":7"));
	assert_non_null(strstr(detail, "2025-01-01"));
}

static void test_the_summary_says_what_the_export_did(void **state)
{
	(void)state;
	json_t *s = client_get_json(an1, "/api/v1/exports/htcds/summary?" PERIOD, 200);
	assert_int_equal(json_integer_value(json_object_get(s, "k")), K);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_considered")), 8);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_written")), 7);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_suppressed")), 1);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_generalised")), 3);
	json_t *by = json_object_get(s, "generalised_by");
	assert_int_equal(json_integer_value(json_object_get(by, "citizenship")), 3);
	assert_int_equal(json_integer_value(json_object_get(by, "yearOfRegistration")), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(s, "period"), "to")),
	                    "2025-12-31");
	json_decref(s);
	/* Another force's analyst counts only their own force's. */
	s = client_get_json(an_b, "/api/v1/exports/htcds/summary?" PERIOD, 200);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_considered")), 1);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_written")), 0);
	json_decref(s);
	resp *r = client_expect(an_b, "GET", "/api/v1/exports/htcds?" PERIOD, NULL, 200);
	names_no_one(r->body);
	table t;
	parse_checked(r->body, &t);
	assert_int_equal(t.rows, 0);
	table_free(&t);
	resp_free(r);
}

/* ---- on the command line ---- */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char text[1 << 16];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	return text;
}

static void test_the_command_line_writes_the_file_and_its_sidecar(void **state)
{
	(void)state;
	char out[512], sidecar[520], said[512];
	snprintf(out, sizeof out, "%s/export-%d.csv", test_tmpdir(), (int)getpid());
	snprintf(sidecar, sizeof sidecar, "%s.json", out);
	remove(out);
	remove(sidecar);
	int before = (int)server_db_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	                                "ctdc_export_made");
	const char *args[] = {"export",     "htcds", "--from", "2025-01-01", "--to",
	                      "2025-12-31", "--out", out,      NULL};
	assert_int_equal(run_waymark(&srv, NULL, said, sizeof said, args), 0);
	assert_non_null(strstr(said, "rows written"));
	char *text = slurp(out);
	assert_non_null(text);
	names_no_one(text);
	table t;
	parse_checked(text, &t);
	/* Every organisation of the installation: the other force's victim is
	 * alone in their group, so left out. */
	assert_int_equal(t.rows, 7);
	table_free(&t);
	json_t *s = json_loads(slurp(sidecar), 0, NULL);
	assert_non_null(s);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_considered")), 9);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_written")), 7);
	assert_int_equal(json_integer_value(json_object_get(s, "rows_suppressed")), 2);
	assert_int_equal(json_integer_value(json_object_get(s, "k")), K);
	json_decref(s);
	assert_int_equal(server_db_int(&srv, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	                               "ctdc_export_made"),
	                 before + 1);
	const char *actor = server_db_text(
	    &srv, "SELECT actor FROM audit_log WHERE action = $1 ORDER BY seq DESC LIMIT 1",
	    "ctdc_export_made");
	assert_int_equal(strncmp(actor, "cli:", 4), 0);
	/* A file that exists is never overwritten; a bad date is a usage error. */
	char err[512];
	assert_int_equal(run_waymark_errors(&srv, NULL, err, sizeof err, args), 1);
	assert_non_null(strstr(err, "already exists"));
	const char *bad[] = {"export",     "htcds", "--from", "2025-13-01", "--to",
	                     "2025-12-31", "--out", out,      NULL};
	assert_int_equal(run_waymark_errors(&srv, NULL, err, sizeof err, bad), 2);
	assert_non_null(strstr(err, "--from"));
	remove(out);
	remove(sidecar);
}

/* ---- a share as an HTCDS record ---- */

static void share_of(const char *sections, char id[ID_LEN])
{
	char partner[ID_LEN], path[200], body[400], until[DATE_LEN], today[DATE_LEN];
	clock_today(today);
	date_add_days(today, 30, until);
	partner_id(sup1, "Hope Support Services", partner);
	consent_for_support(inv1, shared_person);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", case_id, shared_link);
	snprintf(body, sizeof body,
	         "{\"organisation_id\":\"%s\",\"sections\":%s,\"purpose\":\"support\",\"basis\":"
	         "\"consent\","
	         "\"expires_on\":\"%s\"}",
	         partner, sections, until);
	client_post_id(inv1, path, body, id);
}

static void test_a_share_reads_as_htcds_with_only_its_sections(void **state)
{
	(void)state;
	char id[ID_LEN], path[160];
	share_of("[\"identity\",\"victim_context\",\"risks\"]", id);
	snprintf(path, sizeof path, "/api/v1/shares/%s/htcds", id);
	int viewed = audit_count(&srv, "disclosure_viewed", id);
	resp *r = client_expect(part1, "GET", path, NULL, 200);
	assert_null(strstr(r->body, "Asylum")); /* never a sealed field */
	json_t *rec = json_object_get(r->json, "record");
	assert_string_equal(json_string_value(json_object_get(rec, "prs_FirstName")), "ZenobiaA");
	assert_string_equal(json_string_value(json_object_get(rec, "prs_SecondName")), "Quirke");
	assert_string_equal(json_string_value(json_object_get(rec, "prs_Birthdate")), "2000-06-01");
	assert_string_equal(json_string_value(json_object_get(rec, "prs_Gender")), "Feminine");
	assert_string_equal(json_string_value(json_object_get(rec, "prs_PrimaryLanguage")), "sqi");
	assert_string_equal(json_string_value(json_object_get(rec, "prs_SecondaryLanguage")),
	                    "eng");
	assert_string_equal(json_string_value(json_object_get(rec, "vic_RelationshipToTrafficker")),
	                    "Acquainted");
	json_t *control = json_object_get(rec, "vic_MethodsOfControl");
	assert_int_equal(json_array_size(control), 2);
	assert_true(json_holds(control, "DebtBondage") && json_holds(control, "TakesEarnings"));
	assert_true(json_holds(json_object_get(rec, "vic_MethodOfRecruitment"),
	                       "ThroughOnlineSocialNetworks"));
	assert_true(
	    json_holds(json_object_get(rec, "vic_TypeOfExploitation"), "SexualExploitation"));
	assert_non_null(json_object_get(rec, "cas_IncomingReferralDate"));
	/* Only the sections shared; every field is HTCDS's own. */
	assert_null(json_object_get(rec, "vic_TraffickingStatus"));
	assert_null(json_object_get(rec, "cas_ReferringPrimaryCaseWorker"));
	const char *field;
	json_t *v;
	json_object_foreach(rec, field, v)
	{
		if (strncmp(field, "prs_", 4) && strncmp(field, "vic_", 4) &&
		    strncmp(field, "cas_", 4) && strncmp(field, "per_", 4))
			fail_msg("%s is not an HTCDS field", field);
	}
	assert_true(json_holds(json_object_get(r->json, "not_in_htcds"), "risks"));
	resp_free(r);
	assert_int_equal(audit_count(&srv, "disclosure_viewed", id), viewed + 1);
	/* The force reads it as it reaches the case; others not at all. */
	client_expect_free(inv1, "GET", path, NULL, 200);
	client_expect_free(inv2, "GET", path, NULL, 404);
	client_expect_free(an1, "GET", path, NULL, 403);
	client_expect_free(opcc1, "GET", path, NULL, 403);
}

static void test_a_share_without_identity_names_no_one_and_ends_with_the_share(void **state)
{
	(void)state;
	char id[ID_LEN], path[160];
	share_of("[\"nrm\",\"contacts\"]", id);
	snprintf(path, sizeof path, "/api/v1/shares/%s/htcds", id);
	resp *r = client_expect(part1, "GET", path, NULL, 200);
	assert_null(strstr(r->body, "Zenobia"));
	assert_null(strstr(r->body, "2000-06-0"));
	json_t *rec = json_object_get(r->json, "record");
	assert_null(json_object_get(rec, "prs_FirstName"));
	assert_null(json_object_get(rec, "vic_MethodsOfControl"));
	assert_true(
	    json_is_null(json_object_get(rec, "vic_TraffickingStatus"))); /* no referral yet */
	assert_non_null(json_object_get(rec, "cas_ReferringPrimaryCaseWorker"));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/shares/%s", id);
	client_expect_free(inv1, "DELETE", path, NULL, 204);
	snprintf(path, sizeof path, "/api/v1/shares/%s/htcds", id);
	client_expect_free(part1, "GET", path, NULL, 404);
	client_expect_free(inv1, "GET", path, NULL, 409);
	client_expect_free(part1, "GET", "/api/v1/shares/no-such-share/htcds", NULL, 404);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_only_an_analyst_takes_the_export),
	    cmocka_unit_test(test_a_period_that_is_not_one_is_refused_naming_the_field),
	    cmocka_unit_test(test_the_export_is_k_anonymous_and_names_no_one),
	    cmocka_unit_test(test_the_summary_says_what_the_export_did),
	    cmocka_unit_test(test_the_command_line_writes_the_file_and_its_sidecar),
	    cmocka_unit_test(test_a_share_reads_as_htcds_with_only_its_sections),
	    cmocka_unit_test(test_a_share_without_identity_names_no_one_and_ends_with_the_share),
	};
	return suite_run(&fixture, tests);
}
