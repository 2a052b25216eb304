#include "store/people.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/accounts.h"

#define PERSON_COLS                                                                         \
	"p.id, p.given_names, p.family_name, p.aliases, p.date_of_birth, p.estimated_age, "  \
	"p.age_disputed, p.gender, p.nationalities, p.languages, p.interpreter_needed, "      \
	"p.interpreter_language, p.safe_contact, p.immigration_status, p.created_by, "        \
	"p.created_at, p.updated_at, p.version, p.team_id, (SELECT pt.org_id FROM teams pt "  \
	"WHERE pt.id = p.team_id), p.restricted_since, p.restriction_reason, "                \
	"p.rectifications FROM people p "

static int person_read(arena *a, db_stmt *s, void *rec)
{
	person_rec *p = rec;
	db_col_copy(s, 0, p->id, sizeof p->id);
	p->given_names = db_col_dup(s, 1, a);
	p->family_name = db_col_dup(s, 2, a);
	p->aliases = db_col_dup(s, 3, a);
	p->date_of_birth = db_col_dup(s, 4, a);
	p->estimated_age = db_col_is_null(s, 5) ? -1 : (int)db_col_int(s, 5);
	p->age_disputed = (int)db_col_int(s, 6);
	p->gender = db_col_dup(s, 7, a);
	p->nationalities = db_col_dup(s, 8, a);
	p->languages = db_col_dup(s, 9, a);
	p->interpreter_needed = (int)db_col_int(s, 10);
	p->interpreter_language = db_col_dup(s, 11, a);
	p->safe_contact = db_col_dup(s, 12, a);
	p->immigration_status = db_col_dup(s, 13, a);
	db_col_copy(s, 14, p->created_by, sizeof p->created_by);
	db_col_copy(s, 15, p->created_at, sizeof p->created_at);
	db_col_copy(s, 16, p->updated_at, sizeof p->updated_at);
	p->version = db_col_int(s, 17);
	db_col_copy(s, 18, p->team_id, sizeof p->team_id);
	db_col_copy(s, 19, p->org_id, sizeof p->org_id);
	p->restricted_since = db_col_dup(s, 20, a);
	p->restriction_reason = db_col_dup(s, 21, a);
	p->rectifications = db_col_dup(s, 22, a);
	return DB_OK;
}

/* Index rows go in many to a statement (one round trip to PostgreSQL
 * rather than one per row); the statements' text is built once, so each
 * keeps one address for the statement caches. One that cannot be built
 * (memory ran out) is tried again by the next writer, never given up on. */
enum { ROWS = 32 };
static char *keys_sql[ROWS + 1], *terms_sql[ROWS + 1];
static pthread_mutex_t sql_lock = PTHREAD_MUTEX_INITIALIZER;

static char *build_keys_sql(int n)
{
	buf k;
	buf_init(&k);
	buf_puts(&k, "INSERT INTO person_name_keys (key, person_id) VALUES ");
	for (int i = 0; i < n; i++)
		buf_printf(&k, "%s($%d, $1)", i ? ", " : "", i + 2);
	char *sql = k.failed ? NULL : strdup(buf_str(&k));
	buf_free(&k);
	return sql;
}

static char *build_terms_sql(int n)
{
	buf t;
	buf_init(&t);
	buf_puts(&t, "INSERT INTO name_terms (key, token) VALUES ");
	for (int i = 0; i < n; i++)
		buf_printf(&t, "%s($%d, $%d)", i ? ", " : "", 2 * i + 1, 2 * i + 2);
	buf_puts(&t, " ON CONFLICT DO NOTHING");
	char *sql = t.failed ? NULL : strdup(buf_str(&t));
	buf_free(&t);
	return sql;
}

/* The statement for n rows (terms: of name_terms, else person_name_keys),
 * or NULL when memory runs out. */
