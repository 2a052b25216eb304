/* Staff in the store, on both engines: profiles kept on the version read,
 * the staff list within reach, absences, the training register, what
 * allocation weighs (caseload, training, absence, links), and who leads each
 * case over time. */
#include "unit/test.h"

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/accounts.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/people.h"
#include "store/staff.h"
#include "support/engines.h"
#include "support/fixtures.h"

static void set_id(char dst[37], const char *id)
{
	snprintf(dst, 37, "%s", id);
}

static void add_place(db *d, const user_rec *by, const char *case_id, const char *postcode)
{
	place_rec p = {.case_id = case_id, .kind = "exploitation", .postcode = postcode};
	assert_int_equal(store_place_add(d, &p, by->id), DB_OK);
}

static void disable(db *d, user_rec *u)
{
	u->disabled = 1;
	assert_int_equal(store_user_update(d, u), DB_OK);
}

static void test_a_profile_reads_as_defaults_until_one_is_kept(db *d)
{
	arena *a = arena_new();
	user_rec u;
	fixture_user_as(d, "dc.one", "DC One", "investigator", "North Force", "EMT", &u);
	staff_rec s;
	assert_int_equal(store_staff_get(d, a, u.id, &s), DB_ROW);
	assert_string_equal(s.user_id, u.id);
	assert_string_equal(s.username, "dc.one");
	assert_string_equal(s.team_name, "EMT");
	assert_null(s.rank);
	assert_int_equal(s.pip_level, 0);
	assert_int_equal(s.capacity, 0);
	assert_string_equal(s.languages, "[]");
	assert_int_equal(s.active_cases, 0);
	assert_int_equal(s.version, 0);
	assert_int_equal(store_staff_get(d, a, "no-such-user", &s), DB_DONE);
	arena_free(a);
}

static void test_a_profile_write_names_the_version_it_read(db *d)
{
	arena *a = arena_new();
	user_rec u, boss;
	fixture_user_as(d, "dc.one", "DC One", "investigator", "North Force", "EMT", &u);
	fixture_user_as(d, "ds.boss", "DS Boss", "supervisor", "North Force", "EMT", &boss);
	staff_rec s, first, second, got;
	assert_int_equal(store_staff_get(d, a, u.id, &s), DB_ROW);
	first = second = s;
	first.rank = "DC";
	first.pip_level = 2;
	first.pip_accredited_on = "2024-01-15";
	first.capacity = 8;
	first.languages = "[{\"tag\":\"sq\",\"proficiency\":\"fluent\"}]";
	assert_int_equal(store_staff_put(d, &first, boss.id), DB_OK);
	assert_int_equal(first.version, 1);
	/* Two first profiles: the second finds one kept already. */
	second.rank = "PC";
	assert_int_equal(store_staff_put(d, &second, boss.id), DB_DONE);
	assert_int_equal(store_staff_get(d, a, u.id, &got), DB_ROW);
	assert_string_equal(got.rank, "DC");
	assert_int_equal(got.pip_level, 2);
	assert_string_equal(got.pip_accredited_on, "2024-01-15");
	assert_int_equal(got.capacity, 8);
	assert_string_equal(got.languages, "[{\"tag\":\"sq\",\"proficiency\":\"fluent\"}]");
	assert_int_equal(got.version, 1);
	/* Edits on the version read: the first moves it on, the stale one is refused. */
	staff_rec stale = got;
	got.capacity = 6;
	assert_int_equal(store_staff_put(d, &got, boss.id), DB_OK);
	assert_int_equal(got.version, 2);
	stale.capacity = 12;
	assert_int_equal(store_staff_put(d, &stale, boss.id), DB_DONE);
	assert_int_equal(store_staff_get(d, a, u.id, &got), DB_ROW);
	assert_int_equal(got.capacity, 6);
	assert_int_equal(got.version, 2);
	arena_free(a);
}

static void test_a_profile_the_schema_forbids_is_refused(db *d)
{
	static const struct {
		const char *what;
		int pip_level, capacity, unknown_user;
	} rows[] = {
	    {"PIP level 5", 5, 4, 0},
	    {"a negative PIP level", -1, 4, 0},
	    {"a negative capacity", 2, -1, 0},
	    {"no such user", 2, 4, 1},
	};
	arena *a = arena_new();
	user_rec kept_user, new_user;
	fixture_user_as(d, "dc.kept", "DC Kept", "investigator", "North Force", "EMT", &kept_user);
	fixture_user_as(d, "dc.new", "DC New", "investigator", "North Force", "EMT", &new_user);
	staff_rec kept, fresh, got;
	assert_int_equal(store_staff_get(d, a, kept_user.id, &kept), DB_ROW);
	kept.capacity = 3;
	assert_int_equal(store_staff_put(d, &kept, kept_user.id), DB_OK);
	assert_int_equal(store_staff_get(d, a, new_user.id, &fresh), DB_ROW);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		/* Refused as a first profile, and as an edit of a kept one. */
		staff_rec first = fresh, edit = kept;
		first.pip_level = edit.pip_level = rows[i].pip_level;
		first.capacity = edit.capacity = rows[i].capacity;
		if (rows[i].unknown_user)
			set_id(first.user_id, "no-such-user");
		int rc = store_staff_put(d, &first, kept_user.id);
		if (rc != DB_CONSTRAINT)
			fail_msg("%s: %s answered %d", test_engine_now(), rows[i].what, rc);
		if (rows[i].unknown_user)
			continue;
		rc = store_staff_put(d, &edit, kept_user.id);
		if (rc != DB_CONSTRAINT)
			fail_msg("%s: %s (an edit) answered %d", test_engine_now(), rows[i].what,
			         rc);
	}
	assert_int_equal(store_staff_get(d, a, kept_user.id, &got), DB_ROW);
	assert_int_equal(got.capacity, 3);
	assert_int_equal(got.version, 1);
	assert_int_equal(store_staff_get(d, a, new_user.id, &got), DB_ROW);
	assert_int_equal(got.version, 0);
	arena_free(a);
}

