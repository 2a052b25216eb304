/* waymark documents verify: every document row's file is there, decrypts,
 * and its plaintext has the SHA-256 the row holds. Run it on a restored
 * backup (the database and its .documents folder) before serving it.
 * waymark documents dispose: removes the files of documents deleted longer
 * ago than the retention period, once no other document holds them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "lib/clock.h"
#include "store/blobs.h"
#include "store/documents.h"

static const char USAGE[] =
    "usage: waymark documents verify [--db URL] [--documents DIR] [--key-file FILE]\n"
    "       waymark documents dispose [--after-days N] [--db URL] [--documents DIR] [--key-file FILE]\n"
    "Checks that the file of every document the database names (deleted ones\n"
    "too, until their disposal) is in the documents folder, decrypts with the\n"
    "installation's key and matches its SHA-256. Prints how many were checked,\n"
    "or names the first that is missing or altered and exits 1.\n"
    "dispose removes the file of every document deleted more than N days ago\n"
    "(default 30, at least 1) that no other document holds, marks those\n"
    "documents' files gone and audits each; the rows stay. Run it daily.\n"
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

/* The database, the installation's key and the documents folder, as both
 * commands open them: 0, or the exit status having said why. */
typedef struct opened {
	db *d;
	seal_key *key;
	blob_store *bs;
	char dir[4096];
} opened;

static int open_all(const char *cmd, const char *url, const char *dir, const char *key_file, opened *o)
{
	static seal_key key;
	const char *db_url = cli_db_url(url);
	dir = cli_documents_dir(dir, db_url, o->dir, sizeof o->dir);
	if (!dir) {
		cli_error(cmd, "name the documents folder with --documents");
		return EXIT_USAGE;
	}
	if (dir != o->dir)
		snprintf(o->dir, sizeof o->dir, "%s", dir);
	o->d = cli_db_open(cmd, db_url, 1);
	if (!o->d)
		return 1;
	o->key = &key;
	if (cli_key_open(cmd, key_file, o->d, 0, &key) != 0) {
		db_close(o->d);
		return 1;
	}
	char err[512];
	o->bs = blobs_open(o->dir, &key, err, sizeof err);
	if (!o->bs) {
		cli_error(cmd, "cannot open %s: %s", o->dir, err);
		db_close(o->d);
		seal_key_wipe(&key);
		return 1;
	}
	return 0;
}

static void close_all(opened *o)
{
	blobs_close(o->bs);
	db_close(o->d);
	seal_key_wipe(o->key);
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
	opened o;
	int bad = open_all("documents verify", url, dir, key_file, &o);
	if (bad)
		return bad;
	db *d = o.d;
	verify v = {o.bs, 0, ""};
	int rc = store_documents_each_file(d, check_one, &v);
	if (rc == DB_OK)
		printf("%ld documents verified in %s\n", v.checked, o.dir);
	else if (v.bad[0])
		cli_error("documents verify",
		          "document %s: its file is missing or altered (%ld verified before it)",
		          v.bad, v.checked);
	else
		cli_error("documents verify", "%s", db_errmsg(d));
	close_all(&o);
	return rc == DB_OK ? 0 : 1;
}

/* The files that may go, gathered before any is removed. */
typedef struct hashes {
	char (*sha)[BLOB_SHA256_HEX];
	size_t n, cap;
} hashes;

static int gather(const char *sha256, void *arg)
{
	hashes *h = arg;
	if (!sha256 || strlen(sha256) != BLOB_SHA256_HEX - 1)
		return DB_OK;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		void *grown = realloc(h->sha, cap * sizeof *h->sha);
		if (!grown)
			return DB_NOMEM;
		h->sha = grown;
		h->cap = cap;
	}
	memcpy(h->sha[h->n++], sha256, BLOB_SHA256_HEX);
	return DB_OK;
}

static int audit_disposed(const char *id, const char *case_id, void *arg)
{
	db *d = arg;
	return cli_audit(d, "document_file_disposed", "case", case_id,
			 json_pack("{s:s}", "document", id));
}

static int cmd_dispose(int argc, char **argv)
{
	const char *url = NULL, *dir = NULL, *key_file = NULL, *days_text = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL},
			  {"--documents", 1, &dir, NULL, "WAYMARK_DOCUMENTS"},
			  {"--key-file", 1, &key_file, NULL, NULL},
			  {"--after-days", 1, &days_text, NULL, NULL}};
	int p = cli_parse("documents dispose", USAGE, argc, argv, 3, opts, 4);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	long days = 30;
	if (days_text) {
		char *end;
		days = strtol(days_text, &end, 10);
		if (*days_text == '\0' || *end != '\0' || days < 1 || days > 36500) {
			cli_error("documents dispose", "--after-days must be a whole number from 1 to 36500");
			return EXIT_USAGE;
		}
	}
	opened o;
	int bad = open_all("documents dispose", url, dir, key_file, &o);
	if (bad)
		return bad;
	db *d = o.d;
	blob_store *bs = o.bs;
	char now[CLOCK_ISO_LEN], cutoff[CLOCK_ISO_LEN];
	clock_now_iso(now);
	clock_iso(clock_now_ms() - (int64_t)days * 86400 * 1000, cutoff);
	hashes h = {0};
	int rc = store_documents_disposable(d, cutoff, gather, &h);
	size_t removed = 0;
	int said = 0;
	/* Each file is first marked gone (with its audit entries) and then
	 * removed: a crash between leaves a file no row claims, removed again
	 * by the next run, never a row whose file is missing. */
	for (size_t i = 0; i < h.n && rc == DB_OK; i++) {
		rc = db_begin(d);
		if (rc == DB_OK)
			rc = store_documents_mark_disposed(d, h.sha[i], now, audit_disposed, d);
		if (rc == DB_OK)
			rc = db_commit(d);
		if (rc != DB_OK) {
			db_rollback(d);
			break;
		}
		int had = blobs_has(bs, h.sha[i]);
		if (blobs_remove(bs, h.sha[i]) != 0) {
			cli_error("documents dispose", "cannot remove a file from %s", o.dir);
			rc = DB_ERR;
			said = 1;
			break;
		}
		removed += had != 0;
	}
	if (rc == DB_OK)
		printf("%zu files of documents deleted before %s removed from %s\n", removed, cutoff, o.dir);
	else if (!said)
		cli_error("documents dispose", "%s", db_errmsg(d));
	free(h.sha);
	close_all(&o);
	return rc == DB_OK ? 0 : 1;
}

int cmd_documents(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[2], "verify") == 0)
		return cmd_verify(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "dispose") == 0)
		return cmd_dispose(argc, argv);
	fputs(USAGE, argc >= 3 && strcmp(argv[2], "--help") == 0 ? stdout : stderr);
	return argc >= 3 && strcmp(argv[2], "--help") == 0 ? 0 : EXIT_USAGE;
}
