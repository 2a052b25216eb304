#include "domain/roles.h"

#include <string.h>

static const char *const names[ROLE_COUNT] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_SUPERVISOR] = "supervisor",
	[ROLE_INVESTIGATOR] = "investigator",
	[ROLE_SAFEGUARDING] = "safeguarding",
	[ROLE_ANALYST] = "analyst",
	[ROLE_OPCC] = "opcc",
	[ROLE_PARTNER] = "partner",
	[ROLE_AUDITOR] = "auditor",
};

const char *role_name(role r)
{
	return (unsigned)r < ROLE_COUNT ? names[r] : NULL;
}

int role_parse(const char *name, role *out)
{
	for (int i = 0; i < ROLE_COUNT; i++) {
		if (strcmp(names[i], name) == 0) {
			*out = (role)i;
			return 0;
		}
	}
	return -1;
}

const char *role_org_kind(role r)
{
	return r == ROLE_PARTNER ? "partner" : r == ROLE_OPCC ? "opcc" : "force";
}

int role_may(role r, permission p)
{
	switch (p) {
	case PERM_MANAGE_ACCOUNTS:
		return r == ROLE_ADMIN;
	case PERM_READ_AUDIT:
		return r == ROLE_AUDITOR;
	case PERM_CASE_DATA:
		/* Admins run the system and auditors read the log: neither sees cases.
		 * The OPCC sees aggregates only. */
		return r == ROLE_SUPERVISOR || r == ROLE_INVESTIGATOR || r == ROLE_SAFEGUARDING ||
		       r == ROLE_ANALYST || r == ROLE_PARTNER;
	}
	return 0;
}
