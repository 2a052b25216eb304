/* A small JSON writer over a buf, for answers on hot paths where building a
 * jansson tree and dumping it would cost more than the rest of the request. */
#ifndef WAYMARK_LIB_JSONW_H
#define WAYMARK_LIB_JSONW_H

#include <stdint.h>

#include "lib/buf.h"

typedef struct jsonw {
	buf *b;
	int first; /* no comma needed before the next member */
} jsonw;

/* Starts an object in b. Can't fail; allocation failure shows in b->failed. */
void jw_begin(jsonw *w, buf *b);
void jw_end(jsonw *w);
/* Members of the object; a NULL string writes null. */
void jw_str(jsonw *w, const char *key, const char *value);
void jw_int(jsonw *w, const char *key, int64_t value);
void jw_bool(jsonw *w, const char *key, int value);
void jw_null(jsonw *w, const char *key);
/* A member whose value is JSON text already encoded (an array, say). */
void jw_raw(jsonw *w, const char *key, const char *json);
/* Starts a nested object as the member key; end it with jw_end. */
void jw_obj(jsonw *w, const char *key);

#endif
