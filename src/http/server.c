/* The libmicrohttpd server: the two-phase request handler, replies with the
 * security headers, static files, logging, and a clean stop on SIGTERM. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http/deadline.h"
#include "http/forwarded.h"
#include "http/framing.h"
#include "http/http.h"
#include "http/metrics.h"
#include "http/request.h"
#include "http/router.h"
#include "http/upload.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/fault.h"
#include "lib/log.h"
#include "lib/oom.h"
#include "lib/secure.h"
#include <sodium.h>

#define LABEL_STATIC -1
#define LABEL_UNMATCHED -2

static const char CSP[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
			  "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
			  "object-src 'none'; base-uri 'none'; form-action 'self'; "
			  "frame-ancestors 'none'";

static atomic_int active_requests;

/* The proxies whose X-Forwarded-For is believed: set as the server starts. */
static forwarded_proxies proxies;

/* ---- replies ---- */

void http_reply_header(http_req *req, const char *name, const char *value)
{
	hdr *h = arena_alloc(req->arena, sizeof *h);
	if (!h)
		return;
	h->name = arena_strdup(req->arena, name);
	h->value = arena_strdup(req->arena, value);
	if (!h->name || !h->value)
		return;
	h->next = req->headers;
	req->headers = h;
}

void http_reply_headers_drop(http_req *req)
{
	req->headers = NULL;
}

static int has_header(const http_req *req, const char *name);

static void add_common_headers(http_req *req, struct MHD_Response *r)
{
	/* A reply may narrow the policy (a document's download): it then
	 * sends its own in place of the pages' one. */
	if (!has_header(req, "Content-Security-Policy"))
		MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy",
				"camera=(), microphone=(), geolocation=(), interest-cohort=()");
	MHD_add_response_header(r, "X-Request-Id", req->request_id);
	if (req->tls)
		MHD_add_response_header(r, "Strict-Transport-Security",
					"max-age=31536000; includeSubDomains");
	for (hdr *h = req->headers; h; h = h->next)
		MHD_add_response_header(r, h->name, h->value);
}

static int has_header(const http_req *req, const char *name)
{
	for (const hdr *h = req->headers; h; h = h->next)
		if (strcasecmp(h->name, name) == 0)
			return 1;
	return 0;
}

static void queue(http_req *req, int status, struct MHD_Response *r)
{
#ifdef WAYMARK_FAULTS
	/* The test build says whether the fault asked for was met; what the
	 * server does after queueing the reply is not counted. */
	if (r && fault_armed()) {
		char met[64];
		fault_report(met, sizeof met);
		MHD_add_response_header(r, FAULT_HEADER, met);
	}
	fault_disarm();
#endif
	if (!r) {
		/* Out of memory: the connection is closed without an answer. */
		req->replied = 1;
		req->status = 503;
		return;
	}
	add_common_headers(req, r);
	/* Every 503 says when to try again, even when its header was lost. */
	if (status == 503 && !has_header(req, "Retry-After"))
		MHD_add_response_header(r, "Retry-After", "2");
	MHD_queue_response(req->conn, (unsigned)status, r);
	MHD_destroy_response(r);
	req->replied = 1;
	req->status = status;
}

/* The answer when memory ran out: made without allocating from the request. */
static void reply_short_of_memory(http_req *req)
{
	static const char body[] = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
				   "\"status\":503,\"detail\":\"the server is short of memory; try "
				   "again\"}";
	if (req->replied)
		return;
	struct MHD_Response *r =
		MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
	if (r) {
		MHD_add_response_header(r, "Content-Type", "application/problem+json");
		MHD_add_response_header(r, "Cache-Control", "no-store");
	}
	queue(req, 503, r);
}

void http_reply_bytes(http_req *req, int status, const char *content_type, const char *data,
		      size_t len)
{
	if (req->replied)
		return;
	struct MHD_Response *r =
		MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
	if (r) {
		MHD_add_response_header(r, "Content-Type", content_type);
		MHD_add_response_header(r, "Cache-Control", "no-store");
	}
	queue(req, status, r);
}

