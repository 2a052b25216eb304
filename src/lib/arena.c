#include "lib/arena.h"

#include "lib/fault.h"
#include "lib/oom.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK 8192

struct chunk {
	struct chunk *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

struct deferred {
	struct deferred *next;
	void (*fn)(void *);
	void *p;
};

struct arena {
	struct chunk *head;
	struct deferred *deferred;
};

arena *arena_new(void)
{
	return calloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (struct deferred *d = a->deferred; d; d = d->next)
		d->fn(d->p);
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void *arena_alloc(arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	if (n > SIZE_MAX - align || fault_alloc_fails()) {
		oom_note();
		return NULL;
	}
	n = (n + align - 1) & ~(align - 1);
	struct chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		if (size > SIZE_MAX - sizeof(struct chunk)) {
			oom_note();
			return NULL;
		}
		c = malloc(sizeof(struct chunk) + size);
		if (!c) {
			oom_note();
			return NULL;
		}
		c->used = 0;
		c->size = size;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += n;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	if (n == SIZE_MAX)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

int arena_defer(arena *a, void (*fn)(void *), void *p)
{
	struct deferred *d = arena_alloc(a, sizeof *d);
	if (!d)
		return -1;
	d->fn = fn;
	d->p = p;
	d->next = a->deferred;
	a->deferred = d;
	return 0;
}

void *arena_grow(arena *a, void *items, size_t *cap, size_t n, size_t size, size_t first)
{
	if (n < *cap)
		return items;
	size_t want = *cap ? *cap * 2 : first;
	if (want < *cap || (size && want > SIZE_MAX / size))
		return NULL;
	void *v = arena_alloc(a, want * size);
	if (!v)
		return NULL;
	if (n)
		memcpy(v, items, n * size);
	*cap = want;
	return v;
}
