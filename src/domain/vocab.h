/* Fixed, documented vocabularies of casework: indicators of modern slavery,
 * and the victim context of the Human Trafficking Case Data Standard (HTCDS
 * v2.0): relationship to the trafficker, method of recruitment, methods of
 * control and types of exploitation; and the support services a victim
 * is referred to. docs/vocabularies.md lists them all. */
#ifndef WAYMARK_DOMAIN_VOCAB_H
#define WAYMARK_DOMAIN_VOCAB_H

#include <stddef.h>

typedef struct vocab_entry {
	const char *code;
	const char *group; /* indicators: physical, psychological or situational; else NULL */
	const char *label;
} vocab_entry;

typedef struct vocab {
	const char *name;
	const vocab_entry *entries;
	size_t n;
} vocab;

extern const vocab vocab_indicators;
extern const vocab vocab_relationships;
extern const vocab vocab_recruitment;
extern const vocab vocab_control;
extern const vocab vocab_exploitation;
extern const vocab vocab_support_services;

/* The entry with this code, or NULL. */
const vocab_entry *vocab_find(const vocab *v, const char *code);

#endif
