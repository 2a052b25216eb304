/* Go bags: the locations (police stations) that keep them, their stock of
 * each kind and language, deliveries by the Commissioner's office or an
 * administrator, and a bag handed to a victim by an officer, taken from
 * stock in the transaction that records it. What keeps the stock never
 * says to whom a bag went: that is an entry in the victim's case. The
 * rules are domain/go_bags.h's. */
#include <stdio.h>
#include <string.h>

#include "api/go_bags.h"
#include "domain/go_bags.h"
#include "lib/clock.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/go_bags.h"

/* ---- reach ---- */

/* Whose locations the user reaches for the action (access table scopes:
 * their force, their Commissioner's area, the organisations theirs hosts). */
static go_bag_scope scope_of(http_req *req, access_action a)
{
	api_ctx *c = api_ctx_of(req);
	unsigned m = access_scope_mask(access_scope_of(c->role, KIND_GO_BAG, a));
	return (go_bag_scope){(m & REL_ORG) ? c->user.org_id : NULL,
	                      (m & REL_AREA) ? c->user.org_id : NULL,
	                      (m & REL_HOSTED) ? c->user.org_id : NULL};
}

static unsigned location_rel(http_req *req, const go_bag_location_rec *l)
{
	return api_relate(req, l->org_id, NULL, NULL,
	                  (l->in_area ? REL_AREA : 0) | (l->hosted ? REL_HOSTED : 0));
}

/* Loads the location id names: DB_ROW when the user may take the action
 * on it, DB_DONE when there is none or it is out of their reading reach,
 * DB_DENIED (403) when they read it but may not act, or the error. */
#define DB_DENIED (-1000)
static int location_find(http_req *req, const char *id, access_action a, go_bag_location_rec *l)
{
	api_ctx *c = api_ctx_of(req);
	int rc = id ? store_go_bag_location_get(c->db, http_req_arena(req), id, c->user.org_id, l)
	            : DB_DONE;
	if (rc != DB_ROW)
		return rc;
	switch (access_decide(c->role, KIND_GO_BAG, a, location_rel(req, l))) {
	case ACCESS_ALLOW:
		return DB_ROW;
	case ACCESS_HIDDEN:
		return DB_DONE;
	default:
		return DB_DENIED;
	}
}

/* The location {id} names, for the action: 0, or replied (404, 403, 503)
 * and -1. */
static int location_load(http_req *req, access_action a, go_bag_location_rec *l)
{
	int rc = location_find(req, http_req_param(req, "id"), a, l);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		http_reply_problem(req, 404, "Not Found", "there is no such Go bag location", NULL);
	else if (rc == DB_DENIED)
		http_reply_problem(req, 403, "Forbidden",
		                   "your role may not change this Go bag location", NULL);
	else
		api_db_fail(req, rc);
	return -1;
}

/* The location a body's field names, for the action: 0; 1 having added
 * to errors when it names none the user reaches (said as for one that
 * does not exist); -1 having replied (403, 503). */
static int location_named(http_req *req, json_t *body, access_action a, json_t *errors,
                          go_bag_location_rec *l)
{
	int rc = location_find(req, jv_str(body, "location"), a, l);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE) {
		jv_error(errors, "location",
		         "is not a Go bag location you reach: see GET /api/v1/go-bags/locations");
		return 1;
	}
	if (rc == DB_DENIED)
		http_reply_problem(req, 403, "Forbidden",
		                   "your role may not use this Go bag location", NULL);
	else
		api_db_fail(req, rc);
	return -1;
}

/* Replies 200 with the page p names of all (a list's items), or with the
 * error when rc is not DB_OK. */
