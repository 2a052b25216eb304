/* Organisations. Everyone signed in lists those near their own (their own,
 * those it hosts and the one hosting it), by kind. Administrators add a
 * partner organisation hosted by their force, change the name or kind of
 * an organisation they administer (their own or one it hosts), and put
 * their force in or out of a Commissioner's office's area. Kinds are
 * named as domain/org_kinds.h names them. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"

#define ORG_NAME_MAX 128
/* Longer than any kind, so that a wrong one is told the kinds there are. */
#define ORG_KIND_MAX 64

static json_t *org_json(const org_rec *o)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:I}", "id", o->id, "name", o->name, "kind",
	                 store_org_kind(o), "hosted_by", o->host_org_id[0] ? o->host_org_id : NULL,
	                 "version", (json_int_t)o->version);
}

static int add_org(const org_rec *o, void *arg)
{
	json_t *j = org_json(o);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

typedef struct add_team_arg {
	json_t *teams;
	const org_rec *org;
} add_team_arg;

static int add_team(const team_rec *t, void *arg)
{
	add_team_arg *a = arg;
	return json_array_append_new(a->teams, api_team_json(t, a->org)) == 0 ? 0 : DB_NOMEM;
}

void api_orgs_list(http_req *req)
{
	api_ctx *c = api_ctx_of(req);
	const char *kind = http_req_query(req, "kind");
	if (kind && !org_kind_filter_valid(kind)) {
		json_t *errors = json_array();
		jv_error(errors, "kind",
		         "must be force, opcc, local_authority, support_provider, guardian, "
		         "health, other, or partner for every kind of partner");
		api_invalid(req, errors);
		return;
	}
	/* The user's own organisation, those it hosts and the one hosting it:
	 * never another force's partners. */
	json_t *items = api_keep(req, json_array());
	int rc = store_orgs_near(c->db, c->user.org_id, kind, add_org, items);
	/* Their teams, of the organisations whose accounts the user reads. */
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		if (rc != DB_OK)
			break;
		org_rec o = {0};
		const char *host = json_string_value(json_object_get(item, "hosted_by"));
		snprintf(o.id, sizeof o.id, "%s", json_string_value(json_object_get(item, "id")));
		snprintf(o.name, sizeof o.name, "%s",
		         json_string_value(json_object_get(item, "name")));
		snprintf(o.host_org_id, sizeof o.host_org_id, "%s", host ? host : "");
		if (access_decide(c->role, KIND_ACCOUNT, ACT_READ, api_org_rel(req, &o)) !=
		    ACCESS_ALLOW)
			continue;
		json_t *teams = json_array();
		rc = json_object_set_new(item, "teams", teams) == 0 ? DB_OK : DB_NOMEM;
		if (rc == DB_OK) {
			add_team_arg a = {teams, &o};
			rc = store_team_each(c->db, o.id, add_team, &a);
		}
	}
	api_reply_items(req, rc, items);
}

/* The partner kind the body gives, or NULL having added why to errors. */
static const char *partner_kind(json_t *body, json_t *errors)
{
	const char *kind = jv_str(body, "kind");
	if (org_kind_is_partner(kind))
		return kind;
	char why[128];
	snprintf(why, sizeof why, "must be one of %s", org_partner_kinds_text);
	jv_error(errors, "kind", why);
	return NULL;
}

static void refuse_taken(http_req *req)
{
	api_refuse_field(req, 409, "name", "is already the name of an organisation",
	                 "there is already an organisation of that name");
}

void api_orgs_create(http_req *req)
{
	static const jv_field fields[] = {
	    {"name", JV_STRING, 1, ORG_NAME_MAX},
	    {"kind", JV_STRING, 1, ORG_KIND_MAX},
	};
	api_ctx *c = api_ctx_of(req);
	/* A partner is hosted by a force, whose administrators add it. */
	if (strcmp(c->user.org_kind, "force") != 0) {
		http_reply_problem(req, 403, "Forbidden",
		                   "only a force's administrators add organisations", NULL);
		return;
	}
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	json_t *errors = json_array();
	const char *name = api_name(body, "name", errors);
	const char *kind = partner_kind(body, errors);
	if (api_reject(req, errors))
		return;
	org_rec o = {0};
	snprintf(o.name, sizeof o.name, "%s", name);
	store_org_kind_set(&o, kind);
	snprintf(o.host_org_id, sizeof o.host_org_id, "%s", c->user.org_id);
	int rc = db_begin(c->db);
	if (rc == DB_OK && (rc = store_org_create(c->db, &o)) == DB_CONSTRAINT) {
		refuse_taken(req);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "org_created", "org", o.id, NULL,
		               json_pack("{s:s, s:s, s:s}", "name", o.name, "kind",
		                         store_org_kind(&o), "hosted_by", c->user.org_name));
	if (rc == DB_OK)
		api_etag(req, o.version);
	api_write_end(req, rc, 201, rc == DB_OK ? org_json(&o) : NULL);
}

