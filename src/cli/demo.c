/* waymark demo: synthetic accounts (and, as features land, synthetic casework). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/demo.h"
#include "domain/training.h"
#include "lib/clock.h"
#include "lib/grow.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/staff.h"

static const char USAGE[] =
	"usage: waymark demo [--db URL]\n"
	"Loads realistic synthetic demo data, all invented, and prints the demo\n"
	"sign-ins. Accounts that already exist are left as they are. The demo's\n"
	"organisations sign in without a second factor, and the installation is\n"
	"marked a demonstration, which its sign-in page says.\n";

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
	 "local_authority", NULL},
	{"auditor.lee", "Jordan Lee", "auditor", "Demo Constabulary", "force",
	 "Information Management"},
	{"records.mills", "Dana Mills", "records_manager", "Demo Constabulary", "force",
	 "Information Management"},
};

/* A profile and its courses, kept in one transaction unless the account
 * has a profile already. The first course was completed `ago` days back,
 * each later one `step` days before that; with `lapses`, the last one runs
 * out `lapse_in` days from today (before it, when negative), for the
 * worklist and the compliance view to show. */
typedef struct demo_profile {
	const char *rank, *accredited_on, *languages;
	int pip, capacity, ago, step, lapses, lapse_in;
	const char *courses[4]; /* NULL after the last */
} demo_profile;

/* Profiles and training for the demo's investigators and supervisor, so
 * that allocation has something to weigh. */
static const struct {
	const char *username;
	demo_profile p;
} staff[] = {
	{"ds.khan", {"Detective Sergeant", "2023-09-01", "[{\"tag\":\"ur\",\"proficiency\":\"fluent\"}]", 3, 4, 400, 30, 0, 0,
		     {"msht_awareness", "specialist_msht_investigation", "child_criminal_exploitation", NULL}}},
	{"dc.jones", {"Detective Constable", "2023-09-01", "[{\"tag\":\"sq\",\"proficiency\":\"working\"}]", 2, 8, 400, 30, 1, 20,
		      {"msht_awareness", "first_responder_nrm", "specialist_msht_investigation", "child_criminal_exploitation"}}},
	{"dc.okafor", {"Detective Constable", "2023-09-01", "[{\"tag\":\"ro\",\"proficiency\":\"fluent\"}]", 1, 6, 400, 30, 0, 0,
		       {"msht_awareness", "first_responder_nrm", NULL, NULL}}},
};

/* The teams' other investigators, who lead the demo's cases, refer their
 * victims and look after them. They sign in with the demo password too,
 * though the list printed leaves them out. Two have a course running out
 * (`lapse_in` days from today; before it, when negative). */
static const struct {
	const char *username, *display, *team, *language;
	int pip, child, lapses, lapse_in;
} officers[] = {
	{"dc.ahmed", "DC Bilal Ahmed", "Exploitation and Missing Team", "pa", 2, 1, 0, 0},
	{"dc.walsh", "DC Siobhan Walsh", "Exploitation and Missing Team", NULL, 3, 1, 1, -6},
	{"dc.nowak", "DC Piotr Nowak", "Exploitation and Missing Team", "pl", 2, 0, 0, 0},
	{"dc.tran", "DC Linh Tran", "Exploitation and Missing Team", "vi", 2, 1, 0, 0},
	{"dc.evans", "DC Gareth Evans", "Exploitation and Missing Team", NULL, 2, 0, 0, 0},
	{"dc.osei", "DC Ama Osei", "Exploitation and Missing Team", NULL, 3, 1, 1, 0},
	{"dc.murphy", "DC Ciaran Murphy", "Exploitation and Missing Team", NULL, 2, 1, 0, 0},
	{"dc.popescu", "DC Elena Popescu", "Exploitation and Missing Team", "ro", 2, 0, 0, 0},
	{"dc.brown", "DC Hannah Brown", "Exploitation and Missing Team", NULL, 2, 1, 0, 0},
	{"dc.hussain", "DC Zara Hussain", "Exploitation and Missing Team", "ar", 3, 1, 0, 0},
	{"dc.clarke", "DC Tom Clarke", "CID", NULL, 2, 0, 0, 0},
	{"dc.ali", "DC Yusuf Ali", "CID", "so", 2, 1, 0, 0},
	{"dc.kaur", "DC Simran Kaur", "CID", "pa", 3, 0, 0, 0},
};
#define NOFFICERS (sizeof officers / sizeof officers[0])

