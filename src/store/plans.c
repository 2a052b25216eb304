#include "store/plans.h"

#include <stdio.h>
#include <string.h>

#include "domain/roles.h"
#include "lib/clock.h"

#define PLAN_COLUMNS                                                                                          \
	"p.id, p.case_id, p.case_person_id, p.person_id, p.review_on, p.agencies, p.la_org_id, o.name, "          \
	"p.strategy_days, p.la_told_on, p.strategy_on, p.strategy_outcome, p.s47_on, p.s47_outcome, "            \
	"p.conference_on, p.conference_outcome, p.core_group_on, p.last_review_on, p.plan_ended_on, "             \
	"p.strategy_due, p.conference_due, p.core_group_due, p.review_due, p.created_by, p.created_at, "          \
	"p.updated_at, p.version FROM safeguarding_plans p LEFT JOIN orgs o ON o.id = p.la_org_id "

static int read_plan(arena *a, db_stmt *s, void *rec)
{
	plan_rec *p = rec;
	char *const ids[] = {p->id, p->case_id, p->link_id, p->person_id};
	for (int i = 0; i < 4; i++)
		db_col_copy(s, i, ids[i], SECURE_ID_LEN);
	p->review_on = db_col_dup(s, 4, a);
	p->agencies = db_col_dup(s, 5, a);
	p->la_org_id = db_col_dup(s, 6, a);
	p->la_org_name = db_col_dup(s, 7, a);
	p->strategy_days = (int)db_col_int(s, 8);
	const char **steps[] = {&p->la_told_on,	   &p->strategy_on,    &p->strategy_outcome, &p->s47_on,
				&p->s47_outcome,   &p->conference_on,  &p->conference_outcome, &p->core_group_on,
				&p->last_review_on, &p->plan_ended_on, &p->strategy_due,     &p->conference_due,
				&p->core_group_due, &p->review_due};
	for (int i = 0; i < 14; i++)
		*steps[i] = db_col_dup(s, 9 + i, a);
	db_col_copy(s, 23, p->created_by, sizeof p->created_by);
	db_col_copy(s, 24, p->created_at, sizeof p->created_at);
	db_col_copy(s, 25, p->updated_at, sizeof p->updated_at);
	p->version = db_col_int(s, 26);
	return p->agencies ? DB_OK : DB_NOMEM;
}

int store_plan_add(db *d, plan_rec *p)
{
	secure_id(p->id);
	clock_now_iso(p->created_at);
	memcpy(p->updated_at, p->created_at, sizeof p->updated_at);
	p->version = 1;
	char days[12];
	snprintf(days, sizeof days, "%d", p->strategy_days);
	const char *v[] = {p->id,	     p->case_id, p->link_id,	  p->person_id, p->review_on,
			   p->agencies,      days,	 p->created_by, p->created_at};
	return db_run(d,
		      "INSERT INTO safeguarding_plans (id, case_id, case_person_id, person_id, review_on, agencies, "
		      "strategy_days, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
		      "CAST($7 AS INTEGER), $8, $9, $9)",
		      9, v);
}

int store_plan_get(db *d, arena *a, const char *id, plan_rec *p)
{
	const char *v[] = {id};
	return db_get(d, a, "SELECT " PLAN_COLUMNS "WHERE p.id = $1", 1, v, read_plan, p);
}

int store_plan_of_link(db *d, arena *a, const char *link_id, plan_rec *p)
{
	const char *v[] = {link_id};
	return db_get(d, a, "SELECT " PLAN_COLUMNS "WHERE p.case_person_id = $1", 1, v, read_plan, p);
}

int store_plan_update(db *d, plan_rec *p)
{
	char days[12], version[24];
	snprintf(days, sizeof days, "%d", p->strategy_days);
	snprintf(version, sizeof version, "%lld", (long long)p->version);
	clock_now_iso(p->updated_at);
	const char *v[] = {p->review_on,	p->agencies,	     p->la_org_id,	  days,
			   p->la_told_on,	p->strategy_on,	     p->strategy_outcome, p->s47_on,
			   p->s47_outcome,	p->conference_on,    p->conference_outcome, p->core_group_on,
			   p->last_review_on,	p->plan_ended_on,    p->strategy_due,	  p->conference_due,
			   p->core_group_due,	p->review_due,	     p->updated_at,	  p->id,
			   version};
	db_stmt *s;
	int rc = db_one(d,
			"UPDATE safeguarding_plans SET review_on = $1, agencies = $2, la_org_id = $3, strategy_days = "
			"CAST($4 AS INTEGER), la_told_on = $5, strategy_on = $6, strategy_outcome = $7, s47_on = $8, "
			"s47_outcome = $9, conference_on = $10, conference_outcome = $11, core_group_on = $12, "
			"last_review_on = $13, plan_ended_on = $14, strategy_due = $15, conference_due = $16, "
			"core_group_due = $17, review_due = $18, updated_at = $19, version = version + 1 WHERE id = "
			"$20 AND version = CAST($21 AS INTEGER) RETURNING version",
			21, v, &s);
	if (rc == DB_ROW) {
		p->version = db_col_int(s, 0);
		db_finalize(s);
		return DB_OK;
	}
	return rc;
}

