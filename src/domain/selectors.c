/* Selectors brought to one normal form each (selectors.h). The rules are
 * tables: the kinds, the IBAN lengths, the outward-code shapes of UK
 * postcodes, the document types and the platforms. Phone numbers go
 * through libphonenumber (lib/phone.h). */
#include "domain/selectors.h"

#include <stdio.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/person.h"
#include "lib/phone.h"

/* The longest value part read: longer is refused before any work. */
#define PART_MAX 256

static const struct {
	const char *name, *label;
} kinds[SEL_KIND_COUNT] = {
    [SEL_PHONE] = {"phone", "Phone number"},
    [SEL_EMAIL] = {"email", "Email address"},
    [SEL_POSTCODE] = {"postcode", "Postcode"},
    [SEL_ADDRESS] = {"address", "Address"},
    [SEL_VEHICLE] = {"vehicle", "Vehicle"},
    [SEL_BANK_ACCOUNT] = {"bank_account", "Bank account"},
    [SEL_IDENTITY_DOCUMENT] = {"identity_document", "Identity document"},
    [SEL_SOCIAL_HANDLE] = {"social_handle", "Social media handle"},
};

int selector_kind_parse(const char *name)
{
	for (int k = 0; name && k < SEL_KIND_COUNT; k++)
		if (strcmp(name, kinds[k].name) == 0)
			return k;
	return -1;
}

const char *selector_kind_name(selector_kind k)
{
	return (unsigned)k < SEL_KIND_COUNT ? kinds[k].name : "?";
}

const char *selector_kind_label(selector_kind k)
{
	return (unsigned)k < SEL_KIND_COUNT ? kinds[k].label : "?";
}

/* ---- Text helpers (ASCII only: no locale) ---- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_alnum(char c)
{
	return is_digit(c) || is_upper(c) || is_lower(c);
}

static char to_upper(char c)
{
	return is_lower(c) ? (char)(c - 'a' + 'A') : c;
}

static char to_lower(char c)
{
	return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A bounded writer over out: a write past its end marks it full. */
typedef struct writer {
	char *p;
	size_t len, cap;
	int full;
} writer;

static writer writer_on(char *out, size_t outlen)
{
	writer w = {out, 0, outlen, outlen == 0};
	if (outlen)
		out[0] = '\0';
	return w;
}

static void put_char(writer *w, char c)
{
	if (w->full || w->len + 1 >= w->cap) {
		w->full = 1;
		return;
	}
	w->p[w->len++] = c;
	w->p[w->len] = '\0';
}

static void put_str(writer *w, const char *s)
{
	for (; *s; s++)
		put_char(w, *s);
}

static void put_n(writer *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++)
		put_char(w, s[i]);
}

/* Ends a normalisation: 0, or -1 with why when out was too small. */
static int finish(writer *w, const char **why)
{
	if (!w->full)
		return 0;
	if (w->cap)
		w->p[0] = '\0';
	*why = "is too long";
	return -1;
}

static int refuse(const char **why, const char *text)
{
	*why = text;
	return -1;
}

/* s without the blanks around it, as [*start, *start + *len). Returns 0
 * when s is NULL, empty or blank, or longer than PART_MAX. */
static int trimmed(const char *s, const char **start, size_t *len)
{
	if (!s)
		return 0;
	size_t n = strnlen(s, PART_MAX + 1);
	if (n > PART_MAX)
		return 0;
	while (n && is_blank(*s))
		s++, n--;
	while (n && is_blank(s[n - 1]))
		n--;
	*start = s;
	*len = n;
	return n > 0;
}

/* Copies s into buf in capitals without spaces and dashes, at most cap - 1
 * characters. Returns the length, or -1 when a character is not a letter
 * or a digit, or it does not fit. */
static int compact_upper(const char *s, size_t n, char *buf, size_t cap)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (is_blank(c) || c == '-')
			continue;
		if (!is_alnum(c) || m + 1 >= cap)
			return -1;
		buf[m++] = to_upper(c);
	}
	buf[m] = '\0';
	return (int)m;
}

/* ---- Phone ---- */

/* Whether a number was written with a country code ("+", "00", "tel:+"). */
static int written_international(const char *s)
{
	while (*s && (is_blank(*s) || *s == '('))
		s++;
	if (strncasecmp(s, "tel:", 4) == 0)
		s += 4;
	return s[0] == '+' || (s[0] == '0' && s[1] == '0');
}

