#include "unit/test.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "lib/sniff.h"
#include "support/engines.h"
#include "support/zip.h"


static const unsigned char pdf[] = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n"
                                   "trailer<</Root 1 0 R>>\n%%EOF\n";
static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',  'F',
                                     'I',  'F',  0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
                                     0x00, 0x01, 0x00, 0x00, 0xff, 0xd9};
static const unsigned char png[] = {0x89, 'P',  'N',  'G',  '\r', '\n', 0x1a, '\n', 0x00,
                                    0x00, 0x00, 0x0d, 'I',  'H',  'D',  'R',  0x00, 0x00,
                                    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00,
                                    0x00, 0x00, 0x90, 0x77, 0x53, 0xde};
/* An ISO media file whose brand says HEIF with HEVC: what a phone writes. */
static const unsigned char heic[] = {0x00, 0x00, 0x00, 0x18, 'f',  't',  'y',  'p',
                                     'h',  'e',  'i',  'c',  0x00, 0x00, 0x00, 0x00,
                                     'm',  'i',  'f',  '1',  'h',  'e',  'i',  'c'};
/* The same container whose first brand is the generic one: some cameras
 * write it, and libmagic calls it image/heif. Both are photographs. */
static const unsigned char heif[] = {0x00, 0x00, 0x00, 0x18, 'f',  't',  'y',  'p',
                                     'm',  'i',  'f',  '1',  0x00, 0x00, 0x00, 0x00,
                                     'm',  'i',  'f',  '1',  'h',  'e',  'i',  'c'};
static const char text[] = "Statement of witness\nI saw the van arrive at 6 in the morning.\n";

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

static size_t docx_of(unsigned char *out, size_t cap)
{
	static const char types[] = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
				    "package/2006/content-types\"/>";
	static const char rels[] = "<?xml version=\"1.0\"?><Relationships/>";
	static const char doc[] = "<?xml version=\"1.0\"?><w:document/>";
	const zip_part parts[] = {{"[Content_Types].xml", types, sizeof types - 1},
				  {"_rels/.rels", rels, sizeof rels - 1},
				  {"word/document.xml", doc, sizeof doc - 1}};
	size_t n = zip_build(out, cap, parts, 3);
	assert_true(n > 0);
	return n;
}

static void le16(unsigned char *p, unsigned v)
{
	put16(p, v);
}

/* A compound file (the container of Word 97-2003 documents) with one
 * stream, WordDocument: a header, one allocation table sector and one
 * directory sector. */
static size_t doc_of(unsigned char *out)
{
	memset(out, 0, 1536);
	static const unsigned char sig[] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
	memcpy(out, sig, sizeof sig);
	le16(out + 0x18, 0x3e);   /* minor version */
	le16(out + 0x1a, 3);      /* major version: 512-byte sectors */
	le16(out + 0x1c, 0xfffe); /* little-endian */
	le16(out + 0x1e, 9);      /* sector size 2^9 */
	le16(out + 0x20, 6);      /* mini sector size 2^6 */
	put32(out + 0x2c, 1);     /* allocation table sectors */
	put32(out + 0x30, 1);     /* directory starts at sector 1 */
	put32(out + 0x38, 4096);  /* mini stream cutoff */
	put32(out + 0x3c, 0xfffffffe);
	put32(out + 0x44, 0xfffffffe);
	for (int i = 0; i < 109; i++)
		put32(out + 0x4c + 4 * i, i == 0 ? 0 : 0xffffffff);
	unsigned char *fat = out + 512;
	memset(fat, 0xff, 512);
	put32(fat, 0xfffffffd);     /* sector 0: the table itself */
	put32(fat + 4, 0xfffffffe); /* sector 1: the directory, one sector */
	unsigned char *dir = out + 1024;
	static const char *const entries[] = {"Root Entry", "WordDocument"};
	for (int e = 0; e < 4; e++) {
		unsigned char *d = dir + 128 * e;
		put32(d + 68, 0xffffffff);
		put32(d + 72, 0xffffffff);
		put32(d + 76, 0xffffffff);
		if (e >= 2)
			continue;
		size_t n = strlen(entries[e]);
		for (size_t i = 0; i < n; i++)
			d[2 * i] = (unsigned char)entries[e][i];
		le16(d + 64, (unsigned)(2 * n + 2));
		d[66] = e == 0 ? 5 : 2; /* root storage, stream */
		d[67] = 1;
		put32(d + 116, 0xfffffffe);
		if (e == 0)
			put32(d + 76, 1);
	}
	return 1536;
}

static void expect_type(const char *name, const void *bytes, size_t n, const char *want)
{
	int fd = test_file_of(name, bytes, n);
	char type[SNIFF_TYPE_MAX];
	assert_int_equal(sniff_fd(fd, type), 0);
	if (strcmp(type, want) != 0)
		fail_msg("%s: got %s, want %s", name, type, want);
	close(fd);
}

