/* s45 assessments, their approval, and charging decisions in the store, on
 * both engines. */
#include "unit/test.h"

#include <unistd.h>

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/people.h"
#include "store/s45.h"
#include "support/engines.h"
#include "support/fixtures.h"

/* What each test stands on, made anew on its database by setup: DC Ash and
 * DS Birch of one team, a case of theirs with a suspect, Ion Popa, and
 * another case. */
static struct {
	user_rec dc, sgt;
	char case_id[37], other_case[37];
	char suspect[37]; /* Popa's link */
} f;

static void setup(db *d)
{
	memset(&f, 0, sizeof f);
	fixture_user_as(d, "ash", "DC Ash", "investigator", "Force", "EMT", &f.dc);
	fixture_user_as(d, "birch", "DS Birch", "investigator", "Force", "EMT", &f.sgt);
	fixture_case(d, &f.dc, "County line", f.case_id);
	fixture_case(d, &f.dc, "Elsewhere", f.other_case);
	fixture_part(d, &f.dc, f.case_id, "Ion", "Popa", "suspect", NULL, f.suspect);
}

static s45_rec new_assessment(const char *link_id, const char *outcome)
{
	s45_rec r = {.offence = "possession with intent to supply",
	             .offence_date = "2025-01-20",
	             .age_at_offence = -1,
	             .answers = "{\"compelled\":true}",
	             .outcome = outcome,
	             .reasons = "compelled by the line holder"};
	memcpy(r.case_id, f.case_id, 37);
	snprintf(r.link_id, sizeof r.link_id, "%s", link_id);
	memcpy(r.assessed_by, f.dc.id, 37);
	return r;
}

