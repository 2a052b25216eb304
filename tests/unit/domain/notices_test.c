#include "unit/test.h"

#include "domain/notices.h"

static void test_every_kind_names_who_acted(void **state)
{
	(void)state;
	const char *kinds[] = {NOTICE_RESET_ISSUED, NOTICE_PASSWORD_RESET,
	                       NOTICE_SECOND_FACTOR_REQUESTED, NOTICE_SECOND_FACTOR_CLEARED};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char text[256];
		assert_true(notice_text(kinds[i], "Alex Admin", text, sizeof text) > 20);
		assert_memory_equal(text, "Alex Admin ", 11);
		assert_true(notice_text(kinds[i], NULL, text, sizeof text) > 20);
		assert_memory_equal(text, "The system operator ", 20);
		assert_true(notice_text(kinds[i], "", text, sizeof text) > 20);
		assert_memory_equal(text, "The system operator ", 20);
	}
}

static void test_unknown_kinds_and_small_buffers(void **state)
{
	(void)state;
	char text[16] = "x";
	assert_int_equal(notice_text("party", "A", text, sizeof text), 0);
	assert_string_equal(text, "");
	assert_int_equal(notice_text(NULL, "A", text, sizeof text), 0);
	assert_int_equal(notice_text(NOTICE_RESET_ISSUED, "Alex", text, sizeof text),
	                 sizeof text - 1);
	assert_int_equal(strlen(text), sizeof text - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_kind_names_who_acted),
	    cmocka_unit_test(test_unknown_kinds_and_small_buffers),
	};
	return cmocka_run_group_tests_name("domain/notices", tests, NULL, NULL);
}
