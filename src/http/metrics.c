#include "http/metrics.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "lib/buf.h"

static const int statuses[] = {200, 201, 204, 301, 304, 400, 401, 403, 404, 405, 406,
			       409, 412, 413, 415, 422, 428, 429, 500, 501, 503, 0};
#define NSTATUS (sizeof statuses / sizeof statuses[0]) /* last: any other */
static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
				0.05,	0.1,   0.25,   0.5,   1.0,  2.5};
#define NBOUNDS (sizeof bounds / sizeof bounds[0])

static const http_route *m_routes;
static size_t m_nroutes;
static _Atomic uint64_t *m_counts; /* [label][status] */
static _Atomic uint64_t m_buckets[NBOUNDS + 1];
static _Atomic uint64_t m_sum_us;
static _Atomic uint64_t m_total;
static _Atomic uint64_t m_db_errors;

int metrics_init(const http_route *routes, size_t nroutes)
{
	m_routes = routes;
	m_nroutes = nroutes;
	m_counts = calloc((nroutes + 2) * NSTATUS, sizeof *m_counts);
	return m_counts ? 0 : -1;
}

void metrics_free(void)
{
	free((void *)m_counts);
	m_counts = NULL;
}

static size_t status_index(int status)
{
	for (size_t i = 0; i + 1 < NSTATUS; i++)
		if (statuses[i] == status)
			return i;
	return NSTATUS - 1;
}

void metrics_count(int label, int status, int64_t micros)
{
	if (!m_counts)
		return;
	size_t row = label >= 0 ? (size_t)label : m_nroutes + (size_t)(-label - 1);
	if (row >= m_nroutes + 2)
		return;
	atomic_fetch_add(&m_counts[row * NSTATUS + status_index(status)], 1);
	double secs = (double)micros / 1e6;
	size_t b = 0;
	while (b < NBOUNDS && secs > bounds[b])
		b++;
	atomic_fetch_add(&m_buckets[b], 1);
	atomic_fetch_add(&m_sum_us, (uint64_t)(micros > 0 ? micros : 0));
	atomic_fetch_add(&m_total, 1);
}

void http_metrics_db_error(void)
{
	atomic_fetch_add(&m_db_errors, 1);
}

void http_metrics_render(buf *out)
{
	buf_puts(out, "# HELP waymark_http_requests_total HTTP requests by route and status.\n"
		      "# TYPE waymark_http_requests_total counter\n");
	for (size_t r = 0; m_counts && r < m_nroutes + 2; r++) {
		for (size_t s = 0; s < NSTATUS; s++) {
			uint64_t v = atomic_load(&m_counts[r * NSTATUS + s]);
			if (!v)
				continue;
			const char *method = r < m_nroutes ? m_routes[r].method : "any";
			const char *route = r < m_nroutes ? m_routes[r].pattern
					    : r == m_nroutes ? "static"
							     : "unmatched";
			buf_printf(out,
				   "waymark_http_requests_total{method=\"%s\",route=\"%s\","
				   "status=\"",
				   method, route);
			if (statuses[s])
				buf_printf(out, "%d", statuses[s]);
			else
				buf_puts(out, "other");
			buf_printf(out, "\"} %llu\n", (unsigned long long)v);
		}
	}
	buf_puts(out, "# HELP waymark_http_request_duration_seconds Time to answer a request.\n"
		      "# TYPE waymark_http_request_duration_seconds histogram\n");
	uint64_t cum = 0;
	for (size_t b = 0; b < NBOUNDS; b++) {
		cum += atomic_load(&m_buckets[b]);
		buf_printf(out, "waymark_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			   bounds[b], (unsigned long long)cum);
	}
	cum += atomic_load(&m_buckets[NBOUNDS]);
	buf_printf(out, "waymark_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
		   (unsigned long long)cum);
	buf_printf(out, "waymark_http_request_duration_seconds_sum %.6f\n",
		   (double)atomic_load(&m_sum_us) / 1e6);
	buf_printf(out, "waymark_http_request_duration_seconds_count %llu\n",
		   (unsigned long long)atomic_load(&m_total));
	buf_printf(out,
		   "# HELP waymark_db_errors_total Database errors met while answering.\n"
		   "# TYPE waymark_db_errors_total counter\nwaymark_db_errors_total %llu\n",
		   (unsigned long long)atomic_load(&m_db_errors));
}
