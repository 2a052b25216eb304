/* Links across cases: selectors recorded in a case (phone numbers, email
 * addresses, postcodes, addresses, vehicles, bank accounts, identity
 * documents, social media handles), the matches between cases, the notices
 * that tell of a match in a case the caller may not read (saying only its
 * kind, a number and whom to call), their acknowledgement by the other
 * side, and each organisation's deconfliction contact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/selectors.h"
#include "domain/selectors.h"
#include "lib/clock.h"
#include "store/cases.h"
#include "store/selectors.h"

#define SELECTOR_PART_MAX 200 /* bytes of one part of a value as written */
#define SELECTOR_CONTEXT_MAX 1000
#define CONTACT_MAX 200

/* ---- what a selector looks like ---- */

/* The sealed parts of a selector, opened: value (JSON), normalised, context. */
typedef struct opened {
	json_t *value;
	const char *normalised, *context;
} opened;

/* Opens a sealed selector into o (the request owns what it holds): 0, or
 * -1 when the sealed text cannot be opened. */
static int open_sealed(http_req *req, const selector_rec *s, opened *o)
{
	char *plain = seal_decrypt(api_seal_key(), s->sealed_value);
	json_t *j = plain ? json_loads(plain, 0, NULL) : NULL;
	free(plain);
	if (!j || !api_keep(req, j))
		return -1;
	o->value = json_object_get(j, "value");
	o->normalised = jv_str(j, "normalised");
	o->context = jv_str(j, "context");
	return o->value && o->normalised ? 0 : -1;
}

static json_t *grading_json(const selector_rec *s)
{
	if (!s->source_evaluation || !s->intelligence_assessment || !s->handling_code)
		return json_null();
	char a = s->intelligence_assessment[0], h = s->handling_code[0];
	return json_pack(
	    "{s:i, s:s?, s:s, s:s?, s:s, s:s?}", "source_evaluation", s->source_evaluation,
	    "source_text", selector_source_text(s->source_evaluation), "intelligence_assessment",
	    s->intelligence_assessment, "assessment_text", selector_assessment_text(a),
	    "handling_code", s->handling_code, "handling_text", selector_handling_text(h));
}

static const char *kind_label(const char *kind)
{
	int k = selector_kind_parse(kind);
	return k >= 0 ? selector_kind_label((selector_kind)k) : kind;
}

/* The selector as the API shows it (see docs/links.md); a sealed one's
 * value, normal form, display and context only when reveal is set.
 * with_case: name its case. NULL when memory runs out or a sealed value
 * cannot be opened. */
static json_t *selector_json(http_req *req, const selector_rec *s, int reveal, int with_case)
{
	int sealed = s->sealed_value != NULL;
	json_t *value = NULL;
	const char *normalised = NULL, *context = NULL;
	if (!sealed) {
		value = s->value ? json_loads(s->value, JSON_DECODE_ANY, NULL) : NULL;
		normalised = s->normalised;
		context = s->context;
	} else if (reveal) {
		opened o;
		if (open_sealed(req, s, &o) != 0)
			return NULL;
		value = json_incref(o.value);
		normalised = o.normalised;
		context = o.context;
	}
	char display[SELECTOR_MAX];
	int k = selector_kind_parse(s->kind);
	int shown = normalised && k >= 0 &&
	            selector_display((selector_kind)k, normalised, display, sizeof display) == 0;
	json_t *about =
	    s->about_person_id
	        ? json_pack("{s:s, s:s?, s:s?}", "id", s->about_person_id, "given_names",
	                    s->about_given_names, "family_name", s->about_family_name)
	        : json_null();
	json_t *j = json_pack(
	    "{s:s, s:s, s:s, s:o, s:s?, s:s?, s:o, s:o, s:s?, s:b, s:s, s:{s:s, s:s?}, s:I}", "id",
	    s->id, "kind", s->kind, "kind_label", kind_label(s->kind), "value",
	    value ? value : json_null(), "normalised", normalised, "display",
	    shown ? display : NULL, "about_person", about, "grading", grading_json(s), "context",
	    context, "sealed", sealed, "created_at", s->created_at, "created_by", "id",
	    s->created_by, "name", s->created_by_name, "version", (json_int_t)s->version);
	if (j && with_case)
		json_object_set_new(j, "case_id", json_string(s->case_id));
	return j;
}

/* Whether the request asks to reveal sealed selectors (X-Purpose) and the
 * role may reveal sealed fields in a case of these relations. */
static int may_reveal(http_req *req, unsigned rel)
{
	const char *purpose = http_req_header(req, "X-Purpose");
	return purpose && purpose[0] &&
	       access_decide(api_ctx_of(req)->role, KIND_SEALED, ACT_REVEAL, rel) == ACCESS_ALLOW;
}

/* A purpose for revealing sealed selectors, when stated, says why in at
 * least ten characters, as for sealed notes. 0, or -1 having answered 422. */
