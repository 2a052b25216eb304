/* Photographs, through libvips: thumbnails and copies without their
 * metadata. The uploaded original is never changed: these write new files. */
#ifndef WAYMARK_LIB_IMAGES_H
#define WAYMARK_LIB_IMAGES_H

#include <stddef.h>

/* What images_thumbnail and images_strip return for an image larger than
 * they decode (a copy of it is refused, never replaced by the original). */
#define IMAGES_TOO_LARGE (-2)

/* Starts libvips once for the process (before threads start). Returns 0, or
 * -1 with a message in err. */
int images_init(const char *argv0, char *err, size_t errlen);
/* Writes to out_fd a JPEG at most max_px on its longer side, made from the
 * image (JPEG, PNG or HEIC) open on in_fd, with no EXIF, XMP, IPTC or other
 * metadata (no location). Returns 0, IMAGES_TOO_LARGE when the picture
 * has more pixels than an operation decodes, or -1, each with a message in
 * err. At most two operations (this and images_strip) run at once in the
 * process; a third waits. */
int images_thumbnail(int in_fd, int out_fd, int max_px, char *err, size_t errlen);
/* Writes to out_fd the same image at full size, in the same format where
 * libvips can write it (JPEG, PNG; HEIC becomes JPEG), with every metadata
 * block removed: the copy that is shared or exported. *out_type receives
 * the copy's media type. Returns 0, IMAGES_TOO_LARGE or -1 as
 * images_thumbnail does. */
int images_strip(int in_fd, int out_fd, const char **out_type, char *err, size_t errlen);
void images_end(void);

#endif
