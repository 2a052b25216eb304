/* CSV as RFC 4180 writes it: fields separated by commas, rows by CRLF or
 * LF, a field in double quotes may hold commas, line breaks and doubled
 * quotes. Reading is bounded; writing quotes only what needs it. */
#ifndef WAYMARK_LIB_CSV_H
#define WAYMARK_LIB_CSV_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/buf.h"

#define CSV_MAX_FIELDS 32

typedef struct csv_reader {
	const char *p, *end;
	size_t line; /* the line the next row starts on (1-based) */
} csv_reader;

void csv_init(csv_reader *r, const char *text, size_t len);
/* Reads the next row into fields (copied into a, NUL-terminated). Returns
 * the number of fields, 0 at the end, or -1 for a malformed row (a quote
 * left open, text after a closing quote, more than max fields) or when
 * memory runs out; the reader then stands after that row. A blank line is
 * a row of one empty field. */
int csv_next(csv_reader *r, arena *a, char **fields, int max);
/* Appends one field, quoted when it holds a comma, quote or line break,
 * and with a leading = + - @ tab or carriage return neutralised by a quote
 * mark so a spreadsheet never runs it as a formula. Returns 0 or -1. */
int csv_field(buf *b, const char *s, int first);

#endif