typedef struct of_case {
	int (*fn)(const char *link_id, const char *plan_id, void *arg);
	void *arg;
} of_case;

static int one_of_case(db_stmt *s, void *arg)
{
	of_case *o = arg;
	return o->fn(db_col_text(s, 0), db_col_text(s, 1), o->arg);
}

int store_plans_of_case(db *d, const char *case_id, int (*fn)(const char *link_id, const char *plan_id, void *arg),
			void *arg)
{
	const char *v[] = {case_id};
	of_case o = {fn, arg};
	return db_each(d, "SELECT case_person_id, id FROM safeguarding_plans WHERE case_id = $1", 1, v, one_of_case,
		       &o);
}

int store_risk_add(db *d, risk_rec *r)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	memcpy(r->updated_at, r->created_at, sizeof r->updated_at);
	const char *v[] = {r->id, r->plan_id, r->description, r->level, r->created_by, r->created_at};
	return db_run(d,
		      "INSERT INTO plan_risks (id, plan_id, description, level, created_by, created_at, updated_at) "
		      "VALUES ($1, $2, $3, $4, $5, $6, $6)",
		      6, v);
}

int store_risk_update(db *d, const char *plan_id, const char *risk_id, const char *description, const char *level)
{
	char now[32];
	clock_now_iso(now);
	const char *v[] = {description, level, now, risk_id, plan_id};
	return db_change(d,
			 "UPDATE plan_risks SET description = COALESCE($1, description), level = COALESCE($2, level), "
			 "updated_at = $3 WHERE id = $4 AND plan_id = $5 RETURNING id",
			 5, v);
}

/* One walk over a plan's rows: the arena rows are read into and the caller's
 * callback for that kind of row, typed, so it is called without a cast. */
typedef struct each {
	arena *a;
	int (*risk)(const risk_rec *r, void *arg);
	int (*action)(const action_rec *r, void *arg);
	int (*note)(const plan_note_rec *n, void *arg);
	void *arg;
} each;

static int one_risk(db_stmt *s, void *arg)
{
	each *e = arg;
	risk_rec r = {0};
	db_col_copy(s, 0, r.id, sizeof r.id);
	db_col_copy(s, 1, r.plan_id, sizeof r.plan_id);
	r.description = db_col_text(s, 2);
	r.level = db_col_text(s, 3);
	db_col_copy(s, 4, r.created_by, sizeof r.created_by);
	db_col_copy(s, 5, r.created_at, sizeof r.created_at);
	db_col_copy(s, 6, r.updated_at, sizeof r.updated_at);
	return e->risk(&r, e->arg);
}

int store_risks(db *d, arena *a, const char *plan_id, int (*fn)(const risk_rec *r, void *arg), void *arg)
{
	const char *v[] = {plan_id};
	each e = {.a = a, .risk = fn, .arg = arg};
	return db_each(d,
		       "SELECT id, plan_id, description, level, created_by, created_at, updated_at FROM plan_risks "
		       "WHERE plan_id = $1 ORDER BY created_at, id",
		       1, v, one_risk, &e);
}

int store_action_add(db *d, action_rec *a)
{
	secure_id(a->id);
	clock_now_iso(a->created_at);
	memcpy(a->updated_at, a->created_at, sizeof a->updated_at);
	memcpy(a->updated_by, a->created_by, sizeof a->updated_by);
	a->version = 1;
	const char *v[] = {a->id,	a->plan_id, a->description, a->owner_org_id, a->owner_name,
			   a->due_on,	a->status,  a->created_by,  a->created_at};
	return db_run(d,
		      "INSERT INTO plan_actions (id, plan_id, description, owner_org_id, owner_name, due_on, status, "
		      "created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		      "$8, $9)",
		      9, v);
}

#define ACTION_COLUMNS                                                                                     \
	"a.id, a.plan_id, a.description, a.owner_org_id, o.name, a.owner_name, a.due_on, a.status, "        \
	"a.created_by, a.created_at, a.updated_by, u.display_name, a.updated_at, a.version FROM plan_actions " \
	"a JOIN orgs o ON o.id = a.owner_org_id JOIN users u ON u.id = a.updated_by "

static int read_action(arena *ar, db_stmt *s, void *rec)
{
	action_rec *a = rec;
	db_col_copy(s, 0, a->id, sizeof a->id);
	db_col_copy(s, 1, a->plan_id, sizeof a->plan_id);
	a->description = db_col_dup(s, 2, ar);
	db_col_copy(s, 3, a->owner_org_id, sizeof a->owner_org_id);
	a->owner_org_name = db_col_dup(s, 4, ar);
	a->owner_name = db_col_dup(s, 5, ar);
	a->due_on = db_col_dup(s, 6, ar);
	a->status = db_col_dup(s, 7, ar);
	db_col_copy(s, 8, a->created_by, sizeof a->created_by);
	db_col_copy(s, 9, a->created_at, sizeof a->created_at);
	db_col_copy(s, 10, a->updated_by, sizeof a->updated_by);
	a->updated_by_name = db_col_dup(s, 11, ar);
	db_col_copy(s, 12, a->updated_at, sizeof a->updated_at);
	a->version = db_col_int(s, 13);
	return a->description && a->owner_org_name && a->due_on && a->status && a->updated_by_name ? DB_OK
												     : DB_NOMEM;
}

