#include "store/staff.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/secure.h"

/* Accounts that may lead a case. */
#define LEADER_ROLES "u.role IN ('investigator', 'supervisor') AND u.disabled = 0"

#define STAFF_SELECT                                                                              \
	"SELECT u.id, u.username, u.display_name, u.role, u.org_id, u.team_id, t.name, sp.rank, "     \
	"COALESCE(sp.pip_level, 0), sp.pip_accredited_on, COALESCE(sp.capacity, 0), "                 \
	"COALESCE(sp.languages, '[]'), (SELECT COUNT(*) FROM case_leads l JOIN cases c ON c.id = "    \
	"l.case_id WHERE l.user_id = u.id AND l.ended_at IS NULL AND c.status <> 'closed'), "        \
	"COALESCE(sp.version, 0) FROM users u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN "       \
	"staff_profiles sp ON sp.user_id = u.id "

typedef struct staff_rows {
	arena *a;
	int (*fn)(const staff_rec *s, void *arg);
	void *arg;
} staff_rows;

static int staff_row(db_stmt *st, void *arg)
{
	staff_rows *r = arg;
	staff_rec s;
	db_col_copy(st, 0, s.user_id, sizeof s.user_id);
	s.username = db_col_dup(st, 1, r->a);
	s.display_name = db_col_dup(st, 2, r->a);
	s.role = db_col_dup(st, 3, r->a);
	s.org_id = db_col_dup(st, 4, r->a);
	s.team_id = db_col_dup(st, 5, r->a);
	s.team_name = db_col_dup(st, 6, r->a);
	s.rank = db_col_dup(st, 7, r->a);
	s.pip_level = (int)db_col_int(st, 8);
	s.pip_accredited_on = db_col_dup(st, 9, r->a);
	s.capacity = (int)db_col_int(st, 10);
	s.languages = db_col_dup(st, 11, r->a);
	s.active_cases = (int)db_col_int(st, 12);
	s.version = db_col_int(st, 13);
	if (!s.username || !s.display_name || !s.role || !s.org_id || !s.languages)
		return DB_NOMEM;
	return r->fn(&s, r->arg);
}

static int copy_staff(const staff_rec *s, void *arg)
{
	*(staff_rec *)arg = *s;
	return DB_ROW;
}

int store_staff_get(db *d, arena *a, const char *user_id, staff_rec *s)
{
	staff_rows r = {a, copy_staff, s};
	const char *p[] = {user_id};
	int rc = db_each(d, STAFF_SELECT "WHERE u.id = $1", 1, p, staff_row, &r);
	return rc == DB_OK ? DB_DONE : rc;
}

int store_staff_put(db *d, staff_rec *s, const char *actor_id)
{
	char now[CLOCK_ISO_LEN], pip[8], cap[16], version[24];
	clock_now_iso(now);
	snprintf(pip, sizeof pip, "%d", s->pip_level);
	snprintf(cap, sizeof cap, "%d", s->capacity);
	snprintf(version, sizeof version, "%lld", (long long)s->version);
	const char *p[] = {s->user_id, s->rank, pip, s->pip_accredited_on, cap, s->languages, actor_id, now, version};
	int n = 0;
	int rc;
	if (s->version == 0)
		rc = db_count(d,
			      "INSERT INTO staff_profiles (user_id, rank, pip_level, pip_accredited_on, capacity, "
			      "languages, updated_by, updated_at, version) VALUES ($1, $2, CAST($3 AS INTEGER), $4, "
			      "CAST($5 AS INTEGER), $6, $7, $8, 1) ON CONFLICT (user_id) DO NOTHING RETURNING version",
			      8, p, &n);
	else
		rc = db_count(d,
			      "UPDATE staff_profiles SET rank = $2, pip_level = CAST($3 AS INTEGER), "
			      "pip_accredited_on = $4, capacity = CAST($5 AS INTEGER), languages = $6, updated_by = "
			      "$7, updated_at = $8, version = version + 1 WHERE user_id = $1 AND version = CAST($9 AS "
			      "INTEGER) RETURNING version",
			      9, p, &n);
	if (rc != DB_OK)
		return rc;
	if (n == 0)
		return DB_DONE;
	s->version++;
	return DB_OK;
}

