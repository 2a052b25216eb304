/* GET /api/v1/statistics?from=&to=&by=: potential victims counted by one
 * or two dimensions (domain/statistics.h) within the caller's reach for
 * figures, every figure through disclosure control (docs/disclosure.md).
 *
 * The answer: cells, one per value (or pair of values) of the dimensions,
 * each naming its values and holding count or suppressed: true; totals,
 * for each dimension asked, its one-way table as the same kind of cells
 * (for one dimension the same as cells; for two, the row and column totals,
 * exactly as the one-dimension table of the same range gives them); total,
 * the grand total; and the threshold they were published under. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/disclosure.h"
#include "domain/statistics.h"
#include "domain/stats.h"
#include "domain/vocab.h"
#include "lib/clock.h"
#include "store/statistics.h"

/* The most distinct nationalities a table may hold (ISO 3166 has 249). */
#define NATIONALITY_MAX 512

/* One dimension of the table: its values, in the order they are listed. */
typedef struct axis {
	statistics_dim dim;
	size_t n, cap;
	const char *const *fixed;           /* a fixed list, or NULL */
	const stats_range *range;           /* month: the range's months */
	char (*codes)[STATISTICS_CODE_LEN]; /* nationality: as they come */
} axis;

typedef struct table {
	axis ax[STATISTICS_MAX_DIMS];
	size_t ndims;
	long *count; /* ax[0].cap x ax[1].cap, row-major (1 column for one dimension) */
	int failed;  /* too many values */
} table;

static const char *axis_value(const axis *a, size_t i)
{
	if (a->fixed)
		return a->fixed[i];
	if (a->range)
		return a->range->months[i];
	return a->codes[i];
}

/* The index of a victim's value on the axis, adding a nationality first
 * seen; -1 when there is no room or the value is not on a fixed axis. */
static long axis_index(axis *a, const store_victim_row *v)
{
	const char *value;
	char nat[STATISTICS_CODE_LEN];
	switch (a->dim) {
	case STATISTICS_EXPLOITATION_TYPE:
		value = statistics_exploitation_type(v->exploitation_types);
		break;
	case STATISTICS_AGE_BAND:
		value = stats_age_band(
		    statistics_age(v->date_of_birth, (long)v->estimated_age, v->first_at));
		break;
	case STATISTICS_GENDER: {
		const vocab_entry *g = v->gender ? vocab_find(&vocab_gender, v->gender) : NULL;
		value = g ? g->code : "unknown";
		break;
	}
	case STATISTICS_MONTH:
		return stats_month_of(a->range, v->first_at);
	case STATISTICS_OUTCOME:
		value = statistics_outcome(v->nrm_status, v->duty_to_notify);
		break;
	case STATISTICS_NATIONALITY:
	default:
		statistics_nationality(v->nationalities, nat);
		for (size_t i = 0; i < a->n; i++)
			if (strcmp(a->codes[i], nat) == 0)
				return (long)i;
		if (a->n == a->cap)
			return -1;
		memcpy(a->codes[a->n], nat, sizeof nat);
		return (long)a->n++;
	}
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->fixed[i], value) == 0)
			return (long)i;
	return -1;
}

static int count_victim(const store_victim_row *v, void *arg)
{
	table *t = arg;
	long i = axis_index(&t->ax[0], v);
	long k = t->ndims > 1 ? axis_index(&t->ax[1], v) : 0;
	if (i < 0 || k < 0) {
		/* Only a nationality past NATIONALITY_MAX or a time outside the
		 * range (which the query never gives) lands here. */
		t->failed = 1;
		return DB_ERR;
	}
	t->count[(size_t)i * (t->ndims > 1 ? t->ax[1].cap : 1) + (size_t)k]++;
	return 0;
}

/* Sets up an axis for the dimension; 0, or -1 when memory runs out. */
static int axis_init(http_req *req, axis *a, statistics_dim d, const stats_range *r)
{
	memset(a, 0, sizeof *a);
	a->dim = d;
	a->fixed = statistics_dim_values(d, &a->n);
	if (a->fixed) {
		a->cap = a->n;
	} else if (d == STATISTICS_MONTH) {
		a->range = r;
		a->n = a->cap = r->n;
	} else {
		a->cap = NATIONALITY_MAX;
		a->codes = arena_alloc(http_req_arena(req), a->cap * sizeof *a->codes);
		if (!a->codes)
			return -1;
	}
	return 0;
}

/* Names only the nationalities of at least threshold victims in the
 * table: the others are counted together as "other", since even a hidden
 * cell's label would say that someone of that nationality was identified.
 * Both tables of the same range (by nationality, and by it and another
 * dimension) merge the same nationalities, as each counts the same
 * victims. Returns 0, or -1 when memory runs out. */
