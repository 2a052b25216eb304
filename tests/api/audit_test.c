/* The audit trail: who may read it, its filters, and tamper evidence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fixtures.h"
#include "store/db.h"

static server srv;
static client *aud;

static const suite_login logins[] = {{&aud, "aud1"}, {NULL, NULL}};
static const suite fixture = {.srv = &srv, .logins = logins};

static size_t count(const char *query)
{
	json_t *page = client_get_json(aud, query, 200);
	size_t n = json_array_size(json_object_get(page, "items"));
	json_decref(page);
	return n;
}

static void test_only_auditors_read_the_log(void **state)
{
	(void)state;
	const char *others[] = {"admin1", "sup1", "inv1", "opcc1"};
	for (size_t i = 0; i < 4; i++) {
		client *c = client_signed_in(&srv, others[i]);
		assert_int_equal(client_status(c, "GET", "/api/v1/audit", NULL), 403);
		client_free(c);
	}
}

static void test_sign_in_sign_out_and_failures_are_recorded(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "inv1", "wrong-wrong-wrong"), 401);
	assert_int_equal(client_login(c, "ghost.user", "wrong-wrong-wrong"), 401);
	assert_int_equal(client_login(c, "inv1", TEST_PASSWORD), 201);
	resp *r = client_req(c, "DELETE", "/api/v1/session", NULL, NULL);
	resp_free(r);
	client_free(c);
	r = client_req(aud, "GET", "/api/v1/audit?action=login_failed", NULL, NULL);
	json_t *items = json_object_get(r->json, "items");
	assert_int_equal(json_array_size(items), 2);
	/* Newest first: the unknown user, recorded by the name tried, with no account. */
	json_t *ghost = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(ghost, "actor")), "ghost.user");
	assert_true(json_is_null(json_object_get(ghost, "actor_id")));
	assert_string_equal(json_string_value(json_object_get(ghost, "address")), "127.0.0.1");
	assert_non_null(json_object_get(ghost, "request_id"));
	resp_free(r);
	assert_true(count("/api/v1/audit?action=login") >= 2);
	assert_int_equal(count("/api/v1/audit?action=logout"), 1);
}

static void test_filters_by_user_record_action_and_time(void **state)
{
	(void)state;
	resp *r = client_req(aud, "GET", "/api/v1/audit?action=user_created&limit=1", NULL, NULL);
	assert_int_equal(json_array_size(json_object_get(r->json, "items")), 1);
	json_t *e = json_array_get(json_object_get(r->json, "items"), 0);
	char record[64];
	snprintf(record, sizeof record, "%s", json_string_value(json_object_get(e, "record_id")));
	int64_t next = json_integer_value(json_object_get(r->json, "next_before"));
	assert_true(next > 0);
	resp_free(r);
	char q[256];
	snprintf(q, sizeof q, "/api/v1/audit?record=%s&action=user_created", record);
	assert_int_equal(count(q), 1);
	assert_int_equal(count("/api/v1/audit?from=2999-01-01T00:00:00Z"), 0);
	assert_true(count("/api/v1/audit?to=2999-01-01T00:00:00Z&action=user_created") >= 6);
	snprintf(q, sizeof q, "/api/v1/audit?action=user_created&before=%lld", (long long)next);
	assert_true(count(q) >= 5);
	r = client_req(aud, "GET", "/api/v1/me", NULL, NULL);
	snprintf(q, sizeof q, "/api/v1/audit?user=%s&action=login",
		 json_string_value(json_object_get(json_object_get(r->json, "user"), "id")));
	resp_free(r);
	assert_true(count(q) >= 1);
	/* Reading the log is itself in the log. */
	assert_true(count("/api/v1/audit?action=audit_read") >= 1);
}

static void test_bad_filters_are_400_naming_the_parameter(void **state)
{
	(void)state;
	const char *bad[] = {"/api/v1/audit?from=yesterday", "/api/v1/audit?to=2026-13-01T00:00:00Z",
			     "/api/v1/audit?limit=0", "/api/v1/audit?limit=5000",
			     "/api/v1/audit?before=x"};
	const char *field[] = {"from", "to", "limit", "limit", "before"};
	for (size_t i = 0; i < 5; i++) {
		resp *r = client_req(aud, "GET", bad[i], NULL, NULL);
		assert_int_equal(r->status, 400);
		json_t *e = json_array_get(json_object_get(r->json, "errors"), 0);
		assert_string_equal(json_string_value(json_object_get(e, "field")), field[i]);
		resp_free(r);
	}
}

