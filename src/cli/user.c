/* waymark user add|disable|enable|reset-password|set-role */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/credentials.h"
#include "domain/roles.h"
#include "lib/pwquality.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/sessions.h"

static const char USAGE[] =
	"usage: waymark user add --username NAME --role ROLE --org ORG [--team TEAM]\n"
	"                        [--display-name TEXT] [--db URL]\n"
	"       waymark user disable --username NAME [--db URL]\n"
	"       waymark user enable --username NAME [--db URL]\n"
	"       waymark user reset-password --username NAME [--db URL]\n"
	"       waymark user set-role --username NAME --role ROLE [--db URL]\n"
	"\n"
	"add and reset-password read the password from the first line of standard input\n"
	"(at least 12 characters, not the username, and not easy to guess: no dictionary\n"
	"word with digits added, keyboard run or sequence). Roles: admin, supervisor, investigator, safeguarding,\n"
	"analyst, opcc, partner, auditor. Disabling, a new password or a new role ends\n"
	"the user's sessions.\n";

static int read_password(char *out, size_t n)
{
	if (!fgets(out, (int)n, stdin))
		return -1;
	size_t len = strlen(out);
	if (len && out[len - 1] == '\n')
		out[--len] = '\0';
	if (len && out[len - 1] == '\r')
		out[--len] = '\0';
	return 0;
}

/* Why password may not be the password of username, or NULL: the length
 * rules, then the dictionary (a phrase that follows "the password"). */
static const char *new_password_problem(const char *password, const char *username, char *why,
					size_t n)
{
	const char *p = password_problem(password, username);
	if (p)
		return p;
	int weak = pwq_weak(password, username, why, n);
	if (weak < 0)
		return "could not be checked (out of memory)";
	return weak ? why : NULL;
}

static int audit_cli(db *d, const char *action, const char *user_id, const char *detail)
{
	audit_fields f = {.actor = cli_actor(), .action = action, .record_type = "user",
			  .record_id = user_id, .detail = detail};
	return store_audit_append(d, &f);
}

