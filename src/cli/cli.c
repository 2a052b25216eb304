#include "cli/cli.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/accounts.h"
#include "store/audit.h"
#include "store/migrate.h"

void cli_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "waymark %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_require(const char *cmd, const char *value, const char *what)
{
	if (value)
		return 0;
	cli_error(cmd, "%s is required", what);
	return -1;
}

int cli_parse(const char *cmd, const char *usage, int argc, char **argv, int first,
	      cli_opt *opts, size_t nopts)
{
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return 1;
		}
		const char *eq = strchr(a, '=');
		size_t len = eq ? (size_t)(eq - a) : strlen(a);
		cli_opt *o = NULL;
		for (size_t k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == len && strncmp(opts[k].name, a, len) == 0)
				o = &opts[k];
		if (!o) {
			cli_error(cmd, "unknown argument '%s' (see --help)", a);
			return -1;
		}
		if (!o->takes_value) {
			if (eq) {
				cli_error(cmd, "%s takes no value", o->name);
				return -1;
			}
			*o->flag = 1;
			continue;
		}
		if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			cli_error(cmd, "%s needs a value", o->name);
			return -1;
		}
		if (!**o->value) {
			cli_error(cmd, "%s must not be empty", o->name);
			return -1;
		}
	}
	for (size_t k = 0; k < nopts; k++)
		if (opts[k].takes_value && !*opts[k].value && opts[k].env && getenv(opts[k].env) &&
		    *getenv(opts[k].env))
			*opts[k].value = getenv(opts[k].env);
	return 0;
}

int cli_take_repeated(const char *cmd, int *argc, char **argv, int first, const char *name, const char **out,
		      size_t max, size_t *n)
{
	size_t len = strlen(name);
	int kept = first;
	*n = 0;
	for (int i = first; i < *argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, name, len) != 0 || (a[len] != '\0' && a[len] != '=')) {
			argv[kept++] = argv[i];
			continue;
		}
		const char *v = a[len] == '=' ? a + len + 1 : i + 1 < *argc ? argv[++i] : NULL;
		if (!v || !*v) {
			cli_error(cmd, "%s needs a value", name);
			return -1;
		}
		if (*n >= max) {
			cli_error(cmd, "%s is given more than %zu times", name, max);
			return -1;
		}
		out[(*n)++] = v;
	}
	*argc = kept;
	return 0;
}

const char *cli_db_url(const char *flag)
{
	if (flag)
		return flag;
	const char *env = getenv("WAYMARK_DB");
	return env && *env ? env : "sqlite:var/waymark.db";
}

const char *cli_documents_dir(const char *flag, const char *db_url, char *out, size_t n)
{
	if (flag)
		return flag;
	if (strncmp(db_url, "sqlite:", 7) != 0)
		return NULL;
	const char *path = db_url + 7;
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, n, "documents");
	else
		snprintf(out, n, "%.*s/documents", (int)(slash - path), path);
	return out;
}

static int make_parent(const char *path)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0750) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(dir, 0750) != 0 && errno != EEXIST ? -1 : 0;
}

db *cli_db_open(const char *cmd, const char *url, int must_be_migrated)
{
	if (strncmp(url, "sqlite:", 7) == 0 && make_parent(url + 7) != 0) {
		cli_error(cmd, "cannot create the folder for %s: %s", url + 7, strerror(errno));
		return NULL;
	}
	char err[512];
	db *d;
	if (db_open(url, 5000, &d, err, sizeof err) != DB_OK) {
		cli_error(cmd, "%s", err);
		return NULL;
	}
	if (must_be_migrated && migrate_check(d) != DB_OK) {
		cli_error(cmd, "%s", db_errmsg(d));
		db_close(d);
		return NULL;
	}
	return d;
}

const char *cli_actor(void)
{
	static char actor[96];
	struct passwd *pw = getpwuid(getuid());
	snprintf(actor, sizeof actor, "cli:%s", pw ? pw->pw_name : "unknown");
	return actor;
}

int cli_audit(db *d, const char *action, const char *record_type, const char *record_id, json_t *detail)
{
	char *text = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(detail);
	audit_fields f = {.actor = cli_actor(),
			  .action = action,
			  .record_type = record_type,
			  .record_id = record_id,
			  .detail = text};
	int rc = store_audit_append(d, &f);
	free(text);
	return rc;
}

int cli_key_open(const char *cmd, const char *flag, db *d, int create, seal_key *key)
{
	const char *path = flag;
	if (!path)
		path = getenv("WAYMARK_KEY_FILE");
	if (!path || !*path)
		path = "var/waymark.key";
	char err[512];
	if (create && make_parent(path) != 0) {
		cli_error(cmd, "cannot create the folder for %s: %s", path, strerror(errno));
		return -1;
	}
	if (seal_key_load(path, create, key, err, sizeof err) != 0) {
		cli_error(cmd, "%s", err);
		return -1;
	}
	static const char CHECK[] = "waymark sealed-field key check";
	char stored[256];
	int rc = store_setting_get(d, "seal_check", stored, sizeof stored);
	if (rc == DB_DONE && create) {
		char *sealed = seal_encrypt(key, CHECK);
		rc = sealed ? store_setting_put(d, "seal_check", sealed) : DB_NOMEM;
		free(sealed);
		if (rc == DB_OK)
			return 0;
	}
	if (rc == DB_DONE) {
		cli_error(cmd, "the database has no key check: run 'waymark init' first");
		return -1;
	}
	if (rc != DB_ROW) {
		cli_error(cmd, "%s", db_errmsg(d));
		return -1;
	}
	char *open = seal_decrypt(key, stored);
	int ok = open && strcmp(open, CHECK) == 0;
	free(open);
	if (!ok) {
		cli_error(cmd, "the key file %s does not match this database: sealed fields "
			       "cannot be read with it",
			  path);
		return -1;
	}
	return 0;
}
