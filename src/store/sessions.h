/* Sign-in sessions. Tokens are never stored: only their SHA-256. */
#ifndef WAYMARK_STORE_SESSIONS_H
#define WAYMARK_STORE_SESSIONS_H

#include <stdint.h>

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/db.h"

typedef struct session_rec {
	char token_hash[65];
	char user_id[SECURE_ID_LEN];
	char csrf_token[48];
	int64_t created_ms;
	int64_t last_seen_ms;
	int totp_enrolment_pending;
	int notices;	       /* how many notices its sign-in delivered */
	char totp_roles[160];  /* the user's organisation's second-factor roles as
				  stored (a JSON array); "" when it has none set */
} session_rec;

int store_session_insert(db *d, const session_rec *s);
/* Finds the session, its user and their organisation's second-factor
 * setting in one query: DB_ROW, DB_DONE when absent, or an error. */
int store_session_with_user(db *d, const char *token_hash, session_rec *s, user_rec *u);
/* Records use at now_ms. */
int store_session_touch(db *d, const char *token_hash, int64_t now_ms);
int store_session_clear_pending(db *d, const char *token_hash);
int store_session_delete(db *d, const char *token_hash);
/* Ends every session of the user (password change, disabling, role change). */
int store_session_delete_user(db *d, const char *user_id);
/* Counts sessions used within idle_ms of now_ms. */
int store_session_count_live(db *d, int64_t now_ms, int64_t idle_ms, int64_t *count);

#endif
