/* Shared command-line helpers: options, opening the database, exit codes. */
#ifndef WAYMARK_CLI_CLI_H
#define WAYMARK_CLI_CLI_H

#include <jansson.h>
#include <stddef.h>

#include "lib/seal.h"
#include "store/db.h"

#define EXIT_USAGE 2

typedef struct cli_opt {
	const char *name;   /* "--db" */
	int takes_value;    /* 0: a flag, sets *flag */
	const char **value; /* where the value goes */
	int *flag;
	const char *env;    /* environment variable read when the option is absent */
} cli_opt;

/* Parses argv[first..] against opts. --help prints usage and returns 1. On a
 * bad argument prints "waymark CMD: ..." and returns -1. Returns 0 otherwise. */
int cli_parse(const char *cmd, const char *usage, int argc, char **argv, int first,
	      cli_opt *opts, size_t nopts);
/* Takes every "NAME VALUE" or "NAME=VALUE" of a repeatable option out of
 * argv[first..] (shortening *argc), putting the values in out, at most max;
 * *n gets how many. Run it before cli_parse. Returns 0, or -1 after printing
 * why (a missing value, too many). */
int cli_take_repeated(const char *cmd, int *argc, char **argv, int first, const char *name, const char **out,
		      size_t max, size_t *n);
/* Prints "waymark CMD: message" on standard error. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Whether an option the command needs was given: 0, or -1 after printing
 * "waymark CMD: WHAT is required". */
int cli_require(const char *cmd, const char *value, const char *what);
/* The database URL from --db, WAYMARK_DB or the default. */
const char *cli_db_url(const char *flag);
/* Opens the database (creating the folder of a SQLite file). Returns NULL after printing why. */
db *cli_db_open(const char *cmd, const char *url, int must_be_migrated);
/* Who is at the keyboard, for audit entries: "cli:<login>". */
const char *cli_actor(void);
/* Appends an audit entry as cli_actor(); detail (may be NULL) is taken. */
int cli_audit(db *d, const char *action, const char *record_type, const char *record_id, json_t *detail);

/* An account to create, and (when its organisation is new) the
 * organisation's kind and place. */
typedef struct cli_new_user {
	const char *username, *display, *role, *org, *team, *password;
	const char *org_kind;	  /* kind of a new organisation as the API names it (domain/org_kinds.h);
				     NULL: the role's, a support provider for a partner */
	const char *host;	  /* the force hosting a new partner or OPCC organisation, or NULL */
	const char *const *areas; /* the forces a new OPCC counts */
	size_t nareas;
} cli_new_user;

/* Creates an account with its organisation and team, audited as the CLI
 * user. An organisation that exists already must be of org_kind, when
 * given. A new partner or OPCC organisation is hosted by the force named
 * host, else (an OPCC) by its first area force, else by the only force when
 * there is exactly one; a new OPCC counts the areas named, else its host.
 * The role must fit the organisation's kind. Returns DB_OK, or with a
 * message in err CLI_REFUSED (the arguments do not make sense) or a
 * database error code. */
#define CLI_REFUSED (-100)
int cli_user_create(db *d, const cli_new_user *nu, char *err, size_t errlen);

/* Loads the sealed-field key from --key-file, WAYMARK_KEY_FILE or
 * var/waymark.key (creating it when create is set) and checks it against the
 * database: init records a check value the first time; later, a key that
 * cannot open it is refused. Returns 0, or -1 after printing why. */
int cli_key_open(const char *cmd, const char *flag, db *d, int create, seal_key *key);

/* The documents folder: flag (--documents or WAYMARK_DOCUMENTS) when
 * given, else "documents" beside the SQLite file, written into out; NULL
 * for PostgreSQL, which must name one. */
const char *cli_documents_dir(const char *flag, const char *db_url, char *out, size_t n);

int cmd_init(int argc, char **argv);
int cmd_documents(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
