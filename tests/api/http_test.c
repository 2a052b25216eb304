/* The HTTP contract: headers, errors as problem+json, limits, routing,
 * static files, metrics, and a clean stop on SIGTERM. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api/fixtures.h"
#include "support/engines.h"

static server srv;

static const suite fixture = {.srv = &srv};

static void assert_security_headers(resp *r)
{
	const char *csp = resp_header(r, "Content-Security-Policy");
	assert_non_null(csp);
	assert_non_null(strstr(csp, "default-src 'self'"));
	assert_non_null(strstr(csp, "frame-ancestors 'none'"));
	assert_null(strstr(csp, "unsafe-inline"));
	assert_string_equal(resp_header(r, "X-Content-Type-Options"), "nosniff");
	assert_string_equal(resp_header(r, "Referrer-Policy"), "no-referrer");
	assert_int_equal(strlen(resp_header(r, "X-Request-Id")), 16);
}

/* ---- raw sockets, for what libcurl would never send ---- */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A new loopback connection to the server. */
static int raw_connect(const server *s)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

static void raw_send(int fd, const char *text)
{
	size_t len = strlen(text);
	assert_int_equal(send(fd, text, len, MSG_NOSIGNAL), (ssize_t)len);
}

/* Reads what the server sends within ms into out (NUL-terminated). Returns 1
 * when the server closed the connection (end of stream or reset), 0 when it
 * is still open when the time is up. */
static int raw_read(int fd, char *out, size_t outlen, int ms)
{
	size_t at = 0;
	out[0] = '\0';
	double until = now_s() + ms / 1000.0;
	for (;;) {
		int left = (int)((until - now_s()) * 1000);
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (left <= 0 || poll(&p, 1, left) != 1)
			return 0;
		char chunk[4096];
		ssize_t n = recv(fd, chunk, sizeof chunk, 0);
		if (n <= 0)
			return 1;
		size_t take = (size_t)n < outlen - 1 - at ? (size_t)n : outlen - 1 - at;
		memcpy(out + at, chunk, take);
		at += take;
		out[at] = '\0';
	}
}

/* The status of the first answer in text, or 0. */
static int raw_status(const char *text)
{
	int status = 0;
	return sscanf(text, "HTTP/1.1 %d", &status) == 1 ? status : 0;
}

/* The problem+json body of an answer in text, or NULL. */
static json_t *raw_json(const char *text)
{
	const char *body = strstr(text, "\r\n\r\n");
	return body ? json_loads(body + 4, 0, NULL) : NULL;
}

/* Starts a second server on the suite's database with extra arguments. */
static void launch_beside(server *s, const char *const *args)
{
	*s = srv;
	s->pid = 0;
	assert_int_equal(server_launch(s, args), 0);
}

static int log_holds(const server *s, const char *text)
{
	FILE *f = fopen(s->log_path, "r");
	if (!f)
		return 0;
	char line[4096];
	int found = 0;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, text) != NULL;
	fclose(f);
	return found;
}

/* ---- ambiguous requests ---- */

/* Requests two servers could frame two ways, the stuff of request smuggling:
 * each is answered 400 (501 for a coding other than chunked) naming the
 * header at fault, and the connection is closed, since where the next
 * request would start is what is in doubt. "mhd" marks those libmicrohttpd
 * itself refuses (with its own HTML body). */
