#include "unit/test.h"

#include "lib/arena.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "support/fixtures.h"

#include "store/migrate.h"
#include "store/services.h"
#include "support/engines.h"

void fixture_user(db *d, const char *name, const char *role, const char *org, const char *team,
                  user_rec *u)
{
	char display[sizeof u->display_name];
	snprintf(display, sizeof display, "DC %s", name);
	fixture_user_as(d, name, display, role, org, team, u);
}

void fixture_user_as(db *d, const char *name, const char *display, const char *role,
                     const char *org, const char *team, user_rec *u)
{
	memset(u, 0, sizeof *u);
	snprintf(u->username, sizeof u->username, "%s", name);
	snprintf(u->display_name, sizeof u->display_name, "%s", display);
	snprintf(u->role, sizeof u->role, "%s", role);
	snprintf(u->password_hash, sizeof u->password_hash, "$argon2id$placeholder");
	assert_int_equal(store_org_ensure(d, org, "force", u->org_id), DB_OK);
	if (team)
		assert_int_equal(store_team_ensure(d, u->org_id, team, u->team_id), DB_OK);
	assert_int_equal(store_user_insert(d, u), DB_OK);
}

void fixture_three_teams(db *d, user_rec *mine, user_rec *theirs, user_rec *far)
{
	fixture_user(d, "mine", "investigator", "Force A", "EMT", mine);
	fixture_user(d, "theirs", "investigator", "Force A", "CID", theirs);
	fixture_user(d, "far", "investigator", "Force B", "EMT", far);
}

void fixture_org(db *d, const char *name, const char *kind, const char *host, org_rec *o)
{
	memset(o, 0, sizeof *o);
	snprintf(o->name, sizeof o->name, "%s", name);
	assert_int_equal(store_org_kind_set(o, kind), 0);
	snprintf(o->host_org_id, sizeof o->host_org_id, "%s", host ? host : "");
	assert_int_equal(store_org_create(d, o), DB_OK);
}

void fixture_area(db *d, const char *force_id, org_rec *office)
{
	fixture_org(d, "North Commissioner", "opcc", NULL, office);
	assert_int_equal(store_org_area_add(d, office->id, force_id), DB_OK);
}

void fixture_two_forces(db *d, user_rec *north, user_rec *south, org_rec *office)
{
	fixture_user_as(d, "north", "DS North", "supervisor", "North Force", "EMT", north);
	fixture_user_as(d, "south", "DS South", "supervisor", "South Force", "EMT", south);
	fixture_area(d, north->org_id, office);
}

person_rec fixture_person_rec(const user_rec *by, const char *given, const char *family)
{
	person_rec p = {.given_names = given,
	                .family_name = family,
	                .aliases = "[]",
	                .estimated_age = -1,
	                .nationalities = "[]",
	                .languages = "[]"};
	memcpy(p.created_by, by->id, sizeof p.created_by);
	memcpy(p.team_id, by->team_id, sizeof p.team_id);
	return p;
}

void fixture_person(db *d, const user_rec *by, const char *given, const char *family, char id[37])
{
	static const name_index no_names;
	person_rec p = fixture_person_rec(by, given, family);
	assert_int_equal(store_person_create(d, &p, &no_names), DB_OK);
	memcpy(id, p.id, sizeof p.id);
}

case_rec fixture_case_rec(const user_rec *by, const char *title)
{
	case_rec c = {.title = title,
	              .summary = "",
	              .status = "investigating",
	              .exploitation_types = "[\"labour\"]",
	              .offences = "{\"codes\":[],\"other\":null}"};
	memcpy(c.team_id, by->team_id, sizeof c.team_id);
	memcpy(c.created_by, by->id, sizeof c.created_by);
	return c;
}

void fixture_case(db *d, const user_rec *by, const char *title, char id[37])
{
	case_rec c;
	fixture_case_dated(d, by, title, NULL, &c);
	memcpy(id, c.id, sizeof c.id);
}

