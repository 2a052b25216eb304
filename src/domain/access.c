#include "domain/access.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Short names for the table only. */
#define NO SCOPE_NONE
#define OWN SCOPE_OWN
#define TEAM SCOPE_TEAM
#define ORG SCOPE_ORG
#define HOSTED SCOPE_HOSTED
#define AREA SCOPE_AREA
#define SHARED SCOPE_SHARED
#define ANY SCOPE_ANY
/* One kind's scopes, in the order of access_action. */
#define ACTS(read, write, reveal, decide, export, administer) {read, write, reveal, decide, export, administer}
#define NOTHING ACTS(NO, NO, NO, NO, NO, NO)
#define READ_ONLY(s) ACTS(s, NO, NO, NO, NO, NO)
#define READ_WRITE(s) ACTS(s, s, NO, NO, NO, NO)

/* Everyone signed in reads their own account and the fixed lists. */
#define COMMON                                   \
	[KIND_SELF] = READ_WRITE(OWN),           \
	[KIND_REFERENCE] = READ_ONLY(ANY)

/* Staff of a force: their own staff record (absences too) and caseload. */
#define STAFF_SELF                                \
	[KIND_STAFF] = READ_WRITE(OWN),           \
	[KIND_CASELOAD] = READ_ONLY(OWN),         \
	[KIND_WORKLOAD] = READ_ONLY(OWN)

static const access_scope table[ROLE_COUNT][KIND_COUNT][ACT_COUNT] = {
	[ROLE_ADMIN] = {
		[KIND_SELF] = READ_WRITE(OWN),
		[KIND_REFERENCE] = ACTS(ANY, NO, NO, NO, NO, ANY),
		[KIND_STAFF] = ACTS(ORG, ORG, NO, NO, ORG, ORG),
		[KIND_WORKLOAD] = READ_ONLY(ORG),
		[KIND_ACCOUNT] = ACTS(HOSTED, HOSTED, NO, HOSTED, NO, HOSTED),
		[KIND_SETTINGS] = ACTS(HOSTED, NO, NO, NO, NO, HOSTED),
		[KIND_SERVICE] = READ_WRITE(HOSTED),
		[KIND_GO_BAG] = READ_WRITE(HOSTED),
	},
	[ROLE_SUPERVISOR] = {
		COMMON,
		[KIND_CASE] = ACTS(TEAM, TEAM, NO, TEAM, NO, NO),
		[KIND_ENTRY] = READ_WRITE(TEAM),
		[KIND_PERSON] = ACTS(TEAM, TEAM, NO, TEAM, NO, NO),
		[KIND_SUSPECT] = ACTS(TEAM, TEAM, NO, TEAM, NO, NO),
		[KIND_SEALED] = ACTS(TEAM, NO, TEAM, NO, NO, NO),
		[KIND_STAFF] = ACTS(ORG, ORG, NO, NO, ORG, ORG),
		[KIND_CASELOAD] = READ_ONLY(TEAM),
		[KIND_WORKLOAD] = READ_ONLY(TEAM),
		[KIND_FIGURES] = ACTS(ORG, NO, NO, NO, ORG, NO),
		[KIND_SHARE] = READ_WRITE(TEAM),
		[KIND_PLAN] = READ_WRITE(TEAM),
		[KIND_MISSING] = ACTS(TEAM, TEAM, NO, TEAM, NO, NO),
		[KIND_SERVICE] = READ_ONLY(ORG),
		[KIND_REFERRAL] = READ_WRITE(TEAM),
		[KIND_GO_BAG] = READ_ONLY(ORG),
		[KIND_FEEDBACK] = READ_WRITE(ORG),
		[KIND_DOCUMENT] = READ_WRITE(TEAM),
	},
	[ROLE_INVESTIGATOR] = {
		COMMON,
		STAFF_SELF,
		[KIND_CASE] = READ_WRITE(TEAM),
		[KIND_ENTRY] = READ_WRITE(TEAM),
		[KIND_PERSON] = READ_WRITE(TEAM),
		[KIND_SUSPECT] = READ_WRITE(TEAM),
		[KIND_SEALED] = ACTS(TEAM, NO, TEAM, NO, NO, NO),
		[KIND_SHARE] = READ_WRITE(TEAM),
		[KIND_PLAN] = READ_WRITE(TEAM),
		[KIND_MISSING] = READ_WRITE(TEAM),
		[KIND_SERVICE] = READ_ONLY(ORG),
		[KIND_REFERRAL] = READ_WRITE(TEAM),
		[KIND_GO_BAG] = READ_ONLY(ORG),
		[KIND_DOCUMENT] = READ_WRITE(TEAM),
	},
	[ROLE_SAFEGUARDING] = {
		COMMON,
		STAFF_SELF,
		[KIND_CASE] = READ_ONLY(ORG),
		[KIND_ENTRY] = READ_WRITE(ORG),
		[KIND_PERSON] = READ_WRITE(ORG),
		[KIND_SEALED] = ACTS(ORG, NO, ORG, NO, NO, NO),
		[KIND_SHARE] = READ_WRITE(ORG),
		[KIND_PLAN] = READ_WRITE(ORG),
		[KIND_MISSING] = READ_WRITE(ORG),
		[KIND_SERVICE] = READ_ONLY(ORG),
		[KIND_REFERRAL] = READ_WRITE(ORG),
		[KIND_GO_BAG] = READ_ONLY(ORG),
		[KIND_FEEDBACK] = READ_WRITE(ORG),
		[KIND_DOCUMENT] = READ_WRITE(ORG),
	},
	[ROLE_ANALYST] = {
		COMMON,
		STAFF_SELF,
		[KIND_CASE] = READ_ONLY(ORG),
		[KIND_ENTRY] = READ_ONLY(ORG),
		[KIND_PERSON] = READ_ONLY(ORG),
		[KIND_SUSPECT] = READ_ONLY(ORG),
		[KIND_FIGURES] = ACTS(ORG, NO, NO, NO, ORG, NO),
		[KIND_MICRODATA] = ACTS(ORG, NO, NO, NO, ORG, NO),
		[KIND_PLAN] = READ_ONLY(ORG),
		[KIND_MISSING] = READ_ONLY(ORG),
		[KIND_SERVICE] = READ_ONLY(ORG),
		[KIND_REFERRAL] = READ_ONLY(ORG),
		[KIND_GO_BAG] = READ_ONLY(ORG),
		[KIND_DOCUMENT] = READ_ONLY(ORG),
	},
	[ROLE_OPCC] = {
		COMMON,
		[KIND_FIGURES] = ACTS(AREA, NO, NO, NO, AREA, NO),
		[KIND_SERVICE] = READ_WRITE(AREA),
		[KIND_GO_BAG] = READ_WRITE(AREA),
	},
	[ROLE_PARTNER] = {
		COMMON,
		[KIND_ENTRY] = READ_ONLY(SHARED),
		[KIND_SHARE] = READ_ONLY(SHARED),
		[KIND_PLAN] = READ_WRITE(SHARED),
		[KIND_MISSING] = READ_WRITE(SHARED),
		[KIND_SERVICE] = READ_ONLY(SHARED),
		[KIND_REFERRAL] = READ_WRITE(SHARED),
		[KIND_DOCUMENT] = READ_ONLY(SHARED),
	},
	[ROLE_AUDITOR] = {
		COMMON,
		[KIND_AUDIT] = ACTS(HOSTED, NO, NO, NO, HOSTED, NO),
	},
	/* The force's information management unit: what a review or a request
	 * needs, never the case content beyond it. */
	[ROLE_RECORDS_MANAGER] = {
		COMMON,
		[KIND_RETENTION] = ACTS(ORG, ORG, NO, ORG, ORG, NO),
		[KIND_SUBJECT_REQUEST] = ACTS(ORG, ORG, NO, ORG, ORG, NO),
	},
};

