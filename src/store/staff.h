/* Staff profiles, absences, the training register, and who leads each
 * case (the allocation history). */
#ifndef WAYMARK_STORE_STAFF_H
#define WAYMARK_STORE_STAFF_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"

typedef struct staff_rec {
	char user_id[SECURE_ID_LEN];
	const char *username, *display_name, *role, *org_id, *team_id, *team_name; /* on reads */
	const char *rank;
	int pip_level;
	const char *pip_accredited_on;
	int capacity;
	const char *languages; /* JSON array text */
	int active_cases;      /* on reads */
	int64_t version;       /* 0 while no profile is kept */
} staff_rec;

/* Any account with its profile (defaults when none is kept): DB_ROW
 * (strings in a), or DB_DONE. */
int store_staff_get(db *d, arena *a, const char *user_id, staff_rec *s);
/* Writes the profile if its version is still s->version (0: none kept
 * yet): DB_OK (version moves on), DB_DONE when stale. */
int store_staff_put(db *d, staff_rec *s, const char *actor_id);
/* Every investigator and supervisor within reach (the user's own record,
 * their team's, their organisation's), of the team when team_id is given,
 * by name. */
int store_staff_list(db *d, arena *a, const store_reach *reach, const char *team_id,
		     int (*fn)(const staff_rec *s, void *arg), void *arg);

typedef struct absence_rec {
	char id[SECURE_ID_LEN];
	char user_id[SECURE_ID_LEN];
	const char *kind, *starts_on, *ends_on, *note;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
} absence_rec;

int store_absence_add(db *d, absence_rec *r);
/* The user's absences that end on or after the day, soonest first. */
int store_absences_of(db *d, arena *a, const char *user_id, const char *from,
		      int (*fn)(const absence_rec *r, void *arg), void *arg);

typedef struct training_rec {
	char id[SECURE_ID_LEN];
	char user_id[SECURE_ID_LEN];
	const char *username, *display_name, *team_name; /* on reads */
	const char *course, *provider, *completed_on, *expires_on;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
} training_rec;

int store_training_add(db *d, training_rec *r);
/* The user's records, by course then the latest expiry first. */
int store_training_of(db *d, arena *a, const char *user_id, int (*fn)(const training_rec *r, void *arg),
		      void *arg);
/* Every record of the staff of the organisations counted (of the team
 * when given), by team (staff of no team last), name, course. */
int store_training_all(db *d, arena *a, const store_orgs *orgs, const char *team_id,
		       int (*fn)(const training_rec *r, void *arg), void *arg);
/* The account id of a username within the organisation: DB_ROW, or DB_DONE. */
int store_staff_by_username(db *d, const char *org_id, const char *username, char id[SECURE_ID_LEN]);

/* One row per possible lead, with what allocation weighs. */
typedef struct candidate_row {
	const char *user_id, *name, *team_name, *languages;
	int pip_level, capacity, specialist_valid, child_valid, active_cases, led;
	const char *absent_on; /* the first day absent in [today, until], or NULL */
	const char *absence_kind, *absent_until; /* that absence's kind and last day, or NULL */
} candidate_row;

/* Every investigator and supervisor of the organisation who may lead (only
 * that user when only_user is given). */
int store_alloc_candidates(db *d, const char *org_id, const char *only_user, const char *today, const char *until,
			   int (*fn)(const candidate_row *r, void *arg), void *arg);
/* For each user who leads or led another case sharing a person or a
 * postcode with this one, how many such cases. */
int store_alloc_linked(db *d, const char *case_id, int (*fn)(const char *user_id, int n, void *arg), void *arg);
/* What allocation needs to know of each potential victim in the case. */
typedef struct victim_facts {
	const char *date_of_birth; /* or NULL */
	int estimated_age;	   /* -1 when unknown */
	int age_disputed, interpreter_needed;
	const char *interpreter_language, *languages; /* free text or NULL; JSON array of BCP 47 tags */
} victim_facts;
int store_case_victim_facts(db *d, const char *case_id, int (*fn)(const victim_facts *v, void *arg), void *arg);

typedef struct lead_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char user_id[SECURE_ID_LEN];
	const char *user_name, *allocated_by_name; /* on reads */
	char allocated_by[SECURE_ID_LEN];
	char allocated_at[32];
	const char *failed_requirements; /* JSON array text */
	const char *override_reason;
	const char *ended_at;
} lead_rec;

/* The case's current lead: DB_ROW, or DB_DONE when unallocated. */
int store_lead_current(db *d, arena *a, const char *case_id, lead_rec *l);
/* Makes l the case's lead, ending the current one (previous_user_id, or
 * NULL) and moving the allocation that gives access. Fills id, and the
 * time unless l->allocated_at is already set. */
int store_lead_set(db *d, lead_rec *l, const char *previous_user_id);
/* Calls fn with every case that has no current lead (id, created_at,
 * team_id, status), oldest first. */
int store_cases_unled(db *d,
		      int (*fn)(const char *id, const char *created_at, const char *team_id, const char *status, void *arg),
		      void *arg);
/* The case's leads, earliest first. */
int store_leads_of_case(db *d, arena *a, const char *case_id, int (*fn)(const lead_rec *l, void *arg),
			void *arg);
/* The open cases a user leads now. */
int store_leads_of_user(db *d, const char *user_id,
			int (*fn)(const char *case_id, const char *reference, const char *title, void *arg),
			void *arg);

/* For the aggregate reports: every allocation's time and the requirements
 * it overrode (JSON), oldest first. */
int store_report_allocations(db *d, const store_orgs *orgs,
			     int (*fn)(const char *allocated_at, const char *failed, void *arg), void *arg);
/* Each allocated case's creation and first allocation times. */
int store_report_first_allocations(db *d, const store_orgs *orgs, int (*fn)(const char *created_at, const char *first_allocated_at, void *arg),
				   void *arg);

#endif
