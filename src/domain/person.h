/* Rules for a person's record: dates and ages, nationalities, languages. */
#ifndef WAYMARK_DOMAIN_PERSON_H
#define WAYMARK_DOMAIN_PERSON_H

/* Parses "YYYY-MM-DD" (a real calendar date). Returns 0, or -1. */
int date_parse(const char *s, int *y, int *m, int *d);
/* Whole years from date of birth to the day "on" (both YYYY-MM-DD), or -1 when either is malformed. */
int age_on(const char *dob, const char *on);
/* A person is treated as a child when under 18 on "on", or, with no date of
 * birth, when the estimated age is under 18, or whenever the age is disputed
 * (presumed a child until determined). estimated_age < 0 means unknown. */
int presumed_child(const char *dob, int estimated_age, int age_disputed, const char *on);
/* ISO 3166-1 alpha-2 code in upper case (and XK, widely used for Kosovo). */
int nationality_valid(const char *code);
/* The shape of a BCP 47 language tag: "sq", "vi", "ar-SY", "zh-Hant-HK". */
int language_tag_valid(const char *tag);
/* Writes the code that text gives for a nationality or a language: the
 * code itself, or the code of an English name ("Albania" is AL, "Romanian"
 * is ro, "Arabic (Syria)" is ar-SY, whatever the case and accents).
 * Returns 0, or -1 when it is neither. */
#define PERSON_CODE_MAX 36
int person_nationality_code(const char *text, char out[PERSON_CODE_MAX]);
int person_language_code(const char *text, char out[PERSON_CODE_MAX]);
/* One of vocab_gender: female, male, other or unknown. */
int gender_valid(const char *g);

#endif
