#include "domain/text.h"

#include <stdint.h>

/* Base letters for U+00C0..U+017F ('\0' where there is none). */
static const char latin[] =
	/* C0 */ "aaaaaaaceeeeiiii"
	/* D0 */ "dnooooo\0ouuuuyts"
	/* E0 */ "aaaaaaaceeeeiiii"
	/* F0 */ "dnooooo\0ouuuuyty"
	/* 100 */ "aaaaaaccccccccdd"
	/* 110 */ "ddeeeeeeeeeegggg"
	/* 120 */ "gggghhhhiiiiiiii"
	/* 130 */ "iiiijjkkklllllll"
	/* 140 */ "lllnnnnnnnnnoooo"
	/* 150 */ "oooorrrrrrssssss"
	/* 160 */ "ssttttttuuuuuuuu"
	/* 170 */ "uuuuwwyyyzzzzzzs";

/* Vietnamese and other letters in U+1EA0..U+1EF9: vowels with tone marks. */
static char vietnamese(uint32_t cp)
{
	if (cp >= 0x1EA0 && cp <= 0x1EB7)
		return 'a';
	if (cp >= 0x1EB8 && cp <= 0x1EC7)
		return 'e';
	if (cp >= 0x1EC8 && cp <= 0x1ECB)
		return 'i';
	if (cp >= 0x1ECC && cp <= 0x1EE3)
		return 'o';
	if (cp >= 0x1EE4 && cp <= 0x1EF1)
		return 'u';
	if (cp >= 0x1EF2 && cp <= 0x1EF9)
		return 'y';
	return 0;
}

static char base_letter(uint32_t cp)
{
	if (cp >= 0xC0 && cp <= 0x17F) {
		char c = latin[cp - 0xC0];
		return (c >= 'a' && c <= 'z') ? c : 0;
	}
	switch (cp) {
	case 0x218: case 0x219: return 's'; /* Ș ș */
	case 0x21A: case 0x21B: return 't'; /* Ț ț */
	case 0x1B0: case 0x1AF: return 'u'; /* ư Ư */
	case 0x1A0: case 0x1A1: return 'o'; /* Ơ ơ */
	default: return vietnamese(cp);
	}
}

int text_fold(const char *s, buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned char c = *p;
		if (c < 0x80) {
			char lc = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			buf_append(out, &lc, 1);
			p++;
			continue;
		}
		int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
		uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
		int ok = len > 1;
		for (int i = 1; i < len && ok; i++) {
			if ((p[i] & 0xC0) != 0x80)
				ok = 0;
			else
				cp = (cp << 6) | (p[i] & 0x3F);
		}
		char b = ok ? base_letter(cp) : 0;
		if (b)
			buf_append(out, &b, 1);
		else
			buf_append(out, p, ok ? (size_t)len : 1);
		p += ok ? len : 1;
	}
	return out->failed ? -1 : 0;
}
