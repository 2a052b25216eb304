/* The network around a case, breadth first over rings of cases. Each ring
 * takes a handful of queries, each over the whole ring at once (an IN list
 * of the ring's ids, in chunks), never one per node: the people of the
 * ring's cases and every part those people have elsewhere; the selectors
 * and every selector with the same match_key; the places and every place
 * with the same postcode. Each row carries whether the caller reads its
 * case and sees suspects there, so what is beyond the reach is counted in
 * the store and never leaves it. */
#include "store/network.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ids in one statement (with the six reach parameters, within the 64 the
 * PostgreSQL engine binds): the list is padded with NULL up to a bucket so
 * that a few texts serve every ring (and the statement caches keep them). */
#define CHUNK 58
/* Rows one statement may bring back; past it the answer is truncated. */
#define ROW_LIMIT 4000

/* ---- a set of strings with an int each, in the arena ---- */

typedef struct sset {
	arena *a;
	const char **keys;
	int *vals;
	size_t cap, n;
} sset;

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int sset_find(const sset *s, const char *k)
{
	if (!s->cap)
		return -1;
	for (size_t i = hash(k) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->keys[i])
			return -1;
		if (strcmp(s->keys[i], k) == 0)
			return (int)i;
	}
}

static int sset_get(const sset *s, const char *k, int def)
{
	int i = sset_find(s, k);
	return i < 0 ? def : s->vals[i];
}

static int sset_has(const sset *s, const char *k)
{
	return sset_find(s, k) >= 0;
}

static int sset_grow(sset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	const char **keys = arena_alloc(s->a, cap * sizeof *keys);
	int *vals = arena_alloc(s->a, cap * sizeof *vals);
	if (!keys || !vals)
		return DB_NOMEM;
	memset(keys, 0, cap * sizeof *keys);
	for (size_t j = 0; j < s->cap; j++) {
		if (!s->keys[j])
			continue;
		size_t i = hash(s->keys[j]) & (cap - 1);
		while (keys[i])
			i = (i + 1) & (cap - 1);
		keys[i] = s->keys[j];
		vals[i] = s->vals[j];
	}
	s->keys = keys;
	s->vals = vals;
	s->cap = cap;
	return DB_OK;
}

/* Sets k to v (k copied). DB_OK or DB_NOMEM. */
static int sset_put(sset *s, const char *k, int v)
{
	int i = sset_find(s, k);
	if (i >= 0) {
		s->vals[i] = v;
		return DB_OK;
	}
	if ((s->n + 1) * 2 > s->cap && sset_grow(s) != DB_OK)
		return DB_NOMEM;
	const char *copy = arena_strdup(s->a, k);
	if (!copy)
		return DB_NOMEM;
	size_t j = hash(k) & (s->cap - 1);
	while (s->keys[j])
		j = (j + 1) & (s->cap - 1);
	s->keys[j] = copy;
	s->vals[j] = v;
	s->n++;
	return DB_OK;
}

/* ---- lists of ids ---- */

typedef struct idlist {
	const char **v;
	size_t n, cap;
} idlist;

static int idlist_add(arena *a, idlist *l, const char *id)
{
	const char **v = arena_grow(a, l->v, &l->cap, l->n, sizeof *v, 32);
	if (!v)
		return DB_NOMEM;
	l->v = v;
	if (!(l->v[l->n] = arena_strdup(a, id)))
		return DB_NOMEM;
	l->n++;
	return DB_OK;
}

/* ---- the walk ---- */

typedef struct walk {
	db *d;
	arena *a;
	const network_query *q;
	network_graph *g;
	size_t ncap, ecap, max_nodes;
	sset nodes; /* node id -> index in g->nodes */
	sset edges; /* "source\ntarget\nkind" */
	sset depth; /* readable case id -> its depth */
	sset withheld_cases, withheld_people, withheld_selectors, seen_people;
	sset person_seen; /* people whose parts elsewhere were read */
	sset key_node;    /* match_key -> index of its selector node */
	sset postcode_seen;
	idlist next; /* the next ring */
	int ring;    /* the depth of the ring being read */
	int rows;    /* rows the current query brought back */
	const char *params[6 + CHUNK];
} walk;

static const char *dup(walk *w, const char *s)
{
	return s ? arena_strdup(w->a, s) : NULL;
}

