#include "domain/vocab.h"

#include <stdio.h>
#include <string.h>

#define VOCAB(var, name, table, field) \
	const vocab var = {name, table, sizeof table / sizeof table[0], field}

static const vocab_entry indicators[] = {
	{"physical_injuries", "physical", "Signs of physical injury or abuse", NULL},
	{"malnourished", "physical", "Malnourished, unkempt or poor hygiene", NULL},
	{"untreated_conditions", "physical", "Untreated injuries or medical conditions", NULL},
	{"unsuitable_clothing", "physical", "Clothing unsuitable for the work or the weather", NULL},
	{"exhaustion", "physical", "Exhausted from long working hours", NULL},
	{"branding", "physical", "Tattoos or marks showing ownership", NULL},
	{"fearful", "psychological", "Fearful, anxious or withdrawn", NULL},
	{"distrust_of_authorities", "psychological", "Distrust of police or other authorities", NULL},
	{"scripted_account", "psychological", "Account appears rehearsed or scripted", NULL},
	{"fear_of_deportation", "psychological", "Fear of deportation or of immigration authorities", NULL},
	{"fear_for_family", "psychological", "Fear of harm to family or friends", NULL},
	{"disoriented", "psychological", "Does not know their address, the town or the date", NULL},
	{"attached_to_exploiter", "psychological", "Dependent on or loyal to the exploiter", NULL},
	{"documents_withheld", "situational", "Identity documents held by someone else", NULL},
	{"debt_bondage", "situational", "Owes a debt that cannot be paid off", NULL},
	{"little_or_no_pay", "situational", "Little or no pay, or earnings taken", NULL},
	{"restricted_movement", "situational", "Movement restricted, or accompanied everywhere", NULL},
	{"lives_at_workplace", "situational", "Lives at the workplace or in overcrowded housing", NULL},
	{"isolated", "situational", "Isolated from family, friends and community", NULL},
	{"threatened", "situational", "Threats against them or people close to them", NULL},
	{"spoken_for", "situational", "Someone else speaks or answers for them", NULL},
	{"false_promises", "situational", "Recruited with false promises of work or a better life", NULL},
	{"forced_criminality", "situational",
	 "Made to commit crime (cannabis cultivation, county lines, theft)", NULL},
	{"repeatedly_missing", "situational", "Repeated missing episodes (children)", NULL},
};
VOCAB(vocab_indicators, "indicators", indicators, NULL);

/* Waymark's own list, not HTCDS's: UK and CTDC practice tell an intimate
 * partner, family and friends apart, where HTCDS v2.0 has three values. Each
 * maps to one of those three; unknown leaves the HTCDS field empty. */
static const vocab_entry relationships[] = {
	{"intimate_partner", NULL, "Intimate partner", "Acquainted"},
	{"family_member", NULL, "Family member", "Familial"},
	{"friend_or_acquaintance", NULL, "Friend or acquaintance", "Acquainted"},
	{"employer", NULL, "Employer", "Acquainted"},
	{"recruiter_or_agent", NULL, "Recruiter or agent they knew", "Acquainted"},
	{"stranger", NULL, "Stranger", "Unaquainted"},
	{"other", NULL, "Someone else they knew", "Acquainted"},
	{"unknown", NULL, "Not known", NULL},
};
VOCAB(vocab_relationships, "relationship_to_trafficker", relationships, "vic_RelationshipToTrafficker");

/* HTCDS v2.0 vic_MethodOfRecruitment: where or through whom the victim was
 * recruited. */
