#include "store/case_items.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/secure.h"

int store_case_link(db *d, arena *a, const char *case_id, const char *link_id, const char **link_role)
{
	const char *p[] = {link_id, case_id};
	db_stmt *s;
	int rc = db_one(d, "SELECT role FROM case_people WHERE id = $1 AND case_id = $2", 2, p, &s);
	if (rc == DB_ROW)
		*link_role = db_col_dup(s, 0, a);
	db_finalize(s);
	return rc;
}

int store_indicator_add(db *d, const char *link_id, const char *code, const char *note,
			const char *actor_id, char id[SECURE_ID_LEN])
{
	return store_indicator_add_at(d, link_id, code, note, actor_id, NULL, id);
}

int store_indicator_add_at(db *d, const char *link_id, const char *code, const char *note,
			   const char *actor_id, const char *at, char id[SECURE_ID_LEN])
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	secure_id(id);
	const char *p[] = {id, link_id, code, note, actor_id, at ? at : now};
	return db_run(d,
		      "INSERT INTO indicators (id, case_person_id, code, note, recorded_by, "
		      "recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
		      6, p);
}

int store_indicators(db *d, const char *case_id, int (*fn)(const indicator_rec *r, void *arg),
		     void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT i.id, i.case_person_id, i.code, i.note, u.display_name, "
			    "i.recorded_at FROM indicators i JOIN case_people cp ON cp.id = "
			    "i.case_person_id JOIN users u ON u.id = i.recorded_by WHERE cp.case_id = "
			    "$1 ORDER BY i.recorded_at, i.id",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, case_id)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW) {
			indicator_rec r = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2),
					   db_col_text(s, 3), db_col_text(s, 4), db_col_text(s, 5)};
			int x = fn(&r, arg);
			if (x) {
				rc = x;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_victim_context_set(db *d, const char *link_id, const char *context)
{
	const char *p[] = {context, link_id};
	return db_run(d,
		      "UPDATE case_people SET victim_context = $1, version = version + 1 WHERE id = $2",
		      2, p);
}

int store_place_add(db *d, place_rec *p, const char *actor_id)
{
	secure_id(p->id);
	clock_now_iso(p->created_at);
	const char *v[] = {p->id,	 p->case_id, p->kind,	   p->address, p->postcode,
			   p->country, p->date_from, p->date_to, actor_id,   p->created_at};
	return db_run(d,
		      "INSERT INTO places (id, case_id, kind, address, postcode, country, date_from, "
		      "date_to, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		      "$10)",
		      10, v);
}

int store_places(db *d, const char *case_id, int (*fn)(const place_rec *p, void *arg), void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT id, case_id, kind, address, postcode, country, date_from, date_to, "
			    "created_at FROM places WHERE case_id = $1 ORDER BY COALESCE(date_from, "
			    "'9999'), created_at",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, case_id)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW) {
			place_rec p = {.case_id = db_col_text(s, 1),
				       .kind = db_col_text(s, 2),
				       .address = db_col_text(s, 3),
				       .postcode = db_col_text(s, 4),
				       .country = db_col_text(s, 5),
				       .date_from = db_col_text(s, 6),
				       .date_to = db_col_text(s, 7)};
			snprintf(p.id, sizeof p.id, "%s", db_col_text(s, 0));
			snprintf(p.created_at, sizeof p.created_at, "%s", db_col_text(s, 8));
			int x = fn(&p, arg);
			if (x) {
				rc = x;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_note_add(db *d, note_rec *n)
{
	secure_id(n->id);
	clock_now_iso(n->at);
	const char *p[] = {n->id, n->case_id, n->at, n->author_id, n->kind, n->text, n->sealed_text};
	return db_run(d,
		      "INSERT INTO timeline (id, case_id, at, author_id, kind, text, sealed_text) "
		      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
		      7, p);
}

int store_timeline(db *d, const char *case_id, int (*fn)(const note_rec *n, void *arg), void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT t.id, t.kind, t.text, t.sealed_text, t.author_id, u.display_name, "
			    "t.at FROM timeline t JOIN users u ON u.id = t.author_id WHERE t.case_id = "
			    "$1 ORDER BY t.at DESC, t.id DESC",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, case_id)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW) {
			note_rec n = {.case_id = case_id,
				      .kind = db_col_text(s, 1),
				      .text = db_col_text(s, 2),
				      .sealed_text = db_col_text(s, 3),
				      .author_id = db_col_text(s, 4),
				      .author_name = db_col_text(s, 5)};
			snprintf(n.id, sizeof n.id, "%s", db_col_text(s, 0));
			snprintf(n.at, sizeof n.at, "%s", db_col_text(s, 6));
			int x = fn(&n, arg);
			if (x) {
				rc = x;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}
