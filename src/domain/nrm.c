#include "domain/nrm.h"

#include <string.h>

int nrm_rg_due(const char *referred_on, const holidays *h, char out[DATE_LEN])
{
	return workdays_add(referred_on, NRM_RG_WORKING_DAYS, h, out);
}

int nrm_recovery_end(const char *rg_decided_on, char out[DATE_LEN])
{
	return date_add_days(rg_decided_on, NRM_RECOVERY_DAYS, out);
}

nrm_refusal nrm_decision_allowed(const nrm_state *s, nrm_stage stage, const char *decided_on)
{
	if (s->withdrawn_on)
		return NRM_WITHDRAWN;
	if (stage == NRM_REASONABLE_GROUNDS) {
		if (s->rg_outcome)
			return NRM_ALREADY_DECIDED;
		return strcmp(decided_on, s->referred_on) < 0 ? NRM_DATE_TOO_EARLY : NRM_OK;
	}
	if (s->cg_outcome)
		return NRM_ALREADY_DECIDED;
	if (!s->rg_outcome || strcmp(s->rg_outcome, "positive") != 0)
		return NRM_NEEDS_POSITIVE_RG;
	return strcmp(decided_on, s->rg_decided_on) < 0 ? NRM_DATE_TOO_EARLY : NRM_OK;
}

const char *nrm_reconsideration_capacity(const char *user_id, const char *first_responder_id,
					 int is_support_provider)
{
	if (strcmp(user_id, first_responder_id) == 0)
		return "first_responder";
	return is_support_provider ? "support_provider" : NULL;
}

nrm_refusal nrm_reconsideration_allowed(const nrm_state *s, nrm_stage stage, const char *requested_on,
					int request_open)
{
	if (s->withdrawn_on)
		return NRM_WITHDRAWN;
	const char *decided_on = stage == NRM_REASONABLE_GROUNDS ? s->rg_decided_on : s->cg_decided_on;
	const char *outcome = stage == NRM_REASONABLE_GROUNDS ? s->rg_outcome : s->cg_outcome;
	if (!outcome || !decided_on)
		return NRM_NOT_DECIDED;
	if (stage == NRM_REASONABLE_GROUNDS && s->cg_outcome)
		return NRM_SUPERSEDED;
	if (request_open)
		return NRM_REQUEST_OPEN;
	return strcmp(requested_on, decided_on) < 0 ? NRM_DATE_TOO_EARLY : NRM_OK;
}

nrm_refusal nrm_revision_allowed(const nrm_state *s, nrm_stage stage)
{
	if (s->withdrawn_on)
		return NRM_WITHDRAWN;
	return stage == NRM_REASONABLE_GROUNDS && s->cg_outcome ? NRM_SUPERSEDED : NRM_OK;
}

nrm_refusal nrm_withdrawal_allowed(const nrm_state *s, const char *withdrawn_on)
{
	if (s->withdrawn_on)
		return NRM_WITHDRAWN;
	if (s->cg_outcome)
		return NRM_CONCLUDED;
	return strcmp(withdrawn_on, s->referred_on) < 0 ? NRM_DATE_TOO_EARLY : NRM_OK;
}

const char *nrm_revised_outcome(const char *outcome)
{
	return strcmp(outcome, "positive") == 0 ? "negative" : "positive";
}

const char *nrm_status_after(nrm_stage stage, int positive)
{
	if (stage == NRM_REASONABLE_GROUNDS)
		return positive ? "reasonable_grounds_positive" : "reasonable_grounds_negative";
	return positive ? "conclusive_grounds_positive" : "conclusive_grounds_negative";
}

const char *nrm_refusal_text(nrm_refusal r)
{
	switch (r) {
	case NRM_WITHDRAWN:
		return "the referral was withdrawn; nothing more can be recorded on it";
	case NRM_ALREADY_DECIDED:
		return "that decision is already recorded; ask for a reconsideration instead";
	case NRM_NEEDS_POSITIVE_RG:
		return "a Conclusive Grounds decision follows a positive Reasonable Grounds decision";
	case NRM_DATE_TOO_EARLY:
		return "the decision cannot be dated before the referral or the decision before it";
	case NRM_NOT_DECIDED:
		return "that decision has not been made yet, so it cannot be reconsidered";
	case NRM_SUPERSEDED:
		return "a Conclusive Grounds decision has been made; ask for that one to be reconsidered";
	case NRM_REQUEST_OPEN:
		return "a reconsideration of that decision is already awaiting its outcome";
	case NRM_CONCLUDED:
		return "the referral has its Conclusive Grounds decision and is concluded; it cannot be withdrawn";
	case NRM_OK:
		break;
	}
	return "allowed";
}
