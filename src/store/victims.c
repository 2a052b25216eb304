#include "store/victims.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/secure.h"

int store_case_event_add(db *d, event_rec *e)
{
	secure_id(e->id);
	clock_now_iso(e->created_at);
	const char *p[] = {e->id, e->case_id, e->kind, e->occurred_on, e->note, e->created_by, e->created_at};
	return db_run(d,
		      "INSERT INTO case_events (id, case_id, kind, occurred_on, note, created_by, "
		      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		      7, p);
}

int store_case_victim_links(db *d, const char *case_id, int (*fn)(const char *link_id, void *arg),
			    void *arg)
{
	const char *p[] = {case_id};
	return db_each_text(d,
		       "SELECT id FROM case_people WHERE case_id = $1 AND role = 'potential_victim' "
		       "ORDER BY created_at, id",
			    1, p, fn, arg);
}

int store_update_due_add(db *d, const char *case_id, const char *link_id, const char *event_id,
			 const char *due_on)
{
	char id[SECURE_ID_LEN];
	secure_id(id);
	const char *p[] = {id, case_id, link_id, event_id, due_on};
	return db_run(d,
		      "INSERT INTO victim_updates_due (id, case_id, case_person_id, event_id, due_on) "
		      "VALUES ($1, $2, $3, $4, $5)",
		      5, p);
}

int store_contact_add(db *d, contact_rec *c, int *closed)
{
	secure_id(c->id);
	clock_now_iso(c->created_at);
	*closed = 0;
	const char *p[] = {c->id,	   c->case_id,	   c->link_id, c->contacted_on, c->method,
			   c->language,    c->interpreter, c->summary, c->is_update ? "1" : "0",
			   c->created_by, c->created_at};
	int rc = db_run(d,
			"INSERT INTO victim_contacts (id, case_id, case_person_id, contacted_on, method, "
			"language, interpreter, summary, is_update, created_by, created_at) VALUES ($1, "
			"$2, $3, $4, $5, $6, $7, $8, CAST($9 AS INTEGER), $10, $11)",
			11, p);
	if (rc != DB_OK || !c->is_update)
		return rc;
	db_stmt *s;
	if ((rc = db_prepare(d,
			     "UPDATE victim_updates_due SET closed_by = $1, closed_at = $2 WHERE "
			     "case_person_id = $3 AND closed_at IS NULL RETURNING id",
			     &s)) != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, c->id)) == DB_OK && (rc = db_bind_text(s, 2, c->created_at)) == DB_OK &&
	    (rc = db_bind_text(s, 3, c->link_id)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW)
			(*closed)++;
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_care_put(db *d, const care_rec *c, const char *actor_id)
{
	char now[CLOCK_ISO_LEN], vps[4];
	clock_now_iso(now);
	snprintf(vps, sizeof vps, "%d", c->vps_offered);
	const char *p[] = {c->link_id, c->spoc_name, c->spoc_kind, c->strategy,
			   c->vps_offered >= 0 ? vps : NULL, c->vps_offered_on, actor_id, now};
	return db_run(d,
		      "INSERT INTO victim_care (case_person_id, spoc_name, spoc_kind, strategy, "
		      "vps_offered, vps_offered_on, updated_by, updated_at) VALUES ($1, $2, $3, $4, "
		      "CAST($5 AS INTEGER), $6, $7, $8) ON CONFLICT (case_person_id) DO UPDATE SET "
		      "spoc_name = excluded.spoc_name, spoc_kind = excluded.spoc_kind, strategy = "
		      "excluded.strategy, vps_offered = excluded.vps_offered, vps_offered_on = "
		      "excluded.vps_offered_on, updated_by = excluded.updated_by, updated_at = "
		      "excluded.updated_at",
		      8, p);
}

typedef struct item_rows {
	int (*fn)(const victim_item *v, void *arg);
	void *arg;
} item_rows;

static int item_row(db_stmt *s, void *arg)
{
	item_rows *r = arg;
	const char *vps = db_col_text(s, 6);
	victim_item v = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3),
			 db_col_text(s, 4), db_col_text(s, 5), vps ? (vps[0] == '1' || vps[0] == 't') : -1};
	return r->fn(&v, r->arg);
}

int store_victim_items(db *d, const char *case_id, int (*fn)(const victim_item *v, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT 'care', v.case_person_id, v.spoc_name, v.spoc_kind, v.strategy, v.vps_offered_on, "
		"CAST(v.vps_offered AS TEXT), '' FROM victim_care v JOIN case_people cp ON cp.id = "
		"v.case_person_id WHERE cp.case_id = $1 "
		"UNION ALL SELECT 'update_due', u.case_person_id, u.due_on, e.kind, e.occurred_on, NULL, "
		"NULL, u.due_on FROM victim_updates_due u JOIN case_events e ON e.id = u.event_id WHERE "
		"u.case_id = $1 AND u.closed_at IS NULL "
		"UNION ALL SELECT 'contact', c.case_person_id, c.contacted_on, c.method, c.summary, "
		"CAST(c.is_update AS TEXT), NULL, c.created_at FROM victim_contacts c WHERE c.case_id = $1 "
		"UNION ALL SELECT 'service', s.case_person_id, s.id, s.status, "
		"COALESCE(sv.name, s.provider_name, o.name, s.need), s.respond_by, NULL, s.referred_at FROM "
		"service_referrals s LEFT JOIN services sv ON sv.id = s.service_id LEFT JOIN orgs o ON o.id = "
		"s.provider_org_id WHERE s.case_id = $1 "
		"ORDER BY 1, 8";
	item_rows r = {fn, arg};
	const char *p[] = {case_id};
	return db_each(d, sql, 1, p, item_row, &r);
}