typedef struct stream {
	http_reader read;
	void (*done)(void *arg);
	void *arg;
} stream;

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	(void)pos;
	stream *s = cls;
	ssize_t n = s->read(s->arg, out, max);
	if (n < 0)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	return n;
}

static void stream_free(void *cls)
{
	stream *s = cls;
	s->done(s->arg);
	free(s);
}

void http_reply_stream(http_req *req, int status, const char *content_type, uint64_t size,
		       http_reader read, void (*done)(void *arg), void *arg)
{
	stream *s = req->replied ? NULL : malloc(sizeof *s);
	if (!s) {
		done(arg);
		reply_short_of_memory(req);
		return;
	}
	*s = (stream){read, done, arg};
	struct MHD_Response *r =
		MHD_create_response_from_callback(size, 64 * 1024, stream_read, s, stream_free);
	if (!r) {
		stream_free(s);
		reply_short_of_memory(req);
		return;
	}
	MHD_add_response_header(r, "Content-Type", content_type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	queue(req, status, r);
}

void http_reply_json(http_req *req, int status, json_t *body)
{
	/* A body made while memory ran out may be missing members, or be
	 * missing altogether: it is not sent. */
	if (oom_seen()) {
		json_decref(body);
		reply_short_of_memory(req);
		return;
	}
	if (!body) {
		http_reply_empty(req, status);
		return;
	}
	char *text = oom_json_dumps(body, JSON_COMPACT | JSON_REAL_PRECISION(6));
	json_decref(body);
	if (!text) {
		reply_short_of_memory(req);
		return;
	}
	http_reply_bytes(req, status, "application/json", text, strlen(text));
	free(text);
}

void http_reply_empty(http_req *req, int status)
{
	if (req->replied)
		return;
	struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (r)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	queue(req, status, r);
}

void http_reply_problem_ext(http_req *req, int status, const char *title, const char *detail,
			    json_t *errors, json_t *extra)
{
	/* A request that lost an allocation may be refused for what was lost
	 * (a parameter, a field): whatever it was refused for, it answers 503. */
	if (oom_seen()) {
		json_decref(errors);
		json_decref(extra);
		reply_short_of_memory(req);
		return;
	}
	json_t *p = json_pack("{s:s, s:s, s:i, s:s}", "type", "about:blank", "title", title,
			      "status", status, "detail", detail ? detail : title);
	if (p && errors)
		json_object_set(p, "errors", errors);
	if (p && extra)
		json_object_update(p, extra);
	json_decref(errors);
	json_decref(extra);
	char *text = p ? json_dumps(p, JSON_COMPACT) : NULL;
	json_decref(p);
	/* A member lost on the way (errors, or a key of the text) is memory run out too. */
	if (!text || oom_seen()) {
		free(text);
		reply_short_of_memory(req);
		return;
	}
	http_reply_bytes(req, status, "application/problem+json", text, strlen(text));
	free(text);
}

void http_reply_problem(http_req *req, int status, const char *title, const char *detail,
			json_t *errors)
{
	http_reply_problem_ext(req, status, title, detail, errors, NULL);
}

/* ---- static files ---- */

static const char *content_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".mjs", "text/javascript; charset=utf-8"},
		{".json", "application/json"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".woff", "font/woff"},
		{".woff2", "font/woff2"},
		{".txt", "text/plain; charset=utf-8"},
		{".map", "application/json"},
	};
	const char *dot = strrchr(path, '.');
	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcmp(dot, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

/* A safe relative path holds no empty, dot-led or backslashed segment. */
static int safe_path(const char *p)
{
	if (*p != '/')
		return 0;
	for (const char *s = p; *s; s++) {
		if (*s == '\\')
			return 0;
		if (*s == '/' && (s[1] == '.' || s[1] == '/'))
			return 0;
	}
	return 1;
}

/* Answers the file at rel (a path below the static folder) with status:
 * 1, or 0 when there is no such file. */
static int serve_file(http_req *req, const char *rel, int status)
{
	buf path;
	buf_init(&path);
	buf_puts(&path, req->cfg->static_dir);
	buf_puts(&path, rel);
	int fd = path.failed ? -1 : open(buf_str(&path), O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		buf_free(&path);
		return 0;
	}
	struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (r) {
		MHD_add_response_header(r, "Content-Type", content_type(buf_str(&path)));
		MHD_add_response_header(r, "Cache-Control", "no-cache");
	} else {
		close(fd);
	}
	buf_free(&path);
	queue(req, status, r);
	return 1;
}

static int serve_static(http_req *req)
{
	if (!req->cfg->static_dir || !safe_path(req->path))
		return 0;
	if (strcmp(req->path, "/") == 0)
		return serve_file(req, "/index.html", 200);
	/* "/sign-in" is sign-in.html; the error pages are not pages of their own. */
	const char *last = strrchr(req->path, '/');
	if (strchr(last, '.'))
		return serve_file(req, req->path, 200);
	if (last[1] >= '0' && last[1] <= '9')
		return 0;
	char rel[600];
	if ((size_t)snprintf(rel, sizeof rel, "%s.html", req->path) >= sizeof rel)
		return 0;
	return serve_file(req, rel, 200);
}

/* A browser finding nothing at a page's address is shown the "Page not
 * found" page; anything else (the API, a script) gets a problem in JSON. */
static void reply_not_found(http_req *req)
{
	const char *accept = http_req_header(req, "Accept");
	if (req->cfg->static_dir && strncmp(req->path, "/api/", 5) != 0 && accept &&
	    strstr(accept, "text/html") && serve_file(req, "/404.html", 404))
		return;
	http_reply_problem(req, 404, "Not Found", "there is nothing at this address", NULL);
}

/* ---- the request cycle ---- */

static void dispatch(http_req *req)
{
	const http_config *cfg = req->cfg;
	router_find(cfg->routes, cfg->nroutes, req->method, req->path, &req->m);
	if (req->m.route) {
		req->label = req->m.route_index;
#ifdef WAYMARK_FAULTS
		const char *spec = http_req_header(req, FAULT_HEADER);
		if (spec && fault_arm(spec) != 0) {
			http_reply_problem(req, 400, "Bad Request",
					   FAULT_HEADER " must be db=N:KIND or alloc=N", NULL);
			return;
		}
#endif
		if (http_req_copy_params(req) != 0) {
			reply_short_of_memory(req);
			return;
		}
		if (req->before_done || !cfg->before || cfg->before(req, req->m.route) == 0)
			req->m.route->fn(req);
		if (!req->replied)
			http_reply_problem(req, 500, "Internal Server Error",
					   "the request was not answered", NULL);
		return;
	}
	req->label = LABEL_UNMATCHED;
	if (req->m.method_mismatch) {
		char allow[128];
		router_allow(cfg->routes, cfg->nroutes, req->path, allow, sizeof allow);
		http_reply_header(req, "Allow", allow);
		http_reply_problem(req, 405, "Method Not Allowed",
				   "this address does not answer that method", NULL);
		return;
	}
	if (strncmp(req->path, "/api/", 5) != 0 &&
	    (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)) {
		if (serve_static(req)) {
			req->label = LABEL_STATIC;
			return;
		}
		reply_not_found(req);
		return;
	}
	http_reply_problem(req, 404, "Not Found", "there is nothing at this address", NULL);
}

/* The peer's socket address, or NULL when unknown. */
static const struct sockaddr *peer_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	return ci ? ci->client_addr : NULL;
}

