/* Growable byte buffers that always stay NUL-terminated. */
#ifndef WAYMARK_LIB_BUF_H
#define WAYMARK_LIB_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *data;   /* NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
	int failed;   /* set when an allocation failed; later appends are ignored */
} buf;

/* Prepares an empty buffer. Can't fail. */
void buf_init(buf *b);
/* Releases the memory; the buffer may be initialised again. */
void buf_free(buf *b);
/* Appends n bytes. Returns 0, or -1 (and sets failed) when memory runs out. */
int buf_append(buf *b, const void *p, size_t n);
/* Appends a NUL-terminated string. Returns 0 or -1. */
int buf_puts(buf *b, const char *s);
/* Appends formatted text. Returns 0 or -1. */
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Appends s as the inside of a JSON string (escaped, no quotes). Returns 0 or -1. */
int buf_json_escape(buf *b, const char *s);
/* Returns the contents (never NULL: "" when empty). */
const char *buf_str(const buf *b);

#endif
