/* waymark version */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/migrate.h"

#ifndef WAYMARK_VERSION
#define WAYMARK_VERSION "0.0.0-dev"
#endif

int cmd_version(int argc, char **argv)
{
	if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
		puts("usage: waymark version\nPrints the version and the schema version.");
		return 0;
	}
	if (argc > 2) {
		cli_error("version", "unknown argument '%s' (see --help)", argv[2]);
		return EXIT_USAGE;
	}
	printf("waymark %s (schema %d)\n", WAYMARK_VERSION,
	       migrations[migrations_count - 1].version);
	return 0;
}