static void test_ambiguous_framing_is_refused_and_the_connection_closed(void **state)
{
	(void)state;
	static const struct {
		const char *what, *request;
		int status;
		const char *field; /* NULL: refused by libmicrohttpd */
	} cases[] = {
		{"two equal Content-Lengths",
		 "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		 "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
		 400, "Content-Length"},
		{"two different Content-Lengths",
		 "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n"
		 "Content-Length: 40\r\n\r\n{}",
		 400, "Content-Length"},
		{"Content-Length then Transfer-Encoding",
		 "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
		 "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
		 400, "Transfer-Encoding"},
		{"Transfer-Encoding then Content-Length",
		 "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
		 "Content-Length: 5\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
		 400, "Transfer-Encoding"},
		{"a bare LF after the request line", "GET /healthz HTTP/1.1\nHost: t\r\n\r\n", 400,
		 "request line"},
		{"a bare LF after a header", "GET /healthz HTTP/1.1\r\nHost: t\nAccept: */*\r\n\r\n",
		 400, "Host"},
		{"a bare LF ending the header block", "GET /healthz HTTP/1.1\r\nHost: t\r\n\n", 400,
		 "Host"},
		{"bare LFs throughout", "GET /healthz HTTP/1.1\nHost: t\nAccept: */*\n\n", 400,
		 "request line"},
		{"a bare LF after an empty value", "GET /healthz HTTP/1.1\r\nHost: t\r\nX-E:\n\r\n",
		 400, "X-E"},
		{"a bare CR inside a header", "GET /healthz HTTP/1.1\r\nHost: t\rX-A: b\r\n\r\n", 400,
		 "Host"},
		{"a folded header line", "GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: b\r\n c\r\n\r\n",
		 400, "Host"},
		{"a space before the colon",
		 "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\n\r\n"
		 "2\r\n{}\r\n0\r\n\r\n",
		 400, "Transfer-Encoding "},
		{"two Hosts", "GET /healthz HTTP/1.1\r\nHost: t\r\nHost: u\r\n\r\n", 400, "Host"},
		{"a coding other than chunked",
		 "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501,
		 "Transfer-Encoding"},
		{"a list for a Content-Length",
		 "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Length: 2, 2\r\n\r\n{}", 400,
		 NULL},
		{"HTTP/1.1 without Host", "GET /healthz HTTP/1.1\r\n\r\n", 400, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int fd = raw_connect(&srv);
		raw_send(fd, cases[i].request);
		char got[8192];
		int closed = raw_read(fd, got, sizeof got, 5000);
		close(fd);
		if (raw_status(got) != cases[i].status || !closed)
			fail_msg("%s: answered %d and %s the connection: %.200s", cases[i].what,
				 raw_status(got), closed ? "closed" : "kept", got);
		if (!cases[i].field)
			continue;
		json_t *p = raw_json(got);
		json_t *first = json_array_get(json_object_get(p, "errors"), 0);
		const char *field = json_string_value(json_object_get(first, "field"));
		if (!strstr(got, "Content-Type: application/problem+json") || !field ||
		    strcmp(field, cases[i].field) != 0)
			fail_msg("%s: not a problem naming %s: %.400s", cases[i].what,
				 cases[i].field, got);
		assert_non_null(json_string_value(json_object_get(first, "message")));
		assert_int_equal(json_integer_value(json_object_get(p, "status")), cases[i].status);
		json_decref(p);
	}
	/* The same requests framed one way are answered, on a connection kept open. */
	static const char *const fine[] = {
		"GET /healthz HTTP/1.1\r\nHost: t\r\nAccept: */*\r\nX-E:\r\nX-Trail: a  \r\n\r\n",
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		"Content-Length: 2\r\n\r\n{}",
		"POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
		"GET /healthz HTTP/1.0\r\n\r\n",
	};
	const int fine_status[] = {200, 422, 422, 200};
	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
		int fd = raw_connect(&srv);
		raw_send(fd, fine[i]);
		char got[8192];
		int closed = raw_read(fd, got, sizeof got, 400);
		close(fd);
		if (raw_status(got) != fine_status[i])
			fail_msg("well-framed request %zu answered: %.200s", i, got);
		/* HTTP/1.0 closes after each answer; HTTP/1.1 keeps the connection. */
		assert_int_equal(closed, strstr(fine[i], "HTTP/1.0") != NULL);
	}
	/* A large header block arriving in pieces (libmicrohttpd grows its buffer
	 * as it reads) is still read as one block, and answered. */
	size_t n = 16000;
	char *big = malloc(n + 256);
	assert_non_null(big);
	int len = snprintf(big, 256, "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: ");
	memset(big + len, 'x', n);
	snprintf(big + len + n, 200, "\r\nAccept: */*\r\n\r\n");
	int fd = raw_connect(&srv);
	size_t total = strlen(big), step = total / 8 + 1;
	for (size_t at = 0; at < total; at += step) {
		size_t take = total - at < step ? total - at : step;
		assert_int_equal(send(fd, big + at, take, MSG_NOSIGNAL), (ssize_t)take);
		usleep(20000);
	}
	char got[8192];
	raw_read(fd, got, sizeof got, 400);
	assert_int_equal(raw_status(got), 200);
	close(fd);
	free(big);
}

