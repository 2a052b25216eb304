/* Slavery and Trafficking Prevention and Risk Orders and their breaches in
 * the store, on both engines. */
#include "unit/test.h"

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/orders.h"
#include "store/people.h"
#include "support/engines.h"
#include "support/fixtures.h"

/* What each test stands on, made anew on its database by setup: DC One,
 * a case of theirs and another, and a person. */
static struct {
	user_rec u;
	char case_id[37], other_case[37], person[37];
} f;

static void setup(db *d)
{
	memset(&f, 0, sizeof f);
	fixture_user_with_cases(d, &f.u, f.case_id, f.other_case);
	fixture_person(d, &f.u, "Marius", "Popa", f.person);
}

static order_rec new_order(const char *kind, const char *made_on)
{
	order_rec o = {.kind = kind,
	               .court = "Leeds Crown Court",
	               .applicant = "police",
	               .made_on = made_on,
	               .prohibitions = "[\"no contact with the victims\"]"};
	memcpy(o.case_id, f.case_id, 37);
	memcpy(o.person_id, f.person, 37);
	memcpy(o.created_by, f.u.id, 37);
	return o;
}

static int add_breach(db *d, const char *order_id, const char *on, const char *summary)
{
	breach_rec b = {.occurred_on = on, .summary = summary};
	snprintf(b.order_id, sizeof b.order_id, "%s", order_id);
	memcpy(b.created_by, f.u.id, 37);
	return store_breach_add(d, &b);
}

static void test_order_add_fills_id_and_reads_back_with_the_persons_name(db *d)
{
	order_rec o = new_order("stpo", "2025-02-01");
	o.expires_on = "2030-02-01";
	assert_int_equal(store_order_add(d, &o), DB_OK);
	assert_int_equal(strlen(o.id), 36);
	assert_true(o.created_at[0] != '\0');
	arena *a = arena_new();
	order_rec got;
	assert_int_equal(store_order_get(d, a, o.id, &got), DB_ROW);
	assert_string_equal(got.id, o.id);
	assert_string_equal(got.case_id, f.case_id);
	assert_string_equal(got.person_id, f.person);
	assert_string_equal(got.person_name, "Marius Popa");
	assert_string_equal(got.kind, "stpo");
	assert_string_equal(got.court, "Leeds Crown Court");
	assert_string_equal(got.applicant, "police");
	assert_string_equal(got.made_on, "2025-02-01");
	assert_string_equal(got.expires_on, "2030-02-01");
	assert_string_equal(got.prohibitions, "[\"no contact with the victims\"]");
	assert_string_equal(got.created_by, f.u.id);
	assert_string_equal(got.created_at, o.created_at);
	assert_int_equal(got.breaches, 0);
	assert_int_equal(store_order_get(d, a, "no-such-order", &got), DB_DONE);
	arena_free(a);
}

static void test_an_order_until_further_order_and_a_person_known_by_one_name(db *d)
{
	fixture_person(d, &f.u, "", "Kola", f.person);
	order_rec o = new_order("interim_stpo", "2025-02-01");
	assert_int_equal(store_order_add(d, &o), DB_OK);
	arena *a = arena_new();
	order_rec got;
	assert_int_equal(store_order_get(d, a, o.id, &got), DB_ROW);
	assert_null(got.expires_on);
	assert_string_equal(got.person_name, "Kola");
	arena_free(a);
}

static void test_order_add_refuses_an_unknown_kind_case_or_person(db *d)
{
	order_rec o = new_order("asbo", "2025-02-01");
	assert_int_equal(store_order_add(d, &o), DB_CONSTRAINT);
	o = new_order("stro", "2025-02-01");
	snprintf(o.person_id, sizeof o.person_id, "no-such-person");
	assert_int_equal(store_order_add(d, &o), DB_CONSTRAINT);
	o = new_order("stro", "2025-02-01");
	snprintf(o.case_id, sizeof o.case_id, "no-such-case");
	assert_int_equal(store_order_add(d, &o), DB_CONSTRAINT);
	int n = -1;
	assert_int_equal(db_count(d, "SELECT id FROM orders", 0, NULL, &n), DB_OK);
	assert_int_equal(n, 0);
}

