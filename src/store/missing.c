#include "store/missing.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"

/* ---- episodes ---- */

/* SQL: the person bound at p and every record merged into them, however
 * deep, so that a merge shows one person's whole history and a separation
 * splits it again. */
#define FAMILY(p)                                                                                        \
	"(WITH RECURSIVE fam(id) AS (SELECT CAST(" p " AS TEXT) UNION SELECT fp.id FROM people fp JOIN fam ON " \
	"fp.merged_into = fam.id) SELECT id FROM fam)"

#define EPISODE_COLUMNS                                                                                     \
	"e.id, e.person_id, e.org_id, COALESCE(e.team_id, ''), e.reported_by, e.reported_at, e.last_seen_at, "  \
	"e.last_seen_place, e.risk, e.circumstances, e.review_due, e.returned_at, e.found_by, e.where_found, "  \
	"COALESCE(e.child_on_return, -1), e.interview_due, e.safe_well_due, e.created_at, e.updated_at, "       \
	"e.version, t.name, u.display_name, p.given_names, p.family_name, p.date_of_birth, "                   \
	"COALESCE(p.estimated_age, -1), p.age_disputed, COALESCE(e.returned_by, ''), (SELECT rb.display_name "  \
	"FROM users rb WHERE rb.id = e.returned_by), COALESCE((SELECT r0.previous_risk FROM missing_reviews r0 " \
	"WHERE r0.episode_id = e.id ORDER BY r0.reviewed_at, r0.id LIMIT 1), e.risk), CASE WHEN EXISTS (SELECT " \
	"1 FROM safe_well_checks c0 WHERE c0.episode_id = e.id) THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 " \
	"FROM return_interviews i0 WHERE i0.episode_id = e.id) THEN 1 ELSE 0 END FROM missing_episodes e LEFT JOIN " \
	"teams t ON t.id = e.team_id JOIN users u ON u.id = e.reported_by JOIN people p ON p.id = e.person_id "

static int read_episode(arena *a, db_stmt *s, void *rec)
{
	episode_rec *e = rec;
	char *const ids[] = {e->id, e->person_id, e->org_id, e->team_id, e->reported_by};
	for (int i = 0; i < 5; i++)
		db_col_copy(s, i, ids[i], SECURE_ID_LEN);
	const char **text[] = {&e->reported_at, &e->last_seen_at, &e->last_seen_place, &e->risk,
			       &e->circumstances, &e->review_due,   &e->returned_at,     &e->found_by,
			       &e->where_found};
	for (int i = 0; i < 9; i++)
		*text[i] = db_col_dup(s, 5 + i, a);
	e->child_on_return = (int)db_col_int(s, 14);
	e->interview_due = db_col_dup(s, 15, a);
	e->safe_well_due = db_col_dup(s, 16, a);
	db_col_copy(s, 17, e->created_at, sizeof e->created_at);
	db_col_copy(s, 18, e->updated_at, sizeof e->updated_at);
	e->version = db_col_int(s, 19);
	e->team_name = db_col_dup(s, 20, a);
	e->reported_by_name = db_col_dup(s, 21, a);
	e->given_names = db_col_dup(s, 22, a);
	e->family_name = db_col_dup(s, 23, a);
	e->date_of_birth = db_col_dup(s, 24, a);
	e->estimated_age = (int)db_col_int(s, 25);
	e->age_disputed = (int)db_col_int(s, 26);
	db_col_copy(s, 27, e->returned_by, sizeof e->returned_by);
	e->returned_by_name = db_col_dup(s, 28, a);
	e->initial_risk = db_col_dup(s, 29, a);
	e->has_check = (int)db_col_int(s, 30);
	e->has_interview = (int)db_col_int(s, 31);
	return DB_OK;
}