static void test_link_subject_says_whether_the_person_is_a_victim_anywhere(db *d)
{
	enum { ONLY_SUSPECT, VICTIM_ELSEWHERE, INDICATOR_HERE, INDICATOR_ELSEWHERE, VICTIM_HERE };
	static const struct {
		const char *why;
		int want;
	} rows[] = {
	    [ONLY_SUSPECT] = {"a suspect and nothing else", 0},
	    [VICTIM_ELSEWHERE] = {"a potential victim in another case", 1},
	    [INDICATOR_HERE] = {"an indicator on the suspect's own link", 1},
	    [INDICATOR_ELSEWHERE] = {"an indicator on a witness link in another case", 1},
	    [VICTIM_HERE] = {"a potential victim in this case too", 1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char person[37], link_id[37], other[37], ind[37];
		fixture_person(d, &f.dc, "Ion", rows[i].why, person);
		assert_int_equal(fixture_link(d, &f.dc, f.case_id, person, "suspect", link_id),
		                 DB_OK);
		switch (i) {
		case VICTIM_ELSEWHERE:
			assert_int_equal(
			    fixture_link(d, &f.dc, f.other_case, person, "potential_victim", NULL),
			    DB_OK);
			break;
		case INDICATOR_HERE:
			assert_int_equal(
			    store_indicator_add(d, link_id, "coercion", NULL, f.dc.id, ind), DB_OK);
			break;
		case INDICATOR_ELSEWHERE:
			assert_int_equal(
			    fixture_link(d, &f.dc, f.other_case, person, "witness", other), DB_OK);
			assert_int_equal(
			    store_indicator_add(d, other, "coercion", NULL, f.dc.id, ind), DB_OK);
			break;
		case VICTIM_HERE:
			assert_int_equal(
			    fixture_link(d, &f.dc, f.case_id, person, "potential_victim", NULL),
			    DB_OK);
			break;
		}
		arena *a = arena_new();
		char who[37] = "";
		const char *role = NULL;
		int victim = -1;
		assert_int_equal(store_link_subject(d, a, f.case_id, link_id, who, &role, &victim),
		                 DB_ROW);
		assert_string_equal(who, person);
		assert_string_equal(role, "suspect");
		if (victim != rows[i].want)
			fail_msg("%s, %s: victim anywhere %d, want %d", test_engine_now(),
			         rows[i].why, victim, rows[i].want);
		/* Only within its case. */
		assert_int_equal(
		    store_link_subject(d, a, f.other_case, link_id, who, &role, &victim), DB_DONE);
		arena_free(a);
	}
	arena *a = arena_new();
	char who[37];
	const char *role;
	int victim;
	assert_int_equal(store_link_subject(d, a, f.case_id, "no-such-link", who, &role, &victim),
	                 DB_DONE);
	arena_free(a);
}

static void test_s45_create_reads_back_only_within_its_case(db *d)
{
	s45_rec r = new_assessment(f.suspect, "defence_may_apply");
	r.schedule4_code = NULL;
	r.age_at_offence = 17;
	r.child = 1;
	assert_int_equal(store_s45_create(d, &r), DB_OK);
	assert_int_equal(strlen(r.id), 36);
	assert_true(r.assessed_at[0] != '\0');
	arena *a = arena_new();
	s45_rec got;
	assert_int_equal(store_s45_get(d, a, f.case_id, r.id, &got), DB_ROW);
	assert_string_equal(got.id, r.id);
	assert_string_equal(got.case_id, f.case_id);
	assert_string_equal(got.link_id, f.suspect);
	assert_string_equal(got.offence, "possession with intent to supply");
	assert_string_equal(got.offence_date, "2025-01-20");
	assert_null(got.schedule4_code);
	assert_int_equal(got.age_at_offence, 17);
	assert_int_equal(got.child, 1);
	assert_string_equal(got.answers, "{\"compelled\":true}");
	assert_string_equal(got.outcome, "defence_may_apply");
	assert_string_equal(got.reasons, "compelled by the line holder");
	assert_string_equal(got.assessed_by, f.dc.id);
	assert_string_equal(got.assessed_by_name, "DC Ash");
	assert_string_equal(got.assessed_at, r.assessed_at);
	assert_null(got.approved_by);
	assert_null(got.approved_by_name);
	assert_null(got.approved_at);

	s45_rec adult = new_assessment(f.suspect, "excluded_schedule_4");
	adult.schedule4_code = "murder";
	assert_int_equal(store_s45_create(d, &adult), DB_OK);
	assert_int_equal(store_s45_get(d, a, f.case_id, adult.id, &got), DB_ROW);
	assert_int_equal(got.age_at_offence, -1);
	assert_int_equal(got.child, 0);
	assert_string_equal(got.schedule4_code, "murder");

	assert_int_equal(store_s45_get(d, a, f.other_case, r.id, &got), DB_DONE);
	assert_int_equal(store_s45_get(d, a, f.case_id, "no-such-assessment", &got), DB_DONE);
	arena_free(a);
}

static void test_s45_create_refuses_an_unknown_outcome_or_link(db *d)
{
	s45_rec r = new_assessment(f.suspect, "probably_fine");
	assert_int_equal(store_s45_create(d, &r), DB_CONSTRAINT);
	r = new_assessment("no-such-link", "defence_may_apply");
	assert_int_equal(store_s45_create(d, &r), DB_CONSTRAINT);
	int any = -1;
	char approved[37];
	assert_int_equal(store_s45_latest(d, f.suspect, &any, approved), DB_OK);
	assert_int_equal(any, 0);
}

static void test_s45_approve_takes_the_first_approval_only(db *d)
{
	s45_rec r = new_assessment(f.suspect, "defence_may_apply");
	assert_int_equal(store_s45_create(d, &r), DB_OK);
	char at[32] = "", later[32] = "";
	assert_int_equal(store_s45_approve(d, r.id, f.sgt.id, at), DB_OK);
	assert_true(at[0] != '\0');
	assert_int_equal(store_s45_approve(d, r.id, f.dc.id, later), DB_DONE);
	arena *a = arena_new();
	s45_rec got;
	assert_int_equal(store_s45_get(d, a, f.case_id, r.id, &got), DB_ROW);
	assert_string_equal(got.approved_by, f.sgt.id);
	assert_string_equal(got.approved_by_name, "DS Birch");
	assert_string_equal(got.approved_at, at);
	assert_int_equal(store_s45_approve(d, "no-such-assessment", f.sgt.id, later), DB_DONE);
	arena_free(a);
}

static void test_s45_latest_answers_the_latest_approved_assessment_of_the_link(db *d)
{
	char other[37];
	fixture_part(d, &f.dc, f.case_id, "Ion", "Lupu", "suspect", NULL, other);
	int any = -1;
	char approved[37] = "x";
	assert_int_equal(store_s45_latest(d, f.suspect, &any, approved), DB_OK);
	assert_int_equal(any, 0);
	assert_string_equal(approved, "");

	s45_rec first = new_assessment(f.suspect, "defence_may_apply");
	assert_int_equal(store_s45_create(d, &first), DB_OK);
	assert_int_equal(store_s45_latest(d, f.suspect, &any, approved), DB_OK);
	assert_int_equal(any, 1);
	assert_string_equal(approved, "");
	/* Another link's assessment is not this one's. */
	assert_int_equal(store_s45_latest(d, other, &any, approved), DB_OK);
	assert_int_equal(any, 0);

	char at[32];
	assert_int_equal(store_s45_approve(d, first.id, f.sgt.id, at), DB_OK);
	assert_int_equal(store_s45_latest(d, f.suspect, &any, approved), DB_OK);
	assert_string_equal(approved, first.id);

	/* A newer assessment awaiting approval leaves the approved one. */
	usleep(3000);
	s45_rec second = new_assessment(f.suspect, "defence_does_not_apply");
	assert_int_equal(store_s45_create(d, &second), DB_OK);
	assert_int_equal(store_s45_latest(d, f.suspect, &any, approved), DB_OK);
	assert_string_equal(approved, first.id);
	/* Once approved, the newer one is the answer. */
	assert_int_equal(store_s45_approve(d, second.id, f.sgt.id, at), DB_OK);
	assert_int_equal(store_s45_latest(d, f.suspect, &any, approved), DB_OK);
	assert_string_equal(approved, second.id);
}

static int collect_s45(const s45_rec *r, void *arg)
{
	fixture_text_add(arg, "%s/%s;", r->outcome,
	                 r->approved_by_name ? r->approved_by_name : "-");
	return 0;
}

static void test_s45_by_case_lists_the_cases_assessments_in_the_order_made(db *d)
{
	char l2[37];
	fixture_part(d, &f.dc, f.case_id, "Ion", "Lupu", "suspect", NULL, l2);
	static const char *const outcomes[] = {"defence_does_not_apply", "defence_may_apply",
	                                       "excluded_schedule_4"};
	char ids[3][37];
	for (int i = 0; i < 3; i++) {
		s45_rec r = new_assessment(i == 1 ? l2 : f.suspect, outcomes[i]);
		assert_int_equal(store_s45_create(d, &r), DB_OK);
		memcpy(ids[i], r.id, 37);
		usleep(3000);
	}
	char at[32];
	assert_int_equal(store_s45_approve(d, ids[1], f.sgt.id, at), DB_OK);
	arena *a = arena_new();
	fixture_text out = {""};
	assert_int_equal(store_s45_by_case(d, a, f.case_id, collect_s45, &out), DB_OK);
	assert_string_equal(out.s, "defence_does_not_apply/-;defence_may_apply/DS Birch;"
	                           "excluded_schedule_4/-;");
	out.s[0] = '\0';
	assert_int_equal(store_s45_by_case(d, a, f.other_case, collect_s45, &out), DB_OK);
	assert_string_equal(out.s, "");
	arena_free(a);
}

static int collect_charging(const charging_rec *r, void *arg)
{
	fixture_text_add(arg, "%s/%s/%s;", r->decision, r->decided_on,
	                 r->assessment_id ? "assessed" : "-");
	return 0;
}

static void test_charging_decisions_are_kept_in_the_order_made(db *d)
{
	s45_rec r = new_assessment(f.suspect, "defence_does_not_apply");
	assert_int_equal(store_s45_create(d, &r), DB_OK);
	charging_rec c = {.decision = "refer_to_cps", .decided_on = "2025-02-01"};
	memcpy(c.case_id, f.case_id, 37);
	memcpy(c.link_id, f.suspect, 37);
	memcpy(c.decided_by, f.sgt.id, 37);
	assert_int_equal(store_charging_create(d, &c), DB_OK);
	assert_int_equal(strlen(c.id), 36);
	usleep(3000);
	charging_rec charge = c;
	charge.decision = "charge";
	charge.decided_on = "2025-03-01";
	charge.assessment_id = r.id;
	assert_int_equal(store_charging_create(d, &charge), DB_OK);
	charging_rec odd = c;
	odd.decision = "let_off";
	assert_int_equal(store_charging_create(d, &odd), DB_CONSTRAINT);
	charging_rec lost = c;
	lost.assessment_id = "no-such-assessment";
	assert_int_equal(store_charging_create(d, &lost), DB_CONSTRAINT);
	arena *a = arena_new();
	fixture_text out = {""};
	assert_int_equal(store_charging_by_case(d, a, f.case_id, collect_charging, &out), DB_OK);
	assert_string_equal(out.s, "refer_to_cps/2025-02-01/-;charge/2025-03-01/assessed;");
	out.s[0] = '\0';
	assert_int_equal(store_charging_by_case(d, a, f.other_case, collect_charging, &out), DB_OK);
	assert_string_equal(out.s, "");
	arena_free(a);
}

int main(void)
{
	secure_init();
	test_world_set(setup, NULL);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_link_subject_says_whether_the_person_is_a_victim_anywhere),
	    ENGINE_TEST(test_s45_create_reads_back_only_within_its_case),
	    ENGINE_TEST(test_s45_create_refuses_an_unknown_outcome_or_link),
	    ENGINE_TEST(test_s45_approve_takes_the_first_approval_only),
	    ENGINE_TEST(test_s45_latest_answers_the_latest_approved_assessment_of_the_link),
	    ENGINE_TEST(test_s45_by_case_lists_the_cases_assessments_in_the_order_made),
	    ENGINE_TEST(test_charging_decisions_are_kept_in_the_order_made),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/s45"), tests, NULL, NULL);
}
