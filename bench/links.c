/* Seeds a national picture for the links benchmark: two forces of four
 * casework teams each, N / 4 cases of one to ten people (some people in
 * several cases), places with postcodes, and selectors of the eight kinds
 * in their normal forms, each with the match key the server computes
 * (seal_match_key over "<kind>\n<normalised>" under the server's key), so
 * that recording a selector, the links of a case and its network meet the
 * numbers a national store would hold.
 *
 *   build/bench/links [--db URL] [--people N] [--cases N] [--selectors N]
 *                     [--key-file PATH] [--team-of USERNAME] [--out FILE]
 *
 * Defaults: a million people, 250,000 cases, five million selectors, the
 * key of WAYMARK_KEY_FILE (else var/waymark.key, as `waymark serve` finds
 * it), the team of dc.jones. Run after `waymark init` and `waymark demo`
 * (bench/links.sh does): the demo's force, with the team of --team-of and
 * the demo's CID, is the first force; a second force is made. Cases are
 * spread over the eight teams (the first force's four teams 15% each, the
 * second's 10%), one to ten people each (4.6 on average); a part is a
 * person already in a case of the same team seven times in ten when the
 * count of people asks for it, else one anywhere; a quarter of later parts
 * are suspects.
 *
 * Selectors come in groups of one value: most values are recorded once;
 * about one in twelve values recurs in two to five cases (half of the
 * further cases in the first case's team, half anywhere); three in ten
 * thousand are hubs, in 20 to 300 cases (a controller's phone, an agency's
 * account, a car wash's address). Each is about a person of its case as
 * often as the kind is (a phone 85%, a postcode 30%), written the ways
 * people write it (07700 900123, +44 7700 900123), graded three times in
 * five, sealed one time in fifty. Places (0 to 3 a case) take postcodes the
 * same way, with more of them shared.
 *
 * Rows go in as JSON arrays of a thousand, one INSERT ... SELECT each, in
 * transactions of about 250,000 rows, with the tables' indexes dropped
 * first and made again after, so five million selectors take minutes.
 * Each value is checked first against the domain's own normal form
 * (selector_normalise), every way it is written. Writes to --out
 * (build/bench/links-sample.tsv) what bench/links.sh asks for: 200 cases
 * of the user's team drawn evenly ("case\tID") to read, and 40,000
 * selectors to record in 200 others ("post\tCASE\tBODY"), half new
 * values, half values already recorded elsewhere. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "domain/selectors.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/seal.h"
#include "store/accounts.h"
#include "store/db.h"

static uint64_t state = 0x9e3779b97f4a7c15ULL;
static uint32_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (uint32_t)(state >> 11);
}
static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the value generators: value index -> normal form and written JSON ---- */

enum { PHONE, EMAIL, POSTCODE, ADDRESS, VEHICLE, BANK, DOCUMENT, HANDLE, NKINDS };
static const char *const kind_names[NKINDS] = {
    "phone",   "email",        "postcode",          "address",
    "vehicle", "bank_account", "identity_document", "social_handle"};
/* Of five million: phones first, then addresses and emails. */
static const unsigned kind_share[NKINDS] = {320, 140, 100, 160, 70, 90, 80, 40}; /* per 1000 */
/* How often a selector of the kind is about a person of its case, in %. */
static const unsigned kind_about[NKINDS] = {85, 85, 30, 50, 40, 80, 95, 85};

static const char *const given[] = {
    "arben",  "besnik", "dritan", "elira",  "ermal",  "klodian", "blerina", "mirela",
    "minh",   "anh",    "duc",    "huy",    "linh",   "quang",   "thanh",   "tuan",
    "hoa",    "lan",    "yonas",  "tesfay", "semhar", "filmon",  "stefan",  "ion",
    "andrei", "mihai",  "florin", "elena",  "ioana",  "piotr",   "tomasz",  "anna",
    "jack",   "oliver", "kyle",   "liam",   "callum", "chinedu", "ngozi",   "emeka"};
static const char *const family[] = {
    "hoxha",   "shehu",   "berisha",     "krasniqi", "gashi",   "leka",     "dervishi", "kola",
    "marku",   "nguyen",  "tran",        "le",       "pham",    "hoang",    "phan",     "vu",
    "dang",    "bui",     "tesfamariam", "haile",    "kidane",  "berhane",  "tekle",    "popescu",
    "ionescu", "dumitru", "stoica",      "rusu",     "nowak",   "kowalski", "smith",    "jones",
    "taylor",  "brown",   "williams",    "okafor",   "adeyemi", "osman",    "idris",    "musa"};
static const char *const domains[] = {
    "gmail.com",   "hotmail.co.uk", "yahoo.com",      "outlook.com", "icloud.com",
    "hotmail.com", "yahoo.co.uk",   "protonmail.com", "mail.ru",     "abv.bg"};
static const char *const areas[] = {
    "AB", "AL", "B",  "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "CB", "CF", "CH", "CM", "CO",
    "CR", "CT", "CV", "CW", "DA", "DE", "DH", "DL", "DN", "DT", "DY", "E",  "EN", "EX", "G",  "GL",
    "GU", "HA", "HD", "HG", "HP", "HU", "HX", "IG", "IP", "KT", "L",  "LE", "LN", "LS", "LU", "M",
    "ME", "MK", "N",  "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PE", "PL", "PO", "PR", "RG",
    "RM", "S",  "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA",
    "TF", "TN", "TQ", "TS", "TW", "UB", "W",  "WA", "WD", "WF", "WN", "WR", "WS", "WV", "YO"};
/* The letters of a postcode's unit (never C, I, K, M, O or V). */
static const char unit_letters[] = "ABDEFGHJLNPQRSTUWXYZ";
static const char *const streets[] = {
    "HIGH STREET",    "STATION ROAD",     "CHURCH LANE",   "MAIN STREET",   "PARK ROAD",
    "VICTORIA ROAD",  "GREEN LANE",       "MANOR ROAD",    "CHURCH STREET", "PARK AVENUE",
    "THE AVENUE",     "QUEENS ROAD",      "NEW ROAD",      "GRANGE ROAD",   "KINGS ROAD",
    "ALEXANDRA ROAD", "MILL LANE",        "SCHOOL LANE",   "NORTH STREET",  "LONDON ROAD",
    "WEST STREET",    "YORK ROAD",        "GEORGE STREET", "ALBERT ROAD",   "MARKET STREET",
    "BRIDGE STREET",  "SPRINGFIELD ROAD", "WINDSOR ROAD",  "MILL ROAD",     "BROADWAY",
    "CHESTER ROAD",   "MOOR LANE"};
/* Registration letters (never I, Q or Z) and age identifiers. */
static const char plate_letters[] = "ABCDEFGHJKLMNOPRSTUVWXY";
/* Sort code prefixes and the bank codes their IBANs carry. */
static const char *const banks[][2] = {
    {"20", "BARC"}, {"40", "HBUK"}, {"30", "LOYD"}, {"60", "NWBK"}, {"09", "ABBY"},
    {"11", "HLFX"}, {"77", "TSBS"}, {"16", "RBOS"}, {"04", "MONZ"}, {"23", "SRLG"}};
static const char *const doc_countries[] = {"GB", "AL", "RO", "VN", "ER", "SD", "PL",
                                            "NG", "IN", "CN", "IQ", "IR", "AF", "UA"};
static const char *const doc_types[] = {"passport",
                                        "passport",
                                        "passport",
                                        "passport",
                                        "passport",
                                        "passport",
                                        "passport",
                                        "national_identity_card",
                                        "national_identity_card",
                                        "residence_permit"};
/* (Not WhatsApp, Signal or Viber, whose handles are phone numbers.) */
static const char *const platforms[] = {"instagram", "facebook", "tiktok",   "snapchat",
                                        "telegram",  "x",        "adultwork"};
