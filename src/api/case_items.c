/* Inside a case: indicators, a potential victim's context (HTCDS), places,
 * and the timeline of notes (which may be sealed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/missing.h"
#include "api/services.h"
#include "domain/casework.h"
#include "domain/codes.h"
#include "domain/go_bags.h"
#include "domain/person.h"
#include "domain/selectors.h"
#include "domain/services.h"
#include "domain/vocab.h"
#include "lib/clock.h"
#include "store/case_items.h"
#include "store/go_bags.h"
#include "store/nrm.h"
#include "store/orders.h"
#include "store/s45.h"
#include "store/victims.h"
#include "store/cases.h"

/* Audits the entry (detail taken) and ends the write: 201 with out, or the error. */
static void finish(http_req *req, int rc, const char *action, const char *case_id, json_t *detail,
		   json_t *out)
{
	if (rc == DB_OK)
		rc = api_audit(req, action, "case", case_id, NULL, detail);
	else
		api_keep(req, detail);
	api_write_end(req, rc, 201, out);
}

void api_indicators_add(http_req *req)
{
	static const jv_field fields[] = {{"code", JV_STRING, 1, FIELD_CODE}, {"note", JV_STRING, 0, FIELD_NOTE}};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	const char *link_role;
	if (api_case_load(req, KIND_ENTRY, ACT_WRITE, &cr, &rel) != 0 || api_case_link(req, &cr, rel, &link_role) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	const vocab_entry *e = vocab_find(&vocab_indicators, jv_str(body, "code"));
	if (!e) {
		json_t *errors = json_array();
		jv_error(errors, "code", "is not an indicator: see GET /api/v1/vocabularies");
		api_invalid(req, errors);
		return;
	}
	char id[SECURE_ID_LEN];
	const char *link = http_req_param(req, "link");
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_indicator_add(c->db, link, e->code, jv_str(body, "note"), c->user.id, id);
	if (rc == DB_CONSTRAINT) {
		api_conflict(req, "that indicator is already recorded for this person in this case");
		return;
	}
	json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:s?}", "id", id, "link_id", link, "code",
				e->code, "group", e->group, "note", jv_str(body, "note"));
	finish(req, rc, "indicator_recorded", cr.id,
	       json_pack("{s:s, s:s}", "link_id", link, "code", e->code), out);
}

/* A list of codes from the vocabulary, each once. */
static void check_list(json_t *body, const char *field, const vocab *v, json_t *errors)
{
	json_t *arr = json_object_get(body, field);
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
	{
		char msg[160];
		const char *code = json_string_value(x);
		if (!vocab_find(v, code)) {
			snprintf(msg, sizeof msg, "holds a value that is not one of the %s", v->name);
			jv_error(errors, field, msg);
			return;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(json_string_value(json_array_get(arr, k)), code) == 0) {
				snprintf(msg, sizeof msg, "holds %s twice", code);
				jv_error(errors, field, msg);
				return;
			}
	}
}

