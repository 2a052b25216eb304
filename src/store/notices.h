/* Notices for an account holder, delivered at their next sign-in. */
#ifndef WAYMARK_STORE_NOTICES_H
#define WAYMARK_STORE_NOTICES_H

#include "store/db.h"

typedef struct notice_rec {
	char kind[48];
	char actor[129]; /* who acted, as shown; "" for the command line */
	char at[32];
} notice_rec;

/* Adds a notice of the kind for the user; actor may be NULL. */
int store_notice_add(db *d, const char *user_id, const char *kind, const char *actor);
/* Marks every notice the user has not seen as delivered to the session
 * (by its token's hash) and writes how many there were. */
int store_notice_deliver(db *d, const char *user_id, const char *session_hash, int *count);
/* Calls fn for each notice delivered to the session, oldest first. Stops
 * and returns fn's non-zero result. */
int store_notice_each(db *d, const char *session_hash, int (*fn)(const notice_rec *n, void *arg),
                      void *arg);

#endif
