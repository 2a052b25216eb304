/* Retention, review and disposal of police information: the groups of the
 * College of Policing APP (Management of Police Information: retention,
 * review and disposal) with their review and clear periods, which group a
 * case falls in by default, and when a record is next reviewed. Dates are
 * "YYYY-MM-DD". Pure functions over plain values. */
#ifndef WAYMARK_DOMAIN_RETENTION_H
#define WAYMARK_DOMAIN_RETENTION_H

#include <stddef.h>

#include "domain/workdays.h"

typedef enum retention_group {
	RETENTION_GROUP_1,
	RETENTION_GROUP_2,
	RETENTION_GROUP_3,
	RETENTION_NGROUPS
} retention_group;

/* What a group holds and how long: review_years between reviews; clear_years
 * the period free of further concern after which disposal is considered (0:
 * none, the record is kept until the subject is deemed 100 years old). */
typedef struct retention_rule {
	retention_group group;
	const char *code;       /* "group_1" */
	const char *name;       /* "Certain public protection matters" */
	const char *applies_to; /* what falls in it */
	int review_years;
	int clear_years;
	const char *disposal; /* what happens at the end, in words */
	const char *source;   /* where the period comes from */
} retention_rule;

/* The periods an administrator may set: 1 to RETENTION_MAX_YEARS. */
#define RETENTION_MAX_YEARS 100
/* How far ahead the worklist looks. */
#define RETENTION_DUE_DAYS 30

/* The default rule of the group (never NULL for a group below
 * RETENTION_NGROUPS, else NULL). */
const retention_rule *retention_rule_default(retention_group g);
/* "group_1".."group_3": 0 and *g, or -1. */
int retention_group_parse(const char *s, retention_group *g);
const char *retention_group_code(retention_group g);

/* What a case's default group is decided from. */
typedef struct retention_facts {
	const char *const *types; /* exploitation types */
	size_t ntypes;
	const char *const *offences; /* offence codes: msa_s1, msa_s2, msa_s4, other */
	size_t noffences;
	int orders; /* prevention or risk orders recorded in the case */
} retention_facts;

/* The group a case falls in by the rules (the first that matches, in
 * retention.c's table), with the rule's reason in words (static). */
retention_group retention_default_group(const retention_facts *f, const char **reason);

/* The next review of a record of a group: when a review set one, that
 * (reviewed_next, not NULL); otherwise review_years after the day the case
 * closed, or after it opened while it is open. Writes out and returns 0, or
 * -1 when a date is not a real date. */
int retention_next_review(const char *opened_on, const char *closed_on, const char *reviewed_next,
                          int review_years, char out[DATE_LEN]);

typedef enum retention_due {
	RETENTION_NOT_DUE,
	RETENTION_DUE_SOON,
	RETENTION_OVERDUE
} retention_due;
/* Whether a review on next is overdue (before today), due within
 * RETENTION_DUE_DAYS days of today (both days included), or not yet due. */
retention_due retention_due_state(const char *next, const char *today);

#endif