/* The peer's address as text, or "" when unknown. */
static void remote_text(struct MHD_Connection *conn, char *out, size_t n)
{
	out[0] = '\0';
	const struct sockaddr *sa = peer_of(conn);
	if (!sa)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  (socklen_t)n);
}

static enum MHD_Result last_forwarded_for(void *cls, enum MHD_ValueKind kind, const char *key,
					  const char *value)
{
	(void)kind;
	if (strcasecmp(key, "X-Forwarded-For") == 0)
		*(const char **)cls = value;
	return MHD_YES;
}

/* The request's client address, the one place that decides it: the peer,
 * or, when the peer is a trusted proxy that sent X-Forwarded-For, the entry
 * that proxy appended (the rightmost of the last such header). Returns 0,
 * or -1 when that entry is malformed (req->remote is then the peer's). */
static int client_address(http_req *req)
{
	remote_text(req->conn, req->remote, sizeof req->remote);
	if (!proxies.n || !forwarded_is_proxy(&proxies, peer_of(req->conn)))
		return 0;
	const char *xff = NULL;
	MHD_get_connection_values(req->conn, MHD_HEADER_KIND, last_forwarded_for, &xff);
	if (!xff)
		return 0;
	char client[INET6_ADDRSTRLEN];
	if (forwarded_client(xff, client, sizeof client) != 0)
		return -1;
	memcpy(req->remote, client, sizeof req->remote);
	return 0;
}

