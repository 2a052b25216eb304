/* Access bundles: everything held about a person who asked for it
 * (Data Protection Act 2018 s45; UK GDPR art 15), assembled from each
 * feature's records, with third parties' names marked for redaction; a
 * records manager decides each redaction and any exemption, item by item,
 * then releases the bundle, which is fixed from then on and downloaded as
 * PDF or JSON holding only the redacted text. */
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/redaction.h"
#include "domain/words.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/pdf.h"
#include "store/subject_bundles.h"

#define REDACTED_MARK "[redacted]"

/* ---- the request and its bundle ---- */

/* Loads the request {id} names and decides the action on it. 0, or -1
 * having replied (404 for a request out of reach, as for none). */
static int load_request(http_req *req, access_action a, bundle_request_rec *r)
{
	api_ctx *c = api_ctx_of(req);
	int rc = store_bundle_request_get(c->db, http_req_arena(req), http_req_param(req, "id"), r);
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return -1;
	}
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such subject request", NULL);
		return -1;
	}
	return api_allow(req, KIND_SUBJECT_REQUEST, a, api_relate(req, r->org_id, NULL, NULL, 0),
	                 "subject request");
}

/* Loads the request's bundle: 0, or -1 having replied (404 when it has
 * none yet). */
static int load_bundle(http_req *req, const bundle_request_rec *r, bundle_rec *b)
{
	int rc = store_bundle_get(api_ctx_of(req)->db, http_req_arena(req), r->id, b);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		http_reply_problem(req, 404, "Not Found",
		                   "no bundle has been assembled for this request", NULL);
	else
		api_db_fail(req, rc);
	return -1;
}

/* A read of one row that must be there, as a write's status: DB_OK when
 * it was (DB_ROW), an error of its kind otherwise (none is a bug). */
static int row_there(int rc)
{
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERR : rc;
}

/* ---- the bundle as JSON ---- */

typedef struct bundle_json {
	http_req *req;
	json_t *items; /* in order */
	json_t *by_id; /* item id -> item */
	int64_t proposed;
} bundle_json;

static json_t *exemption_json(const char *ground, const char *reason)
{
	if (!ground)
		return json_null();
	return json_pack("{s:s, s:s?, s:s?}", "ground", ground, "ground_text",
	                 redaction_ground_text(ground), "reason", reason);
}

static json_t *item_json(const bundle_item_rec *it)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:[], s:I}", "id", it->id, "section",
	                 it->section, "title", it->title, "text", it->text, "exemption",
	                 exemption_json(it->exemption_ground, it->exemption_reason), "redactions",
	                 "version", (json_int_t)it->version);
}

static int add_item(const bundle_item_rec *it, void *arg)
{
	bundle_json *bj = arg;
	json_t *j = item_json(it);
	if (!j || json_array_append_new(bj->items, j) != 0 ||
	    json_object_set(bj->by_id, it->id, j) != 0)
		return DB_NOMEM;
	return DB_OK;
}

/* The words a redaction covers, from the item's text. */
static json_t *covered(const char *text, int64_t start, int64_t length)
{
	redaction_span s = {.start = (size_t)start, .length = (size_t)length};
	redaction_spans_bytes(text, &s, 1);
	return json_stringn(text + s.byte_start, s.byte_length);
}

static int add_redaction(const bundle_redaction_rec *r, void *arg)
{
	bundle_json *bj = arg;
	json_t *item = json_object_get(bj->by_id, r->item_id);
	if (!item)
		return DB_OK;
	const char *text = json_string_value(json_object_get(item, "text"));
	json_t *j = json_pack("{s:s, s:I, s:I, s:o, s:s, s:s}", "id", r->id, "start",
	                      (json_int_t)r->start, "length", (json_int_t)r->length, "text",
	                      covered(text ? text : "", r->start, r->length), "reason", r->reason,
	                      "status", r->status);
	if (!j || json_array_append_new(json_object_get(item, "redactions"), j) != 0)
		return DB_NOMEM;
	if (strcmp(r->status, "proposed") == 0 && json_is_null(json_object_get(item, "exemption")))
		bj->proposed++;
	return DB_OK;
}

/* Reads the bundle's items and redactions into bj (items kept by the
 * request). DB_OK or an error. */
static int bundle_items_read(http_req *req, const char *request_id, bundle_json *bj)
{
	bj->req = req;
	bj->items = api_keep(req, json_array());
	bj->by_id = api_keep(req, json_object());
	bj->proposed = 0;
	if (!bj->items || !bj->by_id)
		return DB_NOMEM;
	db *d = api_ctx_of(req)->db;
	int rc = store_bundle_items(d, http_req_arena(req), request_id, add_item, bj);
	if (rc == DB_OK)
		rc = store_bundle_redactions(d, http_req_arena(req), request_id, add_redaction, bj);
	return rc;
}

