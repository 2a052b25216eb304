#include "unit/test.h"

#include "support/fixtures.h"

void fixture_user(db *d, const char *name, const char *role, const char *org, const char *team, user_rec *u)
{
	memset(u, 0, sizeof *u);
	snprintf(u->username, sizeof u->username, "%s", name);
	snprintf(u->display_name, sizeof u->display_name, "DC %s", name);
	snprintf(u->role, sizeof u->role, "%s", role);
	snprintf(u->password_hash, sizeof u->password_hash, "$argon2id$placeholder");
	assert_int_equal(store_org_ensure(d, org, "force", u->org_id), DB_OK);
	assert_int_equal(store_team_ensure(d, u->org_id, team, u->team_id), DB_OK);
	assert_int_equal(store_user_insert(d, u), DB_OK);
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

void fixture_case(db *d, const user_rec *by, const char *title, char id[37])
{
	case_rec c = {.title = title,
		      .summary = "",
		      .status = "investigating",
		      .exploitation_types = "[\"labour\"]",
		      .offences = "{\"codes\":[],\"other\":null}"};
	memcpy(c.team_id, by->team_id, sizeof c.team_id);
	memcpy(c.created_by, by->id, sizeof c.created_by);
	assert_int_equal(store_case_create(d, &c, 2025, title), DB_OK);
	memcpy(id, c.id, sizeof c.id);
}

int fixture_link(db *d, const user_rec *by, const char *case_id, const char *person_id, const char *role,
		 char link_id[37])
{
	case_person_rec cp = {.role = role};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", case_id);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", person_id);
	int rc = store_case_person_add(d, &cp, by->id);
	if (link_id)
		memcpy(link_id, cp.id, sizeof cp.id);
	return rc;
}

static int collect_people(const case_person_rec *cp, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);
	snprintf(out + len, 512 - len, "%s %s/%s/%d;", cp->given_names, cp->family_name, cp->role,
		 cp->victim_elsewhere);
	return 0;
}

void fixture_case_people(db *d, const char *case_id, char out[512])
{
	arena *a = arena_new();
	assert_non_null(a);
	out[0] = '\0';
	assert_int_equal(store_case_people(d, a, case_id, collect_people, out), DB_OK);
	arena_free(a);
}

static int collect_part(const person_part *p, void *arg)
{
	char *out = arg;
	size_t len = strlen(out);
	snprintf(out + len, 512 - len, "%s/%s/%s/%d;", p->reference, p->role, p->org_id, p->allocated);
	return 0;
}

void fixture_person_parts(db *d, const char *person_id, const char *user_id, char out[512])
{
	out[0] = '\0';
	assert_int_equal(store_person_parts(d, person_id, user_id, collect_part, out), DB_OK);
}
