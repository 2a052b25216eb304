/* Victims' feedback: invitations (only their token's and code's hashes are
 * kept), and responses kept apart from the victim's record: a response
 * names the inviting force, never the invitation, case or person. */
#ifndef WAYMARK_STORE_FEEDBACK_H
#define WAYMARK_STORE_FEEDBACK_H

#include "domain/feedback.h"
#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"

typedef struct feedback_invitation_rec {
	char id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	char team_id[SECURE_ID_LEN]; /* "" when the officer has none */
	char case_id[SECURE_ID_LEN];
	char link_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	char language[8];
	char delivery[16];
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	char expires_at[32];
	int used;
} feedback_invitation_rec;

/* Stores an invitation (every member but id and created_at, with the
 * hashes of its token and code); sets id and created_at. */
int store_feedback_invite(db *d, feedback_invitation_rec *r, const char *token_hash,
                          const char *code_hash);
/* Finds an invitation by its token's hash, or by its code's hash: DB_ROW,
 * DB_DONE, or an error. */
int store_feedback_by_token(db *d, const char *token_hash, feedback_invitation_rec *out);
int store_feedback_by_code(db *d, const char *code_hash, feedback_invitation_rec *out);
/* Gives a live invitation a new token (the code was typed in for it):
 * DB_OK, or DB_DONE when it is used or expired at now. */
int store_feedback_retoken(db *d, const char *id, const char *token_hash, const char *now);
/* Marks an invitation used if it is still unused and unexpired at now:
 * DB_OK, or DB_DONE when it no longer was (a race lost). Nothing records
 * when. */
int store_feedback_use(db *d, const char *id, const char *now);

/* A response as it is stored: no link to its invitation. */
typedef struct feedback_response_rec {
	char id[SECURE_ID_LEN];
	const char *org_id, *language, *submitted_on;
	int scores[FEEDBACK_QUESTIONS]; /* 1 to 5, or 0: prefer not to say */
	const char *sealed_comment;     /* NULL: none */
	char comment_id[SECURE_ID_LEN]; /* set when there is a comment */
} feedback_response_rec;

/* Stores a response, its answers and its comment (awaiting redaction).
 * Ids are random, not time-ordered, so they do not tell when. */
int store_feedback_respond(db *d, feedback_response_rec *r);

typedef struct feedback_comment_rec {
	char id[SECURE_ID_LEN];
	const char *org_id, *language, *submitted_on, *state;
	const char *sealed_text;   /* awaiting redaction; else NULL */
	const char *redacted_text; /* redacted; else NULL */
	const char *withheld_reason;
	const char *dealt_by_name, *dealt_at;
	int64_t version;
} feedback_comment_rec;

/* Calls fn for each comment of the organisations in the state (NULL: any),
 * oldest first. */
int store_feedback_comments(db *d, arena *a, const store_orgs *orgs, const char *state,
                            int (*fn)(const feedback_comment_rec *k, void *arg), void *arg);
/* One comment: DB_ROW, DB_DONE, or an error. */
int store_feedback_comment_get(db *d, arena *a, const char *id, feedback_comment_rec *out);
/* Redacts (text) or withholds (reason) a comment awaiting redaction at
 * version, forgetting its raw text: DB_OK, or DB_DONE when it changed
 * meanwhile. */
int store_feedback_comment_deal(db *d, const char *id, int64_t version, const char *redacted_text,
                                const char *withheld_reason, const char *by, const char *now);

/* Counts responses of the organisations submitted from from to before
 * after (dates): *total, and fn for each (question, score, count), score 0
 * for prefer not to say. */
int store_feedback_tally(db *d, const store_orgs *orgs, const char *from, const char *after,
                         int64_t *total,
                         int (*fn)(const char *question, int score, int64_t n, void *arg),
                         void *arg);
/* Calls fn with the text of each redacted comment of those responses. */
int store_feedback_redacted(db *d, const store_orgs *orgs, const char *from, const char *after,
                            int (*fn)(const char *text, const char *submitted_on, void *arg),
                            void *arg);

#endif