int store_staff_list(db *d, arena *a, const store_reach *reach, const char *team_id,
		     int (*fn)(const staff_rec *s, void *arg), void *arg)
{
	staff_rows r = {a, fn, arg};
	const char *p[] = {reach->own_id, reach->team_id && reach->team_id[0] ? reach->team_id : NULL, reach->org_id,
			   team_id};
	return db_each(d,
		       STAFF_SELECT "WHERE (u.id = $1 OR u.team_id = $2 OR u.org_id = $3) AND (CAST($4 AS TEXT) IS NULL "
				    "OR u.team_id = $4) AND " LEADER_ROLES " ORDER BY u.display_name, u.id",
		       4, p, staff_row, &r);
}

int store_absence_add(db *d, absence_rec *r)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	const char *p[] = {r->id, r->user_id, r->kind, r->starts_on, r->ends_on, r->note, r->created_by, r->created_at};
	return db_run(d,
		      "INSERT INTO staff_absences (id, user_id, kind, starts_on, ends_on, note, created_by, "
		      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      8, p);
}

typedef struct absence_rows {
	arena *a;
	int (*fn)(const absence_rec *r, void *arg);
	void *arg;
} absence_rows;

static int absence_row(db_stmt *s, void *arg)
{
	absence_rows *x = arg;
	absence_rec r;
	db_col_copy(s, 0, r.id, sizeof r.id);
	db_col_copy(s, 1, r.user_id, sizeof r.user_id);
	r.kind = db_col_dup(s, 2, x->a);
	r.starts_on = db_col_dup(s, 3, x->a);
	r.ends_on = db_col_dup(s, 4, x->a);
	r.note = db_col_dup(s, 5, x->a);
	db_col_copy(s, 6, r.created_by, sizeof r.created_by);
	db_col_copy(s, 7, r.created_at, sizeof r.created_at);
	if (!r.kind || !r.starts_on || !r.ends_on)
		return DB_NOMEM;
	return x->fn(&r, x->arg);
}

int store_absences_of(db *d, arena *a, const char *user_id, const char *from,
		      int (*fn)(const absence_rec *r, void *arg), void *arg)
{
	absence_rows x = {a, fn, arg};
	const char *p[] = {user_id, from};
	return db_each(d,
		       "SELECT id, user_id, kind, starts_on, ends_on, note, created_by, created_at FROM "
		       "staff_absences WHERE user_id = $1 AND ends_on >= $2 ORDER BY starts_on, id",
		       2, p, absence_row, &x);
}

int store_training_add(db *d, training_rec *r)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	const char *p[] = {r->id,	     r->user_id,    r->course,	   r->provider,
			   r->completed_on, r->expires_on, r->created_by, r->created_at};
	return db_run(d,
		      "INSERT INTO training_records (id, user_id, course, provider, completed_on, expires_on, "
		      "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      8, p);
}

#define TRAINING_SELECT                                                                     \
	"SELECT r.id, r.user_id, u.username, u.display_name, t.name, r.course, r.provider, "    \
	"r.completed_on, r.expires_on, r.created_by, r.created_at FROM training_records r JOIN " \
	"users u ON u.id = r.user_id LEFT JOIN teams t ON t.id = u.team_id "

typedef struct training_rows {
	arena *a;
	int (*fn)(const training_rec *r, void *arg);
	void *arg;
} training_rows;

static int training_row(db_stmt *s, void *arg)
{
	training_rows *x = arg;
	training_rec r;
	db_col_copy(s, 0, r.id, sizeof r.id);
	db_col_copy(s, 1, r.user_id, sizeof r.user_id);
	r.username = db_col_dup(s, 2, x->a);
	r.display_name = db_col_dup(s, 3, x->a);
	r.team_name = db_col_dup(s, 4, x->a);
	r.course = db_col_dup(s, 5, x->a);
	r.provider = db_col_dup(s, 6, x->a);
	r.completed_on = db_col_dup(s, 7, x->a);
	r.expires_on = db_col_dup(s, 8, x->a);
	db_col_copy(s, 9, r.created_by, sizeof r.created_by);
	db_col_copy(s, 10, r.created_at, sizeof r.created_at);
	if (!r.username || !r.display_name || !r.course || !r.provider || !r.completed_on || !r.expires_on)
		return DB_NOMEM;
	return x->fn(&r, x->arg);
}

int store_training_of(db *d, arena *a, const char *user_id, int (*fn)(const training_rec *r, void *arg),
		      void *arg)
{
	training_rows x = {a, fn, arg};
	const char *p[] = {user_id};
	return db_each(d, TRAINING_SELECT "WHERE r.user_id = $1 ORDER BY r.course, r.expires_on DESC, r.id", 1, p,
		       training_row, &x);
}

