/* The Commissioner's dashboard: GET /api/v1/reports/outcomes?from=&to=
 * (and format=csv). What became of the victims a force identified, each
 * figure for the period asked, for the same number of days just before
 * it, and month by month over the twelve months ending with to's month,
 * every one through the disclosure control (domain/disclosure.h): a
 * figure is a number or {"suppressed": true}, a share is hidden with its
 * part, and each monthly series is protected as one table so that no
 * month can be worked out from the others and their total.
 *
 * A composer: it reads each feature's figures through that feature's
 * store (reports, services, feedback, staff, go bags) and new rows only
 * through store/outcomes.h, and decides nothing the domain does not: the
 * Reasonable Grounds clock is nrm_rg_due's, the Victims' Code's
 * vc_update_due's, an accredited, trained lead api_allocation_trained's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/feedback.h"
#include "domain/disclosure.h"
#include "domain/feedback.h"
#include "domain/nrm.h"
#include "domain/stats.h"
#include "domain/victims_code.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/feedback.h"
#include "store/go_bags.h"
#include "store/nrm.h"
#include "store/outcomes.h"
#include "store/reports.h"
#include "store/services.h"
#include "store/staff.h"

#define TREND_MONTHS 12

/* The days counted: the period, the one before it, and the trend's
 * months (the last one ends with the period). Days as date_days counts. */
typedef struct windows {
	char from[DATE_LEN], to[DATE_LEN], after[DATE_LEN];
	char prev_from[DATE_LEN], prev_to[DATE_LEN];
	long cur_from, cur_to, prev_from_d, prev_to_d;
	char months[TREND_MONTHS][STATS_MONTH_LEN];
	char month_from[TREND_MONTHS][DATE_LEN];  /* each month's first day */
	char month_after[TREND_MONTHS][DATE_LEN]; /* the day after its last counted */
	long month_first[TREND_MONTHS];
	char span_from[DATE_LEN]; /* the earliest day any of them counts */
	int same_span;            /* the period is exactly the trend's months */
} windows;

static int windows_make(const stats_range *r, windows *w)
{
	memset(w, 0, sizeof *w);
	snprintf(w->from, sizeof w->from, "%s", r->from);
	snprintf(w->to, sizeof w->to, "%s", r->to);
	snprintf(w->after, sizeof w->after, "%s", r->after);
	w->cur_from = date_days(r->from);
	w->cur_to = date_days(r->to);
	long days = w->cur_to - w->cur_from + 1;
	w->prev_to_d = w->cur_from - 1;
	w->prev_from_d = w->cur_from - days;
	date_of_days(w->prev_from_d, w->prev_from);
	date_of_days(w->prev_to_d, w->prev_to);
	/* The reports' default range is these twelve months. */
	char first[DATE_LEN];
	stats_default_from(r->to, first);
	for (int i = 0; i < TREND_MONTHS; i++) {
		char m[DATE_LEN];
		if (date_add_months(first, i, m) != 0)
			return -1;
		snprintf(w->months[i], sizeof w->months[i], "%.7s", m);
		snprintf(w->month_from[i], sizeof w->month_from[i], "%s", m);
		w->month_first[i] = date_days(m);
		if (i == TREND_MONTHS - 1)
			snprintf(w->month_after[i], sizeof w->month_after[i], "%s", r->after);
		else if (date_add_months(m, 1, w->month_after[i]) != 0)
			return -1;
	}
	snprintf(w->span_from, sizeof w->span_from, "%s",
	         strcmp(w->prev_from, w->month_from[0]) < 0 ? w->prev_from : w->month_from[0]);
	w->same_span = strcmp(w->from, w->month_from[0]) == 0;
	return 0;
}

/* A count in each window. */
typedef struct tally {
	long cur, prev, month[TREND_MONTHS];
} tally;

static void tally_add(const windows *w, tally *t, const char *day, long n)
{
	long d = day ? date_days(day) : DATE_INVALID;
	if (d == DATE_INVALID || d > w->cur_to)
		return;
	if (d >= w->cur_from)
		t->cur += n;
	else if (d >= w->prev_from_d && d <= w->prev_to_d)
		t->prev += n;
	for (int i = TREND_MONTHS - 1; i >= 0; i--)
		if (d >= w->month_first[i]) {
			t->month[i] += n;
			break;
		}
}

