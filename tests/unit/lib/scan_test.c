#include "unit/test.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/scan.h"
#include "support/engines.h"
#include "support/zip.h"

static scanner *sc;

/* The EICAR test file, put together here so that this source is not
 * itself one. */
static size_t eicar(char *out, size_t cap)
{
	static const char head[] = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR";
	static const char tail[] = "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
	int n = snprintf(out, cap, "%s%s", head, tail);
	assert_int_equal(n, 68);
	return (size_t)n;
}

static void test_the_eicar_file_is_infected_and_named(void **state)
{
	(void)state;
	char buf[80], name[SCAN_NAME_MAX], err[256];
	size_t n = eicar(buf, sizeof buf);
	int fd = test_file_of("eicar.txt", buf, n);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 1);
	assert_non_null(strstr(name, "Waymark.Test.EICAR"));
	/* Wherever the offset was left. */
	assert_int_equal(lseek(fd, 0, SEEK_END), 68);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 1);
	close(fd);
}

static void test_eicar_inside_an_archive_is_found(void **state)
{
	(void)state;
	char buf[80], name[SCAN_NAME_MAX], err[256];
	size_t n = eicar(buf, sizeof buf);
	unsigned char zip[512];
	zip_part part = {"word/media/image1.bin", buf, n};
	size_t zl = zip_build(zip, sizeof zip, &part, 1);
	int fd = test_file_of("letter.docx", zip, zl);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 1);
	assert_non_null(strstr(name, "Waymark.Test.EICAR"));
	close(fd);
}

static void test_eicar_anywhere_in_a_file_is_found(void **state)
{
	(void)state;
	char buf[80], name[SCAN_NAME_MAX], err[256], text[300];
	size_t n = eicar(buf, sizeof buf);
	/* With a newline, as an editor saves it: no longer the whole file's
	 * hash, still the body signature. */
	buf[n] = '\n';
	int fd = test_file_of("eicar-newline.txt", buf, n + 1);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), SCAN_INFECTED);
	assert_non_null(strstr(name, "Waymark.Test.EICAR"));
	close(fd);
	buf[n] = '\0';
	int k =
	    snprintf(text, sizeof text, "Notes of the visit, page 2.\n%s\nEnd of notes.\n", buf);
	fd = test_file_of("eicar-inside.txt", text, (size_t)k);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), SCAN_INFECTED);
	close(fd);
}

static void test_a_file_beyond_the_engine_limit_is_too_large_not_infected(void **state)
{
	(void)state;
	char big[4096], name[SCAN_NAME_MAX], err[256];
	memset(big, 'a', sizeof big);
	int fd = test_file_of("big.txt", big, sizeof big);
	assert_int_equal(scan_limit(sc, 1024), 0);
	int r = scan_fd(sc, fd, name, err, sizeof err);
	assert_int_equal(scan_limit(sc, SCAN_MAX_BYTES), 0);
	assert_int_equal(r, SCAN_TOO_LARGE);
	assert_non_null(strstr(name, "Heuristics.Limits.Exceeded"));
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), SCAN_CLEAN);
	close(fd);
}

struct scan_job {
	int fd, want, wrong;
};

static void *scan_many(void *arg)
{
	struct scan_job *j = arg;
	for (int i = 0; i < 50; i++) {
		char name[SCAN_NAME_MAX], err[256];
		if (scan_fd(sc, j->fd, name, err, sizeof err) != j->want)
			j->wrong++;
	}
	return NULL;
}

static void test_threads_scan_at_once(void **state)
{
	(void)state;
	char buf[80];
	size_t n = eicar(buf, sizeof buf);
	static const char text[] = "Note of a visit.\n";
	struct scan_job jobs[4] = {
	    {test_file_of("t1.txt", buf, n), 1, 0},
	    {test_file_of("t2.txt", text, sizeof text - 1), 0, 0},
	    {test_file_of("t3.txt", buf, n), 1, 0},
	    {test_file_of("t4.txt", text, sizeof text - 1), 0, 0},
	};
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, scan_many, &jobs[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].wrong, 0);
		close(jobs[i].fd);
	}
}

