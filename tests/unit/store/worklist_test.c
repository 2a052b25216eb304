/* The records behind the worklist in the store, on both engines: each kind
 * of row at the edges of its window, only within the reach it is drawn
 * from, and never from closed cases but for orders. The store names no
 * order for the rows (the API sorts them), so each test compares the rows
 * as a sorted set. */
#include "unit/test.h"

#include "lib/secure.h"
#include "store/accounts.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/nrm.h"
#include "store/orders.h"
#include "store/people.h"
#include "store/staff.h"
#include "store/victims.h"
#include "store/worklist.h"
#include "support/engines.h"
#include "support/fixtures.h"

/* The day the worklist is drawn, and the ends of its windows. */
#define TODAY "2025-06-02"
static const worklist_bounds bounds = {.today = TODAY,
                                       .recovery_until = "2025-06-16",
                                       .orders_until = "2025-07-02",
                                       .training_until = "2025-07-02",
                                       .indicators_before = "2025-05-20T00:00:00.000Z"};

static void set_id(char dst[37], const char *id)
{
	snprintf(dst, 37, "%s", id);
}

/* What each test stands on, made anew on its database by world_open: North
 * Force's teams EMT (the worklist's user, "me") and CID, and South Force;
 * each case and person is given a label that the rows are read by. */
static struct {
	user_rec me, mate, cid, far;
	int nlabels;
	struct {
		char id[37];
		char label[32];
	} labels[48];
} w;

static void label(const char *id, const char *name)
{
	assert_true(w.nlabels < 48);
	set_id(w.labels[w.nlabels].id, id);
	snprintf(w.labels[w.nlabels].label, sizeof w.labels[0].label, "%s", name);
	w.nlabels++;
}

static const char *label_of(const char *id)
{
	for (int i = 0; i < w.nlabels; i++)
		if (strcmp(w.labels[i].id, id) == 0)
			return w.labels[i].label;
	return "?";
}

static void make_user(db *d, const char *name, const char *org, const char *team, user_rec *u)
{
	fixture_user_as(d, name, name, "investigator", org, team, u);
	label(u->id, name);
}

static void world_open(db *d)
{
	memset(&w, 0, sizeof w);
	make_user(d, "me", "North Force", "EMT", &w.me);
	make_user(d, "mate", "North Force", "EMT", &w.mate);
	make_user(d, "cid", "North Force", "CID", &w.cid);
	make_user(d, "far", "South Force", "EMT", &w.far);
}

/* A case of the user's team, and its label. */
static void make_case(db *d, const user_rec *of, const char *name, char id[37])
{
	fixture_case(d, of, name, id);
	label(id, name);
}

static void lead(db *d, const char *case_id, const user_rec *to, const user_rec *previous)
{
	fixture_lead(d, case_id, to, previous, &w.me, NULL);
}

/* A person in the case in the role, with a single point of contact and a
 * strategy when a potential victim (so that care shows only when a test
 * leaves it out). Writes the link's id when link is not NULL. */
static void add_person(db *d, const char *case_id, const char *name, const char *role, char id[37],
                       char *link)
{
	char link_id[37];
	fixture_part(d, &w.me, case_id, name, "", role, id, link_id);
	label(id, name);
	if (link)
		set_id(link, link_id);
	if (strcmp(role, "potential_victim") == 0) {
		care_rec c = {.spoc_name = "DC Me",
		              .spoc_kind = "officer",
		              .strategy = "weekly calls",
		              .vps_offered = -1};
		set_id(c.link_id, link_id);
		assert_int_equal(store_care_put(d, &c, w.me.id), DB_OK);
	}
}

static void add_referral(db *d, const char *case_id, const char *person_id, const char *status,
                         const char *rg_due, const char *recovery_end, const char *withdrawn_on)
{
	nrm_rec r = fixture_referral_rec(&w.me, case_id, person_id);
	r.rg_due = rg_due;
	assert_int_equal(store_nrm_create(d, &r), DB_OK);
	if (strcmp(status, r.status) != 0) {
		r.status = status;
		r.recovery_period_end = recovery_end;
		r.withdrawn_on = withdrawn_on;
		assert_int_equal(store_nrm_update(d, &r), DB_OK);
	}
}

