/* Documents over HTTP: an upload streamed as multipart/form-data and its
 * download byte for byte, the headers that keep a download from being
 * rendered in our origin, every refusal (sign-in, role, reach, fields,
 * size before and while reading, type from content, viruses, stale
 * deletes), sealed documents, audit entries, and an upload over the limit
 * refused without the server holding it in memory. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <vips/vips.h>

#include "api/fixtures.h"
#include "lib/clock.h"
#include "store/db.h"
#include "support/exif_jpeg.h"
#include "support/zip.h"

static server srv;
static client *inv1, *inv2, *sup1, *ana1, *opcc1, *admin1, *part1;
static char case_id[ID_LEN], victim[ID_LEN], outsider[ID_LEN], link_id[ID_LEN];

#define BOUNDARY "wmTestBoundary7d3f"

static int accounts(server *s)
{
	return server_add_account(s, "ana1", "analyst", "Test Constabulary", NULL);
}

static int records(void)
{
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Car wash, Slough\",\"exploitation_types\":[\"labour\"]}",
	               case_id);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Ana\",\"family_name\":\"Pop\"}",
	               victim);
	case_link_person(inv1, case_id, victim, "potential_victim", link_id);
	client_post_id(inv1, "/api/v1/people", "{\"given_names\":\"Not\",\"family_name\":\"Here\"}",
	               outsider);
	return 0;
}

static const suite_login logins[] = {
    {&inv1, "inv1"},   {&inv2, "inv2"},     {&sup1, "sup1"},   {&ana1, "ana1"},
    {&opcc1, "opcc1"}, {&admin1, "admin1"}, {&part1, "part1"}, {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* ---- building forms ---- */

typedef struct form {
	char *data;
	size_t len, cap;
} form;

static void form_put(form *f, const void *p, size_t n)
{
	if (f->len + n > f->cap) {
		f->cap = (f->len + n) * 2 + 1024;
		f->data = realloc(f->data, f->cap);
		assert_non_null(f->data);
	}
	memcpy(f->data + f->len, p, n);
	f->len += n;
}

static void form_text(form *f, const char *name, const char *value)
{
	char head[256];
	int n =
	    snprintf(head, sizeof head,
	             "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n", name);
	form_put(f, head, (size_t)n);
	form_put(f, value, strlen(value));
	form_put(f, "\r\n", 2);
}

static void form_file(form *f, const char *filename, const void *data, size_t len)
{
	char head[512];
	int n = snprintf(head, sizeof head,
	                 "--" BOUNDARY
	                 "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
	                 "Content-Type: application/octet-stream\r\n\r\n",
	                 filename);
	form_put(f, head, (size_t)n);
	form_put(f, data, len);
	form_put(f, "\r\n", 2);
}

static void form_end(form *f)
{
	form_put(f, "--" BOUNDARY "--\r\n", strlen("--" BOUNDARY "--\r\n"));
}

static resp *form_send(client *c, const char *case_ref, form *f, const char *const *extra)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_ref);
	const char *headers[8] = {"Content-Type: multipart/form-data; boundary=" BOUNDARY};
	for (int i = 0; extra && extra[i] && i < 6; i++)
		headers[i + 1] = extra[i];
	resp *r = client_raw(c, "POST", path, f->data, f->len, headers);
	free(f->data);
	memset(f, 0, sizeof *f);
	return r;
}

/* Uploads data as a document of kind with title (and the person, and
 * sealed, unless NULL) as c. */
static resp *upload(client *c, const char *kind, const char *title, const char *person,
                    const char *sealed, const char *filename, const void *data, size_t len)
{
	form f = {0};
	if (kind)
		form_text(&f, "kind", kind);
	if (title)
		form_text(&f, "title", title);
	if (person)
		form_text(&f, "person_id", person);
	if (sealed)
		form_text(&f, "sealed", sealed);
	if (data)
		form_file(&f, filename, data, len);
	form_end(&f);
	return form_send(c, case_id, &f, NULL);
}

/* A real 4x4 PNG, so that thumbnails and copies without metadata can be made of it. */
static const char PHOTO[] =
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00"
    "\x04\x08\x02\x00\x00\x00\x26\x93\x09\x29\x00\x00\x00\x10\x49\x44\x41\x54\x78\xda\x63\x38\xa1"
    "\xa1\x01\x47\x0c\xc4\x71\x00\xd1\x43\x11\x81\xa0\xd3\x6e\x64\x00\x00\x00\x00\x49\x45\x4e\x44"
    "\xae\x42\x60\x82";

static const char PDF[] =
    "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\ntrailer <<>>\n%%EOF\n";

