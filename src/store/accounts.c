#include "store/accounts.h"

#include <stdio.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/clock.h"
#include "lib/secure.h"

#define USER_COLS                                                                          \
	STORE_USER_COLS                                                                    \
	"FROM users u JOIN orgs o ON o.id = u.org_id LEFT JOIN teams t ON t.id = u.team_id "

int store_user_read(arena *a, db_stmt *s, void *rec)
{
	(void)a;
	user_rec *u = rec;
	db_col_copy(s, 0, u->id, sizeof u->id);
	db_col_copy(s, 1, u->username, sizeof u->username);
	db_col_copy(s, 2, u->display_name, sizeof u->display_name);
	db_col_copy(s, 3, u->role, sizeof u->role);
	db_col_copy(s, 4, u->org_id, sizeof u->org_id);
	db_col_copy(s, 5, u->org_name, sizeof u->org_name);
	db_col_copy(s, 6, u->team_id, sizeof u->team_id);
	db_col_copy(s, 7, u->team_name, sizeof u->team_name);
	db_col_copy(s, 8, u->password_hash, sizeof u->password_hash);
	u->disabled = (int)db_col_int(s, 9);
	u->failed_logins = (int)db_col_int(s, 10);
	db_col_copy(s, 11, u->locked_until, sizeof u->locked_until);
	db_col_copy(s, 12, u->totp_secret, sizeof u->totp_secret);
	u->totp_enabled = (int)db_col_int(s, 13);
	u->totp_last_step = db_col_int(s, 14);
	db_col_copy(s, 15, u->created_at, sizeof u->created_at);
	db_col_copy(s, 16, u->updated_at, sizeof u->updated_at);
	u->version = db_col_int(s, 17);
	db_col_copy(s, 18, u->org_kind, sizeof u->org_kind);
	db_col_copy(s, 19, u->org_host_id, sizeof u->org_host_id);
	return DB_OK;
}

int store_user_by_name(db *d, const char *username, user_rec *out)
{
	const char *p[] = {username};
	return db_get(d, NULL, "SELECT " USER_COLS "WHERE u.username = $1", 1, p, store_user_read, out);
}

int store_user_by_id(db *d, const char *id, user_rec *out)
{
	const char *p[] = {id};
	return db_get(d, NULL, "SELECT " USER_COLS "WHERE u.id = $1", 1, p, store_user_read, out);
}

static const char *opt(const char *s)
{
	return s[0] ? s : NULL;
}

int store_user_insert(db *d, user_rec *u)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	secure_id(u->id);
	snprintf(u->created_at, sizeof u->created_at, "%s", now);
	snprintf(u->updated_at, sizeof u->updated_at, "%s", now);
	u->version = 1;
	const char *p[] = {u->id,	   u->username, u->display_name, u->role,
			   u->org_id,	   opt(u->team_id), u->password_hash, now};
	return db_run(d,
		      "INSERT INTO users (id, username, display_name, role, org_id, team_id, "
		      "password_hash, password_changed_at, created_at, updated_at, version) "
		      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, 1)",
		      8, p);
}