static void add_indicator(db *d, const char *link, const char *code, const char *at)
{
	char id[37];
	assert_int_equal(store_indicator_add(d, link, code, NULL, w.me.id, id), DB_OK);
	const char *p[] = {at, id};
	assert_int_equal(db_run(d, "UPDATE indicators SET recorded_at = $1 WHERE id = $2", 2, p),
	                 DB_OK);
}

/* Rows as sorted "kind:label;" text, the label of the row's person (or of
 * its case, when it has none). */
typedef struct drawn {
	const char *only; /* one kind, or NULL for all */
	int n;
	char v[32][96];
	char whens[32][32];
} drawn;

static int keep_row(const work_row *r, void *arg)
{
	drawn *x = arg;
	if (x->only && strcmp(r->kind, x->only) != 0)
		return 0;
	assert_true(x->n < 32);
	const char *who = r->person_id[0] ? label_of(r->person_id) : label_of(r->case_id);
	snprintf(x->v[x->n], sizeof x->v[0], "%s:%s", r->kind, who);
	snprintf(x->whens[x->n], sizeof x->whens[0], "%s", r->when ? r->when : "");
	x->n++;
	return 0;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The rows drawn for the scope, of one kind or all, as sorted text. */
static const char *draw(db *d, const worklist_scope *sc, const char *only, char *out, size_t len)
{
	drawn x = {.only = only};
	assert_int_equal(store_worklist(d, sc, &bounds, keep_row, &x), DB_OK);
	qsort(x.v, (size_t)x.n, sizeof x.v[0], by_text);
	out[0] = '\0';
	for (int i = 0; i < x.n; i++) {
		size_t used = strlen(out);
		snprintf(out + used, len - used, "%s;", x.v[i]);
	}
	return out;
}

/* The when of the only row of the kind for the label. */
static const char *when_of(db *d, const worklist_scope *sc, const char *kind, const char *who,
                           char *out, size_t len)
{
	drawn x = {.only = kind};
	assert_int_equal(store_worklist(d, sc, &bounds, keep_row, &x), DB_OK);
	char want[96];
	snprintf(want, sizeof want, "%s:%s", kind, who);
	out[0] = '\0';
	for (int i = 0; i < x.n; i++)
		if (strcmp(x.v[i], want) == 0)
			snprintf(out, len, "%s", x.whens[i]);
	return out;
}

/* Everything of the user's team, as a member of it sees the worklist. */
static worklist_scope team_scope(void)
{
	worklist_scope sc = {.entries = {.team_id = w.me.team_id},
	                     .suspects = {.team_id = w.me.team_id},
	                     .allocating = {.team_id = w.me.team_id},
	                     .user_id = w.me.id,
	                     .staff_team_id = w.me.team_id};
	return sc;
}

static void expect(const char *engine, const char *what, const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("%s: %s: got \"%s\", want \"%s\"", engine, what, got, want);
}

/* Referrals awaiting a decision are listed from their target day on, and
 * recovery periods within the window up to its last day; each person's
 * referral is at one edge or the other of one of them. */
static void test_worklist_lists_referrals_past_their_target_and_recovery_periods_ending(db *d)
{
	static const struct {
		const char *name, *status, *rg_due, *recovery_end, *withdrawn_on;
	} refs[] = {
	    {"overdue", "awaiting_reasonable_grounds", "2025-06-01", NULL, NULL},
	    {"due_today", "awaiting_reasonable_grounds", TODAY, NULL, NULL},
	    {"not_yet_due", "awaiting_reasonable_grounds", "2025-06-09", NULL, NULL},
	    {"decided", "reasonable_grounds_negative", "2025-05-20", NULL, NULL},
	    {"withdrawn", "withdrawn", "2025-05-20", NULL, "2025-05-21"},
	    {"ended_yesterday", "reasonable_grounds_positive", "2025-05-01", "2025-06-01", NULL},
	    {"ends_today", "reasonable_grounds_positive", "2025-05-01", TODAY, NULL},
	    {"ends_last_day", "reasonable_grounds_positive", "2025-05-01", "2025-06-16", NULL},
	    {"ends_after", "reasonable_grounds_positive", "2025-05-01", "2025-06-17", NULL},
	    {"concluded", "conclusive_grounds_positive", "2025-05-01", "2025-06-05", NULL},
	};
	static const struct {
		const char *kind, *who, *when;
	} whens[] = {
	    {"reasonable_grounds_overdue", "overdue", "2025-06-01"},
	    {"recovery_period_ending", "ends_last_day", "2025-06-16"},
	};
	char c[37], pid[37];
	make_case(d, &w.me, "case", c);
	lead(d, c, &w.me, NULL);
	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		add_person(d, c, refs[i].name, "potential_victim", pid, NULL);
		add_referral(d, c, pid, refs[i].status, refs[i].rg_due, refs[i].recovery_end,
		             refs[i].withdrawn_on);
	}
	worklist_scope sc = team_scope();
	char got[1024], when[32];
	expect(test_engine_now(), "overdue referrals and recovery periods ending",
	       draw(d, &sc, NULL, got, sizeof got),
	       "reasonable_grounds_overdue:overdue;recovery_period_ending:ends_last_day;"
	       "recovery_period_ending:ends_today;");
	for (size_t i = 0; i < sizeof whens / sizeof whens[0]; i++)
		expect(test_engine_now(), whens[i].who,
		       when_of(d, &sc, whens[i].kind, whens[i].who, when, sizeof when),
		       whens[i].when);
}