void api_victim_context_put(http_req *req)
{
	static const jv_field fields[] = {
		{"relationship_to_trafficker", JV_STRING, 0, FIELD_CODE},
		{"method_of_recruitment", JV_STRING, 0, FIELD_CODE},
		{"methods_of_control", JV_STRING_ARRAY, 0, 16},
		{"types_of_exploitation", JV_STRING_ARRAY, 0, 11},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	const char *link_role;
	if (api_case_load(req, KIND_ENTRY, ACT_WRITE, &cr, &rel) != 0 || api_case_link(req, &cr, rel, &link_role) != 0)
		return;
	if (strcmp(link_role, "potential_victim") != 0) {
		api_conflict(req, "victim context is recorded only for a potential victim");
		return;
	}
	json_t *body = api_body(req, fields, 4);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *s;
	if ((s = jv_str(body, "relationship_to_trafficker")) && !vocab_find(&vocab_relationships, s))
		jv_error(errors, "relationship_to_trafficker", "is not a listed relationship");
	if ((s = jv_str(body, "method_of_recruitment")) && !vocab_find(&vocab_recruitment, s))
		jv_error(errors, "method_of_recruitment", "is not a listed method");
	check_list(body, "methods_of_control", &vocab_control, errors);
	check_list(body, "types_of_exploitation", &vocab_exploitation, errors);
	if (api_reject(req, errors))
		return;
	char *text = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
	const char *link = http_req_param(req, "link");
	int rc = text ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_victim_context_set(c->db, link, text);
	if (rc == DB_OK)
		rc = store_history_add(c->db, "case", cr.id, "victim_context", NULL, text, c->user.id);
	free(text);
	if (rc == DB_OK)
		rc = api_audit(req, "victim_context_recorded", "case", cr.id, NULL,
			       json_pack("{s:s}", "link_id", link));
	api_write_end(req, rc, 200, json_deep_copy(body));
}

void api_places_add(http_req *req)
{
	static const jv_field fields[] = {
		{"kind", JV_STRING, 1, 16},	   {"address", JV_STRING, 0, FIELD_LINE},
		{"postcode", JV_STRING, 0, 10},	   {"country", JV_STRING, 0, 2},
		{"date_from", JV_STRING, 0, FIELD_DATE},   {"date_to", JV_STRING, 0, FIELD_DATE},
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	if (api_case_load(req, KIND_ENTRY, ACT_WRITE, &cr, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, 6);
	if (!body)
		return;
	json_t *errors = json_array();
	place_rec p = {0};
	p.case_id = cr.id;
	p.kind = jv_str(body, "kind");
	if (strcmp(p.kind, "recruitment") && strcmp(p.kind, "transit") && strcmp(p.kind, "exploitation"))
		jv_error(errors, "kind", "must be recruitment, transit or exploitation");
	p.address = jv_str(body, "address");
	char pc[9];
	if ((p.postcode = jv_str(body, "postcode"))) {
		if (!selector_uk_postcode(p.postcode, pc))
			jv_error(errors, "postcode", "is not a UK postcode, such as SN1 2JH");
		else
			p.postcode = pc;
	}
	if ((p.country = jv_str(body, "country")) && !nationality_valid(p.country))
		jv_error(errors, "country", "must be an ISO 3166-1 alpha-2 code such as GB");
	if (!p.address && !p.postcode && !p.country)
		jv_error(errors, "address", "give an address, a postcode or a country");
	int y, m, d;
	if ((p.date_from = jv_str(body, "date_from")) && date_parse(p.date_from, &y, &m, &d) != 0)
		jv_error(errors, "date_from", "must be YYYY-MM-DD");
	if ((p.date_to = jv_str(body, "date_to")) && date_parse(p.date_to, &y, &m, &d) != 0)
		jv_error(errors, "date_to", "must be YYYY-MM-DD");
	if (p.date_from && p.date_to && strcmp(p.date_from, p.date_to) > 0)
		jv_error(errors, "date_to", "must not be before date_from");
	if (api_reject(req, errors))
		return;
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_place_add(c->db, &p, c->user.id);
	json_t *out = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}", "id", p.id, "kind",
				p.kind, "address", p.address, "postcode", p.postcode, "country",
				p.country, "date_from", p.date_from, "date_to", p.date_to,
				"created_at", p.created_at);
	finish(req, rc, "place_recorded", cr.id, NULL, out);
}

void api_notes_add(http_req *req)
{
	static const jv_field fields[] = {{"text", JV_STRING, 1, 20000}, JV_OPT_BOOL("sealed")};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	if (api_case_load(req, KIND_ENTRY, ACT_WRITE, &cr, NULL) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	const char *text = jv_str(body, "text");
	if (!text[0]) {
		json_t *errors = json_array();
		jv_error(errors, "text", "write the note");
		api_invalid(req, errors);
		return;
	}
	int sealed = json_is_true(json_object_get(body, "sealed"));
	note_rec n = {0};
	n.case_id = cr.id;
	n.kind = "note";
	n.author_id = c->user.id;
	char *cipher = sealed ? seal_encrypt(api_seal_key(), text) : NULL;
	n.text = sealed ? NULL : text;
	n.sealed_text = cipher;
	int rc = sealed && !cipher ? DB_NOMEM : db_begin(c->db);
	if (rc == DB_OK)
		rc = store_note_add(c->db, &n);
	free(cipher);
	json_t *out = json_pack("{s:s, s:s, s:s?, s:b, s:s}", "id", n.id, "kind", n.kind, "text",
				sealed ? NULL : text, "sealed", sealed, "at", n.at);
	finish(req, rc, "note_added", cr.id, json_pack("{s:b}", "sealed", sealed), out);
}

/* Newest first; at the same moment, as the notes are stored (by id, the
 * latest first). */
static int newest_first(const void *a, const void *b)
{
	json_t *p = *(json_t *const *)a, *q = *(json_t *const *)b;
	const char *x = json_string_value(json_object_get(p, "at"));
	const char *y = json_string_value(json_object_get(q, "at"));
	int c = strcmp(y ? y : "", x ? x : "");
	if (c)
		return c;
	x = json_string_value(json_object_get(p, "id"));
	y = json_string_value(json_object_get(q, "id"));
	return strcmp(y ? y : "", x ? x : "");
}

/* Orders the timeline's entries, gathered from each feature, newest first.
 * DB_OK or DB_NOMEM. */
static int timeline_sort(http_req *req, json_t *items)
{
	size_t n = json_array_size(items);
	json_t **v = arena_alloc(http_req_arena(req), (n ? n : 1) * sizeof *v);
	if (!v)
		return DB_NOMEM;
	for (size_t i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(items, i));
	qsort(v, n, sizeof *v, newest_first);
	json_array_clear(items);
	int rc = DB_OK;
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(items, v[i]) != 0)
			rc = DB_NOMEM;
	return rc;
}

typedef struct timeline_ctx {
	json_t *items;
	int reveal;
} timeline_ctx;

static int add_note(const note_rec *n, void *arg)
{
	timeline_ctx *t = arg;
	char *plain = NULL;
	if (n->sealed_text && t->reveal && !(plain = seal_decrypt(api_seal_key(), n->sealed_text)))
		return DB_ERR;
	json_t *j = json_pack("{s:s, s:s, s:s?, s:b, s:{s:s, s:s}, s:s}", "id", n->id, "kind",
			      n->kind, "text", plain ? plain : n->text, "sealed", n->sealed_text != NULL, "by",
			      "id", n->author_id, "name", n->author_name, "at", n->at);
	free(plain);
	return j && json_array_append_new(t->items, j) == 0 ? 0 : DB_NOMEM;
}

void api_timeline_get(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	const char *reveal = http_req_query(req, "reveal");
	/* A role that never reveals is refused whatever the case. */
	if (reveal && !access_role_may(c->role, KIND_SEALED, ACT_REVEAL)) {
		api_allow(req, KIND_SEALED, ACT_REVEAL, 0, "case");
		return;
	}
	if (api_case_load(req, KIND_ENTRY, ACT_READ, &cr, &rel) != 0)
		return;
	const char *purpose = http_req_header(req, "X-Purpose");
	if (reveal && api_allow(req, KIND_SEALED, ACT_REVEAL, rel, "case") != 0)
		return;
	if (reveal && strcmp(reveal, "sealed") != 0) {
		json_t *e = json_array();
		jv_error(e, "reveal", "must be sealed");
		http_reply_problem(req, 400, "Bad Request", "reveal is not valid", e);
		return;
	}
	if (reveal && (!purpose || strlen(purpose) < 10)) {
		json_t *e = json_array();
		jv_error(e, "X-Purpose", "state why you need the sealed notes (at least 10 characters)");
		http_reply_problem(req, 422, "Unprocessable Content",
				   "sealed notes are shown only with a stated purpose", e);
		return;
	}
	timeline_ctx t = {api_keep(req, json_array()), reveal != NULL};
	int rc = t.items ? store_timeline(c->db, cr.id, add_note, &t) : DB_NOMEM;
	if (rc == DB_OK)
		rc = api_service_referral_timeline(req, cr.id, rel, t.items);
	if (rc == DB_OK)
		rc = api_missing_timeline(req, cr.id, rel, t.items);
	if (rc == DB_OK)
		rc = timeline_sort(req, t.items);
	if (rc == DB_OK && reveal)
		rc = api_audit(req, "sealed_field_viewed", "case", cr.id, purpose,
			       json_pack("{s:s}", "field", "timeline"));
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200, json_pack("{s:O}", "items", t.items));
}

