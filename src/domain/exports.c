#include "domain/exports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/m49.h"
#include "domain/person.h"
#include "domain/stats.h"
#include "domain/vocab.h"
#include "lib/csv.h"

const char *const ctdc_columns[] = {
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    "CountryOfExploitation",
    "meansOfControlDebtBondage",
    "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess",
    "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse",
    "meansOfControlSexualAbuse",
    "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances",
    "meansOfControlRestrictsMedicalCare",
    "meansOfControlExcessiveWorkingHours",
    "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities",
    "meansOfControlWithholdsDocuments",
    "meansOfControlOther",
    "meansOfControlNotSpecified",
    "meansOfControlConcatenated",
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isSexAndLabour",
    "isForcedMarriage",
    "isForcedMilitary",
    "isOrganRemoval",
    "isSlaveryAndPractices",
    "typeOfExploitConcatenated",
    "recruiterRelation",
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
    "recruiterRelationUnknown",
    NULL,
};

/* ---- what one victim's row says ---- */

/* The CTDC's means of control, each from Waymark's methods of control
 * (HTCDS's), and the words meansOfControlConcatenated uses. */
static const struct {
	const char *label;
	const char *codes[3];
} controls[] = {
    {"Debt bondage", {"debt_bondage"}},
    {"Takes earnings", {"takes_earnings"}},
    {"Restricts financial access", {"restricts_financial_access"}},
    {"Threats", {"physical_threats", "threatens_children_family"}},
    {"Psychological abuse", {"psychological_abuse"}},
    {"Physical abuse", {"physical_abuse"}},
    {"Sexual abuse", {"sexual_abuse"}},
    {"False promises", {"false_promises"}},
    {"Psychoactive substances", {"psychoactive_substance"}},
    {"Restricts medical care", {"restricts_medical_care"}},
    {"Excessive working hours", {"excessive_working_hours"}},
    {"Threat of law enforcement", {"threats_law_enforcement"}},
    {"Withholds necessities", {"withholds_necessities"}},
    {"Withholds documents", {"withholds_documents"}},
    {"Other", {"other"}},
};
#define NCONTROLS (sizeof controls / sizeof controls[0])

/* The CTDC's types of exploitation, each from HTCDS's names (which both
 * the case's NRM types and the victim context map to). isSexAndLabour
 * sits between sexual and the rest, as typeOfExploitConcatenated writes
 * "Combined sexual and labour exploitation" there. */
enum { X_LABOUR, X_SEXUAL, X_OTHER, X_MARRIAGE, X_MILITARY, X_ORGAN, X_SLAVERY, X_COUNT };
static const struct {
	const char *label;
	const char *htcds[4];
} exploits[X_COUNT] = {
    [X_LABOUR] = {"Forced labour", {"ForcedLabour", "ChildLabour", "ForcedBegging"}},
    [X_SEXUAL] = {"Sexual exploitation", {"SexualExploitation"}},
    [X_OTHER] = {"Other", {"Other", "ForcedAdoption", "Surrogacy"}},
    [X_MARRIAGE] = {"Forced marriage", {"ForcedMarriage"}},
    [X_MILITARY] = {"Forced military", {"ForcedMilitaryByNonStateActors"}},
    [X_ORGAN] = {"Organ removal", {"OrganRemoval"}},
    [X_SLAVERY] = {"Slavery and similar practices", {"Servitude"}},
};
/* The order typeOfExploitConcatenated lists them in. */
static const int exploit_order[] = {X_LABOUR,   X_SEXUAL, -1,        X_MARRIAGE,
                                    X_MILITARY, X_ORGAN,  X_SLAVERY, X_OTHER};

/* The recruiter relationship the CTDC records, from Waymark's. */
enum { R_NONE, R_PARTNER, R_FRIEND, R_FAMILY, R_OTHER, R_UNKNOWN };
static const char *const relation_text[] = {"",      "Intimate Partner", "Friend", "Family",
                                            "Other", "Unknown"};

static int relation_of(const char *code)
{
	if (!code || !vocab_find(&vocab_relationships, code))
		return R_NONE;
	if (!strcmp(code, "intimate_partner"))
		return R_PARTNER;
	if (!strcmp(code, "family_member"))
		return R_FAMILY;
	if (!strcmp(code, "friend_or_acquaintance"))
		return R_FRIEND;
	if (!strcmp(code, "unknown"))
		return R_UNKNOWN;
	return R_OTHER;
}

static const char *const genders[] = {"", "Female", "Male", "Transgender/NonConforming"};

