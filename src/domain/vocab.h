/* Fixed, documented vocabularies of casework: indicators of modern slavery;
 * a victim's context, where the lists of the Human Trafficking Case Data
 * Standard (HTCDS v2.0) are used as the standard has them (method of
 * recruitment, methods of control, types of exploitation) and Waymark's
 * own lists (relationship to the trafficker, the UK's NRM exploitation
 * types, gender) map each value to the standard's; and the support
 * services a victim is referred to. docs/vocabularies.md lists them all. */
#ifndef WAYMARK_DOMAIN_VOCAB_H
#define WAYMARK_DOMAIN_VOCAB_H

#include <stddef.h>

typedef struct vocab_entry {
	const char *code;
	const char *group; /* indicators: physical, psychological or situational; else NULL */
	const char *label;
	/* The HTCDS v2.0 value name, spelled exactly as the standard spells it;
	 * NULL for "not known", which leaves the HTCDS field empty, and for
	 * lists HTCDS does not have. */
	const char *htcds;
} vocab_entry;

typedef struct vocab {
	const char *name;
	const vocab_entry *entries;
	size_t n;
	/* The HTCDS field the list maps to ("vic_MethodsOfControl"), or NULL. */
	const char *htcds_field;
} vocab;

extern const vocab vocab_indicators;
extern const vocab vocab_relationships;
extern const vocab vocab_recruitment;
extern const vocab vocab_control;
extern const vocab vocab_exploitation;
extern const vocab vocab_support_services;
extern const vocab vocab_nrm_exploitation;
extern const vocab vocab_gender;

/* Every list above, in the order the API and docs/vocabularies.md give them. */
extern const vocab *const vocab_lists[];
extern const size_t vocab_nlists;

/* The list as the Markdown table docs/vocabularies.md shows: code, group
 * (indicators), label, and the HTCDS value name where the list maps to an
 * HTCDS field. Writes at most outlen bytes (NUL-ended when outlen > 0) and
 * returns the length the whole table needs, as snprintf does. */
size_t vocab_markdown(const vocab *v, char *out, size_t outlen);

/* The entry with this code, or NULL. */
const vocab_entry *vocab_find(const vocab *v, const char *code);
/* The entry that maps to this HTCDS value name (the first, where several
 * do), or NULL. */
const vocab_entry *vocab_find_htcds(const vocab *v, const char *name);

#endif
