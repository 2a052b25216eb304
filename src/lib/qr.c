#include "lib/qr.h"

#include <qrencode.h>
#include <string.h>

/* Appends s with the five characters XML gives meaning to escaped. */
static void xml_escape(buf *b, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '<'    ? "&lt;"
		                : *s == '>'  ? "&gt;"
		                : *s == '&'  ? "&amp;"
		                : *s == '"'  ? "&quot;"
		                : *s == '\'' ? "&apos;"
		                             : NULL;
		if (e)
			buf_puts(b, e);
		else
			buf_append(b, s, 1);
	}
}

int qr_svg(buf *b, const char *text, const char *title)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	int w = q->width, side = w + 2 * QR_QUIET_ZONE;
	buf_printf(b,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	           "width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\" role=\"img\">"
	           "<title>",
	           side, side, side * 6, side * 6);
	xml_escape(b, title);
	buf_printf(
	    b, "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    side, side);
	/* Bit 0 of each module's byte says whether it is dark; a run of dark
	 * modules along a row is one rectangle. */
	for (int y = 0; y < w; y++) {
		const unsigned char *row = q->data + (size_t)y * (size_t)w;
		for (int x = 0; x < w;) {
			if (!(row[x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (row[x + run] & 1))
				run++;
			buf_printf(b, "M%d %dh%dv1h-%dz", x + QR_QUIET_ZONE, y + QR_QUIET_ZONE, run,
			           run);
			x += run;
		}
	}
	buf_puts(b, "\"/></svg>\n");
	QRcode_free(q);
	return b->failed ? -1 : w;
}
