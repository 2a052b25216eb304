/* Synthetic casework for the demo: a few hundred cases over the three years
 * up to today and about a thousand people, every name invented from common
 * names of each nationality, with the NRM's mix of nationalities, ages and
 * exploitation. Victims are referred to the NRM (or notified under the Duty
 * to Notify), decided on, given a single point of contact and a strategy,
 * and kept up to date; the newest cases, and a few chosen older ones, leave
 * a month's worth of work due, overdue and coming up. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/person_names.h"
#include "cli/cli.h"
#include "cli/demo.h"
#include "domain/names.h"
#include "domain/nrm.h"
#include "domain/text.h"
#include "domain/victims_code.h"
#include "domain/vocab.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "store/audit.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/orders.h"
#include "store/people.h"
#include "store/victims.h"

static const char *const postcodes[] = {"SN1 2JH", "SN2 1DL", "SN15 3BP", "BA14 8AA", "BA12 9BT",
					 "SP1 1BN", "SP4 7DE", "SN10 1HU", "SN11 0AB", "BA13 3JT"};
static const char *const places[] = {"Car wash, Station Road", "Nail bar, High Street",
				      "Farm, Chapel Lane", "Takeaway, Market Place",
				      "House of multiple occupation, Victoria Road",
				      "Factory unit, Industrial Estate", "Flat, Queens Road",
				      "Hotel, London Road"};
static const char *const navigators[] = {"Beth Lewis", "Sarah Mills", "Kwame Mensah", "Aisha Rahman",
					 "Tom Fielding", "Gwen Morgan"};
static const char *const courts[] = {"Swindon Magistrates' Court", "Salisbury Magistrates' Court",
				     "Swindon Crown Court", "Salisbury Crown Court"};
static const char *const methods[] = {"In person at the safe house", "By phone through the navigator",
				      "In person at the police station", "By video call with the support worker"};

#define DAY_MS 86400000LL
#define NCASES 300
#define OLDEST_DAYS 1095

/* What a scripted case leaves to do. Each flag is about the case's first
 * victim, except NO_CARE, which is about every victim of the case. */
enum {
	NEW = 1 << 0,	      /* opened, not yet allocated */
	CID_CASE = 1 << 1,    /* CID's case rather than the Exploitation and Missing Team's */
	ADULTS = 1 << 2,      /* the victims are adults */
	NO_REFERRAL = 1 << 3, /* not yet referred to the NRM, nor notified */
	NO_CARE = 1 << 4,     /* no single point of contact or strategy yet */
	NO_STRATEGY = 1 << 5, /* a single point of contact, the strategy still to write */
	RG_WAITING = 1 << 6,  /* the Reasonable Grounds decision past its target */
	UPDATE_OWED = 1 << 7, /* an arrest `days` ago that the victims are not yet told of */
	WITHDRAWN = 1 << 8,   /* consent withdrawn: the referral withdrawn, a Duty to Notify instead */
	RECON_RG = 1 << 9,    /* a negative Reasonable Grounds decision, reconsideration asked */
	RECON_CG = 1 << 10,   /* a negative Conclusive Grounds decision, reconsidered and upheld */
	ORDER = 1 << 11,      /* an order against a suspect that expires in `days` */
};

typedef struct script {
	int age, flags, days;
} script;

/* The newest cases, by age in days: a month of referrals, decisions and
 * allocation, with a few things due, overdue and coming up. */
static const script recent[] = {
	{34, 0, 0},
	{31, 0, 0},
	{29, 0, 0},
	{26, 0, 0},
	{22, 0, 0},
	{19, 0, 0},
	{16, UPDATE_OWED, 4},
	{13, RG_WAITING, 0},
	{12, UPDATE_OWED, 1},
	{10, RG_WAITING | CID_CASE, 0},
	{9, RG_WAITING, 0},
	{8, UPDATE_OWED, 0},
	{6, NO_STRATEGY, 0},
	{4, NEW | NO_STRATEGY, 0},
	{3, NEW | NO_REFERRAL, 0},
	{2, NEW | CID_CASE, 0},
	{1, NEW | NO_REFERRAL | NO_CARE, 0},
	{0, NEW | NO_REFERRAL | NO_CARE, 0},
};
#define NRECENT (int)(sizeof recent / sizeof recent[0])

/* Older cases: the one opened nearest each age takes the script. */
static const script older[] = {
	{50, RECON_RG, 0}, {90, WITHDRAWN | ADULTS, 0}, {260, RECON_CG, 0},
	{300, ORDER, 9},   {760, ORDER, 23},	       {800, ORDER, 0},
};

typedef struct demo {
	db *d;
	const demo_cast *cast;
	holidays h;
	int64_t now;
	long today; /* as a day count */
	int cases, people, links;
} demo;

