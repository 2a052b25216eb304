#include "domain/redaction.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/text.h"

/* Text read as characters: each folded for matching, with where it starts
 * in the bytes (at[n] is the length in bytes) and in code points (pos[n]
 * is the length in code points). A combining mark, and a character that
 * is never seen (a soft hyphen, a zero-width joiner), belongs to the
 * character before it: "Jo\u0301zef" (decomposed, as pasted from some
 * systems) is "Józef", and "Kowal\u00ADski" is "Kowalski". */
typedef struct chars {
	uint32_t *cp;
	size_t *at;
	size_t *pos;
	size_t n;
} chars;

/* The character p starts with into *cp; its length in bytes (1 for a byte
 * that starts no valid character, kept as it is). */
static size_t decode(const unsigned char *p, uint32_t *cp)
{
	unsigned c = p[0];
	size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
	uint32_t v = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : len == 4 ? c & 0x07 : c;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*cp = c;
			return 1;
		}
		v = (v << 6) | (p[i] & 0x3F);
	}
	*cp = v;
	return len;
}

/* Lower case for the scripts names are written in beyond Latin: Greek and
 * Cyrillic capitals. */
static uint32_t lower(uint32_t cp)
{
	if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	return cp;
}

/* The character folded as search folds it (text.h): a Latin letter to its
 * base letter in lower case, others in lower case where they have one.
 * scratch is the caller's, reused. */
static uint32_t fold(const unsigned char *p, size_t len, uint32_t cp, buf *scratch)
{
	/* Apostrophes as typed or pasted: O’Brien is O'Brien. */
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x0060 || cp == 0x00B4 ||
	    cp == 0x2032)
		return '\'';
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	char one[5] = {0};
	memcpy(one, p, len);
	scratch->len = 0;
	if (text_fold(one, scratch) == 0 && scratch->len == 1)
		return (unsigned char)scratch->data[0];
	return lower(cp);
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0;
}

/* Whether the character is part of a word: letters and digits of any
 * script; not spaces, punctuation (ASCII, Latin-1's, the general
 * punctuation block, CJK's) or symbols. */
static int is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFF00 && cp <= 0xFF0F))
		return 0;
	return 1;
}

/* Whether the character belongs to the one before it: a combining mark,
 * or one never seen. */