/* ---- the figures as published ---- */

static json_t *count_figure(const windows *w, int threshold, const char *id, const tally *t)
{
	unsigned char sup[TREND_MONTHS], total_sup;
	disclosure_one_way(t->month, TREND_MONTHS, threshold, sup, &total_sup);
	int cur_sup = disclosure_hides(t->cur, threshold) || (w->same_span && total_sup);
	json_t *trend = json_array();
	for (int i = 0; i < TREND_MONTHS; i++)
		json_array_append_new(trend, json_pack("{s:s, s:o}", "month", w->months[i], "count",
		                                       api_figure(t->month[i], sup[i])));
	return json_pack("{s:s, s:s, s:o, s:{s:o}, s:o}", "id", id, "kind", "count", "count",
	                 api_figure(t->cur, cur_sup), "previous", "count",
	                 api_figure(t->prev, disclosure_hides(t->prev, threshold)), "trend", trend);
}

/* {part, whole, percent} of a share: percent is a whole number, null when
 * whole is 0, and suppressed whenever part is. */
static json_t *share_json(long part, long whole, int part_sup, int whole_sup)
{
	json_t *percent =
	    part_sup ? api_figure(0, 1)
	    : whole  ? json_integer((json_int_t)lround(100.0 * (double)part / (double)whole))
	             : json_null();
	return json_pack("{s:o, s:o, s:o}", "part", api_figure(part, part_sup), "whole",
	                 api_figure(whole, whole_sup), "percent", percent);
}

static json_t *period_share(long part, long whole, int threshold)
{
	int whole_sup = 0;
	int part_sup = disclosure_share_hidden(part, whole, threshold, &whole_sup);
	return share_json(part, whole, part_sup, whole_sup);
}

/* A share in each window: the part (such as decisions in time) of the
 * whole (all decisions). Month by month it is one table, the months by
 * {part, the rest}, whose row totals are the months' wholes. */
static json_t *share_figure(const windows *w, int threshold, const char *id, const tally *part,
                            const tally *whole)
{
	long cells[TREND_MONTHS * 2];
	unsigned char cell_sup[TREND_MONTHS * 2], row_sup[TREND_MONTHS], col_sup[2], total_sup;
	for (int i = 0; i < TREND_MONTHS; i++) {
		cells[i * 2] = part->month[i];
		cells[i * 2 + 1] = whole->month[i] - part->month[i];
	}
	if (disclosure_two_way(cells, TREND_MONTHS, 2, threshold, cell_sup, row_sup, col_sup,
	                       &total_sup) != 0)
		return NULL;
	json_t *trend = json_array();
	for (int i = 0; i < TREND_MONTHS; i++) {
		json_t *m = share_json(part->month[i], whole->month[i],
		                       cell_sup[i * 2] || cell_sup[i * 2 + 1], row_sup[i]);
		json_object_set_new(m, "month", json_string(w->months[i]));
		json_array_append_new(trend, m);
	}
	json_t *cur;
	if (w->same_span) {
		int whole_sup = 0;
		int part_sup =
		    disclosure_share_hidden(part->cur, whole->cur, threshold, &whole_sup) ||
		    col_sup[0] || col_sup[1];
		cur = share_json(part->cur, whole->cur, part_sup, whole_sup || total_sup);
	} else {
		cur = period_share(part->cur, whole->cur, threshold);
	}
	json_object_set_new(cur, "id", json_string(id));
	json_object_set_new(cur, "kind", json_string("share"));
	json_object_set_new(cur, "previous", period_share(part->prev, whole->prev, threshold));
	json_object_set_new(cur, "trend", trend);
	return cur;
}

/* ---- rows of store/outcomes.h ---- */

typedef struct counted {
	const windows *w;
	holidays h;
	const char *today;
	tally a, b, c; /* as each kind needs */
} counted;

static int count_victim(const outcome_row *r, void *arg)
{
	counted *x = arg;
	tally_add(x->w, &x->a, r->day, 1);
	tally_add(x->w, &x->b, r->day, r->a && !strcmp(r->a, "1"));
	tally_add(x->w, &x->c, r->day, r->b && !strcmp(r->b, "1"));
	return 0;
}