int store_episode_add(db *d, episode_rec *e)
{
	secure_id(e->id);
	clock_now_iso(e->created_at);
	memcpy(e->updated_at, e->created_at, sizeof e->updated_at);
	e->version = 1;
	const char *v[] = {e->id,	       e->person_id, e->org_id,		  e->team_id[0] ? e->team_id : NULL,
			   e->reported_by,     e->reported_at, e->last_seen_at,	  e->last_seen_place,
			   e->risk,	       e->circumstances, e->review_due,	  e->created_at};
	return db_run(d,
		      "INSERT INTO missing_episodes (id, person_id, org_id, team_id, reported_by, reported_at, "
		      "last_seen_at, last_seen_place, risk, circumstances, review_due, created_at, updated_at) VALUES "
		      "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
		      12, v);
}

int store_episode_get(db *d, arena *a, const char *id, episode_rec *e)
{
	const char *v[] = {id};
	return db_get(d, a, "SELECT " EPISODE_COLUMNS "WHERE e.id = $1", 1, v, read_episode, e);
}

/* Runs an update of an open episode at e->version that returns the new
 * version: DB_OK with it, or DB_DONE. */
static int update_open(db *d, episode_rec *e, const char *sql, int n, const char *const *v)
{
	db_stmt *s;
	int rc = db_one(d, sql, n, v, &s);
	if (rc != DB_ROW)
		return rc;
	e->version = db_col_int(s, 0);
	db_finalize(s);
	return DB_OK;
}

int store_episode_return(db *d, episode_rec *e)
{
	char version[24], child[4];
	snprintf(version, sizeof version, "%lld", (long long)e->version);
	snprintf(child, sizeof child, "%d", e->child_on_return ? 1 : 0);
	clock_now_iso(e->updated_at);
	e->review_due = NULL;
	const char *v[] = {e->returned_at,   e->found_by,   e->where_found, child, e->interview_due,
			   e->safe_well_due, e->updated_at, e->id,	    version,
			   e->returned_by[0] ? e->returned_by : NULL};
	return update_open(d, e,
			   "UPDATE missing_episodes SET returned_at = $1, found_by = $2, where_found = $3, "
			   "child_on_return = CAST($4 AS INTEGER), interview_due = $5, safe_well_due = $6, "
			   "review_due = NULL, updated_at = $7, returned_by = $10, version = version + 1 WHERE id = $8 "
			   "AND version = CAST($9 AS INTEGER) AND returned_at IS NULL RETURNING version",
			   10, v);
}

int store_episode_regrade(db *d, episode_rec *e)
{
	char version[24];
	snprintf(version, sizeof version, "%lld", (long long)e->version);
	clock_now_iso(e->updated_at);
	const char *v[] = {e->risk, e->review_due, e->updated_at, e->id, version};
	return update_open(d, e,
			   "UPDATE missing_episodes SET risk = $1, review_due = $2, updated_at = $3, version = version "
			   "+ 1 WHERE id = $4 AND version = CAST($5 AS INTEGER) AND returned_at IS NULL RETURNING "
			   "version",
			   5, v);
}

typedef struct each_episode {
	arena *a;
	int (*fn)(const episode_rec *e, void *arg);
	void *arg;
} each_episode;

static int one_episode(db_stmt *s, void *arg)
{
	each_episode *x = arg;
	episode_rec e = {0};
	int rc = read_episode(x->a, s, &e);
	return rc == DB_OK ? x->fn(&e, x->arg) : rc;
}

int store_episodes_of_person(db *d, arena *a, const char *person_id, int (*fn)(const episode_rec *e, void *arg),
			     void *arg)
{
	const char *v[] = {person_id};
	each_episode x = {a, fn, arg};
	return db_each(d, "SELECT " EPISODE_COLUMNS "WHERE e.person_id IN " FAMILY("$1") " ORDER BY e.last_seen_at DESC, e.id",
		       1, v, one_episode, &x);
}

int store_episodes_of_case(db *d, arena *a, const char *case_id, int (*fn)(const episode_rec *e, void *arg),
			   void *arg)
{
	const char *v[] = {case_id};
	each_episode x = {a, fn, arg};
	return db_each(d,
		       "SELECT " EPISODE_COLUMNS "WHERE e.person_id IN (SELECT cp.person_id FROM case_people cp WHERE "
		       "cp.case_id = $1 AND cp.role <> 'suspect') ORDER BY e.last_seen_at DESC, e.id",
		       1, v, one_episode, &x);
}

