#include "store/cases.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/secure.h"
#include "domain/names.h"
#include "store/people.h"

#define CASE_COLUMNS                                                                       \
	"c.id, c.reference, c.title, c.summary, c.status, c.outcome, c.exploitation_types, " \
	"c.offences, c.county_lines, c.team_id, t.name, c.created_by, c.created_at, "         \
	"c.updated_at, c.version, (SELECT u.display_name FROM case_leads l JOIN users u ON u.id = " \
	"l.user_id WHERE l.case_id = c.id AND l.ended_at IS NULL ORDER BY l.allocated_at DESC "     \
	"LIMIT 1), t.org_id"
#define CASE_COLS CASE_COLUMNS " FROM cases c JOIN teams t ON t.id = c.team_id "

static int case_read(arena *a, db_stmt *s, void *rec)
{
	case_rec *c = rec;
	db_col_copy(s, 0, c->id, sizeof c->id);
	db_col_copy(s, 1, c->reference, sizeof c->reference);
	c->title = db_col_dup(s, 2, a);
	c->summary = db_col_dup(s, 3, a);
	c->status = db_col_dup(s, 4, a);
	c->outcome = db_col_dup(s, 5, a);
	c->exploitation_types = db_col_dup(s, 6, a);
	c->offences = db_col_dup(s, 7, a);
	c->county_lines = (int)db_col_int(s, 8);
	db_col_copy(s, 9, c->team_id, sizeof c->team_id);
	db_col_copy(s, 10, c->team_name, sizeof c->team_name);
	db_col_copy(s, 11, c->created_by, sizeof c->created_by);
	db_col_copy(s, 12, c->created_at, sizeof c->created_at);
	db_col_copy(s, 13, c->updated_at, sizeof c->updated_at);
	c->version = db_col_int(s, 14);
	c->lead_name = db_col_dup(s, 15, a);
	db_col_copy(s, 16, c->org_id, sizeof c->org_id);
	return DB_OK;
}

int store_case_create(db *d, case_rec *c, int year, const char *search)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "INSERT INTO case_refs (year, last) VALUES ($1, 1) ON CONFLICT (year) "
			    "DO UPDATE SET last = case_refs.last + 1 RETURNING last",
			    &s);
	if (rc != DB_OK)
		return rc;
	int64_t n = 0;
	if ((rc = db_bind_int(s, 1, year)) == DB_OK && (rc = db_step(s)) == DB_ROW) {
		n = db_col_int(s, 0);
		rc = DB_OK;
	}
	db_finalize(s);
	if (rc != DB_OK)
		return rc;
	if (n > 99999)
		return db_fail(d, DB_CONSTRAINT, "case references for %d are used up", year);
	snprintf(c->reference, sizeof c->reference, "MS-%04d-%05d", year, (int)n);
	secure_id(c->id);
	if (!c->created_at[0]) /* demo data may date its cases */
		clock_now_iso(c->created_at);
	memcpy(c->updated_at, c->created_at, sizeof c->updated_at);
	c->version = 1;
	const char *p[] = {c->id,	  c->reference,		c->title,    c->summary,
			   c->status,	  c->outcome,		c->exploitation_types,
			   c->offences,	  c->county_lines ? "1" : "0", c->team_id,
			   c->created_by, c->created_at,	search};
	return db_run(d,
		      "INSERT INTO cases (id, reference, title, summary, status, outcome, "
		      "exploitation_types, offences, county_lines, team_id, created_by, created_at, "
		      "updated_at, search_text, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		      "CAST($9 AS INTEGER), $10, $11, $12, $12, LOWER($2) || ' ' || $13, 1)",
		      13, p);
}

int store_case_get(db *d, arena *a, const char *id, case_rec *c)
{
	const char *p[] = {id};
	/* A case disposed of is gone: its stub is read elsewhere (docs/records.md). */
	return db_get(d, a, "SELECT " CASE_COLS "WHERE c.id = $1 AND c.disposed_at IS NULL", 1, p, case_read, c);
}

