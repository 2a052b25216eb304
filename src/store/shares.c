#include "store/shares.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"

int store_consent_add(db *d, consent_rec *c)
{
	secure_id(c->id);
	clock_now_iso(c->recorded_at);
	int rc = DB_OK;
	if (!c->given) {
		const char *w[] = {c->recorded_at, c->recorded_by, c->person_id};
		rc = db_run(d,
			    "UPDATE consents SET withdrawn_at = $1, withdrawn_by = $2 WHERE person_id = $3 AND "
			    "given = 1 AND withdrawn_at IS NULL",
			    3, w);
	}
	const char *p[] = {c->id,	   c->person_id, c->given ? "1" : "0", c->purposes,    c->method,
			   c->language,   c->interpreter, c->recorded_at,	  c->recorded_by};
	if (rc == DB_OK)
		rc = db_run(d,
			    "INSERT INTO consents (id, person_id, given, purposes, method, language, interpreter, "
			    "recorded_at, recorded_by) VALUES ($1, $2, CAST($3 AS INTEGER), $4, $5, $6, $7, $8, $9)",
			    9, p);
	return rc;
}

static int read_consent(arena *a, db_stmt *s, void *rec)
{
	consent_rec *c = rec;
	db_col_copy(s, 0, c->id, sizeof c->id);
	db_col_copy(s, 1, c->person_id, sizeof c->person_id);
	c->given = (int)db_col_int(s, 2);
	c->purposes = db_col_dup(s, 3, a);
	c->method = db_col_dup(s, 4, a);
	c->language = db_col_dup(s, 5, a);
	c->interpreter = db_col_dup(s, 6, a);
	db_col_copy(s, 7, c->recorded_at, sizeof c->recorded_at);
	db_col_copy(s, 8, c->recorded_by, sizeof c->recorded_by);
	c->recorded_by_name = db_col_dup(s, 9, a);
	c->withdrawn_at = db_col_dup(s, 10, a);
	return c->purposes && c->method && c->language && c->interpreter && c->recorded_by_name ? DB_OK : DB_NOMEM;
}

int store_consent_current(db *d, arena *a, const char *person_id, consent_rec *c)
{
	const char *p[] = {person_id};
	return db_get(d, a,
		      "SELECT c.id, c.person_id, c.given, c.purposes, c.method, c.language, c.interpreter, "
		      "c.recorded_at, c.recorded_by, u.display_name, c.withdrawn_at FROM consents c JOIN users u "
		      "ON u.id = c.recorded_by WHERE c.person_id = $1 ORDER BY c.recorded_at DESC, c.id DESC "
		      "LIMIT 1",
		      1, p, read_consent, c);
}

int store_share_add(db *d, share_rec *s)
{
	secure_id(s->id);
	clock_now_iso(s->created_at);
	s->version = 1;
	const char *p[] = {s->id,     s->case_id,	 s->link_id,	s->person_id, s->org_id,     s->sections,
			   s->purpose, s->basis,	 s->reason,	s->expires_on, s->created_by, s->created_at};
	return db_run(d,
		      "INSERT INTO shares (id, case_id, case_person_id, person_id, org_id, sections, purpose, basis, "
		      "reason, expires_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
		      "$10, $11, $12)",
		      12, p);
}

/* The columns every read of a share takes, in read_share's order. */
#define SHARE_COLUMNS                                                                                        \
	"s.id, s.case_id, s.case_person_id, s.person_id, s.org_id, s.sections, s.purpose, s.basis, s.reason, " \
	"s.expires_on, s.created_by, s.created_at, s.ended_at, s.end_reason, s.end_note, s.version, o.name, "  \
	"cu.display_name, eu.display_name, c.reference, c.team_id, t.org_id, p.given_names, p.family_name "
#define SHARE_FROM                                                                                            \
	"FROM shares s JOIN orgs o ON o.id = s.org_id JOIN users cu ON cu.id = s.created_by LEFT JOIN users eu " \
	"ON eu.id = s.ended_by JOIN cases c ON c.id = s.case_id JOIN teams t ON t.id = c.team_id JOIN people p " \
	"ON p.id = s.person_id "

