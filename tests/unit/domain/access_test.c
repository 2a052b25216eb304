#include "unit/test.h"

#include "domain/access.h"

/* A force with two teams, another force, and a partner organisation. */
#define FORCE "force-a"
#define OTHER_FORCE "force-b"
#define EMT "team-emt"
#define CID "team-cid"
#define ELSEWHERE "team-b"

static unsigned rel_of(const char *user_org, const char *user_team, const char *rec_org, const char *rec_team,
		       unsigned extra)
{
	access_subject s = {ROLE_INVESTIGATOR, "user-1", user_org, user_team};
	access_record r = {rec_org, rec_team, NULL, extra};
	return access_relate(&s, &r);
}

static void test_who_reads_which_case(void **state)
{
	(void)state;
	/* role, user's org and team, case's org and team, allocated, decision */
	static const struct {
		role r;
		const char *uo, *ut, *co, *ct;
		int alloc;
		access_decision want;
	} t[] = {
		{ROLE_INVESTIGATOR, FORCE, EMT, FORCE, EMT, 0, ACCESS_ALLOW},
		{ROLE_INVESTIGATOR, FORCE, CID, FORCE, EMT, 0, ACCESS_HIDDEN},
		{ROLE_INVESTIGATOR, FORCE, CID, FORCE, EMT, 1, ACCESS_ALLOW},
		{ROLE_INVESTIGATOR, FORCE, "", FORCE, EMT, 0, ACCESS_HIDDEN},
		{ROLE_INVESTIGATOR, OTHER_FORCE, EMT, FORCE, EMT, 0, ACCESS_HIDDEN}, /* a team id is never trusted across forces */
		{ROLE_SUPERVISOR, FORCE, EMT, FORCE, EMT, 0, ACCESS_ALLOW},
		{ROLE_SUPERVISOR, FORCE, CID, FORCE, EMT, 0, ACCESS_HIDDEN},
		{ROLE_SUPERVISOR, FORCE, EMT, OTHER_FORCE, ELSEWHERE, 0, ACCESS_HIDDEN},
		{ROLE_ANALYST, FORCE, "intel", FORCE, EMT, 0, ACCESS_ALLOW},
		{ROLE_ANALYST, FORCE, "intel", OTHER_FORCE, ELSEWHERE, 0, ACCESS_HIDDEN},
		{ROLE_SAFEGUARDING, FORCE, "st", FORCE, EMT, 0, ACCESS_ALLOW},
		{ROLE_SAFEGUARDING, FORCE, "st", OTHER_FORCE, ELSEWHERE, 0, ACCESS_HIDDEN},
		{ROLE_ADMIN, FORCE, EMT, FORCE, EMT, 1, ACCESS_FORBIDDEN},
		{ROLE_AUDITOR, FORCE, EMT, FORCE, EMT, 0, ACCESS_FORBIDDEN},
		{ROLE_OPCC, FORCE, "", FORCE, EMT, 0, ACCESS_FORBIDDEN},
		{ROLE_PARTNER, "partner", "", FORCE, EMT, 0, ACCESS_FORBIDDEN},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		unsigned rel = rel_of(t[i].uo, t[i].ut, t[i].co, t[i].ct, t[i].alloc ? REL_ALLOCATED : 0);
		if (access_decide(t[i].r, KIND_CASE, ACT_READ, rel) != t[i].want)
			fail_msg("row %zu: %s", i, role_name(t[i].r));
	}
}

static void test_a_suspect_only_person_exists_only_for_who_reaches_suspects(void **state)
{
	(void)state;
	unsigned none = REL_ANY;
	unsigned team_case = rel_of(FORCE, EMT, FORCE, EMT, 0);
	unsigned force_case = rel_of(FORCE, "st", FORCE, EMT, 0);
	/* role, the person's relations other than as a suspect and as one, decision */
	const struct {
		role r;
		unsigned as_person, as_suspect;
		access_decision want;
	} t[] = {
		/* A suspect in a case of the investigator's team: they see them. */
		{ROLE_INVESTIGATOR, none, team_case, ACCESS_ALLOW},
		/* Analysts of that force see them; a safeguarding officer never
		 * does, and is told nothing exists. */
		{ROLE_ANALYST, none, force_case, ACCESS_ALLOW},
		{ROLE_SAFEGUARDING, none, force_case, ACCESS_HIDDEN},
		/* A suspect here who is a victim in the officer's force: seen as a victim. */
		{ROLE_SAFEGUARDING, force_case, force_case, ACCESS_ALLOW},
		/* An investigator of another team does not see the suspect. */
		{ROLE_INVESTIGATOR, none, rel_of(FORCE, CID, FORCE, EMT, 0), ACCESS_HIDDEN},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		unsigned rel = access_person_rel(t[i].r, t[i].as_person, t[i].as_suspect);
		if (access_decide(t[i].r, KIND_PERSON, ACT_READ, rel) != t[i].want)
			fail_msg("row %zu: %s", i, role_name(t[i].r));
	}
}

/* What each role may do with what it reaches, beyond reading a case: one
 * row a decision, grouped by the rule the rows protect. */