/* ---- connections per address and slow senders ---- */

static void test_connections_over_the_per_address_cap_are_refused(void **state)
{
	(void)state;
	server s;
	const char *args[] = {"--max-connections-per-address", "3", NULL};
	launch_beside(&s, args);
	const char *get = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
	int held[3];
	char got[4096];
	for (int i = 0; i < 3; i++) {
		held[i] = raw_connect(&s);
		raw_send(held[i], get);
		assert_int_equal(raw_read(held[i], got, sizeof got, 300), 0);
		assert_int_equal(raw_status(got), 200);
	}
	/* A fourth from the same address is closed without an answer. */
	int extra = raw_connect(&s);
	send(extra, get, strlen(get), MSG_NOSIGNAL);
	assert_int_equal(raw_read(extra, got, sizeof got, 3000), 1);
	assert_string_equal(got, "");
	close(extra);
	/* The three held are still served. */
	raw_send(held[0], get);
	raw_read(held[0], got, sizeof got, 300);
	assert_int_equal(raw_status(got), 200);
	/* Once one closes, a new one is let in. */
	close(held[2]);
	int status = 0;
	for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
		usleep(20000);
		int fd = raw_connect(&s);
		send(fd, get, strlen(get), MSG_NOSIGNAL);
		raw_read(fd, got, sizeof got, 300);
		status = raw_status(got);
		close(fd);
	}
	assert_int_equal(status, 200);
	close(held[0]);
	close(held[1]);
	assert_int_equal(server_stop(&s), 0);
}

static void test_a_partial_request_left_silent_is_closed_at_the_idle_timeout(void **state)
{
	(void)state;
	server s;
	const char *args[] = {"--idle-timeout", "1", NULL};
	launch_beside(&s, args);
	int fd = raw_connect(&s);
	double t0 = now_s();
	raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\n");
	char got[4096];
	assert_int_equal(raw_read(fd, got, sizeof got, 6000), 1);
	double took = now_s() - t0;
	if (took < 0.9 || took > 4.0)
		fail_msg("closed after %.2f s, not about 1", took);
	assert_string_equal(got, "");
	close(fd);
	assert_int_equal(server_stop(&s), 0);
}

/* Sends text a byte at a time, a byte every 100 ms, until the server closes
 * the connection or 10 s pass. Returns the seconds it took, or -1. */
static double trickle(int fd, const char *text)
{
	double t0 = now_s();
	for (size_t i = 0; now_s() - t0 < 10; i++) {
		char got[256];
		if (raw_read(fd, got, sizeof got, 100))
			return got[0] ? -1 : now_s() - t0;
		char c = text[i % strlen(text)];
		if (send(fd, &c, 1, MSG_NOSIGNAL) != 1)
			return now_s() - t0;
	}
	return -1;
}

static void test_a_request_trickled_in_is_closed_at_its_deadline(void **state)
{
	(void)state;
	server s;
	const char *args[] = {"--request-timeout", "2", "--idle-timeout", "30", NULL};
	launch_beside(&s, args);
	/* Headers a byte at a time: the connection is never idle, yet closed. */
	int fd = raw_connect(&s);
	raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ");
	double took = trickle(fd, "a");
	close(fd);
	if (took < 1.9 || took > 5.0)
		fail_msg("headers trickled in: closed after %.2f s, not about 2", took);
	/* A body a byte at a time, likewise. */
	fd = raw_connect(&s);
	raw_send(fd, "POST /api/v1/session HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
		     "Content-Length: 1000\r\n\r\n{\"username\":\"");
	took = trickle(fd, "a");
	close(fd);
	if (took < 1.9 || took > 5.0)
		fail_msg("a body trickled in: closed after %.2f s, not about 2", took);
	assert_true(log_holds(&s, "did not send a whole request within 2 s"));
	/* A request that arrives whole is answered, and so is the next on its connection
	 * after a pause shorter than the deadline. */
	fd = raw_connect(&s);
	char got[4096];
	raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
	assert_int_equal(raw_read(fd, got, sizeof got, 300), 0);
	assert_int_equal(raw_status(got), 200);
	usleep(1000000);
	raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
	assert_int_equal(raw_read(fd, got, sizeof got, 300), 0);
	assert_int_equal(raw_status(got), 200);
	close(fd);
	assert_int_equal(server_stop(&s), 0);
}

