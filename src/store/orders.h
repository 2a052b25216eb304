/* Slavery and Trafficking Prevention and Risk Orders against a person, and
 * their breaches. */
#ifndef WAYMARK_STORE_ORDERS_H
#define WAYMARK_STORE_ORDERS_H

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

typedef struct order_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	const char *person_name; /* given and family names, on reads */
	const char *kind, *court, *applicant, *made_on, *expires_on; /* expires_on NULL: until further order */
	const char *prohibitions; /* JSON array text */
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	int breaches; /* on reads: how many are recorded */
} order_rec;

/* Inserts o; fills id and created_at. */
int store_order_add(db *d, order_rec *o);
/* DB_ROW (strings in a), or DB_DONE. */
int store_order_get(db *d, arena *a, const char *id, order_rec *o);
int store_orders_by_case(db *d, arena *a, const char *case_id, int (*fn)(const order_rec *o, void *arg),
			 void *arg);

typedef struct breach_rec {
	char id[SECURE_ID_LEN];
	char order_id[SECURE_ID_LEN];
	const char *occurred_on, *summary, *crime_reference;
	char created_by[SECURE_ID_LEN];
	const char *created_by_name; /* on reads */
	char created_at[32];
} breach_rec;

int store_breach_add(db *d, breach_rec *b);
int store_breaches_by_order(db *d, arena *a, const char *order_id,
			    int (*fn)(const breach_rec *b, void *arg), void *arg);

#endif
