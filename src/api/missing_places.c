/* Hot spots: the places that recur in the missing episodes of two or more
 * different people of the force, for those who read every episode of it
 * (analysts, safeguarding officers). It names places and counts, never
 * people. The counting is domain/missing_places.h's. */
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "domain/missing_places.h"
#include "store/missing_places.h"

/* The mentions read so far, in the request's memory. */
typedef struct mentions {
	arena *a;
	missing_mention *m;
	size_t n, cap;
} mentions;

/* Makes room for one more mention: 0, or -1 when memory runs out. */
static int room(mentions *x)
{
	if (x->n < x->cap)
		return 0;
	size_t cap = x->cap ? x->cap * 2 : 256;
	if (cap < x->cap || cap > SIZE_MAX / sizeof *x->m)
		return -1;
	missing_mention *m = arena_alloc(x->a, cap * sizeof *m);
	if (!m)
		return -1;
	if (x->n)
		memcpy(m, x->m, x->n * sizeof *m);
	x->m = m;
	x->cap = cap;
	return 0;
}

static int add_mention(const missing_place_rec *r, void *arg)
{
	mentions *x = arg;
	size_t len = r->place ? strlen(r->place) : 0;
	char *key = arena_alloc(x->a, len + 1);
	if (!key)
		return DB_NOMEM;
	if (missing_place_key(r->place, key, len + 1) == 0)
		return DB_OK;
	if (room(x) != 0)
		return DB_NOMEM;
	missing_mention *m = &x->m[x->n];
	*m = (missing_mention){key,
	                       arena_strdup(x->a, r->place),
	                       arena_strdup(x->a, r->episode_id),
	                       arena_strdup(x->a, r->person_id),
	                       arena_strdup(x->a, r->at ? r->at : ""),
	                       0};
	if (!m->place || !m->episode_id || !m->person_id || !m->at)
		return DB_NOMEM;
	x->n++;
	return DB_OK;
}

void api_missing_hot_spots(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	if (api_allow_whole(req, KIND_MISSING, ACT_READ, "hot spots") != 0)
		return;
	mentions x = {http_req_arena(req), NULL, 0, 0};
	json_t *items = api_keep(req, json_array());
	int rc = items ? store_missing_places(c->db, c->user.org_id, add_mention, &x) : DB_NOMEM;
	missing_hot_spot *spots = rc == DB_OK && x.n ? arena_alloc(x.a, x.n * sizeof *spots) : NULL;
	if (rc == DB_OK && x.n && !spots)
		rc = DB_NOMEM;
	size_t found = rc == DB_OK && x.n ? missing_hot_spots(x.m, x.n, spots) : 0;
	for (size_t i = 0; rc == DB_OK && i < found; i++) {
		json_t *j = json_pack("{s:s, s:I, s:I, s:s}", "place", spots[i].place, "episodes",
		                      (json_int_t)spots[i].episodes, "people",
		                      (json_int_t)spots[i].people, "last_at", spots[i].last_at);
		if (!j || json_array_append_new(items, j) != 0)
			rc = DB_NOMEM;
	}
	api_reply_items(req, rc, items);
}
