#include "store/subject_bundles.h"

#include <stdio.h>
#include <string.h>

int store_bundle_request_get(db *d, arena *a, const char *id, bundle_request_rec *r)
{
	const char *p[] = {id};
	db_stmt *s;
	int rc = db_one(
	    d, "SELECT id, org_id, person_id, kind, status FROM subject_requests WHERE id = $1", 1,
	    p, &s);
	if (rc != DB_ROW)
		return rc;
	db_col_copy(s, 0, r->id, sizeof r->id);
	db_col_copy(s, 1, r->org_id, sizeof r->org_id);
	db_col_copy(s, 2, r->person_id, sizeof r->person_id);
	r->kind = db_col_dup(s, 3, a);
	r->status = db_col_dup(s, 4, a);
	db_finalize(s);
	return DB_ROW;
}

/* Each source: its section, its query ($1 the person) and the labels of
 * its columns. Integers are cast to text so that both engines answer the
 * same; yes and no are written out. */
typedef struct source_def {
	const char *section;
	const char *sql;
	const char *labels[12];
	words_list words[12]; /* how each column reads (domain/words.h) */
} source_def;

#define IN_CASES_OF_PERSON "(SELECT case_id FROM case_people WHERE person_id = $1)"

static const source_def sources[BUNDLE_SRC_COUNT] = {
    [BUNDLE_SRC_RECORD] =
        {"record",
         "SELECT given_names, family_name, aliases, date_of_birth, "
         "CAST(estimated_age AS TEXT), gender, nationalities, languages, "
         "CASE WHEN interpreter_needed = 1 THEN 'Yes' ELSE 'No' END, interpreter_language, "
         "safe_contact, CASE WHEN immigration_status IS NULL THEN NULL ELSE "
         "'held as a sealed field (not copied into this bundle)' END, created_at "
         "FROM people WHERE id = $1",
         {"Given names", "Family name", "Other names", "Date of birth", "Estimated age", "Gender",
          "Nationalities", "Languages", "Interpreter needed", "Interpreter language",
          "Safe contact", "Immigration status"},
         {0, 0, 0, WORDS_DATE, 0, WORDS_GENDER, WORDS_COUNTRY, WORDS_LANGUAGE, 0, WORDS_LANGUAGE, 0, 0}},
    [BUNDLE_SRC_PARTS] =
        {"case_part",
         "SELECT c.reference, cp.role, c.title, c.summary, c.status, c.exploitation_types, "
         "cp.created_at, cp.victim_context FROM case_people cp JOIN cases c ON c.id = cp.case_id "
         "WHERE cp.person_id = $1 ORDER BY cp.created_at, cp.id",
         {"Case", "Part", "Case title", "Case summary", "Case status", "Exploitation types",
          "Recorded in the case", "Circumstances"},
         {0, WORDS_CASE_ROLE, 0, 0, WORDS_CASE_STATUS, WORDS_NRM_TYPE, WORDS_TIME, WORDS_VICTIM_CONTEXT}},
    [BUNDLE_SRC_INDICATORS] =
        {"indicator",
         "SELECT c.reference, i.code, i.note, i.recorded_at FROM indicators i "
         "JOIN case_people cp ON cp.id = i.case_person_id JOIN cases c ON c.id = cp.case_id "
         "WHERE cp.person_id = $1 ORDER BY i.recorded_at, i.id",
         {"Case", "Indicator", "Note", "Recorded"},
         {0, WORDS_INDICATOR, 0, WORDS_TIME}},
    [BUNDLE_SRC_NOTES] =
        {"note",
         "SELECT c.reference, t.at, t.text FROM timeline t JOIN cases c ON c.id = t.case_id "
         "WHERE t.kind = 'note' AND t.text IS NOT NULL AND t.case_id IN " IN_CASES_OF_PERSON
         " ORDER BY t.at, t.id",
         {"Case", "Written", "Note"},
         {0, WORDS_TIME, 0}},
    [BUNDLE_SRC_NRM] =
        {"nrm_referral",
         "SELECT c.reference, n.referred_on, n.status, n.competent_authority, n.rg_outcome, "
         "n.rg_decided_on, n.recovery_period_end, n.cg_outcome, n.cg_decided_on, n.withdrawn_on "
         "FROM nrm_referrals n JOIN cases c ON c.id = n.case_id WHERE n.person_id = $1 "
         "ORDER BY n.referred_on, n.id",
         {"Case", "Referred on", "Status", "Competent authority", "Reasonable grounds",
          "Reasonable grounds decided on", "Recovery period ends", "Conclusive grounds",
          "Conclusive grounds decided on", "Withdrawn on"},
         {0, WORDS_DATE, WORDS_NRM_STATUS, WORDS_AUTHORITY, WORDS_NRM_OUTCOME, WORDS_DATE, WORDS_DATE, WORDS_NRM_OUTCOME, WORDS_DATE, WORDS_DATE}},
    [BUNDLE_SRC_PLANS] =
        {"plan",
         "SELECT c.reference, s.agencies, s.review_on, s.strategy_on, s.strategy_outcome, "
         "s.conference_on, s.conference_outcome, s.last_review_on, s.plan_ended_on, s.created_at "
         "FROM safeguarding_plans s JOIN cases c ON c.id = s.case_id WHERE s.person_id = $1 "
         "ORDER BY s.created_at, s.id",
         {"Case", "Agencies", "Review on", "Strategy discussion on", "Strategy outcome",
          "Conference on", "Conference outcome", "Last reviewed on", "Plan ended on", "Plan made"},
         {0, 0, WORDS_DATE, WORDS_DATE, WORDS_STRATEGY_OUTCOME, WORDS_DATE, WORDS_CONFERENCE_OUTCOME, WORDS_DATE, WORDS_DATE, WORDS_TIME}},
    [BUNDLE_SRC_PLAN_RISKS] =
        {"plan",
         "SELECT c.reference, r.description, r.level, r.created_at FROM plan_risks r "
         "JOIN safeguarding_plans s ON s.id = r.plan_id JOIN cases c ON c.id = s.case_id "
         "WHERE s.person_id = $1 ORDER BY r.created_at, r.id",
         {"Case", "Risk", "Level", "Recorded"},
         {0, 0, WORDS_RISK, WORDS_TIME}},
    [BUNDLE_SRC_PLAN_ACTIONS] =
        {"plan",
         "SELECT c.reference, a.description, o.name, a.owner_name, a.due_on, a.status "
         "FROM plan_actions a JOIN safeguarding_plans s ON s.id = a.plan_id "
         "JOIN cases c ON c.id = s.case_id JOIN orgs o ON o.id = a.owner_org_id "
         "WHERE s.person_id = $1 ORDER BY a.created_at, a.id",
         {"Case", "Action", "Organisation", "Owner", "Due on", "Status"},
         {0, 0, 0, 0, WORDS_DATE, WORDS_ACTION_STATUS}},
    [BUNDLE_SRC_PLAN_NOTES] =
        {"plan",
         "SELECT c.reference, n.text, o.name, n.created_at FROM plan_notes n "
         "JOIN safeguarding_plans s ON s.id = n.plan_id JOIN cases c ON c.id = s.case_id "
         "JOIN orgs o ON o.id = n.org_id WHERE s.person_id = $1 ORDER BY n.created_at, n.id",
         {"Case", "Note", "Organisation", "Written"},
         {0, 0, 0, WORDS_TIME}},
    [BUNDLE_SRC_MISSING] =
        {"missing_episode",
         "SELECT reported_at, last_seen_at, last_seen_place, risk, circumstances, returned_at, "
         "found_by, where_found FROM missing_episodes WHERE person_id = $1 "
         "ORDER BY reported_at, id",
         {"Reported missing", "Last seen", "Last seen at", "Risk", "Circumstances", "Returned",
          "Found by", "Where found"},
         {WORDS_TIME, WORDS_TIME, 0, WORDS_RISK, 0, WORDS_TIME, WORDS_FOUND_BY, 0}},
    [BUNDLE_SRC_REFERRALS] =
        {"referral",
         "SELECT c.reference, COALESCE(v.name, r.provider_name), r.need, r.urgency, "
         "r.status, r.referred_at, r.outcome, r.reason FROM service_referrals r "
         "JOIN case_people cp ON cp.id = r.case_person_id JOIN cases c ON c.id = r.case_id "
         "LEFT JOIN services v ON v.id = r.service_id WHERE cp.person_id = $1 "
         "ORDER BY r.referred_at, r.id",
         {"Case", "Service", "Need", "Urgency", "Status", "Referred", "Outcome", "Reason"},
         {0, 0, 0, WORDS_URGENCY, WORDS_REFERRAL_STATUS, WORDS_TIME, WORDS_REFERRAL_OUTCOME, 0}},
    [BUNDLE_SRC_DOCUMENTS] =
        {"document",
         "SELECT c.reference, d.title, d.kind, d.media_type, CAST(d.size AS TEXT), "
         "d.created_at FROM documents d JOIN cases c ON c.id = d.case_id "
         "WHERE d.person_id = $1 AND d.deleted_at IS NULL ORDER BY d.created_at, d.id",
         {"Case", "Title", "Kind", "Type", "Size in bytes", "Added"},
         {0, 0, WORDS_DOCUMENT_KIND, 0, 0, WORDS_TIME}},
    [BUNDLE_SRC_DISCLOSURES] =
        {"disclosure",
         "SELECT c.reference, o.name, s.purpose, s.basis, s.sections, s.created_at, "
         "s.expires_on, s.ended_at, s.end_reason FROM shares s JOIN orgs o ON o.id = s.org_id "
         "JOIN cases c ON c.id = s.case_id WHERE s.person_id = $1 ORDER BY s.created_at, s.id",
         {"Case", "Shared with", "Purpose", "Lawful basis", "What was shared", "Shared", "Until",
          "Ended", "Why it ended"},
         {0, 0, WORDS_SHARE_PURPOSE, WORDS_SHARE_BASIS, WORDS_SHARE_SECTION, WORDS_TIME, WORDS_DATE, WORDS_TIME, WORDS_SHARE_END}},
    [BUNDLE_SRC_CONSULTATIONS] =
        {"consultation",
         "SELECT a.at, o.name, u.role, a.action, a.purpose FROM audit_log a "
         "LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN orgs o ON o.id = u.org_id "
         "WHERE a.record_id = $1 AND a.record_type = 'person' ORDER BY a.seq",
         {"When", "Organisation", "Role", "What", "Purpose"},
         {WORDS_TIME, 0, WORDS_USER_ROLE, WORDS_AUDIT_ACTION, 0}},
};

