/* The figures supervisors, analysts and the Commissioner's office watch,
 * month by month over a range of dates (the last twelve months unless
 * asked), aggregates only: counts, never a name, a record or free text,
 * and every count of victims or cases through the disclosure control
 * (domain/disclosure.h) at the installation's threshold: a count below it
 * is {"suppressed": true} (the word "suppressed" in CSV), and each
 * counter's months with their total are protected as one table, so that
 * no month can be worked out from the others and the total.
 *
 * GET /api/v1/reports/casework: NRM referrals made, Reasonable Grounds
 * decisions positive and negative, and cases opened and closed.
 * GET /api/v1/reports/allocation: the share of allocations to accredited,
 * trained leads, the time from a case's creation to its first allocation
 * (median and 90th percentile), overrides by the requirement they passed,
 * and training compliance by team (as it stands today).
 *
 * Both take from and to (YYYY-MM-DD, both included) and come as CSV with
 * format=csv (the allocation report one figure at a time). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/allocation.h"
#include "domain/disclosure.h"
#include "domain/stats.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "lib/csv.h"
#include "lib/grow.h"
#include "store/reports.h"
#include "store/staff.h"

void api_range_check(const char *from, const char *to, int years, stats_range *r, json_t *errors)
{
	if (!from)
		jv_error(errors, "from",
		         "is required: the first day of the period, such as 2025-01-01");
	if (!to)
		jv_error(errors, "to",
		         "is required: the last day of the period, such as 2025-12-31");
	if (!from || !to)
		return;
	char why[64];
	snprintf(why, sizeof why, "must be no more than %s years before to",
	         years == 5 ? "five" : "ten");
	switch (stats_range_make(from, to, r)) {
	case STATS_RANGE_OK:
		if (!stats_range_within_years(r->from, r->to, years))
			jv_error(errors, "from", why);
		break;
	case STATS_FROM_INVALID:
		jv_error(errors, "from", "must be a real date such as 2025-01-01");
		break;
	case STATS_TO_INVALID:
		jv_error(errors, "to", "must be a real date such as 2025-12-31");
		break;
	case STATS_FROM_AFTER_TO:
		jv_error(errors, "from", "must be the same as or before to");
		break;
	case STATS_RANGE_TOO_LONG:
		jv_error(errors, "from", why);
		break;
	}
}

int api_report_range(http_req *req, stats_range *r)
{
	char today[DATE_LEN], from[DATE_LEN];
	clock_today(today);
	stats_default_from(today, from);
	const char *f = http_req_query(req, "from"), *t = http_req_query(req, "to");
	json_t *errors = json_array();
	api_range_check(f ? f : from, t ? t : today, 10, r, errors);
	return api_reject_query(req, errors) ? -1 : 0;
}

int api_report_format(http_req *req)
{
	const char *format = http_req_query(req, "format");
	if (!format || !strcmp(format, "json"))
		return 0;
	if (!strcmp(format, "csv"))
		return api_allow_whole(req, KIND_FIGURES, ACT_EXPORT, "figures") != 0 ? -1 : 1;
	json_t *errors = json_array();
	jv_error(errors, "format", "must be json or csv");
	api_invalid(req, errors);
	return -1;
}

/* What a report is asked for: its range, the organisations whose figures
 * the user counts (only their own, or a Commissioner's area), and whether
 * as CSV. */
typedef struct report_ask {
	stats_range range;
	store_orgs orgs;
	int csv;
} report_ask;

/* Reads format and range into rep: 0, or -1 having answered. */
static int report_open(http_req *req, report_ask *rep)
{
	rep->csv = api_report_format(req);
	if (rep->csv < 0 || api_report_range(req, &rep->range) != 0)
		return -1;
	rep->orgs = api_orgs(req, KIND_FIGURES, ACT_READ);
	return 0;
}