static int count_row(const outcome_row *r, void *arg)
{
	counted *x = arg;
	tally_add(x->w, &x->a, r->day, 1);
	return 0;
}

/* a: decided within 5 working days of the referral; b: all decided. */
static int count_rg(const outcome_row *r, void *arg)
{
	counted *x = arg;
	char due[DATE_LEN];
	int in_time = r->a && nrm_rg_due(r->a, &x->h, due) == 0 && strcmp(r->day, due) <= 0;
	tally_add(x->w, &x->a, r->day, in_time);
	tally_add(x->w, &x->b, r->day, 1);
	return 0;
}

/* a: updates given on time; b: updates given, or due and not given by
 * today (one still due is not counted yet). Every potential victim of
 * modern slavery has the enhanced rights. */
static int count_update(const outcome_row *r, void *arg)
{
	counted *x = arg;
	char due[DATE_LEN];
	if (!r->a || vc_update_due(r->a, 1, &x->h, due) != 0)
		return 0;
	if (!r->b && strcmp(due, x->today) >= 0)
		return 0;
	tally_add(x->w, &x->a, r->day, r->b && strcmp(r->b, due) <= 0);
	tally_add(x->w, &x->b, r->day, 1);
	return 0;
}

static int count_charging(const outcome_row *r, void *arg)
{
	counted *x = arg;
	tally_add(x->w, &x->a, r->day, r->a && !strcmp(r->a, "1"));
	tally_add(x->w, &x->b, r->day, 1);
	return 0;
}

static int read_rows(http_req *req, const store_orgs *orgs, store_outcome kind, counted *x,
                     int (*fn)(const outcome_row *r, void *arg))
{
	return store_outcome_rows(api_ctx_of(req)->db, orgs, kind, x->w->span_from, x->w->after, fn,
	                          x);
}

/* ---- the reports' own figures ---- */

typedef struct monthly {
	const windows *w;
	long *into; /* the window's count, or NULL to find the month */
	tally *t;
} monthly;

static int add_monthly(const char *month, int64_t n, void *arg)
{
	monthly *x = arg;
	if (x->into) {
		*x->into += (long)n;
		return 0;
	}
	for (int i = 0; i < TREND_MONTHS; i++)
		if (month && !strncmp(month, x->w->months[i], 7))
			x->t->month[i] += (long)n;
	return 0;
}

/* A casework report's tally (store/reports.h) in each window. */
static int read_tally(http_req *req, const store_orgs *orgs, const windows *w, store_tally k,
                      tally *t)
{
	db *d = api_ctx_of(req)->db;
	monthly cur = {w, &t->cur, t}, prev = {w, &t->prev, t}, months = {w, NULL, t};
	int rc = store_report_monthly(d, orgs, k, w->from, w->after, add_monthly, &cur);
	if (rc == DB_OK)
		rc = store_report_monthly(d, orgs, k, w->prev_from, w->from, add_monthly, &prev);
	if (rc == DB_OK)
		rc = store_report_monthly(d, orgs, k, w->month_from[0], w->after, add_monthly,
		                          &months);
	return rc;
}

typedef struct lead_count {
	const windows *w;
	json_t *row; /* {failed}: the codes of the row being counted */
	tally trained, all;
} lead_count;

static int count_lead(const char *allocated_at, const char *failed, void *arg)
{
	lead_count *x = arg;
	json_t *codes = json_loads(failed ? failed : "[]", 0, NULL);
	/* Held by the row slot until the next row's codes replace them. */
	if (codes && json_object_set_new(x->row, "failed", codes) != 0)
		return DB_NOMEM;
	char day[DATE_LEN];
	snprintf(day, sizeof day, "%.10s", allocated_at ? allocated_at : "");
	tally_add(x->w, &x->trained, day, api_allocation_trained(codes));
	tally_add(x->w, &x->all, day, 1);
	return 0;
}

/* Service referrals by service: what the services report
 * (store_service_figures) says of one window. */
#define OUTCOME_KINDS 5
static const char *const outcome_names[OUTCOME_KINDS] = {"support_completed", "victim_declined",
                                                         "lost_contact", "moved_away", "other"};

typedef struct service_rows {
	http_req *req;
	long in_time, due; /* answered within target; answered or past it */
	json_t *services;  /* [{service, outcomes: [5 counts]}] while counting */
} service_rows;

