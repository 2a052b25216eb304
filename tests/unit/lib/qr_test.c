#include "unit/test.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/qr.h"

#define URI "otpauth://totp/Waymark:inv1?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Waymark"

/* Reads the path back into a matrix of side x side modules (quiet zone
 * included): 1 where a rectangle covers a module. */
static unsigned char *modules_drawn(const char *svg, int side)
{
	unsigned char *m = calloc((size_t)side * (size_t)side, 1);
	assert_non_null(m);
	const char *p = strstr(svg, " d=\"");
	assert_non_null(p);
	p += 4;
	int x, y, run, run2, used;
	while (sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &run, &run2, &used) == 4) {
		assert_int_equal(run, run2);
		assert_true(x >= 0 && y >= 0 && x + run <= side && y < side);
		for (int i = 0; i < run; i++)
			m[(size_t)y * (size_t)side + (size_t)(x + i)] = 1;
		p += used;
	}
	assert_int_equal(*p, '"');
	return m;
}

static void test_svg_draws_exactly_the_dark_modules_libqrencode_makes(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	int w = qr_svg(&b, URI, "QR code");
	QRcode *q = QRcode_encodeString(URI, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(q);
	assert_int_equal(w, q->width);
	int side = w + 2 * QR_QUIET_ZONE;
	char box[64];
	snprintf(box, sizeof box, "viewBox=\"0 0 %d %d\"", side, side);
	assert_non_null(strstr(buf_str(&b), box));
	unsigned char *m = modules_drawn(buf_str(&b), side);
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++) {
			int inside = x >= QR_QUIET_ZONE && y >= QR_QUIET_ZONE &&
			             x < w + QR_QUIET_ZONE && y < w + QR_QUIET_ZONE;
			int dark =
			    inside && (q->data[(y - QR_QUIET_ZONE) * w + (x - QR_QUIET_ZONE)] & 1);
			assert_int_equal(m[y * side + x], dark);
		}
	free(m);
	QRcode_free(q);
	buf_free(&b);
}

static void test_title_is_escaped_and_nothing_else_is_text(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	assert_true(qr_svg(&b, "x", "<script>&\"'") > 0);
	assert_non_null(strstr(buf_str(&b), "<title>&lt;script&gt;&amp;&quot;&apos;</title>"));
	assert_null(strstr(buf_str(&b), "<script"));
	buf_free(&b);
}

static void test_text_too_long_for_any_code_fails(void **state)
{
	(void)state;
	size_t n = 4000; /* version 40 at level M holds 2331 bytes */
	char *text = malloc(n + 1);
	assert_non_null(text);
	memset(text, 'a', n);
	text[n] = '\0';
	buf b;
	buf_init(&b);
	assert_int_equal(qr_svg(&b, text, "QR code"), -1);
	buf_free(&b);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_svg_draws_exactly_the_dark_modules_libqrencode_makes),
	    cmocka_unit_test(test_title_is_escaped_and_nothing_else_is_text),
	    cmocka_unit_test(test_text_too_long_for_any_code_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