/* A potential victim in the case being made. */
typedef struct victim {
	char pid[SECURE_ID_LEN], lid[SECURE_ID_LEN];
	const char *lang; /* their language's tag */
	int interpreter;
} victim;

static int make_person(demo *g, const nation *n, int child, int year, char id[SECURE_ID_LEN], int *interpreter)
{
	person_rec p = {0};
	char given[64], family[64], dob[32], nat[16], lang[32];
	snprintf(given, sizeof given, "%s", PICK(n->given));
	snprintf(family, sizeof family, "%s", PICK(n->family));
	p.given_names = given;
	p.family_name = family;
	p.aliases = "[]";
	char alias[96];
	if (demo_pick(6) == 0) { /* some are known by another spelling or a street name */
		snprintf(alias, sizeof alias, "[\"%s %s\"]", PICK(n->given), family);
		p.aliases = alias;
	}
	int age = child ? 13 + demo_pick(5) : 18 + demo_pick(35);
	if (demo_pick(4) == 0) {
		p.date_of_birth = NULL;
		p.estimated_age = age;
		p.age_disputed = !child && age < 22 && demo_pick(3) == 0;
	} else {
		snprintf(dob, sizeof dob, "%04d-%02d-%02d", year - age, 1 + demo_pick(12), 1 + demo_pick(28));
		p.date_of_birth = dob;
		p.estimated_age = -1;
	}
	p.gender = demo_pick(10) < 7 ? "male" : "female";
	snprintf(nat, sizeof nat, "[\"%s\"]", n->code);
	snprintf(lang, sizeof lang, "[\"%s\"]", n->lang);
	p.nationalities = nat;
	p.languages = lang;
	p.interpreter_needed = strcmp(n->code, "GB") != 0 && strcmp(n->code, "NG") != 0 && demo_pick(3) != 0;
	p.interpreter_language = p.interpreter_needed ? n->lang : NULL;
	snprintf(p.created_by, sizeof p.created_by, "%s", g->cast->author_id);
	static name_index ix;
	person_name_index(&p, &ix);
	int rc = store_person_create(g->d, &p, &ix);
	if (rc == DB_OK) {
		memcpy(id, p.id, SECURE_ID_LEN);
		if (interpreter)
			*interpreter = p.interpreter_needed;
		g->people++;
	}
	return rc;
}

/* Gives the person a part in the case, from the moment at. */
static int link(demo *g, const char *case_id, const char *person_id, const char *role, const char *at,
		char out[SECURE_ID_LEN])
{
	case_person_rec cp = {0};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", case_id);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", person_id);
	snprintf(cp.created_at, sizeof cp.created_at, "%s", at);
	cp.role = role;
	int rc = store_case_person_add(g->d, &cp, g->cast->author_id);
	if (rc == DB_OK) {
		memcpy(out, cp.id, SECURE_ID_LEN);
		g->links++;
	}
	return rc;
}

static const char *indicators_for(const char *type, int child)
{
	static const char *const labour[] = {"documents_withheld", "debt_bondage", "lives_at_workplace",
					      "little_or_no_pay", "exhaustion", "false_promises"};
	static const char *const sexual[] = {"fearful", "restricted_movement", "threatened",
					      "spoken_for", "isolated", "branding"};
	static const char *const criminal[] = {"forced_criminality", "threatened", "debt_bondage",
						"attached_to_exploiter", "distrust_of_authorities",
						"repeatedly_missing"};
	static const char *const domestic[] = {"isolated", "restricted_movement", "little_or_no_pay",
						"malnourished", "documents_withheld", "fear_of_deportation"};
	if (strcmp(type, "criminal") == 0)
		return child ? criminal[demo_pick(6)] : criminal[demo_pick(5)];
	if (strcmp(type, "sexual") == 0)
		return PICK(sexual);
	if (strcmp(type, "domestic_servitude") == 0)
		return PICK(domestic);
	return PICK(labour);
}

/* A victim's context in HTCDS v2.0's terms (docs/vocabularies.md), for
 * three victims in four, drawn by a generator of its own so that the rest of
 * the demo is as it was. Every code is one the API would take. */
static uint64_t context_state = 0x2545f4914f6cdd1dULL;

static int context_pick(int n)
{
	context_state ^= context_state << 13;
	context_state ^= context_state >> 7;
	context_state ^= context_state << 17;
	return (int)((context_state >> 11) % (uint64_t)n);
}

/* Adds the code to the list unless it is there already or not in the vocabulary. */
static int add_code(json_t *list, const vocab *v, const char *code)
{
	if (!vocab_find(v, code))
		return -1;
	for (size_t i = 0; i < json_array_size(list); i++)
		if (strcmp(json_string_value(json_array_get(list, i)), code) == 0)
			return 0;
	return json_array_append_new(list, json_string(code));
}