static void test_worklist_lists_people_with_indicators_but_no_referral_or_notification(db *d)
{
	char c[37], other[37], pid[37], link[37];
	make_case(d, &w.me, "case", c);
	make_case(d, &w.me, "other", other);
	lead(d, c, &w.me, NULL);
	lead(d, other, &w.me, NULL);
	/* Indicators long enough ago, and nothing filed: listed from the first. */
	add_person(d, c, "unreferred", "witness", pid, link);
	add_indicator(d, link, "debt_bondage", "2025-05-10T09:00:00.000Z");
	add_indicator(d, link, "no_id_documents", "2025-05-01T09:00:00.000Z");
	/* Exactly at the bound: listed. */
	add_person(d, c, "at_bound", "other", pid, link);
	add_indicator(d, link, "debt_bondage", bounds.indicators_before);
	/* Too recent to be late yet. */
	add_person(d, c, "recent", "witness", pid, link);
	add_indicator(d, link, "debt_bondage", "2025-05-25T09:00:00.000Z");
	/* Referred in another case, or notified there: not missing. */
	add_person(d, c, "referred_elsewhere", "witness", pid, link);
	add_indicator(d, link, "debt_bondage", "2025-05-01T09:00:00.000Z");
	add_referral(d, other, pid, "awaiting_reasonable_grounds", "2025-06-20", NULL, NULL);
	add_person(d, c, "notified_elsewhere", "witness", pid, link);
	add_indicator(d, link, "debt_bondage", "2025-05-01T09:00:00.000Z");
	dtn_rec n = {.submitted_on = "2025-05-02"};
	set_id(n.case_id, other);
	set_id(n.person_id, pid);
	set_id(n.created_by, w.me.id);
	assert_int_equal(store_dtn_create(d, &n), DB_OK);
	/* A withdrawn referral leaves the referral missing. */
	add_person(d, c, "withdrawn", "witness", pid, link);
	add_indicator(d, link, "debt_bondage", "2025-05-01T09:00:00.000Z");
	add_referral(d, c, pid, "withdrawn", "2025-06-20", NULL, "2025-05-15");
	/* No indicators, nothing missing. */
	add_person(d, c, "no_indicators", "witness", pid, NULL);
	/* A suspect with indicators: only for those who reach suspects. */
	add_person(d, c, "suspect", "suspect", pid, link);
	add_indicator(d, link, "debt_bondage", "2025-05-01T09:00:00.000Z");
	worklist_scope sc = team_scope();
	char got[1024], when[32];
	expect(test_engine_now(), "referrals missing", draw(d, &sc, NULL, got, sizeof got),
	       "referral_missing:at_bound;referral_missing:suspect;referral_missing:"
	       "unreferred;"
	       "referral_missing:withdrawn;");
	assert_string_equal(when_of(d, &sc, "referral_missing", "unreferred", when, sizeof when),
	                    "2025-05-01T09:00:00.000Z");
	worklist_scope no_suspects = sc;
	no_suspects.suspects = (store_reach){0};
	expect(test_engine_now(), "referrals missing, suspects out of reach",
	       draw(d, &no_suspects, NULL, got, sizeof got),
	       "referral_missing:at_bound;referral_missing:unreferred;referral_missing:"
	       "withdrawn;");
}