/* Adds a node unless it is there: its index, -1 when the limit stops it
 * (truncated), or -2 when memory runs out. */
static int node_add(walk *w, const char *id, network_kind kind, const char *record_id,
                    const char *a, const char *b)
{
	int i = sset_get(&w->nodes, id, -1);
	if (i >= 0)
		return i;
	if (w->g->nnodes >= w->max_nodes) {
		w->g->truncated = 1;
		return -1;
	}
	network_node *nodes =
	    arena_grow(w->a, w->g->nodes, &w->ncap, w->g->nnodes, sizeof *nodes, 64);
	if (!nodes)
		return -2;
	w->g->nodes = nodes;
	network_node *n = &w->g->nodes[w->g->nnodes];
	memset(n, 0, sizeof *n);
	n->id = dup(w, id);
	n->kind = kind;
	n->depth = w->ring;
	n->record_id = dup(w, record_id);
	n->a = dup(w, a);
	n->b = dup(w, b);
	if (!n->id || !n->record_id || sset_put(&w->nodes, id, (int)w->g->nnodes) != DB_OK)
		return -2;
	return (int)w->g->nnodes++;
}

/* Adds the edge when both its ends are nodes and it is not there yet. */
static int edge_add(walk *w, const char *source, const char *target, const char *kind)
{
	int s = sset_get(&w->nodes, source, -1), t = sset_get(&w->nodes, target, -1);
	if (s < 0 || t < 0)
		return DB_OK;
	char key[400];
	snprintf(key, sizeof key, "%s\n%s\n%s", source, target, kind);
	if (sset_has(&w->edges, key))
		return DB_OK;
	if (sset_put(&w->edges, key, 1) != DB_OK)
		return DB_NOMEM;
	network_edge *edges =
	    arena_grow(w->a, w->g->edges, &w->ecap, w->g->nedges, sizeof *edges, 64);
	if (!edges)
		return DB_NOMEM;
	w->g->edges = edges;
	network_edge *e = &w->g->edges[w->g->nedges];
	/* Nodes' ids live as long as the graph. */
	e->source = w->g->nodes[s].id;
	e->target = w->g->nodes[t].id;
	e->kind = dup(w, kind);
	if (!e->kind)
		return DB_NOMEM;
	w->g->nedges++;
	return DB_OK;
}

static void case_node_id(const char *case_id, char *out, size_t n)
{
	snprintf(out, n, "case:%s", case_id);
}

/* A case met in a row: readable ones become nodes (and, new, join the next
 * ring); the others are counted. Sets *node to its node id (NULL when it
 * is none). */
static int case_met(walk *w, const char *case_id, int readable, const char *reference,
                    const char *title, char *node, size_t n)
{
	node[0] = 0;
	if (!readable)
		return sset_put(&w->withheld_cases, case_id, 1);
	case_node_id(case_id, node, n);
	if (sset_has(&w->depth, case_id))
		return sset_has(&w->nodes, node) ? DB_OK : (node[0] = 0, DB_OK);
	int saved = w->ring;
	w->ring = saved + 1;
	int i = node_add(w, node, NET_CASE, case_id, reference, title);
	w->ring = saved;
	if (i == -2)
		return DB_NOMEM;
	if (i < 0) {
		node[0] = 0;
		return DB_OK;
	}
	int rc = sset_put(&w->depth, case_id, saved + 1);
	return rc == DB_OK ? idlist_add(w->a, &w->next, case_id) : rc;
}

/* Runs sql over ids in chunks, with the two reaches at $1..$6 and the ids
 * from $7 on, where the text holds "%s" for the list. */