/* The bundle as a records manager reviews it: {request_id, person_id,
 * status, assembled_at, released_at, proposed, version, items}. NULL when
 * memory runs out. */
static json_t *bundle_view(const bundle_rec *b, bundle_json *bj)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:I, s:I, s:O}", "request_id", b->request_id,
	                 "person_id", b->person_id, "status", b->status, "assembled_at",
	                 b->assembled_at, "released_at", b->released_at, "proposed",
	                 (json_int_t)bj->proposed, "version", (json_int_t)b->version, "items",
	                 bj->items);
}

/* Replies status with the bundle as it stands now, or the error. */
static void reply_bundle(http_req *req, const char *request_id, int status, int rc)
{
	bundle_rec b;
	bundle_json bj;
	if (rc == DB_OK)
		rc = row_there(
		    store_bundle_get(api_ctx_of(req)->db, http_req_arena(req), request_id, &b));
	if (rc == DB_OK)
		rc = bundle_items_read(req, request_id, &bj);
	json_t *out = rc == DB_OK ? bundle_view(&b, &bj) : NULL;
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	if (rc == DB_OK)
		api_etag(req, b.version);
	api_write_end(req, rc, status, out);
}

/* ---- assembling ---- */

/* Names to find: the person's own (never redacted) and third parties'. */
typedef struct names {
	http_req *req;
	json_t *own;   /* strings: the person's names and their words */
	json_t *terms; /* [[text, whose], ...]: 0 a third party, 1 an officer */
} names;

static int is_own(const names *n, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(n->own, i, v) if (redaction_same(json_string_value(v), s)) return 1;
	return 0;
}

static int add_own_word(const char *word, size_t len, void *arg)
{
	return json_array_append_new(((names *)arg)->own, json_stringn(word, len)) == 0 ? 0
	                                                                                : DB_NOMEM;
}

/* Adds s and its words (of at least min characters) as the person's own. */
static int own_name(names *n, const char *s, size_t min)
{
	if (!s || !s[0])
		return DB_OK;
	if (json_array_append_new(n->own, json_string(s)) != 0)
		return DB_NOMEM;
	return redaction_words(s, min, add_own_word, n);
}

typedef struct term_add {
	names *n;
	int whose;
} term_add;

static int add_term_text(names *n, const char *s, size_t len, int whose)
{
	json_t *t = json_stringn(s, len);
	if (!t)
		return DB_NOMEM;
	if (!json_string_length(t) || is_own(n, json_string_value(t))) {
		json_decref(t);
		return DB_OK;
	}
	return json_array_append_new(n->terms, json_pack("[o, i]", t, whose)) == 0 ? DB_OK
	                                                                           : DB_NOMEM;
}

static int add_term_word(const char *word, size_t len, void *arg)
{
	term_add *ta = arg;
	return add_term_text(ta->n, word, len, ta->whose);
}

/* Adds a third party's name, whole and word by word. */
static int third_name(names *n, const char *s, int whose, size_t min)
{
	if (!s || !s[0])
		return DB_OK;
	int rc = add_term_text(n, s, strlen(s), whose);
	term_add ta = {n, whose};
	return rc == DB_OK ? redaction_words(s, min, add_term_word, &ta) : rc;
}

static int third_party(const char *given, const char *family, const char *aliases, int officer,
                       void *arg)
{
	names *n = arg;
	if (officer) {
		/* A display name, whole and by its words of three letters or
		 * more (not "DC" or "PC"), and the user name. */
		int rc = third_name(n, given, 1, 3);
		return rc == DB_OK ? add_term_text(n, family, strlen(family), 1) : rc;
	}
	char full[512];
	snprintf(full, sizeof full, "%s %s", given, family);
	int rc = third_name(n, full, 0, 2);
	json_t *al = aliases ? json_loads(aliases, 0, NULL) : NULL;
	size_t i;
	json_t *v;
	json_array_foreach(al, i, v) if (rc == DB_OK && json_is_string(v)) rc =
	    third_name(n, json_string_value(v), 0, 2);
	json_decref(al);
	return rc;
}

/* Writes one value as its list reads it (domain/words.h). */
static void word_text(buf *out, words_list list, const char *v)
{
	if (list == WORDS_AS_WRITTEN) {
		buf_puts(out, v); /* free text, whole */
		return;
	}
	char w[512];
	words_of(list, v, w, sizeof w);
	buf_puts(out, w);
}

/* Writes a JSON value other than a string, as it is. */
static void json_text(buf *out, const json_t *e)
{
	char *s = json_dumps(e, JSON_ENCODE_ANY | JSON_COMPACT);
	buf_puts(out, s ? s : "");
	free(s);
}

/* Writes a value for a line of text, in words: JSON lists as "a, b", each
 * read from the column's list; objects (a victim's context) as "part: a,
 * b; part: c", each part by name and its values from the part's list;
 * anything else as the column's list reads it. */