void api_reply_rows_csv(http_req *req, const char *name, json_t *rows, const char *const *columns)
{
	buf b;
	buf_init(&b);
	for (int c = 0; columns[c]; c++)
		csv_field(&b, columns[c], c == 0);
	buf_puts(&b, "\r\n");
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
	{
		for (int c = 0; columns[c]; c++) {
			json_t *v = json_object_get(row, columns[c]);
			char num[32] = "";
			const char *text = json_string_value(v);
			if (json_is_object(v) && json_is_true(json_object_get(v, "suppressed")))
				text = "suppressed";
			else if (json_is_integer(v))
				snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
			else if (json_is_real(v))
				snprintf(num, sizeof num, "%.2f", json_real_value(v));
			csv_field(&b, text ? text : num, c == 0);
		}
		buf_puts(&b, "\r\n");
	}
	if (!b.failed) {
		char disposition[96];
		snprintf(disposition, sizeof disposition, "attachment; filename=\"%s.csv\"", name);
		http_reply_header(req, "Content-Disposition", disposition);
		http_reply_bytes(req, 200, "text/csv; charset=utf-8", buf_str(&b), b.len);
	} else {
		api_db_fail(req, DB_NOMEM);
	}
	buf_free(&b);
}

/* One array of r's months, each {month} with the counters named, at 0,
 * kept by the request; NULL when memory runs out. */
static json_t *month_rows(http_req *req, const stats_range *r, const char *const *counters)
{
	json_t *list = api_keep(req, json_array());
	for (size_t i = 0; list && i < r->n; i++) {
		json_t *m = json_pack("{s:s}", "month", r->months[i]);
		if (!m || json_array_append_new(list, m) != 0)
			return NULL;
		for (int c = 0; counters[c]; c++)
			if (json_object_set_new(m, counters[c], json_integer(0)) != 0)
				return NULL;
	}
	return list;
}

static void add_to(json_t *row, const char *counter, json_int_t n)
{
	json_object_set_new(row, counter,
	                    json_integer(json_integer_value(json_object_get(row, counter)) + n));
}

/* ---- Casework ---- */

static const char *const casework_columns[] = {"month",  "referrals", "rg_positive", "rg_negative",
                                               "opened", "closed",    NULL};

typedef struct tally_fill {
	const stats_range *range;
	json_t *months;
	const char *counter;
} tally_fill;

static int fill_month(const char *month, int64_t n, void *arg)
{
	tally_fill *x = arg;
	char day[DATE_LEN];
	/* The month's first day counted: from itself in from's month. */
	snprintf(day, sizeof day, "%.7s-01", month ? month : "");
	int i = stats_month_of(x->range, strcmp(day, x->range->from) < 0 ? x->range->from : day);
	if (i >= 0)
		add_to(json_array_get(x->months, (size_t)i), x->counter, (json_int_t)n);
	return 0;
}

void api_reports_casework(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	report_ask rep;
	int threshold;
	if (report_open(req, &rep) != 0 || api_disclosure_threshold(req, &threshold) != 0)
		return;
	json_t *months = month_rows(req, &rep.range, casework_columns + 1);
	int rc = months ? DB_OK : DB_NOMEM;
	for (store_tally t = 0; t < TALLY_COUNT && rc == DB_OK; t++) {
		tally_fill x = {&rep.range, months, casework_columns[1 + t]};
		rc = store_report_monthly(c->db, &rep.orgs, t, rep.range.from, rep.range.after,
		                          fill_month, &x);
	}
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *totals = api_keep(req, json_object());
	for (int k = 1; totals && casework_columns[k]; k++)
		if (api_protect_column(req, months, casework_columns[k], threshold, totals) != 0)
			totals = NULL;
	if (!totals) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	if (rep.csv) {
		api_reply_rows_csv(req, "casework", months, casework_columns);
		return;
	}
	json_t *report =
	    json_pack("{s:s, s:s, s:i, s:O, s:O}", "from", rep.range.from, "to", rep.range.to,
	              "threshold", threshold, "months", months, "totals", totals);
	if (!report) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	http_reply_json(req, 200, report);
}

/* ---- Allocation ---- */

int api_allocation_trained(json_t *failed)
{
	size_t k;
	json_t *c;
	json_array_foreach(failed, k, c)
	{
		const char *code = json_string_value(c);
		if (code && (!strcmp(code, alloc_requirement_code(ALLOC_REQ_PIP)) ||
		             !strcmp(code, alloc_requirement_code(ALLOC_REQ_SPECIALIST))))
			return 0;
	}
	return 1;
}

typedef struct accredited {
	const stats_range *range;
	json_t *months;    /* {month, allocations, accredited}, one per month */
	json_t *overrides; /* code -> count */
	json_t *row;       /* {failed}: the codes of the row being counted */
} accredited;

