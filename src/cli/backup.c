/* waymark backup --to FILE: a consistent copy while the server runs, with
 * the document files beside it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static const char USAGE[] =
    "usage: waymark backup --to FILE [--db URL] [--documents DIR]\n"
    "Writes a consistent online backup: a SQLite database file, or for\n"
    "PostgreSQL a pg_dump archive (custom format, restore with pg_restore).\n"
    "The document files (encrypted as they are kept) are copied to\n"
    "FILE.documents/ after the database, so every file a row of the backup\n"
    "names is in it. To restore, put both back and run 'waymark documents\n"
    "verify', which checks every file against its SHA-256.\n"
    "--documents: default documents beside the SQLite file; PostgreSQL needs it\n"
    "(or WAYMARK_DOCUMENTS) to copy the files.\n";

/* Copies the regular file from to to (created, mode 0600). 0, or -1. */
static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return -1;
	}
	char chunk[65536];
	ssize_t n;
	int rc = 0;
	while (rc == 0 && (n = read(in, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			rc = errno == EINTR ? 0 : -1;
			continue;
		}
		for (ssize_t w = 0; rc == 0 && w < n;) {
			ssize_t k = write(out, chunk + w, (size_t)(n - w));
			if (k > 0)
				w += k;
			else if (k < 0 && errno != EINTR)
				rc = -1;
		}
	}
	if (rc == 0 && fsync(out) != 0)
		rc = -1;
	close(in);
	if (close(out) != 0)
		rc = -1;
	return rc;
}

/* Copies the folder from into to (made, mode 0700), files and folders
 * below it, skipping files being written (names ending ".tmp"). Counts
 * the files in *files. 0, or -1 with path naming what failed. */
static int copy_tree(const char *from, const char *to, long *files, char *path, size_t pathlen)
{
	if (mkdir(to, 0700) != 0) {
		snprintf(path, pathlen, "%s", to);
		return -1;
	}
	DIR *dir = opendir(from);
	if (!dir) {
		snprintf(path, pathlen, "%s", from);
		return -1;
	}
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		size_t nl = strlen(e->d_name);
		if (nl > 4 && strcmp(e->d_name + nl - 4, ".tmp") == 0)
			continue;
		char src[4096], dst[4096];
		struct stat st;
		if ((size_t)snprintf(src, sizeof src, "%s/%s", from, e->d_name) >= sizeof src ||
		    (size_t)snprintf(dst, sizeof dst, "%s/%s", to, e->d_name) >= sizeof dst ||
		    lstat(src, &st) != 0) {
			snprintf(path, pathlen, "%s/%s", from, e->d_name);
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = copy_tree(src, dst, files, path, pathlen);
		} else if (S_ISREG(st.st_mode)) {
			if (copy_file(src, dst) != 0) {
				snprintf(path, pathlen, "%s", src);
				rc = -1;
			} else {
				(*files)++;
			}
		}
	}
	closedir(dir);
	return rc;
}

int cmd_backup(int argc, char **argv)
{
	const char *url = NULL, *to = NULL, *documents = NULL;
	cli_opt opts[] = {{"--db", 1, &url, NULL, NULL},
	                  {"--to", 1, &to, NULL, NULL},
	                  {"--documents", 1, &documents, NULL, "WAYMARK_DOCUMENTS"}};
	int p = cli_parse("backup", USAGE, argc, argv, 2, opts, 3);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	if (cli_require("backup", to, "--to FILE") != 0)
		return EXIT_USAGE;
	char docs_to[4096];
	if ((size_t)snprintf(docs_to, sizeof docs_to, "%s.documents", to) >= sizeof docs_to) {
		cli_error("backup", "the file name is too long");
		return EXIT_USAGE;
	}
	struct stat st;
	if (stat(to, &st) == 0 || stat(docs_to, &st) == 0) {
		cli_error("backup", "%s or %s already exists; choose a new file", to, docs_to);
		return 1;
	}
	const char *db_url = cli_db_url(url);
	char buf[4096];
	const char *from = cli_documents_dir(documents, db_url, buf, sizeof buf);
	db *d = cli_db_open("backup", db_url, 1);
	if (!d)
		return 1;
	int rc = db_backup(d, to);
	if (rc != DB_OK)
		cli_error("backup", "%s", db_errmsg(d));
	db_close(d);
	if (rc != DB_OK)
		return 1;
	printf("backup written to %s\n", to);
	if (!from) {
		cli_error(
		    "backup",
		    "no documents folder named (--documents): the document files were not copied");
		return 1;
	}
	if (stat(from, &st) != 0) {
		printf("no documents folder at %s: no document files to copy\n", from);
		return 0;
	}
	long files = 0;
	char bad[4096] = "";
	if (copy_tree(from, docs_to, &files, bad, sizeof bad) != 0) {
		cli_error("backup", "cannot copy the document files: %s: %s", bad, strerror(errno));
		return 1;
	}
	printf("%ld document files copied to %s\n", files, docs_to);
	return 0;
}
