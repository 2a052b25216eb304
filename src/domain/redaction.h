/* Finding third parties' names in text, to mark them for redaction before
 * an access bundle is released (Data Protection Act 2018 s45(4)(e)): a name
 * matches whatever its case and accents ("józef" finds "Jozef"), across any
 * run of spaces, and only as whole words ("Ann" is not found in "Annual",
 * nor "Li" in "Lima"). Positions are counted in characters (Unicode code
 * points), as a client counts them, and in bytes for C. */
#ifndef WAYMARK_DOMAIN_REDACTION_H
#define WAYMARK_DOMAIN_REDACTION_H

#include <stddef.h>

#include "lib/buf.h"

/* A name to look for, and whose it is (the caller's index or code). */
typedef struct redaction_term {
	const char *text; /* UTF-8 */
	int whose;
} redaction_term;

/* One place a term was found. */
typedef struct redaction_span {
	size_t start, length;           /* in characters */
	size_t byte_start, byte_length; /* the same in bytes */
	size_t term;                    /* the index of the term found */
} redaction_span;

/* Calls fn for each place in text where one of the terms stands as whole
 * words, in order and never overlapping; where two terms start at one
 * place the longer wins ("Marek Kowalski" over "Marek"). Returns 0, -1
 * when memory runs out, or fn's non-zero answer, which stops the search. */
int redaction_find(const char *text, const redaction_term *terms, size_t nterms,
                   int (*fn)(const redaction_span *s, void *arg), void *arg);

/* Whether a and b are the same words once case, accents and runs of
 * spaces are set aside. */
int redaction_same(const char *a, const char *b);

/* Calls fn with each word of a name (split at spaces and hyphens) of at
 * least min characters: word points into name, len bytes long. Returns 0
 * or fn's non-zero answer. */
int redaction_words(const char *name, size_t min,
                    int (*fn)(const char *word, size_t len, void *arg), void *arg);

/* Appends text to out with each span (in order, not overlapping, as
 * redaction_find gives them; spans past the text are ignored) replaced by
 * mark. Returns 0 or -1 when memory runs out. */
int redaction_apply(const char *text, const redaction_span *spans, size_t n, const char *mark,
                    buf *out);

/* Fills each span's bytes (byte_start, byte_length) from its characters
 * (start, length) in text; a span past the text gets byte_length 0 and
 * byte_start the text's length. */
void redaction_spans_bytes(const char *text, redaction_span *spans, size_t n);

/* The grounds on which an item may be withheld from a person asking for
 * their data (Data Protection Act 2018 s45(4)), by code: "inquiry",
 * "prosecution", "public_security", "national_security",
 * "rights_of_others". The ground as the Act words it, or NULL for a code
 * that names none. */
const char *redaction_ground_text(const char *code);

#endif
