/* What the NRM's API files share: the case and person a referral or a Duty
 * to Notify record is about. */
#ifndef WAYMARK_API_NRM_H
#define WAYMARK_API_NRM_H

#include "api/api.h"
#include "store/cases.h"
#include "store/people.h"

/* Loads the case and person a body names (case_id, person_id), checking the
 * user may record in the case and the person is in it; *link_role gets
 * their part in it. Adds field errors (a case out of reach, someone not in
 * it or not a potential victim) and returns 0, or replies (403, 503) and
 * returns -1. */
int nrm_subject_load(http_req *req, json_t *body, json_t *errors, case_rec *cr, person_rec *p,
		     const char **link_role);

#endif