static int victim_context(const demo *g, const char *link_id, const char *type, int child)
{
	static const char *const rel_labour[] = {"recruiter_or_agent", "employer",
	                                         "friend_or_acquaintance", "family_member"};
	static const char *const rel_sexual[] = {"intimate_partner", "friend_or_acquaintance",
	                                         "stranger", "recruiter_or_agent"};
	static const char *const rel_criminal[] = {"friend_or_acquaintance", "stranger", "other",
	                                           "unknown"};
	static const char *const rel_domestic[] = {"family_member", "employer",
	                                           "recruiter_or_agent"};
	static const char *const rec_labour[] = {"through_an_online_advertisement",
	                                         "through_friends_or_social_events", "at_work",
	                                         "through_family_or_family_events", "other"};
	static const char *const rec_sexual[] = {
	    "through_online_social_networks", "through_friends_or_social_events",
	    "through_an_online_advertisement", "at_a_place_of_business"};
	static const char *const rec_criminal[] = {"through_online_social_networks",
	                                           "through_friends_or_social_events",
	                                           "at_an_educational_institution"};
	static const char *const ctl_labour[] = {"debt_bondage",
	                                         "takes_earnings",
	                                         "withholds_documents",
	                                         "excessive_working_hours",
	                                         "threats_law_enforcement",
	                                         "false_promises"};
	static const char *const ctl_sexual[] = {
	    "psychological_abuse",       "physical_abuse",         "sexual_abuse",
	    "threatens_children_family", "psychoactive_substance", "takes_earnings"};
	static const char *const ctl_criminal[] = {"debt_bondage", "physical_threats",
	                                           "psychoactive_substance",
	                                           "threatens_children_family", "physical_abuse"};
	static const char *const ctl_domestic[] = {"withholds_documents", "withholds_necessities",
	                                           "psychological_abuse", "restricts_medical_care",
	                                           "restricts_financial_access"};
	if (context_pick(4) == 0)
		return DB_OK;
#define N(arr) (int)(sizeof(arr) / sizeof((arr)[0]))
	const char *const *rel = rel_labour, *const *rec = rec_labour, *const *ctl = ctl_labour;
	int nrel = N(rel_labour), nrec = N(rec_labour), nctl = N(ctl_labour);
	if (strcmp(type, "sexual") == 0) {
		rel = rel_sexual, nrel = N(rel_sexual), rec = rec_sexual, nrec = N(rec_sexual);
		ctl = ctl_sexual, nctl = N(ctl_sexual);
	} else if (strcmp(type, "criminal") == 0) {
		rel = rel_criminal, nrel = N(rel_criminal), rec = rec_criminal, nrec = N(rec_criminal);
		ctl = ctl_criminal, nctl = N(ctl_criminal);
	} else if (strcmp(type, "domestic_servitude") == 0) {
		rel = rel_domestic, nrel = N(rel_domestic), ctl = ctl_domestic, nctl = N(ctl_domestic);
	}
#undef N
	json_t *j = json_object(), *controls = json_array(), *types = json_array();
	int bad = !j || !controls || !types;
	bad |= json_object_set_new(j, "relationship_to_trafficker",
	                           json_string(rel[context_pick(nrel)]));
	if (context_pick(3) != 0)
		bad |= json_object_set_new(j, "method_of_recruitment",
		                           json_string(rec[context_pick(nrec)]));
	for (int k = 1 + context_pick(3); k > 0; k--)
		bad |= add_code(controls, &vocab_control, ctl[context_pick(nctl)]);
	/* The case's NRM type, in HTCDS's types through its mapping. */
	const vocab_entry *nrm = vocab_find(&vocab_nrm_exploitation, type);
	const vocab_entry *htcds = nrm ? vocab_find_htcds(&vocab_exploitation, nrm->htcds) : NULL;
	if (htcds)
		bad |= add_code(types, &vocab_exploitation, htcds->code);
	if (child && strcmp(type, "labour") == 0)
		bad |= add_code(types, &vocab_exploitation, "child_labour");
	if (strcmp(type, "labour") == 0 && context_pick(6) == 0)
		bad |= add_code(types, &vocab_exploitation, context_pick(2) ? "servitude" : "forced_begging");
	bad |= json_object_set_new(j, "methods_of_control", controls);
	if (json_array_size(types))
		bad |= json_object_set_new(j, "types_of_exploitation", types);
	else
		json_decref(types);
	bad |= !vocab_find(&vocab_relationships,
	                   json_string_value(json_object_get(j, "relationship_to_trafficker")));
	const char *how = json_string_value(json_object_get(j, "method_of_recruitment"));
	bad |= how && !vocab_find(&vocab_recruitment, how);
	/* As the API keeps it: compact, keys sorted. */
	char *text = bad ? NULL : json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	int rc = text ? store_victim_context_set(g->d, link_id, text) : bad ? DB_ERR : DB_NOMEM;
	free(text);
	return rc;
}

