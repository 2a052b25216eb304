/* The demo's missing children, all invented, in one case of the
 * Exploitation and Missing Team: a boy missing three times in the last 90
 * days and not yet screened for exploitation; a girl missing now and
 * graded high risk; a boy back since last night, his safe and well check
 * and return home interview still to come; and an adult missing since
 * yesterday whose review is overdue. Every time counts back from now, so
 * the clocks run on the day the demo is loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/person_names.h"
#include "cli/demo.h"
#include "domain/missing.h"
#include "domain/text.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "store/case_people.h"
#include "store/cases.h"
#include "store/missing.h"
#include "store/people.h"
#include "store/victims.h"

#define HOUR MISSING_HOUR_MS
#define DAY (24 * HOUR)

typedef struct demo_missing {
	db *d;
	const demo_cast *cast;
	const char *case_id;
	int64_t now;
	int people;
} demo_missing;

/* A British person, age years old now, in the case as a potential victim. */
static int person(demo_missing *g, const char *given, const char *family, const char *gender,
                  int age, char id[SECURE_ID_LEN], char link[SECURE_ID_LEN])
{
	char dob[DATE_LEN];
	date_of_days((long)(g->now / DAY) - (long)age * 365 - 120, dob);
	person_rec p = {.given_names = given,
	                .family_name = family,
	                .aliases = "[]",
	                .date_of_birth = dob,
	                .estimated_age = -1,
	                .gender = gender,
	                .nationalities = "[\"GB\"]",
	                .languages = "[\"en\"]"};
	snprintf(p.created_by, sizeof p.created_by, "%s", g->cast->author_id);
	static name_index ix;
	person_name_index(&p, &ix);
	int rc = store_person_create(g->d, &p, &ix);
	if (rc != DB_OK)
		return rc;
	memcpy(id, p.id, SECURE_ID_LEN);
	g->people++;
	case_person_rec cp = {0};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", g->case_id);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", p.id);
	clock_iso(g->now - 100 * DAY, cp.created_at);
	cp.role = "potential_victim";
	rc = store_case_person_add(g->d, &cp, g->cast->author_id);
	memcpy(link, cp.id, SECURE_ID_LEN);
	/* Each with a named contact and a strategy, as the team keeps them. */
	care_rec k = {
	    .spoc_kind = "officer",
	    .spoc_name = g->cast->nofficers[0] ? g->cast->officer_names[0][0] : "DC Rhys Jones",
	    .strategy =
	        age < 18
	            ? "Contact through the social worker, at school or the placement, never at "
	              "home; an update within one working day of each key event."
	            : "Contact by phone at agreed times; an update within one working day of "
	              "each key event.",
	    .vps_offered = -1};
	memcpy(k.link_id, cp.id, SECURE_ID_LEN);
	return rc == DB_OK ? store_care_put(g->d, &k, g->cast->author_id) : rc;
}

/* What an episode is, in hours back from now. */
typedef struct episode_script {
	double seen, reported; /* hours ago */
	const char *place, *risk, *circumstances;
	double returned; /* hours ago; < 0 while missing */
	const char *found_by, *where_found;
	int checked, interviewed; /* safe and well check, return home interview recorded */
} episode_script;

