#include "domain/codes.h"

#include <string.h>

#include "domain/text.h"

const code_name *codes_country(const char *code)
{
	for (int i = 0; code && i < codes_ncountries; i++)
		if (strcmp(codes_countries[i].code, code) == 0)
			return &codes_countries[i];
	return NULL;
}

const code_name *codes_language(const char *tag)
{
	size_t n = tag ? strcspn(tag, "-") : 0;
	for (int i = 0; n == 2 && i < codes_nlanguages; i++)
		if (strncmp(codes_languages[i].code, tag, 2) == 0)
			return &codes_languages[i];
	return NULL;
}

const char *codes_language_iso639_2(const char *tag)
{
	size_t n = tag ? strcspn(tag, "-") : 0;
	for (int i = 0; n == 2 && i < codes_nlanguage_alpha3; i++)
		if (strncmp(codes_language_alpha3[i].code, tag, 2) == 0)
			return codes_language_alpha3[i].alpha3;
	return NULL;
}

/* Whether folded is one of the "|"-separated names, folded. */
static int goes_by(const char *names, const char *folded)
{
	buf b;
	buf_init(&b);
	int found = 0;
	for (const char *p = names; *p && !found;) {
		size_t n = strcspn(p, "|");
		char one[160];
		if (n < sizeof one) {
			memcpy(one, p, n);
			one[n] = '\0';
			b.len = 0;
			found = text_fold(one, &b) == 0 && strcmp(buf_str(&b), folded) == 0;
		}
		p += n + (p[n] == '|');
	}
	buf_free(&b);
	return found;
}

static const code_name *named(const code_name *table, int n, const char *text)
{
	if (!text || !text[0])
		return NULL;
	buf f;
	buf_init(&f);
	const code_name *found = NULL;
	if (text_fold(text, &f) == 0)
		for (int i = 0; i < n && !found; i++)
			if (goes_by(table[i].names, buf_str(&f)))
				found = &table[i];
	buf_free(&f);
	return found;
}

const code_name *codes_country_named(const char *text)
{
	return named(codes_countries, codes_ncountries, text);
}

const code_name *codes_language_named(const char *text)
{
	return named(codes_languages, codes_nlanguages, text);
}