static void reply_page(http_req *req, int rc, const api_page *p, json_t *all)
{
	json_t *out = api_keep(req, json_object());
	if (rc == DB_OK)
		rc = out ? api_page_set(out, p, all) : DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

/* ---- locations ---- */

static json_t *coordinate(int has, int64_t e6)
{
	return has ? json_real((double)e6 / 1e6) : json_null();
}

static json_t *location_json(const go_bag_location_rec *l)
{
	return json_pack(
	    "{s:s, s:I, s:s, s:s, s:s, s:o, s:o, s:I, s:s, s:s}", "id", l->id, "version",
	    (json_int_t)l->version, "name", l->name, "organisation_id", l->org_id, "organisation",
	    l->org_name ? l->org_name : "", "latitude", coordinate(l->has_coords, l->lat_e6),
	    "longitude", coordinate(l->has_coords, l->lon_e6), "reorder_level",
	    (json_int_t)l->reorder_level, "created_at", l->created_at, "updated_at", l->updated_at);
}

static int add_location(const go_bag_location_rec *l, void *arg)
{
	json_t *j = location_json(l);
	return j && json_array_append_new(arg, j) == 0 ? DB_OK : DB_NOMEM;
}

void api_go_bag_locations_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	api_page page;
	if (api_page_only(req, &page) != 0)
		return;
	go_bag_scope sc = scope_of(req, ACT_READ);
	json_t *all = api_keep(req, json_array());
	int rc = all
	             ? store_go_bag_locations(c->db, http_req_arena(req), &sc, add_location, all)
	             : DB_NOMEM;
	reply_page(req, rc, &page, all);
}

void api_go_bag_location_get(http_req *req)
{
	go_bag_location_rec l = {0};
	if (location_load(req, ACT_READ, &l) != 0)
		return;
	api_etag(req, l.version);
	http_reply_json(req, 200, location_json(&l));
}

/* Reads latitude and longitude (both, or neither: null clears them) into
 * l; problems go to errors. */
static void read_coordinates(json_t *body, go_bag_location_rec *l, json_t *errors)
{
	json_t *lat = json_object_get(body, "latitude"), *lon = json_object_get(body, "longitude");
	int has_lat = lat && !json_is_null(lat), has_lon = lon && !json_is_null(lon);
	if (has_lat != has_lon) {
		jv_error(errors, has_lat ? "longitude" : "latitude",
		         "give both latitude and longitude, or neither");
		return;
	}
	l->has_coords = has_lat;
	if (!has_lat)
		return;
	if (go_bag_coordinate_e6(json_number_value(lat), 90, &l->lat_e6) != 0)
		jv_error(errors, "latitude", "must be a number of degrees from -90 to 90");
	if (go_bag_coordinate_e6(json_number_value(lon), 180, &l->lon_e6) != 0)
		jv_error(errors, "longitude", "must be a number of degrees from -180 to 180");
}

static void read_reorder_level(json_t *body, go_bag_location_rec *l, json_t *errors)
{
	json_t *v = json_object_get(body, "reorder_level");
	if (!v || json_is_null(v))
		return;
	json_int_t n = json_integer_value(v);
	if (n < 0 || n > GO_BAG_REORDER_MAX)
		jv_error(errors, "reorder_level", "must be a whole number of bags from 0 to 10000");
	else
		l->reorder_level = n;
}

typedef struct area_force {
	const char *id;
	int found;
} area_force;

static int find_force(const org_rec *o, void *arg)
{
	area_force *x = arg;
	x->found |= strcmp(o->id, x->id) == 0;
	return 0;
}

/* The force that will own a new location, into l->org_id: one of the
 * area's for a Commissioner's office (which must name it), otherwise the
 * user's own force. 0, 1 having added to errors, -1 having replied. */
static int owning_force(http_req *req, json_t *body, go_bag_location_rec *l, json_t *errors)
{
	api_ctx *c = api_ctx_of(req);
	const char *named = jv_str(body, "organisation_id");
	unsigned m = access_scope_mask(access_scope_of(c->role, KIND_GO_BAG, ACT_WRITE));
	if (m & REL_AREA) {
		if (!named) {
			jv_error(errors, "organisation_id",
			         "name the force of your area whose station it is");
			return 1;
		}
		area_force x = {named, 0};
		int rc = store_org_area_each(c->db, c->user.org_id, find_force, &x);
		if (rc != DB_OK) {
			api_db_fail(req, rc);
			return -1;
		}
		if (!x.found) {
			jv_error(errors, "organisation_id", "is not a force of your area");
			return 1;
		}
		snprintf(l->org_id, sizeof l->org_id, "%s", named);
		return 0;
	}
	org_rec o;
	int rc = store_org_get(c->db, c->user.org_id, &o);
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return -1;
	}
	if ((named && strcmp(named, c->user.org_id) != 0) || strcmp(o.kind, "force") != 0) {
		jv_error(errors, "organisation_id", "a location belongs to your own force");
		return 1;
	}
	snprintf(l->org_id, sizeof l->org_id, "%s", c->user.org_id);
	return 0;
}

