/* waymark documents verify: every document row's file is there, decrypts,
 * and its plaintext has the SHA-256 the row holds. Run it on a restored
 * backup (the database and its .documents folder) before serving it. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/blobs.h"
#include "store/documents.h"

static const char USAGE[] =
    "usage: waymark documents verify [--db URL] [--documents DIR] [--key-file FILE]\n"
    "Checks that the file of every document the database names (deleted ones\n"
    "too, until their disposal) is in the documents folder, decrypts with the\n"
    "installation's key and matches its SHA-256. Prints how many were checked,\n"
    "or names the first that is missing or altered and exits 1.\n"
    "--documents: default documents beside the SQLite file; PostgreSQL needs it\n"
    "(or WAYMARK_DOCUMENTS).\n";

typedef struct verify {
	blob_store *bs;
	long checked;
	char bad[64];
} verify;

static int check_one(const char *id, const char *sha256, void *arg)
{
	verify *v = arg;
	if (!sha256 || strlen(sha256) != BLOB_SHA256_HEX - 1 || blobs_verify(v->bs, sha256) != 0) {
		snprintf(v->bad, sizeof v->bad, "%s", id ? id : "?");
		return DB_ERR;
	}
	v->checked++;
	return DB_OK;
}

static int cmd_verify(int argc, char **argv)
{
	const char *url = NULL, *dir = NULL, *key_file = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL},
	                  {"--documents", 1, &dir, NULL, "WAYMARK_DOCUMENTS"},
	                  {"--key-file", 1, &key_file, NULL, NULL}};
	int p = cli_parse("documents verify", USAGE, argc, argv, 3, opts, 3);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	const char *db_url = cli_db_url(url);
	char buf[4096];
	dir = cli_documents_dir(dir, db_url, buf, sizeof buf);
	if (!dir) {
		cli_error("documents verify", "name the documents folder with --documents");
		return EXIT_USAGE;
	}
	db *d = cli_db_open("documents verify", db_url, 1);
	if (!d)
		return 1;
	static seal_key key;
	if (cli_key_open("documents verify", key_file, d, 0, &key) != 0) {
		db_close(d);
		return 1;
	}
	char err[512];
	verify v = {blobs_open(dir, &key, err, sizeof err), 0, ""};
	if (!v.bs) {
		cli_error("documents verify", "cannot open %s: %s", dir, err);
		db_close(d);
		seal_key_wipe(&key);
		return 1;
	}
	int rc = store_documents_each_file(d, check_one, &v);
	if (rc == DB_OK)
		printf("%ld documents verified in %s\n", v.checked, dir);
	else if (v.bad[0])
		cli_error("documents verify",
		          "document %s: its file is missing or altered (%ld verified before it)",
		          v.bad, v.checked);
	else
		cli_error("documents verify", "%s", db_errmsg(d));
	blobs_close(v.bs);
	db_close(d);
	seal_key_wipe(&key);
	return rc == DB_OK ? 0 : 1;
}

int cmd_documents(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[2], "verify") == 0)
		return cmd_verify(argc, argv);
	fputs(USAGE, argc >= 3 && strcmp(argv[2], "--help") == 0 ? stdout : stderr);
	return argc >= 3 && strcmp(argv[2], "--help") == 0 ? 0 : EXIT_USAGE;
}
