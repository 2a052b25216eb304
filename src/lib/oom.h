/* The out-of-memory watch: every allocator Waymark uses (arenas, buffers,
 * jansson) notes a failed allocation here, per thread, so a request that
 * lost an allocation somewhere, even one whose result nobody checked, is
 * known to have done so: it commits nothing and answers 503. */
#ifndef WAYMARK_LIB_OOM_H
#define WAYMARK_LIB_OOM_H

#include <jansson.h>

/* Notes that an allocation failed on this thread. Can't fail. */
void oom_note(void);
/* Whether an allocation failed on this thread since oom_clear. */
int oom_seen(void);
/* Forgets earlier failures on this thread (a request starts clean). */
void oom_clear(void);
/* json_dumps, but NULL (never text) when an allocation failed while it
 * wrote: jansson 2.14 then returns text that has lost an object's key
 * (akheron/jansson#655). The caller frees the text. */
char *oom_json_dumps(const json_t *v, size_t flags);
/* Has jansson allocate through the watch (and, in the test build, fail
 * when a request asks it to). Call once at start, before any JSON is made. */
void oom_json_init(void);

#endif
