/* libFuzzer harness: the router over the real route table. The first byte
 * picks the method; the rest is the path. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
	if (size < 1)
		return 0;
	const char *method = methods[data[0] % 7];
	char *path = malloc(size);
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	router_match m;
	router_find(api_routes, api_nroutes, method, path, &m);
	if (m.route) {
		for (int i = 0; i < m.nparams; i++) {
			/* Every captured value lies inside the path and holds no '/'. */
			if (m.values[i] < path || m.values[i] + m.value_lens[i] > path + strlen(path) ||
			    memchr(m.values[i], '/', m.value_lens[i]))
				abort();
		}
	}
	char allow[128];
	router_allow(api_routes, api_nroutes, path, allow, sizeof allow);
	free(path);
	return 0;
}
