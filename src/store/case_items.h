/* What is recorded inside a case: indicators for a person, the victim
 * context of a potential victim, places, and the timeline of notes. */
#ifndef WAYMARK_STORE_CASE_ITEMS_H
#define WAYMARK_STORE_CASE_ITEMS_H

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

/* Finds a person's link to a case: DB_ROW with their role (in a), or DB_DONE. */
int store_case_link(db *d, arena *a, const char *case_id, const char *link_id, const char **link_role);

/* DB_CONSTRAINT when the indicator is already recorded for this link. */
int store_indicator_add(db *d, const char *link_id, const char *code, const char *note,
			const char *actor_id, char id[SECURE_ID_LEN]);
/* The same, recorded at a given time (demo data), or now when at is NULL. */
int store_indicator_add_at(db *d, const char *link_id, const char *code, const char *note,
			   const char *actor_id, const char *at, char id[SECURE_ID_LEN]);

typedef struct indicator_rec {
	const char *id, *link_id, *code, *note, *recorded_by, *recorded_at;
} indicator_rec;

int store_indicators(db *d, const char *case_id, int (*fn)(const indicator_rec *r, void *arg),
		     void *arg);

/* Replaces the victim context (JSON text) of a link. */
int store_victim_context_set(db *d, const char *link_id, const char *context);

typedef struct place_rec {
	char id[SECURE_ID_LEN];
	const char *case_id, *kind, *address, *postcode, *country, *date_from, *date_to;
	char created_at[32];
} place_rec;

int store_place_add(db *d, place_rec *p, const char *actor_id);
int store_places(db *d, const char *case_id, int (*fn)(const place_rec *p, void *arg), void *arg);

typedef struct note_rec {
	char id[SECURE_ID_LEN];
	const char *case_id, *kind, *text, *sealed_text, *author_id, *author_name;
	char at[32];
} note_rec;

/* Adds an entry to the timeline; text or sealed_text (ciphertext) is set. */
int store_note_add(db *d, note_rec *n);
/* Calls fn for each entry, newest first. */
int store_timeline(db *d, const char *case_id, int (*fn)(const note_rec *n, void *arg), void *arg);

#endif
