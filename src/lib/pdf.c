#include "lib/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <string.h>

/* A4 in points, with 2 cm margins. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.69

typedef struct pen {
	cairo_t *cr;
	PangoLayout *layout;
	double y; /* the top of the next line, in points from the page's top */
} pen;

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
	return buf_append(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS
	                                              : CAIRO_STATUS_WRITE_ERROR;
}

/* Sets text (one paragraph) in the font, line by line, starting a new page
 * where a line would pass the bottom margin; then leaves space after. */
static void set_paragraph(pen *p, const char *text, size_t len, const char *font, double after)
{
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(p->layout, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(p->layout, len ? text : " ", len ? (int)len : 1);
	PangoLayoutIter *it = pango_layout_get_iter(p->layout);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double h = (double)logical.height / PANGO_SCALE;
		if (p->y + h > PAGE_H - MARGIN && p->y > MARGIN) {
			cairo_show_page(p->cr);
			p->y = MARGIN;
		}
		double baseline =
		    (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
		cairo_move_to(p->cr, MARGIN, p->y + baseline);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y += after;
}

/* Sets text as paragraphs, one for each line of it. */
static void set_text(pen *p, const char *text, const char *font)
{
	const char *s = text;
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		set_paragraph(p, s, len, font, 2);
		if (!nl)
			break;
		s = nl + 1;
	}
}

int pdf_write(const char *title, const pdf_block *blocks, size_t n, buf *out)
{
	cairo_surface_t *surface =
	    cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		return -1;
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_t *cr = cairo_create(surface);
	/* A font map of the call's own: nothing of it outlives the call or
	 * is shared between the server's threads. */
	PangoFontMap *fonts = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(fonts);
	pango_cairo_update_context(cr, ctx);
	PangoLayout *layout = pango_layout_new(ctx);
	pango_layout_set_width(layout, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pen p = {cr, layout, MARGIN};
	cairo_set_source_rgb(cr, 0, 0, 0);
	set_paragraph(&p, title, strlen(title), "DejaVu Sans Bold 16", 12);
	for (size_t i = 0; i < n; i++) {
		if (blocks[i].heading)
			set_paragraph(&p, blocks[i].heading, strlen(blocks[i].heading),
			              "DejaVu Sans Bold 11", 4);
		if (blocks[i].text)
			set_text(&p, blocks[i].text, "DejaVu Sans 10");
		p.y += 10;
	}
	g_object_unref(layout);
	g_object_unref(ctx);
	g_object_unref(fonts);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	return st == CAIRO_STATUS_SUCCESS && !out->failed ? 0 : -1;
}