/* Keeps a profile (see demo_profile). */
static int keep_profile(db *d, const char *admin_id, const char *user_id, const demo_profile *p, const char *today)
{
	staff_rec s = {0};
	memcpy(s.user_id, user_id, SECURE_ID_LEN);
	s.rank = p->rank;
	s.pip_level = p->pip;
	s.pip_accredited_on = p->accredited_on;
	s.capacity = p->capacity;
	s.languages = p->languages;
	int rc = db_begin(d);
	if (rc != DB_OK)
		return rc;
	rc = store_staff_put(d, &s, admin_id);
	for (int k = 0; rc == DB_OK && k < 4 && p->courses[k]; k++) {
		training_rec t = {0};
		char done[DATE_LEN], ends[DATE_LEN];
		date_add_days(today, -p->ago - p->step * k, done);
		if (p->lapses && (k == 3 || !p->courses[k + 1]))
			date_add_days(today, p->lapse_in, ends);
		else
			training_default_expiry(training_course(p->courses[k]), done, ends);
		memcpy(t.user_id, user_id, SECURE_ID_LEN);
		memcpy(t.created_by, admin_id, SECURE_ID_LEN);
		t.course = p->courses[k];
		t.provider = "College of Policing";
		t.completed_on = done;
		t.expires_on = ends;
		rc = store_training_add(d, &t);
	}
	if (rc != DB_OK) {
		db_rollback(d);
		return rc == DB_DONE ? DB_OK : rc; /* DB_DONE: kept by an earlier run */
	}
	return db_commit(d);
}

/* Creates the officers with profiles and current training. */
static int demo_officers(db *d, const char *admin_id, const char *today)
{
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < NOFFICERS; i++) {
		user_rec u;
		if ((rc = store_user_by_name(d, officers[i].username, &u)) == DB_ROW) {
			rc = DB_OK;
			continue; /* made by an earlier run */
		}
		char err[256];
		cli_new_user nu = {officers[i].username, officers[i].display, "investigator", "Demo Constabulary",
				   officers[i].team, DEMO_PASSWORD, "force", NULL, NULL, 0};
		if (rc == DB_DONE)
			rc = cli_user_create(d, &nu, err, sizeof err);
		if (rc == DB_OK && (rc = store_user_by_name(d, officers[i].username, &u)) == DB_ROW)
			rc = DB_OK;
		if (rc != DB_OK)
			break;
		char langs[80] = "[]";
		if (officers[i].language)
			snprintf(langs, sizeof langs, "[{\"tag\":\"%s\",\"proficiency\":\"native\"}]", officers[i].language);
		demo_profile p = {"Detective Constable", "2022-05-01", langs, officers[i].pip, 16, 200 + 40 * (int)i, 0,
				  officers[i].lapses, officers[i].lapse_in, {"specialist_msht_investigation", officers[i].child ? "child_criminal_exploitation" : NULL}};
		rc = keep_profile(d, admin_id, u.id, &p, today);
	}
	return rc;
}

typedef struct unled {
	char id[SECURE_ID_LEN], team_id[SECURE_ID_LEN], created_at[32];
	int is_new, is_closed;
} unled;

typedef struct unled_list {
	unled *v;
	size_t n, cap;
} unled_list;

