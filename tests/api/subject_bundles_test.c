/* Access bundles over HTTP: what is held about a person who asked for it,
 * assembled with third parties' names proposed for redaction (the other
 * people of their case, officers' names, wherever they occur, whole words
 * only), each redaction decided and exemptions recorded by a records
 * manager, release refused while any is proposed, and the released PDF
 * (read back with poppler) and JSON holding the person's own data and no
 * third party's name; every refusal; the audit entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "domain/workdays.h"
#include "lib/clock.h"

static server srv;
static client *rm1, *rm_other, *officer, *admin1, *sup1, *inv1, *inv2, *aud1, *opcc1, *part1;
static char case_id[ID_LEN], subject[ID_LEN], suspect[ID_LEN], witness[ID_LEN],
    link_subject[ID_LEN], driver[ID_LEN];
static char request[ID_LEN], request_b[ID_LEN], request_other[ID_LEN], request_erasure[ID_LEN];
static char today[DATE_LEN];

/* Names that must never leave in a released bundle. */
static const char *const third_parties[] = {"Marek",   "Kowalski", "Kowalskiego", "Nadia",
                                            "Brennan", "Ann Lee",  "dc.brennan",  "Big Marek",
                                            "Brien",   "Jo\xcc\x81zef"};

static int accounts(server *s)
{
	const char *args[] = {"user",   "add",          "--username",     "dc.brennan",
	                      "--role", "investigator", "--org",          "Test Constabulary",
	                      "--team", "EMT",          "--display-name", "DC Nadia Brennan",
	                      NULL};
	if (run_waymark(s, TEST_PASSWORD "\n", NULL, 0, args) != 0)
		return -1;
	/* An officer whose names are words of the bundle's own labels: the
	 * labels are never marked, only what is held. */
	const char *labels[] = {"user",
	                        "add",
	                        "--username",
	                        "pc.family",
	                        "--role",
	                        "investigator",
	                        "--org",
	                        "Test Constabulary",
	                        "--display-name",
	                        "Family Given Nationalities",
	                        NULL};
	if (run_waymark(s, TEST_PASSWORD "\n", NULL, 0, labels) != 0)
		return -1;
	if (server_add_account(s, "rm.other", "records_manager", "Other Constabulary", NULL) != 0)
		return -1;
	return server_second_factor_off(s, "Other Constabulary");
}

/* A request of the kind about the person, kept as the requests' own route
 * would keep it, by the records manager username's force. */
static void make_request(const char *kind, const char *person, const char *username,
                         char out[ID_LEN])
{
	static int n;
	snprintf(out, ID_LEN, "sr-%s-%d-%s", kind, ++n, test_engine_name());
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	const char *p[] = {out, person, kind, today, now, username};
	server_db_run(
	    &srv,
	    "INSERT INTO subject_requests (id, org_id, person_id, kind, regime, received_on, "
	    "identity_verified_on, channel, due_on, created_by, created_at, updated_at) SELECT $1, "
	    "u.org_id, "
	    "$2, $3, 'part3', $4, $4, 'letter', $4, u.id, $5, $5 FROM users u WHERE u.username = "
	    "$6",
	    6, p);
}