int store_user_update(db *d, user_rec *u)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	db_stmt *s;
	int rc = db_prepare(
		d,
		"UPDATE users SET display_name = $1, role = $2, team_id = $3, password_hash = $4, "
		"password_changed_at = CASE WHEN password_hash = $4 THEN password_changed_at "
		"ELSE $5 END, disabled = $6, failed_logins = $7, locked_until = $8, "
		"totp_secret = $9, totp_enabled = $10, totp_last_step = $11, updated_at = $5, "
		"version = version + 1 WHERE id = $12 AND version = $13 RETURNING version",
		&s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, u->display_name)) == DB_OK &&
	    (rc = db_bind_text(s, 2, u->role)) == DB_OK &&
	    (rc = db_bind_text(s, 3, opt(u->team_id))) == DB_OK &&
	    (rc = db_bind_text(s, 4, u->password_hash)) == DB_OK &&
	    (rc = db_bind_text(s, 5, now)) == DB_OK && (rc = db_bind_int(s, 6, u->disabled)) == DB_OK &&
	    (rc = db_bind_int(s, 7, u->failed_logins)) == DB_OK &&
	    (rc = db_bind_text(s, 8, opt(u->locked_until))) == DB_OK &&
	    (rc = db_bind_text(s, 9, opt(u->totp_secret))) == DB_OK &&
	    (rc = db_bind_int(s, 10, u->totp_enabled)) == DB_OK &&
	    (rc = db_bind_int(s, 11, u->totp_last_step)) == DB_OK &&
	    (rc = db_bind_text(s, 12, u->id)) == DB_OK &&
	    (rc = db_bind_int(s, 13, u->version)) == DB_OK) {
		rc = db_step(s);
		if (rc == DB_ROW) {
			u->version = db_col_int(s, 0);
			snprintf(u->updated_at, sizeof u->updated_at, "%s", now);
			rc = DB_OK;
		}
	}
	db_finalize(s);
	return rc;
}

int store_user_set_password(db *d, const char *id, const char *password_hash)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	const char *p[] = {id, password_hash, now};
	return db_change(d,
			 "UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, "
			 "locked_until = NULL, updated_at = $3 WHERE id = $1 RETURNING id",
			 3, p);
}

int store_user_clear_second_factor(db *d, const char *id)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	const char *p[] = {id, now};
	return db_change(d,
			 "UPDATE users SET totp_secret = NULL, totp_enabled = 0, updated_at = $2, "
			 "version = version + 1 WHERE id = $1 RETURNING id",
			 2, p);
}

int store_user_each(db *d, const store_reach *r, int (*fn)(const user_rec *u, void *arg), void *arg)
{
	if (!store_reach_any(r) && !r->hosted_by)
		return DB_OK;
	db_stmt *s;
	int rc = db_prepare(d,
			    "SELECT " USER_COLS "WHERE u.id = $1 OR u.team_id = $2 OR u.org_id = $3 OR "
			    "o.host_org_id = $4 ORDER BY u.username",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, r->own_id)) != DB_OK ||
	    (rc = db_bind_text(s, 2, r->team_id && r->team_id[0] ? r->team_id : NULL)) != DB_OK ||
	    (rc = db_bind_text(s, 3, r->org_id)) != DB_OK || (rc = db_bind_text(s, 4, r->hosted_by)) != DB_OK) {
		db_finalize(s);
		return rc;
	}
	user_rec u;
	while ((rc = db_step(s)) == DB_ROW) {
		store_user_read(NULL, s, &u);
		int k = fn(&u, arg);
		if (k) {
			db_finalize(s);
			return k;
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? DB_OK : rc;
}

int store_org_find(db *d, const char *name, char id[SECURE_ID_LEN])
{
	const char *p[] = {name};
	return db_get_text(d, "SELECT id FROM orgs WHERE name = $1", 1, p, id, SECURE_ID_LEN);
}

int store_team_find(db *d, const char *org_id, const char *name, char id[SECURE_ID_LEN])
{
	const char *p[] = {org_id, name};
	return db_get_text(d, "SELECT id FROM teams WHERE org_id = $1 AND name = $2", 2, p, id,
			   SECURE_ID_LEN);
}

int store_org_ensure(db *d, const char *name, const char *kind, char id[SECURE_ID_LEN])
{
	int rc = store_org_find(d, name, id);
	if (rc != DB_DONE)
		return rc == DB_ROW ? DB_OK : rc;
	org_rec o = {0};
	snprintf(o.name, sizeof o.name, "%s", name);
	if (store_org_kind_set(&o, kind) != 0)
		return db_fail(d, DB_ERR, "there is no kind of organisation %s", kind);
	if ((rc = store_org_create(d, &o)) == DB_OK)
		memcpy(id, o.id, SECURE_ID_LEN);
	return rc;
}

int store_team_ensure(db *d, const char *org_id, const char *name, char id[SECURE_ID_LEN])
{
	int rc = store_team_find(d, org_id, name, id);
	if (rc != DB_DONE)
		return rc == DB_ROW ? DB_OK : rc;
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	secure_id(id);
	const char *p[] = {id, org_id, name, now};
	return db_run(d,
		      "INSERT INTO teams (id, org_id, name, created_at) VALUES ($1, $2, $3, $4)", 4,
		      p);
}

/* ---- teams ---- */

static int team_read(arena *a, db_stmt *s, void *rec)
{
	(void)a;
	team_rec *t = rec;
	db_col_copy(s, 0, t->id, sizeof t->id);
	db_col_copy(s, 1, t->org_id, sizeof t->org_id);
	db_col_copy(s, 2, t->name, sizeof t->name);
	t->version = db_col_int(s, 3);
	return DB_OK;
}

int store_team_get(db *d, const char *id, team_rec *out)
{
	const char *p[] = {id};
	return db_get(d, NULL, "SELECT id, org_id, name, version FROM teams WHERE id = $1", 1, p, team_read,
		      out);
}

int store_team_create(db *d, team_rec *t)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	secure_id(t->id);
	t->version = 1;
	const char *p[] = {t->id, t->org_id, t->name, now};
	return db_run(d, "INSERT INTO teams (id, org_id, name, created_at) VALUES ($1, $2, $3, $4)", 4, p);
}