/* ---- /metrics ---- */

static void write_private(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(chmod(path, mode), 0);
}

#define METRICS_TOKEN "b2f7c1e4a9d3508e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70"

static void test_metrics_answer_only_a_trusted_loopback_peer_or_the_token(void **state)
{
	(void)state;
	char token_file[512];
	snprintf(token_file, sizeof token_file, "%s/metrics-%d.token", test_tmpdir(), srv.port);
	write_private(token_file, METRICS_TOKEN "\n", 0600);
	/* Loopback not trusted (as behind a proxy on this machine): the token only.
	 * The file is named through the environment here. */
	setenv("WAYMARK_METRICS_TOKEN_FILE", token_file, 1);
	server s;
	const char *args[] = {"--trust-loopback-metrics", "no", NULL};
	launch_beside(&s, args);
	unsetenv("WAYMARK_METRICS_TOKEN_FILE");
	client *c = client_new(&s);
	resp *nothing = client_req(c, "GET", "/no-such-page", NULL, NULL);
	const char *none[] = {NULL};
	const char *wrong[] = {"Authorization: Bearer " METRICS_TOKEN "0", NULL};
	const char *basic[] = {"Authorization: Basic " METRICS_TOKEN, NULL};
	const char *bare[] = {"Authorization: " METRICS_TOKEN, NULL};
	const char *const *refused[] = {none, wrong, basic, bare};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		resp *r = client_req(c, "GET", "/metrics", NULL, refused[i]);
		/* Told exactly what an address with nothing behind it is told. */
		assert_int_equal(r->status, 404);
		assert_string_equal(resp_header(r, "Content-Type"), "application/problem+json");
		assert_true(json_equal(r->json, nothing->json));
		assert_null(strstr(r->body, "waymark_"));
		resp_free(r);
	}
	resp_free(nothing);
	const char *right[] = {"Authorization: Bearer " METRICS_TOKEN, NULL};
	resp *r = client_req(c, "GET", "/metrics", NULL, right);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(r->body, "waymark_http_requests_total"));
	resp_free(r);
	client_free(c);
	assert_int_equal(server_stop(&s), 0);

	/* A token file others may read, or one too short to be a secret, stops serve. */
	const char *with_file[] = {"--metrics-token-file", token_file, NULL};
	chmod(token_file, 0640);
	assert_int_not_equal(server_launch(&s, with_file), 0);
	assert_int_equal(s.exit_status, 1);
	char fix[600];
	snprintf(fix, sizeof fix, "chmod 600 %s", token_file);
	assert_true(log_holds(&s, fix));
	write_private(token_file, "short\n", 0600);
	assert_int_not_equal(server_launch(&s, with_file), 0);
	assert_int_equal(s.exit_status, 1);
	assert_true(log_holds(&s, "openssl rand -hex 32"));
	const char *bad_trust[] = {"--trust-loopback-metrics", "maybe", NULL};
	assert_int_not_equal(server_launch(&s, bad_trust), 0);
	assert_int_equal(s.exit_status, 2);
}

static void test_healthz_answers_ok_with_security_headers(void **state)
{
	(void)state;
	resp *r = anonymous_expect(&srv, "GET", "/healthz", NULL, 200);
	/* Without ClamAV's full database it also says it scans with test signatures. */
	assert_non_null(r->json);
	assert_string_equal(json_string_value(json_object_get(r->json, "status")), "ok");
	assert_security_headers(r);
	assert_string_equal(resp_header(r, "Cache-Control"), "no-store");
	resp_free(r);
}

