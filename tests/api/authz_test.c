/* The authorisation matrix: every route of the OpenAPI document, for every
 * role, against records of each relationship to the caller (their own,
 * their team's, another team's, another force's, a person who is only ever
 * a suspect, and what is shared with a partner organisation), asserting the
 * status each must get and that nothing of a record out of the caller's
 * reach shows in any answer, lists and searches included.
 *
 * The expectations are written from the rules (issue 11, the table of who
 * sees what in context/DOMAIN.md, and docs/security.md where those are
 * silent), never from what the server does. A route of the document without
 * a row here fails, and so does a row for a route the document does not
 * have: a new route cannot ship unchecked. Adding a route is one line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/fixtures.h"
#include "domain/workdays.h"
#include "lib/clock.h"

/* ---- who calls, and how the records relate to them ---- */

enum { ADMIN, SUP, INV, SG, ANALYST, OPCC, PARTNER, AUDITOR, RECORDS, NROLES };
static const char *const role_name[NROLES] = {
    "admin", "supervisor", "investigator", "safeguarding", "analyst", "opcc", "partner", "auditor", "records_manager"};
/* One signed-in account each: all of Test Constabulary (sup1 and inv1 in
 * team EMT), except the partner, of Hope Support Services. */
static const char *const role_user[NROLES] = {"admin1", "sup1",  "inv1",  "sg1",
                                              "an1",    "opcc1", "part1", "aud1",  "rm1"};

enum { OWN, TEAM, CID, OTHER, SUSPECT, SHARED, NRELS };
static const char *const rel_name[NRELS] = {"own",         "team",         "other team",
                                            "other force", "suspect-only", "shared"};

/* What a route's ids (and query and body) name, for each relationship:
 *   own      a case led by (allocated to) the caller, its people and records;
 *            for staff and account routes, the caller's own record
 *   team     team EMT's (Test Constabulary)
 *   other    team CID's (Test Constabulary)
 *   force    Other Constabulary's
 *   suspect  a person whose only part anywhere is a suspect, in EMT's case
 *   shared   the NRM referral of a victim in a CID case referred to a
 *            service the partner's organisation gives, and a share of
 *            that victim with it (every other bundle's share names another
 *            partner organisation, of its own force) */
typedef enum {
	T_NONE,       /* no record: the caller's own, or a list */
	T_CASE,       /* {id}: a case; in a body, {case} and the people in it */
	T_CASE_Q,     /* ?q=: words of a case's title */
	T_PERSON,     /* {id}: the victim (the suspect-only person, for suspect) */
	T_PERSON_Q,   /* ?q=: that person's name */
	T_VICTIM,     /* {id} a case, {link} the victim's part (the suspect's, for suspect) */
	T_SUSPECT,    /* {id} a case, {link} its suspect's part */
	T_ASSESSMENT, /* {id} a case, {assessment} an s45 assessment of its suspect */
	T_REFERRAL,   /* {id}: an NRM referral */
	T_RECON,      /* {id} a referral, {request} a reconsideration request on it */
	T_DTN,        /* {id}: a Duty to Notify record */
	T_ORDER,      /* {id}: an order against a case's suspect */
	T_MERGE,      /* {id}: a person in no case, recorded by the team */
	T_TEAM,       /* in a body: a team and its organisation */
	T_STAFF,      /* {id}: a member of staff */
	T_ACCOUNT,    /* {id}: an account */
	T_AUDIT_Q,    /* ?record=: a case's id */
	T_OPCC,       /* {id}: an OPCC, hosted by the caller's force (own) or another */
	T_ORG,        /* {id}: Test Constabulary (own), Other Constabulary, the partner (shared) */
	T_TEAM_ID,    /* {id}: team EMT (team), CID (other team), the other force's team */
	T_SHARE,      /* {id}: a share of the bundle's first victim, on consent */
	T_PLAN,       /* {id}: the first victim's safeguarding plan; {risk}, {action} its risk and action */
	T_EPISODE,    /* {id}: the first victim's missing episode, reported by the case's reader */
	T_SERVICE,    /* {id}: a service: the force's, given by Haven (team); the other force's (other);
			 the Commissioner's, given by the partner's organisation (shared) */
	T_SREF,       /* {id}: the first victim's referral to the service its share's organisation gives */
	T_COMMENT,    /* {id}: a victim's feedback comment to the force (team and other team: the
	                 caller's force's one; other force: Other Constabulary's) */
	T_LOCATION,   /* {id} (or {location} in a body): a Go bag location of the caller's force (own) or
			 of the other force */
	T_DOCUMENT,   /* {id}: a photograph of the first victim, named by the bundle's share */
	T_SREQ,       /* {id}: an access request from the bundle's requester (a witness of a case of
			 its own, named nowhere else), opened by their force's records manager */
	T_SREQ_CLOSE, /* {id}: another access request of theirs, closed at its version 1 */
	T_SREQ_ERASURE, /* {id}: the requester's erasure request */
	T_REQUESTER,  /* {id}: the requester; {sreq_rect}, {sreq_restrict} their open requests */
	T_NOTICE,     /* {number}: a link notice whose unraised side is the bundle's case (raised by the
			 other force's side; the other force's own, by team EMT's) */
	T_HOLD,       /* {id}: a legal hold in force on the bundle's case */
	T_BUNDLE_REQUEST, /* {id}: an access request by a person the bundle's team recorded (in no case), of its
			     force; {item} the first item of its access bundle (assembled at setup) */
} target;

enum {
	F_PUBLIC = 1u << 0,  /* needs no session: sent once, signed out */
	F_IFMATCH = 1u << 1, /* sends the version its owner reads now */
	F_RELOGIN = 1u << 2, /* success ends the caller's session: sign in again */
	F_REVEAL = 1u << 3,  /* asks for sealed fields, with a purpose */
	F_FIND = 1u << 4,    /* a list: must find the record when the role may see it */
	F_CSV = 1u << 5,     /* the body is a CSV file */
	F_GONE = 1u << 6,    /* public, and its body's token names nothing: 410, not 2xx */
	F_UNKNOWN = 1u << 7, /* public, and its token or code names nothing: 404, not 2xx */
	F_FORM = 1u << 8,    /* the body is an HTML form (application/x-www-form-urlencoded) */
	F_UPLOAD = 1u << 9,  /* the body is a multipart/form-data upload of a photograph */
};

/* Codes: one per relationship (own, team, other team, other force,
 * suspect-only, shared), in a group per role (admin, supervisor,
 * investigator, safeguarding, analyst, opcc, partner, auditor, records manager).
 *   A  allowed: 2xx.
 *   S  allowed past the wall, where the record's state may refuse a repeat:
 *      2xx, 409 or 412, or a 422 about the record (not the answer for an
 *      id that does not exist). Few, and each says why in the table.
 *   F  403: the role never takes this action on this kind of record
 *      (whatever the id), or may read the record but not do this.
 *   N  404: out of the role's reading reach, answered exactly as for an id
 *      that does not exist.
 *   R  422 on the body field naming a record out of reach, answered exactly
 *      as for an id that does not exist (the path names no record to 404).
 *   -  not sent: there is no such record for that relationship. */
typedef struct row {
	const char *method, *path; /* as the OpenAPI document names them */
	const char *query;         /* appended to the path, or NULL */
	const char *body;          /* JSON (or CSV) with {placeholders}, or NULL */
	target t;
	unsigned flags;
	const char *codes; /* 9 groups of 6, space separated; NULL for public routes */
} row;

/* clang-format off */
/* Bodies, with placeholders filled per cell. */
#define PW "\"" TEST_PASSWORD "\""
#define B_SIGN_IN "{\"username\":\"aud1\",\"password\":" PW "}"
#define B_MY_PASSWORD "{\"current_password\":" PW ",\"new_password\":" PW "}"
#define B_TOTP "{\"code\":\"not a code\"}"
#define B_USER                                                                                                 \
	"{\"username\":\"{uniq}\",\"display_name\":\"Matrix Account\",\"role\":\"investigator\","             \
	"\"org\":\"{org}\",\"team\":\"{team_name}\"}"
#define B_USER_PATCH "{\"display_name\":\"Matrix Checked\"}"
#define B_NO_TOKEN "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}"
#define B_REDEEM "{\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"password\":" PW "}"
#define B_AREA "{\"my_force\":true}"
#define B_SETTINGS "{\"totp_required_roles\":[]}"
#define B_DISCLOSURE "{\"threshold\":10}"
#define B_TEAM_NEW "{\"name\":\"Matrix {uniq}\"}"
#define B_ORG_NEW "{\"name\":\"Matrix {uniq}\",\"kind\":\"health\"}"
/* Its own name: the organisation keeps the name the other rows' bodies use. */
#define B_ORG_NAME "{\"name\":\"{org_name}\"}"
/* Its own name: the team keeps the name the other rows' bodies use. */
#define B_TEAM_NAME "{\"name\":\"{team_name}\"}"
#define B_HOLIDAY "{\"day\":\"2031-07-15\",\"name\":\"Matrix Day\"}"
#define B_CASE "{\"title\":\"Matrix check case\",\"exploitation_types\":[\"labour\"],\"team_id\":\"{team_id}\"}"
#define B_CASE_PATCH "{\"summary\":\"Checked by the authorisation matrix\"}"
#define B_CASE_PERSON "{\"person_id\":\"{person}\",\"role\":\"{role}\"}"
#define B_INDICATOR "{\"code\":\"{indicator}\"}"
#define B_CONTEXT "{\"relationship_to_trafficker\":\"employer\"}"
#define B_PLACE "{\"kind\":\"transit\",\"country\":\"GB\"}"
#define B_NOTE "{\"text\":\"Checked by the authorisation matrix\"}"
#define B_EVENT "{\"kind\":\"arrest\",\"occurred_on\":\"{today}\"}"
#define B_CONTACT "{\"contacted_on\":\"{today}\",\"method\":\"phone\",\"summary\":\"Update given\"}"
#define B_CARE "{\"strategy\":\"Weekly contact by phone\"}"
#define B_SERVICE                                                                                         \
	"{\"name\":\"Matrix {uniq}\",\"provider_organisation_id\":\"{hope}\",\"kind\":\"advocacy\",\"ages\":{\"min\":0," \
	"\"max\":120},\"languages\":[\"en\"],\"response_hours\":48}"
#define B_SERVICE_PATCH "{\"area\":\"Checked by the authorisation matrix\"}"
#define B_SREF "{\"service_id\":\"{service}\",\"need\":\"Checked by the authorisation matrix\",\"urgency\":\"routine\"}"
#define B_WITHDRAW_SREF "{\"status\":\"withdrawn\",\"reason\":\"Checked by the authorisation matrix\"}"
/* "Dario Brenner Teamcase": the suspect-only person's name, so that the
 * possible duplicates it finds would show him to those who may not see him. */
#define B_PERSON "{\"given_names\":\"Dario\",\"family_name\":\"Brenner Teamcase\"}"
#define B_PERSON_PATCH "{\"languages\":[\"en\"]}"
#define B_MERGE "{\"into\":\"{into}\"}"
#define B_REFERRAL                                                                                             \
	"{\"case_id\":\"{case}\",\"person_id\":\"{person}\",\"referred_on\":\"{today}\",\"consent\":{\"given\":true," \
	"\"method\":\"verbal\",\"language\":\"en\"}}"
#define B_DECISION "{\"stage\":\"reasonable_grounds\",\"outcome\":\"negative\",\"decided_on\":\"{today}\"}"
#define B_RECON "{\"stage\":\"reasonable_grounds\",\"requested_on\":\"{today}\",\"reasons\":\"New evidence of control\"}"
#define B_OUTCOME "{\"outcome\":\"upheld\",\"decided_on\":\"{today}\"}"
#define B_WITHDRAW "{\"withdrawn_on\":\"{today}\",\"reason\":\"Checked by the authorisation matrix\"}"
#define B_DTN "{\"case_id\":\"{case}\",\"person_id\":\"{victim2}\",\"submitted_on\":\"{today}\"}"
#define B_S45                                                                                          \
	"{\"offence\":\"Possession of cannabis\",\"offence_date\":\"{today}\",\"compelled\":false,"    \
	"\"no_realistic_alternative\":false,\"reasons\":\"Checked by the authorisation matrix\"}"
#define B_CHARGE "{\"decision\":\"refer_to_cps\",\"decided_on\":\"{today}\"}"
#define B_ORDER                                                                                             \
	"{\"person_id\":\"{suspect}\",\"kind\":\"stpo\",\"court\":\"Swindon Magistrates\",\"applicant\":\"police\"," \
	"\"made_on\":\"{today}\",\"prohibitions\":[\"No contact with the victims\"]}"
#define B_BREACH "{\"occurred_on\":\"{today}\",\"summary\":\"Seen at the car wash\"}"
#define B_ALLOCATE "{\"user_id\":\"{alloc_user}\",\"override_reason\":\"Checked by the authorisation matrix\"}"
#define B_STAFF                                                                                         \
	"{\"rank\":\"{rank}\",\"pip_level\":2,\"pip_accredited_on\":\"2020-01-01\",\"capacity\":10,"    \
	"\"languages\":[]}"
#define B_ABSENCE "{\"kind\":\"leave\",\"starts_on\":\"{later}\",\"ends_on\":\"{later}\"}"
#define B_TRAINING "{\"course\":\"victim_liaison\",\"provider\":\"College of Policing\",\"completed_on\":\"{today}\"}"
#define B_CONSENT                                                                                 \
	"{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"en\","     \
	"\"interpreter\":\"none\"}"
#define B_SHARE                                                                                           \
	"{\"organisation_id\":\"{share_org}\",\"sections\":[\"identity\"],\"purpose\":\"support\",\"basis\":" \
	"\"consent\",\"expires_on\":\"{soon}\"}"
#define B_EXTEND "{\"expires_on\":\"{later}\",\"reason\":\"Checked by the authorisation matrix\"}"
#define B_PLAN_PATCH "{\"review_on\":\"{later}\"}"
#define B_RISK "{\"description\":\"Checked by the authorisation matrix\",\"level\":\"low\"}"
#define B_RISK_PATCH "{\"level\":\"medium\"}"
#define B_ACTION                                                                                  \
	"{\"description\":\"Checked by the authorisation matrix\",\"owner_organisation_id\":\"{org_own}\"," \
	"\"due_on\":\"{later}\"}"
#define B_ACTION_PATCH "{\"status\":\"in_progress\"}"
#define B_PLAN_NOTE "{\"text\":\"Checked by the authorisation matrix\"}"
#define B_CP_STEP "{\"step\":\"local_authority_told\",\"on\":\"{today}\"}"
#define B_REVOKE "{\"note\":\"Checked by the authorisation matrix\"}"
#define B_MISSING                                                                                    \
	"{\"reported_at\":\"{now}\",\"last_seen_at\":\"{now}\",\"last_seen_place\":\"Matrix Park\","  \
	"\"risk\":\"low\"}"
#define B_PROFILE "{\"placement\":\"Checked by the authorisation matrix\"}"
#define B_MISSING_RETURN "{\"returned_at\":\"{now}\",\"found_by\":\"police\",\"where_found\":\"Matrix Park\"}"
#define B_MISSING_REVIEW "{\"risk\":\"medium\",\"reason\":\"Checked by the authorisation matrix\"}"
#define B_SAFE_WELL "{\"checked_at\":\"{now}\",\"officer\":\"PC Matrix\",\"place\":\"Matrix Park\"}"
#define B_RHI "{\"held_at\":\"{now}\",\"offered_by_organisation_id\":\"{share_org}\",\"accepted\":true}"
#define B_SCREENING "{\"screened_on\":\"{today}\",\"indicators\":[],\"outcome\":\"no_concerns\"}"
#define B_MISSING_SETTINGS                                                                                 \
	"{\"review_hours\":{\"no_apparent_risk\":24,\"low\":24,\"medium\":8,\"high\":4},\"safe_and_well_hours\":24}"
#define B_GO_BAG_LOCATION "{\"name\":\"Matrix {uniq}\",\"reorder_level\":1,\"organisation_id\":\"{org_own}\"}"
#define B_GO_BAG_DELIVERY "{\"location\":\"{id}\",\"kind\":\"adult\",\"language\":\"en\",\"quantity\":1}"
#define B_GO_BAG_ISSUE "{\"location\":\"{go_bag_location}\",\"kind\":\"adult\",\"language\":\"en\"}"
#define B_SELECTOR "{\"kind\":\"email\",\"value\":\"{uniq}@example.org\",\"about_person_id\":\"{person}\"}"
#define B_DECONFLICTION "{\"role\":\"Force Intelligence Bureau\",\"contact\":\"01632 960 999\"}"
#define B_IMPORT "username,course,provider,completed_on\r\nemt.target,victim_liaison,College of Policing,{today}\r\n"

