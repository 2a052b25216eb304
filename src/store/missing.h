/* Missing episodes, their risk reviews, returns, safe and well checks,
 * return home interviews, what the search found and what the episode is
 * linked to; exploitation screenings; each force's intervals (the rules
 * are in domain/missing.h). Times are UTC ISO-8601 text. */
#ifndef WAYMARK_STORE_MISSING_H
#define WAYMARK_STORE_MISSING_H

#include "domain/missing.h"
#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"
#include "store/worklist.h"

typedef struct episode_rec {
	char id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	char team_id[SECURE_ID_LEN]; /* "" when the reporter had no team */
	char reported_by[SECURE_ID_LEN];
	const char *reported_at, *last_seen_at, *last_seen_place, *risk, *circumstances;
	const char *review_due;                      /* NULL once returned */
	const char *returned_at, *found_by, *where_found; /* NULL until the return */
	int child_on_return;                         /* -1 until the return */
	const char *interview_due, *safe_well_due;   /* NULL when none is due */
	char created_at[32];
	char updated_at[32];
	int64_t version;
	/* Read with it. */
	const char *team_name, *reported_by_name, *given_names, *family_name;
	char returned_by[SECURE_ID_LEN]; /* who recorded the return ("" before it) */
	const char *returned_by_name;    /* read */
	const char *initial_risk;        /* read: the grading given at the report */
	int has_check, has_interview;    /* read: a safe and well check, a return home interview recorded */
	const char *date_of_birth; /* the person's, NULL when unknown */
	int estimated_age;         /* -1 when unknown */
	int age_disputed;
} episode_rec;

/* DB_CONSTRAINT when the person is missing already. */
int store_episode_add(db *d, episode_rec *e);
/* DB_ROW, or DB_DONE when there is no such episode. */
int store_episode_get(db *d, arena *a, const char *id, episode_rec *e);
/* Writes the return (returned_at, found_by, where_found, returned_by, child_on_return,
 * interview_due, safe_well_due; review_due cleared) if the episode is still
 * open at e->version: DB_OK with the version moved on, or DB_DONE. */
int store_episode_return(db *d, episode_rec *e);
/* Writes the grading and review_due if the episode is still open at
 * e->version: DB_OK with the version moved on, or DB_DONE. */
int store_episode_regrade(db *d, episode_rec *e);
/* Calls fn with each episode of the person, the latest start first. */
int store_episodes_of_person(db *d, arena *a, const char *person_id, int (*fn)(const episode_rec *e, void *arg),
			     void *arg);
/* Whom the user sees, for lists: people through their parts in cases
 * within person (other than as suspect) or within suspect (as suspect),
 * and people in no case recorded by a team within person. */
typedef struct missing_seen {
	store_reach person, suspect;
} missing_seen;

/* Calls fn with each episode owned within the reach (the reporter, their
 * team, their force) of a person seen: open ones (returned 0) the highest grading and then
 * the longest missing first, or returned ones (1) the latest return first;
 * *total counts them all, fn is called for the page (limit from offset). */
int store_episodes_in_reach(db *d, arena *a, const store_reach *r, const missing_seen *seen, int returned,
			    size_t limit, size_t offset, size_t *total, int (*fn)(const episode_rec *e, void *arg),
			    void *arg);

typedef struct review_rec {
	char id[SECURE_ID_LEN];
	char episode_id[SECURE_ID_LEN];
	const char *reviewed_at, *risk, *previous_risk, *reason;
	char reviewed_by[SECURE_ID_LEN];
	const char *reviewed_by_name; /* read */
} review_rec;

int store_review_add(db *d, review_rec *r);
/* Calls fn with each review of the episode, the latest first. */
int store_reviews(db *d, arena *a, const char *episode_id, int (*fn)(const review_rec *r, void *arg), void *arg);

/* The police safe and well check, and the return home interview: one of
 * each per episode. */
typedef struct safe_well_rec {
	char id[SECURE_ID_LEN];
	char episode_id[SECURE_ID_LEN];
	const char *checked_at, *officer, *place, *disclosures;
	char recorded_by[SECURE_ID_LEN];
	char recorded_at[32];
	const char *recorded_by_name; /* read */
} safe_well_rec;

