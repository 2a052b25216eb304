/* Finding people by name: the index a person is filed under, how well a
 * query matches them, and the search that plans which keys to read (see
 * domain/names.h for the scheme). Where the keys are read from is the
 * caller's: the store, within the searcher's reach. */
#ifndef WAYMARK_DOMAIN_PERSON_NAMES_H
#define WAYMARK_DOMAIN_PERSON_NAMES_H

#include "domain/names.h"
#include "lib/arena.h"

/* A person as name search sees them: the names they go by (aliases: a JSON
 * array of strings, or NULL) and their record, handed back untouched. */
typedef struct name_holder {
	const char *given_names;
	const char *family_name;
	const char *aliases;
	const void *record;
} name_holder;

/* Where a search reads. terms calls fn with each dictionary token filed
 * under one of the fuzzy keys; holders calls fn with each person holding
 * one of the index keys (those holding the most first, at most limit,
 * having read at most max_rows index rows). Each answers 0, fn's non-zero
 * answer, or an error code of its own, which the search hands back;
 * nomem is the code for memory running out. */
typedef struct name_source {
	int (*terms)(void *ctx, char keys[][NAME_TOKEN_MAX], int nkeys, int (*fn)(const char *token, void *arg),
		     void *arg);
	int (*holders)(void *ctx, char keys[][NAME_KEY_MAX], int nkeys, int limit, int max_rows,
		       int (*fn)(const name_holder *h, void *arg), void *arg);
	void *ctx;
	int nomem;
} name_source;

/* The index of the person's name and every alias. */
void person_names_index(const name_holder *h, name_index *ix);
/* The best score of the query against the person's name and aliases. */
double person_names_score(const name_tokens *q, const name_holder *h);
/* Why the query matched the person: calls fn with each part of their names
 * ("given_names", "family_name", or "alias" with the alias's text) where a
 * query token is at least floor like one of the part's tokens; exact when
 * every such token is the query's own (once folded: case and accents aside).
 * value lives only during the call. */
void person_names_explain(const name_tokens *q, const name_holder *h, double floor,
			  void (*fn)(const char *part, const char *value, int exact, void *arg), void *arg);
/* Calls fn with each person the source yields whose name or an alias
 * scores at least threshold against q: first those holding a pair of
 * tokens like two of the query's (the likeliest pairs first), and only
 * when none matched, those holding one such token. Scratch space comes
 * from a. Returns 0, fn's non-zero answer, or the source's error. */
int person_names_find(const name_source *src, arena *a, const char *q, double threshold,
		      int (*fn)(const name_holder *h, double score, void *arg), void *arg);

#endif
