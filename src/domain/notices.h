/* What an account holder is told at their next sign-in about changes made
 * to their account by someone else. */
#ifndef WAYMARK_DOMAIN_NOTICES_H
#define WAYMARK_DOMAIN_NOTICES_H

#include <stddef.h>

#define NOTICE_RESET_ISSUED "password_reset_issued"
#define NOTICE_PASSWORD_RESET "password_reset"
#define NOTICE_SECOND_FACTOR_REQUESTED "second_factor_reset_requested"
#define NOTICE_SECOND_FACTOR_CLEARED "second_factor_reset"

/* Writes the sentence shown for a notice of the kind, naming the actor (an
 * administrator's display name) where the notice has one, or speaking of
 * "the system operator" when actor is NULL or empty. Returns the length
 * written (truncated to fit n), or 0 for a kind it does not know. */
size_t notice_text(const char *kind, const char *actor, char *out, size_t n);

#endif
