/* waymark init: create or upgrade the schema. Running it twice is harmless. */
#include <stdio.h>

#include "api/person_names.h"
#include "cli/cli.h"
#include "store/migrate.h"

static const char USAGE[] =
	"usage: waymark init [--db URL] [--key-file FILE]\n"
	"Creates the database schema, or upgrades it to this version, and the key\n"
	"that seals sensitive fields (default var/waymark.key, mode 0600) when absent.\n"
	"Keep the key file outside the database's backups.\n";

int cmd_init(int argc, char **argv)
{
	const char *url = NULL, *key_file = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL}, {"--key-file", 1, &key_file, NULL, NULL}};
	int p = cli_parse("init", USAGE, argc, argv, 2, opts, 2);
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
	int reindexed = 0;
	if ((rc = person_names_reindex(d, &reindexed)) != DB_OK) {
		cli_error("init", "cannot rebuild the name index: %s", db_errmsg(d));
		db_close(d);
		return 1;
	}
	if (reindexed)
		printf("name index rebuilt for %d people\n", reindexed);
	seal_key key;
	if (cli_key_open("init", key_file, d, 1, &key) != 0) {
		db_close(d);
		return 1;
	}
	seal_key_wipe(&key);
	printf("schema at version %d (%d migration%s applied)\n",
	       migrations[migrations_count - 1].version, applied, applied == 1 ? "" : "s");
	db_close(d);
	return 0;
}
