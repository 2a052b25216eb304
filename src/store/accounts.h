/* Organisations, teams, users and their second factors, and settings. */
#ifndef WAYMARK_STORE_ACCOUNTS_H
#define WAYMARK_STORE_ACCOUNTS_H

#include <stdint.h>

#include "domain/org_kinds.h"
#include "lib/secure.h"
#include "store/db.h"
#include "store/reach.h"

typedef struct user_rec {
	char id[SECURE_ID_LEN];
	char username[65];
	char display_name[129];
	char role[16];
	char org_id[SECURE_ID_LEN];
	char org_name[129];
	char org_kind[16];     /* its class (domain/org_kinds.h): "force", "partner" or "opcc" */
	char org_host_id[SECURE_ID_LEN];  /* the force hosting the organisation; "" when none */
	char team_id[SECURE_ID_LEN]; /* "" when none */
	char team_name[129];
	char password_hash[192];
	int disabled;
	int failed_logins;
	char locked_until[32]; /* "" when not locked */
	char totp_secret[160]; /* sealed (see lib/seal.h); "" when not enrolled */
	int totp_enabled;
	int64_t totp_last_step;
	char created_at[32];
	char updated_at[32];
	int64_t version;
} user_rec;

/* For the store's queries that read an account beside other things: the
 * account's columns, from users u joined to orgs o and (left) teams t, and
 * their reader (a db_read_fn filling a user_rec from the start of the row;
 * can't fail). */
#define STORE_USER_COLS                                                                    \
	"u.id, u.username, u.display_name, u.role, u.org_id, o.name, u.team_id, t.name, "  \
	"u.password_hash, u.disabled, u.failed_logins, u.locked_until, u.totp_secret, "    \
	"u.totp_enabled, u.totp_last_step, u.created_at, u.updated_at, u.version, o.kind, " \
	"o.host_org_id "
int store_user_read(struct arena *a, db_stmt *s, void *rec);

/* Each lookup returns DB_ROW when found (filling *out), DB_DONE when not, or an error. */
int store_user_by_name(db *d, const char *username, user_rec *out);
int store_user_by_id(db *d, const char *id, user_rec *out);
/* Inserts u (id, times and version 1 are set here). DB_CONSTRAINT when the username is taken. */
int store_user_insert(db *d, user_rec *u);
/* Writes every mutable field of u if its version is still u->version, then
 * increments u->version. Returns DB_OK, DB_DONE when the version is stale, or an error. */
int store_user_update(db *d, user_rec *u);
/* Sets a new password hash chosen by the holder and clears failures and any
 * lock. The version stays: the password is the holder's, not a field an
 * administrator edits, so it never turns their edit stale. DB_OK, or
 * DB_DONE when there is no such user. */
int store_user_set_password(db *d, const char *id, const char *password_hash);
/* Clears the second factor (secret, enabled) and moves the version on; the
 * caller clears the recovery codes. DB_OK, or DB_DONE when there is no such user. */
int store_user_clear_second_factor(db *d, const char *id);
/* Sign-in bookkeeping. These change no version: they are not edits of the
 * account, and must not turn an administrator's edit stale. */
/* Adds one to the account's consecutive failed sign-ins (from browsers it
 * does not know: the account-wide limit); writes the new count. */
int store_user_login_failed(db *d, const char *id, int *count);
/* Clears the failures; replaces the password hash when rehash is not NULL. */
int store_user_login_ok(db *d, const char *id, const char *rehash);
/* Records the TOTP step just used: DB_OK, or DB_DONE when a step this late
 * or later was used already (a replayed code). */
int store_user_totp_step(db *d, const char *id, int64_t step);

/* Calls fn for each user within the reach (their own account, their team,
 * their organisation, the organisations it hosts), by username. Stops and
 * returns fn's non-zero result. */
int store_user_each(db *d, const store_reach *r, int (*fn)(const user_rec *u, void *arg), void *arg);

/* An organisation. Access reads its class; the API names its kind by its
 * partner kind when it has one (store_org_kind; domain/org_kinds.h). */
typedef struct org_rec {
	char id[SECURE_ID_LEN];
	char name[129];
	char kind[16];			  /* its class: "force", "partner" or "opcc" */
	char partner_kind[ORG_KIND_LEN];  /* a partner's kind ("local_authority", ...); "" for the others */
	char host_org_id[SECURE_ID_LEN]; /* the force hosting it; "" when none */
	int64_t version;
} org_rec;

/* The organisation's kind as the API names it: its partner kind, else its
 * class. Can't fail. */
const char *store_org_kind(const org_rec *o);
/* Sets the organisation's class and partner kind from a kind as the API
 * names it ("force", "opcc", "local_authority", ...): 0, or -1 (o
 * unchanged) when there is no such kind. */
int store_org_kind_set(org_rec *o, const char *kind);

/* Finds an organisation by id / by name: DB_ROW (filling *out), DB_DONE, or an error. */
int store_org_get(db *d, const char *id, org_rec *out);
int store_org_by_name(db *d, const char *name, org_rec *out);
/* Creates the organisation o (name, kind and partner_kind as
 * store_org_kind_set sets them, and host_org_id or "") and writes its new
 * id and version 1. DB_CONSTRAINT when the name is taken. */
