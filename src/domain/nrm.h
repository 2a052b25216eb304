/* The National Referral Mechanism's rules: who must consent, when the
 * Reasonable Grounds decision is due, the recovery period, and the order in
 * which decisions may come. */
#ifndef WAYMARK_DOMAIN_NRM_H
#define WAYMARK_DOMAIN_NRM_H

#include "domain/workdays.h"

#define NRM_RG_WORKING_DAYS 5
#define NRM_RECOVERY_DAYS 30

typedef enum nrm_stage { NRM_REASONABLE_GROUNDS, NRM_CONCLUSIVE_GROUNDS } nrm_stage;

/* Where a referral stands, as stored. */
typedef struct nrm_state {
	const char *referred_on;
	const char *rg_outcome;    /* NULL until decided: "positive" or "negative" */
	const char *rg_decided_on;
	const char *cg_outcome;
	const char *withdrawn_on;  /* NULL unless withdrawn */
	const char *cg_decided_on;
} nrm_state;

typedef enum nrm_refusal {
	NRM_OK,
	NRM_WITHDRAWN,		/* no decisions on a withdrawn referral */
	NRM_ALREADY_DECIDED,	/* that stage has its decision */
	NRM_NEEDS_POSITIVE_RG,	/* Conclusive Grounds follow a positive Reasonable Grounds */
	NRM_DATE_TOO_EARLY,	/* before the referral, or before Reasonable Grounds */
	NRM_NOT_DECIDED,	/* reconsideration of a decision not yet made */
	NRM_SUPERSEDED,		/* Reasonable Grounds reconsidered after Conclusive Grounds */
	NRM_REQUEST_OPEN,	/* that decision already has a request awaiting its outcome */
	NRM_CONCLUDED,		/* a referral with a Conclusive Grounds decision is not withdrawn */
} nrm_refusal;

/* Who may ask the Competent Authority to reconsider a decision: the First
 * Responder who referred, or the support provider looking after the person.
 * The capacity they ask in ("first_responder", "support_provider"), or NULL
 * when they may not. */
const char *nrm_reconsideration_capacity(const char *user_id, const char *first_responder_id,
					 int is_support_provider);

/* The Reasonable Grounds target: 5 working days after the referral. */
int nrm_rg_due(const char *referred_on, const holidays *h, char out[DATE_LEN]);
/* The earliest end of the recovery period after a positive decision. */
int nrm_recovery_end(const char *rg_decided_on, char out[DATE_LEN]);
/* Whether a decision may be recorded now (dates already valid). */
nrm_refusal nrm_decision_allowed(const nrm_state *s, nrm_stage stage, const char *decided_on);
/* Whether a reconsideration of the stage's decision may be asked for on a
 * day (a real date), given whether one is already awaiting its outcome. */
nrm_refusal nrm_reconsideration_allowed(const nrm_state *s, nrm_stage stage, const char *requested_on,
					int request_open);
/* Whether the stage's decision may still be reversed on reconsideration:
 * not once withdrawn, nor Reasonable Grounds once Conclusive Grounds is
 * decided. */
nrm_refusal nrm_revision_allowed(const nrm_state *s, nrm_stage stage);
/* Whether the referral may be withdrawn on a day (a real date). */
nrm_refusal nrm_withdrawal_allowed(const nrm_state *s, const char *withdrawn_on);
/* The other outcome: what a decision revised on reconsideration becomes. */
const char *nrm_revised_outcome(const char *outcome);
/* The status after a decision: e.g. "reasonable_grounds_positive". */
const char *nrm_status_after(nrm_stage stage, int positive);
/* What a refusal says, for the API's answer. */
const char *nrm_refusal_text(nrm_refusal r);

#endif
