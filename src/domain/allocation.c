#include "domain/allocation.h"

#include <stdio.h>

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
	if (c->capacity <= 0 || c->active_cases >= c->capacity)
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

static int workload_points(const alloc_candidate *c)
{
	if (c->capacity <= 0 || c->active_cases >= c->capacity)
		return 0;
	return ALLOC_W_WORKLOAD * (c->capacity - c->active_cases) / c->capacity;
}

int alloc_score(const alloc_case *k, const alloc_candidate *c)
{
	int languages = min_int(c->languages_spoken, k->languages_needed);
	return ALLOC_W_LANGUAGE * languages + ALLOC_W_CONTINUITY * min_int(c->linked_cases, ALLOC_MAX_CONTINUITY) +
	       workload_points(c) + ALLOC_W_EXPERIENCE * min_int(c->msht_led, ALLOC_MAX_EXPERIENCE);
}

void alloc_reasons(const alloc_case *k, const alloc_candidate *c, void (*emit)(const char *text, void *arg),
		   void *arg)
{
	char s[200];
	unsigned failed = alloc_failed(k, c);
	for (int i = 0; i < ALLOC_NREQ; i++) {
		if (!(failed & requirements[i].req))
			continue;
		if (requirements[i].req == ALLOC_REQ_AVAILABLE)
			snprintf(s, sizeof s, "Fails a requirement: absent from %s, within the next 14 days",
				 c->absent_on);
		else
			snprintf(s, sizeof s, "Fails a requirement: %s", requirements[i].text);
		emit(s, arg);
	}
	if (!failed)
		emit("Meets every requirement to lead", arg);
	int languages = min_int(c->languages_spoken, k->languages_needed);
	if (languages) {
		snprintf(s, sizeof s, "Speaks %d of the %d language%s a victim needs an interpreter for (+%d)", languages,
			 k->languages_needed, k->languages_needed == 1 ? "" : "s", ALLOC_W_LANGUAGE * languages);
		emit(s, arg);
	}
	if (c->linked_cases) {
		snprintf(s, sizeof s, "Leads or led %d linked case%s with the same people or places (+%d)",
			 c->linked_cases, c->linked_cases == 1 ? "" : "s",
			 ALLOC_W_CONTINUITY * min_int(c->linked_cases, ALLOC_MAX_CONTINUITY));
		emit(s, arg);
	}
	if (c->capacity > 0) {
		snprintf(s, sizeof s, "Holds %d of a maximum %d active cases (+%d)", c->active_cases, c->capacity,
			 workload_points(c));
		emit(s, arg);
	}
	if (c->msht_led) {
		snprintf(s, sizeof s, "Has led %d modern slavery case%s (+%d)", c->msht_led, c->msht_led == 1 ? "" : "s",
			 ALLOC_W_EXPERIENCE * min_int(c->msht_led, ALLOC_MAX_EXPERIENCE));
		emit(s, arg);
	}
}

int alloc_compare(unsigned failed_a, int score_a, unsigned failed_b, int score_b)
{
	if (!failed_a != !failed_b)
		return failed_a ? 1 : -1;
	return score_b - score_a;
}
