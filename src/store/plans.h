/* Safeguarding plans, their risks, actions and notes (the rules are in
 * domain/safeguarding.h). */
#ifndef WAYMARK_STORE_PLANS_H
#define WAYMARK_STORE_PLANS_H

#include "lib/arena.h"
#include "lib/secure.h"
#include "store/db.h"

typedef struct plan_rec {
	char id[SECURE_ID_LEN];
	char case_id[SECURE_ID_LEN];
	char link_id[SECURE_ID_LEN];
	char person_id[SECURE_ID_LEN];
	const char *review_on;
	const char *agencies; /* JSON array text */
	const char *la_org_id, *la_org_name;
	int strategy_days;
	const char *la_told_on, *strategy_on, *strategy_outcome, *s47_on, *s47_outcome;
	const char *conference_on, *conference_outcome, *core_group_on, *last_review_on, *plan_ended_on;
	const char *strategy_due, *conference_due, *core_group_due, *review_due;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	char updated_at[32];
	int64_t version;
} plan_rec;

/* DB_CONSTRAINT when the part has a plan already. */
int store_plan_add(db *d, plan_rec *p);
/* DB_ROW, or DB_DONE when there is none. */
int store_plan_get(db *d, arena *a, const char *id, plan_rec *p);
/* The plan of a part in a case: DB_ROW, or DB_DONE. */
int store_plan_of_link(db *d, arena *a, const char *link_id, plan_rec *p);
/* Writes every field if p->version is still current: DB_OK (version moves
 * on), DB_DONE when stale. */
int store_plan_update(db *d, plan_rec *p);
/* Calls fn with the part (link) and plan id of each plan kept in the case;
 * a non-zero answer from fn stops there and is returned. */
int store_plans_of_case(db *d, const char *case_id, int (*fn)(const char *link_id, const char *plan_id, void *arg),
			void *arg);

typedef struct risk_rec {
	char id[SECURE_ID_LEN];
	char plan_id[SECURE_ID_LEN];
	const char *description, *level;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	char updated_at[32];
} risk_rec;

int store_risk_add(db *d, risk_rec *r);
/* Changes a risk of the plan: DB_OK, or DB_DONE when it has no such risk. */
int store_risk_update(db *d, const char *plan_id, const char *risk_id, const char *description, const char *level);
int store_risks(db *d, arena *a, const char *plan_id, int (*fn)(const risk_rec *r, void *arg), void *arg);

typedef struct action_rec {
	char id[SECURE_ID_LEN];
	char plan_id[SECURE_ID_LEN];
	const char *description;
	char owner_org_id[SECURE_ID_LEN];
	const char *owner_org_name; /* read */
	const char *owner_name, *due_on, *status;
	char created_by[SECURE_ID_LEN];
	char created_at[32];
	char updated_by[SECURE_ID_LEN];
	const char *updated_by_name; /* read */
	char updated_at[32];
	int64_t version;
} action_rec;

int store_action_add(db *d, action_rec *a);
/* DB_ROW, or DB_DONE when the plan has no such action. */
int store_action_get(db *d, arena *a, const char *plan_id, const char *id, action_rec *out);
/* Writes status and due_on if a->version is current: DB_OK, or DB_DONE. */
int store_action_update(db *d, action_rec *a);
int store_actions(db *d, arena *a, const char *plan_id, int (*fn)(const action_rec *r, void *arg), void *arg);

typedef struct plan_note_rec {
	char id[SECURE_ID_LEN];
	char plan_id[SECURE_ID_LEN];
	const char *text;
	char org_id[SECURE_ID_LEN];
	const char *org_name, *author; /* read */
	char created_by[SECURE_ID_LEN];
	char created_at[32];
} plan_note_rec;

int store_plan_note_add(db *d, plan_note_rec *n);
int store_plan_notes(db *d, arena *a, const char *plan_id, int (*fn)(const plan_note_rec *n, void *arg),
		     void *arg);

/* The organisation's working days for a strategy discussion (1 when it
 * has set none). */
int store_strategy_days(db *d, const char *org_id, int *days);
/* Sets them, keeping the organisation's other settings (a new row requires
 * a second factor of every role, as no setting does). */
int store_strategy_days_set(db *d, const char *org_id, int days);

#endif
