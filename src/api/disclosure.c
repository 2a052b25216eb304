/* The disclosure threshold every figure is published under, how a figure
 * is written (a number, or {"suppressed": true}), and the tables every
 * report publishes through domain/disclosure.h: one place, so that the
 * reports, the dashboard, the services and Go bag figures protect their
 * counts the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int api_protect_column(http_req *req, json_t *rows, const char *counter, int threshold,
                       json_t *totals)
{
	size_t n = json_array_size(rows), i;
	arena *a = http_req_arena(req);
	long *count = arena_alloc(a, (n ? n : 1) * sizeof *count);
	unsigned char *sup = arena_alloc(a, n ? n : 1), total_sup = 0;
	if (!count || !sup)
		return -1;
	long total = 0;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		count[i] = (long)json_integer_value(json_object_get(row, counter));
		total += count[i];
	}
	if (n)
		disclosure_one_way(count, n, threshold, sup, &total_sup);
	json_array_foreach(rows, i, row)
	{
		if (json_object_set_new(row, counter, api_figure(count[i], sup[i])) != 0)
			return -1;
	}
	if (totals && json_object_set_new(totals, counter, api_figure(total, total_sup)) != 0)
		return -1;
	return 0;
}

int api_two_way_figures(http_req *req, const long *count, size_t rows, size_t cols, int threshold,
                        json_t **cell, json_t **row_total, json_t **col_total, json_t **total)
{
	arena *a = http_req_arena(req);
	size_t r_n = rows ? rows : 1, c_n = cols ? cols : 1;
	unsigned char *cell_sup = arena_alloc(a, r_n * c_n), *row_sup = arena_alloc(a, r_n);
	unsigned char *col_sup = arena_alloc(a, c_n), total_sup = 0;
	long *col = arena_alloc(a, c_n * sizeof *col), all = 0;
	if (!cell_sup || !row_sup || !col_sup || !col)
		return -1;
	memset(col_sup, 0, c_n);
	memset(col, 0, c_n * sizeof *col);
	if (rows && cols &&
	    disclosure_two_way(count, rows, cols, threshold, cell_sup, row_sup, col_sup,
	                       &total_sup) != 0)
		return -1;
	int failed = 0;
	for (size_t r = 0; r < rows; r++) {
		long sum = 0;
		for (size_t k = 0; k < cols; k++) {
			long v = count[r * cols + k];
			sum += v;
			col[k] += v;
			cell[r * cols + k] = api_figure(v, cell_sup[r * cols + k]);
			failed |= !cell[r * cols + k];
		}
		all += sum;
		row_total[r] = api_figure(sum, row_sup[r]);
		failed |= !row_total[r];
	}
	for (size_t k = 0; k < cols; k++) {
		col_total[k] = api_figure(col[k], rows ? col_sup[k] : 0);
		failed |= !col_total[k];
	}
	*total = api_figure(all, total_sup);
	failed |= !*total;
	if (!failed)
		return 0;
	for (size_t i = 0; i < rows * cols; i++)
		json_decref(cell[i]);
	for (size_t r = 0; r < rows; r++)
		json_decref(row_total[r]);
	for (size_t k = 0; k < cols; k++)
		json_decref(col_total[k]);
	json_decref(*total);
	return -1;
}

/* ---- the threshold as an administrator sets it ---- */

#define THRESHOLD_KEY "disclosure_threshold"

/* The setting as it stands: DB_OK with *out, or the error. */
static int threshold_json(http_req *req, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	char value[16];
	int64_t version;
	int rc = store_setting_get_versioned(c->db, THRESHOLD_KEY, value, sizeof value, &version);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	long t = rc == DB_ROW ? strtol(value, NULL, 10) : DISCLOSURE_DEFAULT_THRESHOLD;
	if (!disclosure_threshold_valid(t))
		t = DISCLOSURE_DEFAULT_THRESHOLD;
	/* Version 0: never set, so the default holds. */
	*out = json_pack("{s:i, s:i, s:i, s:i, s:I}", "threshold", (int)t, "minimum",
	                 DISCLOSURE_MIN_THRESHOLD, "maximum", DISCLOSURE_MAX_THRESHOLD, "default",
	                 DISCLOSURE_DEFAULT_THRESHOLD, "version", (json_int_t)version);
	api_etag(req, version);
	return *out ? DB_OK : DB_NOMEM;
}

void api_disclosure_settings_get(http_req *req)
{
	json_t *out = NULL;
	int rc = threshold_json(req, &out);
	if (rc != DB_OK)
		api_db_fail(req, rc);
	else
		http_reply_json(req, 200, out);
}

void api_disclosure_settings_put(http_req *req)
{
	static const jv_field fields[] = {{"threshold", JV_INT, 1, 0}};
	api_ctx *c = api_ctx_of(req);
	int64_t version;
	if (api_if_match_new(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	json_int_t t = json_integer_value(json_object_get(body, "threshold"));
	if (!disclosure_threshold_valid((long)t)) {
		api_refuse_field(req, 422, "threshold", "must be a whole number from 3 to 100",
		                 "The threshold must be from 3 to 100.");
		return;
	}
	char value[16];
	snprintf(value, sizeof value, "%d", (int)t);
	char before[16];
	int64_t old;
	int rc = db_begin(c->db);
	if (rc == DB_OK) {
		rc = store_setting_get_versioned(c->db, THRESHOLD_KEY, before, sizeof before, &old);
		if (rc == DB_DONE)
			snprintf(before, sizeof before, "%d", DISCLOSURE_DEFAULT_THRESHOLD);
		rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
	}
	if (rc == DB_OK)
		rc = store_setting_replace(c->db, THRESHOLD_KEY, value, &version);
	if (rc == DB_DONE) {
		/* Changed by someone else since it was read: theirs, as it is now. */
		json_t *current = NULL;
		db_rollback(c->db);
		rc = threshold_json(req, &current);
		if (rc == DB_OK)
			api_stale(req, "disclosure settings",
			          json_integer_value(json_object_get(current, "version")), current);
		else
			api_db_fail(req, rc);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(
		    req, "disclosure_threshold_changed", "setting", THRESHOLD_KEY, NULL,
		    json_pack("{s:i, s:i}", "from", (int)strtol(before, NULL, 10), "to", (int)t));
	json_t *out = NULL;
	if (rc == DB_OK)
		rc = threshold_json(req, &out);
	api_write_end(req, rc, 200, out);
}
