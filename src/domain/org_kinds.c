#include "domain/org_kinds.h"

#include <string.h>

static const struct {
	const char *kind, *class_name;
} kinds[] = {
    {"force", "force"},
    {"opcc", "opcc"},
    {"local_authority", "partner"},
    {"support_provider", "partner"},
    {"guardian", "partner"},
    {"health", "partner"},
    {"other", "partner"},
};

const char org_partner_kinds_text[] =
    "local_authority, support_provider, guardian, health or other";

const char *org_kind_class(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return kinds[i].class_name;
	return NULL;
}

int org_kind_is_partner(const char *kind)
{
	const char *c = org_kind_class(kind);
	return c && strcmp(c, "partner") == 0;
}

const char *org_kind_of(const char *class_name, const char *partner_kind)
{
	return partner_kind && partner_kind[0] ? partner_kind : class_name;
}

const char *org_kind_default(const char *class_name)
{
	return class_name && strcmp(class_name, "partner") == 0 ? ORG_PARTNER_KIND_DEFAULT
	                                                        : class_name;
}

int org_kind_filter_valid(const char *kind)
{
	return org_kind_class(kind) || (kind && strcmp(kind, "partner") == 0);
}