/* Groups of codes that recur. */
#define ALL_OWN "A----- A----- A----- A----- A----- A----- A----- A----- A-----"
#define ONLY_ADMIN "A----- F----- F----- F----- F----- F----- F----- F----- F-----"
#define CASE_ONLY_TEAM "-FFF-F AANN-N AANN-N -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"
#define CASE_READ "-FFF-F AANN-N AANN-N -AAN-A -AAN-A -FFF-F -FFF-F -FFF-F -FFF-F"
#define ENTRY_READ "-FFF-F AANN-N AANN-N -AAN-A -AAN-A -FFF-F -NNN-N -FFF-F -FFF-F"
#define ENTRY_WRITE "-FFF-F AANN-N AANN-N -AAN-A -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"
/* Analysts never see sealed fields, partners never; nor does any role
 * that never reveals, whatever the id. */
#define SEALED_REVEAL "-FFF-F AANN-N AANN-N -AAN-A -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"
/* A victim's part; the suspect-only person's part answers 409 ("kept for
 * a potential victim") to those who may see him, 404 to the rest. */
#define VICTIM_WRITE "-FFFFF AANNSN AANNSN -AANNA -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"
#define SUSPECT_WRITE "-FFF-- AANN-- AANN-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF--"
#define STAFF_ADMINISTER "AAAN-- AAAN-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF--"
#define STAFF_OWN_WRITE "AAAN-- AAAN-- ANNN-- ANNN-- ANNN-- FFFF-- FFFF-- FFFF-- FFFF--"
#define FORCE_STAFF "A----- A----- F----- F----- F----- F----- F----- F----- F-----"
#define FIGURES "F----- A----- F----- F----- A----- A----- F----- F----- F-----"
#define MICRODATA "F----- F----- F----- F----- A----- F----- F----- F----- F-----"
/* A safeguarding plan: the force's to change as it reaches the case; a
 * partner reads and writes through a share naming it, but the plan's
 * review, risks and actions are the force's (403). */
#define PLAN_READ "-FFF-F AANN-N AANN-N -AAN-A -AAN-A -FFF-F -NNN-A -FFF-F -FFF-F"
#define PLAN_FORCE "-FFF-F AANN-N AANN-N -AAN-A -FFF-F -FFF-F -NNN-F -FFF-F -FFF-F"
#define PLAN_WORK "-FFF-F AANN-N AANN-N -AAN-A -FFF-F -FFF-F -NNN-A -FFF-F -FFF-F"
/* The first victim is an adult with a plan already, and an action a first
 * update moves on (S: 409 or, for a child's steps, 409). */
#define PLAN_STATE "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -NNN-S -FFF-F -FFF-F"
/* Missing episodes: the force's, as it reaches the owning team or the
 * person; a partner reads through a share naming the missing section and
 * records only the return home interview (the rest, 403). */
#define MISSING_READ "-FFF-F AANN-N AANN-N -AAN-A -AAN-A -FFF-F -NNN-A -FFF-F -FFF-F"
#define MISSING_FORCE "-FFF-F AANN-N AANN-N -AAN-A -FFF-F -FFF-F -NNN-F -FFF-F -FFF-F"
/* The first write ends the episode (a return) or records the one check
 * there is; the rest find it done (S: 409). */
#define MISSING_STATE "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -NNN-F -FFF-F -FFF-F"
/* Go bags: the force's officers read their force's stock; the
 * Commissioner's office keeps that of the forces of its area, an
 * administrator their force's; partners and auditors nothing. */
#define GO_BAG_READ "A----- A----- A----- A----- A----- A----- F----- F----- F-----"
#define GO_BAG_KEEP "A----- F----- F----- F----- F----- A----- F----- F----- F-----"
#define GO_BAG_LOCATION_READ "A--N-- A--N-- A--N-- A--N-- A--N-- A--N-- F--F-- F--F-- F--F--"
#define GO_BAG_LOCATION_KEEP "A--N-- F--F-- F--F-- F--F-- F--F-- A--N-- F--F-- F--F-- F--F--"
/* Documents: as entries, but a partner reads only those a live share
 * names; the first delete of a document succeeds and the rest find it
 * deleted (S: 409). */
#define DOC_READ "-FFF-F AANN-N AANN-N -AAN-A -AAN-A -FFF-F -NNN-A -FFF-F -FFF-F"
/* Subject requests: records managers only, of their own force (the
 * shared relationship is a case of their force too). */
#define SREQ_CREATE "-FFF-F FFFF-F FFFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -AAR-A"
#define SREQ_LIST "F----- F----- F----- F----- F----- F----- F----- F----- A-----"
#define SREQ_RECORD "-FFF-F FFFF-F FFFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -AAN-A"
#define B_SREQ                                                                                                 \
	"{\"person_id\":\"{requester}\",\"kind\":\"access\",\"regime\":\"part3\",\"received_on\":\"{today}\","        \
	"\"identity_verified_on\":\"{today}\",\"channel\":\"letter\"}"
#define B_SREQ_EXTEND "{\"due\":\"{later}\",\"reason\":\"Records held in three systems\"}"
#define B_SREQ_CLOSE "{\"outcome\":\"answered\",\"reason\":\"Answered by the matrix\"}"
#define B_SREQ_RECTIFY \
	"{\"request_id\":\"{sreq_rect}\",\"field\":\"gender\",\"corrected\":\"female\",\"note\":\"As she asked\"}"
#define B_SREQ_RESTRICT "{\"request_id\":\"{sreq_restrict}\",\"reason\":\"Accuracy contested\"}"
#define DOC_WRITE "-FFF-F AANN-N AANN-N -AAN-A -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"
#define DOC_DELETE "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"
#define B_DOC_DELETE "{\"reason\":\"Checked by the authorisation matrix\"}"
#define B_DOC_LIMIT "{\"max_bytes\":26214400}"
/* Retention (issue 21): the rules are reference data every role reads
 * and an administrator changes; the rest is the records managers', for
 * their own force's cases (the other force's: 404). Each bundle's case is
 * given a group, a person's group, a review and a hold once, and its one
 * hold is lifted once, so each is A. */
#define B_RULES "{\"rules\":[{\"group\":\"group_3\",\"review_years\":6,\"clear_years\":6}]}"
#define B_RET_GROUP "{\"group\":\"group_2\",\"reason\":\"Checked by the authorisation matrix\"}"
#define B_RETAIN "{\"decision\":\"retain\",\"reason\":\"Checked by the matrix\",\"next_review_on\":\"{later}\"}"
#define B_HOLD "{\"kind\":\"litigation\",\"reason\":\"Checked by the matrix\",\"owner\":\"Matrix Solicitor\"}"
#define B_HOLD_LIFT "{\"reason\":\"Checked by the authorisation matrix\"}"
#define RETENTION_CASE "-FFF-F FFFF-F FFFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -AAN-A"
#define RETENTION_PERSON "-FFFFF FFFFFF FFFFFF -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF -AANAA"
#define RETENTION_FORCE "F----- F----- F----- F----- F----- F----- F----- F----- A-----"
/* A share, once revoked or extended, refuses a repeat (S: 409 or 422). */
#define SHARE_CHANGE "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"

/* Access bundles: records managers only, of their own force. */
#define BUNDLE_READ "-FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -AAN--"
#define BUNDLE_STATE "-FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -SSN--"

