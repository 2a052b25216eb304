/* Synthetic casework for the demo: a few hundred cases over three years and
 * about a thousand people, every name invented from common names of each
 * nationality, with the NRM's mix of nationalities, ages and exploitation. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/person_names.h"
#include "cli/cli.h"
#include "domain/names.h"
#include "domain/text.h"
#include "domain/vocab.h"
#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "store/audit.h"
#include "store/case_items.h"
#include "store/cases.h"
#include "store/people.h"

/* A small deterministic generator, so every demo database looks the same. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

static int pick(int n)
{
	return (int)(rnd() % (uint32_t)n);
}

#define PICK(arr) (arr)[pick((int)(sizeof(arr) / sizeof((arr)[0])))]

typedef struct nation {
	const char *code;
	int weight;
	const char *lang;
	const char *given[12];
	const char *family[12];
} nation;

/* Weights follow the NRM's most common nationalities. */
static const nation nations[] = {
	{"GB", 26, "en", {"Jack", "Oliver", "Harry", "Charlie", "Amelia", "Olivia", "Chloe", "Kyle", "Liam", "Callum", "Ellie", "Jordan"},
	 {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Davies", "Roberts", "Walker", "Hughes", "Price"}},
	{"AL", 16, "sq", {"Arben", "Besnik", "Dritan", "Elira", "Ermal", "Klodian", "Erjon", "Blerina", "Mirela", "Gentian", "Arjan", "Fatjon"},
	 {"Hoxha", "Shehu", "Berisha", "Krasniqi", "Gashi", "Leka", "Dervishi", "Kola", "Marku", "Rama", "Bajrami", "Hysa"}},
	{"VN", 8, "vi", {"Minh", "Anh", "Đức", "Huy", "Linh", "Quang", "Thành", "Tuấn", "Hoa", "Lan", "Văn Nam", "Thị Mai"},
	 {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"}},
	{"ER", 6, "ti", {"Yonas", "Tesfay", "Semhar", "Abraham", "Daniel", "Helen", "Filmon", "Kibrom", "Mehari", "Senait", "Robel", "Selam"},
	 {"Tesfamariam", "Ghebremedhin", "Haile", "Kidane", "Berhane", "Tekle", "Gebru", "Woldu", "Asfaha", "Habte", "Zerai", "Mebrahtu"}},
	{"SD", 6, "ar-SD", {"Mohammed", "Ahmed", "Osman", "Abdelrahman", "Ibrahim", "Yousif", "Hassan", "Fatima", "Amna", "Khalid", "Mustafa", "Omer"},
	 {"Ali", "Abdalla", "Mohamed", "Osman", "Idris", "Adam", "Hamid", "Musa", "Babiker", "Elamin", "Yagoub", "Hussein"}},
	{"RO", 8, "ro", {"Ștefan", "Ion", "Andrei", "Mihai", "Florin", "Elena", "Ioana", "Gheorghe", "Alexandru", "Maria", "Cristian", "Adrian"},
	 {"Popescu", "Ionescu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Rusu", "Munteanu", "Matei", "Constantin", "Ciobanu", "Lazăr"}},
	{"IN", 5, "hi", {"Rahul", "Amit", "Priya", "Suresh", "Vijay", "Anjali", "Ravi", "Deepak", "Sunita", "Manoj", "Kavita", "Arjun"},
	 {"Singh", "Kumar", "Sharma", "Patel", "Reddy", "Das", "Gupta", "Verma", "Nair", "Yadav", "Mishra", "Rao"}},
	{"AF", 4, "ps", {"Ahmad", "Mohammad", "Ali", "Hamid", "Zahra", "Farid", "Abdul", "Rahim", "Nasir", "Karim", "Sayed", "Wahid"},
	 {"Ahmadi", "Karimi", "Rahimi", "Hakimi", "Safi", "Noori", "Popal", "Stanikzai", "Sultani", "Azizi", "Amiri", "Haidari"}},
	{"PL", 4, "pl", {"Piotr", "Krzysztof", "Anna", "Tomasz", "Marek", "Katarzyna", "Paweł", "Agnieszka", "Michał", "Łukasz", "Joanna", "Jan"},
	 {"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur"}},
	{"CN", 3, "zh", {"Wei", "Fang", "Jun", "Mei", "Hui", "Lei", "Xiu", "Ming", "Jing", "Yan", "Tao", "Ling"},
	 {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"}},
	{"NG", 3, "en", {"Chinedu", "Oluwaseun", "Ngozi", "Emeka", "Blessing", "Adebayo", "Chioma", "Tunde", "Ifeoma", "Segun", "Funmilayo", "Obinna"},
	 {"Okafor", "Adeyemi", "Okonkwo", "Eze", "Balogun", "Nwosu", "Olawale", "Ibrahim", "Obi", "Adeleke", "Uche", "Afolabi"}},
};

static const nation *pick_nation(void)
{
	int total = 0;
	for (size_t i = 0; i < sizeof nations / sizeof nations[0]; i++)
		total += nations[i].weight;
	int r = pick(total);
	for (size_t i = 0; i < sizeof nations / sizeof nations[0]; i++) {
		if (r < nations[i].weight)
			return &nations[i];
		r -= nations[i].weight;
	}
	return &nations[0];
}

static const char *const postcodes[] = {"SN1 2JH", "SN2 1DL", "SN15 3BP", "BA14 8AA", "BA12 9BT",
					 "SP1 1BN", "SP4 7DE", "SN10 1HU", "SN11 0AB", "BA13 3JT"};
static const char *const places[] = {"Car wash, Station Road", "Nail bar, High Street",
				      "Farm, Chapel Lane", "Takeaway, Market Place",
				      "House of multiple occupation, Victoria Road",
				      "Factory unit, Industrial Estate", "Flat, Queens Road",
				      "Hotel, London Road"};

typedef struct demo {
	db *d;
	arena *a;
	const char *author;
	const char *teams[2];
	int cases, people, links;
} demo;

static int make_person(demo *g, const nation *n, int child, int year, char id[SECURE_ID_LEN])
{
	person_rec p = {0};
	char given[64], family[64], dob[32], nat[16], lang[32];
	snprintf(given, sizeof given, "%s", PICK(n->given));
	snprintf(family, sizeof family, "%s", PICK(n->family));
	p.given_names = given;
	p.family_name = family;
	p.aliases = "[]";
	char alias[96];
	if (pick(6) == 0) { /* some are known by another spelling or a street name */
		snprintf(alias, sizeof alias, "[\"%s %s\"]", PICK(n->given), family);
		p.aliases = alias;
	}
	int age = child ? 13 + pick(5) : 18 + pick(35);
	if (pick(4) == 0) {
		p.date_of_birth = NULL;
		p.estimated_age = age;
		p.age_disputed = !child && age < 22 && pick(3) == 0;
	} else {
		snprintf(dob, sizeof dob, "%04d-%02d-%02d", year - age, 1 + pick(12), 1 + pick(28));
		p.date_of_birth = dob;
		p.estimated_age = -1;
	}
	p.gender = pick(10) < 7 ? "male" : "female";
	snprintf(nat, sizeof nat, "[\"%s\"]", n->code);
	snprintf(lang, sizeof lang, "[\"%s\"]", n->lang);
	p.nationalities = nat;
	p.languages = lang;
	p.interpreter_needed = strcmp(n->code, "GB") != 0 && strcmp(n->code, "NG") != 0 && pick(3) != 0;
	p.interpreter_language = p.interpreter_needed ? n->lang : NULL;
	snprintf(p.created_by, sizeof p.created_by, "%s", g->author);
	static name_index ix;
	person_name_index(&p, &ix);
	int rc = store_person_create(g->d, &p, &ix);
	if (rc == DB_OK) {
		memcpy(id, p.id, SECURE_ID_LEN);
		g->people++;
	}
	return rc;
}

static int link(demo *g, const char *case_id, const char *person_id, const char *role, char out[SECURE_ID_LEN])
{
	case_person_rec cp = {0};
	snprintf(cp.case_id, sizeof cp.case_id, "%s", case_id);
	snprintf(cp.person_id, sizeof cp.person_id, "%s", person_id);
	cp.role = role;
	int rc = store_case_person_add(g->d, &cp, g->author);
	if (rc == DB_OK) {
		memcpy(out, cp.id, SECURE_ID_LEN);
		g->links++;
	}
	return rc;
}

static const char *indicators_for(const char *type, int child)
{
	static const char *const labour[] = {"documents_withheld", "debt_bondage", "lives_at_workplace",
					      "little_or_no_pay", "exhaustion", "false_promises"};
	static const char *const sexual[] = {"fearful", "restricted_movement", "threatened",
					      "spoken_for", "isolated", "branding"};
	static const char *const criminal[] = {"forced_criminality", "threatened", "debt_bondage",
						"attached_to_exploiter", "distrust_of_authorities",
						"repeatedly_missing"};
	static const char *const domestic[] = {"isolated", "restricted_movement", "little_or_no_pay",
						"malnourished", "documents_withheld", "fear_of_deportation"};
	if (strcmp(type, "criminal") == 0)
		return child ? criminal[pick(6)] : criminal[pick(5)];
	if (strcmp(type, "sexual") == 0)
		return PICK(sexual);
	if (strcmp(type, "domestic_servitude") == 0)
		return PICK(domestic);
	return PICK(labour);
}

static int make_case(demo *g, int year, char suspects[][SECURE_ID_LEN], int *nsuspects)
{
	int child = pick(100) < 44; /* about 44% of referrals are children */
	const char *type;
	int r = pick(100);
	if (child)
		type = r < 60 ? "criminal" : r < 82 ? "sexual" : r < 94 ? "labour" : "unknown";
	else
		type = r < 42 ? "labour" : r < 66 ? "sexual" : r < 84 ? "criminal" :
		       r < 95 ? "domestic_servitude" : "unknown";
	const nation *n = pick_nation();
	int county = strcmp(type, "criminal") == 0 && child && pick(3) != 0;
	char title[200], summary[600], types[64], created[CLOCK_ISO_LEN];
	const char *where = PICK(places);
	snprintf(title, sizeof title, "%s%s, %s", county ? "County line: " : "",
		 strcmp(type, "labour") == 0 ? "Labour exploitation" :
		 strcmp(type, "sexual") == 0 ? "Sexual exploitation" :
		 strcmp(type, "criminal") == 0 ? "Criminal exploitation" :
		 strcmp(type, "domestic_servitude") == 0 ? "Domestic servitude" : "Concern for welfare",
		 where);
	snprintf(summary, sizeof summary,
		 "Synthetic demo case. Report received about %s at %s; %s victims believed to be %s "
		 "nationals.",
		 child ? "young people" : "adults", where, child ? "child" : "adult", n->code);
	snprintf(types, sizeof types, "[\"%s\"]", type);
	int64_t day = 86400000LL;
	int64_t start = clock_now_ms() - (int64_t)(2026 - year) * 365 * day;
	clock_iso(start - (int64_t)pick(330) * day, created);
	int age_days = (int)((clock_now_ms() - start) / day);
	case_rec c = {0};
	c.title = title;
	c.summary = summary;
	c.status = age_days > 500 ? "closed" : age_days > 200 ? (pick(2) ? "court" : "charging")
				  : pick(3) ? "investigating" : "new";
	c.outcome = strcmp(c.status, "closed") == 0
			    ? (pick(3) ? "Charged and convicted" : "No further action: victims safeguarded")
			    : NULL;
	c.exploitation_types = types;
	c.offences = pick(2) ? "{\"codes\":[\"msa_s1\"],\"other\":null}"
			     : "{\"codes\":[\"msa_s1\",\"msa_s2\"],\"other\":null}";
	c.county_lines = county;
	snprintf(c.team_id, sizeof c.team_id, "%s", g->teams[pick(10) < 8 ? 0 : 1]);
	snprintf(c.created_by, sizeof c.created_by, "%s", g->author);
	memcpy(c.created_at, created, sizeof created);
	buf search;
	buf_init(&search);
	text_fold(title, &search);
	buf_puts(&search, " ");
	text_fold(summary, &search);
	int rc = search.failed ? DB_NOMEM : store_case_create(g->d, &c, year, buf_str(&search));
	buf_free(&search);
	if (rc != DB_OK)
		return rc;
	g->cases++;
	int victims = 1 + pick(3);
	for (int v = 0; v < victims && rc == DB_OK; v++) {
		char pid[SECURE_ID_LEN], lid[SECURE_ID_LEN], iid[SECURE_ID_LEN];
		/* Some victims were first met as suspects in another case (s45). */
		if (*nsuspects > 0 && pick(12) == 0)
			memcpy(pid, suspects[pick(*nsuspects)], SECURE_ID_LEN);
		else
			rc = make_person(g, pick(4) ? n : pick_nation(), child, year, pid);
		if (rc == DB_OK)
			rc = link(g, c.id, pid, "potential_victim", lid);
		/* Distinct codes: a refused insert would end a PostgreSQL transaction. */
		const char *drawn[6];
		int k = 2 + pick(4), nd = 0;
		for (int i = 0; i < k && rc == DB_OK; i++) {
			const char *code = indicators_for(type, child);
			int seen = 0;
			for (int j = 0; j < nd; j++)
				seen |= strcmp(drawn[j], code) == 0;
			if (seen)
				continue;
			drawn[nd++] = code;
			rc = store_indicator_add(g->d, lid, code, NULL, g->author, iid);
		}
	}
	int ns = pick(3);
	for (int s = 0; s < ns && rc == DB_OK; s++) {
		char pid[SECURE_ID_LEN], lid[SECURE_ID_LEN];
		rc = make_person(g, pick(3) ? n : &nations[0], 0, year, pid);
		if (rc == DB_OK)
			rc = link(g, c.id, pid, "suspect", lid);
		if (rc == DB_OK && *nsuspects < 400)
			memcpy(suspects[(*nsuspects)++], pid, SECURE_ID_LEN);
	}
	if (rc == DB_OK && pick(3) == 0) {
		char pid[SECURE_ID_LEN], lid[SECURE_ID_LEN];
		rc = make_person(g, &nations[0], 0, year, pid);
		if (rc == DB_OK)
			rc = link(g, c.id, pid, "witness", lid);
	}
	place_rec pl = {.case_id = c.id, .kind = "exploitation", .address = where,
			.postcode = PICK(postcodes)};
	if (rc == DB_OK)
		rc = store_place_add(g->d, &pl, g->author);
	if (rc == DB_OK && strcmp(n->code, "GB") != 0) {
		place_rec rp = {.case_id = c.id, .kind = "recruitment", .country = n->code};
		rc = store_place_add(g->d, &rp, g->author);
	}
	return rc;
}

int demo_casework(db *d, const char *author_id, const char *emt, const char *cid, int *ncases,
		  int *npeople)
{
	int64_t existing = 0;
	int rc = store_case_count(d, &existing);
	*ncases = *npeople = 0;
	if (rc != DB_OK || existing > 0)
		return rc;
	demo g = {.d = d, .author = author_id, .teams = {emt, cid}};
	static char suspects[400][SECURE_ID_LEN];
	int nsuspects = 0;
	static const int per_year[] = {2024, 90, 2025, 110, 2026, 100};
	for (int y = 0; y < 3 && rc == DB_OK; y++) {
		for (int i = 0; i < per_year[2 * y + 1] && rc == DB_OK; i++) {
			if ((rc = db_begin(d)) != DB_OK)
				break;
			rc = make_case(&g, per_year[2 * y], suspects, &nsuspects);
			if (rc == DB_OK)
				rc = db_commit(d);
			else
				db_rollback(d);
		}
	}
	if (rc == DB_OK) {
		char detail[128];
		snprintf(detail, sizeof detail, "{\"cases\":%d,\"people\":%d}", g.cases, g.people);
		audit_fields f = {.actor = cli_actor(), .action = "demo_data_loaded", .detail = detail};
		rc = store_audit_append(d, &f);
	}
	*ncases = g.cases;
	*npeople = g.people;
	return rc;
}