/* Uploads a small PDF and copies its id into out. */
static void upload_pdf(client *c, const char *title, const char *sealed, char out[ID_LEN])
{
	resp *r =
	    upload(c, "consent_form", title, victim, sealed, "consent.pdf", PDF, sizeof PDF - 1);
	assert_int_equal(r->status, 201);
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static void sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static void set_limit(long long bytes)
{
	char body[64];
	snprintf(body, sizeof body, "{\"max_bytes\":%lld}", bytes);
	assert_int_equal(
	    resp_status(client_put_current(admin1, "/api/v1/settings/documents", body)), 200);
}

/* ---- the round trip ---- */

static void test_an_upload_is_downloaded_byte_for_byte_as_an_attachment(void **state)
{
	(void)state;
	/* A PNG with every byte value after its end, so nothing is lost to
	 * text handling. */
	unsigned char png[4096 + sizeof PHOTO - 1];
	memcpy(png, PHOTO, sizeof PHOTO - 1);
	for (size_t i = sizeof PHOTO - 1; i < sizeof png; i++)
		png[i] = (unsigned char)(i * 7);
	resp *r = upload(inv1, "identity_document", "Passport, photo page", victim, NULL,
	                 "passport scan ü.png", png, sizeof png);
	assert_int_equal(r->status, 201);
	char want[65], id[ID_LEN], path[160];
	sha256_hex(png, sizeof png, want);
	assert_string_equal(json_string_value(json_object_get(r->json, "sha256")), want);
	assert_int_equal(json_integer_value(json_object_get(r->json, "size")), sizeof png);
	assert_string_equal(json_string_value(json_object_get(r->json, "media_type")), "image/png");
	assert_string_equal(json_string_value(json_object_get(r->json, "kind")),
	                    "identity_document");
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	snprintf(path, sizeof path, "/api/v1/documents/%s", id);
	assert_string_equal(resp_header(r, "Location"), path);
	resp_free(r);

	snprintf(path, sizeof path, "/api/v1/documents/%s/content", id);
	const char *purpose[] = {"X-Purpose: checking the passport number", NULL};
	r = client_req(inv1, "GET", path, NULL, purpose);
	assert_int_equal(r->status, 200);
	assert_int_equal(r->len, sizeof png);
	assert_memory_equal(r->body, png, sizeof png);
	assert_string_equal(resp_header(r, "Content-Type"), "image/png");
	assert_string_equal(resp_header(r, "Content-Disposition"),
	                    "attachment; filename=\"passport scan __.png\"; "
	                    "filename*=UTF-8''passport%20scan%20%C3%BC.png");
	assert_string_equal(resp_header(r, "X-Content-Type-Options"), "nosniff");
	assert_string_equal(resp_header(r, "Content-Security-Policy"),
	                    "default-src 'none'; sandbox");
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	resp_free(r);

	/* The metadata and the case's list. */
	snprintf(path, sizeof path, "/api/v1/documents/%s", id);
	json_t *j = client_get_json(sup1, path, 200);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Passport, photo page");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "person"), "id")),
	                    victim);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "added_by"), "name")),
	    json_string_value(json_object_get(json_object_get(j, "added_by"), "name")));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_id);
	assert_true(client_count(ana1, path, "items") >= 1);
	assert_true(audit_count(&srv, "document_added", case_id) >= 1);
	assert_true(audit_count(&srv, "document_viewed", case_id) >= 1);
}

static void test_a_thumbnail_is_made_only_for_photographs(void **state)
{
	(void)state;
	resp *r = upload(inv1, "photograph", "Ana, for the missing profile", victim, NULL,
	                 "ana.png", PHOTO, sizeof PHOTO - 1);
	assert_int_equal(r->status, 201);
	char photo[ID_LEN], pdf[ID_LEN];
	snprintf(photo, sizeof photo, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	client_get_expect(inv1, 200, "/api/v1/documents/%s/thumbnail", photo);
	upload_pdf(inv1, "Consent to refer", NULL, pdf);
	client_get_expect(inv1, 404, "/api/v1/documents/%s/thumbnail", pdf);
}

/* ---- who may ---- */

static void test_sign_in_role_and_reach_are_required(void **state)
{
	(void)state;
	char id[ID_LEN], path[160];
	upload_pdf(inv1, "Statement, first account", NULL, id);
	/* Not signed in. */
	client *anon = client_new(&srv);
	form f = {0};
	form_text(&f, "kind", "statement");
	form_text(&f, "title", "x");
	form_file(&f, "a.pdf", PDF, sizeof PDF - 1);
	form_end(&f);
	assert_int_equal(resp_status(form_send(anon, case_id, &f, NULL)), 401);
	snprintf(path, sizeof path, "/api/v1/documents/%s/content", id);
	assert_int_equal(resp_status(client_req(anon, "GET", path, NULL, NULL)), 401);
	client_free(anon);
	/* A role that never adds documents; one that only reads them. */
	assert_int_equal(
	    resp_status(upload(opcc1, "statement", "x", NULL, NULL, "a.pdf", PDF, sizeof PDF - 1)),
	    403);
	assert_int_equal(
	    resp_status(upload(ana1, "statement", "x", NULL, NULL, "a.pdf", PDF, sizeof PDF - 1)),
	    403);
	client_get_expect(opcc1, 403, "/api/v1/documents/%s", id);
	/* Another team's case is no case at all. */
	assert_int_equal(
	    resp_status(upload(inv2, "statement", "x", NULL, NULL, "a.pdf", PDF, sizeof PDF - 1)),
	    404);
	client_get_expect(inv2, 404, "/api/v1/documents/%s", id);
	client_get_expect(inv2, 404, "/api/v1/documents/%s/content", id);
	client_get_expect(inv2, 404, "/api/v1/cases/%s/documents", case_id);
	client_get_expect(inv1, 404, "/api/v1/documents/%s", "no-such-document");
	/* A partner with no share naming it. */
	client_get_expect(part1, 404, "/api/v1/documents/%s/content", id);
}

/* ---- the fields ---- */

static void test_each_field_is_checked_and_named(void **state)
{
	(void)state;
	resp_expect_field(upload(inv1, "passport", "x", NULL, NULL, "a.pdf", PDF, sizeof PDF - 1),
	                  "kind");
	resp_expect_field(upload(inv1, NULL, "x", NULL, NULL, "a.pdf", PDF, sizeof PDF - 1),
	                  "kind");
	resp_expect_field(upload(inv1, "statement", "  ", NULL, NULL, "a.pdf", PDF, sizeof PDF - 1),
	                  "title");
	char long_title[300];
	memset(long_title, 'a', sizeof long_title - 1);
	long_title[sizeof long_title - 1] = '\0';
	resp_expect_field(
	    upload(inv1, "statement", long_title, NULL, NULL, "a.pdf", PDF, sizeof PDF - 1),
	    "title");
	resp_expect_field(
	    upload(inv1, "statement", "x", outsider, NULL, "a.pdf", PDF, sizeof PDF - 1),
	    "person_id");
	resp_expect_field(
	    upload(inv1, "statement", "x", NULL, "maybe", "a.pdf", PDF, sizeof PDF - 1), "sealed");
	resp_expect_field(upload(inv1, "statement", "x", NULL, NULL, "empty.pdf", "", 0), "file");
}

static void test_a_body_that_is_not_one_file_in_a_form_is_refused(void **state)
{
	(void)state;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_id);
	resp *r = client_req(inv1, "POST", path, "{\"kind\":\"statement\"}", NULL);
	assert_int_equal(r->status, 400);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(r->json, "errors"), 0), "field")),
	                    "Content-Type");
	resp_free(r);
	/* No file part. */
	r = upload(inv1, "statement", "x", NULL, NULL, NULL, NULL, 0);
	assert_int_equal(r->status, 400);
	assert_non_null(strstr(r->body, "\"field\":\"file\""));
	resp_free(r);
	/* Two. */
	form f = {0};
	form_text(&f, "kind", "statement");
	form_text(&f, "title", "x");
	form_file(&f, "a.pdf", PDF, sizeof PDF - 1);
	form_file(&f, "b.pdf", PDF, sizeof PDF - 1);
	form_end(&f);
	r = form_send(inv1, case_id, &f, NULL);
	assert_int_equal(r->status, 400);
	assert_non_null(strstr(r->body, "\"field\":\"file\""));
	resp_free(r);
}

