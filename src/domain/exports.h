/* Exports: the CTDC-style row-level file of the potential victims first
 * identified in a period, k-anonymous (domain/kanon.h), in the column names
 * and value spellings of the Counter Trafficking Data Collaborative's
 * global victim dataset; and the values of an HTCDS v2.0 exchange record.
 *
 * A CTDC row says only: the year identified, gender, age band and whether
 * a child, the first nationality, the country of exploitation, methods of
 * control, types of exploitation and the relationship to the recruiter.
 * Never a name, a date of birth, free text, a place below a country, a
 * case reference or a sealed field: nothing else is read. */
#ifndef WAYMARK_DOMAIN_EXPORTS_H
#define WAYMARK_DOMAIN_EXPORTS_H

#include <jansson.h>
#include <stddef.h>

#include "domain/kanon.h"
#include "lib/buf.h"

/* The quasi-identifiers, as kanon's indexes. */
enum { CTDC_QI_YEAR, CTDC_QI_GENDER, CTDC_QI_AGE, CTDC_QI_CITIZENSHIP, CTDC_QI_EXPLOITED_IN };

/* The columns, in order, as the CTDC names them; NULL-terminated. */
extern const char *const ctdc_columns[];

/* One part of a person as a potential victim, as the store reads it.
 * Strings are borrowed; JSON texts as the store keeps them. */
typedef struct ctdc_link {
	const char *person_id;
	const char *linked_at;      /* ISO-8601 time: its date is when identified */
	const char *gender;         /* female, male, other, unknown or NULL */
	const char *date_of_birth;  /* or NULL */
	int estimated_age;          /* or -1 */
	const char *nationalities;  /* JSON array of ISO 3166-1 alpha-2 */
	const char *case_types;     /* JSON array of the case's NRM exploitation types */
	const char *victim_context; /* JSON object, or NULL */
	const char *exploited_in;   /* alpha-2, or NULL */
} ctdc_link;

/* What an export did, for its sidecar. */
typedef struct ctdc_summary {
	char from[11], to[11];
	int k;
	kanon_result kanon;
} ctdc_summary;

typedef struct ctdc_export ctdc_export;

/* Starts an export of the period from..to (YYYY-MM-DD, both included,
 * already checked) with k the disclosure threshold. NULL when out of
 * memory. */
ctdc_export *ctdc_export_new(const char *from, const char *to, int k);
void ctdc_export_free(ctdc_export *x);
/* Adds a part; a person's parts come together, oldest first, and the
 * first says when they were identified. 0, or -1 when out of memory. */
int ctdc_export_add(ctdc_export *x, const ctdc_link *l);
/* Makes the rows k-anonymous and appends the CSV (a header line, then a
 * line per row written, CRLF) to csv, filling *sum. 0, or -1 when out of
 * memory. */
int ctdc_export_finish(ctdc_export *x, buf *csv, ctdc_summary *sum);
/* The sidecar: the period, k, rows considered, written, generalised (by
 * quasi-identifier) and suppressed, and the quasi-identifiers. New
 * reference, or NULL. */
json_t *ctdc_summary_json(const ctdc_summary *sum);

/* The CTDC's ageBroad of an age in whole years ("0--8", "9--17", "18--20",
 * ... "48+"), or "" when the age is not known (< 0). */
const char *ctdc_age_broad(int age);

/* A BCP 47 tag's language as HTCDS asks for it (ISO 639-2 three letters):
 * writes it into out and returns 0, or -1 when the tag names no such
 * language. */
int htcds_language(const char *tag, char out[4]);

#endif