/* Runs `waymark audit verify` on a database; returns its exit status and output. */
static int verify(server *s, char *out, size_t n)
{
	const char *args[] = {"audit", "verify", NULL};
	return run_waymark(s, NULL, out, n, args);
}

static void tamper(server *s, const char *sql)
{
	db *d = server_db_open(s);
	if (db_exec(d, sql) != DB_OK)
		fail_msg("%s: %s", sql, db_errmsg(d));
	db_close(d);
}

static void test_verify_reports_an_intact_chain(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_prepare(&s), 0);
	char out[256];
	assert_int_equal(verify(&s, out, sizeof out), 0);
	/* One per standard account, per organisation made and per second-factor setting. */
	assert_string_equal(out, "audit chain intact: 14 entries\n");
}

static void test_verify_finds_an_edited_entry(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_prepare(&s), 0);
	tamper(&s, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");
	char out[256];
	assert_int_equal(verify(&s, out, sizeof out), 1);
	assert_non_null(strstr(out, "broken at entry 3"));
	assert_non_null(strstr(out, "altered"));
}

static void test_verify_finds_a_deleted_entry(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_prepare(&s), 0);
	tamper(&s, "DELETE FROM audit_log WHERE seq = 2");
	char out[256];
	assert_int_equal(verify(&s, out, sizeof out), 1);
	assert_non_null(strstr(out, "broken at entry 2"));
}

static void test_verify_finds_a_deleted_last_entry(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_prepare(&s), 0);
	tamper(&s, "DELETE FROM audit_log WHERE seq = 6");
	char out[256];
	assert_int_equal(verify(&s, out, sizeof out), 1);
	assert_non_null(strstr(out, "broken at entry 6"));
}

static void test_verify_finds_an_inserted_entry(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_prepare(&s), 0);
	/* A forged entry slipped in between 4 and 5, renumbering the rest. */
	tamper(&s, "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 5");
	tamper(&s, "UPDATE audit_log SET seq = seq - 99 WHERE seq >= 105");
	tamper(&s, "INSERT INTO audit_log (seq, at, action, prev_hash, hash) SELECT 5, at, "
		   "'login', hash, hash FROM audit_log WHERE seq = 4");
	tamper(&s, "UPDATE audit_head SET seq = 7");
	char out[256];
	assert_int_equal(verify(&s, out, sizeof out), 1);
	assert_non_null(strstr(out, "broken at entry 5"));
}

static void test_filters_by_the_name_an_entry_records(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "nobody.by.that.name", "wrong-wrong-wrong"), 401);
	client_free(c);
	json_t *page = client_get_json(aud, "/api/v1/audit?actor=nobody.by.that.name", 200);
	json_t *items = json_object_get(page, "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "action")),
			    "login_failed");
	json_decref(page);
	assert_int_equal(count("/api/v1/audit?actor=nobody.by.that"), 0);
}

/* Everything after the header line of a CSV answer. */
static const char *csv_rows(resp *r)
{
	const char *nl = strstr(r->body, "\r\n");
	assert_non_null(nl);
	return nl + 2;
}

static void test_export_is_csv_of_the_filtered_entries_with_formulas_neutralised(void **state)
{
	(void)state;
	/* A name tried at sign-in is whatever a stranger types: a formula too. */
	client *c = client_new(&srv);
	assert_int_equal(client_login(c, "=HYPERLINK(\"http://x.example\")", "wrong-wrong-wrong"), 401);
	assert_int_equal(client_login(c, "+SUM(1,2)", "wrong-wrong-wrong"), 401);
	client_free(c);
	resp *r = client_expect(aud, "GET", "/api/v1/audit/export?action=login_failed&from=2000-01-01T00:00:00Z",
				NULL, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "text/csv; charset=utf-8");
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), "attachment"));
	assert_memory_equal(r->body,
			    "seq,at,actor,actor_id,action,record_type,record_id,purpose,detail,address,"
			    "request_id\r\n",
			    strlen("seq,at,actor,actor_id,action,record_type,record_id,purpose,detail,"
				   "address,request_id\r\n"));
	const char *rows = csv_rows(r);
	/* Newest first; the formulas are quoted text, never a cell that starts
	 * with = or +. */
	assert_non_null(strstr(rows, ",\"'+SUM(1,2)\","));
	assert_non_null(strstr(rows, ",\"'=HYPERLINK(\"\"http://x.example\"\")\","));
	assert_null(strstr(rows, ",=HYPERLINK"));
	assert_null(strstr(rows, ",+SUM"));
	assert_true(strstr(rows, "+SUM") < strstr(rows, "HYPERLINK"));
	/* Only what the filter finds. */
	assert_null(strstr(rows, ",audit_read,"));
	resp_free(r);
	/* Taking the log out is itself in the log, with what was asked for. */
	json_t *page = client_get_json(aud, "/api/v1/audit?action=audit_exported", 200);
	json_t *e = json_array_get(json_object_get(page, "items"), 0);
	assert_non_null(e);
	assert_string_equal(json_string_value(json_object_get(json_object_get(e, "detail"), "action")),
			    "login_failed");
	assert_true(json_integer_value(json_object_get(json_object_get(e, "detail"), "entries")) >= 2);
	json_decref(page);
}