static const row table[] = {
	/* Public: no session, sent once signed out. */
	{"GET", "/healthz", NULL, NULL, T_NONE, F_PUBLIC, NULL},
	{"GET", "/metrics", NULL, NULL, T_NONE, F_PUBLIC, NULL},
	{"GET", "/api/v1/openapi.json", NULL, NULL, T_NONE, F_PUBLIC, NULL},
	{"POST", "/api/v1/session", NULL, B_SIGN_IN, T_NONE, F_PUBLIC, NULL},
	{"GET", "/api/v1/installation", NULL, NULL, T_NONE, F_PUBLIC, NULL},
	/* A one-time password link's token is its credential: one that names
	 * nothing gets the 410 a used or expired one gets. */
	{"POST", "/api/v1/password-resets", NULL, B_REDEEM, T_NONE, F_PUBLIC | F_GONE, NULL},
	{"POST", "/api/v1/password-resets/lookup", NULL, B_NO_TOKEN, T_NONE, F_PUBLIC | F_GONE, NULL},
	/* A victim's feedback needs no account: the invitation's token (or its
	 * code) is the credential, and one that names nothing gets 404 with
	 * nothing of any record, as a page or as JSON. What a real one shows,
	 * and that it never shows the victim or the force, tests/api/feedback_test.c
	 * checks; tries per address are limited there too. */
	{"GET", "/api/v1/feedback/{token}", NULL, NULL, T_NONE, F_PUBLIC | F_UNKNOWN, NULL},
	{"POST", "/api/v1/feedback/{token}", NULL, "{\"answers\":[]}", T_NONE, F_PUBLIC | F_UNKNOWN, NULL},
	{"POST", "/api/v1/feedback/codes", NULL, "{\"code\":\"ABCD-EFGH\"}", T_NONE, F_PUBLIC | F_UNKNOWN, NULL},
	{"GET", "/feedback", NULL, NULL, T_NONE, F_PUBLIC, NULL},
	{"POST", "/feedback", NULL, "lang=en&code=ABCD-EFGH", T_NONE, F_PUBLIC | F_UNKNOWN | F_FORM, NULL},
	{"GET", "/feedback/{token}", NULL, NULL, T_NONE, F_PUBLIC | F_UNKNOWN, NULL},
	{"POST", "/feedback/{token}", NULL, "safe=1", T_NONE, F_PUBLIC | F_UNKNOWN | F_FORM, NULL},
	/* One's own account. A second factor confirmed with a wrong code: 422. */
	{"GET", "/api/v1/me", NULL, NULL, T_NONE, 0, ALL_OWN},
	{"PUT", "/api/v1/me/password", NULL, B_MY_PASSWORD, T_NONE, F_RELOGIN, ALL_OWN},
	{"DELETE", "/api/v1/me/sessions", NULL, NULL, T_NONE, F_RELOGIN, ALL_OWN},
	{"POST", "/api/v1/me/totp", NULL, NULL, T_NONE, 0, ALL_OWN},
	{"POST", "/api/v1/me/totp/confirm", NULL, B_TOTP, T_NONE, 0, "S----- S----- S----- S----- S----- S----- S----- S----- S-----"},
	/* The QR code of an enrolment under way: 409 when none is. */
	{"GET", "/api/v1/me/totp/qr-code", NULL, NULL, T_NONE, 0, "S----- S----- S----- S----- S----- S----- S----- S----- S-----"},
	{"DELETE", "/api/v1/session", NULL, NULL, T_NONE, F_RELOGIN, ALL_OWN},
	/* Accounts and settings: administrators, of their own organisation and
	 * those it hosts. Nobody sets another's password: an administrator
	 * makes a one-time link; clearing a second factor takes a second
	 * administrator (none is set up here, nor waiting: 409). */
	{"GET", "/api/v1/users", NULL, NULL, T_NONE, 0, ONLY_ADMIN},
	{"POST", "/api/v1/users", NULL, B_USER, T_TEAM, 0, "-AAR-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF--"},
	{"GET", "/api/v1/users/{id}", NULL, NULL, T_ACCOUNT, 0, "AAAN-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF--"},
	{"PATCH", "/api/v1/users/{id}", NULL, B_USER_PATCH, T_ACCOUNT, F_IFMATCH, "AAAN-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF--"},
	{"POST", "/api/v1/users/{id}/password-reset", NULL, NULL, T_ACCOUNT, 0, "AAAN-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF--"},
	{"POST", "/api/v1/users/{id}/second-factor-reset", NULL, NULL, T_ACCOUNT, 0, "SSSN-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF--"},
	{"POST", "/api/v1/users/{id}/second-factor-reset/approval", NULL, NULL, T_ACCOUNT, 0, "SSSN-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF-- FFFF--"},
	{"PUT", "/api/v1/organisations/{id}/area", NULL, B_AREA, T_OPCC, 0, "A--N-- F--F-- F--F-- F--F-- F--F-- F--F-- F--F-- F--F-- F--F--"},
	{"POST", "/api/v1/organisations/{id}/teams", NULL, B_TEAM_NEW, T_ORG, 0, "A--N-A F--F-F F--F-F F--F-F F--F-F F--F-F F--F-F F--F-F F--F-F"},
	{"POST", "/api/v1/organisations", NULL, B_ORG_NEW, T_NONE, 0, ONLY_ADMIN},
	{"PATCH", "/api/v1/organisations/{id}", NULL, B_ORG_NAME, T_ORG, F_IFMATCH, "A--N-A F--F-F F--F-F F--F-F F--F-F F--F-F F--F-F F--F-F F--F-F"},
	{"PATCH", "/api/v1/teams/{id}", NULL, B_TEAM_NAME, T_TEAM_ID, F_IFMATCH, "-AAN-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF--"},
	{"GET", "/api/v1/settings/security", NULL, NULL, T_NONE, 0, ONLY_ADMIN},
	{"PUT", "/api/v1/settings/security", NULL, B_SETTINGS, T_NONE, F_IFMATCH, ONLY_ADMIN},
	/* Installation-wide: any administrator, no record to reach. */
	{"GET", "/api/v1/settings/disclosure", NULL, NULL, T_NONE, 0, ONLY_ADMIN},
	{"PUT", "/api/v1/settings/disclosure", NULL, B_DISCLOSURE, T_NONE, F_IFMATCH, ONLY_ADMIN},
	/* The deconfliction contact: the administrator's own organisation. */
	{"GET", "/api/v1/settings/deconfliction", NULL, NULL, T_NONE, 0, ONLY_ADMIN},
	{"PUT", "/api/v1/settings/deconfliction", NULL, B_DECONFLICTION, T_NONE, F_IFMATCH, ONLY_ADMIN},
	/* The audit log: auditors, of their own organisation. */
	{"GET", "/api/v1/audit", "?limit=1000", NULL, T_NONE, 0, "F----- F----- F----- F----- F----- F----- F----- A----- F-----"},
	{"GET", "/api/v1/audit", "?record={case}", NULL, T_AUDIT_Q, F_FIND, "-FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -AAA-A -FFF-F"},
	{"GET", "/api/v1/audit/verification", NULL, NULL, T_NONE, 0, "F----- F----- F----- F----- F----- F----- F----- A----- F-----"},
	{"GET", "/api/v1/audit/export", "?action=login", NULL, T_NONE, 0, "F----- F----- F----- F----- F----- F----- F----- A----- F-----"},
	/* Fixed lists, for everyone signed in; a bank holiday is administered. */
	{"GET", "/api/v1/vocabularies", NULL, NULL, T_NONE, 0, ALL_OWN},
	{"GET", "/api/v1/bank-holidays", NULL, NULL, T_NONE, 0, ALL_OWN},
	{"POST", "/api/v1/bank-holidays", NULL, B_HOLIDAY, T_NONE, 0, ONLY_ADMIN},
	{"GET", "/api/v1/s45/schedule4", NULL, NULL, T_NONE, 0, ALL_OWN},
	{"GET", "/api/v1/organisations", NULL, NULL, T_NONE, 0, ALL_OWN},
	{"GET", "/api/v1/training/courses", NULL, NULL, T_NONE, 0, ALL_OWN},
	/* Cases: investigators and supervisors of the team and those allocated;
	 * safeguarding officers and analysts read their force's. */
	{"POST", "/api/v1/cases", NULL, B_CASE, T_TEAM, 0, "-FFF-- -ARR-- -ARR-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF--"},
	{"GET", "/api/v1/cases", "?q={title}", NULL, T_CASE_Q, F_FIND, "-FFF-F AAAA-A AAAA-A -AAA-A -AAA-A -FFF-F -FFF-F -FFF-F -FFF-F"},
	{"GET", "/api/v1/cases/{id}", NULL, NULL, T_CASE, 0, CASE_READ},
	{"PATCH", "/api/v1/cases/{id}", NULL, B_CASE_PATCH, T_CASE, F_IFMATCH, CASE_ONLY_TEAM},
	{"GET", "/api/v1/cases/{id}/history", NULL, NULL, T_CASE, 0, CASE_READ},
	{"POST", "/api/v1/cases/{id}/people", NULL, B_CASE_PERSON, T_CASE, 0, CASE_ONLY_TEAM},
	{"POST", "/api/v1/cases/{id}/events", NULL, B_EVENT, T_CASE, 0, CASE_ONLY_TEAM},
	{"POST", "/api/v1/cases/{id}/people/{link}/indicators", NULL, B_INDICATOR, T_VICTIM, 0, "-FFFFF AANNAN AANNAN -AANNA -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"PUT", "/api/v1/cases/{id}/people/{link}/victim-context", NULL, B_CONTEXT, T_VICTIM, 0, VICTIM_WRITE},
	{"POST", "/api/v1/cases/{id}/people/{link}/contacts", NULL, B_CONTACT, T_VICTIM, 0, VICTIM_WRITE},
	{"PUT", "/api/v1/cases/{id}/people/{link}/care", NULL, B_CARE, T_VICTIM, 0, VICTIM_WRITE},
	/* The directory of services: every role but the auditor reads what it
	 * reaches (the force its own and its Commissioner's, the Commissioner
	 * its own and its area's, a partner those it gives); the Commissioner
	 * and administrators keep it. */
	{"GET", "/api/v1/services", NULL, NULL, T_NONE, 0, "A----- A----- A----- A----- A----- A----- A----- F----- F-----"},
	{"POST", "/api/v1/services", NULL, B_SERVICE, T_NONE, 0, "A----- F----- F----- F----- F----- A----- F----- F----- F-----"},
	{"GET", "/api/v1/services/{id}", NULL, NULL, T_SERVICE, 0, "-A-N-A -A-N-A -A-N-A -A-N-A -A-N-A -A-N-A -N-N-A -F-F-F -F-F-F"},
	{"PATCH", "/api/v1/services/{id}", NULL, B_SERVICE_PATCH, T_SERVICE, F_IFMATCH, "-A-N-A -F-F-F -F-F-F -F-F-F -F-F-F -A-N-A -F-F-F -F-F-F -F-F-F"},
	/* Referrals to services: the force refers as it writes in the case (a
	 * suspect's part: 409 to those who see it); a partner reaches only
	 * those to its organisation, never through the case; the Commissioner
	 * never sees a victim. */
	{"POST", "/api/v1/cases/{id}/people/{link}/service-referrals", NULL, B_SREF, T_VICTIM, 0, "-FFFFF AANNSN AANNSN -AANNA -FFFFF -FFFFF -NNNNN -FFFFF -FFFFF"},
	{"GET", "/api/v1/service-referrals", "?limit=200", NULL, T_NONE, F_FIND, "F----- A----- A----- A----- A----- F----- A----- F----- F-----"},
	{"GET", "/api/v1/service-referrals/{id}", NULL, NULL, T_SREF, 0, "-FFF-F AANN-N AANN-N -AAN-A -AAN-A -FFF-F -NNN-A -FFF-F -FFF-F"},
	{"POST", "/api/v1/cases/{id}/places", NULL, B_PLACE, T_CASE, 0, ENTRY_WRITE},
	{"POST", "/api/v1/cases/{id}/notes", NULL, B_NOTE, T_CASE, 0, ENTRY_WRITE},
	{"GET", "/api/v1/cases/{id}/timeline", NULL, NULL, T_CASE, 0, ENTRY_READ},
	{"GET", "/api/v1/cases/{id}/timeline", "?reveal=sealed", NULL, T_CASE, F_REVEAL, SEALED_REVEAL},
	{"GET", "/api/v1/cases/{id}/network", "?depth=2", NULL, T_CASE, 0, ENTRY_READ},
	/* Links across cases. A selector about the suspect-only person needs
	 * the suspect reach: to a safeguarding officer he is as one not in the
	 * case (R). Every bundle's case shares selectors with every other, so
	 * the links answer shows matches and notices: nothing of a case out of
	 * the caller's reach may show in a notice. A notice is acknowledged by
	 * those who write in its unraised side's case (S: the first does, the
	 * rest find it done: 409). */
	{"POST", "/api/v1/cases/{id}/selectors", NULL, B_SELECTOR, T_CASE, 0, "-FFFFF AANNAN AANNAN -AANRA -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"GET", "/api/v1/cases/{id}/selectors", NULL, NULL, T_CASE, 0, ENTRY_READ},
	{"GET", "/api/v1/cases/{id}/links", NULL, NULL, T_CASE, 0, ENTRY_READ},
	{"POST", "/api/v1/link-notices/{number}/acknowledgement", NULL, NULL, T_NOTICE, 0, "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"},
	/* Every role asks; each item comes from what it reaches of its kind. */
	{"GET", "/api/v1/worklist", NULL, NULL, T_NONE, 0, ALL_OWN},
	/* What is shared with one's organisation: a partner's service
	 * referrals; the force's roles read the list, which is empty. */
	{"GET", "/api/v1/shared", NULL, NULL, T_NONE, 0, "F----- A----- A----- A----- A----- F----- A----- F----- F-----"},
	/* People: a suspect-only person exists only for investigators and
	 * supervisors of his cases and the force's analysts. */
	{"POST", "/api/v1/people", NULL, B_PERSON, T_NONE, 0, "F----- A----- A----- A----- F----- F----- F----- F----- F-----"},
	{"GET", "/api/v1/people", "?q={name}", NULL, T_PERSON_Q, F_FIND, "-FFFFF AAAAAA AAAAAA -AAAAA -AAAAA -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"GET", "/api/v1/people/{id}", NULL, NULL, T_PERSON, 0, "-FFFFF AANNAN AANNAN -AANNA -AANAA -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"GET", "/api/v1/people/{id}", "?reveal=immigration_status", NULL, T_PERSON, F_REVEAL, "-FFFFF AANNAN AANNAN -AANNA -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"PATCH", "/api/v1/people/{id}", NULL, B_PERSON_PATCH, T_PERSON, F_IFMATCH, "-FFFFF AANNAN AANNAN -AANNA -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"GET", "/api/v1/people/{id}/history", NULL, NULL, T_PERSON, 0, "-FFFFF AANNAN AANNAN -AANNA -AANAA -FFFFF -FFFFF -FFFFF -FFFFF"},
	/* Consent to share, and the victim's record of disclosures. */
	{"PUT", "/api/v1/people/{id}/consent", NULL, B_CONSENT, T_PERSON, 0, "-FFFFF AANNAN AANNAN -AANNA -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"GET", "/api/v1/people/{id}/disclosures", NULL, NULL, T_PERSON, 0, "-FFFFF AANNAN AANNAN -AANNA -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"POST", "/api/v1/people/{id}/merge", NULL, B_MERGE, T_MERGE, 0, "-FFF-- -ANN-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF--"},
	{"POST", "/api/v1/people/{id}/unmerge", NULL, NULL, T_MERGE, 0, "-FFF-- -ANN-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF--"},
	/* The NRM. Every victim of the fixtures already has a referral with a
	 * decision: another referral or decision is refused for that state (S).
	 * Only the First Responder (own) or the support provider (the partner,
	 * shared) asks for a reconsideration; only the force records its
	 * outcome (S: the first records it, the rest find it recorded). */
	{"POST", "/api/v1/nrm-referrals", NULL, B_REFERRAL, T_CASE, 0, "-FFFFF SSRRSR SSRRSR -SSRRS -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"GET", "/api/v1/nrm-referrals/{id}", NULL, NULL, T_REFERRAL, 0, "-FFF-F AANN-N AANN-N -AAN-A -AAN-A -FFF-F -NNN-A -FFF-F -FFF-F"},
	{"GET", "/api/v1/nrm-referrals/{id}/summary", NULL, NULL, T_REFERRAL, 0, ENTRY_READ},
	{"POST", "/api/v1/nrm-referrals/{id}/decisions", NULL, B_DECISION, T_REFERRAL, 0, "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"},
	/* Every first victim is an adult: a guardian referral is refused for
	 * that (S: 409) to those who record referrals and share. */
	{"POST", "/api/v1/nrm-referrals/{id}/guardian-referral", NULL, "{\"organisation_id\":\"{share_org}\",\"referred_on\":\"{today}\"}", T_REFERRAL, 0, "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"},
	{"POST", "/api/v1/nrm-referrals/{id}/reconsiderations", NULL, B_RECON, T_REFERRAL, 0, "-FFF-F AFNN-N AFNN-N -FFN-F -FFN-F -FFF-F -NNN-A -FFF-F -FFF-F"},
	{"POST", "/api/v1/nrm-referrals/{id}/reconsiderations/{request}/outcome", NULL, B_OUTCOME, T_RECON, 0, "-FFF-F -SNN-N -SNN-N -SSN-S -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"},
	{"POST", "/api/v1/duty-to-notify", NULL, B_DTN, T_CASE, 0, "-FFFFF AARRSR AARRSR -AARRA -FFFFF -FFFFF -FFFFF -FFFFF -FFFFF"},
	{"GET", "/api/v1/duty-to-notify/{id}", NULL, NULL, T_DTN, 0, ENTRY_READ},
	/* Suspects: s45, charging and orders; never safeguarding officers. */
	{"POST", "/api/v1/cases/{id}/people/{link}/s45-assessments", NULL, B_S45, T_SUSPECT, 0, SUSPECT_WRITE},
	{"POST", "/api/v1/cases/{id}/s45-assessments/{assessment}/approval", NULL, NULL, T_ASSESSMENT, 0, "-FFF-- AANN-- FFFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF--"},
	{"POST", "/api/v1/cases/{id}/people/{link}/charging-decisions", NULL, B_CHARGE, T_SUSPECT, 0, SUSPECT_WRITE},
	{"POST", "/api/v1/cases/{id}/orders", NULL, B_ORDER, T_CASE, 0, SUSPECT_WRITE},
	{"GET", "/api/v1/orders/{id}", NULL, NULL, T_ORDER, 0, "-FFF-- AANN-- AANN-- -FFF-- -AAN-- -FFF-- -FFF-- -FFF-- -FFF--"},
	{"POST", "/api/v1/orders/{id}/breaches", NULL, B_BREACH, T_ORDER, 0, SUSPECT_WRITE},
	/* Allocation: supervisors. Their own case is theirs already (S: 409). */
	{"GET", "/api/v1/cases/{id}/allocation-candidates", NULL, NULL, T_CASE, 0, "-FFF-F AANN-N FFFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"},
	{"POST", "/api/v1/cases/{id}/allocation", NULL, B_ALLOCATE, T_CASE, 0, "-FFF-F SANN-N FFFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"},
	/* Staff: everyone their own; supervisors and administrators the force's. */
	{"GET", "/api/v1/staff", NULL, NULL, T_NONE, 0, "A----- A----- A----- A----- A----- F----- F----- F----- F-----"},
	{"GET", "/api/v1/staff/{id}", NULL, NULL, T_STAFF, 0, STAFF_OWN_WRITE},
	{"PUT", "/api/v1/staff/{id}", NULL, B_STAFF, T_STAFF, F_IFMATCH, STAFF_ADMINISTER},
	{"POST", "/api/v1/staff/{id}/absences", NULL, B_ABSENCE, T_STAFF, 0, STAFF_OWN_WRITE},
	{"POST", "/api/v1/staff/{id}/training", NULL, B_TRAINING, T_STAFF, 0, STAFF_ADMINISTER},
	{"POST", "/api/v1/training/import", NULL, B_IMPORT, T_NONE, F_CSV, FORCE_STAFF},
	{"GET", "/api/v1/training/export", NULL, NULL, T_NONE, 0, FORCE_STAFF},
	{"GET", "/api/v1/training/compliance", NULL, NULL, T_NONE, 0, FORCE_STAFF},
	/* Figures: the caller's organisation only. */
	{"GET", "/api/v1/reports/allocation", NULL, NULL, T_NONE, 0, FIGURES},
	{"GET", "/api/v1/reports/allocation", "?format=csv&figure=training_by_team", NULL, T_NONE, 0, FIGURES},
	{"GET", "/api/v1/reports/casework", "?from=2025-01-01&to=2025-12-31", NULL, T_NONE, 0, FIGURES},
	{"GET", "/api/v1/reports/casework", "?format=csv", NULL, T_NONE, 0, FIGURES},
	{"GET", "/api/v1/reports/services", "?from=2025-01-01", NULL, T_NONE, 0, FIGURES},
	{"GET", "/api/v1/reports/outcomes", "?from=2025-01-01&to=2025-06-30", NULL, T_NONE, 0, FIGURES},
	{"GET", "/api/v1/reports/outcomes", "?format=csv", NULL, T_NONE, 0, FIGURES},
	/* Shares: the force shares a victim in the cases it writes; a partner
	 * reads only a live share naming its organisation (404 for any
	 * other). A suspect's part is never shared (409 to those who see it). */
	{"POST", "/api/v1/cases/{id}/people/{link}/shares", NULL, B_SHARE, T_VICTIM, 0, VICTIM_WRITE},
	{"GET", "/api/v1/cases/{id}/people/{link}/shares/preview", "?sections=identity", NULL, T_VICTIM, 0, VICTIM_WRITE},
	{"GET", "/api/v1/shares", NULL, NULL, T_NONE, 0, "F----- A----- A----- A----- F----- F----- A----- F----- F-----"},
	{"GET", "/api/v1/shares/{id}", NULL, NULL, T_SHARE, 0, "-FFF-F AANN-N AANN-N -AAN-A -FFF-F -FFF-F -NNN-A -FFF-F -FFF-F"},
	/* The same share as an HTCDS record: whoever reads the share. */
	{"GET", "/api/v1/shares/{id}/htcds", NULL, NULL, T_SHARE, 0, "-FFF-F AANN-N AANN-N -AAN-A -FFF-F -FFF-F -NNN-A -FFF-F -FFF-F"},
	/* Safeguarding plans. Each first victim has one already (S: 409); so
	 * does a suspect's part refuse one, to those who see it. */
	{"POST", "/api/v1/cases/{id}/people/{link}/safeguarding-plan", NULL, "{}", T_VICTIM, 0, "-FFFFF SSNNSN SSNNSN -SSNNS -FFFFF -FFFFF -NNNNN -FFFFF -FFFFF"},
	{"GET", "/api/v1/safeguarding-plans/{id}", NULL, NULL, T_PLAN, 0, PLAN_READ},
	{"PATCH", "/api/v1/safeguarding-plans/{id}", NULL, B_PLAN_PATCH, T_PLAN, F_IFMATCH, PLAN_FORCE},
	{"POST", "/api/v1/safeguarding-plans/{id}/risks", NULL, B_RISK, T_PLAN, 0, PLAN_FORCE},
	{"PATCH", "/api/v1/safeguarding-plans/{id}/risks/{risk}", NULL, B_RISK_PATCH, T_PLAN, 0, PLAN_FORCE},
	{"POST", "/api/v1/safeguarding-plans/{id}/actions", NULL, B_ACTION, T_PLAN, 0, PLAN_FORCE},
	{"PATCH", "/api/v1/safeguarding-plans/{id}/actions/{action}", NULL, B_ACTION_PATCH, T_PLAN, F_IFMATCH, PLAN_STATE},
	{"POST", "/api/v1/safeguarding-plans/{id}/notes", NULL, B_PLAN_NOTE, T_PLAN, 0, PLAN_WORK},
	{"POST", "/api/v1/safeguarding-plans/{id}/child-protection", NULL, B_CP_STEP, T_PLAN, 0, PLAN_STATE},
	/* Missing people. The first victim is missing already (S: 409; the
	 * suspect-only person's first report succeeds); an adult is owed no
	 * return home interview (S: 409, the partner's too, offered by its own
	 * organisation). Reviews come before the return that ends them. */
	{"POST", "/api/v1/people/{id}/missing-episodes", NULL, B_MISSING, T_PERSON, 0, "-FFFFF SSNNSN SSNNSN -SSNNS -FFFFF -FFFFF -NNNNF -FFFFF -FFFFF"},
	{"GET", "/api/v1/people/{id}/missing-episodes", NULL, NULL, T_PERSON, 0, "-FFFFF AANNAN AANNAN -AANNA -AANAA -FFFFF -NNNNA -FFFFF -FFFFF"},
	{"POST", "/api/v1/people/{id}/exploitation-screenings", NULL, B_SCREENING, T_PERSON, 0, "-FFFFF AANNAN AANNAN -AANNA -FFFFF -FFFFF -NNNNF -FFFFF -FFFFF"},
	{"GET", "/api/v1/missing-episodes", "?status=missing", NULL, T_NONE, 0, "F----- A----- A----- A----- A----- F----- A----- F----- F-----"},
	{"GET", "/api/v1/missing-episodes/{id}", NULL, NULL, T_EPISODE, 0, MISSING_READ},
	{"POST", "/api/v1/missing-episodes/{id}/entries", NULL, "{\"kind\":\"enquiry\",\"at\":\"{now}\",\"detail\":\"Checked by the authorisation matrix\"}", T_EPISODE, 0, MISSING_FORCE},
	{"POST", "/api/v1/missing-episodes/{id}/associations", NULL, "{\"place\":\"Matrix Park\"}", T_EPISODE, 0, MISSING_FORCE},
	{"POST", "/api/v1/missing-episodes/{id}/risk-reviews", NULL, B_MISSING_REVIEW, T_EPISODE, 0, MISSING_STATE},
	{"POST", "/api/v1/missing-episodes/{id}/return", NULL, B_MISSING_RETURN, T_EPISODE, 0, MISSING_STATE},
	{"POST", "/api/v1/missing-episodes/{id}/safe-and-well", NULL, B_SAFE_WELL, T_EPISODE, 0, MISSING_STATE},
	{"POST", "/api/v1/missing-episodes/{id}/return-interview", NULL, B_RHI, T_EPISODE, 0, "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -NNN-S -FFF-F -FFF-F"},
	/* The hot spots, for those who read every episode of their force. A
	 * profile as the person's missing episodes are reached; every
	 * bundle's people are adults, whose profiles (kept while they were
	 * children) are read, and a save is refused (S: 409) past the wall. A
	 * partner reaches one only through a share on the child_safeguarding
	 * basis, which no bundle has. */
	{"GET", "/api/v1/missing/hot-spots", NULL, NULL, T_NONE, 0, "F----- F----- F----- A----- A----- F----- F----- F----- F-----"},
	{"GET", "/api/v1/people/{id}/missing-profile", NULL, NULL, T_PERSON, 0, "-FFFFF AANNAN AANNAN -AANNA -AANAA -FFFFF -NNNNN -FFFFF -FFFFF"},
	{"PUT", "/api/v1/people/{id}/missing-profile", NULL, B_PROFILE, T_PERSON, F_IFMATCH, "-FFFFF SSNNSN SSNNSN -SSNNS -FFFFF -FFFFF -NNNNN -FFFFF -FFFFF"},
	/* The profile through a share: every bundle's share rests on consent,
	 * so a partner reaches no profile by it; the force as it reaches the
	 * share's person. */
	{"GET", "/api/v1/shares/{id}/missing-profile", NULL, NULL, T_SHARE, 0, "-FFF-F AANN-N AANN-N -AAN-A -AAN-A -FFF-F -NNN-N -FFF-F -FFF-F"},
	{"PUT", "/api/v1/shares/{id}/missing-profile", NULL, B_PROFILE, T_SHARE, F_IFMATCH, "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -NNN-N -FFF-F -FFF-F"},
	/* Go bags. A delivery naming the other force's location is answered as
	 * one naming no location (R). A bag is given to a victim from the
	 * caller's force's location; a suspect's part refuses one (S: 409). */
	{"GET", "/api/v1/go-bags/locations", NULL, NULL, T_NONE, 0, GO_BAG_READ},
	{"POST", "/api/v1/go-bags/locations", NULL, B_GO_BAG_LOCATION, T_NONE, 0, GO_BAG_KEEP},
	{"GET", "/api/v1/go-bags/locations/{id}", NULL, NULL, T_LOCATION, 0, GO_BAG_LOCATION_READ},
	{"PATCH", "/api/v1/go-bags/locations/{id}", NULL, "{\"reorder_level\":1}", T_LOCATION, F_IFMATCH, GO_BAG_LOCATION_KEEP},
	{"POST", "/api/v1/go-bags/deliveries", NULL, B_GO_BAG_DELIVERY, T_LOCATION, 0, "A--R-- F--F-- F--F-- F--F-- F--F-- A--R-- F--F-- F--F-- F--F--"},
	{"GET", "/api/v1/go-bags/stock", NULL, NULL, T_NONE, 0, GO_BAG_READ},
	{"POST", "/api/v1/cases/{id}/people/{link}/go-bags", NULL, B_GO_BAG_ISSUE, T_VICTIM, 0, VICTIM_WRITE},
	/* Documents: uploaded to a case, read as entries are (a partner: only
	 * what a live share names), deleted last. */
	{"POST", "/api/v1/cases/{id}/documents", NULL, NULL, T_CASE, F_UPLOAD, DOC_WRITE},
	{"GET", "/api/v1/cases/{id}/documents", NULL, NULL, T_CASE, 0, DOC_READ},
	{"GET", "/api/v1/documents/{id}", NULL, NULL, T_DOCUMENT, 0, DOC_READ},
	{"GET", "/api/v1/documents/{id}/content", NULL, NULL, T_DOCUMENT, 0, DOC_READ},
	{"GET", "/api/v1/documents/{id}/thumbnail", NULL, NULL, T_DOCUMENT, 0, DOC_READ},
	{"DELETE", "/api/v1/documents/{id}", NULL, B_DOC_DELETE, T_DOCUMENT, F_IFMATCH, DOC_DELETE},
	{"GET", "/api/v1/settings/documents", NULL, NULL, T_NONE, 0, ONLY_ADMIN},
	{"PUT", "/api/v1/settings/documents", NULL, B_DOC_LIMIT, T_NONE, F_IFMATCH, ONLY_ADMIN},
	{"GET", "/api/v1/settings/missing", NULL, NULL, T_NONE, 0, ONLY_ADMIN},
	{"PUT", "/api/v1/settings/missing", NULL, B_MISSING_SETTINGS, T_NONE, F_IFMATCH, ONLY_ADMIN},
	{"POST", "/api/v1/shares/{id}/extension", NULL, B_EXTEND, T_SHARE, 0, SHARE_CHANGE},
	{"DELETE", "/api/v1/shares/{id}", NULL, B_REVOKE, T_SHARE, 0, SHARE_CHANGE},
	/* Near the end: a withdrawal ends a referral to a service, and with
	 * it the partner's part as the victim's support provider (S: the first
	 * withdraws, the rest find it withdrawn; a provider never withdraws). */
	{"POST", "/api/v1/service-referrals/{id}/status", NULL, B_WITHDRAW_SREF, T_SREF, F_IFMATCH, "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -NNN-F -FFF-F -FFF-F"},
	/* Victims' feedback: an officer who records for the victim invites it;
	 * the raw comments are read and redacted by those who hold feedback
	 * (supervisors and safeguarding officers, of their force's comments;
	 * the first redaction takes, the rest find it done: S, 409 or 412);
	 * the figures are figures. */
	{"POST", "/api/v1/cases/{id}/people/{link}/feedback-invitations", NULL, "{\"language\":\"sq\"}", T_VICTIM, 0, VICTIM_WRITE},
	{"GET", "/api/v1/feedback/comments", NULL, NULL, T_NONE, 0, "F----- A----- F----- A----- F----- F----- F----- F----- F-----"},
	{"GET", "/api/v1/feedback/comments", "?state=awaiting_redaction", NULL, T_NONE, 0, "F----- A----- F----- A----- F----- F----- F----- F----- F-----"},
	{"POST", "/api/v1/feedback/comments/{id}/redaction", NULL, "{\"text\":\"[name] checked by the matrix\"}", T_COMMENT, F_IFMATCH, "-FFF-- -SSN-- -FFF-- -SSN-- -FFF-- -FFF-- -FFF-- -FFF-- -FFF--"},
	{"GET", "/api/v1/reports/feedback", NULL, NULL, T_NONE, 0, FIGURES},
	/* Row-level exports, even k-anonymous, are an analyst's only. */
	{"GET", "/api/v1/exports/htcds", "?from=2020-01-01&to=2029-12-31", NULL, T_NONE, 0, MICRODATA},
	{"GET", "/api/v1/exports/htcds/summary", "?from=2020-01-01&to=2029-12-31", NULL, T_NONE, 0, MICRODATA},
	{"GET", "/api/v1/statistics", "?by=gender,nationality", NULL, T_NONE, 0, FIGURES},
	/* Retention, review and disposal (issue 21). */
	{"GET", "/api/v1/retention/rules", NULL, NULL, T_NONE, 0, ALL_OWN},
	{"PUT", "/api/v1/retention/rules", NULL, B_RULES, T_NONE, F_IFMATCH, ONLY_ADMIN},
	{"GET", "/api/v1/retention/worklist", NULL, NULL, T_NONE, 0, RETENTION_FORCE},
	{"GET", "/api/v1/reports/retention", NULL, NULL, T_NONE, 0, RETENTION_FORCE},
	{"GET", "/api/v1/disposals", NULL, NULL, T_NONE, 0, RETENTION_FORCE},
	{"GET", "/api/v1/cases/{id}/retention", NULL, NULL, T_CASE, 0, RETENTION_CASE},
	{"PUT", "/api/v1/cases/{id}/retention", NULL, B_RET_GROUP, T_CASE, F_IFMATCH, RETENTION_CASE},
	{"PUT", "/api/v1/cases/{id}/people/{person}/retention", NULL, B_RET_GROUP, T_CASE, F_IFMATCH, RETENTION_PERSON},
	{"POST", "/api/v1/cases/{id}/reviews", NULL, B_RETAIN, T_CASE, 0, RETENTION_CASE},
	{"POST", "/api/v1/cases/{id}/holds", NULL, B_HOLD, T_CASE, 0, RETENTION_CASE},
	{"DELETE", "/api/v1/holds/{id}", NULL, B_HOLD_LIFT, T_HOLD, F_IFMATCH, RETENTION_CASE},
	/* Subject requests (issue 21): a records manager's, of their own force
	 * (the other force's: 404, or 422 on person_id as for one that does not
	 * exist); 403 for every other role whatever the record. Each cell is a
	 * request or person of its own, so each is allowed once: one request
	 * extended, another closed (If-Match: the version it was opened at); erasure refused (the requester is in a case), which
	 * closes it; restricted, then lifted. */
	{"POST", "/api/v1/subject-requests", NULL, B_SREQ, T_REQUESTER, 0, SREQ_CREATE},
	{"GET", "/api/v1/subject-requests", NULL, NULL, T_NONE, 0, SREQ_LIST},
	{"GET", "/api/v1/subject-requests", "?status=open", NULL, T_NONE, 0, SREQ_LIST},
	{"GET", "/api/v1/subject-requests/{id}", NULL, NULL, T_SREQ, 0, SREQ_RECORD},
	{"POST", "/api/v1/subject-requests/{id}/extension", NULL, B_SREQ_EXTEND, T_SREQ, F_IFMATCH, SREQ_RECORD},
	{"POST", "/api/v1/subject-requests/{id}/close", NULL, B_SREQ_CLOSE, T_SREQ_CLOSE, F_IFMATCH, SREQ_RECORD},
	{"POST", "/api/v1/subject-requests/{id}/erasure", NULL, NULL, T_SREQ_ERASURE, 0, SREQ_RECORD},
	{"POST", "/api/v1/people/{id}/rectifications", NULL, B_SREQ_RECTIFY, T_REQUESTER, 0, SREQ_RECORD},
	{"POST", "/api/v1/people/{id}/restriction", NULL, B_SREQ_RESTRICT, T_REQUESTER, 0, SREQ_RECORD},
	{"DELETE", "/api/v1/people/{id}/restriction", NULL, "{\"reason\":\"Checked by the matrix\"}", T_REQUESTER, 0, SREQ_RECORD},
	/* Access bundles (issue 21): a records manager's, of their own force
	 * (another force's: 404); nobody else's (403). Each request's bundle is
	 * assembled at setup, so assembling again finds it (S: 409); an item's
	 * decision takes the version it had (S: a repeat 412 or, once released,
	 * 409); release and the downloads answer as the bundle's state allows
	 * (S: 409 while a redaction is proposed, or before release). */
	{"POST", "/api/v1/subject-requests/{id}/bundle", NULL, NULL, T_BUNDLE_REQUEST, 0, BUNDLE_STATE},
	{"GET", "/api/v1/subject-requests/{id}/bundle", NULL, NULL, T_BUNDLE_REQUEST, 0, BUNDLE_READ},
	{"PATCH", "/api/v1/subject-requests/{id}/bundle/items/{item}", NULL, "{\"exemption\":null}", T_BUNDLE_REQUEST, F_IFMATCH, BUNDLE_STATE},
	{"POST", "/api/v1/subject-requests/{id}/bundle/release", NULL, NULL, T_BUNDLE_REQUEST, 0, BUNDLE_STATE},
	{"GET", "/api/v1/subject-requests/{id}/bundle.pdf", NULL, NULL, T_BUNDLE_REQUEST, 0, BUNDLE_STATE},
	{"GET", "/api/v1/subject-requests/{id}/bundle.json", NULL, NULL, T_BUNDLE_REQUEST, 0, BUNDLE_STATE},
	/* Keep last: a withdrawal ends the referrals' lives (S: the first
	 * withdraws, the rest find it withdrawn). */
	{"POST", "/api/v1/nrm-referrals/{id}/withdrawal", NULL, B_WITHDRAW, T_REFERRAL, 0, "-FFF-F SSNN-N SSNN-N -SSN-S -FFF-F -FFF-F -FFF-F -FFF-F -FFF-F"},
};
/* clang-format on */
#define NROWS (sizeof table / sizeof table[0])

/* ---- the records ---- */

/* A case of one relationship with everything in it: two potential victims
 * (one referred to the NRM with a Reasonable Grounds decision, one an adult
 * notified without consent), a suspect-only person with an order and an s45
 * assessment, an indicator, a plain and a sealed note. */
typedef struct bundle {
	const char *tag;          /* in names and titles: "Teamcase" */
	char vis[NROLES + 1];     /* who may see it, by role: 'y' */
	char sus_vis[NROLES + 1]; /* who may see its suspect */
	client *reader;           /* reads it, for versions */
	char case_id[64], reference[32], title[64], team_id[64];
	char v1[64], l1[64], v2[64], l2[64], su[64], ls[64];
	char referral[64], recon[64], dtn[64], order[64], assessment[64];
	char v3[64], l3[64], referral2[64], recon2[64]; /* the shared case's second referral */
	char m1[64], m2[64]; /* people in no case, recorded by the team */
	const char *share_org;  /* the partner organisation its share names */
	char share[64];         /* a share of v1 with it, on consent */
	const char *action_org; /* the organisation owning its plan's action */
	char plan[64], risk[64], action[64]; /* v1's safeguarding plan, a risk and an action */
	char episode[64];                    /* v1's missing episode, open */
	const char *service; /* the service its share's organisation gives */
	char sref[64];       /* v1's referral to it */
	/* Selectors every bundle's case shares: a phone about v1, a sealed
	 * email, a vehicle about the suspect; and a link notice whose unraised
	 * side is this case. */
	char sel_phone[64], sel_sealed[64], sel_suspect[64], sel_postcode[64], notice[32];
	char document[64]; /* a photograph of v1, named by its share */
	char hold[64];     /* a legal hold on its case (issue 21) */
	char access_req[64], access_item[64]; /* an access request and its bundle's first item (T_BUNDLE_REQUEST) */
	/* Subject requests: a person of a case of their own, and their requests. */
	char requester[64], sreq[64], sreq_close[64], sreq_erasure[64], sreq_rect[64], sreq_restrict[64];
} bundle;

static server srv;
static client *as[NROLES];
static char uid[NROLES][64];
static client *emt_maker, *sup2, *inv2, *oth_inv, *oth_admin, *oth_rm;
static char id_emt_maker[64], id_inv2[64], id_oth_inv[64], id_emt_target[64], id_cid_target[64],
    id_oth_target[64];
static char team_emt[64], team_cid[64], team_oth[64], hope[64], haven[64], oth_partner[64];
static char opcc_own[64], opcc_oth[64]; /* Commissioner's offices hosted by each force */
/* Services: the force's given by Haven, the Commissioner's given by Hope,
 * the other force's given by its partner. */
static char svc_haven[64], svc_hope[64], svc_oth[64];
static char comment_own[64], comment_oth[64]; /* a victim's comment to each force, awaiting redaction */
static char loc_own[64], loc_oth[64];   /* Go bag locations of each force, the first stocked */
static char org_own[64], org_oth[64];   /* Test Constabulary, Other Constabulary */
static char today[DATE_LEN], later[DATE_LEN], soon[DATE_LEN];
static bundle b_invown = {.tag = "Ownlead"}, b_supown = {.tag = "Suplead"},
              b_team = {.tag = "Teamcase"}, b_cid = {.tag = "Cidcase"},
              b_other = {.tag = "Otherforce"}, b_shared = {.tag = "Shared"};

/* Strings that must show only to those who may see their record. */
typedef struct marker {
	char text[96];
	char vis[NROLES + 1];
	const bundle *sealed; /* a sealed value of this bundle: only where revealed */
} marker;
static marker markers[320];
static int nmarkers;

static void mark(const char *text, const char *vis, const bundle *sealed)
{
	if (!text[0] || nmarkers == (int)(sizeof markers / sizeof markers[0]))
		fail_msg("marker %s: empty, or too many markers", text);
	snprintf(markers[nmarkers].text, sizeof markers[nmarkers].text, "%s", text);
	snprintf(markers[nmarkers].vis, sizeof markers[nmarkers].vis, "%s", vis);
	markers[nmarkers++].sealed = sealed;
}

/* ---- setting up ---- */

static resp *must(client *c, const char *method, const char *path, const char *body, long status)
{
	resp *r = client_req(c, method, path, body, NULL);
	if (r->status != status)
		fail_msg("setting up: %s %s answered %ld, not %ld: %s", method, path, r->status,
		         status, r->body ? r->body : "");
	return r;
}

static void copy_str(char *out, size_t n, json_t *v)
{
	snprintf(out, n, "%s", json_is_string(v) ? json_string_value(v) : "");
	if (!out[0])
		fail_msg("setting up: an answer without the value looked for");
}

/* POSTs and keeps the answer's id. */
static void post_id(client *c, const char *path, const char *body, char out[64])
{
	resp *r = must(c, "POST", path, body, 201);
	copy_str(out, 64, json_object_get(r->json, "id"));
	resp_free(r);
}

static int add_account(const char *name, const char *role, const char *org, const char *team,
                       const char *display)
{
	const char *args[] = {
	    "user",           "add",   "--username",           name, "--role", role, "--org", org,
	    "--display-name", display, team ? "--team" : NULL, team, NULL};
	return run_waymark(&srv, TEST_PASSWORD "\n", NULL, 0, args);
}

/* A signed-in client; its user id and team id, when wanted. */
static client *sign_in(const char *name, char *id, char *team)
{
	client *c = client_new(&srv);
	if (client_login(c, name, TEST_PASSWORD) != 201)
		fail_msg("setting up: %s cannot sign in", name);
	resp *r = must(c, "GET", "/api/v1/me", NULL, 200);
	json_t *u = json_object_get(r->json, "user");
	if (id)
		copy_str(id, 64, json_object_get(u, "id"));
	if (team)
		copy_str(team, 64, json_object_get(json_object_get(u, "team"), "id"));
	resp_free(r);
	return c;
}

static void allocate(client *c, const char *case_id, const char *user_id)
{
	char path[128], body[256];
	snprintf(path, sizeof path, "/api/v1/cases/%s/allocation", case_id);
	snprintf(body, sizeof body,
	         "{\"user_id\":\"%s\",\"override_reason\":\"Setting up the matrix\"}", user_id);
	resp_free(must(c, "POST", path, body, 201));
}

/* A person recorded by c and given a part in the bundle's case. */
static void person_in_case(client *c, const bundle *b, const char *given, const char *family,
                           const char *dob, const char *extra, const char *role, char id[64],
                           char link[64])
{
	char body[512], path[128];
	snprintf(body, sizeof body,
	         "{\"given_names\":\"%s\",\"family_name\":\"%s\",\"date_of_birth\":\"%s\"%s}",
	         given, family, dob, extra);
	post_id(c, "/api/v1/people", body, id);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", b->case_id);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"%s\"}", id, role);
	post_id(c, path, body, link);
}

/* Refers the person with consent, records a negative Reasonable Grounds
 * decision, and (recon not NULL) asks for it to be reconsidered. */
/* A missing profile of the person, as if kept while they were a child: an
 * adult's can be read, no longer saved. */
static void kept_profile(const char *person)
{
	const char *p[] = {person};
	server_db_run(&srv,
	              "INSERT INTO missing_profiles (person_id, phones, associates, places_frequented, placement, "
	              "org_id, updated_by, updated_at) SELECT p.id, '[]', '[]', '[]', 'Kept by the matrix', u.org_id, "
	              "u.id, p.created_at FROM people p JOIN users u ON u.id = p.created_by WHERE p.id = $1",
	              1, p);
}

static void refer(client *c, const bundle *b, const char *person, char out[64], char *recon)
{
	char body[512], path[160];
	snprintf(body, sizeof body,
	         "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\",\"consent\":{"
	         "\"given\":true,"
	         "\"method\":\"signed form\",\"language\":\"en\"}}",
	         b->case_id, person, today);
	post_id(c, "/api/v1/nrm-referrals", body, out);
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/decisions", out);
	snprintf(
	    body, sizeof body,
	    "{\"stage\":\"reasonable_grounds\",\"outcome\":\"negative\",\"decided_on\":\"%s\"}",
	    today);
	resp_free(must(c, "POST", path, body, 200));
	if (!recon)
		return;
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/reconsiderations", out);
	snprintf(body, sizeof body,
	         "{\"stage\":\"reasonable_grounds\",\"requested_on\":\"%s\",\"reasons\":\"Setting "
	         "up the matrix\"}",
	         today);
	resp *r = must(c, "POST", path, body, 201);
	copy_str(
	    recon, 64,
	    json_object_get(json_array_get(json_object_get(r->json, "reconsiderations"), 0), "id"));
	resp_free(r);
}

/* Refers the part to the bundle's service, with the person's consent to
 * share for support, as c. */
static void refer_to_service(client *c, const bundle *b, const char *person, const char *link, char out[64])
{
	char body[256], path[192];
	snprintf(path, sizeof path, "/api/v1/people/%s/consent", person);
	resp_free(must(c, "PUT", path, B_CONSENT, 200));
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/service-referrals", b->case_id, link);
	snprintf(body, sizeof body,
	         "{\"service_id\":\"%s\",\"need\":\"Setting up the matrix\",\"urgency\":\"routine\"}",
	         b->service);
	post_id(c, path, body, out);
}

/* Makes the bundle: maker records it in their team; owner (when given) is
 * allocated the case by allocator and makes the referral; otherwise the
 * maker does. recon: ask for a reconsideration at setup; shared: the
 * victims are supported by the partner's organisation. */
/* A real 4x4 PNG. */
static const char PHOTO[] =
	"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x04"
	"\x08\x02\x00\x00\x00\x26\x93\x09\x29\x00\x00\x00\x10\x49\x44\x41\x54\x78\xda\x63\x38\xa1\xa1"
	"\x01\x47\x0c\xc4\x71\x00\xd1\x43\x11\x81\xa0\xd3\x6e\x64\x00\x00\x00\x00\x49\x45\x4e\x44\xae"
	"\x42\x60\x82";

/* Uploads the photograph to path (a case's documents) as c, with headers
 * (NULL-terminated, or NULL) besides the form's. The caller frees the answer. */
static resp *upload_photo_with(client *c, const char *path, const char *const *headers)
{
	static const char head[] =
		"--wmMatrix\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nphotograph\r\n"
		"--wmMatrix\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nMatrix photograph\r\n"
		"--wmMatrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"matrix.png\"\r\n\r\n";
	static const char tail[] = "\r\n--wmMatrix--\r\n";
	char body[sizeof head + sizeof PHOTO + sizeof tail];
	size_t n = 0;
	memcpy(body, head, sizeof head - 1);
	n += sizeof head - 1;
	memcpy(body + n, PHOTO, sizeof PHOTO - 1);
	n += sizeof PHOTO - 1;
	memcpy(body + n, tail, sizeof tail - 1);
	n += sizeof tail - 1;
	const char *all[6] = {"Content-Type: multipart/form-data; boundary=wmMatrix"};
	for (int i = 0; headers && headers[i] && i < 4; i++)
		all[i + 1] = headers[i];
	return client_raw(c, "POST", path, body, n, all);
}

static resp *upload_photo(client *c, const char *path)
{
	return upload_photo_with(c, path, NULL);
}

static void make_bundle(bundle *b, const char *vis, client *maker, client *owner,
                        const char *owner_id, client *allocator, int recon, int shared)
{
	char body[512], path[192], name[64], sealed[80];
	snprintf(b->vis, sizeof b->vis, "%s", vis);
	snprintf(b->sus_vis, sizeof b->sus_vis, "%s", vis);
	b->sus_vis[SG] = 'n'; /* safeguarding officers never see suspects */
	b->reader = owner ? owner : maker;
	snprintf(b->title, sizeof b->title, "Quillon %s Marker", b->tag);
	snprintf(body, sizeof body,
	         "{\"title\":\"%s\",\"summary\":\"Car wash\",\"exploitation_types\":[\"labour\"]}",
	         b->title);
	resp *r = must(maker, "POST", "/api/v1/cases", body, 201);
	copy_str(b->case_id, sizeof b->case_id, json_object_get(r->json, "id"));
	copy_str(b->reference, sizeof b->reference, json_object_get(r->json, "reference"));
	copy_str(b->team_id, sizeof b->team_id,
	         json_object_get(json_object_get(r->json, "team"), "id"));
	resp_free(r);
	if (owner)
		allocate(allocator, b->case_id, owner_id);
	snprintf(name, sizeof name, "Zanetti-%s", b->tag);
	snprintf(sealed, sizeof sealed, ",\"immigration_status\":\"Sealed-%s-Status\"", b->tag);
	person_in_case(maker, b, "Alba", name, "1990-04-04", sealed, "potential_victim", b->v1,
	               b->l1);
	snprintf(name, sizeof name, "Ostrova-%s", b->tag);
	person_in_case(maker, b, "Marta", name, "1988-02-02", "", "potential_victim", b->v2, b->l2);
	snprintf(name, sizeof name, "Brenner-%s", b->tag);
	person_in_case(maker, b, "Dario", name, "1980-01-01", "", "suspect", b->su, b->ls);
	kept_profile(b->v1);
	kept_profile(b->su);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/indicators", b->case_id, b->l1);
	char id[64];
	post_id(maker, path, "{\"code\":\"physical_injuries\"}", id);
	snprintf(path, sizeof path, "/api/v1/cases/%s/notes", b->case_id);
	snprintf(body, sizeof body, "{\"text\":\"Plain-%s-Note\"}", b->tag);
	post_id(maker, path, body, id);
	snprintf(body, sizeof body, "{\"text\":\"Sealed-%s-Note\",\"sealed\":true}", b->tag);
	post_id(maker, path, body, id);
	refer(owner ? owner : maker, b, b->v1, b->referral, recon ? b->recon : NULL);
	/* A photograph of the first victim, which its share names. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", b->case_id);
	resp *up = upload_photo(b->reader, path);
	if (up->status != 201)
		fail_msg("POST %s: %ld %s", path, up->status, up->body ? up->body : "");
	copy_str(b->document, sizeof b->document, json_object_get(up->json, "id"));
	resp_free(up);
	/* The first victim consents to share for support, and is shared. */
	snprintf(path, sizeof path, "/api/v1/people/%s/consent", b->v1);
	resp_free(must(b->reader, "PUT", path, B_CONSENT, 200));
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", b->case_id, b->l1);
	snprintf(body, sizeof body,
	         "{\"organisation_id\":\"%s\",\"sections\":[\"identity\",\"nrm\",\"safeguarding_plan\",\"missing\"],\"purpose\":\"support\","
	         "\"basis\":\"consent\",\"expires_on\":\"%s\",\"documents\":[\"%s\"]}",
	         b->share_org, soon, b->document);
	post_id(b->reader, path, body, b->share);
	/* v1 is referred to the service its share's organisation gives. */
	refer_to_service(b->reader, b, b->v1, b->l1, b->sref);
	/* v1's safeguarding plan, with a risk and an action. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/safeguarding-plan", b->case_id, b->l1);
	post_id(b->reader, path, "{\"agencies\":[\"Wiltshire Council\"]}", b->plan);
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/risks", b->plan);
	post_id(b->reader, path, "{\"description\":\"Setting up the matrix\",\"level\":\"high\"}", b->risk);
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/actions", b->plan);
	snprintf(body, sizeof body,
	         "{\"description\":\"Setting up the matrix\",\"owner_organisation_id\":\"%s\",\"due_on\":\"%s\"}",
	         b->action_org, later);
	post_id(b->reader, path, body, b->action);
	/* v1 went missing two hours ago, reported by the reader. */
	char seen[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() - 2 * 3600 * 1000, seen);
	snprintf(path, sizeof path, "/api/v1/people/%s/missing-episodes", b->v1);
	snprintf(body, sizeof body,
	         "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"Quillon %s Park\","
	         "\"risk\":\"medium\"}",
	         seen, seen, b->tag);
	post_id(b->reader, path, body, b->episode);
	snprintf(body, sizeof body,
	         "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"%s\"}", b->case_id,
	         b->v2, today);
	post_id(maker, "/api/v1/duty-to-notify", body, b->dtn);
	/* An interim order ending within the worklist's notice. */
	snprintf(path, sizeof path, "/api/v1/cases/%s/orders", b->case_id);
	snprintf(body, sizeof body,
	         "{\"person_id\":\"%s\",\"kind\":\"interim_stpo\",\"court\":\"Swindon "
	         "Magistrates\",\"applicant\":"
	         "\"police\",\"made_on\":\"%s\",\"expires_on\":\"%s\",\"prohibitions\":[\"No "
	         "contact\"]}",
	         b->su, today, soon);
	post_id(maker, path, body, b->order);
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/s45-assessments", b->case_id,
	         b->ls);
	snprintf(body, sizeof body,
	         "{\"offence\":\"Theft\",\"offence_date\":\"%s\",\"compelled\":false,\"no_"
	         "realistic_alternative\":false,"
	         "\"reasons\":\"Setting up the matrix\"}",
	         today);
	post_id(maker, path, body, b->assessment);
	snprintf(path, sizeof path, "/api/v1/cases/%s/selectors", b->case_id);
	snprintf(body, sizeof body,
	         "{\"kind\":\"phone\",\"value\":\"07700 900888\",\"about_person_id\":\"%s\",\"context\":"
	         "\"Plain-%s-Selctx\"}",
	         b->v1, b->tag);
	post_id(maker, path, body, b->sel_phone);
	snprintf(body, sizeof body,
	         "{\"kind\":\"email\",\"value\":\"matrix.sealed@example.org\",\"sealed\":true,\"context\":"
	         "\"Sealed-%s-Selector\"}",
	         b->tag);
	post_id(maker, path, body, b->sel_sealed);
	snprintf(body, sizeof body,
	         "{\"kind\":\"vehicle\",\"value\":\"MX70 ABC\",\"about_person_id\":\"%s\",\"context\":"
	         "\"Suspect-%s-Selctx\"}",
	         b->su, b->tag);
	post_id(maker, path, body, b->sel_suspect);
	if (shared) {
		snprintf(name, sizeof name, "Zanetti-%stwo", b->tag);
		person_in_case(maker, b, "Ines", name, "1992-06-06", "", "potential_victim", b->v3,
		               b->l3);
		char sref[64];
		refer_to_service(maker, b, b->v3, b->l3, sref);
		refer(maker, b, b->v3, b->referral2, b->recon2);
	}
}

/* An access request (issue 21) by a person maker records, in no case,
 * kept as the requests' own route keeps it, for the force of the maker's
 * team; its bundle assembled by rm unless NULL. */
static void access_request(client *maker, bundle *b, client *rm)
{
	char body[160], person[64], now[CLOCK_ISO_LEN];
	snprintf(body, sizeof body, "{\"given_names\":\"Quinta\",\"family_name\":\"Asker-%s\"}", b->tag);
	post_id(maker, "/api/v1/people", body, person);
	snprintf(b->access_req, sizeof b->access_req, "%08x-%04x-4%03x-a%03x-%08x%04x", (unsigned)rand(), (unsigned)rand() & 0xffff,
	         (unsigned)rand() & 0xfff, (unsigned)rand() & 0xfff, (unsigned)rand(), (unsigned)rand() & 0xffff);
	clock_now_iso(now);
	const char *p[] = {b->access_req, person, today, now};
	server_db_run(&srv,
	              "INSERT INTO subject_requests (id, org_id, person_id, kind, regime, received_on, "
	              "identity_verified_on, channel, due_on, created_by, created_at, updated_at) SELECT $1, t.org_id, "
	              "p.id, 'access', 'part3', $3, $3, 'letter', $3, p.created_by, $4, $4 FROM people p "
	              "JOIN teams t ON t.id = p.team_id WHERE p.id = $2",
	              4, p);
	if (!rm)
		return;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/bundle", b->access_req);
	resp *r = must(rm, "POST", path, NULL, 201);
	copy_str(b->access_item, sizeof b->access_item,
	         json_object_get(json_array_get(json_object_get(r->json, "items"), 0), "id"));
	resp_free(r);
}

/* Two people in no case, recorded by c's team, to merge. */
static void merge_pair(client *c, bundle *b)
{
	char body[160];
	snprintf(body, sizeof body, "{\"given_names\":\"Cosmin\",\"family_name\":\"Merge-%sone\"}",
	         b->tag);
	post_id(c, "/api/v1/people", body, b->m1);
	snprintf(body, sizeof body, "{\"given_names\":\"Cosmin\",\"family_name\":\"Merge-%stwo\"}",
	         b->tag);
	post_id(c, "/api/v1/people", body, b->m2);
}

/* A member of staff with a rank that shows only in their staff record, and
 * a training record that counts in the figures. */
static void staff_profile(client *admin, const char *user_id, const char *rank)
{
	char path[128], body[256];
	const char *zero[] = {"If-Match: \"0\"", NULL};
	snprintf(path, sizeof path, "/api/v1/staff/%s", user_id);
	snprintf(
	    body, sizeof body,
	    "{\"rank\":\"%s\",\"pip_level\":2,\"pip_accredited_on\":\"2020-01-01\",\"capacity\":10,"
	    "\"languages\":[]}",
	    rank);
	resp *r = client_req(admin, "PUT", path, body, zero);
	if (r->status != 200)
		fail_msg("setting up: staff profile %s: %ld %s", user_id, r->status,
		         r->body ? r->body : "");
	resp_free(r);
	snprintf(path, sizeof path, "/api/v1/staff/%s/training", user_id);
	post_id(admin, path,
	        "{\"course\":\"msht_awareness\",\"provider\":\"College of "
	        "Policing\",\"completed_on\":\"2025-01-10\"}",
	        body);
}

static void mark_bundle(const bundle *b)
{
	char text[96];
	const char *v = b->vis, *sv = b->sus_vis;
	const char *pieces[] = {b->case_id,   b->reference, b->title, b->v1,  b->l1, b->v2,
	                        b->l2,        b->referral,  b->recon, b->dtn, b->v3, b->l3,
	                        b->referral2, b->recon2,    b->m1,    b->m2,  b->share,
	                        b->plan,      b->risk,      b->action,   b->episode,  b->sref,
	                        b->sel_phone, b->sel_sealed, b->sel_postcode};
	for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++)
		if (pieces[i][0])
			mark(pieces[i], v, NULL);
	static const char *const names[][2] = {{"Zanetti-", ""},    {"Ostrova-", ""},
	                                       {"Plain-", "-Note"}, {"Merge-", "one"},
	                                       {"Merge-", "two"},   {"Zanetti-", "two"}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(text, sizeof text, "%s%s%s", names[i][0], b->tag, names[i][1]);
		mark(text, v, NULL);
	}
	snprintf(text, sizeof text, "Plain-%s-Selctx", b->tag);
	mark(text, v, NULL);
	snprintf(text, sizeof text, "Suspect-%s-Selctx", b->tag);
	mark(text, sv, NULL);
	snprintf(text, sizeof text, "Sealed-%s-Selector", b->tag);
	mark(text, "nnnnnnnnn", b);
	const char *suspect[] = {b->su, b->ls, b->order, b->assessment, b->sel_suspect};
	for (size_t i = 0; i < sizeof suspect / sizeof suspect[0]; i++)
		mark(suspect[i], sv, NULL);
	snprintf(text, sizeof text, "Brenner-%s", b->tag);
	mark(text, sv, NULL);
	snprintf(text, sizeof text, "Sealed-%s-Status", b->tag);
	mark(text, "nnnnnnnnn", b);
	snprintf(text, sizeof text, "Sealed-%s-Note", b->tag);
	mark(text, "nnnnnnnnn", b);
}

