#include "lib/images.h"

#include "lib/log.h"

#include <errno.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <vips/vips.h>

/* Larger images are refused rather than decoded: a small file can claim
 * an enormous picture. A sideways photograph is turned in memory, three
 * bytes a pixel (four with alpha), so this bounds that too: 40 MP is
 * 120-160 MB for one operation, more than any phone or scanner makes. */
#define IMAGES_MAX_PIXELS (40.0 * 1000 * 1000)
/* At most this many images are decoded at once in the process; another
 * caller waits its turn, so a burst of downloads cannot multiply the
 * memory above. */
#define IMAGES_AT_ONCE 2
/* JPEG quality of the copies: a thumbnail is looked at, a shared copy
 * may be printed. */
#define THUMB_QUALITY 80
#define COPY_QUALITY 90

enum image_format { FORMAT_NONE, FORMAT_JPEG, FORMAT_PNG, FORMAT_HEIC };

static int started;
static sem_t slots;

/* Waits for one of the IMAGES_AT_ONCE turns. */
static void turn_take(void)
{
	while (sem_wait(&slots) != 0 && errno == EINTR)
		;
}

static void turn_give(void)
{
	sem_post(&slots);
}

/* libvips's warnings (a truncated upload, a damaged file) go to the
 * server's log, not straight to standard error. */
static void on_vips_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
                        gpointer data)
{
	(void)domain;
	(void)data;
	if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
		return;
	size_t n = message ? strlen(message) : 0;
	while (n > 0 && message[n - 1] == '\n')
		n--;
	log_msg("warn", "libvips: %.*s", (int)n, n ? message : "");
}

int images_init(const char *argv0, char *err, size_t errlen)
{
	if (started)
		return 0;
	if (sem_init(&slots, 0, IMAGES_AT_ONCE) != 0) {
		snprintf(err, errlen, "cannot make the image operations' turns: %s",
		         strerror(errno));
		return -1;
	}
	if (VIPS_INIT(argv0 ? argv0 : "waymark") != 0) {
		sem_destroy(&slots);
		char *msg = vips_error_buffer_copy();
		snprintf(err, errlen, "libvips cannot start: %s", msg ? msg : "unknown error");
		g_free(msg);
		return -1;
	}
	g_log_set_handler("VIPS", G_LOG_LEVEL_MASK & ~G_LOG_LEVEL_ERROR, on_vips_log, NULL);
	/* Only the three formats photographs come in are ever decoded: every
	 * other loader (PDF, SVG, ImageMagick's dozens) stays out of reach
	 * of uploaded bytes. */
	vips_block_untrusted_set(TRUE);
	vips_operation_block_set("VipsForeignLoad", TRUE);
	vips_operation_block_set("VipsForeignLoadJpeg", FALSE);
	vips_operation_block_set("VipsForeignLoadPng", FALSE);
	vips_operation_block_set("VipsForeignLoadHeif", FALSE);
	/* Nothing of one request's image is kept for the next. */
	vips_cache_set_max(0);
	started = 1;
	return 0;
}

static void error_from_vips(const char *what, char *err, size_t errlen)
{
	char *msg = vips_error_buffer_copy();
	size_t n = msg ? strlen(msg) : 0;
	while (n > 0 && msg[n - 1] == '\n')
		n--;
	snprintf(err, errlen, "%s: %.*s", what, (int)n, n ? msg : "libvips gave no reason");
	g_free(msg);
}

/* Whether the file starts as a JPEG, a PNG or an ISO media file (HEIC)
 * does: libvips's own search for a loader asks every loader it has, and
 * some read past the end of a file of a few bytes. */
static int looks_like_image(int fd)
{
	unsigned char head[12];
	if (pread(fd, head, sizeof head, 0) != (ssize_t)sizeof head)
		return 0;
	static const unsigned char jpeg[] = {0xff, 0xd8, 0xff};
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	return memcmp(head, jpeg, sizeof jpeg) == 0 || memcmp(head, png, sizeof png) == 0 ||
	       memcmp(head + 4, "ftyp", 4) == 0;
}

/* Which of the accepted formats the source holds, from its content. */
static enum image_format format_of(VipsSource *src)
{
	const char *loader = vips_foreign_find_load_source(src);
	/* Finding none leaves an error behind that is not this caller's. */
	vips_error_clear();
	if (!loader)
		return FORMAT_NONE;
	if (strcmp(loader, "VipsForeignLoadJpegSource") == 0)
		return FORMAT_JPEG;
	if (strcmp(loader, "VipsForeignLoadPngSource") == 0)
		return FORMAT_PNG;
	if (strcmp(loader, "VipsForeignLoadHeifSource") == 0)
		return FORMAT_HEIC;
	return FORMAT_NONE;
}

/* Opens the image on in_fd for reading once, checking it is one of the
 * accepted formats and not too large. Returns the source, or NULL with a
 * message in err. */
