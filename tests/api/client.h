/* API test support: a real waymark server on a free loopback port, and an
 * HTTP client (libcurl) with its own cookie jar. */
#ifndef WAYMARK_TESTS_API_CLIENT_H
#define WAYMARK_TESTS_API_CLIENT_H

#include <curl/curl.h>
#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

#define TEST_PASSWORD "correct-horse-battery"
#define TEST_OPCC "Test Commissioner's Office"

typedef struct server {
	char db_url[512];
	char base[64];
	char log_path[512];
	char key_path[512];
	int port;
	pid_t pid;
	int exit_status; /* when server_launch failed because the server exited: its exit status */
} server;

typedef struct resp {
	long status;
	char *body;
	size_t len;
	json_t *json; /* parsed body, or NULL */
	char *headers;
	size_t hlen;
} resp;

typedef struct client {
	CURL *curl;
	server *srv;
	char csrf[64];
} client;

/* The headers that carry c's session for a request written by hand:
 * "Cookie: wm_session=...\r\nX-CSRF-Token: ...\r\n", or "" when c has
 * none. */
void client_session_headers(client *c, char *out, size_t outlen);

/* The engine under test: WAYMARK_TEST_ENGINE (sqlite by default). */
const char *test_engine_name(void);
/* Creates a database, the standard accounts (admin1, sup1, inv1, inv2 in
 * another team, aud1 of "Test Constabulary"; opcc1 of TEST_OPCC, whose area
 * is the force; part1 of the partner "Hope Support Services", hosted by the
 * force; password TEST_PASSWORD), switches the second factor off for those
 * three organisations, and starts the server with extra serve arguments
 * (NULL-terminated, may be NULL). Returns 0 or -1. */
int server_start(server *s, const char *const *extra_args);
/* Creates the database and accounts without starting a server: a copy of
 * a template made once for the program, so every such database holds the
 * same accounts and shares one key. */
int server_prepare(server *s);
/* The same, made afresh: a database with a key of its own. */
int server_prepare_own(server *s);
/* Adds an account to the organisation (and team, unless NULL) with
 * TEST_PASSWORD through the command line. Returns its exit status. */
int server_add_account(server *s, const char *username, const char *role, const char *org,
		       const char *team);
/* Lets the organisation's accounts sign in without a second factor (a new
 * organisation requires one of every role). Returns the exit status. */
int server_second_factor_off(server *s, const char *org);
/* The server's documents folder (beside its key file), into out. */
void server_documents_dir(const server *s, char *out, size_t n);
/* Starts the server on a prepared database. */
int server_launch(server *s, const char *const *extra_args);
/* Starts another server on a's database and key, on a port and log of its
 * own, as a second server behind a load balancer is. Writes b whole;
 * stop it with server_stop. Returns 0 or -1. */
int server_launch_beside(server *b, const server *a, const char *const *extra_args);
/* Sends c's later requests to s, keeping its cookies and CSRF token: one
 * browser whose requests a load balancer sends to another server. */
void client_use(client *c, server *s);
/* Sends SIGTERM and returns the exit status (0 for a clean stop), or -1. */
int server_stop(server *s);

client *client_new(server *s);
/* A client whose connections come from the loopback address addr
 * (127.0.0.2, ...), so the server sees another peer. Never NULL. */
client *client_new_from(server *s, const char *addr);
void client_free(client *c);
/* Sends a request; body is JSON text (sent as application/json) or NULL.
 * headers: NULL-terminated "Name: value" strings, or NULL. Never NULL. */
resp *client_req(client *c, const char *method, const char *path, const char *body,
		 const char *const *headers);
/* Sends a request with a raw body and no automatic Content-Type. */
resp *client_raw(client *c, const char *method, const char *path, const char *body, size_t len,
		 const char *const *headers);
/* Signs in; keeps the CSRF token for later unsafe requests. Returns the status. */
long client_login(client *c, const char *username, const char *password);
/* The value of a response header (case-insensitive), or NULL. Valid until resp_free. */
const char *resp_header(resp *r, const char *name);
void resp_free(resp *r);

/* Runs `waymark ARGS...` against the server's database with stdin_text on
 * standard input; captures standard output into out. Returns the exit status. */
int run_waymark(server *s, const char *stdin_text, char *out, size_t outlen,
		const char *const *args);
/* The same, capturing standard error (what it says when it refuses) into err. */
int run_waymark_errors(server *s, const char *stdin_text, char *err, size_t errlen, const char *const *args);

#endif