/* An officer of the team, who refers and looks after the case's victims. */
static int officer_of(const demo *g, int team)
{
	return g->cast->nofficers[team] ? demo_pick(g->cast->nofficers[team]) : -1;
}

static const char *officer_id(const demo *g, int team, int k)
{
	return k < 0 ? g->cast->author_id : g->cast->officers[team][k];
}

/* Refers the victim to the NRM on the day (or records the Duty to Notify
 * when an adult declines), and records the decisions that have come since,
 * as the script says. */
static int refer(demo *g, const case_rec *c, int team, const victim *v, int child, long day, int flags)
{
	char on[DATE_LEN], due[DATE_LEN], rg[DATE_LEN], end[DATE_LEN], cg[DATE_LEN], off[DATE_LEN];
	date_of_days(day, on);
	const char *by = officer_id(g, team, officer_of(g, team));
	int withdraw = flags & WITHDRAWN;
	if (!child && !(flags & (WITHDRAWN | RECON_RG | RECON_CG)) && demo_pick(5) == 0) {
		dtn_rec n = {0};
		memcpy(n.case_id, c->id, SECURE_ID_LEN);
		memcpy(n.person_id, v->pid, SECURE_ID_LEN);
		memcpy(n.created_by, by, SECURE_ID_LEN);
		n.submitted_on = on;
		n.identifying_consent = demo_pick(3) == 0;
		return store_dtn_create(g->d, &n);
	}
	nrm_rec r = {0};
	memcpy(r.case_id, c->id, SECURE_ID_LEN);
	memcpy(r.person_id, v->pid, SECURE_ID_LEN);
	memcpy(r.first_responder_id, by, SECURE_ID_LEN);
	r.referred_on = on;
	r.child = child;
	char consent[200];
	if (!child) {
		snprintf(consent, sizeof consent, "{\"given\":true,%s\"language\":\"%s\",\"method\":\"%s\"}",
			 v->interpreter ? "\"interpreter\":\"Telephone interpreter\"," : "", v->lang,
			 demo_pick(2) ? "Signed consent form" : "Verbal consent, recorded in the pocket notebook");
		r.consent = consent;
	}
	r.competent_authority = strcmp(v->lang, "en") != 0 && demo_pick(8) == 0 ? "immigration_enforcement" : "single";
	r.status = "awaiting_reasonable_grounds";
	if (nrm_rg_due(on, &g->h, due) != 0)
		return DB_ERR;
	r.rg_due = due;
	int rc = store_nrm_create(g->d, &r);
	/* Within its 5 working days, or scripted to wait past them. */
	if (rc != DB_OK || date_days(due) >= g->today || (flags & RG_WAITING))
		return rc;
	/* Most decisions come within the target, some a few days late. */
	if (workdays_add(on, demo_pick(6) ? 2 + demo_pick(4) : 6 + demo_pick(4), &g->h, rg) != 0)
		return DB_ERR;
	if (date_days(rg) >= g->today)
		date_of_days(g->today - 1, rg);
	int positive = flags & RECON_RG ? 0 : flags & (RECON_CG | WITHDRAWN) ? 1 : demo_pick(10) != 0;
	r.rg_outcome = positive ? "positive" : "negative";
	r.rg_decided_on = rg;
	r.status = nrm_status_after(NRM_REASONABLE_GROUNDS, positive);
	if (positive && nrm_recovery_end(rg, end) == 0)
		r.recovery_period_end = end;
	/* Conclusive Grounds some five months to two years later. */
	long cgday = flags & RECON_CG ? g->today - 40 : date_days(rg) + 150 + demo_pick(500);
	if (positive && !withdraw && cgday < g->today) {
		int cg_positive = flags & RECON_CG ? 0 : demo_pick(9) != 0;
		date_of_days(cgday, cg);
		r.cg_outcome = cg_positive ? "positive" : "negative";
		r.cg_decided_on = cg;
		r.status = nrm_status_after(NRM_CONCLUSIVE_GROUNDS, cg_positive);
	}
	if (withdraw) {
		date_of_days(date_days(rg) + 20, off);
		r.withdrawn_on = off;
		r.withdrawal_reason = "She withdrew her consent after returning to her family; a Duty to Notify "
				      "was made instead.";
		r.status = "withdrawn";
	}
	if ((rc = store_nrm_update(g->d, &r)) == DB_DONE)
		rc = DB_ERR;
	if (rc == DB_OK && withdraw) {
		dtn_rec n = {0};
		memcpy(n.case_id, c->id, SECURE_ID_LEN);
		memcpy(n.person_id, v->pid, SECURE_ID_LEN);
		memcpy(n.created_by, by, SECURE_ID_LEN);
		n.submitted_on = off;
		rc = store_dtn_create(g->d, &n);
	}
	if (rc == DB_OK && (flags & (RECON_RG | RECON_CG))) {
		char asked[DATE_LEN], upheld[DATE_LEN];
		recon_rec q = {0};
		memcpy(q.referral_id, r.id, SECURE_ID_LEN);
		memcpy(q.requested_by, by, SECURE_ID_LEN);
		q.capacity = "first_responder";
		q.stage = flags & RECON_RG ? "reasonable_grounds" : "conclusive_grounds";
		date_of_days(date_days(flags & RECON_RG ? rg : cg) + 10, asked);
		q.requested_on = asked;
		q.reasons = flags & RECON_RG
				    ? "The decision did not weigh the indicators recorded at the first account, nor the "
				      "debt bondage that the second interview described."
				    : "New evidence: the suspects' phones show the control and the debt that the victim "
				      "described.";
		rc = store_recon_add(g->d, &q);
		date_of_days(g->today - 6, upheld);
		if (rc == DB_OK && (flags & RECON_CG))
			rc = store_recon_close(g->d, q.id, "upheld", upheld, g->cast->author_id);
	}
	return rc;
}