/* [{code, label, group, htcds}]: htcds is the HTCDS v2.0 value name the code
 * maps to, or null (a value meaning not known, or a list HTCDS lacks). */
static json_t *vocab_json(const vocab *v)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < v->n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:s?}", "code", v->entries[i].code,
						     "label", v->entries[i].label, "group",
						     v->entries[i].group, "htcds", v->entries[i].htcds));
	return arr;
}

/* [{code, name}] of a table of codes, in its order (by name). */
static json_t *codes_json(const code_name *table, int n)
{
	json_t *a = json_array();
	for (int i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", table[i].code, "name", table[i].name));
	return a;
}

/* [{code, label}] of the kinds of service, in the table's order. */
static json_t *service_kinds_json(void)
{
	json_t *a = json_array();
	for (int i = 0; a && service_kind_code(i); i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code", service_kind_code(i), "label",
						   service_kind_label(i)));
	return a;
}

/* Each list under its name, with htcds_fields: {list: HTCDS field} of the
 * lists that map to one. */
void api_vocabularies(http_req *req)
{
	json_t *out = json_pack("{s:o, s:o, s:o, s:o}", "countries",
				codes_json(codes_countries, codes_ncountries), "languages",
				codes_json(codes_languages, codes_nlanguages), "service_kinds",
				service_kinds_json(), "htcds_fields", json_object());
	json_t *fields = json_object_get(out, "htcds_fields");
	for (size_t i = 0; out && i < vocab_nlists; i++) {
		const vocab *v = vocab_lists[i];
		json_object_set_new(out, v->name, vocab_json(v));
		if (v->htcds_field)
			json_object_set_new(fields, v->name, json_string(v->htcds_field));
	}
	http_reply_json(req, 200, out);
}