/* Answers a request whose trusted proxy sent a client address that is none. */
static void refuse_forwarded(http_req *req)
{
	const char *field = "X-Forwarded-For";
	const char *message = "the last entry must be the client's IP address";
	char detail[128];
	snprintf(detail, sizeof detail, "%s: %s", field, message);
	http_reply_problem(req, 400, "Bad Request", detail,
			   json_pack("[{s:s, s:s}]", "field", field, "message", message));
}

/* This connection's place in the slow-sender watch, or NULL. */
static deadline_conn *deadline_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static http_req *req_new(const http_config *cfg, struct MHD_Connection *conn, const char *url,
			 const char *method)
{
	http_req *req = calloc(1, sizeof *req);
	if (!req)
		return NULL;
	req->arena = arena_new();
	if (!req->arena) {
		free(req);
		return NULL;
	}
	req->conn = conn;
	req->cfg = cfg;
	req->start_us = clock_mono_us();
	req->method = method;
	req->path = url;
	req->label = LABEL_UNMATCHED;
	unsigned char rnd[8];
	randombytes_buf(rnd, sizeof rnd);
	for (int i = 0; i < 8; i++)
		snprintf(req->request_id + 2 * i, 3, "%02x", rnd[i]);
	req->forwarded_bad = client_address(req) != 0;
	const union MHD_ConnectionInfo *ti =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_PROTOCOL);
	req->tls = cfg->tls_cert_file && ti != NULL;
	return req;
}

/* Answers a request framed two ways (framing.h) and closes the connection,
 * since where its body ends, and so where the next request starts, is
 * exactly what is in doubt. */
static void refuse_framing(http_req *req, const framing_problem *fp)
{
	char detail[256];
	snprintf(detail, sizeof detail, "%s: %s", fp->field, fp->message);
	json_t *errors = json_pack("[{s:s, s:s}]", "field", fp->field, "message", fp->message);
	http_reply_header(req, "Connection", "close");
	http_reply_problem(req, fp->status, fp->status == 501 ? "Not Implemented" : "Bad Request",
			   detail, errors);
}

/* Answers an upload refused (upload.h says why). A body not read to its
 * end leaves the connection unusable for another request: it is closed. */
static void refuse_upload(http_req *req)
{
	const upload *u = &req->up;
	char detail[256];
	if (u->status == 413)
		snprintf(detail, sizeof detail, "%s: the file must be at most %llu bytes", u->field,
			 (unsigned long long)u->limit);
	else
		snprintf(detail, sizeof detail, "%s: %s", u->field, u->message);
	json_t *errors = json_pack("[{s:s, s:s}]", "field", u->field, "message",
				   u->status == 413 ? detail + strlen(u->field) + 2 : u->message);
	http_reply_header(req, "Connection", "close");
	http_reply_problem(req, u->status,
			   u->status == 413   ? "Content Too Large"
			   : u->status == 503 ? "Service Unavailable"
					      : "Bad Request",
			   detail, errors);
}