void fixture_case_dated(db *d, const user_rec *by, const char *title, const char *at, case_rec *c)
{
	*c = fixture_case_rec(by, title);
	if (at)
		snprintf(c->created_at, sizeof c->created_at, "%s", at);
	assert_int_equal(store_case_create(d, c, 2025, title), DB_OK);
}

void fixture_user_with_cases(db *d, user_rec *u, char case_id[37], char other_case[37])
{
	fixture_user_as(d, "dc.one", "DC One", "investigator", "Force", "EMT", u);
	fixture_case(d, u, "Car wash", case_id);
	fixture_case(d, u, "Elsewhere", other_case);
}

void fixture_case_close(db *d, const char *case_id)
{
	arena *a = arena_new();
	assert_non_null(a);
	case_rec c;
	assert_int_equal(store_case_get(d, a, case_id, &c), DB_ROW);
	c.status = "closed";
	c.outcome = "no_further_action";
	assert_int_equal(store_case_update(d, &c, c.title), DB_OK);
	arena_free(a);
}

void fixture_lead(db *d, const char *case_id, const user_rec *to, const user_rec *previous,
                  const user_rec *by, const char *at)
{
	lead_rec l = {.failed_requirements = "[]"};
	snprintf(l.case_id, sizeof l.case_id, "%s", case_id);
	memcpy(l.user_id, to->id, sizeof l.user_id);
	memcpy(l.allocated_by, by->id, sizeof l.allocated_by);
	if (at)
		snprintf(l.allocated_at, sizeof l.allocated_at, "%s", at);
	assert_int_equal(store_lead_set(d, &l, previous ? previous->id : NULL), DB_OK);
}

int fixture_link(db *d, const user_rec *by, const char *case_id, const char *person_id,
                 const char *role, char link_id[37])
{
	case_person_rec cp = {.role = role};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", case_id);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", person_id);
	int rc = store_case_person_add(d, &cp, by->id);
	if (link_id)
		memcpy(link_id, cp.id, sizeof cp.id);
	return rc;
}

void fixture_part(db *d, const user_rec *by, const char *case_id, const char *given,
                  const char *family, const char *role, char person_id[37], char link_id[37])
{
	char person[37];
	fixture_person(d, by, given, family, person);
	assert_int_equal(fixture_link(d, by, case_id, person, role, link_id), DB_OK);
	if (person_id)
		memcpy(person_id, person, sizeof person);
}

void fixture_old_part(db *d, const user_rec *by, const char *case_id, const char *given,
                      const char *family, const char *role, char link_id[37])
{
	char person[37], now[CLOCK_ISO_LEN];
	secure_id(person);
	secure_id(link_id);
	clock_now_iso(now);
	const char *p[] = {person, given, family, by->id, now, by->team_id[0] ? by->team_id : NULL};
	assert_int_equal(db_run(d,
				"INSERT INTO people (id, given_names, family_name, aliases, nationalities, "
				"languages, created_by, created_at, updated_at, team_id) VALUES ($1, $2, "
				"$3, '[]', '[]', '[]', $4, $5, $5, $6)",
				6, p),
			 DB_OK);
	const char *l[] = {link_id, case_id, person, role, by->id, now};
	assert_int_equal(db_run(d,
				"INSERT INTO case_people (id, case_id, person_id, role, created_by, "
				"created_at) VALUES ($1, $2, $3, $4, $5, $6)",
				6, l),
			 DB_OK);
}

static int collect_people(const case_person_rec *cp, void *arg)
{
	fixture_text_add(arg, "%s %s/%s/%d;", cp->given_names, cp->family_name, cp->role,
	                 cp->victim_elsewhere);
	return 0;
}

void fixture_case_people(db *d, const char *case_id, fixture_text *out)
{
	arena *a = arena_new();
	assert_non_null(a);
	out->s[0] = '\0';
	assert_int_equal(store_case_people(d, a, case_id, collect_people, out), DB_OK);
	arena_free(a);
}

static int collect_part(const person_part *p, void *arg)
{
	fixture_text_add(arg, "%s/%s/%s/%d;", p->reference, p->role, p->org_id, p->allocated);
	return 0;
}

