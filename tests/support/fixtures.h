/* Test support: records made straight in the store, for unit tests that
 * need an account, an organisation, a person, a case or a part in it to
 * stand on, and the text tests gather what the store lists into. Each
 * fixture that stores a record asserts that the store took it. */
#ifndef WAYMARK_TESTS_FIXTURES_H
#define WAYMARK_TESTS_FIXTURES_H

#include "domain/names.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/people.h"
#include "store/staff.h"

/* Text gathered from what the store lists, an item after another. */
typedef struct fixture_text {
	char s[1024];
} fixture_text;

/* Appends the formatted item to the text (cut short at its end). Can't fail. */
void fixture_text_add(fixture_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An account of the role, shown as "DC name", in the team of the force (both
 * made when new), or in no team when team is NULL. */
void fixture_user(db *d, const char *name, const char *role, const char *org, const char *team,
                  user_rec *u);
/* The same account shown as display. */
void fixture_user_as(db *d, const char *name, const char *display, const char *role,
                     const char *org, const char *team, user_rec *u);
/* Three investigators, as far apart as reach goes: mine of Force A's EMT,
 * theirs of Force A's CID and far of Force B's EMT. */
void fixture_three_teams(db *d, user_rec *mine, user_rec *theirs, user_rec *far);
/* A new organisation of the kind (as the API names it: "force", "opcc",
 * "support_provider", ...), hosted by the organisation host (an id),
 * or by none when host is NULL. */
void fixture_org(db *d, const char *name, const char *kind, const char *host, org_rec *o);
/* The North Commissioner's office, whose area holds the force (an id). */
void fixture_area(db *d, const char *force_id, org_rec *office);
/* Two supervisors of forces apart, north ("DS North" of North Force's EMT)
 * and south ("DS South" of South Force's EMT), and office, the North
 * Commissioner's, whose area holds North Force. */
void fixture_two_forces(db *d, user_rec *north, user_rec *south, org_rec *office);
/* A person record as by would start one (no name keys: keys are not what it is for). */
person_rec fixture_person_rec(const user_rec *by, const char *given, const char *family);
/* That person, stored; writes its id. */
void fixture_person(db *d, const user_rec *by, const char *given, const char *family, char id[37]);
/* A case record as by would open one for their team, titled title (not stored). */
case_rec fixture_case_rec(const user_rec *by, const char *title);
/* That case, stored; writes its id. */
void fixture_case(db *d, const user_rec *by, const char *title, char id[37]);
/* That case, stored as made at the time at (now when NULL); writes the whole record. */
void fixture_case_dated(db *d, const user_rec *by, const char *title, const char *at, case_rec *c);
/* dc.one, shown as "DC One", an investigator of Force's EMT, with a case of
 * theirs, "Car wash", and another, "Elsewhere". */
void fixture_user_with_cases(db *d, user_rec *u, char case_id[37], char other_case[37]);
/* Closes the case, with no further action. */
void fixture_case_close(db *d, const char *case_id);
/* Makes to the lead of the case, allocated by by at the time at (now when
 * NULL); previous is the lead until then, or NULL when there was none. */
void fixture_lead(db *d, const char *case_id, const user_rec *to, const user_rec *previous,
                  const user_rec *by, const char *at);
/* Links the person to the case in the role; writes the link's id when
 * link_id is not NULL. Returns the store's answer (not asserted). */
int fixture_link(db *d, const user_rec *by, const char *case_id, const char *person_id,
                 const char *role, char link_id[37]);
/* A new person, recorded by by and linked to the case in the role; writes
 * the person's id and the link's where they are not NULL. */
void fixture_part(db *d, const user_rec *by, const char *case_id, const char *given,
                  const char *family, const char *role, char person_id[37], char link_id[37]);
/* The same in a database migrated only up to an older version
 * (fixture_db_at): the rows as the schema of 010 to 030 holds them, written
 * directly, since the store's code reads and writes today's schema. */
void fixture_old_part(db *d, const user_rec *by, const char *case_id, const char *given,
                      const char *family, const char *role, char link_id[37]);
/* "Given Family/role/victim elsewhere;" for each person in the case, in
 * the store's order. */
void fixture_case_people(db *d, const char *case_id, fixture_text *out);
/* "reference/role/org id/allocated;" for each of the person's parts, as
 * user_id would be told them. */
void fixture_person_parts(db *d, const char *person_id, const char *user_id, fixture_text *out);

/* Brings an empty database to the version by hand, as an older Waymark
 * would have left it (each migration up to it applied and recorded). */
void fixture_migrate_to(db *d, int version);

/* A new database on the engine ("sqlite" or "pg") brought by hand to the
 * version, as fixture_migrate_to does: where a migration's move of old
 * records is tested. */
db *fixture_db_at(const char *engine, int version);

/* A service of the directory given by the organisation provider (an id),
 * commissioned by by's organisation, answering within hours; writes its id. */
void fixture_service(db *d, const user_rec *by, const char *provider, int hours, char id[37]);
/* A referral of the part in a case (link) to the service, given by
 * provider, made by by at referred_at and due an answer by respond_by
 * (NULL: no target); writes its id. */
void fixture_service_referral(db *d, const user_rec *by, const char *case_id, const char *link, const char *service,
			      const char *provider, const char *referred_at, const char *respond_by, char id[37]);

/* A referral of the person in the case, made by by on 3 March 2025 with
 * consent and awaiting its reasonable grounds decision, due on the 10th
 * (not stored). */
nrm_rec fixture_referral_rec(const user_rec *by, const char *case_id, const char *person_id);
/* A record of u's training in the course, completed and expiring on the days
 * given, from the College of Policing (not stored). */
training_rec fixture_training_rec(const user_rec *u, const char *course, const char *done,
                                  const char *expires);

#endif