static int read_share(arena *a, db_stmt *st, void *rec)
{
	share_rec *s = rec;
	char *const ids[] = {s->id, s->case_id, s->link_id, s->person_id, s->org_id};
	for (int i = 0; i < 5; i++)
		db_col_copy(st, i, ids[i], SECURE_ID_LEN);
	const char **text[] = {&s->sections, &s->purpose, &s->basis, &s->reason, &s->expires_on};
	for (int i = 0; i < 5; i++)
		*text[i] = db_col_dup(st, 5 + i, a);
	db_col_copy(st, 10, s->created_by, sizeof s->created_by);
	db_col_copy(st, 11, s->created_at, sizeof s->created_at);
	s->ended_at = db_col_dup(st, 12, a);
	s->end_reason = db_col_dup(st, 13, a);
	s->end_note = db_col_dup(st, 14, a);
	s->version = db_col_int(st, 15);
	const char **more[] = {&s->org_name,	   &s->created_by_name, &s->ended_by_name, &s->case_reference,
			       &s->case_team_id, &s->case_org_id,	  &s->given_names,   &s->family_name};
	for (int i = 0; i < 8; i++)
		*more[i] = db_col_dup(st, 16 + i, a);
	return s->sections && s->purpose && s->basis && s->expires_on && s->org_name && s->created_by_name &&
			       s->case_reference && s->case_team_id && s->case_org_id && s->given_names &&
			       s->family_name
		       ? DB_OK
		       : DB_NOMEM;
}

int store_share_get(db *d, arena *a, const char *id, share_rec *s)
{
	const char *p[] = {id};
	return db_get(d, a, "SELECT " SHARE_COLUMNS SHARE_FROM "WHERE s.id = $1", 1, p, read_share, s);
}

int store_share_end(db *d, const char *id, const char *actor_id, const char *note, const char *now)
{
	const char *p[] = {now, actor_id, note, id};
	return db_change(d,
			 "UPDATE shares SET ended_at = $1, ended_by = $2, end_reason = 'revoked', end_note = $3, "
			 "version = version + 1 WHERE id = $4 AND ended_at IS NULL RETURNING id",
			 4, p);
}

int store_shares_end_unconsented(db *d, const char *person_id, const char *purposes, const char *actor_id,
				 const char *now, int *ended)
{
	const char *p[] = {now, actor_id, person_id, purposes};
	return db_count(d,
			"UPDATE shares SET ended_at = $1, ended_by = $2, end_reason = 'consent_withdrawn', "
			"version = version + 1 WHERE person_id = $3 AND basis = 'consent' AND ended_at IS NULL AND "
			"CAST($4 AS TEXT) NOT LIKE '%\"' || purpose || '\"%' RETURNING id",
			4, p, ended);
}

int store_share_extend(db *d, const char *id, const char *expires_on, int64_t *version)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)*version);
	const char *p[] = {expires_on, id, v};
	db_stmt *s;
	int rc = db_one(d,
			"UPDATE shares SET expires_on = $1, version = version + 1 WHERE id = $2 AND version = "
			"CAST($3 AS INTEGER) AND ended_at IS NULL RETURNING version",
			3, p, &s);
	if (rc == DB_ROW) {
		*version = db_col_int(s, 0);
		db_finalize(s);
		return DB_OK;
	}
	return rc;
}

typedef struct each_share {
	arena *a;
	int (*fn)(const share_rec *s, void *arg);
	void *arg;
} each_share;

static int one_share(db_stmt *st, void *arg)
{
	each_share *e = arg;
	share_rec s = {0};
	int rc = read_share(e->a, st, &s);
	return rc != DB_OK ? rc : e->fn(&s, e->arg);
}

int store_shares_with_org(db *d, arena *a, const char *org_id, const char *today,
			  int (*fn)(const share_rec *s, void *arg), void *arg)
{
	const char *p[] = {org_id, today};
	each_share e = {a, fn, arg};
	return db_each(d,
		       "SELECT " SHARE_COLUMNS SHARE_FROM "WHERE s.org_id = $1 AND s.ended_at IS NULL AND "
		       "s.expires_on >= $2 ORDER BY s.expires_on, s.id",
		       2, p, one_share, &e);
}

int store_shares_in_reach(db *d, arena *a, const char *person_id, const char *live_on, const store_reach *r,
			  int (*fn)(const share_rec *s, void *arg), void *arg)
{
	const char *p[] = {person_id, live_on, r->user_id, r->team_id && r->team_id[0] ? r->team_id : NULL,
			   r->org_id};
	each_share e = {a, fn, arg};
	return db_each(d,
		       "SELECT " SHARE_COLUMNS SHARE_FROM "WHERE (CAST($1 AS TEXT) IS NULL OR s.person_id = $1) AND "
		       "(CAST($2 AS TEXT) IS NULL OR (s.ended_at IS NULL AND s.expires_on >= $2)) AND "
		       REACH_CASE("c", "$3", "$4", "$5") " ORDER BY s.created_at DESC, s.id",
		       5, p, one_share, &e);
}