/* Runs a write that binds text $1, text $2 and the number $3 and returns
 * one number: DB_OK with *out, DB_DONE when it changed nothing, or an error. */
static int change_versioned(db *d, const char *sql, const char *a, const char *b, int64_t n, int64_t *out)
{
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, a)) == DB_OK && (rc = db_bind_text(s, 2, b)) == DB_OK &&
	    (rc = db_bind_int(s, 3, n)) == DB_OK)
		rc = db_step(s);
	if (rc == DB_ROW) {
		*out = db_col_int(s, 0);
		rc = DB_OK;
	}
	db_finalize(s);
	return rc;
}

int store_team_rename(db *d, team_rec *t, int64_t version)
{
	return change_versioned(d,
				"UPDATE teams SET name = $2, version = version + 1 WHERE id = $1 AND version = $3 "
				"RETURNING version",
				t->id, t->name, version, &t->version);
}

typedef struct team_each {
	int (*fn)(const team_rec *t, void *arg);
	void *arg;
} team_each;

static int team_each_row(db_stmt *s, void *arg)
{
	team_each *e = arg;
	team_rec t;
	team_read(NULL, s, &t);
	return e->fn(&t, e->arg);
}

int store_team_each(db *d, const char *org_id, int (*fn)(const team_rec *t, void *arg), void *arg)
{
	team_each e = {fn, arg};
	const char *p[] = {org_id};
	return db_each(d, "SELECT id, org_id, name, version FROM teams WHERE org_id = $1 ORDER BY name, id", 1, p,
		       team_each_row, &e);
}

int store_recovery_replace(db *d, const char *user_id, const char *const *hashes, int n)
{
	const char *p[] = {user_id, NULL};
	int rc = db_run(d, "DELETE FROM recovery_codes WHERE user_id = $1", 1, p);
	for (int i = 0; i < n && rc == DB_OK; i++) {
		p[1] = hashes[i];
		rc = db_run(d, "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)", 2,
			    p);
	}
	return rc;
}

int store_recovery_use(db *d, const char *user_id, const char *hash)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	const char *p[] = {user_id, hash, now};
	return db_change(d,
			 "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND "
			 "code_hash = $2 AND used_at IS NULL RETURNING code_hash",
			 3, p);
}