/* The document's entry in the case's list, as inv1 sees it: kept. */
static json_t *listed(const char *id)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_id);
	json_t *j = client_get_json(inv1, path, 200);
	json_t *items = json_object_get(j, "items"), *found = NULL;
	for (size_t i = 0; i < json_array_size(items); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(items, i), "id")),
		           id) == 0)
			found = json_incref(json_array_get(items, i));
	json_decref(j);
	assert_non_null(found);
	return found;
}

static void test_a_title_must_be_utf8_without_control_characters(void **state)
{
	(void)state;
	static const char text[] = "A note.\n";
	resp_expect_field(
	    upload(inv1, "statement", "\xff\xfe", NULL, NULL, "a.txt", text, sizeof text - 1),
	    "title");
	resp_expect_field(
	    upload(inv1, "statement", "caf\xe9", NULL, NULL, "a.txt", text, sizeof text - 1),
	    "title");
	resp_expect_field(
	    upload(inv1, "statement", "line\x01one", NULL, NULL, "a.txt", text, sizeof text - 1),
	    "title");
	resp_expect_field(upload(inv1, "statement", "C1 \xc2\x85 next line", NULL, NULL, "a.txt",
	                         text, sizeof text - 1),
	                  "title");
	/* The case's list still answers. */
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_id);
	resp_free(client_expect(inv1, "GET", path, NULL, 200));
}

/* Uploads a text file under the name given and checks the name kept, in
 * the answer and in the case's list. */
static void expect_filename_kept(const char *given, const char *kept)
{
	static const char text[] = "A note.\n";
	resp *r = upload(inv1, "statement", "Note", NULL, NULL, given, text, sizeof text - 1);
	assert_int_equal(r->status, 201);
	assert_non_null(r->json);
	assert_string_equal(json_string_value(json_object_get(r->json, "filename")), kept);
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	json_t *j = listed(id);
	assert_string_equal(json_string_value(json_object_get(j, "filename")), kept);
	json_decref(j);
}

static void test_a_filename_is_kept_as_utf8_and_never_refused(void **state)
{
	(void)state;
	expect_filename_kept("caf\xe9.txt", "caf_.txt");
	expect_filename_kept("\xff\xfe", "__");
	expect_filename_kept("r\xc3\xa9sum\xc3\xa9", "r\xc3\xa9sum\xc3\xa9");
	expect_filename_kept("tab\there.txt", "tabhere.txt");
	expect_filename_kept("\x01\x02", "document");
	/* 300 bytes of two-byte characters: cut at 254, between two. */
	char many[301] = "";
	for (int i = 0; i < 150; i++)
		memcpy(many + 2 * i, "\xc3\xa9", 3);
	char want[256];
	memcpy(want, many, 254);
	want[254] = '\0';
	expect_filename_kept(many, want);
}

/* Sends the form and expects 400 naming the field. */
static void expect_400_naming(form *f, const char *field)
{
	form_end(f);
	resp *r = form_send(inv1, case_id, f, NULL);
	assert_int_equal(r->status, 400);
	char want[80];
	snprintf(want, sizeof want, "\"field\":\"%s\"", field);
	assert_non_null(strstr(r->body, want));
	resp_free(r);
}

static void test_a_field_sent_twice_is_refused_not_joined(void **state)
{
	(void)state;
	form f = {0};
	form_text(&f, "kind", "statement");
	for (int i = 0; i < 20; i++)
		form_text(&f, "title", "Part of a title");
	form_file(&f, "a.pdf", PDF, sizeof PDF - 1);
	expect_400_naming(&f, "title");
	/* "tr" and "ue" are not "true". */
	form_text(&f, "kind", "statement");
	form_text(&f, "title", "Statement");
	form_text(&f, "sealed", "tr");
	form_text(&f, "sealed", "ue");
	form_file(&f, "a.pdf", PDF, sizeof PDF - 1);
	expect_400_naming(&f, "sealed");
	/* Empty the first time is still twice. */
	form_text(&f, "kind", "");
	form_text(&f, "kind", "statement");
	form_text(&f, "title", "Statement");
	form_file(&f, "a.pdf", PDF, sizeof PDF - 1);
	expect_400_naming(&f, "kind");
	/* An empty file part followed by another is two files, not one. */
	form_text(&f, "kind", "statement");
	form_text(&f, "title", "Statement");
	form_file(&f, "empty.pdf", "", 0);
	form_file(&f, "a.pdf", PDF, sizeof PDF - 1);
	expect_400_naming(&f, "file");
	/* A long value, read in several calls, is one part: refused as too
	 * long, not as sent twice. */
	char note[40000];
	memset(note, 'n', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	form_text(&f, "kind", "statement");
	form_text(&f, "title", "Statement");
	form_text(&f, "note", note);
	form_file(&f, "a.pdf", PDF, sizeof PDF - 1);
	form_end(&f);
	resp *r = form_send(inv1, case_id, &f, NULL);
	assert_int_equal(r->status, 400);
	assert_non_null(strstr(r->body, "too long for a form field"));
	assert_null(strstr(r->body, "more than once"));
	resp_free(r);
}

/* ---- what the content is ---- */

static void test_the_type_is_decided_from_the_content(void **state)
{
	(void)state;
	/* An executable named as a PDF. */
	unsigned char elf[256] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
	resp *r =
	    upload(inv1, "statement", "Statement", NULL, NULL, "statement.pdf", elf, sizeof elf);
	assert_int_equal(r->status, 415);
	assert_non_null(strstr(r->body, "only PDF, JPEG, PNG, HEIC, plain text and Word"));
	resp_free(r);
	/* A photograph must be an image. */
	r = upload(inv1, "photograph", "Photo", NULL, NULL, "photo.jpg", PDF, sizeof PDF - 1);
	assert_int_equal(r->status, 415);
	assert_non_null(strstr(r->body, "a photograph must be a JPEG, PNG or HEIC image"));
	resp_free(r);
	/* Plain text is kept. */
	static const char text[] = "Account given on 3 November, through an interpreter.\n";
	assert_int_equal(resp_status(upload(inv1, "statement", "Account", NULL, NULL, "a.txt", text,
	                                    sizeof text - 1)),
	                 201);
}

static void test_a_file_with_a_virus_is_refused_and_not_kept(void **state)
{
	(void)state;
	/* The EICAR test file, in two halves so that no scanner flags this source. */
	char eicar[80];
	snprintf(eicar, sizeof eicar, "%s%s", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
	         "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
	resp *r = upload(inv1, "other", "Looks like a note", NULL, NULL, "note.txt", eicar,
	                 strlen(eicar));
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "note.txt"));
	assert_non_null(strstr(r->body, "nothing was kept"));
	resp_free(r);
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_id);
	r = client_expect(inv1, "GET", path, NULL, 200);
	assert_null(strstr(r->body, "Looks like a note"));
	resp_free(r);
}

