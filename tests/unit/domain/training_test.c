/* The training register: courses, default expiry, and the state of a
 * record on a day. */
#include "unit/test.h"

#include "domain/training.h"

static void test_courses_and_their_default_expiry(void **state)
{
	(void)state;
	assert_int_equal(training_ncourses, 6);
	const course *k = training_course("child_criminal_exploitation");
	assert_non_null(k);
	char out[DATE_LEN];
	assert_int_equal(training_default_expiry(k, "2024-02-29", out), 0);
	assert_string_equal(out, "2026-02-28");
	assert_null(training_course("Child_criminal_exploitation"));
	assert_null(training_course(NULL));
	for (size_t i = 0; i < training_ncourses; i++)
		assert_ptr_equal(training_course(training_courses[i].code), &training_courses[i]);
}

static void test_a_record_is_expiring_within_thirty_days_and_expired_after(void **state)
{
	(void)state;
	assert_int_equal(training_state_on("2026-12-29", "2026-11-28"), TRAINING_VALID);
	assert_int_equal(training_state_on("2026-12-28", "2026-11-28"), TRAINING_EXPIRING); /* 30 days on */
	assert_int_equal(training_state_on("2026-11-28", "2026-11-28"), TRAINING_EXPIRING); /* its last day */
	assert_int_equal(training_state_on("2026-11-27", "2026-11-28"), TRAINING_EXPIRED);
	assert_string_equal(training_state_name(TRAINING_EXPIRED), "expired");
	assert_string_equal(training_state_name(TRAINING_EXPIRING), "expiring");
	assert_string_equal(training_state_name(TRAINING_VALID), "valid");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_courses_and_their_default_expiry),
		cmocka_unit_test(test_a_record_is_expiring_within_thirty_days_and_expired_after),
	};
	return cmocka_run_group_tests_name("domain/training", tests, NULL, NULL);
}
