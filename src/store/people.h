/* People, their search keys, and their roles in cases. */
#ifndef WAYMARK_STORE_PEOPLE_H
#define WAYMARK_STORE_PEOPLE_H

#include <stdint.h>

#include "domain/names.h"
#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"

typedef struct person_rec {
	char id[SECURE_ID_LEN];
	const char *given_names;
	const char *family_name;
	const char *aliases;        /* JSON array text */
	const char *date_of_birth;  /* NULL when unknown */
	int estimated_age;          /* -1 when unknown */
	int age_disputed;
	const char *gender;
	const char *nationalities;  /* JSON array text */
	const char *languages;      /* JSON array text */
	int interpreter_needed;
	const char *interpreter_language;
	const char *safe_contact;   /* JSON object text, or NULL */
	const char *immigration_status; /* sealed text (never plaintext), or NULL */
	char team_id[SECURE_ID_LEN];           /* the team that recorded them ("" when none) */
	char org_id[SECURE_ID_LEN];            /* that team's organisation */
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	char updated_at[32];
	int64_t version;
	/* Subject requests (issue 21), on reads: since when the record is
	 * restricted and why (both NULL when it is not), and the
	 * rectifications made to it (JSON array text). */
	const char *restricted_since, *restriction_reason;
	const char *rectifications;
} person_rec;

/* Who may see people: those with a part other than as suspect in a case
 * within as_person (or, while in no case, recorded by a team within it),
 * and those with a part as suspect in a case within as_suspect. everyone
 * lifts the scope: for benchmarks and maintenance, never from a request. */
typedef struct person_scope {
	store_reach as_person;
	store_reach as_suspect;
	int everyone;
} person_scope;

/* A person's part in a case, as the access table needs it. */
typedef struct person_part {
	const char *role;    /* potential_victim, suspect, witness, other */
	const char *case_id;
	const char *reference; /* the case's */
	const char *team_id; /* the case's team */
	const char *org_id;  /* and its organisation */
	int allocated;       /* the case is allocated to the user asked about */
} person_part;

/* Inserts the person and their name index; fills id, times, version.
 * DB_CONSTRAINT when the team or the author is unknown. */
int store_person_create(db *d, person_rec *p, const name_index *ix);
/* DB_ROW (strings in a), DB_DONE when absent or merged away, or an error. */
int store_person_get(db *d, arena *a, const char *id, person_rec *p);
/* Calls fn for each of the person's parts in cases, saying whether each case
 * is allocated to user_id. */
int store_person_parts(db *d, const char *person_id, const char *user_id,
		       int (*fn)(const person_part *part, void *arg), void *arg);
/* Writes every mutable field and replaces the keys, if the version is still
 * p->version: DB_OK, DB_DONE when stale, or an error. */
int store_person_update(db *d, person_rec *p, const name_index *ix);
/* Calls fn for each visible person sharing an index key, those sharing the
 * most first, then those found by the earliest key (list the likeliest
 * first), at most limit of them, having read at most max_rows keys. */
int store_person_candidates(db *d, arena *a, const person_scope *s, char keys[][NAME_KEY_MAX],
			    int nkeys, int limit, int max_rows,
			    int (*fn)(const person_rec *p, void *arg), void *arg);
/* Calls fn for each dictionary token filed under one of the fuzzy keys. */
int store_name_terms(db *d, arena *a, char keys[][NAME_TOKEN_MAX], int nkeys,
		     int (*fn)(const char *token, void *arg), void *arg);
/* Rebuilds every person's index with fn (the caller's name rules), when
 * the stored index version differs from version; in batches, committed. */
int store_people_reindex(db *d, const char *version,
			 void (*fn)(const person_rec *p, name_index *ix), int *count);

/* Files again the search rows of everyone in the case, as its team says
 * (store_case_update calls it when the case changes team). */
int store_case_people_refile(db *d, const char *case_id);
/* Within the caller's transaction: files the person's search rows again
 * from their name keys and their parts in cases (each way they are
 * reached); every change to either calls it. Takes the person's row first,
 * so that two changes to one person file in turn. */
int store_person_refile(db *d, const char *person_id);
/* DB_ROW with *target the person it was merged into (NULL when not merged), or DB_DONE. */
int store_person_merged_into(db *d, arena *a, const char *id, const char **target);
/* Calls fn with each record merged into the person (id and names, valid
 * during the call), oldest first. DB_OK, fn's non-zero answer, or an error. */
int store_person_merged_from(db *d, const char *id,
			     int (*fn)(const char *id, const char *given_names, const char *family_name, void *arg),
			     void *arg);

#include "store/case_people.h"

#endif
