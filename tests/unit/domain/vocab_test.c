/* The fixed lists: unique codes, indicators in their groups, and every
 * list that maps to the Human Trafficking Case Data Standard true to the
 * standard's own field table (docs/standards/htcds-v2-fields.csv, read as
 * it is): each value maps to a value name the field has, spelled as the
 * standard spells it, and HTCDS's own lists hold all of the field's values
 * with codes the snake_case of their names. docs/vocabularies.md shows each
 * list as vocab_markdown makes it. */
#include "unit/test.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "domain/vocab.h"

/* The Makefile names the table by its full path; run by hand from the
 * repository root, the relative path serves. */
#ifndef WAYMARK_HTCDS_CSV
#define WAYMARK_HTCDS_CSV "docs/standards/htcds-v2-fields.csv"
#endif
#ifndef WAYMARK_VOCAB_DOC
#define WAYMARK_VOCAB_DOC "docs/vocabularies.md"
#endif

/* ---- the standard's table: RFC 4180 CSV, quoted cells hold new lines ---- */

#define MAX_ROWS 1024
#define MAX_CELLS 16

typedef struct table {
	char *text;			 /* the cells, each ended by a NUL */
	char *cells[MAX_ROWS][MAX_CELLS]; /* NULL past a short row's end */
	int nrows;
} table;

static table htcds;

