/* Fault injection for the test build; empty in the normal build. */
#include "lib/fault.h"

#ifdef WAYMARK_FAULTS

#include <dlfcn.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
    [FAULT_BUSY] = "busy", [FAULT_FULL] = "full",   [FAULT_CONSTRAINT] = "constraint",
    [FAULT_IO] = "io",     [FAULT_NOMEM] = "nomem", [FAULT_ERR] = "err",
    [FAULT_DROP] = "drop",
};

static _Thread_local struct {
	int armed;
	long db_at;    /* the database call that fails (1-based), or 0 */
	long alloc_at; /* the allocation that fails, or 0 */
	fault_kind kind;
	long db_n; /* calls counted so far */
	long alloc_n;
	int fired;
	int committed; /* a transaction committed before the fault was met */
} armed;
/* While above zero, allocations are neither counted nor failed (see below). */
static _Thread_local int sheltered;

const char *fault_kind_name(fault_kind k)
{
	return k > FAULT_NONE && k <= FAULT_DROP ? names[k] : "none";
}

/* Reads a whole number from 1 up at *p, moving *p past it; 0 when none. */
static long count_at(const char **p)
{
	char *end;
	if (**p < '1' || **p > '9')
		return 0;
	long n = strtol(*p, &end, 10);
	*p = end;
	return n;
}

int fault_arm(const char *spec)
{
	memset(&armed, 0, sizeof armed);
	const char *p = spec;
	if (strncmp(p, "alloc=", 6) == 0) {
		p += 6;
		long n = count_at(&p);
		if (!n || *p)
			return -1;
		armed.alloc_at = n;
	} else if (strncmp(p, "db=", 3) == 0) {
		p += 3;
		long n = count_at(&p);
		if (!n || *p != ':')
			return -1;
		p++;
		for (int k = FAULT_BUSY; k <= FAULT_DROP && !armed.kind; k++)
			if (strcmp(p, names[k]) == 0)
				armed.kind = (fault_kind)k;
		if (!armed.kind)
			return -1;
		armed.db_at = n;
	} else {
		return -1;
	}
	armed.armed = 1;
	return 0;
}

void fault_disarm(void)
{
	memset(&armed, 0, sizeof armed);
}

int fault_armed(void)
{
	return armed.armed;
}

void fault_report(char *out, unsigned long n)
{
	snprintf(out, n, "%s db=%ld alloc=%ld",
	         armed.fired > 1 ? "fired after a commit"
	         : armed.fired   ? "fired"
	                         : "missed",
	         armed.db_n, armed.alloc_n);
}

/* Marks the fault met, and whether after a commit. */
static void fire(void)
{
	armed.fired = armed.committed ? 2 : 1;
}

fault_kind fault_db_next(void)
{
	if (!armed.armed)
		return FAULT_NONE;
	if (++armed.db_n != armed.db_at)
		return FAULT_NONE;
	fire();
	return armed.kind;
}

void fault_committed(void)
{
	armed.committed = 1;
}

int fault_alloc_fails(void)
{
	if (!armed.armed || sheltered)
		return 0;
	if (++armed.alloc_n != armed.alloc_at)
		return 0;
	fire();
	return 1;
}

/* jansson 2.14 ignores a failed allocation while it lexes and then reads
 * or writes past its buffer (akheron/jansson#362; Debian 12 carries the
 * defect), so no decoding survives one. These definitions stand in for
 * jansson's own in the test build only, so that decoding allocates freely
 * and the sweep fails every allocation around it instead. */
static json_t *(*real_loadb)(const char *, size_t, size_t, json_error_t *);
static json_t *(*real_loads)(const char *, size_t, json_error_t *);
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void find_real(void)
{
	*(void **)&real_loadb = dlsym(RTLD_NEXT, "json_loadb");
	*(void **)&real_loads = dlsym(RTLD_NEXT, "json_loads");
}

json_t *json_loadb(const char *buffer, size_t buflen, size_t flags, json_error_t *error)
{
	pthread_once(&real_once, find_real);
	sheltered++;
	json_t *j = real_loadb(buffer, buflen, flags, error);
	sheltered--;
	return j;
}

json_t *json_loads(const char *input, size_t flags, json_error_t *error)
{
	pthread_once(&real_once, find_real);
	sheltered++;
	json_t *j = real_loads(input, flags, error);
	sheltered--;
	return j;
}

#endif
