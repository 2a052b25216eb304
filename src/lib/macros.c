#include "lib/macros.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The end record is 22 bytes and may be followed by a comment of up to
 * 65535 bytes. */
#define END_RECORD 22
#define END_SEARCH (END_RECORD + 65535)
#define DIRECTORY_MAX (16u * 1024 * 1024)
#define ENTRY_FIXED 46

static const char vba_part[] = "vbaProject.bin";

static uint32_t get16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t get32(const unsigned char *p)
{
	return get16(p) | get16(p + 2) << 16;
}

static int read_at(int fd, unsigned char *buf, size_t n, off_t at)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(fd, buf + got, n - got, at + (off_t)got);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/* Whether the part's name (n bytes, not terminated) ends in the VBA
 * project's, in any case and any folder. */
static int names_vba(const unsigned char *name, size_t n)
{
	size_t k = sizeof vba_part - 1;
	if (n < k || strncasecmp((const char *)name + n - k, vba_part, k) != 0)
		return 0;
	return n == k || name[n - k - 1] == '/' || name[n - k - 1] == '\\';
}

/* Finds the end record in the file's tail: the directory's size and
 * offset. 1 when found, 0 when the file is no zip, -1 on a read error. */
static int end_record(int fd, off_t size, uint32_t *dir_size, uint32_t *dir_at)
{
	size_t n = size < END_SEARCH ? (size_t)size : END_SEARCH;
	if (n < END_RECORD)
		return 0;
	unsigned char *tail = malloc(n);
	if (!tail)
		return -1;
	int rc = read_at(fd, tail, n, size - (off_t)n) == 0 ? 0 : -1;
	for (size_t i = n - END_RECORD + 1; rc == 0 && i-- > 0;)
		if (get32(tail + i) == 0x06054b50) {
			*dir_size = get32(tail + i + 12);
			*dir_at = get32(tail + i + 16);
			rc = 1;
		}
	free(tail);
	return rc;
}

int macros_in_zip(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return -1;
	uint32_t dir_size = 0, dir_at = 0;
	int rc = end_record(fd, st.st_size, &dir_size, &dir_at);
	if (rc <= 0)
		return rc;
	if ((off_t)dir_at + dir_size > st.st_size)
		return 0;
	if (dir_size > DIRECTORY_MAX)
		return -1;
	unsigned char *dir = malloc(dir_size ? dir_size : 1);
	if (!dir)
		return -1;
	rc = read_at(fd, dir, dir_size, (off_t)dir_at) == 0 ? 0 : -1;
	for (size_t at = 0; rc == 0 && dir_size - at >= ENTRY_FIXED;) {
		const unsigned char *e = dir + at;
		if (get32(e) != 0x02014b50)
			break;
		size_t name = get16(e + 28), rest = (size_t)get16(e + 30) + get16(e + 32);
		if (name > dir_size - at - ENTRY_FIXED)
			break;
		if (names_vba(e + ENTRY_FIXED, name))
			rc = 1;
		at += ENTRY_FIXED + name + rest;
		if (at > dir_size)
			break;
	}
	free(dir);
	return rc;
}
