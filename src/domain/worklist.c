#include "domain/worklist.h"

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
