#include "unit/test.h"

#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/seal.h"
#include "store/blobs.h"
#include "support/engines.h"

#define CHUNK (64 * 1024)
#define MARKER "Statement of witness W-4471: the van at Dock Road"

/* Allocations made by Waymark's code while watching is set (the test
 * links with --wrap for malloc and calloc): the largest one and the sum. */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
static int watching;
static size_t largest, total;

static void note(size_t n)
{
	if (!watching)
		return;
	if (n > largest)
		largest = n;
	total += n;
}

void *__wrap_malloc(size_t n)
{
	note(n);
	return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	note(n * size);
	return __real_calloc(n, size);
}

static seal_key key1, key2;
static int folders;

static blob_store *fresh_store(const seal_key *k, char dir[512])
{
	snprintf(dir, 512, "%s/blobs-%d", test_tmpdir(), folders++);
	char err[256];
	blob_store *bs = blobs_open(dir, k, err, sizeof err);
	if (!bs)
		fail_msg("%s", err);
	return bs;
}

/* A spooled plaintext of n bytes: a pattern with the marker in it. */
static int spool_of(blob_store *bs, size_t n, char sha[BLOB_SHA256_HEX])
{
	int fd = blobs_spool(bs);
	assert_true(fd >= 0);
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	unsigned char *buf = malloc(CHUNK);
	assert_non_null(buf);
	for (size_t i = 0; i < CHUNK; i++)
		buf[i] = (unsigned char)(i * 7 + i / 251);
	if (CHUNK > sizeof MARKER)
		memcpy(buf + 100, MARKER, sizeof MARKER - 1);
	for (size_t done = 0; done < n;) {
		size_t k = n - done < CHUNK ? n - done : CHUNK;
		assert_true(write(fd, buf, k) == (ssize_t)k);
		crypto_hash_sha256_update(&h, buf, k);
		done += k;
	}
	free(buf);
	unsigned char raw[32];
	crypto_hash_sha256_final(&h, raw);
	sodium_bin2hex(sha, BLOB_SHA256_HEX, raw, sizeof raw);
	return fd;
}

/* Reads the stored file back in pieces of cap bytes; its SHA-256 must be
 * sha and its length n. Returns the last blob_read's answer. */
static ssize_t read_back(blob_store *bs, const char *sha, size_t n, size_t cap)
{
	blob_reader *r = blobs_read_open(bs, sha);
	assert_non_null(r);
	unsigned char *buf = malloc(cap);
	assert_non_null(buf);
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	size_t got = 0;
	ssize_t k;
	while ((k = blob_read(r, buf, cap)) > 0) {
		assert_true((size_t)k <= cap);
		crypto_hash_sha256_update(&h, buf, (size_t)k);
		got += (size_t)k;
	}
	free(buf);
	blob_read_close(r);
	if (k == 0) {
		unsigned char raw[32];
		char hex[BLOB_SHA256_HEX];
		crypto_hash_sha256_final(&h, raw);
		sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
		assert_string_equal(hex, sha);
		assert_int_equal(got, n);
	}
	return k;
}

/* The stored files in the store's folder (temporaries start with a dot).
 * Returns how many, putting up to max paths in paths. */
static int files_in(const char *dir, char paths[][1024], int max)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int found = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char sub[600];
		snprintf(sub, sizeof sub, "%s/%.3s", dir, e->d_name);
		DIR *s = opendir(sub);
		assert_non_null(s);
		struct dirent *f;
		while ((f = readdir(s))) {
			if (f->d_name[0] == '.')
				continue;
			if (found < max)
				snprintf(paths[found], 1024, "%s/%.100s", sub, f->d_name);
			found++;
		}
		closedir(s);
	}
	closedir(d);
	return found;
}

static void only_file(const char *dir, char path[1024])
{
	char paths[1][1024];
	assert_int_equal(files_in(dir, paths, 1), 1);
	memcpy(path, paths[0], 1024);
}

static void test_round_trips_at_chunk_edges(void **state)
{
	(void)state;
	static const size_t sizes[] = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 1};
	char dir[512], err[256];
	blob_store *bs = fresh_store(&key1, dir);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		char sha[BLOB_SHA256_HEX];
		int fd = spool_of(bs, sizes[i], sha);
		assert_false(blobs_has(bs, sha));
		if (blobs_put(bs, fd, sizes[i], sha, err, sizeof err) != 0)
			fail_msg("%zu bytes: %s", sizes[i], err);
		close(fd);
		assert_true(blobs_has(bs, sha));
		assert_int_equal(read_back(bs, sha, sizes[i], CHUNK), 0);
		assert_int_equal(read_back(bs, sha, sizes[i], 1000), 0);
		assert_int_equal(blobs_verify(bs, sha), 0);
	}
	blobs_close(bs);
}