int store_share_names(db *d, const char *link_id, const char *org_id, const char *section, const char *today,
		      int *yes)
{
	char quoted[80];
	snprintf(quoted, sizeof quoted, "%%\"%s\"%%", section);
	const char *p[] = {link_id, org_id, today, quoted};
	int n = 0;
	int rc = db_count(d,
			  "SELECT id FROM shares WHERE case_person_id = $1 AND org_id = $2 AND ended_at IS NULL AND "
			  "expires_on >= $3 AND sections LIKE $4",
			  4, p, &n);
	*yes = n > 0;
	return rc;
}

int store_share_names_person(db *d, const char *person_id, const char *org_id, const char *section,
			     const char *basis, const char *today, int *yes)
{
	char quoted[80];
	snprintf(quoted, sizeof quoted, "%%\"%s\"%%", section);
	const char *p[] = {person_id, org_id, today, quoted, basis};
	int n = 0;
	int rc = db_count(d,
			  "SELECT id FROM shares WHERE person_id = $1 AND org_id = $2 AND ended_at IS NULL AND "
			  "expires_on >= $3 AND sections LIKE $4 AND (CAST($5 AS TEXT) IS NULL OR basis = $5) LIMIT 1",
			  5, p, &n);
	*yes = n > 0;
	return rc;
}

int store_link_person(db *d, const char *link_id, char person_id[SECURE_ID_LEN])
{
	const char *p[] = {link_id};
	int rc = db_get_text(d, "SELECT person_id FROM case_people WHERE id = $1", 1, p, person_id, SECURE_ID_LEN);
	if (rc == DB_DONE) {
		person_id[0] = '\0';
		return DB_OK;
	}
	return rc == DB_ROW ? DB_OK : rc;
}

typedef struct each_view {
	int (*fn)(const char *who, const char *at, void *arg);
	void *arg;
} each_view;

static int one_view(db_stmt *s, void *arg)
{
	each_view *v = arg;
	return v->fn(db_col_text(s, 0), db_col_text(s, 1), v->arg);
}

int store_share_views(db *d, const char *share_id, int (*fn)(const char *who, const char *at, void *arg),
		      void *arg)
{
	const char *p[] = {share_id};
	each_view v = {fn, arg};
	return db_each(d,
		       "SELECT COALESCE(u.display_name, a.actor, ''), a.at FROM audit_log a LEFT JOIN users u ON u.id "
		       "= a.actor_id WHERE a.record_id = $1 AND a.action = 'disclosure_viewed' ORDER BY a.seq",
		       1, p, one_view, &v);
}

int store_guardian_add(db *d, guardian_rec *g)
{
	secure_id(g->id);
	clock_now_iso(g->created_at);
	const char *p[] = {g->id, g->referral_id, g->org_id, g->referred_on, g->share_id, g->created_by, g->created_at};
	return db_run(d,
		      "INSERT INTO guardian_referrals (id, referral_id, org_id, referred_on, share_id, created_by, "
		      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		      7, p);
}

static int read_guardian(arena *a, db_stmt *s, void *rec)
{
	guardian_rec *g = rec;
	db_col_copy(s, 0, g->id, sizeof g->id);
	db_col_copy(s, 1, g->referral_id, sizeof g->referral_id);
	db_col_copy(s, 2, g->org_id, sizeof g->org_id);
	g->org_name = db_col_dup(s, 3, a);
	g->referred_on = db_col_dup(s, 4, a);
	db_col_copy(s, 5, g->share_id, sizeof g->share_id);
	db_col_copy(s, 6, g->created_by, sizeof g->created_by);
	db_col_copy(s, 7, g->created_at, sizeof g->created_at);
	return g->org_name && g->referred_on ? DB_OK : DB_NOMEM;
}

int store_guardian_of(db *d, arena *a, const char *referral_id, guardian_rec *g)
{
	const char *p[] = {referral_id};
	return db_get(d, a,
		      "SELECT g.id, g.referral_id, g.org_id, o.name, g.referred_on, g.share_id, g.created_by, g.created_at "
		      "FROM guardian_referrals g JOIN orgs o ON o.id = g.org_id WHERE g.referral_id = $1",
		      1, p, read_guardian, g);
}

int store_victim_link(db *d, const char *case_id, const char *person_id, char link_id[SECURE_ID_LEN])
{
	const char *p[] = {case_id, person_id};
	return db_get_text(d,
			   "SELECT id FROM case_people WHERE case_id = $1 AND person_id = $2 AND role = "
			   "'potential_victim'",
			   2, p, link_id, SECURE_ID_LEN);
}
