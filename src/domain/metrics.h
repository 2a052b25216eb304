/* Who may read the metrics: figures that name no one, but show how the
 * service is used and by how many, so not for the open network. */
#ifndef WAYMARK_DOMAIN_METRICS_H
#define WAYMARK_DOMAIN_METRICS_H

#define METRICS_TOKEN_MIN 32  /* characters in a configured token, at least */
#define METRICS_TOKEN_MAX 512 /* and at most */

/* Whether peer (an address as inet_ntop writes it) is a loopback address:
 * 127.0.0.0/8, ::1, or a 127.x address mapped into IPv6. */
int metrics_peer_loopback(const char *peer);
/* Whether token is acceptable as a configured token: METRICS_TOKEN_MIN to
 * METRICS_TOKEN_MAX characters of base64 or hex (RFC 6750's b64token). */
int metrics_token_valid(const char *token);
/* Whether a request may read the metrics: it comes from a loopback peer and
 * trust_loopback is set, or its Authorization header (NULL when absent) is
 * "Bearer <token>" with the token whose SHA-256 in hex is token_sha256
 * (NULL when none is configured). The token is compared in constant time. */
int metrics_may_read(const char *peer, int trust_loopback, const char *authorization,
		     const char *token_sha256);

#endif