/* The UK mobile ranges libphonenumber calls valid: 07XY then seven digits. */
static const char *const uk_mobile[] = {
    "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23",
    "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37",
    "38", "39", "40", "41", "42", "43", "44", "46", "47", "48", "49", "51", "53", "54",
    "55", "56", "57", "58", "59", "71", "72", "73", "74", "75", "76", "77", "80", "81",
    "84", "85", "86", "87", "88", "89", "90", "92", "94", "95", "96", "97", "98", "99"};

/* A permutation of 0 .. 10^digits - 1, so that neighbouring indexes give
 * unrelated numbers and different indexes different ones. */
static uint64_t scramble(uint64_t x, int digits)
{
	uint64_t m = 1;
	for (int i = 0; i < digits; i++)
		m *= 10;
	return (x % m * 1594323 + 4711) % m;
}

/* "HIGH STREET" as people write it: "High Street". */
static void title(char *s)
{
	int start = 1;
	for (; *s; s++) {
		if (*s >= 'A' && *s <= 'Z' && !start)
			*s = (char)(*s - 'A' + 'a');
		else if (*s >= 'a' && *s <= 'z' && start)
			*s = (char)(*s - 'a' + 'A');
		start = *s == ' ';
	}
}

static void json_str(buf *b, const char *s)
{
	buf_puts(b, "\"");
	buf_json_escape(b, s);
	buf_puts(b, "\"");
}

/* The postcode of index i (i < 7,600,000 gives each its own). */
static void postcode(uint64_t i, char out[9])
{
	i = (i * 1000003 + 4711) % (COUNT(areas) * 20 * 10 * 400);
	size_t a = i % COUNT(areas);
	i /= COUNT(areas);
	unsigned district = 1 + (unsigned)(i % 20);
	i /= 20;
	unsigned sector = (unsigned)(i % 10);
	i /= 10;
	snprintf(out, 9, "%s%u %u%c%c", areas[a], district, sector, unit_letters[i % 20],
	         unit_letters[i / 20 % 20]);
}

/* Writes the normal form of value i of kind k to norm (SELECTOR_MAX) and,
 * spelt the way of style, the value as written (JSON, keys sorted as the
 * server stores them) to written. Each index of a kind gives its own
 * normal form; values_check holds them to the domain's own rules. */
static void value_of(int k, uint64_t i, unsigned style, char *norm, size_t nlen, buf *written)
{
	char w[320], a[96], b[160];
	switch (k) {
	case PHONE: {
		uint64_t q = i / 25, j = i % 25;
		if (j < 2) { /* Romanian mobiles */
			q = q * 2 + j;
			unsigned d = 2 + (unsigned)(q % 6);
			unsigned long r = (unsigned long)scramble(q / 6, 7);
			snprintf(norm, nlen, "+407%u%07lu", d, r);
			if (style % 2)
				snprintf(w, sizeof w, "+40 7%u%lu %03lu %03lu", d, r / 1000000,
				         r / 1000 % 1000, r % 1000);
			else
				snprintf(w, sizeof w, "0040 7%u%lu %03lu %03lu", d, r / 1000000,
				         r / 1000 % 1000, r % 1000);
		} else if (j == 2) { /* Albanian mobiles */
			unsigned long r = (unsigned long)scramble(q, 7);
			snprintf(norm, nlen, "+35569%07lu", r);
			snprintf(w, sizeof w, "+355 69 %03lu %04lu", r / 10000, r % 10000);
		} else { /* UK mobiles: 07XY ZZZ ZZZZ */
			q = q * 22 + j - 3;
			const char *xy = uk_mobile[q % COUNT(uk_mobile)];
			unsigned long r = (unsigned long)scramble(q / COUNT(uk_mobile), 7);
			snprintf(norm, nlen, "+447%s%07lu", xy, r);
			switch (style % 4) {
			case 0:
				snprintf(w, sizeof w, "07%s%lu %06lu", xy, r / 1000000,
				         r % 1000000);
				break;
			case 1:
				snprintf(w, sizeof w, "07%s%07lu", xy, r);
				break;
			case 2:
				snprintf(w, sizeof w, "+44 7%s%lu %06lu", xy, r / 1000000,
				         r % 1000000);
				break;
			default:
				snprintf(w, sizeof w, "0044 7%s%lu %03lu %03lu", xy, r / 1000000,
				         r / 1000 % 1000, r % 1000);
			}
		}
		json_str(written, w);
		return;
	}
	case EMAIL: {
		uint64_t g = i % COUNT(given), f = i / COUNT(given) % COUNT(family),
		         d = i / COUNT(given) / COUNT(family) % COUNT(domains),
		         n = i / COUNT(given) / COUNT(family) / COUNT(domains);
		if (n)
			snprintf(norm, nlen, "%s.%s%llu@%s", given[g], family[f],
			         (unsigned long long)n, domains[d]);
		else
			snprintf(norm, nlen, "%s.%s@%s", given[g], family[f], domains[d]);
		snprintf(w, sizeof w, "%s", norm);
		if (style % 3 == 1) { /* Arben.Hoxha12@gmail.com */
			w[0] = (char)(w[0] - 'a' + 'A');
			char *dot = strchr(w, '.');
			if (dot && dot[1] >= 'a' && dot[1] <= 'z')
				dot[1] = (char)(dot[1] - 'a' + 'A');
		}
		json_str(written, w);
		return;
	}
	case POSTCODE: {
		char pc[9];
		postcode(i, pc);
		snprintf(norm, nlen, "%s", pc);
		snprintf(w, sizeof w, "%s", pc);
		if (style % 3 == 1) { /* sn1 2ab */
			for (char *s = w; *s; s++)
				if (*s >= 'A' && *s <= 'Z')
					*s = (char)(*s - 'A' + 'a');
		} else if (style % 3 == 2) { /* SN12AB */
			char *sp = strchr(w, ' ');
			if (sp)
				memmove(sp, sp + 1, strlen(sp));
		}
		json_str(written, w);
		return;
	}
	case ADDRESS: {
		/* Four addresses a postcode, on one street. */
		uint64_t p = i / 4;
		char pc[9];
		postcode(p, pc);
		unsigned house = 1 + (unsigned)(p % 7) + 7 * (unsigned)(i % 4);
		const char *street = streets[p / 7 % COUNT(streets)];
		int flat = p % 5 == 0;
		if (flat) {
			snprintf(norm, nlen, "%s|FLAT %u %u %s", pc, 1 + (unsigned)(i % 4),
			         1 + (unsigned)(p % 90), street);
			snprintf(a, sizeof a, "Flat %u, %u %s", 1 + (unsigned)(i % 4),
			         1 + (unsigned)(p % 90), street);
		} else {
			snprintf(norm, nlen, "%s|%u %s", pc, house, street);
			snprintf(a, sizeof a, "%u %s", house, street);
		}
		title(a);
		if (style % 2) {
			char *sp = strchr(pc, ' ');
			if (sp)
				memmove(sp, sp + 1, strlen(sp));
		}
		buf_puts(written, "{\"line1\":");
		json_str(written, a);
		buf_puts(written, ",\"postcode\":");
		json_str(written, pc);
		buf_puts(written, "}");
		return;
	}
	case VEHICLE: {
		unsigned age = (unsigned)(i % 47);
		age = age < 23 ? 2 + age : 51 + (age - 23);
		/* 23^5 registrations of each age, shuffled. */
		uint64_t q = (i / 47 * 1000003 + 4711) % 6436343;
		char l[5];
		for (int j = 0; j < 5; j++, q /= 23)
			l[j] = plate_letters[q % 23];
		snprintf(norm, nlen, "%c%c%02u%c%c%c", l[0], l[1], age, l[2], l[3], l[4]);
		if (style % 3 == 0)
			snprintf(w, sizeof w, "%c%c%02u %c%c%c", l[0], l[1], age, l[2], l[3], l[4]);
		else
			snprintf(w, sizeof w, "%s", norm);
		if (style % 3 == 2)
			for (char *s = w; *s; s++)
				if (*s >= 'A' && *s <= 'Z')
					*s = (char)(*s - 'A' + 'a');
		json_str(written, w);
		return;
	}
	case BANK: {
		size_t bank = i % COUNT(banks);
		uint64_t q = i / COUNT(banks);
		unsigned long acct = (unsigned long)scramble(q, 8);
		unsigned sort4 = (unsigned)(q * 31 % 10000);
		snprintf(norm, nlen, "GB:%s%04u:%08lu", banks[bank][0], sort4, acct);
		if (style % 4 == 3) { /* a GB IBAN, check digits and all */
			char digits[64];
			snprintf(a, sizeof a, "%s%s%04u%08lu", banks[bank][1], banks[bank][0],
			         sort4, acct);
			/* Letters as two digits each, then "GB00" as 161100. */
			size_t n = 0;
			for (const char *s = a; *s && n + 3 < sizeof digits; s++) {
				if (*s >= 'A' && *s <= 'Z')
					n += (size_t)snprintf(digits + n, sizeof digits - n, "%d",
					                      *s - 'A' + 10);
				else
					digits[n++] = *s;
			}
			digits[n] = '\0';
			unsigned rem = 0;
			for (const char *s = digits; *s; s++)
				rem = (rem * 10 + (unsigned)(*s - '0')) % 97;
			for (const char *s = "161100"; *s; s++)
				rem = (rem * 10 + (unsigned)(*s - '0')) % 97;
			snprintf(b, sizeof b, "GB%02u%s", 98 - rem, a);
			/* In groups of four, as printed on statements. */
			size_t m = 0;
			for (size_t j = 0; b[j] && m + 2 < sizeof w; j++) {
				if (j && j % 4 == 0)
					w[m++] = ' ';
				w[m++] = b[j];
			}
			w[m] = '\0';
			json_str(written, w);
			return;
		}
		snprintf(a, sizeof a, "%s-%02u-%02u", banks[bank][0], sort4 / 100, sort4 % 100);
		snprintf(b, sizeof b, "%08lu", acct);
		buf_puts(written, "{\"account_number\":");
		json_str(written, b);
		buf_puts(written, ",\"sort_code\":");
		json_str(written, a);
		buf_puts(written, "}");
		return;
	}
	case DOCUMENT: {
		size_t c = i % COUNT(doc_countries);
		uint64_t q = i / COUNT(doc_countries);
		const char *type = doc_types[q % COUNT(doc_types)];
		unsigned long n = (unsigned long)scramble(q, 8);
		const char *country = doc_countries[c];
		if (!strcmp(country, "GB"))
			snprintf(a, sizeof a, "1%08lu", n);
		else
			snprintf(a, sizeof a, "%c%c%08lu", country[0], 'A' + (char)(n % 26), n);
		snprintf(norm, nlen, "%s|%s|%s", country, type, a);
		if (style % 2) { /* 1234 5678 9, or ab-12345678 */
			if (!strcmp(country, "GB"))
				snprintf(b, sizeof b, "%.4s %.4s %s", a, a + 4, a + 8);
			else
				snprintf(b, sizeof b, "%c%c-%s", a[0] - 'A' + 'a', a[1] - 'A' + 'a',
				         a + 2);
		} else {
			snprintf(b, sizeof b, "%s", a);
		}
		buf_puts(written, "{\"country\":");
		json_str(written, country);
		buf_puts(written, ",\"number\":");
		json_str(written, b);
		buf_puts(written, ",\"type\":");
		json_str(written, type);
		buf_puts(written, "}");
		return;
	}
	default: { /* HANDLE */
		size_t p = i % COUNT(platforms);
		uint64_t q = i / COUNT(platforms);
		uint64_t g = q % COUNT(given), f = q / COUNT(given) % COUNT(family),
		         n = q / COUNT(given) / COUNT(family);
		if (n)
			snprintf(a, sizeof a, "%s_%s%llu", given[g], family[f],
			         (unsigned long long)n);
		else
			snprintf(a, sizeof a, "%s_%s", given[g], family[f]);
		snprintf(norm, nlen, "%s|%s", platforms[p], a);
		if (style % 2) {
			snprintf(b, sizeof b, "@%s", a);
			b[1] = (char)(b[1] - 'a' + 'A');
		} else {
			snprintf(b, sizeof b, "%s", a);
		}
		buf_puts(written, "{\"handle\":");
		json_str(written, b);
		buf_puts(written, ",\"platform\":");
		json_str(written, platforms[p]);
		buf_puts(written, "}");
		return;
	}
	}
}

