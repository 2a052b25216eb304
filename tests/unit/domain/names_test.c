#include "unit/test.h"

#include "domain/names.h"

static int share_key(const char *a, const char *b)
{
	name_tokens ta, tb;
	names_tokenize(a, &ta);
	names_tokenize(b, &tb);
	char ka[NAME_MAX_KEYS][NAME_TOKEN_MAX], kb[NAME_MAX_KEYS][NAME_TOKEN_MAX];
	int na = names_keys(&ta, ka, 0), nb = names_keys(&tb, kb, 0);
	for (int i = 0; i < na; i++)
		for (int j = 0; j < nb; j++)
			if (strcmp(ka[i], kb[j]) == 0)
				return 1;
	return 0;
}

static double score(const char *q, const char *n)
{
	name_tokens tq, tn;
	names_tokenize(q, &tq);
	names_tokenize(n, &tn);
	return names_score(&tq, &tn);
}

static void test_spellings_that_must_meet(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
	} same[] = {
		{"Mohammed Ali", "Muhammad Ali"},    {"Mohamed", "Muhammad"},
		{"Stefan Popescu", "Ștefan Popescu"}, {"Nguyen Van Minh", "Nguyễn Văn Minh"},
		{"Stephan", "Stefan"},		    {"Johnson", "Jonhson"},
		{"Alexandru", "Aleksandru"},	    {"Popescu Ion", "Ion Popescu"},
		{"Yusuf", "Youssef"},		    {"Mikhail", "Mihail"},
		{"Aleksandra Kowalska", "Alexandra Kowalska"},
		{"Hoang", "Hoàng"},
		{"Elira", "Elirra"},
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		if (!share_key(same[i].a, same[i].b))
			fail_msg("%s and %s share no key", same[i].a, same[i].b);
		double s = score(same[i].a, same[i].b);
		if (s < 0.85)
			fail_msg("%s ~ %s scores only %.2f", same[i].a, same[i].b, s);
	}
}

static void test_different_names_score_low(void **state)
{
	(void)state;
	assert_true(score("Mohammed Ali", "Ion Popescu") < 0.6);
	assert_true(score("Tran", "Kowalska") < 0.6);
	assert_true(score("Mohammed Ali", "Mohammed Ali") > 0.999);
	assert_true(score("Ali Mohammed", "Mohammed Ali") > 0.999); /* order does not matter */
}

static void test_tokens_and_keys(void **state)
{
	(void)state;
	name_tokens t;
	names_tokenize("  O'Brien-Smith,  Mary-Jane ", &t);
	assert_int_equal(t.n, 5);
	assert_string_equal(t.tok[0], "o");
	assert_string_equal(t.tok[1], "brien");
	assert_string_equal(t.tok[3], "mary");
	names_tokenize("", &t);
	assert_int_equal(t.n, 0);
	names_tokenize("محمد", &t);
	assert_int_equal(t.n, 1);
	char keys[NAME_MAX_KEYS][NAME_TOKEN_MAX];
	assert_int_equal(names_keys(&t, keys, 0), 1);
	assert_string_equal(keys[0], "محمد");
	/* Many tokens never overflow the key table. */
	names_tokenize("Abcdefgh Bcdefghi Cdefghij Defghijk Efghijkl Fghijklm Ghijklmn Hijklmno "
		       "Ijklmnop Jklmnopq Klmnopqr Lmnopqrs",
		       &t);
	assert_true(names_keys(&t, keys, 0) <= NAME_MAX_KEYS);
}

static void test_jaro_winkler_reference_values(void **state)
{
	(void)state;
	assert_true(names_jaro_winkler("martha", "marhta") > 0.96 &&
		    names_jaro_winkler("martha", "marhta") < 0.97);
	assert_true(names_jaro_winkler("dwayne", "duane") > 0.83 &&
		    names_jaro_winkler("dwayne", "duane") < 0.85);
	assert_true(names_jaro_winkler("abc", "xyz") == 0.0);
	assert_true(names_jaro_winkler("", "") == 1.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spellings_that_must_meet),
		cmocka_unit_test(test_different_names_score_low),
		cmocka_unit_test(test_tokens_and_keys),
		cmocka_unit_test(test_jaro_winkler_reference_values),
	};
	return cmocka_run_group_tests_name("domain/names", tests, NULL, NULL);
}