static int episode(demo_missing *g, const char *person_id, const char *dob, const episode_script *s,
                   episode_rec *e)
{
	char seen[CLOCK_ISO_LEN], reported[CLOCK_ISO_LEN], due[CLOCK_ISO_LEN];
	int hours[RISK_COUNT];
	for (int r = 0; r < RISK_COUNT; r++)
		hours[r] = missing_review_hours_default((missing_risk)r);
	int64_t reported_ms = g->now - (int64_t)(s->reported * HOUR);
	clock_iso(g->now - (int64_t)(s->seen * HOUR), seen);
	clock_iso(reported_ms, reported);
	clock_iso(missing_review_due_ms(reported_ms, (missing_risk)missing_risk_of(s->risk), hours),
	          due);
	memset(e, 0, sizeof *e);
	snprintf(e->person_id, sizeof e->person_id, "%s", person_id);
	snprintf(e->org_id, sizeof e->org_id, "%s", g->cast->force_org_id);
	snprintf(e->team_id, sizeof e->team_id, "%s", g->cast->teams[0]);
	snprintf(e->reported_by, sizeof e->reported_by, "%s", g->cast->author_id);
	e->reported_at = reported;
	e->last_seen_at = seen;
	e->last_seen_place = s->place;
	e->risk = s->risk;
	e->circumstances = s->circumstances;
	e->review_due = due;
	int rc = store_episode_add(g->d, e);
	if (rc != DB_OK || s->returned < 0)
		return rc;
	char returned[CLOCK_ISO_LEN], interview[CLOCK_ISO_LEN], safe_well[CLOCK_ISO_LEN];
	int64_t back = g->now - (int64_t)(s->returned * HOUR);
	clock_iso(back, returned);
	clock_iso(missing_interview_due_ms(back), interview);
	clock_iso(back + MISSING_SAFE_WELL_HOURS * HOUR, safe_well);
	e->returned_at = returned;
	e->found_by = s->found_by;
	e->where_found = s->where_found;
	e->child_on_return = missing_child_on_return(dob, -1, 0, back);
	e->interview_due = e->child_on_return ? interview : NULL;
	e->safe_well_due = safe_well;
	memcpy(e->returned_by, e->reported_by, sizeof e->returned_by);
	rc = store_episode_return(g->d, e);
	char at[CLOCK_ISO_LEN];
	if (rc == DB_OK && s->checked) {
		clock_iso(back + 6 * HOUR, at);
		safe_well_rec sw = {
		    .checked_at = at,
		    .officer = "PC Laura Hayes",
		    .place = "At home, with his mother present",
		    .disclosures =
		        "Said he had been staying with friends in Bristol; would not name them."};
		snprintf(sw.episode_id, sizeof sw.episode_id, "%s", e->id);
		snprintf(sw.recorded_by, sizeof sw.recorded_by, "%s", g->cast->author_id);
		rc = store_safe_well_add(g->d, &sw);
	}
	if (rc == DB_OK && s->interviewed && e->interview_due && g->cast->children_org_id) {
		clock_iso(back + 48 * HOUR, at);
		interview_rec iv = {.held_at = at,
		                    .accepted = s->interviewed > 0,
		                    .disclosures =
		                        s->interviewed > 0
		                            ? "Spoke of older boys who give him money and a phone "
		                              "and ask him to carry bags to Bristol."
		                            : NULL};
		snprintf(iv.episode_id, sizeof iv.episode_id, "%s", e->id);
		snprintf(iv.org_id, sizeof iv.org_id, "%s", g->cast->children_org_id);
		snprintf(iv.recorded_by, sizeof iv.recorded_by, "%s", g->cast->author_id);
		rc = store_interview_add(g->d, &iv);
	}
	return rc;
}

/* The girl missing now: graded medium at the report, high at the review
 * since, with a sighting and a place she may be. */
static int missing_now(demo_missing *g, const char *person_id, const char *dob)
{
	episode_script s = {7,
	                    5,
	                    "Her children's home, Old Town, Swindon",
	                    "medium",
	                    "Left the home after a phone call at teatime; did not come back by "
	                    "curfew. Has been seen "
	                    "getting into cars with older men.",
	                    -1,
	                    NULL,
	                    NULL,
	                    0,
	                    0};
	episode_rec e;
	int rc = episode(g, person_id, dob, &s, &e);
	char at[CLOCK_ISO_LEN], due[CLOCK_ISO_LEN];
	int hours[RISK_COUNT];
	for (int r = 0; r < RISK_COUNT; r++)
		hours[r] = missing_review_hours_default((missing_risk)r);
	int64_t reviewed = g->now - 2 * HOUR;
	clock_iso(reviewed, at);
	clock_iso(missing_review_due_ms(reviewed, RISK_HIGH, hours), due);
	review_rec r = {.reviewed_at = at,
	                .risk = "high",
	                .previous_risk = "medium",
	                .reason = "Seen on CCTV at Swindon station with a man known for exploiting "
	                          "girls; her phone is off."};
	snprintf(r.episode_id, sizeof r.episode_id, "%s", e.id);
	snprintf(r.reviewed_by, sizeof r.reviewed_by, "%s", g->cast->author_id);
	if (rc == DB_OK)
		rc = store_review_add(g->d, &r);
	if (rc == DB_OK) {
		e.risk = "high";
		e.review_due = due;
		rc = store_episode_regrade(g->d, &e);
	}
	clock_iso(g->now - 3 * HOUR, at);
	entry_rec m = {.kind = "sighting",
	               .at = at,
	               .place = "Swindon railway station, platform 3",
	               .by_whom = "British Transport Police, from CCTV",
	               .detail = "Boarding the 18:40 to Bristol Temple Meads with an adult man."};
	snprintf(m.episode_id, sizeof m.episode_id, "%s", e.id);
	snprintf(m.recorded_by, sizeof m.recorded_by, "%s", g->cast->author_id);
	if (rc == DB_OK)
		rc = store_entry_add(g->d, &m);
	assoc_rec a = {.place = "A flat on Stapleton Road, Bristol",
	               .note =
	                   "Where she was found the last time, and where Tyler Hughes was found"};
	snprintf(a.episode_id, sizeof a.episode_id, "%s", e.id);
	snprintf(a.recorded_by, sizeof a.recorded_by, "%s", g->cast->author_id);
	return rc == DB_OK ? store_assoc_add(g->d, &a) : rc;
}