static int phone_normalise(const char *text, writer *w, const char **why)
{
	const char *s;
	size_t n;
	if (!trimmed(text, &s, &n))
		return refuse(why, text ? "is not a phone number: give its digits"
		                        : "is missing: give the phone number");
	char e164[PHONE_MAX];
	switch (phone_e164(text, "GB", e164, sizeof e164)) {
	case 0:
		put_str(w, e164);
		return finish(w, why);
	case -2:
		if (written_international(text))
			return refuse(why, "is not a valid number in the country its code gives: "
			                   "check the digits");
		return refuse(why, "is not a valid UK number: check the digits; a number from "
		                   "another country needs its country code, such as "
		                   "+33 6 12 34 56 78");
	case -3:
		return refuse(why, "could not be checked just now: try again");
	default:
		return refuse(why, "is not a phone number: write its digits (spaces, dashes and "
		                   "brackets are fine), with + and the country code for a number "
		                   "from outside the UK");
	}
}

/* ---- Email ---- */

/* The characters RFC 5322 allows in a local part without quotes. */
static int local_char(char c)
{
	return is_alnum(c) || (unsigned char)c >= 0x80 || (c && strchr("!#$%&'*+/=?^_`{|}~.-", c));
}

static int domain_valid(const char *d, size_t n)
{
	if (n < 3 || n > 253)
		return 0;
	size_t label = 0, labels = 0, last_start = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? d[i] : '.';
		if (c == '.') {
			if (label == 0 || label > 63 || d[i - 1] == '-' || d[i - label] == '-')
				return 0;
			labels++;
			last_start = i - label;
			label = 0;
			continue;
		}
		if (!(is_alnum(c) || c == '-' || (unsigned char)c >= 0x80))
			return 0;
		label++;
	}
	if (labels < 2)
		return 0;
	/* The top-level domain is letters (or an IDN's "xn--" form). */
	size_t tld = n - last_start;
	if (tld < 2)
		return 0;
	if (strncmp(d + last_start, "xn--", 4) == 0)
		return 1;
	for (size_t i = last_start; i < n; i++)
		if (is_digit(d[i]) || d[i] == '-')
			return 0;
	return 1;
}

static int email_normalise(const char *text, writer *w, const char **why)
{
	const char *s;
	size_t n;
	if (!trimmed(text, &s, &n))
		return refuse(why, "is missing: give the email address");
	if (n > 7 && strncasecmp(s, "mailto:", 7) == 0)
		s += 7, n -= 7;
	if (n > 254)
		return refuse(why, "is too long for an email address");
	const char *at = memchr(s, '@', n);
	if (!at)
		return refuse(why, "is not an email address: it has no @, as in name@example.com");
	size_t local = (size_t)(at - s);
	if (memchr(at + 1, '@', n - local - 1))
		return refuse(why, "is not an email address: it has more than one @");
	for (size_t i = 0; i < n; i++)
		if (is_blank(s[i]))
			return refuse(why, "is not an email address: it has a space in it");
	if (local == 0 || local > 64)
		return refuse(why, "is not an email address: the part before the @ must be 1 to "
		                   "64 characters");
	if (s[0] == '.' || s[local - 1] == '.')
		return refuse(why, "is not an email address: the part before the @ cannot start or "
		                   "end with a full stop");
	for (size_t i = 0; i < local; i++)
		if (!local_char(s[i]) || (s[i] == '.' && s[i + 1] == '.'))
			return refuse(why, "is not an email address: the part before the @ has a "
			                   "character email addresses cannot have");
	if (!domain_valid(at + 1, n - local - 1))
		return refuse(why, "is not an email address: the part after the @ is not a domain "
		                   "such as example.com");
	for (size_t i = 0; i < n; i++)
		put_char(w, to_lower(s[i]));
	return finish(w, why);
}

/* ---- Postcodes ---- */

