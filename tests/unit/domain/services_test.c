/* The rules of services and referrals, as tables: each step a referral
 * may take and who takes it, the kinds and their words, and when an
 * answer is due. */
#include "unit/test.h"

#include "domain/services.h"
#include "lib/clock.h"

#define R REFERRAL_REFERRED
#define A REFERRAL_ACCEPTED
#define D REFERRAL_DECLINED
#define P REFERRAL_IN_PROGRESS
#define C REFERRAL_CLOSED
#define W REFERRAL_WITHDRAWN

static void test_every_step_of_a_referral_and_who_takes_it(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		referral_status from, to;
		referral_mover who;
		referral_move want;
		unsigned needs;
	} rows[] = {
	    {"the provider accepts", R, A, MOVER_PROVIDER, MOVE_OK, 0},
	    {"the provider declines, saying why", R, D, MOVER_PROVIDER, MOVE_OK, NEEDS_REASON},
	    {"the provider starts the support", A, P, MOVER_PROVIDER, MOVE_OK, 0},
	    {"the provider closes what it accepted", A, C, MOVER_PROVIDER, MOVE_OK, NEEDS_OUTCOME},
	    {"the provider closes the support", P, C, MOVER_PROVIDER, MOVE_OK, NEEDS_OUTCOME},
	    {"the force withdraws a waiting referral", R, W, MOVER_FORCE, MOVE_OK, NEEDS_REASON},
	    {"the force withdraws an accepted one", A, W, MOVER_FORCE, MOVE_OK, NEEDS_REASON},
	    {"the force withdraws support under way", P, W, MOVER_FORCE, MOVE_OK, NEEDS_REASON},
	    {"the force never accepts", R, A, MOVER_FORCE, MOVE_NOT_YOURS, 0},
	    {"the force never declines", R, D, MOVER_FORCE, MOVE_NOT_YOURS, NEEDS_REASON},
	    {"the force never starts", A, P, MOVER_FORCE, MOVE_NOT_YOURS, 0},
	    {"the force never closes", P, C, MOVER_FORCE, MOVE_NOT_YOURS, NEEDS_OUTCOME},
	    {"the force never closes, even off the path", R, C, MOVER_FORCE, MOVE_NOT_YOURS,
	     NEEDS_OUTCOME},
	    {"the provider never withdraws", R, W, MOVER_PROVIDER, MOVE_NOT_YOURS, NEEDS_REASON},
	    {"the provider never withdraws a closed one", C, W, MOVER_PROVIDER, MOVE_NOT_YOURS,
	     NEEDS_REASON},
	    {"nothing starts before it is accepted", R, P, MOVER_PROVIDER, MOVE_NOT_ON_PATH, 0},
	    {"nothing closes before it is accepted", R, C, MOVER_PROVIDER, MOVE_NOT_ON_PATH, 0},
	    {"a declined one stays declined", D, A, MOVER_PROVIDER, MOVE_NOT_ON_PATH, 0},
	    {"accepting twice", A, A, MOVER_PROVIDER, MOVE_NOT_ON_PATH, 0},
	    {"declining what was accepted", A, D, MOVER_PROVIDER, MOVE_NOT_ON_PATH, 0},
	    {"a closed one stays closed", C, P, MOVER_PROVIDER, MOVE_NOT_ON_PATH, 0},
	    {"a withdrawn one cannot be accepted", W, A, MOVER_PROVIDER, MOVE_NOT_ON_PATH, 0},
	    {"withdrawing twice", W, W, MOVER_FORCE, MOVE_NOT_ON_PATH, 0},
	    {"withdrawing a declined one", D, W, MOVER_FORCE, MOVE_NOT_ON_PATH, 0},
	    {"withdrawing a closed one", C, W, MOVER_FORCE, MOVE_NOT_ON_PATH, 0},
	    {"back to referred, by the provider", A, R, MOVER_PROVIDER, MOVE_NOT_ON_PATH, 0},
	    {"back to referred, by the force", A, R, MOVER_FORCE, MOVE_NOT_ON_PATH, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		unsigned needs = 99;
		referral_move got =
		    referral_move_check(rows[i].from, rows[i].to, rows[i].who, &needs);
		if (got != rows[i].want)
			fail_msg("%s: answered %d, not %d", rows[i].why, got, rows[i].want);
		if (got != MOVE_NOT_ON_PATH && needs != rows[i].needs)
			fail_msg("%s: needs %u, not %u", rows[i].why, needs, rows[i].needs);
	}
}

static void test_open_referrals_keep_their_share_and_ended_ones_do_not(void **state)
{
	(void)state;
	static const struct {
		referral_status s;
		int open;
	} rows[] = {{R, 1}, {A, 1}, {P, 1}, {D, 0}, {C, 0}, {W, 0}};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_int_equal(referral_open(rows[i].s), rows[i].open);
		assert_int_equal(referral_keeps_share(rows[i].s), rows[i].open);
	}
}

