/* Who reaches what: the one table that decides every route and record.
 *
 * For each role, each kind of record and each action, the table holds the
 * scope the role reaches. A record relates to the signed-in user in some
 * ways (it is theirs, allocated to them, their team's, their organisation's,
 * shared with their organisation ...); the action is allowed when the scope
 * reaches one of them. docs/security.md shows the table; a unit test keeps
 * the two the same. */
#ifndef WAYMARK_DOMAIN_ACCESS_H
#define WAYMARK_DOMAIN_ACCESS_H

#include <stddef.h>

#include "domain/roles.h"

typedef enum {
	KIND_SELF,      /* one's own account, session, password and second factor */
	KIND_REFERENCE, /* fixed lists: vocabularies, bank holidays, courses, Schedule 4, organisations,
			   the retention rules */
	KIND_CASE,      /* a case: summary, status, its people and their roles, key events, allocation */
	KIND_ENTRY,     /* what is recorded in a case for victims: indicators, context, notes, places, selectors,
			   NRM referrals, Duty to Notify, Victims' Code */
	KIND_PERSON,    /* a person's record */
	KIND_SUSPECT,   /* suspects: a person only ever a suspect, a suspect's part in a case,
			   s45 assessments, charging decisions, orders */
	KIND_SEALED,    /* sealed fields: immigration status, sealed notes */
	KIND_STAFF,     /* staff profiles, training and absences */
	KIND_CASELOAD,  /* which cases a member of staff leads */
	KIND_WORKLOAD,  /* how many cases a member of staff leads */
	KIND_FIGURES,   /* aggregate reports and figures */
	KIND_ACCOUNT,   /* accounts and organisations, as administered */
	KIND_SETTINGS,  /* an organisation's settings: security, and its deconfliction contact */
	KIND_AUDIT,     /* the audit log */
	KIND_SHARE,     /* what of a victim is shared with a partner organisation, and their consent to it */
	KIND_PLAN,      /* a victim's safeguarding plan: risks, actions, notes, child protection steps */
	KIND_MISSING,   /* missing episodes: reports, risk reviews, returns, safe and well checks, return
			   home interviews, exploitation screenings, profiles */
	KIND_SERVICE,   /* the directory of commissioned services */
	KIND_REFERRAL,  /* a victim's referrals to services, and their answers */
	KIND_GO_BAG,    /* Go bag locations, stock and deliveries (never to whom one went) */
	KIND_FEEDBACK,  /* victims' feedback as given, before names are redacted */
	KIND_MICRODATA, /* one row per victim naming no one: the k-anonymous CTDC-style export */
	KIND_DOCUMENT,  /* documents and photographs attached to a case (a sealed one is sealed too) */
	KIND_RETENTION, /* retention: a case's and person's group and next review, reviews,
			   legal holds, disposal and its stubs (never the case content itself) */
	KIND_SUBJECT_REQUEST, /* requests from the people recorded (access, rectification, erasure,
				 restriction), their bundles, redactions and exemptions */
	KIND_COUNT
} access_kind;

typedef enum {
	ACT_READ,
	ACT_WRITE,      /* create, record, change */
	ACT_REVEAL,     /* show a sealed field */
	ACT_DECIDE,     /* a supervisor's decision: allocate, approve, merge */
	ACT_EXPORT,     /* take data out as a file */
	ACT_ADMINISTER, /* accounts, settings and fixed lists */
	ACT_COUNT
} access_action;

/* How far a role reaches. Each scope includes those above it in this list,
 * except SHARED (only what was shared) and ANY (every record). */
typedef enum {
	SCOPE_NONE,
	SCOPE_OWN,       /* records that are the user's own */
	SCOPE_ALLOCATED, /* and those allocated to them */
	SCOPE_TEAM,      /* and those of their current team */
	SCOPE_ORG,       /* and those of their organisation (their force) */
	SCOPE_HOSTED,    /* and those of the partner organisations it hosts */
	SCOPE_AREA,      /* and those of the forces in a Commissioner's area */
	SCOPE_SHARED,    /* only what was shared with their organisation */
	SCOPE_ANY,       /* every record (fixed lists) */
	SCOPE_COUNT
} access_scope;

/* The ways a record relates to the signed-in user (bits). */
enum {
	REL_ANY = 1u << 0,       /* always set */
	REL_OWN = 1u << 1,       /* theirs: their account, their staff record */
	REL_ALLOCATED = 1u << 2, /* a case allocated to them */
	REL_TEAM = 1u << 3,      /* owned by their current team */
	REL_ORG = 1u << 4,       /* owned by their organisation */
	REL_HOSTED = 1u << 5,    /* owned by an organisation theirs hosts */
	REL_AREA = 1u << 6,      /* owned by a force in their area */
	REL_SHARED = 1u << 7,    /* shared with their organisation */
};

typedef enum { ACCESS_ALLOW, ACCESS_FORBIDDEN, ACCESS_HIDDEN } access_decision;

/* The signed-in user, as the table sees them. Strings are borrowed. */
typedef struct access_subject {
	role role;
	const char *user_id;
	const char *org_id;
	const char *team_id; /* "" or NULL when none */
} access_subject;

/* A record, as the table sees it. Strings are borrowed; NULL when not known
 * or not applicable. rel carries the relations only the store can tell
 * (REL_ALLOCATED, REL_SHARED, REL_HOSTED, REL_AREA). */
typedef struct access_record {
	const char *org_id;   /* owning organisation */
	const char *team_id;  /* owning team */
	const char *owner_id; /* the user whose record it is */
	unsigned rel;
} access_record;

/* The scope the role reaches for the action on the kind. Can't fail. */
access_scope access_scope_of(role r, access_kind k, access_action a);
/* The relation bits a scope reaches. Can't fail. */
unsigned access_scope_mask(access_scope s);
/* Whether the role may take the action on some record of the kind. */
int access_role_may(role r, access_kind k, access_action a);
/* The relations between the subject and the record (REL_ANY always set). */
unsigned access_relate(const access_subject *s, const access_record *rec);
/* Decides an action on one record, given its relations to the user:
 * FORBIDDEN (403) when the role never takes the action on the kind, or the
 * record is within reach but the action is not; HIDDEN (404) when the
 * record is out of the role's reading reach, so a refusal never says
 * whether it exists; else ALLOW. */
access_decision access_decide(role r, access_kind k, access_action a, unsigned rel);
/* A person's relations for the role: those through links the role may see.
 * as_person holds the relations through their parts in cases other than as
 * suspect (and, for a person in no case, through the team that recorded
 * them); as_suspect those through their parts as a suspect, which count only
 * where the role reaches suspects. */
unsigned access_person_rel(role r, unsigned as_person, unsigned as_suspect);

/* Names, as documented and in problem details. */
const char *access_kind_name(access_kind k);
const char *access_action_name(access_action a);
const char *access_scope_name(access_scope s);
/* Writes the table as Markdown (the section of docs/security.md). Returns
 * the length written, or the length needed when it did not fit (as snprintf). */
size_t access_table_markdown(char *out, size_t outlen);

#endif
