#include "store/feedback.h"

#include <sodium.h>
#include <stdio.h>

#include "lib/clock.h"

/* A random (version 4) UUID: a response's or comment's id must not tell
 * when it was made, as the time-ordered ids of other records do. */
static void random_id(char out[SECURE_ID_LEN])
{
	unsigned char b[16];
	randombytes_buf(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, SECURE_ID_LEN,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
	         b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
	         b[15]);
}

int store_feedback_invite(db *d, feedback_invitation_rec *r, const char *token_hash,
                          const char *code_hash)
{
	secure_id(r->id);
	clock_now_iso(r->created_at);
	r->used = 0;
	const char *p[] = {r->id,        r->org_id,     r->team_id[0] ? r->team_id : NULL,
	                   r->case_id,   r->link_id,    r->person_id,
	                   r->language,  r->delivery,   token_hash,
	                   code_hash,    r->created_by, r->created_at,
	                   r->expires_at};
	return db_run(d,
	              "INSERT INTO feedback_invitations (id, org_id, team_id, case_id, link_id, "
	              "person_id, language, "
	              "delivery, token_hash, code_hash, created_by, created_at, expires_at) "
	              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	              13, p);
}

#define INVITATION_COLUMNS                                                                         \
	"SELECT id, org_id, team_id, case_id, link_id, person_id, language, delivery, "            \
	"created_by, created_at, "                                                                 \
	"expires_at, used FROM feedback_invitations "

static int read_invitation(arena *a, db_stmt *s, void *rec)
{
	(void)a;
	feedback_invitation_rec *r = rec;
	db_col_copy(s, 0, r->id, sizeof r->id);
	db_col_copy(s, 1, r->org_id, sizeof r->org_id);
	db_col_copy(s, 2, r->team_id, sizeof r->team_id);
	db_col_copy(s, 3, r->case_id, sizeof r->case_id);
	db_col_copy(s, 4, r->link_id, sizeof r->link_id);
	db_col_copy(s, 5, r->person_id, sizeof r->person_id);
	db_col_copy(s, 6, r->language, sizeof r->language);
	db_col_copy(s, 7, r->delivery, sizeof r->delivery);
	db_col_copy(s, 8, r->created_by, sizeof r->created_by);
	db_col_copy(s, 9, r->created_at, sizeof r->created_at);
	db_col_copy(s, 10, r->expires_at, sizeof r->expires_at);
	r->used = db_col_int(s, 11) != 0;
	return DB_OK;
}

int store_feedback_by_token(db *d, const char *token_hash, feedback_invitation_rec *out)
{
	const char *p[] = {token_hash};
	return db_get(d, NULL, INVITATION_COLUMNS "WHERE token_hash = $1", 1, p, read_invitation,
	              out);
}

int store_feedback_by_code(db *d, const char *code_hash, feedback_invitation_rec *out)
{
	const char *p[] = {code_hash};
	return db_get(d, NULL, INVITATION_COLUMNS "WHERE code_hash = $1", 1, p, read_invitation,
	              out);
}

int store_feedback_retoken(db *d, const char *id, const char *token_hash, const char *now)
{
	const char *p[] = {id, token_hash, now};
	return db_change(
	    d,
	    "UPDATE feedback_invitations SET token_hash = $2 WHERE id = $1 AND used = 0 AND "
	    "expires_at > $3 RETURNING id",
	    3, p);
}

int store_feedback_use(db *d, const char *id, const char *now)
{
	const char *p[] = {id, now};
	return db_change(d,
	                 "UPDATE feedback_invitations SET used = 1 WHERE id = $1 AND used = 0 AND "
	                 "expires_at > $2 "
	                 "RETURNING id",
	                 2, p);
}

int store_feedback_respond(db *d, feedback_response_rec *r)
{
	random_id(r->id);
	const char *p[] = {r->id, r->org_id, r->language, r->submitted_on};
	int rc = db_run(d,
	                "INSERT INTO feedback_responses (id, org_id, language, submitted_on) "
	                "VALUES ($1, $2, $3, $4)",
	                4, p);
	for (int i = 0; rc == DB_OK && i < FEEDBACK_QUESTIONS; i++) {
		char score[12];
		snprintf(score, sizeof score, "%d", r->scores[i]);
		const char *q[] = {r->id, feedback_questions[i], r->scores[i] ? score : NULL};
		rc = db_run(d,
		            "INSERT INTO feedback_answers (response_id, question, score) VALUES "
		            "($1, $2, CAST($3 AS "
		            "INTEGER))",
		            3, q);
	}
	r->comment_id[0] = '\0';
	if (rc == DB_OK && r->sealed_comment) {
		random_id(r->comment_id);
		const char *k[] = {r->comment_id, r->id, r->org_id, r->sealed_comment};
		rc = db_run(
		    d,
		    "INSERT INTO feedback_comments (id, response_id, org_id, sealed_text, state) "
		    "VALUES ($1, $2, $3, $4, 'awaiting_redaction')",
		    4, k);
	}
	return rc;
}

#define COMMENT_COLUMNS                                                                            \
	"SELECT k.id, k.org_id, r.language, r.submitted_on, k.state, k.sealed_text, "              \
	"k.redacted_text, "                                                                        \
	"k.withheld_reason, u.display_name, k.dealt_at, k.version FROM feedback_comments k JOIN "  \
	"feedback_responses r ON r.id = k.response_id LEFT JOIN users u ON u.id = k.dealt_by "

