/* The directory of services and referrals to them in the store, on both
 * engines: the old support referrals moved in by migration 020; how a
 * service relates to an organisation and whom it may name as provider; a
 * referral moved only from the version read; the lists by reach,
 * provider, status and overdue; the worklist's overdue rows; the figures. */
#include "unit/test.h"

#include "lib/secure.h"
#include "store/migrate.h"
#include "store/services.h"
#include "store/worklist.h"
#include "support/engines.h"
#include "support/fixtures.h"

/* ---- the move of the old support referrals ---- */

typedef struct moved {
	char status[16], service[8], need[200], org[40], name[40], at[32], respond[8], urgency[8];
} moved;

static int read_moved(db_stmt *s, void *arg)
{
	moved *m = arg;
	db_col_copy(s, 0, m->status, sizeof m->status);
	snprintf(m->service, sizeof m->service, "%s", db_col_is_null(s, 1) ? "null" : "set");
	db_col_copy(s, 2, m->need, sizeof m->need);
	db_col_copy(s, 3, m->org, sizeof m->org);
	db_col_copy(s, 4, m->name, sizeof m->name);
	db_col_copy(s, 5, m->at, sizeof m->at);
	snprintf(m->respond, sizeof m->respond, "%s", db_col_is_null(s, 6) ? "null" : "set");
	snprintf(m->urgency, sizeof m->urgency, "%s", db_col_is_null(s, 7) ? "null" : "set");
	return 0;
}

