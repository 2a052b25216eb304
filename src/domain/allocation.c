#include "domain/allocation.h"
#include "domain/words.h"

#include <stdio.h>
#include <string.h>

static const struct {
	unsigned req;
	const char *code, *text;
} requirements[ALLOC_NREQ] = {
	{ALLOC_REQ_PIP, "pip2_accredited", "not accredited at PIP level 2 or above"},
	{ALLOC_REQ_SPECIALIST, "specialist_msht_training", "no valid specialist modern slavery investigation training"},
	{ALLOC_REQ_CHILD, "child_exploitation_training",
	 "no valid child criminal exploitation training, and a victim in the case is a child"},
	{ALLOC_REQ_AVAILABLE, "available", "absent during the next 14 days"},
	{ALLOC_REQ_CAPACITY, "under_capacity", "already at their maximum of active cases"},
};

static int has_room(const alloc_candidate *c)
{
	return c->capacity > 0 && c->active_cases < c->capacity;
}

unsigned alloc_failed(const alloc_case *k, const alloc_candidate *c)
{
	unsigned failed = 0;
	if (c->pip_level < ALLOC_MIN_PIP)
		failed |= ALLOC_REQ_PIP;
	if (!c->specialist_valid)
		failed |= ALLOC_REQ_SPECIALIST;
	if (k->child_victim && !c->child_valid)
		failed |= ALLOC_REQ_CHILD;
	if (c->absent_on)
		failed |= ALLOC_REQ_AVAILABLE;
	if (!has_room(c))
		failed |= ALLOC_REQ_CAPACITY;
	return failed;
}

const char *alloc_requirement_code(unsigned req)
{
	for (int i = 0; i < ALLOC_NREQ; i++)
		if (requirements[i].req == req)
			return requirements[i].code;
	return NULL;
}