static void value_text(buf *out, words_list list, const char *v)
{
	json_t *j = (v[0] == '[' || v[0] == '{') ? json_loads(v, 0, NULL) : NULL;
	if (json_is_array(j)) {
		size_t i;
		json_t *e;
		json_array_foreach(j, i, e)
		{
			if (i)
				buf_puts(out, ", ");
			if (json_is_string(e))
				word_text(out, list, json_string_value(e));
			else
				json_text(out, e);
		}
	} else if (json_is_object(j)) {
		const char *k;
		json_t *e;
		int first = 1;
		json_object_foreach(j, k, e)
		{
			if (json_is_null(e) || (json_is_array(e) && json_array_size(e) == 0))
				continue;
			buf_puts(out, first ? "" : "; ");
			word_text(out, list == WORDS_VICTIM_CONTEXT ? list : WORDS_AS_WRITTEN, k);
			buf_puts(out, ": ");
			first = 0;
			words_list of = list == WORDS_VICTIM_CONTEXT ? words_context_values(k) : WORDS_AS_WRITTEN;
			if (json_is_string(e))
				word_text(out, of, json_string_value(e));
			else if (json_is_array(e)) {
				size_t i;
				json_t *x;
				json_array_foreach(e, i, x)
				{
					buf_puts(out, i ? ", " : "");
					if (json_is_string(x))
						word_text(out, of, json_string_value(x));
					else
						json_text(out, x);
				}
			} else
				json_text(out, e);
		}
	} else
		word_text(out, list, v);
	json_decref(j);
}

typedef struct assembly {
	http_req *req;
	const char *request_id;
	names *names;
	redaction_term *terms; /* third parties' */
	size_t nterms;
	redaction_term *own; /* the person's */
	size_t nown;
	bundle_source src;
	int position;
	int proposed;
	buf consultations; /* the one item of who consulted the record */
	buf seen_ranges;   /* where its purposes are (value ranges, below) */
} assembly;

static int count_span(const redaction_span *s, void *arg)
{
	(void)s;
	(*(int *)arg)++;
	return 0;
}

/* Where the values of an item's text are, as pairs of byte offsets
 * [from, to): names are looked for there, never in the labels and fixed
 * words around them (an officer named "Other Matrix" must not redact
 * "Other names"). */
static void range_add(buf *ranges, size_t from, size_t to)
{
	size_t pair[2] = {from, to};
	buf_append(ranges, pair, sizeof pair);
}

static int in_ranges(const buf *ranges, size_t from, size_t len)
{
	const size_t *r = (const size_t *)(const void *)ranges->data;
	for (size_t i = 0; r && i + 1 < ranges->len / sizeof *r; i += 2)
		if (from >= r[i] && from + len <= r[i + 1])
			return 1;
	return 0;
}

typedef struct item_marks {
	assembly *as;
	const char *item_id;
	const buf *ranges;
	int rc;
} item_marks;

static int mark_span(const redaction_span *s, void *arg)
{
	item_marks *m = arg;
	if (!in_ranges(m->ranges, s->byte_start, s->byte_length))
		return 0;
	bundle_redaction_rec r = {.start = (int64_t)s->start, .length = (int64_t)s->length};
	snprintf(r.item_id, sizeof r.item_id, "%s", m->item_id);
	r.reason = m->as->terms[s->term].whose ? "officer_name" : "third_party_name";
	m->rc = store_bundle_redaction_add(api_ctx_of(m->as->req)->db, &r);
	if (m->rc == DB_OK)
		m->as->proposed++;
	return m->rc == DB_OK ? 0 : 1;
}

/* Adds an item and marks the third parties' names in its text. */
static int item_add(assembly *as, const char *section, const char *title, const char *text,
                    const buf *ranges)
{
	bundle_item_rec it = {
	    .position = ++as->position, .section = section, .title = title, .text = text};
	snprintf(it.request_id, sizeof it.request_id, "%s", as->request_id);
	int rc = store_bundle_item_add(api_ctx_of(as->req)->db, &it);
	if (rc != DB_OK)
		return rc;
	if (ranges->failed)
		return DB_NOMEM;
	item_marks m = {as, it.id, ranges, DB_OK};
	int frc = redaction_find(text, as->terms, as->nterms, mark_span, &m);
	return frc < 0 ? DB_NOMEM : m.rc;
}