static void test_worklist_lists_open_victim_updates_and_missing_care(db *d)
{
	char c[37], pid[37], updated[37], waiting[37], no_care[37], no_strategy[37];
	make_case(d, &w.me, "case", c);
	lead(d, c, &w.me, NULL);
	add_person(d, c, "waiting", "potential_victim", pid, waiting);
	add_person(d, c, "updated", "potential_victim", pid, updated);
	event_rec ev = {.kind = "arrest", .occurred_on = "2025-05-28"};
	set_id(ev.case_id, c);
	set_id(ev.created_by, w.me.id);
	assert_int_equal(store_case_event_add(d, &ev), DB_OK);
	assert_int_equal(store_update_due_add(d, c, waiting, ev.id, "2025-06-04"), DB_OK);
	assert_int_equal(store_update_due_add(d, c, updated, ev.id, "2025-06-04"), DB_OK);
	contact_rec call = {.contacted_on = "2025-05-30",
	                    .method = "phone",
	                    .summary = "told of arrest",
	                    .is_update = 1};
	set_id(call.case_id, c);
	set_id(call.link_id, updated);
	set_id(call.created_by, w.me.id);
	int closed = 0;
	assert_int_equal(store_contact_add(d, &call, &closed), DB_OK);
	assert_int_equal(closed, 1);
	/* Care: none kept, or a single point of contact without a strategy. */
	add_person(d, c, "no_care", "potential_victim", pid, no_care);
	assert_int_equal(db_run(d, "DELETE FROM victim_care WHERE case_person_id = $1", 1,
	                        (const char *[]){no_care}),
	                 DB_OK);
	add_person(d, c, "no_strategy", "potential_victim", pid, no_strategy);
	care_rec half = {.spoc_name = "DC Me", .spoc_kind = "officer", .vps_offered = -1};
	set_id(half.link_id, no_strategy);
	assert_int_equal(store_care_put(d, &half, w.me.id), DB_OK);
	add_person(d, c, "witness", "witness", pid, NULL);
	worklist_scope sc = team_scope();
	char got[1024], when[32];
	expect(test_engine_now(), "victims' items", draw(d, &sc, NULL, got, sizeof got),
	       "spoc_missing:no_care;strategy_missing:no_strategy;victim_update_due:waiting;");
	assert_string_equal(when_of(d, &sc, "victim_update_due", "waiting", when, sizeof when),
	                    "2025-06-04");
}

static void test_worklist_lists_orders_expiring_even_in_closed_cases(db *d)
{
	static const struct {
		const char *name, *expires_on;
		int closed, other_team;
	} orders[] = {
	    {"expires_today", TODAY, 0, 0},
	    {"expires_last_day", "2025-07-02", 0, 0},
	    {"expires_in_closed_case", "2025-06-20", 1, 0},
	    {"expired", "2025-06-01", 0, 0},
	    {"expires_later", "2025-07-03", 0, 0},
	    {"until_further_order", NULL, 0, 0},
	    {"other_teams", "2025-06-20", 0, 1},
	};
	for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++) {
		char c[37], pid[37];
		make_case(d, orders[i].other_team ? &w.cid : &w.me, orders[i].name, c);
		lead(d, c, orders[i].other_team ? &w.cid : &w.me, NULL);
		add_person(d, c, orders[i].name, "suspect", pid, NULL);
		order_rec o = {.kind = "stpo",
		               .court = "Leeds Crown Court",
		               .applicant = "North Force",
		               .made_on = "2023-06-01",
		               .expires_on = orders[i].expires_on,
		               .prohibitions = "[]"};
		set_id(o.case_id, c);
		set_id(o.person_id, pid);
		set_id(o.created_by, w.me.id);
		assert_int_equal(store_order_add(d, &o), DB_OK);
		if (orders[i].closed)
			fixture_case_close(d, c);
	}
	worklist_scope sc = team_scope();
	char got[1024];
	expect(test_engine_now(), "orders expiring",
	       draw(d, &sc, "order_expiring", got, sizeof got),
	       "order_expiring:expires_in_closed_case;order_expiring:expires_last_day;"
	       "order_expiring:expires_today;");
	/* Orders are drawn from the suspects' reach, not the entries'. */
	worklist_scope entries_only = sc;
	entries_only.suspects = (store_reach){0};
	expect(test_engine_now(), "orders, suspects out of reach",
	       draw(d, &entries_only, "order_expiring", got, sizeof got), "");
}

