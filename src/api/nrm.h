/* What the NRM's API files share: the case and person a referral or a Duty
 * to Notify record is about. */
#ifndef WAYMARK_API_NRM_H
#define WAYMARK_API_NRM_H

#include "api/api.h"
#include "store/cases.h"
#include "store/people.h"

/* The case and person a body names, and what was found wrong with it. */
typedef struct nrm_subject {
	case_rec cr;
	person_rec p;
	const char *link_role; /* the person's part in the case; NULL when not found */
	json_t *errors;	       /* the request's list of field errors */
} nrm_subject;

/* Decodes the body (fields) and loads the case and person it names
 * (case_id, person_id) into s, checking the user may record in the case
 * and the person is in it; s->errors holds any problem found here (a case
 * out of reach, someone not in it). Returns the body, or NULL having
 * replied (400, 403, 415, 422, 503). */
json_t *nrm_subject_body(http_req *req, const jv_field *fields, size_t n, nrm_subject *s);

#endif