/* SQL: whether the episode aliased e is owned within the reach bound at
 * the three parameters (the reporter, their team, their force). */
/* SQL: whether the person pid (recorded by the team pteam) is seen by the
 * user whose reaches are bound at u, t, o (people) and su, st, so
 * (suspects), as missing_seen says. */
#define PERSON_SEEN(pid, pteam, u, t, o, su, st, so)                                                    \
	"(EXISTS (SELECT 1 FROM case_people sp JOIN cases sc ON sc.id = sp.case_id WHERE sp.person_id = " pid \
	" AND sp.role <> 'suspect' AND " REACH_CASE("sc", u, t, o) ") OR EXISTS (SELECT 1 FROM case_people sp " \
	"JOIN cases sc ON sc.id = sp.case_id WHERE sp.person_id = " pid " AND sp.role = 'suspect' AND "        \
	REACH_CASE("sc", su, st, so) ") OR (NOT EXISTS (SELECT 1 FROM case_people sp WHERE sp.person_id = " pid \
	") AND (" pteam " = " t " OR " pteam " IN (SELECT st2.id FROM teams st2 WHERE st2.org_id = " o "))))"

/* Binds the people seen at first to first + 5. */
static void seen_params(const missing_seen *m, const char **v)
{
	const store_reach *r[] = {&m->person, &m->suspect};
	for (int i = 0; i < 2; i++) {
		v[3 * i] = r[i]->user_id;
		v[3 * i + 1] = r[i]->team_id && r[i]->team_id[0] ? r[i]->team_id : NULL;
		v[3 * i + 2] = r[i]->org_id;
	}
}

#define REACH_EPISODE(e, own, team, org) "(" e ".reported_by = " own " OR " e ".team_id = " team " OR " e ".org_id = " org ")"

#define LIST_SEEN " AND " PERSON_SEEN("e.person_id", "(SELECT pq.team_id FROM people pq WHERE pq.id = e.person_id)", \
					"$6", "$7", "$8", "$9", "$10", "$11")

int store_episodes_in_reach(db *d, arena *a, const store_reach *r, const missing_seen *seen, int returned,
			    size_t limit, size_t offset, size_t *total, int (*fn)(const episode_rec *e, void *arg),
			    void *arg)
{
	char lim[24], off[24];
	snprintf(lim, sizeof lim, "%zu", limit);
	snprintf(off, sizeof off, "%zu", offset);
	const char *v[11] = {r->own_id, r->team_id && r->team_id[0] ? r->team_id : NULL, r->org_id, lim, off};
	seen_params(seen, v + 5);
	int64_t n = 0;
	/* The count binds the same parameters; its page ones go unused, so
	 * they are named to keep PostgreSQL's numbering whole. */
	int rc = db_get_int(d,
			    returned ? "SELECT COUNT(*) FROM missing_episodes e WHERE e.returned_at IS NOT NULL AND "
				       REACH_EPISODE("e", "$1", "$2", "$3") LIST_SEEN
				       " AND CAST($4 AS INTEGER) > 0 AND CAST($5 AS INTEGER) >= 0"
				     : "SELECT COUNT(*) FROM missing_episodes e WHERE e.returned_at IS NULL AND "
				       REACH_EPISODE("e", "$1", "$2", "$3") LIST_SEEN
				       " AND CAST($4 AS INTEGER) > 0 AND CAST($5 AS INTEGER) >= 0",
			    11, v, &n);
	if (rc != DB_ROW)
		return rc == DB_DONE ? DB_ERR : rc;
	*total = (size_t)n;
	each_episode x = {a, fn, arg};
	return db_each(d,
		       returned ? "SELECT " EPISODE_COLUMNS "WHERE e.returned_at IS NOT NULL AND "
				  REACH_EPISODE("e", "$1", "$2", "$3") LIST_SEEN
				  " ORDER BY e.returned_at DESC, e.id LIMIT CAST($4 AS INTEGER) OFFSET CAST($5 AS "
				  "INTEGER)"
				: "SELECT " EPISODE_COLUMNS "WHERE e.returned_at IS NULL AND "
				  REACH_EPISODE("e", "$1", "$2", "$3") LIST_SEEN
				  " ORDER BY CASE e.risk WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 "
				  "ELSE 3 END, e.last_seen_at, e.id LIMIT CAST($4 AS INTEGER) OFFSET CAST($5 AS "
				  "INTEGER)",
		       11, v, one_episode, &x);
}

