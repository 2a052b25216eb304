/* Phone numbers to one form: E.164 ("+447700900123") for matching and the
 * international format ("+44 7700 900123") for reading, by Google's
 * libphonenumber (Debian's libphonenumber-dev) behind a C interface.
 * Numbers written without a country code are read as the region's
 * (Waymark passes "GB"). Ofcom's ranges for TV and radio drama, which
 * libphonenumber calls invalid, count as valid UK numbers: they are what
 * demonstrations, training and tests use. Thread-safe; nothing is
 * allocated that outlives a call, and no C++ exception leaves one. */
#ifndef WAYMARK_LIB_PHONE_H
#define WAYMARK_LIB_PHONE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The longest E.164 number or international format, with its terminator. */
#define PHONE_MAX 48

/* Writes the E.164 form of a number as written ("07700 900123",
 * "+44 (0)7700-900123", "0044 7700 900123", "tel:+44-7700-900123") in out.
 * region is an ISO 3166-1 alpha-2 code for numbers written without a
 * country code; NULL means "GB". Returns 0; -1 when written is not a phone
 * number at all (empty, letters, no digits to speak of); -2 when it is
 * not a valid number: for a number written without its country code, not
 * one of the region's (so a foreign number needs its code); -3 when it
 * could not be checked (out of memory); or -1 when out (outlen bytes) is too
 * small. out is an empty string after any failure. */
int phone_e164(const char *written, const char *region, char *out, size_t outlen);

/* Writes the international format of an E.164 number ("+447700900123" ->
 * "+44 7700 900123") in out. Returns 0, or -1 when e164 is not one
 * phone_e164 writes, or out (outlen bytes) is too small. */
int phone_international(const char *e164, char *out, size_t outlen);

#ifdef __cplusplus
}
#endif

#endif