int store_action_get(db *d, arena *a, const char *plan_id, const char *id, action_rec *out)
{
	const char *v[] = {id, plan_id};
	return db_get(d, a, "SELECT " ACTION_COLUMNS "WHERE a.id = $1 AND a.plan_id = $2", 2, v, read_action, out);
}

int store_action_update(db *d, action_rec *a)
{
	char version[24];
	snprintf(version, sizeof version, "%lld", (long long)a->version);
	clock_now_iso(a->updated_at);
	const char *v[] = {a->status, a->due_on, a->updated_by, a->updated_at, a->id, version};
	db_stmt *s;
	int rc = db_one(d,
			"UPDATE plan_actions SET status = $1, due_on = $2, updated_by = $3, updated_at = $4, version = "
			"version + 1 WHERE id = $5 AND version = CAST($6 AS INTEGER) RETURNING version",
			6, v, &s);
	if (rc == DB_ROW) {
		a->version = db_col_int(s, 0);
		db_finalize(s);
		return DB_OK;
	}
	return rc;
}

static int one_action(db_stmt *s, void *arg)
{
	each *e = arg;
	action_rec r = {0};
	int rc = read_action(e->a, s, &r);
	return rc != DB_OK ? rc : e->action(&r, e->arg);
}

int store_actions(db *d, arena *a, const char *plan_id, int (*fn)(const action_rec *r, void *arg), void *arg)
{
	const char *v[] = {plan_id};
	each e = {.a = a, .action = fn, .arg = arg};
	return db_each(d, "SELECT " ACTION_COLUMNS "WHERE a.plan_id = $1 ORDER BY a.due_on, a.created_at, a.id", 1, v,
		       one_action, &e);
}

int store_plan_note_add(db *d, plan_note_rec *n)
{
	secure_id(n->id);
	clock_now_iso(n->created_at);
	const char *v[] = {n->id, n->plan_id, n->text, n->org_id, n->created_by, n->created_at};
	return db_run(d,
		      "INSERT INTO plan_notes (id, plan_id, text, org_id, created_by, created_at) VALUES ($1, $2, $3, "
		      "$4, $5, $6)",
		      6, v);
}

static int one_note(db_stmt *s, void *arg)
{
	each *e = arg;
	plan_note_rec n = {0};
	db_col_copy(s, 0, n.id, sizeof n.id);
	db_col_copy(s, 1, n.plan_id, sizeof n.plan_id);
	n.text = db_col_text(s, 2);
	db_col_copy(s, 3, n.org_id, sizeof n.org_id);
	n.org_name = db_col_text(s, 4);
	n.author = db_col_text(s, 5);
	db_col_copy(s, 6, n.created_by, sizeof n.created_by);
	db_col_copy(s, 7, n.created_at, sizeof n.created_at);
	return e->note(&n, e->arg);
}

int store_plan_notes(db *d, arena *a, const char *plan_id, int (*fn)(const plan_note_rec *n, void *arg),
		     void *arg)
{
	const char *v[] = {plan_id};
	each e = {.a = a, .note = fn, .arg = arg};
	return db_each(d,
		       "SELECT n.id, n.plan_id, n.text, n.org_id, o.name, u.display_name, n.created_by, n.created_at "
		       "FROM plan_notes n JOIN orgs o ON o.id = n.org_id JOIN users u ON u.id = n.created_by WHERE "
		       "n.plan_id = $1 ORDER BY n.created_at, n.id",
		       1, v, one_note, &e);
}

int store_strategy_days(db *d, const char *org_id, int *days)
{
	const char *v[] = {org_id};
	int64_t n = 0;
	int rc = db_get_int(d, "SELECT strategy_discussion_days FROM org_settings WHERE org_id = $1", 1, v, &n);
	*days = rc == DB_ROW && n >= 1 ? (int)n : 1;
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int store_strategy_days_set(db *d, const char *org_id, int days)
{
	char every[256], n[12], now[32];
	size_t at = 0;
	every[at++] = '[';
	for (int r = 0; r < ROLE_COUNT; r++)
		at += (size_t)snprintf(every + at, sizeof every - at, "%s\"%s\"", r ? "," : "", role_name((role)r));
	snprintf(every + at, sizeof every - at, "]");
	snprintf(n, sizeof n, "%d", days);
	clock_now_iso(now);
	const char *v[] = {org_id, every, now, n};
	return db_run(d,
		      "INSERT INTO org_settings (org_id, totp_required_roles, updated_at, strategy_discussion_days) "
		      "VALUES ($1, $2, $3, CAST($4 AS INTEGER)) ON CONFLICT (org_id) DO UPDATE SET "
		      "strategy_discussion_days = CAST($4 AS INTEGER), updated_at = $3",
		      4, v);
}
