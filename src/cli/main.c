/* waymark: one program, one subcommand per file in src/cli/. */
#include <liboath/oath.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "lib/oom.h"
#include "lib/secure.h"

static const char USAGE[] =
	"usage: waymark COMMAND [OPTIONS]\n"
	"\n"
	"Case management and victim safeguarding for modern slavery work.\n"
	"\n"
	"commands:\n"
	"  init          create or upgrade the database schema\n"
	"  serve         serve the API and web UI\n"
	"  user          add, disable, enable, reset-password, reset-second-factor,\n"
	"                set-role\n"
	"  settings      show or set an organisation's security settings\n"
	"  org area      show or change the forces a Commissioner's office counts\n"
	"  demo          load synthetic demo data and print the demo sign-ins\n"
	"  audit verify  check the audit log's hash chain\n"
	"  backup        take a consistent online backup, with the document files\n"
	"  documents verify  check every document's file decrypts to its SHA-256\n"
	"  export htcds  write the CTDC-style k-anonymous file of victims identified\n"
	"  version       print the version\n"
	"\n"
	"Every command takes --help. Data commands take --db URL (or WAYMARK_DB):\n"
	"sqlite:PATH (default sqlite:var/waymark.db) or postgresql://...\n";

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
	{"init", cmd_init},   {"serve", cmd_serve},   {"user", cmd_user},
	{"settings", cmd_settings}, {"org", cmd_org},
	{"demo", cmd_demo},   {"audit", cmd_audit},   {"backup", cmd_backup},
	{"documents", cmd_documents},
	{"export", cmd_export},
	{"version", cmd_version},
};

int main(int argc, char **argv)
{
	/* Everything Waymark writes is private to its owner: the SQLite database
	 * with its -wal and -shm, backups, exports, the key file, folders. */
	umask(077);
	oom_json_init();
	if (argc < 2) {
		fputs(USAGE, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		fputs(USAGE, stdout);
		return 0;
	}
	if (secure_init() != 0 || oath_init() != OATH_OK) {
		fputs("waymark: cannot initialise the cryptographic libraries\n", stderr);
		return 1;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc, argv);
	fprintf(stderr, "waymark: unknown command '%s' (see waymark --help)\n", argv[1]);
	return EXIT_USAGE;
}
