/* waymark backup --to FILE: a consistent copy while the server runs. */
#include <stdio.h>

#include "cli/cli.h"

static const char USAGE[] =
	"usage: waymark backup --to FILE [--db URL]\n"
	"Writes a consistent online backup: a SQLite database file, or for\n"
	"PostgreSQL a pg_dump archive (custom format, restore with pg_restore).\n";

int cmd_backup(int argc, char **argv)
{
	const char *url = NULL, *to = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL}, {"--to", 1, &to, NULL, NULL}};
	int p = cli_parse("backup", USAGE, argc, argv, 2, opts, 2);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	if (cli_require("backup", to, "--to FILE") != 0)
		return EXIT_USAGE;
	FILE *exists = fopen(to, "rb");
	if (exists) {
		fclose(exists);
		cli_error("backup", "%s already exists; choose a new file", to);
		return 1;
	}
	db *d = cli_db_open("backup", cli_db_url(url), 1);
	if (!d)
		return 1;
	int rc = db_backup(d, to);
	if (rc != DB_OK)
		cli_error("backup", "%s", db_errmsg(d));
	else
		printf("backup written to %s\n", to);
	db_close(d);
	return rc == DB_OK ? 0 : 1;
}
