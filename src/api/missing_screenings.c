/* The repeat pattern: three or more episodes within 90 days mark a repeat
 * missing person, who is screened for exploitation with the indicators
 * checklist; where a person stands is shown with their record. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/missing.h"
#include "domain/missing.h"
#include "lib/clock.h"
#include "store/missing.h"
#include "domain/vocab.h"
#include "store/people.h"

/* ---- the pattern ---- */

void api_missing_screening(http_req *req)
{
	static const jv_field fields[] = {{"screened_on", JV_STRING, 1, FIELD_DATE},
					  {"indicators", JV_STRING_ARRAY, 1, 100},
					  {"outcome", JV_STRING, 1, FIELD_CHOICE},
					  {"notes", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	person_rec p;
	unsigned rel;
	if (api_missing_person_load(req, ACT_WRITE, &p, &rel) != 0 || api_missing_force_only(req, "screens for exploitation") != 0)
		return;
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	json_t *errors = json_array();
	screening_rec s = {0};
	s.screened_on = api_past_date(body, "screened_on", errors);
	json_t *codes = json_object_get(body, "indicators");
	size_t i;
	json_t *v;
	json_array_foreach(codes, i, v)
	{
		if (!vocab_find(&vocab_indicators, json_string_value(v))) {
			jv_error(errors, "indicators", "each must be a code of the indicators checklist");
			break;
		}
	}
	s.outcome = jv_str(body, "outcome");
	if (!missing_screening_outcome_ok(s.outcome))
		jv_error(errors, "outcome",
			 "must be no_concerns, concerns_case_opened, concerns_referred or concerns_monitored");
	s.notes = api_missing_blank(jv_str(body, "notes")) ? NULL : jv_str(body, "notes");
	s.indicators = api_json_text(req, codes);
	if (api_reject(req, errors))
		return;
	snprintf(s.person_id, sizeof s.person_id, "%s", p.id);
	snprintf(s.recorded_by, sizeof s.recorded_by, "%s", c->user.id);
	int rc = s.indicators ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_screening_add(c->db, &s);
	if (rc == DB_OK)
		rc = api_audit(req, "exploitation_screened", "person", p.id, NULL,
			       json_pack("{s:s, s:s, s:O}", "screening", s.id, "outcome", s.outcome, "indicators", codes));
	api_write_end(req, rc, 201, json_pack("{s:s}", "id", s.id));
}

int api_missing_summary_json(http_req *req, const person_rec *p, unsigned rel, json_t *out)
{
	api_ctx *c = api_ctx_of(req);
	if (access_decide(c->role, KIND_MISSING, ACT_READ, rel) != ACCESS_ALLOW)
		return DB_OK;
	char start[CLOCK_ISO_LEN];
	clock_iso(clock_now_ms() - MISSING_WINDOW_MS, start);
	missing_summary m;
	int rc = store_missing_summary(c->db, p->id, start, &m);
	if (rc != DB_OK)
		return rc;
	int repeat = missing_repeat(m.episodes_in_window);
	json_t *j = json_pack("{s:i, s:b, s:b, s:o, s:b}", "episodes_90_days", m.episodes_in_window, "repeat", repeat,
			      "currently_missing", m.open_episode_id[0] != '\0', "current_episode_id",
			      m.open_episode_id[0] ? json_string(m.open_episode_id) : json_null(), "screening_due",
			      repeat && !m.screened);
	return j && json_object_set_new(out, "missing", j) == 0 ? DB_OK : DB_NOMEM;
}
