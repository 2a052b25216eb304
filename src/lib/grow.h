/* Heap arrays that grow by doubling as items are appended. */
#ifndef WAYMARK_LIB_GROW_H
#define WAYMARK_LIB_GROW_H

#include <stddef.h>

/* Makes room for item n of the array items (*cap items of size bytes each):
 * when it is full, moves it to a larger block, of first items the first
 * time and twice the size after. Returns the array (the caller stores it),
 * or NULL when memory runs out or the size would overflow, the array and
 * *cap left as they were. */
void *grow_array(void *items, size_t *cap, size_t n, size_t size, size_t first);

#endif