const char *store_bundle_section(bundle_source src)
{
	return src < BUNDLE_SRC_COUNT ? sources[src].section : "other";
}

typedef struct source_walk {
	const source_def *def;
	int (*fn)(const bundle_row *r, void *arg);
	void *arg;
} source_walk;

static int source_row(db_stmt *s, void *arg)
{
	source_walk *w = arg;
	const char *values[12];
	int n = 0;
	while (n < 12 && w->def->labels[n]) {
		values[n] = db_col_is_null(s, n) ? NULL : db_col_text(s, n);
		n++;
	}
	bundle_row r = {w->def->labels, values, w->def->words, n};
	return w->fn(&r, w->arg);
}

int store_bundle_source_rows(db *d, bundle_source src, const char *person_id,
                             int (*fn)(const bundle_row *r, void *arg), void *arg)
{
	if (src >= BUNDLE_SRC_COUNT)
		return DB_ERR;
	source_walk w = {&sources[src], fn, arg};
	const char *p[] = {person_id};
	return db_each(d, sources[src].sql, 1, p, source_row, &w);
}

typedef struct names_walk {
	int (*fn)(const char *given, const char *family, const char *aliases, int officer,
	          void *arg);
	void *arg;
	int officer;
} names_walk;

static int name_row(db_stmt *s, void *arg)
{
	names_walk *w = arg;
	return w->fn(db_col_text(s, 0), db_col_text(s, 1), w->officer ? NULL : db_col_text(s, 2),
	             w->officer, w->arg);
}