static const char *rows_sql(int terms, int n)
{
	pthread_mutex_lock(&sql_lock);
	char **slot = terms ? &terms_sql[n] : &keys_sql[n];
	if (!*slot)
		*slot = terms ? build_terms_sql(n) : build_keys_sql(n);
	const char *sql = *slot;
	pthread_mutex_unlock(&sql_lock);
	return sql;
}

/* Files the person's name keys under each way they are reached (the rows
 * store_person_candidates draws from): each part in a case, with the case,
 * its team and whether the part is as a suspect, and, while they are in no
 * case, the team that recorded them. Called by every change to a person's
 * keys or parts, in its transaction, so the rows never fall out of step. It
 * first takes the person's row (changing nothing), so that two changes to
 * one person file in turn: on PostgreSQL the second then reads the first's
 * committed parts instead of filing from what it saw before. */
int store_person_refile(db *d, const char *person_id)
{
	const char *p[] = {person_id};
	int rc = db_run(d, "UPDATE people SET version = version WHERE id = $1", 1, p);
	if (rc == DB_OK)
		rc = db_run(d, "DELETE FROM person_reach_keys WHERE person_id = $1", 1, p);
	if (rc == DB_OK)
		rc = db_run(d,
			    "INSERT INTO person_reach_keys (key, team_id, case_id, suspect, "
			    "person_id) SELECT k.key, c.team_id, c.id, CASE WHEN cp.role = 'suspect' THEN 1 "
			    "ELSE 0 END, k.person_id FROM case_people cp JOIN cases c ON c.id = "
			    "cp.case_id JOIN person_name_keys k ON k.person_id = cp.person_id "
			    "WHERE cp.person_id = $1",
			    1, p);
	if (rc == DB_OK)
		rc = db_run(d,
			    "INSERT INTO person_reach_keys (key, team_id, case_id, suspect, "
			    "person_id) SELECT k.key, v.team_id, NULL, 0, k.person_id FROM people v JOIN "
			    "person_name_keys k ON k.person_id = v.id WHERE v.id = $1 AND v.team_id "
			    "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_people n WHERE "
			    "n.person_id = v.id)",
			    1, p);
	return rc;
}

int store_case_people_refile(db *d, const char *case_id)
{
	/* One person at a time, in order, so no query is open while filing. */
	char after[SECURE_ID_LEN] = "";
	for (;;) {
		db_stmt *s;
		int rc = db_prepare(d,
				    "SELECT person_id FROM case_people WHERE case_id = $1 AND person_id > $2 "
				    "ORDER BY person_id LIMIT 1",
				    &s);
		if (rc != DB_OK)
			return rc;
		if ((rc = db_bind_text(s, 1, case_id)) == DB_OK && (rc = db_bind_text(s, 2, after)) == DB_OK &&
		    (rc = db_step(s)) == DB_ROW)
			db_col_copy(s, 0, after, sizeof after);
		db_finalize(s);
		if (rc != DB_ROW)
			return rc == DB_DONE ? DB_OK : rc;
		if ((rc = store_person_refile(d, after)) != DB_OK)
			return rc;
	}
}

static int write_keys(db *d, const char *id, const name_index *ix)
{
	const char *p[2 * ROWS + 1] = {id};
	int rc = db_run(d, "DELETE FROM person_name_keys WHERE person_id = $1", 1, p);
	for (int from = 0; from < ix->nkeys && rc == DB_OK; from += ROWS) {
		int n = ix->nkeys - from < ROWS ? ix->nkeys - from : ROWS;
		for (int i = 0; i < n; i++)
			p[i + 1] = ix->keys[from + i];
		const char *sql = rows_sql(0, n);
		rc = sql ? db_run(d, sql, n + 1, p) : DB_NOMEM;
	}
	for (int from = 0; from < ix->nterms && rc == DB_OK; from += ROWS) {
		int n = ix->nterms - from < ROWS ? ix->nterms - from : ROWS;
		for (int i = 0; i < n; i++) {
			p[2 * i] = ix->terms[from + i].key;
			p[2 * i + 1] = ix->terms[from + i].token;
		}
		const char *sql = rows_sql(1, n);
		rc = sql ? db_run(d, sql, 2 * n, p) : DB_NOMEM;
	}
	return rc == DB_OK ? store_person_refile(d, id) : rc;
}

