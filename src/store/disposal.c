/* Disposal of records after a review (see disposal.h; what goes and what
 * stays is set out in docs/records.md, "Disposal"). Each step is one
 * statement over a set of rows named by the case or the person, so the
 * steps read as the list in the documentation does. */
#include "store/disposal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/names.h"
#include "domain/statistics.h"
#include "lib/clock.h"
#include "lib/secure.h"
#include "store/audit.h"
#include "store/blobs.h"

/* The parts (case_people rows) a set of steps works on. */
#define PARTS_OF_CASE "(SELECT id FROM case_people WHERE case_id = $1)"
#define PARTS_OF_PERSON "(SELECT id FROM case_people WHERE person_id = $1)"

/* What is said about a person in their parts: blanked or removed, the facts
 * the figures count kept (roles, dates, indicator codes, outcomes). Each
 * statement takes $1 (the case or the person). */
#define PART_STEPS(PARTS)                                                                          \
	"UPDATE indicators SET note = NULL WHERE case_person_id IN " PARTS,                        \
	    "UPDATE victim_contacts SET summary = '', language = NULL, interpreter = NULL "        \
	    "WHERE case_person_id IN " PARTS,                                                      \
	    "UPDATE victim_care SET spoc_name = NULL, strategy = NULL WHERE case_person_id "       \
	    "IN " PARTS,                                                                           \
	    "UPDATE s45_assessments SET answers = '{}', reasons = '' WHERE case_person_id "        \
	    "IN " PARTS,                                                                           \
	    "DELETE FROM plan_risks WHERE plan_id IN (SELECT id FROM safeguarding_plans WHERE "    \
	    "case_person_id IN " PARTS ")",                                                        \
	    "DELETE FROM plan_actions WHERE plan_id IN (SELECT id FROM safeguarding_plans WHERE "  \
	    "case_person_id IN " PARTS ")",                                                        \
	    "DELETE FROM plan_notes WHERE plan_id IN (SELECT id FROM safeguarding_plans WHERE "    \
	    "case_person_id IN " PARTS ")",                                                        \
	    "UPDATE safeguarding_plans SET agencies = '[]' WHERE case_person_id IN " PARTS,        \
	    "UPDATE service_referral_steps SET reason = NULL WHERE referral_id IN (SELECT id "     \
	    "FROM "                                                                                \
	    "service_referrals WHERE case_person_id IN " PARTS ")",                                \
	    "UPDATE service_referrals SET need = '', provider_name = NULL, reason = NULL WHERE "   \
	    "case_person_id IN " PARTS,                                                            \
	    "UPDATE shares SET reason = NULL, end_note = NULL WHERE case_person_id IN " PARTS,     \
	    "DELETE FROM feedback_invitations WHERE link_id IN " PARTS,                            \
	    "DELETE FROM history WHERE record_id IN " PARTS

/* The selectors named by a condition on s, and the link notices between
 * them and others, which name them. */
#define SELECTOR_STEPS(COND)                                                                       \
	"DELETE FROM link_notices WHERE selector_lo IN (SELECT s.id FROM selectors s WHERE " COND  \
	") OR selector_hi IN (SELECT s.id FROM selectors s WHERE " COND                            \
	") OR raised_by_selector IN (SELECT s.id FROM selectors s WHERE " COND ")",                \
	    "DELETE FROM history WHERE record_id IN (SELECT s.id FROM selectors s WHERE " COND     \
	    ")",                                                                                   \
	    "DELETE FROM selectors WHERE id IN (SELECT s.id FROM selectors s WHERE " COND ")"

/* Documents named by a condition on x: their rows kept (kind, size, hash,
 * dates) with title and file name gone, marked deleted and their file
 * released ($2 the time, $3 the decider); the scrub removes the file once no
 * row holds it. Shares stop naming them. */
#define DOCUMENT_STEPS(COND)                                                                       \
	"DELETE FROM share_documents WHERE document_id IN (SELECT x.id FROM documents x "          \
	"WHERE " COND ")",                                                                         \
	    "DELETE FROM history WHERE record_id IN (SELECT x.id FROM documents x WHERE " COND     \
	    ")",                                                                                   \
	    "UPDATE documents SET title = '', filename = '', deleted_at = COALESCE(deleted_at, "   \
	    "$2), "                                                                                \
	    "deleted_by = COALESCE(deleted_by, $3), delete_reason = 'disposed of', "               \
	    "file_disposed_at = COALESCE(file_disposed_at, $2), version = version + 1 WHERE id "   \
	    "IN "                                                                                  \
	    "(SELECT x.id FROM documents x WHERE " COND ")"

