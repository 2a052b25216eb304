/* Links across cases, as the worklist reads them. */
#ifndef WAYMARK_API_SELECTORS_H
#define WAYMARK_API_SELECTORS_H

#include "http/http.h"
#include "store/selectors.h"

#include <jansson.h>

/* Calls fn for each unacknowledged link notice whose unraised side's case
 * the signed-in user may write in (and so acknowledge). DB_OK or the error. */
int api_link_notice_work(http_req *req, int (*fn)(const link_notice_work *w, void *arg), void *arg);
/* What a selector_match worklist item adds to the common members: when
 * (the day raised), case_id, selector_kind, selector_kind_label, display
 * (of the user's own selector; null when sealed) and contact (the raising
 * organisation's). Never the raising case. NULL when memory runs out. */
json_t *api_link_notice_work_json(const link_notice_work *w);

#endif