static int bind_person(db_stmt *s, const person_rec *p, int first)
{
	int rc = DB_OK;
	const char *txt[] = {p->given_names, p->family_name, p->aliases, p->date_of_birth};
	for (int i = 0; i < 4 && rc == DB_OK; i++)
		rc = db_bind_text(s, first + i, txt[i]);
	if (rc == DB_OK) {
		if (p->estimated_age >= 0)
			rc = db_bind_int(s, first + 4, p->estimated_age);
		else
			rc = db_bind_text(s, first + 4, NULL);
	}
	if (rc == DB_OK)
		rc = db_bind_int(s, first + 5, p->age_disputed);
	const char *txt2[] = {p->gender, p->nationalities, p->languages};
	for (int i = 0; i < 3 && rc == DB_OK; i++)
		rc = db_bind_text(s, first + 6 + i, txt2[i]);
	if (rc == DB_OK)
		rc = db_bind_int(s, first + 9, p->interpreter_needed);
	const char *txt3[] = {p->interpreter_language, p->safe_contact, p->immigration_status};
	for (int i = 0; i < 3 && rc == DB_OK; i++)
		rc = db_bind_text(s, first + 10 + i, txt3[i]);
	return rc;
}

int store_person_create(db *d, person_rec *p, const name_index *ix)
{
	secure_id(p->id);
	clock_now_iso(p->created_at);
	memcpy(p->updated_at, p->created_at, sizeof p->updated_at);
	p->version = 1;
	db_stmt *s;
	int rc = db_prepare(d,
			    "INSERT INTO people (given_names, family_name, aliases, date_of_birth, "
			    "estimated_age, age_disputed, gender, nationalities, languages, "
			    "interpreter_needed, interpreter_language, safe_contact, "
			    "immigration_status, id, created_by, created_at, updated_at, version, team_id) "
			    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
			    "$15, $16, $16, 1, $17)",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = bind_person(s, p, 1)) == DB_OK && (rc = db_bind_text(s, 14, p->id)) == DB_OK &&
	    (rc = db_bind_text(s, 15, p->created_by)) == DB_OK &&
	    (rc = db_bind_text(s, 16, p->created_at)) == DB_OK &&
	    (rc = db_bind_text(s, 17, p->team_id[0] ? p->team_id : NULL)) == DB_OK)
		rc = db_step(s);
	db_finalize(s);
	if (rc == DB_DONE)
		rc = DB_OK;
	else if (rc == DB_ROW)
		rc = db_fail(d, DB_ERR, "person insert returned a row");
	return rc == DB_OK ? write_keys(d, p->id, ix) : rc;
}

int store_person_get(db *d, arena *a, const char *id, person_rec *p)
{
	const char *key[] = {id};
	return db_get(d, a, "SELECT " PERSON_COLS "WHERE p.id = $1 AND p.merged_into IS NULL", 1, key,
		      person_read, p);
}

typedef struct parts_rows {
	int (*fn)(const person_part *part, void *arg);
	void *arg;
} parts_rows;

static int part_row(db_stmt *s, void *arg)
{
	parts_rows *x = arg;
	person_part part = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
			    db_col_text(s, 4), (int)db_col_int(s, 5)};
	return x->fn(&part, x->arg);
}