/* A person's own record beyond their parts ($1 the person). */
static const char *const person_steps[] = {
    PART_STEPS(PARTS_OF_PERSON),
    "UPDATE nrm_referrals SET consent = NULL, withdrawal_reason = NULL WHERE person_id = $1",
    "DELETE FROM nrm_reconsiderations WHERE referral_id IN (SELECT id FROM nrm_referrals WHERE "
    "person_id = $1)",
    "UPDATE orders SET court = '', applicant = '', prohibitions = '[]' WHERE person_id = $1",
    "UPDATE order_breaches SET summary = '', crime_reference = NULL WHERE order_id IN (SELECT id "
    "FROM orders WHERE person_id = $1)",
    "DELETE FROM history WHERE record_id = $1",
    "DELETE FROM history WHERE record_id IN (SELECT id FROM missing_episodes WHERE person_id = $1)",
    "DELETE FROM person_name_keys WHERE person_id = $1",
    "DELETE FROM person_reach_keys WHERE person_id = $1",
    "DELETE FROM consents WHERE person_id = $1",
    "DELETE FROM missing_entries WHERE episode_id IN (SELECT id FROM missing_episodes WHERE "
    "person_id = $1)",
    "DELETE FROM missing_associations WHERE person_id = $1 OR episode_id IN (SELECT id FROM "
    "missing_episodes WHERE person_id = $1)",
    "UPDATE missing_reviews SET reason = '' WHERE episode_id IN (SELECT id FROM missing_episodes "
    "WHERE person_id = $1)",
    "UPDATE safe_well_checks SET officer = '', place = '', disclosures = NULL WHERE episode_id IN "
    "(SELECT id FROM missing_episodes WHERE person_id = $1)",
    "UPDATE return_interviews SET disclosures = NULL WHERE episode_id IN (SELECT id FROM "
    "missing_episodes WHERE person_id = $1)",
    "UPDATE missing_episodes SET last_seen_place = '', circumstances = NULL, where_found = NULL "
    "WHERE person_id = $1",
    "UPDATE exploitation_screenings SET notes = NULL WHERE person_id = $1",
    "DELETE FROM missing_profiles WHERE person_id = $1",
    "DELETE FROM feedback_invitations WHERE person_id = $1",
    SELECTOR_STEPS("s.about_person_id = $1"),
    /* The access bundles assembled for the person: copies of their record
     * (and the third parties' names it held before redaction). Their
     * requests stay, as the force's account of how it answered. */
    "DELETE FROM subject_bundle_redactions WHERE item_id IN (SELECT i.id FROM subject_bundle_items i "
    "JOIN subject_bundles b ON b.request_id = i.request_id WHERE b.person_id = $1)",
    "DELETE FROM subject_bundle_items WHERE request_id IN (SELECT request_id FROM subject_bundles "
    "WHERE person_id = $1)",
    "DELETE FROM subject_bundles WHERE person_id = $1",
};

/* The same for the documents about the person ($1, $2 the time, $3 the decider). */
static const char *const person_document_steps[] = {DOCUMENT_STEPS("x.person_id = $1")};

