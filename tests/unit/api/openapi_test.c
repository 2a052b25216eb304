/* The OpenAPI document and the route table describe the same API, and its
 * enums of fixed lists are the lists the API checks (src/domain/vocab.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/vocab.h"

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

/* Properties whose enum is a vocabulary, wherever the document has them. */
static const struct {
	const char *property;
	const vocab *v;
} enums[] = {
	{"gender", &vocab_gender},
	{"exploitation_types", &vocab_nrm_exploitation},
	{"relationship_to_trafficker", &vocab_relationships},
	{"method_of_recruitment", &vocab_recruitment},
	{"methods_of_control", &vocab_control},
	{"types_of_exploitation", &vocab_exploitation},
};
#define NENUMS (sizeof enums / sizeof enums[0])

/* The enum's strings are the vocabulary's codes, in its order (null aside). */
static void assert_enum_is(json_t *en, const char *property, const vocab *v)
{
	size_t k = 0, i;
	json_t *x;
	json_array_foreach(en, i, x)
	{
		if (json_is_null(x))
			continue;
		if (k >= v->n || strcmp(json_string_value(x), v->entries[k].code) != 0)
			fail_msg("openapi.json's enum of %s differs from the %s list at %s", property,
				 v->name, json_string_value(x));
		k++;
	}
	if (k != v->n)
		fail_msg("openapi.json's enum of %s lacks %s", property, v->entries[k].code);
}

static void check_enums(json_t *node, int seen[NENUMS])
{
	const char *key;
	json_t *child;
	size_t i;
	if (json_is_array(node))
		json_array_foreach(node, i, child)
			check_enums(child, seen);
	if (!json_is_object(node))
		return;
	json_object_foreach(node, key, child)
	{
		for (size_t e = 0; e < NENUMS; e++) {
			if (strcmp(key, enums[e].property) != 0 || !json_is_object(child))
				continue;
			json_t *en = json_object_get(child, "enum");
			if (!en)
				en = json_object_get(json_object_get(child, "items"), "enum");
			if (en) {
				assert_enum_is(en, key, enums[e].v);
				seen[e]++;
			}
		}
		check_enums(child, seen);
	}
}

static void test_enums_of_fixed_lists_are_the_lists(void **state)
{
	(void)state;
	json_t *doc = json_loads(openapi_json, 0, NULL);
	int seen[NENUMS] = {0};
	check_enums(json_object_get(doc, "paths"), seen);
	check_enums(json_object_get(doc, "components"), seen);
	for (size_t e = 0; e < NENUMS; e++)
		if (!seen[e])
			fail_msg("openapi.json gives no enum for %s", enums[e].property);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_is_documented),
		cmocka_unit_test(test_every_documented_operation_is_routed),
		cmocka_unit_test(test_document_is_openapi_3_1),
		cmocka_unit_test(test_enums_of_fixed_lists_are_the_lists),
	};
	return cmocka_run_group_tests_name("api/openapi", tests, NULL, NULL);
}
