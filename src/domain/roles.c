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