/* Names the victim's single point of contact and writes their strategy, as
 * the script allows; vps_on is when a Victim Personal Statement was offered. */
static int look_after(demo *g, int team, const victim *v, int child, int flags,
		      const char *vps_on)
{
	if (flags & NO_CARE)
		return DB_OK;
	static const char *const plans[] = {
		"Weekly contact in person at the safe house with the navigator present",
		"Contact through the support worker only, never by text message; a visit every fortnight",
		"Daily contact while in emergency accommodation, then weekly",
		"Contact by phone at agreed times, the phone checked first for monitoring",
	};
	char strategy[400];
	snprintf(strategy, sizeof strategy, "%s%s; an update within one working day of each key event.%s",
		 child ? "Contact through the social worker and the Independent Child Trafficking Guardian; "
		 : "",
		 child ? "visits at school or the placement, never at home" : PICK(plans),
		 v->interpreter ? " An interpreter at every contact." : "");
	care_rec k = {0};
	memcpy(k.link_id, v->lid, SECURE_ID_LEN);
	int who = officer_of(g, team);
	if (who < 0 || demo_pick(3) == 0) {
		k.spoc_kind = "navigator";
		k.spoc_name = PICK(navigators);
	} else {
		k.spoc_kind = "officer";
		k.spoc_name = g->cast->officer_names[team][who];
	}
	k.strategy = flags & NO_STRATEGY ? NULL : strategy;
	k.vps_offered = vps_on ? 1 : -1;
	k.vps_offered_on = vps_on;
	int rc = store_care_put(g->d, &k, g->cast->author_id);
	return rc;
}

/* A key event on the day; every victim is due an update within a working
 * day, and when told, is given it by then. */
static int key_event(demo *g, const case_rec *c, const victim *v, int nv, const char *kind, long day, int told)
{
	static const char *const notes[] = {"arrest", "Suspects arrested at the address.", "charge",
					    "Charged with offences under the Modern Slavery Act 2015.",
					    "court_date_set", "First hearing listed at the Crown Court.", "verdict",
					    "Guilty on all counts."};
	char on[DATE_LEN], due[DATE_LEN];
	date_of_days(day, on);
	event_rec e = {0};
	memcpy(e.case_id, c->id, SECURE_ID_LEN);
	memcpy(e.created_by, g->cast->author_id, SECURE_ID_LEN);
	e.kind = kind;
	e.occurred_on = on;
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i += 2)
		if (strcmp(notes[i], kind) == 0)
			e.note = notes[i + 1];
	int rc = store_case_event_add(g->d, &e);
	if (rc == DB_OK && vc_update_due(on, 1, &g->h, due) != 0)
		rc = DB_ERR;
	for (int i = 0; i < nv && rc == DB_OK; i++) {
		rc = store_update_due_add(g->d, c->id, v[i].lid, e.id, due);
		if (rc != DB_OK || !told)
			continue;
		char when[DATE_LEN], summary[200];
		date_of_days(date_days(due) < g->today ? date_days(due) : g->today, when);
		snprintf(summary, sizeof summary, "Told of the %s and what happens next; no new concerns.",
			 strcmp(kind, "arrest") == 0 ? "arrests" : strcmp(kind, "charge") == 0 ? "charges"
				 : strcmp(kind, "verdict") == 0 ? "verdict" : "hearing date");
		contact_rec k = {0};
		memcpy(k.case_id, c->id, SECURE_ID_LEN);
		memcpy(k.link_id, v[i].lid, SECURE_ID_LEN);
		memcpy(k.created_by, g->cast->author_id, SECURE_ID_LEN);
		k.contacted_on = when;
		k.method = PICK(methods);
		k.language = strcmp(v[i].lang, "en") ? v[i].lang : NULL;
		k.interpreter = v[i].interpreter ? "Telephone interpreter" : NULL;
		k.summary = summary;
		k.is_update = 1;
		int closed = 0;
		rc = store_contact_add(g->d, &k, &closed);
	}
	return rc;
}