static int collect_order(const order_rec *o, void *arg)
{
	fixture_text_add(arg, "%s/%s/%d;", o->kind, o->made_on, o->breaches);
	return 0;
}

static void test_orders_by_case_come_in_the_order_made_with_their_breach_counts(db *d)
{
	order_rec late = new_order("stpo", "2025-06-01");
	order_rec early = new_order("interim_stpo", "2025-01-15");
	order_rec risk = new_order("stro", "2025-03-01");
	order_rec there = new_order("stro", "2025-01-01");
	memcpy(there.case_id, f.other_case, 37);
	assert_int_equal(store_order_add(d, &late), DB_OK);
	assert_int_equal(store_order_add(d, &early), DB_OK);
	assert_int_equal(store_order_add(d, &risk), DB_OK);
	assert_int_equal(store_order_add(d, &there), DB_OK);
	assert_int_equal(add_breach(d, late.id, "2025-07-01", "contacted a victim"), DB_OK);
	assert_int_equal(add_breach(d, late.id, "2025-07-09", "again"), DB_OK);
	assert_int_equal(add_breach(d, risk.id, "2025-04-01", "travelled"), DB_OK);
	arena *a = arena_new();
	fixture_text x = {""};
	assert_int_equal(store_orders_by_case(d, a, f.case_id, collect_order, &x), DB_OK);
	assert_string_equal(x.s, "interim_stpo/2025-01-15/0;stro/2025-03-01/1;stpo/2025-06-01/2;");
	order_rec got;
	assert_int_equal(store_order_get(d, a, late.id, &got), DB_ROW);
	assert_int_equal(got.breaches, 2);
	x.s[0] = '\0';
	assert_int_equal(store_orders_by_case(d, a, "no-such-case", collect_order, &x), DB_OK);
	assert_string_equal(x.s, "");
	arena_free(a);
}

static int collect_breach(const breach_rec *b, void *arg)
{
	fixture_text_add(arg, "%s/%s/%s/%s;", b->occurred_on, b->summary,
	                 b->crime_reference ? b->crime_reference : "-", b->created_by_name);
	return 0;
}

static void test_breaches_come_in_the_order_they_happened_with_who_recorded_them(db *d)
{
	order_rec o = new_order("stpo", "2025-02-01");
	order_rec other = new_order("stro", "2025-02-01");
	assert_int_equal(store_order_add(d, &o), DB_OK);
	assert_int_equal(store_order_add(d, &other), DB_OK);
	breach_rec b = {.occurred_on = "2025-05-02",
	                .summary = "seen at the car wash",
	                .crime_reference = "13/1234/25"};
	memcpy(b.order_id, o.id, 37);
	memcpy(b.created_by, f.u.id, 37);
	assert_int_equal(store_breach_add(d, &b), DB_OK);
	assert_int_equal(strlen(b.id), 36);
	assert_true(b.created_at[0] != '\0');
	assert_int_equal(add_breach(d, o.id, "2025-03-01", "phoned a victim"), DB_OK);
	assert_int_equal(add_breach(d, other.id, "2025-01-01", "not this order"), DB_OK);
	assert_int_equal(add_breach(d, "no-such-order", "2025-03-01", "lost"), DB_CONSTRAINT);
	arena *a = arena_new();
	fixture_text x = {""};
	assert_int_equal(store_breaches_by_order(d, a, o.id, collect_breach, &x), DB_OK);
	assert_string_equal(x.s, "2025-03-01/phoned a victim/-/DC One;"
	                         "2025-05-02/seen at the car wash/13/1234/25/DC One;");
	arena_free(a);
}

int main(void)
{
	secure_init();
	test_world_set(setup, NULL);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_order_add_fills_id_and_reads_back_with_the_persons_name),
	    ENGINE_TEST(test_an_order_until_further_order_and_a_person_known_by_one_name),
	    ENGINE_TEST(test_order_add_refuses_an_unknown_kind_case_or_person),
	    ENGINE_TEST(test_orders_by_case_come_in_the_order_made_with_their_breach_counts),
	    ENGINE_TEST(test_breaches_come_in_the_order_they_happened_with_who_recorded_them),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/orders"), tests, NULL, NULL);
}
