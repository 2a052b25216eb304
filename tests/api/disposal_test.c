/* Disposal leaves no trace (issue 21): a case and its people recorded
 * through the API, with a distinctive name, a sealed immigration status,
 * notes, a place, an alias and a document, disposed of through the store
 * (src/store/disposal.h, as the retention review calls it) and scrubbed;
 * afterwards the name is in no table on either engine, not in the SQLite
 * file nor its WAL nor a backup taken afterwards, not found by search nor
 * in any export, the audit chain verifies, a person also in a retained case
 * keeps their record, the stub is there and the figures have not changed.
 * An erasure of one person does the same for them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/fixtures.h"
#include "domain/names.h"
#include "domain/statistics.h"
#include "lib/clock.h"
#include "lib/seal.h"
#include "store/blobs.h"
#include "store/db.h"
#include "store/disposal.h"
#include "store/statistics.h"
#include "support/engines.h"

static server srv;
static client *inv1, *sup1, *an1, *aud1, *admin1, *rm1;
/* Case A is disposed of; case B is retained. */
static char case_a[ID_LEN], case_b[ID_LEN], victim[ID_LEN], suspect[ID_LEN], kept[ID_LEN],
    doc_id[ID_LEN], loner[ID_LEN], missing[ID_LEN];

/* The distinctive names, as written and as the name index folds them. */
static const char *const gone_names[] = {"Zephyrine",  "zephyrine",  "Quillfeather", "quillfeather",
                                         "Wrexhamite", "wrexhamite", "Barnabus",     "barnabus"};
static const char *const erased_names[] = {"Thessalonike", "thessalonike", "Pennyfeather",
                                           "pennyfeather"};

/* The names as the name index files them (folded and rewritten: Quillfeather
 * is "kuillfeater"), which the index tables hold rather than the names. */
typedef struct folded {
	int n;
	char tok[16][NAME_TOKEN_MAX];
	const char *p[16];
} folded;

static void fold(const char *const *names, size_t n, folded *f)
{
	f->n = 0;
	for (size_t i = 0; i < n; i++) {
		name_tokens t;
		names_tokenize(names[i], &t);
		for (int j = 0; j < t.n && f->n < 16; j++) {
			int dup = 0;
			for (int k = 0; k < f->n; k++)
				dup |= strcmp(f->tok[k], t.tok[j]) == 0;
			if (!dup) {
				memcpy(f->tok[f->n], t.tok[j], NAME_TOKEN_MAX);
				f->p[f->n] = f->tok[f->n];
				f->n++;
			}
		}
	}
}

#define BOUNDARY "wmDisposalBoundary4c1"
static const char PDF[] = "%PDF-1.4\n% Statement of Zephyrine Quillfeather\n1 0 obj <</Type "
                          "/Catalog>> endobj\ntrailer <<>>\n%%EOF\n";

static int accounts(server *s)
{
	int rc = server_add_account(s, "an1", "analyst", "Test Constabulary", NULL);
	return rc;
}

static void upload(client *c, const char *case_id, const char *person, char out[ID_LEN])
{
	char body[2048];
	int n = snprintf(
	    body, sizeof body,
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nstatement\r\n"
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "Statement of Zephyrine Quillfeather\r\n"
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"person_id\"\r\n\r\n%s\r\n"
	    "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"quillfeather-statement.pdf\"\r\nContent-Type: application/pdf\r\n\r\n",
	    person);
	memcpy(body + n, PDF, sizeof PDF - 1);
	n += (int)(sizeof PDF - 1);
	n += snprintf(body + n, sizeof body - (size_t)n, "\r\n--" BOUNDARY "--\r\n");
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", case_id);
	const char *headers[] = {"Content-Type: multipart/form-data; boundary=" BOUNDARY, NULL};
	resp *r = client_raw(c, "POST", path, body, (size_t)n, headers);
	if (r->status != 201)
		fail_msg("upload: %ld %s", r->status, r->body ? r->body : "");
	snprintf(out, ID_LEN, "%s", json_string_value(json_object_get(r->json, "id")));
	resp_free(r);
}