/* The case's own content ($1 the case). */
static const char *const case_steps[] = {
    PART_STEPS(PARTS_OF_CASE),
    /* One statement per kind of record, each read through the history's
     * index on record_id (an OR of them reads the whole table on PostgreSQL). */
    "DELETE FROM history WHERE record_id = $1 AND field <> 'status'",
    "DELETE FROM history WHERE record_id IN (SELECT id FROM safeguarding_plans WHERE case_id = $1)",
    "DELETE FROM history WHERE record_id IN (SELECT id FROM shares WHERE case_id = $1)",
    "DELETE FROM history WHERE record_id IN (SELECT id FROM service_referrals WHERE case_id = $1)",
    "DELETE FROM history WHERE record_id IN (SELECT id FROM nrm_referrals WHERE case_id = $1)",
    "DELETE FROM history WHERE record_id IN (SELECT id FROM orders WHERE case_id = $1)",
    "DELETE FROM history WHERE record_id IN (SELECT id FROM places WHERE case_id = $1)",
    "DELETE FROM history WHERE record_id IN (SELECT id FROM timeline WHERE case_id = $1)",
    "DELETE FROM timeline WHERE case_id = $1",
    "DELETE FROM case_allocations WHERE case_id = $1",
    "DELETE FROM case_leads WHERE case_id = $1",
    "UPDATE places SET address = NULL, postcode = NULL WHERE case_id = $1",
    "UPDATE nrm_referrals SET consent = NULL, withdrawal_reason = NULL WHERE case_id = $1",
    "DELETE FROM nrm_reconsiderations WHERE referral_id IN (SELECT id FROM nrm_referrals WHERE "
    "case_id = $1)",
    "UPDATE case_events SET note = NULL WHERE case_id = $1",
    "UPDATE orders SET court = '', applicant = '', prohibitions = '[]' WHERE case_id = $1",
    "UPDATE order_breaches SET summary = '', crime_reference = NULL WHERE order_id IN (SELECT id "
    "FROM orders WHERE case_id = $1)",
    "DELETE FROM share_documents WHERE share_id IN (SELECT id FROM shares WHERE case_id = $1)",
    "DELETE FROM feedback_invitations WHERE case_id = $1",
    "DELETE FROM person_reach_keys WHERE case_id = $1",
    SELECTOR_STEPS("s.case_id = $1"),
    /* The access bundles of everyone with a part in the case, kept or
     * not: each copies the case's title, summary and notes and, before
     * redaction, the names of its other people, which go with the case.
     * Their requests stay. */
    "DELETE FROM subject_bundle_redactions WHERE item_id IN (SELECT i.id FROM subject_bundle_items i "
    "JOIN subject_bundles b ON b.request_id = i.request_id WHERE b.person_id IN (SELECT "
    "person_id FROM case_people WHERE case_id = $1))",
    "DELETE FROM subject_bundle_items WHERE request_id IN (SELECT request_id FROM subject_bundles "
    "WHERE person_id IN (SELECT person_id FROM case_people WHERE case_id = $1))",
    "DELETE FROM subject_bundles WHERE person_id IN (SELECT person_id FROM case_people WHERE "
    "case_id = $1)",
};

static const char *const case_document_steps[] = {DOCUMENT_STEPS("x.case_id = $1")};

/* The highest parameter a statement names ($1 to $9). */
static int params_used(const char *sql)
{
	int most = 0;
	for (const char *c = sql; *c; c++)
		if (c[0] == '$' && c[1] >= '1' && c[1] <= '9' && c[1] - '0' > most)
			most = c[1] - '0';
	return most;
}

/* Runs each statement with the first of params it names (at most nparams),
 * adding the rows it touched to *rows. */
static int run_steps(db *d, const char *const *steps, size_t n, int nparams,
                     const char *const *params, int *rows)
{
	char sql[2048];
	for (size_t i = 0; i < n; i++) {
		int used = params_used(steps[i]);
		if (used > nparams)
			return db_fail(d, DB_ERR,
			               "disposal: a step names a parameter it is not given");
		int w = snprintf(sql, sizeof sql, "%s RETURNING 1", steps[i]);
		if (w < 0 || (size_t)w >= sizeof sql)
			return db_fail(d, DB_ERR, "disposal: a step is too long");
		int count = 0;
		int rc = db_count(d, sql, used, params, &count);
		if (rc != DB_OK)
			return rc;
		*rows += count;
	}
	return DB_OK;
}