int store_setting_get(db *d, const char *key, char *out, size_t outlen)
{
	const char *p[] = {key};
	return db_get_text(d, "SELECT value FROM settings WHERE key = $1", 1, p, out, outlen);
}

int store_setting_put(db *d, const char *key, const char *value)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	const char *p[] = {key, value, now};
	return db_run(d,
		      "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
		      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
		      "updated_at = excluded.updated_at, version = settings.version + 1",
		      3, p);
}

int store_setting_get_versioned(db *d, const char *key, char *out, size_t outlen, int64_t *version)
{
	const char *p[] = {key};
	db_stmt *s;
	*version = 0;
	int rc = db_one(d, "SELECT value, version FROM settings WHERE key = $1", 1, p, &s);
	if (rc != DB_ROW)
		return rc;
	const char *v = db_col_text(s, 0);
	snprintf(out, outlen, "%s", v ? v : "");
	*version = db_col_int(s, 1);
	db_finalize(s);
	return DB_ROW;
}

int store_setting_replace(db *d, const char *key, const char *value, int64_t *version)
{
	char now[CLOCK_ISO_LEN], ver[24];
	clock_now_iso(now);
	snprintf(ver, sizeof ver, "%lld", (long long)*version);
	const char *p[] = {key, value, now, ver};
	db_stmt *s;
	int rc = *version == 0
		     ? db_one(d,
			      "INSERT INTO settings (key, value, updated_at) SELECT $1, $2, $3 WHERE NOT EXISTS "
			      "(SELECT 1 FROM settings WHERE key = $1) AND $4 = '0' RETURNING version",
			      4, p, &s)
		     : db_one(d,
			      "UPDATE settings SET value = $2, updated_at = $3, version = version + 1 "
			      "WHERE key = $1 AND version = CAST($4 AS INTEGER) RETURNING version",
			      4, p, &s);
	if (rc != DB_ROW)
		return rc;
	*version = db_col_int(s, 0);
	db_finalize(s);
	return DB_OK;
}

static int returning_int(db *d, const char *sql, const char *id, const char *text, int64_t num,
			 int64_t *out)
{
	db_stmt *s;
	int rc = db_prepare(d, sql, &s);
	if (rc != DB_OK)
		return rc;
	rc = db_bind_text(s, 1, id);
	if (rc == DB_OK && text)
		rc = db_bind_text(s, 2, text);
	else if (rc == DB_OK && !text && num >= 0)
		rc = db_bind_int(s, 2, num);
	if (rc == DB_OK)
		rc = db_step(s);
	if (rc == DB_ROW) {
		if (out)
			*out = db_col_int(s, 0);
		rc = DB_OK;
	}
	db_finalize(s);
	return rc;
}

int store_user_login_failed(db *d, const char *id, int *count)
{
	int64_t n = 0;
	int rc = returning_int(d,
			       "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 "
			       "RETURNING failed_logins",
			       id, NULL, -1, &n);
	*count = (int)n;
	return rc;
}

int store_user_login_ok(db *d, const char *id, const char *rehash)
{
	const char *p[] = {id, rehash};
	return db_run(d,
		      "UPDATE users SET failed_logins = 0, locked_until = NULL, "
		      "password_hash = COALESCE(CAST($2 AS TEXT), password_hash) WHERE id = $1",
		      2, p);
}

int store_user_totp_step(db *d, const char *id, int64_t step)
{
	return returning_int(d,
			     "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND "
			     "totp_last_step < $2 RETURNING totp_last_step",
			     id, NULL, step, NULL);
}

/* ---- organisations ---- */

#define ORG_COLS "id, name, kind, host_org_id, partner_kind, version FROM orgs "