static void test_every_error_is_problem_json_with_security_headers(void **state)
{
	(void)state;
	resp *r = anonymous_expect(&srv, "GET", "/api/v1/no-such-thing", NULL, 404);
	assert_string_equal(resp_header(r, "Content-Type"), "application/problem+json");
	assert_int_equal(json_integer_value(json_object_get(r->json, "status")), 404);
	assert_non_null(json_object_get(r->json, "title"));
	assert_non_null(json_object_get(r->json, "detail"));
	assert_security_headers(r);
	resp_free(r);
}

static void test_wrong_method_is_405_with_allow(void **state)
{
	(void)state;
	resp *r = anonymous_expect(&srv, "PATCH", "/api/v1/session", NULL, 405);
	assert_string_equal(resp_header(r, "Allow"), "POST, DELETE");
	resp_free(r);
}

static void test_bodies_over_one_mebibyte_are_413(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	size_t n = 1024 * 1024 + 10;
	char *big = malloc(n + 1);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	assert_int_equal(client_status(c, "POST", "/api/v1/session", big), 413);
	free(big);
	/* The server goes on answering. */
	assert_int_equal(client_status(c, "GET", "/healthz", NULL), 200);
	client_free(c);
}

static void test_bodies_must_be_declared_json_415(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	const char *body = "{\"username\":\"a\",\"password\":\"b\"}";
	assert_int_equal(resp_status(client_raw(c, "POST", "/api/v1/session", body, strlen(body), NULL)), 415);
	const char *h[] = {"Content-Type: text/plain", NULL};
	assert_int_equal(resp_status(client_raw(c, "POST", "/api/v1/session", body, strlen(body), h)), 415);
	client_free(c);
}

static void assert_400(client *c, const char *body, size_t len, const char *detail_part)
{
	const char *h[] = {"Content-Type: application/json", NULL};
	resp *r = client_raw(c, "POST", "/api/v1/session", body, len, h);
	assert_int_equal(r->status, 400);
	assert_string_equal(resp_header(r, "Content-Type"), "application/problem+json");
	if (detail_part)
		assert_non_null(strstr(json_string_value(json_object_get(r->json, "detail")),
				       detail_part));
	resp_free(r);
}

static void test_malformed_json_is_400_saying_why(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	assert_400(c, "{\"username\":", 12, "not valid JSON");
	assert_400(c, "[1,2]", 5, "object");
	assert_400(c, "", 0, "empty");
	const char dup[] = "{\"username\":\"a\",\"username\":\"b\",\"password\":\"c\"}";
	assert_400(c, dup, sizeof dup - 1, "duplicate");
	const char bad_utf8[] = "{\"username\":\"\xff\xfe\",\"password\":\"c\"}";
	assert_400(c, bad_utf8, sizeof bad_utf8 - 1, NULL);
	const char nul[] = "{\"username\":\"a\\u0000b\",\"password\":\"c\"}";
	assert_400(c, nul, sizeof nul - 1, NULL);
	client_free(c);
}

static void test_unknown_fields_and_wrong_types_are_422_field_by_field(void **state)
{
	(void)state;
	resp *r = anonymous_expect(&srv, "POST", "/api/v1/session",
				   "{\"username\":7,\"admin\":true}", 422);
	json_t *errors = json_object_get(r->json, "errors");
	assert_int_equal(json_array_size(errors), 3);
	int saw_user = 0, saw_admin = 0, saw_pw = 0;
	size_t i;
	json_t *e;
	json_array_foreach(errors, i, e)
	{
		const char *f = json_string_value(json_object_get(e, "field"));
		const char *m = json_string_value(json_object_get(e, "message"));
		assert_non_null(m);
		saw_user |= strcmp(f, "username") == 0 && strstr(m, "string") != NULL;
		saw_admin |= strcmp(f, "admin") == 0 && strstr(m, "not a known field") != NULL;
		saw_pw |= strcmp(f, "password") == 0 && strstr(m, "required") != NULL;
	}
	assert_true(saw_user && saw_admin && saw_pw);
	resp_free(r);
}

