/* Health, metrics and the API's own description. */
#include <string.h>

#include "api/api.h"
#include "domain/credentials.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "store/sessions.h"

extern const char openapi_json[];

void api_health(http_req *req)
{
	static const char ok[] = "{\"status\":\"ok\"}";
	http_reply_bytes(req, 200, "application/json", ok, sizeof ok - 1);
}

void api_metrics(http_req *req)
{
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
