#include "domain/resets.h"

#include "lib/clock.h"

reset_state reset_state_of(int used, int revoked, const char *expires_at, int64_t now_ms)
{
	if (used)
		return RESET_USED;
	if (revoked)
		return RESET_REVOKED;
	int64_t until;
	if (!expires_at || clock_parse_iso(expires_at, &until) != 0 || until <= now_ms)
		return RESET_EXPIRED;
	return RESET_LIVE;
}

const char *reset_state_name(reset_state s)
{
	switch (s) {
	case RESET_LIVE:
		return "live";
	case RESET_USED:
		return "used";
	case RESET_REVOKED:
		return "revoked";
	default:
		return "expired";
	}
}
