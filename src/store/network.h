/* The network around a case: the cases it is joined to through a person
 * they share, a selector that matches (the same match_key) or a place's
 * postcode, breadth first, a few set-based queries per ring of cases so
 * that it stays quick however many people the store holds. Only cases the
 * reach draws are nodes; the others are counted, never named or followed. */
#ifndef WAYMARK_STORE_NETWORK_H
#define WAYMARK_STORE_NETWORK_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"
#include "store/reach.h"

#define NETWORK_MAX_DEPTH 3
#define NETWORK_MAX_NODES 400

typedef enum { NET_CASE, NET_PERSON, NET_SELECTOR, NET_PLACE } network_kind;

typedef struct network_node {
	const char *id;        /* "case:<id>", "person:<id>", "selector:<id>", "place:<postcode or id>" */
	network_kind kind;
	int depth;             /* a case's distance; anything else: that of the case it was met in */
	const char *record_id; /* the case's, person's, selector's or place's id */
	/* case: reference and title; person: given names and family name;
	 * selector: kind and normal form (NULL when sealed); place: postcode,
	 * or address and country when it has none. */
	const char *a, *b;
	int sealed;            /* a selector sealed where it was recorded */
	const char *role;      /* a person's part in the case they were met in */
} network_node;

typedef struct network_edge {
	const char *source, *target, *kind;
} network_edge;

typedef struct network_graph {
	network_node *nodes;
	size_t nnodes;
	network_edge *edges;
	size_t nedges;
	int withheld_cases;     /* linked cases beyond the reach */
	int withheld_people;    /* people the caller may not see (suspect parts only) */
	int withheld_selectors; /* selectors about them */
	int truncated;          /* the node limit (or a ring's row limit) was met */
} network_graph;

typedef struct network_query {
	const char *case_id; /* the case at the centre (the caller reads it) */
	int depth;           /* 1 to NETWORK_MAX_DEPTH */
	store_reach cases;   /* the cases the caller reads (entries) */
	store_reach suspects; /* the cases where the caller sees suspects */
	size_t max_nodes;    /* 0: NETWORK_MAX_NODES */
} network_query;

/* Draws the network into g (everything in a). DB_OK, DB_DONE when the
 * case is missing, or an error. */
int store_network(db *d, arena *a, const network_query *q, network_graph *g);

#endif