/* The shapes of a UK outward code, A a letter and 9 a digit. */
static const char *const outward_shapes[] = {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"};

int selector_uk_postcode(const char *s, char out[9])
{
	char raw[8];
	size_t n = 0;
	if (!s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ')
			continue;
		if (n == 7 || !is_alnum(*p))
			return 0;
		raw[n++] = to_upper(*p);
	}
	if (n < 5)
		return 0;
	size_t outn = n - 3;
	const char *in = raw + outn;
	if (!is_digit(in[0]) || !is_upper(in[1]) || !is_upper(in[2]))
		return 0;
	char shape[5];
	for (size_t i = 0; i < outn; i++)
		shape[i] = is_digit(raw[i]) ? '9' : 'A';
	shape[outn] = '\0';
	int known = outn == 3 && memcmp(raw, "GIR", 3) == 0 && memcmp(in, "0AA", 3) == 0;
	for (size_t i = 0; !known && i < sizeof outward_shapes / sizeof *outward_shapes; i++)
		known = strcmp(shape, outward_shapes[i]) == 0;
	if (!known)
		return 0;
	snprintf(out, 9, "%.*s %.3s", (int)outn, raw, in);
	return 1;
}

static int postcode_normalise(const char *text, writer *w, const char **why)
{
	char pc[9];
	const char *s;
	size_t n;
	if (!trimmed(text, &s, &n))
		return refuse(why, "is missing: give the postcode");
	if (!selector_uk_postcode(text, pc))
		return refuse(why, "is not a UK postcode, such as SN1 2JH");
	put_str(w, pc);
	return finish(w, why);
}

/* ---- Addresses ---- */

/* Abbreviations of a street's last word, written out so "High St" and
 * "High Street" are one address. Only the last word: "St" first is Saint. */
static const struct {
	const char *shortened, *full;
} street_words[] = {
    {"ST", "STREET"},    {"RD", "ROAD"},     {"AVE", "AVENUE"},    {"AV", "AVENUE"},
    {"LN", "LANE"},      {"CL", "CLOSE"},    {"CRES", "CRESCENT"}, {"DR", "DRIVE"},
    {"GDNS", "GARDENS"}, {"GRN", "GREEN"},   {"GR", "GROVE"},      {"PL", "PLACE"},
    {"SQ", "SQUARE"},    {"TCE", "TERRACE"}, {"TER", "TERRACE"},   {"CT", "COURT"},
    {"PDE", "PARADE"},   {"WY", "WAY"},
};

/* Writes line1 in capitals: apostrophes and full stops dropped ("St. John's"
 * is "ST JOHNS"), other punctuation a space, spaces single, the last word
 * written out in full. Returns 0, or -1 when it has no letter or digit. */
static int address_line(const char *s, size_t n, writer *w)
{
	char line[PART_MAX + 1];
	size_t m = 0;
	int gap = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\'' || c == '.' || c == '`')
			continue;
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
			i += 2; /* curly apostrophes */
			continue;
		}
		if (!is_alnum((char)c) && c < 0x80) {
			gap = 1;
			continue;
		}
		if (gap && m)
			line[m++] = ' ';
		gap = 0;
		line[m++] = to_upper((char)c);
	}
	line[m] = '\0';
	if (m == 0)
		return -1;
	const char *space = strrchr(line, ' ');
	size_t tail = space ? (size_t)(space - line) + 1 : 0;
	for (size_t i = 0; tail && i < sizeof street_words / sizeof *street_words; i++)
		if (strcmp(line + tail, street_words[i].shortened) == 0) {
			put_n(w, line, tail);
			put_str(w, street_words[i].full);
			return 0;
		}
	put_str(w, line);
	return 0;
}

static int address_normalise(const selector_value *v, writer *w, const char **why)
{
	char pc[9];
	const char *s, *ps;
	size_t n, pn;
	if (!trimmed(v->postcode, &ps, &pn))
		return refuse(why, "needs the postcode: an address is matched by its postcode and "
		                   "first line");
	if (!selector_uk_postcode(v->postcode, pc))
		return refuse(why, "has a postcode that is not a UK postcode, such as SN1 2JH");
	if (!trimmed(v->line1, &s, &n))
		return refuse(why,
		              v->line1 && strlen(v->line1) > PART_MAX
		                  ? "has a first line that is too long"
		                  : "needs the first line of the address, such as 14 High Street");
	put_str(w, pc);
	put_char(w, '|');
	if (address_line(s, n, w) != 0)
		return refuse(why, "needs the first line of the address, such as 14 High Street");
	return finish(w, why);
}

/* ---- Vehicles ---- */