int store_person_parts(db *d, const char *person_id, const char *user_id,
		       int (*fn)(const person_part *part, void *arg), void *arg)
{
	parts_rows x = {fn, arg};
	const char *p[] = {person_id, user_id};
	return db_each(d,
		       "SELECT cp.role, c.id, c.reference, c.team_id, t.org_id, CASE WHEN EXISTS (SELECT 1 FROM "
		       "case_allocations x WHERE x.case_id = c.id AND x.user_id = $2) THEN 1 ELSE 0 END FROM case_people cp JOIN cases c ON c.id = "
		       "cp.case_id JOIN teams t ON t.id = c.team_id WHERE cp.person_id = $1 ORDER BY cp.created_at DESC",
		       2, p, part_row, &x);
}

int store_person_update(db *d, person_rec *p, const name_index *ix)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	db_stmt *s;
	int rc = db_prepare(d,
			    "UPDATE people SET given_names = $1, family_name = $2, aliases = $3, "
			    "date_of_birth = $4, estimated_age = $5, age_disputed = $6, gender = $7, "
			    "nationalities = $8, languages = $9, interpreter_needed = $10, "
			    "interpreter_language = $11, safe_contact = $12, immigration_status = $13, "
			    "updated_at = $14, version = version + 1 WHERE id = $15 AND version = $16 "
			    "RETURNING version",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = bind_person(s, p, 1)) == DB_OK && (rc = db_bind_text(s, 14, now)) == DB_OK &&
	    (rc = db_bind_text(s, 15, p->id)) == DB_OK && (rc = db_bind_int(s, 16, p->version)) == DB_OK) {
		rc = db_step(s);
		if (rc == DB_ROW) {
			p->version = db_col_int(s, 0);
			memcpy(p->updated_at, now, sizeof now);
			rc = DB_OK;
		}
	}
	db_finalize(s);
	return rc == DB_OK ? write_keys(d, p->id, ix) : rc;
}

/* Keys go in 48 at a time as one parameter each; unused slots bind NULL and
 * match nothing. */
enum { SLOTS = 48 };
#define KEY_SLOTS(first)                                                                     \
	"IN ($" #first ", $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, " \
	"$21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, "   \
	"$38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50, $51, $52)"

static int bind_slots(db_stmt *s, int first, const char *(*at)(int i, const void *arg),
		      const void *arg, int from, int n)
{
	int rc = DB_OK;
	for (int i = 0; i < SLOTS && rc == DB_OK; i++)
		rc = db_bind_text(s, first + i, from + i < n ? at(from + i, arg) : NULL);
	return rc;
}

static const char *term_key(int i, const void *arg)
{
	return ((const char (*)[NAME_TOKEN_MAX])arg)[i];
}

int store_name_terms(db *d, arena *a, char keys[][NAME_TOKEN_MAX], int nkeys,
		     int (*fn)(const char *token, void *arg), void *arg)
{
	static const char sql[] = "SELECT DISTINCT token FROM name_terms WHERE key " KEY_SLOTS(5)
				  " AND CAST($1 AS INTEGER) = 0 AND CAST($2 AS TEXT) IS NULL AND "
				  "CAST($3 AS TEXT) IS NULL AND CAST($4 AS TEXT) IS NULL";
	(void)a;
	int rc = DB_OK;
	for (int from = 0; from < nkeys && rc == DB_OK; from += SLOTS) {
		db_stmt *s;
		if ((rc = db_prepare(d, sql, &s)) != DB_OK)
			return rc;
		if ((rc = db_bind_int(s, 1, 0)) == DB_OK && (rc = db_bind_text(s, 2, NULL)) == DB_OK &&
		    (rc = db_bind_text(s, 3, NULL)) == DB_OK && (rc = db_bind_text(s, 4, NULL)) == DB_OK)
			rc = bind_slots(s, 5, term_key, keys, from, nkeys);
		while (rc == DB_OK && (rc = db_step(s)) == DB_ROW) {
			int r = fn(db_col_text(s, 0), arg);
			if (r)
				rc = r;
			else
				rc = DB_OK;
		}
		db_finalize(s);
		if (rc == DB_DONE)
			rc = DB_OK;
	}
	return rc;
}

