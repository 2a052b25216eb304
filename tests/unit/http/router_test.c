#include "unit/test.h"

#include "http/router.h"

static void h(http_req *req)
{
	(void)req;
}

static const http_route routes[] = {
	{"GET", "/api/v1/me", h, 0},
	{"GET", "/api/v1/users", h, 0},
	{"POST", "/api/v1/users", h, 0},
	{"GET", "/api/v1/users/{id}", h, 0},
	{"PATCH", "/api/v1/users/{id}", h, 0},
	{"PUT", "/api/v1/users/{id}/password", h, 0},
	{"GET", "/api/v1/cases/{case}/people/{person}", h, 0},
};

static void test_match_table(void **state)
{
	(void)state;
	static const struct {
		const char *method, *path;
		int index;
		int mismatch;
	} cases[] = {
		{"GET", "/api/v1/me", 0, 0},
		{"HEAD", "/api/v1/me", 0, 0},
		{"POST", "/api/v1/users", 2, 0},
		{"GET", "/api/v1/users/abc", 3, 0},
		{"PATCH", "/api/v1/users/abc", 4, 0},
		{"PUT", "/api/v1/users/abc/password", 5, 0},
		{"DELETE", "/api/v1/users/abc", -1, 1},
		{"GET", "/api/v1/users/", -1, 0},
		{"GET", "/api/v1/users/abc/", -1, 0},
		{"GET", "/api/v1/me/", -1, 0},
		{"GET", "/api/v1/mex", -1, 0},
		{"GET", "/api/v1", -1, 0},
		{"GET", "", -1, 0},
		{"GET", "/api/v1/cases/c1/people/p2", 6, 0},
		{"GET", "/api/v1/cases//people/p2", -1, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		router_match m;
		router_find(routes, 7, cases[i].method, cases[i].path, &m);
		if (m.route_index != cases[i].index || m.method_mismatch != cases[i].mismatch)
			fail_msg("%s %s: route %d mismatch %d", cases[i].method, cases[i].path,
				 m.route_index, m.method_mismatch);
	}
}

static void test_parameters_are_captured(void **state)
{
	(void)state;
	router_match m;
	router_find(routes, 7, "GET", "/api/v1/cases/MS-2026-00001/people/xyz", &m);
	assert_int_equal(m.nparams, 2);
	assert_int_equal(m.name_lens[0], 4);
	assert_memory_equal(m.names[0], "case", 4);
	assert_int_equal(m.value_lens[0], 13);
	assert_memory_equal(m.values[0], "MS-2026-00001", 13);
	assert_memory_equal(m.values[1], "xyz", 3);
}

static void test_allow_lists_the_methods_of_a_path(void **state)
{
	(void)state;
	char allow[64];
	router_allow(routes, 7, "/api/v1/users/7", allow, sizeof allow);
	assert_string_equal(allow, "GET, PATCH");
	router_allow(routes, 7, "/nothing", allow, sizeof allow);
	assert_string_equal(allow, "");
}

static void test_overlong_paths_match_nothing(void **state)
{
	(void)state;
	char *p = malloc(ROUTER_MAX_PATH + 10);
	memset(p, 'a', ROUTER_MAX_PATH + 9);
	p[0] = '/';
	p[ROUTER_MAX_PATH + 9] = '\0';
	router_match m;
	router_find(routes, 7, "GET", p, &m);
	assert_null(m.route);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_table),
		cmocka_unit_test(test_parameters_are_captured),
		cmocka_unit_test(test_allow_lists_the_methods_of_a_path),
		cmocka_unit_test(test_overlong_paths_match_nothing),
	};
	return cmocka_run_group_tests_name("http/router", tests, NULL, NULL);
}