static int see_staff(const staff_rec *s, void *arg)
{
	fixture_text_add(arg, "%s;", s->username);
	return 0;
}

static void test_staff_are_listed_within_reach_and_by_name(db *d)
{
	arena *a = arena_new();
	user_rec zoe, ann, bob, admin, gone, far, loner;
	fixture_user_as(d, "zoe", "Zoe Adams", "investigator", "North Force", "EMT", &zoe);
	fixture_user_as(d, "ann", "Ann Baker", "supervisor", "North Force", "EMT", &ann);
	fixture_user_as(d, "bob", "Bob Clark", "investigator", "North Force", "CID", &bob);
	fixture_user_as(d, "admin", "Admin", "admin", "North Force", "EMT", &admin);
	fixture_user_as(d, "gone", "Ann Gone", "investigator", "North Force", "EMT", &gone);
	fixture_user_as(d, "far", "Far Away", "investigator", "South Force", "EMT", &far);
	fixture_user_as(d, "loner", "Lone Ranger", "investigator", "North Force", NULL, &loner);
	disable(d, &gone);
	static const struct {
		const char *what;
		int own, team, org, filter_cid;
		const char *expected;
	} rows[] = {
	    {"nothing reached", 0, 0, 0, 0, ""},
	    {"their own record", 1, 0, 0, 0, "zoe;"},
	    {"their team", 0, 1, 0, 0, "ann;zoe;"},
	    {"their organisation", 0, 0, 1, 0, "ann;bob;loner;zoe;"},
	    {"their organisation, one team", 0, 0, 1, 1, "bob;"},
	    {"their team, another team asked for", 0, 1, 0, 1, ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		store_reach r = {.own_id = rows[i].own ? zoe.id : NULL,
		                 .team_id = rows[i].team ? zoe.team_id : NULL,
		                 .org_id = rows[i].org ? zoe.org_id : NULL};
		fixture_text got = {""};
		assert_int_equal(store_staff_list(d, a, &r, rows[i].filter_cid ? bob.team_id : NULL,
		                                  see_staff, &got),
		                 DB_OK);
		if (strcmp(got.s, rows[i].expected) != 0)
			fail_msg("%s: %s listed \"%s\", not \"%s\"", test_engine_now(),
			         rows[i].what, got.s, rows[i].expected);
	}
	/* An empty team id reaches no team (a user without one). */
	store_reach teamless = {.team_id = ""};
	fixture_text got = {""};
	assert_int_equal(store_staff_list(d, a, &teamless, NULL, see_staff, &got), DB_OK);
	assert_string_equal(got.s, "");
	arena_free(a);
}

static void test_a_caseload_counts_open_cases_led_now(db *d)
{
	arena *a = arena_new();
	user_rec dc, other, boss;
	fixture_user_as(d, "dc", "DC Lead", "investigator", "North Force", "EMT", &dc);
	fixture_user_as(d, "other", "DC Other", "investigator", "North Force", "EMT", &other);
	fixture_user_as(d, "boss", "DS Boss", "supervisor", "North Force", "EMT", &boss);
	char open1[37], open2[37], closed[37], handed[37];
	fixture_case(d, &boss, "Operation", open1);
	fixture_case(d, &boss, "Operation", open2);
	fixture_case(d, &boss, "Operation", closed);
	fixture_case(d, &boss, "Operation", handed);
	fixture_lead(d, open1, &dc, NULL, &boss, NULL);
	fixture_lead(d, open2, &dc, NULL, &boss, NULL);
	fixture_lead(d, closed, &dc, NULL, &boss, NULL);
	fixture_lead(d, handed, &dc, NULL, &boss, NULL);
	fixture_lead(d, handed, &other, &dc, &boss, NULL);
	fixture_case_close(d, closed);
	staff_rec s;
	assert_int_equal(store_staff_get(d, a, dc.id, &s), DB_ROW);
	assert_int_equal(s.active_cases, 2);
	assert_int_equal(store_staff_get(d, a, other.id, &s), DB_ROW);
	assert_int_equal(s.active_cases, 1);
	arena_free(a);
}

static absence_rec absence(const user_rec *u, const user_rec *by, const char *kind,
                           const char *from, const char *to)
{
	absence_rec r = {.kind = kind, .starts_on = from, .ends_on = to};
	set_id(r.user_id, u->id);
	set_id(r.created_by, by->id);
	return r;
}

static int see_absence(const absence_rec *r, void *arg)
{
	fixture_text_add(arg, "%s;", r->starts_on);
	return 0;
}

static void test_absences_list_those_not_yet_over_soonest_first(db *d)
{
	arena *a = arena_new();
	user_rec dc, other;
	fixture_user_as(d, "dc", "DC One", "investigator", "North Force", "EMT", &dc);
	fixture_user_as(d, "other", "DC Other", "investigator", "North Force", "EMT", &other);
	absence_rec rows[] = {
	    absence(&dc, &dc, "course", "2025-07-01", "2025-07-03"),
	    absence(&dc, &dc, "leave", "2025-05-01", "2025-05-10"),    /* over */
	    absence(&dc, &dc, "sickness", "2025-05-28", "2025-06-02"), /* ends on the day */
	    absence(&dc, &dc, "leave", "2025-06-10", "2025-06-20"),
	    absence(&other, &dc, "leave", "2025-06-05", "2025-06-06"),
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(store_absence_add(d, &rows[i]), DB_OK);
	fixture_text got = {""};
	assert_int_equal(store_absences_of(d, a, dc.id, "2025-06-02", see_absence, &got), DB_OK);
	assert_string_equal(got.s, "2025-05-28;2025-06-10;2025-07-01;");
	absence_rec bad = absence(&dc, &dc, "holiday", "2025-08-01", "2025-08-02");
	assert_int_equal(store_absence_add(d, &bad), DB_CONSTRAINT);
	absence_rec nobody = absence(&dc, &dc, "leave", "2025-08-01", "2025-08-02");
	set_id(nobody.user_id, "no-such-user");
	assert_int_equal(store_absence_add(d, &nobody), DB_CONSTRAINT);
	arena_free(a);
}

static int see_training(const training_rec *r, void *arg)
{
	fixture_text_add(arg, "%s/%s/%s;", r->username, r->course, r->expires_on);
	return 0;
}

static void test_a_users_training_lists_by_course_latest_expiry_first(db *d)
{
	arena *a = arena_new();
	user_rec dc, other;
	fixture_user_as(d, "dc", "DC One", "investigator", "North Force", "EMT", &dc);
	fixture_user_as(d, "other", "DC Other", "investigator", "North Force", "EMT", &other);
	training_rec rows[] = {
	    fixture_training_rec(&dc, "specialist_msht_investigation", "2021-01-01", "2024-01-01"),
	    fixture_training_rec(&dc, "child_criminal_exploitation", "2024-02-01", "2027-02-01"),
	    fixture_training_rec(&dc, "specialist_msht_investigation", "2024-01-02", "2027-01-02"),
	    fixture_training_rec(&other, "child_criminal_exploitation", "2024-02-01", "2027-02-01"),
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(store_training_add(d, &rows[i]), DB_OK);
	fixture_text got = {""};
	assert_int_equal(store_training_of(d, a, dc.id, see_training, &got), DB_OK);
	assert_string_equal(got.s, "dc/child_criminal_exploitation/2027-02-01;"
	                           "dc/specialist_msht_investigation/2027-01-02;"
	                           "dc/specialist_msht_investigation/2024-01-01;");
	training_rec nobody = fixture_training_rec(&dc, "x", "2024-01-01", "2025-01-01");
	set_id(nobody.user_id, "no-such-user");
	assert_int_equal(store_training_add(d, &nobody), DB_CONSTRAINT);
	arena_free(a);
}

static void test_the_training_register_counts_the_organisations_given(db *d)
{
	arena *a = arena_new();
	user_rec amy, ben, cat, far, loner;
	fixture_user_as(d, "amy", "Amy", "investigator", "North Force", "EMT", &amy);
	fixture_user_as(d, "loner", "Al Loner", "supervisor", "North Force", NULL, &loner);
	fixture_user_as(d, "ben", "Ben", "investigator", "North Force", "CID", &ben);
	fixture_user_as(d, "cat", "Cat", "supervisor", "North Force", "CID", &cat);
	fixture_user_as(d, "far", "Far", "investigator", "South Force", "EMT", &far);
	org_rec office;
	fixture_area(d, amy.org_id, &office);
	training_rec rows[] = {
	    fixture_training_rec(&amy, "specialist_msht_investigation", "2024-01-01", "2027-01-01"),
	    fixture_training_rec(&cat, "specialist_msht_investigation", "2024-01-01", "2027-01-01"),
	    fixture_training_rec(&ben, "specialist_msht_investigation", "2024-01-01", "2027-01-01"),
	    fixture_training_rec(&ben, "child_criminal_exploitation", "2024-01-01", "2027-01-01"),
	    fixture_training_rec(&far, "specialist_msht_investigation", "2024-01-01", "2027-01-01"),
	    fixture_training_rec(&loner, "specialist_msht_investigation", "2024-01-01",
	                         "2027-01-01"),
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(store_training_add(d, &rows[i]), DB_OK);
	/* By team (those of none after every team), name, course. */
	static const char north[] = "ben/child_criminal_exploitation/2027-01-01;"
	                            "ben/specialist_msht_investigation/2027-01-01;"
	                            "cat/specialist_msht_investigation/2027-01-01;"
	                            "amy/specialist_msht_investigation/2027-01-01;"
	                            "loner/specialist_msht_investigation/2027-01-01;";
	const struct {
		const char *what;
		store_orgs orgs;
		const char *team_id;
		const char *expected;
	} cases[] = {
	    {"one force", {amy.org_id, NULL}, NULL, north},
	    {"a Commissioner's area", {NULL, office.id}, NULL, north},
	    {"one force, one team",
	     {amy.org_id, NULL},
	     ben.team_id,
	     "ben/child_criminal_exploitation/2027-01-01;ben/specialist_msht_investigation/"
	     "2027-01-01;"
	     "cat/specialist_msht_investigation/2027-01-01;"},
	    {"another force",
	     {far.org_id, NULL},
	     NULL,
	     "far/specialist_msht_investigation/2027-01-01;"},
	    {"none", {NULL, NULL}, NULL, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fixture_text got = {""};
		assert_int_equal(
		    store_training_all(d, a, &cases[i].orgs, cases[i].team_id, see_training, &got),
		    DB_OK);
		if (strcmp(got.s, cases[i].expected) != 0)
			fail_msg("%s: %s listed \"%s\"", test_engine_now(), cases[i].what, got.s);
	}
	arena_free(a);
}

typedef struct records_seen {
	int n;
	char user_id[8][37];
	char expires_on[8][11];
} records_seen;

static int keep_record_seen(const training_rec *r, void *arg)
{
	records_seen *x = arg;
	assert_true(x->n < 8);
	set_id(x->user_id[x->n], r->user_id);
	snprintf(x->expires_on[x->n], sizeof x->expires_on[0], "%s", r->expires_on);
	x->n++;
	return 0;
}

/* The compliance report counts the first record of each person and course
 * it meets: one person's records of a course come together, the latest
 * first, however many of the team share their name. */
static void test_the_training_register_keeps_each_persons_records_together(db *d)
{
	arena *a = arena_new();
	user_rec one, two;
	fixture_user_as(d, "j.smith1", "DC John Smith", "investigator", "North Force", "EMT", &one);
	fixture_user_as(d, "j.smith2", "DC John Smith", "investigator", "North Force", "EMT", &two);
	/* Each one's record expires between the other's two. */
	training_rec rows[] = {
	    fixture_training_rec(&one, "specialist_msht_investigation", "2024-01-01", "2027-01-01"),
	    fixture_training_rec(&one, "specialist_msht_investigation", "2020-01-01", "2023-01-01"),
	    fixture_training_rec(&two, "specialist_msht_investigation", "2022-01-01", "2025-01-01"),
	    fixture_training_rec(&two, "specialist_msht_investigation", "2019-01-01", "2022-01-01"),
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		assert_int_equal(store_training_add(d, &rows[i]), DB_OK);
	store_orgs orgs = {one.org_id, NULL};
	records_seen got = {0};
	assert_int_equal(store_training_all(d, a, &orgs, NULL, keep_record_seen, &got), DB_OK);
	assert_int_equal(got.n, 4);
	assert_string_equal(got.user_id[0], got.user_id[1]);
	assert_string_equal(got.user_id[2], got.user_id[3]);
	assert_string_not_equal(got.user_id[1], got.user_id[2]);
	assert_true(strcmp(got.expires_on[0], got.expires_on[1]) > 0);
	assert_true(strcmp(got.expires_on[2], got.expires_on[3]) > 0);
	arena_free(a);
}

static void test_a_username_is_found_within_its_organisation_only(db *d)
{
	user_rec dc, far;
	fixture_user_as(d, "dc", "DC One", "investigator", "North Force", "EMT", &dc);
	fixture_user_as(d, "far", "DC Far", "investigator", "South Force", "EMT", &far);
	char id[37] = "";
	assert_int_equal(store_staff_by_username(d, dc.org_id, "dc", id), DB_ROW);
	assert_string_equal(id, dc.id);
	assert_int_equal(store_staff_by_username(d, dc.org_id, "far", id), DB_DONE);
	assert_int_equal(store_staff_by_username(d, dc.org_id, "nobody", id), DB_DONE);
}

typedef struct candidates {
	int n;
	struct {
		char user_id[37], absent_on[11];
		int specialist, child, active, led;
	} v[8];
} candidates;

static int keep_candidate(const candidate_row *r, void *arg)
{
	candidates *c = arg;
	assert_true(c->n < 8);
	set_id(c->v[c->n].user_id, r->user_id);
	snprintf(c->v[c->n].absent_on, sizeof c->v[0].absent_on, "%s",
	         r->absent_on ? r->absent_on : "");
	c->v[c->n].specialist = r->specialist_valid;
	c->v[c->n].child = r->child_valid;
	c->v[c->n].active = r->active_cases;
	c->v[c->n].led = r->led;
	c->n++;
	return 0;
}

static int candidate_of(const candidates *c, const char *user_id)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->v[i].user_id, user_id) == 0)
			return i;
	return -1;
}

/* Allocation weighs, on 2 June 2025 looking to 6 June: training valid on
 * the day, the first day absent in the window, the caseload and the
 * cases ever led. */
static void test_allocation_candidates_weigh_training_absence_and_caseload(db *d)
{
	static const char today[] = "2025-06-02", until[] = "2025-06-06";
	enum { VALID, EDGES, LAPSED, LATER, NCAND };
	static const struct {
		const char *name, *role;
		const char *specialist_done, *specialist_expires, *child_done, *child_expires;
		const char *away_from, *away_to;
		int specialist, child;
		const char *absent_on;
	} rows[NCAND] = {
	    /* Valid training; away since before the day and until after it. */
	    [VALID] = {"valid", "investigator", "2024-01-01", "2027-01-01", NULL, NULL,
	               "2025-05-30", "2025-06-03", 1, 0, "2025-06-02"},
	    /* Training expiring on the day and completed on it; away from the last day. */
	    [EDGES] = {"edges", "supervisor", "2022-06-02", "2025-06-02", "2025-06-02",
	               "2028-06-02", "2025-06-06", "2025-06-09", 1, 1, "2025-06-06"},
	    /* Expired the day before; away only before the day. */
	    [LAPSED] = {"lapsed", "investigator", "2022-06-01", "2025-06-01", NULL, NULL,
	                "2025-05-20", "2025-06-01", 0, 0, ""},
	    /* Completed only after the day; away only after the window. */
	    [LATER] = {"later", "investigator", NULL, NULL, "2025-06-03", "2028-06-03",
	               "2025-06-07", "2025-06-10", 0, 0, ""},
	};
	arena *a = arena_new();
	user_rec u[NCAND], admin, gone, far;
	for (int i = 0; i < NCAND; i++) {
		fixture_user_as(d, rows[i].name, rows[i].name, rows[i].role, "North Force", "EMT",
		                &u[i]);
		if (rows[i].specialist_done) {
			training_rec t = fixture_training_rec(
			    &u[i], "specialist_msht_investigation", rows[i].specialist_done,
			    rows[i].specialist_expires);
			assert_int_equal(store_training_add(d, &t), DB_OK);
		}
		if (rows[i].child_done) {
			training_rec t =
			    fixture_training_rec(&u[i], "child_criminal_exploitation",
			                         rows[i].child_done, rows[i].child_expires);
			assert_int_equal(store_training_add(d, &t), DB_OK);
		}
		absence_rec r = absence(&u[i], &u[i], "leave", rows[i].away_from, rows[i].away_to);
		assert_int_equal(store_absence_add(d, &r), DB_OK);
	}
	fixture_user_as(d, "admin", "Admin", "admin", "North Force", "EMT", &admin);
	fixture_user_as(d, "gone", "Gone", "investigator", "North Force", "EMT", &gone);
	fixture_user_as(d, "far", "Far", "investigator", "South Force", "EMT", &far);
	disable(d, &gone);
	/* VALID leads one open case and led another, now someone else's. */
	char open[37], handed[37];
	fixture_case(d, &admin, "Operation", open);
	fixture_case(d, &admin, "Operation", handed);
	fixture_lead(d, open, &u[VALID], NULL, &admin, NULL);
	fixture_lead(d, handed, &u[VALID], NULL, &admin, NULL);
	fixture_lead(d, handed, &u[LATER], &u[VALID], &admin, NULL);
	candidates c = {0};
	assert_int_equal(
	    store_alloc_candidates(d, u[0].org_id, NULL, today, until, keep_candidate, &c), DB_OK);
	assert_int_equal(c.n, NCAND);
	for (int i = 0; i < NCAND; i++) {
		int k = candidate_of(&c, u[i].id);
		assert_true(k >= 0);
		if (c.v[k].specialist != rows[i].specialist || c.v[k].child != rows[i].child ||
		    strcmp(c.v[k].absent_on, rows[i].absent_on) != 0)
			fail_msg("%s: %s weighed specialist %d child %d absent \"%s\"",
			         test_engine_now(), rows[i].name, c.v[k].specialist, c.v[k].child,
			         c.v[k].absent_on);
	}
	int k = candidate_of(&c, u[VALID].id);
	assert_int_equal(c.v[k].active, 1);
	assert_int_equal(c.v[k].led, 2);
	k = candidate_of(&c, u[LATER].id);
	assert_int_equal(c.v[k].active, 1);
	assert_int_equal(c.v[k].led, 1);
	/* Only the user asked about, when one is. */
	candidates one = {0};
	assert_int_equal(
	    store_alloc_candidates(d, u[0].org_id, u[EDGES].id, today, until, keep_candidate, &one),
	    DB_OK);
	assert_int_equal(one.n, 1);
	assert_string_equal(one.v[0].user_id, u[EDGES].id);
	one.n = 0;
	assert_int_equal(
	    store_alloc_candidates(d, u[0].org_id, far.id, today, until, keep_candidate, &one),
	    DB_OK);
	assert_int_equal(one.n, 0);
	arena_free(a);
}

static int see_link(const char *user_id, int n, void *arg)
{
	fixture_text_add(arg, "%s=%d;", user_id, n);
	return 0;
}

/* The count the listed text gives the user; 0 when it names them not. */
static int linked_count(const fixture_text *t, const char *user_id)
{
	const char *at = strstr(t->s, user_id);
	return at ? atoi(at + strlen(user_id) + 1) : 0;
}

static void test_linked_cases_are_counted_for_those_who_led_them(db *d)
{
	user_rec boss, x, y, z, w;
	fixture_user_as(d, "boss", "DS Boss", "supervisor", "North Force", "EMT", &boss);
	fixture_user_as(d, "x", "X", "investigator", "North Force", "EMT", &x);
	fixture_user_as(d, "y", "Y", "investigator", "North Force", "EMT", &y);
	fixture_user_as(d, "z", "Z", "investigator", "North Force", "EMT", &z);
	fixture_user_as(d, "w", "W", "investigator", "North Force", "EMT", &w);
	char here[37], by_person[37], by_postcode[37], apart[37], unknown_place[37], person[37];
	fixture_case(d, &boss, "Operation", here);
	fixture_case(d, &boss, "Operation", by_person);
	fixture_case(d, &boss, "Operation", by_postcode);
	fixture_case(d, &boss, "Operation", apart);
	fixture_case(d, &boss, "Operation", unknown_place);
	fixture_part(d, &boss, here, "Shared", "Doe", "potential_victim", person, NULL);
	assert_int_equal(fixture_link(d, &boss, by_person, person, "witness", NULL), DB_OK);
	fixture_part(d, &boss, apart, "Stranger", "Doe", "potential_victim", NULL, NULL);
	add_place(d, &boss, here, "LS1 4AP");
	add_place(d, &boss, here, NULL);
	add_place(d, &boss, by_postcode, "LS1 4AP");
	add_place(d, &boss, apart, "YO1 7HH");
	add_place(d, &boss, unknown_place, NULL);
	fixture_lead(d, here, &w, NULL, &boss, NULL);
	fixture_lead(d, by_person, &x, NULL, &boss, NULL);
	fixture_lead(d, by_postcode, &x, NULL, &boss, NULL);
	fixture_lead(d, by_postcode, &y, &x, &boss, NULL); /* x led it, y leads it */
	fixture_lead(d, apart, &z, NULL, &boss, NULL);
	fixture_lead(d, unknown_place, &z, NULL, &boss, NULL);
	fixture_text got = {""};
	assert_int_equal(store_alloc_linked(d, here, see_link, &got), DB_OK);
	/* Two users listed, x and y, each as "id=n;". */
	assert_int_equal(strlen(got.s), 2 * strlen("=1;") + strlen(x.id) + strlen(y.id));
	assert_int_equal(linked_count(&got, x.id), 2);
	assert_int_equal(linked_count(&got, y.id), 1);
	assert_int_equal(linked_count(&got, z.id), 0);
	assert_int_equal(linked_count(&got, w.id), 0); /* this case's own lead */
}

static int see_victim(const victim_facts *v, void *arg)
{
	fixture_text_add(arg, "%s/%d/%d/%d/%s;", v->date_of_birth ? v->date_of_birth : "-",
	                 v->estimated_age, v->age_disputed, v->interpreter_needed,
	                 v->interpreter_language ? v->interpreter_language : "-");
	return 0;
}

static void test_victim_facts_are_those_of_the_potential_victims(db *d)
{
	user_rec boss;
	fixture_user_as(d, "boss", "DS Boss", "supervisor", "North Force", "EMT", &boss);
	char here[37];
	fixture_case(d, &boss, "Operation", here);
	static name_index none;
	person_rec child = {.given_names = "Child",
	                    .family_name = "Doe",
	                    .aliases = "[]",
	                    .estimated_age = 15,
	                    .age_disputed = 1,
	                    .nationalities = "[]",
	                    .languages = "[\"sq\"]",
	                    .interpreter_needed = 1,
	                    .interpreter_language = "Albanian"};
	person_rec adult = {.given_names = "Adult",
	                    .family_name = "Doe",
	                    .aliases = "[]",
	                    .date_of_birth = "1990-04-01",
	                    .estimated_age = -1,
	                    .nationalities = "[]",
	                    .languages = "[]"};
	person_rec suspect = adult;
	suspect.given_names = "Suspect";
	person_rec *all[] = {&child, &adult, &suspect};
	for (int i = 0; i < 3; i++) {
		set_id(all[i]->created_by, boss.id);
		assert_int_equal(store_person_create(d, all[i], &none), DB_OK);
	}
	assert_int_equal(fixture_link(d, &boss, here, child.id, "potential_victim", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &boss, here, adult.id, "potential_victim", NULL), DB_OK);
	assert_int_equal(fixture_link(d, &boss, here, suspect.id, "suspect", NULL), DB_OK);
	fixture_text got = {""};
	assert_int_equal(store_case_victim_facts(d, here, see_victim, &got), DB_OK);
	/* Either order: the contract names none. */
	assert_true(strcmp(got.s, "-/15/1/1/Albanian;1990-04-01/-1/0/0/-;") == 0 ||
	            strcmp(got.s, "1990-04-01/-1/0/0/-;-/15/1/1/Albanian;") == 0);
}

static int see_lead(const lead_rec *l, void *arg)
{
	fixture_text_add(arg, "%s/%s;", l->user_name, l->ended_at ? "ended" : "current");
	return 0;
}

static void test_a_new_lead_ends_the_last_and_moves_their_access(db *d)
{
	arena *a = arena_new();
	user_rec boss, x, y;
	fixture_user_as(d, "boss", "DS Boss", "supervisor", "North Force", "EMT", &boss);
	fixture_user_as(d, "x", "DC X", "investigator", "North Force", "EMT", &x);
	fixture_user_as(d, "y", "DC Y", "investigator", "North Force", "EMT", &y);
	char here[37];
	fixture_case(d, &boss, "Operation", here);
	lead_rec cur;
	assert_int_equal(store_lead_current(d, a, here, &cur), DB_DONE);
	lead_rec first = {.failed_requirements = "[\"specialist_training\"]",
	                  .override_reason = "only one free"};
	set_id(first.case_id, here);
	set_id(first.user_id, x.id);
	set_id(first.allocated_by, boss.id);
	snprintf(first.allocated_at, sizeof first.allocated_at, "2025-06-01T09:00:00.000Z");
	assert_int_equal(store_lead_set(d, &first, NULL), DB_OK);
	int yes = -1;
	assert_int_equal(store_case_allocated(d, here, x.id, &yes), DB_OK);
	assert_true(yes);
	assert_int_equal(store_lead_current(d, a, here, &cur), DB_ROW);
	assert_string_equal(cur.id, first.id);
	assert_string_equal(cur.user_name, "DC X");
	assert_string_equal(cur.allocated_by_name, "DS Boss");
	assert_string_equal(cur.allocated_at, "2025-06-01T09:00:00.000Z");
	assert_string_equal(cur.failed_requirements, "[\"specialist_training\"]");
	assert_string_equal(cur.override_reason, "only one free");
	assert_null(cur.ended_at);
	/* Y already had access: taking the lead keeps it, without a conflict. */
	const char *p[] = {here, y.id, "2025-06-01T10:00:00.000Z"};
	assert_int_equal(db_run(d,
	                        "INSERT INTO case_allocations (case_id, user_id, allocated_at) "
	                        "VALUES ($1, $2, $3)",
	                        3, p),
	                 DB_OK);
	fixture_lead(d, here, &y, &x, &boss, "2025-06-03T09:00:00.000Z");
	assert_int_equal(store_lead_current(d, a, here, &cur), DB_ROW);
	assert_string_equal(cur.user_id, y.id);
	assert_int_equal(store_case_allocated(d, here, x.id, &yes), DB_OK);
	assert_false(yes);
	assert_int_equal(store_case_allocated(d, here, y.id, &yes), DB_OK);
	assert_true(yes);
	fixture_text got = {""};
	assert_int_equal(store_leads_of_case(d, a, here, see_lead, &got), DB_OK);
	assert_string_equal(got.s, "DC X/ended;DC Y/current;");
	lead_rec bad = {.failed_requirements = "[]"};
	set_id(bad.case_id, "no-such-case");
	set_id(bad.user_id, x.id);
	set_id(bad.allocated_by, boss.id);
	assert_int_equal(store_lead_set(d, &bad, NULL), DB_CONSTRAINT);
	arena_free(a);
}

static int see_unled(const char *id, const char *created_at, const char *team_id,
                     const char *status, void *arg)
{
	(void)team_id;
	(void)status;
	(void)id;
	fixture_text_add(arg, "%s;", created_at);
	return 0;
}

static void test_cases_without_a_lead_list_oldest_first(db *d)
{
	user_rec boss, x;
	fixture_user_as(d, "boss", "DS Boss", "supervisor", "North Force", "EMT", &boss);
	fixture_user_as(d, "x", "DC X", "investigator", "North Force", "EMT", &x);
	case_rec newest, oldest, led, middle;
	fixture_case_dated(d, &boss, "Operation", "2025-05-03T09:00:00.000Z", &newest);
	fixture_case_dated(d, &boss, "Operation", "2025-05-01T09:00:00.000Z", &oldest);
	fixture_case_dated(d, &boss, "Operation", "2025-05-02T09:00:00.000Z", &led);
	fixture_case_dated(d, &boss, "Operation", "2025-05-02T12:00:00.000Z", &middle);
	fixture_lead(d, led.id, &x, NULL, &boss, NULL);
	fixture_text got = {""};
	assert_int_equal(store_cases_unled(d, see_unled, &got), DB_OK);
	assert_string_equal(
	    got.s, "2025-05-01T09:00:00.000Z;2025-05-02T12:00:00.000Z;2025-05-03T09:00:00.000Z;");
}

static int see_held(const char *case_id, const char *reference, const char *title, void *arg)
{
	(void)reference;
	(void)title;
	fixture_text_add(arg, "%s;", case_id);
	return 0;
}

static void test_the_cases_a_user_leads_are_their_open_ones_now(db *d)
{
	user_rec boss, x, y;
	fixture_user_as(d, "boss", "DS Boss", "supervisor", "North Force", "EMT", &boss);
	fixture_user_as(d, "x", "DC X", "investigator", "North Force", "EMT", &x);
	fixture_user_as(d, "y", "DC Y", "investigator", "North Force", "EMT", &y);
	char later[37], earlier[37], closed[37], handed[37];
	fixture_case(d, &boss, "Operation", later);
	fixture_case(d, &boss, "Operation", earlier);
	fixture_case(d, &boss, "Operation", closed);
	fixture_case(d, &boss, "Operation", handed);
	fixture_lead(d, later, &x, NULL, &boss, "2025-06-05T09:00:00.000Z");
	fixture_lead(d, earlier, &x, NULL, &boss, "2025-06-01T09:00:00.000Z");
	fixture_lead(d, closed, &x, NULL, &boss, "2025-06-02T09:00:00.000Z");
	fixture_lead(d, handed, &x, NULL, &boss, "2025-06-03T09:00:00.000Z");
	fixture_lead(d, handed, &y, &x, &boss, "2025-06-04T09:00:00.000Z");
	fixture_case_close(d, closed);
	fixture_text got = {""}, expected = {""};
	fixture_text_add(&expected, "%s;", earlier);
	fixture_text_add(&expected, "%s;", later);
	assert_int_equal(store_leads_of_user(d, x.id, see_held, &got), DB_OK);
	assert_string_equal(got.s, expected.s);
}

static int see_pair(const char *first, const char *second, void *arg)
{
	fixture_text_add(arg, "%s/%s;", first, second);
	return 0;
}

static void test_allocation_reports_count_the_organisations_given(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	case_rec one, two, theirs;
	fixture_case_dated(d, &north, "Operation", "2025-05-02T00:00:00.000Z", &one);
	fixture_case_dated(d, &north, "Operation", "2025-05-01T00:00:00.000Z", &two);
	fixture_case_dated(d, &south, "Operation", "2025-05-01T00:00:00.000Z", &theirs);
	fixture_lead(d, one.id, &north, NULL, &north, "2025-05-03T00:00:00.000Z");
	fixture_lead(d, two.id, &north, NULL, &north, "2025-05-04T00:00:00.000Z");
	fixture_lead(d, one.id, &north, &north, &north, "2025-05-05T00:00:00.000Z");
	fixture_lead(d, theirs.id, &south, NULL, &south, "2025-05-06T00:00:00.000Z");
	const struct {
		const char *what;
		store_orgs orgs;
		const char *allocations, *firsts;
	} rows[] = {
	    {"one force",
	     {north.org_id, NULL},
	     "2025-05-03T00:00:00.000Z/[];2025-05-04T00:00:00.000Z/"
	     "[];2025-05-05T00:00:00.000Z/[];",
	     "2025-05-01T00:00:00.000Z/2025-05-04T00:00:00.000Z;"
	     "2025-05-02T00:00:00.000Z/2025-05-03T00:00:00.000Z;"},
	    {"a Commissioner's area",
	     {NULL, office.id},
	     "2025-05-03T00:00:00.000Z/[];2025-05-04T00:00:00.000Z/"
	     "[];2025-05-05T00:00:00.000Z/[];",
	     "2025-05-01T00:00:00.000Z/2025-05-04T00:00:00.000Z;"
	     "2025-05-02T00:00:00.000Z/2025-05-03T00:00:00.000Z;"},
	    {"the other force",
	     {south.org_id, NULL},
	     "2025-05-06T00:00:00.000Z/[];",
	     "2025-05-01T00:00:00.000Z/2025-05-06T00:00:00.000Z;"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		fixture_text got = {""};
		assert_int_equal(store_report_allocations(d, &rows[i].orgs, see_pair, &got), DB_OK);
		if (strcmp(got.s, rows[i].allocations) != 0)
			fail_msg("%s: allocations of %s: \"%s\"", test_engine_now(), rows[i].what,
			         got.s);
		got.s[0] = '\0';
		assert_int_equal(store_report_first_allocations(d, &rows[i].orgs, see_pair, &got),
		                 DB_OK);
		if (strcmp(got.s, rows[i].firsts) != 0)
			fail_msg("%s: first allocations of %s: \"%s\"", test_engine_now(),
			         rows[i].what, got.s);
	}
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_a_profile_reads_as_defaults_until_one_is_kept),
	    ENGINE_TEST(test_a_profile_write_names_the_version_it_read),
	    ENGINE_TEST(test_a_profile_the_schema_forbids_is_refused),
	    ENGINE_TEST(test_staff_are_listed_within_reach_and_by_name),
	    ENGINE_TEST(test_a_caseload_counts_open_cases_led_now),
	    ENGINE_TEST(test_absences_list_those_not_yet_over_soonest_first),
	    ENGINE_TEST(test_a_users_training_lists_by_course_latest_expiry_first),
	    ENGINE_TEST(test_the_training_register_counts_the_organisations_given),
	    ENGINE_TEST(test_the_training_register_keeps_each_persons_records_together),
	    ENGINE_TEST(test_a_username_is_found_within_its_organisation_only),
	    ENGINE_TEST(test_allocation_candidates_weigh_training_absence_and_caseload),
	    ENGINE_TEST(test_linked_cases_are_counted_for_those_who_led_them),
	    ENGINE_TEST(test_victim_facts_are_those_of_the_potential_victims),
	    ENGINE_TEST(test_a_new_lead_ends_the_last_and_moves_their_access),
	    ENGINE_TEST(test_cases_without_a_lead_list_oldest_first),
	    ENGINE_TEST(test_the_cases_a_user_leads_are_their_open_ones_now),
	    ENGINE_TEST(test_allocation_reports_count_the_organisations_given),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/staff"), tests, NULL, NULL);
}
