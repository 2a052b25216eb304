/* The demo's Go bags: five police stations of the county, each stocked by
 * the Commissioner's office, Melksham down to its reorder level so the
 * office's worklist shows it, and bags already handed to three of the
 * missing children's case's victims. Names and coordinates are of real
 * stations; the stock and everything about the people is invented. */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "domain/go_bags.h"
#include "store/go_bags.h"

typedef struct demo_station {
	const char *name;
	double lat, lon;
	int reorder_level;
} demo_station;

static const demo_station stations[] = {
    {"Gablecross Police Station, Swindon", 51.5780, -1.7280, 4},
    {"Chippenham Police Station", 51.4590, -2.1150, 3},
    {"Devizes Police Station", 51.3530, -1.9800, 3},
    {"Melksham Police Station", 51.3730, -2.1380, 3},
    {"Salisbury Police Station", 51.0740, -1.8010, 3},
};
#define NSTATIONS (sizeof stations / sizeof stations[0])

typedef struct demo_delivery {
	size_t station;
	const char *kind, *language;
	int quantity;
} demo_delivery;

static const demo_delivery deliveries[] = {
    {0, "adult", "en", 12},
    {0, "adult", "sq", 6},
    {0, "adult", "ro", 5},
    {0, "child", "en", 8},
    {0, "adult_with_phone", "en", 5},
    {0, "child_with_phone", "en", 6},
    {1, "adult", "en", 8},
    {1, "child", "en", 6},
    {1, "adult", "pl", 4},
    {2, "adult", "en", 10},
    {2, "child", "en", 5},
    {2, "adult_with_phone", "en", 4},
    {3, "adult", "en", 3}, /* at its reorder level */
    {4, "adult", "en", 9},
    {4, "adult", "vi", 5},
    {4, "child", "en", 6},
};

int demo_go_bags(db *d, const char *keeper_id, const char *issuer_id, const char *force_org_id,
                 const char *case_id, const char *const *links, size_t nlinks)
{
	char ids[NSTATIONS][SECURE_ID_LEN];
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < NSTATIONS; i++) {
		go_bag_location_rec l = {.name = stations[i].name,
		                         .has_coords = 1,
		                         .reorder_level = stations[i].reorder_level};
		snprintf(l.org_id, sizeof l.org_id, "%s", force_org_id);
		snprintf(l.created_by, sizeof l.created_by, "%s", keeper_id);
		if (go_bag_coordinate_e6(stations[i].lat, 90, &l.lat_e6) != 0 ||
		    go_bag_coordinate_e6(stations[i].lon, 180, &l.lon_e6) != 0)
			return DB_ERR;
		rc = store_go_bag_location_add(d, &l);
		memcpy(ids[i], l.id, SECURE_ID_LEN);
	}
	for (size_t i = 0; rc == DB_OK && i < sizeof deliveries / sizeof deliveries[0]; i++) {
		const demo_delivery *x = &deliveries[i];
		go_bag_delivery_rec r = {.location_id = ids[x->station],
		                         .kind = x->kind,
		                         .language = x->language,
		                         .quantity = x->quantity};
		snprintf(r.delivered_by, sizeof r.delivered_by, "%s", keeper_id);
		int64_t stock;
		rc = store_go_bag_delivery_add(d, &r, &stock);
	}
	/* Bags handed over at Gablecross and Chippenham. */
	static const struct {
		size_t station;
		const char *kind;
	} given[] = {{0, "child"}, {0, "adult"}, {1, "child"}};
	for (size_t i = 0; rc == DB_OK && i < nlinks && i < sizeof given / sizeof given[0]; i++) {
		go_bag_issue_rec r = {.location_id = ids[given[i].station],
		                      .kind = given[i].kind,
		                      .language = "en",
		                      .case_id = case_id,
		                      .case_person_id = links[i]};
		snprintf(r.issued_by, sizeof r.issued_by, "%s", issuer_id);
		int64_t stock;
		rc = store_go_bag_issue(d, &r, &stock);
	}
	return rc;
}