static int org_read(arena *a, db_stmt *s, void *rec)
{
	(void)a;
	org_rec *o = rec;
	db_col_copy(s, 0, o->id, sizeof o->id);
	db_col_copy(s, 1, o->name, sizeof o->name);
	db_col_copy(s, 2, o->kind, sizeof o->kind);
	db_col_copy(s, 3, o->host_org_id, sizeof o->host_org_id);
	db_col_copy(s, 4, o->partner_kind, sizeof o->partner_kind);
	o->version = db_col_int(s, 5);
	return DB_OK;
}

const char *store_org_kind(const org_rec *o)
{
	return org_kind_of(o->kind, o->partner_kind);
}

int store_org_kind_set(org_rec *o, const char *kind)
{
	const char *class_name = org_kind_class(kind);
	if (!class_name)
		return -1;
	snprintf(o->kind, sizeof o->kind, "%s", class_name);
	snprintf(o->partner_kind, sizeof o->partner_kind, "%s", org_kind_is_partner(kind) ? kind : "");
	return 0;
}

int store_org_get(db *d, const char *id, org_rec *out)
{
	const char *p[] = {id};
	return db_get(d, NULL, "SELECT " ORG_COLS "WHERE id = $1", 1, p, org_read, out);
}

int store_org_by_name(db *d, const char *name, org_rec *out)
{
	const char *p[] = {name};
	return db_get(d, NULL, "SELECT " ORG_COLS "WHERE name = $1", 1, p, org_read, out);
}

int store_org_create(db *d, org_rec *o)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	secure_id(o->id);
	o->version = 1;
	const char *p[] = {o->id, o->name, o->kind, opt(o->host_org_id), now, opt(o->partner_kind)};
	return db_run(d,
		      "INSERT INTO orgs (id, name, kind, host_org_id, created_at, partner_kind) "
		      "VALUES ($1, $2, $3, $4, $5, $6)",
		      6, p);
}

int store_org_update(db *d, org_rec *o, int64_t version)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)version);
	const char *p[] = {o->id, o->name, opt(o->partner_kind), v};
	int rc = db_get_int(d,
			    "UPDATE orgs SET name = $2, partner_kind = CASE WHEN kind = 'partner' THEN "
			    "CAST($3 AS TEXT) END, version = version + 1 WHERE id = $1 AND "
			    "version = CAST($4 AS INTEGER) RETURNING version",
			    4, p, &o->version);
	return rc == DB_ROW ? DB_OK : rc;
}

int store_org_only_force(db *d, int *count, char id[SECURE_ID_LEN])
{
	db_stmt *s;
	id[0] = '\0';
	*count = 0;
	int rc = db_prepare(d, "SELECT COUNT(*), MIN(id) FROM orgs WHERE kind = 'force'", &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_step(s)) == DB_ROW) {
		*count = (int)db_col_int(s, 0);
		if (*count == 1)
			db_col_copy(s, 1, id, SECURE_ID_LEN);
		rc = DB_OK;
	}
	db_finalize(s);
	return rc;
}

typedef struct org_each {
	int (*fn)(const org_rec *o, void *arg);
	void *arg;
} org_each;

static int org_each_row(db_stmt *s, void *arg)
{
	org_each *e = arg;
	org_rec o;
	org_read(NULL, s, &o);
	return e->fn(&o, e->arg);
}

int store_orgs_near(db *d, const char *org_id, const char *kind, int (*fn)(const org_rec *o, void *arg),
		    void *arg)
{
	org_each e = {fn, arg};
	const char *p[] = {org_id, kind};
	return db_each(d,
		       "SELECT " ORG_COLS "WHERE (id = $1 OR host_org_id = $1 OR "
		       "id = (SELECT h.host_org_id FROM orgs h WHERE h.id = $1) OR "
		       "id IN (SELECT a.force_org_id FROM org_areas a WHERE a.opcc_org_id = $1) OR "
		       "host_org_id IN (SELECT a.force_org_id FROM org_areas a WHERE a.opcc_org_id = $1)) AND "
		       "(CAST($2 AS TEXT) IS NULL OR kind = $2 OR partner_kind = $2) ORDER BY name, id",
		       2, p, org_each_row, &e);
}

