/* The directory of services and the referrals to them, as the other
 * resources meet them: a service loaded and decided for the user, and
 * what the case timeline and the worklist gather from the referrals. */
#ifndef WAYMARK_API_SERVICES_H
#define WAYMARK_API_SERVICES_H

#include "api/api.h"
#include "store/services.h"
#include "store/worklist.h"

/* A service's relations to the signed-in user: their organisation's or
 * their force's Commissioner's (ORG), a force's of their area (AREA), an
 * organisation's they host (HOSTED), given by their organisation (SHARED). */
unsigned api_service_rel(const service_rec *s);
/* Loads the service id names, related to the user: 0, 1 when there is
 * none (without replying), or -1 having replied 503. */
int api_service_find(http_req *req, const char *id, service_rec *s);
/* The service as the API shows it. */
json_t *api_service_json(const service_rec *s);

/* Appends to items (a case's timeline, which the caller orders) each step
 * of the case's referrals to services, when the user reads referrals in a
 * case of these relations. DB_OK or the error. */
int api_service_referral_timeline(http_req *req, const char *case_id, unsigned rel, json_t *items);
/* Calls fn with the worklist's service_referral_overdue items for the
 * user: referrals still waiting past their target, of the cases they
 * reach or that they made. */
int api_service_referral_work(http_req *req, int (*fn)(const work_row *r, void *arg), void *arg);

#endif
