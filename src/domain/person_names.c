#include "domain/person_names.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	LIKE_MAX = 8,	    /* dictionary tokens kept per query token */
	PAIR_TOKENS = 6,    /* query tokens paired with each other */
	QUERY_KEYS = 384,   /* index keys one search asks for */
	CANDIDATES = 500,   /* people scored per stage */
	PAIR_ROWS = 20000,  /* index rows read for pairs */
	TOKEN_ROWS = 5000,  /* and for single tokens, when no pair matched */
};
#define LIKE_FLOOR 0.75 /* how alike a dictionary token must be */

static void each_spelling(const name_holder *p, void (*fn)(const name_tokens *t, void *arg), void *arg)
{
	char full[512];
	snprintf(full, sizeof full, "%s %s", p->given_names, p->family_name);
	name_tokens t;
	names_tokenize(full, &t);
	fn(&t, arg);
	json_t *aliases = p->aliases ? json_loads(p->aliases, 0, NULL) : NULL;
	size_t i;
	json_t *a;
	json_array_foreach(aliases, i, a)
	{
		if (!json_is_string(a))
			continue;
		names_tokenize(json_string_value(a), &t);
		fn(&t, arg);
	}
	json_decref(aliases);
}

static void add_spelling(const name_tokens *t, void *arg)
{
	names_index_add(arg, t);
}

void person_names_index(const name_holder *p, name_index *ix)
{
	ix->nkeys = ix->nterms = 0;
	each_spelling(p, add_spelling, ix);
}

typedef struct best_of {
	const name_tokens *q;
	double best;
} best_of;

static void score_spelling(const name_tokens *t, void *arg)
{
	best_of *b = arg;
	double s = names_score(b->q, t);
	if (s > b->best)
		b->best = s;
}

double person_names_score(const name_tokens *q, const name_holder *p)
{
	best_of b = {q, 0};
	each_spelling(p, score_spelling, &b);
	return b.best;
}

/* Whether a query token is at least floor like one of text's tokens, and
 * whether each that is, is the same token (*exact). */
static int part_matches(const name_tokens *q, const char *text, double floor, int *exact)
{
	name_tokens t;
	names_tokenize(text, &t);
	int matched = 0;
	*exact = 1;
	for (int i = 0; i < q->n; i++) {
		double best = 0;
		int same = 0;
		for (int j = 0; j < t.n; j++) {
			double s = names_token_similarity(q->tok[i], t.tok[j]);
			if (s > best || (s == best && strcmp(q->tok[i], t.tok[j]) == 0)) {
				best = s;
				same = strcmp(q->tok[i], t.tok[j]) == 0;
			}
		}
		if (best >= floor) {
			matched = 1;
			*exact &= same;
		}
	}
	return matched;
}

void person_names_explain(const name_tokens *q, const name_holder *h, double floor,
			  void (*fn)(const char *part, const char *value, int exact, void *arg), void *arg)
{
	int exact;
	if (h->given_names && part_matches(q, h->given_names, floor, &exact))
		fn("given_names", h->given_names, exact, arg);
	if (h->family_name && part_matches(q, h->family_name, floor, &exact))
		fn("family_name", h->family_name, exact, arg);
	json_t *aliases = h->aliases ? json_loads(h->aliases, 0, NULL) : NULL;
	size_t i;
	json_t *a;
	json_array_foreach(aliases, i, a)
	{
		if (json_is_string(a) && part_matches(q, json_string_value(a), floor, &exact))
			fn("alias", json_string_value(a), exact, arg);
	}
	json_decref(aliases);
}

/* The dictionary tokens most like one query token. */
typedef struct likes {
	const char *q;
	int n;
	struct {
		char tok[NAME_TOKEN_MAX];
		double sim;
	} v[LIKE_MAX];
} likes;