static const char *title_of(bundle_source src, const char *reference)
{
	static const char *const titles[BUNDLE_SRC_COUNT] = {
	    [BUNDLE_SRC_RECORD] = "Your record",
	    [BUNDLE_SRC_PARTS] = "Your part in case",
	    [BUNDLE_SRC_INDICATORS] = "An indicator recorded about you in case",
	    [BUNDLE_SRC_NOTES] = "A note about you in case",
	    [BUNDLE_SRC_NRM] = "Your referral to the National Referral Mechanism in case",
	    [BUNDLE_SRC_PLANS] = "Your safeguarding plan in case",
	    [BUNDLE_SRC_PLAN_RISKS] = "A risk in your safeguarding plan in case",
	    [BUNDLE_SRC_PLAN_ACTIONS] = "An action in your safeguarding plan in case",
	    [BUNDLE_SRC_PLAN_NOTES] = "A note in your safeguarding plan in case",
	    [BUNDLE_SRC_MISSING] = "A time you were reported missing",
	    [BUNDLE_SRC_REFERRALS] = "Your referral to a support service in case",
	    [BUNDLE_SRC_DOCUMENTS] = "A document about you in case",
	    [BUNDLE_SRC_DISCLOSURES] = "Your record shared with another organisation, in case",
	    [BUNDLE_SRC_CONSULTATIONS] = "Who consulted your record",
	};
	static __thread char out[160];
	if (reference)
		snprintf(out, sizeof out, "%s %s", titles[src], reference);
	else
		snprintf(out, sizeof out, "%s", titles[src]);
	return out;
}

static int source_item(const bundle_row *r, void *arg)
{
	assembly *as = arg;
	buf text;
	buf_init(&text);
	if (as->src == BUNDLE_SRC_CONSULTATIONS) {
		/* One line each: when, the organisation, the role, what, why. */
		char when[80], role_words[120], what[160];
		words_of(WORDS_TIME, r->values[0], when, sizeof when);
		words_of(WORDS_USER_ROLE, r->values[2], role_words, sizeof role_words);
		words_of(WORDS_AUDIT_ACTION, r->values[3], what, sizeof what);
		buf_printf(&as->consultations, "%s: %s, %s: %s", when,
		           r->values[1] ? r->values[1] : "an organisation no longer known",
		           r->values[2] ? role_words : "a role no longer known", what);
		if (r->values[4] && r->values[4][0]) {
			buf_puts(&as->consultations, " (purpose: ");
			size_t from = as->consultations.len;
			buf_puts(&as->consultations, r->values[4]);
			range_add(&as->seen_ranges, from, as->consultations.len);
			buf_puts(&as->consultations, ")");
		}
		buf_puts(&as->consultations, "\n");
		return as->consultations.failed ? DB_NOMEM : DB_OK;
	}
	const char *reference = NULL;
	buf ranges;
	buf_init(&ranges);
	for (int i = 0; i < r->n; i++) {
		if (!r->values[i] || !r->values[i][0])
			continue;
		if (strcmp(r->labels[i], "Case") == 0) {
			reference = r->values[i];
			continue;
		}
		size_t line = text.len;
		buf_printf(&text, "%s: ", r->labels[i]);
		size_t from = text.len;
		value_text(&text, r->words[i], r->values[i]);
		if (text.len == from && !text.failed) {
			/* nothing held: no line (an empty list) */
			text.len = line;
			text.data[line] = '\0';
			continue;
		}
		range_add(&ranges, from, text.len);
		buf_puts(&text, "\n");
	}
	if (text.len && text.data[text.len - 1] == '\n')
		text.data[--text.len] = '\0';
	int rc = text.failed ? DB_NOMEM : DB_OK;
	int about = 1;
	if (rc == DB_OK && as->src == BUNDLE_SRC_NOTES) {
		/* A note of the case is about the person when it names them. */
		int n = 0;
		about =
		    redaction_find(buf_str(&text), as->own, as->nown, count_span, &n) == 0 && n > 0;
	}
	if (rc == DB_OK && about && text.len) {
		const char *title =
		    arena_strdup(http_req_arena(as->req), title_of(as->src, reference));
		rc = title ? item_add(as, store_bundle_section(as->src), title, buf_str(&text),
		                      &ranges)
		           : DB_NOMEM;
	}
	buf_free(&text);
	buf_free(&ranges);
	return rc;
}

/* The names as terms for the matcher, in the request's memory. */
static redaction_term *terms_of(http_req *req, json_t *list, int pairs, size_t *n)
{
	*n = json_array_size(list);
	redaction_term *t = arena_alloc(http_req_arena(req), (*n ? *n : 1) * sizeof *t);
	for (size_t i = 0; t && i < *n; i++) {
		json_t *e = json_array_get(list, i);
		t[i].text = json_string_value(pairs ? json_array_get(e, 0) : e);
		t[i].whose = pairs ? (int)json_integer_value(json_array_get(e, 1)) : 0;
	}
	return t;
}

typedef struct own_names {
	names *n;
	int found;
} own_names;

static int record_names(const bundle_row *r, void *arg)
{
	own_names *o = arg;
	o->found = 1;
	/* given names, family name, aliases */
	char full[512];
	snprintf(full, sizeof full, "%s %s", r->values[0] ? r->values[0] : "",
	         r->values[1] ? r->values[1] : "");
	int rc = own_name(o->n, full, 2);
	json_t *al = r->values[2] ? json_loads(r->values[2], 0, NULL) : NULL;
	size_t i;
	json_t *v;
	json_array_foreach(al, i, v) if (rc == DB_OK && json_is_string(v)) rc =
	    own_name(o->n, json_string_value(v), 2);
	json_decref(al);
	return rc;
}