/* ---- for the case page ---- */

static int add_indicator(const indicator_rec *r, void *arg)
{
	const vocab_entry *e = vocab_find(&vocab_indicators, r->code);
	json_t *j = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s, s:s}", "id", r->id, "link_id",
			      r->link_id, "code", r->code, "group", e ? e->group : NULL, "note",
			      r->note, "recorded_by", r->recorded_by, "recorded_at", r->recorded_at);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_place(const place_rec *p, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?}", "id", p->id, "kind", p->kind,
			      "address", p->address, "postcode", p->postcode, "country", p->country,
			      "date_from", p->date_from, "date_to", p->date_to);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_notified(const char *person_id, void *arg)
{
	return json_object_set_new(arg, person_id, json_true()) ? DB_NOMEM : 0;
}

static int add_referral(const nrm_rec *r, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:b}", "id", r->id, "person_id",
			      r->person_id, "referred_on", r->referred_on, "status", r->status,
			      "rg_due", r->rg_due, "recovery_period_end", r->recovery_period_end,
			      "child", r->child);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_dtn(const dtn_rec *n, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s}", "id", n->id, "person_id", n->person_id,
			      "submitted_on", n->submitted_on);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_s45(const s45_rec *r, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "id", r->id, "link_id", r->link_id,
			      "offence", r->offence, "outcome", r->outcome, "approved",
			      r->approved_by != NULL, "assessed_at", r->assessed_at);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_charging(const charging_rec *r, void *arg)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "id", r->id, "link_id", r->link_id, "decision",
			      r->decision, "decided_on", r->decided_on);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_order(const order_rec *o, void *arg)
{
	json_t *j = json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:s, s:s?, s:i}", "id", o->id, "person", "id",
			      o->person_id, "name", o->person_name, "kind", o->kind, "court", o->court,
			      "made_on", o->made_on, "expires_on", o->expires_on, "breach_count", o->breaches);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_victim_item(const victim_item *v, void *arg)
{
	json_t *j;
	if (strcmp(v->what, "care") == 0)
		j = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:o, s:s?}", "what", "care", "link_id", v->link_id,
			      "spoc_name", v->a, "spoc_kind", v->b, "strategy", v->c, "vps_offered",
			      v->flag < 0 ? json_null() : json_boolean(v->flag), "vps_offered_on", v->d);
	else if (strcmp(v->what, "update_due") == 0)
		j = json_pack("{s:s, s:s, s:s, s:s, s:s}", "what", "update_due", "link_id", v->link_id,
			      "due_on", v->a, "event", v->b, "event_on", v->c);
	else if (strcmp(v->what, "service") == 0) {
		char now[CLOCK_ISO_LEN];
		clock_now_iso(now);
		j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:b}", "what", "service", "link_id", v->link_id, "id",
			      v->a, "status", v->b, "service", v->c, "respond_by", v->d, "overdue",
			      strcmp(v->b, "referred") == 0 && v->d && strcmp(v->d, now) < 0);
	}
	else
		j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "what", "contact", "link_id", v->link_id,
			      "contacted_on", v->a, "method", v->b, "summary", v->c, "update",
			      v->d && (v->d[0] == '1' || v->d[0] == 't'));
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