/* An order against the suspect; `days` says when a scripted one expires. */
static int make_order(demo *g, const case_rec *c, const char *suspect, const script *sc, long made)
{
	char on[DATE_LEN], ends[DATE_LEN];
	order_rec o = {0};
	memcpy(o.case_id, c->id, SECURE_ID_LEN);
	memcpy(o.person_id, suspect, SECURE_ID_LEN);
	memcpy(o.created_by, g->cast->author_id, SECURE_ID_LEN);
	o.court = PICK(courts);
	o.prohibitions = demo_pick(2) ? "[\"Not to arrange or facilitate travel for anyone but themselves\",\"Not to "
				   "hold another person's identity documents\"]"
				 : "[\"Not to provide accommodation to anyone but close family\",\"Not to "
				   "employ or supervise anyone's work\"]";
	if (sc && sc->age < 500) { /* an interim order, until the full hearing */
		o.kind = "interim_stpo";
		o.applicant = "police";
		date_of_days(g->today - 19, on);
		date_of_days(g->today + sc->days, ends);
		o.expires_on = ends;
	} else if (sc) { /* a risk order, made for its two years */
		o.kind = "stro";
		o.applicant = "police";
		date_of_days(g->today + sc->days, ends);
		unsigned year = (unsigned)(strtol(ends, NULL, 10) - 2) % 10000u;
		snprintf(on, sizeof on, "%04u-%.5s", year, ends + 5);
		if (date_days(on) == DATE_INVALID) /* made on 28 February, to end on the 29th */
			memcpy(on + 8, "28", 2);
		o.expires_on = ends;
	} else { /* on conviction, until further order or for some years */
		o.kind = "stpo";
		o.applicant = "court_on_conviction";
		date_of_days(made, on);
		if (demo_pick(2)) {
			if (date_add_years(on, 5 + demo_pick(6), ends) != 0)
				return DB_ERR;
			o.expires_on = ends;
		}
	}
	o.made_on = on;
	return store_order_add(g->d, &o);
}

