/* Arrays that grow as items are appended: room made when full, doubling,
 * and a size that would overflow refused with the array left as it was. */
#include "unit/test.h"

#include <stdint.h>
#include <stdlib.h>

#include "lib/grow.h"

static void test_an_array_grows_by_doubling_and_keeps_its_items(void **state)
{
	(void)state;
	int *v = NULL;
	size_t cap = 0;
	for (size_t n = 0; n < 100; n++) {
		int *grown = grow_array(v, &cap, n, sizeof *v, 4);
		assert_non_null(grown);
		v = grown;
		v[n] = (int)n * 3;
		assert_true(cap > n);
		assert_true(cap == 4 || cap == 8 || cap == 16 || cap == 32 || cap == 64 || cap == 128);
	}
	for (size_t n = 0; n < 100; n++)
		assert_int_equal(v[n], (int)n * 3);
	/* Room already there: the same block, the capacity unchanged. */
	assert_ptr_equal(grow_array(v, &cap, 50, sizeof *v, 4), v);
	assert_int_equal(cap, 128);
	free(v);
}

static void test_a_size_that_would_overflow_is_refused_and_changes_nothing(void **state)
{
	(void)state;
	char *v = malloc(8);
	assert_non_null(v);
	size_t cap = SIZE_MAX / 2 + 1;
	assert_null(grow_array(v, &cap, cap, 1, 4)); /* twice the capacity overflows */
	assert_int_equal(cap, SIZE_MAX / 2 + 1);
	cap = SIZE_MAX / 16;
	assert_null(grow_array(v, &cap, cap, 16, 4)); /* the bytes overflow */
	assert_int_equal(cap, SIZE_MAX / 16);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_array_grows_by_doubling_and_keeps_its_items),
		cmocka_unit_test(test_a_size_that_would_overflow_is_refused_and_changes_nothing),
	};
	return cmocka_run_group_tests_name("lib/grow", tests, NULL, NULL);
}