static void test_worklist_lists_open_cases_without_a_lead_within_allocating_reach(db *d)
{
	char unled[37], led[37], reallocated[37], closed[37], cids[37], fars[37];
	make_case(d, &w.me, "unled", unled);
	make_case(d, &w.me, "led", led);
	make_case(d, &w.me, "reallocated", reallocated);
	make_case(d, &w.me, "closed", closed);
	make_case(d, &w.cid, "cids", cids);
	make_case(d, &w.far, "fars", fars);
	lead(d, led, &w.me, NULL);
	lead(d, reallocated, &w.me, NULL);
	lead(d, reallocated, &w.mate, &w.me);
	fixture_case_close(d, closed);
	static const struct {
		const char *what;
		int team, org;
		const char *expected;
	} rows[] = {
	    {"a team's", 1, 0, "case_unallocated:unled;"},
	    {"a force's", 0, 1, "case_unallocated:cids;case_unallocated:unled;"},
	    {"nobody's", 0, 0, ""},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		worklist_scope sc = team_scope();
		sc.allocating = (store_reach){.team_id = rows[i].team ? w.me.team_id : NULL,
		                              .org_id = rows[i].org ? w.me.org_id : NULL};
		char got[1024];
		char what[64];
		snprintf(what, sizeof what, "unallocated cases, %s", rows[i].what);
		expect(test_engine_now(), what, draw(d, &sc, "case_unallocated", got, sizeof got),
		       rows[i].expected);
	}
}

static void add_training(db *d, const user_rec *u, const char *course, const char *expires_on)
{
	training_rec r = fixture_training_rec(u, course, "2022-01-01", expires_on);
	assert_int_equal(store_training_add(d, &r), DB_OK);
}

static void test_worklist_lists_training_expiring_for_the_user_and_their_teams_staff(db *d)
{
	user_rec gone;
	make_user(d, "gone", "North Force", "EMT", &gone);
	add_training(d, &w.me, "specialist_msht_investigation", "2025-07-02"); /* the last day */
	add_training(d, &w.me, "first_aid", "2025-06-10");
	add_training(d, &w.me, "first_aid", "2028-06-10"); /* renewed */
	add_training(d, &w.me, "child_criminal_exploitation", "2025-07-03");
	add_training(d, &w.mate, "first_aid", "2025-05-01"); /* lapsed already */
	add_training(d, &w.cid, "first_aid", "2025-06-10");
	add_training(d, &gone, "first_aid", "2025-06-10");
	gone.disabled = 1;
	assert_int_equal(store_user_update(d, &gone), DB_OK);
	worklist_scope sc = team_scope();
	char got[1024], when[32];
	expect(test_engine_now(), "training, the team's staff",
	       draw(d, &sc, "training_expiring", got, sizeof got),
	       "training_expiring:mate;training_expiring:me;");
	assert_string_equal(when_of(d, &sc, "training_expiring", "me", when, sizeof when),
	                    "2025-07-02");
	sc.staff_team_id = NULL;
	expect(test_engine_now(), "training, their own only",
	       draw(d, &sc, "training_expiring", got, sizeof got), "training_expiring:me;");
	sc.staff_team_id = "";
	expect(test_engine_now(), "training, an empty team",
	       draw(d, &sc, "training_expiring", got, sizeof got), "training_expiring:me;");
}

/* One overdue referral in each of several cases; which are listed follows
 * the reach of entries, and closed cases list none. */
