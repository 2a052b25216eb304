/* Go bags: what each kind holds (in words), the cards' language, how many
 * days a location's stock lasts at the rate bags went in the last 30 days,
 * when it is time to reorder, and which other locations are nearest. Pure:
 * no I/O. */
#ifndef WAYMARK_DOMAIN_GO_BAGS_H
#define WAYMARK_DOMAIN_GO_BAGS_H

#include <stddef.h>
#include <stdint.h>

/* A delivery brings 1 to this many bags. */
#define GO_BAG_DELIVERY_MAX 1000
/* A location's reorder level is 0 to this many bags. */
#define GO_BAG_REORDER_MAX 10000
/* The window the rate of issue is taken over, in days. */
#define GO_BAG_RATE_DAYS 30
/* A 409 for an empty location names at most this many others. */
#define GO_BAG_NEAREST 3

typedef struct go_bag_kind {
	const char *code;  /* adult, adult_with_phone, child, child_with_phone */
	const char *words; /* what is inside, as people read it */
} go_bag_kind;

#define GO_BAG_KINDS 4
extern const go_bag_kind go_bag_kinds[GO_BAG_KINDS];

/* The kind with that code, or NULL. */
const go_bag_kind *go_bag_kind_find(const char *code);
/* Whether tag is an ISO 639-1 code (two lower-case letters). */
int go_bag_language_ok(const char *tag);

/* Days the stock lasts at the rate issued_30_days bags went in the last
 * GO_BAG_RATE_DAYS days: floor(stock / (issued / 30)). Returns 0 with
 * *days set, or -1 when none were issued (no rate: the answer is null). */
int go_bag_days_left(int64_t stock, int64_t issued_30_days, int64_t *days);
/* Whether the stock is at or below the location's reorder level. */
int go_bag_needs_reorder(int64_t stock, int64_t reorder_level);

/* A coordinate in degrees (latitude limit 90, longitude 180) as
 * millionths of a degree, rounded to four decimal places (about 11 m).
 * Returns 0, or -1 when it is not a finite number within the limit. */
int go_bag_coordinate_e6(double degrees, double limit, int64_t *e6);
/* The great-circle distance between two points given in millionths of a
 * degree, in kilometres. */
double go_bag_distance_km(int64_t lat1_e6, int64_t lon1_e6, int64_t lat2_e6, int64_t lon2_e6);

/* A location that may have a bag, for go_bag_nearest. */
typedef struct go_bag_place {
	const char *id, *name;
	int has_coords;
	int64_t lat_e6, lon_e6;
	int64_t stock;
	int has_distance;   /* set by go_bag_nearest */
	double distance_km; /* set by go_bag_nearest when has_distance */
} go_bag_place;

/* Orders the n places, nearest to from first: those whose distance is
 * known (both have coordinates) by distance, then the rest by name (all by
 * name when from has none); ties by name, then id. Sets each place's
 * distance. Can't fail. */
void go_bag_nearest(const go_bag_place *from, go_bag_place *places, size_t n);

#endif
