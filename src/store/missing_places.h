/* The places a force's missing episodes name, read for its hot spots (the
 * counting is domain/missing_places.h's). */
#ifndef WAYMARK_STORE_MISSING_PLACES_H
#define WAYMARK_STORE_MISSING_PLACES_H

#include "store/db.h"

/* One place named in an episode, and when it came up: the last seen place
 * (at the last seen time), where they were found (at the return), a
 * sighting's place (at the sighting) or a place the episode is associated
 * with, in words or a recorded place's address (at the last seen time). */
typedef struct missing_place_rec {
	const char *episode_id, *person_id, *place, *at;
} missing_place_rec;

/* Calls fn with each place named in the episodes the organisation owns,
 * the earliest first; the strings last until fn returns, and a non-zero
 * answer from fn stops there and is returned. DB_OK or the error. */
int store_missing_places(db *d, const char *org_id,
                         int (*fn)(const missing_place_rec *r, void *arg), void *arg);

#endif