int store_org_area_add(db *d, const char *opcc_org_id, const char *force_org_id)
{
	const char *p[] = {opcc_org_id, force_org_id};
	return db_run(d,
		      "INSERT INTO org_areas (opcc_org_id, force_org_id) VALUES ($1, $2) "
		      "ON CONFLICT (opcc_org_id, force_org_id) DO NOTHING",
		      2, p);
}

int store_org_area_remove(db *d, const char *opcc_org_id, const char *force_org_id)
{
	const char *p[] = {opcc_org_id, force_org_id};
	return db_run(d, "DELETE FROM org_areas WHERE opcc_org_id = $1 AND force_org_id = $2", 2, p);
}

int store_org_area_each(db *d, const char *opcc_org_id, int (*fn)(const org_rec *o, void *arg), void *arg)
{
	org_each e = {fn, arg};
	const char *p[] = {opcc_org_id};
	return db_each(d,
		       "SELECT o.id, o.name, o.kind, o.host_org_id, o.partner_kind, o.version FROM org_areas a "
		       "JOIN orgs o ON o.id = a.force_org_id WHERE a.opcc_org_id = $1 ORDER BY o.name, o.id",
		       1, p, org_each_row, &e);
}

int store_org_totp_roles_get(db *d, const char *org_id, char *out, size_t outlen)
{
	const char *p[] = {org_id};
	return db_get_text(d, "SELECT totp_required_roles FROM org_settings WHERE org_id = $1", 1, p,
			   out, outlen);
}

int store_org_totp_roles_put(db *d, const char *org_id, const char *roles_json)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	const char *p[] = {org_id, roles_json, now};
	return db_run(d,
		      "INSERT INTO org_settings (org_id, totp_required_roles, updated_at) VALUES ($1, $2, $3) "
		      "ON CONFLICT (org_id) DO UPDATE SET totp_required_roles = excluded.totp_required_roles, "
		      "updated_at = excluded.updated_at, version = org_settings.version + 1",
		      3, p);
}

int store_org_any_without_second_factor(db *d, int *any)
{
	int n = 0;
	int rc = db_count(d, "SELECT org_id FROM org_settings WHERE totp_required_roles = '[]' LIMIT 1", 0, NULL, &n);
	*any = n > 0;
	return rc;
}

int store_org_settings_version(db *d, const char *org_id, int64_t *version)
{
	const char *p[] = {org_id};
	*version = 0;
	return db_get_int(d, "SELECT version FROM org_settings WHERE org_id = $1", 1, p, version);
}

int store_org_totp_roles_replace(db *d, const char *org_id, const char *roles_json, int64_t version,
				 int64_t *new_version)
{
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	if (version == 0) {
		/* None yet: a row that appeared meanwhile makes the insert do nothing. */
		const char *p[] = {org_id, roles_json, now};
		int rc = db_change(d,
				   "INSERT INTO org_settings (org_id, totp_required_roles, updated_at) VALUES ($1, $2, $3) "
				   "ON CONFLICT (org_id) DO NOTHING RETURNING org_id",
				   3, p);
		*new_version = 1;
		return rc;
	}
	db_stmt *s;
	int rc = db_prepare(d,
			    "UPDATE org_settings SET totp_required_roles = $2, updated_at = $3, version = version + 1 "
			    "WHERE org_id = $1 AND version = $4 RETURNING version",
			    &s);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_bind_text(s, 1, org_id)) == DB_OK && (rc = db_bind_text(s, 2, roles_json)) == DB_OK &&
	    (rc = db_bind_text(s, 3, now)) == DB_OK && (rc = db_bind_int(s, 4, version)) == DB_OK)
		rc = db_step(s);
	if (rc == DB_ROW) {
		*new_version = db_col_int(s, 0);
		rc = DB_OK;
	}
	db_finalize(s);
	return rc;
}