static int gender_of(const char *g)
{
	if (!g)
		return 0;
	if (!strcmp(g, "female"))
		return 1;
	if (!strcmp(g, "male"))
		return 2;
	return !strcmp(g, "other") ? 3 : 0;
}

/* One victim as the export has gathered them. */
typedef struct victim {
	char person_id[40];
	int year;
	int age;
	unsigned char gender;
	char citizenship[3], exploited_in[3];
	unsigned short controls; /* bits of controls[] */
	unsigned char control_known;
	unsigned char exploits; /* bits of X_ */
	unsigned char relation;
} victim;

/* The CTDC spells the bands of stats_age_band with two hyphens. */
static const char *const age_bands[STATS_AGE_BANDS] = {
    "0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+"};

const char *ctdc_age_broad(int age)
{
	int b = stats_age_band_index(age);
	return b < 0 ? "" : age_bands[b];
}

static void exploit_mark(victim *v, const char *htcds)
{
	for (int x = 0; htcds && x < X_COUNT; x++)
		for (int i = 0; i < 4 && exploits[x].htcds[i]; i++)
			if (!strcmp(exploits[x].htcds[i], htcds))
				v->exploits |= (unsigned char)(1u << x);
}

static void control_mark(victim *v, const char *code)
{
	for (size_t c = 0; code && c < NCONTROLS; c++)
		for (int i = 0; i < 3 && controls[c].codes[i]; i++)
			if (!strcmp(controls[c].codes[i], code))
				v->controls |= (unsigned short)(1u << c);
}

static void copy_country(char out[3], const char *code)
{
	out[0] = '\0';
	if (code && strlen(code) == 2 && nationality_valid(code))
		memcpy(out, code, 3);
}

/* Adds what one part says to the victim: the case's types and the victim
 * context (methods of control and types of exploitation add up; the first
 * relationship recorded stands); the first country of exploitation. */
static void victim_add(victim *v, const ctdc_link *l)
{
	json_t *types = l->case_types ? json_loads(l->case_types, 0, NULL) : NULL;
	size_t i;
	json_t *t;
	json_array_foreach(types, i, t)
	{
		const vocab_entry *e = vocab_find(&vocab_nrm_exploitation, json_string_value(t));
		exploit_mark(v, e ? e->htcds : NULL);
	}
	json_decref(types);
	json_t *ctx = l->victim_context ? json_loads(l->victim_context, 0, NULL) : NULL;
	json_array_foreach(json_object_get(ctx, "types_of_exploitation"), i, t)
	{
		const vocab_entry *e = vocab_find(&vocab_exploitation, json_string_value(t));
		exploit_mark(v, e ? e->htcds : NULL);
	}
	json_array_foreach(json_object_get(ctx, "methods_of_control"), i, t)
	{
		control_mark(v, json_string_value(t));
		v->control_known = 1;
	}
	if (v->relation == R_NONE)
		v->relation = (unsigned char)relation_of(
		    json_string_value(json_object_get(ctx, "relationship_to_trafficker")));
	json_decref(ctx);
	if (!v->exploited_in[0])
		copy_country(v->exploited_in, l->exploited_in);
}

/* The victim as first identified by this part. */
static void victim_start(victim *v, const ctdc_link *l)
{
	memset(v, 0, sizeof *v);
	snprintf(v->person_id, sizeof v->person_id, "%s", l->person_id);
	char on[11] = "";
	snprintf(on, sizeof on, "%.10s", l->linked_at ? l->linked_at : "");
	v->year = atoi(on);
	v->age = l->date_of_birth ? age_on(l->date_of_birth, on) : l->estimated_age;
	if (v->age < 0)
		v->age = -1;
	v->gender = (unsigned char)gender_of(l->gender);
	json_t *nat = l->nationalities ? json_loads(l->nationalities, 0, NULL) : NULL;
	copy_country(v->citizenship, json_string_value(json_array_get(nat, 0)));
	json_decref(nat);
}

/* ---- the export ---- */

struct ctdc_export {
	char from[11], to[11];
	int k;
	victim *victims;
	size_t n, cap;
};

ctdc_export *ctdc_export_new(const char *from, const char *to, int k)
{
	ctdc_export *x = calloc(1, sizeof *x);
	if (!x)
		return NULL;
	snprintf(x->from, sizeof x->from, "%s", from);
	snprintf(x->to, sizeof x->to, "%s", to);
	x->k = k;
	return x;
}