/* A victim of the bundle invited by who, answering with the comment: the
 * comment's id (the only one of the organisation) in out. */
static void feedback_comment(client *who, const bundle *b, const char *text, const char *org, char out[64])
{
	char path[200], body[600];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/feedback-invitations", b->case_id, b->l1);
	resp *r = must(who, "POST", path, "{\"language\":\"en\"}", 201);
	snprintf(path, sizeof path, "/api/v1%s", json_string_value(json_object_get(r->json, "url")));
	resp_free(r);
	snprintf(body, sizeof body,
	         "{\"answers\":[{\"question\":\"safe\",\"score\":4},{\"question\":\"believed\",\"score\":4},"
	         "{\"question\":\"understood\",\"score\":4},{\"question\":\"told_support\",\"score\":4},"
	         "{\"question\":\"kept_updated\",\"score\":4},{\"question\":\"contact_again\",\"score\":4}],"
	         "\"comment\":\"%s\"}",
	         text);
	client *anon = client_new(&srv);
	resp_free(must(anon, "POST", path, body, 201));
	client_free(anon);
	snprintf(out, 64, "%s", server_db_text(&srv, "SELECT id FROM feedback_comments WHERE org_id = $1", org));
}

/* The number of the notice of the selector whose other side the
 * organisation named raised. */