access_scope access_scope_of(role r, access_kind k, access_action a)
{
	if ((unsigned)r >= ROLE_COUNT || (unsigned)k >= KIND_COUNT || (unsigned)a >= ACT_COUNT)
		return SCOPE_NONE;
	return table[r][k][a];
}

unsigned access_scope_mask(access_scope s)
{
	switch (s) {
	case SCOPE_OWN:
		return REL_OWN;
	case SCOPE_ALLOCATED:
		return REL_OWN | REL_ALLOCATED;
	case SCOPE_TEAM:
		return REL_OWN | REL_ALLOCATED | REL_TEAM;
	case SCOPE_ORG:
		return REL_OWN | REL_ALLOCATED | REL_TEAM | REL_ORG;
	case SCOPE_HOSTED:
		return REL_OWN | REL_ALLOCATED | REL_TEAM | REL_ORG | REL_HOSTED;
	case SCOPE_AREA:
		return REL_OWN | REL_ALLOCATED | REL_TEAM | REL_ORG | REL_AREA;
	case SCOPE_SHARED:
		return REL_SHARED;
	case SCOPE_ANY:
		return REL_ANY;
	default:
		return 0;
	}
}

int access_role_may(role r, access_kind k, access_action a)
{
	return access_scope_of(r, k, a) != SCOPE_NONE;
}

static int same(const char *a, const char *b)
{
	return a && b && a[0] && strcmp(a, b) == 0;
}