static int add_go_bag(const go_bag_issue_rec *r, void *arg)
{
	const go_bag_kind *k = go_bag_kind_find(r->kind);
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s}}", "what", "go_bag",
			      "link_id", r->case_person_id, "id", r->id, "location", r->location_id, "location_name",
			      r->location_name, "kind", r->kind, "kind_words", k ? k->words : r->kind, "language",
			      r->language, "issued_at", r->issued_at, "issued_by", "id", r->issued_by, "name",
			      r->issued_by_name);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

/* Whether the entry of a list belongs to the person's link (and, when what
 * is given, its "what" is that). */
static int is_theirs(json_t *x, json_t *person, const char *what)
{
	return json_equal(json_object_get(x, "link_id"), json_object_get(person, "id")) &&
	       (!what || strcmp(json_string_value(json_object_get(x, "what")), what) == 0);
}

/* A copy of the entry without the members that placed it. */
static json_t *unplaced(json_t *x)
{
	json_t *copy = json_copy(x);
	json_object_del(copy, "what");
	json_object_del(copy, "link_id");
	return copy;
}

/* The entries of list that are the person's, as they are (what NULL) or,
 * with what, those of that "what" unplaced. */
static json_t *of_link(json_t *list, json_t *person, const char *what)
{
	json_t *mine = json_array(), *x;
	size_t k;
	json_array_foreach(list, k, x)
	{
		if (is_theirs(x, person, what))
			json_array_append_new(mine, what ? unplaced(x) : json_incref(x));
	}
	return mine;
}

/* The first of the person's entries of list of that "what", unplaced, or null. */
static json_t *first_of_link(json_t *list, json_t *person, const char *what)
{
	json_t *x;
	size_t k;
	json_array_foreach(list, k, x)
	{
		if (is_theirs(x, person, what))
			return unplaced(x);
	}
	return json_null();
}

/* The case's entries the case page shows: the lists placed on its people
 * are the request's; the rest are members of the page. */
typedef struct case_items {
	json_t *indicators, *notified, *s45, *charging, *victim, *go_bags;
	json_t *places, *referrals, *dtn, *orders;
} case_items;

/* A new empty array as the member key of out, or NULL. */
static json_t *member_array(json_t *out, const char *key)
{
	return json_object_set_new(out, key, json_array()) == 0 ? json_object_get(out, key) : NULL;
}