static void notice_of(const char *selector, const char *raising_org, char out[32])
{
	char sql[600];
	snprintf(sql, sizeof sql,
	         "SELECT n.number FROM link_notices n JOIN selectors s ON s.id = n.raised_by_selector JOIN cases c ON "
	         "c.id = s.case_id JOIN teams t ON t.id = c.team_id JOIN orgs o ON o.id = t.org_id WHERE o.name = "
	         "'%s' AND (n.selector_lo = $1 OR n.selector_hi = $1) AND n.raised_by_selector <> $1",
	         raising_org);
	snprintf(out, 32, "%s", server_db_text(&srv, sql, selector));
}

/* The other force looks first, raising a notice against each of the
 * force's bundles; team EMT then looks at a postcode both it and the other
 * force recorded, raising one against the other force's case. */
static void link_notices(void)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/links", b_other.case_id);
	resp_free(must(oth_inv, "GET", path, NULL, 200));
	bundle *force[] = {&b_invown, &b_supown, &b_team, &b_cid, &b_shared};
	for (size_t i = 0; i < sizeof force / sizeof force[0]; i++)
		notice_of(force[i]->sel_phone, "Other Constabulary", force[i]->notice);
	snprintf(path, sizeof path, "/api/v1/cases/%s/selectors", b_other.case_id);
	post_id(oth_inv, path, "{\"kind\":\"postcode\",\"value\":\"SN1 2JH\"}", b_other.sel_postcode);
	snprintf(path, sizeof path, "/api/v1/cases/%s/selectors", b_team.case_id);
	post_id(emt_maker, path, "{\"kind\":\"postcode\",\"value\":\"sn12jh\"}", b_team.sel_postcode);
	snprintf(path, sizeof path, "/api/v1/cases/%s/links", b_team.case_id);
	resp_free(must(emt_maker, "GET", path, NULL, 200));
	notice_of(b_other.sel_postcode, "Test Constabulary", b_other.notice);
}

