/* Who may lead a modern slavery investigation, and who is best placed to.
 * Hard requirements (each a bit) must all be met unless a supervisor records
 * an override; soft factors add to a score that ranks those who meet them.
 * docs/allocation.md states every rule and weight. */
#ifndef WAYMARK_DOMAIN_ALLOCATION_H
#define WAYMARK_DOMAIN_ALLOCATION_H

#include <stddef.h>

/* The lowest PIP accreditation that may lead an MSHT investigation. */
#define ALLOC_MIN_PIP 2
/* A lead must not be absent on any of the next 14 days. */
#define ALLOC_ABSENCE_DAYS 14

enum alloc_requirement {
	ALLOC_REQ_PIP = 1u << 0,	/* accredited PIP2 or above */
	ALLOC_REQ_SPECIALIST = 1u << 1, /* valid specialist MSHT investigation training */
	ALLOC_REQ_CHILD = 1u << 2,	/* valid child criminal exploitation training, for a child victim */
	ALLOC_REQ_AVAILABLE = 1u << 3,	/* not absent over the next 14 days */
	ALLOC_REQ_CAPACITY = 1u << 4,	/* under their maximum of active cases */
};
#define ALLOC_NREQ 5

/* Score weights. */
#define ALLOC_W_LANGUAGE 25   /* each language a victim needs that they speak */
#define ALLOC_W_CONTINUITY 15 /* each linked case they lead or led (same people or places) */
#define ALLOC_MAX_CONTINUITY 3
#define ALLOC_W_WORKLOAD 20   /* times the share of their capacity still free */
#define ALLOC_W_EXPERIENCE 2  /* each MSHT case led */
#define ALLOC_MAX_EXPERIENCE 10

typedef struct alloc_case {
	int child_victim;    /* a potential victim under 18, or of disputed age */
	int languages_needed; /* languages victims need an interpreter for */
} alloc_case;

typedef struct alloc_candidate {
	int pip_level;	       /* 0 when not accredited */
	int specialist_valid;  /* specialist MSHT investigation training valid today */
	int child_valid;       /* child criminal exploitation training valid today */
	const char *absent_on; /* the first day of absence in the next 14 days, or NULL */
	int active_cases;
	int capacity;	       /* maximum active cases; 0 when not set */
	int languages_spoken;  /* of the languages needed, how many they speak at working level */
	int linked_cases;
	int msht_led;
} alloc_candidate;

/* The requirements the candidate fails (0 when none). */
unsigned alloc_failed(const alloc_case *k, const alloc_candidate *c);
/* The requirement's code (for the API) and its words. */
const char *alloc_requirement_code(unsigned req);
const char *alloc_requirement_text(unsigned req);
/* The score from the soft factors (0 and up). */
int alloc_score(const alloc_case *k, const alloc_candidate *c);
/* Calls emit with each reason, in words, for where the candidate ranks:
 * the requirements they fail first, then what adds to their score. */
void alloc_reasons(const alloc_case *k, const alloc_candidate *c, void (*emit)(const char *text, void *arg),
		   void *arg);
/* Orders two candidates: those meeting every requirement first, then by
 * score, highest first. Negative when a ranks before b. */
int alloc_compare(unsigned failed_a, int score_a, unsigned failed_b, int score_b);

#endif
