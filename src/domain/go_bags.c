#include "domain/go_bags.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const go_bag_kind go_bag_kinds[GO_BAG_KINDS] = {
    {"adult", "Adult's bag: clothes, toiletries and cards on where to get help"},
    {"adult_with_phone", "Adult's bag with a charged phone and cards on where to get help"},
    {"child", "Child's bag: clothes, toiletries, a comfort item and cards on where to get help"},
    {"child_with_phone", "Child's bag with a charged phone and cards on where to get help"},
};

const go_bag_kind *go_bag_kind_find(const char *code)
{
	for (size_t i = 0; code && i < GO_BAG_KINDS; i++)
		if (strcmp(go_bag_kinds[i].code, code) == 0)
			return &go_bag_kinds[i];
	return NULL;
}

int go_bag_language_ok(const char *tag)
{
	return tag && tag[0] >= 'a' && tag[0] <= 'z' && tag[1] >= 'a' && tag[1] <= 'z' &&
	       tag[2] == '\0';
}

int go_bag_days_left(int64_t stock, int64_t issued_30_days, int64_t *days)
{
	if (issued_30_days <= 0)
		return -1;
	if (stock < 0)
		stock = 0;
	/* stock / (issued / 30) without fractions; stock is bounded by the
	 * deliveries, far below INT64_MAX / 30. */
	*days = stock > INT64_MAX / GO_BAG_RATE_DAYS ? INT64_MAX / issued_30_days
	                                             : stock * GO_BAG_RATE_DAYS / issued_30_days;
	return 0;
}

int go_bag_needs_reorder(int64_t stock, int64_t reorder_level)
{
	return stock <= reorder_level;
}

int go_bag_coordinate_e6(double degrees, double limit, int64_t *e6)
{
	if (!isfinite(degrees) || degrees < -limit || degrees > limit)
		return -1;
	*e6 = (int64_t)llround(degrees * 1e4) * 100;
	return 0;
}

#define EARTH_RADIUS_KM 6371.0088
#define RADIANS(e6) ((double)(e6) / 1e6 * M_PI / 180.0)

double go_bag_distance_km(int64_t lat1_e6, int64_t lon1_e6, int64_t lat2_e6, int64_t lon2_e6)
{
	double p1 = RADIANS(lat1_e6), p2 = RADIANS(lat2_e6);
	double dp = p2 - p1, dl = RADIANS(lon2_e6) - RADIANS(lon1_e6);
	double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
	if (h > 1)
		h = 1;
	return 2 * EARTH_RADIUS_KM * asin(sqrt(h));
}

static int by_nearness(const void *a, const void *b)
{
	const go_bag_place *x = a, *y = b;
	if (x->has_distance != y->has_distance)
		return x->has_distance ? -1 : 1;
	if (x->has_distance && x->distance_km != y->distance_km)
		return x->distance_km < y->distance_km ? -1 : 1;
	int c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
	return c ? c : strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

void go_bag_nearest(const go_bag_place *from, go_bag_place *places, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		go_bag_place *p = &places[i];
		p->has_distance = from->has_coords && p->has_coords;
		p->distance_km = p->has_distance ? go_bag_distance_km(from->lat_e6, from->lon_e6,
		                                                      p->lat_e6, p->lon_e6)
		                                 : 0;
	}
	if (n > 1)
		qsort(places, n, sizeof *places, by_nearness);
}
