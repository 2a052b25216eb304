/* Missing episodes, as the pages that gather a person or a case ask for them. */
#ifndef WAYMARK_API_MISSING_H
#define WAYMARK_API_MISSING_H

#include "api/api.h"
#include "store/people.h"
#include "domain/missing.h"
#include "lib/clock.h"
#include "store/missing.h"
#include "store/worklist.h"

/* Sets out's "missing" to where the person stands ({episodes_90_days,
 * repeat, currently_missing, current_episode_id, screening_due}) when the
 * user reads missing episodes of a person of these relations, else leaves
 * it out. DB_OK or the error. */
int api_missing_summary_json(http_req *req, const person_rec *p, unsigned rel, json_t *out);
/* Appends to items (a case's timeline, which the caller orders) each
 * report and return of the episodes of the case's people, when the user reads missing episodes in
 * a case of these relations. DB_OK or the error. */
int api_missing_timeline(http_req *req, const char *case_id, unsigned rel, json_t *items);

/* Sets out's "missing" to the person's episodes as a partner sees them
 * (without the force's own ids), the latest first. DB_OK or the error. */
int api_missing_view(http_req *req, const char *person_id, json_t *out);
/* Calls fn with the worklist's missing items for the user: of the
 * episodes their team or force owns, of people they see; a supervisor's
 * high-risk items. window_start bounds the repeat pattern. */
int api_missing_work(http_req *req, const char *window_start, int (*fn)(const work_row *r, void *arg), void *arg);

/* ---- shared by the files of missing people ---- */

/* A date-time field: 0 with *ms and iso (UTC) set, 1 when absent, or -1
 * having added why to errors. */
int api_missing_time_field(json_t *body, const char *field, json_t *errors, int64_t *ms, char iso[CLOCK_ISO_LEN]);
/* Adds an error for field unless ms falls between from (an ISO time named
 * from_field; none when NULL) and now. */
void api_missing_time_between(json_t *errors, const char *field, int64_t ms, const char *from, const char *from_field,
			      int64_t now);
/* Whether s is absent or only spaces. */
int api_missing_blank(const char *s);
/* s as JSON, or null. */
json_t *api_missing_nullable(const char *s);
/* The force's review hours, safe and well hours and settings version (0
 * and the defaults when it has set none). DB_OK or the error. */
int api_missing_intervals(http_req *req, const char *org_id, int hours[RISK_COUNT], int *safe_well, int64_t *version);
/* Whether the user is a partner (reaching episodes only as shared). */
int api_missing_partner(http_req *req);
/* The person's relations for missing episodes and profiles: through
 * their cases, and shared while a live share of them with the user's
 * organisation names the missing section (on the basis, when not NULL). */
int api_missing_person_rel(http_req *req, const person_rec *p, const char *basis, unsigned *rel);
/* Loads the person {id} names and decides the action on their missing
 * episodes: 0, or replies (403, 404, 503) and -1. */
int api_missing_person_load(http_req *req, access_action a, person_rec *p, unsigned *rel);
/* Loads the episode {id} names and its person, and decides the action as
 * on the person's episodes: 0, or replies (403, 404, 503) and -1. */
int api_missing_episode_load(http_req *req, access_action a, episode_rec *e, person_rec *p);
/* For a write on the episode {id} names: loads it and its person, decides
 * the write, refuses a partner what only the force does (force_only says
 * what, "records a return"; NULL when a partner may), and reads the body
 * (api_body). The body, or NULL having replied. */
json_t *api_missing_episode_body(http_req *req, const char *force_only, const jv_field *fields, size_t n,
				 episode_rec *e, person_rec *p);
/* For what only the force does: 0, or replies 403 ("only the force
 * <what>") and -1. */
int api_missing_force_only(http_req *req, const char *what);

#endif
