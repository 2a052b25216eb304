/* Who may lead a modern slavery investigation, and who is best placed to.
 * Hard requirements (each a bit) must all be met unless a supervisor records
 * an override. The score ranks in three tiers, each outweighing everything
 * below it: what the case needs (training, PIP level, the case's team, the
 * victims' languages, knowing its people), then capacity (free share of the
 * cases they can hold, nothing when absent), and only then experience.
 * docs/allocation.md states every rule and weight. */
#ifndef WAYMARK_DOMAIN_ALLOCATION_H
#define WAYMARK_DOMAIN_ALLOCATION_H

#include <stddef.h>

/* The lowest PIP accreditation that may lead an MSHT investigation. */
#define ALLOC_MIN_PIP 2
/* A lead must not be absent on any of the next 14 days. */
#define ALLOC_ABSENCE_DAYS 14
/* The most languages a case's victims need that allocation weighs. */
#define ALLOC_MAX_LANGUAGES 16

enum alloc_requirement {
	ALLOC_REQ_PIP = 1u << 0,	/* accredited PIP2 or above */
	ALLOC_REQ_SPECIALIST = 1u << 1, /* valid specialist MSHT investigation training */
	ALLOC_REQ_CHILD = 1u << 2,	/* valid child criminal exploitation training, for a child victim */
	ALLOC_REQ_AVAILABLE = 1u << 3,	/* not absent over the next 14 days */
	ALLOC_REQ_CAPACITY = 1u << 4,	/* under their maximum of active cases */
};
#define ALLOC_NREQ 5

/* Score weights. Each tier's most is less than one step of the tier above:
 * experience at most 10 < one tenth of free capacity (11); capacity at most
 * 110 < one linked case (150); linked cases at most 450 < one need met (1000). */
#define ALLOC_W_NEED 1000     /* each need met: PIP2, specialist training, child training for a child victim,
				 the case's team, each language a victim needs */
#define ALLOC_W_CONTINUITY 150 /* each linked case they lead or led (same people or places) */
#define ALLOC_MAX_CONTINUITY 3
#define ALLOC_W_CAPACITY 11 /* each tenth (rounded up) of their capacity still free, when present */
#define ALLOC_W_EXPERIENCE 1 /* each MSHT case led */
#define ALLOC_MAX_EXPERIENCE 10

typedef struct alloc_case {
	int child_victim; /* a potential victim under 18, or of disputed age */
	const char *team; /* the team that holds the case, or NULL */
	const char *today; /* YYYY-MM-DD, for the words of an absence; may be NULL */
	/* The languages victims need an interpreter for, by name ("Albanian"). */
	const char *languages[ALLOC_MAX_LANGUAGES];
	int nlanguages;
} alloc_case;

typedef struct alloc_candidate {
	int pip_level;		  /* 0 when not accredited */
	int specialist_valid;	  /* specialist MSHT investigation training valid today */
	int child_valid;	  /* child criminal exploitation training valid today */
	const char *absent_on;	  /* the first day of absence in the next 14 days (YYYY-MM-DD), or NULL */
	const char *absent_until; /* the last day of that absence, or NULL */
	const char *absence_kind; /* leave, course, sickness or other; NULL when not known */
	int active_cases;
	int capacity;	  /* maximum active cases; 0 when not set */
	unsigned speaks;  /* bit i: speaks the case's language i at working level or better */
	int linked_cases; /* other cases they lead or led with the same people or places */
	int msht_led;
	const char *team; /* their team, or NULL */
} alloc_candidate;

/* The requirements the candidate fails (0 when none). */
unsigned alloc_failed(const alloc_case *k, const alloc_candidate *c);
/* The requirement's code (for the API) and its words; NULL for no such bit. */
const char *alloc_requirement_code(unsigned req);
const char *alloc_requirement_text(unsigned req);
/* The score (0 and up): needs met, then capacity, then experience. */
int alloc_score(const alloc_case *k, const alloc_candidate *c);

/* Where a reason stands in the ranking. */
enum alloc_reason_kind {
	ALLOC_FOR,     /* counts for them */
	ALLOC_AGAINST, /* counts against them, or fails a requirement */
};
/* Calls emit with each reason, in plain words, for where the candidate
 * ranks, in the order of the tiers: what the case needs, capacity and
 * absence, then experience. Can't fail. */
void alloc_reasons(const alloc_case *k, const alloc_candidate *c,
		   void (*emit)(enum alloc_reason_kind kind, const char *text, void *arg), void *arg);
/* Orders two candidates: those meeting every requirement first, then by
 * score, highest first. Negative when a ranks before b. */
int alloc_compare(unsigned failed_a, int score_a, unsigned failed_b, int score_b);

#endif
