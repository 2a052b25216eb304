#include "unit/test.h"

#include "domain/redaction.h"

/* The text with every place found replaced by "[X]", into out. */
typedef struct found {
	redaction_span s[16];
	size_t n;
} found;

static int keep(const redaction_span *s, void *arg)
{
	found *f = arg;
	if (f->n < sizeof f->s / sizeof f->s[0])
		f->s[f->n++] = *s;
	return 0;
}

static void marked(const char *text, const char *const *names, char *out, size_t n)
{
	redaction_term t[8];
	size_t nt = 0;
	for (; names[nt]; nt++)
		t[nt] = (redaction_term){names[nt], (int)nt};
	found f = {.n = 0};
	assert_int_equal(redaction_find(text, t, nt, keep, &f), 0);
	buf b;
	buf_init(&b);
	assert_int_equal(redaction_apply(text, f.s, f.n, "[X]", &b), 0);
	snprintf(out, n, "%s", buf_str(&b));
	buf_free(&b);
}

static void test_names_found_whatever_case_accents_and_spacing(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *names[4];
		const char *want;
	} rows[] = {
	    {"Met Marek Kowalski at the farm.", {"Marek Kowalski"}, "Met [X] at the farm."},
	    {"MAREK KOWALSKI drove.", {"Marek Kowalski"}, "[X] drove."},
	    {"marek  kowalski\nand Marek\tKowalski", {"Marek Kowalski"}, "[X]\nand [X]"},
	    /* accents either way round */
	    {"Józef Wiśniewski paid her.", {"Jozef Wisniewski"}, "[X] paid her."},
	    {"Jozef Wisniewski paid her.", {"Józef Wiśniewski"}, "[X] paid her."},
	    {"ŞTEFAN came back", {"stefan"}, "[X] came back"},
	    {"Nguyễn Văn Minh called", {"Nguyen Van Minh"}, "[X] called"},
	    {"Олег told us", {"олег"}, "[X] told us"},
	    /* whole words only: a name inside a longer word is left */
	    {"The annual review with Ann.", {"Ann"}, "The annual review with [X]."},
	    {"Lima, not Li.", {"Li"}, "Lima, not [X]."},
	    {"Annabel and Ann-Marie but Ann", {"Ann"}, "Annabel and [X]-Marie but [X]"},
	    {"Kowalskis' van", {"Kowalski"}, "Kowalskis' van"},
	    {"Kowalski's van", {"Kowalski"}, "[X]'s van"},
	    {"(Marek), \"Marek\"; Marek.", {"Marek"}, "([X]), \"[X]\"; [X]."},
	    {"Marek2 and 2Marek", {"Marek"}, "Marek2 and 2Marek"},
	    {"señor Peña's house", {"pena"}, "señor [X]'s house"},
	    {"Penalty and Peñas", {"Peña"}, "Penalty and Peñas"},
	    /* the longer of two names starting in one place wins */
	    {"Marek Kowalski and Marek", {"Marek", "Marek Kowalski"}, "[X] and [X]"},
	    {"Anna Nowak, Nowak", {"Nowak", "Anna Nowak", "Anna"}, "[X], [X]"},
	    /* nothing to find */
	    {"", {"Marek"}, ""},
	    {"No one named here", {"Marek"}, "No one named here"},
	    {"Spaces only", {"   "}, "Spaces only"},
	    /* a name at the very start and end */
	    {"Ann", {"ann"}, "[X]"},
	    {"Éva", {"Eva"}, "[X]"},
	    /* a name typed decomposed (o and a combining acute), or with a
	     * soft hyphen or a joiner inside it, is the same name */
	    {"Met Jo\xcc\x81zef today", {"Józef"}, "Met [X] today"},
	    {"Met J\xc3\xb3zef today", {"Jo\xcc\x81zef"}, "Met [X] today"},
	    {"Kowalski\xcc\x81 and Kowal\xc2\xadski", {"Kowalski"}, "[X] and [X]"},
	    /* an apostrophe as a word processor types it */
	    {"Ask O\xe2\x80\x99" "Brien.", {"O'Brien"}, "Ask [X]."},
	    {"Ask O'Brien.", {"O\xe2\x80\x99" "Brien"}, "Ask [X]."},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char out[256];
		marked(rows[i].text, rows[i].names, out, sizeof out);
		if (strcmp(out, rows[i].want) != 0)
			fail_msg("row %zu: \"%s\" became \"%s\", not \"%s\"", i, rows[i].text, out,
			         rows[i].want);
	}
}