static int records(void)
{
	clock_today(today);
	client_post_id(officer, "/api/v1/cases",
	               "{\"title\":\"Car wash, Swindon\",\"summary\":\"Workers housed above the "
	               "car wash run by "
	               "Marek Kowalski\",\"exploitation_types\":[\"labour\"]}",
	               case_id);
	client_post_id(officer, "/api/v1/people",
	               "{\"given_names\":\"Żaneta\",\"family_name\":\"Wiśniewska\",\"date_of_"
	               "birth\":\"1994-03-02\","
	               "\"nationalities\":[\"PL\"]}",
	               subject);
	client_post_id(
	    officer, "/api/v1/people",
	    "{\"given_names\":\"Marek\",\"family_name\":\"Kowalski\",\"aliases\":[\"Big Marek\"]}",
	    suspect);
	client_post_id(officer, "/api/v1/people",
	               "{\"given_names\":\"Ann\",\"family_name\":\"Lee\"}", witness);
	case_link_person(officer, case_id, subject, "potential_victim", link_subject);
	case_link_person(officer, case_id, suspect, "suspect", NULL);
	case_link_person(officer, case_id, witness, "witness", NULL);
	/* A name recorded composed with a plain apostrophe, and written in a
	 * note decomposed (o and a combining acute) with a typographic one,
	 * as text pasted from another system holds it: still his name. */
	client_post_id(officer, "/api/v1/people",
	               "{\"given_names\":\"Józef\",\"family_name\":\"O'Brien\"}", driver);
	case_link_person(officer, case_id, driver, "witness", NULL);
	char path[192], body[400];
	snprintf(path, sizeof path, "/api/v1/cases/%s/notes", case_id);
	client_expect_free(officer, "POST", path,
	                   "{\"text\":\"Żaneta said MAREK KOWALSKI kept her passport. DC Nadia "
	                   "Brennan spoke to Ann "
	                   "at the annual review; Annabel was not there.\"}",
	                   201);
	/* A note of the case that does not name her is not about her. */
	client_expect_free(officer, "POST", path, "{\"text\":\"Ann Lee moved to Leeds.\"}", 201);
	client_expect_free(officer, "POST", path,
	                   "{\"text\":\"Żaneta was driven to the car wash by Jo\xcc\x81zef "
	                   "O\xe2\x80\x99" "Brien.\"}",
	                   201);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", case_id, link_subject);
	snprintf(body, sizeof body,
	         "{\"code\":\"documents_withheld\",\"note\":\"Passport held by Big Marek\"}");
	client_expect_free(officer, "POST", path, body, 201);
	/* A share of her record with a partner, on her consent. */
	char hope[ID_LEN];
	partner_id(officer, "Hope Support Services", hope);
	consent_for_support(officer, subject);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", case_id, link_subject);
	char soon[DATE_LEN];
	date_add_days(today, 30, soon);
	snprintf(body, sizeof body,
	         "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"support\","
	         "\"basis\":"
	         "\"consent\",\"expires_on\":\"%s\"}",
	         hope, soon);
	client_expect_free(officer, "POST", path, body, 201);
	/* A statement of hers, kept as a document of the case (listed in her
	 * bundle, by its title). */
	char form[1024];
	snprintf(form, sizeof form,
	         "--wmBundle\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nstatement\r\n"
	         "--wmBundle\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nFirst "
	         "account of Żaneta\r\n"
	         "--wmBundle\r\nContent-Disposition: form-data; name=\"person_id\"\r\n\r\n%s\r\n"
	         "--wmBundle\r\nContent-Disposition: form-data; name=\"file\"; "
	         "filename=\"account.txt\"\r\n\r\n"
	         "Account given through an interpreter.\n\r\n--wmBundle--\r\n",
	         subject);
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_id);
	const char *multipart[] = {"Content-Type: multipart/form-data; boundary=wmBundle", NULL};
	resp *up = client_raw(officer, "POST", path, form, strlen(form), multipart);
	if (up->status != 201)
		fail_msg("uploading her statement: %ld %s", up->status, up->body ? up->body : "");
	resp_free(up);
	/* Her record consulted by an officer. */
	snprintf(path, sizeof path, "/api/v1/people/%s", subject);
	client_expect_free(officer, "GET", path, NULL, 200);
	/* The request as records managers open it (the requests' own route). */
	snprintf(
	    body, sizeof body,
	    "{\"person_id\":\"%s\",\"kind\":\"access\",\"regime\":\"part3\",\"received_on\":\"%s\","
	    "\"identity_verified_on\":\"%s\",\"channel\":\"letter\"}",
	    subject, today, today);
	client_post_id(rm1, "/api/v1/subject-requests", body, request);
	make_request("access", subject, "rm1", request_b);
	make_request("erasure", subject, "rm1", request_erasure);
	make_request("access", subject, "rm.other", request_other);
	return 0;
}