int cli_user_create(db *d, const char *username, const char *display, const char *role_s,
		    const char *org, const char *org_kind, const char *team, const char *password,
		    char *err, size_t errlen)
{
	const char *p;
	role r;
	if ((p = username_problem(username))) {
		snprintf(err, errlen, "--username %s", p);
		return DB_ERR;
	}
	if (role_parse(role_s, &r) != 0) {
		snprintf(err, errlen, "--role must be one of admin, supervisor, investigator, "
				      "safeguarding, analyst, opcc, partner, auditor");
		return DB_ERR;
	}
	char why[256];
	if ((p = new_password_problem(password, username, why, sizeof why))) {
		snprintf(err, errlen, "the password %s", p);
		return DB_ERR;
	}
	user_rec u = {0};
	snprintf(u.username, sizeof u.username, "%s", username);
	snprintf(u.display_name, sizeof u.display_name, "%s", display ? display : username);
	snprintf(u.role, sizeof u.role, "%s", role_s);
	if (secure_password_hash(password, u.password_hash) != 0) {
		snprintf(err, errlen, "out of memory");
		return DB_NOMEM;
	}
	int rc = db_begin(d);
	if (rc == DB_OK)
		rc = store_org_ensure(d, org, org_kind, u.org_id);
	if (rc == DB_OK && team)
		rc = store_team_ensure(d, u.org_id, team, u.team_id);
	if (rc == DB_OK)
		rc = store_user_insert(d, &u);
	if (rc == DB_OK) {
		char detail[256];
		snprintf(detail, sizeof detail, "{\"role\":\"%s\",\"username\":\"%s\"}", u.role,
			 u.username);
		rc = audit_cli(d, "user_created", u.id, detail);
	}
	if (rc == DB_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	if (rc == DB_CONSTRAINT)
		snprintf(err, errlen, "the username %s is already taken", username);
	else if (rc != DB_OK)
		snprintf(err, errlen, "%s", db_errmsg(d));
	return rc;
}

/* Loads, changes and saves one user, ending sessions and auditing. */
static int change(db *d, const char *username, const char *action, int disable, int enable,
		  const char *password, const char *new_role)
{
	user_rec u;
	int rc = store_user_by_name(d, username, &u);
	if (rc == DB_DONE) {
		cli_error("user", "there is no user %s", username);
		return 1;
	}
	if (rc != DB_ROW) {
		cli_error("user", "%s", db_errmsg(d));
		return 1;
	}
	if (disable)
		u.disabled = 1;
	if (enable) {
		u.disabled = 0;
		u.failed_logins = 0;
		u.locked_until[0] = '\0';
	}
	if (password) {
		char why[256];
		const char *p = new_password_problem(password, u.username, why, sizeof why);
		if (p) {
			cli_error("user", "the password %s", p);
			return EXIT_USAGE;
		}
		if (secure_password_hash(password, u.password_hash) != 0) {
			cli_error("user", "out of memory");
			return 1;
		}
		u.failed_logins = 0;
		u.locked_until[0] = '\0';
	}
	if (new_role)
		snprintf(u.role, sizeof u.role, "%s", new_role);
	rc = db_begin(d);
	if (rc == DB_OK)
		rc = store_user_update(d, &u);
	if (rc == DB_OK && !enable)
		rc = store_session_delete_user(d, u.id);
	if (rc == DB_OK)
		rc = audit_cli(d, action, u.id, NULL);
	if (rc == DB_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	if (rc != DB_OK) {
		cli_error("user", "%s", rc == DB_DONE ? "the user changed meanwhile; try again"
						      : db_errmsg(d));
		return 1;
	}
	printf("%s: %s\n", username, action);
	return 0;
}

int cmd_user(int argc, char **argv)
{
	if (argc < 3 || argv[2][0] == '-') {
		if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
			fputs(USAGE, stdout);
			return 0;
		}
		cli_error("user", "expected add, disable, enable, reset-password or set-role (see "
				  "--help)");
		return EXIT_USAGE;
	}
	const char *sub = argv[2];
	const char *url = NULL, *username = NULL, *role_s = NULL, *org = NULL, *team = NULL,
		   *display = NULL;
	cli_opt opts[] = {
		{"--db", 1, &url, NULL, NULL},		{"--username", 1, &username, NULL, NULL},
		{"--role", 1, &role_s, NULL, NULL},	{"--org", 1, &org, NULL, NULL},
		{"--team", 1, &team, NULL, NULL},	{"--display-name", 1, &display, NULL, NULL},
	};
	int is_add = strcmp(sub, "add") == 0, is_role = strcmp(sub, "set-role") == 0;
	int is_reset = strcmp(sub, "reset-password") == 0;
	if (!is_add && !is_role && !is_reset && strcmp(sub, "disable") != 0 &&
	    strcmp(sub, "enable") != 0) {
		cli_error("user", "unknown subcommand '%s' (see --help)", sub);
		return EXIT_USAGE;
	}
	int p = cli_parse("user", USAGE, argc, argv, 3, opts, sizeof opts / sizeof opts[0]);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	if (!username) {
		cli_error("user", "--username is required");
		return EXIT_USAGE;
	}
	if ((is_add || is_role) && !role_s) {
		cli_error("user", "--role is required");
		return EXIT_USAGE;
	}
	role r;
	if (role_s && role_parse(role_s, &r) != 0) {
		cli_error("user", "--role must be one of admin, supervisor, investigator, "
				  "safeguarding, analyst, opcc, partner, auditor");
		return EXIT_USAGE;
	}
	if (is_add && !org) {
		cli_error("user", "--org is required");
		return EXIT_USAGE;
	}
	char password[PASSWORD_MAX_BYTES + 2] = "";
	if ((is_add || is_reset) && read_password(password, sizeof password) != 0) {
		cli_error("user", "no password on standard input");
		return EXIT_USAGE;
	}
	const char *problem;
	char why[256];
	if ((problem = username_problem(username))) {
		cli_error("user", "--username %s", problem);
		return EXIT_USAGE;
	}
	if ((is_add || is_reset) &&
	    (problem = new_password_problem(password, username, why, sizeof why))) {
		cli_error("user", "the password %s", problem);
		return EXIT_USAGE;
	}
	db *d = cli_db_open("user", cli_db_url(url), 1);
	if (!d)
		return 1;
	int status;
	if (is_add) {
		char err[256];
		int rc = cli_user_create(d, username, display, role_s, org, role_org_kind(r), team, password,
					 err, sizeof err);
		if (rc == DB_OK)
			printf("user %s added as %s\n", username, role_s);
		else
			cli_error("user", "%s", err);
		status = rc == DB_OK ? 0 : 1;
	} else if (is_role) {
		status = change(d, username, "role_changed", 0, 0, NULL, role_s);
	} else if (is_reset) {
		status = change(d, username, "password_reset", 0, 0, password, NULL);
	} else if (strcmp(sub, "disable") == 0) {
		status = change(d, username, "user_disabled", 1, 0, NULL, NULL);
	} else {
		status = change(d, username, "user_enabled", 0, 1, NULL, NULL);
	}
	db_close(d);
	return status;
}
