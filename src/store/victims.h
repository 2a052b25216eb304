/* The Victims' Code records: key events, the updates they make due, the
 * contact log, and each victim's care (single point of contact, strategy,
 * Victim Personal Statement offer). */
#ifndef WAYMARK_STORE_VICTIMS_H
#define WAYMARK_STORE_VICTIMS_H

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

typedef struct event_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	const char *kind, *occurred_on, *note;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
} event_rec;

int store_case_event_add(db *d, event_rec *e);
/* Calls fn with each potential victim's link in the case. */
int store_case_victim_links(db *d, const char *case_id, int (*fn)(const char *link_id, void *arg),
			    void *arg);
int store_update_due_add(db *d, const char *case_id, const char *link_id, const char *event_id,
			 const char *due_on);

typedef struct contact_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char link_id[SECURE_ID_LEN];
	const char *contacted_on, *method, *language, *interpreter, *summary;
	int is_update;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
} contact_rec;

/* Logs the contact; an update closes the link's open update-due items
 * (closed counts them). */
int store_contact_add(db *d, contact_rec *c, int *closed);

typedef struct care_rec {
	char link_id[SECURE_ID_LEN];
	const char *spoc_name, *spoc_kind, *strategy, *vps_offered_on;
	int vps_offered; /* -1 not recorded */
} care_rec;

int store_care_put(db *d, const care_rec *c, const char *actor_id);

/* For the case page: each row's link_id says whose it is. */
typedef struct victim_item {
	const char *what; /* "care", "contact", "service", "update_due" */
	const char *link_id;
	const char *a, *b, *c, *d; /* care: spoc_name, spoc_kind, strategy, vps_offered_on;
				      update_due: due_on, event kind, event day, -;
				      contact: contacted_on, method, summary, is_update ("1"/"0");
				      service: the referral's id, status, the
				      service's name (or the provider's), respond_by */
	int flag;		   /* care: vps_offered (-1 unknown) */
} victim_item;
int store_victim_items(db *d, const char *case_id, int (*fn)(const victim_item *v, void *arg), void *arg);

#endif
