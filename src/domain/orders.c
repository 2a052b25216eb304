#include "domain/orders.h"

#include <stdio.h>
#include <string.h>

static const char *const kinds[] = {"stpo", "stro", "interim_stpo", "interim_stro"};

int order_kind_parse(const char *s, order_kind *k)
{
	for (int i = 0; s && i < 4; i++) {
		if (strcmp(s, kinds[i]) == 0) {
			*k = (order_kind)i;
			return 0;
		}
	}
	return -1;
}

order_refusal order_duration_check(order_kind k, const char *made_on, const char *expires_on,
				   char min_end[DATE_LEN])
{
	int years = k == ORDER_STPO ? ORDER_STPO_MIN_YEARS : k == ORDER_STRO ? ORDER_STRO_MIN_YEARS : 0;
	min_end[0] = '\0';
	if (years && date_add_years(made_on, years, min_end) != 0)
		return ORDER_END_NOT_AFTER;
	if (!expires_on)
		return k == ORDER_STPO ? ORDER_OK : ORDER_END_REQUIRED;
	if (strcmp(expires_on, made_on) <= 0)
		return ORDER_END_NOT_AFTER;
	return years && strcmp(expires_on, min_end) < 0 ? ORDER_TOO_SHORT : ORDER_OK;
}

order_refusal order_applicant_check(order_kind k, const char *applicant)
{
	static const char *const applicants[] = {"police", "nca", "immigration_officer", "glaa"};
	if (strcmp(applicant, "court_on_conviction") == 0)
		return k == ORDER_STPO ? ORDER_OK : ORDER_APPLICANT;
	for (int i = 0; i < 4; i++) {
		if (strcmp(applicant, applicants[i]) == 0)
			return ORDER_OK;
	}
	return ORDER_APPLICANT;
}

int order_in_force(const char *made_on, const char *expires_on, const char *day)
{
	return strcmp(day, made_on) >= 0 && (!expires_on || strcmp(day, expires_on) <= 0);
}

const char *order_refusal_text(order_refusal r)
{
	switch (r) {
	case ORDER_END_REQUIRED:
		return "a risk order or an interim order has a fixed end date: give expires_on";
	case ORDER_END_NOT_AFTER:
		return "must be after the day the order was made";
	case ORDER_TOO_SHORT:
		return "is too soon: a prevention order lasts at least 5 years (or until further order), "
		       "a risk order at least 2 years";
	case ORDER_APPLICANT:
		return "must be police, nca, immigration_officer or glaa; court_on_conviction only for a "
		       "prevention order made on conviction";
	case ORDER_OK:
		break;
	}
	return "allowed";
}
