/* Allocation: each hard requirement, the score's tiers (what the case needs,
 * then capacity, then experience), the order, and the reasons in words. */
#include "unit/test.h"

#include "domain/allocation.h"

static const alloc_candidate ready = {
	.pip_level = 2, .specialist_valid = 1, .active_cases = 2, .capacity = 8, .team = "Exploitation and Missing Team",
};

static void test_each_hard_requirement(void **state)
{
	(void)state;
	alloc_case adult = {0}, child = {.child_victim = 1};
	static const struct {
		const char *what;
		alloc_candidate c;
		int child_case;
		unsigned want;
	} cases[] = {
		{"ready", {.pip_level = 2, .specialist_valid = 1, .active_cases = 2, .capacity = 8}, 0, 0},
		{"PIP1", {.pip_level = 1, .specialist_valid = 1, .active_cases = 2, .capacity = 8}, 0, ALLOC_REQ_PIP},
		{"PIP4", {.pip_level = 4, .specialist_valid = 1, .active_cases = 2, .capacity = 8}, 0, 0},
		{"no specialist training", {.pip_level = 2, .active_cases = 2, .capacity = 8}, 0, ALLOC_REQ_SPECIALIST},
		{"child victim, no CCE", {.pip_level = 2, .specialist_valid = 1, .active_cases = 2, .capacity = 8}, 1,
		 ALLOC_REQ_CHILD},
		{"child victim, CCE",
		 {.pip_level = 2, .specialist_valid = 1, .child_valid = 1, .active_cases = 2, .capacity = 8}, 1, 0},
		{"absent",
		 {.pip_level = 2, .specialist_valid = 1, .absent_on = "2026-12-01", .active_cases = 2, .capacity = 8}, 0,
		 ALLOC_REQ_AVAILABLE},
		{"at capacity", {.pip_level = 2, .specialist_valid = 1, .active_cases = 8, .capacity = 8}, 0,
		 ALLOC_REQ_CAPACITY},
		{"no capacity set", {.pip_level = 2, .specialist_valid = 1}, 0, ALLOC_REQ_CAPACITY},
		{"everything", {.absent_on = "2026-12-01", .active_cases = 3, .capacity = 3}, 1,
		 ALLOC_REQ_PIP | ALLOC_REQ_SPECIALIST | ALLOC_REQ_CHILD | ALLOC_REQ_AVAILABLE | ALLOC_REQ_CAPACITY},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned got = alloc_failed(cases[i].child_case ? &child : &adult, &cases[i].c);
		if (got != cases[i].want)
			fail_msg("%s: failed %#x, wanted %#x", cases[i].what, got, cases[i].want);
	}
	for (unsigned bit = 1; bit < (1u << ALLOC_NREQ); bit <<= 1) {
		assert_non_null(alloc_requirement_code(bit));
		assert_true(strlen(alloc_requirement_text(bit)) > 10);
	}
	assert_null(alloc_requirement_code(1u << ALLOC_NREQ));
}

static void test_the_score_counts_needs_met_then_capacity_then_experience(void **state)
{
	(void)state;
	alloc_case k = {.team = "Exploitation and Missing Team", .languages = {"Albanian", "Vietnamese"}, .nlanguages = 2};
	alloc_candidate c = ready;
	/* PIP2, training and team met; 6 of 8 free is 7.5 tenths, rounded up to 8. */
	assert_int_equal(alloc_score(&k, &c), 3 * ALLOC_W_NEED + 8 * ALLOC_W_CAPACITY);
	c.speaks = 1u << 1;
	assert_int_equal(alloc_score(&k, &c), 4 * ALLOC_W_NEED + 8 * ALLOC_W_CAPACITY);
	c.speaks = 0xffu; /* only the languages the case needs count */
	assert_int_equal(alloc_score(&k, &c), 5 * ALLOC_W_NEED + 8 * ALLOC_W_CAPACITY);
	c.speaks = 0;
	c.linked_cases = 5; /* continuity counts at most three cases */
	assert_int_equal(alloc_score(&k, &c), 3 * ALLOC_W_NEED + 3 * ALLOC_W_CONTINUITY + 8 * ALLOC_W_CAPACITY);
	c.linked_cases = 0;
	c.msht_led = 30; /* experience counts at most ten */
	assert_int_equal(alloc_score(&k, &c), 3 * ALLOC_W_NEED + 8 * ALLOC_W_CAPACITY + 10);
	c.msht_led = 0;
	c.active_cases = 7; /* one of eight free: 1.25 tenths, rounded up */
	assert_int_equal(alloc_score(&k, &c), 3 * ALLOC_W_NEED + 2 * ALLOC_W_CAPACITY);
	c.capacity = 20;
	c.active_cases = 19; /* any room at all counts a tenth */
	assert_int_equal(alloc_score(&k, &c), 3 * ALLOC_W_NEED + ALLOC_W_CAPACITY);
	c.capacity = 8;
	c.active_cases = 8;
	assert_int_equal(alloc_score(&k, &c), 3 * ALLOC_W_NEED);
	c.active_cases = 0;
	c.absent_on = "2026-12-01"; /* no capacity while away */
	assert_int_equal(alloc_score(&k, &c), 3 * ALLOC_W_NEED);
	c.absent_on = NULL;
	c.team = "CID";
	assert_int_equal(alloc_score(&k, &c), 2 * ALLOC_W_NEED + 10 * ALLOC_W_CAPACITY);
	alloc_case child = {.child_victim = 1};
	c.child_valid = 1;
	assert_int_equal(alloc_score(&child, &c), 3 * ALLOC_W_NEED + 10 * ALLOC_W_CAPACITY);
}

