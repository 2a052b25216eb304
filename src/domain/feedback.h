/* Victims' feedback: the questions and their order, the 1 to 5 scale, the
 * languages the questionnaire is written in, the short code a victim may
 * type instead of following a link, and when figures may be shown. */
#ifndef WAYMARK_DOMAIN_FEEDBACK_H
#define WAYMARK_DOMAIN_FEEDBACK_H

#include <stddef.h>
#include <stdint.h>

/* An invitation is good for 30 days, once. */
#define FEEDBACK_VALID_MS (30LL * 24 * 60 * 60 * 1000)

/* The questions, by their fixed ids, in the order they are asked. */
#define FEEDBACK_QUESTIONS 6
extern const char *const feedback_questions[FEEDBACK_QUESTIONS];
/* The question's place in feedback_questions, or -1 when id names none. */
int feedback_question_of(const char *id);

/* Scores run from 1 (not at all) to 5 (completely); "prefer not to say"
 * is no score. */
#define FEEDBACK_SCORE_MIN 1
#define FEEDBACK_SCORE_MAX 5
#define FEEDBACK_SCORES 5

/* The languages the questionnaire is written in (ISO 639-1), English first. */
#define FEEDBACK_LANGUAGES 5
extern const char *const feedback_languages[FEEDBACK_LANGUAGES];
/* The language's place in feedback_languages, or -1. */
int feedback_language_of(const char *code);
/* The questionnaire's texts in the language (JSON, embedded at build time
 * from src/domain/feedback_texts/<code>.json), or NULL for another code. */
const char *feedback_texts_of(const char *code);

/* The short code: 8 characters from an alphabet without look-alikes (no 0,
 * O, 1 or I), so it can be read aloud and typed on a phone. */
#define FEEDBACK_CODE_CHARS 8
#define FEEDBACK_CODE_LEN (FEEDBACK_CODE_CHARS + 1)
extern const char feedback_code_alphabet[];
/* Writes the code that 8 random bytes make (each byte picks a character:
 * the alphabet has 32, so every character is equally likely). Can't fail. */
void feedback_code_make(const unsigned char random[FEEDBACK_CODE_CHARS],
                        char out[FEEDBACK_CODE_LEN]);
/* Reads a code as a person types it: any case, spaces and hyphens ignored.
 * Writes the code in capitals and returns 0, or returns -1 when it is not
 * 8 characters of the alphabet. */
int feedback_code_read(const char *typed, char out[FEEDBACK_CODE_LEN]);

/* Whether figures of n responses may be shown: only from the installation's
 * disclosure threshold (domain/disclosure.h) up, so no answer can be told
 * apart from the rest. */
int feedback_figures_shown(int64_t n, int threshold);

/* How a comment's redaction stands. */
typedef enum {
	FEEDBACK_AWAITING_REDACTION,
	FEEDBACK_REDACTED,
	FEEDBACK_WITHHELD,
} feedback_comment_state;
/* The state's name ("awaiting_redaction", ...). */
const char *feedback_comment_state_name(feedback_comment_state s);
/* The state a name gives, or -1. */
int feedback_comment_state_of(const char *name);
/* A comment awaiting redaction is due this many days after it came. */
#define FEEDBACK_REDACT_DAYS 7

/* The public routes' tries per address: a bucket of 20 that refills one
 * every 15 seconds. Only guesses (an unknown, used or expired token or
 * code) keep their try. */
#define FEEDBACK_TRIES_BURST 20
#define FEEDBACK_TRIES_REFILL_MS 15000

/* The longest comment a victim may write, in bytes. */
#define FEEDBACK_COMMENT_MAX 4000

#endif
