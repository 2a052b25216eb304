/* Matching request paths against route patterns. */
#ifndef WAYMARK_HTTP_ROUTER_H
#define WAYMARK_HTTP_ROUTER_H

#include <stddef.h>

#include "http/http.h"

#define ROUTER_MAX_PARAMS 4
#define ROUTER_MAX_PATH 2048

typedef struct router_match {
	const http_route *route; /* NULL: nothing matched */
	int route_index;
	int method_mismatch;     /* 1: the path matched some route, but not with this method */
	int nparams;
	const char *names[ROUTER_MAX_PARAMS];
	size_t name_lens[ROUTER_MAX_PARAMS];
	const char *values[ROUTER_MAX_PARAMS]; /* point into the path */
	size_t value_lens[ROUTER_MAX_PARAMS];
} router_match;

/* Finds the route for method and path (without the query string). Can't fail. */
void router_find(const http_route *routes, size_t n, const char *method, const char *path,
		 router_match *m);
/* Writes the Allow header value for path into out ("GET, PATCH"). */
void router_allow(const http_route *routes, size_t n, const char *path, char *out, size_t outlen);

#endif
