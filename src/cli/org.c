/* waymark org area: the forces a Commissioner's office counts. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/accounts.h"

#define MAX_CHANGES 16

static const char USAGE[] =
    "usage: waymark org area --org OPCC [--add FORCE]... [--remove FORCE]... [--db URL]\n"
    "\n"
    "A Commissioner's office (OPCC) counts the figures of the forces of its\n"
    "area. --add and --remove (each repeatable) put a force in or out; without\n"
    "them the area is printed. Each change is audited. A force's administrators\n"
    "can put their own force in or out through the API; here any force may be.\n";

static int print_force(const org_rec *o, void *arg)
{
	int *n = arg;
	printf("%s%s", (*n)++ ? ", " : " ", o->name);
	return 0;
}

/* Puts each named force in or out of the area, in one transaction. */
static int change(db *d, const org_rec *opcc, const char *const *names, size_t n, int add)
{
	int rc = DB_OK;
	for (size_t i = 0; i < n && rc == DB_OK; i++) {
		org_rec f;
		rc = store_org_by_name(d, names[i], &f);
		if (rc == DB_ROW && strcmp(f.kind, "force") == 0) {
			rc = add ? store_org_area_add(d, opcc->id, f.id)
			         : store_org_area_remove(d, opcc->id, f.id);
			if (rc == DB_OK)
				rc = cli_audit(d, "org_area_changed", "org", opcc->id,
				               json_pack("{s:s, s:s, s:b}", "org", opcc->name,
				                         "force", f.name, "counted", add));
		} else if (rc == DB_ROW || rc == DB_DONE) {
			cli_error("org", "%s %s: there is no force of that name",
			          add ? "--add" : "--remove", names[i]);
			return CLI_REFUSED;
		}
	}
	if (rc != DB_OK)
		cli_error("org", "%s", db_errmsg(d));
	return rc;
}

int cmd_org(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[2], "area") != 0) {
		if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
			fputs(USAGE, stdout);
			return 0;
		}
		cli_error("org", "expected 'area' (see --help)");
		return EXIT_USAGE;
	}
	const char *url = NULL, *org = NULL;
	const char *adds[MAX_CHANGES], *removes[MAX_CHANGES];
	size_t nadd = 0, nremove = 0;
	if (cli_take_repeated("org", &argc, argv, 3, "--add", adds, MAX_CHANGES, &nadd) != 0 ||
	    cli_take_repeated("org", &argc, argv, 3, "--remove", removes, MAX_CHANGES, &nremove) !=
	        0)
		return EXIT_USAGE;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL}, {"--org", 1, &org, NULL, NULL}};
	int p = cli_parse("org", USAGE, argc, argv, 3, opts, 2);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	if (cli_require("org", org, "--org") != 0)
		return EXIT_USAGE;
	db *d = cli_db_open("org", cli_db_url(url), 1);
	if (!d)
		return 1;
	org_rec o;
	int rc = store_org_by_name(d, org, &o);
	int status = 0;
	if (rc == DB_ROW && strcmp(o.kind, "opcc") != 0) {
		cli_error("org", "%s is not a Commissioner's office: only one has an area", org);
		status = EXIT_USAGE;
	} else if (rc == DB_DONE) {
		cli_error("org", "there is no organisation %s", org);
		status = 1;
	} else if (rc != DB_ROW) {
		cli_error("org", "%s", db_errmsg(d));
		status = 1;
	} else if (nadd || nremove) {
		rc = db_begin(d);
		if (rc == DB_OK)
			rc = change(d, &o, adds, nadd, 1);
		if (rc == DB_OK)
			rc = change(d, &o, removes, nremove, 0);
		if (rc == DB_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
		status = rc == DB_OK ? 0 : rc == CLI_REFUSED ? EXIT_USAGE : 1;
	}
	if (status == 0) {
		int n = 0;
		printf("%s counts:", o.name);
		rc = store_org_area_each(d, o.id, print_force, &n);
		printf("%s\n", n ? "" : " no force");
		if (rc != DB_OK) {
			cli_error("org", "%s", db_errmsg(d));
			status = 1;
		}
	}
	db_close(d);
	return status;
}