/* Parses the text in place: a cell's text is unquoted where it stood. */
static void parse(table *t)
{
	char *in = t->text, *out = t->text;
	int row = 0, cell = 0;
	t->cells[0][0] = out;
	while (*in) {
		if (*in == '"') {
			for (in++; *in && !(in[0] == '"' && in[1] != '"'); in++) {
				if (*in == '"')
					in++; /* "" is one quote */
				*out++ = *in;
			}
			if (*in)
				in++;
		} else if (*in == ',') {
			in++;
			*out++ = '\0';
			assert_true(++cell < MAX_CELLS);
			t->cells[row][cell] = out;
		} else if (*in == '\r' || *in == '\n') {
			in += in[0] == '\r' && in[1] == '\n' ? 2 : 1;
			*out++ = '\0';
			if (!*in)
				break;
			assert_true(++row < MAX_ROWS);
			cell = 0;
			t->cells[row][0] = out;
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
	t->nrows = row + 1;
}

static int load_htcds(void **state)
{
	(void)state;
	FILE *f = fopen(WAYMARK_HTCDS_CSV, "rb");
	if (!f) {
		fprintf(stderr, "cannot read %s (run from the repository root)\n", WAYMARK_HTCDS_CSV);
		return -1;
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	htcds.text = calloc(1, (size_t)n + 1);
	size_t got = htcds.text ? fread(htcds.text, 1, (size_t)n, f) : 0;
	fclose(f);
	if (got != (size_t)n)
		return -1;
	parse(&htcds);
	return 0;
}

static int free_htcds(void **state)
{
	(void)state;
	free(htcds.text);
	return 0;
}

/* The column named so in the header row. */
static int column(const char *name)
{
	for (int c = 0; c < MAX_CELLS && htcds.cells[0][c]; c++)
		if (strcmp(htcds.cells[0][c], name) == 0)
			return c;
	fail_msg("the HTCDS table has no column %s", name);
	return -1;
}

/* The value names of the field ("vic_MethodsOfControl"), one a line in
 * their cell; NULL when the table has no such field. */
static const char *value_names(const char *field)
{
	int name = column("Field Name including Prefix");
	int values = column("Value Names (if picklist)");
	for (int r = 1; r < htcds.nrows; r++)
		if (htcds.cells[r][name] && strcmp(htcds.cells[r][name], field) == 0)
			return htcds.cells[r][values] ? htcds.cells[r][values] : "";
	return NULL;
}

/* Whether the lines of the cell hold the name as a whole line. */
static int has_line(const char *cell, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = cell; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

/* "threats_law_enforcement" for ThreatsLawEnforcement. */
static void snake_case(const char *name, char *out, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; name[i] && k + 2 < n; i++) {
		if (isupper((unsigned char)name[i]) && i > 0)
			out[k++] = '_';
		out[k++] = (char)tolower((unsigned char)name[i]);
	}
	out[k] = '\0';
}

static void assert_unique(const vocab *v)
{
	for (size_t i = 0; i < v->n; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(v->entries[i].code, v->entries[k].code) == 0)
				fail_msg("%s lists %s twice", v->name, v->entries[i].code);
}

static void test_indicators_are_grouped_and_at_least_twenty(void **state)
{
	(void)state;
	assert_true(vocab_indicators.n >= 20);
	assert_unique(&vocab_indicators);
	int groups[3] = {0};
	for (size_t i = 0; i < vocab_indicators.n; i++) {
		const char *g = vocab_indicators.entries[i].group;
		groups[0] += strcmp(g, "physical") == 0;
		groups[1] += strcmp(g, "psychological") == 0;
		groups[2] += strcmp(g, "situational") == 0;
		assert_true(strlen(vocab_indicators.entries[i].label) > 5);
	}
	assert_int_equal(groups[0] + groups[1] + groups[2], (int)vocab_indicators.n);
	assert_true(groups[0] > 0 && groups[1] > 0 && groups[2] > 0);
}

static void test_htcds_lists_have_their_sizes(void **state)
{
	(void)state;
	assert_int_equal(vocab_control.n, 16);
	assert_int_equal(vocab_exploitation.n, 11);
	assert_unique(&vocab_control);
	assert_unique(&vocab_exploitation);
	assert_unique(&vocab_relationships);
	assert_unique(&vocab_recruitment);
	assert_unique(&vocab_support_services);
	assert_non_null(vocab_find(&vocab_support_services, "icta_guardian"));
	assert_non_null(vocab_find(&vocab_control, "withholds_documents"));
	assert_null(vocab_find(&vocab_control, "Withholds_documents"));
	assert_string_equal(vocab_find(&vocab_indicators, "debt_bondage")->group, "situational");
}

static void test_every_list_has_unique_codes_and_labels(void **state)
{
	(void)state;
	for (size_t l = 0; l < vocab_nlists; l++) {
		assert_unique(vocab_lists[l]);
		for (size_t i = 0; i < vocab_lists[l]->n; i++)
			assert_true(strlen(vocab_lists[l]->entries[i].label) > 1);
	}
}

/* A value of a list with an HTCDS field maps to a value name the field has;
 * only "not known" leaves it empty. A list with no field maps nothing. */
static void test_every_value_maps_to_a_value_the_standards_field_has(void **state)
{
	(void)state;
	for (size_t l = 0; l < vocab_nlists; l++) {
		const vocab *v = vocab_lists[l];
		const char *names = v->htcds_field ? value_names(v->htcds_field) : NULL;
		if (v->htcds_field && (!names || !*names))
			fail_msg("%s maps to %s, which HTCDS v2.0 has not as a list of values", v->name,
				 v->htcds_field);
		for (size_t i = 0; i < v->n; i++) {
			const vocab_entry *e = &v->entries[i];
			if (!v->htcds_field) {
				if (e->htcds)
					fail_msg("%s maps %s to %s but names no HTCDS field", v->name, e->code,
						 e->htcds);
			} else if (!e->htcds) {
				if (strcmp(e->code, "unknown") != 0)
					fail_msg("%s has no HTCDS value for %s", v->name, e->code);
			} else if (!has_line(names, e->htcds)) {
				fail_msg("%s maps %s to %s, which %s does not have", v->name, e->code, e->htcds,
					 v->htcds_field);
			}
		}
	}
}

/* Where Waymark uses HTCDS's own list, it holds every value of the field,
 * each with the snake_case of its name as code, and nothing else. */
static void test_htcds_own_lists_hold_every_value_of_the_standard(void **state)
{
	(void)state;
	const vocab *own[] = {&vocab_recruitment, &vocab_control, &vocab_exploitation};
	for (size_t l = 0; l < sizeof own / sizeof own[0]; l++) {
		const vocab *v = own[l];
		const char *names = value_names(v->htcds_field);
		assert_non_null(names);
		size_t count = 0;
		for (const char *p = names; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
			char name[128], code[160];
			size_t n = strcspn(p, "\n");
			assert_true(n > 0 && n < sizeof name);
			memcpy(name, p, n);
			name[n] = '\0';
			count++;
			const vocab_entry *e = vocab_find_htcds(v, name);
			if (!e)
				fail_msg("%s lacks %s of %s", v->name, name, v->htcds_field);
			snake_case(name, code, sizeof code);
			if (strcmp(e->code, code) != 0)
				fail_msg("%s holds %s as %s, not %s", v->name, name, e->code, code);
		}
		assert_int_equal(v->n, count);
	}
}

/* The table is read as the standard writes it: its spelling, not ours. */
static void test_the_table_is_read_as_the_standard_writes_it(void **state)
{
	(void)state;
	const char *rel = value_names("vic_RelationshipToTrafficker");
	assert_non_null(rel);
	assert_string_equal(rel, "Familial\nAcquainted\nUnaquainted");
	assert_true(has_line(value_names("prs_Gender"), "NonSpecifiedUnknown"));
	assert_false(has_line(value_names("prs_Gender"), "NonSpecified"));
	assert_null(value_names("vic_NoSuchField"));
	assert_non_null(vocab_find_htcds(&vocab_relationships, "Unaquainted"));
	assert_null(vocab_find_htcds(&vocab_relationships, "Unacquainted"));
}

/* docs/vocabularies.md carries each list's table between its two markers,
 * word for word. */
static void test_the_document_shows_every_list(void **state)
{
	(void)state;
	FILE *f = fopen(WAYMARK_VOCAB_DOC, "rb");
	assert_non_null(f);
	static char doc[1 << 17];
	size_t n = fread(doc, 1, sizeof doc - 1, f);
	fclose(f);
	doc[n] = '\0';
	int wrong = 0;
	for (size_t l = 0; l < vocab_nlists; l++) {
		const vocab *v = vocab_lists[l];
		char begin[128], end[128];
		snprintf(begin, sizeof begin, "<!-- vocabulary %s: begin (made by vocab_markdown) -->\n", v->name);
		snprintf(end, sizeof end, "<!-- vocabulary %s: end -->", v->name);
		static char want[1 << 14];
		size_t len = vocab_markdown(v, want, sizeof want);
		assert_true(len < sizeof want);
		const char *a = strstr(doc, begin), *b = a ? strstr(a, end) : NULL;
		if (a)
			a += strlen(begin);
		if (!a || !b || (size_t)(b - a) != len || memcmp(a, want, len) != 0) {
			fprintf(stderr, "%s should hold:\n%s%s%s\n", WAYMARK_VOCAB_DOC, begin, want, end);
			wrong++;
		}
	}
	if (wrong)
		fail_msg("docs/vocabularies.md and src/domain/vocab.c disagree on %d list(s)", wrong);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indicators_are_grouped_and_at_least_twenty),
		cmocka_unit_test(test_htcds_lists_have_their_sizes),
		cmocka_unit_test(test_every_list_has_unique_codes_and_labels),
		cmocka_unit_test(test_the_table_is_read_as_the_standard_writes_it),
		cmocka_unit_test(test_every_value_maps_to_a_value_the_standards_field_has),
		cmocka_unit_test(test_htcds_own_lists_hold_every_value_of_the_standard),
		cmocka_unit_test(test_the_document_shows_every_list),
	};
	return cmocka_run_group_tests_name("domain/vocab", tests, load_htcds, free_htcds);
}