static void test_the_same_content_is_written_once(void **state)
{
	(void)state;
	char dir[512], err[256], sha[BLOB_SHA256_HEX], path[1024];
	blob_store *bs = fresh_store(&key1, dir);
	int fd = spool_of(bs, 5000, sha);
	assert_int_equal(blobs_put(bs, fd, 5000, sha, err, sizeof err), 0);
	only_file(dir, path);
	struct stat a, b;
	assert_int_equal(stat(path, &a), 0);
	assert_int_equal(blobs_put(bs, fd, 5000, sha, err, sizeof err), 0);
	only_file(dir, path);
	assert_int_equal(stat(path, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_mtim.tv_nsec, b.st_mtim.tv_nsec);
	assert_int_equal(a.st_mode & 0777, 0600);
	close(fd);
	blobs_close(bs);
}

/* Stores a three-and-a-bit-chunk file and returns the path of its file. */
static blob_store *stored(char dir[512], char sha[BLOB_SHA256_HEX], char path[1024], size_t n)
{
	char err[256];
	blob_store *bs = fresh_store(&key1, dir);
	int fd = spool_of(bs, n, sha);
	assert_int_equal(blobs_put(bs, fd, n, sha, err, sizeof err), 0);
	close(fd);
	only_file(dir, path);
	return bs;
}

static void test_a_flipped_byte_anywhere_is_refused(void **state)
{
	(void)state;
	char dir[512], sha[BLOB_SHA256_HEX], path[1024];
	size_t n = 3 * CHUNK + 1;
	blob_store *bs = stored(dir, sha, path, n);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	/* The format byte, the stream header, the first, a middle and the
	 * last chunk. */
	off_t where[] = {4, 10, 40, 40 + CHUNK + 17 + 5, st.st_size - 1};
	for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
		int fd = open(path, O_RDWR);
		assert_true(fd >= 0);
		unsigned char c;
		assert_true(pread(fd, &c, 1, where[i]) == 1);
		c ^= 0x01;
		assert_true(pwrite(fd, &c, 1, where[i]) == 1);
		blob_reader *r = blobs_read_open(bs, sha);
		if (r) {
			unsigned char buf[CHUNK];
			ssize_t k;
			while ((k = blob_read(r, buf, sizeof buf)) > 0)
				;
			assert_int_equal(k, -1);
			/* And it stays refused. */
			assert_int_equal(blob_read(r, buf, sizeof buf), -1);
			blob_read_close(r);
		}
		assert_int_equal(blobs_verify(bs, sha), -1);
		c ^= 0x01;
		assert_true(pwrite(fd, &c, 1, where[i]) == 1);
		close(fd);
		assert_int_equal(blobs_verify(bs, sha), 0);
	}
	blobs_close(bs);
}

static void test_a_truncated_or_shortened_file_is_refused(void **state)
{
	(void)state;
	char dir[512], sha[BLOB_SHA256_HEX], path[1024];
	size_t n = 3 * CHUNK + 1;
	blob_store *bs = stored(dir, sha, path, n);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	off_t full = st.st_size;
	off_t header = 8 + 24, cipher_chunk = CHUNK + 17;
	/* A byte short; the last chunk gone (the file ends at a chunk's edge
	 * without its final tag); all chunks gone; half the header. */
	off_t cuts[] = {full - 1, header + 3 * cipher_chunk, header, 20};
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		assert_int_equal(truncate(path, cuts[i]), 0);
		assert_int_equal(blobs_verify(bs, sha), -1);
		blob_reader *r = blobs_read_open(bs, sha);
		if (r) {
			unsigned char buf[4096];
			ssize_t k;
			while ((k = blob_read(r, buf, sizeof buf)) > 0)
				;
			assert_int_equal(k, -1);
			blob_read_close(r);
		}
	}
	blobs_close(bs);
}

