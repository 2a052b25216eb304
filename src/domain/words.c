#include "domain/words.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/shares.h"
#include "domain/vocab.h"
#include "lib/clock.h"

typedef struct word {
	const char *code, *words;
} word;

#define END {NULL, NULL}

static const word case_roles[] = {{"potential_victim", "Potential victim"},
                                  {"suspect", "Suspect"},
                                  {"witness", "Witness"},
                                  {"other", "Other"},
                                  END};
static const word case_statuses[] = {{"new", "New"},
                                     {"investigating", "Investigating"},
                                     {"charging", "Charging"},
                                     {"court", "Court"},
                                     {"closed", "Closed"},
                                     END};
static const word nrm_statuses[] = {
    {"awaiting_reasonable_grounds", "Awaiting the Reasonable Grounds decision"},
    {"reasonable_grounds_positive", "Positive Reasonable Grounds decision"},
    {"reasonable_grounds_negative", "Negative Reasonable Grounds decision"},
    {"conclusive_grounds_positive", "Positive Conclusive Grounds decision"},
    {"conclusive_grounds_negative", "Negative Conclusive Grounds decision"},
    {"withdrawn", "Withdrawn"},
    END};
static const word authorities[] = {{"single", "Single Competent Authority"},
                                   {"immigration_enforcement",
                                    "Immigration Enforcement Competent Authority"},
                                   END};
static const word nrm_outcomes[] = {{"positive", "Positive"}, {"negative", "Negative"}, END};
static const word strategy_outcomes[] = {{"section_47", "Section 47 enquiries to be made"},
                                         {"no_further_action", "No further action"},
                                         END};
static const word conference_outcomes[] = {{"plan", "A child protection plan"},
                                           {"no_plan", "No child protection plan"},
                                           END};
static const word risks[] = {{"no_apparent_risk", "No apparent risk"},
                             {"low", "Low"},
                             {"medium", "Medium"},
                             {"high", "High"},
                             END};
static const word action_statuses[] = {{"open", "Open"},
                                       {"in_progress", "In progress"},
                                       {"done", "Done"},
                                       {"cancelled", "Cancelled"},
                                       END};
static const word found_by[] = {{"returned_themselves", "Returned by themselves"},
                                {"police", "The police"},
                                {"family_or_carer", "Family or carer"},
                                {"other", "Someone else"},
                                END};
static const word urgencies[] = {
    {"immediate", "Immediate"}, {"urgent", "Urgent"}, {"routine", "Routine"}, END};
static const word referral_statuses[] = {{"referred", "Referred"},
                                         {"accepted", "Accepted"},
                                         {"declined", "Declined"},
                                         {"in_progress", "In progress"},
                                         {"closed", "Closed"},
                                         {"withdrawn", "Withdrawn"},
                                         END};
static const word referral_outcomes[] = {{"support_completed", "Support completed"},
                                         {"victim_declined", "Support declined"},
                                         {"lost_contact", "Lost contact"},
                                         {"moved_away", "Moved away"},
                                         {"other", "Other"},
                                         END};
static const word document_kinds[] = {{"consent_form", "Consent form"},
                                      {"statement", "Statement"},
                                      {"identity_document", "Identity document"},
                                      {"photograph", "Photograph"},
                                      {"court_order", "Court order"},
                                      {"correspondence", "Correspondence"},
                                      {"other", "Other"},
                                      END};
static const word share_ends[] = {{"revoked", "Ended by the force"},
                                  {"consent_withdrawn", "Consent withdrawn"},
                                  END};
static const word user_roles[] = {{"admin", "Administrator"},
                                  {"supervisor", "Supervisor"},
                                  {"investigator", "Investigator"},
                                  {"safeguarding", "Safeguarding officer"},
                                  {"analyst", "Analyst"},
                                  {"opcc", "Police and Crime Commissioner's office"},
                                  {"partner", "Partner organisation"},
                                  {"auditor", "Auditor"},
                                  {"records_manager", "Records manager"},
                                  END};
static const word audit_actions[] = {
    {"person_viewed", "Read your record"},
    {"sealed_field_viewed", "Read your record, with a sealed field"},
    {"person_created", "Made your record"},
    {"person_changed", "Changed your record"},
    {"person_merged", "Merged another record of you into this one"},
    {"person_unmerged", "Separated a record merged into this one"},
    {"person_rectified", "Corrected your record at your request"},
    {"person_restricted", "Restricted your record at your request"},
    {"person_restriction_lifted", "Lifted the restriction of your record"},
    {"consent_recorded", "Recorded your consent to sharing"},
    {"exploitation_screened", "Screened for exploitation"},
    {"missing_episodes_viewed", "Read your missing episodes"},
    {"disclosure_viewed", "Read what was shared with them"},
    {"retention_group_set", "Set how long your record is kept"},
    {"subject_bundle_assembled", "Gathered your record for your request"},
    END};
static const word context_keys[] = {{"relationship_to_trafficker", "Relationship to the trafficker"},
                                    {"method_of_recruitment", "How they were recruited"},
                                    {"methods_of_control", "How they were controlled"},
                                    {"types_of_exploitation", "Types of exploitation"},
                                    END};

