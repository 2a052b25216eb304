/* s45 assessments, their approval, and charging decisions. */
#ifndef WAYMARK_STORE_S45_H
#define WAYMARK_STORE_S45_H

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

typedef struct s45_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char link_id[SECURE_ID_LEN];
	const char *offence, *offence_date, *schedule4_code;
	int age_at_offence; /* -1 when not known */
	int child;
	const char *answers; /* JSON text */
	const char *outcome, *reasons;
	char assessed_by[SECURE_ID_LEN];
	const char *assessed_by_name;
	char assessed_at[32];
	const char *approved_by, *approved_by_name, *approved_at; /* NULL until approved */
} s45_rec;

/* A person's link in a case: who, in what role, and whether they are a
 * potential victim anywhere (a victim role or indicators). DB_ROW or DB_DONE. */
int store_link_subject(db *d, arena *a, const char *case_id, const char *link_id,
		       char person_id[SECURE_ID_LEN], const char **role, int *victim_anywhere);

/* Records the assessment (id set) at r->assessed_at when it is set (demo
 * data), else now. */
int store_s45_create(db *d, s45_rec *r);
/* DB_ROW (strings in a) or DB_DONE; only within the case. */
int store_s45_get(db *d, arena *a, const char *case_id, const char *id, s45_rec *r);
/* DB_OK, or DB_DONE when it was already approved. */
int store_s45_approve(db *d, const char *id, const char *user_id, char at[32]);
int store_s45_by_case(db *d, arena *a, const char *case_id, int (*fn)(const s45_rec *r, void *arg),
		      void *arg);
/* The latest approved assessment of a link, if any (id empty when none);
 * has_any says whether any assessment exists. */
int store_s45_latest(db *d, const char *link_id, int *has_any, char approved_id[SECURE_ID_LEN]);

typedef struct charging_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char link_id[SECURE_ID_LEN];
	const char *decision, *decided_on, *assessment_id;
	char decided_by[SECURE_ID_LEN];
	char created_at[32];
} charging_rec;

int store_charging_create(db *d, charging_rec *r);
int store_charging_by_case(db *d, arena *a, const char *case_id,
			   int (*fn)(const charging_rec *r, void *arg), void *arg);

#endif