/* DB_CONSTRAINT when the episode has one already. */
int store_safe_well_add(db *d, safe_well_rec *s);
/* DB_ROW, or DB_DONE when none is recorded. */
int store_safe_well_of(db *d, arena *a, const char *episode_id, safe_well_rec *s);

typedef struct interview_rec {
	char id[SECURE_ID_LEN];
	char episode_id[SECURE_ID_LEN];
	const char *held_at;
	char org_id[SECURE_ID_LEN];
	int accepted;
	const char *disclosures;
	char recorded_by[SECURE_ID_LEN];
	char recorded_at[32];
	const char *org_name, *recorded_by_name; /* read */
} interview_rec;

/* DB_CONSTRAINT when the episode has one already. */
int store_interview_add(db *d, interview_rec *i);
/* DB_ROW, or DB_DONE when none is recorded. */
int store_interview_of(db *d, arena *a, const char *episode_id, interview_rec *i);

/* A search, an enquiry or a sighting. */
typedef struct entry_rec {
	char id[SECURE_ID_LEN];
	char episode_id[SECURE_ID_LEN];
	const char *kind, *at, *place, *by_whom, *detail;
	char recorded_by[SECURE_ID_LEN];
	char recorded_at[32];
	const char *recorded_by_name; /* read */
} entry_rec;

int store_entry_add(db *d, entry_rec *e);
/* Calls fn with each entry of the episode, the latest first. */
int store_entries(db *d, arena *a, const char *episode_id, int (*fn)(const entry_rec *e, void *arg), void *arg);

/* A person or a place the episode is linked to: exactly one of person_id,
 * place_id (a place recorded in a case) and place (words). */
typedef struct assoc_rec {
	char id[SECURE_ID_LEN];
	char episode_id[SECURE_ID_LEN];
	const char *person_id, *place_id, *place, *note;
	char recorded_by[SECURE_ID_LEN];
	char recorded_at[32];
	/* Read: the person's name, or the recorded place's address, postcode
	 * and country. */
	const char *given_names, *family_name, *address, *postcode, *country;
} assoc_rec;

int store_assoc_add(db *d, assoc_rec *a);
/* Calls fn with each link of the episode, oldest first. */
int store_assocs(db *d, arena *a, const char *episode_id, int (*fn)(const assoc_rec *r, void *arg), void *arg);
/* Whether the place was recorded in a case the person is in. */
int store_place_of_person(db *d, const char *place_id, const char *person_id, int *yes);

typedef struct screening_rec {
	char id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	const char *screened_on, *indicators, *outcome, *notes; /* indicators: JSON array text */
	char recorded_by[SECURE_ID_LEN];
	char recorded_at[32];
} screening_rec;

int store_screening_add(db *d, screening_rec *s);

/* Where a person stands: episodes that started at or after window_start,
 * the open one, and whether a screening was recorded at or after the
 * earliest of those episodes' starts. */
typedef struct missing_summary {
	int episodes_in_window;
	char open_episode_id[SECURE_ID_LEN]; /* "" when none is open */
	int screened;
} missing_summary;

int store_missing_summary(db *d, const char *person_id, const char *window_start, missing_summary *m);

/* A force's intervals: DB_ROW with them and *version, or DB_DONE (the
 * defaults are the caller's). */
int store_missing_settings(db *d, const char *org_id, int review_hours[RISK_COUNT], int *safe_well_hours,
			   int64_t *version);
/* Writes them if the stored version is still version (0: none stored):
 * DB_OK with *version the new one, or DB_DONE when it changed. */
int store_missing_settings_put(db *d, const char *org_id, const int review_hours[RISK_COUNT], int safe_well_hours,
			       int64_t *version);

/* The worklist's missing items (kinds return_interview, safe_and_well_due,
 * missing_review_due, exploitation_screening) of the episodes owned within
 * reach, and missing_high_risk within deciding (a supervisor's team), of
 * people seen;
 * window_start bounds the repeat pattern. record_id is the episode (the
 * person, for exploitation_screening); when is an ISO time. */
int store_missing_work(db *d, const store_reach *reach, const store_reach *deciding, const missing_seen *seen,
		       const char *window_start, int (*fn)(const work_row *r, void *arg), void *arg);

/* The episodes of the people in a case, for its timeline: calls fn with
 * each, the latest start first. */
int store_episodes_of_case(db *d, arena *a, const char *case_id, int (*fn)(const episode_rec *e, void *arg),
			   void *arg);

#endif
