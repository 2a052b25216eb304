/* The directory of commissioned services and a victim's referrals to them.
 * A service is of a kind, serves ages min to max and speaks languages,
 * and promises an answer within response_hours. A referral waits
 * ("referred") until the provider's own staff accept or decline it (a
 * reason given), is worked ("in_progress") and closed with an outcome; the
 * force may withdraw it while it is open (a reason given). The path is a
 * table here; times are milliseconds since the epoch (UTC). */
#ifndef WAYMARK_DOMAIN_SERVICES_H
#define WAYMARK_DOMAIN_SERVICES_H

#include <stdint.h>

#define SERVICE_HOUR_MS (3600LL * 1000)
#define SERVICE_AGE_MAX 120
#define SERVICE_HOURS_MIN 1
#define SERVICE_HOURS_MAX 720 /* thirty days */
/* An immediate referral is answered within the hour, whatever the service's target. */
#define SERVICE_IMMEDIATE_HOURS 1

/* A service's kind: its code and the words people read; NULL past the end. */
const char *service_kind_code(int i);
const char *service_kind_label(int i);
/* The index of a kind's code, or -1. */
int service_kind_of(const char *code);
/* The words for a kind's code (the code itself when it names none). */
const char *service_kind_words(const char *code);

typedef enum { URGENCY_IMMEDIATE, URGENCY_URGENT, URGENCY_ROUTINE, URGENCY_COUNT } service_urgency;
/* The urgency of a code (immediate, urgent, routine), or -1. */
int service_urgency_of(const char *code);

typedef enum {
	REFERRAL_REFERRED,
	REFERRAL_ACCEPTED,
	REFERRAL_DECLINED,
	REFERRAL_IN_PROGRESS,
	REFERRAL_CLOSED,
	REFERRAL_WITHDRAWN,
	REFERRAL_STATUS_COUNT
} referral_status;
/* The status of a code, or -1; its code and words. */
int referral_status_of(const char *code);
const char *referral_status_code(referral_status s);
const char *referral_status_words(referral_status s);
/* Whether a referral in the status is open (referred, accepted, in progress). */
int referral_open(referral_status s);
/* Whether a referral in the status holds its provider's share: not once
 * declined, withdrawn or closed. */
int referral_keeps_share(referral_status s);

/* Why a referral closed: its index of a code (support_completed,
 * victim_declined, lost_contact, moved_away, other), or -1. */
int referral_outcome_of(const char *code);
const char *referral_outcome_words(const char *code);

/* Who moves a referral. */
typedef enum { MOVER_PROVIDER, MOVER_FORCE } referral_mover;

typedef enum {
	MOVE_OK,
	MOVE_NOT_YOURS,   /* a step on the path, but the other side's to take (403) */
	MOVE_NOT_ON_PATH, /* no such step from here (409) */
} referral_move;

/* What a step asks for beyond the status. */
enum { NEEDS_REASON = 1u << 0, NEEDS_OUTCOME = 1u << 1 };

/* Whether who may move a referral from one status to another, and (in
 * *needs, when allowed or not yours) what the step asks for. A step to
 * the same status is never on the path. */
referral_move referral_move_check(referral_status from, referral_status to, referral_mover who,
                                  unsigned *needs);

/* When a referral made at referred_ms must be answered: the service's
 * target in hours, or one hour when it is immediate. */
int64_t service_respond_by_ms(int64_t referred_ms, int response_hours, service_urgency u);
/* Whether a referral is overdue at now: still referred past respond_by
 * (has_target 0: there is none, never overdue). */
int referral_overdue(referral_status s, int has_target, int64_t respond_by_ms, int64_t now_ms);
/* Whether a service for ages min to max serves someone of age. */
int service_serves_age(int min, int max, int age);

#endif