static int merge_rare_nationalities(http_req *req, table *t, int threshold)
{
	size_t d;
	for (d = 0; d < t->ndims && t->ax[d].dim != STATISTICS_NATIONALITY; d++)
		;
	if (d == t->ndims)
		return 0;
	axis *a = &t->ax[d];
	size_t cols = t->ndims > 1 ? t->ax[1].cap : 1, other_n = t->ndims > 1 ? t->ax[1 - d].n : 1;
	arena *ar = http_req_arena(req);
	long *merged = arena_alloc(ar, t->ax[0].cap * cols * sizeof *merged);
	size_t *to = arena_alloc(ar, (a->n + 1) * sizeof *to);
	char(*codes)[STATISTICS_CODE_LEN] = arena_alloc(ar, a->cap * sizeof *codes);
	if (!merged || !to || !codes)
		return -1;
	memset(merged, 0, t->ax[0].cap * cols * sizeof *merged);
	size_t n = 0, other = SIZE_MAX;
	for (size_t i = 0; i < a->n; i++) {
		long sum = 0;
		for (size_t k = 0; k < other_n; k++)
			sum += d == 0 ? t->count[i * cols + k] : t->count[k * cols + i];
		if (sum >= threshold || strcmp(a->codes[i], "unknown") == 0) {
			memcpy(codes[n], a->codes[i], sizeof codes[n]);
			to[i] = n++;
			continue;
		}
		if (other == SIZE_MAX) {
			other = n++;
			snprintf(codes[other], sizeof codes[other], "other");
		}
		to[i] = other;
	}
	for (size_t i = 0; i < a->n; i++)
		for (size_t k = 0; k < other_n; k++) {
			if (d == 0)
				merged[to[i] * cols + k] += t->count[i * cols + k];
			else
				merged[k * cols + to[i]] += t->count[k * cols + i];
		}
	t->count = merged;
	a->codes = codes;
	a->n = n;
	return 0;
}

/* Nationalities listed in order of their codes, "unknown" last. */
static int code_before(const char *a, const char *b)
{
	int ua = strcmp(a, "unknown") == 0, ub = strcmp(b, "unknown") == 0;
	return ua != ub ? ub : strcmp(a, b) < 0;
}

/* Writes order[] as the axis's indices in the order listed: as they are
 * for a fixed list or months; for nationalities, sorted (by insertion:
 * there are a few hundred at most). */
static void axis_order(const axis *a, size_t *order)
{
	for (size_t i = 0; i < a->n; i++) {
		size_t j = i;
		if (a->codes)
			for (; j > 0 && code_before(a->codes[i], a->codes[order[j - 1]]); j--)
				order[j] = order[j - 1];
		order[j] = i;
	}
}

/* A cell: the values of the dimensions given (values[i] for dims[i]) and
 * its figure. */
static json_t *cell_json(const table *t, const size_t *dims, const char *const *values, size_t n,
                         long count, int suppressed)
{
	json_t *o = json_object();
	for (size_t i = 0; o && i < n; i++)
		json_object_set_new(o, statistics_dim_name(t->ax[dims[i]].dim),
		                    json_string(values[i]));
	if (o && suppressed)
		json_object_set_new(o, "suppressed", json_true());
	else if (o)
		json_object_set_new(o, "count", json_integer(count));
	return o;
}

/* The one-way table of axis a (its counts and suppression) as cells. */
static json_t *line_json(const table *t, size_t a, const size_t *order, const long *sum,
                         const unsigned char *sup)
{
	json_t *list = json_array();
	for (size_t j = 0; list && j < t->ax[a].n; j++) {
		const char *value = axis_value(&t->ax[a], order[j]);
		json_array_append_new(list, cell_json(t, &a, &value, 1, sum[j], sup[j]));
	}
	return list;
}

/* Checks by, from and to; fills t's dimensions and r. 0, or -1 having
 * answered 422 naming each field that is wrong. */
static int statistics_ask(http_req *req, statistics_dim dims[STATISTICS_MAX_DIMS], size_t *ndims,
                          stats_range *r)
{
	json_t *errors = json_array();
	switch (statistics_by_parse(http_req_query(req, "by"), dims, ndims)) {
	case STATISTICS_BY_OK:
		break;
	case STATISTICS_BY_MISSING:
		jv_error(errors, "by", "must name one or two dimensions, comma-separated");
		break;
	case STATISTICS_BY_UNKNOWN:
		jv_error(
		    errors, "by",
		    "names a dimension that is not one of exploitation_type, age_band, gender, "
		    "nationality, month and outcome");
		break;
	case STATISTICS_BY_TOO_MANY:
		jv_error(errors, "by", "must name no more than two dimensions");
		break;
	case STATISTICS_BY_TWICE:
		jv_error(errors, "by", "names a dimension twice");
		break;
	}
	char today[DATE_LEN], from[DATE_LEN];
	clock_today(today);
	stats_default_from(today, from);
	const char *f = http_req_query(req, "from"), *to = http_req_query(req, "to");
	api_range_check(f ? f : from, to ? to : today, STATISTICS_MAX_YEARS, r, errors);
	return api_reject(req, errors) ? -1 : 0;
}