static int read_comment(arena *a, db_stmt *s, void *rec)
{
	feedback_comment_rec *k = rec;
	db_col_copy(s, 0, k->id, sizeof k->id);
	k->org_id = db_col_dup(s, 1, a);
	k->language = db_col_dup(s, 2, a);
	k->submitted_on = db_col_dup(s, 3, a);
	k->state = db_col_dup(s, 4, a);
	k->sealed_text = db_col_dup(s, 5, a);
	k->redacted_text = db_col_dup(s, 6, a);
	k->withheld_reason = db_col_dup(s, 7, a);
	k->dealt_by_name = db_col_dup(s, 8, a);
	k->dealt_at = db_col_dup(s, 9, a);
	k->version = db_col_int(s, 10);
	return DB_OK;
}

typedef struct comment_each {
	arena *a;
	int (*fn)(const feedback_comment_rec *k, void *arg);
	void *arg;
} comment_each;

static int each_comment(db_stmt *s, void *arg)
{
	comment_each *x = arg;
	feedback_comment_rec k;
	int rc = read_comment(x->a, s, &k);
	return rc == DB_OK ? x->fn(&k, x->arg) : rc;
}

int store_feedback_comments(db *d, arena *a, const store_orgs *orgs, const char *state,
                            int (*fn)(const feedback_comment_rec *k, void *arg), void *arg)
{
	const char *p[3];
	store_orgs_params(orgs, p);
	p[2] = state;
	comment_each x = {a, fn, arg};
	if (!state)
		return db_each(d,
		               COMMENT_COLUMNS "WHERE " REACH_ORGS(
		                   "k.org_id", "$1", "$2") " ORDER BY r.submitted_on, k.id",
		               2, p, each_comment, &x);
	return db_each(d,
	               COMMENT_COLUMNS
	               "WHERE " REACH_ORGS("k.org_id", "$1",
	                                   "$2") " AND k.state = $3 ORDER BY r.submitted_on, k.id",
	               3, p, each_comment, &x);
}

int store_feedback_comment_get(db *d, arena *a, const char *id, feedback_comment_rec *out)
{
	const char *p[] = {id};
	return db_get(d, a, COMMENT_COLUMNS "WHERE k.id = $1", 1, p, read_comment, out);
}

int store_feedback_comment_deal(db *d, const char *id, int64_t version, const char *redacted_text,
                                const char *withheld_reason, const char *by, const char *now)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)version);
	const char *p[] = {
	    id, v,  redacted_text ? "redacted" : "withheld", redacted_text, withheld_reason,
	    by, now};
	return db_change(
	    d,
	    "UPDATE feedback_comments SET state = $3, sealed_text = NULL, redacted_text = $4, "
	    "withheld_reason = $5, dealt_by = $6, dealt_at = $7, version = version + 1 "
	    "WHERE id = $1 AND version = CAST($2 AS INTEGER) AND state = 'awaiting_redaction' "
	    "RETURNING id",
	    7, p);
}

typedef struct tally_each {
	int (*fn)(const char *question, int score, int64_t n, void *arg);
	void *arg;
} tally_each;

static int each_tally(db_stmt *s, void *arg)
{
	tally_each *x = arg;
	return x->fn(db_col_text(s, 0), db_col_is_null(s, 1) ? 0 : (int)db_col_int(s, 1),
	             db_col_int(s, 2), x->arg);
}

int store_feedback_tally(db *d, const store_orgs *orgs, const char *from, const char *after,
                         int64_t *total,
                         int (*fn)(const char *question, int score, int64_t n, void *arg),
                         void *arg)
{
	const char *p[4];
	store_orgs_params(orgs, p);
	p[2] = from;
	p[3] = after;
	int rc = db_get_int(
	    d,
	    "SELECT COUNT(*) FROM feedback_responses r WHERE " REACH_ORGS(
	        "r.org_id", "$1", "$2") " AND r.submitted_on >= $3 AND r.submitted_on < $4",
	    4, p, total);
	if (rc != DB_ROW)
		return rc;
	tally_each x = {fn, arg};
	return db_each(d,
	               "SELECT a.question, a.score, COUNT(*) FROM feedback_answers a JOIN "
	               "feedback_responses r ON "
	               "r.id = a.response_id WHERE " REACH_ORGS(
	                   "r.org_id", "$1", "$2") " AND r.submitted_on >= $3 AND r.submitted_on < "
	                                           "$4 GROUP BY a.question, a.score",
	               4, p, each_tally, &x);
}

typedef struct text_each {
	int (*fn)(const char *text, const char *submitted_on, void *arg);
	void *arg;
} text_each;

static int each_text(db_stmt *s, void *arg)
{
	text_each *x = arg;
	return x->fn(db_col_text(s, 0), db_col_text(s, 1), x->arg);
}

int store_feedback_redacted(db *d, const store_orgs *orgs, const char *from, const char *after,
                            int (*fn)(const char *text, const char *submitted_on, void *arg),
                            void *arg)
{
	const char *p[4];
	store_orgs_params(orgs, p);
	p[2] = from;
	p[3] = after;
	text_each x = {fn, arg};
	return db_each(d,
	               "SELECT k.redacted_text, r.submitted_on FROM feedback_comments k JOIN "
	               "feedback_responses r "
	               "ON r.id = k.response_id WHERE k.state = 'redacted' AND " REACH_ORGS(
	                   "k.org_id", "$1", "$2") " AND r.submitted_on >= $3 AND r.submitted_on < "
	                                           "$4 ORDER BY r.submitted_on, k.id",
	               4, p, each_text, &x);
}
