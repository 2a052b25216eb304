#include "domain/shares.h"

#include <string.h>

typedef struct named {
	const char *code, *label;
} named;

static const named sections[SECTION_COUNT] = {
	[SECTION_IDENTITY] = {"identity", "Who they are: name, date of birth or age, languages, how to contact them safely"},
	[SECTION_VICTIM_CONTEXT] = {"victim_context", "What happened to them: relationship to the trafficker, recruitment, control, exploitation"},
	[SECTION_NRM] = {"nrm", "Their National Referral Mechanism referrals: status and dates"},
	[SECTION_SAFEGUARDING_PLAN] = {"safeguarding_plan", "Their safeguarding plan: actions and review"},
	[SECTION_RISKS] = {"risks", "The risks to them and how high"},
	[SECTION_CONTACTS] = {"contacts", "Their named contact at the force"},
	[SECTION_MISSING] = {"missing", "Their missing episodes: when and where last seen and found, the risk, return home interviews"},
};

static const named bases[BASIS_COUNT] = {
	[BASIS_CONSENT] = {"consent", "Their consent"},
	[BASIS_CHILD_SAFEGUARDING] = {"child_safeguarding", "Safeguarding a child (Children Act 1989, section 47)"},
	[BASIS_VITAL_INTERESTS] = {"vital_interests", "To protect their life (vital interests)"},
	[BASIS_LEGAL_DUTY] = {"legal_duty", "A legal duty to share"},
};

static const named purposes[PURPOSE_COUNT] = {
	[PURPOSE_SAFEGUARDING] = {"safeguarding", "Safeguarding"},
	[PURPOSE_SUPPORT] = {"support", "Support"},
	[PURPOSE_IMMIGRATION_ADVICE] = {"immigration_advice", "Immigration advice"},
	[PURPOSE_HOUSING] = {"housing", "Housing"},
};

static int index_of(const named *list, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(list[i].code, code) == 0)
			return i;
	return -1;
}

const char *share_section_code(share_section s)
{
	return (unsigned)s < SECTION_COUNT ? sections[s].code : NULL;
}

const char *share_basis_code(share_basis b)
{
	return (unsigned)b < BASIS_COUNT ? bases[b].code : NULL;
}

const char *share_purpose_code(share_purpose p)
{
	return (unsigned)p < PURPOSE_COUNT ? purposes[p].code : NULL;
}

const char *share_section_label(share_section s)
{
	return (unsigned)s < SECTION_COUNT ? sections[s].label : NULL;
}

const char *share_basis_label(share_basis b)
{
	return (unsigned)b < BASIS_COUNT ? bases[b].label : NULL;
}

const char *share_purpose_label(share_purpose p)
{
	return (unsigned)p < PURPOSE_COUNT ? purposes[p].label : NULL;
}

int share_section_of(const char *code)
{
	return index_of(sections, SECTION_COUNT, code);
}

int share_basis_of(const char *code)
{
	return index_of(bases, BASIS_COUNT, code);
}

int share_purpose_of(const char *code)
{
	return index_of(purposes, PURPOSE_COUNT, code);
}

static int one_of(const char *v, const char *const *list)
{
	for (; v && *list; list++)
		if (strcmp(v, *list) == 0)
			return 1;
	return 0;
}

int share_consent_method_ok(const char *method)
{
	static const char *const ok[] = {"written", "verbal", "easy_read", NULL};
	return one_of(method, ok);
}

int share_consent_interpreter_ok(const char *interp)
{
	static const char *const ok[] = {"none", "in_person", "telephone", "video", NULL};
	return one_of(interp, ok);
}

void share_latest_expiry(const char *today, char out[DATE_LEN])
{
	if (date_add_years(today, 1, out) != 0)
		out[0] = '\0';
}

share_check share_allowed(const share_ask *a)
{
	if (a->basis == BASIS_CONSENT && !(a->consented & (1u << a->purpose)))
		return SHARE_NO_CONSENT;
	if (a->basis != BASIS_CONSENT && !a->has_reason)
		return SHARE_REASON_NEEDED;
	if (a->basis == BASIS_CHILD_SAFEGUARDING && !a->child)
		return SHARE_NOT_A_CHILD;
	if (!a->expires_on || date_days(a->expires_on) == DATE_INVALID)
		return SHARE_EXPIRY_INVALID;
	if (date_days(a->expires_on) < date_days(a->today))
		return SHARE_EXPIRY_PAST;
	char latest[DATE_LEN];
	share_latest_expiry(a->today, latest);
	if (date_days(a->expires_on) > date_days(latest))
		return SHARE_EXPIRY_TOO_LATE;
	return SHARE_OK;
}

const char *share_check_message(share_check c)
{
	switch (c) {
	case SHARE_NO_CONSENT:
		return "needs the victim's consent to share for this purpose: record it first, or give another lawful basis";
	case SHARE_REASON_NEEDED:
		return "must be given when sharing without consent";
	case SHARE_NOT_A_CHILD:
		return "child_safeguarding is for a person under 18 or whose age is disputed";
	case SHARE_EXPIRY_INVALID:
		return "must be a real date such as 2027-01-31";
	case SHARE_EXPIRY_PAST:
		return "must be today or later";
	case SHARE_EXPIRY_TOO_LATE:
		return "must be no more than 12 months ahead";
	default:
		return "";
	}
}

const char *share_check_field(share_check c)
{
	switch (c) {
	case SHARE_NO_CONSENT:
	case SHARE_NOT_A_CHILD:
		return "basis";
	case SHARE_REASON_NEEDED:
		return "reason";
	default:
		return "expires_on";
	}
}

int share_live(const char *expires_on, const char *ended_at, const char *today)
{
	return !ended_at && expires_on && strcmp(expires_on, today) >= 0;
}

int share_ending_soon(const char *expires_on, const char *today)
{
	long left = date_days(expires_on) - date_days(today);
	return date_days(expires_on) != DATE_INVALID && left >= 0 && left <= SHARE_ENDING_DAYS;
}
