/* Test support: records made straight in the store, for unit tests that
 * need an account, a person, a case or a part in it to stand on. Each
 * asserts that the store took it. */
#ifndef WAYMARK_TESTS_FIXTURES_H
#define WAYMARK_TESTS_FIXTURES_H

#include "domain/names.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/people.h"

/* An account of the role in the team of the force (both made when new). */
void fixture_user(db *d, const char *name, const char *role, const char *org, const char *team, user_rec *u);
/* A person record as by would start one (no name keys: keys are not what it is for). */
person_rec fixture_person_rec(const user_rec *by, const char *given, const char *family);
/* That person, stored; writes its id. */
void fixture_person(db *d, const user_rec *by, const char *given, const char *family, char id[37]);
/* A case of by's team, titled title; writes its id. */
void fixture_case(db *d, const user_rec *by, const char *title, char id[37]);
/* Links the person to the case in the role; writes the link's id when
 * link_id is not NULL. Returns the store's answer (not asserted). */
int fixture_link(db *d, const user_rec *by, const char *case_id, const char *person_id, const char *role,
		 char link_id[37]);
/* "Given Family/role/victim elsewhere;" for each person in the case, in
 * the store's order. */
void fixture_case_people(db *d, const char *case_id, char out[512]);

/* "reference/role/org id/allocated;" for each of the person's parts, as
 * user_id would be told them. */
void fixture_person_parts(db *d, const char *person_id, const char *user_id, char out[512]);

#endif
