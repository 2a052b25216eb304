/* The demo's invented people: a deterministic generator and the names of
 * the nationalities most often referred to the NRM. */
#include <stdint.h>

#include "cli/demo.h"

/* A small deterministic generator, so every demo database looks the same. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

int demo_pick(int n)
{
	return (int)(rnd() % (uint32_t)n);
}


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

const nation *demo_nation(void)
{
	int total = 0;
	for (size_t i = 0; i < sizeof nations / sizeof nations[0]; i++)
		total += nations[i].weight;
	int r = demo_pick(total);
	for (size_t i = 0; i < sizeof nations / sizeof nations[0]; i++) {
		if (r < nations[i].weight)
			return &nations[i];
		r -= nations[i].weight;
	}
	return &nations[0];
}


const nation *demo_home_nation(void)
{
	return &nations[0];
}
