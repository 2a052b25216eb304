#include "unit/test.h"

#include <poppler.h>

#include "lib/pdf.h"

/* The text of every page of the PDF, and how many pages it has. */
static char *text_of(const buf *pdf, int *pages)
{
	GBytes *bytes = g_bytes_new(pdf->data, pdf->len);
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc)
		fail_msg("the PDF does not open: %s", err ? err->message : "?");
	GString *all = g_string_new("");
	*pages = poppler_document_get_n_pages(doc);
	for (int i = 0; i < *pages; i++) {
		PopplerPage *pg = poppler_document_get_page(doc, i);
		char *t = poppler_page_get_text(pg);
		g_string_append(all, t ? t : "");
		g_string_append_c(all, '\n');
		g_free(t);
		g_object_unref(pg);
	}
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return g_string_free(all, FALSE);
}

static void test_text_is_set_as_written_accents_and_markup_alike(void **state)
{
	(void)state;
	pdf_block blocks[] = {
	    {"Your record", "Given names: Żaneta\nFamily name: Wiśniewska"},
	    {"A note", "<b>not bold</b> & [redacted] said Nguyễn"},
	    {NULL, "No heading here"},
	};
	buf out;
	buf_init(&out);
	assert_int_equal(pdf_write("Bundle ščř", blocks, 3, &out), 0);
	assert_true(out.len > 4 && memcmp(out.data, "%PDF", 4) == 0);
	int pages;
	char *text = text_of(&out, &pages);
	assert_int_equal(pages, 1);
	const char *want[] = {
	    "Bundle ščř", "Your record",    "Żaneta", "Wiśniewska", "<b>not bold</b> & [redacted]",
	    "Nguyễn",     "No heading here"};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(text, want[i]))
			fail_msg("\"%s\" is not in the PDF's text:\n%s", want[i], text);
	g_free(text);
	buf_free(&out);
}

static void test_long_text_carries_over_pages(void **state)
{
	(void)state;
	buf long_text;
	buf_init(&long_text);
	for (int i = 0; i < 200; i++)
		buf_printf(
		    &long_text,
		    "Line %d of a long consultation log that wraps across the width of the page "
		    "because it is written out in full.\n",
		    i);
	buf_puts(&long_text, "The very end");
	pdf_block b = {"Who consulted your record", buf_str(&long_text)};
	buf out;
	buf_init(&out);
	assert_int_equal(pdf_write("Long", &b, 1, &out), 0);
	int pages;
	char *text = text_of(&out, &pages);
	assert_true(pages > 3);
	assert_non_null(strstr(text, "Line 0 of"));
	assert_non_null(strstr(text, "Line 199 of"));
	assert_non_null(strstr(text, "The very end"));
	g_free(text);
	buf_free(&out);
	buf_free(&long_text);
}

static void test_no_blocks_still_makes_a_document(void **state)
{
	(void)state;
	buf out;
	buf_init(&out);
	assert_int_equal(pdf_write("Empty", NULL, 0, &out), 0);
	int pages;
	char *text = text_of(&out, &pages);
	assert_int_equal(pages, 1);
	assert_non_null(strstr(text, "Empty"));
	g_free(text);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_is_set_as_written_accents_and_markup_alike),
	    cmocka_unit_test(test_long_text_carries_over_pages),
	    cmocka_unit_test(test_no_blocks_still_makes_a_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
