/* Safeguarding plans, as the plan handlers and a partner's view of a share
 * both show them; and making a share, which a guardian referral does too. */
#ifndef WAYMARK_API_PLANS_H
#define WAYMARK_API_PLANS_H

#include "api/api.h"

/* Puts the plan of the part in a case link_id into view, as a partner sees
 * it: "safeguarding_plan" (its review, agencies, actions, notes and a
 * child's protection steps) when plan is set, "risks" when risks is set;
 * each null when the victim has no plan. Returns DB_OK or the error. */
int api_plan_view(http_req *req, const char *link_id, int plan, int risks, json_t *view);

/* What the partner is asked to do on the plan of the part in a case: the
 * open actions its organisation owns and the clocks running, as
 * {id, actions, due}; null when there is no plan. DB_OK or the error. */
int api_plan_asked(http_req *req, const char *link_id, json_t **out);

/* Gives each potential victim in people (the case page's list of the
 * case's parts) safeguarding_plan_id: their plan's id, or null when they
 * have none; nothing for a role that reads no plans where it reaches the
 * case (rel). DB_OK or the error. */
int api_plan_ids_json(http_req *req, const char *case_id, unsigned rel, json_t *people);

struct share_rec;
struct consent_rec;
/* The purposes a live consent covers, as bits of 1u << purpose (none when
 * refused or withdrawn). */
unsigned api_consented(http_req *req, const struct consent_rec *c);
/* Within the caller's transaction: records the share (its sections the
 * JSON array sections) and the disclosure_made audit entry. DB_OK or the
 * error. */
int api_share_insert(http_req *req, struct share_rec *s, json_t *sections);

#endif