int store_training_all(db *d, arena *a, const store_orgs *orgs, const char *team_id,
		       int (*fn)(const training_rec *r, void *arg), void *arg)
{
	training_rows x = {a, fn, arg};
	const char *p[3] = {NULL, NULL, team_id};
	store_orgs_params(orgs, p);
	return db_each(d,
		       TRAINING_SELECT "WHERE " REACH_ORGS("u.org_id", "$1", "$2") " AND (CAST($3 AS TEXT) IS "
				       "NULL OR u.team_id = $3) "
				       "ORDER BY t.name IS NULL, t.name, u.display_name, u.id, r.course, "
				       "r.expires_on DESC, r.id",
		       3, p, training_row, &x);
}

int store_staff_by_username(db *d, const char *org_id, const char *username, char id[SECURE_ID_LEN])
{
	const char *p[] = {org_id, username};
	return db_get_text(d, "SELECT id FROM users WHERE org_id = $1 AND username = $2", 2, p, id,
			   SECURE_ID_LEN);
}

typedef struct candidate_rows {
	int (*fn)(const candidate_row *r, void *arg);
	void *arg;
} candidate_rows;

static int candidate_one(db_stmt *s, void *arg)
{
	candidate_rows *x = arg;
	candidate_row r = {
		db_col_text(s, 0),	       db_col_text(s, 1),	      db_col_text(s, 2),
		db_col_text(s, 3),	       (int)db_col_int(s, 4),	      (int)db_col_int(s, 5),
		(int)db_col_int(s, 6),	       (int)db_col_int(s, 7),	      (int)db_col_int(s, 8),
		(int)db_col_int(s, 9),	       db_col_text(s, 10),	      db_col_text(s, 11),
		db_col_text(s, 12),
	};
	return x->fn(&r, x->arg);
}

int store_alloc_candidates(db *d, const char *org_id, const char *only_user, const char *today, const char *until,
			   int (*fn)(const candidate_row *r, void *arg), void *arg)
{
	candidate_rows x = {fn, arg};
	const char *p[] = {org_id, today, until, only_user};
	return db_each(
		d,
		"SELECT u.id, u.display_name, t.name, COALESCE(sp.languages, '[]'), COALESCE(sp.pip_level, 0), "
		"COALESCE(sp.capacity, 0), CASE WHEN EXISTS (SELECT 1 FROM training_records r WHERE r.user_id = "
		"u.id AND r.course = 'specialist_msht_investigation' AND r.completed_on <= $2 AND r.expires_on >= "
		"$2) THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM training_records r WHERE r.user_id = u.id "
		"AND r.course = 'child_criminal_exploitation' AND r.completed_on <= $2 AND r.expires_on >= $2) "
		"THEN 1 ELSE 0 END, (SELECT COUNT(*) FROM case_leads l JOIN cases c ON c.id = l.case_id WHERE "
		"l.user_id = u.id AND l.ended_at IS NULL AND c.status <> 'closed'), (SELECT COUNT(DISTINCT "
		"l.case_id) FROM case_leads l WHERE l.user_id = u.id), (SELECT MIN(CASE WHEN a.starts_on > $2 "
		"THEN a.starts_on ELSE $2 END) FROM staff_absences a WHERE a.user_id = u.id AND a.ends_on >= $2 "
		"AND a.starts_on <= $3), (SELECT a.kind FROM staff_absences a WHERE a.user_id = u.id AND "
		"a.ends_on >= $2 AND a.starts_on <= $3 ORDER BY a.starts_on, a.ends_on DESC LIMIT 1), (SELECT "
		"a.ends_on FROM staff_absences a WHERE a.user_id = u.id AND a.ends_on >= $2 AND a.starts_on <= $3 "
		"ORDER BY a.starts_on, a.ends_on DESC LIMIT 1) FROM users u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN "
		"staff_profiles sp ON sp.user_id = u.id WHERE u.org_id = $1 AND (CAST($4 AS TEXT) IS NULL OR "
		"u.id = $4) AND " LEADER_ROLES,
		4, p, candidate_one, &x);
}

typedef struct linked_rows {
	int (*fn)(const char *user_id, int n, void *arg);
	void *arg;
} linked_rows;

static int linked_one(db_stmt *s, void *arg)
{
	linked_rows *x = arg;
	return x->fn(db_col_text(s, 0), (int)db_col_int(s, 1), x->arg);
}

