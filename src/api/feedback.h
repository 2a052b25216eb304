/* Victims' feedback, as its JSON routes and its server-rendered public page
 * (feedback_page.c) share it: finding an invitation by a token or a code
 * within the per-address limit, the questionnaire's texts, and taking in
 * the answers once. */
#ifndef WAYMARK_API_FEEDBACK_H
#define WAYMARK_API_FEEDBACK_H

#include "api/api.h"
#include "store/feedback.h"
#include "store/worklist.h"

/* What a public request found. */
typedef enum {
	FEEDBACK_LIVE,    /* an invitation that may be answered */
	FEEDBACK_UNKNOWN, /* no such token or code: 404 */
	FEEDBACK_GONE,    /* used or expired: 410 */
	FEEDBACK_LIMITED, /* too many tries from the address: 429 */
	FEEDBACK_FAILED,  /* the database failed: replied already */
} feedback_found;

/* Takes a try from the address's bucket and finds the invitation of the
 * token; a try that found a live invitation is given back, so only
 * guesses count. *wait_s gets the seconds to wait when LIMITED. */
feedback_found api_feedback_open(http_req *req, const char *token, feedback_invitation_rec *inv,
                                 int *wait_s);
/* The same for a code a person typed: a live invitation gets a new token,
 * written as its path (/feedback/{token}) into path, in a transaction it
 * begins and leaves open when it answers LIVE: the caller ends it once its
 * answer is ready (api_write_end, or api_commit before replying). */
#define API_FEEDBACK_PATH_LEN 64
feedback_found api_feedback_code(http_req *req, const char *typed, char path[API_FEEDBACK_PATH_LEN],
                                 int *wait_s);
/* The questionnaire in the language as JSON (the request owns it), or NULL
 * when memory runs out. */
json_t *api_feedback_texts(http_req *req, const char *language);
/* Takes in the answers to a live invitation (scores 1 to 5, 0 for prefer
 * not to say; comment NULL for none) in a transaction it begins and leaves
 * open: DB_OK (the caller commits), DB_DONE when the invitation was used or
 * expired meanwhile (the caller rolls back and answers 410), or an error. */
int api_feedback_take(http_req *req, const feedback_invitation_rec *inv,
                      const int scores[FEEDBACK_QUESTIONS], const char *comment);
/* Sets Retry-After for a wait of wait_s seconds. */
void api_feedback_retry_after(http_req *req, int wait_s);

/* Calls fn with a worklist item for each comment awaiting redaction that
 * the user may redact. */
int api_feedback_work(http_req *req, const char *today, int (*fn)(const work_row *r, void *arg),
                      void *arg);

/* The public page's handlers (feedback_page.c). */
void api_feedback_page_code(http_req *req);
void api_feedback_page_code_post(http_req *req);
void api_feedback_page(http_req *req);
void api_feedback_page_post(http_req *req);

#endif
