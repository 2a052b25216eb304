/* Phone numbers by libphonenumber (see phone.h). The written form is first
 * reduced to what the number is made of: a leading "+" and digits. That
 * refuses letters (vanity numbers and extensions are not selectors), drops
 * the "(0)" that UK numbers often carry after +44, and leaves
 * libphonenumber the country codes, international prefixes ("00") and
 * trunk prefixes ("0"), which its metadata knows. */
#include "lib/phone.h"

#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <strings.h>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace
{

/* Longer than any number written with its punctuation and a "tel:". */
const size_t WRITTEN_MAX = 80;
/* E.164 allows 15 digits; a written national form may carry an
 * international prefix ("0044") on top. */
const size_t DIGITS_MAX = 20;

/* Ofcom's numbers for TV and radio drama ("Telephone numbers for drama
 * purposes", ofcom.org.uk), as the first seven digits of a ten-digit UK
 * national significant number; each range is the thousand that follow. */
const char *const drama_ranges[] = {
    "7700900",                                                        /* 07700 900000-900999 */
    "1632960",                                                        /* 01632 960000-960999 */
    "2079460",                                                        /* 020 7946 0000-0999 */
    "1134960", "1144960", "1154960", "1164960", "1174960", "1184960", /* 0113..0118 496 */
    "1214960", "1314960", "1414960", "1514960", "1614960",            /* 0121..0161 496 0000-0999 */
    "1914980",                                                        /* 0191 498 0000-0999 */
    "2896496",                                                        /* 028 9649 6000-6999 */
    "2920180",                                                        /* 029 2018 0000-0999 */
    "3069990",                                                        /* 0306 999 0000-0999 */
    "8081570",                                                        /* 0808 157 0000-0999 */
    "9098790",                                                        /* 0909 879 0000-0999 */
};

bool is_drama(const PhoneNumber &n)
{
	if (n.country_code() != 44 || n.italian_leading_zero())
		return false;
	char nsn[24];
	int len = snprintf(nsn, sizeof nsn, "%llu", (unsigned long long)n.national_number());
	if (len != 10)
		return false;
	for (const char *range : drama_ranges)
		if (strncmp(nsn, range, 7) == 0)
			return true;
	return false;
}

bool accepted(const PhoneNumberUtil &util, const PhoneNumber &n)
{
	return util.IsValidNumber(n) || is_drama(n);
}

/* The separators people paste from word processors, as UTF-8: no-break
 * and thin spaces, and the hyphens and dashes. Each stands for a space. */
size_t unicode_separator(const unsigned char *p)
{
	if (p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0x94 && p[2] != 0x8B)
		return 3; /* U+2000..U+2014 spaces and dashes (not U+200B's width) */
	if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF)
		return 3; /* narrow no-break space */
	if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)
		return 3; /* minus sign */
	return 0;
}

/* Reduces written to "+" and digits in out (at least DIGITS_MAX + 2 bytes):
 * an optional "tel:" (its parameters after ";" ignored), then digits with
 * spaces, dashes, dots, slashes and brackets between them, "+" only first.
 * After an international prefix, "(0)" is dropped: it marks the trunk
 * prefix that is not dialled from abroad. Returns 0, or -1 for anything
 * else. */
int reduce(const char *written, char *out)
{
	size_t len = strnlen(written, WRITTEN_MAX + 1);
	if (len > WRITTEN_MAX)
		return -1;
	const unsigned char *p = (const unsigned char *)written;
	const unsigned char *end = p + len;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p >= 4 && strncasecmp((const char *)p, "tel:", 4) == 0) {
		p += 4;
		const void *semi = memchr(p, ';', (size_t)(end - p));
		if (semi)
			end = (const unsigned char *)semi;
	}
	size_t n = 0, digits = 0;
	bool international = false;
	while (p < end) {
		size_t sep = unicode_separator(p);
		if (sep) {
			p += sep;
			continue;
		}
		unsigned char ch = *p;
		if (ch >= '0' && ch <= '9') {
			if (++digits > DIGITS_MAX)
				return -1;
			out[n++] = (char)ch;
			if (n == 2 && out[0] == '0' && out[1] == '0')
				international = true;
		} else if (ch == '+') {
			if (n != 0)
				return -1;
			out[n++] = '+';
			international = true;
		} else if (ch == '(' && international && digits > 0) {
			/* "(0)", spaces allowed inside, is the trunk marker. */
			const unsigned char *q = p + 1;
			while (q < end && *q == ' ')
				q++;
			if (q < end && *q == '0') {
				q++;
				while (q < end && *q == ' ')
					q++;
				if (q < end && *q == ')') {
					p = q + 1;
					continue;
				}
			}
		} else if (!strchr(" \t-./()[]", ch) || ch == '\0') {
			return -1;
		}
		p++;
	}
	out[n] = '\0';
	return digits == 0 ? -1 : 0;
}

int copy_out(const std::string &s, char *out, size_t outlen)
{
	if (s.size() >= outlen)
		return -1;
	memcpy(out, s.c_str(), s.size() + 1);
	return 0;
}

int e164(const char *written, const char *region, char *out, size_t outlen)
{
	char reduced[DIGITS_MAX + 2];
	if (!written || reduce(written, reduced) != 0)
		return -1;
	const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
	PhoneNumber n;
	PhoneNumberUtil::ErrorType err = util.Parse(reduced, region ? region : "GB", &n);
	if (err != PhoneNumberUtil::NO_PARSING_ERROR)
		return err == PhoneNumberUtil::NOT_A_NUMBER ? -1 : -2;
	if (!accepted(util, n))
		return -2;
	std::string s;
	util.Format(n, PhoneNumberUtil::E164, &s);
	return copy_out(s, out, outlen);
}

int international(const char *e164_text, char *out, size_t outlen)
{
	size_t len = e164_text ? strnlen(e164_text, 17) : 0;
	if (len < 4 || len > 16 || e164_text[0] != '+' || e164_text[1] == '0')
		return -1;
	for (size_t i = 1; i < len; i++)
		if (e164_text[i] < '0' || e164_text[i] > '9')
			return -1;
	const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
	PhoneNumber n;
	if (util.Parse(e164_text, "ZZ", &n) != PhoneNumberUtil::NO_PARSING_ERROR ||
	    !accepted(util, n))
		return -1;
	std::string s;
	util.Format(n, PhoneNumberUtil::E164, &s);
	if (s != e164_text)
		return -1;
	util.Format(n, PhoneNumberUtil::INTERNATIONAL, &s);
	return copy_out(s, out, outlen);
}

} // namespace

extern "C" int phone_e164(const char *written, const char *region, char *out, size_t outlen)
{
	if (!out || outlen == 0)
		return -1;
	out[0] = '\0';
	try {
		int rc = e164(written, region, out, outlen);
		if (rc != 0)
			out[0] = '\0';
		return rc;
	} catch (...) {
		out[0] = '\0';
		return -3;
	}
}

extern "C" int phone_international(const char *e164_text, char *out, size_t outlen)
{
	if (!out || outlen == 0)
		return -1;
	out[0] = '\0';
	try {
		int rc = international(e164_text, out, outlen);
		if (rc != 0)
			out[0] = '\0';
		return rc;
	} catch (...) {
		out[0] = '\0';
		return -1;
	}
}
