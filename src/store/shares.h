/* A victim's consent to share, and what is shared with partner
 * organisations (the rules are in domain/shares.h). */
#ifndef WAYMARK_STORE_SHARES_H
#define WAYMARK_STORE_SHARES_H

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"

typedef struct consent_rec {
	char id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	int given;
	const char *purposes; /* JSON array text */
	const char *method, *language, *interpreter;
	char recorded_at[32];
	char recorded_by[SECURE_ID_LEN];
	const char *recorded_by_name; /* read */
	const char *withdrawn_at;     /* read: when a later refusal withdrew it, or NULL */
} consent_rec;

/* Records the person's consent anew; a refusal withdraws the consent it
 * follows. */
int store_consent_add(db *d, consent_rec *c);
/* The person's latest consent: DB_ROW, or DB_DONE when none is recorded. */
int store_consent_current(db *d, arena *a, const char *person_id, consent_rec *c);

typedef struct share_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char link_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	const char *sections; /* JSON array text */
	const char *purpose, *basis, *reason, *expires_on;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	const char *ended_at, *end_reason, *end_note;
	int64_t version;
	/* Read with it: who is named, and what the access table weighs. */
	const char *org_name, *created_by_name, *ended_by_name;
	const char *case_reference, *case_team_id, *case_org_id;
	const char *given_names, *family_name;
} share_rec;

int store_share_add(db *d, share_rec *s);
/* DB_ROW, or DB_DONE when there is no such share. */
int store_share_get(db *d, arena *a, const char *id, share_rec *s);
/* Ends a live share (end_reason "revoked"): DB_OK, or DB_DONE when it had
 * already ended. */
int store_share_end(db *d, const char *id, const char *actor_id, const char *note, const char *now);
/* Ends every live share of the person on the basis of consent whose
 * purpose is not among purposes (a JSON array text), as the consent
 * withdrawn; *ended counts them. */
int store_shares_end_unconsented(db *d, const char *person_id, const char *purposes, const char *actor_id,
				 const char *now, int *ended);
/* Moves a live share's last day to expires_on, if it is at version:
 * DB_OK with *version the new one, or DB_DONE when it changed or ended. */
int store_share_extend(db *d, const char *id, const char *expires_on, int64_t *version);

/* Calls fn with each share live on today with the organisation, the
 * soonest ending first. */
int store_shares_with_org(db *d, arena *a, const char *org_id, const char *today,
			  int (*fn)(const share_rec *s, void *arg), void *arg);
/* Calls fn with each share of the cases within reach, newest first: of the
 * person (when not NULL), live on live_on (when not NULL). */
int store_shares_in_reach(db *d, arena *a, const char *person_id, const char *live_on, const store_reach *r,
			  int (*fn)(const share_rec *s, void *arg), void *arg);
/* Whether a share live on today with the organisation names the section
 * of the part in a case link_id. */
int store_share_names(db *d, const char *link_id, const char *org_id, const char *section, const char *today,
		      int *yes);
/* Whether a share live on today with the organisation names the section
 * of any part of the person (on the basis, when not NULL). */
int store_share_names_person(db *d, const char *person_id, const char *org_id, const char *section,
			     const char *basis, const char *today, int *yes);
/* The person whose part in a case link_id is ("" when none). */
int store_link_person(db *d, const char *link_id, char person_id[SECURE_ID_LEN]);
/* Calls fn with who opened the share and when, oldest first (from the
 * audit log's disclosure_viewed entries). */
int store_share_views(db *d, const char *share_id, int (*fn)(const char *who, const char *at, void *arg),
		      void *arg);

/* A child's referral to the Independent Child Trafficking Guardianship
 * service, with the share it made. */
typedef struct guardian_rec {
	char id[SECURE_ID_LEN];
	char referral_id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	const char *org_name; /* read */
	const char *referred_on;
	char share_id[SECURE_ID_LEN];
	char created_by[SECURE_ID_LEN];
	char created_at[32];
} guardian_rec;

/* DB_CONSTRAINT when the referral has one already. */
int store_guardian_add(db *d, guardian_rec *g);
/* DB_ROW, or DB_DONE when the referral has none. */
int store_guardian_of(db *d, arena *a, const char *referral_id, guardian_rec *g);
/* The part as a potential victim of the person in the case: DB_ROW with
 * link_id, or DB_DONE. */
int store_victim_link(db *d, const char *case_id, const char *person_id, char link_id[SECURE_ID_LEN]);

#endif
