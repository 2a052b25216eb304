#include "store/notices.h"

#include "lib/clock.h"
#include "lib/secure.h"

int store_notice_add(db *d, const char *user_id, const char *kind, const char *actor)
{
	char id[SECURE_ID_LEN], now[CLOCK_ISO_LEN];
	secure_id(id);
	clock_now_iso(now);
	const char *p[] = {id, user_id, kind, actor && actor[0] ? actor : NULL, now};
	return db_run(d,
	              "INSERT INTO account_notices (id, user_id, kind, actor, at) VALUES ($1, $2, "
	              "$3, $4, $5)",
	              5, p);
}

int store_notice_deliver(db *d, const char *user_id, const char *session_hash, int *count)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	const char *p[] = {user_id, session_hash, now};
	return db_count(
	    d,
	    "UPDATE account_notices SET seen_at = $3, seen_session = $2 WHERE user_id = $1 AND "
	    "seen_at IS NULL RETURNING id",
	    3, p, count);
}

typedef struct notice_rows {
	int (*fn)(const notice_rec *n, void *arg);
	void *arg;
} notice_rows;

static int notice_row(db_stmt *s, void *arg)
{
	notice_rows *r = arg;
	notice_rec n;
	db_col_copy(s, 0, n.kind, sizeof n.kind);
	db_col_copy(s, 1, n.actor, sizeof n.actor);
	db_col_copy(s, 2, n.at, sizeof n.at);
	return r->fn(&n, r->arg);
}

int store_notice_each(db *d, const char *session_hash, int (*fn)(const notice_rec *n, void *arg),
                      void *arg)
{
	notice_rows r = {fn, arg};
	const char *p[] = {session_hash};
	return db_each(
	    d,
	    "SELECT kind, actor, at FROM account_notices WHERE seen_session = $1 ORDER BY at, id",
	    1, p, notice_row, &r);
}
