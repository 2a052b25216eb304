/* The network around a case (GET /api/v1/cases/{id}/network): the store
 * walks it within the caller's reach; here it becomes nodes and edges with
 * labels people read. What is beyond the reach arrives as counts only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/selectors.h"
#include "store/cases.h"
#include "store/network.h"

static const char *const kind_names[] = {"case", "person", "selector", "place"};

/* The label of a node, in the request's memory. */
static const char *node_label(http_req *req, const network_node *n, char *text, size_t len)
{
	switch (n->kind) {
	case NET_CASE:
		return n->a;
	case NET_PERSON:
		snprintf(text, len, "%s %s", n->a ? n->a : "", n->b ? n->b : "");
		return text;
	case NET_SELECTOR: {
		if (n->sealed || !n->b)
			return "Sealed";
		int k = selector_kind_parse(n->a);
		if (k >= 0 && selector_display((selector_kind)k, n->b, text, len) == 0)
			return text;
		return n->b;
	}
	case NET_PLACE:
		if (n->a && n->a[0])
			return n->a;
		return n->b && n->b[0] ? n->b : "Place";
	}
	(void)req;
	return "";
}

/* depth from the query: 1 by default; else 1 to NETWORK_MAX_DEPTH, or -1. */
static int depth_of(http_req *req)
{
	const char *s = http_req_query(req, "depth");
	if (!s)
		return 1;
	if (strlen(s) != 1 || s[0] < '1' || s[0] > '0' + NETWORK_MAX_DEPTH)
		return -1;
	return s[0] - '0';
}

void api_network_get(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	if (api_case_load(req, KIND_ENTRY, ACT_READ, &cr, NULL) != 0)
		return;
	int depth = depth_of(req);
	if (depth < 0) {
		api_refuse_field(req, 422, "depth", "must be a whole number from 1 to 3",
				 "depth must be 1, 2 or 3");
		return;
	}
	network_query q = {.case_id = cr.id,
			   .depth = depth,
			   .cases = api_reach(req, KIND_ENTRY, ACT_READ),
			   .suspects = api_reach(req, KIND_SUSPECT, ACT_READ)};
	network_graph g;
	int rc = store_network(c->db, http_req_arena(req), &q, &g);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	json_t *nodes = json_array(), *edges = json_array();
	json_t *out = api_keep(req, json_pack("{s:s, s:i, s:o, s:o, s:{s:i, s:i, s:i}, s:b}", "case_id", cr.id,
					      "depth", depth, "nodes", nodes, "edges", edges, "withheld",
					      "cases", g.withheld_cases, "people", g.withheld_people,
					      "selectors", g.withheld_selectors, "truncated", g.truncated));
	rc = out ? DB_OK : DB_NOMEM;
	char text[SELECTOR_MAX + 8];
	for (size_t i = 0; rc == DB_OK && i < g.nnodes; i++) {
		const network_node *n = &g.nodes[i];
		json_t *j = json_pack("{s:s, s:s, s:s, s:i}", "id", n->id, "kind", kind_names[n->kind], "label",
				      node_label(req, n, text, sizeof text), "depth", n->depth);
		if (j && !(n->kind == NET_PLACE && n->a && strcmp(n->id + 6, n->a) == 0))
			json_object_set_new(j, "record_id", json_string(n->record_id));
		if (j && n->kind == NET_SELECTOR) {
			int k = selector_kind_parse(n->a);
			json_object_set_new(j, "selector_kind", json_string(n->a));
			json_object_set_new(j, "selector_kind_label",
					    json_string(k >= 0 ? selector_kind_label((selector_kind)k) : n->a));
			json_object_set_new(j, "sealed", json_boolean(n->sealed));
		}
		if (j && n->kind == NET_PERSON && n->role)
			json_object_set_new(j, "role", json_string(n->role));
		if (!j || json_array_append_new(nodes, j) != 0)
			rc = DB_NOMEM;
	}
	for (size_t i = 0; rc == DB_OK && i < g.nedges; i++) {
		const network_edge *e = &g.edges[i];
		json_t *j = json_pack("{s:s, s:s, s:s}", "source", e->source, "target", e->target, "kind", e->kind);
		if (!j || json_array_append_new(edges, j) != 0)
			rc = DB_NOMEM;
	}
	/* The audit entry is kept only with the answer that it records: the
	 * answer is written out before the commit (api_write_end). */
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = api_audit(req, "network_viewed", "case", cr.id, NULL,
			       json_pack("{s:i, s:i, s:i, s:{s:i, s:i, s:i}, s:b}", "depth", depth, "nodes",
					 (int)g.nnodes, "edges", (int)g.nedges, "withheld", "cases",
					 g.withheld_cases, "people", g.withheld_people, "selectors",
					 g.withheld_selectors, "truncated", g.truncated));
	api_write_end(req, rc, 200, json_incref(out));
}
