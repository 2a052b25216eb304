/* The HTTP layer's face to the API: requests, replies, routes and the server.
 * Nothing here exposes libmicrohttpd; only src/http/ includes microhttpd.h. */
#ifndef WAYMARK_HTTP_HTTP_H
#define WAYMARK_HTTP_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lib/arena.h"

#define HTTP_BODY_MAX (1024 * 1024)
#define HTTP_CONNECTIONS_MAX 1000   /* open connections in all */
#define HTTP_PER_ADDRESS_MAX 64     /* default: open connections from one address */
#define HTTP_IDLE_TIMEOUT_S 30      /* default: a silent connection is closed */
#define HTTP_REQUEST_TIMEOUT_S 60   /* default: a request must arrive whole within */

typedef struct http_req http_req;
typedef void (*http_handler)(http_req *req);

typedef struct http_route {
	const char *method;
	const char *pattern; /* "/api/v1/users/{id}": {name} matches one segment */
	http_handler fn;
	unsigned flags;      /* the API's business, but for HTTP_UPLOAD: passed back to the before hook */
} http_route;

/* The one route flag this layer reads: the body is multipart/form-data
 * streamed to a spool file (see http_req_upload), never held in memory,
 * and refused with 413 as soon as it is known to pass the limit that
 * http_config's upload_limit gives. */
#define HTTP_UPLOAD (1u << 31)

typedef struct http_config {
	const char *host;
	int port;
	int threads;
	const char *static_dir;     /* NULL: no static files */
	const char *tls_cert_file;  /* both set: serve HTTPS */
	const char *tls_key_file;
	unsigned max_per_address;   /* connections open at once from one address (0: default) */
	unsigned idle_timeout_s;    /* seconds of silence before a connection is closed (0: default) */
	unsigned request_timeout_s; /* seconds for a request to arrive whole, from when the
				       connection was ready for it (0: default) */
	/* Peers (IPv4 or IPv6 addresses) whose X-Forwarded-For names the client. */
	const char *const *trusted_proxies;
	size_t ntrusted_proxies;
	const http_route *routes;
	size_t nroutes;
	/* Runs before the route's handler; returns 0 to go on, or non-zero after replying. */
	int (*before)(http_req *req, const http_route *route);
	/* Runs after every request that reached a route, replied or not, to release per-request state. */
	void (*after)(http_req *req);
	/* For a route flagged HTTP_UPLOAD, before any of the body is read: sets
	 * *limit to the bytes a file may have and returns 0, or replies and
	 * returns non-zero. NULL: no route may upload. */
	int (*upload_limit)(http_req *req, const http_route *route, uint64_t *limit);
	/* Opens an unnamed spool file for an upload's file: the fd, or -1. */
	int (*upload_spool)(void);
} http_config;

/* Serves until SIGTERM or SIGINT, then stops accepting, lets requests in
 * flight finish (up to 10 s), and returns 0; returns -1 when it cannot start. */
int http_serve(const http_config *cfg);

/* Request accessors. Strings stay valid until the reply is sent. */
const char *http_req_method(const http_req *req);
const char *http_req_path(const http_req *req);
const char *http_req_param(const http_req *req, const char *name);
const char *http_req_query(const http_req *req, const char *name);
const char *http_req_header(const http_req *req, const char *name);
const char *http_req_cookie(const http_req *req, const char *name);
const char *http_req_body(const http_req *req, size_t *len);
/* A text field of an uploaded form (HTTP_UPLOAD routes), or NULL when the
 * form had none of that name. */
const char *http_req_form(const http_req *req, const char *name);
/* The file of an uploaded form: its spool (read it with pread from offset
 * 0; the server closes it after the reply), size, SHA-256 in hex and the
 * name the client gave (possibly ""). */
typedef struct http_file {
	int fd;
	uint64_t size;
	const char *sha256;
	const char *filename;
} http_file;
/* Fills f: 0, or -1 when the request uploaded no file. */
int http_req_file(const http_req *req, http_file *f);
/* The client's address: the peer's, or, when the peer is a trusted proxy
 * that sent X-Forwarded-For, the address that proxy appended to it. */
const char *http_req_remote(const http_req *req);
const char *http_req_id(const http_req *req);
int http_req_is_tls(const http_req *req);
arena *http_req_arena(http_req *req);
/* The API's per-request data, released by the after hook. */
void *http_req_data(const http_req *req);
void http_req_set_data(http_req *req, void *data);
/* Names the signed-in user in the request's log line. */
void http_req_set_user(http_req *req, const char *user_id);

/* Adds a header to the reply about to be sent. Copies both strings. */
void http_reply_header(http_req *req, const char *name, const char *value);
/* Forgets the headers added so far: the reply they were for will not be
 * sent (a write that failed after setting its ETag or Location). */
void http_reply_headers_drop(http_req *req);
/* Replies with JSON (takes ownership of body; NULL sends no body). */
void http_reply_json(http_req *req, int status, json_t *body);
/* Replies with raw bytes of the given content type (copied). */
void http_reply_bytes(http_req *req, int status, const char *content_type, const char *data,
		      size_t len);
void http_reply_empty(http_req *req, int status);
/* Replies with a body read in pieces as it is sent, never whole in memory:
 * read(arg, out, cap) returns the count, 0 at the end, or -1 when the
 * source fails (the connection is then cut, so the client cannot take a
 * short body for the whole). size is the body's length. done(arg) runs once
 * the reply is finished or could not be made. Headers added with
 * http_reply_header are sent with it, and a Content-Security-Policy added
 * there replaces the server's. */
typedef ssize_t (*http_reader)(void *arg, char *out, size_t cap);
void http_reply_stream(http_req *req, int status, const char *content_type, uint64_t size,
		       http_reader read, void (*done)(void *arg), void *arg);
/* Replies application/problem+json: {type, title, status, detail, errors?}.
 * Takes ownership of errors (a JSON array, or NULL). */
void http_reply_problem(http_req *req, int status, const char *title, const char *detail,
			json_t *errors);
/* Same, with extra members merged into the problem object (ownership taken). */
void http_reply_problem_ext(http_req *req, int status, const char *title, const char *detail,
			    json_t *errors, json_t *extra);
/* Returns 1 once a reply has been queued. */
int http_replied(const http_req *req);

/* Metrics: database errors counted by the API; the rest is counted here. */
void http_metrics_db_error(void);
/* Appends the Prometheus text of the counters to out (a lib/buf). */
struct buf;
void http_metrics_render(struct buf *out);

#endif
