/* The OpenAPI document and the route table describe the same API. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

extern const char openapi_json[];

static void lower(const char *in, char *out, size_t n)
{
	size_t i = 0;
	for (; in[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

static void test_every_route_is_documented(void **state)
{
	(void)state;
	json_t *doc = json_loads(openapi_json, 0, NULL);
	assert_non_null(doc);
	json_t *paths = json_object_get(doc, "paths");
	for (size_t i = 0; i < api_nroutes; i++) {
		char m[16];
		lower(api_routes[i].method, m, sizeof m);
		json_t *op = json_object_get(json_object_get(paths, api_routes[i].pattern), m);
		if (!op)
			fail_msg("%s %s is not in openapi.json", api_routes[i].method,
				 api_routes[i].pattern);
		/* Unsafe methods on a session document the CSRF header. */
		if (!(api_routes[i].flags & API_PUBLIC) && strcmp(m, "get") != 0) {
			char *params = json_dumps(json_object_get(op, "parameters"), 0);
			int has = params && strstr(params, "CsrfToken");
			free(params);
			if (!has)
				fail_msg("%s %s does not document X-CSRF-Token", api_routes[i].method,
					 api_routes[i].pattern);
		}
		assert_non_null(json_object_get(op, "responses"));
	}
	json_decref(doc);
}

static void test_every_documented_operation_is_routed(void **state)
{
	(void)state;
	json_t *doc = json_loads(openapi_json, 0, NULL);
	const char *path;
	json_t *item;
	json_object_foreach(json_object_get(doc, "paths"), path, item)
	{
		const char *method;
		json_t *op;
		json_object_foreach(item, method, op)
		{
			if (strcmp(method, "parameters") == 0)
				continue;
			int found = 0;
			for (size_t i = 0; i < api_nroutes; i++) {
				char m[16];
				lower(api_routes[i].method, m, sizeof m);
				found |= strcmp(api_routes[i].pattern, path) == 0 &&
					 strcmp(m, method) == 0;
			}
			if (!found)
				fail_msg("openapi.json documents %s %s, which no route answers", method,
					 path);
		}
	}
	json_decref(doc);
}

static void test_document_is_openapi_3_1(void **state)
{
	(void)state;
	json_t *doc = json_loads(openapi_json, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_is_documented),
		cmocka_unit_test(test_every_documented_operation_is_routed),
		cmocka_unit_test(test_document_is_openapi_3_1),
	};
	return cmocka_run_group_tests_name("api/openapi", tests, NULL, NULL);
}
