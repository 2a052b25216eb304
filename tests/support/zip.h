/* Zip files built in tests, as Word documents (.docx, .docm) are. */
#ifndef WAYMARK_TESTS_SUPPORT_ZIP_H
#define WAYMARK_TESTS_SUPPORT_ZIP_H

#include <stddef.h>

typedef struct zip_part {
	const char *name;
	const void *body;
	size_t len;
} zip_part;

/* Writes into out (cap bytes) a zip holding the n parts, stored without
 * compression, each with its CRC, and its directory. Returns its length,
 * or 0 when cap is too small. */
size_t zip_build(unsigned char *out, size_t cap, const zip_part *parts, size_t n);

#endif