static void test_each_tier_outweighs_everything_below_it(void **state)
{
	(void)state;
	assert_true(ALLOC_W_EXPERIENCE * ALLOC_MAX_EXPERIENCE < ALLOC_W_CAPACITY);
	assert_true(ALLOC_W_CAPACITY * 10 + ALLOC_W_EXPERIENCE * ALLOC_MAX_EXPERIENCE < ALLOC_W_CONTINUITY);
	assert_true(ALLOC_W_CONTINUITY * ALLOC_MAX_CONTINUITY + ALLOC_W_CAPACITY * 10 +
			    ALLOC_W_EXPERIENCE * ALLOC_MAX_EXPERIENCE <
		    ALLOC_W_NEED);
}

/* Ranks a before b, by score and by the order the API lists them in. */
static void assert_ranks_above(const alloc_case *k, const alloc_candidate *a, const alloc_candidate *b)
{
	int sa = alloc_score(k, a), sb = alloc_score(k, b);
	if (sa <= sb)
		fail_msg("scores %d and %d: the first should be higher", sa, sb);
	assert_true(alloc_compare(alloc_failed(k, a), sa, alloc_failed(k, b), sb) < 0);
}

static void test_a_trained_investigator_with_room_ranks_above_a_long_serving_one_without(void **state)
{
	(void)state;
	alloc_case k = {.team = "Exploitation and Missing Team"};
	/* An exploitation team investigator, trained in modern slavery
	 * investigation, with room and one case behind them. */
	alloc_candidate emt = {.pip_level = 2, .specialist_valid = 1, .active_cases = 5, .capacity = 8, .msht_led = 1,
			       .team = "Exploitation and Missing Team"};
	/* A CID officer with long service, more room, and no such training. */
	alloc_candidate cid = {.pip_level = 3, .active_cases = 1, .capacity = 8, .msht_led = 40, .team = "CID"};
	assert_ranks_above(&k, &emt, &cid);
	/* Trained too, they still rank below the case's own team. */
	cid.specialist_valid = 1;
	assert_ranks_above(&k, &emt, &cid);
}

static void test_a_fully_loaded_officer_ranks_below_one_with_room(void **state)
{
	(void)state;
	alloc_case k = {.team = "Exploitation and Missing Team"};
	alloc_candidate loaded = ready, room = ready, away = ready;
	loaded.active_cases = 8;
	loaded.msht_led = 25;
	room.active_cases = 7;
	assert_ranks_above(&k, &room, &loaded);
	/* Away for the fortnight counts as no room, whatever the load. */
	away.active_cases = 0;
	away.msht_led = 25;
	away.absent_on = "2026-12-02";
	assert_ranks_above(&k, &room, &away);
}

static void test_experience_only_breaks_a_tie_of_capacity(void **state)
{
	(void)state;
	alloc_case k = {.team = "Exploitation and Missing Team"};
	alloc_candidate novice = ready, veteran = ready;
	novice.active_cases = 4;  /* half free */
	veteran.active_cases = 5; /* three eighths free: a tenth less, rounded up */
	veteran.msht_led = 10;
	assert_ranks_above(&k, &novice, &veteran);
	veteran.active_cases = 4;
	assert_ranks_above(&k, &veteran, &novice);
}