static void test_bytes_after_the_final_chunk_are_refused(void **state)
{
	(void)state;
	char dir[512], sha[BLOB_SHA256_HEX], path[1024];
	blob_store *bs = stored(dir, sha, path, 100);
	int fd = open(path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_true(write(fd, "x", 1) == 1);
	close(fd);
	assert_int_equal(blobs_verify(bs, sha), -1);
	blobs_close(bs);
}

static void test_another_key_opens_nothing(void **state)
{
	(void)state;
	char dir[512], sha[BLOB_SHA256_HEX], path[1024], err[256];
	blob_store *bs = stored(dir, sha, path, 5000);
	blobs_close(bs);
	/* Under another installation's key the name differs... */
	blob_store *other = blobs_open(dir, &key2, err, sizeof err);
	assert_non_null(other);
	assert_false(blobs_has(other, sha));
	assert_null(blobs_read_open(other, sha));
	/* ...and where that key would look, the file does not decrypt. */
	int fd = spool_of(other, 5000, sha);
	assert_int_equal(blobs_put(other, fd, 5000, sha, err, sizeof err), 0);
	close(fd);
	assert_int_equal(blobs_verify(other, sha), 0);
	char paths[2][1024], cmd[2200];
	assert_int_equal(files_in(dir, paths, 2), 2);
	const char *mine = strcmp(paths[0], path) == 0 ? paths[1] : paths[0];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, mine);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(blobs_verify(other, sha), -1);
	blobs_close(other);
}

static int file_has(const char *path, const void *needle, size_t len)
{
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	unsigned char *buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	assert_true(read(fd, buf, (size_t)st.st_size) == st.st_size);
	close(fd);
	int found = memmem(buf, (size_t)st.st_size, needle, len) != NULL;
	free(buf);
	return found;
}

static void test_the_folder_holds_no_plaintext_and_no_hash(void **state)
{
	(void)state;
	char dir[512], sha[BLOB_SHA256_HEX], path[1024];
	blob_store *bs = stored(dir, sha, path, 2 * CHUNK + 10);
	assert_false(file_has(path, MARKER, strlen(MARKER)));
	assert_false(file_has(path, sha, 64));
	assert_null(strstr(path + strlen(dir), sha));
	assert_null(strstr(path + strlen(dir), sha + 2));
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* Nothing else in the folder: no temporary left behind. */
	char cmd[700];
	snprintf(cmd, sizeof cmd, "test $(find '%s' -type f | wc -l) -eq 1", dir);
	assert_int_equal(system(cmd), 0);
	blobs_close(bs);
}

static void test_a_spool_file_is_unnamed_and_private(void **state)
{
	(void)state;
	char dir[512];
	blob_store *bs = fresh_store(&key1, dir);
	assert_string_equal(blobs_dir(bs), dir);
	int fd = blobs_spool(bs);
	assert_true(fd >= 0);
	assert_true(write(fd, MARKER, strlen(MARKER)) == (ssize_t)strlen(MARKER));
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_nlink, 0);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "test $(find '%s' -mindepth 1 | wc -l) -eq 0", dir);
	assert_int_equal(system(cmd), 0);
	close(fd);
	blobs_close(bs);
}

static void test_a_wrong_hash_or_size_stores_nothing(void **state)
{
	(void)state;
	char dir[512], err[256], sha[BLOB_SHA256_HEX];
	blob_store *bs = fresh_store(&key1, dir);
	int fd = spool_of(bs, 3000, sha);
	char wrong[BLOB_SHA256_HEX];
	memcpy(wrong, sha, sizeof wrong);
	wrong[0] = wrong[0] == '0' ? '1' : '0';
	err[0] = '\0';
	assert_int_equal(blobs_put(bs, fd, 3000, wrong, err, sizeof err), -1);
	assert_non_null(strstr(err, "SHA-256"));
	assert_false(blobs_has(bs, wrong));
	err[0] = '\0';
	assert_int_equal(blobs_put(bs, fd, 4000, sha, err, sizeof err), -1);
	assert_non_null(strstr(err, "shorter"));
	err[0] = '\0';
	assert_int_equal(blobs_put(bs, fd, 2000, sha, err, sizeof err), -1);
	assert_non_null(strstr(err, "longer"));
	static const char *const malformed[] = {"", "abc",
	                                        "G000000000000000000000000000000000000000"
	                                        "000000000000000000000000"};
	for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
		assert_int_equal(blobs_put(bs, fd, 3000, malformed[i], err, sizeof err), -1);
		assert_false(blobs_has(bs, malformed[i]));
		assert_null(blobs_read_open(bs, malformed[i]));
		assert_int_equal(blobs_verify(bs, malformed[i]), -1);
		assert_int_equal(blobs_remove(bs, malformed[i]), -1);
	}
	/* An unreadable source. */
	assert_int_equal(blobs_put(bs, -1, 3000, sha, err, sizeof err), -1);
	assert_false(blobs_has(bs, sha));
	char cmd[700];
	snprintf(cmd, sizeof cmd, "test $(find '%s' -type f | wc -l) -eq 0", dir);
	assert_int_equal(system(cmd), 0);
	close(fd);
	blobs_close(bs);
}

