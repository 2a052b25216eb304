/* The directory of commissioned services and a victim's referrals to
 * them, with each step a referral took (the rules are in
 * domain/services.h). */
#ifndef WAYMARK_STORE_SERVICES_H
#define WAYMARK_STORE_SERVICES_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"

/* SQL: whether the provider of the referral aliased s stands as the
 * person's support provider, today being the parameter $today: the
 * referral neither declined nor withdrawn, and the share it made live (not
 * ended, however it ended, and not past its last day). A referral from
 * before the directory made no share; the provider named on it stands
 * while it is neither declined nor withdrawn. */
#define SREF_PROVIDER_STANDS(today)                                                            \
	"(s.status NOT IN ('declined', 'withdrawn') AND (s.share_id IS NULL OR EXISTS (SELECT 1 " \
	"FROM shares sh WHERE sh.id = s.share_id AND sh.ended_at IS NULL AND sh.expires_on >= " \
	today ")))"

/* How a service relates to an organisation (bits, as the store can tell). */
enum {
	SERVICE_OF_ORG = 1u << 0,    /* commissioned by it, or by its force's Commissioner */
	SERVICE_OF_AREA = 1u << 1,   /* commissioned by a force in its (a Commissioner's) area */
	SERVICE_OF_HOSTED = 1u << 2, /* commissioned by an organisation it hosts */
	SERVICE_PROVIDED = 1u << 3,  /* given by it */
};

typedef struct service_rec {
	char id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN]; /* who commissioned it */
	char provider_org_id[SECURE_ID_LEN];
	const char *name, *kind, *languages; /* languages: a JSON array text */
	const char *area;                    /* or NULL */
	int age_min, age_max;
	int64_t capacity; /* -1: not limited */
	int response_hours;
	int active;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	int64_t version;
	/* Read with it: the provider's name, and how it relates to the
	 * organisation asked about (SERVICE_OF_* bits). */
	const char *provider_name;
	unsigned rel;
} service_rec;

/* Stores a new service (version 1), writing its id and times. */
int store_service_add(db *d, service_rec *s);
/* The service, related to the organisation org_id: DB_ROW, or DB_DONE. */
int store_service_get(db *d, arena *a, const char *id, const char *org_id, service_rec *s);
/* Calls fn with every service, related to the organisation, by name. */
int store_services_each(db *d, arena *a, const char *org_id,
                        int (*fn)(const service_rec *s, void *arg), void *arg);
/* Writes the service's fields if it is still at version: DB_OK with
 * s->version the new one, or DB_DONE when it changed meanwhile. */
int store_service_update(db *d, service_rec *s, int64_t version);
/* Whether provider_id is a partner organisation the organisation org_id
 * may name as a provider: one it hosts, one its host hosts, or one a force
 * of its area (a Commissioner's) hosts. */
int store_service_provider_ok(db *d, const char *org_id, const char *provider_id, int *yes);

typedef struct referral_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char link_id[SECURE_ID_LEN];
	const char *service_id;      /* NULL for one moved in from before the directory */
	const char *provider_org_id; /* NULL when the provider does not use Waymark */
	const char *provider_name;   /* the name kept for such a provider, or NULL */
	const char *need, *urgency, *status;
	char referred_at[32];
	const char *respond_by;  /* NULL: no target */
	const char *answered_at; /* when accepted or declined */
	const char *reason, *outcome;
	const char *share_id; /* the share it made for the provider */
	char created_by[SECURE_ID_LEN];
	int64_t version;
	/* Read with it. */
	const char *service_name, *service_kind, *provider_org_name;
	const char *case_reference, *case_team_id, *case_org_id;
	const char *person_id, *given_names, *family_name;
	const char *created_by_name;
	/* The share it made: its last day and when it ended (NULL: none, or not ended). */
	const char *share_expires_on, *share_ended_at;
} referral_rec;

/* Stores a new referral (version 1, status referred at r->referred_at,
 * which the caller sets) and its first step; writes its id. */
int store_referral_add(db *d, referral_rec *r);
/* DB_ROW, or DB_DONE when there is no such referral. */
int store_referral_get(db *d, arena *a, const char *id, referral_rec *r);
/* Moves the referral to status if it is still at version, with the reason
 * or outcome (NULL when none), answered (when not NULL: the first answer's
 * time), by the user at now, and records the step: DB_OK with *version the
 * new one, or DB_DONE when it changed meanwhile. */
int store_referral_move(db *d, const char *id, int64_t *version, const char *status,
                        const char *reason, const char *outcome, const char *answered,
                        const char *actor_id, const char *now);
/* Calls fn with each step of the referral, oldest first: the status, when,
 * who (id, name) and their organisation. */
int store_referral_steps(db *d, const char *id,
                         int (*fn)(const char *status, const char *at, const char *by_id,
                                   const char *by_name, const char *by_org, void *arg),
                         void *arg);

/* Which referrals a list holds: those of the cases within reach, or those
 * to the provider organisation (when not NULL); of the case (when not
 * NULL), in the status (when not NULL), overdue at (when not NULL: still
 * referred with a target before it). */
typedef struct referral_filter {
	store_reach reach;
	const char *provider_org_id, *case_id, *status, *overdue_at;
} referral_filter;
/* Calls fn with each referral the filter keeps, newest first. */
int store_referrals_each(db *d, arena *a, const referral_filter *f,
                         int (*fn)(const referral_rec *r, void *arg), void *arg);

/* Calls fn with each step of each referral of the case, oldest first:
 * the referral, its step's status, when, who (id, name), and the service's
 * name (or the provider's, or the need, for one moved in from before the
 * directory) and the person's names. */
typedef struct referral_step {
	const char *referral_id, *status, *at, *by_id, *by_name, *service, *given_names,
	    *family_name;
} referral_step;
int store_referral_steps_of_case(db *d, const char *case_id,
                                 int (*fn)(const referral_step *s, void *arg), void *arg);

struct work_row;
/* Calls fn with a service_referral_overdue worklist row for each referral
 * still referred with a target before now, in an open case within reach
 * (as the case is reached: who made it and has since left the team no
 * longer sees it); the holder is who made it. */
int store_referrals_overdue(db *d, const store_reach *r, const char *now,
                            int (*fn)(const struct work_row *w, void *arg), void *arg);

/* What a service's referrals came to, made between from and to (dates,
 * included), at now. */
typedef struct service_figures {
	const char *service_id, *name, *kind, *provider_name;
	int64_t referred, answered_in_time, answered_late, overdue, declined;
	int64_t outcomes[5]; /* in the order of domain/services.c's outcomes */
} service_figures;
/* Calls fn for each service with referrals from cases of the
 * organisations counted, or commissioned by them, by name. */
int store_service_figures(db *d, const store_orgs *o, const char *from, const char *to,
                          const char *now, int (*fn)(const service_figures *f, void *arg),
                          void *arg);

#endif