static int case_items_new(http_req *req, json_t *out, case_items *x)
{
	x->indicators = api_keep(req, json_array());
	x->notified = api_keep(req, json_object());
	x->s45 = api_keep(req, json_array());
	x->charging = api_keep(req, json_array());
	x->victim = api_keep(req, json_array());
	x->go_bags = api_keep(req, json_array());
	x->places = member_array(out, "places");
	x->referrals = member_array(out, "nrm_referrals");
	x->dtn = member_array(out, "duty_to_notify");
	x->orders = member_array(out, "orders");
	return x->indicators && x->notified && x->s45 && x->charging && x->victim && x->go_bags && x->places &&
			       x->referrals && x->dtn && x->orders
		       ? DB_OK
		       : DB_NOMEM;
}

static int case_items_read(http_req *req, const char *case_id, case_items *x)
{
	api_ctx *c = api_ctx_of(req);
	arena *a = http_req_arena(req);
	int rc = store_indicators(c->db, case_id, add_indicator, x->indicators);
	if (rc == DB_OK)
		rc = store_places(c->db, case_id, add_place, x->places);
	if (rc == DB_OK)
		rc = store_case_people_notified(c->db, case_id, add_notified, x->notified);
	if (rc == DB_OK)
		rc = store_nrm_by_case(c->db, a, case_id, add_referral, x->referrals);
	if (rc == DB_OK)
		rc = store_dtn_by_case(c->db, a, case_id, add_dtn, x->dtn);
	if (rc == DB_OK)
		rc = store_s45_by_case(c->db, a, case_id, add_s45, x->s45);
	if (rc == DB_OK)
		rc = store_charging_by_case(c->db, a, case_id, add_charging, x->charging);
	if (rc == DB_OK)
		rc = store_victim_items(c->db, case_id, add_victim_item, x->victim);
	if (rc == DB_OK)
		rc = store_orders_by_case(c->db, a, case_id, add_order, x->orders);
	if (rc == DB_OK)
		rc = store_go_bag_issues_of_case(c->db, case_id, add_go_bag, x->go_bags);
	return rc;
}

/* Gives the person their entries, and a prompt to refer when there are
 * indicators but (as yet) no referral or Duty to Notify record. */
static void place_on(json_t *p, const case_items *x)
{
	json_t *mine = of_link(x->indicators, p, NULL);
	const char *pid = json_string_value(json_object_get(json_object_get(p, "person"), "id"));
	json_object_set_new(p, "referral_prompt",
			    json_boolean(json_array_size(mine) > 0 && !(pid && json_object_get(x->notified, pid))));
	json_object_set_new(p, "indicators", mine);
	json_object_set_new(p, "s45_assessments", of_link(x->s45, p, NULL));
	json_object_set_new(p, "charging_decisions", of_link(x->charging, p, NULL));
	if (strcmp(json_string_value(json_object_get(p, "role")), "potential_victim") != 0)
		return;
	json_object_set_new(p, "care", first_of_link(x->victim, p, "care"));
	json_object_set_new(p, "updates_due", of_link(x->victim, p, "update_due"));
	json_object_set_new(p, "contacts", of_link(x->victim, p, "contact"));
	json_object_set_new(p, "service_referrals", of_link(x->victim, p, "service"));
	json_object_set_new(p, "go_bags", of_link(x->go_bags, p, "go_bag"));
}

int api_case_items_json(http_req *req, const char *case_id, unsigned rel, json_t *people, json_t *out)
{
	case_items x;
	int rc = case_items_new(req, out, &x);
	if (rc == DB_OK)
		rc = case_items_read(req, case_id, &x);
	if (rc != DB_OK)
		return rc;
	size_t i;
	json_t *p;
	json_array_foreach(people, i, p)
	{
		place_on(p, &x);
	}
	/* Orders restrain suspects: only for those who reach suspects here. */
	if (access_decide(api_ctx_of(req)->role, KIND_SUSPECT, ACT_READ, rel) != ACCESS_ALLOW)
		json_array_clear(x.orders);
	return DB_OK;
}
