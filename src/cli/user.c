/* waymark user add|disable|enable|reset-password|reset-second-factor|set-role */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/credentials.h"
#include "domain/notices.h"
#include "domain/resets.h"
#include "domain/roles.h"
#include "lib/clock.h"
#include "lib/pwquality.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/notices.h"
#include "store/resets.h"
#include "store/sessions.h"

#define MAX_AREAS 16
#define ORG_KIND_PROBLEM \
	"must be one of force, opcc, local_authority, support_provider, guardian, health, other"

static const char USAGE[] =
	"usage: waymark user add --username NAME --role ROLE --org ORG [--team TEAM]\n"
	"                        [--display-name TEXT] [--org-kind KIND] [--host FORCE]\n"
	"                        [--area FORCE]... [--db URL]\n"
	"       waymark user disable --username NAME [--db URL]\n"
	"       waymark user enable --username NAME [--db URL]\n"
	"       waymark user reset-password --username NAME [--base-url URL] [--db URL]\n"
	"       waymark user reset-second-factor --username NAME [--db URL]\n"
	"       waymark user set-role --username NAME --role ROLE [--db URL]\n"
	"\n"
	"add reads the password from the first line of standard input (at least 12\n"
	"characters, not the username, and not easy to guess: no dictionary word\n"
	"with digits added, keyboard run or sequence). Roles: admin, supervisor,\n"
	"investigator, safeguarding, analyst,\n"
	"opcc, partner, auditor, records_manager. A partner account belongs to a partner organisation,\n"
	"an opcc account to a Commissioner's office, the force roles to a force;\n"
	"admin and auditor to any.\n"
	"\n"
	"When add makes a new organisation, --org-kind KIND says what it is: force,\n"
	"opcc, or a partner's kind: local_authority (children's or adult social\n"
	"care), support_provider (a charity or a commissioned service), guardian\n"
	"(Independent Child Trafficking Guardianship), health or other. Without it\n"
	"the organisation is of the role's kind, and a new partner organisation is\n"
	"a support_provider.\n"
	"\n"
	"When add makes a new partner or Commissioner's office (OPCC) organisation,\n"
	"--host FORCE names the force that hosts it (its administrators administer\n"
	"it). Without --host, an OPCC is hosted by its first --area force; when\n"
	"neither is given and exactly one force exists, that force hosts it. --area\n"
	"FORCE (repeatable) names a force whose figures a new OPCC counts; without\n"
	"it, the OPCC counts its hosting force. Change an area later with\n"
	"'waymark org area'.\n"
	"\n"
	"reset-password prints a one-time link, valid for 24 hours, with which the\n"
	"holder chooses their own password (giving their second factor if they have\n"
	"one); it replaces any older link. --base-url puts the server's address in\n"
	"front of it. reset-second-factor clears the holder's second factor and\n"
	"recovery codes at once (administrators need two of them for this; the\n"
	"operator, who holds the database, does not). Both are audited and the\n"
	"holder is told at their next sign-in. Disabling, a new role or a cleared\n"
	"second factor ends the user's sessions.\n";

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

/* Finds a force by name: DB_ROW, or CLI_REFUSED or an error with a message in err. */
static int force_named(db *d, const char *name, const char *flag, org_rec *o, char *err, size_t errlen)
{
	int rc = store_org_by_name(d, name, o);
	if (rc == DB_ROW && strcmp(o->kind, "force") == 0)
		return DB_ROW;
	if (rc == DB_ROW || rc == DB_DONE) {
		snprintf(err, errlen, "%s %s: there is no force of that name", flag, name);
		return CLI_REFUSED;
	}
	snprintf(err, errlen, "%s", db_errmsg(d));
	return rc;
}