static int each_chunk(walk *w, const char *fmt, const idlist *ids,
                      int (*row)(db_stmt *s, void *arg))
{
	static const size_t buckets[] = {8, 24, CHUNK};
	const store_reach *c = &w->q->cases, *s = &w->q->suspects;
	w->params[0] = c->user_id;
	w->params[1] = c->team_id && c->team_id[0] ? c->team_id : NULL;
	w->params[2] = c->org_id;
	w->params[3] = s->user_id;
	w->params[4] = s->team_id && s->team_id[0] ? s->team_id : NULL;
	w->params[5] = s->org_id;
	for (size_t at = 0; at < ids->n; at += CHUNK) {
		size_t n = ids->n - at < CHUNK ? ids->n - at : CHUNK, b = 0;
		while (buckets[b] < n)
			b++;
		char list[CHUNK * 6], sql[4096];
		size_t len = 0;
		for (size_t i = 0; i < buckets[b]; i++) {
			len += (size_t)snprintf(list + len, sizeof list - len, "%s$%zu",
			                        i ? "," : "", i + 7);
			w->params[6 + i] = i < n ? ids->v[at + i] : NULL;
		}
		const char *hole = strstr(fmt, "%s");
		int k = hole ? snprintf(sql, sizeof sql, "%.*s%s%s", (int)(hole - fmt), fmt, list,
		                        hole + 2)
		             : -1;
		if (k < 0 || (size_t)k >= sizeof sql)
			return DB_ERR;
		int rc = db_each(w->d, sql, (int)(6 + buckets[b]), w->params, row, w);
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

#define READ_FLAG(c) "CASE WHEN " REACH_CASE(c, "$1", "$2", "$3") " THEN 1 ELSE 0 END"
#define SUSPECT_FLAG(c) "CASE WHEN " REACH_CASE(c, "$4", "$5", "$6") " THEN 1 ELSE 0 END"
#define LIMIT_TEXT " LIMIT 4001"

/* Whether the query has brought back more rows than are taken (then the
 * answer says it is truncated, and the row is passed over). */
static int rows_over(walk *w)
{
	if (++w->rows > ROW_LIMIT) {
		w->g->truncated = 1;
		return 1;
	}
	return 0;
}

/* ---- people ---- */

/* The parts of the ring's people: case, person, role, names, read, suspects. */
static int person_part_row(db_stmt *s, void *arg)
{
	walk *w = arg;
	if (rows_over(w))
		return 0;
	const char *case_id = db_col_text(s, 0), *person_id = db_col_text(s, 1),
	           *role = db_col_text(s, 2);
	int readable = (int)db_col_int(s, 5), suspects = (int)db_col_int(s, 6);
	int visible = readable && (strcmp(role, "suspect") != 0 || suspects);
	char pnode[64], cnode[64];
	snprintf(pnode, sizeof pnode, "person:%s", person_id);
	/* A person seen here, or one withheld unless seen in another part. */
	if (!visible)
		return sset_has(&w->seen_people, person_id)
		           ? DB_OK
		           : sset_put(&w->withheld_people, person_id, 1);
	int rc = sset_put(&w->seen_people, person_id, 1);
	if (rc == DB_OK && sset_has(&w->withheld_people, person_id))
		rc = sset_put(&w->withheld_people, person_id, 0);
	if (rc != DB_OK)
		return rc;
	int i = node_add(w, pnode, NET_PERSON, person_id, db_col_text(s, 3), db_col_text(s, 4));
	if (i == -2)
		return DB_NOMEM;
	if (i >= 0 && !w->g->nodes[i].role && !(w->g->nodes[i].role = dup(w, role)))
		return DB_NOMEM;
	case_node_id(case_id, cnode, sizeof cnode);
	return edge_add(w, cnode, pnode, role);
}

/* Another part of a person seen: person, case, role, reference, title, read, suspects. */
static int person_elsewhere_row(db_stmt *s, void *arg)
{
	walk *w = arg;
	if (rows_over(w))
		return 0;
	const char *person_id = db_col_text(s, 0), *case_id = db_col_text(s, 1),
	           *role = db_col_text(s, 2);
	int readable = (int)db_col_int(s, 5), suspects = (int)db_col_int(s, 6);
	if (readable && strcmp(role, "suspect") == 0 && !suspects)
		return DB_OK; /* a part the caller may not see is no link for them */
	char cnode[64], pnode[64];
	int rc = case_met(w, case_id, readable, db_col_text(s, 3), db_col_text(s, 4), cnode,
	                  sizeof cnode);
	if (rc != DB_OK || !cnode[0])
		return rc;
	snprintf(pnode, sizeof pnode, "person:%s", person_id);
	return edge_add(w, cnode, pnode, role);
}

/* ---- selectors ---- */

/* The ring's selectors: id, case, kind, match_key, about, normalised,
 * sealed, about visible. */
static int selector_row(db_stmt *s, void *arg)
{
	walk *w = arg;
	if (rows_over(w))
		return 0;
	const char *id = db_col_text(s, 0), *key = db_col_text(s, 3);
	if (!db_col_int(s, 7) || (w->q->hide_sealed && db_col_int(s, 6)))
		return sset_put(&w->withheld_selectors, id, 1);
	return sset_has(&w->key_node, key) ? DB_OK : sset_put(&w->key_node, key, -1);
}

/* Every selector with one of the keys: id, case, kind, match_key, about,
 * normalised, sealed, about visible, reference, title, read; lowest id
 * first, so that a key's node is named by its lowest visible selector. */
static int match_row(db_stmt *s, void *arg)
{
	walk *w = arg;
	if (rows_over(w))
		return 0;
	const char *id = db_col_text(s, 0), *case_id = db_col_text(s, 1), *key = db_col_text(s, 3);
	const char *about = db_col_text(s, 4);
	int readable = (int)db_col_int(s, 10);
	if (!readable)
		return sset_put(&w->withheld_cases, case_id, 1);
	/* A sealed selector joined to its matches would tell its value to a
	 * caller who may not reveal it: left out, as one they may not see. */
	if (!db_col_int(s, 7) || (w->q->hide_sealed && db_col_int(s, 6)))
		return sset_put(&w->withheld_selectors, id, 1);
	int k = sset_get(&w->key_node, key, -1);
	char snode[64], cnode[64], pnode[64];
	if (k < 0) {
		snprintf(snode, sizeof snode, "selector:%s", id);
		int i = node_add(w, snode, NET_SELECTOR, id, db_col_text(s, 2),
		                 db_col_int(s, 6) ? NULL : db_col_text(s, 5));
		if (i == -2)
			return DB_NOMEM;
		if (i < 0)
			return DB_OK;
		w->g->nodes[i].sealed = (int)db_col_int(s, 6);
		int rc = sset_put(&w->key_node, key, i);
		if (rc != DB_OK)
			return rc;
		k = i;
	}
	const char *sn = w->g->nodes[k].id;
	int rc = case_met(w, case_id, 1, db_col_text(s, 8), db_col_text(s, 9), cnode, sizeof cnode);
	if (rc != DB_OK || !cnode[0])
		return rc;
	if ((rc = edge_add(w, cnode, sn, "recorded_in")) != DB_OK || !about)
		return rc;
	snprintf(pnode, sizeof pnode, "person:%s", about);
	return edge_add(w, sn, pnode, "about");
}

/* ---- places ---- */

/* The ring's places: id, case, kind, postcode, address, country. */
static int place_row(db_stmt *s, void *arg)
{
	walk *w = arg;
	if (rows_over(w))
		return 0;
	const char *id = db_col_text(s, 0), *case_id = db_col_text(s, 1), *kind = db_col_text(s, 2);
	const char *postcode = db_col_text(s, 3);
	char pnode[64], cnode[64];
	if (postcode && postcode[0]) {
		/* Postcodes are joined by the next query, which meets this row again. */
		return sset_has(&w->postcode_seen, postcode)
		           ? DB_OK
		           : sset_put(&w->postcode_seen, postcode, w->ring);
	}
	snprintf(pnode, sizeof pnode, "place:%s", id);
	int i = node_add(w, pnode, NET_PLACE, id, db_col_text(s, 4), db_col_text(s, 5));
	if (i == -2)
		return DB_NOMEM;
	case_node_id(case_id, cnode, sizeof cnode);
	return edge_add(w, cnode, pnode, kind);
}

/* Every place with one of the postcodes: id, case, kind, postcode,
 * reference, title, read. */
static int postcode_row(db_stmt *s, void *arg)
{
	walk *w = arg;
	if (rows_over(w))
		return 0;
	const char *id = db_col_text(s, 0), *case_id = db_col_text(s, 1), *kind = db_col_text(s, 2);
	const char *postcode = db_col_text(s, 3);
	(void)id;
	int readable = (int)db_col_int(s, 6);
	char pnode[64], cnode[64];
	int rc = case_met(w, case_id, readable, db_col_text(s, 4), db_col_text(s, 5), cnode,
	                  sizeof cnode);
	if (rc != DB_OK || !cnode[0])
		return rc;
	snprintf(pnode, sizeof pnode, "place:%s", postcode);
	if (node_add(w, pnode, NET_PLACE, postcode, postcode, NULL) == -2)
		return DB_NOMEM;
	return edge_add(w, cnode, pnode, kind);
}

/* ---- a ring ---- */

static const char people_sql[] =
    "SELECT cp.case_id, cp.person_id, cp.role, p.given_names, p.family_name, " READ_FLAG(
        "c") ", " SUSPECT_FLAG("c") " FROM case_people cp JOIN people p ON p.id = cp.person_id "
                                    "JOIN cases c ON "
                                    "c.id = cp.case_id WHERE cp.case_id IN (%s) ORDER BY "
                                    "cp.case_id, p.family_name, p.given_names, "
                                    "cp.person_id, cp.role" LIMIT_TEXT;

static const char elsewhere_sql[] =
    "SELECT cp.person_id, cp.case_id, cp.role, c.reference, c.title, " READ_FLAG(
        "c") ", " SUSPECT_FLAG("c") " FROM case_people cp JOIN cases c ON c.id = cp.case_id WHERE "
                                    "cp.person_id "
                                    "IN (%s) ORDER BY cp.person_id, c.reference, "
                                    "cp.role" LIMIT_TEXT;

#define ABOUT_VISIBLE                                                                              \
	"CASE WHEN s.about_person_id IS NULL OR EXISTS (SELECT 1 FROM case_people ap WHERE "       \
	"ap.case_id = s.case_id AND ap.person_id = s.about_person_id AND ap.role <> 'suspect') "   \
	"OR " REACH_CASE("c", "$4", "$5", "$6") " THEN 1 ELSE 0 END"

static const char selectors_sql[] =
    "SELECT s.id, s.case_id, s.kind, s.match_key, s.about_person_id, s.normalised, CASE WHEN "
    "s.sealed_value IS NULL THEN 0 ELSE 1 END, " ABOUT_VISIBLE
    ", " READ_FLAG("c") " FROM selectors s "
                        "JOIN cases c ON c.id = s.case_id WHERE s.case_id IN (%s) ORDER BY "
                        "s.case_id, s.id" LIMIT_TEXT;

static const char matches_sql[] =
    "SELECT s.id, s.case_id, s.kind, s.match_key, s.about_person_id, s.normalised, CASE WHEN "
    "s.sealed_value IS NULL THEN 0 ELSE 1 END, " ABOUT_VISIBLE
    ", c.reference, c.title, " READ_FLAG("c") " FROM selectors s JOIN cases c ON c.id = s.case_id "
                                              "WHERE s.match_key IN (%s) ORDER BY "
                                              "s.id" LIMIT_TEXT;

static const char places_sql[] =
    "SELECT pl.id, pl.case_id, pl.kind, pl.postcode, pl.address, pl.country, " READ_FLAG(
        "c") ", " SUSPECT_FLAG("c") " FROM places pl JOIN cases c ON c.id = pl.case_id WHERE "
                                    "pl.case_id IN (%s) "
                                    "ORDER BY pl.case_id, pl.postcode, pl.id" LIMIT_TEXT;

static const char postcodes_sql[] =
    "SELECT pl.id, pl.case_id, pl.kind, pl.postcode, c.reference, c.title, " READ_FLAG(
        "c") ", " SUSPECT_FLAG("c") " FROM places pl JOIN cases c ON c.id = pl.case_id WHERE "
                                    "pl.postcode IN (%s) "
                                    "ORDER BY pl.postcode, c.reference, pl.kind" LIMIT_TEXT;

/* The keys of a set whose value is v, as a list. */
static int keys_with(walk *w, const sset *s, int v, idlist *out)
{
	for (size_t i = 0; i < s->cap; i++)
		if (s->keys[i] && s->vals[i] == v && idlist_add(w->a, out, s->keys[i]) != DB_OK)
			return DB_NOMEM;
	return DB_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the ring (cases at depth w->ring); the cases it meets beyond it
 * gather in w->next. */
static int ring_read(walk *w, const idlist *ring)
{
	int rc;
	w->rows = 0;
	if ((rc = each_chunk(w, people_sql, ring, person_part_row)) != DB_OK)
		return rc;
	/* The people seen in this ring whose other parts are not yet read. */
	idlist people = {0};
	for (size_t i = 0; i < w->seen_people.cap; i++) {
		const char *p = w->seen_people.keys[i];
		if (p && !sset_has(&w->person_seen, p)) {
			if ((rc = idlist_add(w->a, &people, p)) != DB_OK ||
			    (rc = sset_put(&w->person_seen, p, 1)) != DB_OK)
				return rc;
		}
	}
	if (people.n)
		qsort(people.v, people.n, sizeof *people.v, cmp_str);
	w->rows = 0;
	if (people.n && (rc = each_chunk(w, elsewhere_sql, &people, person_elsewhere_row)) != DB_OK)
		return rc;
	/* Selectors: this ring's keys not yet joined are marked -1. */
	w->rows = 0;
	if ((rc = each_chunk(w, selectors_sql, ring, selector_row)) != DB_OK)
		return rc;
	idlist keys = {0};
	if ((rc = keys_with(w, &w->key_node, -1, &keys)) != DB_OK)
		return rc;
	if (keys.n)
		qsort(keys.v, keys.n, sizeof *keys.v, cmp_str);
	w->rows = 0;
	if (keys.n && (rc = each_chunk(w, matches_sql, &keys, match_row)) != DB_OK)
		return rc;
	/* -2: joined, but the node limit left it out. */
	for (size_t i = 0; i < keys.n; i++)
		if (sset_get(&w->key_node, keys.v[i], -1) == -1 &&
		    (rc = sset_put(&w->key_node, keys.v[i], -2)) != DB_OK)
			return rc;
	/* Places: those with a postcode are joined by it. */
	w->rows = 0;
	if ((rc = each_chunk(w, places_sql, ring, place_row)) != DB_OK)
		return rc;
	idlist postcodes = {0};
	if ((rc = keys_with(w, &w->postcode_seen, w->ring, &postcodes)) != DB_OK)
		return rc;
	for (size_t i = 0; i < postcodes.n; i++)
		if ((rc = sset_put(&w->postcode_seen, postcodes.v[i], -1)) != DB_OK)
			return rc;
	if (postcodes.n)
		qsort(postcodes.v, postcodes.n, sizeof *postcodes.v, cmp_str);
	w->rows = 0;
	if (postcodes.n && (rc = each_chunk(w, postcodes_sql, &postcodes, postcode_row)) != DB_OK)
		return rc;
	return DB_OK;
}

static int count_set(const sset *s)
{
	int n = 0;
	for (size_t i = 0; i < s->cap; i++)
		n += s->keys[i] && s->vals[i];
	return n;
}

int store_network(db *d, arena *a, const network_query *q, network_graph *g)
{
	memset(g, 0, sizeof *g);
	walk w = {.d = d,
	          .a = a,
	          .q = q,
	          .g = g,
	          .max_nodes = q->max_nodes ? q->max_nodes : NETWORK_MAX_NODES};
	sset *sets[] = {&w.nodes,          &w.edges,           &w.depth,
	                &w.withheld_cases, &w.withheld_people, &w.withheld_selectors,
	                &w.seen_people,    &w.person_seen,     &w.key_node,
	                &w.postcode_seen};
	for (size_t i = 0; i < sizeof sets / sizeof *sets; i++)
		sets[i]->a = a;
	const char *p[] = {q->case_id};
	db_stmt *s;
	int rc = db_one(d, "SELECT reference, title FROM cases WHERE id = $1", 1, p, &s);
	if (rc != DB_ROW)
		return rc;
	char node[64];
	case_node_id(q->case_id, node, sizeof node);
	int i = node_add(&w, node, NET_CASE, q->case_id, db_col_text(s, 0), db_col_text(s, 1));
	db_finalize(s);
	if (i < 0)
		return DB_NOMEM;
	if ((rc = sset_put(&w.depth, q->case_id, 0)) != DB_OK)
		return rc;
	idlist ring = {0};
	if ((rc = idlist_add(a, &ring, q->case_id)) != DB_OK)
		return rc;
	/* Once the limit is met nothing more can be drawn, so no further ring
	 * is read: a hub's three-step neighbourhood would otherwise be read
	 * whole to show 400 nodes of it. */
	for (w.ring = 0; w.ring < q->depth && ring.n && !g->truncated; w.ring++) {
		w.next = (idlist){0};
		if ((rc = ring_read(&w, &ring)) != DB_OK)
			return rc;
		ring = w.next;
	}
	g->withheld_cases = count_set(&w.withheld_cases);
	g->withheld_people = count_set(&w.withheld_people);
	g->withheld_selectors = count_set(&w.withheld_selectors);
	return DB_OK;
}
