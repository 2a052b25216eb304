#include "domain/worklist.h"

#include "domain/shares.h"
#include "domain/training.h"

#include <stdio.h>
#include <string.h>

void worklist_window_for(int64_t now_ms, worklist_window *w)
{
	long day = (long)(now_ms / 86400000LL);
	date_of_days(day, w->today);
	date_of_days(day + WORKLIST_RECOVERY_NOTICE_DAYS, w->recovery_until);
	date_of_days(day + WORKLIST_ORDER_NOTICE_DAYS, w->orders_until);
	date_of_days(day + TRAINING_EXPIRY_NOTICE_DAYS, w->training_until);
	date_of_days(day + SHARE_ENDING_DAYS, w->shares_until);
	date_of_days(day + WORKLIST_PLAN_NOTICE_DAYS, w->plans_until);
	date_of_days(day + WORKLIST_ORDER_NOTICE_DAYS, w->cp_review_until);
	w->indicators_before_ms = now_ms - WORKLIST_REFERRAL_GRACE_MS;
}

int64_t worklist_referral_due_ms(int64_t first_indicator_ms)
{
	return first_indicator_ms + WORKLIST_REFERRAL_GRACE_MS;
}

int worklist_overdue(const char *due, const char *today)
{
	return strcmp(due, today) < 0;
}

const char *worklist_state(const char *due, const char *today)
{
	int c = strcmp(due, today);
	return c < 0 ? "overdue" : c == 0 ? "due" : "upcoming";
}

static const char *const states[] = {"overdue", "due", "upcoming"};

static int rank_in(const char *const *list, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int worklist_state_rank(const char *state)
{
	return rank_in(states, 3, state);
}

const char *const worklist_kinds[WORKLIST_KINDS] = {
	"missing_high_risk",	      "missing_review_due", "return_interview", "safe_and_well_due",
	"reasonable_grounds_overdue", "referral_missing",  "cp_strategy_due",   "cp_conference_due",
	"cp_core_group_due",	      "recovery_period_ending", "cp_review_due", "victim_update_due",
	"service_referral_overdue",   "spoc_missing",		      "strategy_missing", "plan_action_due",   "plan_review_due",
	"exploitation_screening",     "share_ending",	  "case_unallocated", "order_expiring",
	"training_expiring",	      "go_bag_reorder",   "feedback_to_redact", "selector_match",
};

int worklist_kind_rank(const char *kind)
{
	return rank_in(worklist_kinds, WORKLIST_KINDS, kind);
}