/* Subject requests (issue 21): for each bundle a person of a case of
 * their own (so that their answers name nothing of the bundle's case),
 * with an access, an erasure, a rectification and a restriction request
 * opened by their force's records manager. Their names show to records
 * managers of their force only. */
static void subject_requests_setup(void)
{
	bundle *all[] = {&b_invown, &b_supown, &b_team, &b_cid, &b_other, &b_shared};
	client *makers[] = {emt_maker, emt_maker, emt_maker, inv2, oth_inv, inv2};
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
		bundle *b = all[k];
		int other = b == &b_other;
		char body[512], path[192], case_id[64], name[96];
		snprintf(body, sizeof body,
		         "{\"title\":\"Requests case %s\",\"summary\":\"Subject requests\",\"exploitation_types\":[\"labour\"]}",
		         b->tag);
		post_id(makers[k], "/api/v1/cases", body, case_id);
		snprintf(name, sizeof name, "Requester-%s", b->tag);
		snprintf(body, sizeof body, "{\"given_names\":\"Ines\",\"family_name\":\"%s\"}", name);
		post_id(makers[k], "/api/v1/people", body, b->requester);
		snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
		snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"witness\"}", b->requester);
		resp_free(must(makers[k], "POST", path, body, 201));
		const struct {
			const char *kind;
			char *out;
		} kinds[] = {{"access", b->sreq}, {"access", b->sreq_close}, {"erasure", b->sreq_erasure}, {"rectification", b->sreq_rect},
		             {"restriction", b->sreq_restrict}};
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
			snprintf(body, sizeof body,
			         "{\"person_id\":\"%s\",\"kind\":\"%s\",\"regime\":\"uk_gdpr\",\"received_on\":\"%s\","
			         "\"identity_verified_on\":\"%s\",\"channel\":\"letter\"}",
			         b->requester, kinds[i].kind, today, today);
			post_id(other ? oth_rm : as[RECORDS], "/api/v1/subject-requests", body, kinds[i].out);
		}
		mark(name, other ? "nnnnnnnnn" : "nnnnnnnny", NULL);
	}
}

static int setup(void **state)
{
	(void)state;
	srand((unsigned)time(NULL));
	clock_today(today);
	if (date_add_days(today, 60, later) != 0 || date_add_days(today, 20, soon) != 0 ||
	    server_prepare(&srv) != 0)
		return -1;
	static const char *const accounts[][5] = {
	    {"sg1", "safeguarding", "Test Constabulary", "Safeguarding", "Safeguarding Officer"},
	    {"an1", "analyst", "Test Constabulary", NULL, "Force Analyst"},
	    {"sup2", "supervisor", "Test Constabulary", "CID", "CID Supervisor"},
	    {"emt.maker", "investigator", "Test Constabulary", "EMT", "EMT Maker"},
	    {"emt.target", "investigator", "Test Constabulary", "EMT", "EMT Target"},
	    {"cid.target", "investigator", "Test Constabulary", "CID", "CID Target"},
	    {"oth.inv", "investigator", "Other Constabulary", "OMT-Otherforce",
	     "Other Investigator"},
	    {"oth.target", "investigator", "Other Constabulary", "OMT-Otherforce", "Other Target"},
	    {"oth.admin", "admin", "Other Constabulary", NULL, "Other Administrator"},
	    {"oth.rm", "records_manager", "Other Constabulary", NULL, "Other Records Manager"},
	};
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++)
		if (add_account(accounts[i][0], accounts[i][1], accounts[i][2], accounts[i][3],
		                accounts[i][4]) != 0)
			return -1;
	/* The other force's Commissioner's office; its organisations sign in
	 * with passwords alone, as the standard ones do. */
	const char *office[] = {"user",       "add",
	                        "--username", "oth.opcc",
	                        "--role",     "opcc",
	                        "--org",      "Other Commissioner's Office",
	                        "--area",     "Other Constabulary",
	                        NULL};
	/* A partner organisation more of each force, for the shares the
	 * matrix's partner (of Hope Support Services) must never see. */
	const char *haven_args[] = {"user", "add", "--username", "haven.cw", "--role", "partner", "--org",
	                            "Haven Support Services", "--host", "Test Constabulary", NULL};
	const char *oth_partner_args[] = {"user", "add", "--username", "oth.cw", "--role", "partner", "--org",
	                                  "Other Support Services", "--host", "Other Constabulary", NULL};
	if (run_waymark(&srv, TEST_PASSWORD "\n", NULL, 0, haven_args) != 0 ||
	    run_waymark(&srv, TEST_PASSWORD "\n", NULL, 0, oth_partner_args) != 0)
		return -1;
	if (run_waymark(&srv, TEST_PASSWORD "\n", NULL, 0, office) != 0 ||
	    server_second_factor_off(&srv, "Other Constabulary") != 0 ||
	    server_second_factor_off(&srv, "Other Commissioner's Office") != 0)
		return -1;
	if (server_launch(&srv, NULL) != 0)
		return -1;
	for (int r = 0; r < NROLES; r++)
		as[r] = sign_in(role_user[r], uid[r], NULL);
	emt_maker = sign_in("emt.maker", id_emt_maker, team_emt);
	sup2 = sign_in("sup2", NULL, NULL);
	inv2 = sign_in("inv2", id_inv2, team_cid);
	oth_inv = sign_in("oth.inv", id_oth_inv, team_oth);
	oth_admin = sign_in("oth.admin", NULL, NULL);
	oth_rm = sign_in("oth.rm", NULL, NULL);
	client_free(sign_in("emt.target", id_emt_target, NULL));
	client_free(sign_in("cid.target", id_cid_target, NULL));
	client_free(sign_in("oth.target", id_oth_target, NULL));
	resp *r = must(as[PARTNER], "GET", "/api/v1/organisations?kind=partner", NULL, 200);
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(r->json, "items"), i, o)
	{
		if (strcmp(json_string_value(json_object_get(o, "name")),
		           "Hope Support Services") == 0)
			copy_str(hope, sizeof hope, json_object_get(o, "id"));
	}
	resp_free(r);
	r = must(as[ADMIN], "GET", "/api/v1/organisations?kind=partner", NULL, 200);
	json_array_foreach(json_object_get(r->json, "items"), i, o)
	{
		if (strcmp(json_string_value(json_object_get(o, "name")), "Haven Support Services") == 0)
			copy_str(haven, sizeof haven, json_object_get(o, "id"));
	}
	resp_free(r);
	r = must(oth_admin, "GET", "/api/v1/organisations?kind=partner", NULL, 200);
	json_array_foreach(json_object_get(r->json, "items"), i, o)
	{
		if (strcmp(json_string_value(json_object_get(o, "name")), "Other Support Services") == 0)
			copy_str(oth_partner, sizeof oth_partner, json_object_get(o, "id"));
	}
	resp_free(r);
	if (!hope[0] || !haven[0] || !oth_partner[0])
		return -1;
	b_invown.share_org = b_supown.share_org = b_team.share_org = b_cid.share_org = haven;
	b_other.share_org = oth_partner;
	b_shared.share_org = hope;
	b_invown.action_org = b_supown.action_org = b_team.action_org = b_cid.action_org = org_own;
	b_other.action_org = org_oth;
	b_shared.action_org = hope;
	/* The services each bundle's victim is referred to. */
	char svc_body[512];
	const struct {
		client *by;
		const char *provider;
		char *out;
	} services[] = {{as[ADMIN], haven, svc_haven}, {as[OPCC], hope, svc_hope}, {oth_admin, oth_partner, svc_oth}};
	for (size_t k = 0; k < sizeof services / sizeof services[0]; k++) {
		snprintf(svc_body, sizeof svc_body,
		         "{\"name\":\"Quillon service %zu\",\"provider_organisation_id\":\"%s\",\"kind\":\"navigator\","
		         "\"ages\":{\"min\":18,\"max\":120},\"languages\":[\"en\"],\"response_hours\":72}",
		         k, services[k].provider);
		post_id(services[k].by, "/api/v1/services", svc_body, services[k].out);
	}
	b_invown.service = b_supown.service = b_team.service = b_cid.service = svc_haven;
	b_other.service = svc_oth;
	b_shared.service = svc_hope;
	r = must(as[OPCC], "GET", "/api/v1/me", NULL, 200);
	copy_str(opcc_own, sizeof opcc_own,
	         json_object_get(json_object_get(json_object_get(r->json, "user"), "org"), "id"));
	resp_free(r);
	const struct {
		client *who;
		char *out;
	} orgs[] = {{as[ADMIN], org_own}, {oth_admin, org_oth}};
	for (size_t k = 0; k < sizeof orgs / sizeof orgs[0]; k++) {
		r = must(orgs[k].who, "GET", "/api/v1/me", NULL, 200);
		copy_str(orgs[k].out, 64,
		         json_object_get(json_object_get(json_object_get(r->json, "user"), "org"), "id"));
		resp_free(r);
	}
	client *oth_opcc = sign_in("oth.opcc", NULL, NULL);
	r = must(oth_opcc, "GET", "/api/v1/me", NULL, 200);
	copy_str(opcc_oth, sizeof opcc_oth,
	         json_object_get(json_object_get(json_object_get(r->json, "user"), "org"), "id"));
	resp_free(r);
	client_free(oth_opcc);
	/* A Go bag location of each force; the first stocked for every issue. */
	post_id(as[ADMIN], "/api/v1/go-bags/locations",
	        "{\"name\":\"Matrix Station\",\"latitude\":51.5622,\"longitude\":-1.7398,\"reorder_level\":0}", loc_own);
	post_id(oth_admin, "/api/v1/go-bags/locations", "{\"name\":\"Other Matrix Station\",\"reorder_level\":0}",
	        loc_oth);
	char delivery[256], delivery_id[64];
	snprintf(delivery, sizeof delivery, "{\"location\":\"%s\",\"kind\":\"adult\",\"language\":\"en\",\"quantity\":100}",
	         loc_own);
	post_id(as[OPCC], "/api/v1/go-bags/deliveries", delivery, delivery_id);

	/* Who may see each relationship's records, by role (admin, supervisor,
	 * investigator, safeguarding, analyst, opcc, partner, auditor, records manager). The
	 * auditor reads the audit log of their own organisation, which names
	 * its records. */
	make_bundle(&b_invown, "nnyyynnyn", inv2, as[INV], uid[INV], sup2, 0, 0);
	make_bundle(&b_supown, "nynyynnyn", inv2, as[SUP], uid[SUP], sup2, 0, 0);
	make_bundle(&b_team, "nyyyynnyn", emt_maker, NULL, NULL, NULL, 1, 0);
	make_bundle(&b_cid, "nnnyynnyn", inv2, NULL, NULL, NULL, 1, 0);
	make_bundle(&b_other, "nnnnnnnnn", oth_inv, NULL, NULL, NULL, 1, 0);
	make_bundle(&b_shared, "nnnyynnyn", inv2, NULL, NULL, NULL, 0, 1);
	merge_pair(emt_maker, &b_team);
	merge_pair(inv2, &b_cid);
	merge_pair(oth_inv, &b_other);
	/* Caseloads: the targets lead their team's case. */
	allocate(as[SUP], b_team.case_id, id_emt_target);
	allocate(sup2, b_cid.case_id, id_cid_target);
	staff_profile(as[ADMIN], id_emt_target, "Rank-Emtteam");
	staff_profile(as[ADMIN], id_cid_target, "Rank-Cidteam");
	staff_profile(oth_admin, id_oth_target, "Rank-Otherforce");

	link_notices();
	/* Retention (issue 21): a legal hold on each bundle's case, to lift. */
	const bundle *held[] = {&b_invown, &b_supown, &b_team, &b_cid, &b_other, &b_shared};
	for (size_t k = 0; k < sizeof held / sizeof held[0]; k++) {
		bundle *hb = (bundle *)held[k];
		snprintf(hb->hold, sizeof hb->hold, "6f1d0000-0000-4000-8000-%012zx", k + 1);
		const char *hp[] = {hb->hold, hb->case_id};
		server_db_run(&srv,
		              "INSERT INTO legal_holds (id, case_id, kind, reason, owner, placed_by, placed_at) SELECT $1, "
		              "c.id, 'litigation', 'Set up by the matrix', 'Matrix Owner', c.created_by, c.created_at "
		              "FROM cases c WHERE c.id = $2",
		              2, hp);
	}
	/* Access requests, one of each force's (issue 21); the other force has
	 * no records manager here, so its bundle is not assembled. */
	access_request(emt_maker, &b_team, as[RECORDS]);
	access_request(inv2, &b_cid, as[RECORDS]);
	access_request(oth_inv, &b_other, NULL);
	snprintf(b_other.access_item, sizeof b_other.access_item, "%s", b_team.access_item);
	subject_requests_setup();
	const bundle *all[] = {&b_invown, &b_supown, &b_team, &b_cid, &b_other, &b_shared};
	for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
		mark_bundle(all[k]);
	/* The partner reads the shared referrals (both victims of the shared
	 * case are supported by it), which name their case by reference and
	 * their person by name; never the case's title. Its share names the
	 * first victim's missing episodes too. */
	char shared_names[2][96];
	snprintf(shared_names[0], sizeof shared_names[0], "Zanetti-%s", b_shared.tag);
	snprintf(shared_names[1], sizeof shared_names[1], "Zanetti-%stwo", b_shared.tag);
	for (int k = 0; k < nmarkers; k++) {
		const char *t = markers[k].text;
		if (!strcmp(t, b_shared.referral) || !strcmp(t, b_shared.case_id) ||
		    !strcmp(t, b_shared.v1) || !strcmp(t, b_shared.referral2) ||
		    !strcmp(t, b_shared.v3) || !strcmp(t, b_shared.reference) ||
		    !strcmp(t, shared_names[0]) || !strcmp(t, shared_names[1]) || !strcmp(t, b_shared.share) ||
		    !strcmp(t, b_shared.plan) || !strcmp(t, b_shared.risk) || !strcmp(t, b_shared.action) ||
		    !strcmp(t, b_shared.episode) || !strcmp(t, b_shared.sref))
			markers[k].vis[PARTNER] = 'y';
	}
	/* Records managers (issue 21) review their force's cases: a review
	 * needs each case's reference and the names and parts of its people,
	 * nothing else of them. */
	const bundle *reviewed[] = {&b_invown, &b_supown, &b_team, &b_cid, &b_shared};
	for (size_t k = 0; k < sizeof reviewed / sizeof reviewed[0]; k++) {
		const bundle *rb = reviewed[k];
		char rn[4][96];
		snprintf(rn[0], sizeof rn[0], "Zanetti-%s", rb->tag);
		snprintf(rn[1], sizeof rn[1], "Ostrova-%s", rb->tag);
		snprintf(rn[2], sizeof rn[2], "Zanetti-%stwo", rb->tag);
		snprintf(rn[3], sizeof rn[3], "Brenner-%s", rb->tag);
		const char *seen[] = {rb->case_id, rb->reference, rb->v1, rb->v2, rb->v3, rb->su,
		                      rn[0],       rn[1],         rn[2],  rn[3]};
		for (int k2 = 0; k2 < nmarkers; k2++)
			for (size_t s2 = 0; s2 < sizeof seen / sizeof seen[0]; s2++)
				if (seen[s2][0] && !markers[k2].sealed && !strcmp(markers[k2].text, seen[s2]))
					markers[k2].vis[RECORDS] = 'y';
	}
	/* The services: the force's to the force and its Commissioner; the
	 * Commissioner's to the force, the Commissioner and the partner that
	 * gives it; the other force's to none of them. The force's auditor
	 * reads its log, which names the services its officers refer to. */
	mark(svc_haven, "yyyyyynyn", NULL);
	mark(svc_hope, "yyyyyyyyn", NULL);
	mark(svc_oth, "nnnnnnnnn", NULL);
	/* A victim's comment to each force, through an invitation of its own:
	 * its raw text only to those who redact the force's comments. */
	feedback_comment(as[INV], &b_invown, "Quillon Comment Ownforce", org_own, comment_own);
	feedback_comment(oth_inv, &b_other, "Quillon Comment Otherforce", org_oth, comment_oth);
	mark("Quillon Comment Ownforce", "nynynnnnn", NULL);
	mark(comment_own, "nynynnnyn", NULL); /* the auditor reads the looks at it */
	mark("Quillon Comment Otherforce", "nnnnnnnnn", NULL);
	mark(comment_oth, "nnnnnnnnn", NULL);
	/* Staff records: usernames and ranks show in staff and account views. */
	const char *force_staff[] = {"emt.target", "Rank-Emtteam", "cid.target", "Rank-Cidteam"};
	for (size_t k = 0; k < sizeof force_staff / sizeof force_staff[0]; k++)
		mark(force_staff[k], "yynnnnnyn", NULL);
	const char *other_staff[] = {"oth.target", "oth.inv", "oth.admin", "Rank-Otherforce",
	                             "OMT-Otherforce"};
	for (size_t k = 0; k < sizeof other_staff / sizeof other_staff[0]; k++)
		mark(other_staff[k], "nnnnnnnnn", NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int r = 0; r < NROLES; r++)
		client_free(as[r]);
	client *helpers[] = {emt_maker, sup2, inv2, oth_inv, oth_admin, oth_rm};
	for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++)
		client_free(helpers[i]);
	return server_stop(&srv);
}

