#include "lib/csv.h"

#include <string.h>

void csv_init(csv_reader *r, const char *text, size_t len)
{
	r->p = text;
	r->end = text + len;
	r->line = 1;
	/* A UTF-8 byte order mark, as spreadsheets write it. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
}

/* Skips to the start of the next row after a malformed one. */
static int skip_row(csv_reader *r)
{
	while (r->p < r->end && *r->p != '\n')
		r->p++;
	if (r->p < r->end) {
		r->p++;
		r->line++;
	}
	return -1;
}

int csv_next(csv_reader *r, arena *a, char **fields, int max)
{
	if (r->p >= r->end)
		return 0;
	int n = 0;
	buf f;
	buf_init(&f);
	for (;;) {
		f.len = 0;
		if (f.data)
			f.data[0] = '\0';
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			for (;;) {
				if (r->p >= r->end) {
					buf_free(&f);
					return -1; /* a quote left open */
				}
				if (*r->p == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						buf_append(&f, "\"", 1);
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (*r->p == '\n')
					r->line++;
				buf_append(&f, r->p++, 1);
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\n' && !(*r->p == '\r' && (r->p + 1 == r->end || r->p[1] == '\n'))) {
				buf_free(&f);
				return skip_row(r);
			}
		} else {
			const char *start = r->p;
			while (r->p < r->end && *r->p != ',' && *r->p != '\n')
				r->p++;
			size_t len = (size_t)(r->p - start);
			if (len && start[len - 1] == '\r' && (r->p == r->end || *r->p == '\n'))
				len--;
			if (memchr(start, '"', len)) {
				buf_free(&f);
				return skip_row(r);
			}
			buf_append(&f, start, len);
		}
		if (n == max || f.failed) {
			buf_free(&f);
			return skip_row(r);
		}
		fields[n] = arena_strndup(a, buf_str(&f), f.len);
		if (!fields[n]) {
			buf_free(&f);
			return skip_row(r);
		}
		n++;
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p >= r->end)
			break;
		if (*r->p == '\n') {
			r->p++;
			r->line++;
			break;
		}
		r->p++; /* the comma */
	}
	buf_free(&f);
	return n;
}

int csv_field(buf *b, const char *s, int first)
{
	if (!first && buf_append(b, ",", 1) != 0)
		return -1;
	s = s ? s : "";
	/* What a spreadsheet may read as the start of a formula (OWASP's list). */
	int formula = s[0] && strchr("=+-@\t\r", s[0]);
	if (!formula && !strpbrk(s, ",\"\r\n"))
		return buf_puts(b, s);
	buf_append(b, "\"", 1);
	if (formula)
		buf_append(b, "'", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_append(b, "\"", 1);
		buf_append(b, p, 1);
	}
	return buf_append(b, "\"", 1);
}