static void test_eicar_anywhere_in_a_file_is_refused(void **state)
{
	(void)state;
	char eicar[80], text[300];
	snprintf(eicar, sizeof eicar, "%s%s\n", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$",
	         "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
	resp *r = upload(inv1, "other", "Saved by an editor", NULL, NULL, "note.txt", eicar,
	                 strlen(eicar));
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "holds a virus (Waymark.Test.EICAR"));
	resp_free(r);
	int n =
	    snprintf(text, sizeof text, "Notes of the visit, page 2.\n%sEnd of notes.\n", eicar);
	r = upload(inv1, "other", "Notes with a test string", NULL, NULL, "notes.txt", text,
	           (size_t)n);
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "holds a virus"));
	resp_free(r);
}

/* A Word document of the zip kind, with a VBA project part when vba. */
static size_t word_zip(unsigned char *out, size_t cap, int vba)
{
	static const char types[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
	    "PartName=\"/word/document.xml\" "
	    "ContentType=\"application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
	static const char doc[] = "<?xml version=\"1.0\"?><w:document "
	                          "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
	                          "2006/main\"><w:body/></w:document>";
	static const char rels[] = "<?xml version=\"1.0\"?><Relationships/>";
	static const char project[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 VBA project";
	/* libmagic calls it a Word document by its first three parts. */
	zip_part parts[] = {
	    {"[Content_Types].xml", types, sizeof types - 1},
	    {"_rels/.rels", rels, sizeof rels - 1},
	    {"word/document.xml", doc, sizeof doc - 1},
	    {"word/vbaProject.bin", project, sizeof project - 1},
	};
	size_t n = zip_build(out, cap, parts, vba ? 4 : 3);
	assert_true(n > 0);
	return n;
}

static void test_a_word_document_with_macros_is_refused(void **state)
{
	(void)state;
	unsigned char zip[4096];
	size_t n = word_zip(zip, sizeof zip, 1);
	resp *r = upload(inv1, "statement", "Statement with macros", NULL, NULL, "statement.docm",
	                 zip, n);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "file");
	assert_non_null(strstr(r->body, "holds macros, which are not accepted"));
	assert_null(strstr(r->body, "virus"));
	resp_free(r);
	/* The same document without its VBA project is kept. */
	n = word_zip(zip, sizeof zip, 0);
	r = upload(inv1, "statement", "Statement", NULL, NULL, "statement.docx", zip, n);
	assert_int_equal(r->status, 201);
	assert_string_equal(
	    json_string_value(json_object_get(r->json, "media_type")),
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	resp_free(r);
}

/* ---- sealed documents ---- */

static void test_a_sealed_document_needs_a_purpose_and_is_refused_to_analysts(void **state)
{
	(void)state;
	char id[ID_LEN], path[160];
	upload_pdf(inv1, "Home Office letter", "true", id);
	snprintf(path, sizeof path, "/api/v1/documents/%s/content", id);
	const char *purpose[] = {"X-Purpose: preparing the asylum support referral", NULL};
	resp *r = client_req(ana1, "GET", path, NULL, purpose);
	assert_int_equal(r->status, 403);
	resp_free(r);
	r = client_req(inv1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 422);
	assert_string_equal(resp_error_field(r), "X-Purpose");
	resp_free(r);
	int before = audit_count(&srv, "document_viewed", case_id);
	r = client_req(inv1, "GET", path, NULL, purpose);
	assert_int_equal(r->status, 200);
	assert_memory_equal(r->body, PDF, sizeof PDF - 1);
	resp_free(r);
	assert_int_equal(audit_count(&srv, "document_viewed", case_id), before + 1);
	/* The analyst sees that it exists, not what it is. */
	snprintf(path, sizeof path, "/api/v1/documents/%s", id);
	json_t *j = client_get_json(ana1, path, 200);
	assert_true(json_is_null(json_object_get(j, "title")));
	assert_true(json_is_true(json_object_get(j, "sealed")));
	json_decref(j);
	j = client_get_json(inv1, path, 200);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Home Office letter");
	json_decref(j);
}

/* ---- deleting ---- */

static void test_a_delete_needs_the_current_version_and_a_reason(void **state)
{
	(void)state;
	char id[ID_LEN], path[160];
	upload_pdf(inv1, "Uploaded to the wrong case", NULL, id);
	snprintf(path, sizeof path, "/api/v1/documents/%s", id);
	assert_int_equal(
	    resp_status(client_req(inv1, "DELETE", path, "{\"reason\":\"wrong case\"}", NULL)),
	    428);
	const char *stale[] = {"If-Match: \"7\"", NULL};
	resp *r = client_req(inv1, "DELETE", path, "{\"reason\":\"wrong case\"}", stale);
	assert_int_equal(r->status, 412);
	resp_free(r);
	const char *now[] = {"If-Match: \"1\"", NULL};
	resp_expect_field(client_req(inv1, "DELETE", path, "{\"reason\":\"\"}", now), "reason");
	assert_int_equal(
	    resp_status(client_req(ana1, "DELETE", path, "{\"reason\":\"wrong case\"}", now)), 403);
	assert_int_equal(
	    resp_status(client_req(inv1, "DELETE", path, "{\"reason\":\"wrong case\"}", now)), 204);
	client_get_expect(inv1, 404, "/api/v1/documents/%s", id);
	client_get_expect(inv1, 404, "/api/v1/documents/%s/content", id);
	assert_true(audit_count(&srv, "document_deleted", case_id) >= 1);
}

/* ---- partners ---- */

static resp *share(const char *org, const char *documents)
{
	char path[200], body[600], soon[16];
	time_t t = time(NULL) + 20 * 86400;
	strftime(soon, sizeof soon, "%Y-%m-%d", gmtime(&t));
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", case_id, link_id);
	snprintf(body, sizeof body,
	         "{\"organisation_id\":\"%s\",\"sections\":[\"identity\"],\"purpose\":\"support\","
	         "\"basis\":"
	         "\"consent\",\"expires_on\":\"%s\",\"documents\":%s}",
	         org, soon, documents);
	return client_req(inv1, "POST", path, body, NULL);
}

static void test_a_partner_sees_only_the_documents_a_live_share_names(void **state)
{
	(void)state;
	resp *r = upload(inv1, "photograph", "Ana, recent photograph", victim, NULL, "ana.png",
	                 PHOTO, sizeof PHOTO - 1);
	assert_int_equal(r->status, 201);
	char photo[ID_LEN], kept[ID_LEN], sealed[ID_LEN], org[ID_LEN], list[300], share_id[ID_LEN],
	    path[160];
	snprintf(photo, sizeof photo, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	upload_pdf(inv1, "Interview notes, not for partners", NULL, kept);
	upload_pdf(inv1, "Visa refusal", "true", sealed);
	consent_for_support(inv1, victim);
	partner_id(inv1, "Hope Support Services", org);
	assert_true(org[0]);
	/* A sealed document is never shared; nor another case's, nor a made-up one. */
	snprintf(list, sizeof list, "[\"%s\"]", sealed);
	resp_expect_field(share(org, list), "documents");
	resp_expect_field(share(org, "[\"no-such-document\"]"), "documents");
	snprintf(list, sizeof list, "[\"%s\"]", photo);
	r = share(org, list);
	assert_int_equal(r->status, 201);
	snprintf(share_id, sizeof share_id, "%s",
	         json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	/* The partner lists and reads only the photograph. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_id);
	json_t *j = client_get_json(part1, path, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(j, "items"), 0), "id")),
	                    photo);
	json_decref(j);
	client_get_expect(part1, 200, "/api/v1/documents/%s", photo);
	client_get_expect(part1, 404, "/api/v1/documents/%s", kept);
	client_get_expect(part1, 404, "/api/v1/documents/%s/content", kept);
	client_get_expect(part1, 404, "/api/v1/documents/%s/content", sealed);
	/* Its copy of a photograph is the one without metadata. */
	snprintf(path, sizeof path, "/api/v1/documents/%s/content", photo);
	r = client_expect(part1, "GET", path, NULL, 200);
	assert_true(r->len > 0);
	resp_free(r);
	client *aud = client_signed_in(&srv, "aud1");
	r = client_expect(aud, "GET", "/api/v1/audit?action=document_viewed", NULL, 200);
	assert_non_null(strstr(r->body, "without_metadata"));
	resp_free(r);
	client_free(aud);
	/* Once the share ends, nothing. */
	snprintf(path, sizeof path, "/api/v1/shares/%s", share_id);
	const char *v1[] = {"If-Match: \"1\"", NULL};
	resp_free(client_req(inv1, "DELETE", path, "{\"note\":\"support ended\"}", v1));
	client_get_expect(part1, 404, "/api/v1/documents/%s/content", photo);
	client_get_expect(part1, 404, "/api/v1/cases/%s/documents", case_id);
}

/* Whether the bytes hold needle. */
static int holds(const char *data, size_t n, const void *needle, size_t len)
{
	return memmem(data, n, needle, len) != NULL;
}

static void test_a_partner_gets_no_image_with_its_location_whatever_its_kind(void **state)
{
	(void)state;
	assert_int_equal(VIPS_INIT("documents_test"), 0);
	size_t n;
	unsigned char *jpeg = exif_jpeg(64, 48, 1, &n);
	assert_non_null(jpeg);
	resp *r = upload(inv1, "identity_document", "Passport, photo page", victim, NULL,
	                 "passport.jpg", jpeg, n);
	assert_int_equal(r->status, 201);
	char id[ID_LEN], huge[ID_LEN], org[ID_LEN], list[300], share_id[ID_LEN], path[160];
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	/* The same picture claiming 6400 x 6400 pixels (40.96 MP) in its
	 * frame header: more than a copy is made of. */
	unsigned char *sof = memmem(jpeg, n, "\xff\xc0", 2);
	assert_non_null(sof);
	memcpy(sof + 5, "\x19\x00\x19\x00", 4);
	r = upload(inv1, "identity_document", "Passport, huge scan", victim, NULL, "huge.jpg", jpeg,
	           n);
	free(jpeg);
	assert_int_equal(r->status, 201);
	snprintf(huge, sizeof huge, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	consent_for_support(inv1, victim);
	partner_id(inv1, "Hope Support Services", org);
	snprintf(list, sizeof list, "[\"%s\",\"%s\"]", id, huge);
	r = share(org, list);
	assert_int_equal(r->status, 201);
	snprintf(share_id, sizeof share_id, "%s",
	         json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
	unsigned char lat[24];
	exif_gps_latitude(lat);
	snprintf(path, sizeof path, "/api/v1/documents/%s/content", id);
	/* The police keep the original, location and all. */
	r = client_expect(inv1, "GET", path, NULL, 200);
	assert_true(holds(r->body, r->len, lat, sizeof lat));
	resp_free(r);
	r = client_expect(part1, "GET", path, NULL, 200);
	assert_true(r->len > 0);
	assert_string_equal(resp_header(r, "Content-Type"), "image/jpeg");
	assert_false(holds(r->body, r->len, "Exif", 4));
	assert_false(holds(r->body, r->len, lat, sizeof lat));
	assert_false(holds(r->body, r->len, EXIF_MARKER, strlen(EXIF_MARKER)));
	resp_free(r);
	/* Too large to copy: refused, saying why, and never the original. */
	snprintf(path, sizeof path, "/api/v1/documents/%s/content", huge);
	r = client_req(part1, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 422);
	assert_non_null(strstr(r->body, "megapixels"));
	assert_false(holds(r->body, r->len, lat, sizeof lat));
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/shares/%s", share_id);
	const char *v1[] = {"If-Match: \"1\"", NULL};
	resp_free(client_req(inv1, "DELETE", path, "{\"note\":\"support ended\"}", v1));
}

/* ---- the size limit ---- */

/* A new loopback connection to the server. */
static int raw_connect(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET,
	                        .sin_port = htons((uint16_t)srv.port),
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

/* Connects and sends only the head of an upload to the case: as c (signed
 * out when NULL), with its CSRF token unless without_csrf, and the body's
 * framing ("Content-Length: N" or "Transfer-Encoding: chunked"). Returns
 * the socket, open for the rest. */
static int raw_upload_head(client *c, int without_csrf, const char *framing)
{
	char session[512] = "", head[1024];
	if (c)
		client_session_headers(c, session, sizeof session);
	char *csrf = without_csrf ? strstr(session, "X-CSRF-Token") : NULL;
	if (csrf)
		*csrf = '\0';
	int n = snprintf(head, sizeof head,
			 "POST /api/v1/cases/%s/documents HTTP/1.1\r\nHost: t\r\n%sContent-Type: "
			 "multipart/form-data; boundary=" BOUNDARY "\r\n%s\r\n\r\n",
			 case_id, session, framing);
	int fd = raw_connect();
	assert_int_equal(send(fd, head, (size_t)n, MSG_NOSIGNAL), n);
	return fd;
}

/* Reads what arrives within ms into out; the status of the answer, or 0. */
static int raw_answer(int fd, char *out, size_t outlen, int ms)
{
	size_t at = 0;
	out[0] = '\0';
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (poll(&p, 1, ms) != 1)
			break;
		ssize_t n = recv(fd, out + at, outlen - 1 - at, 0);
		if (n <= 0)
			break;
		at += (size_t)n;
		out[at] = '\0';
		if (at == outlen - 1)
			break;
	}
	int status = 0;
	return sscanf(out, "HTTP/1.1 %d", &status) == 1 ? status : 0;
}

static void test_nobody_without_a_session_makes_the_server_read_a_body(void **state)
{
	(void)state;
	/* No byte of the body is sent: the refusal comes anyway. */
	int fd = raw_upload_head(NULL, 0, "Content-Length: 1048576");
	char out[4096];
	assert_int_equal(raw_answer(fd, out, sizeof out, 5000), 401);
	close(fd);
	/* Signed in but without the CSRF token: refused before the body too. */
	fd = raw_upload_head(inv1, 1, "Content-Length: 1048576");
	assert_int_equal(raw_answer(fd, out, sizeof out, 5000), 403);
	close(fd);
	/* And a role that may not add documents to the case. */
	fd = raw_upload_head(ana1, 0, "Content-Length: 1048576");
	int status = raw_answer(fd, out, sizeof out, 5000);
	if (status != 403 && status != 404)
		fail_msg("an analyst's upload was answered %d before its body", status);
	close(fd);
}

static void test_a_stated_length_over_the_limit_is_refused_before_reading(void **state)
{
	(void)state;
	set_limit(4096);
	int fd = raw_upload_head(inv1, 0, "Content-Length: 27262976");
	/* No byte of the body is sent: the answer comes anyway. */
	char out[4096];
	assert_int_equal(raw_answer(fd, out, sizeof out, 5000), 413);
	assert_non_null(strstr(out, "4096 bytes"));
	assert_non_null(strcasestr(out, "Connection: close"));
	close(fd);
	set_limit(25LL * 1024 * 1024);
}

static void test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(void **state)
{
	(void)state;
	set_limit(4096);
	int fd = raw_upload_head(inv1, 0, "Transfer-Encoding: chunked");
	static const char part[] =
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"big.txt\"\r\n\r\n";
	char chunk[32 + sizeof part];
	int n = snprintf(chunk, sizeof chunk, "%zx\r\n%s\r\n", sizeof part - 1, part);
	assert_int_equal(send(fd, chunk, (size_t)n, MSG_NOSIGNAL), n);
	/* 1 KiB chunks until the server answers: it must before 128 KiB. */
	char block[1024 + 16], data[1024];
	memset(data, 'a', sizeof data);
	for (int i = 0; i < 128; i++) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (poll(&p, 1, 0) == 1)
			break;
		int k = snprintf(block, sizeof block, "400\r\n");
		memcpy(block + k, data, sizeof data);
		memcpy(block + k + sizeof data, "\r\n", 2);
		if (send(fd, block, (size_t)k + sizeof data + 2, MSG_NOSIGNAL) <= 0)
			break;
	}
	char out[4096];
	assert_int_equal(raw_answer(fd, out, sizeof out, 5000), 413);
	close(fd);
	/* A file a byte over the limit, sent whole, is refused too. */
	char over[4097];
	memset(over, 'b', sizeof over);
	resp *r = upload(inv1, "statement", "x", NULL, NULL, "over.txt", over, sizeof over);
	assert_int_equal(r->status, 413);
	resp_free(r);
	set_limit(25LL * 1024 * 1024);
}

/* Sends an upload of a text file of size bytes to server s as c, per
 * bytes every 100 ms, with Content-Length; returns the socket, open for
 * the answer, and the seconds the sending took in *took (up to when the
 * server closed the connection, if it did). */
static int trickle_upload(server *s, client *c, size_t size, size_t per, double *took)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET,
	                        .sin_port = htons((uint16_t)s->port),
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	char parts[512], head[1024], session[512];
	int pn = snprintf(
	    parts, sizeof parts,
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
	    "statement\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "Sent slowly\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"slow.txt\"\r\n\r\n");
	static const char tail[] = "\r\n--" BOUNDARY "--\r\n";
	client_session_headers(c, session, sizeof session);
	int hn =
	    snprintf(head, sizeof head,
	             "POST /api/v1/cases/%s/documents HTTP/1.1\r\nHost: t\r\n%sContent-Type: "
	             "multipart/form-data; boundary=" BOUNDARY "\r\nContent-Length: %zu\r\n\r\n",
	             case_id, session, (size_t)pn + size + sizeof tail - 1);
	assert_int_equal(send(fd, head, (size_t)hn, MSG_NOSIGNAL), hn);
	assert_int_equal(send(fd, parts, (size_t)pn, MSG_NOSIGNAL), pn);
	char *data = malloc(per);
	assert_non_null(data);
	memset(data, 'a', per);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t sent = 0; sent < size;) {
		size_t k = size - sent < per ? size - sent : per;
		if (send(fd, data, k, MSG_NOSIGNAL) != (ssize_t)k)
			break;
		sent += k;
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (poll(&p, 1, 100) == 1)
			break;
	}
	free(data);
	send(fd, tail, sizeof tail - 1, MSG_NOSIGNAL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*took = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	return fd;
}

static void test_an_upload_at_a_steady_rate_may_outlast_the_request_timeout(void **state)
{
	(void)state;
	server s;
	const char *args[] = {"--request-timeout", "2", "--idle-timeout", "30", NULL};
	assert_int_equal(server_launch_beside(&s, &srv, args), 0);
	client *c = client_signed_in(&s, "inv1");
	/* 16 KiB each 100 ms (160 KiB/s) for about 4.5 s: answered. */
	double took;
	int fd = trickle_upload(&s, c, 45 * 16 * 1024, 16 * 1024, &took);
	char out[4096];
	int status = raw_answer(fd, out, sizeof out, 10000);
	close(fd);
	if (status != 201)
		fail_msg("a steady upload over %.1f s answered %d, not 201", took, status);
	assert_true(took > 3.0);
	/* 1 KiB each 100 ms (10 KiB/s): cut off at the request timeout, as
	 * any slow sender is. */
	fd = trickle_upload(&s, c, 100 * 1024, 1024, &took);
	status = raw_answer(fd, out, sizeof out, 3000);
	close(fd);
	if (status != 0 || took < 1.9 || took > 5.0)
		fail_msg("a slow upload: status %d after %.1f s, not closed at about 2 s", status,
		         took);
	client_free(c);
	assert_int_equal(server_stop(&s), 0);
}

static void test_the_limit_is_an_administrators_setting(void **state)
{
	(void)state;
	json_t *j = client_get_json(admin1, "/api/v1/settings/documents", 200);
	assert_int_equal(json_integer_value(json_object_get(j, "default")), 25 * 1024 * 1024);
	assert_int_equal(json_integer_value(json_object_get(j, "maximum")), 512 * 1024 * 1024);
	json_decref(j);
	resp_expect_field(
	    client_put_current(admin1, "/api/v1/settings/documents", "{\"max_bytes\":10}"),
	    "max_bytes");
	/* More than the virus scanner is set to read whole. */
	resp_expect_field(client_put_current(admin1, "/api/v1/settings/documents",
	                                     "{\"max_bytes\":1073741824}"),
	                  "max_bytes");
	assert_int_equal(resp_status(client_put_current(inv1, "/api/v1/settings/documents",
	                                                "{\"max_bytes\":4096}")),
	                 403);
	set_limit(8192);
	assert_true(audit_count(&srv, "document_limit_changed", NULL) >= 1);
	set_limit(25LL * 1024 * 1024);
}

/* The server's peak resident memory (VmHWM) in kB. */
static long peak_kb(void)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)srv.pid);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	long kb = -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static void test_an_upload_of_26_mib_is_refused_without_being_held_in_memory(void **state)
{
	(void)state;
	long before = peak_kb();
	int fd = raw_upload_head(inv1, 0, "Transfer-Encoding: chunked");
	static const char part[] =
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"big.pdf\"\r\n\r\n%PDF-1.4\n";
	char chunk[32 + sizeof part];
	int n = snprintf(chunk, sizeof chunk, "%zx\r\n%s\r\n", sizeof part - 1, part);
	assert_int_equal(send(fd, chunk, (size_t)n, MSG_NOSIGNAL), n);
	/* 26 MiB in 64 KiB chunks, stopping when the server answers. */
	static char block[65536 + 16];
	int k = snprintf(block, sizeof block, "10000\r\n");
	memset(block + k, 'p', 65536);
	memcpy(block + k + 65536, "\r\n", 2);
	size_t sent = 0;
	while (sent < 26u * 1024 * 1024) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (poll(&p, 1, 0) == 1)
			break;
		ssize_t w = send(fd, block, (size_t)k + 65538, MSG_NOSIGNAL);
		if (w <= 0)
			break;
		sent += 65536;
	}
	char out[4096];
	assert_int_equal(raw_answer(fd, out, sizeof out, 10000), 413);
	close(fd);
	/* Over 25 MiB went through the server, and its peak grew by far less. */
	assert_true(sent > 25u * 1024 * 1024);
	long after = peak_kb();
	print_message("server peak RSS %ld kB before, %ld kB after %zu bytes sent\n", before, after,
	              sent);
	assert_true(after - before < 8 * 1024);
}

/* Removes the folder and what is in it (files and folders one level down). */
static void remove_tree(const char *dir)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* Removes one file of the folder (any, below it). */
static int remove_one_file(const char *dir)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "f=$(find '%s' -type f | head -1); test -n \"$f\" && rm \"$f\"",
	         dir);
	return system(cmd);
}