/* Holds the generators to the domain's rules: each of a spread of values
 * of every kind, written every way, from the seeded range and from the
 * new values bench/links.sh records, must reach the normal form given
 * (selector_normalise, as the server runs it on what is posted). Returns
 * how many did not, after naming the first few. */
static unsigned values_check(void)
{
	unsigned bad = 0;
	buf written;
	buf_init(&written);
	for (int k = 0; k < NKINDS; k++)
		for (uint64_t j = 0; j < 4000; j++) {
			uint64_t i = j % 2 ? j * 997 : 3000000 + j * 13;
			char norm[SELECTOR_MAX], got[SELECTOR_MAX];
			written.len = 0;
			if (written.data)
				written.data[0] = '\0';
			value_of(k, i, (unsigned)j, norm, sizeof norm, &written);
			json_t *v = json_loads(buf_str(&written), JSON_DECODE_ANY, NULL);
			selector_value sv = {0};
			if (json_is_string(v))
				sv.text = json_string_value(v);
			else {
				sv.line1 = json_string_value(json_object_get(v, "line1"));
				sv.postcode = json_string_value(json_object_get(v, "postcode"));
				sv.sort_code = json_string_value(json_object_get(v, "sort_code"));
				sv.account_number =
				    json_string_value(json_object_get(v, "account_number"));
				sv.country = json_string_value(json_object_get(v, "country"));
				sv.doc_type = json_string_value(json_object_get(v, "type"));
				sv.number = json_string_value(json_object_get(v, "number"));
				sv.platform = json_string_value(json_object_get(v, "platform"));
				sv.handle = json_string_value(json_object_get(v, "handle"));
			}
			const char *why = NULL;
			int rc = selector_normalise((selector_kind)k, &sv, got, sizeof got, &why);
			if (rc != 0 || strcmp(got, norm) != 0) {
				if (bad++ < 10)
					fprintf(stderr, "links: %s %s gives %s, not %s\n",
					        kind_names[k], buf_str(&written),
					        rc ? (why ? why : "a refusal") : got, norm);
			}
			json_decref(v);
		}
	buf_free(&written);
	return bad;
}

/* ---- the world: teams, cases, people and their parts ---- */

enum { NTEAMS = 8 };
/* Per 1000 cases: the first force's four teams, then the second's. */
static const unsigned team_share[NTEAMS] = {150, 150, 150, 150, 100, 100, 100, 100};
static const char *const first_force_teams[] = {NULL, "CID", "Modern Slavery Unit",
                                                "Serious and Organised Crime Unit"};
static const char *const second_force_teams[] = {
    "Modern Slavery Unit", "Serious and Organised Crime Unit", "Child Exploitation Team",
    "Public Protection Unit"};
enum { ROLE_VICTIM, ROLE_SUSPECT, ROLE_WITNESS, ROLE_OTHER };
static const char *const roles[] = {"potential_victim", "suspect", "witness", "other"};

