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

static int index_has(const name_index *ix, const char *key)
{
	for (int i = 0; i < ix->nkeys; i++)
		if (strcmp(ix->keys[i], key) == 0)
			return 1;
	return 0;
}

static void test_a_person_is_indexed_by_tokens_and_pairs_within_a_spelling(void **state)
{
	(void)state;
	static name_index ix;
	ix.nkeys = ix.nterms = 0;
	name_tokens t;
	names_tokenize("Văn Nam Nguyễn", &t);
	names_index_add(&ix, &t);
	names_tokenize("Beni", &t);
	names_index_add(&ix, &t);
	assert_true(index_has(&ix, "t:van") && index_has(&ix, "t:nam") && index_has(&ix, "t:nguyen"));
	assert_true(index_has(&ix, "p:nam|van") && index_has(&ix, "p:nam|nguyen") &&
		    index_has(&ix, "p:nguyen|van"));
	assert_true(index_has(&ix, "t:beni"));
	assert_false(index_has(&ix, "p:beni|nam")); /* never across spellings */
	assert_int_equal(ix.nkeys, 7);
	/* Pair keys do not depend on order. */
	char a[NAME_KEY_MAX], b[NAME_KEY_MAX];
	names_pair_key("smith", "ali", a);
	names_pair_key("ali", "smith", b);
	assert_string_equal(a, b);
	/* Each token is filed in the dictionary under its fuzzy keys, once. */
	int nguyen = 0;
	for (int i = 0; i < ix.nterms; i++) {
		nguyen += strcmp(ix.terms[i].token, "nguyen") == 0;
		for (int j = 0; j < i; j++)
			assert_false(strcmp(ix.terms[i].key, ix.terms[j].key) == 0 &&
				     strcmp(ix.terms[i].token, ix.terms[j].token) == 0);
	}
	assert_true(nguyen >= 7); /* skeleton, deletions of skeleton and spelling */
	/* A long name never overflows the index. */
	ix.nkeys = ix.nterms = 0;
	names_tokenize("Abcdefgh Bcdefghi Cdefghij Defghijk Efghijkl Fghijklm Ghijklmn Hijklmno "
		       "Ijklmnop Jklmnopq Klmnopqr Lmnopqrs",
		       &t);
	for (int i = 0; i < 4; i++)
		names_index_add(&ix, &t);
	assert_true(ix.nkeys <= NAME_MAX_INDEX && ix.nterms <= NAME_MAX_TERMS);
}

static void test_token_similarity_lifts_transliterations(void **state)
{
	(void)state;
	assert_true(names_token_similarity("mohammed", "muhammad") >= 0.95);
	assert_true(names_token_similarity("piotr", "pior") > 0.9);
	assert_true(names_token_similarity("smith", "nguyen") < 0.6);
	assert_true(names_token_similarity("ali", "ali") == 1.0);
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
		cmocka_unit_test(test_a_person_is_indexed_by_tokens_and_pairs_within_a_spelling),
		cmocka_unit_test(test_token_similarity_lifts_transliterations),
	};
	return cmocka_run_group_tests_name("domain/names", tests, NULL, NULL);
}
