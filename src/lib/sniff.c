#include "lib/sniff.h"

#include <ctype.h>
#include <errno.h>
#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How much of a file libmagic sees: enough for the Office formats, whose
 * telling parts (a zip's entry names, a compound file's directory) sit
 * near the start. */
#define SNIFF_HEAD (1024 * 1024)

/* libmagic's handle keeps state between calls, so one handle is shared
 * under a lock: a sniff takes microseconds against an upload's seconds. */
static magic_t cookie;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int sniff_init(char *err, size_t errlen)
{
	if (cookie)
		return 0;
	/* No decompression (MAGIC_COMPRESS off): a gzip is a gzip, not what
	 * it holds. */
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	if (!m) {
		snprintf(err, errlen, "libmagic: %s", strerror(errno));
		return -1;
	}
	if (magic_load(m, NULL) != 0) {
		snprintf(err, errlen, "libmagic cannot load its database: %s",
		         magic_error(m) ? magic_error(m) : "unknown error");
		magic_close(m);
		return -1;
	}
	cookie = m;
	return 0;
}

/* Reads up to cap bytes from offset 0 without moving the fd's offset.
 * Returns the count, or -1. */
static ssize_t read_head(int fd, unsigned char *buf, size_t cap)
{
	size_t got = 0;
	while (got < cap) {
		ssize_t n = pread(fd, buf + got, cap - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Copies libmagic's answer lower case and without parameters. */
static int copy_type(const char *t, char type[SNIFF_TYPE_MAX])
{
	size_t n = strcspn(t, "; \t");
	if (n == 0 || n >= SNIFF_TYPE_MAX)
		return -1;
	for (size_t i = 0; i < n; i++)
		type[i] = (char)tolower((unsigned char)t[i]);
	type[n] = '\0';
	return 0;
}

int sniff_fd(int fd, char type[SNIFF_TYPE_MAX])
{
	type[0] = '\0';
	if (!cookie)
		return -1;
	unsigned char *buf = malloc(SNIFF_HEAD);
	if (!buf)
		return -1;
	ssize_t n = read_head(fd, buf, SNIFF_HEAD);
	if (n < 0) {
		free(buf);
		return -1;
	}
	int rc = -1;
	pthread_mutex_lock(&lock);
	const char *t = magic_buffer(cookie, buf, (size_t)n);
	if (t)
		rc = copy_type(t, type);
	pthread_mutex_unlock(&lock);
	free(buf);
	return rc;
}

void sniff_end(void)
{
	if (cookie)
		magic_close(cookie);
	cookie = NULL;
}