/* For a route that uploads: asks the limit and prepares the streaming of
 * the body, refusing at once (413) a body whose stated length passes it,
 * before any of it is read. Returns 0 to go on reading, -1 having replied. */
static int upload_start(http_req *req, const char *content_length)
{
	const http_config *cfg = req->cfg;
	router_match m;
	router_find(cfg->routes, cfg->nroutes, req->method, req->path, &m);
	if (!m.route || !(m.route->flags & HTTP_UPLOAD) || !cfg->upload_limit || !cfg->upload_spool)
		return 0;
	req->is_upload = 1;
	req->up.fd = -1;
	req->label = m.route_index;
	/* Who is asking is settled before the body is read: nobody without a
	 * session (or CSRF token, or the role for the route) makes the server
	 * spool a file. */
	req->m = m;
	if (http_req_copy_params(req) != 0) {
		req->is_upload = 0;
		reply_short_of_memory(req);
		return -1;
	}
	req->before_done = 1;
	if (cfg->before && cfg->before(req, m.route) != 0) {
		req->is_upload = 0;
		return -1;
	}
	uint64_t limit;
	if (cfg->upload_limit(req, m.route, &limit) != 0) {
		req->is_upload = 0;
		return -1;
	}
	/* A body that is no form is refused once it has been read (and
	 * counted): answering while the client still sends would have its
	 * connection reset under the answer. */
	upload_begin(&req->up, req->conn, limit, cfg->upload_spool);
	deadline_upload(deadline_of(req->conn));
	if (content_length && strtoull(content_length, NULL, 10) > limit + UPLOAD_OVERHEAD) {
		req->up.status = 413;
		req->up.field = UPLOAD_FILE_FIELD;
		refuse_upload(req);
		return -1;
	}
	return 0;
}

/* Refuses with 413 an upload that passed its limit midway. libmicrohttpd
 * 0.9.75 queues no reply while a body is arriving, so the answer is
 * written to the socket here (over TLS, where that cannot be done, the
 * connection is only closed), the sending side shut, and the caller
 * closes the connection: not another byte is read. */