static void test_those_who_meet_the_requirements_rank_first(void **state)
{
	(void)state;
	assert_true(alloc_compare(0, 10, ALLOC_REQ_PIP, 90) < 0);
	assert_true(alloc_compare(ALLOC_REQ_PIP, 90, 0, 10) > 0);
	assert_true(alloc_compare(0, 50, 0, 40) < 0);
	assert_true(alloc_compare(ALLOC_REQ_PIP, 50, ALLOC_REQ_CAPACITY, 60) > 0);
	assert_int_equal(alloc_compare(0, 40, 0, 40), 0);
}

static void collect(enum alloc_reason_kind kind, const char *text, void *arg)
{
	char *out = arg;
	size_t n = strlen(out);
	snprintf(out + n, 2000 - n, "%s%s|", kind == ALLOC_AGAINST ? "-" : "+", text);
}

static void test_reasons_say_why_in_plain_words(void **state)
{
	(void)state;
	char out[2000] = "";
	alloc_case k = {.child_victim = 1, .team = "Exploitation and Missing Team", .today = "2026-12-01",
			.languages = {"Albanian", "Vietnamese"}, .nlanguages = 2};
	alloc_candidate c = {.pip_level = 1, .specialist_valid = 1, .absent_on = "2026-12-03",
			     .absent_until = "2027-01-04", .absence_kind = "leave", .active_cases = 3, .capacity = 6,
			     .speaks = 1, .linked_cases = 2, .msht_led = 4, .team = "CID"};
	alloc_reasons(&k, &c, collect, out);
	assert_string_equal(out, "+Has current specialist modern slavery investigation training|"
				 "-Accredited at PIP level 1 only; leading needs level 2 or above|"
				 "-No current child criminal exploitation training, which a child victim needs|"
				 "-Member of CID, not of Exploitation and Missing Team, which holds this case|"
				 "+Speaks Albanian, which a victim needs|"
				 "-Does not speak Vietnamese, which a victim needs|"
				 "+Leads or has led 2 other cases with the same people or places|"
				 "-On leave from 3 December 2026 until 4 January 2027|"
				 "+Leads 3 open cases of the 6 they can hold|"
				 "+Has led 4 modern slavery cases|");
	assert_null(strstr(out, "pip2")); /* no codes */
	assert_null(strstr(out, "+1"));	  /* no points */

	out[0] = '\0';
	alloc_case adult = {.team = "Exploitation and Missing Team", .today = "2026-12-01"};
	alloc_candidate away = ready;
	away.pip_level = 0;
	away.specialist_valid = 0;
	away.absent_on = "2026-12-01";
	away.absent_until = "2027-01-04";
	away.absence_kind = "sickness";
	away.active_cases = 8;
	away.team = NULL;
	alloc_reasons(&adult, &away, collect, out);
	assert_string_equal(out, "-No current specialist modern slavery investigation training|"
				 "-Not accredited at PIP level 2 or above|"
				 "-Not a member of Exploitation and Missing Team, which holds this case|"
				 "-Off sick until 4 January 2027|"
				 "-Leads 8 open cases of the 8 they can hold: no room for another|");

	out[0] = '\0';
	alloc_candidate unset = ready;
	unset.capacity = 0;
	unset.active_cases = 1;
	alloc_reasons(&adult, &unset, collect, out);
	assert_non_null(strstr(out, "+Member of Exploitation and Missing Team, which holds this case|"));
	assert_non_null(strstr(out, "-Has no capacity set on their profile, so no room for a case|"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_hard_requirement),
		cmocka_unit_test(test_the_score_counts_needs_met_then_capacity_then_experience),
		cmocka_unit_test(test_each_tier_outweighs_everything_below_it),
		cmocka_unit_test(test_a_trained_investigator_with_room_ranks_above_a_long_serving_one_without),
		cmocka_unit_test(test_a_fully_loaded_officer_ranks_below_one_with_room),
		cmocka_unit_test(test_experience_only_breaks_a_tie_of_capacity),
		cmocka_unit_test(test_those_who_meet_the_requirements_rank_first),
		cmocka_unit_test(test_reasons_say_why_in_plain_words),
	};
	return cmocka_run_group_tests_name("domain/allocation", tests, NULL, NULL);
}
