#include "unit/test.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/scan.h"
#include "support/engines.h"

static scanner *sc;

static int file_of(const char *name, const void *bytes, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", test_tmpdir(), name);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_true(write(fd, bytes, n) == (ssize_t)n);
	return fd;
}

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
	int fd = file_of("eicar.txt", buf, n);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 1);
	assert_non_null(strstr(name, "Waymark.Test.EICAR"));
	/* Wherever the offset was left. */
	assert_int_equal(lseek(fd, 0, SEEK_END), 68);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 1);
	close(fd);
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static uint32_t crc32_of(const unsigned char *s, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= s[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return ~c;
}

/* A zip holding one stored entry: a Word document is such a zip. */
static size_t zip_of(unsigned char *out, const char *name, const unsigned char *body, size_t bl)
{
	size_t nl = strlen(name);
	memset(out, 0, 30 + nl + bl + 46 + nl + 22);
	unsigned char *h = out;
	put32(h, 0x04034b50);
	put16(h + 4, 20);
	put32(h + 14, crc32_of(body, bl));
	put32(h + 18, (uint32_t)bl);
	put32(h + 22, (uint32_t)bl);
	put16(h + 26, (unsigned)nl);
	memcpy(h + 30, name, nl);
	memcpy(h + 30 + nl, body, bl);
	unsigned char *c = h + 30 + nl + bl;
	put32(c, 0x02014b50);
	put16(c + 4, 20);
	put16(c + 6, 20);
	put32(c + 16, crc32_of(body, bl));
	put32(c + 20, (uint32_t)bl);
	put32(c + 24, (uint32_t)bl);
	put16(c + 28, (unsigned)nl);
	memcpy(c + 46, name, nl);
	unsigned char *e = c + 46 + nl;
	put32(e, 0x06054b50);
	put16(e + 8, 1);
	put16(e + 10, 1);
	put32(e + 12, (uint32_t)(46 + nl));
	put32(e + 16, (uint32_t)(30 + nl + bl));
	return 30 + nl + bl + 46 + nl + 22;
}

static void test_eicar_inside_an_archive_is_found(void **state)
{
	(void)state;
	char buf[80], name[SCAN_NAME_MAX], err[256];
	size_t n = eicar(buf, sizeof buf);
	unsigned char zip[512];
	size_t zl = zip_of(zip, "word/media/image1.bin", (const unsigned char *)buf, n);
	int fd = file_of("letter.docx", zip, zl);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 1);
	assert_non_null(strstr(name, "Waymark.Test.EICAR"));
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
	    {file_of("t1.txt", buf, n), 1, 0},
	    {file_of("t2.txt", text, sizeof text - 1), 0, 0},
	    {file_of("t3.txt", buf, n), 1, 0},
	    {file_of("t4.txt", text, sizeof text - 1), 0, 0},
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
	int fd = file_of("clean.txt", text, sizeof text - 1);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 0);
	assert_string_equal(name, "");
	close(fd);
	/* Nearly EICAR is not EICAR: the signature is the whole file's hash. */
	char buf[80];
	size_t n = eicar(buf, sizeof buf);
	buf[n - 1] = '-';
	fd = file_of("near.txt", buf, n);
	assert_int_equal(scan_fd(sc, fd, name, err, sizeof err), 0);
	close(fd);
	fd = file_of("empty.txt", "", 0);
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