const char *alloc_requirement_text(unsigned req)
{
	for (int i = 0; i < ALLOC_NREQ; i++)
		if (requirements[i].req == req)
			return requirements[i].text;
	return NULL;
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

static int same_team(const alloc_case *k, const alloc_candidate *c)
{
	return k->team && c->team && strcmp(k->team, c->team) == 0;
}

static int speaks(const alloc_candidate *c, int i)
{
	return i < ALLOC_MAX_LANGUAGES && (c->speaks >> i & 1u);
}

/* How many of the case's needs the candidate meets. */
static int needs_met(const alloc_case *k, const alloc_candidate *c)
{
	int n = (c->pip_level >= ALLOC_MIN_PIP) + (c->specialist_valid != 0) + same_team(k, c);
	if (k->child_victim)
		n += c->child_valid != 0;
	for (int i = 0; i < k->nlanguages; i++)
		n += speaks(c, i);
	return n;
}

/* Tenths of their capacity still free, rounded up so that any room counts;
 * none when absent or without room. */
static int free_tenths(const alloc_candidate *c)
{
	if (c->absent_on || !has_room(c))
		return 0;
	return (10 * (c->capacity - c->active_cases) + c->capacity - 1) / c->capacity;
}

int alloc_score(const alloc_case *k, const alloc_candidate *c)
{
	return ALLOC_W_NEED * needs_met(k, c) + ALLOC_W_CONTINUITY * min_int(c->linked_cases, ALLOC_MAX_CONTINUITY) +
	       ALLOC_W_CAPACITY * free_tenths(c) + ALLOC_W_EXPERIENCE * min_int(c->msht_led, ALLOC_MAX_EXPERIENCE);
}

static const char *absence_words(const char *kind)
{
	if (kind && strcmp(kind, "leave") == 0)
		return "On leave";
	if (kind && strcmp(kind, "course") == 0)
		return "On a course";
	if (kind && strcmp(kind, "sickness") == 0)
		return "Off sick";
	return "Away";
}

typedef void (*reason_fn)(enum alloc_reason_kind kind, const char *text, void *arg);

static void needs_reasons(const alloc_case *k, const alloc_candidate *c, reason_fn emit, void *arg)
{
	char s[300];
	if (c->specialist_valid)
		emit(ALLOC_FOR, "Has current specialist modern slavery investigation training", arg);
	else
		emit(ALLOC_AGAINST, "No current specialist modern slavery investigation training", arg);
	if (c->pip_level >= ALLOC_MIN_PIP) {
		snprintf(s, sizeof s, "Accredited at PIP level %d", c->pip_level);
		emit(ALLOC_FOR, s, arg);
	} else if (c->pip_level > 0) {
		snprintf(s, sizeof s, "Accredited at PIP level %d only; leading needs level %d or above", c->pip_level,
			 ALLOC_MIN_PIP);
		emit(ALLOC_AGAINST, s, arg);
	} else {
		emit(ALLOC_AGAINST, "Not accredited at PIP level 2 or above", arg);
	}
	if (k->child_victim)
		emit(c->child_valid ? ALLOC_FOR : ALLOC_AGAINST,
		     c->child_valid ? "Has current child criminal exploitation training, which a child victim needs"
				    : "No current child criminal exploitation training, which a child victim needs",
		     arg);
	if (k->team) {
		if (same_team(k, c))
			snprintf(s, sizeof s, "Member of %s, which holds this case", k->team);
		else if (c->team)
			snprintf(s, sizeof s, "Member of %s, not of %s, which holds this case", c->team, k->team);
		else
			snprintf(s, sizeof s, "Not a member of %s, which holds this case", k->team);
		emit(same_team(k, c) ? ALLOC_FOR : ALLOC_AGAINST, s, arg);
	}
	for (int i = 0; i < k->nlanguages && i < ALLOC_MAX_LANGUAGES; i++) {
		snprintf(s, sizeof s, "%s %s, which a victim needs", speaks(c, i) ? "Speaks" : "Does not speak",
			 k->languages[i]);
		emit(speaks(c, i) ? ALLOC_FOR : ALLOC_AGAINST, s, arg);
	}
	if (c->linked_cases) {
		snprintf(s, sizeof s, "Leads or has led %d other case%s with the same people or places",
			 c->linked_cases, c->linked_cases == 1 ? "" : "s");
		emit(ALLOC_FOR, s, arg);
	}
}

static void capacity_reasons(const alloc_case *k, const alloc_candidate *c, reason_fn emit, void *arg)
{
	char s[300], from[40], until[40];
	if (c->absent_on) {
		words_long_date(c->absent_on, from, sizeof from);
		words_long_date(c->absent_until, until, sizeof until);
		if (!c->absent_until)
			snprintf(s, sizeof s, "%s from %s", absence_words(c->absence_kind), from);
		else if (k->today && strcmp(c->absent_on, k->today) <= 0)
			snprintf(s, sizeof s, "%s until %s", absence_words(c->absence_kind), until);
		else
			snprintf(s, sizeof s, "%s from %s until %s", absence_words(c->absence_kind), from, until);
		emit(ALLOC_AGAINST, s, arg);
	}
	if (c->capacity <= 0) {
		emit(ALLOC_AGAINST, "Has no capacity set on their profile, so no room for a case", arg);
		return;
	}
	snprintf(s, sizeof s, "Leads %d open case%s of the %d they can hold%s", c->active_cases,
		 c->active_cases == 1 ? "" : "s", c->capacity, has_room(c) ? "" : ": no room for another");
	emit(has_room(c) ? ALLOC_FOR : ALLOC_AGAINST, s, arg);
}

void alloc_reasons(const alloc_case *k, const alloc_candidate *c, reason_fn emit, void *arg)
{
	needs_reasons(k, c, emit, arg);
	capacity_reasons(k, c, emit, arg);
	if (c->msht_led) {
		char s[100];
		snprintf(s, sizeof s, "Has led %d modern slavery case%s", c->msht_led, c->msht_led == 1 ? "" : "s");
		emit(ALLOC_FOR, s, arg);
	}
}

int alloc_compare(unsigned failed_a, int score_a, unsigned failed_b, int score_b)
{
	if (!failed_a != !failed_b)
		return failed_a ? 1 : -1;
	return score_b - score_a;
}
