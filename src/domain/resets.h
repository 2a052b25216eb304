/* One-time links to choose a password, and second-factor resets that take
 * two administrators: their lifetimes and limits. */
#ifndef WAYMARK_DOMAIN_RESETS_H
#define WAYMARK_DOMAIN_RESETS_H

#include <stdint.h>

/* A link is good for 24 hours, and one newer link replaces it. */
#define RESET_LINK_MS (24LL * 60 * 60 * 1000)
/* Wrong second-factor codes given with one link before it is burnt. */
#define RESET_WRONG_CODES 5
/* A request to clear a second factor waits this long for a second administrator. */
#define SECOND_FACTOR_RESET_MS (24LL * 60 * 60 * 1000)

typedef enum {
	RESET_LIVE,
	RESET_USED,
	RESET_REVOKED, /* replaced by a newer link, or burnt by wrong codes */
	RESET_EXPIRED,
} reset_state;

/* The state of a link: used and revoked come first, then the clock. A link
 * whose expiry cannot be read counts as expired. Can't fail. */
reset_state reset_state_of(int used, int revoked, const char *expires_at, int64_t now_ms);
/* The state's name for the audit trail ("live", "used", "revoked", "expired"). */
const char *reset_state_name(reset_state s);

#endif
