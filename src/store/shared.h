/* What is shared with a partner organisation: the service referrals to
 * it (neither declined nor withdrawn), with the NRM referrals of the
 * people it supports. */
#ifndef WAYMARK_STORE_SHARED_H
#define WAYMARK_STORE_SHARED_H

#include "store/db.h"

/* One service referral to the organisation, with one NRM referral of the
 * person in that case (its fields NULL when they have none). A service
 * referral whose person has several NRM referrals comes once for each,
 * newest first, in consecutive rows. */
typedef struct shared_row {
	const char *id, *status, *service_id, *service_name, *service_kind, *need, *urgency;
	const char *referred_at, *respond_by;
	const char *referred_by_name, *referred_by_org;
	const char *case_id, *case_reference;
	const char *person_id, *given_names, *family_name;
	const char *nrm_id, *nrm_status, *nrm_referred_on, *rg_outcome, *rg_decided_on;
	const char *recovery_period_end, *cg_outcome, *cg_decided_on, *withdrawn_on;
} shared_row;

/* Calls fn with each row shared with org_id, newest service referral
 * first; the strings last only for the call. DB_OK, fn's non-zero
 * answer, or a store error. */
int store_shared_with(db *d, const char *org_id, int (*fn)(const shared_row *r, void *arg), void *arg);

#endif
