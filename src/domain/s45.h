/* The s45 safeguard (Modern Slavery Act 2015): a defence for victims who
 * were compelled to offend. Before any charging decision on a suspect who
 * is a potential victim anywhere, an officer assesses it and a supervisor
 * approves the assessment.
 *
 * Adults (18 or over at the offence): compelled to do it, the compulsion
 * attributable to slavery or exploitation, and a reasonable person in the
 * same situation with the same relevant characteristics would have had no
 * realistic alternative. Children: the act was a direct consequence of
 * being a victim, and a reasonable person in the same situation would have
 * done it. Neither applies to an offence in Schedule 4. */
#ifndef WAYMARK_DOMAIN_S45_H
#define WAYMARK_DOMAIN_S45_H

#include <stddef.h>

typedef struct schedule4_offence {
	const char *code;
	const char *label;
} schedule4_offence;

/* The offences Schedule 4 excludes from the defence, as codes. */
extern const schedule4_offence schedule4[];
extern const size_t schedule4_count;
const schedule4_offence *schedule4_find(const char *code);

/* The tests answered: 1 yes, 0 no, -1 not answered. */
typedef struct s45_answers {
	int child; /* under 18 at the offence (or of disputed age) */
	int schedule4;
	int compelled;		     /* adults */
	int no_realistic_alternative; /* adults */
	int direct_consequence;	     /* children */
	int reasonable_person;	     /* children: a reasonable person would have done it */
} s45_answers;

typedef enum s45_outcome { S45_MAY_APPLY, S45_DOES_NOT_APPLY, S45_EXCLUDED } s45_outcome;

/* The first test the age group needs that is unanswered, or NULL. */
const char *s45_missing(const s45_answers *a);
s45_outcome s45_evaluate(const s45_answers *a);
const char *s45_outcome_name(s45_outcome o);

typedef enum charging_refusal { CHARGE_OK, CHARGE_NEEDS_ASSESSMENT, CHARGE_NEEDS_APPROVAL } charging_refusal;
/* Whether a charging decision may be recorded on a suspect. */
charging_refusal s45_charging_allowed(int non_punishment_flag, int has_assessment, int approved);
int charging_decision_valid(const char *decision);

#endif