static int purpose_stated_well(http_req *req)
{
	const char *purpose = http_req_header(req, "X-Purpose");
	if (!purpose || strlen(purpose) >= 10)
		return 0;
	json_t *e = json_array();
	jv_error(e, "X-Purpose",
	         "state why you need the sealed selectors (at least 10 characters)");
	http_reply_problem(req, 422, "Unprocessable Content",
	                   "sealed selectors are shown only with a stated purpose", e);
	return -1;
}

/* Audits a look at the sealed selectors of a case, with its purpose. */
static int audit_reveal(http_req *req, const char *case_id)
{
	return api_audit(req, "sealed_field_viewed", "case", case_id,
	                 http_req_header(req, "X-Purpose"),
	                 json_pack("{s:s}", "field", "selectors"));
}

/* Whether the caller sees a selector of a case of these relations: not one
 * about a person who is in it only as a suspect, unless they reach suspects. */
static int sees_selector(http_req *req, const selector_rec *s, unsigned rel)
{
	return !s->about_suspect_only || api_sees_part(req, "suspect", rel);
}

/* ---- recording ---- */

/* The text of part key of obj: required, a string of 1 to SELECTOR_PART_MAX
 * bytes; otherwise NULL with why set. */
static const char *part(json_t *obj, const char *key, const char **why)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v) || !json_string_length(v) ||
	    json_string_length(v) > SELECTOR_PART_MAX ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		*why = NULL;
		return NULL;
	}
	return json_string_value(v);
}

/* The value as written, for kind k, into v: 0, or -1 with *why saying what
 * the value must be. Parts unknown to the kind are refused. */
static int read_value(json_t *value, selector_kind k, selector_value *v, const char **why)
{
	static const char *const parts[SEL_KIND_COUNT][4] = {
	    [SEL_ADDRESS] = {"line1", "postcode"},
	    [SEL_BANK_ACCOUNT] = {"sort_code", "account_number"},
	    [SEL_IDENTITY_DOCUMENT] = {"country", "type", "number"},
	    [SEL_SOCIAL_HANDLE] = {"platform", "handle"},
	};
	static const char *const shape[SEL_KIND_COUNT] = {
	    [SEL_PHONE] = "must be the number as text",
	    [SEL_EMAIL] = "must be the address as text",
	    [SEL_POSTCODE] = "must be the postcode as text",
	    [SEL_VEHICLE] = "must be the registration as text",
	    [SEL_ADDRESS] = "must be {line1, postcode}, each as text",
	    [SEL_BANK_ACCOUNT] =
	        "must be an IBAN as text, or {sort_code, account_number}, each as text",
	    [SEL_IDENTITY_DOCUMENT] = "must be {country, type, number}, each as text",
	    [SEL_SOCIAL_HANDLE] = "must be {platform, handle}, each as text",
	};
	memset(v, 0, sizeof *v);
	*why = shape[k];
	if (json_is_string(value)) {
		if (parts[k][0] && k != SEL_BANK_ACCOUNT)
			return -1;
		if (!json_string_length(value) || json_string_length(value) > SELECTOR_PART_MAX ||
		    strlen(json_string_value(value)) != json_string_length(value))
			return -1;
		v->text = json_string_value(value);
		return 0;
	}
	if (!json_is_object(value) || !parts[k][0])
		return -1;
	size_t n = 0;
	while (n < 4 && parts[k][n])
		n++;
	if (json_object_size(value) != n)
		return -1;
	const char *got[4] = {NULL};
	const char *ignored;
	for (size_t i = 0; i < n; i++)
		if (!(got[i] = part(value, parts[k][i], &ignored)))
			return -1;
	switch (k) {
	case SEL_ADDRESS:
		v->line1 = got[0], v->postcode = got[1];
		break;
	case SEL_BANK_ACCOUNT:
		v->sort_code = got[0], v->account_number = got[1];
		break;
	case SEL_IDENTITY_DOCUMENT:
		v->country = got[0], v->doc_type = got[1], v->number = got[2];
		break;
	default:
		v->platform = got[0], v->handle = got[1];
	}
	return 0;
}

/* The grading in body (all three parts, or absent) into g: problems go to
 * errors, naming grading.<part>. Returns 1 when graded. */