/* People found so far and how many keys each shared: open addressing. */
typedef struct tally {
	size_t cap, n;
	struct hit {
		char id[SECURE_ID_LEN];
		int hits;
		int first;     /* the earliest (likeliest) key that found them */
		int batch;     /* the first key of the batch that found them last */
		uint64_t seen; /* and the keys of that batch counted already */
	} *slot;
} tally;

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Counts the key (of the batch of keys from batch on) for the person, once:
 * a person reached in more than one way comes back once for each. */
static void tally_add(tally *t, const char *id, int key, int batch)
{
	uint64_t bit = 1ULL << (key - batch);
	for (size_t i = fnv(id) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		struct hit *h = &t->slot[i];
		if (!h->id[0]) {
			snprintf(h->id, sizeof h->id, "%s", id);
			h->hits = 1;
			h->first = key;
			h->batch = batch;
			h->seen = bit;
			t->n++;
			return;
		}
		if (strcmp(h->id, id) == 0) {
			if (h->batch != batch) {
				h->batch = batch;
				h->seen = 0;
			}
			if (h->seen & bit)
				return;
			h->seen |= bit;
			h->hits++;
			if (key < h->first)
				h->first = key;
			return;
		}
	}
}

static int by_hits(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->hits != y->hits)
		return y->hits - x->hits;
	if (x->first != y->first)
		return x->first - y->first;
	return strcmp(x->id, y->id);
}

static const char *index_key_at(int i, const void *arg)
{
	return ((const char (*)[NAME_KEY_MAX])arg)[i];
}

static const char *hit_id_at(int i, const void *arg)
{
	return ((const struct hit *)arg)[i].id;
}

