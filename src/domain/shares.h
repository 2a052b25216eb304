/* Sharing a victim's information with a partner organisation: what may be
 * shared, for which purpose, on which lawful basis, for how long; and the
 * victim's consent that a consent-based share rests on. The rules are
 * here, as a table; the store keeps the shares and the API applies them.
 *
 * Adults share on consent, for stated purposes, and may withdraw it;
 * children's information is shared for safeguarding without consent
 * (Children Act 1989 s47); vital interests and a legal duty are the other
 * lawful bases, and each of those three needs a reason written down. Each
 * share names the least that serves its purpose and ends: at most twelve
 * months ahead, at midnight at the end of its last day. */
#ifndef WAYMARK_DOMAIN_SHARES_H
#define WAYMARK_DOMAIN_SHARES_H

#include <stddef.h>

#include "domain/workdays.h"

/* What a share may name. Never sealed fields, suspects, other people in
 * the case, notes or the investigation: there is no section for them. */
typedef enum {
	SECTION_IDENTITY,          /* name, date of birth or age, languages, interpreter, safe contact */
	SECTION_VICTIM_CONTEXT,    /* relationship to the trafficker, recruitment, control, exploitation */
	SECTION_NRM,               /* the NRM referrals' status and dates */
	SECTION_SAFEGUARDING_PLAN, /* the plan's actions and review */
	SECTION_RISKS,             /* the plan's risks and their levels */
	SECTION_CONTACTS,          /* the victim's named contact at the force */
	SECTION_MISSING,           /* their missing episodes, returns and return home interviews */
	SECTION_COUNT
} share_section;

typedef enum {
	BASIS_CONSENT,
	BASIS_CHILD_SAFEGUARDING, /* Children Act 1989 s47: a child, without consent */
	BASIS_VITAL_INTERESTS,
	BASIS_LEGAL_DUTY,
	BASIS_COUNT
} share_basis;

/* The purposes a victim consents to, and a share is for. */
typedef enum {
	PURPOSE_SAFEGUARDING,
	PURPOSE_SUPPORT,
	PURPOSE_IMMIGRATION_ADVICE,
	PURPOSE_HOUSING,
	PURPOSE_COUNT
} share_purpose;

/* The API's codes ("identity", "child_safeguarding", "immigration_advice")
 * and the words people read. */
const char *share_section_code(share_section s);
const char *share_basis_code(share_basis b);
const char *share_purpose_code(share_purpose p);
const char *share_section_label(share_section s);
const char *share_basis_label(share_basis b);
const char *share_purpose_label(share_purpose p);
/* The value of a code, or -1 when it names none. */
int share_section_of(const char *code);
int share_basis_of(const char *code);
int share_purpose_of(const char *code);

/* How consent was asked, and through whom. */
int share_consent_method_ok(const char *method);      /* written, verbal, easy_read */
int share_consent_interpreter_ok(const char *interp); /* none, in_person, telephone, video */

/* A share asked for, as the rules read it. */
typedef struct share_ask {
	share_basis basis;
	share_purpose purpose;
	int has_reason;          /* a reason is written */
	int child;               /* the person is presumed a child today */
	unsigned consented;      /* the purposes the victim's live consent covers (bits of 1u << purpose) */
	const char *today;       /* YYYY-MM-DD */
	const char *expires_on;  /* YYYY-MM-DD: the last day the share is live */
} share_ask;

typedef enum {
	SHARE_OK,
	SHARE_NO_CONSENT,       /* basis consent, and no live consent covers the purpose */
	SHARE_REASON_NEEDED,    /* a basis other than consent, and no reason */
	SHARE_NOT_A_CHILD,      /* child safeguarding for someone not presumed a child */
	SHARE_EXPIRY_INVALID,   /* expires_on not a real date */
	SHARE_EXPIRY_PAST,      /* expires_on before today */
	SHARE_EXPIRY_TOO_LATE,  /* more than 12 months ahead */
} share_check;

/* Whether the share may be made; the first rule it breaks, in the order
 * above. */
share_check share_allowed(const share_ask *a);
/* The message for a refusal, naming what to do. */
const char *share_check_message(share_check c);
/* The field a refusal is about: basis, reason or expires_on. */
const char *share_check_field(share_check c);

/* The latest date a share made today may run to: twelve months ahead. */
void share_latest_expiry(const char *today, char out[DATE_LEN]);
/* Whether a share is live on today: not ended, and expires_on not passed. */
int share_live(const char *expires_on, const char *ended_at, const char *today);
/* Whether a live share ends within the next 14 days (on the worklist). */
int share_ending_soon(const char *expires_on, const char *today);
#define SHARE_ENDING_DAYS 14

#endif