static void refuse_midway(http_req *req)
{
	req->replied = 1;
	req->status = 413;
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (!ci || req->tls)
		return;
	char body[256], head[512];
	int bn = snprintf(body, sizeof body,
			  "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
			  "\"detail\":\"file: the file must be at most %llu bytes\"}",
			  (unsigned long long)req->up.limit);
	int hn = snprintf(head, sizeof head,
			  "HTTP/1.1 413 Content Too Large\r\nContent-Type: application/problem+json\r\n"
			  "Content-Length: %d\r\nConnection: close\r\nCache-Control: no-store\r\n"
			  "X-Content-Type-Options: nosniff\r\nX-Request-Id: %s\r\n\r\n",
			  bn, req->request_id);
	if (send(ci->connect_fd, head, (size_t)hn, MSG_NOSIGNAL | MSG_DONTWAIT) == hn)
		send(ci->connect_fd, body, (size_t)bn, MSG_NOSIGNAL | MSG_DONTWAIT);
	shutdown(ci->connect_fd, SHUT_WR);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	const http_config *cfg = cls;
	http_req *req = *con_cls;
	/* Each call does its work at once: what ran out of memory before, on
	 * this thread, is no business of this one. */
	oom_clear();
	if (!req) {
		req = req_new(cfg, conn, url, method);
		if (!req)
			return MHD_NO;
		*con_cls = req;
		atomic_fetch_add(&active_requests, 1);
		framing_problem fp;
		if (framing_check(conn, method, version, &fp) != 0) {
			refuse_framing(req, &fp);
			return MHD_YES;
		}
		if (req->forwarded_bad) {
			refuse_forwarded(req);
			return MHD_YES;
		}
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (upload_start(req, cl) != 0)
			return MHD_YES;
		if (!req->is_upload && cl && strtoull(cl, NULL, 10) > HTTP_BODY_MAX)
			http_reply_problem(req, 413, "Payload Too Large",
					   "the request body must be at most 1 MiB", NULL);
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (req->replied)
			return MHD_YES;
		if (req->is_upload) {
			deadline_received(deadline_of(conn), n);
			if (upload_feed(&req->up, upload_data, n) == 0)
				return MHD_YES;
			refuse_midway(req);
			return MHD_NO;
		}
		if (n > HTTP_BODY_MAX - req->body_len) {
			http_reply_problem(req, 413, "Payload Too Large",
					   "the request body must be at most 1 MiB", NULL);
			return MHD_YES;
		}
		char *grown = realloc(req->body, req->body_len + n + 1);
		if (!grown) {
			http_reply_problem(req, 503, "Service Unavailable",
					   "the server is short of memory; try again", NULL);
			return MHD_YES;
		}
		memcpy(grown + req->body_len, upload_data, n);
		req->body = grown;
		req->body_len += n;
		req->body[req->body_len] = '\0';
		return MHD_YES;
	}
	/* The request is all here: no deadline while it is answered. */
	deadline_answering(deadline_of(conn));
	if (!req->replied && req->is_upload && upload_finish(&req->up) != 0)
		refuse_upload(req);
	if (!req->replied)
		dispatch(req);
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	const http_config *cfg = cls;
	/* Kept alive, the connection owes its next request from now. */
	deadline_waiting(deadline_of(conn));
	http_req *req = *con_cls;
	if (!req)
		return;
	*con_cls = NULL;
	int64_t us = clock_mono_us() - req->start_us;
	metrics_count(req->label, req->status, us);
	const char *route = req->label >= 0 ? cfg->routes[req->label].pattern
			    : req->label == LABEL_STATIC ? "static"
							 : "unmatched";
	char ts[CLOCK_ISO_LEN];
	clock_now_iso(ts);
	buf line;
	buf_init(&line);
	buf_printf(&line, "{\"ts\":\"%s\",\"request_id\":\"%s\",\"method\":\"", ts,
		   req->request_id);
	buf_json_escape(&line, req->method);
	buf_puts(&line, "\",\"route\":\"");
	buf_json_escape(&line, route);
	buf_puts(&line, "\",\"address\":\"");
	buf_json_escape(&line, req->remote);
	buf_printf(&line, "\",\"status\":%d,\"us\":%lld,\"user\":", req->status, (long long)us);
	if (req->user_id[0])
		buf_printf(&line, "\"%s\"", req->user_id);
	else
		buf_puts(&line, "null");
	if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		buf_puts(&line, ",\"aborted\":true");
	buf_puts(&line, "}");
	if (!line.failed)
		log_line(buf_str(&line));
	buf_free(&line);
	if (cfg->after && req->label >= 0)
		cfg->after(req);
	if (req->is_upload)
		upload_free(&req->up);
	free(req->body);
	arena_free(req->arena);
	free(req);
	atomic_fetch_sub(&active_requests, 1);
}

/* Each connection joins the slow-sender watch as it opens and leaves it as
 * it closes, before libmicrohttpd closes its socket. One that cannot be
 * watched is shut at once. */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		deadline_close(*socket_context);
		*socket_context = NULL;
		return;
	}
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (!ci)
		return;
	char remote[INET6_ADDRSTRLEN];
	remote_text(conn, remote, sizeof remote);
	*socket_context = deadline_open(ci->connect_fd, remote);
	if (!*socket_context)
		shutdown(ci->connect_fd, SHUT_RDWR);
}