void api_bundle_assemble(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	bundle_request_rec r;
	if (load_request(req, ACT_WRITE, &r) != 0)
		return;
	if (strcmp(r.kind, "access") != 0) {
		api_conflict(
		    req,
		    "only a request for access has a bundle; this request is for another right");
		return;
	}
	if (strcmp(r.status, "open") != 0) {
		api_conflict(req, "this request is closed");
		return;
	}
	bundle_rec existing;
	int rc = store_bundle_get(c->db, http_req_arena(req), r.id, &existing);
	if (rc == DB_ROW) {
		api_conflict(req, "a bundle has been assembled for this request already");
		return;
	}
	if (rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	names n = {req, api_keep(req, json_array()), api_keep(req, json_array())};
	if (!n.own || !n.terms) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	own_names o = {&n, 0};
	rc = store_bundle_source_rows(c->db, BUNDLE_SRC_RECORD, r.person_id, record_names, &o);
	if (rc == DB_OK && !o.found) {
		api_conflict(req,
		             "the person's record is no longer held: there is nothing to assemble");
		return;
	}
	if (rc == DB_OK)
		rc = store_bundle_third_parties(c->db, r.person_id, third_party, &n);
	assembly as = {.req = req, .request_id = r.id, .names = &n};
	buf_init(&as.consultations);
	buf_init(&as.seen_ranges);
	as.terms = terms_of(req, n.terms, 1, &as.nterms);
	as.own = terms_of(req, n.own, 0, &as.nown);
	if (rc == DB_OK && (!as.terms || !as.own))
		rc = DB_NOMEM;
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	if (rc == DB_OK)
		rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_bundle_create(c->db, r.id, r.org_id, r.person_id, c->user.id, now);
	for (int s = 0; rc == DB_OK && s < BUNDLE_SRC_COUNT; s++) {
		as.src = (bundle_source)s;
		rc = store_bundle_source_rows(c->db, as.src, r.person_id, source_item, &as);
	}
	if (rc == DB_OK) {
		as.src = BUNDLE_SRC_CONSULTATIONS;
		if (as.consultations.len && as.consultations.data[as.consultations.len - 1] == '\n')
			as.consultations.data[--as.consultations.len] = '\0';
		rc = as.consultations.failed
		         ? DB_NOMEM
		         : item_add(&as, store_bundle_section(BUNDLE_SRC_CONSULTATIONS),
		                    title_of(BUNDLE_SRC_CONSULTATIONS, NULL),
		                    as.consultations.len ? buf_str(&as.consultations)
		                                         : "No one has consulted your record.",
		                    &as.seen_ranges);
	}
	buf_free(&as.consultations);
	buf_free(&as.seen_ranges);
	if (rc == DB_OK)
		rc = api_audit(
		    req, "subject_bundle_assembled", "subject_request", r.id, NULL,
		    json_pack("{s:i, s:i}", "items", as.position, "proposed", as.proposed));
	/* Reading the whole record is a consultation of it, logged on it. */
	if (rc == DB_OK)
		rc = api_audit(req, "subject_bundle_assembled", "person", r.person_id,
		               "subject access request", json_pack("{s:s}", "request_id", r.id));
	reply_bundle(req, r.id, 201, rc);
}

/* ---- reading ---- */

void api_bundle_get(http_req *req)
{
	bundle_request_rec r;
	bundle_rec b;
	if (load_request(req, ACT_READ, &r) != 0 || load_bundle(req, &r, &b) != 0)
		return;
	/* The reply is made whole before the read is audited: nothing may
	 * fail once that entry is kept. */
	bundle_json bj;
	int rc = bundle_items_read(req, r.id, &bj);
	json_t *out = rc == DB_OK ? api_keep(req, bundle_view(&b, &bj)) : NULL;
	const char *text = out ? api_json_text(req, out) : NULL;
	if (rc == DB_OK && !text)
		rc = DB_NOMEM;
	if (rc == DB_OK) {
		api_etag(req, b.version);
		rc = api_audit(req, "subject_bundle_viewed", "subject_request", r.id, NULL, NULL);
	}
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_bytes(req, 200, "application/json", text, strlen(text));
}

/* ---- decisions ---- */

static const char *const decisions[] = {"approved", "rejected"};

/* Checks the redactions the body decides: each {id, status} of this item,
 * status approved or rejected. Problems go to errors. */
static int check_decisions(http_req *req, json_t *list, const char *item_id, json_t *errors)
{
	if (!json_array_size(list))
		return DB_OK;
	bundle_json bj;
	int rc = bundle_items_read(req, http_req_param(req, "id"), &bj);
	if (rc != DB_OK)
		return rc;
	json_t *known = json_object_get(json_object_get(bj.by_id, item_id), "redactions");
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d)
	{
		char field[64];
		const char *id = json_string_value(json_object_get(d, "id"));
		const char *st = json_string_value(json_object_get(d, "status"));
		if (!json_is_object(d) || json_object_size(d) != 2 || !id || !st) {
			snprintf(field, sizeof field, "redactions[%zu]", i);
			jv_error(errors, field, "give each decision as {id, status}");
			continue;
		}
		int found = 0;
		size_t k;
		json_t *e;
		json_array_foreach(
		    known, k, e) if (strcmp(json_string_value(json_object_get(e, "id")), id) == 0)
		    found = 1;
		if (!found) {
			snprintf(field, sizeof field, "redactions[%zu].id", i);
			jv_error(errors, field, "is not a redaction proposed in this item");
		}
		if (strcmp(st, decisions[0]) != 0 && strcmp(st, decisions[1]) != 0) {
			snprintf(field, sizeof field, "redactions[%zu].status", i);
			jv_error(errors, field, "must be approved or rejected");
		}
	}
	return DB_OK;
}

