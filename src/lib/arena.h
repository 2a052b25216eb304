/* Bump allocators: many small allocations released together, one per request. */
#ifndef WAYMARK_LIB_ARENA_H
#define WAYMARK_LIB_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* Returns a new empty arena, or NULL when memory runs out. */
arena *arena_new(void);
/* Releases the arena and everything allocated from it. NULL is ignored. */
void arena_free(arena *a);
/* Returns n bytes aligned for any type, or NULL when memory runs out. */
void *arena_alloc(arena *a, size_t n);
/* Makes room for item n of items (*cap items of size bytes each, in the
 * arena): when it is full, copies it to a block of first items the first
 * time and twice the size after. Returns the array (the caller stores it),
 * or NULL when memory runs out or the size would overflow, *cap unchanged. */
void *arena_grow(arena *a, void *items, size_t *cap, size_t n, size_t size, size_t first);
/* Copies s (or its first n bytes) into the arena; returns NULL when memory runs out. */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* Has arena_free call fn(p) before it releases the memory, the last
 * deferred first. Returns 0, or -1 (fn not called) when memory runs out. */
int arena_defer(arena *a, void (*fn)(void *), void *p);

#endif