int store_alloc_linked(db *d, const char *case_id, int (*fn)(const char *user_id, int n, void *arg), void *arg)
{
	linked_rows x = {fn, arg};
	const char *p[] = {case_id};
	return db_each(d,
		       "SELECT l.user_id, COUNT(DISTINCT l.case_id) FROM case_leads l WHERE l.case_id <> $1 AND "
		       "l.case_id IN (SELECT b.case_id FROM case_people a JOIN case_people b ON b.person_id = "
		       "a.person_id WHERE a.case_id = $1 UNION SELECT b.case_id FROM places a JOIN places b ON "
		       "b.postcode = a.postcode WHERE a.case_id = $1 AND a.postcode IS NOT NULL) GROUP BY l.user_id",
		       1, p, linked_one, &x);
}

typedef struct victim_rows {
	int (*fn)(const victim_facts *v, void *arg);
	void *arg;
} victim_rows;

static int victim_one(db_stmt *s, void *arg)
{
	victim_rows *x = arg;
	victim_facts v = {db_col_text(s, 0),	    db_col_is_null(s, 1) ? -1 : (int)db_col_int(s, 1),
			  (int)db_col_int(s, 2),    (int)db_col_int(s, 3),
			  db_col_text(s, 4),	    db_col_text(s, 5)};
	return x->fn(&v, x->arg);
}

int store_case_victim_facts(db *d, const char *case_id, int (*fn)(const victim_facts *v, void *arg), void *arg)
{
	victim_rows x = {fn, arg};
	const char *p[] = {case_id};
	return db_each(d,
		       "SELECT p.date_of_birth, p.estimated_age, p.age_disputed, p.interpreter_needed, "
		       "p.interpreter_language, p.languages FROM case_people cp JOIN people p ON p.id = "
		       "cp.person_id WHERE cp.case_id = $1 AND cp.role = 'potential_victim'",
		       1, p, victim_one, &x);
}

#define LEAD_SELECT                                                                            \
	"SELECT l.id, l.case_id, l.user_id, u.display_name, l.allocated_by, b.display_name, "      \
	"l.allocated_at, l.failed_requirements, l.override_reason, l.ended_at FROM case_leads l " \
	"JOIN users u ON u.id = l.user_id JOIN users b ON b.id = l.allocated_by "

typedef struct lead_rows {
	arena *a;
	int (*fn)(const lead_rec *l, void *arg);
	void *arg;
} lead_rows;

static int lead_row(db_stmt *s, void *arg)
{
	lead_rows *x = arg;
	lead_rec l;
	db_col_copy(s, 0, l.id, sizeof l.id);
	db_col_copy(s, 1, l.case_id, sizeof l.case_id);
	db_col_copy(s, 2, l.user_id, sizeof l.user_id);
	l.user_name = db_col_dup(s, 3, x->a);
	db_col_copy(s, 4, l.allocated_by, sizeof l.allocated_by);
	l.allocated_by_name = db_col_dup(s, 5, x->a);
	db_col_copy(s, 6, l.allocated_at, sizeof l.allocated_at);
	l.failed_requirements = db_col_dup(s, 7, x->a);
	l.override_reason = db_col_dup(s, 8, x->a);
	l.ended_at = db_col_dup(s, 9, x->a);
	if (!l.user_name || !l.allocated_by_name || !l.failed_requirements)
		return DB_NOMEM;
	return x->fn(&l, x->arg);
}

static int copy_lead(const lead_rec *l, void *arg)
{
	*(lead_rec *)arg = *l;
	return DB_ROW;
}

int store_lead_current(db *d, arena *a, const char *case_id, lead_rec *l)
{
	lead_rows x = {a, copy_lead, l};
	const char *p[] = {case_id};
	int rc = db_each(d, LEAD_SELECT "WHERE l.case_id = $1 AND l.ended_at IS NULL", 1, p, lead_row, &x);
	return rc == DB_OK ? DB_DONE : rc;
}