static int same_text(const char *a, const char *b)
{
	a = a && a[0] ? a : NULL;
	b = b && b[0] ? b : NULL;
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether two reaches reach the same cases and teams. */
static int reach_same(const store_reach *a, const store_reach *b)
{
	return same_text(a->user_id, b->user_id) && same_text(a->team_id, b->team_id) &&
	       same_text(a->org_id, b->org_id);
}

int store_person_candidates(db *d, arena *a, const person_scope *sc, char keys[][NAME_KEY_MAX],
			    int nkeys, int limit, int max_rows,
			    int (*fn)(const person_rec *p, void *arg), void *arg)
{
	/* Candidates come only from people the user may see: those with a
	 * part other than as suspect in a case within the person reach ($1 to
	 * $3), those with a part as suspect in a case within the suspect reach
	 * ($53 to $55), and those in no case recorded by a team within the
	 * person reach. store_person_refile files each way a person is reached; this
	 * says which of them a reach takes, drawing through the reach's own
	 * keys (its team's rows and each of its organisation's teams' rows by
	 * team and name key; the rows of each allocated case's people), never
	 * through everyone holding the name. A team within the organisation
	 * adds nothing; when the two reaches are the same (everyone but those
	 * who reach no suspects), one pass takes both. A person reached in
	 * more than one way comes back once for each; the tally counts them
	 * once. */
#define TEAM_ROWS(t, o, suspect)                                                              \
	"SELECT r.person_id, r.key FROM person_reach_keys r WHERE r.team_id = " t suspect       \
	" AND r.key " KEY_SLOTS(5) " AND NOT EXISTS (SELECT 1 FROM teams rx WHERE rx.id = " t \
	" AND rx.org_id = " o ")"
#define ORG_ROWS(o, suspect)                                                                  \
	"SELECT r.person_id, r.key FROM person_reach_keys r WHERE r.team_id IN (SELECT rt.id "  \
	"FROM teams rt WHERE rt.org_id = " o ")" suspect " AND r.key " KEY_SLOTS(5)
#define CASE_ROWS(u, suspect)                                                                 \
	"SELECT r.person_id, r.key FROM case_allocations ra JOIN case_people rp ON rp.case_id " \
	"= ra.case_id JOIN person_reach_keys r ON r.person_id = rp.person_id AND r.case_id = "  \
	"ra.case_id WHERE ra.user_id = " u suspect " AND r.key " KEY_SLOTS(5)
#define REACH_ROWS(u, t, o, suspect)                                                          \
	TEAM_ROWS(t, o, suspect) " UNION ALL " ORG_ROWS(o, suspect) " UNION ALL " CASE_ROWS(u, suspect)
	static const char both_sql[] = REACH_ROWS("$1", "$2", "$3", "") " LIMIT $4";
	static const char scoped_sql[] = REACH_ROWS("$1", "$2", "$3", " AND r.suspect = 0")
		" UNION ALL " REACH_ROWS("$53", "$54", "$55", " AND r.suspect = 1") " LIMIT $4";
#undef REACH_ROWS
#undef CASE_ROWS
#undef ORG_ROWS
#undef TEAM_ROWS
	static const char everyone_sql[] =
		"SELECT k.person_id, k.key FROM person_name_keys k WHERE k.key " KEY_SLOTS(5)
		" AND COALESCE(CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($53 AS "
		"TEXT), CAST($54 AS TEXT), CAST($55 AS TEXT)) IS NULL LIMIT $4";
	static const person_scope unbound;
	const person_scope *bind = sc->everyone ? &unbound : sc;
	int both = !sc->everyone && reach_same(&sc->as_person, &sc->as_suspect);
	const char *sql = sc->everyone ? everyone_sql : both ? both_sql : scoped_sql;
	tally t = {.cap = 1};
	while (t.cap < (size_t)max_rows * 2)
		t.cap <<= 1;
	t.slot = arena_alloc(a, t.cap * sizeof *t.slot);
	if (!t.slot)
		return DB_NOMEM;
	memset(t.slot, 0, t.cap * sizeof *t.slot);
	int rc = DB_OK, rows = 0;
	for (int from = 0; from < nkeys && rows < max_rows && rc == DB_OK; from += SLOTS) {
		uint64_t hash[SLOTS];
		for (int i = 0; i < SLOTS && from + i < nkeys; i++)
			hash[i] = fnv(keys[from + i]);
		db_stmt *s;
		if ((rc = db_prepare(d, sql, &s)) != DB_OK)
			return rc;
		if ((rc = store_reach_bind(s, 1, &bind->as_person)) == DB_OK &&
		    (rc = db_bind_int(s, 4, max_rows - rows)) == DB_OK &&
		    (both || (rc = store_reach_bind(s, 53, &bind->as_suspect)) == DB_OK))
			rc = bind_slots(s, 5, index_key_at, keys, from, nkeys);
		while (rc == DB_OK && (rc = db_step(s)) == DB_ROW) {
			const char *key = db_col_text(s, 1);
			uint64_t h = fnv(key);
			int at = from;
			for (int i = 0; i < SLOTS && from + i < nkeys; i++)
				if (hash[i] == h && strcmp(keys[from + i], key) == 0) {
					at = from + i;
					break;
				}
			tally_add(&t, db_col_text(s, 0), at, from);
			rows++;
			rc = DB_OK;
		}
		db_finalize(s);
		if (rc == DB_DONE)
			rc = DB_OK;
	}
	if (rc != DB_OK)
		return rc;
	/* The people sharing the most keys first; the limit keeps the likeliest. */
	size_t n = 0;
	for (size_t i = 0; i < t.cap; i++)
		if (t.slot[i].id[0])
			t.slot[n++] = t.slot[i];
	qsort(t.slot, n, sizeof *t.slot, by_hits);
	if (n > (size_t)limit)
		n = (size_t)limit;
	static const char get_sql[] = "SELECT " PERSON_COLS "WHERE p.merged_into IS NULL AND p.id " KEY_SLOTS(5)
				      " AND CAST($1 AS INTEGER) = 0 AND CAST($2 AS TEXT) IS NULL AND "
				      "CAST($3 AS TEXT) IS NULL AND CAST($4 AS TEXT) IS NULL";
	for (size_t from = 0; from < n && rc == DB_OK; from += SLOTS) {
		db_stmt *s;
		if ((rc = db_prepare(d, get_sql, &s)) != DB_OK)
			return rc;
		if ((rc = db_bind_int(s, 1, 0)) == DB_OK && (rc = db_bind_text(s, 2, NULL)) == DB_OK &&
		    (rc = db_bind_text(s, 3, NULL)) == DB_OK && (rc = db_bind_text(s, 4, NULL)) == DB_OK)
			rc = bind_slots(s, 5, hit_id_at, t.slot, (int)from, (int)n);
		person_rec p;
		while (rc == DB_OK && (rc = db_step(s)) == DB_ROW) {
			person_read(a, s, &p);
			int r = fn(&p, arg);
			rc = r ? r : DB_OK;
		}
		db_finalize(s);
		if (rc == DB_DONE)
			rc = DB_OK;
	}
	return rc;
}
#undef KEY_SLOTS

int store_person_merged_into(db *d, arena *a, const char *id, const char **target)
{
	db_stmt *s;
	int rc = db_prepare(d, "SELECT merged_into FROM people WHERE id = $1", &s);
	if (rc != DB_OK)
		return rc;
	*target = NULL;
	if ((rc = db_bind_text(s, 1, id)) == DB_OK && (rc = db_step(s)) == DB_ROW)
		*target = db_col_dup(s, 0, a);
	db_finalize(s);
	return rc;
}

int store_person_merged_from(db *d, const char *id,
			     int (*fn)(const char *id, const char *given_names, const char *family_name, void *arg),
			     void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT id, given_names, family_name FROM people WHERE merged_into = $1 "
			    "ORDER BY created_at, id",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, id)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW)
			if ((rc = fn(db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), arg)) != 0)
				break;
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_people_reindex(db *d, const char *version,
			 void (*fn)(const person_rec *p, name_index *ix), int *count)
{
	char have[16] = "";
	*count = 0;
	int rc = store_setting_get(d, "name_index", have, sizeof have);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (rc == DB_ROW && strcmp(have, version) == 0)
		return DB_OK;
	enum { BATCH = 500 };
	char after[SECURE_ID_LEN] = "";
	name_index *ix = malloc(sizeof *ix);
	if (!ix)
		return DB_NOMEM;
	for (;;) {
		arena *a = arena_new();
		person_rec *batch = a ? arena_alloc(a, BATCH * sizeof *batch) : NULL;
		db_stmt *s = NULL;
		int n = 0;
		rc = batch ? db_prepare(d, "SELECT " PERSON_COLS "WHERE p.id > $1 ORDER BY p.id LIMIT $2", &s)
			   : DB_NOMEM;
		if (rc == DB_OK && (rc = db_bind_text(s, 1, after)) == DB_OK &&
		    (rc = db_bind_int(s, 2, BATCH)) == DB_OK) {
			while ((rc = db_step(s)) == DB_ROW)
				person_read(a, s, &batch[n++]);
		}
		if (s)
			db_finalize(s);
		if (rc == DB_DONE)
			rc = n ? db_begin(d) : DB_OK;
		for (int i = 0; i < n && rc == DB_OK; i++) {
			memset(ix, 0, sizeof *ix);
			fn(&batch[i], ix);
			rc = write_keys(d, batch[i].id, ix);
		}
		if (n && rc == DB_OK)
			rc = db_commit(d);
		else if (n)
			db_rollback(d);
		if (n)
			memcpy(after, batch[n - 1].id, sizeof after);
		arena_free(a);
		*count += n;
		if (rc != DB_OK || n < BATCH)
			break;
	}
	free(ix);
	return rc == DB_OK ? store_setting_put(d, "name_index", version) : rc;
}
