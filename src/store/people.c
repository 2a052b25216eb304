#include "store/people.h"

#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/secure.h"

#define PERSON_COLS                                                                         \
	"p.id, p.given_names, p.family_name, p.aliases, p.date_of_birth, p.estimated_age, "  \
	"p.age_disputed, p.gender, p.nationalities, p.languages, p.interpreter_needed, "      \
	"p.interpreter_language, p.safe_contact, p.immigration_status, p.created_by, "        \
	"p.created_at, p.updated_at, p.version FROM people p "

#define VISIBLE                                                                             \
	"(CAST($1 AS INTEGER) = 1 OR p.created_by = $3 OR EXISTS (SELECT 1 FROM case_people " \
	"cp JOIN cases c ON c.id = cp.case_id WHERE cp.person_id = p.id AND (c.team_id = $2 " \
	"OR EXISTS (SELECT 1 FROM case_allocations x WHERE x.case_id = c.id AND x.user_id = $3))))"

static void person_read(arena *a, db_stmt *s, person_rec *p)
{
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
}

static int write_keys(db *d, const char *id, char keys[][NAME_TOKEN_MAX], int nkeys)
{
	const char *p[] = {id, NULL};
	int rc = db_run(d, "DELETE FROM person_name_keys WHERE person_id = $1", 1, p);
	for (int i = 0; i < nkeys && rc == DB_OK; i++) {
		const char *k[] = {keys[i], id};
		rc = db_run(d, "INSERT INTO person_name_keys (key, person_id) VALUES ($1, $2)", 2, k);
	}
	return rc;
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

int store_person_create(db *d, person_rec *p, char keys[][NAME_TOKEN_MAX], int nkeys)
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
			    "immigration_status, id, created_by, created_at, updated_at, version) "
			    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
			    "$15, $16, $16, 1)",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = bind_person(s, p, 1)) == DB_OK && (rc = db_bind_text(s, 14, p->id)) == DB_OK &&
	    (rc = db_bind_text(s, 15, p->created_by)) == DB_OK &&
	    (rc = db_bind_text(s, 16, p->created_at)) == DB_OK)
		rc = db_step(s) == DB_DONE ? DB_OK : DB_ERR;
	db_finalize(s);
	if (rc == DB_ERR && !db_errmsg(d)[0])
		db_fail(d, DB_ERR, "person insert failed");
	return rc == DB_OK ? write_keys(d, p->id, keys, nkeys) : rc;
}

int store_person_get(db *d, arena *a, const char *id, person_rec *p)
{
	db_stmt *s;
	int rc = db_prepare(d, "SELECT " PERSON_COLS "WHERE p.id = $1 AND p.merged_into IS NULL", &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, id)) == DB_OK && (rc = db_step(s)) == DB_ROW)
		person_read(a, s, p);
	db_finalize(s);
	return rc;
}

int store_person_visible(db *d, const person_scope *sc, const char *id, int *yes)
{
	db_stmt *s;
	*yes = 0;
	int rc = db_prepare(d, "SELECT 1 FROM people p WHERE p.id = $4 AND " VISIBLE, &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_int(s, 1, sc->see_all)) == DB_OK &&
	    (rc = db_bind_text(s, 2, sc->team_id ? sc->team_id : "")) == DB_OK &&
	    (rc = db_bind_text(s, 3, sc->user_id)) == DB_OK && (rc = db_bind_text(s, 4, id)) == DB_OK)
		rc = db_step(s);
	*yes = rc == DB_ROW;
	db_finalize(s);
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int store_person_update(db *d, person_rec *p, char keys[][NAME_TOKEN_MAX], int nkeys)
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
	return rc == DB_OK ? write_keys(d, p->id, keys, nkeys) : rc;
}