static void test_a_clean_file_is_clean(void **state)
{
	(void)state;
	static const char text[] = "Statement of witness: the van arrived at six.\n";
	char name[SCAN_NAME_MAX], err[256];
	int fd = test_file_of("clean.txt", text, sizeof text - 1);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 0);
	assert_string_equal(name, "");
	close(fd);
	/* Nearly EICAR is not EICAR: its 68 bytes are the signature. */
	char buf[80];
	size_t n = eicar(buf, sizeof buf);
	buf[n - 1] = '-';
	fd = test_file_of("near.txt", buf, n);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 0);
	close(fd);
	fd = test_file_of("empty.txt", "", 0);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 0);
	close(fd);
}

static void test_an_unreadable_fd_is_a_failed_scan(void **state)
{
	(void)state;
	char name[SCAN_NAME_MAX], err[256] = "";
	assert_int_equal(scan_fd(sc, -1, name, err, sizeof err), -1);
	assert_non_null(strstr(err, "virus scan failed"));
	char path[512];
	snprintf(path, sizeof path, "%s/writeonly", test_tmpdir());
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_true(write(fd, "some text", 9) == 9);
	err[0] = '\0';
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), -1);
	assert_non_null(strstr(err, "virus scan failed"));
	close(fd);
	/* A descriptor that is open but cannot be read from (a folder):
	 * libclamav's read fails, and that is no clean bill. */
	fd = open(test_tmpdir(), O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	err[0] = '\0';
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), -1);
	assert_non_null(strstr(err, "virus scan failed"));
	close(fd);
}

static void test_the_project_signature_is_not_a_full_database(void **state)
{
	(void)state;
	assert_false(scan_full(sc));
	assert_true(scan_signatures(sc) >= 1);
}

static void test_a_missing_or_empty_folder_gives_no_scanner(void **state)
{
	(void)state;
	char err[256] = "", dir[512];
	snprintf(dir, sizeof dir, "%s/no-such-folder", test_tmpdir());
	assert_null(scan_open(dir, err, sizeof err));
	assert_non_null(strstr(err, "no-such-folder"));
	/* A folder without signatures: scanning with none would pass anything. */
	snprintf(dir, sizeof dir, "%s/empty-signatures", test_tmpdir());
	assert_int_equal(mkdir(dir, 0700), 0);
	err[0] = '\0';
	assert_null(scan_open(dir, err, sizeof err));
	assert_non_null(strstr(err, "empty-signatures"));
}

static void test_a_broken_database_gives_no_scanner(void **state)
{
	(void)state;
	char dir[512], path[600], err[256] = "";
	snprintf(dir, sizeof dir, "%s/broken-signatures", test_tmpdir());
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/main.cvd", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_true(write(fd, "not a database\n", 15) == 15);
	close(fd);
	assert_null(scan_open(dir, err, sizeof err));
	assert_non_null(strstr(err, "broken-signatures"));
	/* A malformed hash signature, too. */
	snprintf(path, sizeof path, "%s/main.cvd", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/bad.hdb", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_true(write(fd, "zz:notasize\n", 12) == 12);
	close(fd);
	err[0] = '\0';
	assert_null(scan_open(dir, err, sizeof err));
	assert_non_null(strstr(err, "broken-signatures"));
}

int main(void)
{
	char err[256];
	sc = scan_open(WAYMARK_CLAMAV_DIR, err, sizeof err);
	if (!sc) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_eicar_file_is_infected_and_named),
	    cmocka_unit_test(test_a_clean_file_is_clean),
	    cmocka_unit_test(test_eicar_inside_an_archive_is_found),
	    cmocka_unit_test(test_eicar_anywhere_in_a_file_is_found),
	    cmocka_unit_test(test_a_file_beyond_the_engine_limit_is_too_large_not_infected),
	    cmocka_unit_test(test_threads_scan_at_once),
	    cmocka_unit_test(test_an_unreadable_fd_is_a_failed_scan),
	    cmocka_unit_test(test_the_project_signature_is_not_a_full_database),
	    cmocka_unit_test(test_a_missing_or_empty_folder_gives_no_scanner),
	    cmocka_unit_test(test_a_broken_database_gives_no_scanner),
	};
	int rc = cmocka_run_group_tests_name("lib/scan", tests, NULL, NULL);
	scan_close(sc);
	return rc;
}