typedef struct world {
	uint32_t ncases, nparts, npeople;
	uint8_t *case_team;
	uint32_t *case_first; /* case c's parts are case_first[c] .. case_first[c + 1] - 1 */
	uint32_t *part_case, *part_person;
	uint8_t *part_role;
	uint32_t *person_case; /* the case each person was first in */
	uint32_t *team_cases[NTEAMS], team_n[NTEAMS];
	char team_id[NTEAMS][64], author[NTEAMS][64];
} world;

static uint32_t case_size(void)
{
	/* 1 to 10 people, 4.6 on average. */
	static const unsigned w[] = {12, 14, 14, 13, 12, 10, 8, 7, 5, 5};
	unsigned r = below(100);
	for (unsigned n = 0; n < COUNT(w); n++) {
		if (r < w[n])
			return n + 1;
		r -= w[n];
	}
	return 10;
}

static void *grab(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p) {
		fprintf(stderr, "links: out of memory\n");
		exit(1);
	}
	return p;
}

static int case_has(const world *w, uint32_t c, uint32_t upto, uint32_t person)
{
	for (uint32_t p = w->case_first[c]; p < upto; p++)
		if (w->part_person[p] == person)
			return 1;
	return 0;
}

static void world_build(world *w, uint32_t ncases, uint32_t npeople)
{
	w->ncases = ncases;
	w->case_team = grab(ncases, 1);
	w->case_first = grab((size_t)ncases + 1, sizeof(uint32_t));
	for (int t = 0; t < NTEAMS; t++)
		w->team_cases[t] = grab(ncases, sizeof(uint32_t));
	uint32_t total = 0;
	for (uint32_t c = 0; c < ncases; c++) {
		w->case_first[c] = total;
		total += case_size();
		unsigned r = below(1000);
		int t = 0;
		while (t < NTEAMS - 1 && r >= team_share[t])
			r -= team_share[t++];
		w->case_team[c] = (uint8_t)t;
	}
	w->case_first[ncases] = total;
	w->nparts = total;
	w->part_case = grab(total, sizeof(uint32_t));
	w->part_person = grab(total, sizeof(uint32_t));
	w->part_role = grab(total, 1);
	w->person_case = grab(total, sizeof(uint32_t));
	/* Each part is a new person with the chance that leaves exactly
	 * npeople by the end (the new ones still needed over the parts
	 * still to fill), else someone already in a case. */
	uint32_t made = 0;
	for (uint32_t c = 0; c < ncases; c++) {
		int t = w->case_team[c];
		for (uint32_t p = w->case_first[c]; p < w->case_first[c + 1]; p++) {
			w->part_case[p] = c;
			uint32_t left = total - p, need = npeople > made ? npeople - made : 0;
			uint32_t person = UINT32_MAX;
			if (c > 0 && below(left) >= need) {
				for (int tries = 0; tries < 5 && person == UINT32_MAX; tries++) {
					uint32_t o = below(10) < 7 && w->team_n[t]
					                 ? w->team_cases[t][below(w->team_n[t])]
					                 : below(c);
					uint32_t from = w->case_first[o],
					         n = w->case_first[o + 1] - from;
					uint32_t cand = w->part_person[from + below(n)];
					if (!case_has(w, c, p, cand))
						person = cand;
				}
			}
			if (person == UINT32_MAX) {
				person = made++;
				w->person_case[person] = c;
			}
			w->part_person[p] = person;
			unsigned r = below(100);
			w->part_role[p] = p == w->case_first[c] ? ROLE_VICTIM
			                  : r < 25              ? ROLE_SUSPECT
			                  : r < 35              ? ROLE_WITNESS
			                  : r < 40              ? ROLE_OTHER
			                                        : ROLE_VICTIM;
		}
		w->team_cases[t][w->team_n[t]++] = c;
	}
	w->npeople = made;
}

/* ---- groups: which cases hold the same value ---- */

typedef struct mix {
	unsigned recurring; /* groups of 2 to 5, per 10,000 groups */
	unsigned hubs;      /* groups of hub_min to hub_max, per 100,000 groups */
	unsigned hub_min, hub_max;
} mix;

typedef struct picks {
	size_t n;
	uint32_t *unit;  /* a part (selectors) or a case (places) */
	uint32_t *value; /* the value's index */
	uint32_t *size;  /* how many hold the value */
} picks;

static uint32_t random_unit(const world *w, int by_part, uint32_t c)
{
	if (!by_part)
		return c;
	uint32_t from = w->case_first[c];
	return from + below(w->case_first[c + 1] - from);
}

/* Fills n picks with groups of one value each, the values numbered from
 * *next on. The first of a group is anywhere (a part drawn evenly, so
 * bigger cases hold more); half the rest of a recurring group are in the
 * first's team, a hub's are anywhere. */
static void picks_make(const world *w, picks *pk, size_t n, int by_part, const mix *m,
                       uint32_t *next)
{
	pk->n = n;
	pk->unit = grab(n, sizeof(uint32_t));
	pk->value = grab(n, sizeof(uint32_t));
	pk->size = grab(n, sizeof(uint32_t));
	size_t i = 0;
	while (i < n) {
		unsigned r = below(100000);
		uint32_t size = r < m->hubs ? m->hub_min + below(m->hub_max - m->hub_min + 1)
		                : r < m->hubs + m->recurring * 10 ? 2 + below(4)
		                                                  : 1;
		if (size > n - i)
			size = (uint32_t)(n - i);
		uint32_t v = (*next)++;
		uint32_t first = by_part ? below(w->nparts) : below(w->ncases);
		uint32_t c0 = by_part ? w->part_case[first] : first;
		int t = w->case_team[c0];
		for (uint32_t j = 0; j < size; j++, i++) {
			uint32_t u = first;
			if (j > 0) {
				uint32_t c = size <= 5 && below(2)
				                 ? w->team_cases[t][below(w->team_n[t])]
				                 : below(w->ncases);
				u = random_unit(w, by_part, c);
			}
			pk->unit[i] = u;
			pk->value[i] = v;
			pk->size[i] = size;
		}
	}
}

/* ---- loading rows as JSON arrays, a thousand to a statement ---- */

enum { BATCH = 1000, COMMIT_EVERY = 250000 };

typedef struct loader {
	db *d;
	char sql[2048];
	buf rows;
	size_t n, since_commit, total;
	int first_value;
} loader;

/* cols: the column names, comma-separated; ints: a 0/1 per column, 1 for
 * an INTEGER column. */
static void loader_init(loader *l, db *d, const char *table, const char *cols, const char *ints)
{
	memset(l, 0, sizeof *l);
	l->d = d;
	buf_init(&l->rows);
	int pg = d->engine == DB_ENGINE_PG;
	size_t n =
	    (size_t)snprintf(l->sql, sizeof l->sql, "INSERT INTO %s (%s) SELECT ", table, cols);
	for (size_t c = 0; ints[c]; c++) {
		if (pg && ints[c] == '1')
			n += (size_t)snprintf(l->sql + n, sizeof l->sql - n, "%s(r->>%zu)::bigint",
			                      c ? ", " : "", c);
		else if (pg)
			n += (size_t)snprintf(l->sql + n, sizeof l->sql - n, "%sr->>%zu",
			                      c ? ", " : "", c);
		else
			n += (size_t)snprintf(l->sql + n, sizeof l->sql - n, "%sr.value->>%zu",
			                      c ? ", " : "", c);
	}
	snprintf(l->sql + n, sizeof l->sql - n, "%s",
	         pg ? " FROM jsonb_array_elements($1::jsonb) r" : " FROM json_each($1) r");
}

static void fail(db *d, const char *what)
{
	fprintf(stderr, "links: %s: %s\n", what, db_errmsg(d));
	exit(1);
}