static int add_allocation(const char *at, const char *failed, void *arg)
{
	accredited *x = arg;
	int i = stats_month_of(x->range, at);
	if (i < 0)
		return 0;
	json_t *m = json_array_get(x->months, (size_t)i);
	json_t *codes = json_loads(failed, 0, NULL), *c;
	/* Held by the row slot until the next row's codes replace them. */
	if (codes && json_object_set_new(x->row, "failed", codes) != 0)
		return DB_NOMEM;
	size_t k;
	json_array_foreach(codes, k, c)
	{
		const char *code = json_string_value(c);
		if (code)
			add_to(x->overrides, code, 1);
	}
	add_to(m, "allocations", 1);
	add_to(m, "accredited", api_allocation_trained(codes));
	return 0;
}

typedef struct waits {
	const stats_range *range;
	int month; /* the index of the month being gathered, or -1 */
	double *hours;
	size_t n, cap;
	json_t *months; /* {month, cases, median_hours, p90_hours}, one per month */
} waits;

static void close_month(waits *w)
{
	if (!w->n)
		return;
	stats_sort(w->hours, w->n);
	json_t *m = json_array_get(w->months, (size_t)w->month);
	json_object_set_new(m, "cases", json_integer((json_int_t)w->n));
	json_object_set_new(m, "median_hours", json_real(stats_percentile(w->hours, w->n, 50)));
	json_object_set_new(m, "p90_hours", json_real(stats_percentile(w->hours, w->n, 90)));
	w->n = 0;
}

/* Called in the order the cases were opened. */
static int add_wait(const char *created, const char *first, void *arg)
{
	waits *w = arg;
	int64_t a, b;
	int i = stats_month_of(w->range, created);
	if (i < 0 || clock_parse_iso(created, &a) != 0 || clock_parse_iso(first, &b) != 0)
		return 0;
	if (i != w->month) {
		close_month(w);
		w->month = i;
	}
	double *hours = grow_array(w->hours, &w->cap, w->n, sizeof *hours, 256);
	if (!hours)
		return DB_NOMEM;
	w->hours = hours;
	w->hours[w->n++] = (double)(b - a) / 3600000.0;
	return 0;
}

/* The months of allocations as one table, the months by {accredited, the
 * rest}, whose row totals are the months' allocations (as the dashboard's
 * shares are): allocations and accredited become figures, and the share
 * is hidden with its part. 0, or -1 when memory runs out. */
static int protect_leads(http_req *req, json_t *months, int threshold)
{
	size_t n = json_array_size(months), i;
	if (!n)
		return 0;
	arena *a = http_req_arena(req);
	long *cells = arena_alloc(a, n * 2 * sizeof *cells);
	unsigned char *cell_sup = arena_alloc(a, n * 2), *row_sup = arena_alloc(a, n);
	unsigned char col_sup[2], total_sup;
	if (!cells || !cell_sup || !row_sup)
		return -1;
	json_t *m;
	json_array_foreach(months, i, m)
	{
		long all = (long)json_integer_value(json_object_get(m, "allocations"));
		long part = (long)json_integer_value(json_object_get(m, "accredited"));
		cells[i * 2] = part;
		cells[i * 2 + 1] = all - part;
	}
	if (disclosure_two_way(cells, n, 2, threshold, cell_sup, row_sup, col_sup, &total_sup) != 0)
		return -1;
	json_array_foreach(months, i, m)
	{
		long part = cells[i * 2], all = cells[i * 2] + cells[i * 2 + 1];
		int part_sup = cell_sup[i * 2] || cell_sup[i * 2 + 1];
		json_t *share = part_sup ? api_figure(0, 1)
		                : all    ? json_real((double)part / (double)all)
		                         : json_null();
		if (json_object_set_new(m, "allocations", api_figure(all, row_sup[i])) != 0 ||
		    json_object_set_new(m, "accredited", api_figure(part, part_sup)) != 0 ||
		    json_object_set_new(m, "share", share) != 0)
			return -1;
	}
	return 0;
}

/* The cases of each month as a one-way table; a month's median and 90th
 * percentile only once it has at least the threshold of cases (and its
 * count is shown), null when it has none. 0, or -1 when memory runs out. */
