/* The Victims' Code records in the store, on both engines: key events, the
 * updates they make due and the contacts that give them, care, service
 * referrals, and the case page's list of them. */
#include "unit/test.h"

#include <unistd.h>

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/cases.h"
#include "store/people.h"
#include "store/services.h"
#include "store/victims.h"
#include "support/engines.h"
#include "support/fixtures.h"

/* What each test stands on, made anew on its database by setup: a case with
 * two potential victims (v1, v2) and a suspect, recorded by u, and another
 * case. */
static struct {
	user_rec u;
	char case_id[37], other_case[37];
	char v1[37], v2[37], suspect[37];
} f;

static void setup(db *d)
{
	memset(&f, 0, sizeof f);
	fixture_user_with_cases(d, &f.u, f.case_id, f.other_case);
	fixture_part(d, &f.u, f.case_id, "Ion", "Rusu", "potential_victim", NULL, f.v1);
	usleep(3000);
	fixture_part(d, &f.u, f.case_id, "Ion", "Popa", "suspect", NULL, f.suspect);
	usleep(3000);
	fixture_part(d, &f.u, f.case_id, "Ion", "Lupu", "potential_victim", NULL, f.v2);
}

static void add_event(db *d, const char *kind, const char *on, event_rec *ev)
{
	memset(ev, 0, sizeof *ev);
	memcpy(ev->case_id, f.case_id, 37);
	memcpy(ev->created_by, f.u.id, 37);
	ev->kind = kind;
	ev->occurred_on = on;
	assert_int_equal(store_case_event_add(d, ev), DB_OK);
}

static int add_contact(db *d, const char *link_id, const char *on, int is_update, int *closed)
{
	contact_rec c = {.contacted_on = on,
	                 .method = "phone",
	                 .summary = is_update ? "told of the charge" : "checked in",
	                 .is_update = is_update};
	memcpy(c.case_id, f.case_id, 37);
	snprintf(c.link_id, sizeof c.link_id, "%s", link_id);
	memcpy(c.created_by, f.u.id, 37);
	return store_contact_add(d, &c, closed);
}

/* Which of the potential victims the link is: "v1", "v2" or "?". */
static const char *whose(const char *link_id)
{
	return !strcmp(link_id, f.v1) ? "v1" : !strcmp(link_id, f.v2) ? "v2" : "?";
}

static int collect_item(const victim_item *v, void *arg)
{
	fixture_text_add(arg, "%s:%s:%s/%s/%s/%s/%d;", v->what, whose(v->link_id),
	                 v->a ? v->a : "-", v->b ? v->b : "-", v->c ? v->c : "-", v->d ? v->d : "-",
	                 v->flag);
	return 0;
}

/* Each of the case's items as "what:whose:a/b/c/d/flag;". */
static void list_items(db *d, const char *case_id, fixture_text *x)
{
	x->s[0] = '\0';
	assert_int_equal(store_victim_items(d, case_id, collect_item, x), DB_OK);
}

static void test_case_event_add_keeps_the_known_kinds_only(db *d)
{
	event_rec ev;
	add_event(d, "arrest", "2025-01-10", &ev);
	assert_int_equal(strlen(ev.id), 36);
	assert_true(ev.created_at[0] != '\0');
	event_rec odd = ev;
	odd.kind = "rumour";
	assert_int_equal(store_case_event_add(d, &odd), DB_CONSTRAINT);
	event_rec lost = ev;
	snprintf(lost.case_id, sizeof lost.case_id, "no-such-case");
	assert_int_equal(store_case_event_add(d, &lost), DB_CONSTRAINT);
}

static int collect_link(const char *link_id, void *arg)
{
	fixture_text_add(arg, "%s;", link_id);
	return 0;
}

static void test_victim_links_are_the_cases_potential_victims_in_link_order(db *d)
{
	char other[37];
	fixture_part(d, &f.u, f.other_case, "Ion", "Dinu", "potential_victim", NULL, other);
	fixture_text out = {""};
	char want[256];
	assert_int_equal(store_case_victim_links(d, f.case_id, collect_link, &out), DB_OK);
	snprintf(want, sizeof want, "%s;%s;", f.v1, f.v2);
	assert_string_equal(out.s, want);
}

