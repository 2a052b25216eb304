#include "store/audit.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/clock.h"
#include "lib/oom.h"

/* Appends the n entries in order, as one run of the chain: one step of the
 * head row (which serialises writers on both engines) for all of them. Each
 * entry's at points into ats. Runs inside the caller's transaction. */
static int append(db *d, audit_fields **fs, int n, char (*ats)[CLOCK_ISO_LEN])
{
	db_stmt *s;
	int rc = db_prepare(d, "UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash",
			    &s);
	if (rc != DB_OK)
		return rc;
	char prev[AUDIT_HASH_HEX] = "";
	int64_t last = 0;
	if ((rc = db_bind_int(s, 1, n)) == DB_OK && (rc = db_step(s)) == DB_ROW) {
		last = db_col_int(s, 0);
		snprintf(prev, sizeof prev, "%s", db_col_text(s, 1));
		rc = DB_OK;
	} else if (rc == DB_DONE) {
		rc = db_fail(d, DB_ERR, "audit head row is missing");
	}
	db_finalize(s);
	if (rc != DB_OK)
		return rc;
	char hash[AUDIT_HASH_HEX];
	for (int k = 0; k < n && rc == DB_OK; k++) {
		audit_fields *f = fs[k];
		f->seq = last - n + 1 + k;
		clock_now_iso(ats[k]);
		f->at = ats[k];
		if (audit_chain_hash(prev, f, hash) != 0)
			return db_fail(d, DB_NOMEM, "out of memory");
		if ((rc = db_prepare(d,
				     "INSERT INTO audit_log (seq, at, actor_id, actor, action, record_type, "
				     "record_id, purpose, detail, address, request_id, prev_hash, hash) "
				     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
				     &s)) != DB_OK)
			return rc;
		const char *vals[] = {f->at,	    f->actor_id, f->actor,   f->action,
				      f->record_type, f->record_id, f->purpose,  f->detail,
				      f->address,     f->request_id, prev,	 hash};
		rc = db_bind_int(s, 1, f->seq);
		for (int i = 0; i < 12 && rc == DB_OK; i++)
			rc = db_bind_text(s, i + 2, vals[i]);
		/* The insert's error keeps its kind: a busy or full database is not a bug. */
		if (rc == DB_OK && (rc = db_step(s)) == DB_DONE)
			rc = DB_OK;
		else if (rc == DB_ROW)
			rc = db_fail(d, DB_ERR, "audit insert answered a row");
		db_finalize(s);
		memcpy(prev, hash, sizeof prev);
	}
	if (rc != DB_OK)
		return rc;
	const char *hp[] = {prev};
	return db_run(d, "UPDATE audit_head SET hash = $1 WHERE id = 1", 1, hp);
}

/* Group commit. An entry written on its own (a read, which changes nothing
 * else) must be durable before its request answers, and on SQLite each
 * commit waits for the disk and makes every other connection read its pages
 * afresh. So such entries queue, and whichever request finds no commit
 * under way becomes the leader: it takes every entry queued so far (its own
 * among them), appends them in queue order in one transaction on its own
 * connection, commits once, and hands each waiting request its result.
 * Entries that arrive meanwhile form the next group. Each request still
 * answers only once the commit holding its entry is durable, and fails if
 * that commit failed. Between processes the head row keeps the chain in
 * order, as before.
 *
 * When the last group held more than one entry, requests are arriving
 * together, and the leader waits a moment (at most GATHER_US) for as many
 * as that group held before it commits: fewer, larger groups. A lone
 * request (the last group held one) never waits. */
#define GROUP_MAX 64
#define GATHER_US 1000

typedef struct waiter {
	audit_fields *f;
	char at[CLOCK_ISO_LEN];
	char err[sizeof ((db *)0)->err]; /* why the group's commit failed */
	int rc;
	int done;
	struct waiter *next;
} waiter;

static pthread_mutex_t group_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t group_cv = PTHREAD_COND_INITIALIZER;   /* a group was committed */
static pthread_cond_t arrived_cv; /* an entry was queued; timed on CLOCK_MONOTONIC */
static pthread_once_t arrived_once = PTHREAD_ONCE_INIT;
static waiter *queue_head, **queue_tail = &queue_head;
static int queued, committing, last_group = 1;
static _Atomic uint64_t group_commits, group_entries;

/* Waits, with group_mu held, until want entries are queued or GATHER_US
 * has passed (on the monotonic clock: a stepped wall clock changes nothing). */
static void arrived_init(void)
{
	pthread_condattr_t a;
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&arrived_cv, &a);
	pthread_condattr_destroy(&a);
}

static void gather(int want)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_nsec += GATHER_US * 1000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (queued < want && pthread_cond_timedwait(&arrived_cv, &group_mu, &until) == 0)
		;
}

/* Commits one group, led by this thread on d. Called with group_mu held and
 * committing set; returns with group_mu held. */
