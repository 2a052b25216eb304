/* One-time password links (only their token's SHA-256 is kept) and requests
 * to clear a second factor. */
#ifndef WAYMARK_STORE_RESETS_H
#define WAYMARK_STORE_RESETS_H

#include "lib/secure.h"
#include "store/db.h"

typedef struct reset_rec {
	char id[SECURE_ID_LEN];
	char user_id[SECURE_ID_LEN];
	char created_by[SECURE_ID_LEN]; /* "" when made on the command line */
	char created_at[32];
	char expires_at[32];
	int wrong_codes;
	int used;    /* used_at is set */
	int revoked; /* revoked_at is set */
	int first;   /* made with the account: the holder's first password */
} reset_rec;

/* Revokes the user's links not yet used and stores a new one: r->user_id,
 * r->created_by ("" for none), r->expires_at and r->first, with the token's hash.
 * Sets r->id and r->created_at. */
int store_reset_issue(db *d, reset_rec *r, const char *token_hash);
/* Finds a link by its token's hash: DB_ROW, DB_DONE, or an error. */
int store_reset_find(db *d, const char *token_hash, reset_rec *out);
/* Marks a link used if it is still unused, unrevoked and unexpired at now:
 * DB_OK, or DB_DONE when it no longer was (a race lost). */
int store_reset_use(db *d, const char *id, const char *now);
/* Counts a wrong second-factor code given with the link, and revokes the
 * link when the count reaches max; writes the new count. */
int store_reset_wrong_code(db *d, const char *id, int max, int *count);

typedef struct sf_reset_rec {
	char id[SECURE_ID_LEN];
	char user_id[SECURE_ID_LEN];
	char requested_by[SECURE_ID_LEN];
	char requested_by_name[129]; /* filled by reads */
	char requested_at[32];
	char expires_at[32];
} sf_reset_rec;

/* Stores a request (user_id, requested_by, expires_at); sets id and requested_at. */
int store_sf_reset_request(db *d, sf_reset_rec *r);
/* The user's request waiting for approval (unapproved, expiring after now):
 * DB_ROW, DB_DONE, or an error. */
int store_sf_reset_pending(db *d, const char *user_id, const char *now, sf_reset_rec *out);
/* Approves a waiting request: DB_OK, or DB_DONE when it was approved meanwhile. */
int store_sf_reset_approve(db *d, const char *id, const char *approved_by, const char *now);

#endif
