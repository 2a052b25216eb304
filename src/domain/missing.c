#include "domain/missing.h"

#include <string.h>

#include "domain/person.h"
#include "lib/clock.h"

static const char *const risks[RISK_COUNT] = {
	[RISK_NO_APPARENT] = "no_apparent_risk",
	[RISK_LOW] = "low",
	[RISK_MEDIUM] = "medium",
	[RISK_HIGH] = "high",
};

/* APP asks for the grading to be reviewed continually and confirmed by a
 * supervisor, and sets no national intervals: these are Waymark's starting
 * point, which each force sets for itself (docs/missing.md). */
static const int review_hours[RISK_COUNT] = {
	[RISK_NO_APPARENT] = 24,
	[RISK_LOW] = 24,
	[RISK_MEDIUM] = 8,
	[RISK_HIGH] = 4,
};

static int index_in(const char *const *list, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int missing_risk_of(const char *code)
{
	return index_in(risks, RISK_COUNT, code);
}

const char *missing_risk_code(missing_risk r)
{
	return (unsigned)r < RISK_COUNT ? risks[r] : NULL;
}

const char *missing_risk_words(missing_risk r)
{
	static const char *const words[RISK_COUNT] = {
		[RISK_NO_APPARENT] = "no apparent risk",
		[RISK_LOW] = "low risk",
		[RISK_MEDIUM] = "medium risk",
		[RISK_HIGH] = "high risk",
	};
	return (unsigned)r < RISK_COUNT ? words[r] : NULL;
}

int missing_review_hours_default(missing_risk r)
{
	return (unsigned)r < RISK_COUNT ? review_hours[r] : review_hours[RISK_HIGH];
}

int64_t missing_review_due_ms(int64_t from_ms, missing_risk r, const int hours[RISK_COUNT])
{
	int h = (unsigned)r < RISK_COUNT ? hours[r] : hours[RISK_HIGH];
	return from_ms + (int64_t)h * MISSING_HOUR_MS;
}

int64_t missing_interview_due_ms(int64_t returned_ms)
{
	return returned_ms + MISSING_INTERVIEW_HOURS * MISSING_HOUR_MS;
}

int missing_child_on_return(const char *dob, int estimated_age, int age_disputed, int64_t returned_ms)
{
	char day[CLOCK_DATE_LEN];
	clock_uk_date(returned_ms, day);
	return presumed_child(dob, estimated_age, age_disputed, day);
}

missing_times missing_report_times(int64_t reported_ms, int64_t last_seen_ms, int64_t now_ms)
{
	if (reported_ms > now_ms)
		return MISSING_REPORTED_FUTURE;
	if (last_seen_ms > now_ms)
		return MISSING_SEEN_FUTURE;
	if (last_seen_ms > reported_ms)
		return MISSING_SEEN_AFTER_REPORT;
	return MISSING_TIMES_OK;
}

const char *missing_times_field(missing_times t)
{
	return t == MISSING_REPORTED_FUTURE ? "reported_at" : "last_seen_at";
}

const char *missing_times_message(missing_times t)
{
	switch (t) {
	case MISSING_REPORTED_FUTURE:
	case MISSING_SEEN_FUTURE:
		return "must not be in the future";
	case MISSING_SEEN_AFTER_REPORT:
		return "must not be after reported_at: a person is last seen before they are reported missing";
	default:
		return "";
	}
}

int missing_in_window(int64_t start_ms, int64_t now_ms)
{
	return start_ms <= now_ms && now_ms - start_ms <= MISSING_WINDOW_MS;
}

int missing_repeat(int episodes_in_window)
{
	return episodes_in_window >= MISSING_REPEAT_EPISODES;
}

int missing_found_by_ok(const char *s)
{
	static const char *const ok[] = {"returned_themselves", "police", "family_or_carer", "other"};
	return index_in(ok, 4, s) >= 0;
}

int missing_entry_kind_ok(const char *s)
{
	static const char *const ok[] = {"search", "enquiry", "sighting"};
	return index_in(ok, 3, s) >= 0;
}

int missing_screening_outcome_ok(const char *s)
{
	static const char *const ok[] = {"no_concerns", "concerns_case_opened", "concerns_referred",
					 "concerns_monitored"};
	return index_in(ok, 4, s) >= 0;
}