static int protect_waits(http_req *req, json_t *months, int threshold)
{
	size_t i;
	json_t *m;
	json_array_foreach(months, i, m)
	{
		long cases = (long)json_integer_value(json_object_get(m, "cases"));
		if (!cases) {
			json_object_set_new(m, "median_hours", json_null());
			json_object_set_new(m, "p90_hours", json_null());
		} else if (cases < threshold) {
			json_object_set_new(m, "median_hours", api_figure(0, 1));
			json_object_set_new(m, "p90_hours", api_figure(0, 1));
		}
	}
	if (api_protect_column(req, months, "cases", threshold, NULL) != 0)
		return -1;
	json_array_foreach(months, i, m)
	{
		if (json_is_object(json_object_get(m, "cases"))) {
			json_object_set_new(m, "median_hours", api_figure(0, 1));
			json_object_set_new(m, "p90_hours", api_figure(0, 1));
		}
	}
	return 0;
}

/* One figure of the allocation report as CSV. */
static void reply_allocation_csv(http_req *req, const char *figure, json_t *report)
{
	static const struct {
		const char *figure, *columns[6];
	} figures[] = {
	    {"accredited_leads", {"month", "allocations", "accredited", "share", NULL}},
	    {"time_to_allocation", {"month", "cases", "median_hours", "p90_hours", NULL}},
	    {"overrides", {"requirement", "count", NULL}},
	    {"training_by_team", {"team", "valid", "expiring", "expired", "share_valid", NULL}},
	};
	for (size_t f = 0; f < sizeof figures / sizeof figures[0]; f++)
		if (!strcmp(figure, figures[f].figure)) {
			api_reply_rows_csv(req, figure, json_object_get(report, figure),
			                   figures[f].columns);
			return;
		}
	json_t *errors = json_array();
	jv_error(errors, "figure",
	         "must be accredited_leads, time_to_allocation, overrides or training_by_team");
	api_invalid(req, errors);
}

void api_reports_allocation(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	report_ask rep;
	int threshold;
	if (report_open(req, &rep) != 0 || api_disclosure_threshold(req, &threshold) != 0)
		return;
	static const char *const lead_counters[] = {"allocations", "accredited", NULL};
	static const char *const wait_counters[] = {"cases", NULL};
	accredited acc = {&rep.range, month_rows(req, &rep.range, lead_counters),
	                  api_keep(req, json_object()), api_keep(req, json_object())};
	waits w = {&rep.range, -1, NULL, 0, 0, month_rows(req, &rep.range, wait_counters)};
	json_t *teams = NULL;
	char day[DATE_LEN];
	clock_today(day);
	int rc = acc.months && acc.overrides && acc.row && w.months ? DB_OK : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_report_allocations(c->db, &rep.orgs, add_allocation, &acc);
	if (rc == DB_OK)
		rc = store_report_first_allocations(c->db, &rep.orgs, add_wait, &w);
	if (rc == DB_OK)
		rc = api_training_by_team(req, &rep.orgs, NULL, day, NULL, &teams);
	close_month(&w);
	free(w.hours);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *overrides = api_keep(req, json_array());
	if (!overrides || protect_leads(req, acc.months, threshold) != 0 ||
	    protect_waits(req, w.months, threshold) != 0) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	for (unsigned bit = 1; bit < (1u << ALLOC_NREQ); bit <<= 1) {
		const char *code = alloc_requirement_code(bit);
		json_array_append_new(
		    overrides, json_pack("{s:s, s:s, s:I}", "requirement", code, "label",
		                         alloc_requirement_text(bit), "count",
		                         json_integer_value(json_object_get(acc.overrides, code))));
	}
	if (api_protect_column(req, overrides, "count", threshold, NULL) != 0) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	/* Training by team counts staff, not victims: it is not disclosure
	 * controlled. */
	json_t *report =
	    api_keep(req, json_pack("{s:s, s:s, s:i, s:O, s:O, s:O, s:o}", "from", rep.range.from,
	                            "to", rep.range.to, "threshold", threshold, "accredited_leads",
	                            acc.months, "time_to_allocation", w.months, "overrides",
	                            overrides, "training_by_team", teams));
	if (!report) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	if (rep.csv) {
		const char *figure = http_req_query(req, "figure");
		reply_allocation_csv(req, figure ? figure : "", report);
		return;
	}
	http_reply_json(req, 200, json_incref(report));
}
