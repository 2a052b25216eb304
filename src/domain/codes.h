/* Countries and languages by name: the codes Waymark stores (ISO 3166-1
 * alpha-2 for nationalities, BCP 47 for languages) and the English names
 * people read and type. The tables are generated at build time from
 * Debian's iso-codes (scripts/gen-codes.sh), sorted by name. */
#ifndef WAYMARK_DOMAIN_CODES_H
#define WAYMARK_DOMAIN_CODES_H

typedef struct code_name {
	const char *code;
	const char *name;  /* the name shown: "Vietnam", "Romanian" */
	const char *names; /* every name it goes by, "|"-separated, the shown one first */
} code_name;

extern const code_name codes_countries[];
extern const int codes_ncountries;
/* Languages with a two-letter ISO 639-1 code. */
extern const code_name codes_languages[];
extern const int codes_nlanguages;

/* A language's two-letter code and its ISO 639-2 three-letter code. */
typedef struct code_pair {
	const char *code, *alpha3;
} code_pair;
extern const code_pair codes_language_alpha3[];
extern const int codes_nlanguage_alpha3;

/* The country with this code (upper case), or NULL. */
const code_name *codes_country(const char *code);
/* The language of a BCP 47 tag's primary subtag ("ar" of "ar-SY"), or NULL. */
const code_name *codes_language(const char *tag);
/* The entry one of whose names is text, whatever its case and accents
 * ("albania", "Viet Nam", "Cote d'Ivoire"), or NULL. */
/* The ISO 639-2 three-letter code of a BCP 47 tag whose language is a
 * two-letter one ("sqi" for "sq-AL"), or NULL. */
const char *codes_language_iso639_2(const char *tag);
const code_name *codes_country_named(const char *text);
const code_name *codes_language_named(const char *text);

#endif
