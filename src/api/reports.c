/* GET /api/v1/reports/allocation: the figures supervisors and the
 * Commissioner's office watch, aggregates only (no names, no free text):
 * the share of allocations to accredited, trained leads, the time from a
 * case's creation to its first allocation (median and 90th percentile) by
 * month, overrides by the requirement they passed, and training compliance
 * by team. Each figure also comes as CSV (?format=csv&figure=...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/allocation.h"
#include "domain/stats.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "lib/csv.h"
#include "lib/grow.h"
#include "store/staff.h"

typedef struct accredited {
	json_t *months; /* "YYYY-MM" -> {allocations, accredited} */
	json_t *overrides; /* code -> count */
	json_t *row; /* {failed}: the codes of the row being counted */
} accredited;

static int add_allocation(const char *at, const char *failed, void *arg)
{
	accredited *x = arg;
	char month[8];
	snprintf(month, sizeof month, "%.7s", at);
	json_t *m = json_object_get(x->months, month);
	if (!m) {
		m = json_pack("{s:s, s:i, s:i}", "month", month, "allocations", 0, "accredited", 0);
		if (json_object_set_new(x->months, month, m) != 0)
			return DB_NOMEM;
	}
	json_t *codes = json_loads(failed, 0, NULL), *c;
	/* Held by the row slot until the next row's codes replace them. */
	if (codes && json_object_set_new(x->row, "failed", codes) != 0)
		return DB_NOMEM;
	int trained = 1;
	size_t i;
	json_array_foreach(codes, i, c)
	{
		const char *code = json_string_value(c);
		if (!code)
			continue;
		if (!strcmp(code, alloc_requirement_code(ALLOC_REQ_PIP)) ||
		    !strcmp(code, alloc_requirement_code(ALLOC_REQ_SPECIALIST)))
			trained = 0;
		json_object_set_new(x->overrides, code, json_integer(json_integer_value(json_object_get(x->overrides, code)) + 1));
	}
	json_object_set_new(m, "allocations", json_integer(json_integer_value(json_object_get(m, "allocations")) + 1));
	json_object_set_new(m, "accredited", json_integer(json_integer_value(json_object_get(m, "accredited")) + trained));
	return 0;
}

typedef struct waits {
	char month[8];
	double *hours;
	size_t n, cap;
	json_t *out;
} waits;

static void close_month(waits *w)
{
	if (!w->n)
		return;
	stats_sort(w->hours, w->n);
	json_array_append_new(w->out, json_pack("{s:s, s:I, s:f, s:f}", "month", w->month, "cases", (json_int_t)w->n,
						"median_hours", stats_percentile(w->hours, w->n, 50), "p90_hours",
						stats_percentile(w->hours, w->n, 90)));
	w->n = 0;
}

static int add_wait(const char *created, const char *first, void *arg)
{
	waits *w = arg;
	int64_t a, b;
	if (clock_parse_iso(created, &a) != 0 || clock_parse_iso(first, &b) != 0)
		return 0;
	if (strncmp(w->month, created, 7) != 0) {
		close_month(w);
		snprintf(w->month, sizeof w->month, "%.7s", created);
	}
	double *hours = grow_array(w->hours, &w->cap, w->n, sizeof *hours, 256);
	if (!hours)
		return DB_NOMEM;
	w->hours = hours;
	w->hours[w->n++] = (double)(b - a) / 3600000.0;
	return 0;
}

static json_t *values(json_t *obj)
{
	json_t *list = json_array(), *v;
	const char *k;
	json_object_foreach(obj, k, v) json_array_append(list, v);
	return list;
}

