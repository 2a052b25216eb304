#include "domain/safeguarding.h"

#include <string.h>

static int one_of(const char *v, const char *const *list)
{
	for (; v && *list; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

int plan_risk_level_ok(const char *level)
{
	static const char *const ok[] = {"no_apparent_risk", "low", "medium", "high", NULL};
	return one_of(level, ok);
}

int plan_action_status_ok(const char *status)
{
	static const char *const ok[] = {"open", "in_progress", "done", "cancelled", NULL};
	return one_of(status, ok);
}

int plan_action_open(const char *status)
{
	static const char *const open[] = {"open", "in_progress", NULL};
	return one_of(status, open);
}

static const char *const step_names[CP_STEP_COUNT] = {
	[CP_LA_TOLD] = "local_authority_told", [CP_STRATEGY] = "strategy_discussion",
	[CP_SECTION_47] = "section_47_outcome", [CP_CONFERENCE] = "conference",
	[CP_CORE_GROUP] = "core_group",	       [CP_REVIEW] = "review",
};

int cp_step_of(const char *name)
{
	for (int i = 0; name && i < CP_STEP_COUNT; i++)
		if (strcmp(step_names[i], name) == 0)
			return i;
	return -1;
}

const char *cp_step_name(cp_step s)
{
	return (unsigned)s < CP_STEP_COUNT ? step_names[s] : NULL;
}

int cp_outcome_ok(cp_step s, const char *outcome)
{
	static const char *const strategy[] = {"section_47", "no_further_action", NULL};
	static const char *const s47[] = {"significant_harm", "no_significant_harm", NULL};
	static const char *const conference[] = {"plan", "no_plan", NULL};
	static const char *const review[] = {"plan_continues", "plan_ends", NULL};
	switch (s) {
	case CP_STRATEGY:
		return one_of(outcome, strategy);
	case CP_SECTION_47:
		return one_of(outcome, s47);
	case CP_CONFERENCE:
		return one_of(outcome, conference);
	case CP_REVIEW:
		return one_of(outcome, review);
	default:
		return outcome == NULL;
	}
}

static int is(const char *v, const char *want)
{
	return v && strcmp(v, want) == 0;
}

/* The day of the step the given step follows (NULL when there is none). */
static const char *step_before(const cp_state *st, cp_step step)
{
	switch (step) {
	case CP_STRATEGY:
		return st->la_told_on;
	case CP_SECTION_47:
		return st->strategy_on;
	case CP_CONFERENCE:
		return st->s47_on;
	case CP_CORE_GROUP:
		return st->conference_on;
	case CP_REVIEW:
		return st->last_review_on ? st->last_review_on : st->conference_on;
	default:
		return NULL;
	}
}

cp_check cp_step_allowed(const cp_state *st, cp_step step, const char *on)
{
	switch (step) {
	case CP_LA_TOLD:
		if (st->la_told_on)
			return CP_DONE_ALREADY;
		break;
	case CP_STRATEGY:
		if (!st->la_told_on)
			return CP_NOT_YET;
		if (st->strategy_on)
			return CP_DONE_ALREADY;
		break;
	case CP_SECTION_47:
		if (!is(st->strategy_outcome, "section_47"))
			return CP_NOT_YET;
		if (st->s47_on)
			return CP_DONE_ALREADY;
		break;
	case CP_CONFERENCE:
		if (!is(st->s47_outcome, "significant_harm"))
			return CP_NOT_YET;
		if (st->conference_on)
			return CP_DONE_ALREADY;
		break;
	case CP_CORE_GROUP:
		if (!is(st->conference_outcome, "plan"))
			return CP_NOT_YET;
		if (st->core_group_on)
			return CP_DONE_ALREADY;
		break;
	case CP_REVIEW:
		if (!is(st->conference_outcome, "plan"))
			return CP_NOT_YET;
		if (st->plan_ended_on)
			return CP_PLAN_ENDED;
		break;
	default:
		return CP_NOT_YET;
	}
	const char *before = step_before(st, step);
	if (before && on && strcmp(on, before) < 0)
		return CP_BEFORE_LAST;
	return CP_OK;
}

const char *cp_check_message(cp_check c)
{
	switch (c) {
	case CP_NOT_YET:
		return "the step before has not called for this step";
	case CP_DONE_ALREADY:
		return "this step is recorded already";
	case CP_PLAN_ENDED:
		return "the child protection plan has ended";
	case CP_BEFORE_LAST:
		return "must be on or after the day of the step it follows";
	default:
		return "";
	}
}

int cp_clocks_of(const cp_state *st, int strategy_days, const holidays *h, cp_clocks *out)
{
	memset(out, 0, sizeof *out);
	if (st->la_told_on && !st->strategy_on &&
	    workdays_add(st->la_told_on, strategy_days, h, out->strategy_due) != 0)
		return -1;
	if (is(st->s47_outcome, "significant_harm") && !st->conference_on && st->strategy_on &&
	    workdays_add(st->strategy_on, CP_CONFERENCE_DAYS, h, out->conference_due) != 0)
		return -1;
	if (is(st->conference_outcome, "plan") && !st->core_group_on &&
	    workdays_add(st->conference_on, CP_CORE_GROUP_DAYS, h, out->core_group_due) != 0)
		return -1;
	if (is(st->conference_outcome, "plan") && !st->plan_ended_on) {
		int r = st->last_review_on ? date_add_months(st->last_review_on, CP_REVIEW_MONTHS, out->review_due)
					   : date_add_months(st->conference_on, CP_FIRST_REVIEW_MONTHS, out->review_due);
		if (r != 0)
			return -1;
	}
	return 0;
}
