#include "domain/roles.h"

#include <stdio.h>
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
	[ROLE_RECORDS_MANAGER] = "records_manager",
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

int role_fits_org(role r, const char *kind)
{
	if (!kind)
		return 0;
	if (r == ROLE_ADMIN || r == ROLE_AUDITOR)
		return strcmp(kind, "force") == 0 || strcmp(kind, "partner") == 0 || strcmp(kind, "opcc") == 0;
	return strcmp(kind, role_org_kind(r)) == 0;
}

int role_second_factor_required(const char *roles_json, role r)
{
	if (!roles_json)
		return 1;
	const char *name = role_name(r);
	if (!name)
		return 1;
	/* Names are plain words, so the quoted name appears only as an item. */
	char quoted[32];
	snprintf(quoted, sizeof quoted, "\"%s\"", name);
	return strstr(roles_json, quoted) != NULL;
}
