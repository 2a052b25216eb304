/* waymark settings show|set: an organisation's security settings, and a
 * force's local default for a child's strategy discussion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/roles.h"
#include "domain/safeguarding.h"
#include "store/accounts.h"
#include "store/plans.h"

static const char USAGE[] =
    "usage: waymark settings show --org NAME [--db URL]\n"
    "       waymark settings set --org NAME [--second-factor-roles ROLES]\n"
    "                            [--strategy-discussion-days N] [--db URL]\n"
    "\n"
    "Security settings belong to an organisation. --second-factor-roles names\n"
    "the roles whose accounts must use a second factor: all, none, or a list\n"
    "such as admin,supervisor. An organisation with no setting requires it of\n"
    "every role. A change reaches sessions already open at their next request.\n"
    "--strategy-discussion-days sets, for a force, the working days within which\n"
    "a strategy discussion is due once the local authority is told of a child\n"
    "(1 to 5; 1 unless set); plans made afterwards take it. set is audited.\n";

/* Turns "all", "none" or "a,b" into a JSON array in the roles' order.
 * Returns NULL after printing why. */
static json_t *parse_roles(const char *s)
{
	int wanted[ROLE_COUNT] = {0};
	if (strcmp(s, "all") == 0) {
		for (int r = 0; r < ROLE_COUNT; r++)
			wanted[r] = 1;
	} else if (strcmp(s, "none") != 0) {
		const char *p = s;
		while (*p) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			char name[32];
			role r;
			if (len == 0 || len >= sizeof name) {
				cli_error(
				    "settings",
				    "--second-factor-roles: an empty or over-long name in '%s'", s);
				return NULL;
			}
			memcpy(name, p, len);
			name[len] = '\0';
			if (role_parse(name, &r) != 0) {
				cli_error(
				    "settings",
				    "--second-factor-roles: '%s' is not a role (admin, supervisor, "
				    "investigator, safeguarding, analyst, opcc, partner, auditor, records_manager)",
				    name);
				return NULL;
			}
			wanted[r] = 1;
			p += len + (comma ? 1 : 0);
		}
	}
	json_t *list = json_array();
	for (int r = 0; r < ROLE_COUNT; r++)
		if (wanted[r])
			json_array_append_new(list, json_string(role_name((role)r)));
	return list;
}

static int show(db *d, const org_rec *o)
{
	char value[256];
	int rc = store_org_totp_roles_get(d, o->id, value, sizeof value);
	if (rc != DB_ROW && rc != DB_DONE) {
		cli_error("settings", "%s", db_errmsg(d));
		return 1;
	}
	printf("%s: second factor required of", o->name);
	int any = 0;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (role_second_factor_required(rc == DB_ROW ? value : NULL, (role)r))
			printf("%s %s", any++ ? "," : "", role_name((role)r));
	printf("%s%s\n", any ? "" : " no role", rc == DB_DONE ? " (no setting: every role)" : "");
	int days = 0;
	if (strcmp(o->kind, "force") == 0 && store_strategy_days(d, o->id, &days) == DB_OK)
		printf("%s: a child's strategy discussion within %d working day%s\n", o->name, days, days == 1 ? "" : "s");
	return 0;
}

int cmd_settings(int argc, char **argv)
{
	if (argc < 3 || argv[2][0] == '-') {
		if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
			fputs(USAGE, stdout);
			return 0;
		}
		cli_error("settings", "expected show or set (see --help)");
		return EXIT_USAGE;
	}
	int is_set = strcmp(argv[2], "set") == 0;
	if (!is_set && strcmp(argv[2], "show") != 0) {
		cli_error("settings", "unknown subcommand '%s' (see --help)", argv[2]);
		return EXIT_USAGE;
	}
	const char *url = NULL, *org = NULL, *roles = NULL, *days_s = NULL;
	cli_opt opts[] = {
	    {"--db", 1, &url, NULL, NULL},
	    {"--org", 1, &org, NULL, NULL},
	    {"--second-factor-roles", 1, &roles, NULL, NULL},
	    {"--strategy-discussion-days", 1, &days_s, NULL, NULL},
	};
	int p = cli_parse("settings", USAGE, argc, argv, 3, opts, sizeof opts / sizeof opts[0]);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	if (cli_require("settings", org, "--org") != 0)
		return EXIT_USAGE;
	if (is_set != (roles != NULL || days_s != NULL)) {
		cli_error("settings", is_set ? "--second-factor-roles or --strategy-discussion-days is required"
		                             : "--second-factor-roles and --strategy-discussion-days go with set");
		return EXIT_USAGE;
	}
	int days = 0;
	if (days_s) {
		char *end = NULL;
		long n = strtol(days_s, &end, 10);
		if (!*days_s || *end || n < 1 || n > CP_STRATEGY_DAYS_MAX) {
			cli_error("settings", "--strategy-discussion-days: '%s' is not a number of days from 1 to %d",
				  days_s, CP_STRATEGY_DAYS_MAX);
			return EXIT_USAGE;
		}
		days = (int)n;
	}
	json_t *list = roles ? parse_roles(roles) : NULL;
	if (roles && !list)
		return EXIT_USAGE;
	db *d = cli_db_open("settings", cli_db_url(url), 1);
	if (!d) {
		json_decref(list);
		return 1;
	}
	org_rec o;
	int rc = store_org_by_name(d, org, &o);
	int status = 0;
	if (rc == DB_DONE) {
		cli_error("settings", "there is no organisation %s", org);
		status = 1;
	} else if (rc != DB_ROW) {
		cli_error("settings", "%s", db_errmsg(d));
		status = 1;
	} else if (days && strcmp(o.kind, "force") != 0) {
		cli_error("settings", "--strategy-discussion-days: %s is not a force", o.name);
		status = 1;
	} else if (is_set) {
		char *text = list ? json_dumps(list, JSON_COMPACT) : NULL;
		rc = text || !list ? db_begin(d) : DB_NOMEM;
		if (rc == DB_OK && list)
			rc = store_org_totp_roles_put(d, o.id, text);
		if (rc == DB_OK && days)
			rc = store_strategy_days_set(d, o.id, days);
		if (rc == DB_OK)
			rc = cli_audit(d, "settings_changed", "org", o.id,
				       json_pack("{s:s, s:O?, s:o}", "org", o.name, "totp_required_roles", list,
						 "strategy_discussion_days", days ? json_integer(days) : json_null()));
		if (rc == DB_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
		free(text);
		if (rc != DB_OK) {
			cli_error("settings", "%s", db_errmsg(d));
			status = 1;
		}
	}
	if (status == 0)
		status = show(d, &o);
	json_decref(list);
	db_close(d);
	return status;
}