static int vehicle_normalise(const char *text, writer *w, const char **why)
{
	const char *s;
	size_t n;
	char reg[16];
	if (!trimmed(text, &s, &n))
		return refuse(why, "is missing: give the registration, such as AB12 CDE");
	int m = compact_upper(s, n, reg, sizeof reg);
	if (m < 0)
		return refuse(why, "is not a registration: it has only letters and digits (spaces "
		                   "and dashes are ignored), such as AB12 CDE");
	if (m < 2 || m > 10)
		return refuse(why, "is not a registration: it has 2 to 10 letters and digits");
	put_str(w, reg);
	return finish(w, why);
}

/* ---- Bank accounts ---- */

/* IBAN lengths by country, from the SWIFT IBAN registry. */
static const struct {
	char country[3];
	unsigned char length;
} iban_lengths[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HN", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26},
    {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20},
    {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20},
    {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24},
    {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25},
    {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
    {"YE", 30},
};

static int iban_length(const char *country)
{
	for (size_t i = 0; i < sizeof iban_lengths / sizeof *iban_lengths; i++)
		if (memcmp(iban_lengths[i].country, country, 2) == 0)
			return iban_lengths[i].length;
	return 0;
}

/* ISO 7064 mod 97-10 over an IBAN in capitals: 1 when it holds. */
static int iban_mod97(const char *iban, size_t n)
{
	unsigned rem = 0;
	for (size_t k = 0; k < n; k++) {
		char c = iban[(k + 4) % n];
		if (is_digit(c))
			rem = (rem * 10 + (unsigned)(c - '0')) % 97;
		else
			rem = (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
	}
	return rem == 1;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return n > 0;
}

static void put_uk_account(writer *w, const char *sort_code, const char *account)
{
	put_str(w, "GB:");
	put_n(w, sort_code, 6);
	put_char(w, ':');
	put_n(w, account, 8);
}

/* Digits of a sort code or account number: spaces and dashes ignored. */
static int digits_of(const char *s, char *buf, size_t cap)
{
	const char *t;
	size_t n;
	if (!trimmed(s, &t, &n))
		return -1;
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_blank(t[i]) || t[i] == '-')
			continue;
		if (!is_digit(t[i]) || m + 1 >= cap)
			return -2;
		buf[m++] = t[i];
	}
	buf[m] = '\0';
	return (int)m;
}

static int uk_account_normalise(const char *sort_code, const char *account, writer *w,
                                const char **why)
{
	char sc[16], acc[16];
	int scn = digits_of(sort_code, sc, sizeof sc);
	int accn = digits_of(account, acc, sizeof acc);
	if (scn == -1 || accn == -1)
		return refuse(why, "needs an IBAN, or a sort code and an account number");
	if (scn != 6)
		return refuse(why, "has a sort code that is not 6 digits, such as 20-00-00");
	if (accn != 8)
		return refuse(why, "has an account number that is not 8 digits");
	put_uk_account(w, sc, acc);
	return finish(w, why);
}

static int iban_normalise(const char *text, writer *w, const char **why)
{
	const char *s;
	size_t n;
	char iban[40];
	if (!trimmed(text, &s, &n))
		return refuse(why, "needs an IBAN, or a sort code and an account number");
	int m = compact_upper(s, n, iban, sizeof iban);
	/* Fourteen digits alone are a UK sort code and account number. */
	if (m == 14 && all_digits(iban, 14)) {
		put_uk_account(w, iban, iban + 6);
		return finish(w, why);
	}
	if (m < 0 && n < 64)
		return refuse(why, "is not an IBAN: it has only letters and digits (spaces are "
		                   "ignored)");
	if (m < 5 || !is_upper(iban[0]) || !is_upper(iban[1]) || !is_digit(iban[2]) ||
	    !is_digit(iban[3]))
		return refuse(why, "is not an IBAN: it starts with a two-letter country code and "
		                   "two check digits, such as GB82 WEST 1234 5698 7654 32");
	int want = iban_length(iban);
	if (!want)
		return refuse(why, "is not an IBAN: its first two letters are not a country that "
		                   "uses IBANs");
	if (m != want)
		return refuse(why, "has the wrong number of characters for an IBAN from its "
		                   "country: a character is missing or one too many");
	if (!iban_mod97(iban, (size_t)m))
		return refuse(why, "fails the IBAN check: a character is wrong or two are swapped");
	if (memcmp(iban, "GB", 2) == 0) {
		/* GBkk BBBB SSSSSS AAAAAAAA: bank, sort code, account number. */
		for (int i = 4; i < 8; i++)
			if (!is_upper(iban[i]))
				return refuse(why,
				              "is not a UK IBAN: its bank code is four letters");
		if (!all_digits(iban + 8, 14))
			return refuse(why, "is not a UK IBAN: its sort code and account number are "
			                   "digits");
		put_uk_account(w, iban + 8, iban + 14);
		return finish(w, why);
	}
	put_str(w, iban);
	return finish(w, why);
}