/* Makes a new organisation o (name and kind set) with its host and area. */
static int org_create(db *d, const cli_new_user *nu, org_rec *o, char *err, size_t errlen)
{
	int is_force = strcmp(o->kind, "force") == 0, is_opcc = strcmp(o->kind, "opcc") == 0;
	if (is_force && (nu->host || nu->nareas)) {
		snprintf(err, errlen, "--host and --area apply to a new partner or Commissioner's office organisation");
		return CLI_REFUSED;
	}
	if (!is_opcc && nu->nareas) {
		snprintf(err, errlen, "--area applies to a new Commissioner's office (an opcc account's organisation)");
		return CLI_REFUSED;
	}
	org_rec areas[MAX_AREAS], host;
	size_t nareas = nu->nareas < MAX_AREAS ? nu->nareas : MAX_AREAS;
	int rc = DB_OK;
	for (size_t i = 0; i < nareas && rc == DB_OK; i++)
		if ((rc = force_named(d, nu->areas[i], "--area", &areas[i], err, errlen)) == DB_ROW)
			rc = DB_OK;
	if (rc != DB_OK)
		return rc;
	o->host_org_id[0] = '\0';
	if (!is_force && nu->host) {
		if ((rc = force_named(d, nu->host, "--host", &host, err, errlen)) != DB_ROW)
			return rc;
		memcpy(o->host_org_id, host.id, sizeof o->host_org_id);
	} else if (!is_force && nareas) {
		memcpy(o->host_org_id, areas[0].id, sizeof o->host_org_id);
	} else if (!is_force) {
		int forces = 0;
		if ((rc = store_org_only_force(d, &forces, o->host_org_id)) != DB_OK) {
			snprintf(err, errlen, "%s", db_errmsg(d));
			return rc;
		}
		if (forces > 1) {
			snprintf(err, errlen, "there are %d forces: name the one hosting %s with --host", forces, o->name);
			return CLI_REFUSED;
		}
	}
	rc = store_org_create(d, o);
	if (rc == DB_OK && is_opcc && nareas)
		for (size_t i = 0; i < nareas && rc == DB_OK; i++)
			rc = store_org_area_add(d, o->id, areas[i].id);
	else if (rc == DB_OK && is_opcc && o->host_org_id[0])
		rc = store_org_area_add(d, o->id, o->host_org_id);
	if (rc == DB_OK)
		rc = cli_audit(d, "org_created", "org", o->id,
			       json_pack("{s:s, s:s, s:s?}", "name", o->name, "kind", store_org_kind(o),
					 "hosted_by", o->host_org_id[0] ? o->host_org_id : NULL));
	if (rc != DB_OK)
		snprintf(err, errlen, "%s", db_errmsg(d));
	return rc;
}

