#include "domain/subject_requests.h"

#include <string.h>

static const char *const kind_names[SR_KIND_COUNT] = {"access", "rectification", "erasure",
                                                      "restriction"};
static const char *const regime_names[SR_REGIME_COUNT] = {"part3", "uk_gdpr"};

static int parse(const char *s, const char *const *names, int n)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int sr_kind_parse(const char *s, sr_kind *out)
{
	int i = parse(s, kind_names, SR_KIND_COUNT);
	if (i < 0)
		return -1;
	*out = (sr_kind)i;
	return 0;
}

int sr_regime_parse(const char *s, sr_regime *out)
{
	int i = parse(s, regime_names, SR_REGIME_COUNT);
	if (i < 0)
		return -1;
	*out = (sr_regime)i;
	return 0;
}

const char *sr_kind_name(sr_kind k)
{
	return (unsigned)k < SR_KIND_COUNT ? kind_names[k] : "";
}

const char *sr_regime_name(sr_regime r)
{
	return (unsigned)r < SR_REGIME_COUNT ? regime_names[r] : "";
}

int sr_clock_start(sr_regime r, const char *received_on, const char *identity_verified_on,
                   char out[DATE_LEN])
{
	long received = date_days(received_on), verified = date_days(identity_verified_on);
	if (received == DATE_INVALID || verified == DATE_INVALID)
		return -1;
	long start = received > verified ? received : verified;
	date_of_days(r == SR_PART3 ? start + 1 : start, out);
	return 0;
}

int sr_due(sr_regime r, const char *received_on, const char *identity_verified_on, int months,
           const holidays *h, char out[DATE_LEN])
{
	char start[DATE_LEN], end[DATE_LEN];
	if (months < 1 || sr_clock_start(r, received_on, identity_verified_on, start) != 0 ||
	    date_add_months(start, months, end) != 0)
		return -1;
	long day = date_days(end);
	while (!is_working_day(day, h))
		day++;
	date_of_days(day, out);
	return 0;
}

sr_input_verdict sr_dates_check(const char *received_on, const char *identity_verified_on,
                                const char *today, const char **field)
{
	long now = date_days(today), received = date_days(received_on),
	     verified = date_days(identity_verified_on);
	*field = "received_on";
	if (received == DATE_INVALID)
		return SR_INPUT_NOT_A_DATE;
	if (received > now)
		return SR_INPUT_FUTURE;
	if (received < date_days(SR_FIRST_DAY))
		return SR_INPUT_BEFORE_ACT;
	*field = "identity_verified_on";
	if (verified == DATE_INVALID)
		return SR_INPUT_NOT_A_DATE;
	if (verified > now)
		return SR_INPUT_FUTURE;
	if (verified < received)
		return SR_INPUT_IDENTITY_EARLY;
	return SR_INPUT_OK;
}

sr_extend_verdict sr_extension_check(const char *due_on, const char *limit, int extended,
                                     const char *today, const char *new_due)
{
	if (extended)
		return SR_EXTEND_AGAIN;
	if (strcmp(today, due_on) > 0)
		return SR_EXTEND_TOO_LATE;
	if (strcmp(new_due, due_on) <= 0)
		return SR_EXTEND_NOT_LATER;
	if (strcmp(new_due, limit) > 0)
		return SR_EXTEND_TOO_FAR;
	return SR_EXTEND_OK;
}

const char *sr_extend_text(sr_extend_verdict v)
{
	switch (v) {
	case SR_EXTEND_AGAIN:
		return "the request has already been extended: the law allows one extension of two "
		       "further months";
	case SR_EXTEND_TOO_LATE:
		return "an extension must be given before the first due date has passed";
	case SR_EXTEND_NOT_LATER:
		return "must be after the request's due date";
	case SR_EXTEND_TOO_FAR:
		return "is more than two further months after the first month";
	case SR_EXTEND_OK:
		break;
	}
	return "";
}
