/* Reading and writing CSV: quotes, line breaks in fields, CRLF, a byte
 * order mark, malformed rows, and formula neutralising on export. */
#include "unit/test.h"

#include "lib/csv.h"

static int row(csv_reader *r, arena *a, char **f)
{
	return csv_next(r, a, f, 8);
}

static void test_reads_quoted_fields_and_line_endings(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBFusername,course\r\n"
			   "dc.jones,\"Trauma, informed\"\r\n"
			   "\"ds \"\"K\"\"\",\"two\nlines\"\n"
			   "\n"
			   "last,row";
	arena *a = arena_new();
	csv_reader r;
	csv_init(&r, text, strlen(text));
	char *f[8];
	assert_int_equal(row(&r, a, f), 2);
	assert_string_equal(f[0], "username");
	assert_string_equal(f[1], "course");
	assert_int_equal(row(&r, a, f), 2);
	assert_string_equal(f[1], "Trauma, informed");
	assert_int_equal(r.line, 3);
	assert_int_equal(row(&r, a, f), 2);
	assert_string_equal(f[0], "ds \"K\"");
	assert_string_equal(f[1], "two\nlines");
	assert_int_equal(row(&r, a, f), 1); /* a blank line */
	assert_string_equal(f[0], "");
	assert_int_equal(row(&r, a, f), 2);
	assert_string_equal(f[1], "row");
	assert_int_equal(row(&r, a, f), 0);
	arena_free(a);
}

static void test_malformed_rows_are_refused_and_skipped(void **state)
{
	(void)state;
	const char *text = "a,\"open\n"; /* a quote never closed */
	arena *a = arena_new();
	csv_reader r;
	char *f[8];
	csv_init(&r, text, strlen(text));
	assert_int_equal(row(&r, a, f), -1);
	const char *text2 = "a,\"b\"c,d\nok,1\nx,y\"z\n1,2,3,4,5,6,7,8,9\nend\n";
	csv_init(&r, text2, strlen(text2));
	assert_int_equal(row(&r, a, f), -1); /* text after a closing quote */
	assert_int_equal(row(&r, a, f), 2);
	assert_string_equal(f[0], "ok");
	assert_int_equal(row(&r, a, f), -1); /* a quote inside an unquoted field */
	assert_int_equal(row(&r, a, f), -1); /* too many fields */
	assert_int_equal(row(&r, a, f), 1);
	assert_string_equal(f[0], "end");
	assert_int_equal(row(&r, a, f), 0);
	arena_free(a);
}

static void test_writes_quotes_only_where_needed_and_never_a_formula(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	csv_field(&b, "plain", 1);
	csv_field(&b, "a, b", 0);
	csv_field(&b, "say \"hi\"", 0);
	csv_field(&b, "=HYPERLINK(\"x\")", 0);
	csv_field(&b, NULL, 0);
	assert_string_equal(buf_str(&b), "plain,\"a, b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",");
	buf_free(&b);
}

/* Each character a spreadsheet may take as the start of a formula is
 * neutralised with a leading quote mark inside a quoted field; the same
 * character later in a field is left alone. */
static void test_every_formula_lead_is_neutralised(void **state)
{
	(void)state;
	static const struct {
		const char *field, *written;
	} cases[] = {
		{"=1+1", "\"'=1+1\""},
		{"+44 20 7946 0000", "\"'+44 20 7946 0000\""},
		{"-2", "\"'-2\""},
		{"@SUM(A1)", "\"'@SUM(A1)\""},
		{"\t=cmd|' /C calc'!A0", "\"'\t=cmd|' /C calc'!A0\""},
		{"\r=1+1", "\"'\r=1+1\""},
		{"a\tb", "a\tb"},
		{"a=b", "a=b"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf b;
		buf_init(&b);
		assert_int_equal(csv_field(&b, cases[i].field, 1), 0);
		if (strcmp(buf_str(&b), cases[i].written) != 0)
			fail_msg("field %zu written as [%s], not [%s]", i, buf_str(&b),
				 cases[i].written);
		buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_quoted_fields_and_line_endings),
		cmocka_unit_test(test_malformed_rows_are_refused_and_skipped),
		cmocka_unit_test(test_writes_quotes_only_where_needed_and_never_a_formula),
		cmocka_unit_test(test_every_formula_lead_is_neutralised),
	};
	return cmocka_run_group_tests_name("lib/csv", tests, NULL, NULL);
}
