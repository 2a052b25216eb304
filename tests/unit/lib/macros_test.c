#include "unit/test.h"

#include <fcntl.h>
#include <unistd.h>

#include "lib/macros.h"
#include "support/engines.h"
#include "support/zip.h"

static const char types[] = "<?xml version=\"1.0\"?><Types/>";
static const char body[] = "<w:document/>";
static const char vba[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not a real project";

/* Whether macros_in_zip finds a VBA project among parts named so. */
static int found_in(const char *vba_name)
{
	zip_part parts[] = {
	    {"[Content_Types].xml", types, sizeof types - 1},
	    {"word/document.xml", body, sizeof body - 1},
	    {vba_name, vba, sizeof vba - 1},
	};
	unsigned char zip[2048];
	size_t n = zip_build(zip, sizeof zip, parts, vba_name ? 3 : 2);
	assert_true(n > 0);
	int fd = test_file_of("doc.zip", zip, n);
	int rc = macros_in_zip(fd);
	close(fd);
	return rc;
}

static void test_a_vba_project_part_is_found_in_any_folder_and_case(void **state)
{
	(void)state;
	assert_int_equal(found_in("word/vbaProject.bin"), 1);
	assert_int_equal(found_in("xl/VBAPROJECT.BIN"), 1);
	assert_int_equal(found_in("vbaProject.bin"), 1);
}

static void test_a_document_without_one_has_no_macros(void **state)
{
	(void)state;
	assert_int_equal(found_in(NULL), 0);
	assert_int_equal(found_in("word/media/notvbaProject.bin"), 0);
	assert_int_equal(found_in("word/vbaProject.bin.txt"), 0);
}

static void test_a_file_that_is_no_zip_has_no_macros(void **state)
{
	(void)state;
	static const char text[] = "word/vbaProject.bin mentioned in a plain note\n";
	int fd = test_file_of("note.txt", text, sizeof text - 1);
	assert_int_equal(macros_in_zip(fd), 0);
	close(fd);
	fd = test_file_of("empty", "", 0);
	assert_int_equal(macros_in_zip(fd), 0);
	close(fd);
	assert_int_equal(macros_in_zip(-1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_vba_project_part_is_found_in_any_folder_and_case),
	    cmocka_unit_test(test_a_document_without_one_has_no_macros),
	    cmocka_unit_test(test_a_file_that_is_no_zip_has_no_macros),
	};
	return cmocka_run_group_tests_name("lib/macros", tests, NULL, NULL);
}
