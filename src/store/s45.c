#include "store/s45.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/secure.h"

int store_link_subject(db *d, arena *a, const char *case_id, const char *link_id,
		       char person_id[SECURE_ID_LEN], const char **role, int *victim_anywhere)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT cp.person_id, cp.role, (EXISTS (SELECT 1 FROM case_people v WHERE "
			    "v.person_id = cp.person_id AND v.role = 'potential_victim') OR EXISTS (SELECT 1 "
			    "FROM indicators i JOIN case_people w ON w.id = i.case_person_id WHERE "
			    "w.person_id = cp.person_id)) FROM case_people cp WHERE cp.id = $1 AND "
			    "cp.case_id = $2",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, link_id)) == DB_OK && (rc = db_bind_text(s, 2, case_id)) == DB_OK &&
	    (rc = db_step(s)) == DB_ROW) {
		db_col_copy(s, 0, person_id, SECURE_ID_LEN);
		*role = db_col_dup(s, 1, a);
		const char *v = db_col_text(s, 2);
		*victim_anywhere = v && (v[0] == '1' || v[0] == 't');
	}
	db_finalize(s);
	return rc;
}

int store_s45_create(db *d, s45_rec *r)
{
	secure_id(r->id);
	if (!r->assessed_at[0]) /* demo data may date its assessments */
		clock_now_iso(r->assessed_at);
	char age[16];
	snprintf(age, sizeof age, "%d", r->age_at_offence);
	const char *p[] = {r->id,	   r->case_id,	      r->link_id,  r->offence,
			   r->offence_date, r->schedule4_code, r->age_at_offence >= 0 ? age : NULL,
			   r->child ? "1" : "0", r->answers,   r->outcome,  r->reasons,
			   r->assessed_by, r->assessed_at};
	return db_run(d,
		      "INSERT INTO s45_assessments (id, case_id, case_person_id, offence, offence_date, "
		      "schedule4_code, age_at_offence, child, answers, outcome, reasons, assessed_by, "
		      "assessed_at) VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS INTEGER), CAST($8 AS "
		      "INTEGER), $9, $10, $11, $12, $13)",
		      13, p);
}

#define S45_COLS                                                                                 \
	"s.id, s.case_id, s.case_person_id, s.offence, s.offence_date, s.schedule4_code, "         \
	"s.age_at_offence, s.child, s.answers, s.outcome, s.reasons, s.assessed_by, a.display_name, " \
	"s.assessed_at, s.approved_by, b.display_name, s.approved_at FROM s45_assessments s JOIN "  \
	"users a ON a.id = s.assessed_by LEFT JOIN users b ON b.id = s.approved_by "

static int s45_read(arena *a, db_stmt *s, void *rec)
{
	s45_rec *r = rec;
	db_col_copy(s, 0, r->id, sizeof r->id);
	db_col_copy(s, 1, r->case_id, sizeof r->case_id);
	db_col_copy(s, 2, r->link_id, sizeof r->link_id);
	r->offence = db_col_dup(s, 3, a);
	r->offence_date = db_col_dup(s, 4, a);
	r->schedule4_code = db_col_dup(s, 5, a);
	r->age_at_offence = db_col_is_null(s, 6) ? -1 : (int)db_col_int(s, 6);
	r->child = (int)db_col_int(s, 7);
	r->answers = db_col_dup(s, 8, a);
	r->outcome = db_col_dup(s, 9, a);
	r->reasons = db_col_dup(s, 10, a);
	db_col_copy(s, 11, r->assessed_by, sizeof r->assessed_by);
	r->assessed_by_name = db_col_dup(s, 12, a);
	db_col_copy(s, 13, r->assessed_at, sizeof r->assessed_at);
	r->approved_by = db_col_dup(s, 14, a);
	r->approved_by_name = db_col_dup(s, 15, a);
	r->approved_at = db_col_dup(s, 16, a);
	return DB_OK;
}

int store_s45_get(db *d, arena *a, const char *case_id, const char *id, s45_rec *r)
{
	const char *p[] = {id, case_id};
	return db_get(d, a, "SELECT " S45_COLS "WHERE s.id = $1 AND s.case_id = $2", 2, p, s45_read, r);
}

int store_s45_approve(db *d, const char *id, const char *user_id, char at[32])
{
	clock_now_iso(at);
	const char *p[] = {user_id, at, id};
	return db_change(d,
			 "UPDATE s45_assessments SET approved_by = $1, approved_at = $2 WHERE id = $3 "
			 "AND approved_by IS NULL RETURNING id",
			 3, p);
}

typedef struct s45_rows {
	arena *a;
	int (*fn)(const s45_rec *r, void *arg);
	void *arg;
} s45_rows;

static int s45_row(db_stmt *s, void *arg)
{
	s45_rows *r = arg;
	s45_rec x;
	s45_read(r->a, s, &x);
	return r->fn(&x, r->arg);
}

int store_s45_by_case(db *d, arena *a, const char *case_id, int (*fn)(const s45_rec *r, void *arg),
		      void *arg)
{
	s45_rows r = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d, "SELECT " S45_COLS "WHERE s.case_id = $1 ORDER BY s.assessed_at, s.id", 1, p,
		       s45_row, &r);
}

int store_s45_latest(db *d, const char *link_id, int *has_any, char approved_id[SECURE_ID_LEN])
{
	db_stmt *s;
	*has_any = 0;
	approved_id[0] = '\0';
	int rc = db_prepare(d,
			    "SELECT id, approved_by IS NOT NULL FROM s45_assessments WHERE case_person_id = "
			    "$1 ORDER BY approved_by IS NOT NULL, assessed_at",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, link_id)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW) {
			*has_any = 1;
			const char *yes = db_col_text(s, 1);
			if (yes && (yes[0] == '1' || yes[0] == 't'))
				snprintf(approved_id, SECURE_ID_LEN, "%s", db_col_text(s, 0));
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_charging_create(db *d, charging_rec *r)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	const char *p[] = {r->id,	    r->case_id,	      r->link_id, r->decision,
			   r->decided_on, r->assessment_id, r->decided_by, r->created_at};
	return db_run(d,
		      "INSERT INTO charging_decisions (id, case_id, case_person_id, decision, decided_on, "
		      "assessment_id, decided_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      8, p);
}

typedef struct charging_rows {
	arena *a;
	int (*fn)(const charging_rec *r, void *arg);
	void *arg;
} charging_rows;

static int charging_row(db_stmt *s, void *arg)
{
	charging_rows *c = arg;
	charging_rec r;
	db_col_copy(s, 0, r.id, sizeof r.id);
	db_col_copy(s, 1, r.case_id, sizeof r.case_id);
	db_col_copy(s, 2, r.link_id, sizeof r.link_id);
	r.decision = db_col_dup(s, 3, c->a);
	r.decided_on = db_col_dup(s, 4, c->a);
	r.assessment_id = db_col_dup(s, 5, c->a);
	db_col_copy(s, 6, r.decided_by, sizeof r.decided_by);
	db_col_copy(s, 7, r.created_at, sizeof r.created_at);
	return c->fn(&r, c->arg);
}

int store_charging_by_case(db *d, arena *a, const char *case_id,
			   int (*fn)(const charging_rec *r, void *arg), void *arg)
{
	charging_rows r = {a, fn, arg};
	const char *p[] = {case_id};
	return db_each(d,
		       "SELECT id, case_id, case_person_id, decision, decided_on, assessment_id, "
		       "decided_by, created_at FROM charging_decisions WHERE case_id = $1 ORDER BY "
		       "created_at, id",
		       1, p, charging_row, &r);
}