static const suite_login logins[] = {
    {&rm1, "rm1"},
    {&rm_other, "rm.other"},
    {&officer, "dc.brennan"},
    {&admin1, "admin1"},
    {&sup1, "sup1"},
    {&inv1, "inv1"},
    {&inv2, "inv2"},
    {&aud1, "aud1"},
    {&opcc1, "opcc1"},
    {&part1, "part1"},
    {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

static void bundle_path(char *out, size_t n, const char *req, const char *rest)
{
	snprintf(out, n, "/api/v1/subject-requests/%s/bundle%s", req, rest);
}

static json_t *item_of(json_t *bundle, const char *section, const char *has)
{
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(bundle, "items"), i, it)
	{
		const char *text = json_string_value(json_object_get(it, "text"));
		if (strcmp(json_string_value(json_object_get(it, "section")), section) == 0 &&
		    (!has || (text && strstr(text, has))))
			return it;
	}
	return NULL;
}

/* Fails when any item's text shows a code or a stored time rather than
 * words: an ISO date or time ("1994-03-02", "T09:05"), or a code of
 * Waymark's lists ("potential_victim", "person_viewed"). */
static void reads_in_words(json_t *bundle)
{
	static const char *const codes[] = {"potential_victim", "person_viewed", "person_created",
	                                    "investigator,", "labour,", "Part: witness"};
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(bundle, "items"), i, it)
	{
		const char *text = json_string_value(json_object_get(it, "text"));
		for (const char *c = text; c && *c; c++) {
			int iso = c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9' && c[2] >= '0' &&
			          c[2] <= '9' && c[3] >= '0' && c[3] <= '9' && c[4] == '-' && c[7] == '-';
			if (iso)
				fail_msg("an item shows a stored date:\n%s", text);
		}
		for (size_t k = 0; text && k < sizeof codes / sizeof codes[0]; k++)
			if (strstr(text, codes[k]))
				fail_msg("an item shows the code \"%s\":\n%s", codes[k], text);
	}
}

/* The words of the item's text its redactions cover, "|"-separated. */
static void covered(json_t *item, char *out, size_t n)
{
	out[0] = '\0';
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(item, "redactions"), i, r)
	{
		size_t len = strlen(out);
		snprintf(out + len, n - len, "%s%s", len ? "|" : "",
		         json_string_value(json_object_get(r, "text")));
	}
}

static void test_only_records_managers_of_the_force_reach_a_bundle(void **state)
{
	(void)state;
	char path[192], pdf[192], json_path[192], release[192], item[224];
	bundle_path(path, sizeof path, request, "");
	bundle_path(pdf, sizeof pdf, request, ".pdf");
	bundle_path(json_path, sizeof json_path, request, ".json");
	bundle_path(release, sizeof release, request, "/release");
	bundle_path(item, sizeof item, request, "/items/no-such-item");
	client *others[] = {admin1, sup1, inv1, inv2, aud1, opcc1, part1, officer};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		assert_int_equal(client_status(others[i], "POST", path, NULL), 403);
		assert_int_equal(client_status(others[i], "GET", path, NULL), 403);
		assert_int_equal(client_status(others[i], "POST", release, NULL), 403);
		assert_int_equal(client_status(others[i], "GET", pdf, NULL), 403);
		assert_int_equal(client_status(others[i], "GET", json_path, NULL), 403);
		const char *h[] = {"If-Match: \"1\"", NULL};
		resp *r = client_req(others[i], "PATCH", item, "{\"exemption\":null}", h);
		assert_int_equal(r->status, 403);
		resp_free(r);
	}
	/* No bundle yet: nothing to read, decide, release or download. */
	assert_int_equal(client_status(rm1, "GET", path, NULL), 404);
	assert_int_equal(client_status(rm1, "POST", release, NULL), 404);
	assert_int_equal(client_status(rm1, "GET", pdf, NULL), 404);
	assert_int_equal(client_status(rm1, "GET", json_path, NULL), 404);
	/* Another force's request is as one that does not exist. */
	bundle_path(path, sizeof path, request_other, "");
	assert_int_equal(client_status(rm1, "POST", path, NULL), 404);
	assert_int_equal(client_status(rm_other, "GET", path, NULL), 404);
	bundle_path(path, sizeof path, "no-such-request", "");
	assert_int_equal(client_status(rm1, "POST", path, NULL), 404);
	/* Only a request for access has a bundle. */
	bundle_path(path, sizeof path, request_erasure, "");
	assert_int_equal(client_status(rm1, "POST", path, NULL), 409);
}

static resp *patch(client *c, const char *req, const char *item_id, const char *version,
                   const char *body)
{
	char path[256], im[48];
	bundle_path(path, sizeof path, req, "/items/");
	snprintf(path + strlen(path), sizeof path - strlen(path), "%s", item_id);
	snprintf(im, sizeof im, "If-Match: \"%s\"", version);
	const char *h[] = {im, NULL};
	return client_req(c, "PATCH", path, body, version ? h : NULL);
}