static int make_case(demo *g, int age, const script *sc, char suspects[][SECURE_ID_LEN], int *nsuspects)
{
	int flags = sc ? sc->flags : 0;
	int child = !(flags & ADULTS) && demo_pick(100) < 44; /* about 44% of referrals are children */
	const char *type;
	int r = demo_pick(100);
	if (child)
		type = r < 60 ? "criminal" : r < 82 ? "sexual" : r < 94 ? "labour" : "unknown";
	else
		type = r < 42 ? "labour" : r < 66 ? "sexual" : r < 84 ? "criminal" :
		       r < 95 ? "domestic_servitude" : "unknown";
	const nation *n = demo_nation();
	int county = strcmp(type, "criminal") == 0 && child && demo_pick(3) != 0;
	char title[200], summary[600], types[64], created[CLOCK_ISO_LEN];
	const char *where = PICK(places);
	const vocab_entry *named = vocab_find(&vocab_nrm_exploitation, type);
	snprintf(title, sizeof title, "%s%s, %s", county ? "County line: " : "",
		 named && strcmp(type, "unknown") != 0 ? named->label : "Concern for welfare", where);
	snprintf(summary, sizeof summary,
		 "Synthetic demo case. Report received about %s at %s; %s victims believed to be %s "
		 "nationals.",
		 child ? "young people" : "adults", where, child ? "child" : "adult", n->code);
	snprintf(types, sizeof types, "[\"%s\"]", type);
	/* Opened in the working day `age` days ago, and never later than now. */
	long day0 = g->today - age;
	int64_t opened = (int64_t)day0 * DAY_MS + (int64_t)(8 * 3600 + demo_pick(9 * 3600)) * 1000;
	if (opened > g->now - 600000)
		opened = g->now - 600000;
	day0 = (long)(opened / DAY_MS);
	clock_iso(opened, created);
	int year = (int)strtol(created, NULL, 10);
	case_rec c = {0};
	c.title = title;
	c.summary = summary;
	c.status = flags & NEW ? "new" : age > 500 ? (flags & ORDER || demo_pick(8) ? "closed" : "court")
		 : age > 200 ? (demo_pick(2) ? "court" : "charging") : "investigating";
	int closed = strcmp(c.status, "closed") == 0;
	c.outcome = closed ? (flags & ORDER || demo_pick(3) ? "Charged and convicted" : "No further action: victims safeguarded")
			   : NULL;
	c.exploitation_types = types;
	c.offences = demo_pick(2) ? "{\"codes\":[\"msa_s1\"],\"other\":null}"
			     : "{\"codes\":[\"msa_s1\",\"msa_s2\"],\"other\":null}";
	c.county_lines = county;
	int team = flags & CID_CASE ? 1 : sc ? 0 : demo_pick(10) < 8 ? 0 : 1;
	snprintf(c.team_id, sizeof c.team_id, "%s", g->cast->teams[team]);
	snprintf(c.created_by, sizeof c.created_by, "%s", g->cast->author_id);
	memcpy(c.created_at, created, sizeof created);
	buf search;
	buf_init(&search);
	text_fold(title, &search);
	buf_puts(&search, " ");
	text_fold(summary, &search);
	int rc = search.failed ? DB_NOMEM : store_case_create(g->d, &c, year, buf_str(&search));
	buf_free(&search);
	if (rc != DB_OK)
		return rc;
	g->cases++;
	victim v[3];
	int nv = age < 40 ? 1 + demo_pick(2) : 1 + demo_pick(3);
	for (int i = 0; i < nv && rc == DB_OK; i++) {
		char iid[SECURE_ID_LEN], at[CLOCK_ISO_LEN];
		/* Each victim added, and their indicators recorded, soon after the case opened. */
		int64_t when = opened + (int64_t)(15 + 20 * i) * 60000;
		clock_iso(when < g->now ? when : g->now, at);
		const nation *vn = demo_pick(4) ? n : demo_nation();
		v[i].lang = vn->lang;
		v[i].interpreter = 0;
		/* Some victims were first met as suspects in another case (s45). */
		if (*nsuspects > 0 && demo_pick(12) == 0) {
			memcpy(v[i].pid, suspects[demo_pick(*nsuspects)], SECURE_ID_LEN);
			v[i].lang = "en";
		} else {
			rc = make_person(g, vn, child, year, v[i].pid, &v[i].interpreter);
		}
		if (rc == DB_OK)
			rc = link(g, c.id, v[i].pid, "potential_victim", at, v[i].lid);
		/* Distinct codes: a refused insert would end a PostgreSQL transaction. */
		const char *drawn[6];
		int k = 2 + demo_pick(4), nd = 0;
		for (int j = 0; j < k && rc == DB_OK; j++) {
			const char *code = indicators_for(type, child);
			int seen = 0;
			for (int x = 0; x < nd; x++)
				seen |= strcmp(drawn[x], code) == 0;
			if (seen)
				continue;
			drawn[nd++] = code;
			rc = store_indicator_add_at(g->d, v[i].lid, code, NULL, g->cast->author_id, at, iid);
		}
		if (rc == DB_OK)
			rc = victim_context(g, v[i].lid, type, child);
	}
	int ns = flags & ORDER ? 1 + demo_pick(2) : demo_pick(3);
	char first_suspect[SECURE_ID_LEN] = "";
	for (int s = 0; s < ns && rc == DB_OK; s++) {
		char pid[SECURE_ID_LEN], lid[SECURE_ID_LEN];
		rc = make_person(g, demo_pick(3) ? n : demo_home_nation(), 0, year, pid, NULL);
		if (rc == DB_OK)
			rc = link(g, c.id, pid, "suspect", created, lid);
		if (rc == DB_OK && *nsuspects < 400)
			memcpy(suspects[(*nsuspects)++], pid, SECURE_ID_LEN);
		if (rc == DB_OK && s == 0)
			memcpy(first_suspect, pid, SECURE_ID_LEN);
	}
	if (rc == DB_OK && demo_pick(3) == 0) {
		char pid[SECURE_ID_LEN], lid[SECURE_ID_LEN];
		rc = make_person(g, demo_home_nation(), 0, year, pid, NULL);
		if (rc == DB_OK)
			rc = link(g, c.id, pid, "witness", created, lid);
	}
	place_rec pl = {.case_id = c.id, .kind = "exploitation", .address = where,
			.postcode = PICK(postcodes)};
	if (rc == DB_OK)
		rc = store_place_add(g->d, &pl, g->cast->author_id);
	if (rc == DB_OK && strcmp(n->code, "GB") != 0) {
		place_rec rp = {.case_id = c.id, .kind = "recruitment", .country = n->code};
		rc = store_place_add(g->d, &rp, g->cast->author_id);
	}
	/* The investigation's key events so far, each update given in time,
	 * unless the script owes one. */
	int charged = !strcmp(c.status, "charging") || !strcmp(c.status, "court") || closed;
	long charge = day0 + 120 + demo_pick(60), hearing = charge + 14 + demo_pick(20), verdict = day0 + 400 + demo_pick(80);
	char vps[DATE_LEN];
	date_of_days(charge, vps);
	if (rc == DB_OK && (flags & UPDATE_OWED))
		rc = key_event(g, &c, v, nv, "arrest", g->today - sc->days, 0);
	else if (rc == DB_OK && age >= 20 && !(flags & NEW))
		rc = key_event(g, &c, v, nv, "arrest", day0 + 5 + demo_pick(10), 1);
	if (rc == DB_OK && charged)
		rc = key_event(g, &c, v, nv, "charge", charge, 1);
	if (rc == DB_OK && charged && strcmp(c.status, "charging") != 0)
		rc = key_event(g, &c, v, nv, "court_date_set", hearing, 1);
	if (rc == DB_OK && closed && strcmp(c.outcome, "Charged and convicted") == 0) {
		rc = key_event(g, &c, v, nv, "verdict", verdict, 1);
		if (rc == DB_OK && first_suspect[0] && !(flags & ORDER) && demo_pick(3) == 0)
			rc = make_order(g, &c, first_suspect, NULL, verdict);
	}
	if (rc == DB_OK && (flags & ORDER) && first_suspect[0])
		rc = make_order(g, &c, first_suspect, sc, 0);
	/* Each victim referred within a day or two and looked after. */
	for (int i = 0; i < nv && rc == DB_OK; i++) {
		int mine = i == 0 ? flags : flags & NO_CARE;
		if (!(mine & NO_REFERRAL))
			rc = refer(g, &c, team, &v[i], child, day0 + (g->today - day0 >= 3 ? demo_pick(2) : 0), mine);
		if (rc == DB_OK)
			rc = look_after(g, team, &v[i], child, mine, charged ? vps : NULL);
		demo_victim dv = {c.id, v[i].pid, v[i].lid, v[i].lang, v[i].interpreter, child, day0};
		if (rc == DB_OK && !closed)
			rc = demo_partnership(g->d, g->cast, &g->h, g->today, &dv);
		if (rc == DB_OK && !closed)
			rc = demo_service_referral(g->d, g->cast, g->today, &dv);
		if (rc == DB_OK)
			rc = demo_feedback_invite(g->d, g->cast, g->today, &dv);
		if (rc == DB_OK)
			rc = demo_outcomes_history(g->d, g->cast, g->today, &dv, charged);
	}
	return rc;
}