static void test_the_accepted_kinds_are_known_by_their_content(void **state)
{
	(void)state;
	expect_type("a.pdf", pdf, sizeof pdf - 1, "application/pdf");
	expect_type("a.jpg", jpeg, sizeof jpeg, "image/jpeg");
	expect_type("a.png", png, sizeof png, "image/png");
	expect_type("a.heic", heic, sizeof heic, "image/heic");
	expect_type("b.heic", heif, sizeof heif, "image/heif");
	expect_type("a.txt", text, sizeof text - 1, "text/plain");
	unsigned char zip[2048];
	size_t n = docx_of(zip, sizeof zip);
	expect_type("a.docx", zip, n,
	            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
	unsigned char doc[1536];
	expect_type("a.doc", doc, doc_of(doc), "application/msword");
}

static void test_names_do_not_decide_the_type(void **state)
{
	(void)state;
	/* A program (coreutils' true): an executable, whatever it is called. */
	int exe = open("/bin/true", O_RDONLY);
	assert_true(exe >= 0);
	size_t cap = 1024 * 1024;
	unsigned char *buf = malloc(cap);
	assert_non_null(buf);
	ssize_t n = read(exe, buf, cap);
	close(exe);
	assert_true(n > 64 && (size_t)n < cap);
	int fd = test_file_of("statement.pdf", buf, (size_t)n);
	free(buf);
	char type[SNIFF_TYPE_MAX];
	assert_int_equal(sniff_fd(fd, type), 0);
	close(fd);
	/* From a buffer libmagic cannot tell a position-independent program
	 * from a shared library; either is an ELF object, never a PDF. */
	if (strcmp(type, "application/x-sharedlib") != 0 &&
	    strcmp(type, "application/x-executable") != 0 &&
	    strcmp(type, "application/x-pie-executable") != 0)
		fail_msg("a program sniffed as %s", type);
	/* A PDF called a photograph is a PDF. */
	expect_type("photo.jpg", pdf, sizeof pdf - 1, "application/pdf");
	/* HTML sent as text is HTML, which the allowed types do not hold. */
	static const char html[] = "<html><body><script>alert(1)</script></body></html>\n";
	expect_type("note.txt", html, sizeof html - 1, "text/html");
	/* A zip that is not an Office document stays a zip. */
	const zip_part part = {"word.txt", "not a document", 14};
	unsigned char zip[512];
	expect_type("letter.docx", zip, zip_build(zip, sizeof zip, &part, 1), "application/zip");
}

static void test_the_offset_is_left_where_it_was(void **state)
{
	(void)state;
	int fd = test_file_of("offset.pdf", pdf, sizeof pdf - 1);
	assert_int_equal(lseek(fd, 7, SEEK_SET), 7);
	char type[SNIFF_TYPE_MAX];
	assert_int_equal(sniff_fd(fd, type), 0);
	assert_string_equal(type, "application/pdf");
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 7);
	close(fd);
}

static void test_an_unreadable_fd_fails(void **state)
{
	(void)state;
	char type[SNIFF_TYPE_MAX];
	assert_int_equal(sniff_fd(-1, type), -1);
	char path[512];
	snprintf(path, sizeof path, "%s/writeonly", test_tmpdir());
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(sniff_fd(fd, type), -1);
	close(fd);
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(sniff_fd(p[0], type), -1); /* cannot pread a pipe */
	close(p[0]);
	close(p[1]);
}

struct sniff_job {
	int fd;
	const char *want;
	int wrong;
};

static void *sniff_many(void *arg)
{
	struct sniff_job *j = arg;
	for (int i = 0; i < 200; i++) {
		char type[SNIFF_TYPE_MAX];
		if (sniff_fd(j->fd, type) != 0 || strcmp(type, j->want) != 0)
			j->wrong++;
	}
	return NULL;
}

static void test_threads_sniff_at_once(void **state)
{
	(void)state;
	struct sniff_job jobs[4] = {
	    {test_file_of("t.pdf", pdf, sizeof pdf - 1), "application/pdf", 0},
	    {test_file_of("t.png", png, sizeof png), "image/png", 0},
	    {test_file_of("t.jpg", jpeg, sizeof jpeg), "image/jpeg", 0},
	    {test_file_of("t.txt", text, sizeof text - 1), "text/plain", 0},
	};
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, sniff_many, &jobs[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].wrong, 0);
		close(jobs[i].fd);
	}
}

static void test_before_init_and_after_end_nothing_is_sniffed(void **state)
{
	(void)state;
	int fd = test_file_of("late.pdf", pdf, sizeof pdf - 1);
	char type[SNIFF_TYPE_MAX], err[256];
	sniff_end();
	assert_int_equal(sniff_fd(fd, type), -1);
	assert_int_equal(sniff_init(err, sizeof err), 0);
	assert_int_equal(sniff_init(err, sizeof err), 0); /* twice is once */
	assert_int_equal(sniff_fd(fd, type), 0);
	assert_string_equal(type, "application/pdf");
	close(fd);
}

int main(void)
{
	char err[256];
	if (sniff_init(err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_accepted_kinds_are_known_by_their_content),
	    cmocka_unit_test(test_names_do_not_decide_the_type),
	    cmocka_unit_test(test_the_offset_is_left_where_it_was),
	    cmocka_unit_test(test_an_unreadable_fd_fails),
	    cmocka_unit_test(test_threads_sniff_at_once),
	    cmocka_unit_test(test_before_init_and_after_end_nothing_is_sniffed),
	};
	int rc = cmocka_run_group_tests_name("lib/sniff", tests, NULL, NULL);
	sniff_end();
	return rc;
}