void ctdc_export_free(ctdc_export *x)
{
	if (x)
		free(x->victims);
	free(x);
}

int ctdc_export_add(ctdc_export *x, const ctdc_link *l)
{
	victim *last = x->n ? &x->victims[x->n - 1] : NULL;
	if (!last || strcmp(last->person_id, l->person_id) != 0) {
		if (x->n == x->cap) {
			size_t cap = x->cap ? x->cap * 2 : 1024;
			victim *grown =
			    cap > x->cap ? realloc(x->victims, cap * sizeof *grown) : NULL;
			if (!grown)
				return -1;
			x->victims = grown;
			x->cap = cap;
		}
		last = &x->victims[x->n++];
		victim_start(last, l);
	}
	victim_add(last, l);
	return 0;
}

/* Codes for kanon: equal exactly when the text written is equal. A
 * country is its two letters; a sub-region and a region their M49 codes
 * above any pair of letters; "" (not known) is 0 at every level. */
#define M49_BASE 0x10000u
#define YEARS_CODE 0x100000u

static uint32_t country_code(const char *c)
{
	return c[0] ? (uint32_t)(unsigned char)c[0] << 8 | (unsigned char)c[1] : 0;
}

static void place_levels(uint32_t out[KANON_LEVELS], const char *c)
{
	out[0] = country_code(c);
	int sub = c[0] ? m49_subregion_code(c) : 0, region = c[0] ? m49_region_code(c) : 0;
	out[1] = sub ? M49_BASE + (uint32_t)sub : out[0];
	out[2] = region ? M49_BASE + (uint32_t)region : out[1];
}

static const char *place_text(const char *c, int level)
{
	const char *t = level == 2 ? m49_region(c) : level == 1 ? m49_subregion(c) : NULL;
	return t && c[0] ? t : c;
}

static void kanon_of(const victim *v, int year_from, int year_to, kanon_row *r)
{
	memset(r, 0, sizeof *r);
	for (int l = 0; l < KANON_LEVELS; l++) {
		r->value[CTDC_QI_YEAR][l] =
		    l && year_from != year_to ? YEARS_CODE : (uint32_t)v->year;
		r->value[CTDC_QI_GENDER][l] = v->gender;
		r->value[CTDC_QI_AGE][l] = (uint32_t)(stats_age_band_index(v->age) + 1);
	}
	place_levels(r->value[CTDC_QI_CITIZENSHIP], v->citizenship);
	place_levels(r->value[CTDC_QI_EXPLOITED_IN], v->exploited_in);
}

/* Generalise the nationality to its sub-region, then its region; then
 * the year to the period's years; then the country of exploitation. */
static const kanon_step ladder[] = {
    {CTDC_QI_CITIZENSHIP, 1},  {CTDC_QI_CITIZENSHIP, 2},  {CTDC_QI_YEAR, 1},
    {CTDC_QI_EXPLOITED_IN, 1}, {CTDC_QI_EXPLOITED_IN, 2},
};

static void field(buf *b, const char *s, int first)
{
	csv_field(b, s, first);
}

static void flag(buf *b, int known, int set)
{
	buf_puts(b, known ? (set ? ",1" : ",0") : ",");
}

/* Appends label to the ";"-separated list in out (of size n, len long
 * now); NULL empties it. Returns the new length. The labels here always
 * fit. */
static size_t join(char *out, size_t n, size_t len, const char *label)
{
	if (!label) {
		out[0] = '\0';
		return 0;
	}
	int w = snprintf(out + len, n - len, "%s%s", len ? ";" : "", label);
	return w > 0 && (size_t)w < n - len ? len + (size_t)w : len;
}

