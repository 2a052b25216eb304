/* Slavery and Trafficking Prevention Orders (Modern Slavery Act 2015,
 * Part 2) and Risk Orders, full and interim: who may apply, how long each
 * must last, and whether one was in force on a day. Dates are "YYYY-MM-DD". */
#ifndef WAYMARK_DOMAIN_ORDERS_H
#define WAYMARK_DOMAIN_ORDERS_H

#include "domain/workdays.h"

/* A prevention order's prohibitions last at least 5 years (or until further
 * order); a risk order's at least 2 years. Interim orders have no minimum. */
#define ORDER_STPO_MIN_YEARS 5
#define ORDER_STRO_MIN_YEARS 2

typedef enum order_kind { ORDER_STPO, ORDER_STRO, ORDER_INTERIM_STPO, ORDER_INTERIM_STRO } order_kind;

typedef enum order_refusal {
	ORDER_OK,
	ORDER_END_REQUIRED,	/* a risk order or an interim order needs its end date */
	ORDER_END_NOT_AFTER,	/* the end is not after the day it was made */
	ORDER_TOO_SHORT,	/* shorter than the minimum for its kind */
	ORDER_APPLICANT,	/* that applicant cannot ask for that kind */
} order_refusal;

/* "stpo", "stro", "interim_stpo", "interim_stro": 0 and *k, or -1. */
int order_kind_parse(const char *s, order_kind *k);
/* The earliest day an order of the kind made on a day may end (written to
 * min_end, "" for interim orders), and whether the given end (NULL for
 * "until further order") is allowed. */
order_refusal order_duration_check(order_kind k, const char *made_on, const char *expires_on,
				   char min_end[DATE_LEN]);
/* Whether the applicant may apply for the kind: a chief officer of police
 * ("police"), the National Crime Agency ("nca"), an immigration officer
 * ("immigration_officer") or the Gangmasters and Labour Abuse Authority
 * ("glaa"); a court makes a prevention order itself on conviction
 * ("court_on_conviction"), never a risk order or an interim one. */
order_refusal order_applicant_check(order_kind k, const char *applicant);
/* Whether an order was in force on a day (its end day included). */
int order_in_force(const char *made_on, const char *expires_on, const char *day);
/* What a refusal says, for the API's answer. */
const char *order_refusal_text(order_refusal r);

#endif