unsigned access_relate(const access_subject *s, const access_record *rec)
{
	unsigned rel = REL_ANY | rec->rel;
	if (same(rec->owner_id, s->user_id))
		rel |= REL_OWN;
	if (same(rec->org_id, s->org_id)) {
		rel |= REL_ORG;
		if (same(rec->team_id, s->team_id))
			rel |= REL_TEAM;
	}
	return rel;
}

access_decision access_decide(role r, access_kind k, access_action a, unsigned rel)
{
	if (!access_role_may(r, k, a))
		return ACCESS_FORBIDDEN;
	if (!(access_scope_mask(access_scope_of(r, k, ACT_READ)) & rel))
		return ACCESS_HIDDEN;
	return access_scope_mask(access_scope_of(r, k, a)) & rel ? ACCESS_ALLOW : ACCESS_FORBIDDEN;
}

unsigned access_person_rel(role r, unsigned as_person, unsigned as_suspect)
{
	unsigned through_suspect = as_suspect & access_scope_mask(access_scope_of(r, KIND_SUSPECT, ACT_READ));
	return as_person | (through_suspect & ~REL_ANY) | REL_ANY;
}

/* ---- names and the document ---- */

static const char *const kind_names[KIND_COUNT] = {
	[KIND_SELF] = "self",	      [KIND_REFERENCE] = "reference", [KIND_CASE] = "case",
	[KIND_ENTRY] = "entry",	      [KIND_PERSON] = "person",	      [KIND_SUSPECT] = "suspect",
	[KIND_SEALED] = "sealed",     [KIND_STAFF] = "staff",	      [KIND_CASELOAD] = "caseload",
	[KIND_WORKLOAD] = "workload", [KIND_FIGURES] = "figures",     [KIND_ACCOUNT] = "account",
	[KIND_SETTINGS] = "settings", [KIND_AUDIT] = "audit",	      [KIND_SHARE] = "share",
	[KIND_PLAN] = "plan",	      [KIND_MISSING] = "missing",     [KIND_SERVICE] = "service",
	[KIND_REFERRAL] = "referral", [KIND_GO_BAG] = "go_bag",	      [KIND_FEEDBACK] = "feedback",
	[KIND_MICRODATA] = "microdata", [KIND_DOCUMENT] = "document",
	[KIND_RETENTION] = "retention", [KIND_SUBJECT_REQUEST] = "subject_request",
};

static const char *const kind_text[KIND_COUNT] = {
	[KIND_SELF] = "one's own account, session, password and second factor",
	[KIND_REFERENCE] = "fixed lists: vocabularies, bank holidays, courses, Schedule 4, organisations, the retention rules",
	[KIND_CASE] = "a case: summary, status, its people and their roles, key events, allocation",
	[KIND_ENTRY] = "what is recorded in a case for victims: indicators, context, notes, places, selectors and "
		       "their links to other cases, NRM referrals, Duty to Notify, Victims' Code",
	[KIND_PERSON] = "a person's record",
	[KIND_SUSPECT] = "a person only ever a suspect, a suspect's part in a case, s45 assessments, "
			 "charging decisions, orders",
	[KIND_SEALED] = "sealed fields: immigration status, sealed notes",
	[KIND_STAFF] = "staff profiles, training and absences",
	[KIND_CASELOAD] = "which cases a member of staff leads",
	[KIND_WORKLOAD] = "how many cases a member of staff leads",
	[KIND_FIGURES] = "aggregate reports and figures",
	[KIND_ACCOUNT] = "accounts and organisations, as administered",
	[KIND_SETTINGS] = "an organisation's settings: security, and its deconfliction contact",
	[KIND_AUDIT] = "the audit log",
	[KIND_SHARE] = "what of a victim is shared with a partner organisation (for a partner: only the "
		       "sections named, while the share is live)",
	[KIND_PLAN] = "a victim's safeguarding plan: risks, actions, notes and a child's protection steps (for a "
		      "partner: while a live share names the plan; it updates only the actions its organisation "
		      "owns)",
	[KIND_MISSING] = "a person's missing episodes: reports and risk reviews, returns, safe and well checks, "
			 "return home interviews, exploitation screenings and profiles (owned by the team that "
			 "took the report; a supervisor's decide is being told of high risk; for a partner: while a "
			 "live share of the person names them, and it records only return home interviews and "
			 "profiles)",
	[KIND_SERVICE] = "the directory of services the Commissioner and the force commission (a service "
			 "commissioned by the Commissioner counts as each force's of its area; for a partner: the "
			 "services it provides)",
	[KIND_REFERRAL] = "a victim's referrals to services and their answers (owned as the case is; for a "
			  "partner: the referrals to the services it provides, which it answers)",
	[KIND_GO_BAG] = "Go bag locations, stock and deliveries, never to whom a bag went (an issue to a victim "
			"is an entry)",
	[KIND_FEEDBACK] = "victims' feedback as they gave it, before names are redacted from the comments (kept "
			  "apart from the victim's record; the figures and redacted comments are figures)",
	[KIND_MICRODATA] = "one row per victim identified in a period, naming no one and k-anonymous (the "
			   "CTDC-style export): an analyst's, as rows say more than figures do",
	[KIND_DOCUMENT] = "documents and photographs attached to a case: consent forms, statements, identity "
			  "documents, court orders (owned as the case is; a sealed one is read only by those who "
			  "reveal sealed fields, with a stated purpose; for a partner: only those a live share of "
			  "the case names, photographs without their metadata)",
	[KIND_RETENTION] = "retention: a case's and its people's retention group and next review, reviews, legal holds, "
			   "disposal and the stubs it leaves, never the case content beyond what a review needs",
	[KIND_SUBJECT_REQUEST] = "requests from the people recorded under the Data Protection Act 2018 (access, "
				 "rectification, erasure, restriction), their due dates, bundles, redactions and "
				 "exemptions (the force's information management unit)",
};

