/* Tries per client address, drawn from buckets kept in the database. */
#include "api/api.h"
#include "lib/clock.h"
#include "lib/log.h"
#include "lib/oom.h"
#include "store/buckets.h"

int api_bucket_take(http_req *req, const char *purpose, addr_rate r, int *wait_s)
{
	return store_bucket_take(api_ctx_of(req)->db, purpose, r, http_req_remote(req),
	                         clock_now_ms(), wait_s);
}

int api_bucket_give_back(http_req *req, const char *purpose, addr_rate r)
{
	db *d = api_ctx_of(req)->db;
	/* An allocation the request lost earlier is nothing this write holds
	 * (its values are the address and the time): it commits unless one of
	 * its own fails, and the request still counts as short of memory. */
	int short_before = oom_seen();
	oom_clear();
	int rc = db_begin(d);
	if (rc == DB_OK)
		rc = store_bucket_give_back(d, purpose, r, http_req_remote(req), clock_now_ms());
	if (rc == DB_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	if (short_before)
		oom_note();
	if (rc != DB_OK)
		log_msg("warn", "request %s: a %s try was not given back: %s", http_req_id(req),
		        purpose, db_errmsg(d));
	return rc;
}