static void write_row(buf *b, const victim *v, const kanon_row *r, int year_from, int year_to)
{
	char text[16];
	if (r->level[CTDC_QI_YEAR] && year_from != year_to)
		snprintf(text, sizeof text, "%d-%d", year_from, year_to);
	else
		snprintf(text, sizeof text, "%d", v->year);
	field(b, text, 1);
	field(b, genders[v->gender], 0);
	field(b, ctdc_age_broad(v->age), 0);
	field(b, v->age < 0 ? "" : v->age < 18 ? "Minor" : "Adult", 0);
	field(b, place_text(v->citizenship, r->level[CTDC_QI_CITIZENSHIP]), 0);
	field(b, place_text(v->exploited_in, r->level[CTDC_QI_EXPLOITED_IN]), 0);
	for (size_t c = 0; c < NCONTROLS; c++)
		flag(b, v->control_known, v->controls & (1u << c));
	buf_puts(b, v->control_known ? ",0" : ",1");
	char all[512];
	size_t len = join(all, sizeof all, 0, NULL);
	for (size_t c = 0; c < NCONTROLS; c++)
		if (v->controls & (1u << c))
			len = join(all, sizeof all, len, controls[c].label);
	field(b, all, 0);
	int known = v->exploits != 0;
	int both = (v->exploits & (1u << X_LABOUR)) && (v->exploits & (1u << X_SEXUAL));
	flag(b, known, v->exploits & (1u << X_LABOUR));
	flag(b, known, v->exploits & (1u << X_SEXUAL));
	flag(b, known, v->exploits & (1u << X_OTHER));
	flag(b, known, both);
	flag(b, known, v->exploits & (1u << X_MARRIAGE));
	flag(b, known, v->exploits & (1u << X_MILITARY));
	flag(b, known, v->exploits & (1u << X_ORGAN));
	flag(b, known, v->exploits & (1u << X_SLAVERY));
	len = join(all, sizeof all, 0, NULL);
	for (size_t i = 0; i < sizeof exploit_order / sizeof exploit_order[0]; i++) {
		int x = exploit_order[i];
		const char *label = x < 0
		                        ? (both ? "Combined sexual and labour exploitation" : NULL)
		                    : v->exploits & (1u << x) ? exploits[x].label
		                                              : NULL;
		if (label)
			len = join(all, sizeof all, len, label);
	}
	field(b, all, 0);
	field(b, relation_text[v->relation], 0);
	int rel_known = v->relation != R_NONE;
	for (int r2 = R_PARTNER; r2 <= R_UNKNOWN; r2++)
		flag(b, rel_known, v->relation == r2);
	buf_puts(b, "\r\n");
}

int ctdc_export_finish(ctdc_export *x, buf *csv, ctdc_summary *sum)
{
	memset(sum, 0, sizeof *sum);
	memcpy(sum->from, x->from, sizeof sum->from);
	memcpy(sum->to, x->to, sizeof sum->to);
	sum->k = x->k;
	int year_from = atoi(x->from), year_to = atoi(x->to);
	kanon_row *rows = x->n ? malloc(x->n * sizeof *rows) : NULL;
	if (x->n && !rows)
		return -1;
	for (size_t i = 0; i < x->n; i++)
		kanon_of(&x->victims[i], year_from, year_to, &rows[i]);
	if (kanon_apply(rows, x->n, x->k, ladder, sizeof ladder / sizeof ladder[0], &sum->kanon) !=
	    0) {
		free(rows);
		return -1;
	}
	for (int c = 0; ctdc_columns[c]; c++)
		field(csv, ctdc_columns[c], c == 0);
	buf_puts(csv, "\r\n");
	for (size_t i = 0; i < x->n; i++)
		if (!rows[i].suppressed)
			write_row(csv, &x->victims[i], &rows[i], year_from, year_to);
	free(rows);
	return csv->failed ? -1 : 0;
}

json_t *ctdc_summary_json(const ctdc_summary *s)
{
	const kanon_result *r = &s->kanon;
	return json_pack(
	    "{s:{s:s, s:s}, s:i, s:[s, s, s, s, s], s:I, s:I, s:I, s:{s:I, s:I, s:I}, s:I}",
	    "period", "from", s->from, "to", s->to, "k", s->k, "quasi_identifiers",
	    "yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
	    "rows_considered", (json_int_t)r->considered, "rows_written", (json_int_t)r->written,
	    "rows_generalised", (json_int_t)r->generalised, "generalised_by", "yearOfRegistration",
	    (json_int_t)r->generalised_by[CTDC_QI_YEAR], "citizenship",
	    (json_int_t)r->generalised_by[CTDC_QI_CITIZENSHIP], "CountryOfExploitation",
	    (json_int_t)r->generalised_by[CTDC_QI_EXPLOITED_IN], "rows_suppressed",
	    (json_int_t)r->suppressed);
}

int htcds_language(const char *tag, char out[4])
{
	const char *a3 = codes_language_iso639_2(tag);
	size_t n = tag ? strcspn(tag, "-") : 0;
	if (!a3 && n == 3 && tag[0] >= 'a' && tag[0] <= 'z' && tag[1] >= 'a' && tag[1] <= 'z' &&
	    tag[2] >= 'a' && tag[2] <= 'z')
		a3 = tag;
	if (!a3)
		return -1;
	memcpy(out, a3, 3);
	out[3] = '\0';
	return 0;
}