static const char *const action_names[ACT_COUNT] = {
	[ACT_READ] = "read",	 [ACT_WRITE] = "write",	  [ACT_REVEAL] = "reveal",
	[ACT_DECIDE] = "decide", [ACT_EXPORT] = "export", [ACT_ADMINISTER] = "administer",
};

static const char *const scope_names[SCOPE_COUNT] = {
	[SCOPE_NONE] = "none",	 [SCOPE_OWN] = "own",	    [SCOPE_ALLOCATED] = "allocated",
	[SCOPE_TEAM] = "team",	 [SCOPE_ORG] = "force",	    [SCOPE_HOSTED] = "hosted",
	[SCOPE_AREA] = "area",	 [SCOPE_SHARED] = "shared", [SCOPE_ANY] = "any",
};

static const char *const scope_text[SCOPE_COUNT] = {
	[SCOPE_NONE] = "nothing",
	[SCOPE_OWN] = "records that are the user's own",
	[SCOPE_ALLOCATED] = "own, and cases allocated to the user",
	[SCOPE_TEAM] = "allocated, and records of the user's current team",
	[SCOPE_ORG] = "team, and records of the user's own organisation (their force)",
	[SCOPE_HOSTED] = "force, and the partner organisations it hosts",
	[SCOPE_AREA] = "force, and the forces of a Commissioner's area",
	[SCOPE_SHARED] = "only what was shared with the user's organisation",
	[SCOPE_ANY] = "every record",
};

const char *access_kind_name(access_kind k)
{
	return (unsigned)k < KIND_COUNT ? kind_names[k] : "?";
}

const char *access_action_name(access_action a)
{
	return (unsigned)a < ACT_COUNT ? action_names[a] : "?";
}

const char *access_scope_name(access_scope s)
{
	return (unsigned)s < SCOPE_COUNT ? scope_names[s] : "?";
}

typedef struct md {
	char *out;
	size_t cap, len;
} md;

__attribute__((format(printf, 2, 3))) static void put(md *m, const char *fmt, ...)
{
	char *at = m->len < m->cap ? m->out + m->len : NULL;
	size_t room = m->len < m->cap ? m->cap - m->len : 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(at, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		m->len += (size_t)n;
}

size_t access_table_markdown(char *out, size_t outlen)
{
	md m = {out, outlen, 0};
	if (outlen)
		out[0] = '\0';
	put(&m, "Scopes, each reaching what the one before it does and more (except `shared` and `any`):\n\n");
	for (int s = SCOPE_OWN; s < SCOPE_COUNT; s++)
		put(&m, "- `%s`: %s\n", scope_names[s], scope_text[s]);
	put(&m, "\nKinds of record:\n\n");
	for (int k = 0; k < KIND_COUNT; k++)
		put(&m, "- `%s`: %s\n", kind_names[k], kind_text[k]);
	put(&m, "\n| role | kind |");
	for (int a = 0; a < ACT_COUNT; a++)
		put(&m, " %s |", action_names[a]);
	put(&m, "\n|---|---|");
	for (int a = 0; a < ACT_COUNT; a++)
		put(&m, "---|");
	put(&m, "\n");
	for (int r = 0; r < ROLE_COUNT; r++) {
		for (int k = 0; k < KIND_COUNT; k++) {
			int any = 0;
			for (int a = 0; a < ACT_COUNT; a++)
				any |= table[r][k][a] != SCOPE_NONE;
			if (!any)
				continue;
			put(&m, "| %s | %s |", role_name((role)r), kind_names[k]);
			for (int a = 0; a < ACT_COUNT; a++)
				put(&m, " %s |", table[r][k][a] ? scope_names[table[r][k][a]] : "");
			put(&m, "\n");
		}
	}
	put(&m, "\nA role with no row for a kind reaches none of it.\n");
	return m.len;
}