static int add_unled(const char *id, const char *created_at, const char *team_id, const char *status, void *arg)
{
	unled_list *x = arg;
	unled *v = grow_array(x->v, &x->cap, x->n, sizeof *v, 128);
	if (!v)
		return DB_NOMEM;
	x->v = v;
	unled *u = &x->v[x->n++];
	snprintf(u->id, sizeof u->id, "%s", id);
	snprintf(u->team_id, sizeof u->team_id, "%s", team_id);
	snprintf(u->created_at, sizeof u->created_at, "%s", created_at);
	u->is_new = strcmp(status, "new") == 0;
	u->is_closed = strcmp(status, "closed") == 0;
	return 0;
}

/* Every demo case past "new" gets a lead of its team, allocated a few
 * hours to a few days after it was opened, so the reports have a history;
 * the new ones wait on the supervisor's worklist. */
static int demo_leads(db *d, const char *supervisor_id)
{
	unled_list list = {0};
	int rc = store_cases_unled(d, add_unled, &list);
	char ids[NOFFICERS][SECURE_ID_LEN], teams[NOFFICERS][SECURE_ID_LEN];
	size_t n = 0;
	for (size_t i = 0; rc == DB_OK && i < NOFFICERS; i++) {
		user_rec u;
		if ((rc = store_user_by_name(d, officers[i].username, &u)) != DB_ROW)
			break;
		rc = DB_OK;
		memcpy(ids[n], u.id, SECURE_ID_LEN);
		memcpy(teams[n++], u.team_id, SECURE_ID_LEN);
	}
	int load[NOFFICERS] = {0}, held[NOFFICERS] = {0};
	if (rc == DB_OK)
		rc = db_begin(d);
	for (size_t i = 0; rc == DB_OK && i < list.n; i++) {
		if (list.v[i].is_new)
			continue;
		/* The officer of the case's team with the fewest open cases, then
		 * the fewest cases led. */
		size_t who = n;
		for (size_t k = 0; k < n; k++) {
			if (strcmp(teams[k], list.v[i].team_id) != 0)
				continue;
			if (who == n || load[k] < load[who] || (load[k] == load[who] && held[k] < held[who]))
				who = k;
		}
		if (who == n)
			continue;
		load[who] += !list.v[i].is_closed;
		held[who]++;
		int64_t opened;
		if (clock_parse_iso(list.v[i].created_at, &opened) != 0)
			continue;
		lead_rec l = {0};
		memcpy(l.case_id, list.v[i].id, SECURE_ID_LEN);
		memcpy(l.user_id, ids[who], SECURE_ID_LEN);
		memcpy(l.allocated_by, supervisor_id, SECURE_ID_LEN);
		clock_iso(opened + (int64_t)(2 + (i * 37) % 96) * 3600 * 1000, l.allocated_at);
		l.failed_requirements = "[]";
		rc = store_lead_set(d, &l, NULL);
	}
	rc = rc == DB_OK ? db_commit(d) : (db_rollback(d), rc);
	free(list.v);
	return rc;
}

/* A demonstration signs in with passwords alone: the second factor is
 * switched off for the demo's organisations, and the installation is
 * marked a demonstration so that the sign-in page says so. */
static int demo_second_factor_off(db *d)
{
	int rc = db_begin(d);
	for (size_t i = 0; rc == DB_OK && i < sizeof accounts / sizeof accounts[0]; i++) {
		size_t k = 0;
		while (k < i && strcmp(accounts[k].org, accounts[i].org) != 0)
			k++;
		if (k < i)
			continue; /* done already */
		org_rec o;
		if ((rc = store_org_by_name(d, accounts[i].org, &o)) != DB_ROW)
			break;
		rc = store_org_totp_roles_put(d, o.id, "[]");
		if (rc == DB_OK) {
			audit_fields f = {.actor = cli_actor(), .action = "settings_changed", .record_type = "org",
					  .record_id = o.id, .detail = "{\"demonstration\":true,\"totp_required_roles\":[]}"};
			rc = store_audit_append(d, &f);
		}
	}
	if (rc == DB_OK)
		rc = store_setting_put(d, "demonstration", "1");
	return rc == DB_OK ? db_commit(d) : (db_rollback(d), rc);
}

