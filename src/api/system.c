/* Health, metrics and the API's own description. */
#include <string.h>

#include "api/api.h"
#include "domain/credentials.h"
#include "domain/metrics.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/audit.h"
#include "store/sessions.h"

extern const char openapi_json[];

/* Who reads /metrics, set once at start (api_metrics_access). */
static int metrics_trust_loopback = 1;
static char metrics_token_sha256[SECURE_SHA256_HEX]; /* "" when no token is configured */

void api_metrics_access(const char *token, int trust_loopback)
{
	metrics_trust_loopback = trust_loopback;
	metrics_token_sha256[0] = '\0';
	if (token)
		secure_sha256_hex(token, strlen(token), metrics_token_sha256);
}

/* What /healthz says of virus scanning, set as the server starts. */
static const char *scan_state;

void api_health_scan(const char *state)
{
	scan_state = state;
}

void api_health(http_req *req)
{
	static const char ok[] = "{\"status\":\"ok\"}";
	if (!scan_state) {
		http_reply_bytes(req, 200, "application/json", ok, sizeof ok - 1);
		return;
	}
	/* Still ok: the service runs; the scan is what an operator must see to. */
	char body[128];
	int n = snprintf(body, sizeof body, "{\"status\":\"ok\",\"virus_scan\":\"%s\"}", scan_state);
	http_reply_bytes(req, 200, "application/json", body, (size_t)n);
}

/* The statement caches of every connection in this process, summed, and
 * how the audit entries of reads were grouped into commits. */
static void metrics_store(buf *out)
{
	db_cache_stats st;
	db_cache_read(&st);
	buf_printf(out,
		   "# HELP waymark_statement_cache_hits_total Prepared statements reused.\n"
		   "# TYPE waymark_statement_cache_hits_total counter\n"
		   "waymark_statement_cache_hits_total %llu\n"
		   "# HELP waymark_statement_cache_misses_total Statements prepared afresh "
		   "(or run unprepared).\n"
		   "# TYPE waymark_statement_cache_misses_total counter\n"
		   "waymark_statement_cache_misses_total %llu\n"
		   "# HELP waymark_statement_cache_evictions_total Prepared statements dropped "
		   "to make room.\n"
		   "# TYPE waymark_statement_cache_evictions_total counter\n"
		   "waymark_statement_cache_evictions_total %llu\n",
		   (unsigned long long)st.hits, (unsigned long long)st.misses,
		   (unsigned long long)st.evictions);
	uint64_t commits, entries;
	store_audit_group_stats(&commits, &entries);
	buf_printf(out,
		   "# HELP waymark_audit_group_commits_total Commits of audit entries written "
		   "on their own (reads), each holding one or more entries.\n"
		   "# TYPE waymark_audit_group_commits_total counter\n"
		   "waymark_audit_group_commits_total %llu\n"
		   "# HELP waymark_audit_group_entries_total Audit entries those commits held.\n"
		   "# TYPE waymark_audit_group_entries_total counter\n"
		   "waymark_audit_group_entries_total %llu\n",
		   (unsigned long long)commits, (unsigned long long)entries);
}

void api_metrics(http_req *req)
{
	/* Anyone else is told what any address with nothing behind it answers. */
	if (!metrics_may_read(http_req_remote(req), metrics_trust_loopback,
			      http_req_header(req, "Authorization"),
			      metrics_token_sha256[0] ? metrics_token_sha256 : NULL)) {
		http_reply_problem(req, 404, "Not Found", "there is nothing at this address", NULL);
		return;
	}
	api_ctx *c = api_ctx_of(req);
	buf out;
	buf_init(&out);
	http_metrics_render(&out);
	int64_t live = 0;
	int rc = store_session_count_live(c->db, clock_now_ms(), SESSION_IDLE_MS, &live);
	if (rc != DB_OK) {
		buf_free(&out);
		api_db_fail(req, rc);
		return;
	}
	buf_printf(&out,
		   "# HELP waymark_sessions_open Sessions used within the idle timeout.\n"
		   "# TYPE waymark_sessions_open gauge\nwaymark_sessions_open %lld\n",
		   (long long)live);
	metrics_store(&out);
	if (out.failed) {
		buf_free(&out);
		api_db_fail(req, DB_NOMEM);
		return;
	}
	http_reply_bytes(req, 200, "text/plain; version=0.0.4; charset=utf-8", out.data, out.len);
	buf_free(&out);
}

void api_openapi(http_req *req)
{
	http_reply_bytes(req, 200, "application/json", openapi_json, strlen(openapi_json));
}
