/* Cases, their allocations, and the history of changes to any record. */
#ifndef WAYMARK_STORE_CASES_H
#define WAYMARK_STORE_CASES_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"

typedef struct case_rec {
	char id[SECURE_ID_LEN];
	char reference[16];
	const char *title;
	const char *summary;
	const char *status;
	const char *outcome;            /* NULL unless closed */
	const char *exploitation_types; /* JSON array text */
	const char *offences;           /* JSON object text: {"codes":[...],"other":...} */
	int county_lines;
	char team_id[SECURE_ID_LEN];
	char team_name[129];
	char org_id[SECURE_ID_LEN]; /* the owning team's organisation */
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	char updated_at[32];
	int64_t version;
	const char *lead_name; /* on reads: the lead investigator, or NULL while unallocated */
} case_rec;

/* Creates the case with the next reference of year (never reused). Fills id,
 * reference, times and version. search is the folded text searched by words
 * (the reference is added to it here, folded too). */
int store_case_create(db *d, case_rec *c, int year, const char *search);
/* DB_ROW (strings allocated in a), DB_DONE when absent, or an error. */
int store_case_get(db *d, arena *a, const char *id, case_rec *c);
/* Writes the mutable fields if the version is still c->version: DB_OK (and
 * c->version moves on), DB_DONE when stale, or an error. */
int store_case_update(db *d, case_rec *c, const char *search);
/* Counts every case. */
int store_case_count(db *d, int64_t *count);
/* Writes the organisation of the team: DB_ROW, or DB_DONE when there is no such team. */
int store_team_org(db *d, const char *team_id, char org_id[SECURE_ID_LEN]);
/* Sets *yes when the case is allocated to the user. */
int store_case_allocated(db *d, const char *case_id, const char *user_id, int *yes);

/* What a case list shows, of the cases within reach. */
typedef enum case_show {
	CASE_SHOW_ALL,
	CASE_SHOW_MINE,	       /* cases user_id leads or is allocated to */
	CASE_SHOW_LEADING,     /* cases user_id leads */
	CASE_SHOW_UNALLOCATED, /* open cases nobody leads */
	CASE_SHOW_TEAM,	       /* cases of the team team_of */
} case_show;

/* The orders a case list comes in; each ends with the case's id, so the
 * order is total and pages never repeat or skip a case. */
typedef enum case_sort {
	CASE_SORT_UPDATED, /* most recently changed first (the default) */
	CASE_SORT_CREATED,
	CASE_SORT_REFERENCE,
	CASE_SORT_TITLE,
	CASE_SORT_STATUS, /* in the order a case moves through them */
	CASE_SORT_LEAD,	  /* by lead investigator's name, cases nobody leads first */
} case_sort;

typedef struct case_filter {
	store_reach reach;    /* only cases within it */
	store_reach suspects; /* a case is found by a suspect's name only within this */
	const char *status;
	const char *type;     /* one exploitation type */
	const char *team_id;
	const char *reference;
	const char *words[3]; /* folded words, each of which must appear in the
				 case's text or be a name of someone in it */
	case_show show;
	const char *user_id, *team_of; /* for show */
	case_sort sort;
	int reverse;	      /* the sort's order turned round */
	int limit;
	int offset;
} case_filter;

/* Calls fn for each matching case, in the filter's order, and sets *total
 * to how many match in all (0 when the page is past the end). */
int store_case_list(db *d, arena *a, const case_filter *f, int64_t *total,
		    int (*fn)(const case_rec *c, void *arg), void *arg);

/* Records one changed field of a record. */
int store_history_add(db *d, const char *record_type, const char *record_id, const char *field,
		      const char *old_value, const char *new_value, const char *actor_id);

typedef struct history_rec {
	const char *field;
	const char *old_value;
	const char *new_value;
	const char *actor_id;
	const char *actor_name;
	const char *at;
} history_rec;

/* Calls fn for each change of the record, newest first. */
int store_history_list(db *d, const char *record_id,
		       int (*fn)(const history_rec *h, void *arg), void *arg);

#endif
