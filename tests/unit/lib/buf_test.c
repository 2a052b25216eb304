#include "unit/test.h"

#include "lib/buf.h"

static void test_appends_grow_and_stay_terminated(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(buf_printf(&b, "%d,", i), 0);
	assert_int_equal(b.len, strlen(b.data));
	assert_memory_equal(b.data, "0,1,2,", 6);
	assert_non_null(strstr(b.data, "999,"));
	buf_free(&b);
	assert_null(b.data);
}

static void test_json_escape_covers_quotes_controls_and_backslashes(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	buf_json_escape(&b, "a\"b\\c\nd\x01\te");
	assert_string_equal(buf_str(&b), "a\\\"b\\\\c\\nd\\u0001\\te");
	buf_free(&b);
}

static void test_binary_appends_keep_length(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	buf_append(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_int_equal(b.data[3], '\0');
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appends_grow_and_stay_terminated),
		cmocka_unit_test(test_json_escape_covers_quotes_controls_and_backslashes),
		cmocka_unit_test(test_binary_appends_keep_length),
	};
	return cmocka_run_group_tests_name("lib/buf", tests, NULL, NULL);
}