static void test_every_kind_has_words_and_codes_read_back(void **state)
{
	(void)state;
	static const char *const codes[] = {"isva",
	                                    "advocacy",
	                                    "navigator",
	                                    "housing",
	                                    "mental_health",
	                                    "legal_advice",
	                                    "immigration_advice",
	                                    "interpreting",
	                                    "substance_misuse",
	                                    "other"};
	int n = 0;
	while (service_kind_code(n))
		n++;
	assert_int_equal(n, (int)(sizeof codes / sizeof codes[0]));
	for (int i = 0; i < n; i++) {
		assert_string_equal(service_kind_code(i), codes[i]);
		assert_int_equal(service_kind_of(codes[i]), i);
		assert_non_null(service_kind_label(i));
		assert_string_not_equal(service_kind_label(i), codes[i]);
	}
	assert_int_equal(service_kind_of("victim_care_contract"), -1);
	assert_string_equal(service_kind_words("housing"), "Housing or safe accommodation");
	assert_string_equal(service_kind_words("unknown_code"), "unknown_code");
	assert_int_equal(service_urgency_of("immediate"), URGENCY_IMMEDIATE);
	assert_int_equal(service_urgency_of("routine"), URGENCY_ROUTINE);
	assert_int_equal(service_urgency_of("soon"), -1);
	for (int s = 0; s < REFERRAL_STATUS_COUNT; s++)
		assert_int_equal(referral_status_of(referral_status_code((referral_status)s)), s);
	assert_int_equal(referral_status_of("open"), -1);
	assert_int_equal(referral_outcome_of("moved_away"), 3);
	assert_int_equal(referral_outcome_of("died"), -1);
}

static void test_an_answer_is_due_at_the_target_or_within_the_hour_when_immediate(void **state)
{
	(void)state;
	int64_t at;
	assert_int_equal(clock_parse_iso("2026-03-28T23:30:00.000Z", &at), 0);
	static const struct {
		const char *why;
		int hours;
		service_urgency u;
		const char *want;
	} rows[] = {
	    {"routine, a 72-hour target", 72, URGENCY_ROUTINE, "2026-03-31T23:30:00.000Z"},
	    {"urgent keeps the service's target", 72, URGENCY_URGENT, "2026-03-31T23:30:00.000Z"},
	    {"immediate: one hour, whatever the target", 72, URGENCY_IMMEDIATE,
	     "2026-03-29T00:30:00.000Z"},
	    {"elapsed hours across the clocks going forward", 24, URGENCY_ROUTINE,
	     "2026-03-29T23:30:00.000Z"},
	    {"the shortest target", 1, URGENCY_ROUTINE, "2026-03-29T00:30:00.000Z"},
	    {"the longest target: thirty days", 720, URGENCY_ROUTINE, "2026-04-27T23:30:00.000Z"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char got[CLOCK_ISO_LEN];
		clock_iso(service_respond_by_ms(at, rows[i].hours, rows[i].u), got);
		if (strcmp(got, rows[i].want) != 0)
			fail_msg("%s: %s, not %s", rows[i].why, got, rows[i].want);
	}
}

static void test_only_a_referral_still_waiting_past_its_target_is_overdue(void **state)
{
	(void)state;
	int64_t by = 1000000;
	assert_true(referral_overdue(R, 1, by, by + 1));
	assert_false(referral_overdue(R, 1, by, by));
	assert_false(referral_overdue(R, 1, by, by - 1));
	assert_false(referral_overdue(R, 0, by, by + 1)); /* moved in with no target */
	assert_false(referral_overdue(A, 1, by, by + 1));
	assert_false(referral_overdue(D, 1, by, by + 1));
	assert_false(referral_overdue(W, 1, by, by + 1));
}

static void test_a_service_serves_the_ages_it_names_both_ends_included(void **state)
{
	(void)state;
	assert_true(service_serves_age(18, 120, 18));
	assert_true(service_serves_age(18, 120, 120));
	assert_false(service_serves_age(18, 120, 17));
	assert_true(service_serves_age(0, 17, 0));
	assert_false(service_serves_age(0, 17, 18));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_step_of_a_referral_and_who_takes_it),
	    cmocka_unit_test(test_open_referrals_keep_their_share_and_ended_ones_do_not),
	    cmocka_unit_test(test_every_kind_has_words_and_codes_read_back),
	    cmocka_unit_test(test_an_answer_is_due_at_the_target_or_within_the_hour_when_immediate),
	    cmocka_unit_test(test_only_a_referral_still_waiting_past_its_target_is_overdue),
	    cmocka_unit_test(test_a_service_serves_the_ages_it_names_both_ends_included),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
