/* Request counters and the latency histogram behind /metrics. */
#ifndef WAYMARK_HTTP_METRICS_H
#define WAYMARK_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"

/* Prepares counters for these routes plus "static" and "unmatched".
 * Returns 0, or -1 when memory runs out. */
int metrics_init(const http_route *routes, size_t nroutes);
void metrics_free(void);
/* Counts one request: label is a route index, or -1 static, -2 unmatched. */
void metrics_count(int label, int status, int64_t micros);

#endif
