/* Sign-in throttling: failed tries per account name and source (the client
 * address, or a browser remembered for the account), and the browsers
 * remembered for an account. The rules are in
 * domain/credentials.h; the account-wide count is users.failed_logins
 * (store/accounts.h). */
#ifndef WAYMARK_STORE_SIGN_IN_H
#define WAYMARK_STORE_SIGN_IN_H

#include <stdint.h>

#include "store/db.h"

/* The pair's failed tries and when the last was (ms since the epoch):
 * DB_ROW, DB_DONE when it has none (both set to 0), or an error. */
int store_sign_in_pair_get(db *d, const char *username, const char *source, int *failures,
			   int64_t *last_ms);
/* Adds a failed try to the pair at now (ISO time), counting from nothing
 * when its last was before forget_before; writes the new count. Pairs of
 * any name quiet since before forget_before are dropped. DB_OK or an error. */
int store_sign_in_pair_fail(db *d, const char *username, const char *source, const char *now,
			    const char *forget_before, int *failures);
/* Forgets the pair's failed tries (the password was right). */
int store_sign_in_pair_clear(db *d, const char *username, const char *source);

/* Whether token_hash names a browser remembered for the user and not
 * expired at now: DB_ROW, DB_DONE, or an error. */
int store_sign_in_device_known(db *d, const char *user_id, const char *token_hash,
			       const char *now);
/* Remembers a browser for the user until expires; old_hash, when not NULL,
 * is the same browser's previous token and is forgotten. The user's expired
 * browsers are dropped. DB_OK or an error. */
int store_sign_in_device_add(db *d, const char *user_id, const char *token_hash,
			     const char *old_hash, const char *now, const char *expires);

#endif