static int read_grading(json_t *body, selector_grading *g, json_t *errors)
{
	json_t *gr = json_object_get(body, "grading");
	if (!gr || json_is_null(gr))
		return 0;
	const char *key;
	json_t *x;
	json_object_foreach(gr, key, x)
	{
		if (strcmp(key, "source_evaluation") && strcmp(key, "intelligence_assessment") &&
		    strcmp(key, "handling_code")) {
			char f[96];
			snprintf(f, sizeof f, "grading.%.60s", key);
			jv_error(errors, f, "is not a known field");
		}
	}
	json_t *se = json_object_get(gr, "source_evaluation");
	const char *ia = jv_str(gr, "intelligence_assessment"), *hc = jv_str(gr, "handling_code");
	int bad = 0;
	if (!json_is_integer(se)) {
		jv_error(errors, "grading.source_evaluation", "must be 1, 2 or 3");
		bad = 1;
	}
	if (!ia || strlen(ia) != 1) {
		jv_error(errors, "grading.intelligence_assessment", "must be A, B, C, D or E");
		bad = 1;
	}
	if (!hc || strlen(hc) != 1) {
		jv_error(errors, "grading.handling_code", "must be P or C");
		bad = 1;
	}
	if (bad)
		return 0;
	json_int_t n = json_integer_value(se);
	g->source_evaluation = n < 0 || n > 9 ? 0 : (int)n;
	g->intelligence_assessment = ia[0];
	g->handling_code = hc[0];
	const char *field, *why;
	if (selector_grading_check(g, &field, &why) != 0) {
		char f[64];
		snprintf(f, sizeof f, "grading.%s", field);
		jv_error(errors, f, why);
		return 0;
	}
	return 1;
}

void api_selectors_add(http_req *req)
{
	static const jv_field fields[] = {
	    {"kind", JV_STRING, 1, FIELD_CHOICE},
	    {"value", JV_TEXT_OR_OBJECT, 1, SELECTOR_PART_MAX},
	    {"about_person_id", JV_STRING, 0, FIELD_ID},
	    JV_OPT_OBJECT("grading"),
	    {"context", JV_STRING, 0, SELECTOR_CONTEXT_MAX},
	    JV_OPT_BOOL("sealed"),
	};
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	if (api_case_load(req, KIND_ENTRY, ACT_WRITE, &cr, &rel) != 0)
		return;
	json_t *body = api_body(req, fields, sizeof fields / sizeof fields[0]);
	if (!body)
		return;
	json_t *errors = api_keep(req, json_array());
	if (!errors) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	int k = selector_kind_parse(jv_str(body, "kind"));
	char normalised[SELECTOR_MAX] = "";
	if (k < 0) {
		jv_error(errors, "kind",
		         "must be phone, email, postcode, address, vehicle, bank_account, "
		         "identity_document or "
		         "social_handle");
	} else {
		selector_value v;
		const char *why = NULL;
		if (read_value(json_object_get(body, "value"), (selector_kind)k, &v, &why) != 0 ||
		    selector_normalise((selector_kind)k, &v, normalised, sizeof normalised, &why) !=
		        0)
			jv_error(errors, "value", why ? why : "is not valid for its kind");
	}
	const char *person = jv_str(body, "about_person_id");
	if (person) {
		int in_case = 0, suspect_only = 0;
		int rc = store_selector_person_part(c->db, cr.id, person, &in_case, &suspect_only);
		if (rc != DB_OK) {
			api_db_fail(req, rc);
			return;
		}
		/* A person the caller may not see here is answered as one who is not
		 * in the case at all. */
		if (!in_case || (suspect_only && access_decide(c->role, KIND_SUSPECT, ACT_WRITE,
		                                               rel) != ACCESS_ALLOW))
			jv_error(errors, "about_person_id", "is not a person of this case");
	}
	selector_grading g = {0};
	int graded = read_grading(body, &g, errors);
	const char *context = jv_str(body, "context");
	if (context && !context[0])
		context = NULL;
	int sealed = json_is_true(json_object_get(body, "sealed"));
	if (api_reject(req, json_incref(errors)))
		return;

	char kind_text[SELECTOR_MAX + 40], key[SEAL_MATCH_HEX];
	snprintf(kind_text, sizeof kind_text, "%s\n%s", selector_kind_name((selector_kind)k),
	         normalised);
	seal_match_key(api_seal_key(), kind_text, key);
	char assessment[2] = {g.intelligence_assessment, 0}, handling[2] = {g.handling_code, 0};
	selector_rec s = {
	    .case_id = cr.id,
	    .kind = selector_kind_name((selector_kind)k),
	    .match_key = key,
	    .about_person_id = person,
	    .source_evaluation = graded ? g.source_evaluation : 0,
	    .intelligence_assessment = graded ? assessment : NULL,
	    .handling_code = graded ? handling : NULL,
	    .created_by = c->user.id,
	};
	/* Sealed: the value, its normal form and the context only encrypted;
	 * the match key still matches it. */
	char *cipher = NULL;
	int rc = DB_OK;
	if (sealed) {
		json_t *inner =
		    json_pack("{s:O, s:s, s:s?}", "value", json_object_get(body, "value"),
		              "normalised", normalised, "context", context);
		const char *text = api_json_text(req, api_keep(req, inner));
		if (!text || !(cipher = seal_encrypt(api_seal_key(), text)))
			rc = DB_NOMEM;
		s.sealed_value = cipher;
	} else {
		char *t = json_dumps(json_object_get(body, "value"),
		                     JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
		s.value = t ? arena_strdup(http_req_arena(req), t) : NULL;
		free(t);
		if (!s.value)
			rc = DB_NOMEM;
		s.normalised = normalised;
		s.context = context;
	}
	if (rc == DB_OK)
		rc = db_begin(c->db);
	/* Recorded twice, a selector would only repeat its matches (and raise a
	 * second notice for each): the case holds it once per person. */
	char same[SECURE_ID_LEN] = "";
	if (rc == DB_OK) {
		rc = store_selector_same(c->db, cr.id, key, person, same);
		if (rc == DB_ROW) {
			free(cipher);
			char detail[160];
			snprintf(detail, sizeof detail,
			         "this case already records this selector%s (selector %s)",
			         person ? " about this person" : "", same);
			api_conflict(req, detail);
			return;
		}
		if (rc == DB_DONE)
			rc = DB_OK;
	}
	if (rc == DB_OK)
		rc = store_selector_add(c->db, &s);
	free(cipher);
	int64_t matches = 0;
	if (rc == DB_OK)
		rc = store_selector_match_count(c->db, key, cr.id, &matches);
	if (rc == DB_ROW)
		rc = DB_OK;
	selector_rec back;
	if (rc == DB_OK)
		rc = store_selector_get(c->db, http_req_arena(req), s.id, &back);
	if (rc == DB_ROW)
		rc = DB_OK;
	if (rc == DB_OK)
		/* With how many matches the answer told of, so that an auditor can
		 * see a run of selectors recorded to learn what other cases hold. */
		rc = api_audit(req, "selector_recorded", "case", cr.id, NULL,
		               json_pack("{s:s, s:s, s:b, s:I}", "selector_id", s.id, "kind",
		                         s.kind, "sealed", sealed, "matches", (json_int_t)matches));
	json_t *out = rc == DB_OK ? selector_json(req, &back, 0, 1) : NULL;
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	if (out)
		json_object_set_new(out, "matches", json_integer((json_int_t)matches));
	api_write_end(req, rc, 201, out);
}

/* ---- the case's selectors ---- */

typedef struct listing {
	http_req *req;
	unsigned rel;
	int reveal, revealed;
	json_t *items;
	int withheld;
} listing;

static int list_one(const selector_rec *s, void *arg)
{
	listing *l = arg;
	if (!sees_selector(l->req, s, l->rel)) {
		l->withheld++;
		return 0;
	}
	json_t *j = selector_json(l->req, s, l->reveal, 1);
	if (!j)
		return DB_NOMEM;
	l->revealed |= l->reveal && s->sealed_value;
	return json_array_append_new(l->items, j) == 0 ? 0 : DB_NOMEM;
}

void api_selectors_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	if (api_case_load(req, KIND_ENTRY, ACT_READ, &cr, &rel) != 0 ||
	    purpose_stated_well(req) != 0)
		return;
	listing l = {req, rel, may_reveal(req, rel), 0, api_keep(req, json_array()), 0};
	int rc = l.items ? store_selectors_of_case(c->db, http_req_arena(req), cr.id, list_one, &l)
	                 : DB_NOMEM;
	/* A look at sealed selectors is logged with its purpose, as sealed
	 * notes are. */
	if (rc == DB_OK && l.revealed)
		rc = audit_reveal(req, cr.id);
	if (rc != DB_OK) {
		api_db_fail(req, rc);
		return;
	}
	http_reply_json(req, 200,
	                json_pack("{s:O, s:i}", "items", l.items, "withheld", l.withheld));
}