static int count_one(const referral_rec *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

static void
test_old_support_referrals_move_in_as_referrals_waiting_with_no_service_or_target(void **state)
{
	(void)state;
	test_engine engines[2];
	int n = test_engines(engines);
	for (int e = 0; e < n; e++) {
		char case_id[37], other_case[37], link[37], org[37];
		db *d = fixture_db_at(engines[e].name, 19);
		user_rec u;
		fixture_user_with_cases(d, &u, case_id, other_case);
		fixture_old_part(d, &u, case_id, "Ion", "Rusu", "potential_victim", link);
		assert_int_equal(store_org_ensure(d, "Safe House Trust", "support_provider", org),
		                 DB_OK);
		const char *known[] = {"11111111-1111-7111-8111-111111111111", case_id, link, org,
		                       u.id};
		assert_int_equal(
		    db_run(d,
		           "INSERT INTO support_referrals (id, case_id, case_person_id, service, "
		           "provider_org_id, provider_name, referred_on, note, created_by, "
		           "created_at) VALUES "
		           "($1, $2, $3, 'children_services', $4, NULL, '2025-03-03', 'A place "
		           "from Monday', "
		           "$5, '2025-03-04T10:00:00.000Z')",
		           5, known),
		    DB_OK);
		const char *unknown[] = {"22222222-2222-7222-8222-222222222222", case_id, link,
		                         u.id};
		assert_int_equal(
		    db_run(d,
		           "INSERT INTO support_referrals (id, case_id, case_person_id, service, "
		           "provider_org_id, provider_name, referred_on, note, created_by, "
		           "created_at) VALUES "
		           "($1, $2, $3, 'spa_day', NULL, 'Local GP', '2025-03-05', NULL, $4, "
		           "'2025-03-05T10:00:00.000Z')",
		           4, unknown),
		    DB_OK);
		int applied = 0;
		assert_int_equal(migrate_up(d, &applied), DB_OK);
		assert_true(applied >= 1);
		static const char sql[] =
		    "SELECT status, service_id, need, COALESCE(provider_org_id, ''), "
		    "COALESCE(provider_name, ''), referred_at, respond_by, urgency FROM "
		    "service_referrals WHERE id = $1";
		moved m = {0};
		assert_int_equal(db_each(d, sql, 1, known, read_moved, &m), DB_OK);
		assert_string_equal(m.status, "referred");
		assert_string_equal(m.service, "null");
		assert_string_equal(m.need, "Children's social care: A place from Monday");
		assert_string_equal(m.org, org);
		assert_string_equal(m.at, "2025-03-03T00:00:00.000Z");
		assert_string_equal(m.respond, "null");
		assert_string_equal(m.urgency, "null");
		memset(&m, 0, sizeof m);
		assert_int_equal(db_each(d, sql, 1, unknown, read_moved, &m), DB_OK);
		assert_string_equal(m.need, "spa_day"); /* no words for it: the code */
		assert_string_equal(m.name, "Local GP");
		assert_string_equal(m.org, "");
		/* Each keeps its first step, by whom it was made; the old table is gone. */
		int steps = 0;
		assert_int_equal(
		    db_count(d,
		             "SELECT 1 FROM service_referral_steps WHERE by_user = $1 AND status = "
		             "'referred'",
		             1, (const char *const[]){u.id}, &steps),
		    DB_OK);
		assert_int_equal(steps, 2);
		assert_int_not_equal(
		    db_count(d, "SELECT 1 FROM support_referrals", 0, NULL, &steps), DB_OK);
		/* It reads as any referral does, and is never overdue. */
		arena *a = arena_new();
		referral_rec r;
		assert_int_equal(store_referral_get(d, a, known[0], &r), DB_ROW);
		assert_null(r.service_id);
		assert_null(r.respond_by);
		assert_string_equal(r.provider_org_name, "Safe House Trust");
		referral_filter f = {.provider_org_id = org,
		                     .overdue_at = "2099-01-01T00:00:00.000Z"};
		int found = 0;
		assert_int_equal(store_referrals_each(d, a, &f, count_one, &found), DB_OK);
		assert_int_equal(found, 0);
		f.overdue_at = NULL;
		assert_int_equal(store_referrals_each(d, a, &f, count_one, &found), DB_OK);
		assert_int_equal(found, 1);
		arena_free(a);
		db_close(d);
	}
}

/* ---- services ---- */

static struct {
	user_rec north, south;
	org_rec office, partner, far_partner;
} w;

static void world_open(db *d)
{
	memset(&w, 0, sizeof w);
	fixture_two_forces(d, &w.north, &w.south, &w.office);
	fixture_org(d, "Hope", "support_provider", w.north.org_id, &w.partner);
	fixture_org(d, "Far Hope", "support_provider", w.south.org_id, &w.far_partner);
}

/* A service commissioned by the organisation org, given by provider. */
static void service_of(db *d, const char *org, const char *provider, char id[37])
{
	service_rec s = {.name = "Navigators",
	                 .kind = "navigator",
	                 .languages = "[\"en\"]",
	                 .age_max = 120,
	                 .capacity = -1,
	                 .response_hours = 48,
	                 .active = 1};
	snprintf(s.org_id, sizeof s.org_id, "%s", org);
	snprintf(s.provider_org_id, sizeof s.provider_org_id, "%s", provider);
	snprintf(s.created_by, sizeof s.created_by, "%s", w.north.id);
	assert_int_equal(store_service_add(d, &s), DB_OK);
	snprintf(id, 37, "%s", s.id);
}

static unsigned rel_of(db *d, const char *id, const char *org)
{
	arena *a = arena_new();
	service_rec s;
	assert_int_equal(store_service_get(d, a, id, org, &s), DB_ROW);
	arena_free(a);
	return s.rel;
}

static void test_a_service_relates_to_its_force_the_forces_commissioner_and_its_provider(db *d)
{
	char by_office[37], by_north[37];
	service_of(d, w.office.id, w.partner.id, by_office);
	service_of(d, w.north.org_id, w.partner.id, by_north);
	static const struct {
		const char *what;
		int office_made;
		int who; /* 0 north, 1 south, 2 office, 3 partner */
		unsigned want;
	} rows[] = {
	    {"the Commissioner's, to the force of its area", 1, 0, SERVICE_OF_ORG},
	    {"the Commissioner's, to another force", 1, 1, 0},
	    {"the Commissioner's, to itself", 1, 2, SERVICE_OF_ORG},
	    {"the Commissioner's, to its provider", 1, 3, SERVICE_PROVIDED},
	    {"the force's, to itself", 0, 0, SERVICE_OF_ORG},
	    {"the force's, to its Commissioner", 0, 2, SERVICE_OF_AREA},
	    {"the force's, to another force", 0, 1, 0},
	    {"the force's, to the partner it hosts and that gives it", 0, 3, SERVICE_PROVIDED},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *orgs[] = {w.north.org_id, w.south.org_id, w.office.id, w.partner.id};
		unsigned got =
		    rel_of(d, rows[i].office_made ? by_office : by_north, orgs[rows[i].who]);
		if (got != rows[i].want)
			fail_msg("%s: %s is %u, not %u", test_engine_now(), rows[i].what, got,
			         rows[i].want);
	}
	/* Whom each may name as provider: a partner of the force or of the
	 * Commissioner's area; never another force's, never a force. */
	static const struct {
		int who; /* as above */
		int far, force, yes;
	} names[] = {{0, 0, 0, 1}, {2, 0, 0, 1}, {1, 0, 0, 0},
	             {1, 1, 0, 1}, {0, 1, 0, 0}, {0, 0, 1, 0}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *orgs[] = {w.north.org_id, w.south.org_id, w.office.id};
		const char *provider = names[i].force ? w.north.org_id
		                       : names[i].far ? w.far_partner.id
		                                      : w.partner.id;
		int yes = -1;
		assert_int_equal(store_service_provider_ok(d, orgs[names[i].who], provider, &yes),
		                 DB_OK);
		if (yes != names[i].yes)
			fail_msg("%s: naming provider %zu answered %d", test_engine_now(), i, yes);
	}
}

static void test_a_service_changes_only_from_the_version_read(db *d)
{
	char id[37];
	service_of(d, w.north.org_id, w.partner.id, id);
	arena *a = arena_new();
	service_rec s;
	assert_int_equal(store_service_get(d, a, id, w.north.org_id, &s), DB_ROW);
	s.active = 0;
	s.capacity = 3;
	assert_int_equal(store_service_update(d, &s, 1), DB_OK);
	assert_int_equal(s.version, 2);
	assert_int_equal(store_service_update(d, &s, 1), DB_DONE);
	assert_int_equal(store_service_get(d, a, id, w.north.org_id, &s), DB_ROW);
	assert_int_equal(s.active, 0);
	assert_int_equal(s.capacity, 3);
	arena_free(a);
}

/* ---- referrals ---- */

static int count_referral(const referral_rec *r, void *arg)
{
	fixture_text_add(arg, "%s:%s;", r->given_names, r->status);
	return 0;
}

static int count_work(const work_row *r, void *arg)
{
	fixture_text_add(arg, "%s:%s:%s;", r->kind, r->given_names, r->holder_name);
	return 0;
}

static void
test_referrals_move_from_the_version_read_and_list_by_reach_provider_status_and_overdue(db *d)
{
	char case_id[37], link_a[37], link_b[37], service[37], ref_a[37], ref_b[37];
	fixture_case(d, &w.north, "Car wash", case_id);
	fixture_part(d, &w.north, case_id, "Ana", "Rusu", "potential_victim", NULL, link_a);
	fixture_part(d, &w.north, case_id, "Bogdan", "Rusu", "potential_victim", NULL, link_b);
	fixture_service(d, &w.north, w.partner.id, 48, service);
	fixture_service_referral(d, &w.north, case_id, link_a, service, w.partner.id,
	                         "2025-01-01T09:00:00.000Z", "2025-01-03T09:00:00.000Z", ref_a);
	fixture_service_referral(d, &w.north, case_id, link_b, service, w.partner.id,
	                         "2025-01-02T09:00:00.000Z", "2099-01-03T09:00:00.000Z", ref_b);
	/* Moved from the version read; the first answer's time is kept. */
	int64_t v = 1;
	assert_int_equal(store_referral_move(d, ref_b, &v, "accepted", NULL, NULL,
	                                     "2025-01-02T10:00:00.000Z", w.north.id,
	                                     "2025-01-02T10:00:00.000Z"),
	                 DB_OK);
	assert_int_equal(v, 2);
	int64_t stale = 1;
	assert_int_equal(store_referral_move(d, ref_b, &stale, "declined", "no", NULL,
	                                     "2025-01-05T10:00:00.000Z", w.north.id,
	                                     "2025-01-05T10:00:00.000Z"),
	                 DB_DONE);
	assert_int_equal(store_referral_move(d, ref_b, &v, "in_progress", NULL, NULL, NULL,
	                                     w.north.id, "2025-01-03T10:00:00.000Z"),
	                 DB_OK);
	arena *a = arena_new();
	referral_rec r;
	assert_int_equal(store_referral_get(d, a, ref_b, &r), DB_ROW);
	assert_string_equal(r.status, "in_progress");
	assert_string_equal(r.answered_at, "2025-01-02T10:00:00.000Z");
	assert_int_equal(r.version, 3);
	/* The lists. */
	static const struct {
		const char *what;
		int team, provider, far;
		const char *status, *overdue_at, *want;
	} rows[] = {
	    {"the team's", 1, 0, 0, NULL, NULL, "Bogdan:in_progress;Ana:referred;"},
	    {"the provider's", 0, 1, 0, NULL, NULL, "Bogdan:in_progress;Ana:referred;"},
	    {"another provider's", 0, 1, 1, NULL, NULL, ""},
	    {"nobody's reach", 0, 0, 0, NULL, NULL, ""},
	    {"in a status", 1, 0, 0, "referred", NULL, "Ana:referred;"},
	    {"overdue", 1, 0, 0, NULL, "2025-02-01T00:00:00.000Z", "Ana:referred;"},
	    {"not yet overdue", 1, 0, 0, NULL, "2025-01-03T09:00:00.000Z", ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		referral_filter f = {.status = rows[i].status, .overdue_at = rows[i].overdue_at};
		if (rows[i].team)
			f.reach.team_id = w.north.team_id;
		if (rows[i].provider)
			f.provider_org_id = rows[i].far ? w.far_partner.id : w.partner.id;
		fixture_text x = {""};
		assert_int_equal(store_referrals_each(d, a, &f, count_referral, &x), DB_OK);
		if (strcmp(x.s, rows[i].want) != 0)
			fail_msg("%s: %s listed %s", test_engine_now(), rows[i].what, x.s);
	}
	/* The worklist: the overdue one, for those who reach the case; its
	 * maker only while they do. */
	store_reach team = {.team_id = w.north.team_id}, none = {0};
	fixture_text x = {""};
	assert_int_equal(store_referrals_overdue(d, &none, "2025-02-01T00:00:00.000Z", count_work,
	                                         &x),
	                 DB_OK);
	assert_string_equal(x.s, "");
	assert_int_equal(store_referrals_overdue(d, &team, "2025-02-01T00:00:00.000Z", count_work,
	                                         &x),
	                 DB_OK);
	assert_string_equal(x.s, "service_referral_overdue:Ana:DS North;");
	x.s[0] = '\0';
	/* A closed case's referrals are off the worklist. */
	fixture_case_close(d, case_id);
	assert_int_equal(store_referrals_overdue(d, &team, "2025-02-01T00:00:00.000Z", count_work,
	                                         &x),
	                 DB_OK);
	assert_string_equal(x.s, "");
	arena_free(a);
}

static int keep_figures(const service_figures *f, void *arg)
{
	fixture_text_add(arg, "%s:%lld/%lld/%lld/%lld/%lld/%lld;", f->name, (long long)f->referred,
	                 (long long)f->answered_in_time, (long long)f->answered_late,
	                 (long long)f->overdue, (long long)f->declined, (long long)f->outcomes[0]);
	return 0;
}

static void
test_figures_count_each_services_referrals_of_the_organisations_counted_in_the_days(db *d)
{
	char case_id[37], link[37], service[37], refs[4][37];
	fixture_case(d, &w.north, "Car wash", case_id);
	fixture_part(d, &w.north, case_id, "Ana", "Rusu", "potential_victim", NULL, link);
	fixture_service(d, &w.north, w.partner.id, 48, service);
	const char *at[] = {"2025-01-01T09:00:00.000Z", "2025-01-02T09:00:00.000Z",
	                    "2025-01-03T09:00:00.000Z", "2024-12-01T09:00:00.000Z"};
	for (int i = 0; i < 4; i++)
		fixture_service_referral(d, &w.north, case_id, link, service, w.partner.id, at[i],
		                         "2025-01-02T12:00:00.000Z", refs[i]);
	int64_t v = 1;
	/* Answered in time and closed; answered late (declined); one waiting. */
	assert_int_equal(store_referral_move(d, refs[0], &v, "accepted", NULL, NULL,
	                                     "2025-01-01T10:00:00.000Z", w.north.id,
	                                     "2025-01-01T10:00:00.000Z"),
	                 DB_OK);
	assert_int_equal(store_referral_move(d, refs[0], &v, "closed", NULL, "support_completed",
	                                     NULL, w.north.id, "2025-01-05T10:00:00.000Z"),
	                 DB_OK);
	v = 1;
	assert_int_equal(store_referral_move(d, refs[1], &v, "declined", "full", NULL,
	                                     "2025-01-03T10:00:00.000Z", w.north.id,
	                                     "2025-01-03T10:00:00.000Z"),
	                 DB_OK);
	store_orgs north = {.org_id = w.north.org_id}, office = {.area_of = w.office.id},
	           south = {.org_id = w.south.org_id};
	fixture_text x = {""};
	assert_int_equal(store_service_figures(d, &north, "2025-01-01", "2025-01-31",
	                                       "2025-02-01T00:00:00.000Z", keep_figures, &x),
	                 DB_OK);
	/* referred/in time/late/overdue/declined/completed: December's left out. */
	assert_string_equal(x.s, "Navigators:3/1/1/1/1/1;");
	x.s[0] = '\0';
	assert_int_equal(store_service_figures(d, &office, "2024-12-01", "2025-01-31",
	                                       "2025-02-01T00:00:00.000Z", keep_figures, &x),
	                 DB_OK);
	assert_string_equal(x.s, "Navigators:4/1/1/2/1/1;");
	x.s[0] = '\0';
	assert_int_equal(store_service_figures(d, &south, "2024-12-01", "2025-01-31",
	                                       "2025-02-01T00:00:00.000Z", keep_figures, &x),
	                 DB_OK);
	assert_string_equal(x.s, "");
}

int main(void)
{
	secure_init();
	test_world_set(world_open, NULL);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_old_support_referrals_move_in_as_referrals_waiting_with_no_service_or_target),
	    ENGINE_TEST(
	        test_a_service_relates_to_its_force_the_forces_commissioner_and_its_provider),
	    ENGINE_TEST(test_a_service_changes_only_from_the_version_read),
	    ENGINE_TEST(
	        test_referrals_move_from_the_version_read_and_list_by_reach_provider_status_and_overdue),
	    ENGINE_TEST(
	        test_figures_count_each_services_referrals_of_the_organisations_counted_in_the_days),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/services"), tests, NULL, NULL);
}