static int bank_normalise(const selector_value *v, writer *w, const char **why)
{
	if (v->text && (v->sort_code || v->account_number))
		return refuse(why,
		              "gives both an IBAN and a sort code or account number: give one");
	if (v->text)
		return iban_normalise(v->text, w, why);
	return uk_account_normalise(v->sort_code, v->account_number, w, why);
}

/* ---- Identity documents ---- */

const char *const selector_doc_types[] = {
    "passport", "national_identity_card", "driving_licence",   "residence_permit",
    "visa",     "travel_document",        "birth_certificate", "other",
    NULL,
};

static const char *const doc_type_labels[] = {
    "Passport", "National identity card", "Driving licence",   "Residence permit",
    "Visa",     "Travel document",        "Birth certificate", "Other document",
};

static int doc_type_index(const char *s, size_t n)
{
	for (int i = 0; selector_doc_types[i]; i++)
		if (strlen(selector_doc_types[i]) == n && strncmp(selector_doc_types[i], s, n) == 0)
			return i;
	return -1;
}

static int identity_normalise(const selector_value *v, writer *w, const char **why)
{
	const char *s;
	size_t n;
	if (!trimmed(v->country, &s, &n))
		return refuse(why, "needs the country that issued the document, as a code such as "
		                   "GB");
	char country[3] = {0};
	if (n == 2)
		country[0] = to_upper(s[0]), country[1] = to_upper(s[1]);
	if (strcmp(country, "UK") == 0)
		return refuse(why, "has the country UK: the ISO 3166-1 code of the United Kingdom "
		                   "is GB");
	if (!nationality_valid(country))
		return refuse(why,
		              "has a country that is not an ISO 3166-1 code, such as GB or AL");
	if (!trimmed(v->doc_type, &s, &n))
		return refuse(why, "needs the type of document, such as passport");
	char type[32];
	if (n >= sizeof type)
		return refuse(why, "has a type of document that is not known: passport, "
		                   "national_identity_card, driving_licence, residence_permit, "
		                   "visa, travel_document, birth_certificate or other");
	for (size_t i = 0; i < n; i++)
		type[i] = to_lower(s[i]);
	int t = doc_type_index(type, n);
	if (t < 0)
		return refuse(why, "has a type of document that is not known: passport, "
		                   "national_identity_card, driving_licence, residence_permit, "
		                   "visa, travel_document, birth_certificate or other");
	if (!trimmed(v->number, &s, &n))
		return refuse(why, "needs the document's number");
	char number[48];
	int m = compact_upper(s, n, number, sizeof number);
	if (m < 0 && n < sizeof number)
		return refuse(why, "has a document number with a character other than letters and "
		                   "digits (spaces and dashes are ignored)");
	if (m < 0)
		return refuse(why, "has a document number that is too long");
	if (m < 4)
		return refuse(why, "has a document number too short to identify a document (4 "
		                   "characters at least)");
	put_str(w, country);
	put_char(w, '|');
	put_str(w, selector_doc_types[t]);
	put_char(w, '|');
	put_str(w, number);
	return finish(w, why);
}

/* ---- Social media handles ---- */

const char *const selector_platforms[] = {
    "instagram", "facebook",  "tiktok",     "snapchat", "telegram", "whatsapp", "signal", "x",
    "onlyfans",  "adultwork", "vivastreet", "wechat",   "viber",    "discord",  "other",  NULL,
};

static const struct {
	const char *label, *host, *host2; /* hosts of the platform's profile pages */
} platform_info[] = {
    {"Instagram", "instagram.com", NULL},
    {"Facebook", "facebook.com", "fb.com"},
    {"TikTok", "tiktok.com", NULL},
    {"Snapchat", "snapchat.com", NULL},
    {"Telegram", "t.me", "telegram.me"},
    {"WhatsApp", "wa.me", NULL},
    {"Signal", NULL, NULL},
    {"X", "x.com", "twitter.com"},
    {"OnlyFans", "onlyfans.com", NULL},
    {"AdultWork", "adultwork.com", NULL},
    {"Vivastreet", "vivastreet.co.uk", NULL},
    {"WeChat", NULL, NULL},
    {"Viber", NULL, NULL},
    {"Discord", NULL, NULL},
    {"Other", NULL, NULL},
};

