#include "unit/test.h"

#include "domain/text.h"

static void test_fold_table(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} t[] = {
		{"Stefan", "stefan"},
		{"Ștefan", "stefan"},
		{"Şerban Ţiriac", "serban tiriac"},
		{"Nguyễn Thị Ánh", "nguyen thi anh"},
		{"Trần Đức", "tran duc"},
		{"Zoë Müller-Łukasiewicz", "zoe muller-lukasiewicz"},
		{"ÆØÅ æøå ß", "aoa aoa s"},
		{"Mohammed", "mohammed"},
		{"محمد", "محمد"},      /* other scripts are kept */
		{"Дмитрий", "Дмитрий"},
		{"", ""},
		{"\xff\xfe", "\xff\xfe"}, /* invalid UTF-8 passes through byte by byte */
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		buf b;
		buf_init(&b);
		assert_int_equal(text_fold(t[i].in, &b), 0);
		if (strcmp(buf_str(&b), t[i].out) != 0)
			fail_msg("fold(%s) = %s, expected %s", t[i].in, buf_str(&b), t[i].out);
		buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_table),
	};
	return cmocka_run_group_tests_name("domain/text", tests, NULL, NULL);
}
