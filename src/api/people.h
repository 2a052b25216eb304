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

/* Subject requests (issue 21): sets in the person's JSON j "restricted"
 * ({since, reason}, or null) and "rectifications" (an array). */
void api_person_requests_json(json_t *j, const char *since, const char *reason, const char *rectifications);
/* 0 when the person's record is not restricted; otherwise replies 409
 * naming the restriction (since when, why) and returns -1. Every change to
 * a person's record asks it first. */
int api_person_unrestricted(http_req *req, const person_rec *p);
/* Checks a rectification of cur's field to the corrected text (a list's
 * items separated by commas; "" clears the field), as PATCH would check
 * the value, and writes the corrected record to next: 0, or -1 with
 * errors added ("field" when it names no field a rectification may
 * correct, "corrected" when the value is not one the field takes). */
int api_person_rectify(http_req *req, const person_rec *cur, const char *field, const char *corrected,
		       json_t *errors, person_rec *next);

#endif
