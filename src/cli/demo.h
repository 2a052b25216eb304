/* The demo's synthetic casework, loaded by waymark demo. */
#ifndef WAYMARK_CLI_DEMO_H
#define WAYMARK_CLI_DEMO_H

#include "domain/workdays.h"
#include "lib/seal.h"
#include "lib/secure.h"
#include "store/db.h"

#define DEMO_TEAM_OFFICERS 16

/* Who does the casework: its author, the two teams (the Exploitation and
 * Missing Team, then CID), and each team's officers, who refer victims to
 * the NRM and are named as their single point of contact. */
typedef struct demo_cast {
	const char *author_id;
	const char *teams[2];
	char officers[2][DEMO_TEAM_OFFICERS][SECURE_ID_LEN];
	const char *officer_names[2][DEMO_TEAM_OFFICERS];
	int nofficers[2];
	const char *partner_org_id; /* the council some victims are referred to for support, or NULL */
	/* The partnership: children's services, a support provider and the
	 * guardianship service (each NULL when the demo has none). */
	const char *children_org_id, *provider_org_id, *guardian_org_id;
	const char *force_org_id; /* the force's own organisation */
	/* The Commissioner's office, which commissions the services, and the
	 * council's caseworker, who answers referrals to the council's (each
	 * NULL when the demo has none). */
	const char *opcc_org_id, *partner_user_id;
	const char *go_bag_keeper_id; /* who stocks the Go bags (the Commissioner's office), or NULL */
} demo_cast;

/* A number from 0 to n - 1, the same sequence on every run, so every demo
 * database looks the same. */
int demo_pick(int n);
#define PICK(arr) (arr)[demo_pick((int)(sizeof(arr) / sizeof((arr)[0])))]

/* A nationality with its language and common names. */
typedef struct nation {
	const char *code;
	int weight;
	const char *lang;
	const char *given[12];
	const char *family[12];
} nation;

/* A nationality, weighted as the NRM's most common ones are; and the
 * force's own (British) one. */
const nation *demo_nation(void);
const nation *demo_home_nation(void);

/* Loads synthetic casework over the three years up to now, unless the
 * database holds cases already: every date counts back from today, so the
 * statutory clocks run on the day it is loaded. */
int demo_casework(db *d, const demo_cast *cast, int *ncases, int *npeople);

/* A potential victim as the partnership sees them: their case (made on
 * day0, a day count) and part in it. */
typedef struct demo_victim {
	const char *case_id, *person_id, *link_id;
	const char *lang; /* their language's tag, or NULL */
	int interpreter, child;
	long day0;
} demo_victim;

/* The partnership around a victim of the last six months: consent, a
 * share, a safeguarding plan and, for a child, the child protection steps
 * so far. */
int demo_partnership(db *d, const demo_cast *cast, const holidays *h, long today, const demo_victim *v);

/* The Commissioner's directory of services, unless it holds some already:
 * a navigator service, the council's emergency housing and mental health
 * support, children's advocacy, and one no longer offered. */
int demo_services(db *d, const demo_cast *cast);
/* Refers the first adult victims (each of a case of the last year) to the
 * council's services, one at each stage: waiting past its target,
 * waiting within it, accepted, under way, closed, declined, withdrawn;
 * with the victim's consent for support and the share each makes. Others
 * are left alone. */
int demo_service_referral(db *d, const demo_cast *cast, long today, const demo_victim *v);
/* A past referral of the victim to the navigator service, answered within
 * its target (every fourth k late) and closed with an outcome. */
int demo_service_history(db *d, const demo_cast *cast, const demo_victim *v, int k);
/* The Commissioner's dashboard's history for an adult victim of a case
 * opened 60 to 730 days ago: some referred to the navigator service; some,
 * in a case that reached charging, charged after an s45 assessment. */
int demo_outcomes_history(db *d, const demo_cast *cast, long today, const demo_victim *v,
                          int charged);
/* Victims' feedback: an invitation for some victims of the last four
 * months (in their language where the questionnaire has it, some answered). */
int demo_feedback_invite(db *d, const demo_cast *cast, long today, const demo_victim *v);
/* The answers of the last three ended months and this one, with comments (when key is not
 * NULL): one awaiting redaction, the rest redacted. */
int demo_feedback_answers(db *d, const demo_cast *cast, const seal_key *key);

/* The demo's missing children (and one adult) in a case of their own, each
 * episode timed back from now: a repeat missing child owed a screening,
 * one missing now at high risk, one back and owed a return home interview.
 * Adds the people made to *npeople. */
int demo_missing_people(db *d, const demo_cast *cast, int *npeople);

/* The demo's Go bags: the force's stations stocked (one at its reorder
 * level) by keeper, and a bag given to each of up to three victims' parts
 * (links) in the case by the officer issuer. Within the caller's
 * transaction: DB_OK or the error. */
int demo_go_bags(db *d, const char *keeper_id, const char *issuer_id, const char *force_org_id, const char *case_id,
		 const char *const *links, size_t nlinks);

/* The demo's links across cases: one phone number in two of the
 * Exploitation and Missing Team's latest cases and CID's latest, matched
 * under the installation's key, and the force's deconfliction contact,
 * set by admin_id. DB_OK or the error. */
int demo_links(db *d, const demo_cast *cast, const char *admin_id, const seal_key *key);

/* The team's nth latest open case (0 the latest), into id: DB_ROW, DB_DONE
 * or the error. */
int demo_team_case(db *d, const char *team_id, int nth, char id[SECURE_ID_LEN]);

/* The demo's documents: a signed consent form (a small PDF) and a
 * photograph (a small PNG) about the victim in the Exploitation and Missing
 * Team's latest case, kept encrypted under key in the folder dir. DB_OK,
 * DB_OK having kept none when the folder cannot be opened (said on
 * standard error), or the error. */
int demo_documents(db *d, const demo_cast *cast, const char *dir, const seal_key *key);

/* The records manager's retention work: of the force's oldest cases, one
 * overdue for review, one due within the month and one under a litigation
 * hold, each with the review that set its date (issue 21). */
int demo_retention(db *d, const demo_cast *cast);

/* Subject requests (issue 21), unless the force has some already: an
 * access request due within the week, one overdue, and a rectification
 * answered and closed, each from a victim of the demo's cases, opened by
 * the records manager. */
int demo_requests(db *d, const char *org_id, const char *records_manager_id);

#endif
