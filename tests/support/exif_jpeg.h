/* Pictures that carry a location, as a phone writes them: for the tests
 * that check no copy given out keeps one. */
#ifndef WAYMARK_TESTS_SUPPORT_EXIF_JPEG_H
#define WAYMARK_TESTS_SUPPORT_EXIF_JPEG_H

#include <stddef.h>

/* The image description each EXIF block carries, looked for in copies. */
#define EXIF_MARKER "WAYMARK-SECRET-PLACE"
#define EXIF_BLOCK_MAX 128

/* Latitude 51° 30' 26.47" N as the three rationals of EXIF's GPSLatitude:
 * the bytes looked for, byte for byte, in every copy. */
void exif_gps_latitude(unsigned char out[24]);
/* Writes an EXIF block (TIFF, little-endian) with an image description,
 * an orientation and a GPS directory holding the latitude into t.
 * Returns its length. */
size_t exif_block(unsigned char t[EXIF_BLOCK_MAX], unsigned orientation);
/* A black width x height JPEG with the EXIF block spliced in after its
 * start marker (APP1), as a camera writes it; libvips must have started.
 * Returns the bytes (the caller frees them) with *len, or NULL. */
unsigned char *exif_jpeg(int width, int height, unsigned orientation, size_t *len);

#endif