/* ---- one cell: a role, a relationship, a route ---- */

typedef struct cell {
	int role, rel;
	const row *r;
	const bundle *b;
	char code;
	char title[64], name[96], uniq[32];
} cell;

static int nrequests, nsent, nfailed;

static const bundle *bundle_of(int role, int rel)
{
	switch (rel) {
	case OWN:
		return role == SUP ? &b_supown : role == INV ? &b_invown : NULL;
	case TEAM:
	case SUSPECT:
		return &b_team;
	case CID:
		return &b_cid;
	case OTHER:
		return &b_other;
	default:
		return &b_shared;
	}
}

static const char *nonempty(const char *s)
{
	return s && s[0] ? s : NULL;
}

static const char *user_of(const cell *c)
{
	switch (c->rel) {
	case OWN:
		return uid[c->role];
	case TEAM:
		return id_emt_target;
	case CID:
		return id_cid_target;
	case OTHER:
		return id_oth_target;
	default:
		return NULL;
	}
}

static const char *by_team(const cell *c, const char *emt, const char *cid, const char *other)
{
	return c->rel == TEAM ? emt : c->rel == CID ? cid : c->rel == OTHER ? other : NULL;
}

/* The person a cell's route names: the suspect-only person, or the victim. */
static const char *person_of(const cell *c)
{
	return c->rel == SUSPECT ? b_team.su : c->b ? c->b->v1 : NULL;
}

static const char *const indicators[] = {"malnourished",
                                         "untreated_conditions",
                                         "unsuitable_clothing",
                                         "exhaustion",
                                         "branding",
                                         "fearful",
                                         "distrust_of_authorities",
                                         "scripted_account",
                                         "fear_of_deportation",
                                         "fear_for_family",
                                         "disoriented",
                                         "attached_to_exploiter",
                                         "documents_withheld",
                                         "debt_bondage",
                                         "little_or_no_pay",
                                         "restricted_movement",
                                         "lives_at_workplace",
                                         "isolated",
                                         "threatened",
                                         "spoken_for"};
static unsigned next_indicator;

/* The value of a placeholder for the cell, or NULL when the cell has no
 * such record (the table then must not send it). */
static const char *token(cell *c, const char *name)
{
	const bundle *b = c->b;
	target t = c->r->t;
	if (!strcmp(name, "today"))
		return today;
	if (!strcmp(name, "later"))
		return later;
	if (!strcmp(name, "now")) {
		static char now[CLOCK_ISO_LEN];
		clock_iso(clock_now_ms() - 1000, now);
		return now;
	}
	if (!strcmp(name, "uniq")) {
		snprintf(c->uniq, sizeof c->uniq, "mx%d", nrequests);
		return c->uniq;
	}
	if (!strcmp(name, "indicator"))
		return indicators[next_indicator++ % (sizeof indicators / sizeof indicators[0])];
	if (!strcmp(name, "role"))
		return c->role == SUP ? "witness" : "other";
	if (!strcmp(name, "team_id"))
		return by_team(c, team_emt, team_cid, team_oth);
	if (!strcmp(name, "org"))
		return by_team(c, "Test Constabulary", "Test Constabulary", "Other Constabulary");
	if (!strcmp(name, "team_name"))
		return by_team(c, "EMT", "CID", "OMT-Otherforce");
	if (!strcmp(name, "org_name") && t == T_ORG)
		return c->rel == OWN     ? "Test Constabulary"
		       : c->rel == OTHER ? "Other Constabulary"
		       : c->rel == SHARED ? "Hope Support Services"
		                          : NULL;
	if (!strcmp(name, "rank"))
		return c->rel == OWN
		           ? "Own Rank"
		           : by_team(c, "Rank-Emtteam", "Rank-Cidteam", "Rank-Otherforce");
	if (!strcmp(name, "alloc_user"))
		return c->rel == OWN     ? uid[c->role]
		       : c->rel == TEAM  ? id_emt_maker
		       : c->rel == OTHER ? id_oth_inv
		                         : id_inv2;
	if (!strcmp(name, "into"))
		return b_team.m2;
	if (!strcmp(name, "soon"))
		return soon;
	if (!strcmp(name, "org_own"))
		return org_own;
	if (!strcmp(name, "hope"))
		return hope;
	if (!strcmp(name, "id") && t == T_SERVICE)
		return c->rel == TEAM ? svc_haven : c->rel == OTHER ? svc_oth : c->rel == SHARED ? svc_hope : NULL;
	if (!strcmp(name, "id") && (t == T_STAFF || t == T_ACCOUNT))
		return user_of(c);
	if (!strcmp(name, "id") && t == T_OPCC)
		return c->rel == OWN ? opcc_own : c->rel == OTHER ? opcc_oth : NULL;
	if (!strcmp(name, "id") && t == T_ORG)
		return c->rel == OWN ? org_own : c->rel == OTHER ? org_oth : c->rel == SHARED ? hope : NULL;
	if (!strcmp(name, "id") && t == T_LOCATION)
		return c->rel == OWN ? loc_own : c->rel == OTHER ? loc_oth : NULL;
	if (!strcmp(name, "go_bag_location"))
		return loc_own;
	if (!strcmp(name, "id") && t == T_TEAM_ID)
		return by_team(c, team_emt, team_cid, team_oth);
	if (!strcmp(name, "id") && t == T_COMMENT)
		return c->rel == TEAM || c->rel == CID ? comment_own : c->rel == OTHER ? comment_oth : NULL;
	if (!b)
		return NULL;
	if (t == T_BUNDLE_REQUEST && (!strcmp(name, "id") || !strcmp(name, "item")))
		return c->rel == TEAM || c->rel == CID || c->rel == OTHER
		           ? nonempty(!strcmp(name, "id") ? b->access_req : b->access_item)
		           : NULL;
	if (!strcmp(name, "case"))
		return nonempty(b->case_id);
	if (!strcmp(name, "person"))
		return nonempty(person_of(c));
	if (!strcmp(name, "victim2"))
		return nonempty(c->rel == SUSPECT ? b->su : b->v2);
	if (!strcmp(name, "suspect"))
		return nonempty(b->su);
	if (!strcmp(name, "title")) {
		snprintf(c->title, sizeof c->title, "Quillon %s", b->tag);
		return c->title;
	}
	if (!strcmp(name, "name")) {
		snprintf(c->name, sizeof c->name,
		         c->rel == SUSPECT ? "Dario Brenner-%s" : "Alba Zanetti-%s", b->tag);
		return c->name;
	}
	if (!strcmp(name, "link"))
		return nonempty(t == T_VICTIM && c->rel != SUSPECT ? b->l1 : b->ls);
	if (!strcmp(name, "assessment"))
		return nonempty(b->assessment);
	if (!strcmp(name, "share_org"))
		return b->share_org;
	if (!strcmp(name, "service"))
		return b->service;
	if (!strcmp(name, "risk"))
		return t == T_PLAN && c->rel != SUSPECT ? nonempty(b->risk) : NULL;
	if (!strcmp(name, "action"))
		return t == T_PLAN && c->rel != SUSPECT ? nonempty(b->action) : NULL;
	if (!strcmp(name, "number"))
		return t == T_NOTICE && c->rel != SUSPECT ? nonempty(b->notice) : NULL;
	if (!strcmp(name, "requester"))
		return c->rel == SUSPECT ? NULL : nonempty(b->requester);
	if (!strcmp(name, "sreq_rect"))
		return c->rel == SUSPECT ? NULL : nonempty(b->sreq_rect);
	if (!strcmp(name, "sreq_restrict"))
		return c->rel == SUSPECT ? NULL : nonempty(b->sreq_restrict);
	if (!strcmp(name, "request"))
		return nonempty(c->rel == SHARED ? b->recon2 : b->recon);
	if (strcmp(name, "id") != 0)
		return NULL;
	switch (t) {
	case T_PERSON:
		return nonempty(person_of(c));
	case T_REFERRAL:
		return nonempty(b->referral);
	case T_RECON:
		return nonempty(c->rel == SHARED ? b->referral2 : b->referral);
	case T_DTN:
		return nonempty(b->dtn);
	case T_ORDER:
		return nonempty(b->order);
	case T_MERGE:
		return c->rel == TEAM || c->rel == CID || c->rel == OTHER ? nonempty(b->m1) : NULL;
	case T_SHARE:
		return c->rel == SUSPECT ? NULL : nonempty(b->share);
	case T_PLAN:
		return c->rel == SUSPECT ? NULL : nonempty(b->plan);
	case T_EPISODE:
		return c->rel == SUSPECT ? NULL : nonempty(b->episode);
	case T_SREF:
		return c->rel == SUSPECT ? NULL : nonempty(b->sref);
	case T_HOLD:
		return c->rel == SUSPECT ? NULL : nonempty(b->hold);
	case T_DOCUMENT:
		return c->rel == SUSPECT ? NULL : nonempty(b->document);
	case T_SREQ:
		return c->rel == SUSPECT ? NULL : nonempty(b->sreq);
	case T_SREQ_CLOSE:
		return c->rel == SUSPECT ? NULL : nonempty(b->sreq_close);
	case T_SREQ_ERASURE:
		return c->rel == SUSPECT ? NULL : nonempty(b->sreq_erasure);
	case T_REQUESTER:
		return c->rel == SUSPECT ? NULL : nonempty(b->requester);
	default:
		return nonempty(b->case_id);
	}
}

/* Fills a template's placeholders; in a query, values are URL-encoded.
 * Returns 0, or -1 when a placeholder has no value for the cell. */
static int expand(cell *c, const char *tpl, int query, char *out, size_t n)
{
	size_t at = 0;
	for (const char *p = tpl; p && *p; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		const char *v = NULL;
		char name[32];
		if (end && (size_t)(end - p) < sizeof name && end - p > 1 && p[1] != '"' &&
		    p[1] != '}') {
			snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
			if (!(v = token(c, name)))
				return -1;
			p = end;
		}
		if (!v) {
			if (at + 1 < n)
				out[at++] = *p;
			continue;
		}
		for (; *v; v++) {
			int plain = !query || (*v >= 'a' && *v <= 'z') ||
			            (*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9') ||
			            *v == '-' || *v == '.' || *v == '_';
			if (plain && at + 1 < n)
				out[at++] = *v;
			else if (!plain && at + 3 < n)
				at +=
				    (size_t)snprintf(out + at, n - at, "%%%02X", (unsigned char)*v);
		}
	}
	if (at + 1 >= n)
		fail_msg("a request does not fit its buffer: %s", tpl);
	out[at] = '\0';
	return 0;
}

/* ---- judging an answer ---- */

static int is_id(const char *s)
{
	if (!s || strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash != (s[i] == '-') || (!dash && !strchr("0123456789abcdefABCDEF", s[i])))
			return 0;
	}
	return 1;
}