int store_lead_set(db *d, lead_rec *l, const char *previous_user_id)
{
	secure_id(l->id);
	if (!l->allocated_at[0])
		clock_now_iso(l->allocated_at);
	int rc = DB_OK;
	if (previous_user_id) {
		const char *p[] = {l->case_id, l->allocated_at};
		rc = db_run(d, "UPDATE case_leads SET ended_at = $2 WHERE case_id = $1 AND ended_at IS NULL", 2, p);
		const char *gone[] = {l->case_id, previous_user_id};
		if (rc == DB_OK)
			rc = db_run(d, "DELETE FROM case_allocations WHERE case_id = $1 AND user_id = $2", 2, gone);
	}
	const char *q[] = {l->id,	  l->case_id,	       l->user_id,
			   l->allocated_by, l->allocated_at, l->failed_requirements, l->override_reason};
	if (rc == DB_OK)
		rc = db_run(d,
			    "INSERT INTO case_leads (id, case_id, user_id, allocated_by, allocated_at, "
			    "failed_requirements, override_reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			    7, q);
	const char *access[] = {l->case_id, l->user_id, l->allocated_at};
	if (rc == DB_OK)
		rc = db_run(d,
			    "INSERT INTO case_allocations (case_id, user_id, allocated_at) VALUES ($1, $2, $3) ON "
			    "CONFLICT (case_id, user_id) DO NOTHING",
			    3, access);
	return rc;
}

int store_leads_of_case(db *d, arena *a, const char *case_id, int (*fn)(const lead_rec *l, void *arg),
			void *arg)
{
	lead_rows x = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d, LEAD_SELECT "WHERE l.case_id = $1 ORDER BY l.allocated_at, l.id", 1, p, lead_row, &x);
}

typedef struct held_rows {
	int (*fn)(const char *case_id, const char *reference, const char *title, void *arg);
	void *arg;
} held_rows;

static int held_one(db_stmt *s, void *arg)
{
	held_rows *x = arg;
	return x->fn(db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), x->arg);
}

int store_leads_of_user(db *d, const char *user_id,
			int (*fn)(const char *case_id, const char *reference, const char *title, void *arg),
			void *arg)
{
	held_rows x = {fn, arg};
	const char *p[] = {user_id};
	return db_each(d,
		       "SELECT c.id, c.reference, c.title FROM case_leads l JOIN cases c ON c.id = l.case_id "
		       "WHERE l.user_id = $1 AND l.ended_at IS NULL AND c.status <> 'closed' ORDER BY "
		       "l.allocated_at, c.id",
		       1, p, held_one, &x);
}

typedef struct pair_rows {
	int (*fn)(const char *a, const char *b, void *arg);
	void *arg;
} pair_rows;

static int pair_one(db_stmt *s, void *arg)
{
	pair_rows *x = arg;
	return x->fn(db_col_text(s, 0), db_col_text(s, 1), x->arg);
}

int store_report_allocations(db *d, const store_orgs *orgs,
			     int (*fn)(const char *allocated_at, const char *failed, void *arg), void *arg)
{
	pair_rows x = {fn, arg};
	const char *p[2];
	store_orgs_params(orgs, p);
	return db_each(d,
		       "SELECT l.allocated_at, l.failed_requirements FROM case_leads l JOIN cases c ON c.id = l.case_id "
		       "JOIN teams t ON t.id = c.team_id WHERE " REACH_ORGS("t.org_id", "$1", "$2")
		       " ORDER BY l.allocated_at",
		       2, p, pair_one, &x);
}

int store_report_first_allocations(db *d, const store_orgs *orgs,
				   int (*fn)(const char *created_at, const char *first_allocated_at, void *arg),
				   void *arg)
{
	pair_rows x = {fn, arg};
	const char *p[2];
	store_orgs_params(orgs, p);
	return db_each(d,
		       "SELECT c.created_at, MIN(l.allocated_at) FROM cases c JOIN case_leads l ON l.case_id = c.id "
		       "JOIN teams t ON t.id = c.team_id WHERE " REACH_ORGS("t.org_id", "$1", "$2")
		       " GROUP BY c.id, c.created_at ORDER BY c.created_at",
		       2, p, pair_one, &x);
}

typedef struct unled_rows {
	int (*fn)(const char *id, const char *created_at, const char *team_id, const char *status, void *arg);
	void *arg;
} unled_rows;

static int unled_one(db_stmt *s, void *arg)
{
	unled_rows *x = arg;
	return x->fn(db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3), x->arg);
}

int store_cases_unled(db *d,
		      int (*fn)(const char *id, const char *created_at, const char *team_id, const char *status, void *arg),
		      void *arg)
{
	unled_rows x = {fn, arg};
	return db_each(d,
		       "SELECT c.id, c.created_at, c.team_id, c.status FROM cases c WHERE NOT EXISTS (SELECT 1 FROM "
		       "case_leads l WHERE l.case_id = c.id AND l.ended_at IS NULL) ORDER BY c.created_at, c.id",
		       0, NULL, unled_one, &x);
}
