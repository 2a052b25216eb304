#include "domain/metrics.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

#include "lib/secure.h"

int metrics_peer_loopback(const char *peer)
{
	if (!peer)
		return 0;
	struct in_addr a4;
	if (inet_pton(AF_INET, peer, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	struct in6_addr a6;
	if (inet_pton(AF_INET6, peer, &a6) != 1)
		return 0;
	if (IN6_IS_ADDR_LOOPBACK(&a6))
		return 1;
	return IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127;
}

static int b64token_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c && strchr("-._~+/", c));
}

int metrics_token_valid(const char *token)
{
	if (!token)
		return 0;
	size_t n = 0;
	while (token[n] && b64token_char(token[n]))
		n++;
	/* Padding '=' may only end it. */
	size_t end = n;
	while (token[end] == '=')
		end++;
	return token[end] == '\0' && n >= METRICS_TOKEN_MIN && end <= METRICS_TOKEN_MAX;
}

int metrics_may_read(const char *peer, int trust_loopback, const char *authorization,
		     const char *token_sha256)
{
	if (trust_loopback && metrics_peer_loopback(peer))
		return 1;
	if (!token_sha256 || !authorization)
		return 0;
	if (strncasecmp(authorization, "Bearer ", 7) != 0)
		return 0;
	const char *given = authorization + 7;
	while (*given == ' ')
		given++;
	if (strlen(given) > METRICS_TOKEN_MAX)
		return 0;
	/* Digests of equal length compare in constant time, whatever was sent. */
	char digest[SECURE_SHA256_HEX];
	secure_sha256_hex(given, strlen(given), digest);
	return secure_str_equal(digest, token_sha256);
}