/* text with every from replaced by to. */
static void replace_all(const char *text, const char *from, const char *to, char *out, size_t n)
{
	size_t at = 0, fl = strlen(from);
	for (const char *p = text; *p && at + 1 < n;) {
		if (fl && strncmp(p, from, fl) == 0) {
			at += (size_t)snprintf(out + at, n - at, "%s", to);
			if (at >= n)
				at = n - 1;
			p += fl;
		} else {
			out[at++] = *p++;
		}
	}
	out[at < n ? at : n - 1] = '\0';
}

/* An id like the one given that names nothing. */
static void unknown_like(const char *id, char out[40])
{
	snprintf(out, 40, "%s", id);
	for (int i = 24; i < 36; i++)
		out[i] = "0123456789abcdef"[rand() % 16];
}

static resp *send_cell(const cell *c, client *who, const char *path, const char *body)
{
	const char *headers[4] = {NULL};
	char if_match[64];
	int h = 0;
	nrequests++;
	if (c->r->flags & F_REVEAL)
		headers[h++] = "X-Purpose: Checking what each role reaches (authorisation matrix)";
	if (c->r->flags & F_IFMATCH) {
		/* The version the record's keeper reads now, so a stale one never
		 * stands in for the wall. */
		client *keeper = c->r->t == T_STAFF || c->r->t == T_ACCOUNT
		                     ? (c->rel == OTHER ? oth_admin : as[ADMIN])
		                 : c->b ? c->b->reader
		                        : as[ADMIN];
		char plain[512];
		snprintf(plain, sizeof plain, "%s", path);
		resp *v = client_req(keeper, "GET", plain, NULL, NULL);
		nrequests++;
		const char *tag = v->status == 200 ? resp_header(v, "ETag") : NULL;
		snprintf(if_match, sizeof if_match, "If-Match: %s", tag ? tag : "\"1\"");
		resp_free(v);
		headers[h++] = if_match;
	}
	if (c->r->flags & F_CSV) {
		headers[h++] = "Content-Type: text/csv";
		return client_raw(who, c->r->method, path, body, strlen(body), headers);
	}
	if (c->r->flags & F_UPLOAD)
		return upload_photo_with(who, path, headers);
	return client_req(who, c->r->method, path, body, headers);
}

static json_t *first_error(resp *res)
{
	return json_array_get(json_object_get(res->json, "errors"), 0);
}

/* The same request with value replaced by an id that names nothing. */
static resp *as_if_unknown(const cell *c, const char *path, const char *body, const char *value)
{
	char other[40], p2[1024], b2[4096];
	unknown_like(value, other);
	replace_all(path, value, other, p2, sizeof p2);
	if (body)
		replace_all(body, value, other, b2, sizeof b2);
	return send_cell(c, as[c->role], p2, body ? b2 : NULL);
}

/* The id the path names last ({link} after {id}), for the 404 comparison. */
static const char *last_path_id(cell *c)
{
	const char *open = strrchr(c->r->path, '{');
	char name[32];
	if (!open)
		return NULL;
	snprintf(name, sizeof name, "%.*s", (int)strcspn(open + 1, "}"), open + 1);
	return token(c, name);
}

/* Checks the status against the code; writes why it is wrong to why. */
static int judge(cell *c, resp *res, const char *path, const char *body, char *why, size_t n)
{
	long s = res->status;
	why[0] = '\0';
	switch (c->code) {
	case 'A':
		return s >= 200 && s < 300;
	case 'F':
		return s == 403;
	case 'N': {
		if (s != 404)
			return 0;
		const char *id = last_path_id(c);
		if (!id)
			return 1;
		resp *u = as_if_unknown(c, path, body, id);
		const char *d1 = json_string_value(json_object_get(res->json, "detail"));
		const char *d2 = json_string_value(json_object_get(u->json, "detail"));
		int same = u->status == 404 && d1 && d2 && !strcmp(d1, d2);
		if (!same)
			snprintf(why, n, " (says \"%s\" where an unknown id gets %ld \"%s\")",
			         d1 ? d1 : "", u->status, d2 ? d2 : "");
		resp_free(u);
		return same;
	}
	case 'R':
	case 'S': {
		if (c->code == 'S' && ((s >= 200 && s < 300) || s == 409 || s == 412))
			return 1;
		if (s != 422)
			return 0;
		json_t *sent = body ? json_loads(body, 0, NULL) : NULL;
		const char *field = json_string_value(json_object_get(first_error(res), "field"));
		const char *value = field ? json_string_value(json_object_get(sent, field)) : NULL;
		int ok;
		if (!is_id(value)) {
			/* Not about a record named by id: a refusal must name a
			 * field that names one; a state refusal may name any. */
			ok = c->code == 'S' || value != NULL;
			if (!ok)
				snprintf(why, n, " (the 422 names %s, not a field naming a record)",
				         field ? field : "nothing");
		} else {
			resp *u = as_if_unknown(c, path, body, value);
			int same =
			    u->status == 422 && json_equal(json_object_get(res->json, "errors"),
			                                   json_object_get(u->json, "errors"));
			ok = c->code == 'R' ? same : !same;
			if (!ok)
				snprintf(why, n,
				         c->code == 'R'
				             ? " (%s: says more than for an id that does not exist)"
				             : " (%s: answered as if the record did not exist)",
				         field);
			resp_free(u);
		}
		json_decref(sent);
		return ok;
	}
	default:
		return 0;
	}
}

/* Whether text holds marker m as a whole (not inside a longer word or id). */
static int holds(const char *text, const char *m)
{
	size_t ml = strlen(m);
	for (const char *p = text ? strstr(text, m) : NULL; p; p = strstr(p + 1, m)) {
		char before = p > text ? p[-1] : ' ', after = p[ml];
		int wb = (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') ||
		         (before >= '0' && before <= '9');
		int wa = (after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') ||
		         (after >= '0' && after <= '9');
		if (!wb && !wa)
			return 1;
	}
	return 0;
}

/* The first marker the answer shows that the caller may not see, or NULL.
 * What the request itself sent is no leak. role < 0: signed out. */
static const marker *leak(const cell *c, int role, const char *answer, const char *path,
                          const char *body)
{
	for (int i = 0; answer && i < nmarkers; i++) {
		const marker *m = &markers[i];
		if (holds(path, m->text) || (body && holds(body, m->text)))
			continue;
		int may = role >= 0 && m->vis[role] == 'y';
		if (m->sealed)
			may = c && (c->r->flags & F_REVEAL) && c->code == 'A' && m->sealed == c->b;
		if (!may && holds(answer, m->text))
			return m;
	}
	return NULL;
}

static void report(const cell *c, const char *path, long got, const char *what)
{
	nfailed++;
	printf("FAIL  %-6s %-62s %-12s %-12s got %ld, expected %c%s\n", c->r->method, path,
	       role_name[c->role], rel_name[c->rel], got, c->code, what);
	fflush(stdout);
}

static void run_cell(const row *r, int role, int rel, char code)
{
	cell c = {.role = role, .rel = rel, .r = r, .b = bundle_of(role, rel), .code = code};
	char path[1024], query[512] = "", body[4096];
	nsent++;
	if (expand(&c, r->path, 0, path, sizeof path) != 0 ||
	    (r->query && expand(&c, r->query, 1, query, sizeof query) != 0) ||
	    (r->body && expand(&c, r->body, 0, body, sizeof body) != 0)) {
		report(&c, r->path, 0,
		       " (the table sends this, but there is no such record for the relationship)");
		return;
	}
	size_t pl = strlen(path);
	snprintf(path + pl, sizeof path - pl, "%s", query);
	resp *res = send_cell(&c, as[role], path, r->body ? body : NULL);
	char why[300];
	if (!judge(&c, res, path, r->body ? body : NULL, why, sizeof why)) {
		const char *detail = json_string_value(json_object_get(res->json, "detail"));
		char what[400];
		snprintf(what, sizeof what, "%s%s%s", why, detail && !why[0] ? ": " : "",
		         detail && !why[0] ? detail : "");
		report(&c, path, res->status, what);
	}
	if (getenv("WAYMARK_AUTHZ_VERBOSE"))
		printf("cell  %-6s %-62s %-12s %-12s %c %ld\n", r->method, r->path, role_name[role],
		       rel_name[rel], code, res->status);
	const marker *m = leak(&c, role, res->body, path, r->body ? body : NULL);
	if (m) {
		char what[160];
		snprintf(what, sizeof what, ", and it shows \"%s\", which the %s may not see",
		         m->text, role_name[role]);
		report(&c, path, res->status, what);
	}
	/* A list that would show a record hidden from the caller must also find
	 * it for those who may see it, or the leak check proves nothing. */
	if ((r->flags & F_FIND) && code == 'A' && res->status == 200 && c.b) {
		const char *want = r->t == T_PERSON_Q ? person_of(&c) : c.b->case_id;
		const char *vis = rel == SUSPECT ? c.b->sus_vis : c.b->vis;
		if (vis[role] == 'y' && !holds(res->body, want))
			report(&c, path, res->status,
			       ", but it does not find the record the role may see");
	}
	if ((r->flags & F_RELOGIN) && res->status >= 200 && res->status < 300 &&
	    client_login(as[role], role_user[role], TEST_PASSWORD) != 201)
		fail_msg("%s cannot sign in again after %s %s", role_user[role], r->method, path);
	resp_free(res);
}

static char code_of(const row *r, int role, int rel)
{
	return r->codes[role * (NRELS + 1) + rel];
}

/* ---- the tests ---- */

static int same_route(const row *r, const char *method, const char *path)
{
	return !strcasecmp(r->method, method) && !strcmp(r->path, path);
}

static void test_every_route_of_the_openapi_document_has_a_row_and_every_row_a_route(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t i = 0; i < NROWS; i++) {
		const row *r = &table[i];
		int ok = (r->flags & F_PUBLIC)
		             ? r->codes == NULL
		             : r->codes && strlen(r->codes) == NROLES * (NRELS + 1) - 1;
		for (int k = 0; ok && r->codes && k < NROLES * (NRELS + 1) - 1; k++)
			ok = k % (NRELS + 1) == NRELS ? r->codes[k] == ' '
			                              : strchr("AFNRS-", r->codes[k]) != NULL;
		for (int role = 0; ok && r->codes && r->t == T_NONE && role < NROLES; role++)
			for (int rel = 1; rel < NRELS; rel++)
				ok = ok && code_of(r, role, rel) == '-';
		if (!ok) {
			printf("row %s %s: its codes are not 9 groups of 6 of AFNRS-, or name "
			       "relationships a route "
			       "without records cannot have\n",
			       r->method, r->path);
			bad++;
		}
	}
	client *anon = client_new(&srv);
	resp *doc = client_req(anon, "GET", "/api/v1/openapi.json", NULL, NULL);
	assert_int_equal(doc->status, 200);
	json_t *paths = json_object_get(doc->json, "paths"), *ops;
	assert_true(json_is_object(paths));
	const char *path, *method;
	json_t *op;
	static const char *const methods[] = {"get",    "put",  "post",   "patch",
	                                      "delete", "head", "options"};
	json_object_foreach(paths, path, ops)
	{
		json_object_foreach(ops, method, op)
		{
			int is_method = 0;
			for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++)
				is_method |= !strcmp(method, methods[m]);
			size_t i = 0;
			while (is_method && i < NROWS && !same_route(&table[i], method, path))
				i++;
			if (is_method && i == NROWS) {
				printf("no row for %s %s: add one saying what each role may do "
				       "with it\n",
				       method, path);
				bad++;
			}
		}
	}
	for (size_t i = 0; i < NROWS; i++) {
		json_t *o = json_object_get(paths, table[i].path);
		char lower[8];
		snprintf(lower, sizeof lower, "%s", table[i].method);
		for (char *p = lower; *p; p++)
			*p = (char)(*p - 'A' + 'a');
		if (!json_object_get(o, lower)) {
			printf("a row for %s %s, which the OpenAPI document does not have\n",
			       table[i].method, table[i].path);
			bad++;
		}
	}
	resp_free(doc);
	client_free(anon);
	if (bad)
		fail_msg("%d routes and rows disagree", bad);
}

static json_t *staff_of(client *c, const char *user_id)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/staff/%s", user_id);
	resp *r = client_req(c, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	json_t *j = json_incref(r->json);
	resp_free(r);
	return j;
}

static int leads(json_t *staff, const char *case_id)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(staff, "cases"), i, x)
	{
		if (!strcmp(json_string_value(json_object_get(x, "id")), case_id))
			return 1;
	}
	return 0;
}

/* What markers cannot see: a count where cases are hidden. Runs before the
 * matrix, which moves a lead. */
static void
test_caseloads_show_to_the_member_and_their_team_supervisors_and_as_counts_to_administrators(
    void **state)
{
	(void)state;
	/* The member, and their own team's supervisor (even for a case of
	 * another team that is allocated to them). */
	json_t *s = staff_of(as[INV], uid[INV]);
	assert_true(leads(s, b_invown.case_id));
	json_decref(s);
	s = staff_of(as[SUP], uid[INV]);
	assert_true(leads(s, b_invown.case_id));
	json_decref(s);
	s = staff_of(as[SUP], id_emt_target);
	assert_true(leads(s, b_team.case_id));
	json_decref(s);
	/* Another team's supervisor: neither the cases nor their number. */
	s = staff_of(as[SUP], id_cid_target);
	assert_true(json_is_null(json_object_get(s, "cases")));
	assert_true(json_is_null(json_object_get(s, "active_cases")));
	json_decref(s);
	/* The force's administrator: how many, never which. */
	s = staff_of(as[ADMIN], id_cid_target);
	assert_true(json_is_null(json_object_get(s, "cases")));
	assert_int_equal(json_integer_value(json_object_get(s, "active_cases")), 1);
	json_decref(s);
}

static void test_every_role_reaches_only_what_the_rules_give_it(void **state)
{
	(void)state;
	int cells = 0, operations = 0;
	/* Public routes: once, signed out; nothing of any record shows. */
	client *anon = client_new(&srv);
	for (size_t i = 0; i < NROWS; i++) {
		const row *r = &table[i];
		int first = 1;
		for (size_t k = 0; k < i; k++)
			first &= !same_route(&table[k], r->method, r->path);
		operations += first;
		cells += NROLES * NRELS;
		if (!(r->flags & F_PUBLIC))
			continue;
		const char *form[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
		resp *res = (r->flags & F_FORM) ? client_raw(anon, r->method, r->path, r->body, strlen(r->body), form)
		                                : client_req(anon, r->method, r->path, r->body, NULL);
		nrequests++;
		int ok = (r->flags & F_GONE)      ? res->status == 410
		         : (r->flags & F_UNKNOWN) ? res->status == 404
		                                  : res->status >= 200 && res->status <= 299;
		if (!ok || leak(NULL, -1, res->body, r->path, r->body)) {
			nfailed++;
			printf("FAIL  %-6s %-62s %-12s got %ld, expected %s showing no record\n",
			       r->method, r->path, "signed out", res->status,
			       (r->flags & F_GONE) ? "a 410" : (r->flags & F_UNKNOWN) ? "a 404" : "a 2xx");
		}
		resp_free(res);
	}
	client_free(anon);
	for (size_t i = 0; i < NROWS; i++) {
		const row *r = &table[i];
		if (r->flags & F_PUBLIC)
			continue;
		for (int role = 0; role < NROLES; role++)
			for (int rel = 0; rel < NRELS; rel++)
				if (code_of(r, role, rel) != '-')
					run_cell(r, role, rel, code_of(r, role, rel));
	}
	printf("authorisation matrix (%s): %zu rows for %d operations x %d roles x %d "
	       "relationships = %d cells; "
	       "%d sent, %d requests, %d failed\n",
	       test_engine_name(), NROWS, operations, NROLES, NRELS, cells, nsent, nrequests,
	       nfailed);
	fflush(stdout);
	if (nfailed)
		fail_msg("%d checks of the authorisation matrix failed (listed above)", nfailed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_every_route_of_the_openapi_document_has_a_row_and_every_row_a_route),
	    cmocka_unit_test(
	        test_caseloads_show_to_the_member_and_their_team_supervisors_and_as_counts_to_administrators),
	    cmocka_unit_test(test_every_role_reaches_only_what_the_rules_give_it),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