static void test_roles_decide_by_what_they_reach(void **state)
{
	(void)state;
	unsigned own_force = rel_of(FORCE, "st", FORCE, EMT, 0);
	unsigned own_team = rel_of(FORCE, EMT, FORCE, EMT, 0);
	unsigned far_case = rel_of(FORCE, "st", OTHER_FORCE, ELSEWHERE, 0);
	unsigned own_org = rel_of(FORCE, "", FORCE, NULL, 0);
	unsigned hosted = rel_of(FORCE, "", "partner", NULL, REL_HOSTED);
	unsigned other_org = rel_of(FORCE, "", OTHER_FORCE, NULL, 0);
	unsigned in_area = rel_of("opcc", "", FORCE, NULL, REL_AREA);
	unsigned other_team = rel_of(FORCE, CID, FORCE, EMT, 0);
	unsigned shared = rel_of("partner", "", FORCE, EMT, REL_SHARED);
	unsigned not_shared = rel_of("partner", "", FORCE, EMT, 0);
	access_subject inv = {ROLE_INVESTIGATOR, "me", FORCE, EMT};
	access_record mine = {FORCE, EMT, "me", 0}, colleague = {FORCE, EMT, "them", 0};
	const struct {
		role r;
		access_kind k;
		access_action a;
		unsigned rel;
		access_decision want;
	} t[] = {
		/* Reading a case is not changing it. Analysts read; they never
		 * write. Safeguarding officers record for victims but do not
		 * change the case itself or its suspects. */
		{ROLE_ANALYST, KIND_CASE, ACT_WRITE, own_force, ACCESS_FORBIDDEN},
		{ROLE_ANALYST, KIND_ENTRY, ACT_WRITE, own_force, ACCESS_FORBIDDEN},
		{ROLE_SAFEGUARDING, KIND_CASE, ACT_WRITE, own_force, ACCESS_FORBIDDEN},
		{ROLE_SAFEGUARDING, KIND_ENTRY, ACT_WRITE, own_force, ACCESS_ALLOW},
		{ROLE_SAFEGUARDING, KIND_SUSPECT, ACT_READ, own_force, ACCESS_FORBIDDEN},
		{ROLE_INVESTIGATOR, KIND_CASE, ACT_WRITE, own_team, ACCESS_ALLOW},
		/* Only supervisors decide: allocation, s45 approval, merging people. */
		{ROLE_INVESTIGATOR, KIND_CASE, ACT_DECIDE, own_team, ACCESS_FORBIDDEN},
		{ROLE_SUPERVISOR, KIND_CASE, ACT_DECIDE, own_team, ACCESS_ALLOW},
		{ROLE_SUPERVISOR, KIND_SUSPECT, ACT_DECIDE, own_team, ACCESS_ALLOW},
		{ROLE_SUPERVISOR, KIND_PERSON, ACT_DECIDE, own_team, ACCESS_ALLOW},
		/* Analysts never see sealed fields; those who may, only within reach. */
		{ROLE_ANALYST, KIND_SEALED, ACT_REVEAL, own_force, ACCESS_FORBIDDEN},
		{ROLE_SAFEGUARDING, KIND_SEALED, ACT_REVEAL, own_force, ACCESS_ALLOW},
		{ROLE_SAFEGUARDING, KIND_SEALED, ACT_REVEAL, far_case, ACCESS_HIDDEN},
		/* Accounts reach the force and the partners it hosts. */
		{ROLE_ADMIN, KIND_ACCOUNT, ACT_ADMINISTER, own_org, ACCESS_ALLOW},
		{ROLE_ADMIN, KIND_ACCOUNT, ACT_ADMINISTER, hosted, ACCESS_ALLOW},
		{ROLE_ADMIN, KIND_ACCOUNT, ACT_ADMINISTER, other_org, ACCESS_HIDDEN},
		{ROLE_SUPERVISOR, KIND_ACCOUNT, ACT_READ, own_org, ACCESS_FORBIDDEN},
		/* The audit log: the auditor's own organisation and those it hosts. */
		{ROLE_AUDITOR, KIND_AUDIT, ACT_READ, hosted, ACCESS_ALLOW},
		{ROLE_AUDITOR, KIND_AUDIT, ACT_READ, other_org, ACCESS_HIDDEN},
		/* Caseloads show to the member, their supervisors, and as counts
		 * to administrators. */
		{ROLE_INVESTIGATOR, KIND_CASELOAD, ACT_READ, access_relate(&inv, &mine), ACCESS_ALLOW},
		{ROLE_INVESTIGATOR, KIND_CASELOAD, ACT_READ, access_relate(&inv, &colleague), ACCESS_HIDDEN},
		{ROLE_SUPERVISOR, KIND_CASELOAD, ACT_READ, own_team, ACCESS_ALLOW},
		{ROLE_SUPERVISOR, KIND_CASELOAD, ACT_READ, other_team, ACCESS_HIDDEN},
		{ROLE_SUPERVISOR, KIND_WORKLOAD, ACT_READ, other_team, ACCESS_HIDDEN},
		{ROLE_ADMIN, KIND_CASELOAD, ACT_READ, other_team, ACCESS_FORBIDDEN},
		{ROLE_ADMIN, KIND_WORKLOAD, ACT_READ, other_team, ACCESS_ALLOW},
		/* Figures count the force or the Commissioner's area. */
		{ROLE_SUPERVISOR, KIND_FIGURES, ACT_READ, own_org, ACCESS_ALLOW},
		{ROLE_ANALYST, KIND_FIGURES, ACT_READ, other_org, ACCESS_HIDDEN},
		{ROLE_OPCC, KIND_FIGURES, ACT_READ, in_area, ACCESS_ALLOW},
		{ROLE_OPCC, KIND_FIGURES, ACT_READ, other_org, ACCESS_HIDDEN},
		{ROLE_OPCC, KIND_CASE, ACT_READ, in_area, ACCESS_FORBIDDEN},
		{ROLE_INVESTIGATOR, KIND_FIGURES, ACT_READ, own_org, ACCESS_FORBIDDEN},
		/* Partners reach only what was shared, and reading it is not
		 * recording in it. */
		{ROLE_PARTNER, KIND_ENTRY, ACT_READ, shared, ACCESS_ALLOW},
		{ROLE_PARTNER, KIND_ENTRY, ACT_READ, not_shared, ACCESS_HIDDEN},
		{ROLE_PARTNER, KIND_ENTRY, ACT_WRITE, shared, ACCESS_FORBIDDEN},
		/* Sharing reaches no further than what was shared: not the force's. */
		{ROLE_INVESTIGATOR, KIND_CASE, ACT_READ, REL_ANY | REL_SHARED, ACCESS_HIDDEN},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		access_decision got = access_decide(t[i].r, t[i].k, t[i].a, t[i].rel);
		if (got != t[i].want)
			fail_msg("row %zu: %s decided %d, want %d", i, role_name(t[i].r), (int)got,
				 (int)t[i].want);
	}
}