static void test_a_backup_holds_the_files_and_verify_finds_a_missing_one(void **state)
{
	(void)state;
	char id[ID_LEN], to[700], docs[800], out[512];
	upload_pdf(inv1, "Court order, copy", NULL, id);
	char folder[600];
	server_documents_dir(&srv, folder, sizeof folder);
	snprintf(to, sizeof to, "%s.backup-%d", folder, (int)getpid());
	snprintf(docs, sizeof docs, "%s.documents", to);
	const char *backup[] = {"backup", "--to", to, "--documents", folder, NULL};
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, backup), 0);
	assert_non_null(strstr(out, "document files copied"));
	/* Every row's file, from the backup's folder, decrypts to its hash. */
	const char *verify[] = {"documents", "verify", "--documents", docs, NULL};
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, verify), 0);
	assert_non_null(strstr(out, "documents verified"));
	/* One gone: the check names a document and fails. */
	assert_int_equal(remove_one_file(docs), 0);
	char err[512];
	assert_int_equal(run_waymark_errors(&srv, NULL, err, sizeof err, verify), 1);
	assert_non_null(strstr(err, "missing or altered"));
	remove_tree(docs);
	unlink(to);
}

/* The files in a folder and below. */
static int count_files(const char *dir)
{
	char cmd[700];
	snprintf(cmd, sizeof cmd, "find '%s' -type f | wc -l", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	if (p && fscanf(p, "%d", &n) != 1)
		n = -1;
	if (p)
		pclose(p);
	return n;
}

/* Deletes the document and dates its deletion days ago. */
static void delete_days_ago(const char *id, int days)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/documents/%s", id);
	const char *v1[] = {"If-Match: \"1\"", NULL};
	assert_int_equal(
	    resp_status(client_req(inv1, "DELETE", path, "{\"reason\":\"duplicate\"}", v1)), 204);
	db *d = server_db_open(&srv);
	assert_non_null(d);
	char when[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() - (int64_t)days * 86400 * 1000, when);
	const char *v[] = {when, id};
	assert_int_equal(db_run(d, "UPDATE documents SET deleted_at = $1 WHERE id = $2", 2, v), DB_OK);
	db_close(d);
}

