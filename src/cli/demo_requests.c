/* The demo's subject requests (issue 21): three people of the demo's
 * cases asked what the force holds about them, or to correct it: one
 * access request due within the week, one overdue, and a rectification
 * answered and closed. */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "domain/subject_requests.h"
#include "lib/arena.h"
#include "lib/clock.h"
#include "store/nrm.h"
#include "store/subject_requests.h"

typedef struct demo_request {
	int received_ago; /* days before today */
	const char *kind, *regime, *channel;
	int closed_ago; /* -1: still open */
	const char *outcome, *reason;
} demo_request;

static int add_id(const char *value, void *arg)
{
	char(*ids)[SECURE_ID_LEN] = arg;
	for (int i = 0; i < 3; i++)
		if (!ids[i][0]) {
			snprintf(ids[i], SECURE_ID_LEN, "%s", value);
			return 0;
		}
	return 0;
}

int demo_requests(db *d, const char *org_id, const char *records_manager_id)
{
	static const demo_request requests[] = {
	    {25, "access", "part3", "letter to the force's data protection office", -1, NULL, NULL},
	    {45, "access", "uk_gdpr", "email to the data protection office", -1, NULL, NULL},
	    {90, "rectification", "part3", "in person at the front counter", 70, "answered",
	     "Date of birth corrected from her passport; she was told in writing"},
	};
	int64_t held = 0;
	int rc = db_get_int(d, "SELECT COUNT(*) FROM subject_requests WHERE org_id = $1", 1,
	                    (const char *[]){org_id}, &held);
	if (rc != DB_ROW || held > 0)
		return rc == DB_ROW ? DB_OK : rc;
	char ids[3][SECURE_ID_LEN] = {{0}};
	rc = db_each_text(
	    d,
	    "SELECT p.id FROM people p WHERE EXISTS (SELECT 1 FROM case_people cp WHERE "
	    "cp.person_id = p.id AND cp.role = 'potential_victim') AND p.merged_into IS NULL "
	    "ORDER BY p.created_at, p.id LIMIT 3",
	    0, NULL, add_id, ids);
	if (rc != DB_OK || !ids[2][0])
		return rc;
	arena *a = arena_new();
	long *days = NULL;
	int n = 0;
	rc = a ? store_bank_holidays(d, a, &days, &n) : DB_NOMEM;
	holidays h = {days, n};
	char today[CLOCK_DATE_LEN];
	clock_today(today);
	for (size_t i = 0; i < sizeof requests / sizeof requests[0] && rc == DB_OK; i++) {
		const demo_request *q = &requests[i];
		char received[DATE_LEN], due[DATE_LEN];
		sr_regime regime;
		date_add_days(today, -q->received_ago, received);
		if (sr_regime_parse(q->regime, &regime) != 0 ||
		    sr_due(regime, received, received, 1, &h, due) != 0) {
			rc = DB_ERR;
			break;
		}
		sr_rec r = {.kind = q->kind,
		            .regime = q->regime,
		            .received_on = received,
		            .identity_verified_on = received,
		            .channel = q->channel,
		            .due_on = due};
		snprintf(r.org_id, sizeof r.org_id, "%s", org_id);
		memcpy(r.person_id, ids[i], sizeof r.person_id);
		snprintf(r.created_by, sizeof r.created_by, "%s", records_manager_id);
		rc = store_sr_add(d, &r);
		if (rc != DB_OK || q->closed_ago < 0)
			continue;
		char closed[DATE_LEN], detail[400];
		date_add_days(today, -q->closed_ago, closed);
		rc = store_sr_close(d, &r, q->outcome, closed);
		snprintf(detail, sizeof detail, "{\"outcome\":\"%s\",\"reason\":\"%s\"}",
		         q->outcome, q->reason);
		sr_decision x = {.request_id = r.id, .kind = "closed", .detail = detail};
		snprintf(x.decided_by, sizeof x.decided_by, "%s", records_manager_id);
		if (rc == DB_OK)
			rc = store_sr_decision_add(d, &x);
	}
	arena_free(a);
	return rc;
}