static const jv_field location_fields[] = {
    {"name", JV_STRING, 1, FIELD_NAME},
    JV_OPT_NUMBER("latitude"),
    JV_OPT_NUMBER("longitude"),
    {"reorder_level", JV_INT, 1, 0},
    {"organisation_id", JV_STRING, 0, FIELD_ID},
};

void api_go_bag_location_create(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	json_t *body =
	    api_body(req, location_fields, sizeof location_fields / sizeof location_fields[0]);
	if (!body)
		return;
	json_t *errors = json_array();
	go_bag_location_rec l = {0};
	l.name = api_name(body, "name", errors);
	read_coordinates(body, &l, errors);
	read_reorder_level(body, &l, errors);
	if (owning_force(req, body, &l, errors) < 0) {
		json_decref(errors);
		return;
	}
	if (api_reject(req, errors))
		return;
	memcpy(l.created_by, c->user.id, SECURE_ID_LEN);
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_go_bag_location_add(c->db, &l)) == DB_CONSTRAINT) {
		api_refuse_field(req, 409, "name", "is the name of another location of that force",
		                 "that force has a Go bag location of that name already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "go_bag_location_created", "go_bag_location", l.id, NULL,
		               json_pack("{s:s, s:s, s:I}", "name", l.name, "organisation_id",
		                         l.org_id, "reorder_level", (json_int_t)l.reorder_level));
	if (rc == DB_OK)
		api_etag(req, l.version);
	api_write_end(req, rc, 201,
	              rc == DB_OK
	                  ? json_pack("{s:s, s:I}", "id", l.id, "version", (json_int_t)l.version)
	                  : NULL);
}

void api_go_bag_location_patch(http_req *req)
{
	static const jv_field fields[] = {
	    {"name", JV_STRING, 0, FIELD_NAME},
	    JV_OPT_NUMBER("latitude"),
	    JV_OPT_NUMBER("longitude"),
	    JV_OPT_INT("reorder_level"),
	};
	api_ctx *c = api_ctx_of(req);
	go_bag_location_rec l = {0};
	int64_t version;
	if (location_load(req, ACT_WRITE, &l) != 0 || api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	json_t *errors = json_array();
	go_bag_location_rec was = l;
	if (json_object_get(body, "name"))
		l.name = api_name(body, "name", errors);
	if (json_object_get(body, "latitude") || json_object_get(body, "longitude"))
		read_coordinates(body, &l, errors);
	read_reorder_level(body, &l, errors);
	if (api_reject(req, errors))
		return;
	if (version != l.version) {
		api_stale(req, "Go bag location", l.version, location_json(&was));
		return;
	}
	json_t *changed = api_keep(req, json_array());
	char old_level[24], new_level[24];
	snprintf(old_level, sizeof old_level, "%lld", (long long)was.reorder_level);
	snprintf(new_level, sizeof new_level, "%lld", (long long)l.reorder_level);
	int rc = changed ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK && (rc = store_go_bag_location_update(c->db, &l)) == DB_DONE) {
		api_stale(req, "Go bag location", was.version, location_json(&was));
		return;
	}
	if (rc == DB_CONSTRAINT) {
		api_refuse_field(req, 409, "name", "is the name of another location of that force",
		                 "that force has a Go bag location of that name already");
		return;
	}
	if (rc == DB_OK)
		rc = api_history_change(req, changed, "go_bag_location", l.id, "name", was.name,
		                        l.name);
	if (rc == DB_OK)
		rc = api_history_change(req, changed, "go_bag_location", l.id, "reorder_level",
		                        old_level, new_level);
	if (rc == DB_OK &&
	    (was.has_coords != l.has_coords || was.lat_e6 != l.lat_e6 || was.lon_e6 != l.lon_e6))
		json_array_append_new(changed, json_string("coordinates"));
	if (rc == DB_OK)
		rc = api_audit(req, "go_bag_location_changed", "go_bag_location", l.id, NULL,
		               json_pack("{s:O}", "changed", changed));
	if (rc == DB_OK)
		api_etag(req, l.version);
	api_write_end(req, rc, 200, rc == DB_OK ? location_json(&l) : NULL);
}

/* ---- stock and deliveries ---- */

