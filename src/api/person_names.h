/* Finding people by name: the index a person is stored under and the search
 * over it (see domain/names.h for the scheme). Used by the people API, the
 * demo loader, the start-up re-index and the search benchmark. */
#ifndef WAYMARK_API_PERSON_NAMES_H
#define WAYMARK_API_PERSON_NAMES_H

#include "domain/names.h"
#include "lib/arena.h"
#include "store/db.h"
#include "store/people.h"

/* The index of the person's name and every alias. */
void person_name_index(const person_rec *p, name_index *ix);
/* The best score of the query against the person's name and aliases. */
double person_name_score(const name_tokens *q, const person_rec *p);
/* Calls fn with each person the user may see whose name or an alias scores
 * at least threshold against q, best candidates first (not sorted by
 * score). DB_OK, fn's non-zero answer, or a store error. */
int person_find(db *d, arena *a, const person_scope *sc, const char *q, double threshold,
		int (*fn)(const person_rec *p, double score, void *arg), void *arg);
/* Brings every stored person's index up to date with the name rules;
 * count is how many were re-indexed (0 when already current). */
int person_names_reindex(db *d, int *count);

#endif
