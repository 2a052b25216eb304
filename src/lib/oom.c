#include "lib/oom.h"

#include <jansson.h>
#include <stdlib.h>

#include "lib/fault.h"

static _Thread_local unsigned long failures;

void oom_note(void)
{
	failures++;
}

int oom_seen(void)
{
	return failures != 0;
}

void oom_clear(void)
{
	failures = 0;
}

char *oom_json_dumps(const json_t *v, size_t flags)
{
	unsigned long before = failures;
	char *text = json_dumps(v, flags);
	if (text && failures != before) {
		free(text);
		return NULL;
	}
	return text;
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
