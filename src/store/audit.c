#include "store/audit.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"

static int append(db *d, audit_fields *f, char at[CLOCK_ISO_LEN])
{
	db_stmt *s;
	/* Taking the head row serialises writers on both engines. */
	int rc = db_prepare(d, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
			    &s);
	if (rc != DB_OK)
		return rc;
	char prev[AUDIT_HASH_HEX] = "";
	rc = db_step(s);
	if (rc == DB_ROW) {
		f->seq = db_col_int(s, 0);
		snprintf(prev, sizeof prev, "%s", db_col_text(s, 1));
		rc = DB_OK;
	} else if (rc == DB_DONE) {
		rc = db_fail(d, DB_ERR, "audit head row is missing");
	}
	db_finalize(s);
	if (rc != DB_OK)
		return rc;
	clock_now_iso(at);
	f->at = at;
	char hash[AUDIT_HASH_HEX];
	if (audit_chain_hash(prev, f, hash) != 0)
		return db_fail(d, DB_NOMEM, "out of memory");
	if ((rc = db_prepare(d,
			     "INSERT INTO audit_log (seq, at, actor_id, actor, action, record_type, "
			     "record_id, purpose, detail, address, request_id, prev_hash, hash) "
			     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
			     &s)) != DB_OK)
		return rc;
	const char *vals[] = {f->at,	  f->actor_id, f->actor,   f->action,	  f->record_type,
			      f->record_id, f->purpose,  f->detail,  f->address, f->request_id,
			      prev,	  hash};
	rc = db_bind_int(s, 1, f->seq);
	for (int i = 0; i < 12 && rc == DB_OK; i++)
		rc = db_bind_text(s, i + 2, vals[i]);
	/* The insert's error keeps its kind: a busy or full database is not a bug. */
	if (rc == DB_OK && (rc = db_step(s)) == DB_DONE)
		rc = DB_OK;
	else if (rc == DB_ROW)
		rc = db_fail(d, DB_ERR, "audit insert answered a row");
	db_finalize(s);
	if (rc != DB_OK)
		return rc;
	const char *hp[] = {hash};
	return db_run(d, "UPDATE audit_head SET hash = $1 WHERE id = 1", 1, hp);
}

int store_audit_append(db *d, audit_fields *f)
{
	char at[CLOCK_ISO_LEN];
	if (d->in_tx)
		return append(d, f, at);
	int rc = db_begin(d);
	if (rc != DB_OK)
		return rc;
	rc = append(d, f, at);
	if (rc == DB_OK)
		return db_commit(d);
	db_rollback(d);
	return rc;
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
			    FEEDBACK_IN_REACH ")) OR record_id IS NULL))) "
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
