/* People in cases: their parts, and merging two records of one person. */
#include "store/case_people.h"

#include <string.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/people.h"

int store_case_person_add(db *d, case_person_rec *cp, const char *actor_id)
{
	secure_id(cp->id);
	if (!cp->created_at[0]) /* demo data may date its links */
		clock_now_iso(cp->created_at);
	const char *p[] = {cp->id, cp->case_id, cp->person_id, cp->role, actor_id, cp->created_at};
	int rc = db_run(d,
			"INSERT INTO case_people (id, case_id, person_id, role, created_by, "
			"created_at, version) VALUES ($1, $2, $3, $4, $5, $6, 1)",
			6, p);
	return rc == DB_OK ? store_person_refile(d, cp->person_id) : rc;
}

#define CP_COLS                                                                             \
	"cp.id, cp.case_id, c.reference, cp.person_id, p.given_names, p.family_name, cp.role, " \
	"(EXISTS (SELECT 1 FROM case_people v WHERE v.person_id = cp.person_id AND "           \
	"v.role = 'potential_victim') OR EXISTS (SELECT 1 FROM indicators i JOIN case_people w " \
	"ON w.id = i.case_person_id WHERE w.person_id = cp.person_id)), cp.created_at, "        \
	"c.team_id, cp.victim_context, p.date_of_birth, p.estimated_age, p.age_disputed, "      \
	"p.restricted_since, p.restriction_reason, p.rectifications "                           \
	"FROM case_people cp "           \
	"JOIN people p ON p.id = cp.person_id JOIN cases c ON c.id = cp.case_id "

static int cp_read(arena *a, db_stmt *s, void *rec)
{
	case_person_rec *cp = rec;
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
	cp->date_of_birth = db_col_dup(s, 11, a);
	cp->estimated_age = db_col_is_null(s, 12) ? -1 : (int)db_col_int(s, 12);
	cp->age_disputed = (int)db_col_int(s, 13);
	cp->restricted_since = db_col_dup(s, 14, a);
	cp->restriction_reason = db_col_dup(s, 15, a);
	cp->rectifications = db_col_dup(s, 16, a);
	return DB_OK;
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
	if (rc == DB_OK && (rc = store_person_refile(d, source_id)) == DB_OK)
		rc = store_person_refile(d, target_id);
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
	char was[SECURE_ID_LEN] = "";
	db_stmt *s;
	int rc = db_prepare(d, "SELECT person_id FROM case_people WHERE id = $1", &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, link_id)) == DB_OK && (rc = db_step(s)) == DB_ROW)
		db_col_copy(s, 0, was, sizeof was);
	db_finalize(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? DB_OK : rc;
	const char *p[] = {person_id, link_id};
	rc = db_run(d, "UPDATE case_people SET person_id = $1 WHERE id = $2", 2, p);
	if (rc == DB_OK && (rc = store_person_refile(d, was)) == DB_OK)
		rc = store_person_refile(d, person_id);
	return rc;
}
