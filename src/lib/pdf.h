/* Plain documents as PDF: a title, then blocks of a heading and text,
 * set in DejaVu Sans (found through fontconfig) by Pango on A4 pages of a
 * cairo PDF surface, wrapped and carried over pages as they fill. Text is
 * UTF-8 and set as it is, never read as markup. */
#ifndef WAYMARK_LIB_PDF_H
#define WAYMARK_LIB_PDF_H

#include <stddef.h>

#include "lib/buf.h"

typedef struct pdf_block {
	const char *heading; /* set in bold; NULL for none */
	const char *text;    /* paragraphs split at new lines; NULL for none */
} pdf_block;

/* Appends the PDF of the title and the blocks to out. Returns 0, or -1
 * when memory runs out or cairo fails (out then holds no whole PDF). */
int pdf_write(const char *title, const pdf_block *blocks, size_t n, buf *out);

#endif
