/* Name search over a source held in memory: what it asks the source for
 * and what it keeps, without a database. */
#include "unit/test.h"

#include "domain/person_names.h"

enum { PEOPLE = 4 };
static const name_holder people[PEOPLE] = {
	{"Muhammad", "Ali", NULL, "muhammad-ali"},
	{"Ali", "Rusu", NULL, "ali-rusu"},
	{"Ion", "Popescu", "[\"Ali Khan\"]", "ion-popescu"},
	{"Ana", "Rusu", NULL, "ana-rusu"},
};

typedef struct memory_source {
	name_index ix[PEOPLE];
	int holders_asked; /* calls to holders */
	int fail_with;     /* holders answers this when not 0 */
} memory_source;

static int terms(void *ctx, char keys[][NAME_TOKEN_MAX], int nkeys, int (*fn)(const char *token, void *arg),
		 void *arg)
{
	memory_source *m = ctx;
	for (int p = 0; p < PEOPLE; p++)
		for (int t = 0; t < m->ix[p].nterms; t++)
			for (int k = 0; k < nkeys; k++)
				if (strcmp(m->ix[p].terms[t].key, keys[k]) == 0) {
					int r = fn(m->ix[p].terms[t].token, arg);
					if (r)
						return r;
					break;
				}
	return 0;
}

static int holders(void *ctx, char keys[][NAME_KEY_MAX], int nkeys, int limit, int max_rows,
		   int (*fn)(const name_holder *h, void *arg), void *arg)
{
	(void)max_rows;
	memory_source *m = ctx;
	m->holders_asked++;
	if (m->fail_with)
		return m->fail_with;
	for (int p = 0; p < PEOPLE && limit > 0; p++) {
		int held = 0;
		for (int i = 0; i < m->ix[p].nkeys && !held; i++)
			for (int k = 0; k < nkeys && !held; k++)
				held = strcmp(m->ix[p].keys[i], keys[k]) == 0;
		if (held) {
			limit--;
			int r = fn(&people[p], arg);
			if (r)
				return r;
		}
	}
	return 0;
}

static void setup(memory_source *m, name_source *src)
{
	memset(m, 0, sizeof *m);
	for (int p = 0; p < PEOPLE; p++)
		person_names_index(&people[p], &m->ix[p]);
	*src = (name_source){terms, holders, m, -99};
}

static double threshold = 0.8;

static int found(const name_holder *h, double score, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);
	snprintf(out + len, 256 - len, "%s%s", len ? "," : "", (const char *)h->record);
	assert_true(score >= threshold);
	return 0;
}

static void find(const char *q, const char *want, int holders_asked)
{
	memory_source m;
	name_source src;
	setup(&m, &src);
	arena *a = arena_new();
	char out[256] = "";
	assert_int_equal(person_names_find(&src, a, q, threshold, found, out), 0);
	assert_string_equal(out, want);
	assert_int_equal(m.holders_asked, holders_asked);
	arena_free(a);
}

static void test_a_pair_of_tokens_finds_a_name_however_it_was_spelt(void **state)
{
	(void)state;
	find("Mohammed Ali", "muhammad-ali", 1);
	/* Order does not matter, and an alias is a spelling like any other. */
	find("Ali Muhamad", "muhammad-ali", 1);
	find("Ali Khan", "ion-popescu", 1);
}

static void test_single_tokens_are_read_only_when_no_pair_matched(void **state)
{
	(void)state;
	/* One word: no pair to read, so the single tokens are read at once. */
	find("Rusu", "ali-rusu,ana-rusu", 1);
	/* Two words that no one holds together: the pairs first, then each word. */
	threshold = 0.5;
	find("Ana Popescu", "ion-popescu,ana-rusu", 2);
	threshold = 0.8;
	find("", "", 0);
}

static void test_a_source_failure_is_handed_back(void **state)
{
	(void)state;
	memory_source m;
	name_source src;
	setup(&m, &src);
	m.fail_with = 42;
	arena *a = arena_new();
	char out[256] = "";
	assert_int_equal(person_names_find(&src, a, "Mohammed Ali", 0.8, found, out), 42);
	assert_string_equal(out, "");
	arena_free(a);
}

static void test_the_best_spelling_scores(void **state)
{
	(void)state;
	name_tokens q;
	names_tokenize("Ali Khan", &q);
	double by_alias = person_names_score(&q, &people[2]);
	names_tokenize("Ion Popescu", &q);
	double by_name = person_names_score(&q, &people[2]);
	assert_true(by_alias > 0.99);
	assert_true(by_name > 0.99);
	names_tokenize("Zofia Nowak", &q);
	assert_true(person_names_score(&q, &people[2]) < 0.8);
}

static void say_part(const char *part, const char *value, int exact, void *arg)
{
	char *out = arg;
	size_t n = strlen(out);
	snprintf(out + n, 256 - n, "%s%s=%s%s", n ? " " : "", part, value, exact ? "" : "~");
}

static void test_explain_names_each_part_matched_and_whether_exactly(void **state)
{
	(void)state;
	const name_holder h = {"Ion Mihai", "Popescu", "[\"Ali Khan\", \"Johnny P\"]", NULL};
	struct {
		const char *q, *want;
	} rows[] = {
		{"Ion Popescu", "given_names=Ion Mihai family_name=Popescu"},
		{"ion popéscu", "given_names=Ion Mihai family_name=Popescu"},
		{"Ion Popesku", "given_names=Ion Mihai family_name=Popescu~"},
		{"Ali Khan", "alias=Ali Khan"},
		{"Zofia Nowak", ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		name_tokens q;
		char out[256] = "";
		names_tokenize(rows[i].q, &q);
		person_names_explain(&q, &h, 0.85, say_part, out);
		assert_string_equal(out, rows[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_pair_of_tokens_finds_a_name_however_it_was_spelt),
		cmocka_unit_test(test_single_tokens_are_read_only_when_no_pair_matched),
		cmocka_unit_test(test_a_source_failure_is_handed_back),
		cmocka_unit_test(test_the_best_spelling_scores),
		cmocka_unit_test(test_explain_names_each_part_matched_and_whether_exactly),
	};
	return cmocka_run_group_tests_name("domain/person_names", tests, NULL, NULL);
}