static int is_attached(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	       (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	       (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x00AD || cp == 0x200C || cp == 0x200D ||
	       cp == 0x2060 || cp == 0xFEFF;
}

static void chars_free(chars *c)
{
	free(c->cp);
	free(c->at);
	free(c->pos);
	c->cp = NULL;
	c->at = NULL;
	c->pos = NULL;
}

/* Reads s into c. 0, or -1 when memory runs out. */
static int chars_read(const char *s, chars *c, buf *scratch)
{
	size_t bytes = strlen(s);
	c->n = 0;
	c->cp = malloc((bytes + 1) * sizeof *c->cp);
	c->at = malloc((bytes + 1) * sizeof *c->at);
	c->pos = malloc((bytes + 1) * sizeof *c->pos);
	if (!c->cp || !c->at || !c->pos) {
		chars_free(c);
		return -1;
	}
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, points = 0;
	while (i < bytes) {
		uint32_t cp;
		size_t len = decode(p + i, &cp);
		if (i + len > bytes)
			len = bytes - i;
		points++;
		if (c->n && is_attached(cp)) {
			i += len;
			continue;
		}
		c->at[c->n] = i;
		c->pos[c->n] = points - 1;
		c->cp[c->n++] = fold(p + i, len, cp, scratch);
		i += len;
	}
	c->at[c->n] = bytes;
	c->pos[c->n] = points;
	return scratch->failed ? (chars_free(c), -1) : 0;
}

/* Where in text a term that starts at t0 ends, as whole words: the index
 * after its last character, or 0 when it does not stand there. A space in
 * the term stands for any run of spaces in the text. */
static size_t match_at(const chars *text, size_t t0, const chars *term)
{
	size_t i = t0, j = 0;
	while (j < term->n) {
		if (is_space(term->cp[j])) {
			while (j < term->n && is_space(term->cp[j]))
				j++;
			if (i >= text->n || !is_space(text->cp[i]))
				return 0;
			while (i < text->n && is_space(text->cp[i]))
				i++;
			continue;
		}
		if (i >= text->n || text->cp[i] != term->cp[j])
			return 0;
		i++;
		j++;
	}
	if (i < text->n && is_word(text->cp[i]) && is_word(text->cp[i - 1]))
		return 0;
	return i;
}

/* The term without its leading and trailing spaces, as characters. */
static void trim(chars *t)
{
	size_t lead = 0;
	while (lead < t->n && is_space(t->cp[lead]))
		lead++;
	if (lead) {
		memmove(t->cp, t->cp + lead, (t->n - lead) * sizeof *t->cp);
		t->n -= lead;
	}
	while (t->n && is_space(t->cp[t->n - 1]))
		t->n--;
}

int redaction_find(const char *text, const redaction_term *terms, size_t nterms,
                   int (*fn)(const redaction_span *s, void *arg), void *arg)
{
	buf scratch;
	buf_init(&scratch);
	chars t = {0};
	chars *tt = nterms ? calloc(nterms, sizeof *tt) : NULL;
	int rc = (nterms && !tt) || chars_read(text, &t, &scratch) != 0 ? -1 : 0;
	for (size_t k = 0; rc == 0 && k < nterms; k++) {
		rc = chars_read(terms[k].text ? terms[k].text : "", &tt[k], &scratch);
		if (rc == 0)
			trim(&tt[k]);
	}
	for (size_t i = 0; rc == 0 && i < t.n;) {
		/* A name starts a word: never inside one. */
		if (i > 0 && is_word(t.cp[i - 1]) && is_word(t.cp[i])) {
			i++;
			continue;
		}
		size_t best_end = 0, best = 0;
		for (size_t k = 0; k < nterms; k++) {
			if (!tt[k].n)
				continue;
			size_t end = match_at(&t, i, &tt[k]);
			if (end > best_end) {
				best_end = end;
				best = k;
			}
		}
		if (!best_end) {
			i++;
			continue;
		}
		redaction_span s = {.start = t.pos[i],
		                    .length = t.pos[best_end] - t.pos[i],
		                    .byte_start = t.at[i],
		                    .byte_length = t.at[best_end] - t.at[i],
		                    .term = best};
		rc = fn(&s, arg);
		i = best_end;
	}
	for (size_t k = 0; tt && k < nterms; k++)
		chars_free(&tt[k]);
	free(tt);
	chars_free(&t);
	buf_free(&scratch);
	return rc;
}

int redaction_same(const char *a, const char *b)
{
	buf scratch;
	buf_init(&scratch);
	chars ca = {0}, cb = {0};
	int same = 0;
	if (chars_read(a, &ca, &scratch) == 0 && chars_read(b, &cb, &scratch) == 0) {
		trim(&ca);
		trim(&cb);
		same = ca.n > 0 && cb.n > 0 && match_at(&ca, 0, &cb) == ca.n;
	}
	chars_free(&ca);
	chars_free(&cb);
	buf_free(&scratch);
	return same;
}

int redaction_words(const char *name, size_t min,
                    int (*fn)(const char *word, size_t len, void *arg), void *arg)
{
	const unsigned char *p = (const unsigned char *)name;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '-' || *p == '\n' || *p == '\r')
			p++;
		const unsigned char *w = p;
		size_t nchars = 0;
		while (*p && *p != ' ' && *p != '\t' && *p != '-' && *p != '\n' && *p != '\r') {
			uint32_t cp;
			p += decode(p, &cp);
			nchars++;
		}
		if (p > w && nchars >= min) {
			int rc = fn((const char *)w, (size_t)(p - w), arg);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int redaction_apply(const char *text, const redaction_span *spans, size_t n, const char *mark,
                    buf *out)
{
	size_t len = strlen(text), at = 0;
	for (size_t i = 0; i < n; i++) {
		const redaction_span *s = &spans[i];
		if (s->byte_start < at || s->byte_start > len ||
		    s->byte_length > len - s->byte_start)
			continue;
		buf_append(out, text + at, s->byte_start - at);
		buf_puts(out, mark);
		at = s->byte_start + s->byte_length;
	}
	buf_append(out, text + at, len - at);
	return out->failed ? -1 : 0;
}

void redaction_spans_bytes(const char *text, redaction_span *spans, size_t n)
{
	size_t len = strlen(text);
	for (size_t k = 0; k < n; k++) {
		const unsigned char *p = (const unsigned char *)text;
		size_t i = 0, ch = 0;
		uint32_t cp;
		while (i < len && ch < spans[k].start) {
			size_t step = decode(p + i, &cp);
			i = i + step > len ? len : i + step;
			ch++;
		}
		size_t from = i;
		while (i < len && ch < spans[k].start + spans[k].length) {
			size_t step = decode(p + i, &cp);
			i = i + step > len ? len : i + step;
			ch++;
		}
		spans[k].byte_start = from;
		spans[k].byte_length = ch == spans[k].start + spans[k].length ? i - from : 0;
	}
}

/* DPA 2018 s45(4)(a) to (e). */
static const struct {
	const char *code, *text;
} grounds[] = {
    {"inquiry", "to avoid obstructing an official or legal inquiry, investigation or procedure "
                "(Data Protection Act 2018, section 45(4)(a))"},
    {"prosecution",
     "to avoid prejudicing the prevention, detection, investigation or prosecution of "
     "criminal offences or the execution of criminal penalties (Data Protection Act 2018, "
     "section 45(4)(b))"},
    {"public_security", "to protect public security (Data Protection Act 2018, section 45(4)(c))"},
    {"national_security",
     "to protect national security (Data Protection Act 2018, section 45(4)(d))"},
    {"rights_of_others", "to protect the rights and freedoms of others (Data Protection Act 2018, "
                         "section 45(4)(e))"},
};

const char *redaction_ground_text(const char *code)
{
	for (size_t i = 0; code && i < sizeof grounds / sizeof grounds[0]; i++)
		if (strcmp(grounds[i].code, code) == 0)
			return grounds[i].text;
	return NULL;
}