static char *pdf_text(const resp *r)
{
	GBytes *bytes = g_bytes_new(r->body, r->len);
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc)
		fail_msg("the PDF does not open: %s", err ? err->message : "?");
	GString *all = g_string_new("");
	for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);
		char *t = poppler_page_get_text(pg);
		g_string_append(all, t ? t : "");
		g_string_append_c(all, '\n');
		g_free(t);
		g_object_unref(pg);
	}
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return g_string_free(all, FALSE);
}

/* Fails when the text holds any third party's name. */
static void holds_no_third_party(const char *what, const char *text)
{
	for (size_t i = 0; i < sizeof third_parties / sizeof third_parties[0]; i++)
		if (strstr(text, third_parties[i]))
			fail_msg("the released %s holds \"%s\":\n%s", what, third_parties[i], text);
	if (strstr(text, " Ann ") || strstr(text, " Ann."))
		fail_msg("the released %s holds the witness's name:\n%s", what, text);
}

static void test_bundle_is_assembled_reviewed_and_released_without_third_parties(void **state)
{
	(void)state;
	char path[192], pdf[192], json_path[192], release[192];
	bundle_path(path, sizeof path, request, "");
	bundle_path(pdf, sizeof pdf, request, ".pdf");
	bundle_path(json_path, sizeof json_path, request, ".json");
	bundle_path(release, sizeof release, request, "/release");

	resp *r = client_expect(rm1, "POST", path, NULL, 201);
	json_t *b = json_incref(r->json);
	resp_free(r);
	assert_int_equal(client_status(rm1, "POST", path, NULL), 409); /* once only */
	assert_string_equal(json_string_value(json_object_get(b, "status")), "draft");
	assert_true(json_integer_value(json_object_get(b, "proposed")) > 0);

	/* Her record, hers: nothing of it proposed. */
	json_t *rec = item_of(b, "record", NULL);
	assert_non_null(rec);
	const char *rec_text = json_string_value(json_object_get(rec, "text"));
	assert_non_null(strstr(rec_text, "Wiśniewska"));
	assert_int_equal(json_array_size(json_object_get(rec, "redactions")), 0);
	/* Read by a person, not a program: names, not codes; dates in words. */
	assert_non_null(strstr(rec_text, "Date of birth: 2 March 1994"));
	assert_non_null(strstr(rec_text, "Nationalities: Poland"));
	reads_in_words(b);
	/* The note naming her, with the suspect's, the officer's and the
	 * witness's names marked however written, and no word that only
	 * holds a name ("annual", "Annabel"). */
	json_t *note = item_of(b, "note", "passport");
	assert_non_null(note);
	char cov[512];
	covered(note, cov, sizeof cov);
	assert_string_equal(cov, "MAREK KOWALSKI|DC Nadia Brennan|Ann");
	assert_null(item_of(b, "note", "Leeds"));
	/* The case's summary names the suspect; the indicator's note his alias. */
	json_t *part = item_of(b, "case_part", NULL);
	assert_non_null(strstr(json_string_value(json_object_get(part, "text")),
	                       "Part: Potential victim"));
	assert_non_null(strstr(json_string_value(json_object_get(part, "text")),
	                       "Exploitation types: Labour exploitation"));
	covered(part, cov, sizeof cov);
	assert_string_equal(cov, "Marek Kowalski");
	json_t *ind = item_of(b, "indicator", NULL);
	covered(ind, cov, sizeof cov);
	assert_string_equal(cov, "Big Marek");
	assert_non_null(item_of(b, "disclosure", "Hope Support Services"));
	assert_non_null(item_of(b, "document", "First account of Żaneta"));
	/* Who consulted her record: the force and the role, never the name. */
	json_t *seen = item_of(b, "consultation", "Read your record");
	assert_non_null(seen);
	const char *seen_text = json_string_value(json_object_get(seen, "text"));
	assert_non_null(strstr(seen_text, "Test Constabulary, Investigator: Read your record"));
	assert_null(strstr(seen_text, "brennan"));
	assert_null(strstr(seen_text, "Brennan"));

	/* Not downloadable, and not releasable while anything is proposed. */
	assert_int_equal(client_status(rm1, "GET", pdf, NULL), 409);
	assert_int_equal(client_status(rm1, "GET", json_path, NULL), 409);
	r = client_expect(rm1, "POST", release, NULL, 409);
	assert_true(json_integer_value(json_object_get(r->json, "proposed")) > 0);
	resp_free(r);

	/* Every refusal of a decision. */
	const char *note_id = json_string_value(json_object_get(note, "id"));
	const char *red0 = json_string_value(
	    json_object_get(json_array_get(json_object_get(note, "redactions"), 0), "id"));
	char body[512];
	resp_expect_field(patch(rm1, request, note_id, "1", "{}"), "redactions");
	snprintf(body, sizeof body, "{\"redactions\":[{\"id\":\"%s\",\"status\":\"maybe\"}]}",
	         red0);
	resp_expect_field(patch(rm1, request, note_id, "1", body), "redactions[0].status");
	resp_expect_field(patch(rm1, request, note_id, "1",
	                        "{\"redactions\":[{\"id\":\"nope\",\"status\":\"approved\"}]}"),
	                  "redactions[0].id");
	resp_expect_field(patch(rm1, request, note_id, "1",
	                        "{\"exemption\":{\"ground\":\"embarrassment\",\"reason\":\"x\"}}"),
	                  "exemption.ground");
	resp_expect_field(patch(rm1, request, note_id, "1",
	                        "{\"exemption\":{\"ground\":\"prosecution\",\"reason\":\" \"}}"),
	                  "exemption.reason");
	resp_expect_field(patch(rm1, request, note_id, "1", "{\"colour\":\"red\"}"), "colour");
	assert_int_equal(resp_status(patch(rm1, request, note_id, NULL, "{\"exemption\":null}")),
	                 428);
	assert_int_equal(resp_status(patch(rm1, request, note_id, "7", "{\"exemption\":null}")),
	                 412);
	assert_int_equal(
	    resp_status(patch(rm1, request, "no-such-item", "1", "{\"exemption\":null}")), 404);
	/* An item of one bundle is not one of another's. */
	bundle_path(path, sizeof path, request_b, "");
	client_expect_free(rm1, "POST", path, NULL, 201);
	assert_int_equal(resp_status(patch(rm1, request_b, note_id, "1", "{\"exemption\":null}")),
	                 404);
	bundle_path(path, sizeof path, request, "");

	/* Decide: every redaction approved, but one of the note's rejected
	 * first and then approved (a second version); the indicator withheld
	 * whole on an s45(4)(b) ground, its redaction left proposed. */
	int decided = 0;
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(b, "items"), i, it)
	{
		if (it == ind) {
			r = patch(rm1, request, json_string_value(json_object_get(it, "id")), "1",
			          "{\"exemption\":{\"ground\":\"prosecution\",\"reason\":"
			          "\"Charging decision awaited\"}}");
			assert_int_equal(r->status, 200);
			assert_string_equal(json_string_value(json_object_get(
			                        json_object_get(r->json, "exemption"), "ground")),
			                    "prosecution");
			resp_free(r);
			continue;
		}
		json_t *reds = json_object_get(it, "redactions");
		if (!json_array_size(reds))
			continue;
		json_t *list = json_array();
		size_t k;
		json_t *red;
		json_array_foreach(reds, k, red)
		{
			json_array_append_new(
			    list,
			    json_pack("{s:O, s:s}", "id", json_object_get(red, "id"), "status",
			              it == note && k == 0 ? "rejected" : "approved"));
			decided++;
		}
		json_t *o = json_pack("{s:o}", "redactions", list);
		char *text = json_dumps(o, JSON_COMPACT);
		r = patch(rm1, request, json_string_value(json_object_get(it, "id")), "1", text);
		if (r->status != 200)
			fail_msg("deciding %s answered %ld: %s",
			         json_string_value(json_object_get(it, "title")), r->status,
			         r->body);
		resp_free(r);
		free(text);
		json_decref(o);
	}
	snprintf(body, sizeof body, "{\"redactions\":[{\"id\":\"%s\",\"status\":\"approved\"}]}",
	         red0);
	r = patch(rm1, request, note_id, "2", body);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "ETag"), "\"3\"");
	resp_free(r);
	decided++;

	r = client_expect(rm1, "POST", release, NULL, 201);
	assert_string_equal(json_string_value(json_object_get(r->json, "status")), "released");
	resp_free(r);
	assert_int_equal(client_status(rm1, "POST", release, NULL), 409);
	assert_int_equal(resp_status(patch(rm1, request, note_id, "3", "{\"exemption\":null}")),
	                 409);

	/* The JSON: hers, with no third party's name; the exempt item
	 * withheld with its ground and not its reason. */
	r = client_expect(rm1, "GET", json_path, NULL, 200);
	assert_non_null(strstr(r->body, "Wiśniewska"));
	assert_non_null(strstr(r->body, "Żaneta"));
	assert_non_null(strstr(r->body, "annual review"));
	assert_non_null(strstr(r->body, "[redacted] kept her passport"));
	assert_non_null(strstr(r->body, "First account of Żaneta"));
	assert_non_null(strstr(r->body, "Hope Support Services"));
	assert_non_null(strstr(r->body, "section 45(4)(b)"));
	assert_null(strstr(r->body, "Charging decision awaited"));
	holds_no_third_party("JSON", r->body);
	resp_free(r);

	/* The PDF, read back as text. */
	r = client_expect(rm1, "GET", pdf, NULL, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "application/pdf");
	assert_true(r->len > 4 && memcmp(r->body, "%PDF", 4) == 0);
	char *text = pdf_text(r);
	assert_non_null(strstr(text, "Wiśniewska"));
	assert_non_null(strstr(text, "Żaneta"));
	assert_non_null(strstr(text, "[redacted]"));
	assert_non_null(strstr(text, "annual"));
	holds_no_third_party("PDF", text);
	g_free(text);
	resp_free(r);

	/* The review itself still shows what was decided. */
	r = client_expect(rm1, "GET", path, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "status")), "released");
	assert_int_equal(json_integer_value(json_object_get(r->json, "proposed")), 0);
	resp_free(r);

	/* Audited: the assembly, each decision, the release, each download. */
	assert_int_equal(audit_count(&srv, "subject_bundle_assembled", request), 1);
	assert_int_equal(audit_count(&srv, "subject_bundle_assembled", subject), 2);
	assert_int_equal(audit_count(&srv, "subject_bundle_redaction_decided", request), decided);
	assert_int_equal(audit_count(&srv, "subject_bundle_exemption_recorded", request), 1);
	assert_int_equal(audit_count(&srv, "subject_bundle_released", request), 1);
	assert_int_equal(audit_count(&srv, "subject_bundle_downloaded", request), 2);
	json_decref(b);
}