static void test_a_deleted_documents_file_goes_after_the_retention_period(void **state)
{
	(void)state;
	char text[64], first[ID_LEN], second[ID_LEN], out[512], folder[600];
	snprintf(text, sizeof text, "Statement taken on %d, copy %d\n", (int)getpid(), rand());
	for (int i = 0; i < 2; i++) {
		resp *r = upload(inv1, "statement", "Statement", victim, NULL, "statement.txt", text,
		                 strlen(text));
		assert_int_equal(r->status, 201);
		snprintf(i ? second : first, ID_LEN, "%s",
		         json_string_value(json_object_get(r->json, "id")));
		resp_free(r);
	}
	server_documents_dir(&srv, folder, sizeof folder);
	int files = count_files(folder);
	assert_true(files >= 1);
	const char *dispose[] = {"documents", "dispose", "--documents", folder, NULL};
	/* Deleted long ago, but the same file is another document's. */
	delete_days_ago(first, 40);
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, dispose), 0);
	assert_non_null(strstr(out, "0 files"));
	assert_int_equal(count_files(folder), files);
	/* Deleted lately: kept for the retention period. */
	delete_days_ago(second, 3);
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, dispose), 0);
	assert_non_null(strstr(out, "0 files"));
	assert_int_equal(count_files(folder), files);
	/* Both deleted over 30 days ago: the file goes, each is audited, and
	 * the rows stay, their file marked gone (verify passes them by). */
	db *d = server_db_open(&srv);
	const char *v[] = {second};
	assert_int_equal(
	    db_run(d, "UPDATE documents SET deleted_at = '2000-01-01T00:00:00.000Z' WHERE id = $1", 1, v),
	    DB_OK);
	db_close(d);
	int before = audit_count(&srv, "document_file_disposed", case_id);
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, dispose), 0);
	assert_non_null(strstr(out, "1 files"));
	assert_int_equal(count_files(folder), files - 1);
	assert_int_equal(audit_count(&srv, "document_file_disposed", case_id), before + 2);
	const char *verify[] = {"documents", "verify", "--documents", folder, NULL};
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, verify), 0);
	/* Once is enough. */
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, dispose), 0);
	assert_non_null(strstr(out, "0 files"));
	/* A period that is no number of days is refused. */
	char err[512];
	const char *bad[] = {"documents", "dispose", "--after-days", "0", "--documents", folder, NULL};
	assert_int_equal(run_waymark_errors(&srv, NULL, err, sizeof err, bad), 2);
	assert_non_null(strstr(err, "--after-days"));
}

