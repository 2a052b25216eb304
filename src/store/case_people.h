/* People in cases: their parts, and merging two records of one person. */
#ifndef WAYMARK_STORE_CASE_PEOPLE_H
#define WAYMARK_STORE_CASE_PEOPLE_H

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

typedef struct case_person_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char case_reference[16];
	char person_id[SECURE_ID_LEN];
	const char *given_names;
	const char *family_name;
	const char *role;
	int victim_elsewhere; /* a potential victim in this or another case */
	const char *victim_context; /* JSON text, or NULL */
	char created_at[32];
	/* What says whether they are a child (as read; not written by add). */
	const char *date_of_birth; /* or NULL */
	int estimated_age;	   /* or -1 */
	int age_disputed;
	/* The record's restriction and rectifications (store/people.h), as read. */
	const char *restricted_since, *restriction_reason, *rectifications;
} case_person_rec;

/* Links a person to a case in a role, at cp->created_at when it is set (demo
 * data), else now. DB_CONSTRAINT when already linked so. */
int store_case_person_add(db *d, case_person_rec *cp, const char *actor_id);
/* Calls fn for each person in the case. */
int store_case_people(db *d, arena *a, const char *case_id,
		      int (*fn)(const case_person_rec *cp, void *arg), void *arg);
/* Merges source into target: moves every case link the target does not
 * already hold (remembering which), marks the source merged. Sets *moved. */
int store_person_merge(db *d, const char *source_id, const char *target_id, const char *actor_id,
		       int *moved);
/* Undoes the latest merge of source: DB_ROW with the target and the moved
 * links (a JSON array; the caller moves them back), DB_DONE when none. */
int store_person_unmerge(db *d, arena *a, const char *source_id, const char *actor_id,
			 const char **target_id, const char **moved_links);
/* Gives a case link to another person. */
int store_case_link_move(db *d, const char *link_id, const char *person_id);

#endif
