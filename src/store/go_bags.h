/* Go bags as kept: locations (police stations) with their reorder level,
 * the stock of each kind and language at each, deliveries, and the bags
 * issued to victims. Taking a bag is a conditional UPDATE, so stock never
 * goes below zero however many take at once. Times are UTC ISO-8601 text. */
#ifndef WAYMARK_STORE_GO_BAGS_H
#define WAYMARK_STORE_GO_BAGS_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

/* Whose locations a list takes: those of one organisation, of the forces
 * of a Commissioner's office's area, and of the organisations one hosts
 * (each NULL when not taken). */
typedef struct go_bag_scope {
	const char *org_id, *area_of, *hosted_by;
} go_bag_scope;

typedef struct go_bag_location_rec {
	char id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN]; /* the force whose station it is */
	const char *name;
	int has_coords;
	int64_t lat_e6, lon_e6; /* millionths of a degree, when has_coords */
	int64_t reorder_level;
	char created_by[SECURE_ID_LEN];
	char created_at[32], updated_at[32];
	int64_t version;
	/* Read with it. */
	const char *org_name;
	int in_area; /* the force is in the area of the viewer's organisation */
	int hosted;  /* the force is hosted by the viewer's organisation */
} go_bag_location_rec;

/* Adds the location (id, times and version set). DB_CONSTRAINT when its
 * force has a location of that name. */
int store_go_bag_location_add(db *d, go_bag_location_rec *l);
/* DB_ROW, or DB_DONE when there is no such location; in_area and hosted
 * as the organisation viewer_org sees it. */
int store_go_bag_location_get(db *d, arena *a, const char *id, const char *viewer_org,
                              go_bag_location_rec *l);
/* Writes name, coordinates and reorder level if the location is still at
 * l->version: DB_OK with the version moved on, DB_DONE when it is not. */
int store_go_bag_location_update(db *d, go_bag_location_rec *l);
/* Calls fn with each location in the scope, by name. */
int store_go_bag_locations(db *d, arena *a, const go_bag_scope *sc,
                           int (*fn)(const go_bag_location_rec *l, void *arg), void *arg);

typedef struct go_bag_delivery_rec {
	char id[SECURE_ID_LEN];
	const char *location_id, *kind, *language;
	int64_t quantity;
	char delivered_by[SECURE_ID_LEN];
	char delivered_at[32];
} go_bag_delivery_rec;

/* Records the delivery and adds it to the location's stock of its kind
 * and language: DB_OK with *stock the stock now, or the error. */
int store_go_bag_delivery_add(db *d, go_bag_delivery_rec *r, int64_t *stock);

typedef struct go_bag_issue_rec {
	char id[SECURE_ID_LEN];
	const char *location_id, *kind, *language;
	const char *case_id, *case_person_id;
	char issued_by[SECURE_ID_LEN];
	char issued_at[32];
	/* Read with it. */
	const char *location_name, *issued_by_name;
} go_bag_issue_rec;

/* Takes one bag of the kind and language from the location's stock and
 * records the issue, within the caller's transaction: DB_OK with *stock
 * what is left, DB_DONE when none was left (nothing is written), or the
 * error. */
int store_go_bag_issue(db *d, go_bag_issue_rec *r, int64_t *stock);
/* Calls fn with each bag issued to the people of the case, the latest
 * first. */
int store_go_bag_issues_of_case(db *d, const char *case_id,
                                int (*fn)(const go_bag_issue_rec *r, void *arg), void *arg);

/* A location's stock of one kind and language. */
typedef struct go_bag_stock_rec {
	const char *location_id, *location_name, *kind, *language;
	int64_t stock, issued_since, reorder_level;
	int has_coords;
	int64_t lat_e6, lon_e6;
} go_bag_stock_rec;

/* Which stock a read takes, besides the scope: one location, kind and
 * language (each NULL for any); only stock > 0; only stock at or below
 * the reorder level. since: issues counted from this time. */
typedef struct go_bag_stock_filter {
	const char *location_id, *kind, *language;
	int in_stock, reorder_only;
	const char *since;
} go_bag_stock_filter;

/* Calls fn with each stock in the scope that the filter keeps, by
 * location name, kind and language; the strings last until fn returns. */
int store_go_bag_stock(db *d, const go_bag_scope *sc, const go_bag_stock_filter *f,
                       int (*fn)(const go_bag_stock_rec *r, void *arg), void *arg);

#endif