/* One figure as CSV. */
static void reply_csv(http_req *req, const char *figure, json_t *report)
{
	static const struct {
		const char *figure, *member, *columns[6];
	} figures[] = {
		{"accredited_leads", "accredited_leads", {"month", "allocations", "accredited", "share", NULL}},
		{"time_to_allocation", "time_to_allocation", {"month", "cases", "median_hours", "p90_hours", NULL}},
		{"overrides", "overrides", {"requirement", "count", NULL}},
		{"training_by_team", "training_by_team", {"team", "valid", "expiring", "expired", "share_valid", NULL}},
	};
	for (size_t f = 0; f < sizeof figures / sizeof figures[0]; f++) {
		if (strcmp(figure, figures[f].figure) != 0)
			continue;
		buf b;
		buf_init(&b);
		for (int c = 0; figures[f].columns[c]; c++)
			csv_field(&b, figures[f].columns[c], c == 0);
		buf_puts(&b, "\r\n");
		size_t i;
		json_t *row;
		json_array_foreach(json_object_get(report, figures[f].member), i, row)
		{
			for (int c = 0; figures[f].columns[c]; c++) {
				json_t *v = json_object_get(row, figures[f].columns[c]);
				char num[32];
				const char *text = json_string_value(v);
				if (json_is_integer(v))
					snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
				else if (json_is_real(v))
					snprintf(num, sizeof num, "%.2f", json_real_value(v));
				csv_field(&b, text ? text : num, c == 0);
			}
			buf_puts(&b, "\r\n");
		}
		if (!b.failed) {
			char disposition[96];
			snprintf(disposition, sizeof disposition, "attachment; filename=\"%s.csv\"", figure);
			http_reply_header(req, "Content-Disposition", disposition);
			http_reply_bytes(req, 200, "text/csv; charset=utf-8", buf_str(&b), b.len);
		} else {
			api_db_fail(req, DB_NOMEM);
		}
		buf_free(&b);
		return;
	}
	json_t *errors = json_array();
	jv_error(errors, "figure", "must be accredited_leads, time_to_allocation, overrides or training_by_team");
	api_invalid(req, errors);
}

void api_reports_allocation(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	const char *format = http_req_query(req, "format");
	/* A file of figures is an export, and the table may say who does that. */
	if (format && !strcmp(format, "csv") && api_allow_whole(req, KIND_FIGURES, ACT_EXPORT, "figures") != 0)
		return;
	/* Figures count only the user's organisation, or a Commissioner's area. */
	store_orgs orgs = api_orgs(req, KIND_FIGURES, ACT_READ);
	if (format && strcmp(format, "csv") && strcmp(format, "json")) {
		json_t *errors = json_array();
		jv_error(errors, "format", "must be json or csv");
		api_invalid(req, errors);
		return;
	}
	accredited acc = {api_keep(req, json_object()), api_keep(req, json_object()), api_keep(req, json_object())};
	waits w = {"", NULL, 0, 0, api_keep(req, json_array())};
	json_t *teams = NULL;
	char day[DATE_LEN];
	clock_today(day);
	int rc = acc.months && acc.overrides && acc.row && w.out ? DB_OK : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_report_allocations(c->db, &orgs, add_allocation, &acc);
	if (rc == DB_OK)
		rc = store_report_first_allocations(c->db, &orgs, add_wait, &w);
	if (rc == DB_OK)
		rc = api_training_by_team(req, &orgs, NULL, day, NULL, &teams);
	close_month(&w);
	free(w.hours);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *months = values(acc.months), *m;
	size_t i;
	json_array_foreach(months, i, m)
	{
		json_int_t all = json_integer_value(json_object_get(m, "allocations"));
		json_object_set_new(m, "share", json_real(all ? (double)json_integer_value(json_object_get(m, "accredited")) / (double)all : 0));
	}
	json_t *overrides = json_array();
	for (unsigned bit = 1; bit < (1u << ALLOC_NREQ); bit <<= 1) {
		const char *code = alloc_requirement_code(bit);
		json_array_append_new(overrides, json_pack("{s:s, s:s, s:I}", "requirement", code, "label",
							   alloc_requirement_text(bit), "count",
							   json_integer_value(json_object_get(acc.overrides, code))));
	}
	json_t *report = api_keep(req, json_pack("{s:o, s:O, s:o, s:o}", "accredited_leads", months,
						 "time_to_allocation", w.out, "overrides", overrides,
						 "training_by_team", teams));
	if (!report) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	if (format && !strcmp(format, "csv")) {
		const char *figure = http_req_query(req, "figure");
		reply_csv(req, figure ? figure : "", report);
		return;
	}
	http_reply_json(req, 200, json_incref(report));
}