void api_statistics(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	statistics_dim dims[STATISTICS_MAX_DIMS];
	stats_range r;
	table t = {0};
	int threshold;
	if (statistics_ask(req, dims, &t.ndims, &r) != 0 ||
	    api_disclosure_threshold(req, &threshold) != 0)
		return;
	int outcome = 0;
	for (size_t i = 0; i < t.ndims; i++) {
		outcome |= dims[i] == STATISTICS_OUTCOME;
		if (axis_init(req, &t.ax[i], dims[i], &r) != 0) {
			api_db_fail(req, DB_NOMEM);
			return;
		}
	}
	size_t cols = t.ndims > 1 ? t.ax[1].cap : 1;
	t.count = arena_alloc(http_req_arena(req), t.ax[0].cap * cols * sizeof *t.count);
	if (!t.count) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	memset(t.count, 0, t.ax[0].cap * cols * sizeof *t.count);
	store_orgs orgs = api_orgs(req, KIND_FIGURES, ACT_READ);
	int rc = store_statistics_victims(c->db, &orgs, r.from, r.after, outcome, count_victim, &t);
	if (rc != DB_OK) {
		api_db_fail(req, t.failed ? DB_ERR : rc);
		return;
	}
	if (merge_rare_nationalities(req, &t, threshold) != 0) {
		api_db_fail(req, DB_NOMEM);
		return;
	}

	/* The table as listed: values in order, counts laid out to match. */
	size_t rows = t.ax[0].n, ncols = t.ndims > 1 ? t.ax[1].n : 1;
	arena *a = http_req_arena(req);
	size_t *order0 = arena_alloc(a, (rows + 1) * sizeof *order0);
	size_t *order1 = arena_alloc(a, (ncols + 1) * sizeof *order1);
	long *grid = arena_alloc(a, (rows * ncols + 1) * sizeof *grid);
	long *row_sum = arena_alloc(a, (rows + 1) * sizeof *row_sum);
	long *col_sum = arena_alloc(a, (ncols + 1) * sizeof *col_sum);
	unsigned char *cell_sup = arena_alloc(a, rows * ncols + 1),
	              *row_sup = arena_alloc(a, rows + 1), *col_sup = arena_alloc(a, ncols + 1),
	              total_sup;
	if (!order0 || !order1 || !grid || !row_sum || !col_sum || !cell_sup || !row_sup ||
	    !col_sup) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	axis_order(&t.ax[0], order0);
	if (t.ndims > 1)
		axis_order(&t.ax[1], order1);
	else
		order1[0] = 0;
	memset(row_sum, 0, rows * sizeof *row_sum);
	memset(col_sum, 0, ncols * sizeof *col_sum);
	long total = 0;
	for (size_t i = 0; i < rows; i++)
		for (size_t k = 0; k < ncols; k++) {
			long n = t.count[order0[i] * cols + order1[k]];
			grid[i * ncols + k] = n;
			row_sum[i] += n;
			col_sum[k] += n;
			total += n;
		}
	if (t.ndims == 1) {
		disclosure_one_way(grid, rows, threshold, cell_sup, &total_sup);
	} else if (rows && ncols) {
		if (disclosure_two_way(grid, rows, ncols, threshold, cell_sup, row_sup, col_sup,
		                       &total_sup) != 0) {
			api_db_fail(req, DB_NOMEM);
			return;
		}
	} else {
		/* No value on one axis: no cells, and the other's margins are all zero. */
		disclosure_one_way(row_sum, rows, threshold, row_sup, &total_sup);
		disclosure_one_way(col_sum, ncols, threshold, col_sup, &total_sup);
	}

	json_t *cells = json_array(), *totals = json_object(), *by = json_array();
	size_t which[2] = {0, 1};
	for (size_t i = 0; cells && i < rows; i++)
		for (size_t k = 0; k < ncols; k++) {
			const char *values[2] = {axis_value(&t.ax[0], order0[i]),
			                         t.ndims > 1 ? axis_value(&t.ax[1], order1[k])
			                                     : NULL};
			json_array_append_new(cells, cell_json(&t, which, values, t.ndims,
			                                       grid[i * ncols + k],
			                                       cell_sup[i * ncols + k]));
		}
	for (size_t d = 0; by && d < t.ndims; d++)
		json_array_append_new(by, json_string(statistics_dim_name(dims[d])));
	if (t.ndims == 1) {
		json_object_set_new(totals, statistics_dim_name(dims[0]), json_deep_copy(cells));
	} else if (totals) {
		json_object_set_new(totals, statistics_dim_name(dims[0]),
		                    line_json(&t, 0, order0, row_sum, row_sup));
		json_object_set_new(totals, statistics_dim_name(dims[1]),
		                    line_json(&t, 1, order1, col_sum, col_sup));
	}
	json_t *out = json_pack("{s:s, s:s, s:o*, s:i, s:o*, s:o*, s:o*}", "from", r.from, "to",
	                        r.to, "by", by, "threshold", threshold, "cells", cells, "totals",
	                        totals, "total", api_figure(total, total_sup));
	if (!out) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	http_reply_json(req, 200, out);
}
