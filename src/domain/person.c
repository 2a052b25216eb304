#include "domain/person.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int date_parse(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (*y < 1800 || *m < 1 || *m > 12 || *d < 1)
		return -1;
	int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	int max = days[*m - 1] + (*m == 2 && leap);
	return *d <= max ? 0 : -1;
}

int age_on(const char *dob, const char *on)
{
	int by, bm, bd, y, m, d;
	if (date_parse(dob, &by, &bm, &bd) != 0 || date_parse(on, &y, &m, &d) != 0)
		return -1;
	int age = y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);
	return age < 0 ? -1 : age;
}

int presumed_child(const char *dob, int estimated_age, int age_disputed, const char *on)
{
	if (age_disputed)
		return 1;
	if (dob && dob[0]) {
		int a = age_on(dob, on);
		return a >= 0 && a < 18;
	}
	return estimated_age >= 0 && estimated_age < 18;
}

static const char ISO3166[] =
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO "
	"BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ "
	"DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP "
	"GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG "
	"KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML "
	"MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE "
	"PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL "
	"SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM "
	"US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK";

int nationality_valid(const char *code)
{
	if (strlen(code) != 2 || !isupper((unsigned char)code[0]) || !isupper((unsigned char)code[1]))
		return 0;
	for (size_t i = 0; i + 1 < sizeof ISO3166; i += 3)
		if (ISO3166[i] == code[0] && ISO3166[i + 1] == code[1])
			return 1;
	return 0;
}

int language_tag_valid(const char *tag)
{
	size_t n = strlen(tag);
	if (n < 2 || n > 35)
		return 0;
	const char *p = tag;
	int first = 1;
	while (*p) {
		size_t len = strcspn(p, "-");
		if (first) {
			if (len < 2 || len > 3)
				return 0;
			for (size_t i = 0; i < len; i++)
				if (!isalpha((unsigned char)p[i]))
					return 0;
		} else {
			if (len < 1 || len > 8)
				return 0;
			for (size_t i = 0; i < len; i++)
				if (!isalnum((unsigned char)p[i]))
					return 0;
		}
		first = 0;
		p += len;
		if (*p == '-') {
			p++;
			if (!*p)
				return 0;
		}
	}
	return 1;
}

int gender_valid(const char *g)
{
	return strcmp(g, "female") == 0 || strcmp(g, "male") == 0 || strcmp(g, "other") == 0 ||
	       strcmp(g, "unknown") == 0;
}
