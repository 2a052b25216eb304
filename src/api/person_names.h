/* Finding people by name in the store: the search of domain/person_names.h
 * over the store's dictionary and people, within a reach. Used by the
 * people API, the demo loader, the start-up re-index and the search
 * benchmark. */
#ifndef WAYMARK_API_PERSON_NAMES_H
#define WAYMARK_API_PERSON_NAMES_H

#include "domain/names.h"
#include "lib/arena.h"
#include "store/db.h"
#include "store/people.h"

/* The index of the person's name and every alias. */
void person_name_index(const person_rec *p, name_index *ix);
/* Calls fn with each person the user may see whose name or an alias scores
 * at least threshold against q, best candidates first (not sorted by
 * score). DB_OK, fn's non-zero answer, or a store error. */
int person_find(db *d, arena *a, const person_scope *sc, const char *q, double threshold,
		int (*fn)(const person_rec *p, double score, void *arg), void *arg);
/* Brings every stored person's index up to date with the name rules;
 * count is how many were re-indexed (0 when already current). */
int person_names_reindex(db *d, int *count);

#endif
