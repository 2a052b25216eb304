/* Kinds of organisation. Each organisation is of one class, which decides
 * who may belong to it (roles.h role_fits_org) and what they reach: a
 * police force ("force"), a Police and Crime Commissioner's office
 * ("opcc") or a partner ("partner"). A partner is also of one partner kind:
 * a local authority (children's or adult social care), a support provider
 * (a charity or a commissioned service), an Independent Child Trafficking
 * Guardianship service, a health service, or another. The API names an
 * organisation's kind by its partner kind when it has one, else by its
 * class; "partner" itself is a class, not a kind. */
#ifndef WAYMARK_DOMAIN_ORG_KINDS_H
#define WAYMARK_DOMAIN_ORG_KINDS_H

/* Room for any kind or class with its terminating NUL. */
#define ORG_KIND_LEN 24

/* The partner kind of a new partner organisation when none is named. */
#define ORG_PARTNER_KIND_DEFAULT "support_provider"

/* The partner kinds, for messages: "local_authority, support_provider,
 * guardian, health or other". */
extern const char org_partner_kinds_text[];

/* The class of a kind ("force", "opcc", or "partner" for a partner kind),
 * or NULL when kind (which may be NULL) is no kind. */
const char *org_kind_class(const char *kind);
/* Whether kind (which may be NULL) is one of the partner kinds. */
int org_kind_is_partner(const char *kind);
/* The kind an organisation of the class with the partner kind is named by:
 * the partner kind when it has one (not NULL or ""), else the class. */
const char *org_kind_of(const char *class_name, const char *partner_kind);
/* The kind a new organisation of the class is of when no kind is named:
 * ORG_PARTNER_KIND_DEFAULT for "partner", else the class itself. */
const char *org_kind_default(const char *class_name);
/* Whether a list of organisations may be asked for those of kind: any
 * kind, or the class "partner" (every partner kind). */
int org_kind_filter_valid(const char *kind);

#endif