static const word *const tables[WORDS_COUNT] = {
    [WORDS_CASE_ROLE] = case_roles,
    [WORDS_CASE_STATUS] = case_statuses,
    [WORDS_NRM_STATUS] = nrm_statuses,
    [WORDS_AUTHORITY] = authorities,
    [WORDS_NRM_OUTCOME] = nrm_outcomes,
    [WORDS_STRATEGY_OUTCOME] = strategy_outcomes,
    [WORDS_CONFERENCE_OUTCOME] = conference_outcomes,
    [WORDS_RISK] = risks,
    [WORDS_ACTION_STATUS] = action_statuses,
    [WORDS_FOUND_BY] = found_by,
    [WORDS_URGENCY] = urgencies,
    [WORDS_REFERRAL_STATUS] = referral_statuses,
    [WORDS_REFERRAL_OUTCOME] = referral_outcomes,
    [WORDS_DOCUMENT_KIND] = document_kinds,
    [WORDS_SHARE_END] = share_ends,
    [WORDS_USER_ROLE] = user_roles,
    [WORDS_AUDIT_ACTION] = audit_actions,
    [WORDS_VICTIM_CONTEXT] = context_keys,
};

words_list words_context_values(const char *part)
{
	static const struct {
		const char *part;
		words_list list;
	} parts[] = {
	    {"relationship_to_trafficker", WORDS_RELATIONSHIP},
	    {"method_of_recruitment", WORDS_RECRUITMENT},
	    {"methods_of_control", WORDS_CONTROL},
	    {"types_of_exploitation", WORDS_EXPLOITATION},
	};
	for (size_t i = 0; part && i < sizeof parts / sizeof parts[0]; i++)
		if (strcmp(parts[i].part, part) == 0)
			return parts[i].list;
	return WORDS_AS_WRITTEN;
}

static const char *const months[12] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

void words_long_date(const char *iso, char *out, size_t n)
{
	int y, m, d;
	char end;
	if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		snprintf(out, n, "%s", iso ? iso : "");
	else
		snprintf(out, n, "%d %s %d", d, months[m - 1], y);
}

void words_long_time(const char *iso, char *out, size_t n)
{
	int64_t ms;
	if (!iso || clock_parse_iso(iso, &ms) != 0) {
		snprintf(out, n, "%s", iso ? iso : "");
		return;
	}
	char local[CLOCK_ISO_LEN], date[40];
	clock_iso(ms + clock_uk_offset_ms(ms), local);
	char clock[6];
	memcpy(clock, local + 11, 5);
	clock[5] = '\0';
	local[10] = '\0';
	words_long_date(local, date, sizeof date);
	snprintf(out, n, "%s at %s", date, clock);
}

/* "court_order" as "Court order". */
static void spelled_out(const char *code, char *out, size_t n)
{
	size_t i = 0;
	for (; code[i] && i + 1 < n; i++) {
		char ch = code[i] == '_' ? ' ' : code[i];
		out[i] = i == 0 && ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
	}
	if (n)
		out[i < n ? i : n - 1] = '\0';
}

static const char *listed(words_list list, const char *code)
{
	const vocab_entry *e = NULL;
	const code_name *c = NULL;
	int i;
	switch (list) {
	case WORDS_COUNTRY:
		c = codes_country(code);
		return c ? c->name : NULL;
	case WORDS_LANGUAGE:
		c = codes_language(code);
		return c ? c->name : NULL;
	case WORDS_GENDER:
		e = vocab_find(&vocab_gender, code);
		break;
	case WORDS_NRM_TYPE:
		e = vocab_find(&vocab_nrm_exploitation, code);
		break;
	case WORDS_INDICATOR:
		e = vocab_find(&vocab_indicators, code);
		break;
	case WORDS_RELATIONSHIP:
		e = vocab_find(&vocab_relationships, code);
		break;
	case WORDS_RECRUITMENT:
		e = vocab_find(&vocab_recruitment, code);
		break;
	case WORDS_CONTROL:
		e = vocab_find(&vocab_control, code);
		break;
	case WORDS_EXPLOITATION:
		e = vocab_find(&vocab_exploitation, code);
		break;
	case WORDS_SHARE_PURPOSE:
		return (i = share_purpose_of(code)) >= 0 ? share_purpose_label((share_purpose)i) : NULL;
	case WORDS_SHARE_BASIS:
		return (i = share_basis_of(code)) >= 0 ? share_basis_label((share_basis)i) : NULL;
	case WORDS_SHARE_SECTION:
		return (i = share_section_of(code)) >= 0 ? share_section_label((share_section)i) : NULL;
	default:
		if (list > WORDS_AS_WRITTEN && list < WORDS_COUNT && tables[list])
			for (const word *w = tables[list]; w->code; w++)
				if (strcmp(w->code, code) == 0)
					return w->words;
		return NULL;
	}
	return e ? e->label : NULL;
}

void words_of(words_list list, const char *value, char *out, size_t n)
{
	if (!n)
		return;
	if (!value) {
		out[0] = '\0';
		return;
	}
	switch (list) {
	case WORDS_AS_WRITTEN:
		snprintf(out, n, "%s", value);
		return;
	case WORDS_DATE:
		words_long_date(value, out, n);
		return;
	case WORDS_TIME:
		words_long_time(value, out, n);
		return;
	default:
		break;
	}
	const char *w = listed(list, value);
	if (w)
		snprintf(out, n, "%s", w);
	else
		spelled_out(value, out, n);
}
