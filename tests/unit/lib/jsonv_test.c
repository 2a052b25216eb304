#include "unit/test.h"

#include "lib/jsonv.h"

static const jv_field fields[] = {
	{"name", JV_STRING, 1, 8},
	{"ok", JV_BOOL, 0, 0},
	{"n", JV_INT, 0, 0},
	{"tags", JV_STRING_ARRAY, 0, 2},
	{"obj", JV_OBJECT, 0, 0},
	{"list", JV_ARRAY, 0, 2},
	{"value", JV_TEXT_OR_OBJECT, 0, 4},
};

static size_t problems(const char *text, char *first_field, size_t n)
{
	char err[128];
	json_t *j = jv_parse(text, strlen(text), err, sizeof err);
	assert_non_null(j);
	json_t *errors = json_array();
	size_t bad = jv_check(j, fields, sizeof fields / sizeof fields[0], errors);
	assert_int_equal(bad, json_array_size(errors));
	if (bad && first_field)
		snprintf(first_field, n, "%s",
			 json_string_value(json_object_get(json_array_get(errors, 0), "field")));
	json_decref(errors);
	json_decref(j);
	return bad;
}

static void test_check_table(void **state)
{
	(void)state;
	static const struct {
		const char *body;
		size_t bad;
		const char *field;
	} cases[] = {
		{"{\"name\":\"ab\"}", 0, NULL},
		{"{\"name\":\"ab\",\"ok\":true,\"n\":3,\"tags\":[\"x\"],\"obj\":{}}", 0, NULL},
		{"{\"name\":\"ab\",\"ok\":null}", 0, NULL},
		{"{}", 1, "name"},
		{"{\"name\":null}", 1, "name"},
		{"{\"name\":3}", 1, "name"},
		{"{\"name\":\"123456789\"}", 1, "name"},
		{"{\"name\":\"a\",\"ok\":\"yes\"}", 1, "ok"},
		{"{\"name\":\"a\",\"n\":1.5}", 1, "n"},
		{"{\"name\":\"a\",\"tags\":[1]}", 1, "tags"},
		{"{\"name\":\"a\",\"tags\":[\"a\",\"b\",\"c\"]}", 1, "tags"},
		{"{\"name\":\"a\",\"obj\":[]}", 1, "obj"},
		{"{\"name\":\"a\",\"list\":[{},1]}", 0, NULL},
		{"{\"name\":\"a\",\"list\":{}}", 1, "list"},
		{"{\"name\":\"a\",\"list\":[1,2,3]}", 1, "list"},
		{"{\"name\":\"a\",\"extra\":1}", 1, "extra"},
		{"{\"extra\":1}", 2, "extra"},
		{"{\"name\":\"a\",\"value\":\"abcd\"}", 0, NULL},
		{"{\"name\":\"a\",\"value\":{\"line1\":\"anything\"}}", 0, NULL},
		{"{\"name\":\"a\",\"value\":\"abcde\"}", 1, "value"},
		{"{\"name\":\"a\",\"value\":7}", 1, "value"},
		{"{\"name\":\"a\",\"value\":[\"a\"]}", 1, "value"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char f[64] = "";
		size_t bad = problems(cases[i].body, f, sizeof f);
		if (bad != cases[i].bad)
			fail_msg("%s: %zu problems, expected %zu", cases[i].body, bad, cases[i].bad);
		if (cases[i].field)
			assert_string_equal(f, cases[i].field);
	}
}

static void test_parse_refuses_non_objects_duplicates_and_bad_utf8(void **state)
{
	(void)state;
	const char *bad[] = {"", "[]", "\"x\"", "{\"a\":1,\"a\":2}", "{\"a\":\"\xc3\x28\"}", "{",
			     "{\"a\":\"\\u0000\"}"};
	char err[128];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *j = jv_parse(bad[i], strlen(bad[i]), err, sizeof err);
		if (j)
			fail_msg("accepted %s", bad[i]);
		assert_true(strlen(err) > 0);
	}
	json_t *j = jv_parse("{\"name\":\"Nguyễn\"}", strlen("{\"name\":\"Nguyễn\"}"), err, sizeof err);
	assert_non_null(j);
	assert_string_equal(jv_str(j, "name"), "Nguyễn");
	assert_null(jv_str(j, "other"));
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_table),
		cmocka_unit_test(test_parse_refuses_non_objects_duplicates_and_bad_utf8),
	};
	return cmocka_run_group_tests_name("lib/jsonv", tests, NULL, NULL);
}