/* ---- links: matches and notices ---- */

/* The case's own selectors, kept while its links are worked out. */
typedef struct own_list {
	selector_rec *v;
	size_t n, cap;
	arena *a;
} own_list;

static int own_add(const selector_rec *s, void *arg)
{
	own_list *o = arg;
	selector_rec *v = arena_grow(o->a, o->v, &o->cap, o->n, sizeof *v, 16);
	if (!v)
		return DB_NOMEM;
	o->v = v;
	o->v[o->n++] = *s;
	return 0;
}

typedef struct match_list {
	selector_match *v;
	size_t n, cap;
	arena *a;
} match_list;

static int match_add(const selector_match *m, void *arg)
{
	match_list *l = arg;
	selector_match *v = arena_grow(l->a, l->v, &l->cap, l->n, sizeof *v, 16);
	if (!v)
		return DB_NOMEM;
	l->v = v;
	l->v[l->n++] = *m;
	return 0;
}

/* {organisation, role, contact} of the organisation: role and contact
 * null when it has set none. DB_OK with *out, or the error. */
static int contact_json(http_req *req, const char *org_id, const char *org_name, json_t **out)
{
	deconfliction_rec dc;
	int rc = store_deconfliction_get(api_ctx_of(req)->db, http_req_arena(req), org_id, &dc);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	*out = json_pack("{s:s, s:s?, s:s?}", "organisation", org_name, "role", dc.role, "contact",
	                 dc.contact);
	return *out ? DB_OK : DB_NOMEM;
}

