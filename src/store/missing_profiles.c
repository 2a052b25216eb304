#include "store/missing_profiles.h"

#include <stdio.h>

#include "lib/clock.h"

static int read_profile(arena *a, db_stmt *s, void *rec)
{
	profile_rec *p = rec;
	db_col_copy(s, 0, p->person_id, sizeof p->person_id);
	const char **text[] = {
	    &p->physical_description, &p->photo_description, &p->phones,   &p->associates,
	    &p->places_frequented,    &p->previous_episodes, &p->placement};
	for (int i = 0; i < 7; i++)
		*text[i] = db_col_dup(s, 1 + i, a);
	db_col_copy(s, 8, p->org_id, sizeof p->org_id);
	db_col_copy(s, 9, p->updated_by, sizeof p->updated_by);
	db_col_copy(s, 10, p->updated_at, sizeof p->updated_at);
	p->version = db_col_int(s, 11);
	p->org_name = db_col_dup(s, 12, a);
	p->updated_by_name = db_col_dup(s, 13, a);
	return DB_OK;
}

int store_profile_get(db *d, arena *a, const char *person_id, profile_rec *p)
{
	const char *v[] = {person_id};
	return db_get(d, a,
	              "SELECT m.person_id, m.physical_description, m.photo_description, m.phones, "
	              "m.associates, "
	              "m.places_frequented, m.previous_episodes, m.placement, m.org_id, "
	              "m.updated_by, m.updated_at, "
	              "m.version, o.name, u.display_name FROM missing_profiles m JOIN orgs o ON "
	              "o.id = m.org_id JOIN "
	              "users u ON u.id = m.updated_by WHERE m.person_id = $1",
	              1, v, read_profile, p);
}

int store_profile_put(db *d, profile_rec *p)
{
	char version[24], now[CLOCK_ISO_LEN];
	snprintf(version, sizeof version, "%lld", (long long)p->version);
	clock_now_iso(now);
	const char *v[] = {p->person_id,
	                   p->physical_description,
	                   p->photo_description,
	                   p->phones,
	                   p->associates,
	                   p->places_frequented,
	                   p->previous_episodes,
	                   p->placement,
	                   p->org_id,
	                   p->updated_by,
	                   now,
	                   version};
	int n = 0;
	int rc = p->version == 0
	             ? db_count(d,
	                        "INSERT INTO missing_profiles (person_id, physical_description, "
	                        "photo_description, "
	                        "phones, associates, places_frequented, previous_episodes, "
	                        "placement, org_id, "
	                        "updated_by, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, "
	                        "$7, $8, $9, $10, "
	                        "$11, 1) ON CONFLICT (person_id) DO NOTHING RETURNING version",
	                        11, v, &n)
	             : db_count(d,
	                        "UPDATE missing_profiles SET physical_description = $2, "
	                        "photo_description = $3, "
	                        "phones = $4, associates = $5, places_frequented = $6, "
	                        "previous_episodes = $7, "
	                        "placement = $8, org_id = $9, updated_by = $10, updated_at = $11, "
	                        "version = version "
	                        "+ 1 WHERE person_id = $1 AND version = CAST($12 AS INTEGER) "
	                        "RETURNING version",
	                        12, v, &n);
	if (rc != DB_OK)
		return rc;
	if (n == 0)
		return DB_DONE;
	p->version++;
	snprintf(p->updated_at, sizeof p->updated_at, "%s", now);
	return DB_OK;
}