static void check_exemption(json_t *ex, json_t *errors)
{
	if (!ex || json_is_null(ex))
		return;
	if (!json_is_object(ex)) {
		jv_error(errors, "exemption", "must be {ground, reason} or null");
		return;
	}
	const char *ground = json_string_value(json_object_get(ex, "ground"));
	const char *reason = json_string_value(json_object_get(ex, "reason"));
	const char *k;
	json_t *v;
	json_object_foreach(ex, k, v) if (strcmp(k, "ground") != 0 && strcmp(k, "reason") != 0)
	    jv_error(errors, "exemption", "holds only ground and reason");
	if (!redaction_ground_text(ground))
		jv_error(errors, "exemption.ground",
		         "must be one of inquiry, prosecution, public_security, national_security, "
		         "rights_of_others (Data Protection Act 2018 s45(4))");
	if (!reason || !reason[strspn(reason, " \t\r\n")])
		jv_error(errors, "exemption.reason", "say why the item is withheld");
	else if (strlen(reason) > FIELD_NOTE)
		jv_error(errors, "exemption.reason", "is too long");
}

void api_bundle_item_patch(http_req *req)
{
	static const jv_field fields[] = {{"redactions", JV_ARRAY, 0, 1000},
	                                  JV_OPT_OBJECT("exemption")};
	api_ctx *c = api_ctx_of(req);
	bundle_request_rec r;
	bundle_rec b;
	bundle_item_rec it;
	int64_t version;
	if (load_request(req, ACT_DECIDE, &r) != 0 || load_bundle(req, &r, &b) != 0)
		return;
	if (strcmp(r.status, "open") != 0) {
		api_conflict(req, "this request is closed: its bundle is no longer reviewed");
		return;
	}
	int rc = store_bundle_item_get(c->db, http_req_arena(req), r.id,
	                               http_req_param(req, "item"), &it);
	if (rc == DB_DONE) {
		http_reply_problem(req, 404, "Not Found", "there is no such item in this bundle",
		                   NULL);
		return;
	}
	if (rc != DB_ROW) {
		api_db_fail(req, rc);
		return;
	}
	if (api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *list = json_object_get(body, "redactions");
	int has_ex = json_object_get(body, "exemption") != NULL;
	json_t *ex = json_object_get(body, "exemption");
	json_t *errors = json_array();
	if (!json_array_size(list) && !has_ex)
		jv_error(errors, "redactions",
		         "decide at least one redaction, or give the exemption");
	if ((rc = check_decisions(req, list, it.id, errors)) != DB_OK) {
		json_decref(errors);
		api_db_fail(req, rc);
		return;
	}
	check_exemption(ex, errors);
	if (api_reject(req, errors))
		return;
	if (strcmp(b.status, "draft") != 0) {
		api_conflict(req, "the bundle has been released and is fixed");
		return;
	}
	if (version != it.version) {
		bundle_json bj;
		json_t *cur = bundle_items_read(req, r.id, &bj) == DB_OK
		                  ? json_object_get(bj.by_id, it.id)
		                  : NULL;
		api_stale(req, "item", it.version, json_incref(cur));
		return;
	}
	const char *ground =
	    json_is_object(ex) ? json_string_value(json_object_get(ex, "ground")) : NULL;
	const char *reason =
	    json_is_object(ex) ? json_string_value(json_object_get(ex, "reason")) : NULL;
	if (!has_ex) {
		ground = it.exemption_ground;
		reason = it.exemption_reason;
	}
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	rc = db_begin(c->db);
	if (rc == DB_OK &&
	    (rc = store_bundle_item_update(c->db, it.id, version, ground, reason)) == DB_DONE) {
		api_refuse(req, 412, "Precondition Failed",
		           "the item was changed meanwhile; read it again");
		return;
	}
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d)
	{
		const char *id = json_string_value(json_object_get(d, "id"));
		const char *st = json_string_value(json_object_get(d, "status"));
		if (rc == DB_OK)
			rc = store_bundle_redaction_decide(c->db, it.id, id, st, c->user.id, now);
		if (rc == DB_OK)
			rc = api_audit(req, "subject_bundle_redaction_decided", "subject_request",
			               r.id, NULL,
			               json_pack("{s:s, s:s, s:s}", "item", it.id, "redaction", id,
			                         "status", st));
	}
	if (rc == DB_OK && has_ex)
		rc = api_audit(req,
		               ground ? "subject_bundle_exemption_recorded"
		                      : "subject_bundle_exemption_cleared",
		               "subject_request", r.id, NULL,
		               json_pack("{s:s, s:s?}", "item", it.id, "ground", ground));
	bundle_item_rec now_it;
	if (rc == DB_OK)
		rc = row_there(
		    store_bundle_item_get(c->db, http_req_arena(req), r.id, it.id, &now_it));
	bundle_json bj;
	if (rc == DB_OK)
		rc = bundle_items_read(req, r.id, &bj);
	json_t *out = rc == DB_OK ? json_incref(json_object_get(bj.by_id, it.id)) : NULL;
	if (rc == DB_OK)
		api_etag(req, now_it.version);
	api_write_end(req, rc, 200, out);
}