/* Whether the role may reveal sealed fields in a case of these relations. */
static int may_reveal_in(http_req *req, unsigned rel)
{
	return access_decide(api_ctx_of(req)->role, KIND_SEALED, ACT_REVEAL, rel) == ACCESS_ALLOW;
}

/* Whether the caller sees the other side of a match: they read its case
 * and see the person its selector is about; and, when either selector is
 * sealed, they may reveal sealed fields in its case. A match says the two
 * are equal, so a sealed selector matched to one the caller reads in the
 * clear would otherwise give its value to a role that may never reveal it
 * (an analyst); for them it is a notice. own_sealed, own_rel: the caller's
 * selector and case. */
static int match_visible(http_req *req, const selector_match *m, int own_sealed, unsigned own_rel,
                         unsigned *rel)
{
	*rel = api_relate(req, m->org_id, m->team_id, NULL, m->allocated ? REL_ALLOCATED : 0);
	return access_decide(api_ctx_of(req)->role, KIND_ENTRY, ACT_READ, *rel) == ACCESS_ALLOW &&
	       sees_selector(req, &m->other, *rel) &&
	       (!m->other.sealed_value || may_reveal_in(req, *rel)) &&
	       (!own_sealed || may_reveal_in(req, own_rel));
}

/* One match as the caller may see it: the case and selector when visible,
 * else the notice (number: its number) saying only the kind, the number and
 * whom to call. Audits the look. */
static int match_json(http_req *req, const case_rec *cr, const selector_rec *own,
                      const selector_match *m, unsigned rel, const char *number, json_t **out)
{
	if (!number) {
		int reveal = m->other.sealed_value && may_reveal(req, rel);
		json_t *sel = selector_json(req, &m->other, reveal, 0);
		*out = sel ? json_pack("{s:b, s:{s:s, s:s, s:s}, s:o}", "visible", 1, "case", "id",
		                       m->other.case_id, "reference", m->reference, "title",
		                       m->title, "selector", sel)
		           : NULL;
		if (!*out)
			return DB_NOMEM;
		int rc = reveal ? audit_reveal(req, m->other.case_id) : DB_OK;
		if (rc != DB_OK)
			return rc;
		return api_audit(req, "link_match_viewed", "case", m->other.case_id, NULL,
		                 json_pack("{s:s, s:s, s:s}", "from_case", cr->id, "selector_id",
		                           own->id, "match_id", m->other.id));
	}
	json_t *contact = NULL;
	int rc = contact_json(req, m->org_id, m->org_name, &contact);
	if (rc != DB_OK)
		return rc;
	*out = json_pack("{s:b, s:{s:s, s:s, s:s, s:o}}", "visible", 0, "notice", "number", number,
	                 "kind", m->other.kind, "kind_label", kind_label(m->other.kind), "contact",
	                 contact);
	if (!*out)
		return DB_NOMEM;
	return api_audit(req, "link_notice_shown", "case", cr->id, NULL,
	                 json_pack("{s:s, s:s}", "number", number, "selector_id", own->id));
}

/* A match that needs a notice, in the order notices are raised. */
typedef struct pending {
	const char *lo, *hi;
	size_t k;
} pending;

static int by_pair(const void *a, const void *b)
{
	const pending *x = a, *y = b;
	int c = strcmp(x->lo, y->lo);
	return c ? c : strcmp(x->hi, y->hi);
}

/* Decides which matches the caller sees: numbers[k] NULL for a visible
 * match, "" for one that needs a notice; rels[k] the caller's relations to
 * its case. */
static void sort_visible(http_req *req, unsigned case_rel, const own_list *own,
                         const match_list *ml, unsigned *rels, const char **numbers)
{
	for (size_t k = 0; k < ml->n; k++) {
		int own_sealed = 0;
		for (size_t i = 0; i < own->n; i++)
			if (strcmp(own->v[i].id, ml->v[k].own_id) == 0) {
				own_sealed = own->v[i].sealed_value != NULL;
				break;
			}
		numbers[k] =
		    match_visible(req, &ml->v[k], own_sealed, case_rel, &rels[k]) ? NULL : "";
	}
}

/* A selector with more matches than this is common (a switchboard, a
 * hostel's address): its links list this many and count the rest, and its
 * matches in cases the caller may not read raise no notices, which would
 * flood the other sides' worklists with what everyone already knows. */
#define LINKS_COMMON 50

/* Drops the matches not to be shown: for each selector with more than
 * LINKS_COMMON matches, every one the caller does not see, and the visible
 * ones past the first LINKS_COMMON. Counts them by selector in more[] (as
 * own's). Keeps the order of the rest. */