static void test_static_files_have_their_types_and_stay_inside_the_folder(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "GET", "/", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "text/html; charset=utf-8");
	assert_security_headers(r);
	resp_free(r);
	assert_int_equal(client_status(c, "GET", "/sign-in", NULL), 200);
	r = client_req(c, "GET", "/vendor/govuk-frontend.min.css", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "text/css; charset=utf-8");
	resp_free(r);
	r = client_req(c, "GET", "/js/api.js", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "text/javascript; charset=utf-8");
	resp_free(r);
	const char *escapes[] = {"/../Makefile", "/%2e%2e/Makefile", "/.stamp", "//etc/passwd",
				 "/vendor/../../Makefile"};
	for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
		assert_int_equal(client_status(c, "GET", escapes[i], NULL), 404);
	}
	client_free(c);
}

/* A browser asking for a page that is not there is shown "Page not found"
 * with status 404; the API and scripts always get a JSON problem. */
static void test_a_missing_page_answers_a_page_to_a_browser_and_json_to_the_rest(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	const char *const html[] = {"Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", NULL};
	const char *const missing[] = {"/no-such-page", "/cases/old", "/404", "/500"};
	for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
		resp *r = client_req(c, "GET", missing[i], NULL, html);
		assert_int_equal(r->status, 404);
		assert_string_equal(resp_header(r, "Content-Type"), "text/html; charset=utf-8");
		assert_non_null(strstr(r->body, "<h1 class=\"govuk-heading-l\">Page not found</h1>"));
		assert_security_headers(r);
		resp_free(r);
	}
	resp *r = client_req(c, "GET", "/no-such-page", NULL, NULL); /* no Accept: a script */
	assert_int_equal(r->status, 404);
	assert_string_equal(json_string_value(json_object_get(r->json, "title")), "Not Found");
	resp_free(r);
	r = client_req(c, "GET", "/api/v1/no-such-thing", NULL, html);
	assert_int_equal(r->status, 404);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "application/problem+json"));
	resp_free(r);
	r = client_req(c, "GET", "/../Makefile", NULL, html); /* escapes stay refused, as a page */
	assert_int_equal(r->status, 404);
	assert_null(strstr(r->body, "CFLAGS"));
	resp_free(r);
	/* The problem pages themselves, for scripts to show. */
	const char *const pages[][2] = {{"/403.html", "You cannot do this"},
					{"/500.html", "Sorry, there is a problem with the service"}};
	for (size_t i = 0; i < 2; i++) {
		r = client_req(c, "GET", pages[i][0], NULL, html);
		assert_int_equal(r->status, 200);
		assert_non_null(strstr(r->body, pages[i][1]));
		resp_free(r);
	}
	client_free(c);
}