/* ---- release ---- */

/* The item's text with its approved redactions taken out. */
static const char *redacted_text(http_req *req, json_t *item)
{
	const char *text = json_string_value(json_object_get(item, "text"));
	json_t *list = json_object_get(item, "redactions");
	size_t n = json_array_size(list), k = 0;
	redaction_span *s = arena_alloc(http_req_arena(req), (n ? n : 1) * sizeof *s);
	if (!s || !text)
		return NULL;
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e)
	{
		if (strcmp(json_string_value(json_object_get(e, "status")), "approved") != 0)
			continue;
		s[k].start = (size_t)json_integer_value(json_object_get(e, "start"));
		s[k].length = (size_t)json_integer_value(json_object_get(e, "length"));
		k++;
	}
	redaction_spans_bytes(text, s, k);
	buf out;
	buf_init(&out);
	const char *copy = redaction_apply(text, s, k, REDACTED_MARK, &out) == 0
	                       ? arena_strdup(http_req_arena(req), buf_str(&out))
	                       : NULL;
	buf_free(&out);
	return copy;
}

/* The bundle as the person receives it: redacted text only; an exempt
 * item withheld, with its ground as the Act words it (the records
 * manager's reason stays on the review). NULL when memory runs out. */
static json_t *released_json(http_req *req, const bundle_request_rec *r, const char *now,
                             bundle_json *bj)
{
	json_t *items = json_array();
	size_t i;
	json_t *it;
	json_array_foreach(bj->items, i, it)
	{
		json_t *ex = json_object_get(it, "exemption");
		json_t *o = json_pack("{s:O, s:O}", "section", json_object_get(it, "section"),
		                      "title", json_object_get(it, "title"));
		if (!o)
			break;
		if (json_is_object(ex)) {
			json_object_set_new(o, "withheld",
			                    json_pack("{s:O, s:O}", "ground",
			                              json_object_get(ex, "ground"), "ground_text",
			                              json_object_get(ex, "ground_text")));
		} else {
			const char *t = redacted_text(req, it);
			json_object_set_new(o, "text", t ? json_string(t) : NULL);
		}
		json_array_append_new(items, o);
	}
	return json_pack("{s:s, s:s, s:s, s:o}", "request_id", r->id, "person_id", r->person_id,
	                 "released_at", now, "items", items);
}