static void quieten_common(const own_list *own, match_list *ml, unsigned *rels,
                           const char **numbers, size_t *more)
{
	for (size_t i = 0; i < own->n; i++) {
		size_t all = 0;
		more[i] = 0;
		for (size_t k = 0; k < ml->n; k++)
			all += strcmp(ml->v[k].own_id, own->v[i].id) == 0;
		if (all <= LINKS_COMMON)
			continue;
		size_t shown = 0;
		for (size_t k = 0; k < ml->n; k++) {
			if (strcmp(ml->v[k].own_id, own->v[i].id) != 0)
				continue;
			if (!numbers[k] && shown < LINKS_COMMON) {
				shown++;
				continue;
			}
			ml->v[k].own_id = ""; /* no selector's id: dropped below */
			more[i]++;
		}
	}
	size_t kept = 0;
	for (size_t k = 0; k < ml->n; k++)
		if (ml->v[k].own_id[0]) {
			rels[kept] = rels[k];
			numbers[kept] = numbers[k];
			ml->v[kept++] = ml->v[k];
		}
	ml->n = kept;
}

/* Raises (or finds) the notice of every match marked for one ("" in
 * numbers[k]), putting its number there. Raised in the order of their
 * pairs, so two looks from either side at once wait for each other rather
 * than deadlock. */
static int raise_notices(http_req *req, const case_rec *cr, const match_list *ml,
                         const char **numbers)
{
	api_ctx *c = api_ctx_of(req);
	arena *a = http_req_arena(req);
	pending *p = arena_alloc(a, (ml->n ? ml->n : 1) * sizeof *p);
	if (!p)
		return DB_NOMEM;
	size_t n = 0;
	for (size_t k = 0; k < ml->n; k++) {
		if (!numbers[k])
			continue;
		const char *x = ml->v[k].own_id, *y = ml->v[k].other.id;
		p[n++] = (pending){strcmp(x, y) < 0 ? x : y, strcmp(x, y) < 0 ? y : x, k};
	}
	qsort(p, n, sizeof *p, by_pair);
	for (size_t i = 0; i < n; i++) {
		const selector_match *m = &ml->v[p[i].k];
		link_notice_rec ln;
		int rc = store_link_notice_raise(c->db, a, m->own_id, m->other.id, m->own_id,
		                                 cr->org_id, c->user.id, &ln);
		if (rc != DB_OK)
			return rc;
		if (!(numbers[p[i].k] = arena_strdup(a, ln.number)))
			return DB_NOMEM;
	}
	return DB_OK;
}