static int records(void)
{
	char path[200], id[ID_LEN];
	client_post_id(
	    inv1, "/api/v1/cases",
	    "{\"title\":\"Nail bar where Zephyrine Quillfeather worked\",\"summary\":\"Barnabus "
	    "Wrexhamite ran it\",\"exploitation_types\":[\"labour\"]}",
	    case_a);
	client_post_id(inv1, "/api/v1/cases",
	               "{\"title\":\"Car wash, Slough\",\"exploitation_types\":[\"labour\"]}",
	               case_b);
	client_post_id(
	    inv1, "/api/v1/people",
	    "{\"given_names\":\"Zephyrine\",\"family_name\":\"Quillfeather\",\"aliases\":["
	    "\"Zeph Quillfeather\"],\"date_of_birth\":\"1994-03-07\",\"gender\":\"female\","
	    "\"nationalities\":[\"AL\"],\"languages\":[\"sq\"],\"safe_contact\":{\"method\":"
	    "\"through Quillfeather's sister\",\"phone_may_be_monitored\":true},"
	    "\"immigration_status\":\"Quillfeather: asylum claim refused\"}",
	    victim);
	client_post_id(
	    inv1, "/api/v1/people",
	    "{\"given_names\":\"Barnabus\",\"family_name\":\"Wrexhamite\",\"gender\":\"male\"}",
	    suspect);
	client_post_id(
	    inv1, "/api/v1/people",
	    "{\"given_names\":\"Ottoline\",\"family_name\":\"Brackenbury\",\"gender\":\"female\","
	    "\"nationalities\":[\"RO\"],\"estimated_age\":30}",
	    kept);
	client_post_id(
	    inv1, "/api/v1/people",
	    "{\"given_names\":\"Thessalonike\",\"family_name\":\"Pennyfeather\",\"date_of_birth\":"
	    "\"1988-01-02\"}",
	    loner);
	case_link_person(inv1, case_a, victim, "potential_victim", NULL);
	case_link_person(inv1, case_a, suspect, "suspect", NULL);
	case_link_person(inv1, case_a, kept, "potential_victim", NULL);
	case_link_person(inv1, case_b, kept, "witness", NULL);
	/* A witness in case A only, but missing now: her open episode keeps her. */
	client_post_id(
	    inv1, "/api/v1/people",
	    "{\"given_names\":\"Perpetua\",\"family_name\":\"Missingham\",\"estimated_age\":15}",
	    missing);
	case_link_person(inv1, case_a, missing, "witness", NULL);
	{
		char when[CLOCK_ISO_LEN], body[400];
		clock_now_iso(when);
		snprintf(
		    body, sizeof body,
		    "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"Slough "
		    "station\",\"risk\":\"medium\"}",
		    when, when);
		snprintf(path, sizeof path, "/api/v1/people/%s/missing-episodes", missing);
		client_post_id(inv1, path, body, id);
	}
	/* The same woman recorded twice, the second merged into the first. */
	char dup[ID_LEN], body[320];
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Zephyrine\",\"family_name\":\"Quillfeather-Marsh\","
	               "\"date_of_birth\":\"1994-03-08\"}",
	               dup);
	case_link_person(inv1, case_a, dup, "witness", NULL);
	snprintf(path, sizeof path, "/api/v1/people/%s/merge", dup);
	snprintf(body, sizeof body, "{\"into\":\"%s\"}", victim);
	resp *m = client_req(sup1, "POST", path, body, NULL);
	if (m->status != 200 && m->status != 201)
		fail_msg("merge: %ld %s", m->status, m->body ? m->body : "");
	resp_free(m);
	/* A change of name leaves the old one in the history. */
	snprintf(path, sizeof path, "/api/v1/people/%s", victim);
	resp *r =
	    client_patch_current(inv1, path, "{\"aliases\":[\"Zeph Quillfeather\",\"Zephy\"]}");
	if (r->status != 200)
		fail_msg("rename: %ld %s", r->status, r->body ? r->body : "");
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/cases/%s/notes", case_a);
	client_post_id(inv1, path, "{\"text\":\"Zephyrine Quillfeather disclosed the debt.\"}", id);
	client_post_id(
	    inv1, path,
	    "{\"text\":\"Quillfeather named Wrexhamite as the controller.\",\"sealed\":true}", id);
	snprintf(path, sizeof path, "/api/v1/cases/%s/places", case_a);
	client_post_id(inv1, path,
	               "{\"kind\":\"exploitation\",\"address\":\"Flat 2, 9 Quillfeather Row\","
	               "\"postcode\":\"SL1 1AA\",\"country\":\"GB\",\"date_from\":\"2025-03-01\"}",
	               id);
	upload(inv1, case_a, victim, doc_id);
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_a);
	r = client_patch_current(
	    inv1, path,
	    "{\"status\":\"closed\",\"outcome\":\"Quillfeather moved away; no further action\"}");
	if (r->status != 200)
		fail_msg("close: %ld %s", r->status, r->body ? r->body : "");
	resp_free(r);
	/* She asked for what is held about her: the bundle assembled for her
	 * is a copy of her record, with the suspect's name marked. */
	char today[CLOCK_DATE_LEN], request[ID_LEN];
	clock_today(today);
	snprintf(body, sizeof body,
	         "{\"person_id\":\"%s\",\"kind\":\"access\",\"regime\":\"part3\",\"received_on\":\"%s\","
	         "\"identity_verified_on\":\"%s\",\"channel\":\"letter\"}",
	         victim, today, today);
	client_post_id(rm1, "/api/v1/subject-requests", body, request);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/bundle", request);
	r = client_req(rm1, "POST", path, NULL, NULL);
	if (r->status != 201)
		fail_msg("bundle: %ld %s", r->status, r->body ? r->body : "");
	resp_free(r);
	/* So did the witness who is also in the retained case: his bundle
	 * copies case A's title, summary and notes, and the names of its
	 * other people (hers, the suspect's). He keeps his record; the
	 * copies of case A in his bundle go with case A. */
	char kept_request[ID_LEN];
	snprintf(body, sizeof body,
	         "{\"person_id\":\"%s\",\"kind\":\"access\",\"regime\":\"part3\",\"received_on\":\"%s\","
	         "\"identity_verified_on\":\"%s\",\"channel\":\"letter\"}",
	         kept, today, today);
	client_post_id(rm1, "/api/v1/subject-requests", body, kept_request);
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/bundle", kept_request);
	r = client_req(rm1, "POST", path, NULL, NULL);
	if (r->status != 201)
		fail_msg("his bundle: %ld %s", r->status, r->body ? r->body : "");
	resp_free(r);
	return 0;
}

