/* The demo's links across cases: one phone number, as a victim of the
 * Exploitation and Missing Team's latest case was given it, recorded also
 * in the team's case before it and in CID's latest case, each written a
 * different way. An officer of the team sees the team's match in full and
 * CID's as a notice (CID's officers then find it on their worklist); a
 * safeguarding officer, who reads the whole force, sees both. And the
 * force's deconfliction contact, which the notice gives. Numbers are
 * Ofcom's drama range; everything else is invented. */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "domain/selectors.h"
#include "lib/clock.h"
#include "store/selectors.h"

typedef struct demo_selector {
	int team; /* 0 EMT, 1 CID */
	int nth;  /* 0 the team's latest open case, 1 the one before */
	const char *written, *context;
} demo_selector;

static const demo_selector phones[] = {
    {0, 0, "07700 900461",
     "Saved as \"Boss\" in the victim's phone; he called to say where to wait for the van"},
    {0, 1, "+44 7700 900461", "Written on the job card the victims were given"},
    {1, 0, "0044 (0)7700-900461", "Rang the workplace twice a day, from the call data"},
};

int demo_team_case(db *d, const char *team_id, int nth, char id[SECURE_ID_LEN])
{
	char off[8];
	snprintf(off, sizeof off, "%d", nth);
	const char *p[] = {team_id, off};
	return db_get_text(d,
	                   "SELECT id FROM cases WHERE team_id = $1 AND status <> 'closed' ORDER "
	                   "BY created_at DESC, id "
	                   "LIMIT 1 OFFSET CAST($2 AS INTEGER)",
	                   2, p, id, SECURE_ID_LEN);
}

int demo_links(db *d, const demo_cast *cast, const char *admin_id, const seal_key *key)
{
	int rc = DB_OK;
	for (size_t i = 0; rc == DB_OK && i < sizeof phones / sizeof phones[0]; i++) {
		char case_id[SECURE_ID_LEN] = "", normalised[SELECTOR_MAX], text[SELECTOR_MAX + 16],
		     mk[SEAL_MATCH_HEX];
		rc = demo_team_case(d, cast->teams[phones[i].team], phones[i].nth, case_id);
		if (rc == DB_DONE || !case_id[0]) {
			rc = DB_OK;
			continue;
		}
		if (rc != DB_ROW && rc != DB_OK)
			break;
		const char *why = NULL;
		selector_value v = {.text = phones[i].written};
		if (selector_normalise(SEL_PHONE, &v, normalised, sizeof normalised, &why) != 0)
			return db_fail(d, DB_ERR, "the demo's phone number %s: %s",
			               phones[i].written, why ? why : "");
		snprintf(text, sizeof text, "phone\n%s", normalised);
		seal_match_key(key, text, mk);
		char value[64];
		snprintf(value, sizeof value, "\"%s\"", phones[i].written);
		selector_rec s = {.case_id = case_id,
		                  .kind = "phone",
		                  .value = value,
		                  .normalised = normalised,
		                  .match_key = mk,
		                  .source_evaluation = 2,
		                  .intelligence_assessment = "B",
		                  .handling_code = "P",
		                  .context = phones[i].context,
		                  .created_by = cast->officers[phones[i].team][0][0]
		                                    ? cast->officers[phones[i].team][0]
		                                    : cast->author_id};
		rc = store_selector_add(d, &s);
	}
	int64_t version = 0;
	if (rc == DB_OK && cast->force_org_id)
		rc = store_deconfliction_put(
		    d, cast->force_org_id, "Force Intelligence Bureau, deconfliction desk",
		    "01632 960 100 (24 hours) or fib.deconfliction@demo.police.example", admin_id,
		    &version);
	return rc == DB_DONE ? DB_OK : rc;
}
