/* Roles. What each may do is the access table (domain/access.h). */
#ifndef WAYMARK_DOMAIN_ROLES_H
#define WAYMARK_DOMAIN_ROLES_H

typedef enum {
	ROLE_ADMIN,
	ROLE_SUPERVISOR,
	ROLE_INVESTIGATOR,
	ROLE_SAFEGUARDING,
	ROLE_ANALYST,
	ROLE_OPCC,
	ROLE_PARTNER,
	ROLE_AUDITOR,
	ROLE_RECORDS_MANAGER, /* the force's information management unit: reviews, disposal, subject requests */
	ROLE_COUNT
} role;

/* The role's name as stored and sent ("admin", ...), or NULL for an invalid role. */
const char *role_name(role r);
/* Parses a role name. Returns 0 and sets *out, or -1 when unknown. */
int role_parse(const char *name, role *out);
/* The class of organisation (domain/org_kinds.h) an account of the role
 * belongs to: "partner" for partners, "opcc" for the Commissioner's office,
 * else "force". */
const char *role_org_kind(role r);
/* Whether an account of the role may belong to an organisation of the class
 * ("force", "partner", "opcc"): partners to a partner organisation, the
 * Commissioner's office's role to one, the force roles to a force;
 * administrators and auditors to any. */
int role_fits_org(role r, const char *kind);
/* Whether the role must use a second factor under an organisation's
 * setting: a JSON array of role names as stored, or NULL when the
 * organisation has none, in which case every role must. */
int role_second_factor_required(const char *roles_json, role r);

#endif
