#include "domain/services.h"

#include <stddef.h>
#include <string.h>

static const struct {
	const char *code, *label;
} kinds[] = {
    {"isva", "Independent sexual violence adviser"},  {"advocacy", "Advocacy"},
    {"navigator", "Independent victim navigator"},    {"housing", "Housing or safe accommodation"},
    {"mental_health", "Mental health support"},       {"legal_advice", "Legal advice"},
    {"immigration_advice", "Immigration advice"},     {"interpreting", "Interpreting"},
    {"substance_misuse", "Drug and alcohol support"}, {"other", "Other support"},
};
#define NKINDS (int)(sizeof kinds / sizeof kinds[0])

const char *service_kind_code(int i)
{
	return i >= 0 && i < NKINDS ? kinds[i].code : NULL;
}

const char *service_kind_label(int i)
{
	return i >= 0 && i < NKINDS ? kinds[i].label : NULL;
}

int service_kind_of(const char *code)
{
	for (int i = 0; code && i < NKINDS; i++)
		if (strcmp(kinds[i].code, code) == 0)
			return i;
	return -1;
}

const char *service_kind_words(const char *code)
{
	int i = service_kind_of(code);
	return i >= 0 ? kinds[i].label : code;
}

static int index_of(const char *const *list, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(list[i], code) == 0)
			return i;
	return -1;
}

static const char *const urgencies[URGENCY_COUNT] = {"immediate", "urgent", "routine"};

int service_urgency_of(const char *code)
{
	return index_of(urgencies, URGENCY_COUNT, code);
}

static const char *const statuses[REFERRAL_STATUS_COUNT] = {
    [REFERRAL_REFERRED] = "referred", [REFERRAL_ACCEPTED] = "accepted",
    [REFERRAL_DECLINED] = "declined", [REFERRAL_IN_PROGRESS] = "in_progress",
    [REFERRAL_CLOSED] = "closed",     [REFERRAL_WITHDRAWN] = "withdrawn",
};
static const char *const status_words[REFERRAL_STATUS_COUNT] = {
    [REFERRAL_REFERRED] = "referred, waiting for an answer",
    [REFERRAL_ACCEPTED] = "accepted",
    [REFERRAL_DECLINED] = "declined",
    [REFERRAL_IN_PROGRESS] = "support under way",
    [REFERRAL_CLOSED] = "closed",
    [REFERRAL_WITHDRAWN] = "withdrawn by the force",
};

int referral_status_of(const char *code)
{
	return index_of(statuses, REFERRAL_STATUS_COUNT, code);
}

const char *referral_status_code(referral_status s)
{
	return (unsigned)s < REFERRAL_STATUS_COUNT ? statuses[s] : NULL;
}

const char *referral_status_words(referral_status s)
{
	return (unsigned)s < REFERRAL_STATUS_COUNT ? status_words[s] : NULL;
}

int referral_open(referral_status s)
{
	return s == REFERRAL_REFERRED || s == REFERRAL_ACCEPTED || s == REFERRAL_IN_PROGRESS;
}

int referral_keeps_share(referral_status s)
{
	return referral_open(s);
}

static const struct {
	const char *code, *words;
} outcomes[] = {
    {"support_completed", "support completed"},
    {"victim_declined", "the victim declined support"},
    {"lost_contact", "contact lost"},
    {"moved_away", "moved away"},
    {"other", "other"},
};
#define NOUTCOMES (int)(sizeof outcomes / sizeof outcomes[0])

int referral_outcome_of(const char *code)
{
	for (int i = 0; code && i < NOUTCOMES; i++)
		if (strcmp(outcomes[i].code, code) == 0)
			return i;
	return -1;
}

const char *referral_outcome_words(const char *code)
{
	int i = referral_outcome_of(code);
	return i >= 0 ? outcomes[i].words : code;
}

/* The path: each step, who takes it, and what it asks for. */
static const struct {
	referral_status from, to;
	referral_mover who;
	unsigned needs;
} steps[] = {
    {REFERRAL_REFERRED, REFERRAL_ACCEPTED, MOVER_PROVIDER, 0},
    {REFERRAL_REFERRED, REFERRAL_DECLINED, MOVER_PROVIDER, NEEDS_REASON},
    {REFERRAL_ACCEPTED, REFERRAL_IN_PROGRESS, MOVER_PROVIDER, 0},
    {REFERRAL_ACCEPTED, REFERRAL_CLOSED, MOVER_PROVIDER, NEEDS_OUTCOME},
    {REFERRAL_IN_PROGRESS, REFERRAL_CLOSED, MOVER_PROVIDER, NEEDS_OUTCOME},
    {REFERRAL_REFERRED, REFERRAL_WITHDRAWN, MOVER_FORCE, NEEDS_REASON},
    {REFERRAL_ACCEPTED, REFERRAL_WITHDRAWN, MOVER_FORCE, NEEDS_REASON},
    {REFERRAL_IN_PROGRESS, REFERRAL_WITHDRAWN, MOVER_FORCE, NEEDS_REASON},
};

referral_move referral_move_check(referral_status from, referral_status to, referral_mover who,
                                  unsigned *needs)
{
	*needs = 0;
	int mine = 0, theirs = 0;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (steps[i].to != to)
			continue;
		if (steps[i].who != who) {
			theirs = 1;
			*needs = steps[i].needs;
			continue;
		}
		mine = 1;
		if (steps[i].from == from) {
			*needs = steps[i].needs;
			return MOVE_OK;
		}
	}
	/* A status only the other side moves to is theirs, from any status. */
	return !mine && theirs ? MOVE_NOT_YOURS : MOVE_NOT_ON_PATH;
}

int64_t service_respond_by_ms(int64_t referred_ms, int response_hours, service_urgency u)
{
	int hours = u == URGENCY_IMMEDIATE ? SERVICE_IMMEDIATE_HOURS : response_hours;
	return referred_ms + (int64_t)hours * SERVICE_HOUR_MS;
}

int referral_overdue(referral_status s, int has_target, int64_t respond_by_ms, int64_t now_ms)
{
	return s == REFERRAL_REFERRED && has_target && now_ms > respond_by_ms;
}

int service_serves_age(int min, int max, int age)
{
	return age >= min && age <= max;
}
