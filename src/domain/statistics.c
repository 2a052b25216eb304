/* Statistics of potential victims (see statistics.h). */
#include "domain/statistics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/vocab.h"

static const char *const dim_names[STATISTICS_DIM_COUNT] = {
    [STATISTICS_EXPLOITATION_TYPE] = "exploitation_type",
    [STATISTICS_AGE_BAND] = "age_band",
    [STATISTICS_GENDER] = "gender",
    [STATISTICS_NATIONALITY] = "nationality",
    [STATISTICS_MONTH] = "month",
    [STATISTICS_OUTCOME] = "outcome",
};

static const char *const exploitation_values[] = {
    "labour", "sexual", "criminal", "domestic_servitude", "organ_harvesting", "multiple", "unknown",
};
static const char *const age_values[] = {
    "0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+", "unknown",
};
static const char *const gender_values[] = {"female", "male", "other", "unknown"};
static const char *const outcome_values[] = {
    "not_referred",
    "duty_to_notify",
    "awaiting_reasonable_grounds",
    "reasonable_grounds_negative",
    "awaiting_conclusive_grounds",
    "conclusive_grounds_positive",
    "conclusive_grounds_negative",
    "withdrawn",
};

const char *statistics_dim_name(statistics_dim d)
{
	return (unsigned)d < STATISTICS_DIM_COUNT ? dim_names[d] : "";
}

static int dim_parse(const char *name, size_t len, statistics_dim *d)
{
	for (int i = 0; i < STATISTICS_DIM_COUNT; i++)
		if (strlen(dim_names[i]) == len && strncmp(dim_names[i], name, len) == 0) {
			*d = (statistics_dim)i;
			return 0;
		}
	return -1;
}

statistics_by_check statistics_by_parse(const char *by, statistics_dim dims[STATISTICS_MAX_DIMS],
                                        size_t *n)
{
	*n = 0;
	if (!by || !by[0])
		return STATISTICS_BY_MISSING;
	for (const char *p = by;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		statistics_dim d;
		if (dim_parse(p, len, &d) != 0)
			return STATISTICS_BY_UNKNOWN;
		if (*n == STATISTICS_MAX_DIMS)
			return STATISTICS_BY_TOO_MANY;
		for (size_t i = 0; i < *n; i++)
			if (dims[i] == d)
				return STATISTICS_BY_TWICE;
		dims[(*n)++] = d;
		if (!end)
			return STATISTICS_BY_OK;
		p = end + 1;
	}
}

const char *const *statistics_dim_values(statistics_dim d, size_t *n)
{
#define VALUES(a)                                                                                  \
	do {                                                                                       \
		*n = sizeof(a) / sizeof((a)[0]);                                                   \
		return (a);                                                                        \
	} while (0)
	switch (d) {
	case STATISTICS_EXPLOITATION_TYPE:
		VALUES(exploitation_values);
	case STATISTICS_AGE_BAND:
		VALUES(age_values);
	case STATISTICS_GENDER:
		VALUES(gender_values);
	case STATISTICS_OUTCOME:
		VALUES(outcome_values);
	default:
		*n = 0;
		return NULL;
	}
#undef VALUES
}

/* Reads a JSON array of plain strings (codes, no escapes needed): copies
 * the first into first (outlen bytes, "" when none or too long) and
 * returns how many there are; 0 when text is not such an array. */
static size_t json_codes(const char *text, char *first, size_t outlen)
{
	size_t count = 0;
	first[0] = '\0';
	if (!text)
		return 0;
	const char *p = text;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p != '[')
		return 0;
	for (p++; *p && *p != ']'; p++) {
		if (*p != '"')
			continue;
		const char *start = ++p;
		while (*p && *p != '"') {
			if (*p == '\\' && p[1])
				p++;
			p++;
		}
		if (!*p)
			return 0; /* unterminated */
		if (count++ == 0 && (size_t)(p - start) < outlen) {
			memcpy(first, start, (size_t)(p - start));
			first[p - start] = '\0';
		}
	}
	return count;
}

const char *statistics_exploitation_type(const char *types_json)
{
	char first[STATISTICS_CODE_LEN];
	size_t n = json_codes(types_json, first, sizeof first);
	if (n > 1)
		return "multiple";
	const vocab_entry *e = n == 1 ? vocab_find(&vocab_nrm_exploitation, first) : NULL;
	return e ? e->code : "unknown";
}

void statistics_nationality(const char *codes_json, char out[STATISTICS_CODE_LEN])
{
	if (json_codes(codes_json, out, STATISTICS_CODE_LEN) == 0 || !out[0])
		snprintf(out, STATISTICS_CODE_LEN, "unknown");
}

int statistics_age(const char *date_of_birth, long estimated_age, const char *at)
{
	char day[DATE_LEN];
	if (date_of_birth && at && strlen(at) >= DATE_LEN - 1) {
		memcpy(day, at, DATE_LEN - 1);
		day[DATE_LEN - 1] = '\0';
		if (date_days(date_of_birth) != DATE_INVALID && date_days(day) != DATE_INVALID &&
		    strcmp(date_of_birth, day) <= 0) {
			int age = atoi(day) - atoi(date_of_birth);
			/* Not yet had this year's birthday ("MM-DD" compared). */
			if (strcmp(day + 5, date_of_birth + 5) < 0)
				age--;
			return age;
		}
	}
	return estimated_age >= 0 && estimated_age <= 200 ? (int)estimated_age : -1;
}

const char *statistics_outcome(const char *nrm_status, int duty_to_notify)
{
	static const struct {
		const char *status, *outcome;
	} map[] = {
	    {"awaiting_reasonable_grounds", "awaiting_reasonable_grounds"},
	    {"reasonable_grounds_negative", "reasonable_grounds_negative"},
	    {"reasonable_grounds_positive", "awaiting_conclusive_grounds"},
	    {"conclusive_grounds_positive", "conclusive_grounds_positive"},
	    {"conclusive_grounds_negative", "conclusive_grounds_negative"},
	    {"withdrawn", "withdrawn"},
	};
	if (nrm_status)
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(nrm_status, map[i].status) == 0)
				return map[i].outcome;
	return duty_to_notify ? "duty_to_notify" : "not_referred";
}
