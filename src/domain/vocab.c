#include "domain/vocab.h"

#include <string.h>

#define VOCAB(var, name, table) \
	const vocab var = {name, table, sizeof table / sizeof table[0]}

static const vocab_entry indicators[] = {
	{"physical_injuries", "physical", "Signs of physical injury or abuse"},
	{"malnourished", "physical", "Malnourished, unkempt or poor hygiene"},
	{"untreated_conditions", "physical", "Untreated injuries or medical conditions"},
	{"unsuitable_clothing", "physical", "Clothing unsuitable for the work or the weather"},
	{"exhaustion", "physical", "Exhausted from long working hours"},
	{"branding", "physical", "Tattoos or marks showing ownership"},
	{"fearful", "psychological", "Fearful, anxious or withdrawn"},
	{"distrust_of_authorities", "psychological", "Distrust of police or other authorities"},
	{"scripted_account", "psychological", "Account appears rehearsed or scripted"},
	{"fear_of_deportation", "psychological", "Fear of deportation or of immigration authorities"},
	{"fear_for_family", "psychological", "Fear of harm to family or friends"},
	{"disoriented", "psychological", "Does not know their address, the town or the date"},
	{"attached_to_exploiter", "psychological", "Dependent on or loyal to the exploiter"},
	{"documents_withheld", "situational", "Identity documents held by someone else"},
	{"debt_bondage", "situational", "Owes a debt that cannot be paid off"},
	{"little_or_no_pay", "situational", "Little or no pay, or earnings taken"},
	{"restricted_movement", "situational", "Movement restricted, or accompanied everywhere"},
	{"lives_at_workplace", "situational", "Lives at the workplace or in overcrowded housing"},
	{"isolated", "situational", "Isolated from family, friends and community"},
	{"threatened", "situational", "Threats against them or people close to them"},
	{"spoken_for", "situational", "Someone else speaks or answers for them"},
	{"false_promises", "situational", "Recruited with false promises of work or a better life"},
	{"forced_criminality", "situational",
	 "Made to commit crime (cannabis cultivation, county lines, theft)"},
	{"repeatedly_missing", "situational", "Repeated missing episodes (children)"},
};
VOCAB(vocab_indicators, "indicators", indicators);

static const vocab_entry relationships[] = {
	{"intimate_partner", NULL, "Intimate partner"},
	{"family_member", NULL, "Family member"},
	{"friend_or_acquaintance", NULL, "Friend or acquaintance"},
	{"employer", NULL, "Employer"},
	{"recruiter_or_agent", NULL, "Recruiter or agent"},
	{"stranger", NULL, "Stranger"},
	{"other", NULL, "Other"},
	{"unknown", NULL, "Unknown"},
};
VOCAB(vocab_relationships, "relationship_to_trafficker", relationships);

static const vocab_entry recruitment[] = {
	{"job_offer", NULL, "Offer of work"},
	{"romantic_relationship", NULL, "Romantic relationship (loverboy)"},
	{"family_or_friends", NULL, "Through family or friends"},
	{"online", NULL, "Online or social media"},
	{"abduction", NULL, "Abduction"},
	{"sold", NULL, "Sold by family or others"},
	{"debt", NULL, "Debt or an offer of a loan"},
	{"other", NULL, "Other"},
	{"unknown", NULL, "Unknown"},
};
VOCAB(vocab_recruitment, "method_of_recruitment", recruitment);

/* The sixteen HTCDS methods of control. */
static const vocab_entry control[] = {
	{"debt_bondage", NULL, "Debt bondage"},
	{"takes_earnings", NULL, "Takes earnings"},
	{"threat_of_law_enforcement", NULL, "Threats of law enforcement or deportation"},
	{"psychological_abuse", NULL, "Psychological abuse"},
	{"physical_abuse", NULL, "Physical abuse"},
	{"sexual_abuse", NULL, "Sexual abuse"},
	{"false_promises", NULL, "False promises"},
	{"psychoactive_substances", NULL, "Psychoactive substances"},
	{"restricts_movement", NULL, "Restricts movement"},
	{"restricts_medical_care", NULL, "Restricts medical care"},
	{"threats", NULL, "Threats"},
	{"threats_to_family", NULL, "Threats to family"},
	{"withholds_necessities", NULL, "Withholds necessities"},
	{"withholds_documents", NULL, "Withholds documents"},
	{"excessive_working_hours", NULL, "Excessive working hours"},
	{"other", NULL, "Other"},
};
VOCAB(vocab_control, "methods_of_control", control);

/* The eleven HTCDS types of exploitation (forced criminality is HTCDS's "other"). */
static const vocab_entry exploitation[] = {
	{"forced_labour", NULL, "Forced labour"},
	{"sexual_exploitation", NULL, "Sexual exploitation"},
	{"forced_marriage", NULL, "Forced marriage"},
	{"forced_military_service", NULL, "Forced military service"},
	{"organ_removal", NULL, "Removal of organs"},
	{"slavery_and_similar", NULL, "Slavery and similar practices"},
	{"servitude", NULL, "Servitude"},
	{"domestic_servitude", NULL, "Domestic servitude"},
	{"forced_begging", NULL, "Forced begging"},
	{"forced_criminality", NULL, "Forced criminality"},
	{"other", NULL, "Other"},
};
VOCAB(vocab_exploitation, "types_of_exploitation", exploitation);

/* Support services a victim can be referred to (Victims' Code right 4). */
static const vocab_entry support_services[] = {
	{"victim_care_contract", NULL, "Modern Slavery Victim Care Contract support (through the NRM)"},
	{"independent_victim_navigator", NULL, "Independent victim navigator"},
	{"icta_guardian", NULL, "Independent Child Trafficking Guardian"},
	{"children_services", NULL, "Children's social care"},
	{"adult_social_care", NULL, "Adult social care"},
	{"housing", NULL, "Housing or safe accommodation"},
	{"health", NULL, "Health care"},
	{"mental_health", NULL, "Mental health support"},
	{"substance_misuse", NULL, "Drug and alcohol support"},
	{"legal_advice", NULL, "Legal advice"},
	{"victim_support", NULL, "Victim support service funded by the Police and Crime Commissioner"},
	{"other", NULL, "Other"},
};
VOCAB(vocab_support_services, "support_services", support_services);

const vocab_entry *vocab_find(const vocab *v, const char *code)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->entries[i].code, code) == 0)
			return &v->entries[i];
	return NULL;
}