static int add_service(const service_figures *f, void *arg)
{
	service_rows *x = arg;
	x->in_time += (long)f->answered_in_time;
	x->due += (long)(f->answered_in_time + f->answered_late + f->overdue);
	if (!x->services)
		return DB_OK;
	json_t *counts = json_array();
	for (int k = 0; k < OUTCOME_KINDS; k++)
		json_array_append_new(counts, json_integer((json_int_t)f->outcomes[k]));
	json_t *j = json_pack("{s:{s:s, s:s, s:s}, s:o}", "service", "id", f->service_id, "name",
	                      f->name, "kind", f->kind, "counts", counts);
	return j && json_array_append_new(x->services, j) == 0 ? DB_OK : DB_NOMEM;
}

static int read_services(http_req *req, const store_orgs *orgs, const char *from, const char *to,
                         const char *now, service_rows *x)
{
	return store_service_figures(api_ctx_of(req)->db, orgs, from, to, now, add_service, x);
}

/* The outcomes by service as one two-way table: services by outcome
 * (api_two_way_figures, as the services report publishes it). NULL when
 * memory runs out. */
static json_t *outcomes_table(http_req *req, json_t *services, int threshold)
{
	size_t n = json_array_size(services), rows_n = n ? n : 1;
	arena *a = http_req_arena(req);
	long *cells = arena_alloc(a, rows_n * OUTCOME_KINDS * sizeof *cells);
	json_t **cell = arena_alloc(a, rows_n * OUTCOME_KINDS * sizeof *cell);
	json_t **row = arena_alloc(a, rows_n * sizeof *row);
	json_t *col[OUTCOME_KINDS], *total;
	if (!cells || !cell || !row)
		return NULL;
	for (size_t r = 0; r < n; r++)
		for (int k = 0; k < OUTCOME_KINDS; k++)
			cells[r * OUTCOME_KINDS + (size_t)k] =
			    (long)json_integer_value(json_array_get(
			        json_object_get(json_array_get(services, r), "counts"), (size_t)k));
	if (api_two_way_figures(req, cells, n, OUTCOME_KINDS, threshold, cell, row, col, &total) !=
	    0)
		return NULL;
	json_t *rows = json_array();
	for (size_t r = 0; r < n; r++) {
		json_t *o = json_object();
		for (int k = 0; k < OUTCOME_KINDS; k++)
			json_object_set_new(o, outcome_names[k],
			                    cell[r * OUTCOME_KINDS + (size_t)k]);
		json_array_append_new(
		    rows, json_pack("{s:O, s:o, s:o}", "service",
		                    json_object_get(json_array_get(services, r), "service"),
		                    "outcomes", o, "total", row[r]));
	}
	json_t *totals = json_object();
	for (int k = 0; k < OUTCOME_KINDS; k++)
		json_object_set_new(totals, outcome_names[k], col[k]);
	return json_pack("{s:o, s:o, s:o}", "services", rows, "totals", totals, "total", total);
}

/* Feedback: each question's answers (a score, not "prefer not to say")
 * and their sum, in one window. */
typedef struct scores {
	long answered[FEEDBACK_QUESTIONS], sum[FEEDBACK_QUESTIONS];
} scores;

static int add_score(const char *question, int score, int64_t n, void *arg)
{
	scores *s = arg;
	int q = feedback_question_of(question);
	if (q >= 0 && score >= FEEDBACK_SCORE_MIN && score <= FEEDBACK_SCORE_MAX) {
		s->answered[q] += (long)n;
		s->sum[q] += (long)n * score;
	}
	return DB_OK;
}

/* {answered, mean}: the mean (one decimal place) only once answered
 * reaches the threshold, and never beside a suppressed count. */
static json_t *score_json(long answered, long sum, int answered_sup, int threshold)
{
	json_t *mean = answered_sup || answered < threshold
	                   ? api_figure(0, 1)
	                   : json_real(round(10.0 * (double)sum / (double)answered) / 10.0);
	return json_pack("{s:o, s:o}", "answered", api_figure(answered, answered_sup), "mean",
	                 mean);
}

