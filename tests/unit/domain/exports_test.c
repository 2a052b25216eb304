/* The CTDC-style export's rows and columns, and HTCDS's languages. */
#include "unit/test.h"

#include "domain/exports.h"
#include "domain/m49.h"
#include "lib/csv.h"

static void test_ages_fall_in_the_ctdc_bands(void **state)
{
	(void)state;
	static const struct {
		int age;
		const char *band;
	} cases[] = {{0, "0--8"},    {8, "0--8"},    {9, "9--17"},   {17, "9--17"},
	             {18, "18--20"}, {20, "18--20"}, {21, "21--23"}, {26, "24--26"},
	             {29, "27--29"}, {30, "30--38"}, {38, "30--38"}, {39, "39--47"},
	             {47, "39--47"}, {48, "48+"},    {90, "48+"},    {-1, ""}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(ctdc_age_broad(cases[i].age), cases[i].band);
}

static void test_countries_lie_in_m49_regions(void **state)
{
	(void)state;
	assert_string_equal(m49_subregion("AL"), "Southern Europe");
	assert_string_equal(m49_region("AL"), "Europe");
	assert_string_equal(m49_subregion("VN"), "South-eastern Asia");
	assert_string_equal(m49_subregion("NG"), "Sub-Saharan Africa");
	assert_string_equal(m49_region("BR"), "Americas");
	assert_string_equal(m49_subregion("XK"), "Southern Europe");
	assert_int_equal(m49_subregion_code("GB"), 154);
	assert_int_equal(m49_region_code("GB"), 150);
	assert_null(m49_subregion("AQ"));
	assert_null(m49_region("ZZ"));
	assert_null(m49_region(""));
	assert_null(m49_region(NULL));
}

static void test_languages_are_written_in_iso_639_2(void **state)
{
	(void)state;
	char out[4];
	assert_int_equal(htcds_language("sq-AL", out), 0);
	assert_string_equal(out, "sqi");
	assert_int_equal(htcds_language("vi", out), 0);
	assert_string_equal(out, "vie");
	assert_int_equal(htcds_language("en-GB", out), 0);
	assert_string_equal(out, "eng");
	assert_int_equal(htcds_language("ckb", out), 0);
	assert_string_equal(out, "ckb");
	assert_int_equal(htcds_language("qq", out), -1);
	assert_int_equal(htcds_language("", out), -1);
}

/* Reads the CSV the export wrote: the header, then rows of as many fields. */
static int read_csv(const char *text, char rows[][64][128], int max)
{
	csv_reader r;
	csv_init(&r, text, strlen(text));
	arena *a = arena_new();
	char *f[64];
	int n = 0, got;
	while (n < max && (got = csv_next(&r, a, f, 64)) > 0) {
		if (got == 1 && !f[0][0])
			break;
		for (int i = 0; i < got; i++)
			snprintf(rows[n][i], 128, "%s", f[i]);
		n++;
	}
	arena_free(a);
	return n;
}

static int column(const char *name)
{
	for (int c = 0; ctdc_columns[c]; c++)
		if (!strcmp(ctdc_columns[c], name))
			return c;
	fail_msg("no column %s", name);
	return -1;
}

static char rows[40][64][128];

static void test_a_victim_is_one_row_in_the_ctdc_spelling(void **state)
{
	(void)state;
	ctdc_export *x = ctdc_export_new("2025-01-01", "2025-12-31", 3);
	assert_non_null(x);
	/* Three alike, the first in two cases. */
	for (int i = 0; i < 3; i++) {
		char id[16];
		snprintf(id, sizeof id, "p%d", i);
		ctdc_link l = {id,
		               "2025-03-04T10:00:00Z",
		               "female",
		               "2000-06-01",
		               -1,
		               "[\"AL\",\"GR\"]",
		               "[\"sexual\"]",
		               "{\"methods_of_control\":[\"debt_bondage\",\"physical_threats\"],"
		               "\"relationship_to_trafficker\":\"intimate_partner\",\"types_of_"
		               "exploitation\":[\"forced_labour\"]}",
		               "GB"};
		assert_int_equal(ctdc_export_add(x, &l), 0);
		if (i == 0) {
			ctdc_link again = {
			    id,         "2025-05-01T09:00:00Z", "female", "2000-06-01", -1,
			    "[\"AL\"]", "[\"criminal\"]",       NULL,     "FR"};
			assert_int_equal(ctdc_export_add(x, &again), 0);
		}
	}
	buf b;
	buf_init(&b);
	ctdc_summary sum;
	assert_int_equal(ctdc_export_finish(x, &b, &sum), 0);
	ctdc_export_free(x);
	int n = read_csv(buf_str(&b), rows, 40);
	buf_free(&b);
	assert_int_equal(n, 4);
	for (int c = 0; ctdc_columns[c]; c++)
		assert_string_equal(rows[0][c], ctdc_columns[c]);
	assert_string_equal(rows[1][column("yearOfRegistration")], "2025");
	assert_string_equal(rows[1][column("gender")], "Female");
	assert_string_equal(rows[1][column("ageBroad")], "24--26");
	assert_string_equal(rows[1][column("majorityStatus")], "Adult");
	assert_string_equal(rows[1][column("citizenship")], "AL");
	assert_string_equal(rows[1][column("CountryOfExploitation")], "GB");
	assert_string_equal(rows[1][column("meansOfControlDebtBondage")], "1");
	assert_string_equal(rows[1][column("meansOfControlThreats")], "1");
	assert_string_equal(rows[1][column("meansOfControlTakesEarnings")], "0");
	assert_string_equal(rows[1][column("meansOfControlNotSpecified")], "0");
	assert_string_equal(rows[1][column("meansOfControlConcatenated")], "Debt bondage;Threats");
	assert_string_equal(rows[1][column("isForcedLabour")], "1");
	assert_string_equal(rows[1][column("isSexualExploit")], "1");
	assert_string_equal(rows[1][column("isSexAndLabour")], "1");
	assert_string_equal(rows[1][column("isForcedMarriage")], "0");
	/* The first person's second case added criminal exploitation: Other. */
	assert_string_equal(rows[1][column("isOtherExploit")], "1");
	assert_string_equal(rows[2][column("isOtherExploit")], "0");
	assert_string_equal(
	    rows[1][column("typeOfExploitConcatenated")],
	    "Forced labour;Sexual exploitation;Combined sexual and labour exploitation;Other");
	assert_string_equal(
	    rows[2][column("typeOfExploitConcatenated")],
	    "Forced labour;Sexual exploitation;Combined sexual and labour exploitation");
	assert_string_equal(rows[1][column("recruiterRelation")], "Intimate Partner");
	assert_string_equal(rows[1][column("recruiterRelationIntimatePartner")], "1");
	assert_string_equal(rows[1][column("recruiterRelationFamily")], "0");
	assert_int_equal(sum.kanon.considered, 3);
	assert_int_equal(sum.kanon.written, 3);
	assert_int_equal(sum.kanon.generalised, 0);
}

static void test_what_is_not_known_is_left_empty(void **state)
{
	(void)state;
	ctdc_export *x = ctdc_export_new("2025-01-01", "2025-12-31", 3);
	for (int i = 0; i < 3; i++) {
		char id[16];
		snprintf(id, sizeof id, "q%d", i);
		ctdc_link l = {id,   "2025-03-04T10:00:00Z", NULL, NULL, 15,
		               "[]", "[\"unknown\"]",        NULL, NULL};
		assert_int_equal(ctdc_export_add(x, &l), 0);
	}
	buf b;
	buf_init(&b);
	ctdc_summary sum;
	assert_int_equal(ctdc_export_finish(x, &b, &sum), 0);
	ctdc_export_free(x);
	int n = read_csv(buf_str(&b), rows, 40);
	buf_free(&b);
	assert_int_equal(n, 4);
	assert_string_equal(rows[1][column("gender")], "");
	assert_string_equal(rows[1][column("ageBroad")], "9--17");
	assert_string_equal(rows[1][column("majorityStatus")], "Minor");
	assert_string_equal(rows[1][column("citizenship")], "");
	assert_string_equal(rows[1][column("CountryOfExploitation")], "");
	assert_string_equal(rows[1][column("meansOfControlDebtBondage")], "");
	assert_string_equal(rows[1][column("meansOfControlNotSpecified")], "1");
	assert_string_equal(rows[1][column("isForcedLabour")], "");
	assert_string_equal(rows[1][column("typeOfExploitConcatenated")], "");
	assert_string_equal(rows[1][column("recruiterRelation")], "");
	assert_string_equal(rows[1][column("recruiterRelationUnknown")], "");
}

static void test_rare_nationalities_become_their_region_and_the_rest_is_suppressed(void **state)
{
	(void)state;
	static const char *const nat[] = {"AL", "IT", "GR", "ES", "PT", "HR", "VN", "VN", "VN"};
	ctdc_export *x = ctdc_export_new("2024-01-01", "2025-12-31", 3);
	for (int i = 0; i < 9; i++) {
		char id[16], n[16];
		snprintf(id, sizeof id, "r%d", i);
		snprintf(n, sizeof n, "[\"%s\"]", nat[i]);
		ctdc_link l = {id, "2025-03-04T10:00:00Z", "male", NULL, 30, n, "[]", NULL, NULL};
		assert_int_equal(ctdc_export_add(x, &l), 0);
	}
	/* One alone in every way. */
	ctdc_link lone = {"s", "2024-02-01T10:00:00Z", "female", NULL, 60, "[\"BR\"]", "[]", NULL,
	                  NULL};
	assert_int_equal(ctdc_export_add(x, &lone), 0);
	buf b;
	buf_init(&b);
	ctdc_summary sum;
	assert_int_equal(ctdc_export_finish(x, &b, &sum), 0);
	ctdc_export_free(x);
	int n = read_csv(buf_str(&b), rows, 40);
	buf_free(&b);
	assert_int_equal(n, 10);
	int europe = 0, vn = 0;
	for (int i = 1; i < n; i++) {
		europe += !strcmp(rows[i][column("citizenship")], "Southern Europe");
		vn += !strcmp(rows[i][column("citizenship")], "VN");
	}
	assert_int_equal(europe, 6);
	assert_int_equal(vn, 3);
	assert_int_equal(sum.kanon.considered, 10);
	assert_int_equal(sum.kanon.written, 9);
	assert_int_equal(sum.kanon.suppressed, 1);
	assert_int_equal(sum.kanon.generalised, 6);
	assert_int_equal(sum.kanon.generalised_by[CTDC_QI_CITIZENSHIP], 6);
	json_t *j = ctdc_summary_json(&sum);
	assert_int_equal(json_integer_value(json_object_get(j, "rows_suppressed")), 1);
	assert_int_equal(json_integer_value(
	                     json_object_get(json_object_get(j, "generalised_by"), "citizenship")),
	                 6);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "period"), "from")), "2024-01-01");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ages_fall_in_the_ctdc_bands),
	    cmocka_unit_test(test_countries_lie_in_m49_regions),
	    cmocka_unit_test(test_languages_are_written_in_iso_639_2),
	    cmocka_unit_test(test_a_victim_is_one_row_in_the_ctdc_spelling),
	    cmocka_unit_test(test_what_is_not_known_is_left_empty),
	    cmocka_unit_test(
	        test_rare_nationalities_become_their_region_and_the_rest_is_suppressed),
	};
	return cmocka_run_group_tests_name("domain/exports", tests, NULL, NULL);
}