static const suite_login logins[] = {
    {&inv1, "inv1"}, {&sup1, "sup1"},     {&an1, "an1"},
    {&aud1, "aud1"}, {&admin1, "admin1"}, {&rm1, "rm1"},   {NULL, NULL},
};
static const suite fixture = {
    .srv = &srv, .accounts = accounts, .logins = logins, .records = records};

/* ---- looking for the names ---- */

static int is_pg(void)
{
	return strcmp(test_engine_name(), "pg") == 0;
}

/* Reads a whole file (empty when missing) into a buffer the caller frees. */
static char *slurp(const char *path, size_t *len)
{
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return calloc(1, 1);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	assert_non_null(b);
	*len = fread(b, 1, (size_t)n, f);
	fclose(f);
	return b;
}

/* Fails naming the file and the name when any of the names' bytes are in it. */
static void file_holds_none(const char *path, const char *const *names, size_t n)
{
	size_t len;
	char *b = slurp(path, &len);
	for (size_t i = 0; i < n; i++)
		if (memmem(b, len, names[i], strlen(names[i])))
			fail_msg("%s still holds \"%s\"", path, names[i]);
	free(b);
}

/* Whether the file holds the name's bytes. */
static int file_holds(const char *path, const char *name)
{
	size_t len;
	char *b = slurp(path, &len);
	int found = memmem(b, len, name, strlen(name)) != NULL;
	free(b);
	return found;
}

typedef struct column {
	char table[64], name[64];
} column;

typedef struct columns {
	int n;
	column c[1024];
} columns;

static int add_column(db_stmt *s, void *arg)
{
	columns *cs = arg;
	if (cs->n < 1024) {
		db_col_copy(s, 0, cs->c[cs->n].table, sizeof cs->c[0].table);
		db_col_copy(s, 1, cs->c[cs->n].name, sizeof cs->c[0].name);
		cs->n++;
	}
	return 0;
}

/* How many rows of every text column of every table hold the name, in any
 * case; with where (a table and a column) naming the first. */
