/* waymark init: create or upgrade the schema. Running it twice is harmless. */
#include <stdio.h>

#include "cli/cli.h"
#include "store/migrate.h"

static const char USAGE[] = "usage: waymark init [--db URL]\n"
			    "Creates the database schema, or upgrades it to this version.\n";

int cmd_init(int argc, char **argv)
{
	const char *url = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL}};
	int p = cli_parse("init", USAGE, argc, argv, 2, opts, 1);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	db *d = cli_db_open("init", cli_db_url(url), 0);
	if (!d)
		return 1;
	int applied = 0;
	int rc = migrate_up(d, &applied);
	if (rc != DB_OK) {
		cli_error("init", "%s", db_errmsg(d));
		db_close(d);
		return 1;
	}
	printf("schema at version %d (%d migration%s applied)\n",
	       migrations[migrations_count - 1].version, applied, applied == 1 ? "" : "s");
	db_close(d);
	return 0;
}