static void test_worklist_keeps_to_the_reach_and_leaves_closed_cases_out(db *d)
{
	static const struct {
		const char *name;
		int owner, lead; /* 0 me and 1 mate (EMT), 2 cid (CID), 3 far (South Force) */
		int lent_to_me, closed;
	} cases[] = {
	    {"mine", 0, 0, 0, 0},      {"teams", 0, 1, 0, 0}, {"closed", 0, 0, 0, 1},
	    {"cids_lent", 2, 2, 1, 0}, {"cids", 2, 2, 0, 0},  {"fars", 3, 3, 0, 0},
	};
	const user_rec *users[] = {&w.me, &w.mate, &w.cid, &w.far};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const user_rec *owner = users[cases[i].owner];
		char c[37], pid[37];
		make_case(d, owner, cases[i].name, c);
		lead(d, c, users[cases[i].lead], NULL);
		if (cases[i].lent_to_me) {
			const char *p[] = {c, w.me.id, "2025-05-01T00:00:00.000Z"};
			assert_int_equal(db_run(d,
			                        "INSERT INTO case_allocations (case_id, user_id, "
			                        "allocated_at) VALUES ($1, $2, $3)",
			                        3, p),
			                 DB_OK);
		}
		add_person(d, c, cases[i].name, "potential_victim", pid, NULL);
		add_referral(d, c, pid, "awaiting_reasonable_grounds", "2025-05-20", NULL, NULL);
		if (cases[i].closed)
			fixture_case_close(d, c);
	}
	static const struct {
		const char *what;
		int user, team, org;
		const char *expected;
	} reaches[] = {
	    {"allocated to the user", 1, 0, 0,
	     "reasonable_grounds_overdue:cids_lent;reasonable_grounds_overdue:mine;"},
	    {"the user's team", 0, 1, 0,
	     "reasonable_grounds_overdue:mine;reasonable_grounds_overdue:teams;"},
	    {"the user's team and allocations", 1, 1, 0,
	     "reasonable_grounds_overdue:cids_lent;reasonable_grounds_overdue:mine;"
	     "reasonable_grounds_overdue:teams;"},
	    {"the user's force", 0, 0, 1,
	     "reasonable_grounds_overdue:cids;reasonable_grounds_overdue:cids_lent;"
	     "reasonable_grounds_overdue:mine;reasonable_grounds_overdue:teams;"},
	    {"nothing", 0, 0, 0, ""},
	};
	for (size_t i = 0; i < sizeof reaches / sizeof reaches[0]; i++) {
		worklist_scope sc = {.entries = {.user_id = reaches[i].user ? w.me.id : NULL,
		                                 .team_id = reaches[i].team ? w.me.team_id : NULL,
		                                 .org_id = reaches[i].org ? w.me.org_id : NULL},
		                     .user_id = w.me.id};
		char got[1024];
		expect(test_engine_now(), reaches[i].what, draw(d, &sc, NULL, got, sizeof got),
		       reaches[i].expected);
	}
}

static int stop_at_first(const work_row *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 9;
}

static void test_worklist_stops_when_the_caller_says_so(db *d)
{
	char a[37], b[37];
	make_case(d, &w.me, "a", a);
	make_case(d, &w.me, "b", b);
	worklist_scope sc = team_scope();
	int calls = 0;
	assert_int_equal(store_worklist(d, &sc, &bounds, stop_at_first, &calls), 9);
	assert_int_equal(calls, 1);
}

int main(void)
{
	secure_init();
	test_world_set(world_open, NULL);
	const struct CMUnitTest tests[] = {
	    ENGINE_TEST(
	        test_worklist_lists_referrals_past_their_target_and_recovery_periods_ending),
	    ENGINE_TEST(test_worklist_lists_people_with_indicators_but_no_referral_or_notification),
	    ENGINE_TEST(test_worklist_lists_open_victim_updates_and_missing_care),
	    ENGINE_TEST(test_worklist_lists_orders_expiring_even_in_closed_cases),
	    ENGINE_TEST(test_worklist_lists_open_cases_without_a_lead_within_allocating_reach),
	    ENGINE_TEST(test_worklist_lists_training_expiring_for_the_user_and_their_teams_staff),
	    ENGINE_TEST(test_worklist_keeps_to_the_reach_and_leaves_closed_cases_out),
	    ENGINE_TEST(test_worklist_stops_when_the_caller_says_so),
	};
	return cmocka_run_group_tests_name(test_suite_name("store/worklist"), tests, NULL, NULL);
}
