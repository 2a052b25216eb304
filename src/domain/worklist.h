/* What falls due, and when. Each kind of worklist item has one rule here;
 * the store finds the records, these say from when they are due. */
#ifndef WAYMARK_DOMAIN_WORKLIST_H
#define WAYMARK_DOMAIN_WORKLIST_H

#include "domain/workdays.h"

/* A recovery period shows on the worklist this many days before it ends. */
#define WORKLIST_RECOVERY_NOTICE_DAYS 5
/* A safeguarding plan's actions and review show this many days ahead; a
 * child protection review, as an order does. */
#define WORKLIST_PLAN_NOTICE_DAYS 7
/* A prevention or risk order shows this many days before it expires, time
 * to apply to renew or vary it. */
#define WORKLIST_ORDER_NOTICE_DAYS 28
/* Indicators without a referral or notification are due 24 hours on. */
#define WORKLIST_REFERRAL_GRACE_MS (24LL * 3600 * 1000)

#include <stdint.h>

/* The window for the store's queries, from now (ms since the epoch, UTC). */
typedef struct worklist_window {
	char today[DATE_LEN];
	char recovery_until[DATE_LEN]; /* recovery periods ending on or before */
	char orders_until[DATE_LEN];   /* orders expiring on or before */
	char training_until[DATE_LEN]; /* training expiring on or before */
	char shares_until[DATE_LEN];   /* shares with partners ending on or before */
	char plans_until[DATE_LEN];    /* plan actions and reviews due on or before */
	char cp_review_until[DATE_LEN]; /* child protection reviews due on or before */
	int64_t indicators_before_ms;  /* first indicator recorded at or before */
} worklist_window;

void worklist_window_for(int64_t now_ms, worklist_window *w);
/* When indicators first recorded at a moment need a referral or notification. */
int64_t worklist_referral_due_ms(int64_t first_indicator_ms);
/* Whether an item due on a day is overdue today. */
int worklist_overdue(const char *due, const char *today);
/* An item's state on a day: "overdue" (due before it), "due" (on it) or
 * "upcoming" (after it, within its kind's notice). */
const char *worklist_state(const char *due, const char *today);
/* Where a state stands in the worklist's order (overdue first), or -1
 * when it is not a state. */
int worklist_state_rank(const char *state);
/* The kinds of item, in the order a state's items are grouped: statutory
 * clocks first, then the victim's care, then allocation, orders and
 * training. */
extern const char *const worklist_kinds[];
#define WORKLIST_KINDS 25
/* Where a kind stands in that order, or -1 when it is not a kind. */
int worklist_kind_rank(const char *kind);

#endif
