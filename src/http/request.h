/* The request as the server holds it: for the files of src/http/ only;
 * everyone else reads it through http.h. */
#ifndef WAYMARK_HTTP_REQUEST_H
#define WAYMARK_HTTP_REQUEST_H

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdint.h>

#include "http/http.h"
#include "http/router.h"
#include "http/upload.h"
#include "lib/arena.h"
#include "lib/secure.h"

typedef struct hdr {
	struct hdr *next;
	const char *name;
	const char *value;
} hdr;

struct http_req {
	struct MHD_Connection *conn;
	const http_config *cfg;
	const char *method;
	const char *path;
	arena *arena;
	char *body;
	size_t body_len;
	int is_upload; /* the route streams a multipart body into up */
	int before_done; /* the before hook ran (an upload: before its body was read) */
	upload up;
	router_match m;
	const char *params[ROUTER_MAX_PARAMS]; /* the route's parameters, copied */
	int label;
	int status;
	int replied;
	int tls;
	int forwarded_bad; /* a trusted proxy's X-Forwarded-For named no address */
	hdr *headers;
	int64_t start_us;
	void *data;
	char request_id[17];
	char user_id[SECURE_ID_LEN];
	char remote[INET6_ADDRSTRLEN]; /* the client's address: see http_req_remote */
};

/* Copies the route's parameters before its handler runs, so that a
 * parameter the route names is never missing for lack of memory. Returns 0,
 * or -1 when memory runs out. */
int http_req_copy_params(http_req *req);

#endif
