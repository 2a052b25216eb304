/* The records behind the worklist: referrals awaiting a decision past
 * their target, recovery periods ending soon, and people with indicators
 * but neither a referral nor a Duty to Notify. */
#ifndef WAYMARK_STORE_WORKLIST_H
#define WAYMARK_STORE_WORKLIST_H

#include "store/db.h"
#include "store/reach.h"

typedef struct worklist_scope {
	store_reach entries;       /* referrals, notifications and victims' items in these cases */
	store_reach suspects;      /* orders in these cases */
	store_reach allocating;    /* unallocated cases among these */
	const char *user_id;       /* their own training */
	const char *staff_team_id; /* and that of this team's staff, or NULL */
	store_reach shares;        /* shares with partners in these cases */
	store_reach plans;         /* safeguarding plans in these cases */
} worklist_scope;

typedef struct work_row {
	const char *kind;   /* reasonable_grounds_overdue, recovery_period_ending, referral_missing,
			       victim_update_due, spoc_missing, strategy_missing, order_expiring,
			       case_unallocated, training_expiring, share_ending, cp_strategy_due,
			       cp_conference_due, cp_core_group_due, cp_review_due, plan_action_due,
			       plan_review_due */
	const char *when;   /* a date, or for referral_missing the first indicator's time */
	const char *case_id, *reference, *person_id, *given_names, *family_name;
	const char *record_id; /* the referral, the order, the training record, the share, the
				  safeguarding plan, or the person's link */
	/* Who holds it: the case's lead investigator or the member of staff
	 * whose training it is; "" when nobody does. */
	const char *holder_id, *holder_name, *holder_team_id;
	/* The person's date of birth (NULL when unknown), estimated age (-1
	 * when unknown) and whether it is disputed. */
	const char *date_of_birth;
	int estimated_age, age_disputed;
	/* case_unallocated has no person; training_expiring no case, and its
	 * "person" is the member of staff (given_names holds their name). */
} work_row;

typedef struct worklist_bounds {
	const char *today, *recovery_until, *orders_until, *training_until, *shares_until; /* dates */
	const char *plans_until, *cp_review_until;
	const char *indicators_before;			    /* an ISO time */
} worklist_bounds;

/* Calls fn for each row within the scope: in open cases, and orders
 * expiring whether or not their case is closed. */
int store_worklist(db *d, const worklist_scope *sc, const worklist_bounds *b,
		   int (*fn)(const work_row *r, void *arg), void *arg);

#endif
