/* k-anonymity for row-level exports: every combination of quasi-identifiers
 * (what someone could know of a person from elsewhere: their year, gender,
 * age, nationality ...) that an export writes occurs in at least k rows.
 *
 * Generalisation comes first: the rows of each combination rarer than k
 * are written less precisely, step by step along a ladder the caller
 * gives (a country as its sub-region, then its region; a year as a
 * range), only as far as each needs; a combination that reaches k stays
 * as it is. Rows still rarer than k when the ladder ends are suppressed
 * (not written). Rows only ever leave a rare combination, so a combination
 * of k or more rows keeps them all, whatever later steps do. */
#ifndef WAYMARK_DOMAIN_KANON_H
#define WAYMARK_DOMAIN_KANON_H

#include <stddef.h>
#include <stdint.h>

#define KANON_QI 5     /* quasi-identifiers a row has (unused ones stay 0) */
#define KANON_LEVELS 3 /* levels of each: 0 as recorded, then coarser */

typedef struct kanon_row {
	/* Each quasi-identifier's value at each level: a code the caller
	 * gives, equal exactly when the values written are equal, at
	 * whatever level (a value not known is the same code at every
	 * level). */
	uint32_t value[KANON_QI][KANON_LEVELS];
	/* Set by kanon_apply: the level written, and whether not written. */
	unsigned char level[KANON_QI];
	unsigned char suppressed;
} kanon_row;

/* One step of the ladder: raise quasi-identifier qi to level. */
typedef struct kanon_step {
	int qi;
	int level;
} kanon_step;

typedef struct kanon_result {
	size_t considered, written, suppressed;
	size_t generalised;              /* rows written with any quasi-identifier generalised */
	size_t generalised_by[KANON_QI]; /* rows written with that one less precise than recorded */
} kanon_result;

/* Makes n rows k-anonymous (k >= 1) along the ladder of nsteps steps,
 * setting each row's level and suppressed, and counts what it did in *out.
 * Returns 0, or -1 when memory runs out (the rows are then unchanged). */
int kanon_apply(kanon_row *rows, size_t n, int k, const kanon_step *ladder, size_t nsteps,
                kanon_result *out);

/* The smallest number of rows written that share a combination (0 when
 * none is written): what a test checks against k. */
size_t kanon_smallest_group(const kanon_row *rows, size_t n);

#endif