int store_bundle_third_parties(db *d, const char *person_id,
                               int (*fn)(const char *given, const char *family, const char *aliases,
                                         int officer, void *arg),
                               void *arg)
{
	const char *p[] = {person_id};
	names_walk w = {fn, arg, 0};
	int rc =
	    db_each(d,
	            "SELECT DISTINCT p.given_names, p.family_name, p.aliases FROM case_people cp "
	            "JOIN people p ON p.id = cp.person_id WHERE p.id <> $1 AND cp.case_id "
	            "IN " IN_CASES_OF_PERSON,
	            1, p, name_row, &w);
	if (rc != DB_OK)
		return rc;
	w.officer = 1;
	return db_each(d, "SELECT display_name, username FROM users", 0, NULL, name_row, &w);
}

int store_bundle_create(db *d, const char *request_id, const char *org_id, const char *person_id,
                        const char *actor, const char *now)
{
	const char *p[] = {request_id, org_id, person_id, actor, now};
	return db_run(d,
	              "INSERT INTO subject_bundles (request_id, org_id, person_id, status, "
	              "assembled_by, assembled_at) "
	              "VALUES ($1, $2, $3, 'draft', $4, $5)",
	              5, p);
}

int store_bundle_item_add(db *d, bundle_item_rec *it)
{
	secure_id(it->id);
	it->version = 1;
	char pos[24];
	snprintf(pos, sizeof pos, "%d", it->position);
	const char *p[] = {it->id, it->request_id, pos, it->section, it->title, it->text};
	return db_run(
	    d,
	    "INSERT INTO subject_bundle_items (id, request_id, position, section, title, text) "
	    "VALUES ($1, $2, $3, $4, $5, $6)",
	    6, p);
}