static void test_metrics_count_requests_by_route_and_status(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "GET", "/healthz", NULL, NULL);
	resp_free(r);
	r = client_req(c, "GET", "/metrics", NULL, NULL);
	assert_int_equal(r->status, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "text/plain"));
	assert_non_null(strstr(
		r->body,
		"waymark_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"));
	assert_non_null(strstr(r->body, "waymark_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
	assert_non_null(strstr(r->body, "waymark_sessions_open "));
	assert_non_null(strstr(r->body, "waymark_db_errors_total "));
	const char *cache[] = {"hits", "misses", "evictions"};
	for (size_t i = 0; i < sizeof cache / sizeof cache[0]; i++) {
		char line[96];
		snprintf(line, sizeof line,
			 "# TYPE waymark_statement_cache_%s_total counter\n"
			 "waymark_statement_cache_%s_total ",
			 cache[i], cache[i]);
		assert_non_null(strstr(r->body, line));
	}
	/* Answering the requests before this one prepared statements. */
	assert_null(strstr(r->body, "waymark_statement_cache_misses_total 0\n"));
	resp_free(r);
	client_free(c);
}

static void test_openapi_document_is_served(void **state)
{
	(void)state;
	resp *r = anonymous_expect(&srv, "GET", "/api/v1/openapi.json", NULL, 200);
	assert_non_null(r->json);
	assert_string_equal(json_string_value(json_object_get(r->json, "openapi")), "3.1.0");
	resp_free(r);
}

static void test_request_log_names_route_status_and_never_a_password(void **state)
{
	(void)state;
	client *c = client_signed_in(&srv, "inv1");
	client_free(c);
	/* The line is written when the response is done, which may be just after
	 * the client has it: look a few times. */
	int seen = 0;
	for (int attempt = 0; attempt < 50 && !seen; attempt++) {
		if (attempt)
			usleep(20000);
		FILE *f = fopen(srv.log_path, "r");
		assert_non_null(f);
		char line[4096];
		while (fgets(line, sizeof line, f)) {
			assert_null(strstr(line, TEST_PASSWORD));
			assert_null(strstr(line, "wm_session"));
			if (strstr(line, "\"route\":\"/api/v1/session\"") &&
			    strstr(line, "\"status\":201") && strstr(line, "\"method\":\"POST\"") &&
			    strstr(line, "\"us\":") && strstr(line, "\"user\":\""))
				seen = 1;
		}
		fclose(f);
	}
	assert_true(seen);
}

struct slow {
	server *s;
	long status;
};

static void *slow_login(void *arg)
{
	struct slow *sl = arg;
	client *c = client_new(sl->s);
	sl->status = client_login(c, "inv1", TEST_PASSWORD);
	client_free(c);
	return NULL;
}

/* Starts four sign-ins (each an argon2id hash), sends SIGTERM after wait_ms
 * and answers how many finished; each must have finished (201) or never
 * been accepted (connection refused), never cut off. */
static int sign_ins_cut_by_sigterm(long wait_ms)
{
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	pthread_t t[4];
	struct slow sl[4];
	for (int i = 0; i < 4; i++) {
		sl[i].s = &s;
		sl[i].status = 0;
		pthread_create(&t[i], NULL, slow_login, &sl[i]);
	}
	struct timespec ts = {wait_ms / 1000, (wait_ms % 1000) * 1000 * 1000};
	nanosleep(&ts, NULL);
	assert_int_equal(server_stop(&s), 0);
	int finished = 0;
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		if (sl[i].status != 201 && sl[i].status != -1)
			fprintf(stderr, "in-flight sign-in answered %ld\n", sl[i].status);
		assert_true(sl[i].status == 201 || sl[i].status == -1);
		finished += sl[i].status == 201;
	}
	return finished;
}

static void test_sigterm_finishes_requests_in_flight_and_exits_zero(void **state)
{
	(void)state;
	/* On a busy machine the first SIGTERM may come before any sign-in is
	 * accepted; waiting longer each time, at least one must be caught in
	 * flight and finished. */
	static const long waits[] = {30, 150, 600, 2000};
	int finished = 0;
	for (size_t i = 0; i < sizeof waits / sizeof *waits && !finished; i++)
		finished = sign_ins_cut_by_sigterm(waits[i]);
	assert_true(finished >= 1);
}

