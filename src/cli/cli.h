/* Shared command-line helpers: options, opening the database, exit codes. */
#ifndef WAYMARK_CLI_CLI_H
#define WAYMARK_CLI_CLI_H

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
/* Prints "waymark CMD: message" on standard error. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The database URL from --db, WAYMARK_DB or the default. */
const char *cli_db_url(const char *flag);
/* Opens the database (creating the folder of a SQLite file). Returns NULL after printing why. */
db *cli_db_open(const char *cmd, const char *url, int must_be_migrated);
/* Who is at the keyboard, for audit entries: "cli:<login>". */
const char *cli_actor(void);

/* Creates an account with its organisation and team, audited as the CLI user.
 * Returns DB_OK, or an error code with a message in err. */
int cli_user_create(db *d, const char *username, const char *display, const char *role_s,
		    const char *org, const char *org_kind, const char *team, const char *password,
		    char *err, size_t errlen);

/* Loads the sealed-field key from --key-file, WAYMARK_KEY_FILE or
 * var/waymark.key (creating it when create is set) and checks it against the
 * database: init records a check value the first time; later, a key that
 * cannot open it is refused. Returns 0, or -1 after printing why. */
int cli_key_open(const char *cmd, const char *flag, db *d, int create, seal_key *key);

/* Loads synthetic casework unless the database holds cases already. */
int demo_casework(db *d, const char *author_id, const char *emt, const char *cid, int *ncases,
		  int *npeople);

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
