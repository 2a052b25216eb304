/* The client behind a trusted proxy. */
#include "http/forwarded.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

int forwarded_proxy_add(forwarded_proxies *p, const char *text)
{
	if (p->n >= FORWARDED_PROXIES_MAX)
		return -1;
	unsigned char addr[16];
	int family;
	if (inet_pton(AF_INET, text, addr) == 1)
		family = AF_INET;
	else if (inet_pton(AF_INET6, text, addr) == 1)
		family = AF_INET6;
	else
		return -1;
	p->a[p->n].family = family;
	memcpy(p->a[p->n].addr, addr, family == AF_INET ? 4 : 16);
	p->n++;
	return 0;
}

int forwarded_is_proxy(const forwarded_proxies *p, const struct sockaddr *peer)
{
	if (!peer)
		return 0;
	int family = peer->sa_family;
	const unsigned char *addr;
	if (family == AF_INET) {
		addr = (const unsigned char *)&((const struct sockaddr_in *)peer)->sin_addr;
	} else if (family == AF_INET6) {
		const struct in6_addr *a6 = &((const struct sockaddr_in6 *)peer)->sin6_addr;
		addr = (const unsigned char *)a6;
		if (IN6_IS_ADDR_V4MAPPED(a6)) {
			family = AF_INET;
			addr += 12;
		}
	} else {
		return 0;
	}
	for (size_t i = 0; i < p->n; i++) {
		if (p->a[i].family == family &&
		    memcmp(p->a[i].addr, addr, family == AF_INET ? 4 : 16) == 0)
			return 1;
	}
	return 0;
}

static int is_ows(char c)
{
	return c == ' ' || c == '\t';
}

int forwarded_client(const char *value, char *out, size_t n)
{
	out[0] = '\0';
	const char *start = strrchr(value, ',');
	start = start ? start + 1 : value;
	while (is_ows(*start))
		start++;
	size_t len = strlen(start);
	while (len && is_ows(start[len - 1]))
		len--;
	char entry[INET6_ADDRSTRLEN];
	if (len == 0 || len >= sizeof entry)
		return -1;
	memcpy(entry, start, len);
	entry[len] = '\0';
	unsigned char addr[16];
	int family = AF_INET;
	if (inet_pton(AF_INET, entry, addr) != 1) {
		family = AF_INET6;
		if (inet_pton(AF_INET6, entry, addr) != 1)
			return -1;
	}
	if (!inet_ntop(family, addr, out, (socklen_t)n)) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}