static json_t *feedback_figure(http_req *req, const store_orgs *orgs, const windows *w,
                               int threshold, int *rc)
{
	db *d = api_ctx_of(req)->db;
	scores cur = {0}, prev = {0}, month[TREND_MONTHS];
	memset(month, 0, sizeof month);
	int64_t n = 0;
	*rc = store_feedback_tally(d, orgs, w->from, w->after, &n, add_score, &cur);
	if (*rc == DB_OK)
		*rc = store_feedback_tally(d, orgs, w->prev_from, w->from, &n, add_score, &prev);
	for (int i = 0; i < TREND_MONTHS && *rc == DB_OK; i++)
		*rc = store_feedback_tally(d, orgs, w->month_from[i], w->month_after[i], &n,
		                           add_score, &month[i]);
	if (*rc != DB_OK)
		return NULL;
	json_t *en = api_feedback_texts(req, "en");
	json_t *questions = json_array();
	for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
		long counts[TREND_MONTHS];
		unsigned char sup[TREND_MONTHS], total_sup;
		for (int i = 0; i < TREND_MONTHS; i++)
			counts[i] = month[i].answered[q];
		disclosure_one_way(counts, TREND_MONTHS, threshold, sup, &total_sup);
		json_t *trend = json_array();
		for (int i = 0; i < TREND_MONTHS; i++) {
			json_t *m =
			    score_json(month[i].answered[q], month[i].sum[q], sup[i], threshold);
			json_object_set_new(m, "month", json_string(w->months[i]));
			json_array_append_new(trend, m);
		}
		int cur_sup =
		    disclosure_hides(cur.answered[q], threshold) || (w->same_span && total_sup);
		json_t *text = json_object_get(
		    json_array_get(json_object_get(en, "questions"), (size_t)q), "text");
		json_t *j = score_json(cur.answered[q], cur.sum[q], cur_sup, threshold);
		json_object_set_new(j, "id", json_string(feedback_questions[q]));
		json_object_set(j, "text", text ? text : json_null());
		json_object_set_new(j, "previous",
		                    score_json(prev.answered[q], prev.sum[q],
		                               disclosure_hides(prev.answered[q], threshold),
		                               threshold));
		json_object_set_new(j, "trend", trend);
		json_array_append_new(questions, j);
	}
	return questions;
}

typedef struct stock_sum {
	long stock;
} stock_sum;

static int add_stock(const go_bag_stock_rec *r, void *arg)
{
	((stock_sum *)arg)->stock += (long)r->stock;
	return DB_OK;
}

/* ---- CSV ---- */

static const char *const csv_columns[] = {"figure", "period", "from",    "to",   "service",
                                          "count",  "of",     "percent", "mean", NULL};

/* A figure's value for the CSV: the number, "suppressed", or null. */
static json_t *csv_value(json_t *v)
{
	if (json_is_object(v))
		return json_string("suppressed");
	return v ? json_incref(v) : json_null();
}

static void csv_row(json_t *rows, const char *figure, const char *period, const char *from,
                    const char *to, json_t *values)
{
	json_t *share = json_object_get(values, "part");
	json_array_append_new(rows,
	                      json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "figure", figure,
	                                "period", period, "from", from, "to", to, "count",
	                                csv_value(share ? share : json_object_get(values, "count")),
	                                "of", csv_value(json_object_get(values, "whole")),
	                                "percent", csv_value(json_object_get(values, "percent"))));
}

static void csv_figure(json_t *rows, const windows *w, json_t *f)
{
	const char *id = json_string_value(json_object_get(f, "id"));
	csv_row(rows, id, "period", w->from, w->to, f);
	csv_row(rows, id, "previous", w->prev_from, w->prev_to, json_object_get(f, "previous"));
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(f, "trend"), i, m)
	{
		char last[DATE_LEN];
		date_of_days(date_days(w->month_after[i]) - 1, last);
		csv_row(rows, id, w->months[i], w->month_from[i], last, m);
	}
}