static int take_like(const char *token, void *arg)
{
	likes *l = arg;
	double s = names_token_similarity(l->q, token);
	if (s < LIKE_FLOOR || (l->n == LIKE_MAX && s <= l->v[LIKE_MAX - 1].sim))
		return 0;
	int at = l->n < LIKE_MAX ? l->n++ : LIKE_MAX - 1;
	while (at > 0 && l->v[at - 1].sim < s) {
		l->v[at] = l->v[at - 1];
		at--;
	}
	snprintf(l->v[at].tok, NAME_TOKEN_MAX, "%s", token);
	l->v[at].sim = s;
	return 0;
}

typedef struct pair {
	char key[NAME_KEY_MAX];
	double sim;
} pair;

static int by_sim(const void *a, const void *b)
{
	double x = ((const pair *)a)->sim, y = ((const pair *)b)->sim;
	return x < y ? 1 : x > y ? -1 : 0;
}

typedef struct stage {
	const name_tokens *q;
	double threshold;
	int (*fn)(const name_holder *h, double score, void *arg);
	void *arg;
	int matched;
} stage;

static int score_candidate(const name_holder *p, void *arg)
{
	stage *s = arg;
	double score = person_names_score(s->q, p);
	if (score < s->threshold)
		return 0;
	s->matched++;
	return s->fn(p, score, s->arg);
}

int person_names_find(const name_source *src, arena *a, const char *q, double threshold,
		      int (*fn)(const name_holder *h, double score, void *arg), void *arg)
{
	name_tokens qt;
	names_tokenize(q, &qt);
	if (qt.n == 0)
		return 0;
	int nt = qt.n < PAIR_TOKENS ? qt.n : PAIR_TOKENS;
	likes like[PAIR_TOKENS];
	for (int i = 0; i < nt; i++) {
		like[i].q = qt.tok[i];
		like[i].n = 0;
		name_tokens one = {.n = 1};
		memcpy(one.tok[0], qt.tok[i], NAME_TOKEN_MAX);
		char fk[NAME_MAX_KEYS][NAME_TOKEN_MAX];
		int nf = names_keys(&one, fk, 0);
		int rc = src->terms(src->ctx, fk, nf, take_like, &like[i]);
		if (rc != 0)
			return rc;
	}
	char (*keys)[NAME_KEY_MAX] = arena_alloc(a, QUERY_KEYS * sizeof *keys);
	if (!keys)
		return src->nomem;
	stage st = {&qt, threshold, fn, arg, 0};
	/* First, people holding a pair of tokens like two of the query's, the
	 * likeliest pairs first. */
	pair *pairs = arena_alloc(a, QUERY_KEYS * sizeof *pairs);
	if (!pairs)
		return src->nomem;
	int nk = 0;
	for (int i = 0; i < nt; i++)
		for (int j = i + 1; j < nt; j++)
			for (int x = 0; x < like[i].n; x++)
				for (int y = 0; y < like[j].n && nk < QUERY_KEYS; y++) {
					pairs[nk].sim = like[i].v[x].sim * like[j].v[y].sim;
					names_pair_key(like[i].v[x].tok, like[j].v[y].tok, pairs[nk++].key);
				}
	qsort(pairs, (size_t)nk, sizeof *pairs, by_sim);
	for (int k = 0; k < nk; k++)
		memcpy(keys[k], pairs[k].key, NAME_KEY_MAX);
	if (nk) {
		int rc = src->holders(src->ctx, keys, nk, CANDIDATES, PAIR_ROWS, score_candidate, &st);
		if (rc != 0 || st.matched)
			return rc;
	}
	/* Then, for one-word queries or when no pair matched, single tokens. */
	nk = 0;
	for (int i = 0; i < nt; i++)
		for (int x = 0; x < like[i].n && nk < QUERY_KEYS; x++)
			names_token_key(like[i].v[x].tok, keys[nk++]);
	return nk ? src->holders(src->ctx, keys, nk, CANDIDATES, TOKEN_ROWS, score_candidate, &st) : 0;
}