int store_bundle_redaction_add(db *d, bundle_redaction_rec *r)
{
	secure_id(r->id);
	char start[24], length[24];
	snprintf(start, sizeof start, "%lld", (long long)r->start);
	snprintf(length, sizeof length, "%lld", (long long)r->length);
	const char *p[] = {r->id, r->item_id, start, length, r->reason};
	return db_run(
	    d,
	    "INSERT INTO subject_bundle_redactions (id, item_id, start, length, reason, status) "
	    "VALUES ($1, $2, $3, $4, $5, 'proposed')",
	    5, p);
}

static int read_bundle(arena *a, db_stmt *s, void *rec)
{
	bundle_rec *b = rec;
	db_col_copy(s, 0, b->request_id, sizeof b->request_id);
	db_col_copy(s, 1, b->org_id, sizeof b->org_id);
	db_col_copy(s, 2, b->person_id, sizeof b->person_id);
	b->status = db_col_dup(s, 3, a);
	db_col_copy(s, 4, b->assembled_by, sizeof b->assembled_by);
	db_col_copy(s, 5, b->assembled_at, sizeof b->assembled_at);
	b->released_at = db_col_dup(s, 6, a);
	b->content = db_col_dup(s, 7, a);
	b->version = db_col_int(s, 8);
	return DB_OK;
}

int store_bundle_get(db *d, arena *a, const char *request_id, bundle_rec *b)
{
	const char *p[] = {request_id};
	return db_get(d, a,
	              "SELECT request_id, org_id, person_id, status, assembled_by, assembled_at, "
	              "released_at, "
	              "content, version FROM subject_bundles WHERE request_id = $1",
	              1, p, read_bundle, b);
}

#define ITEM_SELECT                                                                                \
	"SELECT id, request_id, position, section, title, text, exemption_ground, "                \
	"exemption_reason, version "                                                               \
	"FROM subject_bundle_items "