int store_org_create(db *d, org_rec *o);
/* Writes o's name and (for a partner) partner kind if it is still at
 * version, then writes its new version into o: DB_OK, DB_DONE when the
 * version is stale, DB_CONSTRAINT when another organisation has the name.
 * The class never changes. */
int store_org_update(db *d, org_rec *o, int64_t version);
/* Counts the forces; when there is exactly one, writes its id (else ""). */
int store_org_only_force(db *d, int *count, char id[SECURE_ID_LEN]);
/* Calls fn for the organisation org_id, those it hosts and the one hosting
 * it, and, for a Commissioner's office, the forces of its area and those
 * they host (the partners its services may be given by), by name, of the kind as the API names it, or of the class "partner"
 * (NULL for any). */
int store_orgs_near(db *d, const char *org_id, const char *kind, int (*fn)(const org_rec *o, void *arg),
		    void *arg);
/* A Commissioner's office's area: the forces it counts. Adding one already
 * there, or removing one not there, changes nothing and is not an error. */
int store_org_area_add(db *d, const char *opcc_org_id, const char *force_org_id);
int store_org_area_remove(db *d, const char *opcc_org_id, const char *force_org_id);
/* Calls fn for each force of the area, by name. */
int store_org_area_each(db *d, const char *opcc_org_id, int (*fn)(const org_rec *o, void *arg), void *arg);
/* The roles of an organisation that must use a second factor (a JSON array
 * of role names): DB_ROW with the text in out, or DB_DONE when the
 * organisation has no setting (every role must). */
int store_org_totp_roles_get(db *d, const char *org_id, char *out, size_t outlen);
/* Sets them (roles_json a JSON array of role names). */
int store_org_totp_roles_put(db *d, const char *org_id, const char *roles_json);
/* Sets *any when some organisation requires no role to use a second factor. */
int store_org_any_without_second_factor(db *d, int *any);

/* Finds or creates an organisation / a team by name; writes its id. A new
 * organisation is hosted by no one and is of the kind as the API names it
 * (DB_ERR for no such kind). */
int store_org_ensure(db *d, const char *name, const char *kind, char id[SECURE_ID_LEN]);
int store_team_ensure(db *d, const char *org_id, const char *name, char id[SECURE_ID_LEN]);
/* Returns DB_ROW and writes the id when an organisation / team of that name exists. */
int store_org_find(db *d, const char *name, char id[SECURE_ID_LEN]);
int store_team_find(db *d, const char *org_id, const char *name, char id[SECURE_ID_LEN]);

typedef struct team_rec {
	char id[SECURE_ID_LEN];
	char org_id[SECURE_ID_LEN];
	char name[129];
	int64_t version;
} team_rec;

/* Finds a team by id: DB_ROW (filling *out), DB_DONE, or an error. */
int store_team_get(db *d, const char *id, team_rec *out);
/* Creates the team t (org_id, name), writing its id and version 1.
 * DB_CONSTRAINT when its organisation has a team of that name. */
int store_team_create(db *d, team_rec *t);
/* Renames the team t->id to t->name when it is still at version (its
 * version goes up by one, written to t): DB_OK, DB_DONE when the version is
 * stale, DB_CONSTRAINT when the organisation has a team of that name. */
int store_team_rename(db *d, team_rec *t, int64_t version);
/* Calls fn for each team of the organisation, by name. */
int store_team_each(db *d, const char *org_id, int (*fn)(const team_rec *t, void *arg), void *arg);
/* The organisation's security settings' version: DB_ROW with *version, or
 * DB_DONE when it has no setting yet (version 0). */
int store_org_settings_version(db *d, const char *org_id, int64_t *version);
/* Sets the organisation's roles that must use a second factor when its
 * setting is still at version (0: none yet), writing the new version:
 * DB_OK, or DB_DONE when the version is stale. */
int store_org_totp_roles_replace(db *d, const char *org_id, const char *roles_json, int64_t version,
				 int64_t *new_version);

/* Replaces the user's recovery codes with these hashes. */
int store_recovery_replace(db *d, const char *user_id, const char *const *hashes, int n);
/* Marks an unused code used. DB_OK when it was there and unused, DB_DONE otherwise. */
int store_recovery_use(db *d, const char *user_id, const char *hash);

/* Reads a setting into out (DB_ROW), or DB_DONE when unset. */
int store_setting_get(db *d, const char *key, char *out, size_t outlen);
int store_setting_put(db *d, const char *key, const char *value);
/* Reads a setting and its version: DB_ROW with both, or DB_DONE when unset
 * (*version 0). */
int store_setting_get_versioned(db *d, const char *key, char *out, size_t outlen, int64_t *version);
/* Writes a setting only when it is still at version (0: unset), setting
 * *version to the new one: DB_OK, DB_DONE when it has changed meanwhile,
 * or an error. */
int store_setting_replace(db *d, const char *key, const char *value, int64_t *version);

#endif
