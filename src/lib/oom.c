#include "lib/oom.h"

#include <jansson.h>
#include <stdlib.h>

#include "lib/fault.h"

static _Thread_local int seen;

void oom_note(void)
{
	seen = 1;
}

int oom_seen(void)
{
	return seen;
}

void oom_clear(void)
{
	seen = 0;
}

static void *json_alloc(size_t n)
{
	void *p = fault_alloc_fails() ? NULL : malloc(n);
	if (!p)
		oom_note();
	return p;
}

void oom_json_init(void)
{
	json_set_alloc_funcs(json_alloc, free);
}