/* ---- reviews ---- */

int store_review_add(db *d, review_rec *r)
{
	secure_id(r->id);
	const char *v[] = {r->id, r->episode_id, r->reviewed_at, r->risk, r->previous_risk, r->reason, r->reviewed_by};
	return db_run(d,
		      "INSERT INTO missing_reviews (id, episode_id, reviewed_at, risk, previous_risk, reason, "
		      "reviewed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		      7, v);
}

typedef struct each_review {
	int (*fn)(const review_rec *r, void *arg);
	void *arg;
} each_review;

static int one_review(db_stmt *s, void *arg)
{
	each_review *x = arg;
	review_rec r = {0};
	db_col_copy(s, 0, r.id, sizeof r.id);
	db_col_copy(s, 1, r.episode_id, sizeof r.episode_id);
	r.reviewed_at = db_col_text(s, 2);
	r.risk = db_col_text(s, 3);
	r.previous_risk = db_col_text(s, 4);
	r.reason = db_col_text(s, 5);
	db_col_copy(s, 6, r.reviewed_by, sizeof r.reviewed_by);
	r.reviewed_by_name = db_col_text(s, 7);
	return x->fn(&r, x->arg);
}

int store_reviews(db *d, arena *a, const char *episode_id, int (*fn)(const review_rec *r, void *arg), void *arg)
{
	(void)a;
	const char *v[] = {episode_id};
	each_review x = {fn, arg};
	return db_each(d,
		       "SELECT r.id, r.episode_id, r.reviewed_at, r.risk, r.previous_risk, r.reason, r.reviewed_by, "
		       "u.display_name FROM missing_reviews r JOIN users u ON u.id = r.reviewed_by WHERE r.episode_id = "
		       "$1 ORDER BY r.reviewed_at DESC, r.id",
		       1, v, one_review, &x);
}

/* ---- the safe and well check, the return home interview ---- */

int store_safe_well_add(db *d, safe_well_rec *s)
{
	secure_id(s->id);
	clock_now_iso(s->recorded_at);
	const char *v[] = {s->id, s->episode_id, s->checked_at, s->officer, s->place, s->disclosures, s->recorded_by,
			   s->recorded_at};
	return db_run(d,
		      "INSERT INTO safe_well_checks (id, episode_id, checked_at, officer, place, disclosures, "
		      "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      8, v);
}

static int read_safe_well(arena *a, db_stmt *s, void *rec)
{
	safe_well_rec *c = rec;
	db_col_copy(s, 0, c->id, sizeof c->id);
	db_col_copy(s, 1, c->episode_id, sizeof c->episode_id);
	c->checked_at = db_col_dup(s, 2, a);
	c->officer = db_col_dup(s, 3, a);
	c->place = db_col_dup(s, 4, a);
	c->disclosures = db_col_dup(s, 5, a);
	db_col_copy(s, 6, c->recorded_by, sizeof c->recorded_by);
	db_col_copy(s, 7, c->recorded_at, sizeof c->recorded_at);
	c->recorded_by_name = db_col_dup(s, 8, a);
	return DB_OK;
}

int store_safe_well_of(db *d, arena *a, const char *episode_id, safe_well_rec *s)
{
	const char *v[] = {episode_id};
	return db_get(d, a,
		      "SELECT c.id, c.episode_id, c.checked_at, c.officer, c.place, c.disclosures, c.recorded_by, "
		      "c.recorded_at, u.display_name FROM safe_well_checks c JOIN users u ON u.id = c.recorded_by "
		      "WHERE c.episode_id = $1",
		      1, v, read_safe_well, s);
}

int store_interview_add(db *d, interview_rec *i)
{
	secure_id(i->id);
	clock_now_iso(i->recorded_at);
	const char *v[] = {i->id, i->episode_id, i->held_at, i->org_id, i->accepted ? "1" : "0", i->disclosures,
			   i->recorded_by, i->recorded_at};
	return db_run(d,
		      "INSERT INTO return_interviews (id, episode_id, held_at, offered_by_org_id, accepted, "
		      "disclosures, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, CAST($5 AS INTEGER), $6, $7, $8)",
		      8, v);
}

static int read_interview(arena *a, db_stmt *s, void *rec)
{
	interview_rec *i = rec;
	db_col_copy(s, 0, i->id, sizeof i->id);
	db_col_copy(s, 1, i->episode_id, sizeof i->episode_id);
	i->held_at = db_col_dup(s, 2, a);
	db_col_copy(s, 3, i->org_id, sizeof i->org_id);
	i->accepted = (int)db_col_int(s, 4);
	i->disclosures = db_col_dup(s, 5, a);
	db_col_copy(s, 6, i->recorded_by, sizeof i->recorded_by);
	db_col_copy(s, 7, i->recorded_at, sizeof i->recorded_at);
	i->org_name = db_col_dup(s, 8, a);
	i->recorded_by_name = db_col_dup(s, 9, a);
	return DB_OK;
}

int store_interview_of(db *d, arena *a, const char *episode_id, interview_rec *i)
{
	const char *v[] = {episode_id};
	return db_get(d, a,
		      "SELECT i.id, i.episode_id, i.held_at, i.offered_by_org_id, i.accepted, i.disclosures, "
		      "i.recorded_by, i.recorded_at, o.name, u.display_name FROM return_interviews i JOIN orgs o ON "
		      "o.id = i.offered_by_org_id JOIN users u ON u.id = i.recorded_by WHERE i.episode_id = $1",
		      1, v, read_interview, i);
}

/* ---- what the search found, and what the episode is linked to ---- */

int store_entry_add(db *d, entry_rec *e)
{
	secure_id(e->id);
	clock_now_iso(e->recorded_at);
	const char *v[] = {e->id,	 e->episode_id, e->kind,	e->at,		 e->place,
			   e->by_whom, e->detail,	e->recorded_by, e->recorded_at};
	return db_run(d,
		      "INSERT INTO missing_entries (id, episode_id, kind, at, place, by_whom, detail, recorded_by, "
		      "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		      9, v);
}

typedef struct each_entry {
	int (*fn)(const entry_rec *e, void *arg);
	void *arg;
} each_entry;

static int one_entry(db_stmt *s, void *arg)
{
	each_entry *x = arg;
	entry_rec e = {0};
	db_col_copy(s, 0, e.id, sizeof e.id);
	db_col_copy(s, 1, e.episode_id, sizeof e.episode_id);
	e.kind = db_col_text(s, 2);
	e.at = db_col_text(s, 3);
	e.place = db_col_text(s, 4);
	e.by_whom = db_col_text(s, 5);
	e.detail = db_col_text(s, 6);
	db_col_copy(s, 7, e.recorded_by, sizeof e.recorded_by);
	db_col_copy(s, 8, e.recorded_at, sizeof e.recorded_at);
	e.recorded_by_name = db_col_text(s, 9);
	return x->fn(&e, x->arg);
}

int store_entries(db *d, arena *a, const char *episode_id, int (*fn)(const entry_rec *e, void *arg), void *arg)
{
	(void)a;
	const char *v[] = {episode_id};
	each_entry x = {fn, arg};
	return db_each(d,
		       "SELECT m.id, m.episode_id, m.kind, m.at, m.place, m.by_whom, m.detail, m.recorded_by, "
		       "m.recorded_at, u.display_name FROM missing_entries m JOIN users u ON u.id = m.recorded_by WHERE "
		       "m.episode_id = $1 ORDER BY m.at DESC, m.id",
		       1, v, one_entry, &x);
}

int store_assoc_add(db *d, assoc_rec *a)
{
	secure_id(a->id);
	clock_now_iso(a->recorded_at);
	const char *v[] = {a->id, a->episode_id, a->person_id, a->place_id, a->place, a->note, a->recorded_by,
			   a->recorded_at};
	return db_run(d,
		      "INSERT INTO missing_associations (id, episode_id, person_id, place_id, place, note, "
		      "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      8, v);
}

typedef struct each_assoc {
	int (*fn)(const assoc_rec *r, void *arg);
	void *arg;
} each_assoc;

static int one_assoc(db_stmt *s, void *arg)
{
	each_assoc *x = arg;
	assoc_rec r = {0};
	db_col_copy(s, 0, r.id, sizeof r.id);
	db_col_copy(s, 1, r.episode_id, sizeof r.episode_id);
	r.person_id = db_col_text(s, 2);
	r.place_id = db_col_text(s, 3);
	r.place = db_col_text(s, 4);
	r.note = db_col_text(s, 5);
	db_col_copy(s, 6, r.recorded_by, sizeof r.recorded_by);
	db_col_copy(s, 7, r.recorded_at, sizeof r.recorded_at);
	r.given_names = db_col_text(s, 8);
	r.family_name = db_col_text(s, 9);
	r.address = db_col_text(s, 10);
	r.postcode = db_col_text(s, 11);
	r.country = db_col_text(s, 12);
	return x->fn(&r, x->arg);
}

int store_assocs(db *d, arena *a, const char *episode_id, int (*fn)(const assoc_rec *r, void *arg), void *arg)
{
	(void)a;
	const char *v[] = {episode_id};
	each_assoc x = {fn, arg};
	return db_each(d,
		       "SELECT m.id, m.episode_id, m.person_id, m.place_id, m.place, m.note, m.recorded_by, "
		       "m.recorded_at, p.given_names, p.family_name, pl.address, pl.postcode, pl.country FROM "
		       "missing_associations m LEFT JOIN people p ON p.id = m.person_id LEFT JOIN places pl ON pl.id = "
		       "m.place_id WHERE m.episode_id = $1 ORDER BY m.recorded_at, m.id",
		       1, v, one_assoc, &x);
}

int store_place_of_person(db *d, const char *place_id, const char *person_id, int *yes)
{
	const char *v[] = {place_id, person_id};
	int n = 0;
	int rc = db_count(d,
			  "SELECT pl.id FROM places pl JOIN case_people cp ON cp.case_id = pl.case_id WHERE pl.id = $1 "
			  "AND cp.person_id = $2 LIMIT 1",
			  2, v, &n);
	*yes = n > 0;
	return rc;
}

/* ---- the pattern ---- */

int store_screening_add(db *d, screening_rec *s)
{
	secure_id(s->id);
	clock_now_iso(s->recorded_at);
	const char *v[] = {s->id, s->person_id, s->screened_on, s->indicators, s->outcome, s->notes, s->recorded_by,
			   s->recorded_at};
	return db_run(d,
		      "INSERT INTO exploitation_screenings (id, person_id, screened_on, indicators, outcome, notes, "
		      "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      8, v);
}

static int read_summary(arena *a, db_stmt *s, void *rec)
{
	(void)a;
	missing_summary *m = rec;
	m->episodes_in_window = (int)db_col_int(s, 0);
	db_col_copy(s, 1, m->open_episode_id, sizeof m->open_episode_id);
	m->screened = db_col_int(s, 2) > 0;
	return DB_OK;
}

int store_missing_summary(db *d, const char *person_id, const char *window_start, missing_summary *m)
{
	const char *v[] = {person_id, window_start};
	int rc = db_get(d, NULL,
			"SELECT (SELECT COUNT(*) FROM missing_episodes e WHERE e.person_id IN " FAMILY("$1")
			" AND e.last_seen_at >= $2), COALESCE((SELECT MIN(e.id) FROM missing_episodes e WHERE e.person_id "
			"IN " FAMILY("$1") " AND e.returned_at IS NULL), ''), (SELECT COUNT(*) FROM "
			"exploitation_screenings s WHERE s.person_id IN " FAMILY("$1") " AND s.recorded_at >= (SELECT "
			"MIN(e.last_seen_at) FROM missing_episodes e WHERE e.person_id IN " FAMILY("$1")
			" AND e.last_seen_at >= $2))",
			2, v, read_summary, m);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERR : rc;
}

/* ---- a force's intervals ---- */

typedef struct settings_out {
	int *hours, *safe_well;
	int64_t *version;
} settings_out;

static int read_settings(arena *a, db_stmt *s, void *rec)
{
	(void)a;
	settings_out *o = rec;
	for (int i = 0; i < RISK_COUNT; i++)
		o->hours[i] = (int)db_col_int(s, i);
	*o->safe_well = (int)db_col_int(s, 4);
	*o->version = db_col_int(s, 5);
	return DB_OK;
}

int store_missing_settings(db *d, const char *org_id, int review_hours[RISK_COUNT], int *safe_well_hours,
			   int64_t *version)
{
	const char *v[] = {org_id};
	settings_out o = {review_hours, safe_well_hours, version};
	return db_get(d, NULL,
		      "SELECT review_no_apparent_risk, review_low, review_medium, review_high, safe_well_hours, version "
		      "FROM missing_settings WHERE org_id = $1",
		      1, v, read_settings, &o);
}

int store_missing_settings_put(db *d, const char *org_id, const int review_hours[RISK_COUNT], int safe_well_hours,
			       int64_t *version)
{
	char h[RISK_COUNT][12], sw[12], ver[24], now[CLOCK_ISO_LEN];
	for (int i = 0; i < RISK_COUNT; i++)
		snprintf(h[i], sizeof h[i], "%d", review_hours[i]);
	snprintf(sw, sizeof sw, "%d", safe_well_hours);
	snprintf(ver, sizeof ver, "%lld", (long long)*version);
	clock_now_iso(now);
	const char *v[] = {org_id, h[0], h[1], h[2], h[3], sw, now, ver};
	db_stmt *s;
	int rc = *version == 0
			 ? db_one(d,
				  "INSERT INTO missing_settings (org_id, review_no_apparent_risk, review_low, "
				  "review_medium, review_high, safe_well_hours, updated_at) SELECT $1, CAST($2 AS "
				  "INTEGER), CAST($3 AS INTEGER), CAST($4 AS INTEGER), CAST($5 AS INTEGER), CAST($6 AS "
				  "INTEGER), $7 WHERE NOT EXISTS (SELECT 1 FROM missing_settings WHERE org_id = $1) AND "
				  "$8 = '0' RETURNING version",
				  8, v, &s)
			 : db_one(d,
				  "UPDATE missing_settings SET review_no_apparent_risk = CAST($2 AS INTEGER), review_low = "
				  "CAST($3 AS INTEGER), review_medium = CAST($4 AS INTEGER), review_high = CAST($5 AS "
				  "INTEGER), safe_well_hours = CAST($6 AS INTEGER), updated_at = $7, version = version + 1 "
				  "WHERE org_id = $1 AND version = CAST($8 AS INTEGER) RETURNING version",
				  8, v, &s);
	if (rc != DB_ROW)
		return rc;
	*version = db_col_int(s, 0);
	db_finalize(s);
	return DB_OK;
}

/* ---- the worklist ---- */

#define WORK_WHO "'', '', p.id, p.given_names, p.family_name "
#define WORK_FROM                                                                                           \
	"FROM missing_episodes e JOIN people p ON p.id = e.person_id WHERE " PERSON_SEEN("e.person_id", "p.team_id", \
											 "$9", "$10", "$11", "$12", "$13", \
											 "$14") " AND "

int store_missing_work(db *d, const store_reach *reach, const store_reach *deciding, const missing_seen *seen,
		       const char *window_start, int (*fn)(const work_row *r, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT w.*, COALESCE(u.id, ''), COALESCE(u.display_name, ''), COALESCE(u.team_id, ''), "
		"pp.date_of_birth, COALESCE(pp.estimated_age, -1), COALESCE(pp.age_disputed, 0) FROM ("
		"SELECT 'return_interview' AS kind, e.interview_due AS due, '' AS cid, '' AS reference, p.id AS pid, "
		"p.given_names, p.family_name, e.id AS rid, e.reported_by AS holder " WORK_FROM
		"e.interview_due IS NOT NULL AND NOT EXISTS (SELECT 1 FROM return_interviews i WHERE i.episode_id = "
		"e.id) AND " REACH_EPISODE("e", "$1", "$2", "$3")
		" UNION ALL "
		"SELECT 'safe_and_well_due', e.safe_well_due, " WORK_WHO ", e.id, e.reported_by " WORK_FROM
		"e.safe_well_due IS NOT NULL AND NOT EXISTS (SELECT 1 FROM safe_well_checks c WHERE c.episode_id = "
		"e.id) AND " REACH_EPISODE("e", "$1", "$2", "$3")
		" UNION ALL "
		"SELECT 'missing_review_due', e.review_due, " WORK_WHO ", e.id, e.reported_by " WORK_FROM
		"e.returned_at IS NULL AND e.review_due IS NOT NULL AND " REACH_EPISODE("e", "$1", "$2", "$3")
		" UNION ALL "
		"SELECT 'missing_high_risk', COALESCE((SELECT MAX(r.reviewed_at) FROM missing_reviews r WHERE "
		"r.episode_id = e.id AND r.risk = 'high' AND r.previous_risk <> 'high'), e.reported_at), " WORK_WHO
		", e.id, e.reported_by " WORK_FROM "e.returned_at IS NULL AND e.risk = 'high' AND "
		REACH_EPISODE("e", "$4", "$5", "$6")
		" UNION ALL "
		/* A repeat missing person not screened since the pattern began,
		 * on the worklist of the team that took the latest report. */
		"SELECT 'exploitation_screening', e.last_seen_at, " WORK_WHO ", p.id, e.reported_by " WORK_FROM
		"e.last_seen_at = (SELECT MAX(x.last_seen_at) FROM missing_episodes x WHERE x.person_id = e.person_id) "
		"AND (SELECT COUNT(*) FROM missing_episodes x WHERE x.person_id = e.person_id AND x.last_seen_at >= $7) "
		">= CAST($8 AS INTEGER) AND NOT EXISTS (SELECT 1 FROM exploitation_screenings s WHERE s.person_id = "
		"e.person_id AND s.recorded_at >= (SELECT MIN(x.last_seen_at) FROM missing_episodes x WHERE "
		"x.person_id = e.person_id AND x.last_seen_at >= $7)) AND " REACH_EPISODE("e", "$1", "$2", "$3")
		") w LEFT JOIN users u ON u.id = w.holder LEFT JOIN people pp ON pp.id = w.pid";
	char repeat[12];
	snprintf(repeat, sizeof repeat, "%d", MISSING_REPEAT_EPISODES);
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	const char *v[] = {reach->own_id,    reach->team_id && reach->team_id[0] ? reach->team_id : NULL,
			   reach->org_id,    deciding->own_id,
			   deciding->team_id && deciding->team_id[0] ? deciding->team_id : NULL,
			   deciding->org_id, window_start, repeat, NULL, NULL, NULL, NULL, NULL, NULL};
	seen_params(seen, v + 8);
	for (int i = 0; rc == DB_OK && i < 14; i++)
		rc = db_bind_text(s, i + 1, v[i]);
	while (rc == DB_OK && (rc = db_step(s)) == DB_ROW) {
		work_row r = {db_col_text(s, 0),  db_col_text(s, 1),  db_col_text(s, 2),	  db_col_text(s, 3),
			      db_col_text(s, 4),  db_col_text(s, 5),  db_col_text(s, 6),	  db_col_text(s, 7),
			      db_col_text(s, 9),  db_col_text(s, 10), db_col_text(s, 11),	  db_col_text(s, 12),
			      (int)db_col_int(s, 13), (int)db_col_int(s, 14)};
		int x = fn(&r, arg);
		rc = x ? x : DB_OK;
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}
