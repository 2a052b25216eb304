/* Name search wired to the store: the search (domain/person_names.c) reads
 * the dictionary and the people within the searcher's reach through the
 * store's queries. */
#include "api/person_names.h"

#include "domain/person_names.h"

typedef struct store_source {
	db *d;
	arena *a;
	const person_scope *scope;
} store_source;

static int read_terms(void *ctx, char keys[][NAME_TOKEN_MAX], int nkeys, int (*fn)(const char *token, void *arg),
		      void *arg)
{
	store_source *s = ctx;
	return store_name_terms(s->d, s->a, keys, nkeys, fn, arg);
}

static name_holder holder_of(const person_rec *p)
{
	return (name_holder){p->given_names, p->family_name, p->aliases, p};
}

typedef struct holder_call {
	int (*fn)(const name_holder *h, void *arg);
	void *arg;
} holder_call;

static int each_holder(const person_rec *p, void *arg)
{
	holder_call *c = arg;
	name_holder h = holder_of(p);
	return c->fn(&h, c->arg);
}

static int read_holders(void *ctx, char keys[][NAME_KEY_MAX], int nkeys, int limit, int max_rows,
			int (*fn)(const name_holder *h, void *arg), void *arg)
{
	store_source *s = ctx;
	holder_call c = {fn, arg};
	return store_person_candidates(s->d, s->a, s->scope, keys, nkeys, limit, max_rows, each_holder, &c);
}

void person_name_index(const person_rec *p, name_index *ix)
{
	name_holder h = holder_of(p);
	person_names_index(&h, ix);
}

typedef struct found_call {
	int (*fn)(const person_rec *p, double score, void *arg);
	void *arg;
} found_call;

static int each_found(const name_holder *h, double score, void *arg)
{
	found_call *c = arg;
	return c->fn(h->record, score, c->arg);
}

int person_find(db *d, arena *a, const person_scope *sc, const char *q, double threshold,
		int (*fn)(const person_rec *p, double score, void *arg), void *arg)
{
	store_source s = {d, a, sc};
	name_source src = {read_terms, read_holders, &s, DB_NOMEM};
	found_call c = {fn, arg};
	return person_names_find(&src, a, q, threshold, each_found, &c);
}

int person_names_reindex(db *d, int *count)
{
	return store_people_reindex(d, NAME_INDEX_VERSION, person_name_index, count);
}