static int read_item(arena *a, db_stmt *s, void *rec)
{
	bundle_item_rec *it = rec;
	db_col_copy(s, 0, it->id, sizeof it->id);
	db_col_copy(s, 1, it->request_id, sizeof it->request_id);
	it->position = (int)db_col_int(s, 2);
	it->section = db_col_dup(s, 3, a);
	it->title = db_col_dup(s, 4, a);
	it->text = db_col_dup(s, 5, a);
	it->exemption_ground = db_col_dup(s, 6, a);
	it->exemption_reason = db_col_dup(s, 7, a);
	it->version = db_col_int(s, 8);
	return DB_OK;
}

typedef struct item_walk {
	arena *a;
	int (*fn)(const bundle_item_rec *it, void *arg);
	void *arg;
} item_walk;

static int item_row(db_stmt *s, void *arg)
{
	item_walk *w = arg;
	bundle_item_rec it;
	int rc = read_item(w->a, s, &it);
	return rc == DB_OK ? w->fn(&it, w->arg) : rc;
}

int store_bundle_items(db *d, arena *a, const char *request_id,
                       int (*fn)(const bundle_item_rec *it, void *arg), void *arg)
{
	const char *p[] = {request_id};
	item_walk w = {a, fn, arg};
	return db_each(d, ITEM_SELECT "WHERE request_id = $1 ORDER BY position", 1, p, item_row,
	               &w);
}

int store_bundle_item_get(db *d, arena *a, const char *request_id, const char *item_id,
                          bundle_item_rec *it)
{
	const char *p[] = {request_id, item_id};
	return db_get(d, a, ITEM_SELECT "WHERE request_id = $1 AND id = $2", 2, p, read_item, it);
}

typedef struct redaction_walk {
	arena *a;
	int (*fn)(const bundle_redaction_rec *r, void *arg);
	void *arg;
} redaction_walk;

static int redaction_row(db_stmt *s, void *arg)
{
	redaction_walk *w = arg;
	bundle_redaction_rec r;
	db_col_copy(s, 0, r.id, sizeof r.id);
	db_col_copy(s, 1, r.item_id, sizeof r.item_id);
	r.start = db_col_int(s, 2);
	r.length = db_col_int(s, 3);
	r.reason = db_col_dup(s, 4, w->a);
	r.status = db_col_dup(s, 5, w->a);
	return w->fn(&r, w->arg);
}

int store_bundle_redactions(db *d, arena *a, const char *request_id,
                            int (*fn)(const bundle_redaction_rec *r, void *arg), void *arg)
{
	const char *p[] = {request_id};
	redaction_walk w = {a, fn, arg};
	return db_each(d,
	               "SELECT r.id, r.item_id, r.start, r.length, r.reason, r.status FROM "
	               "subject_bundle_redactions r "
	               "JOIN subject_bundle_items i ON i.id = r.item_id WHERE i.request_id = $1 "
	               "ORDER BY i.position, r.start",
	               1, p, redaction_row, &w);
}

int store_bundle_item_update(db *d, const char *item_id, int64_t version, const char *ground,
                             const char *reason)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)version);
	const char *p[] = {item_id, v, ground, ground ? reason : NULL};
	return db_change(
	    d,
	    "UPDATE subject_bundle_items SET exemption_ground = $3, exemption_reason = $4, "
	    "version = version + 1 WHERE id = $1 AND version = $2 RETURNING id",
	    4, p);
}

int store_bundle_redaction_decide(db *d, const char *item_id, const char *redaction_id,
                                  const char *status, const char *actor, const char *now)
{
	const char *p[] = {item_id, redaction_id, status, actor, now};
	return db_change(
	    d,
	    "UPDATE subject_bundle_redactions SET status = $3, decided_by = $4, decided_at = $5 "
	    "WHERE item_id = $1 AND id = $2 RETURNING id",
	    5, p);
}

int store_bundle_release(db *d, const char *request_id, const char *actor, const char *now,
                         const char *content)
{
	const char *p[] = {request_id, actor, now, content};
	return db_change(
	    d,
	    "UPDATE subject_bundles SET status = 'released', released_by = $2, released_at = $3, "
	    "content = $4, version = version + 1 WHERE request_id = $1 AND status = 'draft' "
	    "RETURNING request_id",
	    4, p);
}
