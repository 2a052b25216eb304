/* Missing people (College of Policing APP): each report graded no apparent
 * risk, low, medium or high and reviewed while the person is missing; on
 * return a police safe and well check for everyone, and for a child an
 * independent return home interview within 72 hours; three or more
 * episodes within 90 days mark a repeat missing person, to be screened for
 * exploitation. The rules are here, as tables; times are milliseconds
 * since the epoch (UTC), days are UK calendar days. */
#ifndef WAYMARK_DOMAIN_MISSING_H
#define WAYMARK_DOMAIN_MISSING_H

#include <stdint.h>

#define MISSING_HOUR_MS (3600LL * 1000)
/* A child's return home interview is due 72 hours (elapsed) after the return. */
#define MISSING_INTERVIEW_HOURS 72
/* The window in which episodes count towards the repeat pattern, and how many make it. */
#define MISSING_WINDOW_MS (90LL * 24 * MISSING_HOUR_MS)
#define MISSING_REPEAT_EPISODES 3
/* The police safe and well check's target by default, and the bounds of
 * any hours a force sets. */
#define MISSING_SAFE_WELL_HOURS 24
#define MISSING_HOURS_MIN 1
#define MISSING_HOURS_MAX 168

typedef enum { RISK_NO_APPARENT, RISK_LOW, RISK_MEDIUM, RISK_HIGH, RISK_COUNT } missing_risk;

/* The grading of a code (no_apparent_risk, low, medium, high), or -1. */
int missing_risk_of(const char *code);
const char *missing_risk_code(missing_risk r);
/* The grading in words, as a sentence uses it: "high risk", "no apparent risk". */
const char *missing_risk_words(missing_risk r);
/* Hours between reviews of each grading, when a force has set none. */
int missing_review_hours_default(missing_risk r);

/* When a grading made at from_ms is next reviewed, given the force's
 * hours for each grading (RISK_COUNT of them). */
int64_t missing_review_due_ms(int64_t from_ms, missing_risk r, const int hours[RISK_COUNT]);
/* When a child's return home interview is due: 72 hours after the return. */
int64_t missing_interview_due_ms(int64_t returned_ms);
/* Whether the person is owed a return home interview: under 18 on the UK
 * day of the return, or, with no date of birth, an estimated age under 18,
 * or an age disputed. dob may be NULL; estimated_age < 0 is unknown. */
int missing_child_on_return(const char *dob, int estimated_age, int age_disputed, int64_t returned_ms);

/* Why the times of a report are refused (the field named). */
typedef enum {
	MISSING_TIMES_OK,
	MISSING_REPORTED_FUTURE,  /* reported_at after now */
	MISSING_SEEN_FUTURE,      /* last_seen_at after now */
	MISSING_SEEN_AFTER_REPORT /* last_seen_at after reported_at */
} missing_times;
missing_times missing_report_times(int64_t reported_ms, int64_t last_seen_ms, int64_t now_ms);
/* The time field a refusal is about, and what it says. */
const char *missing_times_field(missing_times t);
const char *missing_times_message(missing_times t);

/* Whether an episode that started (last seen) at start_ms counts in the
 * window ending now: no more than 90 days before it, the edge included. */
int missing_in_window(int64_t start_ms, int64_t now_ms);
/* Whether so many episodes in the window make a repeat missing person. */
int missing_repeat(int episodes_in_window);

/* Who found them, what a search entry is, how a screening ended. */
int missing_found_by_ok(const char *s);   /* returned_themselves, police, family_or_carer, other */
int missing_entry_kind_ok(const char *s); /* search, enquiry, sighting */
int missing_screening_outcome_ok(const char *s); /* no_concerns, concerns_case_opened, concerns_referred,
						    concerns_monitored */

#endif
