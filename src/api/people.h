/* People, as the people and merge handlers share them. */
#ifndef WAYMARK_API_PEOPLE_H
#define WAYMARK_API_PEOPLE_H

#include "api/api.h"
#include "store/people.h"

/* Loads the person id names when the user may take the action on them:
 * 0, or replies (403, 404 never saying whether they exist, 503) and
 * returns -1. *rel, when not NULL, gets their relations to the user. */
int api_person_load(http_req *req, const char *id, access_action a, person_rec *p, unsigned *rel);

/* Whether the user sees the person's part in a case: the case within
 * their reading reach, and a suspect's part only where they reach suspects. */
int api_part_seen(http_req *req, const person_part *part);

/* Records in the person's history each field that differs from cur in
 * next, naming it in detail (a JSON array); the sealed immigration status
 * is said to have changed, never what it says. */
int api_person_changes(http_req *req, const person_rec *cur, const person_rec *next, int sealed_changed,
		       json_t *detail);

#endif