/* ---- start and stop ---- */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	if (b.failed || !b.data) {
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	buf b;
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	while (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	log_msg("warn", "http: %s", buf_str(&b));
	buf_free(&b);
}

int http_serve(const http_config *cfg)
{
	struct addrinfo hints = {0}, *ai = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	char port[8];
	snprintf(port, sizeof port, "%d", cfg->port);
	if (getaddrinfo(cfg->host, port, &hints, &ai) != 0 || !ai) {
		log_msg("error", "cannot resolve listen address %s", cfg->host);
		return -1;
	}
	memset(&proxies, 0, sizeof proxies);
	for (size_t i = 0; i < cfg->ntrusted_proxies; i++) {
		if (forwarded_proxy_add(&proxies, cfg->trusted_proxies[i]) != 0) {
			log_msg("error", "cannot trust the proxy %s: not an IP address, or more than %d",
				cfg->trusted_proxies[i], FORWARDED_PROXIES_MAX);
			freeaddrinfo(ai);
			return -1;
		}
	}
	if (metrics_init(cfg->routes, cfg->nroutes) != 0) {
		log_msg("error", "cannot start: out of memory");
		freeaddrinfo(ai);
		return -1;
	}

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* poll, not epoll: quiescing an epoll thread pool races each worker
	 * for the removal of the listen socket from the worker's epoll set, and
	 * whichever loses gets ENOENT and libmicrohttpd aborts the process
	 * ("Failed to remove listen FD from epoll set"). With poll, quiescing
	 * only marks the workers and wakes them through the ITC. */
	unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	char *cert = NULL, *key = NULL;
	if (cfg->tls_cert_file && cfg->tls_key_file) {
		cert = read_file(cfg->tls_cert_file);
		key = read_file(cfg->tls_key_file);
		if (!cert || !key || MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			log_msg("error", "cannot use TLS: unreadable certificate or key, or no "
					 "TLS support in libmicrohttpd");
			free(cert);
			free(key);
			freeaddrinfo(ai);
			metrics_free();
			return -1;
		}
		flags |= MHD_USE_TLS;
	}
	struct MHD_OptionItem tls_opts[] = {
		{MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, key},
		{MHD_OPTION_END, 0, NULL},
	};
	unsigned idle_s = cfg->idle_timeout_s ? cfg->idle_timeout_s : HTTP_IDLE_TIMEOUT_S;
	unsigned request_s = cfg->request_timeout_s ? cfg->request_timeout_s : HTTP_REQUEST_TIMEOUT_S;
	unsigned per_address = cfg->max_per_address ? cfg->max_per_address : HTTP_PER_ADDRESS_MAX;
	if (deadline_start(request_s) != 0) {
		log_msg("error", "cannot start the slow-sender watch");
		free(cert);
		free(key);
		freeaddrinfo(ai);
		metrics_free();
		return -1;
	}
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, (void *)cfg, MHD_OPTION_EXTERNAL_LOGGER,
		on_mhd_log, NULL, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 4),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void *)cfg,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
		/* Host required on HTTP/1.1, no space inside the target. */
		MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
		MHD_OPTION_CONNECTION_TIMEOUT, idle_s,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)HTTP_CONNECTIONS_MAX,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address,
		MHD_OPTION_ARRAY, cert ? tls_opts : tls_opts + 2, MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!d) {
		log_msg("error", "cannot listen on %s:%d: %s", cfg->host, cfg->port,
			strerror(errno));
		deadline_stop();
		free(cert);
		free(key);
		metrics_free();
		return -1;
	}
	log_msg("info", "waymark serving on %s://%s:%d", cert ? "https" : "http", cfg->host,
		cfg->port);

	int sig = 0;
	sigwait(&set, &sig);
	log_msg("info", "signal %d: finishing requests in flight", sig);
	/* The listen socket is ours once quiesced, but the workers may still
	 * be using it until MHD_stop_daemon() has joined them: it is shut at
	 * once, so that new connections are refused while requests finish,
	 * and closed only after the stop. */
	MHD_socket ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		shutdown(ls, SHUT_RDWR);
	for (int i = 0; i < 1000 && atomic_load(&active_requests) > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	deadline_stop();
	MHD_stop_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	metrics_free();
	free(cert);
	free(key);
	log_msg("info", "stopped");
	return 0;
}