static void test_an_update_closes_the_links_open_updates_and_a_contact_does_not(db *d)
{
	event_rec ev;
	add_event(d, "charge", "2025-01-10", &ev);
	assert_int_equal(store_update_due_add(d, f.case_id, f.v1, ev.id, "2025-01-11"), DB_OK);
	assert_int_equal(store_update_due_add(d, f.case_id, f.v2, ev.id, "2025-01-13"), DB_OK);
	assert_int_equal(store_update_due_add(d, f.case_id, f.v1, "no-such-event", "2025-01-11"),
	                 DB_CONSTRAINT);
	fixture_text x;
	list_items(d, f.case_id, &x);
	assert_string_equal(x.s, "update_due:v1:2025-01-11/charge/2025-01-10/-/-1;"
	                         "update_due:v2:2025-01-13/charge/2025-01-10/-/-1;");
	int closed = -1;
	assert_int_equal(add_contact(d, f.v1, "2025-01-11", 0, &closed), DB_OK);
	assert_int_equal(closed, 0);
	list_items(d, f.case_id, &x);
	assert_non_null(strstr(x.s, "update_due:v1:"));
	assert_int_equal(add_contact(d, f.v1, "2025-01-12", 1, &closed), DB_OK);
	assert_int_equal(closed, 1);
	list_items(d, f.case_id, &x);
	assert_null(strstr(x.s, "update_due:v1:"));
	assert_non_null(strstr(x.s, "update_due:v2:2025-01-13/"));
	/* Nothing left open for v1: a second update closes nothing. */
	assert_int_equal(add_contact(d, f.v1, "2025-01-13", 1, &closed), DB_OK);
	assert_int_equal(closed, 0);
	/* A contact for a link that is not there is refused. */
	assert_int_equal(add_contact(d, "no-such-link", "2025-01-13", 1, &closed), DB_CONSTRAINT);
}

static void test_care_put_replaces_the_links_care(db *d)
{
	care_rec c = {.spoc_name = "PC Amber", .spoc_kind = "officer", .vps_offered = -1};
	memcpy(c.link_id, f.v1, 37);
	assert_int_equal(store_care_put(d, &c, f.u.id), DB_OK);
	fixture_text x;
	list_items(d, f.case_id, &x);
	assert_string_equal(x.s, "care:v1:PC Amber/officer/-/-/-1;");
	care_rec again = {.spoc_name = "Sam Navigator",
	                  .spoc_kind = "navigator",
	                  .strategy = "weekly calls",
	                  .vps_offered = 1,
	                  .vps_offered_on = "2025-02-01"};
	memcpy(again.link_id, f.v1, 37);
	assert_int_equal(store_care_put(d, &again, f.u.id), DB_OK);
	list_items(d, f.case_id, &x);
	assert_string_equal(x.s, "care:v1:Sam Navigator/navigator/weekly calls/2025-02-01/1;");
	again.vps_offered = 0;
	again.vps_offered_on = NULL;
	assert_int_equal(store_care_put(d, &again, f.u.id), DB_OK);
	list_items(d, f.case_id, &x);
	assert_string_equal(x.s, "care:v1:Sam Navigator/navigator/weekly calls/-/0;");
	care_rec odd = again;
	odd.spoc_kind = "friend";
	assert_int_equal(store_care_put(d, &odd, f.u.id), DB_CONSTRAINT);
	care_rec lost = again;
	snprintf(lost.link_id, sizeof lost.link_id, "no-such-link");
	assert_int_equal(store_care_put(d, &lost, f.u.id), DB_CONSTRAINT);
	list_items(d, f.case_id, &x);
	assert_string_equal(x.s, "care:v1:Sam Navigator/navigator/weekly calls/-/0;");
}