static void loader_flush(loader *l)
{
	if (!l->n)
		return;
	buf_puts(&l->rows, "]");
	if (l->rows.failed) {
		fprintf(stderr, "links: out of memory\n");
		exit(1);
	}
	const char *p[] = {buf_str(&l->rows)};
	if (db_run(l->d, l->sql, 1, p) != DB_OK)
		fail(l->d, l->sql);
	l->since_commit += l->n;
	l->n = 0;
	l->rows.len = 0;
	l->rows.data[0] = '\0';
	if (l->since_commit >= COMMIT_EVERY) {
		if (db_commit(l->d) != DB_OK || db_begin(l->d) != DB_OK)
			fail(l->d, "commit");
		l->since_commit = 0;
	}
}

static void row_begin(loader *l)
{
	buf_puts(&l->rows, l->n ? ",[" : "[[");
	l->first_value = 1;
}
static void row_end(loader *l)
{
	buf_puts(&l->rows, "]");
	l->total++;
	if (++l->n == BATCH)
		loader_flush(l);
}
static void col_text(loader *l, const char *s)
{
	if (!l->first_value)
		buf_puts(&l->rows, ",");
	l->first_value = 0;
	if (s)
		json_str(&l->rows, s);
	else
		buf_puts(&l->rows, "null");
}
static void col_int(loader *l, long long v)
{
	if (!l->first_value)
		buf_puts(&l->rows, ",");
	l->first_value = 0;
	buf_printf(&l->rows, "%lld", v);
}
static void loader_done(loader *l)
{
	loader_flush(l);
	buf_free(&l->rows);
}

/* ---- ids, dates ---- */

/* A UUID-shaped id, numbered in order so each table grows at its end. */
static void id_of(char out[37], const char *tag, uint64_t n)
{
	snprintf(out, 37, "%08x-%.4s-4b1e-8000-000000000000", (unsigned)n, tag);
}

/* Day d from 2023-01-01 as "YYYY-MM-DD" (Hinnant's civil_from_days). */
static void date_of(char out[11], long d)
{
	long z = 19358 + d + 719468, era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100),
	     mp = (5 * doy + 2) / 153;
	long day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
	char full[64];
	snprintf(full, sizeof full, "%04ld-%02ld-%02ld", y + (month <= 2), month, day);
	snprintf(out, 11, "%.10s", full);
}
enum { SPAN_DAYS = 1429 }; /* 2023-01-01 to 2026-11-30 */
static long case_day(const world *w, uint32_t c)
{
	return (long)((uint64_t)c * SPAN_DAYS / w->ncases);
}
static void stamp(char out[21], long day, unsigned minute)
{
	char d[11];
	date_of(d, day > SPAN_DAYS ? SPAN_DAYS : day);
	snprintf(out, 21, "%sT%02u:%02u:00Z", d, 8 + minute / 60 % 10, minute % 60);
}

/* ---- indexes: dropped before the load, made again after ---- */

typedef struct index_list {
	size_t n;
	char *name[32], *sql[32];
} index_list;

static int index_row(db_stmt *s, void *arg)
{
	index_list *x = arg;
	if (x->n < COUNT(x->name)) {
		x->name[x->n] = strdup(db_col_text(s, 0));
		x->sql[x->n] = strdup(db_col_text(s, 1));
		if (!x->name[x->n] || !x->sql[x->n])
			return DB_NOMEM;
		x->n++;
	}
	return 0;
}

static void indexes_drop(db *d, index_list *x)
{
	static const char *const tables[] = {"cases", "people", "case_people", "places",
	                                     "selectors"};
	const char *q =
	    d->engine == DB_ENGINE_PG
	        ? "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
	          "current_schema() AND tablename = $1 AND indexdef NOT LIKE 'CREATE UNIQUE %'"
	        : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 "
	          "AND sql IS NOT NULL";
	for (size_t t = 0; t < COUNT(tables); t++) {
		const char *p[] = {tables[t]};
		if (db_each(d, q, 1, p, index_row, x) != DB_OK)
			fail(d, "reading the indexes");
	}
	for (size_t i = 0; i < x->n; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "DROP INDEX %s", x->name[i]);
		if (db_exec(d, sql) != DB_OK)
			fail(d, sql);
	}
}

static void indexes_make(db *d, index_list *x)
{
	for (size_t i = 0; i < x->n; i++) {
		int64_t t = clock_now_ms();
		if (db_exec(d, x->sql[i]) != DB_OK)
			fail(d, x->sql[i]);
		fprintf(stderr, "links: index %s in %.1f s\n", x->name[i],
		        (double)(clock_now_ms() - t) / 1000.0);
		free(x->name[i]);
		free(x->sql[i]);
	}
}

/* ---- the organisations, teams and authors ---- */

static void one_text(db *d, const char *sql, int n, const char *const *p, char *out, size_t len,
                     const char *what)
{
	if (db_get_text(d, sql, n, p, out, len) != DB_ROW) {
		fprintf(stderr, "links: %s (run waymark init and waymark demo first)\n", what);
		exit(1);
	}
}

static void run(db *d, const char *sql, int n, const char *const *p)
{
	if (db_run(d, sql, n, p) != DB_OK)
		fail(d, sql);
}

/* The team named in the organisation, made when missing. */
static void team_of(db *d, const char *org, const char *name, const char *tag, char *out)
{
	const char *p[] = {org, name};
	if (db_get_text(d, "SELECT id FROM teams WHERE org_id = $1 AND name = $2", 2, p, out, 64) ==
	    DB_ROW)
		return;
	char id[37];
	id_of(id, tag, 1);
	const char *q[] = {id, org, name};
	run(d,
	    "INSERT INTO teams (id, org_id, name, created_at) VALUES ($1, $2, $3, "
	    "'2023-01-01T00:00:00Z')",
	    3, q);
	snprintf(out, 64, "%s", id);
}

static void teams_make(db *d, world *w, const char *team_of_user)
{
	char org[64], home[64], author[64], second[64], fib[64], user[64];
	const char *p[] = {team_of_user};
	one_text(d, "SELECT org_id FROM users WHERE username = $1", 1, p, org, sizeof org,
	         "no such account");
	one_text(d, "SELECT team_id FROM users WHERE username = $1 AND team_id IS NOT NULL", 1, p,
	         home, sizeof home, "the account has no team");
	one_text(d, "SELECT id FROM users WHERE username = $1", 1, p, author, sizeof author,
	         "no such account");
	for (int t = 0; t < 4; t++) {
		if (t == 0)
			snprintf(w->team_id[0], 64, "%s", home);
		else {
			char tag[5];
			snprintf(tag, sizeof tag, "0f%02d", t);
			team_of(d, org, first_force_teams[t], tag, w->team_id[t]);
		}
		snprintf(w->author[t], 64, "%s", author);
	}
	/* The second force, its teams, and the account its rows are
	 * recorded by (disabled: nobody signs in as it). */
	const char *name[] = {"Bench Constabulary"};
	if (db_get_text(d, "SELECT id FROM orgs WHERE name = $1", 1, name, second, sizeof second) !=
	    DB_ROW) {
		char id[37];
		id_of(id, "0b0b", 1);
		const char *q[] = {id, name[0]};
		run(d,
		    "INSERT INTO orgs (id, name, kind, created_at) VALUES ($1, $2, 'force', "
		    "'2023-01-01T00:00:00Z')",
		    2, q);
		snprintf(second, sizeof second, "%s", id);
	}
	team_of(d, second, "Force Intelligence Bureau", "0b10", fib);
	const char *u[] = {"bench.fib"};
	if (db_get_text(d, "SELECT id FROM users WHERE username = $1", 1, u, user, sizeof user) !=
	    DB_ROW) {
		id_of(user, "0b11", 1);
		const char *q[] = {user, second, fib};
		run(d,
		    "INSERT INTO users (id, username, display_name, role, org_id, team_id, "
		    "password_hash, password_changed_at, disabled, created_at, updated_at) VALUES "
		    "($1, 'bench.fib', 'Bench Intelligence Officer', 'investigator', $2, $3, '!', "
		    "'2023-01-01T00:00:00Z', 1, '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z')",
		    3, q);
	}
	for (int t = 0; t < 4; t++) {
		char tag[5];
		snprintf(tag, sizeof tag, "0b%02d", 20 + t);
		team_of(d, second, second_force_teams[t], tag, w->team_id[4 + t]);
		snprintf(w->author[4 + t], 64, "%s", user);
	}
	/* Whom the other force calls about a match; the demo force's own is
	 * its administrator's to set (left as it is when set). */
	const char *q[] = {second, user};
	run(d,
	    "INSERT INTO deconfliction_contacts (org_id, role, contact, updated_by, updated_at) "
	    "SELECT $1, 'Force Intelligence Bureau, deconfliction desk', '01632 960123, "
	    "fib.deconfliction@bench.police.example', $2, '2023-01-01T00:00:00Z' WHERE NOT EXISTS "
	    "(SELECT 1 FROM deconfliction_contacts WHERE org_id = $1)",
	    2, q);
}