int store_case_update(db *d, case_rec *c, const char *search)
{
	char now[CLOCK_ISO_LEN], was[SECURE_ID_LEN] = "";
	clock_now_iso(now);
	const char *id[] = {c->id};
	int rc = db_get_text(d, "SELECT team_id FROM cases WHERE id = $1", 1, id, was, sizeof was);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	db_stmt *s;
	rc = db_prepare(d,
			    "UPDATE cases SET title = $1, summary = $2, status = $3, outcome = $4, "
			    "exploitation_types = $5, offences = $6, county_lines = $7, "
			    "team_id = $8, search_text = LOWER(reference) || ' ' || $9, updated_at = $10, version = version + 1 "
			    "WHERE id = $11 AND version = $12 RETURNING version",
			    &s);
	if (rc != DB_OK)
		return rc;
	const char *txt[] = {c->title,	 c->summary, c->status, c->outcome,
			     c->exploitation_types, c->offences};
	for (int i = 0; i < 6 && rc == DB_OK; i++)
		rc = db_bind_text(s, i + 1, txt[i]);
	if (rc == DB_OK && (rc = db_bind_int(s, 7, c->county_lines)) == DB_OK &&
	    (rc = db_bind_text(s, 8, c->team_id)) == DB_OK &&
	    (rc = db_bind_text(s, 9, search)) == DB_OK && (rc = db_bind_text(s, 10, now)) == DB_OK &&
	    (rc = db_bind_text(s, 11, c->id)) == DB_OK &&
	    (rc = db_bind_int(s, 12, c->version)) == DB_OK) {
		rc = db_step(s);
		if (rc == DB_ROW) {
			c->version = db_col_int(s, 0);
			memcpy(c->updated_at, now, sizeof now);
			rc = DB_OK;
		}
	}
	db_finalize(s);
	/* The case's people are searched through its team: a case given to
	 * another team takes them with it. */
	if (rc == DB_OK && strcmp(was, c->team_id) != 0)
		rc = store_case_people_refile(d, c->id);
	return rc;
}

int store_case_count(db *d, int64_t *count)
{
	int rc = db_get_int(d, "SELECT COUNT(*) FROM cases", 0, NULL, count);
	return rc == DB_ROW ? DB_OK : rc;
}

int store_team_org(db *d, const char *team_id, char org_id[SECURE_ID_LEN])
{
	const char *p[] = {team_id};
	return db_get_text(d, "SELECT org_id FROM teams WHERE id = $1", 1, p, org_id, SECURE_ID_LEN);
}

int store_case_allocated(db *d, const char *case_id, const char *user_id, int *yes)
{
	db_stmt *s;
	*yes = 0;
	int rc = db_prepare(d, "SELECT 1 FROM case_allocations WHERE case_id = $1 AND user_id = $2",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, case_id)) == DB_OK && (rc = db_bind_text(s, 2, user_id)) == DB_OK)
		rc = db_step(s);
	*yes = rc == DB_ROW;
	db_finalize(s);
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

/* A LIKE pattern matching text that holds word anywhere; NULL when word is. */
static char *like_anywhere(arena *a, const char *word, int *nomem)
{
	if (!word)
		return NULL;
	char *pat = arena_alloc(a, 2 * strlen(word) + 3), *o = pat;
	if (!pat) {
		*nomem = 1;
		return NULL;
	}
	*o++ = '%';
	for (const char *w = word; *w; w++) {
		if (*w == '%' || *w == '_' || *w == '\\')
			*o++ = '\\';
		*o++ = *w;
	}
	*o++ = '%';
	*o = '\0';
	return pat;
}

/* The ORDER BY of each sort, forwards and turned round. */
static const char *const sorts[][2] = {
	[CASE_SORT_UPDATED] = {"c.updated_at DESC, c.id DESC", "c.updated_at, c.id"},
	[CASE_SORT_CREATED] = {"c.created_at DESC, c.id DESC", "c.created_at, c.id"},
	[CASE_SORT_REFERENCE] = {"c.reference, c.id", "c.reference DESC, c.id DESC"},
	[CASE_SORT_TITLE] = {"LOWER(c.title), c.id", "LOWER(c.title) DESC, c.id DESC"},
	[CASE_SORT_STATUS] = {"CASE c.status WHEN 'new' THEN 0 WHEN 'investigating' THEN 1 WHEN 'charging' THEN 2 "
			      "WHEN 'court' THEN 3 ELSE 4 END, c.updated_at DESC, c.id DESC",
			      "CASE c.status WHEN 'new' THEN 0 WHEN 'investigating' THEN 1 WHEN 'charging' THEN 2 "
			      "WHEN 'court' THEN 3 ELSE 4 END DESC, c.updated_at, c.id"},
	[CASE_SORT_LEAD] = {"COALESCE(LOWER(lead.display_name), ''), c.id",
			    "COALESCE(LOWER(lead.display_name), '') DESC, c.id DESC"},
};

/* A word found in the case's text, or as one of the names of someone in
 * the case whom the user may see: a suspect only within the suspects'
 * reach ($n is the word's pattern, $m its name key). */
#define WORD_MATCH(n, m)                                                                            \
	"AND (CAST(" n " AS TEXT) IS NULL OR c.search_text LIKE " n " ESCAPE '\\' OR EXISTS (SELECT 1 " \
	"FROM case_people wp JOIN person_name_keys wk ON wk.person_id = wp.person_id WHERE "          \
	"wp.case_id = c.id AND wk.key = " m " AND (wp.role <> 'suspect' OR " REACH_CASE("c", "$13",   \
	"$14", "$15") "))) "