static void test_export_is_for_those_who_may_export_the_log_and_checks_its_filters(void **state)
{
	(void)state;
	const char *others[] = {"admin1", "sup1", "opcc1"};
	for (size_t i = 0; i < 3; i++) {
		client *c = client_signed_in(&srv, others[i]);
		assert_int_equal(client_status(c, "GET", "/api/v1/audit/export", NULL), 403);
		assert_int_equal(client_status(c, "GET", "/api/v1/audit/verification", NULL), 403);
		client_free(c);
	}
	client_expect_query_error(aud, "/api/v1/audit/export?from=yesterday", "from");
	client_expect_query_error(aud, "/api/v1/audit/export?before=0", "before");
}

static void test_export_of_more_than_50000_entries_asks_for_narrower_filters(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	/* Failed sign-ins under no account's name, which an auditor reads. */
	tamper(&s, "INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash) "
		   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50001) "
		   "SELECT 1000000 + i, '2020-01-01T00:00:00Z', 'ghost', 'login_failed', 'x', 'x' FROM n");
	client *a = client_signed_in(&s, "aud1");
	resp *r = client_expect(a, "GET", "/api/v1/audit/export?action=login_failed", NULL, 422);
	assert_non_null(strstr(r->body, "narrow the filters"));
	resp_free(r);
	r = client_expect(a, "GET", "/api/v1/audit/export?action=login_failed&before=1000002", NULL, 200);
	resp_free(r);
	client_free(a);
	assert_int_equal(server_stop(&s), 0);
}

static void test_the_api_verifies_the_chain_and_names_the_first_broken_entry(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	client *a = client_signed_in(&s, "aud1");
	json_t *v = client_get_json(a, "/api/v1/audit/verification", 200);
	assert_true(json_is_true(json_object_get(v, "intact")));
	/* Every entry so far, the check's own included. */
	int64_t entries = json_integer_value(json_object_get(v, "entries"));
	assert_true(entries >= 14);
	assert_null(json_object_get(v, "broken_at"));
	json_decref(v);
	tamper(&s, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");
	v = client_get_json(a, "/api/v1/audit/verification", 200);
	assert_true(json_is_false(json_object_get(v, "intact")));
	assert_int_equal(json_integer_value(json_object_get(v, "broken_at")), 3);
	assert_non_null(strstr(json_string_value(json_object_get(v, "problem")), "altered"));
	json_decref(v);
	/* Each check is itself recorded. */
	assert_int_equal(client_count(a, "/api/v1/audit?action=audit_verified", "items"), 2);
	client_free(a);
	assert_int_equal(server_stop(&s), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_auditors_read_the_log),
		cmocka_unit_test(test_sign_in_sign_out_and_failures_are_recorded),
		cmocka_unit_test(test_filters_by_user_record_action_and_time),
		cmocka_unit_test(test_bad_filters_are_400_naming_the_parameter),
		cmocka_unit_test(test_verify_reports_an_intact_chain),
		cmocka_unit_test(test_verify_finds_an_edited_entry),
		cmocka_unit_test(test_verify_finds_a_deleted_entry),
		cmocka_unit_test(test_verify_finds_a_deleted_last_entry),
		cmocka_unit_test(test_verify_finds_an_inserted_entry),
		cmocka_unit_test(test_filters_by_the_name_an_entry_records),
		cmocka_unit_test(test_export_is_csv_of_the_filtered_entries_with_formulas_neutralised),
		cmocka_unit_test(test_export_is_for_those_who_may_export_the_log_and_checks_its_filters),
		cmocka_unit_test(test_export_of_more_than_50000_entries_asks_for_narrower_filters),
		cmocka_unit_test(test_the_api_verifies_the_chain_and_names_the_first_broken_entry),
	};
	return suite_run(&fixture, tests);
}