int store_person_candidates(db *d, arena *a, const person_scope *sc, char keys[][NAME_TOKEN_MAX],
			    int nkeys, int limit, int (*fn)(const person_rec *p, void *arg),
			    void *arg)
{
	/* Keys go in as one parameter each; unused slots bind NULL and match nothing. */
	enum { SLOTS = 48 };
	db_stmt *s;
	/* The people sharing the most keys come first, so the limit keeps the
	 * likeliest. A user who does not see everyone is limited to the (small)
	 * set they may see before counting. */
#define KEY_SLOTS                                                                           \
	"k.key IN ($5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, " \
	"$21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, " \
	"$38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50, $51, $52)"
	static const char all_sql[] =
		"SELECT " PERSON_COLS "JOIN (SELECT k.person_id, COUNT(*) AS hits FROM "
		"person_name_keys k WHERE " KEY_SLOTS " AND CAST($1 AS INTEGER) = 1 AND "
		"CAST($2 AS TEXT) IS NOT NULL AND "
		"CAST($3 AS TEXT) IS NOT NULL GROUP BY k.person_id ORDER BY hits DESC, k.person_id "
		"LIMIT $4) m ON "
		"m.person_id = p.id WHERE p.merged_into IS NULL ORDER BY m.hits DESC, p.id";
	static const char scoped_sql[] =
		"SELECT " PERSON_COLS "JOIN (SELECT k.person_id, COUNT(*) AS hits FROM "
		"person_name_keys k WHERE " KEY_SLOTS " AND CAST($1 AS INTEGER) = 0 AND "
		"k.person_id IN (SELECT v.id FROM people v WHERE v.created_by = $3 UNION SELECT "
		"cp.person_id FROM case_people cp JOIN cases c ON c.id = cp.case_id WHERE "
		"c.team_id = $2 OR EXISTS (SELECT 1 FROM case_allocations x WHERE x.case_id = c.id "
		"AND x.user_id = $3)) GROUP BY k.person_id ORDER BY hits DESC, k.person_id LIMIT $4) "
		"m ON m.person_id = p.id WHERE p.merged_into IS NULL ORDER BY m.hits DESC, p.id";
#undef KEY_SLOTS
	int rc = db_prepare(d, sc->see_all ? all_sql : scoped_sql, &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_int(s, 1, sc->see_all)) == DB_OK &&
	    (rc = db_bind_text(s, 2, sc->team_id ? sc->team_id : "")) == DB_OK &&
	    (rc = db_bind_text(s, 3, sc->user_id)) == DB_OK && (rc = db_bind_int(s, 4, limit)) == DB_OK) {
		for (int i = 0; i < SLOTS && rc == DB_OK; i++)
			rc = db_bind_text(s, 5 + i, i < nkeys ? keys[i] : NULL);
	}
	if (rc == DB_OK) {
		person_rec p;
		while ((rc = db_step(s)) == DB_ROW) {
			person_read(a, s, &p);
			int r = fn(&p, arg);
			if (r) {
				rc = r;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_case_person_add(db *d, case_person_rec *cp, const char *actor_id)
{
	secure_id(cp->id);
	clock_now_iso(cp->created_at);
	const char *p[] = {cp->id, cp->case_id, cp->person_id, cp->role, actor_id, cp->created_at};
	return db_run(d,
		      "INSERT INTO case_people (id, case_id, person_id, role, created_by, "
		      "created_at, version) VALUES ($1, $2, $3, $4, $5, $6, 1)",
		      6, p);
}

#define CP_COLS                                                                             \
	"cp.id, cp.case_id, c.reference, cp.person_id, p.given_names, p.family_name, cp.role, " \
	"EXISTS (SELECT 1 FROM case_people v WHERE v.person_id = cp.person_id AND "            \
	"v.role = 'potential_victim'), cp.created_at, c.team_id, cp.victim_context "             \
	"FROM case_people cp "           \
	"JOIN people p ON p.id = cp.person_id JOIN cases c ON c.id = cp.case_id "

static void cp_read(arena *a, db_stmt *s, case_person_rec *cp)
{
	db_col_copy(s, 0, cp->id, sizeof cp->id);
	db_col_copy(s, 1, cp->case_id, sizeof cp->case_id);
	db_col_copy(s, 2, cp->case_reference, sizeof cp->case_reference);
	db_col_copy(s, 3, cp->person_id, sizeof cp->person_id);
	cp->given_names = db_col_dup(s, 4, a);
	cp->family_name = db_col_dup(s, 5, a);
	cp->role = db_col_dup(s, 6, a);
	const char *v = db_col_text(s, 7);
	cp->victim_elsewhere = v && (v[0] == '1' || v[0] == 't');
	db_col_copy(s, 8, cp->created_at, sizeof cp->created_at);
	cp->victim_context = db_col_dup(s, 10, a);
}

int store_case_people(db *d, arena *a, const char *case_id,
		      int (*fn)(const case_person_rec *cp, void *arg), void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d, "SELECT " CP_COLS "WHERE cp.case_id = $1 ORDER BY cp.created_at, cp.id",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, case_id)) == DB_OK) {
		case_person_rec cp;
		while ((rc = db_step(s)) == DB_ROW) {
			cp_read(a, s, &cp);
			int r = fn(&cp, arg);
			if (r) {
				rc = r;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_person_cases(db *d, arena *a, const char *person_id,
		       int (*fn)(const case_person_rec *cp, const char *team_id, void *arg),
		       void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d, "SELECT " CP_COLS "WHERE cp.person_id = $1 ORDER BY cp.created_at DESC",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, person_id)) == DB_OK) {
		case_person_rec cp;
		while ((rc = db_step(s)) == DB_ROW) {
			cp_read(a, s, &cp);
			int r = fn(&cp, db_col_text(s, 9), arg);
			if (r) {
				rc = r;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

/* ---- merging ---- */

int store_person_merge(db *d, const char *source_id, const char *target_id, const char *actor_id,
		       int *moved)
{
	char now[CLOCK_ISO_LEN], id[SECURE_ID_LEN];
	clock_now_iso(now);
	secure_id(id);
	*moved = 0;
	/* Move every link the target does not already hold; remember which moved. */
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT cp.id FROM case_people cp WHERE cp.person_id = $1 AND NOT EXISTS "
			    "(SELECT 1 FROM case_people t WHERE t.person_id = $2 AND t.case_id = "
			    "cp.case_id AND t.role = cp.role)",
			    &s);
	if (rc != DB_OK)
		return rc;
	buf ids;
	buf_init(&ids);
	buf_puts(&ids, "[");
	if ((rc = db_bind_text(s, 1, source_id)) == DB_OK && (rc = db_bind_text(s, 2, target_id)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW) {
			buf_printf(&ids, "%s\"%s\"", *moved ? "," : "", db_col_text(s, 0));
			(*moved)++;
		}
	}
	db_finalize(s);
	buf_puts(&ids, "]");
	if (rc != DB_DONE || ids.failed) {
		buf_free(&ids);
		return rc == DB_DONE ? DB_NOMEM : rc;
	}
	const char *mv[] = {target_id, source_id};
	rc = db_run(d,
		    "UPDATE case_people SET person_id = $1 WHERE person_id = $2 AND NOT EXISTS "
		    "(SELECT 1 FROM case_people t WHERE t.person_id = $1 AND t.case_id = "
		    "case_people.case_id AND t.role = case_people.role)",
		    2, mv);
	if (rc == DB_OK) {
		const char *p[] = {target_id, now, source_id};
		rc = db_run(d,
			    "UPDATE people SET merged_into = $1, updated_at = $2, version = version + 1 "
			    "WHERE id = $3",
			    3, p);
	}
	if (rc == DB_OK) {
		const char *p[] = {id, source_id, target_id, buf_str(&ids), actor_id, now};
		rc = db_run(d,
			    "INSERT INTO person_merges (id, source_id, target_id, moved_links, "
			    "merged_by, merged_at) VALUES ($1, $2, $3, $4, $5, $6)",
			    6, p);
	}
	buf_free(&ids);
	return rc;
}

int store_person_unmerge(db *d, arena *a, const char *source_id, const char *actor_id,
			 const char **target_id, const char **moved_links)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT id, target_id, moved_links FROM person_merges WHERE source_id = $1 "
			    "AND undone_at IS NULL ORDER BY merged_at DESC LIMIT 1",
			    &s);
	if (rc != DB_OK)
		return rc;
	const char *merge_id = NULL;
	if ((rc = db_bind_text(s, 1, source_id)) == DB_OK && (rc = db_step(s)) == DB_ROW) {
		merge_id = db_col_dup(s, 0, a);
		*target_id = db_col_dup(s, 1, a);
		*moved_links = db_col_dup(s, 2, a);
	}
	db_finalize(s);
	if (rc != DB_ROW)
		return rc;
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	const char *p[] = {now, source_id};
	rc = db_run(d,
		    "UPDATE people SET merged_into = NULL, updated_at = $1, version = version + 1 "
		    "WHERE id = $2",
		    2, p);
	if (rc == DB_OK) {
		const char *u[] = {actor_id, now, merge_id};
		rc = db_run(d, "UPDATE person_merges SET undone_by = $1, undone_at = $2 WHERE id = $3", 3,
			    u);
	}
	return rc == DB_OK ? DB_ROW : rc;
}

int store_case_link_move(db *d, const char *link_id, const char *person_id)
{
	const char *p[] = {person_id, link_id};
	return db_run(d, "UPDATE case_people SET person_id = $1 WHERE id = $2", 2, p);
}

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
