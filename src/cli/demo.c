/* waymark demo: synthetic accounts (and, as features land, synthetic casework). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/training.h"
#include "lib/clock.h"
#include "store/accounts.h"
#include "store/staff.h"

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

/* Profiles and training for the demo's investigators and supervisor, so
 * that allocation has something to weigh. Kept once: a profile already
 * there is left alone. */
static const struct {
	const char *username, *rank;
	int pip, capacity;
	const char *languages;
	const char *courses[4];
	int expiring; /* the last course expires in 20 days */
} staff[] = {
	{"ds.khan", "Detective Sergeant", 3, 4, "[{\"tag\":\"ur\",\"proficiency\":\"fluent\"}]",
	 {"msht_awareness", "specialist_msht_investigation", "child_criminal_exploitation", NULL}, 0},
	{"dc.jones", "Detective Constable", 2, 8, "[{\"tag\":\"sq\",\"proficiency\":\"working\"}]",
	 {"msht_awareness", "first_responder_nrm", "specialist_msht_investigation", "child_criminal_exploitation"}, 1},
	{"dc.okafor", "Detective Constable", 1, 6, "[{\"tag\":\"ro\",\"proficiency\":\"fluent\"}]",
	 {"msht_awareness", "first_responder_nrm", NULL, NULL}, 0},
};

static int demo_staff(db *d, const char *admin_id)
{
	char today[DATE_LEN];
	date_of_days((long)(clock_now_ms() / 86400000LL), today);
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < sizeof staff / sizeof staff[0]; i++) {
		user_rec u;
		if ((rc = store_user_by_name(d, staff[i].username, &u)) != DB_ROW)
			break;
		staff_rec s = {0};
		memcpy(s.user_id, u.id, 37);
		s.rank = staff[i].rank;
		s.pip_level = staff[i].pip;
		s.pip_accredited_on = "2023-09-01";
		s.capacity = staff[i].capacity;
		s.languages = staff[i].languages;
		if ((rc = db_begin(d)) != DB_OK)
			break;
		rc = store_staff_put(d, &s, admin_id);
		for (int k = 0; rc == DB_OK && k < 4 && staff[i].courses[k]; k++) {
			training_rec t = {0};
			char done[DATE_LEN], ends[DATE_LEN];
			int last = k == 3 || !staff[i].courses[k + 1];
			date_add_days(today, -400 - 30 * k, done);
			if (staff[i].expiring && last)
				date_add_days(today, 20, ends);
			else
				training_default_expiry(training_course(staff[i].courses[k]), done, ends);
			memcpy(t.user_id, u.id, 37);
			memcpy(t.created_by, admin_id, 37);
			t.course = staff[i].courses[k];
			t.provider = "College of Policing";
			t.completed_on = done;
			t.expires_on = ends;
			rc = store_training_add(d, &t);
		}
		if (rc == DB_DONE) { /* kept already */
			db_rollback(d);
			rc = DB_OK;
			continue;
		}
		rc = rc == DB_OK ? db_commit(d) : (db_rollback(d), rc);
	}
	return rc == DB_ROW ? DB_OK : rc;
}

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
	user_rec admin;
	if (rc == DB_OK && (rc = store_user_by_name(d, "admin", &admin)) == DB_ROW)
		rc = demo_staff(d, admin.id);
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
