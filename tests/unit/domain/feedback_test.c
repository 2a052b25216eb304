#include "unit/test.h"

#include <jansson.h>

#include "domain/feedback.h"

static void test_the_questions_keep_their_fixed_ids_and_order(void **state)
{
	(void)state;
	const char *want[] = {"safe",         "believed",     "understood",
	                      "told_support", "kept_updated", "contact_again"};
	for (int i = 0; i < FEEDBACK_QUESTIONS; i++) {
		assert_string_equal(feedback_questions[i], want[i]);
		assert_int_equal(feedback_question_of(want[i]), i);
	}
	assert_int_equal(feedback_question_of("weather"), -1);
	assert_int_equal(feedback_question_of(NULL), -1);
}

static void test_the_code_alphabet_has_no_look_alikes_and_32_characters(void **state)
{
	(void)state;
	assert_int_equal(strlen(feedback_code_alphabet), 32);
	for (const char *p = "0O1I"; *p; p++)
		assert_null(strchr(feedback_code_alphabet, *p));
	/* Each byte picks a character, every character as likely. */
	unsigned char rnd[FEEDBACK_CODE_CHARS] = {0, 31, 32, 63, 255, 7, 8, 100};
	char code[FEEDBACK_CODE_LEN];
	feedback_code_make(rnd, code);
	assert_int_equal(strlen(code), 8);
	assert_int_equal(code[0], 'A');
	assert_int_equal(code[1], '9');
	assert_int_equal(code[2], 'A');
	assert_int_equal(code[3], '9');
	assert_int_equal(code[4], '9');
}

static void test_a_code_is_read_as_people_type_it(void **state)
{
	(void)state;
	static const struct {
		const char *typed, *want; /* want NULL: refused */
	} cases[] = {
	    {"ABCD EFGH", "ABCDEFGH"},
	    {"abcd-efgh", "ABCDEFGH"},
	    {" k7m2 p9qz ", "K7M2P9QZ"},
	    {"ABCDEFG", NULL},
	    {"ABCDEFGHJ", NULL},
	    {"ABCD0FGH", NULL}, /* 0 is not in it */
	    {"ABCDIFGH", NULL},
	    {"ABCD_EFGH", NULL},
	    {"", NULL},
	    {"ÀBCDEFGH", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[FEEDBACK_CODE_LEN];
		int rc = feedback_code_read(cases[i].typed, out);
		if (cases[i].want) {
			if (rc != 0 || strcmp(out, cases[i].want) != 0)
				fail_msg("case %zu: \"%s\" should read as %s", i, cases[i].typed,
				         cases[i].want);
		} else if (rc == 0) {
			fail_msg("case %zu: \"%s\" should be refused", i, cases[i].typed);
		}
	}
}

static void test_figures_show_from_the_disclosure_threshold(void **state)
{
	(void)state;
	static const struct {
		int64_t n;
		int threshold, shown;
	} cases[] = {{0, 10, 0},    {1, 10, 0}, {9, 10, 0}, {10, 10, 1}, {11, 10, 1},
	             {5000, 10, 1}, {2, 3, 0},  {3, 3, 1},  {10, 11, 0}, {11, 11, 1}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(feedback_figures_shown(cases[i].n, cases[i].threshold),
		                 cases[i].shown);
}

static void test_comment_states_by_name(void **state)
{
	(void)state;
	for (int s = FEEDBACK_AWAITING_REDACTION; s <= FEEDBACK_WITHHELD; s++)
		assert_int_equal(feedback_comment_state_of(
		                     feedback_comment_state_name((feedback_comment_state)s)),
		                 s);
	assert_int_equal(feedback_comment_state_of("published"), -1);
}

/* Every language's file holds every text the page and the API use, the
 * questions in order, five labels, and says whether a translator has
 * reviewed it: only English is reviewed. */
static void test_every_translation_holds_every_text(void **state)
{
	(void)state;
	static const char *const page_keys[] = {
	    "send",           "error_title",    "error_prefix",  "error_answer", "error_comment",
	    "done_title",     "done_body",      "gone_title",    "gone_body",    "not_found_title",
	    "not_found_body", "too_many_title", "too_many_body", "code_title",   "code_label",
	    "code_hint",      "code_button",    "code_error",    "code_unknown", "languages_label",
	    "skip",
	};
	for (int l = 0; l < FEEDBACK_LANGUAGES; l++) {
		const char *code = feedback_languages[l];
		json_error_t err;
		json_t *t = json_loads(feedback_texts_of(code), 0, &err);
		if (!t)
			fail_msg("%s: %s", code, err.text);
		assert_string_equal(json_string_value(json_object_get(t, "language")), code);
		assert_string_equal(json_string_value(json_object_get(t, "review")),
		                    l == 0 ? "reviewed" : "needs review by a qualified translator");
		for (const char *const *k =
		         (const char *const[]){"name", "service", "title", "intro", NULL};
		     *k; k++)
			if (!json_string_length(json_object_get(t, *k)))
				fail_msg("%s: %s is missing", code, *k);
		json_t *qs = json_object_get(t, "questions");
		assert_int_equal(json_array_size(qs), FEEDBACK_QUESTIONS);
		for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
			json_t *item = json_array_get(qs, (size_t)q);
			assert_string_equal(json_string_value(json_object_get(item, "id")),
			                    feedback_questions[q]);
			assert_true(json_string_length(json_object_get(item, "text")) > 0);
			assert_true(json_is_string(json_object_get(item, "hint")));
		}
		json_t *scale = json_object_get(t, "scale");
		assert_int_equal(json_array_size(scale), FEEDBACK_SCORES);
		for (int s = 0; s < FEEDBACK_SCORES; s++) {
			assert_int_equal(json_integer_value(json_object_get(
			                     json_array_get(scale, (size_t)s), "score")),
			                 s + 1);
			assert_true(json_string_length(json_object_get(
			                json_array_get(scale, (size_t)s), "label")) > 0);
		}
		assert_true(json_string_length(json_object_get(
		                json_object_get(t, "prefer_not_to_say"), "label")) > 0);
		assert_true(json_string_length(
		                json_object_get(json_object_get(t, "comment"), "label")) > 0);
		for (size_t k = 0; k < sizeof page_keys / sizeof page_keys[0]; k++)
			if (!json_string_length(
			        json_object_get(json_object_get(t, "page"), page_keys[k])))
				fail_msg("%s: page.%s is missing", code, page_keys[k]);
		json_decref(t);
	}
	assert_null(feedback_texts_of("fr"));
	assert_int_equal(feedback_language_of("vi"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_questions_keep_their_fixed_ids_and_order),
	    cmocka_unit_test(test_the_code_alphabet_has_no_look_alikes_and_32_characters),
	    cmocka_unit_test(test_a_code_is_read_as_people_type_it),
	    cmocka_unit_test(test_figures_show_from_the_disclosure_threshold),
	    cmocka_unit_test(test_comment_states_by_name),
	    cmocka_unit_test(test_every_translation_holds_every_text),
	};
	return cmocka_run_group_tests_name("domain/feedback", tests, NULL, NULL);
}