static const vocab_entry recruitment[] = {
	{"at_a_place_of_business", NULL, "At a place of business", "AtAPlaceOfBusiness"},
	{"at_an_educational_institution", NULL, "At a school, college or university", "AtAnEducationalInstitution"},
	{"at_work", NULL, "At work", "AtWork"},
	{"through_online_social_networks", NULL, "Through online social networks", "ThroughOnlineSocialNetworks"},
	{"through_an_online_advertisement", NULL, "Through an online advertisement", "ThroughAnOnlineAdvertisement"},
	{"through_a_television_advert", NULL, "Through a television advert", "ThroughATelevisionAdvert"},
	{"through_a_newspaper_advert", NULL, "Through a newspaper advert", "ThroughANewspaperAdvert"},
	{"through_family_or_family_events", NULL, "Through family or family events", "ThroughFamilyOrFamilyEvents"},
	{"through_friends_or_social_events", NULL, "Through friends or social events", "ThroughFriendsOrSocialEvents"},
	{"other", NULL, "Other", "Other"},
};
VOCAB(vocab_recruitment, "method_of_recruitment", recruitment, "vic_MethodOfRecruitment");

/* HTCDS v2.0 vic_MethodsOfControl, all sixteen. */
static const vocab_entry control[] = {
	{"physical_threats", NULL, "Physical threats", "PhysicalThreats"},
	{"threats_law_enforcement", NULL, "Threats of police, immigration or deportation", "ThreatsLawEnforcement"},
	{"threatens_children_family", NULL, "Threats to their children or family", "ThreatensChildrenFamily"},
	{"debt_bondage", NULL, "Debt bondage", "DebtBondage"},
	{"false_promises", NULL, "False promises", "FalsePromises"},
	{"physical_abuse", NULL, "Physical abuse", "PhysicalAbuse"},
	{"sexual_abuse", NULL, "Sexual abuse", "SexualAbuse"},
	{"takes_earnings", NULL, "Takes their earnings", "TakesEarnings"},
	{"restricts_financial_access", NULL, "Restricts access to money or bank accounts", "RestrictsFinancialAccess"},
	{"restricts_medical_care", NULL, "Restricts medical care", "RestrictsMedicalCare"},
	{"withholds_necessities", NULL, "Withholds food, sleep or other necessities", "WithholdsNecessities"},
	{"psychological_abuse", NULL, "Psychological abuse", "PsychologicalAbuse"},
	{"psychoactive_substance", NULL, "Drugs or alcohol used to control", "PsychoactiveSubstance"},
	{"excessive_working_hours", NULL, "Excessive working hours", "ExcessiveWorkingHours"},
	{"withholds_documents", NULL, "Withholds identity or travel documents", "WithholdsDocuments"},
	{"other", NULL, "Other", "Other"},
};
VOCAB(vocab_control, "methods_of_control", control, "vic_MethodsOfControl");

/* HTCDS v2.0 vic_TypeOfExploitation, all eleven. The UK's own NRM
 * categories are vocab_nrm_exploitation, on the case. */
static const vocab_entry exploitation[] = {
	{"forced_labour", NULL, "Forced labour", "ForcedLabour"},
	{"sexual_exploitation", NULL, "Sexual exploitation", "SexualExploitation"},
	{"child_labour", NULL, "Child labour", "ChildLabour"},
	{"forced_marriage", NULL, "Forced marriage", "ForcedMarriage"},
	{"servitude", NULL, "Servitude, including domestic servitude", "Servitude"},
	{"forced_military_by_non_state_actors", NULL, "Forced military service by armed groups",
	 "ForcedMilitaryByNonStateActors"},
	{"organ_removal", NULL, "Removal of organs", "OrganRemoval"},
	{"forced_begging", NULL, "Forced begging", "ForcedBegging"},
	{"forced_adoption", NULL, "Forced adoption", "ForcedAdoption"},
	{"surrogacy", NULL, "Forced surrogacy", "Surrogacy"},
	{"other", NULL, "Other, including forced criminality", "Other"},
};
VOCAB(vocab_exploitation, "types_of_exploitation", exploitation, "vic_TypeOfExploitation");

/* The UK's NRM exploitation types, a case's exploitation_types, mapped to
 * HTCDS's types of exploitation; criminal exploitation is HTCDS's Other. */