void api_bundle_release(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	bundle_request_rec r;
	bundle_rec b;
	if (load_request(req, ACT_DECIDE, &r) != 0 || load_bundle(req, &r, &b) != 0)
		return;
	if (strcmp(b.status, "draft") != 0) {
		api_conflict(req, "the bundle has been released already");
		return;
	}
	/* A request closed (withdrawn, refused, answered otherwise) is not
	 * answered with this bundle: nothing of it is released. */
	if (strcmp(r.status, "open") != 0) {
		api_conflict(req, "this request is closed: its bundle is not released");
		return;
	}
	bundle_json bj;
	int rc = bundle_items_read(req, r.id, &bj);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	if (bj.proposed > 0) {
		json_t *waiting = json_array();
		size_t i;
		json_t *it;
		json_array_foreach(bj.items, i, it)
		{
			size_t k;
			json_t *e;
			json_array_foreach(
			    json_object_get(it, "redactions"), k,
			    e) if (strcmp(json_string_value(json_object_get(e, "status")),
			                  "proposed") == 0 &&
			           json_is_null(json_object_get(it, "exemption")))
			{
				json_array_append(waiting, json_object_get(it, "id"));
				break;
			}
		}
		char detail[160];
		snprintf(detail, sizeof detail,
		         "%lld redactions are still proposed: approve or reject each before the "
		         "bundle is released",
		         (long long)bj.proposed);
		http_reply_problem_ext(
		    req, 409, "Conflict", detail, NULL,
		    json_pack("{s:I, s:o}", "proposed", (json_int_t)bj.proposed, "items", waiting));
		return;
	}
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	json_t *content = api_keep(req, released_json(req, &r, now, &bj));
	const char *text = content ? api_json_text(req, content) : NULL;
	if (!text) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	rc = db_begin(c->db);
	if (rc == DB_OK &&
	    (rc = store_bundle_release(c->db, r.id, c->user.id, now, text)) == DB_DONE) {
		api_conflict(req, "the bundle has been released already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "subject_bundle_released", "subject_request", r.id, NULL,
		               json_pack("{s:I}", "items", (json_int_t)json_array_size(bj.items)));
	json_t *out = rc == DB_OK ? json_pack("{s:s, s:s, s:s, s:I}", "request_id", r.id, "status",
	                                      "released", "released_at", now, "items",
	                                      (json_int_t)json_array_size(bj.items))
	                          : NULL;
	if (rc == DB_OK)
		api_etag(req, b.version + 1);
	api_write_end(req, rc, 201, out);
}

/* ---- downloads ---- */

/* Loads the released bundle's content: 0, or -1 having replied (409
 * before release). */
static int load_released(http_req *req, bundle_request_rec *r, json_t **content)
{
	bundle_rec b;
	if (load_request(req, ACT_EXPORT, r) != 0 || load_bundle(req, r, &b) != 0)
		return -1;
	if (strcmp(b.status, "released") != 0 || !b.content) {
		api_conflict(
		    req, "the bundle has not been released: it is downloaded only once released");
		return -1;
	}
	*content = api_keep(req, json_loads(b.content, 0, NULL));
	if (!*content) {
		api_db_fail(req, DB_NOMEM);
		return -1;
	}
	return 0;
}

static int audit_download(http_req *req, const bundle_request_rec *r, const char *format)
{
	int rc = api_audit(req, "subject_bundle_downloaded", "subject_request", r->id, NULL,
	                   json_pack("{s:s}", "format", format));
	if (rc != DB_OK)
		api_db_fail(req, rc);
	return rc == DB_OK ? 0 : -1;
}

void api_bundle_json(http_req *req)
{
	bundle_request_rec r;
	json_t *content;
	if (load_released(req, &r, &content) != 0)
		return;
	/* Everything the reply needs is made before the download is audited:
	 * nothing may fail once that entry is kept. */
	const char *text = api_json_text(req, content);
	if (!text) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	char disp[128];
	snprintf(disp, sizeof disp, "attachment; filename=\"access-bundle-%s.json\"", r.id);
	http_reply_header(req, "Content-Disposition", disp);
	if (audit_download(req, &r, "json") != 0)
		return;
	http_reply_bytes(req, 200, "application/json", text, strlen(text));
}

void api_bundle_pdf(http_req *req)
{
	bundle_request_rec r;
	json_t *content;
	if (load_released(req, &r, &content) != 0)
		return;
	json_t *items = json_object_get(content, "items");
	size_t n = json_array_size(items);
	pdf_block *blocks = arena_alloc(http_req_arena(req), (n + 1) * sizeof *blocks);
	if (!blocks) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	char intro[256];
	snprintf(intro, sizeof intro,
	         "Released on %.10s in answer to your request for your personal data. Where "
	         "other people's details were found they are shown as %s.",
	         json_string_value(json_object_get(content, "released_at")), REDACTED_MARK);
	blocks[0] = (pdf_block){NULL, intro};
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
	{
		json_t *w = json_object_get(it, "withheld");
		const char *text = json_string_value(json_object_get(it, "text"));
		if (w) {
			const char *g = json_string_value(json_object_get(w, "ground_text"));
			char *why = arena_alloc(http_req_arena(req), strlen(g ? g : "") + 64);
			if (why)
				snprintf(why, strlen(g ? g : "") + 64, "Withheld %s.", g ? g : "");
			text = why;
		}
		blocks[i + 1] = (pdf_block){json_string_value(json_object_get(it, "title")), text};
	}
	buf pdf;
	buf_init(&pdf);
	if (pdf_write("Your personal data held by the police", blocks, n + 1, &pdf) != 0) {
		buf_free(&pdf);
		api_db_fail(req, DB_NOMEM);
		return;
	}
	char disp[128];
	snprintf(disp, sizeof disp, "attachment; filename=\"access-bundle-%s.pdf\"", r.id);
	http_reply_header(req, "Content-Disposition", disp);
	if (audit_download(req, &r, "pdf") != 0) {
		buf_free(&pdf);
		return;
	}
	http_reply_bytes(req, 200, "application/pdf", pdf.data, pdf.len);
	buf_free(&pdf);
}
