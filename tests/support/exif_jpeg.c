#include "support/exif_jpeg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

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

static void entry(unsigned char *p, unsigned tag, unsigned type, uint32_t count, uint32_t value)
{
	put16(p, tag);
	put16(p + 2, type);
	put32(p + 4, count);
	put32(p + 8, value);
}

void exif_gps_latitude(unsigned char out[24])
{
	static const uint32_t v[6] = {51, 1, 30, 1, 2647, 100};
	for (int i = 0; i < 6; i++)
		put32(out + 4 * i, v[i]);
}

size_t exif_block(unsigned char t[EXIF_BLOCK_MAX], unsigned orientation)
{
	memset(t, 0, EXIF_BLOCK_MAX);
	memcpy(t, "II*\0", 4);
	put32(t + 4, 8);
	put16(t + 8, 3);
	entry(t + 10, 0x010e, 2, sizeof EXIF_MARKER, 104); /* ImageDescription */
	entry(t + 22, 0x0112, 3, 1, orientation);          /* Orientation */
	entry(t + 34, 0x8825, 4, 1, 50);                   /* GPS directory */
	put32(t + 46, 0);
	put16(t + 50, 2);
	entry(t + 52, 0x0001, 2, 2, 'N'); /* GPSLatitudeRef */
	entry(t + 64, 0x0002, 5, 3, 80);  /* GPSLatitude */
	put32(t + 76, 0);
	exif_gps_latitude(t + 80);
	memcpy(t + 104, EXIF_MARKER, sizeof EXIF_MARKER);
	return 104 + sizeof EXIF_MARKER;
}

unsigned char *exif_jpeg(int width, int height, unsigned orientation, size_t *len)
{
	VipsImage *img;
	if (vips_black(&img, width, height, "bands", 3, NULL) != 0)
		return NULL;
	void *jpeg = NULL;
	size_t jlen = 0;
	int rc = vips_jpegsave_buffer(img, &jpeg, &jlen, "strip", TRUE, NULL);
	g_object_unref(img);
	if (rc != 0 || jlen < 2)
		return NULL;
	unsigned char tiff[EXIF_BLOCK_MAX], *out = malloc(jlen + 4 + 6 + sizeof tiff);
	if (!out) {
		g_free(jpeg);
		return NULL;
	}
	size_t tlen = exif_block(tiff, orientation);
	memcpy(out, jpeg, 2); /* SOI */
	out[2] = 0xff;
	out[3] = 0xe1; /* APP1 */
	out[4] = (unsigned char)((2 + 6 + tlen) >> 8);
	out[5] = (unsigned char)(2 + 6 + tlen);
	memcpy(out + 6, "Exif\0\0", 6);
	memcpy(out + 12, tiff, tlen);
	memcpy(out + 12 + tlen, (unsigned char *)jpeg + 2, jlen - 2);
	*len = 12 + tlen + jlen - 2;
	g_free(jpeg);
	return out;
}
