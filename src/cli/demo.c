/* waymark demo: synthetic accounts (and, as features land, synthetic casework). */
#include <stdio.h>

#include "cli/cli.h"
#include "store/accounts.h"

static const char USAGE[] =
	"usage: waymark demo [--db URL]\n"
	"Loads realistic synthetic demo data, all invented, and prints the demo\n"
	"sign-ins. Accounts that already exist are left as they are.\n";

/* Shared by every demo account; never use demo data for real work. */
static const char DEMO_PASSWORD[] = "demo-password-2026";

static const struct {
	const char *username, *display, *role, *org, *kind, *team;
} accounts[] = {
	{"admin", "Alex Admin", "admin", "Demo Constabulary", "force", NULL},
	{"ds.khan", "DS Amira Khan", "supervisor", "Demo Constabulary", "force",
	 "Exploitation and Missing Team"},
	{"dc.jones", "DC Rhys Jones", "investigator", "Demo Constabulary", "force",
	 "Exploitation and Missing Team"},
	{"dc.okafor", "DC Ngozi Okafor", "investigator", "Demo Constabulary", "force", "CID"},
	{"so.patel", "Priya Patel", "safeguarding", "Demo Constabulary", "force",
	 "Safeguarding Team"},
	{"analyst.reid", "Morgan Reid", "analyst", "Demo Constabulary", "force",
	 "Intelligence Unit"},
	{"opcc.hughes", "Sam Hughes", "opcc", "Office of the Police and Crime Commissioner (demo)",
	 "opcc", NULL},
	{"partner.evans", "Cerys Evans", "partner", "Demo County Council Adult Safeguarding",
	 "partner", NULL},
	{"auditor.lee", "Jordan Lee", "auditor", "Demo Constabulary", "force",
	 "Information Management"},
};

int cmd_demo(int argc, char **argv)
{
	const char *url = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL}};
	int p = cli_parse("demo", USAGE, argc, argv, 2, opts, 1);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	db *d = cli_db_open("demo", cli_db_url(url), 1);
	if (!d)
		return 1;
	int created = 0;
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
		user_rec u;
		int rc = store_user_by_name(d, accounts[i].username, &u);
		if (rc == DB_ROW)
			continue;
		char err[256];
		if (rc == DB_DONE)
			rc = cli_user_create(d, accounts[i].username, accounts[i].display,
					     accounts[i].role, accounts[i].org, accounts[i].kind,
					     accounts[i].team, DEMO_PASSWORD, err, sizeof err);
		else
			snprintf(err, sizeof err, "%s", db_errmsg(d));
		if (rc != DB_OK) {
			cli_error("demo", "%s", err);
			db_close(d);
			return 1;
		}
		created++;
	}
	user_rec author;
	char emt[37], cid[37];
	int ncases = 0, npeople = 0;
	int rc = store_user_by_name(d, "dc.jones", &author);
	if (rc == DB_ROW) {
		rc = store_team_find(d, author.org_id, "Exploitation and Missing Team", emt);
		if (rc == DB_ROW)
			rc = store_team_find(d, author.org_id, "CID", cid);
		if (rc == DB_ROW)
			rc = demo_casework(d, author.id, emt, cid, &ncases, &npeople);
	}
	if (rc != DB_OK) {
		cli_error("demo", "%s", db_errmsg(d));
		db_close(d);
		return 1;
	}
	db_close(d);
	printf("Demo data loaded (%d new account%s, %d cases, %d people). All data is invented.\n\n",
	       created, created == 1 ? "" : "s", ncases, npeople);
	printf("Demo sign-ins (password for each: %s):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++)
		printf("  %-14s %-13s %s\n", accounts[i].username, accounts[i].role,
		       accounts[i].display);
	return 0;
}
