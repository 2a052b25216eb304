/* Go bags as the worklist reads them. */
#ifndef WAYMARK_API_GO_BAGS_H
#define WAYMARK_API_GO_BAGS_H

#include "api/api.h"
#include <stdint.h>

/* A location's stock of one kind and language at or below its reorder
 * level. */
typedef struct go_bag_work {
	const char *location_id, *location_name, *kind, *language;
	int64_t stock, reorder_level;
} go_bag_work;

/* Calls fn for each stock at or below its location's reorder level that
 * the signed-in user may restock (GO_BAG WRITE); none for a role that may
 * not. DB_OK or the error. */
int api_go_bag_work(http_req *req, int (*fn)(const go_bag_work *w, void *arg), void *arg);

#endif
