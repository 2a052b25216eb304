/* The client behind a trusted proxy: which peers are proxies, and the
 * address a proxy appended to X-Forwarded-For. For the files of src/http/. */
#ifndef WAYMARK_HTTP_FORWARDED_H
#define WAYMARK_HTTP_FORWARDED_H

#include <stddef.h>
#include <sys/socket.h>

#define FORWARDED_PROXIES_MAX 16

typedef struct forwarded_proxies {
	size_t n;
	struct {
		int family; /* AF_INET or AF_INET6 */
		unsigned char addr[16];
	} a[FORWARDED_PROXIES_MAX];
} forwarded_proxies;

/* Adds a proxy's address (IPv4 or IPv6 text) to p. Returns 0, or -1 when
 * text is no address or p is full. */
int forwarded_proxy_add(forwarded_proxies *p, const char *text);

/* Returns 1 when the peer is one of p's proxies (an IPv4 peer seen as
 * ::ffff:a.b.c.d counts as a.b.c.d), else 0. peer may be NULL. */
int forwarded_is_proxy(const forwarded_proxies *p, const struct sockaddr *peer);

/* Writes to out (n bytes, at least INET6_ADDRSTRLEN) the client address of
 * an X-Forwarded-For value: its rightmost entry, the one the proxy appended,
 * in canonical form. Returns 0, or -1 when that entry is not an IP address
 * (out is then ""). */
int forwarded_client(const char *value, char *out, size_t n);

#endif