int demo_casework(db *d, const demo_cast *cast, int *ncases, int *npeople)
{
	int64_t existing = 0;
	int rc = store_case_count(d, &existing);
	*ncases = *npeople = 0;
	if (rc != DB_OK || existing > 0)
		return rc;
	arena *a = arena_new();
	long *days = NULL;
	int nh = 0;
	rc = a ? store_bank_holidays(d, a, &days, &nh) : DB_NOMEM;
	demo g = {.d = d, .cast = cast, .h = {days, nh}, .now = clock_now_ms()};
	g.today = (long)(g.now / DAY_MS);
	/* Ages in days, oldest first: the older cases evenly over three years,
	 * then the scripted month. */
	int ages[NCASES];
	const script *scripts[NCASES] = {0};
	int nold = NCASES - NRECENT;
	for (int i = 0; i < nold; i++)
		ages[i] = OLDEST_DAYS - (int)((long)i * (OLDEST_DAYS - 36) / (nold - 1)) - demo_pick(3);
	for (size_t k = 0; k < sizeof older / sizeof older[0]; k++) {
		int best = 0;
		for (int i = 1; i < nold; i++)
			if (abs(ages[i] - older[k].age) < abs(ages[best] - older[k].age))
				best = i;
		scripts[best] = &older[k];
	}
	for (int i = 0; i < NRECENT; i++) {
		ages[nold + i] = recent[i].age;
		scripts[nold + i] = &recent[i];
	}
	static char suspects[400][SECURE_ID_LEN];
	int nsuspects = 0;
	for (int i = 0; i < NCASES && rc == DB_OK; i++) {
		if ((rc = db_begin(d)) != DB_OK)
			break;
		rc = make_case(&g, ages[i], scripts[i], suspects, &nsuspects);
		if (rc == DB_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
	}
	arena_free(a);
	if (rc == DB_OK) {
		char detail[128];
		snprintf(detail, sizeof detail, "{\"cases\":%d,\"people\":%d}", g.cases, g.people);
		audit_fields f = {.actor = cli_actor(), .action = "demo_data_loaded", .detail = detail};
		rc = store_audit_append(d, &f);
	}
	*ncases = g.cases;
	*npeople = g.people;
	return rc;
}