static void test_removal_is_idempotent(void **state)
{
	(void)state;
	char dir[512], sha[BLOB_SHA256_HEX], path[1024];
	blob_store *bs = stored(dir, sha, path, 10);
	assert_int_equal(blobs_remove(bs, sha), 0);
	assert_false(blobs_has(bs, sha));
	assert_null(blobs_read_open(bs, sha));
	assert_int_equal(blobs_verify(bs, sha), -1);
	assert_int_equal(blobs_remove(bs, sha), 0);
	blobs_close(bs);
}

static void test_a_folder_that_cannot_be_made_is_refused(void **state)
{
	(void)state;
	char err[256] = "", dir[600];
	snprintf(dir, sizeof dir, "%s/no-parent/blobs", test_tmpdir());
	assert_null(blobs_open(dir, &key1, err, sizeof err));
	assert_non_null(strstr(err, "no-parent"));
	/* A file where the folder should be. */
	snprintf(dir, sizeof dir, "%s/a-file", test_tmpdir());
	int fd = open(dir, O_WRONLY | O_CREAT, 0600);
	close(fd);
	err[0] = '\0';
	assert_null(blobs_open(dir, &key1, err, sizeof err));
	assert_non_null(strstr(err, "a-file"));
}

static void test_a_large_file_is_streamed_a_chunk_at_a_time(void **state)
{
	(void)state;
	char dir[512], err[256], sha[BLOB_SHA256_HEX];
	size_t n = 30 * 1000 * 1000;
	blob_store *bs = fresh_store(&key1, dir);
	int fd = spool_of(bs, n, sha);
	largest = total = 0;
	watching = 1;
	int rc = blobs_put(bs, fd, n, sha, err, sizeof err);
	watching = 0;
	assert_int_equal(rc, 0);
	/* A plaintext chunk and a ciphertext chunk, nothing the file's size
	 * (and the watch saw them). */
	assert_true(largest >= CHUNK);
	assert_true(largest <= CHUNK + 64);
	assert_true(total <= 3 * CHUNK);
	close(fd);
	largest = total = 0;
	watching = 1;
	blob_reader *r = blobs_read_open(bs, sha);
	assert_non_null(r);
	unsigned char buf[4096];
	ssize_t k;
	size_t got = 0;
	while ((k = blob_read(r, buf, sizeof buf)) > 0)
		got += (size_t)k;
	blob_read_close(r);
	watching = 0;
	assert_int_equal(k, 0);
	assert_int_equal(got, n);
	assert_true(largest <= CHUNK + 64);
	assert_true(total <= 3 * CHUNK);
	blobs_close(bs);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	randombytes_buf(key1.k, sizeof key1.k);
	randombytes_buf(key2.k, sizeof key2.k);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trips_at_chunk_edges),
	    cmocka_unit_test(test_the_same_content_is_written_once),
	    cmocka_unit_test(test_a_flipped_byte_anywhere_is_refused),
	    cmocka_unit_test(test_a_truncated_or_shortened_file_is_refused),
	    cmocka_unit_test(test_bytes_after_the_final_chunk_are_refused),
	    cmocka_unit_test(test_another_key_opens_nothing),
	    cmocka_unit_test(test_the_folder_holds_no_plaintext_and_no_hash),
	    cmocka_unit_test(test_a_spool_file_is_unnamed_and_private),
	    cmocka_unit_test(test_a_wrong_hash_or_size_stores_nothing),
	    cmocka_unit_test(test_removal_is_idempotent),
	    cmocka_unit_test(test_a_folder_that_cannot_be_made_is_refused),
	    cmocka_unit_test(test_a_large_file_is_streamed_a_chunk_at_a_time),
	};
	return cmocka_run_group_tests_name("store/blobs", tests, NULL, NULL);
}