/* A request closed before its bundle was released (withdrawn, say) is not
 * answered with it: its items are no longer reviewed and it is never
 * released. */
static void test_a_closed_requests_bundle_is_not_reviewed_or_released(void **state)
{
	(void)state;
	char req[ID_LEN], path[192], release[192];
	make_request("access", subject, "rm1", req);
	bundle_path(path, sizeof path, req, "");
	bundle_path(release, sizeof release, req, "/release");
	resp *r = client_expect(rm1, "POST", path, NULL, 201);
	json_t *item = json_array_get(json_object_get(r->json, "items"), 0);
	char item_id[ID_LEN];
	snprintf(item_id, sizeof item_id, "%s", json_string_value(json_object_get(item, "id")));
	resp_free(r);
	const char *p[] = {req};
	server_db_run(&srv,
	              "UPDATE subject_requests SET status = 'closed', outcome = 'withdrawn' "
	              "WHERE id = $1",
	              1, p);
	assert_int_equal(resp_status(patch(rm1, req, item_id, "1", "{\"exemption\":null}")), 409);
	assert_int_equal(client_status(rm1, "POST", release, NULL), 409);
	char json_path[192];
	bundle_path(json_path, sizeof json_path, req, ".json");
	assert_int_equal(client_status(rm1, "GET", json_path, NULL), 409);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_only_records_managers_of_the_force_reach_a_bundle),
	    cmocka_unit_test(test_bundle_is_assembled_reviewed_and_released_without_third_parties),
	    cmocka_unit_test(test_a_closed_requests_bundle_is_not_reviewed_or_released),
	};
	return suite_run(&fixture, tests);
}
