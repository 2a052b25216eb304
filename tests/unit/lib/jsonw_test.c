#include "unit/test.h"

#include <jansson.h>

#include "lib/jsonw.h"

static void test_writes_valid_json_with_nesting_and_escapes(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	jsonw w;
	jw_begin(&w, &b);
	jw_str(&w, "name", "Nguyễn \"Van\" A\\B\n");
	jw_int(&w, "n", -9007199254740993LL);
	jw_bool(&w, "yes", 1);
	jw_bool(&w, "no", 0);
	jw_null(&w, "none");
	jw_str(&w, "missing", NULL);
	jw_obj(&w, "inner");
	jw_str(&w, "a", "b");
	jw_obj(&w, "deeper");
	jw_end(&w);
	jw_end(&w);
	jw_int(&w, "after", 1);
	jw_end(&w);
	json_error_t e;
	json_t *j = json_loads(buf_str(&b), JSON_REJECT_DUPLICATES, &e);
	if (!j)
		fail_msg("%s: %s", buf_str(&b), e.text);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Nguyễn \"Van\" A\\B\n");
	assert_int_equal(json_integer_value(json_object_get(j, "n")), -9007199254740993LL);
	assert_true(json_is_true(json_object_get(j, "yes")));
	assert_true(json_is_false(json_object_get(j, "no")));
	assert_true(json_is_null(json_object_get(j, "none")));
	assert_true(json_is_null(json_object_get(j, "missing")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "inner"), "a")), "b");
	assert_int_equal(json_integer_value(json_object_get(j, "after")), 1);
	json_decref(j);
	buf_free(&b);
}

static void test_control_characters_are_escaped(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	jsonw w;
	jw_begin(&w, &b);
	jw_str(&w, "k\x01", "\x1f\t\r");
	jw_end(&w);
	assert_string_equal(buf_str(&b), "{\"k\\u0001\":\"\\u001f\\t\\r\"}");
	buf_free(&b);
}

static void test_a_raw_member_is_written_as_given(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	jsonw w;
	jw_begin(&w, &b);
	jw_str(&w, "a", "b");
	jw_raw(&w, "list", "[{\"k\":1},2]");
	jw_raw(&w, "empty", "[]");
	jw_end(&w);
	assert_string_equal(buf_str(&b), "{\"a\":\"b\",\"list\":[{\"k\":1},2],\"empty\":[]}");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writes_valid_json_with_nesting_and_escapes),
		cmocka_unit_test(test_control_characters_are_escaped),
		cmocka_unit_test(test_a_raw_member_is_written_as_given),
	};
	return cmocka_run_group_tests_name("lib/jsonw", tests, NULL, NULL);
}