/* ---- the tables ---- */

static const char *const towns[] = {"Swindon", "Leeds",        "Bradford",      "Luton",
                                    "Slough",  "Peterborough", "Cardiff",       "Stoke",
                                    "Derby",   "Southampton",  "Wolverhampton", "Hull"};
static const char *const settings[] = {
    "car wash",    "nail bar", "cannabis grow", "farm labour",        "food factory",
    "county line", "brothel",  "construction",  "domestic servitude", "takeaway"};
static const char *const types[] = {"[\"labour\"]",
                                    "[\"sexual\"]",
                                    "[\"criminal\"]",
                                    "[\"labour\",\"criminal\"]",
                                    "[\"domestic_servitude\"]",
                                    "[\"labour\"]",
                                    "[\"criminal\"]",
                                    "[\"unknown\"]"};
static const char *const statuses[] = {
    "new",           "investigating", "investigating", "investigating", "investigating",
    "investigating", "investigating", "charging",      "charging",      "court"};

static void load_cases(db *d, const world *w)
{
	loader l;
	loader_init(&l, d, "cases",
	            "id, reference, title, summary, status, exploitation_types, county_lines, "
	            "offences, team_id, created_by, created_at, updated_at, search_text",
	            "0000001000000");
	for (uint32_t c = 0; c < w->ncases; c++) {
		char id[37], ref[24], title_[96], at[21], search[128];
		id_of(id, "0ca5", c);
		long day = case_day(w, c);
		char date[11];
		date_of(date, day);
		snprintf(ref, sizeof ref, "MS-%.4s-B%06u", date, c);
		size_t s = c % COUNT(settings);
		snprintf(title_, sizeof title_, "%s exploitation, %s", settings[s],
		         towns[c / 7 % COUNT(towns)]);
		title_[0] = (char)(title_[0] - 'a' + 'A');
		stamp(at, day, c % 600);
		snprintf(search, sizeof search, "%s %s", ref, title_);
		for (char *p = search; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		row_begin(&l);
		col_text(&l, id);
		col_text(&l, ref);
		col_text(&l, title_);
		col_text(&l, "");
		col_text(&l, statuses[c % COUNT(statuses)]);
		col_text(&l, types[c % COUNT(types)]);
		col_int(&l, s == 5);
		col_text(&l, "[]");
		col_text(&l, w->team_id[w->case_team[c]]);
		col_text(&l, w->author[w->case_team[c]]);
		col_text(&l, at);
		col_text(&l, at);
		col_text(&l, search);
		row_end(&l);
	}
	loader_done(&l);
}

static const char *const given_names[] = {
    "Arben",  "Besnik", "Dritan", "Elira",  "Ermal",  "Klodian", "Blerina", "Mirela",
    "Minh",   "Anh",    "Đức",    "Huy",    "Linh",   "Quang",   "Thành",   "Tuấn",
    "Hoa",    "Lan",    "Yonas",  "Tesfay", "Semhar", "Filmon",  "Ștefan",  "Ion",
    "Andrei", "Mihai",  "Florin", "Elena",  "Ioana",  "Piotr",   "Tomasz",  "Anna",
    "Jack",   "Oliver", "Kyle",   "Liam",   "Callum", "Chinedu", "Ngozi",   "Emeka"};
static const char *const family_names[] = {
    "Hoxha",   "Shehu",   "Berisha",     "Krasniqi", "Gashi",   "Leka",     "Dervishi", "Kola",
    "Marku",   "Nguyễn",  "Trần",        "Lê",       "Phạm",    "Hoàng",    "Phan",     "Vũ",
    "Đặng",    "Bùi",     "Tesfamariam", "Haile",    "Kidane",  "Berhane",  "Tekle",    "Popescu",
    "Ionescu", "Dumitru", "Stoica",      "Rusu",     "Nowak",   "Kowalski", "Smith",    "Jones",
    "Taylor",  "Brown",   "Williams",    "Okafor",   "Adeyemi", "Osman",    "Idris",    "Musa"};
static const char *const nationalities[] = {"[\"AL\"]", "[\"VN\"]", "[\"GB\"]", "[\"ER\"]",
                                            "[\"SD\"]", "[\"RO\"]", "[\"PL\"]", "[\"NG\"]",
                                            "[\"IN\"]", "[\"CN\"]", "[\"IQ\"]", "[\"AF\"]"};

static void load_people(db *d, const world *w)
{
	loader l;
	loader_init(&l, d, "people",
	            "id, given_names, family_name, aliases, date_of_birth, estimated_age, gender, "
	            "nationalities, languages, team_id, created_by, created_at, updated_at",
	            "0000010000000");
	for (uint32_t p = 0; p < w->npeople; p++) {
		char id[37], dob[11], at[21];
		id_of(id, "0be0", p);
		uint32_t c = w->person_case[p];
		int t = w->case_team[c];
		stamp(at, case_day(w, c), p % 600);
		row_begin(&l);
		col_text(&l, id);
		col_text(&l, given_names[p % COUNT(given_names)]);
		col_text(&l, family_names[p / COUNT(given_names) % COUNT(family_names)]);
		col_text(&l, "[]");
		if (p % 3 == 0) {
			snprintf(dob, sizeof dob, "%04u-%02u-%02u", 1970 + p % 40, 1 + p % 12,
			         1 + p % 28);
			col_text(&l, dob);
		} else {
			col_text(&l, NULL);
		}
		if (p % 3 == 1)
			col_int(&l, 14 + p % 40);
		else
			col_text(&l, NULL);
		col_text(&l, p % 5 == 4 ? NULL : p % 5 < 2 ? "male" : "female");
		col_text(&l, nationalities[p / 7 % COUNT(nationalities)]);
		col_text(&l, "[]");
		col_text(&l, w->team_id[t]);
		col_text(&l, w->author[t]);
		col_text(&l, at);
		col_text(&l, at);
		row_end(&l);
	}
	loader_done(&l);
}

static void load_parts(db *d, const world *w)
{
	loader l;
	loader_init(&l, d, "case_people", "id, case_id, person_id, role, created_by, created_at",
	            "000000");
	for (uint32_t p = 0; p < w->nparts; p++) {
		char id[37], cid[37], pid[37], at[21];
		uint32_t c = w->part_case[p];
		id_of(id, "0c90", p);
		id_of(cid, "0ca5", c);
		id_of(pid, "0be0", w->part_person[p]);
		stamp(at, case_day(w, c) + p % 20, p % 600);
		row_begin(&l);
		col_text(&l, id);
		col_text(&l, cid);
		col_text(&l, pid);
		col_text(&l, roles[w->part_role[p]]);
		col_text(&l, w->author[w->case_team[c]]);
		col_text(&l, at);
		row_end(&l);
	}
	loader_done(&l);
}

static const char *const place_kinds[] = {"exploitation", "exploitation", "recruitment", "transit"};

/* Places: 0 to 3 a case (0.95 on average), one in ten abroad without a
 * postcode; the postcodes come in groups as selectors do, more often
 * shared (a car wash several victims worked at). */
static size_t load_places(db *d, const world *w)
{
	uint32_t next = 3000000; /* clear of the postcode selectors' own */
	static const mix m = {2000, 50, 10, 60};
	picks pk;
	picks_make(w, &pk, (size_t)w->ncases * 95 / 100, 0, &m, &next);
	loader l;
	loader_init(&l, d, "places",
	            "id, case_id, kind, address, postcode, country, date_from, created_by, "
	            "created_at",
	            "000000000");
	for (size_t i = 0; i < pk.n; i++) {
		char id[37], cid[37], at[21], from[11], pc[9], addr[128];
		uint32_t c = pk.unit[i];
		id_of(id, "0a1a", i);
		id_of(cid, "0ca5", c);
		long day = case_day(w, c);
		stamp(at, day, (unsigned)(i % 600));
		date_of(from, day > 400 ? day - 400 + (long)(i % 300) : (long)(i % 300));
		int abroad = i % 10 == 9;
		row_begin(&l);
		col_text(&l, id);
		col_text(&l, cid);
		col_text(&l, abroad ? "recruitment" : place_kinds[i % COUNT(place_kinds)]);
		if (abroad) {
			col_text(&l, i % 20 == 9 ? "Tirana" : "Bucharest");
			col_text(&l, NULL);
			col_text(&l, i % 20 == 9 ? "AL" : "RO");
		} else {
			postcode(pk.value[i], pc);
			snprintf(addr, sizeof addr, "%u %s, %s", 1 + (unsigned)(pk.value[i] % 90),
			         streets[pk.value[i] / 90 % COUNT(streets)],
			         towns[pk.value[i] % COUNT(towns)]);
			col_text(&l, addr);
			col_text(&l, pc);
			col_text(&l, "GB");
		}
		col_text(&l, from);
		col_text(&l, w->author[w->case_team[c]]);
		col_text(&l, at);
		row_end(&l);
	}
	loader_done(&l);
	size_t n = pk.n;
	free(pk.unit);
	free(pk.value);
	free(pk.size);
	return n;
}

static const char *const contexts[] = {"Contact saved in a phone seized at arrest",
                                       "Given by the potential victim in interview",
                                       "On a payslip found at the address",
                                       "From a financial investigation (production order)",
                                       "In an online advert for work",
                                       "Seen on a vehicle at the car wash",
                                       "From a partner agency's referral",
                                       "Found on a document at the address"};

typedef struct selector_stats {
	size_t rows[NKINDS], values[NKINDS], unique, recurring, hub, sealed, graded, about;
} selector_stats;

static void load_selectors(db *d, const world *w, const seal_key *key, size_t total,
                           picks pk[NKINDS], uint32_t next[NKINDS], selector_stats *st)
{
	static const mix m = {800, 30, 20, 300};
	loader l;
	loader_init(&l, d, "selectors",
	            "id, case_id, kind, value, normalised, sealed_value, match_key, "
	            "about_person_id, source_evaluation, intelligence_assessment, handling_code, "
	            "context, created_by, created_at",
	            "00000000100000");
	buf written, sealed;
	buf_init(&written);
	buf_init(&sealed);
	size_t seq = 0;
	for (int k = 0; k < NKINDS; k++) {
		size_t n = total * kind_share[k] / 1000;
		picks_make(w, &pk[k], n, 1, &m, &next[k]);
		st->rows[k] = n;
		st->values[k] = next[k];
		for (size_t i = 0; i < n; i++, seq++) {
			char id[37], cid[37], pid[37], at[21], norm[320], text[340];
			char mk[SEAL_MATCH_HEX];
			uint32_t part = pk[k].unit[i], c = w->part_case[part];
			if (pk[k].size[i] == 1)
				st->unique++;
			else if (pk[k].size[i] <= 5)
				st->recurring++;
			else
				st->hub++;
			written.len = 0;
			if (written.data)
				written.data[0] = '\0';
			value_of(k, pk[k].value[i], rnd(), norm, sizeof norm, &written);
			snprintf(text, sizeof text, "%s\n%s", kind_names[k], norm);
			seal_match_key(key, text, mk);
			id_of(id, "05e1", seq);
			id_of(cid, "0ca5", c);
			stamp(at, case_day(w, c) + below(90), below(600));
			int is_sealed = below(50) == 0, graded = below(5) < 3,
			    about = below(100) < kind_about[k];
			const char *context = below(2) ? contexts[below(COUNT(contexts))] : NULL;
			char *box = NULL;
			if (is_sealed) {
				sealed.len = 0;
				if (sealed.data)
					sealed.data[0] = '\0';
				buf_puts(&sealed, "{\"value\":");
				buf_puts(&sealed, buf_str(&written));
				buf_puts(&sealed, ",\"normalised\":");
				json_str(&sealed, norm);
				if (context) {
					buf_puts(&sealed, ",\"context\":");
					json_str(&sealed, context);
				}
				buf_puts(&sealed, "}");
				box = seal_encrypt(key, buf_str(&sealed));
				if (!box || sealed.failed || written.failed) {
					fprintf(stderr, "links: out of memory\n");
					exit(1);
				}
				st->sealed++;
			}
			row_begin(&l);
			col_text(&l, id);
			col_text(&l, cid);
			col_text(&l, kind_names[k]);
			if (is_sealed) {
				col_text(&l, NULL);
				col_text(&l, NULL);
				col_text(&l, box);
			} else {
				col_text(&l, buf_str(&written));
				col_text(&l, norm);
				col_text(&l, NULL);
			}
			free(box);
			col_text(&l, mk);
			if (about) {
				id_of(pid, "0be0", w->part_person[part]);
				col_text(&l, pid);
				st->about++;
			} else {
				col_text(&l, NULL);
			}
			if (graded) {
				static const char assess[] = "ABBCCCDE";
				unsigned r = below(20);
				col_int(&l, r < 6 ? 1 : r < 17 ? 2 : 3);
				char a[2] = {assess[below(8)], '\0'};
				col_text(&l, a);
				col_text(&l, below(5) ? "P" : "C");
				st->graded++;
			} else {
				col_text(&l, NULL);
				col_text(&l, NULL);
				col_text(&l, NULL);
			}
			col_text(&l, is_sealed ? NULL : context);
			col_text(&l, w->author[w->case_team[c]]);
			col_text(&l, at);
			row_end(&l);
		}
		fprintf(stderr, "links: %zu %s selectors of %u values\n", n, kind_names[k],
		        next[k]);
	}
	loader_done(&l);
	buf_free(&written);
	buf_free(&sealed);
}

/* ---- what bench/links.sh asks for ---- */

enum { SAMPLE_CASES = 200 };

static void sample_write(const char *path, const world *w, picks pk[NKINDS],
                         const uint32_t next[NKINDS])
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	/* Cases of the user's team, drawn evenly: the first half to read,
	 * the second to record in, so that what the runs record does not
	 * grow the links and networks read. */
	uint32_t n0 = w->team_n[0];
	uint32_t *cases = grab(2 * SAMPLE_CASES, sizeof(uint32_t));
	for (int i = 0; i < 2 * SAMPLE_CASES; i++) {
		char id[37];
		int again;
		do {
			cases[i] = w->team_cases[0][below(n0)];
			again = 0;
			for (int j = 0; j < i && !again; j++)
				again = cases[j] == cases[i];
		} while (again && n0 > 2 * SAMPLE_CASES);
		if (i < SAMPLE_CASES) {
			id_of(id, "0ca5", cases[i]);
			fprintf(f, "case\t%s\n", id);
		}
	}
	/* Selectors to record in them, enough that a run never records one
	 * twice: half new values, half values already recorded in other
	 * cases (a tenth of those hubs); half about a potential victim of
	 * the case, a third graded, a third with context. */
	buf body, written;
	buf_init(&body);
	buf_init(&written);
	for (int i = 0; i < 40000; i++) {
		int k = (int)below(NKINDS);
		uint64_t v;
		if (i % 2 == 0) {
			v = next[k] + 1000000 + (uint64_t)i;
		} else {
			size_t j = below((uint32_t)pk[k].n);
			unsigned want_hub = below(10) == 0;
			for (int tries = 0; tries < 200; tries++) {
				uint32_t s = pk[k].size[j];
				if (s > 1 && (s > 5) == (int)want_hub)
					break;
				j = below((uint32_t)pk[k].n);
			}
			v = pk[k].value[j];
		}
		uint32_t c = cases[SAMPLE_CASES + below(SAMPLE_CASES)];
		char norm[320], cid[37];
		id_of(cid, "0ca5", c);
		written.len = 0;
		if (written.data)
			written.data[0] = '\0';
		value_of(k, v, rnd(), norm, sizeof norm, &written);
		body.len = 0;
		if (body.data)
			body.data[0] = '\0';
		buf_printf(&body, "{\"kind\":\"%s\",\"value\":%s", kind_names[k],
		           buf_str(&written));
		if (i % 4 < 2) {
			uint32_t from = w->case_first[c], to = w->case_first[c + 1];
			for (uint32_t p = from; p < to; p++)
				if (w->part_role[p] == ROLE_VICTIM) {
					char pid[37];
					id_of(pid, "0be0", w->part_person[p]);
					buf_printf(&body, ",\"about_person_id\":\"%s\"", pid);
					break;
				}
		}
		if (i % 3 == 0)
			buf_puts(&body,
			         ",\"grading\":{\"source_evaluation\":2,"
			         "\"intelligence_assessment\":\"B\",\"handling_code\":\"P\"}");
		if (i % 3 == 1)
			buf_printf(&body, ",\"context\":\"%s\"", contexts[i % COUNT(contexts)]);
		buf_puts(&body, "}");
		fprintf(f, "post\t%s\t%s\n", cid, buf_str(&body));
	}
	buf_free(&body);
	buf_free(&written);
	free(cases);
	if (fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void step_done(const char *what, size_t n, int64_t t)
{
	fprintf(stderr, "links: %zu %s in %.1f s\n", n, what,
	        (double)(clock_now_ms() - t) / 1000.0);
}

int main(int argc, char **argv)
{
	const char *url = "sqlite:build/bench/links.db", *key_path = getenv("WAYMARK_KEY_FILE"),
	           *team_user = "dc.jones", *out = "build/bench/links-sample.tsv";
	long people = 1000000, ncases = 250000, nselectors = 5000000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db"))
			url = argv[i + 1];
		else if (!strcmp(argv[i], "--people"))
			people = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--cases"))
			ncases = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--selectors"))
			nselectors = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--key-file"))
			key_path = argv[i + 1];
		else if (!strcmp(argv[i], "--team-of"))
			team_user = argv[i + 1];
		else if (!strcmp(argv[i], "--out"))
			out = argv[i + 1];
		else {
			fprintf(stderr, "links: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!key_path || !*key_path)
		key_path = "var/waymark.key";
	if (ncases < 10 || people < ncases || nselectors < 1000 || ncases > 50000000 ||
	    people > 200000000 || nselectors > 500000000) {
		fprintf(stderr, "links: want at least 10 cases, as many people as cases and 1,000 "
		                "selectors\n");
		return 2;
	}
	db *d;
	char err[256];
	if (db_open(url, 5000, &d, err, sizeof err) != DB_OK) {
		fprintf(stderr, "links: %s\n", err);
		return 1;
	}
	/* The server's key, checked against the database as the server
	 * checks it, or the match keys would match nothing it computes. */
	seal_key key;
	char check[256];
	if (seal_key_load(key_path, 0, &key, err, sizeof err) != 0) {
		fprintf(stderr, "links: %s\n", err);
		return 1;
	}
	char *plain = store_setting_get(d, "seal_check", check, sizeof check) == DB_ROW
	                  ? seal_decrypt(&key, check)
	                  : NULL;
	if (!plain || strcmp(plain, "waymark sealed-field key check") != 0) {
		fprintf(stderr, "links: %s is not this database's key\n", key_path);
		return 1;
	}
	free(plain);
	char first[37], seen[64];
	id_of(first, "0ca5", 0);
	const char *fp[] = {first};
	if (db_get_text(d, "SELECT id FROM cases WHERE id = $1", 1, fp, seen, sizeof seen) ==
	    DB_ROW) {
		fprintf(stderr, "links: the database is seeded already\n");
		return 1;
	}
	if (d->engine == DB_ENGINE_SQLITE &&
	    db_exec(d, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000") != DB_OK)
		fail(d, "pragma");

	unsigned bad = values_check();
	if (bad) {
		fprintf(stderr, "links: %u values of 32,000 miss their normal form\n", bad);
		return 1;
	}
	int64_t t0 = clock_now_ms(), t = t0;
	world w;
	memset(&w, 0, sizeof w);
	world_build(&w, (uint32_t)ncases, (uint32_t)people);
	step_done("people in cases drawn", w.npeople, t);

	if (db_begin(d) != DB_OK)
		fail(d, "begin");
	teams_make(d, &w, team_user);
	index_list x = {0};
	indexes_drop(d, &x);
	t = clock_now_ms();
	load_cases(d, &w);
	step_done("cases", w.ncases, t);
	t = clock_now_ms();
	load_people(d, &w);
	step_done("people", w.npeople, t);
	t = clock_now_ms();
	load_parts(d, &w);
	step_done("parts in cases", w.nparts, t);
	t = clock_now_ms();
	size_t nplaces = load_places(d, &w);
	step_done("places", nplaces, t);
	t = clock_now_ms();
	picks pk[NKINDS];
	uint32_t next[NKINDS] = {0};
	selector_stats st = {0};
	load_selectors(d, &w, &key, (size_t)nselectors, pk, next, &st);
	size_t nsel = 0, nvalues = 0;
	for (int k = 0; k < NKINDS; k++) {
		nsel += st.rows[k];
		nvalues += st.values[k];
	}
	step_done("selectors", nsel, t);
	if (db_commit(d) != DB_OK)
		fail(d, "commit");
	t = clock_now_ms();
	indexes_make(d, &x);
	if (d->engine == DB_ENGINE_PG &&
	    db_exec(d, "ANALYZE cases; ANALYZE people; ANALYZE case_people; ANALYZE places; "
	               "ANALYZE selectors") != DB_OK)
		fail(d, "analyze");
	step_done("indexes made", x.n, t);
	sample_write(out, &w, pk, next);
	fprintf(stderr,
	        "links: %u people (%u parts) in %u cases (%u of the user's team), %zu places, "
	        "%zu selectors of %zu values: %.1f%% of them unique, %.1f%% recurring in 2-5 "
	        "cases, %.1f%% on hubs of 20-300; %.1f%% about a person, %.1f%% graded, %.1f%% "
	        "sealed; in %.1f s\n",
	        w.npeople, w.nparts, w.ncases, w.team_n[0], nplaces, nsel, nvalues,
	        100.0 * (double)st.unique / (double)nsel,
	        100.0 * (double)st.recurring / (double)nsel, 100.0 * (double)st.hub / (double)nsel,
	        100.0 * (double)st.about / (double)nsel, 100.0 * (double)st.graded / (double)nsel,
	        100.0 * (double)st.sealed / (double)nsel, (double)(clock_now_ms() - t0) / 1000.0);
	seal_key_wipe(&key);
	db_close(d);
	return 0;
}
