/* Selectors: the phone numbers, email addresses, postcodes, addresses,
 * vehicles, bank accounts, identity documents and social media handles that
 * recur across cases, each brought to one normal form so that the same
 * thing written two ways is a match; and the 3x5x2 intelligence grading
 * they carry. Pure functions: no I/O. */
#ifndef WAYMARK_DOMAIN_SELECTORS_H
#define WAYMARK_DOMAIN_SELECTORS_H

#include <stddef.h>

typedef enum selector_kind {
	SEL_PHONE,
	SEL_EMAIL,
	SEL_POSTCODE,
	SEL_ADDRESS,
	SEL_VEHICLE,
	SEL_BANK_ACCOUNT,
	SEL_IDENTITY_DOCUMENT,
	SEL_SOCIAL_HANDLE,
	SEL_KIND_COUNT
} selector_kind;

/* The longest normal form or display text, with its terminator. */
#define SELECTOR_MAX 320

/* The kind named by its API name ("phone", "bank_account"), or -1. */
int selector_kind_parse(const char *name);
/* The API name of a kind ("phone"); "?" for one out of range. */
const char *selector_kind_name(selector_kind k);
/* What people read ("Phone number", "Bank account"). */
const char *selector_kind_label(selector_kind k);

/* A value as written. Kinds with one part use text; the others their parts:
 *   phone, email, postcode, vehicle: text
 *   address: line1 and postcode
 *   bank_account: text (an IBAN), or sort_code and account_number
 *   identity_document: country (ISO 3166-1 alpha-2), doc_type and number
 *   social_handle: platform and handle
 * Unused parts are NULL. */
typedef struct selector_value {
	const char *text;
	const char *line1, *postcode;
	const char *sort_code, *account_number;
	const char *country, *doc_type, *number;
	const char *platform, *handle;
} selector_value;

/* Brings v to kind k's normal form in out (at least SELECTOR_MAX bytes):
 *   phone             E.164, "+447700900123" (UK numbers in any usual
 *                     spelling, Ofcom's drama ranges among them; other
 *                     countries need their prefix): lib/phone.h
 *   email             lower-cased, "name@example.com"
 *   postcode          UK format with one space, "SN1 2AB"
 *   address           postcode, "|", first line in capitals with
 *                     punctuation dropped and spaces single:
 *                     "SN1 2AB|FLAT 2 14 HIGH STREET" (apostrophes and
 *                     full stops go, other punctuation is a space, and a
 *                     last word such as ST or RD is written out)
 *   vehicle           registration in capitals without spaces, "AB12CDE"
 *   bank_account      a UK account (sort code and account number, or a GB
 *                     IBAN, or 14 digits alone) as "GB:200000:55779911";
 *                     any other IBAN in capitals without spaces, after
 *                     its length (by country) and mod-97 checks
 *   identity_document "GB|passport|123456789": country, type (one of
 *                     selector_doc_types), number in capitals without
 *                     spaces or dashes
 *   social_handle     "instagram|boss_uk": platform (one of
 *                     selector_platforms; "twitter" is "x"), handle
 *                     lower-cased without "@" (a profile's web address on
 *                     the platform gives its handle); on whatsapp, signal
 *                     and viber a phone number in E.164: "whatsapp|+447700900123"
 * Returns 0, or -1 with *why set to a sentence that says what is wrong
 * ("fails the IBAN check: a digit is wrong or two are swapped"). */
int selector_normalise(selector_kind k, const selector_value *v, char *out, size_t outlen, const char **why);

/* How people read a normal form of kind k ("+44 7700 900123", "Sort code
 * 20-00-00, account 55779911", "Passport, United Kingdom, 123456789",
 * "Instagram @boss_uk"). Writes out (at least SELECTOR_MAX bytes);
 * returns 0, or -1 when normalised is not one of kind k's normal forms. */
int selector_display(selector_kind k, const char *normalised, char *out, size_t outlen);

/* A UK postcode in its normal form ("sn12ab" -> "SN1 2AB") in out (at
 * least 9 bytes). Returns 1 when s is one, else 0. */
int selector_uk_postcode(const char *s, char out[9]);

/* The identity document types and social media platforms known, each
 * list ending with NULL. */
extern const char *const selector_doc_types[];
extern const char *const selector_platforms[];

/* The UK 3x5x2 intelligence grading. */
typedef struct selector_grading {
	int source_evaluation;	      /* 1 reliable, 2 untested, 3 not reliable */
	char intelligence_assessment; /* 'A' known directly to the source ... 'E' suspected to be false or malicious */
	char handling_code;	      /* 'P' lawful sharing permitted, 'C' with conditions */
} selector_grading;

/* Checks a grading's three parts. Returns 0, or -1 with *field set to
 * the part at fault ("source_evaluation", "intelligence_assessment",
 * "handling_code") and *why to what is wrong. */
int selector_grading_check(const selector_grading *g, const char **field, const char **why);
/* What each grade means, for screens, in the words of the College of
 * Policing's APP on intelligence management: "Reliable", "Known
 * indirectly to the source but corroborated", "Lawful sharing permitted
 * subject to conditions"; NULL for a grade out of range. */
const char *selector_source_text(int source_evaluation);
const char *selector_assessment_text(char intelligence_assessment);
const char *selector_handling_text(char handling_code);

#endif
