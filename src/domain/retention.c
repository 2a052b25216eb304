#include "domain/retention.h"

#include <string.h>

/* The review schedule of the College of Policing Authorised Professional
 * Practice, Information management: Management of police information,
 * "Retention, review and disposal" (the section "National Retention
 * Assessment Criteria" and its review schedule),
 * https://www.college.police.uk/app/information-management/management-police-information/retention-review-and-disposal
 * (formerly
 * https://www.app.college.police.uk/app-content/information-management/management-of-police-information/retention-review-and-disposal-of-police-information/).
 *   Group 1, certain public protection matters: kept until the subject is
 *     deemed to have reached 100 years of age, reviewed every 10 years to
 *     check it is adequate and up to date; no clear period.
 *   Group 2, other sexual, violent or serious offences: reviewed after a
 *     10-year clear period; kept while a policing purpose remains.
 *   Group 3, all other offences: a 6-year clear period, then disposal may
 *     be time-based (reviewed after 6 years).
 * The six-year floor is also the MoPI guidance's ("all records will
 * normally be held for a minimum of six years", as the Home Office answered
 * Parliament, HC Deb 19 June 2006, Police Information). The APP page was
 * revised with the 2023 Police information and records management Code of
 * Practice; the copies consulted for this table did not show its schedule
 * in full, so check the periods against the live page when it changes. An
 * administrator may change them (stored in retention_rule_sets); these are
 * the values when nobody has. */
#define APP_SOURCE                                                                                 \
	"College of Policing, APP Information management: Management of police information, "      \
	"Retention, review and disposal (review schedule), "                                       \
	"https://www.college.police.uk/app/information-management/management-police-information/"  \
	"retention-review-and-disposal"

static const retention_rule rules[RETENTION_NGROUPS] = {
    {RETENTION_GROUP_1, "group_1", "Certain public protection matters",
     "sexual offences and offences against children, people managed under MAPPA or a prevention or "
     "risk "
     "order, potentially dangerous people",
     10, 0, "kept until the subject is deemed 100 years old, reviewed every 10 years", APP_SOURCE},
    {RETENTION_GROUP_2, "group_2", "Other sexual, violent or serious offences",
     "serious offences not in group 1, among them slavery, servitude, forced labour and human "
     "trafficking (Modern Slavery Act 2015 ss1, 2 and 4)",
     10, 10, "reviewed after a 10-year clear period; disposed of when no policing purpose remains",
     APP_SOURCE},
    {RETENTION_GROUP_3, "group_3", "All other offences", "all other offences and matters", 6, 6,
     "disposed of after a 6-year clear period unless a review finds a policing purpose",
     APP_SOURCE},
};

const retention_rule *retention_rule_default(retention_group g)
{
	return (unsigned)g < RETENTION_NGROUPS ? &rules[g] : NULL;
}

int retention_group_parse(const char *s, retention_group *g)
{
	for (int i = 0; s && i < RETENTION_NGROUPS; i++)
		if (strcmp(s, rules[i].code) == 0) {
			*g = (retention_group)i;
			return 0;
		}
	return -1;
}

const char *retention_group_code(retention_group g)
{
	return (unsigned)g < RETENTION_NGROUPS ? rules[g].code : NULL;
}

/* Which group a case falls in by default: the first row that matches. A
 * sexual-exploitation case, or one whose suspect is under a Slavery and
 * Trafficking Prevention or Risk Order, is a public protection matter; any
 * other modern slavery offence or exploitation is serious (the offences
 * carry life imprisonment); what names no exploitation and no offence
 * (only "unknown", or an "other" offence) is in group 3. */
typedef enum fact_kind { FACT_ORDER, FACT_TYPE, FACT_OFFENCE, FACT_ANY } fact_kind;
static const struct {
	fact_kind kind;
	const char *value;
	retention_group group;
	const char *reason;
} group_rules[] = {
    {FACT_ORDER, NULL, RETENTION_GROUP_1, "a prevention or risk order is recorded in the case"},
    {FACT_TYPE, "sexual", RETENTION_GROUP_1, "sexual exploitation: a public protection matter"},
    {FACT_OFFENCE, "msa_s1", RETENTION_GROUP_2,
     "slavery, servitude or forced labour (MSA 2015 s1)"},
    {FACT_OFFENCE, "msa_s2", RETENTION_GROUP_2, "human trafficking (MSA 2015 s2)"},
    {FACT_OFFENCE, "msa_s4", RETENTION_GROUP_2, "an offence committed to traffic (MSA 2015 s4)"},
    {FACT_TYPE, "labour", RETENTION_GROUP_2, "labour exploitation: a serious offence"},
    {FACT_TYPE, "criminal", RETENTION_GROUP_2, "criminal exploitation: a serious offence"},
    {FACT_TYPE, "domestic_servitude", RETENTION_GROUP_2, "domestic servitude: a serious offence"},
    {FACT_TYPE, "organ_harvesting", RETENTION_GROUP_2, "organ harvesting: a serious offence"},
    {FACT_ANY, NULL, RETENTION_GROUP_3, "no modern slavery offence or exploitation is recorded"},
};

static int holds(const char *const *list, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

retention_group retention_default_group(const retention_facts *f, const char **reason)
{
	size_t n = sizeof group_rules / sizeof group_rules[0];
	for (size_t i = 0; i < n; i++) {
		int match = 0;
		switch (group_rules[i].kind) {
		case FACT_ORDER:
			match = f->orders > 0;
			break;
		case FACT_TYPE:
			match = holds(f->types, f->ntypes, group_rules[i].value);
			break;
		case FACT_OFFENCE:
			match = holds(f->offences, f->noffences, group_rules[i].value);
			break;
		case FACT_ANY:
			match = 1;
			break;
		}
		if (match) {
			if (reason)
				*reason = group_rules[i].reason;
			return group_rules[i].group;
		}
	}
	return RETENTION_GROUP_3; /* not reached: the last row matches all */
}

int retention_next_review(const char *opened_on, const char *closed_on, const char *reviewed_next,
                          int review_years, char out[DATE_LEN])
{
	if (reviewed_next) {
		if (date_days(reviewed_next) == DATE_INVALID)
			return -1;
		memcpy(out, reviewed_next, DATE_LEN - 1);
		out[DATE_LEN - 1] = '\0';
		return 0;
	}
	const char *from = closed_on && closed_on[0] ? closed_on : opened_on;
	if (!from || review_years < 1)
		return -1;
	return date_add_years(from, review_years, out);
}

retention_due retention_due_state(const char *next, const char *today)
{
	long n = date_days(next), t = date_days(today);
	if (n == DATE_INVALID || t == DATE_INVALID)
		return RETENTION_NOT_DUE;
	if (n < t)
		return RETENTION_OVERDUE;
	return n - t <= RETENTION_DUE_DAYS ? RETENTION_DUE_SOON : RETENTION_NOT_DUE;
}