static VipsSource *open_image(int in_fd, enum image_format *format, int *too_large, char *err,
                              size_t errlen)
{
	*too_large = 0;
	if (!started) {
		snprintf(err, errlen, "images_init was not called");
		return NULL;
	}
	if (!looks_like_image(in_fd)) {
		snprintf(err, errlen, "not a JPEG, PNG or HEIC image");
		return NULL;
	}
	VipsSource *src = vips_source_new_from_descriptor(in_fd);
	if (!src) {
		error_from_vips("cannot read the image", err, errlen);
		return NULL;
	}
	*format = format_of(src);
	if (*format == FORMAT_NONE) {
		snprintf(err, errlen, "not a JPEG, PNG or HEIC image");
		g_object_unref(src);
		return NULL;
	}
	VipsImage *head = vips_image_new_from_source(src, "", NULL);
	if (!head) {
		error_from_vips("cannot read the image", err, errlen);
		g_object_unref(src);
		return NULL;
	}
	double pixels = (double)vips_image_get_width(head) * vips_image_get_height(head);
	g_object_unref(head);
	if (pixels > IMAGES_MAX_PIXELS) {
		snprintf(err, errlen,
		         "the image is %.0f megapixels, more than the %.0f megapixels a copy is "
		         "made of",
		         pixels / (1000 * 1000), IMAGES_MAX_PIXELS / (1000 * 1000));
		*too_large = 1;
		g_object_unref(src);
		return NULL;
	}
	return src;
}

/* Writes img to out_fd as JPEG or PNG without any metadata. */
static int save_stripped(VipsImage *img, enum image_format as, int quality, int out_fd, char *err,
                         size_t errlen)
{
	VipsTarget *t = vips_target_new_to_descriptor(out_fd);
	if (!t) {
		error_from_vips("cannot write the image", err, errlen);
		return -1;
	}
	int rc = as == FORMAT_PNG ? vips_pngsave_target(img, t, "strip", TRUE, NULL)
	                          : vips_jpegsave_target(img, t, "strip", TRUE, "Q", quality, NULL);
	if (rc == 0)
		rc = vips_target_end(t);
	if (rc != 0)
		error_from_vips("cannot write the image", err, errlen);
	g_object_unref(t);
	return rc == 0 ? 0 : -1;
}

static int thumbnail(int in_fd, int out_fd, int max_px, char *err, size_t errlen)
{
	if (max_px < 1 || max_px > VIPS_MAX_COORD) {
		snprintf(err, errlen, "thumbnail size %d is out of range", max_px);
		return -1;
	}
	enum image_format format;
	int too_large;
	VipsSource *src = open_image(in_fd, &format, &too_large, err, errlen);
	if (!src)
		return too_large ? IMAGES_TOO_LARGE : -1;
	/* vips_thumbnail turns the picture upright by its EXIF orientation
	 * before the orientation is stripped with the rest, and never
	 * enlarges. */
	VipsImage *thumb = NULL;
	int rc = vips_thumbnail_source(src, &thumb, max_px, "height", max_px, "size",
	                               VIPS_SIZE_DOWN, NULL);
	g_object_unref(src);
	if (rc != 0) {
		error_from_vips("cannot read the image", err, errlen);
		return -1;
	}
	rc = save_stripped(thumb, FORMAT_JPEG, THUMB_QUALITY, out_fd, err, errlen);
	g_object_unref(thumb);
	return rc;
}

static int strip(int in_fd, int out_fd, const char **out_type, char *err, size_t errlen)
{
	*out_type = NULL;
	enum image_format format;
	int too_large;
	VipsSource *src = open_image(in_fd, &format, &too_large, err, errlen);
	if (!src)
		return too_large ? IMAGES_TOO_LARGE : -1;
	/* Read once, top to bottom, straight into the copy; a picture whose
	 * EXIF says it was taken sideways is decoded into memory and turned
	 * upright first, since the tag that says so goes with the rest.
	 * (Never decoded to a temporary file: that would be plaintext.) */
	VipsImage *img =
	    vips_image_new_from_source(src, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
	if (img && vips_image_get_orientation(img) > 1) {
		g_object_unref(img);
		img = vips_image_new_from_source(src, "", "memory", TRUE, NULL);
	}
	g_object_unref(src);
	if (!img) {
		error_from_vips("cannot read the image", err, errlen);
		return -1;
	}
	VipsImage *upright = NULL;
	int rc = vips_autorot(img, &upright, NULL);
	g_object_unref(img);
	if (rc != 0) {
		error_from_vips("cannot read the image", err, errlen);
		return -1;
	}
	enum image_format as = format == FORMAT_PNG ? FORMAT_PNG : FORMAT_JPEG;
	rc = save_stripped(upright, as, COPY_QUALITY, out_fd, err, errlen);
	g_object_unref(upright);
	if (rc != 0)
		return -1;
	*out_type = as == FORMAT_PNG ? "image/png" : "image/jpeg";
	return 0;
}

/* libvips reads through a duplicate of in_fd, which shares its offset:
 * the caller finds it where it left it. */
int images_thumbnail(int in_fd, int out_fd, int max_px, char *err, size_t errlen)
{
	if (!started) {
		snprintf(err, errlen, "images_init was not called");
		return -1;
	}
	off_t at = lseek(in_fd, 0, SEEK_CUR);
	turn_take();
	int rc = thumbnail(in_fd, out_fd, max_px, err, errlen);
	turn_give();
	if (at >= 0)
		lseek(in_fd, at, SEEK_SET);
	return rc;
}

int images_strip(int in_fd, int out_fd, const char **out_type, char *err, size_t errlen)
{
	if (!started) {
		snprintf(err, errlen, "images_init was not called");
		return -1;
	}
	off_t at = lseek(in_fd, 0, SEEK_CUR);
	turn_take();
	int rc = strip(in_fd, out_fd, out_type, err, errlen);
	turn_give();
	if (at >= 0)
		lseek(in_fd, at, SEEK_SET);
	return rc;
}

void images_end(void)
{
	if (started) {
		vips_shutdown();
		sem_destroy(&slots);
	}
	started = 0;
}