/* The kind and language a body names, into kind and language (language
 * "en" when not given); problems go to errors. */
static void read_bag(http_req *req, json_t *body, const char **kind, const char **language,
                     json_t *errors)
{
	(void)req;
	*kind = jv_str(body, "kind");
	if (!go_bag_kind_find(*kind))
		jv_error(errors, "kind",
		         "must be adult, adult_with_phone, child or child_with_phone");
	*language = json_object_get(body, "language")
	                ? api_language(body, "language", "language", errors)
	                : "en";
	if (*language && !go_bag_language_ok(*language)) {
		jv_error(errors, "language",
		         "must be a language with a two-letter ISO 639-1 code, such as en or sq");
		*language = NULL;
	}
}

void api_go_bag_delivery_create(http_req *req)
{
	static const jv_field fields[] = {
	    {"location", JV_STRING, 1, FIELD_ID},
	    {"kind", JV_STRING, 1, FIELD_CHOICE},
	    {"language", JV_STRING, 0, FIELD_LANGUAGE},
	    {"quantity", JV_INT, 1, 0},
	};
	api_ctx *c = api_ctx_of(req);
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	json_t *errors = json_array();
	go_bag_location_rec l = {0};
	if (location_named(req, body, ACT_WRITE, errors, &l) < 0) {
		json_decref(errors);
		return;
	}
	go_bag_delivery_rec d = {0};
	read_bag(req, body, &d.kind, &d.language, errors);
	d.quantity = json_integer_value(json_object_get(body, "quantity"));
	if (d.quantity < 1 || d.quantity > GO_BAG_DELIVERY_MAX)
		jv_error(errors, "quantity", "must be a whole number of bags from 1 to 1000");
	if (api_reject(req, errors))
		return;
	d.location_id = l.id;
	memcpy(d.delivered_by, c->user.id, SECURE_ID_LEN);
	int64_t stock = 0;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_go_bag_delivery_add(c->db, &d, &stock);
	if (rc == DB_OK)
		rc = api_audit(req, "go_bag_delivered", "go_bag_location", l.id, NULL,
		               json_pack("{s:s, s:s, s:s, s:I, s:I}", "delivery_id", d.id, "kind",
		                         d.kind, "language", d.language, "quantity",
		                         (json_int_t)d.quantity, "stock", (json_int_t)stock));
	api_write_end(req, rc, 201,
	              rc == DB_OK ? json_pack("{s:s, s:I}", "id", d.id, "stock", (json_int_t)stock)
	                          : NULL);
}

typedef struct stock_list {
	json_t *items;
} stock_list;

static int add_stock(const go_bag_stock_rec *r, void *arg)
{
	stock_list *x = arg;
	int64_t days;
	json_t *left = go_bag_days_left(r->stock, r->issued_since, &days) == 0 ? json_integer(days)
	                                                                       : json_null();
	json_t *j =
	    json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:o, s:I, s:b}", "location", r->location_id,
	              "location_name", r->location_name, "kind", r->kind, "language", r->language,
	              "stock", (json_int_t)r->stock, "issued_30_days", (json_int_t)r->issued_since,
	              "days_left", left, "reorder_level", (json_int_t)r->reorder_level, "reorder",
	              go_bag_needs_reorder(r->stock, r->reorder_level));
	return j && json_array_append_new(x->items, j) == 0 ? DB_OK : DB_NOMEM;
}

/* The bags given to victims in the last 30 days, for a user who does not
 * work the cases (the Commissioner's office, an administrator): figures
 * that leave casework, so a one-way table across the stocks listed
 * through the disclosure control, and the days left (the stock over that
 * rate, from which the count could be worked back) hidden with a hidden
 * count. The stock itself counts bags, not victims, and stays shown.
 * Those who work the cases see the counts as they are. Sets *threshold
 * (0 when not protected). 0, or -1 having answered. */
static int protect_issued(http_req *req, json_t *items, int *threshold)
{
	*threshold = 0;
	if (access_role_may(api_ctx_of(req)->role, KIND_CASE, ACT_READ))
		return 0;
	if (api_disclosure_threshold(req, threshold) != 0)
		return -1;
	if (api_protect_column(req, items, "issued_30_days", *threshold, NULL) != 0) {
		api_db_fail(req, DB_NOMEM);
		return -1;
	}
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		if (json_is_object(json_object_get(item, "issued_30_days")) &&
		    json_object_set_new(item, "days_left", api_figure(0, 1)) != 0) {
			api_db_fail(req, DB_NOMEM);
			return -1;
		}
	}
	return 0;
}