static int platform_index(const char *s, size_t n)
{
	char name[16];
	if (n >= sizeof name)
		return -1;
	for (size_t i = 0; i < n; i++)
		name[i] = to_lower(s[i]);
	name[n] = '\0';
	if (strcmp(name, "twitter") == 0)
		return platform_index("x", 1);
	for (int i = 0; selector_platforms[i]; i++)
		if (strcmp(selector_platforms[i], name) == 0)
			return i;
	return -1;
}

/* Platforms on which people are found by phone number. */
static int platform_by_phone(int p)
{
	return strcmp(selector_platforms[p], "whatsapp") == 0 ||
	       strcmp(selector_platforms[p], "signal") == 0 ||
	       strcmp(selector_platforms[p], "viber") == 0;
}

static int host_is(const char *s, size_t n, const char *host)
{
	size_t h = host ? strlen(host) : 0;
	return h && n == h && strncasecmp(s, host, h) == 0;
}

/* A profile's web address ("https://www.instagram.com/boss_uk/") reduced
 * to the handle in it. Returns 1 with [*s, *s + *n) the handle, 0 when s
 * is not a web address, -1 when it is one but not of platform p. */
static int handle_from_url(int p, const char **s, size_t *n)
{
	const char *t = *s;
	size_t len = *n;
	if (len > 8 && strncasecmp(t, "https://", 8) == 0)
		t += 8, len -= 8;
	else if (len > 7 && strncasecmp(t, "http://", 7) == 0)
		t += 7, len -= 7;
	const char *slash = memchr(t, '/', len);
	if (!slash)
		return t == *s ? 0 : -1;
	size_t host = (size_t)(slash - t);
	if (host > 4 && strncasecmp(t, "www.", 4) == 0)
		t += 4, len -= 4, host -= 4;
	else if (host > 2 && strncasecmp(t, "m.", 2) == 0)
		t += 2, len -= 2, host -= 2;
	if (!host_is(t, host, platform_info[p].host) && !host_is(t, host, platform_info[p].host2))
		return -1;
	const char *path = t + host + 1;
	size_t rest = len - host - 1;
	if (rest > 4 && strncmp(path, "add/", 4) == 0 &&
	    strcmp(selector_platforms[p], "snapchat") == 0)
		path += 4, rest -= 4;
	size_t seg = 0;
	while (seg < rest && path[seg] != '/' && path[seg] != '?' && path[seg] != '#')
		seg++;
	*s = path;
	*n = seg;
	return 1;
}

static int handle_char(char c)
{
	return is_alnum(c) || c == '_' || c == '.' || c == '-';
}

static int social_normalise(const selector_value *v, writer *w, const char **why)
{
	const char *s;
	size_t n;
	if (!trimmed(v->platform, &s, &n))
		return refuse(why, "needs the platform, such as instagram");
	int p = platform_index(s, n);
	if (p < 0)
		return refuse(why,
		              "has a platform that is not known: use other for one not listed");
	if (!trimmed(v->handle, &s, &n))
		return refuse(why, "needs the handle, such as @boss_uk");
	int url = handle_from_url(p, &s, &n);
	if (url < 0)
		return refuse(why, "is a web address that is not the platform's: give the handle, "
		                   "such as @boss_uk");
	if (platform_by_phone(p) && n && (s[0] == '+' || is_digit(s[0]) || s[0] == '(')) {
		/* A wa.me address holds the number with its country code, no "+". */
		char number[80], e164[PHONE_MAX];
		int len = snprintf(number, sizeof number, "%s%.*s",
		                   url == 1 && s[0] != '+' ? "+" : "", (int)n, s);
		if (len < 0 || (size_t)len >= sizeof number ||
		    phone_e164(number, "GB", e164, sizeof e164) != 0)
			return refuse(why,
			              "has a phone number that is not valid: a number from outside "
			              "the UK needs its country code");
		put_str(w, selector_platforms[p]);
		put_char(w, '|');
		put_str(w, e164);
		return finish(w, why);
	}
	if (n && s[0] == '@')
		s++, n--;
	if (n == 0)
		return refuse(why, "needs the handle, such as @boss_uk");
	if (n > 64)
		return refuse(why, "has a handle that is too long (64 characters at most)");
	for (size_t i = 0; i < n; i++)
		if (!handle_char(s[i]))
			return refuse(why, "has a handle with a character handles cannot have: use "
			                   "letters, digits, _ . and - only");
	put_str(w, selector_platforms[p]);
	put_char(w, '|');
	for (size_t i = 0; i < n; i++)
		put_char(w, to_lower(s[i]));
	return finish(w, why);
}

