/* NRM referrals, their decisions, Duty to Notify records and the bank
 * holidays their clocks count out. */
#ifndef WAYMARK_STORE_NRM_H
#define WAYMARK_STORE_NRM_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

/* Every bank holiday as a day count, ascending (allocated in a). */
int store_bank_holidays(db *d, arena *a, long **days, int *n);
typedef struct holiday_rec {
	const char *day, *name;
} holiday_rec;
int store_bank_holiday_list(db *d, int (*fn)(const holiday_rec *h, void *arg), void *arg);
/* DB_CONSTRAINT when the day is already a holiday. */
int store_bank_holiday_add(db *d, const char *day, const char *name);

/* The role a person holds in a case (in a), DB_ROW, or DB_DONE. */
int store_person_role_in_case(db *d, arena *a, const char *case_id, const char *person_id,
			      const char **role);

typedef struct nrm_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	char first_responder_id[SECURE_ID_LEN];
	const char *first_responder_name, *first_responder_org; /* on reads */
	const char *referred_on;
	int child;
	const char *consent; /* JSON text, or NULL */
	const char *competent_authority;
	const char *status;
	const char *rg_due, *rg_outcome, *rg_decided_on, *recovery_period_end;
	const char *cg_outcome, *cg_decided_on, *withdrawn_on, *withdrawal_reason;
	char created_at[32];
	char updated_at[32];
	int64_t version;
} nrm_rec;

/* Inserts r (status, rg_due and the rest set by the caller); fills id,
 * times and version. */
int store_nrm_create(db *d, nrm_rec *r);
/* DB_ROW (strings in a), or DB_DONE. */
int store_nrm_get(db *d, arena *a, const char *id, nrm_rec *r);
/* Whether the person has a referral in the case that is not withdrawn. */
int store_nrm_open_for(db *d, const char *case_id, const char *person_id, int *yes);
/* Writes the decision fields and status if the version is still r->version:
 * DB_OK (version moves on), DB_DONE when stale. */
int store_nrm_update(db *d, nrm_rec *r);
int store_nrm_by_case(db *d, arena *a, const char *case_id, int (*fn)(const nrm_rec *r, void *arg),
		      void *arg);

/* A request that the Competent Authority reconsider a decision. */
typedef struct recon_rec {
	char id[SECURE_ID_LEN];
	char referral_id[SECURE_ID_LEN];
	const char *stage, *requested_on, *reasons;
	char requested_by[SECURE_ID_LEN];
	const char *requested_by_name;
	const char *capacity; /* first_responder, support_provider */
	const char *outcome;  /* NULL while awaited: upheld, revised */
	const char *outcome_on;
	char created_at[32];
} recon_rec;

/* Inserts r; fills id and created_at. */
int store_recon_add(db *d, recon_rec *r);
/* Whether the referral has a request for the stage awaiting its outcome. */
int store_recon_open_for(db *d, const char *referral_id, const char *stage, int *yes);
/* Records the outcome if none is recorded yet: DB_OK, or DB_DONE when
 * someone recorded one first. */
int store_recon_close(db *d, const char *id, const char *outcome, const char *outcome_on,
		      const char *by);
int store_recon_by_referral(db *d, arena *a, const char *referral_id,
			    int (*fn)(const recon_rec *r, void *arg), void *arg);
/* The request of that referral: DB_ROW (strings in a), or DB_DONE. */
int store_recon_get(db *d, arena *a, const char *referral_id, const char *id, recon_rec *r);
/* Whether the organisation was named as a support provider of the person
 * in the case (a support referral to it). */
int store_is_support_provider(db *d, const char *case_id, const char *person_id, const char *org_id,
			      int *yes);

typedef struct dtn_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	const char *submitted_on;
	int identifying_consent;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
} dtn_rec;

int store_dtn_create(db *d, dtn_rec *r);
/* DB_ROW (strings in a), or DB_DONE. */
int store_dtn_get(db *d, arena *a, const char *id, dtn_rec *r);
int store_dtn_by_case(db *d, arena *a, const char *case_id, int (*fn)(const dtn_rec *r, void *arg),
		      void *arg);
/* Calls fn with each person of the case who has a referral (not withdrawn)
 * or a Duty to Notify record, in any case. */
int store_case_people_notified(db *d, const char *case_id, int (*fn)(const char *person_id, void *arg),
			       void *arg);

#endif
