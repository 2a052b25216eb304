/* The disclosure threshold every figure is published under, and how a
 * figure is written: a number, or {"suppressed": true}. */
#include <stdlib.h>

#include "api/api.h"
#include "domain/disclosure.h"

int api_disclosure_threshold(http_req *req, int *threshold)
{
	api_ctx *c = api_ctx_of(req);
	char value[16];
	int rc = store_setting_get(c->db, "disclosure_threshold", value, sizeof value);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	long t = rc == DB_ROW ? strtol(value, NULL, 10) : DISCLOSURE_DEFAULT_THRESHOLD;
	/* A stored value out of range (never written by Waymark) counts as
	 * the default, never as something lower. */
	*threshold = disclosure_threshold_valid(t) ? (int)t : DISCLOSURE_DEFAULT_THRESHOLD;
	return 0;
}

json_t *api_figure(long count, int suppressed)
{
	return suppressed ? json_pack("{s:b}", "suppressed", 1) : json_integer(count);
}
