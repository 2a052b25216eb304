/* The training register's courses, how long each stays valid, and whether a
 * record is valid, expiring or expired on a day. Dates are "YYYY-MM-DD". */
#ifndef WAYMARK_DOMAIN_TRAINING_H
#define WAYMARK_DOMAIN_TRAINING_H

#include <stddef.h>

#include "domain/workdays.h"

/* A record shows as expiring this many days before it expires. */
#define TRAINING_EXPIRY_NOTICE_DAYS 30

typedef struct course {
	const char *code;
	const char *name;
	int valid_years; /* the expiry when a record gives none */
} course;

extern const course training_courses[];
extern const size_t training_ncourses;

/* The course with this code, or NULL. */
const course *training_course(const char *code);
/* The expiry of a record completed on a day when none is given. */
int training_default_expiry(const course *c, const char *completed_on, char out[DATE_LEN]);

typedef enum training_state { TRAINING_VALID, TRAINING_EXPIRING, TRAINING_EXPIRED } training_state;

/* Where a record expiring on a day stands today. */
training_state training_state_on(const char *expires_on, const char *today);
/* "valid", "expiring", "expired". */
const char *training_state_name(training_state s);

#endif