static int rows_holding(db *d, const char *name, char *where, size_t wlen)
{
	static columns cs;
	cs.n = 0;
	int rc =
	    is_pg()
	        ? db_each(d,
	                  "SELECT table_name, column_name FROM information_schema.columns WHERE "
	                  "table_schema = current_schema() AND data_type IN ('text', 'character "
	                  "varying', 'json', 'jsonb') ORDER BY table_name, column_name",
	                  0, NULL, add_column, &cs)
	        : db_each(
	              d,
	              "SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) c "
	              "WHERE m.type = 'table' AND (c.type = 'TEXT' OR c.type = '') ORDER BY 1, 2",
	              0, NULL, add_column, &cs);
	assert_int_equal(rc, DB_OK);
	assert_true(cs.n > 100);
	char pattern[128], sql[256];
	snprintf(pattern, sizeof pattern, "%%%s%%", name);
	for (size_t i = 0; pattern[i]; i++)
		pattern[i] =
		    (char)(pattern[i] >= 'A' && pattern[i] <= 'Z' ? pattern[i] + 32 : pattern[i]);
	int total = 0;
	for (int i = 0; i < cs.n; i++) {
		snprintf(sql, sizeof sql,
		         "SELECT COUNT(*) FROM \"%s\" WHERE LOWER(CAST(\"%s\" AS TEXT)) LIKE $1",
		         cs.c[i].table, cs.c[i].name);
		int64_t n = 0;
		const char *p[] = {pattern};
		assert_int_equal(db_get_int(d, sql, 1, p, &n), DB_ROW);
		if (n && total == 0)
			snprintf(where, wlen, "%s.%s", cs.c[i].table, cs.c[i].name);
		total += (int)n;
	}
	return total;
}

static void no_table_holds(db *d, const char *const *names, size_t n)
{
	char where[160] = "";
	for (size_t i = 0; i < n; i++)
		if (rows_holding(d, names[i], where, sizeof where))
			fail_msg("\"%s\" is still in %s", names[i], where);
}

/* The statistics and reports an analyst and a supervisor see, as text. */
static char *figures(void)
{
	static const char *const paths[] = {
	    "/api/v1/statistics?by=age_band,nationality&from=2022-01-01&to=2026-12-31",
	    "/api/v1/statistics?by=exploitation_type,gender&from=2022-01-01&to=2026-12-31",
	    "/api/v1/reports/casework?from=2022-01-01&to=2026-12-31",
	};
	size_t cap = 1, len = 0;
	char *all = calloc(1, 1);
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		resp *r = client_expect(i < 2 ? an1 : sup1, "GET", paths[i], NULL, 200);
		json_t *j = r->json;
		json_object_del(j, "generated_at");
		char *t = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
		assert_non_null(t);
		cap = len + strlen(t) + 2;
		all = realloc(all, cap);
		memcpy(all + len, t, strlen(t) + 1);
		len += strlen(t);
		free(t);
		resp_free(r);
	}
	return all;
}

typedef struct rows_text {
	char text[8192];
	size_t len;
	int n;
} rows_text;

