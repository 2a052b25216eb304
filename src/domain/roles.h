/* Roles and what each may do. See docs/security.md for the table. */
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
	ROLE_COUNT
} role;

typedef enum {
	PERM_MANAGE_ACCOUNTS, /* users, teams, organisations, security settings */
	PERM_READ_AUDIT,      /* the audit log */
	PERM_CASE_DATA,       /* any case or person data at all */
} permission;

/* The role's name as stored and sent ("admin", ...), or NULL for an invalid role. */
const char *role_name(role r);
/* Parses a role name. Returns 0 and sets *out, or -1 when unknown. */
int role_parse(const char *name, role *out);
/* The kind of organisation an account of the role belongs to: "partner"
 * for partners, "opcc" for the Commissioner's office, else "force". */
const char *role_org_kind(role r);
/* Returns 1 when the role holds the permission. */
int role_may(role r, permission p);

#endif
