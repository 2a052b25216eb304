#include "domain/notices.h"

#include <stdio.h>
#include <string.h>

/* Each text is the actor's name followed by the rest of the sentence. */
static const struct {
	const char *kind;
	const char *after_actor;
} texts[] = {
    {NOTICE_RESET_ISSUED,
     " made a one-time link to reset your password. If you did not ask for it, "
     "tell another administrator."},
    {NOTICE_PASSWORD_RESET,
     " made the one-time link with which your password was reset. If you did not "
     "choose the new password yourself, tell another administrator at once."},
    {NOTICE_SECOND_FACTOR_REQUESTED,
     " asked for your second factor to be cleared. It is cleared only when "
     "a second administrator approves."},
    {NOTICE_SECOND_FACTOR_CLEARED, " cleared your second factor and recovery codes. Set up your "
                                   "authenticator app again when you are asked."},
};

size_t notice_text(const char *kind, const char *actor, char *out, size_t n)
{
	if (!kind)
		return 0;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		if (strcmp(texts[i].kind, kind) != 0)
			continue;
		int len =
		    snprintf(out, n, "%s%s", actor && actor[0] ? actor : "The system operator",
		             texts[i].after_actor);
		if (len < 0)
			return 0;
		return (size_t)len < n ? (size_t)len : (n ? n - 1 : 0);
	}
	if (n)
		out[0] = '\0';
	return 0;
}