static int victim_row(const store_victim_row *v, void *arg)
{
	rows_text *t = arg;
	int age = statistics_age(v->date_of_birth, (long)v->estimated_age, v->first_at);
	int w = snprintf(t->text + t->len, sizeof t->text - t->len, "%s|%s|%d|%s|%s|%s|%d\n",
	                 v->first_at, v->exploitation_types, age, v->gender ? v->gender : "-",
	                 v->nationalities, v->nrm_status ? v->nrm_status : "-", v->duty_to_notify);
	if (w > 0 && (size_t)w < sizeof t->text - t->len)
		t->len += (size_t)w;
	t->n++;
	return 0;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Each potential victim as the statistics count them (first link, types,
 * age then, gender, nationalities, NRM stage), unsuppressed, as text. */
static void victims_counted(db *d, rows_text *t)
{
	memset(t, 0, sizeof *t);
	store_orgs orgs = {.org_id = server_db_text(
	                       &srv, "SELECT id FROM orgs WHERE name = 'Test Constabulary'", NULL)};
	char org[ID_LEN];
	snprintf(org, sizeof org, "%s", orgs.org_id);
	orgs.org_id = org;
	assert_int_equal(
	    store_statistics_victims(d, &orgs, "2000-01-01", "2100-01-01", 1, victim_row, t),
	    DB_OK);
	/* In order, whatever order the engine read them in. */
	char *lines[64], copy[sizeof t->text];
	int n = 0;
	memcpy(copy, t->text, sizeof copy);
	for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l && n < 64;
	     l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	qsort(lines, (size_t)n, sizeof *lines, by_text);
	t->len = 0;
	t->text[0] = '\0';
	for (int i = 0; i < n; i++)
		t->len +=
		    (size_t)snprintf(t->text + t->len, sizeof t->text - t->len, "%s\n", lines[i]);
}

static void threshold_lowest(void)
{
	json_t *t = client_get_json(admin1, "/api/v1/settings/disclosure", 200);
	char body[64];
	snprintf(body, sizeof body, "{\"threshold\":%lld}",
	         (long long)json_integer_value(json_object_get(t, "minimum")));
	json_decref(t);
	resp *r = client_put_current(admin1, "/api/v1/settings/disclosure", body);
	assert_int_equal(r->status, 200);
	resp_free(r);
}

static int files_seen;

static int count_file(const char *path, const struct stat *st, int kind, struct FTW *ftw)
{
	(void)path;
	(void)st;
	(void)ftw;
	files_seen += kind == FTW_F;
	return 0;
}

/* How many files the folder holds, in its subfolders too. */
static int count_files(const char *dir)
{
	files_seen = 0;
	nftw(dir, count_file, 16, FTW_PHYS);
	return files_seen;
}

static blob_store *open_blobs(seal_key *key)
{
	char err[256], dir[600];
	assert_int_equal(seal_key_load(srv.key_path, 0, key, err, sizeof err), 0);
	server_documents_dir(&srv, dir, sizeof dir);
	blob_store *bs = blobs_open(dir, key, err, sizeof err);
	if (!bs)
		fail_msg("blobs: %s", err);
	return bs;
}

static void decision(disposal_decision *dec, char now[CLOCK_ISO_LEN])
{
	static char rm[ID_LEN];
	snprintf(rm, sizeof rm, "%s",
	         server_db_text(&srv, "SELECT id FROM users WHERE username = 'rm1'", NULL));
	clock_now_iso(now);
	*dec = (disposal_decision){.actor_id = rm,
	                           .reason = "Review: no policing purpose remains",
	                           .group = "group_3",
	                           .now = now};
}

/* ---- the tests ---- */

static void test_a_disposed_case_leaves_no_trace_of_its_people(void **state)
{
	(void)state;
	threshold_lowest();
	char *before = figures();
	char path[200];
	/* Found by name before. */
	json_t *found = client_get_json(inv1, "/api/v1/people?q=Zephyrine+Quillfeather", 200);
	assert_non_null(json_find(json_object_get(found, "items"), "id", victim));
	json_decref(found);

	seal_key key;
	blob_store *bs = open_blobs(&key);
	char dir[600];
	server_documents_dir(&srv, dir, sizeof dir);
	int files_before = count_files(dir);
	assert_true(files_before >= 1);

	/* The names are in the file or its WAL before (so their absence after means something). */
	if (!is_pg()) {
		const char *file = srv.db_url + strlen("sqlite:");
		char wal[2048];
		snprintf(wal, sizeof wal, "%s-wal", file);
		assert_true(file_holds(file, "Quillfeather") || file_holds(wal, "Quillfeather"));
		assert_true(file_holds(file, "wrexhamite") || file_holds(wal, "wrexhamite"));
	}
	folded gone;
	fold(gone_names, sizeof gone_names / sizeof *gone_names, &gone);
	assert_true(gone.n >= 3);
	db *d = server_db_open(&srv);
	char where[160];
	assert_true(rows_holding(d, "Quillfeather", where, sizeof where) >= 3);
	/* The index holds the folded forms: the scans below look for them too. */
	for (int i = 0; i < gone.n; i++)
		assert_true(rows_holding(d, gone.p[i], where, sizeof where) >= 1);
	static rows_text counted_before, counted_after;
	victims_counted(d, &counted_before);
	assert_int_equal(counted_before.n, 2); /* the victim and the witness kept */
	disposal_decision dec;
	char now[CLOCK_ISO_LEN];
	decision(&dec, now);
	disposal_result res;
	/* Only inside the caller's transaction. */
	assert_int_not_equal(store_dispose_case(d, case_a, &dec, &res), DB_OK);
	assert_int_equal(db_begin(d), DB_OK);
	int rc = store_dispose_case(d, case_a, &dec, &res);
	if (rc != DB_OK)
		fail_msg("dispose: %d %s", rc, db_errmsg(d));
	assert_int_equal(db_commit(d), DB_OK);
	assert_int_equal(res.people_disposed, 3); /* the victim, her merged record, the suspect */
	assert_int_equal(res.people_kept, 2);     /* in case B too; missing now */
	assert_int_equal(res.documents, 1);
	assert_int_equal(res.notes, 2);
	assert_true(res.stub_id[0]);
	disposal_scrub_report rep;
	rc = store_disposal_scrub(d, bs, 5000, &rep);
	if (rc != DB_OK)
		fail_msg("scrub: %d %s", rc, db_errmsg(d));
	assert_int_equal(rep.files_removed, 1);
	assert_int_equal(rep.checkpointed, !is_pg());
	assert_int_equal(count_files(dir), files_before - 1);
	/* Twice is nothing. */
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(store_dispose_case(d, case_a, &dec, &res), DB_DONE);
	db_rollback(d);

	/* In no table, on either engine, as written or as indexed. */
	no_table_holds(d, gone_names, sizeof gone_names / sizeof *gone_names);
	no_table_holds(d, gone.p, (size_t)gone.n);
	/* A person also in a retained case keeps their record. */
	assert_true(rows_holding(d, "Brackenbury", where, sizeof where) >= 1);
	snprintf(path, sizeof path, "/api/v1/people/%s", kept);
	json_t *k = client_get_json(inv1, path, 200);
	assert_string_equal(json_string_value(json_object_get(k, "family_name")), "Brackenbury");
	assert_true(rows_holding(d, "Missingham", where, sizeof where) >= 1);
	assert_int_equal(
	    server_db_int(&srv, "SELECT COUNT(*) FROM people WHERE id = $1 AND disposed_at IS NULL",
	                  missing),
	    1);
	/* Her part in the disposed case is no longer shown, nor reaches her. */
	char *kd = json_dumps(k, 0);
	assert_null(strstr(kd, case_a));
	assert_non_null(strstr(kd, case_b));
	free(kd);
	assert_int_equal(server_db_int(&srv,
	                               "SELECT COUNT(*) FROM person_reach_keys WHERE case_id = $1",
	                               case_a),
	                 0);
	json_decref(k);
	/* The stub. */
	assert_string_equal(
	    server_db_text(&srv, "SELECT reason FROM case_disposals WHERE case_id = $1", case_a),
	    "Review: no policing purpose remains");
	assert_string_equal(
	    server_db_text(&srv, "SELECT retention_group FROM case_disposals WHERE case_id = $1",
	                   case_a),
	    "group_3");
	assert_int_equal(
	    strlen(server_db_text(&srv, "SELECT closed_on FROM case_disposals WHERE case_id = $1",
	                          case_a)),
	    10);
	assert_int_equal(
	    server_db_int(&srv,
	                  "SELECT COUNT(*) FROM case_disposals c JOIN cases x ON x.id = "
	                  "c.case_id AND x.reference = c.reference WHERE c.case_id = $1",
	                  case_a),
	    1);
	/* The figures of past periods stand. */
	victims_counted(d, &counted_after);
	assert_string_equal(counted_before.text, counted_after.text);
	char *after = figures();
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* The victim's age at identification stays for the figures; the date of birth goes. */
	assert_int_equal(
	    server_db_int(&srv,
	                  "SELECT COUNT(*) FROM people WHERE id = $1 AND date_of_birth IS "
	                  "NULL AND estimated_age BETWEEN 30 AND 33 AND disposed_at IS NOT NULL",
	                  victim),
	    1);

	/* Not found by search. */
	found = client_get_json(inv1, "/api/v1/people?q=Zephyrine+Quillfeather", 200);
	assert_null(json_find(json_object_get(found, "items"), "id", victim));
	char *dump = json_dumps(found, 0);
	assert_null(strstr(dump, "uillfeather"));
	free(dump);
	json_decref(found);
	found = client_get_json(inv1, "/api/v1/people?q=Wrexhamite", 200);
	assert_int_equal(json_array_size(json_object_get(found, "items")), 0);
	json_decref(found);
	/* Not in any export: the audit log's, the CTDC-style file. */
	resp *r =
	    client_expect(aud1, "GET", "/api/v1/audit/export?from=2000-01-01T00:00:00Z", NULL, 200);
	for (size_t i = 0; i < sizeof gone_names / sizeof *gone_names; i++)
		assert_null(strstr(r->body, gone_names[i]));
	assert_non_null(strstr(r->body, "case_disposed"));
	assert_non_null(strstr(r->body, "person_disposed"));
	resp_free(r);
	r = client_expect(an1, "GET", "/api/v1/exports/htcds?from=2022-01-01&to=2026-12-31", NULL,
	                  200);
	for (size_t i = 0; i < sizeof gone_names / sizeof *gone_names; i++)
		assert_null(strstr(r->body, gone_names[i]));
	resp_free(r);
	/* The case and its people disposed of are gone from the casework. */
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_a);
	assert_int_equal(client_status(inv1, "GET", path, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/people/%s", victim);
	assert_int_equal(client_status(inv1, "GET", path, NULL), 404);
	json_t *list = client_get_json(inv1, "/api/v1/cases", 200);
	assert_null(json_find(json_object_get(list, "items"), "id", case_a));
	assert_non_null(json_find(json_object_get(list, "items"), "id", case_b));
	json_decref(list);
	/* The document is gone. */
	snprintf(path, sizeof path, "/api/v1/documents/%s/file", doc_id);
	assert_true(client_status(inv1, "GET", path, NULL) >= 400);

	/* The audit chain verifies, and says who disposed of the case. */
	char out[512];
	const char *verify[] = {"audit", "verify", NULL};
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, verify), 0);
	assert_non_null(strstr(out, "intact"));
	assert_int_equal(
	    server_db_int(&srv,
	                  "SELECT COUNT(*) FROM audit_log WHERE action = 'case_disposed' "
	                  "AND record_id = $1",
	                  case_a),
	    1);
	assert_int_equal(server_db_int(&srv,
	                               "SELECT COUNT(*) FROM audit_log WHERE action = "
	                               "'person_disposed' AND record_id = $1",
	                               victim),
	                 1);

	/* Not in the file, its WAL, nor a backup taken afterwards. */
	if (!is_pg()) {
		const char *file = srv.db_url + strlen("sqlite:");
		char wal[2048];
		snprintf(wal, sizeof wal, "%s-wal", file);
		file_holds_none(file, gone_names, sizeof gone_names / sizeof *gone_names);
		file_holds_none(wal, gone_names, sizeof gone_names / sizeof *gone_names);
		file_holds_none(file, gone.p, (size_t)gone.n);
		file_holds_none(wal, gone.p, (size_t)gone.n);
	}
	char backup[400];
	snprintf(backup, sizeof backup, "%s/disposal-backup-%d.%s", test_tmpdir(), srv.port,
	         is_pg() ? "dump" : "db");
	const char *args[] = {"backup", "--to", backup, NULL};
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, args), 0);
	char plain[480];
	snprintf(plain, sizeof plain, "%s", backup);
	if (is_pg()) {
		/* The archive is compressed: read it as the SQL it restores to. */
		char cmd[1100];
		snprintf(plain, sizeof plain, "%s.sql", backup);
		snprintf(cmd, sizeof cmd, "pg_restore --file='%s' '%s'", plain, backup);
		assert_int_equal(system(cmd), 0);
	}
	/* The person kept is there, so the search would see a name. */
	assert_true(file_holds(plain, "Brackenbury"));
	file_holds_none(plain, gone_names, sizeof gone_names / sizeof *gone_names);
	file_holds_none(plain, gone.p, (size_t)gone.n);
	db_close(d);
	blobs_close(bs);
	seal_key_wipe(&key);
}

