/* API test fixtures: a suite of tests around one server with its accounts
 * signed in, the checks most tests make of an answer, the records they begin
 * from (a case, a person's part in it), and reads of the server's database. */
#ifndef WAYMARK_TESTS_API_FIXTURES_H
#define WAYMARK_TESTS_API_FIXTURES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "api/client.h"
#include "store/db.h"

#define ID_LEN 64 /* room for any id the API answers with */

struct CMUnitTest;

/* An account signed in for the whole of a suite: where its client goes and
 * the account's username (its password is TEST_PASSWORD). */
typedef struct suite_login {
	client **c;
	const char *username;
} suite_login;

/* A suite: one server, made with the standard accounts before the first test
 * and stopped after the last. Every member may be NULL: with no srv, each
 * test starts servers of its own. */
typedef struct suite {
	server *srv;
	/* Adds the suite's own accounts before the server starts: 0 or -1. */
	int (*accounts)(server *s);
	const char *const *serve_args; /* extra serve arguments, NULL-terminated */
	const suite_login *logins;     /* ended by an entry whose c is NULL */
	/* Makes the records the tests share once the logins are in: 0 or -1. */
	int (*records)(void);
} suite;

/* Runs tests as one group, named for the engine under test, inside the
 * suite, with libcurl set up around it. Returns the number of tests that
 * failed; a suite that cannot start fails them all. */
#define suite_run(s, tests) suite_run_tests((s), (tests), sizeof(tests) / sizeof((tests)[0]))
int suite_run_tests(const suite *s, const struct CMUnitTest *tests, size_t n);

/* A new client of s signed in as username; fails the test when the account
 * cannot sign in with password. The caller frees it. */
client *client_signed_in_with(server *s, const char *username, const char *password);
/* client_signed_in_with, with TEST_PASSWORD. */
client *client_signed_in(server *s, const char *username);

/* Sends a request and fails the test, naming the request and the answer,
 * unless the answer's status is want. The caller frees the answer. */
resp *client_expect(client *c, const char *method, const char *path, const char *body, long want);
/* Sends one request to s as a new client that has not signed in, and
 * fails the test unless the answer's status is want. The caller frees the
 * answer. */
resp *anonymous_expect(server *s, const char *method, const char *path, const char *body, long want);
/* client_expect, freeing the answer. */
void client_expect_free(client *c, const char *method, const char *path, const char *body,
			long want);
/* GETs the path formatted from fmt as c, failing the test unless the
 * answer's status is want; frees the answer. */
void client_get_expect(client *c, long want, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sends a request and returns the answer's status, freeing the answer. */
long client_status(client *c, const char *method, const char *path, const char *body);
/* GETs path and returns how many elements the answer's array member holds
 * (0 when it has none), whatever the status. */
size_t client_count(client *c, const char *path, const char *member);
/* GETs path and fails the test unless the status is want; returns the
 * answer's JSON (the caller decrefs it). */
json_t *client_get_json(client *c, const char *path, long want);
/* POSTs body to path, fails the test unless the answer is 201, and copies
 * the id it answers with into out unless out is NULL. Returns out. */
char *client_post_id(client *c, const char *path, const char *body, char out[ID_LEN]);

/* PATCHes path as c with the version c reads there now (If-Match its ETag).
 * The caller frees the answer. */
resp *client_patch_current(client *c, const char *path, const char *body);
/* The same with PUT: reads path's ETag and PUTs body naming it in If-Match. */
resp *client_put_current(client *c, const char *path, const char *body);

/* Gives the person a part in the case in the role, as c; copies the id of
 * that part (the link) into out unless out is NULL. Fails the test unless
 * the answer is 201. */
void case_link_person(client *c, const char *case_id, const char *person_id, const char *role,
		      char out[ID_LEN]);

/* A service of the directory given by the partner organisation provider
 * (an id), commissioned by c (an administrator or a Commissioner's
 * office): for ages 18 to 120, in English and Albanian, answering within
 * hours; copies its id into out. Fails the test unless the answer is 201. */
void service_make(client *c, const char *name, const char *provider, int hours, char out[ID_LEN]);
/* Records the person's consent to share for support, as c. */
void consent_for_support(client *c, const char *person_id);
/* Refers the part in the case (link) to the service as c, routinely;
 * copies the referral's id into out unless out is NULL. Fails the test
 * unless the answer is 201. */
void service_refer(client *c, const char *case_id, const char *link, const char *service_id, char out[ID_LEN]);
/* The id of the partner organisation named name, as c lists partners
 * ("" when c sees none so named). */
void partner_id(client *c, const char *name, char out[ID_LEN]);

/* The person whose part in the case (read as c, wanting 200) is the link,
 * or NULL. The caller decrefs it. */
json_t *case_person(client *c, const char *case_id, const char *link);
/* The first item of c's worklist (read wanting 200) of the kind and, unless
 * record_id is NULL, about that record; NULL when there is none. The caller
 * decrefs it. */
json_t *worklist_item(client *c, const char *kind, const char *record_id);
/* How many of the audit entries of the action that aud1 sees on s (the
 * first page) name the record, or all of them when record_id is NULL. */
int audit_count(server *s, const char *action, const char *record_id);

/* The status of r, which it frees. */
long resp_status(resp *r);
/* The field named by the first of a 422's errors, or NULL. Valid until resp_free. */
const char *resp_error_field(resp *r);
/* Fails the test unless r is a 422 whose first error names the field; frees r. */
void resp_expect_field(resp *r, const char *field);
/* Whether any of a 422's errors names the field. */
int resp_has_error_for(resp *r, const char *field);
/* Fails the test unless r is a 422 one of whose errors names the field; frees r. */
void resp_expect_error_for(resp *r, const char *field);
/* GETs path as c and fails unless it answers 400 naming the query parameter. */
void client_expect_query_error(client *c, const char *path, const char *param);

/* The first object of array whose member key is the string value, or NULL.
 * Borrowed from array. */
json_t *json_find(json_t *array, const char *key, const char *value);
/* Whether array holds the string value. */
int json_holds(json_t *array, const char *value);

#define TLS_PATH_LEN 400

/* Makes a throwaway self-signed certificate for 127.0.0.1, and its key, in
 * the tests' temporary folder as NAME-cert.pem and NAME-key.pem; writes
 * their paths. Fails the test when openssl cannot. */
void tls_files_make(const char *name, char cert[TLS_PATH_LEN], char key[TLS_PATH_LEN]);

/* Opens the server's database; fails the test when it cannot. The caller
 * closes it. */
db *server_db_open(server *s);
/* The first column of the one row sql answers, with param bound to $1
 * unless it is NULL; fails the test when there is no row. The text is in a
 * static buffer, good until the next call. */
const char *server_db_text(server *s, const char *sql, const char *param);
/* server_db_text's column as an integer. */
int64_t server_db_int(server *s, const char *sql, const char *param);
/* Runs sql with its n params; fails the test when it fails. */
void server_db_run(server *s, const char *sql, int n, const char *const *params);

#endif
