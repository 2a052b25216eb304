#include "store/missing_places.h"

typedef struct each_place {
	int (*fn)(const missing_place_rec *r, void *arg);
	void *arg;
} each_place;

static int one_place(db_stmt *s, void *arg)
{
	each_place *x = arg;
	missing_place_rec r = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2),
	                       db_col_text(s, 3)};
	return x->fn(&r, x->arg);
}

int store_missing_places(db *d, const char *org_id,
                         int (*fn)(const missing_place_rec *r, void *arg), void *arg)
{
	const char *v[] = {org_id};
	each_place x = {fn, arg};
	return db_each(
	    d,
	    "SELECT w.episode_id, w.person_id, w.place, w.at FROM ("
	    "SELECT e.id AS episode_id, e.person_id AS person_id, e.last_seen_place AS place, "
	    "e.last_seen_at "
	    "AS at, 0 AS source, e.id AS row_id FROM missing_episodes e WHERE e.org_id = $1"
	    " UNION ALL "
	    "SELECT e.id, e.person_id, e.where_found, e.returned_at, 1, e.id FROM missing_episodes "
	    "e WHERE "
	    "e.org_id = $1 AND e.where_found IS NOT NULL AND e.returned_at IS NOT NULL"
	    " UNION ALL "
	    "SELECT e.id, e.person_id, m.place, m.at, 2, m.id FROM missing_entries m JOIN "
	    "missing_episodes e "
	    "ON e.id = m.episode_id WHERE e.org_id = $1 AND m.kind = 'sighting' AND m.place IS NOT "
	    "NULL"
	    " UNION ALL "
	    "SELECT e.id, e.person_id, COALESCE(a.place, pl.address), e.last_seen_at, 3, a.id FROM "
	    "missing_associations a JOIN missing_episodes e ON e.id = a.episode_id LEFT JOIN "
	    "places pl ON "
	    "pl.id = a.place_id WHERE e.org_id = $1 AND a.person_id IS NULL AND COALESCE(a.place, "
	    "pl.address) IS NOT NULL"
	    ") w ORDER BY w.at, w.source, w.row_id",
	    1, v, one_place, &x);
}