/* Takes into o the name and kind the body changes, each change also into
 * changes as [old, new]; problems go to errors. A force's or a
 * Commissioner's office's kind never changes: it is what they are. */
static void org_changes(json_t *body, org_rec *o, json_t *changes, json_t *errors)
{
	const char *name = jv_str(body, "name") ? api_name(body, "name", errors) : NULL;
	if (name && strcmp(name, o->name) != 0) {
		json_object_set_new(changes, "name", json_pack("[s,s]", o->name, name));
		snprintf(o->name, sizeof o->name, "%s", name);
	}
	const char *was = store_org_kind(o);
	const char *kind = jv_str(body, "kind");
	if (!kind || strcmp(kind, was) == 0)
		return;
	if (!org_kind_is_partner(was)) {
		jv_error(errors, "kind",
		         strcmp(was, "force") == 0 ? "of a police force does not change"
		                                   : "of a Commissioner's office does not change");
		return;
	}
	if (!(kind = partner_kind(body, errors)))
		return;
	json_object_set_new(changes, "kind", json_pack("[s,s]", was, kind));
	store_org_kind_set(o, kind);
}

void api_orgs_patch(http_req *req)
{
	static const jv_field fields[] = {
	    {"name", JV_STRING, 0, ORG_NAME_MAX},
	    {"kind", JV_STRING, 0, ORG_KIND_MAX},
	};
	api_ctx *c = api_ctx_of(req);
	org_rec o;
	int64_t version;
	if (api_org_load(req, http_req_param(req, "id"), KIND_ACCOUNT, ACT_ADMINISTER, &o) != 0 ||
	    api_if_match(req, &version) != 0)
		return;
	json_t *body = api_body(req, fields, 2);
	if (!body)
		return;
	if (version != o.version) {
		api_stale(req, "organisation", o.version, org_json(&o));
		return;
	}
	json_t *errors = json_array();
	json_t *changes = api_keep(req, json_object());
	org_changes(body, &o, changes, errors);
	if (api_reject(req, errors))
		return;
	if (!changes) {
		api_db_fail(req, DB_NOMEM);
		return;
	}
	if (json_object_size(changes) == 0) {
		api_etag(req, o.version);
		http_reply_json(req, 200, org_json(&o));
		return;
	}
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = store_org_update(c->db, &o, version);
	if (rc == DB_CONSTRAINT) {
		refuse_taken(req);
		return;
	}
	if (rc == DB_DONE) {
		/* Changed by someone else since it was read. */
		rc = store_org_get(c->db, o.id, &o);
		if (rc == DB_ROW)
			api_stale(req, "organisation", o.version, org_json(&o));
		else
			api_db_fail(req, rc);
		return;
	}
	if (rc == DB_OK)
		rc = api_audit(req, "org_changed", "org", o.id, NULL,
		               json_pack("{s:O}", "changes", changes));
	if (rc == DB_OK)
		api_etag(req, o.version);
	api_write_end(req, rc, 200, rc == DB_OK ? org_json(&o) : NULL);
}

static int add_force(const org_rec *o, void *arg)
{
	json_t *j = json_pack("{s:s, s:s}", "id", o->id, "name", o->name);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

void api_org_area_put(http_req *req)
{
	static const jv_field fields[] = {{"my_force", JV_BOOL, 1, 0}};
	api_ctx *c = api_ctx_of(req);
	org_rec o;
	if (api_org_load(req, http_req_param(req, "id"), KIND_ACCOUNT, ACT_ADMINISTER, &o) != 0)
		return;
	if (strcmp(o.kind, "opcc") != 0) {
		http_reply_problem(req, 409, "Conflict", "only a Commissioner's office has an area",
		                   NULL);
		return;
	}
	/* An administrator puts only their own force in or out. */
	if (strcmp(c->user.org_kind, "force") != 0) {
		http_reply_problem(
		    req, 403, "Forbidden",
		    "only a force's administrators put their force in or out of an area", NULL);
		return;
	}
	json_t *body = api_body(req, fields, 1);
	if (!body)
		return;
	int in = json_is_true(json_object_get(body, "my_force"));
	int rc = db_begin(c->db);
	if (rc == DB_OK)
		rc = in ? store_org_area_add(c->db, o.id, c->user.org_id)
		        : store_org_area_remove(c->db, o.id, c->user.org_id);
	if (rc == DB_OK)
		rc = api_audit(req, "org_area_changed", "org", o.id, NULL,
		               json_pack("{s:s, s:s, s:b}", "org", o.name, "force",
		                         c->user.org_name, "counted", in));
	json_t *area = api_keep(req, json_array());
	if (rc == DB_OK)
		rc = store_org_area_each(c->db, o.id, add_force, area);
	api_write_end(req, rc, 200,
	              rc == DB_OK ? json_pack("{s:s, s:s, s:s, s:O}", "id", o.id, "name", o.name,
	                                      "kind", store_org_kind(&o), "area", area)
	                          : NULL);
}