void api_links_get(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	case_rec cr;
	unsigned rel = 0;
	if (api_case_load(req, KIND_ENTRY, ACT_READ, &cr, &rel) != 0 ||
	    purpose_stated_well(req) != 0)
		return;
	arena *a = http_req_arena(req);
	own_list own = {.a = a};
	match_list ml = {.a = a};
	json_t *items = api_keep(req, json_array());
	int rc = items ? db_begin(c->db) : DB_NOMEM;
	if (rc == DB_OK)
		rc = store_selectors_of_case(c->db, a, cr.id, own_add, &own);
	if (rc == DB_OK)
		rc = store_selector_matches(c->db, a, cr.id, c->user.id, match_add, &ml);
	unsigned *rels = arena_alloc(a, (ml.n ? ml.n : 1) * sizeof *rels);
	const char **numbers = arena_alloc(a, (ml.n ? ml.n : 1) * sizeof *numbers);
	if (rc == DB_OK && (!rels || !numbers))
		rc = DB_NOMEM;
	/* Selectors the caller does not see (about a suspect they may not
	 * see) show nothing and raise nothing: counted when they have matches. */
	int withheld = 0;
	for (size_t i = 0; rc == DB_OK && i < own.n; i++) {
		if (sees_selector(req, &own.v[i], rel))
			continue;
		int any = 0;
		for (size_t k = 0; k < ml.n; k++)
			if (strcmp(ml.v[k].own_id, own.v[i].id) == 0) {
				ml.v[k].own_id = "";
				any = 1;
			}
		withheld += any;
	}
	size_t kept = 0;
	for (size_t k = 0; rc == DB_OK && k < ml.n; k++)
		if (ml.v[k].own_id[0])
			ml.v[kept++] = ml.v[k];
	ml.n = kept;
	size_t *more = arena_alloc(a, (own.n ? own.n : 1) * sizeof *more);
	if (rc == DB_OK && !more)
		rc = DB_NOMEM;
	if (rc == DB_OK) {
		sort_visible(req, rel, &own, &ml, rels, numbers);
		quieten_common(&own, &ml, rels, numbers, more);
		rc = raise_notices(req, &cr, &ml, numbers);
	}
	int visible = 0, notices = 0, revealed = 0;
	int reveal = may_reveal(req, rel);
	size_t *order = arena_alloc(a, (ml.n ? ml.n : 1) * sizeof *order);
	if (rc == DB_OK && !order)
		rc = DB_NOMEM;
	for (size_t i = 0; rc == DB_OK && i < own.n; i++) {
		const selector_rec *s = &own.v[i];
		if (!sees_selector(req, s, rel))
			continue;
		json_t *matches = json_array();
		/* The visible matches in the order they were recorded, then the
		 * notices by number: where a notice stood among the others would
		 * tell when the unseen selector was recorded. */
		size_t n = 0;
		for (size_t k = 0; rc == DB_OK && k < ml.n; k++)
			if (!numbers[k] && strcmp(ml.v[k].own_id, s->id) == 0)
				order[n++] = k;
		size_t first_notice = n;
		for (size_t k = 0; rc == DB_OK && k < ml.n; k++)
			if (numbers[k] && strcmp(ml.v[k].own_id, s->id) == 0) {
				size_t at = n++;
				while (at > first_notice &&
				       strcmp(numbers[order[at - 1]], numbers[k]) > 0) {
					order[at] = order[at - 1];
					at--;
				}
				order[at] = k;
			}
		for (size_t j = 0; rc == DB_OK && j < n; j++) {
			size_t k = order[j];
			json_t *mj = NULL;
			rc = match_json(req, &cr, s, &ml.v[k], rels[k], numbers[k], &mj);
			/* Made even when its audit entry failed: the list takes it. */
			if (mj && json_array_append_new(matches, mj) != 0 && rc == DB_OK)
				rc = DB_NOMEM;
			if (rc == DB_OK && numbers[k])
				notices++;
			else if (rc == DB_OK)
				visible++;
		}
		if (!json_array_size(matches) && !more[i]) {
			json_decref(matches);
			continue;
		}
		char display[SELECTOR_MAX];
		const char *normalised = s->normalised;
		opened o;
		if (s->sealed_value && reveal && open_sealed(req, s, &o) == 0) {
			normalised = o.normalised;
			revealed = 1;
		}
		int k = selector_kind_parse(s->kind);
		int shown =
		    normalised && k >= 0 &&
		    selector_display((selector_kind)k, normalised, display, sizeof display) == 0;
		json_t *item =
		    json_pack("{s:{s:s, s:s, s:s, s:s?, s:b}, s:o, s:b, s:I}", "selector", "id",
		              s->id, "kind", s->kind, "kind_label", kind_label(s->kind), "display",
		              shown ? display : NULL, "sealed", s->sealed_value != NULL, "matches",
		              matches, "common", more[i] > 0, "more", (json_int_t)more[i]);
		if (rc == DB_OK && (!item || json_array_append_new(items, item) != 0))
			rc = DB_NOMEM;
		else if (rc != DB_OK)
			json_decref(item);
	}
	if (rc == DB_OK && revealed)
		rc = audit_reveal(req, cr.id);
	if (rc == DB_OK)
		rc = api_audit(req, "links_viewed", "case", cr.id, NULL,
		               json_pack("{s:i, s:i, s:i}", "matches", visible, "notices", notices,
		                         "withheld", withheld));
	json_t *out = rc == DB_OK ? json_pack("{s:s, s:O, s:i}", "case_id", cr.id, "items", items,
	                                      "withheld", withheld)
	                          : NULL;
	if (rc == DB_OK && !out)
		rc = DB_NOMEM;
	api_write_end(req, rc, 200, out);
}

/* ---- acknowledging a notice ---- */

void api_link_notice_acknowledge(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	const char *number = http_req_param(req, "number");
	link_notice_rec n;
	int rc = number ? store_link_notice_get(c->db, http_req_arena(req), number, &n) : DB_DONE;
	if (rc != DB_ROW && rc != DB_DONE) {
		api_db_fail(req, rc);
		return;
	}
	/* Only the owners of the side that did not raise it: to anyone else,
	 * the raising side included, it is as if there were no such notice. */
	case_rec cr;
	unsigned rel = 0;
	int r = rc == DB_ROW
	            ? api_case_load_id(req, n.other_case_id, KIND_ENTRY, ACT_WRITE, &cr, &rel)
	            : 1;
	if (r < 0)
		return;
	/* Nor to those who may not see the unraised selector: one about a
	 * person in that case only as a suspect, for those who do not reach
	 * suspects there (its worklist item is not theirs either). */
	selector_rec other;
	if (r == 0) {
		rc = store_selector_get(c->db, http_req_arena(req), n.other_selector, &other);
		if (rc != DB_ROW && rc != DB_DONE) {
			api_db_fail(req, rc);
			return;
		}
		if (rc == DB_DONE || !sees_selector(req, &other, rel))
			r = 1;
	}
	if (r > 0) {
		http_reply_problem(req, 404, "Not Found", "there is no such link notice", NULL);
		return;
	}
	if (n.acknowledged_at) {
		api_conflict(req, "that notice was acknowledged already");
		return;
	}
	char at[32];
	rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_link_notice_acknowledge(c->db, n.number, c->user.id, at);
	if (rc == DB_DONE) {
		api_conflict(req, "that notice was acknowledged already");
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "link_notice_acknowledged", "case", cr.id, NULL,
		               json_pack("{s:s}", "number", n.number));
	json_t *out =
	    json_pack("{s:s, s:s, s:{s:s, s:s}}", "number", n.number, "acknowledged_at", at,
	              "acknowledged_by", "id", c->user.id, "name", c->user.display_name);
	api_write_end(req, rc, 200, out);
}