int selector_normalise(selector_kind k, const selector_value *v, char *out, size_t outlen,
                       const char **why)
{
	const char *ignored;
	if (!why)
		why = &ignored;
	writer w = writer_on(out, outlen);
	int rc;
	if (!v)
		return refuse(why, "is missing");
	const char *parts[] = {v->text,           v->line1,   v->postcode, v->sort_code,
	                       v->account_number, v->country, v->doc_type, v->number,
	                       v->platform,       v->handle};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		if (parts[i] && strnlen(parts[i], PART_MAX + 1) > PART_MAX)
			return refuse(why, "is too long to be one");
	switch (k) {
	case SEL_PHONE:
		rc = phone_normalise(v->text, &w, why);
		break;
	case SEL_EMAIL:
		rc = email_normalise(v->text, &w, why);
		break;
	case SEL_POSTCODE:
		rc = postcode_normalise(v->text, &w, why);
		break;
	case SEL_ADDRESS:
		rc = address_normalise(v, &w, why);
		break;
	case SEL_VEHICLE:
		rc = vehicle_normalise(v->text, &w, why);
		break;
	case SEL_BANK_ACCOUNT:
		rc = bank_normalise(v, &w, why);
		break;
	case SEL_IDENTITY_DOCUMENT:
		rc = identity_normalise(v, &w, why);
		break;
	case SEL_SOCIAL_HANDLE:
		rc = social_normalise(v, &w, why);
		break;
	default:
		rc = refuse(why, "is of a kind that is not known");
	}
	/* A refusal leaves no half-written normal form behind. */
	if (rc != 0 && outlen)
		out[0] = '\0';
	return rc;
}

/* ---- Display ---- */

/* Splits a normal form "a|b|c" at its first bar: the length before it, or
 * -1 when it has none. */
static int bar_at(const char *s)
{
	const char *bar = strchr(s, '|');
	return bar ? (int)(bar - s) : -1;
}

static int display_bank(const char *s, writer *w)
{
	size_t n = strlen(s);
	if (n == 18 && memcmp(s, "GB:", 3) == 0 && s[9] == ':' && all_digits(s + 3, 6) &&
	    all_digits(s + 10, 8)) {
		put_str(w, "Sort code ");
		put_n(w, s + 3, 2);
		put_char(w, '-');
		put_n(w, s + 5, 2);
		put_char(w, '-');
		put_n(w, s + 7, 2);
		put_str(w, ", account ");
		put_str(w, s + 10);
		return 0;
	}
	if (n < 5 || n > 34 || !is_upper(s[0]) || !is_upper(s[1]) || iban_length(s) != (int)n)
		return -1;
	put_str(w, "IBAN ");
	for (size_t i = 0; i < n; i++) {
		if (i && i % 4 == 0)
			put_char(w, ' ');
		put_char(w, s[i]);
	}
	return 0;
}

static int display_identity(const char *s, writer *w)
{
	int a = bar_at(s);
	if (a != 2)
		return -1;
	char country[3] = {s[0], s[1], 0};
	const code_name *c = codes_country(country);
	const char *rest = s + 3;
	int b = bar_at(rest);
	int t = b > 0 ? doc_type_index(rest, (size_t)b) : -1;
	if (!c || t < 0 || !rest[b + 1])
		return -1;
	put_str(w, doc_type_labels[t]);
	put_str(w, ", ");
	put_str(w, c->name);
	put_str(w, ", ");
	put_str(w, rest + b + 1);
	return 0;
}