/* The officers of each team, who refer and look after the demo's victims. */
static int demo_cast_officers(db *d, demo_cast *cast)
{
	for (size_t i = 0; i < NOFFICERS; i++) {
		user_rec u;
		int rc = store_user_by_name(d, officers[i].username, &u);
		if (rc != DB_ROW)
			return rc == DB_DONE ? DB_ERR : rc;
		int team = strcmp(officers[i].team, "CID") == 0;
		int k = cast->nofficers[team];
		if (k == DEMO_TEAM_OFFICERS)
			continue;
		memcpy(cast->officers[team][k], u.id, SECURE_ID_LEN);
		cast->officer_names[team][k] = officers[i].display;
		cast->nofficers[team]++;
	}
	return DB_OK;
}

static int demo_staff(db *d, const char *admin_id, const char *today)
{
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < sizeof staff / sizeof staff[0]; i++) {
		user_rec u;
		rc = store_user_by_name(d, staff[i].username, &u);
		if (rc == DB_ROW)
			rc = keep_profile(d, admin_id, u.id, &staff[i].p, today);
	}
	return rc;
}

/* Finds or makes a partner organisation of the kind, hosted by the force:
 * DB_ROW with its id. */
static int demo_partner(db *d, const char *name, const char *kind, const char *force_id, char id[SECURE_ID_LEN])
{
	org_rec o = {0};
	int rc = store_org_by_name(d, name, &o);
	if (rc == DB_DONE) {
		snprintf(o.name, sizeof o.name, "%s", name);
		snprintf(o.host_org_id, sizeof o.host_org_id, "%s", force_id);
		rc = store_org_kind_set(&o, kind) == 0 ? store_org_create(d, &o) : DB_ERR;
		rc = rc == DB_OK ? DB_ROW : rc;
	}
	if (rc == DB_ROW)
		memcpy(id, o.id, SECURE_ID_LEN);
	return rc;
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
		/* The demo's partner and Commissioner's office are hosted by its force. */
		cli_new_user nu = {accounts[i].username, accounts[i].display, accounts[i].role, accounts[i].org,
				   accounts[i].team, DEMO_PASSWORD, accounts[i].kind,
				   strcmp(accounts[i].kind, "force") ? "Demo Constabulary" : NULL, NULL, 0};
		if (rc == DB_DONE)
			rc = cli_user_create(d, &nu, err, sizeof err);
		else
			snprintf(err, sizeof err, "%s", db_errmsg(d));
		if (rc != DB_OK) {
			cli_error("demo", "%s", err);
			db_close(d);
			return 1;
		}
		created++;
	}
	user_rec admin, khan, author;
	char today[DATE_LEN], emt[SECURE_ID_LEN], cid[SECURE_ID_LEN];
	clock_today(today);
	int ncases = 0, npeople = 0;
	int rc = store_user_by_name(d, "admin", &admin);
	if (rc == DB_ROW)
		rc = demo_staff(d, admin.id, today);
	if (rc == DB_OK)
		rc = demo_officers(d, admin.id, today);
	if (rc == DB_OK && (rc = store_user_by_name(d, "dc.jones", &author)) == DB_ROW) {
		demo_cast cast = {.author_id = author.id, .teams = {emt, cid}};
		/* The council's adult safeguarding, which some victims are
		 * referred to, so its caseworker sees what is shared. */
		org_rec council;
		if (store_org_by_name(d, "Demo County Council Adult Safeguarding", &council) == DB_ROW)
			cast.partner_org_id = council.id;
		/* The rest of the partnership, hosted by the force. */
		static char partners[3][SECURE_ID_LEN];
		const char *const *kinds[] = {(const char *const[]){"Demo County Council Children's Services", "local_authority"},
					      (const char *const[]){"Haven Trust Victim Support", "support_provider"},
					      (const char *const[]){"Child Trafficking Guardians South West (demo)", "guardian"}};
		for (int k = 0; k < 3 && rc == DB_ROW; k++)
			rc = demo_partner(d, kinds[k][0], kinds[k][1], author.org_id, partners[k]);
		cast.children_org_id = partners[0];
		cast.provider_org_id = partners[1];
		cast.guardian_org_id = partners[2];
		cast.force_org_id = author.org_id;
		/* The Commissioner's office commissions the services; the
		 * council's caseworker answers referrals to the council's. */
		org_rec office;
		user_rec evans;
		if (rc == DB_ROW && store_org_by_name(d, "Office of the Police and Crime Commissioner (demo)", &office) == DB_ROW)
			cast.opcc_org_id = office.id;
		if (rc == DB_ROW && store_user_by_name(d, "partner.evans", &evans) == DB_ROW)
			cast.partner_user_id = evans.id;
		/* The Commissioner's office stocks the force's Go bags. */
		user_rec keeper;
		if (store_user_by_name(d, "opcc.hughes", &keeper) == DB_ROW)
			cast.go_bag_keeper_id = keeper.id;
		if (rc == DB_ROW)
			rc = store_team_find(d, author.org_id, "Exploitation and Missing Team", emt);
		if (rc == DB_ROW)
			rc = store_team_find(d, author.org_id, "CID", cid);
		if (rc == DB_ROW)
			rc = demo_cast_officers(d, &cast);
		if (rc == DB_OK)
			rc = demo_services(d, &cast);
		if (rc == DB_OK)
			rc = demo_casework(d, &cast, &ncases, &npeople);
		if (rc == DB_OK && ncases > 0) { /* only when this run made the cases */
			rc = demo_missing_people(d, &cast, &npeople);
			ncases += rc == DB_OK;
		}
		/* Victims' comments are sealed under the installation's key: without
		 * it the demo's answers come without comments. */
		static seal_key key;
		int keyed = rc == DB_OK && ncases > 0 && cli_key_open("demo", NULL, d, 0, &key) == 0;
		if (rc == DB_OK && ncases > 0)
			rc = demo_feedback_answers(d, &cast, keyed ? &key : NULL);
		/* Selectors match under the same key: without it, no links. */
		if (rc == DB_OK && keyed)
			rc = demo_links(d, &cast, admin.id, &key);
		/* Documents are kept encrypted under the same key, in the
		 * folder the server reads for this database (WAYMARK_DOCUMENTS,
		 * as serve's --documents, or the one beside a SQLite file). */
		char docs_dir[4096];
		const char *docs = cli_documents_dir(getenv("WAYMARK_DOCUMENTS"), cli_db_url(url),
						     docs_dir, sizeof docs_dir);
		if (rc == DB_OK && keyed)
			rc = demo_documents(d, &cast, docs, &key);
		if (keyed)
			seal_key_wipe(&key);
		if (rc == DB_OK && ncases > 0)
			rc = demo_retention(d, &cast); /* issue 21: the records manager's worklist */
	}
	if (rc == DB_OK && ncases > 0 && (rc = store_user_by_name(d, "ds.khan", &khan)) == DB_ROW)
		rc = demo_leads(d, khan.id); /* only when this run made the cases */
	/* Subject requests: the records manager's worklist (issue 21). */
	user_rec mills;
	if (rc == DB_OK && (rc = store_user_by_name(d, "records.mills", &mills)) == DB_ROW)
		rc = demo_requests(d, mills.org_id, mills.id);
	if (rc == DB_OK)
		rc = demo_second_factor_off(d);
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
	printf("  and %zu more investigators who lead the demo's cases (%s to %s)\n", NOFFICERS, officers[0].username,
	       officers[NOFFICERS - 1].username);
	printf("The second factor is switched off for the demo's organisations; the sign-in page says so.\n");
	return 0;
}
