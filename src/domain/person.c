#include "domain/person.h"

#include "domain/codes.h"
#include "domain/vocab.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int date_parse(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (*y < 1800 || *m < 1 || *m > 12 || *d < 1)
		return -1;
	int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	int max = days[*m - 1] + (*m == 2 && leap);
	return *d <= max ? 0 : -1;
}

int age_on(const char *dob, const char *on)
{
	int by, bm, bd, y, m, d;
	if (date_parse(dob, &by, &bm, &bd) != 0 || date_parse(on, &y, &m, &d) != 0)
		return -1;
	int age = y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);
	return age < 0 ? -1 : age;
}

int presumed_child(const char *dob, int estimated_age, int age_disputed, const char *on)
{
	if (age_disputed)
		return 1;
	if (dob && dob[0]) {
		int a = age_on(dob, on);
		return a >= 0 && a < 18;
	}
	return estimated_age >= 0 && estimated_age < 18;
}

int nationality_valid(const char *code)
{
	return codes_country(code) != NULL;
}

int person_nationality_code(const char *text, char out[PERSON_CODE_MAX])
{
	const code_name *c = nationality_valid(text) ? codes_country(text) : codes_country_named(text);
	if (!c)
		return -1;
	snprintf(out, PERSON_CODE_MAX, "%s", c->code);
	return 0;
}

int person_language_code(const char *text, char out[PERSON_CODE_MAX])
{
	if (!text)
		return -1;
	if (language_tag_valid(text)) {
		snprintf(out, PERSON_CODE_MAX, "%s", text);
		return 0;
	}
	const code_name *l = codes_language_named(text);
	if (l) {
		snprintf(out, PERSON_CODE_MAX, "%s", l->code);
		return 0;
	}
	/* "Arabic (Syria)": a language as spoken in a country. */
	const char *open = strstr(text, " (");
	size_t n = strlen(text);
	if (!open || n < 4 || text[n - 1] != ')' || (size_t)(open - text) >= 160 || n - (size_t)(open - text) >= 160)
		return -1;
	char name[160], where[160];
	snprintf(name, sizeof name, "%.*s", (int)(open - text), text);
	snprintf(where, sizeof where, "%.*s", (int)(n - (size_t)(open - text) - 3), open + 2);
	const code_name *c = codes_country_named(where);
	if (!(l = codes_language_named(name)) || !c)
		return -1;
	snprintf(out, PERSON_CODE_MAX, "%s-%s", l->code, c->code);
	return 0;
}

int language_tag_valid(const char *tag)
{
	size_t n = strlen(tag);
	if (n < 2 || n > 35)
		return 0;
	const char *p = tag;
	int first = 1;
	while (*p) {
		size_t len = strcspn(p, "-");
		if (first) {
			if (len < 2 || len > 3)
				return 0;
			for (size_t i = 0; i < len; i++)
				if (!isalpha((unsigned char)p[i]))
					return 0;
		} else {
			if (len < 1 || len > 8)
				return 0;
			for (size_t i = 0; i < len; i++)
				if (!isalnum((unsigned char)p[i]))
					return 0;
		}
		first = 0;
		p += len;
		if (*p == '-') {
			p++;
			if (!*p)
				return 0;
		}
	}
	return 1;
}

int gender_valid(const char *g)
{
	return vocab_find(&vocab_gender, g) != NULL;
}