int demo_missing_people(db *d, const demo_cast *cast, int *npeople)
{
	demo_missing g = {.d = d, .cast = cast, .now = clock_now_ms()};
	case_rec c = {
	    .title = "Missing from home and care: children at risk of exploitation, Swindon",
	    .summary =
	        "Synthetic demo case. Children of the town who go missing again and again, some "
	        "found in Bristol; a county line is suspected.",
	    .status = "investigating",
	    .exploitation_types = "[\"criminal\",\"sexual\"]",
	    .offences = "{\"codes\":[\"msa_s2\"],\"other\":null}",
	    .county_lines = 1};
	snprintf(c.team_id, sizeof c.team_id, "%s", cast->teams[0]);
	snprintf(c.created_by, sizeof c.created_by, "%s", cast->author_id);
	clock_iso(g.now - 100 * DAY, c.created_at);
	buf search;
	buf_init(&search);
	text_fold(c.title, &search);
	buf_puts(&search, " ");
	text_fold(c.summary, &search);
	int rc = db_begin(d);
	if (rc == DB_OK)
		rc = search.failed ? DB_NOMEM
		                   : store_case_create(d, &c, (int)strtol(c.created_at, NULL, 10),
		                                       buf_str(&search));
	buf_free(&search);
	g.case_id = c.id;
	char tyler[SECURE_ID_LEN], ellie[SECURE_ID_LEN], callum[SECURE_ID_LEN], gary[SECURE_ID_LEN];
	char links[4][SECURE_ID_LEN]; /* Tyler's, Gary's, Callum's and Ellie's parts */
	if (rc == DB_OK)
		rc = person(&g, "Tyler", "Hughes", "male", 15, tyler, links[0]);
	if (rc == DB_OK)
		rc = person(&g, "Ellie", "Marsh", "female", 14, ellie, links[3]);
	if (rc == DB_OK)
		rc = person(&g, "Callum", "Price", "male", 16, callum, links[2]);
	if (rc == DB_OK)
		rc = person(&g, "Gary", "Nolan", "male", 34, gary, links[1]);
	/* Tyler: three episodes in 90 days, each checked and offered an
	 * interview (the first declined); no screening yet. */
	static const episode_script repeat[] = {
	    {70 * 24 + 5, 70 * 24, "Swindon bus station", "medium",
	     "Did not come home from school.", 70 * 24 - 20, "returned_themselves",
	     "His home, Penhill", 1, -1},
	    {35 * 24 + 3, 35 * 24, "Penhill shops", "high",
	     "Seen leaving with two older boys; phone off.", 33 * 24, "police",
	     "A flat on Stapleton Road, Bristol", 1, 1},
	    {9 * 24 + 2, 9 * 24, "Outside his school, Swindon", "medium",
	     "Left at lunchtime; texted his mother he was fine.", 8 * 24, "family_or_carer",
	     "His aunt's house, Gorse Hill", 1, 1},
	};
	char dob[DATE_LEN];
	episode_rec e;
	date_of_days((long)(g.now / DAY) - 15L * 365 - 120, dob);
	for (size_t i = 0; i < sizeof repeat / sizeof repeat[0] && rc == DB_OK; i++)
		rc = episode(&g, tyler, dob, &repeat[i], &e);
	date_of_days((long)(g.now / DAY) - 14L * 365 - 120, dob);
	if (rc == DB_OK)
		rc = missing_now(&g, ellie, dob);
	/* Callum: back since last night; his check and interview to come. */
	static const episode_script back = {40,
	                                    38,
	                                    "Swindon town centre",
	                                    "medium",
	                                    "Went out on his bike and did not come home.",
	                                    18,
	                                    "police",
	                                    "A car park in Chippenham, with an older man",
	                                    0,
	                                    0};
	date_of_days((long)(g.now / DAY) - 16L * 365 - 120, dob);
	if (rc == DB_OK)
		rc = episode(&g, callum, dob, &back, &e);
	/* Gary: an adult missing since yesterday morning, his review overdue. */
	static const episode_script adult = {
	    31,
	    30,
	    "The Salvation Army hostel, Swindon",
	    "low",
	    "Left owing money to the men who found him work; has not been seen since.",
	    -1,
	    NULL,
	    NULL,
	    0,
	    0};
	date_of_days((long)(g.now / DAY) - 34L * 365 - 120, dob);
	if (rc == DB_OK)
		rc = episode(&g, gary, dob, &adult, &e);
	/* Go bags handed to Tyler (a child's), Gary and Callum (a child's). */
	const char *given[] = {links[0], links[1], links[2]};
	if (rc == DB_OK && cast->go_bag_keeper_id)
		rc = demo_go_bags(d, cast->go_bag_keeper_id, cast->author_id, cast->force_org_id, g.case_id, given, 3);
	if (rc == DB_OK)
		rc = db_commit(d);
	else
		db_rollback(d);
	*npeople += g.people;
	return rc;
}
