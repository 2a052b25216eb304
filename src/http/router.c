#include "http/router.h"

#include <stdio.h>
#include <string.h>

/* Matches one pattern against path, filling params. Returns 1 on a match. */
static int match(const char *pat, const char *path, router_match *m)
{
	m->nparams = 0;
	const char *p = pat, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (!close || m->nparams == ROUTER_MAX_PARAMS)
				return 0;
			size_t n = strcspn(s, "/");
			if (n == 0)
				return 0;
			m->names[m->nparams] = p + 1;
			m->name_lens[m->nparams] = (size_t)(close - p - 1);
			m->values[m->nparams] = s;
			m->value_lens[m->nparams] = n;
			m->nparams++;
			p = close + 1;
			s += n;
		} else if (*p == *s) {
			p++;
			s++;
		} else {
			return 0;
		}
	}
	return *p == '\0' && *s == '\0';
}

void router_find(const http_route *routes, size_t n, const char *method, const char *path,
		 router_match *m)
{
	memset(m, 0, sizeof *m);
	m->route_index = -1;
	if (strlen(path) > ROUTER_MAX_PATH)
		return;
	router_match tmp;
	for (size_t i = 0; i < n; i++) {
		memset(&tmp, 0, sizeof tmp);
		if (!match(routes[i].pattern, path, &tmp))
			continue;
		if (strcmp(routes[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
			*m = tmp;
			m->route = &routes[i];
			m->route_index = (int)i;
			m->method_mismatch = 0;
			return;
		}
		m->method_mismatch = 1;
	}
}

void router_allow(const http_route *routes, size_t n, const char *path, char *out, size_t outlen)
{
	size_t at = 0;
	out[0] = '\0';
	router_match tmp;
	for (size_t i = 0; i < n; i++) {
		if (!match(routes[i].pattern, path, &tmp))
			continue;
		int w = snprintf(out + at, outlen - at, "%s%s", at ? ", " : "", routes[i].method);
		if (w < 0 || (size_t)w >= outlen - at)
			return;
		at += (size_t)w;
	}
}
