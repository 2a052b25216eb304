/* Fault injection, for the test build only (compiled with -DWAYMARK_FAULTS):
 * a request may ask that its Nth database call, or its Nth allocation,
 * fails, so a test can prove that every such failure is answered and leaves
 * nothing half-written. The count is per thread, so per request: armed when
 * a request is routed, stopped when its reply is queued.
 *
 * In the normal build every function here is an empty inline and nothing of
 * this is compiled in. */
#ifndef WAYMARK_LIB_FAULT_H
#define WAYMARK_LIB_FAULT_H

/* What the failing database call meets. */
typedef enum {
	FAULT_NONE = 0,
	FAULT_BUSY,       /* locked, or a lock timeout */
	FAULT_FULL,       /* the disk is full */
	FAULT_CONSTRAINT, /* a unique or foreign-key rule refuses */
	FAULT_IO,         /* storage cannot be read or written */
	FAULT_NOMEM,      /* the engine is out of memory */
	FAULT_ERR,        /* anything else: a bug */
	FAULT_DROP,       /* the connection is lost (PostgreSQL) */
} fault_kind;

/* The request header that asks for a fault, and the reply header that says
 * whether it was met. */
#define FAULT_HEADER "X-Waymark-Fault"

#ifdef WAYMARK_FAULTS

/* Arms this thread from a spec: "db=N:KIND" (KIND one of busy, full,
 * constraint, io, nomem, err, drop) or "alloc=N", N from 1. Returns 0, or
 * -1 (nothing armed) when the spec is malformed. */
int fault_arm(const char *spec);
/* Stops counting on this thread and forgets the fault. */
void fault_disarm(void);
/* Whether this thread is armed. */
int fault_armed(void);
/* Writes what the armed request met, for the reply header: "fired", or
 * "fired after a commit" when a transaction of the request had committed
 * before the fault was met, or "missed"; then the database calls and
 * allocations counted: "fired db=12 alloc=340". */
void fault_report(char *out, unsigned long n);
/* Notes that a transaction of this request committed. */
void fault_committed(void);
/* Counts one database call: FAULT_NONE, or the kind it must fail with. */
fault_kind fault_db_next(void);
/* Counts one allocation: 1 when it must fail. */
int fault_alloc_fails(void);
/* The kind's name ("busy", ...). */
const char *fault_kind_name(fault_kind k);

#else

static inline int fault_arm(const char *spec)
{
	(void)spec;
	return 0;
}
static inline void fault_disarm(void)
{
}
static inline int fault_armed(void)
{
	return 0;
}
static inline fault_kind fault_db_next(void)
{
	return FAULT_NONE;
}
static inline int fault_alloc_fails(void)
{
	return 0;
}
static inline void fault_committed(void)
{
}

#endif

#endif
