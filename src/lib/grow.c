#include "lib/grow.h"

#include <stdint.h>
#include <stdlib.h>

void *grow_array(void *items, size_t *cap, size_t n, size_t size, size_t first)
{
	if (n < *cap)
		return items;
	if (*cap > SIZE_MAX / 2)
		return NULL;
	size_t want = *cap ? *cap * 2 : first;
	if (want > SIZE_MAX / size)
		return NULL;
	void *bigger = realloc(items, want * size);
	if (!bigger)
		return NULL;
	*cap = want;
	return bigger;
}
