#include "faults/paths.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <time.h>

#include "domain/totp.h"
#include "domain/workdays.h"
#include "lib/clock.h"

/* ---- setting up through the API ---- */

static int said(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int said(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("setting up: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return -1;
}

/* Sends a request that must answer status; keeps the answer in *out when
 * out is given. Returns 0 or -1. */
static int must(client *c, const char *method, const char *path, const char *body, long status,
                const char *const *headers, resp **out)
{
	resp *r = client_req(c, method, path, body, headers);
	if (r->status != status) {
		said("%s %s answered %ld, not %ld: %s", method, path, r->status, status,
		     r->body ? r->body : "");
		resp_free(r);
		return -1;
	}
	if (out)
		*out = r;
	else
		resp_free(r);
	return 0;
}

/* Copies a string member of the answer. Returns 0, or -1 when it is missing. */
static int take(json_t *v, char *out, size_t n)
{
	if (!json_is_string(v))
		return said("an answer without the value looked for");
	snprintf(out, n, "%s", json_string_value(v));
	return 0;
}

/* POSTs and keeps the id of what it made. */
static int post_id(client *c, const char *path, const char *body, long status, char out[64])
{
	resp *r;
	if (must(c, "POST", path, body, status, NULL, &r) != 0)
		return -1;
	int rc = take(json_object_get(r->json, "id"), out, 64);
	resp_free(r);
	return rc;
}

static int next(world *w)
{
	return ++w->seq;
}

/* A case of inv1's team; its version when wanted. */
static int new_case(world *w, char id[64], long *version)
{
	char body[256];
	snprintf(body, sizeof body,
	         "{\"title\":\"Fault sweep case %d\",\"summary\":\"Car wash on the ring road\","
	         "\"exploitation_types\":[\"labour\"]}",
	         next(w));
	resp *r;
	if (must(w->inv, "POST", "/api/v1/cases", body, 201, NULL, &r) != 0)
		return -1;
	int rc = take(json_object_get(r->json, "id"), id, 64);
	if (version)
		*version = (long)json_integer_value(json_object_get(r->json, "version"));
	resp_free(r);
	return rc;
}

/* A name of random letters: people named alike would find each other as
 * possible duplicates, and each request would read more than the last. */
static void random_name(char *out, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		out[i] = (char)((i ? 'a' : 'A') + (int)randombytes_uniform(26));
	out[len - 1] = '\0';
}

/* A person recorded by inv1, born in 1990; its version when wanted. */
static int new_person(world *w, char id[64], long *version)
{
	char body[256], given[8], family[10];
	random_name(given, sizeof given);
	random_name(family, sizeof family);
	(void)w;
	snprintf(body, sizeof body,
	         "{\"given_names\":\"%s\",\"family_name\":\"%s\",\"date_of_birth\":"
	         "\"1990-04-04\"}",
	         given, family);
	resp *r;
	if (must(w->inv, "POST", "/api/v1/people", body, 201, NULL, &r) != 0)
		return -1;
	int rc = take(json_object_get(r->json, "id"), id, 64);
	if (version)
		*version = (long)json_integer_value(json_object_get(r->json, "version"));
	resp_free(r);
	return rc;
}

/* A new case with a new person in it in the role; the case, person and part. */
static int part(world *w, const char *role, char case_id[64], char person[64], char link[64])
{
	char path[128], body[192];
	if (new_case(w, case_id, NULL) != 0 || new_person(w, person, NULL) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", case_id);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"%s\"}", person, role);
	return post_id(w->inv, path, body, 201, link);
}

/* A referral of a new potential victim, with consent; its case and person when wanted. */
static int referral(world *w, char id[64], char *case_out, char *person_out)
{
	char c[64], p[64], l[64], body[384];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	snprintf(body, sizeof body,
	         "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\",\"consent\":{"
	         "\"given\":true,\"method\":\"verbal\",\"language\":\"en\"}}",
	         c, p, w->today);
	if (case_out)
		snprintf(case_out, 64, "%s", c);
	if (person_out)
		snprintf(person_out, 64, "%s", p);
	return post_id(w->inv, "/api/v1/nrm-referrals", body, 201, id);
}

/* A referral with a negative Reasonable Grounds decision. */
static int refused_referral(world *w, char id[64])
{
	char path[160], body[192];
	if (referral(w, id, NULL, NULL) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/decisions", id);
	snprintf(
	    body, sizeof body,
	    "{\"stage\":\"reasonable_grounds\",\"outcome\":\"negative\",\"decided_on\":\"%s\"}",
	    w->today);
	return must(w->inv, "POST", path, body, 200, NULL, NULL);
}

/* An account made on the command line (password TEST_PASSWORD), signed in
 * on a new client when c is given; its name, and id when wanted. */
static int cli_account(world *w, const char *role, char name[32], char *id, client **c)
{
	snprintf(name, 32, "sweep.%d", next(w));
	const char *args[] = {"user",   "add", "--username", name,
	                      "--role", role,  "--org",      "Test Constabulary",
	                      "--team", "EMT", NULL};
	if (run_waymark(&w->srv, TEST_PASSWORD "\n", NULL, 0, args) != 0)
		return said("waymark user add %s failed", name);
	if (!c)
		return 0;
	*c = client_new(&w->srv);
	if (client_login(*c, name, TEST_PASSWORD) != 201)
		return said("%s cannot sign in", name);
	if (!id)
		return 0;
	resp *r;
	if (must(*c, "GET", "/api/v1/me", NULL, 200, NULL, &r) != 0)
		return -1;
	int rc = take(json_object_get(json_object_get(r->json, "user"), "id"), id, 64);
	resp_free(r);
	return rc;
}

/* An account made by admin1 through the API; its id and name. */
static int api_account(world *w, char id[64], char name[32])
{
	char body[256];
	snprintf(name, 32, "sweep.%d", next(w));
	snprintf(body, sizeof body,
	         "{\"username\":\"%s\",\"display_name\":\"Sweep Account\",\"role\":"
	         "\"investigator\",\"org\":\"Test Constabulary\",\"team\":\"EMT\"}",
	         name);
	return post_id(w->admin, "/api/v1/users", body, 201, id);
}

/* A signed-in account with a second factor: its id and secret. */
static int totp_account(world *w, char id[64], char secret[64])
{
	char name[32], code[7];
	client *c = NULL;
	int rc = cli_account(w, "investigator", name, id, &c);
	resp *r = NULL;
	if (rc == 0)
		rc = must(c, "POST", "/api/v1/me/totp", NULL, 201, NULL, &r);
	if (rc == 0)
		rc = take(json_object_get(r->json, "secret"), secret, 64);
	resp_free(r);
	if (rc == 0 && totp_code(secret, (int64_t)time(NULL), code) != 0)
		rc = said("cannot make a second-factor code");
	char body[64];
	snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
	if (rc == 0)
		rc = must(c, "POST", "/api/v1/me/totp/confirm", body, 200, NULL, NULL);
	client_free(c);
	return rc;
}

/* A one-time password link for a new account: its token. */
static int reset_token(world *w, char token[64])
{
	char id[64], name[32], path[128];
	if (api_account(w, id, name) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/users/%s/password-reset", id);
	resp *r;
	if (must(w->admin, "POST", path, NULL, 201, NULL, &r) != 0)
		return -1;
	const char *url = json_string_value(json_object_get(r->json, "reset_url"));
	const char *eq = url ? strchr(url, '=') : NULL;
	int rc = eq ? 0 : said("a password link without a token");
	if (eq)
		snprintf(token, 64, "%s", eq + 1);
	resp_free(r);
	return rc;
}

static void version_of(write_req *r, long v)
{
	snprintf(r->if_match, sizeof r->if_match, "If-Match: \"%ld\"", v);
}

/* ---- the paths ---- */

static int p_sign_in(world *w, write_req *r)
{
	r->own = client_new(&w->srv);
	r->as = r->own;
	snprintf(r->body, sizeof r->body,
	         "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\"}");
	(void)w;
	return 0;
}

static int p_sign_out(world *w, write_req *r)
{
	r->own = client_new(&w->srv);
	r->as = r->own;
	if (client_login(r->own, "inv1", TEST_PASSWORD) != 201)
		return said("inv1 cannot sign in");
	return 0;
}

/* A new investigator signed in as themselves: the path writes to its own
 * account. Returns -1 when the account cannot be made. */
static int p_own_investigator(world *w, write_req *r)
{
	char name[32];
	if (cli_account(w, "investigator", name, NULL, &r->own) != 0)
		return -1;
	r->as = r->own;
	return 0;
}

static int p_my_password(world *w, write_req *r)
{
	if (p_own_investigator(w, r) != 0)
		return -1;
	snprintf(r->body, sizeof r->body,
	         "{\"current_password\":\"" TEST_PASSWORD "\",\"new_password\":\"quiet-lantern-"
	         "orchard-%d\"}",
	         next(w));
	return 0;
}

static int p_totp_confirm(world *w, write_req *r)
{
	resp *a = NULL;
	if (p_own_investigator(w, r) != 0 ||
	    must(r->own, "POST", "/api/v1/me/totp", NULL, 201, NULL, &a) != 0)
		return -1;
	int rc = take(json_object_get(a->json, "secret"), r->totp_secret, sizeof r->totp_secret);
	resp_free(a);
	snprintf(r->body, sizeof r->body, "{\"code\":\"{code}\"}");
	return rc;
}

static int p_users_create(world *w, write_req *r)
{
	r->as = w->admin;
	snprintf(r->body, sizeof r->body,
	         "{\"username\":\"sweep.%d\",\"display_name\":\"Sweep Made\",\"role\":"
	         "\"investigator\",\"org\":\"Test Constabulary\",\"team\":\"EMT\"}",
	         next(w));
	return 0;
}

static int p_users_patch(world *w, write_req *r)
{
	char id[64], name[32];
	if (api_account(w, id, name) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/users/%s", id);
	resp *a;
	if (must(w->admin, "GET", r->path, NULL, 200, NULL, &a) != 0)
		return -1;
	version_of(r, (long)json_integer_value(json_object_get(a->json, "version")));
	resp_free(a);
	r->as = w->admin;
	snprintf(r->body, sizeof r->body, "{\"display_name\":\"Sweep Renamed\"}");
	return 0;
}

static int p_users_reset_link(world *w, write_req *r)
{
	char id[64], name[32];
	if (api_account(w, id, name) != 0)
		return -1;
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/users/%s/password-reset", id);
	return 0;
}

static int p_users_sf_request(world *w, write_req *r)
{
	char id[64], secret[64];
	if (totp_account(w, id, secret) != 0)
		return -1;
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/users/%s/second-factor-reset", id);
	return 0;
}

static int p_users_sf_approve(world *w, write_req *r)
{
	char id[64], secret[64], path[160];
	if (totp_account(w, id, secret) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/users/%s/second-factor-reset", id);
	if (must(w->admin, "POST", path, NULL, 201, NULL, NULL) != 0)
		return -1;
	r->as = w->admin2;
	snprintf(r->path, sizeof r->path, "/api/v1/users/%s/second-factor-reset/approval", id);
	return 0;
}

static int p_reset_redeem(world *w, write_req *r)
{
	char token[64];
	if (reset_token(w, token) != 0)
		return -1;
	r->own = client_new(&w->srv);
	r->as = r->own;
	snprintf(r->body, sizeof r->body,
	         "{\"token\":\"%s\",\"password\":\"quiet-lantern-orchard-%d\"}", token, next(w));
	return 0;
}

static int p_reset_lookup(world *w, write_req *r)
{
	char token[64];
	if (reset_token(w, token) != 0)
		return -1;
	r->own = client_new(&w->srv);
	r->as = r->own;
	snprintf(r->body, sizeof r->body, "{\"token\":\"%s\"}", token);
	return 0;
}

static int p_settings(world *w, write_req *r)
{
	resp *s;
	if (must(w->admin, "GET", "/api/v1/settings/security", NULL, 200, NULL, &s) != 0)
		return -1;
	version_of(r, (long)json_integer_value(json_object_get(s->json, "version")));
	resp_free(s);
	r->as = w->admin;
	snprintf(r->body, sizeof r->body, "{\"totp_required_roles\":[]}");
	return 0;
}

static int p_disclosure_settings(world *w, write_req *r)
{
	resp *s;
	if (must(w->admin, "GET", "/api/v1/settings/disclosure", NULL, 200, NULL, &s) != 0)
		return -1;
	version_of(r, (long)json_integer_value(json_object_get(s->json, "version")));
	resp_free(s);
	r->as = w->admin;
	snprintf(r->body, sizeof r->body, "{\"threshold\":10}");
	return 0;
}

static int p_area(world *w, write_req *r)
{
	r->as = w->admin;
	w->area_in = !w->area_in;
	snprintf(r->path, sizeof r->path, "/api/v1/organisations/%s/area", w->opcc_org);
	snprintf(r->body, sizeof r->body, "{\"my_force\":%s}", w->area_in ? "true" : "false");
	return 0;
}

static int p_org_create(world *w, write_req *r)
{
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/organisations");
	snprintf(r->body, sizeof r->body, "{\"name\":\"Sweep Council %d\",\"kind\":\"local_authority\"}",
	         next(w));
	return 0;
}

static int p_org_change(world *w, write_req *r)
{
	char body[96], id[64];
	snprintf(body, sizeof body, "{\"name\":\"Sweep Trust %d\",\"kind\":\"support_provider\"}", next(w));
	if (post_id(w->admin, "/api/v1/organisations", body, 201, id) != 0)
		return -1;
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/organisations/%s", id);
	snprintf(r->body, sizeof r->body, "{\"name\":\"Sweep Renamed Trust %d\",\"kind\":\"guardian\"}",
	         next(w));
	version_of(r, 1);
	return 0;
}

static int p_team_create(world *w, write_req *r)
{
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/organisations/%s/teams", w->force_org);
	snprintf(r->body, sizeof r->body, "{\"name\":\"Sweep Team %d\"}", next(w));
	return 0;
}

static int p_team_rename(world *w, write_req *r)
{
	char path[128], body[64], id[64];
	snprintf(path, sizeof path, "/api/v1/organisations/%s/teams", w->force_org);
	snprintf(body, sizeof body, "{\"name\":\"Sweep Team %d\"}", next(w));
	if (post_id(w->admin, path, body, 201, id) != 0)
		return -1;
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/teams/%s", id);
	snprintf(r->body, sizeof r->body, "{\"name\":\"Sweep Renamed %d\"}", next(w));
	version_of(r, 1);
	return 0;
}

static int p_cases_create(world *w, write_req *r)
{
	r->as = w->inv;
	snprintf(
	    r->body, sizeof r->body,
	    "{\"title\":\"Fault sweep opened %d\",\"summary\":\"Two men sleeping at a car "
	    "wash\",\"exploitation_types\":[\"labour\",\"criminal\"],\"offences\":[\"msa_s1\"]}",
	    next(w));
	return 0;
}

static int p_cases_patch(world *w, write_req *r)
{
	char id[64];
	long v;
	if (new_case(w, id, &v) != 0)
		return -1;
	r->as = w->inv;
	version_of(r, v);
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s", id);
	snprintf(r->body, sizeof r->body,
	         "{\"summary\":\"Changed by the fault sweep\",\"status\":\"investigating\"}");
	return 0;
}

static int p_people_create(world *w, write_req *r)
{
	char given[8], family[10];
	random_name(given, sizeof given);
	random_name(family, sizeof family);
	r->as = w->inv;
	snprintf(r->body, sizeof r->body,
	         "{\"given_names\":\"%s\",\"family_name\":\"%s\",\"aliases\":[\"%s\"],\"date_of_"
	         "birth\":\"1988-02-02\",\"nationalities\":[\"RO\"],"
	         "\"immigration_status\":\"Sealed status\"}",
	         given, family, given);
	(void)w;
	return 0;
}

static int p_people_patch(world *w, write_req *r)
{
	char id[64];
	long v;
	if (new_person(w, id, &v) != 0)
		return -1;
	r->as = w->inv;
	version_of(r, v);
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s", id);
	char family[10];
	random_name(family, sizeof family);
	snprintf(r->body, sizeof r->body, "{\"family_name\":\"%s\",\"languages\":[\"ro\",\"en\"]}",
	         family);
	return 0;
}

static int p_case_people(world *w, write_req *r)
{
	char c[64], p[64];
	if (new_case(w, c, NULL) != 0 || new_person(w, p, NULL) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/people", c);
	snprintf(r->body, sizeof r->body, "{\"person_id\":\"%s\",\"role\":\"potential_victim\"}",
	         p);
	return 0;
}

/* A request on a new potential victim's part: path is the tail after the part. */
static int on_victim(world *w, write_req *r, const char *tail, const char *body)
{
	char c[64], p[64], l[64];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/people/%s/%s", c, l, tail);
	snprintf(r->body, sizeof r->body, "%s", body);
	return 0;
}

/* The same on a new suspect's part. */
static int on_suspect(world *w, write_req *r, const char *tail, const char *body)
{
	char c[64], p[64], l[64];
	if (part(w, "suspect", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/people/%s/%s", c, l, tail);
	snprintf(r->body, sizeof r->body, "%s", body);
	return 0;
}

static int p_indicator(world *w, write_req *r)
{
	return on_victim(w, r, "indicators", "{\"code\":\"physical_injuries\"}");
}

static int p_victim_context(world *w, write_req *r)
{
	return on_victim(w, r, "victim-context", "{\"relationship_to_trafficker\":\"employer\"}");
}

static int p_contact(world *w, write_req *r)
{
	char body[192];
	snprintf(body, sizeof body,
	         "{\"contacted_on\":\"%s\",\"method\":\"phone\",\"summary\":\"Update given\"}",
	         w->today);
	return on_victim(w, r, "contacts", body);
}

static int p_care(world *w, write_req *r)
{
	return on_victim(w, r, "care", "{\"strategy\":\"Weekly contact by phone\"}");
}

static int p_s45(world *w, write_req *r)
{
	char body[256];
	snprintf(body, sizeof body,
	         "{\"offence\":\"Possession of cannabis\",\"offence_date\":\"%s\",\"compelled\":"
	         "true,\"no_realistic_alternative\":true,\"reasons\":\"Held in debt bondage\"}",
	         w->today);
	return on_suspect(w, r, "s45-assessments", body);
}

static int p_charging(world *w, write_req *r)
{
	char body[128];
	snprintf(body, sizeof body, "{\"decision\":\"refer_to_cps\",\"decided_on\":\"%s\"}",
	         w->today);
	return on_suspect(w, r, "charging-decisions", body);
}

static int p_s45_approve(world *w, write_req *r)
{
	char c[64], p[64], l[64], path[192], body[256], a[64];
	if (part(w, "suspect", c, p, l) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/s45-assessments", c, l);
	snprintf(body, sizeof body,
	         "{\"offence\":\"Theft\",\"offence_date\":\"%s\",\"compelled\":false,"
	         "\"no_realistic_alternative\":false,\"reasons\":\"Acted freely\"}",
	         w->today);
	if (post_id(w->inv, path, body, 201, a) != 0)
		return -1;
	r->as = w->sup;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/s45-assessments/%s/approval", c, a);
	return 0;
}

/* A request on a new case: path is the tail after the case. */
static int on_case(world *w, write_req *r, const char *tail, const char *body)
{
	char c[64];
	if (new_case(w, c, NULL) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/%s", c, tail);
	snprintf(r->body, sizeof r->body, "%s", body);
	return 0;
}

static int p_places(world *w, write_req *r)
{
	return on_case(w, r, "places", "{\"kind\":\"transit\",\"country\":\"GB\"}");
}

static int p_notes(world *w, write_req *r)
{
	return on_case(w, r, "notes",
	               "{\"text\":\"Seen at the car wash at night\",\"sealed\":true}");
}

static client *signed_in(world *w, const char *name);

static int p_selectors(world *w, write_req *r)
{
	return on_case(w, r, "selectors",
	               "{\"kind\":\"phone\",\"value\":\"07700 900123\",\"sealed\":true,\"grading\":{"
	               "\"source_evaluation\":2,\"intelligence_assessment\":\"B\",\"handling_code\":\"P\"}}");
}

/* A phone number recorded in a case of inv1's team and in one of CID's
 * (by inv2, as client): the case ids, inv1's first. */
static int matched_pair(world *w, client *inv2, char mine[64], char theirs[64])
{
	char path[160], id[64], body[96];
	/* A number of their own, so earlier pairs do not match. */
	snprintf(body, sizeof body, "{\"kind\":\"phone\",\"value\":\"07700 900%03d\"}", next(w) % 1000);
	if (new_case(w, mine, NULL) != 0 ||
	    post_id(inv2, "/api/v1/cases", "{\"title\":\"Fault sweep CID case\",\"exploitation_types\":[\"labour\"]}",
	            201, theirs) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/selectors", mine);
	if (post_id(w->inv, path, body, 201, id) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/selectors", theirs);
	return post_id(inv2, path, body, 201, id);
}

/* A first look at the links: a notice of CID's case is raised, and audited. */
static int p_links(world *w, write_req *r)
{
	char mine[64], theirs[64];
	client *inv2 = signed_in(w, "inv2");
	int rc = inv2 ? matched_pair(w, inv2, mine, theirs) : -1;
	client_free(inv2);
	if (rc != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/links", mine);
	return 0;
}

/* A look at the network two steps out: its audit entry is the write; CID's
 * case, which shares a selector, is counted without being named. */
static int p_network(world *w, write_req *r)
{
	char mine[64], theirs[64];
	client *inv2 = signed_in(w, "inv2");
	int rc = inv2 ? matched_pair(w, inv2, mine, theirs) : -1;
	client_free(inv2);
	if (rc != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/network?depth=2", mine);
	return 0;
}

/* CID acknowledges the notice inv1's look raised. */
static int p_link_ack(world *w, write_req *r)
{
	char mine[64], theirs[64], path[160];
	r->own = signed_in(w, "inv2");
	resp *l;
	if (!r->own || matched_pair(w, r->own, mine, theirs) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/links", mine);
	if (must(w->inv, "GET", path, NULL, 200, NULL, &l) != 0)
		return -1;
	json_t *m = json_array_get(json_object_get(json_array_get(json_object_get(l->json, "items"), 0), "matches"), 0);
	char number[32];
	int rc = take(json_object_get(json_object_get(m, "notice"), "number"), number, sizeof number);
	resp_free(l);
	if (rc != 0)
		return -1;
	r->as = r->own;
	snprintf(r->path, sizeof r->path, "/api/v1/link-notices/%s/acknowledgement", number);
	return 0;
}

static int p_deconfliction(world *w, write_req *r)
{
	resp *s;
	if (must(w->admin, "GET", "/api/v1/settings/deconfliction", NULL, 200, NULL, &s) != 0)
		return -1;
	version_of(r, (long)json_integer_value(json_object_get(s->json, "version")));
	resp_free(s);
	r->as = w->admin;
	snprintf(r->body, sizeof r->body, "{\"role\":\"Intelligence desk %d\",\"contact\":\"01632 960 100\"}", next(w));
	return 0;
}

static int p_events(world *w, write_req *r)
{
	char body[128];
	snprintf(body, sizeof body, "{\"kind\":\"arrest\",\"occurred_on\":\"%s\"}", w->today);
	return on_case(w, r, "events", body);
}

static int p_allocation(world *w, write_req *r)
{
	char body[192];
	snprintf(body, sizeof body, "{\"user_id\":\"%s\",\"override_reason\":\"Knows the family\"}",
	         w->inv_id);
	if (on_case(w, r, "allocation", body) != 0)
		return -1;
	r->as = w->sup;
	return 0;
}

static int p_orders(world *w, write_req *r)
{
	char c[64], p[64], l[64];
	if (part(w, "suspect", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/orders", c);
	snprintf(r->body, sizeof r->body,
	         "{\"person_id\":\"%s\",\"kind\":\"stpo\",\"court\":\"Swindon Magistrates\","
	         "\"applicant\":\"police\",\"made_on\":\"%s\",\"prohibitions\":[\"No contact with "
	         "the victims\"]}",
	         p, w->today);
	return 0;
}

static int p_breaches(world *w, write_req *r)
{
	char c[64], p[64], l[64], path[128], body[320], o[64];
	if (part(w, "suspect", c, p, l) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/orders", c);
	snprintf(body, sizeof body,
	         "{\"person_id\":\"%s\",\"kind\":\"stpo\",\"court\":\"Swindon Magistrates\","
	         "\"applicant\":\"police\",\"made_on\":\"%s\",\"prohibitions\":[\"No contact\"]}",
	         p, w->today);
	if (post_id(w->inv, path, body, 201, o) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/orders/%s/breaches", o);
	snprintf(r->body, sizeof r->body,
	         "{\"occurred_on\":\"%s\",\"summary\":\"Seen at the car wash\"}", w->today);
	return 0;
}

static int p_merge(world *w, write_req *r)
{
	char a[64], b[64];
	if (new_person(w, a, NULL) != 0 || new_person(w, b, NULL) != 0)
		return -1;
	r->as = w->sup;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/merge", b);
	snprintf(r->body, sizeof r->body, "{\"into\":\"%s\"}", a);
	return 0;
}

static int p_unmerge(world *w, write_req *r)
{
	char a[64], b[64], path[128], body[96];
	if (new_person(w, a, NULL) != 0 || new_person(w, b, NULL) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/people/%s/merge", b);
	snprintf(body, sizeof body, "{\"into\":\"%s\"}", a);
	if (must(w->sup, "POST", path, body, 200, NULL, NULL) != 0)
		return -1;
	r->as = w->sup;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/unmerge", b);
	return 0;
}

static int p_nrm_create(world *w, write_req *r)
{
	char c[64], p[64], l[64];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->body, sizeof r->body,
	         "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\",\"consent\":{"
	         "\"given\":true,\"method\":\"verbal\",\"language\":\"en\"}}",
	         c, p, w->today);
	return 0;
}

static int p_nrm_decide(world *w, write_req *r)
{
	char id[64];
	if (referral(w, id, NULL, NULL) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/nrm-referrals/%s/decisions", id);
	snprintf(
	    r->body, sizeof r->body,
	    "{\"stage\":\"reasonable_grounds\",\"outcome\":\"positive\",\"decided_on\":\"%s\"}",
	    w->today);
	return 0;
}

static int p_nrm_recon(world *w, write_req *r)
{
	char id[64];
	if (refused_referral(w, id) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/nrm-referrals/%s/reconsiderations", id);
	snprintf(r->body, sizeof r->body,
	         "{\"stage\":\"reasonable_grounds\",\"requested_on\":\"%s\",\"reasons\":\"New "
	         "evidence of control\"}",
	         w->today);
	return 0;
}

static int p_nrm_outcome(world *w, write_req *r)
{
	char id[64], path[160], body[192], q[64];
	if (refused_referral(w, id) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/nrm-referrals/%s/reconsiderations", id);
	snprintf(body, sizeof body,
	         "{\"stage\":\"reasonable_grounds\",\"requested_on\":\"%s\",\"reasons\":\"New "
	         "evidence\"}",
	         w->today);
	resp *a;
	if (must(w->inv, "POST", path, body, 201, NULL, &a) != 0)
		return -1;
	int rc = take(
	    json_object_get(json_array_get(json_object_get(a->json, "reconsiderations"), 0), "id"),
	    q, sizeof q);
	resp_free(a);
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/nrm-referrals/%s/reconsiderations/%s/outcome",
	         id, q);
	snprintf(r->body, sizeof r->body, "{\"outcome\":\"upheld\",\"decided_on\":\"%s\"}",
	         w->today);
	return rc;
}

static int p_nrm_withdraw(world *w, write_req *r)
{
	char id[64];
	if (referral(w, id, NULL, NULL) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/nrm-referrals/%s/withdrawal", id);
	snprintf(r->body, sizeof r->body,
	         "{\"withdrawn_on\":\"%s\",\"reason\":\"The person moved abroad\"}", w->today);
	return 0;
}

static int p_dtn(world *w, write_req *r)
{
	char c[64], p[64], l[64];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->body, sizeof r->body,
	         "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"submitted_on\":\"%s\"}", c, p,
	         w->today);
	return 0;
}

static int p_bank_holiday(world *w, write_req *r)
{
	/* A weekday: a bank holiday on a weekend is refused. */
	char day[DATE_LEN];
	do {
		if (date_add_days("2031-01-05", next(w), day) != 0)
			return said("no such day");
	} while (date_weekday(date_days(day)) > 5);
	r->as = w->admin;
	snprintf(r->body, sizeof r->body, "{\"day\":\"%s\",\"name\":\"Sweep Day\"}", day);
	return 0;
}

/* A staff member's request: a new account's staff record. */
static int on_staff(world *w, write_req *r, const char *tail, const char *body)
{
	char id[64], name[32];
	if (api_account(w, id, name) != 0)
		return -1;
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/staff/%s%s", id, tail);
	snprintf(r->body, sizeof r->body, "%s", body);
	return 0;
}

static int p_staff_put(world *w, write_req *r)
{
	if (on_staff(
	        w, r, "",
	        "{\"rank\":\"DC\",\"pip_level\":2,\"pip_accredited_on\":\"2020-01-01\","
	        "\"capacity\":10,\"languages\":[{\"tag\":\"pl\",\"proficiency\":\"fluent\"}]}") !=
	    0)
		return -1;
	version_of(r, 0);
	return 0;
}

static int p_staff_absence(world *w, write_req *r)
{
	char body[160];
	snprintf(body, sizeof body, "{\"kind\":\"leave\",\"starts_on\":\"%s\",\"ends_on\":\"%s\"}",
	         w->later, w->later);
	return on_staff(w, r, "/absences", body);
}

static int p_staff_training(world *w, write_req *r)
{
	char body[192];
	snprintf(body, sizeof body,
	         "{\"course\":\"victim_liaison\",\"provider\":\"College of Policing\","
	         "\"completed_on\":\"%s\"}",
	         w->today);
	return on_staff(w, r, "/training", body);
}

static int p_training_import(world *w, write_req *r)
{
	char id[64], name[32];
	if (api_account(w, id, name) != 0)
		return -1;
	r->as = w->admin;
	r->csv = 1;
	snprintf(r->body, sizeof r->body,
	         "username,course,provider,completed_on\r\n%s,msht_awareness,College of "
	         "Policing,%s\r\n",
	         name, w->today);
	return 0;
}

/* Reading a case, or a person's sealed field with a purpose, writes the
 * consultation to the audit log: reads that write. */
static int p_case_read(world *w, write_req *r)
{
	char id[64];
	if (new_case(w, id, NULL) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s", id);
	return 0;
}

static int p_person_reveal(world *w, write_req *r)
{
	char c[64], p[64], l[64];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s?reveal=immigration_status", p);
	snprintf(r->purpose, sizeof r->purpose, "X-Purpose: Safeguarding referral to the council");
	return 0;
}

/* ---- sharing with a partner ---- */

static client *signed_in(world *w, const char *name);

/* The partner organisation of the fixtures (Hope Support Services). */
static int partner_org(world *w, char out[64])
{
	resp *r;
	if (must(w->sup, "GET", "/api/v1/organisations?kind=partner", NULL, 200, NULL, &r) != 0)
		return -1;
	int rc = take(json_object_get(json_array_get(json_object_get(r->json, "items"), 0), "id"), out, 64);
	resp_free(r);
	return rc;
}

/* A new potential victim who consented to share for support; their part. */
static int consenting_victim(world *w, char c[64], char p[64], char l[64])
{
	char path[128];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/people/%s/consent", p);
	return must(w->inv, "PUT", path,
	            "{\"given\":true,\"purposes\":[\"support\"],\"method\":\"verbal\",\"language\":\"en\","
	            "\"interpreter\":\"none\"}",
	            200, NULL, NULL);
}

/* A live share of a new consenting victim with the partner: its id. */
static int new_share(world *w, char id[64])
{
	char c[64], p[64], l[64], org[64], path[192], body[256];
	if (consenting_victim(w, c, p, l) != 0 || partner_org(w, org) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", c, l);
	snprintf(body, sizeof body,
	         "{\"organisation_id\":\"%s\",\"sections\":[\"identity\",\"nrm\"],\"purpose\":\"support\","
	         "\"basis\":\"consent\",\"expires_on\":\"%s\"}",
	         org, w->later);
	return post_id(w->inv, path, body, 201, id);
}

static int p_consent(world *w, write_req *r)
{
	char c[64], p[64], l[64];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/consent", p);
	snprintf(r->body, sizeof r->body,
	         "{\"given\":true,\"purposes\":[\"support\",\"housing\"],\"method\":\"written\","
	         "\"language\":\"Romanian\",\"interpreter\":\"telephone\"}");
	return 0;
}

static int p_share(world *w, write_req *r)
{
	char c[64], p[64], l[64], org[64];
	if (consenting_victim(w, c, p, l) != 0 || partner_org(w, org) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/people/%s/shares", c, l);
	snprintf(r->body, sizeof r->body,
	         "{\"organisation_id\":\"%s\",\"sections\":[\"identity\",\"victim_context\",\"nrm\","
	         "\"contacts\"],\"purpose\":\"support\",\"basis\":\"consent\",\"expires_on\":\"%s\"}",
	         org, w->later);
	return 0;
}

static int p_share_read(world *w, write_req *r)
{
	char id[64];
	if (new_share(w, id) != 0)
		return -1;
	r->own = signed_in(w, "part1");
	if (!r->own)
		return -1;
	r->as = r->own;
	snprintf(r->path, sizeof r->path, "/api/v1/shares/%s", id);
	return 0;
}

/* A partner reads a share as an HTCDS record: a disclosure viewed. */
static int p_share_htcds(world *w, write_req *r)
{
	if (p_share_read(w, r) != 0)
		return -1;
	size_t n = strlen(r->path);
	snprintf(r->path + n, sizeof r->path - n, "/htcds");
	return 0;
}

/* An analyst takes the CTDC-style export of a period with a victim in it:
 * audited. */
static int p_export_htcds(world *w, write_req *r)
{
	char c[64], p[64], l[64], name[32];
	if (part(w, "potential_victim", c, p, l) != 0 || cli_account(w, "analyst", name, NULL, &r->own) != 0)
		return -1;
	r->as = r->own;
	snprintf(r->path, sizeof r->path, "/api/v1/exports/htcds?from=%s&to=%s", w->today, w->later);
	return 0;
}

static int p_share_revoke(world *w, write_req *r)
{
	char id[64];
	if (new_share(w, id) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/shares/%s", id);
	snprintf(r->body, sizeof r->body, "{\"note\":\"Support ended\"}");
	return 0;
}

static int p_share_extend(world *w, write_req *r)
{
	char id[64], until[16];
	if (new_share(w, id) != 0 || date_add_days(w->today, 300, until) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/shares/%s/extension", id);
	snprintf(r->body, sizeof r->body, "{\"expires_on\":\"%s\",\"reason\":\"Support goes on\"}", until);
	return 0;
}

/* ---- documents ---- */

/* A statement as a form of text fields and a plain text file (no NUL, so
 * it travels as a string). */
#define DOCUMENT_FORM                                                                              \
	"--wmSweep\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nstatement\r\n"               \
	"--wmSweep\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nFirst account\r\n"          \
	"--wmSweep\r\nContent-Disposition: form-data; name=\"file\"; filename=\"account.txt\"\r\n\r\n"   \
	"Account given through an interpreter.\n\r\n--wmSweep--\r\n"

static int p_document_add(world *w, write_req *r)
{
	char c[64];
	if (new_case(w, c, NULL) != 0)
		return -1;
	r->as = w->inv;
	r->multipart = 1;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/documents", c);
	snprintf(r->body, sizeof r->body, "%s", DOCUMENT_FORM);
	return 0;
}

static int p_document_delete(world *w, write_req *r)
{
	char c[64], path[128];
	if (new_case(w, c, NULL) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/documents", c);
	const char *h[] = {"Content-Type: multipart/form-data; boundary=wmSweep", NULL};
	resp *up = client_raw(w->inv, "POST", path, DOCUMENT_FORM, strlen(DOCUMENT_FORM), h);
	const char *id = up->status == 201 ? json_string_value(json_object_get(up->json, "id")) : NULL;
	if (!id) {
		fprintf(stderr, "POST %s: %ld %s\n", path, up->status, up->body ? up->body : "");
		resp_free(up);
		return -1;
	}
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/documents/%s", id);
	resp_free(up);
	version_of(r, 1);
	snprintf(r->body, sizeof r->body, "{\"reason\":\"Added to the wrong case\"}");
	return 0;
}

static int p_document_settings(world *w, write_req *r)
{
	resp *s;
	if (must(w->admin, "GET", "/api/v1/settings/documents", NULL, 200, NULL, &s) != 0)
		return -1;
	version_of(r, (long)json_integer_value(json_object_get(s->json, "version")));
	resp_free(s);
	r->as = w->admin;
	snprintf(r->body, sizeof r->body, "{\"max_bytes\":26214400}");
	return 0;
}

/* ---- services and referrals to them ---- */

/* A service given by the partner, commissioned by the administrator: its id. */
static int new_service(world *w, char id[64])
{
	char org[64], body[400];
	if (partner_org(w, org) != 0)
		return -1;
	snprintf(body, sizeof body,
	         "{\"name\":\"Sweep navigators %d\",\"provider_organisation_id\":\"%s\",\"kind\":\"navigator\","
	         "\"ages\":{\"min\":18,\"max\":120},\"languages\":[\"en\",\"sq\"],\"response_hours\":72}",
	         next(w), org);
	return post_id(w->admin, "/api/v1/services", body, 201, id);
}

static int p_service_create(world *w, write_req *r)
{
	char org[64];
	if (partner_org(w, org) != 0)
		return -1;
	r->as = w->admin;
	snprintf(r->body, sizeof r->body,
	         "{\"name\":\"Sweep housing %d\",\"provider_organisation_id\":\"%s\",\"kind\":\"housing\","
	         "\"ages\":{\"min\":16,\"max\":120},\"languages\":[\"Romanian\"],\"area\":\"Wiltshire\","
	         "\"capacity\":4,\"response_hours\":24}",
	         next(w), org);
	return 0;
}

static int p_service_patch(world *w, write_req *r)
{
	char id[64];
	if (new_service(w, id) != 0)
		return -1;
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/services/%s", id);
	snprintf(r->body, sizeof r->body, "{\"active\":false,\"capacity\":null,\"languages\":[\"en\"]}");
	version_of(r, 1);
	return 0;
}

static int p_service_referral(world *w, write_req *r)
{
	char c[64], p[64], l[64], service[64];
	if (consenting_victim(w, c, p, l) != 0 || new_service(w, service) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/people/%s/service-referrals", c, l);
	snprintf(r->body, sizeof r->body,
	         "{\"service_id\":\"%s\",\"need\":\"A safe house place\",\"urgency\":\"urgent\"}", service);
	return 0;
}

/* A new referral to a new service of the partner, sent as the partner:
 * the referral's id. Returns 0 or -1. */
static int referral_as_partner(world *w, write_req *r, char id[64])
{
	char c[64], p[64], l[64], service[64], path[192], body[256];
	if (consenting_victim(w, c, p, l) != 0 || new_service(w, service) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/service-referrals", c, l);
	snprintf(body, sizeof body, "{\"service_id\":\"%s\",\"need\":\"Counselling\",\"urgency\":\"routine\"}",
	         service);
	if (post_id(w->inv, path, body, 201, id) != 0)
		return -1;
	r->own = signed_in(w, "part1");
	if (!r->own)
		return -1;
	r->as = r->own;
	return 0;
}

/* The provider's look at a referral is a disclosure viewed, audited. */
static int p_service_referral_read(world *w, write_req *r)
{
	char id[64];
	if (referral_as_partner(w, r, id) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/service-referrals/%s", id);
	return 0;
}

/* The provider's list names victims: audited. */
static int p_service_referrals_list(world *w, write_req *r)
{
	char id[64];
	if (referral_as_partner(w, r, id) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/service-referrals");
	return 0;
}

/* The partner declines a new referral to its service, which ends the
 * share the referral made. */
static int p_service_referral_status(world *w, write_req *r)
{
	char id[64];
	if (referral_as_partner(w, r, id) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/service-referrals/%s/status", id);
	snprintf(r->body, sizeof r->body, "{\"status\":\"declined\",\"reason\":\"No places this month\"}");
	version_of(r, 1);
	return 0;
}

/* ---- safeguarding plans ---- */

/* A new potential victim (a child when child) with a plan: the plan's id. */
static int new_plan(world *w, int child, char id[64])
{
	char c[64], p[64], l[64], path[192], body[160];
	if (new_case(w, c, NULL) != 0)
		return -1;
	snprintf(body, sizeof body, "{\"given_names\":\"Minh\",\"family_name\":\"Sweep%d\",\"estimated_age\":%d}",
	         ++w->seq, child ? 15 : 30);
	if (post_id(w->inv, "/api/v1/people", body, 201, p) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", c);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"potential_victim\"}", p);
	if (post_id(w->inv, path, body, 201, l) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/safeguarding-plan", c, l);
	return post_id(w->inv, path, "{\"agencies\":[\"Wiltshire Council\"]}", 201, id);
}

static int p_plan_create(world *w, write_req *r)
{
	char c[64], p[64], l[64];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/people/%s/safeguarding-plan", c, l);
	snprintf(r->body, sizeof r->body, "{\"review_on\":\"%s\",\"agencies\":[\"Wiltshire Council\"]}", w->later);
	return 0;
}

/* A request on a new plan (of a child when child): path is the tail after it. */
static int on_plan(world *w, write_req *r, int child, const char *tail, const char *body)
{
	char id[64];
	if (new_plan(w, child, id) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/safeguarding-plans/%s%s", id, tail);
	snprintf(r->body, sizeof r->body, "%s", body);
	return 0;
}

static int p_plan_patch(world *w, write_req *r)
{
	char body[96];
	snprintf(body, sizeof body, "{\"review_on\":\"%s\"}", w->later);
	if (on_plan(w, r, 0, "", body) != 0)
		return -1;
	version_of(r, 1);
	return 0;
}

static int p_risk_add(world *w, write_req *r)
{
	return on_plan(w, r, 0, "/risks", "{\"description\":\"Contact from the gang\",\"level\":\"high\"}");
}

static int p_risk_patch(world *w, write_req *r)
{
	char id[64], path[160], risk[64];
	if (new_plan(w, 0, id) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/risks", id);
	if (post_id(w->inv, path, "{\"description\":\"Contact from the gang\",\"level\":\"high\"}", 201, risk) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/safeguarding-plans/%s/risks/%s", id, risk);
	snprintf(r->body, sizeof r->body, "{\"level\":\"medium\"}");
	return 0;
}

static int p_action_add(world *w, write_req *r)
{
	char body[256];
	snprintf(body, sizeof body,
	         "{\"description\":\"Safety visit\",\"owner_organisation_id\":\"%s\",\"owner_name\":\"PC Ash\","
	         "\"due_on\":\"%s\"}",
	         w->force_org, w->later);
	return on_plan(w, r, 0, "/actions", body);
}

static int p_action_patch(world *w, write_req *r)
{
	char id[64], path[160], body[256], action[64];
	if (new_plan(w, 0, id) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/safeguarding-plans/%s/actions", id);
	snprintf(body, sizeof body, "{\"description\":\"Safety visit\",\"owner_organisation_id\":\"%s\",\"due_on\":\"%s\"}",
	         w->force_org, w->later);
	if (post_id(w->inv, path, body, 201, action) != 0)
		return -1;
	r->as = w->inv;
	version_of(r, 1);
	snprintf(r->path, sizeof r->path, "/api/v1/safeguarding-plans/%s/actions/%s", id, action);
	snprintf(r->body, sizeof r->body, "{\"status\":\"done\"}");
	return 0;
}

static int p_plan_note(world *w, write_req *r)
{
	return on_plan(w, r, 0, "/notes", "{\"text\":\"Seen at the refuge; settled\"}");
}

static int p_cp_step(world *w, write_req *r)
{
	char body[128];
	snprintf(body, sizeof body, "{\"step\":\"local_authority_told\",\"on\":\"%s\"}", w->today);
	return on_plan(w, r, 1, "/child-protection", body);
}

static int p_guardian(world *w, write_req *r)
{
	char c[64], p[64], l[64], body[384], id[64], org[64];
	if (new_case(w, c, NULL) != 0)
		return -1;
	snprintf(body, sizeof body, "{\"given_names\":\"Tuan\",\"family_name\":\"Sweep%d\",\"estimated_age\":14}", ++w->seq);
	if (post_id(w->inv, "/api/v1/people", body, 201, p) != 0)
		return -1;
	char path[160];
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", c);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"potential_victim\"}", p);
	if (post_id(w->inv, path, body, 201, l) != 0)
		return -1;
	snprintf(body, sizeof body, "{\"case_id\":\"%s\",\"person_id\":\"%s\",\"referred_on\":\"%s\"}", c, p, w->today);
	if (post_id(w->inv, "/api/v1/nrm-referrals", body, 201, id) != 0)
		return -1;
	snprintf(body, sizeof body, "{\"name\":\"Guardians %d\",\"kind\":\"guardian\"}", ++w->seq);
	if (post_id(w->admin, "/api/v1/organisations", body, 201, org) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/nrm-referrals/%s/guardian-referral", id);
	snprintf(r->body, sizeof r->body, "{\"organisation_id\":\"%s\",\"referred_on\":\"%s\"}", org, w->today);
	return 0;
}


/* ---- missing people ---- */

/* A new child (estimated age 15) reported missing an hour ago, returned
 * half an hour ago when returned: the episode's id. */
static int new_episode(world *w, int returned, char id[64])
{
	char p[64], path[160], body[400], seen[CLOCK_ISO_LEN], back[CLOCK_ISO_LEN];
	snprintf(body, sizeof body, "{\"given_names\":\"Kai\",\"family_name\":\"Sweep%d\",\"estimated_age\":15}",
	         ++w->seq);
	if (post_id(w->inv, "/api/v1/people", body, 201, p) != 0)
		return -1;
	clock_iso(clock_now_ms() - 3600 * 1000, seen);
	clock_iso(clock_now_ms() - 1800 * 1000, back);
	snprintf(path, sizeof path, "/api/v1/people/%s/missing-episodes", p);
	snprintf(body, sizeof body,
	         "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"Swindon bus station\","
	         "\"risk\":\"medium\"}",
	         seen, seen);
	if (post_id(w->inv, path, body, 201, id) != 0)
		return -1;
	if (!returned)
		return 0;
	snprintf(path, sizeof path, "/api/v1/missing-episodes/%s/return", id);
	snprintf(body, sizeof body, "{\"returned_at\":\"%s\",\"found_by\":\"police\",\"where_found\":\"Home\"}", back);
	return must(w->inv, "POST", path, body, 200, NULL, NULL);
}

/* A request on a new episode: path is the tail after it. */
static int on_episode(world *w, write_req *r, int returned, const char *tail, const char *body)
{
	char id[64];
	if (new_episode(w, returned, id) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/missing-episodes/%s%s", id, tail);
	snprintf(r->body, sizeof r->body, "%s", body);
	return 0;
}

static int p_missing_report(world *w, write_req *r)
{
	char p[64], seen[CLOCK_ISO_LEN];
	if (new_person(w, p, NULL) != 0)
		return -1;
	clock_iso(clock_now_ms() - 3600 * 1000, seen);
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/missing-episodes", p);
	snprintf(r->body, sizeof r->body,
	         "{\"reported_at\":\"%s\",\"last_seen_at\":\"%s\",\"last_seen_place\":\"Swindon bus station\","
	         "\"risk\":\"high\",\"circumstances\":\"Did not come home\"}",
	         seen, seen);
	return 0;
}

static int p_missing_return(world *w, write_req *r)
{
	char back[CLOCK_ISO_LEN], body[200];
	clock_iso(clock_now_ms() - 60 * 1000, back);
	snprintf(body, sizeof body, "{\"returned_at\":\"%s\",\"found_by\":\"family_or_carer\",\"where_found\":\"Home\"}",
	         back);
	return on_episode(w, r, 0, "/return", body);
}

static int p_missing_review(world *w, write_req *r)
{
	return on_episode(w, r, 0, "/risk-reviews", "{\"risk\":\"high\",\"reason\":\"Seen with older men\"}");
}

static int p_missing_safe_well(world *w, write_req *r)
{
	char at[CLOCK_ISO_LEN], body[200];
	clock_iso(clock_now_ms() - 60 * 1000, at);
	snprintf(body, sizeof body, "{\"checked_at\":\"%s\",\"officer\":\"PC Amy Hart\",\"place\":\"Home\"}", at);
	return on_episode(w, r, 1, "/safe-and-well", body);
}

static int p_missing_interview(world *w, write_req *r)
{
	char at[CLOCK_ISO_LEN], body[300], org[64];
	resp *o;
	if (must(w->inv, "GET", "/api/v1/organisations?kind=partner", NULL, 200, NULL, &o) != 0)
		return -1;
	int rc = take(json_object_get(json_array_get(json_object_get(o->json, "items"), 0), "id"), org, sizeof org);
	resp_free(o);
	if (rc != 0)
		return -1;
	clock_iso(clock_now_ms() - 60 * 1000, at);
	snprintf(body, sizeof body, "{\"held_at\":\"%s\",\"offered_by_organisation_id\":\"%s\",\"accepted\":true}", at,
	         org);
	return on_episode(w, r, 1, "/return-interview", body);
}

static int p_missing_entry(world *w, write_req *r)
{
	char at[CLOCK_ISO_LEN], body[300];
	clock_iso(clock_now_ms() - 60 * 1000, at);
	snprintf(body, sizeof body,
	         "{\"kind\":\"sighting\",\"at\":\"%s\",\"place\":\"Regent Street\",\"detail\":\"Seen with two boys\"}", at);
	return on_episode(w, r, 0, "/entries", body);
}

static int p_missing_assoc(world *w, write_req *r)
{
	return on_episode(w, r, 0, "/associations", "{\"place\":\"Queens Park\",\"note\":\"Meets there\"}");
}

static int p_missing_screening(world *w, write_req *r)
{
	char p[64];
	if (new_person(w, p, NULL) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/exploitation-screenings", p);
	snprintf(r->body, sizeof r->body,
	         "{\"screened_on\":\"%s\",\"indicators\":[\"physical_injuries\"],\"outcome\":\"concerns_monitored\"}",
	         w->today);
	return 0;
}

/* Reading an episode, and a person's episodes, writes the consultation
 * to the audit log. */
static int p_missing_read(world *w, write_req *r)
{
	return on_episode(w, r, 1, "", "");
}

static int p_missing_person_read(world *w, write_req *r)
{
	char id[64], path[160];
	resp *e;
	if (new_episode(w, 0, id) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/missing-episodes/%s", id);
	if (must(w->inv, "GET", path, NULL, 200, NULL, &e) != 0)
		return -1;
	char person[64];
	int rc = take(json_object_get(json_object_get(e->json, "person"), "id"), person, sizeof person);
	resp_free(e);
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/missing-episodes", person);
	return rc;
}

static int p_missing_settings(world *w, write_req *r)
{
	resp *s;
	if (must(w->admin, "GET", "/api/v1/settings/missing", NULL, 200, NULL, &s) != 0)
		return -1;
	version_of(r, (long)json_integer_value(json_object_get(s->json, "version")));
	resp_free(s);
	r->as = w->admin;
	snprintf(r->body, sizeof r->body,
	         "{\"review_hours\":{\"no_apparent_risk\":24,\"low\":24,\"medium\":8,\"high\":4},\"safe_and_well_hours\":24}");
	return 0;
}

/* ---- a child's missing profile ---- */

#define PROFILE_BODY                                                                                   \
	"{\"physical_description\":\"Slim, long dark hair\",\"phones\":[\"07700 900123\"],"                \
	"\"places_frequented\":[\"Salisbury bus station\"],\"placement\":\"Oak House children's home\"}"

/* A new child (14) recorded by inv1 with a profile kept (version 1): the
 * child's profile path. */
static int profiled_child(world *w, char path[160])
{
	char id[64], body[160];
	const char *first[] = {"If-Match: \"0\"", NULL};
	snprintf(body, sizeof body, "{\"given_names\":\"Kayla\",\"family_name\":\"Sweep%d\",\"estimated_age\":14}",
	         ++w->seq);
	if (post_id(w->inv, "/api/v1/people", body, 201, id) != 0)
		return -1;
	snprintf(path, 160, "/api/v1/people/%s/missing-profile", id);
	return must(w->inv, "PUT", path, PROFILE_BODY, 201, first, NULL);
}

static int p_missing_profile_put(world *w, write_req *r)
{
	char path[160];
	if (profiled_child(w, path) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "%s", path);
	snprintf(r->body, sizeof r->body,
	         "{\"physical_description\":\"Slim, short dyed red hair\",\"associates\":[\"Older boy called Jay\"],"
	         "\"placement\":\"Foster carers in Amesbury\"}");
	version_of(r, 1);
	return 0;
}

/* The same, kept through a share of the child on the child safeguarding
 * basis naming the missing section, as a partner's screens reach it. */
static int p_share_profile_put(world *w, write_req *r)
{
	char c[64], p[64], l[64], path[192], body[512], share[64];
	const char *first[] = {"If-Match: \"0\"", NULL};
	if (new_case(w, c, NULL) != 0)
		return -1;
	snprintf(body, sizeof body, "{\"given_names\":\"Kayla\",\"family_name\":\"Sweep%d\",\"estimated_age\":14}",
	         ++w->seq);
	if (post_id(w->inv, "/api/v1/people", body, 201, p) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people", c);
	snprintf(body, sizeof body, "{\"person_id\":\"%s\",\"role\":\"potential_victim\"}", p);
	if (post_id(w->inv, path, body, 201, l) != 0)
		return -1;
	resp *o;
	char org[64];
	if (must(w->inv, "GET", "/api/v1/organisations?kind=partner", NULL, 200, NULL, &o) != 0)
		return -1;
	int rc = take(json_object_get(json_array_get(json_object_get(o->json, "items"), 0), "id"), org, sizeof org);
	resp_free(o);
	if (rc != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/shares", c, l);
	snprintf(body, sizeof body,
	         "{\"organisation_id\":\"%s\",\"sections\":[\"missing\"],\"purpose\":\"safeguarding\",\"basis\":"
	         "\"child_safeguarding\",\"reason\":\"Goes missing from care\",\"expires_on\":\"%s\"}",
	         org, w->later);
	if (post_id(w->inv, path, body, 201, share) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/shares/%s/missing-profile", share);
	if (must(w->inv, "PUT", path, PROFILE_BODY, 201, first, NULL) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "%s", path);
	snprintf(r->body, sizeof r->body, "{\"placement\":\"Foster carers in Amesbury\"}");
	version_of(r, 1);
	return 0;
}

/* Reading a profile writes the consultation to the audit log. */
static int p_missing_profile_read(world *w, write_req *r)
{
	char path[160];
	if (profiled_child(w, path) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "%s", path);
	return 0;
}

/* ---- victims' feedback ---- */

#define FEEDBACK_ANSWERS                                                                                    \
	"\"answers\":[{\"question\":\"safe\",\"score\":4},{\"question\":\"believed\",\"score\":5},"             \
	"{\"question\":\"understood\",\"score\":null},{\"question\":\"told_support\",\"score\":3},"             \
	"{\"question\":\"kept_updated\",\"score\":2},{\"question\":\"contact_again\",\"score\":5}]"

/* An invitation to a new potential victim: its link's path and its code. */
static int feedback_invitation(world *w, char url[64], char code[16])
{
	char c[64], p[64], l[64], path[200];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/people/%s/feedback-invitations", c, l);
	resp *r;
	if (must(w->inv, "POST", path, "{\"language\":\"sq\"}", 201, NULL, &r) != 0)
		return -1;
	int rc = take(json_object_get(r->json, "url"), url, 64);
	if (rc == 0)
		rc = take(json_object_get(r->json, "code"), code, 16);
	resp_free(r);
	return rc;
}

/* A victim's comment awaiting redaction: its id and version. */
static int feedback_comment(world *w, char id[64], long *version)
{
	char url[64], code[16], path[128];
	if (feedback_invitation(w, url, code) != 0)
		return -1;
	client *anon = client_new(&w->srv);
	snprintf(path, sizeof path, "/api/v1%s", url);
	int rc = must(anon, "POST", path, "{" FEEDBACK_ANSWERS ",\"comment\":\"Sergeant Pell listened\"}", 201, NULL, NULL);
	client_free(anon);
	resp *r;
	if (rc != 0 || must(w->sup, "GET", "/api/v1/feedback/comments?state=awaiting_redaction&limit=1", NULL, 200, NULL, &r) != 0)
		return -1;
	json_t *k = json_array_get(json_object_get(r->json, "items"), 0);
	rc = take(json_object_get(k, "id"), id, 64);
	*version = (long)json_integer_value(json_object_get(k, "version"));
	resp_free(r);
	return rc;
}

static int p_feedback_invite(world *w, write_req *r)
{
	char c[64], p[64], l[64];
	if (part(w, "potential_victim", c, p, l) != 0)
		return -1;
	r->as = w->inv;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/people/%s/feedback-invitations", c, l);
	snprintf(r->body, sizeof r->body, "{\"language\":\"vi\"}");
	return 0;
}

static int p_feedback_answer(world *w, write_req *r)
{
	char url[64], code[16];
	if (feedback_invitation(w, url, code) != 0)
		return -1;
	r->own = client_new(&w->srv);
	r->as = r->own;
	snprintf(r->path, sizeof r->path, "/api/v1%s", url);
	snprintf(r->body, sizeof r->body, "{" FEEDBACK_ANSWERS ",\"comment\":\"They listened\"}");
	return 0;
}

static int p_feedback_code(world *w, write_req *r)
{
	char url[64], code[16];
	if (feedback_invitation(w, url, code) != 0)
		return -1;
	r->own = client_new(&w->srv);
	r->as = r->own;
	snprintf(r->body, sizeof r->body, "{\"code\":\"%s\"}", code);
	return 0;
}

static int p_feedback_page_answer(world *w, write_req *r)
{
	char url[64], code[16];
	if (feedback_invitation(w, url, code) != 0)
		return -1;
	r->own = client_new(&w->srv);
	r->as = r->own;
	r->form = 1;
	snprintf(r->path, sizeof r->path, "%s", url);
	snprintf(r->body, sizeof r->body,
		 "safe=4&believed=none&understood=5&told_support=3&kept_updated=2&contact_again=5&comment=Kind+people");
	return 0;
}

static int p_feedback_page_code(world *w, write_req *r)
{
	char url[64], code[16];
	if (feedback_invitation(w, url, code) != 0)
		return -1;
	r->own = client_new(&w->srv);
	r->as = r->own;
	r->form = 1;
	snprintf(r->body, sizeof r->body, "lang=sq&code=%s", code);
	return 0;
}

static int p_feedback_comments(world *w, write_req *r)
{
	char id[64];
	long version;
	if (feedback_comment(w, id, &version) != 0)
		return -1;
	r->as = w->sup;
	snprintf(r->path, sizeof r->path, "/api/v1/feedback/comments?state=awaiting_redaction");
	return 0;
}

static int p_feedback_redact(world *w, write_req *r)
{
	char id[64];
	long version;
	if (feedback_comment(w, id, &version) != 0)
		return -1;
	r->as = w->sup;
	version_of(r, version);
	snprintf(r->path, sizeof r->path, "/api/v1/feedback/comments/%s/redaction", id);
	snprintf(r->body, sizeof r->body, "{\"text\":\"[name] listened\"}");
	return 0;
}

/* ---- Go bags ---- */

/* A new Go bag location of the force, made by its administrator. */
static int go_bag_location(world *w, char id[64])
{
	char body[160];
	snprintf(body, sizeof body, "{\"name\":\"Sweep Station %d\",\"latitude\":51.5,\"longitude\":-1.8,"
	         "\"reorder_level\":2}", next(w));
	return post_id(w->admin, "/api/v1/go-bags/locations", body, 201, id);
}

static int p_go_bag_location_create(world *w, write_req *r)
{
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/go-bags/locations");
	snprintf(r->body, sizeof r->body, "{\"name\":\"Sweep Station %d\",\"reorder_level\":1}", next(w));
	return 0;
}

static int p_go_bag_location_patch(world *w, write_req *r)
{
	char id[64];
	if (go_bag_location(w, id) != 0)
		return -1;
	r->as = w->admin;
	version_of(r, 1);
	snprintf(r->path, sizeof r->path, "/api/v1/go-bags/locations/%s", id);
	snprintf(r->body, sizeof r->body, "{\"reorder_level\":4,\"latitude\":51.6,\"longitude\":-1.7}");
	return 0;
}

static int p_go_bag_delivery(world *w, write_req *r)
{
	char id[64];
	if (go_bag_location(w, id) != 0)
		return -1;
	r->as = w->admin;
	snprintf(r->path, sizeof r->path, "/api/v1/go-bags/deliveries");
	snprintf(r->body, sizeof r->body, "{\"location\":\"%s\",\"kind\":\"child\",\"language\":\"sq\",\"quantity\":3}", id);
	return 0;
}

/* A bag from a location with one left: the take and the issue are one write. */
static int p_go_bag_issue(world *w, write_req *r)
{
	char id[64], delivery[64], body[200];
	if (go_bag_location(w, id) != 0)
		return -1;
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"adult\",\"quantity\":1}", id);
	if (post_id(w->admin, "/api/v1/go-bags/deliveries", body, 201, delivery) != 0)
		return -1;
	snprintf(body, sizeof body, "{\"location\":\"%s\",\"kind\":\"adult\",\"language\":\"en\"}", id);
	return on_victim(w, r, "go-bags", body);
}

/* ---- retention, review and disposal (issue 21) ---- */

/* A case of inv1's team, closed when asked (so no automatic hold keeps
 * it), and the records manager rm1 signed in for this request alone. */
static int retention_case(world *w, write_req *r, int closed, char c[64])
{
	long v;
	char path[128];
	if (new_case(w, c, &v) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s", c);
	char im[40];
	snprintf(im, sizeof im, "If-Match: \"%ld\"", v);
	const char *h[] = {im, NULL};
	if (closed && must(w->inv, "PATCH", path, "{\"status\":\"closed\",\"outcome\":\"No further action\"}", 200,
	                   h, NULL) != 0)
		return -1;
	r->own = signed_in(w, "rm1");
	r->as = r->own;
	return r->own ? 0 : -1;
}

/* A look at a case's retention record: its audit entry is the write. */
static int p_case_retention_read(world *w, write_req *r)
{
	char c[64];
	if (retention_case(w, r, 0, c) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/retention", c);
	return 0;
}

static int p_retention_rules(world *w, write_req *r)
{
	resp *s;
	if (must(w->admin, "GET", "/api/v1/retention/rules", NULL, 200, NULL, &s) != 0)
		return -1;
	version_of(r, (long)json_integer_value(json_object_get(s->json, "version")));
	resp_free(s);
	r->as = w->admin;
	snprintf(r->body, sizeof r->body,
	         "{\"rules\":[{\"group\":\"group_3\",\"review_years\":6,\"clear_years\":6}]}");
	return 0;
}

static int p_case_retention(world *w, write_req *r)
{
	char c[64];
	if (retention_case(w, r, 0, c) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/retention", c);
	version_of(r, 1);
	snprintf(r->body, sizeof r->body, "{\"group\":\"group_1\",\"reason\":\"Managed under MAPPA\"}");
	return 0;
}

static int p_person_retention(world *w, write_req *r)
{
	char c[64], p[64], l[64];
	if (part(w, "witness", c, p, l) != 0)
		return -1;
	r->own = signed_in(w, "rm1");
	r->as = r->own;
	if (!r->own)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/people/%s/retention", c, p);
	version_of(r, 1);
	snprintf(r->body, sizeof r->body, "{\"group\":\"group_3\",\"reason\":\"A witness to one event\"}");
	return 0;
}

/* The decision that disposes of a closed case with no hold: the disposal
 * runs in its transaction, the scrub after the commit. */
static int p_review_dispose(world *w, write_req *r)
{
	char c[64];
	if (retention_case(w, r, 1, c) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/reviews", c);
	snprintf(r->body, sizeof r->body, "{\"decision\":\"dispose\",\"reason\":\"No policing purpose remains\"}");
	return 0;
}

static int p_hold_place(world *w, write_req *r)
{
	char c[64];
	if (retention_case(w, r, 1, c) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/cases/%s/holds", c);
	snprintf(r->body, sizeof r->body,
	         "{\"kind\":\"litigation\",\"reason\":\"Civil claim\",\"owner\":\"Force Solicitor\"}");
	return 0;
}

static int p_hold_lift(world *w, write_req *r)
{
	char c[64], path[128], id[64];
	if (retention_case(w, r, 1, c) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/cases/%s/holds", c);
	if (post_id(r->own, path, "{\"kind\":\"litigation\",\"reason\":\"Civil claim\",\"owner\":\"Solicitor\"}", 201,
	            id) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/holds/%s", id);
	version_of(r, 1);
	snprintf(r->body, sizeof r->body, "{\"reason\":\"The claim was settled\"}");
	return 0;
}

/* ---- access bundles (issue 21) ---- */

/* An access request about a new person in no case, opened by rm1 (signed
 * in as the request's own client), its bundle assembled when assemble is
 * set: the request's id and the bundle's first item. */
static int access_bundle(world *w, write_req *r, int assemble, char req_id[64], char item[64])
{
	char person[64], body[320], path[160];
	if (new_person(w, person, NULL) != 0)
		return -1;
	r->own = client_new(&w->srv);
	r->as = r->own;
	if (client_login(r->own, "rm1", TEST_PASSWORD) != 201)
		return said("rm1 cannot sign in");
	snprintf(body, sizeof body,
	         "{\"person_id\":\"%s\",\"kind\":\"access\",\"regime\":\"uk_gdpr\",\"received_on\":\"%s\","
	         "\"identity_verified_on\":\"%s\",\"channel\":\"email\"}",
	         person, w->today, w->today);
	if (post_id(r->own, "/api/v1/subject-requests", body, 201, req_id) != 0)
		return -1;
	if (!assemble)
		return 0;
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/bundle", req_id);
	resp *b;
	if (must(r->own, "POST", path, NULL, 201, NULL, &b) != 0)
		return -1;
	int rc = take(json_object_get(json_array_get(json_object_get(b->json, "items"), 0), "id"), item, 64);
	resp_free(b);
	return rc;
}

static int p_bundle_assemble(world *w, write_req *r)
{
	char q[64], item[64];
	if (access_bundle(w, r, 0, q, item) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests/%s/bundle", q);
	return 0;
}

static int p_bundle_item(world *w, write_req *r)
{
	char q[64], item[64];
	if (access_bundle(w, r, 1, q, item) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests/%s/bundle/items/%s", q, item);
	version_of(r, 1);
	snprintf(r->body, sizeof r->body,
	         "{\"exemption\":{\"ground\":\"rights_of_others\",\"reason\":\"Names a witness\"}}");
	return 0;
}

static int p_bundle_release(world *w, write_req *r)
{
	char q[64], item[64];
	if (access_bundle(w, r, 1, q, item) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests/%s/bundle/release", q);
	return 0;
}

/* The downloads write an audit entry of their own. */
static int p_bundle_download(world *w, write_req *r, const char *format)
{
	char q[64], item[64], path[160];
	if (access_bundle(w, r, 1, q, item) != 0)
		return -1;
	snprintf(path, sizeof path, "/api/v1/subject-requests/%s/bundle/release", q);
	if (must(r->own, "POST", path, NULL, 201, NULL, NULL) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests/%s/bundle.%s", q, format);
	return 0;
}

/* Reading the bundle is audited too. */
static int p_bundle_read(world *w, write_req *r)
{
	char q[64], item[64];
	if (access_bundle(w, r, 1, q, item) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests/%s/bundle", q);
	return 0;
}

static int p_bundle_pdf(world *w, write_req *r)
{
	return p_bundle_download(w, r, "pdf");
}

static int p_bundle_json(world *w, write_req *r)
{
	return p_bundle_download(w, r, "json");
}

/* ---- subject requests (issue 21) ---- */

/* A request of the kind about a new person in no case, opened by rm1
 * signed in as the request's own client: its id in req_id, the person's
 * in person. Opening it is itself a write when open is 0: then only the
 * body is written. */
static int subject_request(world *w, write_req *r, const char *kind, int open, char req_id[64],
                           char person[64])
{
	char body[320];
	if (new_person(w, person, NULL) != 0)
		return -1;
	r->own = client_new(&w->srv);
	r->as = r->own;
	if (client_login(r->own, "rm1", TEST_PASSWORD) != 201)
		return said("rm1 cannot sign in");
	snprintf(body, sizeof body,
	         "{\"person_id\":\"%s\",\"kind\":\"%s\",\"regime\":\"uk_gdpr\",\"received_on\":\"%s\","
	         "\"identity_verified_on\":\"%s\",\"channel\":\"letter\"}",
	         person, kind, w->today, w->today);
	if (!open) {
		snprintf(r->body, sizeof r->body, "%s", body);
		return 0;
	}
	return post_id(r->own, "/api/v1/subject-requests", body, 201, req_id);
}

static int p_sr_create(world *w, write_req *r)
{
	char q[64], person[64];
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests");
	return subject_request(w, r, "access", 0, q, person);
}

/* Two further months from today: after the first due date, within the
 * two further months the law allows. */
static int p_sr_extend(world *w, write_req *r)
{
	char q[64], person[64], due[DATE_LEN];
	if (subject_request(w, r, "access", 1, q, person) != 0 || date_add_months(w->today, 2, due) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests/%s/extension", q);
	version_of(r, 1);
	snprintf(r->body, sizeof r->body, "{\"due\":\"%s\",\"reason\":\"Records held in three systems\"}", due);
	return 0;
}

static int p_sr_close(world *w, write_req *r)
{
	char q[64], person[64];
	if (subject_request(w, r, "access", 1, q, person) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests/%s/close", q);
	version_of(r, 1);
	snprintf(r->body, sizeof r->body, "{\"outcome\":\"no_data_held\",\"reason\":\"Nothing else held\"}");
	return 0;
}

/* A person in no case: erased, their record disposed of. */
static int p_sr_erasure(world *w, write_req *r)
{
	char q[64], person[64];
	if (subject_request(w, r, "erasure", 1, q, person) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/subject-requests/%s/erasure", q);
	return 0;
}

static int p_sr_rectify(world *w, write_req *r)
{
	char q[64], person[64];
	if (subject_request(w, r, "rectification", 1, q, person) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/rectifications", person);
	snprintf(r->body, sizeof r->body,
	         "{\"request_id\":\"%s\",\"field\":\"gender\",\"corrected\":\"female\",\"note\":\"She asked\"}", q);
	return 0;
}

static int p_sr_restrict(world *w, write_req *r)
{
	char q[64], person[64];
	if (subject_request(w, r, "restriction", 1, q, person) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/restriction", person);
	snprintf(r->body, sizeof r->body, "{\"request_id\":\"%s\",\"reason\":\"Accuracy contested\"}", q);
	return 0;
}

static int p_sr_unrestrict(world *w, write_req *r)
{
	char q[64], person[64], body[200];
	if (subject_request(w, r, "restriction", 1, q, person) != 0)
		return -1;
	snprintf(r->path, sizeof r->path, "/api/v1/people/%s/restriction", person);
	snprintf(body, sizeof body, "{\"request_id\":\"%s\",\"reason\":\"Accuracy contested\"}", q);
	if (must(r->own, "POST", r->path, body, 201, NULL, NULL) != 0)
		return -1;
	snprintf(r->body, sizeof r->body, "{\"reason\":\"The record was checked and is right\"}");
	return 0;
}

/* clang-format off */
const write_path write_paths[] = {
	{"GET", "/api/v1/cases/{id}", p_case_read, 1, 0},
	{"GET", "/api/v1/people/{id}", p_person_reveal, 0, 0},
	{"GET", "/api/v1/feedback/comments", p_feedback_comments, 0, 0},
	{"POST", "/api/v1/session", p_sign_in, 1, 1},
	{"DELETE", "/api/v1/session", p_sign_out, 0, 0},
	{"PUT", "/api/v1/me/password", p_my_password, 0, 1},
	{"DELETE", "/api/v1/me/sessions", p_own_investigator, 0, 0},
	{"POST", "/api/v1/me/totp", p_own_investigator, 0, 0},
	{"POST", "/api/v1/me/totp/confirm", p_totp_confirm, 0, 0},
	{"POST", "/api/v1/users", p_users_create, 1, 1},
	{"PATCH", "/api/v1/users/{id}", p_users_patch, 0, 0},
	{"POST", "/api/v1/users/{id}/password-reset", p_users_reset_link, 1, 0},
	{"POST", "/api/v1/users/{id}/second-factor-reset", p_users_sf_request, 0, 0},
	{"POST", "/api/v1/users/{id}/second-factor-reset/approval", p_users_sf_approve, 0, 0},
	{"POST", "/api/v1/password-resets", p_reset_redeem, 0, 1},
	{"POST", "/api/v1/password-resets/lookup", p_reset_lookup, 0, 0},
	{"PUT", "/api/v1/settings/security", p_settings, 0, 0},
	{"PUT", "/api/v1/settings/disclosure", p_disclosure_settings, 0, 0},
	{"POST", "/api/v1/organisations", p_org_create, 0, 0},
	{"PATCH", "/api/v1/organisations/{id}", p_org_change, 0, 0},
	{"PUT", "/api/v1/organisations/{id}/area", p_area, 0, 0},
	{"POST", "/api/v1/organisations/{id}/teams", p_team_create, 0, 0},
	{"PATCH", "/api/v1/teams/{id}", p_team_rename, 0, 0},
	{"POST", "/api/v1/cases", p_cases_create, 3, 0},
	{"PATCH", "/api/v1/cases/{id}", p_cases_patch, 1, 0},
	{"POST", "/api/v1/people", p_people_create, 0, 0},
	{"PATCH", "/api/v1/people/{id}", p_people_patch, 0, 0},
	{"POST", "/api/v1/cases/{id}/people", p_case_people, 1, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/indicators", p_indicator, 1, 0},
	{"PUT", "/api/v1/cases/{id}/people/{link}/victim-context", p_victim_context, 0, 0},
	{"POST", "/api/v1/cases/{id}/places", p_places, 0, 0},
	{"POST", "/api/v1/cases/{id}/notes", p_notes, 0, 0},
	{"POST", "/api/v1/cases/{id}/selectors", p_selectors, 0, 0},
	{"GET", "/api/v1/cases/{id}/links", p_links, 1, 0},
	{"GET", "/api/v1/cases/{id}/network", p_network, 0, 0},
	{"POST", "/api/v1/link-notices/{number}/acknowledgement", p_link_ack, 0, 0},
	{"PUT", "/api/v1/settings/deconfliction", p_deconfliction, 0, 0},
	{"POST", "/api/v1/people/{id}/merge", p_merge, 0, 0},
	{"POST", "/api/v1/people/{id}/unmerge", p_unmerge, 0, 0},
	{"POST", "/api/v1/nrm-referrals", p_nrm_create, 3, 0},
	{"POST", "/api/v1/nrm-referrals/{id}/decisions", p_nrm_decide, 0, 0},
	{"POST", "/api/v1/duty-to-notify", p_dtn, 0, 0},
	{"POST", "/api/v1/bank-holidays", p_bank_holiday, 0, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/s45-assessments", p_s45, 1, 0},
	{"POST", "/api/v1/cases/{id}/s45-assessments/{assessment}/approval", p_s45_approve, 0, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/charging-decisions", p_charging, 0, 0},
	{"POST", "/api/v1/cases/{id}/events", p_events, 0, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/contacts", p_contact, 0, 0},
	{"PUT", "/api/v1/cases/{id}/people/{link}/care", p_care, 0, 0},
	{"POST", "/api/v1/nrm-referrals/{id}/reconsiderations", p_nrm_recon, 0, 0},
	{"POST", "/api/v1/nrm-referrals/{id}/reconsiderations/{request}/outcome", p_nrm_outcome, 0, 0},
	{"POST", "/api/v1/nrm-referrals/{id}/withdrawal", p_nrm_withdraw, 0, 0},
	{"POST", "/api/v1/services", p_service_create, 0, 0},
	{"PATCH", "/api/v1/services/{id}", p_service_patch, 0, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/service-referrals", p_service_referral, 0, 0},
	{"POST", "/api/v1/service-referrals/{id}/status", p_service_referral_status, 0, 0},
	{"GET", "/api/v1/service-referrals/{id}", p_service_referral_read, 0, 0},
	{"GET", "/api/v1/service-referrals", p_service_referrals_list, 0, 0},
	{"POST", "/api/v1/cases/{id}/orders", p_orders, 0, 0},
	{"POST", "/api/v1/orders/{id}/breaches", p_breaches, 0, 0},
	{"POST", "/api/v1/cases/{id}/allocation", p_allocation, 0, 0},
	{"PUT", "/api/v1/staff/{id}", p_staff_put, 0, 0},
	{"POST", "/api/v1/staff/{id}/absences", p_staff_absence, 0, 0},
	{"POST", "/api/v1/staff/{id}/training", p_staff_training, 0, 0},
	{"POST", "/api/v1/training/import", p_training_import, 0, 0},
	{"PUT", "/api/v1/people/{id}/consent", p_consent, 0, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/shares", p_share, 1, 0},
	{"GET", "/api/v1/shares/{id}", p_share_read, 0, 0},
	{"GET", "/api/v1/shares/{id}/htcds", p_share_htcds, 0, 0},
	{"GET", "/api/v1/exports/htcds", p_export_htcds, 0, 0},
	{"DELETE", "/api/v1/shares/{id}", p_share_revoke, 0, 0},
	{"POST", "/api/v1/cases/{id}/documents", p_document_add, 1, 0},
	{"DELETE", "/api/v1/documents/{id}", p_document_delete, 0, 0},
	{"PUT", "/api/v1/settings/documents", p_document_settings, 0, 0},
	{"POST", "/api/v1/shares/{id}/extension", p_share_extend, 0, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/safeguarding-plan", p_plan_create, 0, 0},
	{"PATCH", "/api/v1/safeguarding-plans/{id}", p_plan_patch, 0, 0},
	{"POST", "/api/v1/safeguarding-plans/{id}/risks", p_risk_add, 0, 0},
	{"PATCH", "/api/v1/safeguarding-plans/{id}/risks/{risk}", p_risk_patch, 0, 0},
	{"POST", "/api/v1/safeguarding-plans/{id}/actions", p_action_add, 0, 0},
	{"PATCH", "/api/v1/safeguarding-plans/{id}/actions/{action}", p_action_patch, 0, 0},
	{"POST", "/api/v1/safeguarding-plans/{id}/notes", p_plan_note, 0, 0},
	{"POST", "/api/v1/safeguarding-plans/{id}/child-protection", p_cp_step, 1, 0},
	{"POST", "/api/v1/nrm-referrals/{id}/guardian-referral", p_guardian, 0, 0},
	{"POST", "/api/v1/people/{id}/missing-episodes", p_missing_report, 0, 0},
	{"POST", "/api/v1/missing-episodes/{id}/return", p_missing_return, 1, 0},
	{"POST", "/api/v1/missing-episodes/{id}/risk-reviews", p_missing_review, 0, 0},
	{"POST", "/api/v1/missing-episodes/{id}/safe-and-well", p_missing_safe_well, 0, 0},
	{"POST", "/api/v1/missing-episodes/{id}/return-interview", p_missing_interview, 0, 0},
	{"POST", "/api/v1/missing-episodes/{id}/entries", p_missing_entry, 0, 0},
	{"POST", "/api/v1/missing-episodes/{id}/associations", p_missing_assoc, 0, 0},
	{"POST", "/api/v1/people/{id}/exploitation-screenings", p_missing_screening, 0, 0},
	{"PUT", "/api/v1/settings/missing", p_missing_settings, 0, 0},
	{"GET", "/api/v1/missing-episodes/{id}", p_missing_read, 0, 0},
	{"GET", "/api/v1/people/{id}/missing-episodes", p_missing_person_read, 0, 0},
	{"PUT", "/api/v1/people/{id}/missing-profile", p_missing_profile_put, 0, 0},
	{"GET", "/api/v1/people/{id}/missing-profile", p_missing_profile_read, 0, 0},
	{"PUT", "/api/v1/shares/{id}/missing-profile", p_share_profile_put, 0, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/feedback-invitations", p_feedback_invite, 0, 0},
	{"POST", "/api/v1/feedback/{token}", p_feedback_answer, 0, 0},
	{"POST", "/api/v1/feedback/codes", p_feedback_code, 0, 0},
	{"POST", "/feedback/{token}", p_feedback_page_answer, 0, 0},
	{"POST", "/feedback", p_feedback_page_code, 0, 0},
	{"POST", "/api/v1/feedback/comments/{id}/redaction", p_feedback_redact, 0, 0},
	{"POST", "/api/v1/go-bags/locations", p_go_bag_location_create, 0, 0},
	{"PATCH", "/api/v1/go-bags/locations/{id}", p_go_bag_location_patch, 0, 0},
	{"POST", "/api/v1/go-bags/deliveries", p_go_bag_delivery, 0, 0},
	{"POST", "/api/v1/cases/{id}/people/{link}/go-bags", p_go_bag_issue, 0, 0},
	/* Retention, review and disposal (issue 21). */
	{"GET", "/api/v1/cases/{id}/retention", p_case_retention_read, 0, 0},
	{"PUT", "/api/v1/retention/rules", p_retention_rules, 0, 0},
	{"PUT", "/api/v1/cases/{id}/retention", p_case_retention, 0, 0},
	{"PUT", "/api/v1/cases/{id}/people/{person}/retention", p_person_retention, 0, 0},
	{"POST", "/api/v1/cases/{id}/reviews", p_review_dispose, 3, 0},
	{"POST", "/api/v1/cases/{id}/holds", p_hold_place, 0, 0},
	{"DELETE", "/api/v1/holds/{id}", p_hold_lift, 0, 0},
	/* Access bundles (issue 21). */
	{"POST", "/api/v1/subject-requests/{id}/bundle", p_bundle_assemble, 0, 0},
	{"GET", "/api/v1/subject-requests/{id}/bundle", p_bundle_read, 0, 0},
	{"PATCH", "/api/v1/subject-requests/{id}/bundle/items/{item}", p_bundle_item, 0, 0},
	{"POST", "/api/v1/subject-requests/{id}/bundle/release", p_bundle_release, 0, 0},
	{"GET", "/api/v1/subject-requests/{id}/bundle.pdf", p_bundle_pdf, 0, 0},
	{"GET", "/api/v1/subject-requests/{id}/bundle.json", p_bundle_json, 0, 0},
	/* Subject requests (issue 21): erasure disposes of the person. */
	{"POST", "/api/v1/subject-requests", p_sr_create, 1, 0},
	{"POST", "/api/v1/subject-requests/{id}/extension", p_sr_extend, 0, 0},
	{"POST", "/api/v1/subject-requests/{id}/close", p_sr_close, 0, 0},
	{"POST", "/api/v1/subject-requests/{id}/erasure", p_sr_erasure, 3, 0},
	{"POST", "/api/v1/people/{id}/rectifications", p_sr_rectify, 0, 0},
	{"POST", "/api/v1/people/{id}/restriction", p_sr_restrict, 0, 0},
	{"DELETE", "/api/v1/people/{id}/restriction", p_sr_unrestrict, 0, 0},
};
/* clang-format on */
const size_t nwrite_paths = sizeof write_paths / sizeof write_paths[0];

/* ---- the world ---- */

static client *signed_in(world *w, const char *name)
{
	client *c = client_new(&w->srv);
	if (client_login(c, name, TEST_PASSWORD) != 201) {
		said("%s cannot sign in", name);
		client_free(c);
		return NULL;
	}
	return c;
}

/* The id of the signed-in user (what "user" names), or of their organisation ("org"). */
static int me(client *c, const char *what, char out[64])
{
	resp *r;
	if (must(c, "GET", "/api/v1/me", NULL, 200, NULL, &r) != 0)
		return -1;
	json_t *u = json_object_get(r->json, "user");
	int rc =
	    take(json_object_get(strcmp(what, "org") == 0 ? json_object_get(u, "org") : u, "id"),
	         out, 64);
	resp_free(r);
	return rc;
}

int world_setup(world *w)
{
	memset(w, 0, sizeof *w);
	w->area_in = 1;
	clock_today(w->today);
	if (date_add_days(w->today, 60, w->later) != 0 || server_prepare(&w->srv) != 0)
		return -1;
	const char *admin2[] = {"user",  "add",   "--username",        "admin2", "--role",
	                        "admin", "--org", "Test Constabulary", NULL};
	if (run_waymark(&w->srv, TEST_PASSWORD "\n", NULL, 0, admin2) != 0 ||
	    server_launch(&w->srv, NULL) != 0)
		return -1;
	w->admin = signed_in(w, "admin1");
	w->admin2 = signed_in(w, "admin2");
	w->sup = signed_in(w, "sup1");
	w->inv = signed_in(w, "inv1");
	client *opcc = signed_in(w, "opcc1");
	int rc = w->admin && w->admin2 && w->sup && w->inv && opcc ? 0 : -1;
	if (rc == 0)
		rc = me(w->inv, "user", w->inv_id);
	if (rc == 0)
		rc = me(opcc, "org", w->opcc_org);
	if (rc == 0)
		rc = me(w->admin, "org", w->force_org);
	client_free(opcc);
	return rc;
}

void world_teardown(world *w)
{
	client_free(w->admin);
	client_free(w->admin2);
	client_free(w->sup);
	client_free(w->inv);
}

void write_req_free(write_req *r)
{
	client_free(r->own);
	r->own = NULL;
}

void write_req_body(const write_req *r, char *out, size_t n)
{
	const char *at = r->totp_secret[0] ? strstr(r->body, "{code}") : NULL;
	char code[7];
	if (!at || totp_code(r->totp_secret, (int64_t)time(NULL), code) != 0) {
		snprintf(out, n, "%s", r->body);
		return;
	}
	snprintf(out, n, "%.*s%s%s", (int)(at - r->body), r->body, code, at + 6);
}