static void lead(db *d)
{
	if (last_group > 1)
		gather(last_group < GROUP_MAX ? last_group : GROUP_MAX);
	waiter *group[GROUP_MAX];
	int n = 0;
	while (queue_head && n < GROUP_MAX) {
		group[n++] = queue_head;
		queue_head = queue_head->next;
	}
	if (!queue_head)
		queue_tail = &queue_head;
	queued -= n;
	last_group = n;
	pthread_mutex_unlock(&group_mu);

	audit_fields *fs[GROUP_MAX];
	char ats[GROUP_MAX][CLOCK_ISO_LEN];
	for (int k = 0; k < n; k++)
		fs[k] = group[k]->f;
	int rc = db_begin(d);
	if (rc == DB_OK) {
		rc = append(d, fs, n, ats);
		if (rc == DB_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
	}
	group_commits++;
	group_entries += (uint64_t)n;

	pthread_mutex_lock(&group_mu);
	for (int k = 0; k < n; k++) {
		/* ats is this frame's; the waiter's copy lasts as long as its call. */
		memcpy(group[k]->at, ats[k], CLOCK_ISO_LEN);
		group[k]->f->at = group[k]->at;
		group[k]->rc = rc;
		if (rc != DB_OK)
			memcpy(group[k]->err, d->err, sizeof group[k]->err);
		group[k]->done = 1;
	}
	committing = 0;
	pthread_cond_broadcast(&group_cv);
}

static int append_grouped(db *d, audit_fields *f)
{
	/* A request that lost an allocation commits nothing, as its own
	 * transaction would not have (db_commit); so a leader's watch is clear,
	 * and one request's loss never fails the others' entries. */
	if (oom_seen())
		return db_fail(d, DB_NOMEM, "an allocation failed during the request");
	waiter me = {.f = f};
	pthread_once(&arrived_once, arrived_init);
	pthread_mutex_lock(&group_mu);
	*queue_tail = &me;
	queue_tail = &me.next;
	queued++;
	pthread_cond_signal(&arrived_cv);
	while (!me.done) {
		if (!committing) {
			committing = 1;
			lead(d);
		} else {
			pthread_cond_wait(&group_cv, &group_mu);
		}
	}
	pthread_mutex_unlock(&group_mu);
	/* The leader's connection met the error; this one reports it too. */
	if (me.rc != DB_OK && strcmp(d->err, me.err) != 0)
		return db_fail(d, me.rc, "%s", me.err);
	return me.rc;
}

void store_audit_group_stats(uint64_t *commits, uint64_t *entries)
{
	*commits = group_commits;
	*entries = group_entries;
}

int store_audit_append(db *d, audit_fields *f)
{
	char at[CLOCK_ISO_LEN];
	if (d->in_tx) {
		audit_fields *fs[] = {f};
		return append(d, fs, 1, &at);
	}
	return append_grouped(d, f);
}

#define AUDIT_COLS                                                                         \
	"seq, at, actor_id, actor, action, record_type, record_id, purpose, detail, address, " \
	"request_id, prev_hash, hash "

static void read_fields(db_stmt *s, audit_fields *f)
{
	f->seq = db_col_int(s, 0);
	f->at = db_col_text(s, 1);
	f->actor_id = db_col_text(s, 2);
	f->actor = db_col_text(s, 3);
	f->action = db_col_text(s, 4);
	f->record_type = db_col_text(s, 5);
	f->record_id = db_col_text(s, 6);
	f->purpose = db_col_text(s, 7);
	f->detail = db_col_text(s, 8);
	f->address = db_col_text(s, 9);
	f->request_id = db_col_text(s, 10);
}

int store_audit_verify(db *d, int64_t *count, int64_t *bad, char *why, size_t whylen)
{
	db_stmt *s;
	*count = 0;
	*bad = 0;
	int rc = db_prepare(d, "SELECT " AUDIT_COLS "FROM audit_log ORDER BY seq", &s);
	if (rc != DB_OK)
		return rc;
	char prev[AUDIT_HASH_HEX] = AUDIT_GENESIS;
	int64_t expect = 1;
	while ((rc = db_step(s)) == DB_ROW) {
		audit_fields f;
		read_fields(s, &f);
		const char *stored_prev = db_col_text(s, 11);
		const char *stored_hash = db_col_text(s, 12);
		char hash[AUDIT_HASH_HEX];
		if (f.seq != expect) {
			*bad = expect;
			snprintf(why, whylen, "entry %lld is missing (next present is %lld)",
				 (long long)expect, (long long)f.seq);
		} else if (!stored_prev || strcmp(stored_prev, prev) != 0) {
			*bad = f.seq;
			snprintf(why, whylen, "entry %lld does not follow entry %lld",
				 (long long)f.seq, (long long)f.seq - 1);
		} else if (audit_chain_hash(prev, &f, hash) != 0) {
			db_finalize(s);
			return db_fail(d, DB_NOMEM, "out of memory");
		} else if (!stored_hash || strcmp(stored_hash, hash) != 0) {
			*bad = f.seq;
			snprintf(why, whylen, "entry %lld was altered", (long long)f.seq);
		}
		if (*bad) {
			db_finalize(s);
			return DB_DONE;
		}
		snprintf(prev, sizeof prev, "%s", stored_hash);
		expect++;
		(*count)++;
	}
	db_finalize(s);
	if (rc != DB_DONE)
		return rc;
	/* The head records how many entries were written: a deleted tail shows. */
	if ((rc = db_prepare(d, "SELECT seq, hash FROM audit_head WHERE id = 1", &s)) != DB_OK)
		return rc;
	rc = db_step(s);
	if (rc == DB_ROW) {
		int64_t head = db_col_int(s, 0);
		const char *hh = db_col_text(s, 1);
		if (head != *count) {
			*bad = *count + 1;
			snprintf(why, whylen, "entry %lld is missing (the log should end at %lld)",
				 (long long)*count + 1, (long long)head);
		} else if (!hh || strcmp(hh, prev) != 0) {
			*bad = *count;
			snprintf(why, whylen, "entry %lld does not match the chain head",
				 (long long)*count);
		}
		rc = *bad ? DB_DONE : DB_OK;
	} else if (rc == DB_DONE) {
		*bad = 1;
		snprintf(why, whylen, "the chain head is missing");
	}
	db_finalize(s);
	return rc;
}

/* The feedback invitations of the organisation at $8 and, when $9 is 1,
 * of those it hosts: what a victim answering one did has no actor. */
#define FEEDBACK_IN_REACH                                                                        \
	"SELECT fi.id FROM feedback_invitations fi JOIN orgs fo ON fo.id = fi.org_id WHERE fo.id = $8 " \
	"OR (CAST($9 AS INTEGER) = 1 AND fo.host_org_id = $8)"

/* The accounts of the organisation at $8 and, when $9 is 1, of those it hosts. */
#define IN_REACH                                                                              \
	"SELECT u.id FROM users u JOIN orgs o ON o.id = u.org_id WHERE o.id = $8 OR (CAST($9 AS " \
	"INTEGER) = 1 AND o.host_org_id = $8)"

/* The cases of the teams of the organisation at $8: what the command line
 * (no account) did to them, such as disposing of documents' files. */
#define CASES_IN_REACH \
	"SELECT c.id FROM cases c JOIN teams t ON t.id = c.team_id WHERE t.org_id = $8"

int store_audit_list(db *d, const audit_filter *flt,
		     int (*fn)(const audit_fields *f, void *arg), void *arg)
{
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT " AUDIT_COLS "FROM audit_log WHERE "
			    "(CAST($1 AS TEXT) IS NULL OR actor_id = $1) AND (CAST($2 AS TEXT) IS NULL OR record_id = $2) AND "
			    "(CAST($3 AS TEXT) IS NULL OR action = $3) AND (CAST($4 AS TEXT) IS NULL OR at >= $4) AND "
			    "(CAST($5 AS TEXT) IS NULL OR at < $5) AND (CAST($6 AS INTEGER) = 0 OR seq < $6) AND "
			    "(CAST($10 AS TEXT) IS NULL OR actor = $10) AND "
			    "(actor_id IN (" IN_REACH ") OR (actor_id IS NULL AND ((record_type = 'user' AND "
			    "record_id IN (" IN_REACH ")) OR (record_type = 'feedback_invitation' AND record_id IN ("
			    FEEDBACK_IN_REACH ")) OR (record_type = 'case' AND record_id IN (" CASES_IN_REACH
			    ")) OR record_id IS NULL))) "
			    "ORDER BY seq DESC LIMIT $7",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, flt->actor_id)) == DB_OK &&
	    (rc = db_bind_text(s, 2, flt->record_id)) == DB_OK &&
	    (rc = db_bind_text(s, 3, flt->action)) == DB_OK &&
	    (rc = db_bind_text(s, 4, flt->from)) == DB_OK &&
	    (rc = db_bind_text(s, 5, flt->to)) == DB_OK &&
	    (rc = db_bind_int(s, 6, flt->before_seq)) == DB_OK &&
	    (rc = db_bind_int(s, 7, flt->limit)) == DB_OK && (rc = db_bind_text(s, 8, flt->org_id)) == DB_OK &&
	    (rc = db_bind_int(s, 9, flt->hosted)) == DB_OK &&
	    (rc = db_bind_text(s, 10, flt->actor)) == DB_OK) {
		while ((rc = db_step(s)) == DB_ROW) {
			audit_fields f;
			read_fields(s, &f);
			int r = fn(&f, arg);
			if (r) {
				rc = r;
				break;
			}
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}
