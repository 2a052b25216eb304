/* The Victims' Code (2021) for modern slavery victims: enhanced rights
 * always, so an update within 1 working day of a key event (5 for others). */
#ifndef WAYMARK_DOMAIN_VICTIMS_CODE_H
#define WAYMARK_DOMAIN_VICTIMS_CODE_H

#include "domain/workdays.h"

#define VC_ENHANCED_WORKING_DAYS 1
#define VC_STANDARD_WORKING_DAYS 5

/* arrest, interview, release, bail, charge, decision_not_to_charge,
 * court_date_set, verdict. */
int vc_key_event_valid(const char *kind);
/* When the update about an event on a day is due. */
int vc_update_due(const char *event_day, int enhanced, const holidays *h, char out[DATE_LEN]);
/* officer (a victim liaison officer) or navigator (an independent victim navigator). */
int vc_spoc_kind_valid(const char *kind);

#endif
