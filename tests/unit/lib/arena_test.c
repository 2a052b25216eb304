#include "unit/test.h"

#include <stdint.h>

#include <stdalign.h>

#include "lib/arena.h"

static void test_allocations_are_aligned_and_distinct(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *prev = NULL;
	for (int i = 1; i < 3000; i++) {
		char *p = arena_alloc(a, (size_t)(i % 37) + 1);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		assert_ptr_not_equal(p, prev);
		memset(p, 0xab, (size_t)(i % 37) + 1);
		prev = p;
	}
	arena_free(a);
}

static void test_large_allocations_get_their_own_chunk(void **state)
{
	(void)state;
	arena *a = arena_new();
	char *big = arena_alloc(a, 100000);
	assert_non_null(big);
	memset(big, 1, 100000);
	char *s = arena_strdup(a, "victim-safe");
	assert_string_equal(s, "victim-safe");
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_null(arena_alloc(a, SIZE_MAX - 4));
	arena_free(a);
	arena_free(NULL);
}

static void record(void *p)
{
	int *slot = p;
	static int order;
	*slot = ++order;
}

static void test_deferred_releases_run_at_free_the_last_first(void **state)
{
	(void)state;
	arena *a = arena_new();
	int first = 0, second = 0;
	assert_int_equal(arena_defer(a, record, &first), 0);
	assert_int_equal(arena_defer(a, record, &second), 0);
	assert_int_equal(first, 0);
	assert_int_equal(second, 0);
	arena_free(a);
	assert_true(second > 0);
	assert_int_equal(first, second + 1);
}

static void test_an_array_grows_by_doubling_and_keeps_its_items(void **state)
{
	(void)state;
	arena *a = arena_new();
	int *v = NULL;
	size_t cap = 0, n = 0;
	for (; n < 100; n++) {
		v = arena_grow(a, v, &cap, n, sizeof *v, 4);
		assert_non_null(v);
		v[n] = (int)n * 3;
	}
	assert_int_equal(cap, 128); /* 4, 8, ... 128 */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], (int)i * 3);
	/* Room left: the same array. */
	assert_ptr_equal(arena_grow(a, v, &cap, n, sizeof *v, 4), v);
	/* A size that would overflow: NULL, the capacity as it was. */
	size_t huge = SIZE_MAX / 2 + 1;
	assert_null(arena_grow(a, v, &huge, huge, sizeof *v, 4));
	assert_int_equal(huge, SIZE_MAX / 2 + 1);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_allocations_are_aligned_and_distinct),
	    cmocka_unit_test(test_large_allocations_get_their_own_chunk),
	    cmocka_unit_test(test_deferred_releases_run_at_free_the_last_first),
	    cmocka_unit_test(test_an_array_grows_by_doubling_and_keeps_its_items),
	};
	return cmocka_run_group_tests_name("lib/arena", tests, NULL, NULL);
}
