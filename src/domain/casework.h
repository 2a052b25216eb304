/* The vocabulary of casework and its rules: statuses, exploitation types,
 * offences, roles in a case and references. Who may see which case: access.h. */
#ifndef WAYMARK_DOMAIN_CASEWORK_H
#define WAYMARK_DOMAIN_CASEWORK_H

#include <stddef.h>
#include <stdint.h>


#define CASE_TITLE_MAX 200
#define CASE_SUMMARY_MAX 20000
#define CASE_OUTCOME_MAX 2000

/* Each returns 1 when the value is one of the fixed list. */
int case_status_valid(const char *s);         /* new investigating charging court closed */
int exploitation_type_valid(const char *s);   /* one of vocab_nrm_exploitation, the UK NRM types */
int offence_code_valid(const char *s);        /* msa_s1 msa_s2 msa_s4 other */
int case_role_valid(const char *s);           /* potential_victim suspect witness other */

/* Writes "MS-YYYY-NNNNN". Returns 0, or -1 when n is out of range (1 to 99999). */
int case_reference(int year, int64_t n, char out[16]);
/* Returns 1 when s has the form of a case reference. */
int case_reference_like(const char *s);

/* Whether a change in a case's history is about a suspect (their orders,
 * s45 assessments, charging decisions): shown only to those who reach
 * suspects in the case. A person added to the case is about a suspect when
 * their part in it is. */
int case_history_about_suspects(const char *field);

#endif
