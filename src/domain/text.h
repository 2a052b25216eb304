/* Text folding for search: lower case, Latin diacritics removed. */
#ifndef WAYMARK_DOMAIN_TEXT_H
#define WAYMARK_DOMAIN_TEXT_H

#include <stddef.h>

#include "lib/buf.h"

/* Appends s folded for matching: ASCII lower-cased, Latin letters with
 * diacritics (Latin-1, Latin Extended-A and B, Vietnamese) reduced to their
 * base letter, other characters kept as they are. Returns 0 or -1. */
int text_fold(const char *s, buf *out);

#endif
