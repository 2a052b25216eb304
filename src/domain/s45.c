#include "domain/s45.h"

#include <string.h>

/* Schedule 4 to the Modern Slavery Act 2015 (England and Wales), the
 * offences a force most often meets, by statute and section. */
const schedule4_offence schedule4[] = {
	{"murder", "Murder"},
	{"manslaughter", "Manslaughter"},
	{"kidnapping", "Kidnapping"},
	{"false_imprisonment", "False imprisonment"},
	{"oapa_s4", "Soliciting murder (Offences against the Person Act 1861 s4)"},
	{"oapa_s16", "Threats to kill (OAPA 1861 s16)"},
	{"oapa_s18", "Wounding or causing grievous bodily harm with intent (OAPA 1861 s18)"},
	{"oapa_s20", "Malicious wounding or inflicting grievous bodily harm (OAPA 1861 s20)"},
	{"oapa_s21", "Attempting to choke, suffocate or strangle to commit an indictable offence (OAPA 1861 s21)"},
	{"oapa_s22", "Using drugs to commit an indictable offence (OAPA 1861 s22)"},
	{"oapa_s23", "Administering poison so as to endanger life (OAPA 1861 s23)"},
	{"oapa_s28", "Causing bodily injury by explosives (OAPA 1861 s28)"},
	{"oapa_s29", "Using explosives with intent to do grievous bodily harm (OAPA 1861 s29)"},
	{"oapa_s38", "Assault with intent to resist arrest (OAPA 1861 s38)"},
	{"explosives_1883_s2", "Causing an explosion likely to endanger life (Explosive Substances Act 1883 s2)"},
	{"firearms_s16", "Possession of a firearm with intent to endanger life (Firearms Act 1968 s16)"},
	{"firearms_s17", "Using a firearm to resist arrest (Firearms Act 1968 s17)"},
	{"firearms_s18", "Carrying a firearm with criminal intent (Firearms Act 1968 s18)"},
	{"theft_s8", "Robbery or assault with intent to rob (Theft Act 1968 s8)"},
	{"theft_s9_gbh_rape", "Burglary with intent to inflict grievous bodily harm or to rape (Theft Act 1968 s9)"},
	{"theft_s10", "Aggravated burglary (Theft Act 1968 s10)"},
	{"theft_s12a_death", "Aggravated vehicle-taking causing death (Theft Act 1968 s12A)"},
	{"theft_s21", "Blackmail (Theft Act 1968 s21)"},
	{"criminal_damage_s1_2", "Destroying or damaging property endangering life, including arson (Criminal Damage Act 1971 s1(2))"},
	{"cja_1988_s134", "Torture (Criminal Justice Act 1988 s134)"},
	{"rta_s1", "Causing death by dangerous driving (Road Traffic Act 1988 s1)"},
	{"rta_s3a", "Causing death by careless driving under the influence (Road Traffic Act 1988 s3A)"},
	{"soa_2003_s1", "Rape (Sexual Offences Act 2003 s1)"},
	{"soa_2003_s2", "Assault by penetration (Sexual Offences Act 2003 s2)"},
	{"soa_2003_s3", "Sexual assault (Sexual Offences Act 2003 s3)"},
	{"soa_2003_s4", "Causing a person to engage in sexual activity without consent (SOA 2003 s4)"},
	{"soa_2003_s5_s8", "Rape and sexual assault of a child under 13 (SOA 2003 ss5 to 8)"},
	{"soa_2003_s9_s15", "Child sex offences (SOA 2003 ss9 to 15)"},
	{"soa_2003_s47_s50", "Sexual exploitation of children (SOA 2003 ss47 to 50)"},
	{"msa_s1", "Slavery, servitude and forced or compulsory labour (Modern Slavery Act 2015 s1)"},
	{"msa_s2", "Human trafficking (Modern Slavery Act 2015 s2)"},
	{"terrorism", "Terrorism offences (Terrorism Acts 2000 and 2006)"},
	{"aviation_hijacking", "Hijacking (Aviation Security Act 1982 s1)"},
	{"infanticide", "Infanticide (Infanticide Act 1938 s1)"},
};
const size_t schedule4_count = sizeof schedule4 / sizeof schedule4[0];

const schedule4_offence *schedule4_find(const char *code)
{
	for (size_t i = 0; code && i < schedule4_count; i++)
		if (strcmp(schedule4[i].code, code) == 0)
			return &schedule4[i];
	return NULL;
}

const char *s45_missing(const s45_answers *a)
{
	if (a->schedule4)
		return NULL; /* excluded whatever the answers */
	if (a->child) {
		if (a->direct_consequence < 0)
			return "direct_consequence";
		if (a->reasonable_person < 0)
			return "reasonable_person";
		return NULL;
	}
	if (a->compelled < 0)
		return "compelled";
	if (a->no_realistic_alternative < 0)
		return "no_realistic_alternative";
	return NULL;
}

s45_outcome s45_evaluate(const s45_answers *a)
{
	if (a->schedule4)
		return S45_EXCLUDED;
	if (a->child)
		return a->direct_consequence == 1 && a->reasonable_person == 1 ? S45_MAY_APPLY
									    : S45_DOES_NOT_APPLY;
	return a->compelled == 1 && a->no_realistic_alternative == 1 ? S45_MAY_APPLY : S45_DOES_NOT_APPLY;
}

const char *s45_outcome_name(s45_outcome o)
{
	switch (o) {
	case S45_MAY_APPLY:
		return "defence_may_apply";
	case S45_EXCLUDED:
		return "excluded_schedule_4";
	case S45_DOES_NOT_APPLY:
		break;
	}
	return "defence_does_not_apply";
}

charging_refusal s45_charging_allowed(int non_punishment_flag, int has_assessment, int approved)
{
	if (!non_punishment_flag)
		return CHARGE_OK;
	if (!has_assessment)
		return CHARGE_NEEDS_ASSESSMENT;
	return approved ? CHARGE_OK : CHARGE_NEEDS_APPROVAL;
}

int charging_decision_valid(const char *d)
{
	static const char *const v[] = {"charge", "caution", "no_further_action", "refer_to_cps", NULL};
	for (int i = 0; d && v[i]; i++)
		if (strcmp(v[i], d) == 0)
			return 1;
	return 0;
}