static void reply_csv(http_req *req, const windows *w, json_t *report)
{
	json_t *rows = api_keep(req, json_array());
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(report, "figures"), i, f) csv_figure(rows, w, f);
	json_t *stock = json_object_get(report, "go_bag_stock");
	json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s, s:o}", "figure", "go_bag_stock",
	                                      "period", "today", "from", w->to, "to", w->to,
	                                      "count", csv_value(json_object_get(stock, "count"))));
	json_array_foreach(json_object_get(report, "feedback"), i, f)
	{
		char figure[64];
		snprintf(figure, sizeof figure, "feedback_%s",
		         json_string_value(json_object_get(f, "id")));
		json_t *periods[] = {f, json_object_get(f, "previous")};
		const char *names[] = {"period", "previous"};
		const char *froms[] = {w->from, w->prev_from}, *tos[] = {w->to, w->prev_to};
		for (int k = 0; k < 2; k++)
			json_array_append_new(
			    rows,
			    json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "figure", figure, "period",
			              names[k], "from", froms[k], "to", tos[k], "count",
			              csv_value(json_object_get(periods[k], "answered")), "mean",
			              csv_value(json_object_get(periods[k], "mean"))));
	}
	const char *names[] = {"period", "previous"};
	const char *froms[] = {w->from, w->prev_from}, *tos[] = {w->to, w->prev_to};
	for (int k = 0; k < 2; k++) {
		json_t *table =
		    json_object_get(json_object_get(report, "service_outcomes"), names[k]);
		json_array_foreach(json_object_get(table, "services"), i, f)
		{
			const char *name = json_string_value(
			    json_object_get(json_object_get(f, "service"), "name"));
			for (int o = 0; o < OUTCOME_KINDS; o++) {
				char figure[64];
				snprintf(figure, sizeof figure, "service_outcome_%s",
				         outcome_names[o]);
				json_array_append_new(
				    rows,
				    json_pack(
				        "{s:s, s:s, s:s, s:s, s:s, s:o}", "figure", figure,
				        "period", names[k], "from", froms[k], "to", tos[k],
				        "service", name ? name : "", "count",
				        csv_value(json_object_get(json_object_get(f, "outcomes"),
				                                  outcome_names[o]))));
			}
		}
	}
	api_reply_rows_csv(req, "outcomes", rows, csv_columns);
}

/* ---- the report ---- */