/* The username of the decider, for the audit entry ("" when unknown). */
static int actor_name(db *d, const char *actor_id, char *out, size_t n)
{
	const char *p[] = {actor_id};
	int rc = db_get_text(d, "SELECT username FROM users WHERE id = $1", 1, p, out, n);
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

static int audit(db *d, const disposal_decision *dec, const char *action, const char *type,
                 const char *id, const char *detail)
{
	char username[128] = "";
	int rc = actor_name(d, dec->actor_id, username, sizeof username);
	if (rc != DB_OK)
		return rc;
	audit_fields f = {
	    .actor_id = dec->actor_id,
	    .actor = username,
	    .action = action,
	    .record_type = type,
	    .record_id = id,
	    .purpose = "retention",
	    .detail = detail,
	};
	return store_audit_append(d, &f);
}

/* The names' dictionary (name_terms) holds each token ever seen; a token of
 * a disposed person goes unless someone kept still has it ("t:" keys). */
#define MAX_TOKENS 64
typedef struct tokens {
	int n;
	char tok[MAX_TOKENS][NAME_TOKEN_MAX];
} tokens;

static int token_row(const char *v, void *arg)
{
	tokens *t = arg;
	if (t->n < MAX_TOKENS && v && strlen(v) < NAME_TOKEN_MAX)
		memcpy(t->tok[t->n++], v, strlen(v) + 1);
	return 0;
}

/* Each entry is found under the token's fuzzy keys (as names_index_add
 * filed it), so each delete reads the dictionary's primary key. */
static int forget_tokens(db *d, const tokens *t, int *rows)
{
	for (int i = 0; i < t->n; i++) {
		char key[NAME_KEY_MAX];
		names_token_key(t->tok[i], key);
		int64_t held = 0;
		const char *k[] = {key};
		int rc = db_get_int(d, "SELECT COUNT(*) FROM person_name_keys WHERE key = $1", 1, k,
		                    &held);
		if (rc != DB_ROW)
			return rc == DB_DONE ? db_fail(d, DB_ERR, "disposal: no count") : rc;
		if (held)
			continue;
		name_tokens one = {.n = 1};
		memcpy(one.tok[0], t->tok[i], NAME_TOKEN_MAX);
		char fk[NAME_MAX_KEYS][NAME_TOKEN_MAX];
		int nf = names_keys(&one, fk, 0);
		for (int f = 0; f < nf; f++) {
			const char *p[] = {fk[f], t->tok[i]};
			int count = 0;
			rc = db_count(
			    d, "DELETE FROM name_terms WHERE key = $1 AND token = $2 RETURNING 1",
			    2, p, &count);
			if (rc != DB_OK)
				return rc;
			*rows += count;
		}
	}
	return DB_OK;
}

/* The age the figures count the person at, once the date of birth goes:
 * their age when first recorded in a case (or on the record's creation),
 * or the estimate already held. "" when none is known. */
static int age_kept(db *d, const char *person_id, char out[16])
{
	const char *p[] = {person_id};
	db_stmt *s;
	out[0] = '\0';
	int rc =
	    db_one(d,
	           "SELECT p.date_of_birth, p.estimated_age, COALESCE((SELECT MIN(cp.created_at) "
	           "FROM case_people cp WHERE cp.person_id = p.id), p.created_at) FROM people p "
	           "WHERE p.id = $1",
	           1, p, &s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? DB_OK : rc;
	long est = db_col_is_null(s, 1) ? -1 : (long)db_col_int(s, 1);
	int age = statistics_age(db_col_text(s, 0), est, db_col_text(s, 2));
	db_finalize(s);
	if (age >= 0)
		snprintf(out, 16, "%d", age);
	return DB_OK;
}

/* Disposes of one person not yet disposed of, and of any record merged
 * into theirs (the same human). case_id names the case whose disposal took
 * it, or is NULL. */
static int dispose_one(db *d, const char *person_id, const char *case_id,
                       const disposal_decision *dec, disposal_result *out, int depth)
{
	const char *p1[] = {person_id};
	int64_t live = 0;
	int rc = db_get_int(d, "SELECT COUNT(*) FROM people WHERE id = $1 AND disposed_at IS NULL",
	                    1, p1, &live);
	if (rc != DB_ROW)
		return rc == DB_DONE ? DB_DONE : rc;
	if (live == 0)
		return DB_DONE;

	tokens t = {0};
	rc =
	    db_each_text(d,
	                 "SELECT substr(key, 3) FROM person_name_keys WHERE person_id = $1 AND key "
	                 "LIKE 't:%'",
	                 1, p1, token_row, &t);
	char age[16];
	if (rc == DB_OK)
		rc = age_kept(d, person_id, age);
	const char *p3[] = {person_id, dec->now, dec->actor_id};
	int before = out->rows;
	if (rc == DB_OK)
		rc = run_steps(d, person_steps, sizeof person_steps / sizeof *person_steps, 1, p1,
		               &out->rows);
	int docs = 0;
	if (rc == DB_OK) {
		int64_t ndocs = 0;
		rc = db_get_int(d,
		                "SELECT COUNT(*) FROM documents WHERE person_id = $1 AND "
		                "file_disposed_at IS NULL",
		                1, p1, &ndocs);
		rc = rc == DB_ROW ? DB_OK : rc;
		out->documents += (int)ndocs;
	}
	if (rc == DB_OK)
		rc = run_steps(d, person_document_steps,
		               sizeof person_document_steps / sizeof *person_document_steps, 3, p3,
		               &docs);
	out->rows += docs;
	if (rc == DB_OK) {
		const char *p[] = {person_id, age[0] ? age : NULL, dec->now};
		rc = db_change(
		    d,
		    "UPDATE people SET given_names = '', family_name = '', aliases = '[]', "
		    "date_of_birth = NULL, estimated_age = COALESCE($2, estimated_age), "
		    "languages = '[]', interpreter_needed = 0, interpreter_language = NULL, "
		    "safe_contact = NULL, immigration_status = NULL, disposed_at = $3, "
		    "version = version + 1 WHERE id = $1 RETURNING id",
		    3, p);
		if (rc == DB_DONE)
			rc = db_fail(d, DB_ERR, "disposal: the person went during disposal");
	}
	if (rc == DB_OK)
		rc = forget_tokens(d, &t, &out->rows);
	char id[SECURE_ID_LEN];
	secure_id(id);
	if (rc == DB_OK) {
		const char *p[] = {id,
		                   person_id,
		                   case_id,
		                   dec->request_id,
		                   dec->actor_id,
		                   dec->reason ? dec->reason : "",
		                   dec->now};
		rc = db_run(
		    d,
		    "INSERT INTO person_disposals (id, person_id, case_id, request_id, decided_by, "
		    "reason, disposed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		    7, p);
	}
	if (rc == DB_OK) {
		char detail[160];
		if (case_id)
			snprintf(detail, sizeof detail, "{\"case_id\":\"%s\",\"rows\":%d}", case_id,
			         out->rows - before);
		else
			snprintf(detail, sizeof detail, "{\"request_id\":\"%s\",\"rows\":%d}",
			         dec->request_id ? dec->request_id : "", out->rows - before);
		rc = audit(d, dec, "person_disposed", "person", person_id, detail);
	}
	if (rc != DB_OK)
		return rc;
	out->people_disposed++;

	/* Records merged into this one are the same person's. */
	if (depth >= 4)
		return DB_OK;
	for (;;) {
		char merged[SECURE_ID_LEN] = "";
		rc = db_get_text(
		    d,
		    "SELECT id FROM people WHERE merged_into = $1 AND disposed_at IS NULL "
		    "ORDER BY id LIMIT 1",
		    1, p1, merged, sizeof merged);
		if (rc == DB_DONE)
			return DB_OK;
		if (rc != DB_ROW)
			return rc;
		rc = dispose_one(d, merged, case_id, dec, out, depth + 1);
		if (rc != DB_OK)
			return rc == DB_DONE
			           ? db_fail(d, DB_ERR, "disposal: a merged record would not go")
			           : rc;
	}
}

/* Zeroes freed pages from here on, on SQLite (every connection also opens
 * with it; see db_sqlite.c). */
static int secure_delete(db *d)
{
	return d->engine == DB_ENGINE_SQLITE ? db_exec(d, "PRAGMA secure_delete = ON") : DB_OK;
}

static int check_decision(db *d, const disposal_decision *dec)
{
	if (!dec || !dec->actor_id || !dec->now || !dec->reason)
		return db_fail(d, DB_ERR, "disposal: who decided, why and when are required");
	if (!d->in_tx)
		return db_fail(d, DB_ERR, "disposal: runs inside the caller's transaction");
	return DB_OK;
}

int store_dispose_person(db *d, const char *person_id, const disposal_decision *dec,
                         disposal_result *out)
{
	memset(out, 0, sizeof *out);
	int rc = check_decision(d, dec);
	if (rc == DB_OK)
		rc = secure_delete(d);
	if (rc == DB_OK)
		rc = dispose_one(d, person_id, NULL, dec, out, 0);
	return rc;
}

/* The next person of the case after `after` who is in no case retained,
 * is not missing now (an episode not yet closed by their return is a live
 * record of its own) and is not yet disposed of: DB_ROW with id, DB_DONE,
 * or an error. */
static int next_to_dispose(db *d, const char *case_id, const char *after, char id[SECURE_ID_LEN])
{
	const char *p[] = {case_id, after};
	return db_get_text(
	    d,
	    "SELECT DISTINCT cp.person_id FROM case_people cp JOIN people p ON p.id = "
	    "cp.person_id WHERE cp.case_id = $1 AND cp.person_id > $2 AND p.disposed_at "
	    "IS NULL AND NOT EXISTS (SELECT 1 FROM case_people o JOIN cases oc ON oc.id = "
	    "o.case_id WHERE o.person_id = cp.person_id AND o.case_id <> $1 AND "
	    "oc.disposed_at IS NULL) AND NOT EXISTS (SELECT 1 FROM missing_episodes me WHERE "
	    "me.person_id = cp.person_id AND me.returned_at IS NULL) ORDER BY cp.person_id "
	    "LIMIT 1",
	    2, p, id, SECURE_ID_LEN);
}

int store_dispose_case(db *d, const char *case_id, const disposal_decision *dec,
                       disposal_result *out)
{
	memset(out, 0, sizeof *out);
	int rc = check_decision(d, dec);
	if (rc != DB_OK)
		return rc;
	const char *p1[] = {case_id};
	char reference[64] = "", opened[32] = "", closed[32] = "";
	db_stmt *s;
	rc = db_one(
	    d,
	    "SELECT reference, created_at, CASE WHEN status = 'closed' THEN COALESCE((SELECT "
	    "MAX(h.at) FROM history h WHERE h.record_type = 'case' AND h.record_id = c.id AND "
	    "h.field = 'status' AND h.new_value = 'closed'), updated_at) END FROM cases c "
	    "WHERE id = $1 AND disposed_at IS NULL",
	    1, p1, &s);
	if (rc != DB_ROW)
		return rc;
	db_col_copy(s, 0, reference, sizeof reference);
	db_col_copy(s, 1, opened, sizeof opened);
	db_col_copy(s, 2, closed, sizeof closed);
	db_finalize(s);
	opened[10] = '\0';
	closed[10] = '\0';
	if ((rc = secure_delete(d)) != DB_OK)
		return rc;

	/* The people who go with it: in this case and in no other retained one. */
	char after[SECURE_ID_LEN] = "", id[SECURE_ID_LEN];
	while ((rc = next_to_dispose(d, case_id, after, id)) == DB_ROW) {
		memcpy(after, id, sizeof after);
		rc = dispose_one(d, id, case_id, dec, out, 0);
		if (rc != DB_OK && rc != DB_DONE)
			return rc;
	}
	if (rc != DB_DONE)
		return rc;
	int64_t kept = 0;
	rc = db_get_int(
	    d,
	    "SELECT COUNT(DISTINCT cp.person_id) FROM case_people cp JOIN people p ON p.id = "
	    "cp.person_id WHERE cp.case_id = $1 AND p.disposed_at IS NULL",
	    1, p1, &kept);
	if (rc != DB_ROW)
		return rc == DB_DONE ? db_fail(d, DB_ERR, "disposal: no count") : rc;
	out->people_kept = (int)kept;

	int64_t notes = 0;
	rc = db_get_int(d, "SELECT COUNT(*) FROM timeline WHERE case_id = $1", 1, p1, &notes);
	if (rc != DB_ROW)
		return rc == DB_DONE ? db_fail(d, DB_ERR, "disposal: no count") : rc;
	out->notes = (int)notes;
	rc = run_steps(d, case_steps, sizeof case_steps / sizeof *case_steps, 1, p1, &out->rows);
	const char *p3[] = {case_id, dec->now, dec->actor_id};
	int docs = 0;
	if (rc == DB_OK) {
		int64_t ndocs = 0;
		rc = db_get_int(d,
		                "SELECT COUNT(*) FROM documents WHERE case_id = $1 AND "
		                "file_disposed_at IS NULL",
		                1, p1, &ndocs);
		rc = rc == DB_ROW ? DB_OK : rc;
		out->documents += (int)ndocs;
	}
	if (rc == DB_OK)
		rc = run_steps(d, case_document_steps,
		               sizeof case_document_steps / sizeof *case_document_steps, 3, p3,
		               &docs);
	out->rows += docs;
	if (rc == DB_OK) {
		const char *p[] = {case_id, dec->now};
		rc = db_change(
		    d,
		    "UPDATE cases SET title = '', summary = '', outcome = NULL, search_text = "
		    "LOWER(reference), disposed_at = $2, version = version + 1 WHERE id = $1 "
		    "RETURNING id",
		    2, p);
	}
	if (rc != DB_OK)
		return rc;
	secure_id(out->stub_id);
	char disposed[16], keptn[16];
	snprintf(disposed, sizeof disposed, "%d", out->people_disposed);
	snprintf(keptn, sizeof keptn, "%d", out->people_kept);
	const char *stub[] = {
	    out->stub_id, case_id,       reference,   opened,         closed[0] ? closed : NULL,
	    dec->group,   dec->actor_id, dec->reason, dec->review_id, dec->now,
	    disposed,     keptn};
	rc = db_run(d,
	            "INSERT INTO case_disposals (id, case_id, reference, opened_on, closed_on, "
	            "retention_group, decided_by, reason, review_id, disposed_at, people_disposed, "
	            "people_kept) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
	            12, stub);
	if (rc != DB_OK)
		return rc;
	char detail[256];
	snprintf(detail, sizeof detail,
	         "{\"stub_id\":\"%s\",\"people_disposed\":%d,\"people_kept\":%d,\"documents\":%d,"
	         "\"notes\":%d,\"rows\":%d}",
	         out->stub_id, out->people_disposed, out->people_kept, out->documents, out->notes,
	         out->rows);
	return audit(d, dec, "case_disposed", "case", case_id, detail);
}

/* The scrub. */

typedef struct files_ctx {
	struct blob_store *bs;
	int removed;
	int failed;
} files_ctx;

static int file_row(const char *sha, void *arg)
{
	files_ctx *f = arg;
	if (!sha || strlen(sha) != BLOB_SHA256_HEX - 1 || !blobs_has(f->bs, sha))
		return 0;
	if (blobs_remove(f->bs, sha) == 0)
		f->removed++;
	else
		f->failed++;
	return 0;
}

typedef struct fts_ctx {
	db *d;
	int rc;
} fts_ctx;

/* Merges a full-text index's segments into one, so the segments that held
 * deleted rows are freed (and, with secure_delete, zeroed). The name comes
 * from the schema, never from a request. */
static int fts_optimise(const char *name, void *arg)
{
	fts_ctx *f = arg;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return 0;
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES ('optimize')", name, name);
	f->rc = db_exec(f->d, sql);
	return f->rc != DB_OK;
}

static void pause_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* PRAGMA wal_checkpoint(TRUNCATE): DB_OK when it finished, DB_BUSY when a
 * reader held it back. */
static int checkpoint(db *d)
{
	db_stmt *s;
	int rc = db_prepare(d, "PRAGMA wal_checkpoint(TRUNCATE)", &s);
	if (rc != DB_OK)
		return rc;
	rc = db_step(s);
	int busy = rc == DB_ROW ? (int)db_col_int(s, 0) : 0;
	db_finalize(s);
	if (rc == DB_BUSY || (rc == DB_ROW && busy))
		return DB_BUSY;
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int store_disposal_scrub(db *d, struct blob_store *bs, int wait_ms, disposal_scrub_report *rep)
{
	memset(rep, 0, sizeof *rep);
	if (d->in_tx)
		return db_fail(d, DB_ERR, "disposal scrub: runs after the commit");
	int rc = DB_OK;
	if (bs) {
		files_ctx f = {bs, 0, 0};
		rc = db_each_text(
		    d,
		    "SELECT DISTINCT x.sha256 FROM documents x WHERE x.file_disposed_at IS "
		    "NOT NULL AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.sha256 = "
		    "x.sha256 AND o.file_disposed_at IS NULL)",
		    0, NULL, file_row, &f);
		rep->files_removed = f.removed;
		if (rc == DB_OK && f.failed)
			return db_fail(d, DB_IO,
			               "disposal scrub: %d document files could not be removed",
			               f.failed);
	}
	if (rc != DB_OK || d->engine != DB_ENGINE_SQLITE)
		return rc;
	/* No table is full-text indexed today; any added later is merged here. */
	fts_ctx fc = {d, DB_OK};
	rc = db_each_text(d,
	                  "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE "
	                  "'%USING fts5%'",
	                  0, NULL, fts_optimise, &fc);
	if (rc != DB_OK && fc.rc != DB_OK)
		return fc.rc;
	if (rc != DB_OK)
		return rc;
	int waited = 0;
	for (;;) {
		rc = checkpoint(d);
		if (rc != DB_BUSY)
			break;
		rep->busy_retries++;
		if (waited >= wait_ms)
			return db_fail(
			    d, DB_BUSY,
			    "disposal scrub: readers held the WAL checkpoint back; run it again");
		pause_ms(50);
		waited += 50;
	}
	if (rc == DB_OK)
		rep->checkpointed = 1;
	return rc;
}