static void test_health_says_when_scanning_with_test_signatures_only(void **state)
{
	(void)state;
	resp *r = anonymous_expect(&srv, "GET", "/healthz", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(r->json, "status")), "ok");
	const char *scan = json_string_value(json_object_get(r->json, "virus_scan"));
	/* A machine with ClamAV's full database says nothing of it. */
	assert_true(!scan || strcmp(scan, "test signatures only") == 0);
	resp_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_an_upload_of_26_mib_is_refused_without_being_held_in_memory),
	    cmocka_unit_test(test_an_upload_is_downloaded_byte_for_byte_as_an_attachment),
	    cmocka_unit_test(test_a_thumbnail_is_made_only_for_photographs),
	    cmocka_unit_test(test_sign_in_role_and_reach_are_required),
	    cmocka_unit_test(test_each_field_is_checked_and_named),
	    cmocka_unit_test(test_a_body_that_is_not_one_file_in_a_form_is_refused),
	    cmocka_unit_test(test_a_title_must_be_utf8_without_control_characters),
	    cmocka_unit_test(test_a_filename_is_kept_as_utf8_and_never_refused),
	    cmocka_unit_test(test_a_field_sent_twice_is_refused_not_joined),
	    cmocka_unit_test(test_the_type_is_decided_from_the_content),
	    cmocka_unit_test(test_a_file_with_a_virus_is_refused_and_not_kept),
	    cmocka_unit_test(test_eicar_anywhere_in_a_file_is_refused),
	    cmocka_unit_test(test_a_word_document_with_macros_is_refused),
	    cmocka_unit_test(test_a_sealed_document_needs_a_purpose_and_is_refused_to_analysts),
	    cmocka_unit_test(test_a_delete_needs_the_current_version_and_a_reason),
	    cmocka_unit_test(test_a_partner_sees_only_the_documents_a_live_share_names),
	    cmocka_unit_test(test_a_partner_gets_no_image_with_its_location_whatever_its_kind),
	    cmocka_unit_test(test_nobody_without_a_session_makes_the_server_read_a_body),
	    cmocka_unit_test(test_a_stated_length_over_the_limit_is_refused_before_reading),
	    cmocka_unit_test(test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit),
	    cmocka_unit_test(test_the_limit_is_an_administrators_setting),
	    cmocka_unit_test(test_an_upload_at_a_steady_rate_may_outlast_the_request_timeout),
	    cmocka_unit_test(test_health_says_when_scanning_with_test_signatures_only),
	    cmocka_unit_test(test_a_backup_holds_the_files_and_verify_finds_a_missing_one),
	    cmocka_unit_test(test_a_deleted_documents_file_goes_after_the_retention_period),
	};
	return suite_run(&fixture, tests);
}
