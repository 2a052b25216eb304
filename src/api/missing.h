/* Missing episodes, as the pages that gather a person or a case ask for them. */
#ifndef WAYMARK_API_MISSING_H
#define WAYMARK_API_MISSING_H

#include "api/api.h"
#include "store/people.h"
#include "store/worklist.h"

/* Sets out's "missing" to where the person stands ({episodes_90_days,
 * repeat, currently_missing, current_episode_id, screening_due}) when the
 * user reads missing episodes of a person of these relations, else leaves
 * it out. DB_OK or the error. */
int api_missing_summary_json(http_req *req, const person_rec *p, unsigned rel, json_t *out);
/* Appends to items (a case's timeline) each report and return of the
 * episodes of the case's people, when the user reads missing episodes in
 * a case of these relations. DB_OK or the error. */
int api_missing_timeline(http_req *req, const char *case_id, unsigned rel, json_t *items);

/* Sets out's "missing" to the person's episodes as a partner sees them
 * (without the force's own ids), the latest first. DB_OK or the error. */
int api_missing_view(http_req *req, const char *person_id, json_t *out);
/* Calls fn with the worklist's missing items for the user: of the
 * episodes their team or force owns, of people they see; a supervisor's
 * high-risk items. window_start bounds the repeat pattern. */
int api_missing_work(http_req *req, const char *window_start, int (*fn)(const work_row *r, void *arg), void *arg);

#endif
