/* waymark audit verify: walk the hash chain. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/audit.h"

static const char USAGE[] =
	"usage: waymark audit verify [--db URL]\n"
	"Checks every audit entry against the one before it. Exits 0 and prints\n"
	"'audit chain intact: N entries', or exits 1 naming the first broken entry.\n";

int cmd_audit(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[2], "verify") != 0) {
		if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
			fputs(USAGE, stdout);
			return 0;
		}
		cli_error("audit", "expected 'verify' (see --help)");
		return EXIT_USAGE;
	}
	const char *url = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL}};
	int p = cli_parse("audit verify", USAGE, argc, argv, 3, opts, 1);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	db *d = cli_db_open("audit verify", cli_db_url(url), 1);
	if (!d)
		return 1;
	int64_t count = 0, bad = 0;
	char why[256] = "";
	int rc = store_audit_verify(d, &count, &bad, why, sizeof why);
	int status = 0;
	if (rc == DB_OK) {
		printf("audit chain intact: %lld entries\n", (long long)count);
	} else if (rc == DB_DONE) {
		printf("audit chain broken at entry %lld: %s\n", (long long)bad, why);
		status = 1;
	} else {
		cli_error("audit verify", "%s", db_errmsg(d));
		status = 1;
	}
	db_close(d);
	return status;
}