void api_reports_outcomes(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	int csv = api_report_format(req);
	stats_range range;
	int threshold;
	windows w;
	if (csv < 0 || api_report_range(req, &range) != 0 ||
	    api_disclosure_threshold(req, &threshold) != 0)
		return;
	if (windows_make(&range, &w) != 0) {
		api_db_fail(req, DB_ERR);
		return;
	}
	store_orgs orgs = api_orgs(req, KIND_FIGURES, ACT_READ);
	char today[DATE_LEN], now[CLOCK_ISO_LEN];
	clock_today(today);
	clock_now_iso(now);
	json_t *figures = api_keep(req, json_array());
	int rc = figures ? DB_OK : DB_NOMEM;
	long *days = NULL;
	int ndays = 0;
	if (rc == DB_OK)
		rc = store_bank_holidays(c->db, http_req_arena(req), &days, &ndays);
	holidays h = {days, ndays};

	/* Potential victims identified; with a named contact; with a strategy. */
	counted victims = {&w, h, today, {0}, {0}, {0}};
	if (rc == DB_OK)
		rc = read_rows(req, &orgs, OUTCOME_VICTIMS, &victims, count_victim);
	/* NRM referrals (the casework report's tally) and Duty to Notify. */
	tally referrals = {0};
	if (rc == DB_OK)
		rc = read_tally(req, &orgs, &w, TALLY_REFERRALS, &referrals);
	counted dtn = {&w, h, today, {0}, {0}, {0}};
	if (rc == DB_OK)
		rc = read_rows(req, &orgs, OUTCOME_DUTY_TO_NOTIFY, &dtn, count_row);
	counted rg = {&w, h, today, {0}, {0}, {0}};
	if (rc == DB_OK)
		rc = read_rows(req, &orgs, OUTCOME_RG_DECISIONS, &rg, count_rg);
	counted updates = {&w, h, today, {0}, {0}, {0}};
	if (rc == DB_OK)
		rc = read_rows(req, &orgs, OUTCOME_VC_UPDATES, &updates, count_update);
	counted charging = {&w, h, today, {0}, {0}, {0}};
	if (rc == DB_OK)
		rc = read_rows(req, &orgs, OUTCOME_CHARGING, &charging, count_charging);
	/* Service referrals answered within their target, by window. */
	tally answered = {0}, due = {0};
	service_rows cur_services = {req, 0, 0, api_keep(req, json_array())};
	service_rows prev_services = {req, 0, 0, api_keep(req, json_array())};
	if (rc == DB_OK && (!cur_services.services || !prev_services.services))
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = read_services(req, &orgs, w.from, w.to, now, &cur_services);
	if (rc == DB_OK)
		rc = read_services(req, &orgs, w.prev_from, w.prev_to, now, &prev_services);
	for (int i = 0; i < TREND_MONTHS && rc == DB_OK; i++) {
		char last[DATE_LEN];
		date_of_days(date_days(w.month_after[i]) - 1, last);
		service_rows m = {req, 0, 0, NULL};
		rc = read_services(req, &orgs, w.month_from[i], last, now, &m);
		answered.month[i] = m.in_time;
		due.month[i] = m.due;
	}
	answered.cur = cur_services.in_time;
	due.cur = cur_services.due;
	answered.prev = prev_services.in_time;
	due.prev = prev_services.due;
	/* Go bags issued, and the stock as it stands. */
	counted bags = {&w, h, today, {0}, {0}, {0}};
	if (rc == DB_OK)
		rc = read_rows(req, &orgs, OUTCOME_GO_BAGS, &bags, count_row);
	stock_sum stock = {0};
	go_bag_scope scope = {orgs.org_id, orgs.area_of, NULL};
	go_bag_stock_filter filter = {.since = now};
	if (rc == DB_OK)
		rc = store_go_bag_stock(c->db, &scope, &filter, add_stock, &stock);
	/* Allocations to accredited, trained leads (the allocation report's). */
	lead_count leads = {&w, api_keep(req, json_object()), {0}, {0}};
	if (rc == DB_OK && !leads.row)
		rc = DB_NOMEM;
	if (rc == DB_OK)
		rc = store_report_allocations(c->db, &orgs, count_lead, &leads);
	json_t *feedback = rc == DB_OK ? feedback_figure(req, &orgs, &w, threshold, &rc) : NULL;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}

	json_t *list[] = {
	    count_figure(&w, threshold, "potential_victims", &victims.a),
	    count_figure(&w, threshold, "nrm_referrals", &referrals),
	    count_figure(&w, threshold, "duty_to_notify", &dtn.a),
	    share_figure(&w, threshold, "rg_within_5_working_days", &rg.a, &rg.b),
	    share_figure(&w, threshold, "victims_code_updates_on_time", &updates.a, &updates.b),
	    share_figure(&w, threshold, "named_contact", &victims.b, &victims.a),
	    share_figure(&w, threshold, "victim_strategy", &victims.c, &victims.a),
	    share_figure(&w, threshold, "s45_before_charge", &charging.a, &charging.b),
	    share_figure(&w, threshold, "service_referrals_answered_in_time", &answered, &due),
	    count_figure(&w, threshold, "go_bags_issued", &bags.a),
	    share_figure(&w, threshold, "allocated_to_accredited_leads", &leads.trained,
	                 &leads.all),
	};
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		if (!list[i] || json_array_append_new(figures, list[i]) != 0)
			rc = DB_NOMEM;
	json_t *months = json_array();
	for (int i = 0; i < TREND_MONTHS; i++)
		json_array_append_new(months, json_string(w.months[i]));
	json_t *report = api_keep(
	    req,
	    json_pack(
	        "{s:s, s:s, s:{s:s, s:s}, s:i, s:o, s:O, s:{s:o, s:o}, s:{s:s, s:o}, s:o}", "from",
	        w.from, "to", w.to, "previous", "from", w.prev_from, "to", w.prev_to, "threshold",
	        threshold, "months", months, "figures", figures, "service_outcomes", "period",
	        outcomes_table(req, cur_services.services, threshold), "previous",
	        outcomes_table(req, prev_services.services, threshold), "go_bag_stock", "on", today,
	        "count", api_figure(stock.stock, disclosure_hides(stock.stock, threshold)),
	        "feedback", feedback));
	if (rc != DB_OK || !report) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	if (csv) {
		reply_csv(req, &w, report);
		return;
	}
	http_reply_json(req, 200, json_incref(report));
}