static void test_scopes_widen_in_order(void **state)
{
	(void)state;
	for (int s = SCOPE_OWN; s <= SCOPE_ORG; s++)
		assert_int_equal(access_scope_mask((access_scope)s) & access_scope_mask((access_scope)(s - 1)),
				 access_scope_mask((access_scope)(s - 1)));
	assert_int_equal(access_scope_mask(SCOPE_NONE), 0);
	assert_false(access_scope_mask(SCOPE_SHARED) & REL_ORG);
	assert_false(access_scope_mask(SCOPE_AREA) & REL_HOSTED);
	/* An empty team never matches an empty team. */
	assert_false(rel_of(FORCE, "", FORCE, "", 0) & REL_TEAM);
	assert_false(rel_of(FORCE, NULL, FORCE, NULL, 0) & REL_TEAM);
}

static void test_every_role_reads_its_own_account_and_nothing_by_default(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		assert_true(access_role_may((role)r, KIND_SELF, ACT_READ));
		assert_true(access_role_may((role)r, KIND_REFERENCE, ACT_READ));
		/* No role exports case data, and none administers it. */
		for (int k = KIND_CASE; k <= KIND_SEALED; k++) {
			assert_false(access_role_may((role)r, (access_kind)k, ACT_EXPORT));
			assert_false(access_role_may((role)r, (access_kind)k, ACT_ADMINISTER));
		}
	}
	assert_int_equal(access_scope_of(ROLE_COUNT, KIND_CASE, ACT_READ), SCOPE_NONE);
	assert_int_equal(access_scope_of(ROLE_ADMIN, KIND_COUNT, ACT_READ), SCOPE_NONE);
}

/* docs/security.md carries the table between two markers, word for word. */
static void test_the_document_shows_the_table(void **state)
{
	(void)state;
	static const char begin[] = "<!-- access table: begin (made by access_table_markdown) -->\n";
	static const char end[] = "<!-- access table: end -->";
	FILE *f = fopen("docs/security.md", "rb");
	assert_non_null(f);
	static char doc[1 << 17];
	size_t n = fread(doc, 1, sizeof doc - 1, f);
	fclose(f);
	doc[n] = '\0';
	const char *a = strstr(doc, begin), *b = a ? strstr(a, end) : NULL;
	if (!a || !b)
		fail_msg("docs/security.md lacks the markers around the access table");
	a += strlen(begin);
	static char want[1 << 16];
	size_t len = access_table_markdown(want, sizeof want);
	assert_true(len < sizeof want);
	if ((size_t)(b - a) != len || memcmp(a, want, len) != 0) {
		fprintf(stderr, "docs/security.md should hold, between the markers:\n%s", want);
		fail_msg("docs/security.md and the access table disagree");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_reads_which_case),
		cmocka_unit_test(test_a_suspect_only_person_exists_only_for_who_reaches_suspects),
		cmocka_unit_test(test_roles_decide_by_what_they_reach),
		cmocka_unit_test(test_scopes_widen_in_order),
		cmocka_unit_test(test_every_role_reads_its_own_account_and_nothing_by_default),
		cmocka_unit_test(test_the_document_shows_the_table),
	};
	return cmocka_run_group_tests_name("domain/access", tests, NULL, NULL);
}