int cli_user_create(db *d, const cli_new_user *nu, char *err, size_t errlen)
{
	const char *p;
	role r;
	if ((p = username_problem(nu->username))) {
		snprintf(err, errlen, "--username %s", p);
		return CLI_REFUSED;
	}
	if (role_parse(nu->role, &r) != 0) {
		snprintf(err, errlen, "--role must be one of admin, supervisor, investigator, "
				      "safeguarding, analyst, opcc, partner, auditor, records_manager");
		return CLI_REFUSED;
	}
	char why[256];
	if ((p = new_password_problem(nu->password, nu->username, why, sizeof why))) {
		snprintf(err, errlen, "the password %s", p);
		return CLI_REFUSED;
	}
	user_rec u = {0};
	snprintf(u.username, sizeof u.username, "%s", nu->username);
	snprintf(u.display_name, sizeof u.display_name, "%s", nu->display ? nu->display : nu->username);
	snprintf(u.role, sizeof u.role, "%s", role_name(r));
	if (secure_password_hash(nu->password, u.password_hash) != 0) {
		snprintf(err, errlen, "out of memory");
		return DB_NOMEM;
	}
	err[0] = '\0';
	org_rec o = {0};
	int rc = db_begin(d);
	if (rc == DB_OK)
		rc = store_org_by_name(d, nu->org, &o);
	if (rc == DB_ROW) {
		rc = DB_OK;
		if (nu->host || nu->nareas) {
			snprintf(err, errlen,
				 "%s exists already: --host and --area apply only to a new organisation "
				 "(see 'waymark org area')",
				 nu->org);
			rc = CLI_REFUSED;
		} else if (nu->org_kind && strcmp(nu->org_kind, store_org_kind(&o)) != 0) {
			snprintf(err, errlen,
				 "%s exists already, a %s: --org-kind applies only to a new organisation",
				 nu->org, store_org_kind(&o));
			rc = CLI_REFUSED;
		}
	} else if (rc == DB_DONE) {
		snprintf(o.name, sizeof o.name, "%s", nu->org);
		const char *kind = nu->org_kind ? nu->org_kind : org_kind_default(role_org_kind(r));
		if (store_org_kind_set(&o, kind) == 0) {
			rc = org_create(d, nu, &o, err, errlen);
		} else {
			snprintf(err, errlen, "--org-kind %s", ORG_KIND_PROBLEM);
			rc = CLI_REFUSED;
		}
	}
	if (rc == DB_OK && !role_fits_org(r, o.kind)) {
		snprintf(err, errlen, "the role %s does not fit %s, a %s organisation", u.role, o.name,
			 strcmp(o.kind, "opcc") == 0 ? "Commissioner's office" : o.kind);
		rc = CLI_REFUSED;
	}
	if (rc == DB_OK) {
		memcpy(u.org_id, o.id, sizeof u.org_id);
		if (nu->team)
			rc = store_team_ensure(d, u.org_id, nu->team, u.team_id);
	}
	if (rc == DB_OK)
		rc = store_user_insert(d, &u);
	if (rc == DB_OK)
		rc = cli_audit(d, "user_created", "user", u.id,
			       json_pack("{s:s, s:s, s:s}", "role", u.role, "username", u.username, "org", o.name));
	if (rc == DB_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	if (rc == DB_CONSTRAINT)
		snprintf(err, errlen, "the username %s is already taken", nu->username);
	else if (rc != DB_OK && !err[0])
		snprintf(err, errlen, "%s", db_errmsg(d));
	return rc;
}

/* Finds the user; prints why not and returns 1 when there is none. */
static int find_user(db *d, const char *username, user_rec *u)
{
	int rc = store_user_by_name(d, username, u);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		cli_error("user", "there is no user %s", username);
	else
		cli_error("user", "%s", db_errmsg(d));
	return 1;
}

/* Loads, changes and saves one user, ending sessions and auditing. */
static int change(db *d, const char *username, const char *action, int disable, int enable,
		  const char *new_role)
{
	user_rec u;
	if (find_user(d, username, &u))
		return 1;
	if (disable)
		u.disabled = 1;
	if (enable) {
		u.disabled = 0;
		u.failed_logins = 0;
		u.locked_until[0] = '\0';
	}
	if (new_role) {
		role r;
		if (role_parse(new_role, &r) != 0 || !role_fits_org(r, u.org_kind)) {
			cli_error("user", "the role %s does not fit %s, a %s organisation", new_role, u.org_name,
				  strcmp(u.org_kind, "opcc") == 0 ? "Commissioner's office" : u.org_kind);
			return EXIT_USAGE;
		}
		snprintf(u.role, sizeof u.role, "%s", new_role);
	}
	int rc = db_begin(d);
	if (rc == DB_OK)
		rc = store_user_update(d, &u);
	if (rc == DB_OK && !enable)
		rc = store_session_delete_user(d, u.id);
	if (rc == DB_OK)
		rc = cli_audit(d, action, "user", u.id, NULL);
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

/* Prints a one-time link with which the holder chooses a password. */
static int reset_password(db *d, const char *username, const char *base_url)
{
	user_rec u;
	if (find_user(d, username, &u))
		return 1;
	char token[SECURE_TOKEN_LEN], hash[SECURE_SHA256_HEX];
	secure_token(token);
	secure_sha256_hex(token, strlen(token), hash);
	reset_rec r = {0};
	memcpy(r.user_id, u.id, sizeof r.user_id);
	clock_iso(clock_now_ms() + RESET_LINK_MS, r.expires_at);
	int rc = db_begin(d);
	if (rc == DB_OK)
		rc = store_reset_issue(d, &r, hash);
	if (rc == DB_OK)
		rc = store_notice_add(d, u.id, NOTICE_RESET_ISSUED, NULL);
	if (rc == DB_OK)
		rc = cli_audit(d, "password_reset_issued", "user", u.id,
			       json_pack("{s:s, s:s}", "link", r.id, "expires_at", r.expires_at));
	if (rc == DB_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	if (rc != DB_OK) {
		sodium_memzero(token, sizeof token);
		cli_error("user", "%s", db_errmsg(d));
		return 1;
	}
	size_t blen = base_url ? strlen(base_url) : 0;
	while (blen && base_url[blen - 1] == '/')
		blen--;
	printf("One-time link for %s to choose a password, valid until %s:\n%.*s/reset-password#token=%s\n",
	       u.username, r.expires_at, (int)blen, base_url ? base_url : "", token);
	sodium_memzero(token, sizeof token);
	return 0;
}

/* Clears the holder's second factor and recovery codes, and ends their sessions. */
static int reset_second_factor(db *d, const char *username)
{
	user_rec u;
	if (find_user(d, username, &u))
		return 1;
	if (!u.totp_enabled) {
		cli_error("user", "%s has no second factor to clear", username);
		return 1;
	}
	int rc = db_begin(d);
	if (rc == DB_OK)
		rc = store_user_clear_second_factor(d, u.id);
	if (rc == DB_OK)
		rc = store_recovery_replace(d, u.id, NULL, 0);
	if (rc == DB_OK)
		rc = store_session_delete_user(d, u.id);
	if (rc == DB_OK)
		rc = store_notice_add(d, u.id, NOTICE_SECOND_FACTOR_CLEARED, NULL);
	if (rc == DB_OK)
		rc = cli_audit(d, "second_factor_reset", "user", u.id, NULL);
	if (rc == DB_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	if (rc != DB_OK) {
		cli_error("user", "%s", db_errmsg(d));
		return 1;
	}
	printf("%s: second factor cleared\n", username);
	return 0;
}

int cmd_user(int argc, char **argv)
{
	static const char *const subs[] = {"add",	     "disable",		    "enable",
					   "reset-password", "reset-second-factor", "set-role"};
	if (argc < 3 || argv[2][0] == '-') {
		if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
			fputs(USAGE, stdout);
			return 0;
		}
		cli_error("user", "expected add, disable, enable, reset-password, reset-second-factor or "
				  "set-role (see --help)");
		return EXIT_USAGE;
	}
	const char *sub = argv[2];
	int known = 0;
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		known |= strcmp(sub, subs[i]) == 0;
	if (!known) {
		cli_error("user", "unknown subcommand '%s' (see --help)", sub);
		return EXIT_USAGE;
	}
	const char *url = NULL, *username = NULL, *role_s = NULL, *org = NULL, *team = NULL,
		   *display = NULL, *host = NULL, *base_url = NULL, *org_kind = NULL;
	const char *areas[MAX_AREAS];
	size_t nareas = 0;
	cli_opt opts[] = {
		{"--db", 1, &url, NULL, NULL},		  {"--username", 1, &username, NULL, NULL},
		{"--role", 1, &role_s, NULL, NULL},	  {"--org", 1, &org, NULL, NULL},
		{"--team", 1, &team, NULL, NULL},	  {"--display-name", 1, &display, NULL, NULL},
		{"--host", 1, &host, NULL, NULL},	  {"--base-url", 1, &base_url, NULL, NULL},
		{"--org-kind", 1, &org_kind, NULL, NULL},
	};
	int is_add = strcmp(sub, "add") == 0, is_role = strcmp(sub, "set-role") == 0;
	/* --area repeats, so it is taken out before the other options are read. */
	if (cli_take_repeated("user", &argc, argv, 3, "--area", areas, MAX_AREAS, &nareas) != 0)
		return EXIT_USAGE;
	int p = cli_parse("user", USAGE, argc, argv, 3, opts, sizeof opts / sizeof opts[0]);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	if (cli_require("user", username, "--username") != 0)
		return EXIT_USAGE;
	if ((is_add || is_role) && cli_require("user", role_s, "--role") != 0)
		return EXIT_USAGE;
	if (!is_add && (host || nareas || org || team || display || org_kind)) {
		cli_error("user", "--org, --team, --display-name, --org-kind, --host and --area go with add");
		return EXIT_USAGE;
	}
	if (org_kind && !org_kind_class(org_kind)) {
		cli_error("user", "--org-kind %s", ORG_KIND_PROBLEM);
		return EXIT_USAGE;
	}
	if (base_url && strcmp(sub, "reset-password") != 0) {
		cli_error("user", "--base-url goes with reset-password");
		return EXIT_USAGE;
	}
	role r;
	if (role_s && role_parse(role_s, &r) != 0) {
		cli_error("user", "--role must be one of admin, supervisor, investigator, "
				  "safeguarding, analyst, opcc, partner, auditor, records_manager");
		return EXIT_USAGE;
	}
	if (is_add && cli_require("user", org, "--org") != 0)
		return EXIT_USAGE;
	char password[PASSWORD_MAX_BYTES + 2] = "";
	if (is_add && read_password(password, sizeof password) != 0) {
		cli_error("user", "no password on standard input");
		return EXIT_USAGE;
	}
	const char *problem;
	if ((problem = username_problem(username))) {
		cli_error("user", "--username %s", problem);
		return EXIT_USAGE;
	}
	char why[256];
	if (is_add && (problem = new_password_problem(password, username, why, sizeof why))) {
		cli_error("user", "the password %s", problem);
		return EXIT_USAGE;
	}
	db *d = cli_db_open("user", cli_db_url(url), 1);
	if (!d)
		return 1;
	int status;
	if (is_add) {
		char err[256];
		cli_new_user nu = {username, display, role_s, org, team, password,
				   org_kind, host, areas, nareas};
		int rc = cli_user_create(d, &nu, err, sizeof err);
		if (rc == DB_OK)
			printf("user %s added as %s\n", username, role_s);
		else
			cli_error("user", "%s", err);
		status = rc == DB_OK ? 0 : rc == CLI_REFUSED ? EXIT_USAGE : 1;
	} else if (is_role) {
		status = change(d, username, "role_changed", 0, 0, role_s);
	} else if (strcmp(sub, "reset-password") == 0) {
		status = reset_password(d, username, base_url);
	} else if (strcmp(sub, "reset-second-factor") == 0) {
		status = reset_second_factor(d, username);
	} else if (strcmp(sub, "disable") == 0) {
		status = change(d, username, "user_disabled", 1, 0, NULL);
	} else {
		status = change(d, username, "user_enabled", 0, 1, NULL);
	}
	sodium_memzero(password, sizeof password);
	db_close(d);
	return status;
}
