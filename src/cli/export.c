/* waymark export htcds: the CTDC-style file of the potential victims first
 * identified in a period, k-anonymous, with its sidecar (domain/exports.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/disclosure.h"
#include "domain/exports.h"
#include "domain/stats.h"
#include "store/accounts.h"
#include "store/exports.h"

static const char USAGE[] =
    "usage: waymark export htcds --from DATE --to DATE --out FILE [--db URL]\n"
    "Writes one row per potential victim first identified from --from to --to\n"
    "(YYYY-MM-DD, both included), in every organisation of the database, in\n"
    "the column names of the CTDC's global victim dataset: no names, dates of\n"
    "birth, free text, places below a country or case references. The rows are\n"
    "k-anonymous with k the disclosure threshold (a setting, 10 unless set): rare\n"
    "nationalities become their UN region, the year a range, and rows still rare\n"
    "are left out. FILE.json says how many rows were considered, written,\n"
    "generalised and suppressed. Neither file may exist already. Audited.\n";

static int add_link(const export_link *l, void *arg)
{
	ctdc_link c = {l->person_id,     l->linked_at,      l->gender,
	               l->date_of_birth, l->estimated_age,  l->nationalities,
	               l->case_types,    l->victim_context, l->exploited_in};
	return ctdc_export_add(arg, &c) == 0 ? DB_OK : DB_NOMEM;
}

/* The installation's disclosure threshold (the default when unset). */
static int threshold(db *d, int *k)
{
	char value[16];
	int rc = store_setting_get(d, "disclosure_threshold", value, sizeof value);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	long t = rc == DB_ROW ? strtol(value, NULL, 10) : DISCLOSURE_DEFAULT_THRESHOLD;
	*k = disclosure_threshold_valid(t) ? (int)t : DISCLOSURE_DEFAULT_THRESHOLD;
	return DB_OK;
}

/* Writes len bytes to a new file path: 0, or -1 after printing why. */
static int write_new(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wbx");
	if (!f) {
		cli_error("export htcds", "cannot create %s (it must not exist already)", path);
		return -1;
	}
	int ok = fwrite(data, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	if (!ok) {
		cli_error("export htcds", "could not write %s", path);
		remove(path);
		return -1;
	}
	return 0;
}

int cmd_export(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[2], "htcds") != 0) {
		if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
			fputs(USAGE, stdout);
			return 0;
		}
		cli_error("export", "expected 'htcds' (see --help)");
		return EXIT_USAGE;
	}
	const char *url = NULL, *from = NULL, *to = NULL, *out = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL},
	                  {"--from", 1, &from, NULL, NULL},
	                  {"--to", 1, &to, NULL, NULL},
	                  {"--out", 1, &out, NULL, NULL}};
	int p = cli_parse("export htcds", USAGE, argc, argv, 3, opts, 4);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	if (cli_require("export htcds", from, "--from DATE") != 0 ||
	    cli_require("export htcds", to, "--to DATE") != 0 ||
	    cli_require("export htcds", out, "--out FILE") != 0)
		return EXIT_USAGE;
	stats_range r;
	switch (stats_range_make(from, to, &r)) {
	case STATS_RANGE_OK:
		break;
	case STATS_FROM_INVALID:
		cli_error("export htcds", "--from must be a real date such as 2025-01-01");
		return EXIT_USAGE;
	case STATS_TO_INVALID:
		cli_error("export htcds", "--to must be a real date such as 2025-12-31");
		return EXIT_USAGE;
	case STATS_FROM_AFTER_TO:
		cli_error("export htcds", "--from must be the same as or before --to");
		return EXIT_USAGE;
	case STATS_RANGE_TOO_LONG:
		cli_error("export htcds", "--from must be no more than ten years before --to");
		return EXIT_USAGE;
	}
	size_t outlen = strlen(out);
	char *sidecar = malloc(outlen + 6);
	if (!sidecar)
		return 1;
	snprintf(sidecar, outlen + 6, "%s.json", out);
	FILE *exists = fopen(out, "rb");
	if (!exists)
		exists = fopen(sidecar, "rb");
	if (exists) {
		fclose(exists);
		cli_error("export htcds", "%s or %s already exists; choose a new file", out,
		          sidecar);
		free(sidecar);
		return 1;
	}
	db *d = cli_db_open("export htcds", cli_db_url(url), 1);
	if (!d) {
		free(sidecar);
		return 1;
	}
	int k = DISCLOSURE_DEFAULT_THRESHOLD;
	int rc = threshold(d, &k);
	ctdc_export *x = rc == DB_OK ? ctdc_export_new(r.from, r.to, k) : NULL;
	if (rc == DB_OK)
		rc = x ? store_export_links(d, NULL, r.from, r.after, add_link, x) : DB_NOMEM;
	buf csv;
	buf_init(&csv);
	ctdc_summary sum;
	if (rc == DB_OK && ctdc_export_finish(x, &csv, &sum) != 0)
		rc = DB_NOMEM;
	ctdc_export_free(x);
	json_t *summary = rc == DB_OK ? ctdc_summary_json(&sum) : NULL;
	char *summary_text =
	    summary ? json_dumps(summary, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	int status = 1;
	if (rc != DB_OK) {
		cli_error("export htcds", "%s", rc == DB_NOMEM ? "out of memory" : db_errmsg(d));
	} else if (!summary_text) {
		cli_error("export htcds", "out of memory");
	} else if (write_new(out, buf_str(&csv), csv.len) == 0) {
		if (write_new(sidecar, summary_text, strlen(summary_text)) != 0) {
			remove(out);
		} else if ((rc = cli_audit(d, "ctdc_export_made", NULL, NULL,
		                           json_incref(summary))) != DB_OK) {
			cli_error("export htcds", "could not audit the export: %s", db_errmsg(d));
			remove(out);
			remove(sidecar);
		} else {
			printf("%zu rows written to %s (%zu considered, %zu generalised, %zu "
			       "suppressed, k = %d); "
			       "summary in %s\n",
			       sum.kanon.written, out, sum.kanon.considered, sum.kanon.generalised,
			       sum.kanon.suppressed, k, sidecar);
			status = 0;
		}
	}
	free(summary_text);
	json_decref(summary);
	buf_free(&csv);
	free(sidecar);
	db_close(d);
	return status;
}
