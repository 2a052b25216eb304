#include "domain/training.h"

#include <string.h>

const course training_courses[] = {
	{"msht_awareness", "Modern slavery and human trafficking awareness", 3},
	{"first_responder_nrm", "First Responder and the National Referral Mechanism", 2},
	{"specialist_msht_investigation", "Specialist modern slavery investigation", 3},
	{"trauma_informed_interviewing", "Trauma-informed interviewing", 3},
	{"child_criminal_exploitation", "Child criminal exploitation", 2},
	{"victim_liaison", "Victim liaison", 3},
};
const size_t training_ncourses = sizeof training_courses / sizeof training_courses[0];

const course *training_course(const char *code)
{
	for (size_t i = 0; code && i < training_ncourses; i++)
		if (strcmp(training_courses[i].code, code) == 0)
			return &training_courses[i];
	return NULL;
}

int training_default_expiry(const course *c, const char *completed_on, char out[DATE_LEN])
{
	return date_add_years(completed_on, c->valid_years, out);
}

training_state training_state_on(const char *expires_on, const char *today)
{
	if (strcmp(expires_on, today) < 0)
		return TRAINING_EXPIRED;
	char notice[DATE_LEN];
	if (date_add_days(today, TRAINING_EXPIRY_NOTICE_DAYS, notice) == 0 && strcmp(expires_on, notice) <= 0)
		return TRAINING_EXPIRING;
	return TRAINING_VALID;
}

const char *training_state_name(training_state s)
{
	return s == TRAINING_EXPIRED ? "expired" : s == TRAINING_EXPIRING ? "expiring" : "valid";
}