static void test_a_service_referral_names_the_service_then_the_providers_name(db *d)
{
	char provider[37], service[37], ref[37], moved[37];
	assert_int_equal(store_org_ensure(d, "Safe House Trust", "support_provider", provider), DB_OK);
	fixture_service(d, &f.u, provider, 24, service);
	fixture_service_referral(d, &f.u, f.case_id, f.v1, service, provider, "2025-01-05T10:00:00.000Z",
				 "2025-01-06T10:00:00.000Z", ref);
	usleep(3000);
	/* One moved in from before the directory: no service, a typed name. */
	referral_rec r = {.provider_name = "Local GP", .need = "Counselling: weekly", .respond_by = NULL};
	memcpy(r.case_id, f.case_id, 37);
	memcpy(r.link_id, f.v2, 37);
	memcpy(r.created_by, f.u.id, 37);
	snprintf(r.referred_at, sizeof r.referred_at, "2025-01-05T00:00:00.000Z");
	assert_int_equal(store_referral_add(d, &r), DB_OK);
	snprintf(moved, sizeof moved, "%s", r.id);
	referral_rec lost = r;
	lost.provider_org_id = "no-such-org";
	assert_int_equal(store_referral_add(d, &lost), DB_CONSTRAINT);
	fixture_text x, want;
	list_items(d, f.case_id, &x);
	/* In the order referred. */
	want.s[0] = '\0';
	fixture_text_add(&want, "service:v2:%s/referred/Local GP/-/-1;", moved);
	fixture_text_add(&want, "service:v1:%s/referred/Navigators/2025-01-06T10:00:00.000Z/-1;", ref);
	assert_string_equal(x.s, want.s);
}

static void test_victim_items_come_by_kind_then_in_time_and_only_the_cases(db *d)
{
	event_rec ev;
	add_event(d, "interview", "2025-03-01", &ev);
	assert_int_equal(store_update_due_add(d, f.case_id, f.v2, ev.id, "2025-03-06"), DB_OK);
	assert_int_equal(store_update_due_add(d, f.case_id, f.v1, ev.id, "2025-03-02"), DB_OK);
	int closed;
	assert_int_equal(add_contact(d, f.v2, "2025-03-01", 0, &closed), DB_OK);
	usleep(3000);
	assert_int_equal(add_contact(d, f.v1, "2025-02-01", 0, &closed), DB_OK);
	care_rec c = {.spoc_name = "PC Amber", .spoc_kind = "officer", .vps_offered = 1};
	memcpy(c.link_id, f.v2, 37);
	assert_int_equal(store_care_put(d, &c, f.u.id), DB_OK);
	char ref[37];
	fixture_service_referral(d, &f.u, f.case_id, f.v1, NULL, NULL, "2025-03-03T00:00:00.000Z", NULL, ref);
	/* Another case's records stay there. */
	char other[37];
	fixture_part(d, &f.u, f.other_case, "Ion", "Dinu", "potential_victim", NULL, other);
	care_rec theirs = c;
	memcpy(theirs.link_id, other, 37);
	assert_int_equal(store_care_put(d, &theirs, f.u.id), DB_OK);
	fixture_text x;
	list_items(d, f.case_id, &x);
	/* Contacts in the order logged, updates by the day they are due. */
	fixture_text want = {""};
	fixture_text_add(&want, "care:v2:PC Amber/officer/-/-/1;"
	                         "contact:v2:2025-03-01/phone/checked in/0/-1;"
	                         "contact:v1:2025-02-01/phone/checked in/0/-1;"
	                         "service:v1:%s/referred/A safe place to stay/-/-1;"
	                         "update_due:v1:2025-03-02/interview/2025-03-01/-/-1;"
	                         "update_due:v2:2025-03-06/interview/2025-03-01/-/-1;",
	                 ref);
	assert_string_equal(x.s, want.s);
	list_items(d, f.other_case, &x);
	assert_string_equal(x.s, "care:?:PC Amber/officer/-/-/1;");
}

int main(void)
{
	secure_init();
	test_world_set(setup, NULL);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(test_case_event_add_keeps_the_known_kinds_only),
	    ENGINE_TEST(test_victim_links_are_the_cases_potential_victims_in_link_order),
	    ENGINE_TEST(test_an_update_closes_the_links_open_updates_and_a_contact_does_not),
	    ENGINE_TEST(test_care_put_replaces_the_links_care),
	    ENGINE_TEST(test_a_service_referral_names_the_service_then_the_providers_name),
	    ENGINE_TEST(test_victim_items_come_by_kind_then_in_time_and_only_the_cases),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/victims"), tests, NULL, NULL);
}
