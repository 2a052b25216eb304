/* A victim's safeguarding plan: risks and how high, actions with owners
 * and due dates, a review date; and, for a child, the child protection
 * steps of Working Together to Safeguard Children 2023, each only when the
 * step before calls for it, each with its clock:
 *
 *   the local authority told              the clock starts
 *   a strategy discussion                 within 1 working day (a force's
 *                                         local default, configurable)
 *   section 47 enquiries concluded        only after a strategy discussion
 *                                         that called for them
 *   an initial child protection           within 15 working days of the
 *   conference                            strategy discussion, only where
 *                                         the enquiries found the child at
 *                                         risk of significant harm
 *   the core group                        within 10 working days of a
 *                                         conference that made a plan
 *   reviews                               within 3 months of the
 *                                         conference, then at most every 6
 *                                         months while the plan lasts
 *
 * Working days come from the bank-holiday calendar; a step recorded stops
 * its clock. */
#ifndef WAYMARK_DOMAIN_SAFEGUARDING_H
#define WAYMARK_DOMAIN_SAFEGUARDING_H

#include "domain/workdays.h"

#define CP_STRATEGY_DAYS_DEFAULT 1
#define CP_STRATEGY_DAYS_MAX 5
#define CP_CONFERENCE_DAYS 15
#define CP_CORE_GROUP_DAYS 10
#define CP_FIRST_REVIEW_MONTHS 3
#define CP_REVIEW_MONTHS 6

/* Risk levels (College of Policing grading) and action states. */
int plan_risk_level_ok(const char *level);   /* no_apparent_risk, low, medium, high */
int plan_action_status_ok(const char *status); /* open, in_progress, done, cancelled */
/* Whether an action in this state is still to be done. */
int plan_action_open(const char *status);

typedef enum {
	CP_LA_TOLD,
	CP_STRATEGY,
	CP_SECTION_47,
	CP_CONFERENCE,
	CP_CORE_GROUP,
	CP_REVIEW,
	CP_STEP_COUNT
} cp_step;

/* The steps by their API names: local_authority_told, strategy_discussion,
 * section_47_outcome, conference, core_group, review; -1 for none. */
int cp_step_of(const char *name);
const char *cp_step_name(cp_step s);
/* Whether outcome is one the step records: strategy_discussion: section_47
 * or no_further_action; section_47_outcome: significant_harm or
 * no_significant_harm; conference: plan or no_plan; review: plan_continues
 * or plan_ends; the others record none (outcome NULL). */
int cp_outcome_ok(cp_step s, const char *outcome);

/* Where a child's steps stand: each date NULL until recorded. */
typedef struct cp_state {
	const char *la_told_on;
	const char *strategy_on, *strategy_outcome;
	const char *s47_on, *s47_outcome;
	const char *conference_on, *conference_outcome;
	const char *core_group_on;
	const char *last_review_on, *plan_ended_on;
} cp_state;

typedef enum {
	CP_OK,
	CP_NOT_YET,      /* the step before has not called for it */
	CP_DONE_ALREADY, /* recorded once already (every step but review) */
	CP_PLAN_ENDED,   /* a review after the plan ended */
	CP_BEFORE_LAST,  /* on is before the step it follows */
} cp_check;

/* Whether step may be recorded on the day on, given the state. */
cp_check cp_step_allowed(const cp_state *st, cp_step step, const char *on);
const char *cp_check_message(cp_check c);

/* The clocks running: the date each next step is due ("" when it is not
 * running). strategy_days: the force's working days for a strategy
 * discussion. */
typedef struct cp_clocks {
	char strategy_due[DATE_LEN];
	char conference_due[DATE_LEN];
	char core_group_due[DATE_LEN];
	char review_due[DATE_LEN];
} cp_clocks;

/* 0, or -1 when a recorded date is not real. */
int cp_clocks_of(const cp_state *st, int strategy_days, const holidays *h, cp_clocks *out);

#endif