static void test_an_erased_person_leaves_no_trace(void **state)
{
	(void)state;
	db *d = server_db_open(&srv);
	disposal_decision dec;
	char now[CLOCK_ISO_LEN];
	decision(&dec, now);
	dec.request_id = "request-1";
	disposal_result res;
	char where[160];
	assert_true(rows_holding(d, "Pennyfeather", where, sizeof where) >= 1);
	folded gone;
	fold(erased_names, sizeof erased_names / sizeof *erased_names, &gone);
	for (int i = 0; i < gone.n; i++)
		assert_true(rows_holding(d, gone.p[i], where, sizeof where) >= 1);
	assert_int_equal(db_begin(d), DB_OK);
	int rc = store_dispose_person(d, loner, &dec, &res);
	if (rc != DB_OK)
		fail_msg("dispose: %d %s", rc, db_errmsg(d));
	assert_int_equal(db_commit(d), DB_OK);
	assert_int_equal(res.people_disposed, 1);
	disposal_scrub_report rep;
	assert_int_equal(store_disposal_scrub(d, NULL, 5000, &rep), DB_OK);
	no_table_holds(d, erased_names, sizeof erased_names / sizeof *erased_names);
	no_table_holds(d, gone.p, (size_t)gone.n);
	/* Twice, or someone who is not there: nothing. */
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_equal(store_dispose_person(d, loner, &dec, &res), DB_DONE);
	assert_int_equal(store_dispose_person(d, "no-such-person", &dec, &res), DB_DONE);
	assert_int_equal(store_dispose_case(d, "no-such-case", &dec, &res), DB_DONE);
	db_rollback(d);
	assert_int_equal(
	    server_db_int(&srv,
	                  "SELECT COUNT(*) FROM person_disposals WHERE person_id = $1 AND "
	                  "request_id = 'request-1'",
	                  loner),
	    1);
	if (!is_pg()) {
		const char *file = srv.db_url + strlen("sqlite:");
		char wal[2048];
		snprintf(wal, sizeof wal, "%s-wal", file);
		file_holds_none(file, erased_names, sizeof erased_names / sizeof *erased_names);
		file_holds_none(wal, erased_names, sizeof erased_names / sizeof *erased_names);
		file_holds_none(file, gone.p, (size_t)gone.n);
		file_holds_none(wal, gone.p, (size_t)gone.n);
	}
	char out[512];
	const char *verify[] = {"audit", "verify", NULL};
	assert_int_equal(run_waymark(&srv, NULL, out, sizeof out, verify), 0);
	db_close(d);
}