static void test_over_tls_the_cookie_is_secure_and_hsts_is_sent(void **state)
{
	(void)state;
	char cert[TLS_PATH_LEN], key[TLS_PATH_LEN];
	tls_files_make("http", cert, key);
	server s;
	const char *args[] = {"--tls-cert", cert, "--tls-key", key, NULL};
	assert_int_equal(server_start(&s, args), 0);
	assert_non_null(strstr(s.base, "https://"));
	client *c = client_new(&s);
	resp *r = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 201);
	assert_non_null(strstr(resp_header(r, "Strict-Transport-Security"), "max-age="));
	/* The __Host- prefix: the browser keeps it only Secure, for Path=/ and with
	 * no Domain, so no other host and no plain-HTTP page can set or shadow it. */
	char cookie[256];
	snprintf(cookie, sizeof cookie, "%s", resp_header(r, "Set-Cookie"));
	assert_int_equal(strncmp(cookie, "__Host-wm_session=", 18), 0);
	assert_non_null(strstr(cookie, "; Secure"));
	assert_non_null(strstr(cookie, "; Path=/;"));
	assert_null(strstr(cookie, "Domain"));
	snprintf(c->csrf, sizeof c->csrf, "%s",
		 json_string_value(json_object_get(r->json, "csrf_token")));
	char token[64];
	snprintf(token, sizeof token, "%.*s", (int)strcspn(cookie + 18, ";"), cookie + 18);
	resp_free(r);
	/* libcurl applies the prefix's rules too, and sends it back. */
	assert_int_equal(client_status(c, "GET", "/api/v1/me", NULL), 200);
	/* The session is read under that name only. */
	client *other = client_new(&s);
	char plain[128], prefixed[128];
	snprintf(plain, sizeof plain, "Cookie: wm_session=%s", token);
	snprintf(prefixed, sizeof prefixed, "Cookie: __Host-wm_session=%s", token);
	const char *plain_h[] = {plain, NULL}, *prefixed_h[] = {prefixed, NULL};
	r = client_req(other, "GET", "/api/v1/me", NULL, plain_h);
	assert_int_equal(r->status, 401);
	resp_free(r);
	r = client_req(other, "GET", "/api/v1/me", NULL, prefixed_h);
	assert_int_equal(r->status, 200);
	resp_free(r);
	client_free(other);
	/* Signing out clears it under the same name. */
	r = client_req(c, "DELETE", "/api/v1/session", NULL, NULL);
	assert_int_equal(r->status, 204);
	assert_int_equal(strncmp(resp_header(r, "Set-Cookie"), "__Host-wm_session=;", 19), 0);
	assert_non_null(strstr(resp_header(r, "Set-Cookie"), "Max-Age=0"));
	resp_free(r);
	client_free(c);
	assert_int_equal(server_stop(&s), 0);
}

static void test_without_tls_the_cookie_is_plain_wm_session(void **state)
{
	(void)state;
	client *c = client_new(&srv);
	resp *r = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 201);
	const char *cookie = resp_header(r, "Set-Cookie");
	assert_int_equal(strncmp(cookie, "wm_session=", 11), 0);
	assert_null(strstr(cookie, "Secure"));
	resp_free(r);
	assert_int_equal(client_status(c, "GET", "/api/v1/me", NULL), 200);
	client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_healthz_answers_ok_with_security_headers),
		cmocka_unit_test(test_every_error_is_problem_json_with_security_headers),
		cmocka_unit_test(test_wrong_method_is_405_with_allow),
		cmocka_unit_test(test_bodies_over_one_mebibyte_are_413),
		cmocka_unit_test(test_bodies_must_be_declared_json_415),
		cmocka_unit_test(test_malformed_json_is_400_saying_why),
		cmocka_unit_test(test_unknown_fields_and_wrong_types_are_422_field_by_field),
		cmocka_unit_test(test_static_files_have_their_types_and_stay_inside_the_folder),
		cmocka_unit_test(test_a_missing_page_answers_a_page_to_a_browser_and_json_to_the_rest),
		cmocka_unit_test(test_metrics_count_requests_by_route_and_status),
		cmocka_unit_test(test_openapi_document_is_served),
		cmocka_unit_test(test_request_log_names_route_status_and_never_a_password),
		cmocka_unit_test(test_sigterm_finishes_requests_in_flight_and_exits_zero),
		cmocka_unit_test(test_over_tls_the_cookie_is_secure_and_hsts_is_sent),
		cmocka_unit_test(test_without_tls_the_cookie_is_plain_wm_session),
		cmocka_unit_test(test_ambiguous_framing_is_refused_and_the_connection_closed),
		cmocka_unit_test(test_connections_over_the_per_address_cap_are_refused),
		cmocka_unit_test(test_a_partial_request_left_silent_is_closed_at_the_idle_timeout),
		cmocka_unit_test(test_a_request_trickled_in_is_closed_at_its_deadline),
		cmocka_unit_test(test_metrics_answer_only_a_trusted_loopback_peer_or_the_token),
	};
	return suite_run(&fixture, tests);
}