void fixture_person_parts(db *d, const char *person_id, const char *user_id, fixture_text *out)
{
	out->s[0] = '\0';
	assert_int_equal(store_person_parts(d, person_id, user_id, collect_part, out), DB_OK);
}

nrm_rec fixture_referral_rec(const user_rec *by, const char *case_id, const char *person_id)
{
	nrm_rec r = {.referred_on = "2025-03-03",
	             .consent = "{\"given\":true}",
	             .competent_authority = "single",
	             .status = "awaiting_reasonable_grounds",
	             .rg_due = "2025-03-10"};
	snprintf(r.case_id, sizeof r.case_id, "%s", case_id);
	snprintf(r.person_id, sizeof r.person_id, "%s", person_id);
	memcpy(r.first_responder_id, by->id, sizeof r.first_responder_id);
	return r;
}

training_rec fixture_training_rec(const user_rec *u, const char *course, const char *done,
                                  const char *expires)
{
	training_rec r = {.course = course,
	                  .provider = "College of Policing",
	                  .completed_on = done,
	                  .expires_on = expires};
	memcpy(r.user_id, u->id, sizeof r.user_id);
	memcpy(r.created_by, u->id, sizeof r.created_by);
	return r;
}

void fixture_text_add(fixture_text *t, const char *fmt, ...)
{
	size_t len = strlen(t->s);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->s + len, sizeof t->s - len, fmt, ap);
	va_end(ap);
}

void fixture_service(db *d, const user_rec *by, const char *provider, int hours, char id[37])
{
	service_rec s = {.name = "Navigators", .kind = "navigator", .languages = "[\"en\"]", .age_min = 18,
			 .age_max = 120, .capacity = -1, .response_hours = hours, .active = 1};
	snprintf(s.org_id, sizeof s.org_id, "%s", by->org_id);
	snprintf(s.provider_org_id, sizeof s.provider_org_id, "%s", provider);
	snprintf(s.created_by, sizeof s.created_by, "%s", by->id);
	assert_int_equal(store_service_add(d, &s), DB_OK);
	snprintf(id, 37, "%s", s.id);
}

void fixture_service_referral(db *d, const user_rec *by, const char *case_id, const char *link, const char *service,
			      const char *provider, const char *referred_at, const char *respond_by, char id[37])
{
	referral_rec r = {.service_id = service, .provider_org_id = provider, .need = "A safe place to stay",
			  .urgency = "routine", .respond_by = respond_by};
	snprintf(r.case_id, sizeof r.case_id, "%s", case_id);
	snprintf(r.link_id, sizeof r.link_id, "%s", link);
	snprintf(r.created_by, sizeof r.created_by, "%s", by->id);
	snprintf(r.referred_at, sizeof r.referred_at, "%s", referred_at);
	assert_int_equal(store_referral_add(d, &r), DB_OK);
	snprintf(id, 37, "%s", r.id);
}

db *fixture_db_at(const char *engine, int version)
{
	char url[512], err[256];
	assert_int_equal(test_db_create(engine, url, sizeof url), 0);
	db *d;
	assert_int_equal(db_open(url, 5000, &d, err, sizeof err), DB_OK);
	fixture_migrate_to(d, version);
	return d;
}

void fixture_migrate_to(db *d, int version)
{
	assert_int_equal(db_schema(d,
	                           "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
	                           "name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT"),
	                 DB_OK);
	for (size_t i = 0; i < migrations_count && migrations[i].version <= version; i++) {
		char ver[16];
		snprintf(ver, sizeof ver, "%d", migrations[i].version);
		const char *p[] = {ver, migrations[i].name};
		assert_int_equal(db_schema(d, migrations[i].sql), DB_OK);
		assert_int_equal(db_run(d,
		                        "INSERT INTO schema_migrations (version, name, applied_at) "
		                        "VALUES (CAST($1 AS INTEGER), $2, 'then')",
		                        2, p),
		                 DB_OK);
	}
}