/* ---- the worklist's selector_match items ---- */

int api_link_notice_work(http_req *req, int (*fn)(const link_notice_work *w, void *arg), void *arg)
{
	/* Those who may acknowledge it: whose entry write reach covers the
	 * unraised side's case, and who see its selector (not one about a
	 * suspect-only person, for those who do not reach suspects there). */
	store_reach r = api_reach(req, KIND_ENTRY, ACT_WRITE);
	store_reach s = api_reach(req, KIND_SUSPECT, ACT_READ);
	return store_link_notice_work(api_ctx_of(req)->db, http_req_arena(req), &r, &s, fn, arg);
}

json_t *api_link_notice_work_json(const link_notice_work *w)
{
	char display[SELECTOR_MAX];
	int k = selector_kind_parse(w->selector_kind);
	int shown = !w->sealed && w->normalised && k >= 0 &&
	            selector_display((selector_kind)k, w->normalised, display, sizeof display) == 0;
	char when[CLOCK_DATE_LEN];
	snprintf(when, sizeof when, "%.10s", w->raised_at);
	return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:{s:s, s:s?, s:s?}}", "when", when, "case_id",
	                 w->case_id, "selector_kind", w->selector_kind, "selector_kind_label",
	                 kind_label(w->selector_kind), "display", shown ? display : NULL, "contact",
	                 "organisation", w->raised_org_name, "role", w->contact_role, "contact",
	                 w->contact);
}

/* ---- the deconfliction contact ---- */

static int contact_settings_json(http_req *req, const org_rec *o, json_t **out)
{
	deconfliction_rec dc;
	int rc = store_deconfliction_get(api_ctx_of(req)->db, http_req_arena(req), o->id, &dc);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	*out = json_pack("{s:{s:s, s:s}, s:s?, s:s?, s:I, s:s?}", "organisation", "id", o->id,
	                 "name", o->name, "role", dc.role, "contact", dc.contact, "version",
	                 (json_int_t)dc.version, "updated_at", dc.updated_at);
	api_etag(req, dc.version);
	return *out ? DB_OK : DB_NOMEM;
}

void api_deconfliction_get(http_req *req)
{
	org_rec o;
	if (api_org_load(req, api_ctx_of(req)->user.org_id, KIND_SETTINGS, ACT_READ, &o) != 0)
		return;
	json_t *out = NULL;
	int rc = contact_settings_json(req, &o, &out);
	if (rc != DB_OK)
		api_db_fail(req, rc);
	else
		http_reply_json(req, 200, out);
}

/* A contact's part: 1 to CONTACT_MAX bytes, not blank, no space at either end. */
static const char *contact_part(json_t *body, const char *field, json_t *errors)
{
	return api_name(body, field, errors);
}

void api_deconfliction_put(http_req *req)
{
	static const jv_field fields[] = {{"role", JV_STRING, 1, CONTACT_MAX},
	                                  {"contact", JV_STRING, 1, CONTACT_MAX}};
	api_ctx *c = api_ctx_of(req);
	org_rec o;
	int64_t version;
	if (api_org_load(req, c->user.org_id, KIND_SETTINGS, ACT_ADMINISTER, &o) != 0 ||
	    api_if_match_new(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *role_text = contact_part(body, "role", errors);
	const char *contact = contact_part(body, "contact", errors);
	if (api_reject(req, errors))
		return;
	deconfliction_rec before;
	int rc = db_begin(c->db);
	if (rc == DB_OK) {
		rc = store_deconfliction_get(c->db, http_req_arena(req), o.id, &before);
		rc = rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
	}
	if (rc == DB_OK)
		rc = store_deconfliction_put(c->db, o.id, role_text, contact, c->user.id, &version);
	if (rc == DB_DONE) {
		/* Changed by someone else since it was read: theirs, as it is now. */
		json_t *current = NULL;
		db_rollback(c->db);
		rc = contact_settings_json(req, &o, &current);
		if (rc == DB_OK)
			api_stale(req, "deconfliction contact",
			          json_integer_value(json_object_get(current, "version")), current);
		else
			api_db_fail(req, rc);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "deconfliction_contact_changed", "organisation", o.id, NULL,
		               json_pack("{s:{s:s?, s:s?}, s:{s:s, s:s}}", "from", "role",
		                         before.role, "contact", before.contact, "to", "role",
		                         role_text, "contact", contact));
	json_t *out = NULL;
	if (rc == DB_OK)
		rc = contact_settings_json(req, &o, &out);
	api_write_end(req, rc, 200, out);
}