static const vocab_entry nrm_exploitation[] = {
	{"labour", NULL, "Labour exploitation", "ForcedLabour"},
	{"sexual", NULL, "Sexual exploitation", "SexualExploitation"},
	{"criminal", NULL, "Criminal exploitation", "Other"},
	{"domestic_servitude", NULL, "Domestic servitude", "Servitude"},
	{"organ_harvesting", NULL, "Organ harvesting", "OrganRemoval"},
	{"unknown", NULL, "Not known", NULL},
};
VOCAB(vocab_nrm_exploitation, "nrm_exploitation_types", nrm_exploitation, "vic_TypeOfExploitation");

/* A person's gender as Waymark records it, mapped to HTCDS's prs_Gender. */
static const vocab_entry gender[] = {
	{"female", NULL, "Female", "Feminine"},
	{"male", NULL, "Male", "Masculine"},
	{"other", NULL, "Another gender", "NonConforming"},
	{"unknown", NULL, "Not known", "NonSpecifiedUnknown"},
};
VOCAB(vocab_gender, "gender", gender, "prs_Gender");

/* Support services a victim can be referred to (Victims' Code right 4). */
static const vocab_entry support_services[] = {
	{"victim_care_contract", NULL, "Modern Slavery Victim Care Contract support (through the NRM)", NULL},
	{"independent_victim_navigator", NULL, "Independent victim navigator", NULL},
	{"icta_guardian", NULL, "Independent Child Trafficking Guardian", NULL},
	{"children_services", NULL, "Children's social care", NULL},
	{"adult_social_care", NULL, "Adult social care", NULL},
	{"housing", NULL, "Housing or safe accommodation", NULL},
	{"health", NULL, "Health care", NULL},
	{"mental_health", NULL, "Mental health support", NULL},
	{"substance_misuse", NULL, "Drug and alcohol support", NULL},
	{"legal_advice", NULL, "Legal advice", NULL},
	{"victim_support", NULL, "Victim support service funded by the Police and Crime Commissioner", NULL},
	{"other", NULL, "Other", NULL},
};
VOCAB(vocab_support_services, "support_services", support_services, NULL);

const vocab *const vocab_lists[] = {
	&vocab_indicators,   &vocab_relationships,    &vocab_recruitment, &vocab_control,
	&vocab_exploitation, &vocab_nrm_exploitation, &vocab_gender,      &vocab_support_services,
};
const size_t vocab_nlists = sizeof vocab_lists / sizeof vocab_lists[0];

const vocab_entry *vocab_find(const vocab *v, const char *code)
{
	for (size_t i = 0; code && i < v->n; i++)
		if (strcmp(v->entries[i].code, code) == 0)
			return &v->entries[i];
	return NULL;
}

const vocab_entry *vocab_find_htcds(const vocab *v, const char *name)
{
	for (size_t i = 0; name && i < v->n; i++)
		if (v->entries[i].htcds && strcmp(v->entries[i].htcds, name) == 0)
			return &v->entries[i];
	return NULL;
}

size_t vocab_markdown(const vocab *v, char *out, size_t outlen)
{
	size_t len = 0;
	if (outlen)
		out[0] = '\0';
#define PUT(...)                                                                                 \
	do {                                                                                     \
		int n_ = snprintf(len < outlen ? out + len : NULL, len < outlen ? outlen - len : 0, \
				  __VA_ARGS__);                                                  \
		if (n_ > 0)                                                                      \
			len += (size_t)n_;                                                       \
	} while (0)
	int grouped = v->n && v->entries[0].group;
	PUT("| code |%s label |", grouped ? " group |" : "");
	if (v->htcds_field)
		PUT(" HTCDS `%s` |", v->htcds_field);
	PUT("\n|---|---|%s%s\n", grouped ? "---|" : "", v->htcds_field ? "---|" : "");
	for (size_t i = 0; i < v->n; i++) {
		const vocab_entry *e = &v->entries[i];
		PUT("| `%s` |", e->code);
		if (grouped)
			PUT(" %s |", e->group);
		PUT(" %s |", e->label);
		if (v->htcds_field && e->htcds)
			PUT(" `%s` |", e->htcds);
		else if (v->htcds_field)
			PUT(" (left empty) |");
		PUT("\n");
	}
#undef PUT
	return len;
}