/* A reader in the middle of a read holds the WAL: the scrub retries for as
 * long as it is allowed, then says so; once the reader is done, the scrub
 * finishes. */
static void test_a_reader_holding_the_wal_makes_the_scrub_report_busy(void **state)
{
	(void)state;
	char id[ID_LEN], err[256];
	db *w, *r;
	assert_int_equal(db_open(srv.db_url, 100, &w, err, sizeof err), DB_OK);
	assert_int_equal(db_open(srv.db_url, 100, &r, err, sizeof err), DB_OK);
	disposal_scrub_report rep;
	if (is_pg()) {
		/* Nothing to checkpoint: the rows are gone when the commit is. */
		assert_int_equal(store_disposal_scrub(w, NULL, 100, &rep), DB_OK);
		assert_int_equal(rep.checkpointed, 0);
		db_close(w);
		db_close(r);
		return;
	}
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Ada\",\"family_name\":\"Reader\"}", id);
	assert_int_equal(db_exec(r, "BEGIN"), DB_OK);
	int64_t n = 0;
	assert_int_equal(db_get_int(r, "SELECT COUNT(*) FROM people", 0, NULL, &n), DB_ROW);
	client_post_id(inv1, "/api/v1/people",
	               "{\"given_names\":\"Ada\",\"family_name\":\"Writer\"}", id);
	assert_int_equal(store_disposal_scrub(w, NULL, 200, &rep), DB_BUSY);
	assert_true(rep.busy_retries >= 1);
	assert_int_equal(rep.checkpointed, 0);
	assert_non_null(strstr(db_errmsg(w), "readers"));
	assert_int_equal(db_exec(r, "COMMIT"), DB_OK);
	assert_int_equal(store_disposal_scrub(w, NULL, 2000, &rep), DB_OK);
	assert_int_equal(rep.checkpointed, 1);
	db_close(w);
	db_close(r);
}

/* A decision names who, why and when. */
static void test_a_disposal_without_its_decision_is_refused(void **state)
{
	(void)state;
	db *d = server_db_open(&srv);
	disposal_decision dec = {0};
	disposal_result res;
	assert_int_equal(db_begin(d), DB_OK);
	assert_int_not_equal(store_dispose_case(d, case_b, &dec, &res), DB_OK);
	assert_int_not_equal(store_dispose_person(d, kept, NULL, &res), DB_OK);
	db_rollback(d);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_disposal_without_its_decision_is_refused),
	    cmocka_unit_test(test_a_disposed_case_leaves_no_trace_of_its_people),
	    cmocka_unit_test(test_an_erased_person_leaves_no_trace),
	    cmocka_unit_test(test_a_reader_holding_the_wal_makes_the_scrub_report_busy),
	};
	return suite_run(&fixture, tests);
}
