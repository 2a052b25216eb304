/* The profile of a child kept ahead of any episode (the Philomena
 * protocol): one for each person, versioned. */
#ifndef WAYMARK_STORE_MISSING_PROFILES_H
#define WAYMARK_STORE_MISSING_PROFILES_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

typedef struct profile_rec {
	char person_id[SECURE_ID_LEN];
	const char *physical_description, *photo_description; /* NULL when not said */
	const char *phones, *associates, *places_frequented;  /* JSON array text */
	const char *previous_episodes, *placement;            /* NULL when not said */
	char org_id[SECURE_ID_LEN]; /* the organisation that last kept it */
	char updated_by[SECURE_ID_LEN];
	char updated_at[32];
	int64_t version;                        /* 0: none is kept */
	const char *org_name, *updated_by_name; /* read */
} profile_rec;

/* The person's profile: DB_ROW, or DB_DONE when none is kept. */
int store_profile_get(db *d, arena *a, const char *person_id, profile_rec *p);
/* Writes the profile (person_id, the fields, org_id, updated_by) if the
 * stored version is still p->version (0: none is kept yet): DB_OK with
 * p->version and p->updated_at moved on, or DB_DONE when it changed. */
int store_profile_put(db *d, profile_rec *p);

#endif