static int display_social(const char *s, writer *w)
{
	int a = bar_at(s);
	int p = a > 0 ? platform_index(s, (size_t)a) : -1;
	const char *handle = s + a + 1;
	if (p < 0 || !*handle)
		return -1;
	put_str(w, platform_info[p].label);
	put_char(w, ' ');
	if (handle[0] == '+') {
		char intl[PHONE_MAX];
		if (phone_international(handle, intl, sizeof intl) != 0)
			return -1;
		put_str(w, intl);
		return 0;
	}
	put_char(w, '@');
	put_str(w, handle);
	return 0;
}

/* Current UK registrations ("AB12CDE") read with their space ("AB12 CDE"). */
static void display_vehicle(const char *s, writer *w)
{
	if (strlen(s) == 7 && is_upper(s[0]) && is_upper(s[1]) && is_digit(s[2]) &&
	    is_digit(s[3]) && is_upper(s[4]) && is_upper(s[5]) && is_upper(s[6])) {
		put_n(w, s, 4);
		put_char(w, ' ');
		put_str(w, s + 4);
		return;
	}
	put_str(w, s);
}

int selector_display(selector_kind k, const char *normalised, char *out, size_t outlen)
{
	writer w = writer_on(out, outlen);
	if (!normalised || !*normalised)
		return -1;
	int rc = 0;
	char pc[9];
	switch (k) {
	case SEL_PHONE: {
		char intl[PHONE_MAX];
		rc = phone_international(normalised, intl, sizeof intl);
		if (rc == 0)
			put_str(&w, intl);
		break;
	}
	case SEL_EMAIL:
		if (!strchr(normalised, '@'))
			rc = -1;
		else
			put_str(&w, normalised);
		break;
	case SEL_POSTCODE:
		if (!selector_uk_postcode(normalised, pc) || strcmp(pc, normalised) != 0)
			rc = -1;
		else
			put_str(&w, pc);
		break;
	case SEL_ADDRESS: {
		int a = bar_at(normalised);
		if (a < 5 || a > 8 || !normalised[a + 1])
			return -1;
		put_str(&w, normalised + a + 1);
		put_str(&w, ", ");
		put_n(&w, normalised, (size_t)a);
		break;
	}
	case SEL_VEHICLE:
		display_vehicle(normalised, &w);
		break;
	case SEL_BANK_ACCOUNT:
		rc = display_bank(normalised, &w);
		break;
	case SEL_IDENTITY_DOCUMENT:
		rc = display_identity(normalised, &w);
		break;
	case SEL_SOCIAL_HANDLE:
		rc = display_social(normalised, &w);
		break;
	default:
		rc = -1;
	}
	if (rc != 0 || w.full) {
		if (outlen)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

/* ---- Grading (3x5x2, College of Policing APP on intelligence management) ---- */

static const char *const source_texts[] = {"Reliable", "Untested", "Not reliable"};
static const char *const assessment_texts[] = {
    "Known directly to the source",       "Known indirectly to the source but corroborated",
    "Known indirectly to the source",     "Not known",
    "Suspected to be false or malicious",
};

const char *selector_source_text(int source_evaluation)
{
	return source_evaluation >= 1 && source_evaluation <= 3
	           ? source_texts[source_evaluation - 1]
	           : NULL;
}

const char *selector_assessment_text(char intelligence_assessment)
{
	return intelligence_assessment >= 'A' && intelligence_assessment <= 'E'
	           ? assessment_texts[intelligence_assessment - 'A']
	           : NULL;
}

const char *selector_handling_text(char handling_code)
{
	if (handling_code == 'P')
		return "Lawful sharing permitted";
	if (handling_code == 'C')
		return "Lawful sharing permitted subject to conditions";
	return NULL;
}

int selector_grading_check(const selector_grading *g, const char **field, const char **why)
{
	const char *ignored;
	if (!field)
		field = &ignored;
	if (!why)
		why = &ignored;
	if (!selector_source_text(g->source_evaluation)) {
		*field = "source_evaluation";
		*why = "must be 1 (reliable), 2 (untested) or 3 (not reliable)";
		return -1;
	}
	if (!selector_assessment_text(g->intelligence_assessment)) {
		*field = "intelligence_assessment";
		*why = "must be A, B, C, D or E";
		return -1;
	}
	if (!selector_handling_text(g->handling_code)) {
		*field = "handling_code";
		*why =
		    "must be P (lawful sharing permitted) or C (lawful sharing permitted subject "
		    "to conditions)";
		return -1;
	}
	return 0;
}
