/* QR codes as SVG: libqrencode makes the module matrix, this draws it. */
#ifndef WAYMARK_LIB_QR_H
#define WAYMARK_LIB_QR_H

#include "lib/buf.h"

/* The quiet zone around the code, in modules, as the standard asks. */
#define QR_QUIET_ZONE 4

/* Appends to b an SVG image of text as a QR code (error correction level
 * M, byte mode), each module one unit of the viewBox, dark modules one
 * path, with a quiet zone. title becomes the image's <title> (escaped).
 * Returns the code's width in modules without the quiet zone, or -1 when
 * the text does not fit a QR code or memory runs out (b may then hold
 * part of the image, and b->failed tells the second). */
int qr_svg(buf *b, const char *text, const char *title);

#endif
