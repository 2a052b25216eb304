/* The CTDC-style export for analysts: one row per potential victim first
 * identified in a period, naming no one, k-anonymous with k the
 * disclosure threshold (domain/exports.h, domain/kanon.h).
 *
 * GET /api/v1/exports/htcds?from=&to= answers the CSV file, each time an
 * audit entry (who, the period, how many rows);
 * GET /api/v1/exports/htcds/summary?from=&to= answers what the same
 * export does (its sidecar): rows considered, written, generalised and
 * suppressed. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/exports.h"
#include "domain/stats.h"
#include "lib/buf.h"
#include "store/exports.h"

/* Reads from and to, both required: 0, or -1 having answered 422. */
static int export_range(http_req *req, stats_range *r)
{
	const char *f = http_req_query(req, "from"), *t = http_req_query(req, "to");
	json_t *errors = json_array();
	api_range_check(f, t, 10, r, errors);
	if (json_array_size(errors)) {
		api_invalid(req, errors);
		return -1;
	}
	json_decref(errors);
	return 0;
}

static int add_link(const export_link *l, void *arg)
{
	ctdc_link c = {l->person_id,     l->linked_at,      l->gender,
	               l->date_of_birth, l->estimated_age,  l->nationalities,
	               l->case_types,    l->victim_context, l->exploited_in};
	return ctdc_export_add(arg, &c) == 0 ? DB_OK : DB_NOMEM;
}

/* Runs the export of the period for the user's organisation into csv and
 * sum: 0, or -1 having answered. */
static int run_export(http_req *req, buf *csv, ctdc_summary *sum)
{
	api_ctx *c = api_ctx_of(req);
	stats_range r;
	int k;
	if (export_range(req, &r) != 0 || api_disclosure_threshold(req, &k) != 0)
		return -1;
	store_orgs orgs = api_orgs(req, KIND_MICRODATA, ACT_READ);
	ctdc_export *x = ctdc_export_new(r.from, r.to, k);
	int rc = x ? store_export_links(c->db, &orgs, r.from, r.after, add_link, x) : DB_NOMEM;
	if (rc == DB_OK && ctdc_export_finish(x, csv, sum) != 0)
		rc = DB_NOMEM;
	ctdc_export_free(x);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return -1;
	}
	return 0;
}

void api_export_htcds(http_req *req)
{
	buf csv;
	buf_init(&csv);
	ctdc_summary sum;
	if (run_export(req, &csv, &sum) != 0) {
		buf_free(&csv);
		return;
	}
	/* The entry commits before the file goes: an export is never
	 * answered unaudited, and the file is made before the entry. */
	char disposition[96];
	snprintf(disposition, sizeof disposition, "attachment; filename=\"victims-%s-to-%s.csv\"",
	         sum.from, sum.to);
	json_t *detail = ctdc_summary_json(&sum);
	int rc = detail && !csv.failed ? db_begin(api_ctx_of(req)->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_audit(req, "ctdc_export_made", NULL, NULL, NULL, detail);
	else
		json_decref(detail);
	/* The header is set before the commit, which allocates nothing after
	 * it; a failed commit's problem drops it. */
	if (rc == DB_OK)
		http_reply_header(req, "Content-Disposition", disposition);
	if (api_commit(req, rc) == 0)
		http_reply_bytes(req, 200, "text/csv; charset=utf-8", buf_str(&csv), csv.len);
	buf_free(&csv);
}

void api_export_htcds_summary(http_req *req)
{
	buf csv;
	buf_init(&csv);
	ctdc_summary sum;
	int failed = run_export(req, &csv, &sum);
	buf_free(&csv);
	if (failed)
		return;
	json_t *out = ctdc_summary_json(&sum);
	if (!out) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	http_reply_json(req, 200, out);
}
