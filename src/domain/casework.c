#include "domain/casework.h"

#include "domain/vocab.h"

#include <stdio.h>
#include <string.h>

static int one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

int case_status_valid(const char *s)
{
	static const char *const v[] = {"new", "investigating", "charging", "court", "closed", NULL};
	return one_of(s, v);
}

int exploitation_type_valid(const char *s)
{
	return vocab_find(&vocab_nrm_exploitation, s) != NULL;
}

int offence_code_valid(const char *s)
{
	static const char *const v[] = {"msa_s1", "msa_s2", "msa_s4", "other", NULL};
	return one_of(s, v);
}

int case_role_valid(const char *s)
{
	static const char *const v[] = {"potential_victim", "suspect", "witness", "other", NULL};
	return one_of(s, v);
}

int case_reference(int year, int64_t n, char out[16])
{
	if (n < 1 || n > 99999 || year < 2000 || year > 9999)
		return -1;
	snprintf(out, 16, "MS-%04d-%05d", year, (int)n);
	return 0;
}

int case_reference_like(const char *s)
{
	if (strlen(s) != 13 || strncmp(s, "MS-", 3) != 0 || s[7] != '-')
		return 0;
	for (int i = 3; i < 13; i++)
		if (i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

int case_history_about_suspects(const char *field)
{
	static const char *const v[] = {"order", "order_breach", "s45_assessment", "charging_decision", NULL};
	return one_of(field, v);
}