/* The moment GO_BAG_RATE_DAYS days ago, from which issues count. */
static void rate_since(char out[CLOCK_ISO_LEN])
{
	clock_iso(clock_now_ms() - (int64_t)GO_BAG_RATE_DAYS * 86400000LL, out);
}

void api_go_bag_stock(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	api_page page;
	json_t *errors = json_array();
	api_page_read(req, API_PAGE_MAX, &page, errors);
	go_bag_stock_filter f = {0};
	f.location_id = http_req_query(req, "location");
	f.kind = http_req_query(req, "kind");
	if (f.kind && !go_bag_kind_find(f.kind))
		jv_error(errors, "kind",
		         "must be adult, adult_with_phone, child or child_with_phone");
	const char *reorder = http_req_query(req, "reorder");
	if (reorder && strcmp(reorder, "true") != 0 && strcmp(reorder, "false") != 0)
		jv_error(errors, "reorder", "must be true or false");
	if (api_reject_query(req, errors))
		return;
	f.reorder_only = reorder && strcmp(reorder, "true") == 0;
	char since[CLOCK_ISO_LEN];
	rate_since(since);
	f.since = since;
	go_bag_scope sc = scope_of(req, ACT_READ);
	stock_list x = {api_keep(req, json_array())};
	int rc = x.items ? store_go_bag_stock(c->db, &sc, &f, add_stock, &x) : DB_NOMEM;
	int threshold = 0;
	if (rc == DB_OK && protect_issued(req, x.items, &threshold) != 0)
		return;
	json_t *out = api_keep(req, json_object());
	if (rc == DB_OK)
		rc = out ? api_page_set(out, &page, x.items) : DB_NOMEM;
	if (rc == DB_OK && threshold &&
	    json_object_set_new(out, "threshold", json_integer(threshold)) != 0)
		rc = DB_NOMEM;
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_incref(out));
}

/* ---- a bag handed to a victim ---- */

/* Up to GO_BAG_NEAREST other locations the user reaches with a bag of the
 * kind and language, nearest to l first. */
typedef struct nearby {
	arena *a;
	const char *except;
	go_bag_place *p;
	size_t n, cap;
} nearby;

static int add_nearby(const go_bag_stock_rec *r, void *arg)
{
	nearby *x = arg;
	if (strcmp(r->location_id, x->except) == 0)
		return DB_OK;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;
		go_bag_place *p = cap < 65536 ? arena_alloc(x->a, cap * sizeof *p) : NULL;
		if (!p)
			return DB_NOMEM;
		if (x->n)
			memcpy(p, x->p, x->n * sizeof *p);
		x->p = p;
		x->cap = cap;
	}
	go_bag_place *p = &x->p[x->n];
	*p = (go_bag_place){arena_strdup(x->a, r->location_id),
	                    arena_strdup(x->a, r->location_name),
	                    r->has_coords,
	                    r->lat_e6,
	                    r->lon_e6,
	                    r->stock,
	                    0,
	                    0};
	if (!p->id || !p->name)
		return DB_NOMEM;
	x->n++;
	return DB_OK;
}

static int nearest_json(http_req *req, const go_bag_location_rec *l, const char *kind,
                        const char *language, json_t **out)
{
	api_ctx *c = api_ctx_of(req);
	go_bag_scope sc = scope_of(req, ACT_READ);
	char since[CLOCK_ISO_LEN];
	rate_since(since);
	go_bag_stock_filter f = {NULL, kind, language, 1, 0, since};
	nearby x = {http_req_arena(req), l->id, NULL, 0, 0};
	int rc = store_go_bag_stock(c->db, &sc, &f, add_nearby, &x);
	if (rc != DB_OK)
		return rc;
	go_bag_place from = {l->id, l->name, l->has_coords, l->lat_e6, l->lon_e6, 0, 0, 0};
	go_bag_nearest(&from, x.p, x.n);
	json_t *list = json_array();
	for (size_t i = 0; list && i < x.n && i < GO_BAG_NEAREST; i++) {
		json_t *km = x.p[i].has_distance
		                 ? json_real((double)(int64_t)(x.p[i].distance_km * 10 + 0.5) / 10)
		                 : json_null();
		json_t *j =
		    json_pack("{s:s, s:s, s:I, s:o}", "location", x.p[i].id, "location_name",
		              x.p[i].name, "stock", (json_int_t)x.p[i].stock, "distance_km", km);
		if (!j || json_array_append_new(list, j) != 0) {
			json_decref(list);
			return DB_NOMEM;
		}
	}
	*out = list;
	return list ? DB_OK : DB_NOMEM;
}

