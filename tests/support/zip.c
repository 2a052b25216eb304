#include "support/zip.h"

#include <stdint.h>
#include <string.h>

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

size_t zip_build(unsigned char *out, size_t cap, const zip_part *parts, size_t n)
{
	size_t need = 22;
	for (size_t i = 0; i < n; i++)
		need += 30 + 46 + 2 * strlen(parts[i].name) + parts[i].len;
	if (need > cap)
		return 0;
	memset(out, 0, need);
	size_t at = 0;
	uint32_t offsets[64];
	if (n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(parts[i].name);
		unsigned char *h = out + at;
		offsets[i] = (uint32_t)at;
		put32(h, 0x04034b50);
		put16(h + 4, 20);
		put32(h + 14, crc32_of(parts[i].body, parts[i].len));
		put32(h + 18, (uint32_t)parts[i].len);
		put32(h + 22, (uint32_t)parts[i].len);
		put16(h + 26, (unsigned)nl);
		memcpy(h + 30, parts[i].name, nl);
		memcpy(h + 30 + nl, parts[i].body, parts[i].len);
		at += 30 + nl + parts[i].len;
	}
	size_t dir = at;
	for (size_t i = 0; i < n; i++) {
		size_t nl = strlen(parts[i].name);
		unsigned char *c = out + at;
		put32(c, 0x02014b50);
		put16(c + 4, 20);
		put16(c + 6, 20);
		put32(c + 16, crc32_of(parts[i].body, parts[i].len));
		put32(c + 20, (uint32_t)parts[i].len);
		put32(c + 24, (uint32_t)parts[i].len);
		put16(c + 28, (unsigned)nl);
		put32(c + 42, offsets[i]);
		memcpy(c + 46, parts[i].name, nl);
		at += 46 + nl;
	}
	unsigned char *e = out + at;
	put32(e, 0x06054b50);
	put16(e + 8, (unsigned)n);
	put16(e + 10, (unsigned)n);
	put32(e + 12, (uint32_t)(at - dir));
	put32(e + 16, (uint32_t)dir);
	return at + 22;
}
