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

/* A stored value out of range (never written by Waymark) counts as the
 * default, never as something lower. */
static const api_bounded_setting threshold_setting = {
    "disclosure_threshold", "threshold", "disclosure settings", "disclosure_threshold_changed",
    DISCLOSURE_MIN_THRESHOLD, DISCLOSURE_MAX_THRESHOLD, DISCLOSURE_DEFAULT_THRESHOLD,
    "must be a whole number from 3 to 100", "The threshold must be from 3 to 100."};

int api_disclosure_threshold(http_req *req, int *threshold)
{
	long long t;
	int rc = api_bounded_value(api_ctx_of(req)->db, &threshold_setting, &t);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return -1;
	}
	*threshold = (int)t;
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

void api_disclosure_settings_get(http_req *req)
{
	api_bounded_get(req, &threshold_setting);
}

void api_disclosure_settings_put(http_req *req)
{
	api_bounded_put(req, &threshold_setting);
}