/* Rolls back and answers 409: none of that kind and language left at l,
 * naming the nearest locations that have one. */
static void none_left(http_req *req, const go_bag_location_rec *l, const char *kind,
                      const char *language)
{
	api_ctx *c = api_ctx_of(req);
	db_rollback(c->db);
	json_t *nearest = NULL;
	int rc = nearest_json(req, l, kind, language, &nearest);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	char detail[400];
	snprintf(detail, sizeof detail, "%s has no %s Go bag with cards in %s left; %s", l->name,
	         kind, language,
	         json_array_size(nearest) ? "see nearest for locations that have one"
	                                  : "no other location you reach has one");
	http_reply_problem_ext(req, 409, "Conflict", detail, NULL,
	                       json_pack("{s:o}", "nearest", nearest));
}

void api_go_bag_issue(http_req *req)
{
	static const jv_field fields[] = {
	    {"location", JV_STRING, 1, FIELD_ID},
	    {"kind", JV_STRING, 1, FIELD_CHOICE},
	    {"language", JV_STRING, 0, FIELD_LANGUAGE},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	const char *link_role = NULL;
	if (api_case_load(req, KIND_ENTRY, ACT_WRITE, &cr, &rel) != 0 ||
	    api_case_link(req, &cr, rel, &link_role) != 0)
		return;
	if (strcmp(link_role, "potential_victim") != 0) {
		api_conflict(req, "a Go bag is given to a potential victim in the case");
		return;
	}
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	json_t *errors = json_array();
	go_bag_location_rec l = {0};
	if (location_named(req, body, ACT_READ, errors, &l) < 0) {
		json_decref(errors);
		return;
	}
	go_bag_issue_rec r = {0};
	read_bag(req, body, &r.kind, &r.language, errors);
	if (api_reject(req, errors))
		return;
	r.location_id = l.id;
	r.case_id = cr.id;
	r.case_person_id = http_req_param(req, "link");
	memcpy(r.issued_by, c->user.id, SECURE_ID_LEN);
	int64_t stock = 0;
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_go_bag_issue(c->db, &r, &stock)) == DB_DONE) {
		none_left(req, &l, r.kind, r.language);
		return;
	}
	if (rc == DB_OK)
		rc = api_case_log(req, cr.id, "go_bag", r.kind, "go_bag_issued",
		                  json_pack("{s:s, s:s, s:s, s:s, s:s}", "issue_id", r.id,
		                            "link_id", r.case_person_id, "location", l.id, "kind",
		                            r.kind, "language", r.language));
	api_write_end(req, rc, 201,
	              rc == DB_OK ? json_pack("{s:s, s:I}", "id", r.id, "stock", (json_int_t)stock)
	                          : NULL);
}

/* ---- the worklist ---- */

typedef struct reorder_work {
	int (*fn)(const go_bag_work *w, void *arg);
	void *arg;
} reorder_work;

static int add_reorder(const go_bag_stock_rec *s, void *arg)
{
	reorder_work *x = arg;
	go_bag_work w = {s->location_id, s->location_name, s->kind,
	                 s->language,    s->stock,         s->reorder_level};
	return x->fn(&w, x->arg);
}

int api_go_bag_work(http_req *req, int (*fn)(const go_bag_work *w, void *arg), void *arg)
{
	api_ctx *c = api_ctx_of(req);
	go_bag_scope sc = scope_of(req, ACT_WRITE);
	if (!sc.org_id && !sc.area_of && !sc.hosted_by)
		return DB_OK;
	char since[CLOCK_ISO_LEN];
	rate_since(since);
	go_bag_stock_filter f = {NULL, NULL, NULL, 0, 1, since};
	reorder_work x = {fn, arg};
	return store_go_bag_stock(c->db, &sc, &f, add_reorder, &x);
}