int store_case_list(db *d, arena *a, const case_filter *f, int64_t *total,
		    int (*fn)(const case_rec *c, void *arg), void *arg)
{
	*total = 0;
	char sql[4096];
	int sort = f->sort >= CASE_SORT_UPDATED && f->sort <= CASE_SORT_LEAD ? f->sort : CASE_SORT_UPDATED;
	snprintf(sql, sizeof sql,
		 "SELECT " CASE_COLUMNS ", COUNT(*) OVER () FROM cases c JOIN teams t ON t.id = c.team_id "
		 "LEFT JOIN case_leads ll ON ll.case_id = c.id AND ll.ended_at IS NULL "
		 "LEFT JOIN users lead ON lead.id = ll.user_id WHERE " REACH_CASE("c", "$1", "$2", "$3") " "
		 "AND c.disposed_at IS NULL "
		 "AND (CAST($4 AS TEXT) IS NULL OR c.status = $4) "
		 "AND (CAST($5 AS TEXT) IS NULL OR c.exploitation_types LIKE $5 ESCAPE '\\') "
		 "AND (CAST($6 AS TEXT) IS NULL OR c.team_id = $6) "
		 "AND (CAST($7 AS TEXT) IS NULL OR c.reference = $7) " WORD_MATCH("$8", "$9")
			 WORD_MATCH("$10", "$11") WORD_MATCH("$12", "$16")
		 "AND ($17 = 0 OR ($17 = 1 AND (ll.user_id = $18 OR c.id IN (SELECT ma.case_id FROM "
		 "case_allocations ma WHERE ma.user_id = $18))) OR ($17 = 2 AND ll.user_id = $18) OR "
		 "($17 = 3 AND ll.id IS NULL AND c.status <> 'closed') OR ($17 = 4 AND c.team_id = $19)) "
		 "ORDER BY %s LIMIT $20 OFFSET $21",
		 sorts[sort][f->reverse ? 1 : 0]);
	char type_pat[64] = "";
	if (f->type)
		snprintf(type_pat, sizeof type_pat, "%%\"%s\"%%", f->type);
	int nomem = 0;
	char *pats[3], keys[3][NAME_KEY_MAX];
	for (int i = 0; i < 3; i++) {
		pats[i] = like_anywhere(a, f->words[i], &nomem);
		name_tokens t;
		names_tokenize(f->words[i] ? f->words[i] : "", &t);
		if (t.n)
			names_token_key(t.tok[0], keys[i]);
		else
			snprintf(keys[i], sizeof keys[i], "%s", "t:");
	}
	if (nomem)
		return DB_NOMEM;
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = store_reach_bind(s, 1, &f->reach)) == DB_OK && (rc = db_bind_text(s, 4, f->status)) == DB_OK &&
	    (rc = db_bind_text(s, 5, f->type ? type_pat : NULL)) == DB_OK &&
	    (rc = db_bind_text(s, 6, f->team_id)) == DB_OK && (rc = db_bind_text(s, 7, f->reference)) == DB_OK &&
	    (rc = db_bind_text(s, 8, pats[0])) == DB_OK && (rc = db_bind_text(s, 9, keys[0])) == DB_OK &&
	    (rc = db_bind_text(s, 10, pats[1])) == DB_OK && (rc = db_bind_text(s, 11, keys[1])) == DB_OK &&
	    (rc = db_bind_text(s, 12, pats[2])) == DB_OK && (rc = store_reach_bind(s, 13, &f->suspects)) == DB_OK &&
	    (rc = db_bind_text(s, 16, keys[2])) == DB_OK && (rc = db_bind_int(s, 17, f->show)) == DB_OK &&
	    (rc = db_bind_text(s, 18, f->user_id ? f->user_id : "")) == DB_OK &&
	    (rc = db_bind_text(s, 19, f->team_of ? f->team_of : "")) == DB_OK &&
	    (rc = db_bind_int(s, 20, f->limit)) == DB_OK && (rc = db_bind_int(s, 21, f->offset)) == DB_OK) {
		case_rec c;
		while ((rc = db_step(s)) == DB_ROW) {
			case_read(a, s, &c);
			*total = db_col_int(s, 17);
			int r = fn(&c, arg);
			if (r) {
				rc = r;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_history_add(db *d, const char *record_type, const char *record_id, const char *field,
		      const char *old_value, const char *new_value, const char *actor_id)
{
	char id[SECURE_ID_LEN], now[CLOCK_ISO_LEN];
	secure_id(id);
	clock_now_iso(now);
	const char *p[] = {id, record_type, record_id, field, old_value, new_value, actor_id, now};
	return db_run(d,
		      "INSERT INTO history (id, record_type, record_id, field, old_value, "
		      "new_value, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      8, p);
}

int store_history_list(db *d, const char *record_id,
		       int (*fn)(const history_rec *h, void *arg), void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT h.field, h.old_value, h.new_value, h.actor_id, u.display_name, "
			    "h.at FROM history h JOIN users u ON u.id = h.actor_id "
			    "WHERE h.record_id = $1 ORDER BY h.at DESC, h.id DESC",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, record_id)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW) {
			history_rec h = {db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2),
					 db_col_text(s, 3), db_col_text(s, 4), db_col_text(s, 5)};
			int r = fn(&h, arg);
			if (r) {
				rc = r;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}
