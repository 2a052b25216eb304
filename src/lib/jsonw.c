#include "lib/jsonw.h"

#include <inttypes.h>
#include <stdio.h>

void jw_begin(jsonw *w, buf *b)
{
	w->b = b;
	w->first = 1;
	buf_append(b, "{", 1);
}

void jw_end(jsonw *w)
{
	buf_append(w->b, "}", 1);
	w->first = 0;
}

static void key(jsonw *w, const char *k)
{
	if (!w->first)
		buf_append(w->b, ",", 1);
	w->first = 0;
	buf_append(w->b, "\"", 1);
	buf_json_escape(w->b, k);
	buf_append(w->b, "\":", 2);
}

void jw_str(jsonw *w, const char *k, const char *value)
{
	key(w, k);
	if (!value) {
		buf_append(w->b, "null", 4);
		return;
	}
	buf_append(w->b, "\"", 1);
	buf_json_escape(w->b, value);
	buf_append(w->b, "\"", 1);
}

void jw_int(jsonw *w, const char *k, int64_t value)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%" PRId64, value);
	key(w, k);
	buf_append(w->b, num, (size_t)n);
}

void jw_bool(jsonw *w, const char *k, int value)
{
	key(w, k);
	if (value)
		buf_append(w->b, "true", 4);
	else
		buf_append(w->b, "false", 5);
}

void jw_null(jsonw *w, const char *k)
{
	key(w, k);
	buf_append(w->b, "null", 4);
}

void jw_raw(jsonw *w, const char *k, const char *json)
{
	key(w, k);
	buf_puts(w->b, json);
}

void jw_obj(jsonw *w, const char *k)
{
	key(w, k);
	buf_append(w->b, "{", 1);
	w->first = 1;
}
