/* The dashboard's rows in the store, on both engines: potential victims
 * each once, on the day first linked, with whether any part of theirs has
 * a named contact or a strategy; charging decisions on suspects who are
 * potential victims, with whether an s45 assessment came first; Duty to
 * Notify reports; each between two days, for one force or a
 * Commissioner's area, never the other force's. */
#include "unit/test.h"

#include <stdlib.h>

#include "store/accounts.h"
#include "store/cases.h"
#include "store/outcomes.h"
#include "support/engines.h"
#include "support/fixtures.h"

/* The rows as "day a b" sorted, joined by ';' (the store promises no order). */
typedef struct rows_seen {
	char row[16][48];
	size_t n;
} rows_seen;

static int see_row(const outcome_row *r, void *arg)
{
	rows_seen *x = arg;
	if (x->n < 16)
		snprintf(x->row[x->n++], sizeof x->row[0], "%s %s %s", r->day, r->a ? r->a : "-",
		         r->b ? r->b : "-");
	return 0;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void expect_rows(db *d, const store_orgs *o, store_outcome k, const char *from,
                        const char *before, const char *want, const char *what)
{
	rows_seen x = {.n = 0};
	assert_int_equal(store_outcome_rows(d, o, k, from, before, see_row, &x), DB_OK);
	qsort(x.row, x.n, sizeof x.row[0], by_text);
	fixture_text got = {""};
	for (size_t i = 0; i < x.n; i++)
		fixture_text_add(&got, "%s;", x.row[i]);
	if (strcmp(got.s, want) != 0)
		fail_msg("%s: %s: \"%s\", not \"%s\"", test_engine_now(), what, got.s, want);
}

static void dated_link(db *d, const user_rec *by, const char *case_id, const char *person,
                       const char *role, const char *at, char link[37])
{
	assert_int_equal(fixture_link(d, by, case_id, person, role, link), DB_OK);
	const char *p[] = {at, link};
	assert_int_equal(db_run(d, "UPDATE case_people SET created_at = $1 WHERE id = $2", 2, p),
	                 DB_OK);
}

static void test_rows_count_within_the_organisations_and_the_days(db *d)
{
	user_rec north, south;
	org_rec office;
	fixture_two_forces(d, &north, &south, &office);
	char a[37], b[37], theirs[37], ion[37], ana[37], tran[37], l1[37], l2[37], l3[37], l4[37],
	    l5[37];
	fixture_case(d, &north, "Operation A", a);
	fixture_case(d, &north, "Operation B", b);
	fixture_case(d, &south, "Operation C", theirs);
	fixture_person(d, &north, "Ion", "Popescu", ion);
	fixture_person(d, &north, "Ana", "Popescu", ana);
	fixture_person(d, &south, "Tran", "Van Minh", tran);
	/* Ion first linked in January (again in March), with a named contact
	 * on his later part; Ana in February, with a strategy; Tran is the
	 * other force's. */
	dated_link(d, &north, a, ion, "potential_victim", "2025-01-10T09:00:00.000Z", l1);
	dated_link(d, &north, b, ion, "potential_victim", "2025-03-01T09:00:00.000Z", l2);
	dated_link(d, &north, a, ana, "potential_victim", "2025-02-28T23:00:00.000Z", l3);
	dated_link(d, &south, theirs, tran, "potential_victim", "2025-01-15T09:00:00.000Z", l4);
	const char *care[] = {l2, north.id};
	assert_int_equal(db_run(d,
	                        "INSERT INTO victim_care (case_person_id, spoc_name, spoc_kind, "
	                        "updated_by, updated_at) VALUES ($1, 'DC Jones', 'officer', $2, "
	                        "'2025-03-02T09:00:00Z')",
	                        2, care),
	                 DB_OK);
	const char *strategy[] = {l3, north.id};
	assert_int_equal(
	    db_run(d,
	           "INSERT INTO victim_care (case_person_id, strategy, updated_by, "
	           "updated_at) VALUES ($1, 'Weekly calls', $2, '2025-03-02T09:00:00Z')",
	           2, strategy),
	    DB_OK);
	/* Ana is a suspect in case B too: charged in March after an assessment
	 * and in April (the same assessment); a suspect who is no victim is not
	 * counted. */
	char alex[37];
	dated_link(d, &north, b, ana, "suspect", "2025-03-01T09:00:00.000Z", l5);
	fixture_person(d, &north, "Alex", "Stone", alex);
	char l6[37];
	dated_link(d, &north, b, alex, "suspect", "2025-03-01T09:00:00.000Z", l6);
	const char *s45[] = {b, l5, north.id};
	assert_int_equal(
	    db_run(
	        d,
	        "INSERT INTO s45_assessments (id, case_id, case_person_id, offence, offence_date, "
	        "child, answers, outcome, reasons, assessed_by, assessed_at) VALUES ('s1', $1, $2, "
	        "'Cultivating cannabis', '2025-01-01', 0, '{}', 'defence_may_apply', 'Compelled', "
	        "$3, '2025-03-10T09:00:00Z')",
	        3, s45),
	    DB_OK);
	static const struct {
		const char *id, *day;
		int who;
	} decisions[] = {{"c1", "2025-03-05", 5}, {"c2", "2025-04-01", 5}, {"c3", "2025-03-20", 6}};
	for (size_t i = 0; i < 3; i++) {
		const char *p[] = {decisions[i].id, b, decisions[i].who == 5 ? l5 : l6,
		                   decisions[i].day, north.id};
		assert_int_equal(
		    db_run(d,
		           "INSERT INTO charging_decisions (id, case_id, case_person_id, "
		           "decision, decided_on, decided_by, created_at) VALUES ($1, $2, "
		           "$3, 'charge', $4, $5, $4)",
		           5, p),
		    DB_OK);
	}
	const char *dtn[] = {a, ion, north.id};
	assert_int_equal(
	    db_run(d,
	           "INSERT INTO duty_to_notify (id, case_id, person_id, submitted_on, "
	           "identifying_consent, created_by, created_at) VALUES ('d1', $1, $2, "
	           "'2025-02-01', 0, $3, '2025-02-01')",
	           3, dtn),
	    DB_OK);

	store_orgs force = {north.org_id, NULL}, area = {NULL, office.id},
	           other = {south.org_id, NULL};
	expect_rows(d, &force, OUTCOME_VICTIMS, "2025-01-01", "2025-04-01",
	            "2025-01-10 1 0;2025-02-28 0 1;", "victims, each once");
	expect_rows(d, &force, OUTCOME_VICTIMS, "2025-01-11", "2025-04-01", "2025-02-28 0 1;",
	            "Ion first linked before the range");
	expect_rows(d, &area, OUTCOME_VICTIMS, "2025-01-01", "2025-02-28", "2025-01-10 1 0;",
	            "the area's, to the day before the last");
	expect_rows(d, &other, OUTCOME_VICTIMS, "2025-01-01", "2025-04-01", "2025-01-15 0 0;",
	            "the other force's");
	expect_rows(d, &force, OUTCOME_CHARGING, "2025-01-01", "2025-05-01",
	            "2025-03-05 0 -;2025-04-01 1 -;", "charging decisions on victims");
	expect_rows(d, &force, OUTCOME_DUTY_TO_NOTIFY, "2025-01-01", "2025-05-01",
	            "2025-02-01 - -;", "Duty to Notify");
	expect_rows(d, &other, OUTCOME_DUTY_TO_NOTIFY, "2025-01-01", "2025-05-01", "",
	            "the other force's Duty to Notify");
	rows_seen x = {.n = 0};
	assert_int_equal(
	    store_outcome_rows(d, &force, OUTCOME_COUNT, "2025-01-01", "2025-05-01", see_row, &x),
	    DB_ERR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_rows_count_within_the_organisations_and_the_days),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/outcomes"), tests, NULL, NULL);
}