static void test_positions_count_characters_not_bytes(void **state)
{
	(void)state;
	redaction_term t = {"Wiśniewski", 0};
	found f = {.n = 0};
	assert_int_equal(redaction_find("Żaneta saw Wiśniewski", &t, 1, keep, &f), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.s[0].start, 11);
	assert_int_equal(f.s[0].length, 10);
	assert_int_equal(f.s[0].byte_start, 12);
	assert_int_equal(f.s[0].byte_length, 11);
}

static void test_positions_count_combining_marks(void **state)
{
	(void)state;
	/* "Jo\u0301zef" is six code points: the span covers the mark too, and
	 * what follows counts it. */
	redaction_term t = {"Józef", 0};
	found f = {.n = 0};
	assert_int_equal(redaction_find("Jo\xcc\x81zef and Józef", &t, 1, keep, &f), 0);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.s[0].start, 0);
	assert_int_equal(f.s[0].length, 6);
	assert_int_equal(f.s[0].byte_length, 7);
	assert_int_equal(f.s[1].start, 11);
	assert_int_equal(f.s[1].length, 5);
	assert_int_equal(f.s[1].byte_start, 12);
}

static void test_same_name_ignores_case_accents_and_spaces(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		int same;
	} rows[] = {
	    {"Kowalski", "KOWALSKI", 1}, {"Józef", "jozef", 1}, {" Anna  Maria ", "anna maria", 1},
	    {"Ann", "Anna", 0},          {"Anna", "Ann", 0},    {"", "", 0},
	    {"Peña", "Pena", 1},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (redaction_same(rows[i].a, rows[i].b) != rows[i].same)
			fail_msg("row %zu: \"%s\" and \"%s\"", i, rows[i].a, rows[i].b);
}

typedef struct words {
	char w[8][32];
	size_t n;
} words;

static int add_word(const char *word, size_t len, void *arg)
{
	words *ws = arg;
	snprintf(ws->w[ws->n++], sizeof ws->w[0], "%.*s", (int)len, word);
	return 0;
}

static void test_words_of_a_name_split_at_spaces_and_hyphens(void **state)
{
	(void)state;
	words ws = {.n = 0};
	assert_int_equal(redaction_words("  Anna-Maria  de Łukasz O'Neill", 3, add_word, &ws), 0);
	assert_int_equal(ws.n, 4);
	assert_string_equal(ws.w[0], "Anna");
	assert_string_equal(ws.w[1], "Maria");
	assert_string_equal(ws.w[2], "Łukasz");
	assert_string_equal(ws.w[3], "O'Neill");
}

static void test_apply_skips_spans_out_of_order(void **state)
{
	(void)state;
	redaction_span s[] = {{.byte_start = 4, .byte_length = 3},
	                      {.byte_start = 2, .byte_length = 1},
	                      {.byte_start = 40, .byte_length = 1}};
	buf b;
	buf_init(&b);
	assert_int_equal(redaction_apply("abc defghi", s, 3, "#", &b), 0);
	assert_string_equal(buf_str(&b), "abc #ghi");
	buf_free(&b);
}

static void test_character_positions_become_bytes(void **state)
{
	(void)state;
	redaction_span s[] = {
	    {.start = 0, .length = 6}, {.start = 11, .length = 10}, {.start = 30, .length = 2}};
	redaction_spans_bytes("Żaneta saw Wiśniewski", s, 3);
	assert_int_equal(s[0].byte_start, 0);
	assert_int_equal(s[0].byte_length, 7);
	assert_int_equal(s[1].byte_start, 12);
	assert_int_equal(s[1].byte_length, 11);
	assert_int_equal(s[2].byte_length, 0); /* past the text */
}

static void test_exemption_grounds_are_those_of_s45_4(void **state)
{
	(void)state;
	static const struct {
		const char *code, *says;
	} rows[] = {
	    {"inquiry", "section 45(4)(a)"},          {"prosecution", "section 45(4)(b)"},
	    {"public_security", "section 45(4)(c)"},  {"national_security", "section 45(4)(d)"},
	    {"rights_of_others", "section 45(4)(e)"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *t = redaction_ground_text(rows[i].code);
		assert_non_null(t);
		assert_non_null(strstr(t, rows[i].says));
	}
	assert_null(redaction_ground_text("embarrassment"));
	assert_null(redaction_ground_text(""));
	assert_null(redaction_ground_text(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names_found_whatever_case_accents_and_spacing),
	    cmocka_unit_test(test_positions_count_characters_not_bytes),
	    cmocka_unit_test(test_positions_count_combining_marks),
	    cmocka_unit_test(test_same_name_ignores_case_accents_and_spaces),
	    cmocka_unit_test(test_words_of_a_name_split_at_spaces_and_hyphens),
	    cmocka_unit_test(test_apply_skips_spans_out_of_order),
	    cmocka_unit_test(test_character_positions_become_bytes),
	    cmocka_unit_test(test_exemption_grounds_are_those_of_s45_4),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
